// Command pgstore is a host that keeps deal registrations, sales, payout
// lines and its ledger in PostgreSQL, through database/sql with pgx's
// stdlib driver and the SDK's sql.Scanner / driver.Valuer methods (amounts
// as '1234.50 USD' text, enums as their names, the plan as canonical JSON
// keyed by its hash). schema.sql documents every table and column.
//
//	PGSTORE_DSN=postgres://user@127.0.0.1:5432/db go run ./pgstore
//	go run ./pgstore -dsn postgres://… -schema demo -registrations 500
//
// The demo (a fresh schema, dropped and created again) stores a plan and
// generated registrations and sales, then runs the period 2025-Q3:
//
//  1. a run that fails after writing its lines (an injected crash): the
//     transaction is rolled back and leaves nothing;
//  2. the retry: it reads the sales on won registrations, evaluates the
//     plan, and writes the run, its payout lines and the ledger's
//     settlement entries in ONE serializable transaction;
//  3. the same run again, twice at once: each finds the period booked,
//     checks that the recomputed result has the same hash and writes
//     nothing — no duplicated line;
//
// and checks that the lines read back from the database are those of a
// single-process evaluation of the same data without a database.
package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

//go:embed schema.sql plan.json
var files embed.FS

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "pgstore:", err)
		os.Exit(1)
	}
}

// maxRegistrations bounds -registrations before any work.
const maxRegistrations = 100000

