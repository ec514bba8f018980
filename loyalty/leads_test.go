package loyalty_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
)

var (
	leadT0  = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	leadAt  = time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	leadSLA = loyalty.LeadSLA{Answer: 24 * time.Hour, FirstAction: 72 * time.Hour}
)

func hours(n int) time.Duration { return time.Duration(n) * time.Hour }

func lead(id, partner string, assigned time.Time, status dealreg.LeadStatus, respondedAfter time.Duration) dealreg.LeadRecord {
	r := dealreg.LeadRecord{Lead: dealreg.Lead{ID: id, Source: "web"}, Partner: partner, Class: dealreg.NewPartner, Status: status, AssignedAt: assigned}
	if status != dealreg.LeadAssigned {
		r.RespondedAt = assigned.Add(respondedAfter)
	}
	return r
}

// leadFixture: SLA 24 h to answer, 72 h to act; as of 31 March.
//
//	L1 p1 accepted after 2 h, acted after 10 h
//	L2 p1 accepted after 30 h (answer breach), acted after 80 h (action breach)
//	L3 p1 accepted after 5 h, never acted (72 h long passed: action breach)
//	L4 p1 rejected after 1 h
//	L5 p3 silent for 48 h, then reassigned to p2, still unanswered (silent)
//	L6 p2 assigned 30 March 12:00, unanswered 12 h later (pending)
//	L7 p1 assigned 2 April, after the evaluation time: not counted
func leadFixture() []loyalty.LeadEngagement {
	l5 := lead("L5", "p2", leadT0.Add(hours(48)), dealreg.LeadAssigned, 0)
	l5.Reassignments = 1
	l5.History = []dealreg.LeadAttempt{{Partner: "p3", Class: dealreg.NewPartner, AssignedAt: leadT0, Outcome: dealreg.LeadSilent, EndedAt: leadT0.Add(hours(48))}}
	return []loyalty.LeadEngagement{
		{Record: lead("L1", "p1", leadT0, dealreg.LeadAccepted, hours(2)), FirstAction: leadT0.Add(hours(10))},
		{Record: lead("L2", "p1", leadT0, dealreg.LeadAccepted, hours(30)), FirstAction: leadT0.Add(hours(80))},
		{Record: lead("L3", "p1", leadT0, dealreg.LeadAccepted, hours(5))},
		{Record: lead("L4", "p1", leadT0, dealreg.LeadRejected, hours(1))},
		{Record: l5},
		{Record: lead("L6", "p2", time.Date(2025, 3, 30, 12, 0, 0, 0, time.UTC), dealreg.LeadAssigned, 0)},
		{Record: lead("L7", "p1", time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC), dealreg.LeadAssigned, 0)},
	}
}

func dealFixture() []loyalty.ClosedDeal {
	usd := func(s string) money.Amount { return money.MustParse(s + " USD") }
	return []loyalty.ClosedDeal{
		{ID: "d1", Partner: "p1", Source: loyalty.SourcedByPartner, Revenue: usd("1000")},
		{ID: "d2", Partner: "p1", Source: loyalty.SourcedByVendor, Revenue: usd("600")},
		{ID: "d3", Partner: "p3", Source: loyalty.Influenced, Revenue: usd("400")},
	}
}

func TestLeadMetricsGolden(t *testing.T) {
	r := func(s string) money.Rate { return money.RateFromFraction(d(s)) }
	usd := func(s string) money.Amount { return money.MustParse(s + " USD") }
	want := loyalty.LeadMetrics{
		Partners: []loyalty.PartnerLeads{
			// To accept: 2 h, 5 h, 30 h. Nearest rank, n = 3: median ⌈1.5⌉ = 2nd = 5 h,
			// P75 ⌈2.25⌉ = 3rd = 30 h, P90 ⌈2.7⌉ = 3rd = 30 h.
			// To act: 10 h, 80 h. n = 2: median ⌈1⌉ = 1st = 10 h, P75 ⌈1.5⌉ = 2nd = 80 h.
			{Partner: "p1", Assigned: 4, Accepted: 3, Rejected: 1, AnswerBreaches: 1, ActionBreaches: 2,
				ToAccept: loyalty.Durations{Count: 3, Median: hours(5), P75: hours(30), P90: hours(30), Max: hours(30)},
				ToAction: loyalty.Durations{Count: 2, Median: hours(10), P75: hours(80), P90: hours(80), Max: hours(80)}},
			{Partner: "p2", Assigned: 2, Silent: 1, Pending: 1, AnswerBreaches: 1},
			{Partner: "p3", Assigned: 1, Silent: 1, AnswerBreaches: 1},
		},
		// Deals 1 : 1 : 1 → 3333.33… units of 10⁻⁴ each: 3333 each and the
		// leftover unit to the first by key (partner-sourced): 0.3334.
		// Revenue 1000 : 600 : 400 of 2000 → 0.5, 0.3, 0.2.
		Sourcing: []loyalty.SourceShare{
			{Source: loyalty.SourcedByPartner, Deals: 1, DealShare: r("0.3334"), Revenue: usd("1000"), RevenueShare: r("0.5")},
			{Source: loyalty.SourcedByVendor, Deals: 1, DealShare: r("0.3333"), Revenue: usd("600"), RevenueShare: r("0.3")},
			{Source: loyalty.Influenced, Deals: 1, DealShare: r("0.3333"), Revenue: usd("400"), RevenueShare: r("0.2")},
		},
	}
	got, err := loyalty.ComputeLeadMetrics(leadFixture(), dealFixture(), leadSLA, leadAt)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(want) {
		t.Errorf("lead metrics (-want +got):\n%s", cmp.Diff(want.Partners, got.Partners))
		for i := range want.Sourcing {
			if !got.Sourcing[i].Equal(want.Sourcing[i]) {
				t.Errorf("sourcing %d: got %+v, want %+v", i, got.Sourcing[i], want.Sourcing[i])
			}
		}
	}
	if p, ok := got.Find("p2"); !ok || p.Pending != 1 {
		t.Errorf("Find(p2) = %+v, %v", p, ok)
	}
	if _, ok := got.Find("p9"); ok {
		t.Error("Find(p9) found a partner")
	}
}

