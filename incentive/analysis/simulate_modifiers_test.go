package analysis_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
)

// modPlan is a 2 % rebate with an accelerator of 1.5 above a fixed quota
// of 100,000, a csat multiplier (0.8 from 0, 1.2 from 4), a certification
// gate (certified ≥ 1), and a cap of 5,000.
const modPlan = `{"id": "mods", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue", "cap": "5000",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]},
   "modifiers": [{"kind": "accelerator", "factor": "1.5", "quota": "100000"},
    {"kind": "multiplier", "metric": "csat", "bands": [{"from": "0", "factor": "0.8"}, {"from": "4", "factor": "1.2"}]},
    {"kind": "gate", "metric": "certified", "at_least": "1"}]}]}`

// TestSimulateModifiersByHand: every partner sells 150,000.00 with csat
// 4.5 and certified 1 (one-row tables). S(150,000) = 2 % × 150,000 =
// 3,000; S(q) = 2,000; accelerated 2,000 + 1.5 × 1,000 = 3,500; × 1.2 =
// 4,200 (under the cap); gate met: each line 4,200.00, ten partners 42,000
// per draw. One more dollar: S = 3,000.02, accelerated 3,500.03, × 1.2 =
// 4,200.036: marginal 0.036.
func TestSimulateModifiersByHand(t *testing.T) {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 10, "draws": 3, "seed": 1,
	 "attainment": {"shape": "discrete", "table": [{"volume": "150000", "weight": 1}]},
	 "metrics": [{"metric": "csat", "places": 1, "distribution": {"shape": "discrete", "table": [{"volume": "4.5", "weight": 1}]}},
	  {"metric": "certified", "places": 0, "distribution": {"shape": "empirical", "volumes": ["1"]}}]}`)
	s, err := analysis.Simulate(incentive.MustParsePlan(modPlan), pop, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range s.Costs {
		if !c.Equal(d("42000")) {
			t.Errorf("draw %d costs %s, want 42000", i, c)
		}
	}
	if !s.Marginal.Equal(d("0.036")) || !s.Mean.Equal(d("42000")) {
		t.Errorf("marginal %s mean %s, want 0.036 and 42000", s.Marginal, s.Mean)
	}
}

// TestSimulateGateShare: certified is 0 with weight 1 and 1 with weight 3,
// so a quarter of the lines are held back. Every line is 4,200 or 0 (see
// TestSimulateModifiersByHand), so every cost is a multiple of 4,200; over
// 10 × 1,000 partners the held count is binomial(10,000, 1/4): mean 2,500,
// standard deviation √(10,000 · 1/4 · 3/4) ≈ 43.3, and the seeded draw
// must lie within 5 deviations (2,284 to 2,716).
func TestSimulateGateShare(t *testing.T) {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 10, "draws": 1000, "seed": 7,
	 "attainment": {"shape": "discrete", "table": [{"volume": "150000", "weight": 1}]},
	 "metrics": [{"metric": "csat", "places": 1, "distribution": {"shape": "discrete", "table": [{"volume": "4.5", "weight": 1}]}},
	  {"metric": "certified", "places": 0, "distribution": {"shape": "discrete", "table": [{"volume": "0", "weight": 1}, {"volume": "1", "weight": 3}]}}]}`)
	s, err := analysis.Simulate(incentive.MustParsePlan(modPlan), pop, 3)
	if err != nil {
		t.Fatal(err)
	}
	paid := int64(0)
	for i, c := range s.Costs {
		q := c.Div(d("4200"))
		if !q.IsInteger() {
			t.Fatalf("draw %d costs %s, not a multiple of 4200", i, c)
		}
		paid += q.IntPart()
	}
	if held := 10_000 - paid; held < 2284 || held > 2716 {
		t.Errorf("%d lines held back of 10000, want about 2500", held)
	}
}

