package analysis_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/money"
)

type eqField[T any] = equaltest.Field[T]

func one(x decimal.Decimal) decimal.Decimal { return x.Add(decimal.NewFromInt(1)) }

// rescaled is x with two more zeros after the point: numerically equal.
func rescaled(x decimal.Decimal) decimal.Decimal { return x.Mul(d("1.00")) }

func TestEqualMethods(t *testing.T) {
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).Lint(incentive.MustParsePlan(volumePlan))
	if err != nil {
		t.Fatal(err)
	}
	f := r.Findings[0]
	t.Run("Detail", func(t *testing.T) {
		equaltest.Check(t, f.Details[0], []eqField[analysis.Detail]{
			{Name: "Name", Change: func(x analysis.Detail) analysis.Detail { x.Name = "other"; return x }},
			{Name: "Value", Change: func(x analysis.Detail) analysis.Detail { x.Value = one(x.Value); return x }},
			// 250000 and 250000.00 are the same figure.
			{Name: "Value", KeepsEqual: true, Change: func(x analysis.Detail) analysis.Detail { x.Value = rescaled(x.Value); return x }},
		})
	})
	t.Run("Finding", func(t *testing.T) {
		equaltest.Check(t, f, []eqField[analysis.Finding]{
			{Name: "Check", Change: func(x analysis.Finding) analysis.Finding { x.Check = analysis.VersionGap; return x }},
			{Name: "Severity", Change: func(x analysis.Finding) analysis.Finding { x.Severity = analysis.Info; return x }},
			{Name: "Path", Change: func(x analysis.Finding) analysis.Finding { x.Path = "/x"; return x }},
			{Name: "Component", Change: func(x analysis.Finding) analysis.Finding { x.Component = "x"; return x }},
			{Name: "Version", Change: func(x analysis.Finding) analysis.Finding { x.Version = "x"; return x }},
			{Name: "Message", Change: func(x analysis.Finding) analysis.Finding { x.Message = "x"; return x }},
			{Name: "Details", Change: func(x analysis.Finding) analysis.Finding { x.Details = x.Details[1:]; return x }},
		})
	})
	ce := r.Exposure.Components[1]
	t.Run("ComponentExposure", func(t *testing.T) {
		equaltest.Check(t, ce, []eqField[analysis.ComponentExposure]{
			{Name: "Path", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure { x.Path = "/x"; return x }},
			{Name: "Component", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure { x.Component = "x"; return x }},
			{Name: "Version", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure { x.Version = "x"; return x }},
			{Name: "Recipient", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure {
				x.Recipient = incentive.RecipientRep
				return x
			}},
			{Name: "Max", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure { x.Max.Bounded = false; return x }},
			{Name: "Max", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure {
				x.Max.Amount = one(x.Max.Amount)
				return x
			}},
			{Name: "Capped", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure { x.Capped = !x.Capped; return x }},
			{Name: "HasReach", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure { x.HasReach = !x.HasReach; return x }},
			{Name: "Reach", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure { x.Reach = one(x.Reach); return x }},
			{Name: "Metrics", Change: func(x analysis.ComponentExposure) analysis.ComponentExposure {
				x.Metrics = []analysis.Detail{{Name: "metric:csat", Value: d("4")}}
				return x
			}},
		})
	})
	t.Run("Exposure", func(t *testing.T) {
		equaltest.Check(t, r.Exposure, []eqField[analysis.Exposure]{
			{Name: "Components", Change: func(x analysis.Exposure) analysis.Exposure { x.Components = x.Components[1:]; return x }},
			{Name: "PerPartner", Change: func(x analysis.Exposure) analysis.Exposure { x.PerPartner.Bounded = true; return x }},
			{Name: "PerRep", Change: func(x analysis.Exposure) analysis.Exposure { x.PerRep.Amount = d("1"); return x }},
			{Name: "Total", Change: func(x analysis.Exposure) analysis.Exposure { x.Total.Bounded = true; return x }},
		})
	})
	t.Run("Report", func(t *testing.T) {
		equaltest.Check(t, r, []eqField[analysis.Report]{
			{Name: "Plan", Change: func(x analysis.Report) analysis.Report { x.Plan = "x"; return x }},
			{Name: "PlanVersion", Change: func(x analysis.Report) analysis.Report { x.PlanVersion = "x"; return x }},
			{Name: "PlanHash", Change: func(x analysis.Report) analysis.Report { x.PlanHash = "x"; return x }},
			{Name: "Findings", Change: func(x analysis.Report) analysis.Report { x.Findings = x.Findings[1:]; return x }},
			{Name: "Exposure", Change: func(x analysis.Report) analysis.Report { x.Exposure.Total.Bounded = true; return x }},
		})
	})
	g, err := analysis.Compare(incentive.MustParsePlan(volumePlan), incentive.MustParsePlan(flatterPlan), q3, nil, slices.Values(population()))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Gain", func(t *testing.T) {
		equaltest.Check(t, g.Recipients[0], []eqField[analysis.Gain]{
			{Name: "Recipient", Change: func(x analysis.Gain) analysis.Gain { x.Recipient.ID = "x"; return x }},
			{Name: "Before", Change: func(x analysis.Gain) analysis.Gain { x.Before = one(x.Before); return x }},
			{Name: "After", Change: func(x analysis.Gain) analysis.Gain { x.After = one(x.After); return x }},
			{Name: "Delta", Change: func(x analysis.Gain) analysis.Gain { x.Delta = one(x.Delta); return x }},
			// 620.00 and 620.0000 are the same amount.
			{Name: "Delta", KeepsEqual: true, Change: func(x analysis.Gain) analysis.Gain { x.Delta = rescaled(x.Delta); return x }},
		})
	})
	t.Run("Gains", func(t *testing.T) {
		equaltest.Check(t, g, []eqField[analysis.Gains]{
			{Name: "Recipients", Change: func(x analysis.Gains) analysis.Gains { x.Recipients = x.Recipients[1:]; return x }},
			{Name: "Winners", Change: func(x analysis.Gains) analysis.Gains { x.Winners++; return x }},
			{Name: "Losers", Change: func(x analysis.Gains) analysis.Gains { x.Losers++; return x }},
			{Name: "Unchanged", Change: func(x analysis.Gains) analysis.Gains { x.Unchanged++; return x }},
			{Name: "Before", Change: func(x analysis.Gains) analysis.Gains { x.Before = one(x.Before); return x }},
			{Name: "After", Change: func(x analysis.Gains) analysis.Gains { x.After = one(x.After); return x }},
			{Name: "Gained", Change: func(x analysis.Gains) analysis.Gains { x.Gained = one(x.Gained); return x }},
			{Name: "Lost", Change: func(x analysis.Gains) analysis.Gains { x.Lost = one(x.Lost); return x }},
			{Name: "Delta", Change: func(x analysis.Gains) analysis.Gains { x.Delta = one(x.Delta); return x }},
		})
	})
	diff, err := analysis.WhatIf(incentive.MustParsePlan(volumePlan), analysis.Change{Scenario: analysis.MustParseScenario(`{"scales": [{"dimension": "all", "factor": "2"}]}`)}, q3, nil, slices.Values(population()))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("LineDiff", func(t *testing.T) {
		other := diff.Lines[0]
		equaltest.Check(t, diff.Lines[1], []eqField[analysis.LineDiff]{
			{Name: "Recipient", Change: func(x analysis.LineDiff) analysis.LineDiff { x.Recipient.Kind = incentive.RecipientRep; return x }},
			{Name: "Component", Change: func(x analysis.LineDiff) analysis.LineDiff { x.Component = "x"; return x }},
			{Name: "HasBase", Change: func(x analysis.LineDiff) analysis.LineDiff { x.HasBase = false; return x }},
			{Name: "HasAlt", Change: func(x analysis.LineDiff) analysis.LineDiff { x.HasAlt = false; return x }},
			{Name: "Base", Change: func(x analysis.LineDiff) analysis.LineDiff { x.Base = one(x.Base); return x }},
			{Name: "Alt", Change: func(x analysis.LineDiff) analysis.LineDiff { x.Alt = one(x.Alt); return x }},
			{Name: "Delta", Change: func(x analysis.LineDiff) analysis.LineDiff { x.Delta = one(x.Delta); return x }},
			{Name: "BaseTrace", Change: func(x analysis.LineDiff) analysis.LineDiff { x.BaseTrace = other.BaseTrace; return x }},
			{Name: "AltTrace", Change: func(x analysis.LineDiff) analysis.LineDiff { x.AltTrace = other.AltTrace; return x }},
		})
	})
	t.Run("Diff", func(t *testing.T) {
		equaltest.Check(t, diff, []eqField[analysis.Diff]{
			{Name: "Base", Change: func(x analysis.Diff) analysis.Diff { x.Base = x.Alt; return x }},
			{Name: "Alt", Change: func(x analysis.Diff) analysis.Diff { x.Alt = x.Base; return x }},
			{Name: "Lines", Change: func(x analysis.Diff) analysis.Diff { x.Lines = x.Lines[1:]; return x }},
			{Name: "BaseTotal", Change: func(x analysis.Diff) analysis.Diff { x.BaseTotal = one(x.BaseTotal); return x }},
			{Name: "AltTotal", Change: func(x analysis.Diff) analysis.Diff { x.AltTotal = one(x.AltTotal); return x }},
			{Name: "Delta", Change: func(x analysis.Diff) analysis.Diff { x.Delta = one(x.Delta); return x }},
		})
	})
	s, err := analysis.Simulate(incentive.MustParsePlan(linearPlan), analysis.MustParsePopulation(`{"component": "rebate", "partners": 3, "draws": 5, "seed": 1,
		"attainment": {"shape": "uniform", "low": "0", "high": "100000"}}`), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("TierShare", func(t *testing.T) {
		equaltest.Check(t, s.Tiers[1], []eqField[analysis.TierShare]{
			{Name: "Tier", Change: func(x analysis.TierShare) analysis.TierShare { x.Tier++; return x }},
			{Name: "From", Change: func(x analysis.TierShare) analysis.TierShare { x.From = one(x.From); return x }},
			{Name: "Count", Change: func(x analysis.TierShare) analysis.TierShare { x.Count++; return x }},
			{Name: "Share", Change: func(x analysis.TierShare) analysis.TierShare { x.Share = one(x.Share); return x }},
		})
	})
	t.Run("Simulation", func(t *testing.T) {
		equaltest.Check(t, s, []eqField[analysis.Simulation]{
			{Name: "Component", Change: func(x analysis.Simulation) analysis.Simulation { x.Component = "x"; return x }},
			{Name: "Version", Change: func(x analysis.Simulation) analysis.Simulation { x.Version = "x"; return x }},
			{Name: "Currency", Change: func(x analysis.Simulation) analysis.Simulation { x.Currency = money.MustCurrency("EUR"); return x }},
			{Name: "Partners", Change: func(x analysis.Simulation) analysis.Simulation { x.Partners++; return x }},
			{Name: "Draws", Change: func(x analysis.Simulation) analysis.Simulation { x.Draws++; return x }},
			{Name: "Seed", Change: func(x analysis.Simulation) analysis.Simulation { x.Seed++; return x }},
			{Name: "Costs", Change: func(x analysis.Simulation) analysis.Simulation { x.Costs = x.Costs[1:]; return x }},
			{Name: "Total", Change: func(x analysis.Simulation) analysis.Simulation { x.Total = one(x.Total); return x }},
			{Name: "Mean", Change: func(x analysis.Simulation) analysis.Simulation { x.Mean = one(x.Mean); return x }},
			{Name: "P50", Change: func(x analysis.Simulation) analysis.Simulation { x.P50 = one(x.P50); return x }},
			{Name: "P90", Change: func(x analysis.Simulation) analysis.Simulation { x.P90 = one(x.P90); return x }},
			{Name: "P99", Change: func(x analysis.Simulation) analysis.Simulation { x.P99 = one(x.P99); return x }},
			{Name: "Tiers", Change: func(x analysis.Simulation) analysis.Simulation { x.Tiers = x.Tiers[1:]; return x }},
			{Name: "Marginal", Change: func(x analysis.Simulation) analysis.Simulation { x.Marginal = one(x.Marginal); return x }},
		})
	})
}

