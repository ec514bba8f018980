package mdf

import (
	"time"

	"github.com/partnerecon/partnerecon/money"
)

// RequestSpec is what a partner asks for: an amount from a fund for an
// activity of a programme's type, planned from ActivityStart to
// ActivityEnd. Amount moves money and is required.
type RequestSpec struct {
	ID            string       `json:"id"`
	FundID        string       `json:"fund_id"`
	Partner       string       `json:"partner"`
	ActivityType  string       `json:"activity_type"`
	Campaign      string       `json:"campaign,omitzero"`
	Amount        money.Amount `json:"amount"`
	ActivityStart time.Time    `json:"activity_start"`
	ActivityEnd   time.Time    `json:"activity_end"`
}

// Equal reports whether two specifications are the same.
func (s RequestSpec) Equal(o RequestSpec) bool {
	return s.ID == o.ID && s.FundID == o.FundID && s.Partner == o.Partner && s.ActivityType == o.ActivityType &&
		s.Campaign == o.Campaign && s.Amount.Equal(o.Amount) && s.ActivityStart.Equal(o.ActivityStart) &&
		s.ActivityEnd.Equal(o.ActivityEnd)
}

// RequestRecord is the stored form of a request: its specification and
// everything the lifecycle recorded. Amounts are always present, zero in
// the request's currency until set; times and reasons are zero until
// set.
type RequestRecord struct {
	Spec        RequestSpec  `json:"spec"`
	State       RequestState `json:"state"`
	CreatedAt   time.Time    `json:"created_at"`
	LastEventAt time.Time    `json:"last_event_at"`
	// PreApproved is the amount pre-approved (Requested or less);
	// PreApprovalReason why it is less, or why the request was denied.
	PreApproved       money.Amount   `json:"pre_approved"`
	PreApprovalReason DecisionReason `json:"pre_approval_reason,omitzero"`
	// ActivityEnd is the reported end of the activity; ClaimDue the
	// claim deadline (exclusive), from pre-approval on: the activity's
	// end (planned, then reported) + the claim window + the extensions
	// granted.
	ActivityEnd time.Time `json:"activity_end,omitzero"`
	ClaimDue    time.Time `json:"claim_due,omitzero"`
	Extensions  int       `json:"extensions,omitzero"`
	// Claimed is set by the claim; Claim and ClaimedAt are what and when.
	// Reimbursable is min(PreApproved, round(Claim.Cost × vendor share)).
	Claimed      bool         `json:"claimed,omitzero"`
	Claim        Claim        `json:"claim,omitzero"`
	ClaimedAt    time.Time    `json:"claimed_at,omitzero"`
	Reimbursable money.Amount `json:"reimbursable"`
	// Approved is the claim amount approved (Reimbursable or less);
	// ClaimReason why it is less, or why the claim was denied.
	Approved    money.Amount   `json:"approved"`
	ClaimReason DecisionReason `json:"claim_reason,omitzero"`
	// Paid is the sum of the instalments paid, Instalments their number.
	Paid        money.Amount `json:"paid"`
	Instalments int          `json:"instalments,omitzero"`
	// Note is the note of the last event that carried one.
	Note     string    `json:"note,omitzero"`
	ClosedAt time.Time `json:"closed_at,omitzero"`
}

// Equal reports whether two records are the same.
func (r RequestRecord) Equal(o RequestRecord) bool {
	return r.Spec.Equal(o.Spec) && r.State == o.State && r.CreatedAt.Equal(o.CreatedAt) &&
		r.LastEventAt.Equal(o.LastEventAt) && r.PreApproved.Equal(o.PreApproved) &&
		r.PreApprovalReason == o.PreApprovalReason && r.ActivityEnd.Equal(o.ActivityEnd) &&
		r.ClaimDue.Equal(o.ClaimDue) && r.Extensions == o.Extensions && r.Claimed == o.Claimed &&
		r.Claim.Equal(o.Claim) && r.ClaimedAt.Equal(o.ClaimedAt) && r.Reimbursable.Equal(o.Reimbursable) &&
		r.Approved.Equal(o.Approved) && r.ClaimReason == o.ClaimReason && r.Paid.Equal(o.Paid) &&
		r.Instalments == o.Instalments && r.Note == o.Note && r.ClosedAt.Equal(o.ClosedAt)
}

