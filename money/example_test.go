package money_test

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

func ExampleParseCurrency() {
	// Minor units as ISO 4217 list one gives them; a withdrawn code, a
	// code without a minor unit and an unknown code are errors.
	for _, code := range []string{"USD", "JPY", "IQD", "CLF", "DEM", "XAU", "ABC"} {
		c, err := money.ParseCurrency(code)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(c, c.Digits())
	}
	// Output:
	// USD 2
	// JPY 0
	// IQD 3
	// CLF 4
	// money: ParseCurrency "DEM": withdrawn currency
	// money: ParseCurrency "XAU": currency has no minor unit
	// money: ParseCurrency "ABC": unknown currency
}

func ExampleParseHistoricCurrency() {
	// Reading a record from 2001 in Deutsche Mark: the caller states the
	// two minor-unit digits, since ISO's list of withdrawn codes has none.
	dem, err := money.ParseHistoricCurrency("DEM", 2)
	fmt.Println(dem, dem.Digits(), dem.IsWithdrawn(), err)
	// 1955.83 DEM + 0.17 DEM = 1956.00 DEM.
	sum, _ := money.FromMinor(195583, dem).Add(money.FromMinor(17, dem))
	fmt.Println(sum)
	_, err = sum.MarshalText()
	fmt.Println(err)
	// Output:
	// DEM 2 true <nil>
	// 1956.00 DEM
	// money: withdrawn currency DEM (in MarshalText)
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
		{Key: "carol", Value: money.MustDecimal("1")},
		{Key: "alice", Value: money.MustDecimal("1")},
		{Key: "bob", Value: money.MustDecimal("1")},
	})
	fmt.Println(parts)
	// Output: [33.33 USD 33.34 USD 33.33 USD]
}

func ExampleAllocateUnits() {
	// 7 seats shared 1:1:1: the leftover seat goes to the smallest key.
	seats, _ := money.AllocateUnits(big7(), []money.Weight{
		{Key: "b", Value: money.MustDecimal("1")},
		{Key: "a", Value: money.MustDecimal("1")},
		{Key: "c", Value: money.MustDecimal("1")},
	})
	fmt.Println(seats)
	// Output: [2 3 2]
}

func ExampleSplit() {
	// 10000 cents / 3 = 3333 r 1: the first part gets the leftover cent.
	parts, _ := money.Split(money.MustParse("100.00 USD"), 3)
	fmt.Println(parts)
	// −5 cents / 3 = −1 r −2: the first two parts get one cent more
	// (mirror of +5 cents).
	parts, _ = money.Split(money.MustParse("-0.05 USD"), 3)
	fmt.Println(parts)
	// Output:
	// [33.34 USD 33.33 USD 33.33 USD]
	// [-0.02 USD -0.02 USD -0.01 USD]
}

func ExampleAllocateInt64() {
	// 10 points over 1:1:1 = 3⅓ each: 3 each and the leftover point to
	// the smallest key, "a", wherever it stands.
	points, _ := money.AllocateInt64(10, []money.Weight{
		{Key: "c", Value: money.MustDecimal("1")},
		{Key: "a", Value: money.MustDecimal("1")},
		{Key: "b", Value: money.MustDecimal("1")},
	})
	fmt.Println(points)
	// Output: [3 4 3]
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
	_, err = money.ParseRoundingMode("half_up")
	var ee *money.EnumError
	fmt.Println(errors.As(err, &ee), ee.Suggestion, errors.Is(err, money.ErrRoundingMode))
	fmt.Println(err)
	// Output:
	// half-even <nil> true
	// true half-up true
	// money: unknown rounding mode "half_up" (valid: half-even, half-up, half-down, toward-zero, away-from-zero, ceiling, floor; did you mean "half-up"?)
}

func ExampleNew() {
	a := money.New(money.MustDecimal("1234.5"), money.MustCurrency("EUR"))
	fmt.Println(a, a.Decimal(), a.Currency())
	// Output: 1234.50 EUR 1234.5 EUR
}

