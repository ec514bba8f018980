package money

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A Rate has the compact and wide forms of an Amount. As for amounts,
// each property runs an operation on the rates as the package holds them
// (compact whenever they fit) and on the same values forced into the wide
// form, which takes the decimal path throughout, and compares
// coefficient, exponent and form.

// forceWideRate returns r in the wide form, whatever its value.
func forceWideRate(r Rate) Rate { return Rate{f: r.dec(), wide: true} }

func genRate(t *rapid.T, label string) Rate {
	return RateFromFraction(decimal.NewFromBigInt(boundaryCoef(t).BigInt(), boundaryExp(t)))
}

// sameRate fails unless a and b have the same coefficient, exponent and
// form (compact exactly when the value fits).
func sameRate(t *rapid.T, what string, a, b Rate) {
	t.Helper()
	da, db := a.dec(), b.dec()
	if da.Exponent() != db.Exponent() || da.Coefficient().Cmp(db.Coefficient()) != 0 {
		t.Fatalf("%s: compact %s e%d, wide %s e%d", what, da.Coefficient(), da.Exponent(), db.Coefficient(), db.Exponent())
	}
	if a.wide != b.wide {
		t.Fatalf("%s: forms differ for %s: %v vs %v", what, da, a.wide, b.wide)
	}
}

func TestCompactRateMatchesWide(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		a, b := genRate(t, "a"), genRate(t, "b")
		if rapid.IntRange(0, 4).Draw(t, "edgeSum") == 0 {
			// Sums that land on ±MaxInt64, MinInt64 or just beyond.
			e := int16(boundaryExp(t))
			x := rapid.Int64Range(-3, 3).Draw(t, "x")
			a = Rate{c: math.MaxInt64 - 2, e: e}
			if rapid.Bool().Draw(t, "negEdge") {
				a.c, x = -a.c, -x
			}
			b = Rate{c: x, e: e}
		}
		wa, wb := forceWideRate(a), forceWideRate(b)
		sameRate(t, "Add", a.Add(b), wa.Add(wb))
		sameRate(t, "Sub", a.Sub(b), wa.Sub(wb))
		sameRate(t, "Mul", a.Mul(b), wa.Mul(wb))
		sameRate(t, "Complement", a.Complement(), wa.Complement())
		// The decimal path is the rate of the decimal computation: its form
		// is canonical too.
		sameRate(t, "Add (decimal)", a.Add(b), RateFromFraction(a.dec().Add(b.dec())))
		if c1, c2, want := a.Cmp(b), wa.Cmp(wb), cmpDec(a.dec(), b.dec()); c1 != want || c2 != want {
			t.Fatalf("Cmp(%s, %s): compact %d, wide %d, decimal %d", a.dec(), b.dec(), c1, c2, want)
		}
		if a.Equal(b) != (cmpDec(a.dec(), b.dec()) == 0) || a.Equal(wb) != a.Equal(b) {
			t.Fatalf("Equal(%s, %s)", a.dec(), b.dec())
		}
		if a.Sign() != wa.Sign() || a.IsZero() != wa.IsZero() || a.Sign() != a.dec().Sign() || a.IsZero() != a.dec().IsZero() {
			t.Fatalf("Sign(%s): %d vs %d", a.dec(), a.Sign(), wa.Sign())
		}
		if a.Within(a, b) != wa.Within(wa, wb) {
			t.Fatalf("Within(%s, %s)", a.dec(), b.dec())
		}
		for _, f := range []func(Rate) string{Rate.FormatFraction, Rate.FormatPercent, Rate.FormatBasisPoints} {
			if f(a) != f(wa) {
				t.Fatalf("format of %s: %q vs %q", a.dec(), f(a), f(wa))
			}
		}
		for _, f := range []func(Rate) decimal.Decimal{Rate.Fraction, Rate.Percent, Rate.BasisPoints} {
			if x, y := f(a), f(wa); x.Exponent() != y.Exponent() || x.Coefficient().Cmp(y.Coefficient()) != 0 {
				t.Fatalf("decimal of %s: %s vs %s", a.dec(), x, y)
			}
		}
		t1, err1 := a.MarshalText()
		t2, err2 := wa.MarshalText()
		sameErr(t, "MarshalText", err1, err2)
		if string(t1) != string(t2) {
			t.Fatalf("MarshalText: %q vs %q", t1, t2)
		}
		x := genAmount(t, "x")
		sameAmount(t, "MulRate", x.MulRate(a), forceWide(x).MulRate(wa))
		sameAmount(t, "MulRate (decimal)", x.MulRate(a), New(mulDec(x.dec(), a.dec()), x.cur))
		d := decimal.New(rapid.Int64Range(-1e6, 1e6).Draw(t, "d"), -2)
		if p, q := a.Of(d), wa.Of(d); p.Exponent() != q.Exponent() || p.Coefficient().Cmp(q.Coefficient()) != 0 {
			t.Fatalf("Of: %s vs %s", p, q)
		}
	})
}

