package mdf_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/money"
)

var jan1 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func exampleFund(id string, cur string) mdf.Fund {
	return mdf.MustNewFund(mdf.FundSpec{ID: id, Kind: mdf.Discretionary, Currency: money.MustCurrency(cur),
		Scope: mdf.Scope{Partner: "acme"}, OpensAt: jan1, ExpiresAt: jan1.AddDate(1, 0, 0)})
}

func exampleProgramme() mdf.Programme {
	return mdf.MustParseProgramme(`{
	  "claim_window_days": 60, "max_extensions": 1, "extension_days": 30, "rounding": "half-even",
	  "activities": [
	    {"type": "trade-show", "vendor_share": "50%", "evidence": [{"kind": "invoice", "min": 1}, {"kind": "leads", "min": 2}]},
	    {"type": "webinar", "vendor_share": "75%"}
	  ]}`)
}

// A discretionary fund: allot, then a negative adjustment. The balance
// identity: available = allocated − (paid + approved + pending).
func ExampleNewFund() {
	f := exampleFund("acme-2025", "USD")
	f, _ = f.Allot(money.MustParse("10000.00 USD"), jan1)
	f, _ = f.Reduce(money.MustParse("1500.00 USD"), jan1.AddDate(0, 1, 0))
	b := f.Balance()
	fmt.Println(b.Allocated, b.Available)
	_, err := f.Reduce(money.MustParse("9000.00 USD"), jan1.AddDate(0, 2, 0))
	fmt.Println(errors.Is(err, mdf.ErrInsufficient))
	// Output:
	// 8500.00 USD 8500.00 USD
	// true
}

// Co-op accrues 2 % of eligible purchases, capped at 500.00: 2 % ×
// 18,000.00 = 360.00; then 2 % × 30,000.00 = 600.00, capped at 500.00, so
// the second accrual is 500.00 − 360.00 = 140.00.
func ExampleFund_Accrue() {
	f := mdf.MustNewFund(mdf.FundSpec{ID: "coop", Kind: mdf.Coop, Currency: money.MustCurrency("USD"),
		OpensAt: jan1, ExpiresAt: jan1.AddDate(1, 0, 0),
		Coop: &mdf.CoopTerms{Rate: new(money.MustRate("2%")), Cap: new(money.MustParse("500.00 USD")), Rounding: money.HalfEven}})
	f, a1, _ := f.Accrue(money.MustParse("18000.00 USD"), jan1)
	f, a2, _ := f.Accrue(money.MustParse("12000.00 USD"), jan1.AddDate(0, 3, 0))
	fmt.Println(a1, a2, f.Accrued())
	// Output: 360.00 USD 140.00 USD 500.00 USD
}

// Moving 1,000.00 USD to a EUR fund at a caller-given 0.9235 EUR per USD:
// 1,000.00 × 0.9235 = 923.50 EUR. Without the conversion it is refused.
func ExampleTransfer() {
	from, _ := exampleFund("us", "USD").Allot(money.MustParse("5000.00 USD"), jan1)
	to := exampleFund("eu", "EUR")
	_, _, _, err := mdf.Transfer(from, to, money.MustParse("1000.00 USD"), mdf.Conversion{}, jan1)
	fmt.Println(errors.Is(err, mdf.ErrCurrency))
	from, to, got, _ := mdf.Transfer(from, to, money.MustParse("1000.00 USD"),
		mdf.Conversion{Rate: money.MustDecimal("0.9235"), Rounding: money.HalfEven}, jan1)
	fmt.Println(from.Available(), to.Available(), got)
	// Output:
	// true
	// 4000.00 USD 923.50 EUR 923.50 EUR
}

// At expiry the unused 700.00 rolls into next year's fund instead of
// lapsing.
func ExampleRollover() {
	old, _ := exampleFund("fy25", "USD").Allot(money.MustParse("700.00 USD"), jan1)
	next := mdf.MustNewFund(mdf.FundSpec{ID: "fy26", Kind: mdf.Discretionary, Currency: money.MustCurrency("USD"),
		OpensAt: jan1.AddDate(1, 0, 0), ExpiresAt: jan1.AddDate(2, 0, 0)})
	old, next, moved, _ := mdf.Rollover(old, next, mdf.Conversion{}, jan1.AddDate(1, 0, 0))
	fmt.Println(old.Status(), old.Available(), next.Available(), moved)
	// Output: expired 0.00 USD 700.00 USD 700.00 USD
}

