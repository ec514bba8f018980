package tier_test

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

func benchSpecs(n int) []tier.Spec {
	rates := make([]tier.Tier, n)
	flats := make([]tier.Tier, n)
	for i := range n {
		from := decimal.NewFromInt(int64(i) * 50000)
		rates[i] = tier.Tier{From: from, Rate: money.RateFromFraction(decimal.New(int64(100+25*i), -4))}
		flats[i] = tier.Tier{From: from, Amount: decimal.NewFromInt(int64(100 * i))}
	}
	knots := append([]tier.Tier(nil), rates...)
	knots[0].From = decimal.NewFromInt(1000)
	return []tier.Spec{
		{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rates},
		{Mode: tier.Incremental, Boundary: tier.LowerInclusive, Tiers: rates},
		{Mode: tier.RetroFromThreshold, Boundary: tier.LowerInclusive, Tiers: rates, Threshold: decimal.NewFromInt(50000)},
		{Mode: tier.Linear, Boundary: tier.LowerInclusive, Tiers: knots, RatePlaces: 6, Rounding: money.HalfEven},
		{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: flats},
		{Mode: tier.Increment, Boundary: tier.LowerInclusive, Threshold: decimal.NewFromInt(10000), Step: decimal.NewFromInt(2500),
			Tiers: []tier.Tier{{From: decimal.Decimal{}, Amount: decimal.NewFromInt(50)}}},
		{Mode: tier.Package, Boundary: tier.UpperInclusive, Step: decimal.NewFromInt(100),
			Tiers: []tier.Tier{{From: decimal.Decimal{}, Amount: decimal.NewFromInt(25)}}},
	}
}

// BenchmarkPayout measures the exact decimal path per mode, with 4 and 32
// tiers, on a volume in the middle of the schedule.
func BenchmarkPayout(b *testing.B) {
	for _, n := range []int{4, 32} {
		for _, sp := range benchSpecs(n) {
			if (sp.Mode == tier.Increment || sp.Mode == tier.Package) && n != 4 {
				continue
			}
			s := tier.MustNew(sp)
			x := decimal.New(int64(n)*2500000+1234, -2)
			b.Run(fmt.Sprintf("%s/tiers=%d", sp.Mode, len(sp.Tiers)), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_ = s.Payout(x)
				}
			})
		}
	}
}

// BenchmarkFixedPayout measures the compiled int64 path on the same
// schedules and volumes.
func BenchmarkFixedPayout(b *testing.B) {
	for _, n := range []int{4, 32} {
		for _, sp := range benchSpecs(n) {
			if (sp.Mode == tier.Increment || sp.Mode == tier.Package) && n != 4 {
				continue
			}
			fs, ok := tier.MustNew(sp).Fixed(2)
			if !ok {
				b.Fatalf("%s did not compile", sp.Mode)
			}
			x := int64(n)*2500000 + 1234
			b.Run(fmt.Sprintf("%s/tiers=%d", sp.Mode, len(sp.Tiers)), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, ok := fs.Payout(x); !ok {
						b.Fatal("overflow")
					}
				}
			})
		}
	}
}

// BenchmarkFixedEvaluate measures the compiled path with its explanation
// (tier and rate), against BenchmarkEvaluate on decimals.
func BenchmarkFixedEvaluate(b *testing.B) {
	fs, ok := tier.MustNew(benchSpecs(8)[0]).Fixed(2)
	if !ok {
		b.Fatal("did not compile")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := fs.Evaluate(20000012); !ok {
			b.Fatal("overflow")
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	s := tier.MustNew(benchSpecs(8)[0])
	x := decimal.New(20000012, -2)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Evaluate(x)
	}
}

func BenchmarkNew(b *testing.B) {
	sp := benchSpecs(16)[1]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tier.New(sp); err != nil {
			b.Fatal(err)
		}
	}
}
