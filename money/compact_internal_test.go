package money

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The compact (int64) and wide (decimal) forms of an Amount must give the
// same coefficient, exponent and error for every operation. These
// properties run each operation twice: on the operands as the package
// holds them (compact whenever they fit) and on the same values forced
// into the wide form, which takes the decimal path throughout, and
// compare. The generators aim at the switch-over: 18- and 19-digit
// coefficients, ±math.MaxInt64, and exponents at ±MaxExponent.

// forceWide returns a in the wide form, whatever its value.
func forceWide(a Amount) Amount { return Amount{d: a.dec(), wide: true, cur: a.cur} }

// boundaryCoef draws a coefficient, often at the int64 and 18/19-digit
// boundaries, sometimes just beyond int64 (the value is then wide).
func boundaryCoef(t *rapid.T) decimal.Decimal {
	edge := []int64{0, 1, -1, 5, -5, 999_999_999_999_999_999, -999_999_999_999_999_999,
		1_000_000_000_000_000_000, -1_000_000_000_000_000_000, math.MaxInt64, -math.MaxInt64,
		math.MaxInt64 - 1, math.MaxInt64 / 10, -(math.MaxInt64 / 10), 4_611_686_018_427_387_904,
		5_000_000_000_000_000_000, 922_337_203_685_477_580}
	switch rapid.IntRange(0, 3).Draw(t, "coefKind") {
	case 0:
		return decimal.NewFromInt(rapid.SampledFrom(edge).Draw(t, "edge"))
	case 1:
		c := rapid.Int64Range(-math.MaxInt64, math.MaxInt64).Draw(t, "c")
		return decimal.NewFromInt(c)
	case 2:
		// Just beyond int64: MinInt64 and 19–20 digits.
		d := decimal.NewFromInt(math.MinInt64)
		if rapid.Bool().Draw(t, "wider") {
			d = decimal.NewFromInt(math.MaxInt64).Add(decimal.NewFromInt(rapid.Int64Range(1, 1e18).Draw(t, "over")))
		}
		if rapid.Bool().Draw(t, "neg") {
			d = d.Neg()
		}
		return d
	}
	return decimal.NewFromInt(rapid.Int64Range(-100_000, 100_000).Draw(t, "small"))
}

// boundaryExp draws an exponent, often at ±MaxExponent or near money's
// usual scales.
func boundaryExp(t *rapid.T) int32 {
	switch rapid.IntRange(0, 2).Draw(t, "expKind") {
	case 0:
		return rapid.SampledFrom([]int32{-MaxExponent, -MaxExponent + 1, MaxExponent, MaxExponent - 1, -19, -18, 18, 19, 0}).Draw(t, "edgeExp")
	case 1:
		return rapid.Int32Range(-MaxExponent, MaxExponent).Draw(t, "exp")
	}
	return rapid.Int32Range(-20, 3).Draw(t, "usualExp")
}

func genAmount(t *rapid.T, label string) Amount {
	d := decimal.NewFromBigInt(boundaryCoef(t).BigInt(), boundaryExp(t))
	return New(d, MustCurrency("USD"))
}

// sameAmount fails unless a and b have the same currency, coefficient and
// exponent.
func sameAmount(t *rapid.T, what string, a, b Amount) {
	t.Helper()
	da, db := a.dec(), b.dec()
	if a.cur != b.cur || da.Exponent() != db.Exponent() || da.Coefficient().Cmp(db.Coefficient()) != 0 {
		t.Fatalf("%s: compact %v (%s e%d), wide %v (%s e%d)", what, a, da.Coefficient(), da.Exponent(), b, db.Coefficient(), db.Exponent())
	}
	// The form is canonical: compact exactly when the value fits.
	if a.wide != b.wide {
		t.Fatalf("%s: forms differ for %v: %v vs %v", what, a, a.wide, b.wide)
	}
}

func sameErr(t *rapid.T, what string, a, b error) {
	t.Helper()
	if (a == nil) != (b == nil) || a != nil && a.Error() != b.Error() {
		t.Fatalf("%s: compact error %v, wide error %v", what, a, b)
	}
}

