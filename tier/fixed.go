package tier

import (
	"sort"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// FixedSchedule is a Schedule compiled to int64 arithmetic, for evaluating
// many volumes at machine speed. Get one from Schedule.Fixed. Volumes are
// integers at Scale (x = 12345 at scale 2 is 123.45) and payouts integers
// at PayoutScale; results equal Schedule.Payout exactly whenever ok is
// true. The zero FixedSchedule is invalid: Payout and Evaluate report
// ok = false. It is a small immutable handle: copying it is cheap and it is
// safe for concurrent use.
type FixedSchedule struct {
	c *fixedSchedule // nil: invalid
}

// fixedSchedule is the compiled form; never modified after Fixed.
type fixedSchedule struct {
	mode        Mode
	boundary    Boundary
	scale       int32 // volume scale
	payoutScale int32
	ratePlaces  int32 // scale of rates (rate modes)
	bounds      []int64
	rates       []int64 // numerators over 10^ratePlaces
	amounts     []int64 // at payoutScale (amount modes)
	flats       []int64 // flat fees at payoutScale (AllUnits, Incremental); nil if none
	cum         []int64 // Incremental payout on reaching each tier, at payoutScale
	threshold   int64   // at scale
	step        int64   // at scale
	rounding    money.RoundingMode
}

// Fixed compiles s for volumes given as integers at scale (0 to 18). ok is
// false when s is invalid or any bound, threshold, step, rate or amount is
// not exactly representable (a bound finer than the scale, a rate with too
// many digits, a cumulative payout beyond int64): the caller then uses the
// decimal methods. The payout scale is scale plus the largest number of
// decimal places of any rate or price (RatePlaces for Linear) in the rate
// modes, raised to the places of the finest flat fee if that is finer, and
// the largest number of places of any amount in FlatPerTier, Increment and
// Package; it is at most 18.
func (s Schedule) Fixed(scale int32) (FixedSchedule, bool) {
	sp := s.spec
	if !s.IsValid() || scale < 0 || scale > fixed.MaxScale {
		return FixedSchedule{}, false
	}
	f := &fixedSchedule{mode: sp.Mode, boundary: sp.Boundary, scale: scale, rounding: sp.Rounding}
	n := len(sp.Tiers)
	f.bounds = make([]int64, n)
	var ok bool
	for i, t := range sp.Tiers {
		if f.bounds[i], ok = fixed.FromDecimal(t.From, scale); !ok {
			return FixedSchedule{}, false
		}
	}
	if f.threshold, ok = fixed.FromDecimal(sp.Threshold, scale); !ok {
		return FixedSchedule{}, false
	}
	if f.step, ok = fixed.FromDecimal(sp.Step, scale); !ok {
		return FixedSchedule{}, false
	}
	if usesRates(sp.Mode) {
		if !f.compileRates(s, scale) {
			return FixedSchedule{}, false
		}
	} else {
		ap := int32(0)
		for _, t := range sp.Tiers {
			ap = max(ap, places(t.Amount))
		}
		if ap > fixed.MaxScale {
			return FixedSchedule{}, false
		}
		f.payoutScale = ap
		f.amounts = make([]int64, n)
		for i, t := range sp.Tiers {
			if f.amounts[i], ok = fixed.FromDecimal(t.Amount, ap); !ok {
				return FixedSchedule{}, false
			}
		}
	}
	if sp.Mode == Incremental && !f.compileCum() {
		return FixedSchedule{}, false
	}
	return FixedSchedule{f}, true
}

// compileRates sets the rate scale, the payout scale, the rate (or
// price) numerators and the flat fees of a rate-mode schedule; false if
// any does not fit.
func (f *fixedSchedule) compileRates(s Schedule, scale int32) bool {
	sp := s.spec
	rp := int32(0)
	if sp.Mode == Linear {
		rp = sp.RatePlaces
	} else {
		for i, t := range sp.Tiers {
			rp = max(rp, places(s.rates[i].Fraction()), places(t.Flat)-scale)
		}
	}
	f.ratePlaces = rp
	f.payoutScale = scale + rp
	if f.payoutScale > fixed.MaxScale {
		return false
	}
	n := len(sp.Tiers)
	f.rates = make([]int64, n)
	var ok bool
	for i, r := range s.rates {
		if f.rates[i], ok = fixed.FromDecimal(r.Fraction(), rp); !ok {
			return false
		}
	}
	for i, t := range sp.Tiers {
		if t.Flat.IsZero() {
			continue
		}
		if f.flats == nil {
			f.flats = make([]int64, n)
		}
		if f.flats[i], ok = fixed.FromDecimal(t.Flat, f.payoutScale); !ok {
			return false
		}
	}
	return true
}

// flat returns the flat fee of tier j at payoutScale (0 if none).
func (f *fixedSchedule) flat(j int) int64 {
	if f.flats == nil {
		return 0
	}
	return f.flats[j]
}

// compileCum sets the Incremental payout on reaching each tier; false on
// overflow.
func (f *fixedSchedule) compileCum() bool {
	n := len(f.bounds)
	f.cum = make([]int64, n)
	f.cum[0] = f.flat(0)
	for i := 1; i < n; i++ {
		w, ok1 := fixed.SubChecked(f.bounds[i], f.bounds[i-1])
		p, ok2 := fixed.MulChecked(f.rates[i-1], w)
		c, ok3 := fixed.AddChecked(f.cum[i-1], p)
		c, ok4 := fixed.AddChecked(c, f.flat(i))
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return false
		}
		f.cum[i] = c
	}
	return true
}