// TestSimulateAttainmentGate: a 2 % rebate paid only from 80 % of a quota
// drawn as 120,000 or 130,000 (equal weights), every partner selling
// 100,000: the gate's minimum is 96,000 (met: 2,000) or 104,000 (held:
// 0), so every cost is a multiple of 2,000 and both occur.
func TestSimulateAttainmentGate(t *testing.T) {
	plan := incentive.MustParsePlan(`{"id": "g", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]},
	  "modifiers": [{"kind": "gate", "attainment": "80%"}]}]}`)
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 1, "draws": 200, "seed": 3,
	 "attainment": {"shape": "discrete", "table": [{"volume": "100000", "weight": 1}]},
	 "quota": {"shape": "empirical", "volumes": ["120000", "130000"]}}`)
	s, err := analysis.Simulate(plan, pop, 1)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range s.Costs {
		seen[c.String()] = true
	}
	if len(seen) != 2 || !seen["2000"] || !seen["0"] {
		t.Errorf("costs %v, want 0 and 2000", seen)
	}
}

// TestSimulateAttainmentAtThreshold: 80 % of a quota of 125,000 is
// 100,000 exactly, and a partner selling exactly 100,000 meets the gate
// (x ≥ attainment × quota): 2 % × 100,000 = 2,000.00 per draw.
func TestSimulateAttainmentAtThreshold(t *testing.T) {
	plan := incentive.MustParsePlan(`{"id": "g", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]},
	  "modifiers": [{"kind": "gate", "attainment": "80%"}]}]}`)
	for _, c := range []struct{ x, want string }{{"100000", "2000"}, {"99999.99", "0"}} {
		pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 1, "draws": 2, "seed": 3,
		 "attainment": {"shape": "empirical", "volumes": ["` + c.x + `"]}, "quota": {"shape": "empirical", "volumes": ["125000"]}}`)
		s, err := analysis.Simulate(plan, pop, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Costs[0].Equal(d(c.want)) {
			t.Errorf("x %s: cost %s, want %s", c.x, s.Costs[0], c.want)
		}
	}
}

// TestSimulateModifiersAgainstEngine: one partner, one draw, every fact a
// one-row table: the simulated cost is the line incentive.Evaluate pays
// for one sale of that amount with those facts (an independent
// reference: the engine itself), for random amounts, csat, certification
// and quota, on a plan whose accelerator reads the quota from the facts.
func TestSimulateModifiersAgainstEngine(t *testing.T) {
	plan := incentive.MustParsePlan(`{"id": "e", "version": "1", "currency": "USD", "rounding": "half-up", "places": 2,
	 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "floor": "10", "cap": "9000",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1.25%"}, {"from": "50000", "rate": "2.5%"}]},
	  "modifiers": [{"kind": "accelerator", "factor": "1.75"},
	   {"kind": "multiplier", "metric": "csat", "bands": [{"from": "0", "factor": "0.9"}, {"from": "3.5", "factor": "1.1"}, {"from": "4.5", "factor": "1.3"}]},
	   {"kind": "gate", "metric": "certified", "at_least": "1"}, {"kind": "gate", "attainment": "50%"}]}]}`)
	rapid.Check(t, func(t *rapid.T) {
		x := decimal.New(rapid.Int64Range(1, 60_000_000).Draw(t, "cents"), -2)
		csat := decimal.New(rapid.Int64Range(0, 50).Draw(t, "csat tenths"), -1)
		cert := decimal.NewFromInt(rapid.Int64Range(0, 2).Draw(t, "certified"))
		quota := decimal.New(rapid.Int64Range(0, 40_000_000).Draw(t, "quota cents"), -2)
		pop := analysis.MustParsePopulation(fmt.Sprintf(`{"component": "rebate", "partners": 1, "draws": 1, "seed": 1,
		 "attainment": {"shape": "empirical", "volumes": ["%s"]},
		 "metrics": [{"metric": "certified", "places": 0, "distribution": {"shape": "empirical", "volumes": ["%s"]}},
		  {"metric": "csat", "places": 1, "distribution": {"shape": "empirical", "volumes": ["%s"]}}],
		 "quota": {"shape": "empirical", "volumes": ["%s"]}}`, x, cert, csat, quota))
		s, err := analysis.Simulate(plan, pop, 1)
		if err != nil {
			t.Fatal(err)
		}
		tx := sale("t1", "acme", money.FormatDecimal(x, 2), "")
		r, err := incentive.Evaluate(plan, q3, incentive.Facts{{Kind: incentive.RecipientPartner, ID: "acme"}: {
			Metrics: map[string]decimal.Decimal{"csat": csat, "certified": cert},
			Quotas:  map[string]decimal.Decimal{"rebate": quota}}},
			slices.Values([]incentive.Transaction{tx}))
		if err != nil {
			t.Fatal(err)
		}
		want := decimal.Decimal{}
		if len(r.Lines) == 1 {
			want = r.Lines[0].Amount()
		}
		if !s.Costs[0].Equal(want) {
			t.Fatalf("x %s csat %s certified %s quota %s: simulated %s, engine %s", x, csat, cert, quota, s.Costs[0], want)
		}
	})
}

