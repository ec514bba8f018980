package dealreg_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
)

func TestComputeMetrics(t *testing.T) {
	p := loadPolicy(t) // approval SLA 48h
	mk := func(id, partner string, stage dealreg.Stage, size string, state dealreg.State, decideAfter time.Duration) dealreg.Registration {
		rec := dealreg.RegistrationRecord{ID: id, Registrant: dealreg.Registrant{ID: partner, Tier: "gold"},
			Deal:  dealreg.Deal{Customer: dealreg.Customer{Name: "C" + id, Country: "US"}, ProductLines: []string{"storage"}, Size: money.MustParse(size), Stage: stage},
			State: state, SubmittedAt: t0, StageAtSubmission: stage, DecidedAt: t0.Add(decideAfter)}
		switch state {
		case dealreg.Won, dealreg.Lost:
			rec.ClosedAt = rec.DecidedAt.Add(time.Hour)
		case dealreg.Rejected:
			rec.Reason = "duplicate"
		}
		return fixture(rec, p)
	}
	regs := []dealreg.Registration{
		mk("R1", "P1", dealreg.Prospecting, "100000 USD", dealreg.Approved, 10*time.Hour),
		mk("R2", "P1", dealreg.Qualification, "50000 USD", dealreg.Won, 30*time.Hour),
		mk("R3", "P2", dealreg.Negotiation, "50000 USD", dealreg.Rejected, 50*time.Hour),
		mk("R4", "P2", dealreg.Commit, "300000 USD", dealreg.Lost, 72*time.Hour),
		fixture(dealreg.RegistrationRecord{ID: "R5", Registrant: dealreg.Registrant{ID: "P3"}, State: dealreg.Draft, CreatedAt: t0}, p), // never submitted
	}
	outcomes := []dealreg.DealOutcome{
		{ID: "D1", Registered: true, Won: true, List: money.MustParse("50000 USD"), RegistrationDiscount: money.MustRate("0.15"), PartnerMargin: money.MustParse("10000 USD")},
		{ID: "D2", Registered: true, Won: false},
		{ID: "D3", Registered: false, Won: true},
		{ID: "D4", Registered: false, Won: false},
		{ID: "D5", Registered: false, Won: false},
	}
	m, err := dealreg.ComputeMetrics(regs, outcomes, dealreg.Qualification, p)
	require.NoError(t, err)
	require.Equal(t, []dealreg.PartnerCount{{Partner: "P1", Count: 2}, {Partner: "P2", Count: 2}}, m.PerPartner)
	require.Equal(t, 4, m.Submitted)
	require.Equal(t, 3, m.Approved) // R1, R2 (won), R4 (lost) were approved
	require.Equal(t, 1, m.Rejected)
	require.True(t, m.ApprovalRate.Equal(money.MustRate("0.75")))
	// Approval times 10h, 30h, 72h: median 30h, mean 112h/3 = 37h20m.
	require.Equal(t, 30*time.Hour, m.MedianApproval)
	require.Equal(t, 37*time.Hour+20*time.Minute, m.MeanApproval)
	require.Equal(t, 2, m.WithinSLA) // 10h, 30h < 48h; 50h and 72h late
	// Early (≤ qualification): R1, R2 = 2/4; by value 150000/500000 = 0.3.
	require.Equal(t, 2, m.EarlyCount)
	require.True(t, m.EarlyShare.Equal(money.MustRate("0.5")))
	require.True(t, m.EarlyValueShare.Equal(money.MustRate("0.3")))
	// Win rates: registered 1/2, unregistered 1/3 = 0.3333.
	require.True(t, m.RegisteredWinRate.Equal(money.MustRate("0.5")))
	require.True(t, m.UnregisteredWinRate.Equal(money.MustRate("0.3333")))
	// Cost 50000·0.15 = 7500 against 10000 protected margin: 0.75.
	require.True(t, m.DiscountCost.Equal(money.MustParse("7500 USD")))
	require.True(t, m.ProtectedMargin.Equal(money.MustParse("10000 USD")))
	require.True(t, m.CostPerMargin.Equal(money.MustRate("0.75")))

	// Even count median: 10h and 30h → 20h.
	m, err = dealreg.ComputeMetrics(regs[:2], nil, dealreg.Qualification, p)
	require.NoError(t, err)
	require.Equal(t, 20*time.Hour, m.MedianApproval)

	_, err = dealreg.ComputeMetrics(append(regs, regs[0]), nil, dealreg.Commit, p)
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)
	_, err = dealreg.ComputeMetrics(regs, append(outcomes, outcomes[0]), dealreg.Commit, p)
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)
	eur := outcomes[0]
	eur.ID, eur.List = "D9", money.MustParse("1 EUR")
	_, err = dealreg.ComputeMetrics(regs, append(outcomes, eur), dealreg.Commit, p)
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	empty, err := dealreg.ComputeMetrics(nil, nil, dealreg.Commit, p)
	require.NoError(t, err)
	require.True(t, empty.ApprovalRate.IsZero())
}

// Bad input is an error, never a metric computed on less data.
func TestComputeMetricsRejects(t *testing.T) {
	p := loadPolicy(t)
	won := dealreg.DealOutcome{ID: "D1", Registered: true, Won: true, List: money.MustParse("50000 USD"),
		RegistrationDiscount: money.MustRate("0.15"), PartnerMargin: money.MustParse("10000 USD")}
	tests := []struct {
		name     string
		regs     []dealreg.Registration
		outcomes []dealreg.DealOutcome
		early    dealreg.Stage
		p        dealreg.Policy
		want     error
		field    string
	}{
		{"unspecified early stage", nil, nil, dealreg.StageUnspecified, p, dealreg.ErrInvalidField, "/early"},
		{"zero policy", nil, nil, dealreg.Commit, dealreg.Policy{}, dealreg.ErrPolicyPart, ""},
		{"registration without id", []dealreg.Registration{{}}, nil, dealreg.Commit, p, dealreg.ErrMissingField, "/registrations/0/id"},
		{"won registered deal without list", nil, []dealreg.DealOutcome{func() dealreg.DealOutcome { o := won; o.List = money.Amount{}; return o }()}, dealreg.Commit, p, dealreg.ErrMissingField, "/outcomes/0/list"},
		{"won registered deal without margin", nil, []dealreg.DealOutcome{func() dealreg.DealOutcome { o := won; o.PartnerMargin = money.Amount{}; return o }()}, dealreg.Commit, p, dealreg.ErrMissingField, "/outcomes/0/partner_margin"},
		{"discount above 100%", nil, []dealreg.DealOutcome{func() dealreg.DealOutcome { o := won; o.RegistrationDiscount = money.MustRate("1.5"); return o }()}, dealreg.Commit, p, dealreg.ErrInvalidField, "/outcomes/0/registration_discount"},
		{"outcome without id", nil, []dealreg.DealOutcome{{}}, dealreg.Commit, p, dealreg.ErrMissingField, "/outcomes/0/id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dealreg.ComputeMetrics(tt.regs, tt.outcomes, tt.early, tt.p)
			require.ErrorIs(t, err, tt.want)
			var fe *dealreg.FieldError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, tt.field, fe.Path)
		})
	}
}
