package margin

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// MaxResales is the largest number of resales one annual P&L sums.
const MaxResales = 1 << 20

// Benefit is a partner-level line of an annual P&L, tied to no single
// resale: a rebate paid on the year's volume (see EarningFromIncentive for
// the incentive line behind it), a training offset, an MDF reimbursement,
// a programme fee or another cost. Amount is the figure as declared, at
// least 0 and in whole minor units; its kind gives the sign (Marketing
// and Cost are costs, the others benefits) and the lever. Discount and
// Street lines come only from resales.
type Benefit struct {
	Kind   ItemKind     `json:"kind"`
	Name   string       `json:"name"`
	Amount money.Amount `json:"amount"`
	Origin string       `json:"origin,omitzero"`
	Note   string       `json:"note,omitzero"`
}

// LeverShare is one lever's part of a partner's profit.
type LeverShare struct {
	Lever  Lever        `json:"lever"`
	Amount money.Amount `json:"amount"`
	// Share is Amount / Profit, exact (a negative lever has a negative
	// share, and then another lever's share exceeds 1); the shares of a
	// P&L sum to exactly 1. The zero Ratio when the profit is zero.
	Share capacity.Ratio `json:"share"`
}

// Equal reports whether two lever shares are the same (exact values).
func (l LeverShare) Equal(o LeverShare) bool {
	return l.Lever == o.Lever && amountEqual(l.Amount, o.Amount) && l.Share.Equal(o.Share)
}

// PartnerPnL is a partner's P&L over a period (a year, typically): the
// sum of its resales' P&Ls and its partner-level benefits, by lever, with
// each lever's share of the profit.
type PartnerPnL struct {
	Partner  string         `json:"partner"`
	Currency money.Currency `json:"currency"`
	// Resales is the number of resales summed.
	Resales int `json:"resales"`
	// Levers lists every lever in order (front-end, back-end, offsets,
	// services, cost to serve), zero ones included; their amounts sum to
	// Profit.
	Levers []LeverShare `json:"levers"`
	// Benefits are the partner-level items, in the order given.
	Benefits []Item       `json:"benefits,omitzero"`
	Profit   money.Amount `json:"profit"`
	// HasShares is false when Profit is zero: then no share is defined.
	HasShares bool `json:"has_shares"`
}

// Equal reports whether two partner P&Ls are the same (exact values).
func (p PartnerPnL) Equal(o PartnerPnL) bool {
	return p.Partner == o.Partner && p.Currency == o.Currency && p.Resales == o.Resales &&
		slices.EqualFunc(p.Levers, o.Levers, LeverShare.Equal) && slices.EqualFunc(p.Benefits, o.Benefits, Item.Equal) &&
		amountEqual(p.Profit, o.Profit) && p.HasShares == o.HasShares
}

// Lever returns the total of lever l (the zero Amount for an invalid
// lever).
func (p PartnerPnL) Lever(l Lever) money.Amount {
	for _, s := range p.Levers {
		if s.Lever == l {
			return s.Amount
		}
	}
	return money.Amount{}
}

// Annual sums a partner's resales (their P&Ls, all in cur) and its
// partner-level benefits into one P&L by lever, and gives each lever's
// share of the profit as an exact fraction: share = lever / profit, the
// shares summing to exactly 1 (when the profit is negative the fractions
// are written over −profit, so their denominators stay positive). Nothing
// is rounded: every line is already whole minor units. The result does
// not depend on the order of resales; benefits keep their order.
//
// Errors are *InputError values: "/partner" (empty), "/currency"
// (invalid), "/resales/i" (the zero Resale, a repeated resale ID: ErrDuplicate,
// another currency: ErrCurrency), "/resales" (more than MaxResales),
// "/benefits/i/kind", "/benefits/i/name" (empty or repeated),
// "/benefits/i/amount".
func Annual(partner string, cur money.Currency, resales []Resale, benefits []Benefit) (PartnerPnL, error) {
	if err := checkAnnual(partner, cur, resales, benefits); err != nil {
		return PartnerPnL{}, err
	}
	var totals [numLevers]decimal.Decimal
	if !sumFast(&totals, resales) {
		for i := range totals {
			totals[i] = decimal.Decimal{}
		}
		for k := range resales {
			for _, it := range resales[k].pnl.Items {
				totals[it.Lever-1] = totals[it.Lever-1].Add(it.Amount.Decimal())
			}
		}
	}
	out := PartnerPnL{Partner: partner, Currency: cur, Resales: len(resales)}
	for i, b := range benefits {
		a := b.Amount
		if b.Kind.Lever() == CostToServe {
			a = a.Neg()
		}
		l := b.Kind.Lever()
		totals[l-1] = totals[l-1].Add(a.Decimal())
		out.Benefits = append(out.Benefits, Item{Kind: b.Kind, Lever: l, Name: b.Name, Source: field.At("benefits", i),
			Origin: b.Origin, Amount: a, Explanation: benefitText(b)})
	}
	profit := decimal.Decimal{}
	for _, t := range totals {
		profit = profit.Add(t)
	}
	if !money.InRange(profit) {
		return PartnerPnL{}, inputErr("/resales", "", wrap(ErrRange, "the profit is outside the operating range"))
	}
	out.Profit = money.New(profit, cur)
	out.HasShares = !profit.IsZero()
	out.Levers = make([]LeverShare, numLevers)
	for i, t := range totals {
		ls := LeverShare{Lever: Lever(i + 1), Amount: money.New(t, cur)}
		if out.HasShares {
			num, den := t, profit
			if profit.Sign() < 0 {
				num, den = t.Neg(), profit.Neg()
			}
			var err error
			if ls.Share, err = ratio("/resales", num, den); err != nil {
				return PartnerPnL{}, err
			}
		}
		out.Levers[i] = ls
	}
	return out, nil
}

