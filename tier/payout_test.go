package tier_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

var d = money.MustDecimal

func rate(s string) money.Rate { return money.MustRate(s) }

// Three rate tiers used throughout: 2 % from 0, 3 % from 100,000,
// 5 % from 250,000.
func rateTiers() []tier.Tier {
	return []tier.Tier{
		{From: d("0"), Rate: rate("2%")},
		{From: d("100000"), Rate: rate("3%")},
		{From: d("250000"), Rate: rate("5%")},
	}
}

// Flat amounts: 0 below 100,000, 500 from 100,000, 2,000 from 250,000.
func flatTiers() []tier.Tier {
	return []tier.Tier{
		{From: d("0")},
		{From: d("100000"), Amount: d("500")},
		{From: d("250000"), Amount: d("2000")},
	}
}

type point struct {
	x    string
	want string // payout, worked by hand in the comment beside it
	tier int    // 1-based tier from Evaluate
}

func runPoints(t *testing.T, s tier.Schedule, pts []point) {
	t.Helper()
	for _, p := range pts {
		t.Run(p.x, func(t *testing.T) {
			x := d(p.x)
			got := s.Payout(x)
			if !got.Equal(d(p.want)) {
				t.Errorf("Payout(%s) = %s, want %s", p.x, got, p.want)
			}
			ev := s.Evaluate(x)
			if !ev.Payout.Equal(got) {
				t.Errorf("Evaluate(%s).Payout = %s, Payout = %s", p.x, ev.Payout, got)
			}
			if ev.Tier != p.tier {
				t.Errorf("Evaluate(%s).Tier = %d, want %d", p.x, ev.Tier, p.tier)
			}
		})
	}
}

func TestAllUnits(t *testing.T) {
	t.Run("lower-inclusive", func(t *testing.T) {
		s := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()})
		runPoints(t, s, []point{
			{"-1000", "-20", 0},           // below 0: first rate, 0.02·−1000
			{"-0.01", "-0.0002", 0},       // 0.02·−0.01
			{"0", "0", 1},                 // 0.02·0
			{"0.01", "0.0002", 1},         // 0.02·0.01
			{"99999.99", "1999.9998", 1},  // 0.02·99,999.99
			{"100000", "3000", 2},         // bound belongs to tier 2: 0.03·100,000
			{"100000.01", "3000.0003", 2}, // 0.03·100,000.01
			{"249999.99", "7499.9997", 2}, // 0.03·249,999.99
			{"250000", "12500", 3},        // 0.05·250,000
			{"250000.01", "12500.0005", 3},
			{"1000000", "50000", 3}, // 0.05·1,000,000
		})
	})
	t.Run("upper-inclusive", func(t *testing.T) {
		s := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.UpperInclusive, Tiers: rateTiers()})
		runPoints(t, s, []point{
			{"-0.01", "-0.0002", 0},
			{"0", "0", 1},
			{"99999.99", "1999.9998", 1},
			{"100000", "2000", 1},         // bound belongs to tier 1: 0.02·100,000
			{"100000.01", "3000.0003", 2}, // 0.03·100,000.01
			{"249999.99", "7499.9997", 2},
			{"250000", "7500", 2}, // 0.03·250,000
			{"250000.01", "12500.0005", 3},
		})
	})
}

// The retroactive cliff at bound b is (r_{j+1} − r_j)·b: 1,000 at 100,000
// ((3 % − 2 %)·100,000) and 5,000 at 250,000 ((5 % − 3 %)·250,000).
func TestAllUnitsCliff(t *testing.T) {
	for _, b := range []tier.Boundary{tier.LowerInclusive, tier.UpperInclusive} {
		s := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: b, Tiers: rateTiers()})
		for _, c := range []struct{ bound, cliff string }{{"100000", "1000"}, {"250000", "5000"}} {
			t.Run(b.String()+"/"+c.bound, func(t *testing.T) {
				ev := s.Evaluate(d(c.bound).Sub(d("0.01")))
				// Just below the bound, the watchlist shows the payout at the bound
				// in the next tier, and the cliff is the jump over the current
				// tier's payout at the bound.
				require.True(t, ev.HasNext)
				require.True(t, ev.Next.Equal(d(c.bound)), "next %s", ev.Next)
				cur := ev.Rate.Of(d(c.bound))
				cliff := ev.PayoutAtNext.Sub(cur)
				require.True(t, cliff.Equal(d(c.cliff)), "cliff %s, want %s", cliff, c.cliff)
			})
		}
	}
}

