package analysis_test

import (
	"errors"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
)

// ratePlan is a USD plan (2 places, half-even) of one partner revenue
// component "rebate" paying an all-units rate of pct.
func ratePlan(pct string) incentive.Plan {
	return incentive.MustParsePlan(`{"id": "r", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
	 "components": [{"id": "rebate", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "` + pct + `"}]}}]}`)
}

// TestSimulateVolumeAtIntegerLimit pins newSampler's range check: a
// volume is accepted up to (2^63 − 1) / 4 = 2,305,843,009,213,693,951
// (integer division) units of its scale inclusive (`v > MaxInt64/4`, not
// `>=`), that is 23,058,430,092,136,939.51 USD at 2 places; one cent more
// is ErrInvalid at the volume's pointer. At the limit, 1 % ×
// 23,058,430,092,136,939.51 = 230,584,300,921,369.3951, rounded
// half-even to 230,584,300,921,369.40 per partner.
func TestSimulateVolumeAtIntegerLimit(t *testing.T) {
	pop := func(v string) analysis.Population {
		return analysis.MustParsePopulation(`{"component": "rebate", "partners": 1, "draws": 1, "seed": 5,
		 "attainment": {"shape": "empirical", "volumes": ["` + v + `"]}}`)
	}
	s, err := analysis.Simulate(ratePlan("1%"), pop("23058430092136939.51"), 1)
	if err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	if !s.Costs[0].Equal(d("230584300921369.40")) {
		t.Errorf("cost %s, want 230584300921369.40", s.Costs[0])
	}
	_, err = analysis.Simulate(ratePlan("1%"), pop("23058430092136939.52"), 1)
	var pe *analysis.ParamError
	if !errors.As(err, &pe) || pe.Path != "/attainment/volumes/0" || !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("one cent over: %v, want ErrInvalid at /attainment/volumes/0", err)
	}
}

// TestSimulateUniformAwayFromZero pins the uniform sampler's range
// [low, high]: with low = high = 250 every partner draws 250, not a value
// in a range that grows with low (the span is high − low + 1 steps). Each
// line is 1 % × 250 = 2.50, so each draw of 3 partners costs 7.50, and
// one more dollar adds 1 % × 1 = 0.01 to each line.
func TestSimulateUniformAwayFromZero(t *testing.T) {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 3, "draws": 4, "seed": 11,
	 "attainment": {"shape": "uniform", "low": "250", "high": "250"}}`)
	s, err := analysis.Simulate(ratePlan("1%"), pop, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range s.Costs {
		if !c.Equal(d("7.50")) {
			t.Errorf("draw %d costs %s, want 7.50", i, c)
		}
	}
	if !s.Marginal.Equal(d("0.01")) {
		t.Errorf("marginal %s, want 0.01", s.Marginal)
	}
}

// TestSimulateCostOverflowRedone pins run's fallback for a component
// without modifiers: a draw whose int64 cost overflows is redone in
// decimals from the start of its stream (and not by the modifiers' int64
// path). Ten partners each sell 10^16 USD at 100 %: each line is
// 10,000,000,000,000,000.00, or 10^18 cents, which fits int64, but ten
// of them (10^19 cents) exceed 2^63 − 1 ≈ 9.22 × 10^18 cents; the exact
// cost is 10 × 10^16 = 10^17 USD per draw, and one more dollar adds 1 to
// each line (marginal 1).
func TestSimulateCostOverflowRedone(t *testing.T) {
	pop := analysis.MustParsePopulation(`{"component": "rebate", "partners": 10, "draws": 2, "seed": 13,
	 "attainment": {"shape": "uniform", "low": "10000000000000000", "high": "10000000000000000"}}`)
	s, err := analysis.Simulate(ratePlan("100%"), pop, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range s.Costs {
		if !c.Equal(d("100000000000000000")) {
			t.Errorf("draw %d costs %s, want 100000000000000000", i, c)
		}
	}
	if !s.Marginal.Equal(d("1")) {
		t.Errorf("marginal %s, want 1", s.Marginal)
	}
}
