package margin_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/tier"
)

// bump returns a copy of v changed in one place: decimals, amounts, rates
// and ratios by one unit, integers and enums by one, strings by a suffix,
// booleans flipped, a nil pointer set and a set one's target bumped, a
// slice one element longer, a struct's first field bumped.
func bump(v reflect.Value) reflect.Value {
	set := func(x any) reflect.Value {
		c := reflect.New(v.Type()).Elem()
		c.Set(reflect.ValueOf(x))
		return c
	}
	one := decimal.New(1, 0)
	switch x := v.Interface().(type) {
	case decimal.Decimal:
		return set(x.Add(one))
	case money.Amount:
		if !x.IsValid() {
			return set(amt("1 USD"))
		}
		return set(money.New(x.Decimal().Add(one), x.Currency()))
	case money.Rate:
		return set(money.RateFromFraction(x.Fraction().Add(one)))
	case money.Currency:
		if x.Code() == "EUR" {
			return set(money.MustCurrency("USD"))
		}
		return set(money.MustCurrency("EUR"))
	case capacity.Ratio:
		r, err := capacity.NewRatio(x.Num().Add(x.Den()), x.Den())
		if err != nil {
			panic(err)
		}
		return set(r)
	case capacity.Concentration:
		c, err := capacity.NewConcentration([]capacity.PartnerRevenue{{ID: "zz", Revenue: amt("7 USD")}})
		if err != nil {
			panic(err)
		}
		return set(c)
	case pricing.Quote:
		x.Net = money.New(x.Net.Decimal().Add(one), x.List.Currency())
		return set(x)
	case pricing.PolicySpec:
		x.Rounding++
		return set(x)
	case pricing.Discount:
		x.Name += "x"
		return set(x)
	case tier.Schedule:
		sp := tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{Rate: money.RateFromPercent(decimal.New(1, 0))}}}
		if x.IsValid() {
			sp = x.Spec()
			sp.Tiers[0].Rate = money.RateFromFraction(sp.Tiers[0].Rate.Fraction().Add(decimal.New(1, -2)))
		}
		return set(tier.MustNew(sp))
	}
	c := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Int:
		c.SetInt(v.Int() + 1)
	case reflect.Uint8:
		c.SetUint(v.Uint() + 1)
	case reflect.String:
		c.SetString(v.String() + "x")
	case reflect.Bool:
		c.SetBool(!v.Bool())
	case reflect.Pointer:
		if v.IsNil() {
			p := reflect.New(v.Type().Elem())
			p.Elem().Set(bump(p.Elem()))
			return p
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(bump(v.Elem()))
		return p
	case reflect.Slice:
		return reflect.Append(v, reflect.Zero(v.Type().Elem()))
	case reflect.Struct:
		c.Set(v)
		c.Field(0).Set(bump(v.Field(0)))
	default:
		panic(fmt.Sprintf("no bump for %s", v.Type()))
	}
	return c
}

// fields returns one equaltest change per exported field of T, and the
// given entries for the others.
func fields[T any](extra ...equaltest.Field[T]) []equaltest.Field[T] {
	var zero T
	typ := reflect.TypeOf(zero)
	out := extra
	for i := range typ.NumField() {
		if !typ.Field(i).IsExported() {
			continue
		}
		out = append(out, equaltest.Field[T]{Name: typ.Field(i).Name, Change: func(v T) T {
			c := reflect.New(typ).Elem()
			c.Set(reflect.ValueOf(v))
			c.Field(i).Set(bump(c.Field(i)))
			return c.Interface().(T)
		}})
	}
	return out
}

