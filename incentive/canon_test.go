package incentive

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/money"
)

// refCanon is canon as written before its int64 path: through the text.
func refCanon(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return decimal.Decimal{}
	}
	if d.Exponent() >= 0 {
		return d
	}
	s := money.FormatDecimal(d, 0)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	v, err := money.ParseDecimal(s)
	if err != nil {
		return d
	}
	return v
}

// canon gives the same coefficient and exponent as the round trip through
// the text it replaced: trailing zeros, coefficients around 10^17, 10^18
// and the int64 bounds and beyond, and texts around money.MaxTextLen (80 bytes),
// which the round trip leaves as they are.
func TestPropCanonAsText(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		d := proptest.Decimal(t, -90, 20)
		got, want := canon(d), refCanon(d)
		if got.Coefficient().Cmp(want.Coefficient()) != 0 || got.Exponent() != want.Exponent() {
			t.Fatalf("canon(%s) = %se%d, the text gives %se%d", d.String(), got.Coefficient(), got.Exponent(), want.Coefficient(), want.Exponent())
		}
	})
}

// Hand-written: the text of 1·10^−79 is "0." and 79 digits (81 bytes), too
// long to read back, so canon leaves 10·10^−80 as it is; 1·10^−78 fits.
func TestCanonAtTextLimit(t *testing.T) {
	for _, tc := range []struct {
		c  int64
		e  int32
		wc int64
		we int32
	}{
		{10, -80, 10, -80}, {10, -79, 1, -78}, {-10, -79, -10, -79}, {-10, -78, -1, -77},
		{1234500, -4, 12345, -2}, {-500, -2, -5, 0}, {12, -1, 12, -1},
	} {
		got := canon(decimal.New(tc.c, tc.e))
		if got.CoefficientInt64() != tc.wc || got.Exponent() != tc.we {
			t.Errorf("canon(%de%d) = %se%d, want %de%d", tc.c, tc.e, got.Coefficient(), got.Exponent(), tc.wc, tc.we)
		}
	}
}