func TestCompactMatchesWideArithmetic(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		a, b := genAmount(t, "a"), genAmount(t, "b")
		if rapid.IntRange(0, 4).Draw(t, "edgeSum") == 0 {
			// Sums that land on ±MaxInt64, MinInt64 or just beyond.
			e := boundaryExp(t)
			x := rapid.Int64Range(-3, 3).Draw(t, "x")
			a = Amount{c: math.MaxInt64 - 2, e: int16(e), cur: a.cur}
			if rapid.Bool().Draw(t, "negEdge") {
				a.c, x = -a.c, -x
			}
			b = Amount{c: x, e: int16(e), cur: a.cur}
		}
		wa, wb := forceWide(a), forceWide(b)

		s, err1 := a.Add(b)
		ws, err2 := wa.Add(wb)
		sameErr(t, "Add", err1, err2)
		sameAmount(t, "Add", s, ws)

		d, err1 := a.Sub(b)
		wd, err2 := wa.Sub(wb)
		sameErr(t, "Sub", err1, err2)
		sameAmount(t, "Sub", d, wd)

		sameAmount(t, "Neg", a.Neg(), fromDec(wa.Neg().dec(), wa.cur))
		sameAmount(t, "Abs", a.Abs(), fromDec(wa.Abs().dec(), wa.cur))

		c1, _ := a.Cmp(b)
		c2, _ := wa.Cmp(wb)
		if want := cmpDec(a.dec(), b.dec()); c1 != want || c2 != want {
			t.Fatalf("Cmp(%v, %v): compact %d, wide %d, decimal %d", a, b, c1, c2, want)
		}
		if a.Equal(b) != (c2 == 0) || a.Equal(wb) != (c2 == 0) {
			t.Fatalf("Equal(%v, %v) disagrees with Cmp %d", a, b, c2)
		}
		if a.Sign() != wa.Sign() || a.IsZero() != wa.IsZero() {
			t.Fatalf("Sign(%v): %d vs %d", a, a.Sign(), wa.Sign())
		}

		sum, err1 := Sum(a.cur, a, b, a)
		wsum, err2 := Sum(a.cur, wa, wb, wa)
		sameErr(t, "Sum", err1, err2)
		sameAmount(t, "Sum", sum, wsum)
	})
}

func TestCompactMatchesWideRounding(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		a := genAmount(t, "a")
		places := rapid.Int32Range(-1, MaxPlaces+1).Draw(t, "places")
		if rapid.IntRange(0, 3).Draw(t, "tie") == 0 {
			// An exact tie or its neighbours: q·10^k + 5·10^(k−1) + δ at
			// exponent e, rounded to −e−k places.
			k := rapid.Int64Range(1, 18).Draw(t, "k")
			q := rapid.Int64Range(-(math.MaxInt64/int64(pow10[k]))+1, math.MaxInt64/int64(pow10[k])-1).Draw(t, "q")
			c := q*int64(pow10[k]) + int64(sign64(q)|1)*(5*int64(pow10[k-1])+rapid.Int64Range(-1, 1).Draw(t, "delta"))
			e := rapid.Int32Range(-MaxPlaces+int32(k), 0).Draw(t, "tieExp") - int32(k)
			a, places = Amount{c: c, e: int16(e), cur: a.cur}, -e-int32(k)
		}
		wa := forceWide(a)
		mode := RoundingMode(rapid.IntRange(0, 8).Draw(t, "mode"))
		r, err1 := a.RoundTo(places, mode)
		wr, err2 := wa.RoundTo(places, mode)
		sameErr(t, "RoundTo", err1, err2)
		sameAmount(t, fmt.Sprintf("RoundTo(%d, %s)", places, mode), r, wr)

		m, err1 := a.MinorUnits()
		wm, err2 := wa.MinorUnits()
		sameErr(t, "MinorUnits", err1, err2)
		if m != wm {
			t.Fatalf("MinorUnits(%v): %d vs %d", a, m, wm)
		}
		if places >= 0 && places <= MaxPlaces {
			v, ok := a.ScaledInt64(places)
			wv, wok := wa.ScaledInt64(places)
			if v != wv || ok != wok {
				t.Fatalf("ScaledInt64(%v, %d): %d %v vs %d %v", a, places, v, ok, wv, wok)
			}
		}
		if a.String() != wa.String() {
			t.Fatalf("String: %q vs %q", a.String(), wa.String())
		}
		t1, err1 := a.MarshalText()
		t2, err2 := wa.MarshalText()
		sameErr(t, "MarshalText", err1, err2)
		if string(t1) != string(t2) {
			t.Fatalf("MarshalText: %q vs %q", t1, t2)
		}
	})
}

func TestCompactMatchesWideMul(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		a := genAmount(t, "a")
		f := decimal.NewFromBigInt(boundaryCoef(t).BigInt(), rapid.Int32Range(-25, 25).Draw(t, "fexp"))
		if rapid.Bool().Draw(t, "rateLike") {
			f = decimal.New(rapid.Int64Range(-100_000, 100_000).Draw(t, "bp"), -rapid.Int32Range(0, 6).Draw(t, "rexp"))
		}
		wa := forceWide(a)
		sameAmount(t, "Mul", a.Mul(f), wa.Mul(f))
		r := RateFromFraction(f)
		sameAmount(t, "MulRate", a.MulRate(r), wa.MulRate(r))
		if f.Sign() > 0 {
			eur := MustCurrency("EUR")
			c, err1 := a.Convert(eur, f, HalfEven)
			wc, err2 := wa.Convert(eur, f, HalfEven)
			sameErr(t, "Convert", err1, err2)
			sameAmount(t, "Convert", c, wc)
		}
	})
}

