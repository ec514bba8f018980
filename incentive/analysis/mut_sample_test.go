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
