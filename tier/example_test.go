package tier_test

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// A volume rebate paid back to dollar one: 2 % up to 100,000, 3 % up to
// 250,000, 5 % above, each bound belonging to the tier it starts.
func ExampleNew() {
	s, err := tier.New(tier.Spec{
		Mode:     tier.AllUnits,
		Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Rate: money.MustRate("2%")},
			{From: money.MustDecimal("100000"), Rate: money.MustRate("3%")},
			{From: money.MustDecimal("250000"), Rate: money.MustRate("5%")},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, x := range []string{"99999.99", "100000", "300000"} {
		fmt.Println(x, "→", s.Payout(money.MustDecimal(x)))
	}
	// Output:
	// 99999.99 → 1999.9998
	// 100000 → 3000
	// 300000 → 15000
}

// New reports every problem at once, each naming its field.
func ExampleNew_errors() {
	_, err := tier.New(tier.Spec{
		Mode:     tier.Incremental,
		Boundary: tier.BoundaryUnspecified,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Rate: money.MustRate("2%")},
			{From: money.MustDecimal("50000"), Rate: money.MustRate("-1%")},
			{From: money.MustDecimal("50000"), Rate: money.MustRate("4%")},
		},
	})
	fmt.Println(err)
	fmt.Println(errors.Is(err, tier.ErrDuplicate))
	// Output:
	// tier: /boundary = "unspecified": invalid boundary convention
	// tier: /tiers/2/from = "50000": duplicate bound: equal to /tiers/1/from
	// tier: /tiers/1/rate = "-0.01": invalid rate: negative
	// true
}

func ExampleMustNew() {
	s := tier.MustNew(tier.Spec{
		Mode:     tier.Incremental,
		Boundary: tier.UpperInclusive,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Rate: money.MustRate("2%")},
			{From: money.MustDecimal("100000"), Rate: money.MustRate("3%")},
		},
	})
	// 0.02·100,000 + 0.03·50,000
	fmt.Println(s.Payout(money.MustDecimal("150000")))
	// Output: 3500
}

// Payout is exact; round once, when reporting.
func ExampleSchedule_Payout() {
	s := tier.MustNew(tier.Spec{
		Mode:      tier.RetroFromThreshold,
		Boundary:  tier.LowerInclusive,
		Threshold: money.MustDecimal("100000"),
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Rate: money.MustRate("0%")},
			{From: money.MustDecimal("100000"), Rate: money.MustRate("3.5%")},
		},
	})
	p := s.Payout(money.MustDecimal("123456.78")) // 0.035·23,456.78
	r, _ := money.Round(p, 2, money.HalfEven)
	fmt.Println(p, "→", r)
	// Output: 820.9873 → 820.99
}

// The watchlist: how far a partner is from the next tier and what it would
// pay there.
func ExampleSchedule_Evaluate() {
	s := tier.MustNew(tier.Spec{
		Mode:     tier.AllUnits,
		Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Rate: money.MustRate("2%")},
			{From: money.MustDecimal("100000"), Rate: money.MustRate("3%")},
			{From: money.MustDecimal("250000"), Rate: money.MustRate("5%")},
		},
	})
	r := s.Evaluate(money.MustDecimal("82500"))
	fmt.Printf("tier %d of %d at %s pays %s\n", r.Tier, r.Tiers, r.Rate, r.Payout)
	fmt.Printf("%s to go to %s, which pays %s\n", r.ToNext, r.Next, r.PayoutAtNext)
	// Output:
	// tier 1 of 3 at 2% pays 1650
	// 17500 to go to 100000, which pays 3000
}

// Under UpperInclusive the bound still belongs to the lower tier: the next
// tier needs more than ToNext.
func ExampleSchedule_Evaluate_upperInclusive() {
	s := tier.MustNew(tier.Spec{
		Mode:     tier.FlatPerTier,
		Boundary: tier.UpperInclusive,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Amount: money.MustDecimal("0")},
			{From: money.MustDecimal("50"), Amount: money.MustDecimal("1000")},
		},
	})
	r := s.Evaluate(money.MustDecimal("50"))
	fmt.Println(r.Tier, r.Payout, r.ToNext, r.NextExclusive, r.PayoutAtNext)
	// Output: 1 0 0 true 1000
}

// A deal earns what it adds to the cumulative payout, not the rate of the
// tier it reaches times its size.
func ExampleSchedule_Marginal() {
	s := tier.MustNew(tier.Spec{
		Mode:     tier.AllUnits,
		Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Rate: money.MustRate("2%")},
			{From: money.MustDecimal("100000"), Rate: money.MustRate("3%")},
		},
	})
	prior := money.MustDecimal("90000")
	fmt.Println(s.Marginal(prior, money.MustDecimal("20000")))  // 3,300 − 1,800
	fmt.Println(s.Marginal(prior, money.MustDecimal("-10000"))) // a return: 1,600 − 1,800
	// Output:
	// 1500
	// -200
}

