package analysis

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// TestFastPathMatchesDecimal: for random schedules, caps, floors,
// rounding, recipient caps and budgets, every draw computed on the int64
// fast path equals the same draw (same stream) computed in decimals.
func TestFastPathMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mode := rapid.SampledFrom([]tier.Mode{tier.AllUnits, tier.Incremental, tier.RetroFromThreshold, tier.FlatPerTier}).Draw(t, "mode")
		n := rapid.IntRange(1, 5).Draw(t, "tiers")
		ts := make([]tier.Tier, n)
		from := int64(0)
		for i := range ts {
			if i > 0 {
				from += rapid.Int64Range(1, 100_000).Draw(t, "gap")
			}
			ts[i].From = decimal.New(from, 0)
			if mode == tier.FlatPerTier {
				ts[i].Amount = decimal.New(rapid.Int64Range(0, 100_000).Draw(t, "amount"), -2)
			} else {
				ts[i].Rate = money.RateFromPercent(decimal.New(rapid.Int64Range(0, 2000).Draw(t, "rate"), -2))
			}
		}
		sch := tier.Spec{Mode: mode, Boundary: rapid.SampledFrom([]tier.Boundary{tier.LowerInclusive, tier.UpperInclusive}).Draw(t, "boundary"), Tiers: ts}
		if mode == tier.RetroFromThreshold {
			sch.Threshold = decimal.New(rapid.Int64Range(0, 50_000).Draw(t, "threshold"), 0)
		}
		c := incentive.ComponentSpec{ID: "c", Version: "1", EffectiveFrom: incentive.MustDate("2025-01-01"),
			Recipient: incentive.RecipientPartner, Measure: incentive.Revenue, Schedule: sch}
		opt := func(name string, lo, hi int64) *decimal.Decimal {
			if !rapid.Bool().Draw(t, name+"?") {
				return nil
			}
			v := decimal.New(rapid.Int64Range(lo, hi).Draw(t, name), -3)
			return &v
		}
		c.Cap = opt("cap", 100_000, 10_000_000)
		c.Floor = opt("floor", 0, 100_000)
		spec := incentive.PlanSpec{ID: "p", Version: "1", Currency: money.MustCurrency("USD"),
			Rounding:     rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.Floor, money.Ceiling, money.TowardZero, money.AwayFromZero}).Draw(t, "rounding"),
			Places:       int32(rapid.IntRange(0, 2).Draw(t, "places")),
			RecipientCap: opt("recipient cap", 100_000, 10_000_000), Budget: opt("budget", 1_000_000, 100_000_000),
			Components: []incentive.ComponentSpec{c}}
		p, err := incentive.NewPlan(spec)
		if err != nil {
			t.Skip(err)
		}
		pop, err := NewPopulation(PopulationSpec{Component: "c", Partners: rapid.IntRange(1, 20).Draw(t, "partners"), Draws: 1,
			Seed: rapid.Uint64().Draw(t, "seed"), Attainment: DistributionSpec{Shape: Uniform, Low: ptr(decimal.Zero), High: ptr(decimal.New(rapid.Int64Range(0, 50_000_000).Draw(t, "high"), -2))}})
		if err != nil {
			t.Fatal(err)
		}
		m, err := newModel(p, pop)
		if err != nil {
			t.Fatal(err)
		}
		if !m.fast {
			t.Skip("no fast path")
		}
		for i := range uint64(3) {
			got := m.run(i)
			want := draw{tiers: make([]int64, m.sched.Len()+1)}
			var r rand.PCG
			r.Seed(pop.spec.Seed, i)
			m.runDecimal(&r, &want)
			if !got.cost.Equal(want.cost) || !got.marginal.Equal(want.marginal) || !slices.Equal(got.tiers, want.tiers) {
				t.Fatalf("draw %d: fast %s / %s / %v, decimal %s / %s / %v", i, got.cost, got.marginal, got.tiers, want.cost, want.marginal, want.tiers)
			}
		}
	})
}

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

// TestDivRound checks the fast path's rounding against money.Round for
// every mode, on both signs and at ties.
func TestDivRound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 6).Draw(t, "places")
		div := int64(1)
		for range k {
			div *= 10
		}
		v := rapid.Int64Range(-1_000_000_000, 1_000_000_000).Draw(t, "v")
		if rapid.Bool().Draw(t, "tie") {
			v = rapid.Int64Range(-50, 50).Draw(t, "h")*div + div/2 // a tie (or, negative, h·div + div/2)
		}
		mode := rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.Floor, money.Ceiling, money.TowardZero, money.AwayFromZero}).Draw(t, "mode")
		want, err := money.Round(decimal.New(v, -int32(k)), 0, mode)
		if err != nil {
			t.Fatal(err)
		}
		if got := divRound(v, div, mode); !decimal.NewFromInt(got).Equal(want) {
			t.Fatalf("%d / %d %s = %d, want %s", v, div, mode, got, want)
		}
	})
}

