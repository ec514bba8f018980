package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/examples/internal/golden"
	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/internal/csvsafe"
	"github.com/partnerecon/partnerecon/money"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// runOut runs the program with args and returns its stdout, stderr and
// error.
func runOut(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = run(args, env{stdin: strings.NewReader(""), stdout: &o, stderr: &e})
	return o.String(), e.String(), err
}

// readCSV parses the output CSV, checking that every row has every
// column.
func readCSV(t *testing.T, out string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	if len(rows) == 0 || !cmp.Equal(rows[0], header()) {
		t.Fatalf("output header %v, want %v", rows[0], header())
	}
	return rows
}

// withoutTrace returns the CSV rows without the trace column (the trace
// sentences' wording belongs to package incentive and is pinned there),
// checking that every payout line has a trace that names the period label.
func withoutTrace(t *testing.T, rows [][]string, label string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for i, r := range rows {
		n := len(r) - 1
		if i > 0 && r[6] == "line" && !strings.Contains(r[n], label) {
			t.Errorf("row %d: trace %q does not name the period %q", i, r[n], label)
		}
		if i > 0 && r[n] == "" {
			t.Errorf("row %d has no trace", i)
		}
		w.Write(r[:n])
	}
	w.Flush()
	return buf.Bytes()
}

// TestDemo runs the program without arguments on the embedded sample and
// compares its output (without the trace sentences) with
// testdata/golden.csv and its summary (stderr) with testdata/summary.txt.
// The figures, checked by hand (Q3 2025, half-even to cents; s11 is dated
// after the period, r01 corrects Q2 and is clawed back from it, so 26 of
// the 28 transactions are evaluated):
//
//	volume-rebate (authorised sales only, all-units 1 % / 2 % from 100,000 / 3 % from 250,000):
//	  acme 180,000 + 94,000 + 12,500.50 − 2,500.50 = 284,000.00 → 3 % = 8,520.00
//	  bolt 99,999.99 + 0.01 = 100,000.00 (s06 unauthorised) → the bound, tier 2: 2 % = 2,000.00
//	  cyan 42,000 + 35,123.45 − 7,000 = 70,123.45 → 1 % = 701.2345 → 701.23
//	  dune 260,000 + 15,000 = 275,000.00 → 3 % = 8,250.00
//	cloud-bonus (recurring renewal/expansion, 2 % × csat factor, cap 2,000):
//	  acme 104,000.00 × 2 % = 2,080 × 1.25 (csat 4.6) = 2,600 → capped 2,000.00
//	  bolt 18,000 × 2 % = 360 × 0.5 (csat 3.8) = 180.00
//	  cyan 70,123.45 × 2 % = 1,402.469 × 1 (csat 4.2) → 1,402.47
//	  dune 15,000 × 2 % = 300 × 1.25 (csat 4.9) = 375.00
//	rep-spiff (new business, incremental 2 % to 50,000 then 4 %):
//	  ana 180,000: 1,000 + 4 % × 130,000 = 6,200.00; cy 100,000: 1,000 + 2,000 = 3,000.00;
//	  eli 260,000: 1,000 + 4 % × 210,000 = 9,400.00
//	lead-spiff (flat 150 from 3 events, 400 from 6): ana 3 → 150, cy 1 → 0, dee 4 → 150, eli 6 → 400
//	total 19,471.23 + 3,957.47 + 18,600.00 + 700.00 = 42,728.70 USD
//
// Ledger (testdata/ledger-q2.json settled Q2: dune's volume rebate 2,400.00
// on 120,000.00, eli's rep SPIF 2,200.00 on 80,000.00): Q3 is settled in
// full, 14 entries of 42,728.70 (cy's 0.00 lead SPIF books nothing); r01
// (−3,000.00, authorised new business of dune/eli) is clawed back from Q2
// at the rates paid: 3,000 × 2,400 / 120,000 = 60.00 and 3,000 × 2,200 /
// 80,000 = 82.50, −142.50 in all; to pay 42,728.70 − 142.50 = 42,586.20.
//
// Control totals: sales s01…s13 without s04, s10 = 806,623.95 (11 lines,
// s11 outside); credit note s04 −2,500.50; returns s10 −7,000 and r01
// −3,000 = −10,000.00; 14 events; all 794,123.45.
func TestDemo(t *testing.T) {
	out, summary, err := runOut(t)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out)
	golden.Check(t, filepath.Join("testdata", "golden.csv"), withoutTrace(t, rows, "Q3 2025"), *update)
	golden.Check(t, filepath.Join("testdata", "summary.txt"), []byte(summary), *update)
	for _, s := range []string{"  all               15   42728.70", "  clawback            2025-Q2        2    -142.50",
		"  to pay in this run                17   42586.20", "  all             28         26        1            1  794123.45 USD"} {
		if !strings.Contains(summary, s) {
			t.Errorf("summary lacks %q", s)
		}
	}
	if strings.Contains(out, "#") || strings.Contains(out, "payout-run") {
		t.Errorf("summary text on stdout:\n%s", out)
	}
	hash := rows[1][5]
	for i, r := range rows[1:] {
		if got := r[:6]; !cmp.Equal(got, []string{"2025-Q3", "Q3 2025", "2025-Q3", "fy25-channel-rewards", "7", hash}) || len(hash) != 64 {
			t.Errorf("row %d: period, label, run, plan: %q", i+1, got)
		}
	}
}

// TestSelfCheck: the sharded evaluation is opt-in and agrees for any
// shard count.
func TestSelfCheck(t *testing.T) {
	_, summary, err := runOut(t)
	if err != nil || strings.Contains(summary, "self-check") {
		t.Errorf("self-check without -self-check: %v\n%s", err, summary)
	}
	for _, n := range []string{"1", "2", "3", "7"} {
		_, summary, err := runOut(t, "-self-check", "-shards", n)
		if err != nil || !strings.Contains(summary, "self-check: "+n+" shards") || !strings.Contains(summary, "identical to the single pass") {
			t.Errorf("-shards %s: %v\n%s", n, err, summary)
		}
	}
	for _, n := range []string{"0", "-1", "257", "1000000000"} {
		_, _, err := runOut(t, "-self-check", "-shards", n)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "must be between 1 and 256") {
			t.Errorf("-shards %s: %v", n, err)
		}
	}
}

// entryRow is the part of an output row the ledger tests compare.
type entryRow struct{ Kind, Window, Recipient, Component, Measure, Amount string }

func entryRows(t *testing.T, out string) []entryRow {
	t.Helper()
	var got []entryRow
	for _, r := range readCSV(t, out)[1:] {
		got = append(got, entryRow{r[6], r[7], r[8], r[9], r[11], r[12]})
	}
	return got
}

