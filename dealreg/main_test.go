package dealreg_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

func TestMain(m *testing.M) { proptest.Main(m) }

// t0 is the reference instant of the tests.
var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

func loadPolicy(t testing.TB) dealreg.Policy {
	t.Helper()
	b, err := os.ReadFile("testdata/policy.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := dealreg.ParsePolicy(b)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fixturePolicy is testdata/policy.json, for helpers without a testing.TB.
func fixturePolicy() dealreg.Policy {
	b, err := os.ReadFile("testdata/policy.json")
	if err != nil {
		panic(err)
	}
	return dealreg.MustParsePolicy(string(b))
}

// windowPolicy is a lifecycle-only policy with protection window w (and
// the fixture's tiers), to restore fixtures whose protection is shorter
// or longer than the fixture policy's 90 days.
func windowPolicy(w time.Duration) dealreg.Policy {
	return dealreg.MustNewPolicy(dealreg.PolicySpec{
		Window: w, ApprovalSLA: 48 * time.Hour, Tiers: []string{"registered", "silver", "gold", "platinum"},
	})
}

// with returns p with its spec changed by f.
func with(p dealreg.Policy, f func(*dealreg.PolicySpec)) dealreg.Policy {
	s := p.Spec()
	f(&s)
	return dealreg.MustNewPolicy(s)
}

// fixture completes a test fixture's record and restores it under p: the
// timestamps its state implies and rec leaves zero are taken from the
// ones it gives (creation and review start at submission, decision at
// review start, expiry at decision + p's window + extensions, last event
// at the latest instant); the source defaults to PartnerSourced and the
// stage at submission to Prospecting. It panics if the result is still
// inconsistent (RestoreRegistration is tested on its own).
func fixture(rec dealreg.RegistrationRecord, p dealreg.Policy) dealreg.Registration {
	if rec.Source == dealreg.SourceUnspecified {
		rec.Source = dealreg.PartnerSourced
	}
	if rec.CreatedAt.IsZero() {
		rec.CreatedAt = rec.SubmittedAt
	}
	if !rec.SubmittedAt.IsZero() && rec.StageAtSubmission == dealreg.StageUnspecified {
		rec.StageAtSubmission = dealreg.Prospecting
	}
	switch rec.State {
	case dealreg.UnderReview, dealreg.Approved, dealreg.Rejected, dealreg.Won, dealreg.Lost, dealreg.Expired:
		if rec.ReviewStartedAt.IsZero() {
			rec.ReviewStartedAt = rec.SubmittedAt
		}
	}
	switch rec.State {
	case dealreg.Approved, dealreg.Won, dealreg.Lost, dealreg.Expired, dealreg.Rejected:
		if rec.DecidedAt.IsZero() {
			rec.DecidedAt = rec.ReviewStartedAt
		}
	}
	if !rec.DecidedAt.IsZero() && rec.State != dealreg.Rejected && rec.ExpiresAt.IsZero() {
		rec.ExpiresAt = rec.DecidedAt.Add(p.Window() + time.Duration(rec.ExtensionsGranted)*p.ExtensionLength())
	}
	if rec.State == dealreg.Rejected && rec.ClosedAt.IsZero() {
		rec.ClosedAt = rec.DecidedAt
	}
	if rec.State.IsTerminal() {
		rec.LastEventAt = rec.ClosedAt
	} else {
		for _, at := range []time.Time{rec.CreatedAt, rec.SubmittedAt, rec.ReviewStartedAt, rec.DecidedAt} {
			if at.After(rec.LastEventAt) {
				rec.LastEventAt = at
			}
		}
	}
	r, err := dealreg.RestoreRegistration(rec, p)
	if err != nil {
		panic(err)
	}
	return r
}

// fieldPath returns the FieldPath of the first error in err's tree that
// has one, or "<none>".
func fieldPath(err error) string {
	var fp interface{ FieldPath() string }
	if errors.As(err, &fp) {
		return fp.FieldPath()
	}
	return "<none>"
}

// ratePtr returns a pointer to the rate s, for the optional members of a
// pricing.PolicySpec.
func ratePtr(s string) *money.Rate {
	r := money.MustRate(s)
	return &r
}

// protectionOnly is a policy with only the protection part: minimum
// advantage 5 %, additive stacking, no floor, half-even rounding.
func protectionOnly() dealreg.Policy {
	return dealreg.MustNewPolicy(dealreg.PolicySpec{MinAdvantage: money.MustRate("0.05"),
		Pricing: pricing.PolicySpec{Stacking: pricing.Additive, Rounding: money.HalfEven}})
}
