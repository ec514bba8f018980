package dealreg_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

var (
	amountType = reflect.TypeFor[money.Amount]()
	rateType   = reflect.TypeFor[money.Rate]()
	timeType   = reflect.TypeFor[time.Time]()
)

// deepCopy copies v, slices included, so that a mutation of the copy does
// not reach the original. Amounts, rates and times are immutable leaves.
func deepCopy(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch {
	case v.Type() == amountType || v.Type() == rateType || v.Type() == timeType:
		out.Set(v)
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
	case v.Kind() == reflect.Pointer && !v.IsNil():
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(deepCopy(v.Elem()))
		out.Set(p)
	case v.Kind() == reflect.Slice && !v.IsNil():
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			s.Index(i).Set(deepCopy(v.Index(i)))
		}
		out.Set(s)
	default:
		out.Set(v)
	}
	return out
}

// leaves calls f with the name of every leaf of v (exported fields,
// recursively through structs and the first element of slices, and the
// slices themselves, pointers and what they point to) and a function that changes that leaf in place.
func leaves(v reflect.Value, name string, f func(name string, change func())) {
	switch {
	case v.Type() == amountType:
		f(name, func() {
			a := v.Interface().(money.Amount)
			v.Set(reflect.ValueOf(money.New(a.Decimal().Add(decimal.New(1, -2)), a.Currency())))
		})
	case v.Type() == rateType:
		f(name, func() { v.Set(reflect.ValueOf(v.Interface().(money.Rate).Add(money.MustRate("1%")))) })
	case v.Type() == timeType:
		f(name, func() { v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Nanosecond))) })
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if sf := v.Type().Field(i); sf.IsExported() {
				leaves(v.Field(i), name+"."+sf.Name, f)
			}
		}
	case v.Kind() == reflect.Pointer:
		f(name+"=nil", func() { v.SetZero() })
		if !v.IsNil() {
			leaves(v.Elem(), "*"+name, f)
		}
	case v.Kind() == reflect.Slice:
		f(name+"[+]", func() { v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem())) })
		if v.Len() > 0 {
			leaves(v.Index(0), name+"[0]", f)
		}
	case v.Kind() == reflect.String:
		f(name, func() { v.SetString(v.String() + "x") })
	case v.Kind() == reflect.Bool:
		f(name, func() { v.SetBool(!v.Bool()) })
	case v.CanInt():
		f(name, func() { v.SetInt(v.Int() + 1) })
	case v.CanUint():
		f(name, func() { v.SetUint(v.Uint() + 1) })
	default:
		panic("unhandled leaf " + name + " of kind " + v.Kind().String())
	}
}

// checkEqual proves that base.Equal(base) holds and that changing any
// single leaf of base (every field, recursively) makes Equal false. base
// must have every leaf set, so that no change is from zero to zero.
func checkEqual[T interface{ Equal(T) bool }](t *testing.T, base T) {
	t.Helper()
	if !base.Equal(deepCopy(reflect.ValueOf(base)).Interface().(T)) {
		t.Fatalf("%T: a copy is not Equal", base)
	}
	n := 0
	leaves(reflect.ValueOf(&base).Elem(), reflect.TypeFor[T]().Name(), func(name string, _ func()) {
		changed := deepCopy(reflect.ValueOf(base))
		ptr := reflect.New(changed.Type())
		ptr.Elem().Set(changed)
		leaves(ptr.Elem(), reflect.TypeFor[T]().Name(), func(other string, change func()) {
			if other == name {
				change()
			}
		})
		n++
		if base.Equal(ptr.Elem().Interface().(T)) || ptr.Elem().Interface().(T).Equal(base) {
			t.Errorf("%s changed, still Equal", name)
		}
	})
	if n == 0 {
		t.Fatalf("%T has no leaves", base)
	}
}

