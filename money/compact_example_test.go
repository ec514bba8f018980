package money_test

import (
	"fmt"

	"github.com/partnerecon/partnerecon/money"
)

// ScaledInt64 reads an amount as an integer at a scale without building a
// decimal: 1234.56 USD is 123456 cents; 0.125 USD is not a whole number
// of cents, but is 1250 at 4 places.
func ExampleAmount_ScaledInt64() {
	a := money.MustParse("1234.56 USD")
	fmt.Println(a.ScaledInt64(2))
	b := money.MustParse("0.125 USD")
	fmt.Println(b.ScaledInt64(2))
	fmt.Println(b.ScaledInt64(4))
	fmt.Println(a.InRange())
	// Output:
	// 123456 true
	// 0 false
	// 1250 true
	// true
}
