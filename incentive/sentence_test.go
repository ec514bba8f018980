package incentive_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// A trace read back from JSON stored before traces carried their per-tier
// breakdown has no Portions: its sentence still reads as one, without the
// breakdown or the bounds.
func TestSentenceWithoutPortions(t *testing.T) {
	usd, err := money.ParseCurrency("USD")
	if err != nil {
		t.Fatal(err)
	}
	tr := incentive.Trace{Period: "2025-Q3", Currency: usd, Measure: incentive.Revenue, Mode: tier.Incremental,
		Boundary: tier.LowerInclusive, Tier: 2, Tiers: 3, Rate: money.RateFromPercent(decimal.New(2, 0)),
		Base: decimal.New(150000, 0), SchedulePayout: decimal.New(2000, 0), Exact: decimal.New(2000, 0),
		Rounding: money.HalfEven, Places: 2, Rounded: decimal.New(2000, 0), Amount: decimal.New(2000, 0)}
	want := "2% on 150,000.00 USD of 2025-Q3 revenue (incremental, tier 2 of 3) = 2,000.00 USD; rounded half-even to 2 places: 2,000.00 USD."
	if got := tr.Sentence(); got != want {
		t.Errorf("sentence:\n got: %s\nwant: %s", got, want)
	}
	if strings.Contains(tr.Sentence(), "(:") {
		t.Errorf("empty breakdown in %q", tr.Sentence())
	}
}
