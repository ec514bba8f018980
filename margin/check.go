package margin

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

func one() decimal.Decimal { return decimal.New(1, 0) }

// sign constraints for checkAmount and checkRate.
const (
	anySign = iota
	nonNegative
	positive
)

// checkAmount checks an amount: valid, inside the operating range, in cur
// when cur is valid, a whole number of minor units when whole, and of the
// required sign.
func checkAmount(path string, a money.Amount, cur money.Currency, sign int, whole bool) error {
	switch {
	case !a.IsValid():
		return inputErr(path, "", wrap(ErrMissing, "an amount with its currency"))
	case !money.InRange(a.Decimal()):
		return inputErr(path, "", fmt.Errorf("%w: %w", ErrRange, money.CheckRange(path, a.Decimal())))
	case cur.IsValid() && a.Currency() != cur:
		return inputErr(path, a.String(), fmt.Errorf("%w: %w", ErrCurrency,
			&money.CurrencyMismatchError{Op: "margin", A: cur, B: a.Currency()}))
	case sign == nonNegative && a.Sign() < 0:
		return inputErr(path, a.String(), wrap(ErrInvalid, "must not be negative"))
	case sign == positive && a.Sign() <= 0:
		return inputErr(path, a.String(), wrap(ErrInvalid, "must be positive"))
	}
	if whole {
		if r, err := a.Round(money.HalfEven); err != nil || !r.Equal(a) {
			return inputErr(path, a.String(), wrap(ErrInvalid, "not a whole number of minor units"))
		}
	}
	return nil
}

// checkRate checks a rate: inside the operating range and within [lo, hi]
// where bounded (a nil bound is open; below1 requires r < 1).
func checkRate(path string, r money.Rate, lo *money.Rate, below1 bool) error {
	if !money.InRange(r.Fraction()) {
		return inputErr(path, "", fmt.Errorf("%w: %w", ErrRange, money.CheckRange(path, r.Fraction())))
	}
	if lo != nil && r.Cmp(*lo) < 0 {
		return inputErr(path, r.FormatPercent(), wrap(ErrInvalid, "must be at least %s", lo.FormatPercent()))
	}
	if below1 && r.Cmp(money.RateFromFraction(one())) >= 0 {
		return inputErr(path, r.FormatPercent(), wrap(ErrInvalid, "must be below 100%%"))
	}
	return nil
}

// zeroRate returns the rate 0, a lower bound for checkRate.
func zeroRate() *money.Rate { r := money.Rate{}; return &r }

// checkRatio checks a ratio given by a caller: both terms in range.
func checkRatio(path string, r capacity.Ratio) error {
	if !money.InRange(r.Num()) || !money.InRange(r.Den()) {
		return inputErr(path, "", wrap(ErrRange, "ratio outside the operating range"))
	}
	return nil
}

// ratio returns the exact ratio num/den (den > 0 by the caller's
// checks), or ErrRange at path for terms outside the operating range.
func ratio(path string, num, den decimal.Decimal) (capacity.Ratio, error) {
	r, err := capacity.NewRatio(num, den)
	if err != nil {
		return capacity.Ratio{}, inputErr(path, "", fmt.Errorf("%w: %w", ErrRange, err))
	}
	return r, nil
}

// roundAmount rounds d once to cur's minor unit with mode, or reports
// ErrRange at path.
func roundAmount(path string, d decimal.Decimal, cur money.Currency, mode money.RoundingMode) (money.Amount, error) {
	r, err := money.Round(d, cur.Digits(), mode)
	if err != nil {
		return money.Amount{}, inputErr(path, "", fmt.Errorf("%w: %w", ErrRange, err))
	}
	return money.New(r, cur), nil
}

// divAmount returns a/b rounded once to cur's minor unit with mode.
func divAmount(path string, a, b decimal.Decimal, cur money.Currency, mode money.RoundingMode) (money.Amount, error) {
	q, err := money.Div(a, b, cur.Digits(), mode)
	if err != nil {
		return money.Amount{}, inputErr(path, "", fmt.Errorf("%w: %w", ErrRange, err))
	}
	return money.New(q, cur), nil
}

// checkMode checks a rounding mode given to a function.
func checkMode(path string, mode money.RoundingMode) error {
	if mode == money.RoundingUnspecified {
		return inputErr(path, "", wrap(ErrMissing, "state the rounding mode"))
	}
	if !mode.IsValid() {
		return inputErr(path, mode.String(), wrap(ErrInvalid, "not a rounding mode"))
	}
	return nil
}

// checkAtMost1 checks a rate that is at most 100 %: in range, at least 0
// unless negative is allowed (a margin may be negative), and ≤ 1.
func checkAtMost1(path string, r money.Rate, negative bool) error {
	lo := zeroRate()
	if negative {
		lo = nil
	}
	if err := checkRate(path, r, lo, false); err != nil {
		return err
	}
	if r.Cmp(money.RateFromFraction(one())) > 0 {
		return inputErr(path, r.FormatPercent(), wrap(ErrInvalid, "at most 100%%"))
	}
	return nil
}
