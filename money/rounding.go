package money

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/enum"
)

// RoundingMode says how a value is rounded to a number of decimal places.
// The zero value is RoundingUnspecified, which every function rejects with
// ErrRoundingMode: a finance caller always states the mode.
type RoundingMode uint8

// Rounding modes. The examples round to 0 places.
const (
	RoundingUnspecified RoundingMode = iota
	// HalfEven rounds to nearest, ties to the even neighbour (banker's
	// rounding): 2.5 → 2, 3.5 → 4, −2.5 → −2. The documented default.
	HalfEven
	// HalfUp rounds to nearest, ties away from zero: 2.5 → 3, −2.5 → −3.
	HalfUp
	// HalfDown rounds to nearest, ties toward zero: 2.5 → 2, −2.5 → −2.
	HalfDown
	// TowardZero truncates: 2.9 → 2, −2.9 → −2.
	TowardZero
	// AwayFromZero rounds any fraction away from zero: 2.1 → 3, −2.1 → −3.
	AwayFromZero
	// Ceiling rounds toward +∞: 2.1 → 3, −2.9 → −2.
	Ceiling
	// Floor rounds toward −∞: 2.9 → 2, −2.1 → −3.
	Floor
)

// DefaultRounding is the mode partnerecon documents as its default:
// half-even. Functions never assume it; callers pass it explicitly.
const DefaultRounding = HalfEven

// MaxPlaces is the largest number of decimal places Round and Div accept.
const MaxPlaces = 40

// roundingNames lists the modes' names in the order of their values,
// the rejected zero value first.
const roundingNames enum.Names = "unspecified half-even half-up half-down toward-zero away-from-zero ceiling floor"

// roundingLabel names the enumeration in EnumError messages.
const roundingLabel = "rounding mode"

// IsValid reports whether m is one of the named modes other than
// RoundingUnspecified.
func (m RoundingMode) IsValid() bool { return roundingNames.IsValid(uint8(m)) }

// String returns the mode's name, e.g. "half-even"; "unspecified" for the
// zero value and "RoundingMode(n)" for a number that names no mode.
func (m RoundingMode) String() string { return roundingNames.String("RoundingMode", uint8(m)) }

// MarshalText returns the mode's name. The zero value and numbers that
// name no mode are an *EnumError (ErrRoundingMode).
func (m RoundingMode) MarshalText() ([]byte, error) {
	b, f := roundingNames.Marshal("RoundingMode", uint8(m))
	if f.Failed {
		return nil, enumError(f)
	}
	return b, nil
}

// UnmarshalText parses a mode name as written by MarshalText (see
// ParseRoundingMode).
func (m *RoundingMode) UnmarshalText(b []byte) error {
	mode, err := ParseRoundingMode(string(b))
	if err != nil {
		return err
	}
	*m = mode
	return nil
}

// ParseRoundingMode parses "half-even", "half-up", "half-down",
// "toward-zero", "away-from-zero", "ceiling" or "floor" (exact,
// lowercase). Any other text, "unspecified" included, is an *EnumError
// (ErrRoundingMode) listing the valid names and the nearest one.
func ParseRoundingMode(s string) (RoundingMode, error) {
	v, f := roundingNames.Parse(s)
	if f.Failed {
		return RoundingUnspecified, enumError(f)
	}
	return RoundingMode(v), nil
}

func checkRounding(places int32, mode RoundingMode) error {
	if !mode.IsValid() {
		_, f := roundingNames.Marshal("RoundingMode", uint8(mode))
		return enumError(f)
	}
	if places < 0 || places > MaxPlaces {
		return &RangeError{Quantity: "places", Value: fmt.Sprint(places), Min: "0", Max: fmt.Sprint(MaxPlaces)}
	}
	return nil
}

// Round rounds d to places decimal places (0 ≤ places ≤ MaxPlaces) with
// mode. The result is exactly the rounded value; d is never rounded twice.
// A value that already has at most places digits is returned unchanged in
// value (its exponent may differ). Errors: ErrRoundingMode, and a
// *RangeError (ErrRange) for places or for d outside the operating range
// (see MaxExponent).
func Round(d decimal.Decimal, places int32, mode RoundingMode) (decimal.Decimal, error) {
	if err := checkRounding(places, mode); err != nil {
		return decimal.Decimal{}, err
	}
	if err := checkExp("d", d); err != nil {
		return decimal.Decimal{}, err
	}
	if d.Exponent() >= -places {
		return d, nil
	}
	q := d.RoundDown(places) // toward zero, exact truncation
	r := d.Sub(q)            // same sign as d, |r| < 10^-places
	if r.IsZero() {
		return q, nil
	}
	half := r.Abs().Shift(places).Cmp(decimal.New(5, -1)) // |r|·10^places vs 0.5
	return bump(q, d.Sign(), half, places, mode), nil
}

