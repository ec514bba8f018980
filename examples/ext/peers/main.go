// Command peers times the payout job beside the tools a finance team
// would otherwise reach for, on one generated transactions file:
//
//   - payout-run as a finance team runs it (the duplicate-ID check on, two
//     goroutines), and with -allow-duplicate-ids on one goroutine and on
//     two;
//   - a plain Go program summing integer cents (inside this process, the
//     others being processes or databases of their own);
//   - DuckDB: read_csv with the amount as DECIMAL(18,2), on one thread and
//     on two;
//   - PostgreSQL's numeric type: COPY the file into a table, then sum per
//     partner;
//   - pandas: read_csv with a float64 amount, turned into int64 cents by
//     rounding (checked: whole cents, under 10 billion), then a group-by;
//   - Python's decimal module: its csv reader, Decimal sums per partner,
//     rounding trapped.
//
// For example:
//
//	go run ./peers                      # 1,000,000 lines, 3 runs each
//	go run ./peers -lines 10000000 -runs 5 -dsn postgres://… -python /usr/bin/python3
//
// The peers do less than the payout job: each only sums the amounts per
// partner, exactly, where payout-run checks every line, evaluates the
// whole sample plan (tiers, caps, rep and event components) and writes
// the payout lines and control totals. Their sums must agree to the cent,
// and their grand total must equal the amount payout-run's control totals
// give for all lines, which must also say that every line was read and
// accepted; any difference fails the run (exit 1).
//
// The file and the partner facts the plan reads come from payout-run
// itself (-mode generate -facts-out: 1,000 partners, five reps each, the
// sample plan's period). Each run of a peer is timed from start to end as
// the user would see it — a process for payout-run, pandas and Python,
// opening the database, the load and the query for DuckDB and
// PostgreSQL —, the peers taking turns run after run so that all see the
// same machine load. The table gives the minimum, median and maximum
// seconds and the ratio of each median to that of payout-run on one
// goroutine without the duplicate check (below 1: faster).
//
// PostgreSQL is left out without -dsn or $PGSTORE_DSN, Python without
// the -python command, pandas when that Python cannot import it (on
// Debian: apt-get install python3-pandas, then -python /usr/bin/python3);
// the table says so. payout-run is built with the go command (run peers
// from the examples/ext module) unless -payout-run names a binary. The
// files go to a temporary directory (inside -dir if given), removed at
// the end, also on an interrupt.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // the "duckdb" database/sql driver
	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"
)

