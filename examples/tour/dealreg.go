package main

import (
	"fmt"
	"io"
	"time"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// dealregTourPolicy is the programme of the deal-registration chapter.
const dealregTourPolicy = `{
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
  "pricing": {"stacking": "additive", "floor": {"kind": "share-of-list", "rate": "30%", "action": "error"}, "rounding": "half-even"},
  "leads": {"acceptance_sla": "48h", "new_partner_window": "180d", "high_performer_conversion": "25%",
            "order": ["new-partner", "high-performer"], "max_reassignments": 2}
}`

// dealregChapter answers "does deal registration work for me?" and "does
// my channel close?": special pricing undercutting a
// registered partner under two stacking policies, the fix, a registration
// lifecycle, and selective routing of vendor-passed leads.
func dealregChapter(w io.Writer) error {
	p, err := dealreg.ParsePolicy([]byte(dealregTourPolicy))
	if err != nil {
		return err
	}
	if err := dealregProtection(w, p); err != nil {
		return err
	}
	if err := dealregLifecycle(w, p); err != nil {
		return err
	}
	if err := dealregFuzzy(w, p); err != nil {
		return err
	}
	return dealregLeads(w, p)
}

func dealregProtection(w io.Writer, p dealreg.Policy) error {
	tier := pricing.Discount{Kind: pricing.TierDiscount, Name: "tier 10%", Rate: money.MustRate("10%")}
	reg := pricing.Discount{Kind: pricing.RegistrationDiscount, Name: "registration 15%", Rate: money.MustRate("15%")}
	special := pricing.Discount{Kind: pricing.SpecialPricing, Name: "special 30%", Rate: money.MustRate("30%")}
	d := pricing.Contest{
		ID:          "D-1",
		List:        money.MustParse("10000.00 USD"),
		Owner:       pricing.Bid{Partner: "registered owner", Discounts: []pricing.Discount{tier, reg}},
		Competitors: []pricing.Bid{{Partner: "unregistered rival", Discounts: []pricing.Discount{tier, special}}},
	}
	fmt.Fprintln(w, "   Special pricing undercuts the registered partner:")
	fmt.Fprintln(w, "     list 10,000.00 USD; owner: tier 10 % + registration 15 %;")
	fmt.Fprintln(w, "     rival (not registered): tier 10 % + special pricing 30 % from another team;")
	fmt.Fprintln(w, "     policy: the owner must stay at least 5 % of list (500.00 USD) below any rival.")
	fmt.Fprintf(w, "     %-36s %16s %16s\n", "", "additive", "compounding")
	var reps [2]pricing.ProtectionReport
	for i, s := range []pricing.Stacking{pricing.Additive, pricing.Compounding} {
		q, err := withStacking(p, s)
		if err != nil {
			return err
		}
		r, err := check(q, d)
		if err != nil {
			return err
		}
		reps[i] = r
	}
	row := func(label string, f func(r pricing.ProtectionReport) string) {
		fmt.Fprintf(w, "     %-36s %16s %16s\n", label, f(reps[0]), f(reps[1]))
	}
	row("owner net", func(r pricing.ProtectionReport) string { return r.OwnerQuote.Net.String() })
	row("rival net", func(r pricing.ProtectionReport) string { return r.CompetitorNet.String() })
	row("owner advantage (rival − owner)", func(r pricing.ProtectionReport) string { return r.Advantage.String() })
	row("registration nullified?", func(r pricing.ProtectionReport) string { return yesNo(r.Violated) })
	row("violation", func(r pricing.ProtectionReport) string { return r.Violation.String() })
	row("owner special pricing that fixes it", func(r pricing.ProtectionReport) string { return r.Restore.Special.FormatPercent() })
	row("owner net with the fix", func(r pricing.ProtectionReport) string { return r.Restore.Quote.Net.String() })
	fmt.Fprintln(w, "     (the fix is solved exactly and rounded up to 6 decimals, so it always suffices)")

	// With the same special price for both, additive keeps L·d_r, compounding shrinks it.
	same := d
	same.Owner.Discounts = []pricing.Discount{tier, reg, special}
	fmt.Fprintln(w, "   Same 30 % special price for both partners: is the registration still worth its 15 %?")
	for _, s := range []pricing.Stacking{pricing.Additive, pricing.Compounding} {
		q, err := withStacking(p, s)
		if err != nil {
			return err
		}
		r, err := check(q, same)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "     %-12s owner advantage %14s  (L·d_r = 1500.00 USD)\n", s, r.Advantage)
	}
	fmt.Fprintln(w, "     additive keeps the full L·d_r; compounding gives only L·d_r·(1 − 10 %)·(1 − 30 %).")

	compounding, err := withStacking(p, pricing.Compounding)
	if err != nil {
		return err
	}
	prot, err := compounding.Protection()
	if err != nil {
		return err
	}
	quote, err := prot.Policy().Quote(d.List, []pricing.Discount{tier, reg, special})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   The owner's waterfall under compounding, with the special price:")
	fmt.Fprintf(w, "     %-20s %8s %16s %16s\n", "step", "rate", "amount", "running net")
	fmt.Fprintf(w, "     %-20s %8s %16s %16s\n", "list", "", "", quote.List)
	for _, st := range quote.Steps {
		fmt.Fprintf(w, "     %-20s %8s %16s %16s\n", st.Name, st.Rate.FormatPercent(), st.Amount.Neg(), st.Net)
	}
	return nil
}

