package pricing_test

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// The classic stack of the examples: tier 10 %, registration 15 %,
// special pricing 20 %.
func exampleStack() []pricing.Discount {
	return []pricing.Discount{
		{Kind: pricing.TierDiscount, Name: "tier", Rate: money.MustRate("10%")},
		{Kind: pricing.RegistrationDiscount, Name: "registration", Rate: money.MustRate("15%")},
		{Kind: pricing.SpecialPricing, Name: "special", Rate: money.MustRate("20%")},
	}
}

func ExamplePolicy_Quote() {
	list := money.MustParse("10000.00 USD")
	for _, doc := range []string{
		`{"stacking": "additive", "rounding": "half-even"}`,
		`{"stacking": "compounding", "rounding": "half-even"}`,
		`{"stacking": "priority", "priority": ["registration", "special-pricing", "tier", "promotion"], "rounding": "half-even"}`,
		`{"stacking": "best-of", "rounding": "half-even"}`,
		`{"stacking": "capped-sum", "cap": "40%", "rounding": "half-even"}`,
	} {
		p := pricing.MustParsePolicy(doc)
		q, err := p.Quote(list, exampleStack())
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-12s net %s:", p.Stacking(), q.Net)
		for _, st := range q.Steps {
			fmt.Printf(" %s −%s", st.Name, money.FormatDecimal(st.Amount.Decimal(), 2))
		}
		fmt.Println()
	}
	// Additive: 10000·(1 − 0.45) = 5500. Compounding: 10000·0.9·0.85·0.8
	// = 6120 (steps 1000, 1350, 1530). Priority, registration first: 15 %
	// alone = 8500. Best-of: 20 % alone = 8000. Capped at 40 %: 10 + 15 +
	// 15 (special cut from 20) = 6000.
	// Output:
	// additive     net 5500.00 USD: tier −1000.00 registration −1500.00 special −2000.00
	// compounding  net 6120.00 USD: tier −1000.00 registration −1350.00 special −1530.00
	// priority     net 8500.00 USD: tier −0.00 registration −1500.00 special −0.00
	// best-of      net 8000.00 USD: tier −0.00 registration −0.00 special −2000.00
	// capped-sum   net 6000.00 USD: tier −1000.00 registration −1500.00 special −1500.00
}

func ExamplePolicy_QuoteWithCost() {
	p := pricing.MustParsePolicy(`{"stacking": "additive", "rounding": "half-even",
		"floor": {"kind": "margin", "rate": "30%", "action": "clamp"}}`)
	list := money.MustParse("10000.00 USD")
	// A margin floor needs the cost: Quote without it is an error, never a
	// zero cost.
	_, err := p.Quote(list, exampleStack())
	fmt.Println(p.NeedsCost(), err)
	// 45 % off gives 5500.00; a 30 % margin on a cost of 5000 needs
	// 5000/0.7 = 7142.857… rounded up to 7142.86: clamped, the floor step
	// adds back 7142.86 − 5500.00 = 1642.86.
	q, err := p.QuoteWithCost(list, money.MustParse("5000.00 USD"), exampleStack())
	last := q.Steps[len(q.Steps)-1]
	fmt.Println(q.Net, q.Clamped, last.Name, last.Amount, err)
	// Output:
	// true pricing: /cost: missing required value: a margin floor needs the cost
	// 7142.86 USD true floor -1642.86 USD <nil>
}

func ExampleQuote_Discount() {
	p := pricing.MustParsePolicy(`{"stacking": "compounding", "rounding": "half-even"}`)
	q, _ := p.Quote(money.MustParse("999.99 USD"), exampleStack()[:2])
	// 999.99 · 0.9 · 0.85 = 764.99235 → 764.99; discount 999.99 − 764.99.
	fmt.Println(q.ExactNet, q.Net, q.Discount())
	// Output: 764.992350 USD 764.99 USD 235.00 USD
}

func ExampleNewPolicy() {
	capped := money.MustRate("120%")
	_, err := pricing.NewPolicy(pricing.PolicySpec{Stacking: pricing.CappedSum, Cap: &capped})
	fmt.Println(err)
	// The zero floor is no floor; a floor rate without a kind is an error.
	p, err := pricing.NewPolicy(pricing.PolicySpec{Stacking: pricing.Additive, Rounding: money.HalfUp})
	fmt.Println(p.IsValid(), err)
	// Output:
	// pricing: /cap = "1.2": invalid value: must be in [0, 1]
	// pricing: /rounding: missing required value
	// true <nil>
}

func ExampleParsePolicy() {
	_, err := pricing.ParsePolicy([]byte(`{"stacking": "capped_sum", "rounding": "half-even"}`))
	fmt.Println(err)
	_, err = pricing.ParsePolicy([]byte(`{"stacking": "capped-sum", "rounding": "half-even"}`))
	fmt.Println(err, errors.Is(err, pricing.ErrMissing))
	// Output:
	// pricing: /stacking: invalid value: unknown stacking "capped_sum" (valid: additive, compounding, priority, best-of, capped-sum; did you mean "capped-sum"?)
	// pricing: /cap: missing required value: capped-sum needs a cap true
}

func ExampleMustParsePolicy() {
	p := pricing.MustParsePolicy(`{"stacking": "best-of", "rounding": "floor"}`)
	fmt.Println(p.Stacking(), p.Rounding(), p.NeedsCost())
	// Output: best-of floor false
}

func ExamplePolicy_MarshalJSON() {
	p := pricing.MustParsePolicy(`{"rounding": "half-even", "floor": {"kind": "share-of-list", "action": "error", "rate": "40%"}, "stacking": "additive"}`)
	b, _ := p.MarshalJSON()
	fmt.Println(string(b))
	// Output: {"stacking":"additive","floor":{"kind":"share-of-list","rate":"40%","action":"error"},"rounding":"half-even"}
}

