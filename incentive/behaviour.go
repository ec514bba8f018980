package incentive

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Behaviour rewards: money or points for qualifying events (a training or
// certification completed, a lead registered, a deal registration
// accepted, a joint marketing activity, portal engagement), with
// anti-gaming caps per recipient and window.
//
// What is paid. For each recipient × reward, the period's matching events
// are taken in order of date, then transaction ID; an event counts when,
// with it, no cap of the reward is exceeded: at most max_events in its UTC
// day, in its ISO week (Monday to Sunday, UTC) and in the period. With n
// events counted, a money reward pays
//
//	round(n · amount)
//
// and a points reward earns n · points points, worth
//
//	round(n · points · point_value)
//
// each rounded once with the programme's rounding mode and places. Within
// one day the events that count are the day's first by date then ID; the
// figure depends only on how many count per day, so the evaluation keeps
// a count per recipient, reward and day, never the events.

// Documented limits of a behaviour programme, checked by NewBehaviour and
// ParseBehaviour.
const (
	// MaxBehaviourBytes is the largest document ParseBehaviour reads.
	MaxBehaviourBytes = 1 << 20
	// MaxBehaviourDepth is the deepest nesting of a behaviour document
	// (/rewards/i/event_caps/j/window has depth 5).
	MaxBehaviourDepth = 5
	// MaxRewards is the largest number of rewards of a programme.
	MaxRewards = 64
)

const eventWindowNames enum.Names = "unspecified day week period"

const eventWindowLabel = "event window"

// EventWindow is the window over which an event cap counts a recipient's
// events. The zero value is invalid.
type EventWindow uint8

// Event windows, in order of size.
const (
	// EventWindowUnspecified is the invalid zero EventWindow.
	EventWindowUnspecified EventWindow = iota
	// PerEventDay counts events per UTC calendar day. Its name is "day".
	PerEventDay
	// PerEventWeek counts events per ISO week (Monday to Sunday, UTC). Its
	// name is "week".
	PerEventWeek
	// PerEventPeriod counts events over the evaluated period. Its name is
	// "period".
	PerEventPeriod
)

// String returns "day", "week" or "period".
func (w EventWindow) String() string { return eventWindowNames.String(eventWindowLabel, uint8(w)) }

// IsValid reports whether w is a named window.
func (w EventWindow) IsValid() bool { return eventWindowNames.IsValid(uint8(w)) }

// MarshalText returns the name; it fails for an invalid window.
func (w EventWindow) MarshalText() ([]byte, error) {
	return marshalEnum(eventWindowNames, eventWindowLabel, w)
}

// UnmarshalText parses a name as written by MarshalText.
func (w *EventWindow) UnmarshalText(b []byte) error {
	return unmarshalEnum(w, eventWindowNames, eventWindowLabel, b)
}

// ParseEventWindow parses "day", "week" or "period"; other text is an
// *EnumError listing the valid names.
func ParseEventWindow(s string) (EventWindow, error) {
	return parseEnum[EventWindow](eventWindowNames, eventWindowLabel, s)
}

// BehaviourSpec is the declarative form of a behaviour programme (see
// ParseBehaviour). Every amount is in Currency.
type BehaviourSpec struct {
	ID       string         `json:"id"`
	Version  string         `json:"version"`
	Name     string         `json:"name,omitzero"`
	Currency money.Currency `json:"currency"`
	// Rounding and Places say how each line is rounded, once: 0 ≤ Places
	// ≤ Currency.Digits(). Both are required.
	Rounding money.RoundingMode `json:"rounding"`
	Places   int32              `json:"places"`
	// PointValue is what one point is worth in Currency: required (and
	// positive) when a reward earns points, absent otherwise.
	PointValue *decimal.Decimal `json:"point_value,omitempty"`
	// Rewards: at least one, at most MaxRewards; each event × recipient
	// kind once.
	Rewards []RewardSpec `json:"rewards"`
}

// RewardSpec pays a recipient for each qualifying event named Event
// (Transaction.Event of a transaction of Kind QualifyingEvent): exactly
// one of Amount (money per event) and Points (points per event), both
// positive; EventCaps, at most one per window, cap the events counted.
type RewardSpec struct {
	Event     string           `json:"event"`
	Recipient RecipientKind    `json:"recipient"`
	Amount    *decimal.Decimal `json:"amount,omitempty"`
	Points    *decimal.Decimal `json:"points,omitempty"`
	EventCaps []EventCap       `json:"event_caps,omitzero"`
}

// EventCap counts at most MaxEvents events (at least 1) of a reward per
// recipient and Window.
type EventCap struct {
	Window    EventWindow `json:"window"`
	MaxEvents int64       `json:"max_events"`
}

// Behaviour is a validated, immutable behaviour programme. Get one from
// NewBehaviour or ParseBehaviour. The zero Behaviour is invalid.
type Behaviour struct {
	spec BehaviourSpec
	hash string
}

// NewBehaviour validates spec and returns the programme. Every problem is
// reported at once (errors.Join) as *PlanError values at the JSON Pointer
// of the document ("/rewards/1/event_caps/0/max_events"), matching
// ErrInvalid, ErrEnum, ErrDuplicate or ErrTooMany. The programme keeps a
// normalised copy: caps sorted by window, decimals without trailing zeros;
// the order of rewards is kept (lines are sorted anyway).
func NewBehaviour(spec BehaviourSpec) (Behaviour, error) {
	return newBehaviour(spec, nil)
}

func newBehaviour(spec BehaviourSpec, has func(string) bool) (Behaviour, error) {
	v := validator{has: has}
	if n := len(spec.Rewards); n > MaxRewards {
		v.add("/rewards", strconv.Itoa(n), fmt.Errorf("%w: %d rewards, at most %d", ErrTooMany, n, MaxRewards))
		return Behaviour{}, errors.Join(v.errs...)
	}
	v.id("/id", spec.ID, true)
	v.id("/version", spec.Version, true)
	v.name("/name", spec.Name)
	cur := spec.Currency
	if !cur.IsValid() {
		v.add("/currency", "", fmt.Errorf("%w: required", ErrInvalid))
	}
	if !spec.Rounding.IsValid() {
		v.add("/rounding", spec.Rounding.String(), fmt.Errorf("%w: rounding mode required", ErrEnum))
	}
	if v.absent("/places") {
		v.add("/places", "", fmt.Errorf("%w: required (the number of digits each line is rounded to)", ErrInvalid))
	} else if cur.IsValid() && (spec.Places < 0 || spec.Places > cur.Digits()) {
		v.add("/places", strconv.Itoa(int(spec.Places)), fmt.Errorf("%w: places must be in [0, %d] for %s", ErrInvalid, cur.Digits(), cur.Code()))
	}
	positive := func(p string, d decimal.Decimal) {
		if v.dec(p, d, true) && d.IsZero() {
			v.add(p, "0", fmt.Errorf("%w: must be positive", ErrInvalid))
		}
	}
	points := false
	if len(spec.Rewards) == 0 {
		v.add("/rewards", "", fmt.Errorf("%w: at least one reward required", ErrInvalid))
	}
	for i, r := range spec.Rewards {
		p := field.At("rewards", i)
		v.id(p+"/event", r.Event, true)
		if !r.Recipient.IsValid() {
			v.add(p+"/recipient", r.Recipient.String(), fmt.Errorf("%w: recipient required", ErrEnum))
		}
		if j := slices.IndexFunc(spec.Rewards[:i], func(o RewardSpec) bool { return o.Event == r.Event && o.Recipient == r.Recipient }); j >= 0 {
			v.add(p+"/event", r.Event, fmt.Errorf("%w: event %q for recipient %s repeats /rewards/%d", ErrDuplicate, r.Event, r.Recipient, j))
		}
		switch {
		case r.Amount == nil && r.Points == nil:
			v.add(p+"/amount", "", fmt.Errorf("%w: an amount or points per event required", ErrInvalid))
		case r.Amount != nil && r.Points != nil:
			v.add(p+"/points", moneyText(*r.Points), fmt.Errorf("%w: a reward pays an amount or points per event, not both", ErrInvalid))
		case r.Amount != nil:
			positive(p+"/amount", *r.Amount)
		default:
			positive(p+"/points", *r.Points)
			points = true
		}
		for k, c := range r.EventCaps {
			cp := field.At("rewards", i, "event_caps", k)
			if !c.Window.IsValid() {
				v.add(cp+"/window", c.Window.String(), fmt.Errorf("%w: window required (day, week or period)", ErrEnum))
			}
			if c.MaxEvents < 1 {
				v.add(cp+"/max_events", strconv.FormatInt(c.MaxEvents, 10), fmt.Errorf("%w: at least 1 event", ErrInvalid))
			}
			if j := slices.IndexFunc(r.EventCaps[:k], func(o EventCap) bool { return o.Window == c.Window }); j >= 0 && c.Window.IsValid() {
				v.add(cp+"/window", c.Window.String(), fmt.Errorf("%w: window repeats %s/event_caps/%d", ErrDuplicate, p, j))
			}
		}
	}
	switch {
	case points && spec.PointValue == nil:
		v.add("/point_value", "", fmt.Errorf("%w: required: a reward earns points", ErrInvalid))
	case !points && spec.PointValue != nil:
		v.add("/point_value", moneyText(*spec.PointValue), fmt.Errorf("%w: no reward earns points", ErrInvalid))
	case spec.PointValue != nil:
		positive("/point_value", *spec.PointValue)
	}
	if err := errors.Join(v.errs...); err != nil {
		return Behaviour{}, err
	}
	spec.PointValue = canonPtr(spec.PointValue)
	spec.Rewards = slices.Clone(spec.Rewards)
	for i := range spec.Rewards {
		r := &spec.Rewards[i]
		r.Amount, r.Points = canonPtr(r.Amount), canonPtr(r.Points)
		r.EventCaps = slices.Clone(r.EventCaps)
		slices.SortFunc(r.EventCaps, func(a, b EventCap) int { return cmp.Compare(a.Window, b.Window) })
		if len(r.EventCaps) == 0 {
			r.EventCaps = nil
		}
	}
	enc, err := strictjson.Marshal(spec)
	if err != nil {
		return Behaviour{}, &PlanError{Err: fmt.Errorf("%w: canonical encoding failed: %v", ErrInvalid, err)}
	}
	sum := sha256.Sum256(enc)
	return Behaviour{spec: spec, hash: hex.EncodeToString(sum[:])}, nil
}

// ParseBehaviour decodes a behaviour programme strictly (unknown fields,
// duplicate or case-variant keys, null, JSON numbers for decimals and
// documents over MaxBehaviourBytes or deeper than MaxBehaviourDepth are
// *strictjson.Error values with their pointer) and validates it as
// NewBehaviour does; "places" must be present.
func ParseBehaviour(data []byte) (Behaviour, error) {
	var spec BehaviourSpec
	lim := strictjson.Limits{MaxBytes: MaxBehaviourBytes, MaxDepth: MaxBehaviourDepth}
	if err := strictjson.Unmarshal(data, &spec, lim); err != nil {
		return Behaviour{}, err
	}
	present, err := strictjson.Members(data, func(p string) bool { return p == "/places" })
	if err != nil {
		return Behaviour{}, err
	}
	return newBehaviour(spec, func(p string) bool { return present[p] })
}

// MustParseBehaviour is ParseBehaviour that panics on error, for literals
// in tests and examples.
func MustParseBehaviour(data string) Behaviour {
	b, err := ParseBehaviour([]byte(data))
	if err != nil {
		panic(err)
	}
	return b
}

// IsValid reports whether b was built by NewBehaviour or ParseBehaviour.
func (b Behaviour) IsValid() bool { return b.hash != "" }

// Hash returns the hex SHA-256 of the programme's canonical encoding.
func (b Behaviour) Hash() string { return b.hash }

// Spec returns a deep copy of the normalised specification.
func (b Behaviour) Spec() BehaviourSpec {
	s := b.spec
	s.PointValue = clonePtr(s.PointValue)
	s.Rewards = slices.Clone(s.Rewards)
	for i := range s.Rewards {
		r := &s.Rewards[i]
		r.Amount, r.Points, r.EventCaps = clonePtr(r.Amount), clonePtr(r.Points), slices.Clone(r.EventCaps)
	}
	return s
}

// MarshalJSON returns the canonical encoding (the input of Hash).
func (b Behaviour) MarshalJSON() ([]byte, error) {
	if !b.IsValid() {
		return nil, fmt.Errorf("%w: zero behaviour programme", ErrInvalid)
	}
	return strictjson.Marshal(b.spec)
}

// UnmarshalJSON is ParseBehaviour.
func (b *Behaviour) UnmarshalJSON(data []byte) error {
	q, err := ParseBehaviour(data)
	if err != nil {
		return err
	}
	*b = q
	return nil
}

// BehaviourResult is the evaluation of a behaviour programme over one
// period: one line per recipient × reward with at least one event, sorted
// by recipient ID, recipient kind, then event name.
type BehaviourResult struct {
	Programme string          `json:"programme"`
	Hash      string          `json:"hash"`
	Period    string          `json:"period"`
	Lines     []BehaviourLine `json:"lines"`
	// Events counts the transactions that matched a reward; Skipped the
	// others (another kind, another event name, outside the period).
	Events  int64 `json:"events"`
	Skipped int64 `json:"skipped"`
}

// BehaviourLine is one recipient's reward for one event in the period,
// with its trace: the events seen and counted, what each cap dropped, and
// the arithmetic (Sentence renders it).
type BehaviourLine struct {
	Recipient Recipient `json:"recipient"`
	Event     string    `json:"event"`
	// Seen events; Counted of them within the caps; Caps says, per cap,
	// how many it dropped (Seen = Counted + Σ Dropped).
	Seen    int64     `json:"seen"`
	Counted int64     `json:"counted"`
	Caps    []CapDrop `json:"caps,omitzero"`
	// PerEvent is the money (IsPoints false) or points per event; Points
	// = Counted × PerEvent for a points reward, PointValue its worth.
	IsPoints   bool            `json:"is_points,omitzero"`
	PerEvent   decimal.Decimal `json:"per_event"`
	Points     decimal.Decimal `json:"points,omitzero"`
	PointValue decimal.Decimal `json:"point_value,omitzero"`
	// Exact is the line before rounding; Amount after, with Rounding and
	// Places.
	Exact    decimal.Decimal    `json:"exact"`
	Amount   decimal.Decimal    `json:"amount"`
	Rounding money.RoundingMode `json:"rounding"`
	Places   int32              `json:"places"`
	Currency money.Currency     `json:"currency"`
	Label    string             `json:"period_label,omitzero"`
}

// CapDrop is what one event cap dropped: the events beyond MaxEvents in
// its windows, counted in order of date then ID after the smaller
// windows' caps.
type CapDrop struct {
	Window    EventWindow `json:"window"`
	MaxEvents int64       `json:"max_events"`
	Dropped   int64       `json:"dropped"`
}

// Equal compares numerically.
func (l BehaviourLine) Equal(o BehaviourLine) bool {
	return l.Recipient == o.Recipient && l.Event == o.Event && l.Seen == o.Seen && l.Counted == o.Counted &&
		slices.Equal(l.Caps, o.Caps) && l.IsPoints == o.IsPoints && l.PerEvent.Equal(o.PerEvent) && l.Points.Equal(o.Points) &&
		l.PointValue.Equal(o.PointValue) && l.Exact.Equal(o.Exact) && l.Amount.Equal(o.Amount) && l.Rounding == o.Rounding &&
		l.Places == o.Places && l.Currency == o.Currency && l.Label == o.Label
}

// Total returns the sum of the lines.
func (r BehaviourResult) Total() decimal.Decimal {
	var t decimal.Decimal
	for _, l := range r.Lines {
		t = t.Add(l.Amount)
	}
	return t
}

// Sentence renders the line as one English sentence, e.g.
//
//	rep:ana, 7 lead-registered events in Q3 2025: 4 counted (2 dropped
//	by the cap of 2 a day, 1 by the cap of 4 a week), 10 points each =
//	40 points at 0.05 USD a point = 2.00 USD (half-even to 2 places).
func (l BehaviourLine) Sentence() string {
	var b strings.Builder
	period := l.Label
	b.WriteString(fmt.Sprintf("%s, %s %s event", l.Recipient, group(decimal.New(l.Seen, 0), 0), l.Event))
	if l.Seen != 1 {
		b.WriteByte('s')
	}
	b.WriteString(fmt.Sprintf(" in %s: %s counted", period, group(decimal.New(l.Counted, 0), 0)))
	if len(l.Caps) > 0 {
		b.WriteString(" (")
		for i, c := range l.Caps {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(fmt.Sprintf("%s dropped by the cap of %s a %s", group(decimal.New(c.Dropped, 0), 0), group(decimal.New(c.MaxEvents, 0), 0), c.Window))
		}
		b.WriteString(", in order of date then ID)")
	}
	m := func(d decimal.Decimal) string { return groupCanon(d, l.Currency.Digits()) + " " + l.Currency.Code() }
	if l.IsPoints {
		b.WriteString(fmt.Sprintf(", %s points each = %s points at %s a point", groupCanon(l.PerEvent, 0), groupCanon(l.Points, 0), m(l.PointValue)))
	} else {
		b.WriteString(fmt.Sprintf(", %s each", m(l.PerEvent)))
	}
	b.WriteString(fmt.Sprintf(" = %s (%s to %d places).", group(l.Amount, l.Places)+" "+l.Currency.Code(), l.Rounding, l.Places))
	return b.String()
}

// eventDay is a day's count of one recipient × reward.
type eventDay struct {
	rec    Recipient
	reward int
	day    int64 // days since 1970-01-01, UTC
}

// Evaluate evaluates the programme over period for the transactions of
// seq. Transactions of Kind QualifyingEvent dated in the period whose
// Event a reward names count for that reward's recipient (the partner, or
// the rep: a rep reward needs RepID, else a *DataError at "/rep_id");
// every other transaction is skipped. Invalid events (no partner_id, no
// date, an amount or units) are *DataError values. Memory is bounded by
// recipients × rewards × days with events, not by events, and the result
// does not depend on the order of seq.
func (b Behaviour) Evaluate(period Period, seq iter.Seq[Transaction]) (BehaviourResult, error) {
	if !b.IsValid() {
		return BehaviourResult{}, fmt.Errorf("%w: zero behaviour programme", ErrInvalid)
	}
	if err := period.Validate(); err != nil {
		return BehaviourResult{}, err
	}
	res := BehaviourResult{Programme: b.spec.ID, Hash: b.hash, Period: period.ID}
	days := map[eventDay]int64{}
	for t := range seq {
		if t.Kind != QualifyingEvent {
			if !t.Kind.IsValid() {
				return BehaviourResult{}, t.bad("/kind", t.Kind.String(), ErrData, "kind required")
			}
			res.Skipped++
			continue
		}
		if err := b.checkEvent(&t); err != nil {
			return BehaviourResult{}, err
		}
		if !period.Contains(t.Date) {
			res.Skipped++
			continue
		}
		hit := false
		for i := range b.spec.Rewards {
			r := &b.spec.Rewards[i]
			if r.Event != t.Event {
				continue
			}
			id := t.PartnerID
			if r.Recipient == RecipientRep {
				if t.RepID == "" {
					return BehaviourResult{}, t.bad("/rep_id", "", ErrData, "rep_id required: a rep reward counts the event")
				}
				id = t.RepID
			}
			days[eventDay{Recipient{Kind: r.Recipient, ID: id}, i, dayNumber(t.Date)}]++
			hit = true
		}
		if hit {
			res.Events++
		} else {
			res.Skipped++
		}
	}
	keys := make([]eventDay, 0, len(days))
	for k := range days {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y eventDay) int {
		if c := x.rec.compare(y.rec); c != 0 {
			return c
		}
		if c := cmp.Compare(b.spec.Rewards[x.reward].Event, b.spec.Rewards[y.reward].Event); c != 0 {
			return c
		}
		if c := cmp.Compare(x.reward, y.reward); c != 0 {
			return c
		}
		return cmp.Compare(x.day, y.day)
	})
	label := period.Label
	if label == "" {
		label = period.ID
	}
	for lo := 0; lo < len(keys); {
		hi := lo + 1
		for hi < len(keys) && keys[hi].rec == keys[lo].rec && keys[hi].reward == keys[lo].reward {
			hi++
		}
		ln, err := b.line(keys[lo:hi], days, label)
		if err != nil {
			return BehaviourResult{}, err
		}
		res.Lines = append(res.Lines, ln)
		lo = hi
	}
	return res, nil
}

