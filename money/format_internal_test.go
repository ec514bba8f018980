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
