package dealreg

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Limits on the size of a policy, checked by NewPolicy and ParsePolicy.
const (
	MaxPartnerTiers     = 32        // entries in PolicySpec.Tiers (partner tiers of the programme)
	MaxEligibilityRules = 1000      // entries in PolicySpec.Eligibility
	MaxCertifications   = 32        // certifications per eligibility rule
	MaxExtensions       = 12        // PolicySpec.MaxExtensions
	MaxReassignments    = 100       // RoutingPolicy.MaxReassignments
	MaxNameLen          = 200       // bytes in a tier, product-line or certification name
	MaxPolicyBytes      = 256 << 10 // bytes in a policy document (ParsePolicy)
	MaxPolicyDepth      = 8         // nesting of a policy document (ParsePolicy)
)

// PolicySpec is the open form of a deal-registration programme, the form
// its JSON document takes (ParsePolicy, Policy.MarshalJSON): protection
// window and extensions, minimum deal size, approval SLA, who may register
// what, the fields required at each stage, the conflict rule, the
// registration discount, the protection rule (minimum advantage and the
// pricing policy of package pricing), and the routing of vendor-passed
// leads. NewPolicy checks it once and compiles it
// into a Policy; the functions of the package take the Policy.
//
// The members fall into parts (PolicyPart); a policy may leave out a whole
// part that it does not use, so that a policy that only checks protection
// needs no lifecycle members. Built in Go, a part is present when any of
// its members is non-zero; in JSON, when any of its members appears. A
// present part must have every required member: a missing one is an
// error, never a silent zero.
type PolicySpec struct {
	// Window is the protection period, starting at approval. Protection
	// holds for approvedAt ≤ t < approvedAt + Window (+ extensions).
	// Lifecycle part.
	Window time.Duration
	// MaxExtensions is how many extensions a registration may be granted.
	// Lifecycle part.
	MaxExtensions int
	// ExtensionLength is what each granted extension adds to the expiry.
	// Lifecycle part.
	ExtensionLength time.Duration
	// MinDealSize is the smallest deal that may be registered; the zero
	// Amount means no minimum. When set, Deal.Size is required at Submit.
	// Lifecycle part, optional.
	MinDealSize money.Amount
	// ApprovalSLA is the time the vendor allows itself from submission to
	// decision (Registration.ReviewDue). Lifecycle part.
	ApprovalSLA time.Duration
	// Tiers are the programme's partner tiers, lowest first. Required by
	// the lifecycle part and by the TierOrder conflict rule.
	Tiers []string
	// Eligibility says which tiers and certifications may register which
	// product lines. A product line without a rule is open to every tier.
	// Lifecycle part, optional.
	Eligibility []EligibilityRule
	// Requirements are the fields required from a stage on. Requirements
	// accumulate: a deal at stage s must carry the fields of every
	// requirement whose stage is ≤ s. Keep SKU detail for late stages:
	// demanding it early delays registration, and with it the vendor's
	// view of the pipeline. Lifecycle part.
	Requirements []FieldRequirement
	// ConflictRule decides which of several conflicting registrations
	// owns the deal. Conflicts part.
	ConflictRule ConflictRule
	// SecondaryShare is the share of the registration discount a
	// registration that lost a conflict still gets (0 for none, 0.5 for
	// half). Conflicts part.
	SecondaryShare money.Rate
	// ExcludeDirectActive denies protection when the vendor's direct sales
	// team is already active on the customer. Conflicts part.
	ExcludeDirectActive bool
	// ExcludeExistingCustomers denies protection on existing customers.
	// Conflicts part.
	ExcludeExistingCustomers bool
	// Matching says how conflicts find the same customer: exact keys (the
	// zero MatchSpec) or a fuzzy score with a threshold. Conflicts part,
	// optional.
	Matching MatchSpec
	// OnApprovedConflict says what Approve does with a registration that
	// conflicts with an approved, still-protected one the host passes in
	// the event (Event.Conflicting): refuse, approve as secondary or hold
	// for review. Unspecified: Approve does not check. Conflicts part,
	// optional.
	OnApprovedConflict ConflictAction
	// RegistrationDiscount is the extra discount of the registered owner.
	// Protection part.
	RegistrationDiscount money.Rate
	// VendorLeadsRegistrable lets a partner register a vendor-passed lead
	// it accepted and earn the registration discount. Protection part.
	VendorLeadsRegistrable bool
	// MinAdvantage is the owner's minimum price advantage over any
	// competing partner, as a share of list (M = L·MinAdvantage), in
	// [0, 1]. Protection part.
	MinAdvantage money.Rate
	// Pricing declares how discounts stack, the floor under the net and
	// its rounding: a policy of package pricing, checked together with
	// MinAdvantage by pricing.NewProtection. Protection part.
	Pricing pricing.PolicySpec
	// Leads declares how vendor-passed leads are routed and tracked.
	// Leads part.
	Leads RoutingPolicy
}

// EligibilityRule restricts who may register a product line.
type EligibilityRule struct {
	ProductLine    string
	MinTier        string   // one of PolicySpec.Tiers; "" for any tier
	Certifications []string // all are required
}

