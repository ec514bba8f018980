package incentive

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// With weighted multi-measure attainments and pay curves, the fast path
// equals the reference evaluator on every line.
func TestPropAttainmentFastEqualsReference(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{attain: true})
		txs := genTxs(t, p.Currency(), 10)
		got, err := Evaluate(p, genPeriod, genFacts(), slices.Values(txs))
		want, rerr := refEvaluate(p, genPeriod, genFacts(), txs)
		if err != nil || rerr != nil {
			if errors.Is(err, ErrMissingFact) && errors.Is(rerr, ErrMissingFact) {
				return
			}
			t.Fatalf("fast %v, reference %v", err, rerr)
		}
		if fast := asRef(got); !slices.EqualFunc(want, fast, refLine.equal) {
			t.Fatalf("fast path differs from reference (-ref +fast):\n%s", cmp.Diff(want, fast, cmpopts.EquateEmpty()))
		}
	})
}

func TestAttainmentPlanErrors(t *testing.T) {
	for _, tc := range []struct {
		name, comp string
		paths      []string
	}{
		{"weights below 100", `,"attainment":{"measures":[{"component":"c","weight":"60%"},{"metric":"csat","weight":"30%"}]}`,
			[]string{"/components/0/attainment/measures"}},
		{"weight absent", `,"attainment":{"measures":[{"component":"c"}]}`,
			[]string{"/components/0/attainment/measures/0/weight"}},
		{"unknown component", `,"attainment":{"measures":[{"component":"x","weight":"100%"}]}`,
			[]string{"/components/0/attainment/measures/0/component"}},
		{"component and metric", `,"attainment":{"measures":[{"component":"c","metric":"m","weight":"100%"}]}`,
			[]string{"/components/0/attainment/measures/0"}},
		{"repeated", `,"attainment":{"measures":[{"metric":"m","weight":"50%"},{"metric":"m","weight":"50%"}]}`,
			[]string{"/components/0/attainment/measures/1"}},
		{"zero quota and cap", `,"attainment":{"measures":[{"metric":"m","weight":"100%","quota":"0","cap":"0%"}]}`,
			[]string{"/components/0/attainment/measures/0/quota", "/components/0/attainment/measures/0/cap"}},
		{"accelerator", `,"modifiers":[{"kind":"accelerator","factor":"2"}],"attainment":{"measures":[{"metric":"m","weight":"100%"}]}`,
			[]string{"/components/0/modifiers/0/kind"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(mutate(tc.comp, "")))
			var got []string
			for _, e := range flatten(err) {
				var pe *PlanError
				if errors.As(e, &pe) {
					got = append(got, pe.Path)
				}
			}
			if !slices.Equal(got, tc.paths) {
				t.Errorf("paths %q, want %q (%v)", got, tc.paths, err)
			}
		})
	}
	// A bare weight is refused by the decoder, with its pointer.
	_, err := ParsePlan([]byte(mutate(`,"attainment":{"measures":[{"metric":"m","weight":"1"}]}`, "")))
	var je interface{ FieldPath() string }
	if !errors.As(err, &je) || je.FieldPath() != "/components/0/attainment/measures/0/weight" {
		t.Errorf("bare weight: %v", err)
	}
}

// Attainment and team members are part of the plan hash, in canonical
// form (weights without trailing zeros, members in order).
func TestAttainmentAndTeamInHash(t *testing.T) {
	a := MustParsePlan(mutate(`,"attainment":{"measures":[{"component":"c","weight":"70%"},{"metric":"m","weight":"30%","quota":"4"}]}`, ""))
	b := MustParsePlan(mutate(`,"attainment":{"measures":[{"component":"c","weight":"70.0%"},{"metric":"m","weight":"30%","quota":"4.00"}]}`, ""))
	c := MustParsePlan(mutate(`,"attainment":{"measures":[{"component":"c","weight":"60%"},{"metric":"m","weight":"40%","quota":"4"}]}`, ""))
	if a.Hash() != b.Hash() || a.Hash() == c.Hash() {
		t.Errorf("attainment hashes: %s %s %s", a.Hash(), b.Hash(), c.Hash())
	}
	d := MustParsePlan(mutate(`,"team":{"id":"t","share":"weights","members":[{"recipient":{"kind":"partner","id":"a"},"weight":"2"},{"recipient":{"kind":"partner","id":"b"},"weight":"1"}]}`, ""))
	e := MustParsePlan(mutate(`,"team":{"id":"t","share":"weights","members":[{"recipient":{"kind":"partner","id":"b"},"weight":"1.0"},{"recipient":{"kind":"partner","id":"a"},"weight":"2"}]}`, ""))
	f := MustParsePlan(mutate(`,"team":{"id":"t","share":"weights","members":[{"recipient":{"kind":"partner","id":"a"},"weight":"1"},{"recipient":{"kind":"partner","id":"b"},"weight":"2"}]}`, ""))
	if d.Hash() != e.Hash() || d.Hash() == f.Hash() {
		t.Errorf("team hashes: %s %s %s", d.Hash(), e.Hash(), f.Hash())
	}
}

// With credits, teams and attainments (and budgets and limits), shards
// merged in memory and through JSON partials equal the whole.
func TestPropNewFeaturesShardsMerge(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{planLimits: true, budgets: true, credits: true, teams: true, attain: true})
		txs := genCreditTxs(t, p, 10)
		whole, werr := Evaluate(p, genPeriod, genFacts(), slices.Values(txs))
		k := rapid.IntRange(1, 3).Draw(t, "shards")
		shards := make([]*Accumulator, k)
		for i := range shards {
			shards[i], _ = NewAccumulator(p, genPeriod)
		}
		for _, tx := range txs {
			if err := shards[rapid.IntRange(0, k-1).Draw(t, "shard")].Add(tx); err != nil {
				t.Fatal(err)
			}
		}
		m, _ := NewAccumulator(p, genPeriod)
		j, _ := NewAccumulator(p, genPeriod)
		for _, s := range shards {
			if err := m.Merge(s); err != nil {
				t.Fatal(err)
			}
			if err := addThroughJSON(j, s); err != nil {
				t.Fatal(err)
			}
		}
		for name, acc := range map[string]*Accumulator{"merge": m, "json": j} {
			got, err := acc.Result(genFacts())
			if (err == nil) != (werr == nil) {
				t.Fatalf("%s: error %v, whole %v", name, err, werr)
			}
			if err == nil && !got.Equal(whole) {
				t.Fatalf("%s differs:\n%s", name, cmp.Diff(whole, got))
			}
		}
	})
}
