package pricing_test

import (
	"reflect"
	"testing"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// checkEqual proves that changing any field of base makes Equal false:
// there must be one mutation per field (by name), each must break
// equality, and base must equal itself and a numerically equal copy.
func checkEqual[T interface{ Equal(T) bool }](t *testing.T, base, rescaled T, muts map[string]func(*T)) {
	t.Helper()
	if !base.Equal(base) || !base.Equal(rescaled) || !rescaled.Equal(base) {
		t.Fatalf("%T: not equal to itself or to its rescaled copy", base)
	}
	typ := reflect.TypeOf(base)
	for i := range typ.NumField() {
		if _, ok := muts[typ.Field(i).Name]; !ok {
			t.Errorf("%T: no mutation for field %s", base, typ.Field(i).Name)
		}
	}
	for name, mut := range muts {
		c := base
		mut(&c)
		if base.Equal(c) || c.Equal(base) {
			t.Errorf("%T: changing %s keeps Equal true", base, name)
		}
	}
}

func TestEqualMethods(t *testing.T) {
	usd := func(s string) money.Amount { return money.MustParse(s + " USD") }
	q, err := policy(t, withFloor(spec(pricing.Additive), pricing.FloorShareOfList, "0.8", pricing.FloorClamp)).
		Quote(usd("100.00"), []pricing.Discount{disc(pricing.TierDiscount, "t", "0.3")})
	if err != nil {
		t.Fatal(err)
	}
	step := q.Steps[0]
	t.Run("Discount", func(t *testing.T) {
		d := disc(pricing.TierDiscount, "t", "0.1")
		checkEqual(t, d, disc(pricing.TierDiscount, "t", "0.100"), map[string]func(*pricing.Discount){
			"Kind": func(d *pricing.Discount) { d.Kind = pricing.Promotion },
			"Name": func(d *pricing.Discount) { d.Name = "u" },
			"Rate": func(d *pricing.Discount) { d.Rate = money.MustRate("0.2") },
		})
	})
	t.Run("Step", func(t *testing.T) {
		re := step
		re.Net = money.MustParse("70.0000 USD")
		checkEqual(t, step, re, map[string]func(*pricing.Step){
			"Name":    func(s *pricing.Step) { s.Name = "x" },
			"Kind":    func(s *pricing.Step) { s.Kind = pricing.Promotion },
			"Floor":   func(s *pricing.Step) { s.Floor = true },
			"Offered": func(s *pricing.Step) { s.Offered = money.MustRate("0.5") },
			"Rate":    func(s *pricing.Step) { s.Rate = money.MustRate("0.5") },
			"Applied": func(s *pricing.Step) { s.Applied = false },
			"Exact":   func(s *pricing.Step) { s.Exact = usd("1") },
			"Amount":  func(s *pricing.Step) { s.Amount = money.Amount{} },
			"Net":     func(s *pricing.Step) { s.Net = money.MustParse("70.00 EUR") },
		})
	})
	t.Run("Quote", func(t *testing.T) {
		re := q
		re.List = money.MustParse("100.000 USD")
		checkEqual(t, q, re, map[string]func(*pricing.Quote){
			"Stacking": func(x *pricing.Quote) { x.Stacking = pricing.BestOf },
			"List":     func(x *pricing.Quote) { x.List = usd("101") },
			"ExactNet": func(x *pricing.Quote) { x.ExactNet = usd("1") },
			"Net":      func(x *pricing.Quote) { x.Net = usd("1") },
			"Steps":    func(x *pricing.Quote) { x.Steps = x.Steps[:1] },
			"Clamped":  func(x *pricing.Quote) { x.Clamped = !x.Clamped },
		})
	})
	t.Run("FloorSpec", func(t *testing.T) {
		f := pricing.FloorSpec{Kind: pricing.FloorMargin, Rate: ratePtr("0.2"), Action: pricing.FloorError}
		checkEqual(t, f, pricing.FloorSpec{Kind: pricing.FloorMargin, Rate: ratePtr("20%"), Action: pricing.FloorError}, map[string]func(*pricing.FloorSpec){
			"Kind":   func(f *pricing.FloorSpec) { f.Kind = pricing.FloorShareOfList },
			"Rate":   func(f *pricing.FloorSpec) { f.Rate = nil },
			"Action": func(f *pricing.FloorSpec) { f.Action = pricing.FloorClamp },
		})
	})
	full := withFloor(spec(pricing.CappedSum), pricing.FloorMargin, "0.2", pricing.FloorError)
	full.Priority = []pricing.DiscountKind{pricing.TierDiscount}
	t.Run("PolicySpec", func(t *testing.T) {
		re := full
		re.Cap = ratePtr("40%")
		checkEqual(t, full, re, map[string]func(*pricing.PolicySpec){
			"Stacking": func(s *pricing.PolicySpec) { s.Stacking = pricing.Additive },
			"Cap":      func(s *pricing.PolicySpec) { s.Cap = ratePtr("0.41") },
			"Priority": func(s *pricing.PolicySpec) { s.Priority = nil },
			"Floor":    func(s *pricing.PolicySpec) { s.Floor = pricing.FloorSpec{} },
			"Rounding": func(s *pricing.PolicySpec) { s.Rounding = money.HalfUp },
		})
	})
	t.Run("ProtectionSpec", func(t *testing.T) {
		ps := protectionSpec(pricing.Additive)
		checkEqual(t, ps, pricing.ProtectionSpec{MinAdvantage: ratePtr("5%"), Pricing: spec(pricing.Additive)}, map[string]func(*pricing.ProtectionSpec){
			"MinAdvantage": func(s *pricing.ProtectionSpec) { s.MinAdvantage = nil },
			"Pricing":      func(s *pricing.ProtectionSpec) { s.Pricing.Rounding = money.Floor },
		})
	})
	// Policy and Protection compare their specifications (tested above);
	// a compiled value differs from the zero value and from another spec.
	p1, p2 := policy(t, spec(pricing.Additive)), policy(t, spec(pricing.Compounding))
	if !p1.Equal(policy(t, spec(pricing.Additive))) || p1.Equal(p2) || p1.Equal(pricing.Policy{}) {
		t.Error("Policy.Equal")
	}
	r1 := protection(t, protectionSpec(pricing.Additive))
	if !r1.Equal(protection(t, protectionSpec(pricing.Additive))) || r1.Equal(protection(t, protectionSpec(pricing.BestOf))) || r1.Equal(pricing.Protection{}) {
		t.Error("Protection.Equal")
	}
	c := classicContest()
	t.Run("Bid", func(t *testing.T) {
		re := c.Owner
		re.Discounts = append([]pricing.Discount(nil), re.Discounts...)
		re.Discounts[0].Rate = money.MustRate("10%")
		checkEqual(t, c.Owner, re, map[string]func(*pricing.Bid){
			"Partner":   func(b *pricing.Bid) { b.Partner = "X" },
			"Discounts": func(b *pricing.Bid) { b.Discounts = nil },
		})
	})
	t.Run("Contest", func(t *testing.T) {
		re := c
		re.List = money.MustParse("10000 USD")
		checkEqual(t, c, re, map[string]func(*pricing.Contest){
			"ID":          func(x *pricing.Contest) { x.ID = "D-2" },
			"List":        func(x *pricing.Contest) { x.List = usd("1") },
			"Cost":        func(x *pricing.Contest) { x.Cost = usd("0") },
			"Owner":       func(x *pricing.Contest) { x.Owner.Partner = "X" },
			"Competitors": func(x *pricing.Contest) { x.Competitors = x.Competitors[:1] },
		})
	})
	rep, err := protection(t, protectionSpec(pricing.Additive)).Check(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Restore", func(t *testing.T) {
		re := rep.Restore
		re.Special = money.MustRate("20%")
		checkEqual(t, rep.Restore, re, map[string]func(*pricing.Restore){
			"Possible": func(r *pricing.Restore) { r.Possible = false },
			"Special":  func(r *pricing.Restore) { r.Special = money.MustRate("0.3") },
			"Quote":    func(r *pricing.Restore) { r.Quote = pricing.Quote{} },
			"Reason":   func(r *pricing.Restore) { r.Reason = pricing.ReasonAboveCap },
			"Blocking": func(r *pricing.Restore) { r.Blocking = "tier" },
		})
	})
	t.Run("ProtectionReport", func(t *testing.T) {
		re := rep
		re.MinAdvantage = money.MustParse("500.000 USD")
		checkEqual(t, rep, re, map[string]func(*pricing.ProtectionReport){
			"Deal":             func(r *pricing.ProtectionReport) { r.Deal = "x" },
			"OwnerQuote":       func(r *pricing.ProtectionReport) { r.OwnerQuote = pricing.Quote{} },
			"BestCompetitor":   func(r *pricing.ProtectionReport) { r.BestCompetitor = "x" },
			"CompetitorNet":    func(r *pricing.ProtectionReport) { r.CompetitorNet = usd("1") },
			"MinAdvantage":     func(r *pricing.ProtectionReport) { r.MinAdvantage = usd("1") },
			"Advantage":        func(r *pricing.ProtectionReport) { r.Advantage = usd("1") },
			"Violated":         func(r *pricing.ProtectionReport) { r.Violated = false },
			"Violation":        func(r *pricing.ProtectionReport) { r.Violation = usd("1") },
			"BySpecialPricing": func(r *pricing.ProtectionReport) { r.BySpecialPricing = false },
			"Restore":          func(r *pricing.ProtectionReport) { r.Restore = pricing.Restore{} },
		})
	})
	prog, err := protection(t, protectionSpec(pricing.Additive)).CheckProgramme([]pricing.Contest{c})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ProgrammeReport", func(t *testing.T) {
		re := prog
		re.TotalViolation = money.MustParse("2000 USD")
		checkEqual(t, prog, re, map[string]func(*pricing.ProgrammeReport){
			"Deals":               func(r *pricing.ProgrammeReport) { r.Deals = 2 },
			"Violations":          func(r *pricing.ProgrammeReport) { r.Violations = 0 },
			"Share":               func(r *pricing.ProgrammeReport) { r.Share = money.MustRate("0.5") },
			"BySpecialPricing":    func(r *pricing.ProgrammeReport) { r.BySpecialPricing = 0 },
			"SpecialPricingShare": func(r *pricing.ProgrammeReport) { r.SpecialPricingShare = money.MustRate("0.5") },
			"TotalViolation":      func(r *pricing.ProgrammeReport) { r.TotalViolation = usd("1") },
			"Violated":            func(r *pricing.ProgrammeReport) { r.Violated = nil },
			"Reports":             func(r *pricing.ProgrammeReport) { r.Reports = nil },
		})
	})
}
