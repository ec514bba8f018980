package dealreg

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

func decimalOne() decimal.Decimal { return decimal.New(1, 0) }

// Customer identifies the end customer of a deal. Conflicts are detected on
// its normalised form (CustomerKey).
type Customer struct {
	Name    string `json:"name,omitzero"`    // legal or trading name, as typed
	Domain  string `json:"domain,omitzero"`  // web domain, e.g. "acme.com"
	Country string `json:"country,omitzero"` // ISO 3166-1 alpha-2, e.g. "DE"
}

// Registrant is the registering partner as the policy sees it.
type Registrant struct {
	ID             string   `json:"id"`
	Tier           string   `json:"tier,omitzero"`           // one of the policy's tiers
	Certifications []string `json:"certifications,omitzero"` // certifications held
}

// Equal reports whether two registrants are the same.
func (p Registrant) Equal(o Registrant) bool {
	return p.ID == o.ID && p.Tier == o.Tier && slices.Equal(p.Certifications, o.Certifications)
}

// SKULine is one line of SKU-level detail.
type SKULine struct {
	SKU      string `json:"sku"`
	Quantity int64  `json:"quantity"`
}

// Deal is the data a registration carries about the opportunity. Optional
// data is absent when zero: an empty string, nil slice, the zero Amount or
// the zero time. Its JSON form has the members customer (name, domain,
// country), contact, product_lines, size, stage, expected_close and skus
// (sku, quantity), each omitted when absent; errors about a deal name
// these members (Field.Path).
type Deal struct {
	Customer      Customer
	Contact       string
	ProductLines  []string
	Size          money.Amount // estimated deal value at list
	Stage         Stage
	ExpectedClose time.Time
	SKUs          []SKULine
}

// dealJSON is the wire form of Deal.
type dealJSON struct {
	Customer      Customer      `json:"customer,omitzero"`
	Contact       string        `json:"contact,omitzero"`
	ProductLines  []string      `json:"product_lines,omitzero"`
	Size          *money.Amount `json:"size,omitempty"`
	Stage         Stage         `json:"stage,omitzero"`
	ExpectedClose time.Time     `json:"expected_close,omitzero"`
	SKUs          []SKULine     `json:"skus,omitzero"`
}

// MarshalJSON encodes the deal with strictjson (see Deal).
func (d Deal) MarshalJSON() ([]byte, error) {
	w := dealJSON{Customer: d.Customer, Contact: d.Contact, ProductLines: d.ProductLines, Stage: d.Stage,
		ExpectedClose: d.ExpectedClose, SKUs: d.SKUs}
	if d.Size.IsValid() {
		w.Size = &d.Size
	}
	return strictjson.Marshal(w)
}

// UnmarshalJSON decodes the form MarshalJSON writes. It does not check
// the deal (Policy.CheckDeal does).
func (d *Deal) UnmarshalJSON(data []byte) error {
	var w dealJSON
	if err := strictjson.Unmarshal(data, &w, strictjson.Limits{}); err != nil {
		return err
	}
	*d = Deal{Customer: w.Customer, Contact: w.Contact, ProductLines: w.ProductLines, Size: opt(w.Size),
		Stage: w.Stage, ExpectedClose: w.ExpectedClose, SKUs: w.SKUs}
	return nil
}

// Equal reports whether two deals carry the same data (amounts compared
// numerically, times with time.Time.Equal).
func (d Deal) Equal(o Deal) bool {
	return d.Customer == o.Customer && d.Contact == o.Contact &&
		slices.Equal(d.ProductLines, o.ProductLines) && amountEqual(d.Size, o.Size) &&
		d.Stage == o.Stage && d.ExpectedClose.Equal(o.ExpectedClose) && slices.Equal(d.SKUs, o.SKUs)
}

func (d Deal) clone() Deal {
	d.ProductLines = slices.Clone(d.ProductLines)
	d.SKUs = slices.Clone(d.SKUs)
	return d
}

