package analysis_test

import (
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
)

// FuzzParseScenario: any document either fails with a *ParamError or
// gives a scenario that round-trips through MarshalJSON and applies to a
// sale without panicking, with a factor of at least 0.
func FuzzParseScenario(f *testing.F) {
	for _, s := range []string{
		`{"scales": [{"dimension": "segment", "value": "smb", "factor": "1.2"}]}`,
		`{"scales": [{"dimension": "all", "factor": "0"}, {"dimension": "partner", "value": "acme", "factor": "0.000000000000000001"}]}`,
		`{"scales": []}`, `{}`, `null`, `[]`, `{"scales": null}`,
		`{"scales": [{"dimension": "all", "factor": 1}]}`,
		`{"scales": [{"dimension": "all", "factor": "1e3"}]}`,
		`{"scales": [{"dimension": "all", "factor": "999999999999999999"}]}`,
		`{"scales": [{"dimension": "category", "value": "\u202e", "factor": "1"}]}`,
		`{"scales": [{"dimension": "segment", "value": "s", "factor": "1", "Factor": "2"}]}`,
		`{"scales": [{"dimension": "segment", "value": "s", "factor": "1"}]} trailing`,
		"\xef\xbb\xbf{\"scales\": []}", `{"scales": [[[[[[]]]]]]}`, `{"scales": [{"dimension": "unspecified", "factor": "1"}]}`,
	} {
		f.Add([]byte(s))
	}
	sale := incentive.Transaction{ID: "t", Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: "acme", Segment: "smb", Category: "hw", Amount: money.MustParse("123.45 USD")}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := analysis.ParseScenario(data)
		if err != nil {
			var fp interface{ FieldPath() string }
			if !asFieldPath(err, &fp) {
				t.Fatalf("error without a path: %v", err)
			}
			return
		}
		b, err := sc.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := analysis.ParseScenario(b)
		if err != nil || !back.Equal(sc) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if f := sc.Factor(sale); f.Sign() < 0 {
			t.Fatalf("negative factor %s", f)
		}
		sc.Apply(sale)
	})
}

// FuzzParseLinter: as FuzzParseScenario for lint options.
func FuzzParseLinter(f *testing.F) {
	for _, s := range []string{`{"cliff_jump": "1000"}`, `{"cliff_jump": "0", "disable": ["cliff", "exposure"]}`,
		`{"cliff_jump": "-0"}`, `{"cliff_jump": "1", "disable": ["cliff", "cliff"]}`, `{"cliff_jump": "1", "disable": ["unspecified"]}`,
		`{"cliff_jump": "1", "disable": [1]}`, `{}`, `{"cliff_jump": ""}`, `{"cliff_jump": "1", "cliff_jump": "2"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := analysis.ParseLinter(data)
		if err != nil {
			return
		}
		b, err := l.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := analysis.ParseLinter(b)
		if err != nil || !back.Equal(l) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
	})
}

// FuzzParsePopulation: as FuzzParseScenario for populations.
func FuzzParsePopulation(f *testing.F) {
	for _, s := range []string{
		`{"component": "c", "partners": 3, "draws": 2, "seed": 1, "attainment": {"shape": "uniform", "low": "0", "high": "10"}}`,
		`{"component": "c", "partners": 3, "draws": 2, "seed": 18446744073709551615, "attainment": {"shape": "discrete", "table": [{"volume": "1", "weight": 1099511627776}]}}`,
		`{"component": "c", "partners": 3, "draws": 2, "seed": -1, "attainment": {"shape": "empirical", "volumes": ["1"]}}`,
		`{"component": "c", "partners": 1e9, "draws": 2, "seed": 1, "attainment": {"shape": "empirical", "volumes": ["1"]}}`,
		`{"component": "c", "partners": 3, "draws": 2, "seed": 1, "attainment": {"shape": "empirical", "volumes": []}}`,
	} {
		f.Add([]byte(s))
	}
	plan := incentive.MustParsePlan(linearPlan)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := analysis.ParsePopulation(data)
		if err != nil {
			return
		}
		b, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := analysis.ParsePopulation(b)
		if err != nil || !back.Equal(p) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if s := p.Spec(); s.Partners*s.Draws <= 1000 && s.Component == "rebate" {
			if _, err := analysis.Simulate(plan, p, 2); err != nil {
				t.Logf("simulate: %v", err)
			}
		}
	})
}

// FuzzEnumText: any text either fails to parse or round-trips exactly,
// for every enumeration of the package.
func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"cliff", "exposure", "info", "critical", "all", "category", "uniform", "discrete", "unspecified", "", "Cliff", "cliff "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var r analysis.Check
		var v analysis.Severity
		var d analysis.Dimension
		var sh analysis.Shape
		for _, x := range []interface {
			UnmarshalText([]byte) error
			MarshalText() ([]byte, error)
		}{&r, &v, &d, &sh} {
			if err := x.UnmarshalText([]byte(s)); err != nil {
				continue
			}
			b, err := x.MarshalText()
			if err != nil || string(b) != s {
				t.Fatalf("%q parsed, marshals to %q, %v", s, b, err)
			}
		}
	})
}
