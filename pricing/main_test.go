package pricing_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

func TestMain(m *testing.M) { proptest.Main(m) }

func ratePtr(s string) *money.Rate {
	r := money.MustRate(s)
	return &r
}

// spec returns a policy specification for s with no floor and half-even
// rounding: a 40 % cap under capped-sum, the order special > registration
// > tier > promotion under priority.
func spec(s pricing.Stacking) pricing.PolicySpec {
	ps := pricing.PolicySpec{Stacking: s, Rounding: money.HalfEven}
	switch s {
	case pricing.CappedSum:
		ps.Cap = ratePtr("0.40")
	case pricing.Priority:
		ps.Priority = []pricing.DiscountKind{pricing.SpecialPricing, pricing.RegistrationDiscount, pricing.TierDiscount, pricing.Promotion}
	}
	return ps
}

// fataler is what policy needs of a *testing.T or *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

// must returns v, failing t on err.
func must[T any](t fataler, v T, err error) T {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func policy(t fataler, ps pricing.PolicySpec) pricing.Policy {
	t.Helper()
	p, err := pricing.NewPolicy(ps)
	return must(t, p, err)
}

func withFloor(ps pricing.PolicySpec, k pricing.FloorKind, rate string, a pricing.FloorAction) pricing.PolicySpec {
	ps.Floor = pricing.FloorSpec{Kind: k, Rate: ratePtr(rate), Action: a}
	return ps
}

func disc(k pricing.DiscountKind, name, rate string) pricing.Discount {
	return pricing.Discount{Kind: k, Name: name, Rate: money.MustRate(rate)}
}

// The classic stack: tier 10 %, registration 15 %, special pricing 20 %.
func classicStack() []pricing.Discount {
	return []pricing.Discount{
		disc(pricing.SpecialPricing, "special", "0.20"),
		disc(pricing.TierDiscount, "tier", "0.10"),
		disc(pricing.RegistrationDiscount, "registration", "0.15"),
	}
}

func allStackings() []pricing.Stacking {
	return []pricing.Stacking{pricing.Additive, pricing.Compounding, pricing.Priority, pricing.BestOf, pricing.CappedSum}
}
