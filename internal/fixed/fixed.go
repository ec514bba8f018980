package fixed

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// MaxScale is the largest scale (and rate places) supported: 10^18 is the
// largest power of ten that fits an int64.
const MaxScale = 18

var pow10 = [MaxScale + 1]int64{ //lint:allow global read-only table of powers of ten
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
}

// Pow10 returns 10^n for 0 ≤ n ≤ MaxScale; ok is false otherwise.
func Pow10(n int32) (int64, bool) {
	if n < 0 || n > MaxScale {
		return 0, false
	}
	return pow10[n], true
}

// AddChecked returns a+b; ok is false if the sum overflows int64.
func AddChecked(a, b int64) (int64, bool) {
	s := a + b
	// Overflow iff a and b have the same sign and s has the other.
	if (a^s)&(b^s) < 0 {
		return 0, false
	}
	return s, true
}

// SubChecked returns a−b; ok is false if the difference overflows int64.
func SubChecked(a, b int64) (int64, bool) {
	s := a - b
	// Overflow iff a and b have different signs and s differs from a.
	if (a^b)&(a^s) < 0 {
		return 0, false
	}
	return s, true
}

// MulChecked returns a·b; ok is false if the product overflows int64.
func MulChecked(a, b int64) (int64, bool) {
	neg := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(abs(a), abs(b))
	if hi != 0 {
		return 0, false
	}
	return signed(lo, neg)
}

// DivRound returns a/b rounded once to an integer with mode. ok is false
// if b is 0, the mode is invalid or the quotient overflows
// (math.MinInt64 / −1).
func DivRound(a, b int64, mode money.RoundingMode) (int64, bool) {
	return MulDivRound(a, 1, b, mode)
}

// MulDivRound returns a·b/c rounded once to an integer with mode. The
// product is kept exactly in 128 bits; ok is false if c is 0, the mode is
// invalid or the rounded quotient does not fit an int64.
func MulDivRound(a, b, c int64, mode money.RoundingMode) (int64, bool) {
	if c == 0 || !mode.IsValid() {
		return 0, false
	}
	neg := (a < 0) != (b < 0) != (c < 0)
	uc := abs(c)
	hi, lo := bits.Mul64(abs(a), abs(b))
	if hi >= uc {
		return 0, false // quotient ≥ 2^64
	}
	q, r := bits.Div64(hi, lo, uc)
	if r != 0 && roundAway(mode, neg, q, cmpHalf(r, uc)) {
		q++
		if q == 0 {
			return 0, false
		}
	}
	return signed(q, neg)
}

// cmpHalf compares r/c with 1/2 for 0 < r < c: −1 below, 0 at, +1 above.
func cmpHalf(r, c uint64) int {
	other := c - r // > 0
	switch {
	case r < other:
		return -1
	case r > other:
		return 1
	}
	return 0
}

// roundAway decides whether an inexact magnitude q (truncated) moves away
// from zero, given the sign of the exact result and how the discarded part
// compares with one half.
func roundAway(mode money.RoundingMode, neg bool, q uint64, half int) bool {
	switch mode {
	case money.HalfEven:
		return half > 0 || (half == 0 && q&1 == 1)
	case money.HalfUp:
		return half >= 0
	case money.HalfDown:
		return half > 0
	case money.TowardZero:
		return false
	case money.AwayFromZero:
		return true
	case money.Ceiling:
		return !neg
	case money.Floor:
		return neg
	case money.RoundingUnspecified:
		return false
	}
	return false
}

// MulRate returns units·num/10^places rounded once with mode: an amount in
// minor units times a rate given as the numerator num over 10^places
// (1.5 % is num 150 at places 4). ok is false on overflow, an invalid mode
// or places outside [0, MaxScale].
func MulRate(units, num int64, places int32, mode money.RoundingMode) (int64, bool) {
	p, ok := Pow10(places)
	if !ok {
		return 0, false
	}
	return MulDivRound(units, num, p, mode)
}

// MulScaled returns a·b rounded once to target places with mode, where a
// has aScale places and b has bScale places (so the exact product has
// aScale+bScale). It generalises MulRate: MulRate(u, n, p, m) is
// MulScaled(u, 0, n, p, 0, m) for u at any scale. ok is false on overflow,
// an invalid mode or scale, or when aScale+bScale−target exceeds MaxScale.
func MulScaled(a int64, aScale int32, b int64, bScale int32, target int32, mode money.RoundingMode) (int64, bool) {
	if aScale < 0 || aScale > MaxScale || bScale < 0 || bScale > MaxScale || target < 0 || target > MaxScale || !mode.IsValid() {
		return 0, false
	}
	exact := aScale + bScale
	if target >= exact {
		p, ok := MulChecked(a, b)
		if !ok {
			return 0, false
		}
		return MulChecked(p, pow10[target-exact])
	}
	if exact-target > MaxScale {
		return 0, false
	}
	return MulDivRound(a, b, pow10[exact-target], mode)
}

