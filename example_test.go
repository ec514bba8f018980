package partnerecon_test

import (
	"fmt"

	"github.com/partnerecon/partnerecon/money"
)

// Example is the README's ten-line example, compiled and checked.
// Hand check: 412000.37 × 0.035 = 14420.01295; half-even to cents 14420.01;
// 1,442,001 cents split 2:1:1 = 721000.5 / 360500.25 / 360500.25, floors
// sum to 1,442,000, the leftover cent goes to the largest remainder (ana).
func Example() {
	base := money.MustParse("412000.37 USD")
	rebate := base.MulRate(money.MustRate("3.5%"))
	paid, err := rebate.Round(money.HalfEven)
	if err != nil {
		fmt.Println(err)
		return
	}
	parts, err := money.Allocate(paid, []money.Weight{
		{Key: "ana", Value: money.MustDecimal("2")},
		{Key: "ben", Value: money.MustDecimal("1")},
		{Key: "cy", Value: money.MustDecimal("1")},
	})
	fmt.Println(rebate, paid, parts, err)
	// Output: 14420.01295 USD 14420.01 USD [7210.01 USD 3605.00 USD 3605.00 USD] <nil>
}
