package tier_test

import (
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// cents draws a decimal with 2 places in [lo, hi] cents.
func cents(t *rapid.T, lo, hi int64, label string) decimal.Decimal {
	return decimal.New(rapid.Int64Range(lo, hi).Draw(t, label), -2)
}

// genBounds draws 1..12 ascending bounds starting at 0.
func genBounds(t *rapid.T) []decimal.Decimal {
	n := rapid.IntRange(1, 12).Draw(t, "n") // over 8 exercises the binary search of the fast path
	b := []decimal.Decimal{{}}
	for len(b) < n {
		b = append(b, b[len(b)-1].Add(cents(t, 1, 10_000_000, "width")))
	}
	return b
}

// genRate draws a rate in [0, 50 %] with 4 places.
func genRate(t *rapid.T, label string) money.Rate {
	return money.RateFromFraction(decimal.New(rapid.Int64Range(0, 5000).Draw(t, label), -4))
}

func genBoundary(t *rapid.T) tier.Boundary {
	return rapid.SampledFrom([]tier.Boundary{tier.LowerInclusive, tier.UpperInclusive}).Draw(t, "boundary")
}

func rateSpec(t *rapid.T, mode tier.Mode, ascending bool) tier.Spec {
	bounds := genBounds(t)
	rates := make([]money.Rate, len(bounds))
	for i := range rates {
		rates[i] = genRate(t, "rate")
	}
	if ascending {
		slices.SortFunc(rates, money.Rate.Cmp)
	}
	tiers := make([]tier.Tier, len(bounds))
	for i := range bounds {
		tiers[i] = tier.Tier{From: bounds[i], Rate: rates[i]}
	}
	return tier.Spec{Mode: mode, Boundary: genBoundary(t), Tiers: tiers}
}

// genSpec draws a valid spec of any mode.
func genSpec(t *rapid.T) tier.Spec {
	mode := rapid.SampledFrom([]tier.Mode{tier.AllUnits, tier.Incremental, tier.RetroFromThreshold,
		tier.Linear, tier.Increment, tier.FlatPerTier, tier.Package}).Draw(t, "mode")
	switch mode {
	case tier.AllUnits, tier.Incremental:
		s := rateSpec(t, mode, false)
		withPrices(t, &s)
		withFlats(t, &s)
		return s
	case tier.RetroFromThreshold:
		s := rateSpec(t, mode, false)
		withPrices(t, &s)
		s.Threshold = cents(t, 0, 20_000_000, "threshold")
		return s
	case tier.Linear:
		s := rateSpec(t, mode, false)
		if len(s.Tiers) < 2 {
			s.Tiers = append(s.Tiers, tier.Tier{From: d("1000"), Rate: genRate(t, "rate")})
		}
		withPrices(t, &s)
		s.Tiers[0].From = cents(t, 0, 100_00, "first knot")
		for i := 1; i < len(s.Tiers); i++ {
			if s.Tiers[i].From.Cmp(s.Tiers[i-1].From) <= 0 {
				s.Tiers[i].From = s.Tiers[i-1].From.Add(d("0.01"))
			}
		}
		s.RatePlaces = int32(rapid.IntRange(4, 10).Draw(t, "places"))
		s.Rounding = rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown,
			money.TowardZero, money.AwayFromZero, money.Ceiling, money.Floor}).Draw(t, "rounding")
		return s
	case tier.FlatPerTier:
		s := rateSpec(t, mode, false)
		for i := range s.Tiers {
			s.Tiers[i].Rate = money.Rate{}
			s.Tiers[i].Amount = cents(t, 0, 1_000_000, "amount")
		}
		return s
	case tier.Increment, tier.Package:
		s := tier.Spec{Mode: mode, Boundary: genBoundary(t), Step: cents(t, 1, 1_000_000, "step"),
			Tiers: []tier.Tier{{From: decimal.Decimal{}, Amount: cents(t, 0, 100_000, "amount")}}}
		if mode == tier.Increment {
			s.Threshold = cents(t, 0, 1_000_000, "threshold")
		}
		return s
	case tier.ModeUnspecified:
	}
	t.Fatalf("unhandled mode %v", mode)
	return tier.Spec{}
}

// withPrices turns, half of the time, every tier's rate into a price per
// unit in [0, 50] with 2 places.
func withPrices(t *rapid.T, s *tier.Spec) {
	if !rapid.Bool().Draw(t, "per unit") {
		return
	}
	for i := range s.Tiers {
		s.Tiers[i].Rate = money.Rate{}
		s.Tiers[i].Price = decimal.New(rapid.Int64Range(0, 5000).Draw(t, "price"), -2)
	}
}

