package pricing_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

type stepWant struct{ Name, Rate, Amount, Net string }

// Expected figures worked by hand (comment on each case).
func TestQuoteGolden(t *testing.T) {
	tests := []struct {
		name     string
		stacking pricing.Stacking
		list     string
		ds       []pricing.Discount
		net      string
		steps    []stepWant
	}{
		// Additive: 10000·(1 − 0.10 − 0.15 − 0.20) = 10000·0.55 = 5500.00.
		{"additive", pricing.Additive, "10000.00 USD", classicStack(), "5500.00 USD", []stepWant{
			{"tier", "0.10", "1000.00", "9000.00"}, {"registration", "0.15", "1500.00", "7500.00"}, {"special", "0.20", "2000.00", "5500.00"}}},
		// Compounding: 10000·0.9 = 9000; ·0.85 = 7650; ·0.8 = 6120.00.
		{"compounding", pricing.Compounding, "10000.00 USD", classicStack(), "6120.00 USD", []stepWant{
			{"tier", "0.10", "1000.00", "9000.00"}, {"registration", "0.15", "1350.00", "7650.00"}, {"special", "0.20", "1530.00", "6120.00"}}},
		// Priority special > registration > tier: only special 20 %: 8000.00.
		{"priority", pricing.Priority, "10000.00 USD", classicStack(), "8000.00 USD", []stepWant{
			{"tier", "0", "0.00", "10000.00"}, {"registration", "0", "0.00", "10000.00"}, {"special", "0.20", "2000.00", "8000.00"}}},
		// Priority when special pricing is zero: registration 15 % applies: 8500.00.
		{"priority falls through", pricing.Priority, "10000.00 USD", []pricing.Discount{
			disc(pricing.TierDiscount, "tier", "0.10"), disc(pricing.RegistrationDiscount, "registration", "0.15"), disc(pricing.SpecialPricing, "special", "0")},
			"8500.00 USD", []stepWant{
				{"tier", "0", "0.00", "10000.00"}, {"registration", "0.15", "1500.00", "8500.00"}, {"special", "0", "0.00", "8500.00"}}},
		// Best-of: the largest is 20 % (promotion 5 % ignored): 8000.00.
		{"best-of", pricing.BestOf, "10000.00 USD", append(classicStack(), disc(pricing.Promotion, "promo", "0.05")), "8000.00 USD", []stepWant{
			{"tier", "0", "0.00", "10000.00"}, {"registration", "0", "0.00", "10000.00"}, {"special", "0.20", "2000.00", "8000.00"}, {"promo", "0", "0.00", "8000.00"}}},
		// Capped sum, cap 40 %: 10 + 15 = 25, special cut from 20 to 15: net 6000.00.
		{"capped-sum", pricing.CappedSum, "10000.00 USD", classicStack(), "6000.00 USD", []stepWant{
			{"tier", "0.10", "1000.00", "9000.00"}, {"registration", "0.15", "1500.00", "7500.00"}, {"special", "0.15", "1500.00", "6000.00"}}},
		// Capped sum below the cap behaves as additive: 10 + 15 = 25 %: 7500.00.
		{"capped-sum under cap", pricing.CappedSum, "10000.00 USD", classicStack()[1:], "7500.00 USD", []stepWant{
			{"tier", "0.10", "1000.00", "9000.00"}, {"registration", "0.15", "1500.00", "7500.00"}}},
		// Rounding: 999.99·0.9 = 899.991 → 899.99; ·0.85 = 764.99235 → 764.99;
		// ·0.8 = 611.99388 → 611.99. Amounts are differences of rounded
		// nets: 100.00 + 135.00 + 153.00 = 388.00 = 999.99 − 611.99.
		{"compounding rounding", pricing.Compounding, "999.99 USD", classicStack(), "611.99 USD", []stepWant{
			{"tier", "0.10", "100.00", "899.99"}, {"registration", "0.15", "135.00", "764.99"}, {"special", "0.20", "153.00", "611.99"}}},
		// JPY has no minor digits: 12345·0.9 = 11110.5 → 11110 (half-even);
		// ·0.85 = 9443.925 → 9444. Amounts 1235 + 1666 = 2901 = 12345 − 9444.
		{"jpy", pricing.Compounding, "12345 JPY", classicStack()[1:], "9444 JPY", []stepWant{
			{"tier", "0.10", "1235", "11110"}, {"registration", "0.15", "1666", "9444"}}},
		// Additive, 100.01·(1 − 0.125) = 87.50875 → 87.51; amount 12.50.
		{"additive rounding", pricing.Additive, "100.01 USD", []pricing.Discount{disc(pricing.TierDiscount, "tier", "12.5%")}, "87.51 USD", []stepWant{
			{"tier", "0.125", "12.50", "87.51"}}},
		// No discounts: net = list.
		{"none", pricing.Additive, "10.00 USD", nil, "10.00 USD", nil},
		// 100 % additive is allowed: a free deal, never negative.
		{"hundred percent", pricing.Additive, "10.00 USD", []pricing.Discount{disc(pricing.TierDiscount, "a", "0.6"), disc(pricing.Promotion, "b", "0.4")}, "0.00 USD", []stepWant{
			{"a", "0.6", "6.00", "4.00"}, {"b", "0.4", "4.00", "0.00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := policy(t, spec(tt.stacking)).Quote(money.MustParse(tt.list), tt.ds)
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
				want[i].Rate = money.MustRate(want[i].Rate).FormatFraction()
			}
			if diff := cmp.Diff(want, got); diff != "" {
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

type quoteCase struct {
	name string
	ps   pricing.PolicySpec
	list money.Amount
	ds   []pricing.Discount
	cost *money.Amount // nil: Quote; else QuoteWithCost
	want error
	path string // the JSON Pointer of the *InputError, "-" for none
	msg  string
}

func costOf(s string) *money.Amount {
	a := money.MustParse(s)
	return &a
}

func quoteErrorCases() []quoteCase {
	usd := money.MustParse("10000.00 USD")
	margin := withFloor(spec(pricing.Additive), pricing.FloorMargin, "0.2", pricing.FloorError)
	return []quoteCase{
		{"additive above 100%", spec(pricing.Additive), usd,
			[]pricing.Discount{disc(pricing.TierDiscount, "a", "0.6"), disc(pricing.SpecialPricing, "b", "0.5")}, nil,
			pricing.ErrStack, "/discounts", `pricing: /discounts = "1.1": invalid discount stack: the discounts total more than 100%`},
		{"rate above one", spec(pricing.Compounding), usd, []pricing.Discount{disc(pricing.TierDiscount, "a", "1.2")}, nil,
			pricing.ErrStack, "/discounts/0/rate", `pricing: /discounts/0/rate = "1.2": invalid discount stack: rate outside [0, 1]`},
		{"negative rate", spec(pricing.BestOf), usd, []pricing.Discount{disc(pricing.Promotion, "p", "0.1"), disc(pricing.TierDiscount, "a", "-0.1")}, nil,
			pricing.ErrStack, "/discounts/1/rate", `pricing: /discounts/1/rate = "-0.1": invalid discount stack: rate outside [0, 1]`},
		{"duplicate name", spec(pricing.Additive), usd, []pricing.Discount{disc(pricing.TierDiscount, "a", "0.1"), disc(pricing.Promotion, "a", "0.1")}, nil,
			pricing.ErrDuplicate, "/discounts/1/name", `pricing: /discounts/1/name = "a": duplicate: discount name also at /discounts/0`},
		{"unspecified kind", spec(pricing.Additive), usd, []pricing.Discount{{Name: "x", Rate: money.MustRate("0.1")}}, nil,
			pricing.ErrMissing, "/discounts/0/kind", `pricing: /discounts/0/kind: missing required value`},
		{"unknown kind", spec(pricing.Additive), usd, []pricing.Discount{{Kind: 9, Name: "x", Rate: money.MustRate("0.1")}}, nil,
			pricing.ErrEnum, "/discounts/0/kind", `pricing: /discounts/0/kind: unknown discount kind "discount kind(9)" (valid: tier, registration, special-pricing, promotion)`},
		{"unnamed", spec(pricing.Additive), usd, []pricing.Discount{{Kind: pricing.Promotion, Rate: money.MustRate("0.1")}}, nil,
			pricing.ErrMissing, "/discounts/0/name", ""},
		{"huge exponent", spec(pricing.Additive), usd, []pricing.Discount{{Kind: pricing.Promotion, Name: "p", Rate: money.RateFromFraction(decimal.New(1, -100000))}}, nil,
			money.ErrRange, "/discounts/0/rate", ""},
		{"no list", spec(pricing.Additive), money.Amount{}, nil, nil, pricing.ErrMissing, "/list", "pricing: /list: missing required value"},
		{"negative list", spec(pricing.Additive), money.MustParse("-1.00 USD"), nil, nil, pricing.ErrInvalid, "/list",
			`pricing: /list = "-1.00 USD": invalid value: must not be negative`},
		{"sub-cent list", spec(pricing.Additive), money.MustParse("1.001 USD"), nil, nil, pricing.ErrInvalid, "/list",
			`pricing: /list = "1.001 USD": invalid value: not a whole number of minor units`},
		{"cost currency", spec(pricing.Additive), usd, nil, costOf("1 EUR"), money.ErrCurrencyMismatch, "/cost",
			`pricing: /cost = "1.00 EUR": currency mismatch: money: Quote: currency mismatch USD vs EUR`},
		{"negative cost", margin, usd, nil, costOf("-1.00 USD"), pricing.ErrInvalid, "/cost",
			`pricing: /cost = "-1.00 USD": invalid value: must not be negative`},
		{"zero Amount cost", spec(pricing.Additive), usd, nil, &money.Amount{}, pricing.ErrMissing, "/cost", ""},
		// 100.01 · 0.3 = 30.003 is the floor; 70 % off leaves exactly
		// 30.003, charged as 30.00 (half-even): 0.003 below the floor.
		{"floor judged on the charged net", withFloor(spec(pricing.Additive), pricing.FloorShareOfList, "0.3", pricing.FloorError),
			money.MustParse("100.01 USD"), []pricing.Discount{disc(pricing.TierDiscount, "t", "0.7")}, nil,
			pricing.ErrFloor, "-", "pricing: net 30.00 below share-of-list floor 30.003"},
		{"margin floor without cost", margin, usd, nil, nil, pricing.ErrMissing, "/cost",
			"pricing: /cost: missing required value: a margin floor needs the cost"},
		// 45 % + promotion 30 % = 75 %: net 2500.00 below 30 % of list = 3000.00.
		{"share floor", withFloor(spec(pricing.Additive), pricing.FloorShareOfList, "0.3", pricing.FloorError), usd,
			append(classicStack(), disc(pricing.Promotion, "promo", "0.30")), nil,
			pricing.ErrFloor, "-", "pricing: net 2500.00 below share-of-list floor 3000.00"},
		// Cost 5000, margin ≥ 20 %: net ≥ 5000/0.8 = 6250.00 > 5500.00.
		{"margin floor", margin, usd, classicStack(), costOf("5000.00 USD"),
			pricing.ErrFloor, "-", "pricing: net 5500.00 below margin floor 6250.00"},
	}
}

func runQuote(t fataler, tt quoteCase) (pricing.Quote, error) {
	p := policy(t, tt.ps)
	if tt.cost != nil {
		return p.QuoteWithCost(tt.list, *tt.cost, tt.ds)
	}
	return p.Quote(tt.list, tt.ds)
}

func TestQuoteErrors(t *testing.T) {
	for _, tt := range quoteErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runQuote(t, tt)
			require.ErrorIs(t, err, tt.want)
			var ie *pricing.InputError
			if tt.path == "-" {
				require.False(t, errors.As(err, &ie), "%v", err)
			} else {
				require.ErrorAs(t, err, &ie)
				require.Equal(t, tt.path, ie.Path)
			}
			if tt.msg != "" {
				require.EqualError(t, err, tt.msg)
			}
		})
	}
}

// The cost is asked for only by a margin floor: a policy without one
// quotes without it, and the zero floor is no floor.
func TestQuoteCostOnlyForMarginFloor(t *testing.T) {
	usd := money.MustParse("10000.00 USD")
	for _, f := range []pricing.FloorSpec{{}, {Kind: pricing.NoFloor}, {Kind: pricing.FloorShareOfList, Rate: ratePtr("0.3"), Action: pricing.FloorError}} {
		ps := spec(pricing.Additive)
		ps.Floor = f
		p := policy(t, ps)
		require.False(t, p.NeedsCost())
		q, err := p.Quote(usd, classicStack())
		require.NoError(t, err)
		require.True(t, q.Net.Equal(money.MustParse("5500.00 USD")))
		q2, err := p.QuoteWithCost(usd, money.MustParse("1.00 USD"), classicStack())
		require.NoError(t, err)
		require.True(t, q.Equal(q2))
	}
	p := policy(t, withFloor(spec(pricing.Additive), pricing.FloorMargin, "0.2", pricing.FloorError))
	require.True(t, p.NeedsCost())
	// Cost 4000, margin ≥ 20 %: net ≥ 5000.00 ≤ 5500.00: kept.
	q, err := p.QuoteWithCost(usd, money.MustParse("4000.00 USD"), classicStack())
	require.NoError(t, err)
	require.True(t, q.Net.Equal(money.MustParse("5500.00 USD")))
	// A zero cost is a cost (0 ≤ net·0.8), not a missing one.
	_, err = p.QuoteWithCost(usd, money.MustParse("0.00 USD"), classicStack())
	require.NoError(t, err)
}

func TestQuoteFloorClamp(t *testing.T) {
	usd := money.MustParse("10000.00 USD")
	// Share of list: 75 % off would give 2500.00; clamped to 3000.00, the
	// floor step adds back 500.00.
	q, err := policy(t, withFloor(spec(pricing.Additive), pricing.FloorShareOfList, "0.3", pricing.FloorClamp)).
		Quote(usd, append(classicStack(), disc(pricing.Promotion, "promo", "0.30")))
	require.NoError(t, err)
	require.True(t, q.Clamped)
	require.True(t, q.Net.Equal(money.MustParse("3000.00 USD")))
	last := q.Steps[len(q.Steps)-1]
	require.True(t, last.Floor)
	require.True(t, last.Amount.Equal(money.MustParse("-500.00 USD")))
	require.True(t, q.Discount().Equal(money.MustParse("7000.00 USD")))

	// Margin 30 % on cost 5000: 5000/0.7 = 7142.857142… rounded up to
	// 7142.86 (7142.86·0.7 = 5000.002 ≥ 5000; 7142.85·0.7 = 4999.995 < 5000).
	q, err = policy(t, withFloor(spec(pricing.Additive), pricing.FloorMargin, "0.3", pricing.FloorClamp)).
		QuoteWithCost(usd, money.MustParse("5000.00 USD"), classicStack())
	require.NoError(t, err)
	require.True(t, q.Net.Equal(money.MustParse("7142.86 USD")))
	var sum decimal.Decimal
	for _, s := range q.Steps {
		sum = sum.Add(s.Amount.Decimal())
	}
	require.True(t, sum.Equal(q.Discount().Decimal()))

	// Clamped to the sub-cent floor 30.003 (100.01 · 0.3): raised to 30.01,
	// the floor step adds back 30.00 − 30.01 = −0.01.
	q, err = policy(t, withFloor(spec(pricing.Additive), pricing.FloorShareOfList, "0.3", pricing.FloorClamp)).
		Quote(money.MustParse("100.01 USD"), []pricing.Discount{disc(pricing.TierDiscount, "t", "0.7")})
	require.NoError(t, err)
	require.True(t, q.Clamped)
	require.True(t, q.Net.Equal(money.MustParse("30.01 USD")), q.Net.String())
	require.True(t, q.Steps[len(q.Steps)-1].Amount.Equal(money.MustParse("-0.01 USD")))

	// At the floor exactly: no clamp. 10000·(1 − 0.7) = 3000 = floor.
	q, err = policy(t, withFloor(spec(pricing.Additive), pricing.FloorShareOfList, "0.3", pricing.FloorError)).
		Quote(usd, []pricing.Discount{disc(pricing.TierDiscount, "t", "0.7")})
	require.NoError(t, err)
	require.False(t, q.Clamped)
}

func genPolicySpec(t *rapid.T) pricing.PolicySpec {
	ps := spec(rapid.SampledFrom(allStackings()).Draw(t, "stacking"))
	ps.Rounding = rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.TowardZero, money.AwayFromZero, money.Ceiling, money.Floor}).Draw(t, "mode")
	return ps
}