// TestEqualMethods: for every hand-written Equal method, a change of any
// field makes it false. No field is deliberately ignored.
func TestEqualMethods(t *testing.T) {
	usd := func(s string) money.Amount { return money.MustParse(s + " USD") }
	rate := money.MustRate
	deal := dealreg.Deal{
		Customer: dealreg.Customer{Name: "Acme", Domain: "acme.com", Country: "US"}, Contact: "Jo",
		ProductLines: []string{"storage"}, Size: usd("100"), Stage: dealreg.Proposal, ExpectedClose: t0,
		SKUs: []dealreg.SKULine{{SKU: "A", Quantity: 2}},
	}
	cap, floorRate := rate("40%"), rate("20%")
	pricingSpec := pricing.PolicySpec{Stacking: pricing.Priority, Cap: &cap, Priority: []pricing.DiscountKind{pricing.TierDiscount},
		Floor: pricing.FloorSpec{Kind: pricing.FloorMargin, Rate: &floorRate, Action: pricing.FloorClamp}, Rounding: money.HalfUp}
	routing := dealreg.RoutingPolicy{AcceptanceSLA: time.Hour, NewPartnerWindow: 2 * time.Hour, HighPerformerConversion: rate("25%"),
		Order: []dealreg.RouteClass{dealreg.NewPartner}, MaxReassignments: 2}
	t.Run("RoutingPolicy", func(t *testing.T) { checkEqual(t, routing) })
	t.Run("EligibilityRule", func(t *testing.T) {
		checkEqual(t, dealreg.EligibilityRule{ProductLine: "storage", MinTier: "gold", Certifications: []string{"c"}})
	})
	t.Run("FieldRequirement", func(t *testing.T) {
		checkEqual(t, dealreg.FieldRequirement{Stage: dealreg.Commit, Fields: []dealreg.Field{dealreg.FieldSKUs}})
	})
	t.Run("PolicySpec", func(t *testing.T) {
		checkEqual(t, dealreg.PolicySpec{
			Window: time.Hour, MaxExtensions: 1, ExtensionLength: time.Minute, MinDealSize: usd("5"), ApprovalSLA: time.Second,
			Tiers:        []string{"gold"},
			Eligibility:  []dealreg.EligibilityRule{{ProductLine: "storage", MinTier: "gold", Certifications: []string{"c"}}},
			Requirements: []dealreg.FieldRequirement{{Stage: dealreg.Commit, Fields: []dealreg.Field{dealreg.FieldSKUs}}},
			ConflictRule: dealreg.TierOrder, SecondaryShare: rate("50%"), ExcludeDirectActive: true, ExcludeExistingCustomers: true,
			RegistrationDiscount: rate("15%"), VendorLeadsRegistrable: true, MinAdvantage: rate("5%"), Pricing: pricingSpec, Leads: routing,
			Matching: dealreg.MatchSpec{Mode: dealreg.MatchFuzzy, Threshold: rate("0.9")}, OnApprovedConflict: dealreg.ReviewConflict,
		})
	})
	t.Run("Registrant", func(t *testing.T) {
		checkEqual(t, dealreg.Registrant{ID: "P", Tier: "gold", Certifications: []string{"c"}})
	})
	t.Run("Deal", func(t *testing.T) { checkEqual(t, deal) })
	t.Run("RegistrationRecord", func(t *testing.T) {
		checkEqual(t, dealreg.RegistrationRecord{
			ID: "R", Registrant: dealreg.Registrant{ID: "P", Tier: "gold", Certifications: []string{"c"}}, Deal: deal,
			Source: dealreg.VendorLead, LeadID: "L", LeadSource: "web", State: dealreg.Approved,
			CreatedAt: t0, LastEventAt: t0.Add(1), SubmittedAt: t0.Add(2), StageAtSubmission: dealreg.Qualification,
			ReviewStartedAt: t0.Add(3), DecidedAt: t0.Add(4), ExpiresAt: t0.Add(5), ExtensionsGranted: 1,
			ExtensionPending: true, Reason: "r", ClosedAt: t0.Add(6), SecondaryTo: "S",
		})
	})
	t.Run("Conflict", func(t *testing.T) {
		checkEqual(t, dealreg.Conflict{A: "A", B: "B", SameName: true, SameDomain: true, ProductLines: []string{"s"}, From: t0, Until: t0.Add(1),
			Score: rate("0.95"), Signals: []dealreg.Signal{dealreg.SignalSimilarName}})
	})
	t.Run("Resolution", func(t *testing.T) {
		checkEqual(t, dealreg.Resolution{ID: "R", Role: dealreg.Secondary, Owner: "O", ConflictsWith: []string{"O"},
			Share: rate("50%"), Discount: rate("7.5%"), Reason: dealreg.LostToOwner})
	})
	t.Run("LeadRecord", func(t *testing.T) {
		checkEqual(t, dealreg.LeadRecord{
			Lead: dealreg.Lead{ID: "L", Customer: dealreg.Customer{Name: "n", Domain: "d", Country: "c"}, Segment: "s",
				Capabilities: []string{"c"}, Source: "web", Context: []string{"x"}, CreatedAt: t0},
			Partner: "P", Class: dealreg.NewPartner, Status: dealreg.LeadAccepted, AssignedAt: t0, RespondedAt: t0.Add(1),
			Reason: "r", Reassignments: 1,
			History: []dealreg.LeadAttempt{{Partner: "Q", Class: dealreg.HighPerformer, AssignedAt: t0, Outcome: dealreg.LeadSilent, EndedAt: t0.Add(1), Reason: "r"}},
		})
	})

	// Policy and Registration hide their fields: Equal compares the open
	// forms, and for a Policy the parts it has.
	p := loadPolicy(t)
	if !p.Equal(dealreg.MustNewPolicy(p.Spec())) {
		t.Error("a policy is not Equal to its recompiled spec")
	}
	if p.Equal(with(p, func(s *dealreg.PolicySpec) { s.Window++ })) {
		t.Error("Policy.Equal ignores the spec")
	}
	protection := dealreg.MustNewPolicy(dealreg.PolicySpec{MinAdvantage: rate("5%"), Pricing: p.Spec().Pricing,
		RegistrationDiscount: p.RegistrationDiscount(), VendorLeadsRegistrable: true})
	if protection.Equal(dealreg.MustParsePolicy(`{"registration_discount": "15%", "vendor_leads_registrable": true, "min_advantage": "5%",
		"pricing": {"stacking": "additive", "floor": {"kind": "share-of-list", "rate": "30%", "action": "error"}, "rounding": "half-even"},
		"secondary_share": "0", "exclude_direct_active": false, "exclude_existing_customers": false, "conflict_rule": "first-submission"}`)) {
		t.Error("Policy.Equal ignores the parts")
	}
	r := draft(t)
	if r2, _ := apply(t, r, p, ev(dealreg.Submit)); r.Equal(r2) || !r.Equal(r) {
		t.Error("Registration.Equal does not compare its record")
	}
}