// withFlats gives, half of the time, every tier a flat fee in [0, 100000]
// with 0 to 8 places (more than the volume scale plus the rate places, to
// exercise the fast path's payout scale).
func withFlats(t *rapid.T, s *tier.Spec) {
	if !rapid.Bool().Draw(t, "flats") {
		return
	}
	places := int32(rapid.IntRange(0, 8).Draw(t, "flat places"))
	for i := range s.Tiers {
		if rapid.Bool().Draw(t, "has flat") {
			s.Tiers[i].Flat = decimal.New(rapid.Int64Range(0, 100_000).Draw(t, "flat"), 0).Add(
				decimal.New(rapid.Int64Range(0, 99).Draw(t, "flat fraction"), -places))
		}
	}
}

// mult is what a tier multiplies the volume by: its price, or its rate.
func mult(tr tier.Tier) decimal.Decimal {
	if !tr.Price.IsZero() {
		return tr.Price
	}
	return tr.Rate.Fraction()
}

// genVolume draws a volume, half of the time within a cent of a bound.
func genVolume(t *rapid.T, s tier.Spec, label string) decimal.Decimal {
	if rapid.Bool().Draw(t, label+" near bound") {
		b := rapid.SampledFrom(s.Tiers).Draw(t, label+" tier").From
		return b.Add(cents(t, -1, 1, label+" offset"))
	}
	return cents(t, -10_000_000, 100_000_000, label)
}

func maxRate(s tier.Spec) money.Rate {
	m := s.Tiers[0].Rate
	for _, t := range s.Tiers {
		if t.Rate.Cmp(m) > 0 {
			m = t.Rate
		}
	}
	return m
}

// Incremental payout equals the textbook sum Σ r_i·max(0, min(x, b_{i+1}) − b_i)
// for x ≥ 0 (and r_1·x below 0).
func TestPropIncrementalDefinition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := rateSpec(t, tier.Incremental, false)
		s := tier.MustNew(sp)
		x := genVolume(t, sp, "x")
		var want decimal.Decimal
		if x.Sign() < 0 {
			want = sp.Tiers[0].Rate.Of(x)
		}
		for i, tr := range sp.Tiers {
			hi := x
			if i+1 < len(sp.Tiers) && sp.Tiers[i+1].From.Cmp(x) < 0 {
				hi = sp.Tiers[i+1].From
			}
			if w := hi.Sub(tr.From); w.Sign() > 0 {
				want = want.Add(tr.Rate.Of(w))
			}
		}
		if got := s.Payout(x); !got.Equal(want) {
			t.Fatalf("Payout(%s) = %s, want %s", x, got, want)
		}
	})
}

// Incremental payouts are continuous and, with non-negative rates,
// non-decreasing: 0 ≤ R(x+ε) − R(x) ≤ max rate · ε.
func TestPropIncrementalContinuous(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := rateSpec(t, tier.Incremental, false)
		s := tier.MustNew(sp)
		x := genVolume(t, sp, "x")
		eps := cents(t, 0, 1_000_000, "eps")
		delta := s.Payout(x.Add(eps)).Sub(s.Payout(x))
		if delta.Sign() < 0 || delta.Cmp(maxRate(sp).Of(eps)) > 0 {
			t.Fatalf("R(%s+%s) − R(%s) = %s, outside [0, %s]", x, eps, x, delta, maxRate(sp).Of(eps))
		}
	})
}

// With rising rates, all-units pays at least as much as incremental for
// x ≥ 0, and they agree in the first tier.
func TestPropAllUnitsDominatesIncremental(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := rateSpec(t, tier.AllUnits, true)
		all := tier.MustNew(sp)
		sp.Mode = tier.Incremental
		inc := tier.MustNew(sp)
		x := genVolume(t, sp, "x")
		if x.Sign() < 0 {
			x = x.Neg()
		}
		a, i := all.Payout(x), inc.Payout(x)
		if a.Cmp(i) < 0 {
			t.Fatalf("all-units %s < incremental %s at %s", a, i, x)
		}
		if all.Evaluate(x).Tier == 1 && !a.Equal(i) {
			t.Fatalf("first tier: all-units %s != incremental %s at %s", a, i, x)
		}
	})
}