func genDiscounts(t *rapid.T) []pricing.Discount {
	var ds []pricing.Discount
	for i := range rapid.IntRange(0, 5).Draw(t, "n") {
		ds = append(ds, pricing.Discount{
			Kind: pricing.DiscountKind(rapid.IntRange(1, 4).Draw(t, "kind")),
			Name: fmt.Sprintf("d%d", i),
			Rate: money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, 3000).Draw(t, "bp"))),
		})
	}
	return ds
}

// Properties: the waterfall's amounts sum exactly to list − net, the net
// is never negative and is the exact net rounded once, and the quote does
// not depend on the order of the discounts.
func TestQuoteProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur := money.MustCurrency(rapid.SampledFrom([]string{"USD", "JPY", "BHD"}).Draw(t, "cur"))
		list := money.FromMinor(rapid.Int64Range(0, 1e9).Draw(t, "list"), cur)
		ps := genPolicySpec(t)
		p := policy(t, ps)
		ds := genDiscounts(t)
		q, err := p.Quote(list, ds)
		if errors.Is(err, pricing.ErrStack) && ps.Stacking == pricing.Additive {
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
		if r, _ := q.ExactNet.Round(ps.Rounding); !r.Equal(q.Net) {
			t.Fatalf("net %s is not the exact net %s rounded once", q.Net, q.ExactNet)
		}
		perm := rapid.Permutation(ds).Draw(t, "perm")
		q2, err := p.Quote(list, perm)
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
		owner := []pricing.Discount{{Kind: pricing.TierDiscount, Name: "tier", Rate: tier}, {Kind: pricing.RegistrationDiscount, Name: "reg", Rate: reg}, {Kind: pricing.SpecialPricing, Name: "sp", Rate: special}}
		comp := []pricing.Discount{owner[0], owner[2]}

		add := policy(t, spec(pricing.Additive))
		oq, err := add.Quote(list, owner)
		if err != nil {
			t.Fatal(err)
		}
		cq, err := add.Quote(list, comp)
		if err != nil {
			t.Fatal(err)
		}
		adv, _ := cq.ExactNet.Sub(oq.ExactNet)
		if !adv.Equal(list.MulRate(reg)) {
			t.Fatalf("additive advantage %s, want L·d_r = %s", adv, list.MulRate(reg))
		}

		cmpd := policy(t, spec(pricing.Compounding))
		if oq, err = cmpd.Quote(list, owner); err != nil {
			t.Fatal(err)
		}
		if cq, err = cmpd.Quote(list, comp); err != nil {
			t.Fatal(err)
		}
		adv, _ = cq.ExactNet.Sub(oq.ExactNet)
		want := list.MulRate(reg).MulRate(tier.Complement()).MulRate(special.Complement())
		if !adv.Equal(want) {
			t.Fatalf("compounding advantage %s, want L·d_r·(1−t)(1−s) = %s", adv, want)
		}
	})
}

