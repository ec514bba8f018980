package mdf_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// The lifecycle model is an independent statement of a fund and its
// requests: the state each legal event leads to is a table here (the
// package switches in allowed and next), amounts are int64 cents, the
// vendor share of a claim is rounded half-even by integer arithmetic, and
// the fund's balances are sums over the modelled requests. After every
// step the real fund must equal the model and satisfy
// available = allocated − (paid + approved + pending) with every balance
// at least zero.

type reqEdge struct {
	from mdf.RequestState
	ev   mdf.RequestEventKind
}

var requestTable = map[reqEdge]mdf.RequestState{
	{mdf.Requested, mdf.PreApprove}:         mdf.PreApproved,
	{mdf.Requested, mdf.Deny}:               mdf.Denied,
	{mdf.Requested, mdf.Cancel}:             mdf.Cancelled,
	{mdf.PreApproved, mdf.CompleteActivity}: mdf.ActivityDone,
	{mdf.PreApproved, mdf.Extend}:           mdf.PreApproved,
	{mdf.PreApproved, mdf.Lapse}:            mdf.Lapsed,
	{mdf.PreApproved, mdf.Cancel}:           mdf.Cancelled,
	{mdf.ActivityDone, mdf.SubmitClaim}:     mdf.Claimed,
	{mdf.ActivityDone, mdf.Extend}:          mdf.ActivityDone,
	{mdf.ActivityDone, mdf.Lapse}:           mdf.Lapsed,
	{mdf.ActivityDone, mdf.Cancel}:          mdf.Cancelled,
	{mdf.Claimed, mdf.ApproveClaim}:         mdf.ClaimApproved,
	{mdf.Claimed, mdf.DenyClaim}:            mdf.ClaimDenied,
	{mdf.Claimed, mdf.Cancel}:               mdf.Cancelled,
	{mdf.ClaimApproved, mdf.Pay}:            mdf.ClaimApproved, // Paid once fully paid
}

// forward is the event that moves a request towards payment.
var forward = map[mdf.RequestState]mdf.RequestEventKind{
	mdf.Requested: mdf.PreApprove, mdf.PreApproved: mdf.CompleteActivity, mdf.ActivityDone: mdf.SubmitClaim,
	mdf.Claimed: mdf.ApproveClaim, mdf.ClaimApproved: mdf.Pay,
}

type modelReq struct {
	real                        mdf.Request
	state                       mdf.RequestState
	req, pre, reimb, appr, paid int64
	start, plannedEnd, due      time.Time
	ext                         int
	claimed                     bool

	restored   mdf.Request // real as last restored from its record
	isRestored bool
}

type fundModel struct {
	f             mdf.Fund
	alloc, lapsed int64
	status        mdf.FundStatus
	expires, last time.Time
	reqs          []*modelReq

	restored   mdf.Fund // f as last restored from its record
	isRestored bool
}

func cents(n int64) money.Amount { return money.FromMinor(n, usd) }

// holds sums the requests' holds: pending, approved, paid.
func (m *fundModel) holds() (pending, approved, paid int64) {
	for _, r := range m.reqs {
		switch r.state {
		case mdf.Requested:
			pending += r.req
		case mdf.PreApproved, mdf.ActivityDone, mdf.Claimed:
			approved += r.pre
		case mdf.ClaimApproved, mdf.Paid:
			approved += r.appr - r.paid
			paid += r.paid
		}
	}
	return
}

func (m *fundModel) available() int64 {
	p, a, pd := m.holds()
	return m.alloc - (p + a + pd)
}

// halfEven75 is round-half-even(c × 3/4) for c ≥ 0, in cents.
func halfEven75(c int64) int64 {
	q, rem := 3*c/4, 3*c%4
	if rem > 2 || rem == 2 && q%2 == 1 {
		q++
	}
	return q
}