func TestIncremental(t *testing.T) {
	// Payout at bounds: R(100,000) = 0.02·100,000 = 2,000;
	// R(250,000) = 2,000 + 0.03·150,000 = 6,500. Both conventions pay the
	// same (the curve is continuous); only the reported tier differs.
	for _, c := range []struct {
		b          tier.Boundary
		tAt1, tAt2 int
	}{{tier.LowerInclusive, 2, 3}, {tier.UpperInclusive, 1, 2}} {
		t.Run(c.b.String(), func(t *testing.T) {
			s := tier.MustNew(tier.Spec{Mode: tier.Incremental, Boundary: c.b, Tiers: rateTiers()})
			runPoints(t, s, []point{
				{"-1000", "-20", 0},          // first rate below 0
				{"0", "0", 1},                //
				{"99999.99", "1999.9998", 1}, // 0.02·99,999.99
				{"100000", "2000", c.tAt1},
				{"100000.01", "2000.0003", 2}, // 2,000 + 0.03·0.01
				{"249999.99", "6499.9997", 2}, // 2,000 + 0.03·149,999.99
				{"250000", "6500", c.tAt2},
				{"250000.01", "6500.0005", 3}, // 6,500 + 0.05·0.01
				{"1000000", "44000", 3},       // 6,500 + 0.05·750,000
			})
		})
	}
}

func TestRetroFromThreshold(t *testing.T) {
	spec := func(b tier.Boundary) tier.Spec {
		return tier.Spec{Mode: tier.RetroFromThreshold, Boundary: b, Tiers: rateTiers(), Threshold: d("100000")}
	}
	t.Run("lower-inclusive", func(t *testing.T) {
		runPoints(t, tier.MustNew(spec(tier.LowerInclusive)), []point{
			{"-5", "0", 0},                // nothing below θ
			{"99999.99", "0", 1},          // x < θ
			{"100000", "0", 2},            // 0.03·0
			{"100000.01", "0.0003", 2},    // 0.03·0.01
			{"249999.99", "4499.9997", 2}, // 0.03·149,999.99
			{"250000", "7500", 3},         // 0.05·150,000
			{"250000.01", "7500.0005", 3}, // 0.05·150,000.01
		})
	})
	t.Run("upper-inclusive", func(t *testing.T) {
		runPoints(t, tier.MustNew(spec(tier.UpperInclusive)), []point{
			{"99999.99", "0", 1},
			{"100000", "0", 1},
			{"100000.01", "0.0003", 2},
			{"249999.99", "4499.9997", 2},
			{"250000", "4500", 2}, // 0.03·150,000: bound still in tier 2
			{"250000.01", "7500.0005", 3},
		})
	})
}

func TestFlatPerTier(t *testing.T) {
	t.Run("lower-inclusive", func(t *testing.T) {
		runPoints(t, tier.MustNew(tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: flatTiers()}), []point{
			{"-0.01", "0", 0},
			{"99999.99", "0", 1},
			{"100000", "500", 2},
			{"100000.01", "500", 2},
			{"249999.99", "500", 2},
			{"250000", "2000", 3},
			{"250000.01", "2000", 3},
		})
	})
	t.Run("upper-inclusive", func(t *testing.T) {
		runPoints(t, tier.MustNew(tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.UpperInclusive, Tiers: flatTiers()}), []point{
			{"99999.99", "0", 1},
			{"100000", "0", 1},
			{"100000.01", "500", 2},
			{"249999.99", "500", 2},
			{"250000", "500", 2},
			{"250000.01", "2000", 3},
		})
	})
}

