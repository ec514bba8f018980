package incentive_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A 10,000.01 USD deal is split 50/50 between two reps, and their
// manager holds 100 % overlay credit. Split credit shares the deal by
// largest remainder in cents: 1,000,001 cents × 50 % = 500,000.5 each, and
// the cent left goes to the smaller ID, so ana is credited 5,000.01 and bo
// 5,000.00. The overlay component counts mia's whole 10,000.01 on top. A
// return of 1,000.00 with the same credits reverses each part with the
// same shares: ana and bo −500.00 each, mia −1,000.00. The period pays ana
// 10 % × 4,500.01 = 450.001 → 450.00, bo 10 % × 4,500.00 = 450.00 and mia
// 2 % × 9,000.01 = 180.0002 → 180.00 (half-even).
func ExampleCredit() {
	p := incentive.MustParsePlan(`{
	 "id": "team-selling", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [
	  {"id": "commission", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "10%"}]}},
	  {"id": "manager-overlay", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
	   "overlay": true,
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]}}
	 ]}`)
	credits := []incentive.Credit{
		{Recipient: incentive.Recipient{Kind: incentive.RecipientRep, ID: "bo"}, Share: money.MustRate("50%")},
		{Recipient: incentive.Recipient{Kind: incentive.RecipientRep, ID: "ana"}, Share: money.MustRate("50%")},
		{Recipient: incentive.Recipient{Kind: incentive.RecipientRep, ID: "mia"}, Share: money.MustRate("100%"), Overlay: true},
	}
	txs := []incentive.Transaction{
		{ID: "d-1", Date: time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale, PartnerID: "acme",
			Amount: money.MustParse("10000.01 USD"), Credits: credits},
		{ID: "r-1", Date: time.Date(2025, 8, 3, 0, 0, 0, 0, time.UTC), Kind: incentive.Return, PartnerID: "acme",
			Amount: money.MustParse("-1000.00 USD"), Credits: credits},
	}
	q3 := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	r, err := incentive.Evaluate(p, q3, nil, slices.Values(txs))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range r.Lines {
		fmt.Println(l.Recipient(), l.Component(), l.Measure().StringFixed(2), l.Amount().StringFixed(2))
	}
	mia, _ := r.Line(incentive.Recipient{Kind: incentive.RecipientRep, ID: "mia"}, "manager-overlay")
	fmt.Println(mia.Trace().Sentence())
	// Output:
	// rep:ana commission 4500.01 450.00
	// rep:bo commission 4500.00 450.00
	// rep:mia manager-overlay 9000.01 180.00
	// 2% on 9,000.01 USD of 2025-Q3 revenue of overlay credit, additive to the split credit (all-units, tier 1 of 1) = 180.0002 USD; rounded half-even to 2 places: 180.00 USD.
}