// places returns the number of decimal places d needs (trailing zeros
// ignored); d is within the Spec limits.
func places(d decimal.Decimal) int32 {
	if d.IsZero() || d.Exponent() >= 0 {
		return 0
	}
	for p := int32(0); p < -d.Exponent(); p++ {
		if d.Equal(d.Truncate(p)) {
			return p
		}
	}
	return -d.Exponent()
}

// IsValid reports whether f was compiled by Schedule.Fixed.
func (f FixedSchedule) IsValid() bool { return f.c != nil }

// Scale returns the scale of volumes passed to Payout.
func (f FixedSchedule) Scale() int32 {
	if f.c == nil {
		return 0
	}
	return f.c.scale
}

// PayoutScale returns the scale of payouts returned by Payout: a result p
// stands for p·10^−PayoutScale. Round it to minor units with
// fixed-point rescaling (or decimal.New(p, −PayoutScale) and money.Round).
func (f FixedSchedule) PayoutScale() int32 {
	if f.c == nil {
		return 0
	}
	return f.c.payoutScale
}

// RatePlaces returns the scale of the rates in FixedResult.Rate: a rate r
// stands for r·10^−RatePlaces (the largest number of decimal places of any
// tier's rate, RatePlaces for Linear; 0 in the amount modes).
func (f FixedSchedule) RatePlaces() int32 {
	if f.c == nil {
		return 0
	}
	return f.c.ratePlaces
}

// FixedResult is the int64 counterpart of the first fields of Result: the
// payout, the tier reached and the rate applied, as FixedSchedule.Evaluate
// computes them. It carries its scales, so it can be converted to
// decimals on its own.
type FixedResult struct {
	// Payout is R(x) at PayoutScale: it stands for Payout·10^−PayoutScale.
	Payout int64
	// Rate is the rate applied (as Result.Rate: the tier's rate, its
	// marginal rate for Incremental, the interpolated rate for Linear; 0
	// in the amount modes, and below the first tier in RetroFromThreshold)
	// as a numerator over 10^RatePlaces.
	Rate int64
	// Tier is the 1-based index of the tier containing x, 0 below the
	// first tier, as Result.Tier.
	Tier int
	// Tiers is the number of tiers (knots for Linear).
	Tiers int
	// PayoutScale and RatePlaces are the schedule's PayoutScale and
	// RatePlaces.
	PayoutScale int32
	RatePlaces  int32
}

// PayoutDecimal returns Payout as an exact decimal (it allocates).
func (r FixedResult) PayoutDecimal() decimal.Decimal { return fixed.ToDecimal(r.Payout, r.PayoutScale) }

// RateValue returns Rate as a money.Rate (it allocates).
func (r FixedResult) RateValue() money.Rate {
	return money.RateFromFraction(fixed.ToDecimal(r.Rate, r.RatePlaces))
}

// Payout returns R(x) for the volume x (at Scale) as an integer at
// PayoutScale, exactly as Schedule.Payout computes it. ok is false on
// int64 overflow (and for the zero FixedSchedule); the caller then uses
// Schedule.Payout. It does not allocate.
func (f FixedSchedule) Payout(x int64) (int64, bool) {
	if f.c == nil {
		return 0, false
	}
	p, _, _, ok := f.c.eval(x)
	return p, ok
}

