package analysis_test

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
)

// The 4-tier retroactive rebate of 1 %, 2 % from 100,000, 3 % from
// 250,000 and 3.5 % from 400,000 has three cliffs: (2% − 1%) × 100,000 =
// 1,000, (3% − 2%) × 250,000 = 2,500 and (3.5% − 3%) × 400,000 = 2,000.
// From 2,000 the last two are reported. The bonus is capped at 500, which
// it reaches at 500 / 1.5% = 33,333.34 (rounded up to the cent); the
// volume rebate has no cap, so nothing bounds a partner's pay.
func ExampleLinter_Lint() {
	l := analysis.MustParseLinter(`{"cliff_jump": "2000"}`)
	r, err := l.Lint(incentive.MustParsePlan(volumePlan))
	if err != nil {
		panic(err)
	}
	for _, f := range r.Findings {
		fmt.Printf("%s %s at %q\n  %s\n", f.Severity, f.Check, f.Path, f.Message)
	}
	for _, c := range r.Exposure.Components {
		if c.HasReach {
			fmt.Printf("%s: at most %s, reached at revenue %s\n", c.Component, c.Max, money.FormatDecimal(c.Reach, 2))
		} else {
			fmt.Printf("%s: %s\n", c.Component, c.Max)
		}
	}
	// Output:
	// warning cliff at "/components/0/schedule/tiers/2"
	//   all-units tier 3 of 4 starts at 250000 USD: the payout jumps by 2500 USD there (5000 USD just below, 7500 USD on entering the tier)
	// warning cliff at "/components/0/schedule/tiers/3"
	//   all-units tier 4 of 4 starts at 400000 USD: the payout jumps by 2000 USD there (12000 USD just below, 14000 USD on entering the tier)
	// info exposure at ""
	//   in one period the plan can pay each partner without bound, each rep nothing, and in total without bound; nothing caps component "volume"; without a budget the total grows with the number of recipients
	// volume: unbounded
	// bonus: at most 500, reached at revenue 33333.34
}

// Options are stored as JSON; an unknown check is rejected with the valid
// names and the nearest one.
func ExampleParseLinter() {
	_, err := analysis.ParseLinter([]byte(`{"cliff_jump": "500", "disable": ["version-gaps"]}`))
	fmt.Println(err)
	var pe interface{ FieldPath() string }
	fmt.Println(errors.As(err, &pe), pe.FieldPath())
	// Output:
	// analysis: /disable/0: invalid value: unknown check "version-gaps" (valid: cliff, unreachable-tier, unreachable-accelerator, negative-marginal, version-gap, exposure, unbudgeted-spif, closed-gate, double-pay, split-sum, version-overlap; did you mean "version-gap"?)
	// true /disable/0
}

// Built in Go, the threshold is required: absence is an error, not zero.
func ExampleNewLinter() {
	_, err := analysis.NewLinter(analysis.LintSpec{})
	fmt.Println(err)
	jump := money.MustDecimal("0")
	l, err := analysis.NewLinter(analysis.LintSpec{CliffJump: &jump, Disable: []analysis.Check{analysis.ExposureBound}})
	fmt.Println(l.IsValid(), err)
	// Output:
	// analysis: /cliff_jump: invalid value: required
	// true <nil>
}

