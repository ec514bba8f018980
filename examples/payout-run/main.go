// Command payout-run is a finance team's payout job in miniature: it
// evaluates an incentive plan over one period for a file of transactions,
// streaming (memory bounded by the recipients, not the lines), and writes
// one row per payout line — and, with a ledger, per settlement and
// clawback booked — to stdout, with control totals on stderr. With no
// arguments it runs on an embedded sample (four components, four partners,
// 28 transactions, a ledger in which 2025-Q2 was settled):
//
//	go run ./examples/payout-run
//	go run ./examples/payout-run -plan plan.json -facts facts.csv -tx q3.csv \
//	    -from 2025-07-01 -until 2025-10-01 -ledger-in ledger.json -ledger-out ledger-q3.json \
//	    -rejects rejects.csv > payout-q3.csv
//
// # Input
//
// The plan is incentive JSON, decoded strictly (incentive.ParsePlan). The
// transactions (-tx FILE, "-" for stdin) are CSV, read by
// incentive.ReadTransactionsCSV (a header naming its columns with the
// member names of incentive.Transaction's JSON form: id, date, kind and
// partner_id required; amounts without a currency are in the plan's), or
// JSON Lines (-tx-format jsonl, the default for a file ending in .jsonl),
// read by incentive.ReadTransactionsJSONL. The facts CSV
// (recipient,fact,name,value) gives the recipient facts some components
// need. The period is [-from, -until): its ID (-period) and the label the
// trace sentences use (-label) are derived from the dates unless given:
// 2025-07-01 to 2025-10-01 is "2025-Q3", "Q3 2025"; a calendar month
// "2025-07", "July 2025"; a calendar year "2025"; other ranges
// "2025-07-15..2025-08-14" (the last day included). -from and -until are
// required with -tx.
//
// # Before the plan pays: lint and simulate
//
// -mode lint checks the plan without transactions (incentive/analysis):
// retroactive cliffs whose jump is at least -cliff-jump, tiers and
// accelerators a cap makes unreachable, negative marginal rates, gaps
// between versions, and the most the plan can pay per partner, per rep and
// in total; it exits 1 on a critical finding. -mode simulate draws a
// population of partners (-population FILE, an analysis.PopulationSpec;
// default: 200 partners uniform on [0, 400,000] for the sample plan's
// volume rebate) and prints the programme cost's mean, P50, P90 and P99,
// the share of partners per tier and the marginal payout: the same seed
// gives the same output with any -workers.
//
// # Rejected and skipped lines
//
// A line is rejected when the decoder cannot read it, when the engine
// refuses it (a sign against its kind, another currency), when its
// transaction ID was used by an earlier accepted line (unless
// -allow-duplicate-ids; the reason names the line the ID was first used
// on), and when it corrects a period the ledger never settled. Every rejected
// line goes, with its line number, the reason and its original text, to
// the reject file (-rejects FILE: CSV with the columns line, reason,
// text). A run with a rejected line writes no payout and no ledger and
// exits with status 1, unless -allow-rejects: a run that exits 0 is
// right. A bad header, more than 10,000 undecodable lines or a read error
// stop the run whatever -allow-rejects says.
//
// A transaction dated outside the period is skipped (not evaluated); the
// summary lists the first 20 skipped lines with the reason and counts all
// of them, and -skipped FILE writes every one (line, id, date, reason).
// The period is a span of UTC days: a JSON Lines date given as an instant
// is listed by its UTC day, the reason saying the instant as given
// ("2025-10-01: dated after the period, which ends 2025-09-30 (the line
// says 2025-09-30T23:59:59-05:00)").
//
// # Ledger: true-ups and clawbacks
//
// With -ledger-in FILE and/or -ledger-out FILE (an incentive ledger
// document, as incentive.ParseLedger reads it), the run settles the
// period in run -run (default: the period ID) through incentive.Ledger:
// re-running a period pays only the difference to what was settled
// before (a true-up, tagged with the period it corrects), and a credit
// note or return whose corrects column names an earlier settled period is
// clawed back from that period at the rate paid (Ledger.Clawback) instead
// of being evaluated, whatever its date: a return dated in an earlier
// period that arrives late is clawed back by the run that reads it. Each
// correction must therefore be read by one run only (a file read by two
// runs would claw it back twice); the summary marks a correction dated
// outside the period. The ledger after the run is written to -ledger-out
// (which may be the -ledger-in file: it is replaced atomically). The
// correction rows are held until the end of the input: memory grows with
// them, not with the other lines.
//
// # Programmes: draws and behaviour rewards
//
// -draws FILE is a JSON array of draw documents (each read by
// incentive.ParseDraw, in the plan's currency, a recipient's draw ID once;
// at most 10,000 draws and 16 MB; an error names the file and the draw's
// JSON Pointer, "/1/kind"). After the period's settlement and clawbacks
// are booked, each draw is booked for the period's window in the run
// (Ledger.Draw: the recipient's earnings in the window are what the
// ledger settled for it, and the draw tops them up, recovers or forgives
// by its terms); -end-draws then ends each (Ledger.EndDraw: the balance
// left is forgiven). A draw kept nowhere would be drawn again next run, so
// -draws needs -ledger-out. Each booking's sentence is printed in the
// summary and written as the trace of its rows.
//
// -behaviour FILE is a behaviour-rewards programme (incentive.ParseBehaviour,
// in the plan's currency): the input's qualifying events (kind event)
// are evaluated by it as well as by the plan, in the same single pass and
// without holding them (Behaviour.Evaluate reads an iterator, resumed as
// a coroutine once per event; its memory is a count per recipient ×
// reward × day; measured on 1 million generated lines, 200,000 of them
// events of a points reward: about 0.25 s more CPU, the same 12 MB of
// resident memory; 2026-12-02, a loaded 2-core machine). An event the
// programme refuses (a rep reward's event
// without rep_id) is a rejected line. Its lines are rows of kind line with
// the programme's ID, version and hash in the plan columns, the event name
// as the component and the events counted as the measure; the summary
// gives its events, lines and totals by event. Behaviour rewards are not
// booked in the ledger (it settles a plan's result). With -behaviour one
// goroutine reads (-workers is ignored): the evaluation has no merge.
//
// # Output
//
// -format csv (the default) or jsonl, to stdout or -out FILE. Every row
// carries the period, its label, the run, the plan ID, version and hash,
// then kind (line: a payout line of the period, with its trace sentence;
// settlement: what the ledger pays in this run for a window; clawback:
// what it recovers; with -draws, draw: what a draw pays above the
// window's earnings, draw-recovery: what is recovered from them,
// draw-forgiveness and draw-end: what is forgiven), window, recipient,
// component (for a draw row, the draw's ID), component version, measure
// (for a draw row, the window's earnings), amount and currency. A draw
// row's amount is its change to the draw balance. With a ledger the
// amount to pay in this run is the sum of the settlement, clawback, draw
// and draw-recovery rows (the summary says it); draw-forgiveness and
// draw-end rows change only the draw balance.
// JSON Lines rows have the same members (snake_case) and, on lines, the
// full trace as "detail".
//
// Every CSV cell this program writes (output, reject and skipped files)
// goes through internal/csvsafe: a cell that is not a plain decimal
// number and starts with "=", "+", "-" or "@" is written as text with a
// leading single quote, in double quotes, so that no spreadsheet runs it
// as a formula; control and bidirectional-formatting characters are shown
// as \uXXXX. Negative amounts stay numbers.
//
// # Summary and progress
//
// The summary goes to stderr, never to the output: the plan and period,
// control totals by input kind (lines and amount per currency; how many
// were evaluated, outside the period, corrections), rejected and skipped
// lines, payout lines and totals per component, the ledger entries booked.
// On a terminal, stderr also shows the lines read so far while the input
// is long; it is silent when stderr is a file or a pipe.
//
// # Memory and self-check
//
// Transactions stream from the decoder into an incentive.Accumulator,
// which holds one measure per recipient × component. The duplicate-ID
// check keeps a 128-bit hash and the line number of each accepted line's
// ID, 24 bytes each, in memory up to -id-buffer IDs (default 1,048,576:
// 24 MB, shared among the reading goroutines), then in sorted runs in
// temporary files (-tmpdir, default the
// system's; removed at exit, unlinked at once where the system allows),
// merged at the end of the input. Only if two lines share a hash is the
// input read a second time, comparing the real IDs of those lines (so a
// hash collision cannot reject a line) and rejecting each reuse: that
// second reading is the run. The input must therefore be readable twice:
// a regular file is opened again, and stdin (or a named pipe, /dev/fd/N or
// another file that is not regular) is copied to a temporary file while it
// is read (disk space of the input; not with -allow-duplicate-ids, for a
// source that guarantees unique IDs). Memory stays bounded by the
// recipients and the buffer, not the lines (plus about 60 bytes per line
// whose ID another line shares, in the second reading). To measure it on
// generated data (-generate N lines over -generate-partners P partners
// with five reps each, for the embedded plan, produced on the fly):
//
//	go build -o /tmp/payout-run ./examples/payout-run
//	/usr/bin/time -v /tmp/payout-run -generate 10000000 > /dev/null
//
// and read "Maximum resident set size". Measured so (1,000 partners, 5,000
// reps; 2026-12-04, a 2-core machine): 10 million lines, 45 MB with the
// duplicate check on two goroutines, 42 MB on one (2026-12-02, 1 million:
// 54 MB; with -id-buffer 100000, 14 MB), 31 MB with -allow-duplicate-ids
// on two goroutines, 25 MB on one — bounded by the recipients, the buffer
// and the goroutines' blocks, not the lines (the in-memory check before
// this one took 337 MB at 10 million); with 10,000 partners, in the same
// order: 55, 55, 37 and 33 MB, the payout lines kept compact; with
// 100,000 partners and 1 million lines: 170, 134, 149 and 160 MB; about
// 0.2 µs of CPU per line with -allow-duplicate-ids (10 million lines on
// one goroutine, 2.2 s), most of it in the CSV decoder. The collector's
// target (GOGC) is 25 % with the duplicate check; without it, the growth
// of 16 MB past the live heap (at most 400 %) while the live heap is under
// 16 MB, 100 % up to 64 MB and 25 % above; the CSV output rows are
// written at the growth of 16 MB at least; see collector.
//
// # Parallel reading
//
// -workers N goroutines read the transactions (default 2): they take
// turns reading the input's next block of whole lines (about 512 KB)
// straight into their own buffer, reused from block to block, and each
// decodes its block into its own accumulator and control totals while
// another reads; the totals merge exactly at the end; the lines the run rejects,
// skips or holds as corrections are handled in line order. The output,
// the reject and skipped files and the summary are byte for byte those of
// -workers 1. The output rows of the payout lines are written on up to
// -workers goroutines too, in ranges of at least 256 lines put back in
// order. In the duplicate-ID check's first pass each goroutine records
// the hashed IDs of its lines in its share of -id-buffer, and the shares
// are merged at the end (the check does not depend on the order); its
// second pass, needed only when two lines share a hash, compares IDs in
// line order on one goroutine. With -behaviour, whose evaluation has no
// merge, one goroutine reads. Blocks are cut where the
// decoder ends a record (a quoted field may span lines); from a header
// with quotes, or a line or record over 32 KB, the rest is read in order.
// BenchmarkPayoutRun compares the program on one and two goroutines with
// a plain int64 program reading the same file. -mode generate writes the
// generated transactions as CSV to stdout instead of evaluating them, so
// that other tools can be measured on the same file (examples/ext/peers
// does so with a plain int64 Go program, DuckDB, PostgreSQL, pandas and
// Python's decimal module); -facts-out writes the partner facts the
// sample plan needs beside it:
//
//	/tmp/payout-run -mode generate -generate 1000000 -facts-out facts.csv > tx.csv
//	/tmp/payout-run -tx tx.csv -facts facts.csv -from 2025-07-01 -until 2025-10-01
//
// -self-check also evaluates the
// input on -shards N accumulators split by partner, combines their
// partial results through JSON (as between machines) and checks that the
// result is byte for byte the single pass's.
//
// Invalid input other than transaction lines (the plan, facts, ledger,
// flags) stops the run with exit status 1 (2 for a flag error) and a
// message naming the file and the line or JSON Pointer.
package main

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
)

