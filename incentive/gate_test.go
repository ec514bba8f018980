package incentive

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// Invalid gates are reported at their JSON Pointer, naming the component.
func TestGateSpecErrors(t *testing.T) {
	base := `{"id":"g","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"x","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"5%%"}]},
	  "modifiers":[%s]}]}`
	cases := []struct {
		name, mod, path string
		want            error
	}{
		{"at_least absent", `{"kind":"gate","metric":"certified"}`, "/components/0/modifiers/0/at_least", ErrInvalid},
		{"metric absent", `{"kind":"gate","at_least":"1"}`, "/components/0/modifiers/0/metric", ErrInvalid},
		{"both", `{"kind":"gate","metric":"certified","at_least":"1","attainment":"80%"}`, "/components/0/modifiers/0/metric", ErrInvalid},
		{"zero attainment", `{"kind":"gate","attainment":"0"}`, "/components/0/modifiers/0/attainment", ErrInvalid},
		{"quota on a metric gate", `{"kind":"gate","metric":"c","at_least":"1","quota":"5"}`, "/components/0/modifiers/0/quota", ErrInvalid},
		{"factor", `{"kind":"gate","attainment":"80%","factor":"2"}`, "/components/0/modifiers/0/factor", ErrInvalid},
		{"at_least on a multiplier", `{"kind":"multiplier","metric":"csat","bands":[{"from":"0","factor":"1"}],"at_least":"1"}`, "/components/0/modifiers/0/at_least", ErrInvalid},
		{"attainment on an accelerator", `{"kind":"accelerator","factor":"2","attainment":"80%"}`, "/components/0/modifiers/0/attainment", ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(fmt.Sprintf(base, tc.mod)))
			if !errors.Is(err, tc.want) || !slices.Contains(planErrorPaths(err), tc.path) {
				t.Fatalf("got %v, want %v at %s", err, tc.want, tc.path)
			}
			checkPointers(t, err)
		})
	}
	// A bare attainment rate is refused by the decoder (did you mean "80%"?).
	if _, err := ParsePlan([]byte(fmt.Sprintf(base, `{"kind":"gate","attainment":"80"}`))); err == nil {
		t.Fatal("a bare attainment rate was accepted")
	}
}

// A missing metric or quota is a missing fact at its path.
func TestGateMissingFacts(t *testing.T) {
	p := MustParsePlan(`{"id":"g","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"x","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"5%"}]},
	  "modifiers":[{"kind":"gate","metric":"certified","at_least":"1"},{"kind":"gate","attainment":"80%"}]}]}`)
	tx := Transaction{ID: "1", Date: genPeriod.Start, Kind: Sale, PartnerID: "p1", Amount: usd("10.00")}
	rec := Recipient{RecipientPartner, "p1"}
	for _, tc := range []struct {
		f    Facts
		path string
	}{
		{nil, "/metrics/certified"},
		{Facts{rec: {Metrics: map[string]decimal.Decimal{"certified": dec(1, 0)}}}, "/quotas/x"},
	} {
		_, err := Evaluate(p, genPeriod, tc.f, slices.Values([]Transaction{tx}))
		var de *DataError
		if !errors.As(err, &de) || de.Path != tc.path || !errors.Is(err, ErrMissingFact) {
			t.Fatalf("got %v, want a missing fact at %s", err, tc.path)
		}
	}
}

// Gates are part of the plan hash and round-trip through MarshalJSON.
func TestGateHashAndRoundTrip(t *testing.T) {
	doc := func(min string) Plan {
		return MustParsePlan(`{"id":"g","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
		 {"id":"x","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
		  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"5%"}]},
		  "modifiers":[{"kind":"gate","metric":"registrations","at_least":"` + min + `"},{"kind":"gate","attainment":"80%","quota":"1000"}]}]}`)
	}
	a := doc("5")
	if doc("5.0").Hash() != a.Hash() || doc("6").Hash() == a.Hash() {
		t.Fatal("gate minimum not hashed canonically")
	}
	js, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if back, err := ParsePlan(js); err != nil || !back.Equal(a) {
		t.Fatalf("round trip: %v\n%s", err, js)
	}
}
