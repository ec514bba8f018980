package dealreg_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
)

func pricing(s dealreg.Stacking) dealreg.PricingPolicy {
	return dealreg.PricingPolicy{
		Stacking: s,
		Cap:      money.MustRate("0.40"),
		Priority: []dealreg.DiscountKind{dealreg.SpecialPricing, dealreg.RegistrationDiscount, dealreg.TierDiscount, dealreg.Promotion},
		Floor:    dealreg.Floor{Kind: dealreg.NoFloor, Action: dealreg.FloorError},
		Rounding: money.HalfEven,
	}
}

func disc(k dealreg.DiscountKind, name, rate string) dealreg.Discount {
	return dealreg.Discount{Kind: k, Name: name, Rate: money.MustRate(rate)}
}

// The seed's stack: tier 10 %, registration 15 %, special pricing 20 %.
func seedStack() []dealreg.Discount {
	return []dealreg.Discount{
		disc(dealreg.SpecialPricing, "special", "0.20"),
		disc(dealreg.TierDiscount, "tier", "0.10"),
		disc(dealreg.RegistrationDiscount, "registration", "0.15"),
	}
}

type stepWant struct{ name, rate, amount, net string }

func TestQuoteGolden(t *testing.T) {
	tests := []struct {
		name     string
		stacking dealreg.Stacking
		list     string
		ds       []dealreg.Discount
		net      string
		steps    []stepWant
	}{
		// Additive: 10000·(1 − 0.10 − 0.15 − 0.20) = 10000·0.55 = 5500.00.
		{"additive", dealreg.Additive, "10000.00 USD", seedStack(), "5500.00 USD", []stepWant{
			{"tier", "0.10", "1000.00", "9000.00"}, {"registration", "0.15", "1500.00", "7500.00"}, {"special", "0.20", "2000.00", "5500.00"}}},
		// Compounding: 10000·0.9 = 9000; ·0.85 = 7650; ·0.8 = 6120.00.
		{"compounding", dealreg.Compounding, "10000.00 USD", seedStack(), "6120.00 USD", []stepWant{
			{"tier", "0.10", "1000.00", "9000.00"}, {"registration", "0.15", "1350.00", "7650.00"}, {"special", "0.20", "1530.00", "6120.00"}}},
		// Priority special > registration > tier: only special 20 %: 8000.00.
		{"priority", dealreg.Priority, "10000.00 USD", seedStack(), "8000.00 USD", []stepWant{
			{"tier", "0", "0.00", "10000.00"}, {"registration", "0", "0.00", "10000.00"}, {"special", "0.20", "2000.00", "8000.00"}}},
		// Priority when special pricing is zero: registration 15 % applies: 8500.00.
		{"priority falls through", dealreg.Priority, "10000.00 USD", []dealreg.Discount{
			disc(dealreg.TierDiscount, "tier", "0.10"), disc(dealreg.RegistrationDiscount, "registration", "0.15"), disc(dealreg.SpecialPricing, "special", "0")},
			"8500.00 USD", []stepWant{
				{"tier", "0", "0.00", "10000.00"}, {"registration", "0.15", "1500.00", "8500.00"}, {"special", "0", "0.00", "8500.00"}}},
		// Best-of: the largest is 20 % (promotion 5 % ignored): 8000.00.
		{"best-of", dealreg.BestOf, "10000.00 USD", append(seedStack(), disc(dealreg.Promotion, "promo", "0.05")), "8000.00 USD", []stepWant{
			{"tier", "0", "0.00", "10000.00"}, {"registration", "0", "0.00", "10000.00"}, {"special", "0.20", "2000.00", "8000.00"}, {"promo", "0", "0.00", "8000.00"}}},
		// Capped sum, cap 40 %: 10 + 15 = 25, special cut from 20 to 15: net 6000.00.
		{"capped-sum", dealreg.CappedSum, "10000.00 USD", seedStack(), "6000.00 USD", []stepWant{
			{"tier", "0.10", "1000.00", "9000.00"}, {"registration", "0.15", "1500.00", "7500.00"}, {"special", "0.15", "1500.00", "6000.00"}}},
		// Capped sum below the cap behaves as additive: 10 + 15 = 25 %: 7500.00.
		{"capped-sum under cap", dealreg.CappedSum, "10000.00 USD", seedStack()[1:], "7500.00 USD", []stepWant{
			{"tier", "0.10", "1000.00", "9000.00"}, {"registration", "0.15", "1500.00", "7500.00"}}},
		// Rounding: 999.99·0.9 = 899.991 → 899.99; ·0.85 = 764.99235 → 764.99;
		// ·0.8 = 611.99388 → 611.99. Amounts are differences of rounded
		// nets: 100.00 + 135.00 + 153.00 = 388.00 = 999.99 − 611.99.
		{"compounding rounding", dealreg.Compounding, "999.99 USD", seedStack(), "611.99 USD", []stepWant{
			{"tier", "0.10", "100.00", "899.99"}, {"registration", "0.15", "135.00", "764.99"}, {"special", "0.20", "153.00", "611.99"}}},
		// JPY has no minor digits: 12345·0.9 = 11110.5 → 11110 (half-even);
		// ·0.85 = 9443.925 → 9444. Amounts 1235 + 1666 = 2901 = 12345 − 9444.
		{"jpy", dealreg.Compounding, "12345 JPY", seedStack()[1:], "9444 JPY", []stepWant{
			{"tier", "0.10", "1235", "11110"}, {"registration", "0.15", "1666", "9444"}}},
		// Additive, 100.01·(1 − 0.125) = 87.50875 → 87.51; amount 12.50.
		{"additive rounding", dealreg.Additive, "100.01 USD", []dealreg.Discount{disc(dealreg.TierDiscount, "tier", "12.5%")}, "87.51 USD", []stepWant{
			{"tier", "0.125", "12.50", "87.51"}}},
		// No discounts: net = list.
		{"none", dealreg.Additive, "10.00 USD", nil, "10.00 USD", nil},
		// 100 % additive is allowed: a free deal, never negative.
		{"hundred percent", dealreg.Additive, "10.00 USD", []dealreg.Discount{disc(dealreg.TierDiscount, "a", "0.6"), disc(dealreg.Promotion, "b", "0.4")}, "0.00 USD", []stepWant{
			{"a", "0.6", "6.00", "4.00"}, {"b", "0.4", "4.00", "0.00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := pricing(tt.stacking).Quote(money.MustParse(tt.list), tt.ds, money.Amount{})
			require.NoError(t, err)
			require.True(t, q.Net.Equal(money.MustParse(tt.net)), "net %s, want %s", q.Net, tt.net)
			cur := q.List.Currency().Code()
			var got []stepWant
			sum := money.Zero(q.List.Currency())
			for _, s := range q.Steps {
				got = append(got, stepWant{s.Name, s.Rate.FormatFraction(), trimCode(s.Amount, cur), trimCode(s.Net, cur)})
				sum, _ = sum.Add(s.Amount)
			}
			want := tt.steps
			for i := range want {
				want[i].rate = money.MustRate(want[i].rate).FormatFraction()
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(stepWant{})); diff != "" {
				t.Fatalf("steps (-want +got):\n%s", diff)
			}
			require.True(t, sum.Equal(q.Discount()), "amounts %s, list − net %s", sum, q.Discount())
		})
	}
}

func trimCode(a money.Amount, code string) string {
	s := a.String()
	return s[:len(s)-len(code)-1]
}

func TestQuoteErrors(t *testing.T) {
	usd := money.MustParse("10000.00 USD")
	tests := []struct {
		name string
		pp   dealreg.PricingPolicy
		list money.Amount
		ds   []dealreg.Discount
		cost money.Amount
		want error
		msg  string
	}{
		{"additive above 100%", pricing(dealreg.Additive), usd,
			[]dealreg.Discount{disc(dealreg.TierDiscount, "a", "0.6"), disc(dealreg.SpecialPricing, "b", "0.5")}, money.Amount{},
			dealreg.ErrStack, "dealreg: discounts total 1.1, above 100%"},
		{"rate above one", pricing(dealreg.Compounding), usd, []dealreg.Discount{disc(dealreg.TierDiscount, "a", "1.2")}, money.Amount{},
			dealreg.ErrStack, `dealreg: discount "a" rate 1.2 outside [0, 1]`},
		{"negative rate", pricing(dealreg.BestOf), usd, []dealreg.Discount{disc(dealreg.TierDiscount, "a", "-0.1")}, money.Amount{},
			dealreg.ErrStack, `dealreg: discount "a" rate -0.1 outside [0, 1]`},
		{"duplicate name", pricing(dealreg.Additive), usd, []dealreg.Discount{disc(dealreg.TierDiscount, "a", "0.1"), disc(dealreg.Promotion, "a", "0.1")}, money.Amount{},
			dealreg.ErrDuplicateID, `dealreg: /discounts/0/name = "a": duplicate discount id`},
		{"unknown kind", pricing(dealreg.Additive), usd, []dealreg.Discount{{Name: "x", Rate: money.MustRate("0.1")}}, money.Amount{},
			dealreg.ErrInvalidField, ""},
		{"unnamed", pricing(dealreg.Additive), usd, []dealreg.Discount{{Kind: dealreg.Promotion, Rate: money.MustRate("0.1")}}, money.Amount{},
			dealreg.ErrMissingField, ""},
		{"no list", pricing(dealreg.Additive), money.Amount{}, nil, money.Amount{}, dealreg.ErrMissingField, ""},
		{"negative list", pricing(dealreg.Additive), money.MustParse("-1.00 USD"), nil, money.Amount{}, dealreg.ErrInvalidField, ""},
		{"sub-cent list", pricing(dealreg.Additive), money.MustParse("1.001 USD"), nil, money.Amount{}, dealreg.ErrInvalidField, ""},
		{"cost currency", pricing(dealreg.Additive), usd, nil, money.MustParse("1 EUR"), money.ErrCurrencyMismatch, ""},
		{"negative cost", withFloor(pricing(dealreg.Additive), dealreg.FloorMargin, "0.2", dealreg.FloorError), usd, nil, money.MustParse("-1.00 USD"),
			dealreg.ErrInvalidField, `dealreg: /cost = "-1.00 USD": invalid field: must not be negative`},
		// 100.01 · 0.3 = 30.003 is the floor; 70 % off leaves exactly
		// 30.003, charged as 30.00 (half-even): 0.003 below the floor.
		{"floor judged on the charged net", withFloor(pricing(dealreg.Additive), dealreg.FloorShareOfList, "0.3", dealreg.FloorError),
			money.MustParse("100.01 USD"), []dealreg.Discount{disc(dealreg.TierDiscount, "t", "0.7")}, money.Amount{},
			dealreg.ErrFloor, "dealreg: net 30.00 below share-of-list floor 30.003"},
		{"unspecified stacking", pricing(dealreg.StackingUnspecified), usd, nil, money.Amount{}, dealreg.ErrInvalidField, ""},
		{"margin floor without cost", withFloor(pricing(dealreg.Additive), dealreg.FloorMargin, "0.2", dealreg.FloorError), usd, nil, money.Amount{},
			dealreg.ErrMissingField, ""},
		// 45 % + promotion 30 % = 75 %: net 2500.00 below 30 % of list = 3000.00.
		{"share floor", withFloor(pricing(dealreg.Additive), dealreg.FloorShareOfList, "0.3", dealreg.FloorError), usd,
			append(seedStack(), disc(dealreg.Promotion, "promo", "0.30")), money.Amount{},
			dealreg.ErrFloor, "dealreg: net 2500.00 below share-of-list floor 3000.00"},
		// Cost 5000, margin ≥ 20 %: net ≥ 5000/0.8 = 6250.00 > 5500.00.
		{"margin floor", withFloor(pricing(dealreg.Additive), dealreg.FloorMargin, "0.2", dealreg.FloorError), usd, seedStack(), money.MustParse("5000.00 USD"),
			dealreg.ErrFloor, "dealreg: net 5500.00 below margin floor 6250.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.pp.Quote(tt.list, tt.ds, tt.cost)
			require.ErrorIs(t, err, tt.want)
			if tt.msg != "" {
				require.EqualError(t, err, tt.msg)
			}
		})
	}
}

