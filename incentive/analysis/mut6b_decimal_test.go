package analysis

import (
	"math/rand/v2"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// TestDecimalAttainmentGateAtThreshold pins the decimal path's attainment
// gate (modify: held only when x < attainment × quota): 80 % of a quota
// of 125,000 is 100,000 exactly, so a partner selling exactly 100,000
// meets the gate and is paid 2 % × 100,000 = 2,000.00, and one selling
// 99,999.99 is held at 0. runDecimal is called directly: the int64 path
// (fastLine) decides the same draws, and run prefers it.
func TestDecimalAttainmentGateAtThreshold(t *testing.T) {
	plan := incentive.MustParsePlan(`{"id": "g", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]},
	  "modifiers": [{"kind": "gate", "attainment": "80%"}]}]}`)
	for _, c := range []struct{ x, want string }{{"100000", "2000"}, {"99999.99", "0"}} {
		pop := MustParsePopulation(`{"component": "rebate", "partners": 1, "draws": 1, "seed": 3,
		 "attainment": {"shape": "empirical", "volumes": ["` + c.x + `"]}, "quota": {"shape": "empirical", "volumes": ["125000"]}}`)
		m, err := newModel(plan, pop)
		if err != nil {
			t.Fatal(err)
		}
		got := draw{tiers: make([]int64, m.sched.Len()+1)}
		var r rand.PCG
		r.Seed(3, 0)
		m.runDecimal(&r, &got)
		if !got.cost.Equal(money.MustDecimal(c.want)) {
			t.Errorf("x %s: decimal cost %s, want %s", c.x, got.cost, c.want)
		}
	}
}
