package money_test

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// Hostile exponents: without the operating-range checks each of these
// either panicked inside shopspring (QuoRem, Shift, Mul overflow the int32
// exponent) or ran for minutes building 10^(2^30). Each must now return
// ErrRange promptly.
func TestOutOfRangeIsAnError(t *testing.T) {
	usd := money.MustCurrency("USD")
	huge := decimal.New(1, 1<<30)
	tiny := decimal.New(1, -(1 << 30))
	edge := decimal.New(1, math.MinInt32)
	one := decimal.New(1, 0)
	w1 := money.Weight{Key: "b", Value: one}
	tests := []struct {
		name string
		call func() error
	}{
		{"Round huge", func() error { _, err := money.Round(huge, 2, money.HalfEven); return err }},
		{"Round tiny", func() error { _, err := money.Round(tiny, 2, money.HalfEven); return err }},
		{"Round int32 edge", func() error { _, err := money.Round(edge, 0, money.Floor); return err }},
		{"Div huge numerator", func() error { _, err := money.Div(huge, decimal.New(3, 0), 2, money.HalfEven); return err }},
		{"Div tiny numerator", func() error { _, err := money.Div(tiny, decimal.New(3, 0), 2, money.HalfEven); return err }},
		{"Div tiny divisor", func() error { _, err := money.Div(one, tiny, 2, money.HalfEven); return err }},
		{"Div exponent overflow", func() error { _, err := money.Div(huge, tiny, 2, money.HalfEven); return err }},
		{"Div int32 edge", func() error { _, err := money.Div(edge, one, 2, money.HalfEven); return err }},
		{"Allocate huge total", func() error { _, err := money.Allocate(money.New(huge, usd), []money.Weight{w1}); return err }},
		{"Allocate tiny weight", func() error {
			_, err := money.Allocate(money.FromMinor(100, usd), []money.Weight{{Key: "a", Value: tiny}, w1})
			return err
		}},
		{"AllocateUnits edge weight", func() error {
			_, err := money.AllocateUnits(big.NewInt(7), []money.Weight{{Key: "a", Value: edge}, w1})
			return err
		}},
		{"MinorUnits huge", func() error { _, err := money.New(huge, usd).MinorUnits(); return err }},
		{"MinorUnits tiny", func() error { _, err := money.New(tiny, usd).MinorUnits(); return err }},
		{"Add", func() error { _, err := money.New(huge, usd).Add(money.FromMinor(1, usd)); return err }},
		{"Sub", func() error { _, err := money.FromMinor(1, usd).Sub(money.New(tiny, usd)); return err }},
		{"Sum", func() error { _, err := money.Sum(usd, money.FromMinor(1, usd), money.New(huge, usd)); return err }},
		{"Convert amount", func() error { _, err := money.New(tiny, usd).Convert(usd, one, money.HalfEven); return err }},
		{"Convert rate", func() error { _, err := money.FromMinor(1, usd).Convert(usd, huge, money.HalfEven); return err }},
		{"RoundTo", func() error { _, err := money.New(tiny, usd).RoundTo(2, money.HalfEven); return err }},
		{"Amount.MarshalText", func() error { _, err := money.New(huge, usd).MarshalText(); return err }},
		{"Rate.MarshalText", func() error { _, err := money.RateFromFraction(tiny).MarshalText(); return err }},
		{"Rate.MarshalJSON", func() error { _, err := money.RateFromFraction(huge).MarshalJSON(); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.ErrorIs(t, err, money.ErrRange)
			var re *money.RangeError
			if !errors.As(err, &re) {
				t.Fatalf("untyped error %v", err)
			}
			require.Contains(t, re.Quantity, "exponent of ")
		})
	}
	_, err := money.AllocateUnits(nil, []money.Weight{w1})
	require.ErrorIs(t, err, money.ErrNilTotal)
	_, err = money.Allocate(money.FromMinor(1, usd), []money.Weight{{Key: "a", Value: tiny}})
	var we *money.WeightError
	require.True(t, errors.As(err, &we))
	require.Equal(t, "a", we.Key)
	require.Equal(t, `money: weight 0 (key "a"): exponent of weight = -1073741824 outside [-1000, 1000]`, err.Error())
}

