package analysis_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// TestLintBrokenPlans lints every deliberately broken plan: each planted
// defect is found at its path with the hand-calculated figures, and
// nothing else above info is reported.
func TestLintBrokenPlans(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "broken-plans.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Lint  json.RawMessage `json:"lint"`
		Cases []struct {
			Name   string          `json:"name"`
			Plan   json.RawMessage `json:"plan"`
			Expect []struct {
				Check    string            `json:"check"`
				Severity string            `json:"severity"`
				Path     string            `json:"path"`
				Details  map[string]string `json:"details"`
			} `json:"expect"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	l, err := analysis.ParseLinter(f.Lint)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 9 {
		t.Fatalf("%d cases, want every planted defect", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			p, err := incentive.ParsePlan(c.Plan)
			if err != nil {
				t.Fatal(err)
			}
			r, err := l.Lint(p)
			if err != nil {
				t.Fatal(err)
			}
			var above []analysis.Finding
			for _, x := range r.Findings {
				if x.Severity > analysis.Info {
					above = append(above, x)
				}
			}
			if len(above) != len(c.Expect) {
				t.Fatalf("%d findings above info, want %d: %+v", len(above), len(c.Expect), above)
			}
			for i, want := range c.Expect {
				got := above[i]
				if got.Check.String() != want.Check || got.Severity.String() != want.Severity || got.Path != want.Path {
					t.Errorf("finding %d = %s %s %s, want %s %s %s", i, got.Check, got.Severity, got.Path, want.Check, want.Severity, want.Path)
				}
				if len(got.Details) != len(want.Details) {
					t.Errorf("finding %d details %+v, want %v", i, got.Details, want.Details)
				}
				for name, v := range want.Details {
					g, ok := got.Detail(name)
					if !ok || !g.Equal(d(v)) {
						t.Errorf("finding %d %s = %s (present %v), want %s", i, name, g, ok, v)
					}
				}
				t.Log(got.Message)
				if got.Message == "" || got.Component == "" {
					t.Errorf("finding %d without message or component: %+v", i, got)
				}
			}
		})
	}
}

// TestLintCleanScenarios lints the plans of incentive's scenario files:
// with cliffs reported from 5,000 (scenario 1's retroactive cliffs are
// 1,000, 2,500 and 2,000 by design) nothing above info is found.
func TestLintCleanScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	// The metrics the scenarios' facts provide, declared so that the
	// closed-gate rule runs on scenario 7's gates.
	l := analysis.MustParseLinter(`{"cliff_jump": "5000", "metrics": [{"metric": "csat", "min": "0", "max": "100"}, {"metric": "certified", "min": "0", "max": "1"}]}`)
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			r, err := l.Lint(scenarioPlan(t, name))
			if err != nil {
				t.Fatal(err)
			}
			if w := r.Worst(); w > analysis.Info {
				t.Errorf("worst %s: %+v", w, r.Findings)
			}
			if len(r.Findings) != 1 || r.Findings[0].Check != analysis.ExposureBound {
				t.Errorf("findings %+v, want the exposure alone", r.Findings)
			}
			t.Log(r.Findings[0].Message)
		})
	}
}

// TestLintScenarioOneCliffs checks the retroactive cliffs of scenario 1
// with a threshold of 2,000: (2% − 1%) × 100,000 = 1,000 is below it,
// (3% − 2%) × 250,000 = 2,500 and (3.5% − 3%) × 400,000 = 2,000 are
// reported.
func TestLintScenarioOneCliffs(t *testing.T) {
	p := scenarioPlan(t, filepath.Join("..", "testdata", "scenarios", "01-retroactive-boundaries.json"))
	r, err := analysis.MustParseLinter(`{"cliff_jump": "2000", "disable": ["exposure"]}`).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Path string
		Jump string
	}
	var gs []got
	for _, f := range r.Findings {
		j, _ := f.Detail("jump")
		gs = append(gs, got{f.Path, j.String()})
	}
	want := []got{{"/components/0/schedule/tiers/2", "2500"}, {"/components/0/schedule/tiers/3", "2000"}}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Error(diff)
	}
}

func TestFindingOrder(t *testing.T) {
	// Two components' findings: /components/2 sorts before /components/10
	// (indices compared as numbers), most severe first.
	var cs []string
	for i := range 11 {
		rate := "1%"
		if i == 2 || i == 10 {
			rate = "9%"
		}
		cs = append(cs, `{"id": "c`+strconv.Itoa(i)+`", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
		 "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "5%"}, {"from": "100000", "rate": "`+rate+`"}]}}`)
	}
	p := incentive.MustParsePlan(`{"id": "p", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [` + strings.Join(cs, ",") + `]}`)
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000", "disable": ["exposure"]}`).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Severity.String()+" "+f.Path)
	}
	want := []string{"critical /components/0/schedule/tiers/1", "critical /components/1/schedule/tiers/1"}
	for _, i := range []int{3, 4, 5, 6, 7, 8, 9} {
		want = append(want, "critical /components/"+strconv.Itoa(i)+"/schedule/tiers/1")
	}
	want = append(want, "warning /components/2/schedule/tiers/1", "warning /components/10/schedule/tiers/1")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

// scenarioPlan reads the plan of one of incentive's scenario files.
func scenarioPlan(t *testing.T, name string) incentive.Plan {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Plan json.RawMessage `json:"plan"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	p, err := incentive.ParsePlan(s.Plan)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