func ExampleZero() {
	z := money.Zero(money.MustCurrency("JPY"))
	fmt.Println(z, z.IsZero(), z.IsValid(), money.Amount{}.IsValid())
	// Output: 0 JPY true true false
}

func ExampleMustParse() {
	fmt.Println(money.MustParse("-3 JPY"), money.MustParse("0.5 BHD"))
	// Output: -3 JPY 0.500 BHD
}

func ExampleMustCurrency() {
	c := money.MustCurrency("CLF")
	fmt.Println(c.Code(), c.Digits())
	// Output: CLF 4
}

func ExampleMustDecimal() {
	fmt.Println(money.MustDecimal("0.035").Mul(money.MustDecimal("412000")))
	// Output: 14420
}

func ExampleMustRate() {
	fmt.Println(money.MustRate("250bp").Equal(money.MustRate("2.5%")))
	// Output: true
}

func ExampleFormatDecimal() {
	d := money.MustDecimal("12.5")
	fmt.Println(money.FormatDecimal(d, 0), money.FormatDecimal(d, 3), money.FormatDecimal(money.MustDecimal("0.00012"), 2))
	// Output: 12.5 12.500 0.00012
}

func ExampleAmount_Sub() {
	d, err := money.MustParse("10.00 USD").Sub(money.MustParse("12.50 USD"))
	fmt.Println(d, d.Sign(), d.Abs(), d.Neg(), err)
	// Output: -2.50 USD -1 2.50 USD 2.50 USD <nil>
}

func ExampleAmount_Cmp() {
	c, err := money.MustParse("1.0 USD").Cmp(money.MustParse("1.00 USD"))
	fmt.Println(c, err)
	_, err = money.MustParse("1 USD").Cmp(money.MustParse("1 EUR"))
	fmt.Println(errors.Is(err, money.ErrCurrencyMismatch))
	// Output:
	// 0 <nil>
	// true
}

func ExampleAmount_Equal() {
	a, b := money.MustParse("1.5 USD"), money.MustParse("1.50 USD")
	fmt.Println(a.Equal(b), a.Equal(money.MustParse("1.50 EUR")))
	// Output: true false
}

// Mul keeps every digit: round once, at the end.
func ExampleAmount_Mul() {
	a := money.MustParse("19.99 USD").Mul(money.MustDecimal("3.333"))
	r, _ := a.Round(money.HalfEven)
	fmt.Println(a, r)
	// Output: 66.62667 USD 66.63 USD
}

func ExampleAmount_RoundTo() {
	a := money.MustParse("2.345 USD")
	r, _ := a.RoundTo(1, money.Floor)
	_, err := a.RoundTo(1, money.RoundingUnspecified)
	fmt.Println(r, errors.Is(err, money.ErrRoundingMode))
	// Output: 2.30 USD true
}

func ExampleAmount_String() {
	fmt.Println(money.MustParse("5 USD"), money.MustParse("5.125 USD"), money.Amount{})
	// Output: 5.00 USD 5.125 USD 0 (no currency)
}

func ExampleAmount_MarshalJSON() {
	b, err := money.MustParse("1234.5 USD").MarshalJSON()
	fmt.Println(string(b), err)
	_, err = money.Amount{}.MarshalJSON()
	fmt.Println(errors.Is(err, money.ErrInvalidCurrency))
	// Output:
	// "1234.50 USD" <nil>
	// true
}

func ExampleAmount_UnmarshalJSON() {
	var a money.Amount
	fmt.Println(a.UnmarshalJSON([]byte(`"99.90 EUR"`)), a)
	for _, bad := range []string{`99.9`, `null`, `"9.99e1 EUR"`} {
		fmt.Println(a.UnmarshalJSON([]byte(bad)) != nil)
	}
	// Output:
	// <nil> 99.90 EUR
	// true
	// true
	// true
}

