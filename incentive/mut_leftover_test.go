package incentive

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// These tests kill mutants in `case` conditions that gremlins reports NOT
// COVERED and tools/cmd/mutcases ran (see .ci/mutation): each names the
// mutant it kills.

// measuresJSON returns an attainment of n metric measures m0 … m(n−1),
// weighted weight each.
func measuresJSON(n int, weight string) string {
	ms := make([]string, n)
	for i := range ms {
		ms[i] = fmt.Sprintf(`{"metric":"m%d","weight":%q}`, i, weight)
	}
	return `,"attainment":{"measures":[` + strings.Join(ms, ",") + `]}`
}

// An attainment takes exactly MaxAttainmentMeasures measures, not one
// more (attainment.go `case n > MaxAttainmentMeasures` → `>=`).
func TestAttainmentMeasuresAtLimit(t *testing.T) {
	// 8 measures × 12.5 % = 100 %; 9 × 12.5 % = 112.5 %, but the count is
	// refused first (the check returns before the weights are summed).
	if _, err := ParsePlan([]byte(mutate(measuresJSON(MaxAttainmentMeasures, "12.5%"), ""))); err != nil {
		t.Errorf("%d measures: %v", MaxAttainmentMeasures, err)
	}
	_, err := ParsePlan([]byte(mutate(measuresJSON(MaxAttainmentMeasures+1, "12.5%"), "")))
	if !errors.Is(err, ErrTooMany) {
		t.Fatalf("%d measures: %v, want ErrTooMany", MaxAttainmentMeasures+1, err)
	}
	if got, want := planErrorPaths(err), []string{"/components/0/attainment/measures"}; !slices.Equal(got, want) {
		t.Errorf("paths %q, want %q", got, want)
	}
}

// An attainment line's Measure is its period measure (the revenue the
// clawback basis and EstimateForecast read per unit), not the attainment
// points the schedule saw (eval.go `case lc.attain != nil` → `==`, which
// reports the points — and a growth line's volume instead of its growth).
func TestAttainmentLineMeasureIsVolume(t *testing.T) {
	p := MustParsePlan(`{"id":"q","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"bonus","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue",
	  "attainment":{"measures":[{"component":"bonus","weight":"100%"}]},
	  "schedule":{"mode":"incremental","boundary":"lower-inclusive","tiers":[{"from":"0","price":"40"}]}}]}`)
	ana := Recipient{RecipientRep, "ana"}
	facts := Facts{ana: {Quotas: map[string]decimal.Decimal{"bonus": decimal.NewFromInt(100000)}}}
	tx := sale("1", 3, "120000.00")
	tx.RepID = "ana"
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	r, err := Evaluate(p, q3, facts, slices.Values([]Transaction{tx}))
	if err != nil {
		t.Fatal(err)
	}
	// Attainment 120,000.00 / 100,000 = 120 %: 120 points × 40 = 4,800.00.
	// The line's measure is the revenue, 120,000.00.
	if len(r.Lines) != 1 {
		t.Fatalf("lines %+v", r.Lines)
	}
	l := r.Lines[0]
	if !l.Amount.Equal(decimal.RequireFromString("4800")) || !l.Measure.Equal(decimal.RequireFromString("120000")) {
		t.Errorf("amount %s measure %s, want 4800.00 on 120000.00", l.Amount, l.Measure)
	}
}
