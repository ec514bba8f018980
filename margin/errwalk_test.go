package margin_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

type errCase struct {
	name  string
	call  func() error
	field string
	want  error
}

// okSale is a valid sale document's members, to be completed.
const okSale = `"id":"s","list":"100.00 USD","pricing":{"stacking":"additive","rounding":"half-even"},"sell":{"price":"90.00 USD"},"rounding":"half-even"`

// baseSpec is a valid sale with one of every kind of line.
func baseSpec() margin.ResaleSpec {
	return margin.ResaleSpec{
		ID: "s", List: amtp("100.00 USD"), Pricing: pricingSpec("additive"),
		Discounts: discounts("tier:gold:10%"),
		Sell:      margin.SellSpec{StreetDiscount: ratep("5%"), BrandPremium: ratep("0%")},
		Earnings:  []margin.EarningSpec{{Kind: margin.Rebate, Name: "r", Rate: ratep("1%")}},
		MDF:       []margin.FundingSpec{{Name: "m", Spend: amtp("10.00 USD"), VendorShare: ratep("50%")}},
		Offsets:   []margin.OffsetSpec{{Name: "o", Value: amtp("1.00 USD")}},
		Services:  &margin.ServicesSpec{AttachRatio: ratep("10%"), Margin: ratep("30%")},
		Costs:     []margin.CostSpec{{Name: "c", Amount: amtp("2.00 USD")}},
		Rounding:  money.HalfEven,
	}
}

