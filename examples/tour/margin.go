package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// marginDeals are one partner's two deals of the year: a registered
// hardware deal with special pricing and co-op, and a SaaS subscription
// passed through at list, on which the partner earns its services.
const marginHardware = `{
 "id": "hw-1001", "list": "50000.00 USD",
 "pricing": {"stacking": "additive", "rounding": "half-even"},
 "discounts": [{"kind": "tier", "name": "gold", "rate": "20%"},
               {"kind": "registration", "name": "reg", "rate": "10%"},
               {"kind": "special-pricing", "name": "sp-acme", "rate": "5%"}],
 "sell": {"street_discount": "25%", "brand_premium": "4%"},
 "mdf": [{"name": "webinar", "spend": "2000.00 USD", "vendor_share": "50%", "approved": "900.00 USD"}],
 "services": {"attach_ratio": "15%", "margin": "35%"},
 "costs": [{"name": "presales", "amount": "1200.00 USD"}, {"name": "logistics", "rate": "1%"}],
 "rounding": "half-even"}`

const marginSaaS = `{
 "id": "saas-77", "list": "24000.00 USD",
 "pricing": {"stacking": "additive", "rounding": "half-even"},
 "sell": {"price": "24000.00 USD"},
 "services": {"attach_ratio": "120%", "margin": "30%"},
 "costs": [{"name": "onboarding", "amount": "1500.00 USD"}],
 "rounding": "half-even"}`

// marginRebatePlan pays 1 % of the year's purchases, 2 % from 50,000.
const marginRebatePlan = `{
 "id": "fy26-rebate", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [{"id": "volume", "version": "1", "effective_from": "2026-01-01", "recipient": "partner",
   "measure": "revenue", "schedule": {"mode": "all-units", "boundary": "lower-inclusive",
   "tiers": [{"from": "0", "rate": "1%"}, {"from": "50000", "rate": "2%"}]}}]}`

