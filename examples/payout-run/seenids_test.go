package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/examples/internal/golden"
)

// dupLines are appended to the sample transactions (lines 2–29) as lines
// 30–36: s02 replayed (line 30) and used a third time with another amount
// (32), e05 replayed (31), a new sale s14 (33), s15 first as a positive
// credit note, rejected for its sign (34), then as a valid sale (35: the
// first accepted use of s15, so not a duplicate), and s11 again, now dated
// in the period (36: s11 was accepted on line 12 though dated outside the
// period, so its ID is used).
const dupLines = "s02,2025-07-21,sale,acme,ben,94000.00,USD,renewal,recurring,true,,\n" +
	"e05,2025-07-07,event,cyan,dee,,,,,,lead-registered,\n" +
	"s02,2025-07-22,sale,acme,ben,1.00,USD,renewal,recurring,true,,\n" +
	"s14,2025-09-01,sale,bolt,cy,5000.00,USD,new,one-time,true,,\n" +
	"s15,2025-09-02,credit-note,bolt,cy,50.00,USD,new,one-time,true,,\n" +
	"s15,2025-09-03,sale,bolt,cy,7000.00,USD,new,one-time,true,,\n" +
	"s11,2025-09-30,sale,cyan,dee,50000.00,USD,new,one-time,true,,\n"

// dupRun runs the program on tx (a file, or stdin when stdin is set) and
// returns stdout, stderr (with dir written DIR), the reject file and the
// error; it fails if a temporary file is left in its -tmpdir.
func dupRun(t *testing.T, tx []byte, stdin bool, extra ...string) (out, summary, rejects string, err error) {
	t.Helper()
	dir, tmp := t.TempDir(), t.TempDir()
	path, rej := filepath.Join(dir, "tx.csv"), filepath.Join(dir, "rejects.csv")
	if err := os.WriteFile(path, tx, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-tx", path, "-from", demoFrom, "-until", demoUntil, "-ledger-in", filepath.Join("testdata", "ledger-q2.json"),
		"-rejects", rej, "-tmpdir", tmp}
	in := []byte(nil)
	if stdin {
		args[1], in = "-", tx
	}
	var o, e bytes.Buffer
	err = run(append(args, extra...), env{stdin: bytes.NewReader(in), stdout: &o, stderr: &e})
	r, _ := os.ReadFile(rej)
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("%v: temporary files left: %v", extra, left)
	}
	return o.String(), strings.ReplaceAll(e.String(), dir, "DIR"), string(r), err
}

// TestDuplicateIDs: every line reusing the ID of an earlier accepted line
// is rejected, naming the line the ID was first used on; the run writes
// no payout and exits 1 (goldens: testdata/duplicates.rejects.csv and
// duplicates.summary.txt). The result is the same whether the hashed IDs
// stay in memory or are spilled after every line or two (-id-buffer),
// and when the input comes from stdin. With -allow-rejects the output is
// byte for byte the output for the input without the rejected lines.
func TestDuplicateIDs(t *testing.T) {
	sample := mustRead(t, "transactions.csv")
	tx := append(append([]byte{}, sample...), dupLines...)
	out, summary, rejects, err := dupRun(t, tx, false)
	if err == nil || !strings.Contains(err.Error(), "5 rejected lines") || out != "" {
		t.Fatalf("run with duplicates: %v, output %q; want 5 rejected lines and no output\n%s", err, out, summary)
	}
	golden.Check(t, filepath.Join("testdata", "duplicates.rejects.csv"), []byte(rejects), *update)
	golden.Check(t, filepath.Join("testdata", "duplicates.summary.txt"), []byte(summary), *update)
	for _, want := range []string{`30,"id = ""s02"": transaction ID already used on line 3"`, `31,"id = ""e05"": transaction ID already used on line 20"`,
		`32,"id = ""s02"": transaction ID already used on line 3"`, `34,"incentive: transaction ""s15"": /amount = ""50.00 USD"": invalid transaction: a credit-note is negative`, `36,"id = ""s11"": transaction ID already used on line 12"`} {
		if !strings.Contains(rejects, want) {
			t.Errorf("reject file lacks %s:\n%s", want, rejects)
		}
	}
	if strings.Contains(rejects, "\n35,") || strings.Contains(rejects, "\n33,") {
		t.Errorf("lines 33 and 35 rejected:\n%s", rejects)
	}
	for _, c := range []struct {
		name  string
		stdin bool
		args  []string
	}{{"spill every line", false, []string{"-id-buffer", "1"}}, {"spill every 2 lines", false, []string{"-id-buffer", "2"}},
		{"stdin", true, nil}, {"stdin, spill every 3 lines", true, []string{"-id-buffer", "3"}}} {
		o, s, r, e := dupRun(t, tx, c.stdin, c.args...)
		if c.stdin {
			s = strings.ReplaceAll(s, "input stdin:", "input DIR/tx.csv:")
		}
		if o != out || s != summary || r != rejects || e == nil || !strings.Contains(e.Error(), "5 rejected lines") {
			t.Errorf("%s: differs from the in-memory run:\n%s", c.name, cmp.Diff(summary+rejects, s+r))
		}
	}

	// -allow-rejects pays the input without lines 30, 31, 32, 34 and 36.
	allowed, _, _, err := dupRun(t, tx, false, "-allow-rejects")
	if err != nil {
		t.Fatal(err)
	}
	ref, _, _, err := dupRun(t, append(append([]byte{}, sample...),
		"s14,2025-09-01,sale,bolt,cy,5000.00,USD,new,one-time,true,,\ns15,2025-09-03,sale,bolt,cy,7000.00,USD,new,one-time,true,,\n"...), false)
	if err != nil {
		t.Fatal(err)
	}
	if allowed != ref {
		t.Errorf("-allow-rejects output differs from the deduplicated input's:\n%s", cmp.Diff(ref, allowed))
	}
	spilled, _, _, err := dupRun(t, tx, true, "-allow-rejects", "-id-buffer", "1")
	if err != nil || spilled != ref {
		t.Errorf("-allow-rejects, stdin, spilled: %v\n%s", err, cmp.Diff(ref, spilled))
	}
}

