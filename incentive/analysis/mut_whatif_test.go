package analysis_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
)

// Two versions of one component in the period pair by rank, in the
// order of their effective dates (whatif.go `k.rank++`, which no test
// ran: `k.rank--` ranked the second version −1, before the first).
// Rebate 1 % until 2025-08-01, then 2 % (the alternative: 3 %); acme
// sells 10,000.00 on 2025-07-03 and 20,000.00 on 2025-08-20:
//
//	version 1: 1 % × 10,000.00 = 100.00 on both sides, delta 0.00
//	version 2: 2 % × 20,000.00 = 400.00, 3 % × 20,000.00 = 600.00, delta 200.00
func TestWhatIfVersionsPairByRank(t *testing.T) {
	const doc = `{"id": "q", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
	 {"id": "rebate", "version": "1", "effective_from": "2025-01-01", "effective_until": "2025-08-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}},
	 {"id": "rebate", "version": "2", "effective_from": "2025-08-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "RATE"}]}}]}`
	base := incentive.MustParsePlan(strings.Replace(doc, "RATE", "2%", 1))
	alt := incentive.MustParsePlan(strings.Replace(doc, "RATE", "3%", 1))
	july, aug := sale("j", "acme", "10000.00", ""), sale("a", "acme", "20000.00", "")
	july.Date, aug.Date = time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), time.Date(2025, 8, 20, 0, 0, 0, 0, time.UTC)
	d, err := analysis.WhatIf(base, analysis.Change{Plan: alt}, q3, nil, slices.Values([]incentive.Transaction{july, aug}))
	if err != nil {
		t.Fatal(err)
	}
	want := []lineFig{{"acme", "rebate", "100.00", "100.00", "0.00"}, {"acme", "rebate", "400.00", "600.00", "200.00"}}
	if diff := cmp.Diff(want, figures(d)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if got := money.FormatDecimal(d.Delta, 2); got != "200.00" {
		t.Errorf("delta %s, want 200.00", got)
	}
}
