package incentive

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// With team components, the fast path equals the reference evaluator
// (team award on the members' summed measure, money.AllocateUnits over
// the rule's weights) on every line, the member's share included.
func TestPropTeamsFastEqualsReference(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{teams: true, credits: true})
		txs := genCreditTxs(t, p, 10)
		r, err := Evaluate(p, genPeriod, genFacts(), slices.Values(txs))
		if err != nil {
			if errors.Is(err, ErrData) { // contribution rule, award ≠ 0, no member contributed
				return
			}
			t.Fatal(err)
		}
		want, err := refEvaluate(p, genPeriod, genFacts(), txs)
		if err != nil {
			t.Fatalf("reference: %v", err)
		}
		if fast := asRef(r); !slices.EqualFunc(want, fast, refLine.equal) {
			t.Fatalf("fast path differs from reference (-ref +fast):\n%s", cmp.Diff(want, fast, cmpopts.EquateEmpty()))
		}
	})
}

// A team's member lines sum exactly to its award, and neither the order
// of transactions nor the order of members changes the result or the
// plan's hash.
func TestPropTeamsConserveAndOrder(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{teams: true, planLimits: true})
		txs := genTxs(t, p.Currency(), 10)
		a, err := Evaluate(p, genPeriod, genFacts(), slices.Values(txs))
		if err != nil {
			if errors.Is(err, ErrData) {
				return
			}
			t.Fatal(err)
		}
		award, sum := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
		for _, l := range a.Lines {
			tr := l.Trace()
			if tr.Team == "" {
				continue
			}
			award[l.Component()] = tr.TeamAward
			sum[l.Component()] = sum[l.Component()].Add(tr.TeamShare)
		}
		for k, w := range award {
			if !sum[k].Equal(w) {
				t.Fatalf("team %s: shares sum to %s, award %s", k, sum[k], w)
			}
		}
		spec := p.Spec()
		for i := range spec.Components {
			if tm := spec.Components[i].Team; tm != nil {
				tm.Members = rapid.Permutation(tm.Members).Draw(t, "member perm")
			}
		}
		q := MustNewPlan(spec)
		if q.Hash() != p.Hash() {
			t.Fatalf("member order changed the hash")
		}
		b, err := Evaluate(q, genPeriod, genFacts(), slices.Values(rapid.Permutation(txs).Draw(t, "perm")))
		if err != nil || !a.Equal(b) {
			t.Fatalf("order changed the result (%v):\n%s", err, cmp.Diff(a, b))
		}
	})
}

func TestTeamPlanErrors(t *testing.T) {
	for _, tc := range []struct {
		name, comp string
		paths      []string
	}{
		{"member of the other kind", `,"team":{"id":"t","share":"equal","members":[{"recipient":{"kind":"rep","id":"a"}}]}`,
			[]string{"/components/0/team/members/0/recipient/kind"}},
		{"no share rule", `,"team":{"id":"t","members":[{"recipient":{"kind":"partner","id":"a"}}]}`,
			[]string{"/components/0/team/share"}},
		{"weight missing", `,"team":{"id":"t","share":"weights","members":[{"recipient":{"kind":"partner","id":"a"}}]}`,
			[]string{"/components/0/team/members/0/weight"}},
		{"member twice", `,"team":{"id":"t","share":"equal","members":[{"recipient":{"kind":"partner","id":"a"}},{"recipient":{"kind":"partner","id":"a"}}]}`,
			[]string{"/components/0/team/members/1/recipient"}},
		{"modifiers", `,"modifiers":[{"kind":"multiplier","metric":"csat","bands":[{"from":"1","factor":"2"}]}],"team":{"id":"t","share":"equal","members":[{"recipient":{"kind":"partner","id":"a"}}]}`,
			[]string{"/components/0/modifiers"}},
		{"budget", `,"budget":{"amount":"5","exhaustion":"pro-rata"},"team":{"id":"t","share":"equal","members":[{"recipient":{"kind":"partner","id":"a"}}]}`,
			[]string{"/components/0/budget"}},
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
}

// A team line is a share of the team's award: SplitLine refuses it.
func TestTeamSplitLineRefused(t *testing.T) {
	p := MustParsePlan(mutate(`,"team":{"id":"t","share":"equal","members":[{"recipient":{"kind":"partner","id":"p1"}},{"recipient":{"kind":"partner","id":"p2"}}]}`, ""))
	txs := []Transaction{{ID: "s1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "p1", Amount: money.MustParse("500.00 USD")}}
	r := mustEvalT(t, p, txs)
	if len(r.Lines) != 2 {
		t.Fatalf("%d lines, want one per member", len(r.Lines))
	}
	if _, err := SplitLine(p, r.Lines[0], nil, slices.Values(txs)); !errors.Is(err, ErrInvalid) {
		t.Fatalf("SplitLine of a team line: %v, want ErrInvalid", err)
	}
}
