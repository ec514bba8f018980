package capacity_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// quarterly is 0 / 25 / 75 / 100 % by quarter of tenure.
func quarterly() capacity.Ramp {
	return capacity.MustRamp(rate("0%"), rate("25%"), rate("75%"), rate("100%"))
}

func TestRamp(t *testing.T) {
	r := quarterly()
	for tenure, want := range map[int]string{-1: "0", 0: "0", 1: "0.25", 2: "0.75", 3: "1", 10: "1"} {
		require.True(t, r.Productivity(tenure).Equal(rate(want)), "tenure %d", tenure)
	}
	// 0 + .25 + .75 + 1 = 2; + 2 more full periods = 4; first two = .25.
	for periods, want := range map[int]string{-3: "0", 0: "0", 1: "0", 2: "0.25", 4: "2", 6: "4"} {
		require.True(t, r.Cumulative(periods).Equal(d(want)), "Cumulative(%d) = %s", periods, r.Cumulative(periods))
	}
	require.Len(t, r.Steps(), 4)
	require.True(t, r.Equal(quarterly()))
	require.False(t, r.Equal(capacity.Immediate()))
	require.True(t, capacity.Immediate().Productivity(0).Equal(rate("1")))
	require.True(t, capacity.Ramp{}.Productivity(0).IsZero())
	require.True(t, capacity.Ramp{}.Cumulative(3).IsZero())
}

func TestRampErrors(t *testing.T) {
	tests := []struct {
		name  string
		steps []money.Rate
		field string
		want  error
	}{
		{"none", nil, "", capacity.ErrEmpty},
		{"above one", []money.Rate{rate("0.5"), rate("1.2")}, "/1", capacity.ErrShareRange},
		{"negative", []money.Rate{rate("-0.1"), rate("1")}, "/0", capacity.ErrShareRange},
		{"never productive", []money.Rate{rate("0.5"), rate("0")}, "/1", capacity.ErrShareRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := capacity.NewRamp(tt.steps...)
			require.ErrorIs(t, err, tt.want)
			var ie *capacity.InputError
			require.True(t, errors.As(err, &ie))
			require.Equal(t, tt.field, ie.Path)
		})
	}
	require.Panics(t, func() { capacity.MustRamp() })
}

func TestEffectiveCapacity(t *testing.T) {
	cohorts := []capacity.Cohort{{Start: 2, Count: 20}, {Start: 0, Count: 10}}
	got, err := capacity.EffectiveCapacity(quarterly(), cohorts, -1, 5)
	require.NoError(t, err)
	// 10 from period 0 and 20 from period 2, ramped 0/.25/.75/1:
	want := []capacity.PeriodCapacity{
		{Period: -1, Started: 0, Effective: d("0")},
		{Period: 0, Started: 10, Effective: d("0")},   // 10 × 0
		{Period: 1, Started: 10, Effective: d("2.5")}, // 10 × .25
		{Period: 2, Started: 30, Effective: d("7.5")}, // 10 × .75 + 20 × 0
		{Period: 3, Started: 30, Effective: d("15")},  // 10 × 1 + 20 × .25
		{Period: 4, Started: 30, Effective: d("25")},  // 10 + 20 × .75
		{Period: 5, Started: 30, Effective: d("30")},  // 10 + 20
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("EffectiveCapacity (-want +got):\n%s", diff)
	}

	_, err = capacity.EffectiveCapacity(quarterly(), cohorts, 5, 4)
	require.ErrorIs(t, err, capacity.ErrRange)
	_, err = capacity.EffectiveCapacity(quarterly(), cohorts, 0, capacity.MaxPeriods)
	require.ErrorIs(t, err, capacity.ErrRange)
	_, err = capacity.EffectiveCapacity(quarterly(), []capacity.Cohort{{Count: -1}}, 0, 1)
	require.ErrorIs(t, err, capacity.ErrNegative)
	require.Contains(t, err.Error(), `capacity: /cohorts/0/count = "-1": must not be negative`)
	_, err = capacity.EffectiveCapacity(capacity.Ramp{}, nil, 0, 1)
	require.ErrorIs(t, err, capacity.ErrEmpty)
}

