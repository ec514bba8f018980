package analysis_test

import (
	"bytes"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// volumePlan is the plan of incentive's first scenario: a 4-tier
// all-units volume rebate (1 %, 2 % from 100,000, 3 % from 250,000,
// 3.5 % from 400,000, lower-inclusive) and a 1.5 % bonus capped at 500.
const volumePlan = `{"id": "fy25-volume", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "volume", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [
    {"from": "0", "rate": "1%"}, {"from": "100000", "rate": "2%"}, {"from": "250000", "rate": "3%"}, {"from": "400000", "rate": "3.5%"}]}},
  {"id": "bonus", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1.5%"}]}, "cap": "500"}]}`

// flatterPlan is a competitor's declared programme: a flat 1.8 % with
// the bonus capped at 400.
const flatterPlan = `{"id": "rival", "version": "2", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "volume", "version": "2", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1.8%"}]}},
  {"id": "bonus", "version": "2", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1.5%"}]}, "cap": "400"}]}`

var q3 = incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))

func sale(id, partner, amount, segment string) incentive.Transaction {
	return incentive.Transaction{ID: id, Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: partner, Amount: money.MustParse(amount + " USD"), Segment: segment}
}

func population() []incentive.Transaction {
	return []incentive.Transaction{
		sale("a1", "acme", "90000.00", "smb"),
		sale("b1", "bolt", "200000.00", "ent"),
		sale("c1", "cid", "10000.00", "smb"),
	}
}

type lineFig struct {
	Partner, Component string
	Base, Alt, Delta   string
}

func figures(d analysis.Diff) []lineFig {
	var out []lineFig
	for _, l := range d.Lines {
		out = append(out, lineFig{l.Recipient.ID, l.Component, money.FormatDecimal(l.Base, 2), money.FormatDecimal(l.Alt, 2), money.FormatDecimal(l.Delta, 2)})
	}
	return out
}

// TestWhatIfScaled works a scenario by hand: smb volumes × 1.2, bolt's ×
// 0.5.
//
//	acme (smb): 90,000 → 108,000 crosses the 100,000 cliff:
//	  volume 1% × 90,000 = 900.00 → 2% × 108,000 = 2,160.00 (+1,260.00);
//	  bonus 1.5% × 90,000 = 1,350 → 500.00 both (capped)
//	bolt (ent): 200,000 → 100,000: volume 2% × 200,000 = 4,000.00 →
//	  2% × 100,000 = 2,000.00 (−2,000.00); bonus 500.00 both
//	cid (smb): 10,000 → 12,000: volume 100.00 → 120.00 (+20.00);
//	  bonus 150.00 → 180.00 (+30.00)
//	base 900 + 500 + 4,000 + 500 + 100 + 150 = 6,150.00
//	alt 2,160 + 500 + 2,000 + 500 + 120 + 180 = 5,460.00, delta −690.00
func TestWhatIfScaled(t *testing.T) {
	sc := analysis.MustParseScenario(`{"scales": [
		{"dimension": "segment", "value": "smb", "factor": "1.2"},
		{"dimension": "partner", "value": "bolt", "factor": "0.5"}]}`)
	d, err := analysis.WhatIf(incentive.MustParsePlan(volumePlan), analysis.Change{Scenario: sc}, q3, nil, slices.Values(population()))
	if err != nil {
		t.Fatal(err)
	}
	want := []lineFig{
		{"acme", "bonus", "500.00", "500.00", "0.00"},
		{"acme", "volume", "900.00", "2160.00", "1260.00"},
		{"bolt", "bonus", "500.00", "500.00", "0.00"},
		{"bolt", "volume", "4000.00", "2000.00", "-2000.00"},
		{"cid", "bonus", "150.00", "180.00", "30.00"},
		{"cid", "volume", "100.00", "120.00", "20.00"},
	}
	if diff := cmp.Diff(want, figures(d)); diff != "" {
		t.Error(diff)
	}
	for _, x := range []struct{ got, want string }{
		{money.FormatDecimal(d.BaseTotal, 2), "6150.00"},
		{money.FormatDecimal(d.AltTotal, 2), "5460.00"},
		{money.FormatDecimal(d.Delta, 2), "-690.00"},
	} {
		if x.got != x.want {
			t.Errorf("got %s, want %s", x.got, x.want)
		}
	}
	if got := len(d.Changed()); got != 4 {
		t.Errorf("%d changed lines, want 4", got)
	}
	acme := d.Lines[1]
	if acme.BaseTrace.Tier != 1 || acme.AltTrace.Tier != 2 {
		t.Errorf("acme tiers %d → %d, want 1 → 2", acme.BaseTrace.Tier, acme.AltTrace.Tier)
	}
}

