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
	MaxTiers            = 32   // entries in Policy.Tiers
	MaxEligibilityRules = 1000 // entries in Policy.Eligibility
	MaxCertifications   = 32   // certifications per eligibility rule
	MaxExtensions       = 12   // Policy.MaxExtensions
	MaxReassignments    = 100  // RoutingPolicy.MaxReassignments
	MaxNameLen          = 200  // bytes in a tier, product-line or certification name
	MaxPolicyBytes      = 256 << 10
	MaxPolicyDepth      = 8
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
// Pointer of the offending member.
func (p Policy) Validate() error {
	var errs []error
	bad := func(path, format string, args ...any) {
		errs = append(errs, &FieldError{Field: path, Err: ErrInvalidField, Detail: fmt.Sprintf(format, args...)})
	}
	if p.Window <= 0 {
		bad("/window", "must be positive, got %s", p.Window)
	}
	if p.MaxExtensions < 0 || p.MaxExtensions > MaxExtensions {
		bad("/extensions/max", "must be in [0, %d], got %d", MaxExtensions, p.MaxExtensions)
	}
	if p.ExtensionLength < 0 || (p.MaxExtensions > 0 && p.ExtensionLength == 0) {
		bad("/extensions/length", "must be positive when extensions are allowed, got %s", p.ExtensionLength)
	}
	if p.MinDealSize.IsValid() && p.MinDealSize.Sign() < 0 {
		bad("/minDealSize", "must not be negative, got %s", p.MinDealSize)
	}
	if p.ApprovalSLA <= 0 {
		bad("/approvalSla", "must be positive, got %s", p.ApprovalSLA)
	}
	if len(p.Tiers) == 0 || len(p.Tiers) > MaxTiers {
		bad("/tiers", "must list 1 to %d tiers, got %d", MaxTiers, len(p.Tiers))
	}
	seen := map[string]bool{}
	for i, t := range p.Tiers {
		if t == "" || len(t) > MaxNameLen || seen[t] {
			bad(fmt.Sprintf("/tiers/%d", i), "tier names must be non-empty, at most %d bytes and unique", MaxNameLen)
		}
		seen[t] = true
	}
	if len(p.Eligibility) > MaxEligibilityRules {
		bad("/eligibility", "at most %d rules, got %d", MaxEligibilityRules, len(p.Eligibility))
	} else {
		lines := map[string]bool{}
		for i, r := range p.Eligibility {
			path := fmt.Sprintf("/eligibility/%d", i)
			if r.ProductLine == "" || len(r.ProductLine) > MaxNameLen || lines[r.ProductLine] {
				bad(path+"/productLine", "product lines must be non-empty, at most %d bytes and unique", MaxNameLen)
			}
			lines[r.ProductLine] = true
			if r.MinTier != "" && p.tierRank(r.MinTier) < 0 {
				bad(path+"/minTier", "%q is not one of the tiers", r.MinTier)
			}
			if len(r.Certifications) > MaxCertifications {
				bad(path+"/certifications", "at most %d, got %d", MaxCertifications, len(r.Certifications))
				continue
			}
			for j, c := range r.Certifications {
				if c == "" || len(c) > MaxNameLen {
					bad(fmt.Sprintf("%s/certifications/%d", path, j), "must be non-empty and at most %d bytes", MaxNameLen)
				}
			}
		}
	}
	stages := map[Stage]bool{}
	for i, r := range p.Requirements {
		path := fmt.Sprintf("/requirements/%d", i)
		if !r.Stage.IsValid() || stages[r.Stage] {
			bad(path+"/stage", "must be a known stage, listed once")
		}
		stages[r.Stage] = true
		if len(r.Fields) == 0 {
			bad(path+"/fields", "must list at least one field")
		}
		var fs [FieldSKUs + 1]bool
		for j, f := range r.Fields {
			if !f.IsValid() || fs[f] {
				bad(fmt.Sprintf("%s/fields/%d", path, j), "must be a known field, listed once")
				continue
			}
			fs[f] = true
		}
	}
	if p.ConflictRule != FirstSubmission && p.ConflictRule != TierOrder {
		bad("/conflictRule", "must be %q or %q", FirstSubmission, TierOrder)
	}
	one := money.RateFromFraction(decimalOne())
	zero := money.Rate{}
	checkRate := func(path string, r money.Rate) {
		if !r.Within(zero, one) {
			bad(path, "must be in [0, 1], got %s", r.FormatFraction())
		}
	}
	checkRate("/secondaryShare", p.SecondaryShare)
	checkRate("/registrationDiscount", p.RegistrationDiscount)
	checkRate("/minAdvantage", p.MinAdvantage)
	errs = append(errs, p.Pricing.validate("/pricing")...)
	errs = append(errs, p.Leads.validate("/leads")...)
	return errors.Join(errs...)
}

// Validate checks a pricing policy on its own (see Policy.Validate).
func (pp PricingPolicy) Validate() error { return errors.Join(pp.validate("")...) }

