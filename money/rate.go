package money

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Rate is a dimensionless fraction: a discount, a rebate rate, a share.
// RateFromFraction(0.025), RateFromPercent(2.5) and RateFromBasisPoints(250)
// are the same Rate. The zero value is a valid 0 rate.
//
// Like an Amount, a rate whose coefficient fits an int64 is held inline
// (an int64 coefficient and an exponent), parsed, compared, added and
// multiplied without allocation; a larger one is held as a
// decimal.Decimal. The two forms give exactly the same results. Fraction,
// Percent and BasisPoints build a decimal.Decimal, which allocates.
type Rate struct {
	c    int64           // compact form: the rate is c·10^e
	f    decimal.Decimal // wide form: the rate, when wide
	e    int16
	wide bool
}

// rateOf returns f as a Rate, compact when it fits.
func rateOf(f decimal.Decimal) Rate { return rateOfAmount(fromDec(f, Currency{})) }

// amount returns r as an Amount without currency, in the same form: a
// Rate computes with Amount's int64-or-decimal helpers.
func (r Rate) amount() Amount { return Amount{c: r.c, d: r.f, e: r.e, wide: r.wide} }

// rateOfAmount returns a's value as a Rate, in the same form.
func rateOfAmount(a Amount) Rate { return Rate{c: a.c, f: a.d, e: a.e, wide: a.wide} }

// dec returns the rate as a decimal.Decimal.
func (r Rate) dec() decimal.Decimal { return r.amount().dec() }

// shifted returns r·10^k, compact when r is and the result fits.
func (r Rate) shifted(k int32) Rate {
	if e := int64(r.e) + int64(k); !r.wide && compactFits(r.c, e) {
		return Rate{c: r.c, e: int16(e)}
	}
	return rateOf(shiftDec(r.dec(), k))
}

// RateFromFraction returns the rate f (0.025 is 2.5 %).
func RateFromFraction(f decimal.Decimal) Rate { return rateOf(f) }

// RateFromPercent returns the rate p % (2.5 is 0.025).
func RateFromPercent(p decimal.Decimal) Rate { return rateOf(p).shifted(-2) }

// RateFromBasisPoints returns the rate bp basis points (250 is 0.025).
func RateFromBasisPoints(bp decimal.Decimal) Rate { return rateOf(bp).shifted(-4) }

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
	var r Rate
	if c, e, ok := parseCompact(num); ok && compactFits(c, int64(e)+int64(shift)) {
		// The usual case: read in int64, without a decimal or a text.
		r = Rate{c: c, e: int16(e + shift)}
	} else {
		if err := checkDecimalSyntax(num); err != nil {
			return Rate{}, parseError("ParseRate", s, err)
		}
		d, err := decimal.NewFromString(num)
		if err != nil {
			return Rate{}, parseError("ParseRate", s, ErrSyntax)
		}
		r = rateOf(d.Shift(shift))
	}
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
	n := 0
	if r.wide || !compactFits(r.c, int64(r.e)+4) {
		if err := checkExp("rate", r.dec()); err != nil {
			return err
		}
		n = max(len(r.FormatFraction()), len(r.FormatBasisPoints()))
	} else { // in range, both forms: the lengths are counted, not written
		n = max(rateTextLen(r.c, int64(r.e)), rateTextLen(r.c, int64(r.e)+4)+len("bp"))
	}
	if n > MaxTextLen {
		return &RangeError{Quantity: "text length", Value: strconv.Itoa(n), Min: "1", Max: strconv.Itoa(MaxTextLen)}
	}
	return nil
}

// trimmed returns c·10^e with the trailing zeros of c moved into the
// exponent (0·10^0 for c = 0).
func trimmed(c, e int64) (int64, int64) {
	if c == 0 {
		return 0, 0
	}
	for c%10 == 0 {
		c, e = c/10, e+1
	}
	return c, e
}

// rateTextLen is the length of c·10^e written as FormatFraction writes a
// rate (no trailing zeros after the point, no exponent), counted without
// writing it.
func rateTextLen(c, e int64) int {
	c, e = trimmed(c, e)
	digits := 1
	for u := abs64(c); u >= 10; u /= 10 {
		digits++
	}
	sign := 0
	if c < 0 {
		sign = 1
	}
	switch {
	case e >= 0:
		return sign + digits + int(e) // the digits, then e zeros
	case digits > int(-e):
		return sign + digits + 1 // the point inside the digits
	}
	return sign + 2 + int(-e) // "0." and −e digits
}

