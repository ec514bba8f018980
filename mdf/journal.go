package mdf

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/internal/chain"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// ErrTampered reports a stored decision journal whose hash chain does not
// verify: a record was edited, removed, inserted or reordered (see
// ParseDecisionJournal).
var ErrTampered = errors.New("mdf: decision journal does not verify")

// Documented limits of a decision journal document.
const (
	// MaxDecisionJournalBytes is the largest journal ParseDecisionJournal
	// reads.
	MaxDecisionJournalBytes = 64 << 20
	// MaxDecisionJournalDepth is the deepest nesting of objects and arrays
	// (the object at /records/i/event/claim/proof/j has depth 7).
	MaxDecisionJournalDepth = 7
)

// decisionDomain labels the hashes of decision records.
const decisionDomain = "partnerecon mdf decision v1"

// DecisionRecord is one decision on a request — a pre-approval or denial,
// a claim, a claim approval or denial, a payment, a cancellation, an
// extension, a lapse — as the host applied it with Request.Apply: the
// event, when, and the request's state and amounts after it.
type DecisionRecord struct {
	Request     string       `json:"request"`
	Fund        string       `json:"fund"`
	At          time.Time    `json:"at"`
	Event       RequestEvent `json:"event"`
	State       RequestState `json:"state"`
	PreApproved money.Amount `json:"pre_approved"`
	Approved    money.Amount `json:"approved"`
	Paid        money.Amount `json:"paid"`
}

// Equal reports whether two records are the same (amounts numerically,
// times with time.Time.Equal).
func (d DecisionRecord) Equal(o DecisionRecord) bool {
	e, f := d.Event, o.Event
	return d.Request == o.Request && d.Fund == o.Fund && d.At.Equal(o.At) && d.State == o.State &&
		d.PreApproved.Equal(o.PreApproved) && d.Approved.Equal(o.Approved) && d.Paid.Equal(o.Paid) &&
		e.Kind == f.Kind && e.Amount.Equal(f.Amount) && e.Reason == f.Reason && e.Note == f.Note &&
		e.ActivityEnd.Equal(f.ActivityEnd) && e.Claim.Equal(f.Claim)
}

// DecisionJournal is an append-only, tamper-evident journal of the
// decisions on MDF requests: each record carries the hash of the record
// before it and its own hash over its canonical JSON form and that link,
// so a stored journal that was edited, or had a record removed, inserted
// or reordered, fails ParseDecisionJournal naming the first record that
// does not verify. The zero DecisionJournal is empty and ready to use;
// Record returns a new journal and leaves its receiver unchanged.
type DecisionJournal struct {
	j chain.Journal[DecisionRecord]
}

// Record appends the decision ev, applied at at, that produced after (the
// request Request.Apply returned): after must be a valid request whose
// last event is at (an *InputError at "/at" otherwise, matching
// ErrInvalid), and ev a valid event kind ("/event/kind").
func (j DecisionJournal) Record(after Request, ev RequestEvent, at time.Time) (DecisionJournal, error) {
	switch {
	case after.ID() == "":
		return j, inputErr("/request", "", wrap(ErrMissing, "a request built by NewRequest"))
	case !ev.Kind.IsValid():
		return j, inputErr("/event/kind", ev.Kind.String(), wrap(ErrInvalid, "event kind required"))
	case !after.LastEventAt().Equal(at):
		return j, inputErr("/at", at.Format(time.RFC3339Nano), wrap(ErrInvalid, "the request's last event is at %s: record the request Apply returned for this event",
			after.LastEventAt().Format(time.RFC3339Nano)))
	}
	rec := DecisionRecord{Request: after.ID(), Fund: after.Spec().FundID, At: at, Event: ev, State: after.State(),
		PreApproved: after.rec.PreApproved, Approved: after.Approved(), Paid: after.Paid()}
	next, err := j.j.Append(decisionDomain, rec)
	if err != nil {
		return j, documentError(err)
	}
	return DecisionJournal{next}, nil
}

// Records returns the decisions in the order recorded.
func (j DecisionJournal) Records() []DecisionRecord { return j.j.Records() }

// Len returns the number of records.
func (j DecisionJournal) Len() int { return j.j.Len() }

// Head returns the hash of the last record ("" for an empty journal): a
// host that keeps it apart from the stored journal also detects a journal
// whose hashes were all recomputed, or whose last records were cut off.
func (j DecisionJournal) Head() string { return j.j.Head() }

// Equal reports whether two journals hold the same records.
func (j DecisionJournal) Equal(o DecisionJournal) bool { return j.j.Equal(o.j, DecisionRecord.Equal) }

// MarshalJSON encodes the journal deterministically: {"records": [...]},
// each record's members followed by "prev" and "hash" (64 lowercase hex
// digits of SHA-256).
func (j DecisionJournal) MarshalJSON() ([]byte, error) { return j.j.Marshal() }

// ParseDecisionJournal decodes a journal as MarshalJSON writes it,
// strictly (an *InputError with the JSON Pointer for unknown or
// duplicate members, null, oversize or too deeply nested documents), and
// verifies its hash chain: the first record that does not verify is an
// *InputError at "/records/i" (its request ID as the value) matching
// ErrTampered — an edited record fails itself; a removed, inserted or
// reordered record fails the first record after the change.
func ParseDecisionJournal(data []byte) (DecisionJournal, error) {
	j, i, bad, err := chain.ParseJournal[DecisionRecord](data, decisionDomain,
		strictjson.Limits{MaxBytes: MaxDecisionJournalBytes, MaxDepth: MaxDecisionJournalDepth})
	switch {
	case err != nil && i < 0:
		return DecisionJournal{}, documentError(err)
	case err != nil:
		return DecisionJournal{}, inputErr(field.At("records", i), bad.Request, fmt.Errorf("%w: the record %w", ErrTampered, err))
	}
	return DecisionJournal{j}, nil
}

// UnmarshalJSON is ParseDecisionJournal.
func (j *DecisionJournal) UnmarshalJSON(b []byte) error {
	v, err := ParseDecisionJournal(b)
	if err != nil {
		return err
	}
	*j = v
	return nil
}
