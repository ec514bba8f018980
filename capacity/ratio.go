package capacity

import (
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Ratio is an exact ratio Num/Den, as the package reports every share,
// coverage ratio, Gini, HHI and return per currency unit. It is kept
// unrounded so that a caller rounds it exactly once, to the places and
// with the mode the caller needs ([Ratio.Round]); rounding an already
// rounded figure again ("guard digits, then round again") can give the
// wrong half-even result near a tie. [Ratio.Decimal] gives the package's
// default figure, at SharePlaces, half-even.
//
// Den is positive. The pair is not reduced to lowest terms: where a
// field's documentation says so, Num and Den are the figures the ratio is
// made of (a segment's capacity over its demand, a head's revenue over the
// total); otherwise only their quotient is meaningful. The zero Ratio is
// 0/1. A Ratio is an immutable value; compare two with Equal or Cmp, which
// compare the exact values (2/4 equals 1/2).
type Ratio struct {
	num decimal.Decimal
	den decimal.Decimal // zero only in the zero Ratio, which means 0/1
}

// NewRatio returns the exact ratio num/den, for instance a threshold to
// compare a reported ratio with. den must be positive (ErrNonPositive) and
// both must lie in money's operating range (ErrRange); errors are
// *InputError values with paths "/num" or "/den".
func NewRatio(num, den decimal.Decimal) (Ratio, error) {
	var l errList
	checkDecimal(&l, "/num", num)
	checkPositive(&l, "/den", den)
	if err := l.err(); err != nil {
		return Ratio{}, err
	}
	return Ratio{num: num, den: den}, nil
}

// exact builds a ratio from operands the package has already checked:
// both in the operating range, den positive.
func exact(num, den decimal.Decimal) Ratio { return Ratio{num: num, den: den} }

// Num returns the numerator.
func (r Ratio) Num() decimal.Decimal { return r.num }

// Den returns the denominator, which is positive (1 for the zero Ratio).
func (r Ratio) Den() decimal.Decimal {
	if r.den.IsZero() {
		return one()
	}
	return r.den
}

// Round returns Num/Den rounded once, from the exact quotient, to places
// decimal places with mode (money.Div). Errors are money's: a
// *money.RangeError for places outside [0, money.MaxPlaces],
// money.ErrRoundingMode for an invalid mode.
func (r Ratio) Round(places int32, mode money.RoundingMode) (decimal.Decimal, error) {
	return money.Div(r.num, r.Den(), places, mode)
}

// Decimal returns the ratio at the package's default precision:
// SharePlaces (12) places, half-even (ShareRounding), rounded once from the
// exact value. Round it no further: call Round with the places you need
// instead.
func (r Ratio) Decimal() decimal.Decimal {
	q, err := r.Round(SharePlaces, ShareRounding)
	if err != nil {
		return decimal.Decimal{} // unreachable: valid places and mode, operands checked on construction
	}
	return q
}

// Cmp compares the exact values of r and o: -1 if r < o, 0 if equal, +1
// if r > o.
func (r Ratio) Cmp(o Ratio) int {
	// Denominators are positive: r < o ⇔ r.num·o.den < o.num·r.den.
	return r.num.Mul(o.Den()).Cmp(o.num.Mul(r.Den()))
}

// Equal reports whether r and o have the same exact value.
func (r Ratio) Equal(o Ratio) bool { return r.Cmp(o) == 0 }

// String returns the ratio for display at SharePlaces places, half-even,
// with every place written ("0.500000000000"). It is Decimal formatted
// with money.FormatDecimal; round with Round for any other precision.
func (r Ratio) String() string { return money.FormatDecimal(r.Decimal(), SharePlaces) }

// MarshalJSON writes the ratio exactly, with its default figure beside it
// for readers: {"num":"7300000.00","den":"9750000.00","value":"0.748717948718"}
// (value is Decimal: SharePlaces, half-even). Numbers are JSON strings in
// plain notation, so no digit is lost to a JSON reader's floats.
func (r Ratio) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 96)
	b = append(b, `{"num":"`...)
	b = append(b, money.FormatDecimal(r.Num(), 0)...)
	b = append(b, `","den":"`...)
	b = append(b, money.FormatDecimal(r.Den(), 0)...)
	b = append(b, `","value":"`...)
	b = append(b, money.FormatDecimal(r.Decimal(), SharePlaces)...)
	return append(b, `"}`...), nil
}