// appendRate appends c·10^e as rateTextLen counts it.
func appendRate(b []byte, c, e int64) []byte {
	c, e = trimmed(c, e)
	return appendFixed(b, c, int32(e), 0)
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
func (r Rate) Fraction() decimal.Decimal { return r.dec() }

// Percent returns the rate in percent (2.5 for 2.5 %).
func (r Rate) Percent() decimal.Decimal { return r.shifted(2).dec() }

// BasisPoints returns the rate in basis points (250 for 2.5 %).
func (r Rate) BasisPoints() decimal.Decimal { return r.shifted(4).dec() }

// IsZero reports whether r is 0.
func (r Rate) IsZero() bool { return r.Sign() == 0 }

// Sign returns -1, 0 or +1.
func (r Rate) Sign() int { return r.amount().Sign() }

// Cmp compares two rates: -1 if r < o, 0 if equal, +1 if r > o. It is
// exact for any values.
func (r Rate) Cmp(o Rate) int { return cmpAmount(r.amount(), o.amount()) }

// Equal reports whether two rates are numerically equal. go-cmp uses it.
func (r Rate) Equal(o Rate) bool { return r.Cmp(o) == 0 }

// Add returns r+o exactly. If r or o is outside the operating range (see
// MaxExponent) the result is that operand, still outside the range.
func (r Rate) Add(o Rate) Rate {
	if x, bad := outsideRate(r, o); bad {
		return x
	}
	return rateOfAmount(r.amount().add(o.amount()))
}

// Sub returns r−o exactly, or an operand outside the operating range as
// Add does.
func (r Rate) Sub(o Rate) Rate {
	if x, bad := outsideRate(r, o); bad {
		return x
	}
	return rateOfAmount(r.amount().add(o.amount().Neg()))
}

// outsideRate returns the first of r and o that is outside the operating
// range (only a wide rate can be).
func outsideRate(r, o Rate) (Rate, bool) {
	for _, x := range [...]Rate{r, o} {
		if x.wide && !inRange(x.f) {
			return x, true
		}
	}
	return Rate{}, false
}

// Mul returns r·o exactly (compounding two rates). It never panics (see
// MaxExponent).
func (r Rate) Mul(o Rate) Rate { return rateOfAmount(r.amount().mulRate(o)) }

// mulRate is Amount.MulRate: a·r exactly, in int64 when both are compact
// and the product fits.
func (a Amount) mulRate(r Rate) Amount {
	if !a.wide && !r.wide {
		if p, ok := mulInt64(a, r.c, int64(r.e)); ok {
			return p
		}
	}
	return a.Mul(r.dec())
}

// Complement returns 1−r (the share left after a discount r), or r itself
// if r is outside the operating range (see MaxExponent), as Sub does.
func (r Rate) Complement() Rate { return Rate{c: 1}.Sub(r) }

// Of returns d·r exactly. It never panics (see MaxExponent).
func (r Rate) Of(d decimal.Decimal) decimal.Decimal { return mulDec(d, r.dec()) }

// Within reports whether lo ≤ r ≤ hi, exactly, for any values.
func (r Rate) Within(lo, hi Rate) bool { return r.Cmp(lo) >= 0 && r.Cmp(hi) <= 0 }

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
func (r Rate) FormatFraction() string { return r.format(0, "") }

// FormatPercent returns the exact percent form, e.g. "2.5%".
func (r Rate) FormatPercent() string { return r.format(2, "%") }

// FormatBasisPoints returns the exact basis-point form, e.g. "250bp".
func (r Rate) FormatBasisPoints() string { return r.format(4, "bp") }

// format writes r·10^k without trailing zeros, then unit (beyond the
// operating range, in formatFixed's exponent form).
func (r Rate) format(k int32, unit string) string {
	if r.wide || !compactFits(r.c, int64(r.e)+int64(k)) {
		return trimZeros(formatFixed(shiftDec(r.dec(), k), 0)) + unit
	}
	return string(append(appendRate(make([]byte, 0, 24), r.c, int64(r.e)+int64(k)), unit...))
}

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