// RegistrationRecord is the stored form of a registration: every field,
// exported, for a host's database (Registration.Record exports one,
// RestoreRegistration checks one and turns it back into a Registration).
// Its JSON form uses the member names in the tags.
type RegistrationRecord struct {
	ID         string     `json:"id"`
	Registrant Registrant `json:"registrant"`
	Deal       Deal       `json:"deal"`
	Source     Source     `json:"source"`
	LeadID     string     `json:"lead_id,omitzero"` // the vendor-passed lead, when Source is VendorLead
	// LeadSource is the vendor-passed lead's Lead.Source (the campaign or
	// activity that produced it), kept on the registration so that the
	// lead programme's return can be measured from registrations alone.
	LeadSource string `json:"lead_source,omitzero"`

	State State `json:"state"`
	// CreatedAt is when the draft was created; LastEventAt the time of the
	// last applied event. Events may not be dated before LastEventAt.
	CreatedAt   time.Time `json:"created_at"`
	LastEventAt time.Time `json:"last_event_at"`
	// SubmittedAt is when Submit succeeded (the complete submission).
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	// StageAtSubmission is the deal's stage when it was submitted (how
	// early the vendor saw it).
	StageAtSubmission Stage `json:"stage_at_submission,omitzero"`
	// ReviewStartedAt, DecidedAt: review start and approval or rejection.
	ReviewStartedAt time.Time `json:"review_started_at,omitzero"`
	DecidedAt       time.Time `json:"decided_at,omitzero"`
	// ExpiresAt is the end of protection, exclusive: protected while
	// t < ExpiresAt. Set at approval to DecidedAt + the policy's window and
	// moved by each granted extension.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// ExtensionsGranted counts granted extensions; ExtensionPending is set
	// between RequestExtension and its grant, its denial or the closing of
	// the registration.
	ExtensionsGranted int  `json:"extensions_granted,omitzero"`
	ExtensionPending  bool `json:"extension_pending,omitzero"`
	// Reason is the rejection reason, or the withdrawal reason if given.
	Reason string `json:"reason,omitzero"`
	// ClosedAt is when the registration reached a terminal state.
	ClosedAt time.Time `json:"closed_at,omitzero"`
	// SecondaryTo is the approved registration this one was approved as
	// secondary to (PolicySpec.OnApprovedConflict ApproveAsSecondary);
	// "" otherwise.
	SecondaryTo string `json:"secondary_to,omitzero"`
}

// Equal reports whether two records are the same (amounts compared
// numerically, times with time.Time.Equal).
func (r RegistrationRecord) Equal(o RegistrationRecord) bool {
	return r.ID == o.ID && r.Registrant.Equal(o.Registrant) &&
		r.Deal.Equal(o.Deal) && r.Source == o.Source && r.LeadID == o.LeadID && r.LeadSource == o.LeadSource && r.State == o.State &&
		r.CreatedAt.Equal(o.CreatedAt) && r.LastEventAt.Equal(o.LastEventAt) &&
		r.SubmittedAt.Equal(o.SubmittedAt) && r.StageAtSubmission == o.StageAtSubmission &&
		r.ReviewStartedAt.Equal(o.ReviewStartedAt) && r.DecidedAt.Equal(o.DecidedAt) &&
		r.ExpiresAt.Equal(o.ExpiresAt) && r.ExtensionsGranted == o.ExtensionsGranted && r.SecondaryTo == o.SecondaryTo &&
		r.ExtensionPending == o.ExtensionPending && r.Reason == o.Reason && r.ClosedAt.Equal(o.ClosedAt)
}

func (r RegistrationRecord) clone() RegistrationRecord {
	r.Registrant.Certifications = slices.Clone(r.Registrant.Certifications)
	r.Deal = r.Deal.clone()
	return r
}

// Registration is one deal registration: an immutable value whose
// lifecycle advances only through Apply, which returns a new value and
// never modifies its receiver. Its fields are read through accessors;
// a host persists Record and restores it with RestoreRegistration. The
// zero Registration is not a registration (State is StateUnspecified);
// start from New.
type Registration struct {
	rec RegistrationRecord
}