func main() {
	// An interrupt cancels the runs (their processes are killed) and
	// lets run remove its files.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

// The period of payout-run's generated data, and its partners.
const (
	from, until = "2025-07-01", "2025-10-01"
	partners    = 1000
)

// sums is a peer's answer: each partner's exact sum of amounts.
type sums map[string]decimal.Decimal

// peer is one tool on the file: it returns the partner sums it computed
// (nil for payout-run, which reports a grand total instead).
type peer struct {
	name string
	run  func(ctx context.Context) (sums, decimal.Decimal, error)
	took []time.Duration
	skip string // why the peer is left out, if it is
}

func run(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("peers", flag.ContinueOnError)
	lines := fs.Int64("lines", 1_000_000, "transaction lines to generate")
	runs := fs.Int("runs", 3, "runs of each peer, taking turns")
	dsn := fs.String("dsn", os.Getenv("PGSTORE_DSN"), "PostgreSQL connection `URL` (default $PGSTORE_DSN; none: PostgreSQL is left out)")
	binary := fs.String("payout-run", "", "payout-run `binary` (default: built with the go command)")
	python := fs.String("python", "python3", "Python 3 `command` (not found: Python is left out)")
	dir := fs.String("dir", "", "`directory` in which the temporary directory for the generated files is made (default: the system's)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	case *lines < 1 || *lines > 100_000_000:
		return fmt.Errorf("-lines %d: must be between 1 and 100000000", *lines)
	case *runs < 1 || *runs > 100:
		return fmt.Errorf("-runs %d: must be between 1 and 100", *runs)
	}
	work, err := os.MkdirTemp(*dir, "peers")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	bin := *binary
	if bin == "" {
		bin = filepath.Join(work, "payout-run")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/partnerecon/partnerecon/examples/payout-run")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building payout-run (run peers from the examples/ext module, or give -payout-run): %w\n%s", err, out)
		}
	}
	txPath, factsPath := filepath.Join(work, "tx.csv"), filepath.Join(work, "facts.csv")
	if err := generate(ctx, bin, *lines, txPath, factsPath); err != nil {
		return err
	}
	noPG, noPython, noPandas := "", "", ""
	if *dsn == "" {
		noPG = "no -dsn or $PGSTORE_DSN"
	}
	if _, err := exec.LookPath(*python); err != nil {
		noPython, noPandas = *python+" not found", *python+" not found"
	} else if err := exec.CommandContext(ctx, *python, "-c", "import pandas").Run(); err != nil {
		noPandas = *python + " cannot import pandas"
	}
	peers := []*peer{
		{name: "payout-run, no dup. check, 1 goroutine", run: payoutRun(bin, txPath, factsPath, 1, false, *lines)},
		{name: "payout-run, no dup. check, 2 goroutines", run: payoutRun(bin, txPath, factsPath, 2, false, *lines)},
		{name: "payout-run, dup. check, 2 goroutines", run: payoutRun(bin, txPath, factsPath, 2, true, *lines)},
		{name: "Go, int64 cents", run: func(context.Context) (sums, decimal.Decimal, error) { return int64Sums(txPath) }},
		{name: "DuckDB, 1 thread", run: duckDB(txPath, 1)},
		{name: "DuckDB, 2 threads", run: duckDB(txPath, 2)},
		{name: "PostgreSQL numeric", run: postgres(*dsn, txPath), skip: noPG},
		{name: "pandas, float64 to int64 cents", run: pythonSums(*python, pandasScript, txPath), skip: noPandas},
		{name: "Python decimal", run: pythonSums(*python, decimalScript, txPath), skip: noPython},
	}
	var ref agreement
	for range *runs {
		for _, p := range peers {
			if p.skip != "" {
				continue
			}
			start := time.Now()
			got, total, err := p.run(ctx)
			p.took = append(p.took, time.Since(start))
			if err != nil {
				return fmt.Errorf("%s: %w", p.name, err)
			}
			if err := ref.check(p.name, got, total); err != nil {
				return err
			}
		}
	}
	return report(w, peers, *lines, *runs)
}

// agreement holds the first answers given, which every other must match:
// the partner sums of the first peer that gives them, the grand total of
// the first that gives it.
type agreement struct {
	sums      sums
	sumsFrom  string
	total     decimal.Decimal
	totalFrom string
}

// check compares a peer's answer with the reference, or makes it the
// reference. got may be nil (payout-run gives only the total).
func (a *agreement) check(name string, got sums, total decimal.Decimal) error {
	if got != nil {
		if a.sums == nil {
			a.sums, a.sumsFrom = got, name
		} else if err := sameSums(a.sums, got); err != nil {
			return fmt.Errorf("%s and %s disagree: %w", a.sumsFrom, name, err)
		}
	}
	if a.totalFrom == "" {
		a.total, a.totalFrom = total, name
	} else if !total.Equal(a.total) {
		return fmt.Errorf("%s and %s disagree: the amounts of all lines sum to %s and %s", a.totalFrom, name, a.total, total)
	}
	return nil
}

// sameSums reports the first partner (in ID order) whose sums differ.
func sameSums(want, got sums) error {
	ids := slices.Sorted(maps.Keys(want))
	for id := range got {
		if _, ok := want[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		w, wok := want[id]
		g, gok := got[id]
		switch {
		case !wok:
			return fmt.Errorf("partner %q: no sum, and %s", id, g)
		case !gok:
			return fmt.Errorf("partner %q: %s, and no sum", id, w)
		case !w.Equal(g):
			return fmt.Errorf("partner %q: %s, and %s", id, w, g)
		}
	}
	return nil
}

// total is the sum of s's values.
func (s sums) total() decimal.Decimal {
	var t decimal.Decimal
	for _, id := range slices.Sorted(maps.Keys(s)) {
		t = t.Add(s[id])
	}
	return t
}

// header is the first line of payout-run's generated file.
const header = "id,date,kind,partner_id,rep_id,amount,currency,motion,billing,authorised,event"

// generate writes the transactions file and the partner facts the
// sample plan reads with payout-run -mode generate -facts-out.
func generate(ctx context.Context, bin string, lines int64, txPath, factsPath string) error {
	f, err := os.Create(txPath)
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-mode", "generate", "-generate", strconv.FormatInt(lines, 10),
		"-generate-partners", strconv.Itoa(partners), "-from", from, "-until", until, "-facts-out", factsPath)
	cmd.Stdout, cmd.Stderr = f, &stderr
	err = cmd.Run()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("payout-run -mode generate: %w\n%s", err, stderr.Bytes())
	}
	return nil
}

