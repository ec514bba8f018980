package main

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"iter"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/internal/csvsafe"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// maxListed is how many rejected and skipped lines the summary lists.
const maxListed = 20

// listed is a line the summary names.
type listed struct {
	line int64
	id   string
	note string
}

// kindTotals are the control totals of one input kind over the accepted
// lines.
type kindTotals struct {
	lines, inPeriod, outside, corrections int64
	sums                                  map[string]decimal.Decimal // by currency code
	run                                   money.Amount               // the sum of the last lines, in one currency
	// While inMinor, the running sum is minor (in minor units of run's
	// currency) and run only names the currency.
	minor   int64
	inMinor bool
}

// job is one run: the accumulator, the control totals and what the
// summary lists.
type job struct {
	plan   incentive.Plan
	period incentive.Period
	o      options
	tally
	ids       *dupCheck // nil with -allow-duplicate-ids
	useLedger bool
	ledgerIn  incentive.Ledger
	settled   map[string]bool // windows ledgerIn has settlements for

	corrections []incentive.Transaction
	correctList []listed
	skippedN    int64
	skipped     []listed
	rejected    int64
	rejectList  []listed
	rejects     *fileCSV
	skips       *fileCSV

	blocks  *parallelBlocks // tests: see env
	general bool            // tests: see env

	res      incentive.Result
	ledger   incentive.Ledger
	booked   []incentive.Entry // settlements, then clawbacks, then draws, of this run
	selfNote string

	feed  *behaviourFeed // -behaviour: the evaluation fed by read
	beh   incentive.BehaviourResult
	steps []incentive.DrawStep // -draws: what each booking did, in order
}

func newJob(plan incentive.Plan, period incentive.Period, o options, l incentive.Ledger, useLedger bool) (*job, error) {
	// A run that cannot be booked (closed, or an invalid run ID) fails
	// before any line is read.
	if _, _, err := l.Settle(o.runID, incentive.Result{Period: period}); err != nil {
		return nil, fmt.Errorf("%w: -run %q: %w", errUsage, o.runID, err)
	}
	j := &job{plan: plan, period: period, o: o, useLedger: useLedger, ledgerIn: l, settled: map[string]bool{}}
	for _, e := range l.Entries() {
		if e.Kind == incentive.Settlement {
			j.settled[e.Window] = true
		}
	}
	if !o.allowDupIDs {
		j.ids = &dupCheck{set: newSpillSet(o.tmpDir, o.idBuffer)}
	}
	err := j.newTally(&j.tally)
	if err != nil {
		return nil, err
	}
	if o.rejectsPath != "" {
		if j.rejects, err = createCSV(o.rejectsPath, "line", "reason", "text"); err != nil {
			return nil, err
		}
	}
	if o.skipPath != "" {
		if j.skips, err = createCSV(o.skipPath, "line", "id", "date", "reason"); err != nil {
			j.close()
			return nil, err
		}
	}
	if o.behaviour.IsValid() {
		j.feed = newBehaviourFeed(o.behaviour, period)
	}
	return j, nil
}

// fastTally reports whether a tally's accumulator takes every accepted
// line of the period alone: no self-check shards or behaviour feed takes
// them too, and the duplicate-ID check, if any, is in its pass 1, which
// only records the IDs (see tally.fast). newJob sets these up
// before reading; it is asked again at the read.
func (j *job) fastTally() bool {
	return !j.o.selfCheck && (j.ids == nil || j.ids.set != nil) && j.feed == nil && !j.general
}

// newTally sets up an empty tally: an accumulator, and the shards of
// -self-check.
func (j *job) newTally(tl *tally) error {
	var err error
	if tl.acc, err = incentive.NewAccumulator(j.plan, j.period); err != nil {
		return err
	}
	tl.fast = j.fastTally()
	if j.o.selfCheck {
		for range j.o.shards {
			s, err := incentive.NewAccumulator(j.plan, j.period)
			if err != nil {
				return err
			}
			tl.shards = append(tl.shards, s)
		}
	}
	return nil
}