// New returns a draft registration created at the given time. source must be
// PartnerSourced (leadID empty) or VendorLead (leadID required; NewFromLead
// also keeps the lead's source). The deal is not checked until Submit.
// Errors are *FieldErrors naming the members of RegistrationRecord ("/id",
// "/registrant/id", "/source", "/lead_id").
func New(id string, registrant Registrant, deal Deal, source Source, leadID string, at time.Time) (Registration, error) {
	if err := errors.Join(identityErrors(id, registrant, source, leadID)...); err != nil {
		return Registration{}, err
	}
	return Registration{rec: RegistrationRecord{
		ID: id, Registrant: registrant, Deal: deal, Source: source, LeadID: leadID,
		State: Draft, CreatedAt: at, LastEventAt: at,
	}.clone()}, nil
}

// identityErrors checks what New checks.
func identityErrors(id string, registrant Registrant, source Source, leadID string) []error {
	var errs []error
	if id == "" {
		errs = append(errs, missing("/id"))
	}
	if registrant.ID == "" {
		errs = append(errs, missing("/registrant/id"))
	}
	switch source {
	case PartnerSourced:
		if leadID != "" {
			errs = append(errs, invalid("/lead_id", leadID, "a partner-sourced registration has no vendor lead"))
		}
	case VendorLead:
		if leadID == "" {
			errs = append(errs, missing("/lead_id"))
		}
	case SourceUnspecified:
		errs = append(errs, missing("/source"))
	default:
		errs = append(errs, invalid("/source", source.String(), "unknown source"))
	}
	return errs
}

// Record returns the registration's stored form (a copy).
func (r Registration) Record() RegistrationRecord { return r.rec.clone() }

// SecondaryTo returns the registration this one was approved as secondary
// to, or "" (see ApproveAsSecondary).
func (r Registration) SecondaryTo() string { return r.rec.SecondaryTo }

// MarshalJSON encodes Record. There is no UnmarshalJSON: decode a
// RegistrationRecord and check it with RestoreRegistration, which needs
// the policy.
func (r Registration) MarshalJSON() ([]byte, error) { return strictjson.Marshal(r.rec) }

// ID returns the registration's ID.
func (r Registration) ID() string { return r.rec.ID }

// Registrant returns the registering partner (a copy).
func (r Registration) Registrant() Registrant { return r.rec.clone().Registrant }

// Deal returns the deal data (a copy).
func (r Registration) Deal() Deal { return r.rec.Deal.clone() }

// Source returns where the deal came from.
func (r Registration) Source() Source { return r.rec.Source }

// LeadID returns the vendor-passed lead's ID, when Source is VendorLead.
func (r Registration) LeadID() string { return r.rec.LeadID }

// LeadSource returns the vendor-passed lead's source (NewFromLead).
func (r Registration) LeadSource() string { return r.rec.LeadSource }

// State returns the recorded state (see StateAt for the state at an
// instant, which also knows that protection has ended).
func (r Registration) State() State { return r.rec.State }

// CreatedAt returns when the draft was created.
func (r Registration) CreatedAt() time.Time { return r.rec.CreatedAt }

// LastEventAt returns the time of the last applied event.
func (r Registration) LastEventAt() time.Time { return r.rec.LastEventAt }

// SubmittedAt returns when Submit succeeded, or the zero time.
func (r Registration) SubmittedAt() time.Time { return r.rec.SubmittedAt }

// StageAtSubmission returns the deal's stage when it was submitted.
func (r Registration) StageAtSubmission() Stage { return r.rec.StageAtSubmission }

// ReviewStartedAt returns when the review started, or the zero time.
func (r Registration) ReviewStartedAt() time.Time { return r.rec.ReviewStartedAt }

// DecidedAt returns when the registration was approved or rejected, or the
// zero time.
func (r Registration) DecidedAt() time.Time { return r.rec.DecidedAt }

// ExpiresAt returns the end of protection, exclusive, or the zero time
// before approval.
func (r Registration) ExpiresAt() time.Time { return r.rec.ExpiresAt }

// ExtensionsGranted returns the number of extensions granted.
func (r Registration) ExtensionsGranted() int { return r.rec.ExtensionsGranted }

// ExtensionPending reports whether an extension request awaits a decision.
func (r Registration) ExtensionPending() bool { return r.rec.ExtensionPending }

// Reason returns the rejection reason, or the withdrawal reason if given.
func (r Registration) Reason() string { return r.rec.Reason }