func TestLifecycleModel(t *testing.T) {
	p := programme()
	rapid.Check(t, func(t *rapid.T) {
		var clockAt func(*rapid.T, bool) time.Time
		m := &fundModel{f: discretionary("F"), status: mdf.FundOpen, expires: day(365), last: t0}
		// rapid runs few steps per case (15 under -short): start with an
		// allotment and weight request events, so that claims, approvals
		// and instalments are reached.
		if initial := rapid.Int64Range(0, 50000).Draw(t, "initial"); initial > 0 {
			m.f, m.alloc = must(m.f.Allot(cents(initial), t0)), initial
		}
		clock := func(t *rapid.T) time.Time {
			return clockAt(t, false)
		}
		_ = clock
		clockAt = func(t *rapid.T, sane bool) time.Time {
			lo := 0
			if sane {
				lo = 2
			}
			switch rapid.IntRange(lo, 9).Draw(t, "when") {
			case 0:
				return m.last.Add(-time.Hour)
			case 1:
				return m.last.Add(time.Duration(rapid.IntRange(30, 200).Draw(t, "days")) * 24 * time.Hour)
			default:
				return m.last.Add(time.Duration(rapid.IntRange(0, 72).Draw(t, "hours")) * time.Hour)
			}
		}
		money1 := func(t *rapid.T, label string) int64 { return rapid.Int64Range(0, 12000).Draw(t, label) }
		apply := func(t *rapid.T, ok bool, name string, err error, g mdf.Fund, at time.Time) {
			if !ok {
				if err == nil {
					t.Fatalf("%s: want an error", name)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			m.f, m.last = g, at
		}
		event := func(t *rapid.T, r *modelReq, sane bool) {
			at := clockAt(t, sane)
			if rapid.IntRange(0, 3).Draw(t, "nearDue") == 0 && !r.due.IsZero() && !r.due.Before(m.last) {
				at = r.due.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "dueNs")))
			}
			k := mdf.RequestEventKind(rapid.IntRange(1, int(mdf.Lapse)).Draw(t, "kind"))
			// Mostly an event the state accepts, with a plausible
			// payload, to reach payments; sometimes anything.
			if sane {
				var ks []mdf.RequestEventKind
				for e := range requestTable {
					if e.from == r.state {
						ks = append(ks, e.ev)
					}
				}
				if len(ks) > 0 {
					slices.Sort(ks)
					k = rapid.SampledFrom(ks).Draw(t, "saneKind")
					if fw, ok := forward[r.state]; ok && rapid.IntRange(0, 3).Draw(t, "forward") > 0 {
						k = fw
					}
				}
			}
			ev := mdf.RequestEvent{Kind: k}
			var x int64
			if !sane && rapid.Bool().Draw(t, "withAmount") || sane && (k == mdf.Pay || (k == mdf.PreApprove || k == mdf.ApproveClaim) && rapid.IntRange(0, 2).Draw(t, "reduce") == 0) {
				x = money1(t, "amount")
				if sane && k == mdf.Pay && r.appr > r.paid {
					x = rapid.Int64Range(1, r.appr-r.paid).Draw(t, "instalment")
				}
				ev.Amount = cents(x)
			}
			if !sane && rapid.Bool().Draw(t, "withReason") || sane && (k == mdf.Deny || k == mdf.DenyClaim || ev.Amount.IsValid() && k != mdf.Pay) {
				ev.Reason = mdf.OtherPolicy
			}
			switch k {
			case mdf.CompleteActivity:
				ev.ActivityEnd = r.start.Add(time.Duration(rapid.IntRange(-24, 24*5).Draw(t, "endHours")) * time.Hour)
				if sane && !at.Before(r.start) {
					ev.ActivityEnd = r.start.Add(time.Duration(rapid.Int64Range(0, int64(at.Sub(r.start))).Draw(t, "endNs")))
				}
			case mdf.SubmitClaim:
				ev.Claim = mdf.Claim{Cost: cents(rapid.Int64Range(0, 30000).Draw(t, "cost"))}
			}
			ok, to := m.legal(r, ev, x, at)
			got, g, err := r.real.Apply(ev, m.f, p, at)
			if k == mdf.SubmitClaim && r.claimed && !errors.Is(err, mdf.ErrDuplicateClaim) {
				t.Fatalf("second claim: %v, want ErrDuplicateClaim", err)
			}
			if !ok {
				if err == nil {
					t.Fatalf("%s from %s at %v: want an error", k, r.state, at)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s from %s at %v (due %v): %v", k, r.state, at, r.due, err)
			}
			m.advance(r, ev, x, to)
			r.real = got
			m.f, m.last = g, at
		}
		actions := map[string]func(*rapid.T){
			"allot": func(t *rapid.T) {
				x, at := money1(t, "x"), clock(t)
				ok := !at.Before(m.last) && m.status == mdf.FundOpen && at.Before(m.expires) && x > 0
				g, err := m.f.Allot(cents(x), at)
				if ok {
					m.alloc += x
				}
				apply(t, ok, "allot", err, g, at)
			},
			"reduce": func(t *rapid.T) {
				x, at := money1(t, "x"), clock(t)
				ok := !at.Before(m.last) && x > 0 && x <= m.available()
				g, err := m.f.Reduce(cents(x), at)
				if ok {
					m.alloc -= x
				} else if err != nil && x > m.available() && x > 0 && !at.Before(m.last) && !errors.Is(err, mdf.ErrInsufficient) {
					t.Fatalf("reduce beyond available: %v, want ErrInsufficient", err)
				}
				apply(t, ok, "reduce", err, g, at)
			},
			"expire": func(t *rapid.T) {
				at := clock(t)
				if rapid.Bool().Draw(t, "atExpiry") && !m.expires.Before(m.last) {
					at = m.expires.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
				}
				ok := !at.Before(m.last) && !at.Before(m.expires) && m.status != mdf.FundCancelled
				g, err := m.f.Expire(at)
				if ok {
					av := m.available()
					m.alloc, m.lapsed, m.status = m.alloc-av, m.lapsed+av, mdf.FundExpired
				}
				apply(t, ok, "expire", err, g, at)
			},
			"cancel": func(t *rapid.T) {
				at := clock(t)
				ok := !at.Before(m.last) && m.status == mdf.FundOpen
				g, err := m.f.Cancel(at)
				if ok {
					av := m.available()
					m.alloc, m.lapsed, m.status = m.alloc-av, m.lapsed+av, mdf.FundCancelled
				}
				apply(t, ok, "cancel", err, g, at)
			},
			"request": func(t *rapid.T) {
				x, at := money1(t, "x"), clock(t)
				start := at.Add(time.Duration(rapid.IntRange(0, 72).Draw(t, "startHours")) * time.Hour)
				end := start.Add(time.Duration(rapid.IntRange(0, 5).Draw(t, "lenDays")) * 24 * time.Hour)
				ok := !at.Before(m.last) && m.status == mdf.FundOpen && at.Before(m.expires) && x > 0 && x <= m.available()
				spec := mdf.RequestSpec{ID: "R" + itoa(len(m.reqs)), FundID: "F", Partner: "P", ActivityType: "webinar",
					Amount: cents(x), ActivityStart: start, ActivityEnd: end}
				r, g, err := mdf.NewRequest(spec, m.f, p, at)
				if ok && err == nil {
					m.reqs = append(m.reqs, &modelReq{real: r, state: mdf.Requested, req: x, start: start, plannedEnd: end})
				}
				apply(t, ok, "request", err, g, at)
			},
			"event": func(t *rapid.T) {
				if len(m.reqs) == 0 {
					t.Skip("no request")
				}
				event(t, rapid.SampledFrom(m.reqs).Draw(t, "req"), rapid.IntRange(0, 7).Draw(t, "sane") > 0)
			},
			// walk applies a run of plausible events, to reach claims,
			// approvals and instalments within rapid's few steps.
			"walk": func(t *rapid.T) {
				if len(m.reqs) == 0 {
					t.Skip("no request")
				}
				r := rapid.SampledFrom(m.reqs).Draw(t, "req")
				for range rapid.IntRange(1, 10).Draw(t, "walk") {
					event(t, r, true)
				}
			},
			"": func(t *rapid.T) { m.check(t); m.restoreAll(t, p) },
		}
		actions["request2"] = actions["request"]
		t.Repeat(actions)
	})
}

