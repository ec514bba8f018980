package pricing_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/strictjson"
)

// TestRatesNeedUnit pins that every rate of a policy or protection
// document carries its unit, as a plan's rates do: a bare "0.15" (15 % to
// one reader, 0.15 % to another) is refused at its JSON Pointer with a
// hint; "15%" and "1500bp" are the same rate and are accepted; a bare "0"
// is accepted (zero in every unit). Before the fix the bare rate was read
// as the fraction 0.15.
func TestRatesNeedUnit(t *testing.T) {
	const policy = `{"stacking": "capped-sum", "cap": "RATE", "rounding": "half-even"}`
	const floor = `{"stacking": "additive", "floor": {"kind": "margin", "rate": "RATE", "action": "clamp"}, "rounding": "half-even"}`
	const protection = `{"min_advantage": "RATE", "pricing": {"stacking": "additive", "rounding": "half-even"}}`
	parsePolicy := func(b []byte) error { _, err := pricing.ParsePolicy(b); return err }
	parseProtection := func(b []byte) error { _, err := pricing.ParseProtection(b); return err }
	for _, c := range []struct {
		path, doc string
		parse     func([]byte) error
	}{
		{"/cap", policy, parsePolicy},
		{"/floor/rate", floor, parsePolicy},
		{"/min_advantage", protection, parseProtection},
		{"/pricing/cap", strings.Replace(protection, `"stacking": "additive"`, `"stacking": "capped-sum", "cap": "RATE"`, 1), parseProtection},
	} {
		t.Run(c.path, func(t *testing.T) {
			with := func(rate string) []byte { return []byte(strings.ReplaceAll(c.doc, "RATE", rate)) }
			if c.path == "/pricing/cap" {
				// min_advantage keeps its unit; only the cap is bare.
				with = func(rate string) []byte {
					return []byte(strings.Replace(strings.Replace(c.doc, "RATE", "5%", 1), "RATE", rate, 1))
				}
			}
			err := c.parse(with("0.15"))
			if !errors.Is(err, strictjson.ErrRateUnit) || !errors.Is(err, pricing.ErrInvalid) {
				t.Fatalf("bare 0.15: err = %v, want ErrRateUnit and ErrInvalid", err)
			}
			var pe *pricing.PolicyError
			if !errors.As(err, &pe) || pe.Path != c.path {
				t.Errorf("bare 0.15: path of %v, want %s", err, c.path)
			}
			want := `pricing: ` + c.path + `: rate without a unit: did you mean "15%" (the fraction 0.15) or "0.15%"?`
			if err.Error() != want {
				t.Errorf("bare 0.15: message\n%s\nwant\n%s", err, want)
			}
			for _, ok := range []string{"15%", "1500bp", "0"} {
				if err := c.parse(with(ok)); err != nil {
					t.Errorf("%s: %v", ok, err)
				}
			}
		})
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
	if _, err := pricing.ParseProtection(b); err != nil {
		t.Errorf("round trip: %v", err)
	}
}
