package tier_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// Flat + per unit: 10 per unit + 50 flat from 0, 8 per unit + 100 flat
// from 100, 6 per unit from 500.
func priceTiers() []tier.Tier {
	return []tier.Tier{
		{From: d("0"), Price: d("10"), Flat: d("50")},
		{From: d("100"), Price: d("8"), Flat: d("100")},
		{From: d("500"), Price: d("6")},
	}
}

func priceSchedule(m tier.Mode, b tier.Boundary) tier.Schedule {
	return tier.MustNew(tier.Spec{Mode: m, Boundary: b, Tiers: priceTiers()})
}

// Volume (all-units) pricing: x·p_j + f_j of the tier j reached; figures
// worked by hand beside each point.
func TestAllUnitsFlatPlusPrice(t *testing.T) {
	t.Run("lower-inclusive", func(t *testing.T) {
		runPoints(t, priceSchedule(tier.AllUnits, tier.LowerInclusive), []point{
			{"-5", "-50", 0},     // below the first tier: 10·(−5), no flat fee
			{"0", "50", 1},       // 0·10 + 50: the first tier contains 0
			{"99", "1040", 1},    // 99·10 + 50
			{"100", "900", 2},    // 100·8 + 100
			{"499.5", "4096", 2}, // 499.5·8 + 100
			{"500", "3000", 3},   // 500·6 + 0
		})
	})
	t.Run("upper-inclusive", func(t *testing.T) {
		runPoints(t, priceSchedule(tier.AllUnits, tier.UpperInclusive), []point{
			{"100", "1050", 1},   // 100·10 + 50: the bound stays in tier 1
			{"100.5", "904", 2},  // 100.5·8 + 100
			{"500", "4100", 2},   // 500·8 + 100
			{"500.5", "3003", 3}, // 500.5·6
		})
	})
}

// Graduated (incremental) pricing: each tier's price on the units inside
// it plus the flat fee of every tier reached.
func TestIncrementalFlatPlusPrice(t *testing.T) {
	t.Run("lower-inclusive", func(t *testing.T) {
		runPoints(t, priceSchedule(tier.Incremental, tier.LowerInclusive), []point{
			{"-5", "-50", 0},   // 10·(−5), no flat fee
			{"0", "50", 1},     // flat fee of tier 1
			{"99", "1040", 1},  // 99·10 + 50
			{"100", "1150", 2}, // 100·10 + 50 + 100 (tier 2's fee on reaching 100)
			{"150", "1550", 2}, // 1000 + 50·8 + 50 + 100
			{"500", "4350", 3}, // 1000 + 400·8 + 150 (tier 3 has no fee)
			{"600", "4950", 3}, // 4350 + 100·6
		})
	})
	t.Run("upper-inclusive", func(t *testing.T) {
		runPoints(t, priceSchedule(tier.Incremental, tier.UpperInclusive), []point{
			{"100", "1050", 1},   // 100·10 + 50: tier 2 not reached yet
			{"100.5", "1154", 2}, // 1000 + 0.5·8 + 50 + 100
		})
	})
}

// The fast path agrees with the hand-worked figures, at a scale finer
// than the flat fees need.
func TestFixedFlatPlusPrice(t *testing.T) {
	for _, m := range []tier.Mode{tier.AllUnits, tier.Incremental} {
		s := priceSchedule(m, tier.LowerInclusive)
		fs, ok := s.Fixed(1)
		if !ok {
			t.Fatalf("%s did not compile", m)
		}
		for _, x := range []string{"-5", "0", "99", "100", "150", "499.5", "500", "600"} {
			checkFixed(t, s, fs, d(x))
		}
	}
	// A flat fee finer than scale + price places raises the payout scale.
	s := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{{From: d("0"), Price: d("2"), Flat: d("0.125")}}})
	fs, ok := s.Fixed(1)
	if !ok || fs.PayoutScale() != 3 {
		t.Fatalf("PayoutScale = %d, %v; want 3 (0.125 has 3 places)", fs.PayoutScale(), ok)
	}
	p, _ := fs.Payout(15) // 1.5·2 + 0.125 = 3.125
	if p != 3125 {
		t.Fatalf("Payout = %d, want 3125", p)
	}
}