// ClosedAt returns when the registration reached a terminal state, or the
// zero time.
func (r Registration) ClosedAt() time.Time { return r.rec.ClosedAt }

// Equal reports whether two registrations are the same value (amounts
// compared numerically, times with time.Time.Equal).
func (r Registration) Equal(o Registration) bool { return r.rec.Equal(o.rec) }

// Event is a lifecycle event. Reason is required for Reject and optional
// for Withdraw; Deal is the new deal data for Update.
type Event struct {
	Kind   EventKind `json:"kind"`
	Reason string    `json:"reason,omitzero"`
	Deal   Deal      `json:"deal,omitzero"`
	// Conflicting are, for Approve, the registrations the host found in
	// conflict with this one (Index.ConflictsWith, under the same policy):
	// Apply keeps those that are approved and protected at the event's
	// time and really conflict, and applies PolicySpec.OnApprovedConflict.
	// The host supplies them; Apply holds no state. Not part of the JSON
	// form.
	Conflicting []Registration `json:"-"`
	// Reviewed says, for Approve under ReviewConflict, that a channel
	// manager has reviewed the conflicts and approves anyway.
	Reviewed bool `json:"reviewed,omitzero"`
}

// Protected reports whether the registration protects its owner at time
// at: StateAt(at) is Approved, that is DecidedAt ≤ at < ExpiresAt and the
// registration was not closed (won, lost, withdrawn) by then. Protection
// ends exactly at ExpiresAt (exclusive), whether or not Expire has been
// applied.
func (r Registration) Protected(at time.Time) bool { return r.StateAt(at) == Approved }

// StateAt returns the state the registration was in at time at. For at at
// or after LastEventAt it is State, except that an approved registration is
// Expired from ExpiresAt on. For an earlier instant it is rebuilt from the
// recorded timestamps (events cannot be dated before LastEventAt, so they
// are a complete history): StateUnspecified before CreatedAt, then Draft,
// Submitted from SubmittedAt, UnderReview from ReviewStartedAt, Approved
// from DecidedAt (Expired from ExpiresAt), and the terminal state from
// ClosedAt. Extensions only move ExpiresAt while protection still runs, so
// the final ExpiresAt is exact for every earlier instant too.
func (r Registration) StateAt(at time.Time) State {
	if !at.Before(r.rec.LastEventAt) {
		if r.rec.State == Approved && !at.Before(r.rec.ExpiresAt) {
			return Expired
		}
		return r.rec.State
	}
	if at.Before(r.rec.CreatedAt) {
		return StateUnspecified
	}
	if r.rec.State.IsTerminal() && !at.Before(r.rec.ClosedAt) {
		return r.rec.State
	}
	approved := r.rec.State != Rejected && !r.rec.DecidedAt.IsZero() && !at.Before(r.rec.DecidedAt)
	switch {
	case approved && !at.Before(r.rec.ExpiresAt):
		return Expired
	case approved:
		return Approved
	case !r.rec.ReviewStartedAt.IsZero() && !at.Before(r.rec.ReviewStartedAt):
		return UnderReview
	case !r.rec.SubmittedAt.IsZero() && !at.Before(r.rec.SubmittedAt):
		return Submitted
	default:
		return Draft
	}
}

// Open reports whether the registration claims its deal at time at: it
// has been submitted by then and was not yet rejected, withdrawn, won,
// lost or past its expiry. It is the claim that conflict detection
// compares (see Conflict).
func (r Registration) Open(at time.Time) bool { return r.claim().contains(at) }

// claimSpan is the period [from, until) during which a registration claims
// its deal; open means it has no end yet (submitted or under review).
type claimSpan struct {
	from, until time.Time
	open, ok    bool // ok is false when the registration never claimed its deal
}

func (c claimSpan) contains(at time.Time) bool {
	return c.ok && !at.Before(c.from) && (c.open || at.Before(c.until))
}

// asOf returns the claim as it stood at at: one that ends after at still
// held then, with no end known yet.
func (c claimSpan) asOf(at time.Time) claimSpan {
	if !c.open && at.Before(c.until) {
		c.open = true
	}
	return c
}