// TestFastModsMatchDecimal: for random components with an accelerator
// (fixed or drawn quota), multipliers, metric and attainment gates, floor
// and cap, every draw on the int64 path equals the same draw in decimals
// (which TestSimulateModifiersAgainstEngine checks against incentive).
func TestFastModsMatchDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ts := []tier.Tier{{From: decimal.Zero, Rate: money.RateFromPercent(decimal.New(rapid.Int64Range(0, 2000).Draw(t, "rate"), -2))}}
		if rapid.Bool().Draw(t, "second tier?") {
			ts = append(ts, tier.Tier{From: decimal.New(rapid.Int64Range(1, 200_000).Draw(t, "from"), 0),
				Rate: money.RateFromPercent(decimal.New(rapid.Int64Range(0, 2000).Draw(t, "rate 2"), -2))})
		}
		c := incentive.ComponentSpec{ID: "c", Version: "1", EffectiveFrom: incentive.MustDate("2025-01-01"),
			Recipient: incentive.RecipientPartner, Measure: incentive.Revenue,
			Schedule: tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: ts}}
		drawnQuota := false
		if rapid.Bool().Draw(t, "accelerator?") {
			m := incentive.ModifierSpec{Kind: incentive.Accelerator, Factor: decimal.New(rapid.Int64Range(100, 300).Draw(t, "factor"), -2)}
			if rapid.Bool().Draw(t, "fixed quota?") {
				m.Quota = ptr(decimal.New(rapid.Int64Range(1, 300_000).Draw(t, "quota"), 0))
			} else {
				drawnQuota = true
			}
			c.Modifiers = append(c.Modifiers, m)
		}
		var metrics []MetricDistribution
		for i := range rapid.IntRange(0, 2).Draw(t, "multipliers") {
			name := string(rune('a' + i))
			bands := []incentive.Band{{From: decimal.Zero, Factor: decimal.New(rapid.Int64Range(0, 2000).Draw(t, "f0"), -3)},
				{From: decimal.New(rapid.Int64Range(1, 50).Draw(t, "b1"), -1), Factor: decimal.New(rapid.Int64Range(0, 2000).Draw(t, "f1"), -3)}}
			c.Modifiers = append(c.Modifiers, incentive.ModifierSpec{Kind: incentive.Multiplier, Metric: name, Bands: bands})
			places := int32(rapid.IntRange(0, 2).Draw(t, "metric places"))
			metrics = append(metrics, MetricDistribution{Metric: name, Places: &places,
				Distribution: DistributionSpec{Shape: Uniform, Low: ptr(decimal.Zero), High: ptr(decimal.NewFromInt(5))}})
		}
		if rapid.Bool().Draw(t, "metric gate?") {
			c.Modifiers = append(c.Modifiers, incentive.ModifierSpec{Kind: incentive.Gate, Metric: "g", AtLeast: ptr(decimal.New(rapid.Int64Range(0, 30).Draw(t, "at least"), -1))})
			places := int32(rapid.IntRange(0, 2).Draw(t, "gate places"))
			metrics = append(metrics, MetricDistribution{Metric: "g", Places: &places,
				Distribution: DistributionSpec{Shape: Uniform, Low: ptr(decimal.Zero), High: ptr(decimal.NewFromInt(3))}})
		}
		if rapid.Bool().Draw(t, "attainment gate?") {
			a := money.RateFromPercent(decimal.New(rapid.Int64Range(1, 1500).Draw(t, "attainment"), -1))
			c.Modifiers = append(c.Modifiers, incentive.ModifierSpec{Kind: incentive.Gate, Attainment: &a})
			drawnQuota = true
		}
		opt := func(name string, lo, hi int64) *decimal.Decimal {
			if !rapid.Bool().Draw(t, name+"?") {
				return nil
			}
			v := decimal.New(rapid.Int64Range(lo, hi).Draw(t, name), -2) // cents: at the payout scale
			return &v
		}
		c.Cap = opt("cap", 10_000, 1_000_000)
		c.Floor = opt("floor", 0, 10_000)
		spec := incentive.PlanSpec{ID: "p", Version: "1", Currency: money.MustCurrency("USD"),
			Rounding:   rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.Floor, money.Ceiling}).Draw(t, "rounding"),
			Places:     int32(rapid.IntRange(0, 2).Draw(t, "places")),
			Components: []incentive.ComponentSpec{c}}
		p, err := incentive.NewPlan(spec)
		if err != nil {
			t.Skip(err)
		}
		ps := PopulationSpec{Component: "c", Partners: rapid.IntRange(1, 20).Draw(t, "partners"), Draws: 1,
			Seed: rapid.Uint64().Draw(t, "seed"), Metrics: metrics,
			Attainment: DistributionSpec{Shape: Uniform, Low: ptr(decimal.Zero), High: ptr(decimal.New(rapid.Int64Range(0, 50_000_000).Draw(t, "high"), -2))}}
		if drawnQuota {
			ps.Quota = &DistributionSpec{Shape: Uniform, Low: ptr(decimal.Zero), High: ptr(decimal.NewFromInt(300_000))}
		}
		pop, err := NewPopulation(ps)
		if err != nil {
			t.Fatal(err)
		}
		m, err := newModel(p, pop)
		if err != nil {
			t.Fatal(err)
		}
		if !m.fast {
			t.Fatalf("no fast path for %+v", c.Modifiers)
		}
		for i := range uint64(3) {
			var got draw
			got.tiers = make([]int64, m.sched.Len()+1)
			var r rand.PCG
			r.Seed(pop.spec.Seed, i)
			if len(m.mods) == 0 && !m.runFast(&r, &got) || len(m.mods) > 0 && !m.runFastMods(&r, &got) {
				// Two multipliers and an accelerator at the fast path's
				// scale can exceed int64 (a 203,368.47 volume × 15.22 ×
				// 16.40 …): run then redoes the draw in decimals, which
				// is what is compared.
				got = m.run(i)
			}
			want := draw{tiers: make([]int64, m.sched.Len()+1)}
			r.Seed(pop.spec.Seed, i)
			m.runDecimal(&r, &want)
			if !got.cost.Equal(want.cost) || !got.marginal.Equal(want.marginal) || !slices.Equal(got.tiers, want.tiers) {
				t.Fatalf("draw %d: fast %s / %s / %v, decimal %s / %s / %v", i, got.cost, got.marginal, got.tiers, want.cost, want.marginal, want.tiers)
			}
		}
	})
}
