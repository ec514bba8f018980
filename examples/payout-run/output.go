package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/internal/csvsafe"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// row is one output row: a payout line, or a ledger entry booked by this
// run. Every row names the period, the run and the plan (ID, version,
// hash).
type row struct {
	Period           string          `json:"period"`
	PeriodLabel      string          `json:"period_label"`
	Run              string          `json:"run"`
	PlanID           string          `json:"plan_id"`
	PlanVersion      string          `json:"plan_version"`
	PlanHash         string          `json:"plan_hash"`
	Kind             string          `json:"kind"` // line, settlement, clawback, draw, draw-recovery, draw-forgiveness, draw-end
	Window           string          `json:"window"`
	Recipient        string          `json:"recipient"`
	Component        string          `json:"component"`
	ComponentVersion string          `json:"component_version"`
	Measure          string          `json:"measure"`
	Amount           string          `json:"amount"`
	Currency         string          `json:"currency"`
	Trace            string          `json:"trace"`
	Detail           json.RawMessage `json:"detail,omitempty"`
}

// lineRows returns the rows of the payout lines, in their order. Writing
// the trace sentences is most of the output's cost, so the lines are cut
// into -workers contiguous ranges written concurrently (Lines and their
// traces are immutable, safe for concurrent use); each range stops at
// its first error, and the error returned is that of the first line in
// order that has one, as one goroutine would return.
func (j *job) lineRows(base row, places int32, detail bool) ([]row, error) {
	lines := j.res.Lines
	out := make([]row, len(lines))
	n := max(1, min(j.o.workers, len(lines)/256)) // a range of at least 256 lines
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			for i := k * len(lines) / n; i < (k+1)*len(lines)/n; i++ {
				l := lines[i]
				r := j.lineRow(base, l, places)
				if detail {
					d, err := l.Trace().MarshalJSON()
					if err != nil {
						errs[k] = err
						return
					}
					r.Detail = d
				}
				out[i] = r
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lineRow returns the row of payout line l (without its detail).
func (j *job) lineRow(base row, l incentive.Line, places int32) row {
	r := base
	r.Kind, r.Window, r.Recipient, r.Component, r.ComponentVersion = "line", j.period.ID, l.Recipient().String(), l.Component(), l.Version()
	r.Measure, r.Amount, r.Trace = money.FormatDecimal(l.Measure(), 0), money.FormatDecimal(l.Amount(), places), l.Trace().Sentence()
	return r
}

// header returns the CSV column names, in the order of cells.
func header() []string {
	return []string{"period", "period_label", "run", "plan_id", "plan_version", "plan_hash", "kind", "window",
		"recipient", "component", "component_version", "measure", "amount", "currency", "trace"}
}

func (r row) cells() []string {
	return []string{r.Period, r.PeriodLabel, r.Run, r.PlanID, r.PlanVersion, r.PlanHash, r.Kind, r.Window,
		r.Recipient, r.Component, r.ComponentVersion, r.Measure, r.Amount, r.Currency, r.Trace}
}

// rows returns the output rows: the period's payout lines, the behaviour
// programme's lines (-behaviour; its ID, version and hash in the plan
// columns, the event in the component column, the events counted as the
// measure), then the ledger entries booked (settlements, clawbacks, draws).
func (j *job) rows(detail bool) ([]row, error) {
	base, places := j.baseRow()
	out, err := j.lineRows(base, places, detail)
	if err != nil {
		return nil, err
	}
	more, err := j.moreRows(base, places, detail)
	if err != nil {
		return nil, err
	}
	return append(out, more...), nil
}

// baseRow returns what every row says (the period, the run, the plan),
// and the plan's places.
func (j *job) baseRow() (row, int32) {
	_, places := j.plan.Rounding()
	return row{Period: j.period.ID, PeriodLabel: j.period.Label, Run: j.o.runID,
		PlanID: j.plan.ID(), PlanVersion: j.plan.Version(), PlanHash: j.plan.Hash(), Currency: j.plan.Currency().Code()}, places
}

// moreRows returns the rows after the payout lines': the behaviour
// programme's lines, then the ledger entries booked.
func (j *job) moreRows(base row, places int32, detail bool) ([]row, error) {
	var out []row
	if j.feed != nil {
		b := j.o.behaviour.Spec()
		for _, l := range j.beh.Lines {
			r := base
			r.PlanID, r.PlanVersion, r.PlanHash, r.Currency = b.ID, b.Version, j.o.behaviour.Hash(), l.Currency.Code()
			r.Kind, r.Window, r.Recipient, r.Component = "line", j.period.ID, l.Recipient.String(), l.Event
			r.Measure, r.Amount, r.Trace = fmt.Sprint(l.Counted), money.FormatDecimal(l.Amount, l.Places), l.Sentence()
			if detail {
				d, err := strictjson.Marshal(l)
				if err != nil {
					return nil, err
				}
				r.Detail = d
			}
			out = append(out, r)
		}
	}
	for _, e := range j.booked {
		r := base
		r.Kind, r.Window, r.Recipient, r.Component = e.Kind.String(), e.Window, e.Recipient.String(), e.Component
		r.Measure, r.Amount = money.FormatDecimal(e.Measure, 0), money.FormatDecimal(e.Amount, places)
		r.Trace = entryNote(e, places, base.Currency)
		if r.Trace == "" {
			r.Trace = drawSentence(j.steps, e)
		}
		out = append(out, r)
	}
	return out, nil
}

// entryNote explains a ledger entry in one sentence.
func entryNote(e incentive.Entry, places int32, cur string) string {
	amt := func(v any) string { return fmt.Sprintf("%s %s", v, cur) }
	switch e.Kind {
	case incentive.Settlement:
		before := e.Target.Sub(e.Amount)
		return fmt.Sprintf("settles %s: entitlement %s on a measure of %s, minus %s settled before, pays %s.",
			e.Window, amt(money.FormatDecimal(e.Target, places)), money.FormatDecimal(e.Measure, 0),
			amt(money.FormatDecimal(before, places)), amt(money.FormatDecimal(e.Amount, places)))
	case incentive.Clawback:
		return fmt.Sprintf("claws back from %s the payout on a returned measure of %s at the rate paid: %s, recovered %s (never more than was paid).",
			e.Window, money.FormatDecimal(e.Measure, 0), amt(money.FormatDecimal(e.Target.Neg(), places)), amt(money.FormatDecimal(e.Amount.Neg(), places)))
	case incentive.Accrual, incentive.EntryUnspecified, incentive.DrawPaid, incentive.DrawRecovery, incentive.DrawForgiveness, incentive.DrawEnd:
	}
	return ""
}

// write writes the output rows to -out or stdout.
func (j *job) write(stdout io.Writer) (err error) {
	w := stdout
	if j.o.outPath != "" {
		f, err := os.Create(j.o.outPath)
		if err != nil {
			return err
		}
		defer func() {
			if e := f.Close(); err == nil {
				err = e
			}
		}()
		w = f
	}
	if j.o.format != "jsonl" {
		// Each row is made where it is encoded: the payout lines' on the
		// goroutines that encode them.
		base, places := j.baseRow()
		more, err := j.moreRows(base, places, false)
		if err != nil {
			return err
		}
		lines := j.res.Lines
		return writeCSV(w, len(lines)+len(more), func(i int) row {
			if i < len(lines) {
				return j.lineRow(base, lines[i], places)
			}
			return more[i-len(lines)]
		}, j.o.workers, csvWindow, 256)
	}
	rows, err := j.rows(true)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// csvWindow is the number of rows writeCSV encodes at once: about a
// megabyte of text (a row is some 250 bytes).
const csvWindow = 4096

// writeCSV writes the header and n rows as CSV, row i made by rowAt(i)
// (which may run on several goroutines at once). The rows are made and
// encoded window rows at a time, each window cut into at most workers
// contiguous ranges of about equal size, of minRange rows or more (one
// range for a window shorter than 2·minRange), made and encoded
// concurrently, each into its own buffer, written in order: the bytes are
// those one goroutine writes, which writes them as it encodes them (one
// worker, or rows for one range).
func writeCSV(w io.Writer, n int, rowAt func(int) row, workers, window, minRange int) error {
	if workers <= 1 || n < 2*minRange {
		// One range: written as it is encoded, through the writer's buffer.
		cw := csvsafe.NewWriter(w)
		cw.Write(header())
		for i := range n {
			cw.Write(rowAt(i).cells())
		}
		return cw.Flush() // the first error of any Write
	}
	var head bytes.Buffer
	cw := csvsafe.NewWriter(&head)
	cw.Write(header())
	if err := cw.Flush(); err != nil {
		return err
	}
	if _, err := w.Write(head.Bytes()); err != nil {
		return err
	}
	// The buffers serve every window: the text held at once is one
	// window's.
	bufs, errs := make([]bytes.Buffer, max(1, workers)), make([]error, max(1, workers))
	for from := 0; from < n; from += window {
		size := min(window, n-from)
		parts := max(1, min(workers, size/minRange))
		var wg sync.WaitGroup
		for k := range parts {
			wg.Go(func() {
				bufs[k].Reset()
				cw := csvsafe.NewWriter(&bufs[k])
				for i := from + k*size/parts; i < from+(k+1)*size/parts; i++ {
					cw.Write(rowAt(i).cells())
				}
				errs[k] = cw.Flush() // the first error of any Write
			})
		}
		wg.Wait()
		for k := range parts {
			if errs[k] != nil {
				return errs[k]
			}
			if _, err := w.Write(bufs[k].Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
}

// amountText is a transaction's amount with its currency ("" for none).
func amountText(t incentive.Transaction) string {
	if !t.Amount.IsValid() {
		return ""
	}
	return money.FormatDecimal(t.Amount.Decimal(), 0) + " " + t.Amount.Currency().Code()
}