func TestLeadMetricsErrors(t *testing.T) {
	accepted := lead("L1", "p1", leadT0, dealreg.LeadAccepted, hours(2))
	assigned := lead("L1", "p1", leadT0, dealreg.LeadAssigned, 0)
	usd := money.MustParse("1 USD")
	for _, tc := range []struct {
		leads []loyalty.LeadEngagement
		deals []loyalty.ClosedDeal
		sla   loyalty.LeadSLA
		path  string
		want  error
	}{
		{nil, nil, loyalty.LeadSLA{FirstAction: 1}, "/sla/answer", loyalty.ErrNonPositive},
		{nil, nil, loyalty.LeadSLA{Answer: 1}, "/sla/first_action", loyalty.ErrNonPositive},
		{[]loyalty.LeadEngagement{{}}, nil, leadSLA, "/leads/0/record/lead/id", loyalty.ErrEmpty},
		{[]loyalty.LeadEngagement{{Record: accepted}, {Record: accepted}}, nil, leadSLA, "/leads/1/record/lead/id", loyalty.ErrDuplicate},
		{[]loyalty.LeadEngagement{{Record: dealreg.LeadRecord{Lead: dealreg.Lead{ID: "x"}, Status: dealreg.LeadAssigned}}}, nil, leadSLA, "/leads/0/record/partner", loyalty.ErrEmpty},
		{[]loyalty.LeadEngagement{{Record: dealreg.LeadRecord{Lead: dealreg.Lead{ID: "x"}, Partner: "p"}}}, nil, leadSLA, "/leads/0/record/status", loyalty.ErrInvalid},
		{[]loyalty.LeadEngagement{{Record: assigned, FirstAction: leadT0.Add(hours(1))}}, nil, leadSLA, "/leads/0/first_action", loyalty.ErrInvalid},
		{[]loyalty.LeadEngagement{{Record: accepted, FirstAction: leadT0.Add(hours(1))}}, nil, leadSLA, "/leads/0/first_action", loyalty.ErrOrder},
		{nil, []loyalty.ClosedDeal{{Source: loyalty.Influenced, Revenue: usd}}, leadSLA, "/deals/0/id", loyalty.ErrEmpty},
		{nil, []loyalty.ClosedDeal{{ID: "a", Source: loyalty.Influenced, Revenue: usd}, {ID: "a", Source: loyalty.Influenced, Revenue: usd}}, leadSLA, "/deals/1/id", loyalty.ErrDuplicate},
		{nil, []loyalty.ClosedDeal{{ID: "a", Revenue: usd}}, leadSLA, "/deals/0/source", loyalty.ErrInvalid},
		{nil, []loyalty.ClosedDeal{{ID: "a", Source: loyalty.Influenced, Revenue: usd}, {ID: "b", Source: loyalty.Influenced, Revenue: money.MustParse("1 EUR")}}, leadSLA, "/deals/1/revenue", loyalty.ErrRange},
		{nil, []loyalty.ClosedDeal{{ID: "a", Source: loyalty.Influenced, Revenue: usd.Neg()}}, leadSLA, "/deals/0/revenue", loyalty.ErrRange},
	} {
		_, err := loyalty.ComputeLeadMetrics(tc.leads, tc.deals, tc.sla, leadAt)
		checkInputErr(t, err, tc.path, tc.want)
	}
}

