package capacity_test

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// errCase is one failing call and the path and sentinel it must report.
type errCase struct {
	name  string
	call  func() error
	field string
	want  error
}

// hostileCases are hostile inputs: extreme exponents, int64 and int
// overflow, zero values. Each used to panic, loop for ever, hang on a
// billion-digit number or return a wrong figure; each is now an
// *InputError with the path of the input. The error walk reuses them.
func hostileCases(t testing.TB) []errCase {
	huge := decimal.New(1, 1<<30)
	tiny := decimal.New(1, -(1 << 30))
	withModel := func(f func(*capacity.ModelSpec)) capacity.ModelSpec {
		m := seedSpec()
		f(&m)
		return m
	}
	// Three stages of 10^-900 each: every input in range, their product
	// (10^-2700) is not.
	deep := capacity.Stages(
		capacity.FunnelStage{Name: "a", Rate: money.RateFromFraction(decimal.New(1, -900))},
		capacity.FunnelStage{Name: "b", Rate: money.RateFromFraction(decimal.New(1, -900))},
		capacity.FunnelStage{Name: "c", Rate: money.RateFromFraction(decimal.New(1, -900))},
	)
	ramp := quarterly()
	return []errCase{
		{"huge service ratio", func() error {
			_, err := required(withModel(func(m *capacity.ModelSpec) { m.ServiceRatio = huge }), amt("1 USD"))
			return err
		}, "/service_ratio", capacity.ErrRange},
		{"tiny hours", func() error {
			_, err := required(withModel(func(m *capacity.ModelSpec) { m.BillableHours = tiny }), amt("1 USD"))
			return err
		}, "/billable_hours", capacity.ErrRange},
		{"huge hourly rate", func() error {
			_, err := required(withModel(func(m *capacity.ModelSpec) { m.HourlyRate = money.New(huge, usd) }), amt("1 USD"))
			return err
		}, "/hourly_rate", capacity.ErrRange},
		{"tiny target", func() error {
			_, err := capacity.Required(seedModel(), money.New(tiny, usd))
			return err
		}, "/target", capacity.ErrRange},
		{"tiny stage rate", func() error {
			_, err := required(withModel(func(m *capacity.ModelSpec) {
				m.Funnel = capacity.Share(money.RateFromFraction(tiny))
			}), amt("1 USD"))
			return err
		}, "/funnel/stages/0/rate", capacity.ErrRange},
		{"product of stages leaves the range", func() error {
			_, err := required(withModel(func(m *capacity.ModelSpec) { m.Funnel = deep }), amt("100000000 USD"))
			return err
		}, "/funnel", capacity.ErrRange},
		// 1 partner × 10^19 consultants: 10^19 > MaxInt64. The old check
		// looked at the coefficient's digits (one) and wrapped silently.
		{"consultants beyond int64", func() error {
			_, err := capacity.SupportedByPartners(model(withModel(func(m *capacity.ModelSpec) { m.ConsultantsPerPartner = decimal.New(1, 19) })), 1)
			return err
		}, "/consultants_per_partner", capacity.ErrRange},
		{"supported by a deep funnel", func() error {
			_, err := capacity.SupportedByRecruits(model(withModel(func(m *capacity.ModelSpec) { m.Funnel = deep })), 5)
			return err
		}, "/funnel", capacity.ErrRange},
		// to − from overflows int: the old check passed and the loop ran
		// for ever.
		{"period span overflows int", func() error {
			_, err := capacity.EffectiveCapacity(ramp, nil, math.MinInt, math.MaxInt)
			return err
		}, "/to", capacity.ErrRange},
		{"head count beyond int64", func() error {
			_, err := capacity.EffectiveCapacity(ramp, []capacity.Cohort{{Count: math.MaxInt64}, {Count: 1}}, 0, 0)
			return err
		}, "/cohorts", capacity.ErrRange},
		{"recruiting span overflows int", func() error {
			_, err := capacity.PlanRecruiting(ramp, capacity.RecruitGoal{Target: d("1"), At: math.MaxInt, Earliest: math.MinInt, ProductiveShare: rate("1")})
			return err
		}, "/goal/earliest", capacity.ErrRange},
		{"existing head count beyond int64", func() error {
			_, err := capacity.PlanRecruiting(ramp, capacity.RecruitGoal{Target: d("1"), At: 5, Earliest: 4, ProductiveShare: rate("1"),
				Existing: []capacity.Cohort{{Count: math.MaxInt64}, {Count: math.MaxInt64}}})
			return err
		}, "/goal/existing", capacity.ErrRange},
		{"tiny ramp step", func() error { _, err := capacity.NewRamp(money.RateFromFraction(tiny), rate("1")); return err }, "/0", capacity.ErrRange},
		{"huge revenue", func() error {
			_, err := capacity.NewConcentration([]capacity.PartnerRevenue{{ID: "a", Revenue: amt("1 USD")}, {ID: "b", Revenue: money.New(huge, usd)}})
			return err
		}, "/revenues/1/revenue", capacity.ErrRange},
		{"tiny top share", func() error {
			_, err := mustConc(t, five()).TopShare(money.RateFromFraction(tiny))
			return err
		}, "/p", capacity.ErrRange},
		{"tiny next", func() error {
			_, err := mustConc(t, five()).Next(money.RateFromFraction(tiny), rate("0.2"))
			return err
		}, "/top", capacity.ErrRange},
		{"huge partner capacity", func() error {
			_, err := capacity.Cover([]capacity.Footprint{{ID: "p", Capacity: huge}}, nil, seedQuery())
			return err
		}, "/partners/0/capacity", capacity.ErrRange},
		{"tiny demand", func() error {
			_, err := capacity.Cover(nil, []capacity.Demand{{Segment: map[string]string{"geography": "London"}, Required: tiny}}, seedQuery())
			return err
		}, "/demand/0/required", capacity.ErrRange},
		{"tiny uplift", func() error {
			dv := baseDevelop()
			dv.Uplift = money.RateFromFraction(tiny)
			_, err := capacity.RecruitOrDevelop(mustConc(t, ten()), dv, baseRecruit(), 1)
			return err
		}, "/develop/uplift", capacity.ErrRange},
		// Uplift 10^-900 on a ramp starting at 10^-900: revenue 10^-1800
		// is outside the range and cannot be rounded to cents.
		{"develop revenue leaves the range", func() error {
			dv := baseDevelop()
			dv.Uplift = money.RateFromFraction(decimal.New(1, -900))
			dv.Ramp = capacity.MustRamp(money.RateFromFraction(decimal.New(1, -900)))
			_, err := capacity.RecruitOrDevelop(mustConc(t, ten()), dv, baseRecruit(), 1)
			return err
		}, "/develop", capacity.ErrRange},
	}
}

