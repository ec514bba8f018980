package dealreg

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// RestoreRegistration turns a stored record (Registration.Record) back into
// a Registration, after checking that the record is one that Apply could
// have produced under p, the policy in force when the registration was
// approved:
//
//   - the identity New checks: "/id", "/registrant/id", "/source",
//     "/lead_id";
//   - a named state and a creation time;
//   - the timestamps the state implies, and no others: submitted_at from
//     submitted on (with stage_at_submission), review_started_at from
//     under review on, decided_at from approved or rejected on, expires_at
//     for an approved registration and after it, closed_at for a terminal
//     state; a withdrawn registration carries those of the state it was
//     withdrawn from;
//   - their order: created_at ≤ submitted_at ≤ review_started_at ≤
//     decided_at ≤ closed_at ≤ last_event_at, and last_event_at =
//     closed_at for a terminal state (ErrTimeOrder);
//   - expires_at = decided_at + window + extensions_granted × extension
//     length, with at most the policy's maximum of extensions granted;
//   - a win, loss or withdrawal after approval dated before expires_at, an
//     expiry at or after it, and an approved registration whose last event
//     precedes it;
//   - a reason for a rejection, none outside a rejection or withdrawal; a
//     pending extension only while approved.
//
// Every problem is reported at once, as errors.Join of *FieldError whose
// Path names the member of the record's JSON form ("/decided_at",
// "/expires_at", …). The deal is not checked again: the policy's
// requirements may have changed since it was submitted. p must have the
// lifecycle part (ErrPolicyPart).
func RestoreRegistration(rec RegistrationRecord, p Policy) (Registration, error) {
	if err := p.need(PartLifecycle); err != nil {
		return Registration{}, err
	}
	errs := identityErrors(rec.ID, rec.Registrant, rec.Source, rec.LeadID)
	errs = append(errs, rec.lifecycleErrors(p)...)
	if rec.SecondaryTo != "" && (rec.DecidedAt.IsZero() || rec.State == Rejected || rec.SecondaryTo == rec.ID) {
		errs = append(errs, invalid("/secondary_to", rec.SecondaryTo, "only an approved registration is secondary to another"))
	}
	if err := errors.Join(errs...); err != nil {
		return Registration{}, err
	}
	return Registration{rec: rec.clone()}, nil
}

// stamp is one timestamp of a record, with its member name.
type stamp struct {
	path string
	at   time.Time
}

// presence returns which timestamps state s implies: submitted, review
// started, decided (with expiry unless rejected) and closed. For a
// withdrawn registration only closed is fixed; the others form a prefix.
func presence(s State) (sub, rev, dec, exp, closed bool) {
	switch s {
	case Draft:
	case Submitted:
		sub = true
	case UnderReview:
		sub, rev = true, true
	case Approved:
		sub, rev, dec, exp = true, true, true, true
	case Rejected:
		sub, rev, dec, closed = true, true, true, true
	case Won, Lost, Expired:
		sub, rev, dec, exp, closed = true, true, true, true, true
	case Withdrawn, StateUnspecified:
		closed = s == Withdrawn
	default:
	}
	return sub, rev, dec, exp, closed
}

