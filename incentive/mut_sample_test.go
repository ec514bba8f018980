package incentive

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// These tests kill mutants a sampled mutation run found alive.

// A floor or cap the payout reaches exactly is not applied: 1 % ×
// 10,000.00 = 100.00 = the limit, so the trace has no limit step; at
// 9,999.00 the line earns 99.99 and the floor raises it to 100.00, at
// 10,001.00 it earns 100.01 and the cap lowers it to 100.00, one step each
// (by hand). eval.go: `pay < floor` → `<=` and `pay > cap` → `>=`
// recorded a step at 100.00.
func TestLimitReachedExactly(t *testing.T) {
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	for _, c := range []struct {
		member string
		kind   LimitKind
		amount string
		steps  int
	}{
		{"floor", ComponentFloor, "10000.00", 0}, {"floor", ComponentFloor, "9999.00", 1},
		{"cap", ComponentCap, "10000.00", 0}, {"cap", ComponentCap, "10001.00", 1},
	} {
		p := MustParsePlan(`{"id":"lim","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
		 {"id":"rebate","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
		  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]},"` + c.member + `":"100"}]}`)
		tx := Transaction{ID: "s1", Date: time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme",
			Amount: money.MustParse(c.amount + " USD")}
		r, err := Evaluate(p, per, nil, slices.Values([]Transaction{tx}))
		if err != nil || len(r.Lines) != 1 {
			t.Fatalf("%s %s: %v", c.member, c.amount, err)
		}
		l := r.Lines[0]
		n := 0
		for _, s := range l.Trace().Limits {
			if s.Kind == c.kind {
				n++
			}
		}
		if l.Amount().String() != "100" || n != c.steps {
			t.Errorf("%s %s: pays %s with %d %s steps, want 100 with %d", c.member, c.amount, l.Amount(), n, c.member, c.steps)
		}
	}
}

// A quote, carriage return or line feed cannot delimit CSV fields: each
// is refused on line 1, as encoding/csv refuses it (decode.go byteComma:
// `c != '"'` → `==` read such a file with the byte reader).
func TestCSVDelimiterRefused(t *testing.T) {
	for _, c := range []rune{'"', '\r', '\n'} {
		var errs []string
		for _, err := range ReadTransactionsCSV(strings.NewReader("id,date,kind,partner_id\ns1,2025-07-03,event,a\n"), DecodeOptions{Comma: c}) {
			if err != nil {
				errs = append(errs, err.Error())
			}
		}
		if want := []string{"incentive: line 1: csv: invalid field or comment delimiter"}; !slices.Equal(errs, want) {
			t.Errorf("delimiter %q: %q, want %q", c, errs, want)
		}
	}
}

// A filter takes exactly MaxSetEntries (64) territories, not one more
// (plan.go validator.set: `len > MaxSetEntries` → `>=` refused 64).
func TestSetAtTheLimit(t *testing.T) {
	plan := func(n int) string {
		ts := make([]string, n)
		for i := range ts {
			ts[i] = fmt.Sprintf(`"t%02d"`, i)
		}
		return `{"id":"q","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
		 {"id":"c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
		  "eligibility":{"territories":[` + strings.Join(ts, ",") + `]},
		  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}]}`
	}
	if _, err := ParsePlan([]byte(plan(MaxSetEntries))); err != nil {
		t.Errorf("%d territories: %v", MaxSetEntries, err)
	}
	if _, err := ParsePlan([]byte(plan(MaxSetEntries + 1))); !errors.Is(err, ErrTooMany) {
		t.Errorf("%d territories: %v, want ErrTooMany", MaxSetEntries+1, err)
	}
}

