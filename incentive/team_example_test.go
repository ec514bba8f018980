package incentive_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A team pool pays 1 % of the team's revenue, shared by contribution.
// ana sold 6,000.00 and bo 3,000.01: the team's 9,000.01 earns
// 90.0001 → 90.00. In cents, ana's exact share is 9,000 × 6,000.00 /
// 9,000.01 = 5,999.9933 and bo's 3,000.0066: floors 5,999 and 3,000 leave
// one cent, which goes to the larger remainder (ana's .9933), so ana gets
// 60.00 and bo 30.00, summing to the award.
func ExampleComponentSpec_team() {
	p := incentive.MustParsePlan(`{
	 "id": "pools", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [
	  {"id": "team-pool", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]},
	   "team": {"id": "west", "share": "contribution",
	    "members": [{"recipient": {"kind": "rep", "id": "bo"}}, {"recipient": {"kind": "rep", "id": "ana"}}]}}
	 ]}`)
	sale := func(id, rep, amount string) incentive.Transaction {
		return incentive.Transaction{ID: id, Date: time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
			PartnerID: "acme", RepID: rep, Amount: money.MustParse(amount)}
	}
	txs := []incentive.Transaction{sale("d-1", "ana", "6000.00 USD"), sale("d-2", "bo", "3000.01 USD")}
	q3 := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	r, err := incentive.Evaluate(p, q3, nil, slices.Values(txs))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range r.Lines {
		fmt.Println(l.Recipient(), l.Amount().StringFixed(2))
	}
	fmt.Println(r.Lines[0].Trace().Sentence())
	// Output:
	// rep:ana 60.00
	// rep:bo 30.00
	// 1% on 9,000.01 USD of 2025-Q3 revenue (all-units, tier 1 of 1) = 90.0001 USD; rounded half-even to 2 places: 90.00 USD; team west's award of 90.00 USD shared by contribution (6,000 of 9,000.01), largest remainder, ties by recipient: 60.00 USD.
}
