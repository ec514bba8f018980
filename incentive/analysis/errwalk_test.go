package analysis_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// errCase is one failing call and the path and sentinel it must report.
type errCase struct {
	name  string
	call  func() error
	field string
	want  error
}

// errCases lists a failing call for every check of NewLinter,
// NewScenario, NewPopulation and their decoders (read off the code), with
// the JSON Pointer it must report.
func errCases() []errCase {
	lint := func(doc string) func() error {
		return func() error { _, err := analysis.ParseLinter([]byte(doc)); return err }
	}
	scen := func(doc string) func() error {
		return func() error { _, err := analysis.ParseScenario([]byte(doc)); return err }
	}
	pop := func(doc string) func() error {
		return func() error { _, err := analysis.ParsePopulation([]byte(doc)); return err }
	}
	const head = `"component": "c", "partners": 1, "draws": 1, "seed": 1, `
	manyScales := `{"scales": [` + strings.Repeat(`{"dimension": "all", "factor": "1"},`, analysis.MaxScales) + `{"dimension": "all", "factor": "1"}]}`
	big := decimal.New(1, 18)
	return []errCase{
		// lint options
		{"cliff jump missing", lint(`{}`), "/cliff_jump", analysis.ErrInvalid},
		{"cliff jump negative", lint(`{"cliff_jump": "-1"}`), "/cliff_jump", analysis.ErrInvalid},
		{"cliff jump too fine", lint(`{"cliff_jump": "0.0000000000000000001"}`), "/cliff_jump", analysis.ErrInvalid},
		{"cliff jump number", lint(`{"cliff_jump": 1}`), "/cliff_jump", strictjson.ErrNumber},
		{"unknown rule", lint(`{"cliff_jump": "1", "disable": ["cliffs"]}`), "/disable/0", analysis.ErrInvalid},
		{"rule twice", lint(`{"cliff_jump": "1", "disable": ["cliff", "exposure", "cliff"]}`), "/disable/2", analysis.ErrDuplicate},
		{"unspecified rule in Go", func() error {
			_, err := analysis.NewLinter(analysis.LintSpec{CliffJump: &big, Disable: []analysis.Check{0}})
			return err
		}, "/disable/0", analysis.ErrInvalid},
		{"cliff jump too large in Go", func() error { _, err := analysis.NewLinter(analysis.LintSpec{CliffJump: &big}); return err }, "/cliff_jump", analysis.ErrInvalid},
		{"lint unknown member", lint(`{"cliff_jump": "1", "cliff": "2"}`), "/cliff", strictjson.ErrUnknownField},
		{"lint null", lint(`{"cliff_jump": null}`), "/cliff_jump", strictjson.ErrNull},
		{"lint too deep", lint(`{"cliff_jump": "1", "metrics": [{"metric": "csat", "max": ["1"]}]}`), "/metrics/0/max", strictjson.ErrTooDeep},
		{"lint metric name", lint(`{"cliff_jump": "1", "metrics": [{"metric": ""}]}`), "/metrics/0/metric", analysis.ErrInvalid},
		{"lint metric twice", lint(`{"cliff_jump": "1", "metrics": [{"metric": "csat"}, {"metric": "csat"}]}`), "/metrics/1/metric", analysis.ErrDuplicate},
		{"lint metric max below min", lint(`{"cliff_jump": "1", "metrics": [{"metric": "csat", "min": "5", "max": "4"}]}`), "/metrics/0/max", analysis.ErrInvalid},
		{"lint metric max too fine", lint(`{"cliff_jump": "1", "metrics": [{"metric": "csat", "max": "0.0000000000000000001"}]}`), "/metrics/0/max", analysis.ErrInvalid},
		{"lint too large", lint(`{"cliff_jump": "1"` + strings.Repeat(" ", analysis.MaxLintBytes) + `}`), "", strictjson.ErrTooLarge},
		// scenarios
		{"no dimension", scen(`{"scales": [{"value": "x", "factor": "1"}]}`), "/scales/0/dimension", analysis.ErrInvalid},
		{"unknown dimension", scen(`{"scales": [{"dimension": "region", "value": "x", "factor": "1"}]}`), "/scales/0/dimension", analysis.ErrInvalid},
		{"all with value", scen(`{"scales": [{"dimension": "all", "value": "x", "factor": "1"}]}`), "/scales/0/value", analysis.ErrInvalid},
		{"partner without value", scen(`{"scales": [{"dimension": "partner", "factor": "1"}]}`), "/scales/0/value", analysis.ErrInvalid},
		{"value too long", scen(`{"scales": [{"dimension": "partner", "value": "` + strings.Repeat("x", 129) + `", "factor": "1"}]}`), "/scales/0/value", analysis.ErrInvalid},
		{"factor missing", scen(`{"scales": [{"dimension": "all"}]}`), "/scales/0/factor", analysis.ErrInvalid},
		{"factor negative", scen(`{"scales": [{"dimension": "all", "factor": "1"}, {"dimension": "segment", "value": "s", "factor": "-0.5"}]}`), "/scales/1/factor", analysis.ErrInvalid},
		{"factor number", scen(`{"scales": [{"dimension": "all", "factor": 1.5}]}`), "/scales/0/factor", strictjson.ErrNumber},
		{"all twice", scen(`{"scales": [{"dimension": "all", "factor": "1"}, {"dimension": "all", "factor": "2"}]}`), "/scales/1", analysis.ErrDuplicate},
		{"segment twice", scen(`{"scales": [{"dimension": "segment", "value": "s", "factor": "1"}, {"dimension": "segment", "value": "s", "factor": "2"}]}`), "/scales/1/value", analysis.ErrDuplicate},
		{"too many scales", scen(manyScales), "/scales", analysis.ErrTooMany},
		{"scenario unknown member", scen(`{"scale": []}`), "/scale", strictjson.ErrUnknownField},
		{"scenario syntax", scen(`{"scales": [`), "/scales", strictjson.ErrSyntax},
		// populations
		{"no component", pop(`{"partners": 1, "draws": 1, "seed": 1, "attainment": {"shape": "uniform", "low": "0", "high": "1"}}`), "/component", analysis.ErrInvalid},
		{"version too long", pop(`{"component": "c", "version": "` + strings.Repeat("v", 129) + `", "partners": 1, "draws": 1, "seed": 1, "attainment": {"shape": "uniform", "low": "0", "high": "1"}}`), "/version", analysis.ErrInvalid},
		{"no partners", pop(`{"component": "c", "partners": 0, "draws": 1, "seed": 1, "attainment": {"shape": "uniform", "low": "0", "high": "1"}}`), "/partners", analysis.ErrInvalid},
		{"too many draws", pop(`{"component": "c", "partners": 1, "draws": 100001, "seed": 1, "attainment": {"shape": "uniform", "low": "0", "high": "1"}}`), "/draws", analysis.ErrInvalid},
		{"no shape", pop(`{` + head + `"attainment": {}}`), "/attainment/shape", analysis.ErrInvalid},
		{"unknown shape", pop(`{` + head + `"attainment": {"shape": "normal"}}`), "/attainment/shape", analysis.ErrInvalid},
		{"uniform without high", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "0"}}`), "/attainment/high", analysis.ErrInvalid},
		{"uniform with volumes", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "0", "high": "1", "volumes": ["1"]}}`), "/attainment/volumes", analysis.ErrInvalid},
		{"low above high", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "2", "high": "1"}}`), "/attainment/high", analysis.ErrInvalid},
		{"negative low", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "-2", "high": "1"}}`), "/attainment/low", analysis.ErrInvalid},
		{"empirical without volumes", pop(`{` + head + `"attainment": {"shape": "empirical"}}`), "/attainment/volumes", analysis.ErrInvalid},
		{"negative volume", pop(`{` + head + `"attainment": {"shape": "empirical", "volumes": ["1", "-1"]}}`), "/attainment/volumes/1", analysis.ErrInvalid},
		{"discrete without table", pop(`{` + head + `"attainment": {"shape": "discrete"}}`), "/attainment/table", analysis.ErrInvalid},
		{"zero weight", pop(`{` + head + `"attainment": {"shape": "discrete", "table": [{"volume": "1", "weight": 1}, {"volume": "2", "weight": 0}]}}`), "/attainment/table/1/weight", analysis.ErrInvalid},
		{"table volume", pop(`{` + head + `"attainment": {"shape": "discrete", "table": [{"volume": "-1", "weight": 1}]}}`), "/attainment/table/0/volume", analysis.ErrInvalid},
		{"too many volumes", func() error {
			_, err := analysis.NewPopulation(analysis.PopulationSpec{Component: "c", Partners: 1, Draws: 1,
				Attainment: analysis.DistributionSpec{Shape: analysis.Empirical, Volumes: make([]decimal.Decimal, analysis.MaxVolumes+1)}})
			return err
		}, "/attainment/volumes", analysis.ErrTooMany},
		{"population volume number", pop(`{` + head + `"attainment": {"shape": "empirical", "volumes": [1]}}`), "/attainment/volumes/0", strictjson.ErrNumber},
		{"population seed string", pop(`{"component": "c", "partners": 1, "draws": 1, "seed": "1", "attainment": {"shape": "uniform", "low": "0", "high": "1"}}`), "/seed", strictjson.ErrType},
		{"population too deep", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "0", "high": "1"}, "metrics": [{"metric": "csat", "places": 0, "distribution": {"shape": "discrete", "table": [{"volume": ["1"], "weight": 1}]}}]}`), "/metrics/0/distribution/table/0/volume", strictjson.ErrTooDeep},
		{"population metric without places", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "0", "high": "1"}, "metrics": [{"metric": "csat", "distribution": {"shape": "uniform", "low": "0", "high": "1"}}]}`), "/metrics/0/places", analysis.ErrInvalid},
		{"population metric places", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "0", "high": "1"}, "metrics": [{"metric": "csat", "places": 10, "distribution": {"shape": "uniform", "low": "0", "high": "1"}}]}`), "/metrics/0/places", analysis.ErrInvalid},
		{"population metric twice", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "0", "high": "1"}, "metrics": [{"metric": "csat", "places": 0, "distribution": {"shape": "uniform", "low": "0", "high": "1"}}, {"metric": "csat", "places": 0, "distribution": {"shape": "uniform", "low": "0", "high": "1"}}]}`), "/metrics/1/metric", analysis.ErrDuplicate},
		{"population metric shape", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "0", "high": "1"}, "metrics": [{"metric": "csat", "places": 0, "distribution": {"shape": "uniform", "low": "0"}}]}`), "/metrics/0/distribution/high", analysis.ErrInvalid},
		{"population quota low above high", pop(`{` + head + `"attainment": {"shape": "uniform", "low": "0", "high": "1"}, "quota": {"shape": "uniform", "low": "5", "high": "1"}}`), "/quota/high", analysis.ErrInvalid},
	}
}

func TestErrorPaths(t *testing.T) {
	for _, tt := range errCases() {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v does not match %v", err, tt.want)
			}
			var pe *analysis.ParamError
			if !errors.As(err, &pe) {
				t.Fatalf("no *ParamError in %T: %v", err, err)
			}
			found := false
			walkPaths(err, func(p string) {
				found = found || p == tt.field
				if !field.Valid(p) {
					t.Errorf("FieldPath() %q is not a JSON Pointer (in %v)", p, err)
				}
			})
			if !found {
				t.Errorf("no FieldPath() %q in %v", tt.field, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "analysis: ") || strings.Count(msg, "analysis: ") != strings.Count(msg, "\n")+1 {
				t.Errorf("message %q: want one \"analysis: \" prefix per error", msg)
			}
		})
	}
}

func walkPaths(err error, f func(string)) {
	if err == nil {
		return
	}
	if fp, ok := err.(interface{ FieldPath() string }); ok {
		f(fp.FieldPath())
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walkPaths(u.Unwrap(), f)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walkPaths(e, f)
		}
	}
}

func asFieldPath(err error, fp *interface{ FieldPath() string }) bool {
	found := false
	walkPaths(err, func(string) { found = true })
	return found
}