// TestSpecRoundTrips: Linter, Scenario and Population write the documents
// their parsers read, and Equal compares numerically.
func TestSpecRoundTrips(t *testing.T) {
	l := analysis.MustParseLinter(`{"cliff_jump": "1000.50", "disable": ["version-gap", "cliff"]}`)
	b, err := l.MarshalJSON()
	if err != nil || string(b) != `{"cliff_jump":"1000.50","disable":["version-gap","cliff"]}` {
		t.Errorf("linter JSON %s, %v", b, err)
	}
	if !analysis.MustParseLinter(`{"cliff_jump": "1000.5", "disable": ["cliff", "version-gap"]}`).Equal(l) ||
		analysis.MustParseLinter(`{"cliff_jump": "1000.5"}`).Equal(l) {
		t.Error("Linter.Equal")
	}
	var back analysis.Linter
	if err := back.UnmarshalJSON(b); err != nil || !back.Equal(l) || !back.Spec().CliffJump.Equal(*l.Spec().CliffJump) {
		t.Errorf("linter round trip: %v", err)
	}
	sc := analysis.MustParseScenario(`{"scales": [{"dimension": "segment", "value": "smb", "factor": "1.20"}]}`)
	if !sc.Equal(analysis.MustParseScenario(`{"scales": [{"dimension": "segment", "value": "smb", "factor": "1.2"}]}`)) ||
		sc.Equal(analysis.MustParseScenario(`{"scales": [{"dimension": "segment", "value": "ent", "factor": "1.2"}]}`)) {
		t.Error("Scenario.Equal")
	}
	var sb analysis.Scenario
	if b, err := sc.MarshalJSON(); err != nil || sb.UnmarshalJSON(b) != nil || !sb.Equal(sc) {
		t.Errorf("scenario round trip %s: %v", b, err)
	}
	pop := analysis.MustParsePopulation(`{"component": "c", "partners": 3, "draws": 2, "seed": 5, "attainment": {"shape": "uniform", "low": "0", "high": "10"}}`)
	var pb analysis.Population
	if b, err := pop.MarshalJSON(); err != nil || pb.UnmarshalJSON(b) != nil || !pb.Equal(pop) {
		t.Errorf("population round trip %s: %v", b, err)
	}
	if pop.Equal(analysis.MustParsePopulation(`{"component": "c", "partners": 3, "draws": 2, "seed": 6, "attainment": {"shape": "uniform", "low": "0", "high": "10"}}`)) {
		t.Error("Population.Equal ignores the seed")
	}
	// The declared metrics (lint) and fact distributions (simulation)
	// round-trip and count in Equal.
	lm := analysis.MustParseLinter(`{"cliff_jump": "1", "metrics": [{"metric": "csat", "min": "0", "max": "5.0"}]}`)
	var lb analysis.Linter
	if b, err := lm.MarshalJSON(); err != nil || lb.UnmarshalJSON(b) != nil || !lb.Equal(lm) ||
		lm.Equal(analysis.MustParseLinter(`{"cliff_jump": "1", "metrics": [{"metric": "csat", "min": "0", "max": "4"}]}`)) ||
		lm.Equal(analysis.MustParseLinter(`{"cliff_jump": "1", "metrics": [{"metric": "csat", "min": "0"}]}`)) ||
		!lm.Equal(analysis.MustParseLinter(`{"cliff_jump": "1", "metrics": [{"metric": "csat", "min": "0", "max": "5"}]}`)) {
		t.Errorf("linter metrics round trip %s: %v", b, err)
	}
	const facts = `{"component": "c", "partners": 3, "draws": 2, "seed": 5, "attainment": {"shape": "uniform", "low": "0", "high": "10"},
	 "metrics": [{"metric": "csat", "places": %d, "distribution": {"shape": "empirical", "volumes": ["4.0"]}}], "quota": {"shape": "uniform", "low": "1", "high": "%s"}}`
	pf := analysis.MustParsePopulation(fmt.Sprintf(facts, 1, "2"))
	var pfb analysis.Population
	if b, err := pf.MarshalJSON(); err != nil || pfb.UnmarshalJSON(b) != nil || !pfb.Equal(pf) ||
		!pf.Equal(analysis.MustParsePopulation(fmt.Sprintf(facts, 1, "2.0"))) ||
		pf.Equal(analysis.MustParsePopulation(fmt.Sprintf(facts, 2, "2"))) ||
		pf.Equal(analysis.MustParsePopulation(fmt.Sprintf(facts, 1, "3"))) || pf.Equal(pop) {
		t.Errorf("population facts round trip %s: %v", b, err)
	}
	if _, err := (analysis.Linter{}).MarshalJSON(); err == nil {
		t.Error("zero Linter marshals")
	}
	if _, err := (analysis.Linter{}).Lint(incentive.MustParsePlan(volumePlan)); err == nil {
		t.Error("zero Linter lints")
	}
	if _, err := l.Lint(incentive.Plan{}); err == nil {
		t.Error("zero Plan linted")
	}
}