// FieldRequirement lists the deal fields required from Stage on.
type FieldRequirement struct {
	Stage  Stage
	Fields []Field
}

// RoutingPolicy declares how vendor-passed leads are routed: selectively,
// to new partners (to ramp them) and to high performers (as a reward).
type RoutingPolicy struct {
	// AcceptanceSLA is how long a partner has to accept or reject a lead
	// before it counts as silent.
	AcceptanceSLA time.Duration
	// NewPartnerWindow: a partner onboarded less than this long ago is a
	// new partner.
	NewPartnerWindow time.Duration
	// HighPerformerConversion: a partner whose past conversion rate is at
	// least this is a high performer.
	HighPerformerConversion money.Rate
	// Order lists the route classes to try, first preferred.
	Order []RouteClass
	// MaxReassignments bounds how often one lead may be reassigned.
	MaxReassignments int
}

func (rp RoutingPolicy) isZero() bool {
	return rp.AcceptanceSLA == 0 && rp.NewPartnerWindow == 0 && rp.HighPerformerConversion.IsZero() &&
		rp.Order == nil && rp.MaxReassignments == 0
}

// pricingZero reports whether a pricing policy has no member set.
func pricingZero(ps pricing.PolicySpec) bool {
	return ps.Stacking == pricing.StackingUnspecified && ps.Cap == nil && ps.Priority == nil &&
		ps.Floor.IsZero() && ps.Rounding == money.RoundingUnspecified
}

// parts returns the parts a spec built in Go has: those with a non-zero
// member.
func (s PolicySpec) parts() partSet {
	var ps partSet
	ps[PartLifecycle] = s.Window != 0 || s.MaxExtensions != 0 || s.ExtensionLength != 0 ||
		s.MinDealSize.IsValid() || s.ApprovalSLA != 0 || s.Eligibility != nil || s.Requirements != nil
	ps[PartConflicts] = s.ConflictRule != ConflictRuleUnspecified || !s.SecondaryShare.IsZero() ||
		s.ExcludeDirectActive || s.ExcludeExistingCustomers || !s.Matching.isZero() ||
		s.OnApprovedConflict != ConflictActionUnspecified
	ps[PartProtection] = !s.RegistrationDiscount.IsZero() || s.VendorLeadsRegistrable ||
		!s.MinAdvantage.IsZero() || !pricingZero(s.Pricing)
	ps[PartLeads] = !s.Leads.isZero()
	return ps
}

// partSet records which parts a policy has.
type partSet [PartLeads + 1]bool

// partMembers lists each part's required members, for error messages.
func partMembers(part PolicyPart) string {
	switch part {
	case PartLifecycle:
		return "window, extensions, approval_sla, tiers, requirements"
	case PartConflicts:
		return "conflict_rule, secondary_share, exclude_direct_active, exclude_existing_customers"
	case PartProtection:
		return "registration_discount, vendor_leads_registrable, min_advantage, pricing"
	case PartLeads:
		return "leads"
	case PolicyPartUnspecified:
		return ""
	default:
		return ""
	}
}

// Policy is a validated deal-registration programme, compiled once from a
// PolicySpec by NewPolicy or from JSON by ParsePolicy. It is an immutable
// value: the accessors return copies, Spec returns the open form. The zero
// Policy has no parts: every function that needs a part rejects it with
// ErrPolicyPart.
type Policy struct {
	spec       PolicySpec
	parts      partSet
	protection pricing.Protection // compiled when parts[PartProtection]
	match      matcher            // compiled Matching; exact when zero
}

// NewPolicy checks every invariant of spec and returns the compiled
// Policy, or every problem at once: errors.Join of *FieldError values
// whose Path is the JSON Pointer of the offending member in the policy
// document. Only the parts spec has are checked (a part is present when
// any of its members is non-zero; see PolicySpec); a spec without any part
// is an error.
func NewPolicy(spec PolicySpec) (Policy, error) { return compile(spec, spec.parts()) }

// MustNewPolicy is NewPolicy that panics on error, for literals in tests
// and examples.
func MustNewPolicy(spec PolicySpec) Policy {
	p, err := NewPolicy(spec)
	if err != nil {
		panic(err)
	}
	return p
}

func compile(spec PolicySpec, parts partSet) (Policy, error) {
	spec = spec.clone()
	if errs := spec.validate(parts); len(errs) > 0 {
		return Policy{}, errors.Join(errs...)
	}
	return build(spec, parts), nil
}

// build returns the policy of a validated spec, compiling its protection
// rule.
func build(spec PolicySpec, parts partSet) Policy {
	p := Policy{spec: spec, parts: parts, match: newMatcher(spec.Matching)}
	if parts[PartProtection] {
		// Cannot fail: validate has checked the same spec.
		p.protection, _ = pricing.NewProtection(spec.protectionSpec())
	}
	return p
}

// protectionSpec is the protection rule of s in package pricing's form.
func (s PolicySpec) protectionSpec() pricing.ProtectionSpec {
	return pricing.ProtectionSpec{MinAdvantage: &s.MinAdvantage, Pricing: s.Pricing}
}

