package capacity

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// SharePlaces is the number of decimal places of the package's default
// figure for a ratio (Ratio.Decimal, Ratio.String): shares, coverage
// ratios, Gini, HHI, returns per currency unit. Ratios are reported exact
// (Ratio); a caller who needs other places rounds the exact value once
// with Ratio.Round instead.
const SharePlaces = 12

// ShareRounding is the rounding mode of the default figure for a ratio.
const ShareRounding = money.HalfEven

func one() decimal.Decimal { return decimal.New(1, 0) }

// stepErr reports a computation step whose intermediate figure left the
// operating range (a product of in-range inputs can): ErrRange at path.
func stepErr(path string, err error) error {
	if err == nil {
		return nil
	}
	return inputErr(path, "", ErrRange)
}

// ratio returns the exact ratio a/b. b must be positive; an operand
// outside the operating range (a product of in-range inputs can leave it)
// is ErrRange at path.
func ratio(path string, a, b decimal.Decimal) (Ratio, error) {
	if !money.InRange(a) || !money.InRange(b) {
		return Ratio{}, inputErr(path, "", ErrRange)
	}
	return exact(a, b), nil
}

// bigRatio returns the exact ratio x/y of integers (exponent 0, so inside
// the operating range) with y > 0.
func bigRatio(x, y *big.Int) Ratio {
	return exact(decimal.NewFromBigInt(x, 0), decimal.NewFromBigInt(y, 0))
}

// ceilDiv returns ⌈a/b⌉ as an integer decimal, or ErrRange at path. b
// must be positive.
func ceilDiv(path string, a, b decimal.Decimal) (decimal.Decimal, error) {
	q, err := money.Div(a, b, 0, money.Ceiling)
	return q, stepErr(path, err)
}

// roundInt returns d rounded to an integer with mode (Floor or Ceiling),
// or ErrRange at path.
func roundInt(path string, d decimal.Decimal, mode money.RoundingMode) (decimal.Decimal, error) {
	q, err := money.Round(d, 0, mode)
	return q, stepErr(path, err)
}

// toCount converts an integer decimal to int64, or reports ErrRange on
// path. The bound is on the value, not the coefficient: 5·10^20 has one
// digit of coefficient and does not fit.
func toCount(path string, d decimal.Decimal) (int64, error) {
	if !d.IsInteger() || !money.InRange(d) || d.Abs().Cmp(decimal.New(math.MaxInt64, 0)) > 0 {
		return 0, inputErr(path, money.FormatDecimal(d, 0), ErrRange)
	}
	return d.IntPart(), nil
}

// checkDecimal reports ErrRange for a decimal outside the operating range.
// It returns false when it did.
func checkDecimal(l *errList, path string, d decimal.Decimal) bool {
	if money.InRange(d) {
		return true
	}
	l.add(inputErr(path, money.FormatDecimal(d, 0), ErrRange))
	return false
}

func checkPositive(l *errList, path string, d decimal.Decimal) {
	if checkDecimal(l, path, d) && d.Sign() <= 0 {
		l.add(inputErr(path, d.String(), ErrNonPositive))
	}
}

func checkNonNegative(l *errList, path string, d decimal.Decimal) {
	if checkDecimal(l, path, d) && d.Sign() < 0 {
		l.add(inputErr(path, d.String(), ErrNegative))
	}
}

// checkShare requires r in (0, 1].
func checkShare(l *errList, path string, r money.Rate) {
	if checkDecimal(l, path, r.Fraction()) && (r.Sign() <= 0 || r.Fraction().Cmp(one()) > 0) {
		l.add(inputErr(path, r.FormatFraction(), ErrShareRange))
	}
}

// checkFraction requires r in [0, 1) (Top shares) when open is true, or
// in [0, 1] (ramp steps) otherwise.
func checkFraction(l *errList, path string, r money.Rate, open bool) {
	if !checkDecimal(l, path, r.Fraction()) {
		return
	}
	c := r.Fraction().Cmp(one())
	if r.Sign() < 0 || c > 0 || (open && c == 0) {
		l.add(inputErr(path, r.FormatFraction(), ErrShareRange))
	}
}

// checkAmount requires a valid amount, in cur when cur is valid, with the
// given minimum sign (1: positive, 0: non-negative, -1: any), inside the
// operating range.
func checkAmount(l *errList, path string, a money.Amount, cur money.Currency, minSign int) {
	if !a.IsValid() {
		l.add(inputErr(path, "", ErrInvalid))
		return
	}
	if cur.IsValid() && a.Currency() != cur {
		l.add(inputErr(path, a.String(), &money.CurrencyMismatchError{Op: "capacity", A: cur, B: a.Currency()}))
		return
	}
	if !checkDecimal(l, path, a.Decimal()) {
		return
	}
	switch {
	case minSign > 0 && a.Sign() <= 0:
		l.add(inputErr(path, a.String(), ErrNonPositive))
	case minSign == 0 && a.Sign() < 0:
		l.add(inputErr(path, a.String(), ErrNegative))
	}
}
