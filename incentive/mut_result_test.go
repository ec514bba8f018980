package incentive

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// These tests kill mutants of result.go that survived the -short suite, or
// sat on lines it never ran (see .ci/mutation); each names what it pins.

// sentenceTrace is a one-tier revenue trace of 2025-Q3 in USD paying pay,
// rounded half-even to cents; mod changes it.
func sentenceTrace(pay string, mod func(*Trace)) Trace {
	p := decimal.RequireFromString(pay)
	t := Trace{Period: "2025-Q3", Currency: money.MustCurrency("USD"), Measure: Revenue, Mode: tier.AllUnits,
		Boundary: tier.LowerInclusive, Tier: 1, Tiers: 1, SchedulePayout: p, Exact: p,
		Rounding: money.HalfEven, Places: 2, Rounded: p, Amount: p}
	mod(&t)
	return t
}

func pct(s string) money.Rate { return money.RateFromPercent(decimal.RequireFromString(s)) }

func sd(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Every sentence form the golden scenarios do not reach: growth measures,
// retro-from-threshold and linear schedules, a measure below the first
// tier, upper-inclusive bounds, an incremental flat fee, a single event.
// Each figure is worked out beside its case.
func TestSentenceForms(t *testing.T) {
	tests := []struct {
		name  string
		trace Trace
		want  string
	}{
		{
			// 5 % × (15,000 − 10,000) = 250.00
			name: "growth amount",
			trace: sentenceTrace("250", func(t *Trace) {
				t.Measure, t.Rate = GrowthAmount, pct("5")
				t.Volume, t.HasBaseline, t.Baseline, t.Base = sd("15000"), true, sd("10000"), sd("5000")
			}),
			want: "5% on 5,000.00 USD of growth in 2025-Q3 (revenue 15,000.00 USD over a baseline of 10,000.00 USD) " +
				"(all-units, tier 1 of 1) = 250.00 USD; rounded half-even to 2 places: 250.00 USD.",
		},
		{
			// (11,200 − 10,000) / 10,000 = 12 % growth: tier 2, [10 %, 20 %), pays a flat 500.00
			name: "growth percent",
			trace: sentenceTrace("500", func(t *Trace) {
				t.Measure, t.Mode, t.Tier, t.Tiers = GrowthPercent, tier.FlatPerTier, 2, 3
				t.Volume, t.HasBaseline, t.Baseline, t.Base = sd("11200"), true, sd("10000"), sd("12")
				t.Portions = []tier.Portion{{Tier: 2, From: sd("10"), To: sd("20"), Payout: sd("500")}}
			}),
			want: "a flat-per-tier payout for 12% growth in 2025-Q3 (revenue 11,200.00 USD over a baseline of 10,000.00 USD) " +
				"(flat-per-tier, tier 2 of 3: at least 10% and under 20%) = 500.00 USD; rounded half-even to 2 places: 500.00 USD.",
		},
		{
			// 2 % × (50,000 − 10,000) = 800.00
			name: "retro from threshold",
			trace: sentenceTrace("800", func(t *Trace) {
				t.Mode, t.Rate, t.Base, t.Threshold = tier.RetroFromThreshold, pct("2"), sd("50000"), sd("10000")
			}),
			want: "2% on 50,000.00 USD of 2025-Q3 revenue above 10,000.00 USD (retro-from-threshold, tier 1 of 1) = 800.00 USD; " +
				"rounded half-even to 2 places: 800.00 USD.",
		},
		{
			// 1 % at 100,000 to 2 % at 200,000: 1.5 % at 150,000; × 150,000 = 2,250.00
			name: "linear",
			trace: sentenceTrace("2250", func(t *Trace) {
				t.Mode, t.Rate, t.Base, t.Tiers = tier.Linear, pct("1.5"), sd("150000"), 2
				t.Portions = []tier.Portion{{Tier: 1, From: sd("100000"), To: sd("200000"), Volume: sd("150000"), Rate: pct("1.5"), Payout: sd("2250")}}
			}),
			want: "an interpolated 1.5% on 150,000.00 USD of 2025-Q3 revenue (linear, tier 1 of 2: at least 100,000.00 USD and under 200,000.00 USD) " +
				"= 2,250.00 USD; rounded half-even to 2 places: 2,250.00 USD.",
		},
		{
			// 500 is below the first tier's 1,000: nothing
			name: "below the first tier",
			trace: sentenceTrace("0", func(t *Trace) {
				t.Tier, t.Tiers, t.Base = 0, 2, sd("500")
				t.Portions = []tier.Portion{{Tier: 0, To: sd("1000")}}
			}),
			want: "0% on 500.00 USD of 2025-Q3 revenue (all-units, below the first tier, which starts at 1,000.00 USD) = 0.00 USD; " +
				"rounded half-even to 2 places: 0.00 USD.",
		},
		{
			name: "below the first tier, without portions",
			trace: sentenceTrace("0", func(t *Trace) {
				t.Tier, t.Tiers, t.Base = 0, 2, sd("500")
			}),
			want: "0% on 500.00 USD of 2025-Q3 revenue (all-units, below the first tier) = 0.00 USD; rounded half-even to 2 places: 0.00 USD.",
		},
		{
			// 3 % × 150,000 = 4,500.00; upper-inclusive: 100,000 itself is in tier 1
			name: "upper inclusive, second tier",
			trace: sentenceTrace("4500", func(t *Trace) {
				t.Boundary, t.Tier, t.Tiers, t.Rate, t.Base = tier.UpperInclusive, 2, 3, pct("3"), sd("150000")
				t.Portions = []tier.Portion{{Tier: 2, From: sd("100000"), To: sd("250000"), Volume: sd("150000"), Rate: pct("3"), Payout: sd("4500")}}
			}),
			want: "3% on 150,000.00 USD of 2025-Q3 revenue (all-units, tier 2 of 3: over 100,000.00 USD up to and including 250,000.00 USD) " +
				"= 4,500.00 USD; rounded half-even to 2 places: 4,500.00 USD.",
		},
		{
			// 1 % × 100,000 = 1,000.00; the first tier includes its own lower bound 0
			name: "upper inclusive, first tier",
			trace: sentenceTrace("1000", func(t *Trace) {
				t.Boundary, t.Tier, t.Tiers, t.Rate, t.Base = tier.UpperInclusive, 1, 3, pct("1"), sd("100000")
				t.Portions = []tier.Portion{{Tier: 1, From: sd("0"), To: sd("100000"), Volume: sd("100000"), Rate: pct("1"), Payout: sd("1000")}}
			}),
			want: "1% on 100,000.00 USD of 2025-Q3 revenue (all-units, tier 1 of 3: at least 0.00 USD up to and including 100,000.00 USD) " +
				"= 1,000.00 USD; rounded half-even to 2 places: 1,000.00 USD.",
		},
		{
			// 1 % × 100 = 1.00; 2 % × 50 + 10.00 = 11.00; 1.00 + 11.00 = 12.00
			name: "incremental with a flat fee",
			trace: sentenceTrace("12", func(t *Trace) {
				t.Mode, t.Tier, t.Tiers, t.Rate, t.Base = tier.Incremental, 2, 2, pct("2"), sd("150")
				t.Portions = []tier.Portion{
					{Tier: 1, From: sd("0"), To: sd("100"), Volume: sd("100"), Rate: pct("1"), Payout: sd("1")},
					{Tier: 2, From: sd("100"), Unbounded: true, Volume: sd("50"), Rate: pct("2"), Flat: sd("10"), Payout: sd("11")},
				}
			}),
			want: "incremental rates on 150.00 USD of 2025-Q3 revenue (1% on 100.00 USD from 0.00 USD to 100.00 USD = 1.00 USD, " +
				"2% on 50.00 USD above 100.00 USD plus a flat 10.00 USD = 11.00 USD: tier 2 of 2) = 12.00 USD; rounded half-even to 2 places: 12.00 USD.",
		},
		{
			// 50.00 × 1 event = 50.00
			name: "one qualifying event",
			trace: sentenceTrace("50", func(t *Trace) {
				t.Measure, t.PerUnit, t.Rate, t.Base = EventCount, true, money.RateFromFraction(sd("50")), sd("1")
			}),
			want: "50 per event on 1 qualifying event in 2025-Q3 (all-units, tier 1 of 1) = 50.00 USD; rounded half-even to 2 places: 50.00 USD.",
		},
		{
			// net revenue of −500.00 (returns) is below an incremental schedule's first
			// tier (from 0); its rate gives back 1 % × −500.00 = −5.00
			name: "incremental, below the first tier",
			trace: sentenceTrace("-5", func(t *Trace) {
				t.Mode, t.Tier, t.Tiers, t.Rate, t.Base = tier.Incremental, 0, 2, pct("1"), sd("-500")
				t.Portions = []tier.Portion{{Tier: 0, Volume: sd("-500"), Rate: pct("1"), Payout: sd("-5")}}
			}),
			want: "1% on -500.00 USD of 2025-Q3 revenue (incremental, below the first tier, which starts at 0.00 USD) = -5.00 USD; " +
				"rounded half-even to 2 places: -5.00 USD.",
		},
		{
			// a trace without a measure kind (read from incomplete JSON) prints the bare base
			name: "unspecified measure",
			trace: sentenceTrace("0.14", func(t *Trace) {
				t.Measure, t.Rate, t.Base = MeasureUnspecified, pct("2"), sd("7")
			}),
			want: "2% on 7 (all-units, tier 1 of 1) = 0.14 USD; rounded half-even to 2 places: 0.14 USD.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.trace.Sentence()); diff != "" {
				t.Errorf("sentence (-want +got):\n%s", diff)
			}
		})
	}
}

