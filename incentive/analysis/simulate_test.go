package analysis_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
)

// linearPlan pays 10 % of revenue (all-units, two tiers with the same
// rate, so the payout is the straight line 0.1·x and tier 2 marks the
// midpoint 50,000).
const linearPlan = `{"id": "lin", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "10%"}, {"from": "50000", "rate": "10%"}]}}]}`

// within reports whether |got − want| ≤ tol.
func within(got, want, tol string) bool {
	return d(got).Sub(d(want)).Abs().Cmp(d(tol)) <= 0
}

// TestSimulateUniformLinear checks the simulation against the closed form
// of one partner with attainment uniform on [0, 100,000.00] and payout
// 0.1·x: the cost is uniform on [0, 10,000], so its p-th percentile is
// 100·p and its mean 5,000; half the partners reach tier 2 (x ≥ 50,000);
// one more dollar always pays 0.10. With 20,000 draws the sample
// percentiles' standard errors are 10,000·√(p(1−p)/20,000): 35 (P50), 21
// (P90), 7 (P99); the mean's 10,000/√(12·20,000) = 20; a share's
// √(0.25/20,000) = 0.0035. The tolerances are over 4 standard errors.
func TestSimulateUniformLinear(t *testing.T) {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 1, "draws": 20000, "seed": 7,
		"attainment": {"shape": "uniform", "low": "0", "high": "100000"}}`)
	s, err := analysis.Simulate(incentive.MustParsePlan(linearPlan), pop, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name           string
		got, want, tol string
	}{
		{"P50", s.P50.String(), "5000", "150"},
		{"P90", s.P90.String(), "9000", "90"},
		{"P99", s.P99.String(), "9900", "30"},
		{"mean", s.Mean.String(), "5000", "80"},
		{"tier 2 share", s.Tiers[2].Share.String(), "0.5", "0.015"},
	} {
		if !within(c.got, c.want, c.tol) {
			t.Errorf("%s = %s, want %s ± %s", c.name, c.got, c.want, c.tol)
		}
	}
	if !s.Marginal.Equal(d("0.1")) {
		t.Errorf("marginal %s, want 0.1 exactly", s.Marginal)
	}
	if s.Tiers[0].Count != 0 || s.Tiers[1].Count+s.Tiers[2].Count != 20000 {
		t.Errorf("tier counts %+v", s.Tiers)
	}
	sum := decimal.Zero
	for _, c := range s.Costs {
		sum = sum.Add(c)
		if c.Sign() < 0 || c.Cmp(d("10000")) > 0 || !c.Equal(c.Round(2)) {
			t.Fatalf("cost %s outside [0, 10,000] or not in cents", c)
		}
	}
	if !sum.Equal(s.Total) {
		t.Errorf("Σ costs %s, total %s", sum, s.Total)
	}
}

// TestSimulateExact uses distributions without randomness in the result.
func TestSimulateExact(t *testing.T) {
	t.Run("one value", func(t *testing.T) {
		// 1,000 partners each at 75,000.00: 10% × 75,000 = 7,500.00 each,
		// 7,500,000.00 a draw; all in tier 2.
		pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 1000, "draws": 10, "seed": 1,
			"attainment": {"shape": "discrete", "table": [{"volume": "75000", "weight": 3}]}}`)
		s, err := analysis.Simulate(incentive.MustParsePlan(linearPlan), pop, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []decimal.Decimal{s.P50, s.P90, s.P99, s.Mean} {
			if !v.Equal(d("7500000")) {
				t.Errorf("got %s, want 7,500,000.00", v)
			}
		}
		if !s.Total.Equal(d("75000000")) || s.Tiers[2].Count != 10000 || !s.Tiers[2].Share.Equal(d("1")) {
			t.Errorf("total %s, tiers %+v", s.Total, s.Tiers)
		}
	})
	t.Run("caps and budget", func(t *testing.T) {
		// 1% all-units with a component cap of 600 and a budget of
		// 1,000.005 (counted as 1,000.00): volumes 10,000.55 → 100.0055 →
		// 100.01 and 90,000 → 900 → capped 600. Three partners cost
		// 3 × 100.01 = 300.03 (no large one), 600 + 2 × 100.01 = 800.02
		// (one), 1,300.01 or 1,800.00 (two or three), which the budget
		// lowers to 1,000.00.
		plan := incentive.MustParsePlan(`{"id": "cap", "version": "1", "currency": "USD", "rounding": "half-up", "places": 2, "budget": "1000.005",
			"components": [{"id": "c", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue", "cap": "600",
			"schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}}]}`)
		pop := analysis.MustParsePopulation(`{"component": "c", "version": "1", "partners": 3, "draws": 200, "seed": 99,
			"attainment": {"shape": "empirical", "volumes": ["10000.55", "90000"]}}`)
		s, err := analysis.Simulate(plan, pop, 4)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, c := range s.Costs {
			seen[money.FormatDecimal(c, 2)]++
		}
		for k := range seen {
			if k != "300.03" && k != "800.02" && k != "1000.00" {
				t.Errorf("cost %s not one of 300.03, 800.02, 1,000.00", k)
			}
		}
		if len(seen) != 3 {
			t.Errorf("costs %v: want all three outcomes in 200 draws", seen)
		}
		// Marginal: below the cap 1% of one dollar = 0.01; above it 0.
		if s.Marginal.Cmp(d("0")) <= 0 || s.Marginal.Cmp(d("0.01")) >= 0 {
			t.Errorf("marginal %s, want between 0 and 0.01", s.Marginal)
		}
	})
}

