package dealreg_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

const examplePolicy = `{
  "window": "90d",
  "extensions": {"max": 1, "length": "30d"},
  "approval_sla": "48h",
  "tiers": ["registered", "silver", "gold"],
  "eligibility": [{"product_line": "storage", "min_tier": "silver"}],
  "requirements": [
    {"stage": "prospecting", "fields": ["customer-name", "customer-country", "product-lines"]},
    {"stage": "commit", "fields": ["skus"]}
  ],
  "conflict_rule": "first-submission",
  "secondary_share": "50%",
  "exclude_direct_active": true,
  "exclude_existing_customers": false,
  "registration_discount": "15%",
  "vendor_leads_registrable": true,
  "min_advantage": "5%",
  "pricing": {"stacking": "additive", "floor": {"kind": "none"}, "rounding": "half-even"},
  "leads": {"acceptance_sla": "48h", "new_partner_window": "180d", "high_performer_conversion": "25%",
            "order": ["new-partner", "high-performer"], "max_reassignments": 1}
}`

var exampleStart = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

func ExampleParsePolicy() {
	p, err := dealreg.ParsePolicy([]byte(examplePolicy))
	fmt.Println(p.Window(), p.RegistrationDiscount(), p.Spec().Pricing.Stacking, err)

	_, err = dealreg.ParsePolicy([]byte(`{"window": "90d", "WINDOW": "1d"}`))
	fmt.Println(err)
	// Output:
	// 2160h0m0s 15% additive <nil>
	// strictjson: duplicate key at "/WINDOW": "window" and "WINDOW"
}

func ExampleNewPolicy() {
	spec := dealreg.MustParsePolicy(examplePolicy).Spec()
	spec.Window = 0
	spec.SecondaryShare = money.MustRate("150%")
	_, err := dealreg.NewPolicy(spec)
	var fe interface{ FieldPath() string }
	fmt.Println(errors.As(err, &fe), fe.FieldPath())
	fmt.Println(err)
	// Output:
	// true /window
	// dealreg: /window = "0s": invalid field: must be positive
	// dealreg: /secondary_share = "1.5": invalid field: must be in [0, 1]
}

// A policy that only checks protection needs no lifecycle, conflict or
// lead members; the zero pricing.FloorSpec is no floor.
func ExampleNewPolicy_protectionOnly() {
	p, err := dealreg.NewPolicy(dealreg.PolicySpec{
		RegistrationDiscount: money.MustRate("15%"),
		MinAdvantage:         money.MustRate("5%"),
		Pricing:              pricing.PolicySpec{Stacking: pricing.Additive, Rounding: money.HalfEven},
	})
	fmt.Println(err, p.Has(dealreg.PartProtection), p.Has(dealreg.PartLifecycle))
	prot, err := p.Protection()
	if err != nil {
		fmt.Println(err)
		return
	}
	c := pricing.Contest{ID: "D-1", List: money.MustParse("1000.00 EUR"),
		Owner:       pricing.Bid{Partner: "O", Discounts: []pricing.Discount{{Kind: pricing.RegistrationDiscount, Name: "reg", Rate: p.RegistrationDiscount()}}},
		Competitors: []pricing.Bid{{Partner: "X", Discounts: []pricing.Discount{{Kind: pricing.SpecialPricing, Name: "sp", Rate: money.MustRate("10%")}}}}}
	// Owner 1000 − 15 % = 850; X 1000 − 10 % = 900; 850 ≤ 900 − 50.
	r, err := prot.Check(c)
	fmt.Println(r.OwnerQuote.Net, r.CompetitorNet, r.Violated, err)
	// The lifecycle needs its part.
	reg, _ := dealreg.New("R-1", dealreg.Registrant{ID: "P-1"}, dealreg.Deal{}, dealreg.PartnerSourced, "", exampleStart)
	_, err = reg.Apply(dealreg.Event{Kind: dealreg.Submit}, exampleStart, p)
	fmt.Println(errors.Is(err, dealreg.ErrPolicyPart))
	// Output:
	// <nil> true false
	// 850.00 EUR 900.00 EUR false <nil>
	// true
}

func ExamplePolicy_Spec() {
	p := dealreg.MustParsePolicy(examplePolicy)
	// Change a compiled policy by editing its open form and compiling again.
	spec := p.Spec()
	spec.Pricing.Stacking = pricing.Compounding
	q, err := dealreg.NewPolicy(spec)
	fmt.Println(p.Spec().Pricing.Stacking, q.Spec().Pricing.Stacking, err)
	// Output: additive compounding <nil>
}

func ExamplePolicy_RequiredAt() {
	p := dealreg.MustParsePolicy(examplePolicy)
	fmt.Println(p.RequiredAt(dealreg.Prospecting))
	fmt.Println(p.RequiredAt(dealreg.Commit))
	// Output:
	// [customer-name customer-country product-lines]
	// [customer-name customer-country product-lines skus]
}