// parseRateRef is ParseRate as it was before rates had a compact form:
// a decimal, shifted, checked by writing its longest forms. The compact
// ParseRate must agree with it on every input.
func parseRateRef(s string) (decimal.Decimal, error) {
	if len(s) > MaxTextLen {
		return decimal.Decimal{}, ErrRange
	}
	num, shift := s, int32(0)
	switch {
	case strings.HasSuffix(s, "%"):
		num, shift = s[:len(s)-1], -2
	case strings.HasSuffix(s, "bp"):
		num, shift = s[:len(s)-2], -4
	}
	if err := checkDecimalSyntax(num); err != nil {
		return decimal.Decimal{}, err
	}
	d, err := decimal.NewFromString(num)
	if err != nil {
		return decimal.Decimal{}, ErrSyntax
	}
	d = d.Shift(shift)
	if !inRange(d) {
		return decimal.Decimal{}, ErrRange
	}
	frac := trimZeros(formatFixed(d, 0))
	bp := trimZeros(formatFixed(d.Shift(4), 0)) + "bp"
	if max(len(frac), len(bp)) > MaxTextLen {
		return decimal.Decimal{}, ErrRange
	}
	return d, nil
}

// ParseRate reads what the decimal reference reads, to the same
// coefficient and exponent, and refuses what it refuses with the same
// sentinel: texts of digits, points, signs and units around the
// length limit (an 80-byte text, a basis-point form that needs 81) and
// the 18/19-digit switch-over.
func TestCompactParseRateMatchesDecimal(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var s string
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0:
			s = rapid.StringOfN(rapid.SampledFrom([]rune("0123456789.-%bp+ e")), 0, 12, -1).Draw(t, "noise")
		case 1:
			digits := rapid.StringOfN(rapid.SampledFrom([]rune("0123456789")), 1, 40, -1).Draw(t, "int")
			frac := rapid.StringOfN(rapid.SampledFrom([]rune("0123456789")), 0, 40, -1).Draw(t, "frac")
			s = digits
			if frac != "" {
				s += "." + frac
			}
		default:
			zeros := rapid.IntRange(0, 80).Draw(t, "zeros")
			s = "0." + strings.Repeat("0", zeros) + rapid.StringOfN(rapid.SampledFrom([]rune("123456789")), 1, 3, -1).Draw(t, "tail")
			if rapid.Bool().Draw(t, "big") {
				s = rapid.StringOfN(rapid.SampledFrom([]rune("123456789")), 1, 3, -1).Draw(t, "head") + strings.Repeat("0", zeros)
			}
		}
		if rapid.Bool().Draw(t, "neg") {
			s = "-" + s
		}
		s += rapid.SampledFrom([]string{"", "%", "bp"}).Draw(t, "unit")
		want, werr := parseRateRef(s)
		got, err := ParseRate(s)
		if (err == nil) != (werr == nil) {
			t.Fatalf("ParseRate(%q) = %v, %v; reference %v, %v", s, got.dec(), err, want, werr)
		}
		if err != nil {
			for _, sentinel := range []error{ErrRange, ErrSyntax} {
				if errors.Is(err, sentinel) != errors.Is(werr, sentinel) {
					t.Fatalf("ParseRate(%q): error %v, reference %v", s, err, werr)
				}
			}
			return
		}
		sameRate(t, "ParseRate("+s+")", got, RateFromFraction(want))
	})
}

// The compact text counts agree with the written forms at the
// boundaries worked out by hand: 0.025 is 5 bytes ("0.025") and 250bp;
// −0.005 is "-0.005" (6); 1.5e3 is "1500"; 0 at any exponent is "0".
func TestRateTextLen(t *testing.T) {
	for _, tc := range []struct {
		c, e int64
		want string
	}{
		{25, -3, "0.025"}, {250, -4, "0.025"}, {-5, -3, "-0.005"}, {15, 2, "1500"},
		{0, -7, "0"}, {0, 3, "0"}, {125, -1, "12.5"}, {-125, -2, "-1.25"}, {100, -2, "1"},
		{math.MaxInt64, -19, "0.9223372036854775807"}, {-math.MaxInt64, 0, "-9223372036854775807"},
	} {
		if n := rateTextLen(tc.c, tc.e); n != len(tc.want) {
			t.Errorf("rateTextLen(%d, %d) = %d, want %d (%q)", tc.c, tc.e, n, len(tc.want), tc.want)
		}
		if got := string(appendRate(nil, tc.c, tc.e)); got != tc.want {
			t.Errorf("appendRate(%d, %d) = %q, want %q", tc.c, tc.e, got, tc.want)
		}
	}
}