// Linear interpolation of the rate between two targets; the rate is
// rounded once to 6 places, then applied exactly.
func ExampleSchedule_Evaluate_linear() {
	s := tier.MustNew(tier.Spec{
		Mode:       tier.Linear,
		Boundary:   tier.LowerInclusive,
		RatePlaces: 6,
		Rounding:   money.HalfEven,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("100000"), Rate: money.MustRate("1%")},
			{From: money.MustDecimal("200000"), Rate: money.MustRate("3%")},
		},
	})
	r := s.Evaluate(money.MustDecimal("133333"))
	fmt.Println(r.Rate.FormatFraction(), r.Payout)
	// Output: 0.016667 2222.261111
}

// $50 for every full $10,000 above $100,000.
func ExampleSchedule_Evaluate_increment() {
	s := tier.MustNew(tier.Spec{
		Mode:      tier.Increment,
		Boundary:  tier.LowerInclusive,
		Threshold: money.MustDecimal("100000"),
		Step:      money.MustDecimal("10000"),
		Tiers:     []tier.Tier{{From: money.MustDecimal("0"), Amount: money.MustDecimal("50")}},
	})
	r := s.Evaluate(money.MustDecimal("123456"))
	fmt.Println(r.Payout, r.ToNext, r.PayoutAtNext)
	// Output: 100 6544 150
}

// 25 per started block of 100 units.
func ExampleSchedule_Payout_package() {
	s := tier.MustNew(tier.Spec{
		Mode:     tier.Package,
		Boundary: tier.UpperInclusive,
		Step:     money.MustDecimal("100"),
		Tiers:    []tier.Tier{{From: money.MustDecimal("0"), Amount: money.MustDecimal("25")}},
	})
	fmt.Println(s.Payout(money.MustDecimal("100")), s.Payout(money.MustDecimal("100.01")))
	// Output: 25 50
}

func ExampleSchedule_Spec() {
	s := tier.MustNew(tier.Spec{
		Mode:     tier.FlatPerTier,
		Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0")},
			{From: money.MustDecimal("10"), Amount: money.MustDecimal("100")},
		},
	})
	sp := s.Spec()
	fmt.Println(sp.Mode, sp.Boundary, len(sp.Tiers))
	// Output: flat-per-tier lower-inclusive 2
}

