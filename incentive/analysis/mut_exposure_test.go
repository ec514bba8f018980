package analysis_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// A linear schedule whose last knot rate is 0 is bounded: the exposure
// takes the greatest knot rate times the last knot (exposure.go's linear
// supremum loop, which no test ran). Knots (0, 10 %) and (1000, 0 %):
// payout r(x)·x with r(x) = 0.1 − 0.0001·x (to 4 places), at most 25 at
// x = 500; the bound is
// max(10 % × 1000, 0 % × 1000) = 100, and the payouts at the bound (0 %
// × 1000 = 0) are below it. 25 never reaches 100, so there is no Reach.
func TestExposureLinearFallingToZero(t *testing.T) {
	p := incentive.MustParsePlan(`{"id": "x", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
	  {"id": "fade", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	   "schedule": {"mode": "linear", "boundary": "lower-inclusive", "rate_places": 4, "rounding": "half-even", "tiers": [{"from": "0", "rate": "10%"}, {"from": "1000", "rate": "0%"}]}}]}`)
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Exposure.Components[0]
	if !c.Max.Equal(analysis.Bound{Bounded: true, Amount: d("100")}) || c.Capped || c.HasReach {
		t.Errorf("exposure %+v, want at most 100.00, not capped, no reach", c)
	}
	if !r.Exposure.PerPartner.Equal(analysis.Bound{Bounded: true, Amount: d("100")}) {
		t.Errorf("per partner %s, want 100", r.Exposure.PerPartner)
	}
}

// A cap at or below a bounded schedule's supremum sets the maximum and
// marks it Capped (exposure.go `sup·up ≥ cap`): flat-per-tier 0 / 300 /
// 600 from 0 / 1,000 / 2,000. Cap 500: 600 ≥ 500, the maximum is 500
// (reached at 2,000, where the line first pays 600); cap 600: 600 ≥ 600,
// still the cap's doing (600, Capped); cap 700: the schedule's 600.
func TestExposureCapOnBoundedSchedule(t *testing.T) {
	for _, tc := range []struct {
		capAmt string
		want   string
		capped bool
	}{{"500", "500", true}, {"600", "600", true}, {"700", "600", false}} {
		t.Run("cap "+tc.capAmt, func(t *testing.T) {
			p := incentive.MustParsePlan(`{"id": "x", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
			  {"id": "steps", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue", "cap": "` + tc.capAmt + `",
			   "schedule": {"mode": "flat-per-tier", "boundary": "lower-inclusive", "tiers": [{"from": "0", "amount": "0"}, {"from": "1000", "amount": "300"}, {"from": "2000", "amount": "600"}]}}]}`)
			r, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).Lint(p)
			if err != nil {
				t.Fatal(err)
			}
			c := r.Exposure.Components[0]
			if !c.Max.Equal(analysis.Bound{Bounded: true, Amount: d(tc.want)}) || c.Capped != tc.capped || !c.HasReach || !c.Reach.Equal(d("2000")) {
				t.Errorf("exposure %+v, want at most %s (capped %t), reached at 2000", c, tc.want, tc.capped)
			}
		})
	}
}