// What is available lapses at the expiry.
func ExampleFund_Expire() {
	f, _ := exampleFund("fy25", "USD").Allot(money.MustParse("700.00 USD"), jan1)
	_, err := f.Expire(jan1.AddDate(0, 6, 0))
	fmt.Println(errors.Is(err, mdf.ErrDeadline))
	f, _ = f.Expire(jan1.AddDate(1, 0, 0))
	fmt.Println(f.Status(), f.Lapsed(), f.Available())
	// Output:
	// true
	// expired 700.00 USD 0.00 USD
}

// 10,000.00 split 1:1:1 across three funds: 3,333.33 each and one cent
// left over, which goes to the first fund ID in ascending order ("a").
func ExampleSplitBudget() {
	shares := []mdf.BudgetShare{
		{Fund: exampleFund("c", "USD"), Weight: money.MustDecimal("1")},
		{Fund: exampleFund("a", "USD"), Weight: money.MustDecimal("1")},
		{Fund: exampleFund("b", "USD"), Weight: money.MustDecimal("1")},
	}
	funds, _ := mdf.SplitBudget(money.MustParse("10000.00 USD"), shares, jan1)
	for _, f := range funds {
		fmt.Println(f.ID(), f.Available())
	}
	// Output:
	// c 3333.33 USD
	// a 3333.34 USD
	// b 3333.33 USD
}

// A request from reservation to payment. Pre-approved 2,000.00 of 2,500.00
// (over budget); the webinar cost 3,000.00, the vendor share is 75 %:
// min(2,000.00, 2,250.00) = 2,000.00 reimbursable, paid in two
// instalments.
func ExampleRequest_Apply() {
	p := exampleProgramme()
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("10000.00 USD"), jan1)
	r, f, _ := mdf.NewRequest(mdf.RequestSpec{ID: "R1", FundID: "F", Partner: "acme", ActivityType: "webinar",
		Amount: money.MustParse("2500.00 USD"), ActivityStart: jan1.AddDate(0, 1, 0), ActivityEnd: jan1.AddDate(0, 1, 0)}, f, p, jan1)
	fmt.Println(r.State(), f.Balance().Pending, f.Available())
	steps := []mdf.RequestEvent{
		{Kind: mdf.PreApprove, Amount: money.MustParse("2000.00 USD"), Reason: mdf.OverBudget},
		{Kind: mdf.CompleteActivity, ActivityEnd: jan1.AddDate(0, 1, 0)},
		{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: money.MustParse("3000.00 USD")}},
		{Kind: mdf.ApproveClaim},
		{Kind: mdf.Pay, Amount: money.MustParse("1200.00 USD")},
		{Kind: mdf.Pay, Amount: money.MustParse("800.00 USD")},
	}
	at := jan1.AddDate(0, 1, 1)
	for _, ev := range steps {
		var err error
		r, f, err = r.Apply(ev, f, p, at)
		if err != nil {
			fmt.Println(err)
			return
		}
		b := f.Balance()
		fmt.Println(r.State(), b.Approved, b.Paid, b.Available)
		at = at.AddDate(0, 0, 1)
	}
	// Output:
	// requested 2500.00 USD 7500.00 USD
	// pre-approved 2000.00 USD 0.00 USD 8000.00 USD
	// activity-done 2000.00 USD 0.00 USD 8000.00 USD
	// claimed 2000.00 USD 0.00 USD 8000.00 USD
	// claim-approved 2000.00 USD 0.00 USD 8000.00 USD
	// claim-approved 800.00 USD 1200.00 USD 8000.00 USD
	// paid 0.00 USD 2000.00 USD 8000.00 USD
}

// Every gap of a trade-show claim at once: an invoice without an amount,
// one lead of the two required, and invoices (none counted) short of the
// cost.
func ExampleCheckProof() {
	act, _ := exampleProgramme().Activity("trade-show")
	c := mdf.Claim{Cost: money.MustParse("4000.00 USD"), Proof: []mdf.EvidenceItem{
		{Kind: mdf.Invoice, ID: "INV-7"},
		{Kind: mdf.Leads, ID: "L-1"},
	}}
	for _, g := range mdf.CheckProof(act, c, time.Time{}, time.Time{}) {
		fmt.Println(g.Path, g.Reason, g.Detail)
	}
	// Output:
	// /proof/0/amount missing-amount invoice "INV-7" has no positive amount
	// /proof too-few-items 1 leads items, 2 required
	// /cost invoices-short invoices total 0.00 USD, the claimed cost is 4000.00 USD
}

