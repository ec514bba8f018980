package dealreg

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// Lead is a vendor-passed lead. Source records where it came from (a
// campaign, an MDF activity, the web site) so that the lead programme's
// ROI can be measured later; Context is what the vendor knows about the
// prospect's interest (documents downloaded, pages visited), sent with
// the lead.
type Lead struct {
	ID           string    `json:"id"`
	Customer     Customer  `json:"customer,omitzero"`
	Segment      string    `json:"segment,omitzero"`
	Capabilities []string  `json:"capabilities,omitzero"` // capabilities a partner needs to work it
	Source       string    `json:"source"`
	Context      []string  `json:"context,omitzero"`
	CreatedAt    time.Time `json:"created_at,omitzero"`
}

// PartnerProfile is what lead routing knows about a partner.
type PartnerProfile struct {
	ID           string   `json:"id"`
	Segments     []string `json:"segments,omitzero"` // segments it serves
	Capabilities []string `json:"capabilities,omitzero"`
	Capacity     int      `json:"capacity"` // how many open leads it can work at once
	OpenLeads    int      `json:"open_leads"`
	// Conversion is its past lead-to-win conversion rate.
	Conversion  money.Rate `json:"conversion"`
	OnboardedAt time.Time  `json:"onboarded_at,omitzero"`
}

// Assignment is the routing decision for a lead.
type Assignment struct {
	Partner string     `json:"partner"`
	Class   RouteClass `json:"class"` // why this partner: ramp a new partner or reward a high performer
}

// Route picks the partner for a lead at time at under rp, selectively: a
// partner is a candidate only if it serves the lead's segment, has every
// capability the lead needs, has spare capacity (OpenLeads < Capacity), is
// not in exclude (earlier assignees of the lead), and is a NewPartner
// (onboarded in (at − NewPartnerWindow, at]) or a HighPerformer
// (Conversion ≥ HighPerformerConversion). The classes are tried in
// rp.Order; within NewPartner the fewest open leads wins, within
// HighPerformer the highest conversion, then the fewest open leads; ties
// go to the lowest partner ID. A lead without a segment may go to any
// segment. The result does not depend on the order of partners.
//
// Errors: no candidate is a *LeadError matching ErrNoPartner; an invalid
// rp (RoutingPolicy.Validate), a profile without an ID, with a negative
// capacity or open-lead count or a conversion outside [0, 1] is a
// *FieldError naming "/partners/<i>/…"; two profiles with one ID are a
// *DuplicateIDError.
func Route(lead Lead, partners []PartnerProfile, exclude []string, at time.Time, rp RoutingPolicy) (Assignment, error) {
	if err := rp.Validate(); err != nil {
		return Assignment{}, err
	}
	ids := newIDSet("partner", len(partners))
	var errs []error
	for i, pp := range partners {
		if err := ids.check("partners", i, pp.ID); err != nil {
			errs = append(errs, err)
		}
		if pp.Capacity < 0 {
			errs = append(errs, invalid(field.At("partners", i, "capacity"), strconv.Itoa(pp.Capacity), "must not be negative"))
		}
		if pp.OpenLeads < 0 {
			errs = append(errs, invalid(field.At("partners", i, "open_leads"), strconv.Itoa(pp.OpenLeads), "must not be negative"))
		}
		errs = checkFraction(errs, field.At("partners", i, "conversion"), pp.Conversion)
	}
	if err := errors.Join(errs...); err != nil {
		return Assignment{}, err
	}
	isNew := func(pp PartnerProfile) bool {
		return !pp.OnboardedAt.IsZero() && !pp.OnboardedAt.After(at) && at.Sub(pp.OnboardedAt) < rp.NewPartnerWindow
	}
	isHigh := func(pp PartnerProfile) bool { return pp.Conversion.Cmp(rp.HighPerformerConversion) >= 0 }
	var eligible []PartnerProfile
	for _, pp := range partners {
		if slices.Contains(exclude, pp.ID) || pp.OpenLeads >= pp.Capacity ||
			(lead.Segment != "" && !slices.Contains(pp.Segments, lead.Segment)) {
			continue
		}
		ok := true
		for _, c := range lead.Capabilities {
			if !slices.Contains(pp.Capabilities, c) {
				ok = false
				break
			}
		}
		if ok {
			eligible = append(eligible, pp)
		}
	}
	for _, class := range rp.Order {
		var cands []PartnerProfile
		var less func(a, b PartnerProfile) int
		switch class {
		case NewPartner:
			for _, pp := range eligible {
				if isNew(pp) {
					cands = append(cands, pp)
				}
			}
			less = func(a, b PartnerProfile) int {
				return cmp.Or(cmp.Compare(a.OpenLeads, b.OpenLeads), strings.Compare(a.ID, b.ID))
			}
		case HighPerformer:
			for _, pp := range eligible {
				if isHigh(pp) {
					cands = append(cands, pp)
				}
			}
			less = func(a, b PartnerProfile) int {
				return cmp.Or(b.Conversion.Cmp(a.Conversion), cmp.Compare(a.OpenLeads, b.OpenLeads), strings.Compare(a.ID, b.ID))
			}
		case RouteClassUnspecified:
			continue
		default:
			continue
		}
		if len(cands) > 0 {
			return Assignment{Partner: slices.MinFunc(cands, less).ID, Class: class}, nil
		}
	}
	return Assignment{}, &LeadError{Lead: lead.ID, Op: "route", Err: ErrNoPartner}
}

