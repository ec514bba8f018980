package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/examples/internal/golden"
	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/strictjson"
)

// prog names a file of the programme fixture.
func prog(name string) string { return filepath.Join("testdata", "programme", name) }

// TestProgramme runs the programme fixture over three quarters: Q2 books
// r1's draw, Q3 evaluates split and overlay credit, annualised contracts,
// a SPIF budget and behaviour rewards and books three draws, Q4 recovers
// from r1's draw and ends it. Every figure is calculated by hand in
// testdata/programme/README.md; the Q3 output (without the trace
// sentences) and summary are goldens, the final ledger too.
func TestProgramme(t *testing.T) {
	dir := t.TempDir()
	l2, l3, l4 := filepath.Join(dir, "l2.json"), filepath.Join(dir, "l3.json"), filepath.Join(dir, "l4.json")
	plan := []string{"-plan", prog("plan.json")}
	steps := []struct {
		name   string
		args   []string
		want   []entryRow // the ledger rows (lines are checked by the golden or below)
		pay    string
		ledger string
	}{
		{"Q2", []string{"-tx", prog("q2.csv"), "-from", "2025-04-01", "-until", "2025-07-01", "-draws", prog("draws-q2.json"), "-ledger-out", l2}, []entryRow{
			{"line", "2025-Q2", "rep:r1", "commission", "12000.00", "1200.00"},       // 10 % × 12,000
			{"settlement", "2025-Q2", "rep:r1", "commission", "12000.00", "1200.00"}, //
			{"draw", "2025-Q2", "rep:r1", "r1-ramp", "1200.00", "800.00"},            // 2,000 − 1,200
		}, "2000.00", l2}, // 1,200 + 800
		{"Q3", []string{"-tx", prog("q3.csv"), "-from", "2025-07-01", "-until", "2025-10-01", "-draws", prog("draws.json"),
			"-behaviour", prog("behaviour.json"), "-ledger-in", l2, "-ledger-out", l3}, nil, "9750.00", l3},
		{"Q4", []string{"-tx", prog("q4.csv"), "-from", "2025-10-01", "-until", "2026-01-01", "-draws", prog("draws-q4.json"), "-end-draws",
			"-ledger-in", l3, "-ledger-out", l4}, []entryRow{
			{"line", "2025-Q4", "rep:r1", "commission", "25000.00", "2500.00"},       // 10 % × 25,000
			{"settlement", "2025-Q4", "rep:r1", "commission", "25000.00", "2500.00"}, //
			{"draw-recovery", "2025-Q4", "rep:r1", "r1-ramp", "2500.00", "-300.00"},  // min(500, 300, 2,500 − 2,000)
			{"draw-end", "2025-Q4", "rep:r1", "r1-ramp", "2500.00", "-200.00"},       // 500 − 300 forgiven
		}, "2200.00", l4}, // 2,500 − 300
	}
	for _, s := range steps {
		out, summary, err := runOut(t, append(plan, s.args...)...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", s.name, err, summary)
		}
		if s.want != nil {
			if diff := cmp.Diff(s.want, entryRows(t, out)); diff != "" {
				t.Errorf("%s: rows (-want +got):\n%s", s.name, diff)
			}
		} else {
			rows := readCSV(t, out)
			golden.Check(t, prog("q3.golden.csv"), withoutTrace(t, rows, "Q3 2025"), *update)
			golden.Check(t, prog("q3.summary.txt"), []byte(summary), *update)
			for _, r := range rows[1:] {
				if strings.HasPrefix(r[6], "draw") && !strings.Contains(r[14], "draw "+r[9]+" of ") {
					t.Errorf("draw row %v: trace is not its draw's sentence", r)
				}
			}
		}
		if !strings.Contains(summary, "  to pay in this run") || !strings.Contains(summary, " "+s.pay+"\n") {
			t.Errorf("%s: summary does not say it pays %s:\n%s", s.name, s.pay, summary)
		}
		data, err := os.ReadFile(s.ledger)
		if err != nil {
			t.Fatal(err)
		}
		l, err := incentive.ParseLedger(data) // verifies the hash chain and the draw balances
		if err != nil {
			t.Fatalf("%s: ledger: %v", s.name, err)
		}
		again, err := l.MarshalJSON()
		if err != nil || !bytes.Equal(again, data) {
			t.Errorf("%s: the ledger does not round-trip: %v", s.name, err)
		}
	}
	data, err := os.ReadFile(l4)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, prog("ledger-q4.golden.json"), data, *update)
	l, err := incentive.ParseLedger(data)
	if err != nil {
		t.Fatal(err)
	}
	// Draw balances: Σ of each draw's entries.
	bal := map[string]decimal.Decimal{}
	for _, e := range l.Entries() {
		if strings.HasPrefix(e.Kind.String(), "draw") {
			bal[e.Component] = bal[e.Component].Add(e.Amount)
		}
	}
	for id, want := range map[string]string{
		"r1-ramp":      "0",   // 800 − 300 − 300 − 200 forgiven at the end
		"r3-ramp":      "350", // drawn in Q3, not recovered yet
		"m1-guarantee": "0",   // non-recoverable: 220 drawn, 220 forgiven
	} {
		if !bal[id].Equal(decimal.RequireFromString(want)) {
			t.Errorf("draw %s: balance %s, want %s", id, bal[id], want)
		}
	}
	// A draw is booked once per window: Q4 again is refused.
	_, _, err = runOut(t, append(plan, "-tx", prog("q4.csv"), "-from", "2025-10-01", "-until", "2026-01-01", "-run", "2026-Q1",
		"-draws", prog("draws-q4.json"), "-ledger-in", l4, "-ledger-out", filepath.Join(dir, "l5.json"))...)
	if !errors.Is(err, incentive.ErrClosed) {
		t.Errorf("drawing an ended draw: %v, want ErrClosed", err)
	}
}