// Smb volumes up 20 % and bolt's halved:
//
//	acme (smb) 90,000 → 108,000 crosses the 100,000 cliff:
//	  1% × 90,000 = 900.00 → 2% × 108,000 = 2,160.00 (+1,260.00)
//	bolt 200,000 → 100,000: 2% × 200,000 = 4,000.00 → 2,000.00 (−2,000.00)
//	cid (smb) 10,000 → 12,000: volume 100.00 → 120.00, bonus 150.00 → 180.00
//	bonuses of acme and bolt stay capped at 500.00
//	total 6,150.00 → 5,460.00: −690.00
func ExampleWhatIf() {
	sc := analysis.MustParseScenario(`{"scales": [
		{"dimension": "segment", "value": "smb", "factor": "1.2"},
		{"dimension": "partner", "value": "bolt", "factor": "0.5"}]}`)
	d, err := analysis.WhatIf(incentive.MustParsePlan(volumePlan), analysis.Change{Scenario: sc}, q3, nil, slices.Values(population()))
	if err != nil {
		panic(err)
	}
	for _, l := range d.Changed() {
		fmt.Printf("%-5s %-6s %9s → %9s  %9s  (tier %d → %d)\n", l.Recipient.ID, l.Component,
			money.FormatDecimal(l.Base, 2), money.FormatDecimal(l.Alt, 2), money.FormatDecimal(l.Delta, 2),
			l.BaseTrace.Tier, l.AltTrace.Tier)
	}
	fmt.Println("total", money.FormatDecimal(d.BaseTotal, 2), "→", money.FormatDecimal(d.AltTotal, 2), "delta", money.FormatDecimal(d.Delta, 2))
	// Output:
	// acme  volume    900.00 →   2160.00    1260.00  (tier 1 → 2)
	// bolt  volume   4000.00 →   2000.00   -2000.00  (tier 2 → 2)
	// cid   bonus     150.00 →    180.00      30.00  (tier 1 → 1)
	// cid   volume    100.00 →    120.00      20.00  (tier 1 → 1)
	// total 6150.00 → 5460.00 delta -690.00
}

// Moving from the tiered rebate to a competitor's flat 1.8 % with the
// bonus capped at 400:
//
//	acme 90,000: 900 + 500 = 1,400.00 → 1,620 + 400 = 2,020.00 (+620.00)
//	cid 10,000: 100 + 150 = 250.00 → 180 + 150 = 330.00 (+80.00)
//	bolt 200,000: 4,000 + 500 = 4,500.00 → 3,600 + 400 = 4,000.00 (−500.00)
func ExampleCompare() {
	g, err := analysis.Compare(incentive.MustParsePlan(volumePlan), incentive.MustParsePlan(flatterPlan), q3, nil, slices.Values(population()))
	if err != nil {
		panic(err)
	}
	for _, r := range g.Recipients {
		fmt.Printf("%-5s %8s → %8s  %s\n", r.Recipient.ID, money.FormatDecimal(r.Before, 2), money.FormatDecimal(r.After, 2), money.FormatDecimal(r.Delta, 2))
	}
	fmt.Printf("%d gain %s, %d lose %s, net %s\n", g.Winners, money.FormatDecimal(g.Gained, 2), g.Losers, money.FormatDecimal(g.Lost, 2), money.FormatDecimal(g.Delta, 2))
	// Output:
	// acme   1400.00 →  2020.00  620.00
	// cid     250.00 →   330.00  80.00
	// bolt   4500.00 →  4000.00  -500.00
	// 2 gain 700.00, 1 lose -500.00, net 200.00
}

// Gains regroups a what-if's lines by recipient: here doubling everyone's
// volume (acme 90,000 → 180,000: 2% × 180,000 + 500 = 4,100.00 from
// 1,400.00; bolt 400,000: 3.5% × 400,000 + 500 = 14,500.00 from 4,500.00;
// cid 20,000: 200 + 300 = 500.00 from 250.00).
func ExampleDiff_Gains() {
	two := money.MustDecimal("2")
	sc, err := analysis.NewScenario(analysis.ScenarioSpec{Scales: []analysis.ScaleSpec{{Dimension: analysis.ScaleAll, Factor: &two}}})
	if err != nil {
		panic(err)
	}
	d, err := analysis.WhatIf(incentive.MustParsePlan(volumePlan), analysis.Change{Scenario: sc}, q3, nil, slices.Values(population()))
	if err != nil {
		panic(err)
	}
	for _, r := range d.Gains().Recipients {
		fmt.Println(r.Recipient.ID, money.FormatDecimal(r.Before, 2), "→", money.FormatDecimal(r.After, 2))
	}
	// Output:
	// bolt 4500.00 → 14500.00
	// acme 1400.00 → 4100.00
	// cid 250.00 → 500.00
}

