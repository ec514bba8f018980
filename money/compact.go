package money

import (
	"math"
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"
)

// The compact form of an Amount is an int64 coefficient c and an exponent
// e standing for c·10^e, kept inline whenever |c| ≤ math.MaxInt64 (c is
// never math.MinInt64, so −c always fits) and |e| ≤ MaxExponent. Every
// operation on compact operands computes in int64 with overflow checks
// and gives exactly the coefficient and exponent the decimal form would
// give; a result that does not fit is computed with decimal.Decimal and
// stored in the wide form. Values are the same in either form; only the
// cost differs.

// maxPow10 is the largest k with 10^k in an int64.
const maxPow10 = 18

// pow10 holds 10^0 … 10^19 (10^19 fits a uint64, not an int64).
var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, //lint:allow global read-only table of constants
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// compactFits reports whether c·10^e may be held in the compact form.
func compactFits(c int64, e int64) bool {
	return c != math.MinInt64 && e >= -MaxExponent && e <= MaxExponent
}

// mkAmount returns c·10^e in cur, compact when it fits.
func mkAmount(c int64, e int64, cur Currency) Amount {
	if compactFits(c, e) {
		return Amount{c: c, e: int16(e), cur: cur}
	}
	return Amount{d: decimal.New(c, clampExp(e)), wide: true, cur: cur}
}

// fromDec returns d in cur, in the compact form when d fits it.
func fromDec(d decimal.Decimal, cur Currency) Amount {
	// Up to 18 digits the coefficient fits and is read without a copy; 19
	// digits may fit (a copy, rarely needed), so that the form is canonical.
	fits := false
	switch n := d.NumDigits(); {
	case n <= maxPow10:
		fits = true
	case n == maxPow10+1:
		fits = d.Coefficient().IsInt64()
	}
	if c := d.CoefficientInt64(); fits && compactFits(c, int64(d.Exponent())) {
		return Amount{c: c, e: int16(d.Exponent()), cur: cur}
	}
	return Amount{d: d, wide: true, cur: cur}
}

// abs64 returns |c| for c ≠ math.MinInt64.
func abs64(c int64) uint64 {
	if c < 0 {
		return uint64(-c)
	}
	return uint64(c)
}

// signed returns u with the sign of neg, if it fits the compact form.
func signed(u uint64, neg bool) (int64, bool) {
	if u > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(u), true
	}
	return int64(u), true
}

// scale returns c·10^k (k ≥ 0) if it fits.
func scale(c int64, k int64) (int64, bool) {
	if c == 0 {
		return 0, true
	}
	if k > maxPow10 {
		return 0, false
	}
	hi, lo := bits.Mul64(abs64(c), pow10[k])
	if hi != 0 {
		return 0, false
	}
	return signed(lo, c < 0)
}

// add64 returns x+y if it fits the compact form.
func add64(x, y int64) (int64, bool) {
	s := x + y
	if (x > 0 && y > 0 && s < 0) || (x < 0 && y < 0 && s >= 0) || s == math.MinInt64 {
		return 0, false
	}
	return s, true
}

// addCompact is a+b for compact a and b, at the smaller exponent as
// decimal.Decimal.Add; ok is false when it does not fit.
func addCompact(a, b Amount) (Amount, bool) {
	x, y, e := a.c, b.c, min(a.e, b.e)
	var ok1, ok2 bool
	x, ok1 = scale(x, int64(a.e)-int64(e))
	y, ok2 = scale(y, int64(b.e)-int64(e))
	if !ok1 || !ok2 {
		return Amount{}, false
	}
	s, ok := add64(x, y)
	if !ok {
		return Amount{}, false
	}
	return Amount{c: s, e: e, cur: a.cur}, true
}