// sumFast sums the resales' lever caches in int64 when every resale has one
// and no sum overflows; it reports whether it did.
func sumFast(totals *[numLevers]decimal.Decimal, resales []Resale) bool {
	var t [numLevers]int64
	for k := range resales {
		s := &resales[k]
		if !s.pnl.fast {
			return false
		}
		for i, v := range s.pnl.levers {
			var ok bool
			if t[i], ok = addInt64(t[i], v); !ok {
				return false
			}
		}
	}
	if len(resales) == 0 {
		for i := range totals {
			totals[i] = decimal.Decimal{}
		}
		return true
	}
	digits := resales[0].pnl.Currency().Digits()
	for i, v := range t {
		totals[i] = decimal.New(v, -digits)
	}
	return true
}

func benefitText(b Benefit) string {
	s := fmt.Sprintf("partner-level %s %s as declared", b.Kind, b.Amount)
	if b.Note != "" {
		s += "; " + b.Note
	}
	return s
}

func checkAnnual(partner string, cur money.Currency, resales []Resale, benefits []Benefit) error {
	var l errList
	if partner == "" {
		l.add(inputErr("/partner", "", wrap(ErrMissing, "the partner's ID")))
	}
	if !cur.IsValid() {
		return inputErr("/currency", "", wrap(ErrMissing, "the currency"))
	}
	if len(resales) > MaxResales {
		return inputErr("/resales", fmt.Sprint(len(resales)), wrap(ErrRange, "at most %d resales", MaxResales))
	}
	ids := make(map[string]int, len(resales))
	for i := range resales {
		s := &resales[i] // a Resale is large: no copy per iteration
		if j, dup := ids[s.ID()]; dup && s.valid {
			l.add(inputErr(field.At("resales", i), s.ID(), wrap(ErrDuplicate, "resale also at %s", field.At("resales", j))))
		}
		ids[s.ID()] = i
		switch {
		case !s.valid:
			l.add(inputErr(field.At("resales", i), "", wrap(ErrMissing, "the zero Resale (use NewResale or ParseResale)")))
		case s.pnl.Currency() != cur:
			l.add(inputErr(field.At("resales", i), s.ID(), fmt.Errorf("%w: %w", ErrCurrency,
				&money.CurrencyMismatchError{Op: "Annual", A: cur, B: s.pnl.Currency()})))
		}
	}
	seen := map[string]int{}
	for i, b := range benefits {
		switch {
		case b.Kind == ItemKindUnspecified:
			l.add(inputErr(field.At("benefits", i, "kind"), "", ErrMissing))
		case !b.Kind.IsValid():
			_, err := b.Kind.MarshalText()
			l.add(inputErr(field.At("benefits", i, "kind"), "", err))
		case b.Kind.Lever() == FrontEnd:
			l.add(inputErr(field.At("benefits", i, "kind"), b.Kind.String(), wrap(ErrInvalid, "front-end lines come from resales")))
		}
		if b.Name == "" {
			l.add(inputErr(field.At("benefits", i, "name"), "", ErrMissing))
		} else if j, dup := seen[b.Name]; dup {
			l.add(inputErr(field.At("benefits", i, "name"), b.Name, wrap(ErrDuplicate, "name also at %s", field.At("benefits", j))))
		} else {
			seen[b.Name] = i
		}
		l.add(checkAmount(field.At("benefits", i, "amount"), b.Amount, cur, nonNegative, true))
	}
	return l.err()
}

// Equal reports whether two benefits are the same (amounts compared
// numerically).
func (b Benefit) Equal(o Benefit) bool {
	return b.Kind == o.Kind && b.Name == o.Name && amountEqual(b.Amount, o.Amount) && b.Origin == o.Origin && b.Note == o.Note
}