// Evaluate returns R(x) for the volume x (at Scale) with the tier reached
// and the rate applied: the same payout, Tier, Tiers and Rate as
// Schedule.Evaluate, in integers (see FixedResult). Nothing is rounded
// except Linear's interpolated rate, once, as in Schedule.Evaluate. ok is
// false on int64 overflow (and for the zero FixedSchedule); the caller
// then uses Schedule.Evaluate. It does not allocate.
func (f FixedSchedule) Evaluate(x int64) (FixedResult, bool) {
	c := f.c
	if c == nil {
		return FixedResult{}, false
	}
	p, r, j, ok := c.eval(x)
	if !ok {
		return FixedResult{}, false
	}
	return FixedResult{Payout: p, Rate: r, Tier: j + 1, Tiers: len(c.bounds), PayoutScale: c.payoutScale, RatePlaces: c.ratePlaces}, true
}

// eval returns the payout of x, the rate applied (numerator at
// ratePlaces) and the 0-based tier (-1 below the first). Scalars, not a
// FixedResult, so that Payout pays for no struct copies.
func (f *fixedSchedule) eval(x int64) (payout, rate int64, j int, ok bool) {
	j = f.locate(x)
	ok = true
	switch f.mode {
	case AllUnits:
		rate = f.rates[max(j, 0)]
		payout, ok = fixed.MulChecked(rate, x)
		if ok && j >= 0 {
			payout, ok = fixed.AddChecked(payout, f.flat(j))
		}
	case Incremental:
		if j < 0 {
			rate = f.rates[0]
			payout, ok = fixed.MulChecked(rate, x) // the first bound is 0
			break
		}
		rate = f.rates[j]
		var w, p int64
		if w, ok = fixed.SubChecked(x, f.bounds[j]); !ok {
			break
		}
		if p, ok = fixed.MulChecked(rate, w); !ok {
			break
		}
		payout, ok = fixed.AddChecked(f.cum[j], p)
	case RetroFromThreshold:
		if j < 0 {
			break
		}
		rate = f.rates[j]
		if x > f.threshold {
			payout, ok = fixed.MulChecked(rate, x-f.threshold) // x > θ ≥ 0: no overflow
		}
	case Linear:
		if rate, ok = f.linearRate(j, x); ok {
			payout, ok = fixed.MulChecked(rate, x)
		}
	case Increment:
		if x > f.threshold {
			payout, ok = fixed.MulChecked(f.amounts[0], (x-f.threshold)/f.step)
		}
	case FlatPerTier:
		if j >= 0 {
			payout = f.amounts[j]
		}
	case Package:
		if x > 0 {
			k := x / f.step
			if f.boundary == LowerInclusive || x%f.step != 0 {
				k++
			}
			payout, ok = fixed.MulChecked(f.amounts[0], k)
		}
	case ModeUnspecified:
		ok = false
	}
	return payout, rate, j, ok
}

// locate mirrors Schedule.locate on int64 bounds.
func (f *fixedSchedule) locate(x int64) int {
	b := f.bounds
	n := len(b)
	if n == 0 || x < b[0] {
		return -1
	}
	if x == b[0] {
		return 0
	}
	if f.boundary == UpperInclusive {
		// number of bounds < x, minus one
		if n <= 8 {
			i := 1
			for i < n && b[i] < x {
				i++
			}
			return i - 1
		}
		return sort.Search(n, func(i int) bool { return b[i] >= x }) - 1
	}
	// LowerInclusive: number of bounds <= x, minus one
	if n <= 8 {
		i := 1
		for i < n && b[i] <= x {
			i++
		}
		return i - 1
	}
	return sort.Search(n, func(i int) bool { return b[i] > x }) - 1
}

// linearRate mirrors Schedule.linearRate: the rate numerator at
// ratePlaces, rounded once.
func (f *fixedSchedule) linearRate(j int, x int64) (int64, bool) {
	r := f.rates
	if j < 0 {
		return r[0], true
	}
	if j >= len(r)-1 {
		return r[len(r)-1], true
	}
	span, ok := fixed.SubChecked(f.bounds[j+1], f.bounds[j]) // > 0 by validation
	if !ok || span <= 0 {
		return 0, false
	}
	dx, ok := fixed.SubChecked(x, f.bounds[j])
	if !ok {
		return 0, false
	}
	a, ok1 := fixed.MulChecked(r[j], span)
	b, ok2 := fixed.MulChecked(r[j+1]-r[j], dx)
	num, ok3 := fixed.AddChecked(a, b)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	return fixed.DivRound(num, span, f.rounding)
}