// TestWhatIfZeroChange: no change, and a scenario of factors 1, give a
// zero difference on every line, for any population.
func TestWhatIfZeroChange(t *testing.T) {
	p := incentive.MustParsePlan(volumePlan)
	ones := analysis.MustParseScenario(`{"scales": [{"dimension": "all", "factor": "1"}, {"dimension": "segment", "value": "smb", "factor": "1.000"}]}`)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 20).Draw(t, "n")
		var txs []incentive.Transaction
		for i := range n {
			cents := rapid.Int64Range(1, 60_000_000).Draw(t, "cents")
			seg := rapid.SampledFrom([]string{"smb", "ent"}).Draw(t, "seg")
			partner := rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "partner")
			tx := sale("t"+strconv.Itoa(i), partner, money.FormatDecimal(money.FromMinor(cents, money.MustCurrency("USD")).Decimal(), 2), seg)
			txs = append(txs, tx)
		}
		for _, ch := range []analysis.Change{{}, {Scenario: ones}, {Plan: p}} {
			d, err := analysis.WhatIf(p, ch, q3, nil, slices.Values(txs))
			if err != nil {
				t.Fatal(err)
			}
			if !d.Delta.IsZero() || len(d.Changed()) != 0 || !d.Base.Equal(d.Alt) {
				t.Fatalf("zero change gave delta %s on %d lines", d.Delta, len(d.Changed()))
			}
		}
	})
}

// TestWhatIfConservation: for any factors, the line deltas sum exactly to
// the difference of the totals, and Gains regroups them without loss.
func TestWhatIfConservation(t *testing.T) {
	p := incentive.MustParsePlan(volumePlan)
	alt := incentive.MustParsePlan(flatterPlan)
	rapid.Check(t, func(t *rapid.T) {
		f1 := money.FromMinor(rapid.Int64Range(0, 300).Draw(t, "f1"), money.MustCurrency("USD")).Decimal()
		f2 := money.FromMinor(rapid.Int64Range(0, 300).Draw(t, "f2"), money.MustCurrency("USD")).Decimal()
		sc, err := analysis.NewScenario(analysis.ScenarioSpec{Scales: []analysis.ScaleSpec{
			{Dimension: analysis.ScaleSegment, Value: "smb", Factor: &f1},
			{Dimension: analysis.ScalePartner, Value: "bolt", Factor: &f2}}})
		if err != nil {
			t.Fatal(err)
		}
		ch := analysis.Change{Scenario: sc}
		if rapid.Bool().Draw(t, "second plan") {
			ch.Plan = alt
		}
		d, err := analysis.WhatIf(p, ch, q3, nil, slices.Values(population()))
		if err != nil {
			t.Fatal(err)
		}
		sum := money.MustDecimal("0")
		for _, l := range d.Lines {
			sum = sum.Add(l.Delta)
		}
		if !sum.Equal(d.Delta) || !d.Delta.Equal(d.AltTotal.Sub(d.BaseTotal)) {
			t.Fatalf("Σ line deltas %s, delta %s, totals %s → %s", sum, d.Delta, d.BaseTotal, d.AltTotal)
		}
		g := d.Gains()
		if !g.Gained.Add(g.Lost).Equal(d.Delta) || !g.Before.Equal(d.BaseTotal) || !g.After.Equal(d.AltTotal) {
			t.Fatalf("gains %+v do not regroup delta %s", g, d.Delta)
		}
	})
}