func ExampleParseSchedule() {
	s, err := tier.ParseSchedule([]byte(`{
		"mode": "incremental",
		"boundary": "lower-inclusive",
		"tiers": [
			{"from": "0", "rate": "2%"},
			{"from": "100000", "rate": "250bp"}
		]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Payout(money.MustDecimal("120000"))) // 0.02·100,000 + 0.025·20,000
	b, _ := s.MarshalJSON()
	fmt.Println(string(b))

	// Errors name the member by its JSON Pointer.
	_, err = tier.ParseSchedule([]byte(`{"mode":"incremental","boundary":"lower-inclusive","tiers":[{"from":0,"rate":"2%"}]}`))
	fmt.Println(err)
	fmt.Println(errors.Is(err, tier.ErrJSON), errors.Is(err, strictjson.ErrNumber))
	// Output:
	// 2500
	// {"mode":"incremental","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"2%"},{"from":"100000","rate":"2.5%"}]}
	// tier: /tiers/0/from: JSON number where a decimal string is required
	// true true
}

// MustParseSchedule is for literals in tests and examples: 25 per started
// block of 10 units.
func ExampleMustParseSchedule() {
	s := tier.MustParseSchedule(`{"mode":"package","boundary":"upper-inclusive","step":"10","tiers":[{"from":"0","amount":"25"}]}`)
	fmt.Println(s.Payout(money.MustDecimal("25"))) // 3 started blocks: 3·25
	// Output: 75
}

// The int64 fast path: volumes in cents, payouts at PayoutScale.
func ExampleSchedule_Fixed() {
	s := tier.MustNew(tier.Spec{
		Mode:     tier.Incremental,
		Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Rate: money.MustRate("2%")},
			{From: money.MustDecimal("100000"), Rate: money.MustRate("3.5%")},
		},
	})
	fs, ok := s.Fixed(2) // volumes in cents
	if !ok {
		fmt.Println("use the decimal path")
		return
	}
	p, ok := fs.Payout(12345678) // 123,456.78: 2,000 + 0.035·23,456.78 = 2,820.98730
	fmt.Println(p, fs.PayoutScale(), ok)
	cents, _ := money.Round(decimal.New(p, -fs.PayoutScale()), 2, money.HalfEven)
	fmt.Println(cents)
	// Output:
	// 282098730 5 true
	// 2820.99
}

// The int64 fast path with its explanation: the tier reached and the rate
// applied, for a trace, without allocating.
func ExampleFixedSchedule_Evaluate() {
	s := tier.MustNew(tier.Spec{
		Mode:     tier.Incremental,
		Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{
			{From: money.MustDecimal("0"), Rate: money.MustRate("2%")},
			{From: money.MustDecimal("100000"), Rate: money.MustRate("3.5%")},
		},
	})
	fs, ok := s.Fixed(2) // volumes in cents
	if !ok {
		fmt.Println("use the decimal path")
		return
	}
	r, ok := fs.Evaluate(12345678) // 123,456.78: 2,000 + 0.035·23,456.78 = 2,820.98730
	if !ok {
		fmt.Println("overflow: use Schedule.Evaluate")
		return
	}
	fmt.Printf("tier %d of %d at %d/10^%d\n", r.Tier, r.Tiers, r.Rate, r.RatePlaces)
	fmt.Printf("payout %d/10^%d\n", r.Payout, r.PayoutScale)
	fmt.Println(r.RateValue().FormatPercent(), money.FormatDecimal(r.PayoutDecimal(), 2))
	// Output:
	// tier 2 of 2 at 35/10^3
	// payout 282098730/10^5
	// 3.5% 2820.98730
}

func ExampleParseMode() {
	m, err := tier.ParseMode("retro-from-threshold")
	fmt.Println(m == tier.RetroFromThreshold, err)
	_, err = tier.ParseMode("retroactive") // an alias: documented, not accepted
	fmt.Println(err)
	// Output:
	// true <nil>
	// tier: unknown mode "retroactive" (valid: all-units, incremental, retro-from-threshold, linear, increment, flat-per-tier, package)
}

func ExampleParseBoundary() {
	b, err := tier.ParseBoundary("upper-inclusive")
	fmt.Println(b, err)
	// Output: upper-inclusive <nil>
}

// The "flat + per unit" tier of billing systems: 10 per seat plus a 50
// platform fee up to 100 seats, 8 per seat plus 100 from 100 seats. Volume
// (all-units) pricing charges every seat at the tier reached plus that
// tier's fee; graduated (incremental) pricing charges each seat at its own
// tier plus the fee of every tier reached.
func ExampleNew_flatPlusPerUnit() {
	tiers := []tier.Tier{
		{From: money.MustDecimal("0"), Price: money.MustDecimal("10"), Flat: money.MustDecimal("50")},
		{From: money.MustDecimal("100"), Price: money.MustDecimal("8"), Flat: money.MustDecimal("100")},
	}
	volume := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: tiers})
	graduated := tier.MustNew(tier.Spec{Mode: tier.Incremental, Boundary: tier.LowerInclusive, Tiers: tiers})
	seats := money.MustDecimal("150")
	fmt.Println(volume.Payout(seats))    // 150·8 + 100
	fmt.Println(graduated.Payout(seats)) // 100·10 + 50·8 + 50 + 100
	// Output:
	// 1300
	// 1550
}

// A price per unit is written in JSON as a plain decimal ("price": "10")
// and printed as a price.
func ExampleResult_FormatRate() {
	s := tier.MustParseSchedule(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[
		{"from":"0","price":"10"},
		{"from":"1000","price":"9.5"}
	]}`)
	r := s.Evaluate(money.MustDecimal("1200"))
	fmt.Println(s.PerUnit(), r.FormatRate(), r.Payout) // 1,200·9.5
	// Output: true 9.5 per unit 11400
}

func ExampleSchedule_String() {
	s := tier.MustParseSchedule(`{"mode":"incremental","boundary":"upper-inclusive","tiers":[
		{"from":"0","price":"10","flat":"50"},
		{"from":"100","price":"8"}
	]}`)
	fmt.Println(s)
	r := tier.MustParseSchedule(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[
		{"from":"0","rate":"2%"},
		{"from":"100000","rate":"250bp"}
	]}`)
	fmt.Println(r)
	// Output:
	// incremental, upper-inclusive: 10 per unit + 50 flat from 0; 8 per unit from 100
	// all-units, lower-inclusive: 2% from 0; 2.5% from 100000
}

// An unknown name lists the valid ones and suggests the nearest.
func ExampleEnumError() {
	_, err := tier.ParseBoundary("Upper-Inclusive")
	var ee *tier.EnumError
	if errors.As(err, &ee) {
		fmt.Println(ee.Type, ee.Input, ee.Suggestion)
	}
	fmt.Println(errors.Is(err, tier.ErrBoundary))
	fmt.Println(err)
	// Output:
	// boundary Upper-Inclusive upper-inclusive
	// true
	// tier: unknown boundary "Upper-Inclusive" (valid: lower-inclusive, upper-inclusive; did you mean "upper-inclusive"?)
}

// An absent member that moves money is an error, never a zero: here tier
// 2's rate is missing. A bare rate needs its unit.
func ExampleSpec_RequirePresent() {
	_, err := tier.ParseSchedule([]byte(`{"mode":"all-units","boundary":"lower-inclusive",
		"tiers":[{"from":"0","rate":"1%"},{"from":"100000"}]}`))
	fmt.Println(err)
	_, err = tier.ParseSchedule([]byte(`{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"2"}]}`))
	fmt.Println(err)
	// Output:
	// tier: /tiers/1/rate: missing required member: a rate (or a price per unit) is required in all-units mode
	// tier: /tiers/0/rate = "2": rate without a unit: did you mean "2%"?
}