// legal says whether ev (amount x cents) on r at at is legal in the
// model, and the state it leads to.
func (m *fundModel) legal(r *modelReq, ev mdf.RequestEvent, x int64, at time.Time) (bool, mdf.RequestState) {
	to, ok := requestTable[reqEdge{r.state, ev.Kind}]
	if !ok || at.Before(m.last) {
		return false, r.state
	}
	hasAmount, hasReason := ev.Amount.IsValid(), ev.Reason.IsValid()
	// Members an event does not read must be absent.
	reads := map[mdf.RequestEventKind][2]bool{ // amount, reason
		mdf.PreApprove: {true, true}, mdf.ApproveClaim: {true, true}, mdf.Pay: {true, false},
		mdf.Deny: {false, true}, mdf.DenyClaim: {false, true},
	}[ev.Kind]
	if hasAmount && !reads[0] || hasReason && !reads[1] {
		return false, r.state
	}
	// reduced: amount absent = full; less than full needs a reason; full
	// has none; zero or more than full is illegal.
	reduced := func(full int64) bool {
		if !hasAmount || x == full {
			return !hasReason
		}
		return x > 0 && x < full && hasReason
	}
	switch ev.Kind {
	case mdf.PreApprove:
		ok = reduced(r.req)
	case mdf.Deny, mdf.DenyClaim:
		ok = hasReason
	case mdf.CompleteActivity:
		ok = !ev.ActivityEnd.After(at) && !ev.ActivityEnd.Before(r.start)
	case mdf.Extend:
		ok = at.Before(r.due) && r.ext < 1
	case mdf.Lapse:
		ok = !at.Before(r.due)
	case mdf.SubmitClaim:
		ok = at.Before(r.due) && ev.Claim.Cost.Sign() > 0
	case mdf.ApproveClaim:
		ok = reduced(r.reimb)
	case mdf.Pay:
		ok = hasAmount && x > 0 && x <= r.appr-r.paid
	}
	return ok, to
}