// payoutRun runs the payout job on the file on workers goroutines, with
// the duplicate-ID check (checkIDs, as it runs by default) or with
// -allow-duplicate-ids. It returns the amount its control totals give for
// all lines, and fails unless they say that all lines were read and
// accepted.
func payoutRun(bin, txPath, factsPath string, workers int, checkIDs bool, lines int64) func(context.Context) (sums, decimal.Decimal, error) {
	return func(ctx context.Context) (sums, decimal.Decimal, error) {
		args := []string{"-tx", txPath, "-facts", factsPath, "-from", from, "-until", until, "-workers", strconv.Itoa(workers)}
		if !checkIDs {
			args = append(args, "-allow-duplicate-ids")
		}
		var stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		if err := cmd.Run(); err != nil {
			return nil, decimal.Decimal{}, fmt.Errorf("%w\n%s", err, stderr.Bytes())
		}
		total, err := controlTotal(stderr.String(), lines)
		return nil, total, err
	}
}

// inputLine is the summary's line about the input.
var inputLine = regexp.MustCompile(`^input .*: (\d+) transactions read, (\d+) accepted, (\d+) rejected$`)

// controlTotal reads the amount of all lines from payout-run's summary:
// the "all" row of the table under the input line (before the next empty
// line), which must say that all lines were read and accepted.
func controlTotal(summary string, lines int64) (decimal.Decimal, error) {
	input := false
	for line := range strings.Lines(summary) {
		line = strings.TrimRight(line, "\n")
		if m := inputLine.FindStringSubmatch(line); m != nil {
			want := strconv.FormatInt(lines, 10)
			if m[1] != want || m[2] != want || m[3] != "0" {
				return decimal.Decimal{}, fmt.Errorf("%s: want %s lines read and accepted", line, want)
			}
			input = true
			continue
		}
		if !input {
			continue
		}
		if line == "" {
			break // the input table ended without its all row
		}
		if f := strings.Fields(line); len(f) == 7 && f[0] == "all" && f[6] == "USD" {
			return decimal.NewFromString(f[5])
		}
	}
	return decimal.Decimal{}, fmt.Errorf("no input line, or no control total for all lines under it, in the summary:\n%s", summary)
}