// bump applies mode to a truncated (toward zero) result q of an inexact
// operation whose exact result has sign sign; half compares the discarded
// magnitude with half a unit in the last place (-1 below, 0 at, +1 above).
func bump(q decimal.Decimal, sign, half int, places int32, mode RoundingMode) decimal.Decimal {
	odd := mode == HalfEven && half == 0 && q.Shift(places).BigInt().Bit(0) == 1
	if !bumpAway(odd, sign, half, mode) {
		return q
	}
	unit := decimal.New(int64(sign), -places)
	return q.Add(unit)
}

// bumpAway reports whether mode moves a truncated result one unit away
// from zero; odd says the truncated result is odd (read for HalfEven
// ties only), sign and half are as for bump.
func bumpAway(odd bool, sign, half int, mode RoundingMode) bool {
	switch mode {
	case HalfEven:
		return half > 0 || (half == 0 && odd)
	case HalfUp:
		return half >= 0
	case HalfDown:
		return half > 0
	case TowardZero:
		return false
	case AwayFromZero:
		return true
	case Ceiling:
		return sign > 0
	case Floor:
		return sign < 0
	case RoundingUnspecified:
		return false // unreachable: checked by checkRounding
	}
	return false
}

// Div returns a/b rounded once, to places decimal places with mode. It
// works from the exact quotient and remainder, so the result is the
// correctly rounded value of the true quotient. b == 0 is ErrDivisionByZero;
// a or b outside the operating range (see MaxExponent) is a *RangeError
// (ErrRange), never a panic. Use it instead of decimal.Decimal.Div, whose
// precision is a global.
func Div(a, b decimal.Decimal, places int32, mode RoundingMode) (decimal.Decimal, error) {
	if err := checkRounding(places, mode); err != nil {
		return decimal.Decimal{}, err
	}
	if b.IsZero() {
		return decimal.Decimal{}, ErrDivisionByZero
	}
	if err := checkExp("a", a); err != nil {
		return decimal.Decimal{}, err
	}
	if err := checkExp("b", b); err != nil {
		return decimal.Decimal{}, err
	}
	q, r := a.QuoRem(b, places) // a = b·q + r, q truncated toward zero
	if r.IsZero() {
		return q, nil
	}
	// Discarded fraction of a unit = |r| / (|b|·10^-places); compare with 1/2.
	half := r.Abs().Shift(places).Mul(decimal.NewFromInt(2)).Cmp(b.Abs())
	return bump(q, a.Sign()*b.Sign(), half, places, mode), nil
}

// formatSmall writes c·10^exp in plain notation with places ≥ −exp digits
// after the point, as decimal.Decimal.StringFixed does, in one allocation.
func formatSmall(c int64, exp, places int32) string {
	var digits [20]byte
	abs := c
	if c < 0 {
		abs = -c // |c| < 10^18: no overflow
	}
	ds := strconv.AppendInt(digits[:0], abs, 10)
	var stack [64]byte
	b := stack[:0]
	if c < 0 {
		b = append(b, '-')
	}
	switch k := int(-exp); {
	case c == 0:
		b = append(b, '0')
	case k <= 0: // an integer: c, then −k zeros
		b = append(b, ds...)
		for range -k {
			b = append(b, '0')
		}
	default: // k digits after the point, c's last ones, zeros before them
		for range k + 1 - len(ds) {
			b = append(b, '0')
		}
		b = append(b, ds...)
		point := len(b) - k
		b = append(b, 0)
		copy(b[point+1:], b[point:])
		b[point] = '.'
		for range int(places) - k {
			b = append(b, '0')
		}
		return string(b)
	}
	if places > 0 {
		b = append(b, '.')
		for range places {
			b = append(b, '0')
		}
	}
	return string(b)
}

// formatFixed writes d with at least places digits after the point
// (places limited to [0, MaxPlaces]) and more only if d has more
// significant digits. It never reads shopspring's global settings. A value
// outside the operating range is written compactly as its coefficient and
// exponent ("1e1073741824"), which no parser here accepts: it is for
// display only.
func formatFixed(d decimal.Decimal, places int32) string {
	if !inRange(d) {
		return d.Coefficient().String() + "e" + strconv.Itoa(int(d.Exponent()))
	}
	places = min(max(places, 0), MaxPlaces)
	if e := -d.Exponent(); e > places {
		places = e
	}
	if d.NumDigits() <= 18 {
		// |coefficient| < 10^18: CoefficientInt64 is exact, no copy.
		return formatSmall(d.CoefficientInt64(), d.Exponent(), places)
	}
	s := d.StringFixed(places)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:]
	}
	return s
}
