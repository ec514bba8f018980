package tier_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/internal/sqltest"
	"github.com/partnerecon/partnerecon/tier"
)

// TestSQL: enums are stored as their names, a schedule as its canonical
// JSON; what a column must never hold is the package's typed error.
func TestSQL(t *testing.T) {
	sqltest.RoundTrip(t, sqltest.EnumValues[tier.Mode](), sqltest.Same, nil)
	sqltest.RoundTrip(t, []tier.Mode{tier.Incremental}, sqltest.Same, []string{"incremental"})
	sqltest.RoundTrip(t, sqltest.EnumValues[tier.Boundary](), sqltest.Same, nil)
	sqltest.Rejects[tier.Mode, *tier.Mode, *tier.EnumError](t, append(sqltest.Hostile(), "unspecified", "All-Units"), tier.ErrMode)
	sqltest.Rejects[tier.Boundary, *tier.Boundary, *tier.EnumError](t, sqltest.Hostile(), tier.ErrBoundary)
	s := tier.MustParseSchedule(`{"mode":"package","boundary":"upper-inclusive","step":"10","tiers":[{"from":"0","amount":"25"}]}`)
	sqltest.RoundTrip(t, []tier.Schedule{s}, tier.Schedule.Equal, nil)
	sqltest.Rejects[tier.Schedule, *tier.Schedule, *tier.SpecError](t, sqltest.Hostile(), tier.ErrJSON)
	// An edited document is validated again: a package tier without its amount.
	sqltest.Rejects[tier.Schedule, *tier.Schedule, *tier.SpecError](t, []any{
		`{"mode":"package","boundary":"upper-inclusive","step":"10","tiers":[{"from":"0"}]}`}, tier.ErrMissing)
}
