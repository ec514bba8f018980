package incentive

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/strictjson"
)

// These tests kill mutants of behaviour.go that the -short suite never
// ran (gremlins: NOT COVERED) or that survived it.

// Behaviour.UnmarshalJSON is ParseBehaviour inside a host's own JSON.
func TestMutBehaviourUnmarshalJSON(t *testing.T) {
	want := MustParseBehaviour(behaviourDoc)
	var host struct{ B Behaviour }
	if err := json.Unmarshal([]byte(`{"B":`+behaviourDoc+`}`), &host); err != nil {
		t.Fatal(err)
	}
	if !host.B.IsValid() || host.B.Hash() != want.Hash() {
		t.Errorf("decoded hash %q, want ParseBehaviour's %q", host.B.Hash(), want.Hash())
	}
	var bad struct{ B Behaviour }
	err := json.Unmarshal([]byte(`{"B":{"id":"x","extra":1}}`), &bad)
	var se *strictjson.Error
	if !errors.As(err, &se) || se.Path != "/extra" {
		t.Errorf("unknown member: %v, want a *strictjson.Error at /extra", err)
	}
	if bad.B.IsValid() {
		t.Error("a failed decode set the programme")
	}
}

// A qualifying event in the period whose event name no reward has is
// skipped, and counted as such: 1 event counted (lead-registered for the
// partner reward at 12.50, and the rep reward), 1 skipped ("webinar").
func TestMutBehaviourSkipsUnknownEvent(t *testing.T) {
	b := MustParseBehaviour(behaviourDoc)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	txs := []Transaction{
		ev("e1", "2025-07-07", "acme", "ana", "lead-registered"),
		ev("w1", "2025-07-07", "acme", "ana", "webinar"),
	}
	r, err := b.Evaluate(q3, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	if r.Events != 1 || r.Skipped != 1 {
		t.Errorf("events %d skipped %d, want 1 and 1", r.Events, r.Skipped)
	}
}

// A programme has at most MaxRewards (64) rewards: 64 are accepted, 65
// are ErrTooMany at /rewards (a *PlanError), before any reward is read.
func TestMutBehaviourMaxRewards(t *testing.T) {
	spec := func(n int) BehaviourSpec {
		s := MustParseBehaviour(behaviourDoc).Spec()
		one := decimal.New(1, 0)
		s.Rewards, s.PointValue = nil, nil
		for i := range n {
			s.Rewards = append(s.Rewards, RewardSpec{Event: fmt.Sprintf("e%02d", i), Recipient: RecipientPartner, Amount: &one})
		}
		return s
	}
	if _, err := NewBehaviour(spec(MaxRewards)); err != nil {
		t.Errorf("%d rewards: %v", MaxRewards, err)
	}
	_, err := NewBehaviour(spec(MaxRewards + 1))
	var pe *PlanError
	if !errors.Is(err, ErrTooMany) || !errors.As(err, &pe) || pe.Path != "/rewards" || pe.Value != "65" {
		t.Errorf("%d rewards: %v, want ErrTooMany at /rewards = 65", MaxRewards+1, err)
	}
}

// Places may be 0 (whole units of the currency): a reward of 12.50 USD
// per event, half-even to 0 places, pays 12.5 → 12 for one event and
// 3 × 12.5 = 37.5 → 38 for three (ties to the even unit).
func TestMutBehaviourZeroPlaces(t *testing.T) {
	doc := `{"id": "p0", "version": "1", "currency": "USD", "rounding": "half-even", "places": 0,
 "rewards": [{"event": "lead", "recipient": "partner", "amount": "12.50"}]}`
	b, err := ParseBehaviour([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	txs := []Transaction{
		ev("a1", "2025-07-07", "acme", "", "lead"),
		ev("b1", "2025-07-07", "bolt", "", "lead"), ev("b2", "2025-07-08", "bolt", "", "lead"), ev("b3", "2025-07-09", "bolt", "", "lead"),
	}
	r, err := b.Evaluate(q3, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range r.Lines {
		got[l.Recipient.ID] = l.Amount.String() + " (exact " + l.Exact.String() + ")"
	}
	want := map[string]string{"acme": "12 (exact 12.5)", "bolt": "38 (exact 37.5)"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// A line without caps has no bracket in its sentence; the period has
	// no label, so its ID names it.
	var sentences []string
	for _, l := range r.Lines {
		sentences = append(sentences, l.Sentence())
	}
	wantS := []string{
		"partner:acme, 1 lead event in 2025-Q3: 1 counted, 12.50 USD each = 12 USD (half-even to 0 places).",
		"partner:bolt, 3 lead events in 2025-Q3: 3 counted, 12.50 USD each = 38 USD (half-even to 0 places).",
	}
	if d := cmp.Diff(wantS, sentences); d != "" {
		t.Errorf("sentences (-want +got):\n%s", d)
	}
}

// Four event caps on one reward repeat a window (there are three): the
// repeat is the one error, ErrDuplicate at the fourth cap's window, and
// no ErrTooMany is added beside it.
func TestMutBehaviourFourCaps(t *testing.T) {
	doc := `{"id": "p", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "rewards": [{"event": "lead", "recipient": "partner", "amount": "1",
  "event_caps": [{"window": "day", "max_events": 1}, {"window": "week", "max_events": 2},
   {"window": "period", "max_events": 3}, {"window": "day", "max_events": 4}]}]}`
	_, err := ParseBehaviour([]byte(doc))
	var paths []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var pe *PlanError
		if errors.As(e, &pe) {
			paths = append(paths, pe.Path)
		}
	}
	if d := cmp.Diff([]string{"/rewards/0/event_caps/3/window"}, paths); d != "" || !errors.Is(err, ErrDuplicate) || errors.Is(err, ErrTooMany) {
		t.Errorf("%v: (-want +got):\n%s", err, d)
	}
}

// A week cap counts per ISO week of each year: 2025-01-02 is in week 1 of
// 2025 and 2026-01-01 in week 1 of 2026 (a Thursday), two different weeks
// though no event falls between them. With a cap of 3 a week, 2 events on
// each day all count: 4 counted × 1.00 = 4.00 (a week key without the
// year would carry 2 into the second day's week and drop 1).
func TestMutBehaviourWeekOfYear(t *testing.T) {
	doc := `{"id": "p", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "rewards": [{"event": "lead", "recipient": "partner", "amount": "1",
  "event_caps": [{"window": "week", "max_events": 3}]}]}`
	b := MustParseBehaviour(doc)
	two := NewPeriod("2025-26", MustDate("2025-01-01"), MustDate("2027-01-01"))
	txs := []Transaction{
		ev("a", "2025-01-02", "acme", "", "lead"), ev("b", "2025-01-02", "acme", "", "lead"),
		ev("c", "2026-01-01", "acme", "", "lead"), ev("d", "2026-01-01", "acme", "", "lead"),
	}
	r, err := b.Evaluate(two, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lines) != 1 {
		t.Fatalf("%d lines, want 1", len(r.Lines))
	}
	l := r.Lines[0]
	want := []CapDrop{{Window: PerEventWeek, MaxEvents: 3, Dropped: 0}}
	if l.Seen != 4 || l.Counted != 4 || !l.Amount.Equal(decimal.New(4, 0)) || !slices.Equal(l.Caps, want) {
		t.Errorf("seen %d counted %d amount %s caps %v; want 4, 4, 4.00, %v", l.Seen, l.Counted, l.Amount, l.Caps, want)
	}
}
