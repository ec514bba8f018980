package incentive_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A SPIF pays reps 200.00 per new deal in August, from a budget of
// 500.00 paid first come. In order of date, then deal ID: d-101 (bo)
// 200 → 200, d-102 (ana) → 400, d-104 (bo) → 600 > 500, so d-104 gets the
// last 100.00 and d-107 nothing. ana earned 2 × 200 = 400.00 and is paid
// 200.00; bo earned 400.00 and is paid 200 + 100 = 300.00; 200 + 300 =
// 500.00, the budget.
func ExampleBudgetSpec() {
	p := incentive.MustParsePlan(`{
	 "id": "aug-push", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [
	  {"id": "new-deal-spif", "version": "1", "effective_from": "2025-08-01", "effective_until": "2025-09-01",
	   "recipient": "rep", "measure": "events", "eligibility": {"motions": ["new"]},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "price": "200"}]},
	   "budget": {"amount": "500", "exhaustion": "first-come"}}
	 ]}`)
	deal := func(id, rep string, day int) incentive.Transaction {
		return incentive.Transaction{ID: id, Date: time.Date(2025, 8, day, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
			PartnerID: "acme", RepID: rep, Motion: incentive.NewBusiness, Amount: money.MustParse("12000.00 USD")}
	}
	txs := []incentive.Transaction{deal("d-107", "ana", 3), deal("d-104", "bo", 2), deal("d-102", "ana", 1), deal("d-101", "bo", 1)}
	aug := incentive.NewPeriod("2025-08", incentive.MustDate("2025-08-01"), incentive.MustDate("2025-09-01"))
	r, err := incentive.Evaluate(p, aug, nil, slices.Values(txs))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range r.Lines {
		fmt.Println(l.Recipient(), l.Amount().StringFixed(2))
	}
	fmt.Println("total", r.Total().StringFixed(2))
	bo, _ := r.Line(incentive.Recipient{Kind: incentive.RecipientRep, ID: "bo"}, "new-deal-spif")
	fmt.Println(bo.Trace().Sentence())
	// Output:
	// rep:ana 200.00
	// rep:bo 300.00
	// total 500.00
	// 200 per event on 2 qualifying events in 2025-08 (all-units, tier 1 of 1) = 400.00 USD; rounded half-even to 2 places: 400.00 USD; reduced to what the component budget of 500.00 USD had left for these transactions, paid first come by transaction date then ID (-100.00): paid 300.00 USD.
}

// ParseExhaustion reads a budget's exhaustion rule; a near miss is an
// *EnumError with the nearest name.
func ExampleParseExhaustion() {
	e, err := incentive.ParseExhaustion("first-come")
	fmt.Println(e, err)
	_, err = incentive.ParseExhaustion("pro_rata")
	fmt.Println(err)
	// Output:
	// first-come <nil>
	// incentive: unknown exhaustion rule "pro_rata" (valid: pro-rata, first-come; did you mean "pro-rata"?)
}
