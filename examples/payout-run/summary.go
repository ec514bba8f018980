package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// summary writes the control totals a finance analyst reconciles the run
// against. elapsed is left out of the text (it would make it differ from
// run to run) unless the input was generated.
func (j *job) summary(w io.Writer, source string, elapsed time.Duration) {
	_, places := j.plan.Rounding()
	cur := j.plan.Currency().Code()
	fd := func(d decimal.Decimal) string { return money.FormatDecimal(d, places) }
	p := j.period
	fmt.Fprintf(w, "payout-run: plan %s version %s (hash %s)\n", j.plan.ID(), j.plan.Version(), j.plan.Hash())
	fmt.Fprintf(w, "period %s %q: %s to %s (last day included), run %s\n", p.ID, p.Label,
		p.Start.Format("2006-01-02"), p.End.AddDate(0, 0, -1).Format("2006-01-02"), j.o.runID)

	var accepted int64
	for _, k := range j.kinds {
		accepted += k.lines
	}
	fmt.Fprintf(w, "\ninput %s: %d transactions read, %d accepted, %d rejected\n", source, accepted+j.rejected, accepted, j.rejected)
	tw := &table{}
	tw.row("kind", "lines", "in period", "outside", "corrections", "amount")
	var all kindTotals
	all.sums = map[string]decimal.Decimal{}
	for kind := incentive.Sale; kind <= incentive.QualifyingEvent; kind++ {
		k := j.kinds[kind]
		tw.row(kind.String(), k.lines, k.inPeriod, k.outside, k.corrections, sums(k.sums, places))
		all.lines, all.inPeriod, all.outside, all.corrections = all.lines+k.lines, all.inPeriod+k.inPeriod, all.outside+k.outside, all.corrections+k.corrections
		for c, s := range k.sums {
			all.sums[c] = all.sums[c].Add(s)
		}
	}
	tw.row("all", all.lines, all.inPeriod, all.outside, all.corrections, sums(all.sums, places))
	tw.write(w)
	if j.res.Transactions+j.res.Skipped != all.inPeriod+all.outside {
		fmt.Fprintf(w, "  (the engine counted %d in the period and %d skipped)\n", j.res.Transactions, j.res.Skipped)
	}

	list := func(title string, n int64, items []listed) {
		if n == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s: %d\n", title, n)
		for _, it := range items {
			id := ""
			if it.id != "" {
				id = fmt.Sprintf(" %q", it.id)
			}
			fmt.Fprintf(w, "  line %d%s: %s\n", it.line, id, it.note)
		}
		if n > int64(len(items)) {
			fmt.Fprintf(w, "  … and %d more\n", n-int64(len(items)))
		}
	}
	list("rejected lines", j.rejected, j.rejectList)
	list("skipped lines (outside the period, not evaluated)", j.skippedN, j.skipped)
	list("corrections of earlier periods (clawed back, not evaluated)", int64(len(j.correctList)), j.correctList)

	type compTotal struct {
		lines int
		total decimal.Decimal
	}
	comps := map[string]compTotal{}
	for _, l := range j.res.Lines {
		c := comps[l.Component()]
		comps[l.Component()] = compTotal{c.lines + 1, c.total.Add(l.Amount())}
	}
	ids := make([]string, 0, len(comps))
	for id := range comps {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	fmt.Fprintf(w, "\npayout lines of %s by component:\n", p.ID)
	tw = &table{}
	tw.row("component", "lines", "total "+cur)
	for _, id := range ids {
		tw.row(id, comps[id].lines, fd(comps[id].total))
	}
	tw.row("all", len(j.res.Lines), fd(j.res.Total()))
	tw.write(w)
	if j.feed != nil {
		j.behaviourSummary(w, fd, cur)
	}

	if j.useLedger {
		fmt.Fprintf(w, "\nledger, run %s:\n", j.o.runID)
		tw = &table{}
		tw.row("entry", "window", "entries", "total "+cur)
		var pay decimal.Decimal
		balanceOnly := false
		type key struct {
			kind   incentive.EntryKind
			window string
		}
		var keys []key
		totals := map[key]decimal.Decimal{}
		counts := map[key]int{}
		for _, e := range j.booked {
			k := key{e.Kind, e.Window}
			if _, ok := totals[k]; !ok {
				keys = append(keys, k)
			}
			totals[k] = totals[k].Add(e.Amount)
			counts[k]++
			if pays(e.Kind) {
				pay = pay.Add(e.Amount)
			} else {
				balanceOnly = true
			}
		}
		for _, k := range keys {
			tw.row(k.kind.String(), k.window, counts[k], fd(totals[k]))
		}
		tw.row("to pay in this run", "", len(j.booked), fd(pay))
		tw.write(w)
		if balanceOnly {
			fmt.Fprintln(w, "  (draw-forgiveness and draw-end entries change only the draw balance: not in the amount to pay)")
		}
		if len(j.steps) > 0 {
			fmt.Fprintf(w, "\ndraws, window %s, run %s:\n", p.ID, j.o.runID)
			for _, s := range j.steps {
				fmt.Fprintf(w, "  - %s\n", s.Sentence())
			}
		}
	}
	if j.selfNote != "" {
		fmt.Fprintf(w, "\n%s\n", j.selfNote)
	}
	if j.o.generate > 0 {
		fmt.Fprintf(w, "\nelapsed %s\n", elapsed.Round(time.Millisecond))
	}
}

// behaviourSummary writes the behaviour programme's control totals: the
// events it read and matched, its lines and totals by event, and the
// period's payout lines with them.
func (j *job) behaviourSummary(w io.Writer, fd func(decimal.Decimal) string, cur string) {
	b := j.o.behaviour.Spec()
	r := j.beh
	fmt.Fprintf(w, "\nbehaviour rewards %s version %s (hash %s): %d qualifying events read, %d matched a reward, %d not (another event, or outside the period)\n",
		b.ID, b.Version, j.o.behaviour.Hash(), j.feed.fed, r.Events, r.Skipped)
	type evTotal struct {
		lines         int
		seen, counted int64
		total         decimal.Decimal
	}
	evs := map[string]evTotal{}
	var seen, counted int64
	for _, l := range r.Lines {
		e := evs[l.Event]
		evs[l.Event] = evTotal{e.lines + 1, e.seen + l.Seen, e.counted + l.Counted, e.total.Add(l.Amount)}
		seen, counted = seen+l.Seen, counted+l.Counted
	}
	names := make([]string, 0, len(evs))
	for n := range evs {
		names = append(names, n)
	}
	slices.Sort(names)
	tw := &table{}
	tw.row("event", "lines", "seen", "counted", "total "+cur)
	for _, n := range names {
		e := evs[n]
		tw.row(n, e.lines, e.seen, e.counted, fd(e.total))
	}
	tw.row("all", len(r.Lines), seen, counted, fd(r.Total()))
	tw.write(w)
	fmt.Fprintf(w, "payout lines of %s, plan and behaviour rewards: %d, %s %s\n", j.period.ID, len(j.res.Lines)+len(r.Lines), fd(j.res.Total().Add(r.Total())), cur)
	if j.useLedger {
		fmt.Fprintln(w, "  (behaviour rewards are not booked in the ledger, which settles the plan's lines: pay them from their rows; a draw's earnings do not include them)")
	}
}

// sums writes amounts per currency, "-" for none.
func sums(m map[string]decimal.Decimal, places int32) string {
	if len(m) == 0 {
		return "-"
	}
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = money.FormatDecimal(m[c], places) + " " + c
	}
	return strings.Join(parts, ", ")
}

// table lays out rows of cells: the first column left-aligned, the others
// right-aligned, two spaces apart, indented by two.
type table struct {
	rows  [][]string
	width []int
}

func (t *table) row(cells ...any) {
	r := make([]string, len(cells))
	for i, c := range cells {
		r[i] = fmt.Sprint(c)
		if i == len(t.width) {
			t.width = append(t.width, 0)
		}
		t.width[i] = max(t.width[i], utf8.RuneCountInString(r[i]))
	}
	t.rows = append(t.rows, r)
}

func (t *table) write(w io.Writer) {
	for _, r := range t.rows {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", t.width[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString("  " + c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, b.String())
	}
}