// Returns per partner: A spent 2,000.00 for 10,000.00 of revenue, ROI
// (10,000 − 2,000)/2,000 = 4, cost per lead 2,000/25 = 80.00; B spent
// nothing, so its ROI does not exist.
func ExampleMeasure() {
	usd := money.MustCurrency("USD")
	z := money.Zero(usd)
	cs := []mdf.Campaign{
		{ID: "c1", Partner: "A", ActivityType: "webinar", Allocated: money.MustParse("2500.00 USD"), Spend: money.MustParse("2000.00 USD"),
			Leads: 25, Opportunities: 4, Pipeline: money.MustParse("40000.00 USD"), Revenue: money.MustParse("10000.00 USD")},
		{ID: "c2", Partner: "B", ActivityType: "email", Allocated: money.MustParse("500.00 USD"), Spend: z,
			Leads: 0, Opportunities: 0, Pipeline: z, Revenue: z},
	}
	rep, _ := mdf.Measure(cs, mdf.ByPartner)
	for _, g := range rep.Groups {
		r := g.Returns
		fmt.Println(g.Key, r.ROI.Status, r.ROI.Value, r.CostPerLead.Status, r.CostPerLead.Value, r.Utilisation.Value)
	}
	// Output:
	// A defined 4 defined 80 0.8
	// B no-spend 0 no-leads 0 0
}

// Partners sorted into marketing segments, with the tests that decided.
func ExampleSegmentation_Classify() {
	s := mdf.MustParseSegmentation(`{"one_to_many_below": "50000.00 USD", "core_capability": "70%",
	  "growth_resource_use": "30%", "growth_utilisation": "50%"}`)
	out, _ := s.Classify([]mdf.Signals{
		{Partner: "tiny", Revenue: money.MustParse("20000.00 USD"), Capability: money.MustRate("90%")},
		{Partner: "pro", Revenue: money.MustParse("900000.00 USD"), Capability: money.MustRate("80%")},
		{Partner: "eager", Revenue: money.MustParse("200000.00 USD"), Capability: money.MustRate("40%"), ResourceUse: money.MustRate("35%")},
		{Partner: "seller", Revenue: money.MustParse("400000.00 USD"), Capability: money.MustRate("20%"), Utilisation: money.MustRate("10%")},
	})
	for _, c := range out {
		fmt.Print(c.Partner, " ", c.Segment, ":")
		for _, r := range c.Reasons {
			fmt.Print(" [", r.Sentence(), "]")
		}
		fmt.Println()
	}
	// Output:
	// eager growth: [revenue 200000.00 USD < 50000.00 USD: no] [capability 40% ≥ 70%: no] [resource use 35% ≥ 30%] [utilisation 0% ≥ 50%: no]
	// pro core: [revenue 900000.00 USD < 50000.00 USD: no] [capability 80% ≥ 70%]
	// seller sales-only: [revenue 400000.00 USD < 50000.00 USD: no] [capability 20% ≥ 70%: no] [resource use 0% ≥ 30%: no] [utilisation 10% ≥ 50%: no]
	// tiny one-to-many: [revenue 20000.00 USD < 50000.00 USD]
}

// In the north market B gets 2 % of purchases where A and C get 3 %: one
// deviation. The south market is uniform.
func ExampleCheckAllowances() {
	devs, _ := mdf.CheckAllowances([]mdf.Allowance{
		{Partner: "A", Market: "north", Rate: money.MustRate("3%")},
		{Partner: "B", Market: "north", Rate: money.MustRate("2%")},
		{Partner: "C", Market: "north", Rate: money.MustRate("0.03")},
		{Partner: "D", Market: "south", Rate: money.MustRate("1%")},
		{Partner: "E", Market: "south", Rate: money.MustRate("100bp")},
	})
	for _, d := range devs {
		fmt.Println(d.Market, d.Partner, d.Rate.FormatPercent(), "vs", d.Reference.FormatPercent(), d.ReferencePartners)
	}
	// Output: north B 2% vs 3% [A C]
}

// A programme document: a claim window of 60 days, no extensions, one
// activity type. A bad member is reported at its JSON Pointer.
func ExampleParseProgramme() {
	p, err := mdf.ParseProgramme([]byte(`{"claim_window_days": 60, "rounding": "half-even",
	  "activities": [{"type": "webinar", "vendor_share": "75%"}]}`))
	fmt.Println(p.ClaimWindow(), err)
	_, err = mdf.ParseProgramme([]byte(`{"claim_window_days": 60, "rounding": "half-even",
	  "activities": [{"type": "webinar", "vendor_share": "175%"}]}`))
	fmt.Println(err)
	// Output:
	// 1440h0m0s <nil>
	// mdf: /activities/0/vendor_share = "175%": invalid value: outside (0, 100%]
}
