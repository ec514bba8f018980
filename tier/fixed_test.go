package tier_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// checkFixed compares the compiled payout and evaluation of x with the
// decimal ones when x fits the fixed scale and the fast path does not
// overflow.
func checkFixed(t tb, s tier.Schedule, fs tier.FixedSchedule, x decimal.Decimal) {
	t.Helper()
	xi, ok := fixed.FromDecimal(x, fs.Scale())
	if !ok {
		return
	}
	p, ok := fs.Payout(xi)
	if !ok {
		if _, ok := fs.Evaluate(xi); ok {
			t.Fatalf("%s: Payout(%s) overflowed, Evaluate did not", s.Mode(), x)
		}
		return
	}
	if got, want := fixed.ToDecimal(p, fs.PayoutScale()), s.Payout(x); !got.Equal(want) {
		t.Fatalf("%s: fixed Payout(%s) = %s, decimal %s", s.Mode(), x, got, want)
	}
	r, ok := fs.Evaluate(xi)
	if !ok {
		t.Fatalf("%s: Evaluate(%s) overflowed, Payout did not", s.Mode(), x)
	}
	checkFixedResult(t, s.Evaluate(x), r, fs)
}

// checkFixedResult compares a FixedResult with the decimal Result of the
// same volume: payout, tier, tier count and rate, and the scales.
func checkFixedResult(t tb, want tier.Result, got tier.FixedResult, fs tier.FixedSchedule) {
	t.Helper()
	if got.PayoutScale != fs.PayoutScale() || got.RatePlaces != fs.RatePlaces() {
		t.Fatalf("scales %d/%d, schedule %d/%d", got.PayoutScale, got.RatePlaces, fs.PayoutScale(), fs.RatePlaces())
	}
	if !got.PayoutDecimal().Equal(want.Payout) {
		t.Fatalf("Evaluate(%s).Payout = %s, decimal %s", want.Volume, got.PayoutDecimal(), want.Payout)
	}
	if got.Tier != want.Tier || got.Tiers != want.Tiers {
		t.Fatalf("Evaluate(%s) tier %d of %d, decimal %d of %d", want.Volume, got.Tier, got.Tiers, want.Tier, want.Tiers)
	}
	if !got.RateValue().Equal(want.Rate) {
		t.Fatalf("Evaluate(%s).Rate = %s, decimal %s", want.Volume, got.RateValue().FormatPercent(), want.Rate.FormatPercent())
	}
}

// The compiled schedule pays exactly what the decimal one pays, and
// reports the same tier, tier count and rate, for every mode, convention
// and volume (the hand-pinned points included).
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
			// ok = false is the documented answer when the exact payout
			// does not fit int64 at the payout scale (rapid found a linear
			// schedule with 10 rate places whose payout on 779,659.52
			// exceeds 2^63 units of its payout scale).
			if _, fits := fixed.FromDecimal(s.Payout(x), fs.PayoutScale()); fits {
				t.Fatalf("overflow at %s, but the payout %s fits at scale %d", x, s.Payout(x), fs.PayoutScale())
			}
			return
		}
		if got, want := fixed.ToDecimal(p, fs.PayoutScale()), s.Payout(x); !got.Equal(want) {
			t.Fatalf("%s %s: fixed Payout(%s) = %s, decimal %s", sp.Mode, sp.Boundary, x, got, want)
		}
		r, ok := fs.Evaluate(xi)
		if !ok {
			t.Fatalf("Evaluate overflow at %s", x)
		}
		if r.Payout != p {
			t.Fatalf("Evaluate(%s).Payout %d != Payout %d", x, r.Payout, p)
		}
		checkFixedResult(t, s.Evaluate(x), r, fs)
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

