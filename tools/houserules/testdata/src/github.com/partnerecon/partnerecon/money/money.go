// Package money is a minimal stand-in for partnerecon's money package:
// Amount and Rate hold decimals.
package money

import "github.com/shopspring/decimal"

type Amount struct {
	value decimal.Decimal
	cur   [3]byte
}

func (a Amount) Equal(b Amount) bool { return a.cur == b.cur && a.value.Equal(b.value) }

type Rate struct{ f decimal.Decimal }

func (r Rate) Equal(o Rate) bool { return r.f.Equal(o.f) }

type Currency struct{ code [3]byte }

func (a Amount) IsZero() bool { return a.value.IsZero() }

func (r Rate) IsZero() bool { return r.f.IsZero() }
