package incentive_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
)

// A limit of zero is a limit: it must survive MarshalJSON and a re-parse,
// or the stored plan would pay without the cap (and hash like a plan that
// has none). Seen: "cap": "0" was dropped because omitzero calls the
// decimal's IsZero through the pointer.
func TestZeroLimitsRoundTrip(t *testing.T) {
	const doc = `{
 "id": "zero", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "recipient_cap": "0", "budget": "0",
 "components": [
  {"id": "volume", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]},
   "floor": "0", "cap": "0"}
 ]}`
	p := incentive.MustParsePlan(doc)
	out, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, member := range []string{`"recipient_cap":"0"`, `"budget":"0"`, `"floor":"0"`, `"cap":"0"`} {
		if !strings.Contains(string(out), member) {
			t.Errorf("MarshalJSON lost %s:\n%s", member, out)
		}
	}
	q, err := incentive.ParsePlan(out)
	if err != nil {
		t.Fatalf("re-parse: %v", err)
	}
	if q.Hash() != p.Hash() {
		t.Errorf("hash changed on round trip: %s → %s", p.Hash(), q.Hash())
	}
	// 1 % of 100,000.00 = 1,000.00, capped at 0: pays 0.00.
	r, err := incentive.Evaluate(q, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "100000.00")}))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range r.Lines {
		if !l.Amount().IsZero() {
			t.Errorf("re-parsed plan pays %s on line %s, want 0 (cap 0)", l.Amount(), l.Component())
		}
	}
}
