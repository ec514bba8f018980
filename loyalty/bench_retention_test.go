package loyalty_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
)

// BenchmarkRetention follows 100,000 partners with 12 months of activity
// through 4 quarters.
func BenchmarkRetention(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var periods []loyalty.RetentionPeriod
	for q := range 4 {
		periods = append(periods, loyalty.RetentionPeriod{Name: fmt.Sprintf("Q%d", q+1), Start: start.AddDate(0, 3*q, 0), End: start.AddDate(0, 3*q+3, 0)})
	}
	ms := make([]loyalty.Member, 100_000)
	for i := range ms {
		ms[i] = loyalty.Member{ID: fmt.Sprintf("partner-%06d", i), Enrolled: start.AddDate(0, -rng.IntN(12), 0)}
		for m := range 12 {
			if rng.IntN(3) > 0 {
				ms[i].Active = append(ms[i].Active, start.AddDate(0, m, rng.IntN(28)))
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loyalty.ComputeRetention(periods, ms); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLeadMetrics measures 100,000 leads over 10,000 partners and
// 50,000 closed deals.
func BenchmarkLeadMetrics(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	leads := make([]loyalty.LeadEngagement, 100_000)
	for i := range leads {
		status := dealreg.LeadStatus(1 + rng.IntN(3))
		assigned := t0.Add(time.Duration(rng.IntN(2000)) * time.Hour)
		r := dealreg.LeadRecord{Lead: dealreg.Lead{ID: fmt.Sprintf("L%06d", i), Source: "web"}, Partner: fmt.Sprintf("p%05d", rng.IntN(10_000)),
			Class: dealreg.NewPartner, Status: status, AssignedAt: assigned}
		if status != dealreg.LeadAssigned {
			r.RespondedAt = assigned.Add(time.Duration(rng.IntN(60)) * time.Hour)
		}
		leads[i] = loyalty.LeadEngagement{Record: r}
		if status == dealreg.LeadAccepted {
			leads[i].FirstAction = r.RespondedAt.Add(time.Duration(rng.IntN(100)) * time.Hour)
		}
	}
	deals := make([]loyalty.ClosedDeal, 50_000)
	for i := range deals {
		deals[i] = loyalty.ClosedDeal{ID: fmt.Sprintf("D%06d", i), Partner: "p", Source: loyalty.DealSource(1 + rng.IntN(3)),
			Revenue: money.FromMinor(rng.Int64N(10_000_000), money.MustCurrency("USD"))}
	}
	sla := loyalty.LeadSLA{Answer: 24 * time.Hour, FirstAction: 72 * time.Hour}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loyalty.ComputeLeadMetrics(leads, deals, sla, t0.AddDate(0, 4, 0)); err != nil {
			b.Fatal(err)
		}
	}
}