func (s PolicySpec) clone() PolicySpec {
	s.Tiers = slices.Clone(s.Tiers)
	s.Eligibility = slices.Clone(s.Eligibility)
	for i := range s.Eligibility {
		s.Eligibility[i].Certifications = slices.Clone(s.Eligibility[i].Certifications)
	}
	s.Requirements = slices.Clone(s.Requirements)
	for i := range s.Requirements {
		s.Requirements[i].Fields = slices.Clone(s.Requirements[i].Fields)
	}
	s.Pricing = clonePricing(s.Pricing)
	s.Leads.Order = slices.Clone(s.Leads.Order)
	return s
}

// clonePricing returns a deep copy of a pricing policy.
func clonePricing(ps pricing.PolicySpec) pricing.PolicySpec {
	if ps.Cap != nil {
		ps.Cap = ptr(*ps.Cap)
	}
	if ps.Floor.Rate != nil {
		ps.Floor.Rate = ptr(*ps.Floor.Rate)
	}
	ps.Priority = slices.Clone(ps.Priority)
	return ps
}

// Spec returns the open form of p (a copy; changing it does not change p).
func (p Policy) Spec() PolicySpec { return p.spec.clone() }

// Has reports whether p has the given part.
func (p Policy) Has(part PolicyPart) bool { return part.IsValid() && p.parts[part] }

// need returns nil if p has every part given, or a *FieldError (path "",
// ErrPolicyPart) naming the first one missing.
func (p Policy) need(parts ...PolicyPart) error {
	for _, part := range parts {
		if !p.Has(part) {
			return &FieldError{Err: fmt.Errorf("%w: %s (%s)", ErrPolicyPart, part, partMembers(part))}
		}
	}
	return nil
}

// Window returns the protection period (lifecycle part).
func (p Policy) Window() time.Duration { return p.spec.Window }

// MaxExtensions returns how many extensions a registration may be granted.
func (p Policy) MaxExtensions() int { return p.spec.MaxExtensions }

// ExtensionLength returns what each granted extension adds to the expiry.
func (p Policy) ExtensionLength() time.Duration { return p.spec.ExtensionLength }

// MinDealSize returns the smallest deal that may be registered; the zero
// Amount means no minimum.
func (p Policy) MinDealSize() money.Amount { return p.spec.MinDealSize }

// ApprovalSLA returns the time the vendor allows itself to decide.
func (p Policy) ApprovalSLA() time.Duration { return p.spec.ApprovalSLA }

// Tiers returns the programme's partner tiers, lowest first.
func (p Policy) Tiers() []string { return slices.Clone(p.spec.Tiers) }

// ConflictRule returns the declared conflict rule (conflicts part).
func (p Policy) ConflictRule() ConflictRule { return p.spec.ConflictRule }

// SecondaryShare returns the share of the registration discount a
// secondary registration keeps.
func (p Policy) SecondaryShare() money.Rate { return p.spec.SecondaryShare }

// RegistrationDiscount returns the registered owner's extra discount
// (protection part).
func (p Policy) RegistrationDiscount() money.Rate { return p.spec.RegistrationDiscount }

// VendorLeadsRegistrable reports whether a registered vendor-passed lead
// earns the registration discount.
func (p Policy) VendorLeadsRegistrable() bool { return p.spec.VendorLeadsRegistrable }

// Protection returns the compiled protection rule of the protection
// part — the minimum advantage and the pricing policy — for
// pricing.Protection.Check and CheckProgramme, and, through its Policy,
// for quotes. Without the protection part it fails with a *FieldError
// matching ErrPolicyPart.
func (p Policy) Protection() (pricing.Protection, error) {
	if err := p.need(PartProtection); err != nil {
		return pricing.Protection{}, err
	}
	return p.protection, nil
}

// Leads returns how vendor-passed leads are routed (leads part). Without
// the leads part it is the zero RoutingPolicy, which Route, Reassign and
// ComputeLeadStats reject.
func (p Policy) Leads() RoutingPolicy {
	rp := p.spec.Leads
	rp.Order = slices.Clone(rp.Order)
	return rp
}

// RequiredAt returns the fields required at stage s, in Field order.
func (p Policy) RequiredAt(s Stage) []Field {
	var set [FieldSKUs + 1]bool
	for _, r := range p.spec.Requirements {
		if r.Stage <= s {
			for _, f := range r.Fields {
				if f.IsValid() {
					set[f] = true
				}
			}
		}
	}
	var out []Field
	for f := FieldCustomerName; f <= FieldSKUs; f++ {
		if set[f] {
			out = append(out, f)
		}
	}
	return out
}

// tierRank returns the position of tier in the policy's tiers, or -1.
func (p Policy) tierRank(tier string) int { return slices.Index(p.spec.Tiers, tier) }

// fieldErr returns an ErrInvalidField *FieldError for a JSON Pointer.
func fieldErr(path, format string, args ...any) error { return invalid(path, "", format, args...) }

// checkFraction appends an error when r is outside [0, 1].
func checkFraction(errs []error, path string, r money.Rate) []error {
	if !r.Within(money.Rate{}, money.RateFromFraction(decimalOne())) {
		errs = append(errs, invalid(path, r.FormatFraction(), "must be in [0, 1]"))
	}
	return errs
}