// close closes the reject and skipped files (their errors are reported by
// finish).
func (j *job) close() {
	j.ids.close()
	j.feed.close()
	for _, f := range []*fileCSV{j.rejects, j.skips} {
		if f != nil {
			f.close()
		}
	}
}

// read streams the transactions of r into the accumulator.
func (j *job) read(r io.Reader, format string, tick func(lines, bytes int64)) error {
	defer j.tally.flush()
	j.tally.fast = j.fastTally() // the behaviour feed is set up after the tally
	if j.ids != nil && j.ids.set != nil {
		j.tally.ids = j.ids.set // pass 1: the IDs of the lines AddCSV adds (accept records the others)
	}
	opt := incentive.DecodeOptions{Currency: j.plan.Currency(), MaxErrors: incentive.MaxLineErrors}
	if j.o.workers > 1 && (j.ids == nil || j.ids.set != nil) && j.feed == nil {
		return j.readParallel(r, format, opt, tick)
	}
	for rec := range records(r, format, opt, 0, tick, &j.tally) {
		if rec.err != nil {
			if errors.Is(rec.err, errFatal) {
				return rec.err
			}
			if err := j.reject(rec, rec.err); err != nil {
				return err
			}
			continue
		}
		if err := j.accept(rec); err != nil {
			if errors.Is(err, errFatal) {
				return err // the run cannot go on (a spill or a file write failed): not a bad line
			}
			if err := j.reject(rec, err); err != nil {
				return err
			}
		}
	}
	return nil
}

// accept takes one decoded transaction, or returns why it is rejected.
func (j *job) accept(rec *record) error {
	t := &rec.tx
	if j.ids != nil {
		if first, used := j.ids.usedOn(rec.line, t.ID); used {
			return fmt.Errorf("id = %q: transaction ID already used on line %d", t.ID, first)
		}
	}
	out, err := j.take(&j.tally, t)
	if err != nil {
		return err
	}
	if err := j.note(rec, out); err != nil {
		return err
	}
	if j.ids != nil {
		if err := j.ids.record(rec.line, t.ID); err != nil {
			return fmt.Errorf("%w: %w", errFatal, err)
		}
	}
	return nil
}

// outcome is what became of an accepted transaction.
type outcome uint8

const (
	inPeriod   outcome = iota // evaluated
	outside                   // skipped: dated outside the period
	correction                // held for the ledger's clawback
)

// tally is what the accepted lines add up to: the accumulator, the
// self-check's shards and the control totals. Each reader goroutine has
// its own; they merge exactly at the end.
type tally struct {
	acc    *incentive.Accumulator
	shards []*incentive.Accumulator
	kinds  [incentive.QualifyingEvent + 1]kindTotals
	ids    *spillSet // the parallel reader's pass 1 of the duplicate-ID check: the accepted lines' IDs
	// added counts the lines the accumulator took without a yield (fast,
	// see records); flush moves them into kinds.
	added incentive.AddedTotals
	// fast lets records read CSV straight into acc (AddCSV): set when
	// every accepted line in the period goes to acc alone (no self-check
	// shards, no behaviour feed, the duplicate-ID check in its pass 1 if
	// any: ids then records the IDs of the lines AddCSV adds).
	fast bool
}

// take counts one decoded transaction into tl and reports what became of
// it, or returns why it is rejected (tl is then unchanged).
func (j *job) take(tl *tally, t *incentive.Transaction) (outcome, error) {
	k := &tl.kinds[t.Kind]
	out := inPeriod
	switch {
	case t.Corrects != "":
		if err := j.correction(*t); err != nil {
			return 0, err
		}
		out = correction
		k.corrections++
	default:
		event := j.feed != nil && t.Kind == incentive.QualifyingEvent
		if event {
			if err := j.feed.check.check(*t); err != nil {
				return 0, err
			}
		}
		if err := tl.acc.Add(*t); err != nil {
			return 0, err
		}
		if tl.shards != nil {
			if err := tl.shards[shardOf(t.PartnerID, len(tl.shards))].Add(*t); err != nil {
				return 0, fmt.Errorf("%w: self-check shard: %w", errFatal, err)
			}
		}
		if event {
			if err := j.feed.add(*t); err != nil {
				return 0, err
			}
		}
		if j.period.Contains(t.Date) {
			k.inPeriod++
			break
		}
		out = outside
		k.outside++
	}
	k.lines++
	if t.Amount.IsValid() {
		k.add(t.Amount)
	}
	return out, nil
}