// Request is one fund request: an immutable value whose lifecycle advances
// only through Apply, which returns the new request together with the new
// fund. The zero Request is not a request; start from NewRequest.
type Request struct {
	rec RequestRecord
}

// Holds is what a request holds against its fund in each balance: the
// fund's Pending, Approved and Paid are the sums of its requests' holds.
type Holds struct {
	Pending  money.Amount `json:"pending"`
	Approved money.Amount `json:"approved"`
	Paid     money.Amount `json:"paid"`
}

// Equal reports whether two holds are the same (amounts compared
// numerically).
func (h Holds) Equal(o Holds) bool {
	return h.Pending.Equal(o.Pending) && h.Approved.Equal(o.Approved) && h.Paid.Equal(o.Paid)
}

// NewRequest checks spec against the fund and the programme and returns
// the request in state Requested together with the fund, whose Pending
// has grown by the amount. The fund must be open at at and before its
// expiry, be spec.FundID, and have the amount available
// (*InsufficientError at "/amount"): a request never takes more than is
// available. Errors name the members of RequestSpec ("/id", "/amount",
// "/activity_type", "/activity_end", …).
func NewRequest(spec RequestSpec, f Fund, p Programme, at time.Time) (Request, Fund, error) {
	if !p.IsValid() {
		return Request{}, Fund{}, zeroProgramme()
	}
	var l errList
	if spec.ID == "" {
		l.add("/id", "", ErrMissing)
	}
	if spec.Partner == "" {
		l.add("/partner", "", ErrMissing)
	}
	switch {
	case spec.FundID == "":
		l.add("/fund_id", "", ErrMissing)
	case !f.IsValid() || spec.FundID != f.ID():
		l.add("/fund_id", spec.FundID, wrap(ErrInvalid, "not the fund given"))
	}
	if _, ok := p.Activity(spec.ActivityType); !ok {
		l.add("/activity_type", spec.ActivityType, wrap(ErrInvalid, "not an activity type of the programme"))
	}
	if spec.ActivityStart.IsZero() {
		l.add("/activity_start", "", ErrMissing)
	}
	if spec.ActivityEnd.IsZero() {
		l.add("/activity_end", "", ErrMissing)
	} else if spec.ActivityEnd.Before(spec.ActivityStart) {
		l.add("/activity_end", spec.ActivityEnd.Format(time.RFC3339), wrap(ErrInvalid, "before activity_start"))
	}
	if err := checkAmount(spec.Amount, f.Currency(), true); err != nil {
		l.add("/amount", amountText(spec.Amount), err)
	}
	if err := l.err(); err != nil {
		return Request{}, Fund{}, err
	}
	if err := f.op("request", at, true); err != nil {
		return Request{}, Fund{}, err
	}
	z := money.Zero(f.Currency())
	r := Request{rec: RequestRecord{Spec: spec, State: Requested, CreatedAt: at, LastEventAt: at,
		PreApproved: z, Reimbursable: z, Approved: z, Paid: z}}
	g, err := moveHolds(f, zeroHolds(f.Currency()), r.Holds(), at)
	if err != nil {
		return Request{}, Fund{}, err
	}
	return r, g, nil
}

func zeroHolds(cur money.Currency) Holds {
	z := money.Zero(cur)
	return Holds{Pending: z, Approved: z, Paid: z}
}

