package analysis_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
)

// TestExposure works a plan's exposure by hand:
//
//	volume (partner): all-units 2 %, cap 500, csat multiplier ×1.5 from 4
//	  (×0.5 below 2): at most 500.00; reached at 500 / (2% × 1.5) =
//	  16,666.666… → 16,666.67 (0.03 × 16,666.67 = 500.0001 ≥ 500;
//	  16,666.66 gives 499.9998)
//	steps (partner): flat-per-tier 0 / 120.005 / 300.125 by units, no cap,
//	  half-even to cents: at most 300.12, reached at the tier from 20 units
//	spiff (rep): incremental 10 % without cap: unbounded
//	per partner 500.00 + 300.12 = 800.12, above the recipient cap 700.009
//	  counted as 700.00: 700.00; per rep unbounded, bounded by the cap: 700.00
//	total: the budget 10,000.509 counted as 10,000.50
func TestExposure(t *testing.T) {
	p := incentive.MustParsePlan(`{"id": "x", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "recipient_cap": "700.009", "budget": "10000.509", "components": [
	  {"id": "volume", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue", "cap": "500",
	   "modifiers": [{"kind": "multiplier", "metric": "csat", "bands": [{"from": "0", "factor": "0.5"}, {"from": "2", "factor": "1"}, {"from": "4", "factor": "1.5"}]}],
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]}},
	  {"id": "steps", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "units",
	   "schedule": {"mode": "flat-per-tier", "boundary": "lower-inclusive", "tiers": [{"from": "0", "amount": "0"}, {"from": "10", "amount": "120.005"}, {"from": "20", "amount": "300.125"}]}},
	  {"id": "spiff", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
	   "schedule": {"mode": "incremental", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "10%"}]}}]}`)
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Component, Max string
		Capped         bool
		Reach          string
		Metrics        int
	}
	var got []row
	for _, c := range r.Exposure.Components {
		reach := "-"
		if c.HasReach {
			reach = money.FormatDecimal(c.Reach, 2)
		}
		got = append(got, row{c.Component, c.Max.String(), c.Capped, reach, len(c.Metrics)})
	}
	want := []row{
		{"volume", "500", true, "16666.67", 1},
		{"steps", "300.12", false, "20.0000", 0},
		{"spiff", "unbounded", false, "-", 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
	if m := r.Exposure.Components[0].Metrics[0]; m.Name != "metric:csat" || !m.Value.Equal(d("4")) {
		t.Errorf("metric %+v, want csat 4", m)
	}
	e := r.Exposure
	if e.PerPartner.String() != "700" || e.PerRep.String() != "700" || e.Total.String() != "10000.5" {
		t.Errorf("per partner %s, per rep %s, total %s", e.PerPartner, e.PerRep, e.Total)
	}
	if w := r.Worst(); w != analysis.Info {
		t.Errorf("worst %s: %+v", w, r.Findings)
	}
	f := r.Findings[0]
	if f.Check != analysis.ExposureBound || f.Path != "" {
		t.Fatalf("finding %+v", f)
	}
	const msg = `in one period the plan can pay each partner at most 700 USD, each rep at most 700 USD, and in total at most 10000.5 USD; nothing caps component "spiff"`
	if f.Message != msg {
		t.Errorf("message\n%s\nwant\n%s", f.Message, msg)
	}
}

// TestLintDisable: a disabled rule reports nothing; the exposure is still
// computed.
func TestLintDisable(t *testing.T) {
	p := incentive.MustParsePlan(volumePlan)
	r, err := analysis.MustParseLinter(`{"cliff_jump": "0", "disable": ["cliff", "exposure"]}`).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 || len(r.Exposure.Components) != 2 {
		t.Errorf("findings %+v, exposure %+v", r.Findings, r.Exposure)
	}
	r, err = analysis.MustParseLinter(`{"cliff_jump": "0"}`).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Findings); n != 4 {
		t.Errorf("%d findings, want 3 cliffs and the exposure: %+v", n, r.Findings)
	}
}