// Zero values: the zero Policy quotes nothing, the zero Quote has a zero
// discount.
func TestQuoteZeroValues(t *testing.T) {
	var p pricing.Policy
	require.False(t, p.IsValid())
	require.False(t, p.NeedsCost())
	_, err := p.Quote(money.MustParse("1.00 USD"), nil)
	require.ErrorIs(t, err, pricing.ErrInvalid)
	_, err = p.MarshalJSON()
	require.ErrorIs(t, err, pricing.ErrInvalid)
	require.True(t, pricing.Quote{}.Discount().IsZero())
	_, err = policy(t, spec(pricing.Additive)).Quote(money.Amount{}, nil)
	require.ErrorIs(t, err, pricing.ErrMissing)
}

// Extreme but valid figures stay exact: a list of 10²⁷ USD, a discount of
// exactly 100 % under every policy, and one of 100 % + 10⁻²⁰ refused.
func TestExtremeFigures(t *testing.T) {
	huge := money.MustParse("1000000000000000000000000000.00 USD")
	for _, s := range allStackings() {
		ps := spec(s)
		if s == pricing.CappedSum {
			ps.Cap = ratePtr("1")
		}
		p := policy(t, ps)
		q, err := p.Quote(huge, []pricing.Discount{disc(pricing.SpecialPricing, "all", "1")})
		require.NoError(t, err, s.String())
		require.True(t, q.Net.IsZero(), "%s: %s", s, q.Net)
		require.True(t, q.Discount().Equal(huge))
		_, err = p.Quote(huge, []pricing.Discount{disc(pricing.SpecialPricing, "over", "1.00000000000000000001")})
		require.ErrorIs(t, err, pricing.ErrStack, s.String())
	}
	// 10²⁷ · (1 − 0.333333) = 666 667 000 000 000 000 000 000 000.00: no
	// precision lost on a 30-digit amount.
	q, err := policy(t, spec(pricing.Additive)).Quote(huge, []pricing.Discount{disc(pricing.TierDiscount, "t", "0.333333")})
	require.NoError(t, err)
	require.True(t, q.Net.Equal(money.MustParse("666667000000000000000000000.00 USD")), q.Net.String())
}