// LeadAttempt is an earlier assignment of a lead that ended without the
// partner accepting it.
type LeadAttempt struct {
	Partner    string     `json:"partner"`
	Class      RouteClass `json:"class"`
	AssignedAt time.Time  `json:"assigned_at"`
	Outcome    LeadStatus `json:"outcome"`  // LeadRejected or LeadSilent
	EndedAt    time.Time  `json:"ended_at"` // when it was rejected, or reassigned after silence
	Reason     string     `json:"reason,omitzero"`
}

// LeadRecord tracks a vendor-passed lead through assignment, acceptance or
// rejection, silence and reassignment. It is an immutable value: each
// operation returns a new record and, on error, the receiver unchanged
// with a *LeadError.
type LeadRecord struct {
	Lead          Lead          `json:"lead"`
	Partner       string        `json:"partner"` // the current assignee
	Class         RouteClass    `json:"class"`
	Status        LeadStatus    `json:"status"` // LeadAssigned, LeadAccepted or LeadRejected; silence is derived (StatusAt)
	AssignedAt    time.Time     `json:"assigned_at"`
	RespondedAt   time.Time     `json:"responded_at,omitzero"` // acceptance or rejection
	Reason        string        `json:"reason,omitzero"`       // rejection reason
	Reassignments int           `json:"reassignments,omitzero"`
	History       []LeadAttempt `json:"history,omitzero"`
}

// Assign starts tracking lead, assigned as a says at time at. The lead
// needs an ID and a Source (kept for measuring the lead programme's
// return), the assignment a partner and a route class, and at may not
// precede the lead's CreatedAt; otherwise the error is a *LeadError whose
// Err is the *FieldErrors (naming the members of the LeadRecord's JSON
// form: "/lead/id", "/lead/source", "/partner", "/class") or ErrTimeOrder.
func Assign(lead Lead, a Assignment, at time.Time) (LeadRecord, error) {
	var errs []error
	for _, f := range []struct{ path, v string }{{"/lead/id", lead.ID}, {"/lead/source", lead.Source}, {"/partner", a.Partner}} {
		if f.v == "" {
			errs = append(errs, missing(f.path))
		}
	}
	if !a.Class.IsValid() {
		errs = append(errs, invalid("/class", a.Class.String(), "unknown route class"))
	}
	if at.Before(lead.CreatedAt) {
		errs = append(errs, ErrTimeOrder)
	}
	if err := errors.Join(errs...); err != nil {
		return LeadRecord{}, &LeadError{Lead: lead.ID, Op: "assign", Err: err}
	}
	lead.Capabilities, lead.Context = slices.Clone(lead.Capabilities), slices.Clone(lead.Context)
	return LeadRecord{Lead: lead, Partner: a.Partner, Class: a.Class, Status: LeadAssigned, AssignedAt: at}, nil
}

// AcceptanceDue returns the end of the acceptance SLA for the current
// assignment: AssignedAt + rp.AcceptanceSLA.
func (l LeadRecord) AcceptanceDue(rp RoutingPolicy) time.Time {
	return l.AssignedAt.Add(rp.AcceptanceSLA)
}

// StatusAt returns the status at time at: LeadSilent for an assignment
// still unanswered at or after AcceptanceDue, otherwise Status.
func (l LeadRecord) StatusAt(at time.Time, rp RoutingPolicy) LeadStatus {
	if l.Status == LeadAssigned && !at.Before(l.AcceptanceDue(rp)) {
		return LeadSilent
	}
	return l.Status
}

func (l LeadRecord) fail(op string, at time.Time, rp RoutingPolicy, err error) (LeadRecord, error) {
	return l, &LeadError{Lead: l.Lead.ID, Status: l.StatusAt(at, rp), Op: op, Err: err}
}

func (l LeadRecord) lastAt() time.Time {
	if l.RespondedAt.After(l.AssignedAt) {
		return l.RespondedAt
	}
	return l.AssignedAt
}

// Accept records the assignee's acceptance at time at. A silent lead may
// still be accepted late (its time to engage shows it) until it is
// reassigned.
func (l LeadRecord) Accept(at time.Time, rp RoutingPolicy) (LeadRecord, error) {
	if at.Before(l.lastAt()) {
		return l.fail("accept", at, rp, ErrTimeOrder)
	}
	if l.Status != LeadAssigned {
		return l.fail("accept", at, rp, ErrLeadTransition)
	}
	n := l
	n.Status, n.RespondedAt = LeadAccepted, at
	return n, nil
}