// TestCompare works the move from volumePlan to flatterPlan by hand:
//
//	acme 90,000: 900 + 500 = 1,400.00 → 1.8% × 90,000 = 1,620 + 400 = 2,020.00 (+620.00)
//	cid 10,000: 100 + 150 = 250.00 → 180 + 150 = 330.00 (+80.00)
//	bolt 200,000: 4,000 + 500 = 4,500.00 → 3,600 + 400 = 4,000.00 (−500.00)
//	before 6,150.00, after 6,350.00; gained 700.00, lost −500.00, delta 200.00
func TestCompare(t *testing.T) {
	g, err := analysis.Compare(incentive.MustParsePlan(volumePlan), incentive.MustParsePlan(flatterPlan), q3, nil, slices.Values(population()))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ ID, Before, After, Delta string }
	var got []row
	for _, r := range g.Recipients {
		got = append(got, row{r.Recipient.ID, money.FormatDecimal(r.Before, 2), money.FormatDecimal(r.After, 2), money.FormatDecimal(r.Delta, 2)})
	}
	want := []row{{"acme", "1400.00", "2020.00", "620.00"}, {"cid", "250.00", "330.00", "80.00"}, {"bolt", "4500.00", "4000.00", "-500.00"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
	totals := []string{money.FormatDecimal(g.Before, 2), money.FormatDecimal(g.After, 2), money.FormatDecimal(g.Gained, 2), money.FormatDecimal(g.Lost, 2), money.FormatDecimal(g.Delta, 2)}
	if diff := cmp.Diff([]string{"6150.00", "6350.00", "700.00", "-500.00", "200.00"}, totals); diff != "" {
		t.Error(diff)
	}
	if g.Winners != 2 || g.Losers != 1 || g.Unchanged != 0 {
		t.Errorf("winners %d losers %d unchanged %d", g.Winners, g.Losers, g.Unchanged)
	}
}

// TestDiffJSON: a diff with a line on one side only encodes (the missing
// trace is left out), deterministically.
func TestDiffJSON(t *testing.T) {
	sc := analysis.MustParseScenario(`{"scales": [{"dimension": "partner", "value": "cid", "factor": "0"}]}`)
	df, err := analysis.WhatIf(incentive.MustParsePlan(volumePlan), analysis.Change{Scenario: sc}, q3, nil, slices.Values(population()))
	if err != nil {
		t.Fatal(err)
	}
	last := df.Lines[len(df.Lines)-1]
	if last.Recipient.ID != "cid" || !last.HasBase || last.HasAlt || !last.Delta.Equal(d("-100")) {
		t.Fatalf("cid's volume line %+v: want 100.00 → absent", last)
	}
	a, err := strictjson.Marshal(df)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := strictjson.Marshal(df)
	if !bytes.Equal(a, b) || bytes.Count(a, []byte(`"alt_trace"`)) != len(df.Lines)-2 {
		t.Errorf("JSON not deterministic or alt traces of absent lines written: %d", bytes.Count(a, []byte(`"alt_trace"`)))
	}
	if _, err := strictjson.Marshal(df.Gains()); err != nil {
		t.Error(err)
	}
}

// TestCompareUnchanged: a plan compared with itself leaves every
// recipient unchanged — acme, cid and bolt of population() — with no
// winner, loser or delta (compare.go: `Unchanged++` → `--` counted −3).
func TestCompareUnchanged(t *testing.T) {
	p := incentive.MustParsePlan(volumePlan)
	g, err := analysis.Compare(p, p, q3, nil, slices.Values(population()))
	if err != nil {
		t.Fatal(err)
	}
	if g.Winners != 0 || g.Losers != 0 || g.Unchanged != 3 || !g.Delta.IsZero() {
		t.Errorf("winners %d losers %d unchanged %d delta %s, want 0, 0, 3, 0", g.Winners, g.Losers, g.Unchanged, g.Delta)
	}
}
