package analysis_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// lintComp lints a one-component USD plan (2 places, half-even) whose
// component has the given schedule and extra members.
func lintComp(t *testing.T, schedule, extra, opts string) analysis.Report {
	t.Helper()
	p := incentive.MustParsePlan(`{"id": "x", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
	  {"id": "c", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue"` + extra + `,
	   "schedule": ` + schedule + `}]}`)
	r, err := analysis.MustParseLinter(opts).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// finding is a finding's rule, path and figures, for comparison.
type finding struct {
	Check   string
	Path    string
	Details map[string]string
}

func findings(r analysis.Report, skip analysis.Check) []finding {
	var out []finding
	for _, f := range r.Findings {
		if f.Check == skip {
			continue
		}
		ds := map[string]string{}
		for _, d := range f.Details {
			ds[d.Name] = d.Value.String()
		}
		out = append(out, finding{f.Check.String(), f.Path, ds})
	}
	return out
}

// The unreachable-tier rule judges a tier on entering it, with the least
// modifiers (component.go lowAt).
func TestLintUnreachableWithAccelerator(t *testing.T) {
	const tiers = `[{"from": "0", "rate": "1%"}, {"from": "1000", "rate": "2%"}]`
	for _, tc := range []struct {
		name, boundary, extra string
		want                  []finding
	}{
		// Upper-inclusive, accelerator ×2 from a fixed quota at the bound
		// 1,000: just above it the schedule pays 2 % (20 at the bound),
		// S(1000) = 1 % × 1,000 = 10 (1,000 is in tier 1), so the line
		// pays 10 + 2 × (20 − 10) = 30, over the cap 25: tier 2 pays the
		// cap from its start (lowAt `x > q` missed it: at x = q it left
		// out the accelerator, 20 < 25).
		{"accelerator from the bound, upper-inclusive", "upper-inclusive",
			`, "cap": "25", "modifiers": [{"kind": "accelerator", "factor": "2", "quota": "1000"}]`,
			[]finding{{"unreachable-tier", "/components/0/schedule/tiers/1", map[string]string{"bound": "1000", "payout_at_bound": "30", "cap": "25"}}}},
		// Lower-inclusive, the same: at 1,000 the schedule pays 2 % ×
		// 1,000 = 20 = S(1000), and the accelerator adds 2 × (20 − 20) =
		// 0: 20 < 25, reachable.
		{"accelerator from the bound, lower-inclusive", "lower-inclusive",
			`, "cap": "25", "modifiers": [{"kind": "accelerator", "factor": "2", "quota": "1000"}]`, nil},
		// Quota 5,000 above the bound: at 1,000 the accelerator does not
		// apply (x ≤ q), 20 ≥ cap 15 (lowAt `x > q` → `x ≤ q` would give
		// S(5000) + 2 × (20 − S(5000)) = 100 + 2 × (20 − 100) = −60).
		{"quota above the bound", "lower-inclusive",
			`, "cap": "15", "modifiers": [{"kind": "accelerator", "factor": "2", "quota": "5000"}]`,
			// S(5000) = 2 % × 5,000 = 100 ≥ 15: the accelerator never pays.
			[]finding{
				{"unreachable-accelerator", "/components/0/modifiers/0", map[string]string{"quota": "5000", "payout_at_quota": "100", "cap": "15"}},
				{"unreachable-tier", "/components/0/schedule/tiers/1", map[string]string{"bound": "1000", "payout_at_bound": "20", "cap": "15"}},
			}},
		// A decelerator ×0.5 on a quota fact: the least line at 1,000 is
		// min(20, 0.5 × 20) = 10, which reaches the cap 10 (lowAt `case
		// a.quota == nil` → `!=` left it at 20).
		{"decelerator on a quota fact", "lower-inclusive",
			`, "cap": "10", "modifiers": [{"kind": "accelerator", "factor": "0.5"}]`,
			[]finding{{"unreachable-tier", "/components/0/schedule/tiers/1", map[string]string{"bound": "1000", "payout_at_bound": "10", "cap": "10"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := lintComp(t, `{"mode": "all-units", "boundary": "`+tc.boundary+`", "tiers": `+tiers+`}`, tc.extra, `{"cliff_jump": "1000"}`)
			if diff := cmp.Diff(tc.want, findings(r, analysis.ExposureBound)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// A cliff partly hidden by the cap is reported at the tier where the cap
// is reached, clipped (lint.go `unreachable == j`; beyond that tier the
// line pays the cap and no cliff is reported). All-units 1 % below 1,000
// and 5 % from it, cap 45: below the bound 1 % × 1,000 = 10, on entering
// 5 % × 1,000 = 50, clipped to 45: a jump of 35 (≥ 10), and tier 2 is
// unreachable; tier 3 (from 2,000, 6 %: 100 → 120) is past the cap.
func TestLintCliffAtUnreachableTier(t *testing.T) {
	r := lintComp(t, `{"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}, {"from": "1000", "rate": "5%"}, {"from": "2000", "rate": "6%"}]}`,
		`, "cap": "45"`, `{"cliff_jump": "10"}`)
	want := []finding{
		{"cliff", "/components/0/schedule/tiers/1", map[string]string{"bound": "1000", "payout_below": "10", "payout_at_bound": "45", "jump": "35"}},
		{"unreachable-tier", "/components/0/schedule/tiers/1", map[string]string{"bound": "1000", "payout_at_bound": "50", "cap": "45"}},
	}
	if diff := cmp.Diff(want, findings(r, analysis.ExposureBound)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
