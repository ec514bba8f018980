package incentive

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/strictjson"

	"github.com/partnerecon/partnerecon/internal/chain/chaintest"
)

// floorPlan pays 1 % of revenue with a minimum payment (floor) of 500.00
// per line, and a growth-percent bonus: 2,000.00 from 20 % growth over the
// baseline.
const floorPlan = `{"id":"f","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
 {"id":"rebate","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]},"floor":"500"},
 {"id":"growth","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"growth-percent",
  "schedule":{"mode":"flat-per-tier","boundary":"lower-inclusive","tiers":[{"from":"0","amount":"0"},{"from":"20","amount":"2000"}]}}]}`

var q3Period = NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01")) //lint:allow global test fixture

func growthFacts() Facts {
	return Facts{{RecipientPartner, "acme"}: {Baselines: map[string]decimal.Decimal{"growth": decimal.New(8000, 0)}}}
}

// must returns the ledger of a ledger operation, failing t on an error.
func must(t interface {
	Helper()
	Fatal(...any)
}) func(Ledger, []Entry, error) Ledger {
	return func(l Ledger, _ []Entry, err error) Ledger {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
}

// downgrade writes l as a format-1 document (what the previous version of
// the package stored): no hashes, plan hashes or clawback bases.
func downgrade(t testing.TB, l Ledger) []byte {
	t.Helper()
	j := ledgerV1{Runs: l.Runs()}
	for _, e := range l.Entries() {
		j.Entries = append(j.Entries, entryV1{Kind: e.Kind, Run: e.Run, Window: e.Window, Recipient: e.Recipient,
			Component: e.Component, Amount: e.Amount, Target: e.Target, Measure: e.Measure})
	}
	b, err := strictjson.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// With a minimum payment, the rule of format 1 (the paid rate S / M)
// claws back more than the reversed credit earned; the earned rate claws
// back the right figure. Hand calculation:
//
//	Q3: 10,000.00 sold → 1 % × 10,000 = 100.00 earned, raised to the
//	    floor: 500.00 paid.
//	    Growth: baseline 8,000, revenue 10,000 → 25 % ≥ 20 % → 2,000.00.
//	October: 5,000.00 returned.
//	  rebate, paid rate (format 1):  5,000 × 500 / 10,000 = 250.00 (too much:
//	                                 the credit earned 1 % × 5,000 = 50.00)
//	  rebate, earned rate:           5,000 × 100 / 10,000 =  50.00
//	  growth, earned per unit of growth (revenue − baseline = 2,000):
//	                                 5,000 × 2,000 / 2,000 = 5,000.00,
//	                                 limited to what was paid: 2,000.00
//	  (format 1 never clawed growth-percent back: 0.00)
//	November: 60,000.00 more returned → 1 % × 60,000 = 600.00, limited to
//	  500.00 − 50.00 = 450.00 left of what was paid.
func TestClawbackEarnedRateFloor(t *testing.T) {
	p := MustParsePlan(floorPlan)
	r, err := Evaluate(p, q3Period, growthFacts(), slices.Values([]Transaction{sale("1", 3, "10000.00")}))
	if err != nil {
		t.Fatal(err)
	}
	var l Ledger
	l = must(t)(l.Settle("2025-09", r))
	ret5k := slices.Values([]Transaction{ret("r1", "5000.00", "2025-Q3")})

	_, got, err := l.Clawback("2025-10", p, ret5k)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffStrings(amounts(got), []string{"clawback 2025-10 2025-Q3 -2000.00", "clawback 2025-10 2025-Q3 -50.00"}); d != "" {
		t.Fatalf("earned rate: %s", d)
	}

	old, err := ParseLedger(downgrade(t, l))
	if err != nil {
		t.Fatal(err)
	}
	_, got, err = old.Clawback("2025-10", p, ret5k)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffStrings(amounts(got), []string{"clawback 2025-10 2025-Q3 -250.00"}); d != "" {
		t.Fatalf("format-1 rule: %s", d)
	}

	l = must(t)(l.Clawback("2025-10", p, ret5k))
	_, got, err = l.Clawback("2025-11", p, slices.Values([]Transaction{ret("r2", "60000.00", "2025-Q3")}))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffStrings(amounts(got), []string{"clawback 2025-11 2025-Q3 -450.00"}); d != "" {
		t.Fatalf("limited: %s", d)
	}
}

func diffStrings(got, want []string) string {
	if slices.Equal(got, want) {
		return ""
	}
	return fmt.Sprintf("got %q, want %q", got, want)
}

// A settlement whose amount did not change but whose clawback basis did
// records the new basis with an entry of zero amount. Hand calculation:
// 10,000 → 100.00 earned, 500.00 paid (floor); 20,000 → 200.00 earned,
// still 500.00 paid: a zero entry records earned 200, basis 20,000.
func TestSettleRecordsBasis(t *testing.T) {
	p := MustParsePlan(strings.Replace(floorPlan, `,{"id":"growth"`, `,{"id":"x"`, 1))
	eval := func(amounts ...string) Result {
		var txs []Transaction
		for i, a := range amounts {
			txs = append(txs, sale(fmt.Sprint(i), 3, a))
		}
		r, err := Evaluate(p, q3Period, growthFacts(), slices.Values(txs))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	var l Ledger
	l = must(t)(l.Settle("2025-09", eval("10000.00")))
	_, es, err := l.Settle("2025-10", eval("10000.00", "10000.00"))
	if err != nil {
		t.Fatal(err)
	}
	var rebate []Entry
	for _, e := range es {
		if e.Component == "rebate" {
			rebate = append(rebate, e)
		}
	}
	if len(rebate) != 1 || !rebate[0].Amount.IsZero() || !rebate[0].Earned.Equal(decimal.New(200, 0)) || !rebate[0].Basis.Equal(decimal.New(20000, 0)) {
		t.Fatalf("entries %+v", rebate)
	}
}

// A format-1 document (as the previous version stored it) is read, sealed
// and written back as format 2, which reads back equal.
func TestLedgerFormat1(t *testing.T) {
	const v1 = `{"runs":["2025-09","2025-10"],"entries":[
	 {"kind":"settlement","run":"2025-09","window":"2025-Q3","recipient":{"kind":"partner","id":"acme"},"component":"rebate","amount":"2800.00","target":"2800.00","measure":"140000.00"},
	 {"kind":"settlement","run":"2025-10","window":"2025-Q3","recipient":{"kind":"partner","id":"acme"},"component":"rebate","amount":"100.00","target":"2900.00","measure":"145000.00"}]}`
	l, err := ParseLedger([]byte(v1))
	if err != nil {
		t.Fatal(err)
	}
	seals := l.Seals()
	if len(seals) != 2 || seals[0].Prev != "" || seals[1].Prev != seals[0].Hash || l.Head() != seals[1].Hash {
		t.Fatalf("seals %+v", seals)
	}
	b, err := l.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(`{"format":2,`)) {
		t.Fatalf("not format 2: %s", b)
	}
	back, err := ParseLedger(b)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(l) || back.Head() != l.Head() {
		t.Fatal("format-2 round trip changed the ledger")
	}
	// Entries out of booking order are rejected.
	bad := `{"runs":["a","b"],"entries":[
	 {"kind":"settlement","run":"b","window":"w","recipient":{"kind":"partner","id":"x"},"component":"c","amount":"1","target":"1","measure":"1"},
	 {"kind":"settlement","run":"a","window":"w","recipient":{"kind":"partner","id":"x"},"component":"c","amount":"1","target":"1","measure":"1"}]}`
	var de *DataError
	if _, err := ParseLedger([]byte(bad)); !errors.As(err, &de) || de.Path != "/entries/1/run" || !errors.Is(err, ErrInvalid) {
		t.Fatalf("out of order: %v", err)
	}
	// An unknown format is named.
	if _, err := ParseLedger([]byte(`{"format":3,"runs":[]}`)); !errors.As(err, &de) || de.Path != "/format" {
		t.Fatalf("format 3: %v", err)
	}
}

// TestLedgerDocumentErrors walks the checks of a format-2 document.
func TestLedgerDocumentErrors(t *testing.T) {
	good := sampleLedger(t)
	doc := func(edit func(*ledgerJSON)) []byte {
		b, _ := good.MarshalJSON()
		var j ledgerJSON
		if err := strictjson.Unmarshal(b, &j, strictjson.Limits{}); err != nil {
			t.Fatal(err)
		}
		edit(&j)
		out, err := strictjson.Marshal(j)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	one := decimal.New(1, 0)
	tests := []struct {
		name string
		edit func(*ledgerJSON)
		path string
		err  error
	}{
		{"no run", func(j *ledgerJSON) { j.Runs[1].Run = "" }, "/runs/1/run", ErrInvalid},
		{"run twice", func(j *ledgerJSON) { j.Runs[2].Run = j.Runs[0].Run }, "/runs/2/run", ErrInvalid},
		{"no window", func(j *ledgerJSON) { j.Runs[0].Entries[0].Window = "" }, "/runs/0/entries/0/window", ErrInvalid},
		{"no component", func(j *ledgerJSON) { j.Runs[0].Entries[0].Component = "" }, "/runs/0/entries/0/component", ErrInvalid},
		{"no amount", func(j *ledgerJSON) { j.Runs[0].Entries[0].Amount = nil }, "/runs/0/entries/0/amount", ErrInvalid},
		{"no target", func(j *ledgerJSON) { j.Runs[0].Entries[0].Target = nil }, "/runs/0/entries/0/target", ErrInvalid},
		{"no measure", func(j *ledgerJSON) { j.Runs[0].Entries[0].Measure = nil }, "/runs/0/entries/0/measure", ErrInvalid},
		{"no earned", func(j *ledgerJSON) { j.Runs[1].Entries[0].Earned = nil }, "/runs/1/entries/0/earned", ErrInvalid},
		{"no basis", func(j *ledgerJSON) { j.Runs[1].Entries[0].Basis = nil }, "/runs/1/entries/0/basis", ErrInvalid},
		{"basis on an accrual", func(j *ledgerJSON) { j.Runs[0].Entries[0].Basis = &one }, "/runs/0/entries/0/basis", ErrInvalid},
		{"edited amount", func(j *ledgerJSON) { j.Runs[1].Entries[0].Amount = &one }, "/runs/1", ErrTampered},
		{"edited plan hash", func(j *ledgerJSON) { j.Runs[2].Entries[0].PlanHash = "x" }, "/runs/2", ErrTampered},
		{"removed entry", func(j *ledgerJSON) { j.Runs[1].Entries = j.Runs[1].Entries[1:] }, "/runs/1", ErrTampered},
		{"removed run", func(j *ledgerJSON) { j.Runs = slices.Delete(j.Runs, 1, 2) }, "/runs/1", ErrTampered},
		{"removed first run", func(j *ledgerJSON) { j.Runs = j.Runs[1:] }, "/runs/0", ErrTampered},
		{"swapped runs", func(j *ledgerJSON) { j.Runs[1], j.Runs[2] = j.Runs[2], j.Runs[1] }, "/runs/1", ErrTampered},
		{"inserted run", func(j *ledgerJSON) { j.Runs = slices.Insert(j.Runs, 1, j.Runs[0]); j.Runs[1].Run = "x" }, "/runs/1", ErrTampered},
		{"renamed run", func(j *ledgerJSON) { j.Runs[2].Run = "2026-01" }, "/runs/2", ErrTampered},
		{"bad hash", func(j *ledgerJSON) { j.Runs[0].Hash = "00" }, "/runs/0", ErrTampered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseLedger(doc(tc.edit))
			var de *DataError
			if !errors.As(err, &de) || de.Path != tc.path || !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v at %s", err, tc.err, tc.path)
			}
		})
	}
	if _, err := ParseLedger(doc(func(*ledgerJSON) {})); err != nil {
		t.Fatalf("untouched: %v", err)
	}
	// Absent enumerations (a document cannot spell the unspecified value).
	for _, tc := range []struct{ cut, path string }{
		{`"kind":"accrual",`, "/runs/0/entries/0/kind"},
		{`"kind":"partner",`, "/runs/0/entries/0/recipient/kind"},
	} {
		b, _ := good.MarshalJSON()
		_, err := ParseLedger(bytes.Replace(b, []byte(tc.cut), nil, 1))
		var de *DataError
		if !errors.As(err, &de) || de.Path != tc.path || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", tc.path, err)
		}
	}
}

