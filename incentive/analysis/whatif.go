package analysis

import (
	"cmp"
	"iter"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
)

// Change is what a what-if evaluation changes: the plan (a second plan,
// with changed rates, tiers or caps), the volumes (a Scenario), or both.
// The zero Change changes nothing.
type Change struct {
	// Plan, if valid, is evaluated instead of the base plan. It must have
	// the base plan's currency.
	Plan incentive.Plan
	// Scenario scales the volumes of the transactions the alternative
	// sees and shifts their product mix (Scenario.Transactions); the base
	// sees them unchanged.
	Scenario Scenario
}

// LineDiff pairs a base line with the alternative's line for the same
// recipient and component: lines are paired by recipient, component ID
// and their rank among that component's versions in the period (almost
// always one), so that version "2025" of a component in a second plan
// pairs with version "2024" in the base. A line present on one side only
// pairs with zero.
type LineDiff struct {
	Recipient incentive.Recipient `json:"recipient"`
	Component string              `json:"component"`
	// HasBase and HasAlt say which sides have a line; Base and Alt are
	// their amounts (zero when absent), Delta = Alt − Base, exact (both
	// are already rounded lines).
	HasBase bool            `json:"has_base"`
	HasAlt  bool            `json:"has_alt"`
	Base    decimal.Decimal `json:"base"`
	Alt     decimal.Decimal `json:"alt"`
	Delta   decimal.Decimal `json:"delta"`
	// BaseTrace and AltTrace explain the two lines (zero when absent).
	BaseTrace incentive.Trace `json:"base_trace,omitzero"`
	AltTrace  incentive.Trace `json:"alt_trace,omitzero"`
}

// Equal reports whether l and o are equal field by field (decimals
// numerically, traces with Trace.Equal).
func (l LineDiff) Equal(o LineDiff) bool {
	return l.Recipient == o.Recipient && l.Component == o.Component && l.HasBase == o.HasBase &&
		l.HasAlt == o.HasAlt && l.Base.Equal(o.Base) && l.Alt.Equal(o.Alt) && l.Delta.Equal(o.Delta) &&
		l.BaseTrace.Equal(o.BaseTrace) && l.AltTrace.Equal(o.AltTrace)
}

// Diff is the result of WhatIf: both evaluations, every line paired, and
// the difference in total. Lines are sorted by recipient ID, recipient
// kind, component ID and rank; Σ Lines[i].Delta = Delta = AltTotal −
// BaseTotal exactly.
type Diff struct {
	Base      incentive.Result `json:"base"`
	Alt       incentive.Result `json:"alt"`
	Lines     []LineDiff       `json:"lines"`
	BaseTotal decimal.Decimal  `json:"base_total"`
	AltTotal  decimal.Decimal  `json:"alt_total"`
	Delta     decimal.Decimal  `json:"delta"`
}

// Equal reports whether d and o are equal field by field.
func (d Diff) Equal(o Diff) bool {
	return d.Base.Equal(o.Base) && d.Alt.Equal(o.Alt) && slices.EqualFunc(d.Lines, o.Lines, LineDiff.Equal) &&
		d.BaseTotal.Equal(o.BaseTotal) && d.AltTotal.Equal(o.AltTotal) && d.Delta.Equal(o.Delta)
}

// Changed returns the lines whose amount differs.
func (d Diff) Changed() []LineDiff {
	var out []LineDiff
	for _, l := range d.Lines {
		if !l.Delta.IsZero() {
			out = append(out, l)
		}
	}
	return out
}

// WhatIf evaluates p over period (as incentive.Evaluate does) and, in the
// same single pass over seq, the alternative of ch: ch.Plan (or p) on the
// transactions scaled by ch.Scenario. It returns both results and their
// difference line by line and in total. A zero Change gives a zero Delta
// on every line.
//
// It fails with ErrPlan for an invalid p, or a ch.Plan in another
// currency, and otherwise with incentive's own errors (a *DataError for a
// transaction or a missing fact), those of the alternative side only when
// the base side has none.
func WhatIf(p incentive.Plan, ch Change, period incentive.Period, f incentive.Facts, seq iter.Seq[incentive.Transaction]) (Diff, error) {
	if !p.IsValid() {
		return Diff{}, wrap(ErrPlan, "the zero Plan")
	}
	alt := p
	if ch.Plan.IsValid() {
		if ch.Plan.Currency() != p.Currency() {
			return Diff{}, wrap(ErrPlan, "the plans pay in %s and %s", p.Currency(), ch.Plan.Currency())
		}
		alt = ch.Plan
	}
	a, err := incentive.NewAccumulator(p, period)
	if err != nil {
		return Diff{}, err
	}
	b, err := incentive.NewAccumulator(alt, period)
	if err != nil {
		return Diff{}, err
	}
	for t := range seq {
		if err := a.Add(t); err != nil {
			return Diff{}, err
		}
		for _, u := range ch.Scenario.Transactions(t) {
			if err := b.Add(u); err != nil {
				return Diff{}, err
			}
		}
	}
	ra, err := a.Result(f)
	if err != nil {
		return Diff{}, err
	}
	rb, err := b.Result(f)
	if err != nil {
		return Diff{}, err
	}
	return diff(ra, rb), nil
}

// lineKey identifies a line for pairing.
type lineKey struct {
	rec       incentive.Recipient
	component string
	rank      int
}

func compareKeys(x, y lineKey) int {
	return cmp.Or(strings.Compare(x.rec.ID, y.rec.ID), cmp.Compare(x.rec.Kind, y.rec.Kind),
		strings.Compare(x.component, y.component), cmp.Compare(x.rank, y.rank))
}

// keyed returns r's lines with their pairing keys (lines are sorted by
// recipient, component and effective date, so a rank counts versions).
func keyed(r incentive.Result) map[lineKey]incentive.Line {
	out := make(map[lineKey]incentive.Line, len(r.Lines))
	for _, l := range r.Lines {
		k := lineKey{l.Recipient(), l.Component(), 0}
		for {
			if _, dup := out[k]; !dup {
				break
			}
			k.rank++
		}
		out[k] = l
	}
	return out
}

// diff pairs the lines of two results.
func diff(ra, rb incentive.Result) Diff {
	la, lb := keyed(ra), keyed(rb)
	keys := make([]lineKey, 0, len(la)+len(lb))
	for k := range la {
		keys = append(keys, k)
	}
	for k := range lb {
		if _, ok := la[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	d := Diff{Base: ra, Alt: rb, BaseTotal: ra.Total(), AltTotal: rb.Total(), Lines: make([]LineDiff, 0, len(keys))}
	for _, k := range keys {
		ld := LineDiff{Recipient: k.rec, Component: k.component}
		if l, ok := la[k]; ok {
			ld.HasBase, ld.Base, ld.BaseTrace = true, l.Amount(), l.Trace()
		}
		if l, ok := lb[k]; ok {
			ld.HasAlt, ld.Alt, ld.AltTrace = true, l.Amount(), l.Trace()
		}
		ld.Delta = ld.Alt.Sub(ld.Base)
		d.Lines = append(d.Lines, ld)
	}
	d.Delta = d.AltTotal.Sub(d.BaseTotal)
	return d
}
