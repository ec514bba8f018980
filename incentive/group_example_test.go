package incentive_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A team bonus of 1,000.00 USD is shared by the reps' contributions
// (their Q3 revenue): 5,000, 10,000 and 0. In cents, 100,000 × 5/15 =
// 33,333.33 → 33,333 and × 10/15 = 66,666.67 → 66,666; the cent left goes
// to the larger remainder (.67, bo): 333.33 + 666.67 + 0.00 = 1,000.00.
func ExampleGroup_Share() {
	team := incentive.MustParseGroup(`{"id": "team-west", "share": "contribution", "members": [
	 {"recipient": {"kind": "rep", "id": "bo"}},
	 {"recipient": {"kind": "rep", "id": "ana"}},
	 {"recipient": {"kind": "rep", "id": "cy"}}]}`)
	rep := func(id string) incentive.Recipient { return incentive.Recipient{Kind: incentive.RecipientRep, ID: id} }
	award, err := team.Share(money.MustParse("1000.00 USD"), 2, map[incentive.Recipient]decimal.Decimal{
		rep("ana"): decimal.RequireFromString("5000"),
		rep("bo"):  decimal.RequireFromString("10000"),
		rep("cy"):  decimal.Zero,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range award.Shares {
		fmt.Println(s.Recipient, s.Amount.StringFixed(2))
	}
	fmt.Println(award.Sentence())
	// Output:
	// rep:ana 333.33
	// rep:bo 666.67
	// rep:cy 0.00
	// team-west's award of 1,000.00 USD shared by contribution (largest remainder in units of 0.01, ties by recipient): rep:ana 333.33 (weight 5,000), rep:bo 666.67 (weight 10,000), rep:cy 0.00 (weight 0).
}

// Declared weights must be strings with every member weighted; an absent
// weight is an error at its JSON Pointer.
func ExampleParseGroup() {
	_, err := incentive.ParseGroup([]byte(`{"id": "pool", "share": "weights", "members": [
	 {"recipient": {"kind": "partner", "id": "acme"}, "weight": "2"},
	 {"recipient": {"kind": "partner", "id": "globex"}}]}`))
	fmt.Println(err)
	// Output:
	// incentive: /members/1/weight: invalid value: required under the weights rule
}