// sampleLedger books three runs: an accrual, a settlement, a correction
// and a clawback (ledgerPlan, 2025-Q3).
func sampleLedger(t testing.TB) Ledger {
	p := MustParsePlan(ledgerPlan)
	eval := func(txs ...Transaction) Result {
		r, err := Evaluate(p, q3Period, nil, slices.Values(txs))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	var l Ledger
	r1 := eval(sale("1", 3, "60000.00"))
	l = must(t)(l.Accrue("2025-08", "2025-Q3", EstimateActuals(r1)))
	r2 := eval(sale("1", 3, "60000.00"), sale("2", 20, "70000.00"))
	l = must(t)(l.Settle("2025-09", r2))
	l = must(t)(l.Settle("2025-10", eval(sale("1", 3, "60000.00"), sale("2", 20, "70000.00"), sale("3", 28, "1000.00"))))
	l = must(t)(l.Clawback("2025-10", p, slices.Values([]Transaction{ret("r1", "20000.00", "2025-Q3")})))
	return l
}

// Any single-byte change to a stored ledger fails to parse, or fails
// verification at the run whose bytes it changed, or (an equivalent
// spelling, such as the case of a hex digit in a \u escape) reads back the
// same ledger. An untouched ledger verifies.
func TestLedgerSingleByteTamper(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genLedger(t)
		doc, err := l.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if back, err := ParseLedger(doc); err != nil || !back.Equal(l) || back.Head() != l.Head() {
			t.Fatalf("untouched ledger: %v", err)
		}
		chaintest.CheckSingleByte(t, doc, `{"run":"`, ParseLedger, func(back Ledger) bool { return back.Equal(l) && back.Head() == l.Head() },
			ErrTampered, func(i int) string { return fmt.Sprintf("/runs/%d", i) })
	})
}

