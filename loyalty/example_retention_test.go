package loyalty_test

import (
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
)

// Three partners over two quarters. In Q2, of the three active in Q1, a
// and c stay (2/3 = 0.6666… → 66.67 %), b churns and d is active for the
// first time. b enrolled in Q1 (new: 0 of 1 kept), a and c before
// (existing: 2 of 2). a's share of wallet in Q2 is 30 of 120 = 25 %.
func ExampleComputeRetention() {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	periods := []loyalty.RetentionPeriod{
		{Name: "Q1", Start: day("2025-01-01"), End: day("2025-04-01")},
		{Name: "Q2", Start: day("2025-04-01"), End: day("2025-07-01")},
	}
	members := []loyalty.Member{
		{ID: "a", Enrolled: day("2024-03-01"), Active: []time.Time{day("2025-01-15"), day("2025-04-15")},
			Wallet: []loyalty.WalletEntry{{Period: "Q2", Vendor: money.MustParse("30 EUR"), Total: money.MustParse("120 EUR")}}},
		{ID: "b", Enrolled: day("2025-01-02"), Active: []time.Time{day("2025-02-01")}},
		{ID: "c", Enrolled: day("2024-09-01"), Active: []time.Time{day("2025-03-31"), day("2025-06-30")}},
		{ID: "d", Enrolled: day("2025-05-01"), Active: []time.Time{day("2025-05-20")}},
	}
	r, err := loyalty.ComputeRetention(periods, members)
	if err != nil {
		fmt.Println(err)
		return
	}
	q2 := r.Periods[1]
	fmt.Printf("Q2: active %d, retained %d, churned %d, first active %d\n", q2.Active, q2.Retained, q2.Churned, q2.FirstActive)
	fmt.Printf("retention %s (new %s, existing %s), share of wallet %s\n", q2.Rate, q2.NewRate, q2.ExistingRate, q2.Wallet)
	for _, c := range r.Cohorts {
		fmt.Printf("cohort %s (%d):", c.Period, c.Size)
		for _, cell := range c.Cells {
			fmt.Printf(" %s %s", cell.Period, cell.Rate)
		}
		fmt.Println()
	}
	// Output:
	// Q2: active 3, retained 2, churned 1, first active 1
	// retention 66.67% (new 0%, existing 100%), share of wallet 25%
	// cohort Q1 (1): Q1 100% Q2 0%
	// cohort Q2 (1): Q2 100%
}
