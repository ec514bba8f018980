package money

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/proptest"
)

// refFormatFixed is formatFixed as written before its int64 path: through
// decimal.Decimal.StringFixed for every in-range value.
func refFormatFixed(d decimal.Decimal, places int32) string {
	places = min(max(places, 0), MaxPlaces)
	if e := -d.Exponent(); e > places {
		places = e
	}
	s := d.StringFixed(places)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:]
	}
	return s
}

// formatFixed writes every in-range decimal as StringFixed does: the
// int64 path (coefficients of up to 18 digits) and the big one agree on
// coefficients around 10^17, 10^18 and the int64 bounds and beyond, zero, exponents
// from −MaxExponent to MaxExponent and any places.
func TestPropFormatFixedAsStringFixed(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		d := proptest.Decimal(t, -MaxExponent, MaxExponent)
		places := rapid.Int32Range(-2, MaxPlaces+2).Draw(t, "places")
		if got, want := formatFixed(d, places), refFormatFixed(d, places); got != want {
			t.Fatalf("formatFixed(%s, %d) = %q, StringFixed gives %q", d.String(), places, got, want)
		}
	})
}

// Figures written by hand: the point, padding and sign.
func TestFormatSmall(t *testing.T) {
	for _, tc := range []struct {
		c           int64
		exp, places int32
		want        string
	}{
		{0, 0, 0, "0"}, {0, -2, 2, "0.00"}, {0, 3, 1, "0.0"}, {5, 0, 0, "5"}, {5, 2, 0, "500"},
		{5, 2, 2, "500.00"}, {-5, -1, 1, "-0.5"}, {-5, -3, 3, "-0.005"}, {-5, -3, 5, "-0.00500"},
		{12345, -2, 2, "123.45"}, {12345, -2, 4, "123.4500"}, {12345, -5, 5, "0.12345"},
		{-12345, -6, 6, "-0.012345"}, {999_999_999_999_999_999, -18, 18, "0.999999999999999999"},
	} {
		if got := formatSmall(tc.c, tc.exp, tc.places); got != tc.want {
			t.Errorf("formatSmall(%d, %d, %d) = %q, want %q", tc.c, tc.exp, tc.places, got, tc.want)
		}
	}
}

// refParseDecimal is ParseDecimal as it was: the syntax check, then
// decimal.NewFromString (under shopspring's default settings).
func refParseDecimal(s string) (decimal.Decimal, error) {
	if err := checkDecimalSyntax(s); err != nil {
		return decimal.Decimal{}, parseError("ParseDecimal", s, err)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, parseError("ParseDecimal", s, ErrSyntax)
	}
	return d, nil
}

// TestPropParseDecimalAsWide: ParseDecimal, which reads a coefficient of
// up to 18 digits into an int64, and its wide path through math/big
// (parseDecimalWide, which ParseDecimal takes beyond that), each give
// what decimal.NewFromString gives after the syntax check
// (refParseDecimal), down to the exponent, and fail exactly when it does,
// with the same message: on the text of
// decimals of any size and exponent, and on strings of digits, signs and
// points (empty, leading zeros, "-0", a point at either end, 18 to 20
// digits, over MaxTextLen).
func TestPropParseDecimalAsWide(t *testing.T) {
	var compact int
	rapid.Check(t, func(t *rapid.T) {
		var s string
		if rapid.Bool().Draw(t, "from a decimal") {
			s = FormatDecimal(proptest.Decimal(t, -30, 5), rapid.Int32Range(0, 4).Draw(t, "places"))
		} else {
			s = rapid.StringOfN(rapid.SampledFrom([]rune("-0123456789.9")), 0, 24, -1).Draw(t, "text")
			if rapid.IntRange(0, 20).Draw(t, "long") == 0 {
				s += strings.Repeat("0", MaxTextLen)
			}
		}
		want, werr := refParseDecimal(s)
		for _, f := range []struct {
			name  string
			parse func(string) (decimal.Decimal, error)
		}{{"ParseDecimal", ParseDecimal}, {"parseDecimalWide", parseDecimalWide}} {
			got, err := f.parse(s)
			if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
				t.Fatalf("%s(%q): %v; NewFromString: %v", f.name, s, err, werr)
			}
			if err == nil && (!got.Equal(want) || got.Exponent() != want.Exponent()) {
				t.Fatalf("%s(%q) = %s·10^%d, NewFromString %s·10^%d", f.name, s, got.Coefficient(), got.Exponent(), want.Coefficient(), want.Exponent())
			}
		}
		if _, _, ok := parseCompact(s); ok {
			compact++
		}
	})
	if compact == 0 {
		t.Error("no text was read through the int64 path")
	}
}
