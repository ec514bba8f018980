package dealreg

import "github.com/partnerecon/partnerecon/internal/enum"

// enumText returns v's name under names, or an *EnumError for the
// unspecified or an out-of-range value.
func enumText(names enum.Names, label string, v uint8) ([]byte, error) {
	b, f := names.Marshal(label, v)
	if f.Failed {
		return nil, enumError(label, f)
	}
	return b, nil
}

// enumParse parses text under names into *v, or returns an *EnumError.
func enumParse[E ~uint8](names enum.Names, label string, text []byte, v *E) error {
	x, f := names.Parse(string(text))
	if f.Failed {
		return enumError(label, f)
	}
	*v = E(x)
	return nil
}

// parseAs parses text with E's UnmarshalText.
func parseAs[E any, P interface {
	*E
	UnmarshalText([]byte) error
}](text string) (E, error) {
	var v E
	err := P(&v).UnmarshalText([]byte(text))
	return v, err
}

func enumError(label string, f enum.Failure) *EnumError {
	return &EnumError{Type: label, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

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

const stateNames enum.Names = "unspecified draft submitted under-review approved rejected won lost expired withdrawn"

// String returns the state's name, e.g. "under-review".
func (s State) String() string { return stateNames.String("State", uint8(s)) }

// IsValid reports whether s is a named state other than StateUnspecified.
func (s State) IsValid() bool { return stateNames.IsValid(uint8(s)) }

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

// ParseState returns the state named text, or an *EnumError.
func ParseState(text string) (State, error) { return parseAs[State](text) }

// MarshalText returns the state's name; StateUnspecified fails.
func (s State) MarshalText() ([]byte, error) { return enumText(stateNames, "state", uint8(s)) }

// UnmarshalText parses a state name as written by MarshalText.
func (s *State) UnmarshalText(b []byte) error { return enumParse(stateNames, "state", b, s) }

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

const eventNames enum.Names = "unspecified update submit start-review approve reject request-extension grant-extension deny-extension win lose expire withdraw"

// String returns the event's name, e.g. "request-extension".
func (k EventKind) String() string { return eventNames.String("EventKind", uint8(k)) }

// IsValid reports whether k is a named event other than EventUnspecified.
func (k EventKind) IsValid() bool { return eventNames.IsValid(uint8(k)) }

// ParseEventKind returns the event named text, or an *EnumError.
func ParseEventKind(text string) (EventKind, error) { return parseAs[EventKind](text) }

// MarshalText returns the event's name; EventUnspecified fails.
func (k EventKind) MarshalText() ([]byte, error) { return enumText(eventNames, "event", uint8(k)) }

// UnmarshalText parses an event name as written by MarshalText.
func (k *EventKind) UnmarshalText(b []byte) error { return enumParse(eventNames, "event", b, k) }

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

const stageNames enum.Names = "unspecified prospecting qualification proposal negotiation commit"

// String returns the stage's name, e.g. "qualification".
func (s Stage) String() string { return stageNames.String("Stage", uint8(s)) }

// IsValid reports whether s is a named stage other than StageUnspecified.
func (s Stage) IsValid() bool { return stageNames.IsValid(uint8(s)) }

// ParseStage returns the stage named text, or an *EnumError.
func ParseStage(text string) (Stage, error) { return parseAs[Stage](text) }

// MarshalText returns the stage's name; StageUnspecified fails.
func (s Stage) MarshalText() ([]byte, error) { return enumText(stageNames, "stage", uint8(s)) }

// UnmarshalText parses a stage name as written by MarshalText.
func (s *Stage) UnmarshalText(b []byte) error { return enumParse(stageNames, "stage", b, s) }

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

const fieldNames enum.Names = "unspecified customer-name customer-domain customer-country contact product-lines deal-size expected-close skus"

// String returns the field's name, e.g. "customer-name".
func (f Field) String() string { return fieldNames.String("Field", uint8(f)) }

// IsValid reports whether f is a named field other than FieldUnspecified.
func (f Field) IsValid() bool { return fieldNames.IsValid(uint8(f)) }

// Path returns the JSON Pointer of the field in a Deal's JSON form, e.g.
// "/customer/name" for FieldCustomerName and "/size" for FieldDealSize;
// "" for FieldUnspecified.
func (f Field) Path() string {
	switch f {
	case FieldCustomerName:
		return "/customer/name"
	case FieldCustomerDomain:
		return "/customer/domain"
	case FieldCustomerCountry:
		return "/customer/country"
	case FieldContact:
		return "/contact"
	case FieldProductLines:
		return "/product_lines"
	case FieldDealSize:
		return "/size"
	case FieldExpectedClose:
		return "/expected_close"
	case FieldSKUs:
		return "/skus"
	case FieldUnspecified:
		return ""
	default:
		return ""
	}
}

// ParseField returns the field named text, or an *EnumError.
func ParseField(text string) (Field, error) { return parseAs[Field](text) }

// MarshalText returns the field's name; FieldUnspecified fails.
func (f Field) MarshalText() ([]byte, error) { return enumText(fieldNames, "deal field", uint8(f)) }

// UnmarshalText parses a field name as written by MarshalText.
func (f *Field) UnmarshalText(b []byte) error { return enumParse(fieldNames, "deal field", b, f) }

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

const sourceNames enum.Names = "unspecified partner-sourced vendor-lead"

// String returns the source's name, e.g. "vendor-lead".
func (s Source) String() string { return sourceNames.String("Source", uint8(s)) }

// IsValid reports whether s is a named source other than SourceUnspecified.
func (s Source) IsValid() bool { return sourceNames.IsValid(uint8(s)) }

// ParseSource returns the source named text, or an *EnumError.
func ParseSource(text string) (Source, error) { return parseAs[Source](text) }

// MarshalText returns the source's name; SourceUnspecified fails.
func (s Source) MarshalText() ([]byte, error) { return enumText(sourceNames, "source", uint8(s)) }

// UnmarshalText parses a source name as written by MarshalText.
func (s *Source) UnmarshalText(b []byte) error { return enumParse(sourceNames, "source", b, s) }

// ConflictRule is the declared rule that decides which of several
// conflicting registrations owns the deal.
type ConflictRule uint8

// Conflict rules.
const (
	ConflictRuleUnspecified ConflictRule = iota
	// FirstSubmission: the earliest complete submission wins (SubmittedAt;
	// a registration is complete by construction when Submit succeeds).
	FirstSubmission
	// TierOrder: the highest partner tier in the policy's tiers wins, then
	// the earliest submission.
	TierOrder
)

const conflictRuleNames enum.Names = "unspecified first-submission tier-order"

// String returns the rule's name, e.g. "first-submission".
func (c ConflictRule) String() string { return conflictRuleNames.String("ConflictRule", uint8(c)) }

// IsValid reports whether c is a named rule other than
// ConflictRuleUnspecified.
func (c ConflictRule) IsValid() bool { return conflictRuleNames.IsValid(uint8(c)) }

// ParseConflictRule returns the rule named text, or an *EnumError.
func ParseConflictRule(text string) (ConflictRule, error) { return parseAs[ConflictRule](text) }

// MarshalText returns the rule's name; ConflictRuleUnspecified fails.
func (c ConflictRule) MarshalText() ([]byte, error) {
	return enumText(conflictRuleNames, "conflict rule", uint8(c))
}

// UnmarshalText parses a rule name as written by MarshalText.
func (c *ConflictRule) UnmarshalText(b []byte) error {
	return enumParse(conflictRuleNames, "conflict rule", b, c)
}

// Role is a registration's role after conflict resolution.
type Role uint8

// Roles.
const (
	RoleUnspecified Role = iota
	// Owner: the registration owns the deal (alone or as the conflict
	// winner) and gets the full registration discount.
	Owner
	// Secondary: it lost a conflict; it gets the policy's secondary share
	// of the registration discount (possibly zero).
	Secondary
	// Excluded: the customer is excluded (direct sales already active, or
	// an existing customer); no protection and no discount.
	Excluded
)

const roleNames enum.Names = "unspecified owner secondary excluded"

// String returns the role's name, e.g. "secondary".
func (r Role) String() string { return roleNames.String("Role", uint8(r)) }

// IsValid reports whether r is a named role other than RoleUnspecified.
func (r Role) IsValid() bool { return roleNames.IsValid(uint8(r)) }

// ParseRole returns the role named text, or an *EnumError.
func ParseRole(text string) (Role, error) { return parseAs[Role](text) }

// MarshalText returns the role's name; RoleUnspecified fails.
func (r Role) MarshalText() ([]byte, error) { return enumText(roleNames, "role", uint8(r)) }

// UnmarshalText parses a role name as written by MarshalText.
func (r *Role) UnmarshalText(b []byte) error { return enumParse(roleNames, "role", b, r) }

// ResolutionReason says why conflict resolution gave a registration its
// role. Its String is the sentence a report shows; MarshalText writes the
// machine name (e.g. "first-submission").
type ResolutionReason uint8

// Resolution reasons.
const (
	ResolutionReasonUnspecified ResolutionReason = iota
	// NoConflict: an Owner that conflicts with nothing.
	NoConflict
	// WonByFirstSubmission: an Owner chosen by FirstSubmission.
	WonByFirstSubmission
	// WonByTierOrder: an Owner chosen by TierOrder.
	WonByTierOrder
	// DirectSalesActive: Excluded, the vendor's direct sales are active on
	// the customer.
	DirectSalesActive
	// ExistingCustomer: Excluded, the customer is an existing customer.
	ExistingCustomer
	// LostToOwner: Secondary to a registration chosen as owner
	// (Resolution.Owner).
	LostToOwner
	// LostToWinner: Secondary to a registration that has already won the
	// deal (Resolution.Owner).
	LostToWinner
)

const resolutionReasonNames enum.Names = "unspecified no-conflict first-submission tier-order direct-sales-active existing-customer lost-to-owner lost-to-winner"

// String returns the reason as a sentence, e.g. "first submission" or
// "lost to the owner, which won the deal".
func (r ResolutionReason) String() string {
	switch r {
	case NoConflict:
		return "no conflict"
	case WonByFirstSubmission:
		return "first submission"
	case WonByTierOrder:
		return "tier order"
	case DirectSalesActive:
		return "direct sales active"
	case ExistingCustomer:
		return "existing customer"
	case LostToOwner:
		return "lost to the owner"
	case LostToWinner:
		return "lost to the owner, which won the deal"
	case ResolutionReasonUnspecified:
		return "unspecified"
	default:
		return resolutionReasonNames.String("ResolutionReason", uint8(r))
	}
}

// IsValid reports whether r is a named reason other than
// ResolutionReasonUnspecified.
func (r ResolutionReason) IsValid() bool { return resolutionReasonNames.IsValid(uint8(r)) }

// ParseResolutionReason returns the resolution reason named text, or an *EnumError.
func ParseResolutionReason(text string) (ResolutionReason, error) {
	return parseAs[ResolutionReason](text)
}

// MarshalText returns the reason's machine name, e.g. "lost-to-owner";
// ResolutionReasonUnspecified fails.
func (r ResolutionReason) MarshalText() ([]byte, error) {
	return enumText(resolutionReasonNames, "resolution reason", uint8(r))
}

// UnmarshalText parses a machine name as written by MarshalText.
func (r *ResolutionReason) UnmarshalText(b []byte) error {
	return enumParse(resolutionReasonNames, "resolution reason", b, r)
}

// EligibilityReason says why a partner may not register a product line or
// a lead (EligibilityError.Reason).
type EligibilityReason uint8

// Eligibility reasons.
const (
	EligibilityReasonUnspecified EligibilityReason = iota
	// TierBelowMinimum: the partner's tier is below the rule's minimum
	// tier (EligibilityError.Need), or not one of the policy's tiers.
	TierBelowMinimum
	// CertificationMissing: the partner lacks a certification the rule
	// requires (EligibilityError.Need).
	CertificationMissing
	// LeadNotAccepted: the lead (EligibilityError.Need) is not accepted by
	// this partner.
	LeadNotAccepted
)

const eligibilityReasonNames enum.Names = "unspecified tier-below-minimum certification-missing lead-not-accepted"

// String returns the reason's name, e.g. "certification-missing".
func (r EligibilityReason) String() string {
	return eligibilityReasonNames.String("EligibilityReason", uint8(r))
}

// IsValid reports whether r is a named reason other than
// EligibilityReasonUnspecified.
func (r EligibilityReason) IsValid() bool { return eligibilityReasonNames.IsValid(uint8(r)) }

// ParseEligibilityReason returns the eligibility reason named text, or an *EnumError.
func ParseEligibilityReason(text string) (EligibilityReason, error) {
	return parseAs[EligibilityReason](text)
}

// MarshalText returns the reason's name; EligibilityReasonUnspecified
// fails.
func (r EligibilityReason) MarshalText() ([]byte, error) {
	return enumText(eligibilityReasonNames, "eligibility reason", uint8(r))
}

// UnmarshalText parses a reason name as written by MarshalText.
func (r *EligibilityReason) UnmarshalText(b []byte) error {
	return enumParse(eligibilityReasonNames, "eligibility reason", b, r)
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

const leadStatusNames enum.Names = "unspecified assigned accepted rejected silent"

// String returns the status's name, e.g. "silent".
func (s LeadStatus) String() string { return leadStatusNames.String("LeadStatus", uint8(s)) }

// IsValid reports whether s is a named status other than
// LeadStatusUnspecified.
func (s LeadStatus) IsValid() bool { return leadStatusNames.IsValid(uint8(s)) }

// ParseLeadStatus returns the lead status named text, or an *EnumError.
func ParseLeadStatus(text string) (LeadStatus, error) { return parseAs[LeadStatus](text) }

// MarshalText returns the status's name; LeadStatusUnspecified fails.
func (s LeadStatus) MarshalText() ([]byte, error) {
	return enumText(leadStatusNames, "lead status", uint8(s))
}

// UnmarshalText parses a status name as written by MarshalText.
func (s *LeadStatus) UnmarshalText(b []byte) error {
	return enumParse(leadStatusNames, "lead status", b, s)
}

// RouteClass is why a partner is eligible to receive vendor-passed leads:
// the two selective uses of leads.
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

const routeClassNames enum.Names = "unspecified new-partner high-performer"

// String returns the class's name, e.g. "high-performer".
func (c RouteClass) String() string { return routeClassNames.String("RouteClass", uint8(c)) }

// IsValid reports whether c is a named class other than
// RouteClassUnspecified.
func (c RouteClass) IsValid() bool { return routeClassNames.IsValid(uint8(c)) }

// ParseRouteClass returns the route class named text, or an *EnumError.
func ParseRouteClass(text string) (RouteClass, error) { return parseAs[RouteClass](text) }

// MarshalText returns the class's name; RouteClassUnspecified fails.
func (c RouteClass) MarshalText() ([]byte, error) {
	return enumText(routeClassNames, "route class", uint8(c))
}

// UnmarshalText parses a class name as written by MarshalText.
func (c *RouteClass) UnmarshalText(b []byte) error {
	return enumParse(routeClassNames, "route class", b, c)
}

// PolicyPart names a group of policy members that the functions of one
// concern use together. A policy may leave a whole part out; a function
// that needs it then fails with ErrPolicyPart.
type PolicyPart uint8

// Policy parts.
const (
	PolicyPartUnspecified PolicyPart = iota
	// PartLifecycle: window, extensions, approval_sla, tiers and
	// requirements (min_deal_size and eligibility optional). Used by
	// Registration.Apply, RestoreRegistration, Policy.CheckDeal,
	// Policy.CheckSubmission and ComputeMetrics.
	PartLifecycle
	// PartConflicts: conflict_rule, secondary_share,
	// exclude_direct_active and exclude_existing_customers. Used by
	// Resolve (with PartProtection for the discount).
	PartConflicts
	// PartProtection: registration_discount, vendor_leads_registrable,
	// min_advantage and pricing. Used by Policy.Protection,
	// Registration.DiscountRate and Resolve.
	PartProtection
	// PartLeads: leads, the routing policy that Policy.Leads returns for
	// Route, Reassign and ComputeLeadStats.
	PartLeads
)

const policyPartNames enum.Names = "unspecified lifecycle conflicts protection leads"

// String returns the part's name, e.g. "lifecycle".
func (p PolicyPart) String() string { return policyPartNames.String("PolicyPart", uint8(p)) }

// IsValid reports whether p is a named part other than
// PolicyPartUnspecified.
func (p PolicyPart) IsValid() bool { return policyPartNames.IsValid(uint8(p)) }

// ParsePolicyPart returns the policy part named text, or an *EnumError.
func ParsePolicyPart(text string) (PolicyPart, error) { return parseAs[PolicyPart](text) }

// MarshalText returns the part's name; PolicyPartUnspecified fails.
func (p PolicyPart) MarshalText() ([]byte, error) {
	return enumText(policyPartNames, "policy part", uint8(p))
}

// UnmarshalText parses a part name as written by MarshalText.
func (p *PolicyPart) UnmarshalText(b []byte) error {
	return enumParse(policyPartNames, "policy part", b, p)
}

// MatchMode says how conflict detection decides that two registrations
// are for the same customer (MatchSpec.Mode).
type MatchMode uint8

// Match modes.
const (
	MatchModeUnspecified MatchMode = iota
	// MatchExact: the same country (both blank counts as the same) and the
	// same non-empty normalised name or domain (CustomerKey.SameCustomer),
	// the behaviour of policies without a "matching" member.
	MatchExact
	// MatchFuzzy: a similarity score over name, registrable domain and
	// country at or above MatchSpec.Threshold (see Policy.MatchCustomers).
	MatchFuzzy
)

const matchModeNames enum.Names = "unspecified exact fuzzy"

// String returns the mode's name, e.g. "fuzzy".
func (m MatchMode) String() string { return matchModeNames.String("MatchMode", uint8(m)) }

// IsValid reports whether m is a named mode other than MatchModeUnspecified.
func (m MatchMode) IsValid() bool { return matchModeNames.IsValid(uint8(m)) }

// ParseMatchMode returns the match mode named text, or an *EnumError.
func ParseMatchMode(text string) (MatchMode, error) { return parseAs[MatchMode](text) }

// MarshalText returns the mode's name; MatchModeUnspecified fails.
func (m MatchMode) MarshalText() ([]byte, error) {
	return enumText(matchModeNames, "match mode", uint8(m))
}

// UnmarshalText parses a mode name as written by MarshalText.
func (m *MatchMode) UnmarshalText(b []byte) error {
	return enumParse(matchModeNames, "match mode", b, m)
}

// Signal is one piece of evidence that two registrations are for the same
// customer (CustomerMatch.Signals, Conflict.Signals).
type Signal uint8

// Signals, in the order they are reported.
const (
	SignalUnspecified Signal = iota
	// SignalSameName: a name variant of one equals a name variant of the
	// other (NameVariants; under MatchExact, the same NormaliseName).
	SignalSameName
	// SignalSimilarName: the names are not equal, but their similarity
	// reaches the threshold.
	SignalSimilarName
	// SignalSameDomain: the same registrable domain (RegistrableDomain;
	// under MatchExact, the same NormaliseDomain).
	SignalSameDomain
	// SignalSameCountry: both give the same country.
	SignalSameCountry
	// SignalCountryMissing: one side gives no country, so the country
	// neither confirms nor rules out the match.
	SignalCountryMissing
	// SignalProductLines: the registrations share a product line (or one
	// of them names none, claiming every product).
	SignalProductLines
)

const signalNames enum.Names = "unspecified same-name similar-name same-domain same-country country-missing product-lines"

// String returns the signal's name, e.g. "same-domain".
func (s Signal) String() string { return signalNames.String("Signal", uint8(s)) }

// IsValid reports whether s is a named signal other than SignalUnspecified.
func (s Signal) IsValid() bool { return signalNames.IsValid(uint8(s)) }

// ParseSignal returns the signal named text, or an *EnumError.
func ParseSignal(text string) (Signal, error) { return parseAs[Signal](text) }

// MarshalText returns the signal's name; SignalUnspecified fails.
func (s Signal) MarshalText() ([]byte, error) { return enumText(signalNames, "signal", uint8(s)) }

// UnmarshalText parses a signal name as written by MarshalText.
func (s *Signal) UnmarshalText(b []byte) error { return enumParse(signalNames, "signal", b, s) }

// ConflictAction says what approving a registration that conflicts with an
// approved, still-protected one does (PolicySpec.OnApprovedConflict).
type ConflictAction uint8

// Conflict actions.
const (
	// ConflictActionUnspecified: no check at approval (the host resolves
	// conflicts with Resolve); the behaviour of policies without
	// "on_approved_conflict".
	ConflictActionUnspecified ConflictAction = iota
	// RefuseConflict: Approve fails with a *ConflictError (ErrConflict)
	// naming the protected registrations.
	RefuseConflict
	// ApproveAsSecondary: Approve succeeds and records the registration as
	// secondary to the earliest-approved protected one it conflicts with
	// (Registration.SecondaryTo); Resolve never makes it the owner.
	ApproveAsSecondary
	// ReviewConflict: Approve fails with a *ConflictError matching
	// ErrConflictReview, leaving the registration under review, unless the
	// event says a channel manager has reviewed the conflicts
	// (Event.Reviewed).
	ReviewConflict
)

const conflictActionNames enum.Names = "unspecified refuse secondary review"

// String returns the action's name, e.g. "refuse".
func (a ConflictAction) String() string {
	return conflictActionNames.String("ConflictAction", uint8(a))
}

// IsValid reports whether a is a named action other than
// ConflictActionUnspecified.
func (a ConflictAction) IsValid() bool { return conflictActionNames.IsValid(uint8(a)) }

// ParseConflictAction returns the action named text, or an *EnumError.
func ParseConflictAction(text string) (ConflictAction, error) {
	return parseAs[ConflictAction](text)
}

// MarshalText returns the action's name; ConflictActionUnspecified fails.
func (a ConflictAction) MarshalText() ([]byte, error) {
	return enumText(conflictActionNames, "conflict action", uint8(a))
}

// UnmarshalText parses an action name as written by MarshalText.
func (a *ConflictAction) UnmarshalText(b []byte) error {
	return enumParse(conflictActionNames, "conflict action", b, a)
}
