package money

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Rate is a dimensionless fraction: a discount, a rebate rate, a share.
// RateFromFraction(0.025), RateFromPercent(2.5) and RateFromBasisPoints(250)
// are the same Rate. The zero value is a valid 0 rate.
type Rate struct{ f decimal.Decimal }

// RateFromFraction returns the rate f (0.025 is 2.5 %).
func RateFromFraction(f decimal.Decimal) Rate { return Rate{f: f} }

// RateFromPercent returns the rate p % (2.5 is 0.025).
func RateFromPercent(p decimal.Decimal) Rate { return Rate{f: shiftDec(p, -2)} }

// RateFromBasisPoints returns the rate bp basis points (250 is 0.025).
func RateFromBasisPoints(bp decimal.Decimal) Rate { return Rate{f: shiftDec(bp, -4)} }

// ParseRate parses a rate in one of three explicit forms: a bare decimal is
// a fraction ("0.025"), a decimal followed by "%" is a percentage ("2.5%"),
// and a decimal followed by "bp" is basis points ("250bp"). The number
// follows ParseDecimal: no spaces, exponents or Unicode signs; the rate
// must be writable back in each form within MaxTextLen bytes.
func ParseRate(s string) (Rate, error) {
	if len(s) > MaxTextLen {
		return Rate{}, parseError("ParseRate", s, ErrRange)
	}
	num, shift := s, int32(0)
	switch {
	case strings.HasSuffix(s, "%"):
		num, shift = s[:len(s)-1], -2
	case strings.HasSuffix(s, "bp"):
		num, shift = s[:len(s)-2], -4
	}
	if err := checkDecimalSyntax(num); err != nil {
		return Rate{}, parseError("ParseRate", s, err)
	}
	d, err := decimal.NewFromString(num)
	if err != nil {
		return Rate{}, parseError("ParseRate", s, ErrSyntax)
	}
	r := Rate{f: d.Shift(shift)}
	if r.checkText() != nil {
		// It could not be written back within the limit in every form.
		return Rate{}, parseError("ParseRate", s, ErrRange)
	}
	return r, nil
}

// checkText reports a *RangeError unless every text form of r can be read
// back by ParseRate: r in the operating range and its fraction and
// basis-point forms (the longest two) within MaxTextLen bytes.
func (r Rate) checkText() error {
	if err := checkExp("rate", r.f); err != nil {
		return err
	}
	if n := max(len(r.FormatFraction()), len(r.FormatBasisPoints())); n > MaxTextLen {
		return &RangeError{Quantity: "text length", Value: strconv.Itoa(n), Min: "1", Max: strconv.Itoa(MaxTextLen)}
	}
	return nil
}

