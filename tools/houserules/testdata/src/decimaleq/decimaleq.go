// Package decimaleq holds the cases of rule decimaleq: no == or != on
// values whose type holds a decimal.
package decimaleq

import (
	"github.com/partnerecon/partnerecon/money"
	"github.com/shopspring/decimal"
)

type Line struct {
	ID     string
	Amount money.Amount
}

type Nested struct{ Line Line }

type Embedded struct {
	money.Rate
	Note string
}

type Pair [2]decimal.Decimal

type Alias = Line

type Plain struct {
	N    int
	Cur  money.Currency
	Ref  *decimal.Decimal    // a pointer: compared by identity
	Many []decimal.Decimal   // not comparable with ==
	Map  map[string]Line     // idem
	Any  interface{ M() }    // dynamic: not checked
	Fn   func() money.Amount // idem
}

func Decimals(a, b decimal.Decimal) bool {
	if a == b { // want `houserules: == on decimal.Decimal, which holds decimal.Decimal`
		return true
	}
	return a != decimal.New(1, 0) // want `houserules: != on decimal.Decimal`
}

func Amounts(a, b money.Amount) bool {
	return a == b // want `houserules: == on money.Amount, which holds money.Amount`
}

func Rates(a, b money.Rate) bool {
	return a != b // want `houserules: != on money.Rate`
}

func Structs(x, y Line, n, m Nested, e, f Embedded, p, q Pair, al Alias) bool {
	return x == y || // want `houserules: == on Line, which holds money.Amount`
		n == m || // want `houserules: == on Nested, which holds money.Amount`
		e == f || // want `houserules: == on Embedded, which holds money.Rate`
		p == q || // want `houserules: == on Pair, which holds decimal.Decimal`
		al == x || // want `houserules: == on Alias, which holds money.Amount`
		[1]money.Amount{} == [1]money.Amount{} || // want `houserules: == on \[1\]money.Amount`
		struct{ D decimal.Decimal }{} == struct{ D decimal.Decimal }{} // want `houserules: == on struct{D decimal.Decimal}`
}

func Switch(d decimal.Decimal) int {
	switch d { // want `houserules: switch on decimal.Decimal`
	case decimal.New(1, 0):
		return 1
	}
	return 0
}

// Allowed: Equal, pointers, nil, types without decimals, switches
// without a tag, interfaces and type parameters.
func Allowed(a, b money.Amount, p, q *decimal.Decimal, x, y Plain, c money.Currency, i, j any) bool {
	switch {
	case a.Equal(b):
		return true
	case p == nil || p == q:
		return true
	case x.N == y.N && x.Cur == y.Cur && x.Ref == y.Ref:
		return true
	case c == money.Currency{}:
		return true
	case i == j:
		return true
	}
	return Same(1, 2)
}

func Same[T comparable](a, b T) bool { return a == b }