// int64Sums is the plain Go program: a buffered reader, each line split
// on commas into exactly the header's 11 fields, the amount read as
// integer cents (1 to 15 digits and exactly two decimals; empty only for
// an event), summed per partner in a slice found through a map, with no
// allocation per line; a sum beyond ±(2⁶³−1) cents is refused. Any other
// line is an error.
func int64Sums(path string) (sums, decimal.Decimal, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, decimal.Decimal{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	if !sc.Scan() || sc.Text() != header {
		return nil, decimal.Decimal{}, fmt.Errorf("%s: the header is not %q", path, header)
	}
	idx := map[string]int{} // partner → its place in cents
	var cents []int64
	for n := 2; sc.Scan(); n++ {
		var fields [11][]byte
		rest, k := sc.Bytes(), 0
		for ; k < len(fields) && rest != nil; k++ {
			j := bytes.IndexByte(rest, ',')
			if j < 0 {
				fields[k], rest = rest, nil
			} else {
				fields[k], rest = rest[:j], rest[j+1:]
			}
		}
		if k != len(fields) || rest != nil {
			return nil, decimal.Decimal{}, fmt.Errorf("line %d: want the header's %d fields", n, len(fields))
		}
		amt := fields[5]
		if len(amt) == 0 && string(fields[2]) == "event" {
			continue
		}
		c, ok := centsOf(amt)
		if !ok {
			return nil, decimal.Decimal{}, fmt.Errorf("line %d: amount %q: want an optional minus, 1 to 15 digits, a point and two decimals", n, amt)
		}
		i, seen := idx[string(fields[3])] // a look-up makes no string
		if !seen {
			i = len(cents)
			idx[string(fields[3])] = i
			cents = append(cents, 0)
		}
		sum := cents[i] + c
		if (c > 0 && sum < cents[i]) || (c < 0 && sum > cents[i]) {
			return nil, decimal.Decimal{}, fmt.Errorf("line %d: partner %q: the sum overflows int64 cents", n, fields[3])
		}
		cents[i] = sum
	}
	if err := sc.Err(); err != nil {
		return nil, decimal.Decimal{}, err
	}
	s := make(sums, len(idx))
	for id, i := range idx {
		s[id] = decimal.New(cents[i], -2)
	}
	return s, s.total(), nil
}

// centsOf reads "-123.45" as −12345 cents: an optional minus, 1 to 15
// digits, a point and two digits; ok is false for anything else.
func centsOf(b []byte) (c int64, ok bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	n := len(b)
	if n < 4 || n > 18 || b[n-3] != '.' {
		return 0, false
	}
	for i, ch := range b {
		switch {
		case i == n-3:
		case ch >= '0' && ch <= '9':
			c = c*10 + int64(ch-'0')
		default:
			return 0, false
		}
	}
	if neg {
		c = -c
	}
	return c, true
}

// postgres loads the file into a temporary table with COPY (amount
// numeric) and sums per partner in SQL, on a new connection each run.
func postgres(dsn, path string) func(context.Context) (sums, decimal.Decimal, error) {
	return func(ctx context.Context) (sums, decimal.Decimal, error) {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return nil, decimal.Decimal{}, err
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(ctx, `CREATE TEMP TABLE peers_tx (id text, date date, kind text, partner_id text,
			rep_id text, amount numeric, currency text, motion text, billing text, authorised boolean, event text)`); err != nil {
			return nil, decimal.Decimal{}, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, decimal.Decimal{}, err
		}
		defer f.Close()
		if _, err := conn.PgConn().CopyFrom(ctx, f, "COPY peers_tx FROM STDIN (FORMAT csv, HEADER true)"); err != nil {
			return nil, decimal.Decimal{}, fmt.Errorf("COPY: %w", err)
		}
		rows, err := conn.Query(ctx, "SELECT partner_id, sum(amount)::text FROM peers_tx WHERE amount IS NOT NULL GROUP BY partner_id")
		if err != nil {
			return nil, decimal.Decimal{}, err
		}
		defer rows.Close()
		return scanSums(rows)
	}
}

// duckDB sums per partner in an in-memory DuckDB database on threads
// threads, reading the file with read_csv, the amount as DECIMAL(18,2)
// (exact: 16 digits before the point), every column's type given.
func duckDB(path string, threads int) func(context.Context) (sums, decimal.Decimal, error) {
	return func(ctx context.Context) (sums, decimal.Decimal, error) {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			return nil, decimal.Decimal{}, err
		}
		defer db.Close()
		conn, err := db.Conn(ctx) // one connection (threads is a database setting; the database is this run's)
		if err != nil {
			return nil, decimal.Decimal{}, err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SET threads = "+strconv.Itoa(threads)); err != nil {
			return nil, decimal.Decimal{}, err
		}
		rows, err := conn.QueryContext(ctx, `SELECT partner_id, sum(amount)::VARCHAR FROM read_csv(?, header = true, columns = {
			'id': 'VARCHAR', 'date': 'DATE', 'kind': 'VARCHAR', 'partner_id': 'VARCHAR', 'rep_id': 'VARCHAR',
			'amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'motion': 'VARCHAR', 'billing': 'VARCHAR',
			'authorised': 'BOOLEAN', 'event': 'VARCHAR'}) WHERE amount IS NOT NULL GROUP BY partner_id`, path)
		if err != nil {
			return nil, decimal.Decimal{}, err
		}
		defer rows.Close()
		return scanSums(rows)
	}
}

// scanner is the part of *sql.Rows and pgx.Rows that scanSums reads.
type scanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// scanSums reads rows of a partner ID and its sum as text.
func scanSums(rows scanner) (sums, decimal.Decimal, error) {
	s := sums{}
	for rows.Next() {
		var id, v string
		if err := rows.Scan(&id, &v); err != nil {
			return nil, decimal.Decimal{}, err
		}
		d, err := decimal.NewFromString(v)
		if err != nil {
			return nil, decimal.Decimal{}, fmt.Errorf("partner %q: sum %q: %w", id, v, err)
		}
		s[id] = d
	}
	if err := rows.Err(); err != nil {
		return nil, decimal.Decimal{}, err
	}
	return s, s.total(), nil
}