// TestSimulateSeedStable: the same seed gives the same bytes for any
// number of workers; another seed gives other costs.
func TestSimulateSeedStable(t *testing.T) {
	plan := incentive.MustParsePlan(volumePlan)
	doc := func(seed string) analysis.Population {
		return analysis.MustParsePopulation(`{"component": "volume", "partners": 50, "draws": 40, "seed": ` + seed + `,
			"attainment": {"shape": "uniform", "low": "0", "high": "600000"}}`)
	}
	var first []byte
	for _, w := range []int{1, 2, 3, 8, 64} {
		s, err := analysis.Simulate(plan, doc("12345"), w)
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
	other, err := analysis.Simulate(plan, doc("12346"), 2)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := other.MarshalJSON()
	if bytes.Equal(first, b) {
		t.Error("another seed gave the same simulation")
	}
}

func TestSimulateRejects(t *testing.T) {
	plan := incentive.MustParsePlan(volumePlan)
	pop := func(doc string) analysis.Population { return analysis.MustParsePopulation(doc) }
	for _, c := range []struct {
		name string
		p    incentive.Plan
		pop  analysis.Population
		w    int
		err  error
		path string
	}{
		{"zero population", plan, analysis.Population{}, 1, analysis.ErrInvalid, ""},
		{"no workers", plan, pop(`{"component": "volume", "partners": 1, "draws": 1, "seed": 0, "attainment": {"shape": "uniform", "low": "0", "high": "1"}}`), 0, analysis.ErrInvalid, ""},
		{"zero plan", incentive.Plan{}, pop(`{"component": "volume", "partners": 1, "draws": 1, "seed": 0, "attainment": {"shape": "uniform", "low": "0", "high": "1"}}`), 1, analysis.ErrPlan, ""},
		{"unknown component", plan, pop(`{"component": "nope", "partners": 1, "draws": 1, "seed": 0, "attainment": {"shape": "uniform", "low": "0", "high": "1"}}`), 1, analysis.ErrPlan, ""},
		{"finer than cents", plan, pop(`{"component": "volume", "partners": 1, "draws": 1, "seed": 0, "attainment": {"shape": "empirical", "volumes": ["1", "0.001"]}}`), 1, analysis.ErrInvalid, "/attainment/volumes/1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := analysis.Simulate(c.p, c.pop, c.w)
			if !errors.Is(err, c.err) {
				t.Fatalf("err %v, want %v", err, c.err)
			}
			var pe *analysis.ParamError
			if c.path != "" && (!errors.As(err, &pe) || pe.Path != c.path) {
				t.Errorf("err %v, want path %s", err, c.path)
			}
		})
	}
}

// TestPercentile: nearest rank, the ⌈p·n/100⌉-th smallest of n costs.
// With the five costs 50, 10, 40, 20, 30: P20 = ⌈1⌉ = 1st = 10, P21 =
// ⌈1.05⌉ = 2nd = 20, P50 = ⌈2.5⌉ = 3rd = 30, P90 = ⌈4.5⌉ = 5th = 50,
// P100 = 50; out of range gives 0.
func TestPercentile(t *testing.T) {
	s := analysis.Simulation{Costs: []decimal.Decimal{d("50"), d("10"), d("40"), d("20"), d("30")}}
	for _, c := range []struct {
		p    int
		want string
	}{{1, "10"}, {20, "10"}, {21, "20"}, {50, "30"}, {60, "30"}, {61, "40"}, {90, "50"}, {100, "50"}, {0, "0"}, {101, "0"}} {
		if got := s.Percentile(c.p); !got.Equal(d(c.want)) {
			t.Errorf("P%d = %s, want %s", c.p, got, c.want)
		}
	}
	if !s.Costs[0].Equal(d("50")) {
		t.Error("Percentile sorted the costs in place")
	}
}
