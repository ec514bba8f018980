package dealreg_test

import (
	"os"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/internal/sqltest"
	"github.com/partnerecon/partnerecon/strictjson"
)

// TestSQL: enums are stored as their names, a policy as its canonical
// JSON; what a column must never hold is the package's typed error.
func TestSQL(t *testing.T) {
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.State](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.EventKind](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.Stage](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.Field](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.Source](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.ConflictRule](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.Role](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.ResolutionReason](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.EligibilityReason](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.LeadStatus](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.RouteClass](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.PolicyPart](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.MatchMode](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.Signal](), sqltest.Same, nil)
	sqltest.RoundTrip(t, sqltest.EnumValues[dealreg.ConflictAction](), sqltest.Same, nil)
	sqltest.RoundTrip(t, []dealreg.State{dealreg.UnderReview}, sqltest.Same, []string{"under-review"})
	sqltest.Rejects[dealreg.State, *dealreg.State, *dealreg.EnumError](t, append(sqltest.Hostile(), "unspecified", "Approved"), dealreg.ErrUnknownValue)

	data, err := os.ReadFile("testdata/policy.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := dealreg.ParsePolicy(data)
	if err != nil {
		t.Fatal(err)
	}
	sqltest.RoundTrip(t, []dealreg.Policy{p}, dealreg.Policy.Equal, nil)
	sqltest.Rejects[dealreg.Policy, *dealreg.Policy, *strictjson.Error](t, sqltest.Hostile(), nil)
	// An edited policy is validated again: a negative minimum deal size.
	sqltest.Rejects[dealreg.Policy, *dealreg.Policy, *dealreg.FieldError](t, []any{
		strings.Replace(string(data), `"10000.00 USD"`, `"-1.00 USD"`, 1)}, nil)
}
