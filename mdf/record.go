package mdf

import (
	"time"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// RestoreFund checks a stored fund and turns it back into a Fund: the
// specification as NewFund checks it (paths under "/spec"), a valid
// status, every balance a non-negative whole number of minor units in the
// fund's currency, Available not negative ("/allocated"), a co-op fund's
// Accrued equal to min(cap, round(rate × Purchases)) ("/accrued"), zero
// Purchases and Accrued for a discretionary fund, and LastEventAt not
// before the opening.
func RestoreFund(rec FundRecord) (Fund, error) {
	if err := checkFundSpec(rec.Spec); err != nil {
		return Fund{}, prefixJoined("/spec", err)
	}
	var l errList
	cur := rec.Spec.Currency
	if !rec.Status.IsValid() {
		l.add("/status", rec.Status.String(), ErrMissing)
	}
	for _, m := range []struct {
		path string
		a    money.Amount
	}{{"/allocated", rec.Allocated}, {"/paid", rec.Paid}, {"/approved", rec.Approved}, {"/pending", rec.Pending},
		{"/lapsed", rec.Lapsed}, {"/purchases", rec.Purchases}, {"/accrued", rec.Accrued}} {
		if err := checkAmount(m.a, cur, false); err != nil {
			l.add(m.path, amountText(m.a), err)
		}
	}
	if rec.LastEventAt.Before(rec.Spec.OpensAt) {
		l.add("/last_event_at", rec.LastEventAt.Format(time.RFC3339), wrap(ErrInvalid, "before opens_at"))
	}
	if err := l.err(); err != nil {
		return Fund{}, err
	}
	f := Fund{rec: rec}
	f.rec.Spec = rec.Spec.clone()
	if f.Available().Sign() < 0 {
		return Fund{}, inputErr("/allocated", rec.Allocated.String(),
			wrap(ErrInsufficient, "less than paid + approved + pending"))
	}
	if rec.Spec.Kind == Coop {
		want, err := coopAccrual(*rec.Spec.Coop, rec.Purchases)
		if err != nil || !want.Equal(rec.Accrued) {
			return Fund{}, inputErr("/accrued", rec.Accrued.String(), wrap(ErrInvalid, "not min(cap, round(rate × purchases))"))
		}
	} else if rec.Purchases.Sign() != 0 || rec.Accrued.Sign() != 0 {
		return Fund{}, inputErr("/accrued", rec.Accrued.String(), wrap(ErrInvalid, "a discretionary fund accrues nothing"))
	}
	return f, nil
}

// prefixJoined puts prefix in front of the paths of a joined error.
func prefixJoined(prefix string, err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var l errList
		for _, e := range j.Unwrap() {
			l.errs = append(l.errs, prefixErr(prefix, e))
		}
		return l.err()
	}
	return prefixErr(prefix, err)
}

// ParseFund decodes a fund record strictly (as MarshalJSON writes it) and
// restores it with RestoreFund.
func ParseFund(data []byte) (Fund, error) {
	var rec FundRecord
	if err := decode(data, &rec); err != nil {
		return Fund{}, err
	}
	return RestoreFund(rec)
}

