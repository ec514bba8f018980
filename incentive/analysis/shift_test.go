package analysis_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// mixPlan pays partners 2 % on hardware and 5 % on software.
const mixPlan = `{"id": "mix", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "hardware", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "eligibility": {"categories": ["hardware"]},
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]}},
  {"id": "software", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "eligibility": {"categories": ["software"]},
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "5%"}]}}]}`

func catSale(id, partner, amount, segment, category string) incentive.Transaction {
	t := sale(id, partner, amount, segment)
	t.Category = category
	return t
}

// TestWhatIfMixShift works a change of mix by hand: acme moves 25 % of
// its hardware to software, the smb segment 10 % (acme is smb, so
// acme's hardware keeps 65 %), and software grows 20 % (after the
// shift).
//
//	acme hardware 100,000: base 2 % × 100,000 = 2,000.00;
//	  alt 65,000 stays: 2 % × 65,000 = 1,300.00 (−700.00)
//	acme software: base 5 % × 10,000 = 500.00; alt (10,000 + 25,000 +
//	  10,000) × 1.2 = 54,000: 5 % × 54,000 = 2,700.00 (+2,200.00)
//	bolt (ent) hardware 50,000: no shift applies: 1,000.00 both
//	delta −700 + 2,200 = +1,500.00
func TestWhatIfMixShift(t *testing.T) {
	sc := analysis.MustParseScenario(`{"scales": [{"dimension": "category", "value": "software", "factor": "1.2"}],
	 "shifts": [{"dimension": "partner", "value": "acme", "from": "hardware", "to": "software", "share": "25%"},
	  {"dimension": "segment", "value": "smb", "from": "hardware", "to": "software", "share": "1000bp"}]}`)
	txs := []incentive.Transaction{
		catSale("a1", "acme", "100000.00", "smb", "hardware"),
		catSale("a2", "acme", "10000.00", "smb", "software"),
		catSale("b1", "bolt", "50000.00", "ent", "hardware"),
	}
	diff, err := analysis.WhatIf(incentive.MustParsePlan(mixPlan), analysis.Change{Scenario: sc}, q3, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	want := []lineFig{
		{"acme", "hardware", "2000.00", "1300.00", "-700.00"},
		{"acme", "software", "500.00", "2700.00", "2200.00"},
		{"bolt", "hardware", "1000.00", "1000.00", "0.00"},
	}
	if x := cmp.Diff(want, figures(diff)); x != "" {
		t.Error(x)
	}
	if !diff.Delta.Equal(d("1500")) {
		t.Errorf("delta %s, want 1500", diff.Delta)
	}
}

// TestShiftConserves: without scales, the parts of a shifted sale sum
// exactly to its amount and units, for random amounts and shares out of
// one category (up to three shifts, summing to at most 100 %); every
// part is the original but for category and volume.
func TestShiftConserves(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 3).Draw(t, "shifts")
		left := int64(10_000)
		var shifts []string
		for i := range n {
			bp := rapid.Int64Range(1, left).Draw(t, "bp")
			left -= bp
			dim := rapid.SampledFrom([]string{`"dimension": "all"`, `"dimension": "partner", "value": "acme"`, `"dimension": "segment", "value": "smb"`}).Draw(t, "dim")
			shifts = append(shifts, fmt.Sprintf(`{%s, "from": "hw", "to": "c%d", "share": "%dbp"}`, dim, i, bp))
			if left == 0 {
				break
			}
		}
		sc, err := analysis.ParseScenario([]byte(`{"scales": [], "shifts": [` + strings.Join(shifts, ",") + `]}`))
		if err != nil {
			t.Fatal(err)
		}
		amount := decimal.New(rapid.Int64Range(-1_000_000_000, 1_000_000_000).Draw(t, "cents"), -2)
		units := decimal.New(rapid.Int64Range(0, 1_000_000).Draw(t, "units"), -4)
		tx := incentive.Transaction{ID: "t", Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
			PartnerID: "acme", Segment: "smb", Category: "hw", Amount: money.New(amount, money.MustCurrency("USD")), Units: units}
		parts := sc.Transactions(tx)
		var sa, su decimal.Decimal
		for _, p := range parts {
			sa, su = sa.Add(p.Amount.Decimal()), su.Add(p.Units)
			p.Amount, p.Units, p.Category = tx.Amount, tx.Units, tx.Category
			if !cmp.Equal(p, tx, cmp.Comparer(func(a, b money.Amount) bool { return a.Equal(b) })) {
				t.Fatalf("a part differs in more than category and volume: %+v", p)
			}
		}
		if !sa.Equal(amount) || !su.Equal(units) {
			t.Fatalf("parts sum to %s and %s units, want %s and %s", sa, su, amount, units)
		}
		want := len(shifts) // every shift applies to acme, smb, hw
		if left > 0 {
			want++ // the part left in hw
		}
		if len(parts) != want {
			t.Fatalf("%d parts for %d shifts leaving %dbp", len(parts), len(shifts), left)
		}
	})
}