func run(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("pgstore", flag.ContinueOnError)
	dsn := fs.String("dsn", os.Getenv("PGSTORE_DSN"), "PostgreSQL connection `URL` (default $PGSTORE_DSN)")
	schema := fs.String("schema", "pgstore_demo", "schema to drop and create for the demo")
	n := fs.Int("registrations", 60, "registrations to generate (one sale each)")
	seed := fs.Uint64("seed", 1, "seed of the generated data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsn == "" {
		return errors.New("no database: set -dsn or PGSTORE_DSN (.ci/run starts a PostgreSQL server on 127.0.0.1)")
	}
	if *n < 1 || *n > maxRegistrations {
		return fmt.Errorf("-registrations %d: must be between 1 and %d", *n, maxRegistrations)
	}
	db, err := Open(ctx, *dsn, *schema)
	if err != nil {
		return err
	}
	defer db.Close()
	plan, err := incentive.ParsePlan(must(files.ReadFile("plan.json")))
	if err != nil {
		return err
	}
	regs, txs := Generate(*seed, *n)
	if err := Seed(ctx, db, plan, regs, txs); err != nil {
		return err
	}
	period := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	fmt.Fprintf(w, "stored plan %s v%s (hash %.12s…), %d registrations, %d sales\n", plan.ID(), plan.Version(), plan.Hash(), len(regs), len(txs))

	_, err = RunPeriod(ctx, db, plan.Hash(), period, errInjected)
	fmt.Fprintf(w, "run 1 (crash after the lines): %v\n", err)
	if !errors.Is(err, errInjected) {
		return fmt.Errorf("run 1: want the injected failure, got %v", err)
	}
	c, err := Count(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  after the rollback: %s\n", c)
	if c != (Counts{}) {
		return errors.New("the failed run left rows behind")
	}
	out, err := RunPeriod(ctx, db, plan.Hash(), period, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "run 2: %s\n", out)
	booked, err := Count(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %s\n", booked)
	var wg sync.WaitGroup
	outs, errs := make([]Outcome, 2), make([]error, 2)
	for i := range 2 {
		wg.Go(func() { outs[i], errs[i] = RunPeriod(ctx, db, plan.Hash(), period, nil) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	fmt.Fprintf(w, "runs 3 and 4, at once: %s; %s\n", outs[0], outs[1])
	again, err := Count(ctx, db)
	if err != nil {
		return err
	}
	if again != booked || outs[0].Booked || outs[1].Booked {
		return fmt.Errorf("a retry wrote rows: %s, then %s", booked, again)
	}
	fmt.Fprintf(w, "  %s (unchanged)\n", again)

	// The database's lines against a single process without a database.
	lines, err := Lines(ctx, db, period.ID)
	if err != nil {
		return err
	}
	want, err := Reference(plan, period, regs, txs)
	if err != nil {
		return err
	}
	if !slices.Equal(lines, want) {
		return fmt.Errorf("lines in the database differ from the single-process run:\n%q\n%q", lines, want)
	}
	fmt.Fprintf(w, "payout lines of %s read back (identical to the single-process run):\n", period.ID)
	for _, l := range lines {
		fmt.Fprintf(w, "  %s\n", l)
	}
	return nil
}

var errInjected = errors.New("injected failure after writing the lines")

func must[T any](v T, err error) T {
	if err != nil {
		panic(err) // embedded files only
	}
	return v
}

var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Open connects to dsn, drops and creates schema, creates the tables of
// schema.sql in it, and returns a pool whose connections use it.
func Open(ctx context.Context, dsn, schema string) (*sql.DB, error) {
	if !schemaName.MatchString(schema) {
		return nil, fmt.Errorf("schema %q: want lower-case letters, digits and _", schema)
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.RuntimeParams["search_path"] = schema
	db := stdlib.OpenDB(*cfg)
	id := pgx.Identifier{schema}.Sanitize()
	ddl := "DROP SCHEMA IF EXISTS " + id + " CASCADE; CREATE SCHEMA " + id + ";\n" + string(must(files.ReadFile("schema.sql")))
	if _, err := db.ExecContext(ctx, ddl); err != nil {
		db.Close()
		return nil, fmt.Errorf("creating schema %s: %w", schema, err)
	}
	return db, nil
}

// Registration is a stored deal registration.
type Registration struct {
	ID, PartnerID, Customer string
	State                   dealreg.State
	DealSize                money.Amount
}

// Sale is a stored sale on a registration.
type Sale struct {
	Registration string
	Tx           incentive.Transaction
}

// Generate makes n registrations of 8 partners, each with one sale in
// 2025: about two in three won (the others lost or still approved), about
// one in eight dated outside Q3, amounts of 1,000.00 to 99,999.99 USD.
func Generate(seed uint64, n int) ([]Registration, []Sale) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	states := []dealreg.State{dealreg.Won, dealreg.Won, dealreg.Lost, dealreg.Approved, dealreg.Won, dealreg.Won}
	var regs []Registration
	var sales []Sale
	for i := range n {
		partner := fmt.Sprintf("p%02d", r.IntN(8)+1)
		amount := money.FromMinor(100000+r.Int64N(9900000), money.MustCurrency("USD"))
		reg := Registration{ID: fmt.Sprintf("r%05d", i+1), PartnerID: partner, Customer: fmt.Sprintf("customer-%d", r.IntN(1000)),
			State: states[r.IntN(len(states))], DealSize: amount}
		month := time.Month(7 + r.IntN(3))
		if r.IntN(8) == 0 {
			month = time.Month(4 + r.IntN(3)) // Q2: outside the period
		}
		day := 1 + r.IntN(28)
		regs = append(regs, reg)
		sales = append(sales, Sale{Registration: reg.ID, Tx: incentive.Transaction{ID: fmt.Sprintf("s%05d", i+1),
			Date: time.Date(2025, month, day, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale, PartnerID: partner, Amount: amount}})
	}
	return regs, sales
}

// Seed stores the plan, the registrations and the sales in one transaction.
func Seed(ctx context.Context, db *sql.DB, plan incentive.Plan, regs []Registration, sales []Sale) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans (hash, id, version, doc) VALUES ($1, $2, $3, $4)`,
			plan.Hash(), plan.ID(), plan.Version(), plan); err != nil {
			return err
		}
		for _, g := range regs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO registrations (id, partner_id, customer, state, deal_size) VALUES ($1, $2, $3, $4, $5)`,
				g.ID, g.PartnerID, g.Customer, g.State, g.DealSize); err != nil {
				return err
			}
		}
		for _, s := range sales {
			t := s.Tx
			if _, err := tx.ExecContext(ctx, `INSERT INTO transactions (id, registration_id, partner_id, date, kind, amount) VALUES ($1, $2, $3, $4, $5, $6)`,
				t.ID, s.Registration, t.PartnerID, t.Date, t.Kind, t.Amount); err != nil {
				return err
			}
		}
		return nil
	})
}

// Outcome says what a run did.
type Outcome struct {
	Booked bool // false: the period was already booked with the same result
	Lines  int
	Total  money.Amount
	Result string // hash of the result
}

func (o Outcome) String() string {
	if !o.Booked {
		return fmt.Sprintf("already booked with the same result (%.12s…), nothing written", o.Result)
	}
	return fmt.Sprintf("booked %d lines, total %s (result %.12s…)", o.Lines, o.Total, o.Result)
}

// ErrChanged reports a period already booked with a different result: the
// data or the plan changed since, a case for a correction run, never for
// rewriting booked lines.
var ErrChanged = errors.New("period already booked with a different result")

// RunPeriod evaluates the plan with the given hash over period on the sales
// of won registrations stored in db, and books the run, its lines and the
// ledger's settlement entries in one serializable transaction. A period
// already booked is checked (same result hash) and left alone. fail, if
// not nil, is returned after the lines are written (to show the rollback).
// A serialization failure (two runs at once) is retried.
func RunPeriod(ctx context.Context, db *sql.DB, planHash string, period incentive.Period, fail error) (Outcome, error) {
	for attempt := 0; ; attempt++ {
		var out Outcome
		err := inTx(ctx, db, func(tx *sql.Tx) (err error) {
			out, err = runPeriod(ctx, tx, planHash, period, fail)
			return err
		})
		var pe *pgconn.PgError
		if errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01") && attempt < 10 {
			continue // serialization failure or deadlock: run again
		}
		return out, err
	}
}

