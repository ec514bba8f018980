package incentive_test

import (
	"errors"
	"fmt"
	"slices"

	"github.com/partnerecon/partnerecon/incentive"
)

// A statement by transaction: acme's 2 % tier is reached by the second
// sale, which therefore carries the uplift on the first (all-units):
// R(90,000) = 900.00; R(110,000) = 2,200.00, so 2,200 − 900 = 1,300.00;
// R(130,000) = 2,600.00, so 400.00. The lines sum to the period line.
func ExampleSplitLine() {
	p := incentive.MustParsePlan(rebatePlan)
	txs := []incentive.Transaction{sale("b", "acme", "20000.00"), sale("a", "acme", "90000.00"), sale("c", "acme", "20000.00")}
	r, _ := incentive.Evaluate(p, q3(), nil, slices.Values(txs))
	lines, _ := incentive.SplitLine(p, r.Lines[0], nil, slices.Values(txs))
	for _, l := range lines {
		fmt.Println(l.Transaction, l.Measure, l.Amount)
	}
	fmt.Println("period line", r.Lines[0].Amount())
	// Output:
	// a 90000 900
	// b 20000 1300
	// c 20000 400
	// period line 2600
}

// Duplicate transaction IDs are detected on request, through a set the
// caller provides (here the in-memory one).
func ExampleAccumulator_AddUnique() {
	p := incentive.MustParsePlan(rebatePlan)
	a, _ := incentive.NewAccumulator(p, q3())
	var ids incentive.MemoryIDs
	fmt.Println(a.AddUnique(sale("inv-1", "acme", "90000.00"), &ids))
	err := a.AddUnique(sale("inv-1", "acme", "90000.00"), &ids)
	fmt.Println(errors.Is(err, incentive.ErrDuplicate))
	fmt.Println(err)
	// Output:
	// <nil>
	// true
	// incentive: transaction "inv-1": /id = "inv-1": duplicate: transaction ID already counted
}
