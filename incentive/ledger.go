package incentive

import (
	"cmp"
	"fmt"
	"iter"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"

	"github.com/partnerecon/partnerecon/internal/field"
)

// Entry is one line of a Ledger's journal. Window is the period whose
// entitlement the entry concerns; Run is the period in which it is booked.
// An entry with Window ≠ Run is a delta (a true-up, a correction, a
// clawback) tagged with the period it corrects: closed runs are never
// edited. Draw entries (DrawPaid, DrawRecovery, DrawForgiveness, DrawEnd;
// see Ledger.Draw) carry the draw's ID as Component, its hash as PlanHash,
// their change to the draw balance as Amount, the balance after them as
// Target and the window's earnings as Measure.
type Entry struct {
	Kind      EntryKind `json:"kind"`
	Run       string    `json:"run"`
	Window    string    `json:"window"`
	Recipient Recipient `json:"recipient"`
	Component string    `json:"component"`
	// Amount is the signed amount booked (rounded: a difference of
	// rounded figures, or a clawback rounded once).
	Amount decimal.Decimal `json:"amount"`
	// Target is what the window stands at after the entry: the cumulative
	// entitlement (Settlement), the estimate (Accrual), or the clawback at
	// the original rate before the paid-limit (Clawback, negative).
	Target decimal.Decimal `json:"target"`
	// Measure is the entitlement's measure (Settlement, Accrual) or the
	// returned measure (Clawback, negative).
	Measure decimal.Decimal `json:"measure"`
	// PlanHash is the hash of the plan whose result, estimate or
	// clawback booked the entry ("" for an accrual of estimates built by
	// hand, and for entries read from a format-1 ledger).
	PlanHash string `json:"plan_hash,omitzero"`
	// Earned and Basis (Settlement only) record what a later clawback
	// needs: Earned is the window's earning after modifiers and before
	// floor, cap, recipient cap and budget (summed over component
	// versions), Basis the measure returns are counted in (the measure;
	// for a growth component, revenue minus baseline). Clawback claws
	// back at Earned / Basis. Both are zero on other kinds and on
	// settlements read from a format-1 ledger.
	Earned decimal.Decimal `json:"earned,omitzero"`
	Basis  decimal.Decimal `json:"basis,omitzero"`
}

// Equal compares numerically.
func (e Entry) Equal(o Entry) bool {
	return e.Kind == o.Kind && e.Run == o.Run && e.Window == o.Window && e.Recipient == o.Recipient &&
		e.Component == o.Component && e.Amount.Equal(o.Amount) && e.Target.Equal(o.Target) && e.Measure.Equal(o.Measure) &&
		e.PlanHash == o.PlanHash && e.Earned.Equal(o.Earned) && e.Basis.Equal(o.Basis)
}

// Position is where a recipient × component stands for one window.
type Position struct {
	Accrued    decimal.Decimal // Σ accrual entries
	Settled    decimal.Decimal // Σ settlement entries
	ClawedBack decimal.Decimal // Σ |clawback entries|
	Measure    decimal.Decimal // the measure of the last settlement
	Earned     decimal.Decimal // the earning before limits of the last settlement (Entry.Earned)
	Basis      decimal.Decimal // the clawback basis of the last settlement (Entry.Basis)
}

// Paid returns Settled − ClawedBack.
func (p Position) Paid() decimal.Decimal { return p.Settled.Sub(p.ClawedBack) }

// Equal compares numerically.
func (p Position) Equal(o Position) bool {
	return p.Accrued.Equal(o.Accrued) && p.Settled.Equal(o.Settled) && p.ClawedBack.Equal(o.ClawedBack) && p.Measure.Equal(o.Measure) &&
		p.Earned.Equal(o.Earned) && p.Basis.Equal(o.Basis)
}

