package money_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/money"
)

var (
	sinkAmount money.Amount
	sinkInt    int
)

// BenchmarkParse parses a typical amount with its code: the target is no
// allocation and at most 50 ns.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		a, err := money.Parse("1234.56 USD")
		if err != nil {
			b.Fatal(err)
		}
		sinkAmount = a
	}
}

// BenchmarkParseIn parses a typical amount in a known currency.
func BenchmarkParseIn(b *testing.B) {
	b.ReportAllocs()
	usd := money.MustCurrency("USD")
	for b.Loop() {
		a, err := money.ParseIn("1234.56", usd)
		if err != nil {
			b.Fatal(err)
		}
		sinkAmount = a
	}
}

// BenchmarkAddCmpRound adds, compares and rounds ordinary amounts.
func BenchmarkAddCmpRound(b *testing.B) {
	b.ReportAllocs()
	x := money.MustParse("1234.56 USD")
	y := money.MustParse("0.125 USD")
	for b.Loop() {
		s, _ := x.Add(y)
		c, _ := s.Cmp(x)
		r, _ := s.Round(money.HalfEven)
		sinkAmount, sinkInt = r, c
	}
}

// BenchmarkMulRate multiplies an amount by a rate and rounds it to cents.
func BenchmarkMulRate(b *testing.B) {
	b.ReportAllocs()
	x := money.MustParse("1234.56 USD")
	r := money.MustRate("3.5%")
	for b.Loop() {
		sinkAmount, _ = x.MulRate(r).Round(money.HalfEven)
	}
}
