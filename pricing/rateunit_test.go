package pricing_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/internal/rateunittest"
	"github.com/partnerecon/partnerecon/pricing"
)

// TestRatesNeedUnit pins that every rate of a policy or protection
// document carries its unit, as a plan's rates do (see rateunittest): a
// bare "0.15" is refused at its JSON Pointer with a hint, "15%" and
// "1500bp" are accepted, a bare "0" too. Before the fix the bare rate was
// read as the fraction 0.15.
func TestRatesNeedUnit(t *testing.T) {
	parsePolicy := func(b []byte) error { _, err := pricing.ParsePolicy(b); return err }
	parseProtection := func(b []byte) error { _, err := pricing.ParseProtection(b); return err }
	rateunittest.Check(t, []rateunittest.Case{
		{Path: "/cap", Doc: `{"stacking": "capped-sum", "cap": "RATE", "rounding": "half-even"}`, Parse: parsePolicy},
		{Path: "/floor/rate", Doc: `{"stacking": "additive", "floor": {"kind": "margin", "rate": "RATE", "action": "clamp"}, "rounding": "half-even"}`, Parse: parsePolicy},
		{Path: "/min_advantage", Doc: `{"min_advantage": "RATE", "pricing": {"stacking": "additive", "rounding": "half-even"}}`, Parse: parseProtection},
		{Path: "/pricing/cap", Doc: `{"min_advantage": "5%", "pricing": {"stacking": "capped-sum", "cap": "RATE", "rounding": "half-even"}}`, Parse: parseProtection},
	})
	// The error is the package's, with the pointer once and the hint.
	err := parsePolicy([]byte(`{"stacking": "capped-sum", "cap": "0.15", "rounding": "half-even"}`))
	var pe *pricing.PolicyError
	if !errors.As(err, &pe) || !errors.Is(err, pricing.ErrInvalid) || err.Error() != "pricing: /cap: rate without a unit: "+rateunittest.Hint {
		t.Errorf("bare cap: %v", err)
	}
	for _, ok := range []string{"15%", "1500bp", "0"} {
		if err := parsePolicy([]byte(`{"stacking": "capped-sum", "cap": "` + ok + `", "rounding": "half-even"}`)); err != nil {
			t.Errorf("cap %s: %v", ok, err)
		}
	}
	// What MarshalJSON writes carries the unit, so ParseProtection reads
	// it back.
	p := pricing.MustParseProtection(`{"min_advantage": "500bp", "pricing": {"stacking": "capped-sum", "cap": "0.4%",
		"floor": {"kind": "share-of-list", "rate": "30%", "action": "error"}, "rounding": "half-even"}}`)
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"min_advantage":"5%","pricing":{"stacking":"capped-sum","cap":"0.4%","floor":{"kind":"share-of-list","rate":"30%","action":"error"},"rounding":"half-even"}}`
	if string(b) != want {
		t.Errorf("MarshalJSON\n%s\nwant\n%s", b, want)
	}
	if _, err := pricing.ParseProtection(b); err != nil || !strings.Contains(string(b), `"5%"`) {
		t.Errorf("round trip: %v", err)
	}
}
