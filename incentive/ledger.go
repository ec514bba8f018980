package incentive

import (
	"cmp"
	"fmt"
	"iter"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"

	"github.com/partnerecon/partnerecon/internal/field"
)

// Entry is one line of a Ledger's journal. Window is the period whose
// entitlement the entry concerns; Run is the period in which it is booked.
// An entry with Window ≠ Run is a delta (a true-up, a correction, a
// clawback) tagged with the period it corrects: closed runs are never
// edited.
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
}

// Equal compares numerically.
func (e Entry) Equal(o Entry) bool {
	return e.Kind == o.Kind && e.Run == o.Run && e.Window == o.Window && e.Recipient == o.Recipient &&
		e.Component == o.Component && e.Amount.Equal(o.Amount) && e.Target.Equal(o.Target) && e.Measure.Equal(o.Measure)
}

// Position is where a recipient × component stands for one window.
type Position struct {
	Accrued    decimal.Decimal // Σ accrual entries
	Settled    decimal.Decimal // Σ settlement entries
	ClawedBack decimal.Decimal // Σ |clawback entries|
	Measure    decimal.Decimal // the measure of the last settlement
}

// Paid returns Settled − ClawedBack.
func (p Position) Paid() decimal.Decimal { return p.Settled.Sub(p.ClawedBack) }

// Equal compares numerically.
func (p Position) Equal(o Position) bool {
	return p.Accrued.Equal(o.Accrued) && p.Settled.Equal(o.Settled) && p.ClawedBack.Equal(o.ClawedBack) && p.Measure.Equal(o.Measure)
}