// TestProgrammeFlags: -draws needs -ledger-out, -end-draws needs -draws,
// and a bad draw or behaviour document names its file and JSON Pointer.
func TestProgrammeFlags(t *testing.T) {
	base := []string{"-plan", prog("plan.json"), "-tx", prog("q4.csv"), "-from", "2025-10-01", "-until", "2026-01-01"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-draws", prog("draws.json")}, "-draws needs -ledger-out"},
		{[]string{"-end-draws"}, "-end-draws needs -draws"},
	} {
		_, _, err := runOut(t, append(base, c.args...)...)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want a usage error saying %q", c.args, err, c.want)
		}
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := `{"id": "x", "recipient": {"kind": "rep", "id": "r1"}, "kind": "recoverable", "currency": "USD", "amount": "10.00"}`
	for _, c := range []struct {
		name, text, path string
		is               error
	}{
		{"kind.json", `[` + ok + `, {"id": "y", "recipient": {"kind": "rep", "id": "r1"}, "kind": "recoverabel", "currency": "USD", "amount": "1"}]`, "/1/kind", nil},
		{"digits.json", `[` + ok + `, {"id": "y", "recipient": {"kind": "rep", "id": "r1"}, "kind": "recoverable", "currency": "USD", "amount": "1.001"}]`, "/1/amount", incentive.ErrInvalid},
		{"dup.json", `[` + ok + `, ` + ok + `]`, "/1/id", incentive.ErrDuplicate},
		{"eur.json", `[{"id": "x", "recipient": {"kind": "rep", "id": "r1"}, "kind": "recoverable", "currency": "EUR", "amount": "10.00"}]`, "/0/currency", incentive.ErrInvalid},
		{"object.json", ok, "", strictjson.ErrType},
	} {
		p := write(c.name, c.text)
		_, _, err := runOut(t, append(base, "-draws", p, "-ledger-out", filepath.Join(dir, "l.json"))...)
		var fp interface{ FieldPath() string }
		if err == nil || !strings.Contains(err.Error(), p) || !errors.As(err, &fp) || fp.FieldPath() != c.path || (c.is != nil && !errors.Is(err, c.is)) {
			t.Errorf("%s: %v, want an error naming %s at %q", c.name, err, p, c.path)
		}
	}
	b := write("behaviour.json", `{"id": "e", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
		"rewards": [{"event": "lead-registered", "recipient": "rep", "points": "10"}]}`)
	_, _, err := runOut(t, append(base, "-behaviour", b)...)
	var fp interface{ FieldPath() string }
	if err == nil || !strings.Contains(err.Error(), b) || !errors.As(err, &fp) || fp.FieldPath() != "/point_value" {
		t.Errorf("behaviour without point_value: %v", err)
	}
}