func ExamplePolicy_CheckSubmission() {
	p := dealreg.MustParsePolicy(examplePolicy)
	err := p.CheckSubmission(dealreg.Registrant{ID: "P-7", Tier: "registered"},
		dealreg.Deal{Customer: dealreg.Customer{Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting})
	fmt.Println(err)
	// Output:
	// dealreg: /customer/name: missing required field at stage prospecting
	// dealreg: partner "P-7" not eligible for "storage": tier "registered" below "silver"
}

func ExampleRegistration_Apply() {
	p := dealreg.MustParsePolicy(examplePolicy)
	deal := dealreg.Deal{Customer: dealreg.Customer{Name: "Acme SARL", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	r, _ := dealreg.New("R-1", dealreg.Registrant{ID: "P-1", Tier: "silver"}, deal, dealreg.PartnerSourced, "", exampleStart)
	at := exampleStart // approved on 9 January at 09:00; + 90 days = 9 April
	for _, k := range []dealreg.EventKind{dealreg.Submit, dealreg.StartReview, dealreg.Approve} {
		at = at.Add(24 * time.Hour)
		r, _ = r.Apply(dealreg.Event{Kind: k}, at, p)
		fmt.Println(k, "→", r.State())
	}
	fmt.Println("protected until", r.ExpiresAt().Format(time.RFC3339))

	// Winning needs SKU detail (required at commit); the value is unchanged.
	same, err := r.Apply(dealreg.Event{Kind: dealreg.Win}, at, p)
	fmt.Println(same.State(), err)
	// Output:
	// submit → submitted
	// start-review → under-review
	// approve → approved
	// protected until 2025-04-09T09:00:00Z
	// approved dealreg: registration "R-1": win from approved: /skus: missing required field at stage commit
}

// exampleApproved drives a registration to approval under p: created and
// submitted at submitted, approved at approved.
func exampleApproved(p dealreg.Policy, id, partner, name string, submitted, approved time.Time, lines ...string) dealreg.Registration {
	deal := dealreg.Deal{Customer: dealreg.Customer{Name: name, Country: "US"}, ProductLines: lines, Stage: dealreg.Prospecting}
	r, err := dealreg.New(id, dealreg.Registrant{ID: partner, Tier: "gold"}, deal, dealreg.PartnerSourced, "", submitted)
	for _, e := range []struct {
		k  dealreg.EventKind
		at time.Time
	}{{dealreg.Submit, submitted}, {dealreg.StartReview, submitted}, {dealreg.Approve, approved}} {
		if err == nil {
			r, err = r.Apply(dealreg.Event{Kind: e.k}, e.at, p)
		}
	}
	if err != nil {
		panic(err)
	}
	return r
}

func ExampleRegistration_AllowedEvents() {
	p := dealreg.MustParsePolicy(examplePolicy)
	// Approved 90 days before exampleStart: protection ends at exampleStart.
	r := exampleApproved(p, "R-1", "P-1", "Acme", exampleStart.AddDate(0, 0, -91), exampleStart.AddDate(0, 0, -90), "storage")
	fmt.Println(r.AllowedEvents(exampleStart.Add(-time.Nanosecond), p))
	fmt.Println(r.AllowedEvents(exampleStart, p))
	// Output:
	// [update request-extension win lose withdraw]
	// [expire]
}

func ExampleRegistration_Protected() {
	p := dealreg.MustParsePolicy(examplePolicy) // window 90 days
	r := exampleApproved(p, "R-1", "P-1", "Acme", exampleStart.AddDate(0, 0, -91), exampleStart.AddDate(0, 0, -90), "storage")
	fmt.Println(r.Protected(exampleStart.Add(-time.Nanosecond)), r.Protected(exampleStart), r.StateAt(exampleStart))
	// Output: true false expired
}

func ExampleNormaliseName() {
	fmt.Println(dealreg.NormaliseName("ACME, Inc."))
	fmt.Println(dealreg.NormaliseName("Société Générale S.A."))
	fmt.Println(dealreg.NormaliseName("Bosch GmbH & Co. KG"))
	// Output:
	// acme
	// societe generale
	// bosch
}

func ExampleNormaliseCustomer() {
	a := dealreg.NormaliseCustomer(dealreg.Customer{Name: "Acme Ltd", Domain: "https://www.acme.co.uk/", Country: "gb"})
	b := dealreg.NormaliseCustomer(dealreg.Customer{Name: "Acme Trading", Domain: "acme.co.uk", Country: "GB"})
	fmt.Printf("%+v %v\n", a, a.SameCustomer(b))
	// Output: {Name:acme Domain:acme.co.uk Country:GB} true
}

func exampleRegs() []dealreg.Registration {
	p := dealreg.MustParsePolicy(examplePolicy)
	mk := func(id, partner, name string, submitted int, lines ...string) dealreg.Registration {
		at := exampleStart.Add(time.Duration(submitted) * time.Hour)
		return exampleApproved(p, id, partner, name, at, at, lines...)
	}
	return []dealreg.Registration{
		mk("R-2", "P-B", "ACME Incorporated", 2, "storage"),
		mk("R-1", "P-A", "Acme, Inc.", 1, "storage", "backup"),
		mk("R-3", "P-C", "Globex", 3, "storage"),
	}
}

func ExampleFindConflicts() {
	cs, err := dealreg.FindConflicts(exampleRegs(), exampleStart.Add(24*time.Hour))
	for _, c := range cs {
		// R-2 was submitted at 11:00, while R-1 (10:00) held its claim;
		// both still hold theirs (Until is zero).
		fmt.Println(c.A, c.B, c.SameName, c.ProductLines, c.From.Format("15:04"), c.Until.IsZero())
	}
	fmt.Println(err)
	// Output:
	// R-1 R-2 true [storage] 11:00 true
	// <nil>
}

func ExampleIndex_ConflictsWith() {
	idx, _ := dealreg.NewIndex(exampleRegs(), exampleStart.Add(24*time.Hour))
	newcomer, _ := dealreg.New("R-9", dealreg.Registrant{ID: "P-9"}, dealreg.Deal{Customer: dealreg.Customer{Name: "Globex Corporation", Country: "US"}},
		dealreg.PartnerSourced, "", exampleStart.Add(24*time.Hour))
	fmt.Println(idx.Len(), idx.ConflictsWith(newcomer)[0].A)
	// Output: 3 R-3
}

func ExampleResolve() {
	p := dealreg.MustParsePolicy(examplePolicy)
	res, _ := dealreg.Resolve(exampleRegs(), dealreg.Exclusions{DirectActive: []dealreg.Customer{{Name: "Globex", Country: "US"}}},
		exampleStart.Add(24*time.Hour), p)
	for _, r := range res {
		fmt.Println(r.ID, r.Role, r.Discount, r.Explain())
	}
	// Output:
	// R-1 owner 15% first submission
	// R-2 secondary 7.5% lost to R-1
	// R-3 excluded 0% direct sales active
}

func examplePartners() []dealreg.PartnerProfile {
	return []dealreg.PartnerProfile{
		{ID: "ROOKIE", Segments: []string{"banking"}, Capacity: 2, OnboardedAt: exampleStart.AddDate(0, -1, 0)},
		{ID: "STAR", Segments: []string{"banking"}, Capacity: 5, Conversion: money.MustRate("0.4"), OnboardedAt: exampleStart.AddDate(-4, 0, 0)},
		{ID: "STEADY", Segments: []string{"banking"}, Capacity: 5, Conversion: money.MustRate("0.1"), OnboardedAt: exampleStart.AddDate(-4, 0, 0)},
	}
}

func ExampleRoute() {
	p := dealreg.MustParsePolicy(examplePolicy)
	lead := dealreg.Lead{ID: "L-1", Segment: "banking", Source: "webinar"}
	a, _ := dealreg.Route(lead, examplePartners(), nil, exampleStart, p.Leads())
	fmt.Println(a.Partner, a.Class)
	b, _ := dealreg.Route(lead, examplePartners(), []string{"ROOKIE"}, exampleStart, p.Leads())
	fmt.Println(b.Partner, b.Class)
	// Output:
	// ROOKIE new-partner
	// STAR high-performer
}

func ExampleLeadRecord_Reassign() {
	p := dealreg.MustParsePolicy(examplePolicy)
	lead := dealreg.Lead{ID: "L-1", Segment: "banking", Source: "webinar"}
	a, _ := dealreg.Route(lead, examplePartners(), nil, exampleStart, p.Leads())
	l, _ := dealreg.Assign(lead, a, exampleStart)
	silent := exampleStart.Add(p.Leads().AcceptanceSLA)
	fmt.Println(l.StatusAt(silent, p.Leads()))
	l, _ = l.Reassign(examplePartners(), silent, p.Leads())
	l, _ = l.Accept(silent.Add(90*time.Minute), p.Leads())
	tte, _ := l.TimeToEngage()
	fmt.Println(l.Partner, l.Status, tte, len(l.History))
	// Output:
	// silent
	// STAR accepted 1h30m0s 1
}

func ExampleNewFromLead() {
	p := dealreg.MustParsePolicy(examplePolicy)
	lead := dealreg.Lead{ID: "L-1", Customer: dealreg.Customer{Name: "Bank AG", Country: "CH"}, Segment: "banking", Source: "webinar"}
	l, _ := dealreg.Assign(lead, dealreg.Assignment{Partner: "STAR", Class: dealreg.HighPerformer}, exampleStart)
	l, _ = l.Accept(exampleStart.Add(time.Hour), p.Leads())
	r, err := dealreg.NewFromLead("R-10", dealreg.Registrant{ID: "STAR", Tier: "gold"}, l, dealreg.Deal{Stage: dealreg.Prospecting}, exampleStart.Add(2*time.Hour))
	d, _ := r.DiscountRate(p)
	fmt.Println(r.Source(), r.LeadID(), r.Deal().Customer.Name, d, err)
	// Output: vendor-lead L-1 Bank AG 15% <nil>
}

func ExampleComputeLeadStats() {
	p := dealreg.MustParsePolicy(examplePolicy)
	l1, _ := dealreg.Assign(dealreg.Lead{ID: "L-1", Source: "webinar"}, dealreg.Assignment{Partner: "A", Class: dealreg.NewPartner}, exampleStart)
	l1, _ = l1.Accept(exampleStart.Add(6*time.Hour), p.Leads())
	l2, _ := dealreg.Assign(dealreg.Lead{ID: "L-2", Source: "trade-show"}, dealreg.Assignment{Partner: "B", Class: dealreg.HighPerformer}, exampleStart)
	s, _ := dealreg.ComputeLeadStats([]dealreg.LeadRecord{l1, l2}, exampleStart.AddDate(0, 0, 3), p.Leads())
	fmt.Println(s.Attempts, s.Accepted, s.Silent, s.AcceptanceRate, s.MedianTimeToEngage)
	fmt.Printf("%+v\n", s.BySource)
	// Output:
	// 2 1 1 50% 6h0m0s
	// [{Source:trade-show Leads:1 Accepted:0} {Source:webinar Leads:1 Accepted:1}]
}

// The protection part compiles into a pricing.Protection; the owner's bid
// carries the policy's registration discount.
func ExamplePolicy_Protection() {
	p := dealreg.MustParsePolicy(examplePolicy) // additive, registration 15 %, M = 5 % of list
	prot, err := p.Protection()
	if err != nil {
		fmt.Println(err)
		return
	}
	tier := pricing.Discount{Kind: pricing.TierDiscount, Name: "tier", Rate: money.MustRate("10%")}
	c := pricing.Contest{
		ID:   "D-1",
		List: money.MustParse("10000.00 USD"),
		Owner: pricing.Bid{Partner: "OWNER", Discounts: []pricing.Discount{tier,
			{Kind: pricing.RegistrationDiscount, Name: "registration", Rate: p.RegistrationDiscount()}}},
		Competitors: []pricing.Bid{{Partner: "RIVAL", Discounts: []pricing.Discount{tier,
			{Kind: pricing.SpecialPricing, Name: "special", Rate: money.MustRate("30%")}}}},
	}
	// Owner 10000·(1 − 0.10 − 0.15) = 7500; rival 10000·(1 − 0.10 − 0.30)
	// = 6000; the owner must be ≤ 6000 − 500 = 5500: violated by 2000. An
	// owner special price d with 10000·(1 − 0.25 − d) = 5500 is d = 20 %.
	r, err := prot.Check(c)
	fmt.Println(r.OwnerQuote.Net, r.CompetitorNet, r.Violated, r.Violation, err)
	fmt.Println(r.Restore.Possible, r.Restore.Special, r.Restore.Quote.Net)
	fmt.Println(prot.MinAdvantageFor(c.List))

	_, err = dealreg.MustParsePolicy(`{"window": "90d", "extensions": {"max": 0, "length": "0s"}, "approval_sla": "48h",
		"tiers": ["gold"], "requirements": []}`).Protection()
	fmt.Println(errors.Is(err, dealreg.ErrPolicyPart))
	// Output:
	// 7500.00 USD 6000.00 USD true 2000.00 USD <nil>
	// true 20% 5500.00 USD
	// 500.0000 USD
	// true
}

func ExampleComputeMetrics() {
	p := dealreg.MustParsePolicy(examplePolicy)
	// Restored from stored records, all submitted at exampleStart.
	reg := func(id string, stage dealreg.Stage, state dealreg.State, hours int) dealreg.Registration {
		decided := exampleStart.Add(time.Duration(hours) * time.Hour)
		rec := dealreg.RegistrationRecord{ID: id, Registrant: dealreg.Registrant{ID: "P-1"}, Source: dealreg.PartnerSourced,
			State: state, CreatedAt: exampleStart, LastEventAt: decided, SubmittedAt: exampleStart, StageAtSubmission: stage,
			ReviewStartedAt: exampleStart, DecidedAt: decided, ExpiresAt: decided.AddDate(0, 0, 90)}
		switch state {
		case dealreg.Won:
			rec.ClosedAt, rec.LastEventAt = decided.Add(time.Hour), decided.Add(time.Hour)
		case dealreg.Rejected:
			rec.ExpiresAt, rec.ClosedAt, rec.Reason = time.Time{}, decided, "duplicate"
		}
		r, err := dealreg.RestoreRegistration(rec, p)
		if err != nil {
			panic(err)
		}
		return r
	}
	m, _ := dealreg.ComputeMetrics([]dealreg.Registration{
		reg("R-1", dealreg.Prospecting, dealreg.Approved, 20),
		reg("R-2", dealreg.Negotiation, dealreg.Won, 60),
		reg("R-3", dealreg.Proposal, dealreg.Rejected, 30),
	}, []dealreg.DealOutcome{
		{ID: "D-1", Registered: true, Won: true, List: money.MustParse("40000 USD"), RegistrationDiscount: money.MustRate("15%"), PartnerMargin: money.MustParse("8000 USD")},
		{ID: "D-2", Registered: false, Won: false},
	}, dealreg.Qualification, p)
	fmt.Println(m.ApprovalRate, m.MedianApproval, m.WithinSLA, m.EarlyShare)
	fmt.Println(m.RegisteredWinRate, m.UnregisteredWinRate, m.DiscountCost, m.ProtectedMargin, m.CostPerMargin)
	// Output:
	// 66.67% 40h0m0s 2 33.33%
	// 100% 0% 6000.00 USD 8000.00 USD 75%
}

func ExampleDuration_UnmarshalText() {
	var d dealreg.Duration
	_ = d.UnmarshalText([]byte("90d"))
	b, _ := d.MarshalText()
	fmt.Println(time.Duration(d), string(b))
	// Output: 2160h0m0s 90d
}

func ExampleNew() {
	deal := dealreg.Deal{Customer: dealreg.Customer{Name: "Acme SARL", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	r, err := dealreg.New("R-1", dealreg.Registrant{ID: "P-1", Tier: "silver"}, deal, dealreg.PartnerSourced, "", exampleStart)
	fmt.Println(r.State(), r.CreatedAt().Format(time.DateOnly), err)
	_, err = dealreg.New("", dealreg.Registrant{}, deal, dealreg.VendorLead, "", exampleStart)
	fmt.Println(err)
	// Output:
	// draft 2025-01-06 <nil>
	// dealreg: /id: missing required field
	// dealreg: /registrant/id: missing required field
	// dealreg: /lead_id: missing required field
}

func ExampleRegistration_StateAt() {
	p := dealreg.MustParsePolicy(examplePolicy)
	deal := dealreg.Deal{Customer: dealreg.Customer{Name: "Acme SARL", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	r, _ := dealreg.New("R-1", dealreg.Registrant{ID: "P-1", Tier: "silver"}, deal, dealreg.PartnerSourced, "", exampleStart)
	day := func(n int) time.Time { return exampleStart.AddDate(0, 0, n) }
	r, _ = r.Apply(dealreg.Event{Kind: dealreg.Submit}, day(1), p)
	r, _ = r.Apply(dealreg.Event{Kind: dealreg.StartReview}, day(2), p)
	r, _ = r.Apply(dealreg.Event{Kind: dealreg.Approve}, day(3), p) // protected until day 93
	r, _ = r.Apply(dealreg.Event{Kind: dealreg.Lose}, day(40), p)
	for _, n := range []int{0, 1, 2, 3, 39, 40} {
		fmt.Printf("day %2d: %-12s protected %v\n", n, r.StateAt(day(n)), r.Protected(day(n)))
	}
	// Output:
	// day  0: draft        protected false
	// day  1: submitted    protected false
	// day  2: under-review protected false
	// day  3: approved     protected true
	// day 39: approved     protected true
	// day 40: lost         protected false
}

func ExampleRegistration_Open() {
	p := dealreg.MustParsePolicy(examplePolicy) // window 90 days
	r := exampleApproved(p, "R-1", "P-1", "Acme", exampleStart, exampleStart, "storage")
	fmt.Println(r.Open(exampleStart.Add(-time.Nanosecond)), r.Open(exampleStart), r.Open(exampleStart.AddDate(0, 0, 90)))
	// Output: false true false
}

func ExampleRegistration_ReviewOverdue() {
	p := dealreg.MustParsePolicy(examplePolicy) // approval SLA 48h
	deal := dealreg.Deal{Customer: dealreg.Customer{Name: "Acme", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	r, _ := dealreg.New("R-1", dealreg.Registrant{ID: "P-1", Tier: "gold"}, deal, dealreg.PartnerSourced, "", exampleStart)
	r, _ = r.Apply(dealreg.Event{Kind: dealreg.Submit}, exampleStart, p)
	due := r.ReviewDue(p)
	fmt.Println(due.Format(time.RFC3339), r.ReviewOverdue(due.Add(-time.Nanosecond), p), r.ReviewOverdue(due, p))
	// Output: 2025-01-08T09:00:00Z false true
}

func ExampleRegistration_DiscountRate() {
	p := dealreg.MustParsePolicy(examplePolicy) // 15 %, vendor leads registrable
	own, _ := dealreg.New("R-1", dealreg.Registrant{ID: "P-1"}, dealreg.Deal{}, dealreg.PartnerSourced, "", exampleStart)
	lead, _ := dealreg.New("R-2", dealreg.Registrant{ID: "P-1"}, dealreg.Deal{}, dealreg.VendorLead, "L-1", exampleStart)
	show := func(p dealreg.Policy) {
		a, _ := own.DiscountRate(p)
		b, _ := lead.DiscountRate(p)
		fmt.Println(a, b)
	}
	show(p)
	spec := p.Spec()
	spec.VendorLeadsRegistrable = false
	show(dealreg.MustNewPolicy(spec))
	// Output:
	// 15% 15%
	// 15% 0%
}

func ExamplePolicy_CheckDeal() {
	p := dealreg.MustParsePolicy(examplePolicy)
	// At prospecting no SKU detail is asked (it would delay registration) ...
	early := dealreg.Deal{Customer: dealreg.Customer{Name: "Acme", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	fmt.Println(p.CheckDeal(early))
	// ... at commit it is.
	early.Stage = dealreg.Commit
	fmt.Println(p.CheckDeal(early))
	// Output:
	// <nil>
	// dealreg: /skus: missing required field at stage commit
}

func ExamplePolicy_MarshalJSON() {
	p := dealreg.MustParsePolicy(examplePolicy)
	b, _ := p.MarshalJSON()
	q, err := dealreg.ParsePolicy(b)
	fmt.Println(len(b) > 0, q.Equal(p), err)
	// Output: true true <nil>
}

func ExampleRoutingPolicy_Validate() {
	fmt.Println(dealreg.RoutingPolicy{AcceptanceSLA: 48 * time.Hour, Order: []dealreg.RouteClass{dealreg.HighPerformer}}.Validate())
	fmt.Println(dealreg.RoutingPolicy{}.Validate())
	// Output:
	// <nil>
	// dealreg: /acceptance_sla = "0s": invalid field: must be positive
	// dealreg: /order: invalid field: must list at least one route class
}

func ExampleNormaliseDomain() {
	fmt.Println(dealreg.NormaliseDomain("https://WWW.Acme.com:443/contact?x=1"))
	fmt.Println(dealreg.NormaliseDomain("sales@acme.com."))
	// Output:
	// acme.com
	// acme.com
}

func ExampleCustomerKey_SameCustomer() {
	a := dealreg.NormaliseCustomer(dealreg.Customer{Name: "Acme GmbH", Country: "DE"})
	b := dealreg.NormaliseCustomer(dealreg.Customer{Name: "ACME", Domain: "acme.de", Country: "de"})
	c := dealreg.NormaliseCustomer(dealreg.Customer{Name: "Acme GmbH", Country: "AT"})
	fmt.Println(a.SameCustomer(b), a.SameCustomer(c))
	// Output: true false
}

func ExampleNewIndex() {
	idx, err := dealreg.NewIndex(exampleRegs(), exampleStart.Add(24*time.Hour))
	fmt.Println(idx.Len(), err)
	for _, c := range idx.Conflicts() {
		fmt.Println(c.A, "conflicts with", c.B, "on", c.ProductLines)
	}
	// Output:
	// 3 <nil>
	// R-1 conflicts with R-2 on [storage]
}

func ExampleIndex_Conflicts() {
	regs := exampleRegs()
	// Under a two-hour window, R-1 (approved at 10:00) was protected until
	// 12:00, an hour after R-2 was submitted: the claims overlapped from
	// 11:00 to 12:00 on the first day.
	spec := dealreg.MustParsePolicy(examplePolicy).Spec()
	spec.Window = 2 * time.Hour
	short := dealreg.MustNewPolicy(spec)
	r1 := exampleApproved(short, "R-1", "P-A", "Acme, Inc.", exampleStart.Add(time.Hour), exampleStart.Add(time.Hour), "storage", "backup")
	regs[1], _ = r1.Apply(dealreg.Event{Kind: dealreg.Expire}, exampleStart.Add(5*time.Hour), short)
	idx, _ := dealreg.NewIndex(regs, exampleStart.Add(24*time.Hour))
	for _, c := range idx.Conflicts() {
		fmt.Println(c.A, c.B, c.From.Format("15:04"), c.Until.Format("15:04"))
	}
	// Output: R-1 R-2 11:00 12:00
}

func ExampleAssign() {
	p := dealreg.MustParsePolicy(examplePolicy) // acceptance SLA 48h
	l, err := dealreg.Assign(dealreg.Lead{ID: "L-1", Source: "webinar"}, dealreg.Assignment{Partner: "ROOKIE", Class: dealreg.NewPartner}, exampleStart)
	due := l.AcceptanceDue(p.Leads())
	fmt.Println(l.Partner, l.StatusAt(due.Add(-time.Nanosecond), p.Leads()), l.StatusAt(due, p.Leads()), err)
	_, err = dealreg.Assign(dealreg.Lead{ID: "L-2"}, dealreg.Assignment{Partner: "ROOKIE", Class: dealreg.NewPartner}, exampleStart)
	fmt.Println(err)
	// Output:
	// ROOKIE assigned silent <nil>
	// dealreg: lead "L-2": assign: /lead/source: missing required field
}

func ExampleLeadRecord_Accept() {
	p := dealreg.MustParsePolicy(examplePolicy)
	l, _ := dealreg.Assign(dealreg.Lead{ID: "L-1", Source: "webinar"}, dealreg.Assignment{Partner: "STAR", Class: dealreg.HighPerformer}, exampleStart)
	l, err := l.Accept(exampleStart.Add(26*time.Hour), p.Leads())
	tte, ok := l.TimeToEngage()
	fmt.Println(l.Status, tte, ok, err)
	// Output: accepted 26h0m0s true <nil>
}

func ExampleLeadRecord_Reject() {
	p := dealreg.MustParsePolicy(examplePolicy)
	l, _ := dealreg.Assign(dealreg.Lead{ID: "L-1", Source: "webinar"}, dealreg.Assignment{Partner: "STAR", Class: dealreg.HighPerformer}, exampleStart)
	_, err := l.Reject("", exampleStart.Add(time.Hour), p.Leads())
	fmt.Println(err)
	l, _ = l.Reject("outside our region", exampleStart.Add(time.Hour), p.Leads())
	fmt.Println(l.Status, l.Reason)
	// Output:
	// dealreg: lead "L-1": reject when assigned: /reason: missing required field
	// rejected outside our region
}

func ExampleRestoreRegistration() {
	p := dealreg.MustParsePolicy(examplePolicy) // window 90 days, one extension of 30 days
	// A record from the host's database: approved on 7 January, one
	// extension granted, so protected until 7 Jan + 90 d + 30 d = 7 May.
	rec := dealreg.RegistrationRecord{
		ID: "R-1", Registrant: dealreg.Registrant{ID: "P-1", Tier: "gold"}, Source: dealreg.PartnerSourced,
		Deal:      dealreg.Deal{Customer: dealreg.Customer{Name: "Acme", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting},
		State:     dealreg.Approved,
		CreatedAt: exampleStart, SubmittedAt: exampleStart, StageAtSubmission: dealreg.Prospecting,
		ReviewStartedAt: exampleStart, DecidedAt: exampleStart.AddDate(0, 0, 1), ExpiresAt: time.Date(2025, 5, 7, 9, 0, 0, 0, time.UTC),
		ExtensionsGranted: 1, LastEventAt: exampleStart.AddDate(0, 0, 30),
	}
	r, err := dealreg.RestoreRegistration(rec, p)
	fmt.Println(r.State(), r.ExpiresAt().Format(time.DateOnly), err)

	// A review started before the submission, and an expiry that does not
	// follow from the policy, are refused.
	rec.ReviewStartedAt = exampleStart.Add(-time.Hour)
	rec.ExpiresAt = rec.ExpiresAt.AddDate(0, 0, 1)
	_, err = dealreg.RestoreRegistration(rec, p)
	fmt.Println(err)
	// Output:
	// approved 2025-05-07 <nil>
	// dealreg: /review_started_at = "2025-01-06T08:00:00Z": event before the last event: before submitted_at
	// dealreg: /expires_at = "2025-05-08T09:00:00Z": invalid field: must be decided_at + window + extensions granted × extension length = 2025-05-07T09:00:00Z
}

func ExampleRegistration_Record() {
	p := dealreg.MustParsePolicy(examplePolicy)
	r := exampleApproved(p, "R-1", "P-1", "Acme", exampleStart, exampleStart.Add(time.Hour), "storage")
	// Store the record (here as JSON), read it back, restore it.
	b, _ := json.Marshal(r.Record())
	var rec dealreg.RegistrationRecord
	_ = json.Unmarshal(b, &rec)
	back, err := dealreg.RestoreRegistration(rec, p)
	fmt.Println(back.Equal(r), err)
	fmt.Println(string(b))
	// Output:
	// true <nil>
	// {"id":"R-1","registrant":{"id":"P-1","tier":"gold"},"deal":{"customer":{"name":"Acme","country":"US"},"product_lines":["storage"],"stage":"prospecting"},"source":"partner-sourced","state":"approved","created_at":"2025-01-06T09:00:00Z","last_event_at":"2025-01-06T10:00:00Z","submitted_at":"2025-01-06T09:00:00Z","stage_at_submission":"prospecting","review_started_at":"2025-01-06T09:00:00Z","decided_at":"2025-01-06T10:00:00Z","expires_at":"2025-04-06T10:00:00Z"}
}

func ExampleResolution_Explain() {
	r := dealreg.Resolution{ID: "R-2", Role: dealreg.Secondary, Owner: "R-1", Reason: dealreg.LostToWinner}
	text, _ := r.Reason.MarshalText()
	fmt.Println(string(text), "|", r.Reason, "|", r.Explain())
	// Output: lost-to-winner | lost to the owner, which won the deal | lost to R-1, which won the deal
}

func ExampleField_Path() {
	fmt.Println(dealreg.FieldCustomerName.Path(), dealreg.FieldDealSize.Path(), dealreg.FieldSKUs.Path())
	// Output: /customer/name /size /skus
}

func ExampleParseStage() {
	s, err := dealreg.ParseStage("negotiation")
	fmt.Println(s, err)
	_, err = dealreg.ParseStage("negociation")
	fmt.Println(err)
	// Output:
	// negotiation <nil>
	// dealreg: unknown stage "negociation" (valid: prospecting, qualification, proposal, negotiation, commit; did you mean "negotiation"?)
}

func ExamplePolicy_Has() {
	p := dealreg.MustParsePolicy(`{"min_advantage": "3%", "registration_discount": "15%", "vendor_leads_registrable": false,
		"pricing": {"stacking": "compounding", "rounding": "half-even"}}`)
	for _, part := range []dealreg.PolicyPart{dealreg.PartLifecycle, dealreg.PartConflicts, dealreg.PartProtection, dealreg.PartLeads} {
		fmt.Print(part, " ", p.Has(part), "; ")
	}
	fmt.Println()
	// Output: lifecycle false; conflicts false; protection true; leads false;
}

// Two spellings of one customer: fuzzy matching finds them, exact keys do
// not. "Acme Deutschland GmbH" and "ACME GmbH" are both "acme" once the
// legal form and the country qualifier are gone; "mail.acme.de" and
// "acme.de" share the registrable domain; one side gives no country.
func ExamplePolicy_MatchCustomers() {
	spec := dealreg.MustParsePolicy(examplePolicy).Spec()
	exact := dealreg.MustNewPolicy(spec)
	spec.Matching = dealreg.MatchSpec{Mode: dealreg.MatchFuzzy, Threshold: money.MustRate("0.9")}
	fuzzy := dealreg.MustNewPolicy(spec)
	a := dealreg.Customer{Name: "Acme Deutschland GmbH", Domain: "mail.acme.de", Country: "Germany"}
	b := dealreg.Customer{Name: "ACME GmbH", Domain: "acme.de"}
	fmt.Println(exact.MatchCustomers(a, b).Same)
	m := fuzzy.MatchCustomers(a, b)
	fmt.Println(m.Same, m.Score, m.Signals)
	// "Acme Bank" vs "Acme": (1 + jw(bank, acme) + 1)/3 = (1 + 1/2 + 1)/3 = 5/6.
	m = fuzzy.MatchCustomers(dealreg.Customer{Name: "Acme Bank", Country: "DE"}, dealreg.Customer{Name: "Acme", Country: "DEU"})
	fmt.Println(m.Same, m.Score.FormatFraction(), m.Signals)
	// Output:
	// false
	// true 100% [same-name same-domain country-missing]
	// false 0.8333 [same-country]
}

// Approving a registration that conflicts with an approved, protected one
// is refused when the policy says so; the error names the other one.
func ExampleConflictError() {
	spec := dealreg.MustParsePolicy(examplePolicy).Spec()
	spec.Matching = dealreg.MatchSpec{Mode: dealreg.MatchFuzzy, Threshold: money.MustRate("0.9")}
	spec.OnApprovedConflict = dealreg.RefuseConflict
	p := dealreg.MustNewPolicy(spec)
	deal := func(name, country string) dealreg.Deal {
		return dealreg.Deal{Customer: dealreg.Customer{Name: name, Country: country}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	}
	register := func(id, partner string, d dealreg.Deal, at time.Time) dealreg.Registration {
		r, _ := dealreg.New(id, dealreg.Registrant{ID: partner, Tier: "gold"}, d, dealreg.PartnerSourced, "", at)
		for _, k := range []dealreg.EventKind{dealreg.Submit, dealreg.StartReview} {
			r, _ = r.Apply(dealreg.Event{Kind: k}, at, p)
		}
		return r
	}
	first := register("R-1", "P-1", deal("Müller Logistik GmbH", "DE"), exampleStart)
	first, _ = first.Apply(dealreg.Event{Kind: dealreg.Approve}, exampleStart, p)
	second := register("R-2", "P-2", deal("Mueller Logistik", "Germany"), exampleStart.Add(time.Hour))
	_, err := second.Apply(dealreg.Event{Kind: dealreg.Approve, Conflicting: []dealreg.Registration{first}}, exampleStart.Add(time.Hour), p)
	fmt.Println(errors.Is(err, dealreg.ErrConflict))
	fmt.Println(err)
	// Output:
	// true
	// dealreg: registration "R-2": approve from under-review: conflicts with protected registration R-1
}
