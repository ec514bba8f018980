package money

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
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
// coefficients around 10^17, 10^18 and the int64 bounds, zero, exponents
// from −MaxExponent to MaxExponent and any places.
func TestPropFormatFixedAsStringFixed(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var c int64
		switch rapid.IntRange(0, 4).Draw(t, "kind") {
		case 0:
			c = rapid.Int64Range(-1000, 1000).Draw(t, "c")
		case 1:
			c = rapid.Int64().Draw(t, "c")
		case 2:
			p := []int64{1e17, 1e18, 9_223_372_036_854_775_807}[rapid.IntRange(0, 2).Draw(t, "near")]
			c = p + rapid.Int64Range(-3, 0).Draw(t, "delta")
			if rapid.Bool().Draw(t, "neg") {
				c = -c
			}
		default:
			c = rapid.Int64Range(-999_999_999_999_999_999, 999_999_999_999_999_999).Draw(t, "c")
		}
		var exp int32
		if rapid.Bool().Draw(t, "near exponent") {
			exp = rapid.Int32Range(-25, 25).Draw(t, "exp")
		} else {
			exp = rapid.Int32Range(-MaxExponent, MaxExponent).Draw(t, "exp")
		}
		places := rapid.Int32Range(-2, MaxPlaces+2).Draw(t, "places")
		d := decimal.New(c, exp)
		if got, want := formatFixed(d, places), refFormatFixed(d, places); got != want {
			t.Fatalf("formatFixed(%de%d, %d) = %q, StringFixed gives %q", c, exp, places, got, want)
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
