package margin_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/strictjson"
)

// TestRatesNeedUnit pins that the rates of resale and subscription
// documents carry their unit, as a plan's and a pricing policy's do (a
// resale embeds a pricing policy, which must read the same in both): a
// bare "0.15" is refused at its JSON Pointer with a hint; "15%" and
// "1500bp" are accepted; a bare "0" is not refused for its unit. Before
// the fix the bare rate was read as the fraction 0.15.
func TestRatesNeedUnit(t *testing.T) {
	resaleDoc := strings.Replace(resale, `"stacking": "additive"`, `"stacking": "capped-sum", "cap": "40%"`, 1)
	parseResale := func(b []byte) error { _, err := margin.ParseResale(b); return err }
	parseSub := func(b []byte) error { _, err := margin.ParseSubscription(b); return err }
	for _, c := range []struct {
		path, member, doc string
		parse             func([]byte) error
	}{
		{"/discounts/0/rate", `"rate": "30%"`, resaleDoc, parseResale},
		{"/pricing/cap", `"cap": "40%"`, resaleDoc, parseResale},
		{"/sell/street_discount", `"street_discount": "20%"`, resaleDoc, parseResale},
		{"/services/attach_ratio", `"attach_ratio": "20%"`, resaleDoc, parseResale},
		{"/costs/1/rate", `"rate": "1.5%"`, resaleDoc, parseResale},
		{"/churn", `"churn": "10%"`, passThrough, parseSub},
		{"/discount_rate", `"discount_rate": "10%"`, passThrough, parseSub},
	} {
		t.Run(c.path, func(t *testing.T) {
			if !strings.Contains(c.doc, c.member) {
				t.Fatalf("document lacks %s", c.member)
			}
			name, _, _ := strings.Cut(c.member, ":")
			with := func(rate string) []byte { return []byte(strings.Replace(c.doc, c.member, name+`: "`+rate+`"`, 1)) }
			err := c.parse(with("0.15"))
			if !errors.Is(err, strictjson.ErrRateUnit) {
				t.Fatalf("bare 0.15: err = %v, want ErrRateUnit", err)
			}
			var fp interface{ FieldPath() string }
			if !errors.As(err, &fp) || fp.FieldPath() != c.path {
				t.Errorf("bare 0.15: path of %v, want %s", err, c.path)
			}
			if hint := `did you mean "15%" (the fraction 0.15) or "0.15%"?`; !strings.Contains(err.Error(), hint) {
				t.Errorf("bare 0.15: message %q lacks the hint %s", err, hint)
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
	// What MarshalJSON writes carries the unit and reads back.
	s, err := margin.ParseResale([]byte(resaleDoc))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"cap":"40%"`) || !strings.Contains(string(b), `"rate":"1.5%"`) {
		t.Errorf("MarshalJSON %s: rates without their unit", b)
	}
	if _, err := margin.ParseResale(b); err != nil {
		t.Errorf("round trip: %v", err)
	}
}
