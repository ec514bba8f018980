package fixed_test

import (
	"fmt"
	"math"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// 412,000.00 at 3.5 %: minor units times a rate numerator over 10^4.
func ExampleMulRate() {
	cents, ok := fixed.MulRate(41200000, 350, 4, money.HalfEven)
	fmt.Println(cents, ok, fixed.ToDecimal(cents, 2))
	// Output: 1442000 true 14420
}

// Ties go to the even neighbour under HalfEven, away from zero under HalfUp.
func ExampleDivRound() {
	for _, m := range []money.RoundingMode{money.HalfEven, money.HalfUp, money.Floor} {
		q, _ := fixed.DivRound(-25, 10, m)
		fmt.Println(m, q)
	}
	// Output:
	// half-even -2
	// half-up -3
	// floor -3
}

// The 128-bit product may exceed int64 as long as the quotient fits.
func ExampleMulDivRound() {
	q, ok := fixed.MulDivRound(math.MaxInt64, 10, 20, money.HalfEven)
	fmt.Println(q, ok)
	// Output: 4611686018427387904 true
}

// 123.45 × 1.5 % to cents.
func ExampleMulScaled() {
	v, ok := fixed.MulScaled(12345, 2, 15, 3, 2, money.HalfEven)
	fmt.Println(v, ok)
	// Output: 185 true
}

func ExampleRescale() {
	v, _ := fixed.Rescale(282098730, 5, 2, money.HalfEven) // 2,820.98730 → cents
	fmt.Println(v)
	// Output: 282099
}

// Values that are not exact at the scale are refused, never truncated.
func ExampleFromDecimal() {
	fmt.Println(fixed.FromDecimal(money.MustDecimal("123.45"), 2))
	fmt.Println(fixed.FromDecimal(money.MustDecimal("123.455"), 2))
	// Output:
	// 12345 true
	// 0 false
}

func ExampleToDecimal() {
	fmt.Println(fixed.ToDecimal(-12345, 2))
	// Output: -123.45
}

func ExampleParseUnits() {
	fmt.Println(fixed.ParseUnits("-1234.5", 2))
	fmt.Println(fixed.ParseUnits("1e3", 2)) // not plain decimal text: use money.ParseDecimal
	// Output:
	// -123450 true
	// 0 false
}

func ExampleAddChecked() {
	fmt.Println(fixed.AddChecked(math.MaxInt64, 1))
	// Output: 0 false
}

func ExampleSubChecked() {
	fmt.Println(fixed.SubChecked(5, 7))
	// Output: -2 true
}

func ExampleMulChecked() {
	fmt.Println(fixed.MulChecked(1<<32, 1<<31))
	// Output: 0 false
}

func ExamplePow10() {
	fmt.Println(fixed.Pow10(4))
	// Output: 10000 true
}
