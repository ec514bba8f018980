package capacity_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/strictjson"
)

// TestRatesNeedUnit pins that the rates of capacity models and ramps carry their unit, as a
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
		{"/funnel/stages/0/rate", `{"service_ratio":"1","hourly_rate":"200 USD","billable_hours":"1000","consultants_per_partner":"5",` +
			`"funnel":{"stages":[{"name":"a","rate":"RATE"}]}}`,
			func(b []byte) error { _, err := capacity.ParseModel(b); return err }},
		{"/1", `["0%","RATE","100%"]`, func(b []byte) error { var r capacity.Ramp; return r.UnmarshalJSON(b) }},
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