// Reject records the assignee's rejection at time at; reason is required.
func (l LeadRecord) Reject(reason string, at time.Time, rp RoutingPolicy) (LeadRecord, error) {
	if at.Before(l.lastAt()) {
		return l.fail("reject", at, rp, ErrTimeOrder)
	}
	if l.Status != LeadAssigned {
		return l.fail("reject", at, rp, ErrLeadTransition)
	}
	if reason == "" {
		return l.fail("reject", at, rp, missing("/reason"))
	}
	n := l
	n.Status, n.RespondedAt, n.Reason = LeadRejected, at, reason
	return n, nil
}

// Reassign routes a rejected or silent lead to another partner (Route,
// excluding every earlier assignee) at time at. The current assignment
// moves to History. At most rp.MaxReassignments reassignments. Every
// failure is a *LeadError; its Err is Route's error (ErrNoPartner, a
// *FieldError, …), ErrLeadTransition or ErrTimeOrder.
func (l LeadRecord) Reassign(partners []PartnerProfile, at time.Time, rp RoutingPolicy) (LeadRecord, error) {
	if err := rp.Validate(); err != nil {
		return l.fail("reassign", at, rp, err)
	}
	if at.Before(l.lastAt()) {
		return l.fail("reassign", at, rp, ErrTimeOrder)
	}
	st := l.StatusAt(at, rp)
	if st != LeadRejected && st != LeadSilent {
		return l.fail("reassign", at, rp, ErrLeadTransition)
	}
	if l.Reassignments >= rp.MaxReassignments {
		return l.fail("reassign", at, rp, fmt.Errorf("%w: %d reassignments already", ErrLeadTransition, l.Reassignments))
	}
	exclude := []string{l.Partner}
	for _, h := range l.History {
		exclude = append(exclude, h.Partner)
	}
	a, err := Route(l.Lead, partners, exclude, at, rp)
	if err != nil {
		if le, ok := errors.AsType[*LeadError](err); ok {
			err = le.Err
		}
		return l.fail("reassign", at, rp, err)
	}
	ended := at
	if st == LeadRejected {
		ended = l.RespondedAt
	}
	n := l
	n.History = append(slices.Clone(l.History), LeadAttempt{Partner: l.Partner, Class: l.Class, AssignedAt: l.AssignedAt, Outcome: st, EndedAt: ended, Reason: l.Reason})
	n.Partner, n.Class, n.Status, n.AssignedAt, n.RespondedAt, n.Reason = a.Partner, a.Class, LeadAssigned, at, time.Time{}, ""
	n.Reassignments++
	return n, nil
}

// TimeToEngage returns accepted − assigned for the current assignment, and
// false if the lead has not been accepted.
func (l LeadRecord) TimeToEngage() (time.Duration, bool) {
	if l.Status != LeadAccepted {
		return 0, false
	}
	return l.RespondedAt.Sub(l.AssignedAt), true
}

// Equal reports whether two lead records are the same.
func (l LeadRecord) Equal(o LeadRecord) bool {
	return l.Lead.ID == o.Lead.ID && l.Lead.Customer == o.Lead.Customer && l.Lead.Segment == o.Lead.Segment &&
		slices.Equal(l.Lead.Capabilities, o.Lead.Capabilities) && l.Lead.Source == o.Lead.Source &&
		slices.Equal(l.Lead.Context, o.Lead.Context) && l.Lead.CreatedAt.Equal(o.Lead.CreatedAt) &&
		l.Partner == o.Partner && l.Class == o.Class && l.Status == o.Status &&
		l.AssignedAt.Equal(o.AssignedAt) && l.RespondedAt.Equal(o.RespondedAt) && l.Reason == o.Reason &&
		l.Reassignments == o.Reassignments && slices.EqualFunc(l.History, o.History, func(a, b LeadAttempt) bool {
		return a.Partner == b.Partner && a.Class == b.Class && a.AssignedAt.Equal(b.AssignedAt) &&
			a.Outcome == b.Outcome && a.EndedAt.Equal(b.EndedAt) && a.Reason == b.Reason
	})
}

// NewFromLead starts a draft registration of a vendor-passed lead by the
// partner that accepted it: the lead must be accepted by that partner
// (*EligibilityError, LeadNotAccepted, otherwise). The registration keeps the lead's
// ID and Source VendorLead, and takes the lead's customer when deal has
// none, and the lead's Source as LeadSource. Registering is always allowed
// (the vendor gains visibility); the registration discount is earned only
// if the policy makes vendor leads registrable (Registration.DiscountRate).
func NewFromLead(id string, registrant Registrant, l LeadRecord, deal Deal, at time.Time) (Registration, error) {
	if l.Status != LeadAccepted || l.Partner != registrant.ID {
		return Registration{}, &EligibilityError{Partner: registrant.ID, Reason: LeadNotAccepted, Need: l.Lead.ID}
	}
	if deal.Customer == (Customer{}) {
		deal.Customer = l.Lead.Customer
	}
	r, err := New(id, registrant, deal, VendorLead, l.Lead.ID, at)
	if err != nil {
		return Registration{}, err
	}
	r.rec.LeadSource = l.Lead.Source
	return r, nil
}
