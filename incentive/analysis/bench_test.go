package analysis_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// BenchmarkSimulate runs the 4-tier retroactive rebate of volumePlan for
// partners uniform on [0, 600,000.00] on all cores (tier's int64 path).
func BenchmarkSimulate(b *testing.B) {
	plan := incentive.MustParsePlan(volumePlan)
	for _, size := range []struct{ partners, draws int }{{1000, 100}, {10000, 1000}} {
		b.Run(fmt.Sprintf("partners=%d/draws=%d", size.partners, size.draws), func(b *testing.B) {
			pop := analysis.MustParsePopulation(fmt.Sprintf(`{"component": "volume", "partners": %d, "draws": %d, "seed": 1,
				"attainment": {"shape": "uniform", "low": "0", "high": "600000"}}`, size.partners, size.draws))
			workers := runtime.GOMAXPROCS(0)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := analysis.Simulate(plan, pop, workers); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(size.partners*size.draws), "ns/partner-draw")
		})
	}
}

// wideSpec returns a plan specification of n components, each a 6-tier
// all-units schedule with a cap, an accelerator and a multiplier, in
// versions with gaps (four versions per component ID).
func wideSpec(n int) incentive.PlanSpec {
	var cs []string
	for i := range n {
		cs = append(cs, fmt.Sprintf(`{"id": "c%d", "version": "%d", "effective_from": "2025-0%d-01", "effective_until": "2025-0%d-01",
		 "recipient": "partner", "measure": "revenue", "cap": "%d",
		 "modifiers": [{"kind": "accelerator", "factor": "1.5", "quota": "200000"}, {"kind": "multiplier", "metric": "csat", "bands": [{"from": "0", "factor": "0.8"}, {"from": "4", "factor": "1.2"}]}],
		 "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%%"}, {"from": "100000", "rate": "2%%"},
		  {"from": "250000", "rate": "3%%"}, {"from": "400000", "rate": "3.5%%"}, {"from": "600000", "rate": "3%%"}, {"from": "900000", "rate": "4%%"}]}}`,
			i/4, i%4, 1+2*(i%4), 2+2*(i%4), 5000+1000*i))
	}
	var spec incentive.PlanSpec
	doc := `{"id": "wide", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [` + strings.Join(cs, ",") + `]}`
	if err := json.Unmarshal([]byte(doc), &spec); err != nil {
		panic(err)
	}
	return spec
}

// widePlan returns wideSpec(n) as a plan (n ≤ incentive.MaxComponents).
func widePlan(n int) incentive.Plan {
	p, err := incentive.NewPlan(wideSpec(n))
	if err != nil {
		panic(err)
	}
	return p
}

// BenchmarkLint lints a plan of incentive.MaxComponents components.
func BenchmarkLint(b *testing.B) {
	l := analysis.MustParseLinter(`{"cliff_jump": "1000"}`)
	for _, n := range []int{1, incentive.MaxComponents} {
		b.Run(fmt.Sprintf("components=%d", n), func(b *testing.B) {
			p := widePlan(n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Lint(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// A plan has at most incentive.MaxComponents components (the
	// evaluator keeps one bit per component in a uint64); larger drafts
	// are linted as specs.
	for _, n := range []int{incentive.MaxComponents, 200} {
		b.Run(fmt.Sprintf("draft/components=%d", n), func(b *testing.B) {
			spec := wideSpec(n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.LintDraft(spec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