// lifecycleErrors checks the state and timestamps of a record.
func (r RegistrationRecord) lifecycleErrors(p Policy) []error {
	if !r.State.IsValid() {
		return []error{invalid("/state", r.State.String(), "must be a named state")}
	}
	var errs []error
	if r.CreatedAt.IsZero() {
		errs = append(errs, missing("/created_at"))
	}
	stamps := []stamp{{"/submitted_at", r.SubmittedAt}, {"/review_started_at", r.ReviewStartedAt}, {"/decided_at", r.DecidedAt}, {"/expires_at", r.ExpiresAt}, {"/closed_at", r.ClosedAt}}
	sub, rev, dec, exp, closed := presence(r.State)
	want := []bool{sub, rev, dec, exp, closed}
	if r.State == Withdrawn { // a prefix of the path to approval
		want = []bool{!r.SubmittedAt.IsZero(), !r.ReviewStartedAt.IsZero(), !r.DecidedAt.IsZero(), !r.DecidedAt.IsZero(), true}
		for i := 1; i < 3; i++ {
			if want[i] && !want[i-1] {
				errs = append(errs, missing(stamps[i-1].path))
			}
		}
	}
	for i, st := range stamps {
		switch {
		case want[i] && st.at.IsZero():
			errs = append(errs, &FieldError{Path: st.path, Err: fmt.Errorf("%w: a %s registration has it", ErrMissingField, r.State)})
		case !want[i] && !st.at.IsZero():
			errs = append(errs, invalid(st.path, st.at.Format(time.RFC3339Nano), "a %s registration has none", r.State))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	errs = append(errs, r.orderErrors(stamps)...)
	if want[0] != r.StageAtSubmission.IsValid() {
		errs = append(errs, invalid("/stage_at_submission", r.StageAtSubmission.String(), "a named stage exactly when submitted"))
	}
	errs = append(errs, r.expiryErrors(p, want[3])...)
	switch {
	case r.State == Rejected && r.Reason == "":
		errs = append(errs, missing("/reason"))
	case r.State == Rejected && !r.ClosedAt.Equal(r.DecidedAt):
		errs = append(errs, invalid("/closed_at", r.ClosedAt.Format(time.RFC3339Nano), "a rejection closes the registration when it is decided"))
	case r.State != Rejected && r.State != Withdrawn && r.Reason != "":
		errs = append(errs, invalid("/reason", r.Reason, "only a rejection or withdrawal has a reason"))
	}
	if r.ExtensionPending && r.State != Approved {
		errs = append(errs, invalid("/extension_pending", "true", "only an approved registration has a pending extension"))
	}
	return errs
}

// orderErrors checks that the timestamps present are in lifecycle order
// and that last_event_at is the last of them (the closing one for a
// terminal state).
func (r RegistrationRecord) orderErrors(stamps []stamp) []error {
	var errs []error
	prev := stamp{"/created_at", r.CreatedAt}
	for i, st := range stamps {
		if st.at.IsZero() || i == 3 { // expires_at is checked against the policy
			continue
		}
		if st.at.Before(prev.at) {
			errs = append(errs, &FieldError{Path: st.path, Value: st.at.Format(time.RFC3339Nano), Err: fmt.Errorf("%w: before %s", ErrTimeOrder, prev.path[1:])})
		}
		prev = st
	}
	switch {
	case r.LastEventAt.Before(prev.at):
		errs = append(errs, &FieldError{Path: "/last_event_at", Value: r.LastEventAt.Format(time.RFC3339Nano), Err: fmt.Errorf("%w: before %s", ErrTimeOrder, prev.path[1:])})
	case r.State.IsTerminal() && !r.LastEventAt.Equal(r.ClosedAt):
		errs = append(errs, invalid("/last_event_at", r.LastEventAt.Format(time.RFC3339Nano), "a closed registration's last event is its closing"))
	}
	return errs
}

// expiryErrors checks expires_at against the policy and the closing time.
func (r RegistrationRecord) expiryErrors(p Policy, approved bool) []error {
	var errs []error
	if r.ExtensionsGranted < 0 || r.ExtensionsGranted > p.spec.MaxExtensions || !approved && r.ExtensionsGranted > 0 {
		errs = append(errs, invalid("/extensions_granted", strconv.Itoa(r.ExtensionsGranted), "must be in [0, %d] and 0 before approval", p.spec.MaxExtensions))
	}
	if !approved || len(errs) > 0 {
		return errs
	}
	want := r.DecidedAt.Add(p.spec.Window + time.Duration(r.ExtensionsGranted)*p.spec.ExtensionLength)
	if !r.ExpiresAt.Equal(want) {
		return append(errs, invalid("/expires_at", r.ExpiresAt.Format(time.RFC3339Nano),
			"must be decided_at + window + extensions granted × extension length = %s", want.Format(time.RFC3339Nano)))
	}
	switch r.State {
	case Expired:
		if r.ClosedAt.Before(r.ExpiresAt) {
			errs = append(errs, &FieldError{Path: "/closed_at", Value: r.ClosedAt.Format(time.RFC3339Nano), Err: fmt.Errorf("%w: expired before expires_at", ErrTimeOrder)})
		}
	case Won, Lost, Withdrawn:
		if !r.ClosedAt.Before(r.ExpiresAt) {
			errs = append(errs, &FieldError{Path: "/closed_at", Value: r.ClosedAt.Format(time.RFC3339Nano), Err: fmt.Errorf("%w: closed at or after expires_at, when only expiry is allowed", ErrTimeOrder)})
		}
	case Approved:
		if !r.LastEventAt.Before(r.ExpiresAt) {
			errs = append(errs, &FieldError{Path: "/last_event_at", Value: r.LastEventAt.Format(time.RFC3339Nano), Err: fmt.Errorf("%w: an event at or after expires_at other than expiry", ErrTimeOrder)})
		}
	case StateUnspecified, Draft, Submitted, UnderReview, Rejected:
	default:
	}
	return errs
}