func TestPlanRecruiting(t *testing.T) {
	existing := []capacity.Cohort{{Start: 0, Count: 10}, {Start: 2, Count: 20}}
	got, err := capacity.PlanRecruiting(quarterly(), capacity.RecruitGoal{
		Target: d("50"), At: 8, Earliest: 4, ProductiveShare: rate("20%"), Existing: existing,
	})
	require.NoError(t, err)
	// At period 8 both cohorts are fully ramped: 30; gap 20. Recruits =
	// ⌈20 / (0.2 × productivity)⌉: start 4 or 5 → 100; start 6 (0.75) →
	// 20 / 0.15 = 133.3 → 134; start 7 (0.25) → 20 / 0.05 = 400; start 8
	// (tenure 0, productivity 0) is not an option.
	want := capacity.RecruitPlan{
		Existing: d("30"), Gap: d("20"),
		Options: []capacity.RecruitOption{
			{Start: 4, Tenure: 4, Productivity: rate("1"), Recruits: 100},
			{Start: 5, Tenure: 3, Productivity: rate("1"), Recruits: 100},
			{Start: 6, Tenure: 2, Productivity: rate("0.75"), Recruits: 134},
			{Start: 7, Tenure: 1, Productivity: rate("0.25"), Recruits: 400},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PlanRecruiting (-want +got):\n%s", diff)
	}

	// Already met: gap 0, options need nobody.
	got, err = capacity.PlanRecruiting(quarterly(), capacity.RecruitGoal{
		Target: d("25"), At: 8, Earliest: 7, ProductiveShare: rate("20%"), Existing: existing,
	})
	require.NoError(t, err)
	require.True(t, got.Gap.IsZero())
	require.Equal(t, []capacity.RecruitOption{{Start: 7, Tenure: 1, Productivity: rate("0.25"), Recruits: 0}}, got.Options)

	// Too late: only tenure 0 is possible, at productivity 0.
	_, err = capacity.PlanRecruiting(quarterly(), capacity.RecruitGoal{
		Target: d("1"), At: 3, Earliest: 3, ProductiveShare: rate("1"),
	})
	require.ErrorIs(t, err, capacity.ErrUnreachable)
	var ie *capacity.InputError
	require.True(t, errors.As(err, &ie))
	require.Equal(t, "/goal/at", ie.Path)
}

func TestPlanRecruitingErrors(t *testing.T) {
	ok := capacity.RecruitGoal{Target: d("1"), At: 3, Earliest: 0, ProductiveShare: rate("1")}
	tests := []struct {
		name  string
		mod   func(*capacity.RecruitGoal)
		field string
		want  error
	}{
		{"zero target", func(g *capacity.RecruitGoal) { g.Target = d("0") }, "/goal/target", capacity.ErrNonPositive},
		{"share", func(g *capacity.RecruitGoal) { g.ProductiveShare = rate("0") }, "/goal/productive_share", capacity.ErrShareRange},
		{"earliest after at", func(g *capacity.RecruitGoal) { g.Earliest = 4 }, "/goal/earliest", capacity.ErrRange},
		{"negative cohort", func(g *capacity.RecruitGoal) { g.Existing = []capacity.Cohort{{Count: -2}} }, "/goal/existing/0/count", capacity.ErrNegative},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := ok
			tt.mod(&g)
			_, err := capacity.PlanRecruiting(quarterly(), g)
			require.ErrorIs(t, err, tt.want)
			var ie *capacity.InputError
			require.True(t, errors.As(err, &ie))
			require.Equal(t, tt.field, ie.Path)
		})
	}
}

func TestPeriodIndex(t *testing.T) {
	// 2024-05-10 is in Q2 2024: 2024 × 4 + 1 = 8097; month 2024 × 12 + 4.
	tm := time.Date(2024, time.May, 10, 0, 0, 0, 0, time.UTC)
	require.Equal(t, 8097, capacity.QuarterIndex(tm))
	require.Equal(t, 24292, capacity.MonthIndex(tm))
	// Q4 2024 → Q1 2025 are consecutive.
	require.Equal(t, capacity.QuarterIndex(time.Date(2024, time.December, 31, 0, 0, 0, 0, time.UTC))+1,
		capacity.QuarterIndex(time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)))
}

// Properties of the ramp computations.
func TestRampProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		steps := rapid.SliceOfN(rapid.IntRange(0, 100), 1, 6).Draw(t, "steps")
		steps[len(steps)-1] = rapid.IntRange(1, 100).Draw(t, "last")
		rs := make([]money.Rate, len(steps))
		for i, s := range steps {
			rs[i] = money.RateFromPercent(d("0").Add(decimalInt(s)))
		}
		r, err := capacity.NewRamp(rs...)
		if err != nil {
			t.Fatal(err)
		}
		n := rapid.IntRange(0, 6).Draw(t, "n")
		cohorts := make([]capacity.Cohort, n)
		for i := range cohorts {
			cohorts[i] = capacity.Cohort{Start: rapid.IntRange(-3, 10).Draw(t, "start"), Count: rapid.Int64Range(0, 1000).Draw(t, "count")}
		}
		a, err := capacity.EffectiveCapacity(r, cohorts, -4, 14)
		if err != nil {
			t.Fatal(err)
		}
		b, err := capacity.EffectiveCapacity(r, rapid.Permutation(cohorts).Draw(t, "perm"), -4, 14)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(a, b, capacity.PeriodCapacity.Equal) {
			t.Fatalf("cohort order matters:\n%s", cmp.Diff(a, b))
		}
		// Effective capacity never exceeds the started head count.
		for _, p := range a {
			if p.Effective.Cmp(decimalInt64(p.Started)) > 0 {
				t.Fatalf("period %d: effective %s > started %d", p.Period, p.Effective, p.Started)
			}
		}
		// Recruiting as an option says closes the gap, and one fewer
		// does not.
		target := decimalInt64(rapid.Int64Range(1, 5000).Draw(t, "target"))
		share := money.RateFromPercent(decimalInt(rapid.IntRange(1, 100).Draw(t, "share")))
		plan, err := capacity.PlanRecruiting(r, capacity.RecruitGoal{Target: target, At: 12, Earliest: 6, ProductiveShare: share, Existing: cohorts})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range plan.Options {
			per := share.Mul(o.Productivity).Fraction()
			if per.Mul(decimalInt64(o.Recruits)).Cmp(plan.Gap) < 0 {
				t.Fatalf("option %+v leaves a gap of %s", o, plan.Gap)
			}
			if o.Recruits > 0 && per.Mul(decimalInt64(o.Recruits-1)).Cmp(plan.Gap) >= 0 {
				t.Fatalf("option %+v is not minimal", o)
			}
		}
	})
}