// marginChapter follows one partner through a year: two deal P&Ls, the
// year by lever with the rebate of an incentive plan on its purchases,
// a subscription's lifetime value, a sensitivity and a break-even, a
// competitor's programme side by side, and the programme across partners.
func marginChapter(w io.Writer) error {
	hw, err := margin.ParseResale([]byte(marginHardware))
	if err != nil {
		return err
	}
	saas, err := margin.ParseResale([]byte(marginSaaS))
	if err != nil {
		return err
	}
	for _, s := range []margin.Resale{hw, saas} {
		p := s.PnL()
		fmt.Fprintf(w, "  %s: list %s, buy %s, sell %s\n", p.Resale, p.List, p.Buy, p.Sell)
		for _, it := range p.Items {
			fmt.Fprintf(w, "    %-13s %-9s %-8s %12s\n", it.Lever, it.Kind, it.Name, it.Amount)
		}
		fmt.Fprintf(w, "    profit %s\n", p.Profit)
	}

	// The year's rebate: the plan on the partner's purchases (the buy prices).
	plan, err := incentive.ParsePlan([]byte(marginRebatePlan))
	if err != nil {
		return err
	}
	year := incentive.NewPeriod("2026", incentive.MustDate("2026-01-01"), incentive.MustDate("2027-01-01"))
	var txs []incentive.Transaction
	for i, s := range []margin.Resale{hw, saas} {
		txs = append(txs, incentive.Transaction{ID: s.ID(), Date: time.Date(2026, time.Month(3+3*i), 1, 0, 0, 0, 0, time.UTC),
			Kind: incentive.Sale, PartnerID: "acme", Amount: s.PnL().Buy})
	}
	res, err := incentive.Evaluate(plan, year, nil, slices.Values(txs))
	if err != nil {
		return err
	}
	rebate, err := margin.EarningFromIncentive(margin.Rebate, res.Lines[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  rebate from %s: %s\n", rebate.Origin, rebate.Note)
	usd := money.MustCurrency("USD")
	benefits := []margin.Benefit{
		{Kind: margin.Rebate, Name: rebate.Name, Amount: *rebate.Amount, Origin: rebate.Origin},
		{Kind: margin.Offset, Name: "certification", Amount: money.MustParse("1500.00 USD")},
	}
	y, err := margin.Annual("acme", usd, []margin.Resale{hw, saas}, benefits)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  acme's year: profit %s\n", y.Profit)
	for _, l := range y.Levers {
		pct, err := l.Share.Round(4, money.HalfEven)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "    %-13s %12s %8s%%\n", l.Lever, l.Amount, money.FormatDecimal(pct.Shift(2), 2))
	}

	sub, err := margin.ParseSubscription([]byte(`{"id": "saas-77", "revenue": "24000.00 USD", "periods": 5,
 "churn": "8%", "expansion": "6%", "resale_margin": "0%", "renewal_incentive": "4%",
 "attach_ratio": "30%", "services_margin": "30%", "cost_to_serve": "2%", "discount_rate": "8%", "rounding": "half-even"}`))
	if err != nil {
		return err
	}
	life, err := sub.Lifetime()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  saas-77 over 5 years: revenue %s, partner profit %s, LTV at 8%% %s\n", life.Revenue, life.Profit, life.LTV)

	e, err := margin.Sensitivity(hw, margin.Change{Knob: margin.KnobAttachRatio, To: money.MustRate("30%")})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  attach 15%% → 30%% on hw-1001: partner profit changes by %s (vendor cost by %s)\n", e.Profit, e.VendorCost)
	sol, err := margin.BreakEven(hw, margin.Target{Knob: margin.KnobAttachRatio, Profit: money.MustParse("10000.00 USD"),
		Lo: money.MustRate("0"), Hi: money.MustRate("300%")})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  hw-1001 makes 10000.00 USD from an attach ratio of %s (%s)\n", sol.Rate.FormatPercent(), sol.Method)

	// The plan's schedule as a tiered rebate on hw-1001 alone (no prior
	// purchases): how large must the deal be to make 11000.00? The 2 %
	// tier pays back to dollar one, a cliff where purchases reach 50,000.
	sched, err := tier.New(plan.Spec().Components[0].Schedule)
	if err != nil {
		return err
	}
	none := money.MustParse("0.00 USD")
	spec := hw.Spec()
	spec.Earnings = []margin.EarningSpec{{Kind: margin.Rebate, Name: "volume",
		Tiered: &margin.TieredSpec{Schedule: sched, Prior: &none}}}
	alone, err := margin.NewResale(spec)
	if err != nil {
		return err
	}
	size, err := margin.BreakEvenSize(alone, margin.SizeTarget{Profit: money.MustParse("11000.00 USD"),
		Lo: money.MustParse("0.00 USD"), Hi: money.MustParse("200000.00 USD"), Precision: money.MustParse("1.00 USD")})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  with the rebate's tiers on the deal alone, hw-1001 makes 11000.00 USD from a list price of %s (%s, cliff: %t)\n",
		size.List, size.Method, size.Cliff)
	for _, c := range size.Crossings {
		fmt.Fprintf(w, "    purchases reach tier %d at list %s: profit %s → %s\n", c.Tier, c.List, c.Below, c.Profit)
	}

	// A competitor declares 40 % off list and nothing else on the same deals.
	spec = hw.Spec()
	spec.Discounts = spec.Discounts[:1]
	spec.Discounts[0].Rate = money.MustRate("40%")
	spec.MDF = nil
	theirs, err := margin.NewResale(spec)
	if err != nil {
		return err
	}
	them, err := margin.Annual("acme", usd, []margin.Resale{theirs, saas}, nil)
	if err != nil {
		return err
	}
	v, err := margin.Compare(y, them)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  ours against a competitor's 40%% off list: profit gap %s; our best lever %s, our worst %s\n", v.Profit, v.Best, v.Worst)

	bolt, err := margin.Annual("bolt", usd, []margin.Resale{saas}, []margin.Benefit{
		{Kind: margin.Cost, Name: "practice-build", Amount: money.MustParse("8000.00 USD")}})
	if err != nil {
		return err
	}
	cirrus, err := margin.Annual("cirrus", usd, []margin.Resale{hw}, nil)
	if err != nil {
		return err
	}
	view, err := margin.Survey([]margin.PartnerPnL{y, bolt, cirrus}, money.MustParse("0.00 USD"))
	if err != nil {
		return err
	}
	top, err := view.Concentration.TopK(1)
	if err != nil {
		return err
	}
	share, err := top.Round(4, money.HalfEven)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  programme: total %s, median %s; the top partner earns %s%% of the profitable partners' profit\n",
		view.Total, view.Median, money.FormatDecimal(share.Shift(2), 2))
	for _, l := range view.Short {
		fmt.Fprintf(w, "  unprofitable: %s, %s\n", l.Partner, l.Reason)
	}
	return nil
}
