package incentive_test

import (
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A host that adds many transactions for the same partners resolves each
// partner once. The bench-like plan pays 2 % of revenue: 1,000.00 + 500.25
// = 1,500.25 USD → 30.005 → half-even to cents 30.00 (the 5 is a tie,
// 0 is even), which a decimal prints as 30.
func ExampleAccumulator_AddFor() {
	p := incentive.MustParsePlan(`{"id": "p", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]}}]}`)
	period := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	a, _ := incentive.NewAccumulator(p, period)
	acme := a.Partner("acme")
	day := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	for i, amt := range []string{"1000.00 USD", "500.25 USD"} {
		tx := incentive.Transaction{ID: fmt.Sprint("s", i), Date: day, Kind: incentive.Sale, PartnerID: "acme",
			Amount: money.MustParse(amt)}
		if err := a.AddFor(acme, tx); err != nil {
			fmt.Println(err)
		}
	}
	r, _ := a.Result(nil)
	for _, l := range r.Lines {
		fmt.Println(l.Recipient(), l.Component(), l.Amount())
	}
	// Output:
	// partner:acme rebate 30
}