// noParts is the error for a policy without any part.
func noParts() error {
	return &FieldError{Err: fmt.Errorf("%w: a policy needs at least one part (lifecycle, conflicts, protection, leads)", ErrMissingField)}
}

// validate checks the parts present, every problem at once.
func (s PolicySpec) validate(parts partSet) []error {
	if parts == (partSet{}) {
		return []error{noParts()}
	}
	var errs []error
	if parts[PartLifecycle] {
		errs = append(errs, s.lifecycleErrors()...)
	} else if s.ConflictRule == TierOrder || len(s.Tiers) > 0 {
		errs = append(errs, s.tierErrors()...)
	}
	if parts[PartConflicts] {
		errs = append(errs, s.conflictErrors()...)
	}
	if parts[PartProtection] {
		errs = append(errs, s.protectionErrors()...)
	}
	if parts[PartLeads] {
		errs = append(errs, s.Leads.validate("/leads")...)
	}
	return errs
}

// lifecycleErrors checks the rules the lifecycle uses.
func (s PolicySpec) lifecycleErrors() []error {
	var errs []error
	if s.Window <= 0 {
		errs = append(errs, invalid("/window", durationText(s.Window), "must be positive"))
	}
	if s.MaxExtensions < 0 || s.MaxExtensions > MaxExtensions {
		errs = append(errs, invalid("/extensions/max", strconv.Itoa(s.MaxExtensions), "must be in [0, %d]", MaxExtensions))
	}
	if s.ExtensionLength < 0 || (s.MaxExtensions > 0 && s.ExtensionLength == 0) {
		errs = append(errs, invalid("/extensions/length", durationText(s.ExtensionLength), "must be positive when extensions are allowed"))
	}
	if s.MinDealSize.IsValid() && s.MinDealSize.Sign() < 0 {
		errs = append(errs, invalid("/min_deal_size", s.MinDealSize.String(), "must not be negative"))
	}
	if s.ApprovalSLA <= 0 {
		errs = append(errs, invalid("/approval_sla", durationText(s.ApprovalSLA), "must be positive"))
	}
	errs = append(errs, s.tierErrors()...)
	errs = append(errs, s.eligibilityErrors()...)
	return append(errs, s.requirementErrors()...)
}

// eligibilityErrors checks the eligibility rules.
func (s PolicySpec) eligibilityErrors() []error {
	if len(s.Eligibility) > MaxEligibilityRules {
		return []error{invalid("/eligibility", strconv.Itoa(len(s.Eligibility))+" rules", "at most %d rules", MaxEligibilityRules)}
	}
	var errs []error
	lines := make(map[string]bool, len(s.Eligibility))
	for i, r := range s.Eligibility {
		key := normLine(r.ProductLine)
		if key == "" || len(r.ProductLine) > MaxNameLen || lines[key] {
			errs = append(errs, invalid(field.At("eligibility", i, "product_line"), r.ProductLine,
				"product lines must be non-blank, at most %d bytes and unique (without case or surrounding space)", MaxNameLen))
		}
		lines[key] = true
		if r.MinTier != "" && !slices.Contains(s.Tiers, r.MinTier) {
			errs = append(errs, invalid(field.At("eligibility", i, "min_tier"), r.MinTier, "not one of the tiers"))
		}
		if len(r.Certifications) > MaxCertifications {
			errs = append(errs, invalid(field.At("eligibility", i, "certifications"), strconv.Itoa(len(r.Certifications))+" certifications", "at most %d", MaxCertifications))
			continue
		}
		for j, c := range r.Certifications {
			if c == "" || len(c) > MaxNameLen {
				errs = append(errs, invalid(field.At("eligibility", i, "certifications", j), c, "must be non-empty and at most %d bytes", MaxNameLen))
			}
		}
	}
	return errs
}

// requirementErrors checks the field requirements.
func (s PolicySpec) requirementErrors() []error {
	var errs []error
	var stages [Commit + 1]bool
	for i, r := range s.Requirements {
		if !r.Stage.IsValid() || stages[r.Stage] {
			errs = append(errs, invalid(field.At("requirements", i, "stage"), r.Stage.String(), "must be a known stage, listed once"))
		} else {
			stages[r.Stage] = true
		}
		if len(r.Fields) == 0 {
			errs = append(errs, invalid(field.At("requirements", i, "fields"), "", "must list at least one field"))
		}
		var fs [FieldSKUs + 1]bool
		for j, f := range r.Fields {
			if !f.IsValid() || fs[f] {
				errs = append(errs, invalid(field.At("requirements", i, "fields", j), f.String(), "must be a known field, listed once"))
				continue
			}
			fs[f] = true
		}
	}
	return errs
}

// tierErrors checks the tier list.
func (s PolicySpec) tierErrors() []error {
	var errs []error
	if len(s.Tiers) == 0 || len(s.Tiers) > MaxPartnerTiers {
		errs = append(errs, invalid("/tiers", strconv.Itoa(len(s.Tiers))+" tiers", "must list 1 to %d tiers", MaxPartnerTiers))
		if len(s.Tiers) > MaxPartnerTiers {
			return errs
		}
	}
	for i, t := range s.Tiers {
		if t == "" || len(t) > MaxNameLen || slices.Contains(s.Tiers[:i], t) {
			errs = append(errs, invalid(field.At("tiers", i), t, "tier names must be non-empty, at most %d bytes and unique", MaxNameLen))
		}
	}
	return errs
}

