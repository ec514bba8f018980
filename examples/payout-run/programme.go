package main

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Bounds of -draws: the file holds at most maxDraws draw documents and
// maxDrawsBytes in all (each document is also bounded by ParseDraw's
// incentive.MaxDrawBytes).
const (
	maxDraws      = 10_000
	maxDrawsBytes = 16 << 20
)

// readBounded reads at most max bytes of path; a longer file is an error
// before it is read further.
func readBounded(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, max)
	}
	return data, nil
}

// loadDraws reads -draws: a JSON array of draw documents, each decoded by
// incentive.ParseDraw. An error names the file and the draw's JSON Pointer
// (/3/recovery_cap). Draws are in the plan's currency, and a recipient's
// draw ID appears once.
func loadDraws(path string, plan incentive.Plan) ([]incentive.Draw, error) {
	data, err := readBounded(path, maxDrawsBytes)
	if err != nil {
		return nil, fmt.Errorf("-draws: %w", err)
	}
	var raw []jsontext.Value
	lim := strictjson.Limits{MaxBytes: maxDrawsBytes, MaxDepth: incentive.MaxDrawDepth + 1, MaxElements: maxDraws}
	if err := strictjson.Unmarshal(data, &raw, lim); err != nil {
		return nil, fmt.Errorf("draws %s: %w", path, err)
	}
	type key struct {
		rec incentive.Recipient
		id  string
	}
	seen := map[key]int{}
	draws := make([]incentive.Draw, 0, len(raw))
	var errs []error
	for i, r := range raw {
		d, err := incentive.ParseDraw(r)
		if err != nil {
			errs = append(errs, prefixPath(err, field.At(i)))
			continue
		}
		s := d.Spec()
		if s.Currency != plan.Currency() {
			errs = append(errs, &incentive.PlanError{Path: field.At(i, "currency"), Value: s.Currency.Code(),
				Err: fmt.Errorf("%w: the draw tops up the plan's settlements, which are in %s", incentive.ErrInvalid, plan.Currency().Code())})
			continue
		}
		k := key{s.Recipient, s.ID}
		if first, ok := seen[k]; ok {
			errs = append(errs, &incentive.PlanError{Path: field.At(i, "id"), Value: s.ID,
				Err: fmt.Errorf("%w: %s's draw %s is also draw /%d", incentive.ErrDuplicate, s.Recipient, s.ID, first)})
			continue
		}
		seen[k] = i
		draws = append(draws, d)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("draws %s: %w", path, err)
	}
	return draws, nil
}

// prefixPath returns err with the JSON Pointers of its field errors
// (*incentive.PlanError, *strictjson.Error, also inside errors.Join)
// moved under prefix; other errors are returned as they are.
func prefixPath(err error, prefix string) error {
	switch e := err.(type) {
	case *incentive.PlanError:
		c := *e
		c.Path = prefix + c.Path
		return &c
	case *strictjson.Error:
		c := *e
		c.Path = prefix + c.Path
		return &c
	case interface{ Unwrap() []error }:
		var out []error
		for _, x := range e.Unwrap() {
			out = append(out, prefixPath(x, prefix))
		}
		return errors.Join(out...)
	}
	return err
}

// loadBehaviour reads -behaviour: a behaviour-rewards document
// (incentive.ParseBehaviour, at most incentive.MaxBehaviourBytes) in the
// plan's currency.
func loadBehaviour(path string, plan incentive.Plan) (incentive.Behaviour, error) {
	data, err := readBounded(path, incentive.MaxBehaviourBytes)
	if err != nil {
		return incentive.Behaviour{}, fmt.Errorf("-behaviour: %w", err)
	}
	b, err := incentive.ParseBehaviour(data)
	if err != nil {
		return incentive.Behaviour{}, fmt.Errorf("behaviour %s: %w", path, err)
	}
	if c := b.Spec().Currency; c != plan.Currency() {
		return incentive.Behaviour{}, fmt.Errorf("behaviour %s: %w", path, &incentive.PlanError{Path: "/currency", Value: c.Code(),
			Err: fmt.Errorf("%w: the run pays in the plan's currency, %s", incentive.ErrInvalid, plan.Currency().Code())})
	}
	return b, nil
}

// behaviourFeed evaluates a behaviour programme over the qualifying
// events of the run, in the run's single pass and without holding them:
// Behaviour.Evaluate consumes an iterator, which here is a coroutine
// (iter.Pull) that the reading loop resumes once per event, handing it
// that event. Evaluate keeps a count per recipient × reward × day, so the
// memory is that of the counts, not of the events. Not safe for
// concurrent use: with -behaviour one goroutine reads.
type behaviourFeed struct {
	check eventCheck
	cur   incentive.Transaction
	next  func() (struct{}, bool)
	stop  func()
	res   incentive.BehaviourResult
	err   error
	fed   int64 // qualifying events handed to Evaluate
}