// endsBy reports whether the claim has ended at or before t.
func (c claimSpan) endsBy(t time.Time) bool { return !c.open && !t.Before(c.until) }

// claim returns r's claim: from SubmittedAt until the decision for a
// rejection, ClosedAt for a win, loss or withdrawal, ExpiresAt for an
// approved or expired registration (protection ends there even if Expire
// is recorded later); open-ended while submitted or under review. A draft,
// or a registration withdrawn before submission, claims nothing.
func (r Registration) claim() claimSpan {
	c := claimSpan{from: r.rec.SubmittedAt, ok: true}
	switch r.rec.State {
	case StateUnspecified, Draft:
		return claimSpan{}
	case Submitted, UnderReview:
		c.open = true
		return c
	case Approved, Expired:
		c.until = r.rec.ExpiresAt
	case Rejected, Won, Lost, Withdrawn:
		if r.rec.State == Withdrawn && r.rec.SubmittedAt.IsZero() {
			return claimSpan{}
		}
		c.until = r.rec.ClosedAt
		if !r.rec.ExpiresAt.IsZero() && r.rec.ExpiresAt.Before(c.until) {
			c.until = r.rec.ExpiresAt
		}
	default:
		return claimSpan{}
	}
	if !c.from.Before(c.until) {
		return claimSpan{} // an empty claim: nothing to conflict with
	}
	return c
}

// ReviewDue returns the instant by which the vendor should decide:
// SubmittedAt + the policy's approval SLA. It is the zero time before
// submission, and when p has no lifecycle part.
func (r Registration) ReviewDue(p Policy) time.Time {
	if r.rec.SubmittedAt.IsZero() || !p.Has(PartLifecycle) {
		return time.Time{}
	}
	return r.rec.SubmittedAt.Add(p.spec.ApprovalSLA)
}

// ReviewOverdue reports whether a submitted or under-review registration
// is still undecided at or after its ReviewDue instant (never when p has
// no lifecycle part).
func (r Registration) ReviewOverdue(at time.Time, p Policy) bool {
	due := r.ReviewDue(p)
	return (r.rec.State == Submitted || r.rec.State == UnderReview) && !due.IsZero() && !at.Before(due)
}

// DiscountRate returns the registration discount the registration earns
// under p: the policy's registration discount for a partner-sourced
// registration, and for a vendor-passed lead only if vendor leads are
// registrable; otherwise zero. Conflict resolution may reduce it
// (Resolution.Discount). p must have the protection part (ErrPolicyPart).
func (r Registration) DiscountRate(p Policy) (money.Rate, error) {
	if err := p.need(PartProtection); err != nil {
		return money.Rate{}, err
	}
	return r.discountRate(p), nil
}

func (r Registration) discountRate(p Policy) money.Rate {
	if r.rec.Source == VendorLead && !p.spec.VendorLeadsRegistrable {
		return money.Rate{}
	}
	return p.spec.RegistrationDiscount
}

// AllowedEvents returns the events that may be applied at time at, in
// EventKind order, for a UI. Payload checks (required fields,
// eligibility, a rejection reason) can still refuse an allowed event. The
// extension events depend on p's lifecycle part; without it no extension
// is offered (and Apply refuses every event).
func (r Registration) AllowedEvents(at time.Time, p Policy) []EventKind {
	if at.Before(r.rec.LastEventAt) {
		return nil
	}
	switch r.rec.State {
	case Draft:
		return []EventKind{Update, Submit, Withdraw}
	case Submitted:
		return []EventKind{StartReview, Withdraw}
	case UnderReview:
		return []EventKind{Approve, Reject, Withdraw}
	case Approved:
		if !at.Before(r.rec.ExpiresAt) {
			return []EventKind{Expire}
		}
		ev := []EventKind{Update}
		if r.rec.ExtensionPending {
			ev = append(ev, GrantExtension, DenyExtension)
		} else if r.rec.ExtensionsGranted < p.spec.MaxExtensions {
			ev = append(ev, RequestExtension)
		}
		return append(ev, Win, Lose, Withdraw)
	case StateUnspecified, Rejected, Won, Lost, Expired, Withdrawn:
		return nil
	default:
		return nil
	}
}

