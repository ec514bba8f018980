package incentive_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A quota bonus pays on a weighted attainment of bookings (70 %, capped
// at 150 % of the rep's quota fact) and a renewal-rate metric (30 %,
// quota 90). ana booked 120,000.00 against a quota of 100,000 (1.2) and
// renewed 81 % (81 / 90 = 0.9): A = 0.7 × 1.2 + 0.3 × 0.9 = 1.11, so 111
// points. The pay curve pays 40.00 per point to 100 and 120.00 per point
// above (an accelerator): 4,000.00 + 11 × 120.00 = 5,320.00.
func ExampleAttainmentSpec() {
	p := incentive.MustParsePlan(`{
	 "id": "quota-plan", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [
	  {"id": "quota-bonus", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
	   "attainment": {"measures": [
	    {"component": "quota-bonus", "weight": "70%", "cap": "150%"},
	    {"metric": "renewal-rate", "weight": "30%", "quota": "90"}]},
	   "schedule": {"mode": "incremental", "boundary": "lower-inclusive",
	    "tiers": [{"from": "0", "price": "40"}, {"from": "100", "price": "120"}]}}
	 ]}`)
	ana := incentive.Recipient{Kind: incentive.RecipientRep, ID: "ana"}
	facts := incentive.Facts{ana: {
		Quotas:  map[string]decimal.Decimal{"quota-bonus": decimal.NewFromInt(100000)},
		Metrics: map[string]decimal.Decimal{"renewal-rate": decimal.NewFromInt(81)},
	}}
	txs := []incentive.Transaction{{ID: "d-1", Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: "acme", RepID: "ana", Amount: money.MustParse("120000.00 USD")}}
	q3 := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	r, err := incentive.Evaluate(p, q3, facts, slices.Values(txs))
	if err != nil {
		fmt.Println(err)
		return
	}
	l := r.Lines[0]
	fmt.Println(l.Recipient(), l.Amount().StringFixed(2))
	fmt.Println(l.Trace().Sentence())
	// Output:
	// rep:ana 5320.00
	// incremental rates on attainment 111% in 2025-Q3 (70% × min(quota-bonus 120,000 / 100,000, 150%) + 30% × renewal-rate 81 / 90) (40 per unit on 100 points from 0 points to 100 points = 4,000.00 USD, 120 per unit on 11 points above 100 points = 1,320.00 USD: tier 2 of 2) = 5,320.00 USD; rounded half-even to 2 places: 5,320.00 USD.
}