// 50 per full step of 10,000 above 100,000. A step is full when x reaches
// its end, under either convention.
func TestIncrement(t *testing.T) {
	for _, b := range []tier.Boundary{tier.LowerInclusive, tier.UpperInclusive} {
		t.Run(b.String(), func(t *testing.T) {
			s := tier.MustNew(tier.Spec{Mode: tier.Increment, Boundary: b, Threshold: d("100000"), Step: d("10000"),
				Tiers: []tier.Tier{{From: d("0"), Amount: d("50")}}})
			runPoints(t, s, []point{
				{"-1", "0", 0},
				{"99999.99", "0", 1},
				{"100000", "0", 1},
				{"100000.01", "0", 1},
				{"109999.99", "0", 1},  // ⌊9,999.99/10,000⌋ = 0
				{"110000", "50", 1},    // 1 full step
				{"110000.01", "50", 1}, //
				{"150000", "250", 1},   // 5 steps · 50
				{"155555.55", "250", 1},
			})
		})
	}
}

// 25 per started block of 100.
func TestPackage(t *testing.T) {
	spec := func(b tier.Boundary) tier.Spec {
		return tier.Spec{Mode: tier.Package, Boundary: b, Step: d("100"), Tiers: []tier.Tier{{From: d("0"), Amount: d("25")}}}
	}
	t.Run("upper-inclusive", func(t *testing.T) {
		// blocks (0,100], (100,200]: ⌈x/100⌉
		runPoints(t, tier.MustNew(spec(tier.UpperInclusive)), []point{
			{"-0.01", "0", 0},
			{"0", "0", 1},
			{"0.01", "25", 1},
			{"99.99", "25", 1},
			{"100", "25", 1},
			{"100.01", "50", 1},
			{"200", "50", 1},
			{"200.01", "75", 1},
		})
	})
	t.Run("lower-inclusive", func(t *testing.T) {
		// blocks [0,100), [100,200): ⌊x/100⌋ + 1 for x > 0
		runPoints(t, tier.MustNew(spec(tier.LowerInclusive)), []point{
			{"0", "0", 1},
			{"0.01", "25", 1},
			{"99.99", "25", 1},
			{"100", "50", 1},
			{"100.01", "50", 1},
			{"199.99", "50", 1},
			{"200", "75", 1},
		})
	})
}

// Knots (100,000, 1 %) and (200,000, 3 %), rate rounded to 6 places of the
// fraction, half-even.
func TestLinear(t *testing.T) {
	for _, c := range []struct {
		b    tier.Boundary
		tAt2 int
	}{{tier.LowerInclusive, 2}, {tier.UpperInclusive, 1}} {
		t.Run(c.b.String(), func(t *testing.T) {
			s := tier.MustNew(tier.Spec{Mode: tier.Linear, Boundary: c.b, RatePlaces: 6, Rounding: money.HalfEven,
				Tiers: []tier.Tier{{From: d("100000"), Rate: rate("1%")}, {From: d("200000"), Rate: rate("3%")}}})
			runPoints(t, s, []point{
				{"-1000", "-10", 0},           // clamped to 1 %
				{"99999.99", "999.9999", 0},   // clamped: 0.01·99,999.99
				{"100000", "1000", 1},         // 0.01·100,000
				{"100000.01", "1000.0001", 1}, // rate 0.010000002 → 0.010000
				{"133333", "2222.261111", 1},  // rate 0.0166666 → 0.016667; ·133,333
				{"150000", "3000", 1},         // rate 0.02
				{"199999.99", "5999.9997", 1}, // rate 0.029999998 → 0.030000
				{"200000", "6000", c.tAt2},    // 0.03·200,000
				{"200000.01", "6000.0003", 2}, // clamped 0.03
				{"1000000", "30000", 2},       // clamped 0.03
			})
		})
	}
}