func ExamplePolicy_Spec() {
	s := pricing.MustParsePolicy(`{"stacking": "capped-sum", "cap": "25%", "rounding": "half-even"}`).Spec()
	fmt.Println(s.Stacking, *s.Cap, s.Floor.IsZero())
	// Output: capped-sum 25% true
}

const exampleProtection = `{"min_advantage": "5%", "pricing": {"stacking": "additive", "rounding": "half-even"}}`

func ExampleProtection_Check() {
	p := pricing.MustParseProtection(exampleProtection)
	c := pricing.Contest{
		ID:   "D-1",
		List: money.MustParse("10000.00 USD"),
		Owner: pricing.Bid{Partner: "OWNER", Discounts: []pricing.Discount{
			{Kind: pricing.TierDiscount, Name: "tier", Rate: money.MustRate("10%")},
			{Kind: pricing.RegistrationDiscount, Name: "registration", Rate: money.MustRate("15%")}}},
		Competitors: []pricing.Bid{{Partner: "RIVAL", Discounts: []pricing.Discount{
			{Kind: pricing.TierDiscount, Name: "tier", Rate: money.MustRate("10%")},
			{Kind: pricing.SpecialPricing, Name: "special", Rate: money.MustRate("30%")}}}},
	}
	r, _ := p.Check(c)
	// Owner 10000·0.75 = 7500; rival 10000·0.6 = 6000; M = 500: the owner
	// must be at most 5500, violated by 2000. Special pricing of
	// (7500 − 5500)/10000 = 20 % restores it.
	fmt.Println(r.OwnerQuote.Net, r.CompetitorNet, r.Violated, r.Violation, r.BySpecialPricing)
	fmt.Println(r.Restore.Possible, r.Restore.Special, r.Restore.Quote.Net)
	// Output:
	// 7500.00 USD 6000.00 USD true 2000.00 USD true
	// true 20% 5500.00 USD
}

func ExampleProtection_CheckProgramme() {
	p := pricing.MustParseProtection(exampleProtection)
	bid := func(partner string, kind pricing.DiscountKind, rate string) pricing.Bid {
		return pricing.Bid{Partner: partner, Discounts: []pricing.Discount{{Kind: kind, Name: "d", Rate: money.MustRate(rate)}}}
	}
	contests := []pricing.Contest{
		{ID: "D-2", List: money.MustParse("1000.00 EUR"), Owner: bid("O", pricing.RegistrationDiscount, "15%"),
			Competitors: []pricing.Bid{bid("X", pricing.SpecialPricing, "5%")}}, // 850 vs 950 − 50: kept
		{ID: "D-1", List: money.MustParse("1000.00 EUR"), Owner: bid("O", pricing.RegistrationDiscount, "15%"),
			Competitors: []pricing.Bid{bid("X", pricing.SpecialPricing, "25%")}}, // 850 vs 750 − 50: violated by 150
	}
	r, _ := p.CheckProgramme(contests)
	fmt.Println(r.Violations, "of", r.Deals, r.Share, r.TotalViolation, r.Violated)
	// Without X's 25 % special price D-1 would be kept (1000 − 50 ≥ 850):
	// the special price nullified the registration.
	fmt.Println(r.BySpecialPricing, r.SpecialPricingShare)
	// Output:
	// 1 of 2 50% 150.00 EUR [D-1]
	// 1 50%
}

func ExampleNewProtection() {
	_, err := pricing.NewProtection(pricing.ProtectionSpec{Pricing: pricing.PolicySpec{Stacking: pricing.Compounding}})
	fmt.Println(err)
	// Output:
	// pricing: /min_advantage: missing required value
	// pricing: /pricing/rounding: missing required value
}

func ExampleParseProtection() {
	p, err := pricing.ParseProtection([]byte(exampleProtection))
	fmt.Println(p.MinAdvantage(), p.MinAdvantageFor(money.MustParse("2000.00 USD")), p.Policy().Stacking(), err)
	// Output: 5% 100.0000 USD additive <nil>
}

func ExampleInputError() {
	p := pricing.MustParseProtection(exampleProtection)
	_, err := p.Check(pricing.Contest{ID: "D-7", List: money.MustParse("100.00 USD"),
		Owner: pricing.Bid{Partner: "O"},
		Competitors: []pricing.Bid{{Partner: "X", Discounts: []pricing.Discount{
			{Kind: pricing.Promotion, Name: "promo", Rate: money.MustRate("150%")}}}}})
	// A host maps the error to a form field by its JSON Pointer.
	var fe interface{ FieldPath() string }
	fmt.Println(errors.As(err, &fe), fe.FieldPath())
	fmt.Println(err)
	// Output:
	// true /competitors/0/discounts/0/rate
	// pricing: deal "D-7" /competitors/0/discounts/0/rate = "1.5": invalid discount stack: rate outside [0, 1]
}

func ExampleRestoreReason_Sentence() {
	fmt.Println(pricing.ReasonAboveCap, "—", pricing.ReasonAboveCap.Sentence())
	// Output: above-cap — the needed discount exceeds the cap
}

func ExampleParseStacking() {
	s, err := pricing.ParseStacking("best-of")
	fmt.Println(s, err)
	_, err = pricing.ParseStacking("bestof")
	fmt.Println(err)
	// Output:
	// best-of <nil>
	// pricing: unknown stacking "bestof" (valid: additive, compounding, priority, best-of, capped-sum; did you mean "best-of"?)
}
