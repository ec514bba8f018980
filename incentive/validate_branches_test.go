package incentive

import (
	"errors"
	"strings"
	"testing"
)

// Plans a first-come budget or a gate cannot take are refused at the
// member that breaks the rule (these branches had no test: mutation
// testing reported them not covered).
func TestFirstComeAndGateRules(t *testing.T) {
	comp := func(extra, schedule string) string {
		return `{"id": "p", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
		 "components": [{"id": "s", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
		  "schedule": ` + schedule + extra + `}]}`
	}
	one := `{"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}`
	fc := `, "budget": {"amount": "500", "exhaustion": "first-come"}`
	tests := []struct {
		name, doc, path, says string
	}{
		{"first-come on a linear schedule", comp(fc, `{"mode": "linear", "boundary": "lower-inclusive", "rate_places": 4, "rounding": "half-even", "tiers": [{"from": "0", "rate": "1%"}, {"from": "100", "rate": "2%"}]}`),
			"/components/0/schedule/mode", "an all-units or incremental schedule"},
		{"first-come on two tiers", comp(fc, `{"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}, {"from": "100", "rate": "2%"}]}`),
			"/components/0/schedule/tiers", "a schedule of one tier"},
		{"first-come tier not from 0", comp(fc, `{"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "10", "rate": "1%"}]}`),
			"/components/0/schedule/tiers/0/from", "its one tier to start at 0"},
		{"first-come with a flat fee", comp(fc, `{"mode": "incremental", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%", "flat": "5"}]}`),
			"/components/0/schedule/tiers/0/flat", "no flat fee"},
		{"first-come with modifiers", comp(fc+`, "modifiers": [{"kind": "gate", "attainment": "80%"}]`, one),
			"/components/0/modifiers", "no modifiers"},
		{"first-come with a floor", comp(fc+`, "floor": "1"`, one), "/components/0/floor", "no floor"},
		{"first-come with a cap", comp(fc+`, "cap": "100"`, one), "/components/0/cap", "no cap"},
		{"gate with bands", comp(`, "modifiers": [{"kind": "gate", "attainment": "80%", "bands": [{"from": "0", "factor": "1"}]}]`, one),
			"/components/0/modifiers/0/bands", "a gate has no bands"},
		{"gate with a zero quota", comp(`, "modifiers": [{"kind": "gate", "attainment": "80%", "quota": "0"}]`, one),
			"/components/0/modifiers/0/quota", "quota must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(tt.doc))
			var pe *PlanError
			found := false
			for _, e := range flattenErrs(err) {
				if errors.As(e, &pe) && pe.Path == tt.path && strings.Contains(e.Error(), tt.says) {
					found = true
				}
			}
			if !found {
				t.Fatalf("got %v, want an error at %s saying %q", err, tt.path, tt.says)
			}
		})
	}
}

func flattenErrs(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flattenErrs(e)...)
		}
		return out
	}
	if err == nil {
		return nil
	}
	return []error{err}
}