//go:embed testdata/plan.json testdata/transactions.csv testdata/facts.csv testdata/ledger-q2.json
var sample embed.FS

// maxShards bounds -shards: each shard is an accumulator, so an unbounded
// count would exhaust memory before any work.
const maxShards = 256

// errUsage marks a command-line error (exit status 2).
var errUsage = errors.New("usage")

func main() {
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, terminal: isTerminal(os.Stderr)}
	if os.Getenv("GOGC") == "" { // a GOGC the user sets stays
		e.gcPercent, e.heapLive = func(p int) { debug.SetGCPercent(p) }, heapLive
	}
	err := run(os.Args[1:], e)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, "payout-run:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "payout-run:", err)
		os.Exit(1)
	}
}

// env is the program's environment: its standard streams and whether
// stderr is a terminal (for the progress line).
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	terminal       bool
	// blocks, when set (tests), sets the parallel reader's block size and
	// receives the number of blocks it dealt out.
	blocks *parallelBlocks
	// general, when set (tests), reads every line through the decoder
	// and Accumulator.Add, never Accumulator.AddCSV: the reference the
	// tests compare the fast reading with.
	general bool
	// gcPercent and heapLive, when set (the process, unless GOGC is set;
	// not tests), set the collector's target heap growth and read the
	// live heap: see collector.
	gcPercent func(int)
	heapLive  func() uint64
}

