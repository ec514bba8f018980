package incentive

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// These tests pin the documented contracts of the num helpers (num.go):
// numOf keeps a value's own scale in the int64 form when the scale is in
// [0, 18] and the value fits; at gives a value as an integer at another
// scale when that is exact; neg is exact even for math.MinInt64; mul
// drops trailing zeros of a product only down to maxScale and keeps a
// product that fits in the int64 form; round returns a result at scale
// places. Every expected value is worked out beside its case.

// num6Want is the exact form a num helper must return: the int64 v at
// scale s (not spilled), or, when big is set, a spilled decimal equal to
// dec with dec's exponent.
type num6Want struct {
	v   int64
	s   int32
	big bool
	dec string
}

// num6Check reports how got differs from want.
func num6Check(t *testing.T, name string, got num, want num6Want) {
	t.Helper()
	if want.big {
		d := sd(want.dec)
		if !got.big() || !got.dec().Equal(d) || got.dec().Exponent() != d.Exponent() {
			t.Errorf("%s = %s (big %v, exponent %d), want spilled %s (exponent %d)",
				name, got.dec(), got.big(), got.dec().Exponent(), d, d.Exponent())
		}
		return
	}
	if got.big() || got.v != want.v || got.s != want.s {
		t.Errorf("%s = {v %d, s %d, big %v (%s)}, want int64 form {v %d, s %d}",
			name, got.v, got.s, got.big(), got.dec(), want.v, want.s)
	}
}

// numOf converts a decimal at its own scale, kept in the int64 form for
// every scale from 0 to 18 inclusive: 1.5 is 15 at scale 1 (not spilled,
// not scale 0, where it is not an integer); 1E+2 has no places, so it is
// 100 at scale 0 (a positive exponent does not become a scale); 10^−18 is
// 1 at scale 18, the largest scale the int64 form takes; 2.50 keeps its
// trailing zero, 250 at scale 2. Only 10^−19 (scale 19) spills.
func TestNum6OfScaleAndForm(t *testing.T) {
	tests := []struct {
		in   decimal.Decimal
		want num6Want
	}{
		{sd("1.5"), num6Want{v: 15, s: 1}},
		{decimal.New(1, 2), num6Want{v: 100, s: 0}},
		{sd("0.000000000000000001"), num6Want{v: 1, s: 18}},
		{sd("2.50"), num6Want{v: 250, s: 2}},
		{sd("0.0000000000000000001"), num6Want{big: true, dec: "0.0000000000000000001"}},
	}
	for _, tc := range tests {
		num6Check(t, "numOf("+tc.in.String()+")", numOf(tc.in), tc.want)
	}
}

// at gives a non-spilled num as an integer at scale s when that is exact:
// up a scale by multiplying (1.5 at scale 2 = 150), down a scale by an
// exact division (1.50 at scale 1 = 15), at its own scale unchanged, and
// not at all when a digit would be lost (1.51 at scale 1) — zero at any
// scale is 0.
func TestNum6AtExactScale(t *testing.T) {
	tests := []struct {
		a      num
		s      int32
		want   int64
		wantOK bool
	}{
		{small(15, 1), 2, 150, true},  // 1.5 × 10 = 150 hundredths
		{small(150, 2), 1, 15, true},  // 150 / 10 = 15 tenths, remainder 0
		{small(15, 1), 1, 15, true},   // same scale
		{small(-250, 2), 0, 0, false}, // −250 / 100 leaves −50: −2.50 is not an integer
		{small(151, 2), 1, 0, false},  // 151 / 10 leaves 1: 1.51 has two places
		{small(0, 3), 1, 0, true},     // 0.000 at scale 1 is 0
	}
	for _, tc := range tests {
		got, ok := tc.a.at(tc.s)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("(%s).at(%d) = %d, %v; want %d, %v", tc.a.dec(), tc.s, got, ok, tc.want, tc.wantOK)
		}
	}
}

// neg is exact for math.MinInt64, whose negation 2^63 = 9223372036854775808
// does not fit an int64 (it spills), and negates an ordinary value in the
// int64 form: −(−0.5) = 0.5.
func TestNum6NegExact(t *testing.T) {
	num6Check(t, "neg(MinInt64)", small(math.MinInt64, 0).neg(),
		num6Want{big: true, dec: "9223372036854775808"})
	if got := small(math.MinInt64, 0).neg().sign(); got != 1 {
		t.Errorf("sign(neg(MinInt64)) = %d, want 1", got)
	}
	num6Check(t, "neg(-0.5)", small(-5, 1).neg(), num6Want{v: 5, s: 1})
}

// mul multiplies exactly at scale a.s + b.s and, when that exceeds 18,
// drops trailing zeros only until the scale is 18, spilling if digits
// remain below 10^−18:
//   - 10^−9 × 10^−9: 10^9 · 10^9 = 10^18 at scale 36; dropping 18 zeros
//     gives 1 at scale 18 (10^−18), which fits the int64 form;
//   - 0.000000000000000010 × 1.0: 10 · 10 = 100 at scale 19; one zero
//     dropped gives 10 at scale 18 (the second zero stays);
//   - 0.000000000000000003 × 0.3: 3 · 3 = 9 at scale 19, no trailing zero:
//     spilled as 9·10^−19;
//   - 1.5 × 0.3 = 0.45: 45 at scale 2.
func TestNum6MulScale(t *testing.T) {
	tests := []struct {
		name string
		a, b num
		want num6Want
	}{
		{"1e-9 × 1e-9", small(1e9, 18), small(1e9, 18), num6Want{v: 1, s: 18}},
		{"1.0e-17 × 1.0", small(10, 18), small(10, 1), num6Want{v: 10, s: 18}},
		{"3e-18 × 0.3", small(3, 18), small(3, 1), num6Want{big: true, dec: "0.0000000000000000009"}},
		{"1.5 × 0.3", small(15, 1), small(3, 1), num6Want{v: 45, s: 2}},
	}
	for _, tc := range tests {
		num6Check(t, tc.name, tc.a.mul(tc.b), tc.want)
	}
}

// round returns its result at scale places: 1.5 to two places is 1.50
// (150 at scale 2, padded, not left at one place); 12.345 half-even to
// two places is 12.34 (the dropped 5 is a tie, 4 is even); 12.355 is
// 12.36 (tie, 5 is odd so it moves to 6).
func TestNum6RoundToPlaces(t *testing.T) {
	tests := []struct {
		a    num
		want num6Want
	}{
		{small(15, 1), num6Want{v: 150, s: 2}},
		{small(12345, 3), num6Want{v: 1234, s: 2}},
		{small(12355, 3), num6Want{v: 1236, s: 2}},
	}
	for _, tc := range tests {
		got, err := tc.a.round(2, money.HalfEven)
		if err != nil {
			t.Fatalf("(%s).round(2, half-even): %v", tc.a.dec(), err)
		}
		num6Check(t, "round("+tc.a.dec().String()+", 2)", got, tc.want)
	}
}

// round with a mode that names no rounding (the zero value,
// RoundingUnspecified) cannot round 12.345 to two places: it reports
// money.ErrRoundingMode rather than a value, never a silent 0.
func TestNum6RoundRejectsUnspecifiedMode(t *testing.T) {
	got, err := small(12345, 3).round(2, money.RoundingUnspecified)
	if !errors.Is(err, money.ErrRoundingMode) {
		t.Errorf("(12.345).round(2, unspecified) = %s, %v; want error %v", got.dec(), err, money.ErrRoundingMode)
	}
}
