package dealreg

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/internal/chain"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// ErrTampered reports a stored event journal whose hash chain does not
// verify: a record was edited, removed, inserted or reordered (see
// ParseEventJournal).
var ErrTampered = errors.New("dealreg: event journal does not verify")

// Documented limits of an event journal document.
const (
	// MaxEventJournalBytes is the largest journal ParseEventJournal reads.
	MaxEventJournalBytes = 64 << 20
	// MaxEventJournalDepth is the deepest nesting of objects and arrays
	// (the object at /records/i/event/deal/skus/j has depth 7).
	MaxEventJournalDepth = 7
)

// eventDomain labels the hashes of event records.
const eventDomain = "partnerecon dealreg event v1"

// EventRecord is one decision on a registration — a submission, review,
// approval or rejection, an extension, a win, loss, withdrawal or expiry,
// an update — as the host applied it with Registration.Apply: the event
// (its JSON form: Conflicting is not recorded), when, and the
// registration's state and protection end after it.
type EventRecord struct {
	Registration string    `json:"registration"`
	Partner      string    `json:"partner"`
	At           time.Time `json:"at"`
	Event        Event     `json:"event"`
	State        State     `json:"state"`
	ExpiresAt    time.Time `json:"expires_at,omitzero"`
}

// Equal reports whether two records are the same (times with
// time.Time.Equal, deals with Deal.Equal).
func (r EventRecord) Equal(o EventRecord) bool {
	e, f := r.Event, o.Event
	return r.Registration == o.Registration && r.Partner == o.Partner && r.At.Equal(o.At) && r.State == o.State &&
		r.ExpiresAt.Equal(o.ExpiresAt) && e.Kind == f.Kind && e.Reason == f.Reason && e.Reviewed == f.Reviewed && e.Deal.Equal(f.Deal)
}

// EventJournal is an append-only, tamper-evident journal of the decisions
// on deal registrations: each record carries the hash of the record
// before it and its own hash over its canonical JSON form and that link,
// so a stored journal that was edited, or had a record removed, inserted
// or reordered, fails ParseEventJournal naming the first record that does
// not verify. The zero EventJournal is empty and ready to use; Record
// returns a new journal and leaves its receiver unchanged.
type EventJournal struct {
	j chain.Journal[EventRecord]
}

// Record appends the event e, applied at at, that produced after (the
// registration Registration.Apply returned): after must be a registration
// built by New or NewFromLead ("/registration") whose last event is at
// ("/at"), and e of a valid kind ("/event/kind"); a violation is a
// *FieldError matching ErrMissingField or ErrInvalidField.
func (j EventJournal) Record(after Registration, e Event, at time.Time) (EventJournal, error) {
	switch {
	case after.ID() == "":
		return j, missing("/registration")
	case !e.Kind.IsValid():
		return j, invalid("/event/kind", e.Kind.String(), "event kind required")
	case !after.LastEventAt().Equal(at):
		return j, invalid("/at", at.Format(time.RFC3339Nano), "the registration's last event is at %s: record the registration Apply returned for this event",
			after.LastEventAt().Format(time.RFC3339Nano))
	}
	e.Conflicting = nil
	rec := EventRecord{Registration: after.ID(), Partner: after.rec.Registrant.ID, At: at, Event: e, State: after.State(), ExpiresAt: after.ExpiresAt()}
	next, err := j.j.Append(eventDomain, rec)
	if err != nil {
		return j, &FieldError{Path: "/event", Err: fmt.Errorf("%w: %w", ErrInvalidField, err)}
	}
	return EventJournal{next}, nil
}

// Records returns the events in the order recorded.
func (j EventJournal) Records() []EventRecord { return j.j.Records() }

// Len returns the number of records.
func (j EventJournal) Len() int { return j.j.Len() }

// Head returns the hash of the last record ("" for an empty journal): a
// host that keeps it apart from the stored journal also detects a journal
// whose hashes were all recomputed, or whose last records were cut off.
func (j EventJournal) Head() string { return j.j.Head() }

// Equal reports whether two journals hold the same records.
func (j EventJournal) Equal(o EventJournal) bool { return j.j.Equal(o.j, EventRecord.Equal) }

// MarshalJSON encodes the journal deterministically: {"records": [...]},
// each record's members followed by "prev" and "hash" (64 lowercase hex
// digits of SHA-256).
func (j EventJournal) MarshalJSON() ([]byte, error) { return j.j.Marshal() }

// ParseEventJournal decodes a journal as MarshalJSON writes it, strictly
// (a *strictjson.Error with the JSON Pointer for unknown or duplicate
// members, null, oversize or too deeply nested documents), and verifies
// its hash chain: the first record that does not verify is a *FieldError
// at "/records/i" (its registration ID as the value) matching ErrTampered
// — an edited record fails itself; a removed, inserted or reordered record
// fails the first record after the change.
func ParseEventJournal(data []byte) (EventJournal, error) {
	j, i, bad, err := chain.ParseJournal[EventRecord](data, eventDomain,
		strictjson.Limits{MaxBytes: MaxEventJournalBytes, MaxDepth: MaxEventJournalDepth})
	switch {
	case err != nil && i < 0:
		return EventJournal{}, err
	case err != nil:
		return EventJournal{}, &FieldError{Path: field.At("records", i), Value: field.Truncate(bad.Registration),
			Err: fmt.Errorf("%w: the record %w", ErrTampered, err)}
	}
	return EventJournal{j}, nil
}

// UnmarshalJSON is ParseEventJournal.
func (j *EventJournal) UnmarshalJSON(b []byte) error {
	v, err := ParseEventJournal(b)
	if err != nil {
		return err
	}
	*j = v
	return nil
}
