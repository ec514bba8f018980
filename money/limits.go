package money

import (
	"math"
	"math/big"
	"strconv"

	"github.com/shopspring/decimal"
)

// MaxExponent bounds the operating range of the package. A decimal
// c·10^e is in range when −MaxExponent ≤ e ≤ MaxExponent. Everything this
// package parses is in range (texts are at most MaxTextLen bytes), and so
// is any realistic amount, rate or product of a few of them.
//
// Outside the range exact arithmetic would need time and memory without
// bound (10^(2^30) has a billion digits), so: Round, Div, Allocate,
// AllocateUnits and the Amount methods that return an error report an
// operand outside the range as a *RangeError matching ErrRange;
// comparisons (Equal, Cmp, Within, Check) are exact for any value; and the
// few methods that cannot return an error (Mul, MulRate, Rate.Add, Rate.Sub,
// Rate.Mul, Rate.Of, Rate.Complement and the Rate constructors) never panic
// and return a value that is itself outside the range, so that the next
// checked operation reports it. String and FormatDecimal write such a
// value in a compact exponent form ("1e1073741824"), for display only;
// MarshalText rejects it.
const MaxExponent = 1000

// InRange reports whether d is inside the operating range: its exponent
// is within ±MaxExponent. Packages that accept decimals from callers check
// them with InRange (or CheckRange) before computing with them.
func InRange(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -MaxExponent && e <= MaxExponent
}

// CheckRange returns nil if d is inside the operating range, else a
// *RangeError (matching ErrRange) whose Quantity is "exponent of "
// followed by quantity, a name in words such as "weight" or "rate". It is
// not a field path: a package that decodes a document wraps the error in
// its own field error carrying the JSON Pointer.
func CheckRange(quantity string, d decimal.Decimal) error { return checkExp(quantity, d) }

// inRange reports whether d's exponent is within ±MaxExponent.
func inRange(d decimal.Decimal) bool { return InRange(d) }

// checkExp returns a *RangeError naming the exponent of quantity if d is
// outside the operating range.
func checkExp(quantity string, d decimal.Decimal) error {
	if inRange(d) {
		return nil
	}
	return &RangeError{
		Quantity: "exponent of " + quantity,
		Value:    strconv.Itoa(int(d.Exponent())),
		Min:      strconv.Itoa(-MaxExponent),
		Max:      strconv.Itoa(MaxExponent),
	}
}

// cmpDec compares a and b exactly without scaling either by more digits
// than its coefficient has, whatever their exponents: magnitudes whose
// leading digits sit at different powers of ten are ordered by that power
// alone.
func cmpDec(a, b decimal.Decimal) int {
	if d := int64(a.Exponent()) - int64(b.Exponent()); d >= -18 && d <= 18 {
		return a.Cmp(b) // the common case: scaling by at most 10^18 is cheap
	}
	sa, sb := a.Sign(), b.Sign()
	switch {
	case sa != sb:
		if sa > sb {
			return 1
		}
		return -1
	case sa == 0:
		return 0
	}
	// |a| ∈ [10^(ea−1), 10^ea) and likewise for b.
	ea := int64(a.Exponent()) + int64(a.NumDigits())
	eb := int64(b.Exponent()) + int64(b.NumDigits())
	switch {
	case ea > eb:
		return sa
	case ea < eb:
		return -sa
	}
	// Same leading power: the exponents differ by at most the difference
	// in digit counts, so shopspring's scaling is bounded by the inputs.
	return a.Cmp(b)
}

// clampExp returns e limited to the int32 range.
func clampExp(e int64) int32 {
	return int32(min(max(e, math.MinInt32), math.MaxInt32))
}

// mulDec is a·b, exact when the exponent of the product fits int32. When
// it does not (only possible far outside the operating range) the exponent
// is clamped to the int32 limit, which keeps the result outside the range
// instead of panicking as decimal.Decimal.Mul does.
func mulDec(a, b decimal.Decimal) decimal.Decimal {
	e := int64(a.Exponent()) + int64(b.Exponent())
	if e == int64(clampExp(e)) {
		return a.Mul(b)
	}
	c := new(big.Int).Mul(a.Coefficient(), b.Coefficient())
	return decimal.NewFromBigInt(c, clampExp(e))
}

// shiftDec is d·10^k, exact when the exponent fits int32 and otherwise
// clamped as in mulDec.
func shiftDec(d decimal.Decimal, k int32) decimal.Decimal {
	e := int64(d.Exponent()) + int64(k)
	if e == int64(clampExp(e)) {
		return d.Shift(k)
	}
	return decimal.NewFromBigInt(d.Coefficient(), clampExp(e))
}

// outside returns the first of ds that is outside the operating range.
func outside(ds ...decimal.Decimal) (decimal.Decimal, bool) {
	for _, d := range ds {
		if !inRange(d) {
			return d, true
		}
	}
	return decimal.Decimal{}, false
}
