package tier

import (
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Result explains a payout: which tier the volume reached, the rate applied
// and how far the next tier is (the "watchlist"). All figures are exact and
// unrounded.
type Result struct {
	// Volume is the evaluated volume x.
	Volume decimal.Decimal
	// Payout is R(x), as returned by Payout.
	Payout decimal.Decimal
	// Tier is the 1-based index of the tier containing x under the
	// boundary convention (the knot starting x's segment for Linear), or 0
	// when x is below the first tier (negative volume; below the first knot
	// for Linear). Increment and Package have a single tier.
	Tier int
	// Tiers is the number of tiers (knots for Linear).
	Tiers int
	// Rate is the rate applied: the tier's rate (AllUnits,
	// RetroFromThreshold), its marginal rate (Incremental), the
	// interpolated rate (Linear), the first tier's rate below the first
	// tier in AllUnits, Incremental and Linear; zero in the amount modes.
	// When PerUnit is true it is the price per unit of volume (its
	// Fraction is the price): print it with FormatRate.
	Rate money.Rate
	// PerUnit reports that the schedule's tiers carry prices per unit
	// (Tier.Price), so that Rate is a price, not a fraction of the volume.
	PerUnit bool
	// Boundary is the schedule's boundary convention.
	Boundary Boundary
	// HasNext reports whether there is a next tier (for Increment and
	// Package: always, the next step or block). The fields below are zero
	// when it is false.
	HasNext bool
	// Next is the next tier's lower bound; for Increment the end of the
	// current step, for Package the end of the current block.
	Next decimal.Decimal
	// NextExclusive reports that Next itself still belongs to the current
	// tier (UpperInclusive, and Package blocks): the next tier's terms apply
	// to any volume above Next, so the volume needed is more than ToNext.
	NextExclusive bool
	// ToNext is Next − Volume, the volume still to go.
	ToNext decimal.Decimal
	// PayoutAtNext is the payout at Next under the next tier's terms (with
	// NextExclusive, the limit just above Next), the next tier's flat fee
	// included. For AllUnits it shows the cliff, the jump at the bound:
	// PayoutAtNext − (r_j·Next + f_j) = (r_{j+1} − r_j)·Next + f_{j+1} − f_j.
	PayoutAtNext decimal.Decimal
}

// Equal reports whether r and o are equal field by field (decimals
// compared numerically).
func (r Result) Equal(o Result) bool {
	return r.Volume.Equal(o.Volume) && r.Payout.Equal(o.Payout) && r.Tier == o.Tier &&
		r.Tiers == o.Tiers && r.Rate.Equal(o.Rate) && r.PerUnit == o.PerUnit && r.Boundary == o.Boundary &&
		r.HasNext == o.HasNext && r.Next.Equal(o.Next) && r.NextExclusive == o.NextExclusive &&
		r.ToNext.Equal(o.ToNext) && r.PayoutAtNext.Equal(o.PayoutAtNext)
}

// FormatRate returns the rate applied as the schedule writes it: a price
// per unit as "10 per unit", a rate as a percentage ("2.5%").
func (r Result) FormatRate() string { return formatRate(r.Rate, r.PerUnit) }

// formatRate writes a multiplier: a price per unit ("10 per unit") or a
// rate ("2.5%").
func formatRate(r money.Rate, perUnit bool) string {
	if perUnit {
		return r.FormatFraction() + " per unit"
	}
	return r.FormatPercent()
}

// Evaluate returns the payout of x with its explanation (see Result).
func (s Schedule) Evaluate(x decimal.Decimal) Result {
	sp := s.spec
	t := sp.Tiers
	j := s.locate(x)
	res := Result{
		Volume:   x,
		Payout:   s.payoutIn(j, x),
		Tier:     j + 1,
		Tiers:    len(t),
		PerUnit:  s.perUnit,
		Boundary: sp.Boundary,
	}
	switch sp.Mode {
	case AllUnits, Incremental:
		res.Rate = s.rates[max(j, 0)]
	case RetroFromThreshold:
		if j >= 0 {
			res.Rate = s.rates[j]
		}
	case Linear:
		res.Rate = s.linearRate(j, x)
	case Increment:
		k := s.steps(x)
		res.HasNext = true
		res.Next = sp.Threshold.Add(sp.Step.Mul(k.Add(decimal.New(1, 0))))
		res.ToNext = res.Next.Sub(x)
		res.PayoutAtNext = t[0].Amount.Mul(k.Add(decimal.New(1, 0)))
		return res
	case Package:
		k := s.blocks(x)
		res.HasNext = true
		res.NextExclusive = true
		switch {
		case x.Sign() <= 0:
			res.Next = decimal.Decimal{}
		case sp.Boundary == LowerInclusive:
			res.Next = sp.Step.Mul(k)
			res.NextExclusive = false
		default:
			res.Next = sp.Step.Mul(k)
		}
		res.ToNext = res.Next.Sub(x)
		res.PayoutAtNext = t[0].Amount.Mul(k.Add(decimal.New(1, 0)))
		return res
	case FlatPerTier, ModeUnspecified:
	}
	if j+1 < len(t) {
		next := t[j+1].From
		res.HasNext = true
		res.Next = next
		res.NextExclusive = j >= 0 && sp.Boundary == UpperInclusive
		res.ToNext = next.Sub(x)
		res.PayoutAtNext = s.payoutIn(j+1, next)
	}
	return res
}
