package mdf_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/strictjson"
)

// TestRatesNeedUnit pins that the rates of programme, segmentation and stored fund documents carry their unit, as a
// plan's and a pricing policy's do: a bare "0.15" (15 % to one reader,
// 0.15 % to another) is refused at its JSON Pointer with the hint
// strictjson gives everywhere; "15%" and "1500bp" are the same rate and
// are accepted; a bare "0" is not refused for its unit (zero in every
// unit). Before the fix the bare rate was read as the fraction 0.15.
func TestRatesNeedUnit(t *testing.T) {
	for _, c := range []struct {
		path, doc string // doc has RATE where the rate goes
		parse     func([]byte) error
	}{
		{"/activities/0/vendor_share", `{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w","vendor_share":"RATE"}]}`,
			func(b []byte) error { _, err := mdf.ParseProgramme(b); return err }},
		{"/core_capability", `{"one_to_many_below":"10.00 USD","core_capability":"RATE","growth_resource_use":"50%","growth_utilisation":"50%"}`,
			func(b []byte) error { _, err := mdf.ParseSegmentation(b); return err }},
		{"/spec/coop/rate", `{"spec":{"id":"c","kind":"coop","currency":"USD","opens_at":"2025-01-01T00:00:00Z","expires_at":"2026-01-01T00:00:00Z",` +
			`"coop":{"rate":"RATE","cap":"100.00 USD","rounding":"half-even"}},"status":"open","allocated":"100.00 USD","paid":"0.00 USD",` +
			`"approved":"0.00 USD","pending":"0.00 USD","lapsed":"0.00 USD","purchases":"99999.00 USD","accrued":"100.00 USD","last_event_at":"2025-01-01T00:00:00Z"}`,
			func(b []byte) error { _, err := mdf.ParseFund(b); return err }},
	} {
		t.Run(c.path, func(t *testing.T) {
			with := func(rate string) []byte { return []byte(strings.Replace(c.doc, "RATE", rate, 1)) }
			err := c.parse(with("0.15"))
			if !errors.Is(err, strictjson.ErrRateUnit) {
				t.Fatalf("bare 0.15: err = %v, want ErrRateUnit", err)
			}
			var fp interface{ FieldPath() string }
			if !errors.As(err, &fp) || fp.FieldPath() != c.path {
				t.Errorf("bare 0.15: path of %v, want %s", err, c.path)
			}
			if hint := `rate without a unit: did you mean "15%" (the fraction 0.15) or "0.15%"?`; !strings.Contains(err.Error(), hint) {
				t.Errorf("bare 0.15: message %q lacks %s", err, hint)
			}
			for _, ok := range []string{"15%", "1500bp"} {
				if err := c.parse(with(ok)); err != nil {
					t.Errorf("%s: %v", ok, err)
				}
			}
			if err := c.parse(with("0")); errors.Is(err, strictjson.ErrRateUnit) {
				t.Errorf("bare 0 refused for its unit: %v", err)
			}
		})
	}
}
