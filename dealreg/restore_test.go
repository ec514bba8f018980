package dealreg_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/dealreg"
)

// A stored record restores to the registration it came from, in every
// state (the lifecycle model checks the same for random histories).
func TestRestoreRegistrationRoundTrip(t *testing.T) {
	p := loadPolicy(t)
	r := draft(t)
	withCommit := dealreg.Event{Kind: dealreg.Update, Deal: commitDeal(r.Deal())}
	paths := map[string][]dealreg.Event{
		"draft":                    nil,
		"submitted":                {ev(dealreg.Submit)},
		"under review":             {ev(dealreg.Submit), ev(dealreg.StartReview)},
		"approved, extension":      {ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve), ev(dealreg.RequestExtension), ev(dealreg.GrantExtension), ev(dealreg.RequestExtension)},
		"rejected":                 {ev(dealreg.Submit), ev(dealreg.StartReview), {Kind: dealreg.Reject, Reason: "duplicate"}},
		"won":                      {ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve), withCommit, ev(dealreg.Win)},
		"lost, pending extension":  {ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve), ev(dealreg.RequestExtension), ev(dealreg.Lose)},
		"withdrawn as draft":       {{Kind: dealreg.Withdraw, Reason: "changed mind"}},
		"withdrawn after approval": {ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve), ev(dealreg.Withdraw)},
	}
	for name, evs := range paths {
		t.Run(name, func(t *testing.T) {
			got, _ := apply(t, r, p, evs...)
			back, err := dealreg.RestoreRegistration(got.Record(), p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, back); diff != "" {
				t.Fatalf("restored (-want +got):\n%s", diff)
			}
		})
	}
	// Expired: applied after the 90-day window.
	a, at := apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve))
	exp, err := a.Apply(ev(dealreg.Expire), at.Add(90*24*time.Hour), p)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := dealreg.RestoreRegistration(exp.Record(), p); err != nil || !back.Equal(exp) {
		t.Fatalf("expired: %v", err)
	}
}