// A line and a trace encode on their own exactly as inside their result
// (result.go: Line.MarshalJSON, Trace.MarshalJSON and encodeTo never ran),
// and a result without lines has an empty list, not null. By hand: 1 % of
// 1,000.00 (version 1 of rebate, in force on 15 July) = 10.00.
func TestResultLineTraceJSON(t *testing.T) {
	p := MustParsePlan(versionedPlan)
	per := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	tx := Transaction{ID: "s1", Date: time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("1000.00 USD")}
	r, err := Evaluate(p, per, nil, slices.Values([]Transaction{tx}))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lines) != 1 {
		t.Fatalf("%d lines", len(r.Lines))
	}
	l := r.Lines[0]
	decode := func(b []byte, err error) map[string]any {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		return m
	}
	res := decode(r.MarshalJSON())
	line := decode(l.MarshalJSON())
	trace := decode(l.Trace().MarshalJSON())
	if diff := cmp.Diff(res["lines"], []any{line}); diff != "" {
		t.Errorf("Line.MarshalJSON differs from the line in the result (-result +line):\n%s", diff)
	}
	if diff := cmp.Diff(line["trace"], any(trace)); diff != "" {
		t.Errorf("Trace.MarshalJSON differs from the line's trace (-line +trace):\n%s", diff)
	}
	want := map[string]any{"amount": "10.00", "sentence": "1% on 1,000.00 USD of Q3 revenue (all-units, tier 1 of 1) = 10.00 USD; rounded half-even to 2 places: 10.00 USD.",
		"version": "1", "component": "rebate"}
	for k, v := range want {
		if diff := cmp.Diff(v, line[k]); diff != "" {
			t.Errorf("line %s (-want +got):\n%s", k, diff)
		}
	}
	empty := decode(Result{Plan: "q", Currency: money.MustCurrency("USD")}.MarshalJSON())
	if diff := cmp.Diff([]any{}, empty["lines"]); diff != "" {
		t.Errorf("lines of a result without lines (-want +got):\n%s", diff)
	}
}