func withFloor(pp dealreg.PricingPolicy, k dealreg.FloorKind, rate string, a dealreg.FloorAction) dealreg.PricingPolicy {
	pp.Floor = dealreg.Floor{Kind: k, Rate: money.MustRate(rate), Action: a}
	return pp
}

func TestQuoteFloorClamp(t *testing.T) {
	usd := money.MustParse("10000.00 USD")
	// Share of list: 75 % off would give 2500.00; clamped to 3000.00, the
	// floor step adds back 500.00.
	q, err := withFloor(pricing(dealreg.Additive), dealreg.FloorShareOfList, "0.3", dealreg.FloorClamp).
		Quote(usd, append(seedStack(), disc(dealreg.Promotion, "promo", "0.30")), money.Amount{})
	require.NoError(t, err)
	require.True(t, q.Clamped)
	require.True(t, q.Net.Equal(money.MustParse("3000.00 USD")))
	last := q.Steps[len(q.Steps)-1]
	require.True(t, last.Floor)
	require.True(t, last.Amount.Equal(money.MustParse("-500.00 USD")))
	require.True(t, q.Discount().Equal(money.MustParse("7000.00 USD")))

	// Margin 30 % on cost 5000: 5000/0.7 = 7142.857142… rounded up to
	// 7142.86 (7142.86·0.7 = 5000.002 ≥ 5000; 7142.85·0.7 = 4999.995 < 5000).
	q, err = withFloor(pricing(dealreg.Additive), dealreg.FloorMargin, "0.3", dealreg.FloorClamp).
		Quote(usd, seedStack(), money.MustParse("5000.00 USD"))
	require.NoError(t, err)
	require.True(t, q.Net.Equal(money.MustParse("7142.86 USD")))
	var sum decimal.Decimal
	for _, s := range q.Steps {
		sum = sum.Add(s.Amount.Decimal())
	}
	require.True(t, sum.Equal(q.Discount().Decimal()))

	// Clamped to the sub-cent floor 30.003 (100.01 · 0.3): raised to 30.01,
	// the floor step adds back 30.00 − 30.01 = −0.01.
	q, err = withFloor(pricing(dealreg.Additive), dealreg.FloorShareOfList, "0.3", dealreg.FloorClamp).
		Quote(money.MustParse("100.01 USD"), []dealreg.Discount{disc(dealreg.TierDiscount, "t", "0.7")}, money.Amount{})
	require.NoError(t, err)
	require.True(t, q.Clamped)
	require.True(t, q.Net.Equal(money.MustParse("30.01 USD")), q.Net.String())
	require.True(t, q.Steps[len(q.Steps)-1].Amount.Equal(money.MustParse("-0.01 USD")))

	// At the floor exactly: no clamp. 10000·(1 − 0.7) = 3000 = floor.
	q, err = withFloor(pricing(dealreg.Additive), dealreg.FloorShareOfList, "0.3", dealreg.FloorError).
		Quote(usd, []dealreg.Discount{disc(dealreg.TierDiscount, "t", "0.7")}, money.Amount{})
	require.NoError(t, err)
	require.False(t, q.Clamped)
}