// Apply returns the registration after event e at time at under policy p.
// It is pure: the receiver is never modified, and on error the returned
// value is the receiver unchanged together with a *TransitionError (its
// Err is ErrTransition, ErrTimeOrder, ErrExpired, ErrNotExpired,
// ErrExtensionLimit, or errors.Join of *FieldError / *EligibilityError for
// a submission or update that fails the policy's checks).
//
// Transitions:
//
//	draft        --update-->             draft
//	draft        --submit-->             submitted      (eligibility, minimum size, fields required at the deal's stage)
//	submitted    --start-review-->       under-review
//	under-review --approve-->            approved       (ExpiresAt = at + Window)
//	under-review --reject(reason)-->     rejected
//	approved     --update-->             approved       (same customer; fields required at the new stage)
//	approved     --request-extension-->  approved       (pending; at most MaxExtensions granted)
//	approved     --grant-extension-->    approved       (ExpiresAt += ExtensionLength)
//	approved     --deny-extension-->     approved
//	approved     --win-->                won            (fields required at StageCommit)
//	approved     --lose-->               lost
//	approved     --expire-->             expired        (only when at ≥ ExpiresAt)
//	any non-terminal --withdraw-->       withdrawn
//
// An approved registration at or after ExpiresAt accepts only Expire
// (anything else is ErrExpired): protection ends at ExpiresAt exclusive.
//
// An update after approval keeps the customer (the same customer by
// CustomerKey.SameCustomer) and may narrow but not widen the approved
// product lines: protection covers what the vendor approved. p must have
// the lifecycle part: otherwise every event fails with a *FieldError
// matching ErrPolicyPart. The *FieldErrors about the deal name members of
// the deal's JSON form ("/customer/name", "/skus"); a missing rejection
// reason is "/reason" (of the event).
func (r Registration) Apply(e Event, at time.Time, p Policy) (Registration, error) {
	fail := func(err error) (Registration, error) {
		return r, &TransitionError{ID: r.rec.ID, From: r.rec.State, Event: e.Kind, Err: err}
	}
	if at.Before(r.rec.LastEventAt) {
		return fail(ErrTimeOrder)
	}
	if err := p.need(PartLifecycle); err != nil {
		return fail(err)
	}
	if !slices.Contains(r.AllowedEvents(at, p), e.Kind) {
		switch {
		case r.rec.State == Approved && !at.Before(r.rec.ExpiresAt):
			return fail(ErrExpired)
		case r.rec.State == Approved && e.Kind == Expire:
			return fail(ErrNotExpired)
		case r.rec.State == Approved && e.Kind == RequestExtension && !r.rec.ExtensionPending:
			return fail(ErrExtensionLimit)
		default:
			return fail(ErrTransition)
		}
	}
	n := r
	n.rec.LastEventAt = at
	switch e.Kind {
	case Update:
		if r.rec.State == Approved {
			if err := p.checkApprovedUpdate(r, e.Deal); err != nil {
				return fail(err)
			}
		}
		n.rec.Deal = e.Deal.clone()
	case Submit:
		if err := p.CheckSubmission(r.rec.Registrant, r.rec.Deal); err != nil {
			return fail(err)
		}
		n.rec.State, n.rec.SubmittedAt, n.rec.StageAtSubmission = Submitted, at, r.rec.Deal.Stage
	case StartReview:
		n.rec.State, n.rec.ReviewStartedAt = UnderReview, at
	case Approve:
		sec, err := p.approvalConflicts(r, e, at)
		if err != nil {
			return fail(err)
		}
		n.rec.State, n.rec.DecidedAt, n.rec.ExpiresAt = Approved, at, at.Add(p.spec.Window)
		n.rec.SecondaryTo = sec
	case Reject:
		if e.Reason == "" {
			return fail(missing("/reason"))
		}
		n.rec.State, n.rec.DecidedAt, n.rec.Reason, n.rec.ClosedAt = Rejected, at, e.Reason, at
	case RequestExtension:
		n.rec.ExtensionPending = true
	case GrantExtension:
		n.rec.ExtensionPending = false
		n.rec.ExtensionsGranted++
		n.rec.ExpiresAt = r.rec.ExpiresAt.Add(p.spec.ExtensionLength)
	case DenyExtension:
		n.rec.ExtensionPending = false
	case Win:
		if errs := p.fieldErrors(r.rec.Deal, Commit); len(errs) > 0 {
			return fail(errors.Join(errs...))
		}
		n.rec.State, n.rec.ClosedAt, n.rec.ExtensionPending = Won, at, false
	case Lose:
		n.rec.State, n.rec.ClosedAt, n.rec.ExtensionPending = Lost, at, false
	case Expire:
		n.rec.State, n.rec.ClosedAt, n.rec.ExtensionPending = Expired, at, false
	case Withdraw:
		n.rec.State, n.rec.ClosedAt, n.rec.Reason, n.rec.ExtensionPending = Withdrawn, at, e.Reason, false
	case EventUnspecified:
		return fail(ErrTransition)
	default:
		return fail(ErrTransition)
	}
	return n, nil
}

