package incentive

import (
	"slices"
	"testing"
)

// A measure that passes int64 at the component's scale keeps at least the
// scale's places, as one that fits does (side.total, canonAtLeast): a sale
// of 100,000,000,000,000,000.00 USD is 10^19 cents, over MaxInt64 ≈
// 9.22 × 10^18, so the sum spills to a decimal; it is reported as
// "100000000000000000.00" (exponent −2), not "100000000000000000"; and
// 100,000,000,000,000,000.5 USD as "...000.50". The 1 % rate pays
// 1,000,000,000,000,000.00 and 1,000,000,000,000,000.005 → .00 (half-even)
// (Truncate never adds zeros, so canonAtLeast used to return the decimal
// without them).
func TestSpilledMeasureKeepsPlaces(t *testing.T) {
	for _, tc := range []struct{ amount, measure string }{
		{"100000000000000000.00", "100000000000000000.00"},
		{"100000000000000000.5", "100000000000000000.50"},
	} {
		p := evalPlan("", evalComp("c", evalFlat("1%"), ""))
		r, err := Evaluate(p, evalQ3(), nil, slices.Values([]Transaction{evalSale("t1", "acme", "", tc.amount)}))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Lines) != 1 {
			t.Fatalf("%d lines", len(r.Lines))
		}
		m := r.Lines[0].Measure()
		if got := m.StringFixed(-m.Exponent()); got != tc.measure || m.Exponent() != -2 {
			t.Errorf("%s USD: measure %s (exponent %d), want %s (exponent −2)", tc.amount, got, m.Exponent(), tc.measure)
		}
		if got := r.Lines[0].Amount().StringFixed(2); got != "1000000000000000.00" {
			t.Errorf("%s USD: amount %s, want 1000000000000000.00", tc.amount, got)
		}
	}
}
