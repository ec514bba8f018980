package capacity_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

func TestRequired(t *testing.T) {
	staged := seedSpec()
	staged.Funnel = capacity.Stages(
		capacity.FunnelStage{Name: "trained", Rate: rate("50%")},
		capacity.FunnelStage{Name: "active", Rate: rate("80%")},
		capacity.FunnelStage{Name: "engaged", Rate: rate("50%")},
	)
	fractional := seedSpec()
	fractional.ConsultantsPerPartner = d("10.75")
	fractional.Funnel = capacity.Share(rate("1"))
	seventy := capacity.ModelSpec{
		ServiceRatio:          d("0.5"),
		HourlyRate:            amt("150 USD"),
		BillableHours:         d("1200"),
		ConsultantsPerPartner: d("4"),
		Funnel: capacity.Stages(
			capacity.FunnelStage{Name: "trained", Rate: rate("70%")},
			capacity.FunnelStage{Name: "engaged", Rate: rate("70%")},
		),
	}
	yen := capacity.ModelSpec{
		ServiceRatio:          d("1"),
		HourlyRate:            amt("20000 JPY"),
		BillableHours:         d("1500"),
		ConsultantsPerPartner: d("3"),
		Funnel:                capacity.Share(rate("25%")),
	}
	one, share20, share49 := rate("1"), rate("0.2"), rate("0.49")
	tests := []struct {
		name   string
		model  capacity.ModelSpec
		target string
		want   capacity.Sizing
	}{{
		// The worked golden figures: $100M × 1 = $100M services; $200 × 1000 =
		// $200,000 per consultant; 100M / 200k = 500 consultants; 500 / 5 =
		// 100 active partners; 100 / 0.2 = 500 recruits.
		name: "seed golden", model: seedSpec(), target: "100000000 USD",
		want: capacity.Sizing{
			Target: amt("100000000 USD"), ServicesRevenue: amt("100000000 USD"),
			RevenuePerConsultant: amt("200000 USD"), Consultants: 500, ActivePartners: 100,
			ProductiveShare: share20, Recruits: 500,
			Stages: []capacity.StageCount{
				{Name: "recruited", Rate: one, Cumulative: one, Expected: d("500")},
				{Name: "productive", Rate: share20, Cumulative: share20, Expected: d("100")},
			},
		},
	}, {
		// Same figures, staged: 0.5 × 0.8 × 0.5 = 0.2 → 500 recruits;
		// 500 × 0.5 = 250 trained, 250 × 0.8 = 200 active, 200 × 0.5 =
		// 100 engaged.
		name: "seed golden staged", model: staged, target: "100000000 USD",
		want: capacity.Sizing{
			Target: amt("100000000 USD"), ServicesRevenue: amt("100000000 USD"),
			RevenuePerConsultant: amt("200000 USD"), Consultants: 500, ActivePartners: 100,
			ProductiveShare: share20, Recruits: 500,
			Stages: []capacity.StageCount{
				{Name: "recruited", Rate: one, Cumulative: one, Expected: d("500")},
				{Name: "trained", Rate: rate("0.5"), Cumulative: rate("0.5"), Expected: d("250")},
				{Name: "active", Rate: rate("0.8"), Cumulative: rate("0.4"), Expected: d("200")},
				{Name: "engaged", Rate: rate("0.5"), Cumulative: share20, Expected: d("100")},
			},
		},
	}, {
		// One dollar more: 100,000,001 / 200,000 = 500.000005 → 501
		// consultants; 501 / 5 = 100.2 → 101 partners; 101 / 0.2 = 505.
		name: "rounds up", model: seedSpec(), target: "100000001 USD",
		want: capacity.Sizing{
			Target: amt("100000001 USD"), ServicesRevenue: amt("100000001 USD"),
			RevenuePerConsultant: amt("200000 USD"), Consultants: 501, ActivePartners: 101,
			ProductiveShare: share20, Recruits: 505,
			Stages: []capacity.StageCount{
				{Name: "recruited", Rate: one, Cumulative: one, Expected: d("505")},
				{Name: "productive", Rate: share20, Cumulative: share20, Expected: d("101")},
			},
		},
	}, {
		// Rounded consultants feed the next step: 2,100,000 / 200,000 =
		// 10.5 → 11 consultants; 11 / 10.75 = 1.023… → 2 partners (the
		// exact 10.5 / 10.75 = 0.977… would have given 1).
		name: "rounded consultants feed partners", model: fractional, target: "2100000 USD",
		want: capacity.Sizing{
			Target: amt("2100000 USD"), ServicesRevenue: amt("2100000 USD"),
			RevenuePerConsultant: amt("200000 USD"), Consultants: 11, ActivePartners: 2,
			ProductiveShare: one, Recruits: 2,
			Stages: []capacity.StageCount{
				{Name: "recruited", Rate: one, Cumulative: one, Expected: d("2")},
				{Name: "productive", Rate: one, Cumulative: one, Expected: d("2")},
			},
		},
	}, {
		// 10M × 0.5 = 5M services; 150 × 1200 = 180,000; 5M / 180k =
		// 27.7… → 28; 28 / 4 = 7; 0.7 × 0.7 = 0.49; 7 / 0.49 = 14.28… →
		// 15 recruits; 15 × 0.7 = 10.5 trained; 15 × 0.49 = 7.35 engaged.
		name: "fractional stage counts", model: seventy, target: "10000000 USD",
		want: capacity.Sizing{
			Target: amt("10000000 USD"), ServicesRevenue: amt("5000000 USD"),
			RevenuePerConsultant: amt("180000 USD"), Consultants: 28, ActivePartners: 7,
			ProductiveShare: share49, Recruits: 15,
			Stages: []capacity.StageCount{
				{Name: "recruited", Rate: one, Cumulative: one, Expected: d("15")},
				{Name: "trained", Rate: rate("0.7"), Cumulative: rate("0.7"), Expected: d("10.5")},
				{Name: "engaged", Rate: rate("0.7"), Cumulative: share49, Expected: d("7.35")},
			},
		},
	}, {
		// ¥1bn / (¥20,000 × 1500 = ¥30M) = 33.3… → 34; 34 / 3 = 11.3… →
		// 12; 12 / 0.25 = 48.
		name: "yen", model: yen, target: "1000000000 JPY",
		want: capacity.Sizing{
			Target: amt("1000000000 JPY"), ServicesRevenue: amt("1000000000 JPY"),
			RevenuePerConsultant: amt("30000000 JPY"), Consultants: 34, ActivePartners: 12,
			ProductiveShare: rate("0.25"), Recruits: 48,
			Stages: []capacity.StageCount{
				{Name: "recruited", Rate: one, Cumulative: one, Expected: d("48")},
				{Name: "productive", Rate: rate("0.25"), Cumulative: rate("0.25"), Expected: d("12")},
			},
		},
	}, {
		name: "zero target", model: seedSpec(), target: "0 USD",
		want: capacity.Sizing{
			Target: amt("0 USD"), ServicesRevenue: amt("0 USD"),
			RevenuePerConsultant: amt("200000 USD"), ProductiveShare: share20,
			Stages: []capacity.StageCount{
				{Name: "recruited", Rate: one, Cumulative: one, Expected: d("0")},
				{Name: "productive", Rate: share20, Cumulative: share20, Expected: d("0")},
			},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := required(tt.model, amt(tt.target))
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Required mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequiredErrors(t *testing.T) {
	mod := func(f func(*capacity.ModelSpec)) capacity.ModelSpec {
		m := seedSpec()
		f(&m)
		return m
	}
	tests := []struct {
		name   string
		model  capacity.ModelSpec
		target money.Amount
		field  string
		want   error
	}{
		{"zero hourly rate", mod(func(m *capacity.ModelSpec) { m.HourlyRate = amt("0 USD") }), amt("1 USD"), "/hourly_rate", capacity.ErrNonPositive},
		{"missing hourly rate", mod(func(m *capacity.ModelSpec) { m.HourlyRate = money.Amount{} }), amt("1 USD"), "/hourly_rate", capacity.ErrInvalid},
		{"negative hours", mod(func(m *capacity.ModelSpec) { m.BillableHours = d("-1") }), amt("1 USD"), "/billable_hours", capacity.ErrNonPositive},
		{"zero service ratio", mod(func(m *capacity.ModelSpec) { m.ServiceRatio = d("0") }), amt("1 USD"), "/service_ratio", capacity.ErrNonPositive},
		{"zero per partner", mod(func(m *capacity.ModelSpec) { m.ConsultantsPerPartner = d("0") }), amt("1 USD"), "/consultants_per_partner", capacity.ErrNonPositive},
		// A model without a funnel is valid (SupportedByPartners does not
		// need one) but Required rejects it.
		{"no funnel", mod(func(m *capacity.ModelSpec) { m.Funnel = capacity.Funnel{} }), amt("1 USD"), "/funnel", capacity.ErrEmpty},
		{"share above one", mod(func(m *capacity.ModelSpec) { m.Funnel = capacity.Share(rate("1.01")) }), amt("1 USD"), "/funnel/stages/0/rate", capacity.ErrShareRange},
		{"share zero", mod(func(m *capacity.ModelSpec) { m.Funnel = capacity.Share(rate("0")) }), amt("1 USD"), "/funnel/stages/0/rate", capacity.ErrShareRange},
		{"unnamed stage", mod(func(m *capacity.ModelSpec) {
			m.Funnel = capacity.Stages(capacity.FunnelStage{Name: "a", Rate: rate("0.5")}, capacity.FunnelStage{Rate: rate("0.5")})
		}), amt("1 USD"), "/funnel/stages/1/name", capacity.ErrEmpty},
		{"duplicate stage", mod(func(m *capacity.ModelSpec) {
			m.Funnel = capacity.Stages(capacity.FunnelStage{Name: "a", Rate: rate("0.5")}, capacity.FunnelStage{Name: "a", Rate: rate("0.5")})
		}), amt("1 USD"), "/funnel/stages/1/name", capacity.ErrDuplicate},
		{"negative target", seedSpec(), amt("-1 USD"), "/target", capacity.ErrNegative},
		{"missing target", seedSpec(), money.Amount{}, "/target", capacity.ErrInvalid},
		{"currency mismatch", seedSpec(), amt("100 EUR"), "/target", money.ErrCurrencyMismatch},
		{"too many people", mod(func(m *capacity.ModelSpec) { m.HourlyRate = amt("0.01 USD"); m.BillableHours = d("0.0001") }),
			amt("100000000000000000000 USD"), "/target", capacity.ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := required(tt.model, tt.target)
			require.ErrorIs(t, err, tt.want)
			var ie *capacity.InputError
			require.True(t, errors.As(err, &ie))
			require.Equal(t, tt.field, ie.Path)
			require.Contains(t, err.Error(), "capacity: "+tt.field)
		})
	}
}

// Every bad field is reported at once: by New for the model, by Required
// for its arguments (with the zero model's error).
func TestRequiredJoinsErrors(t *testing.T) {
	spec := seedSpec()
	spec.HourlyRate = amt("-5 USD")
	spec.BillableHours = d("0")
	_, err := capacity.New(spec)
	require.ErrorIs(t, err, capacity.ErrNonPositive)
	require.Contains(t, err.Error(), `capacity: /hourly_rate = "-5.00 USD": must be positive`)
	require.Contains(t, err.Error(), `capacity: /billable_hours = "0": must be positive`)
	_, err = capacity.Required(capacity.Model{}, amt("-1 USD"))
	require.ErrorIs(t, err, capacity.ErrEmpty)
	require.ErrorIs(t, err, capacity.ErrNegative)
	require.Contains(t, err.Error(), `capacity: /target = "-1.00 USD": must not be negative`)
}

func TestSupported(t *testing.T) {
	fractional := seedSpec()
	fractional.ConsultantsPerPartner = d("10.75")
	third := seedSpec()
	third.ServiceRatio = d("3")
	third.ConsultantsPerPartner = d("1")
	tests := []struct {
		name     string
		model    capacity.ModelSpec
		recruits int64 // -1: use partners
		partners int64
		want     capacity.Support
	}{
		// Golden backwards: 100 partners × 5 = 500 consultants × $200,000
		// = $100M services / 1 = $100M.
		{"seed partners", seedSpec(), -1, 100, capacity.Support{ActivePartners: 100, Consultants: 500,
			ServicesRevenue: amt("100000000 USD"), Revenue: amt("100000000 USD")}},
		// 500 recruits × 0.2 = 100 partners, as above.
		{"seed recruits", seedSpec(), 500, 0, capacity.Support{Recruits: 500, ActivePartners: 100, Consultants: 500,
			ServicesRevenue: amt("100000000 USD"), Revenue: amt("100000000 USD")}},
		// 499 × 0.2 = 99.8 → 99 partners (down) → 495 consultants → $99M.
		{"recruits round down", seedSpec(), 499, 0, capacity.Support{Recruits: 499, ActivePartners: 99, Consultants: 495,
			ServicesRevenue: amt("99000000 USD"), Revenue: amt("99000000 USD")}},
		// 2 × 10.75 = 21.5 → 21 consultants × $200,000 = $4.2M.
		{"consultants round down", fractional, -1, 2, capacity.Support{ActivePartners: 2, Consultants: 21,
			ServicesRevenue: amt("4200000 USD"), Revenue: amt("4200000 USD")}},
		// 1 consultant: $200,000 services / 3 = 66,666.666… → $66,666.66.
		{"revenue floors to cents", third, -1, 1, capacity.Support{ActivePartners: 1, Consultants: 1,
			ServicesRevenue: amt("200000 USD"), Revenue: amt("66666.66 USD")}},
		{"nobody", seedSpec(), 0, 0, capacity.Support{ServicesRevenue: amt("0 USD"), Revenue: amt("0 USD")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got capacity.Support
			var err error
			if tt.recruits >= 0 {
				got, err = capacity.SupportedByRecruits(model(tt.model), tt.recruits)
			} else {
				got, err = capacity.SupportedByPartners(model(tt.model), tt.partners)
			}
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSupportedErrors(t *testing.T) {
	_, err := capacity.SupportedByPartners(seedModel(), -1)
	require.ErrorIs(t, err, capacity.ErrNegative)
	require.Contains(t, err.Error(), `capacity: /active_partners = "-1": must not be negative`)
	_, err = capacity.SupportedByRecruits(seedModel(), -1)
	require.ErrorIs(t, err, capacity.ErrNegative)
	require.Contains(t, err.Error(), `capacity: /recruits = "-1": must not be negative`)
	// A model without a funnel supports partners, not recruits.
	spec := seedSpec()
	spec.Funnel = capacity.Funnel{}
	_, err = capacity.SupportedByRecruits(model(spec), 1)
	require.ErrorIs(t, err, capacity.ErrEmpty)
	require.Contains(t, err.Error(), "capacity: /funnel: empty")
	// 100 partners × 5 × $200,000 = $100M without any funnel.
	s, err := capacity.SupportedByPartners(model(spec), 100)
	require.NoError(t, err)
	require.True(t, s.Revenue.Equal(amt("100000000 USD")), "%s", s.Revenue)
}

func TestFunnel(t *testing.T) {
	st := []capacity.FunnelStage{{Name: "trained", Rate: rate("50%")}, {Name: "engaged", Rate: rate("40%")}}
	f := capacity.Stages(st...)
	st[0].Rate = rate("1") // the funnel copied its input
	// 0.5 × 0.4 = 0.2
	require.True(t, f.Share().Equal(rate("0.2")))
	require.Equal(t, "trained", f.Stages[0].Name)
	require.True(t, f.Stages[0].Rate.Equal(rate("0.5")))
	require.True(t, f.Equal(capacity.Stages(capacity.FunnelStage{Name: "trained", Rate: rate("0.5")}, capacity.FunnelStage{Name: "engaged", Rate: rate("0.4")})))
	require.False(t, f.Equal(capacity.Share(rate("0.2"))))
	require.NoError(t, f.Validate())
	require.True(t, capacity.Funnel{}.Share().IsZero())
	require.ErrorIs(t, capacity.Funnel{}.Validate(), capacity.ErrEmpty)
	require.True(t, seedModel().Equal(seedModel()))
	require.True(t, seedModel().IsValid())
	require.False(t, capacity.Model{}.IsValid())
}