// CheckDeal checks that d has a valid stage and every field p requires at
// that stage, and that the data it carries is well formed whether required
// or not (a positive size, non-blank product lines, SKU lines with a SKU
// and a positive quantity; under fuzzy matching, MatchSpec, a customer
// country that NormaliseCountry accepts, else "/customer/country" naming
// the nearest country if one is close). It reports every problem at once (errors.Join
// of *FieldError whose Path is the member of the deal's JSON form, e.g.
// "/customer/name" or "/skus/1/quantity"). Without a valid stage it
// reports "/stage" and the fields required at the earliest stage, which
// every stage requires. p must have the lifecycle part (ErrPolicyPart).
func (p Policy) CheckDeal(d Deal) error {
	if err := p.need(PartLifecycle); err != nil {
		return err
	}
	return errors.Join(p.dealErrors(d)...)
}

func (p Policy) dealErrors(d Deal) []error {
	var errs []error
	s := d.Stage
	if !s.IsValid() {
		errs = append(errs, missing("/stage"))
		s = Prospecting
	}
	errs = append(errs, p.fieldErrors(d, s)...)
	if p.match.fuzzy {
		// Fuzzy matching compares countries as ISO 3166-1 codes: an
		// unknown one would defeat it.
		if _, err := NormaliseCountry(d.Customer.Country); err != nil {
			errs = append(errs, countryError(FieldCustomerCountry.Path(), d.Customer.Country))
		}
	}
	return append(errs, dealDataErrors(d)...)
}

// dealDataErrors checks the deal data that is present, required or not.
func dealDataErrors(d Deal) []error {
	var errs []error
	if d.Size.IsValid() && d.Size.Sign() <= 0 {
		errs = append(errs, invalid(FieldDealSize.Path(), d.Size.String(), "must be positive"))
	}
	for i, l := range d.ProductLines {
		if normLine(l) == "" {
			errs = append(errs, invalid(field.At("product_lines", i), l, "blank product line"))
		}
	}
	for i, l := range d.SKUs {
		switch {
		case strings.TrimSpace(l.SKU) == "":
			errs = append(errs, missing(field.At("skus", i, "sku")))
		case l.Quantity <= 0:
			errs = append(errs, invalid(field.At("skus", i, "quantity"), strconv.FormatInt(l.Quantity, 10), "must be positive"))
		}
	}
	return errs
}

// checkApprovedUpdate checks an update of an approved registration: the
// same customer, no product line beyond those approved, the partner
// eligible for each, and the fields required at the new stage.
func (p Policy) checkApprovedUpdate(r Registration, d Deal) error {
	var errs []error
	if old, k := NormaliseCustomer(r.rec.Deal.Customer), NormaliseCustomer(d.Customer); old != k && !old.SameCustomer(k) {
		errs = append(errs, invalid(FieldCustomerName.Path(), d.Customer.Name, "the customer cannot change after submission"))
	}
	if approved := normLines(r.rec.Deal.ProductLines); approved != nil {
		if normLines(d.ProductLines) == nil {
			errs = append(errs, invalid(FieldProductLines.Path(), "", "protection cannot be widened to every product after approval"))
		}
		for i, l := range d.ProductLines {
			if _, found := slices.BinarySearch(approved, normLine(l)); !found && normLine(l) != "" {
				errs = append(errs, invalid(field.At("product_lines", i), l, "not approved; register it separately"))
			}
		}
	}
	errs = append(errs, p.dealErrors(d)...)
	errs = append(errs, p.eligibility(r.rec.Registrant, d.ProductLines)...)
	return errors.Join(errs...)
}