// The methods that cannot return an error never panic at the int32
// exponent limits, and keep the value outside the range (so the next
// checked step reports it); comparisons stay exact.
func TestOutOfRangeNeverPanics(t *testing.T) {
	usd := money.MustCurrency("USD")
	lo, hi := decimal.New(1, math.MinInt32), decimal.New(1, math.MaxInt32)
	require.NotPanics(t, func() {
		for _, r := range []money.Rate{money.RateFromPercent(lo), money.RateFromBasisPoints(lo), money.RateFromFraction(hi)} {
			_ = r.Percent()
			_ = r.BasisPoints()
			_ = r.String()
			_ = r.FormatBasisPoints()
			_ = r.Add(money.MustRate("1%"))
			_ = r.Sub(money.MustRate("1%"))
			_ = r.Complement()
			_ = r.Mul(r)
			_ = r.Of(hi)
			_, err := money.Round(r.Fraction(), 2, money.HalfEven)
			require.ErrorIs(t, err, money.ErrRange)
			_, err = money.Round(r.Mul(r).Fraction(), 2, money.HalfEven)
			require.ErrorIs(t, err, money.ErrRange)
		}
		a := money.New(hi, usd).Mul(hi)
		_, err := a.Round(money.HalfEven)
		require.ErrorIs(t, err, money.ErrRange)
		_ = money.New(lo, usd).MulRate(money.RateFromFraction(lo)).String()
	})
	// Exact comparison far outside the range: 10^(2^30) vs 1, and 10·10^5
	// vs 1·10^6 (equal with different exponents).
	huge := money.New(decimal.New(1, 1<<30), usd)
	c, err := huge.Cmp(money.FromMinor(1, usd))
	require.NoError(t, err)
	require.Equal(t, 1, c)
	require.False(t, huge.Equal(money.FromMinor(1, usd)))
	require.True(t, money.New(decimal.New(10, 5), usd).Equal(money.New(decimal.New(1, 6), usd)))
	require.True(t, money.RateFromFraction(decimal.New(-1, -(1<<30))).Cmp(money.Rate{}) < 0)
	require.True(t, money.RateFromFraction(decimal.New(1, -(1<<30))).Within(money.Rate{}, money.MustRate("1")))
	// Display only: a compact form no parser accepts.
	require.Equal(t, "1e1073741824 USD", huge.String())
	_, err = money.Parse(huge.String())
	require.ErrorIs(t, err, money.ErrSyntax)
	require.Equal(t, "1", money.FormatDecimal(decimal.New(1, 0), -5))
	require.Equal(t, "1."+strings.Repeat("0", money.MaxPlaces), money.FormatDecimal(decimal.New(1, 0), 1<<30))
}

// MarshalText never writes what UnmarshalText cannot read: 10^80 USD
// (81 digits + ".00") is in range but too long.
func TestMarshalTextReadsBack(t *testing.T) {
	usd := money.MustCurrency("USD")
	_, err := money.New(decimal.New(1, 80), usd).MarshalText()
	require.ErrorIs(t, err, money.ErrRange)
	_, err = money.New(decimal.New(1, 80), usd).MarshalJSON()
	require.ErrorIs(t, err, money.ErrRange)
	// 10^70 as a rate: the fraction form has 71 digits, the basis-point
	// form 75 digits + "bp" = 77 bytes: both fit; for 10^77 the basis-point
	// form is 82 digits + "bp" and does not.
	_, err = money.RateFromFraction(decimal.New(1, 70)).MarshalText()
	require.NoError(t, err)
	_, err = money.RateFromFraction(decimal.New(1, 77)).MarshalText()
	require.ErrorIs(t, err, money.ErrRange)
}

