package tier_test

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// The portions of any schedule pay exactly Payout(x) between them; in the
// rate modes each portion pays its rate on its volume plus its flat fee;
// Incremental portions are consecutive tiers starting at the first, whose
// volumes add up to x − b_1 (each a full tier width but the last), and the
// last portion (every mode) is the tier Evaluate reports.
func TestPropPortionsSumToPayout(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sp := genSpec(t)
		s := tier.MustNew(sp)
		x := genVolume(t, sp, "x")
		ps := s.Portions(x)
		if len(ps) == 0 {
			t.Fatalf("no portions for %s", x)
		}
		var sum, vol decimal.Decimal
		for i, p := range ps {
			sum = sum.Add(p.Payout)
			vol = vol.Add(p.Volume)
			switch sp.Mode {
			case tier.AllUnits, tier.Incremental, tier.RetroFromThreshold, tier.Linear:
				if want := p.Rate.Of(p.Volume).Add(p.Flat); !p.Payout.Equal(want) {
					t.Fatalf("portion %d pays %s, rate·volume + flat = %s", i, p.Payout, want)
				}
			}
			if sp.Mode == tier.Incremental && p.Tier > 0 {
				if p.Tier != i+1 {
					t.Fatalf("portion %d is tier %d", i, p.Tier)
				}
				if i < len(ps)-1 && !p.Volume.Equal(p.To.Sub(p.From)) {
					t.Fatalf("portion %d volume %s, tier width %s", i, p.Volume, p.To.Sub(p.From))
				}
			}
		}
		if got := s.Payout(x); !sum.Equal(got) {
			t.Fatalf("portions sum to %s, Payout(%s) = %s", sum, x, got)
		}
		if sp.Mode == tier.Incremental {
			if want := x.Sub(sp.Tiers[0].From); !vol.Equal(want) {
				t.Fatalf("incremental volumes sum to %s, want x − b1 = %s", vol, want)
			}
		}
		if last, tr := ps[len(ps)-1], s.Evaluate(x).Tier; last.Tier != tr {
			t.Fatalf("last portion is tier %d, Evaluate says %d", last.Tier, tr)
		}
	})
}

// Hand-checked breakdown: 1 % to 100,000, 2 % to 250,000, 3.5 % above, on
// 412,000: 1,000 + 3,000 + 5,670 = 9,670.
func TestPortionsIncrementalByHand(t *testing.T) {
	s := tier.MustNew(tier.Spec{Mode: tier.Incremental, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{
		{From: decimal.Zero, Rate: money.RateFromPercent(decimal.New(1, 0))},
		{From: decimal.New(100000, 0), Rate: money.RateFromPercent(decimal.New(2, 0))},
		{From: decimal.New(250000, 0), Rate: money.RateFromPercent(decimal.New(35, -1))},
		{From: decimal.New(500000, 0), Rate: money.RateFromPercent(decimal.New(5, 0))},
	}})
	ps := s.Portions(decimal.New(412000, 0))
	want := []struct{ tier, vol, pay int64 }{{1, 100000, 1000}, {2, 150000, 3000}, {3, 162000, 5670}}
	if len(ps) != len(want) {
		t.Fatalf("%d portions, want %d", len(ps), len(want))
	}
	for i, w := range want {
		if ps[i].Tier != int(w.tier) || !ps[i].Volume.Equal(decimal.New(w.vol, 0)) || !ps[i].Payout.Equal(decimal.New(w.pay, 0)) {
			t.Errorf("portion %d = tier %d, %s → %s; want tier %d, %d → %d", i, ps[i].Tier, ps[i].Volume, ps[i].Payout, w.tier, w.vol, w.pay)
		}
	}
	if ps[2].Unbounded || !ps[2].To.Equal(decimal.New(500000, 0)) {
		t.Errorf("tier 3 ends at %s (unbounded %v), want 500000", ps[2].To, ps[2].Unbounded)
	}
}

func ExampleSchedule_Portions() {
	s := tier.MustNew(tier.Spec{Mode: tier.Incremental, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{
		{From: decimal.Zero, Rate: money.RateFromPercent(decimal.New(1, 0))},
		{From: decimal.New(100000, 0), Rate: money.RateFromPercent(decimal.New(2, 0))},
		{From: decimal.New(250000, 0), Rate: money.RateFromPercent(decimal.New(35, -1))},
	}})
	// 1% of 100,000 + 2% of 150,000 + 3.5% of 162,000 = 1,000 + 3,000 + 5,670.
	for _, p := range s.Portions(decimal.New(412000, 0)) {
		to := p.To.String()
		if p.Unbounded {
			to = "∞"
		}
		fmt.Printf("tier %d [%s, %s): %s of %s = %s\n", p.Tier, p.From, to, p.Rate, p.Volume, p.Payout)
	}
	// Output:
	// tier 1 [0, 100000): 1% of 100000 = 1000
	// tier 2 [100000, 250000): 2% of 150000 = 3000
	// tier 3 [250000, ∞): 3.5% of 162000 = 5670
}
