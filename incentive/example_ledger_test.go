package incentive_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A stored ledger whose settled amount was edited no longer parses: the
// error names the run that does not verify.
func ExampleParseLedger_tampered() {
	p := incentive.MustParsePlan(rebatePlan)
	var l incentive.Ledger
	r1, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "90000.00")}))
	l, _, _ = l.Settle("2025-09", r1) // 1 % × 90,000 = 900.00
	r2, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "90000.00"), sale("2", "acme", "20000.00")}))
	l, _, _ = l.Settle("2025-10", r2) // 2 % × 110,000 = 2,200.00: +1,300.00
	stored, _ := l.MarshalJSON()

	back, err := incentive.ParseLedger(stored)
	fmt.Println("untouched:", err == nil, back.Head() == l.Head())

	edited := bytes.Replace(stored, []byte(`"amount":"1300.00"`), []byte(`"amount":"1900.00"`), 1)
	_, err = incentive.ParseLedger(edited)
	fmt.Println(errors.Is(err, incentive.ErrTampered))
	fmt.Println(err)
	// Output:
	// untouched: true true
	// true
	// incentive: /runs/1 = "2025-10": ledger does not verify: the run does not match its hash (the record was edited)
}

// Seals chain the runs: each run's Prev is the hash of the run before.
func ExampleLedger_Seals() {
	p := incentive.MustParsePlan(rebatePlan)
	r, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "90000.00")}))
	var l incentive.Ledger
	l, _, _ = l.Accrue("2025-08", "2025-Q3", incentive.EstimateActuals(r))
	l, _, _ = l.Settle("2025-09", r)
	s := l.Seals()
	fmt.Println(s[0].Run, s[0].Prev == "", len(s[0].Hash))
	fmt.Println(s[1].Run, s[1].Prev == s[0].Hash, s[1].Hash == l.Head())
	fmt.Println(l.Entries()[1].PlanHash == p.Hash())
	// Output:
	// 2025-08 true 64
	// 2025-09 true true
	// true
}

// A minimum payment is not clawed back at the rate it paid: the line
// earned 1 % × 10,000 = 100.00 and was raised to the floor of 500.00; a
// return of 5,000.00 claws back 1 % × 5,000 = 50.00 (at the paid rate,
// 5,000 × 500 / 10,000, it would be 250.00).
func ExampleLedger_Clawback_floor() {
	p := incentive.MustParsePlan(`{"id":"min","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"rebate","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]},"floor":"500"}]}`)
	r, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "10000.00")}))
	var l incentive.Ledger
	l, es, _ := l.Settle("2025-09", r)
	fmt.Println("paid", es[0].Amount, "earned", es[0].Earned, "on", es[0].Basis)
	ret := incentive.Transaction{ID: "r1", Date: time.Date(2025, 10, 5, 0, 0, 0, 0, time.UTC), Kind: incentive.Return,
		PartnerID: "acme", Amount: money.MustParse("-5000.00 USD"), Corrects: "2025-Q3"}
	_, es, _ = l.Clawback("2025-10", p, slices.Values([]incentive.Transaction{ret}))
	fmt.Println("clawed back", es[0].Amount)
	// Output:
	// paid 500 earned 100 on 10000
	// clawed back -50
}
