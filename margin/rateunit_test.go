package margin_test

import (
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/internal/rateunittest"
	"github.com/partnerecon/partnerecon/margin"
)

// TestRatesNeedUnit pins that the rates of resale and subscription
// documents carry their unit, as a plan's and a pricing policy's do (a
// resale embeds a pricing policy, which must read the same in both): a
// bare "0.15" is refused at its JSON Pointer with a hint; "15%" and
// "1500bp" are accepted; a bare "0" is not refused for its unit (see
// rateunittest). Before the fix the bare rate was read as the fraction
// 0.15.
func TestRatesNeedUnit(t *testing.T) {
	resaleDoc := strings.Replace(resale, `"stacking": "additive"`, `"stacking": "capped-sum", "cap": "40%"`, 1)
	parseResale := func(b []byte) error { _, err := margin.ParseResale(b); return err }
	parseSub := func(b []byte) error { _, err := margin.ParseSubscription(b); return err }
	var cases []rateunittest.Case
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
		if !strings.Contains(c.doc, c.member) {
			t.Fatalf("document lacks %s", c.member)
		}
		name, _, _ := strings.Cut(c.member, ":")
		cases = append(cases, rateunittest.Case{Path: c.path, Doc: strings.Replace(c.doc, c.member, name+`: "RATE"`, 1), Parse: c.parse})
	}
	rateunittest.Check(t, cases)
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
