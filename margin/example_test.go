package margin_test

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// resale is a hardware resale deal: 30 % gold-tier discount, street price
// 20 % off list with a 5 % brand premium, a 2 % rebate on the buy price,
// a certification offset, services attached at 20 % with a 40 % margin,
// presales and logistics costs.
const resale = `{
 "id": "hw-1001", "list": "10000.00 USD",
 "pricing": {"stacking": "additive", "rounding": "half-even"},
 "discounts": [{"kind": "tier", "name": "gold", "rate": "30%"}],
 "sell": {"street_discount": "20%", "brand_premium": "5%"},
 "earnings": [{"kind": "rebate", "name": "q3-volume", "rate": "2%"}],
 "offsets": [{"name": "certification", "value": "250.00 USD"}],
 "services": {"attach_ratio": "20%", "margin": "40%"},
 "costs": [{"name": "presales", "amount": "300.00 USD"}, {"name": "logistics", "rate": "1.5%"}],
 "rounding": "half-even"
}`

func ExampleParseResale() {
	s, err := margin.ParseResale([]byte(resale))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := s.PnL()
	// buy 10000 × 0.7 = 7000; sell 10000 × 0.8 × 1.05 = 8400.
	fmt.Println("buy", p.Buy, "sell", p.Sell)
	for _, it := range p.Items {
		fmt.Printf("%-13s %-9s %-13s %10s\n", it.Lever, it.Kind, it.Name, it.Amount)
	}
	// 3000 − 1600 + 140 + 250 + 672 − 126 − 300 = 2036
	fmt.Println("profit", p.Profit)
	// Output:
	// buy 7000.00 USD sell 8400.00 USD
	// front-end     discount  gold          3000.00 USD
	// front-end     street    street        -1600.00 USD
	// back-end      rebate    q3-volume     140.00 USD
	// offsets       offset    certification 250.00 USD
	// services      services  services      672.00 USD
	// cost-to-serve cost      logistics     -126.00 USD
	// cost-to-serve cost      presales      -300.00 USD
	// profit 2036.00 USD
}

func ExampleParseResale_error() {
	// A discount without its rate, and a JSON number for a price.
	_, err := margin.ParseResale([]byte(`{"id":"x","list":"100.00 USD","discounts":[{"kind":"tier","name":"gold"}]}`))
	fmt.Println(err)
	_, err = margin.ParseResale([]byte(`{"list":100}`))
	var fp interface{ FieldPath() string }
	fmt.Println(errors.As(err, &fp), fp.FieldPath())
	// Output:
	// margin: /discounts/0/rate: missing required value: a discount states its rate
	// true /list
}