// A price is reported and printed as a price, never as a percentage.
func TestPricePrinted(t *testing.T) {
	s := priceSchedule(tier.AllUnits, tier.LowerInclusive)
	if !s.PerUnit() {
		t.Fatal("PerUnit = false")
	}
	r := s.Evaluate(d("150"))
	want := tier.Result{Volume: d("150"), Payout: d("1300"), Tier: 2, Tiers: 3, // 150·8 + 100
		Rate: money.RateFromFraction(d("8")), PerUnit: true, Boundary: tier.LowerInclusive,
		HasNext: true, Next: d("500"), ToNext: d("350"), PayoutAtNext: d("3000")} // 500·6
	if diff := cmp.Diff(want, r); diff != "" {
		t.Fatalf("(-want +got)\n%s", diff)
	}
	if got := r.FormatRate(); got != "8 per unit" {
		t.Fatalf("FormatRate = %q", got)
	}
	if got := tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()}).
		Evaluate(d("1")).FormatRate(); got != "2%" {
		t.Fatalf("FormatRate = %q", got)
	}
}

func TestScheduleString(t *testing.T) {
	tests := []struct {
		s    tier.Schedule
		want string
	}{
		{priceSchedule(tier.Incremental, tier.UpperInclusive),
			"incremental, upper-inclusive: 10 per unit + 50 flat from 0; 8 per unit + 100 flat from 100; 6 per unit from 500"},
		{tier.MustNew(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()}),
			"all-units, lower-inclusive: 2% from 0; 3% from 100000; 5% from 250000"},
		{tier.MustNew(tier.Spec{Mode: tier.RetroFromThreshold, Boundary: tier.LowerInclusive, Threshold: d("100000"), Tiers: rateTiers()}),
			"retro-from-threshold, lower-inclusive, above 100000: 2% from 0; 3% from 100000; 5% from 250000"},
		{tier.MustNew(tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: 2, Rounding: money.HalfEven,
			Tiers: []tier.Tier{{From: d("10"), Price: d("5")}, {From: d("20"), Price: d("4.5")}}}),
			"linear, lower-inclusive, rate to 2 places half-even: 5 per unit at 10; 4.5 per unit at 20"},
		{tier.MustNew(tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: flatTiers()}),
			"flat-per-tier, lower-inclusive: 0 from 0; 500 from 100000; 2000 from 250000"},
		{tier.MustNew(tier.Spec{Mode: tier.Increment, Boundary: tier.LowerInclusive, Threshold: d("100"), Step: d("10"),
			Tiers: []tier.Tier{{From: d("0"), Amount: d("50")}}}),
			"increment, lower-inclusive: 50 per full step of 10 above 100"},
		{tier.MustNew(tier.Spec{Mode: tier.Package, Boundary: tier.UpperInclusive, Step: d("100"),
			Tiers: []tier.Tier{{From: d("0"), Amount: d("25")}}}),
			"package, upper-inclusive: 25 per started block of 100"},
		{tier.Schedule{}, "invalid schedule"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.s.String()); diff != "" {
			t.Errorf("(-want +got)\n%s", diff)
		}
	}
}

// Prices and flat fees survive the JSON round trip, as plain decimal
// strings.
func TestPriceJSON(t *testing.T) {
	doc := `{"mode":"incremental","boundary":"lower-inclusive","tiers":[{"from":"0","price":"10","flat":"50"},{"from":"100","price":"8","flat":"100"},{"from":"500","price":"6"}]}`
	s := tier.MustParseSchedule(doc)
	if !s.Equal(priceSchedule(tier.Incremental, tier.LowerInclusive)) {
		t.Fatalf("parsed %v", s)
	}
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(doc, string(b)); diff != "" {
		t.Fatalf("(-want +got)\n%s", diff)
	}
}