// CheckSubmission checks what Submit checks: CheckDeal, the minimum deal
// size (when set, Deal.Size is required and must be at least it, in the
// same currency; "/size"), and the registrant's eligibility for each
// product line (tier at least the rule's minimum tier, every certification
// held; product lines are matched without case or surrounding space, as
// conflicts compare them; *EligibilityError). Every problem is reported at
// once. p must have the lifecycle part (ErrPolicyPart).
func (p Policy) CheckSubmission(registrant Registrant, d Deal) error {
	if err := p.need(PartLifecycle); err != nil {
		return err
	}
	errs := p.dealErrors(d)
	if min := p.spec.MinDealSize; min.IsValid() && !min.IsZero() {
		switch c, err := d.Size.Cmp(min); {
		case !d.Size.IsValid():
			if !slices.Contains(p.RequiredAt(d.Stage), FieldDealSize) {
				errs = append(errs, &FieldError{Path: FieldDealSize.Path(), Err: fmt.Errorf("%w: required by the minimum deal size", ErrMissingField)})
			}
		case err != nil:
			// Keep the cause matchable (money.ErrCurrencyMismatch).
			errs = append(errs, &FieldError{Path: FieldDealSize.Path(), Value: d.Size.String(), Err: fmt.Errorf("%w: %w", ErrInvalidField, err)})
		case c < 0:
			errs = append(errs, &FieldError{Path: FieldDealSize.Path(), Value: d.Size.String(), Err: fmt.Errorf("%w: minimum %s", ErrBelowMinimum, min)})
		}
	}
	errs = append(errs, p.eligibility(registrant, d.ProductLines)...)
	return errors.Join(errs...)
}

func (p Policy) eligibility(registrant Registrant, lines []string) []error {
	var errs []error
	rank := p.tierRank(registrant.Tier)
	for li, line := range lines {
		key := normLine(line)
		i := slices.IndexFunc(p.spec.Eligibility, func(r EligibilityRule) bool { return normLine(r.ProductLine) == key })
		if i < 0 {
			continue
		}
		rule := p.spec.Eligibility[i]
		if rule.MinTier != "" && rank < p.tierRank(rule.MinTier) {
			errs = append(errs, &EligibilityError{Partner: registrant.ID, ProductLine: line,
				Reason: TierBelowMinimum, Need: rule.MinTier, Have: registrant.Tier, Path: field.At("product_lines", li)})
		}
		for _, c := range rule.Certifications {
			if !slices.Contains(registrant.Certifications, c) {
				errs = append(errs, &EligibilityError{Partner: registrant.ID, ProductLine: line,
					Reason: CertificationMissing, Need: c, Path: field.At("product_lines", li)})
			}
		}
	}
	return errs
}

// fieldErrors checks the fields required at stage s against d.
func (p Policy) fieldErrors(d Deal, s Stage) []error {
	var errs []error
	for _, f := range p.RequiredAt(s) {
		if !fieldPresent(d, f) {
			errs = append(errs, &FieldError{Path: f.Path(), Err: ErrMissingField, Stage: s})
		}
	}
	return errs
}

// fieldPresent reports whether d carries field f.
func fieldPresent(d Deal, f Field) bool {
	switch f {
	case FieldCustomerName:
		return d.Customer.Name != ""
	case FieldCustomerDomain:
		return d.Customer.Domain != ""
	case FieldCustomerCountry:
		return d.Customer.Country != ""
	case FieldContact:
		return d.Contact != ""
	case FieldProductLines:
		return normLines(d.ProductLines) != nil
	case FieldDealSize:
		return d.Size.IsValid()
	case FieldExpectedClose:
		return !d.ExpectedClose.IsZero()
	case FieldSKUs:
		return len(d.SKUs) > 0
	case FieldUnspecified:
		return false
	default:
		return false
	}
}
