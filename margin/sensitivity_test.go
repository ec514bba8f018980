package margin_test

import (
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
)

func hardware(t testing.TB) margin.Resale { return goldenSale(t, "hardware-resale.json", "hw-1001") }

func TestSensitivity(t *testing.T) {
	// Gold discount 30 % → 32 %: buy 7000 → 6800 (+200 front-end), the
	// 2 % rebate on buy 140 → 136 (−4): profit 2036 → 2232 (+196).
	// Vendor cost: discounts 3000 → 3200, rebate 140 → 136, offset 250:
	// 3390 → 3586 (+196).
	e, err := margin.Sensitivity(hardware(t), margin.Change{Knob: margin.KnobDiscount, Name: "gold", To: rate("32%")})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, "profit before", e.Before.Profit, "2036.00 USD")
	checkFigure(t, "profit after", e.After.Profit, "2232.00 USD")
	checkFigure(t, "Δprofit", e.Profit, "196.00 USD")
	checkFigure(t, "vendor cost before", e.Before.VendorCost, "3390.00 USD")
	checkFigure(t, "Δvendor cost", e.VendorCost, "196.00 USD")

	// Attach ratio 20 % → 30 %: services 8400 × 30 % × 40 % = 1008 (+336);
	// the vendor pays nothing for it.
	e, err = margin.Sensitivity(hardware(t), margin.Change{Knob: margin.KnobAttachRatio, To: rate("30%")})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, "Δprofit", e.Profit, "336.00 USD")
	checkFigure(t, "Δvendor cost", e.VendorCost, "0.00 USD")

	// Brand premium 5 % → 10 %: sell 8000 × 1.1 = 8800 (+400 front-end,
	// services 8800 × 8 % = 704 (+32), logistics 1.5 % = 132 (−6)): +426.
	e, err = margin.Sensitivity(hardware(t), margin.Change{Knob: margin.KnobBrandPremium, To: rate("10%")})
	if err != nil {
		t.Fatal(err)
	}
	checkFigure(t, "Δprofit", e.Profit, "426.00 USD")

	for _, c := range []struct {
		name string
		c    margin.Change
		path string
	}{
		{"no such discount", margin.Change{Knob: margin.KnobDiscount, Name: "silver", To: rate("1%")}, "/name"},
		{"no knob", margin.Change{}, "/knob"},
		{"earning as amount", margin.Change{Knob: margin.KnobEarningRate, Name: "nope", To: rate("1%")}, "/name"},
		{"no mdf", margin.Change{Knob: margin.KnobVendorShare, Name: "m", To: rate("1%")}, "/name"},
		{"rate breaks the sale", margin.Change{Knob: margin.KnobEarningRate, Name: "q3-volume", To: rate("-1%")}, "/earnings/0/rate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := margin.Sensitivity(hardware(t), c.c)
			var ie *margin.InputError
			if !errors.As(err, &ie) || ie.Path != c.path {
				t.Errorf("error %v, want one at %s", err, c.path)
			}
		})
	}
}

func TestBreakEvenGolden(t *testing.T) {
	s := hardware(t)
	// Attach ratio for a profit of 2500.00: the other lines make
	// 2036 − 672 = 1364, so services must make 1136.00 = round(8400 ×
	// 40 % × a). Half-even, 113600 cents even: 1135.995 rounds to 1136.00,
	// so a ≥ 1135.995 / 3360 = 0.338093750000 exactly (12 places);
	// services there = round(1135.995) = 1136.00.
	sol, err := margin.BreakEven(s, margin.Target{Knob: margin.KnobAttachRatio, Profit: amt("2500.00 USD"), Lo: rate("0"), Hi: rate("300%")})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Method != margin.Exact || !sol.Rate.Equal(rate("0.33809375")) || !sol.Exact.Equal(ratioOf("1135.995", "3360")) {
		t.Errorf("attach ratio: %+v", sol)
	}
	checkFigure(t, "profit at break-even", sol.Profit, "2500.00 USD")

	// Rebate rate for 2100.01: others 2036 − 140 = 1896, need 204.01 of
	// buy 7000; 20401 cents is odd, so half-even needs more than 204.005:
	// 204.005 / 7000 = 0.029143571428571… → 0.029143571428 (12 places,
	// down) + 10^−12 = 0.029143571429.
	sol, err = margin.BreakEven(s, margin.Target{Knob: margin.KnobEarningRate, Name: "q3-volume", Profit: amt("2100.01 USD"), Lo: rate("0"), Hi: rate("100%")})
	if err != nil || sol.Method != margin.Exact || !sol.Rate.Equal(rate("0.029143571429")) {
		t.Errorf("rebate rate: %+v %v", sol, err)
	}

	// A tie on the grid: a target of 1896.11 needs a rebate of 0.11, 11
	// cents, odd. At 0.000015 × 7000 = 0.105 half-even gives 0.10 (ties
	// to even), so the least rate is one unit of the 12th place above:
	// 0.000015000001 (line 0.105000007 → 0.11).
	sol, err = margin.BreakEven(s, margin.Target{Knob: margin.KnobEarningRate, Name: "q3-volume", Profit: amt("1896.11 USD"), Lo: rate("0"), Hi: rate("100%")})
	if err != nil || !sol.Rate.Equal(rate("0.000015000001")) || !sol.Exact.Equal(ratioOf("0.105", "7000")) {
		t.Errorf("tie: %+v %v", sol, err)
	}
	checkBracket(t, s, margin.Change{Knob: margin.KnobEarningRate, Name: "q3-volume"}, sol, amt("1896.11 USD"))

	// Discount for 2500.00, by bisection to 1bp: profit(d) = sell 8400 −
	// buy 10000(1 − d) + rebate 2 % × buy + 496 = −904 + 9800 d (before
	// rounding to cents), so d ≈ 3404 / 9800 = 0.34734…
	sol, err = margin.BreakEven(s, margin.Target{Knob: margin.KnobDiscount, Name: "gold", Profit: amt("2500.00 USD"),
		Lo: rate("0"), Hi: rate("100%"), Precision: rate("1bp")})
	if err != nil || sol.Method != margin.Bisection {
		t.Fatalf("discount: %+v %v", sol, err)
	}
	if sol.Below.Cmp(rate("0.34734")) > 0 || sol.Rate.Cmp(rate("0.34735")) < 0 || sol.Rate.Sub(sol.Below).Cmp(rate("1bp")) > 0 {
		t.Errorf("discount bracket [%v, %v]", sol.Below.FormatFraction(), sol.Rate.FormatFraction())
	}
	checkBracket(t, s, margin.Change{Knob: margin.KnobDiscount, Name: "gold"}, sol, amt("2500.00 USD"))

	// Out of reach: even a 100 % attach ratio makes 1364 + 3360 = 4724.
	if _, err := margin.BreakEven(s, margin.Target{Knob: margin.KnobAttachRatio, Profit: amt("5000.00 USD"), Lo: rate("0"), Hi: rate("100%")}); !errors.Is(err, margin.ErrNoSolution) {
		t.Errorf("unreachable: %v", err)
	}
}

