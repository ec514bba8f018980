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
