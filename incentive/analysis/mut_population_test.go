package analysis_test

import (
	"errors"
	"testing"

	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// A metric's places run from 0 to MaxMetricPlaces (9) inclusive
// (population.go `*m.Places > MaxMetricPlaces` → `>=` refused 9).
func TestPopulationMetricPlacesAtLimit(t *testing.T) {
	for _, tc := range []struct {
		places int32
		ok     bool
	}{{0, true}, {analysis.MaxMetricPlaces, true}, {analysis.MaxMetricPlaces + 1, false}, {-1, false}} {
		places := tc.places
		spec := analysis.PopulationSpec{Component: "c", Partners: 1, Draws: 1,
			Attainment: analysis.DistributionSpec{Shape: analysis.Uniform, Low: dp("0"), High: dp("1")},
			Metrics: []analysis.MetricDistribution{{Metric: "csat", Places: &places,
				Distribution: analysis.DistributionSpec{Shape: analysis.Uniform, Low: dp("0"), High: dp("5")}}}}
		_, err := analysis.NewPopulation(spec)
		var pe *analysis.ParamError
		switch {
		case tc.ok && err != nil:
			t.Errorf("places %d: %v", tc.places, err)
		case !tc.ok && (!errors.As(err, &pe) || pe.Path != "/metrics/0/places" || !errors.Is(err, analysis.ErrInvalid)):
			t.Errorf("places %d: %v, want ErrInvalid at /metrics/0/places", tc.places, err)
		}
	}
}