// Ledger is an immutable, append-only journal of accruals, settlements
// and clawbacks across periods. Every operation returns a new Ledger and
// the entries it added; the receiver is unchanged. Runs are booked in
// order: an operation may use the latest run or a new one, never an
// earlier (closed) run (ErrClosed). The zero Ledger is empty and ready to
// use.
//
// Every run is sealed in a hash chain (Seals): its hash covers its
// canonical content and the previous run's hash, so a stored ledger that
// was edited, or had a run removed, inserted or reordered, fails
// ParseLedger with ErrTampered naming the first run that does not verify.
// Head is the last run's hash, for a host to keep elsewhere.
type Ledger struct {
	runs    []string
	entries []Entry
	starts  []int    // run i's entries are entries[starts[i]:starts[i+1]]
	hashes  []string // the chain: run i's hash
}

type posKey struct {
	window    string
	recipient Recipient
	component string
}

// Entries returns a copy of the journal in booking order.
func (l Ledger) Entries() []Entry { return slices.Clone(l.entries) }

// Runs returns the runs in booking order.
func (l Ledger) Runs() []string { return slices.Clone(l.runs) }

// Equal reports whether l and o have the same runs and entries.
func (l Ledger) Equal(o Ledger) bool {
	return slices.Equal(l.runs, o.runs) && slices.EqualFunc(l.entries, o.entries, Entry.Equal)
}

// Position returns the standing of rec × component for window.
func (l Ledger) Position(window string, rec Recipient, component string) Position {
	return l.positions()[posKey{window, rec, component}]
}

func (l Ledger) positions() map[posKey]Position {
	m := map[posKey]Position{}
	for _, e := range l.entries {
		if e.Kind.isDraw() { // a draw's balance, not a component's position
			continue
		}
		k := posKey{e.Window, e.Recipient, e.Component}
		p := m[k]
		switch e.Kind {
		case Accrual:
			p.Accrued = p.Accrued.Add(e.Amount)
		case Settlement:
			p.Settled = p.Settled.Add(e.Amount)
			p.Measure, p.Earned, p.Basis = e.Measure, e.Earned, e.Basis
		case Clawback:
			p.ClawedBack = p.ClawedBack.Sub(e.Amount)
		case EntryUnspecified, DrawPaid, DrawRecovery, DrawForgiveness, DrawEnd:
		}
		m[k] = p
	}
	return m
}

// open checks that run may be booked and returns the runs after it.
func (l Ledger) open(run string) ([]string, error) {
	if run == "" || len(run) > MaxIDLen {
		return nil, fmt.Errorf("%w: run %q must have 1 to %d bytes", ErrPeriod, field.Truncate(run), MaxIDLen)
	}
	if i := slices.Index(l.runs, run); i >= 0 {
		if i != len(l.runs)-1 {
			return nil, fmt.Errorf("%w: run %q is followed by %q", ErrClosed, run, l.runs[len(l.runs)-1])
		}
		return l.runs, nil
	}
	return append(slices.Clip(l.runs), run), nil
}

// with returns l with add booked in the last of runs, and the last run's
// seal recomputed.
func (l Ledger) with(runs []string, add []Entry) Ledger {
	n := Ledger{runs: runs, entries: append(slices.Clip(l.entries), add...), starts: l.starts}
	hashes := l.hashes
	if len(runs) > len(l.runs) {
		n.starts = append(slices.Clip(l.starts), len(l.entries))
	} else {
		hashes = hashes[:len(hashes)-1]
	}
	prev := ""
	if len(hashes) > 0 {
		prev = hashes[len(hashes)-1]
	}
	n.hashes = append(slices.Clip(hashes), n.runHash(len(runs)-1, prev))
	return n
}

type target struct {
	amount, measure decimal.Decimal
	earned, basis   decimal.Decimal // Settlement: the clawback rate's figures
	planHash        string
}