// TestDuplicateCheckCollision: pass 2 compares the real IDs of the lines
// pass 1 found sharing a hash, so two different IDs that collided would
// both be accepted; and it counts the candidate lines it met.
func TestDuplicateCheckCollision(t *testing.T) {
	d := &dupCheck{cands: map[int64]struct{}{2: {}, 5: {}, 9: {}}, first: map[string]int64{}}
	for _, c := range []struct {
		line  int64
		id    string
		first int64
		used  bool
	}{{2, "a", 0, false}, {3, "a", 0, false}, {5, "b", 0, false}, {9, "a", 2, true}} {
		f, used := d.usedOn(c.line, c.id)
		if f != c.first || used != c.used {
			t.Errorf("line %d %q: %d %t, want %d %t", c.line, c.id, f, used, c.first, c.used)
		}
	}
	if d.hits != 3 {
		t.Errorf("%d candidate lines met, want 3", d.hits)
	}
}

// TestSortEntriesAsComparisonSort: the radix sort leaves entries in the
// order slices.SortFunc(compareEntries) gives, for buffers below and above
// the radix threshold, with hashes spread over every bucket, crowded into
// a few, sharing h0 (equal top bytes), sharing h0 and h1 (a duplicate ID on
// several lines) and equal top bytes with a lower h0 later.
func TestSortEntriesAsComparisonSort(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	gens := map[string]func(i int) idEntry{
		"uniform":     func(i int) idEntry { return idEntry{r.Uint64(), r.Uint64(), int64(i)} },
		"few buckets": func(i int) idEntry { return idEntry{r.Uint64N(4)<<62 | r.Uint64N(1<<40), r.Uint64(), int64(i)} },
		"shared h0":   func(i int) idEntry { return idEntry{r.Uint64N(1000) << 48, r.Uint64N(3), int64(r.IntN(50))} },
		"duplicates":  func(i int) idEntry { return idEntry{r.Uint64N(5000) * 0x9e3779b97f4a7c15, 1, int64(r.IntN(1 << 20))} },
	}
	for name, gen := range gens {
		for _, n := range []int{0, 1, 2, radixMin - 1, radixMin, 3*radixMin + 1, 1 << 16, 3<<16 + 17} {
			e := make([]idEntry, n)
			for i := range e {
				e[i] = gen(i)
			}
			want := slices.Clone(e)
			slices.SortFunc(want, compareEntries)
			sortEntries(e)
			if !slices.Equal(e, want) {
				t.Errorf("%s, %d entries: the order differs from the comparison sort's", name, n)
			}
		}
	}
}

// TestSpillFailure: when the duplicate-ID check cannot spill its buffer
// (its -tmpdir does not exist), the run stops with that error on one
// goroutine as on two: no line is rejected in its place and no payout is
// written, for a reused ID the check could no longer see would be paid.
func TestSpillFailure(t *testing.T) {
	lines := []string{"id,date,kind,partner_id,rep_id,amount,motion,billing,authorised"}
	for i := range 40 {
		lines = append(lines, fmt.Sprintf("a%d,2025-07-10,sale,acme,ana,100.00,new,one-time,true", i%30)) // a0 … a9 reused
	}
	path := filepath.Join(t.TempDir(), "tx.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []string{"1", "2"} {
		out, _, err := runOut(t, "-tx", path, "-from", demoFrom, "-until", demoUntil, "-id-buffer", "2", "-allow-rejects",
			"-tmpdir", filepath.Join(t.TempDir(), "missing"), "-workers", workers)
		if err == nil || !strings.Contains(err.Error(), "duplicate-ID check") || out != "" {
			t.Errorf("%s goroutines: error %v, %d bytes of payout; want the spill's error and none", workers, err, len(out))
		}
	}
	if _, _, err := runOut(t, "-tx", path, "-from", demoFrom, "-until", demoUntil, "-id-buffer", "100000001"); err == nil ||
		!strings.Contains(err.Error(), "-id-buffer 100000001: must be between 1 and 100000000") {
		t.Errorf("-id-buffer beyond the bound: %v", err)
	}
}

// TestRunReaderCut: a spilled run that ends inside an entry is an error,
// not a shorter run.
func TestRunReaderCut(t *testing.T) {
	r := &runReader{f: bytes.NewReader(make([]byte, 2*idEntrySize+1)), name: "run"}
	if ok, err := r.next(); ok || err == nil || !strings.Contains(err.Error(), "run: the run ends inside an entry") {
		t.Errorf("next = %t, %v; want the cut entry's error", ok, err)
	}
	r = &runReader{f: bytes.NewReader(make([]byte, 2*idEntrySize)), name: "run"}
	for i := range 3 {
		if ok, err := r.next(); ok != (i < 2) || err != nil {
			t.Errorf("entry %d: next = %t, %v", i, ok, err)
		}
	}
}