// Holds returns what the request holds against its fund: the requested
// amount pending while Requested; the pre-approved amount approved while
// PreApproved, ActivityDone or Claimed; the approved claim less what is
// paid approved, and what is paid paid, once the claim is approved;
// nothing in the other terminal states (the amount returned to
// available).
func (r Request) Holds() Holds {
	h := zeroHolds(r.rec.Spec.Amount.Currency())
	switch r.rec.State {
	case Requested:
		h.Pending = r.rec.Spec.Amount
	case PreApproved, ActivityDone, Claimed:
		h.Approved = r.rec.PreApproved
	case ClaimApproved:
		h.Approved, h.Paid = minus(r.rec.Approved, r.rec.Paid), r.rec.Paid
	case Paid:
		h.Paid = r.rec.Paid
	case RequestStateUnspecified, Denied, ClaimDenied, Cancelled, Lapsed:
	}
	return h
}

// moveHolds replaces a request's holds before by after in the fund's
// balances. Only a request's creation asks for more than the fund has
// available; every later step moves money between balances or back to
// available, so a failure there means the fund given is not the request's.
func moveHolds(f Fund, before, after Holds, at time.Time) (Fund, error) {
	g := f
	g.rec.Pending = plus(minus(g.rec.Pending, before.Pending), after.Pending)
	g.rec.Approved = plus(minus(g.rec.Approved, before.Approved), after.Approved)
	g.rec.Paid = plus(minus(g.rec.Paid, before.Paid), after.Paid)
	if g.rec.Pending.Sign() < 0 || g.rec.Approved.Sign() < 0 || g.rec.Paid.Sign() < 0 {
		return Fund{}, inputErr("/fund_id", f.ID(), wrap(ErrInsufficient, "the fund does not hold this request's amounts"))
	}
	if avail := g.Available(); avail.Sign() < 0 {
		need := minus(plus(after.Pending, plus(after.Approved, after.Paid)), plus(before.Pending, plus(before.Approved, before.Paid)))
		return Fund{}, &InsufficientError{Path: "/amount", Need: need, Have: f.Available(), What: "available"}
	}
	g.rec.LastEventAt = at
	return g, nil
}

// Record returns the request's stored form (a copy).
func (r Request) Record() RequestRecord {
	rec := r.rec
	rec.Claim = rec.Claim.clone()
	return rec
}

// ID returns the request's ID.
func (r Request) ID() string { return r.rec.Spec.ID }

// Spec returns what was requested.
func (r Request) Spec() RequestSpec { return r.rec.Spec }

// State returns the lifecycle state.
func (r Request) State() RequestState { return r.rec.State }

// LastEventAt returns the time of the last applied event.
func (r Request) LastEventAt() time.Time { return r.rec.LastEventAt }

// ClaimDue returns the claim deadline (exclusive), or the zero time before
// pre-approval.
func (r Request) ClaimDue() time.Time { return r.rec.ClaimDue }

// Reimbursable returns min(pre-approved, round(claimed cost × vendor
// share)) once a claim is submitted, else zero.
func (r Request) Reimbursable() money.Amount { return r.rec.Reimbursable }

// Approved returns the approved claim amount, or zero.
func (r Request) Approved() money.Amount { return r.rec.Approved }

// Paid returns the sum of the instalments paid, or zero.
func (r Request) Paid() money.Amount { return r.rec.Paid }

// Equal reports whether two requests are the same value.
func (r Request) Equal(o Request) bool { return r.rec.Equal(o.rec) }

// RequestEvent is a lifecycle event. Which members it needs depends on
// Kind:
//
//	pre-approve        Amount (absent = the full request; less needs Reason)
//	deny, deny-claim   Reason (required)
//	complete-activity  ActivityEnd (required; not after the event, not before the start)
//	claim              Claim (a positive cost and the proof the activity type requires)
//	approve-claim      Amount (absent = the full reimbursable amount; less needs Reason)
//	pay                Amount (required: the instalment, at most what is approved and unpaid)
//	cancel, extend, lapse  nothing
//
// Note is kept on any event; other members must be absent.
type RequestEvent struct {
	Kind        RequestEventKind `json:"kind"`
	Amount      money.Amount     `json:"amount,omitzero"`
	Reason      DecisionReason   `json:"reason,omitzero"`
	Note        string           `json:"note,omitzero"`
	ActivityEnd time.Time        `json:"activity_end,omitzero"`
	Claim       Claim            `json:"claim,omitzero"`
}

