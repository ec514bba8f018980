package capacity

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// SharePlaces is the number of decimal places of every ratio the package
// reports: shares, coverage ratios, Gini, HHI, returns per currency unit.
// Each is computed exactly and rounded once, with money.Div, half-even.
const SharePlaces = 12

// ShareRounding is the rounding mode of every reported ratio.
const ShareRounding = money.HalfEven

func one() decimal.Decimal { return decimal.New(1, 0) }

// ratio returns a/b at SharePlaces, half-even. b must be non-zero.
func ratio(a, b decimal.Decimal) decimal.Decimal {
	q, err := money.Div(a, b, SharePlaces, ShareRounding)
	if err != nil {
		return decimal.Decimal{} // unreachable: callers guarantee b ≠ 0
	}
	return q
}

// ceilDiv returns ⌈a/b⌉ as an integer decimal. b must be positive.
func ceilDiv(a, b decimal.Decimal) decimal.Decimal {
	q, err := money.Div(a, b, 0, money.Ceiling)
	if err != nil {
		return decimal.Decimal{} // unreachable: callers guarantee b > 0
	}
	return q
}

// floorInt returns ⌊d⌋.
func floorInt(d decimal.Decimal) decimal.Decimal {
	q, err := money.Round(d, 0, money.Floor)
	if err != nil {
		return decimal.Decimal{} // unreachable: 0 places and Floor are valid
	}
	return q
}

// ceilInt returns ⌈d⌉.
func ceilInt(d decimal.Decimal) decimal.Decimal {
	q, err := money.Round(d, 0, money.Ceiling)
	if err != nil {
		return decimal.Decimal{} // unreachable
	}
	return q
}

// toCount converts an integer decimal to int64, or reports ErrRange on field.
func toCount(field string, d decimal.Decimal) (int64, error) {
	if !d.IsInteger() || d.NumDigits() > 18 {
		return 0, inputErr(field, d.String(), ErrRange)
	}
	return d.IntPart(), nil
}

func checkPositive(l *errList, field string, d decimal.Decimal) {
	if d.Sign() <= 0 {
		l.add(inputErr(field, d.String(), ErrNonPositive))
	}
}

func checkNonNegative(l *errList, field string, d decimal.Decimal) {
	if d.Sign() < 0 {
		l.add(inputErr(field, d.String(), ErrNegative))
	}
}

// checkShare requires r in (0, 1].
func checkShare(l *errList, field string, r money.Rate) {
	if r.Sign() <= 0 || r.Fraction().Cmp(one()) > 0 {
		l.add(inputErr(field, r.FormatFraction(), ErrShareRange))
	}
}

// checkAmount requires a valid amount, in cur when cur is valid, with the
// given minimum sign (1: positive, 0: non-negative, -1: any).
func checkAmount(l *errList, field string, a money.Amount, cur money.Currency, minSign int) {
	if !a.IsValid() {
		l.add(inputErr(field, "", ErrInvalid))
		return
	}
	if cur.IsValid() && a.Currency() != cur {
		l.add(inputErr(field, a.String(), &money.CurrencyMismatchError{Op: "capacity", A: cur, B: a.Currency()}))
		return
	}
	switch {
	case minSign > 0 && a.Sign() <= 0:
		l.add(inputErr(field, a.String(), ErrNonPositive))
	case minSign == 0 && a.Sign() < 0:
		l.add(inputErr(field, a.String(), ErrNegative))
	}
}

func indexed(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }
