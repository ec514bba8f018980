package margin_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
)

func TestIdentities(t *testing.T) {
	// Price 125, cost 100: margin 25/125 = 20 %, markup 25/100 = 25 %;
	// 0.2 / (1 − 0.2) = 0.25 and 0.25 / (1 + 0.25) = 0.2.
	m, err := margin.Margin(amt("125.00 USD"), amt("100.00 USD"))
	if err != nil || !m.Equal(ratioOf("1", "5")) {
		t.Fatalf("margin %v %v", m, err)
	}
	u, err := margin.Markup(amt("125.00 USD"), amt("100.00 USD"))
	if err != nil || !u.Equal(ratioOf("1", "4")) {
		t.Fatalf("markup %v %v", u, err)
	}
	if got, err := margin.MarkupOfMargin(m); err != nil || !got.Equal(u) {
		t.Errorf("markup of margin %v %v", got, err)
	}
	if got, err := margin.MarginOfMarkup(u); err != nil || !got.Equal(m) {
		t.Errorf("margin of markup %v %v", got, err)
	}
	// A third margin: 1/3 / (1 − 1/3) = 1/2 exactly, no digit lost.
	if got, err := margin.MarkupOfMargin(ratioOf("1", "3")); err != nil || !got.Equal(ratioOf("1", "2")) {
		t.Errorf("markup of 1/3 %v %v", got, err)
	}

	// Gross-up: keep 1000.00 after a 3 % fee: 1000 / 0.97 = 1030.927835…
	// → 1030.93 (half-even), 1030.93 ceiling; never 1000 × 1.03 = 1030.00,
	// which leaves 999.10.
	for _, c := range []struct {
		mode money.RoundingMode
		want string
	}{{money.HalfEven, "1030.93 USD"}, {money.Ceiling, "1030.93 USD"}, {money.Floor, "1030.92 USD"}} {
		got, err := margin.GrossUp(amt("1000.00 USD"), rate("3%"), c.mode)
		if err != nil || !got.Equal(amt(c.want)) {
			t.Errorf("gross-up %v: %v %v, want %s", c.mode, got, err, c.want)
		}
	}

	// Stacked margins on 100.00: distributor 10 %, reseller 20 %.
	// Compounding 100 / (0.9 × 0.8) = 138.888… → 138.89; additive
	// 100 / 0.7 = 142.857… → 142.86. Markups: 100 × 1.1 × 1.2 = 132.00,
	// 100 × 1.3 = 130.00.
	rs := []money.Rate{rate("10%"), rate("20%")}
	for _, c := range []struct {
		margins bool
		how     margin.Composition
		want    string
	}{
		{true, margin.ChainRates, "138.89 USD"}, {true, margin.AddRates, "142.86 USD"},
		{false, margin.ChainRates, "132.00 USD"}, {false, margin.AddRates, "130.00 USD"},
	} {
		var got money.Amount
		var err error
		if c.margins {
			got, err = margin.StackMargins(amt("100.00 USD"), rs, c.how, money.HalfEven)
		} else {
			got, err = margin.StackMarkups(amt("100.00 USD"), rs, c.how, money.HalfEven)
		}
		if err != nil || !got.Equal(amt(c.want)) {
			t.Errorf("stack margins=%v %v: %v %v, want %s", c.margins, c.how, got, err, c.want)
		}
	}
}

func TestCostPlus(t *testing.T) {
	mn, mx := rate("15%"), rate("30%")
	guards := margin.MarginGuards{Min: &mn, Max: &mx}
	for _, c := range []struct {
		name, cost, markup, price string
		guard                     margin.Guard
	}{
		// 80 × 1.25 = 100.00: margin 20 %, inside [15 %, 30 %].
		{"inside", "80.00 USD", "25%", "100.00 USD", margin.NoGuard},
		// 80 × 1.10 = 88.00: margin 8/88 = 9.1 % < 15 %: 80 / 0.85 =
		// 94.1176… → 94.12 (ceiling), margin 14.12/94.12 = 15.002 %.
		{"min guard", "80.00 USD", "10%", "94.12 USD", margin.MinMarginGuard},
		// 80 × 1.60 = 128.00: margin 37.5 % > 30 %: 80 / 0.7 = 114.2857…
		// → 114.28 (floor), margin 34.28/114.28 = 29.997 %.
		{"max guard", "80.00 USD", "60%", "114.28 USD", margin.MaxMarginGuard},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := margin.CostPlus(amt(c.cost), rate(c.markup), guards, money.HalfEven)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Price.Equal(amt(c.price)) || got.Guard != c.guard {
				t.Errorf("price %v guard %v, want %s %v", got.Price, got.Guard, c.price, c.guard)
			}
		})
	}
	// Guards one hundredth of a percent apart on a cost of 1.00: no price
	// in cents has a margin in [50 %, 50.01 %]… except 2.00 (exactly 50 %).
	a, b := rate("50%"), rate("50.01%")
	if got, err := margin.CostPlus(amt("1.00 USD"), rate("200%"), margin.MarginGuards{Min: &a, Max: &b}, money.HalfEven); err != nil || !got.Price.Equal(amt("2.00 USD")) {
		t.Errorf("tight guards: %v %v", got, err)
	}
	// Cost 0.97: a margin in [10 %, 10.1 %] needs a price in
	// [1.0777…, 1.0788…]: no whole cent.
	a, b = rate("10%"), rate("10.1%")
	if _, err := margin.CostPlus(amt("0.97 USD"), rate("200%"), margin.MarginGuards{Min: &a, Max: &b}, money.HalfEven); !errors.Is(err, margin.ErrNoSolution) {
		t.Errorf("no cent between the guards: %v", err)
	}
}

// genRatio draws an exact ratio n/d with d > 0.
func genRatio(t *rapid.T, label string, lo, hi int64) capacity.Ratio {
	n := decimal.New(rapid.Int64Range(lo, hi).Draw(t, label+".num"), -rapid.Int32Range(0, 4).Draw(t, label+".nexp"))
	den := decimal.New(rapid.Int64Range(1, 1_000_000).Draw(t, label+".den"), -rapid.Int32Range(0, 4).Draw(t, label+".dexp"))
	r, err := capacity.NewRatio(n, den)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Margin ↔ markup round trips exactly, both ways, and agrees with the
// price/cost forms.
func TestMarginMarkupRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		u := genRatio(t, "markup", -999_999, 10_000_000)
		m, err := margin.MarginOfMarkup(u)
		if u.Cmp(ratioOf("-1", "1")) <= 0 {
			if !errors.Is(err, margin.ErrInvalid) {
				t.Fatalf("markup %v ≤ −1 accepted: %v", u, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		back, err := margin.MarkupOfMargin(m)
		if err != nil || !back.Equal(u) {
			t.Fatalf("markup %v → margin %v → %v, %v", u, m, back, err)
		}
		again, err := margin.MarginOfMarkup(back)
		if err != nil || !again.Equal(m) {
			t.Fatalf("margin %v → %v", m, again)
		}
		cost := money.FromMinor(rapid.Int64Range(1, 1e12).Draw(t, "cost"), usd)
		price := money.FromMinor(rapid.Int64Range(1, 1e12).Draw(t, "price"), usd)
		pm, err1 := margin.Margin(price, cost)
		pu, err2 := margin.Markup(price, cost)
		conv, err3 := margin.MarginOfMarkup(pu)
		if err := errors.Join(err1, err2, err3); err != nil || !conv.Equal(pm) {
			t.Fatalf("price %v cost %v: margin %v, markup %v → %v (%v)", price, cost, pm, pu, conv, err)
		}
	})
}

// ratOf is the exact rational value of a decimal (independent reference).
func ratOf(x decimal.Decimal) *big.Rat {
	r := new(big.Rat).SetInt(x.Coefficient())
	e := x.Exponent()
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(e, -e))), nil)
	if e >= 0 {
		return r.Mul(r, new(big.Rat).SetInt(p))
	}
	return r.Quo(r, new(big.Rat).SetInt(p))
}

