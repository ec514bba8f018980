package margin_test

import (
	"fmt"
	"testing"

	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/tier"
)

// benchSales returns n distinct sales built from the hardware golden
// spec, with list prices varied.
func benchSales(b *testing.B, n int) []margin.Resale {
	base := goldenSale(b, "hardware-resale.json", "x").Spec()
	out := make([]margin.Resale, n)
	for i := range out {
		s := base
		s.ID = fmt.Sprintf("deal-%03d", i)
		s.List = amtp(fmt.Sprintf("%d.%02d USD", 1000+i*37, i%100))
		sale, err := margin.NewResale(s)
		if err != nil {
			b.Fatal(err)
		}
		out[i] = sale
	}
	return out
}

// BenchmarkAnnual is the annual P&L of 10,000 partners × 100 sales (one
// op is all 10,000 partners): the sales are priced once, outside the
// loop, as a host keeps them.
func BenchmarkAnnual(b *testing.B) {
	const partners, deals = 10_000, 100
	sales := benchSales(b, deals)
	ids := make([]string, partners)
	for i := range ids {
		ids[i] = fmt.Sprintf("p%05d", i)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, id := range ids {
			if _, err := margin.Annual(id, usd, sales, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkNewResale prices one sale: validation, pricing's waterfall and
// every line.
func BenchmarkNewResale(b *testing.B) {
	spec := goldenSale(b, "hardware-resale.json", "x").Spec()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := margin.NewResale(spec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBreakEvenSize solves the deal size of the golden tiered deal
// (two crossings in [0, 300,000.00], then a bisection to the cent inside
// tier 2): each step prices the resale again.
func BenchmarkBreakEvenSize(b *testing.B) {
	s := tieredSale(b, "100.00 USD", "0.00 USD", tier.AllUnits)
	tg := margin.SizeTarget{Profit: amt("23200.00 USD"), Lo: amt("0.00 USD"), Hi: amt("300000.00 USD"), Precision: amt("0.01 USD")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := margin.BreakEvenSize(s, tg); err != nil {
			b.Fatal(err)
		}
	}
}