// genLedger books a few runs of settlements, accruals and clawbacks over
// two windows with random sales and returns.
func genLedger(t *rapid.T) Ledger {
	p := MustParsePlan(floorPlan)
	q4 := NewPeriod("2025-Q4", MustDate("2025-10-01"), MustDate("2026-01-01"))
	var l Ledger
	for run := range rapid.IntRange(1, 5).Draw(t, "runs") {
		id := fmt.Sprintf("2026-%02d", run+1)
		switch rapid.IntRange(0, 2).Draw(t, "op") {
		case 0, 1:
			period := q3Period
			if rapid.Bool().Draw(t, "q4") {
				period = q4
			}
			var txs []Transaction
			for i := range rapid.IntRange(1, 3).Draw(t, "sales") {
				tx := sale(fmt.Sprint(i), 3, fmt.Sprint(rapid.IntRange(1, 200000).Draw(t, "amount")))
				tx.Date = period.Start
				tx.PartnerID = rapid.SampledFrom([]string{"acme", "bolt"}).Draw(t, "partner")
				txs = append(txs, tx)
			}
			r, err := Evaluate(p, period, Facts{{RecipientPartner, "acme"}: growthFacts()[Recipient{RecipientPartner, "acme"}],
				{RecipientPartner, "bolt"}: growthFacts()[Recipient{RecipientPartner, "acme"}]}, slices.Values(txs))
			if err != nil {
				t.Fatal(err)
			}
			if rapid.Bool().Draw(t, "accrue") {
				l = must(t)(l.Accrue(id, period.ID, EstimateActuals(r)))
			} else {
				l = must(t)(l.Settle(id, r))
			}
		case 2:
			rt := ret("r", fmt.Sprint(rapid.IntRange(1, 300000).Draw(t, "returned")), "2025-Q3")
			l = must(t)(l.Clawback(id, p, slices.Values([]Transaction{rt})))
		}
	}
	return l
}