// checkEvent validates a qualifying event's fields.
func (b Behaviour) checkEvent(t *Transaction) error {
	switch {
	case t.PartnerID == "":
		return t.bad("/partner_id", "", ErrData, "partner_id required")
	case t.Date.IsZero():
		return t.bad("/date", "", ErrData, "date required")
	case t.Amount.Sign() != 0:
		return t.bad("/amount", t.Amount.String(), ErrData, "a qualifying event has no amount or units")
	case t.Units.Sign() != 0:
		return t.bad("/units", moneyText(t.Units), ErrData, "a qualifying event has no amount or units")
	case t.Corrects != "":
		return t.bad("/corrects", t.Corrects, ErrData, "only a credit note or return corrects a period")
	}
	return nil
}

// dayNumber returns the UTC day of t as days since 1970-01-01.
func dayNumber(t time.Time) int64 {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// isoWeek returns the ISO week of day number n as year·100 + week.
func isoWeek(n int64) int64 {
	y, w := time.Unix(n*86400, 0).UTC().ISOWeek()
	return int64(y)*100 + int64(w)
}

// line computes one recipient × reward from its day counts (keys, in
// day order).
func (b Behaviour) line(keys []eventDay, days map[eventDay]int64, label string) (BehaviourLine, error) {
	r := &b.spec.Rewards[keys[0].reward]
	ln := BehaviourLine{Recipient: keys[0].rec, Event: r.Event, Rounding: b.spec.Rounding, Places: b.spec.Places,
		Currency: b.spec.Currency, Label: label}
	var dayMax, weekMax, periodMax int64 = -1, -1, -1
	for _, c := range r.EventCaps {
		ln.Caps = append(ln.Caps, CapDrop{Window: c.Window, MaxEvents: c.MaxEvents})
		switch c.Window {
		case PerEventDay:
			dayMax = c.MaxEvents
		case PerEventWeek:
			weekMax = c.MaxEvents
		case PerEventPeriod:
			periodMax = c.MaxEvents
		case EventWindowUnspecified:
		}
	}
	// Days in order; within a cap's window, earlier days count first.
	week, inWeek := int64(-1), int64(0)
	for _, k := range keys {
		n := days[k]
		ln.Seen += n
		if w := isoWeek(k.day); w != week {
			week, inWeek = w, 0
		}
		for i := range ln.Caps {
			limit := int64(-1)
			switch ln.Caps[i].Window {
			case PerEventDay:
				limit = dayMax
			case PerEventWeek:
				limit = weekMax - inWeek
			case PerEventPeriod:
				limit = periodMax - ln.Counted
			case EventWindowUnspecified:
			}
			if n > limit {
				ln.Caps[i].Dropped += n - limit
				n = limit
			}
		}
		inWeek += n
		ln.Counted += n
	}
	count := decimal.New(ln.Counted, 0)
	if r.Points != nil {
		ln.IsPoints, ln.PerEvent, ln.PointValue = true, *r.Points, *b.spec.PointValue
		ln.Points = count.Mul(*r.Points)
		ln.Exact = ln.Points.Mul(ln.PointValue)
	} else {
		ln.PerEvent = *r.Amount
		ln.Exact = count.Mul(*r.Amount)
	}
	amt, err := money.Div(ln.Exact, decimal.New(1, 0), b.spec.Places, b.spec.Rounding)
	if err != nil {
		return BehaviourLine{}, err
	}
	ln.Amount = amt
	return ln, nil
}