// A measure exactly at an accelerator's quota is not accelerated, and its
// sentence says so (result.go writeModifiers: `t.Base.Cmp(m.Value) <= 0`).
func TestSentenceEdges(t *testing.T) {
	per := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	sale := func(amount string) Transaction {
		return Transaction{ID: "s", Date: time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme",
			Amount: money.MustParse(amount + " USD")}
	}
	tests := []struct {
		name, plan, sale, want string
	}{
		{
			// 1,000.00 is in tier 2 (from 100): 2 % × 1,000.00 = 20.00; at the quota of
			// 1,000 nothing lies above it, so ×1.5 changes nothing: 20.00
			name: "at the accelerator's quota",
			plan: mutate(`,"modifiers":[{"kind":"accelerator","factor":"1.5","quota":"1000"}]`, ""),
			sale: "1000.00",
			want: "2% on 1,000.00 USD of Q3 revenue (all-units, tier 2 of 2: at least 100.00 USD) = 20.00 USD; " +
				"quota of 1,000.00 USD not exceeded, no acceleration; rounded half-even to 2 places: 20.00 USD.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Evaluate(MustParsePlan(tt.plan), per, nil, slices.Values([]Transaction{sale(tt.sale)}))
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Lines) != 1 {
				t.Fatalf("%d lines", len(r.Lines))
			}
			if diff := cmp.Diff(tt.want, r.Lines[0].Trace().Sentence()); diff != "" {
				t.Errorf("sentence (-want +got):\n%s", diff)
			}
		})
	}
}

// A recipient cap shared by largest remainder can leave a small line as it
// was: its limit step then shows an adjustment of +0.00, with the sign a
// rise would have (result.go signed: `d.Sign() < 0`, whose `<= 0` mutant
// lived). By hand: big pays 10 % × 1,000.00 = 100.00, small 0.001 % ×
// 1,000.00 = 0.01; 100.01 > the cap of 100.00, so 10,000 cents are shared
// in proportion 100.00 : 0.01: 9,999.0001 and 0.9999 cents, floors 9,999
// and 0, the one cent left goes to the larger remainder (0.9999): big
// 99.99 (−0.01), small 0.01 (+0.00).
func TestSentenceZeroAdjustment(t *testing.T) {
	comp := func(id, rate string) string {
		return `{"id":"` + id + `","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
		 "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"` + rate + `"}]}}`
	}
	p := MustParsePlan(`{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"recipient_cap":"100",
	 "components":[` + comp("big", "10%") + `,` + comp("small", "0.001%") + `]}`)
	tx := Transaction{ID: "s", Date: time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("1000.00 USD")}
	r, err := Evaluate(p, NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), nil, slices.Values([]Transaction{tx}))
	if err != nil {
		t.Fatal(err)
	}
	type line struct{ Component, Amount, Sentence string }
	var got []line
	for _, l := range r.Lines {
		got = append(got, line{l.Component(), l.Amount().String(), l.Trace().Sentence()})
	}
	want := []line{
		{"big", "99.99", "10% on 1,000.00 USD of Q3 revenue (all-units, tier 1 of 1) = 100.00 USD; rounded half-even to 2 places: 100.00 USD; " +
			"reduced to fit the recipient cap of 100.00 USD (-0.01): paid 99.99 USD."},
		{"small", "0.01", "0.001% on 1,000.00 USD of Q3 revenue (all-units, tier 1 of 1) = 0.01 USD; rounded half-even to 2 places: 0.01 USD; " +
			"reduced to fit the recipient cap of 100.00 USD (+0.00): paid 0.01 USD."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}
