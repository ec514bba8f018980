package dealreg

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

func decimalOne() decimal.Decimal { return decimal.New(1, 0) }

// Customer identifies the end customer of a deal. Conflicts are detected on
// its normalised form (CustomerKey).
type Customer struct {
	Name    string // legal or trading name, as typed
	Domain  string // web domain, e.g. "acme.com"
	Country string // ISO 3166-1 alpha-2, e.g. "DE"
}

// Partner is the registering partner as the policy sees it.
type Partner struct {
	ID             string
	Tier           string   // one of Policy.Tiers
	Certifications []string // certifications held
}

// SKULine is one line of SKU-level detail.
type SKULine struct {
	SKU      string
	Quantity int64
}

// Deal is the data a registration carries about the opportunity. Optional
// data is absent when zero: an empty string, nil slice, the zero Amount or
// the zero time.
type Deal struct {
	Customer      Customer
	Contact       string
	ProductLines  []string
	Size          money.Amount // estimated deal value at list
	Stage         Stage
	ExpectedClose time.Time
	SKUs          []SKULine
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

// Registration is one deal registration: an immutable value whose
// lifecycle advances only through Apply, which returns a new value and
// never modifies its receiver. The lifecycle fields are exported so that a
// host can persist and restore registrations; set them only through Apply.
// The zero Registration is not a registration (State is StateUnspecified);
// start from New.
type Registration struct {
	ID      string
	Partner Partner
	Deal    Deal
	Source  Source
	LeadID  string // the vendor-passed lead, when Source is VendorLead
	// LeadSource is the vendor-passed lead's Lead.Source (the campaign or
	// activity that produced it), kept on the registration so that the
	// lead programme's return can be measured from registrations alone.
	LeadSource string

	State State
	// CreatedAt is when the draft was created; LastEventAt the time of the
	// last applied event. Events may not be dated before LastEventAt.
	CreatedAt, LastEventAt time.Time
	// SubmittedAt is when Submit succeeded (the complete submission).
	SubmittedAt time.Time
	// StageAtSubmission is the deal's stage when it was submitted (how
	// early the vendor saw it).
	StageAtSubmission Stage
	// ReviewStartedAt, DecidedAt: review start and approval or rejection.
	ReviewStartedAt, DecidedAt time.Time
	// ExpiresAt is the end of protection, exclusive: protected while
	// t < ExpiresAt. Set at approval to DecidedAt + Policy.Window and moved
	// by each granted extension.
	ExpiresAt time.Time
	// ExtensionsGranted counts granted extensions; ExtensionPending is set
	// between RequestExtension and its grant or denial.
	ExtensionsGranted int
	ExtensionPending  bool
	// Reason is the rejection reason, or the withdrawal reason if given.
	Reason string
	// ClosedAt is when the registration reached a terminal state.
	ClosedAt time.Time
}

// New returns a draft registration created at the given time. source must be
// PartnerSourced (leadID empty) or VendorLead (leadID required; NewFromLead
// also keeps the lead's source). The deal is not checked until Submit.
func New(id string, partner Partner, deal Deal, source Source, leadID string, at time.Time) (Registration, error) {
	var errs []error
	if id == "" {
		errs = append(errs, &FieldError{Field: "id", Err: ErrMissingField})
	}
	if partner.ID == "" {
		errs = append(errs, &FieldError{Field: "partner-id", Err: ErrMissingField})
	}
	switch source {
	case PartnerSourced:
		if leadID != "" {
			errs = append(errs, &FieldError{Field: "lead-id", Err: ErrInvalidField, Detail: "a partner-sourced registration has no vendor lead"})
		}
	case VendorLead:
		if leadID == "" {
			errs = append(errs, &FieldError{Field: "lead-id", Err: ErrMissingField})
		}
	case SourceUnspecified:
		errs = append(errs, &FieldError{Field: "source", Err: ErrMissingField})
	default:
		errs = append(errs, &FieldError{Field: "source", Err: ErrInvalidField, Detail: fmt.Sprintf("unknown source %d", uint8(source))})
	}
	if err := errors.Join(errs...); err != nil {
		return Registration{}, err
	}
	return Registration{
		ID: id, Partner: partner, Deal: deal.clone(), Source: source, LeadID: leadID,
		State: Draft, CreatedAt: at, LastEventAt: at,
	}, nil
}

// Equal reports whether two registrations are the same value (amounts
// compared numerically, times with time.Time.Equal).
func (r Registration) Equal(o Registration) bool {
	return r.ID == o.ID && r.Partner.ID == o.Partner.ID && r.Partner.Tier == o.Partner.Tier &&
		slices.Equal(r.Partner.Certifications, o.Partner.Certifications) &&
		r.Deal.Equal(o.Deal) && r.Source == o.Source && r.LeadID == o.LeadID && r.LeadSource == o.LeadSource && r.State == o.State &&
		r.CreatedAt.Equal(o.CreatedAt) && r.LastEventAt.Equal(o.LastEventAt) &&
		r.SubmittedAt.Equal(o.SubmittedAt) && r.StageAtSubmission == o.StageAtSubmission &&
		r.ReviewStartedAt.Equal(o.ReviewStartedAt) && r.DecidedAt.Equal(o.DecidedAt) &&
		r.ExpiresAt.Equal(o.ExpiresAt) && r.ExtensionsGranted == o.ExtensionsGranted &&
		r.ExtensionPending == o.ExtensionPending && r.Reason == o.Reason && r.ClosedAt.Equal(o.ClosedAt)
}

// Event is a lifecycle event. Reason is required for Reject and optional
// for Withdraw; Deal is the new deal data for Update.
type Event struct {
	Kind   EventKind
	Reason string
	Deal   Deal
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
	if !at.Before(r.LastEventAt) {
		if r.State == Approved && !at.Before(r.ExpiresAt) {
			return Expired
		}
		return r.State
	}
	if at.Before(r.CreatedAt) {
		return StateUnspecified
	}
	if r.State.IsTerminal() && !at.Before(r.ClosedAt) {
		return r.State
	}
	approved := r.State != Rejected && !r.DecidedAt.IsZero() && !at.Before(r.DecidedAt)
	switch {
	case approved && !at.Before(r.ExpiresAt):
		return Expired
	case approved:
		return Approved
	case !r.ReviewStartedAt.IsZero() && !at.Before(r.ReviewStartedAt):
		return UnderReview
	case !r.SubmittedAt.IsZero() && !at.Before(r.SubmittedAt):
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
	c := claimSpan{from: r.SubmittedAt, ok: true}
	switch r.State {
	case StateUnspecified, Draft:
		return claimSpan{}
	case Submitted, UnderReview:
		c.open = true
		return c
	case Approved, Expired:
		c.until = r.ExpiresAt
	case Rejected, Won, Lost, Withdrawn:
		if r.State == Withdrawn && r.SubmittedAt.IsZero() {
			return claimSpan{}
		}
		c.until = r.ClosedAt
		if !r.ExpiresAt.IsZero() && r.ExpiresAt.Before(c.until) {
			c.until = r.ExpiresAt
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
// SubmittedAt + Policy.ApprovalSLA. It is the zero time before submission.
func (r Registration) ReviewDue(p Policy) time.Time {
	if r.SubmittedAt.IsZero() {
		return time.Time{}
	}
	return r.SubmittedAt.Add(p.ApprovalSLA)
}

// ReviewOverdue reports whether a submitted or under-review registration
// is still undecided at or after its ReviewDue instant.
func (r Registration) ReviewOverdue(at time.Time, p Policy) bool {
	return (r.State == Submitted || r.State == UnderReview) && !at.Before(r.ReviewDue(p))
}

// DiscountRate returns the registration discount the registration earns
// under p: Policy.RegistrationDiscount for a partner-sourced registration,
// and for a vendor-passed lead only if Policy.VendorLeadsRegistrable;
// otherwise zero. Conflict resolution may reduce it (Resolution.Discount).
func (r Registration) DiscountRate(p Policy) money.Rate {
	if r.Source == VendorLead && !p.VendorLeadsRegistrable {
		return money.Rate{}
	}
	return p.RegistrationDiscount
}

// AllowedEvents returns the events that may be applied at time at, in
// EventKind order, for a UI. Payload checks (required fields,
// eligibility, a rejection reason) can still refuse an allowed event.
func (r Registration) AllowedEvents(at time.Time, p Policy) []EventKind {
	if at.Before(r.LastEventAt) {
		return nil
	}
	switch r.State {
	case Draft:
		return []EventKind{Update, Submit, Withdraw}
	case Submitted:
		return []EventKind{StartReview, Withdraw}
	case UnderReview:
		return []EventKind{Approve, Reject, Withdraw}
	case Approved:
		if !at.Before(r.ExpiresAt) {
			return []EventKind{Expire}
		}
		ev := []EventKind{Update}
		if r.ExtensionPending {
			ev = append(ev, GrantExtension, DenyExtension)
		} else if r.ExtensionsGranted < p.MaxExtensions {
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
// product lines: protection covers what the vendor approved. The policy's
// registration rules (window, extensions, tiers, eligibility,
// requirements) must be valid: otherwise every event fails with the
// *FieldErrors of Policy.Validate.
func (r Registration) Apply(e Event, at time.Time, p Policy) (Registration, error) {
	fail := func(err error) (Registration, error) {
		return r, &TransitionError{ID: r.ID, From: r.State, Event: e.Kind, Err: err}
	}
	if at.Before(r.LastEventAt) {
		return fail(ErrTimeOrder)
	}
	if errs := p.registrationErrors(); len(errs) > 0 {
		return fail(errors.Join(errs...))
	}
	if !slices.Contains(r.AllowedEvents(at, p), e.Kind) {
		switch {
		case r.State == Approved && !at.Before(r.ExpiresAt):
			return fail(ErrExpired)
		case r.State == Approved && e.Kind == Expire:
			return fail(ErrNotExpired)
		case r.State == Approved && e.Kind == RequestExtension && !r.ExtensionPending:
			return fail(ErrExtensionLimit)
		default:
			return fail(ErrTransition)
		}
	}
	n := r
	n.LastEventAt = at
	switch e.Kind {
	case Update:
		if r.State == Approved {
			if err := p.checkApprovedUpdate(r, e.Deal); err != nil {
				return fail(err)
			}
		}
		n.Deal = e.Deal.clone()
	case Submit:
		if err := p.CheckSubmission(r.Partner, r.Deal); err != nil {
			return fail(err)
		}
		n.State, n.SubmittedAt, n.StageAtSubmission = Submitted, at, r.Deal.Stage
	case StartReview:
		n.State, n.ReviewStartedAt = UnderReview, at
	case Approve:
		n.State, n.DecidedAt, n.ExpiresAt = Approved, at, at.Add(p.Window)
	case Reject:
		if e.Reason == "" {
			return fail(&FieldError{Field: "reason", Err: ErrMissingField})
		}
		n.State, n.DecidedAt, n.Reason, n.ClosedAt = Rejected, at, e.Reason, at
	case RequestExtension:
		n.ExtensionPending = true
	case GrantExtension:
		n.ExtensionPending = false
		n.ExtensionsGranted++
		n.ExpiresAt = r.ExpiresAt.Add(p.ExtensionLength)
	case DenyExtension:
		n.ExtensionPending = false
	case Win:
		if errs := p.fieldErrors(r.Deal, Commit); len(errs) > 0 {
			return fail(errors.Join(errs...))
		}
		n.State, n.ClosedAt = Won, at
	case Lose:
		n.State, n.ClosedAt = Lost, at
	case Expire:
		n.State, n.ClosedAt, n.ExtensionPending = Expired, at, false
	case Withdraw:
		n.State, n.ClosedAt, n.Reason, n.ExtensionPending = Withdrawn, at, e.Reason, false
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
// and a positive quantity). It reports every problem at once (errors.Join
// of *FieldError naming each field). Without a valid stage it reports the
// stage and the fields required at the earliest stage, which every stage
// requires.
func (p Policy) CheckDeal(d Deal) error {
	var errs []error
	s := d.Stage
	if !s.IsValid() {
		errs = append(errs, &FieldError{Field: "stage", Err: ErrMissingField})
		s = Prospecting
	}
	errs = append(errs, p.fieldErrors(d, s)...)
	errs = append(errs, dealErrors(d)...)
	return errors.Join(errs...)
}

// dealErrors checks the deal data that is present, required or not.
func dealErrors(d Deal) []error {
	var errs []error
	if d.Size.IsValid() && d.Size.Sign() <= 0 {
		errs = append(errs, &FieldError{Field: FieldDealSize.String(), Err: ErrInvalidField, Detail: fmt.Sprintf("must be positive, got %s", d.Size)})
	}
	for i, l := range d.ProductLines {
		if normLine(l) == "" {
			errs = append(errs, &FieldError{Field: FieldProductLines.String(), Err: ErrInvalidField, Detail: fmt.Sprintf("line %d is blank", i)})
		}
	}
	for i, l := range d.SKUs {
		if strings.TrimSpace(l.SKU) == "" || l.Quantity <= 0 {
			errs = append(errs, &FieldError{Field: FieldSKUs.String(), Err: ErrInvalidField, Detail: fmt.Sprintf("line %d needs a SKU and a positive quantity", i)})
		}
	}
	return errs
}

// checkApprovedUpdate checks an update of an approved registration: the
// same customer, no product line beyond those approved, the partner
// eligible for each, and the fields required at the new stage.
func (p Policy) checkApprovedUpdate(r Registration, d Deal) error {
	var errs []error
	if old, k := NormaliseCustomer(r.Deal.Customer), NormaliseCustomer(d.Customer); old != k && !old.SameCustomer(k) {
		errs = append(errs, &FieldError{Field: FieldCustomerName.String(), Err: ErrInvalidField, Detail: "the customer cannot change after submission"})
	}
	if approved := normLines(r.Deal.ProductLines); approved != nil {
		next := normLines(d.ProductLines)
		if next == nil {
			errs = append(errs, &FieldError{Field: FieldProductLines.String(), Err: ErrInvalidField, Detail: "protection cannot be widened to every product after approval"})
		}
		for _, l := range next {
			if _, found := slices.BinarySearch(approved, l); !found {
				errs = append(errs, &FieldError{Field: FieldProductLines.String(), Err: ErrInvalidField, Detail: fmt.Sprintf("%q was not approved; register it separately", l)})
			}
		}
	}
	if err := p.CheckDeal(d); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, p.eligibility(r.Partner, d.ProductLines)...)
	return errors.Join(errs...)
}

// CheckSubmission checks what Submit checks: CheckDeal, the minimum deal
// size (when set, Deal.Size is required and must be at least it, in the
// same currency), and the partner's eligibility for each product line
// (tier at least the rule's MinTier, every certification held; product
// lines are matched without case or surrounding space, as conflicts
// compare them). Every problem is reported at once.
func (p Policy) CheckSubmission(partner Partner, d Deal) error {
	var errs []error
	if err := p.CheckDeal(d); err != nil {
		errs = append(errs, err)
	}
	if p.MinDealSize.IsValid() && !p.MinDealSize.IsZero() {
		switch c, err := d.Size.Cmp(p.MinDealSize); {
		case !d.Size.IsValid():
			if !slices.Contains(p.RequiredAt(d.Stage), FieldDealSize) {
				errs = append(errs, &FieldError{Field: FieldDealSize.String(), Err: ErrMissingField, Detail: "required by the minimum deal size"})
			}
		case err != nil:
			// Keep the cause matchable (money.ErrCurrencyMismatch).
			errs = append(errs, &FieldError{Field: FieldDealSize.String(), Err: fmt.Errorf("%w: %w", ErrInvalidField, err)})
		case c < 0:
			errs = append(errs, &FieldError{Field: FieldDealSize.String(), Err: ErrBelowMinimum, Detail: fmt.Sprintf("%s < %s", d.Size, p.MinDealSize)})
		}
	}
	errs = append(errs, p.eligibility(partner, d.ProductLines)...)
	return errors.Join(errs...)
}

func (p Policy) eligibility(partner Partner, lines []string) []error {
	var errs []error
	rank := p.tierRank(partner.Tier)
	for _, line := range lines {
		key := normLine(line)
		i := slices.IndexFunc(p.Eligibility, func(r EligibilityRule) bool { return normLine(r.ProductLine) == key })
		if i < 0 {
			continue
		}
		rule := p.Eligibility[i]
		if rule.MinTier != "" && rank < p.tierRank(rule.MinTier) {
			errs = append(errs, &EligibilityError{Partner: partner.ID, ProductLine: line,
				Reason: fmt.Sprintf("tier %q below %q", partner.Tier, rule.MinTier)})
		}
		for _, c := range rule.Certifications {
			if !slices.Contains(partner.Certifications, c) {
				errs = append(errs, &EligibilityError{Partner: partner.ID, ProductLine: line,
					Reason: fmt.Sprintf("certification %q missing", c)})
			}
		}
	}
	return errs
}

// fieldErrors checks the fields required at stage s against d.
func (p Policy) fieldErrors(d Deal, s Stage) []error {
	var errs []error
	for _, f := range p.RequiredAt(s) {
		if err := fieldPresent(d, f); err != nil {
			err.Stage = s
			errs = append(errs, err)
		}
	}
	return errs
}

func fieldPresent(d Deal, f Field) *FieldError {
	missing := func() *FieldError { return &FieldError{Field: f.String(), Err: ErrMissingField} }
	switch f {
	case FieldCustomerName:
		if d.Customer.Name == "" {
			return missing()
		}
	case FieldCustomerDomain:
		if d.Customer.Domain == "" {
			return missing()
		}
	case FieldCustomerCountry:
		if d.Customer.Country == "" {
			return missing()
		}
	case FieldContact:
		if d.Contact == "" {
			return missing()
		}
	case FieldProductLines:
		if normLines(d.ProductLines) == nil {
			return missing()
		}
	case FieldDealSize:
		if !d.Size.IsValid() {
			return missing()
		}
	case FieldExpectedClose:
		if d.ExpectedClose.IsZero() {
			return missing()
		}
	case FieldSKUs:
		if len(d.SKUs) == 0 {
			return missing()
		}
	case FieldUnspecified:
		return &FieldError{Field: f.String(), Err: ErrInvalidField}
	default:
		return &FieldError{Field: f.String(), Err: ErrInvalidField}
	}
	return nil
}