// Marginal equals an independent per-tier definition of what a deal of
// size d earns at prior attainment A, computed here from the tiers alone
// (never from Payout):
//
//   - Incremental: each tier pays its rate (or price) on the part of the
//     move between A and A + d that lies inside it (below 0: the first
//     tier's), plus the flat fee of every tier whose start the move
//     crosses (entering it under the boundary convention), signed by the
//     direction of the move;
//   - AllUnits: r_j·x + f_j of the tier j containing x, located by a
//     linear scan of the bounds, at A + d minus the same at A.
//
// Breaking Schedule.Marginal (e.g. to the rate of the tier reached times
// d) makes this property fail, unlike a telescoping sum of Marginal,
// which holds for any difference of a Payout.
func TestPropMarginalPerTier(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mode := rapid.SampledFrom([]tier.Mode{tier.AllUnits, tier.Incremental}).Draw(t, "mode")
		sp := rateSpec(t, mode, false)
		withPrices(t, &sp)
		withFlats(t, &sp)
		s := tier.MustNew(sp)
		a := genVolume(t, sp, "prior")
		dl := cents(t, -5_000_000, 20_000_000, "deal")
		var want decimal.Decimal
		switch mode {
		case tier.Incremental:
			want = incrementalMove(sp, a, a.Add(dl))
		case tier.AllUnits:
			want = allUnitsRef(sp, a.Add(dl)).Sub(allUnitsRef(sp, a))
		}
		if got := s.Marginal(a, dl); !got.Equal(want) {
			t.Fatalf("%s %s: Marginal(%s, %s) = %s, per-tier definition %s", mode, sp.Boundary, a, dl, got, want)
		}
	})
}

// entered reports whether volume x lies in tier i or above under the
// convention (the first tier from 0 on, whatever the convention).
func entered(sp tier.Spec, i int, x decimal.Decimal) bool {
	b := sp.Tiers[i].From
	if i > 0 && sp.Boundary == tier.UpperInclusive {
		return x.Cmp(b) > 0
	}
	return x.Cmp(b) >= 0
}

// incrementalMove is what an incremental schedule pays for moving from
// volume a to volume b, tier by tier.
func incrementalMove(sp tier.Spec, a, b decimal.Decimal) decimal.Decimal {
	sign := decimal.New(1, 0)
	lo, hi := a, b
	if b.Cmp(a) < 0 {
		sign, lo, hi = sign.Neg(), b, a
	}
	overlap := func(from, to decimal.Decimal, open bool) decimal.Decimal {
		l, h := decimal.Max(lo, from), hi
		if !open {
			h = decimal.Min(hi, to)
		}
		if w := h.Sub(l); w.Sign() > 0 {
			return w
		}
		return decimal.Decimal{}
	}
	var sum decimal.Decimal
	sum = sum.Add(mult(sp.Tiers[0]).Mul(overlap(decimal.New(-1, 12), decimal.Decimal{}, false))) // below 0
	for i, tr := range sp.Tiers {
		last := i+1 == len(sp.Tiers)
		var to decimal.Decimal
		if !last {
			to = sp.Tiers[i+1].From
		}
		sum = sum.Add(mult(tr).Mul(overlap(tr.From, to, last)))
		if entered(sp, i, hi) && !entered(sp, i, lo) {
			sum = sum.Add(tr.Flat)
		}
	}
	return sum.Mul(sign)
}

// allUnitsRef is the all-units payout of x from its definition.
func allUnitsRef(sp tier.Spec, x decimal.Decimal) decimal.Decimal {
	if x.Sign() < 0 {
		return mult(sp.Tiers[0]).Mul(x)
	}
	j := 0
	for i := range sp.Tiers {
		if entered(sp, i, x) {
			j = i
		}
	}
	return mult(sp.Tiers[j]).Mul(x).Add(sp.Tiers[j].Flat)
}