// options are the command-line flags.
type options struct {
	planPath, factsPath, txPath, txFormat  string
	from, until, periodID, label, runID    string
	format, outPath, rejectsPath, skipPath string
	ledgerIn, ledgerOut                    string
	allowRejects, allowDupIDs, selfCheck   bool
	tmpDir                                 string
	idBuffer                               int
	shards                                 int
	generate, partners                     int64
	factsOut                               string
	mode, cliffJump, populationPath        string
	workers                                int
	drawsPath, behaviourPath               string
	endDraws                               bool

	// Loaded by run from -draws and -behaviour (zero: none).
	draws     []incentive.Draw
	behaviour incentive.Behaviour
}

// demoFrom and demoUntil are the period of the embedded sample and of
// generated data.
const demoFrom, demoUntil = "2025-07-01", "2025-10-01"

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("payout-run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.planPath, "plan", "", "incentive plan JSON `file` (default: embedded sample)")
	fs.StringVar(&o.factsPath, "facts", "", "recipient facts CSV `file` (default: the sample's with the sample plan, none otherwise; \"-\": none)")
	fs.StringVar(&o.txPath, "tx", "", "transactions `file` (\"-\": stdin; default: embedded sample)")
	fs.StringVar(&o.txFormat, "tx-format", "", "transactions format: csv or jsonl (default: jsonl for a .jsonl file, else csv)")
	fs.StringVar(&o.from, "from", "", "first day of the period, YYYY-MM-DD (required with -tx)")
	fs.StringVar(&o.until, "until", "", "first day after the period, YYYY-MM-DD (required with -tx)")
	fs.StringVar(&o.periodID, "period", "", "period `ID` (default: derived from the dates, e.g. 2025-Q3)")
	fs.StringVar(&o.label, "label", "", "period label in trace sentences (default: derived from the dates, e.g. \"Q3 2025\")")
	fs.StringVar(&o.runID, "run", "", "ledger run the entries are booked in (default: the period ID)")
	fs.StringVar(&o.format, "format", "csv", "output format: csv or jsonl")
	fs.StringVar(&o.outPath, "out", "", "output `file` (default: stdout)")
	fs.StringVar(&o.rejectsPath, "rejects", "", "write rejected lines (line, reason, text) as CSV to `file`")
	fs.StringVar(&o.skipPath, "skipped", "", "write skipped lines (line, id, date, reason) as CSV to `file`")
	fs.BoolVar(&o.allowRejects, "allow-rejects", false, "pay the accepted lines even if some are rejected (exit status 0)")
	fs.BoolVar(&o.allowDupIDs, "allow-duplicate-ids", false, "do not reject a transaction ID used twice (no duplicate-ID check: no temporary files, stdin read once)")
	fs.StringVar(&o.tmpDir, "tmpdir", "", "`directory` of the duplicate-ID check's temporary files (default: the system's)")
	fs.IntVar(&o.idBuffer, "id-buffer", defaultIDBuffer, "transaction IDs the duplicate-ID check holds in memory (24 bytes each) before it spills them to a temporary file (shared among the -workers goroutines; a rest of the input read in order — after a header with quotes or a record over 32 KB — holds one more share; at most 100000000)")
	fs.StringVar(&o.ledgerIn, "ledger-in", "", "ledger JSON `file` of earlier runs (default: empty; the sample's with the sample data)")
	fs.StringVar(&o.ledgerOut, "ledger-out", "", "write the ledger after this run to `file`")
	fs.BoolVar(&o.selfCheck, "self-check", false, "also evaluate on -shards accumulators split by partner and compare")
	fs.IntVar(&o.shards, "shards", 4, "number of shards of -self-check (1 to 256)")
	fs.Int64Var(&o.generate, "generate", 0, "evaluate `N` generated transaction lines instead of -tx (for memory and speed measurements)")
	fs.Int64Var(&o.partners, "generate-partners", 1000, "partners of -generate (five reps each)")
	fs.StringVar(&o.factsOut, "facts-out", "", "generate: also write the facts the generated partners need (their csat) as a -facts `file`")
	fs.StringVar(&o.mode, "mode", "pay", "pay (evaluate and settle the period), lint (check the plan, exit 1 on a critical finding), simulate (a seeded population simulation) or generate (write the -generate N transactions as CSV to stdout, evaluating nothing: the same input for other tools)")
	fs.StringVar(&o.cliffJump, "cliff-jump", "1000", "lint: report retroactive cliffs whose payout jump is at least this `amount` of the plan currency")
	fs.StringVar(&o.populationPath, "population", "", "simulate: population JSON `file` (incentive/analysis PopulationSpec; default: a demo on the sample plan's volume rebate)")
	fs.StringVar(&o.drawsPath, "draws", "", "draws JSON `file`: an array of draw documents, booked for the period after its settlement (needs -ledger-out)")
	fs.BoolVar(&o.endDraws, "end-draws", false, "also end every draw of -draws in the period (its balance is forgiven)")
	fs.StringVar(&o.behaviourPath, "behaviour", "", "behaviour-rewards JSON `file`: also evaluate the qualifying events (kind event) by it (one reading goroutine)")
	fs.IntVar(&o.workers, "workers", 2, "goroutines of simulate, of pay's reading (but the duplicate check's second pass, when needed) and of its output rows (the result does not depend on it)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		return o, fmt.Errorf("%w: %w", errUsage, err)
	}
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if fs.NArg() > 0 {
		bad("unexpected arguments %q (see -h)", fs.Args())
	}
	if o.mode != "pay" && o.mode != "lint" && o.mode != "simulate" && o.mode != "generate" {
		bad("-mode %q: must be pay, lint, simulate or generate", o.mode)
	}
	if o.mode == "generate" {
		if o.generate < 1 {
			bad("-mode generate needs -generate N, the number of lines to write (N ≥ 1)")
		}
		// Its input: the lines, the partners, the period and the plan's
		// currency; a flag for anything else would be silently ignored.
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "mode", "generate", "generate-partners", "from", "until", "plan", "facts-out":
			default:
				bad("-%s does not apply to -mode generate, which writes the generated transactions as CSV to stdout (and their facts to -facts-out)", f.Name)
			}
		})
	} else if o.factsOut != "" {
		bad("-facts-out goes with -mode generate")
	}
	if o.workers < 1 || o.workers > maxShards {
		bad("-workers %d: must be between 1 and %d", o.workers, maxShards)
	}
	if o.format != "csv" && o.format != "jsonl" {
		bad("-format %q: must be csv or jsonl", o.format)
	}
	if o.txFormat == "" {
		o.txFormat = "csv"
		if strings.HasSuffix(o.txPath, ".jsonl") {
			o.txFormat = "jsonl"
		}
	}
	if o.txFormat != "csv" && o.txFormat != "jsonl" {
		bad("-tx-format %q: must be csv or jsonl", o.txFormat)
	}
	if o.idBuffer < 1 || o.idBuffer > maxIDBuffer {
		bad("-id-buffer %d: must be between 1 and %d (2.4 GB)", o.idBuffer, maxIDBuffer)
	}
	if o.selfCheck && (o.shards < 1 || o.shards > maxShards) {
		bad("-shards %d: must be between 1 and %d", o.shards, maxShards)
	}
	if o.generate < 0 || o.partners < 1 || o.partners > 1_000_000 {
		bad("-generate %d -generate-partners %d: need N ≥ 0 and 1 ≤ P ≤ 1000000", o.generate, o.partners)
	}
	if o.generate > 0 && o.txPath != "" {
		bad("-generate and -tx exclude each other")
	}
	switch {
	case (o.from == "") != (o.until == ""):
		bad("-from and -until go together")
	case o.from == "" && o.txPath != "":
		bad("-tx needs the period: -from and -until")
	case o.from == "":
		o.from, o.until = demoFrom, demoUntil
	}
	if o.drawsPath != "" && o.ledgerOut == "" {
		bad("-draws needs -ledger-out: a draw is booked in the ledger after the period's settlement, and a draw not kept would be drawn again")
	}
	if o.endDraws && o.drawsPath == "" {
		bad("-end-draws needs -draws")
	}
	if len(errs) > 0 {
		return o, fmt.Errorf("%w: %w", errUsage, errors.Join(errs...))
	}
	return o, nil
}

