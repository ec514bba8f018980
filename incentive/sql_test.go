package incentive_test

import (
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/internal/sqltest"
	"github.com/partnerecon/partnerecon/strictjson"
)

// TestSQL: enums are stored as their names, a plan as its canonical JSON
// whose hash survives the round trip; what a column must never hold is
// the package's typed error.
func TestSQL(t *testing.T) {
	sqltest.RoundTrip(t, sqltest.EnumValues[incentive.RecipientKind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[incentive.MeasureKind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[incentive.Motion](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[incentive.Billing](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[incentive.Kind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[incentive.ModifierKind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[incentive.LimitKind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[incentive.EntryKind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, []incentive.Kind{incentive.CreditNote}, sqltest.Same, []string{"credit-note"})
	sqltest.Rejects[incentive.Kind, *incentive.Kind, *incentive.EnumError](t, append(sqltest.Hostile(), "unspecified", "Sale"), incentive.ErrEnum)
	sqltest.Rejects[incentive.EntryKind, *incentive.EntryKind, *incentive.EnumError](t, sqltest.Hostile(), incentive.ErrEnum)

	p := incentive.MustParsePlan(rebatePlan)
	sqltest.RoundTrip(t, []incentive.Plan{p}, func(a, b incentive.Plan) bool { return a.Equal(b) && a.Hash() == b.Hash() }, nil)
	// A JSONB column gives the document back with its own spacing and key
	// order; the hash is computed from the parsed plan, so it is the same.
	var back incentive.Plan
	if err := back.Scan(rebatePlan); err != nil {
		t.Fatal(err)
	}
	if back.Hash() != p.Hash() {
		t.Errorf("hash after Scan of the indented document = %s, want %s", back.Hash(), p.Hash())
	}
	// What is not a JSON object is the decoder's *strictjson.Error (as from
	// ParsePlan); an edited plan is validated again: tiers out of order, a
	// plan without components.
	sqltest.Rejects[incentive.Plan, *incentive.Plan, *strictjson.Error](t, sqltest.Hostile(), nil)
	sqltest.Rejects[incentive.Plan, *incentive.Plan, *incentive.PlanError](t, []any{
		strings.Replace(rebatePlan, `"from": "100000"`, `"from": "500000"`, 1),
		`{"id": "p", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": []}`}, nil)
}
