package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

func mdfChapter(w io.Writer) error {
	day := func(n int) time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n) }
	usd := money.MustCurrency("USD")

	// Co-op accrues 3 % of eligible purchases, capped at 1,000.00.
	coop, err := mdf.NewFund(mdf.FundSpec{ID: "acme-coop", Kind: mdf.Coop, Currency: usd, OpensAt: day(0), ExpiresAt: day(365),
		Coop: &mdf.CoopTerms{Rate: new(money.MustRate("3%")), Cap: new(money.MustParse("1000.00 USD")), Rounding: money.HalfEven}})
	if err != nil {
		return err
	}
	for i, p := range []string{"12345.67 USD", "25000.00 USD"} {
		var a money.Amount
		if coop, a, err = coop.Accrue(money.MustParse(p), day(i+1)); err != nil {
			return err
		}
		fmt.Fprintf(w, "   co-op: purchases %s accrue %s (3%%, capped at 1,000.00: total %s)\n", p, a, coop.Accrued())
	}

	// A discretionary fund and one request through its whole life.
	prog, err := mdf.ParseProgramme([]byte(`{"claim_window_days": 60, "max_extensions": 1, "extension_days": 30,
	  "rounding": "half-even", "activities": [{"type": "trade-show", "vendor_share": "50%",
	  "evidence": [{"kind": "invoice", "min": 1}, {"kind": "leads", "min": 2}]}]}`))
	if err != nil {
		return err
	}
	fund, err := mdf.NewFund(mdf.FundSpec{ID: "acme-mdf", Kind: mdf.Discretionary, Currency: usd, OpensAt: day(0), ExpiresAt: day(365)})
	if err != nil {
		return err
	}
	if fund, err = fund.Allot(money.MustParse("10000.00 USD"), day(0)); err != nil {
		return err
	}
	show := func(what string, r mdf.Request, f mdf.Fund) {
		b := f.Balance()
		fmt.Fprintf(w, "   %-34s %-15s pending %9s approved %9s paid %9s available %9s\n", what, r.State(),
			b.Pending.Decimal().StringFixed(2), b.Approved.Decimal().StringFixed(2), b.Paid.Decimal().StringFixed(2), b.Available.Decimal().StringFixed(2))
	}
	req, fund, err := mdf.NewRequest(mdf.RequestSpec{ID: "R1", FundID: "acme-mdf", Partner: "acme", ActivityType: "trade-show",
		Campaign: "spring-expo", Amount: money.MustParse("4000.00 USD"), ActivityStart: day(60), ActivityEnd: day(62)}, fund, prog, day(30))
	if err != nil {
		return err
	}
	show("request 4,000.00", req, fund)
	proof := []mdf.EvidenceItem{{Kind: mdf.Invoice, ID: "INV-1", Amount: money.MustParse("7250.50 USD")}, {Kind: mdf.Leads, ID: "L-1"}}
	steps := []struct {
		what string
		ev   mdf.RequestEvent
	}{
		{"pre-approve 3,000.00 (over budget)", mdf.RequestEvent{Kind: mdf.PreApprove, Amount: money.MustParse("3000.00 USD"), Reason: mdf.OverBudget}},
		{"activity ends", mdf.RequestEvent{Kind: mdf.CompleteActivity, ActivityEnd: day(62)}},
		{"claim 7,250.50 with 1 lead", mdf.RequestEvent{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: money.MustParse("7250.50 USD"), Proof: proof}}},
		{"claim 7,250.50 with 2 leads", mdf.RequestEvent{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: money.MustParse("7250.50 USD"),
			Proof: append(proof, mdf.EvidenceItem{Kind: mdf.Leads, ID: "L-2"})}}},
		{"approve 2,800.00 (ineligible cost)", mdf.RequestEvent{Kind: mdf.ApproveClaim, Amount: money.MustParse("2800.00 USD"), Reason: mdf.IneligibleCost}},
		{"pay 1,000.00", mdf.RequestEvent{Kind: mdf.Pay, Amount: money.MustParse("1000.00 USD")}},
		{"pay 1,800.00", mdf.RequestEvent{Kind: mdf.Pay, Amount: money.MustParse("1800.00 USD")}},
	}
	for i, s := range steps {
		r, f, err := req.Apply(s.ev, fund, prog, day(63+i))
		var pe *mdf.ProofError
		if errors.As(err, &pe) {
			fmt.Fprintf(w, "   %-34s refused: %s\n", s.what, pe.Gaps[0].Detail)
			continue
		}
		if err != nil {
			return err
		}
		req, fund = r, f
		show(s.what, req, fund)
	}
	fmt.Fprintf(w, "   reimbursable = min(3,000.00 pre-approved, 50%% × 7,250.50 = 3,625.25) = %s; the partner co-pays the rest\n", req.Reimbursable())
	for _, t := range mdf.LeadTouches([]mdf.Request{req}) {
		fmt.Fprintf(w, "   lead %s from %s's %s becomes a touch of campaign %s\n", t.LeadID, t.Partner, t.ActivityType, t.Campaign)
	}

	// The leads as journeys, with a webinar's leads from the host's own
	// records, credited by two attribution methods.
	if err := mdfAttribution(w, mdf.LeadTouches([]mdf.Request{req}), day); err != nil {
		return err
	}

	// Returns per partner; zero spend is a status, not a division.
	z := money.Zero(usd)
	rep, err := mdf.Measure([]mdf.Campaign{
		{ID: "spring-expo", Partner: "acme", ActivityType: "trade-show", Allocated: money.MustParse("3000.00 USD"), Spend: money.MustParse("2800.00 USD"),
			Leads: 2, Opportunities: 1, Pipeline: money.MustParse("60000.00 USD"), Revenue: money.MustParse("18000.00 USD")},
		{ID: "webinar", Partner: "beta", ActivityType: "webinar", Allocated: money.MustParse("500.00 USD"), Spend: z,
			Leads: 4, Opportunities: 0, Pipeline: z, Revenue: z},
	}, mdf.ByPartner)
	if err != nil {
		return err
	}
	for _, g := range rep.Groups {
		r := g.Returns
		fmt.Fprintf(w, "   %-5s spend %8s revenue %9s  ROI %s  cost/lead %s  utilisation %s\n", g.Key, r.Spend.Decimal().StringFixed(2),
			r.Revenue.Decimal().StringFixed(2), figure(r.ROI), figure(r.CostPerLead), figure(r.Utilisation))
	}

	// Marketing segments from declared thresholds.
	seg, err := mdf.ParseSegmentation([]byte(`{"one_to_many_below": "50000.00 USD", "core_capability": "70%",
	  "growth_resource_use": "30%", "growth_utilisation": "50%"}`))
	if err != nil {
		return err
	}
	classes, err := seg.Classify([]mdf.Signals{
		{Partner: "acme", Revenue: money.MustParse("900000.00 USD"), Capability: money.MustRate("40%"), Utilisation: money.MustRate("93%")},
		{Partner: "beta", Revenue: money.MustParse("300000.00 USD"), Capability: money.MustRate("20%")},
		{Partner: "tiny", Revenue: money.MustParse("12000.00 USD"), Capability: money.MustRate("90%")},
	})
	if err != nil {
		return err
	}
	for _, c := range classes {
		last := c.Reasons[len(c.Reasons)-1]
		fmt.Fprintf(w, "   %s is %s (%s)\n", c.Partner, c.Segment, last.Sentence())
	}

	// Proportionally equal terms.
	devs, err := mdf.CheckAllowances([]mdf.Allowance{
		{Partner: "acme", Market: "DACH", Rate: money.MustRate("3%")},
		{Partner: "beta", Market: "DACH", Rate: money.MustRate("2%")},
	})
	if err != nil {
		return err
	}
	for _, d := range devs {
		fmt.Fprintf(w, "   allowance check: %s gets %s of purchases in %s, %v get %s\n", d.Partner, d.Rate.FormatPercent(), d.Market,
			d.ReferencePartners, d.Reference.FormatPercent())
	}
	return nil
}