// cmpDec (behind Equal, Cmp, Within) agrees with shopspring's Cmp, an
// independent reference, wherever that one is cheap to run.
func TestCompareProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := func(label string) decimal.Decimal {
			return decimal.New(rapid.Int64Range(-1e6, 1e6).Draw(t, label), rapid.Int32Range(-30, 30).Draw(t, label+"_exp"))
		}
		a, b := gen("a"), gen("b")
		ra, rb := money.RateFromFraction(a), money.RateFromFraction(b)
		if got, want := ra.Cmp(rb), a.Cmp(b); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", a, b, got, want)
		}
		if ra.Equal(rb) != a.Equal(b) {
			t.Fatalf("Equal(%s, %s) = %v", a, b, ra.Equal(rb))
		}
	})
}

// Zero-value error structs print without panicking.
func TestZeroValueErrors(t *testing.T) {
	require.Equal(t, `money:  "": invalid`, (&money.ParseError{}).Error())
	require.Equal(t, `money: weight 0 (key ""): invalid`, (&money.WeightError{}).Error())
	require.Equal(t, `money:  =  outside [-inf, +inf]`, (&money.RangeError{}).Error())
	require.Equal(t, `money: : currency mismatch  vs `, (&money.CurrencyMismatchError{}).Error())
	require.Equal(t, "0 (no currency)", money.Amount{}.String())
	require.Equal(t, "0%", money.Rate{}.String())
	require.Equal(t, "Currency(invalid)", money.Currency{}.String())
	require.Equal(t, "RoundingMode(200)", money.RoundingMode(200).String())
	_, err := money.Round(decimal.New(1, 0), 0, money.RoundingMode(200))
	require.ErrorIs(t, err, money.ErrRoundingMode)
	_, err = money.Div(decimal.New(1, 0), decimal.New(1, 0), 0, money.RoundingMode(8))
	require.ErrorIs(t, err, money.ErrRoundingMode)
	_, err = money.RoundingMode(200).MarshalText()
	require.ErrorIs(t, err, money.ErrRoundingMode)
	_, err = money.Zero(money.Currency{}).Round(money.HalfEven)
	require.ErrorIs(t, err, money.ErrInvalidCurrency)
	_, err = money.Sum(money.Currency{})
	require.ErrorIs(t, err, money.ErrInvalidCurrency)
	_, err = money.ParseIn("1", money.Currency{})
	require.ErrorIs(t, err, money.ErrInvalidCurrency)
	_, err = money.Currency{}.MarshalText()
	require.ErrorIs(t, err, money.ErrInvalidCurrency)
	_, err = money.Amount{}.MinorUnits()
	require.ErrorIs(t, err, money.ErrInvalidCurrency)
	_, err = money.FromMinor(1, money.MustCurrency("USD")).Convert(money.Currency{}, decimal.New(1, 0), money.HalfEven)
	require.ErrorIs(t, err, money.ErrInvalidCurrency)
	_, err = money.FromMinor(1, money.MustCurrency("USD")).Add(money.Amount{})
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
}

// money has no document form, so none of its errors carries a field
// path: a package that wraps one adds its own JSON Pointer, and a host
// walking the error tree for FieldPath methods finds only that one.
func TestErrorsHaveNoFieldPath(t *testing.T) {
	usd := money.MustCurrency("USD")
	errs := map[string]error{}
	_, errs["parse"] = money.Parse("1e3 USD")
	_, errs["rate"] = money.ParseRateIn("discount", "120%", money.MustRate("0"), money.MustRate("1"))
	_, errs["places"] = money.Round(decimal.New(1, 0), -1, money.HalfEven)
	_, errs["mode"] = money.ParseRoundingMode("bankers")
	_, errs["weight"] = money.Allocate(money.FromMinor(1, usd), []money.Weight{{Key: "a", Value: decimal.New(-1, 0)}})
	_, errs["split"] = money.Split(money.FromMinor(1, usd), 0)
	_, errs["mismatch"] = money.FromMinor(1, usd).Add(money.FromMinor(1, money.MustCurrency("EUR")))
	_, errs["range"] = money.Round(decimal.New(1, 1<<30), 2, money.HalfEven)
	for name, err := range errs {
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		var fp interface{ FieldPath() string }
		if errors.As(err, &fp) {
			t.Errorf("%s: %v has FieldPath %q", name, err, fp.FieldPath())
		}
	}
}
