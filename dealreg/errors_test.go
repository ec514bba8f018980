package dealreg_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// errorCases returns one error from every decoder and validator of the
// package, by name.
func errorCases(t *testing.T) map[string]error {
	t.Helper()
	p := loadPolicy(t)
	base, err := os.ReadFile("testdata/policy.json")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(base)
	parse := func(s string) error { _, err := dealreg.ParsePolicy([]byte(s)); return err }
	second := func(_ any, err error) error { return err }
	respec := func(f func(*dealreg.PolicySpec)) error {
		s := p.Spec()
		f(&s)
		_, err := dealreg.NewPolicy(s)
		return err
	}
	r := draft(t)
	under, _ := apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview))
	approved := openReg("R-A", "P1", "gold", "Acme", "", "US", 0, "storage")
	rec := approved.Record()
	rec.ExpiresAt = rec.ExpiresAt.Add(time.Hour)
	rec.ReviewStartedAt = rec.SubmittedAt.Add(-time.Hour)
	won := dealreg.DealOutcome{ID: "D1", Registered: true, Won: true, List: money.MustParse("50000 USD"),
		RegistrationDiscount: money.MustRate("0.15")}
	lead := dealreg.Lead{ID: "L-1", Source: "web"}
	l, err := dealreg.Assign(lead, dealreg.Assignment{Partner: "A", Class: dealreg.NewPartner}, t0)
	if err != nil {
		t.Fatal(err)
	}
	var d dealreg.Duration
	var deal dealreg.Deal
	return map[string]error{
		"policy unknown member":      parse(strings.Replace(doc, `"window"`, `"windows"`, 1)),
		"policy bad enum":            parse(strings.Replace(doc, `"additive"`, `"Additive"`, 1)),
		"policy bad duration":        parse(strings.Replace(doc, `"90d"`, `"ninety days"`, 1)),
		"policy null":                parse(`null`),
		"policy missing members":     parse(strings.Replace(doc, `"registration_discount": "15%",`, ``, 1)),
		"policy invalid member":      parse(strings.Replace(doc, `"max": 2`, `"max": 99`, 1)),
		"policy empty":               parse(`{}`),
		"policy tier order no tiers": parse(`{"conflict_rule": "tier-order", "secondary_share": "0", "exclude_direct_active": false, "exclude_existing_customers": false}`),
		"spec reports all": second(dealreg.NewPolicy(dealreg.PolicySpec{Window: -1, Tiers: []string{"a", "a"},
			Eligibility:  []dealreg.EligibilityRule{{ProductLine: "", MinTier: "b", Certifications: []string{""}}},
			Requirements: []dealreg.FieldRequirement{{Stage: 9, Fields: []dealreg.Field{0}}}, SecondaryShare: money.MustRate("2"),
			Pricing: pricing.PolicySpec{Stacking: pricing.CappedSum, Cap: ratePtr("2"), Floor: pricing.FloorSpec{Kind: pricing.FloorMargin, Rate: ratePtr("1")}},
			Leads:   dealreg.RoutingPolicy{AcceptanceSLA: -1, Order: []dealreg.RouteClass{0}, MaxReassignments: -1}})),
		"duration":           d.UnmarshalText([]byte("1.5d")),
		"protection pricing": second(dealreg.NewPolicy(dealreg.PolicySpec{MinAdvantage: money.MustRate("2"), Pricing: pricing.PolicySpec{Priority: []pricing.DiscountKind{1}}})),
		"routing validate":   dealreg.RoutingPolicy{}.Validate(),
		"new":                second(dealreg.New("", dealreg.Registrant{}, dealreg.Deal{}, dealreg.VendorLead, "", t0)),
		"new bad source":     second(dealreg.New("R", dealreg.Registrant{ID: "P"}, dealreg.Deal{}, dealreg.PartnerSourced, "L", t0)),
		"restore":            second(dealreg.RestoreRegistration(rec, p)),
		"restore state":      second(dealreg.RestoreRegistration(dealreg.RegistrationRecord{ID: "R", Registrant: dealreg.Registrant{ID: "P"}, Source: dealreg.PartnerSourced}, p)),
		"restore no part":    second(dealreg.RestoreRegistration(rec, dealreg.Policy{})),
		"check deal":         p.CheckDeal(dealreg.Deal{Size: money.MustParse("-1 USD"), ProductLines: []string{" "}, SKUs: []dealreg.SKULine{{}, {SKU: "x"}}}),
		"check submission":   p.CheckSubmission(silver, dealreg.Deal{Stage: dealreg.Prospecting, Size: money.MustParse("1 EUR")}),
		"eligibility":        p.CheckSubmission(dealreg.Registrant{ID: "P", Tier: "registered"}, dealreg.Deal{Customer: dealreg.Customer{Name: "A", Country: "DE"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting, Size: money.MustParse("20000 USD")}),
		"apply reject":       second(under.Apply(ev(dealreg.Reject), t0.Add(5*time.Hour), p)),
		"apply submit":       second(r.Apply(dealreg.Event{Kind: dealreg.Update, Deal: dealreg.Deal{}}, t0, protectionOnly())),
		"deal json":          deal.UnmarshalJSON([]byte(`{"size": 5}`)),
		"find conflicts":     second(dealreg.FindConflicts([]dealreg.Registration{approved, approved}, t0)),
		"find conflicts id":  second(dealreg.FindConflicts([]dealreg.Registration{{}}, t0)),
		"resolve":            second(dealreg.Resolve(nil, dealreg.Exclusions{}, t0, protectionOnly())),
		"metrics early":      second(dealreg.ComputeMetrics(nil, nil, 0, p)),
		"metrics outcomes":   second(dealreg.ComputeMetrics(nil, []dealreg.DealOutcome{won, {List: money.MustParse("-1 USD")}}, dealreg.Commit, p)),
		"route":              second(dealreg.Route(lead, []dealreg.PartnerProfile{{Capacity: -1, OpenLeads: -1, Conversion: money.MustRate("2")}, {ID: "A"}, {ID: "A"}}, nil, t0, p.Leads())),
		"assign":             second(dealreg.Assign(dealreg.Lead{}, dealreg.Assignment{}, t0)),
		"lead reject":        second(l.Reject("", t0, p.Leads())),
		"lead stats":         second(dealreg.ComputeLeadStats([]dealreg.LeadRecord{{}}, t0, p.Leads())),
		"protection no part": second(windowPolicy(time.Hour).Protection()),
		"country":            second(dealreg.NormaliseCountry("Germny")),
		"check deal country": fuzzyPolicy("0.9", dealreg.RefuseConflict).CheckDeal(dealreg.Deal{Customer: dealreg.Customer{Name: "A", Country: "Atlantis"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}),
		"matching threshold": respec(func(s *dealreg.PolicySpec) {
			s.Matching = dealreg.MatchSpec{Mode: dealreg.MatchFuzzy, Threshold: money.MustRate("1.5")}
		}),
		"matching exact threshold": respec(func(s *dealreg.PolicySpec) {
			s.Matching = dealreg.MatchSpec{Mode: dealreg.MatchExact, Threshold: money.MustRate("0.5")}
		}),
		"matching no mode": respec(func(s *dealreg.PolicySpec) {
			s.Matching = dealreg.MatchSpec{Threshold: money.MustRate("0.5")}
		}),
		"matching json mode":      parse(strings.Replace(doc, `"conflict_rule"`, `"matching": {"mode": "Fuzzy", "threshold": "90%"}, "conflict_rule"`, 1)),
		"matching json threshold": parse(strings.Replace(doc, `"conflict_rule"`, `"matching": {"mode": "fuzzy"}, "conflict_rule"`, 1)),
		"on approved conflict": respec(func(s *dealreg.PolicySpec) {
			s.OnApprovedConflict = dealreg.ConflictAction(9)
		}),
	}
}

// conflictErrorCase returns the error of an approval refused because of a
// conflict: it names registrations, not a field of the input, so it has
// no FieldPath.
func conflictErrorCase(t *testing.T) error {
	t.Helper()
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	other := openRegUnder(p, "R-0", "P0", "gold", "Acme GmbH", "", "DE", 0, "storage")
	r, err := dealreg.New("R-1", silver, earlyDeal(), dealreg.PartnerSourced, "", t0)
	if err != nil {
		t.Fatal(err)
	}
	r, _ = apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview))
	_, err = r.Apply(dealreg.Event{Kind: dealreg.Approve, Conflicting: []dealreg.Registration{other}}, t0.Add(5*time.Hour), p)
	return err
}