// check runs the protection check of p's protection part on one contest.
func check(p dealreg.Policy, c pricing.Contest) (pricing.ProtectionReport, error) {
	prot, err := p.Protection()
	if err != nil {
		return pricing.ProtectionReport{}, err
	}
	return prot.Check(c)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func dealregLifecycle(w io.Writer, p dealreg.Policy) error {
	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	deal := dealreg.Deal{
		Customer:     dealreg.Customer{Name: "Müller Logistik GmbH", Country: "DE"},
		ProductLines: []string{"storage"},
		Stage:        dealreg.Prospecting,
	}
	r, err := dealreg.New("R-100", dealreg.Registrant{ID: "P-SILVER", Tier: "silver"}, deal, dealreg.PartnerSourced, "", start)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   A registration's life (no SKU detail asked at prospecting):")
	steps := []struct {
		after time.Duration
		ev    dealreg.Event
	}{
		{2 * time.Hour, dealreg.Event{Kind: dealreg.Submit}},
		{20 * time.Hour, dealreg.Event{Kind: dealreg.StartReview}},
		{4 * time.Hour, dealreg.Event{Kind: dealreg.Approve}},
		{60 * 24 * time.Hour, dealreg.Event{Kind: dealreg.RequestExtension}},
		{24 * time.Hour, dealreg.Event{Kind: dealreg.GrantExtension}},
		{10 * 24 * time.Hour, dealreg.Event{Kind: dealreg.Win}},
	}
	at := start
	for _, s := range steps {
		at = at.Add(s.after)
		next, err := r.Apply(s.ev, at, p)
		if err != nil {
			fmt.Fprintf(w, "     %s  %-18s refused: %v\n", at.Format("2006-01-02 15:04"), s.ev.Kind, err)
			continue
		}
		r = next
		fmt.Fprintf(w, "     %s  %-18s → %-12s next: %v\n", at.Format("2006-01-02 15:04"), s.ev.Kind, r.State(), r.AllowedEvents(at, p))
	}
	end := r.ExpiresAt()
	fmt.Fprintf(w, "     protection ends %s (90 days + 30-day extension, exclusive):\n", end.Format(time.RFC3339))
	fmt.Fprintf(w, "       protected 1ns before: %v; at the instant: %v\n", r.Protected(end.Add(-time.Nanosecond)), r.Protected(end))
	commit := r.Deal()
	commit.Stage = dealreg.Commit
	commit.SKUs = []dealreg.SKULine{{SKU: "ST-4000-48T", Quantity: 4}}
	r, err = r.Apply(dealreg.Event{Kind: dealreg.Update, Deal: commit}, at, p)
	if err != nil {
		return err
	}
	r, err = r.Apply(dealreg.Event{Kind: dealreg.Win}, at, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "     with SKU detail at commit, win → %s\n", r.State())
	return nil
}

// dealregFuzzy shows two registrations of one customer spelt differently:
// exact keys miss them, fuzzy matching finds them and says why.
func dealregFuzzy(w io.Writer, p dealreg.Policy) error {
	spec := p.Spec()
	spec.Matching = dealreg.MatchSpec{Mode: dealreg.MatchFuzzy, Threshold: money.MustRate("0.9")}
	spec.OnApprovedConflict = dealreg.RefuseConflict
	fuzzy, err := dealreg.NewPolicy(spec)
	if err != nil {
		return err
	}
	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	register := func(id, partner string, c dealreg.Customer, at time.Time) (dealreg.Registration, error) {
		r, err := dealreg.New(id, dealreg.Registrant{ID: partner, Tier: "gold"},
			dealreg.Deal{Customer: c, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}, dealreg.PartnerSourced, "", at)
		for _, k := range []dealreg.EventKind{dealreg.Submit, dealreg.StartReview} {
			if err != nil {
				return r, err
			}
			r, err = r.Apply(dealreg.Event{Kind: k}, at, fuzzy)
		}
		return r, err
	}
	a := dealreg.Customer{Name: "Müller Logistik GmbH", Domain: "mail.mueller-logistik.de", Country: "Germany"}
	b := dealreg.Customer{Name: "Mueller Logistik", Domain: "https://www.mueller-logistik.de", Country: "DEU"}
	first, err := register("R-300", "P-NORD", a, start)
	if err != nil {
		return err
	}
	if first, err = first.Apply(dealreg.Event{Kind: dealreg.Approve}, start, fuzzy); err != nil {
		return err
	}
	second, err := register("R-301", "P-ELBE", b, start.Add(24*time.Hour))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   The same customer, spelt two ways by two partners:")
	fmt.Fprintf(w, "     R-300: %q, %s, %s\n", a.Name, a.Domain, a.Country)
	fmt.Fprintf(w, "     R-301: %q, %s, %s\n", b.Name, b.Domain, b.Country)
	at := start.Add(24 * time.Hour)
	exact, err := dealreg.NewIndex([]dealreg.Registration{first}, at)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "     exact keys: %d conflicts\n", len(exact.ConflictsWith(second)))
	idx, err := dealreg.NewMatchIndex([]dealreg.Registration{first}, at, fuzzy)
	if err != nil {
		return err
	}
	for _, c := range idx.ConflictsWith(second) {
		fmt.Fprintf(w, "     fuzzy (threshold 0.9): %s ~ %s, score %s, signals %v\n", c.A, c.B, c.Score.FormatFraction(), c.Signals)
	}
	_, err = second.Apply(dealreg.Event{Kind: dealreg.Approve, Conflicting: []dealreg.Registration{first}}, at, fuzzy)
	fmt.Fprintf(w, "     approving R-301 under \"refuse\": %v\n", err)
	return nil
}

