package incentive

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// evalQ3 is the period of this file's tests: July to September 2025.
func evalQ3() Period { return NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")) }

// evalSale is a sale of amount (in USD) to partner on 15 July 2025, in
// segment seg (empty: none).
func evalSale(id, partner, seg, amount string) Transaction {
	return Transaction{ID: id, Date: time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC), Kind: Sale,
		PartnerID: partner, Segment: seg, Amount: money.MustParse(amount + " USD")}
}

// evalComp is a partner revenue component with an all-units schedule of
// the given tiers (JSON objects), with extra JSON members (eligibility,
// …) spliced in.
func evalComp(id, tiers, extra string) string {
	return `{"id":"` + id + `","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",` + extra +
		`"schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[` + tiers + `]}}`
}

// evalFlat is the tiers of a flat rate from 0.
func evalFlat(rate string) string { return `{"from":"0","rate":"` + rate + `"}` }

// evalPlan is a USD plan at 2 places, half-even, with the given top-level
// members (caps, …) and components.
func evalPlan(top string, comps ...string) Plan {
	return MustParsePlan(`{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,` + top +
		`"components":[` + strings.Join(comps, ",") + `]}`)
}

// Merge refuses a merge whose transaction count for one recipient ×
// component would pass int64 (Accumulator.countsFit), looking at the
// counts of that recipient in both accumulators even when it is not the
// first recipient of either and the plan has several measure groups.
// Here "ent" and "smb" count different segments (two groups); x has
// 9,223,372,036,854,775,807 enterprise transactions in a (from a partial)
// and 1 more in b: 2^63 − 1 + 1 overflows, so Merge is ErrData and leaves
// a as it was. The first recipients, w in a and v in b, have counts that
// would fit (w: 1 enterprise; v: 0 enterprise, 1 smb).
func TestEvalMergeCountOverflowLaterRecipient(t *testing.T) {
	p := evalPlan("",
		evalComp("ent", evalFlat("1%"), `"eligibility":{"segments":["ent"]},`),
		evalComp("smb", evalFlat("2%"), `"eligibility":{"segments":["smb"]},`))
	a, err := NewAccumulator(p, evalQ3())
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Add(evalSale("a1", "w", "ent", "10.00")); err != nil {
		t.Fatal(err)
	}
	if err := a.AddPartial(Partial{PlanHash: p.Hash(), Period: "Q3", Measures: []PartialMeasure{
		{Recipient: Recipient{Kind: RecipientPartner, ID: "x"}, Component: "ent", Version: "1",
			Volume: decimal.RequireFromString("5.00"), Count: math.MaxInt64}}}); err != nil {
		t.Fatal(err)
	}
	b, err := NewAccumulator(p, evalQ3())
	if err != nil {
		t.Fatal(err)
	}
	for _, tx := range []Transaction{evalSale("b1", "v", "smb", "20.00"), evalSale("b2", "x", "ent", "30.00")} {
		if err := b.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	before := a.Partial()
	err = a.Merge(b)
	if !errors.Is(err, ErrData) || err == nil || !strings.Contains(err.Error(), "merged counts would exceed 9223372036854775807") {
		t.Fatalf("Merge = %v, want ErrData: merged counts would exceed 9223372036854775807", err)
	}
	if after := a.Partial(); !slices.EqualFunc(before.Measures, after.Measures, PartialMeasure.Equal) || after.Transactions != before.Transactions {
		t.Errorf("a changed by a refused merge:\n%+v\n→ %+v", before, after)
	}
}

// Result sorts lines by recipient ID even when IDs agree on the 8 bytes
// after their common prefix (sortedOrder: equal sort keys defer to the
// IDs, not to the recipient kind or to the order of arrival). acme,
// northwind-emea-2 and northwind-emea-1 share no prefix; the two
// northwind IDs have the same first 8 bytes "northwin" and differ at
// byte 15. At 1 %: acme 100.00 → 1.00, northwind-emea-2 200.00 → 2.00,
// northwind-emea-1 300.00 → 3.00; -1 comes before -2 though it arrived
// later.
func TestEvalResultOrderBeyondSortKey(t *testing.T) {
	p := evalPlan("", evalComp("rev", evalFlat("1%"), ""))
	txs := []Transaction{
		evalSale("1", "acme", "", "100.00"),
		evalSale("2", "northwind-emea-2", "", "200.00"),
		evalSale("3", "northwind-emea-1", "", "300.00"),
	}
	r, err := Evaluate(p, evalQ3(), nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range r.Lines {
		got = append(got, l.Recipient().ID+" "+l.Amount().StringFixed(2))
	}
	want := []string{"acme 1.00", "northwind-emea-1 3.00", "northwind-emea-2 2.00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// The recipient cap reduces only the positive lines (reduce: the lines
// with amount > 0 share the target): a line paying 0.00 keeps a trace
// without a cap step. "big" pays 10 % × 1,000.00 = 100.00; "tiered" pays
// 0 % below 5,000.00, so 1,000.00 earns 0 % × 1,000.00 = 0.00. 100.00 + 0.00 > the cap of 50.00: big is reduced to 50.00
// (−50.00) and tiered stays at 0.00 with no "reduced to fit" step.
func TestEvalRecipientCapSkipsZeroLine(t *testing.T) {
	p := evalPlan(`"recipient_cap":"50",`, evalComp("big", evalFlat("10%"), ""),
		evalComp("tiered", evalFlat("0%")+`,{"from":"5000","rate":"1%"}`, ""))
	r, err := Evaluate(p, evalQ3(), nil, slices.Values([]Transaction{evalSale("s", "acme", "", "1000.00")}))
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Component, Amount string
		Limits            []LimitKind
	}
	var got []line
	for _, l := range r.Lines {
		var kinds []LimitKind
		for _, s := range l.Trace().Limits {
			kinds = append(kinds, s.Kind)
		}
		got = append(got, line{l.Component(), l.Amount().StringFixed(2), kinds})
	}
	want := []line{{"big", "50.00", []LimitKind{RecipientCap}}, {"tiered", "0.00", nil}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if s := r.Lines[1].Trace().Sentence(); strings.Contains(s, "reduced") {
		t.Errorf("zero line's sentence mentions a reduction: %s", s)
	}
}

// The trace writes the schedule's payout as the exact product of the
// measure and the rate, with the places of both, whichever evaluation
// path computed it (compileNum compiles the int64 schedule at the
// measure's own scale: 2 places for USD revenue): 1 % of 1,000.00 USD is
// 1,000.00 × 0.01 = 10.0000 (2 + 2 places), and so is the exact payout;
// the rounded amount is 10.00. These are the texts of the trace's JSON
// (strictjson writes a decimal with money.FormatDecimal(d, 0)).
func TestEvalTracePayoutAtMeasureScale(t *testing.T) {
	p := evalPlan("", evalComp("rev", evalFlat("1%"), ""))
	r, err := Evaluate(p, evalQ3(), nil, slices.Values([]Transaction{evalSale("s", "acme", "", "1000.00")}))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lines) != 1 {
		t.Fatalf("lines %+v", r.Lines)
	}
	tr := r.Lines[0].Trace()
	got := [3]string{money.FormatDecimal(tr.SchedulePayout, 0), money.FormatDecimal(tr.Exact, 0), money.FormatDecimal(tr.Rounded, 0)}
	if want := [3]string{"10.0000", "10.0000", "10.00"}; got != want {
		t.Errorf("schedule payout, exact, rounded = %q, want %q", got, want)
	}
	js, err := tr.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"schedule_payout":"10.0000"`) {
		t.Errorf("trace JSON lacks \"schedule_payout\":\"10.0000\": %s", js)
	}
}

// An accelerator applies only above its quota (compute: base > quota):
// at exactly the quota the payout passes unchanged, the modifier step's
// after being the before itself (the same digits in the trace). 1 % with
// an accelerator ×1.5 above a quota of 1,000: at 1,000.00 the schedule
// pays 1,000.00 × 0.01 = 10.0000 and the step is 10.0000 → 10.0000
// (paid 10.00); at 2,000.00 it pays 20.0000, the quota's payout is
// 10.0000, and 10.0000 + 1.5 × (20.0000 − 10.0000) = 25.00000 (paid
// 25.00).
func TestEvalAcceleratorAtQuota(t *testing.T) {
	p := evalPlan("", evalComp("rev", evalFlat("1%"), `"modifiers":[{"kind":"accelerator","factor":"1.5","quota":"1000"}],`))
	for _, c := range []struct{ amount, before, after, paid string }{
		{"1000.00", "10.0000", "10.0000", "10.00"},
		{"2000.00", "20.0000", "25.00000", "25.00"},
	} {
		r, err := Evaluate(p, evalQ3(), nil, slices.Values([]Transaction{evalSale("s", "acme", "", c.amount)}))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Lines) != 1 {
			t.Fatalf("%s: lines %+v", c.amount, r.Lines)
		}
		tr := r.Lines[0].Trace()
		if len(tr.Modifiers) != 1 {
			t.Fatalf("%s: modifiers %+v", c.amount, tr.Modifiers)
		}
		m := tr.Modifiers[0]
		got := [4]string{money.FormatDecimal(m.Before, 0), money.FormatDecimal(m.After, 0), money.FormatDecimal(tr.Exact, 0), r.Lines[0].Amount().StringFixed(2)}
		if want := [4]string{c.before, c.after, c.after, c.paid}; got != want {
			t.Errorf("%s: before, after, exact, paid = %q, want %q", c.amount, got, want)
		}
	}
}
