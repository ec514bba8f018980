package analysis_test

import (
	"testing"
)

// A floor replaces the computed maximum only when it is greater
// (exposure: `floor > exact`); a floor equal to it leaves the computed
// figure, written as computed. Flat 2.5 times a csat multiplier of at
// most 2 is 2.5 × 2 = 5.0 (shopspring multiplies coefficients and adds
// exponents: 25 × 2 at exponent −1), already within 2 places, so Max is
// 5.0; the floor 5 is equal, not greater, and is not used (it would be
// written 5).
func TestExposureFloorEqualKeepsComputed(t *testing.T) {
	c := componentExposure(t, `{"mode": "flat-per-tier", "boundary": "lower-inclusive", "tiers": [{"from": "0", "amount": "2.5"}]}`,
		`, "floor": "5", "modifiers": [{"kind": "multiplier", "metric": "csat", "bands": [{"from": "0", "factor": "1"}, {"from": "4", "factor": "2"}]}]`)
	if m := c.Max.Amount; m.String() != "5" || m.Exponent() != -1 || c.Capped {
		t.Errorf("max %s (exponent %d, capped %t), want 5.0 (exponent −1), not capped", m, m.Exponent(), c.Capped)
	}
}