// TestSimulateModifiersWorkers: the same seed gives the same bytes for 1,
// 2, 3 and 8 workers with modifiers drawn from uniform distributions.
func TestSimulateModifiersWorkers(t *testing.T) {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 50, "draws": 40, "seed": 99,
	 "attainment": {"shape": "uniform", "low": "0", "high": "300000"},
	 "metrics": [{"metric": "csat", "places": 2, "distribution": {"shape": "uniform", "low": "0", "high": "5"}},
	  {"metric": "certified", "places": 0, "distribution": {"shape": "uniform", "low": "0", "high": "1"}}]}`)
	plan := incentive.MustParsePlan(modPlan)
	var first []byte
	for _, w := range []int{1, 2, 3, 8} {
		s, err := analysis.Simulate(plan, pop, w)
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Fatalf("%d workers: output differs", w)
		}
	}
}

// TestSimulateFactsRejected: the population must declare exactly the
// facts the component reads, each at its scale.
func TestSimulateFactsRejected(t *testing.T) {
	plan := incentive.MustParsePlan(modPlan)
	const head = `"component": "rebate", "partners": 1, "draws": 1, "seed": 1, "attainment": {"shape": "uniform", "low": "0", "high": "1"}`
	csat := `{"metric": "csat", "places": 1, "distribution": {"shape": "uniform", "low": "0", "high": "5"}}`
	cert := `{"metric": "certified", "places": 0, "distribution": {"shape": "uniform", "low": "0", "high": "1"}}`
	for _, c := range []struct{ name, doc, path string }{
		{"metric missing", `{` + head + `, "metrics": [` + csat + `]}`, "/metrics"},
		{"metric not read", `{` + head + `, "metrics": [` + csat + `, ` + cert + `, {"metric": "nps", "places": 0, "distribution": {"shape": "uniform", "low": "0", "high": "1"}}]}`, "/metrics/2/metric"},
		{"quota not read", `{` + head + `, "metrics": [` + csat + `, ` + cert + `], "quota": {"shape": "uniform", "low": "0", "high": "1"}}`, "/quota"},
		{"metric finer than places", `{` + head + `, "metrics": [` + cert + `, {"metric": "csat", "places": 1, "distribution": {"shape": "empirical", "volumes": ["4.25"]}}]}`, "/metrics/1/distribution/volumes/0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := analysis.Simulate(plan, analysis.MustParsePopulation(c.doc), 1)
			var pe *analysis.ParamError
			if !errors.Is(err, analysis.ErrInvalid) || !errors.As(err, &pe) || pe.Path != c.path {
				t.Errorf("err %v, want ErrInvalid at %s", err, c.path)
			}
		})
	}
	gate := incentive.MustParsePlan(`{"id": "g", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]},
	  "modifiers": [{"kind": "gate", "attainment": "80%"}]}]}`)
	_, err := analysis.Simulate(gate, analysis.MustParsePopulation(`{`+head+`}`), 1)
	var pe *analysis.ParamError
	if !errors.As(err, &pe) || pe.Path != "/quota" {
		t.Errorf("quota missing: %v", err)
	}
}

// A certification-gated rebate with a csat multiplier: 2 % of revenue,
// 1.5 times above a quota of 100,000, × 0.8 below csat 4 and × 1.2 from
// it, paid only to certified partners, capped at 5,000. Revenue is
// uniform up to 300,000, csat uniform on 0.0 to 5.0 and 80 % of the
// partners certified (a weighted table). By numerical integration over
// revenue and csat (40 of the 51 csat values below 4) the expected cost is
// about 2,345,288 per draw of 1,000 partners and the marginal payout about
// 0.013333 per dollar; the simulation finds 2,341,682.42 and 0.013343.
func ExampleSimulate_modifiers() {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 1000, "draws": 200, "seed": 2025,
	 "attainment": {"shape": "uniform", "low": "0", "high": "300000"},
	 "metrics": [{"metric": "csat", "places": 1, "distribution": {"shape": "uniform", "low": "0", "high": "5"}},
	  {"metric": "certified", "places": 0, "distribution": {"shape": "discrete", "table": [{"volume": "0", "weight": 1}, {"volume": "1", "weight": 4}]}}]}`)
	s, err := analysis.Simulate(incentive.MustParsePlan(modPlan), pop, 4)
	if err != nil {
		panic(err)
	}
	fmt.Println("mean", s.Mean, "P50", s.P50, "P90", s.P90, "P99", s.P99)
	fmt.Println("marginal per extra dollar", s.Marginal)
	// Output:
	// mean 2341682.42 P50 2337629.71 P90 2425357.29 P99 2513038.26
	// marginal per extra dollar 0.013343
}