func (pp PricingPolicy) validate(prefix string) []error {
	var errs []error
	bad := func(path, format string, args ...any) {
		errs = append(errs, &FieldError{Field: prefix + path, Err: ErrInvalidField, Detail: fmt.Sprintf(format, args...)})
	}
	one := money.RateFromFraction(decimalOne())
	switch pp.Stacking {
	case Additive, Compounding, BestOf:
	case CappedSum:
		if !pp.Cap.Within(money.Rate{}, one) {
			bad("/cap", "must be in [0, 1], got %s", pp.Cap.FormatFraction())
		}
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
		if !pp.Floor.Rate.Within(money.Rate{}, one) {
			bad("/floor/rate", "must be in [0, 1], got %s", pp.Floor.Rate.FormatFraction())
		}
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

func (rp RoutingPolicy) validate(prefix string) []error {
	var errs []error
	bad := func(path, format string, args ...any) {
		errs = append(errs, &FieldError{Field: prefix + path, Err: ErrInvalidField, Detail: fmt.Sprintf(format, args...)})
	}
	if rp.AcceptanceSLA <= 0 {
		bad("/acceptanceSla", "must be positive, got %s", rp.AcceptanceSLA)
	}
	if rp.NewPartnerWindow < 0 {
		bad("/newPartnerWindow", "must not be negative, got %s", rp.NewPartnerWindow)
	}
	if !rp.HighPerformerConversion.Within(money.Rate{}, money.RateFromFraction(decimalOne())) {
		bad("/highPerformerConversion", "must be in [0, 1], got %s", rp.HighPerformerConversion.FormatFraction())
	}
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
// days) or a Go duration such as "36h".
type policyJSON struct {
	Window                   Duration          `json:"window"`
	Extensions               extensionsJSON    `json:"extensions"`
	MinDealSize              *money.Amount     `json:"minDealSize,omitzero"`
	ApprovalSLA              Duration          `json:"approvalSla"`
	Tiers                    []string          `json:"tiers"`
	Eligibility              []eligibilityJSON `json:"eligibility,omitzero"`
	Requirements             []requirementJSON `json:"requirements"`
	ConflictRule             ConflictRule      `json:"conflictRule"`
	SecondaryShare           money.Rate        `json:"secondaryShare"`
	ExcludeDirectActive      bool              `json:"excludeDirectActive"`
	ExcludeExistingCustomers bool              `json:"excludeExistingCustomers"`
	RegistrationDiscount     money.Rate        `json:"registrationDiscount"`
	VendorLeadsRegistrable   bool              `json:"vendorLeadsRegistrable"`
	MinAdvantage             money.Rate        `json:"minAdvantage"`
	Pricing                  pricingJSON       `json:"pricing"`
	Leads                    leadsJSON         `json:"leads"`
}

type extensionsJSON struct {
	Max    int      `json:"max"`
	Length Duration `json:"length"`
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
	Stacking Stacking           `json:"stacking"`
	Cap      *money.Rate        `json:"cap,omitzero"`
	Priority []DiscountKind     `json:"priority,omitzero"`
	Floor    floorJSON          `json:"floor"`
	Rounding money.RoundingMode `json:"rounding"`
}

type floorJSON struct {
	Kind   FloorKind   `json:"kind"`
	Rate   *money.Rate `json:"rate,omitzero"`
	Action FloorAction `json:"action"`
}

type leadsJSON struct {
	AcceptanceSLA           Duration     `json:"acceptanceSla"`
	NewPartnerWindow        Duration     `json:"newPartnerWindow"`
	HighPerformerConversion money.Rate   `json:"highPerformerConversion"`
	Order                   []RouteClass `json:"order"`
	MaxReassignments        int          `json:"maxReassignments"`
}

// Duration is a time.Duration with a text form for policy documents:
// whole days as "90d", anything else as a Go duration ("36h", "90m").
type Duration time.Duration

// MarshalText writes "<n>d" for whole days, else time.Duration's form.
func (d Duration) MarshalText() ([]byte, error) {
	td := time.Duration(d)
	if td != 0 && td%(24*time.Hour) == 0 {
		return []byte(strconv.FormatInt(int64(td/(24*time.Hour)), 10) + "d"), nil
	}
	return []byte(td.String()), nil
}

// UnmarshalText parses "<n>d" (n a non-negative integer of at most 6
// digits) or a Go duration.
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
		if err != nil {
			return &FieldError{Field: "duration", Err: ErrInvalidField, Detail: fmt.Sprintf("%q: %v", s, err)}
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
// and then validates it (Policy.Validate: every problem at once).
func ParsePolicy(data []byte) (Policy, error) {
	var w policyJSON
	if err := strictjson.Unmarshal(data, &w, strictjson.Limits{MaxBytes: MaxPolicyBytes, MaxDepth: MaxPolicyDepth}); err != nil {
		return Policy{}, err
	}
	p := w.policy()
	if err := p.Validate(); err != nil {
		return Policy{}, err
	}
	return p, nil
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

// MarshalJSON encodes the policy in the form ParsePolicy reads. The zero
// MinDealSize and zero optional rates are omitted.
func (p Policy) MarshalJSON() ([]byte, error) {
	w := policyJSON{
		Window:                   Duration(p.Window),
		Extensions:               extensionsJSON{Max: p.MaxExtensions, Length: Duration(p.ExtensionLength)},
		ApprovalSLA:              Duration(p.ApprovalSLA),
		Tiers:                    slices.Clone(p.Tiers),
		ConflictRule:             p.ConflictRule,
		SecondaryShare:           p.SecondaryShare,
		ExcludeDirectActive:      p.ExcludeDirectActive,
		ExcludeExistingCustomers: p.ExcludeExistingCustomers,
		RegistrationDiscount:     p.RegistrationDiscount,
		VendorLeadsRegistrable:   p.VendorLeadsRegistrable,
		MinAdvantage:             p.MinAdvantage,
		Pricing: pricingJSON{
			Stacking: p.Pricing.Stacking,
			Priority: slices.Clone(p.Pricing.Priority),
			Floor:    floorJSON{Kind: p.Pricing.Floor.Kind, Action: p.Pricing.Floor.Action},
			Rounding: p.Pricing.Rounding,
		},
		Leads: leadsJSON{
			AcceptanceSLA:           Duration(p.Leads.AcceptanceSLA),
			NewPartnerWindow:        Duration(p.Leads.NewPartnerWindow),
			HighPerformerConversion: p.Leads.HighPerformerConversion,
			Order:                   slices.Clone(p.Leads.Order),
			MaxReassignments:        p.Leads.MaxReassignments,
		},
	}
	if w.Tiers == nil {
		w.Tiers = []string{}
	}
	if w.Leads.Order == nil {
		w.Leads.Order = []RouteClass{}
	}
	if p.MinDealSize.IsValid() {
		m := p.MinDealSize
		w.MinDealSize = &m
	}
	if p.Pricing.Stacking == CappedSum || !p.Pricing.Cap.IsZero() {
		c := p.Pricing.Cap
		w.Pricing.Cap = &c
	}
	if p.Pricing.Floor.Kind == FloorShareOfList || p.Pricing.Floor.Kind == FloorMargin || !p.Pricing.Floor.Rate.IsZero() {
		r := p.Pricing.Floor.Rate
		w.Pricing.Floor.Rate = &r
	}
	for _, r := range p.Eligibility {
		w.Eligibility = append(w.Eligibility, eligibilityJSON{ProductLine: r.ProductLine, MinTier: r.MinTier, Certifications: slices.Clone(r.Certifications)})
	}
	w.Requirements = []requirementJSON{}
	for _, r := range p.Requirements {
		fs := slices.Clone(r.Fields)
		if fs == nil {
			fs = []Field{}
		}
		w.Requirements = append(w.Requirements, requirementJSON{Stage: r.Stage, Fields: fs})
	}
	return strictjson.Marshal(w)
}

func (w policyJSON) policy() Policy {
	p := Policy{
		Window:                   time.Duration(w.Window),
		MaxExtensions:            w.Extensions.Max,
		ExtensionLength:          time.Duration(w.Extensions.Length),
		ApprovalSLA:              time.Duration(w.ApprovalSLA),
		Tiers:                    w.Tiers,
		ConflictRule:             w.ConflictRule,
		SecondaryShare:           w.SecondaryShare,
		ExcludeDirectActive:      w.ExcludeDirectActive,
		ExcludeExistingCustomers: w.ExcludeExistingCustomers,
		RegistrationDiscount:     w.RegistrationDiscount,
		VendorLeadsRegistrable:   w.VendorLeadsRegistrable,
		MinAdvantage:             w.MinAdvantage,
		Pricing: PricingPolicy{
			Stacking: w.Pricing.Stacking,
			Priority: w.Pricing.Priority,
			Floor:    Floor{Kind: w.Pricing.Floor.Kind, Action: w.Pricing.Floor.Action},
			Rounding: w.Pricing.Rounding,
		},
		Leads: RoutingPolicy{
			AcceptanceSLA:           time.Duration(w.Leads.AcceptanceSLA),
			NewPartnerWindow:        time.Duration(w.Leads.NewPartnerWindow),
			HighPerformerConversion: w.Leads.HighPerformerConversion,
			Order:                   w.Leads.Order,
			MaxReassignments:        w.Leads.MaxReassignments,
		},
	}
	if w.MinDealSize != nil {
		p.MinDealSize = *w.MinDealSize
	}
	if w.Pricing.Cap != nil {
		p.Pricing.Cap = *w.Pricing.Cap
	}
	if w.Pricing.Floor.Rate != nil {
		p.Pricing.Floor.Rate = *w.Pricing.Floor.Rate
	}
	for _, r := range w.Eligibility {
		p.Eligibility = append(p.Eligibility, EligibilityRule(r))
	}
	for _, r := range w.Requirements {
		p.Requirements = append(p.Requirements, Requirement(r))
	}
	return p
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