// Evaluate agrees with Payout, reports a tier consistent with the boundary
// convention, and its watchlist is consistent with Payout.
func TestPropEvaluateConsistent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := genSpec(t)
		s := tier.MustNew(sp)
		x := genVolume(t, sp, "x")
		ev := s.Evaluate(x)
		if !ev.Payout.Equal(s.Payout(x)) {
			t.Fatalf("Evaluate.Payout %s != Payout %s", ev.Payout, s.Payout(x))
		}
		if ev.Tiers != len(sp.Tiers) || ev.Boundary != sp.Boundary || !ev.Volume.Equal(x) {
			t.Fatalf("bad header %+v", ev)
		}
		j := ev.Tier
		if j == 0 {
			if x.Cmp(sp.Tiers[0].From) >= 0 {
				t.Fatalf("tier 0 for %s >= first bound %s", x, sp.Tiers[0].From)
			}
		} else {
			lo := sp.Tiers[j-1].From
			inLo := x.Cmp(lo) >= 0
			if sp.Boundary == tier.UpperInclusive && j > 1 {
				inLo = x.Cmp(lo) > 0
			}
			inHi := true
			if j < len(sp.Tiers) {
				hi := sp.Tiers[j].From
				inHi = x.Cmp(hi) < 0
				if sp.Boundary == tier.UpperInclusive {
					inHi = x.Cmp(hi) <= 0
				}
			}
			if !inLo || !inHi {
				t.Fatalf("%s reported in tier %d (%v)", x, j, sp.Boundary)
			}
		}
		if ev.HasNext {
			if !ev.ToNext.Equal(ev.Next.Sub(x)) {
				t.Fatalf("ToNext %s != Next %s − x %s", ev.ToNext, ev.Next, x)
			}
			if ev.ToNext.Sign() < 0 || (ev.ToNext.IsZero() && !ev.NextExclusive) {
				t.Fatalf("next bound %s not ahead of %s", ev.Next, x)
			}
			if !ev.NextExclusive && !ev.PayoutAtNext.Equal(s.Payout(ev.Next)) {
				t.Fatalf("PayoutAtNext %s != Payout(Next=%s) %s", ev.PayoutAtNext, ev.Next, s.Payout(ev.Next))
			}
		} else if j != len(sp.Tiers) {
			t.Fatalf("no next tier from tier %d of %d", j, len(sp.Tiers))
		}
	})
}

// Payouts never decrease with volume when rates (or prices) rise, and flat
// fees and amounts are non-negative and rising; Increment and Package move by exactly one
// step/block value per step/block.
func TestPropMonotoneAndSteps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := genSpec(t)
		if sp.Mode != tier.Increment && sp.Mode != tier.Package {
			slices.SortFunc(sp.Tiers, func(a, b tier.Tier) int { return a.From.Cmp(b.From) })
			rates := make([]money.Rate, len(sp.Tiers))
			var prices, flats, amounts []decimal.Decimal
			for i, tr := range sp.Tiers {
				rates[i] = tr.Rate
				prices, flats, amounts = append(prices, tr.Price), append(flats, tr.Flat), append(amounts, tr.Amount)
			}
			slices.SortFunc(rates, money.Rate.Cmp)
			for _, ds := range [][]decimal.Decimal{prices, flats, amounts} {
				slices.SortFunc(ds, decimal.Decimal.Cmp)
			}
			for i := range sp.Tiers {
				sp.Tiers[i].Rate, sp.Tiers[i].Price, sp.Tiers[i].Flat, sp.Tiers[i].Amount = rates[i], prices[i], flats[i], amounts[i]
			}
		}
		s := tier.MustNew(sp)
		x := genVolume(t, sp, "x")
		if x.Sign() < 0 {
			x = x.Neg()
		}
		y := x.Add(cents(t, 0, 1_000_000, "eps"))
		if s.Payout(y).Cmp(s.Payout(x)) < 0 {
			t.Fatalf("R(%s) = %s < R(%s) = %s", y, s.Payout(y), x, s.Payout(x))
		}
		switch sp.Mode {
		case tier.Increment:
			if x.Cmp(sp.Threshold) >= 0 {
				if got := s.Payout(x.Add(sp.Step)).Sub(s.Payout(x)); !got.Equal(sp.Tiers[0].Amount) {
					t.Fatalf("one more step adds %s", got)
				}
			}
		case tier.Package:
			if x.Sign() > 0 {
				if got := s.Payout(x.Add(sp.Step)).Sub(s.Payout(x)); !got.Equal(sp.Tiers[0].Amount) {
					t.Fatalf("one more block adds %s", got)
				}
			}
		case tier.Linear:
			r := s.Evaluate(x).Rate.Fraction()
			lo, hi := mult(sp.Tiers[0]), mult(sp.Tiers[len(sp.Tiers)-1])
			if r.Cmp(lo) < 0 || r.Cmp(hi) > 0 {
				t.Fatalf("interpolated rate %s outside [%s, %s]", r, lo, hi)
			}
		case tier.AllUnits, tier.Incremental, tier.RetroFromThreshold, tier.FlatPerTier, tier.ModeUnspecified:
		}
	})
}

// A Spec survives a JSON round trip.
func TestPropJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := tier.MustNew(genSpec(t))
		b, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back tier.Schedule
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if !back.Equal(s) {
			t.Fatalf("round trip changed %s", b)
		}
	})
}