// TestLedgerRoundTrip runs a period, re-runs it (nothing more to pay), runs
// it again after late sales (pays the difference only), then runs the next
// period with a return correcting the first (clawed back at the rate
// paid). Figures by hand (sample plan: volume rebate all-units 1 % / 2 %
// from 100,000 on authorised sales; rep SPIF on new business, incremental
// 2 % to 50,000 then 4 %):
//
//	run 1, Q3: a1 60,000 + a2 30,000 = 90,000
//	  volume-rebate acme: 1 % × 90,000 = 900.00
//	  rep-spiff ana: 2 % × 50,000 + 4 % × 40,000 = 1,000 + 1,600 = 2,600.00
//	  settles 3,500.00
//	run 1 again: nothing changed, nothing booked, 0.00 to pay
//	run 2, Q3 again with late sale a3 15,000 (booked in run 2025-Q4) = 105,000
//	  volume-rebate: now tier 2, 2 % × 105,000 = 2,100.00; settled 900.00 → pays 1,200.00
//	  rep-spiff: 1,000 + 4 % × 55,000 = 3,200.00; settled 2,600.00 → pays 600.00
//	  pays 1,800.00 (not 5,300.00)
//	run 3, Q4: b1 20,000 → volume-rebate 1 % = 200.00, rep-spiff 2 % = 400.00
//	  c1 −10,500 corrects 2025-Q3 (settled 2,100.00 and 3,200.00 on 105,000):
//	  volume-rebate 10,500 × 2,100 / 105,000 = 210.00, rep-spiff 10,500 × 3,200 / 105,000 = 320.00
//	  pays 200 + 400 − 210 − 320 = 70.00
func TestLedgerRoundTrip(t *testing.T) {
	dir := t.TempDir()
	l1, l2, l3 := filepath.Join(dir, "l1.json"), filepath.Join(dir, "l2.json"), filepath.Join(dir, "l3.json")
	tx := func(name string) string { return filepath.Join("testdata", "ledger", name) }
	q3 := []string{"-from", "2025-07-01", "-until", "2025-10-01"}
	q4 := []string{"-from", "2025-10-01", "-until", "2026-01-01"}
	steps := []struct {
		name   string
		args   []string
		want   []entryRow
		pay    string
		ledger string // the ledger file written, checked after the step
	}{
		{"run 1", append([]string{"-tx", tx("q3.csv"), "-ledger-out", l1}, q3...), []entryRow{
			{"line", "2025-Q3", "partner:acme", "volume-rebate", "90000.00", "900.00"},
			{"line", "2025-Q3", "rep:ana", "rep-spiff", "90000.00", "2600.00"},
			{"settlement", "2025-Q3", "partner:acme", "volume-rebate", "90000.00", "900.00"},
			{"settlement", "2025-Q3", "rep:ana", "rep-spiff", "90000.00", "2600.00"},
		}, "3500.00", l1},
		{"run 1 again", append([]string{"-tx", tx("q3.csv"), "-ledger-in", l1}, q3...), []entryRow{
			{"line", "2025-Q3", "partner:acme", "volume-rebate", "90000.00", "900.00"},
			{"line", "2025-Q3", "rep:ana", "rep-spiff", "90000.00", "2600.00"},
		}, "0.00", ""},
		{"true-up", append([]string{"-tx", tx("q3-late.csv"), "-ledger-in", l1, "-ledger-out", l2, "-run", "2025-Q4"}, q3...), []entryRow{
			{"line", "2025-Q3", "partner:acme", "volume-rebate", "105000.00", "2100.00"},
			{"line", "2025-Q3", "rep:ana", "rep-spiff", "105000.00", "3200.00"},
			{"settlement", "2025-Q3", "partner:acme", "volume-rebate", "105000.00", "1200.00"},
			{"settlement", "2025-Q3", "rep:ana", "rep-spiff", "105000.00", "600.00"},
		}, "1800.00", l2},
		{"clawback", append([]string{"-tx", tx("q4.csv"), "-ledger-in", l2, "-ledger-out", l3}, q4...), []entryRow{
			{"line", "2025-Q4", "partner:acme", "volume-rebate", "20000.00", "200.00"},
			{"line", "2025-Q4", "rep:ana", "rep-spiff", "20000.00", "400.00"},
			{"settlement", "2025-Q4", "partner:acme", "volume-rebate", "20000.00", "200.00"},
			{"settlement", "2025-Q4", "rep:ana", "rep-spiff", "20000.00", "400.00"},
			{"clawback", "2025-Q3", "partner:acme", "volume-rebate", "-10500.00", "-210.00"},
			{"clawback", "2025-Q3", "rep:ana", "rep-spiff", "-10500.00", "-320.00"},
		}, "70.00", l3},
	}
	for _, s := range steps {
		out, summary, err := runOut(t, s.args...)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if diff := cmp.Diff(s.want, entryRows(t, out)); diff != "" {
			t.Errorf("%s: rows (-want +got):\n%s", s.name, diff)
		}
		if !strings.Contains(summary, "to pay in this run") || !strings.Contains(summary, " "+s.pay+"\n") {
			t.Errorf("%s: summary does not say it pays %s:\n%s", s.name, s.pay, summary)
		}
		if s.ledger != "" {
			data, err := os.ReadFile(s.ledger)
			if err != nil {
				t.Fatal(err)
			}
			l, err := incentive.ParseLedger(data)
			if err != nil {
				t.Fatalf("%s: ledger: %v", s.name, err)
			}
			again, err := l.MarshalJSON()
			if err != nil || !bytes.Equal(again, data) {
				t.Errorf("%s: the ledger does not round-trip: %v", s.name, err)
			}
		}
	}
	// The final ledger: what each window has paid in all.
	data, err := os.ReadFile(l3)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "ledger", "l3.golden.json"), data, *update)
	l, err := incentive.ParseLedger(data)
	if err != nil {
		t.Fatal(err)
	}
	acme, ana := incentive.Recipient{Kind: incentive.RecipientPartner, ID: "acme"}, incentive.Recipient{Kind: incentive.RecipientRep, ID: "ana"}
	for _, c := range []struct {
		window string
		rec    incentive.Recipient
		comp   string
		paid   string // settled − clawed back
	}{
		{"2025-Q3", acme, "volume-rebate", "1890"}, // 900 + 1,200 − 210
		{"2025-Q3", ana, "rep-spiff", "2880"},      // 2,600 + 600 − 320
		{"2025-Q4", acme, "volume-rebate", "200"},
		{"2025-Q4", ana, "rep-spiff", "400"},
	} {
		if got := l.Position(c.window, c.rec, c.comp).Paid(); !got.Equal(decimal.RequireFromString(c.paid)) {
			t.Errorf("%s %s %s: paid %s, want %s", c.window, c.rec, c.comp, got, c.paid)
		}
	}
	// A closed run cannot be booked again: Q3 is followed by Q4.
	_, _, err = runOut(t, append([]string{"-tx", tx("q3.csv"), "-ledger-in", l3}, q3...)...)
	if !errors.Is(err, incentive.ErrClosed) {
		t.Errorf("booking into closed run 2025-Q3: %v, want ErrClosed", err)
	}
}

