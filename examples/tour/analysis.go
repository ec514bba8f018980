package main

import (
	"fmt"
	"io"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// analysisChapter examines the incentive chapter's plan before it pays:
// lint (cliffs and what caps the plan), lint of a draft that adds an
// unfunded SPIF, then a seeded population
// simulation of its volume rebate.
func analysisChapter(w io.Writer) error {
	plan, err := incentive.ParsePlan([]byte(incentiveTourPlan))
	if err != nil {
		return err
	}
	// Cliffs of the all-units rebate, worked by hand: (2% − 1%) × 100,000
	// = 1,000; (3% − 2%) × 250,000 = 2,500; (3.5% − 3%) × 400,000 =
	// 2,000. With a threshold of 2,000 the last two are reported.
	linter, err := analysis.ParseLinter([]byte(`{"cliff_jump": "2000"}`))
	if err != nil {
		return err
	}
	rep, err := linter.Lint(plan)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   Lint (before the plan pays a cent):")
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "     %-8s %-9s %s\n       %s\n", f.Severity, f.Check, f.Path, f.Message)
	}

	// A draft for the fourth quarter adds a storage SPIF: 3 % of storage
	// revenue from 1 October 2025 until 1 January 2026 (92 days), with no
	// cap and no budget. Linted as a draft, before it is compiled into a
	// plan, it is found to be time-boxed and unfunded.
	draft := plan.Spec()
	draft.Components = append(draft.Components, incentive.ComponentSpec{
		ID: "q4-storage-spif", Version: "1", EffectiveFrom: incentive.MustDate("2025-10-01"), EffectiveUntil: incentive.MustDate("2026-01-01"),
		Recipient: incentive.RecipientPartner, Measure: incentive.Revenue,
		Eligibility: incentive.Eligibility{Categories: []string{"storage"}},
		Schedule: tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive,
			Tiers: []tier.Tier{{From: decimal.Zero, Rate: money.RateFromPercent(decimal.NewFromInt(3))}}},
	})
	rep, err = linter.LintDraft(draft)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   Lint of a Q4 draft with a storage SPIF:")
	for _, f := range rep.Findings {
		if f.Check == analysis.UnbudgetedSpif {
			fmt.Fprintf(w, "     %-8s %s %s\n       %s\n", f.Severity, f.Check, f.Path, f.Message)
		}
	}

	// 200 partners drawn uniformly between 0 and 400,000 of revenue, 500
	// times. Closed form per partner: 1% × 100,000²/2 / 400,000 = 125,
	// 2% × (250,000² − 100,000²)/2 / 400,000 = 1,312.50, 3% × (400,000² −
	// 250,000²)/2 / 400,000 = 3,656.25: 5,093.75, so 1,018,750 per draw;
	// tier shares ¼, ⅜, ⅜. Marginal: Σ rate × share = 0.02125 from the
	// rates, plus (1,000 + 2,500 + 2,000) / 400,000 = 0.01375 from the
	// cliffs (a partner within a dollar below a bound jumps), 0.035 in
	// all; 100,000 partner-draws hit a cliff about once, so the sample's
	// figure swings around it.
	pop, err := analysis.ParsePopulation([]byte(`{"component": "volume-rebate", "partners": 200, "draws": 500, "seed": 2025,
		"attainment": {"shape": "uniform", "low": "0", "high": "400000"}}`))
	if err != nil {
		return err
	}
	sim, err := analysis.Simulate(plan, pop, 2)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   Simulated %d partners × %d draws (seed %d), volume-rebate cost per draw:\n", sim.Partners, sim.Draws, sim.Seed)
	fmt.Fprintf(w, "     mean %s  P50 %s  P90 %s  P99 %s USD (closed form: mean 1,018,750.00)\n",
		money.FormatDecimal(sim.Mean, 2), money.FormatDecimal(sim.P50, 2), money.FormatDecimal(sim.P90, 2), money.FormatDecimal(sim.P99, 2))
	for _, t := range sim.Tiers {
		if t.Tier > 0 {
			fmt.Fprintf(w, "     tier %d (from %s): %s of partners\n", t.Tier, t.From, t.Share)
		}
	}
	fmt.Fprintf(w, "     one more dollar of revenue pays %s on average (expected 0.035, cliffs included)\n", sim.Marginal)
	return nil
}
