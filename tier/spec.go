package tier

import (
	"errors"
	"fmt"
	"github.com/partnerecon/partnerecon/internal/field"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Limits of a Spec, checked by New.
const (
	// MaxTiers is the largest number of tiers (or linear knots) a schedule
	// may have.
	MaxTiers = 64
	// MaxPlaces is the largest number of digits after the decimal point of
	// any decimal in a Spec (bounds, rates, amounts, threshold, step), and
	// the largest RatePlaces.
	MaxPlaces = 18
	// MaxMagnitudeDigits bounds the integer part of any decimal in a Spec:
	// its absolute value must be below 10^MaxMagnitudeDigits.
	MaxMagnitudeDigits = 18
)

// Tier is one tier of a schedule (or one knot of a linear schedule).
//
// From is the tier's lower bound; the tier ends where the next one starts,
// and the last tier is unbounded above, so tiers can neither overlap nor
// leave gaps.
//
// In the rate modes (AllUnits, Incremental, RetroFromThreshold, Linear)
// each tier multiplies the volume either by Rate, a fraction of the volume
// ("2.5%": the volume is money), or by Price, an amount per unit of volume
// ("10": 10 per unit, the volume counts units, seats, events); a schedule
// uses one or the other in all its tiers, never both. Price is written and
// printed as a price ("10 per unit"), never as a percentage. In AllUnits
// and Incremental a tier may also carry Flat, a fixed fee added as soon
// as the volume reaches the tier (the "flat + per unit" tier of billing
// systems; see the package documentation). Rate, Price and Flat must be
// zero in the other modes.
//
// Amount is the fixed amount of the tier (FlatPerTier), the value per full
// step (Increment) or the price per started block (Package), and must be
// zero in the rate modes.
type Tier struct {
	From   decimal.Decimal `json:"from"`
	Rate   money.Rate      `json:"rate,omitzero"`
	Price  decimal.Decimal `json:"price,omitzero"`
	Flat   decimal.Decimal `json:"flat,omitzero"`
	Amount decimal.Decimal `json:"amount,omitzero"`
}

// Equal reports whether t and u have numerically equal fields.
func (t Tier) Equal(u Tier) bool {
	return t.From.Equal(u.From) && t.Rate.Equal(u.Rate) && t.Price.Equal(u.Price) &&
		t.Flat.Equal(u.Flat) && t.Amount.Equal(u.Amount)
}

// multiplier returns what the tier multiplies the volume by: its Price
// as a fraction, or its Rate.
func (t Tier) multiplier() money.Rate {
	if !t.Price.IsZero() {
		return money.RateFromFraction(t.Price)
	}
	return t.Rate
}

// Spec is the declarative description of a schedule, as stored in JSON.
// New validates it; see the package documentation for which fields each
// mode uses. Fields a mode does not use must be zero.
type Spec struct {
	Mode     Mode     `json:"mode"`
	Boundary Boundary `json:"boundary"`
	Tiers    []Tier   `json:"tiers"`
	// Threshold is θ in RetroFromThreshold and Increment.
	Threshold decimal.Decimal `json:"threshold,omitzero"`
	// Step is the step size in Increment and the block size in Package.
	Step decimal.Decimal `json:"step,omitzero"`
	// RatePlaces and Rounding say how Linear rounds the interpolated rate:
	// once, to RatePlaces digits of the fraction, with Rounding.
	RatePlaces int32              `json:"rate_places,omitzero"`
	Rounding   money.RoundingMode `json:"rounding,omitzero"`
	// RatesAbove100 allows tier rates above 100 % (a rebate larger than
	// the volume it is paid on). Without it such a rate is an ErrRate:
	// it is almost always a unit mistake ("1" meant as 1 %).
	RatesAbove100 bool `json:"rates_above_100_percent,omitzero"`
}

// Equal reports whether s and o describe the same schedule field by field
// (decimals compared numerically).
func (s Spec) Equal(o Spec) bool {
	if s.Mode != o.Mode || s.Boundary != o.Boundary || len(s.Tiers) != len(o.Tiers) ||
		!s.Threshold.Equal(o.Threshold) || !s.Step.Equal(o.Step) ||
		s.RatePlaces != o.RatePlaces || s.Rounding != o.Rounding || s.RatesAbove100 != o.RatesAbove100 {
		return false
	}
	for i := range s.Tiers {
		if !s.Tiers[i].Equal(o.Tiers[i]) {
			return false
		}
	}
	return true
}

// perUnit reports whether the tiers carry prices per unit rather than
// rates: whether any tier has a non-zero Price.
func (s Spec) perUnit() bool {
	for _, t := range s.Tiers {
		if !t.Price.IsZero() {
			return true
		}
	}
	return false
}

// usesFlat reports whether the mode reads Tier.Flat.
func usesFlat(m Mode) bool {
	switch m {
	case AllUnits, Incremental:
		return true
	case RetroFromThreshold, Linear, Increment, FlatPerTier, Package, ModeUnspecified:
		return false
	}
	return false
}

func (s Spec) clone() Spec {
	s.Tiers = append([]Tier(nil), s.Tiers...)
	return s
}

// usesRates reports whether the mode reads Tier.Rate (otherwise it reads
// Tier.Amount).
func usesRates(m Mode) bool {
	switch m {
	case AllUnits, Incremental, RetroFromThreshold, Linear:
		return true
	case Increment, FlatPerTier, Package, ModeUnspecified:
		return false
	}
	return false
}

func usesThreshold(m Mode) bool {
	switch m {
	case RetroFromThreshold, Increment:
		return true
	case AllUnits, Incremental, Linear, FlatPerTier, Package, ModeUnspecified:
		return false
	}
	return false
}

func usesStep(m Mode) bool {
	switch m {
	case Increment, Package:
		return true
	case AllUnits, Incremental, RetroFromThreshold, Linear, FlatPerTier, ModeUnspecified:
		return false
	}
	return false
}

// validate returns every problem of s, joined, checked phase by phase:
// enums, tier count, bounds, rates and amounts, threshold and step, and
// the linear rounding.
func (s Spec) validate() error {
	var v specErrs
	v.enums(s)
	n := v.count(s)
	v.bounds(s, n)
	v.terms(s, n)
	v.thresholdAndStep(s)
	v.rounding(s)
	return errors.Join(v...)
}

// specErrs collects the *SpecError values of one validation.
type specErrs []error

func (v *specErrs) add(path, value string, err error) {
	*v = append(*v, &SpecError{Path: path, Value: value, Err: err})
}

// inRange reports whether d is within the Spec limits, and records an
// ErrRange error at path if not.
func (v *specErrs) inRange(path string, d decimal.Decimal) bool {
	if !inRange(d) {
		v.add(path, rangeText(d), ErrRange)
		return false
	}
	return true
}

// enums checks the mode and the boundary convention.
func (v *specErrs) enums(s Spec) {
	if !s.Mode.IsValid() {
		v.add("/mode", s.Mode.String(), ErrMode)
	}
	if !s.Boundary.IsValid() {
		v.add("/boundary", s.Boundary.String(), ErrBoundary)
	}
}

// count checks the number of tiers the mode needs and returns how many
// tiers the later phases check (at most MaxTiers: bounded work).
func (v *specErrs) count(s Spec) int {
	n := len(s.Tiers)
	switch {
	case n == 0:
		v.add("/tiers", "", ErrNoTiers)
	case n > MaxTiers:
		v.add("/tiers", strconv.Itoa(n), fmt.Errorf("%w: %d tiers, at most %d", ErrTooManyTiers, n, MaxTiers))
	case s.Mode == Linear && n < 2:
		v.add("/tiers", strconv.Itoa(n), fmt.Errorf("%w: linear needs at least two knots", ErrNoTiers))
	case (s.Mode == Increment || s.Mode == Package) && n != 1:
		v.add("/tiers", strconv.Itoa(n), fmt.Errorf("%w: %s takes exactly one tier", ErrTooManyTiers, s.Mode))
	}
	return min(n, MaxTiers)
}

// bounds checks that the first n bounds are in range, start at 0 (except
// for Linear's knots) and strictly ascend.
func (v *specErrs) bounds(s Spec, n int) {
	for i := 0; i < n; i++ {
		t := s.Tiers[i]
		f := field.At("tiers", i, "from")
		if !v.inRange(f, t.From) {
			continue
		}
		if i == 0 {
			if s.Mode != Linear && !t.From.IsZero() {
				v.add(f, t.From.String(), fmt.Errorf("%w: the first tier must start at 0", ErrGap))
			}
			continue
		}
		switch prev := s.Tiers[i-1].From; t.From.Cmp(prev) {
		case -1:
			v.add(f, t.From.String(), fmt.Errorf("%w: below /tiers/%d/from %q", ErrUnsorted, i-1, prev.String()))
		case 0:
			v.add(f, t.From.String(), fmt.Errorf("%w: equal to /tiers/%d/from", ErrDuplicate, i-1))
		}
	}
}

// terms checks each of the first n tiers' rate, price, flat fee and
// amount against the mode.
func (v *specErrs) terms(s Spec, n int) {
	perUnit := s.perUnit()
	for i := 0; i < n; i++ {
		t := s.Tiers[i]
		v.rate(s, field.At("tiers", i, "rate"), t.Rate.Fraction(), perUnit)
		v.price(s, field.At("tiers", i, "price"), t.Price)
		v.amount(s, field.At("tiers", i, "flat"), t.Flat, usesFlat(s.Mode), "a flat fee")
		v.amount(s, field.At("tiers", i, "amount"), t.Amount, !usesRates(s.Mode), "amounts")
	}
}

// rate checks one tier's rate r at path f.
func (v *specErrs) rate(s Spec, f string, r decimal.Decimal, perUnit bool) {
	if !v.inRange(f, r) {
		return
	}
	switch {
	case r.Sign() < 0:
		v.add(f, r.String(), fmt.Errorf("%w: negative", ErrRate))
	case !usesRates(s.Mode) && s.Mode.IsValid() && !r.IsZero():
		v.add(f, r.String(), fmt.Errorf("%w: %s does not use rates", ErrRate, s.Mode))
	case perUnit && !r.IsZero():
		v.add(f, r.String(), fmt.Errorf("%w: the schedule gives prices per unit, not rates", ErrRate))
	case !v.linearPlaces(s, r):
		v.add(f, r.String(), fmt.Errorf("%w: more than rate_places = %d digits", ErrRate, s.RatePlaces))
	case r.Cmp(decimal.New(1, 0)) > 0 && !s.RatesAbove100:
		v.add(f, money.RateFromFraction(r).FormatPercent(), fmt.Errorf("%w: above 100 %%; set rates_above_100_percent if this is intended", ErrRate))
	}
}

// price checks one tier's price p at path f.
func (v *specErrs) price(s Spec, f string, p decimal.Decimal) {
	if !v.inRange(f, p) {
		return
	}
	switch {
	case p.Sign() < 0:
		v.add(f, p.String(), fmt.Errorf("%w: negative", ErrPrice))
	case !usesRates(s.Mode) && s.Mode.IsValid() && !p.IsZero():
		v.add(f, p.String(), fmt.Errorf("%w: %s does not use prices", ErrPrice, s.Mode))
	case !v.linearPlaces(s, p):
		v.add(f, p.String(), fmt.Errorf("%w: more than rate_places = %d digits", ErrPrice, s.RatePlaces))
	}
}

// linearPlaces reports whether a linear knot's rate or price r has at
// most RatePlaces digits (always true in the other modes, and when
// RatePlaces itself is invalid, which rounding reports).
func (v *specErrs) linearPlaces(s Spec, r decimal.Decimal) bool {
	return s.Mode != Linear || -r.Exponent() <= s.RatePlaces || s.RatePlaces < 0 || s.RatePlaces > MaxPlaces ||
		r.Equal(r.Truncate(s.RatePlaces))
}

// amount checks a flat fee or an amount a at path f; used says whether
// the mode reads it, what names it in the message.
func (v *specErrs) amount(s Spec, f string, a decimal.Decimal, used bool, what string) {
	if !v.inRange(f, a) {
		return
	}
	switch {
	case a.Sign() < 0:
		v.add(f, a.String(), fmt.Errorf("%w: negative", ErrAmount))
	case !used && s.Mode.IsValid() && !a.IsZero():
		v.add(f, a.String(), fmt.Errorf("%w: %s does not use %s", ErrAmount, s.Mode, what))
	}
}

// thresholdAndStep checks Threshold and Step against the mode.
func (v *specErrs) thresholdAndStep(s Spec) {
	if v.inRange("/threshold", s.Threshold) {
		switch {
		case s.Threshold.Sign() < 0:
			v.add("/threshold", s.Threshold.String(), fmt.Errorf("%w: negative", ErrThreshold))
		case !usesThreshold(s.Mode) && s.Mode.IsValid() && !s.Threshold.IsZero():
			v.add("/threshold", s.Threshold.String(), fmt.Errorf("%w: %s does not use a threshold", ErrThreshold, s.Mode))
		}
	}
	if v.inRange("/step", s.Step) {
		switch {
		case usesStep(s.Mode) && s.Step.Sign() <= 0:
			v.add("/step", s.Step.String(), fmt.Errorf("%w: %s needs a positive step", ErrStep, s.Mode))
		case !usesStep(s.Mode) && s.Mode.IsValid() && !s.Step.IsZero():
			v.add("/step", s.Step.String(), fmt.Errorf("%w: %s does not use a step", ErrStep, s.Mode))
		}
	}
}

// rounding checks RatePlaces and Rounding: required in Linear, zero in
// the other modes.
func (v *specErrs) rounding(s Spec) {
	if s.Mode == Linear {
		if s.RatePlaces < 0 || s.RatePlaces > MaxPlaces {
			v.add("/rate_places", strconv.Itoa(int(s.RatePlaces)), fmt.Errorf("%w: rate_places must be in [0, %d]", ErrRounding, MaxPlaces))
		}
		if !s.Rounding.IsValid() {
			v.add("/rounding", s.Rounding.String(), fmt.Errorf("%w: linear needs a rounding mode", ErrRounding))
		}
		return
	}
	if !s.Mode.IsValid() {
		return
	}
	if s.RatePlaces != 0 {
		v.add("/rate_places", strconv.Itoa(int(s.RatePlaces)), fmt.Errorf("%w: only linear uses rate_places", ErrRounding))
	}
	if s.Rounding != money.RoundingUnspecified {
		v.add("/rounding", s.Rounding.String(), fmt.Errorf("%w: only linear uses rounding", ErrRounding))
	}
}

// inRange reports whether d has at most MaxPlaces digits after the point
// and |d| < 10^MaxMagnitudeDigits. It never rescales by more than d's own
// number of digits, so hostile exponents cost nothing.
func inRange(d decimal.Decimal) bool {
	if d.IsZero() {
		return true
	}
	exp, nd := int64(d.Exponent()), d.NumDigits()
	// 10^(exp+nd-1) <= |d| < 10^(exp+nd)
	if exp+int64(nd)-1 >= MaxMagnitudeDigits {
		return false
	}
	if exp < -MaxPlaces {
		if -MaxPlaces-exp >= int64(nd) {
			return false // a non-zero coefficient with that many trailing zeros would be longer
		}
		return d.Equal(d.Truncate(MaxPlaces))
	}
	return true
}

// rangeText formats an out-of-range decimal without expanding its exponent.
func rangeText(d decimal.Decimal) string {
	c := d.Coefficient().String()
	if len(c) > 40 {
		c = c[:40] + "…"
	}
	return c + "e" + strconv.FormatInt(int64(d.Exponent()), 10)
}
