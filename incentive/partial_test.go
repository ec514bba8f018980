package incentive

import (
	"errors"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// AddPartial rejects a partial that lists a measure twice, omits a
// component that counts the same transactions as another, or disagrees
// within such a group — instead of silently merging half of it or
// completing it — and leaves the accumulator unchanged.
func TestAddPartialRejects(t *testing.T) {
	p := MustParsePlan(benchPlan) // retro, incr and bonus all count the same revenue
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	d := newBenchData()
	src, _ := NewAccumulator(p, per)
	if err := src.AddAll(d.lines(50)); err != nil {
		t.Fatal(err)
	}
	good := src.Partial()
	if len(good.Measures) < 6 {
		t.Fatalf("want at least two recipients × three components, got %d measures", len(good.Measures))
	}
	without := func(component string) []PartialMeasure {
		var out []PartialMeasure
		for i, m := range good.Measures {
			if i >= 3 || m.Component != component { // drop it from the first recipient only
				out = append(out, m)
			}
		}
		return out
	}
	changed := slices.Clone(good.Measures)
	changed[1].Volume = changed[1].Volume.Add(decimal.New(1, -2)) // one cent more than its group
	tests := []struct {
		name     string
		measures []PartialMeasure
	}{
		{"listed twice", append(slices.Clone(good.Measures), good.Measures[0])},
		{"group representative missing", without("retro")},
		{"group member missing", without("incr")},
		{"group member disagrees", changed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := NewAccumulator(p, per)
			if err := a.AddPartial(good); err != nil {
				t.Fatal(err)
			}
			before, err := a.Result(nil)
			if err != nil {
				t.Fatal(err)
			}
			bad := good
			bad.Measures = tt.measures
			if err := a.AddPartial(bad); !errors.Is(err, ErrMismatch) {
				t.Fatalf("AddPartial = %v, want ErrMismatch", err)
			}
			after, err := a.Result(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !after.Equal(before) {
				t.Fatal("a rejected partial changed the accumulator")
			}
		})
	}
}

// TestAddPartialVolumeRange: a volume outside the money operating range
// is a *DataError at its path and leaves the accumulator unchanged,
// before anything computes with it (an exponent of 2²⁸ made AddPartial
// run for ever; 1001 paid a line of 10¹⁰⁰¹).
func TestAddPartialVolumeRange(t *testing.T) {
	p := MustParsePlan(`{"id": "one", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [{"id": "retro", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}}]}`)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	for _, exp := range []int32{1 << 28, money.MaxExponent + 1, -money.MaxExponent - 1} {
		a, err := NewAccumulator(p, per)
		if err != nil {
			t.Fatal(err)
		}
		ok := PartialMeasure{Recipient: Recipient{Kind: RecipientPartner, ID: "a"}, Component: "retro", Version: "1", Volume: decimal.New(5, 0), Count: 1}
		bad := PartialMeasure{Recipient: Recipient{Kind: RecipientPartner, ID: "x"}, Component: "retro", Version: "1", Volume: decimal.New(1, exp), Count: 1}
		err = a.AddPartial(Partial{PlanHash: p.Hash(), Period: per.ID, Transactions: 2, Measures: []PartialMeasure{ok, bad}})
		var de *DataError
		if !errors.As(err, &de) || de.Path != "/measures/1/volume" || !errors.Is(err, ErrData) {
			t.Errorf("exponent %d: %v, want a *DataError at /measures/1/volume", exp, err)
		}
		if got := a.Partial(); got.Transactions != 0 || len(got.Measures) != 0 {
			t.Errorf("exponent %d: the accumulator changed: %+v", exp, got)
		}
	}
}