// Rescale converts v from scale from to scale to: exactly when to ≥ from
// (ok is false on overflow), rounded once with mode when to < from.
func Rescale(v int64, from, to int32, mode money.RoundingMode) (int64, bool) {
	if from < 0 || from > MaxScale || to < 0 || to > MaxScale || !mode.IsValid() {
		return 0, false
	}
	if to >= from {
		return MulChecked(v, pow10[to-from])
	}
	return MulDivRound(v, 1, pow10[from-to], mode)
}

// FromDecimal returns d at scale (d·10^scale) if that is an integer that
// fits an int64. ok is false if d has more than scale significant digits
// after the point or is out of range: such values must take the decimal
// path; they are never truncated. It does not allocate when d's
// coefficient has at most 18 digits (any value written with at most 18
// significant digits); a longer coefficient is checked with math/big.
func FromDecimal(d decimal.Decimal, scale int32) (int64, bool) {
	if scale < 0 || scale > MaxScale {
		return 0, false
	}
	shift := int64(d.Exponent()) + int64(scale) // value = coef · 10^shift
	nd := int64(d.NumDigits())                  // 10^(nd−1) ≤ |coef| < 10^nd (nd = 1 for 0)
	if nd <= MaxScale {
		// |coef| < 10^18: CoefficientInt64 is exact (no copy of the big.Int).
		c := d.CoefficientInt64()
		switch {
		case shift == 0:
			return c, true
		case c == 0:
			return 0, true
		case shift > 0:
			if shift > MaxScale {
				return 0, false // |value| ≥ 10^19 > MaxInt64
			}
			return MulChecked(c, pow10[shift])
		case -shift >= nd:
			return 0, false // a digit below 10^−scale (this also keeps −shift ≤ 18)
		}
		p := pow10[-shift]
		if c%p != 0 {
			return 0, false
		}
		return c / p, true
	}
	if shift+nd-1 > MaxScale { // |value| ≥ 10^19 > MaxInt64
		return 0, false
	}
	if shift < 0 && -shift >= nd {
		return 0, false // non-zero, so it has a digit below 10^−scale
	}
	coef := d.Coefficient() // |coef| < 10^nd
	if shift >= 0 {
		if !coef.IsInt64() {
			return 0, false
		}
		return MulChecked(coef.Int64(), pow10[shift])
	}
	// shift < 0: coef must be divisible by 10^−shift, and −shift < nd
	// bounds the work by the coefficient's own size.
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(-shift), nil)
	q, r := new(big.Int).QuoRem(coef, p, new(big.Int))
	if r.Sign() != 0 || !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// ToDecimal returns v·10^−scale exactly.
func ToDecimal(v int64, scale int32) decimal.Decimal { return decimal.New(v, -scale) }

// ParseUnits parses plain decimal text (the syntax of money.ParseDecimal:
// an optional ASCII '-', digits, optionally '.' and digits) directly into
// an integer at scale, without allocating. ok is false on any syntax
// error, on non-zero digits beyond scale places and on overflow: the
// caller then parses with money.ParseDecimal, which reports the error or
// keeps the exact value.
func ParseUnits(s string, scale int32) (int64, bool) {
	if scale < 0 || scale > MaxScale || len(s) == 0 || len(s) > money.MaxTextLen {
		return 0, false
	}
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	var u uint64
	const limit = uint64(math.MaxInt64) + 1
	digits, frac := 0, int32(-1) // frac: digits seen after '.', −1 before it
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if frac >= 0 || digits == 0 || i == len(s)-1 {
				return 0, false
			}
			frac = 0
			continue
		}
		if c < '0' || c > '9' {
			return 0, false
		}
		digits++
		if frac >= 0 {
			frac++
			if frac > scale {
				if c != '0' {
					return 0, false
				}
				continue
			}
		}
		hi, lo := bits.Mul64(u, 10)
		lo, carry := bits.Add64(lo, uint64(c-'0'), 0)
		if hi != 0 || carry != 0 || lo > limit {
			return 0, false
		}
		u = lo
	}
	if digits == 0 {
		return 0, false
	}
	have := frac
	if have < 0 {
		have = 0
	}
	if have > scale {
		have = scale
	}
	for ; have < scale; have++ {
		hi, lo := bits.Mul64(u, 10)
		if hi != 0 || lo > limit {
			return 0, false
		}
		u = lo
	}
	v, ok := signed(u, neg)
	return v, ok
}

func abs(a int64) uint64 {
	if a < 0 {
		return uint64(-a) // MinInt64 wraps to 1<<63, its magnitude
	}
	return uint64(a)
}

// signed returns ±u as an int64 if it fits.
func signed(u uint64, neg bool) (int64, bool) {
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return int64(-u), true // −(1<<63) wraps to MinInt64
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}