// TestEqualSeesEveryField: for each hand-written Equal method, a value
// equals itself and changing any one field makes Equal false.
func TestEqualSeesEveryField(t *testing.T) {
	s := hardware(t)
	p := s.PnL()
	y := annual(t, "acme", []margin.Resale{s}, []margin.Benefit{{Kind: margin.Offset, Name: "t", Amount: amt("1.00 USD")}})
	sub := margin.MustParseSubscription(passThrough)
	life, err := sub.Lifetime()
	if err != nil {
		t.Fatal(err)
	}
	eff, err := margin.Sensitivity(s, margin.Change{Knob: margin.KnobAttachRatio, To: rate("30%")})
	if err != nil {
		t.Fatal(err)
	}
	v, err := margin.Compare(y, y)
	if err != nil {
		t.Fatal(err)
	}
	view, err := margin.Survey([]margin.PartnerPnL{y}, amt("99999.00 USD"))
	if err != nil {
		t.Fatal(err)
	}
	sol, err := margin.BreakEven(s, margin.Target{Knob: margin.KnobAttachRatio, Profit: amt("2500.00 USD"), Lo: rate("0"), Hi: rate("1")})
	if err != nil {
		t.Fatal(err)
	}
	cp, err := margin.CostPlus(amt("80.00 USD"), rate("10%"), margin.MarginGuards{Min: ratep("15%")}, money.HalfEven)
	if err != nil {
		t.Fatal(err)
	}
	full := registeredSale(t)
	full.Offsets = []margin.OffsetSpec{{Name: "o", Value: amtp("1.00 USD")}}
	full.Services = &margin.ServicesSpec{AttachRatio: ratep("1%"), Margin: ratep("1%")}
	full.VendorCost = amtp("1.00 USD")

	t.Run("Item", func(t *testing.T) { equaltest.Check(t, p.Items[0], fields[margin.Item]()) })
	t.Run("PnL", func(t *testing.T) {
		equaltest.Check(t, p, fields(
			// The lever cache is derived from the items.
			equaltest.Field[margin.PnL]{Name: "levers", KeepsEqual: true, Change: func(p margin.PnL) margin.PnL { return p }},
			equaltest.Field[margin.PnL]{Name: "fast", KeepsEqual: true, Change: func(p margin.PnL) margin.PnL { return p }},
		))
	})
	t.Run("LeverShare", func(t *testing.T) { equaltest.Check(t, y.Levers[0], fields[margin.LeverShare]()) })
	t.Run("PartnerPnL", func(t *testing.T) { equaltest.Check(t, y, fields[margin.PartnerPnL]()) })
	t.Run("Benefit", func(t *testing.T) {
		equaltest.Check(t, margin.Benefit{Kind: margin.Offset, Name: "t", Amount: amt("1.00 USD"), Origin: "o", Note: "n"}, fields[margin.Benefit]())
	})
	t.Run("CostPlusPrice", func(t *testing.T) { equaltest.Check(t, cp, fields[margin.CostPlusPrice]()) })
	t.Run("MarginGuards", func(t *testing.T) {
		equaltest.Check(t, margin.MarginGuards{Min: ratep("1%"), Max: ratep("2%")}, fields[margin.MarginGuards]())
	})
	t.Run("Term", func(t *testing.T) { equaltest.Check(t, life.Terms[1], fields[margin.Term]()) })
	t.Run("Lifetime", func(t *testing.T) { equaltest.Check(t, life, fields[margin.Lifetime]()) })
	t.Run("Effect", func(t *testing.T) { equaltest.Check(t, eff, fields[margin.Effect]()) })
	t.Run("Outcome", func(t *testing.T) { equaltest.Check(t, eff.Before, fields[margin.Outcome]()) })
	t.Run("Change", func(t *testing.T) { equaltest.Check(t, eff.Change, fields[margin.Change]()) })
	t.Run("Target", func(t *testing.T) {
		equaltest.Check(t, margin.Target{Knob: 1, Name: "n", Profit: amt("1 USD"), Lo: rate("0"), Hi: rate("1"), Precision: rate("1bp")}, fields[margin.Target]())
	})
	t.Run("Solution", func(t *testing.T) { equaltest.Check(t, sol, fields[margin.Solution]()) })
	t.Run("LeverGap", func(t *testing.T) { equaltest.Check(t, v.Levers[0], fields[margin.LeverGap]()) })
	t.Run("Versus", func(t *testing.T) { equaltest.Check(t, v, fields[margin.Versus]()) })
	t.Run("Loss", func(t *testing.T) { equaltest.Check(t, view.Short[0], fields[margin.Loss]()) })
	t.Run("View", func(t *testing.T) { equaltest.Check(t, view, fields[margin.View]()) })
	t.Run("ResaleSpec", func(t *testing.T) { equaltest.Check(t, full, fields[margin.ResaleSpec]()) })
	t.Run("SellSpec", func(t *testing.T) {
		equaltest.Check(t, margin.SellSpec{Price: amtp("1.00 USD"), StreetDiscount: ratep("1%"), BrandPremium: ratep("1%")}, fields[margin.SellSpec]())
	})
	t.Run("EarningSpec", func(t *testing.T) { equaltest.Check(t, full.Earnings[0], fields[margin.EarningSpec]()) })
	t.Run("FundingSpec", func(t *testing.T) {
		f := full.MDF[0]
		f.Reimbursed = amtp("1.00 USD")
		equaltest.Check(t, f, fields[margin.FundingSpec]())
	})
	t.Run("OffsetSpec", func(t *testing.T) { equaltest.Check(t, full.Offsets[0], fields[margin.OffsetSpec]()) })
	t.Run("ServicesSpec", func(t *testing.T) { equaltest.Check(t, *full.Services, fields[margin.ServicesSpec]()) })
	t.Run("CostSpec", func(t *testing.T) {
		c := full.Costs[0]
		c.Rate, c.Origin = ratep("1%"), "o"
		equaltest.Check(t, c, fields[margin.CostSpec]())
	})
	tiered := tieredSale(t, "20000.00 USD", "40000.00 USD", tier.AllUnits)
	t.Run("TieredSpec", func(t *testing.T) { equaltest.Check(t, *tiered.Spec().Earnings[0].Tiered, fields[margin.TieredSpec]()) })
	t.Run("TierTrace", func(t *testing.T) { equaltest.Check(t, tiered.PnL().Items[2].TierTrace, fields[margin.TierTrace]()) })
	t.Run("TieredItem", func(t *testing.T) { equaltest.Check(t, tiered.PnL().Items[2], fields[margin.Item]()) })
	size, err := margin.BreakEvenSize(tieredSale(t, "1.00 USD", "0.00 USD", tier.AllUnits), margin.SizeTarget{Profit: amt("45000.00 USD"),
		Lo: amt("0.00 USD"), Hi: amt("300000.00 USD"), Precision: amt("1.00 USD")})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("SizeTarget", func(t *testing.T) {
		equaltest.Check(t, margin.SizeTarget{Profit: amt("1.00 USD"), Lo: amt("1.00 USD"), Hi: amt("2.00 USD"), Precision: amt("0.01 USD")}, fields[margin.SizeTarget]())
	})
	t.Run("SizeSolution", func(t *testing.T) { equaltest.Check(t, size, fields[margin.SizeSolution]()) })
	t.Run("Crossing", func(t *testing.T) { equaltest.Check(t, size.Crossings[0], fields[margin.Crossing]()) })
	t.Run("SubscriptionSpec", func(t *testing.T) { equaltest.Check(t, sub.Spec(), fields[margin.SubscriptionSpec]()) })
}