// conflictErrors checks the rules conflict resolution uses.
func (s PolicySpec) conflictErrors() []error {
	var errs []error
	if !s.ConflictRule.IsValid() {
		errs = append(errs, invalid("/conflict_rule", s.ConflictRule.String(), "must be %q or %q", FirstSubmission, TierOrder))
	}
	errs = checkFraction(errs, "/secondary_share", s.SecondaryShare)
	if !s.Matching.isZero() {
		errs = append(errs, s.Matching.validate("/matching")...)
	}
	if s.OnApprovedConflict != ConflictActionUnspecified && !s.OnApprovedConflict.IsValid() {
		errs = append(errs, invalid("/on_approved_conflict", s.OnApprovedConflict.String(), "must be %q, %q or %q",
			RefuseConflict, ApproveAsSecondary, ReviewConflict))
	}
	return errs
}

// protectionErrors checks the protection part: the registration discount
// here, the minimum advantage and the pricing policy by
// pricing.NewProtection, whose *pricing.PolicyError values name the same
// JSON Pointers as the policy document ("/min_advantage", "/pricing/cap").
func (s PolicySpec) protectionErrors() []error {
	errs := checkFraction(nil, "/registration_discount", s.RegistrationDiscount)
	if _, err := pricing.NewProtection(s.protectionSpec()); err != nil {
		errs = append(errs, unjoin(err)...)
	}
	return errs
}

// unjoin returns the errors of an errors.Join, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// Validate checks a routing policy on its own (NewPolicy checks it as the
// policy's /leads member): a positive acceptance SLA, a non-negative
// new-partner window, a conversion threshold in [0, 1], at least one route
// class, each once, and at most MaxReassignments reassignments. Route,
// Reassign and ComputeLeadStats check it.
func (rp RoutingPolicy) Validate() error { return errors.Join(rp.validate("")...) }

func (rp RoutingPolicy) validate(prefix string) []error {
	var errs []error
	bad := func(path, value, format string, args ...any) {
		errs = append(errs, invalid(prefix+path, value, format, args...))
	}
	if rp.AcceptanceSLA <= 0 {
		bad("/acceptance_sla", durationText(rp.AcceptanceSLA), "must be positive")
	}
	if rp.NewPartnerWindow < 0 {
		bad("/new_partner_window", durationText(rp.NewPartnerWindow), "must not be negative")
	}
	errs = checkFraction(errs, prefix+"/high_performer_conversion", rp.HighPerformerConversion)
	var seen [HighPerformer + 1]bool
	if len(rp.Order) == 0 {
		bad("/order", "", "must list at least one route class")
	}
	for i, c := range rp.Order {
		if !c.IsValid() || seen[c] {
			bad(field.At("order", i), c.String(), "must be a known route class, listed once")
			continue
		}
		seen[c] = true
	}
	if rp.MaxReassignments < 0 || rp.MaxReassignments > MaxReassignments {
		bad("/max_reassignments", strconv.Itoa(rp.MaxReassignments), "must be in [0, %d]", MaxReassignments)
	}
	return errs
}

// durationText is the policy document's text for d.
func durationText(d time.Duration) string {
	b, _ := Duration(d).MarshalText() // never fails
	return string(b)
}

// ---- JSON ----

// policyJSON is the wire form of PolicySpec. Durations are text: "90d"
// (whole days) or a Go duration such as "36h". Pointers tell an absent
// member from a zero one.
type policyJSON struct {
	Window                   *Duration           `json:"window,omitzero"`
	Extensions               *extensionsJSON     `json:"extensions,omitzero"`
	MinDealSize              *money.Amount       `json:"min_deal_size,omitempty"`
	ApprovalSLA              *Duration           `json:"approval_sla,omitzero"`
	Tiers                    *[]string           `json:"tiers,omitzero"`
	Eligibility              *[]eligibilityJSON  `json:"eligibility,omitzero"`
	Requirements             *[]requirementJSON  `json:"requirements,omitzero"`
	ConflictRule             *ConflictRule       `json:"conflict_rule,omitzero"`
	SecondaryShare           *money.Rate         `json:"secondary_share,omitempty"`
	ExcludeDirectActive      *bool               `json:"exclude_direct_active,omitzero"`
	ExcludeExistingCustomers *bool               `json:"exclude_existing_customers,omitzero"`
	Matching                 *matchJSON          `json:"matching,omitzero"`
	OnApprovedConflict       *ConflictAction     `json:"on_approved_conflict,omitzero"`
	RegistrationDiscount     *money.Rate         `json:"registration_discount,omitempty"`
	VendorLeadsRegistrable   *bool               `json:"vendor_leads_registrable,omitzero"`
	MinAdvantage             *money.Rate         `json:"min_advantage,omitempty"`
	Pricing                  *pricing.PolicySpec `json:"pricing,omitzero"`
	Leads                    *leadsJSON          `json:"leads,omitzero"`
}

type extensionsJSON struct {
	Max    *int      `json:"max"`
	Length *Duration `json:"length"`
}

