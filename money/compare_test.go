package money_test

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// dec is coefficient·10^exp with a coefficient given in decimal text.
func dec(coef string, exp int32) decimal.Decimal {
	c, ok := new(big.Int).SetString(coef, 10)
	if !ok {
		panic(coef)
	}
	return decimal.NewFromBigInt(c, exp)
}

// exact is the value of d as a big.Rat, the reference below.
func exact(d decimal.Decimal) *big.Rat {
	num, den := ratOf(d)
	return new(big.Rat).SetFrac(num, den)
}

// Comparisons where the exponents are 18 and 19 apart (the edge of
// cmpDec's fast path) and further, with equal values written with
// different exponents, different values with the same leading power of
// ten, and different leading powers. Each expected result is worked by
// hand and checked again against big.Rat.
func TestCompareExponentBoundary(t *testing.T) {
	const e20 = "100000000000000000000" // 10^20, 21 digits
	tests := []struct {
		name string
		a, b decimal.Decimal
		want int
	}{
		// 1·10^20 = 100000000000000000000·10^0: exponents 20 apart, same
		// value (the Equal(1e20 USD, 100000000000000000000 USD)).
		{"equal, 20 apart", dec("1", 20), dec(e20, 0), 0},
		{"equal, 20 apart, reversed", dec(e20, 0), dec("1", 20), 0},
		{"equal negative, 20 apart", dec("-1", 20), dec("-"+e20, 0), 0},
		// 10^18 written as 1·10^18 and as 10^18·10^0: 18 apart (fast path).
		{"equal, 18 apart", dec("1", 18), dec("1000000000000000000", 0), 0},
		// 10^19 as 1·10^19 and 10^19·10^0: 19 apart (slow path).
		{"equal, 19 apart", dec("1", 19), dec("10000000000000000000", 0), 0},
		{"equal, -19 apart", dec("10000000000000000000", -19), dec("1", 0), 0},
		{"equal, -18 apart", dec("1000000000000000000", -18), dec("1", 0), 0},
		// Same leading power (both in [10^20, 10^21)), different values:
		// 10^20 < 10^20 + 1.
		{"same power, 20 apart, less", dec("1", 20), dec("100000000000000000001", 0), -1},
		{"same power, 20 apart, greater", dec("100000000000000000001", 0), dec("1", 20), 1},
		// Negatives mirror: −10^20 > −(10^20 + 1).
		{"same power, negative", dec("-1", 20), dec("-100000000000000000001", 0), 1},
		// 1.1·10^19 = 11·10^18 vs 10^19 + 1: 18 apart, same power.
		{"same power, 18 apart", dec("11", 18), dec("10000000000000000001", 0), 1},
		// 1.1·10^20 = 11·10^19 vs 10^20 + 1: 19 apart, same power.
		{"same power, 19 apart", dec("11", 19), dec("100000000000000000001", 0), 1},
		// Different leading powers, 20 apart: 10^20 > 10^20 − 1 (20 nines).
		{"power above", dec("1", 20), dec("99999999999999999999", 0), 1},
		{"power below", dec("99999999999999999999", 0), dec("1", 20), -1},
		{"power above, negative", dec("-1", 20), dec("-99999999999999999999", 0), -1},
		// Far apart: 5·10^40 > 7; 5·10^−40 < 7; −5·10^40 < 7.
		{"far, greater", dec("5", 40), dec("7", 0), 1},
		{"far, smaller", dec("5", -40), dec("7", 0), -1},
		{"far, negative", dec("-5", 40), dec("7", 0), -1},
		// Signs differ, 20 apart: −1·10^20 < 1 and 1·10^20 > −1; 0 vs 1.
		{"sign, negative first", dec("-1", 20), dec("1", 0), -1},
		{"sign, positive first", dec("1", 20), dec("-1", 0), 1},
		{"zero vs positive", dec("0", 30), dec("1", 0), -1},
		{"positive vs zero", dec("1", 0), dec("0", 30), 1},
		{"zero vs negative", dec("0", -30), dec("-1", 0), 1},
		{"zero vs zero", dec("0", 30), dec("0", 0), 0},
	}
	usd := money.MustCurrency("USD")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ref := exact(tt.a).Cmp(exact(tt.b)); ref != tt.want {
				t.Fatalf("hand figure %d disagrees with big.Rat %d", tt.want, ref)
			}
			ra, rb := money.RateFromFraction(tt.a), money.RateFromFraction(tt.b)
			if got := ra.Cmp(rb); got != tt.want {
				t.Errorf("Rate.Cmp = %d, want %d", got, tt.want)
			}
			if got := ra.Equal(rb); got != (tt.want == 0) {
				t.Errorf("Rate.Equal = %v", got)
			}
			a, b := money.New(tt.a, usd), money.New(tt.b, usd)
			if got, err := a.Cmp(b); err != nil || got != tt.want {
				t.Errorf("Amount.Cmp = %d, %v, want %d", got, err, tt.want)
			}
			if got := a.Equal(b); got != (tt.want == 0) {
				t.Errorf("Amount.Equal = %v", got)
			}
			// Within [b, b] is equality; Within [a, b] holds iff a ≤ b.
			if got := ra.Within(rb, rb); got != (tt.want == 0) {
				t.Errorf("Within(b, b) = %v", got)
			}
			if got := ra.Within(ra, rb); got != (tt.want <= 0) {
				t.Errorf("a.Within(a, b) = %v", got)
			}
		})
	}
}