// add adds a to the sums: to the running sum while the currency stays
// the same (exact: in minor units in an int64 while the amounts are whole
// minor units and the sum fits, else as an amount), else to sums.
func (k *kindTotals) add(a money.Amount) {
	cur := a.Currency()
	if k.run.IsValid() && k.run.Currency() == cur {
		if k.inMinor {
			if v, ok := a.ScaledInt64(cur.Digits()); ok {
				if s, ok := fixed.AddChecked(k.minor, v); ok {
					k.minor = s
					return
				}
			}
			k.run, k.inMinor = money.FromMinor(k.minor, cur), false
		}
		if s, err := k.run.Add(a); err == nil {
			k.run = s
			return
		}
	}
	k.flush()
	k.run = a
	k.minor, k.inMinor = a.ScaledInt64(cur.Digits())
}

// flush moves the running sum into sums.
func (k *kindTotals) flush() {
	if !k.run.IsValid() {
		return
	}
	if k.inMinor {
		k.run, k.inMinor = money.FromMinor(k.minor, k.run.Currency()), false
	}
	if k.sums == nil {
		k.sums = map[string]decimal.Decimal{}
	}
	c := k.run.Currency().Code()
	k.sums[c] = k.sums[c].Add(k.run.Decimal())
	k.run = money.Amount{}
}

// flush moves the running sums into the sums.
func (tl *tally) flush() {
	for i := range tl.kinds {
		k := &tl.kinds[i]
		kind := incentive.Kind(i)
		// The lines the accumulator took itself (AddCSV).
		if n := tl.added.Transactions(kind); n > 0 {
			k.lines += n
			k.inPeriod += n
			if sum, ok := tl.added.Amount(kind); ok {
				k.add(sum)
			}
		}
		k.flush()
	}
	tl.added = incentive.AddedTotals{}
}

// note records, in line order, an accepted line the run lists: one dated
// outside the period, a correction.
func (j *job) note(rec *record, out outcome) error {
	switch out {
	case correction:
		t := detach(rec.tx)
		j.corrections = append(j.corrections, t)
		text := fmt.Sprintf("%s %s corrects %s", t.Kind, amountText(t), t.Corrects)
		if !j.period.Contains(t.Date) {
			// Clawed back all the same (a return that arrived late), but
			// said: a file read by several runs must not repeat it.
			day, given := dateText(t.Date)
			if given != "" {
				day += ", the line says " + given
			}
			text += fmt.Sprintf(" (dated %s, outside the period: clawed back by each run that reads it)", day)
		}
		j.correctList = append(j.correctList, listed{rec.line, t.ID, text})
	case outside:
		if err := j.skip(rec); err != nil {
			return fmt.Errorf("%w: %w", errFatal, err)
		}
	case inPeriod:
	}
	return nil
}

// merge adds o's totals into tl.
func (tl *tally) merge(o *tally) error {
	o.flush()
	if err := tl.acc.Merge(o.acc); err != nil {
		return err
	}
	for i, s := range o.shards {
		if err := tl.shards[i].Merge(s); err != nil {
			return err
		}
	}
	for i := range o.kinds {
		k, ok := &tl.kinds[i], &o.kinds[i]
		k.lines += ok.lines
		k.inPeriod += ok.inPeriod
		k.outside += ok.outside
		k.corrections += ok.corrections
		for c, v := range ok.sums {
			if k.sums == nil {
				k.sums = map[string]decimal.Decimal{}
			}
			k.sums[c] = k.sums[c].Add(v)
		}
	}
	return nil
}