// MustRate is ParseRate that panics on error, for literals in tests and
// examples.
func MustRate(s string) Rate {
	r, err := ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

// ParseRateIn parses s as ParseRate does and checks that the rate lies in
// [lo, hi]; quantity names the rate in words ("discount") in the
// *RangeError.
func ParseRateIn(quantity, s string, lo, hi Rate) (Rate, error) {
	r, err := ParseRate(s)
	if err != nil {
		return Rate{}, err
	}
	if err := r.Check(quantity, lo, hi); err != nil {
		return Rate{}, err
	}
	return r, nil
}

// Fraction returns the rate as a fraction (0.025 for 2.5 %).
func (r Rate) Fraction() decimal.Decimal { return r.f }

// Percent returns the rate in percent (2.5 for 2.5 %).
func (r Rate) Percent() decimal.Decimal { return shiftDec(r.f, 2) }

// BasisPoints returns the rate in basis points (250 for 2.5 %).
func (r Rate) BasisPoints() decimal.Decimal { return shiftDec(r.f, 4) }

// IsZero reports whether r is 0.
func (r Rate) IsZero() bool { return r.f.IsZero() }

// Sign returns -1, 0 or +1.
func (r Rate) Sign() int { return r.f.Sign() }

// Cmp compares two rates: -1 if r < o, 0 if equal, +1 if r > o. It is
// exact for any values.
func (r Rate) Cmp(o Rate) int { return cmpDec(r.f, o.f) }

// Equal reports whether two rates are numerically equal. go-cmp uses it.
func (r Rate) Equal(o Rate) bool { return cmpDec(r.f, o.f) == 0 }

// Add returns r+o exactly. If r or o is outside the operating range (see
// MaxExponent) the result is that operand, still outside the range.
func (r Rate) Add(o Rate) Rate {
	if x, bad := outside(r.f, o.f); bad {
		return Rate{f: x}
	}
	return Rate{f: r.f.Add(o.f)}
}

// Sub returns r−o exactly, or an operand outside the operating range as
// Add does.
func (r Rate) Sub(o Rate) Rate {
	if x, bad := outside(r.f, o.f); bad {
		return Rate{f: x}
	}
	return Rate{f: r.f.Sub(o.f)}
}

// Mul returns r·o exactly (compounding two rates). It never panics (see
// MaxExponent).
func (r Rate) Mul(o Rate) Rate { return Rate{f: mulDec(r.f, o.f)} }

// Complement returns 1−r (the share left after a discount r), or r itself
// if r is outside the operating range (see MaxExponent).
func (r Rate) Complement() Rate {
	if !inRange(r.f) {
		return r
	}
	return Rate{f: decimal.New(1, 0).Sub(r.f)}
}

// Of returns d·r exactly. It never panics (see MaxExponent).
func (r Rate) Of(d decimal.Decimal) decimal.Decimal { return mulDec(d, r.f) }

// Within reports whether lo ≤ r ≤ hi, exactly, for any values.
func (r Rate) Within(lo, hi Rate) bool { return cmpDec(r.f, lo.f) >= 0 && cmpDec(r.f, hi.f) <= 0 }

// Check returns a *RangeError whose Quantity is quantity, a name in words
// ("rebate"), if r is outside [lo, hi].
func (r Rate) Check(quantity string, lo, hi Rate) error {
	if r.Within(lo, hi) {
		return nil
	}
	return &RangeError{Quantity: quantity, Value: r.String(), Min: lo.String(), Max: hi.String()}
}

// FormatFraction returns the exact fraction form without trailing zeros,
// e.g. "0.025".
func (r Rate) FormatFraction() string { return trimZeros(formatFixed(r.f, 0)) }

// FormatPercent returns the exact percent form, e.g. "2.5%".
func (r Rate) FormatPercent() string { return trimZeros(formatFixed(r.Percent(), 0)) + "%" }

// FormatBasisPoints returns the exact basis-point form, e.g. "250bp".
func (r Rate) FormatBasisPoints() string { return trimZeros(formatFixed(r.BasisPoints(), 0)) + "bp" }

// String returns the percent form, e.g. "2.5%".
func (r Rate) String() string { return r.FormatPercent() }

// MarshalText returns the exact fraction form ("0.025"), so that the
// stored text has one unit only. It fails with a *RangeError (ErrRange)
// for a rate ParseRate could not read back (see ParseRate).
func (r Rate) MarshalText() ([]byte, error) {
	if err := r.checkText(); err != nil {
		return nil, err
	}
	return []byte(r.FormatFraction()), nil
}

// UnmarshalText parses any of the three forms (see ParseRate).
func (r *Rate) UnmarshalText(b []byte) error {
	v, err := ParseRate(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalJSON returns the fraction form as a JSON string, e.g. "0.025".
// It fails as MarshalText does.
func (r Rate) MarshalJSON() ([]byte, error) {
	b, err := r.MarshalText()
	if err != nil {
		return nil, err
	}
	return []byte(`"` + string(b) + `"`), nil
}

// UnmarshalJSON accepts only a JSON string in one of ParseRate's forms.
// Numbers, null and escapes are errors.
func (r *Rate) UnmarshalJSON(b []byte) error {
	s, err := unquoteJSON("Rate.UnmarshalJSON", b)
	if err != nil {
		return err
	}
	return r.UnmarshalText([]byte(s))
}

// trimZeros removes trailing fractional zeros and a bare point: "0.0250" →
// "0.025", "5.00" → "5".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
