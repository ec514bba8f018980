package analysis_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// These tests kill mutants a sampled mutation run found alive: limits
// that must accept their own value.

// A population's component version may have exactly MaxIDLen (128) bytes
// (population.go: `len > MaxIDLen` → `>=` refused it); one more is
// ErrInvalid at /version.
func TestPopulationVersionAtLimit(t *testing.T) {
	spec := func(version string) analysis.PopulationSpec {
		return analysis.PopulationSpec{Component: "c", Version: version, Partners: 1, Draws: 1,
			Attainment: analysis.DistributionSpec{Shape: analysis.Uniform, Low: dp("0"), High: dp("1")}}
	}
	if _, err := analysis.NewPopulation(spec(strings.Repeat("v", incentive.MaxIDLen))); err != nil {
		t.Errorf("%d bytes: %v", incentive.MaxIDLen, err)
	}
	var pe *analysis.ParamError
	if _, err := analysis.NewPopulation(spec(strings.Repeat("v", incentive.MaxIDLen+1))); !errors.As(err, &pe) || pe.Path != "/version" || !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("%d bytes: %v, want ErrInvalid at /version", incentive.MaxIDLen+1, err)
	}
}

// A discrete attainment row may weigh exactly MaxWeight (2^40)
// (population.go: `Weight > MaxWeight` → `>=` refused it); one more is
// ErrInvalid at /attainment/table/0/weight.
func TestPopulationWeightAtLimit(t *testing.T) {
	spec := func(w int64) analysis.PopulationSpec {
		return analysis.PopulationSpec{Component: "c", Partners: 1, Draws: 1,
			Attainment: analysis.DistributionSpec{Shape: analysis.Discrete,
				Table: []analysis.WeightedVolume{{Volume: *dp("1"), Weight: w}}}}
	}
	if _, err := analysis.NewPopulation(spec(analysis.MaxWeight)); err != nil {
		t.Errorf("weight 2^40: %v", err)
	}
	var pe *analysis.ParamError
	if _, err := analysis.NewPopulation(spec(analysis.MaxWeight + 1)); !errors.As(err, &pe) || pe.Path != "/attainment/table/0/weight" {
		t.Errorf("weight 2^40 + 1: %v, want an error at /attainment/table/0/weight", err)
	}
}

// A lint metric name may have exactly MaxIDLen bytes (lint.go: `len >
// MaxIDLen` → `>=` refused it); one more is ErrInvalid at
// /metrics/0/metric.
func TestLintMetricNameAtLimit(t *testing.T) {
	spec := func(name string) analysis.LintSpec {
		return analysis.LintSpec{CliffJump: dp("100"), Metrics: []analysis.MetricRange{{Metric: name, Min: dp("0"), Max: dp("5")}}}
	}
	if _, err := analysis.NewLinter(spec(strings.Repeat("m", incentive.MaxIDLen))); err != nil {
		t.Errorf("%d bytes: %v", incentive.MaxIDLen, err)
	}
	var pe *analysis.ParamError
	if _, err := analysis.NewLinter(spec(strings.Repeat("m", incentive.MaxIDLen+1))); !errors.As(err, &pe) || pe.Path != "/metrics/0/metric" || !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("%d bytes: %v, want ErrInvalid at /metrics/0/metric", incentive.MaxIDLen+1, err)
	}
}

// Weights summing to exactly 2 or 200 are ratios (1 : 1, 150 : 50), not
// fractions or percentages that missed the whole: the near-whole ranges
// [0.5, 2) and [50, 200) exclude their ends (programme.go nearWhole: `<
// hi` → `<=` reported them); 1.9 and 199 are reported.
func TestSplitSumRangeEnds(t *testing.T) {
	l := analysis.MustParseLinter(`{"cliff_jump": "1"}`)
	for _, c := range []struct {
		weights  []string
		findings int
	}{{[]string{"1", "1"}, 0}, {[]string{"150", "50"}, 0}, {[]string{"1", "0.9"}, 1}, {[]string{"150", "49"}, 1}} {
		fs, err := l.LintGroup(weightGroup(t, c.weights...))
		if err != nil || len(fs) != c.findings {
			t.Errorf("weights %v: %d findings %v, want %d", c.weights, len(fs), err, c.findings)
		}
	}
}

// A linear schedule whose payout levels off at a knot does not fall:
// knots (0, 10 %) and (1000, 5 %) give r(x) = 0.1 − 0.00005·x and payout
// x·r(x), whose slope at 1000 is 2·5 % − 10 % = 0 (by hand), so there is
// no negative-marginal finding; (1000, 4 %) makes it −2 % and one is
// reported (lint.go: `slope.Sign() >= 0` → `> 0` reported the flat one).
func TestNegativeMarginalFlatSlope(t *testing.T) {
	count := func(rate string) int {
		p := incentive.MustParsePlan(`{"id": "x", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
		  {"id": "fade", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
		   "schedule": {"mode": "linear", "boundary": "lower-inclusive", "rate_places": 5, "rounding": "half-even", "tiers": [{"from": "0", "rate": "10%"}, {"from": "1000", "rate": "` + rate + `"}]}}]}`)
		r, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).Lint(p)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range r.Findings {
			if f.Check == analysis.NegativeMarginal {
				n++
			}
		}
		return n
	}
	if n := count("5%"); n != 0 {
		t.Errorf("slope 0: %d negative-marginal findings, want 0", n)
	}
	if n := count("4%"); n != 1 {
		t.Errorf("slope −2 %%: %d negative-marginal findings, want 1", n)
	}
}