// correction checks a line that corrects an earlier period: it must be a
// valid clawback (Ledger.Clawback's checks, on an empty ledger: cheap) of
// a period the ledger settled, not of the period being evaluated.
func (j *job) correction(t incentive.Transaction) error {
	if t.Corrects == j.period.ID {
		return fmt.Errorf("corrects = %q: that is the period being evaluated; a credit note or return of this period counts in it (leave corrects empty)", t.Corrects)
	}
	if _, _, err := (incentive.Ledger{}).Clawback(j.o.runID, j.plan, one(t)); err != nil {
		return err
	}
	if !j.settled[t.Corrects] {
		return fmt.Errorf("corrects = %q: the ledger has no settlement of that period, so nothing paid can be clawed back (give the ledger with -ledger-in, or settle %s again with this line in its data)", t.Corrects, t.Corrects)
	}
	return nil
}

func one(t incentive.Transaction) iter.Seq[incentive.Transaction] {
	return func(yield func(incentive.Transaction) bool) { yield(t) }
}

// shardOf deals partners to n shards by a hash of their ID.
func shardOf(partner string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(partner))
	return int(h.Sum32() % uint32(n))
}

// reject counts a rejected line and writes it to the reject file.
func (j *job) reject(rec *record, err error) error {
	j.rejected++
	reason := reasons(err)
	if len(j.rejectList) < maxListed {
		j.rejectList = append(j.rejectList, listed{rec.line, strings.Clone(rec.tx.ID), reason})
	}
	if j.rejects == nil {
		return nil
	}
	return j.rejects.write(fmt.Sprint(rec.line), reason, rec.Text())
}

// skip records a line dated outside the period.
func (j *job) skip(rec *record) error {
	t := &rec.tx
	reason := "dated before the period, which starts " + j.period.Start.Format("2006-01-02")
	if !t.Date.Before(j.period.End) {
		reason = "dated after the period, which ends " + j.period.End.AddDate(0, 0, -1).Format("2006-01-02")
	}
	j.skippedN++
	day, given := dateText(t.Date)
	if given != "" {
		reason += " (the line says " + given + ")"
	}
	if len(j.skipped) < maxListed {
		j.skipped = append(j.skipped, listed{rec.line, strings.Clone(t.ID), day + ": " + reason})
	}
	if j.skips == nil {
		return nil
	}
	return j.skips.write(fmt.Sprint(rec.line), t.ID, day, reason)
}

// dateText returns a transaction's date as the period compares it, a UTC
// day ("2025-10-01"), and, for a date given as an instant other than that
// day's first (JSON Lines accepts RFC 3339), the instant as given
// ("2025-09-30T23:59:59-05:00"), which would read as another day.
func dateText(t time.Time) (day, given string) {
	u := t.UTC()
	day = u.Format(time.DateOnly)
	if u.Hour() != 0 || u.Minute() != 0 || u.Second() != 0 || u.Nanosecond() != 0 {
		given = t.Format(time.RFC3339Nano)
	}
	return day, given
}

// rejectsNote names the reject file for the final message.
func (j *job) rejectsNote() string {
	if j.rejects == nil {
		return " (listed in the summary; -rejects FILE writes them all)"
	}
	return " (written to " + j.o.rejectsPath + ")"
}