// The matching types' Equal methods, field by field (equaltest: a new
// field fails the test until it says how Equal treats it).
func TestMatchEqual(t *testing.T) {
	rate := money.MustRate
	equaltest.Check(t, dealreg.MatchSpec{Mode: dealreg.MatchFuzzy, Threshold: rate("0.9")}, []equaltest.Field[dealreg.MatchSpec]{
		{Name: "Mode", Change: func(m dealreg.MatchSpec) dealreg.MatchSpec { m.Mode = dealreg.MatchExact; return m }},
		{Name: "Threshold", Change: func(m dealreg.MatchSpec) dealreg.MatchSpec { m.Threshold = rate("0.91"); return m }},
		// 0.9 and 0.90 are one threshold: a change of representation.
		{Name: "Threshold", KeepsEqual: true, Change: func(m dealreg.MatchSpec) dealreg.MatchSpec { m.Threshold = rate("0.90"); return m }},
	})
	base := dealreg.CustomerMatch{Same: true, Score: rate("0.95"), Signals: []dealreg.Signal{dealreg.SignalSimilarName, dealreg.SignalSameCountry}}
	equaltest.Check(t, base, []equaltest.Field[dealreg.CustomerMatch]{
		{Name: "Same", Change: func(m dealreg.CustomerMatch) dealreg.CustomerMatch { m.Same = false; return m }},
		{Name: "Score", Change: func(m dealreg.CustomerMatch) dealreg.CustomerMatch { m.Score = rate("0.9501"); return m }},
		{Name: "Score", KeepsEqual: true, Change: func(m dealreg.CustomerMatch) dealreg.CustomerMatch { m.Score = rate("0.9500"); return m }},
		{Name: "Signals", Change: func(m dealreg.CustomerMatch) dealreg.CustomerMatch {
			m.Signals = []dealreg.Signal{dealreg.SignalSimilarName, dealreg.SignalCountryMissing}
			return m
		}},
		{Name: "Signals", Change: func(m dealreg.CustomerMatch) dealreg.CustomerMatch {
			m.Signals = []dealreg.Signal{dealreg.SignalSameCountry, dealreg.SignalSimilarName}
			return m
		}},
		{Name: "Signals", Change: func(m dealreg.CustomerMatch) dealreg.CustomerMatch { m.Signals = m.Signals[:1]; return m }},
	})
	c := dealreg.Conflict{A: "A", B: "B", SameName: true, SameDomain: true, ProductLines: []string{"s"}, From: t0, Until: t0.Add(1),
		Score: rate("0.95"), Signals: []dealreg.Signal{dealreg.SignalSimilarName, dealreg.SignalProductLines}}
	type cf = equaltest.Field[dealreg.Conflict]
	equaltest.Check(t, c, []cf{
		{Name: "A", Change: func(c dealreg.Conflict) dealreg.Conflict { c.A = "A2"; return c }},
		{Name: "B", Change: func(c dealreg.Conflict) dealreg.Conflict { c.B = "B2"; return c }},
		{Name: "SameName", Change: func(c dealreg.Conflict) dealreg.Conflict { c.SameName = false; return c }},
		{Name: "SameDomain", Change: func(c dealreg.Conflict) dealreg.Conflict { c.SameDomain = false; return c }},
		{Name: "ProductLines", Change: func(c dealreg.Conflict) dealreg.Conflict { c.ProductLines = []string{"s", "t"}; return c }},
		{Name: "Score", Change: func(c dealreg.Conflict) dealreg.Conflict { c.Score = rate("1"); return c }},
		{Name: "Score", KeepsEqual: true, Change: func(c dealreg.Conflict) dealreg.Conflict { c.Score = rate("0.950"); return c }},
		{Name: "Signals", Change: func(c dealreg.Conflict) dealreg.Conflict { c.Signals = c.Signals[1:]; return c }},
		{Name: "From", Change: func(c dealreg.Conflict) dealreg.Conflict { c.From = c.From.Add(1); return c }},
		// The same instant in another zone is the same time.
		{Name: "From", KeepsEqual: true, Change: func(c dealreg.Conflict) dealreg.Conflict { c.From = c.From.In(time.FixedZone("X", 3600)); return c }},
		{Name: "Until", Change: func(c dealreg.Conflict) dealreg.Conflict { c.Until = time.Time{}; return c }},
	})
}
