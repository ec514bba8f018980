package dealreg

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Limits on the size of a policy, checked by Policy.Validate.
const (
	MaxTiers            = 32        // entries in Policy.Tiers
	MaxEligibilityRules = 1000      // entries in Policy.Eligibility
	MaxCertifications   = 32        // certifications per eligibility rule
	MaxExtensions       = 12        // Policy.MaxExtensions
	MaxReassignments    = 100       // RoutingPolicy.MaxReassignments
	MaxNameLen          = 200       // bytes in a tier, product-line or certification name
	MaxPolicyBytes      = 256 << 10 // bytes in a policy document (ParsePolicy)
	MaxPolicyDepth      = 8         // nesting of a policy document (ParsePolicy)
)

// Policy is a deal-registration programme as data: protection window and
// extensions, minimum deal size, approval SLA, who may register what, the
// fields required at each stage, the conflict rule, the registration
// discount and its stacking with other discounts, and the routing of
// vendor-passed leads. It is a plain value; ParsePolicy decodes and
// validates one from JSON, Validate checks one built in Go. Functions that
// take a Policy expect a valid one.
type Policy struct {
	// Window is the protection period, starting at approval. Protection
	// holds for approvedAt ≤ t < approvedAt + Window (+ extensions).
	Window time.Duration
	// MaxExtensions is how many extensions a registration may be granted.
	MaxExtensions int
	// ExtensionLength is what each granted extension adds to the expiry.
	ExtensionLength time.Duration
	// MinDealSize is the smallest deal that may be registered; the zero
	// Amount means no minimum. When set, Deal.Size is required at Submit.
	MinDealSize money.Amount
	// ApprovalSLA is the time the vendor allows itself from submission to
	// decision (Registration.ReviewDue).
	ApprovalSLA time.Duration
	// Tiers are the programme's partner tiers, lowest first.
	Tiers []string
	// Eligibility says which tiers and certifications may register which
	// product lines. A product line without a rule is open to every tier.
	Eligibility []EligibilityRule
	// Requirements are the fields required from a stage on. Requirements
	// accumulate: a deal at stage s must carry the fields of every
	// requirement whose stage is ≤ s. Keep SKU detail for late stages
	// (the seed's point 3b): demanding it early delays registration.
	Requirements []Requirement
	// ConflictRule decides which of several conflicting registrations
	// owns the deal.
	ConflictRule ConflictRule
	// SecondaryShare is the share of the registration discount a
	// registration that lost a conflict still gets (0 for none, 0.5 for
	// half).
	SecondaryShare money.Rate
	// ExcludeDirectActive denies protection when the vendor's direct sales
	// team is already active on the customer.
	ExcludeDirectActive bool
	// ExcludeExistingCustomers denies protection on existing customers.
	ExcludeExistingCustomers bool
	// RegistrationDiscount is the extra discount of the registered owner.
	RegistrationDiscount money.Rate
	// VendorLeadsRegistrable lets a partner register a vendor-passed lead
	// it accepted and earn the registration discount (the seed's 4d).
	VendorLeadsRegistrable bool
	// MinAdvantage is the owner's minimum price advantage over any
	// competing partner, as a share of list (M = L·MinAdvantage).
	MinAdvantage money.Rate
	// Pricing declares how discounts stack.
	Pricing PricingPolicy
	// Leads declares how vendor-passed leads are routed and tracked.
	Leads RoutingPolicy
}

// EligibilityRule restricts who may register a product line.
type EligibilityRule struct {
	ProductLine    string
	MinTier        string   // one of Policy.Tiers; "" for any tier
	Certifications []string // all are required
}

// Requirement lists the fields required from Stage on.
type Requirement struct {
	Stage  Stage
	Fields []Field
}

// PricingPolicy declares how a price waterfall stacks its discounts, the
// floor and the final rounding.
type PricingPolicy struct {
	Stacking Stacking
	// Cap is the largest total discount under CappedSum.
	Cap money.Rate
	// Priority orders the discount kinds for the Priority policy, highest
	// priority first; it must list every kind once.
	Priority []DiscountKind
	Floor    Floor
	// Rounding rounds the final net, once, to the currency's minor unit.
	Rounding money.RoundingMode
}