// MarshalJSON encodes Record in the form ParseFund reads. The zero Fund
// fails.
func (f Fund) MarshalJSON() ([]byte, error) {
	if !f.IsValid() {
		return nil, &InputError{Err: wrap(ErrInvalid, "the zero Fund (use NewFund)")}
	}
	return strictjson.Marshal(f.rec, strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParseFund.
func (f *Fund) UnmarshalJSON(b []byte) error {
	g, err := ParseFund(b)
	if err == nil {
		*f = g
	}
	return err
}

// RestoreRequest checks a stored request against its programme and turns
// it back into a Request. It checks what the lifecycle guarantees: the
// specification ("/spec/…"), a valid state, amounts in the request's
// currency with Reimbursable ≤ PreApproved ≤ the requested amount and
// Paid ≤ Approved ≤ Reimbursable, the members each state needs (a
// pre-approved amount from pre-approval on, the activity's end and the
// claim from the claim on, Paid < Approved while claim-approved and
// Paid = Approved once paid), and at most the programme's extensions.
func RestoreRequest(rec RequestRecord, p Programme) (Request, error) {
	if !p.IsValid() {
		return Request{}, zeroProgramme()
	}
	var l errList
	s := rec.Spec
	if s.ID == "" {
		l.add("/spec/id", "", ErrMissing)
	}
	if s.FundID == "" {
		l.add("/spec/fund_id", "", ErrMissing)
	}
	if s.Partner == "" {
		l.add("/spec/partner", "", ErrMissing)
	}
	if _, ok := p.Activity(s.ActivityType); !ok {
		l.add("/spec/activity_type", s.ActivityType, wrap(ErrInvalid, "not an activity type of the programme"))
	}
	if err := checkAmount(s.Amount, money.Currency{}, true); err != nil {
		l.add("/spec/amount", amountText(s.Amount), err)
	}
	if !rec.State.IsValid() {
		l.add("/state", rec.State.String(), ErrMissing)
	}
	if rec.LastEventAt.Before(rec.CreatedAt) {
		l.add("/last_event_at", rec.LastEventAt.Format(time.RFC3339), wrap(ErrInvalid, "before created_at"))
	}
	if rec.Extensions < 0 || rec.Extensions > p.MaxExtensions() {
		l.add("/extensions", itoa(rec.Extensions), ErrRange)
	}
	if err := l.err(); err != nil {
		return Request{}, err
	}
	if err := checkStages(rec); err != nil {
		return Request{}, err
	}
	r := Request{rec: rec}
	r.rec.Claim = rec.Claim.clone()
	return r, nil
}

// checkStages checks the amounts and the members each state needs.
func checkStages(rec RequestRecord) error {
	cur := rec.Spec.Amount.Currency()
	st := rec.State
	preOn := st != Requested && st != Denied && !(st == Cancelled && rec.PreApproved.Sign() == 0)
	claimOn := st == Claimed || st == ClaimApproved || st == Paid || st == ClaimDenied || st == Cancelled && rec.Claimed
	approvedOn := st == ClaimApproved || st == Paid
	var l errList
	need := func(path string, a money.Amount, on bool, limit money.Amount) {
		switch {
		case checkAmount(a, cur, false) != nil:
			l.add(path, amountText(a), checkAmount(a, cur, false))
		case !on && a.Sign() != 0:
			l.add(path, a.String(), wrap(ErrInvalid, "zero in state %s", st))
		case on && less(limit, a):
			l.add(path, a.String(), wrap(ErrInvalid, "more than %s", limit))
		}
	}
	need("/pre_approved", rec.PreApproved, preOn, rec.Spec.Amount)
	need("/reimbursable", rec.Reimbursable, claimOn, rec.PreApproved)
	need("/approved", rec.Approved, approvedOn, rec.Reimbursable)
	need("/paid", rec.Paid, approvedOn, rec.Approved)
	if preOn && rec.PreApproved.Sign() <= 0 {
		l.add("/pre_approved", rec.PreApproved.String(), ErrNonPositive)
	}
	if claimOn != rec.Claimed {
		l.add("/claimed", "", wrap(ErrInvalid, "does not match state %s", st))
	}
	if claimOn && rec.ActivityEnd.IsZero() {
		l.add("/activity_end", "", ErrMissing)
	}
	if preOn && rec.ClaimDue.IsZero() {
		l.add("/claim_due", "", ErrMissing)
	}
	if err := l.err(); err != nil {
		return err
	}
	switch {
	case st == ClaimApproved && !less(rec.Paid, rec.Approved):
		return inputErr("/paid", rec.Paid.String(), wrap(ErrInvalid, "a claim-approved request has something left to pay"))
	case st == Paid && !rec.Paid.Equal(rec.Approved):
		return inputErr("/paid", rec.Paid.String(), wrap(ErrInvalid, "a paid request has paid what was approved"))
	}
	return nil
}
