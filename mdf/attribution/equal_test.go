package attribution_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

func TestRuleEqual(t *testing.T) {
	base := rule(t, `{"method":"time-decay","basis":"conversions","places":2,"decay":{"half_life":"48h","step":"1h"}}`)
	with := func(f func(*attribution.RuleSpec)) func(attribution.Rule) attribution.Rule {
		return func(r attribution.Rule) attribution.Rule {
			s := r.Spec()
			f(&s)
			out, err := attribution.NewRule(s)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	equaltest.Check(t, base, []equaltest.Field[attribution.Rule]{
		{Name: "spec", Change: with(func(s *attribution.RuleSpec) { s.Decay.HalfLife = s.Decay.HalfLife * 2 })},
		{Name: "spec", Change: with(func(s *attribution.RuleSpec) {
			usd := money.MustCurrency("USD")
			s.Basis, s.Places, s.Currency = attribution.Revenue, nil, &usd
		})},
		{Name: "valid", Change: func(attribution.Rule) attribution.Rule { return attribution.Rule{} }},
		{Name: "unit", Change: with(func(s *attribution.RuleSpec) { p := int32(3); s.Places = &p })},
		{Name: "steps", Change: with(func(s *attribution.RuleSpec) { s.Decay.Step = s.Decay.Step * 2 })},
	})
	// Rates compare numerically: 40% and 0.4 are the same rule.
	a := rule(t, `{"method":"position-based","basis":"revenue","currency":"USD","position":{"first":"40%","middle":"20%","last":"40%"}}`)
	b := rule(t, `{"method":"position-based","basis":"revenue","currency":"USD","position":{"first":"40%","middle":"20.00%","last":"4000bp"}}`)
	if !a.Equal(b) {
		t.Error("equal shares in other notations differ")
	}
	s := rule(t, allRules[len(allRules)-1])
	ss := s.Spec()
	ss.Shapley.Sampling.Seed[1]++
	if other, _ := attribution.NewRule(ss); other.Equal(s) {
		t.Error("another seed is equal")
	}
	if s2 := s.Spec(); s2.Shapley.Sampling.Seed != [2]uint64{3, 4} {
		t.Error("Spec is not a deep copy")
	}
}
