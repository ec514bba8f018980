package tier_test

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkFixed compares the compiled payout of x with the decimal one when x
// fits the fixed scale and the fast path does not overflow.
func checkFixed(t tb, s tier.Schedule, fs tier.FixedSchedule, x decimal.Decimal) {
	t.Helper()
	xi, ok := fixed.FromDecimal(x, fs.Scale())
	if !ok {
		return
	}
	p, ok := fs.Payout(xi)
	if !ok {
		return
	}
	if got, want := fixed.ToDecimal(p, fs.PayoutScale()), s.Payout(x); !got.Equal(want) {
		t.Fatalf("%s: fixed Payout(%s) = %s, decimal %s", s.Mode(), x, got, want)
	}
}

// The compiled schedule pays exactly what the decimal one pays, for every
// mode, convention and volume (the hand-pinned points included).
func TestPropFixedMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := genSpec(t)
		s := tier.MustNew(sp)
		fs, ok := s.Fixed(2)
		if !ok {
			t.Fatalf("generated spec (2-place bounds, 4-place rates) did not compile: %+v", sp)
		}
		x := genVolume(t, sp, "x")
		xi, _ := fixed.FromDecimal(x, 2)
		p, ok := fs.Payout(xi)
		if !ok {
			t.Fatalf("overflow at %s", x)
		}
		if got, want := fixed.ToDecimal(p, fs.PayoutScale()), s.Payout(x); !got.Equal(want) {
			t.Fatalf("%s %s: fixed Payout(%s) = %s, decimal %s", sp.Mode, sp.Boundary, x, got, want)
		}
	})
}

func TestFixed(t *testing.T) {
	s := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()})
	fs, ok := s.Fixed(2)
	require.True(t, ok)
	require.True(t, fs.IsValid())
	require.Equal(t, int32(2), fs.Scale())
	require.Equal(t, int32(4), fs.PayoutScale()) // 2-place volumes × 2-place rates (0.02, 0.03, 0.05)
	// 100,000.00 → 0.03·100,000 = 3,000.0000
	p, ok := fs.Payout(10000000)
	require.True(t, ok)
	require.Equal(t, int64(30000000), p)
	// overflow goes back to the decimal path
	_, ok = fs.Payout(math.MaxInt64)
	require.False(t, ok)

	// A bound finer than the scale does not compile.
	fine := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{{From: d("0")}, {From: d("10.005"), Rate: rate("1%")}}})
	_, ok = fine.Fixed(2)
	require.False(t, ok)
	_, ok = fine.Fixed(3)
	require.True(t, ok)
	// Too many places overall.
	_, ok = s.Fixed(17)
	require.False(t, ok)
	_, ok = s.Fixed(-1)
	require.False(t, ok)
	_, ok = tier.Schedule{}.Fixed(2)
	require.False(t, ok)
	var zero tier.FixedSchedule
	require.False(t, zero.IsValid())
	_, ok = zero.Payout(1)
	require.False(t, ok)
	// A cumulative incremental payout beyond int64 does not compile.
	huge := tier.MustNew(tier.Spec{Mode: tier.Incremental, Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{{From: d("0"), Rate: rate("0.123456789")}, {From: d("999999999999999"), Rate: rate("1")}}})
	_, ok = huge.Fixed(2)
	require.False(t, ok)
	// Linear knots too far apart for the interpolation numerator overflow at
	// evaluation: ok = false, not a wrong number.
	lin := tier.MustNew(tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: 9, Rounding: money.HalfEven,
		Tiers: []tier.Tier{{From: d("0"), Rate: rate("0.123456789")}, {From: d("99999999999"), Rate: rate("0.987654321")}}})
	lf, ok := lin.Fixed(2)
	require.True(t, ok)
	_, ok = lf.Payout(5000000000000)
	require.False(t, ok)
}

// The hand-pinned boundary points hold on the fast path too.
func TestFixedBoundaryPoints(t *testing.T) {
	specs := []tier.Spec{
		{Mode: tier.AllUnits, Tiers: rateTiers()},
		{Mode: tier.Incremental, Tiers: rateTiers()},
		{Mode: tier.RetroFromThreshold, Tiers: rateTiers(), Threshold: d("100000")},
		{Mode: tier.FlatPerTier, Tiers: flatTiers()},
		{Mode: tier.Increment, Threshold: d("100000"), Step: d("10000"), Tiers: []tier.Tier{{From: d("0"), Amount: d("50")}}},
		{Mode: tier.Package, Step: d("100"), Tiers: []tier.Tier{{From: d("0"), Amount: d("25")}}},
		{Mode: tier.Linear, RatePlaces: 6, Rounding: money.HalfEven,
			Tiers: []tier.Tier{{From: d("100000"), Rate: rate("1%")}, {From: d("200000"), Rate: rate("3%")}}},
	}
	xs := []string{"-1000", "-0.01", "0", "0.01", "99.99", "100", "100.01", "99999.99", "100000", "100000.01",
		"133333", "199999.99", "200000", "200000.01", "249999.99", "250000", "250000.01", "1000000"}
	for _, sp := range specs {
		for _, b := range []tier.Boundary{tier.LowerInclusive, tier.UpperInclusive} {
			sp.Boundary = b
			s := tier.MustNew(sp)
			fs, ok := s.Fixed(2)
			require.True(t, ok, "%s", sp.Mode)
			for _, x := range xs {
				checkFixed(t, s, fs, d(x))
			}
		}
	}
}