// Clawback never recovers more than was paid: for every position, the
// total clawed back stays within what was settled, and each clawback
// entry within what was left of it.
func TestClawbackNeverExceedsPaid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genLedger(t)
		type key = posKey
		settled := map[key]decimal.Decimal{}
		clawed := map[key]decimal.Decimal{}
		for _, e := range l.Entries() {
			k := key{e.Window, e.Recipient, e.Component}
			switch e.Kind {
			case Settlement:
				settled[k] = settled[k].Add(e.Amount)
			case Clawback:
				if e.Amount.Sign() >= 0 {
					t.Fatalf("clawback of %s", e.Amount)
				}
				clawed[k] = clawed[k].Sub(e.Amount)
				if clawed[k].Cmp(settled[k]) > 0 {
					t.Fatalf("%v: clawed back %s of %s paid", k, clawed[k], settled[k])
				}
			case Accrual, EntryUnspecified:
			}
		}
	})
}

// As-of replay: a stored ledger names the plan version of every entry;
// replaying the host's runs with the plans those hashes name reproduces
// every figure and the same head. Q3 is settled under plan version 1 (1 %,
// 2 % from 100,000), Q4 under version 2 (1.5 %, 2.5 %); a late Q3 sale is
// corrected in a Q4 run, as of Q3's plan.
func TestLedgerAsOfReplay(t *testing.T) {
	v1 := MustParsePlan(ledgerPlan)
	v2 := MustParsePlan(strings.NewReplacer(`"version":"1","currency"`, `"version":"2","currency"`,
		`"rate":"1%"`, `"rate":"1.5%"`, `"rate":"2%"`, `"rate":"2.5%"`).Replace(ledgerPlan))
	q4 := NewPeriod("2025-Q4", MustDate("2025-10-01"), MustDate("2026-01-01"))
	type op struct {
		run, kind string
		plan      Plan
		period    Period
		txs       []Transaction
	}
	q4sale := sale("q4", 3, "50000.00")
	q4sale.Date = q4.Start
	ops := []op{ // the host's own record of what it ran
		{"2025-09", "settle", v1, q3Period, []Transaction{sale("1", 3, "60000.00"), sale("2", 20, "70000.00")}},
		{"2025-12", "settle", v2, q4, []Transaction{q4sale}},
		{"2025-12", "settle", v1, q3Period, []Transaction{sale("1", 3, "60000.00"), sale("2", 20, "70000.00"), sale("3", 28, "5000.00")}},
		{"2026-01", "clawback", v1, q3Period, []Transaction{ret("r1", "20000.00", "2025-Q3")}},
	}
	run := func(plans func(op) Plan) Ledger {
		var l Ledger
		for _, o := range ops {
			p := plans(o)
			var err error
			if o.kind == "clawback" {
				l, _, err = l.Clawback(o.run, p, slices.Values(o.txs))
			} else {
				var r Result
				if r, err = Evaluate(p, o.period, nil, slices.Values(o.txs)); err == nil {
					l, _, err = l.Settle(o.run, r)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		return l
	}
	stored, err := run(func(o op) Plan { return o.plan }).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}

	l, err := ParseLedger(stored)
	if err != nil {
		t.Fatal(err)
	}
	// Which plan version produced each run's entries, from the ledger alone.
	registry := map[string]Plan{v1.Hash(): v1, v2.Hash(): v2}
	byRunWindow := map[string]string{}
	for _, e := range l.Entries() {
		if _, ok := registry[e.PlanHash]; !ok {
			t.Fatalf("entry %+v names an unknown plan", e)
		}
		byRunWindow[e.Run+" "+e.Window] = e.PlanHash
	}
	replayed := run(func(o op) Plan {
		window := o.period.ID
		if o.kind == "clawback" {
			window = o.txs[0].Corrects
		}
		return registry[byRunWindow[o.run+" "+window]]
	})
	if !replayed.Equal(l) || replayed.Head() != l.Head() {
		t.Fatalf("replay differs:\n%v\n%v", amounts(replayed.Entries()), amounts(l.Entries()))
	}
	// The figures, by hand: Q3 130,000 × 2 % = 2,600.00; Q4 50,000 × 1.5 %
	// = 750.00; Q3 135,000 × 2 % = 2,700.00 → +100.00 in 2025-12; return
	// 20,000 × 2 % = 400.00.
	want := []string{"settlement 2025-09 2025-Q3 2600.00", "settlement 2025-12 2025-Q4 750.00",
		"settlement 2025-12 2025-Q3 100.00", "clawback 2026-01 2025-Q3 -400.00"}
	if d := diffStrings(amounts(l.Entries()), want); d != "" {
		t.Fatal(d)
	}
}

// A deeply nested object is rejected by its depth, in time linear in the
// document: telling format 1 from 2 by strictjson.Members (which builds
// the JSON Pointer of every member) was quadratic in the nesting — 10,000
// levels took 5.8 s; 200,000 levels would take hours.
func TestParseLedgerDeepNesting(t *testing.T) {
	doc := strings.Repeat(`{"a":`, 200000) + "1" + strings.Repeat("}", 200000)
	_, err := ParseLedger([]byte(doc))
	if !errors.Is(err, strictjson.ErrTooDeep) {
		t.Fatalf("got %v", err)
	}
}

// FuzzParseLedger feeds hostile documents to the ledger decoder and
// verifier: it must never panic; a ledger it accepts must round-trip to an
// equal ledger with the same head.
func FuzzParseLedger(f *testing.F) {
	good, err := sampleLedger(f).MarshalJSON()
	if err != nil {
		f.Fatal(err)
	}
	s := string(good)
	seeds := []string{
		s,
		string(downgrade(f, sampleLedger(f))),
		"\uFEFF" + s,
		strings.Replace(s, `"format":2`, `"format":1e308`, 1),
		strings.Replace(s, `"format":2`, `"format":99999999999999999999`, 1),
		strings.Replace(s, `"amount":"`, `"amount":"1e99999`, 1),
		strings.Replace(s, `"amount":"`, `"amount":"-0`, 1),
		strings.Replace(s, `"window":"2025-Q3"`, `"window":"2025\u0000Q3"`, 1),
		strings.Replace(s, `"window":"2025-Q3"`, "\"window\":\"\u202eQ3\"", 1),
		strings.Replace(s, `"run":"2025-09"`, `"run":"2025-09","Run":"x"`, 1),
		strings.Replace(s, `"prev":""`, `"prev":null`, 1),
		`{"format":2,"runs":[` + strings.Repeat(`{"run":"a","prev":"","hash":"","entries":[]},`, 10) + `{}]}`,
		`{"runs":[` + strings.Repeat(`"r",`, 20) + `"r"],"entries":[]}`,
		strings.Repeat(`{"runs":[`, 40) + strings.Repeat(`]}`, 40),
		strings.Repeat("[", 100),
		`{"format":2,"runs":[{"run":"a","prev":"","hash":"` + strings.Repeat("0", 64) + `","entries":[{"kind":"settlement"}]}]}`,
		`null`, `[]`, `{}`, "\x00", "\xff\xfe",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		chaintest.RoundTrip(t, data, ParseLedger, Ledger.MarshalJSON, func(a, b Ledger) bool { return a.Equal(b) && a.Head() == b.Head() })
	})
}

// BenchmarkParseLedgerFormat2 parses and verifies a format-2 ledger of n
// runs with one settlement each.
func BenchmarkParseLedgerFormat2(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		l, err := ParseLedger(ledgerDoc(n, n))
		if err != nil {
			b.Fatal(err)
		}
		doc, err := l.MarshalJSON()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseLedger(doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