// mdfAttribution credits the leads' conversions to the activities that
// captured them. Journeys by activity type: L-1 trade-show → webinar →
// 900.00; L-2 trade-show; L-3 webinar → 300.00. Linear: trade-show 900/2
// = 450.00, webinar 450 + 300 = 750.00. Markov order 1: start →
// trade-show 2/3, webinar 1/3; trade-show → webinar 1/2, null 1/2;
// webinar → conversion 1; P(conv) = 2/3 × 1/2 + 1/3 = 2/3. Removing
// trade-show leaves 1/3 (removal effect 1/2), removing webinar 0 (1):
// 1,200.00 × 1/3 = 400.00 and × 2/3 = 800.00.
func mdfAttribution(w io.Writer, touches []mdf.LeadTouch, day func(int) time.Time) error {
	touches = append(touches,
		mdf.LeadTouch{LeadID: "L-1", Partner: "acme", ActivityType: "webinar", Campaign: "follow-up", Request: "R2", At: day(70)},
		mdf.LeadTouch{LeadID: "L-3", Partner: "acme", ActivityType: "webinar", Campaign: "follow-up", Request: "R2", At: day(70)})
	v1, v3 := money.MustParse("900.00 USD"), money.MustParse("300.00 USD")
	journeys, err := mdf.LeadJourneys(touches, []mdf.LeadConversion{
		{LeadID: "L-1", At: day(90), Value: &v1}, {LeadID: "L-3", At: day(90), Value: &v3}}, mdf.ByActivityType)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   journeys: L-1 trade-show → webinar → 900.00; L-2 trade-show; L-3 webinar → 300.00")
	for _, rule := range []struct{ name, doc string }{
		{"linear", `{"method":"linear","basis":"revenue","currency":"USD"}`},
		{"markov order 1", `{"method":"markov","basis":"revenue","currency":"USD","order":1}`},
	} {
		r, err := attribution.ParseRule([]byte(rule.doc))
		if err != nil {
			return err
		}
		res, err := r.Attribute(journeys)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "   %s credits %s:", rule.name, money.FormatDecimal(res.Total, res.Places))
		for _, c := range res.Credits {
			fmt.Fprintf(w, "  %s %s", c.Channel, money.FormatDecimal(c.Value, res.Places))
			if res.Method == attribution.Markov {
				fmt.Fprintf(w, " (removal effect %s)", c.Removal)
			}
		}
		if res.Method == attribution.Markov {
			fmt.Fprintf(w, "; P(conv) = %s", res.Markov.Conversion)
		}
		fmt.Fprintln(w)
	}
	return nil
}

// figure prints a ratio, or why it does not exist.
func figure(f mdf.Figure) string {
	if f.Status != mdf.Defined {
		return "(" + f.Status.String() + ")"
	}
	return f.Value.String()
}
