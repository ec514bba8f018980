package attribution_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/internal/rateunittest"
	"github.com/partnerecon/partnerecon/mdf/attribution"
)

// TestRatesNeedUnit pins that the rates of attribution rules carry their unit, as
// every document's do (see rateunittest): a bare "0.15" is refused at its
// JSON Pointer with a hint, "15%" and "1500bp" are accepted, a bare "0"
// is not refused for its unit. Before the fix the bare rate was read as
// the fraction 0.15.
func TestRatesNeedUnit(t *testing.T) {
	rateunittest.Check(t, []rateunittest.Case{
		{Path: "/position/first", Doc: `{"method":"position-based","basis":"revenue","currency":"USD","position":{"first":"RATE","middle":"45%","last":"40%"}}`,
			Parse: func(b []byte) error { _, err := attribution.ParseRule(b); return err }},
	})
}
