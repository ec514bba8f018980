package dealreg_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// lifecycleModel is an independent statement of the lifecycle: the state
// each legal event leads to, written as a table here (the package has no
// table; it switches in AllowedEvents and Apply), checked against Apply,
// and the history of states with the expiry in force, checked against
// StateAt, Protected and Open at past instants and at the expiry instant.
type lifecycleModel struct {
	p       dealreg.Policy
	r       dealreg.Registration
	state   dealreg.State
	last    time.Time
	expires time.Time
	granted int
	pending bool
	hist    []modelEntry // one entry per applied event, in order

	restored int // len(hist) when the registration was last restored from its record
}

// modelEntry is the state entered at an instant and the expiry then in
// force (zero before approval).
type modelEntry struct {
	at      time.Time
	state   dealreg.State
	expires time.Time
}

// stateAt is the model's state at an instant: the state entered by the
// last event at or before it, Expired once an approved state's expiry in
// force has passed, nothing before creation.
func (m *lifecycleModel) stateAt(at time.Time) dealreg.State {
	st := dealreg.StateUnspecified
	for _, e := range m.hist {
		if at.Before(e.at) {
			break
		}
		st = e.state
		if st == dealreg.Approved && !at.Before(e.expires) {
			st = dealreg.Expired
		}
	}
	return st
}

func (m *lifecycleModel) expired(at time.Time) bool {
	return m.state == dealreg.Approved && !at.Before(m.expires)
}

// legal returns whether event k at time at is legal in the model, and the
// state it leads to.
func (m *lifecycleModel) legal(k dealreg.EventKind, reason string, at time.Time) (bool, dealreg.State) {
	if at.Before(m.last) {
		return false, m.state
	}
	to, ok := lifecycleTable[edge{m.state, k}]
	if !ok {
		return false, m.state
	}
	if m.state == dealreg.Approved {
		if m.expired(at) != (k == dealreg.Expire) {
			return false, m.state
		}
		// Only the extension events have extra conditions.
		//exhaustive:ignore
		switch k {
		case dealreg.RequestExtension:
			ok = !m.pending && m.granted < m.p.MaxExtensions()
		case dealreg.GrantExtension, dealreg.DenyExtension:
			ok = m.pending
		}
	}
	if k == dealreg.Reject && reason == "" {
		ok = false
	}
	return ok, to
}

type edge struct {
	from dealreg.State
	ev   dealreg.EventKind
}

// lifecycleTable is the transition table of the model.
var lifecycleTable = map[edge]dealreg.State{
	{dealreg.Draft, dealreg.Update}:              dealreg.Draft,
	{dealreg.Draft, dealreg.Submit}:              dealreg.Submitted,
	{dealreg.Draft, dealreg.Withdraw}:            dealreg.Withdrawn,
	{dealreg.Submitted, dealreg.StartReview}:     dealreg.UnderReview,
	{dealreg.Submitted, dealreg.Withdraw}:        dealreg.Withdrawn,
	{dealreg.UnderReview, dealreg.Approve}:       dealreg.Approved,
	{dealreg.UnderReview, dealreg.Reject}:        dealreg.Rejected,
	{dealreg.UnderReview, dealreg.Withdraw}:      dealreg.Withdrawn,
	{dealreg.Approved, dealreg.Update}:           dealreg.Approved,
	{dealreg.Approved, dealreg.RequestExtension}: dealreg.Approved,
	{dealreg.Approved, dealreg.GrantExtension}:   dealreg.Approved,
	{dealreg.Approved, dealreg.DenyExtension}:    dealreg.Approved,
	{dealreg.Approved, dealreg.Win}:              dealreg.Won,
	{dealreg.Approved, dealreg.Lose}:             dealreg.Lost,
	{dealreg.Approved, dealreg.Withdraw}:         dealreg.Withdrawn,
	{dealreg.Approved, dealreg.Expire}:           dealreg.Expired,
}

func TestLifecycleModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := dealreg.MustNewPolicy(dealreg.PolicySpec{
			Window:          time.Duration(rapid.Int64Range(1, 100*24).Draw(t, "windowHours")) * time.Hour,
			MaxExtensions:   rapid.IntRange(0, 3).Draw(t, "maxExt"),
			ExtensionLength: time.Duration(rapid.Int64Range(1, 30*24).Draw(t, "extHours")) * time.Hour,
			ApprovalSLA:     time.Hour,
			Tiers:           []string{"silver"},
		})
		deal := dealreg.Deal{
			Customer: dealreg.Customer{Name: "Acme", Domain: "acme.com", Country: "US"},
			Contact:  "Jo", ProductLines: []string{"storage"}, Size: money.MustParse("5000 USD"),
			Stage: dealreg.Commit, ExpectedClose: t0, SKUs: []dealreg.SKULine{{SKU: "A", Quantity: 1}},
		}
		r, err := dealreg.New("R", dealreg.Registrant{ID: "P", Tier: "silver"}, deal, dealreg.PartnerSourced, "", t0)
		if err != nil {
			t.Fatal(err)
		}
		m := &lifecycleModel{p: p, r: r, state: dealreg.Draft, last: t0, hist: []modelEntry{{at: t0, state: dealreg.Draft}}}
		t.Repeat(map[string]func(*rapid.T){
			"event": func(t *rapid.T) {
				reason := rapid.SampledFrom([]string{"", "duplicate"}).Draw(t, "reason")
				var at time.Time
				switch rapid.IntRange(0, 5).Draw(t, "when") {
				case 0: // exactly at, or a nanosecond around, the expiry instant
					at = m.expires.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
				case 1: // back in time
					at = m.last.Add(-time.Duration(rapid.Int64Range(1, int64(time.Hour)).Draw(t, "back")))
				case 2, 3: // soon
					at = m.last.Add(time.Duration(rapid.Int64Range(0, int64(time.Hour)).Draw(t, "dtSmall")))
				default:
					at = m.last.Add(time.Duration(rapid.Int64Range(0, int64(60*24*time.Hour)).Draw(t, "dt")))
				}
				before := m.r
				// Half the time pick among the allowed events, to reach deep states.
				k := dealreg.EventKind(rapid.IntRange(0, int(dealreg.Withdraw)+1).Draw(t, "kind"))
				if allowed := before.AllowedEvents(at, p); len(allowed) > 0 && rapid.Bool().Draw(t, "pickAllowed") {
					k = rapid.SampledFrom(allowed).Draw(t, "allowedKind")
				}
				ok, to := m.legal(k, reason, at)
				if allowed := slices.Contains(before.AllowedEvents(at, p), k); allowed != (ok || k == dealreg.Reject && reason == "" && allowedIgnoringReason(m, k, at)) {
					t.Fatalf("AllowedEvents(%s) at %v contains %s = %v; model says %v", before.State(), at, k, allowed, ok)
				}
				got, err := before.Apply(dealreg.Event{Kind: k, Reason: reason, Deal: deal}, at, p)
				if !ok {
					if err == nil {
						t.Fatalf("%s from %s at %v: want error", k, m.state, at)
					}
					if !got.Equal(before) {
						t.Fatalf("failed %s changed the registration", k)
					}
					return
				}
				if err != nil {
					t.Fatalf("%s from %s at %v: %v", k, m.state, at, err)
				}
				// Only these events change the modelled fields.
				//exhaustive:ignore
				switch k {
				case dealreg.Approve:
					m.expires = at.Add(p.Window())
				case dealreg.RequestExtension:
					m.pending = true
				case dealreg.GrantExtension:
					m.pending, m.granted, m.expires = false, m.granted+1, m.expires.Add(p.ExtensionLength())
				case dealreg.DenyExtension, dealreg.Win, dealreg.Lose, dealreg.Expire, dealreg.Withdraw: // a closed registration has no pending request
					m.pending = false
				}
				m.state, m.last, m.r = to, at, got
				m.hist = append(m.hist, modelEntry{at: at, state: to, expires: m.expires})
			},
			"": func(t *rapid.T) {
				r := m.r
				if !r.State().IsValid() || r.State() != m.state {
					t.Fatalf("state %s, model %s", r.State(), m.state)
				}
				if r.State() == dealreg.Approved || r.State() == dealreg.Expired {
					if !r.ExpiresAt().Equal(m.expires) || r.ExtensionsGranted() != m.granted || r.ExtensionPending() != m.pending {
						t.Fatalf("expiry %v/%d/%v, model %v/%d/%v", r.ExpiresAt(), r.ExtensionsGranted(), r.ExtensionPending(), m.expires, m.granted, m.pending)
					}
				}
				// The history, probed at every event instant and a
				// nanosecond around it, around the expiry instant, and at
				// a random instant: states, protection and the claim.
				var probes []time.Time
				for _, e := range m.hist {
					probes = append(probes, e.at.Add(-time.Nanosecond), e.at, e.at.Add(time.Nanosecond))
				}
				if !m.expires.IsZero() {
					probes = append(probes, m.expires.Add(-time.Nanosecond), m.expires, m.expires.Add(time.Nanosecond))
				}
				probes = append(probes, t0.Add(time.Duration(rapid.Int64Range(0, int64(m.last.Sub(t0))+int64(time.Hour)).Draw(t, "probe"))))
				for _, at := range probes {
					want := m.stateAt(at)
					if got := r.StateAt(at); got != want {
						t.Fatalf("StateAt(%v) = %s, model %s (history %v)", at, got, want, m.hist)
					}
					if r.Protected(at) != (want == dealreg.Approved) {
						t.Fatalf("Protected(%v) = %v in model state %s", at, r.Protected(at), want)
					}
					open := want == dealreg.Submitted || want == dealreg.UnderReview || want == dealreg.Approved
					if r.Open(at) != open {
						t.Fatalf("Open(%v) = %v in model state %s", at, r.Open(at), want)
					}
				}
				if r.State().IsTerminal() && len(r.AllowedEvents(r.LastEventAt(), p)) != 0 {
					t.Fatalf("terminal %s allows events", r.State())
				}
				// Every registration Apply produces restores from its
				// record, also after a trip through JSON (checked once per
				// applied event: a refused event leaves it unchanged).
				if m.restored == len(m.hist) {
					return
				}
				m.restored = len(m.hist)
				b, err := json.Marshal(r.Record())
				if err != nil {
					t.Fatal(err)
				}
				var rec dealreg.RegistrationRecord
				if err := strictjson.Unmarshal(b, &rec, strictjson.Limits{}); err != nil {
					t.Fatalf("%s: %v", b, err)
				}
				back, err := dealreg.RestoreRegistration(rec, p)
				if err != nil {
					t.Fatalf("restore %s: %v", b, err)
				}
				if !back.Equal(r) {
					t.Fatalf("restored %+v, want %+v", back.Record(), r.Record())
				}
			},
		})
	})
}

// allowedIgnoringReason reports whether k is allowed apart from a missing
// rejection reason (AllowedEvents does not look at payloads).
func allowedIgnoringReason(m *lifecycleModel, k dealreg.EventKind, at time.Time) bool {
	ok, _ := m.legal(k, "x", at)
	return ok
}
