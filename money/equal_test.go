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
	equaltest.Check(t, money.MustParse("1.00 USD"), []equaltest.Field[money.Amount]{
		{Name: "value", Change: func(a money.Amount) money.Amount {
			return money.New(a.Decimal().Add(decimal.New(1, -2)), a.Currency()) // 1.01 USD
		}},
		{Name: "value", Change: func(a money.Amount) money.Amount { return a.Neg() }}, // -1.00 USD
		// 1.00 USD = 1.000 USD = 1 USD: a change of representation only.
		{Name: "value", KeepsEqual: true, Change: func(a money.Amount) money.Amount {
			return money.New(decimal.New(1000, -3), a.Currency())
		}},
		{Name: "value", KeepsEqual: true, Change: func(a money.Amount) money.Amount {
			return money.New(decimal.New(1, 0), a.Currency())
		}},
		{Name: "cur", Change: func(a money.Amount) money.Amount {
			return money.New(a.Decimal(), money.MustCurrency("EUR"))
		}},
		// The zero Amount has no currency.
		{Name: "cur", Change: func(a money.Amount) money.Amount { return money.New(a.Decimal(), money.Currency{}) }},
	})
	equaltest.Check(t, money.MustRate("2.5%"), []equaltest.Field[money.Rate]{
		{Name: "f", Change: func(r money.Rate) money.Rate { return r.Add(money.MustRate("1bp")) }},
		{Name: "f", Change: func(money.Rate) money.Rate { return money.Rate{} }},
		// 2.5% = 250bp = 0.0250: the same fraction.
		{Name: "f", KeepsEqual: true, Change: func(money.Rate) money.Rate { return money.MustRate("250bp") }},
		{Name: "f", KeepsEqual: true, Change: func(money.Rate) money.Rate { return money.MustRate("0.0250") }},
	})
}