// TestEqualOpaque: Resale and Subscription compare their specifications
// (the P&L is derived from the spec); valid against zero differs.
func TestEqualOpaque(t *testing.T) {
	s := hardware(t)
	equaltest.Check(t, s, []equaltest.Field[margin.Resale]{
		{Name: "spec", Change: func(s margin.Resale) margin.Resale {
			v, err := s.With(margin.Change{Knob: margin.KnobAttachRatio, To: rate("21%")})
			if err != nil {
				t.Fatal(err)
			}
			return v
		}},
		{Name: "valid", Change: func(margin.Resale) margin.Resale { return margin.Resale{} }},
		// The P&L is derived from the spec: a sale rebuilt from the same
		// spec is equal.
		{Name: "pnl", KeepsEqual: true, Change: func(s margin.Resale) margin.Resale {
			v, err := margin.NewResale(s.Spec())
			if err != nil {
				t.Fatal(err)
			}
			return v
		}},
	})
	sub := margin.MustParseSubscription(passThrough)
	equaltest.Check(t, sub, []equaltest.Field[margin.Subscription]{
		{Name: "spec", Change: func(s margin.Subscription) margin.Subscription {
			sp := s.Spec()
			sp.Periods++
			v, err := margin.NewSubscription(sp)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}},
		{Name: "valid", Change: func(margin.Subscription) margin.Subscription { return margin.Subscription{} }},
	})
}
