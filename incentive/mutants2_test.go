package incentive

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/money"
)

// These tests kill mutants that gremlins could not reach under -short (see
// .ci/mutation): each names the mutant it kills.

// versionedPlan: the rebate component changes version on 2025-08-01, from
// 1 % to 2 %.
const versionedPlan = `{"id":"q","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
 {"id":"rebate","version":"1","effective_from":"2025-01-01","effective_until":"2025-08-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}},
 {"id":"rebate","version":"2","effective_from":"2025-08-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"2%"}]}}]}`

// EstimateActuals and EstimateForecast sum a component's versions into one
// estimate (ledger.go: out[n-1].Measure/Amount.Add, whose n-1 index
// mutants were never run: the suite had no plan with two versions).
func TestEstimateSumsVersions(t *testing.T) {
	p := MustParsePlan(versionedPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	aug := sale("2", 20, "20000.00")
	aug.Date = aug.Date.AddDate(0, 1, 0) // 2025-08-20: version 2
	r, err := Evaluate(p, q3, nil, slices.Values([]Transaction{sale("1", 3, "10000.00"), aug}))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lines) != 2 {
		t.Fatalf("%d lines, want one per version: %+v", len(r.Lines), r.Lines)
	}
	// v1: 1 % × 10,000.00 = 100.00; v2: 2 % × 20,000.00 = 400.00.
	// One estimate: measure 30,000.00, amount 500.00.
	want := []Estimate{{Recipient: Recipient{RecipientPartner, "acme"}, Component: "rebate",
		Measure: decimal.RequireFromString("30000"), Amount: decimal.RequireFromString("500"), PlanHash: r.PlanHash}}
	check := func(name string, got []Estimate) {
		t.Helper()
		if !slices.EqualFunc(got, want, Estimate.Equal) {
			t.Errorf("%s = %+v, want %+v", name, got, want)
		}
	}
	check("EstimateActuals", EstimateActuals(r))
	// No forecast for the line: EstimateForecast estimates on actuals.
	fc, err := EstimateForecast(p, r, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	check("EstimateForecast", fc)
}

// Group.UnmarshalJSON (group.go `if err != nil` negated lived: nothing
// decoded a Group through encoding/json). A valid document decodes to the
// group ParseGroup gives; an invalid one is ParseGroup's error and leaves
// the value alone.
func TestGroupUnmarshalJSON(t *testing.T) {
	doc := `{"id":"pool","share":"weights","members":[{"recipient":{"kind":"partner","id":"a"},"weight":"2"}]}`
	var g Group
	if err := json.Unmarshal([]byte(doc), &g); err != nil {
		t.Fatal(err)
	}
	if want := MustParseGroup(doc); !g.IsValid() || g.Hash() != want.Hash() {
		t.Errorf("decoded %+v, want %+v", g.Spec(), want.Spec())
	}
	var bad Group
	if err := json.Unmarshal([]byte(`{"id":"pool","share":"weights","members":[]}`), &bad); !errors.Is(err, ErrInvalid) || bad.IsValid() {
		t.Errorf("no members: err %v, group valid %v; want ErrInvalid and the zero group", err, bad.IsValid())
	}
}

// PartialClaim.Equal compares every field, the measure numerically and
// the date as an instant (spif.go: each == negated lived).
func TestPartialClaimEqual(t *testing.T) {
	day := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	m := PartialClaim{Recipient: Recipient{RecipientRep, "r"}, Component: "deals", Version: "1", Transaction: "t1",
		Date: day, Measure: decimal.RequireFromString("2.50")}
	equaltest.Check(t, m, []equaltest.Field[PartialClaim]{
		{Name: "Recipient", Change: func(m PartialClaim) PartialClaim { m.Recipient.ID = "s"; return m }},
		{Name: "Component", Change: func(m PartialClaim) PartialClaim { m.Component = "rev"; return m }},
		{Name: "Version", Change: func(m PartialClaim) PartialClaim { m.Version = "2"; return m }},
		{Name: "Transaction", Change: func(m PartialClaim) PartialClaim { m.Transaction = "t2"; return m }},
		{Name: "Date", Change: func(m PartialClaim) PartialClaim { m.Date = day.Add(time.Nanosecond); return m }},
		{Name: "Date", KeepsEqual: true, Change: func(m PartialClaim) PartialClaim { m.Date = day.In(time.FixedZone("x", 3600)); return m }},
		{Name: "Measure", Change: func(m PartialClaim) PartialClaim { m.Measure = decimal.RequireFromString("2.51"); return m }},
		{Name: "Measure", KeepsEqual: true, Change: func(m PartialClaim) PartialClaim { m.Measure = decimal.RequireFromString("2.5"); return m }},
	})
}

// num.sign, isZero and equal on the int64 form (num.go: sign's `v < 0`
// boundary and negation, isZero's and equal's `==` negated, lived: no
// caller could tell, as every limit is non-negative). Hand values.
func TestNumSignZeroEqual(t *testing.T) {
	for _, c := range []struct {
		a    num
		sign int
	}{
		{small(0, 2), 0}, {small(-1, 2), -1}, {small(1, 18), 1}, {small(math.MinInt64, 0), -1},
		{bigNum(decimal.RequireFromString("-1e30")), -1}, {bigNum(decimal.Zero), 0},
	} {
		if got := c.a.sign(); got != c.sign {
			t.Errorf("%s.sign() = %d, want %d", c.a.dec(), got, c.sign)
		}
		if got := c.a.isZero(); got != (c.sign == 0) {
			t.Errorf("%s.isZero() = %v", c.a.dec(), got)
		}
	}
	// 1.50 (150 at scale 2) equals 1.5 (15 at scale 1), not 1.49.
	if !small(150, 2).equal(small(15, 1)) || small(149, 2).equal(small(15, 1)) {
		t.Error("num.equal: 1.50 vs 1.5 and 1.49 vs 1.5")
	}
}

// Partial.UnmarshalJSON (partial.go `if err != nil` negated lived: nothing
// decoded a Partial through encoding/json). A shard's partial decoded with
// json.Unmarshal merges to the shard's payout; a document with an unknown
// member is ParsePartial's error.
func TestPartialUnmarshalJSON(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	shard, err := NewAccumulator(p, q3)
	if err != nil {
		t.Fatal(err)
	}
	if err := shard.Add(sale("1", 3, "60000.00")); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(shard.Partial())
	if err != nil {
		t.Fatal(err)
	}
	var part Partial
	if err := json.Unmarshal(b, &part); err != nil {
		t.Fatal(err)
	}
	whole, _ := NewAccumulator(p, q3)
	if err := whole.AddPartial(part); err != nil {
		t.Fatal(err)
	}
	r, err := whole.Result(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := decimal.RequireFromString("600"); !r.Total().Equal(want) { // 1 % × 60,000.00
		t.Errorf("merged partial pays %s, want %s", r.Total(), want)
	}
	var bad Partial
	if err := json.Unmarshal([]byte(`{"no_such_member":1}`), &bad); err == nil {
		t.Error("a partial with an unknown member decoded without error")
	}
}

// A first-come budget orders claims of the same instant and transaction
// ID by recipient ID (spif.go compareClaims' `c != 0` on the recipient
// negated lived: no test had one transaction ID credited to two reps,
// which Add allows; AddUnique would reject the second). Budget 1.00, one
// deal each at 1.00: r1 gets the 1.00 and r2 nothing, in either input
// order.
func TestFirstComeTieOnRecipient(t *testing.T) {
	p := spifPlan(t, "1.00", "1000")
	at := genPeriod.Start.Add(24 * time.Hour)
	tx := func(rep string) Transaction {
		return Transaction{ID: "t", Date: at, Kind: Sale, PartnerID: "p", RepID: rep,
			Amount: money.MustParse("100.00 USD")}
	}
	for _, order := range [][]string{{"r2", "r1"}, {"r1", "r2"}} {
		r := mustEvalT(t, p, []Transaction{tx(order[0]), tx(order[1])})
		got := map[string]string{}
		for _, l := range r.Lines {
			if l.Component() == "deals" {
				got[l.Recipient().ID] = money.FormatDecimal(l.Amount(), 2)
			}
		}
		if got["r1"] != "1.00" || (got["r2"] != "" && got["r2"] != "0.00") {
			t.Errorf("input order %v: deals pay %v, want r1 1.00 and r2 nothing", order, got)
		}
	}
}

// ID checks at their boundaries (decode.go idText and plan.go's validator:
// `r < 0x20` → `<=`, `r == 0x7f` and `r == RuneError` negated, `len(s) >
// MaxIDLen` → `>=` and `r >= 0x202a` → `>` lived: no test had an accepted
// non-ASCII ID, one of exactly MaxIDLen bytes, or U+202A itself).
func TestIDBoundaries(t *testing.T) {
	for _, c := range []struct {
		id string
		ok bool
	}{
		{"Müller & Söhne", true},        // non-ASCII with spaces (0x20): fine
		{"é\x7f", false},                // DEL
		{"é\ufffd", false},              // U+FFFD, the replacement character
		{"é\x1f", false},                // below 0x20
		{"a\u202ab", false},             // U+202A LEFT-TO-RIGHT EMBEDDING, the first of its range
		{"a\u2066b", false},             // U+2066 LEFT-TO-RIGHT ISOLATE, the first of the isolates
		{strings.Repeat("é", 64), true}, // 128 bytes
		// Characters with which an ID displays like another (textProblem).
		{"a\u2029b", false},       // U+2029 PARAGRAPH SEPARATOR (not bidi: a space)
		{"acme\u200b", false},     // U+200B ZERO WIDTH SPACE
		{"ac\u00adme", false},     // U+00AD SOFT HYPHEN
		{"\ufeffacme", false},     // U+FEFF ZERO WIDTH NO-BREAK SPACE (a byte-order mark)
		{"acme\u00a0corp", false}, // U+00A0 NO-BREAK SPACE
		{"acme\u3000corp", false}, // U+3000 IDEOGRAPHIC SPACE
		{" acme", false},
		{"acme ", false},
		{"acme corp", true},     // a space inside
		{"a\u2010b", true},      // U+2010 HYPHEN: visible
		{"q\u0301", true},       // a combining accent with no precomposed form: visible, NFC
		{"Caf\u00e9", true},     // é precomposed: NFC
		{"Cafe\u0301", false},   // e and a combining accent: not NFC
		{"\u2764\ufe0f", false}, // U+FE0F VARIATION SELECTOR-16
		{"a\u034fb", false},     // U+034F COMBINING GRAPHEME JOINER: ignorable
		{"\u3164", false},       // U+3164 HANGUL FILLER: ignorable
		{"\u0600\u0661", true},  // U+0600 ARABIC NUMBER SIGN: a visible format character
		{"a\ufff9b", false},     // U+FFF9 INTERLINEAR ANNOTATION ANCHOR: format
		// A zero-width (non-)joiner between letters of a script it
		// changes: part of the word; elsewhere invisible.
		{"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", true}, // Persian "می‌خواهم"
		{"\u0915\u094d\u200d\u0937", true},                         // Devanagari क्‍ष
		{"acme\u200c", false},
		{"ac\u200dme", false},
		{"\u200c\u0645\u06cc", false},       // at the start
		{"\u0645\u06cc\u200c", false},       // at the end
		{"\u0645\u200c\u200c\u06cc", false}, // two in a row
		{"\u0645\u200ca", false},            // before a Latin letter
		{"\u5c71\u200d\u7530", false},       // between Han letters: 山田 all the same
		{"\u0430\u200c\u0441", false},       // between Cyrillic letters
		{"acme\u0081", false},               // a C1 control (mis-decoded Windows-1252)
		{"a\u2800b", false},                 // BRAILLE PATTERN BLANK
	} {
		if err := idText(c.id); (err == nil) != c.ok {
			t.Errorf("idText(%q) = %v, want ok %v", c.id, err, c.ok)
		}
		doc := strings.Replace(ledgerPlan, `"id":"q"`, `"id":"`+c.id+`"`, 1)
		if _, err := ParsePlan([]byte(doc)); (err == nil) != c.ok {
			t.Errorf("plan id %q: %v, want ok %v", c.id, err, c.ok)
		}
	}
	// Exactly MaxIDLen (128) ASCII bytes is fine, one more is not.
	for n, ok := range map[int]bool{MaxIDLen: true, MaxIDLen + 1: false} {
		id := strings.Repeat("x", n)
		if err := idText(id); (err == nil) != ok {
			t.Errorf("idText(%d bytes) = %v", n, err)
		}
		doc := strings.Replace(ledgerPlan, `"id":"q"`, `"id":"`+id+`"`, 1)
		if _, err := ParsePlan([]byte(doc)); (err == nil) != ok {
			t.Errorf("plan id of %d bytes: %v", n, err)
		}
	}
}

// Exactly MaxComponents components and MaxBands bands are fine, one more
// is ErrTooMany (plan.go: `n > MaxComponents` and `n > MaxBands` → `>=`
// lived).
func TestPlanCountsAtTheLimit(t *testing.T) {
	comp := `{"id":"cN","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	 "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}`
	plan := func(n int) string {
		cs := make([]string, n)
		for i := range cs {
			cs[i] = strings.Replace(comp, "cN", fmt.Sprintf("c%d", i), 1)
		}
		return `{"id":"q","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[` + strings.Join(cs, ",") + `]}`
	}
	bands := func(n int) string {
		bs := make([]string, n)
		for i := range bs {
			bs[i] = fmt.Sprintf(`{"from":"%d","factor":"1"}`, i)
		}
		return strings.Replace(csatPlan, `{"from":"4","factor":"FACTOR"},{"from":"4.5","factor":"1.25"}`, strings.Join(bs, ","), 1)
	}
	for _, c := range []struct {
		name string
		doc  string
		ok   bool
	}{
		{"MaxComponents", plan(MaxComponents), true},
		{"MaxComponents+1", plan(MaxComponents + 1), false},
		{"MaxBands", bands(MaxBands), true},
		{"MaxBands+1", bands(MaxBands + 1), false},
	} {
		_, err := ParsePlan([]byte(c.doc))
		if c.ok && err != nil || !c.ok && !errors.Is(err, ErrTooMany) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
