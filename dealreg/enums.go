package dealreg

import "fmt"

// enum is the shape of every enumeration of this package: a small typed
// integer whose zero value is the rejected "unspecified" value.
type enum interface {
	~uint8
	String() string
}

// parseEnum returns the value of E in [1, last] whose String is s.
func parseEnum[E enum](typ, s string, last E) (E, error) {
	for v := E(1); v <= last; v++ {
		if v.String() == s {
			return v, nil
		}
	}
	if len(s) > 64 {
		s = s[:64] + "…"
	}
	return 0, &EnumError{Type: typ, Input: s}
}

// marshalEnum returns v's name, or an *EnumError for the unspecified or an
// out-of-range value.
func marshalEnum[E enum](typ string, v, last E) ([]byte, error) {
	if v < 1 || v > last {
		return nil, &EnumError{Type: typ, Input: fmt.Sprintf("%d", uint8(v))}
	}
	return []byte(v.String()), nil
}

func unknown(typ string, v uint8) string { return fmt.Sprintf("%s(%d)", typ, v) }

// State is a registration's lifecycle state.
type State uint8

// Registration states. Rejected, Won, Lost, Expired and Withdrawn are
// terminal: no event is allowed from them.
const (
	StateUnspecified State = iota
	// Draft: being prepared by the partner; not visible to the vendor.
	Draft
	// Submitted: complete for its stage and sent to the vendor.
	Submitted
	// UnderReview: a vendor reviewer has taken it.
	UnderReview
	// Approved: the partner owns the deal and is protected until ExpiresAt
	// (exclusive).
	Approved
	// Rejected: refused by the vendor, with a reason.
	Rejected
	// Won: the deal closed in the partner's favour while protected.
	Won
	// Lost: the deal was lost while protected.
	Lost
	// Expired: the protection window ended; protection is cleared.
	Expired
	// Withdrawn: withdrawn by the partner.
	Withdrawn
)

// String returns the state's name, e.g. "under-review".
func (s State) String() string {
	switch s {
	case StateUnspecified:
		return "unspecified"
	case Draft:
		return "draft"
	case Submitted:
		return "submitted"
	case UnderReview:
		return "under-review"
	case Approved:
		return "approved"
	case Rejected:
		return "rejected"
	case Won:
		return "won"
	case Lost:
		return "lost"
	case Expired:
		return "expired"
	case Withdrawn:
		return "withdrawn"
	default:
		return unknown("State", uint8(s))
	}
}

// IsValid reports whether s is a named state other than StateUnspecified.
func (s State) IsValid() bool { return s >= Draft && s <= Withdrawn }

// IsTerminal reports whether no event is allowed from s.
func (s State) IsTerminal() bool {
	switch s {
	case Rejected, Won, Lost, Expired, Withdrawn:
		return true
	case StateUnspecified, Draft, Submitted, UnderReview, Approved:
		return false
	default:
		return false
	}
}

// MarshalText returns the state's name; StateUnspecified fails.
func (s State) MarshalText() ([]byte, error) { return marshalEnum("State", s, Withdrawn) }