// Gross-up rounded up is the smallest price in cents that keeps x after
// the fee (checked with big.Rat); cost-plus results respect their guards.
func TestGrossUpAndGuardsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := money.FromMinor(rapid.Int64Range(0, 1e12).Draw(t, "x"), usd)
		fee := money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, 9999).Draw(t, "fee bp")))
		p, err := margin.GrossUp(x, fee, money.Ceiling)
		if err != nil {
			t.Fatal(err)
		}
		keep := new(big.Rat).Sub(big.NewRat(1, 1), ratOf(fee.Fraction()))
		kept := new(big.Rat).Mul(ratOf(p.Decimal()), keep)
		less := new(big.Rat).Mul(new(big.Rat).Sub(ratOf(p.Decimal()), big.NewRat(1, 100)), keep)
		if kept.Cmp(ratOf(x.Decimal())) < 0 || (x.Sign() > 0 && less.Cmp(ratOf(x.Decimal())) >= 0) {
			t.Fatalf("gross-up %v at %v = %v is not the least price keeping x", x, fee, p)
		}

		cost := money.FromMinor(rapid.Int64Range(100, 1e9).Draw(t, "cost"), usd)
		markup := money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, 50000).Draw(t, "markup bp")))
		lo := rapid.Int64Range(0, 5000).Draw(t, "min bp")
		hi := rapid.Int64Range(lo+1, 9000).Draw(t, "max bp") // at least 1bp apart: on cost ≥ 1.00 a cent fits
		mn, mx := money.RateFromBasisPoints(decimal.NewFromInt(lo)), money.RateFromBasisPoints(decimal.NewFromInt(hi))
		cp, err := margin.CostPlus(cost, markup, margin.MarginGuards{Min: &mn, Max: &mx}, money.HalfEven)
		// Independently: the least cent price with margin ≥ min is
		// ⌈C/(1 − min)⌉, the greatest with margin ≤ max ⌊C/(1 − max)⌋.
		lowest := ceilCents(new(big.Rat).Quo(ratOf(cost.Decimal()), new(big.Rat).Sub(big.NewRat(1, 1), ratOf(mn.Fraction()))))
		highest := floorCents(new(big.Rat).Quo(ratOf(cost.Decimal()), new(big.Rat).Sub(big.NewRat(1, 1), ratOf(mx.Fraction()))))
		if errors.Is(err, margin.ErrNoSolution) != (lowest.Cmp(highest) > 0) {
			t.Fatalf("cost-plus %v between %v and %v: %v, cents [%v, %v]", cost, mn, mx, err, lowest, highest)
		}
		if err != nil {
			if errors.Is(err, margin.ErrNoSolution) {
				return
			}
			t.Fatal(err)
		}
		lower, _ := capacity.NewRatio(mn.Fraction(), decimal.New(1, 0))
		upper, _ := capacity.NewRatio(mx.Fraction(), decimal.New(1, 0))
		if cp.Margin.Cmp(lower) < 0 || cp.Margin.Cmp(upper) > 0 {
			t.Fatalf("cost-plus %v at %v: margin %v outside [%v, %v] (%v)", cost, markup, cp.Margin, mn, mx, cp.Guard)
		}
	})
}

// ceilCents and floorCents round a rational amount to whole cents.
func ceilCents(r *big.Rat) *big.Int {
	n := new(big.Int).Mul(r.Num(), big.NewInt(100))
	q, m := new(big.Int).DivMod(n, r.Denom(), new(big.Int))
	if m.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

func floorCents(r *big.Rat) *big.Int {
	n := new(big.Int).Mul(r.Num(), big.NewInt(100))
	q, _ := new(big.Int).DivMod(n, r.Denom(), new(big.Int))
	return q
}
