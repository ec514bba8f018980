package incentive

import (
	"bytes"
	"errors"
	"slices"
	"testing"
	"time"

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
	// A recipient ID Add would refuse is refused here too.
	a, err := NewAccumulator(p, per)
	if err != nil {
		t.Fatal(err)
	}
	m := PartialMeasure{Recipient: Recipient{Kind: RecipientPartner, ID: "acme\u200b"}, Component: "retro", Version: "1", Volume: decimal.New(5, 0), Count: 1}
	err = a.AddPartial(Partial{PlanHash: p.Hash(), Period: per.ID, Transactions: 1, Measures: []PartialMeasure{m}})
	var de *DataError
	if !errors.As(err, &de) || de.Path != "/measures/0/recipient/id" || !errors.Is(err, ErrInvalid) {
		t.Errorf("a zero-width space in a partial's recipient: %v", err)
	}
}

// TestPartialPeriodDates: a partial records its period's start and end,
// through JSON too, and a partial of a period with the same ID but other
// dates ("Q3" 2024 for "Q3" 2025) is ErrMismatch at /period_from; a
// partial without them (written before they were recorded) is matched by
// ID, as it was.
func TestPartialPeriodDates(t *testing.T) {
	p := MustParsePlan(benchPlan)
	q3, q3old := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), NewPeriod("Q3", MustDate("2024-07-01"), MustDate("2024-10-01"))
	old, err := NewAccumulator(p, q3old)
	if err != nil {
		t.Fatal(err)
	}
	sale := Transaction{ID: "s1", Date: MustDate("2024-08-01").Time(), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("1000.00 USD"),
		Motion: NewBusiness, Billing: Recurring}
	if err := old.Add(sale); err != nil {
		t.Fatal(err)
	}
	part := old.Partial()
	if !part.PeriodFrom.Equal(q3old.Start) || !part.PeriodUntil.Equal(q3old.End) {
		t.Fatalf("partial period %v – %v", part.PeriodFrom, part.PeriodUntil)
	}
	data, err := part.MarshalJSON()
	if err != nil || !bytes.Contains(data, []byte(`"period":"Q3","period_from":"2024-07-01T00:00:00Z","period_until":"2024-10-01T00:00:00Z",`)) {
		t.Fatalf("%s %v", data, err)
	}
	back, err := ParsePartial(data)
	if err != nil || !back.PeriodFrom.Equal(q3old.Start) || !back.PeriodUntil.Equal(q3old.End) {
		t.Fatalf("ParsePartial: %+v %v", back, err)
	}
	strict, err := parsePartialStrict(data)
	if err != nil || !strict.PeriodFrom.Equal(back.PeriodFrom) || !strict.PeriodUntil.Equal(back.PeriodUntil) {
		t.Fatalf("the strict reader: %+v %v", strict, err)
	}
	cur, err := NewAccumulator(p, q3)
	if err != nil {
		t.Fatal(err)
	}
	var de *DataError
	if err := cur.AddPartial(back); !errors.As(err, &de) || de.Path != "/period_from" || !errors.Is(err, ErrMismatch) {
		t.Errorf("Q3 2024 into Q3 2025: %v, want ErrMismatch at /period_from", err)
	}
	until := back
	until.PeriodFrom = q3.Start
	if err := cur.AddPartial(until); !errors.As(err, &de) || de.Path != "/period_until" {
		t.Errorf("another end: %v, want ErrMismatch at /period_until", err)
	}
	// A period in a zone of seconds (a local mean time, +00:19:32) goes
	// through JSON in UTC and fits its own accumulator; one beyond year
	// 9999 is written without dates.
	for _, per := range []Period{
		{ID: "lmt", Start: time.Date(1900, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 1172)), End: time.Date(1900, 4, 1, 0, 0, 0, 0, time.FixedZone("LMT", 1172))},
		{ID: "far", Start: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(10000, 4, 1, 0, 0, 0, 0, time.UTC)},
	} {
		a, err := NewAccumulator(p, per)
		if err != nil {
			t.Fatal(err)
		}
		data, err := a.Partial().MarshalJSON()
		if err != nil {
			t.Fatalf("%s: %v", per.ID, err)
		}
		back, err := ParsePartial(data)
		if err == nil {
			err = a.AddPartial(back)
		}
		if err != nil {
			t.Errorf("%s: %s: %v", per.ID, data, err)
		}
	}
	// Without the dates: matched by ID, as before.
	undated := bytes.Replace(data, []byte(`"period_from":"2024-07-01T00:00:00Z","period_until":"2024-10-01T00:00:00Z",`), nil, 1)
	legacy, err := ParsePartial(undated)
	if err != nil || !legacy.PeriodFrom.IsZero() {
		t.Fatalf("an undated partial: %+v %v", legacy, err)
	}
	if err := cur.AddPartial(legacy); err != nil {
		t.Errorf("an undated partial: %v", err)
	}
}
