package analysis_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
)

// WhatIf pairs the lines of an alternative plan that pays more lines than
// the base: a line only the alternative pays is listed with HasBase false
// and a base of 0 (whatif.go diff, which collects the keys of both sides).
// The base pays a 1 % volume rebate; the alternative adds a 1.5 % bonus.
// acme sells 10,000.00:
//
//	bonus:  base none (0.00), alt 1.5 % × 10,000.00 = 150.00, delta 150.00
//	volume: 1 % × 10,000.00 = 100.00 on both sides, delta 0.00
//	total delta 150.00
func TestWhatIfAlternativeAddsLines(t *testing.T) {
	const volume = `{"id": "volume", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}}`
	const bonus = `{"id": "bonus", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1.5%"}]}}`
	const head = `{"id": "q", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [`
	base := incentive.MustParsePlan(head + volume + `]}`)
	alt := incentive.MustParsePlan(head + volume + `, ` + bonus + `]}`)
	d, err := analysis.WhatIf(base, analysis.Change{Plan: alt}, q3, nil, slices.Values([]incentive.Transaction{sale("s", "acme", "10000.00", "")}))
	if err != nil {
		t.Fatal(err)
	}
	want := []lineFig{{"acme", "bonus", "0.00", "150.00", "150.00"}, {"acme", "volume", "100.00", "100.00", "0.00"}}
	if diff := cmp.Diff(want, figures(d)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if len(d.Lines) == 2 && (d.Lines[0].HasBase || !d.Lines[0].HasAlt) {
		t.Errorf("bonus line has base %t, alt %t; want only the alternative", d.Lines[0].HasBase, d.Lines[0].HasAlt)
	}
	if got := money.FormatDecimal(d.Delta, 2); got != "150.00" {
		t.Errorf("delta %s, want 150.00", got)
	}
}
