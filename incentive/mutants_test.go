package incentive

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/money"
)

// These tests each kill a mutant that survived the full suite and paid a
// wrong amount (named in each test).

// csatPlan: 1 % of revenue, times a CSAT multiplier: ×1 from 4, ×1.25
// from 4.5, with FACTOR the factor of the band from 4.
const csatPlan = `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,
 "components":[{"id":"c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]},
  "modifiers":[{"kind":"multiplier","metric":"csat","bands":[{"from":"4","factor":"FACTOR"},{"from":"4.5","factor":"1.25"}]}]}]}`

func payOne(t *testing.T, plan, amount string, csat decimal.Decimal) decimal.Decimal {
	t.Helper()
	p := MustParsePlan(plan)
	f := Facts{{RecipientPartner, "a"}: {Metrics: map[string]decimal.Decimal{"csat": csat}}}
	tx := Transaction{ID: "s", Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "a",
		Amount: money.MustParse(amount + " USD")}
	r, err := Evaluate(p, NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), f, slices.Values([]Transaction{tx}))
	if err != nil {
		t.Fatal(err)
	}
	return r.Total()
}

// num.cmp with < turned into <=: a CSAT of exactly 4.5 fell into the
// band below. 1 % × 1,000.00 = 10.00 × 1.25 = 12.50 (not 10.00).
func TestMutantCmpBoundary(t *testing.T) {
	plan := strings.Replace(csatPlan, "FACTOR", "1", 1)
	cases := []struct {
		csat string
		want string
	}{
		{"4.5", "12.50"},  // at the band's start: in it
		{"4.50", "12.50"}, // another scale, same value
		{"4.49", "10.00"}, // just below
		{"4", "10.00"},    // at the lower band's start
		{"3.99", "10.00"}, // below every band: factor 1
	}
	for _, c := range cases {
		if got := payOne(t, plan, "1000.00", decimal.RequireFromString(c.csat)); !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("csat %s pays %s, want %s", c.csat, got, c.want)
		}
	}
	// num.cmp directly, at equal values of different scales and of both signs.
	for _, c := range []struct {
		a, b num
		want int
	}{
		{small(45, 1), small(450, 2), 0}, {small(44, 1), small(45, 1), -1}, {small(45, 1), small(44, 1), 1},
		{small(-45, 1), small(-450, 2), 0}, {bigNum(decimal.New(45, -1)), small(45, 1), 0},
	} {
		if got := c.a.cmp(c.b); got != c.want {
			t.Errorf("cmp(%s, %s) = %d, want %d", c.a.dec(), c.b.dec(), got, c.want)
		}
	}
}

// num.reduce with the exponent's sign flipped paid 1.5e38. By hand:
// 1.23 × 1 % = 0.0123; × 1.2345678901234567 = 0.01518518504851851741
// (20 places, beyond the int64 scale: reduce spills it exactly); half-even
// to cents 0.02.
func TestMutantReduceExponent(t *testing.T) {
	plan := strings.Replace(strings.Replace(csatPlan, "FACTOR", "1.2345678901234567", 1), `"from":"4.5"`, `"from":"9"`, 1)
	if got := payOne(t, plan, "1.23", decimal.New(4, 0)); !got.Equal(decimal.RequireFromString("0.02")) {
		t.Errorf("pays %s, want 0.02", got)
	}
	// reduce itself: trailing zeros dropped down to maxScale, else spilled exactly.
	for _, c := range []struct {
		in   num
		want string
	}{
		{num{v: 123000, s: 20}, "0.00000000000000123"},
		{num{v: 1518518504851851741, s: 20}, "0.01518518504851851741"},
		{num{v: -1230, s: 19}, "-0.000000000000000123"},
	} {
		got := c.in.reduce()
		if !got.dec().Equal(decimal.RequireFromString(c.want)) || (!got.big() && got.s > maxScale) {
			t.Errorf("reduce(%d e-%d) = %s (scale %d), want %s", c.in.v, c.in.s, got.dec(), got.s, c.want)
		}
	}
}

// eval.go mergeAcc's overflow branch: merging two shards of 5e16 USD (5e18
// cents each, 1e19 together, beyond int64) gave 5.0005e20. The second
// shard also holds a sale of 0.005 USD (below the cent: kept apart as a
// decimal), which the branch must add to, not replace. By hand the
// measure is 100,000,000,000,000,000.005 USD, above 100,000 so 2 %:
// 2,000,000,000,000,000.0001, half-even to cents 2,000,000,000,000,000.00.
func TestMutantMergeOverflow(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	period := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	var shards [2]*Accumulator
	for i := range shards {
		shards[i], _ = NewAccumulator(p, period)
		if err := shards[i].Add(sale("s", 3, "50000000000000000.00")); err != nil {
			t.Fatal(err)
		}
	}
	if err := shards[1].Add(sale("t", 3, "0.005")); err != nil {
		t.Fatal(err)
	}
	viaPartial, _ := NewAccumulator(p, period)
	for _, s := range shards {
		if err := viaPartial.AddPartial(s.Partial()); err != nil {
			t.Fatal(err)
		}
	}
	if err := shards[0].Merge(shards[1]); err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]*Accumulator{"Merge": shards[0], "AddPartial": viaPartial} {
		r, err := a.Result(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Lines) != 1 || !r.Lines[0].Measure().Equal(decimal.RequireFromString("100000000000000000.005")) || !r.Lines[0].Amount().Equal(decimal.New(2, 15)) {
			t.Errorf("%s: lines %+v, want a measure of 1e17 + 0.005 paying 2 %% = 2e15", name, r.Lines)
		}
	}
}

// PartialMeasure.Equal: every field, numerically for the volume.
func TestPartialMeasureEqual(t *testing.T) {
	m := PartialMeasure{Recipient: Recipient{RecipientPartner, "a"}, Component: "c", Version: "1", Volume: decimal.RequireFromString("1.50"), Count: 3}
	equaltest.Check(t, m, []equaltest.Field[PartialMeasure]{
		{Name: "Recipient", Change: func(m PartialMeasure) PartialMeasure { m.Recipient.ID = "b"; return m }},
		{Name: "Recipient", Change: func(m PartialMeasure) PartialMeasure { m.Recipient.Kind = RecipientRep; return m }},
		{Name: "Component", Change: func(m PartialMeasure) PartialMeasure { m.Component = "d"; return m }},
		{Name: "Version", Change: func(m PartialMeasure) PartialMeasure { m.Version = "2"; return m }},
		{Name: "Volume", Change: func(m PartialMeasure) PartialMeasure { m.Volume = decimal.RequireFromString("1.51"); return m }},
		{Name: "Volume", KeepsEqual: true, Change: func(m PartialMeasure) PartialMeasure { m.Volume = decimal.RequireFromString("1.5"); return m }},
		{Name: "Count", Change: func(m PartialMeasure) PartialMeasure { m.Count = 4; return m }},
	})
}

// Date.Equal: the day and whether the date is set.
func TestDateEqual(t *testing.T) {
	equaltest.Check(t, MustDate("2025-07-01"), []equaltest.Field[Date]{
		{Name: "t", Change: func(Date) Date { return MustDate("2025-07-02") }},
		{Name: "set", Change: func(Date) Date { return Date{} }},
	})
}
