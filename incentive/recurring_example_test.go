package incentive_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A partner earns 10 % of the annual value of new subscriptions: a
// three-year contract prepaid for 36,000.00 counts 12,000.00.
func ExampleContractValue() {
	p := incentive.MustParsePlan(`{"id": "subs", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [{"id": "arr", "version": "1", "effective_from": "2025-01-01", "recipient": "partner",
	  "measure": "recurring-revenue", "contract_value": "annualised", "eligibility": {"motions": ["new"]},
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "10%"}]}}]}`)
	sub := incentive.Transaction{ID: "s1", Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: "acme", Amount: money.MustParse("36000.00 USD"), Billing: incentive.Recurring,
		Motion: incentive.NewBusiness, TermMonths: 36}
	r, err := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sub}))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Lines[0].Trace().Sentence())
	// Output:
	// 10% on 12,000.00 USD of Q3 2025 recurring revenue at annualised contract value, each contract's amount × 12 / its term in months rounded half-even to 2 places (all-units, tier 1 of 1) = 1,200.00 USD; rounded half-even to 2 places: 1,200.00 USD.
}