// book emits, for every key of window in want or already booked with
// kind, an entry of the difference between want and what is booked (for
// a settlement, also when only the measure, earned figure or basis
// changed). Entries reversing keys absent from want carry planHash.
func (l Ledger) book(kind EntryKind, run, window, planHash string, want map[posKey]target) []Entry {
	pos := l.positions()
	keys := make([]posKey, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range pos {
		if _, ok := want[k]; !ok && k.window == window {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b posKey) int {
		if c := a.recipient.compare(b.recipient); c != 0 {
			return c
		}
		return cmp.Compare(a.component, b.component)
	})
	var out []Entry
	for _, k := range keys {
		w := want[k]
		have := pos[k].Settled
		if kind == Accrual {
			have = pos[k].Accrued
		}
		d := w.amount.Sub(have)
		changed := !d.IsZero()
		if kind == Settlement && !changed { // the basis of a later clawback changed
			ps := pos[k]
			changed = !w.measure.Equal(ps.Measure) || !w.earned.Equal(ps.Earned) || !w.basis.Equal(ps.Basis)
		}
		if !changed {
			continue
		}
		ph := w.planHash
		if _, ok := want[k]; !ok {
			ph = planHash
		}
		out = append(out, Entry{Kind: kind, Run: run, Window: window, Recipient: k.recipient, Component: k.component,
			Amount: d, Target: w.amount, Measure: w.measure, PlanHash: ph, Earned: w.earned, Basis: w.basis})
	}
	return out
}

// Settle books the settlement of r's period (the window) in run: for each
// recipient × component it pays the entitlement (the sum of its lines'
// amounts over component versions) minus what was already settled for the
// window — settle = E − Σ settled — and reverses what was settled for
// keys no longer entitled. Re-settling a window after its data or plan
// changed therefore books only delta entries, tagged with the window they
// correct; nothing is paid twice. Amounts are differences of rounded
// lines, so no rounding happens here. Each entry records r's plan hash
// and, for a later Clawback, the window's earning before floor and cap
// and its clawback basis (Entry.Earned, Entry.Basis); when only those
// changed, an entry of zero amount records them.
func (l Ledger) Settle(run string, r Result) (Ledger, []Entry, error) {
	runs, err := l.open(run)
	if err != nil {
		return l, nil, err
	}
	window := r.Period.ID
	want := map[posKey]target{}
	for _, ln := range r.Lines {
		k := posKey{window, ln.Recipient(), ln.Component()}
		t := want[k]
		earned, basis := ln.clawbackBasis()
		want[k] = target{amount: t.amount.Add(ln.Amount()), measure: t.measure.Add(ln.Measure()),
			earned: t.earned.Add(earned), basis: t.basis.Add(basis), planHash: r.PlanHash}
	}
	add := l.book(Settlement, run, window, r.PlanHash, want)
	return l.with(runs, add), add, nil
}

// Estimate is the expected entitlement of one recipient × component for a
// window, the input of Accrue.
type Estimate struct {
	Recipient Recipient
	Component string
	// Measure is the actual measure to date; Forecast, when HasForecast,
	// the forecast measure of the whole window.
	Measure     decimal.Decimal
	HasForecast bool
	Forecast    decimal.Decimal
	// Amount is the estimate, rounded once with the plan's mode and places.
	Amount decimal.Decimal
	// PlanHash is the hash of the plan that produced the estimate, which
	// the accrual entry records ("" for an estimate built by hand).
	PlanHash string
}

// Equal compares numerically.
func (e Estimate) Equal(o Estimate) bool {
	return e.Recipient == o.Recipient && e.Component == o.Component && e.Measure.Equal(o.Measure) &&
		e.HasForecast == o.HasForecast && e.Forecast.Equal(o.Forecast) && e.Amount.Equal(o.Amount) && e.PlanHash == o.PlanHash
}

// EstimateActuals returns the estimates of r's lines as they stand: the
// entitlement of the actuals, summed over component versions.
func EstimateActuals(r Result) []Estimate {
	var out []Estimate
	for _, ln := range r.Lines {
		if n := len(out); n > 0 && out[n-1].Recipient == ln.Recipient() && out[n-1].Component == ln.Component() {
			out[n-1].Measure = out[n-1].Measure.Add(ln.Measure())
			out[n-1].Amount = out[n-1].Amount.Add(ln.Amount())
			continue
		}
		out = append(out, Estimate{Recipient: ln.Recipient(), Component: ln.Component(), Measure: ln.Measure(), Amount: ln.Amount(), PlanHash: r.PlanHash})
	}
	return out
}

// Forecast holds forecast measures of a whole window, by recipient and
// component ID.
type Forecast map[Recipient]map[string]decimal.Decimal

// EstimateForecast accrues actuals at the rate of the forecast: for each
// line of actual (the evaluation of the window to date) with a forecast
// V_f for its recipient and component, the estimate is
//
//	F(V_f) · A / V_f
//
// rounded once with the plan's mode and places, where A is the actual
// measure to date and F the whole line formula (schedule, modifiers,
// floor, cap) before rounding. For an all-units schedule that is A times
// the rate of the tier the forecast reaches. Lines without a forecast (or
// with a zero one), and growth measures, are estimated on actuals.
// A component budget is shared by all recipients, so it is not applied to
// one recipient's forecast: on a budgeted component the estimate can
// exceed what the budget will pay (a prudent accrual; the settlement pays
// the budgeted amount and the true-up releases the difference).
// actual must come from p (ErrMismatch).
func EstimateForecast(p Plan, actual Result, f Facts, fc Forecast) ([]Estimate, error) {
	if actual.PlanHash != p.hash {
		return nil, fmt.Errorf("%w: result of plan %q, estimating with %q", ErrMismatch, actual.PlanHash, p.hash)
	}
	var out []Estimate
	for _, ln := range actual.Lines {
		e := Estimate{Recipient: ln.Recipient(), Component: ln.Component(), Measure: ln.Measure(), Amount: ln.Amount(), PlanHash: actual.PlanHash}
		var c *component
		var count int64
		var x lineCalc
		if lc := ln.calcInto(&x); lc != nil {
			c, count = lc.comp, lc.count
		}
		vf, ok := fc[ln.Recipient()][ln.Component()]
		if ok {
			if err := factRange(ln.Recipient(), field.At(ln.Component()), vf); err != nil {
				return nil, err
			}
		}
		if ok && !vf.IsZero() && c != nil && c.spec.Measure != GrowthAmount && c.spec.Measure != GrowthPercent {
			facts, has := f[ln.Recipient()]
			var lc lineCalc
			if err := c.compute(&lc, &scratch{}, &p, ln.Recipient(), numOf(vf), count, facts, has); err != nil {
				return nil, err
			}
			amt, err := money.Div(lc.exact.dec().Mul(ln.Measure()), vf, p.spec.Places, p.spec.Rounding)
			if err != nil {
				return nil, err
			}
			e.HasForecast, e.Forecast, e.Amount = true, vf, amt
		}
		if n := len(out); n > 0 && out[n-1].Recipient == e.Recipient && out[n-1].Component == e.Component {
			out[n-1].Measure = out[n-1].Measure.Add(e.Measure)
			out[n-1].Amount = out[n-1].Amount.Add(e.Amount)
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

// Accrue books, in run, the accrual of window to the given estimates: for
// each recipient × component the estimate minus what is already accrued
// (a true-up), and a reversal for keys accrued before but absent now. A
// sequence of accruals therefore always sums to the latest estimate, and
// accruing EstimateActuals of the final result trues the window up to its
// entitlement. Entries record their estimate's plan hash; a reversal
// records the plan hash the estimates share ("" if they differ).
func (l Ledger) Accrue(run, window string, est []Estimate) (Ledger, []Entry, error) {
	runs, err := l.open(run)
	if err != nil {
		return l, nil, err
	}
	if window == "" || len(window) > MaxIDLen {
		return l, nil, fmt.Errorf("%w: window %q", ErrPeriod, field.Truncate(window))
	}
	want := map[posKey]target{}
	shared := ""
	for i, e := range est {
		k := posKey{window, e.Recipient, e.Component}
		t := want[k]
		want[k] = target{amount: t.amount.Add(e.Amount), measure: t.measure.Add(e.Measure), planHash: e.PlanHash}
		if i == 0 {
			shared = e.PlanHash
		} else if shared != e.PlanHash {
			shared = ""
		}
	}
	add := l.book(Accrual, run, window, shared, want)
	return l.with(runs, add), add, nil
}

// Clawback books, in run, the recovery of payout on credit notes and
// returns of already settled windows (Transaction.Corrects names the
// window), at the rate the schedule earned on the reversed credit. For
// each recipient × component of p that the return is eligible for and
// that was settled for the window, the returned measure R (negative) is
// summed exactly, then
//
//	clawback = min(|R| · E / B, S − C)
//
// is booked as a negative entry, rounded once with p's mode and places: E
// is what the window's line earned after modifiers and before any floor
// (a minimum payment), cap, recipient cap or budget, and B its clawback
// basis, both recorded by the latest settlement of the window
// (Entry.Earned, Entry.Basis); S is what was settled on the window's line
// and C what was already clawed back. E / B is the original earned rate
// (the tier rate times the modifiers of an all-units line); the limit
// S − C means a clawback never recovers more than was paid on that
// earning. A floor therefore is not clawed back at the rate it paid: a
// line that earned 100.00 on 10,000 and was raised to a 500.00 minimum
// payment claws back 1 % of a return, not 5 %.
//
// Growth components (GrowthAmount and GrowthPercent) claw back at the
// payout earned per unit of growth: B is the window's revenue minus its
// baseline, so a return of |R| reduces growth by |R| (as an amount, or by
// |R| / baseline × 100 points, which the percentage schedule earned at the
// same E / B per unit of revenue); a window without growth (B ≤ 0) claws
// back nothing. Settlements read from a format-1 ledger recorded no
// earning: for them the rate is S / M, what was paid per unit of the
// settled measure M, and growth percentages are not clawed back (the rules
// of format 1).
//
// Returns for windows never settled recover nothing: settle the window
// again instead. Invalid returns are a *DataError (as in Accumulator.Add,
// a return a rep component counts must name the rep). Entries record p's
// hash.
func (l Ledger) Clawback(run string, p Plan, returns iter.Seq[Transaction]) (Ledger, []Entry, error) {
	runs, err := l.open(run)
	if err != nil {
		return l, nil, err
	}
	if !p.IsValid() {
		return l, nil, fmt.Errorf("%w: zero plan", ErrInvalid)
	}
	pos := l.positions()
	returned := map[posKey]decimal.Decimal{}
	for t := range returns {
		if err := t.check(&p); err != nil {
			return l, nil, err
		}
		for _, r := range [...]struct{ path, id string }{{"/partner_id", t.PartnerID}, {"/rep_id", t.RepID}} {
			if err := idText(r.id); err != nil { // as Add checks it: such an ID would find no position
				return l, nil, t.bad(r.path, field.Truncate(r.id), ErrInvalid, err.Error())
			}
		}
		if !t.Kind.reversal() || t.Corrects == "" {
			return l, nil, t.bad("/corrects", t.Corrects, ErrData, "a clawback needs a credit note or return that corrects a period")
		}
		for i := range p.comps {
			c := &p.comps[i]
			if !c.eligible(&t) {
				continue
			}
			if c.spec.Recipient == RecipientRep && !c.spec.Overlay && t.RepID == "" && !t.hasSplit(RecipientRep) {
				// as Accumulator.Add: not silently skipped
				return l, nil, t.bad("/rep_id", "", ErrData, "rep_id required: a rep component counts the transaction")
			}
			// Each credited recipient's part, with the shares of the
			// transaction's credits (the sale's): splits reverse in
			// proportion.
			c.credited(&p, &t, func(id string, part decimal.Decimal) {
				k := posKey{t.Corrects, Recipient{Kind: c.spec.Recipient, ID: id}, c.spec.ID}
				if _, _, ok := clawRate(pos[k], c.spec.Measure); ok {
					returned[k] = returned[k].Add(part)
				}
			})
		}
	}
	keys := make([]posKey, 0, len(returned))
	for k := range returned {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b posKey) int {
		if c := cmp.Compare(a.window, b.window); c != 0 {
			return c
		}
		if c := a.recipient.compare(b.recipient); c != 0 {
			return c
		}
		return cmp.Compare(a.component, b.component)
	})
	var add []Entry
	for _, k := range keys {
		r := returned[k]
		if r.Sign() >= 0 {
			continue
		}
		ps := pos[k]
		num, den, _ := clawRate(ps, Revenue)
		raw, err := money.Div(r.Neg().Mul(num), den, p.spec.Places, p.spec.Rounding)
		if err != nil {
			return l, nil, err
		}
		claw := decMin(raw, ps.Settled.Sub(ps.ClawedBack))
		if claw.Sign() <= 0 {
			continue
		}
		add = append(add, Entry{Kind: Clawback, Run: run, Window: k.window, Recipient: k.recipient, Component: k.component,
			Amount: claw.Neg(), Target: raw.Neg(), Measure: r, PlanHash: p.hash})
	}
	return l.with(runs, add), add, nil
}

// clawRate returns the clawback rate of a position as a fraction num /
// den: the earned rate E / B, or, for a settlement without an earning
// (format 1), the paid rate S / M; and whether anything can be clawed back
// (something settled, a positive denominator; format 1 never clawed back a
// growth percentage, whose measure is not per unit of revenue).
func clawRate(ps Position, m MeasureKind) (num, den decimal.Decimal, ok bool) {
	if ps.Settled.Sign() <= 0 {
		return decimal.Decimal{}, decimal.Decimal{}, false
	}
	if ps.Basis.Sign() > 0 {
		return ps.Earned, ps.Basis, true
	}
	if ps.Earned.IsZero() && ps.Measure.Sign() > 0 && m != GrowthPercent { // format 1: no earning recorded
		return ps.Settled, ps.Measure, true
	}
	return decimal.Decimal{}, decimal.Decimal{}, false
}

// decMin returns the smaller of a and b.
func decMin(a, b decimal.Decimal) decimal.Decimal {
	if a.Cmp(b) > 0 {
		return b
	}
	return a
}

// contribution returns t's measure for c of p (exact decimal; a
// contract's value as recurring.go defines it).
func (c *component) contribution(p *Plan, t *Transaction) decimal.Decimal {
	switch c.spec.Measure {
	case RecurringRevenue:
		return c.contractAmount(p, t)
	case Revenue, GrowthAmount, GrowthPercent:
		return t.Amount.Decimal()
	case Units:
		return t.Units
	case EventCount:
		if t.Kind.reversal() {
			return decimal.New(-1, 0)
		}
		return decimal.New(1, 0)
	case MeasureUnspecified:
	}
	return decimal.Decimal{}
}

// clawbackBasis returns what a settlement of ln records for a later
// clawback: the earning after modifiers and before floor, cap, recipient
// cap and budget, and the measure returns are counted in (for growth,
// revenue minus baseline). The zero Line records zero.
func (ln Line) clawbackBasis() (earned, basis decimal.Decimal) {
	var x lineCalc
	lc := ln.calcInto(&x)
	if lc == nil {
		return ln.Amount(), ln.Measure()
	}
	e := lc.sched.payout
	if n := len(lc.mods); n > 0 {
		e = lc.mods[n-1].after
	}
	switch lc.comp.spec.Measure {
	case GrowthAmount, GrowthPercent:
		return e.dec(), lc.volume.sub(lc.baseline).dec()
	case Revenue, RecurringRevenue, Units, EventCount, MeasureUnspecified:
	}
	return e.dec(), ln.Measure()
}
