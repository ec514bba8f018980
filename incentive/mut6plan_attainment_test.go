package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// planAttainmentPlan is a one-component rep plan paying 40 per attainment
// point, its attainment the component's own revenue (weight 100 %) with
// the measure options opts (e.g. `,"cap":"150%"`), its quota from the
// recipient's facts.
func planAttainmentPlan(t *testing.T, opts string) Plan {
	t.Helper()
	p, err := ParsePlan([]byte(`{"id":"q","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"bonus","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue",
	  "attainment":{"measures":[{"component":"bonus","weight":"100%"` + opts + `}]},
	  "schedule":{"mode":"incremental","boundary":"lower-inclusive","tiers":[{"from":"0","price":"40"}]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// planAttainmentEval evaluates one sale of amount by rep ana in Q3 2025
// with ana's quota fact for "bonus".
func planAttainmentEval(p Plan, amount string, quota decimal.Decimal) (Result, error) {
	ana := Recipient{RecipientRep, "ana"}
	facts := Facts{ana: {Quotas: map[string]decimal.Decimal{"bonus": quota}}}
	tx := sale("1", 3, amount)
	tx.RepID = "ana"
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	return Evaluate(p, q3, facts, slices.Values([]Transaction{tx}))
}

// A measure whose ratio value / quota equals its cap exactly is not
// capped: the cap binds only above it (attainment.go, the evaluation's
// `ratio.Cmp(cap) > 0`). 150,000.00 / 100,000 = 150 % = the cap: the
// step is not Capped and the attainment is 150 points, 150 × 40 =
// 6,000.00. 160,000.00 / 100,000 = 160 % > 150 %: capped at 150 points,
// 6,000.00 again, now with Capped set.
func TestPlanAttainmentCapBindsAboveOnly(t *testing.T) {
	p := planAttainmentPlan(t, `,"cap":"150%"`)
	for _, c := range []struct {
		amount string
		capped bool
	}{
		{"150000.00", false},
		{"160000.00", true},
	} {
		r, err := planAttainmentEval(p, c.amount, decimal.NewFromInt(100000))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Lines) != 1 || len(r.Lines[0].Trace().Attainment) != 1 {
			t.Fatalf("%s: lines %+v", c.amount, r.Lines)
		}
		l := r.Lines[0]
		if !l.Amount().Equal(decimal.NewFromInt(6000)) || l.Trace().Attainment[0].Capped != c.capped {
			t.Errorf("%s: amount %s capped %v, want 6000 capped %v", c.amount, l.Amount(), l.Trace().Attainment[0].Capped, c.capped)
		}
	}
}

// A quota fact of zero is refused as a missing fact (attainment.go: the
// quota fact's `Sign() <= 0`), not divided by: the error names the
// recipient and the fact's JSON Pointer "/quotas/bonus".
func TestPlanAttainmentZeroQuotaFact(t *testing.T) {
	p := planAttainmentPlan(t, "")
	_, err := planAttainmentEval(p, "1000.00", decimal.Zero)
	var de *DataError
	if !errors.As(err, &de) || !errors.Is(err, ErrMissingFact) {
		t.Fatalf("got %v, want a *DataError matching ErrMissingFact", err)
	}
	if de.Recipient != "rep:ana" || de.Path != "/quotas/bonus" || de.Value != "0" ||
		!strings.HasSuffix(err.Error(), "an attainment quota must be positive") {
		t.Errorf("got %q (recipient %q, path %q, value %q)", err, de.Recipient, de.Path, de.Value)
	}
}

// Plan validation of an attainment: a weight of 0 % is refused even when
// the weights still sum to 100 %; a component read by a measure must have
// a single version (two versions are refused, naming the count); an
// attainment tier bound may have GrowthPlaces (6) places, not 7.
func TestPlanAttainmentValidation(t *testing.T) {
	comp := func(id, version, dates, measures string) string {
		return `{"id":"` + id + `","version":"` + version + `",` + dates + `,"recipient":"partner","measure":"revenue",
		  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}` + measures + `}`
	}
	doc := func(comps ...string) string {
		return `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[` + strings.Join(comps, ",") + `]}`
	}
	tiers := func(from string) string {
		return strings.Replace(mutate(measuresJSON(1, "100%"), ""), `{"from":"100","rate":"2%"}`, `{"from":"`+from+`","rate":"2%"}`, 1)
	}
	tests := []struct {
		name, doc, path, says string
	}{
		{"zero weight", mutate(`,"attainment":{"measures":[{"metric":"m0","weight":"100%"},{"metric":"m1","weight":"0%"}]}`, ""),
			"/components/0/attainment/measures/1/weight", `incentive: /components/0/attainment/measures/1/weight = "0%": invalid value: a weight is more than 0%`},
		{"two versions", doc(comp("a", "1", `"effective_from":"2025-01-01","effective_until":"2025-07-01"`, ""),
			comp("a", "2", `"effective_from":"2025-07-01"`, ""),
			comp("b", "1", `"effective_from":"2025-01-01"`, `,"attainment":{"measures":[{"component":"a","weight":"100%"}]}`)),
			"/components/2/attainment/measures/0/component", `component "a" has 2 versions (an attainment reads a single one)`},
		{"7 places", tiers("100.0000001"), "/components/0/schedule/tiers/1/from", "attainment bounds (percentage points) have at most 6 places"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(tt.doc))
			if got := planErrorPaths(err); !slices.Equal(got, []string{tt.path}) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("got %v at %q, want one error at %s saying %q", err, got, tt.path, tt.says)
			}
		})
	}
	// 6 places, 100.000001 points, is fine.
	if _, err := ParsePlan([]byte(tiers("100.000001"))); err != nil {
		t.Errorf("6 places: %v", err)
	}
}
