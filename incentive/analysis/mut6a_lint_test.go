package analysis_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// NewLinter accepts exactly MaxLintMetrics declared metrics and refuses
// one more with ErrTooMany at "/metrics" (checkMetrics' `len(ms) >
// MaxLintMetrics`); a metric whose Min equals its Max is a range of one
// value and is accepted, while a Min above the Max is ErrInvalid at the
// max (`Min > Max`, not `≥`).
func TestLinterMetricLimits(t *testing.T) {
	jump := d("1000")
	metrics := func(n int) []analysis.MetricRange {
		ms := make([]analysis.MetricRange, n)
		for i := range ms {
			ms[i] = analysis.MetricRange{Metric: "m" + strconv.Itoa(i)}
		}
		return ms
	}
	for _, tc := range []struct {
		name    string
		metrics []analysis.MetricRange
		path    string // "" when NewLinter accepts the options
		want    error
	}{
		{"256 metrics, the limit", metrics(analysis.MaxLintMetrics), "", nil},
		{"257 metrics", metrics(analysis.MaxLintMetrics + 1), "/metrics", analysis.ErrTooMany},
		{"min = max = 3", []analysis.MetricRange{{Metric: "csat", Min: dp("3"), Max: dp("3")}}, "", nil},
		{"min 3.01 above max 3", []analysis.MetricRange{{Metric: "csat", Min: dp("3.01"), Max: dp("3")}}, "/metrics/0/max", analysis.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := analysis.NewLinter(analysis.LintSpec{CliffJump: &jump, Metrics: tc.metrics})
			if tc.path == "" {
				if err != nil {
					t.Fatalf("NewLinter: %v, want no error", err)
				}
				return
			}
			var pe *analysis.ParamError
			if !errors.As(err, &pe) || pe.Path != tc.path || !errors.Is(err, tc.want) {
				t.Fatalf("NewLinter: %v, want %v at %s", err, tc.want, tc.path)
			}
		})
	}
}

// ruleMessages returns the messages of r's findings of rule c.
func ruleMessages(r analysis.Report, c analysis.Check) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Check == c {
			out = append(out, f.Message)
		}
	}
	return out
}

// The unreachable-tier and negative-marginal messages number tiers from
// 1 ("tier j+1 of n", lint.go component). All-units 1 % / 2 % / 3 % / 4 %
// from 0 / 1,000 / 2,000 / 3,000, cap 25: entering tier 2 pays 2 % ×
// 1,000 = 20 < 25, entering tier 3 pays 3 % × 2,000 = 60 ≥ 25, so tiers 3
// to 4 of 4 never pay more than the cap. All-units 2 % then 1 % from
// 1,000: 2 % × 1,000 = 20 just below the bound, 1 % × 1,000 = 10 on
// entering tier 2, a fall of 20 − 10 = 10.
func TestLintTierMessagesCountFromOne(t *testing.T) {
	for _, tc := range []struct {
		name, tiers, extra string
		check              analysis.Check
		want               []string
	}{
		{"unreachable tier", `[{"from": "0", "rate": "1%"}, {"from": "1000", "rate": "2%"}, {"from": "2000", "rate": "3%"}, {"from": "3000", "rate": "4%"}]`,
			`, "cap": "25"`, analysis.UnreachableTier,
			[]string{"the component cap 25 USD is reached at the bound of tier 3 of 4 (2000 USD, paying at least 60 USD): tiers 3 to 4 never pay more than the cap"}},
		{"negative marginal", `[{"from": "0", "rate": "2%"}, {"from": "1000", "rate": "1%"}]`,
			"", analysis.NegativeMarginal,
			[]string{"the schedule pays less on entering tier 2 at 1000 USD than just below it: 10 USD instead of 20 USD, a fall of 10 USD"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := lintComp(t, `{"mode": "all-units", "boundary": "lower-inclusive", "tiers": `+tc.tiers+`}`, tc.extra, `{"cliff_jump": "1000"}`)
			if diff := cmp.Diff(tc.want, ruleMessages(r, tc.check)); diff != "" {
				t.Errorf("%s messages (-want +got):\n%s", tc.check, diff)
			}
		})
	}
}

// The unreachable-accelerator rule reports an accelerator whose quota is
// reached only where the line already pays the cap, the cap included
// (lint.go `S(q)·minMult ≥ cap`): all-units 1 %, accelerator ×2 from the
// quota 1,000, where the schedule pays 1 % × 1,000 = 10. Cap 9.99 and cap
// 10 (= 10) are reported; cap 10.01 is above 10, and the accelerator pays.
func TestLintUnreachableAcceleratorAtCap(t *testing.T) {
	for _, tc := range []struct {
		capAmt string
		want   []finding
	}{
		{"9.99", []finding{{"unreachable-accelerator", "/components/0/modifiers/0", map[string]string{"quota": "1000", "payout_at_quota": "10", "cap": "9.99"}}}},
		{"10", []finding{{"unreachable-accelerator", "/components/0/modifiers/0", map[string]string{"quota": "1000", "payout_at_quota": "10", "cap": "10"}}}},
		{"10.01", nil},
	} {
		t.Run("cap "+tc.capAmt, func(t *testing.T) {
			r := lintComp(t, `{"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}`,
				`, "cap": "`+tc.capAmt+`", "modifiers": [{"kind": "accelerator", "factor": "2", "quota": "1000"}]`, `{"cliff_jump": "1000"}`)
			if diff := cmp.Diff(tc.want, findings(r, analysis.ExposureBound)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