// BenchmarkSimulateModifiers runs modPlan (accelerator, multiplier,
// gate, on the int64 path) for 1,000 partners × 100 draws on all cores.
func BenchmarkSimulateModifiers(b *testing.B) {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 1000, "draws": 100, "seed": 1,
	 "attainment": {"shape": "uniform", "low": "0", "high": "300000"},
	 "metrics": [{"metric": "csat", "places": 1, "distribution": {"shape": "uniform", "low": "0", "high": "5"}},
	  {"metric": "certified", "places": 0, "distribution": {"shape": "uniform", "low": "0", "high": "1"}}]}`)
	plan := incentive.MustParsePlan(modPlan)
	workers := runtime.GOMAXPROCS(0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := analysis.Simulate(plan, pop, workers); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e5, "ns/partner-draw")
}

// A partner drawn at volume 0 has no sales, so the engine opens no line
// for it and pays no floor; one cent of volume opens the line and the
// floor (10.00) is paid. Checked on the fast paths without and with
// modifiers (the decimal path is held equal to them by
// TestFastPathMatchesDecimal). Before, the simulation paid the floor at 0.
func TestSimulateZeroVolumeNoFloor(t *testing.T) {
	for _, mods := range []string{``, `, "modifiers": [{"kind": "accelerator", "factor": "1.5", "quota": "100"}]`} {
		for _, tc := range []struct{ volume, want string }{
			{"0", "0"}, {"0.01", "10"}, // 1.25% of 0.01 = 0.000125 < 10.00: raised to the floor
		} {
			plan := incentive.MustParsePlan(`{"id": "z", "version": "1", "currency": "USD", "rounding": "half-up", "places": 2,
			 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
			  "floor": "10", "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1.25%"}]}` + mods + `}]}`)
			pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 3, "draws": 2, "seed": 1,
			 "attainment": {"shape": "empirical", "volumes": ["` + tc.volume + `"]}}`)
			s, err := analysis.Simulate(plan, pop, 1)
			if err != nil {
				t.Fatal(err)
			}
			want := decimal.RequireFromString(tc.want).Mul(decimal.NewFromInt(3)) // 3 partners a draw
			for i, c := range s.Costs {
				if !c.Equal(want) {
					t.Fatalf("modifiers %q, volume %s: draw %d costs %s, want %s", mods, tc.volume, i, c, want)
				}
			}
		}
	}
}