func runPeriod(ctx context.Context, tx *sql.Tx, planHash string, period incentive.Period, fail error) (Outcome, error) {
	var plan incentive.Plan
	if err := tx.QueryRowContext(ctx, `SELECT doc FROM plans WHERE hash = $1`, planHash).Scan(&plan); err != nil {
		return Outcome{}, fmt.Errorf("plan %.12s…: %w", planHash, err)
	}
	if plan.Hash() != planHash {
		return Outcome{}, fmt.Errorf("plan %.12s…: the stored document hashes to %.12s…", planHash, plan.Hash())
	}
	rows, err := tx.QueryContext(ctx, `SELECT t.id, t.partner_id, t.date, t.kind, t.amount
		FROM transactions t JOIN registrations r ON r.id = t.registration_id
		WHERE r.state = $1 AND t.date >= $2 AND t.date < $3 ORDER BY t.id`, dealreg.Won, period.Start, period.End)
	if err != nil {
		return Outcome{}, err
	}
	var txs []incentive.Transaction
	for rows.Next() {
		var t incentive.Transaction
		if err := rows.Scan(&t.ID, &t.PartnerID, &t.Date, &t.Kind, &t.Amount); err != nil {
			rows.Close()
			return Outcome{}, err
		}
		txs = append(txs, t)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return Outcome{}, err
	}
	res, err := incentive.Evaluate(plan, period, nil, slices.Values(txs))
	if err != nil {
		return Outcome{}, err
	}
	js, err := res.MarshalJSON()
	if err != nil {
		return Outcome{}, err
	}
	sum := sha256.Sum256(js)
	out := Outcome{Booked: true, Lines: len(res.Lines), Total: money.New(res.Total(), res.Currency), Result: hex.EncodeToString(sum[:])}

	ins, err := tx.ExecContext(ctx, `INSERT INTO payout_runs (period_id, plan_hash, result_hash, lines, total)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (period_id) DO NOTHING`, period.ID, planHash, out.Result, out.Lines, out.Total)
	if err != nil {
		return Outcome{}, err
	}
	if n, err := ins.RowsAffected(); err != nil {
		return Outcome{}, err
	} else if n == 0 {
		var stored string
		if err := tx.QueryRowContext(ctx, `SELECT result_hash FROM payout_runs WHERE period_id = $1`, period.ID).Scan(&stored); err != nil {
			return Outcome{}, err
		}
		if stored != out.Result {
			return Outcome{}, fmt.Errorf("%s: %w (stored %.12s…, now %.12s…)", period.ID, ErrChanged, stored, out.Result)
		}
		out.Booked = false
		return out, nil
	}
	for _, l := range res.Lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO payout_lines (period_id, recipient_kind, recipient_id, component, version, measure, amount, trace)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, period.ID, l.Recipient().Kind, l.Recipient().ID, l.Component(), l.Version(),
			l.Measure(), money.New(l.Amount(), res.Currency), l.Trace().Sentence()); err != nil {
			return Outcome{}, err
		}
	}
	if fail != nil {
		return Outcome{}, fail
	}
	ledger, err := loadLedger(ctx, tx)
	if err != nil {
		return Outcome{}, err
	}
	next, entries, err := ledger.Settle(period.ID, res)
	if err != nil {
		return Outcome{}, err
	}
	for i, run := range next.Runs()[len(ledger.Runs()):] {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_runs (seq, run) VALUES ($1, $2)`, len(ledger.Runs())+i, run); err != nil {
			return Outcome{}, err
		}
	}
	for i, e := range entries {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_entries (seq, kind, run, window_id, recipient_kind, recipient_id, component, amount, target, measure)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, len(ledger.Entries())+i, e.Kind, e.Run, e.Window, e.Recipient.Kind, e.Recipient.ID,
			e.Component, e.Amount, e.Target, e.Measure); err != nil {
			return Outcome{}, err
		}
	}
	return out, nil
}

// loadLedger rebuilds the incentive.Ledger from its rows (through its
// JSON form, so ParseLedger checks the journal).
func loadLedger(ctx context.Context, tx *sql.Tx) (incentive.Ledger, error) {
	var doc struct {
		Runs    []string          `json:"runs"`
		Entries []incentive.Entry `json:"entries"`
	}
	doc.Runs, doc.Entries = []string{}, []incentive.Entry{}
	rows, err := tx.QueryContext(ctx, `SELECT run FROM ledger_runs ORDER BY seq`)
	if err != nil {
		return incentive.Ledger{}, err
	}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return incentive.Ledger{}, err
		}
		doc.Runs = append(doc.Runs, r)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return incentive.Ledger{}, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT kind, run, window_id, recipient_kind, recipient_id, component, amount, target, measure
		FROM ledger_entries ORDER BY seq`)
	if err != nil {
		return incentive.Ledger{}, err
	}
	for rows.Next() {
		var e incentive.Entry
		if err := rows.Scan(&e.Kind, &e.Run, &e.Window, &e.Recipient.Kind, &e.Recipient.ID, &e.Component, &e.Amount, &e.Target, &e.Measure); err != nil {
			rows.Close()
			return incentive.Ledger{}, err
		}
		doc.Entries = append(doc.Entries, e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return incentive.Ledger{}, err
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return incentive.Ledger{}, err
	}
	return incentive.ParseLedger(data)
}

