package mdf_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/mdf"
)

// Every gap at once, in the documented order: per item (missing id,
// duplicate id, invoice amount, invoice currency, date outside the
// activity), then per required kind, then invoices short of the cost.
func TestCheckProofListsEveryGap(t *testing.T) {
	act, _ := programme().Activity("trade-show") // invoice ≥ 1, attendee-list ≥ 10, leads ≥ 1
	c := mdf.Claim{Cost: amt("1000.00 USD"), Proof: []mdf.EvidenceItem{
		{Kind: mdf.Invoice, ID: "I1", Amount: amt("600.00 USD"), At: day(5)},
		{Kind: mdf.Invoice, ID: "I1", Amount: amt("600.00 USD")}, // duplicate: not counted twice
		{Kind: mdf.Invoice, ID: "I2", Amount: amt("300.00 EUR")},
		{Kind: mdf.Invoice, ID: "I3"},
		{Kind: mdf.AttendeeList, ID: ""},
		{Kind: mdf.AttendeeList, ID: "a1", At: day(1)},
		{Kind: mdf.Media, ID: "photo"},
	}}
	got := mdf.CheckProof(act, c, day(3), day(20))
	want := []mdf.Gap{
		{Path: "/proof/1/id", Reason: mdf.DuplicateItemID, Evidence: mdf.Invoice, Detail: `invoice "I1" appears twice`},
		{Path: "/proof/2/amount", Reason: mdf.InvoiceCurrency, Evidence: mdf.Invoice, Detail: `invoice "I2" is in EUR, the claim in USD`},
		{Path: "/proof/3/amount", Reason: mdf.MissingInvoiceAmount, Evidence: mdf.Invoice, Detail: `invoice "I3" has no positive amount`},
		{Path: "/proof/4/id", Reason: mdf.MissingItemID, Evidence: mdf.AttendeeList, Detail: "attendee-list item without an id"},
		{Path: "/proof/5/at", Reason: mdf.ItemOutsideActivity, Evidence: mdf.AttendeeList, Detail: `attendee-list "a1" dated 2025-01-02, outside the activity`},
		{Path: "/proof", Reason: mdf.TooFewItems, Evidence: mdf.AttendeeList, Have: 1, Need: 10, Detail: "1 attendee-list items, 10 required"},
		{Path: "/proof", Reason: mdf.TooFewItems, Evidence: mdf.Leads, Have: 0, Need: 1, Detail: "0 leads items, 1 required"},
		// Counted invoices: I1 600.00 once (I2 in EUR and I3 without amount are not).
		{Path: "/cost", Reason: mdf.InvoicesShort, Evidence: mdf.Invoice, Detail: "invoices total 600.00 USD, the claimed cost is 1000.00 USD"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Error(d)
	}
	ok := mdf.Claim{Cost: amt("500.00 USD"), Proof: []mdf.EvidenceItem{{Kind: mdf.Invoice, ID: "I", Amount: amt("500.00 USD")}, {Kind: mdf.Leads, ID: "L"}}}
	for i := range 10 {
		ok.Proof = append(ok.Proof, mdf.EvidenceItem{Kind: mdf.AttendeeList, ID: itoa(i)})
	}
	if gaps := mdf.CheckProof(act, ok, day(3), day(20)); gaps != nil {
		t.Errorf("complete proof: %+v", gaps)
	}
}

// claimed drives a webinar request to Claimed with the given proof.
func claimed(t *testing.T, id, partner string, proof ...mdf.EvidenceItem) mdf.Request {
	p := programme()
	f := funded(t)
	r, f, err := mdf.NewRequest(mdf.RequestSpec{ID: id, FundID: "F", Partner: partner, ActivityType: "webinar", Campaign: "cmp-" + id,
		Amount: amt("100.00 USD"), ActivityStart: day(2), ActivityEnd: day(3)}, f, p, day(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []mdf.RequestEvent{{Kind: mdf.PreApprove}, {Kind: mdf.CompleteActivity, ActivityEnd: day(3)},
		{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: amt("100.00 USD"), Proof: proof}}} {
		if r, f, err = r.Apply(ev, f, p, day(4)); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func TestDuplicateClaimsAndLeadTouches(t *testing.T) {
	a := claimed(t, "R1", "acme", mdf.EvidenceItem{Kind: mdf.Invoice, ID: "INV-1", Amount: amt("100.00 USD")},
		mdf.EvidenceItem{Kind: mdf.Leads, ID: "L2", At: day(3)}, mdf.EvidenceItem{Kind: mdf.Leads, ID: "L1"})
	b := claimed(t, "R2", "beta", mdf.EvidenceItem{Kind: mdf.Invoice, ID: "INV-1", Amount: amt("100.00 USD")},
		mdf.EvidenceItem{Kind: mdf.Invoice, ID: "INV-2", Amount: amt("100.00 USD")})
	c := claimed(t, "R3", "beta", mdf.EvidenceItem{Kind: mdf.Invoice, ID: "INV-2", Amount: amt("1.00 USD")})
	open, _ := requestAt(t, mdf.Requested)
	for _, order := range [][]mdf.Request{{a, b, c, open}, {open, c, b, a}} {
		want := []mdf.DuplicateClaim{{Invoice: "INV-1", Requests: []string{"R1", "R2"}}, {Invoice: "INV-2", Requests: []string{"R2", "R3"}}}
		if d := cmp.Diff(want, mdf.DuplicateClaims(order)); d != "" {
			t.Error(d)
		}
		touches := []mdf.LeadTouch{
			{LeadID: "L1", Partner: "acme", Campaign: "cmp-R1", ActivityType: "webinar", Request: "R1", At: day(3)}, // activity end
			{LeadID: "L2", Partner: "acme", Campaign: "cmp-R1", ActivityType: "webinar", Request: "R1", At: day(3)},
		}
		if d := cmp.Diff(touches, mdf.LeadTouches(order)); d != "" {
			t.Error(d)
		}
	}
}

// Segment boundaries: revenue exactly at the one-to-many threshold is not
// one-to-many; capability exactly at the core threshold is core; resource
// use exactly at its threshold is growth.
func TestClassifyBoundaries(t *testing.T) {
	s := mdf.MustParseSegmentation(`{"one_to_many_below":"50000.00 USD","core_capability":"70%","growth_resource_use":"30%","growth_utilisation":"50%"}`)
	got := must(s.Classify([]mdf.Signals{
		{Partner: "a", Revenue: amt("49999.99 USD"), Capability: rate("100%")},
		{Partner: "b", Revenue: amt("50000.00 USD"), Capability: rate("70%")},
		{Partner: "c", Revenue: amt("50000.00 USD"), Capability: rate("69.99%"), ResourceUse: rate("30%")},
		{Partner: "d", Revenue: amt("50000.00 USD"), Capability: rate("69.99%"), ResourceUse: rate("29.99%"), Utilisation: rate("50%")},
		{Partner: "e", Revenue: amt("50000.00 USD"), Capability: rate("69.99%"), ResourceUse: rate("29.99%"), Utilisation: rate("49.99%")},
	}))
	want := []mdf.Segment{mdf.OneToMany, mdf.Core, mdf.Growth, mdf.Growth, mdf.SalesOnly}
	for i, c := range got {
		if c.Segment != want[i] {
			t.Errorf("%s: %s, want %s (%+v)", c.Partner, c.Segment, want[i], c.Reasons)
		}
	}
}
