package dealreg

import (
	"errors"
	"fmt"
	"slices"
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
// PartnerSourced or VendorLead (then leadID is required).
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
		r.Deal.Equal(o.Deal) && r.Source == o.Source && r.LeadID == o.LeadID && r.State == o.State &&
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
// at: it is approved and at < ExpiresAt. Protection ends exactly at
// ExpiresAt (exclusive), whether or not Expire has been applied.
func (r Registration) Protected(at time.Time) bool {
	return r.State == Approved && at.Before(r.ExpiresAt)
}

// StateAt returns the state as of at: Expired for an approved
// registration at or after ExpiresAt, otherwise State.
func (r Registration) StateAt(at time.Time) State {
	if r.State == Approved && !at.Before(r.ExpiresAt) {
		return Expired
	}
	return r.State
}

// Open reports whether the registration claims its deal at time at:
// submitted, under review, or approved and not expired.
func (r Registration) Open(at time.Time) bool {
	switch r.StateAt(at) {
	case Submitted, UnderReview, Approved:
		return true
	case StateUnspecified, Draft, Rejected, Won, Lost, Expired, Withdrawn:
		return false
	default:
		return false
	}
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
func (r Registration) Apply(e Event, at time.Time, p Policy) (Registration, error) {
	fail := func(err error) (Registration, error) {
		return r, &TransitionError{ID: r.ID, From: r.State, Event: e.Kind, Err: err}
	}
	if at.Before(r.LastEventAt) {
		return fail(ErrTimeOrder)
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
			if customerKey(e.Deal.Customer) != customerKey(r.Deal.Customer) {
				return fail(&FieldError{Field: FieldCustomerName.String(), Err: ErrInvalidField, Detail: "the customer cannot change after submission"})
			}
			if err := p.CheckDeal(e.Deal); err != nil {
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
		if err := p.checkFields(r.Deal, Commit); err != nil {
			return fail(err)
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
// that stage. It reports every problem at once (errors.Join of
// *FieldError naming each field).
func (p Policy) CheckDeal(d Deal) error {
	if !d.Stage.IsValid() {
		return errors.Join(&FieldError{Field: "stage", Err: ErrMissingField})
	}
	return p.checkFields(d, d.Stage)
}

// CheckSubmission checks what Submit checks: CheckDeal, the minimum deal
// size (when set, Deal.Size is required and must be at least it, in the
// same currency), and the partner's eligibility for each product line
// (tier at least the rule's MinTier, every certification held). Every
// problem is reported at once.
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
			errs = append(errs, &FieldError{Field: FieldDealSize.String(), Err: ErrInvalidField, Detail: trimPrefix(err)})
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
		i := slices.IndexFunc(p.Eligibility, func(r EligibilityRule) bool { return r.ProductLine == line })
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

// checkFields checks the fields required at stage s against d.
func (p Policy) checkFields(d Deal, s Stage) error {
	var errs []error
	for _, f := range p.RequiredAt(s) {
		if err := fieldPresent(d, f); err != nil {
			err.Stage = s
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
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
		if len(d.ProductLines) == 0 {
			return missing()
		}
	case FieldDealSize:
		if !d.Size.IsValid() {
			return missing()
		}
		if d.Size.Sign() <= 0 {
			return &FieldError{Field: f.String(), Err: ErrInvalidField, Detail: "must be positive"}
		}
	case FieldExpectedClose:
		if d.ExpectedClose.IsZero() {
			return missing()
		}
	case FieldSKUs:
		if len(d.SKUs) == 0 {
			return missing()
		}
		for i, l := range d.SKUs {
			if l.SKU == "" || l.Quantity <= 0 {
				return &FieldError{Field: f.String(), Err: ErrInvalidField, Detail: fmt.Sprintf("line %d needs a SKU and a positive quantity", i)}
			}
		}
	case FieldUnspecified:
		return &FieldError{Field: f.String(), Err: ErrInvalidField}
	default:
		return &FieldError{Field: f.String(), Err: ErrInvalidField}
	}
	return nil
}
