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
// leave gaps. Rate is the tier's rate in the rate modes (AllUnits,
// Incremental, RetroFromThreshold, Linear) and must be zero otherwise.
// Amount is the flat amount of the tier (FlatPerTier), the value per full
// step (Increment) or the price per started block (Package), and must be
// zero in the rate modes.
type Tier struct {
	From   decimal.Decimal `json:"from"`
	Rate   money.Rate      `json:"rate,omitzero"`
	Amount decimal.Decimal `json:"amount,omitzero"`
}

// Equal reports whether t and u have numerically equal fields.
func (t Tier) Equal(u Tier) bool {
	return t.From.Equal(u.From) && t.Rate.Equal(u.Rate) && t.Amount.Equal(u.Amount)
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
}

// Equal reports whether s and o describe the same schedule field by field
// (decimals compared numerically).
func (s Spec) Equal(o Spec) bool {
	if s.Mode != o.Mode || s.Boundary != o.Boundary || len(s.Tiers) != len(o.Tiers) ||
		!s.Threshold.Equal(o.Threshold) || !s.Step.Equal(o.Step) ||
		s.RatePlaces != o.RatePlaces || s.Rounding != o.Rounding {
		return false
	}
	for i := range s.Tiers {
		if !s.Tiers[i].Equal(o.Tiers[i]) {
			return false
		}
	}
	return true
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

// validate returns every problem of s, joined.
func (s Spec) validate() error {
	var errs []error
	add := func(path, value string, err error) {
		errs = append(errs, &SpecError{Path: path, Value: value, Err: err})
	}
	if !s.Mode.IsValid() {
		add("/mode", s.Mode.String(), ErrMode)
	}
	if !s.Boundary.IsValid() {
		add("/boundary", s.Boundary.String(), ErrBoundary)
	}
	checkRange := func(path string, d decimal.Decimal) bool {
		if !inRange(d) {
			add(path, rangeText(d), ErrRange)
			return false
		}
		return true
	}

	// Tier count.
	n := len(s.Tiers)
	switch {
	case n == 0:
		add("/tiers", "", ErrNoTiers)
	case n > MaxTiers:
		add("/tiers", strconv.Itoa(n), fmt.Errorf("%w: %d tiers, at most %d", ErrTooManyTiers, n, MaxTiers))
	case s.Mode == Linear && n < 2:
		add("/tiers", strconv.Itoa(n), fmt.Errorf("%w: linear needs at least two knots", ErrNoTiers))
	case (s.Mode == Increment || s.Mode == Package) && n != 1:
		add("/tiers", strconv.Itoa(n), fmt.Errorf("%w: %s takes exactly one tier", ErrTooManyTiers, s.Mode))
	}
	if n > MaxTiers {
		n = MaxTiers // still check the first MaxTiers, bounded work
	}

	// Bounds.
	for i := 0; i < n; i++ {
		t := s.Tiers[i]
		f := field.At("tiers", i, "from")
		if !checkRange(f, t.From) {
			continue
		}
		if i == 0 {
			if s.Mode != Linear && !t.From.IsZero() {
				add(f, t.From.String(), fmt.Errorf("%w: the first tier must start at 0", ErrGap))
			}
			continue
		}
		switch prev := s.Tiers[i-1].From; t.From.Cmp(prev) {
		case -1:
			add(f, t.From.String(), fmt.Errorf("%w: below /tiers/%d/from %q", ErrUnsorted, i-1, prev.String()))
		case 0:
			add(f, t.From.String(), fmt.Errorf("%w: equal to /tiers/%d/from", ErrDuplicate, i-1))
		}
	}

	// Rates and amounts.
	rates := usesRates(s.Mode)
	for i := 0; i < n; i++ {
		t := s.Tiers[i]
		rf := field.At("tiers", i, "rate")
		af := field.At("tiers", i, "amount")
		r := t.Rate.Fraction()
		if checkRange(rf, r) {
			switch {
			case r.Sign() < 0:
				add(rf, r.String(), fmt.Errorf("%w: negative", ErrRate))
			case !rates && s.Mode.IsValid() && !r.IsZero():
				add(rf, r.String(), fmt.Errorf("%w: %s does not use rates", ErrRate, s.Mode))
			case s.Mode == Linear && -r.Exponent() > s.RatePlaces && s.RatePlaces >= 0 && s.RatePlaces <= MaxPlaces &&
				!r.Equal(r.Truncate(s.RatePlaces)):
				add(rf, r.String(), fmt.Errorf("%w: more than rate_places = %d digits", ErrRate, s.RatePlaces))
			}
		}
		if checkRange(af, t.Amount) {
			switch {
			case t.Amount.Sign() < 0:
				add(af, t.Amount.String(), fmt.Errorf("%w: negative", ErrAmount))
			case rates && !t.Amount.IsZero():
				add(af, t.Amount.String(), fmt.Errorf("%w: %s does not use amounts", ErrAmount, s.Mode))
			}
		}
	}

	// Threshold.
	if checkRange("/threshold", s.Threshold) {
		switch {
		case s.Threshold.Sign() < 0:
			add("/threshold", s.Threshold.String(), fmt.Errorf("%w: negative", ErrThreshold))
		case !usesThreshold(s.Mode) && s.Mode.IsValid() && !s.Threshold.IsZero():
			add("/threshold", s.Threshold.String(), fmt.Errorf("%w: %s does not use a threshold", ErrThreshold, s.Mode))
		}
	}

	// Step.
	if checkRange("/step", s.Step) {
		switch {
		case usesStep(s.Mode) && s.Step.Sign() <= 0:
			add("/step", s.Step.String(), fmt.Errorf("%w: %s needs a positive step", ErrStep, s.Mode))
		case !usesStep(s.Mode) && s.Mode.IsValid() && !s.Step.IsZero():
			add("/step", s.Step.String(), fmt.Errorf("%w: %s does not use a step", ErrStep, s.Mode))
		}
	}

	// Linear rounding.
	if s.Mode == Linear {
		if s.RatePlaces < 0 || s.RatePlaces > MaxPlaces {
			add("/rate_places", strconv.Itoa(int(s.RatePlaces)), fmt.Errorf("%w: rate_places must be in [0, %d]", ErrRounding, MaxPlaces))
		}
		if !s.Rounding.IsValid() {
			add("/rounding", s.Rounding.String(), fmt.Errorf("%w: linear needs a rounding mode", ErrRounding))
		}
	} else if s.Mode.IsValid() {
		if s.RatePlaces != 0 {
			add("/rate_places", strconv.Itoa(int(s.RatePlaces)), fmt.Errorf("%w: only linear uses rate_places", ErrRounding))
		}
		if s.Rounding != money.RoundingUnspecified {
			add("/rounding", s.Rounding.String(), fmt.Errorf("%w: only linear uses rounding", ErrRounding))
		}
	}
	return errors.Join(errs...)
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