func TestLinearRoundingMode(t *testing.T) {
	// Rate at 133,333 is exactly 0.0166666: floor to 6 places gives
	// 0.016666, payout 133,333·0.016666 = 2,222.127778.
	s := tier.MustNew(tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: 6, Rounding: money.Floor,
		Tiers: []tier.Tier{{From: d("100000"), Rate: rate("1%")}, {From: d("200000"), Rate: rate("3%")}}})
	ev := s.Evaluate(d("133333"))
	require.True(t, ev.Rate.Equal(rate("0.016666")), "rate %s", ev.Rate.FormatFraction())
	require.True(t, ev.Payout.Equal(d("2222.127778")), "payout %s", ev.Payout)
}

func TestEvaluateWatchlist(t *testing.T) {
	lower := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()})
	upper := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.UpperInclusive, Tiers: rateTiers()})
	inc := tier.MustNew(tier.Spec{Mode: tier.Increment, Boundary: tier.LowerInclusive, Threshold: d("100000"), Step: d("10000"),
		Tiers: []tier.Tier{{From: d("0"), Amount: d("50")}}})
	pkg := tier.MustNew(tier.Spec{Mode: tier.Package, Boundary: tier.UpperInclusive, Step: d("100"), Tiers: []tier.Tier{{From: d("0"), Amount: d("25")}}})
	tests := []struct {
		name string
		s    tier.Schedule
		x    string
		want tier.Result
	}{
		{"all-units/80000", lower, "80000", tier.Result{
			// 0.02·80,000 = 1,600; 20,000 to go to 100,000 where 0.03·100,000 = 3,000
			Volume: d("80000"), Payout: d("1600"), Tier: 1, Tiers: 3, Rate: rate("2%"), Boundary: tier.LowerInclusive,
			HasNext: true, Next: d("100000"), ToNext: d("20000"), PayoutAtNext: d("3000"),
		}},
		{"all-units/upper/100000", upper, "100000", tier.Result{
			// still tier 1 at the bound; tier 2 applies above it: limit 0.03·100,000
			Volume: d("100000"), Payout: d("2000"), Tier: 1, Tiers: 3, Rate: rate("2%"), Boundary: tier.UpperInclusive,
			HasNext: true, Next: d("100000"), NextExclusive: true, ToNext: d("0"), PayoutAtNext: d("3000"),
		}},
		{"all-units/top", lower, "300000", tier.Result{
			Volume: d("300000"), Payout: d("15000"), Tier: 3, Tiers: 3, Rate: rate("5%"), Boundary: tier.LowerInclusive,
		}},
		{"all-units/negative", lower, "-100", tier.Result{
			// below the first tier: first rate; next tier is tier 1 at 0
			Volume: d("-100"), Payout: d("-2"), Tier: 0, Tiers: 3, Rate: rate("2%"), Boundary: tier.LowerInclusive,
			HasNext: true, Next: d("0"), ToNext: d("100"), PayoutAtNext: d("0"),
		}},
		{"increment/123456", inc, "123456", tier.Result{
			// 2 full steps (110,000 and 120,000) = 100; next step ends at 130,000
			Volume: d("123456"), Payout: d("100"), Tier: 1, Tiers: 1, Boundary: tier.LowerInclusive,
			HasNext: true, Next: d("130000"), ToNext: d("6544"), PayoutAtNext: d("150"),
		}},
		{"package/250", pkg, "250", tier.Result{
			// ⌈250/100⌉ = 3 blocks = 75; a 4th block starts above 300
			Volume: d("250"), Payout: d("75"), Tier: 1, Tiers: 1, Boundary: tier.UpperInclusive,
			HasNext: true, Next: d("300"), NextExclusive: true, ToNext: d("50"), PayoutAtNext: d("100"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.s.Evaluate(d(tt.x))); diff != "" {
				t.Errorf("Evaluate(%s) mismatch (-want +got):\n%s", tt.x, diff)
			}
		})
	}
}

