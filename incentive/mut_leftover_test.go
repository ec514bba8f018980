package incentive

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// These tests kill mutants in `case` conditions, which are in no coverage
// block (gremlins reported them NOT COVERED; tools/cmd/mutate runs them
// against the tests of their function): each names the mutant it kills.

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
	if !l.Amount().Equal(decimal.RequireFromString("4800")) || !l.Measure().Equal(decimal.RequireFromString("120000")) {
		t.Errorf("amount %s measure %s, want 4800.00 on 120000.00", l.Amount(), l.Measure())
	}
}

// A split credit whose running sum leaves int64 minor units is spilled to
// the exact decimal at the measure's scale (credit.go
// `decimal.New(parts[i], -c.scale)`, with the sign flipped: the spilled
// part counted 10^4 times too large). Two sales of
// 60,000,000,000,000,000.00 USD credited 100 % to ana: 6e18 cents each,
// 1.2e19 together, beyond int64 (9.22e18). By hand the measure is
// 120,000,000,000,000,000.00 USD and 10 % of it 12,000,000,000,000,000.00.
func TestSplitCreditSpill(t *testing.T) {
	p := MustParsePlan(`{"id":"q","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"commission","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"10%"}]}}]}`)
	credits := []Credit{{Recipient: Recipient{RecipientRep, "ana"}, Share: money.MustRate("100%")}}
	a, b := sale("1", 3, "60000000000000000.00"), sale("2", 4, "60000000000000000.00")
	a.Credits, b.Credits = credits, credits
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	r, err := Evaluate(p, q3, nil, slices.Values([]Transaction{a, b}))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lines) != 1 || !r.Lines[0].Measure().Equal(decimal.RequireFromString("120000000000000000")) ||
		!r.Lines[0].Amount().Equal(decimal.RequireFromString("12000000000000000")) {
		t.Errorf("lines %+v, want ana paid 12e15 on 12e16", r.Lines)
	}
}

// Draw.UnmarshalJSON is ParseDraw: a valid document sets the draw, an
// invalid one (a negative amount) is ParseDraw's error and leaves it as
// it was (draw.go `if err != nil` → `==`).
func TestDrawUnmarshalJSON(t *testing.T) {
	const doc = `{"id":"sign-on","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable","currency":"USD","amount":"1000.00","recovery_cap":"300.00"}`
	var d Draw
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatal(err)
	}
	want := MustParseDraw(doc)
	if d.Hash() != want.Hash() || d.ID() != "sign-on" {
		t.Fatalf("unmarshalled %q %s, want %q %s", d.ID(), d.Hash(), want.ID(), want.Hash())
	}
	bad := strings.Replace(doc, `"1000.00"`, `"-1000.00"`, 1)
	_, perr := ParseDraw([]byte(bad))
	err := json.Unmarshal([]byte(bad), &d)
	if err == nil || !errors.Is(err, ErrInvalid) || perr == nil || err.Error() != perr.Error() {
		t.Fatalf("negative amount: %v, want ParseDraw's %v", err, perr)
	}
	if d.Hash() != want.Hash() {
		t.Errorf("a failed unmarshal changed the draw to %s", d.Hash())
	}
}