// FixedSchedule.Evaluate on hand-computed points: payout at PayoutScale,
// tier, rate numerator at RatePlaces.
func TestFixedEvaluate(t *testing.T) {
	lin := tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: 6, Rounding: money.HalfEven,
		Tiers: []tier.Tier{{From: d("100000"), Rate: rate("1%")}, {From: d("200000"), Rate: rate("3%")}}}
	tests := []struct {
		name string
		spec tier.Spec
		x    int64 // cents
		want tier.FixedResult
	}{
		// 0.03 · 100,000.00 = 3,000.0000: the bound belongs to tier 2 (lower-inclusive).
		{"all-units at the bound, lower", tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()},
			10000000, tier.FixedResult{Payout: 30000000, Rate: 3, Tier: 2, Tiers: 3, PayoutScale: 4, RatePlaces: 2}},
		// 0.02 · 100,000.00 = 2,000.0000: the bound belongs to tier 1 (upper-inclusive).
		{"all-units at the bound, upper", tier.Spec{Mode: tier.AllUnits, Boundary: tier.UpperInclusive, Tiers: rateTiers()},
			10000000, tier.FixedResult{Payout: 20000000, Rate: 2, Tier: 1, Tiers: 3, PayoutScale: 4, RatePlaces: 2}},
		// A return below 0 reverses at the first tier's rate: 0.02 · −50.00 = −1.0000, tier 0.
		{"all-units negative", tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()},
			-5000, tier.FixedResult{Payout: -10000, Rate: 2, Tier: 0, Tiers: 3, PayoutScale: 4, RatePlaces: 2}},
		// 0.02·100,000 + 0.03·150,000 + 0.05·50,000 = 2,000 + 4,500 + 2,500 = 9,000.0000 at 300,000.00.
		{"incremental", tier.Spec{Mode: tier.Incremental, Boundary: tier.LowerInclusive, Tiers: rateTiers()},
			30000000, tier.FixedResult{Payout: 90000000, Rate: 5, Tier: 3, Tiers: 3, PayoutScale: 4, RatePlaces: 2}},
		// At or below θ = 100,000 nothing is paid; the tier's rate is still reported.
		{"retro below the threshold", tier.Spec{Mode: tier.RetroFromThreshold, Boundary: tier.LowerInclusive, Tiers: rateTiers(), Threshold: d("100000")},
			9999999, tier.FixedResult{Payout: 0, Rate: 2, Tier: 1, Tiers: 3, PayoutScale: 4, RatePlaces: 2}},
		// 0.05 · (300,000 − 100,000) = 10,000.0000.
		{"retro above the threshold", tier.Spec{Mode: tier.RetroFromThreshold, Boundary: tier.LowerInclusive, Tiers: rateTiers(), Threshold: d("100000")},
			30000000, tier.FixedResult{Payout: 100000000, Rate: 5, Tier: 3, Tiers: 3, PayoutScale: 4, RatePlaces: 2}},
		// Below the first tier RetroFromThreshold reports no rate.
		{"retro negative", tier.Spec{Mode: tier.RetroFromThreshold, Boundary: tier.LowerInclusive, Tiers: rateTiers(), Threshold: d("100000")},
			-1, tier.FixedResult{Payout: 0, Rate: 0, Tier: 0, Tiers: 3, PayoutScale: 4, RatePlaces: 2}},
		// Flat 2,000 from 250,000 (amounts have 0 places, so PayoutScale 0; no rate).
		{"flat per tier", tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: flatTiers()},
			25000000, tier.FixedResult{Payout: 2000, Rate: 0, Tier: 3, Tiers: 3, PayoutScale: 0, RatePlaces: 0}},
		// rate = 0.01 + 0.02·33,333/100,000 = 0.0166666 → 0.016667 (6 places, half-even);
		// 0.016667 · 133,333.00 = 2,222.26111100 (scale 2 + 6).
		{"linear", lin, 13333300, tier.FixedResult{Payout: 222226111100, Rate: 16667, Tier: 1, Tiers: 2, PayoutScale: 8, RatePlaces: 6}},
		// Below the first knot the rate is clamped to 1 %: 0.01 · 50.00 = 0.50000000, tier 0.
		{"linear below the first knot", lin, 5000, tier.FixedResult{Payout: 50000000, Rate: 10000, Tier: 0, Tiers: 2, PayoutScale: 8, RatePlaces: 6}},
		// 50 per full 10,000 above 100,000: 125,000 is 2 full steps = 100.
		{"increment", tier.Spec{Mode: tier.Increment, Boundary: tier.LowerInclusive, Threshold: d("100000"), Step: d("10000"),
			Tiers: []tier.Tier{{From: d("0"), Amount: d("50")}}},
			12500000, tier.FixedResult{Payout: 100, Rate: 0, Tier: 1, Tiers: 1, PayoutScale: 0, RatePlaces: 0}},
		// 25 per started block of 100 (upper-inclusive): 200.01 starts a third block = 75.
		{"package", tier.Spec{Mode: tier.Package, Boundary: tier.UpperInclusive, Step: d("100"),
			Tiers: []tier.Tier{{From: d("0"), Amount: d("25")}}},
			20001, tier.FixedResult{Payout: 75, Rate: 0, Tier: 1, Tiers: 1, PayoutScale: 0, RatePlaces: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tier.MustNew(tt.spec)
			fs, ok := s.Fixed(2)
			require.True(t, ok)
			got, ok := fs.Evaluate(tt.x)
			require.True(t, ok)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("Evaluate(%d) (-want +got):\n%s", tt.x, diff)
			}
			p, ok := fs.Payout(tt.x)
			require.True(t, ok)
			require.Equal(t, tt.want.Payout, p)
		})
	}

	// Overflow and the zero schedule report ok = false with a zero result.
	fs, _ := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()}).Fixed(2)
	r, ok := fs.Evaluate(math.MaxInt64)
	require.False(t, ok)
	require.Equal(t, tier.FixedResult{}, r)
	r, ok = tier.FixedSchedule{}.Evaluate(1)
	require.False(t, ok)
	require.Equal(t, tier.FixedResult{}, r)
	require.Equal(t, int32(0), tier.FixedSchedule{}.RatePlaces())
}

// Evaluate and Payout do not allocate, in any mode.
func TestFixedEvaluateAllocs(t *testing.T) {
	specs := []tier.Spec{
		{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()},
		{Mode: tier.Incremental, Boundary: tier.UpperInclusive, Tiers: rateTiers()},
		{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: 6, Rounding: money.HalfEven,
			Tiers: []tier.Tier{{From: d("100000"), Rate: rate("1%")}, {From: d("200000"), Rate: rate("3%")}}},
		{Mode: tier.Package, Boundary: tier.LowerInclusive, Step: d("100"), Tiers: []tier.Tier{{From: d("0"), Amount: d("25")}}},
	}
	for _, sp := range specs {
		fs, ok := tier.MustNew(sp).Fixed(2)
		require.True(t, ok)
		var sink int64
		allocs := testing.AllocsPerRun(100, func() {
			r, _ := fs.Evaluate(13333300)
			p, _ := fs.Payout(13333300)
			sink += r.Payout + p
		})
		require.Zero(t, allocs, "%s", sp.Mode)
		_ = sink
	}
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
