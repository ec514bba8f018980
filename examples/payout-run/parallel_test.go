package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// parallelInput writes a transactions CSV with what the parallel reader
// must keep in line order: the sample's lines repeated under new IDs,
// blank and CRLF lines, undecodable lines (bad date, bad amount, ragged),
// lines the engine refuses (a positive credit note), lines outside the
// period and corrections of 2025-Q2; with quoted, the last two rounds
// have quoted fields (some spanning two lines, one left
// open to the end), which the parallel reader
// reads sequentially.
func parallelInput(t *testing.T, rounds int, quoted bool) string {
	t.Helper()
	sample := strings.Split(strings.TrimSpace(string(mustRead(t, "transactions.csv"))), "\n")
	var b strings.Builder
	b.WriteString("\n" + sample[0] + "\n") // a blank line before the header
	for r := range rounds {
		for i, l := range sample[1:] {
			id, rest, _ := strings.Cut(l, ",")
			l = fmt.Sprintf("%s-%d,%s", id, r, rest)
			switch (r*31 + i) % 23 {
			case 0:
				l = strings.Replace(l, "2025-0", "2025-1", 1) // outside the period, or not a day
			case 1:
				l = strings.Replace(l, ".", "..", 1)
			case 2:
				l = "ragged,line"
			case 3:
				l = strings.Replace(l, ",credit-note,", ",credit-note,", 1)
				l = strings.Replace(l, "-2500.50", "2500.50", 1)
			case 4:
				b.WriteString("\n")
			case 5:
				l += "\r"
			}
			if quoted && r >= rounds-2 {
				l = strings.Replace(l, ",USD,", ",\"USD\",", 1)
				if i%2 == 0 || r == rounds-1 { // a record on two lines
					fmt.Fprintf(&b, "b%d-%d,2025-08-01,event,acme,a\"na,,,,,,\"lead\n", r, i) // a bare quote ends the record
					fmt.Fprintf(&b, "q%d-%d,2025-08-01,event,acme,ana,,,,,,\"lead\nregistered\",\n", r, i)
					fmt.Fprintf(&b, "p%d-%d,2025-08-01,event,acme,ana,,,,,,\"lead \"\"\n,\"\"x\",\n", r, i) // "" before a line feed
				}
			}
			b.WriteString(l + "\n")
		}
		if quoted && r == rounds-2 {
			b.WriteString(fmt.Sprintf("q-%d,2025-08-01,sale,\"ac\nme\",ana,10.00,USD,new,one-time,true,,\n", r))
		}
	}
	if quoted { // a quote left open runs to the end of the file
		b.WriteString("u1,2025-08-01,sale,\"acme,ana\n,10.00\n")
	}
	path := filepath.Join(t.TempDir(), "tx.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// withLongLine writes a copy of the file at path (same extension) with a
// line over incentive.MaxLineBytes two thirds of the way in (first: as
// its first line; JSON Lines have no header), and returns
// the copy's path: a bad line, whose error must name that line of the
// file whichever goroutine reads it.
func withLongLine(t *testing.T, path string, first bool) string {
	t.Helper()
	lines := strings.SplitAfter(string(mustReadFile(t, path)), "\n")
	at := 2 * len(lines) / 3
	if first {
		at = 0
	}
	long := `{"id":"long","segment":"` + strings.Repeat("x", incentive.MaxLineBytes) + `"}` + "\n"
	lines = slices.Insert(lines, at, long)
	out := filepath.Join(t.TempDir(), "long"+filepath.Ext(path))
	if err := os.WriteFile(out, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// quotedLastRecord writes a transactions CSV of 301 sales whose last
// record has a line break in a quoted field (a bad segment: one rejected
// line) and no line feed at its end: the reader must not cut the input at
// that line break (two bad lines).
func quotedLastRecord(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,date,kind,partner_id,rep_id,amount,currency,motion,billing,authorised,segment\n")
	for i := range 300 {
		fmt.Fprintf(&b, "s%d,2025-08-01,sale,acme,ana,10.00,USD,new,one-time,true,smb\n", i)
	}
	b.WriteString("s-last,2025-08-01,sale,acme,ana,180000.00,USD,new,one-time,true,\"a\nb\"")
	path := filepath.Join(t.TempDir(), "tx.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// parallelJSONL writes the lines of parallelInput(t, rounds, false) as
// JSON Lines (.jsonl): every record as an object of its non-empty columns
// (the currency in the amount; a bad date or amount stays a bad value), a
// ragged line as JSON cut short, with the blank and CRLF lines kept.
func parallelJSONL(t *testing.T, rounds int) string {
	t.Helper()
	data := mustReadFile(t, parallelInput(t, rounds, false))
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	var header []string
	var b strings.Builder
	for _, l := range lines {
		cr := strings.HasSuffix(l, "\r")
		l = strings.TrimSuffix(l, "\r")
		cells := strings.Split(l, ",")
		switch {
		case l == "":
			b.WriteString("\n")
			continue
		case header == nil:
			header = cells
			continue
		case len(cells) != len(header):
			b.WriteString(`{"id":"ragged","date":` + "\n")
			continue
		}
		var fields []string
		for i, c := range cells {
			switch {
			case c == "" || header[i] == "currency": // the amount says it
			case header[i] == "amount" && cells[slices.Index(header, "currency")] != "":
				fields = append(fields, `"amount":`+strconv.Quote(c+" "+cells[slices.Index(header, "currency")]))
			case header[i] == "authorised":
				fields = append(fields, strconv.Quote(header[i])+":"+c)
			default:
				fields = append(fields, strconv.Quote(header[i])+":"+strconv.Quote(c))
			}
		}
		b.WriteString("{" + strings.Join(fields, ",") + "}")
		if cr {
			b.WriteString("\r")
		}
		b.WriteString("\n")
	}
	path := filepath.Join(t.TempDir(), "tx.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// firstComePlan is the sample plan with a fifth component paying 1 % of
// new-logo revenue from a first-come budget of 5,000.00 USD, which the
// repeated sample lines exhaust.
func firstComePlan(t *testing.T) string {
	t.Helper()
	plan := strings.Replace(string(mustRead(t, "plan.json")), "\n ]\n}", `,
  {"id": "fc-spiff", "version": "1", "name": "First-come SPIF", "effective_from": "2025-01-01",
   "recipient": "partner", "measure": "revenue", "eligibility": {"motions": ["new"]},
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]},
   "budget": {"amount": "5000", "exhaustion": "first-come"}}
 ]
}`, 1)
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(plan), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// parallelRun is one run's output: stdout, the summary without its
// elapsed time, the reject, skipped and ledger files, the error.
type parallelRun struct {
	out, summary, rejects, skipped, ledger, err string
	blocks                                      int
}

var elapsed = regexp.MustCompile(`(?m)^elapsed .*$`)

func runParallel(t *testing.T, workers, block int, checkIDs bool, args ...string) parallelRun {
	t.Helper()
	return runParallelOn(t, workers, block, checkIDs, false, args...)
}

// runParallelOn is runParallel, every line read through the decoder and
// Add if general (see env.general).
func runParallelOn(t *testing.T, workers, block int, checkIDs, general bool, args ...string) parallelRun {
	t.Helper()
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "rejects.csv"), filepath.Join(dir, "skipped.csv"), filepath.Join(dir, "ledger.json")}
	args = append(args, "-workers", fmt.Sprint(workers), "-rejects", files[0], "-skipped", files[1], "-ledger-out", files[2])
	if checkIDs {
		args = append(args, "-tmpdir", t.TempDir())
	} else {
		args = append(args, "-allow-duplicate-ids")
	}
	var o, e bytes.Buffer
	pb := &parallelBlocks{size: block}
	err := run(args, env{stdout: &o, stderr: &e, blocks: pb, general: general})
	r := parallelRun{out: o.String(), summary: elapsed.ReplaceAllString(e.String(), ""), blocks: pb.dealt}
	if err != nil {
		r.err = strings.ReplaceAll(err.Error(), dir, "DIR")
	}
	for i, f := range files {
		data, _ := os.ReadFile(f)
		*[]*string{&r.rejects, &r.skipped, &r.ledger}[i] = string(data)
	}
	return r
}

// diff reports each output of r (a run on several goroutines, called
// what) that differs from one's (the run on one goroutine), ignoring the
// number of blocks dealt.
func (r parallelRun) diff(t *testing.T, one parallelRun, what string) {
	t.Helper()
	for _, f := range []struct{ name, a, b string }{{"stdout", one.out, r.out}, {"summary", one.summary, r.summary},
		{"rejects", one.rejects, r.rejects}, {"skipped", one.skipped, r.skipped}, {"ledger", one.ledger, r.ledger}, {"error", one.err, r.err}} {
		if f.a != f.b {
			t.Errorf("%s: %s differs:\n%s\n--- one goroutine:\n%s", what, f.name, clip(f.b), clip(f.a))
		}
	}
}

// TestParallelIdentical: a run on 2, 3 or 8 goroutines writes byte for
// byte what a run on one writes (payout rows, summary, reject, skipped
// and ledger files, the error), with rejected, skipped and correcting
// lines, blank and CRLF lines, a first-come budget, the self-check, and
// quoted fields (read sequentially from the first block that has one);
// with small blocks, so that they are many; and with the duplicate-ID
// check, whose first pass each goroutine records a share of (with a
// buffer small enough to spill many runs, and compact them), with and
// without reused IDs (their second pass reads in order).
func TestParallelIdentical(t *testing.T) {
	rounds := 40
	if testing.Short() {
		rounds = 12
	}
	ledger := filepath.Join("testdata", "ledger-q2.json")
	dups := withReusedIDs(t, parallelInput(t, rounds, false))
	bom := filepath.Join(t.TempDir(), "bom.csv") // a byte-order mark, then a blank line before the header
	if err := os.WriteFile(bom, append([]byte("\ufeff"), mustReadFile(t, dups)...), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		checkIDs bool
	}{
		{"id-check", []string{"-tx", parallelInput(t, rounds, false), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects", "-id-buffer", "40"}, true},
		{"id-check-reused", []string{"-tx", dups, "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects", "-id-buffer", "40"}, true},
		{"id-check-reused-quoted", []string{"-tx", withReusedIDs(t, parallelInput(t, rounds, true)), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}, true},
		{"id-check-reused-bom", []string{"-tx", bom, "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}, true},
		{"bom", []string{"-tx", bom, "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}, false},
		{"id-check-reused-rejected-run", []string{"-tx", dups, "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger}, true},
		{"rejects", []string{"-tx", parallelInput(t, rounds, false), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}, false},
		{"quoted", []string{"-tx", parallelInput(t, rounds, true), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects", "-self-check"}, false},
		{"first-come", []string{"-plan", firstComePlan(t), "-facts", filepath.Join("testdata", "facts.csv"), "-tx", parallelInput(t, rounds, false), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}, false},
		{"rejected-run", []string{"-tx", parallelInput(t, rounds, false), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger}, false},
		{"quoted-last-record", []string{"-tx", quotedLastRecord(t), "-from", demoFrom, "-until", demoUntil}, false},
		{"id-check-quoted-last-record", []string{"-tx", quotedLastRecord(t), "-from", demoFrom, "-until", demoUntil}, true},
		{"jsonl-long-line", []string{"-tx", withLongLine(t, parallelJSONL(t, rounds), false), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}, false},
		{"jsonl-long-first-line", []string{"-tx", withLongLine(t, parallelJSONL(t, rounds), true), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}, false},
		{"jsonl-input", []string{"-tx", parallelJSONL(t, rounds), "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}, false},
		{"generated", []string{"-generate", "30000", "-generate-partners", "50", "-self-check"}, false},
		// 840 payout lines: their rows are written in up to three ranges
		// of at least 256 lines, on as many goroutines (lineRows).
		{"rows", []string{"-generate", "20000", "-generate-partners", "400"}, false},
		{"rows-jsonl", []string{"-generate", "20000", "-generate-partners", "400", "-format", "jsonl"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one := runParallel(t, 1, 0, tc.checkIDs, tc.args...)
			if one.out == "" && one.err == "" || one.blocks != 0 {
				t.Fatalf("one goroutine: no output, or blocks dealt (%d): %+v", one.blocks, one)
			}
			if strings.Contains(tc.name, "long") && (one.err != "" || !strings.Contains(one.rejects, "line longer than 65536 bytes")) {
				t.Fatalf("one goroutine: the long line not one rejected line: %s\n%s", one.err, clip(one.rejects))
			}
			if strings.Contains(tc.name, "quoted-last-record") && !strings.Contains(one.summary, "301 transactions read, 300 accepted, 1 rejected") {
				t.Fatalf("one goroutine: the last record not read whole:\n%s", clip(one.summary))
			}
			if reused := strings.Count(one.rejects, "transaction ID already used"); strings.Contains(tc.name, "reused") != (reused > 0) {
				t.Fatalf("one goroutine: %d lines rejected for a reused ID\n%s\n%s", reused, one.err, clip(one.summary))
			}
			for _, n := range []int{2, 3, 8} {
				for _, block := range []int{61, 4096} {
					got := runParallel(t, n, block, tc.checkIDs, tc.args...)
					// A long first line is read with the lines after it
					// in one block when they are few (-short).
					if got.blocks < 2 && !(testing.Short() && strings.Contains(tc.name, "first-line")) || got.blocks < 1 {
						t.Errorf("%d goroutines, blocks of %d: %d blocks dealt", n, block, got.blocks)
					}
					got.diff(t, one, fmt.Sprintf("%d goroutines, blocks of %d", n, block))
				}
			}
		})
	}
}

// withReusedIDs writes a copy of the transactions file at path with every
// fifth of its first lines written again 100 lines further on (the same
// ID on another line, in another block, among lines without quotes, so
// never inside a quoted field), and returns the copy's path.
func withReusedIDs(t *testing.T, path string) string {
	t.Helper()
	lines := strings.SplitAfter(string(mustReadFile(t, path)), "\n")
	again := map[int][]string{}
	for i, l := range lines[:len(lines)/2] {
		if i > 2 && i%5 == 0 && !strings.Contains(l, "\"") && !strings.Contains(lines[i+100], "\"") {
			again[i+100] = append(again[i+100], l)
		}
	}
	var b strings.Builder
	for i, l := range lines {
		for _, a := range again[i] {
			b.WriteString(a)
		}
		b.WriteString(l)
	}
	out := filepath.Join(t.TempDir(), "reused.csv")
	if err := os.WriteFile(out, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// int64Reference is the plain Go program a user would write for the job:
// read the file through a buffer, split each line on commas, read the
// amount as integer cents and sum them per partner in a map.
func int64Reference(path string) (map[string]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	if _, err := br.ReadSlice('\n'); err != nil { // the header
		return nil, err
	}
	idx := map[string]int32{}
	var sums []int64
	var fields [11][]byte
	for {
		line, err := br.ReadSlice('\n')
		if len(line) == 0 {
			break
		}
		for i := range fields {
			j := bytes.IndexByte(line, ',')
			if j < 0 {
				j = len(line)
			}
			fields[i], line = line[:j], line[min(j+1, len(line)):]
		}
		var c int64
		amt, neg := fields[5], false
		if len(amt) > 0 && amt[0] == '-' {
			amt, neg = amt[1:], true
		}
		for _, ch := range amt {
			if ch != '.' {
				c = c*10 + int64(ch-'0')
			}
		}
		if neg {
			c = -c
		}
		i, ok := idx[string(fields[3])]
		if !ok {
			i = int32(len(sums))
			idx[string(fields[3])] = i
			sums = append(sums, 0)
		}
		sums[i] += c
		if err != nil {
			break
		}
	}
	out := make(map[string]int64, len(idx))
	for id, i := range idx {
		out[id] = sums[i]
	}
	return out, nil
}

// BenchmarkPayoutRun runs the program on a generated file of 1,000,000
// lines (100,000 with -short; PAYOUT_BENCH_LINES lines if set, e.g.
// 10000000; 1,000 partners), with -allow-duplicate-ids, in the
// environment main gives it (the collector's target set by the run, see
// collector), on one goroutine and on two, beside int64Reference reading the same
// file, interleaved per iteration so that all three see the same machine
// load, each timed from a collected heap (without it, the reference paid
// for collecting the runs' garbage: 111 instead of 92 ns per line):
// x-int64 is Σ one goroutine / Σ reference, speedup Σ one / Σ two
// (speedup-median, -min and -max the median, least and greatest of the
// iterations' one / two), and
// decode-x-int64 Σ decoding alone (incentive.ReadTransactionsCSV, every
// transaction read and checked, nothing evaluated) / Σ reference: the
// part of x-int64 that reading with the library's checks takes.
func BenchmarkPayoutRun(b *testing.B) {
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	if s := os.Getenv("PAYOUT_BENCH_LINES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("PAYOUT_BENCH_LINES=%q: want a positive number of lines", s)
		}
		n = v
	}
	path := filepath.Join(b.TempDir(), "tx.csv")
	g := newGenerator(int64(n), 1000, incentiveQ3(b), money.MustCurrency("USD"))
	data, err := io.ReadAll(g)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	data = nil
	factsPath := generatedFactsFile(b, 1000)
	args := func(workers int) []string {
		return []string{"-tx", path, "-facts", factsPath, "-from", demoFrom, "-until", demoUntil, "-allow-duplicate-ids", "-workers", fmt.Sprint(workers)}
	}
	b.Run(fmt.Sprintf("lines=%d/interleaved", n), func(b *testing.B) {
		var tr, t1, t2, td time.Duration
		var ratios []float64 //lint:allow float benchmark metric
		// timed runs f on a collected heap, as a fresh process would start,
		// so that no run pays for collecting the garbage of the one before.
		timed := func(f func()) time.Duration {
			runtime.GC()
			s := time.Now()
			f()
			return time.Since(s)
		}
		for b.Loop() {
			tr += timed(func() {
				if ref, err := int64Reference(path); err != nil || len(ref) != 1000 {
					b.Fatal(len(ref), err)
				}
			})
			one := timed(func() {
				e, restore := programEnv()
				defer restore()
				if err := run(args(1), e); err != nil {
					b.Fatal(err)
				}
			})
			two := timed(func() {
				e, restore := programEnv()
				defer restore()
				if err := run(args(2), e); err != nil {
					b.Fatal(err)
				}
			})
			t1, t2, ratios = t1+one, t2+two, append(ratios, float64(one)/float64(two))
			td += timed(func() {
				if k, err := decodeOnly(path); err != nil || k != n {
					b.Fatal(k, err)
				}
			})
		}
		lines := float64(b.N) * float64(n)
		b.ReportMetric(float64(tr.Nanoseconds())/lines, "ref-ns/line")
		b.ReportMetric(float64(t1.Nanoseconds())/lines, "one-ns/line")
		b.ReportMetric(float64(t2.Nanoseconds())/lines, "two-ns/line")
		b.ReportMetric(float64(t1)/float64(tr), "x-int64")
		b.ReportMetric(float64(t1)/float64(t2), "speedup")
		// The iterations' own ratios, whose median a moment's load on one
		// core (which slows only the runs it falls on) moves less.
		slices.Sort(ratios)
		b.ReportMetric(ratios[len(ratios)/2], "speedup-median")
		b.ReportMetric(ratios[0], "speedup-min")
		b.ReportMetric(ratios[len(ratios)-1], "speedup-max")
		b.ReportMetric(float64(td)/float64(tr), "decode-x-int64")
	})
}

// programEnv is the environment main gives a run, but for its output
// (discarded): the collector's target set by the run (unless GOGC is
// set); restore puts the target back as it was.
func programEnv() (e env, restore func()) {
	e = env{stdout: io.Discard, stderr: io.Discard}
	if os.Getenv("GOGC") != "" {
		return e, func() {}
	}
	before := debug.SetGCPercent(100)
	e.gcPercent, e.heapLive = func(p int) { debug.SetGCPercent(p) }, heapLive
	return e, func() { debug.SetGCPercent(before) }
}

// generatedFactsFile writes the facts -generate gives partners
// g0000 … (csat 4.2 each) as a -facts file, and returns its path.
func generatedFactsFile(tb testing.TB, partners int64) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "facts.csv")
	if err := os.WriteFile(path, generatedFactsCSV(partners), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// decodeOnly reads the transactions of the CSV file at path with the
// options payout-run reads them with, and counts them.
func decodeOnly(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	usd, err := money.ParseCurrency("USD")
	if err != nil {
		return 0, err
	}
	k := 0
	for _, err := range incentive.ReadTransactionsCSV(f, incentive.DecodeOptions{Currency: usd, MaxErrors: incentive.MaxLineErrors}) {
		if err != nil {
			return k, err
		}
		k++
	}
	return k, nil
}

// incentiveQ3 is the period of generated data.
func incentiveQ3(tb testing.TB) incentive.Period {
	tb.Helper()
	p, err := makePeriod(options{from: demoFrom, until: demoUntil})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestFastReadAsGeneral: CSV is read straight into the accumulators
// (Accumulator.AddCSV), pass 1 of the duplicate-ID check included; on one
// goroutine and on two, the run writes byte for byte what a run reading
// every line through the decoder and Add writes — on the sample lines
// with their rejects and corrections, with a record too long between
// lines the fast path added (its error must name its own line, not the
// last record's), and with the check on, with reused IDs (pass 2) or
// none, its IDs spilled every 40 lines.
func TestFastReadAsGeneral(t *testing.T) {
	ledger := filepath.Join("testdata", "ledger-q2.json")
	csvIn := parallelInput(t, 3, false)
	for _, tc := range []struct {
		name, path string
		checkIDs   bool
	}{
		{"sample-lines", csvIn, false},
		{"long-record", withLongLine(t, csvIn, false), false},
		{"quoted-last-record", quotedLastRecord(t), false},
		{"id-check", csvIn, true},
		{"id-check-reused", withReusedIDs(t, parallelInput(t, 12, false)), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"-tx", tc.path, "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects", "-id-buffer", "40"}
			want := runParallelOn(t, 1, 0, tc.checkIDs, true, args...)
			if want.out == "" || want.err != "" {
				t.Fatalf("general reading: no output, or an error: %+v", want)
			}
			if tc.name == "long-record" && !strings.Contains(want.rejects, "record longer than 65536 bytes") {
				t.Fatalf("the long record not rejected:\n%s", clip(want.rejects))
			}
			if reused := strings.Count(want.rejects, "transaction ID already used"); strings.Contains(tc.name, "reused") != (reused > 0) {
				t.Fatalf("general reading: %d lines rejected for a reused ID", reused)
			}
			runParallel(t, 1, 0, tc.checkIDs, args...).diff(t, want, "one goroutine, AddCSV")
			runParallel(t, 2, 4096, tc.checkIDs, args...).diff(t, want, "two goroutines, AddCSV")
		})
	}
}

// dataErrReader returns its data, then a read error: with the last data
// (sep false), as io.Reader allows, or alone on the next call.
type dataErrReader struct {
	data []byte
	sep  bool
}

func (r *dataErrReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, errors.New("device gone")
	}
	n := copy(p[:min(len(p), 512)], r.data)
	r.data = r.data[n:]
	if len(r.data) == 0 && !r.sep {
		return n, errors.New("device gone")
	}
	return n, nil
}

// TestReadErrorLine: a read error ends the run with the line after the
// last line read, whether the error came with the last data or alone, and
// whether the lines were read straight into the accumulator (AddCSV) or
// through the decoder and Add, on one goroutine or two; the outputs of the
// lines before it agree.
// (Found in review: with AddCSV, an error that came with data took the
// line of the next line yielded, which depends on what AddCSV added.)
func TestReadErrorLine(t *testing.T) {
	whole := mustReadFile(t, parallelInput(t, 3, false))
	for _, end := range []string{"whole", "cut", "aligned"} {
		data := whole[:bytes.LastIndexByte(whole[:min(len(whole), 60000)], '\n')+1]
		switch end {
		case "cut": // the error cuts the last line short: it is not read
			data = data[:len(data)-20]
		case "aligned": // blank lines up to a multiple of the reads: no data with the error
			data = append(data, bytes.Repeat([]byte("\n"), 512-len(data)%512)...)
		}
		t.Run(end, func(t *testing.T) { readErrorLine(t, data, bytes.Count(data, []byte("\n"))) })
	}
}

// readErrorLine is TestReadErrorLine on data, whose whole lines are lines.
func readErrorLine(t *testing.T, data []byte, lines int) {
	ledger := filepath.Join("testdata", "ledger-q2.json")
	var want parallelRun
	for i, general := range []bool{true, false, false} {
		workers := fmt.Sprint(max(1, i)) // the last on two goroutines
		for _, sep := range []bool{false, true} {
			dir := t.TempDir()
			files := []string{filepath.Join(dir, "rejects.csv"), filepath.Join(dir, "skipped.csv"), filepath.Join(dir, "ledger.json")}
			args := []string{"-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects", "-tx", "-", "-workers", workers,
				"-rejects", files[0], "-skipped", files[1], "-ledger-out", files[2], "-allow-duplicate-ids"}
			var o, e bytes.Buffer
			pb := &parallelBlocks{size: 997}
			err := run(args, env{stdin: &dataErrReader{data: data, sep: sep}, stdout: &o, stderr: &e, general: general, blocks: pb})
			if workers == "2" && pb.dealt < 2 {
				t.Fatalf("two goroutines: %d blocks dealt", pb.dealt)
			}
			got := parallelRun{out: o.String(), summary: elapsed.ReplaceAllString(e.String(), ""), err: fmt.Sprint(err)}
			for i, f := range files {
				d, _ := os.ReadFile(f)
				*[]*string{&got.rejects, &got.skipped, &got.ledger}[i] = string(d)
			}
			if wantErr := fmt.Sprintf("line %d: device gone", lines+1); !strings.Contains(got.err, wantErr) {
				t.Errorf("general %v, error with the data %v: %s, want %q in it", general, !sep, got.err, wantErr)
			}
			if i == 0 && !sep {
				want = got
				continue
			}
			got.diff(t, want, fmt.Sprintf("general %v, error with the data %v", general, !sep))
		}
	}
}

// stallReader gives data 512 bytes a read, then neither data nor an
// error, for ever.
type stallReader struct{ data []byte }

func (r *stallReader) Read(p []byte) (int, error) {
	n := copy(p[:min(len(p), 512)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestReadNoProgress: an input that stops giving data without an error
// or an end ends the run with io.ErrNoProgress at the line after the last
// one read, on two goroutines as on one, with the same outputs (found in
// review: the parallel reader waited for ever).
func TestReadNoProgress(t *testing.T) {
	whole := mustReadFile(t, parallelInput(t, 3, false))
	data := whole[:bytes.LastIndexByte(whole[:min(len(whole), 60000)], '\n')+1]
	var want parallelRun
	for _, workers := range []string{"1", "2"} {
		var o, e bytes.Buffer
		pb := &parallelBlocks{size: 997}
		err := run([]string{"-from", demoFrom, "-until", demoUntil, "-allow-rejects", "-tx", "-", "-workers", workers, "-allow-duplicate-ids"},
			env{stdin: &stallReader{data: data}, stdout: &o, stderr: &e, blocks: pb})
		if workers == "2" && pb.dealt < 2 {
			t.Fatalf("two goroutines: %d blocks dealt", pb.dealt)
		}
		got := parallelRun{out: o.String(), summary: elapsed.ReplaceAllString(e.String(), ""), err: fmt.Sprint(err)}
		if !errors.Is(err, io.ErrNoProgress) || !strings.Contains(got.err, fmt.Sprintf("line %d:", bytes.Count(data, []byte("\n"))+1)) {
			t.Errorf("%s goroutines: %v, want io.ErrNoProgress at line %d", workers, err, bytes.Count(data, []byte("\n"))+1)
		}
		if workers == "1" {
			want = got
			continue
		}
		got.diff(t, want, "two goroutines")
	}
}

// idleReader gives data a few hundred bytes a read, then waits until
// release is closed, as a pipe whose writer has nothing more to say.
type idleReader struct {
	data    []byte
	release chan struct{}
}

func (r *idleReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		<-r.release
		return 0, io.ErrClosedPipe
	}
	n := copy(p[:min(len(p), 300)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestStopWhileReading: a run that must stop — its header is bad, or it
// has more than incentive.MaxLineErrors lines the decoder cannot read —
// returns its error while the rest of its input is still to come, on any
// number of goroutines: none waits for the input to be read on (found in
// review: with the goroutines taking turns at the input, the run waited
// for the one reading, for ever on an idle pipe). The input given before
// it goes idle holds a few blocks of 997 bytes more than the error needs:
// a goroutine deals out a block once it has read it whole (or the
// input's end).
func TestStopWhileReading(t *testing.T) {
	var more strings.Builder // three blocks and more
	for i := range 100 {
		fmt.Fprintf(&more, "ok%d,2025-08-01,sale,acme,1.00\n", i)
	}
	var bad strings.Builder
	bad.WriteString("id,date,kind,partner_id,amount\n")
	for i := range incentive.MaxLineErrors + 1 {
		fmt.Fprintf(&bad, "b%d,2025-08-01,sale,acme,not-an-amount\n", i)
	}
	for _, c := range []struct {
		name, doc, want string
	}{
		{"bad header", "bogus,header\n" + more.String(), "unknown column"},
		{"too many bad lines", bad.String() + more.String(), "stopped after"},
	} {
		for _, workers := range []int{1, 2, 3} {
			in := &idleReader{data: []byte(c.doc), release: make(chan struct{})}
			res := make(chan error, 1)
			go func() {
				res <- run([]string{"-from", demoFrom, "-until", demoUntil, "-tx", "-", "-workers", fmt.Sprint(workers), "-allow-duplicate-ids"},
					env{stdin: in, stdout: io.Discard, stderr: io.Discard, blocks: &parallelBlocks{size: 997}})
			}()
			select {
			case err := <-res:
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s, %d goroutines: error %v, want one saying %q", c.name, workers, err, c.want)
				}
			case <-time.After(20 * time.Second):
				t.Errorf("%s, %d goroutines: the run still waits 20 s after it had to stop, the input idle", c.name, workers)
			}
			close(in.release)
		}
	}
}
