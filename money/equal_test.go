package money_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/money"
)

// Changing any field of an Amount or a Rate makes Equal false; writing
// the same number with more or fewer digits does not (Equal is numeric).
func TestEqualFields(t *testing.T) {
	// An Amount is held inline (coefficient c, exponent e) when it fits an
	// int64 and as a decimal (d, wide) beyond: both forms compare by value.
	equaltest.Check(t, money.MustParse("1.00 USD"), []equaltest.Field[money.Amount]{
		{Name: "c", Change: func(a money.Amount) money.Amount {
			return money.New(a.Decimal().Add(decimal.New(1, -2)), a.Currency()) // 1.01 USD
		}},
		{Name: "c", Change: func(a money.Amount) money.Amount { return a.Neg() }}, // -1.00 USD
		// 1.00 USD = 1.000 USD = 1 USD: a change of representation only.
		{Name: "e", KeepsEqual: true, Change: func(a money.Amount) money.Amount {
			return money.New(decimal.New(1000, -3), a.Currency())
		}},
		{Name: "e", KeepsEqual: true, Change: func(a money.Amount) money.Amount {
			return money.New(decimal.New(1, 0), a.Currency())
		}},
		// Beyond int64: 10^20 USD is held as a decimal.
		{Name: "wide", Change: func(a money.Amount) money.Amount {
			return money.New(decimal.New(1, 20), a.Currency())
		}},
		{Name: "d", Change: func(a money.Amount) money.Amount {
			return money.New(decimal.RequireFromString("100000000000000000000.01"), a.Currency())
		}},
		{Name: "cur", Change: func(a money.Amount) money.Amount {
			return money.New(a.Decimal(), money.MustCurrency("EUR"))
		}},
		// The zero Amount has no currency.
		{Name: "cur", Change: func(a money.Amount) money.Amount { return money.New(a.Decimal(), money.Currency{}) }},
	})
	// Wide values differ by their decimal alone.
	equaltest.Check(t, money.MustParse("100000000000000000000.00 USD"), []equaltest.Field[money.Amount]{
		{Name: "d", Change: func(a money.Amount) money.Amount { return money.New(a.Decimal().Neg(), a.Currency()) }},
		{Name: "d", KeepsEqual: true, Change: func(a money.Amount) money.Amount {
			return money.New(decimal.New(1, 20), a.Currency())
		}},
		{Name: "c", Change: func(a money.Amount) money.Amount { return money.FromMinor(1, a.Currency()) }},
		{Name: "e", Change: func(a money.Amount) money.Amount { return money.New(decimal.New(1, 3), a.Currency()) }},
		{Name: "wide", Change: func(a money.Amount) money.Amount { return money.FromMinor(1, a.Currency()) }},
		{Name: "cur", Change: func(a money.Amount) money.Amount { return money.New(a.Decimal(), money.MustCurrency("EUR")) }},
	})
	// A Rate, like an Amount, is inline (c, e) when it fits an int64 and a
	// decimal (f, wide) beyond.
	equaltest.Check(t, money.MustRate("2.5%"), []equaltest.Field[money.Rate]{
		{Name: "c", Change: func(r money.Rate) money.Rate { return r.Add(money.MustRate("1bp")) }},
		{Name: "c", Change: func(money.Rate) money.Rate { return money.Rate{} }},
		// 2.5% = 250bp = 0.0250: the same fraction.
		{Name: "e", KeepsEqual: true, Change: func(money.Rate) money.Rate { return money.MustRate("250bp") }},
		{Name: "e", KeepsEqual: true, Change: func(money.Rate) money.Rate { return money.MustRate("0.0250") }},
		// Beyond int64: a 20-digit coefficient is held as a decimal.
		{Name: "wide", Change: func(money.Rate) money.Rate { return money.MustRate("0.10000000000000000001") }},
		{Name: "f", Change: func(money.Rate) money.Rate { return money.MustRate("0.10000000000000000002") }},
	})
	equaltest.Check(t, money.MustRate("0.10000000000000000001"), []equaltest.Field[money.Rate]{
		{Name: "f", Change: func(r money.Rate) money.Rate { return r.Add(money.MustRate("0.00000000000000000001")) }},
		{Name: "f", KeepsEqual: true, Change: func(money.Rate) money.Rate { return money.MustRate("0.100000000000000000010") }},
		{Name: "c", Change: func(money.Rate) money.Rate { return money.MustRate("0.1") }},
		{Name: "e", Change: func(money.Rate) money.Rate { return money.MustRate("1") }},
		{Name: "wide", Change: func(money.Rate) money.Rate { return money.Rate{} }},
	})
}
