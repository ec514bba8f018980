package incentive

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// planLimitComp is a valid partner component c<i> with the extra members
// extra (starting with a comma) and the tiers tiers.
func planLimitComp(i int, tiers, extra string) string {
	return fmt.Sprintf(`{"id":"c%d","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	 "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[%s]}%s}`, i, tiers, extra)
}

// planLimitDoc is a plan of the components comps.
func planLimitDoc(comps ...string) string {
	return `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[` + strings.Join(comps, ",") + `]}`
}

// The plan limits MaxTiers (32 tiers), MaxModifiers (8) and MaxSetEntries
// (64, for the enum sets motions and billing) allow exactly the limit
// (validate: `n > MaxTiers`, `len(mods) > MaxModifiers`, enumSet's
// `len(s) > MaxSetEntries`); one more is ErrTooMany at the list, saying
// the count and the limit. 64 motions all "new" are within the count, so
// what is wrong with them is the duplicates: "listed twice" from
// /motions/1 on, and no ErrTooMany.
func TestPlanLimitsAllowTheLimit(t *testing.T) {
	one := `{"from":"0","rate":"1%"}`
	gates := func(n int) string {
		gs := make([]string, n)
		for i := range gs {
			gs[i] = fmt.Sprintf(`{"kind":"gate","metric":"g%d","at_least":"1"}`, i)
		}
		return `,"modifiers":[` + strings.Join(gs, ",") + `]`
	}
	motions := func(n int) string {
		return `,"eligibility":{"motions":[` + strings.TrimSuffix(strings.Repeat(`"new",`, n), ",") + `]}`
	}
	for _, c := range []struct {
		name string
		doc  string
		path string // "" for no ErrTooMany
		says string
	}{
		{"32 tiers", planLimitDoc(planLimitComp(0, tiersJSON(MaxTiers), "")), "", ""},
		{"33 tiers", planLimitDoc(planLimitComp(0, tiersJSON(MaxTiers+1), "")),
			"/components/0/schedule/tiers", `incentive: /components/0/schedule/tiers = "33": too many entries: 33 tiers, at most 32`},
		{"8 modifiers", planLimitDoc(planLimitComp(0, one, gates(MaxModifiers))), "", ""},
		{"9 modifiers", planLimitDoc(planLimitComp(0, one, gates(MaxModifiers+1))),
			"/components/0/modifiers", `incentive: /components/0/modifiers = "9": too many entries: 9 modifiers, at most 8`},
	} {
		_, err := ParsePlan([]byte(c.doc))
		switch {
		case c.path == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.path != "" && (!errors.Is(err, ErrTooMany) || !slices.Equal(planErrorPaths(err), []string{c.path}) || err.Error() != c.says):
			t.Errorf("%s: got %v at %q, want %q", c.name, err, planErrorPaths(err), c.says)
		}
	}
	_, err := ParsePlan([]byte(planLimitDoc(planLimitComp(0, one, motions(MaxSetEntries)))))
	paths := planErrorPaths(err)
	if !errors.Is(err, ErrDuplicate) || errors.Is(err, ErrTooMany) || len(paths) == 0 || paths[0] != "/components/0/eligibility/motions/1" {
		t.Errorf("64 motions: %v at %q, want ErrDuplicate from /components/0/eligibility/motions/1", err, paths)
	}
	// A document cannot list 65 (the decoder refuses any list longer than
	// MaxSetEntries); a PlanSpec given to NewPlan can, and the set check
	// refuses it with its count.
	spec := MustParsePlan(planLimitDoc(planLimitComp(0, one, ""))).Spec()
	spec.Components[0].Eligibility.Motions = slices.Repeat([]Motion{NewBusiness}, MaxSetEntries+1)
	_, err = NewPlan(spec)
	want := `incentive: /components/0/eligibility/motions = "65": too many entries: 65 entries, at most 64`
	if !errors.Is(err, ErrTooMany) || !slices.Equal(planErrorPaths(err), []string{"/components/0/eligibility/motions"}) || err.Error() != want {
		t.Errorf("65 motions: got %v, want %q", err, want)
	}
}

// With exactly MaxComponents components the counts of every component
// are still checked first (countFirst returns early only above the
// limit), and a count over its limit stops ParsePlan before the rest is
// validated: 32 components, the first with 33 tiers and the 32nd with a
// zero gate quota, give the tier count's ErrTooMany alone, not the
// quota's error too.
func TestPlanLimitCountsFirstAtMaxComponents(t *testing.T) {
	one := `{"from":"0","rate":"1%"}`
	comps := make([]string, MaxComponents)
	for i := range comps {
		comps[i] = planLimitComp(i, one, "")
	}
	comps[0] = planLimitComp(0, tiersJSON(MaxTiers+1), "")
	comps[MaxComponents-1] = planLimitComp(MaxComponents-1, one, `,"modifiers":[{"kind":"gate","attainment":"80%","quota":"0"}]`)
	_, err := ParsePlan([]byte(planLimitDoc(comps...)))
	want := `incentive: /components/0/schedule/tiers = "33": too many entries: 33 tiers, at most 32`
	if got := planErrorPaths(err); !slices.Equal(got, []string{"/components/0/schedule/tiers"}) || err.Error() != want {
		t.Errorf("got %v at %q, want %q alone", err, got, want)
	}
	// Without the tier count, the quota is reported at its own path.
	comps[0] = planLimitComp(0, one, "")
	_, err = ParsePlan([]byte(planLimitDoc(comps...)))
	if got := planErrorPaths(err); !slices.Equal(got, []string{"/components/31/modifiers/0/quota"}) ||
		!strings.HasSuffix(err.Error(), "quota must be positive") {
		t.Errorf("got %v at %q, want /components/31/modifiers/0/quota: quota must be positive", err, got)
	}
}

// A component without modifiers keeps none in the normalised plan: its
// canonical encoding (MarshalJSON, the input of Hash) has no "modifiers"
// member and Spec reports nil modifiers, whether the document left the
// member out or wrote it empty — so both documents hash alike (normalise:
// `len(c.Modifiers) > 0`).
func TestPlanNoModifiersStayNil(t *testing.T) {
	for _, doc := range []string{mutate("", ""), mutate(`,"modifiers":[]`, "")} {
		p, err := ParsePlan([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "modifiers") || p.Spec().Components[0].Modifiers != nil {
			t.Errorf("%s: encoded %s, spec modifiers %#v; want no modifiers", doc, b, p.Spec().Components[0].Modifiers)
		}
		if p.Hash() != MustParsePlan(mutate("", "")).Hash() {
			t.Errorf("%s: hash differs from the plan without the member", doc)
		}
	}
}