// A deal arriving at prior attainment earns R(A+d) − R(A), not the rate of
// the tier reached times d.
func TestMarginal(t *testing.T) {
	s := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()})
	// Prior 90,000 (R = 1,800); deal 20,000 → 110,000 (R = 3,300): earns 1,500,
	// not 0.03·20,000 = 600.
	require.True(t, s.Marginal(d("90000"), d("20000")).Equal(d("1500")))
	// Return of 20,000 from 110,000 gives the 1,500 back.
	require.True(t, s.Marginal(d("110000"), d("-20000")).Equal(d("-1500")))
	inc := tier.MustNew(tier.Spec{Mode: tier.Incremental, Boundary: tier.LowerInclusive, Tiers: rateTiers()})
	// 0.02·10,000 + 0.03·10,000 = 500
	require.True(t, inc.Marginal(d("90000"), d("20000")).Equal(d("500")))
}

func TestZeroSchedule(t *testing.T) {
	var s tier.Schedule
	require.False(t, s.IsValid())
	require.True(t, s.Payout(d("100")).IsZero())
	require.Equal(t, 0, s.Evaluate(d("100")).Tier)
	_, err := s.MarshalJSON()
	require.Error(t, err)
}

func TestSpecIsCopied(t *testing.T) {
	tiers := rateTiers()
	s := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: tiers})
	tiers[1].Rate = rate("50%")
	require.True(t, s.Payout(d("100000")).Equal(d("3000")))
	sp := s.Spec()
	sp.Tiers[1].Rate = rate("50%")
	require.True(t, s.Payout(d("100000")).Equal(d("3000")))
	require.True(t, s.Equal(tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()})))
	require.False(t, s.Equal(tier.MustNew(sp)))
}

func TestEnums(t *testing.T) {
	for m := tier.AllUnits; m <= tier.Package; m++ {
		b, err := m.MarshalText()
		require.NoError(t, err)
		var back tier.Mode
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, m, back)
	}
	for _, b := range []tier.Boundary{tier.LowerInclusive, tier.UpperInclusive} {
		txt, err := b.MarshalText()
		require.NoError(t, err)
		var back tier.Boundary
		require.NoError(t, back.UnmarshalText(txt))
		require.Equal(t, b, back)
	}
	_, err := tier.ModeUnspecified.MarshalText()
	require.ErrorIs(t, err, tier.ErrMode)
	_, err = tier.Mode(99).MarshalText()
	require.ErrorIs(t, err, tier.ErrMode)
	require.Equal(t, "mode(99)", tier.Mode(99).String())
	require.Equal(t, "boundary(9)", tier.Boundary(9).String())
	_, err = tier.BoundaryUnspecified.MarshalText()
	require.ErrorIs(t, err, tier.ErrBoundary)
	for _, s := range []string{"", "unspecified", "All-Units", "retroactive", "graduated"} {
		_, err := tier.ParseMode(s)
		require.ErrorIs(t, err, tier.ErrMode, s)
	}
	_, err = tier.ParseBoundary("lower")
	require.ErrorIs(t, err, tier.ErrBoundary)
	var m tier.Mode
	require.Error(t, m.UnmarshalText([]byte("nope")))
	var bb tier.Boundary
	require.Error(t, bb.UnmarshalText([]byte("nope")))
}

func TestString(t *testing.T) {
	require.Equal(t, "retro-from-threshold", fmt.Sprint(tier.RetroFromThreshold))
	require.Equal(t, "upper-inclusive", fmt.Sprint(tier.UpperInclusive))
	_ = decimal.Decimal{}
}

