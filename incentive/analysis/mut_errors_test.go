package analysis_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// At most 16 problems are joined as *ParamError values; the rest are
// counted in one closing error (errors.go `l.more++`, which no test
// ran). 20 scales without a factor: /scales/0/factor … /scales/15/factor,
// then "and 4 more errors" (20 − 16).
func TestErrorsJoinedAtMost16(t *testing.T) {
	doc := `{"scales": [` + strings.TrimSuffix(strings.Repeat(`{"dimension": "all"},`, 20), ",") + `]}`
	_, err := analysis.ParseScenario([]byte(doc))
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("%v: not joined", err)
	}
	var paths []string
	var rest []string
	for _, e := range j.Unwrap() {
		var pe *analysis.ParamError
		if errors.As(e, &pe) {
			paths = append(paths, pe.Path)
		} else {
			rest = append(rest, e.Error())
		}
	}
	var want []string
	for i := range 16 {
		want = append(want, fmt.Sprintf("/scales/%d/factor", i))
	}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("paths %q, want %q", paths, want)
	}
	if len(rest) != 1 || rest[0] != "analysis: and 4 more errors" {
		t.Errorf("after the paths %q, want one \"analysis: and 4 more errors\"", rest)
	}
}