func newBehaviourFeed(b incentive.Behaviour, p incentive.Period) *behaviourFeed {
	f := &behaviourFeed{check: newEventCheck(b, p)}
	f.next, f.stop = iter.Pull(func(ready func(struct{}) bool) {
		f.res, f.err = b.Evaluate(p, func(give func(incentive.Transaction) bool) {
			for ready(struct{}{}) { // wait until add sets cur, or stop
				if !give(f.cur) {
					return
				}
			}
		})
	})
	f.next() // run Evaluate up to its first request
	return f
}

// add hands t to the evaluation. The run checks every event first
// (f.check), so an error here is an internal one.
func (f *behaviourFeed) add(t incentive.Transaction) error {
	f.cur = t
	if _, ok := f.next(); !ok {
		return fmt.Errorf("%w: behaviour rewards stopped at transaction %q: %w", errFatal, t.ID, errors.Join(f.err, errors.New("internal error")))
	}
	f.fed++
	return nil
}

// result ends the input and returns the evaluation.
func (f *behaviourFeed) result() (incentive.BehaviourResult, error) {
	f.stop()
	return f.res, f.err
}

// close abandons the evaluation (a second reading replaces the job).
func (f *behaviourFeed) close() {
	if f != nil {
		f.stop()
	}
}

// eventCheck says why the behaviour programme would refuse an event (a
// rep reward's event without rep_id, an event with an amount), so that
// the line is rejected before anything counts it and the run's
// evaluation never fails. An event that plainly passes Evaluate's checks
// (partner, date, no amount, units or corrects, a rep when a rep reward
// names its event) is let through at once; any other is evaluated alone
// (Evaluate's checks are per transaction), for its exact error.
type eventCheck struct {
	b        incentive.Behaviour
	p        incentive.Period
	repEvent map[string]bool // events a rep reward counts
}

func newEventCheck(b incentive.Behaviour, p incentive.Period) eventCheck {
	c := eventCheck{b: b, p: p, repEvent: map[string]bool{}}
	for _, r := range b.Spec().Rewards {
		if r.Recipient == incentive.RecipientRep {
			c.repEvent[r.Event] = true
		}
	}
	return c
}

func (c eventCheck) check(t incentive.Transaction) error {
	if t.PartnerID != "" && !t.Date.IsZero() && t.Amount.Sign() == 0 && t.Units.Sign() == 0 && t.Corrects == "" &&
		(t.RepID != "" || !c.repEvent[t.Event]) {
		return nil
	}
	_, err := c.b.Evaluate(c.p, one(t))
	return err
}

// bookDraws books each draw for the period's window in the run, after the
// settlement (the draw tops up what the window earned), and with
// -end-draws ends it in the same window. It returns the ledger, the steps
// in order and the entries booked.
func bookDraws(l incentive.Ledger, run, window string, draws []incentive.Draw, end bool) (incentive.Ledger, []incentive.DrawStep, []incentive.Entry, error) {
	n0 := len(l.Entries())
	var steps []incentive.DrawStep
	for _, d := range draws {
		var s incentive.DrawStep
		var err error
		l, s, err = l.Draw(run, window, d)
		if err != nil {
			return l, nil, nil, fmt.Errorf("draw %s of %s: %w", d.ID(), d.Spec().Recipient, err)
		}
		steps = append(steps, s)
		if end {
			if l, s, err = l.EndDraw(run, window, d); err != nil {
				return l, nil, nil, fmt.Errorf("ending draw %s of %s: %w", d.ID(), d.Spec().Recipient, err)
			}
			steps = append(steps, s)
		}
	}
	return l, steps, l.Entries()[n0:], nil
}

// drawSentence returns the sentence of the step that booked e.
func drawSentence(steps []incentive.DrawStep, e incentive.Entry) string {
	for _, s := range steps {
		if s.Draw == e.Component && s.Recipient == e.Recipient && s.Ended == (e.Kind == incentive.DrawEnd) {
			return s.Sentence()
		}
	}
	return ""
}

// pays reports whether an entry of kind k is money paid (or recovered) in
// the run: settlements, clawbacks, draws paid and recovered. A
// draw-forgiveness or draw-end entry changes only the draw balance.
func pays(k incentive.EntryKind) bool {
	switch k {
	case incentive.Settlement, incentive.Clawback, incentive.DrawPaid, incentive.DrawRecovery:
		return true
	case incentive.EntryUnspecified, incentive.Accrual, incentive.DrawForgiveness, incentive.DrawEnd:
	}
	return false
}
