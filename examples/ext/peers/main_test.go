package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestRun runs the program on 20,000 lines, once: every peer that can run
// here gives a time, and all agree. PostgreSQL runs where .ci/run (or
// bash .ci/postgres start DIR) set PGSTORE_DSN; pandas and Python where
// $PEERS_PYTHON (default python3) has them (.ci/run installs Debian's
// python3-pandas and sets PEERS_PYTHON=/usr/bin/python3).
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds payout-run and runs every peer")
	}
	python := os.Getenv("PEERS_PYTHON")
	if python == "" {
		python = "python3"
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-lines", "20000", "-runs", "1", "-dir", t.TempDir(), "-python", python}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	must := []string{"payout-run, no dup. check, 1 goroutine", "payout-run, no dup. check, 2 goroutines", "payout-run, dup. check, 2 goroutines",
		"Go, int64 cents", "DuckDB, 1 thread", "DuckDB, 2 threads"}
	if os.Getenv("PGSTORE_DSN") != "" {
		must = append(must, "PostgreSQL numeric")
	}
	if os.Getenv("PEERS_PYTHON") != "" {
		must = append(must, "pandas, float64 to int64 cents", "Python decimal")
	}
	for _, r := range must {
		if !regexp.MustCompile(`\n` + regexp.QuoteMeta(r) + ` +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+\n`).MatchString(out.String()) {
			t.Errorf("no timed row %q:\n%s", r, out.String())
		}
	}
	t.Log("\n" + out.String())
}

// TestLeftOut: without a database URL or a Python command the table says
// why those peers are left out, and the others still run.
func TestLeftOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds payout-run")
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-lines", "2000", "-runs", "1", "-dsn=", "-python", "no-such-python-here"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"PostgreSQL numeric                       left out: no -dsn or $PGSTORE_DSN",
		"Python decimal                           left out: no-such-python-here not found",
		"pandas, float64 to int64 cents           left out: no-such-python-here not found", "\nDuckDB, 2 threads "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}

// TestFlags: out-of-range flags are refused before any work.
func TestFlags(t *testing.T) {
	for _, args := range [][]string{{"-lines", "0"}, {"-runs", "0"}, {"-runs", "101"}, {"extra"}} {
		if err := run(context.Background(), args, new(bytes.Buffer)); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestAgreement: the first sums and total become the reference; a peer
// that differs by a cent, misses a partner, has one more, or a different
// total, fails, naming the partner.
func TestAgreement(t *testing.T) {
	ref := sums{"a": dec("1.00"), "b": dec("2.50")}
	for _, c := range []struct {
		name  string
		got   sums
		total string
		want  string // part of the error; "" none
	}{
		{"same, other exponent", sums{"a": dec("1"), "b": dec("2.5")}, "3.5", ""},
		{"total only", nil, "3.50", ""},
		{"a cent off", sums{"a": dec("1.01"), "b": dec("2.50")}, "3.51", `partner "a": 1, and 1.01`},
		{"missing", sums{"a": dec("1.00")}, "3.50", `partner "b": 2.5, and no sum`},
		{"extra", sums{"a": dec("1.00"), "b": dec("2.50"), "c": dec("0")}, "3.50", `partner "c": no sum, and 0`},
		{"total off", nil, "3.49", "sum to 3.5 and 3.49"},
	} {
		var a agreement
		if err := a.check("first", ref, ref.total()); err != nil {
			t.Fatal(err)
		}
		err := a.check("second", c.got, dec(c.total))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "first and second disagree")):
			t.Errorf("%s: error %v, want one with %q", c.name, err, c.want)
		}
	}
}

// summary is the part of payout-run's summary controlTotal reads, as the
// program writes it (1,000,000 generated lines).
const summary = `period 2025-Q3 "Q3 2025": 2025-07-01 to 2025-09-30 (last day included), run 2025-Q3

input tx.csv: 1000000 transactions read, 1000000 accepted, 0 rejected
  kind           lines  in period  outside  corrections            amount
  sale          700000     700000        0            0  419993500.00 USD
  credit-note    50000      50000        0            0  -15002000.00 USD
  return         50000      50000        0            0  -15001000.00 USD
  event         200000     200000        0            0                 -
  all          1000000    1000000        0            0  389990500.00 USD

payout lines of 2025-Q3 by component:
  component      lines    total USD
  all             2100  15779797.31
`

