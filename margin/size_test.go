package margin_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/tier"
)

// volumeRebate is the 3-tier rebate of the hand examples: 2 % below
// 50,000, 4 % from 50,000, 6 % from 150,000 of period purchases, a bound
// in the tier it starts.
func volumeRebate(mode tier.Mode) tier.Schedule {
	return tier.MustNew(tier.Spec{Mode: mode, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{
		{From: d("0"), Rate: rate("2%")}, {From: d("50000"), Rate: rate("4%")}, {From: d("150000"), Rate: rate("6%")}}})
}

// tieredSale is a deal at list price list: a 20 % gold discount (buy =
// list × 80 %, rounded down), sold at list (street 0 %, premium 0 %), and
// the rebate on the period's purchases after prior; every line rounded
// down (floor).
func tieredSale(t testing.TB, list, prior string, mode tier.Mode) margin.Resale {
	t.Helper()
	pol := pricingSpec("additive")
	pol.Rounding = money.Floor
	s, err := margin.NewResale(margin.ResaleSpec{
		ID: "t", List: amtp(list), Pricing: pol, Discounts: discounts("tier:gold:20%"),
		Sell:     margin.SellSpec{StreetDiscount: ratep("0%"), BrandPremium: ratep("0%")},
		Earnings: []margin.EarningSpec{{Kind: margin.Rebate, Name: "volume", Tiered: &margin.TieredSpec{Schedule: volumeRebate(mode), Prior: amtp(prior)}}},
		Rounding: money.Floor,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTieredLine(t *testing.T) {
	// List 20,000.00, buy 16,000.00; prior purchases 40,000.00 (tier 1),
	// period volume 56,000.00 (tier 2, [50,000, 150,000)).
	for _, c := range []struct {
		mode          tier.Mode
		line          string
		rate          string
		before, after string
	}{
		// All-units: R(56,000) = 4 % × 56,000 = 2,240; R(40,000) = 2 % ×
		// 40,000 = 800; the deal earns 1,440.00 = 4 % × 16,000 + the 2 %
		// uplift on the prior 40,000 (800): the cliff is the deal's.
		{tier.AllUnits, "1440.00 USD", "4%", "800", "2240"},
		// Incremental: R(56,000) = 2 % × 50,000 + 4 % × 6,000 = 1,000 +
		// 240 = 1,240; R(40,000) = 800; the deal earns 440.00.
		{tier.Incremental, "440.00 USD", "4%", "800", "1240"},
	} {
		t.Run(c.mode.String(), func(t *testing.T) {
			p := tieredSale(t, "20000.00 USD", "40000.00 USD", c.mode).PnL()
			it := p.Items[2]
			if it.Kind != margin.Rebate || it.Source != "/earnings/0" {
				t.Fatalf("item %+v", it)
			}
			checkFigure(t, "rebate", it.Amount, c.line)
			tr := it.TierTrace
			want := margin.TierTrace{Mode: c.mode, Boundary: tier.LowerInclusive, Prior: amt("40000.00 USD"),
				Volume: amt("56000.00 USD"), PriorTier: 1, Tier: 2, Tiers: 3, From: d("50000"), To: d("150000"),
				Rate: rate(c.rate), Before: d(c.before), After: d(c.after)}
			if !tr.Equal(want) {
				t.Errorf("trace %+v, want %+v", tr, want)
			}
			// Front-end 20,000 − 16,000 = 4,000, plus the rebate.
			checkFigure(t, "profit", p.Profit, money.New(d("4000").Add(it.Amount.Decimal()), usd).String())
		})
	}
	// The top tier is unbounded: prior 140,000 + buy 16,000 = 156,000 in
	// tier 3 at 6 %: 9,360 − 5,600 = 3,760.00.
	it := tieredSale(t, "20000.00 USD", "140000.00 USD", tier.AllUnits).PnL().Items[2]
	checkFigure(t, "top tier", it.Amount, "3760.00 USD")
	if !it.TierTrace.Unbounded || it.TierTrace.Tier != 3 || !it.TierTrace.To.IsZero() {
		t.Errorf("top tier trace %+v", it.TierTrace)
	}
}

// Profit of tieredSale(x, prior 0, all-units), by hand, with buy =
// floor(0.8 x) and every line rounded down:
//
//	tier 1 (buy < 50,000,   x < 62,500.00):  x − buy + floor(2 % × buy)
//	tier 2 (buy < 150,000,  x < 187,500.00): x − buy + floor(4 % × buy) ≈ 0.232 x
//	tier 3:                                  x − buy + floor(6 % × buy) ≈ 0.248 x
//
// Crossings: x = 62,500.00 (buy 62,499.99 × 0.8 = 49,999.992 → 49,999.99
// is still tier 1), jump (4 % − 2 %) × 50,000 = 1,000; x = 187,500.00,
// jump (6 % − 4 %) × 150,000 = 3,000.
func TestBreakEvenSizeGolden(t *testing.T) {
	s := tieredSale(t, "100.00 USD", "0.00 USD", tier.AllUnits)
	target := func(profit, precision string) margin.SizeTarget {
		return margin.SizeTarget{Profit: amt(profit), Lo: amt("0.00 USD"), Hi: amt("300000.00 USD"), Precision: amt(precision)}
	}
	crossings := []margin.Crossing{
		// Below 62,499.99: 62,499.99 − 49,999.99 = 12,500.00 + floor(2 % ×
		// 49,999.99 = 999.9998) = 999.99 → 13,499.99. At 62,500.00: 12,500.00
		// + 4 % × 50,000.00 = 2,000.00 → 14,500.00.
		{Earning: "volume", Tier: 2, Bound: d("50000"), List: amt("62500.00 USD"), Jump: d("1000"),
			Below: amt("13499.99 USD"), Profit: amt("14500.00 USD")},
		// Below 187,499.99: buy 149,999.99, 37,500.00 + floor(5,999.9996) =
		// 5,999.99 → 43,499.99. At 187,500.00: 37,500.00 + 6 % × 150,000 =
		// 9,000.00 → 46,500.00.
		{Earning: "volume", Tier: 3, Bound: d("150000"), List: amt("187500.00 USD"), Jump: d("3000"),
			Below: amt("43499.99 USD"), Profit: amt("46500.00 USD")},
	}

	t.Run("inside tier 2, to the cent", func(t *testing.T) {
		// 0.232 x = 23,200.00 → x = 100,000.00 exactly: buy 80,000.00,
		// 20,000.00 + 3,200.00 = 23,200.00. One cent below: buy
		// floor(79,999.992) = 79,999.99, 20,000.00 + floor(3,199.9996) =
		// 3,199.99 → 23,199.99, short.
		sol, err := margin.BreakEvenSize(s, target("23200.00 USD", "0.01 USD"))
		if err != nil {
			t.Fatal(err)
		}
		want := margin.SizeSolution{Method: margin.Bisection, List: amt("100000.00 USD"), Profit: amt("23200.00 USD"),
			Below: amt("99999.99 USD"), Crossings: crossings}
		if !sol.Equal(want) {
			t.Errorf("got %+v\nwant %+v", sol, want)
		}
	})
	t.Run("inside tier 2, to 1.00", func(t *testing.T) {
		// The bracket holds 100,000.00: Below < 100,000.00 ≤ List and
		// List − Below ≤ 1.00, so List ∈ [100,000.00, 100,000.99].
		sol, err := margin.BreakEvenSize(s, target("23200.00 USD", "1.00 USD"))
		if err != nil {
			t.Fatal(err)
		}
		if sol.Method != margin.Bisection || sol.Cliff || sol.List.Decimal().Cmp(d("100000")) < 0 ||
			sol.List.Decimal().Cmp(d("100000.99")) > 0 || sol.Below.Decimal().Cmp(d("100000")) >= 0 ||
			sol.List.Decimal().Sub(sol.Below.Decimal()).Cmp(d("1")) > 0 {
			t.Errorf("got %+v", sol)
		}
	})
	t.Run("at the tier 3 cliff", func(t *testing.T) {
		// 45,000.00: tier 2 tops out at 43,499.99 (x = 187,499.99), and
		// the cliff takes the profit to 46,500.00 at 187,500.00.
		sol, err := margin.BreakEvenSize(s, target("45000.00 USD", "1.00 USD"))
		if err != nil {
			t.Fatal(err)
		}
		want := margin.SizeSolution{Method: margin.Bisection, List: amt("187500.00 USD"), Profit: amt("46500.00 USD"),
			Below: amt("187499.99 USD"), Cliff: true, Crossings: crossings}
		if !sol.Equal(want) {
			t.Errorf("got %+v\nwant %+v", sol, want)
		}
	})
	t.Run("at lo", func(t *testing.T) {
		// x = 10,000.00: buy 8,000.00, 2,000.00 + 160.00 = 2,160.00.
		sol, err := margin.BreakEvenSize(s, margin.SizeTarget{Profit: amt("1000.00 USD"), Lo: amt("10000.00 USD"),
			Hi: amt("20000.00 USD"), Precision: amt("1.00 USD")})
		if err != nil {
			t.Fatal(err)
		}
		if !sol.List.Equal(amt("10000.00 USD")) || !sol.Below.Equal(sol.List) || !sol.Profit.Equal(amt("2160.00 USD")) || len(sol.Crossings) != 0 {
			t.Errorf("got %+v", sol)
		}
	})
	t.Run("out of reach", func(t *testing.T) {
		// At most 46,500.00 + 0.248 × 112,500 ≈ 74,400 by 300,000.00.
		_, err := margin.BreakEvenSize(s, target("100000.00 USD", "1.00 USD"))
		var ie *margin.InputError
		if !errors.Is(err, margin.ErrNoSolution) || !errors.As(err, &ie) || ie.Path != "/hi" {
			t.Errorf("error %v", err)
		}
	})
}

// A falling rate (the cliff goes down): 6 % below 50,000 and 1 % from
// 50,000 of purchases. The profit 0.2 x + 6 % × 0.8 x = 0.248 x climbs to
// 62,499.99 − 49,999.99 + floor(2,999.9994) = 12,500.00 + 2,999.99 =
// 15,499.99, drops at 62,500.00 to 12,500.00 + 500.00 = 13,000.00, and
// climbs again at 0.208 x. A target of 14,000.00 is first reached in tier
// 1: 0.248 x = 14,000 → x = 56,451.6129…; with the lines rounded down
// the least cent is 56,451.61 (buy floor(45,161.288) = 45,161.28:
// 11,290.33 + floor(2,709.6768) = 2,709.67 → 14,000.00), and at 56,451.60
// (buy floor(45,161.28) = 45,161.28: 11,290.32 + 2,709.67 = 13,999.99)
// the profit is short. A plain bisection over the whole interval could
// land on the second crossing, near 0.208 x = 14,000 → 67,307.69.
func TestBreakEvenSizeFallingCliff(t *testing.T) {
	pol := pricingSpec("additive")
	pol.Rounding = money.Floor
	sched := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{
		{From: d("0"), Rate: rate("6%")}, {From: d("50000"), Rate: rate("1%")}}})
	s, err := margin.NewResale(margin.ResaleSpec{
		ID: "f", List: amtp("100.00 USD"), Pricing: pol, Discounts: discounts("tier:gold:20%"),
		Sell:     margin.SellSpec{StreetDiscount: ratep("0%"), BrandPremium: ratep("0%")},
		Earnings: []margin.EarningSpec{{Kind: margin.Rebate, Name: "volume", Tiered: &margin.TieredSpec{Schedule: sched, Prior: amtp("0.00 USD")}}},
		Rounding: money.Floor,
	})
	if err != nil {
		t.Fatal(err)
	}
	sol, err := margin.BreakEvenSize(s, margin.SizeTarget{Profit: amt("14000.00 USD"), Lo: amt("0.00 USD"),
		Hi: amt("100000.00 USD"), Precision: amt("0.01 USD")})
	if err != nil {
		t.Fatal(err)
	}
	if !sol.List.Equal(amt("56451.61 USD")) || !sol.Below.Equal(amt("56451.60 USD")) || sol.Cliff {
		t.Errorf("got %+v", sol)
	}
	// (1 % − 6 %) × 50,000 = −2,500: a cliff down.
	if len(sol.Crossings) != 1 || !sol.Crossings[0].Jump.Equal(d("-2500")) || !sol.Crossings[0].Below.Equal(amt("15499.99 USD")) ||
		!sol.Crossings[0].Profit.Equal(amt("13000.00 USD")) {
		t.Errorf("crossings %+v", sol.Crossings)
	}
}

func TestBreakEvenSizeErrors(t *testing.T) {
	s := tieredSale(t, "100.00 USD", "0.00 USD", tier.AllUnits)
	ok := margin.SizeTarget{Profit: amt("1.00 USD"), Lo: amt("0.00 USD"), Hi: amt("10.00 USD"), Precision: amt("0.01 USD")}
	declared := margin.MustParseResale(`{` + okSale + `}`)
	for _, c := range []struct {
		name string
		s    margin.Resale
		f    func(*margin.SizeTarget)
		path string
		want error
	}{
		{"zero resale", margin.Resale{}, func(*margin.SizeTarget) {}, "", margin.ErrInvalid},
		{"declared sell", declared, func(*margin.SizeTarget) {}, "/sell/price", margin.ErrInvalid},
		{"profit currency", s, func(t *margin.SizeTarget) { t.Profit = amt("1.00 EUR") }, "/profit", margin.ErrCurrency},
		{"lo negative", s, func(t *margin.SizeTarget) { t.Lo = amt("-1.00 USD") }, "/lo", margin.ErrInvalid},
		{"lo fraction of a cent", s, func(t *margin.SizeTarget) { t.Lo = amt("0.001 USD") }, "/lo", margin.ErrInvalid},
		{"hi below lo", s, func(t *margin.SizeTarget) { t.Lo = amt("20.00 USD") }, "/hi", margin.ErrInvalid},
		{"hi missing", s, func(t *margin.SizeTarget) { t.Hi = money.Amount{} }, "/hi", margin.ErrMissing},
		{"precision zero", s, func(t *margin.SizeTarget) { t.Precision = amt("0.00 USD") }, "/precision", margin.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			tg := ok
			c.f(&tg)
			_, err := margin.BreakEvenSize(c.s, tg)
			var ie *margin.InputError
			if !errors.Is(err, c.want) || !errors.As(err, &ie) || ie.Path != c.path {
				t.Errorf("error %v, want %v at %q", err, c.want, c.path)
			}
		})
	}
}

// genSchedule draws an all-units or incremental rebate schedule of one to
// four tiers, rates 0–10 % (rising or falling), bounds in whole currency
// units up to 200,000.
func genSchedule(t *rapid.T) tier.Schedule {
	mode := rapid.SampledFrom([]tier.Mode{tier.AllUnits, tier.Incremental}).Draw(t, "mode")
	b := rapid.SampledFrom([]tier.Boundary{tier.LowerInclusive, tier.UpperInclusive}).Draw(t, "boundary")
	n := rapid.IntRange(1, 4).Draw(t, "tiers")
	tiers := make([]tier.Tier, n)
	from := int64(0)
	for i := range tiers {
		if i > 0 {
			from += rapid.Int64Range(1, 80000).Draw(t, "width")
		}
		tiers[i] = tier.Tier{From: decimal.NewFromInt(from), Rate: *genBP(t, "tier rate", 0, 1000)}
	}
	return tier.MustNew(tier.Spec{Mode: mode, Boundary: b, Tiers: tiers})
}

// The deal size BreakEvenSize returns is a root to the declared
// precision: profit(List) ≥ target and, when List > Lo, profit(List −
// precision) < target; Below is within the precision of List with a
// profit below the target. The sales drawn have a profit that does not
// fall inside a tier (sold at list, so front-end = list − buy never
// falls; rebate rates ≥ 0), with rising or falling cliffs between tiers,
// any prior volume, boundary convention and rounding.
func TestBreakEvenSizeIsRoot(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		pol := pricingSpec("additive")
		pol.Rounding = rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.Floor, money.Ceiling}).Draw(rt, "pricing rounding")
		spec := margin.ResaleSpec{ID: "p", List: amtp("1.00 USD"), Pricing: pol,
			Discounts: []pricing.Discount{{Kind: kinds[0], Name: "d", Rate: *genBP(rt, "discount", 0, 3000)}},
			Sell:      margin.SellSpec{StreetDiscount: ratep("0%"), BrandPremium: ratep("0%")},
			Earnings: []margin.EarningSpec{{Kind: margin.Rebate, Name: "v",
				Tiered: &margin.TieredSpec{Schedule: genSchedule(rt), Prior: genCents(rt, "prior", 0, 2e7)}}},
			Rounding: rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.Floor, money.TowardZero}).Draw(rt, "rounding"),
		}
		if rapid.Bool().Draw(rt, "services") {
			spec.Services = &margin.ServicesSpec{AttachRatio: genBP(rt, "attach", 0, 20000), Margin: genBP(rt, "svc margin", 0, 10000)}
		}
		s, err := margin.NewResale(spec)
		if err != nil {
			rt.Fatal(err)
		}
		profit := func(cents int64) money.Amount {
			sp := s.Spec()
			sp.List = amtp(money.FromMinor(cents, usd).String())
			v, err := margin.NewResale(sp)
			if err != nil {
				rt.Fatal(err)
			}
			return v.PnL().Profit
		}
		lo := rapid.Int64Range(0, 1e7).Draw(rt, "lo")
		hi := lo + rapid.Int64Range(1, 3e7).Draw(rt, "span")
		prec := rapid.Int64Range(1, 1e5).Draw(rt, "precision")
		target := profit(rapid.Int64Range(lo, hi).Draw(rt, "reached at"))
		tg := margin.SizeTarget{Profit: target, Lo: money.FromMinor(lo, usd), Hi: money.FromMinor(hi, usd), Precision: money.FromMinor(prec, usd)}
		sol, err := margin.BreakEvenSize(s, tg)
		if err != nil {
			rt.Fatalf("%v", err)
		}
		reaches := func(p money.Amount) bool { c, _ := p.Cmp(target); return c >= 0 }
		x, _ := sol.List.MinorUnits()
		below, _ := sol.Below.MinorUnits()
		if sol.Method != margin.Bisection || x < lo || x > hi || below > x || x-below > prec {
			rt.Fatalf("solution %+v out of [%d, %d] or bracket wider than %d", sol, lo, hi, prec)
		}
		if p := profit(x); !reaches(p) || !p.Equal(sol.Profit) {
			rt.Fatalf("profit at %v is %v (solution says %v), target %v", sol.List, p, sol.Profit, target)
		}
		if x > lo {
			if p := profit(max(lo, x-prec)); reaches(p) {
				rt.Fatalf("profit at %v − precision is %v, reaches the target %v", sol.List, p, target)
			}
			if p := profit(below); reaches(p) {
				rt.Fatalf("profit at Below %v is %v, reaches the target %v", sol.Below, p, target)
			}
			// No list price below the bracket reaches the target.
			for range 4 {
				y := rapid.Int64Range(lo, below).Draw(rt, "below the bracket")
				if p := profit(y); reaches(p) {
					rt.Fatalf("profit at %v is %v: the target %v is reached below %v", money.FromMinor(y, usd), p, target, sol.List)
				}
			}
		}
		for _, c := range sol.Crossings {
			cx, _ := c.List.MinorUnits()
			if cx <= lo || cx > hi || !profit(cx).Equal(c.Profit) || !profit(cx-1).Equal(c.Below) {
				rt.Fatalf("crossing %+v", c)
			}
		}
	})
}