func TestHostileInputs(t *testing.T) {
	tests := hostileCases(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.ErrorIs(t, err, tt.want)
			var ie *capacity.InputError
			require.True(t, errors.As(err, &ie), "%v", err)
			require.Equal(t, tt.field, ie.Path, "%v", err)
		})
	}
}

// Extreme but valid period indices: the old loop `for p := from; p <= to;
// p++` never ended at to = MaxInt, and a cohort that started at MinInt had
// a negative (overflowed) tenure at MaxInt and counted as not productive.
func TestExtremePeriods(t *testing.T) {
	got, err := capacity.EffectiveCapacity(quarterly(), []capacity.Cohort{{Start: math.MinInt, Count: 4}}, math.MaxInt-1, math.MaxInt)
	require.NoError(t, err)
	// Fully ramped (last step 100 %): 4 effective in both periods.
	want := []capacity.PeriodCapacity{
		{Period: math.MaxInt - 1, Started: 4, Effective: d("4")},
		{Period: math.MaxInt, Started: 4, Effective: d("4")},
	}
	require.True(t, len(got) == 2 && got[0].Equal(want[0]) && got[1].Equal(want[1]), "%v", got)

	// At = MaxInt, Earliest two before: the options are the starts
	// MaxInt−2 (tenure 2, 75 %) and MaxInt−1 (tenure 1, 25 %); gap 3 →
	// ⌈3 / 0.75⌉ = 4 and ⌈3 / 0.25⌉ = 12.
	plan, err := capacity.PlanRecruiting(quarterly(), capacity.RecruitGoal{Target: d("3"), At: math.MaxInt, Earliest: math.MaxInt - 2, ProductiveShare: rate("1")})
	require.NoError(t, err)
	require.Equal(t, []capacity.RecruitOption{
		{Start: math.MaxInt - 2, Tenure: 2, Productivity: rate("0.75"), Recruits: 4},
		{Start: math.MaxInt - 1, Tenure: 1, Productivity: rate("0.25"), Recruits: 12},
	}, plan.Options)
}

// Zero values never panic.
func TestZeroValues(t *testing.T) {
	require.Equal(t, "capacity: invalid", (&capacity.InputError{}).Error())
	var c capacity.Concentration
	require.Empty(t, c.Ranked())
	band, err := c.Next(rate("0.2"), rate("0.2"))
	require.NoError(t, err)
	require.Empty(t, band)
	_, err = c.TopK(1)
	require.ErrorIs(t, err, capacity.ErrRange)
	// The zero Model is rejected as a whole (path ""), the argument on its
	// own path; the model's fields are checked once, by New.
	_, err = capacity.Required(capacity.Model{}, money.Amount{})
	require.ErrorIs(t, err, capacity.ErrInvalid)
	require.ErrorIs(t, err, capacity.ErrEmpty)
	_, err = capacity.SupportedByPartners(capacity.Model{}, 1)
	require.ErrorIs(t, err, capacity.ErrEmpty)
	_, err = capacity.New(capacity.ModelSpec{})
	require.ErrorIs(t, err, capacity.ErrNonPositive)
	require.ErrorIs(t, err, capacity.ErrInvalid)
	_, err = capacity.Cover(nil, nil, capacity.Query{})
	require.ErrorIs(t, err, capacity.ErrEmpty)
	_, err = capacity.PlanRecruiting(capacity.Ramp{}, capacity.RecruitGoal{})
	require.ErrorIs(t, err, capacity.ErrEmpty)
	_, err = capacity.RecruitOrDevelop(mustConc(t, ten()), capacity.Develop{}, capacity.Recruit{}, 1)
	require.ErrorIs(t, err, capacity.ErrShareRange)
	require.ErrorIs(t, err, capacity.ErrInvalid)
}