// TestLeadMetricsProperties: the result does not depend on the order of
// leads or deals; each partner's classes add up to its assignments; the
// sourcing shares sum exactly to 1; nearest-rank percentiles are
// ordered Median ≤ P75 ≤ P90 ≤ Max.
func TestLeadMetricsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var leads []loyalty.LeadEngagement
		for i := range rapid.IntRange(0, 15).Draw(t, "leads") {
			partner := rapid.SampledFrom([]string{"p1", "p2", "p3"}).Draw(t, "partner")
			status := dealreg.LeadStatus(rapid.IntRange(1, 3).Draw(t, "status"))
			assigned := leadT0.Add(hours(rapid.IntRange(0, 800).Draw(t, "assigned")))
			l := loyalty.LeadEngagement{Record: lead(string(rune('A'+i)), partner, assigned, status, hours(rapid.IntRange(0, 60).Draw(t, "answer")))}
			if status == dealreg.LeadAccepted && rapid.Bool().Draw(t, "acted") {
				l.FirstAction = l.Record.RespondedAt.Add(hours(rapid.IntRange(0, 100).Draw(t, "action")))
			}
			leads = append(leads, l)
		}
		var deals []loyalty.ClosedDeal
		for i := range rapid.IntRange(0, 8).Draw(t, "deals") {
			deals = append(deals, loyalty.ClosedDeal{ID: string(rune('a' + i)), Partner: "p1",
				Source:  loyalty.DealSource(rapid.IntRange(1, 3).Draw(t, "source")),
				Revenue: money.FromMinor(rapid.Int64Range(0, 1_000_000).Draw(t, "revenue"), money.MustCurrency("USD"))})
		}
		got, err := loyalty.ComputeLeadMetrics(leads, deals, leadSLA, leadAt)
		if err != nil {
			t.Fatal(err)
		}
		again, err := loyalty.ComputeLeadMetrics(rapid.Permutation(leads).Draw(t, "lp"), rapid.Permutation(deals).Draw(t, "dp"), leadSLA, leadAt)
		if err != nil || !again.Equal(got) {
			t.Fatalf("order changed the result: %v", err)
		}
		for _, p := range got.Partners {
			if p.Accepted+p.Rejected+p.Silent+p.Pending != p.Assigned {
				t.Fatalf("%s: classes do not add up: %+v", p.Partner, p)
			}
			for _, ds := range []loyalty.Durations{p.ToAccept, p.ToAction} {
				if !slices.IsSorted([]time.Duration{ds.Median, ds.P75, ds.P90, ds.Max}) {
					t.Fatalf("%s: percentiles out of order: %+v", p.Partner, ds)
				}
			}
		}
		if len(got.Sourcing) > 0 {
			deal, rev := money.Rate{}, money.Rate{}
			for _, s := range got.Sourcing {
				deal, rev = deal.Add(s.DealShare), rev.Add(s.RevenueShare)
			}
			one := money.RateFromFraction(d("1"))
			if deal.Cmp(one) != 0 || (rev.Cmp(one) != 0 && !rev.IsZero()) {
				t.Fatalf("shares do not sum to 1: deals %s, revenue %s", deal, rev)
			}
		}
	})
}

// TestClosedDealOf drives a partner-sourced registration to a win and a
// vendor-lead one to approval only.
func TestClosedDealOf(t *testing.T) {
	p := dealreg.MustParsePolicy(`{"window": "90d", "extensions": {"max": 0, "length": "30d"}, "approval_sla": "48h",
		"tiers": ["registered"], "requirements": []}`)
	deal := dealreg.Deal{Customer: dealreg.Customer{Name: "Acme", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	drive := func(id string, src dealreg.Source, lead string, events ...dealreg.EventKind) dealreg.Registration {
		r, err := dealreg.New(id, dealreg.Registrant{ID: "P-1", Tier: "registered"}, deal, src, lead, leadT0)
		if err != nil {
			t.Fatal(err)
		}
		at := leadT0
		for _, k := range events {
			at = at.Add(time.Hour)
			if r, err = r.Apply(dealreg.Event{Kind: k}, at, p); err != nil {
				t.Fatal(k, err)
			}
		}
		return r
	}
	won := drive("R-1", dealreg.PartnerSourced, "", dealreg.Submit, dealreg.StartReview, dealreg.Approve, dealreg.Win)
	rev := money.MustParse("500.00 EUR")
	got, err := loyalty.ClosedDealOf(won, rev)
	want := loyalty.ClosedDeal{ID: "R-1", Partner: "P-1", Source: loyalty.SourcedByPartner, Revenue: rev}
	if err != nil || got.ID != want.ID || got.Partner != want.Partner || got.Source != want.Source || !got.Revenue.Equal(rev) {
		t.Errorf("won: got %+v, %v; want %+v", got, err, want)
	}
	vendorWon := drive("R-2", dealreg.VendorLead, "L-9", dealreg.Submit, dealreg.StartReview, dealreg.Approve, dealreg.Win)
	if got, err := loyalty.ClosedDealOf(vendorWon, rev); err != nil || got.Source != loyalty.SourcedByVendor {
		t.Errorf("vendor lead: got %+v, %v", got, err)
	}
	approved := drive("R-3", dealreg.PartnerSourced, "", dealreg.Submit, dealreg.StartReview, dealreg.Approve)
	_, err = loyalty.ClosedDealOf(approved, rev)
	checkInputErr(t, err, "/state", loyalty.ErrInvalid)
}