// checkBracket re-prices the sale at both ends of a solution,
// independently of BreakEven: below the target at Below (for a bisection),
// at least the target at Rate.
func checkBracket(t testing.TB, s margin.Resale, c margin.Change, sol margin.Solution, target money.Amount) {
	t.Helper()
	c.To = sol.Rate
	at, err := s.With(c)
	if err != nil {
		t.Fatal(err)
	}
	if cmp, _ := at.PnL().Profit.Cmp(target); cmp < 0 {
		t.Fatalf("profit %v at %v is below the target %v", at.PnL().Profit, sol.Rate.FormatFraction(), target)
	}
	if sol.Method == margin.Bisection && !sol.Below.Equal(sol.Rate) {
		c.To = sol.Below
		below, err := s.With(c)
		if err != nil {
			t.Fatal(err)
		}
		if cmp, _ := below.PnL().Profit.Cmp(target); cmp >= 0 {
			t.Fatalf("profit %v at Below %v already reaches %v", below.PnL().Profit, sol.Below.FormatFraction(), target)
		}
	}
}

// A break-even is a root within its precision: exact solutions reach the
// target at Rate and fall short one unit of the last place below it;
// bisections bracket the target within the precision.
func TestBreakEvenProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		spec := genSale(rt)
		spec.Services = &margin.ServicesSpec{AttachRatio: genBP(rt, "attach", 0, 30000), Margin: genBP(rt, "svc margin", 1, 10000)}
		if len(spec.Discounts) == 0 {
			spec.Discounts = discounts("tier:t:10%")
		}
		s, err := margin.NewResale(spec)
		if err != nil {
			rt.Fatal(err)
		}
		knob := rapid.SampledFrom([]margin.Knob{margin.KnobAttachRatio, margin.KnobDiscount}).Draw(rt, "knob")
		c := margin.Change{Knob: knob}
		hi := rate("300%")
		if knob == margin.KnobDiscount {
			c.Name, hi = spec.Discounts[0].Name, rate("100%")
		}
		lo := rate("0")
		c.To = lo
		sLo, err1 := s.With(c)
		c.To = hi
		sHi, err2 := s.With(c)
		if err1 != nil || err2 != nil {
			return // the range breaks the stack (an additive sum above 100 %)
		}
		pLo, _ := sLo.PnL().Profit.MinorUnits()
		pHi, _ := sHi.PnL().Profit.MinorUnits()
		target := money.FromMinor(rapid.Int64Range(pLo, max(pLo, pHi)).Draw(rt, "target"), usd)
		sol, err := margin.BreakEven(s, margin.Target{Knob: knob, Name: c.Name, Profit: target, Lo: lo, Hi: hi, Precision: rate("0.5bp")})
		if err != nil {
			rt.Fatalf("target %v in [%v, %v]: %v", target, sLo.PnL().Profit, sHi.PnL().Profit, err)
		}
		checkBracket(t, s, c, sol, target)
		if sol.Method == margin.Bisection && sol.Rate.Sub(sol.Below).Cmp(rate("0.5bp")) > 0 {
			rt.Fatalf("bracket wider than the precision: [%v, %v]", sol.Below, sol.Rate)
		}
		if sol.Method == margin.Exact && !sol.Rate.Equal(lo) {
			// The least rate of the grid: one unit of the last place below
			// it, the profit misses the target.
			c.To = sol.Rate.Sub(money.RateFromFraction(d("0.000000000001")))
			below, err := s.With(c)
			if err != nil {
				rt.Fatal(err)
			}
			if cmp, _ := below.PnL().Profit.Cmp(target); cmp >= 0 {
				rt.Fatalf("exact %v: profit %v one unit below %v already reaches %v", sol.Exact, below.PnL().Profit, sol.Rate.FormatFraction(), target)
			}
		}
	})
}