func TestCompactMatchesWideAllocate(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		a := genAmount(t, "total")
		if rapid.Bool().Draw(t, "whole") {
			// Mostly whole minor units, so that the split runs.
			a, _ = a.RoundTo(a.cur.Digits(), HalfEven)
		}
		wa := forceWide(a)
		n := rapid.IntRange(1, 5).Draw(t, "n")
		weights := make([]Weight, n)
		for i := range weights {
			weights[i] = Weight{Key: fmt.Sprint(i), Value: decimal.New(rapid.Int64Range(0, 1000).Draw(t, "w"), -rapid.Int32Range(0, 3).Draw(t, "wexp"))}
		}
		parts, err1 := Allocate(a, weights)
		wparts, err2 := Allocate(wa, weights)
		sameErr(t, "Allocate", err1, err2)
		for i := range parts {
			sameAmount(t, "Allocate part", parts[i], wparts[i])
		}
		sp, err1 := Split(a, n)
		wsp, err2 := Split(wa, n)
		sameErr(t, "Split", err1, err2)
		for i := range sp {
			sameAmount(t, "Split part", sp[i], wsp[i])
		}
	})
}

// ParseIn's int64 reader must agree with the decimal one: same value and
// exponent, same error, the switch-over at 19 digits included.
func TestCompactParseMatchesDecimal(t *testing.T) {
	t.Parallel()
	usd := MustCurrency("USD")
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		if rapid.Bool().Draw(t, "neg") {
			b.WriteByte('-')
		}
		digit := rapid.SampledFrom([]byte("0123456789"))
		for range rapid.IntRange(0, 24).Draw(t, "int") {
			b.WriteByte(digit.Draw(t, "d"))
		}
		if rapid.Bool().Draw(t, "point") {
			b.WriteByte('.')
			for range rapid.IntRange(0, 80).Draw(t, "frac") {
				b.WriteByte(digit.Draw(t, "f"))
			}
		}
		if rapid.IntRange(0, 20).Draw(t, "junk") == 0 {
			b.WriteByte(rapid.SampledFrom([]byte("+-.e x")).Draw(t, "j"))
		}
		s := b.String()
		got, err1 := ParseIn(s, usd)
		// The reference: the decimal reader and the written length.
		var want Amount
		d, err2 := ParseDecimal(s)
		if err2 == nil {
			if len(formatFixed(d, 2)) > MaxTextLen {
				err2 = parseError("ParseIn", s, ErrRange)
			} else {
				want = Amount{d: d, wide: true, cur: usd}
			}
		}
		sameErr(t, "ParseIn("+s+")", err1, err2)
		if err1 == nil {
			sameAmount(t, "ParseIn("+s+")", got, fromDec(want.d, usd))
			if got.wide != !(fitsInt64(d)) {
				t.Fatalf("ParseIn(%s): wide = %v", s, got.wide)
			}
		}
	})
}

func fitsInt64(d decimal.Decimal) bool {
	c := d.Coefficient()
	return c.IsInt64() && c.Int64() != math.MinInt64
}

// The limits of the compact form, by hand.
func TestCompactBoundaries(t *testing.T) {
	usd := MustCurrency("USD")
	max := Amount{c: math.MaxInt64, e: -2, cur: usd} // 92233720368547758.07
	one := FromMinor(1, usd)
	s, err := max.Add(one) // 9223372036854775808 cents: beyond int64
	if err != nil || !s.wide || s.String() != "92233720368547758.08 USD" {
		t.Fatalf("MaxInt64 cents + 1 cent = %v (wide %v), %v", s, s.wide, err)
	}
	back, _ := s.Sub(one) // back into int64
	if back.wide || back.c != math.MaxInt64 {
		t.Fatalf("and back: %v wide %v", back, back.wide)
	}
	neg := max.Neg()
	d, _ := neg.Sub(one) // −2^63 cents: MinInt64 is kept wide
	if !d.wide || d.String() != "-92233720368547758.08 USD" {
		t.Fatalf("−MaxInt64 − 1 cents = %v wide %v", d, d.wide)
	}
	// Exponents: 1e1000 is compact, 1e1001 (a product) is wide and out of range.
	big := New(decimal.New(1, MaxExponent), usd)
	if big.wide || !big.InRange() {
		t.Fatal("1e1000 should be compact and in range")
	}
	p := big.Mul(decimal.New(1, 1))
	if !p.wide || p.InRange() {
		t.Fatal("1e1001 should be wide and out of range")
	}
	if _, err := p.Add(one); !errors.Is(err, ErrRange) {
		t.Fatalf("1e1001 + 0.01: %v, want ErrRange", err)
	}
	// Comparing across far exponents never overflows: 1e1000 > 9.2e18·1e-1000.
	tiny := Amount{c: math.MaxInt64, e: -MaxExponent, cur: usd}
	if c, _ := big.Cmp(tiny); c != 1 {
		t.Fatal("1e1000 vs tiny")
	}
}
