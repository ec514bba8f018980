package analysis

import (
	"cmp"
	"iter"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
)

// Gain is what one recipient is paid under two plans (or two scenarios)
// in one period: the sums of its lines, and Delta = After − Before.
type Gain struct {
	Recipient incentive.Recipient `json:"recipient"`
	Before    decimal.Decimal     `json:"before"`
	After     decimal.Decimal     `json:"after"`
	Delta     decimal.Decimal     `json:"delta"`
}

// Equal reports whether g and o are equal field by field (decimals
// numerically).
func (g Gain) Equal(o Gain) bool {
	return g.Recipient == o.Recipient && g.Before.Equal(o.Before) && g.After.Equal(o.After) && g.Delta.Equal(o.Delta)
}

// Gains says who gains and who loses from a change, and by how much.
// Recipients lists every recipient paid on either side, the greatest gain
// first and the greatest loss last (ties by recipient ID, then kind). All
// figures are exact sums of rounded lines:
//
//	Gained + Lost = Delta = After − Before,
//
// where Gained sums the positive deltas and Lost the negative ones.
type Gains struct {
	Recipients []Gain          `json:"recipients"`
	Winners    int             `json:"winners"`
	Losers     int             `json:"losers"`
	Unchanged  int             `json:"unchanged"`
	Before     decimal.Decimal `json:"before"`
	After      decimal.Decimal `json:"after"`
	Gained     decimal.Decimal `json:"gained"`
	Lost       decimal.Decimal `json:"lost"`
	Delta      decimal.Decimal `json:"delta"`
}

// Equal reports whether g and o are equal field by field.
func (g Gains) Equal(o Gains) bool {
	return slices.EqualFunc(g.Recipients, o.Recipients, Gain.Equal) && g.Winners == o.Winners &&
		g.Losers == o.Losers && g.Unchanged == o.Unchanged && g.Before.Equal(o.Before) &&
		g.After.Equal(o.After) && g.Gained.Equal(o.Gained) && g.Lost.Equal(o.Lost) && g.Delta.Equal(o.Delta)
}

// Gains sums d's lines per recipient (see Gains).
func (d Diff) Gains() Gains {
	by := map[incentive.Recipient]*Gain{}
	for _, l := range d.Lines {
		g := by[l.Recipient]
		if g == nil {
			g = &Gain{Recipient: l.Recipient}
			by[l.Recipient] = g
		}
		g.Before = g.Before.Add(l.Base)
		g.After = g.After.Add(l.Alt)
	}
	var out Gains
	for _, g := range by {
		g.Delta = g.After.Sub(g.Before)
		out.Recipients = append(out.Recipients, *g)
		out.Before = out.Before.Add(g.Before)
		out.After = out.After.Add(g.After)
		switch g.Delta.Sign() {
		case 1:
			out.Winners++
			out.Gained = out.Gained.Add(g.Delta)
		case -1:
			out.Losers++
			out.Lost = out.Lost.Add(g.Delta)
		default:
			out.Unchanged++
		}
	}
	out.Delta = out.After.Sub(out.Before)
	slices.SortFunc(out.Recipients, func(a, b Gain) int {
		return cmp.Or(b.Delta.Cmp(a.Delta), strings.Compare(a.Recipient.ID, b.Recipient.ID), cmp.Compare(a.Recipient.Kind, b.Recipient.Kind))
	})
	return out
}

// Compare evaluates plans a and b for the same population (the same
// transactions and facts over period) and returns who gains and who loses
// moving from a to b: WhatIf(a, Change{Plan: b}, …).Gains(). Use it for
// this year's plan against last year's, or against a competitor's
// declared programme written as a plan. Errors are WhatIf's; b must be
// valid (ErrPlan).
func Compare(a, b incentive.Plan, period incentive.Period, f incentive.Facts, seq iter.Seq[incentive.Transaction]) (Gains, error) {
	if !b.IsValid() {
		return Gains{}, wrap(ErrPlan, "the zero Plan")
	}
	d, err := WhatIf(a, Change{Plan: b}, period, f, seq)
	if err != nil {
		return Gains{}, err
	}
	return d.Gains(), nil
}