// cmpCompact compares compact a and b exactly.
func cmpCompact(a, b Amount) int {
	x, y := a.c, b.c
	switch {
	case a.e > b.e:
		v, ok := scale(x, int64(a.e)-int64(b.e))
		if !ok { // |a| > MaxInt64·10^b.e ≥ |b|
			return sign64(x)
		}
		x = v
	case a.e < b.e:
		v, ok := scale(y, int64(b.e)-int64(a.e))
		if !ok {
			return -sign64(y)
		}
		y = v
	}
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func sign64(c int64) int {
	switch {
	case c > 0:
		return 1
	case c < 0:
		return -1
	}
	return 0
}

// mulCompact is c·10^e times f, when f's coefficient fits an int64 and
// the product fits the compact form.
func mulCompact(a Amount, f decimal.Decimal) (Amount, bool) {
	if f.NumDigits() > maxPow10 {
		return Amount{}, false
	}
	return mulInt64(a, f.CoefficientInt64(), int64(f.Exponent()))
}

// mulInt64 is compact a times fc·10^fe, when the product fits the
// compact form.
func mulInt64(a Amount, fc, fe int64) (Amount, bool) {
	hi, lo := bits.Mul64(abs64(a.c), abs64(fc))
	if hi != 0 {
		return Amount{}, false
	}
	p, ok := signed(lo, (a.c < 0) != (fc < 0))
	e := int64(a.e) + fe
	if !ok || !compactFits(p, e) {
		return Amount{}, false
	}
	return Amount{c: p, e: int16(e), cur: a.cur}, true
}

// roundCompact rounds compact a to places (already checked) with mode,
// exactly as Round does on the decimal form.
func roundCompact(a Amount, places int32, mode RoundingMode) Amount {
	if int32(a.e) >= -places {
		return a
	}
	k := int64(-places) - int64(a.e) // > 0 digits dropped
	var q int64
	var r uint64 // |remainder|
	if k <= maxPow10 {
		p := int64(pow10[k])
		q, r = a.c/p, abs64(a.c%p)
	} else {
		r = abs64(a.c) // |c| < 10^19 ≤ 10^k: q = 0
	}
	if r == 0 {
		return Amount{c: q, e: int16(-places), cur: a.cur}
	}
	half := -1 // 2|r| vs 10^k; for k ≥ 20, 2|r| < 2^64 < 10^20
	if k <= 19 {
		switch tw := 2 * r; { // no overflow: r ≤ MaxInt64
		case tw > pow10[k]:
			half = 1
		case tw == pow10[k]:
			half = 0
		}
	}
	if bumpAway(q&1 == 1, sign64(a.c), half, mode) {
		q += int64(sign64(a.c)) // |q| < |c|/10: fits
	}
	return Amount{c: q, e: int16(-places), cur: a.cur}
}

// minorCompact returns compact a as an integer number of units at
// places (≥ 0) decimal places: ErrPrecision if a is finer, ErrOverflow
// if the result does not fit an int64.
func minorCompact(a Amount, places int32) (int64, error) {
	k := int64(a.e) + int64(places)
	if k >= 0 {
		v, ok := scale(a.c, k)
		if !ok {
			return 0, ErrOverflow
		}
		return v, nil
	}
	if -k > maxPow10 {
		if a.c != 0 {
			return 0, ErrPrecision
		}
		return 0, nil
	}
	p := int64(pow10[-k])
	if a.c%p != 0 {
		return 0, ErrPrecision
	}
	return a.c / p, nil
}

// parseCompact parses s (ParseDecimal's syntax) into a coefficient and
// exponent; ok is false when s is not valid or its coefficient does not
// fit, and the caller then takes the decimal path, which reports the
// error or reads the value.
func parseCompact(s string) (c int64, e int32, ok bool) {
	if len(s) == 0 || len(s) > MaxTextLen {
		return 0, 0, false
	}
	i := 0
	neg := s[0] == '-'
	if neg {
		i++
	}
	var u uint64
	digits, frac := 0, 0
	point := false
	for ; i < len(s); i++ {
		ch := s[i]
		if ch == '.' && !point && digits > 0 {
			point = true
			continue
		}
		if ch < '0' || ch > '9' {
			return 0, 0, false
		}
		if u > (math.MaxInt64-uint64(ch-'0'))/10 {
			return 0, 0, false
		}
		u = u*10 + uint64(ch-'0')
		if point {
			frac++
		} else {
			digits++
		}
	}
	if digits == 0 || point && frac == 0 {
		return 0, 0, false
	}
	v := int64(u)
	if neg {
		v = -v
	}
	return v, int32(-frac), true
}

// textLen is len(formatFixed(c·10^e, places)) for a compact value with
// e ≤ 0 and 0 ≤ places ≤ MaxPlaces, computed without writing it.
func textLen(c int64, e int32, places int32) int {
	k := int(-e)
	p := max(int(places), k)
	n := 1 // integer digits
	u := abs64(c)
	nd := 1
	for x := u; x >= 10; x /= 10 {
		nd++
	}
	if nd > k {
		n = nd - k
	}
	if c < 0 {
		n++
	}
	if p > 0 {
		n += 1 + p
	}
	return n
}

// appendFixed appends c·10^e written as formatFixed writes it, with at
// least places (in [0, MaxPlaces]) digits after the point.
func appendFixed(b []byte, c int64, e int32, places int32) []byte {
	places = min(max(places, 0), MaxPlaces)
	k := max(int(-e), 0)
	p := max(int(places), k)
	if c < 0 {
		b = append(b, '-')
	}
	var buf [20]byte
	ds := strconv.AppendUint(buf[:0], abs64(c), 10)
	if e >= 0 {
		b = append(b, ds...)
		if c != 0 {
			for range e {
				b = append(b, '0')
			}
		}
	} else if len(ds) > k {
		b = append(b, ds[:len(ds)-k]...)
	} else {
		b = append(b, '0')
	}
	if p == 0 {
		return b
	}
	b = append(b, '.')
	if e < 0 {
		if len(ds) > k {
			b = append(b, ds[len(ds)-k:]...)
		} else {
			for range k - len(ds) {
				b = append(b, '0')
			}
			b = append(b, ds...)
		}
	}
	for range p - k {
		b = append(b, '0')
	}
	return b
}
