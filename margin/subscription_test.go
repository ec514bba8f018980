package margin_test

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
)

// passThrough is a SaaS subscription passed through at no resale margin:
// the partner earns a 5 % renewal incentive and services.
const passThrough = `{
 "id": "saas-77", "revenue": "1200.00 USD", "periods": 3,
 "churn": "10%", "expansion": "5%",
 "resale_margin": "0%", "renewal_incentive": "5%",
 "attach_ratio": "50%", "services_margin": "40%", "cost_to_serve": "5%",
 "discount_rate": "10%", "rounding": "half-even"
}`

func TestLifetimeGolden(t *testing.T) {
	l, err := margin.MustParseSubscription(passThrough).Lifetime()
	if err != nil {
		t.Fatal(err)
	}
	// q = 0.9 × 1.05 = 0.945: R = 1200, 1134, 1071.63 (Σ 3405.63).
	// Rate on revenue: 0 + 50 % × 40 % − 5 % = 15 % in term 0, + 5 %
	// renewal incentive = 20 % after: π = 180, 226.8, 214.326
	// (Σ 621.126 → 621.13; cumulative 180.00, 406.80, 621.13).
	// PV at 10 %: 180 + 226.8/1.1 + 214.326/1.21 = 180 + 206.181818… +
	// 177.128925… = 563.310743… → 563.31 (cumulative 180.00, 386.18,
	// 563.31, so terms 180.00, 206.18, 177.13).
	want := []margin.Term{
		{Period: 0, Revenue: amt("1200.00 USD"), Profit: amt("180.00 USD"), PresentValue: amt("180.00 USD")},
		{Period: 1, Revenue: amt("1134.00 USD"), Profit: amt("226.80 USD"), PresentValue: amt("206.18 USD")},
		{Period: 2, Revenue: amt("1071.63 USD"), Profit: amt("214.33 USD"), PresentValue: amt("177.13 USD")},
	}
	if diff := cmp.Diff(want, l.Terms); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
	checkFigure(t, "revenue", l.Revenue, "3405.63 USD")
	checkFigure(t, "profit", l.Profit, "621.13 USD")
	checkFigure(t, "ltv", l.LTV, "563.31 USD")
}

// The terms sum exactly to the totals, and the LTV is the exact sum
// rounded once, checked against an independent big.Rat computation that
// raises powers directly.
func TestLifetimeProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		bp := func(label string, lo, hi int64) *money.Rate { return genBP(rt, label, lo, hi) }
		spec := margin.SubscriptionSpec{
			ID: "s", Revenue: genCents(rt, "revenue", 0, 1e9), Periods: rapid.IntRange(1, 16).Draw(rt, "periods"),
			Churn: bp("churn", 0, 10000), Expansion: bp("expansion", 0, 5000), ResaleMargin: bp("resale", -2000, 5000),
			RenewalIncentive: bp("renewal", 0, 2000), AttachRatio: bp("attach", 0, 20000), ServicesMargin: bp("svc", -5000, 10000),
			CostToServe: bp("cost", 0, 3000), DiscountRate: bp("discount", 0, 3000),
			Rounding: rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.Floor}).Draw(rt, "mode"),
		}
		s, err := margin.NewSubscription(spec)
		if err != nil {
			rt.Fatal(err)
		}
		l, err := s.Lifetime()
		if err != nil {
			rt.Fatal(err)
		}
		sum := [3]decimal.Decimal{}
		for _, tm := range l.Terms {
			sum[0], sum[1], sum[2] = sum[0].Add(tm.Revenue.Decimal()), sum[1].Add(tm.Profit.Decimal()), sum[2].Add(tm.PresentValue.Decimal())
		}
		if !sum[0].Equal(l.Revenue.Decimal()) || !sum[1].Equal(l.Profit.Decimal()) || !sum[2].Equal(l.LTV.Decimal()) {
			rt.Fatalf("terms sum to %v, totals %v %v %v", sum, l.Revenue, l.Profit, l.LTV)
		}
		// Reference: Σ_t R·q^t·rate_t / (1+r)^t with powers taken afresh.
		q := new(big.Rat).Mul(ratOf(spec.Churn.Complement().Fraction()), ratOf(decimal.New(1, 0).Add(spec.Expansion.Fraction())))
		base := new(big.Rat).Add(ratOf(spec.ResaleMargin.Fraction()), ratOf(spec.AttachRatio.Fraction().Mul(spec.ServicesMargin.Fraction())))
		base.Sub(base, ratOf(spec.CostToServe.Fraction()))
		ltv := new(big.Rat)
		for i := range spec.Periods {
			r := new(big.Rat).Set(base)
			if i > 0 {
				r.Add(r, ratOf(spec.RenewalIncentive.Fraction()))
			}
			qt := ratPow(q, i)
			dt := ratPow(new(big.Rat).Add(big.NewRat(1, 1), ratOf(spec.DiscountRate.Fraction())), i)
			term := new(big.Rat).Mul(ratOf(spec.Revenue.Decimal()), qt)
			term.Mul(term, r)
			ltv.Add(ltv, term.Quo(term, dt))
		}
		want, err := money.Div(decimal.NewFromBigInt(ltv.Num(), 0), decimal.NewFromBigInt(ltv.Denom(), 0), 2, spec.Rounding)
		if err != nil || !want.Equal(l.LTV.Decimal()) {
			rt.Fatalf("ltv %v, reference %v", l.LTV, want)
		}
	})
}

func ratPow(x *big.Rat, n int) *big.Rat {
	r := big.NewRat(1, 1)
	for range n {
		r.Mul(r, x)
	}
	return r
}
