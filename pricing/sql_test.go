package pricing_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/internal/sqltest"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/strictjson"
)

// TestSQL: enums are stored as their names, a policy as its canonical
// JSON; what a column must never hold is the package's typed error.
func TestSQL(t *testing.T) {
	sqltest.RoundTrip(t, sqltest.EnumValues[pricing.Stacking](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[pricing.DiscountKind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[pricing.FloorKind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[pricing.FloorAction](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[pricing.RestoreReason](), sqltest.Same, nil)
	sqltest.RoundTrip(t, []pricing.Stacking{pricing.BestOf}, sqltest.Same, []string{"best-of"})
	sqltest.Rejects[pricing.Stacking, *pricing.Stacking, *pricing.EnumError](t, append(sqltest.Hostile(), "unspecified", "Additive"), pricing.ErrEnum)

	p := pricing.MustParsePolicy(`{"stacking": "additive", "rounding": "half-even",
		"floor": {"kind": "margin", "rate": "30%", "action": "clamp"}}`)
	sqltest.RoundTrip(t, []pricing.Policy{p}, pricing.Policy.Equal, nil)
	sqltest.Rejects[pricing.Policy, *pricing.Policy, *strictjson.Error](t, sqltest.Hostile(), nil)
	// An edited policy is validated again: a floor above 100 %.
	sqltest.Rejects[pricing.Policy, *pricing.Policy, *pricing.PolicyError](t, []any{
		`{"stacking": "additive", "rounding": "half-even", "floor": {"kind": "margin", "rate": "130%", "action": "clamp"}}`}, nil)
}