func ExampleAmount_MarshalText() {
	b, _ := money.MustParse("7 JPY").MarshalText()
	var back money.Amount
	err := back.UnmarshalText(b)
	fmt.Println(string(b), back, err)
	// Output: 7 JPY 7 JPY <nil>
}

func ExampleRateFromFraction() {
	fmt.Println(money.RateFromFraction(money.MustDecimal("0.125")))
	// Output: 12.5%
}

func ExampleRateFromPercent() {
	r := money.RateFromPercent(money.MustDecimal("2.5"))
	fmt.Println(r.Fraction(), r.Percent(), r.BasisPoints())
	// Output: 0.025 2.5 250
}

func ExampleRate_Check() {
	r := money.MustRate("35%")
	fmt.Println(r.Within(money.MustRate("0"), money.MustRate("30%")))
	fmt.Println(r.Check("rebate", money.MustRate("0"), money.MustRate("30%")))
	// Output:
	// false
	// money: rebate = 35% outside [0%, 30%]
}

// Stacking two discounts: additive on list (10 % + 5 % = 15 %) or
// compounding (1 − 0.9 × 0.95 = 14.5 %).
func ExampleRate_Complement() {
	a, b := money.MustRate("10%"), money.MustRate("5%")
	fmt.Println(a.Add(b), a.Complement().Mul(b.Complement()).Complement(), a.Sub(b), a.Cmp(b))
	// Output: 15% 14.5% 5% 1
}

func ExampleRate_Of() {
	fmt.Println(money.MustRate("3.5%").Of(money.MustDecimal("412000")))
	// Output: 14420
}

func ExampleRate_MarshalJSON() {
	b, _ := money.MustRate("2.5%").MarshalJSON()
	var r money.Rate
	err := r.UnmarshalJSON([]byte(`"250bp"`))
	fmt.Println(string(b), r, err, r.UnmarshalJSON([]byte(`0.025`)) != nil)
	// Output: "0.025" 2.5% <nil> true
}

func ExampleRoundingMode_MarshalText() {
	b, err := money.HalfUp.MarshalText()
	fmt.Println(string(b), err, money.HalfUp.IsValid(), money.RoundingUnspecified.IsValid())
	// Output: half-up <nil> true false
}

func ExampleRangeError() {
	_, err := money.Round(money.MustDecimal("1"), 41, money.HalfEven)
	var re *money.RangeError
	fmt.Println(errors.As(err, &re), re.Quantity, errors.Is(err, money.ErrRange))
	fmt.Println(err)
	// Output:
	// true places true
	// money: places = 41 outside [0, 40]
}

func ExampleWeightError() {
	_, err := money.Allocate(money.MustParse("1.00 USD"), []money.Weight{
		{Key: "a", Value: money.MustDecimal("1")},
		{Key: "b", Value: money.MustDecimal("-1")},
	})
	var we *money.WeightError
	fmt.Println(errors.As(err, &we), we.Index, we.Key, errors.Is(err, money.ErrNegativeWeight))
	// Output: true 1 b true
}

func ExampleParseError() {
	_, err := money.ParseRate("2,5%")
	var pe *money.ParseError
	fmt.Println(errors.As(err, &pe), pe.Func, pe.Input, errors.Is(err, money.ErrSyntax))
	// Output: true ParseRate 2,5% true
}

func ExampleCurrencyMismatchError() {
	_, err := money.Sum(money.MustCurrency("USD"), money.MustParse("1 USD"), money.MustParse("1 EUR"))
	var ce *money.CurrencyMismatchError
	fmt.Println(errors.As(err, &ce), ce.A, ce.B)
	// Output: true USD EUR
}

// Outside the operating range Round reports an error instead of building a
// billion-digit number.
func ExampleMaxExponent() {
	_, err := money.Round(decimal.New(1, -(1<<30)), 2, money.HalfEven)
	fmt.Println(errors.Is(err, money.ErrRange))
	fmt.Println(err)
	// Output:
	// true
	// money: exponent of d = -1073741824 outside [-1000, 1000]
}
