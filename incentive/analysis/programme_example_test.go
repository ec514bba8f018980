package analysis_test

import (
	"fmt"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// A launch plan with three programme defects: a third-quarter SPIF
// without a budget (capped at 500 per partner, 92 days), a certification
// gate on a metric the host declares from 0 to 1 but needing 2, and two
// product-line rebates whose categories overlap on software.
func ExampleLinter_Lint_programme() {
	plan := incentive.MustParsePlan(`{"id": "launch", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [
	  {"id": "hardware", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	   "eligibility": {"categories": ["hardware", "software"]},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]},
	   "modifiers": [{"kind": "gate", "metric": "certified", "at_least": "2"}]},
	  {"id": "software", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	   "eligibility": {"categories": ["software", "services"]},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "3%"}]}},
	  {"id": "q3-spif", "version": "1", "effective_from": "2025-07-01", "effective_until": "2025-10-01", "recipient": "partner",
	   "measure": "units", "cap": "500",
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "price": "25"}]}}]}`)
	l := analysis.MustParseLinter(`{"cliff_jump": "1000", "disable": ["exposure"],
	 "metrics": [{"metric": "certified", "min": "0", "max": "1"}]}`)
	r, err := l.Lint(plan)
	if err != nil {
		panic(err)
	}
	for _, f := range r.Findings {
		fmt.Printf("%s %s at %q\n  %s\n", f.Severity, f.Check, f.Path, f.Message)
	}
	// Output:
	// warning closed-gate at "/components/0/modifiers/0/at_least"
	//   the gate needs metric "certified" of at least 2, above its declared maximum 1: it never opens and component "hardware" never pays
	// warning double-pay at "/components/1/eligibility"
	//   components "hardware" (version "1", /components/0) and "software" (version "1") both pay the partner on revenue, and their eligibility overlaps without one containing the other: a transaction with category software, dated from 2025-01-01, counts in both
	// warning unbudgeted-spif at "/components/2"
	//   component "q3-spif" version "1" is time-boxed (2025-07-01 to 2025-10-01, 92 days, not continued by a later version) but has no budget: only its largest line, 500 USD per partner, times the number of recipients bounds its cost
}

// A draft of 40 components, more than a plan may have
// (incentive.MaxComponents), in which a new version of component c007
// starts on 1 June while version 1 runs until 1 July: lint finds the 30
// days of overlap that incentive.NewPlan would refuse.
func ExampleLinter_LintDraft() {
	spec := incentive.PlanSpec{ID: "draft", Version: "1", Currency: usd, Rounding: halfEven, Places: 2}
	for i := range 40 {
		spec.Components = append(spec.Components, draftComponent(i))
	}
	spec.Components[7].EffectiveUntil = incentive.MustDate("2025-07-01")
	v2 := draftComponent(7)
	v2.Version, v2.EffectiveFrom = "2", incentive.MustDate("2025-06-01")
	spec.Components = append(spec.Components, v2)

	l := analysis.MustParseLinter(`{"cliff_jump": "1000", "disable": ["exposure"]}`)
	r, err := l.LintDraft(spec)
	if err != nil {
		panic(err)
	}
	for _, f := range r.Findings {
		fmt.Printf("%s %s at %q\n  %s\n", f.Severity, f.Check, f.Path, f.Message)
	}
	// Output:
	// critical version-overlap at "/components/40/effective_from"
	//   versions "1" (/components/7) and "2" of component "c007" are both effective from 2025-06-01 until 2025-07-01 (30 days): incentive.NewPlan rejects the plan
}

// A team's weights 50, 30 and 10 were meant as percentages, with 10 %
// left to no one; the engine shares in proportion, so the first member
// gets 50/90 = 55.56 % of the award.
func ExampleLinter_LintGroup() {
	g := incentive.MustParseGroup(`{"id": "emea-team", "share": "weights", "members": [
	 {"recipient": {"kind": "rep", "id": "ana"}, "weight": "50"},
	 {"recipient": {"kind": "rep", "id": "ben"}, "weight": "30"},
	 {"recipient": {"kind": "rep", "id": "cho"}, "weight": "10"}]}`)
	fs, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).LintGroup(g)
	if err != nil {
		panic(err)
	}
	for _, f := range fs {
		sum, _ := f.Detail("sum")
		fmt.Printf("%s %s at %q (sum %s)\n  %s\n", f.Severity, f.Check, f.Path, sum, f.Message)
	}
	// Output:
	// warning split-sum at "/members" (sum 90)
	//   the member weights of "emea-team" sum to 90, neither 1 nor 100: the whole is shared in proportion to them, not as declared (rep:ana, declared 50, gets 50/90 of it)
}
