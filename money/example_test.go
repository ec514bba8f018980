package money_test

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/money"
)

func ExampleParseCurrency() {
	for _, code := range []string{"USD", "JPY", "BHD", "ABC"} {
		c, err := money.ParseCurrency(code)
		if err != nil {
			fmt.Println(code, errors.Is(err, money.ErrUnknownCurrency))
			continue
		}
		fmt.Println(c, c.Digits())
	}
	// Output:
	// USD 2
	// JPY 0
	// BHD 3
	// ABC true
}

func ExampleParse() {
	a, err := money.Parse("1234.5 USD")
	fmt.Println(a, err)
	_, err = money.Parse("1e3 USD")
	fmt.Println(errors.Is(err, money.ErrSyntax))
	// Output:
	// 1234.50 USD <nil>
	// true
}

func ExampleParseIn() {
	a, err := money.ParseIn("250", money.MustCurrency("EUR"))
	fmt.Println(a, err)
	// Output: 250.00 EUR <nil>
}

func ExampleFromMinor() {
	fmt.Println(money.FromMinor(12345, money.MustCurrency("USD")), money.FromMinor(12345, money.MustCurrency("JPY")))
	// Output: 123.45 USD 12345 JPY
}

func ExampleAmount_Add() {
	a := money.MustParse("10.00 USD")
	sum, err := a.Add(money.MustParse("2.50 USD"))
	fmt.Println(sum, err)
	_, err = a.Add(money.MustParse("1.00 EUR"))
	fmt.Println(err)
	// Output:
	// 12.50 USD <nil>
	// money: Add: currency mismatch USD vs EUR
}

func ExampleSum() {
	usd := money.MustCurrency("USD")
	total, err := money.Sum(usd, money.MustParse("1.10 USD"), money.MustParse("2.20 USD"))
	fmt.Println(total, err)
	// Output: 3.30 USD <nil>
}

func ExampleAmount_MulRate() {
	// 3.5 % of 412,000.00 USD, exact, then rounded once to cents.
	rebate := money.MustParse("412000.00 USD").MulRate(money.MustRate("3.5%"))
	r, _ := rebate.Round(money.HalfEven)
	fmt.Println(rebate, r)
	// Output: 14420.00000 USD 14420.00 USD
}

func ExampleAmount_Round() {
	a := money.MustParse("0.125 USD")
	even, _ := a.Round(money.HalfEven)
	up, _ := a.Round(money.HalfUp)
	fmt.Println(even, up)
	// Output: 0.12 USD 0.13 USD
}

func ExampleAmount_Convert() {
	jpy, err := money.MustParse("10.00 USD").Convert(money.MustCurrency("JPY"), money.MustDecimal("151.235"), money.HalfEven)
	fmt.Println(jpy, err)
	// Output: 1512 JPY <nil>
}

func ExampleAmount_MinorUnits() {
	u, err := money.MustParse("-123.45 USD").MinorUnits()
	fmt.Println(u, err)
	// Output: -12345 <nil>
}

func ExampleAmount_Format() {
	s, _ := money.MustParse("1234.5678 USD").Format(2, money.HalfEven)
	fmt.Println(s)
	// Output: 1234.57 USD
}

func ExampleParseRate() {
	for _, s := range []string{"0.025", "2.5%", "250bp"} {
		r, _ := money.ParseRate(s)
		fmt.Println(r.FormatFraction(), r.FormatPercent(), r.FormatBasisPoints())
	}
	// Output:
	// 0.025 2.5% 250bp
	// 0.025 2.5% 250bp
	// 0.025 2.5% 250bp
}

func ExampleParseRateIn() {
	_, err := money.ParseRateIn("discount", "120%", money.MustRate("0"), money.MustRate("100%"))
	fmt.Println(err)
	// Output: money: discount = 120% outside [0%, 100%]
}

func ExampleRateFromBasisPoints() {
	fmt.Println(money.RateFromBasisPoints(money.MustDecimal("150")), money.RateFromPercent(money.MustDecimal("1.5")))
	// Output: 1.5% 1.5%
}

func ExampleRound() {
	d, _ := money.Round(money.MustDecimal("2.5"), 0, money.HalfEven)
	u, _ := money.Round(money.MustDecimal("-2.5"), 0, money.HalfUp)
	f, _ := money.Round(money.MustDecimal("-2.1"), 0, money.Floor)
	fmt.Println(d, u, f)
	// Output: 2 -3 -3
}

func ExampleDiv() {
	// 100,000,000 / (200 × 1000) consultants, rounded up once.
	c, _ := money.Div(money.MustDecimal("100000000"), money.MustDecimal("200000"), 0, money.Ceiling)
	third, _ := money.Div(money.MustDecimal("2"), money.MustDecimal("3"), 4, money.HalfEven)
	fmt.Println(c, third)
	// Output: 500 0.6667
}

func ExampleAllocate() {
	parts, _ := money.Allocate(money.MustParse("100.00 USD"), []money.Weight{
		{Key: "carol", Weight: money.MustDecimal("1")},
		{Key: "alice", Weight: money.MustDecimal("1")},
		{Key: "bob", Weight: money.MustDecimal("1")},
	})
	fmt.Println(parts)
	// Output: [33.33 USD 33.34 USD 33.33 USD]
}

func ExampleAllocateUnits() {
	// 7 seats shared 1:1:1: the leftover seat goes to the smallest key.
	seats, _ := money.AllocateUnits(big7(), []money.Weight{
		{Key: "b", Weight: money.MustDecimal("1")},
		{Key: "a", Weight: money.MustDecimal("1")},
		{Key: "c", Weight: money.MustDecimal("1")},
	})
	fmt.Println(seats)
	// Output: [2 3 2]
}

func ExampleParseDecimal() {
	d, err := money.ParseDecimal("-12.50")
	fmt.Println(money.FormatDecimal(d, 0), err)
	_, err = money.ParseDecimal("1e5")
	fmt.Println(errors.Is(err, money.ErrSyntax))
	// Output:
	// -12.50 <nil>
	// true
}

func ExampleParseRoundingMode() {
	m, err := money.ParseRoundingMode("half-even")
	fmt.Println(m, err, m == money.DefaultRounding)
	// Output: half-even <nil> true
}
