package analysis_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// A scale's value is at most incentive.MaxIDLen bytes, that length
// included (scenario.go `len(s.Value) > MaxIDLen` → `>=` refused it).
func TestScaleValueAtMaxIDLen(t *testing.T) {
	one := d("1")
	at := strings.Repeat("p", incentive.MaxIDLen)
	if _, err := analysis.NewScenario(analysis.ScenarioSpec{Scales: []analysis.ScaleSpec{{Dimension: analysis.ScalePartner, Value: at, Factor: &one}}}); err != nil {
		t.Errorf("%d bytes: %v", len(at), err)
	}
	_, err := analysis.NewScenario(analysis.ScenarioSpec{Scales: []analysis.ScaleSpec{{Dimension: analysis.ScalePartner, Value: at + "p", Factor: &one}}})
	var pe *analysis.ParamError
	if !errors.As(err, &pe) || pe.Path != "/scales/0/value" || !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("%d bytes: %v, want ErrInvalid at /scales/0/value", len(at)+1, err)
	}
}