// errorCases lists a failing call for every validator and decoder path
// of the package, with the JSON Pointer it must report.
func errorCases(t testing.TB) []errCase {
	spec := func(f func(*margin.ResaleSpec)) func() error {
		return func() error {
			s := baseSpec()
			f(&s)
			_, err := margin.NewResale(s)
			return err
		}
	}
	parse := func(doc string) func() error {
		return func() error { _, err := margin.ParseResale([]byte(doc)); return err }
	}
	sale := func() margin.Resale {
		s, err := margin.NewResale(baseSpec())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	eur := money.MustCurrency("EUR")
	subscription := func(f func(*margin.SubscriptionSpec)) func() error {
		return func() error {
			s := margin.MustParseSubscription(passThrough).Spec()
			f(&s)
			_, err := margin.NewSubscription(s)
			return err
		}
	}
	// breakEven asks for an unreachable attach ratio (profit 1,000,000)
	// on baseSpec, changed by f; negative gives services a −10 % margin.
	breakEvenOn := func(negative bool, f func(*margin.Target)) func() error {
		return func() error {
			tg := margin.Target{Knob: margin.KnobAttachRatio, Profit: amt("1000000.00 USD"), Lo: rate("0"), Hi: rate("100%"), Precision: rate("1bp")}
			f(&tg)
			s := baseSpec()
			if negative {
				s.Services.Margin = ratep("-10%")
			}
			v, err := margin.NewResale(s)
			if err != nil {
				return err
			}
			_, err = margin.BreakEven(v, tg)
			return err
		}
	}
	breakEven := func(f func(*margin.Target)) func() error { return breakEvenOn(false, f) }
	year := func(partner string) margin.PartnerPnL {
		y, err := margin.Annual(partner, usd, []margin.Resale{sale()}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return y
	}
	return []errCase{
		// NewResale
		{"id", spec(func(s *margin.ResaleSpec) { s.ID = "" }), "/id", margin.ErrMissing},
		{"list", spec(func(s *margin.ResaleSpec) { s.List = nil }), "/list", margin.ErrMissing},
		{"list negative", spec(func(s *margin.ResaleSpec) { s.List = amtp("-1.00 USD") }), "/list", margin.ErrInvalid},
		{"list cents", spec(func(s *margin.ResaleSpec) { s.List = amtp("1.001 USD") }), "/list", margin.ErrInvalid},
		{"pricing", spec(func(s *margin.ResaleSpec) { s.Pricing.Stacking = pricing.StackingUnspecified }), "/pricing/stacking", pricing.ErrMissing},
		{"pricing cap", spec(func(s *margin.ResaleSpec) { s.Pricing.Cap = ratep("10%") }), "/pricing/cap", margin.ErrPricing},
		{"vendor cost missing", spec(func(s *margin.ResaleSpec) {
			s.Pricing.Floor = pricing.FloorSpec{Kind: pricing.FloorMargin, Rate: ratep("10%"), Action: pricing.FloorClamp}
		}), "/vendor_cost", margin.ErrMissing},
		{"vendor cost unused", spec(func(s *margin.ResaleSpec) { s.VendorCost = amtp("1.00 USD") }), "/vendor_cost", margin.ErrConflict},
		{"discount stack", spec(func(s *margin.ResaleSpec) { s.Discounts = discounts("tier:a:60%", "promotion:b:60%") }), "/discounts", pricing.ErrStack},
		{"discount name", spec(func(s *margin.ResaleSpec) { s.Discounts = discounts("tier::10%") }), "/discounts/0/name", pricing.ErrMissing},
		{"below floor", spec(func(s *margin.ResaleSpec) {
			s.Pricing.Floor = pricing.FloorSpec{Kind: pricing.FloorShareOfList, Rate: ratep("95%"), Action: pricing.FloorError}
		}), "/discounts", pricing.ErrFloor},
		{"too many discounts", spec(func(s *margin.ResaleSpec) { s.Discounts = make([]pricing.Discount, margin.MaxEntries+1) }), "/discounts", margin.ErrRange},
		{"sell missing", spec(func(s *margin.ResaleSpec) { s.Sell = margin.SellSpec{} }), "/sell", margin.ErrMissing},
		{"sell both", spec(func(s *margin.ResaleSpec) { s.Sell.Price = amtp("1.00 USD") }), "/sell/price", margin.ErrConflict},
		{"sell currency", spec(func(s *margin.ResaleSpec) { s.Sell = margin.SellSpec{Price: amtp("1.00 EUR")} }), "/sell/price", money.ErrCurrencyMismatch},
		{"street discount", spec(func(s *margin.ResaleSpec) { s.Sell.StreetDiscount = ratep("101%") }), "/sell/street_discount", margin.ErrInvalid},
		{"street missing", spec(func(s *margin.ResaleSpec) { s.Sell.StreetDiscount = nil }), "/sell/street_discount", margin.ErrMissing},
		{"brand premium", spec(func(s *margin.ResaleSpec) { s.Sell.BrandPremium = ratep("-1%") }), "/sell/brand_premium", margin.ErrInvalid},
		{"earning kind", spec(func(s *margin.ResaleSpec) { s.Earnings[0].Kind = margin.Offset }), "/earnings/0/kind", margin.ErrInvalid},
		{"earning kind missing", spec(func(s *margin.ResaleSpec) { s.Earnings[0].Kind = 0 }), "/earnings/0/kind", margin.ErrMissing},
		{"earning kind unknown", spec(func(s *margin.ResaleSpec) { s.Earnings[0].Kind = 99 }), "/earnings/0/kind", margin.ErrInvalid},
		{"earning name", spec(func(s *margin.ResaleSpec) { s.Earnings = append(s.Earnings, s.Earnings[0]) }), "/earnings/1/name", margin.ErrDuplicate},
		{"earning both", spec(func(s *margin.ResaleSpec) { s.Earnings[0].Amount = amtp("1.00 USD") }), "/earnings/0/rate", margin.ErrConflict},
		{"earning neither", spec(func(s *margin.ResaleSpec) { s.Earnings[0].Rate = nil }), "/earnings/0/amount", margin.ErrMissing},
		{"earning amount", spec(func(s *margin.ResaleSpec) {
			s.Earnings[0].Rate, s.Earnings[0].Amount = nil, amtp("-1.00 USD")
		}), "/earnings/0/amount", margin.ErrInvalid},
		{"tiered and rate", spec(func(s *margin.ResaleSpec) {
			s.Earnings[0].Tiered = &margin.TieredSpec{Schedule: volumeRebate(tier.AllUnits), Prior: amtp("0.00 USD")}
		}), "/earnings/0/tiered", margin.ErrConflict},
		{"tiered schedule missing", spec(func(s *margin.ResaleSpec) {
			s.Earnings[0].Rate, s.Earnings[0].Tiered = nil, &margin.TieredSpec{Prior: amtp("0.00 USD")}
		}), "/earnings/0/tiered/schedule", margin.ErrMissing},
		{"tiered mode", spec(func(s *margin.ResaleSpec) {
			sched := tier.MustNew(tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{Amount: d("5")}}})
			s.Earnings[0].Rate, s.Earnings[0].Tiered = nil, &margin.TieredSpec{Schedule: sched, Prior: amtp("0.00 USD")}
		}), "/earnings/0/tiered/schedule/mode", margin.ErrInvalid},
		{"tiered per unit", spec(func(s *margin.ResaleSpec) {
			sched := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{Price: d("5")}}})
			s.Earnings[0].Rate, s.Earnings[0].Tiered = nil, &margin.TieredSpec{Schedule: sched, Prior: amtp("0.00 USD")}
		}), "/earnings/0/tiered/schedule/tiers", margin.ErrInvalid},
		{"tiered prior missing", spec(func(s *margin.ResaleSpec) {
			s.Earnings[0].Rate, s.Earnings[0].Tiered = nil, &margin.TieredSpec{Schedule: volumeRebate(tier.Incremental)}
		}), "/earnings/0/tiered/prior", margin.ErrMissing},
		{"tiered prior currency", spec(func(s *margin.ResaleSpec) {
			s.Earnings[0].Rate, s.Earnings[0].Tiered = nil, &margin.TieredSpec{Schedule: volumeRebate(tier.Incremental), Prior: amtp("1.00 EUR")}
		}), "/earnings/0/tiered/prior", margin.ErrCurrency},
		{"tiered prior negative", spec(func(s *margin.ResaleSpec) {
			s.Earnings[0].Rate, s.Earnings[0].Tiered = nil, &margin.TieredSpec{Schedule: volumeRebate(tier.Incremental), Prior: amtp("-1.00 USD")}
		}), "/earnings/0/tiered/prior", margin.ErrInvalid},
		{"too many earnings", spec(func(s *margin.ResaleSpec) { s.Earnings = make([]margin.EarningSpec, margin.MaxEntries+1) }), "/earnings", margin.ErrRange},
		{"mdf spend", spec(func(s *margin.ResaleSpec) { s.MDF[0].Spend = nil }), "/mdf/0/spend", margin.ErrMissing},
		{"mdf name", spec(func(s *margin.ResaleSpec) { s.MDF[0].Name = "" }), "/mdf/0/name", margin.ErrMissing},
		{"mdf both", spec(func(s *margin.ResaleSpec) { s.MDF[0].Reimbursed = amtp("1.00 USD") }), "/mdf/0/vendor_share", margin.ErrConflict},
		{"mdf neither", spec(func(s *margin.ResaleSpec) { s.MDF[0].VendorShare = nil }), "/mdf/0/reimbursed", margin.ErrMissing},
		{"mdf share", spec(func(s *margin.ResaleSpec) { s.MDF[0].VendorShare = ratep("120%") }), "/mdf/0/vendor_share", margin.ErrInvalid},
		{"mdf approved alone", spec(func(s *margin.ResaleSpec) {
			s.MDF[0].VendorShare, s.MDF[0].Reimbursed, s.MDF[0].Approved = nil, amtp("1.00 USD"), amtp("1.00 USD")
		}), "/mdf/0/approved", margin.ErrConflict},
		{"mdf reimbursed", spec(func(s *margin.ResaleSpec) {
			s.MDF[0].VendorShare, s.MDF[0].Reimbursed = nil, amtp("1.00 EUR")
		}), "/mdf/0/reimbursed", margin.ErrCurrency},
		{"offset value", spec(func(s *margin.ResaleSpec) { s.Offsets[0].Value = nil }), "/offsets/0/value", margin.ErrMissing},
		{"services attach", spec(func(s *margin.ResaleSpec) { s.Services.AttachRatio = nil }), "/services/attach_ratio", margin.ErrMissing},
		{"services margin", spec(func(s *margin.ResaleSpec) { s.Services.Margin = ratep("101%") }), "/services/margin", margin.ErrInvalid},
		{"services margin missing", spec(func(s *margin.ResaleSpec) { s.Services.Margin = nil }), "/services/margin", margin.ErrMissing},
		{"cost", spec(func(s *margin.ResaleSpec) { s.Costs[0].Amount = nil }), "/costs/0/amount", margin.ErrMissing},
		{"rounding", spec(func(s *margin.ResaleSpec) { s.Rounding = 0 }), "/rounding", margin.ErrMissing},
		{"rounding unknown", spec(func(s *margin.ResaleSpec) { s.Rounding = 99 }), "/rounding", margin.ErrInvalid},
		{"more than 16 problems", spec(func(s *margin.ResaleSpec) { s.Costs = make([]margin.CostSpec, 20) }), "/costs/0/name", margin.ErrMissing},
		// ParseResale
		{"syntax", parse(`{`), "", strictjson.ErrSyntax},
		{"unknown member", parse(`{` + okSale + `,"sel":{}}`), "/sel", strictjson.ErrUnknownField},
		{"duplicate member", parse(`{` + okSale + `,"id":"t"}`), "/id", strictjson.ErrDuplicateKey},
		{"null", parse(`{` + okSale + `,"services":null}`), "/services", strictjson.ErrNull},
		{"number", parse(`{"list":100}`), "/list", strictjson.ErrNumber},
		{"bad rate", parse(`{` + okSale + `,"services":{"attach_ratio":"lots","margin":"1%"}}`), "/services/attach_ratio", strictjson.ErrType},
		{"bad kind", parse(`{` + okSale + `,"earnings":[{"kind":"rebat","name":"r","rate":"1%"}]}`), "/earnings/0/kind", margin.ErrInvalid},
		{"schedule rate without unit", parse(`{` + okSale + `,"earnings":[{"kind":"rebate","name":"r","tiered":{"prior":"0.00 USD",` +
			`"schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"2"}]}}}]}`),
			"/earnings/0/tiered/schedule/tiers/0/rate", strictjson.ErrRateUnit},
		{"schedule rate missing", parse(`{` + okSale + `,"earnings":[{"kind":"rebate","name":"r","tiered":{"prior":"0.00 USD",` +
			`"schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0"}]}}}]}`),
			"/earnings/0/tiered/schedule/tiers/0/rate", tier.ErrMissing},
		{"schedule bounds", parse(`{` + okSale + `,"earnings":[{"kind":"rebate","name":"r","tiered":{"prior":"0.00 USD",` +
			`"schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"},{"from":"0","rate":"2%"}]}}}]}`),
			"/earnings/0/tiered/schedule/tiers/1/from", margin.ErrSchedule},
		{"schedule mode", parse(`{` + okSale + `,"earnings":[{"kind":"rebate","name":"r","tiered":{"prior":"0.00 USD",` +
			`"schedule":{"mode":"all-unit","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}}]}`),
			"/earnings/0/tiered/schedule/mode", tier.ErrMode},
		{"schedule unknown member", parse(`{` + okSale + `,"earnings":[{"kind":"rebate","name":"r","tiered":{"prior":"0.00 USD",` +
			`"schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%","rates":"2%"}]}}}]}`),
			"/earnings/0/tiered/schedule/tiers/0/rates", strictjson.ErrUnknownField},
		{"tiered unknown member", parse(`{` + okSale + `,"earnings":[{"kind":"rebate","name":"r","tiered":{"prior":"0.00 USD","prio":"1"}}]}`),
			"/earnings/0/tiered/prio", strictjson.ErrUnknownField},
		{"discount without rate", parse(`{` + okSale + `,"discounts":[{"kind":"tier","name":"g"}]}`), "/discounts/0/rate", margin.ErrMissing},
		{"too deep", parse(`{"pricing":{"floor":{"rate":[[[[[[]]]]]]}}}`), "/pricing/floor/rate/0/0/0/0/0", strictjson.ErrTooDeep},
		{"too large", parse(`{"id":"` + strings.Repeat("a", margin.MaxResaleBytes) + `"}`), "", strictjson.ErrTooLarge},
		{"parsed but invalid", parse(`{` + strings.Replace(okSale, `"90.00 USD"`, `"-1.00 USD"`, 1) + `}`), "/sell/price", margin.ErrInvalid},
		{"unmarshal", func() error { var s margin.Resale; return s.UnmarshalJSON([]byte(`[]`)) }, "", strictjson.ErrType},
		{"marshal zero sale", func() error { _, err := margin.Resale{}.MarshalJSON(); return err }, "", margin.ErrInvalid},
		// EarningFromIncentive
		{"incentive kind", func() error { _, err := margin.EarningFromIncentive(margin.Cost, incentive.Line{}); return err }, "/kind", margin.ErrInvalid},
		{"incentive line", func() error { _, err := margin.EarningFromIncentive(margin.Rebate, incentive.Line{}); return err }, "/amount", margin.ErrMissing},
		// Annual
		{"partner", func() error { _, err := margin.Annual("", usd, nil, nil); return err }, "/partner", margin.ErrMissing},
		{"currency", func() error { _, err := margin.Annual("p", money.Currency{}, nil, nil); return err }, "/currency", margin.ErrMissing},
		{"zero sale", func() error { _, err := margin.Annual("p", usd, []margin.Resale{{}}, nil); return err }, "/resales/0", margin.ErrMissing},
		{"sale currency", func() error { _, err := margin.Annual("p", eur, []margin.Resale{sale()}, nil); return err }, "/resales/0", margin.ErrCurrency},
		{"sale twice", func() error { _, err := margin.Annual("p", usd, []margin.Resale{sale(), sale()}, nil); return err }, "/resales/1", margin.ErrDuplicate},
		{"benefit kind", func() error {
			_, err := margin.Annual("p", usd, nil, []margin.Benefit{{Kind: margin.Street, Name: "x", Amount: amt("1.00 USD")}})
			return err
		}, "/benefits/0/kind", margin.ErrInvalid},
		{"benefit name", func() error {
			_, err := margin.Annual("p", usd, nil, []margin.Benefit{{Kind: margin.Offset, Amount: amt("1.00 USD")}})
			return err
		}, "/benefits/0/name", margin.ErrMissing},
		{"benefit amount", func() error {
			_, err := margin.Annual("p", usd, nil, []margin.Benefit{{Kind: margin.Offset, Name: "x", Amount: amt("-1.00 USD")}})
			return err
		}, "/benefits/0/amount", margin.ErrInvalid},
		// Identities
		{"margin price", func() error { _, err := margin.Margin(amt("0.00 USD"), amt("1.00 USD")); return err }, "/price", margin.ErrInvalid},
		{"margin cost currency", func() error { _, err := margin.Margin(amt("1.00 USD"), amt("1.00 EUR")); return err }, "/cost", money.ErrCurrencyMismatch},
		{"markup cost", func() error { _, err := margin.Markup(amt("1.00 USD"), amt("0.00 USD")); return err }, "/cost", margin.ErrInvalid},
		{"markup of margin", func() error { _, err := margin.MarkupOfMargin(ratioOf("1", "1")); return err }, "/margin", margin.ErrInvalid},
		{"margin of markup", func() error { _, err := margin.MarginOfMarkup(ratioOf("-1", "1")); return err }, "/markup", margin.ErrInvalid},
		{"gross-up fee", func() error { _, err := margin.GrossUp(amt("1.00 USD"), rate("100%"), money.HalfEven); return err }, "/fee", margin.ErrInvalid},
		{"gross-up x", func() error { _, err := margin.GrossUp(money.Amount{}, rate("1%"), money.HalfEven); return err }, "/x", margin.ErrMissing},
		{"gross-up mode", func() error { _, err := margin.GrossUp(amt("1.00 USD"), rate("1%"), 0); return err }, "/mode", margin.ErrMissing},
		{"cost-plus cost", func() error {
			_, err := margin.CostPlus(amt("0.00 USD"), rate("1%"), margin.MarginGuards{}, money.HalfEven)
			return err
		}, "/cost", margin.ErrInvalid},
		{"cost-plus markup", func() error {
			_, err := margin.CostPlus(amt("1.00 USD"), rate("-100%"), margin.MarginGuards{}, money.HalfEven)
			return err
		}, "/markup", margin.ErrInvalid},
		{"cost-plus guards", func() error {
			_, err := margin.CostPlus(amt("1.00 USD"), rate("1%"), margin.MarginGuards{Min: ratep("20%"), Max: ratep("10%")}, money.HalfEven)
			return err
		}, "/guards/max", margin.ErrInvalid},
		{"cost-plus min", func() error {
			_, err := margin.CostPlus(amt("1.00 USD"), rate("1%"), margin.MarginGuards{Min: ratep("100%")}, money.HalfEven)
			return err
		}, "/guards/min", margin.ErrInvalid},
		{"cost-plus no cent", func() error {
			_, err := margin.CostPlus(amt("0.97 USD"), rate("1%"), margin.MarginGuards{Min: ratep("10%"), Max: ratep("10.1%")}, money.HalfEven)
			return err
		}, "/guards", margin.ErrNoSolution},
		{"stack margins sum", func() error {
			_, err := margin.StackMargins(amt("1.00 USD"), []money.Rate{rate("60%"), rate("40%")}, margin.AddRates, money.HalfEven)
			return err
		}, "/margins", margin.ErrInvalid},
		{"stack margin", func() error {
			_, err := margin.StackMargins(amt("1.00 USD"), []money.Rate{rate("100%")}, margin.ChainRates, money.HalfEven)
			return err
		}, "/margins/0", margin.ErrInvalid},
		{"stack how", func() error { _, err := margin.StackMarkups(amt("1.00 USD"), nil, 0, money.HalfEven); return err }, "/how", margin.ErrMissing},
		{"stack how unknown", func() error { _, err := margin.StackMarkups(amt("1.00 USD"), nil, 9, money.HalfEven); return err }, "/how", margin.ErrInvalid},
		{"stack base", func() error {
			_, err := margin.StackMarkups(amt("-1.00 USD"), nil, margin.AddRates, money.HalfEven)
			return err
		}, "/base", margin.ErrInvalid},
		{"stack markup", func() error {
			_, err := margin.StackMarkups(amt("1.00 USD"), []money.Rate{rate("-1%")}, margin.AddRates, money.HalfEven)
			return err
		}, "/markups/0", margin.ErrInvalid},
		// Subscriptions
		{"subscription periods", subscription(func(s *margin.SubscriptionSpec) { s.Periods = 0 }), "/periods", margin.ErrRange},
		{"subscription churn", subscription(func(s *margin.SubscriptionSpec) { s.Churn = nil }), "/churn", margin.ErrMissing},
		{"subscription churn above 1", subscription(func(s *margin.SubscriptionSpec) { s.Churn = ratep("101%") }), "/churn", margin.ErrInvalid},
		{"subscription margin", subscription(func(s *margin.SubscriptionSpec) { s.ServicesMargin = ratep("101%") }), "/services_margin", margin.ErrInvalid},
		{"subscription discount", subscription(func(s *margin.SubscriptionSpec) { s.DiscountRate = ratep("-1%") }), "/discount_rate", margin.ErrInvalid},
		{"subscription revenue", subscription(func(s *margin.SubscriptionSpec) { s.Revenue = nil }), "/revenue", margin.ErrMissing},
		{"subscription id", subscription(func(s *margin.SubscriptionSpec) { s.ID = "" }), "/id", margin.ErrMissing},
		{"subscription rounding", subscription(func(s *margin.SubscriptionSpec) { s.Rounding = 0 }), "/rounding", margin.ErrMissing},
		{"subscription document", func() error { _, err := margin.ParseSubscription([]byte(`{"periods":"3"}`)); return err }, "/periods", strictjson.ErrType},
		{"zero subscription", func() error { _, err := margin.Subscription{}.Lifetime(); return err }, "", margin.ErrInvalid},
		{"marshal zero subscription", func() error { _, err := margin.Subscription{}.MarshalJSON(); return err }, "", margin.ErrInvalid},
		// Sensitivity and break-even
		{"with zero sale", func() error { _, err := margin.Resale{}.With(margin.Change{}); return err }, "", margin.ErrInvalid},
		{"knob unknown", func() error { _, err := sale().With(margin.Change{Knob: 77}); return err }, "/knob", margin.ErrInvalid},
		{"no services", func() error {
			s := baseSpec()
			s.Services = nil
			v, err := margin.NewResale(s)
			if err != nil {
				return err
			}
			_, err = v.With(margin.Change{Knob: margin.KnobAttachRatio})
			return err
		}, "/knob", margin.ErrInvalid},
		{"declared sell price", func() error {
			s := baseSpec()
			s.Sell = margin.SellSpec{Price: amtp("90.00 USD")}
			v, err := margin.NewResale(s)
			if err != nil {
				return err
			}
			_, err = v.With(margin.Change{Knob: margin.KnobBrandPremium})
			return err
		}, "/knob", margin.ErrInvalid},
		{"target currency", breakEven(func(t *margin.Target) { t.Profit = amt("1.00 EUR") }), "/profit", margin.ErrCurrency},
		{"target lo", breakEven(func(t *margin.Target) { t.Lo = rate("-1%") }), "/lo", margin.ErrInvalid},
		{"target hi", breakEven(func(t *margin.Target) { t.Hi = rate("0%"); t.Lo = rate("1%") }), "/hi", margin.ErrInvalid},
		{"target precision", breakEven(func(t *margin.Target) { t.Knob, t.Name, t.Precision = margin.KnobDiscount, "gold", rate("0") }), "/precision", margin.ErrInvalid},
		{"target unreachable", breakEven(func(t *margin.Target) { t.Knob, t.Name = margin.KnobDiscount, "gold" }), "/hi", margin.ErrNoSolution},
		{"target exact unreachable", breakEven(func(t *margin.Target) { t.Hi = rate("1%") }), "/hi", margin.ErrNoSolution},
		{"negative services margin", breakEvenOn(true, func(*margin.Target) {}), "/knob", margin.ErrInvalid},
		// Compare and Survey
		{"compare zero", func() error { _, err := margin.Compare(margin.PartnerPnL{}, year("a")); return err }, "/ours", margin.ErrInvalid},
		{"compare theirs zero", func() error { _, err := margin.Compare(year("a"), margin.PartnerPnL{}); return err }, "/theirs", margin.ErrInvalid},
		{"compare partner", func() error { _, err := margin.Compare(year("a"), year("b")); return err }, "/theirs/partner", margin.ErrInvalid},
		{"compare sales", func() error {
			y := year("a")
			y.Resales++
			_, err := margin.Compare(year("a"), y)
			return err
		}, "/theirs/resales", margin.ErrInvalid},
		{"survey none", func() error { _, err := margin.Survey(nil, amt("0.00 USD")); return err }, "/partners", margin.ErrMissing},
		{"survey zero", func() error { _, err := margin.Survey([]margin.PartnerPnL{year("a"), {}}, amt("0.00 USD")); return err }, "/partners/1", margin.ErrInvalid},
		{"survey twice", func() error {
			_, err := margin.Survey([]margin.PartnerPnL{year("a"), year("a")}, amt("0.00 USD"))
			return err
		}, "/partners/1", margin.ErrDuplicate},
		{"survey threshold", func() error { _, err := margin.Survey([]margin.PartnerPnL{year("a")}, amt("0.00 EUR")); return err }, "/threshold", margin.ErrCurrency},
		{"margin of 100%", func() error {
			r, err := capacity.NewRatio(d("1"), d("1"))
			if err != nil {
				return err
			}
			_, err = margin.MarkupOfMargin(r)
			return err
		}, "/margin", margin.ErrInvalid},
	}
}

// TestErrorPaths walks every error case: each error matches its
// sentinel, has a FieldPath() error with the expected path, and every
// FieldPath() in its tree is a valid JSON Pointer; messages carry the
// package prefix.
func TestErrorPaths(t *testing.T) {
	for _, tt := range errorCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v does not match %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "margin: ") {
				t.Errorf("message without the package prefix: %v", err)
			}
			found := false
			walkPaths(err, func(p string) {
				found = found || p == tt.field
				if !field.Valid(p) {
					t.Errorf("FieldPath() %q is not a JSON Pointer (in %v)", p, err)
				}
			})
			if !found {
				t.Errorf("no FieldPath() %q in %v", tt.field, err)
			}
		})
	}
}

// walkPaths calls f with the FieldPath of every error in err's tree.
func walkPaths(err error, f func(string)) {
	if err == nil {
		return
	}
	if fp, ok := err.(interface{ FieldPath() string }); ok {
		f(fp.FieldPath())
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walkPaths(u.Unwrap(), f)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walkPaths(e, f)
		}
	}
}