// Ledger is an immutable, append-only journal of accruals, settlements
// and clawbacks across periods. Every operation returns a new Ledger and
// the entries it added; the receiver is unchanged. Runs are booked in
// order: an operation may use the latest run or a new one, never an
// earlier (closed) run (ErrClosed). The zero Ledger is empty and ready to
// use.
type Ledger struct {
	runs    []string
	entries []Entry
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
		k := posKey{e.Window, e.Recipient, e.Component}
		p := m[k]
		switch e.Kind {
		case Accrual:
			p.Accrued = p.Accrued.Add(e.Amount)
		case Settlement:
			p.Settled = p.Settled.Add(e.Amount)
			p.Measure = e.Measure
		case Clawback:
			p.ClawedBack = p.ClawedBack.Sub(e.Amount)
		case EntryUnspecified:
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

func (l Ledger) with(runs []string, add []Entry) Ledger {
	return Ledger{runs: runs, entries: append(slices.Clip(l.entries), add...)}
}

type target struct {
	amount, measure decimal.Decimal
}

// book emits, for every key of window in want or already booked with
// kind, an entry of the difference between want and what is booked.
func (l Ledger) book(kind EntryKind, run, window string, want map[posKey]target) []Entry {
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
		if d.IsZero() {
			continue
		}
		out = append(out, Entry{Kind: kind, Run: run, Window: window, Recipient: k.recipient, Component: k.component,
			Amount: d, Target: w.amount, Measure: w.measure})
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
// lines, so no rounding happens here.
func (l Ledger) Settle(run string, r Result) (Ledger, []Entry, error) {
	runs, err := l.open(run)
	if err != nil {
		return l, nil, err
	}
	window := r.Period.ID
	want := map[posKey]target{}
	for _, ln := range r.Lines {
		k := posKey{window, ln.Recipient, ln.Component}
		t := want[k]
		want[k] = target{t.amount.Add(ln.Amount), t.measure.Add(ln.Measure)}
	}
	add := l.book(Settlement, run, window, want)
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
}

// Equal compares numerically.
func (e Estimate) Equal(o Estimate) bool {
	return e.Recipient == o.Recipient && e.Component == o.Component && e.Measure.Equal(o.Measure) &&
		e.HasForecast == o.HasForecast && e.Forecast.Equal(o.Forecast) && e.Amount.Equal(o.Amount)
}

// EstimateActuals returns the estimates of r's lines as they stand: the
// entitlement of the actuals, summed over component versions.
func EstimateActuals(r Result) []Estimate {
	var out []Estimate
	for _, ln := range r.Lines {
		if n := len(out); n > 0 && out[n-1].Recipient == ln.Recipient && out[n-1].Component == ln.Component {
			out[n-1].Measure = out[n-1].Measure.Add(ln.Measure)
			out[n-1].Amount = out[n-1].Amount.Add(ln.Amount)
			continue
		}
		out = append(out, Estimate{Recipient: ln.Recipient, Component: ln.Component, Measure: ln.Measure, Amount: ln.Amount})
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
// actual must come from p (ErrMismatch).
func EstimateForecast(p Plan, actual Result, f Facts, fc Forecast) ([]Estimate, error) {
	if actual.PlanHash != p.hash {
		return nil, fmt.Errorf("%w: result of plan %q, estimating with %q", ErrMismatch, actual.PlanHash, p.hash)
	}
	var out []Estimate
	for _, ln := range actual.Lines {
		e := Estimate{Recipient: ln.Recipient, Component: ln.Component, Measure: ln.Measure, Amount: ln.Amount}
		var c *component
		var count int64
		if ln.calc != nil {
			c, count = ln.calc.comp, ln.calc.count
		}
		vf, ok := fc[ln.Recipient][ln.Component]
		if ok {
			if err := factRange(ln.Recipient, field.At(ln.Component), vf); err != nil {
				return nil, err
			}
		}
		if ok && !vf.IsZero() && c != nil && c.spec.Measure != GrowthAmount && c.spec.Measure != GrowthPercent {
			facts, has := f[ln.Recipient]
			var lc lineCalc
			if err := c.compute(&lc, &scratch{}, &p, ln.Recipient, numOf(vf), count, facts, has); err != nil {
				return nil, err
			}
			amt, err := money.Div(lc.exact.dec().Mul(ln.Measure), vf, p.spec.Places, p.spec.Rounding)
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
// entitlement.
func (l Ledger) Accrue(run, window string, est []Estimate) (Ledger, []Entry, error) {
	runs, err := l.open(run)
	if err != nil {
		return l, nil, err
	}
	if window == "" || len(window) > MaxIDLen {
		return l, nil, fmt.Errorf("%w: window %q", ErrPeriod, field.Truncate(window))
	}
	want := map[posKey]target{}
	for _, e := range est {
		k := posKey{window, e.Recipient, e.Component}
		t := want[k]
		want[k] = target{t.amount.Add(e.Amount), t.measure.Add(e.Measure)}
	}
	add := l.book(Accrual, run, window, want)
	return l.with(runs, add), add, nil
}

// Clawback books, in run, the recovery of payout on credit notes and
// returns of already settled windows (Transaction.Corrects names the
// window). For each recipient × component of p that the return is
// eligible for and that was settled for the window, the returned measure R
// (negative) is summed exactly, then
//
//	clawback = min(|R| · S / M, S − C)
//
// is booked as a negative entry, rounded once with p's mode and places:
// S is what was settled on the window's line, M its measure and C what
// was already clawed back. S / M is the original rate actually paid (the
// tier rate of an all-units line without caps); the limit S − C means a
// clawback never recovers more than was paid on that earning. Growth-
// percent components are not clawed back (their rate is not per unit of
// volume). Returns for windows never settled recover nothing: settle the
// window again instead. Invalid returns are a *DataError (as in
// Accumulator.Add, a return a rep component counts must name the rep).
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
		if !t.Kind.reversal() || t.Corrects == "" {
			return l, nil, t.bad("/corrects", t.Corrects, ErrData, "a clawback needs a credit note or return that corrects a period")
		}
		for i := range p.comps {
			c := &p.comps[i]
			if c.spec.Measure == GrowthPercent || !c.eligible(&t) {
				continue
			}
			id := t.PartnerID
			if c.spec.Recipient == RecipientRep {
				if t.RepID == "" { // as Accumulator.Add: not silently skipped
					return l, nil, t.bad("/rep_id", "", ErrData, "rep_id required: a rep component counts the transaction")
				}
				id = t.RepID
			}
			k := posKey{t.Corrects, Recipient{Kind: c.spec.Recipient, ID: id}, c.spec.ID}
			if ps, ok := pos[k]; !ok || ps.Settled.Sign() <= 0 || ps.Measure.Sign() <= 0 {
				continue
			}
			returned[k] = returned[k].Add(c.contribution(&t))
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
		raw, err := money.Div(r.Neg().Mul(ps.Settled), ps.Measure, p.spec.Places, p.spec.Rounding)
		if err != nil {
			return l, nil, err
		}
		left := ps.Settled.Sub(ps.ClawedBack)
		claw := raw
		if claw.Cmp(left) > 0 {
			claw = left
		}
		if claw.Sign() <= 0 {
			continue
		}
		add = append(add, Entry{Kind: Clawback, Run: run, Window: k.window, Recipient: k.recipient, Component: k.component,
			Amount: claw.Neg(), Target: raw.Neg(), Measure: r})
	}
	return l.with(runs, add), add, nil
}

// contribution returns t's measure for c (exact decimal).
func (c *component) contribution(t *Transaction) decimal.Decimal {
	switch c.spec.Measure {
	case Revenue, RecurringRevenue, GrowthAmount, GrowthPercent:
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

// MarshalJSON encodes the ledger (runs and entries) deterministically.
func (l Ledger) MarshalJSON() ([]byte, error) {
	return strictjson.Marshal(ledgerJSON{Runs: nonNil(l.runs), Entries: nonNilE(l.entries)})
}

type ledgerJSON struct {
	Runs    []string `json:"runs"`
	Entries []Entry  `json:"entries"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilE(s []Entry) []Entry {
	if s == nil {
		return []Entry{}
	}
	return s
}

// Documented limits of a ledger document, checked by ParseLedger.
const (
	// MaxLedgerBytes is the largest ledger document ParseLedger reads.
	MaxLedgerBytes = 256 << 20
	// MaxLedgerDepth is the deepest nesting of objects and arrays in a
	// ledger document (/entries/i/recipient has depth 4).
	MaxLedgerDepth = 5
)

// ParseLedger decodes a ledger document as MarshalJSON writes it, strictly:
// unknown fields, duplicate or case-variant keys, null, JSON numbers where
// decimals are expected, documents over MaxLedgerBytes or nested deeper
// than MaxLedgerDepth fail with a *strictjson.Error naming the JSON
// Pointer. It then checks that runs are non-empty and distinct and that
// every entry has a kind, a recipient kind, a listed run, a window and a
// component: a violation is a *DataError naming the field
// ("/entries/2/run") and matching ErrInvalid.
func ParseLedger(data []byte) (Ledger, error) {
	var j ledgerJSON
	if err := strictjson.Unmarshal(data, &j, strictjson.Limits{MaxBytes: MaxLedgerBytes, MaxDepth: MaxLedgerDepth}); err != nil {
		return Ledger{}, err
	}
	bad := func(path, value, reason string) error {
		return &DataError{Path: path, Value: value, Err: fmt.Errorf("%w: %s", ErrInvalid, reason)}
	}
	// One pass over the runs and one over the entries, with a set of the
	// runs: linear in the document.
	runs := make(map[string]struct{}, len(j.Runs))
	for i, r := range j.Runs {
		if r == "" {
			return Ledger{}, bad(field.At("runs", i), "", "run required")
		}
		if _, dup := runs[r]; dup {
			return Ledger{}, bad(field.At("runs", i), r, "run listed twice")
		}
		runs[r] = struct{}{}
	}
	for i, e := range j.Entries {
		switch {
		case !e.Kind.IsValid():
			return Ledger{}, bad(field.At("entries", i, "kind"), "", "entry kind required")
		case !e.Recipient.Kind.IsValid():
			return Ledger{}, bad(field.At("entries", i, "recipient", "kind"), "", "recipient kind required")
		case !hasKey(runs, e.Run):
			return Ledger{}, bad(field.At("entries", i, "run"), e.Run, "run not listed in /runs")
		case e.Window == "":
			return Ledger{}, bad(field.At("entries", i, "window"), "", "window required")
		case e.Component == "":
			return Ledger{}, bad(field.At("entries", i, "component"), "", "component required")
		}
	}
	return Ledger{runs: j.Runs, entries: j.Entries}, nil
}

func hasKey(m map[string]struct{}, k string) bool {
	_, ok := m[k]
	return ok
}

// UnmarshalJSON is ParseLedger, so that a Ledger inside a host's own JSON
// round-trips through encoding/json.
func (l *Ledger) UnmarshalJSON(b []byte) error {
	v, err := ParseLedger(b)
	if err != nil {
		return err
	}
	*l = v
	return nil
}