// advance applies a legal event to the model.
func (m *fundModel) advance(r *modelReq, ev mdf.RequestEvent, x int64, to mdf.RequestState) {
	full := func(v int64) int64 {
		if ev.Amount.IsValid() {
			return x
		}
		return v
	}
	switch ev.Kind {
	case mdf.PreApprove:
		r.pre = full(r.req)
		r.due = r.plannedEnd.Add(60 * 24 * time.Hour)
	case mdf.CompleteActivity:
		r.due = ev.ActivityEnd.Add(time.Duration(60+30*r.ext) * 24 * time.Hour)
	case mdf.Extend:
		r.ext++
		r.due = r.due.Add(30 * 24 * time.Hour)
	case mdf.SubmitClaim:
		c, _ := ev.Claim.Cost.MinorUnits()
		r.claimed, r.reimb = true, min(r.pre, halfEven75(c))
	case mdf.ApproveClaim:
		r.appr = full(r.reimb)
		if r.appr == 0 {
			to = mdf.Paid
		}
	case mdf.Pay:
		r.paid += x
		if r.paid == r.appr {
			to = mdf.Paid
		}
	}
	r.state = to
}

func (m *fundModel) check(t *rapid.T) {
	b := m.f.Balance()
	pending, approved, paid := m.holds()
	want := mdf.Balance{Allocated: cents(m.alloc), Paid: cents(paid), Approved: cents(approved), Pending: cents(pending), Available: cents(m.available())}
	if !b.Equal(want) {
		t.Fatalf("balance %+v, model %+v", b, want)
	}
	// The identity, recomputed from the fund's own figures.
	sum := money.FromMinor(0, usd)
	for _, a := range []money.Amount{b.Paid, b.Approved, b.Pending} {
		if a.Sign() < 0 {
			t.Fatalf("negative balance %v in %+v", a, b)
		}
		sum = must(sum.Add(a))
	}
	if avail := must(b.Allocated.Sub(sum)); !avail.Equal(b.Available) || avail.Sign() < 0 || !m.f.Available().Equal(avail) {
		t.Fatalf("identity broken: %+v", b)
	}
	if m.f.Status() != m.status || !m.f.Lapsed().Equal(cents(m.lapsed)) {
		t.Fatalf("status %s lapsed %v, model %s %d", m.f.Status(), m.f.Lapsed(), m.status, m.lapsed)
	}
	for _, r := range m.reqs {
		if r.real.State() != r.state {
			t.Fatalf("request %s: state %s, model %s", r.real.ID(), r.real.State(), r.state)
		}
		if r.state != mdf.Requested && !r.real.ClaimDue().Equal(r.due) {
			t.Fatalf("request %s: due %v, model %v", r.real.ID(), r.real.ClaimDue(), r.due)
		}
	}
}

func itoa(n int) string {
	return money.FromMinor(int64(n), money.MustCurrency("JPY")).Decimal().String()
}

// restoreAll checks that the fund and every request restore from their
// records, also through JSON. A value is restored again only when it
// changed since its last check (an action that fails leaves everything
// unchanged, and most actions touch one request), which keeps the
// race-enabled suite within CI's budget.
func (m *fundModel) restoreAll(t *rapid.T, p mdf.Programme) {
	if !m.isRestored || !m.restored.Equal(m.f) {
		b, err := m.f.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := mdf.ParseFund(b)
		if err != nil || !back.Equal(m.f) {
			t.Fatalf("fund %s: restored %v, %v", b, back.Record(), err)
		}
		m.restored, m.isRestored = m.f, true
	}
	for _, r := range m.reqs {
		if r.isRestored && r.restored.Equal(r.real) {
			continue
		}
		r.restored, r.isRestored = r.real, true
		b, err := strictjson.Marshal(r.real.Record())
		if err != nil {
			t.Fatal(err)
		}
		var rec mdf.RequestRecord
		if err := strictjson.Unmarshal(b, &rec, strictjson.Limits{}); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		got, err := mdf.RestoreRequest(rec, p)
		if err != nil || !got.Equal(r.real) {
			t.Fatalf("request %s: restored %+v, %v", b, got.Record(), err)
		}
	}
}