func ExampleNewResale() {
	// A registered deal with special pricing under compounding stacking:
	// 50000 × 0.8 × 0.9 × 0.95 = 34200; street 50000 × 0.75 = 37500; co-op
	// 50 % of 2000 = 1000, capped at the approved 900.
	rate := func(s string) *money.Rate { r := money.MustRate(s); return &r }
	usd := func(s string) *money.Amount { a := money.MustParse(s + " USD"); return &a }
	s, err := margin.NewResale(margin.ResaleSpec{
		ID:      "reg-5",
		List:    usd("50000.00"),
		Pricing: pricing.PolicySpec{Stacking: pricing.Compounding, Rounding: money.HalfEven},
		Discounts: []pricing.Discount{
			{Kind: pricing.TierDiscount, Name: "silver", Rate: money.MustRate("20%")},
			{Kind: pricing.RegistrationDiscount, Name: "reg", Rate: money.MustRate("10%")},
			{Kind: pricing.SpecialPricing, Name: "sp-acme", Rate: money.MustRate("5%")},
		},
		Sell:     margin.SellSpec{StreetDiscount: rate("25%"), BrandPremium: rate("0%")},
		MDF:      []margin.FundingSpec{{Name: "webinar", Spend: usd("2000.00"), VendorShare: rate("50%"), Approved: usd("900.00")}},
		Rounding: money.HalfEven,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := s.PnL()
	fmt.Println("buy", p.Buy, "front-end", p.FrontEnd())
	for _, it := range p.Items[len(p.Items)-2:] {
		fmt.Println(it.Kind, it.Amount, "-", it.Explanation)
	}
	// 3300 + 900 − 2000 = 2200
	fmt.Println("profit", p.Profit)
	// Output:
	// buy 34200.00 USD front-end 3300.00 USD
	// mdf 900.00 USD - vendor share 50% of 2000.00 USD spent = 1000.00 USD, rounded half-even, capped at the approved 900.00 USD; net of the partner's co-pay 1100.00 USD, with the marketing line: -1100.00 USD
	// marketing -2000.00 USD - marketing spend 2000.00 USD on the funded activity
	// profit 2200.00 USD
}

func ExampleMustParseResale() {
	s := margin.MustParseResale(resale)
	fmt.Println(s.ID(), s.Currency(), s.PnL().Lever(margin.Services))
	// Output:
	// hw-1001 USD 672.00 USD
}

func ExamplePnL_BuySideMargin() {
	// (8400 − 7000) / 8400 = 1/6.
	m, ok := margin.MustParseResale(resale).PnL().BuySideMargin()
	r, _ := m.Round(4, money.HalfEven)
	fmt.Println(ok, r)
	// Output:
	// true 0.1667
}

func ExamplePnL_VendorCost() {
	// Discounts 3000 + rebate 140 + certification 250.
	fmt.Println(margin.MustParseResale(resale).PnL().VendorCost())
	// Output:
	// 3390.00 USD
}

func ExampleEarningFromIncentive() {
	plan := incentive.MustParsePlan(`{
 "id": "fy26-rebate", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [{"id": "volume", "version": "1", "effective_from": "2026-01-01", "recipient": "partner",
   "measure": "revenue", "schedule": {"mode": "all-units", "boundary": "lower-inclusive",
   "tiers": [{"from": "0", "rate": "1%"}, {"from": "25000", "rate": "3%"}]}}]}`)
	q1 := incentive.NewPeriod("2026-Q1", incentive.MustDate("2026-01-01"), incentive.MustDate("2026-04-01"))
	tx := incentive.Transaction{ID: "reg-5", Date: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC),
		Kind: incentive.Sale, PartnerID: "acme", Amount: money.MustParse("34200.00 USD")}
	res, err := incentive.Evaluate(plan, q1, nil, slices.Values([]incentive.Transaction{tx}))
	if err != nil {
		fmt.Println(err)
		return
	}
	// 34,200 reaches the 3 % tier: 1026.00.
	e, err := margin.EarningFromIncentive(margin.Rebate, res.Lines[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Kind, e.Name, e.Amount)
	fmt.Println(e.Origin[:55])
	// Output:
	// rebate volume 1026.00 USD
	// incentive plan fy26-rebate v1 component volume v1, peri
}

func ExampleAnnual() {
	hw := margin.MustParseResale(resale)
	y, err := margin.Annual("acme", money.MustCurrency("USD"), []margin.Resale{hw}, []margin.Benefit{
		{Kind: margin.Rebate, Name: "annual-volume", Amount: money.MustParse("500.00 USD")},
		{Kind: margin.Cost, Name: "programme-fee", Amount: money.MustParse("536.00 USD")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// 2036 + 500 − 536 = 2000: front-end 1400 (70 %), back-end 640 (32 %),
	// offsets 250 (12.5 %), services 672 (33.6 %), cost −962 (−48.1 %).
	for _, l := range y.Levers {
		pct, _ := l.Share.Round(3, money.HalfEven)
		fmt.Printf("%-13s %12s %7s\n", l.Lever, l.Amount, money.FormatDecimal(pct, 3))
	}
	fmt.Println("profit", y.Profit)
	// Output:
	// front-end      1400.00 USD   0.700
	// back-end        640.00 USD   0.320
	// offsets         250.00 USD   0.125
	// services        672.00 USD   0.336
	// cost-to-serve  -962.00 USD  -0.481
	// profit 2000.00 USD
}

func ExampleSubscription_Lifetime() {
	s := margin.MustParseSubscription(`{
 "id": "saas-77", "revenue": "1200.00 USD", "periods": 3, "churn": "10%", "expansion": "5%",
 "resale_margin": "0%", "renewal_incentive": "5%", "attach_ratio": "50%", "services_margin": "40%",
 "cost_to_serve": "5%", "discount_rate": "10%", "rounding": "half-even"}`)
	l, err := s.Lifetime()
	if err != nil {
		fmt.Println(err)
		return
	}
	// Revenue 1200, 1134, 1071.63 (× 0.9 × 1.05); profit 15 % then 20 %;
	// PV 180 + 226.8/1.1 + 214.326/1.21 = 563.3107…
	for _, t := range l.Terms {
		fmt.Println(t.Period, t.Revenue, t.Profit, t.PresentValue)
	}
	fmt.Println("LTV", l.LTV)
	// Output:
	// 0 1200.00 USD 180.00 USD 180.00 USD
	// 1 1134.00 USD 226.80 USD 206.18 USD
	// 2 1071.63 USD 214.33 USD 177.13 USD
	// LTV 563.31 USD
}

func ExampleNewSubscription() {
	_, err := margin.NewSubscription(margin.SubscriptionSpec{ID: "s", Periods: 0})
	fmt.Println(errors.Is(err, margin.ErrMissing), errors.Is(err, margin.ErrRange))
	// Output:
	// true true
}

func ExampleSensitivity() {
	// Gold 30 % → 32 %: buy −200 (front-end +200), the 2 % rebate on the
	// buy price −4: profit +196; the vendor gives 200 − 4 = 196 more.
	e, err := margin.Sensitivity(margin.MustParseResale(resale), margin.Change{Knob: margin.KnobDiscount, Name: "gold", To: money.MustRate("32%")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Before.Profit, "→", e.After.Profit, "Δ", e.Profit, "vendor Δ", e.VendorCost)
	// Output:
	// 2036.00 USD → 2232.00 USD Δ 196.00 USD vendor Δ 196.00 USD
}

func ExampleResale_With() {
	s, err := margin.MustParseResale(resale).With(margin.Change{Knob: margin.KnobAttachRatio, To: money.MustRate("100%")})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Services 8400 × 100 % × 40 % = 3360.
	fmt.Println(s.PnL().Lever(margin.Services))
	// Output:
	// 3360.00 USD
}

func ExampleBreakEven() {
	s := margin.MustParseResale(resale)
	// The attach ratio that lifts profit to 2500: services must make
	// 1136.00; half-even reaches it from 1135.995 = 3360 × a, so
	// a = 0.33809375 exactly.
	sol, err := margin.BreakEven(s, margin.Target{Knob: margin.KnobAttachRatio,
		Profit: money.MustParse("2500.00 USD"), Lo: money.MustRate("0"), Hi: money.MustRate("300%")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sol.Method, sol.Rate.FormatPercent(), sol.Profit)
	// The gold discount that does it, by bisection to 1bp: profit ≈
	// −904 + 9800 d, d ≈ 34.7347 %. Halving [0, 1] 14 times brackets it
	// within 1/16384 < 1bp: [5690, 5691] / 16384. At 5690/16384 =
	// 0.3472900390625 buy is 6527.10, the rebate 130.54, profit 8400 −
	// 6527.10 + 130.54 + 496 = 2499.44; at 5691/16384 buy 6526.49,
	// rebate 130.53, profit 2500.04.
	sol, err = margin.BreakEven(s, margin.Target{Knob: margin.KnobDiscount, Name: "gold",
		Profit: money.MustParse("2500.00 USD"), Lo: money.MustRate("0"), Hi: money.MustRate("100%"), Precision: money.MustRate("1bp")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sol.Method, sol.Below.FormatPercent(), sol.Rate.FormatPercent(), sol.Profit)
	// Output:
	// exact 33.809375% 2500.00 USD
	// bisection 34.72900390625% 34.735107421875% 2500.04 USD
}

// A volume rebate of 2 % / 4 % / 6 % of the quarter's purchases, all
// units, from 50,000 and 150,000: the deal (buy 80 % of list) earns what
// it adds to the quarter's rebate.
const tieredResale = `{
  "id": "q3-17", "list": "20000.00 USD",
  "pricing": {"stacking": "additive", "rounding": "floor"},
  "discounts": [{"kind": "tier", "name": "gold", "rate": "20%"}],
  "sell": {"street_discount": "0%", "brand_premium": "0%"},
  "earnings": [{"kind": "rebate", "name": "q3-volume", "tiered": {
    "prior": "40000.00 USD",
    "schedule": {"mode": "all-units", "boundary": "lower-inclusive",
      "tiers": [{"from": "0", "rate": "2%"}, {"from": "50000", "rate": "4%"}, {"from": "150000", "rate": "6%"}]}}}],
  "rounding": "floor"
}`

func ExampleTieredSpec() {
	s := margin.MustParseResale(tieredResale)
	// Purchases 40,000 + 16,000 = 56,000 reach tier 2: R(56,000) =
	// 4 % × 56,000 = 2,240 against R(40,000) = 2 % × 40,000 = 800 before
	// the deal, so the deal earns 1,440.00 (the tier's uplift on the
	// earlier 40,000 included).
	it := s.PnL().Items[2]
	fmt.Println(it.Name, it.Amount)
	fmt.Println("tier", it.TierTrace.Tier, "of", it.TierTrace.Tiers, "from", money.FormatDecimal(it.TierTrace.From, 0),
		"to", money.FormatDecimal(it.TierTrace.To, 0), "at", it.TierTrace.Rate.FormatPercent())
	// Output:
	// q3-volume 1440.00 USD
	// tier 2 of 3 from 50000 to 150000 at 4%
}

func ExampleBreakEvenSize() {
	// The same deal as the quarter's first (prior 0): how large must it be
	// for the partner to make 45,000.00? Profit ≈ 20 % × list (front-end)
	// + the rebate on 80 % of list: 0.232 × list in tier 2, at most
	// 43,499.99 at list 187,499.99; at 187,500.00 purchases reach 150,000
	// and the all-units cliff, (6 % − 4 %) × 150,000 = 3,000, lifts the
	// profit to 37,500 + 9,000 = 46,500.00.
	spec := margin.MustParseResale(tieredResale).Spec()
	*spec.Earnings[0].Tiered.Prior = money.MustParse("0.00 USD")
	s, err := margin.NewResale(spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, err := margin.BreakEvenSize(s, margin.SizeTarget{Profit: money.MustParse("45000.00 USD"),
		Lo: money.MustParse("0.00 USD"), Hi: money.MustParse("300000.00 USD"), Precision: money.MustParse("1.00 USD")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sol.Method, sol.List, sol.Profit, "cliff:", sol.Cliff)
	for _, c := range sol.Crossings {
		fmt.Printf("tier %d at list %s: profit %s → %s (jump %s)\n", c.Tier, c.List, c.Below, c.Profit, money.FormatDecimal(c.Jump, 0))
	}
	// Output:
	// bisection 187500.00 USD 46500.00 USD cliff: true
	// tier 2 at list 62500.00 USD: profit 13499.99 USD → 14500.00 USD (jump 1000.00)
	// tier 3 at list 187500.00 USD: profit 43499.99 USD → 46500.00 USD (jump 3000.00)
}

func ExampleCompare() {
	ours := margin.MustParseResale(resale)
	// A competitor declares 35 % off list and nothing else.
	spec := ours.Spec()
	spec.Discounts = []pricing.Discount{{Kind: pricing.TierDiscount, Name: "gold", Rate: money.MustRate("35%")}}
	spec.Earnings, spec.Offsets = nil, nil
	theirs, _ := margin.NewResale(spec)
	usd := money.MustCurrency("USD")
	a, _ := margin.Annual("acme", usd, []margin.Resale{ours}, nil)
	b, _ := margin.Annual("acme", usd, []margin.Resale{theirs}, nil)
	v, err := margin.Compare(a, b)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range v.Levers {
		fmt.Println(g.Lever, g.Gap)
	}
	fmt.Println("profit", v.Profit, "best", v.Best, "worst", v.Worst)
	// Output:
	// front-end -500.00 USD
	// back-end 140.00 USD
	// offsets 250.00 USD
	// services 0.00 USD
	// cost-to-serve 0.00 USD
	// profit -110.00 USD best offsets worst front-end
}

func ExampleSurvey() {
	usd := money.MustCurrency("USD")
	hw := margin.MustParseResale(resale)
	a, _ := margin.Annual("acme", usd, []margin.Resale{hw}, nil)
	b, _ := margin.Annual("bolt", usd, []margin.Resale{hw}, []margin.Benefit{
		{Kind: margin.Cost, Name: "field-team", Amount: money.MustParse("3000.00 USD")}})
	v, err := margin.Survey([]margin.PartnerPnL{a, b}, money.MustParse("0.00 USD"))
	if err != nil {
		fmt.Println(err)
		return
	}
	// acme 2036, bolt 2036 − 3000 = −964: total 1072; cost to serve −426 − 3000 = −3426 against
	// 1400 + 140 + 250 + 672 = 2462.
	fmt.Println(v.Total, v.Min, v.Max)
	for _, l := range v.Short {
		fmt.Println(l.Partner, l.Lever, l.Reason)
	}
	top, _ := v.Concentration.TopK(1)
	fmt.Println(top)
	// Output:
	// 1072.00 USD -964.00 USD 2036.00 USD
	// bolt cost-to-serve cost-to-serve -3426.00 USD outweighs the other levers' 2462.00 USD (profit -964.00 USD, below 0.00 USD)
	// 1.000000000000
}

func ExampleMargin() {
	// Sell at 125, bought at 100: margin 25/125 = 20 %, markup 25/100 = 25 %.
	m, _ := margin.Margin(money.MustParse("125.00 USD"), money.MustParse("100.00 USD"))
	u, _ := margin.Markup(money.MustParse("125.00 USD"), money.MustParse("100.00 USD"))
	fmt.Println(m, u)
	// Output:
	// 0.200000000000 0.250000000000
}

func ExampleMarkup() {
	// Cost 80, price 100: markup 20/80 = 1/4.
	u, _ := margin.Markup(money.MustParse("100.00 USD"), money.MustParse("80.00 USD"))
	fmt.Println(u.Num(), u.Den(), u)
	// Output:
	// 20 80 0.250000000000
}

func ExampleMarkupOfMargin() {
	// A 1/3 margin is a 1/2 markup, exactly; and back.
	m, _ := capacity.NewRatio(decimal.New(1, 0), decimal.New(3, 0))
	u, _ := margin.MarkupOfMargin(m)
	back, _ := margin.MarginOfMarkup(u)
	fmt.Println(u, back.Equal(m))
	// Output:
	// 0.500000000000 true
}

func ExampleMarginOfMarkup() {
	// A 25 % markup is a 20 % margin: 0.25 / 1.25.
	u, _ := capacity.NewRatio(decimal.New(25, -2), decimal.New(1, 0))
	m, _ := margin.MarginOfMarkup(u)
	fmt.Println(m)
	// Output:
	// 0.200000000000
}

func ExampleGrossUp() {
	// Keep 1000.00 after a 3 % card fee: 1000 / 0.97 = 1030.9278… →
	// 1030.93, not 1000 × 1.03 = 1030.00 (which keeps only 999.10).
	p, _ := margin.GrossUp(money.MustParse("1000.00 USD"), money.MustRate("3%"), money.Ceiling)
	fmt.Println(p)
	// Output:
	// 1030.93 USD
}

func ExampleCostPlus() {
	// 80 + 10 % = 88.00 has a 9.1 % margin, below the 15 % minimum:
	// raised to 80 / 0.85 = 94.1176… → 94.12 (up).
	mn, mx := money.MustRate("15%"), money.MustRate("30%")
	p, err := margin.CostPlus(money.MustParse("80.00 USD"), money.MustRate("10%"), margin.MarginGuards{Min: &mn, Max: &mx}, money.HalfEven)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := p.Margin.Round(4, money.HalfEven)
	fmt.Println(p.Price, p.Guard, money.FormatDecimal(m, 4))
	// Output:
	// 94.12 USD min-margin 0.1500
}

func ExampleStackMargins() {
	// Distributor 10 %, reseller 20 % on a cost of 100.
	rs := []money.Rate{money.MustRate("10%"), money.MustRate("20%")}
	c, _ := margin.StackMargins(money.MustParse("100.00 USD"), rs, margin.ChainRates, money.HalfEven)
	a, _ := margin.StackMargins(money.MustParse("100.00 USD"), rs, margin.AddRates, money.HalfEven)
	// 100 / (0.9 × 0.8) = 138.89; 100 / 0.7 = 142.86.
	fmt.Println(c, a)
	// Output:
	// 138.89 USD 142.86 USD
}

func ExampleStackMarkups() {
	rs := []money.Rate{money.MustRate("10%"), money.MustRate("20%")}
	c, _ := margin.StackMarkups(money.MustParse("100.00 USD"), rs, margin.ChainRates, money.HalfEven)
	a, _ := margin.StackMarkups(money.MustParse("100.00 USD"), rs, margin.AddRates, money.HalfEven)
	// 100 × 1.1 × 1.2 = 132; 100 × 1.3 = 130.
	fmt.Println(c, a)
	// Output:
	// 132.00 USD 130.00 USD
}

func ExampleParseLever() {
	l, err := margin.ParseLever("back-end")
	fmt.Println(l, err)
	_, err = margin.ParseLever("backend")
	fmt.Println(err)
	// Output:
	// back-end <nil>
	// margin: unknown lever "backend" (valid: front-end, back-end, offsets, services, cost-to-serve; did you mean "back-end"?)
}

func ExampleParseItemKind() {
	k, _ := margin.ParseItemKind("spif")
	fmt.Println(k, k.Lever())
	// Output:
	// spif back-end
}

func ExampleParseKnob() {
	k, _ := margin.ParseKnob("attach-ratio")
	c, _ := margin.ParseComposition("compounding")
	g, _ := margin.ParseGuard("max-margin")
	m, _ := margin.ParseSolveMethod("bisection")
	fmt.Println(k, c, g, m)
	// Output:
	// attach-ratio compounding max-margin bisection
}