// A malformed units value is an error on the byte reader's fast path too,
// not a transaction with no units (csvread.go: `err != nil` → `==` sent
// good units to the general decoder and let bad ones through as 0).
func TestCSVBadUnits(t *testing.T) {
	doc := "id,date,kind,partner_id,amount,currency,units\n" +
		"s1,2025-07-03,sale,acme,10.00,USD,2\n" +
		"s2,2025-07-03,sale,acme,10.00,USD,1.2.3\n"
	var got []string
	for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 5}) {
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("%v is not a *LineError", err)
			}
			got = append(got, fmt.Sprintf("line %d %s", le.Line, le.Column))
			continue
		}
		got = append(got, tx.ID+" "+tx.Units.String())
	}
	if want := []string{"s1 2", "line 3 units"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A reversal records the plan hash its run's estimates share: run 1
// accrues acme, bolt and cyan under plan hash "h"; run 2 estimates acme
// and bolt only (both "h"), so cyan's 30.00 is reversed (−30.00) with
// plan hash "h" (ledger.go Accrue: `shared != hash` → `==` cleared it).
func TestAccrueReversalSharedHash(t *testing.T) {
	est := func(id string, amount int64) Estimate {
		return Estimate{Recipient: Recipient{Kind: RecipientPartner, ID: id}, Component: "c", Measure: decimal.New(amount*100, 0),
			Amount: decimal.New(amount, 0), PlanHash: "h"}
	}
	var l Ledger
	l, _, err := l.Accrue("r1", "2025-Q3", []Estimate{est("acme", 10), est("bolt", 20), est("cyan", 30)})
	if err != nil {
		t.Fatal(err)
	}
	_, es, err := l.Accrue("r2", "2025-Q3", []Estimate{est("acme", 10), est("bolt", 20)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Recipient.ID+" "+e.Amount.String()+" "+e.PlanHash)
	}
	if want := []string{"cyan -30 h"}; !slices.Equal(got, want) {
		t.Errorf("run 2 booked %q, want %q", got, want)
	}
}

// A modifier without bands is stored without a "bands" member, so its
// plan's JSON (and hash) stays as written (plan.go normalise: `len(Bands) >
// 0` → `>=` gave it an empty list, written as "bands":[]).
func TestModifierWithoutBandsStaysWithout(t *testing.T) {
	p := MustParsePlan(`{"id":"acc","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]},
	  "modifiers":[{"kind":"accelerator","factor":"2","quota":"1000"}]}]}`)
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"bands"`) {
		t.Errorf("a modifier without bands is written with them: %s", b)
	}
}

// A period ID of exactly MaxIDLen bytes is valid, one more is not
// (date.go Validate: `len > MaxIDLen` → `>=` refused 128).
func TestPeriodIDAtTheLimit(t *testing.T) {
	from, until := MustDate("2025-07-01"), MustDate("2025-10-01")
	if err := NewPeriod(strings.Repeat("q", MaxIDLen), from, until).Validate(); err != nil {
		t.Errorf("%d bytes: %v", MaxIDLen, err)
	}
	if err := NewPeriod(strings.Repeat("q", MaxIDLen+1), from, until).Validate(); !errors.Is(err, ErrPeriod) {
		t.Errorf("%d bytes: %v, want ErrPeriod", MaxIDLen+1, err)
	}
}

// The format probe reads top-level member names only and skips their
// values to their end at any nesting up to the limit: a run named
// "format" is a run of a format-1 ledger, and an unknown member nested
// four deep is reported by the format-1 decoder at /x (ledgerdoc.go
// skipShallow: `err != nil` → `==` stopped inside the first value and
// read "format" as a member; `d-base` → `d+base` judged /x too deep).
func TestLedgerFormatProbe(t *testing.T) {
	l, err := ParseLedger([]byte(`{"runs":["format"],"entries":[]}`))
	if err != nil || !slices.Equal(l.Runs(), []string{"format"}) {
		t.Errorf("a run named format: %q, %v", l.Runs(), err)
	}
	_, err = ParseLedger([]byte(`{"runs":[],"entries":[],"x":[[[[1]]]]}`))
	if err == nil || !strings.Contains(err.Error(), `unknown field at "/x": valid members are runs, entries`) {
		t.Errorf("an unknown member four deep: %v", err)
	}
}

// A segment filter on a component effective for the whole period counts
// only its segment: 1 % × 1,000.00 (smb) = 10.00, the 2,000.00 enterprise
// sale left out (plan.go unfiltered: `len(segments) == 0` → `!=` took the
// filtered component for an unfiltered one and paid 30.00).
func TestSegmentFilterWholePeriod(t *testing.T) {
	p := MustParsePlan(`{"id":"seg","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "eligibility":{"segments":["smb"]},
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}]}`)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	day := time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC)
	txs := []Transaction{
		{ID: "s1", Date: day, Kind: Sale, PartnerID: "acme", Segment: "smb", Amount: money.MustParse("1000.00 USD")},
		{ID: "s2", Date: day, Kind: Sale, PartnerID: "acme", Segment: "enterprise", Amount: money.MustParse("2000.00 USD")},
	}
	r, err := Evaluate(p, per, nil, slices.Values(txs))
	if err != nil || len(r.Lines) != 1 || r.Lines[0].Amount().String() != "10" {
		t.Fatalf("%v %+v", err, r.Lines)
	}
}

// The usual JSON Lines line costs no allocation: 1,000 lines take a few
// (the reader, the arena's 2 KB chunks), not one or more each as the
// strict decoder's do (a jsonfast.go mutant that declined every line
// would change no result, only this).
func TestJSONLUsualLineAllocs(t *testing.T) {
	var doc strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&doc, `{"id":"s%d","date":"2025-07-03","kind":"sale","partner_id":"p%d","amount":"%d.00 USD","motion":"new"}`+"\n", i, i%10, i+1)
	}
	data := doc.String()
	allocs := testing.AllocsPerRun(3, func() {
		for _, err := range ReadTransactionsJSONL(strings.NewReader(data), DecodeOptions{}) {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs > 200 {
		t.Errorf("%v allocations for 1,000 lines", allocs)
	}
}

// A partial measure counting no transaction is refused (partial.go:
// `Count <= 0` → `< 0` took it), and a partial's measures come out by
// recipient, then component: acme's "z" before bolt's "a" (a sort that
// skipped the recipient put bolt's "a" first).
func TestPartialCountAndOrder(t *testing.T) {
	p := MustParsePlan(`{"id":"two","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"a","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "eligibility":{"segments":["s"]},
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}},
	 {"id":"z","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "eligibility":{"segments":["t"]},
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}]}`)
	per := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	a, err := NewAccumulator(p, per)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC)
	for _, tx := range []Transaction{
		{ID: "1", Date: day, Kind: Sale, PartnerID: "bolt", Segment: "s", Amount: money.MustParse("10.00 USD")},
		{ID: "2", Date: day, Kind: Sale, PartnerID: "acme", Segment: "t", Amount: money.MustParse("20.00 USD")},
	} {
		if err := a.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, m := range a.Partial().Measures {
		got = append(got, m.Recipient.ID+"/"+m.Component)
	}
	if want := []string{"acme/z", "bolt/a"}; !slices.Equal(got, want) {
		t.Errorf("measures %q, want %q", got, want)
	}

	zero := Partial{PlanHash: p.Hash(), Period: "Q3", Transactions: 0,
		Measures: []PartialMeasure{{Recipient: Recipient{RecipientPartner, "acme"}, Component: "a", Version: "1", Volume: decimal.New(0, 0), Count: 0}}}
	b, _ := NewAccumulator(p, per)
	if err := b.AddPartial(zero); !errors.Is(err, ErrMismatch) {
		t.Errorf("a measure of no transaction: %v, want ErrMismatch", err)
	}
}

// A draw that moves nothing still records that the window was drawn:
// earnings 1,000.00 equal the 1,000.00 draw, so nothing is drawn or
// recovered (by hand) and the ledger holds one draw-paid entry of 0 for
// 2025-01 — and only it when money moves (draw.go: `len(add) == 0` → `!=`
// added the marker beside real entries and dropped it here).
func TestDrawMarkerOnlyWhenNothingMoves(t *testing.T) {
	d := MustParseDraw(`{"id":"sign-on","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable",
		"currency":"USD","amount":"1000.00","recovery_cap":"300.00"}`)
	count := func(l Ledger, window string) (paid, all int) {
		for _, e := range l.Entries() {
			if e.Window == window && e.Component == d.ID() {
				all++
				if e.Kind == DrawPaid {
					paid++
				}
			}
		}
		return paid, all
	}
	var l Ledger
	l = settleEarned(t, l, "2025-01", "2025-01", drawRep, dd("1000.00"))
	l, _, err := l.Draw("2025-01", "2025-01", d)
	if err != nil {
		t.Fatal(err)
	}
	if paid, all := count(l, "2025-01"); paid != 1 || all != 1 {
		t.Errorf("E = D: %d draw-paid of %d draw entries, want the one marker", paid, all)
	}
	// E 400 < D: 600 drawn, one draw-paid entry of 600 and no marker.
	l = settleEarned(t, l, "2025-02", "2025-02", drawRep, dd("400.00"))
	l, _, err = l.Draw("2025-02", "2025-02", d)
	if err != nil {
		t.Fatal(err)
	}
	if paid, all := count(l, "2025-02"); paid != 1 || all != 1 {
		t.Errorf("E < D: %d draw-paid of %d draw entries, want 1 of 1", paid, all)
	}
}

// A transaction may carry exactly MaxCredits (16) overlay credits: each of
// 16 managers credited 100 % of 1,000.00 earns 2 % × 1,000.00 = 20.00 from
// the overlay component, 320.00 in all (by hand); the rep's split credit
// is the rep ID's (10 % × 1,000.00 = 100.00). credit.go: `i < n` → `<=`
// read a 17th overlay credit and panicked.
func TestSixteenOverlayCredits(t *testing.T) {
	p := creditPlan(t, false)
	tx := Transaction{ID: "d1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "acme", RepID: "ana",
		Amount: money.MustParse("1000.00 USD")}
	for i := range MaxCredits {
		tx.Credits = append(tx.Credits, Credit{Recipient: Recipient{RecipientRep, fmt.Sprintf("m%02d", i)}, Share: money.MustRate("100%"), Overlay: true})
	}
	r, err := Evaluate(p, NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), nil, slices.Values([]Transaction{tx}))
	if err != nil {
		t.Fatal(err)
	}
	overlay, commission := decimal.Zero, decimal.Zero
	n := 0
	for _, l := range r.Lines {
		switch l.Component() {
		case "overlay":
			overlay, n = overlay.Add(l.Amount()), n+1
		case "commission":
			commission = commission.Add(l.Amount())
		}
	}
	if n != MaxCredits || !overlay.Equal(decimal.New(320, 0)) || !commission.Equal(decimal.New(100, 0)) {
		t.Errorf("%d overlay lines paying %s, commission %s; want 16 paying 320, commission 100", n, overlay, commission)
	}
}

// An attainment component may carry a plain metric gate, but not an
// attainment gate, whose job its schedule does (attainment.go: `Attainment
// != nil` → `==` swapped which of the two it refused).
func TestAttainmentComponentGates(t *testing.T) {
	att := measuresJSON(1, "100%")
	if _, err := ParsePlan([]byte(mutate(att+`,"modifiers":[{"kind":"gate","metric":"certified","at_least":"1"}]`, ""))); err != nil {
		t.Errorf("a metric gate: %v", err)
	}
	_, err := ParsePlan([]byte(mutate(att+`,"modifiers":[{"kind":"gate","attainment":"80%","quota":"1000"}]`, "")))
	if !errors.Is(err, ErrInvalid) || !slices.Equal(planErrorPaths(err), []string{"/components/0/modifiers/0/kind"}) {
		t.Errorf("an attainment gate: %v, want ErrInvalid at /components/0/modifiers/0/kind", err)
	}
}