func dealregLeads(w io.Writer, p dealreg.Policy) error {
	now := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	partners := []dealreg.PartnerProfile{
		{ID: "NOVA (new)", Segments: []string{"banking"}, Capabilities: []string{"managed-services"}, Capacity: 2, OnboardedAt: now.AddDate(0, -2, 0)},
		{ID: "ORBIT (top)", Segments: []string{"banking"}, Capabilities: []string{"managed-services"}, Capacity: 8, OpenLeads: 3, Conversion: money.MustRate("0.38"), OnboardedAt: now.AddDate(-5, 0, 0)},
		{ID: "PLAIN", Segments: []string{"banking"}, Capabilities: []string{"managed-services"}, Capacity: 8, Conversion: money.MustRate("0.08"), OnboardedAt: now.AddDate(-5, 0, 0)},
	}
	lead := dealreg.Lead{ID: "L-77", Customer: dealreg.Customer{Name: "Zurich Private Bank AG", Country: "CH"},
		Segment: "banking", Capabilities: []string{"managed-services"}, Source: "webinar: managed security",
		Context: []string{"downloaded the managed-services whitepaper", "visited pricing page twice"}, CreatedAt: now}
	fmt.Fprintln(w, "   Vendor-passed leads, routed selectively: new partners first, then high performers;")
	fmt.Fprintln(w, "   PLAIN (neither new nor converting 25 %) gets none.")
	a, err := dealreg.Route(lead, partners, nil, now, p.Leads())
	if err != nil {
		return err
	}
	l, err := dealreg.Assign(lead, a, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "     %s  assigned to %-12s (%s)\n", now.Format("01-02 15:04"), l.Partner, l.Class)
	silent := l.AcceptanceDue(p.Leads())
	fmt.Fprintf(w, "     %s  status: %s (no answer within 48h)\n", silent.Format("01-02 15:04"), l.StatusAt(silent, p.Leads()))
	l, err = l.Reassign(partners, silent, p.Leads())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "     %s  reassigned to %-12s (%s)\n", silent.Format("01-02 15:04"), l.Partner, l.Class)
	accepted := silent.Add(3 * time.Hour)
	l, err = l.Accept(accepted, p.Leads())
	if err != nil {
		return err
	}
	tte, _ := l.TimeToEngage()
	fmt.Fprintf(w, "     %s  accepted; time to engage %s\n", accepted.Format("01-02 15:04"), tte)
	r, err := dealreg.NewFromLead("R-200", dealreg.Registrant{ID: l.Partner, Tier: "gold"}, l,
		dealreg.Deal{ProductLines: []string{"managed-services"}, Stage: dealreg.Prospecting}, accepted.Add(time.Hour))
	if err != nil {
		return err
	}
	rate, err := r.DiscountRate(p)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "     registered as %s (source %s, lead %s), registration discount %s\n",
		r.ID(), r.Source(), r.LeadID(), rate)
	stats, err := dealreg.ComputeLeadStats([]dealreg.LeadRecord{l}, accepted.Add(time.Hour), p.Leads())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "     attempts %d, accepted %d, silent %d, acceptance rate %s; source kept: %q\n",
		stats.Attempts, stats.Accepted, stats.Silent, stats.AcceptanceRate, stats.BySource[0].Source)
	return nil
}

// withStacking returns p with another stacking policy: a compiled policy
// is changed through its open form, then compiled again.
func withStacking(p dealreg.Policy, s pricing.Stacking) (dealreg.Policy, error) {
	spec := p.Spec()
	spec.Pricing.Stacking = s
	return dealreg.NewPolicy(spec)
}
