package incentive

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

const behaviourDoc = `{"id": "fy25-engagement", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "point_value": "0.045",
 "rewards": [
  {"event": "lead-registered", "recipient": "rep", "points": "7",
   "event_caps": [{"window": "week", "max_events": 4}, {"window": "day", "max_events": 2}]},
  {"event": "certification-completed", "recipient": "partner", "amount": "150",
   "event_caps": [{"window": "period", "max_events": 2}]},
  {"event": "lead-registered", "recipient": "partner", "amount": "12.5"}
 ]}`

func ev(id, date, partner, rep, event string) Transaction {
	return Transaction{ID: id, Date: MustDate(date).Time(), Kind: QualifyingEvent, PartnerID: partner, RepID: rep, Event: event}
}

func TestBehaviourGolden(t *testing.T) {
	b := MustParseBehaviour(behaviourDoc)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	q3.Label = "Q3 2025"
	txs := []Transaction{
		ev("e0", "2025-06-30", "acme", "ana", "lead-registered"), // before the period: skipped
		// ISO week 28 of 2025 starts Monday 7 July.
		ev("e3", "2025-07-07", "acme", "ana", "lead-registered"),
		ev("e1", "2025-07-07", "acme", "ana", "lead-registered"),
		ev("e2", "2025-07-07", "acme", "ana", "lead-registered"), // third on Monday: dropped by the day cap (e1, e2 count)
		ev("e4", "2025-07-08", "acme", "ana", "lead-registered"),
		ev("e5", "2025-07-08", "acme", "ana", "lead-registered"), // Tuesday: 2 more, week at 4
		ev("e6", "2025-07-09", "acme", "ana", "lead-registered"), // Wednesday: dropped by the week cap
		ev("e7", "2025-07-14", "acme", "ana", "lead-registered"), // week 29: counts
		ev("e8", "2025-07-07", "acme", "bo", "lead-registered"),
		ev("c2", "2025-08-01", "acme", "", "certification-completed"),
		ev("c1", "2025-07-10", "acme", "", "certification-completed"),
		ev("c3", "2025-09-15", "acme", "", "certification-completed"), // third in the period: dropped
		{ID: "s1", Date: MustDate("2025-07-10").Time(), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("100.00 USD")},
	}
	r, err := b.Evaluate(q3, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	// 8 leads + 3 certifications in the period; e0 and the sale skipped.
	if r.Events != 11 || r.Skipped != 2 {
		t.Errorf("events %d skipped %d, want 11 and 2", r.Events, r.Skipped)
	}
	want := []struct {
		rec            string
		event          string
		seen, counted  int64
		amount         string
		hand, sentence string
	}{
		{"partner:acme", "certification-completed", 3, 2, "300.00", "2 counted (period cap 2) × 150 = 300.00",
			"partner:acme, 3 certification-completed events in Q3 2025: 2 counted (1 dropped by the cap of 2 a period, in order of date then ID), 150.00 USD each = 300.00 USD (half-even to 2 places)."},
		{"partner:acme", "lead-registered", 8, 8, "100.00", "8 leads (ana 7, bo 1), no cap: 8 × 12.50 = 100.00", ""},
		{"rep:ana", "lead-registered", 7, 5, "1.58", "Mon 2 of 3 (day cap), Tue 2 (week at 4), Wed 0 (week cap), Mon 14th 1: 5 × 7 = 35 points × 0.045 = 1.575 → half-even 1.58",
			"rep:ana, 7 lead-registered events in Q3 2025: 5 counted (1 dropped by the cap of 2 a day, 1 dropped by the cap of 4 a week, in order of date then ID), 7 points each = 35 points at 0.045 USD a point = 1.58 USD (half-even to 2 places)."},
		{"rep:bo", "lead-registered", 1, 1, "0.32", "1 × 7 = 7 points × 0.045 = 0.315 → half-even 0.32", ""},
	}
	if len(r.Lines) != len(want) {
		t.Fatalf("%d lines, want %d: %+v", len(r.Lines), len(want), r.Lines)
	}
	for i, w := range want {
		l := r.Lines[i]
		if l.Recipient.String() != w.rec || l.Event != w.event || l.Seen != w.seen || l.Counted != w.counted || !l.Amount.Equal(dd(w.amount)) {
			t.Errorf("line %d = %s %s seen %d counted %d amount %s; want %s %s %d %d %s (%s)", i, l.Recipient, l.Event, l.Seen, l.Counted, l.Amount,
				w.rec, w.event, w.seen, w.counted, w.amount, w.hand)
		}
		if w.sentence != "" && l.Sentence() != w.sentence {
			t.Errorf("line %d sentence\n got %s\nwant %s", i, l.Sentence(), w.sentence)
		}
	}
	// 300.00 + 100.00 + 1.58 + 0.32 = 401.90
	if !r.Total().Equal(dd("401.90")) {
		t.Errorf("total %s, want 401.90", r.Total())
	}
}

func TestBehaviourErrors(t *testing.T) {
	for _, c := range []struct {
		doc, path string
		err       error
	}{
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","rewards":[{"event":"x","recipient":"rep","amount":"1"}]}`, "/places", ErrInvalid},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"rewards":[{"event":"x","recipient":"rep"}]}`, "/rewards/0/amount", ErrInvalid},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"point_value":"1","rewards":[{"event":"x","recipient":"rep","amount":"1","points":"1"}]}`, "/rewards/0/points", ErrInvalid},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"rewards":[{"event":"x","recipient":"rep","points":"1"}]}`, "/point_value", ErrInvalid},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"point_value":"1","rewards":[{"event":"x","recipient":"rep","amount":"1"}]}`, "/point_value", ErrInvalid},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"rewards":[{"event":"x","recipient":"rep","amount":"0"}]}`, "/rewards/0/amount", ErrInvalid},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"rewards":[{"event":"x","recipient":"rep","amount":"1","event_caps":[{"window":"day","max_events":0}]}]}`, "/rewards/0/event_caps/0/max_events", ErrInvalid},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"rewards":[{"event":"x","recipient":"rep","amount":"1","event_caps":[{"window":"day","max_events":1},{"window":"day","max_events":2}]}]}`, "/rewards/0/event_caps/1/window", ErrDuplicate},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"rewards":[{"event":"x","recipient":"rep","amount":"1"},{"event":"x","recipient":"rep","amount":"2"}]}`, "/rewards/1/event", ErrDuplicate},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":3,"rewards":[{"event":"x","recipient":"rep","amount":"1"}]}`, "/places", ErrInvalid},
		{`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"rewards":[]}`, "/rewards", ErrInvalid},
	} {
		_, err := ParseBehaviour([]byte(c.doc))
		var pe *PlanError
		if !errors.As(err, &pe) || pe.Path != c.path || !errors.Is(err, c.err) {
			t.Errorf("%s:\n %v, want %v at %s", c.doc, err, c.err, c.path)
		}
	}
	_, err := ParseBehaviour([]byte(`{"id":"b","version":"1","currency":"USD","rounding":"half-even","places":2,"rewards":[{"event":"x","recipient":"rep","amount":"1","event_caps":[{"window":"weak","max_events":1}]}]}`))
	var ee *EnumError
	if !errors.As(err, &ee) || ee.Suggestion != "week" {
		t.Errorf("window typo: %v", err)
	}
	b := MustParseBehaviour(behaviourDoc)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	_, err = b.Evaluate(q3, slices.Values([]Transaction{ev("e1", "2025-07-07", "acme", "", "lead-registered")}))
	var de *DataError
	if !errors.As(err, &de) || de.Path != "/rep_id" || !errors.Is(err, ErrData) {
		t.Errorf("rep reward without rep: %v", err)
	}
	bad := ev("e1", "2025-07-07", "acme", "ana", "lead-registered")
	bad.Amount = money.MustParse("1.00 USD")
	if _, err = b.Evaluate(q3, slices.Values([]Transaction{bad})); !errors.As(err, &de) || de.Path != "/amount" {
		t.Errorf("event with an amount: %v", err)
	}
}

// refCounted is an independent count: every event in order of date then
// ID, counted when its day, ISO week and period counts are all below their
// caps (−1: no cap).
func refCounted(evs []Transaction, day, week, period int64) int64 {
	evs = slices.Clone(evs)
	slices.SortFunc(evs, func(a, b Transaction) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	days, weeks := map[string]int64{}, map[string]int64{}
	var n int64
	for _, e := range evs {
		d := e.Date.UTC().Format("2006-01-02")
		y, w := e.Date.UTC().ISOWeek()
		wk := fmt.Sprint(y, "-", w)
		if (day >= 0 && days[d] >= day) || (week >= 0 && weeks[wk] >= week) || (period >= 0 && n >= period) {
			continue
		}
		days[d]++
		weeks[wk]++
		n++
	}
	return n
}

// For random caps and events: the count equals the per-event reference,
// every cap holds, Seen = Counted + Σ dropped, the amount is the count
// times the reward rounded once, and shuffling the events changes nothing.
func TestPropBehaviourCaps(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		capOf := func(name string) int64 {
			if rapid.Bool().Draw(t, name+"?") {
				return rapid.Int64Range(1, 6).Draw(t, name)
			}
			return -1
		}
		day, week, period := capOf("day"), capOf("week"), capOf("period")
		var caps []string
		for _, c := range []struct {
			w string
			n int64
		}{{"period", period}, {"day", day}, {"week", week}} {
			if c.n >= 0 {
				caps = append(caps, fmt.Sprintf(`{"window":%q,"max_events":%d}`, c.w, c.n))
			}
		}
		capsJSON := ""
		if len(caps) > 0 {
			capsJSON = `,"event_caps":[` + joinStrings(caps) + `]`
		}
		b := MustParseBehaviour(`{"id":"b","version":"1","currency":"USD","rounding":"half-up","places":2,"point_value":"0.333",
			"rewards":[{"event":"x","recipient":"rep","points":"3"` + capsJSON + `}]}`)
		start := MustDate("2025-07-01").Time()
		period_ := NewPeriod("p", MustDate("2025-07-01"), MustDate("2025-08-01"))
		n := rapid.IntRange(1, 40).Draw(t, "n")
		evs := make([]Transaction, n)
		for i := range evs {
			at := start.Add(time.Duration(rapid.Int64Range(0, 30*24*3600-1).Draw(t, "sec")) * time.Second)
			evs[i] = Transaction{ID: fmt.Sprintf("e%02d", rapid.IntRange(0, 99).Draw(t, "id")), Date: at, Kind: QualifyingEvent, PartnerID: "p", RepID: "ana", Event: "x"}
		}
		r, err := b.Evaluate(period_, slices.Values(evs))
		if err != nil {
			t.Fatal(err)
		}
		l := r.Lines[0]
		want := refCounted(evs, day, week, period)
		if l.Counted != want {
			t.Fatalf("counted %d, reference %d (caps day %d week %d period %d)", l.Counted, want, day, week, period)
		}
		dropped := int64(0)
		for _, c := range l.Caps {
			dropped += c.Dropped
		}
		if l.Seen != int64(n) || l.Seen != l.Counted+dropped {
			t.Fatalf("seen %d, counted %d, dropped %d", l.Seen, l.Counted, dropped)
		}
		// 3 points × 0.333 each = 0.999 a counted event, rounded half-up once.
		exact := decimal.New(want, 0).Mul(dd("0.999"))
		if !l.Amount.Equal(exact.Round(2)) {
			t.Fatalf("amount %s, want round(%s)", l.Amount, exact)
		}
		rng := rand.New(rand.NewPCG(uint64(n), 7))
		rng.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
		r2, err := b.Evaluate(period_, slices.Values(evs))
		if err != nil || !slices.EqualFunc(r.Lines, r2.Lines, BehaviourLine.Equal) {
			t.Fatalf("order changed the result: %v", err)
		}
	})
}

func joinStrings(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

func TestEventWindowEnum(t *testing.T) {
	checkEnum(t, "event window", []string{"day", "week", "period"}, ParseEventWindow)
}
