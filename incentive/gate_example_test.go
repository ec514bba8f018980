package incentive_test

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
)

// A 5 % rebate gated on 80 % of quota: acme sold 90,000.00 against a
// quota of 100,000 (90,000 ≥ 0.8 × 100,000 = 80,000: paid 4,500.00);
// globex sold 30,000.00 against 50,000 (30,000 < 40,000: its 1,500.00 is
// held back and the line pays 0.00).
func ExampleModifierSpec_gate() {
	p := incentive.MustParsePlan(`{
	 "id": "gated", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [
	  {"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "5%"}]},
	   "modifiers": [{"kind": "gate", "attainment": "80%"}]}
	 ]}`)
	quota := func(q int64) incentive.RecipientFacts {
		return incentive.RecipientFacts{Quotas: map[string]decimal.Decimal{"rebate": decimal.New(q, 0)}}
	}
	facts := incentive.Facts{
		{Kind: incentive.RecipientPartner, ID: "acme"}:   quota(100000),
		{Kind: incentive.RecipientPartner, ID: "globex"}: quota(50000),
	}
	r, err := incentive.Evaluate(p, q3(), facts, slices.Values([]incentive.Transaction{
		sale("1", "acme", "90000.00"), sale("2", "globex", "30000.00")}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range r.Lines {
		fmt.Println(l.Recipient(), l.Amount().StringFixed(2))
	}
	g, _ := r.Line(incentive.Recipient{Kind: incentive.RecipientPartner, ID: "globex"}, "rebate")
	fmt.Println(g.Trace().Sentence())
	// Output:
	// partner:acme 4500.00
	// partner:globex 0.00
	// 5% on 30,000.00 USD of Q3 2025 revenue (all-units, tier 1 of 1) = 1,500.00 USD; held back (-1,500.00): attainment 30,000 is below 80% of quota 50,000 (40,000); rounded half-even to 2 places: 0.00 USD.
}
