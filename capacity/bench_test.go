package capacity_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// benchRevenues returns n partners with Pareto-like revenues in cents,
// from a fixed seed.
func benchRevenues(n int) []capacity.PartnerRevenue {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]capacity.PartnerRevenue, n)
	for i := range out {
		// A heavy tail without floats: 1 … 10^9 cents, skewed low.
		cents := rng.Int64N(1000) * rng.Int64N(1000) * (1 + rng.Int64N(1000))
		out[i] = capacity.PartnerRevenue{ID: fmt.Sprintf("partner-%06d", i), Revenue: money.FromMinor(cents, usd)}
	}
	return out
}

// BenchmarkConcentration measures building the ranking and the headline
// measures (top 20 % share, 80 % head, Gini, HHI, equivalent partners),
// each ratio rounded once to its default 12-place figure as a report
// would.
func BenchmarkConcentration(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		revs := benchRevenues(n)
		top, share := money.MustRate("20%"), money.MustRate("80%")
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c, err := capacity.NewConcentration(revs)
				if err != nil {
					b.Fatal(err)
				}
				t, err := c.TopShare(top)
				if err != nil {
					b.Fatal(err)
				}
				h, err := c.PartnersForShare(share)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range []capacity.Ratio{t.PartnerShare, t.RevenueShare, h.PartnerShare, h.RevenueShare,
					c.Gini(), c.HHI(), c.EquivalentPartners()} {
					_ = r.Decimal()
				}
			}
		})
	}
}

// BenchmarkConcentrationBig forces the big-integer path (revenues beyond
// int64 at the common exponent).
func BenchmarkConcentrationBig(b *testing.B) {
	revs := benchRevenues(100_000)
	revs[0].Revenue = money.MustParse("100000000000000000000000 USD")
	b.ReportAllocs()
	for b.Loop() {
		c, err := capacity.NewConcentration(revs)
		if err != nil {
			b.Fatal(err)
		}
		_ = c.Gini().Decimal()
	}
}

func BenchmarkLorenz(b *testing.B) {
	c, err := capacity.NewConcentration(benchRevenues(100_000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Lorenz()
	}
}

func BenchmarkRequired(b *testing.B) {
	m := seedModel()
	target := amt("100000000 USD")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := capacity.Required(m, target); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCover(b *testing.B) {
	partners, demand, q := seedPartners(), seedDemand(), seedQuery()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := capacity.Cover(partners, demand, q); err != nil {
			b.Fatal(err)
		}
	}
}
