package capacity_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/internal/rateunittest"
)

// TestRatesNeedUnit pins that the rates of capacity models and ramps carry their unit, as
// every document's do (see rateunittest): a bare "0.15" is refused at its
// JSON Pointer with a hint, "15%" and "1500bp" are accepted, a bare "0"
// is not refused for its unit. Before the fix the bare rate was read as
// the fraction 0.15.
func TestRatesNeedUnit(t *testing.T) {
	rateunittest.Check(t, []rateunittest.Case{
		{Path: "/funnel/stages/0/rate", Doc: `{"service_ratio":"1","hourly_rate":"200 USD","billable_hours":"1000","consultants_per_partner":"5",` +
			`"funnel":{"stages":[{"name":"a","rate":"RATE"}]}}`,
			Parse: func(b []byte) error { _, err := capacity.ParseModel(b); return err }},
		{Path: "/1", Doc: `["0%","RATE","100%"]`, Parse: func(b []byte) error { var r capacity.Ramp; return r.UnmarshalJSON(b) }},
	})
}