// finish evaluates the period, books the ledger and runs the self-check.
func (j *job) finish(f incentive.Facts) error {
	for _, c := range []*fileCSV{j.rejects, j.skips} {
		if c != nil {
			if err := c.close(); err != nil {
				return err
			}
		}
	}
	res, err := j.acc.Result(f)
	if errors.Is(err, incentive.ErrMissingFact) {
		return fmt.Errorf("%w (recipient facts come from -facts)", err)
	} else if err != nil {
		return err
	}
	if res.Skipped != j.skippedN {
		return fmt.Errorf("internal error: the accumulator skipped %d transactions, the run counted %d", res.Skipped, j.skippedN)
	}
	j.res = res
	if j.feed != nil {
		if j.beh, err = j.feed.result(); err != nil {
			return fmt.Errorf("behaviour %s: %w", j.o.behaviourPath, err)
		}
	}
	if j.useLedger {
		l, settled, err := j.ledgerIn.Settle(j.o.runID, res)
		if err != nil {
			return err
		}
		l, clawed, err := l.Clawback(j.o.runID, j.plan, slices.Values(j.corrections))
		if err != nil {
			return err
		}
		j.ledger, j.booked = l, append(settled, clawed...)
		if len(j.o.draws) > 0 {
			l, steps, drawn, err := bookDraws(j.ledger, j.o.runID, j.period.ID, j.o.draws, j.o.endDraws)
			if err != nil {
				return err
			}
			j.ledger, j.steps, j.booked = l, steps, append(j.booked, drawn...)
		}
	}
	if j.shards != nil {
		return j.selfCheck(f)
	}
	return nil
}

// selfCheck combines the shards' partial results through their JSON form
// and checks that the result is the single pass's, byte for byte.
func (j *job) selfCheck(f incentive.Facts) error {
	total, err := incentive.NewAccumulator(j.plan, j.period)
	if err != nil {
		return err
	}
	sizes := make([]int64, len(j.shards))
	for i, s := range j.shards {
		data, err := s.Partial().MarshalJSON()
		if err != nil {
			return err
		}
		p, err := incentive.ParsePartial(data)
		if err == nil {
			err = total.AddPartial(p)
		}
		if err != nil {
			return fmt.Errorf("self-check: shard %d: %w", i, err)
		}
		sizes[i] = p.Transactions + p.Skipped
	}
	par, err := total.Result(f)
	if err != nil {
		return fmt.Errorf("self-check: %w", err)
	}
	a, errA := j.res.MarshalJSON()
	b, errB := par.MarshalJSON()
	if err := errors.Join(errA, errB); err != nil {
		return err
	}
	if string(a) != string(b) {
		return errors.New("self-check: the sharded result differs from the single pass")
	}
	j.selfNote = fmt.Sprintf("self-check: %d shards (transactions per shard: %v), result identical to the single pass", len(j.shards), sizes)
	return nil
}

// fileCSV is a spreadsheet-safe CSV file (reject and skipped lines).
type fileCSV struct {
	f   *os.File
	w   *csvsafe.Writer
	err error
}

func createCSV(path string, header ...string) (*fileCSV, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	c := &fileCSV{f: f, w: csvsafe.NewWriter(f)}
	return c, c.write(header...)
}

func (c *fileCSV) write(cells ...string) error {
	if err := c.w.Write(cells); err != nil {
		return fmt.Errorf("%s: %w", c.f.Name(), err)
	}
	return nil
}

// close flushes and closes the file once; later calls return the same
// error.
func (c *fileCSV) close() error {
	if c.f != nil {
		c.err = errors.Join(c.w.Flush(), c.f.Close())
		if c.err != nil {
			c.err = fmt.Errorf("%s: %w", c.f.Name(), c.err)
		}
		c.f = nil
	}
	return c.err
}

// generatedFacts gives every generated partner a csat of 4.2 (the sample
// plan's cloud bonus needs it).
func generatedFacts(partners int64) incentive.Facts {
	f := incentive.Facts{}
	csat := decimal.RequireFromString(generatedCSAT)
	for p := range partners {
		f[incentive.Recipient{Kind: incentive.RecipientPartner, ID: generatedPartner(p)}] = incentive.RecipientFacts{
			Metrics: map[string]decimal.Decimal{"csat": csat}}
	}
	return f
}

// detach returns t with its text fields copied: the decoder cuts them
// from chunks of a few KB shared by neighbouring lines, so a transaction
// the run keeps (a correction) would otherwise keep its chunk alive.
func detach(t incentive.Transaction) incentive.Transaction {
	for _, f := range []*string{&t.ID, &t.PartnerID, &t.RepID, &t.PartnerTier, &t.Territory, &t.Category, &t.Segment, &t.Event, &t.Corrects} {
		*f = strings.Clone(*f)
	}
	return t
}
