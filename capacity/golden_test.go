package capacity_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// funnelFile is the reviewable scenario file testdata/funnel_golden.json.
type funnelFile struct {
	About     string           `json:"about"`
	Scenarios []funnelScenario `json:"scenarios"`
}

type funnelScenario struct {
	Name                  string          `json:"name"`
	Why                   string          `json:"why"`
	Target                money.Amount    `json:"target"`
	ServiceRatio          decimal.Decimal `json:"service_ratio"`
	HourlyRate            money.Amount    `json:"hourly_rate"`
	BillableHours         decimal.Decimal `json:"billable_hours"`
	ConsultantsPerPartner decimal.Decimal `json:"consultants_per_partner"`
	Stages                []struct {
		Name string     `json:"name"`
		Rate money.Rate `json:"rate"`
	} `json:"stages"`
	Want struct {
		Services       money.Amount `json:"services"`
		Consultants    int64        `json:"consultants"`
		ActivePartners int64        `json:"active_partners"`
		Recruits       int64        `json:"recruits"`
	} `json:"want"`
}

func TestFunnelGoldenFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "funnel_golden.json"))
	require.NoError(t, err)
	var f funnelFile
	require.NoError(t, strictjson.Unmarshal(data, &f, strictjson.Limits{}))
	require.NotEmpty(t, f.Scenarios)
	for _, sc := range f.Scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			stages := make([]capacity.FunnelStage, len(sc.Stages))
			for i, s := range sc.Stages {
				stages[i] = capacity.FunnelStage{Name: s.Name, Rate: s.Rate}
			}
			m, err := capacity.New(capacity.ModelSpec{
				ServiceRatio:          sc.ServiceRatio,
				HourlyRate:            sc.HourlyRate,
				BillableHours:         sc.BillableHours,
				ConsultantsPerPartner: sc.ConsultantsPerPartner,
				Funnel:                capacity.Stages(stages...),
			})
			require.NoError(t, err)
			got, err := capacity.Required(m, sc.Target)
			require.NoError(t, err)
			require.True(t, got.ServicesRevenue.Equal(sc.Want.Services), "services %s, want %s (%s)", got.ServicesRevenue, sc.Want.Services, sc.Why)
			require.Equal(t, sc.Want.Consultants, got.Consultants, sc.Why)
			require.Equal(t, sc.Want.ActivePartners, got.ActivePartners, sc.Why)
			require.Equal(t, sc.Want.Recruits, got.Recruits, sc.Why)
			// And backwards: the partners found support the target.
			s, err := capacity.SupportedByPartners(m, got.ActivePartners)
			require.NoError(t, err)
			c, err := s.Revenue.Cmp(sc.Target)
			require.NoError(t, err)
			require.GreaterOrEqual(t, c, 0, "supported %s < target %s", s.Revenue, sc.Target)
		})
	}
}
