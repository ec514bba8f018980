package loyalty_test

import (
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
)

// Partner p1 got three leads on 1 March at 09:00 and accepted them after
// 1 h, 3 h and 30 h (the last one past the 24 h answer SLA). Sorted:
// 1 h, 3 h, 30 h; nearest rank, n = 3: median = 2nd = 3 h, P90 =
// ⌈2.7⌉ = 3rd = 30 h. It acted on the first after 50 h, within the 72 h
// action SLA; the other two are not acted on and 72 h have passed: two
// action breaches. Deals: 3000 partner-sourced, 1000 vendor-sourced of
// 4000: 75 % and 25 %.
func ExampleComputeLeadMetrics() {
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	rec := func(id string, accepted time.Duration) dealreg.LeadRecord {
		return dealreg.LeadRecord{Lead: dealreg.Lead{ID: id, Source: "webinar"}, Partner: "p1", Class: dealreg.NewPartner,
			Status: dealreg.LeadAccepted, AssignedAt: t0, RespondedAt: t0.Add(accepted)}
	}
	leads := []loyalty.LeadEngagement{
		{Record: rec("L1", time.Hour), FirstAction: t0.Add(50 * time.Hour)},
		{Record: rec("L2", 3*time.Hour)},
		{Record: rec("L3", 30*time.Hour)},
	}
	deals := []loyalty.ClosedDeal{
		{ID: "D1", Partner: "p1", Source: loyalty.SourcedByPartner, Revenue: money.MustParse("3000 EUR")},
		{ID: "D2", Partner: "p1", Source: loyalty.SourcedByVendor, Revenue: money.MustParse("1000 EUR")},
	}
	sla := loyalty.LeadSLA{Answer: 24 * time.Hour, FirstAction: 72 * time.Hour}
	m, err := loyalty.ComputeLeadMetrics(leads, deals, sla, time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := m.Find("p1")
	fmt.Printf("accepted %d of %d; to accept: median %v, p90 %v; breaches: answer %d, action %d\n",
		p.Accepted, p.Assigned, p.ToAccept.Median, p.ToAccept.P90, p.AnswerBreaches, p.ActionBreaches)
	for _, s := range m.Sourcing {
		fmt.Printf("%s: %d deals (%s), revenue %s (%s)\n", s.Source, s.Deals, s.DealShare, s.Revenue, s.RevenueShare)
	}
	// Output:
	// accepted 3 of 3; to accept: median 3h0m0s, p90 30h0m0s; breaches: answer 1, action 2
	// partner-sourced: 1 deals (50%), revenue 3000.00 EUR (75%)
	// vendor-sourced: 1 deals (50%), revenue 1000.00 EUR (25%)
	// influenced: 0 deals (0%), revenue 0.00 EUR (0%)
}
