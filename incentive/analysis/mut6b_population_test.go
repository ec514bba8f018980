package analysis_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// popBase is a valid population of one partner and one draw, uniform on
// [0, 1]; the cases of TestPopulationLimitsInclusive change one member.
func popBase() analysis.PopulationSpec {
	return analysis.PopulationSpec{Component: "c", Partners: 1, Draws: 1,
		Attainment: analysis.DistributionSpec{Shape: analysis.Uniform, Low: dp("0"), High: dp("1")}}
}

// uniformMetrics returns n distinct metrics "m", "mx", "mxx", … at 0
// places, each uniform on [0, 5].
func uniformMetrics(n int) []analysis.MetricDistribution {
	ms := make([]analysis.MetricDistribution, n)
	for i := range ms {
		places := int32(0)
		ms[i] = analysis.MetricDistribution{Metric: "m" + strings.Repeat("x", i), Places: &places,
			Distribution: analysis.DistributionSpec{Shape: analysis.Uniform, Low: dp("0"), High: dp("5")}}
	}
	return ms
}

// volumes returns n volumes of 1.
func volumes(n int) []decimal.Decimal {
	vs := make([]decimal.Decimal, n)
	for i := range vs {
		vs[i] = decimal.NewFromInt(1)
	}
	return vs
}

// rows returns n Discrete rows of volume 1 and weight 1.
func rows(n int) []analysis.WeightedVolume {
	rs := make([]analysis.WeightedVolume, n)
	for i := range rs {
		rs[i] = analysis.WeightedVolume{Volume: decimal.NewFromInt(1), Weight: 1}
	}
	return rs
}

// TestPopulationLimitsInclusive pins NewPopulation's limits as inclusive:
// a component ID and a metric name of exactly incentive.MaxIDLen (128)
// bytes, exactly MaxPartners partners and MaxDraws draws, exactly
// MaxMetrics metrics, and exactly MaxVolumes Empirical volumes or
// Discrete rows are valid (each check is `> limit`, not `>= limit`); one
// more is refused at the member's pointer with the documented sentinel.
func TestPopulationLimitsInclusive(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*analysis.PopulationSpec, int) // n: the limit, or the limit + 1
		max  int
		path string
		want error
	}{
		{"component ID", func(s *analysis.PopulationSpec, n int) { s.Component = strings.Repeat("c", n) },
			incentive.MaxIDLen, "/component", analysis.ErrInvalid},
		{"partners", func(s *analysis.PopulationSpec, n int) { s.Partners = n },
			analysis.MaxPartners, "/partners", analysis.ErrInvalid},
		{"draws", func(s *analysis.PopulationSpec, n int) { s.Draws = n },
			analysis.MaxDraws, "/draws", analysis.ErrInvalid},
		{"metrics", func(s *analysis.PopulationSpec, n int) { s.Metrics = uniformMetrics(n) },
			analysis.MaxMetrics, "/metrics", analysis.ErrTooMany},
		{"metric name", func(s *analysis.PopulationSpec, n int) {
			s.Metrics = uniformMetrics(1)
			s.Metrics[0].Metric = strings.Repeat("m", n)
		}, incentive.MaxIDLen, "/metrics/0/metric", analysis.ErrInvalid},
		{"empirical volumes", func(s *analysis.PopulationSpec, n int) {
			s.Attainment = analysis.DistributionSpec{Shape: analysis.Empirical, Volumes: volumes(n)}
		}, analysis.MaxVolumes, "/attainment/volumes", analysis.ErrTooMany},
		{"discrete rows", func(s *analysis.PopulationSpec, n int) {
			s.Attainment = analysis.DistributionSpec{Shape: analysis.Discrete, Table: rows(n)}
		}, analysis.MaxVolumes, "/attainment/table", analysis.ErrTooMany},
	} {
		at := popBase()
		tc.edit(&at, tc.max)
		if _, err := analysis.NewPopulation(at); err != nil {
			t.Errorf("%s: exactly %d: %v", tc.name, tc.max, err)
		}
		over := popBase()
		tc.edit(&over, tc.max+1)
		_, err := analysis.NewPopulation(over)
		var pe *analysis.ParamError
		if !errors.As(err, &pe) || pe.Path != tc.path || !errors.Is(err, tc.want) {
			t.Errorf("%s: %d: %v, want %v at %s", tc.name, tc.max+1, err, tc.want, tc.path)
		}
	}
}

// TestPopulationSpecCopiesMetrics pins cloneSpec's handling of Metrics:
// NewPopulation keeps its own copy of the metric list, so renaming a
// metric in the caller's slice afterwards changes neither Spec() nor the
// population; and a population declared without metrics keeps a nil list,
// so Spec().Metrics is nil and the document MarshalJSON writes has no
// "metrics" member (omitzero omits a nil slice, not an empty one).
func TestPopulationSpecCopiesMetrics(t *testing.T) {
	s := popBase()
	s.Metrics = uniformMetrics(1)
	p, err := analysis.NewPopulation(s)
	if err != nil {
		t.Fatal(err)
	}
	s.Metrics[0].Metric = "renamed"
	if got := p.Spec().Metrics[0].Metric; got != "m" {
		t.Errorf("Spec().Metrics[0].Metric = %q after the caller renamed its copy, want %q", got, "m")
	}
	back := p.Spec()
	back.Metrics[0].Metric = "again"
	if got := p.Spec().Metrics[0].Metric; got != "m" {
		t.Errorf("Spec().Metrics[0].Metric = %q after a Spec() copy was renamed, want %q", got, "m")
	}

	bare, err := analysis.NewPopulation(popBase())
	if err != nil {
		t.Fatal(err)
	}
	if ms := bare.Spec().Metrics; ms != nil {
		t.Errorf("Spec().Metrics = %#v, want nil (none declared)", ms)
	}
	doc, err := bare.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(doc, []byte(`"metrics"`)) {
		t.Errorf("MarshalJSON = %s, want no metrics member", doc)
	}
}
