package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
)

// errCritical reports a lint finding of critical severity: the plan should
// not pay as written.
var errCritical = errors.New("lint found a critical defect")

// demoPopulation simulates the sample plan's volume rebate: 200 partners
// with revenue drawn uniformly between 0 and 400,000, 1,000 draws.
const demoPopulation = `{"component": "volume-rebate", "partners": 200, "draws": 1000, "seed": 2025,
 "attainment": {"shape": "uniform", "low": "0", "high": "400000"}}`

// lint prints the plan's lint findings (analysis.Linter) and its exposure,
// most severe first. It fails with errCritical when a finding is critical.
func lint(plan incentive.Plan, o options, w io.Writer) error {
	l, err := analysis.ParseLinter([]byte(`{"cliff_jump": "` + o.cliffJump + `"}`))
	if err != nil {
		return fmt.Errorf("%w: -cliff-jump %q: %w", errUsage, o.cliffJump, err)
	}
	r, err := l.Lint(plan)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "lint of plan %s version %s (hash %s), cliffs from %s %s:\n", plan.ID(), plan.Version(), plan.Hash(), o.cliffJump, plan.Currency())
	for _, f := range r.Findings {
		fmt.Fprintf(w, "%-8s %-24s %s\n         %s\n", f.Severity, f.Check, f.Path, f.Message)
	}
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, "no findings")
	}
	if r.Worst() == analysis.Critical {
		return errCritical
	}
	return nil
}

// simulate runs a seeded population simulation (analysis.Simulate) of one
// component and prints the cost per draw, its percentiles, the share of
// partners per tier and the marginal payout.
func simulate(plan incentive.Plan, o options, w io.Writer) error {
	name, data := "embedded demo population", []byte(demoPopulation)
	if o.populationPath != "" {
		var err error
		if name, data, err = load(o.populationPath, ""); err != nil {
			return err
		}
	}
	pop, err := analysis.ParsePopulation(data)
	if err != nil {
		return fmt.Errorf("population %s: %w", name, err)
	}
	sim, err := analysis.Simulate(plan, pop, o.workers)
	if err != nil {
		return err
	}
	cur := plan.Currency().Code()
	fmt.Fprintf(w, "simulation of %s v%s: %d partners × %d draws, seed %d (%s)\n", sim.Component, sim.Version, sim.Partners, sim.Draws, sim.Seed, name)
	for _, row := range [][2]string{{"mean", money.FormatDecimal(sim.Mean, 2)}, {"P50", money.FormatDecimal(sim.P50, 2)},
		{"P90", money.FormatDecimal(sim.P90, 2)}, {"P99", money.FormatDecimal(sim.P99, 2)}} {
		fmt.Fprintf(w, "  %-4s %16s %s per period\n", row[0], row[1], cur)
	}
	for _, t := range sim.Tiers {
		if t.Tier == 0 {
			fmt.Fprintf(w, "  below the first tier: %s of partners\n", t.Share)
			continue
		}
		fmt.Fprintf(w, "  tier %d (from %s): %s of partners\n", t.Tier, t.From, t.Share)
	}
	fmt.Fprintf(w, "  marginal payout per extra unit of volume: %s %s\n", sim.Marginal, cur)
	return nil
}
