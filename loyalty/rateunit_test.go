package loyalty_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/internal/rateunittest"
	"github.com/partnerecon/partnerecon/loyalty"
	"strings"
)

// TestRatesNeedUnit pins that the rates of scorer documents carry their unit, as
// every document's do (see rateunittest): a bare "0.15" is refused at its
// JSON Pointer with a hint, "15%" and "1500bp" are accepted, a bare "0"
// is not refused for its unit. Before the fix the bare rate was read as
// the fraction 0.15.
func TestRatesNeedUnit(t *testing.T) {
	rateunittest.Check(t, []rateunittest.Case{
		{Path: "/pillars/0/weight", Doc: strings.NewReplacer(`"weight": "30%"`, `"weight": "RATE"`, `"weight": "40%"`, `"weight": "55%"`).Replace(benchScorer),
			Parse: func(b []byte) error { _, err := loyalty.ParseScorer(b); return err }},
	})
}