// TestRejects checks the reject file and the summary of a file with bad
// lines against testdata/rejects.golden.csv and rejects.summary.txt. Lines
// 3 (bad amount), 4 (s01 again), 5 (a positive credit note), 6 (EUR), 7
// (a negative sale with a formula for an ID: its text is neutralised in
// the reject file only if it starts with a formula character — it starts
// with a quote), 8 (corrects Q2, no ledger), 10 (unknown kind), 11 (s06,
// whose quoted ID spans lines 11 and 12: a line break in an ID) and 13
// (bad date and amount, both reported) are rejected; s08 (line 14) is
// skipped, dated after the period. Accepted: s01 180,000 + s08 1 =
// 180,001.00; in the period 180,000.00: volume rebate tier 2, 2 % =
// 3,600.00; rep SPIF 1,000 + 4 % × 130,000 = 6,200.00.
func TestRejects(t *testing.T) {
	rej := filepath.Join(t.TempDir(), "rejects.csv")
	args := []string{"-tx", filepath.Join("testdata", "rejects.csv"), "-from", "2025-07-01", "-until", "2025-10-01", "-rejects", rej}
	out, summary, err := runOut(t, args...)
	if err == nil || !strings.Contains(err.Error(), "9 rejected lines") || out != "" {
		t.Errorf("run with rejects: %v, output %q; want an error and no output", err, out)
	}
	data, err := os.ReadFile(rej)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "rejects.golden.csv"), data, *update)
	golden.Check(t, filepath.Join("testdata", "rejects.summary.txt"), []byte(summary), *update)
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range recs[1:] {
		lines = append(lines, r[0])
	}
	if diff := cmp.Diff([]string{"3", "4", "5", "6", "7", "8", "10", "11", "13"}, lines); diff != "" {
		t.Errorf("rejected lines (-want +got):\n%s", diff)
	}

	// With -allow-rejects the other lines are paid and the run exits 0.
	out, _, err = runOut(t, append(args, "-allow-rejects")...)
	if err != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, out); len(rows) != 3 {
		t.Errorf("-allow-rejects: %d rows, want the header and 2 lines", len(rows))
	}
	for _, want := range []string{",3600.00,USD,", ",6200.00,USD,"} {
		if !strings.Contains(out, want) {
			t.Errorf("-allow-rejects: output lacks %s:\n%s", want, out)
		}
	}
}