// TestControlTotal reads the "all" amount, and refuses a summary with
// rejected lines, fewer lines than generated, or no all row under the
// input line.
func TestControlTotal(t *testing.T) {
	got, err := controlTotal(summary, 1000000)
	if err != nil || !got.Equal(dec("389990500.00")) { // 419,993,500 − 15,002,000 − 15,001,000, by hand
		t.Errorf("controlTotal = %s, %v; want 389990500.00", got, err)
	}
	for name, bad := range map[string]string{
		"rejected":         strings.Replace(summary, "1000000 accepted, 0 rejected", "999997 accepted, 3 rejected", 1),
		"lines short":      strings.Replace(summary, "1000000 transactions read, 1000000 accepted", "999999 transactions read, 999999 accepted", 1),
		"no all row":       strings.Replace(summary, "  all          1000000", "  every        1000000", 1),
		"all row no total": strings.Replace(summary, "0  389990500.00 USD", "0                 -", 1),
		"no input line":    strings.Replace(summary, "input tx.csv:", "tx.csv:", 1),
	} {
		if _, err := controlTotal(bad, 1000000); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestInt64Sums sums a small file worked by hand, and refuses an amount
// without exactly two decimals.
func TestInt64Sums(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tx.csv")
	write := func(body string) {
		if err := os.WriteFile(path, []byte(header+"\n"+body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("t1,2025-07-01,sale,g1,r1,100.25,USD,new,recurring,true,\n" +
		"t2,2025-07-01,credit-note,g1,r1,-0.50,USD,new,recurring,true,\n" +
		"t3,2025-07-01,event,g2,r2,,,,,,lead-registered\n" +
		"t4,2025-07-02,sale,g2,r2,7.05,USD,new,one-time,false,\n")
	s, total, err := int64Sums(path)
	if err != nil {
		t.Fatal(err)
	}
	// g1: 100.25 − 0.50 = 99.75; g2: 7.05; total 106.80.
	if len(s) != 2 || !s["g1"].Equal(dec("99.75")) || !s["g2"].Equal(dec("7.05")) || !total.Equal(dec("106.80")) {
		t.Errorf("sums %v, total %s", s, total)
	}
	for _, bad := range []string{"100.5", "100.500", ".50", "1,00", "1.0x", "-", "--1.00", "1234567890123456.00", ""} {
		write("t1,2025-07-01,sale,g1,r1," + bad + ",USD,new,recurring,true,\n")
		if _, _, err := int64Sums(path); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("amount %q: %v", bad, err)
		}
	}
	for name, body := range map[string]string{
		"short line": "t2,2025-07-01,sale,g1\n",
		"long line":  "t1,2025-07-01,sale,g1,r1,1.00,USD,new,recurring,true,,x\n",
		"overflow":   strings.Repeat("t1,2025-07-01,sale,g1,r1,999999999999999.99,USD,new,recurring,true,\n", 93),
	} {
		write(body)
		if _, _, err := int64Sums(path); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	write(strings.Repeat("t1,2025-07-01,sale,g1,r1,999999999999999.99,USD,new,recurring,true,\n", 92)) // 92 × (10¹⁷ − 1) < 2⁶³
	if _, total, err := int64Sums(path); err != nil || !total.Equal(dec("91999999999999999.08")) {
		t.Errorf("92 largest amounts: %s, %v", total, err)
	}
	for amt, want := range map[string]int64{"0.00": 0, "-0.05": -5, "123456789012345.99": 12345678901234599} {
		if c, ok := centsOf([]byte(amt)); !ok || c != want {
			t.Errorf("centsOf(%q) = %d, %t; want %d", amt, c, ok, want)
		}
	}
}