// Scales compose: an smb sale of bolt is scaled by 1.2 × 0.5 = 0.6; a
// factor of 0 drops the sale.
func ExampleScenario_Apply() {
	sc := analysis.MustParseScenario(`{"scales": [
		{"dimension": "segment", "value": "smb", "factor": "1.2"},
		{"dimension": "partner", "value": "bolt", "factor": "0.5"},
		{"dimension": "category", "value": "hardware", "factor": "0"}]}`)
	t := incentive.Transaction{ID: "x", Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: "bolt", Segment: "smb", Amount: money.MustParse("1000.00 USD")}
	u, keep := sc.Apply(t)
	fmt.Println(sc.Factor(t), u.Amount, keep)
	t.Category = "hardware"
	_, keep = sc.Apply(t)
	fmt.Println(keep)
	// Output:
	// 0.6 600.0000 USD true
	// false
}

// A scenario document names its fields by JSON Pointer when it is wrong.
func ExampleParseScenario() {
	_, err := analysis.ParseScenario([]byte(`{"scales": [{"dimension": "segment", "value": "smb", "factor": "-1"}]}`))
	fmt.Println(err)
	_, err = analysis.ParseScenario([]byte(`{"scales": [{"dimension": "segmnt", "value": "smb", "factor": "1"}]}`))
	fmt.Println(err)
	// Output:
	// analysis: /scales/0/factor = "-1": invalid value: must not be negative
	// analysis: /scales/0/dimension: invalid value: unknown dimension "segmnt" (valid: all, partner, segment, category; did you mean "segment"?)
}

// One partner whose revenue is uniform on [0, 100,000.00] under a 10 %
// rebate costs 0.1·x: in closed form P50 = 5,000, P90 = 9,000, P99 =
// 9,900 and the mean 5,000; half the partners reach the tier from 50,000;
// one more dollar pays 0.10. The seeded draws land within sampling error
// of those figures, and print the same on every machine.
func ExampleSimulate() {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 1, "draws": 20000, "seed": 7,
		"attainment": {"shape": "uniform", "low": "0", "high": "100000"}}`)
	s, err := analysis.Simulate(incentive.MustParsePlan(linearPlan), pop, 4)
	if err != nil {
		panic(err)
	}
	fmt.Println("mean", money.FormatDecimal(s.Mean, 2), "P50", money.FormatDecimal(s.P50, 2), "P90", money.FormatDecimal(s.P90, 2), "P99", money.FormatDecimal(s.P99, 2))
	for _, t := range s.Tiers[1:] {
		fmt.Printf("tier %d from %s: %s\n", t.Tier, t.From, money.FormatDecimal(t.Share, 4))
	}
	fmt.Println("marginal per dollar", s.Marginal)
	// Output:
	// mean 4982.01 P50 4988.26 P90 9008.31 P99 9906.51
	// tier 1 from 0: 0.501300
	// tier 2 from 50000: 0.498700
	// marginal per dollar 0.1
}

// A weighted table: 1,000 partners, 90 % of them at 20,000 and 10 % at
// 80,000 (tier 2). The cost of a draw is 2,000 per small partner and 8,000
// per large one: 2,000,000 + 6,000·k with k large partners, so its
// expected value is 2,000,000 + 6,000 × 100 = 2,600,000 (standard error
// of the mean of 200 draws: 6,000 × √(1,000 × 0.09) / √200 ≈ 4,000).
func ExampleParsePopulation() {
	pop, err := analysis.ParsePopulation([]byte(`{"component": "rebate", "partners": 1000, "draws": 200, "seed": 2026,
		"attainment": {"shape": "discrete", "table": [{"volume": "20000", "weight": 9}, {"volume": "80000", "weight": 1}]}}`))
	if err != nil {
		panic(err)
	}
	s, err := analysis.Simulate(incentive.MustParsePlan(linearPlan), pop, 2)
	if err != nil {
		panic(err)
	}
	fmt.Println("mean", money.FormatDecimal(s.Mean, 2), "min", money.FormatDecimal(s.Percentile(1), 2), "max", money.FormatDecimal(s.Percentile(100), 2))
	// Output:
	// mean 2601620.00 min 2474000.00 max 2792000.00
}
