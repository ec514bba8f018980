package money_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Rounding an inline amount that drops exactly 19 digits (10^19 still
// fits a uint64, so roundCompact compares twice the remainder with 10^19
// for k ≤ 19): 0.5000000000000000000 (coefficient 5·10^18, 19 places) is
// a tie, 0.6000000000000000000 is above half, 0.4999999999999999999 below,
// and 0.9223372036854775807 (coefficient math.MaxInt64) above. Rounded to
// 0 places by hand.
func TestRoundDroppingNineteenDigits(t *testing.T) {
	tests := []struct {
		in   string
		mode money.RoundingMode
		want string
	}{
		{"0.5000000000000000000", money.HalfUp, "1"},     // tie, away from zero
		{"-0.5000000000000000000", money.HalfUp, "-1"},   // tie, away from zero
		{"0.5000000000000000000", money.HalfEven, "0"},   // tie, 0 is even
		{"0.5000000000000000000", money.HalfDown, "0"},   // tie, toward zero
		{"0.6000000000000000000", money.HalfEven, "1"},   // 0.6 > 0.5
		{"0.6000000000000000000", money.HalfDown, "1"},   // 0.6 > 0.5
		{"-0.6000000000000000000", money.HalfEven, "-1"}, // |−0.6| > 0.5
		{"0.4999999999999999999", money.HalfUp, "0"},     // below half
		{"0.9223372036854775807", money.HalfDown, "1"},   // 0.92… > 0.5
	}
	for _, tc := range tests {
		a := money.MustParse(tc.in + " USD")
		got, err := a.RoundTo(0, tc.mode)
		if want := money.MustParse(tc.want + " USD"); err != nil || !got.Equal(want) {
			t.Errorf("RoundTo(%s, 0, %s) = %v, %v; want %v", tc.in, tc.mode, got, err, want)
		}
	}
}

// Round, Div and Amount.RoundTo accept places up to and including
// MaxPlaces (40) and refuse 41 (checkRounding: `places > MaxPlaces`).
// 1/3 to 40 places half-up is "0." + forty 3s; 2/3 is thirty-nine 6s and
// a 7.
func TestRoundingPlacesAtMaxPlaces(t *testing.T) {
	one, two, three := decimal.NewFromInt(1), decimal.NewFromInt(2), decimal.NewFromInt(3)
	third := "0." + strings.Repeat("3", 40)
	twoThirds := "0." + strings.Repeat("6", 39) + "7"
	if q, err := money.Div(one, three, money.MaxPlaces, money.HalfUp); err != nil || q.String() != third {
		t.Errorf("Div(1, 3, 40) = %s, %v; want %s", q, err, third)
	}
	if q, err := money.Div(two, three, money.MaxPlaces, money.HalfUp); err != nil || q.String() != twoThirds {
		t.Errorf("Div(2, 3, 40) = %s, %v; want %s", q, err, twoThirds)
	}
	// 1/3 to 41 places rounded to 40: the 41st 3 is dropped.
	x := money.MustDecimal("0." + strings.Repeat("3", 41))
	if r, err := money.Round(x, money.MaxPlaces, money.HalfEven); err != nil || r.String() != third {
		t.Errorf("Round(0.(41 3s), 40) = %s, %v; want %s", r, err, third)
	}
	usd := money.MustCurrency("USD")
	if r, err := money.New(x, usd).RoundTo(money.MaxPlaces, money.HalfEven); err != nil || r.Decimal().String() != third {
		t.Errorf("RoundTo(0.(41 3s) USD, 40) = %v, %v; want %s", r, err, third)
	}
	for name, f := range map[string]func() error{
		"Round":   func() error { _, err := money.Round(x, money.MaxPlaces+1, money.HalfEven); return err },
		"Div":     func() error { _, err := money.Div(one, three, money.MaxPlaces+1, money.HalfUp); return err },
		"RoundTo": func() error { _, err := money.New(x, usd).RoundTo(money.MaxPlaces+1, money.HalfEven); return err },
	} {
		if err := f(); !errors.Is(err, money.ErrRange) {
			t.Errorf("%s to 41 places: %v; want ErrRange", name, err)
		}
	}
}

// Values far outside the operating range at opposite exponents are
// ordered by their leading power of ten alone, without scaling one to
// the other's exponent (cmpDec scales only when the exponents are at
// most 18 apart): 10^(2^28) > 10^-(2^28) > 0, whose exponents sum to 0
// but differ by 2^29. Scaling would build a number of about 5·10^8
// digits.
func TestCompareOppositeExtremeExponents(t *testing.T) {
	usd := money.MustCurrency("USD")
	hi, lo := decimal.New(1, 1<<28), decimal.New(1, -(1<<28))
	if c, err := money.New(hi, usd).Cmp(money.New(lo, usd)); err != nil || c != 1 {
		t.Errorf("Cmp(10^(2^28), 10^-(2^28)) = %d, %v; want 1", c, err)
	}
	if c := money.RateFromFraction(lo).Cmp(money.RateFromFraction(hi)); c != -1 {
		t.Errorf("Rate.Cmp(10^-(2^28), 10^(2^28)) = %d; want -1", c)
	}
	if money.RateFromFraction(decimal.New(-1, 1<<28)).Equal(money.RateFromFraction(decimal.New(-1, -(1 << 28)))) {
		t.Errorf("−10^(2^28) equals −10^-(2^28)")
	}
}