// Properties: the waterfall's amounts sum exactly to list − net, the net
// is never negative, and the quote does not depend on input order.
func TestQuoteProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur := money.MustCurrency(rapid.SampledFrom([]string{"USD", "JPY", "BHD"}).Draw(t, "cur"))
		list := money.FromMinor(rapid.Int64Range(0, 1e9).Draw(t, "list"), cur)
		pp := pricing(rapid.SampledFrom([]dealreg.Stacking{dealreg.Additive, dealreg.Compounding, dealreg.Priority, dealreg.BestOf, dealreg.CappedSum}).Draw(t, "stacking"))
		pp.Rounding = rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.TowardZero, money.AwayFromZero, money.Ceiling, money.Floor}).Draw(t, "mode")
		n := rapid.IntRange(0, 5).Draw(t, "n")
		var ds []dealreg.Discount
		for i := range n {
			ds = append(ds, dealreg.Discount{
				Kind: dealreg.DiscountKind(rapid.IntRange(1, 4).Draw(t, "kind")),
				Name: fmt.Sprintf("d%d", i),
				Rate: money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, 3000).Draw(t, "bp"))),
			})
		}
		q, err := pp.Quote(list, ds, money.Amount{})
		if errors.Is(err, dealreg.ErrStack) && pp.Stacking == dealreg.Additive {
			var total money.Rate
			for _, d := range ds {
				total = total.Add(d.Rate)
			}
			if total.Cmp(money.MustRate("1")) <= 0 {
				t.Fatalf("stack error for a total of %s", total.FormatFraction())
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := money.Zero(cur)
		for _, s := range q.Steps {
			sum, _ = sum.Add(s.Amount)
		}
		if !sum.Equal(q.Discount()) {
			t.Fatalf("amounts %s ≠ list − net %s", sum, q.Discount())
		}
		if q.Net.Sign() < 0 {
			t.Fatalf("negative net %s", q.Net)
		}
		if r, _ := q.ExactNet.Round(pp.Rounding); !r.Equal(q.Net) {
			t.Fatalf("net %s is not the exact net %s rounded once", q.Net, q.ExactNet)
		}
		perm := rapid.Permutation(ds).Draw(t, "perm")
		q2, err := pp.Quote(list, perm, money.Amount{})
		if err != nil || !q.Equal(q2) {
			t.Fatalf("order dependence: %v", err)
		}
	})
}

// FORMULAS: with registration discount d_r and the same special price for
// owner and competitor, the owner's advantage is exactly L·d_r under the
// additive policy, whatever the special price; under compounding it is
// L·d_r·Π(1 − others).
func TestAdvantageProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		list := money.FromMinor(rapid.Int64Range(1, 1e10).Draw(t, "list"), money.MustCurrency("USD"))
		bp := func(name string, hi int64) money.Rate {
			return money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, hi).Draw(t, name)))
		}
		tier, reg, special := bp("tier", 3000), bp("reg", 3000), bp("special", 4000)
		owner := []dealreg.Discount{{Kind: dealreg.TierDiscount, Name: "tier", Rate: tier}, {Kind: dealreg.RegistrationDiscount, Name: "reg", Rate: reg}, {Kind: dealreg.SpecialPricing, Name: "sp", Rate: special}}
		comp := []dealreg.Discount{owner[0], owner[2]}

		add := pricing(dealreg.Additive)
		oq, err := add.Quote(list, owner, money.Amount{})
		if err != nil {
			t.Fatal(err)
		}
		cq, err := add.Quote(list, comp, money.Amount{})
		if err != nil {
			t.Fatal(err)
		}
		adv, _ := cq.ExactNet.Sub(oq.ExactNet)
		if !adv.Equal(list.MulRate(reg)) {
			t.Fatalf("additive advantage %s, want L·d_r = %s", adv, list.MulRate(reg))
		}

		cmpd := pricing(dealreg.Compounding)
		if oq, err = cmpd.Quote(list, owner, money.Amount{}); err != nil {
			t.Fatal(err)
		}
		if cq, err = cmpd.Quote(list, comp, money.Amount{}); err != nil {
			t.Fatal(err)
		}
		adv, _ = cq.ExactNet.Sub(oq.ExactNet)
		want := list.MulRate(reg).MulRate(tier.Complement()).MulRate(special.Complement())
		if !adv.Equal(want) {
			t.Fatalf("compounding advantage %s, want L·d_r·(1−t)(1−s) = %s", adv, want)
		}
	})
}

func TestPricingPolicyValidate(t *testing.T) {
	pp := pricing(dealreg.CappedSum)
	pp.Cap = money.MustRate("1.5")
	require.ErrorIs(t, pp.Validate(), dealreg.ErrInvalidField)
	pp = pricing(dealreg.Additive)
	pp.Floor = dealreg.Floor{Kind: dealreg.FloorMargin, Rate: money.MustRate("1"), Action: dealreg.FloorClamp}
	require.ErrorIs(t, pp.Validate(), dealreg.ErrInvalidField)
	pp.Floor.Kind = dealreg.FloorKind(9)
	require.ErrorIs(t, pp.Validate(), dealreg.ErrInvalidField)
	pp = pricing(dealreg.Stacking(9))
	require.ErrorIs(t, pp.Validate(), dealreg.ErrInvalidField)
	require.NoError(t, pricing(dealreg.Priority).Validate())
}