// Every error case of the package names a field: errors.As finds a
// FieldPath, and every FieldPath in the error tree (and every decoder
// path) is a syntactically valid JSON Pointer.
func TestErrorPathsAreJSONPointers(t *testing.T) {
	for name, err := range errorCases(t) {
		t.Run(name, func(t *testing.T) {
			if err == nil {
				t.Fatal("no error")
			}
			var fp interface{ FieldPath() string }
			if !errors.As(err, &fp) {
				t.Fatalf("no FieldPath in %v", err)
			}
			n := 0
			walk(err, func(e error) {
				x, ok := e.(interface{ FieldPath() string })
				if !ok {
					return
				}
				path := x.FieldPath()
				n++
				if !field.Valid(path) {
					t.Errorf("%q is not a JSON Pointer (in %v)", path, e)
				}
			})
			if n == 0 {
				t.Fatalf("walk found no path in %v", err)
			}
			if !hasPrefix(err) {
				t.Errorf("message without package prefix: %v", err)
			}
		})
	}
}

// The conflict refusal has no field to name; every path in its tree (if
// any) is still a JSON Pointer, it matches its sentinel and carries the
// package prefix.
func TestConflictErrorWalk(t *testing.T) {
	err := conflictErrorCase(t)
	var ce *dealreg.ConflictError
	if !errors.As(err, &ce) || !errors.Is(err, dealreg.ErrConflict) {
		t.Fatalf("not a conflict refusal: %v", err)
	}
	walk(err, func(e error) {
		if x, ok := e.(interface{ FieldPath() string }); ok && !field.Valid(x.FieldPath()) {
			t.Errorf("%q is not a JSON Pointer (in %v)", x.FieldPath(), e)
		}
	})
	if !hasPrefix(err) {
		t.Errorf("message without package prefix: %v", err)
	}
}

// walk calls f on every error of err's tree.
func walk(err error, f func(error)) {
	if err == nil {
		return
	}
	f(err)
	switch x := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range x.Unwrap() {
			walk(e, f)
		}
	case interface{ Unwrap() error }:
		walk(x.Unwrap(), f)
	}
}