// TestBehaviourRejects: an event the behaviour programme refuses (a rep
// reward's event without rep_id) is a rejected line, counted by neither
// the plan nor the programme; with -allow-rejects the others are paid.
// Figures: e1, e2 (2025-07-07) count; e3 has no rep_id: rejected; 2 × 10
// points × 0.50 = 10.00.
func TestBehaviourRejects(t *testing.T) {
	dir := t.TempDir()
	tx := filepath.Join(dir, "tx.csv")
	err := os.WriteFile(tx, []byte("id,date,kind,partner_id,rep_id,event\n"+
		"e1,2025-07-07,event,acme,r1,lead-registered\ne2,2025-07-07,event,acme,r1,lead-registered\ne3,2025-07-07,event,acme,,lead-registered\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"-plan", prog("plan.json"), "-behaviour", prog("behaviour.json"), "-tx", tx, "-from", "2025-07-01", "-until", "2025-10-01"}
	_, summary, err := runOut(t, args...)
	if err == nil || !strings.Contains(summary, `line 4 "e3": incentive: transaction "e3": /rep_id`) {
		t.Errorf("event without rep_id: %v\n%s", err, summary)
	}
	out, summary, err := runOut(t, append(args, "-allow-rejects")...)
	if err != nil {
		t.Fatal(err)
	}
	want := []entryRow{{"line", "2025-Q3", "rep:r1", "lead-registered", "2", "10.00"}}
	if diff := cmp.Diff(want, entryRows(t, out)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if !strings.Contains(summary, "2 qualifying events read, 2 matched") || !strings.Contains(summary, "  event            2          2        0") {
		t.Errorf("summary:\n%s", summary)
	}
}

// TestBehaviourWorkers: with -behaviour one goroutine reads, so -workers
// changes nothing; JSON Lines rows of the programme carry its line as
// detail.
func TestBehaviourWorkers(t *testing.T) {
	args := []string{"-plan", prog("plan.json"), "-behaviour", prog("behaviour.json"), "-tx", prog("q3.csv"), "-from", "2025-07-01", "-until", "2025-10-01",
		"-allow-duplicate-ids", "-format", "jsonl"}
	out1, sum1, err1 := runOut(t, append(args, "-workers", "1")...)
	out2, sum2, err2 := runOut(t, append(args, "-workers", "2")...)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if out1 != out2 || sum1 != sum2 {
		t.Errorf("-workers 2 differs from -workers 1")
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(out1), "\n") {
		var r row
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if r.PlanID != "engagement" {
			continue
		}
		n++
		var d struct {
			Seen, Counted int64
		}
		if err := json.Unmarshal(r.Detail, &d); err != nil || d.Seen == 0 || d.Counted == 0 {
			t.Errorf("behaviour row %+v: detail %s (%v)", r, r.Detail, err)
		}
	}
	if n != 2 {
		t.Errorf("%d behaviour rows, want 2", n)
	}
}

// TestEventCheck: the event check's fast path lets through only events
// that Behaviour.Evaluate accepts, and refuses the others with
// Evaluate's own error.
func TestEventCheck(t *testing.T) {
	data, err := os.ReadFile(prog("behaviour.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := incentive.ParseBehaviour(data)
	if err != nil {
		t.Fatal(err)
	}
	q3 := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	c := newEventCheck(b, q3)
	ev := func(partner, rep, event string) incentive.Transaction {
		return incentive.Transaction{ID: "e", Date: incentive.MustDate("2025-07-07").Time(), Kind: incentive.QualifyingEvent,
			PartnerID: partner, RepID: rep, Event: event}
	}
	withAmount := ev("acme", "r1", "lead-registered")
	withAmount.Units = decimal.New(1, 0)
	correcting := ev("acme", "r1", "lead-registered")
	correcting.Corrects = "2025-Q2"
	for i, tx := range []incentive.Transaction{
		ev("acme", "r1", "lead-registered"),       // ok
		ev("acme", "", "lead-registered"),         // a rep reward: rep_id required
		ev("bolt", "", "certification-completed"), // a partner reward: no rep needed
		ev("bolt", "", "webinar-attended"),        // no reward: skipped, ok
		ev("", "r1", "lead-registered"),           // no partner
		withAmount, correcting,
	} {
		_, want := b.Evaluate(q3, one(tx))
		got := c.check(tx)
		if (got == nil) != (want == nil) || (got != nil && got.Error() != want.Error()) {
			t.Errorf("%d: check %v, Evaluate %v", i, got, want)
		}
	}
}