func TestAccessors(t *testing.T) {
	s := tier.MustNew(tier.Spec{Mode: tier.Incremental, Boundary: tier.UpperInclusive, Tiers: rateTiers()})
	require.Equal(t, tier.Incremental, s.Mode())
	require.Equal(t, tier.UpperInclusive, s.Boundary())
	require.Equal(t, 3, s.Len())
	a, b := s.Evaluate(d("100")), s.Evaluate(d("100.00"))
	require.True(t, a.Equal(b))
	require.False(t, a.Equal(s.Evaluate(d("100.01"))))
	sp := s.Spec()
	sp.Threshold = d("1")
	require.False(t, sp.Equal(s.Spec()))
	require.True(t, tier.Tier{From: d("1.0")}.Equal(tier.Tier{From: d("1")}))
}

func TestUnmarshalJSONErrors(t *testing.T) {
	var s tier.Schedule
	require.ErrorIs(t, s.UnmarshalJSON([]byte(`{"mode":"all-units"`)), strictjson.ErrSyntax)
	err := s.UnmarshalJSON([]byte(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"5","rate":"1%"}]}`))
	require.ErrorIs(t, err, tier.ErrGap)
	require.False(t, s.IsValid(), "schedule changed on error")
	require.NoError(t, s.UnmarshalJSON([]byte(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}`)))
	require.True(t, s.Payout(d("100")).Equal(d("1")))
	_, err = tier.ParseSchedule([]byte(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"` + strings.Repeat("1", tier.MaxScheduleBytes) + `"}]}`))
	require.ErrorIs(t, err, strictjson.ErrTooLarge)
	require.ErrorIs(t, err, tier.ErrJSON)
}

// Long mode names are truncated in messages.
func TestParseModeLongInput(t *testing.T) {
	_, err := tier.ParseMode(strings.Repeat("x", 200))
	require.ErrorIs(t, err, tier.ErrMode)
	var ee *tier.EnumError
	require.ErrorAs(t, err, &ee)
	require.Equal(t, strings.Repeat("x", 64)+"…", ee.Input)
	require.Less(t, len(err.Error()), 240)
}

// The enum errors list the valid names and suggest the nearest one; they
// unwrap to ErrMode or ErrBoundary. Expected values written by hand from
// the constant name lists.
func TestEnumError(t *testing.T) {
	_, err := tier.ParseMode("All_Units")
	var ee *tier.EnumError
	require.ErrorAs(t, err, &ee)
	want := &tier.EnumError{Type: "mode", Input: "All_Units",
		Valid:      []string{"all-units", "incremental", "retro-from-threshold", "linear", "increment", "flat-per-tier", "package"},
		Suggestion: "all-units"}
	if diff := cmp.Diff(want, ee, cmpopts.IgnoreUnexported(tier.EnumError{})); diff != "" {
		t.Fatalf("(-want +got)\n%s", diff)
	}
	require.ErrorIs(t, err, tier.ErrMode)
	require.EqualError(t, err, `tier: unknown mode "All_Units" (valid: all-units, incremental, retro-from-threshold, linear, increment, flat-per-tier, package; did you mean "all-units"?)`)

	_, err = tier.ParseBoundary("upper_inclusive")
	require.ErrorIs(t, err, tier.ErrBoundary)
	require.NotErrorIs(t, err, tier.ErrMode)
	require.EqualError(t, err, `tier: unknown boundary "upper_inclusive" (valid: lower-inclusive, upper-inclusive; did you mean "upper-inclusive"?)`)

	_, err = tier.Mode(99).MarshalText()
	require.ErrorAs(t, err, &ee)
	require.Equal(t, "mode(99)", ee.Input)

	// An EnumError built by the caller unwraps to the sentinel its Type names.
	require.ErrorIs(t, &tier.EnumError{Type: "boundary"}, tier.ErrBoundary)
	require.ErrorIs(t, &tier.EnumError{Type: "mode"}, tier.ErrMode)
}