// Records that Apply could not have produced are refused, each with the
// member at fault. Every case changes one thing in a valid record.
func TestRestoreRegistrationRejects(t *testing.T) {
	p := loadPolicy(t) // window 90 days, at most 2 extensions of 30 days
	r := draft(t)
	approved, _ := apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve))
	rejected, _ := apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview), dealreg.Event{Kind: dealreg.Reject, Reason: "duplicate"})
	lost, _ := apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve), ev(dealreg.Lose))
	withdrawn, _ := apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Withdraw))
	day := 24 * time.Hour
	tests := []struct {
		name string
		base dealreg.Registration
		edit func(*dealreg.RegistrationRecord)
		path string
		want error
	}{
		{"no id", approved, func(e *dealreg.RegistrationRecord) { e.ID = "" }, "/id", dealreg.ErrMissingField},
		{"lead id on a partner-sourced deal", approved, func(e *dealreg.RegistrationRecord) { e.LeadID = "L-1" }, "/lead_id", dealreg.ErrInvalidField},
		{"no state", approved, func(e *dealreg.RegistrationRecord) { e.State = dealreg.StateUnspecified }, "/state", dealreg.ErrInvalidField},
		{"no creation", r, func(e *dealreg.RegistrationRecord) { e.CreatedAt = time.Time{} }, "/created_at", dealreg.ErrMissingField},
		{"draft with a decision", r, func(e *dealreg.RegistrationRecord) { e.DecidedAt = t0 }, "/decided_at", dealreg.ErrInvalidField},
		{"approved without review start", approved, func(e *dealreg.RegistrationRecord) { e.ReviewStartedAt = time.Time{} }, "/review_started_at", dealreg.ErrMissingField},
		{"review before submission", approved, func(e *dealreg.RegistrationRecord) { e.ReviewStartedAt = e.SubmittedAt.Add(-time.Minute) }, "/review_started_at", dealreg.ErrTimeOrder},
		{"last event before decision", approved, func(e *dealreg.RegistrationRecord) { e.LastEventAt = e.DecidedAt.Add(-time.Minute) }, "/last_event_at", dealreg.ErrTimeOrder},
		{"expiry off the window", approved, func(e *dealreg.RegistrationRecord) { e.ExpiresAt = e.ExpiresAt.Add(day) }, "/expires_at", dealreg.ErrInvalidField},
		// 90 + 30 days would fit one extension, but none was granted.
		{"extension not granted", approved, func(e *dealreg.RegistrationRecord) { e.ExpiresAt = e.ExpiresAt.Add(30 * day) }, "/expires_at", dealreg.ErrInvalidField},
		{"more extensions than allowed", approved, func(e *dealreg.RegistrationRecord) {
			e.ExtensionsGranted = 3
			e.ExpiresAt = e.ExpiresAt.Add(90 * day)
		}, "/extensions_granted", dealreg.ErrInvalidField},
		{"approved, last event after expiry", approved, func(e *dealreg.RegistrationRecord) { e.LastEventAt = e.ExpiresAt }, "/last_event_at", dealreg.ErrTimeOrder},
		{"no stage at submission", approved, func(e *dealreg.RegistrationRecord) { e.StageAtSubmission = dealreg.StageUnspecified }, "/stage_at_submission", dealreg.ErrInvalidField},
		{"reason on an approval", approved, func(e *dealreg.RegistrationRecord) { e.Reason = "why" }, "/reason", dealreg.ErrInvalidField},
		{"rejection without reason", rejected, func(e *dealreg.RegistrationRecord) { e.Reason = "" }, "/reason", dealreg.ErrMissingField},
		{"rejection with an expiry", rejected, func(e *dealreg.RegistrationRecord) { e.ExpiresAt = e.DecidedAt.Add(90 * day) }, "/expires_at", dealreg.ErrInvalidField},
		{"rejection closed later", rejected, func(e *dealreg.RegistrationRecord) {
			e.ClosedAt = e.DecidedAt.Add(time.Hour)
			e.LastEventAt = e.ClosedAt
		}, "/closed_at", dealreg.ErrInvalidField},
		{"closed, later event", lost, func(e *dealreg.RegistrationRecord) { e.LastEventAt = e.ClosedAt.Add(time.Hour) }, "/last_event_at", dealreg.ErrInvalidField},
		{"lost after expiry", lost, func(e *dealreg.RegistrationRecord) {
			e.ClosedAt = e.ExpiresAt
			e.LastEventAt = e.ClosedAt
		}, "/closed_at", dealreg.ErrTimeOrder},
		{"expired before expiry", lost, func(e *dealreg.RegistrationRecord) { e.State = dealreg.Expired }, "/closed_at", dealreg.ErrTimeOrder},
		{"pending extension after closing", lost, func(e *dealreg.RegistrationRecord) { e.ExtensionPending = true }, "/extension_pending", dealreg.ErrInvalidField},
		{"withdrawn, review without submission", withdrawn, func(e *dealreg.RegistrationRecord) { e.SubmittedAt = time.Time{} }, "/submitted_at", dealreg.ErrMissingField},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.base.Record()
			tt.edit(&rec)
			_, err := dealreg.RestoreRegistration(rec, p)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			var paths []string
			walk(err, func(e error) {
				if fe, ok := e.(*dealreg.FieldError); ok {
					paths = append(paths, fe.Path)
				}
			})
			if len(paths) == 0 || paths[0] != tt.path && (len(paths) < 2 || paths[1] != tt.path) {
				t.Fatalf("paths %q, want %q first (%v)", paths, tt.path, err)
			}
		})
	}
	// Without the lifecycle part there is no window to check against.
	_, err := dealreg.RestoreRegistration(approved.Record(), protectionOnly())
	if !errors.Is(err, dealreg.ErrPolicyPart) {
		t.Fatalf("err = %v, want ErrPolicyPart", err)
	}
}
