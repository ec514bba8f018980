package decimalapi

import "github.com/shopspring/decimal"

func Bad(a, b decimal.Decimal) {
	_ = a.Div(b)                         // want `houserules: \(decimal.Decimal\).Div in library code`
	_ = a.DivRound(b, 2)                 // want `houserules: \(decimal.Decimal\).DivRound in library code`
	_ = a.Inv()                          // want `houserules: \(decimal.Decimal\).Inv in library code`
	_ = decimal.NewFromFloat             // want `houserules: decimal.NewFromFloat in library code`
	_ = decimal.NewFromFloatWithExponent // want `houserules: decimal.NewFromFloatWithExponent in library code`
	div := decimal.Decimal.Div           // want `houserules: \(decimal.Decimal\).Div in library code`
	_ = div
}

func BadFloat(a decimal.Decimal) {
	_, _ = a.Float64() // want `houserules: \(decimal.Decimal\).Float64 in library code` `houserules: float64 in library code`
}

func Good(a, b decimal.Decimal) decimal.Decimal {
	q, _ := a.QuoRem(b, 4)
	return q.Add(decimal.New(5, -1)).Round(2).Add(decimal.RequireFromString("1.00"))
}