// Floor is a lower bound on the net price.
type Floor struct {
	Kind   FloorKind
	Rate   money.Rate // share of list (FloorShareOfList) or margin (FloorMargin)
	Action FloorAction
}

// Equal reports whether two floors are the same.
func (f Floor) Equal(o Floor) bool {
	return f.Kind == o.Kind && f.Action == o.Action && f.Rate.Equal(o.Rate)
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

// RequiredAt returns the fields required at stage s, in Field order.
func (p Policy) RequiredAt(s Stage) []Field {
	var set [FieldSKUs + 1]bool
	for _, r := range p.Requirements {
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

// MinAdvantageFor returns M = list·MinAdvantage, exact.
func (p Policy) MinAdvantageFor(list money.Amount) money.Amount {
	return list.MulRate(p.MinAdvantage)
}

// tierRank returns the position of tier in p.Tiers, or -1.
func (p Policy) tierRank(tier string) int { return slices.Index(p.Tiers, tier) }

// Validate checks every invariant of p and reports every problem at once:
// the result is errors.Join of *FieldError values whose Field is the JSON
// Pointer of the offending member. Functions that take a Policy check the
// part they use: Registration.Apply the registration rules (window,
// extensions, minimum size, approval SLA, tiers, eligibility,
// requirements), Resolve the tiers and conflict rules, CheckProtection the
// minimum advantage and pricing, ComputeMetrics the registration rules.
func (p Policy) Validate() error {
	errs := p.registrationErrors()
	errs = append(errs, p.conflictErrors()...)
	errs = append(errs, p.protectionErrors()...)
	errs = append(errs, p.Leads.validate("/leads")...)
	return errors.Join(errs...)
}

// fieldErr returns an ErrInvalidField *FieldError for a JSON Pointer.
func fieldErr(path, format string, args ...any) error {
	return &FieldError{Field: path, Err: ErrInvalidField, Detail: fmt.Sprintf(format, args...)}
}

// checkFraction appends an error when r is outside [0, 1].
func checkFraction(errs []error, path string, r money.Rate) []error {
	if !r.Within(money.Rate{}, money.RateFromFraction(decimalOne())) {
		errs = append(errs, fieldErr(path, "must be in [0, 1], got %s", r.FormatFraction()))
	}
	return errs
}

// registrationErrors checks the rules the lifecycle uses.
func (p Policy) registrationErrors() []error {
	var errs []error
	if p.Window <= 0 {
		errs = append(errs, fieldErr("/window", "must be positive, got %s", p.Window))
	}
	if p.MaxExtensions < 0 || p.MaxExtensions > MaxExtensions {
		errs = append(errs, fieldErr("/extensions/max", "must be in [0, %d], got %d", MaxExtensions, p.MaxExtensions))
	}
	if p.ExtensionLength < 0 || (p.MaxExtensions > 0 && p.ExtensionLength == 0) {
		errs = append(errs, fieldErr("/extensions/length", "must be positive when extensions are allowed, got %s", p.ExtensionLength))
	}
	if p.MinDealSize.IsValid() && p.MinDealSize.Sign() < 0 {
		errs = append(errs, fieldErr("/minDealSize", "must not be negative, got %s", p.MinDealSize))
	}
	if p.ApprovalSLA <= 0 {
		errs = append(errs, fieldErr("/approvalSla", "must be positive, got %s", p.ApprovalSLA))
	}
	errs = append(errs, p.tierErrors()...)
	if len(p.Eligibility) > MaxEligibilityRules {
		errs = append(errs, fieldErr("/eligibility", "at most %d rules, got %d", MaxEligibilityRules, len(p.Eligibility)))
	} else {
		lines := make(map[string]bool, len(p.Eligibility))
		for i, r := range p.Eligibility {
			path := fmt.Sprintf("/eligibility/%d", i)
			key := normLine(r.ProductLine)
			if key == "" || len(r.ProductLine) > MaxNameLen || lines[key] {
				errs = append(errs, fieldErr(path+"/productLine", "product lines must be non-blank, at most %d bytes and unique (without case or surrounding space)", MaxNameLen))
			}
			lines[key] = true
			if r.MinTier != "" && p.tierRank(r.MinTier) < 0 {
				errs = append(errs, fieldErr(path+"/minTier", "%q is not one of the tiers", r.MinTier))
			}
			if len(r.Certifications) > MaxCertifications {
				errs = append(errs, fieldErr(path+"/certifications", "at most %d, got %d", MaxCertifications, len(r.Certifications)))
				continue
			}
			for j, c := range r.Certifications {
				if c == "" || len(c) > MaxNameLen {
					errs = append(errs, fieldErr(fmt.Sprintf("%s/certifications/%d", path, j), "must be non-empty and at most %d bytes", MaxNameLen))
				}
			}
		}
	}
	var stages [Commit + 1]bool
	for i, r := range p.Requirements {
		path := fmt.Sprintf("/requirements/%d", i)
		if !r.Stage.IsValid() || stages[r.Stage] {
			errs = append(errs, fieldErr(path+"/stage", "must be a known stage, listed once"))
		} else {
			stages[r.Stage] = true
		}
		if len(r.Fields) == 0 {
			errs = append(errs, fieldErr(path+"/fields", "must list at least one field"))
		}
		var fs [FieldSKUs + 1]bool
		for j, f := range r.Fields {
			if !f.IsValid() || fs[f] {
				errs = append(errs, fieldErr(fmt.Sprintf("%s/fields/%d", path, j), "must be a known field, listed once"))
				continue
			}
			fs[f] = true
		}
	}
	return errs
}

// tierErrors checks the tier list.
func (p Policy) tierErrors() []error {
	var errs []error
	if len(p.Tiers) == 0 || len(p.Tiers) > MaxTiers {
		errs = append(errs, fieldErr("/tiers", "must list 1 to %d tiers, got %d", MaxTiers, len(p.Tiers)))
		if len(p.Tiers) > MaxTiers {
			return errs
		}
	}
	for i, t := range p.Tiers {
		if t == "" || len(t) > MaxNameLen || slices.Contains(p.Tiers[:i], t) {
			errs = append(errs, fieldErr(fmt.Sprintf("/tiers/%d", i), "tier names must be non-empty, at most %d bytes and unique", MaxNameLen))
		}
	}
	return errs
}

// conflictErrors checks the rules conflict resolution uses.
func (p Policy) conflictErrors() []error {
	var errs []error
	if p.ConflictRule != FirstSubmission && p.ConflictRule != TierOrder {
		errs = append(errs, fieldErr("/conflictRule", "must be %q or %q", FirstSubmission, TierOrder))
	}
	errs = checkFraction(errs, "/secondaryShare", p.SecondaryShare)
	return checkFraction(errs, "/registrationDiscount", p.RegistrationDiscount)
}

// protectionErrors checks the rules the protection check uses.
func (p Policy) protectionErrors() []error {
	errs := checkFraction(nil, "/minAdvantage", p.MinAdvantage)
	return append(errs, p.Pricing.validate("/pricing")...)
}

// Validate checks a pricing policy on its own (see Policy.Validate).
func (pp PricingPolicy) Validate() error { return errors.Join(pp.validate("")...) }

func (pp PricingPolicy) validate(prefix string) []error {
	var errs []error
	bad := func(path, format string, args ...any) { errs = append(errs, fieldErr(prefix+path, format, args...)) }
	one := money.RateFromFraction(decimalOne())
	switch pp.Stacking {
	case Additive, Compounding, BestOf:
	case CappedSum:
		errs = checkFraction(errs, prefix+"/cap", pp.Cap)
	case Priority:
		var seen [Promotion + 1]bool
		ok := len(pp.Priority) == int(Promotion)
		for _, k := range pp.Priority {
			if k < TierDiscount || k > Promotion || seen[k] {
				ok = false
				break
			}
			seen[k] = true
		}
		if !ok {
			bad("/priority", "must list each discount kind exactly once")
		}
	case StackingUnspecified:
		bad("/stacking", "must be specified")
	default:
		bad("/stacking", "unknown stacking %d", uint8(pp.Stacking))
	}
	switch pp.Floor.Kind {
	case NoFloor:
	case FloorShareOfList:
		errs = checkFraction(errs, prefix+"/floor/rate", pp.Floor.Rate)
	case FloorMargin:
		if pp.Floor.Rate.Sign() < 0 || pp.Floor.Rate.Cmp(one) >= 0 {
			bad("/floor/rate", "a margin must be in [0, 1), got %s", pp.Floor.Rate.FormatFraction())
		}
	case FloorUnspecified:
		bad("/floor/kind", "must be specified")
	default:
		bad("/floor/kind", "unknown floor kind %d", uint8(pp.Floor.Kind))
	}
	if pp.Floor.Action != FloorError && pp.Floor.Action != FloorClamp {
		bad("/floor/action", "must be %q or %q", FloorError, FloorClamp)
	}
	if !pp.Rounding.IsValid() {
		bad("/rounding", "must be a named rounding mode")
	}
	return errs
}

// Validate checks a routing policy on its own (see Policy.Validate): a
// positive acceptance SLA, a non-negative new-partner window, a conversion
// threshold in [0, 1], at least one route class, each once, and at most
// MaxReassignments reassignments. Route, Reassign and ComputeLeadStats
// check it.
func (rp RoutingPolicy) Validate() error { return errors.Join(rp.validate("")...) }

func (rp RoutingPolicy) validate(prefix string) []error {
	var errs []error
	bad := func(path, format string, args ...any) { errs = append(errs, fieldErr(prefix+path, format, args...)) }
	if rp.AcceptanceSLA <= 0 {
		bad("/acceptanceSla", "must be positive, got %s", rp.AcceptanceSLA)
	}
	if rp.NewPartnerWindow < 0 {
		bad("/newPartnerWindow", "must not be negative, got %s", rp.NewPartnerWindow)
	}
	errs = checkFraction(errs, prefix+"/highPerformerConversion", rp.HighPerformerConversion)
	var seen [HighPerformer + 1]bool
	if len(rp.Order) == 0 {
		bad("/order", "must list at least one route class")
	}
	for i, c := range rp.Order {
		if c != NewPartner && c != HighPerformer || seen[c] {
			bad(fmt.Sprintf("/order/%d", i), "must be a known route class, listed once")
			continue
		}
		seen[c] = true
	}
	if rp.MaxReassignments < 0 || rp.MaxReassignments > MaxReassignments {
		bad("/maxReassignments", "must be in [0, %d], got %d", MaxReassignments, rp.MaxReassignments)
	}
	return errs
}

// ---- JSON ----

// policyJSON is the wire form of Policy. Durations are text: "90d" (whole
// days) or a Go duration such as "36h". Every member is required except
// minDealSize and eligibility (absent: no minimum, no restriction),
// pricing.cap (required for capped-sum), pricing.priority (required for
// priority) and pricing.floor.rate (required for a share-of-list or margin
// floor): a member left out is a *FieldError matching ErrMissingField,
// never a silent zero.
type policyJSON struct {
	Window                   *Duration          `json:"window"`
	Extensions               *extensionsJSON    `json:"extensions"`
	MinDealSize              *money.Amount      `json:"minDealSize,omitzero"`
	ApprovalSLA              *Duration          `json:"approvalSla"`
	Tiers                    *[]string          `json:"tiers"`
	Eligibility              []eligibilityJSON  `json:"eligibility,omitzero"`
	Requirements             *[]requirementJSON `json:"requirements"`
	ConflictRule             *ConflictRule      `json:"conflictRule"`
	SecondaryShare           *money.Rate        `json:"secondaryShare"`
	ExcludeDirectActive      *bool              `json:"excludeDirectActive"`
	ExcludeExistingCustomers *bool              `json:"excludeExistingCustomers"`
	RegistrationDiscount     *money.Rate        `json:"registrationDiscount"`
	VendorLeadsRegistrable   *bool              `json:"vendorLeadsRegistrable"`
	MinAdvantage             *money.Rate        `json:"minAdvantage"`
	Pricing                  *pricingJSON       `json:"pricing"`
	Leads                    *leadsJSON         `json:"leads"`
}

type extensionsJSON struct {
	Max    *int      `json:"max"`
	Length *Duration `json:"length"`
}

type eligibilityJSON struct {
	ProductLine    string   `json:"productLine"`
	MinTier        string   `json:"minTier,omitzero"`
	Certifications []string `json:"certifications,omitzero"`
}

type requirementJSON struct {
	Stage  Stage   `json:"stage"`
	Fields []Field `json:"fields"`
}

type pricingJSON struct {
	Stacking *Stacking           `json:"stacking"`
	Cap      *money.Rate         `json:"cap,omitzero"`
	Priority []DiscountKind      `json:"priority,omitzero"`
	Floor    *floorJSON          `json:"floor"`
	Rounding *money.RoundingMode `json:"rounding"`
}

type floorJSON struct {
	Kind   *FloorKind   `json:"kind"`
	Rate   *money.Rate  `json:"rate,omitzero"`
	Action *FloorAction `json:"action"`
}

type leadsJSON struct {
	AcceptanceSLA           *Duration    `json:"acceptanceSla"`
	NewPartnerWindow        *Duration    `json:"newPartnerWindow"`
	HighPerformerConversion *money.Rate  `json:"highPerformerConversion"`
	Order                   []RouteClass `json:"order"`
	MaxReassignments        *int         `json:"maxReassignments"`
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
func (d *Duration) UnmarshalText(b []byte) error {
	s := string(b)
	if len(s) > 32 {
		return &FieldError{Field: "duration", Err: ErrInvalidField, Detail: "too long"}
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if n == "" || len(n) > 6 || strings.TrimLeft(n, "0123456789") != "" {
			return &FieldError{Field: "duration", Err: ErrInvalidField, Detail: fmt.Sprintf("%q is not a whole number of days", s)}
		}
		days, err := strconv.ParseInt(n, 10, 64)
		if err != nil || days > maxDays {
			return &FieldError{Field: "duration", Err: ErrInvalidField, Detail: fmt.Sprintf("%q is more than %d days", s, maxDays)}
		}
		*d = Duration(time.Duration(days) * 24 * time.Hour)
		return nil
	}
	td, err := time.ParseDuration(s)
	if err != nil {
		return &FieldError{Field: "duration", Err: ErrInvalidField, Detail: fmt.Sprintf("%q is not a duration", s)}
	}
	*d = Duration(td)
	return nil
}

// ParsePolicy decodes a policy document strictly (strictjson: unknown or
// case-variant duplicate members, null, JSON numbers for rates and amounts,
// more than MaxPolicyBytes or nesting deeper than MaxPolicyDepth are
// rejected, as a *strictjson.Error with the JSON Pointer of the offender)
// and then checks it: every required member present (a *FieldError
// matching ErrMissingField per absent member, see below) and valid
// (Policy.Validate), every problem reported at once.
//
// Optional members: minDealSize and eligibility; pricing.cap only for
// capped-sum, pricing.priority only for priority, pricing.floor.rate only
// for a share-of-list or margin floor. Every other member is required, so
// that nothing that moves money (a discount, a share, an exclusion) is
// ever a silent zero.
func ParsePolicy(data []byte) (Policy, error) {
	var w policyJSON
	if err := strictjson.Unmarshal(data, &w, strictjson.Limits{MaxBytes: MaxPolicyBytes, MaxDepth: MaxPolicyDepth}); err != nil {
		return Policy{}, err
	}
	p, missing := w.policy()
	errs := missing
	if err := p.Validate(); err != nil {
		// Drop what a missing member already explains (a missing window is
		// also a zero window).
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			if fe, ok := e.(*FieldError); !ok || !underMissing(fe.Field, missing) {
				errs = append(errs, e)
			}
		}
	}
	if len(errs) > 0 {
		return Policy{}, errors.Join(errs...)
	}
	return p, nil
}

// underMissing reports whether path is, or lies under, a missing member.
func underMissing(path string, missing []error) bool {
	for _, m := range missing {
		mp := m.(*FieldError).Field
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

func ptr[T any](v T) *T { return &v }

// MarshalJSON encodes the policy in the form ParsePolicy reads. The zero
// MinDealSize (no minimum), an empty Eligibility and the optional pricing
// members the stacking and floor do not use are omitted.
func (p Policy) MarshalJSON() ([]byte, error) {
	tiers := slices.Clone(p.Tiers)
	if tiers == nil {
		tiers = []string{}
	}
	order := slices.Clone(p.Leads.Order)
	if order == nil {
		order = []RouteClass{}
	}
	w := policyJSON{
		Window:                   ptr(Duration(p.Window)),
		Extensions:               &extensionsJSON{Max: ptr(p.MaxExtensions), Length: ptr(Duration(p.ExtensionLength))},
		ApprovalSLA:              ptr(Duration(p.ApprovalSLA)),
		Tiers:                    &tiers,
		ConflictRule:             ptr(p.ConflictRule),
		SecondaryShare:           ptr(p.SecondaryShare),
		ExcludeDirectActive:      ptr(p.ExcludeDirectActive),
		ExcludeExistingCustomers: ptr(p.ExcludeExistingCustomers),
		RegistrationDiscount:     ptr(p.RegistrationDiscount),
		VendorLeadsRegistrable:   ptr(p.VendorLeadsRegistrable),
		MinAdvantage:             ptr(p.MinAdvantage),
		Pricing: &pricingJSON{
			Stacking: ptr(p.Pricing.Stacking),
			Priority: slices.Clone(p.Pricing.Priority),
			Floor:    &floorJSON{Kind: ptr(p.Pricing.Floor.Kind), Action: ptr(p.Pricing.Floor.Action)},
			Rounding: ptr(p.Pricing.Rounding),
		},
		Leads: &leadsJSON{
			AcceptanceSLA:           ptr(Duration(p.Leads.AcceptanceSLA)),
			NewPartnerWindow:        ptr(Duration(p.Leads.NewPartnerWindow)),
			HighPerformerConversion: ptr(p.Leads.HighPerformerConversion),
			Order:                   order,
			MaxReassignments:        ptr(p.Leads.MaxReassignments),
		},
	}
	if p.MinDealSize.IsValid() {
		w.MinDealSize = ptr(p.MinDealSize)
	}
	if p.Pricing.Stacking == CappedSum || !p.Pricing.Cap.IsZero() {
		w.Pricing.Cap = ptr(p.Pricing.Cap)
	}
	if p.Pricing.Floor.Kind == FloorShareOfList || p.Pricing.Floor.Kind == FloorMargin || !p.Pricing.Floor.Rate.IsZero() {
		w.Pricing.Floor.Rate = ptr(p.Pricing.Floor.Rate)
	}
	for _, r := range p.Eligibility {
		w.Eligibility = append(w.Eligibility, eligibilityJSON{ProductLine: r.ProductLine, MinTier: r.MinTier, Certifications: slices.Clone(r.Certifications)})
	}
	reqs := []requirementJSON{}
	for _, r := range p.Requirements {
		fs := slices.Clone(r.Fields)
		if fs == nil {
			fs = []Field{}
		}
		reqs = append(reqs, requirementJSON{Stage: r.Stage, Fields: fs})
	}
	w.Requirements = &reqs
	return strictjson.Marshal(w)
}

// need returns *v, or records path as missing and returns the zero value.
func need[T any](missing *[]error, path string, v *T) T {
	if v == nil {
		*missing = append(*missing, &FieldError{Field: path, Err: ErrMissingField})
		var zero T
		return zero
	}
	return *v
}

// policy converts the wire form, listing every required member that is
// absent as a *FieldError (ErrMissingField) with its JSON Pointer.
func (w policyJSON) policy() (Policy, []error) {
	var m []error
	p := Policy{
		Window:                   time.Duration(need(&m, "/window", w.Window)),
		ApprovalSLA:              time.Duration(need(&m, "/approvalSla", w.ApprovalSLA)),
		Tiers:                    need(&m, "/tiers", w.Tiers),
		ConflictRule:             need(&m, "/conflictRule", w.ConflictRule),
		SecondaryShare:           need(&m, "/secondaryShare", w.SecondaryShare),
		ExcludeDirectActive:      need(&m, "/excludeDirectActive", w.ExcludeDirectActive),
		ExcludeExistingCustomers: need(&m, "/excludeExistingCustomers", w.ExcludeExistingCustomers),
		RegistrationDiscount:     need(&m, "/registrationDiscount", w.RegistrationDiscount),
		VendorLeadsRegistrable:   need(&m, "/vendorLeadsRegistrable", w.VendorLeadsRegistrable),
		MinAdvantage:             need(&m, "/minAdvantage", w.MinAdvantage),
	}
	ext := need(&m, "/extensions", w.Extensions)
	if w.Extensions != nil {
		p.MaxExtensions = need(&m, "/extensions/max", ext.Max)
		p.ExtensionLength = time.Duration(need(&m, "/extensions/length", ext.Length))
	}
	if w.MinDealSize != nil {
		p.MinDealSize = *w.MinDealSize
	}
	for _, r := range w.Eligibility {
		p.Eligibility = append(p.Eligibility, EligibilityRule(r))
	}
	for _, r := range need(&m, "/requirements", w.Requirements) {
		p.Requirements = append(p.Requirements, Requirement(r))
	}
	if w.Pricing != nil {
		pr := w.Pricing
		p.Pricing = PricingPolicy{
			Stacking: need(&m, "/pricing/stacking", pr.Stacking),
			Priority: pr.Priority,
			Rounding: need(&m, "/pricing/rounding", pr.Rounding),
		}
		if p.Pricing.Stacking == CappedSum {
			p.Pricing.Cap = need(&m, "/pricing/cap", pr.Cap)
		} else if pr.Cap != nil {
			p.Pricing.Cap = *pr.Cap
		}
		if pr.Floor != nil {
			f := pr.Floor
			p.Pricing.Floor = Floor{Kind: need(&m, "/pricing/floor/kind", f.Kind), Action: need(&m, "/pricing/floor/action", f.Action)}
			if p.Pricing.Floor.Kind == FloorShareOfList || p.Pricing.Floor.Kind == FloorMargin {
				p.Pricing.Floor.Rate = need(&m, "/pricing/floor/rate", f.Rate)
			} else if f.Rate != nil {
				p.Pricing.Floor.Rate = *f.Rate
			}
		} else {
			need(&m, "/pricing/floor", pr.Floor)
		}
	} else {
		need(&m, "/pricing", w.Pricing)
	}
	if w.Leads != nil {
		l := w.Leads
		p.Leads = RoutingPolicy{
			AcceptanceSLA:           time.Duration(need(&m, "/leads/acceptanceSla", l.AcceptanceSLA)),
			NewPartnerWindow:        time.Duration(need(&m, "/leads/newPartnerWindow", l.NewPartnerWindow)),
			HighPerformerConversion: need(&m, "/leads/highPerformerConversion", l.HighPerformerConversion),
			Order:                   l.Order,
			MaxReassignments:        need(&m, "/leads/maxReassignments", l.MaxReassignments),
		}
	} else {
		need(&m, "/leads", w.Leads)
	}
	return p, m
}

// Equal reports whether two policies are the same (decimals compared
// numerically).
func (p Policy) Equal(o Policy) bool {
	return p.Window == o.Window && p.MaxExtensions == o.MaxExtensions &&
		p.ExtensionLength == o.ExtensionLength && amountEqual(p.MinDealSize, o.MinDealSize) &&
		p.ApprovalSLA == o.ApprovalSLA && slices.Equal(p.Tiers, o.Tiers) &&
		slices.EqualFunc(p.Eligibility, o.Eligibility, func(a, b EligibilityRule) bool {
			return a.ProductLine == b.ProductLine && a.MinTier == b.MinTier && slices.Equal(a.Certifications, b.Certifications)
		}) &&
		slices.EqualFunc(p.Requirements, o.Requirements, func(a, b Requirement) bool {
			return a.Stage == b.Stage && slices.Equal(a.Fields, b.Fields)
		}) &&
		p.ConflictRule == o.ConflictRule && p.SecondaryShare.Equal(o.SecondaryShare) &&
		p.ExcludeDirectActive == o.ExcludeDirectActive && p.ExcludeExistingCustomers == o.ExcludeExistingCustomers &&
		p.RegistrationDiscount.Equal(o.RegistrationDiscount) && p.VendorLeadsRegistrable == o.VendorLeadsRegistrable &&
		p.MinAdvantage.Equal(o.MinAdvantage) && p.Pricing.Equal(o.Pricing) && p.Leads.Equal(o.Leads)
}

// Equal reports whether two pricing policies are the same.
func (pp PricingPolicy) Equal(o PricingPolicy) bool {
	return pp.Stacking == o.Stacking && pp.Cap.Equal(o.Cap) && slices.Equal(pp.Priority, o.Priority) &&
		pp.Floor.Equal(o.Floor) && pp.Rounding == o.Rounding
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
