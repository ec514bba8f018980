package incentive

import (
	"errors"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
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