// TestShiftScope: a shift applies only to its partner or segment and to
// its From category; events pass unchanged.
func TestShiftScope(t *testing.T) {
	sc := analysis.MustParseScenario(`{"scales": [], "shifts": [{"dimension": "partner", "value": "acme", "from": "hw", "to": "sw", "share": "100%"}]}`)
	for _, c := range []struct {
		tx   incentive.Transaction
		cats []string
	}{
		{catSale("1", "acme", "10.00", "", "hw"), []string{"sw"}},
		{catSale("2", "bolt", "10.00", "", "hw"), []string{"hw"}},
		{catSale("3", "acme", "10.00", "", "other"), []string{"other"}},
		{incentive.Transaction{ID: "4", Kind: incentive.QualifyingEvent, PartnerID: "acme", Category: "hw", Event: "e"}, []string{"hw"}},
	} {
		var got []string
		for _, p := range sc.Transactions(c.tx) {
			got = append(got, p.Category)
		}
		if !slices.Equal(got, c.cats) {
			t.Errorf("%s: categories %v, want %v", c.tx.ID, got, c.cats)
		}
	}
}

func TestShiftRejected(t *testing.T) {
	for _, c := range []struct {
		name, shifts, path string
		want               error
	}{
		{"category dimension", `{"dimension": "category", "value": "x", "from": "a", "to": "b", "share": "1%"}`, "/shifts/0/dimension", analysis.ErrInvalid},
		{"same category", `{"dimension": "all", "from": "a", "to": "a", "share": "1%"}`, "/shifts/0/to", analysis.ErrInvalid},
		{"no from", `{"dimension": "all", "to": "a", "share": "1%"}`, "/shifts/0/from", analysis.ErrInvalid},
		{"no share", `{"dimension": "all", "from": "a", "to": "b"}`, "/shifts/0/share", analysis.ErrInvalid},
		{"zero share", `{"dimension": "all", "from": "a", "to": "b", "share": "0"}`, "/shifts/0/share", analysis.ErrInvalid},
		{"share above 100 %", `{"dimension": "all", "from": "a", "to": "b", "share": "101%"}`, "/shifts/0/share", analysis.ErrInvalid},
		{"bare share", `{"dimension": "all", "from": "a", "to": "b", "share": "0.1"}`, "/shifts/0/share", strictjson.ErrRateUnit},
		{"shares over 100 %", `{"dimension": "all", "from": "a", "to": "b", "share": "60%"}, {"dimension": "partner", "value": "p", "from": "a", "to": "c", "share": "50%"}`, "/shifts/1/share", analysis.ErrInvalid},
		{"twice", `{"dimension": "all", "from": "a", "to": "b", "share": "10%"}, {"dimension": "all", "from": "a", "to": "b", "share": "20%"}`, "/shifts/1", analysis.ErrDuplicate},
		{"partner without value", `{"dimension": "partner", "from": "a", "to": "b", "share": "10%"}`, "/shifts/0/value", analysis.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := analysis.ParseScenario([]byte(`{"scales": [], "shifts": [` + c.shifts + `]}`))
			var pe *analysis.ParamError
			if !errors.Is(err, c.want) || !errors.As(err, &pe) || pe.Path != c.path {
				t.Errorf("err %v, want %v at %s", err, c.want, c.path)
			}
		})
	}
}

// TestShiftRoundTrip: a scenario with shifts writes the document its
// parser reads; shares compare numerically.
func TestShiftRoundTrip(t *testing.T) {
	doc := `{"scales": [], "shifts": [{"dimension": "segment", "value": "smb", "from": "a", "to": "b", "share": "12.5%"}]}`
	sc := analysis.MustParseScenario(doc)
	b, err := sc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := analysis.ParseScenario(b)
	if err != nil || !back.Equal(sc) || !sc.Equal(analysis.MustParseScenario(strings.Replace(doc, "12.5%", "1250bp", 1))) ||
		sc.Equal(analysis.MustParseScenario(strings.Replace(doc, "12.5%", "12%", 1))) {
		t.Errorf("round trip %s: %v", b, err)
	}
}

// A change of mix: acme moves a quarter of its hardware sales to
// software. The sale of 1,000.00 becomes 750.00 of hardware and 250.00 of
// software, the same transaction otherwise; together exactly 1,000.00.
func ExampleScenario_Transactions() {
	sc := analysis.MustParseScenario(`{"scales": [], "shifts": [
		{"dimension": "partner", "value": "acme", "from": "hardware", "to": "software", "share": "25%"}]}`)
	t := incentive.Transaction{ID: "s1", Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: "acme", Category: "hardware", Amount: money.MustParse("1000.00 USD")}
	for _, u := range sc.Transactions(t) {
		fmt.Println(u.ID, u.Category, u.Amount)
	}
	// Output:
	// s1 hardware 750.0000 USD
	// s1 software 250.0000 USD
}