// UnmarshalText parses a state name as written by MarshalText.
func (s *State) UnmarshalText(b []byte) error {
	v, err := parseEnum("State", string(b), Withdrawn)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// EventKind names a lifecycle event.
type EventKind uint8

// Lifecycle events, in the order AllowedEvents lists them.
const (
	EventUnspecified EventKind = iota
	// Update replaces the deal data (Draft, or Approved to advance the
	// stage; the customer cannot change after submission).
	Update
	// Submit sends a draft to the vendor after checking eligibility,
	// minimum deal size and the fields required at the deal's stage.
	Submit
	// StartReview records that a reviewer took a submitted registration.
	StartReview
	// Approve grants ownership and starts the protection window.
	Approve
	// Reject refuses the registration; Event.Reason is required.
	Reject
	// RequestExtension asks for one more protection period.
	RequestExtension
	// GrantExtension extends the protection window by the policy's length.
	GrantExtension
	// DenyExtension refuses the pending extension request.
	DenyExtension
	// Win closes the deal as won; the fields required at StageCommit must
	// be present (the price is being guaranteed).
	Win
	// Lose closes the deal as lost.
	Lose
	// Expire records the end of protection; allowed at or after ExpiresAt.
	Expire
	// Withdraw withdraws the registration (any non-terminal state).
	Withdraw
)

// String returns the event's name, e.g. "request-extension".
func (k EventKind) String() string {
	switch k {
	case EventUnspecified:
		return "unspecified"
	case Update:
		return "update"
	case Submit:
		return "submit"
	case StartReview:
		return "start-review"
	case Approve:
		return "approve"
	case Reject:
		return "reject"
	case RequestExtension:
		return "request-extension"
	case GrantExtension:
		return "grant-extension"
	case DenyExtension:
		return "deny-extension"
	case Win:
		return "win"
	case Lose:
		return "lose"
	case Expire:
		return "expire"
	case Withdraw:
		return "withdraw"
	default:
		return unknown("EventKind", uint8(k))
	}
}

// IsValid reports whether k is a named event other than EventUnspecified.
func (k EventKind) IsValid() bool { return k >= Update && k <= Withdraw }

// MarshalText returns the event's name; EventUnspecified fails.
func (k EventKind) MarshalText() ([]byte, error) { return marshalEnum("EventKind", k, Withdraw) }

// UnmarshalText parses an event name as written by MarshalText.
func (k *EventKind) UnmarshalText(b []byte) error {
	v, err := parseEnum("EventKind", string(b), Withdraw)
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Stage is the sales stage of a deal. Stages are ordered: a requirement
// declared for a stage applies to it and every later stage.
type Stage uint8

// Sales stages, earliest first.
const (
	StageUnspecified Stage = iota
	// Prospecting: a named customer and an interest.
	Prospecting
	// Qualification: need, budget and timing confirmed.
	Qualification
	// Proposal: a solution has been proposed.
	Proposal
	// Negotiation: terms are being negotiated.
	Negotiation
	// Commit: ready to close; the price is being guaranteed.
	Commit
)

// String returns the stage's name, e.g. "qualification".
func (s Stage) String() string {
	switch s {
	case StageUnspecified:
		return "unspecified"
	case Prospecting:
		return "prospecting"
	case Qualification:
		return "qualification"
	case Proposal:
		return "proposal"
	case Negotiation:
		return "negotiation"
	case Commit:
		return "commit"
	default:
		return unknown("Stage", uint8(s))
	}
}

// IsValid reports whether s is a named stage other than StageUnspecified.
func (s Stage) IsValid() bool { return s >= Prospecting && s <= Commit }

// MarshalText returns the stage's name; StageUnspecified fails.
func (s Stage) MarshalText() ([]byte, error) { return marshalEnum("Stage", s, Commit) }

// UnmarshalText parses a stage name as written by MarshalText.
func (s *Stage) UnmarshalText(b []byte) error {
	v, err := parseEnum("Stage", string(b), Commit)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Field names a piece of deal data that a policy can require.
type Field uint8

// Deal fields a policy can require at a stage.
const (
	FieldUnspecified Field = iota
	// FieldCustomerName is Deal.Customer.Name.
	FieldCustomerName
	// FieldCustomerDomain is Deal.Customer.Domain.
	FieldCustomerDomain
	// FieldCustomerCountry is Deal.Customer.Country.
	FieldCustomerCountry
	// FieldContact is Deal.Contact (the customer's contact person).
	FieldContact
	// FieldProductLines is Deal.ProductLines (at least one).
	FieldProductLines
	// FieldDealSize is Deal.Size.
	FieldDealSize
	// FieldExpectedClose is Deal.ExpectedClose.
	FieldExpectedClose
	// FieldSKUs is Deal.SKUs: SKU-level detail (at least one line, each
	// with a SKU and a positive quantity).
	FieldSKUs
)

// String returns the field's name, e.g. "customer-name".
func (f Field) String() string {
	switch f {
	case FieldUnspecified:
		return "unspecified"
	case FieldCustomerName:
		return "customer-name"
	case FieldCustomerDomain:
		return "customer-domain"
	case FieldCustomerCountry:
		return "customer-country"
	case FieldContact:
		return "contact"
	case FieldProductLines:
		return "product-lines"
	case FieldDealSize:
		return "deal-size"
	case FieldExpectedClose:
		return "expected-close"
	case FieldSKUs:
		return "skus"
	default:
		return unknown("Field", uint8(f))
	}
}

// IsValid reports whether f is a named field other than FieldUnspecified.
func (f Field) IsValid() bool { return f >= FieldCustomerName && f <= FieldSKUs }

// MarshalText returns the field's name; FieldUnspecified fails.
func (f Field) MarshalText() ([]byte, error) { return marshalEnum("Field", f, FieldSKUs) }

// UnmarshalText parses a field name as written by MarshalText.
func (f *Field) UnmarshalText(b []byte) error {
	v, err := parseEnum("Field", string(b), FieldSKUs)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Source says where a registered deal came from.
type Source uint8

// Deal sources.
const (
	SourceUnspecified Source = iota
	// PartnerSourced: the partner found the deal.
	PartnerSourced
	// VendorLead: the vendor passed the lead to the partner (Registration.LeadID).
	VendorLead
)

// String returns the source's name, e.g. "vendor-lead".
func (s Source) String() string {
	switch s {
	case SourceUnspecified:
		return "unspecified"
	case PartnerSourced:
		return "partner-sourced"
	case VendorLead:
		return "vendor-lead"
	default:
		return unknown("Source", uint8(s))
	}
}

// MarshalText returns the source's name; SourceUnspecified fails.
func (s Source) MarshalText() ([]byte, error) { return marshalEnum("Source", s, VendorLead) }

// UnmarshalText parses a source name as written by MarshalText.
func (s *Source) UnmarshalText(b []byte) error {
	v, err := parseEnum("Source", string(b), VendorLead)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ConflictRule is the declared rule that decides which of several
// conflicting registrations owns the deal.
type ConflictRule uint8

// Conflict rules.
const (
	ConflictRuleUnspecified ConflictRule = iota
	// FirstSubmission: the earliest complete submission wins (SubmittedAt;
	// a registration is complete by construction when Submit succeeds).
	FirstSubmission
	// TierOrder: the highest partner tier in the policy's Tiers wins, then
	// the earliest submission.
	TierOrder
)

// String returns the rule's name, e.g. "first-submission".
func (c ConflictRule) String() string {
	switch c {
	case ConflictRuleUnspecified:
		return "unspecified"
	case FirstSubmission:
		return "first-submission"
	case TierOrder:
		return "tier-order"
	default:
		return unknown("ConflictRule", uint8(c))
	}
}

// MarshalText returns the rule's name; ConflictRuleUnspecified fails.
func (c ConflictRule) MarshalText() ([]byte, error) {
	return marshalEnum("ConflictRule", c, TierOrder)
}

// UnmarshalText parses a rule name as written by MarshalText.
func (c *ConflictRule) UnmarshalText(b []byte) error {
	v, err := parseEnum("ConflictRule", string(b), TierOrder)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Stacking is a named policy for combining discounts in a price waterfall.
type Stacking uint8

// Stacking policies. d_i are the discount rates in waterfall order, L the
// list price.
const (
	StackingUnspecified Stacking = iota
	// Additive: every discount is taken on list: net = L·(1 − Σ d_i).
	Additive
	// Compounding: each discount is taken on the running net:
	// net = L·Π(1 − d_i).
	Compounding
	// Priority: only the applicable (non-zero) discount whose kind comes
	// first in PricingPolicy.Priority applies.
	Priority
	// BestOf: only the single largest discount applies.
	BestOf
	// CappedSum: additive on list, with Σ d_i capped at PricingPolicy.Cap;
	// the discount that crosses the cap is cut to fit and later ones are
	// dropped.
	CappedSum
)

// String returns the policy's name, e.g. "compounding".
func (s Stacking) String() string {
	switch s {
	case StackingUnspecified:
		return "unspecified"
	case Additive:
		return "additive"
	case Compounding:
		return "compounding"
	case Priority:
		return "priority"
	case BestOf:
		return "best-of"
	case CappedSum:
		return "capped-sum"
	default:
		return unknown("Stacking", uint8(s))
	}
}

// MarshalText returns the policy's name; StackingUnspecified fails.
func (s Stacking) MarshalText() ([]byte, error) { return marshalEnum("Stacking", s, CappedSum) }

// UnmarshalText parses a policy name as written by MarshalText.
func (s *Stacking) UnmarshalText(b []byte) error {
	v, err := parseEnum("Stacking", string(b), CappedSum)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// DiscountKind is the kind of a discount; it fixes the discount's place in
// the waterfall (list → tier → registration → special → promotion).
type DiscountKind uint8

// Discount kinds in waterfall order.
const (
	DiscountKindUnspecified DiscountKind = iota
	// TierDiscount: the partner's programme-tier discount.
	TierDiscount
	// RegistrationDiscount: the deal-registration discount, for the
	// registered owner only.
	RegistrationDiscount
	// SpecialPricing: a special-pricing (special bid) discount.
	SpecialPricing
	// Promotion: a promotional discount.
	Promotion
)

// String returns the kind's name, e.g. "special-pricing".
func (k DiscountKind) String() string {
	switch k {
	case DiscountKindUnspecified:
		return "unspecified"
	case TierDiscount:
		return "tier"
	case RegistrationDiscount:
		return "registration"
	case SpecialPricing:
		return "special-pricing"
	case Promotion:
		return "promotion"
	default:
		return unknown("DiscountKind", uint8(k))
	}
}

// MarshalText returns the kind's name; DiscountKindUnspecified fails.
func (k DiscountKind) MarshalText() ([]byte, error) {
	return marshalEnum("DiscountKind", k, Promotion)
}

// UnmarshalText parses a kind name as written by MarshalText.
func (k *DiscountKind) UnmarshalText(b []byte) error {
	v, err := parseEnum("DiscountKind", string(b), Promotion)
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// FloorKind says what a pricing floor is measured against.
type FloorKind uint8

// Floor kinds.
const (
	FloorUnspecified FloorKind = iota
	// NoFloor: no floor.
	NoFloor
	// FloorShareOfList: net ≥ L·Floor.Rate (e.g. never below 40 % of list).
	FloorShareOfList
	// FloorMargin: the vendor's margin over cost, (net − cost)/net, is at
	// least Floor.Rate; equivalently net·(1 − rate) ≥ cost. The quote must
	// carry a cost.
	FloorMargin
)

// String returns the kind's name, e.g. "share-of-list".
func (k FloorKind) String() string {
	switch k {
	case FloorUnspecified:
		return "unspecified"
	case NoFloor:
		return "none"
	case FloorShareOfList:
		return "share-of-list"
	case FloorMargin:
		return "margin"
	default:
		return unknown("FloorKind", uint8(k))
	}
}

// MarshalText returns the kind's name; FloorUnspecified fails.
func (k FloorKind) MarshalText() ([]byte, error) { return marshalEnum("FloorKind", k, FloorMargin) }

// UnmarshalText parses a kind name as written by MarshalText.
func (k *FloorKind) UnmarshalText(b []byte) error {
	v, err := parseEnum("FloorKind", string(b), FloorMargin)
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// FloorAction says what happens when a quote falls below its floor.
type FloorAction uint8

// Floor actions. The documented default is FloorError.
const (
	FloorActionUnspecified FloorAction = iota
	// FloorError: the quote fails with a *BelowFloorError (the default).
	FloorError
	// FloorClamp: the net is raised to the floor and the waterfall gets a
	// final "floor" step with a negative amount.
	FloorClamp
)

// String returns the action's name, e.g. "clamp".
func (a FloorAction) String() string {
	switch a {
	case FloorActionUnspecified:
		return "unspecified"
	case FloorError:
		return "error"
	case FloorClamp:
		return "clamp"
	default:
		return unknown("FloorAction", uint8(a))
	}
}

// MarshalText returns the action's name; FloorActionUnspecified fails.
func (a FloorAction) MarshalText() ([]byte, error) {
	return marshalEnum("FloorAction", a, FloorClamp)
}

// UnmarshalText parses an action name as written by MarshalText.
func (a *FloorAction) UnmarshalText(b []byte) error {
	v, err := parseEnum("FloorAction", string(b), FloorClamp)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Role is a registration's role after conflict resolution.
type Role uint8

// Roles.
const (
	RoleUnspecified Role = iota
	// Owner: the registration owns the deal (alone or as the conflict
	// winner) and gets the full registration discount.
	Owner
	// Secondary: it lost a conflict; it gets Policy.SecondaryShare of the
	// registration discount (possibly zero).
	Secondary
	// Excluded: the customer is excluded (direct sales already active, or
	// an existing customer); no protection and no discount.
	Excluded
)

// String returns the role's name, e.g. "secondary".
func (r Role) String() string {
	switch r {
	case RoleUnspecified:
		return "unspecified"
	case Owner:
		return "owner"
	case Secondary:
		return "secondary"
	case Excluded:
		return "excluded"
	default:
		return unknown("Role", uint8(r))
	}
}

// MarshalText returns the role's name; RoleUnspecified fails.
func (r Role) MarshalText() ([]byte, error) { return marshalEnum("Role", r, Excluded) }

// UnmarshalText parses a role name as written by MarshalText.
func (r *Role) UnmarshalText(b []byte) error {
	v, err := parseEnum("Role", string(b), Excluded)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// LeadStatus is the status of a vendor-passed lead assignment.
type LeadStatus uint8

// Lead statuses.
const (
	LeadStatusUnspecified LeadStatus = iota
	// LeadAssigned: assigned, awaiting the partner's answer within the SLA.
	LeadAssigned
	// LeadAccepted: the partner accepted (engaged with) the lead.
	LeadAccepted
	// LeadRejected: the partner rejected the lead.
	LeadRejected
	// LeadSilent: the acceptance SLA passed without an answer. It is never
	// stored: LeadRecord.StatusAt derives it from LeadAssigned and the time.
	LeadSilent
)

// String returns the status's name, e.g. "silent".
func (s LeadStatus) String() string {
	switch s {
	case LeadStatusUnspecified:
		return "unspecified"
	case LeadAssigned:
		return "assigned"
	case LeadAccepted:
		return "accepted"
	case LeadRejected:
		return "rejected"
	case LeadSilent:
		return "silent"
	default:
		return unknown("LeadStatus", uint8(s))
	}
}

// MarshalText returns the status's name; LeadStatusUnspecified fails.
func (s LeadStatus) MarshalText() ([]byte, error) {
	return marshalEnum("LeadStatus", s, LeadSilent)
}

// UnmarshalText parses a status name as written by MarshalText.
func (s *LeadStatus) UnmarshalText(b []byte) error {
	v, err := parseEnum("LeadStatus", string(b), LeadSilent)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// RouteClass is why a partner is eligible to receive vendor-passed leads:
// the seed's two selective uses of leads.
type RouteClass uint8

// Route classes.
const (
	RouteClassUnspecified RouteClass = iota
	// NewPartner: onboarded within the routing policy's window; leads ramp
	// it (it applies its training).
	NewPartner
	// HighPerformer: past conversion at or above the policy's threshold;
	// qualified leads are a reward.
	HighPerformer
)

// String returns the class's name, e.g. "high-performer".
func (c RouteClass) String() string {
	switch c {
	case RouteClassUnspecified:
		return "unspecified"
	case NewPartner:
		return "new-partner"
	case HighPerformer:
		return "high-performer"
	default:
		return unknown("RouteClass", uint8(c))
	}
}

// MarshalText returns the class's name; RouteClassUnspecified fails.
func (c RouteClass) MarshalText() ([]byte, error) {
	return marshalEnum("RouteClass", c, HighPerformer)
}

// UnmarshalText parses a class name as written by MarshalText.
func (c *RouteClass) UnmarshalText(b []byte) error {
	v, err := parseEnum("RouteClass", string(b), HighPerformer)
	if err != nil {
		return err
	}
	*c = v
	return nil
}