// demo reports whether the run uses the embedded sample transactions.
func (o options) demo() bool { return o.txPath == "" && o.generate == 0 }

func run(args []string, e env) error {
	o, err := parseFlags(args, e.stderr)
	if err != nil {
		return err
	}
	gc := collector{set: e.gcPercent, live: e.heapLive}
	gc.start(o)
	period, err := makePeriod(o)
	if err != nil {
		return err
	}
	if o.runID == "" {
		o.runID = period.ID
	}
	name, data, err := load(o.planPath, "testdata/plan.json")
	if err != nil {
		return err
	}
	plan, err := incentive.ParsePlan(data)
	if err != nil {
		return fmt.Errorf("plan %s: %w", name, err)
	}
	switch o.mode {
	case "lint":
		return lint(plan, o, e.stdout)
	case "simulate":
		return simulate(plan, o, e.stdout)
	case "generate":
		if o.factsOut != "" {
			if err := writeAtomic(o.factsOut, generatedFactsCSV(o.partners)); err != nil {
				return fmt.Errorf("-facts-out: %w", err)
			}
		}
		_, err := io.Copy(e.stdout, newGenerator(o.generate, o.partners, period, plan.Currency()))
		return err
	}
	facts, err := loadFacts(o)
	if err != nil {
		return err
	}
	ledger, useLedger, err := loadLedger(o)
	if err != nil {
		return err
	}
	if o.drawsPath != "" {
		if o.draws, err = loadDraws(o.drawsPath, plan); err != nil {
			return err
		}
	}
	if o.behaviourPath != "" {
		if o.behaviour, err = loadBehaviour(o.behaviourPath, plan); err != nil {
			return err
		}
	}
	j, err := newJob(plan, period, o, ledger, useLedger)
	if err != nil {
		return err
	}
	defer func() { j.close() }() // j may be the duplicate check's second pass
	j.blocks, j.general = e.blocks, e.general

	src, srcName, size, closeSrc, err := openSource(o, plan, period, e.stdin)
	if err != nil {
		return err
	}
	defer closeSrc()
	src, reopen, cleanup, err := rereadable(o, plan, period, src, e.stdin)
	if err != nil {
		return err
	}
	defer cleanup()
	prog := &progress{w: e.stderr, on: e.terminal, size: size}
	started := time.Now()
	err = j.read(src, o.txFormat, func(lines, bytes int64) {
		prog.tick(lines, bytes)
		gc.tick()
	})
	prog.done()
	if err == nil {
		j, err = j.recheck(reopen, o.txFormat)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", srcName, err)
	}
	if err := j.finish(facts); err != nil {
		return err
	}
	if j.rejected > 0 && !o.allowRejects {
		j.summary(e.stderr, srcName, time.Since(started))
		return fmt.Errorf("%s: %d rejected lines%s: no payout written (after fixing them, or with -allow-rejects to pay the other lines, run again)",
			srcName, j.rejected, j.rejectsNote())
	}
	restore := func() {}
	if o.format != "jsonl" {
		restore = gc.output()
	}
	err = j.write(e.stdout)
	restore()
	if err != nil {
		return err
	}
	if o.ledgerOut != "" {
		data, err := j.ledger.MarshalJSON()
		if err == nil {
			err = writeAtomic(o.ledgerOut, data)
		}
		if err != nil {
			return fmt.Errorf("-ledger-out: %w", err)
		}
	}
	j.summary(e.stderr, srcName, time.Since(started))
	return nil
}

