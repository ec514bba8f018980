package tier_test

import (
	"reflect"
	"testing"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// checkEqualFields asserts that base equals itself, equals a copy whose
// decimals are written with other places, and differs from each mutation;
// and that there is one mutation per field of T, so that a new field
// needs a new mutation (and a line in Equal).
func checkEqualFields[T any](t *testing.T, base, rescaled T, equal func(a, b T) bool, mutations map[string]func(*T)) {
	t.Helper()
	if n := reflect.TypeFor[T]().NumField(); n != len(mutations) {
		t.Fatalf("%d fields, %d mutations", n, len(mutations))
	}
	if !equal(base, base) || !equal(base, rescaled) {
		t.Fatal("not equal to itself or to its rescaled copy")
	}
	for name, mutate := range mutations {
		if _, ok := reflect.TypeFor[T]().FieldByName(name); !ok {
			t.Fatalf("no field %s", name)
		}
		m := base
		mutate(&m)
		if equal(base, m) || equal(m, base) {
			t.Errorf("changing %s leaves Equal true", name)
		}
	}
}

func TestTierEqual(t *testing.T) {
	base := tier.Tier{From: d("1"), Rate: rate("2%"), Price: d("3"), Flat: d("4"), Amount: d("5")}
	rescaled := tier.Tier{From: d("1.0"), Rate: rate("0.020"), Price: d("3.00"), Flat: d("4.0"), Amount: d("5.000")}
	checkEqualFields(t, base, rescaled, tier.Tier.Equal, map[string]func(*tier.Tier){
		"From":   func(x *tier.Tier) { x.From = d("1.01") },
		"Rate":   func(x *tier.Tier) { x.Rate = rate("2.01%") },
		"Price":  func(x *tier.Tier) { x.Price = d("3.01") },
		"Flat":   func(x *tier.Tier) { x.Flat = d("4.01") },
		"Amount": func(x *tier.Tier) { x.Amount = d("5.01") },
	})
}

func TestSpecEqual(t *testing.T) {
	base := tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, Tiers: rateTiers(),
		Threshold: d("1"), Step: d("2"), RatePlaces: 4, Rounding: money.HalfEven}
	rescaled := base
	rescaled.Tiers = rateTiers()
	rescaled.Tiers[1].From = d("100000.00")
	rescaled.Threshold, rescaled.Step = d("1.0"), d("2.00")
	checkEqualFields(t, base, rescaled, tier.Spec.Equal, map[string]func(*tier.Spec){
		"Mode":     func(x *tier.Spec) { x.Mode = tier.AllUnits },
		"Boundary": func(x *tier.Spec) { x.Boundary = tier.UpperInclusive },
		"Tiers": func(x *tier.Spec) {
			x.Tiers = rateTiers()
			x.Tiers[2].Flat = d("1")
		},
		"Threshold":     func(x *tier.Spec) { x.Threshold = d("1.5") },
		"Step":          func(x *tier.Spec) { x.Step = d("2.5") },
		"RatePlaces":    func(x *tier.Spec) { x.RatePlaces = 5 },
		"Rounding":      func(x *tier.Spec) { x.Rounding = money.HalfUp },
		"RatesAbove100": func(x *tier.Spec) { x.RatesAbove100 = true },
	})
	short := base
	short.Tiers = rateTiers()[:2]
	if base.Equal(short) {
		t.Error("a missing tier leaves Equal true")
	}
}

func TestResultEqual(t *testing.T) {
	base := tier.Result{Volume: d("1"), Payout: d("2"), Tier: 1, Tiers: 3, Rate: rate("2%"), PerUnit: false,
		Boundary: tier.LowerInclusive, HasNext: true, Next: d("3"), NextExclusive: false, ToNext: d("2"), PayoutAtNext: d("4")}
	rescaled := base
	rescaled.Volume, rescaled.Payout, rescaled.Next, rescaled.ToNext, rescaled.PayoutAtNext = d("1.0"), d("2.00"), d("3.0"), d("2.0"), d("4.00")
	checkEqualFields(t, base, rescaled, tier.Result.Equal, map[string]func(*tier.Result){
		"Volume":        func(x *tier.Result) { x.Volume = d("1.1") },
		"Payout":        func(x *tier.Result) { x.Payout = d("2.1") },
		"Tier":          func(x *tier.Result) { x.Tier = 2 },
		"Tiers":         func(x *tier.Result) { x.Tiers = 4 },
		"Rate":          func(x *tier.Result) { x.Rate = rate("3%") },
		"PerUnit":       func(x *tier.Result) { x.PerUnit = true },
		"Boundary":      func(x *tier.Result) { x.Boundary = tier.UpperInclusive },
		"HasNext":       func(x *tier.Result) { x.HasNext = false },
		"Next":          func(x *tier.Result) { x.Next = d("3.1") },
		"NextExclusive": func(x *tier.Result) { x.NextExclusive = true },
		"ToNext":        func(x *tier.Result) { x.ToNext = d("2.1") },
		"PayoutAtNext":  func(x *tier.Result) { x.PayoutAtNext = d("4.1") },
	})
}

// Schedule.Equal compares the specifications (everything else a Schedule
// holds is derived from them): one schedule per changed spec field.
func TestScheduleEqual(t *testing.T) {
	spec := func() tier.Spec {
		return tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: priceTiers()}
	}
	base := tier.MustNew(spec())
	rescaled := spec()
	rescaled.Tiers[0].Flat = d("50.00")
	if !base.Equal(tier.MustNew(rescaled)) {
		t.Fatal("rescaled flat fee changes Equal")
	}
	for name, mutate := range map[string]func(*tier.Spec){
		"Mode":     func(x *tier.Spec) { x.Mode = tier.Incremental },
		"Boundary": func(x *tier.Spec) { x.Boundary = tier.UpperInclusive },
		"Price":    func(x *tier.Spec) { x.Tiers[1].Price = d("8.5") },
		"Flat":     func(x *tier.Spec) { x.Tiers[2].Flat = d("1") },
		"From":     func(x *tier.Spec) { x.Tiers[2].From = d("501") },
	} {
		sp := spec()
		mutate(&sp)
		if base.Equal(tier.MustNew(sp)) {
			t.Errorf("changing %s leaves Equal true", name)
		}
	}
}
