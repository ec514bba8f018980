package mdf_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/internal/rateunittest"
	"github.com/partnerecon/partnerecon/mdf"
)

// TestRatesNeedUnit pins that the rates of programme, segmentation and stored fund documents carry their unit, as
// every document's do (see rateunittest): a bare "0.15" is refused at its
// JSON Pointer with a hint, "15%" and "1500bp" are accepted, a bare "0"
// is not refused for its unit. Before the fix the bare rate was read as
// the fraction 0.15.
func TestRatesNeedUnit(t *testing.T) {
	rateunittest.Check(t, []rateunittest.Case{
		{Path: "/activities/0/vendor_share", Doc: `{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w","vendor_share":"RATE"}]}`,
			Parse: func(b []byte) error { _, err := mdf.ParseProgramme(b); return err }},
		{Path: "/core_capability", Doc: `{"one_to_many_below":"10.00 USD","core_capability":"RATE","growth_resource_use":"50%","growth_utilisation":"50%"}`,
			Parse: func(b []byte) error { _, err := mdf.ParseSegmentation(b); return err }},
		{Path: "/spec/coop/rate", Doc: `{"spec":{"id":"c","kind":"coop","currency":"USD","opens_at":"2025-01-01T00:00:00Z","expires_at":"2026-01-01T00:00:00Z",` +
			`"coop":{"rate":"RATE","cap":"100.00 USD","rounding":"half-even"}},"status":"open","allocated":"100.00 USD","paid":"0.00 USD",` +
			`"approved":"0.00 USD","pending":"0.00 USD","lapsed":"0.00 USD","purchases":"99999.00 USD","accrued":"100.00 USD","last_event_at":"2025-01-01T00:00:00Z"}`,
			Parse: func(b []byte) error { _, err := mdf.ParseFund(b); return err }},
	})
}