// TestInvalidInput checks that a bad line, plan or facts file is reported
// with the file, line and field, and fails the run.
func TestInvalidInput(t *testing.T) {
	sampleTx, err := os.ReadFile(filepath.Join("testdata", "transactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	samplePlan, err := os.ReadFile(filepath.Join("testdata", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	sampleFacts, err := os.ReadFile(filepath.Join("testdata", "facts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, flag, file, old, new, want string
	}{
		{"bad amount", "-tx", "tx.csv", "12500.50", "12500.5.0", `line 4: incentive: line 4: amount = "12500.5.0": invalid syntax`},
		{"unknown kind", "-tx", "tx.csv", "s05,2025-07-09,sale", "s05,2025-07-09,purchase", `line 6: incentive: line 6: kind = "purchase": unknown transaction kind "purchase"`},
		{"bad date", "-tx", "tx.csv", "2025-07-21", "2025-02-30", `line 3: incentive: line 3: date = "2025-02-30": invalid value: date "2025-02-30" is not a calendar day`},
		{"missing partner", "-tx", "tx.csv", "s12,2025-08-20,sale,dune", "s12,2025-08-20,sale,", `line 13: incentive: line 13: partner_id: required`},
		{"sale without amount", "-tx", "tx.csv", "s13,2025-09-30,sale,dune,eli,15000.00", "s13,2025-09-30,sale,dune,eli,", `line 14: incentive: line 14: amount: required for a sale`},
		{"sign against kind", "-tx", "tx.csv", "credit-note,acme,ana,-2500.50", "credit-note,acme,ana,2500.50", `line 5 "s04": incentive: transaction "s04": /amount = "2500.50 USD": invalid transaction: a credit-note is negative (a sale is positive)`},
		{"other currency", "-tx", "tx.csv", "35123.45,USD", "35123.45,EUR", `line 10 "s09": incentive: transaction "s09": /amount = "35123.45 EUR": currency mismatch`},
		{"duplicate ID", "-tx", "tx.csv", "s05,2025-07-09", "s04,2025-07-09", `line 6 "s04": id = "s04": transaction ID already used on line 5`},
		{"corrects this period", "-tx", "tx.csv", ",2025-Q2", ",2025-Q3", `line 15 "r01": corrects = "2025-Q3": that is the period being evaluated`},
		{"corrects an unsettled period", "-tx", "tx.csv", ",2025-Q2", ",2025-Q1", `line 15 "r01": corrects = "2025-Q1": the ledger has no settlement of that period`},
		{"unknown column", "-tx", "tx.csv", "id,date", "id,colour,date", `tx.csv: the input cannot be read to its end: incentive: line 1: colour: unknown column (known: id, date,`},
		{"short row", "-tx", "tx.csv", "s03,", "s03,x,", `line 4: incentive: line 4: record on line 4: wrong number of fields`},
		{"number for a rate", "-plan", "plan.json", `"rate": "2%"}]}`, `"rate": 0.02}]}`, `/components/1/schedule/tiers/0/rate`},
		{"unknown plan field", "-plan", "plan.json", `"cap": "2000"`, `"cap": "2000", "capp": "1"`, `unknown field at "/components/1/capp"`},
		{"plan without facts", "-plan", "plan.json", "", "", "incentive: recipient \"partner:acme\": /metrics/csat: missing recipient fact: no metric \"csat\"\n" +
			"incentive: recipient \"partner:bolt\": /metrics/csat: missing recipient fact: no metric \"csat\"\n"}, // every recipient, not only the first
		{"bad fact recipient", "-facts", "facts.csv", "partner:bolt", "bolt", `facts.csv: incentive: line 3: recipient = "bolt": not partner:ID or rep:ID`},
		{"fact twice", "-facts", "facts.csv", "partner:bolt", "partner:acme", `facts.csv: incentive: line 3: name = "csat": partner:acme metric given twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := map[string]string{"-tx": string(sampleTx), "-plan": string(samplePlan), "-facts": string(sampleFacts)}[tt.flag]
			if !strings.Contains(data, tt.old) {
				t.Fatalf("sample lacks %q", tt.old)
			}
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, []byte(strings.Replace(data, tt.old, tt.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{tt.flag, path}
			if tt.flag == "-tx" {
				// The sample ledger settled 2025-Q2 (for r01).
				args = append(args, "-from", demoFrom, "-until", demoUntil, "-ledger-in", filepath.Join("testdata", "ledger-q2.json"))
			}
			out, summary, err := runOut(t, args...)
			if err == nil || !strings.Contains(err.Error()+"\n"+summary, tt.want) {
				t.Errorf("error %v, summary:\n%s\nwant it to contain %q", err, summary, tt.want)
			}
			if out != "" {
				t.Errorf("output written by a failed run:\n%s", out)
			}
		})
	}
}

// TestEveryBadLineReported: a run reports every bad line, not only the
// first (here lines 3 and 4).
func TestEveryBadLineReported(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "transactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.NewReplacer("2025-07-21", "2025-02-30", "12500.50", "12500.5.0").Replace(string(data))
	path := filepath.Join(t.TempDir(), "tx.csv")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, summary, err := runOut(t, "-tx", path, "-from", demoFrom, "-until", demoUntil, "-ledger-in", filepath.Join("testdata", "ledger-q2.json"))
	if err == nil || !strings.Contains(err.Error(), "2 rejected lines") || !strings.Contains(summary, "line 3: date") || !strings.Contains(summary, "line 4: amount") {
		t.Errorf("error %v, summary\n%s\nwant lines 3 and 4", err, summary)
	}
}

// TestPeriodName: the period ID and label come from the dates.
func TestPeriodName(t *testing.T) {
	tests := []struct{ from, until, id, label string }{
		{"2025-07-01", "2025-10-01", "2025-Q3", "Q3 2025"},
		{"2025-10-01", "2026-01-01", "2025-Q4", "Q4 2025"},
		{"2025-01-01", "2025-04-01", "2025-Q1", "Q1 2025"},
		{"2025-02-01", "2025-05-01", "2025-02-01..2025-04-30", "2025-02-01..2025-04-30"}, // three months, not a quarter
		{"2025-07-01", "2025-08-01", "2025-07", "July 2025"},
		{"2025-01-01", "2026-01-01", "2025", "2025"},
		{"2025-07-15", "2025-08-15", "2025-07-15..2025-08-14", "2025-07-15..2025-08-14"},
		{"2025-07-01", "2025-07-02", "2025-07-01..2025-07-01", "2025-07-01..2025-07-01"},
	}
	for _, tt := range tests {
		id, label := periodName(incentive.MustDate(tt.from).Time(), incentive.MustDate(tt.until).Time())
		if id != tt.id || label != tt.label {
			t.Errorf("[%s, %s): %q %q, want %q %q", tt.from, tt.until, id, label, tt.id, tt.label)
		}
	}
	// A Q4 run says Q4 in its rows and traces; -label overrides the label
	// only.
	path := filepath.Join("testdata", "ledger", "q4.csv")
	q4 := []string{"-tx", path, "-from", "2025-10-01", "-until", "2026-01-01", "-allow-rejects"}
	out, _, err := runOut(t, q4...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range readCSV(t, out)[1:] {
		if r[0] != "2025-Q4" || r[1] != "Q4 2025" || !strings.Contains(r[14], "Q4 2025") {
			t.Errorf("Q4 row %q", r)
		}
	}
	out, _, err = runOut(t, append(q4, "-label", "Fiscal Q1 FY26")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range readCSV(t, out)[1:] {
		if r[0] != "2025-Q4" || r[1] != "Fiscal Q1 FY26" || !strings.Contains(r[14], "Fiscal Q1 FY26") {
			t.Errorf("-label row %q", r)
		}
	}
	// -tx needs the period: no default quarter for real data.
	if _, _, err := runOut(t, "-tx", path); !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "-from and -until") {
		t.Errorf("-tx without period: %v", err)
	}
}

// TestJSONL: -format jsonl writes the same rows as JSON objects, each with
// the period and plan, and the full trace on lines.
func TestJSONL(t *testing.T) {
	csvOut, _, err := runOut(t)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := runOut(t, "-format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := readCSV(t, csvOut)[1:]
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d JSON lines, want %d", len(lines), len(want))
	}
	for i, l := range lines {
		var r row
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if diff := cmp.Diff(want[i], r.cells()); diff != "" {
			t.Errorf("line %d differs from the CSV row (-csv +jsonl):\n%s", i+1, diff)
		}
		if (r.Kind == "line") != (len(r.Detail) > 0) {
			t.Errorf("line %d: kind %s, detail %s", i+1, r.Kind, r.Detail)
		}
	}
}

// TestTransactionsJSONL: -tx FILE.jsonl reads JSON Lines, with the same
// result as the CSV sample.
func TestTransactionsJSONL(t *testing.T) {
	doc := `{"id":"a1","date":"2025-07-10","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"60000.00","motion":"new","billing":"one-time","authorised":true}

{"id":"a2","date":"2025-08-10","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"30000.00 USD","motion":"new","billing":"one-time","authorised":true}
{"id":"a3","date":"2025-08-11","kind":"sale","partner_id":"acme","amount":"1"}
{"id":"a4","date":"2025-08-12","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"-5.00","motion":"new","billing":"one-time","authorised":true}
`
	path := filepath.Join(t.TempDir(), "q3.jsonl")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	rej := filepath.Join(t.TempDir(), "rejects.csv")
	out, _, err := runOut(t, "-tx", path, "-from", demoFrom, "-until", demoUntil, "-rejects", rej, "-allow-rejects")
	if err != nil {
		t.Fatal(err)
	}
	// a3 lacks the motion the rep SPIF filters on and the rep it pays;
	// a4 is a negative sale: lines 4 and 5 rejected; a1 + a2 as in q3.csv.
	if diff := cmp.Diff([]entryRow{
		{"line", "2025-Q3", "partner:acme", "volume-rebate", "90000.00", "900.00"},
		{"line", "2025-Q3", "rep:ana", "rep-spiff", "90000.00", "2600.00"},
	}, entryRows(t, out)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	data, err := os.ReadFile(rej)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(recs) != 3 || recs[1][0] != "4" || recs[2][0] != "5" || !strings.HasPrefix(recs[2][2], `{"id":"a4"`) {
		t.Errorf("reject file %v:\n%s", err, data)
	}
}

// TestHostileIDs: IDs written as formulas are neutralised in the CSV
// output (a leading quote, the cell quoted; a recipient cell starts with
// its kind, so it is safe as it is), negative amounts stay numbers, and an
// ID with a bidi override is refused by the decoder (so it never reaches
// a statement).
func TestHostileIDs(t *testing.T) {
	plan, err := os.ReadFile(filepath.Join("testdata", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	planPath, txPath := filepath.Join(dir, "plan.json"), filepath.Join(dir, "tx.csv")
	if err := os.WriteFile(planPath, bytes.Replace(plan, []byte(`"id": "volume-rebate"`), []byte(`"id": "=SUM(A1)"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	tx := "id,date,kind,partner_id,rep_id,amount,motion,billing,authorised\n" +
		"a1,2025-07-10,sale,@SUM(A1),+ana,60000.00,new,one-time,true\n"
	if err := os.WriteFile(txPath, []byte(tx), 0o644); err != nil {
		t.Fatal(err)
	}
	ledger := filepath.Join(dir, "l.json")
	// First a settlement, then a return clawed back: a negative amount.
	args := []string{"-plan", planPath, "-tx", txPath, "-from", demoFrom, "-until", demoUntil, "-ledger-out", ledger}
	if _, _, err := runOut(t, args...); err != nil {
		t.Fatal(err)
	}
	tx = "id,date,kind,partner_id,rep_id,amount,motion,billing,authorised,corrects\n" +
		"r1,2025-10-10,return,@SUM(A1),+ana,-1000.00,new,one-time,true,2025-Q3\n"
	if err := os.WriteFile(txPath, []byte(tx), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runOut(t, "-plan", planPath, "-tx", txPath, "-from", "2025-10-01", "-until", "2026-01-01", "-ledger-in", ledger)
	if err != nil {
		t.Fatal(err)
	}
	// Settled for Q3: the volume rebate ("=SUM(A1)") 1 % × 60,000 =
	// 600.00, the rep SPIF 2 % × 50,000 + 4 % × 10,000 = 1,400.00. The
	// return of 1,000 claws back 1,000 × 600 / 60,000 = 10.00 and
	// 1,000 × 1,400 / 60,000 = 23.333… → 23.33 (half-even).
	for _, want := range []string{
		`clawback,2025-Q3,partner:@SUM(A1),"'=SUM(A1)",,-1000.00,-10.00,USD,`,
		`clawback,2025-Q3,rep:+ana,rep-spiff,,-1000.00,-23.33,USD,`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, ",=") || strings.Contains(out, ",@") || strings.Contains(out, ",+") {
		t.Errorf("a live formula in the output:\n%s", out)
	}
	tx = "id,date,kind,partner_id,rep_id,amount,motion,billing,authorised\n" +
		"a2,2025-07-10,sale,acme,ana\u202E,100.00,new,one-time,true\n"
	if err := os.WriteFile(txPath, []byte(tx), 0o644); err != nil {
		t.Fatal(err)
	}
	_, summary, err := runOut(t, "-plan", planPath, "-tx", txPath, "-from", demoFrom, "-until", demoUntil)
	if err == nil || !strings.Contains(summary, "rep_id") {
		t.Errorf("a rep ID with U+202E: err %v, summary:\n%s", err, summary)
	}
}

// TestLineTracker: the line numbers and texts of records, through blank
// lines, CRLF line ends, a byte-order mark and a record over two lines.
func TestLineTracker(t *testing.T) {
	doc := "\ufeffid,date,kind,partner_id,amount\r\n\r\n" + // lines 1, 2
		"a1,2025-07-01,sale,p,1.00\r\n" + // 3
		"\"a\n2\",2025-07-01,sale,p,1.00\n" + // 4-5
		"\n\n" + // 6, 7
		"a3,2025-07-01,sale,p,x\n" + // 8
		"a4,2025-07-01,sale,p,2.00" // 9, no line end
	type got struct {
		Line int64
		Text string
		Err  bool
	}
	var gots []got
	for r := range records(strings.NewReader(doc), "csv", incentive.DecodeOptions{Currency: incentive.MustParsePlan(string(mustRead(t, "plan.json"))).Currency(), MaxErrors: 10}, 0, nil, nil) {
		gots = append(gots, got{r.line, r.Text(), r.err != nil})
	}
	want := []got{
		{3, "a1,2025-07-01,sale,p,1.00", false},
		{4, "\"a\n2\",2025-07-01,sale,p,1.00", true}, // an ID with a line break is refused, on its first line
		{8, "a3,2025-07-01,sale,p,x", true},
		{9, "a4,2025-07-01,sale,p,2.00", false},
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGenerate: -generate N evaluates N generated lines, every one
// accepted and in the period; the summary counts them.
func TestGenerate(t *testing.T) {
	_, summary, err := runOut(t, "-generate", "2000", "-generate-partners", "10", "-self-check")
	if err != nil {
		t.Fatal(err)
	}
	// Of 2,000 lines, i mod 20 gives 100 × 14 sales, 100 credit notes, 100
	// returns, 100 × 4 events.
	for _, s := range []string{"2000 transactions read, 2000 accepted, 0 rejected", "  sale          1400       1400",
		"  credit-note    100        100", "  event          400        400", "identical to the single pass"} {
		if !strings.Contains(summary, s) {
			t.Errorf("summary lacks %q:\n%s", s, summary)
		}
	}
}

// TestModeGenerate: -mode generate writes the lines -generate evaluates;
// the run on that file gives the same payout lines. Lines 0, 14 and 16
// worked by hand from the generator's rule (partner i·7919 mod 10; amount
// 100.00 + (i·37 mod 100,000)/100, a credit note's negated and halved).
func TestModeGenerate(t *testing.T) {
	csvText, _, err := runOut(t, "-mode", "generate", "-generate", "2000", "-generate-partners", "10")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(csvText, "\n"), "\n")
	if len(lines) != 2001 {
		t.Fatalf("%d lines, want the header and 2,000", len(lines))
	}
	for i, want := range map[int]string{
		1:  "g0000000000,2025-07-01,sale,g0000,r0000-0,100.00,USD,new,recurring,false,",
		15: "g0000000014,2025-07-15,credit-note,g0006,r0006-4,-52.59,USD,expansion,recurring,true,", // 14·7919 mod 10 = 6; −(10,000 + 518)/2 = −5,259 cents
		17: "g0000000016,2025-07-17,event,g0004,r0004-1,,,,,,lead-registered",
	} {
		if lines[i] != want {
			t.Errorf("line %d = %q, want %q", i+1, lines[i], want)
		}
	}
	dir := t.TempDir()
	path, factsPath := filepath.Join(dir, "tx.csv"), filepath.Join(dir, "facts.csv")
	if err := os.WriteFile(path, []byte(csvText), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runOut(t, "-mode", "generate", "-generate", "1", "-generate-partners", "10", "-facts-out", factsPath); err != nil {
		t.Fatal(err)
	}
	if facts := string(mustReadFile(t, factsPath)); facts != "recipient,fact,name,value\npartner:g0000,metric,csat,4.2\n"+
		"partner:g0001,metric,csat,4.2\npartner:g0002,metric,csat,4.2\npartner:g0003,metric,csat,4.2\npartner:g0004,metric,csat,4.2\n"+
		"partner:g0005,metric,csat,4.2\npartner:g0006,metric,csat,4.2\npartner:g0007,metric,csat,4.2\npartner:g0008,metric,csat,4.2\n"+
		"partner:g0009,metric,csat,4.2\n" {
		t.Errorf("-facts-out wrote\n%s", facts)
	}
	fromFile, _, err := runOut(t, "-tx", path, "-from", demoFrom, "-until", demoUntil, "-facts", factsPath)
	if err != nil {
		t.Fatal(err)
	}
	generated, _, err := runOut(t, "-generate", "2000", "-generate-partners", "10")
	if err != nil {
		t.Fatal(err)
	}
	if fromFile != generated {
		t.Errorf("payout lines from the written file differ from -generate's:\n%s\n---\n%s", clip(fromFile), clip(generated))
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-mode", "generate"}, "-mode generate needs -generate N"},
		{[]string{"-mode", "generate", "-generate", "3", "-out", "x.csv"}, "-out does not apply to -mode generate"},
		{[]string{"-mode", "generate", "-generate", "3", "-format", "jsonl"}, "-format does not apply"},
		{[]string{"-mode", "generate", "-generate", "3", "-allow-duplicate-ids"}, "-allow-duplicate-ids does not apply"},
		{[]string{"-mode", "generate", "-generate", "3", "-tx", "tx.csv", "-from", demoFrom, "-until", demoUntil}, "-tx does not apply"},
		{[]string{"-generate", "3", "-facts-out", "f.csv"}, "-facts-out goes with -mode generate"},
	} {
		if out, _, err := runOut(t, c.args...); err == nil || !strings.Contains(err.Error(), c.want) || out != "" {
			t.Errorf("%q: %v (stdout %d bytes), want an error with %q", c.args, err, len(out), c.want)
		}
	}
}

// TestGeneratorMinorUnits: amounts are written with the currency's
// minor-unit digits; line 14 (a credit note) is −(10,000 + 14·37)/2 =
// −5,259 minor units, by hand.
func TestGeneratorMinorUnits(t *testing.T) {
	for code, want := range map[string][2]string{
		"USD": {",100.00,USD,", ",-52.59,USD,"},
		"JPY": {",10000,JPY,", ",-5259,JPY,"},
		"KWD": {",10.000,KWD,", ",-5.259,KWD,"},
	} {
		data, err := io.ReadAll(newGenerator(15, 10, incentiveQ3(t), money.MustCurrency(code)))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		if !strings.Contains(lines[1], want[0]) || !strings.Contains(lines[15], want[1]) {
			t.Errorf("%s: lines 1 and 15 are %q and %q, want %q and %q", code, lines[1], lines[15], want[0], want[1])
		}
	}
}

// TestDuplicates: a transaction ID used twice is rejected unless
// -allow-duplicate-ids.
func TestDuplicates(t *testing.T) {
	tx := "id,date,kind,partner_id,rep_id,amount,motion,billing,authorised\n" +
		"a1,2025-07-10,sale,acme,ana,60000.00,new,one-time,true\n" +
		"a1,2025-07-10,sale,acme,ana,60000.00,new,one-time,true\n"
	path := filepath.Join(t.TempDir(), "tx.csv")
	if err := os.WriteFile(path, []byte(tx), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-tx", path, "-from", demoFrom, "-until", demoUntil}
	if _, summary, err := runOut(t, args...); err == nil || !strings.Contains(summary, `line 3 "a1": id = "a1": transaction ID already used`) {
		t.Errorf("duplicate: %v\n%s", err, summary)
	}
	out, _, err := runOut(t, append(args, "-allow-duplicate-ids")...)
	if err != nil {
		t.Fatal(err)
	}
	// Both counted: 120,000 → 2 % = 2,400.00.
	if rows := entryRows(t, out); len(rows) < 1 || rows[0].Amount != "2400.00" {
		t.Errorf("-allow-duplicate-ids: %v", rows)
	}
}

// TestSpillSet compares the lines the merged runs name with the lines
// whose ID another line shares, counted with a map, whether the IDs stay
// in memory, fill a few runs, or spill one or two entries per run (so
// that the runs are merged into one every maxRuns spills).
func TestSpillSet(t *testing.T) {
	// 4095 = 3 × runBlock: runs read in whole blocks, the next read at
	// the end of the file; 4096 ends a run with a block of one entry.
	for _, c := range []struct{ n, size int }{{300, 1}, {20000, 256}, {20000, 3 * runBlock}, {20000, 4096}, {20000, 20000}, {20000, defaultIDBuffer}} {
		id := func(i int) string { return fmt.Sprint(i * 7 % (c.n * 3 / 4)) } // each ID of the first quarter twice
		count := map[string]int{}
		for i := range c.n {
			count[id(i)]++
		}
		want := map[int64]struct{}{}
		for i := range c.n {
			if count[id(i)] > 1 {
				want[int64(i+2)] = struct{}{}
			}
		}
		dir := t.TempDir()
		s := newSpillSet(dir, c.size)
		for i := range c.n {
			if err := s.add(id(i), int64(i+2)); err != nil {
				t.Fatal(err)
			}
		}
		if spills := (c.n - 1) / c.size; len(s.runs) != min(spills, (spills-1)%(maxRuns-1)+1) {
			t.Errorf("buffer %d: %d runs after %d spills", c.size, len(s.runs), spills)
		}
		got, err := s.candidates()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || len(want) != c.n/2 {
			t.Errorf("buffer %d: %d candidate lines, want %d = %d", c.size, len(got), len(want), c.n/2)
		}
		for l := range want {
			if _, ok := got[l]; !ok {
				t.Fatalf("buffer %d: line %d is not a candidate", c.size, l)
			}
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("buffer %d: temporary files left: %v", c.size, left)
		}
	}
}

// TestProgress: a progress line on a terminal only.
func TestProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 70,000 generated lines")
	}
	var o, e bytes.Buffer
	// One goroutine ticks every 65,536 lines, several at the end of a
	// block past such a line (here the last).
	for workers, want := range map[string]string{"1": "\rpayout-run: read 65536 lines", "2": "\rpayout-run: read 70001 lines"} {
		e.Reset()
		if err := run([]string{"-generate", "70000", "-workers", workers}, env{stdout: &o, stderr: &e, terminal: true}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(e.String(), want) {
			t.Errorf("%s goroutines: no progress %q on a terminal:\n%q", workers, want, e.String()[:200])
		}
	}
	e.Reset()
	if err := run([]string{"-generate", "70000"}, env{stdout: &o, stderr: &e}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(e.String(), "\r") {
		t.Errorf("progress written to a non-terminal")
	}
}

// TestFiles: -out, -skipped and -tx - (stdin).
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	outPath, skipPath := filepath.Join(dir, "out.csv"), filepath.Join(dir, "skipped.csv")
	tx := mustRead(t, "transactions.csv")
	var o, e bytes.Buffer
	err := run([]string{"-tx", "-", "-from", demoFrom, "-until", demoUntil, "-ledger-in", filepath.Join("testdata", "ledger-q2.json"),
		"-out", outPath, "-skipped", skipPath}, env{stdin: bytes.NewReader(tx), stdout: &o, stderr: &e})
	if err != nil {
		t.Fatal(err)
	}
	if o.Len() != 0 {
		t.Errorf("stdout written with -out: %q", o.String())
	}
	demo, _, err := runOut(t)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(outPath); err != nil || string(got) != demo {
		t.Errorf("-out file differs from the demo's stdout: %v", err)
	}
	// s11 is dated 2025-10-01, the day after Q3.
	if got, err := os.ReadFile(skipPath); err != nil || string(got) != "line,id,date,reason\n12,s11,2025-10-01,\"dated after the period, which ends 2025-09-30\"\n" {
		t.Errorf("-skipped file %q, %v", got, err)
	}
}

// BenchmarkGenerated evaluates 10,000 generated lines per operation (the
// memory at 10 million lines is measured with -generate, see the package
// documentation).
func BenchmarkGenerated(b *testing.B) {
	for _, dup := range []bool{false, true} {
		b.Run(fmt.Sprintf("allow-duplicate-ids=%t", dup), func(b *testing.B) {
			args := []string{"-generate", "10000", fmt.Sprintf("-allow-duplicate-ids=%t", dup)}
			b.ReportAllocs()
			for b.Loop() {
				if err := run(args, env{stdout: io.Discard, stderr: io.Discard}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestControlTotalsExact: the control totals are exact whatever the
// amounts: sales 10.00 + 50,000,000,000,000,000.00 × 2 (in cents the
// running sum passes int64's 9,223,372,036,854,775,807) + 0.005 + 1.00 =
// 100,000,000,000,000,011.005 USD; returns −1.00 − 0.005 (finer than a
// cent) − 2.00 = −3.005 USD; credit notes −5.00 − 2.50 = −7.50 USD (whole
// cents throughout); all 100,000,000,000,000,011.005 − 3.005 − 7.50 =
// 100,000,000,000,000,000.500 USD (by hand; each total written with the
// places of its finest amount).
func TestControlTotalsExact(t *testing.T) {
	tx := filepath.Join(t.TempDir(), "tx.csv")
	data := "id,date,kind,partner_id,rep_id,amount,currency,motion,billing,authorised,event,corrects\n" +
		"t1,2025-07-21,sale,acme,ben,10.00,USD,renewal,recurring,true,,\n" +
		"t2,2025-07-21,sale,acme,ben,50000000000000000.00,USD,renewal,recurring,true,,\n" +
		"t3,2025-07-21,sale,acme,ben,50000000000000000.00,USD,renewal,recurring,true,,\n" +
		"t4,2025-07-21,sale,acme,ben,0.005,USD,renewal,recurring,true,,\n" +
		"t5,2025-07-21,sale,acme,ben,1.00,USD,renewal,recurring,true,,\n" +
		"r1,2025-07-22,return,acme,ben,-1.00,USD,renewal,recurring,true,,\n" +
		"r2,2025-07-22,return,acme,ben,-0.005,USD,renewal,recurring,true,,\n" +
		"r3,2025-07-22,return,acme,ben,-2.00,USD,renewal,recurring,true,,\n" +
		"c1,2025-07-23,credit-note,acme,ben,-5.00,USD,renewal,recurring,true,,\n" +
		"c2,2025-07-23,credit-note,acme,ben,-2.50,USD,renewal,recurring,true,,\n"
	if err := os.WriteFile(tx, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	_, summary, err := runOut(t, "-tx", tx, "-plan", filepath.Join("testdata", "plan.json"), "-facts", filepath.Join("testdata", "facts.csv"),
		"-from", "2025-07-01", "-until", "2025-10-01")
	if err != nil {
		t.Fatalf("%v\n%s", err, summary)
	}
	for _, want := range []string{
		"  sale             5          5        0            0  100000000000000011.005 USD",
		"  credit-note      2          2        0            0                   -7.50 USD",
		"  return           3          3        0            0                  -3.005 USD",
		"  all             10         10        0            0  100000000000000000.500 USD",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
}

// cutReader gives the bytes of r, fails once with err, then reports
// io.EOF: a source cut short by an error that is not sticky.
type cutReader struct {
	r    *strings.Reader
	err  error
	done bool
}

func (c *cutReader) Read(p []byte) (int, error) {
	if n, _ := c.r.Read(p); n > 0 {
		return n, nil
	}
	if c.done {
		return 0, io.EOF
	}
	c.done = true
	return 0, c.err
}

// TestReadErrorStops: a transactions source that fails stops the run with
// an error and writes no payout, whatever -allow-rejects says, on one
// goroutine, on two (the parallel reader) and with the duplicate-ID check
// (stdin copied for the second reading): the lines read before the error
// are not paid as if the input ended there. The input is cut inside a
// line whose amount would still read ("1000.00" cut to "10").
func TestReadErrorStops(t *testing.T) {
	tx := string(mustRead(t, "transactions.csv"))
	tx += "z1,2025-07-03,sale,acme,ana,10"
	boom := errors.New("connection reset")
	for _, extra := range [][]string{
		{"-workers", "1", "-allow-duplicate-ids"},
		{"-workers", "2", "-allow-duplicate-ids"},
		{"-workers", "2"},
	} {
		args := append([]string{"-tx", "-", "-from", demoFrom, "-until", demoUntil, "-allow-rejects"}, extra...)
		var o, e bytes.Buffer
		err := run(args, env{stdin: &cutReader{r: strings.NewReader(tx), err: boom}, stdout: &o, stderr: &e})
		if !errors.Is(err, boom) || o.Len() != 0 {
			t.Errorf("%v: error %v, %d bytes written; want the read error and no output", extra, err, o.Len())
		}
	}
}

// TestGCPercent: the run sets the collector's target after reading its
// flags: 25 % with the duplicate-ID check (its ID buffer is the heap),
// 100 % in the other modes, and without the check the growth of headroom
// bytes (16 MB) over the live heap (4 MB at least) if that is more than
// 100 %: 400 % for a live heap of 0 to 4 MB, 200 % for 8 MB, 100 % for 16
// MB and over. At each progress tick (lines 65,536 and 131,072) it reads
// the live heap again: at gcSwitchBytes or over it drops to 25 %, once.
// Before writing CSV output rows it raises the target to the growth of
// headroom if that is more, and puts it back after: with the check and 32
// MB live, 50 % from 25 %. JSON Lines output keeps the run's target.
func TestGCPercent(t *testing.T) {
	gen := []string{"-generate", "140000", "-generate-partners", "10", "-allow-duplicate-ids"}
	for _, c := range []struct {
		args []string
		live uint64
		want []int
	}{
		{nil, 1 << 40, []int{25}},
		{nil, 32 << 20, []int{25, 50, 25}},
		{[]string{"-allow-duplicate-ids"}, 0, []int{400}},
		{[]string{"-allow-duplicate-ids"}, 1 << 20, []int{400}},
		{[]string{"-allow-duplicate-ids"}, 4 << 20, []int{400}},
		{[]string{"-allow-duplicate-ids"}, 8 << 20, []int{200}},
		{[]string{"-allow-duplicate-ids"}, 16 << 20, []int{100}},
		{[]string{"-allow-duplicate-ids", "-format", "jsonl"}, 1 << 20, []int{400}},
		{[]string{"-mode", "lint"}, 1 << 40, []int{100}},
		{append(gen, "-workers", "1"), gcSwitchBytes - 1, []int{100}},
		{append(gen, "-workers", "1"), gcSwitchBytes, []int{100, 25}},
		{append(gen, "-workers", "2"), gcSwitchBytes, []int{100, 25}},
	} {
		var got []int
		reads := 0
		e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
			gcPercent: func(p int) { got = append(got, p) }, heapLive: func() uint64 { reads++; return c.live }}
		if err := run(c.args, e); err != nil && !strings.Contains(err.Error(), "critical") {
			t.Fatalf("%q: %v", c.args, err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q, live heap %d: GC percent set to %v, want %v", c.args, c.live, got, c.want)
		}
		if c.live == gcSwitchBytes-1 && reads != 4 { // the start, lines 65,536 and 131,072, the output
			t.Errorf("%q: live heap read %d times, want 4", c.args, reads)
		}
	}
	// The target follows the live heap at the ticks: 1 MB at the start
	// (400 %), 8 MB at line 65,536 (200 %), 20 MB at line 131,072 (100 %),
	// then, before the output, 2 MB (400 %, put back to 100 % after).
	lives := []uint64{1 << 20, 8 << 20, 20 << 20, 2 << 20}
	var got []int
	e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		gcPercent: func(p int) { got = append(got, p) },
		heapLive: func() uint64 {
			l := lives[0]
			if len(lives) > 1 {
				lives = lives[1:]
			}
			return l
		}}
	if err := run(append(gen, "-workers", "2"), e); err != nil {
		t.Fatal(err)
	}
	if want := []int{400, 200, 100, 400, 100}; !slices.Equal(got, want) {
		t.Errorf("live heap 1, 8, 20 then 2 MB: GC percent set to %v, want %v", got, want)
	}
}

// TestSkippedInstants: a JSON Lines date given as an instant in another
// zone is compared with the period as a UTC instant, and the skipped line
// says so ("2025-09-30T23:59:59-05:00" is 2025-10-01 in UTC, after a
// period ending 2025-09-30), in the summary and the -skipped file; a day
// is written as a day.
func TestSkippedInstants(t *testing.T) {
	dir := t.TempDir()
	tx, skipped := filepath.Join(dir, "tx.jsonl"), filepath.Join(dir, "skipped.csv")
	doc := `{"id":"a","date":"2025-09-30T23:59:59-05:00","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"10.00","motion":"new","billing":"one-time","authorised":true}` + "\n" +
		`{"id":"b","date":"2025-07-01T00:30:00+02:00","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"10.00","motion":"new","billing":"one-time","authorised":true}` + "\n" +
		`{"id":"c","date":"2025-09-30T20:00:00-03:00","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"10.00","motion":"new","billing":"one-time","authorised":true}` + "\n" +
		`{"id":"d","date":"2025-10-01","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"10.00","motion":"new","billing":"one-time","authorised":true}` + "\n" +
		`{"id":"e","date":"2025-10-01T02:00:00+02:00","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"10.00","motion":"new","billing":"one-time","authorised":true}` + "\n"
	if err := os.WriteFile(tx, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	if err := run([]string{"-tx", tx, "-from", demoFrom, "-until", demoUntil, "-allow-duplicate-ids", "-skipped", skipped}, env{stdout: &o, stderr: &e}); err != nil {
		t.Fatal(err, e.String())
	}
	for _, want := range []string{
		`line 1 "a": 2025-10-01: dated after the period, which ends 2025-09-30 (the line says 2025-09-30T23:59:59-05:00)`,
		`line 2 "b": 2025-06-30: dated before the period, which starts 2025-07-01 (the line says 2025-07-01T00:30:00+02:00)`,
		`line 4 "d": 2025-10-01: dated after the period, which ends 2025-09-30`,
		"5 transactions read, 5 accepted, 0 rejected",
	} {
		if !strings.Contains(e.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, e.String())
		}
	}
	if strings.Contains(e.String(), `"c"`) {
		t.Errorf("line 3, 2025-09-30T23:00Z, skipped:\n%s", e.String())
	}
	want := "line,id,date,reason\n" +
		`1,a,2025-10-01,"dated after the period, which ends 2025-09-30 (the line says 2025-09-30T23:59:59-05:00)"` + "\n" +
		`2,b,2025-06-30,"dated before the period, which starts 2025-07-01 (the line says 2025-07-01T00:30:00+02:00)"` + "\n" +
		`4,d,2025-10-01,"dated after the period, which ends 2025-09-30"` + "\n" +
		`5,e,2025-10-01,"dated after the period, which ends 2025-09-30"` + "\n" // 2025-10-01T00:00Z: a day
	if got := string(mustReadFile(t, skipped)); got != want {
		t.Errorf("-skipped:\n%s\nwant:\n%s", got, want)
	}
}

// TestCorrectionOutsidePeriod: a return correcting 2025-Q2 is clawed back
// whatever its date (one dated in 2025-Q2 that arrives late, in the
// 2025-Q3 file, must not be lost), and one dated outside the period is
// marked in the summary: a file read by two runs would claw it back
// twice. The ledger is the same as with the return dated in the period.
func TestCorrectionOutsidePeriod(t *testing.T) {
	sample := mustRead(t, "transactions.csv")
	runWith := func(line string) (summary, ledger string) {
		t.Helper()
		dir := t.TempDir()
		path, led := filepath.Join(dir, "tx.csv"), filepath.Join(dir, "ledger.json")
		if err := os.WriteFile(path, append(append([]byte{}, sample...), line...), 0o600); err != nil {
			t.Fatal(err)
		}
		var o, e bytes.Buffer
		if err := run([]string{"-tx", path, "-from", demoFrom, "-until", demoUntil, "-ledger-in", filepath.Join("testdata", "ledger-q2.json"),
			"-ledger-out", led, "-allow-duplicate-ids"}, env{stdout: &o, stderr: &e}); err != nil {
			t.Fatal(err, e.String())
		}
		return e.String(), string(mustReadFile(t, led))
	}
	const r02 = "r02,%s,return,dune,eli,-1000.00,USD,new,one-time,true,,2025-Q2\n"
	_, inPeriod := runWith(fmt.Sprintf(r02, "2025-08-11"))
	for _, date := range []string{"2025-06-20", "2025-12-11"} {
		summary, ledger := runWith(fmt.Sprintf(r02, date))
		if ledger != inPeriod {
			t.Errorf("%s: the ledger differs from the return dated in the period's:\n%s", date, cmp.Diff(inPeriod, ledger))
		}
		for _, want := range []string{"corrections of earlier periods (clawed back, not evaluated): 2\n",
			`line 30 "r02": return -1000.00 USD corrects 2025-Q2 (dated ` + date + `, outside the period: clawed back by each run that reads it)`} {
			if !strings.Contains(summary, want) {
				t.Errorf("%s: summary lacks %q:\n%s", date, want, summary)
			}
		}
	}
}

// TestWriteCSVRanges: rows encoded in windows cut into concurrent ranges
// are written as one writer writes them one by one, for every window and
// range size, the last window or range short or not; a write error of
// the output is returned.
func TestWriteCSVRanges(t *testing.T) {
	var rows []row
	for i := range 23 {
		rows = append(rows, row{Period: "2025-Q3", Recipient: fmt.Sprintf("partner:p%d", i), Measure: fmt.Sprint(i * 1000),
			Amount: fmt.Sprintf("%d.50", i), Trace: fmt.Sprintf("line %d, \"quoted\"\nand =formula", i)})
	}
	for n := range len(rows) + 1 {
		var want bytes.Buffer
		cw := csvsafe.NewWriter(&want)
		cw.Write(header())
		for _, r := range rows[:n] {
			cw.Write(r.cells())
		}
		if err := cw.Flush(); err != nil {
			t.Fatal(err)
		}
		for workers := 1; workers <= 9; workers++ {
			for _, window := range []int{1, 2, 3, 5, 7, 23, 100} {
				for _, minRange := range []int{1, 2, 4} {
					var got bytes.Buffer
					if err := writeCSV(&got, n, func(i int) row { return rows[i] }, workers, window, minRange); err != nil {
						t.Fatal(err)
					}
					if got.String() != want.String() {
						t.Fatalf("%d rows, workers %d, window %d, ranges of %d: got\n%s\nwant\n%s", n, workers, window, minRange, got.String(), want.String())
					}
				}
			}
		}
	}
	errFull := errors.New("disk full")
	for _, workers := range []int{1, 2} {
		if err := writeCSV(failingWriter{errFull}, len(rows), func(i int) row { return rows[i] }, workers, 5, 1); !errors.Is(err, errFull) {
			t.Fatalf("write error, %d workers: got %v", workers, err)
		}
	}
}

// failingWriter fails every write.
type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }
