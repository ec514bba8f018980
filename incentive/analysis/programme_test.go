package analysis_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// draftComponent is a plain 1 % revenue rebate, component i of a draft.
func draftComponent(i int) incentive.ComponentSpec {
	return incentive.ComponentSpec{
		ID: fmt.Sprintf("c%03d", i), Version: "1", EffectiveFrom: incentive.MustDate("2025-01-01"),
		Recipient: incentive.RecipientPartner, Measure: incentive.Revenue,
		Schedule: tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive,
			Tiers: []tier.Tier{{From: d("0"), Rate: rate("1%")}}},
	}
}

func draft(n int) incentive.PlanSpec {
	s := incentive.PlanSpec{ID: "draft", Version: "1", Currency: usd, Rounding: halfEven, Places: 2}
	for i := range n {
		s.Components = append(s.Components, draftComponent(i))
	}
	return s
}

// TestLintDraftLarge lints a draft of 40 components, more than a plan may
// have: the cliff planted in component 37 is found at its path, with the
// hand-calculated jump (3 % − 1 %) × 100,000 = 2,000.
func TestLintDraftLarge(t *testing.T) {
	s := draft(40)
	s.Components[37].Schedule.Tiers = append(s.Components[37].Schedule.Tiers, tier.Tier{From: d("100000"), Rate: rate("3%")})
	if _, err := incentive.NewPlan(s); !errors.Is(err, incentive.ErrTooMany) {
		t.Fatalf("NewPlan: %v, want ErrTooMany (the draft is over the plan limit)", err)
	}
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000", "disable": ["exposure"]}`).LintDraft(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("findings %+v, want the cliff alone", r.Findings)
	}
	f := r.Findings[0]
	if j, _ := f.Detail("jump"); f.Check != analysis.Cliff || f.Path != "/components/37/schedule/tiers/1" || !j.Equal(d("2000")) || f.Component != "c037" {
		t.Errorf("finding %+v", f)
	}
	if r.PlanHash != "" || r.Plan != "draft" {
		t.Errorf("plan %q hash %q, want draft without a hash", r.Plan, r.PlanHash)
	}
	if len(r.Exposure.Components) != 40 {
		t.Errorf("%d component exposures, want 40", len(r.Exposure.Components))
	}
}

// TestLintDraftOverlap: version 1 runs 2025-01-01 until 2025-07-01,
// version 2 from 2025-06-01: both are effective for June, 30 days.
func TestLintDraftOverlap(t *testing.T) {
	s := draft(2)
	s.Components[1].ID = s.Components[0].ID
	s.Components[1].Version = "2"
	s.Components[0].EffectiveUntil = incentive.MustDate("2025-07-01")
	s.Components[1].EffectiveFrom = incentive.MustDate("2025-06-01")
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000", "disable": ["exposure"]}`).LintDraft(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("findings %+v, want the overlap alone", r.Findings)
	}
	f := r.Findings[0]
	if days, _ := f.Detail("days"); f.Check != analysis.VersionOverlap || f.Severity != analysis.Critical ||
		f.Path != "/components/1/effective_from" || !days.Equal(d("30")) {
		t.Errorf("finding %+v", f)
	}
	t.Log(f.Message)
}

// TestLintDraftErrors: an invalid component is reported at its index in
// the draft, a repeated (id, version) as a duplicate, the plan's own
// members once.
func TestLintDraftErrors(t *testing.T) {
	s := draft(36)
	s.Components[35].Cap = dp("-1")
	s.Components[20].ID = s.Components[3].ID
	s.Places = 3 // more than USD's 2 digits
	_, err := analysis.MustParseLinter(`{"cliff_jump": "1"}`).LintDraft(s)
	var paths []string
	for _, e := range unjoin(err) {
		var pe *incentive.PlanError
		if !errors.As(e, &pe) {
			t.Fatalf("%v is not a *incentive.PlanError", e)
		}
		paths = append(paths, pe.Path)
	}
	want := []string{"/places", "/components/20/version", "/components/35/cap"}
	if fmt.Sprint(paths) != fmt.Sprint(want) {
		t.Errorf("paths %v, want %v (%v)", paths, want, err)
	}
	if !errors.Is(err, incentive.ErrDuplicate) || !errors.Is(err, incentive.ErrInvalid) {
		t.Errorf("%v does not match the sentinels", err)
	}
	_, err = analysis.MustParseLinter(`{"cliff_jump": "1"}`).LintDraft(draft(analysis.MaxDraftComponents + 1))
	var pe *analysis.ParamError
	if !errors.As(err, &pe) || pe.Path != "/components" || !errors.Is(err, analysis.ErrTooMany) {
		t.Errorf("too large a draft: %v", err)
	}
	if _, err := analysis.MustParseLinter(`{"cliff_jump": "1"}`).LintDraft(draft(0)); !errors.Is(err, incentive.ErrInvalid) {
		t.Errorf("empty draft: %v", err)
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// TestLintDraftMatchesLint: a plan's spec linted as a draft gives Lint's
// report, hash aside.
func TestLintDraftMatchesLint(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	l := analysis.MustParseLinter(`{"cliff_jump": "1000"}`)
	for _, name := range files {
		p := scenarioPlan(t, name)
		a, err := l.Lint(p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := l.LintDraft(p.Spec())
		if err != nil {
			t.Fatal(err)
		}
		b.PlanHash = a.PlanHash
		if !a.Equal(b) {
			t.Errorf("%s: draft %+v, plan %+v", name, b, a)
		}
	}
}

// weightGroup is a group sharing by weight among reps r0, r1, … with the
// given weights.
func weightGroup(t *testing.T, weights ...string) incentive.Group {
	t.Helper()
	s := incentive.GroupSpec{ID: "team", Share: incentive.ShareByWeight}
	for i, w := range weights {
		s.Members = append(s.Members, incentive.GroupMember{Recipient: incentive.Recipient{Kind: incentive.RecipientRep, ID: fmt.Sprint("r", i)}, Weight: dp(w)})
	}
	g, err := incentive.NewGroup(s)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestLintGroup: weights 50, 30 and 10 sum to 90, neither 1 nor 100;
// 60 and 40, 0.5 and 0.5, and the equal rule are clean.
func TestLintGroup(t *testing.T) {
	l := analysis.MustParseLinter(`{"cliff_jump": "1"}`)
	group := func(weights ...string) incentive.Group { return weightGroup(t, weights...) }
	fs, err := l.LintGroup(group("50", "30", "10"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("findings %+v, want one", fs)
	}
	if sum, _ := fs[0].Detail("sum"); fs[0].Check != analysis.SplitSum || fs[0].Path != "/members" || !sum.Equal(d("90")) || fs[0].Severity != analysis.Warning {
		t.Errorf("finding %+v", fs[0])
	}
	t.Log(fs[0].Message)
	// 60 + 40 and 0.5 + 0.5 make the whole; 2 : 1 and 1 : 1 : 1 are ratios.
	for _, g := range []incentive.Group{group("60", "40"), group("0.5", "0.5"), group("2", "1"), group("1", "1", "1"),
		incentive.MustParseGroup(`{"id": "pool", "share": "equal", "members": [{"recipient": {"kind": "rep", "id": "a"}}]}`)} {
		if fs, err := l.LintGroup(g); err != nil || len(fs) != 0 {
			t.Errorf("%s: %+v %v, want nothing", g.ID(), fs, err)
		}
	}
	if fs, _ := analysis.MustParseLinter(`{"cliff_jump": "1", "disable": ["split-sum"]}`).LintGroup(group("50", "30", "10")); len(fs) != 0 {
		t.Errorf("disabled rule reported %+v", fs)
	}
	if _, err := l.LintGroup(incentive.Group{}); !errors.Is(err, analysis.ErrPlan) {
		t.Errorf("zero group: %v", err)
	}
}

var (
	usd      = money.MustCurrency("USD")
	halfEven = money.HalfEven
)

func rate(s string) money.Rate {
	r, err := money.ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

// A team component whose member weights sum to 90 (50 + 30 + 10) is a
// split-sum warning at its team's member list; 60 + 40 is clean.
func TestLintTeamSplitSum(t *testing.T) {
	l := analysis.MustParseLinter(`{"cliff_jump": "1000"}`)
	plan := func(w ...string) incentive.Plan {
		var ms []string
		for i, x := range w {
			ms = append(ms, fmt.Sprintf(`{"recipient": {"kind": "rep", "id": "r%d"}, "weight": "%s"}`, i, x))
		}
		return incentive.MustParsePlan(`{"id": "p", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
		 "components": [{"id": "pool", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
		  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]},
		  "team": {"id": "west", "share": "weights", "members": [` + strings.Join(ms, ",") + `]}}]}`)
	}
	r, err := l.Lint(plan("50", "30", "10"))
	if err != nil {
		t.Fatal(err)
	}
	var got []analysis.Finding
	for _, f := range r.Findings {
		if f.Check == analysis.SplitSum {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Path != "/components/0/team/members" {
		t.Fatalf("split-sum findings %+v, want one at /components/0/team/members", got)
	}
	if sum, _ := got[0].Detail("sum"); !sum.Equal(d("90")) {
		t.Errorf("sum %s, want 90", sum)
	}
	r, _ = l.Lint(plan("60", "40"))
	for _, f := range r.Findings {
		if f.Check == analysis.SplitSum {
			t.Errorf("60 + 40: %+v", f)
		}
	}
}

// TestCliffAtThreshold: a cliff is reported when its jump reaches the
// threshold, not only beyond it: (3 % − 1 %) × 100,000 = 2,000 (by hand)
// is reported with cliff_jump 2000 and not with 2000.01 (lint.go: `jump >=
// threshold` → `>` let the 2,000 jump pass).
func TestCliffAtThreshold(t *testing.T) {
	s := draft(1)
	s.Components[0].Schedule.Tiers = append(s.Components[0].Schedule.Tiers, tier.Tier{From: d("100000"), Rate: rate("3%")})
	for _, c := range []struct {
		threshold string
		findings  int
	}{{"2000", 1}, {"2000.01", 0}} {
		r, err := analysis.MustParseLinter(`{"cliff_jump": "` + c.threshold + `", "disable": ["exposure"]}`).LintDraft(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Findings) != c.findings {
			t.Errorf("cliff_jump %s: findings %+v, want %d", c.threshold, r.Findings, c.findings)
		}
	}
}

// TestCliffClippedToNothing: with cliff_jump 0 every positive jump is
// reported, but one the cap clips to nothing is not: 1 % → 3 % at
// 100,000 jumps from 1,000 to 3,000, both over the 500 cap, so the paid
// jump is min(3,000, 500) − min(1,000, 500) = 0 (by hand; lint.go: `d > 0`
// → `>=` reported it).
func TestCliffClippedToNothing(t *testing.T) {
	s := draft(1)
	s.Components[0].Schedule.Tiers = append(s.Components[0].Schedule.Tiers, tier.Tier{From: d("100000"), Rate: rate("3%")})
	capAmount := d("500")
	s.Components[0].Cap = &capAmount
	r, err := analysis.MustParseLinter(`{"cliff_jump": "0", "disable": ["exposure"]}`).LintDraft(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		if f.Check == analysis.Cliff {
			t.Errorf("a cliff clipped to 0 reported: %+v", f)
		}
	}
}