func inTx(ctx context.Context, db *sql.DB, f func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// Counts are the rows a run writes.
type Counts struct{ Runs, Lines, LedgerEntries int }

func (c Counts) String() string {
	return fmt.Sprintf("%d runs, %d payout lines, %d ledger entries in the database", c.Runs, c.Lines, c.LedgerEntries)
}

// Count counts the rows a run writes.
func Count(ctx context.Context, db *sql.DB) (Counts, error) {
	var c Counts
	err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM payout_runs), (SELECT count(*) FROM payout_lines),
		(SELECT count(*) FROM ledger_entries)`).Scan(&c.Runs, &c.Lines, &c.LedgerEntries)
	return c, err
}

// Lines reads a period's payout lines back, one text each:
// "recipient component version amount".
func Lines(ctx context.Context, db *sql.DB, period string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT recipient_kind, recipient_id, component, version, measure, amount FROM payout_lines
		WHERE period_id = $1 ORDER BY recipient_id, recipient_kind, component, version`, period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var rec incentive.Recipient
		var comp, version string
		var measure decimal.Decimal
		var amount money.Amount
		if err := rows.Scan(&rec.Kind, &rec.ID, &comp, &version, &measure, &amount); err != nil {
			return nil, err
		}
		out = append(out, lineText(rec, comp, version, measure, amount))
	}
	return out, rows.Err()
}

func lineText(rec incentive.Recipient, comp, version string, measure decimal.Decimal, amount money.Amount) string {
	return fmt.Sprintf("%-14s %s v%s measure %s → %s", rec, comp, version, measure.String(), amount)
}

// Reference evaluates the same data in one process, without a database:
// the sales of won registrations, dated in the period.
func Reference(plan incentive.Plan, period incentive.Period, regs []Registration, sales []Sale) ([]string, error) {
	won := map[string]bool{}
	for _, g := range regs {
		won[g.ID] = g.State == dealreg.Won
	}
	var txs []incentive.Transaction
	for _, s := range sales {
		if won[s.Registration] && period.Contains(s.Tx.Date) {
			txs = append(txs, s.Tx)
		}
	}
	res, err := incentive.Evaluate(plan, period, nil, slices.Values(txs))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range res.Lines {
		out = append(out, lineText(l.Recipient(), l.Component(), l.Version(), l.Measure(), money.New(l.Amount(), res.Currency)))
	}
	return out, nil
}