// makePeriod returns the period of -from and -until, with its ID and
// label derived from the dates unless given.
func makePeriod(o options) (incentive.Period, error) {
	from, errFrom := incentive.ParseDate(o.from)
	until, errUntil := incentive.ParseDate(o.until)
	if err := errors.Join(errFrom, errUntil); err != nil {
		return incentive.Period{}, fmt.Errorf("%w: period: %w", errUsage, err)
	}
	id, label := periodName(from.Time(), until.Time())
	if o.periodID != "" {
		id = o.periodID
	}
	if o.label != "" {
		label = o.label
	}
	p := incentive.NewPeriod(id, from, until)
	p.Label = label
	if err := p.Validate(); err != nil {
		return incentive.Period{}, fmt.Errorf("%w: period: %w", errUsage, err)
	}
	return p, nil
}

// periodName derives a period's ID and label from [from, until): a
// calendar quarter, month or year by its name, any other range by its
// first and last day.
func periodName(from, until time.Time) (id, label string) {
	y, m, d := from.Date()
	switch {
	case d == 1 && (m-1)%3 == 0 && until.Equal(from.AddDate(0, 3, 0)):
		q := (int(m)-1)/3 + 1
		return fmt.Sprintf("%d-Q%d", y, q), fmt.Sprintf("Q%d %d", q, y)
	case d == 1 && until.Equal(from.AddDate(0, 1, 0)):
		return from.Format("2006-01"), from.Format("January 2006")
	case d == 1 && m == time.January && until.Equal(from.AddDate(1, 0, 0)):
		return from.Format("2006"), from.Format("2006")
	}
	r := from.Format("2006-01-02") + ".." + until.AddDate(0, 0, -1).Format("2006-01-02")
	return r, r
}

