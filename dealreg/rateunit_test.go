package dealreg_test

import (
	"os"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/internal/rateunittest"
)

// TestPolicyRatesNeedUnit pins that every rate of a policy document
// carries its unit, as a plan's rates do (see rateunittest): a bare
// "0.15" is refused at its JSON Pointer with a hint, "15%" and "1500bp"
// are accepted, a bare "0" is not refused for its unit. Before the fix
// the bare rate was read as the fraction 0.15.
func TestPolicyRatesNeedUnit(t *testing.T) {
	base, err := os.ReadFile("testdata/policy.json")
	if err != nil {
		t.Fatal(err)
	}
	fuzzy := strings.Replace(string(base), `"conflict_rule"`, `"matching": {"mode": "fuzzy", "threshold": "90%"}, "conflict_rule"`, 1)
	parse := func(b []byte) error { _, err := dealreg.ParsePolicy(b); return err }
	var cases []rateunittest.Case
	for _, c := range []struct{ path, member, doc string }{
		{"/secondary_share", `"secondary_share": "50%"`, string(base)},
		{"/registration_discount", `"registration_discount": "15%"`, string(base)},
		{"/min_advantage", `"min_advantage": "5%"`, string(base)},
		{"/pricing/floor/rate", `"rate": "30%"`, string(base)},
		{"/leads/high_performer_conversion", `"high_performer_conversion": "25%"`, string(base)},
		{"/matching/threshold", `"threshold": "90%"`, fuzzy},
	} {
		if strings.Count(c.doc, c.member) != 1 {
			t.Fatalf("fixture has no single %s", c.member)
		}
		name, _, _ := strings.Cut(c.member, ":")
		cases = append(cases, rateunittest.Case{Path: c.path, Doc: strings.Replace(c.doc, c.member, name+`: "RATE"`, 1), Parse: parse})
	}
	rateunittest.Check(t, cases)
	// A bare 1 is 100 % or 1 %: the hint names the percentage.
	_, err = dealreg.ParsePolicy([]byte(strings.Replace(string(base), `"min_advantage": "5%"`, `"min_advantage": "1"`, 1)))
	if want := `strictjson: rate without a unit at "/min_advantage": did you mean "1%"?`; err == nil || err.Error() != want {
		t.Errorf("bare 1: %v, want %s", err, want)
	}
	// What MarshalJSON writes carries the unit, so ParsePolicy reads it back.
	p, err := dealreg.ParsePolicy([]byte(fuzzy))
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{`"secondary_share":"50%"`, `"registration_discount":"15%"`, `"min_advantage":"5%"`,
		`"rate":"30%"`, `"high_performer_conversion":"25%"`, `"threshold":"90%"`} {
		if !strings.Contains(string(b), m) {
			t.Errorf("MarshalJSON %s: no %s", b, m)
		}
	}
	if _, err := dealreg.ParsePolicy(b); err != nil {
		t.Errorf("round trip: %v", err)
	}
}
