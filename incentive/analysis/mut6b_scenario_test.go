package analysis_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// partnerScales returns n scales of factor 1, one per partner "p0", "p1", ….
func partnerScales(n int) []analysis.ScaleSpec {
	one := d("1")
	ss := make([]analysis.ScaleSpec, n)
	for i := range ss {
		ss[i] = analysis.ScaleSpec{Dimension: analysis.ScalePartner, Value: "p" + strconv.Itoa(i), Factor: &one}
	}
	return ss
}

// categoryShifts returns n shifts of all transactions, each moving 100 %
// of its own category "c0", "c1", … to "to" (so no category's shifts sum
// above 100 %).
func categoryShifts(n int) []analysis.ShiftSpec {
	all := rate("100%")
	ss := make([]analysis.ShiftSpec, n)
	for i := range ss {
		ss[i] = analysis.ShiftSpec{Dimension: analysis.ScaleAll, From: "c" + strconv.Itoa(i), To: "to", Share: &all}
	}
	return ss
}

// TestScenarioCountsInclusive pins NewScenario's count limits as
// inclusive: exactly MaxScales (10,000) scales and exactly MaxShifts
// (10,000) shifts are valid (`len > limit`, not `>=`); one more is
// ErrTooMany at /scales or /shifts.
func TestScenarioCountsInclusive(t *testing.T) {
	for _, tc := range []struct {
		name string
		spec func(n int) analysis.ScenarioSpec
		max  int
		path string
	}{
		{"scales", func(n int) analysis.ScenarioSpec { return analysis.ScenarioSpec{Scales: partnerScales(n)} }, analysis.MaxScales, "/scales"},
		{"shifts", func(n int) analysis.ScenarioSpec { return analysis.ScenarioSpec{Shifts: categoryShifts(n)} }, analysis.MaxShifts, "/shifts"},
	} {
		if _, err := analysis.NewScenario(tc.spec(tc.max)); err != nil {
			t.Errorf("%s: exactly %d: %v", tc.name, tc.max, err)
		}
		_, err := analysis.NewScenario(tc.spec(tc.max + 1))
		var pe *analysis.ParamError
		if !errors.As(err, &pe) || pe.Path != tc.path || !errors.Is(err, analysis.ErrTooMany) {
			t.Errorf("%s: %d: %v, want ErrTooMany at %s", tc.name, tc.max+1, err, tc.path)
		}
	}
}

// TestShiftIDsAtMaxIDLen pins checkShifts' ID check (`len(v) >
// incentive.MaxIDLen`, inclusive): a shift's partner value, from and to
// categories of exactly 128 bytes are valid; 129 bytes is ErrInvalid at
// that member.
func TestShiftIDsAtMaxIDLen(t *testing.T) {
	share := rate("10%")
	for _, tc := range []struct {
		member string
		shift  func(id string) analysis.ShiftSpec
	}{
		{"value", func(id string) analysis.ShiftSpec {
			return analysis.ShiftSpec{Dimension: analysis.ScalePartner, Value: id, From: "hw", To: "sw", Share: &share}
		}},
		{"from", func(id string) analysis.ShiftSpec {
			return analysis.ShiftSpec{Dimension: analysis.ScaleAll, From: id, To: "sw", Share: &share}
		}},
		{"to", func(id string) analysis.ShiftSpec {
			return analysis.ShiftSpec{Dimension: analysis.ScaleAll, From: "hw", To: id, Share: &share}
		}},
	} {
		at := strings.Repeat("x", incentive.MaxIDLen)
		if _, err := analysis.NewScenario(analysis.ScenarioSpec{Shifts: []analysis.ShiftSpec{tc.shift(at)}}); err != nil {
			t.Errorf("%s of %d bytes: %v", tc.member, len(at), err)
		}
		_, err := analysis.NewScenario(analysis.ScenarioSpec{Shifts: []analysis.ShiftSpec{tc.shift(at + "x")}})
		var pe *analysis.ParamError
		if !errors.As(err, &pe) || pe.Path != "/shifts/0/"+tc.member || !errors.Is(err, analysis.ErrInvalid) {
			t.Errorf("%s of %d bytes: %v, want ErrInvalid at /shifts/0/%s", tc.member, len(at)+1, err, tc.member)
		}
	}
}
