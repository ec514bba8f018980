package analysis_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// doublePays counts the double-pay findings of a plan of two partner
// revenue rebates restricted to territories ta and tb (a JSON list each).
func doublePays(t *testing.T, ta, tb string) int {
	t.Helper()
	p := incentive.MustParsePlan(`{"id": "t", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [
	  {"id": "a", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	   "eligibility": {"territories": ` + ta + `},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]}},
	  {"id": "b", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	   "eligibility": {"territories": ` + tb + `},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "3%"}]}}]}`)
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000", "disable": ["exposure"]}`).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range r.Findings {
		if f.Check == analysis.DoublePay {
			n++
		}
	}
	return n
}

// TestDoublePayNestedLists pins contains: when both components restrict
// the same list and one list is a subset of the other ([EU] within [EU,
// US]), one eligibility contains the other and no double-pay is reported
// (nesting is a deliberate top-up, not an accident); lists that overlap
// without nesting ([EU, US] and [EU, APAC], sharing EU) are reported once.
func TestDoublePayNestedLists(t *testing.T) {
	for _, c := range []struct {
		ta, tb string
		want   int
	}{
		{`["EU", "US"]`, `["EU"]`, 0},
		{`["EU"]`, `["EU", "US"]`, 0},
		{`["EU", "US"]`, `["US", "EU"]`, 0},
		{`["EU", "US"]`, `["EU", "APAC"]`, 1},
	} {
		if got := doublePays(t, c.ta, c.tb); got != c.want {
			t.Errorf("territories %s and %s: %d double-pay findings, want %d", c.ta, c.tb, got, c.want)
		}
	}
}

// TestSplitSumLowEnds pins nearWhole's lower ends as included: weights
// summing to exactly 0.5 (0.25 + 0.25) or 50 (25 + 25) look like
// fractions or percentages short of the whole and are reported
// (`sum >= 0.5` and `sum >= 50`, not `>`); 0.4 (0.2 + 0.2) and 40 (20 +
// 20) lie below both ranges and read as ratios, not reported.
func TestSplitSumLowEnds(t *testing.T) {
	l := analysis.MustParseLinter(`{"cliff_jump": "1"}`)
	for _, c := range []struct {
		weights  []string
		findings int
	}{{[]string{"0.25", "0.25"}, 1}, {[]string{"25", "25"}, 1}, {[]string{"0.2", "0.2"}, 0}, {[]string{"20", "20"}, 0}} {
		fs, err := l.LintGroup(weightGroup(t, c.weights...))
		if err != nil || len(fs) != c.findings {
			t.Errorf("weights %v: %d findings %v, want %d", c.weights, len(fs), err, c.findings)
		}
	}
}

// TestLintDraftAtComponentLimit: a draft of exactly MaxDraftComponents
// (1,024) plain rebates is linted (the limit is `n > 1024`, inclusive):
// the draft is valid and yields no finding; 1,025 is refused (see
// TestLintDraftErrors).
func TestLintDraftAtComponentLimit(t *testing.T) {
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000", "disable": ["exposure"]}`).LintDraft(draft(analysis.MaxDraftComponents))
	if err != nil {
		t.Fatalf("%d components: %v", analysis.MaxDraftComponents, err)
	}
	if len(r.Findings) != 0 {
		t.Errorf("findings %+v, want none", r.Findings)
	}
}

// TestLintDraftAttainmentReadsOther pins validateDraft's companions: a
// component whose attainment reads another component ("bonus" reads
// "bookings") is validated together with exactly that component (not
// alone, and not with the others), so the valid draft lints without
// error: no missing component, no repeated (id, version).
func TestLintDraftAttainmentReadsOther(t *testing.T) {
	spec := incentive.MustParsePlan(`{"id": "att", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [
	  {"id": "bonus", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
	   "attainment": {"measures": [{"component": "bookings", "weight": "100%", "quota": "100000"}]},
	   "schedule": {"mode": "incremental", "boundary": "lower-inclusive", "tiers": [{"from": "0", "price": "50"}]}},
	  {"id": "bookings", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "5%"}]}},
	  {"id": "logos", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "events",
	   "eligibility": {"events": ["new-logo"]},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "price": "100"}]}}]}`).Spec()
	if _, err := analysis.MustParseLinter(`{"cliff_jump": "1000000", "disable": ["exposure"]}`).LintDraft(spec); err != nil {
		t.Errorf("LintDraft: %v, want the valid draft linted", err)
	}
}