type eligibilityJSON struct {
	ProductLine    string   `json:"product_line"`
	MinTier        string   `json:"min_tier,omitzero"`
	Certifications []string `json:"certifications,omitzero"`
}

type requirementJSON struct {
	Stage  Stage   `json:"stage"`
	Fields []Field `json:"fields"`
}

type matchJSON struct {
	Mode      *MatchMode  `json:"mode"`
	Threshold *money.Rate `json:"threshold,omitempty"`
}

type leadsJSON struct {
	AcceptanceSLA           *Duration    `json:"acceptance_sla"`
	NewPartnerWindow        *Duration    `json:"new_partner_window"`
	HighPerformerConversion *money.Rate  `json:"high_performer_conversion"`
	Order                   []RouteClass `json:"order"`
	MaxReassignments        *int         `json:"max_reassignments"`
}

// Duration is a time.Duration with a text form for policy documents:
// whole days as "90d", anything else as a Go duration ("36h", "90m").
type Duration time.Duration

// maxDays is the largest whole number of days a time.Duration holds.
const maxDays = int64(1<<63-1) / int64(24*time.Hour)

// MarshalText writes "<n>d" for a positive whole number of days, else
// time.Duration's form ("36h0m0s", "-48h0m0s", "0s"). UnmarshalText reads
// either back.
func (d Duration) MarshalText() ([]byte, error) {
	td := time.Duration(d)
	if td > 0 && td%(24*time.Hour) == 0 {
		return []byte(strconv.FormatInt(int64(td/(24*time.Hour)), 10) + "d"), nil
	}
	return []byte(td.String()), nil
}

// UnmarshalText parses "<n>d" (n a non-negative integer of at most 6
// digits that fits a time.Duration: at most 106751 days) or a Go duration.
// A failure is a *FieldError (ErrInvalidField) with an empty Path; the
// decoder reports where.
func (d *Duration) UnmarshalText(b []byte) error {
	s := string(b)
	if len(s) > 32 {
		return invalid("", s, "too long for a duration")
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if n == "" || len(n) > 6 || strings.TrimLeft(n, "0123456789") != "" {
			return invalid("", s, "not a whole number of days")
		}
		days, err := strconv.ParseInt(n, 10, 64)
		if err != nil || days > maxDays {
			return invalid("", s, "more than %d days", maxDays)
		}
		*d = Duration(time.Duration(days) * 24 * time.Hour)
		return nil
	}
	td, err := time.ParseDuration(s)
	if err != nil {
		return invalid("", s, "not a duration")
	}
	*d = Duration(td)
	return nil
}