// loadFacts reads -facts: the sample's with the sample plan, generated
// ones with -generate and the sample plan, none otherwise.
func loadFacts(o options) (incentive.Facts, error) {
	path := o.factsPath
	if path == "" && o.planPath != "" {
		path = "-" // the sample's facts belong to the sample plan
	}
	if path == "" && o.generate > 0 {
		return generatedFacts(o.partners), nil
	}
	name, data, err := load(path, "testdata/facts.csv")
	if err != nil {
		return nil, err
	}
	return parseFacts(name, data)
}

// loadLedger reads -ledger-in (the sample's for the sample data) and
// reports whether the run books into a ledger.
func loadLedger(o options) (incentive.Ledger, bool, error) {
	path := o.ledgerIn
	if path == "" && !o.demo() {
		return incentive.Ledger{}, o.ledgerOut != "", nil
	}
	name, data, err := load(path, "testdata/ledger-q2.json")
	if err != nil {
		return incentive.Ledger{}, false, err
	}
	l, err := incentive.ParseLedger(data)
	if err != nil {
		return incentive.Ledger{}, false, fmt.Errorf("ledger %s: %w", name, err)
	}
	return l, true, nil
}

// openSource opens the transactions: generated, the embedded sample, a
// file or stdin. size is the input size in bytes when known (for the
// progress line), else 0.
func openSource(o options, plan incentive.Plan, period incentive.Period, stdin io.Reader) (r io.Reader, name string, size int64, closeFn func(), err error) {
	nop := func() {}
	switch {
	case o.generate > 0:
		return newGenerator(o.generate, o.partners, period, plan.Currency()), fmt.Sprintf("%d generated lines", o.generate), 0, nop, nil
	case o.txPath == "":
		f, err := sample.Open("testdata/transactions.csv")
		if err != nil {
			return nil, "", 0, nop, err
		}
		return f, "testdata/transactions.csv (embedded)", 0, func() { f.Close() }, nil
	case o.txPath == "-":
		return stdin, "stdin", 0, nop, nil
	}
	f, err := os.Open(o.txPath)
	if err != nil {
		return nil, "", 0, nop, err
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return f, o.txPath, size, func() { f.Close() }, nil
}

// writeAtomic writes data to path through a temporary file in the same
// directory, renamed over path: a reader never sees half a ledger, and
// -ledger-out may name the -ledger-in file.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if errClose := f.Close(); err == nil {
		err = errClose
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
