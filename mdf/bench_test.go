package mdf_test

import (
	"fmt"
	"testing"

	"github.com/partnerecon/partnerecon/mdf"
)

// BenchmarkLifecycle: one request from reservation to payment in two
// instalments (7 transitions, each returning a new request and fund).
func BenchmarkLifecycle(b *testing.B) {
	p := programme()
	f := funded(b)
	spec := mdf.RequestSpec{ID: "R", FundID: "F", Partner: "P", ActivityType: "webinar", Amount: amt("400.00 USD"),
		ActivityStart: day(2), ActivityEnd: day(3)}
	evs := []mdf.RequestEvent{{Kind: mdf.PreApprove}, {Kind: mdf.CompleteActivity, ActivityEnd: day(3)},
		{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: amt("400.00 USD")}}, {Kind: mdf.ApproveClaim},
		{Kind: mdf.Pay, Amount: amt("100.00 USD")}, {Kind: mdf.Pay, Amount: amt("200.00 USD")}}
	b.ReportAllocs()
	for b.Loop() {
		r, g, err := mdf.NewRequest(spec, f, p, day(1))
		for _, ev := range evs {
			if err != nil {
				b.Fatal(err)
			}
			r, g, err = r.Apply(ev, g, p, day(4))
		}
		if err != nil || r.State() != mdf.Paid {
			b.Fatal(err, r.State())
		}
	}
}

// BenchmarkMeasure: returns of n campaigns grouped by partner (100
// partners).
func BenchmarkMeasure(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		cs := make([]mdf.Campaign, n)
		for i := range cs {
			cs[i] = mdf.Campaign{ID: fmt.Sprint("c", i), Partner: fmt.Sprint("p", i%100), ActivityType: "w",
				Allocated: amt("1000.00 USD"), Spend: amt("750.25 USD"), Leads: int64(i % 7), Opportunities: int64(i % 3),
				Pipeline: amt("12000.00 USD"), Revenue: amt("3000.10 USD")}
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := mdf.Measure(cs, mdf.ByPartner); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