// ParsePolicy decodes a policy document strictly and compiles it as
// NewPolicy does. Decoding rejects unknown or case-variant duplicate
// members, null, JSON numbers for rates and amounts, a bare non-zero rate
// ("0.15" instead of "15%": strictjson.ErrRateUnit, with a hint), more than
// MaxPolicyBytes or nesting deeper than MaxPolicyDepth, as a
// *strictjson.Error with the JSON Pointer of the offender. Then every
// problem is reported at once: a *FieldError matching ErrMissingField per
// required member absent from a part the document has (see PolicySpec and
// PolicyPart), and the *FieldErrors of NewPolicy.
//
// Optional members: min_deal_size and eligibility; matching (absent:
// exact keys) and on_approved_conflict (absent: no check at approval);
// tiers unless the
// lifecycle part is present or the conflict rule is tier-order. The
// members of "pricing" are those of a pricing.PolicySpec, checked by
// package pricing: cap only for capped-sum, priority only for priority,
// floor optional (absent: no floor), its rate and action only for a
// share-of-list or margin floor; their errors are *pricing.PolicyError
// values at the same JSON Pointers ("/pricing/cap"). Every other member of
// a present part is required, so that nothing that moves money or time is
// ever a silent zero.
func ParsePolicy(data []byte) (Policy, error) {
	var w policyJSON
	if err := strictjson.Unmarshal(data, &w, strictjson.Limits{MaxBytes: MaxPolicyBytes, MaxDepth: MaxPolicyDepth}, strictjson.RatesWithUnit()); err != nil {
		return Policy{}, err
	}
	spec, parts, missing := w.spec()
	errs := missing
	for _, e := range spec.validate(parts) {
		// Drop what a missing member already explains (a missing window is
		// also a zero window).
		var fp interface{ FieldPath() string }
		if !errors.As(e, &fp) || !underMissing(fp.FieldPath(), missing) {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		return Policy{}, errors.Join(errs...)
	}
	return build(spec.clone(), parts), nil
}

// underMissing reports whether path is, or lies under, a missing member.
func underMissing(path string, missing []error) bool {
	for _, m := range missing {
		mp := m.(*FieldError).Path
		if path == mp || strings.HasPrefix(path, mp+"/") {
			return true
		}
	}
	return false
}

// MustParsePolicy is ParsePolicy that panics on error, for literals in
// tests and examples.
func MustParsePolicy(data string) Policy {
	p, err := ParsePolicy([]byte(data))
	if err != nil {
		panic(err)
	}
	return p
}

// UnmarshalJSON decodes and compiles a policy document as ParsePolicy
// does. On error p is unchanged.
func (p *Policy) UnmarshalJSON(data []byte) error {
	v, err := ParsePolicy(data)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

func ptr[T any](v T) *T { return &v }

// MarshalJSON encodes the policy in the form ParsePolicy reads: the parts
// it has, each with every required member; the zero min_deal_size (no
// minimum), an empty eligibility, empty tiers outside the lifecycle part,
// no floor and the optional pricing members the stacking and floor do not
// use are omitted. ParsePolicy reads the result back to an equal Policy.
// The zero Policy fails (it has no part).
func (p Policy) MarshalJSON() ([]byte, error) {
	if p.parts == (partSet{}) {
		return nil, noParts()
	}
	s := p.spec
	var w policyJSON
	if p.parts[PartLifecycle] {
		reqs := []requirementJSON{}
		for _, r := range s.Requirements {
			reqs = append(reqs, requirementJSON{Stage: r.Stage, Fields: slices.Clone(r.Fields)})
		}
		w.Window, w.ApprovalSLA, w.Requirements = ptr(Duration(s.Window)), ptr(Duration(s.ApprovalSLA)), &reqs
		w.Extensions = &extensionsJSON{Max: ptr(s.MaxExtensions), Length: ptr(Duration(s.ExtensionLength))}
		if s.MinDealSize.IsValid() {
			w.MinDealSize = ptr(s.MinDealSize)
		}
		if len(s.Eligibility) > 0 {
			el := []eligibilityJSON{}
			for _, r := range s.Eligibility {
				el = append(el, eligibilityJSON{ProductLine: r.ProductLine, MinTier: r.MinTier, Certifications: slices.Clone(r.Certifications)})
			}
			w.Eligibility = &el
		}
	}
	if len(s.Tiers) > 0 {
		w.Tiers = ptr(slices.Clone(s.Tiers))
	}
	if p.parts[PartConflicts] {
		w.ConflictRule, w.SecondaryShare = ptr(s.ConflictRule), ptr(s.SecondaryShare)
		w.ExcludeDirectActive, w.ExcludeExistingCustomers = ptr(s.ExcludeDirectActive), ptr(s.ExcludeExistingCustomers)
		if !s.Matching.isZero() {
			w.Matching = &matchJSON{Mode: ptr(s.Matching.Mode)}
			if s.Matching.Mode == MatchFuzzy || !s.Matching.Threshold.IsZero() {
				w.Matching.Threshold = ptr(s.Matching.Threshold)
			}
		}
		if s.OnApprovedConflict != ConflictActionUnspecified {
			w.OnApprovedConflict = ptr(s.OnApprovedConflict)
		}
	}
	if p.parts[PartProtection] {
		w.RegistrationDiscount, w.VendorLeadsRegistrable = ptr(s.RegistrationDiscount), ptr(s.VendorLeadsRegistrable)
		w.MinAdvantage, w.Pricing = ptr(s.MinAdvantage), ptr(clonePricing(s.Pricing))
	}
	if p.parts[PartLeads] {
		l := s.Leads
		order := slices.Clone(l.Order)
		if order == nil {
			order = []RouteClass{}
		}
		w.Leads = &leadsJSON{
			AcceptanceSLA: ptr(Duration(l.AcceptanceSLA)), NewPartnerWindow: ptr(Duration(l.NewPartnerWindow)),
			HighPerformerConversion: ptr(l.HighPerformerConversion), Order: order, MaxReassignments: ptr(l.MaxReassignments),
		}
	}
	return strictjson.Marshal(w, strictjson.RatesWithUnit())
}

// need returns *v, or records path as missing and returns the zero value.
func need[T any](missing *[]error, path string, v *T) T {
	if v == nil {
		*missing = append(*missing, &FieldError{Path: path, Err: ErrMissingField})
		var zero T
		return zero
	}
	return *v
}

// opt returns *v, or the zero value when v is nil.
func opt[T any](v *T) T {
	if v == nil {
		var zero T
		return zero
	}
	return *v
}

// spec converts the wire form: the parts present (any member appears) and
// every required member absent from a present part, as a *FieldError
// (ErrMissingField) with its JSON Pointer.
func (w policyJSON) spec() (PolicySpec, partSet, []error) {
	var parts partSet
	parts[PartLifecycle] = w.Window != nil || w.Extensions != nil || w.MinDealSize != nil || w.ApprovalSLA != nil ||
		w.Eligibility != nil || w.Requirements != nil
	parts[PartConflicts] = w.ConflictRule != nil || w.SecondaryShare != nil || w.ExcludeDirectActive != nil ||
		w.ExcludeExistingCustomers != nil || w.Matching != nil || w.OnApprovedConflict != nil
	parts[PartProtection] = w.RegistrationDiscount != nil || w.VendorLeadsRegistrable != nil || w.MinAdvantage != nil ||
		w.Pricing != nil
	parts[PartLeads] = w.Leads != nil
	var m []error
	s := PolicySpec{MinDealSize: opt(w.MinDealSize), Tiers: opt(w.Tiers)}
	if parts[PartLifecycle] {
		s.Window = time.Duration(need(&m, "/window", w.Window))
		s.ApprovalSLA = time.Duration(need(&m, "/approval_sla", w.ApprovalSLA))
		if ext := need(&m, "/extensions", w.Extensions); w.Extensions != nil {
			s.MaxExtensions = need(&m, "/extensions/max", ext.Max)
			s.ExtensionLength = time.Duration(need(&m, "/extensions/length", ext.Length))
		}
		need(&m, "/tiers", w.Tiers)
		for _, r := range opt(w.Eligibility) {
			s.Eligibility = append(s.Eligibility, EligibilityRule(r))
		}
		for _, r := range need(&m, "/requirements", w.Requirements) {
			s.Requirements = append(s.Requirements, FieldRequirement(r))
		}
	}
	if parts[PartConflicts] {
		s.ConflictRule = need(&m, "/conflict_rule", w.ConflictRule)
		s.SecondaryShare = need(&m, "/secondary_share", w.SecondaryShare)
		s.ExcludeDirectActive = need(&m, "/exclude_direct_active", w.ExcludeDirectActive)
		s.ExcludeExistingCustomers = need(&m, "/exclude_existing_customers", w.ExcludeExistingCustomers)
		if mj := w.Matching; mj != nil {
			s.Matching = MatchSpec{Mode: need(&m, "/matching/mode", mj.Mode), Threshold: opt(mj.Threshold)}
			if s.Matching.Mode == MatchFuzzy {
				s.Matching.Threshold = need(&m, "/matching/threshold", mj.Threshold)
			}
		}
		s.OnApprovedConflict = opt(w.OnApprovedConflict)
		if s.ConflictRule == TierOrder && !parts[PartLifecycle] {
			need(&m, "/tiers", w.Tiers)
		}
	}
	if parts[PartProtection] {
		s.RegistrationDiscount = need(&m, "/registration_discount", w.RegistrationDiscount)
		s.VendorLeadsRegistrable = need(&m, "/vendor_leads_registrable", w.VendorLeadsRegistrable)
		s.MinAdvantage = need(&m, "/min_advantage", w.MinAdvantage)
		s.Pricing = need(&m, "/pricing", w.Pricing)
	}
	if l := w.Leads; l != nil {
		s.Leads = RoutingPolicy{
			AcceptanceSLA:           time.Duration(need(&m, "/leads/acceptance_sla", l.AcceptanceSLA)),
			NewPartnerWindow:        time.Duration(need(&m, "/leads/new_partner_window", l.NewPartnerWindow)),
			HighPerformerConversion: need(&m, "/leads/high_performer_conversion", l.HighPerformerConversion),
			Order:                   l.Order,
			MaxReassignments:        need(&m, "/leads/max_reassignments", l.MaxReassignments),
		}
	}
	return s, parts, m
}

// Equal reports whether two policies are the same: the same parts and
// equal specs (Policy.Spec; decimals compared numerically).
func (p Policy) Equal(o Policy) bool { return p.parts == o.parts && p.spec.Equal(o.spec) }

// Equal reports whether two specs are the same (decimals compared
// numerically).
func (s PolicySpec) Equal(o PolicySpec) bool {
	return s.Window == o.Window && s.MaxExtensions == o.MaxExtensions &&
		s.ExtensionLength == o.ExtensionLength && amountEqual(s.MinDealSize, o.MinDealSize) &&
		s.ApprovalSLA == o.ApprovalSLA && slices.Equal(s.Tiers, o.Tiers) &&
		slices.EqualFunc(s.Eligibility, o.Eligibility, EligibilityRule.Equal) &&
		slices.EqualFunc(s.Requirements, o.Requirements, FieldRequirement.Equal) &&
		s.ConflictRule == o.ConflictRule && s.SecondaryShare.Equal(o.SecondaryShare) &&
		s.ExcludeDirectActive == o.ExcludeDirectActive && s.ExcludeExistingCustomers == o.ExcludeExistingCustomers &&
		s.Matching.Equal(o.Matching) && s.OnApprovedConflict == o.OnApprovedConflict &&
		s.RegistrationDiscount.Equal(o.RegistrationDiscount) && s.VendorLeadsRegistrable == o.VendorLeadsRegistrable &&
		s.MinAdvantage.Equal(o.MinAdvantage) && s.Pricing.Equal(o.Pricing) && s.Leads.Equal(o.Leads)
}

// Equal reports whether two eligibility rules are the same.
func (r EligibilityRule) Equal(o EligibilityRule) bool {
	return r.ProductLine == o.ProductLine && r.MinTier == o.MinTier && slices.Equal(r.Certifications, o.Certifications)
}

// Equal reports whether two field requirements are the same.
func (r FieldRequirement) Equal(o FieldRequirement) bool {
	return r.Stage == o.Stage && slices.Equal(r.Fields, o.Fields)
}

// Equal reports whether two routing policies are the same.
func (rp RoutingPolicy) Equal(o RoutingPolicy) bool {
	return rp.AcceptanceSLA == o.AcceptanceSLA && rp.NewPartnerWindow == o.NewPartnerWindow &&
		rp.HighPerformerConversion.Equal(o.HighPerformerConversion) && slices.Equal(rp.Order, o.Order) &&
		rp.MaxReassignments == o.MaxReassignments
}

func amountEqual(a, b money.Amount) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	return a.Equal(b)
}
