package decimalglobal

import "github.com/shopspring/decimal"

func Configure() {
	decimal.DivisionPrecision = 4 // want `houserules: reference to shopspring global decimal.DivisionPrecision`
}

func Read() int {
	return decimal.ExpMaxIterations // want `houserules: reference to shopspring global decimal.ExpMaxIterations`
}

func Z() decimal.Decimal {
	return decimal.Zero // want `houserules: reference to shopspring global decimal.Zero in library code \(use decimal.Decimal\{\} for zero\)`
}

func Good() decimal.Decimal {
	var zero decimal.Decimal
	return zero.Add(decimal.New(1, 0))
}