// decimalScript sums the amounts per partner with the csv module and
// decimal.Decimal (rounding and inexact results trapped: an error, never
// a rounded sum), and prints "partner sum" lines.
const decimalScript = `import csv, decimal, sys
from decimal import Decimal
ctx = decimal.getcontext()
ctx.prec = 60
ctx.traps[decimal.Inexact] = ctx.traps[decimal.Rounded] = True
sums = {}
with open(sys.argv[1], newline="") as f:
    r = csv.reader(f)
    h = next(r)
    p, a = h.index("partner_id"), h.index("amount")
    for row in r:
        if row[a]:
            sums[row[p]] = sums.get(row[p], Decimal(0)) + Decimal(row[a])
for k, v in sums.items():
    print(k, v)
`

// pandasScript sums the amounts per partner with pandas as one would for
// speed: read_csv's float64 column, turned into int64 cents by rounding —
// exact for amounts under 10 billion that are whole cents, which it
// checks (within 0.01 cent; an amount with more decimals than that sees
// would be rounded, and the other peers' sums would then disagree) —,
// summed by group once the largest possible sum is known to fit int64
// (numpy's sums wrap around silently). It prints "partner sum" lines.
const pandasScript = `import sys
import numpy as np
import pandas as pd
df = pd.read_csv(sys.argv[1], usecols=["partner_id", "amount"], dtype={"partner_id": str, "amount": "float64"})
df = df[df["amount"].notna()]
a = df["amount"].to_numpy()
if len(a) and np.abs(a).max() >= 1e10:
    sys.exit("an amount of 10 billion or more: beyond float64's exact cents here")
c = np.rint(a * 100)
if (np.abs(a * 100 - c) > 1e-2).any():
    sys.exit("an amount that is not a whole number of cents")
if len(c) and len(c) * int(np.abs(c).max()) >= 2**63:
    sys.exit("the sums could overflow int64 cents")
cents = pd.Series(c.astype("int64"), index=df.index)
for k, v in cents.groupby(df["partner_id"]).sum().items():
    print(k, "%s%d.%02d" % ("-" if v < 0 else "", abs(v) // 100, abs(v) % 100))
`

// pythonSums runs script on the file with python.
func pythonSums(python, script, path string) func(context.Context) (sums, decimal.Decimal, error) {
	return func(ctx context.Context) (sums, decimal.Decimal, error) {
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, python, "-c", script, path)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			return nil, decimal.Decimal{}, fmt.Errorf("%w\n%s", err, stderr.Bytes())
		}
		s := sums{}
		for line := range strings.Lines(stdout.String()) {
			id, v, ok := strings.Cut(strings.TrimSpace(line), " ")
			d, err := decimal.NewFromString(v)
			if !ok || err != nil {
				return nil, decimal.Decimal{}, fmt.Errorf("output line %q: want a partner and its sum", line)
			}
			if _, dup := s[id]; dup {
				return nil, decimal.Decimal{}, fmt.Errorf("output line %q: partner %q again", line, id)
			}
			s[id] = d
		}
		return s, s.total(), nil
	}
}

// report writes the table of timings.
func report(w io.Writer, peers []*peer, lines int64, runs int) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d lines, %d partners; runs per peer: %d, taking turns; seconds per run\n", lines, partners, runs)
	fmt.Fprintf(&b, "%-40s %8s %8s %8s %8s\n", "peer", "min", "median", "max", "ratio")
	base := median(peers[0].took)
	for _, p := range peers {
		if p.skip != "" {
			fmt.Fprintf(&b, "%-40s left out: %s\n", p.name, p.skip)
			continue
		}
		t := slices.Sorted(slices.Values(p.took))
		fmt.Fprintf(&b, "%-40s %8.3f %8.3f %8.3f %8.2f\n", p.name, t[0].Seconds(), median(t).Seconds(), t[len(t)-1].Seconds(),
			float64(median(t))/float64(base)) //lint:allow float a ratio of timings, not money
	}
	b.WriteString("ratio: the median over payout-run's on 1 goroutine without the duplicate check. The peers' partner sums agree, and so does every grand total, payout-run's control totals included.\n")
	_, err := w.Write(b.Bytes())
	return err
}

// median is the middle duration of d (the mean of the two middle ones
// for an even count).
func median(d []time.Duration) time.Duration {
	t := slices.Sorted(slices.Values(d))
	n := len(t)
	if n%2 == 1 {
		return t[n/2]
	}
	return (t[n/2-1] + t[n/2]) / 2
}