// allowed lists, per state, the events the state accepts (before the
// deadline and payload checks).
func allowed(s RequestState) []RequestEventKind {
	switch s {
	case Requested:
		return []RequestEventKind{PreApprove, Deny, Cancel}
	case PreApproved:
		return []RequestEventKind{CompleteActivity, Extend, Lapse, Cancel}
	case ActivityDone:
		return []RequestEventKind{SubmitClaim, Extend, Lapse, Cancel}
	case Claimed:
		return []RequestEventKind{ApproveClaim, DenyClaim, Cancel}
	case ClaimApproved:
		return []RequestEventKind{Pay}
	case RequestStateUnspecified, Paid, Denied, ClaimDenied, Cancelled, Lapsed:
	}
	return nil
}

func contains(ks []RequestEventKind, k RequestEventKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// Apply applies ev at time at and returns the new request and the new
// fund f (the request's fund; its balances move with the request's Holds,
// and Available = Allocated − (Paid + Approved + Pending) holds after
// every event). Nothing changes on error. Errors:
//
//   - *TransitionError at "/kind" (ErrTransition) for an event the state
//     does not accept; ErrDuplicateClaim for a claim on a request already
//     claimed; at "/at" for a time before the request's or fund's last
//     event (ErrTransition), a claim or extension at or after ClaimDue or
//     a lapse before it (ErrDeadline), or an extension beyond the
//     programme's maximum (ErrTransition);
//   - *InputError at the event member at fault ("/amount", "/reason",
//     "/activity_end", "/claim/cost", …);
//   - *ProofError (ErrProof) listing every gap of a claim's proof;
//   - *InsufficientError for an instalment above what is approved and
//     unpaid, or an approval above what is reimbursable.
func (r Request) Apply(ev RequestEvent, f Fund, p Programme, at time.Time) (Request, Fund, error) {
	if !p.IsValid() {
		return Request{}, Fund{}, zeroProgramme()
	}
	if err := r.admit(ev.Kind, f, p, at); err != nil {
		return Request{}, Fund{}, err
	}
	next, err := r.next(ev, p, at)
	if err != nil {
		return Request{}, Fund{}, err
	}
	next.rec.LastEventAt = at
	if ev.Note != "" {
		next.rec.Note = ev.Note
	}
	if next.rec.State != ClaimApproved && len(allowed(next.rec.State)) == 0 {
		next.rec.ClosedAt = at
	}
	g, err := moveHolds(f, r.Holds(), next.Holds(), at)
	if err != nil {
		return Request{}, Fund{}, err
	}
	return next, g, nil
}

// admit checks what does not depend on the event's payload: the fund,
// the state, the time order and the deadline.
func (r Request) admit(k RequestEventKind, f Fund, p Programme, at time.Time) error {
	st := r.rec.State.String()
	if !r.rec.State.IsValid() {
		return &TransitionError{Path: "/kind", Op: k.String(), From: st, Err: wrap(ErrInvalid, "the zero Request (use NewRequest)")}
	}
	if !f.IsValid() || f.ID() != r.rec.Spec.FundID {
		return inputErr("/fund_id", f.ID(), wrap(ErrInvalid, "not the request's fund %q", r.rec.Spec.FundID))
	}
	if k == SubmitClaim && r.rec.Claimed {
		return &TransitionError{Path: "/kind", Op: k.String(), From: st, Err: ErrDuplicateClaim}
	}
	if !contains(allowed(r.rec.State), k) {
		return &TransitionError{Path: "/kind", Op: k.String(), From: st, Err: ErrTransition}
	}
	if last := latest(r.rec.LastEventAt, f.LastEventAt()); at.Before(last) {
		return &TransitionError{Path: "/at", Op: k.String(), From: st,
			Err: wrap(ErrTransition, "dated before the last event at %s", last.Format(time.RFC3339))}
	}
	due := r.rec.ClaimDue
	// Only these events depend on the deadline.
	//exhaustive:ignore
	switch k {
	case SubmitClaim:
		if !at.Before(due) {
			return &TransitionError{Path: "/at", Op: k.String(), From: st, Err: wrap(ErrDeadline, "the claim was due before %s", due.Format(time.RFC3339))}
		}
	case Extend:
		if !at.Before(due) {
			return &TransitionError{Path: "/at", Op: k.String(), From: st, Err: wrap(ErrDeadline, "the claim was due before %s", due.Format(time.RFC3339))}
		}
		if r.rec.Extensions >= p.MaxExtensions() {
			return &TransitionError{Path: "/kind", Op: k.String(), From: st, Err: wrap(ErrTransition, "no extensions left")}
		}
	case Lapse:
		if at.Before(due) {
			return &TransitionError{Path: "/at", Op: k.String(), From: st, Err: wrap(ErrDeadline, "the claim is due before %s", due.Format(time.RFC3339))}
		}
	}
	return nil
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// next computes the new request for an admitted event.
func (r Request) next(ev RequestEvent, p Programme, at time.Time) (Request, error) {
	n := Request{rec: r.Record()}
	rec := &n.rec
	if err := unused(ev); err != nil {
		return Request{}, err
	}
	switch ev.Kind {
	case PreApprove:
		amt, reason, err := reducible(ev, rec.Spec.Amount)
		if err != nil {
			return Request{}, err
		}
		rec.State, rec.PreApproved, rec.PreApprovalReason = PreApproved, amt, reason
		rec.ClaimDue = rec.Spec.ActivityEnd.Add(p.ClaimWindow())
	case Deny:
		if !ev.Reason.IsValid() {
			return Request{}, inputErr("/reason", "", ErrMissing)
		}
		rec.State, rec.PreApprovalReason = Denied, ev.Reason
	case Cancel:
		rec.State = Cancelled
	case Lapse:
		rec.State = Lapsed
	case Extend:
		rec.Extensions++
		rec.ClaimDue = rec.ClaimDue.Add(p.ExtensionLength())
	case CompleteActivity:
		switch {
		case ev.ActivityEnd.IsZero():
			return Request{}, inputErr("/activity_end", "", ErrMissing)
		case ev.ActivityEnd.After(at) || ev.ActivityEnd.Before(rec.Spec.ActivityStart):
			return Request{}, inputErr("/activity_end", ev.ActivityEnd.Format(time.RFC3339),
				wrap(ErrInvalid, "not between the activity's start and the event"))
		}
		rec.State, rec.ActivityEnd = ActivityDone, ev.ActivityEnd
		rec.ClaimDue = ev.ActivityEnd.Add(p.ClaimWindow() + time.Duration(rec.Extensions)*p.ExtensionLength())
	case SubmitClaim:
		return n.claim(ev.Claim, p, at)
	case ApproveClaim:
		amt, reason, err := reducible(ev, rec.Reimbursable)
		if err != nil {
			return Request{}, err
		}
		rec.State, rec.Approved, rec.ClaimReason = ClaimApproved, amt, reason
		if amt.Sign() == 0 { // a claim whose vendor share rounds to nothing
			rec.State = Paid
		}
	case DenyClaim:
		if !ev.Reason.IsValid() {
			return Request{}, inputErr("/reason", "", ErrMissing)
		}
		rec.State, rec.ClaimReason = ClaimDenied, ev.Reason
	case Pay:
		owed := minus(rec.Approved, rec.Paid)
		if err := checkAmount(ev.Amount, rec.Approved.Currency(), true); err != nil {
			return Request{}, inputErr("/amount", amountText(ev.Amount), err)
		}
		if less(owed, ev.Amount) {
			return Request{}, &InsufficientError{Path: "/amount", Need: ev.Amount, Have: owed, What: "approved and unpaid"}
		}
		rec.Paid = plus(rec.Paid, ev.Amount)
		rec.Instalments++
		if rec.Paid.Equal(rec.Approved) {
			rec.State = Paid
		}
	case RequestEventKindUnspecified:
		return Request{}, inputErr("/kind", "", ErrMissing)
	}
	return n, nil
}

// unused rejects members the event's kind does not read.
func unused(ev RequestEvent) error {
	k := ev.Kind
	if ev.Amount.IsValid() && k != PreApprove && k != ApproveClaim && k != Pay {
		return inputErr("/amount", ev.Amount.String(), wrap(ErrInvalid, "not read by %s", k))
	}
	if ev.Reason.IsValid() && k != PreApprove && k != ApproveClaim && k != Deny && k != DenyClaim {
		return inputErr("/reason", ev.Reason.String(), wrap(ErrInvalid, "not read by %s", k))
	}
	if !ev.ActivityEnd.IsZero() && k != CompleteActivity {
		return inputErr("/activity_end", ev.ActivityEnd.Format(time.RFC3339), wrap(ErrInvalid, "not read by %s", k))
	}
	if (ev.Claim.Cost.IsValid() || len(ev.Claim.Proof) > 0) && k != SubmitClaim {
		return inputErr("/claim", "", wrap(ErrInvalid, "not read by %s", k))
	}
	return nil
}

// reducible returns the amount an approval grants: full when ev has no
// amount (no reason allowed), or a smaller positive amount with a reason.
func reducible(ev RequestEvent, full money.Amount) (money.Amount, DecisionReason, error) {
	if !ev.Amount.IsValid() {
		if ev.Reason.IsValid() {
			return money.Amount{}, 0, inputErr("/reason", ev.Reason.String(), wrap(ErrInvalid, "an approval in full has no reason"))
		}
		return full, DecisionReasonUnspecified, nil
	}
	if err := checkAmount(ev.Amount, full.Currency(), true); err != nil {
		return money.Amount{}, 0, inputErr("/amount", ev.Amount.String(), err)
	}
	if less(full, ev.Amount) {
		return money.Amount{}, 0, &InsufficientError{Path: "/amount", Need: ev.Amount, Have: full, What: "the most that can be approved"}
	}
	if ev.Amount.Equal(full) {
		if ev.Reason.IsValid() {
			return money.Amount{}, 0, inputErr("/reason", ev.Reason.String(), wrap(ErrInvalid, "an approval in full has no reason"))
		}
		return full, DecisionReasonUnspecified, nil
	}
	if !ev.Reason.IsValid() {
		return money.Amount{}, 0, inputErr("/reason", "", wrap(ErrMissing, "a reduced amount needs a reason"))
	}
	return ev.Amount, ev.Reason, nil
}

// claim records a claim: a positive cost in the fund's currency, proof
// without gaps, and the reimbursable amount min(pre-approved,
// round(cost × vendor share)).
func (r Request) claim(c Claim, p Programme, at time.Time) (Request, error) {
	cur := r.rec.Spec.Amount.Currency()
	if err := checkAmount(c.Cost, cur, true); err != nil {
		return Request{}, inputErr("/claim/cost", amountText(c.Cost), err)
	}
	act, _ := p.Activity(r.rec.Spec.ActivityType)
	if act.VendorShare == nil {
		return Request{}, inputErr("/activity_type", r.rec.Spec.ActivityType, wrap(ErrInvalid, "not an activity type of the programme"))
	}
	if gaps := CheckProof(act, c, r.rec.Spec.ActivityStart, at); len(gaps) > 0 {
		for i := range gaps {
			gaps[i].Path = "/claim" + gaps[i].Path
		}
		return Request{}, &ProofError{Gaps: gaps}
	}
	share, err := c.Cost.MulRate(*act.VendorShare).Round(p.spec.Rounding)
	if err != nil {
		return Request{}, inputErr("/claim/cost", c.Cost.String(), wrap(ErrRange, "%v", err))
	}
	rec := r.rec
	rec.State, rec.Claimed, rec.Claim, rec.ClaimedAt = Claimed, true, c.clone(), at
	rec.Reimbursable = minAmount(rec.PreApproved, share)
	return Request{rec: rec}, nil
}