// BreakEven on the discount of a deal with a tiered rebate says when the
// tier changed between Lo and the answer. List 100,000.00 sold at list:
// with discount d, buy = 100,000 (1 − d), front-end 100,000 d. Down to
// d = 50 % the purchases stay in tier 2 (4 %): profit 100,000 d + 4,000
// (1 − d) = 4,000 + 96,000 d, at most 52,000 at 50 %; above 50 % they
// fall to tier 1 (2 %): 2,000 + 98,000 d, a cliff down of 1,000.
func TestBreakEvenDiscountCrossed(t *testing.T) {
	s := tieredSale(t, "100000.00 USD", "0.00 USD", tier.AllUnits)
	solve := func(profit string) margin.Solution {
		t.Helper()
		sol, err := margin.BreakEven(s, margin.Target{Knob: margin.KnobDiscount, Name: "gold", Profit: amt(profit),
			Lo: rate("0"), Hi: rate("100%"), Precision: rate("1bp")})
		if err != nil {
			t.Fatal(err)
		}
		return sol
	}
	// 51,200 in tier 2: d = 47,200 / 96,000 = 49.1666…%; no crossing.
	sol := solve("51200.00 USD")
	if sol.Crossed || sol.Rate.Cmp(rate("49.16%")) < 0 || sol.Rate.Cmp(rate("49.18%")) > 0 {
		t.Errorf("tier 2: %+v", sol)
	}
	// 60,000 only in tier 1: d = 58,000 / 98,000 = 59.1836…%; the tier
	// changed from 2 (at 0 %) to 1: Crossed.
	sol = solve("60000.00 USD")
	if !sol.Crossed || sol.Method != margin.Bisection || sol.Rate.Cmp(rate("59.18%")) < 0 || sol.Rate.Cmp(rate("59.20%")) > 0 ||
		sol.Rate.Sub(sol.Below).Cmp(rate("1bp")) > 0 {
		t.Errorf("tier 1: %+v", sol)
	}
}
