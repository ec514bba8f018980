package incentive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"

	"github.com/partnerecon/partnerecon/internal/field"
)

// Documented limits of a plan, checked by NewPlan and ParsePlan.
const (
	// MaxPlanBytes is the largest plan document ParsePlan reads.
	MaxPlanBytes = 1 << 20
	// MaxPlanDepth is the deepest nesting of objects and arrays in a plan
	// document (the deepest legal path, /components/i/modifiers/j/bands/k,
	// has depth 7).
	MaxPlanDepth = 10
	// MaxComponents is the largest number of components in a plan.
	MaxComponents = 32
	// MaxTiers is the largest number of tiers in a component's schedule.
	MaxTiers = 32
	// MaxModifiers is the largest number of modifiers of a component.
	MaxModifiers = 8
	// MaxBands is the largest number of bands of a multiplier.
	MaxBands = 16
	// MaxSetEntries is the largest number of values in one eligibility
	// list.
	MaxSetEntries = 64
	// MaxIDLen is the longest ID, version, metric or eligibility value in
	// bytes.
	MaxIDLen = 128
	// MaxDigits bounds every decimal of a plan: at most MaxDigits digits
	// after the point and an absolute value below 10^MaxDigits.
	MaxDigits = 18
)

// PlanSpec is the declarative form of a plan, as a PRM stores it in JSON
// (see ParsePlan). NewPlan validates it. Every amount is in Currency.
type PlanSpec struct {
	// ID and Version identify the plan; Name is free text. Every ID,
	// version, name and list value has at most MaxIDLen bytes and no
	// control or bidirectional formatting character (U+202A–U+202E,
	// U+2066–U+2069, U+200E, U+200F, U+061C). An ID, version or list
	// value also has no invisible character (a zero-width space, a soft
	// hyphen, a variation selector; a zero-width non-joiner or joiner only
	// between two letters of a script it changes, as in Persian), no space
	// other than U+0020, no white space at either end, and is in Unicode
	// normal form C: with those it would display like another and not be
	// it.
	ID      string `json:"id"`
	Version string `json:"version"`
	Name    string `json:"name,omitzero"`
	// Currency is the currency of every amount in the plan and its
	// transactions.
	Currency money.Currency `json:"currency"`
	// Rounding and Places say how each payout line is rounded, once:
	// 0 ≤ Places ≤ Currency.Digits().
	Rounding money.RoundingMode `json:"rounding"`
	Places   int32              `json:"places"`
	// RecipientCap, if set, caps the sum of a recipient's lines in one
	// period across components.
	RecipientCap *decimal.Decimal `json:"recipient_cap,omitempty"`
	// Budget, if set, caps the sum of all lines of one period.
	Budget *decimal.Decimal `json:"budget,omitempty"`
	// DoubleCredit allows one recipient to hold both split and overlay
	// credit of one transaction (Transaction.Credits, or overlay credit to
	// the transaction's own recipient), and so to be paid for it twice:
	// by a component counting split credit and by an overlay component
	// (ComponentSpec.Overlay) of the same recipient kind. Without it such
	// a transaction is a *DataError (ErrCredit, ErrDuplicate). This is the
	// only sense in which the package calls a transaction "paid twice":
	// several components counting the same credit (a commission and a
	// SPIF on the same revenue) is the plan's design, not double credit.
	DoubleCredit bool `json:"double_credit,omitzero"`
	// Components are evaluated independently; at most MaxComponents.
	Components []ComponentSpec `json:"components"`
}

// ComponentSpec is one payout rule of a plan: who is eligible, what is
// measured, the schedule that turns the measure into a payout, modifiers,
// a floor and a cap, and who is paid.
//
// Components are effective-dated and versioned: the same ID may appear
// several times with different versions and non-overlapping effective
// ranges; a transaction counts for the version effective on its date, and
// each version makes its own line.
type ComponentSpec struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Name    string `json:"name,omitzero"`
	// EffectiveFrom is the first day the version applies; EffectiveUntil,
	// if set, the first day it no longer applies.
	EffectiveFrom  Date `json:"effective_from"`
	EffectiveUntil Date `json:"effective_until,omitzero"`
	// Recipient says whether the partner company or the rep is paid.
	Recipient   RecipientKind `json:"recipient"`
	Eligibility Eligibility   `json:"eligibility,omitzero"`
	Measure     MeasureKind   `json:"measure"`
	// Schedule turns the period measure into a payout (package tier). Its
	// bounds are in the measure's unit: plan currency, units, events or
	// percentage points of growth.
	Schedule  tier.Spec      `json:"schedule"`
	Modifiers []ModifierSpec `json:"modifiers,omitzero"`
	// Floor and Cap, if set, bound the line after modifiers; Cap must not
	// be negative.
	Floor *decimal.Decimal `json:"floor,omitempty"`
	Cap   *decimal.Decimal `json:"cap,omitempty"`
	// Budget, if set, funds each period of the component version from a
	// budget its lines never exceed (a SPIF's budget), shared at
	// exhaustion by the rule it names (see BudgetSpec).
	Budget *BudgetSpec `json:"budget,omitzero"`
	// ContractValue, on a recurring-revenue measure only, says how a
	// contract of several months counts (total, annualised, first-year or
	// monthly; see recurring.go); every recurring transaction then needs
	// Transaction.TermMonths. Absent, amounts count as booked.
	ContractValue ContractValue `json:"contract_value,omitzero"`
	// Overlay makes the component count overlay credit only
	// (Credit.Overlay): each overlay recipient's share of a transaction's
	// measure, additive to the split credit. Without it the component
	// counts split credit: the transaction's own recipient, or its split
	// credits of the component's recipient kind.
	Overlay bool `json:"overlay,omitzero"`
	// Team, if set, makes the component pay a pool or team (team.go):
	// the schedule, floor and cap apply to the members' summed measure
	// (each member's credit for the component; others' credit is not
	// counted), and the rounded award is shared among the members by the
	// team's rule with exact conservation (Group.Share), one line per
	// member. Members are of the component's recipient kind, at most
	// MaxSetEntries; a team component has no modifiers, no budget of its
	// own and no growth measure.
	Team *GroupSpec `json:"team,omitempty"`
	// Attainment, if set, evaluates the schedule at the recipient's
	// weighted multi-measure attainment in percentage points instead of
	// the measure (attainment.go): Σ w_i · min(m_i / q_i, cap_i) × 100,
	// weights summing to exactly 100 %, quotas fixed or facts. The
	// component's own measure still decides which recipients have a line.
	Attainment *AttainmentSpec `json:"attainment,omitzero"`
}

// Eligibility filters the transactions a component counts. Every non-empty
// list must contain the transaction's value (Certifications: the
// transaction's partner must hold all of them); an empty list accepts
// anything. Lists are sets: order does not matter and duplicates are
// rejected.
type Eligibility struct {
	PartnerTiers   []string `json:"partner_tiers,omitzero"`
	Certifications []string `json:"certifications,omitzero"`
	// AuthorisedOnly counts only sales inside the partner's authorised
	// territory (Transaction.Authorised).
	AuthorisedOnly bool      `json:"authorised_only,omitzero"`
	Territories    []string  `json:"territories,omitzero"`
	Categories     []string  `json:"categories,omitzero"`
	Segments       []string  `json:"segments,omitzero"`
	Motions        []Motion  `json:"motions,omitzero"`
	Billing        []Billing `json:"billing,omitzero"`
	// Events lists the qualifying event names (Transaction.Event).
	Events []string `json:"events,omitzero"`
}

// ModifierSpec adjusts a component's schedule payout. An Accelerator (at
// most one, listed first) uses Factor and an optional fixed Quota (else the
// recipient's Facts quota); a Multiplier uses Metric and Bands; a Gate uses
// either Metric and AtLeast, or Attainment and an optional fixed Quota
// (see gate.go's GateStep for what the trace records).
type ModifierSpec struct {
	Kind   ModifierKind     `json:"kind"`
	Metric string           `json:"metric,omitzero"`
	Bands  []Band           `json:"bands,omitzero"`
	Factor decimal.Decimal  `json:"factor,omitzero"`
	Quota  *decimal.Decimal `json:"quota,omitempty"`
	// AtLeast is a metric gate's minimum: the line is held back unless the
	// recipient's metric (Facts.Metrics) is at least AtLeast.
	AtLeast *decimal.Decimal `json:"at_least,omitempty"`
	// Attainment is an attainment gate's minimum share of quota ("80%"):
	// the line is held back unless the measure x ≥ Attainment × quota.
	Attainment *money.Rate `json:"attainment,omitempty"`
}

// Band is one band of a Multiplier: a metric value at or above From (and
// below the next band's From) multiplies the payout by Factor. A metric
// below the first band leaves the payout unchanged (factor 1).
type Band struct {
	From   decimal.Decimal `json:"from"`
	Factor decimal.Decimal `json:"factor"`
}

// Plan is a validated, immutable incentive plan. Get one from NewPlan or
// ParsePlan. The zero Plan is invalid (IsValid reports false).
type Plan struct {
	spec  PlanSpec
	hash  string
	comps []component
	// needMotion and needBilling report that a component filters on
	// Transaction.Motion or Transaction.Billing (or measures recurring
	// revenue, which reads Billing), so transactions must specify them.
	needMotion, needBilling bool
	// needTerm reports that a component values recurring contracts by
	// their term (ComponentSpec.ContractValue).
	needTerm bool
	// overlays has bit k set when a component paying RecipientKind k
	// counts overlay credit.
	overlays uint8
}

// component is the compiled form of one ComponentSpec.
type component struct {
	idx         int
	spec        ComponentSpec
	hash        string
	sched       tier.Schedule
	from, until time.Time // until zero: open
	tiers       setFilter
	certs       []string
	territories setFilter
	categories  setFilter
	segments    setFilter
	events      setFilter
	motions     uint8 // bit per Motion; 0 = any
	billing     uint8 // bit per Billing; 0 = any
	authorised  bool
	fast        tier.FixedSchedule // the int64 form of sched; invalid if it does not fit
	mods        []modifier
	floor, cap  num
	hasFloor    bool
	hasCap      bool
	scale       int32  // measure scale of the int64 accumulators
	enc         []byte // canonical encoding, only while NewPlan runs
	group       string // groupKey: components with equal keys share an accumulator
	budget      budget // the component's own budget, if any (spif.go)
	team        *Group // the component's team, if any (team.go)
}

type setFilter []string

func (s setFilter) ok(v string) bool {
	if len(s) == 0 {
		return true
	}
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// NewPlan validates spec and returns the plan. It first counts every
// list (components, tiers, modifiers, bands, eligibility entries): lists
// over their maximum are reported alone (ErrTooMany), before anything is
// copied. Otherwise every problem is reported at once: the error is an errors.Join of *PlanError values, each naming
// the JSON Pointer of the field ("/components/1/schedule/tiers/2/rate")
// and unwrapping to a sentinel (ErrInvalid, ErrTooMany, ErrSchedule, …;
// schedule errors also match package tier's sentinels). The plan keeps its
// own normalised copy of spec: decimals without trailing zeros, sets
// sorted.
func NewPlan(spec PlanSpec) (Plan, error) { return newPlan(spec, nil) }

// newPlan is NewPlan; has, if not nil, reports which members the plan
// document had (ParsePlan), so that an absent member is told from zero.
func newPlan(spec PlanSpec, has func(pointer string) bool) (Plan, error) {
	if err := countFirst(spec); err != nil {
		return Plan{}, err
	}
	spec = normalise(spec)
	v := validator{has: has}
	v.plan(spec)
	if err := errors.Join(v.errs...); err != nil {
		return Plan{}, err
	}
	p := Plan{spec: spec}
	for i, cs := range spec.Components {
		c, err := compile(i, cs, spec)
		if err != nil {
			return Plan{}, err
		}
		p.comps = append(p.comps, c)
		p.needMotion = p.needMotion || c.motions != 0
		p.needBilling = p.needBilling || c.billing != 0 || cs.Measure == RecurringRevenue
		p.needTerm = p.needTerm || c.contracted()
		if cs.Overlay && cs.Recipient.IsValid() {
			p.overlays |= 1 << cs.Recipient
		}
	}
	// The canonical encoding of the plan, assembled from the component
	// encodings already made for the component hashes: Components is the
	// last field, so the document ends with "components":[…]}.
	head := spec
	head.Components = []ComponentSpec{}
	enc, err := strictjson.Marshal(head)
	if err != nil || !bytes.HasSuffix(enc, []byte(`"components":[]}`)) {
		return Plan{}, &PlanError{Path: "", Err: fmt.Errorf("%w: canonical encoding failed: %v", ErrInvalid, err)}
	}
	enc = enc[: len(enc)-2 : len(enc)-2] // drop "]}", keep "["
	for i := range p.comps {
		if i > 0 {
			enc = append(enc, ',')
		}
		enc = append(enc, p.comps[i].enc...)
	}
	enc = append(enc, ']', '}')
	for i := range p.comps {
		p.comps[i].enc = nil
	}
	sum := sha256.Sum256(enc)
	p.hash = hex.EncodeToString(sum[:])
	return p, nil
}

// MustNewPlan is NewPlan that panics on error, for literals in tests and
// examples.
func MustNewPlan(spec PlanSpec) Plan {
	p, err := NewPlan(spec)
	if err != nil {
		panic(err)
	}
	return p
}

// ParsePlan decodes a plan document strictly and validates it. Unknown
// fields, duplicate or case-variant keys, null, JSON numbers where money
// or rates are expected, a bare non-zero rate ("1" instead of "1%":
// strictjson.ErrRateUnit, with a hint), documents over MaxPlanBytes or
// nested deeper than MaxPlanDepth fail with a *strictjson.Error naming the
// JSON Pointer; an absent member that moves money (places, a tier's from,
// rate, price or amount, a threshold, step or rate_places the mode uses,
// a band's from or factor) is a *PlanError at its pointer (ErrInvalid, or
// ErrSchedule and tier.ErrMissing); more than MaxComponents components or
// MaxTiers tiers, and every other invalid field, fail as NewPlan does.
func ParsePlan(data []byte) (Plan, error) {
	var spec PlanSpec
	// No list of a plan may be longer than MaxSetEntries (the largest of
	// the documented counts): a longer one is rejected before decoding.
	lim := strictjson.Limits{MaxBytes: MaxPlanBytes, MaxDepth: MaxPlanDepth, MaxElements: MaxSetEntries}
	if err := strictjson.Unmarshal(data, &spec, lim, strictjson.RatesWithUnit()); err != nil {
		var je *strictjson.Error
		if errors.As(err, &je) && errors.Is(err, strictjson.ErrTooLong) {
			return Plan{}, &PlanError{Path: je.Path, Err: &listError{err: je}}
		}
		return Plan{}, err
	}
	present, err := strictjson.Members(data, requiredMember)
	if err != nil {
		return Plan{}, err
	}
	return newPlan(spec, func(p string) bool { return present[p] })
}

// listError reports a list of a plan document longer than MaxSetEntries,
// found before decoding: it unwraps to ErrTooMany and the decoder's error.
type listError struct{ err error }

func (e *listError) Error() string {
	return fmt.Sprintf("%v: more than %d entries", ErrTooMany, MaxSetEntries)
}
func (e *listError) Unwrap() []error { return []error{ErrTooMany, e.err} }

// requiredMember reports whether the member at pointer p may be required
// (its name is one of those whose absence ParsePlan checks): the set of
// members Members keeps is bounded by the document, not by its nesting.
func requiredMember(p string) bool {
	switch p[strings.LastIndexByte(p, '/')+1:] {
	case "places", "from", "rate", "price", "amount", "threshold", "step", "rate_places", "factor", "weight":
		return true
	}
	return false
}

// MustParsePlan is ParsePlan that panics on error, for literals in tests
// and examples.
func MustParsePlan(data string) Plan {
	p, err := ParsePlan([]byte(data))
	if err != nil {
		panic(err)
	}
	return p
}

// IsValid reports whether p was built by NewPlan or ParsePlan.
func (p Plan) IsValid() bool { return p.hash != "" }

// ID returns the plan ID.
func (p Plan) ID() string { return p.spec.ID }

// Version returns the plan version.
func (p Plan) Version() string { return p.spec.Version }

// Currency returns the plan currency.
func (p Plan) Currency() money.Currency { return p.spec.Currency }

// Rounding returns the mode and places every line is rounded with.
func (p Plan) Rounding() (money.RoundingMode, int32) { return p.spec.Rounding, p.spec.Places }

// Hash returns the hex SHA-256 of the plan's canonical JSON encoding (the
// normalised spec as MarshalJSON writes it). Two plans with numerically
// equal fields and equal sets have the same hash.
func (p Plan) Hash() string { return p.hash }

// Spec returns a deep copy of the plan's normalised specification.
func (p Plan) Spec() PlanSpec { return cloneSpec(p.spec) }

// Equal reports whether p and q have the same content hash.
func (p Plan) Equal(q Plan) bool { return p.hash == q.hash }

// MarshalJSON returns the canonical encoding (the input of Hash).
func (p Plan) MarshalJSON() ([]byte, error) {
	if !p.IsValid() {
		return nil, fmt.Errorf("%w: zero plan", ErrInvalid)
	}
	return strictjson.Marshal(p.spec, strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParsePlan.
func (p *Plan) UnmarshalJSON(b []byte) error {
	q, err := ParsePlan(b)
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// ComponentHash returns the hex SHA-256 of the canonical encoding of the
// component with the given ID and version, and whether it exists.
func (p Plan) ComponentHash(id, version string) (string, bool) {
	for _, c := range p.comps {
		if c.spec.ID == id && c.spec.Version == version {
			return c.hash, true
		}
	}
	return "", false
}

// countFirst reports every list of spec longer than its documented
// maximum (components, tiers, modifiers, bands, eligibility entries)
// before anything is copied or normalised, so that a hostile spec costs
// no more than counting. The paths and messages are the validator's.
func countFirst(s PlanSpec) error {
	var v validator
	over := func(p string, n, limit int, what string) {
		if n > limit {
			v.add(p, strconv.Itoa(n), fmt.Errorf("%w: %d %s, at most %d", ErrTooMany, n, what, limit))
		}
	}
	over("/components", len(s.Components), MaxComponents, "components")
	if len(s.Components) > MaxComponents {
		return errors.Join(v.errs...)
	}
	for i, c := range s.Components {
		p := field.At("components", i)
		over(p+"/schedule/tiers", len(c.Schedule.Tiers), MaxTiers, "tiers")
		over(p+"/modifiers", len(c.Modifiers), MaxModifiers, "modifiers")
		for j, m := range c.Modifiers[:min(len(c.Modifiers), MaxModifiers)] {
			over(field.At("components", i, "modifiers", j, "bands"), len(m.Bands), MaxBands, "bands")
		}
		e := c.Eligibility
		for _, l := range [...]struct {
			name string
			n    int
		}{{"partner_tiers", len(e.PartnerTiers)}, {"certifications", len(e.Certifications)},
			{"territories", len(e.Territories)}, {"categories", len(e.Categories)}, {"segments", len(e.Segments)},
			{"events", len(e.Events)}, {"motions", len(e.Motions)}, {"billing", len(e.Billing)}} {
			over(p+"/eligibility/"+l.name, l.n, MaxSetEntries, "entries")
		}
	}
	return errors.Join(v.errs...)
}

// ---- normalisation ----

func canon(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return decimal.Decimal{}
	}
	if d.Exponent() >= 0 {
		return d
	}
	if d.NumDigits() <= 18 { // the same, without the text: c is exact
		c, e := d.CoefficientInt64(), d.Exponent()
		for e < 0 && c%10 == 0 {
			c, e = c/10, e+1
		}
		// The text below is longest, "0." and −e digits after a sign,
		// when c's digits all follow the point; it can only then be
		// longer than ParseDecimal reads (c has at most 18 digits).
		n := 2 - int(e)
		if c < 0 {
			n++
		}
		if n > money.MaxTextLen {
			return d
		}
		return decimal.New(c, e)
	}
	s := money.FormatDecimal(d, 0)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	v, err := money.ParseDecimal(s)
	if err != nil {
		return d
	}
	return v
}

func canonPtr(d *decimal.Decimal) *decimal.Decimal {
	if d == nil {
		return nil
	}
	v := canon(*d)
	return &v
}

func sortedStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

func sortedEnums[T ~uint8](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

func normalise(s PlanSpec) PlanSpec {
	s.RecipientCap = canonPtr(s.RecipientCap)
	s.Budget = canonPtr(s.Budget)
	comps := make([]ComponentSpec, len(s.Components))
	for i, c := range s.Components {
		e := c.Eligibility
		e.PartnerTiers = sortedStrings(e.PartnerTiers)
		e.Certifications = sortedStrings(e.Certifications)
		e.Territories = sortedStrings(e.Territories)
		e.Categories = sortedStrings(e.Categories)
		e.Segments = sortedStrings(e.Segments)
		e.Events = sortedStrings(e.Events)
		e.Motions = sortedEnums(e.Motions)
		e.Billing = sortedEnums(e.Billing)
		c.Eligibility = e
		sc := c.Schedule
		sc.Tiers = slices.Clone(sc.Tiers)
		for j := range sc.Tiers {
			t := &sc.Tiers[j]
			t.From = canon(t.From)
			t.Amount = canon(t.Amount)
			t.Price = canon(t.Price)
			t.Flat = canon(t.Flat)
			t.Rate = money.RateFromFraction(canon(t.Rate.Fraction()))
		}
		sc.Threshold = canon(sc.Threshold)
		sc.Step = canon(sc.Step)
		c.Schedule = sc
		if len(c.Modifiers) > 0 {
			mods := make([]ModifierSpec, len(c.Modifiers))
			for j, m := range c.Modifiers {
				m.Factor = canon(m.Factor)
				m.Quota = canonPtr(m.Quota)
				m.AtLeast = canonPtr(m.AtLeast)
				m.Attainment = canonRate(m.Attainment)
				if len(m.Bands) > 0 {
					bands := make([]Band, len(m.Bands))
					for k, b := range m.Bands {
						bands[k] = Band{From: canon(b.From), Factor: canon(b.Factor)}
					}
					m.Bands = bands
				} else {
					m.Bands = nil
				}
				mods[j] = m
			}
			c.Modifiers = mods
		} else {
			c.Modifiers = nil
		}
		c.Floor = canonPtr(c.Floor)
		c.Cap = canonPtr(c.Cap)
		c.Budget = canonBudget(c.Budget)
		c.Team = normaliseTeam(c.Team)
		c.Attainment = canonAttainment(c.Attainment)
		comps[i] = c
	}
	s.Components = comps
	return s
}

func clonePtr(d *decimal.Decimal) *decimal.Decimal {
	if d == nil {
		return nil
	}
	v := *d
	return &v
}

func cloneSpec(s PlanSpec) PlanSpec {
	s.RecipientCap = clonePtr(s.RecipientCap)
	s.Budget = clonePtr(s.Budget)
	s.Components = slices.Clone(s.Components)
	for i := range s.Components {
		s.Components[i] = cloneComponent(s.Components[i])
	}
	return s
}

func cloneComponent(c ComponentSpec) ComponentSpec {
	e := &c.Eligibility
	e.PartnerTiers = slices.Clone(e.PartnerTiers)
	e.Certifications = slices.Clone(e.Certifications)
	e.Territories = slices.Clone(e.Territories)
	e.Categories = slices.Clone(e.Categories)
	e.Segments = slices.Clone(e.Segments)
	e.Events = slices.Clone(e.Events)
	e.Motions = slices.Clone(e.Motions)
	e.Billing = slices.Clone(e.Billing)
	c.Schedule.Tiers = slices.Clone(c.Schedule.Tiers)
	c.Modifiers = slices.Clone(c.Modifiers)
	for j := range c.Modifiers {
		c.Modifiers[j].Bands = slices.Clone(c.Modifiers[j].Bands)
		c.Modifiers[j].Quota = clonePtr(c.Modifiers[j].Quota)
		c.Modifiers[j].AtLeast = clonePtr(c.Modifiers[j].AtLeast)
		c.Modifiers[j].Attainment = cloneRate(c.Modifiers[j].Attainment)
	}
	c.Floor = clonePtr(c.Floor)
	c.Cap = clonePtr(c.Cap)
	c.Budget = cloneBudget(c.Budget)
	c.Team = cloneTeam(c.Team)
	c.Attainment = cloneAttainment(c.Attainment)
	return c
}

// ---- validation ----

// validator collects the errors of a plan; has, if not nil, reports
// which members the plan document had.
type validator struct {
	errs []error
	has  func(pointer string) bool
}

// absent reports whether the plan came from a document without the
// member at path p.
func (v *validator) absent(p string) bool { return v.has != nil && !v.has(p) }

func (v *validator) add(path, value string, err error) {
	v.errs = append(v.errs, &PlanError{Path: path, Value: field.Truncate(value), Err: err})
}

// id checks an ID (textProblem), required or not.
func (v *validator) id(path, s string, required bool) { v.text(path, s, required, true) }

// name checks a display name, free text: its length, and no control,
// invalid or bidirectional formatting character (textProblem without the
// rules for IDs).
func (v *validator) name(path, s string) { v.text(path, s, false, false) }

func (v *validator) text(path, s string, required, isID bool) {
	if s == "" && required {
		v.add(path, "", fmt.Errorf("%w: required", ErrInvalid))
		return
	}
	if err := textProblem(s, isID); err != nil {
		v.add(path, s, fmt.Errorf("%w: %w", ErrInvalid, err))
	}
}

// textProblem returns why s cannot be an ID (isID) or a name, or nil: over
// MaxIDLen bytes, a control or invalid character, a bidirectional
// formatting character; for an ID also an invisible character (ignorable:
// a zero-width space, a soft hyphen, a byte-order mark, a variation
// selector), a space other than U+0020 (a no-break space, an ideographic
// space), white space at either end, or text not in Unicode normal form C
// ("Cafe" and a combining acute accent, for "Café"). With any of those an
// ID displays like another ID and is not it: "acme" and "acme" followed
// by a zero-width space would be two partners. A zero-width non-joiner or
// joiner between two letters of a script it changes (Arabic, Persian, the
// Indic scripts) is part of the word and fine. Look-alike letters of
// different scripts (a Cyrillic "а" for a Latin "a") are not refused.
func textProblem(s string, isID bool) error {
	if len(s) > MaxIDLen {
		return fmt.Errorf("longer than %d bytes", MaxIDLen)
	}
	return charProblem(s, isID)
}

// charProblem is textProblem but for the length.
func charProblem(s string, isID bool) error {
	if isID && s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return errors.New("white space at the start or end")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f { // ASCII text skips the rune loop
			return runeProblem(s, isID)
		}
	}
	return nil
}

// runeProblem is textProblem's check of each character of s.
func runeProblem(s string, isID bool) error {
	prev := rune(-1) // the character before r; −1 at the start
	for i, r := range s {
		switch {
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == utf8.RuneError: // C0, DEL, C1
			return errors.New("control or invalid character")
		case bidiControl(r):
			return fmt.Errorf("bidirectional control character %U (it changes how the text displays)", r)
		case !isID:
		case (r == zwnj || r == zwj) && joins(prev) && joins(nextRune(s[i+len(string(r)):])):
			// Between two letters of a script that joins them (Arabic,
			// Persian, the Indic scripts), a zero-width (non-)joiner
			// changes how they display: "می‌خواهم" is a word.
		case ignorable(r):
			return fmt.Errorf("invisible character %U (the ID would display like another)", r)
		case r != ' ' && unicode.IsSpace(r):
			return fmt.Errorf("space character %U other than U+0020 (the ID would display like another)", r)
		}
		prev = r
	}
	if isID && !norm.NFC.IsNormalString(s) {
		return errors.New("not in Unicode normal form C: written with other characters (a letter and a combining accent, say), the same text would be another ID")
	}
	return nil
}

// ignorable reports whether r displays as nothing, or formats the text
// around it: Unicode's default-ignorable characters (a zero-width space,
// a soft hyphen, a variation selector, a Hangul filler) and the other
// formatting characters (category Cf), but for the prepended
// concatenation marks, which are visible (the Arabic number sign).
func ignorable(r rune) bool {
	return r == 0x2800 || // BRAILLE PATTERN BLANK, which displays as a space
		unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) ||
		unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Prepended_Concatenation_Mark, r)
}

// The zero-width non-joiner and joiner.
const zwnj, zwj = '\u200c', '\u200d'

// joins reports whether r is a letter or mark of a script whose letters
// a zero-width (non-)joiner changes: the joining scripts (Arabic, Syriac,
// N'Ko, Mongolian) and the Brahmic ones. Between two Latin, Cyrillic or
// Han letters it changes nothing: "山" ZWJ "田" displays as "山田".
func joins(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsMark(r)) && unicode.In(r,
		unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian,
		unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya, unicode.Tamil, unicode.Telugu,
		unicode.Kannada, unicode.Malayalam, unicode.Sinhala, unicode.Tibetan, unicode.Myanmar, unicode.Khmer)
}

// nextRune returns the first character of s, −1 if s is empty.
func nextRune(s string) rune {
	if s == "" {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// bidiControl reports whether r is a Unicode bidirectional formatting
// character (embeddings, overrides, isolates and marks), with which an ID
// can display as another.
func bidiControl(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// inRange reports whether d has at most MaxDigits digits after the point
// and |d| < 10^MaxDigits (d is normalised: no trailing zeros).
func inRange(d decimal.Decimal) bool {
	if d.IsZero() {
		return true
	}
	exp, nd := int64(d.Exponent()), int64(d.NumDigits())
	return exp >= -MaxDigits && exp+nd <= MaxDigits
}

func (v *validator) dec(path string, d decimal.Decimal, nonNeg bool) bool {
	if !inRange(d) {
		v.add(path, money.FormatDecimal(d, 0), fmt.Errorf("%w: more than %d digits before or after the point", ErrInvalid, MaxDigits))
		return false
	}
	if nonNeg && d.Sign() < 0 {
		v.add(path, money.FormatDecimal(d, 0), fmt.Errorf("%w: negative", ErrInvalid))
		return false
	}
	return true
}

func (v *validator) plan(s PlanSpec) {
	v.id("/id", s.ID, true)
	v.id("/version", s.Version, true)
	v.name("/name", s.Name)
	if !s.Currency.IsValid() {
		v.add("/currency", "", fmt.Errorf("%w: required", ErrInvalid))
	}
	if !s.Rounding.IsValid() {
		v.add("/rounding", s.Rounding.String(), fmt.Errorf("%w: rounding mode required", ErrEnum))
	}
	if v.absent("/places") {
		v.add("/places", "", fmt.Errorf("%w: required (the number of digits each payout line is rounded to)", ErrInvalid))
	} else if s.Currency.IsValid() && (s.Places < 0 || s.Places > s.Currency.Digits()) {
		v.add("/places", strconv.Itoa(int(s.Places)), fmt.Errorf("%w: places must be in [0, %d] for %s", ErrInvalid, s.Currency.Digits(), s.Currency.Code()))
	}
	if s.RecipientCap != nil {
		v.dec("/recipient_cap", *s.RecipientCap, true)
	}
	if s.Budget != nil {
		v.dec("/budget", *s.Budget, true)
	}
	n := len(s.Components)
	switch {
	case n == 0:
		v.add("/components", "", fmt.Errorf("%w: at least one component required", ErrInvalid))
	case n > MaxComponents:
		v.add("/components", strconv.Itoa(n), fmt.Errorf("%w: %d components, at most %d", ErrTooMany, n, MaxComponents))
		return
	}
	for i, c := range s.Components {
		v.component(fmt.Sprintf("/components/%d", i), c)
		if c.Attainment != nil {
			v.attainment(fmt.Sprintf("/components/%d", i), c, s.Components)
		}
	}
	// (id, version) unique; versions of one ID do not overlap in time.
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			a, b := s.Components[j], s.Components[i]
			if a.ID != b.ID {
				continue
			}
			if a.Version == b.Version {
				v.add(fmt.Sprintf("/components/%d/version", i), b.Version, fmt.Errorf("%w: component %q version %q repeats /components/%d", ErrDuplicate, b.ID, b.Version, j))
				continue
			}
			if overlaps(a, b) {
				v.add(fmt.Sprintf("/components/%d/effective_from", i), b.EffectiveFrom.String(), fmt.Errorf("%w: effective range overlaps /components/%d (version %q)", ErrInvalid, j, a.Version))
			}
		}
	}
}

func overlaps(a, b ComponentSpec) bool {
	// [a.from, a.until) ∩ [b.from, b.until) ≠ ∅, a zero until is +∞.
	aBeforeB := !a.EffectiveUntil.IsZero() && !a.EffectiveUntil.Time().After(b.EffectiveFrom.Time())
	bBeforeA := !b.EffectiveUntil.IsZero() && !b.EffectiveUntil.Time().After(a.EffectiveFrom.Time())
	return !aBeforeB && !bBeforeA
}

func (v *validator) component(p string, c ComponentSpec) {
	v.id(p+"/id", c.ID, true)
	v.id(p+"/version", c.Version, true)
	v.name(p+"/name", c.Name)
	switch {
	case c.EffectiveFrom.IsZero():
		v.add(p+"/effective_from", "", fmt.Errorf("%w: required", ErrInvalid))
	case !c.EffectiveFrom.IsValid():
		v.add(p+"/effective_from", c.EffectiveFrom.String(), c.EffectiveFrom.rangeError())
	}
	if !c.EffectiveUntil.IsZero() && !c.EffectiveUntil.IsValid() {
		v.add(p+"/effective_until", c.EffectiveUntil.String(), c.EffectiveUntil.rangeError())
	} else if !c.EffectiveUntil.IsZero() && !c.EffectiveUntil.Time().After(c.EffectiveFrom.Time()) {
		v.add(p+"/effective_until", c.EffectiveUntil.String(), fmt.Errorf("%w: not after effective_from", ErrInvalid))
	}
	if !c.Recipient.IsValid() {
		v.add(p+"/recipient", c.Recipient.String(), fmt.Errorf("%w: recipient required", ErrEnum))
	}
	if !c.Measure.IsValid() {
		v.add(p+"/measure", c.Measure.String(), fmt.Errorf("%w: measure required", ErrEnum))
	}
	v.eligibility(p+"/eligibility", c.Eligibility)
	if n := len(c.Schedule.Tiers); n > MaxTiers {
		v.add(p+"/schedule/tiers", strconv.Itoa(n), fmt.Errorf("%w: %d tiers, at most %d", ErrTooMany, n, MaxTiers))
	} else {
		var missing error
		if v.has != nil {
			missing = c.Schedule.RequirePresent(func(q string) bool { return v.has(p + "/schedule" + q) })
		}
		_, err := tier.New(c.Schedule)
		if err := errors.Join(missing, err); err != nil {
			v.schedule(p+"/schedule", err)
		}
	}
	if c.Measure == GrowthPercent {
		for i, t := range c.Schedule.Tiers {
			if t.From.Exponent() < -GrowthPlaces {
				v.add(fmt.Sprintf("%s/schedule/tiers/%d/from", p, i), money.FormatDecimal(t.From, 0), fmt.Errorf("%w: growth-percent bounds have at most %d places", ErrInvalid, GrowthPlaces))
			}
		}
	}
	v.modifiers(p+"/modifiers", c.Modifiers)
	okF, okC := true, true
	if c.Floor != nil {
		okF = v.dec(p+"/floor", *c.Floor, false)
	}
	if c.Cap != nil {
		okC = v.dec(p+"/cap", *c.Cap, true)
	}
	if okF && okC && c.Floor != nil && c.Cap != nil && c.Floor.Cmp(*c.Cap) > 0 {
		v.add(p+"/floor", money.FormatDecimal(*c.Floor, 0), fmt.Errorf("%w: floor above cap %s", ErrInvalid, money.FormatDecimal(*c.Cap, 0)))
	}
	if c.Budget != nil {
		v.budget(p, c)
	}
	v.contractValue(p, c)
	if c.Team != nil {
		v.team(p, c)
	}
}

// schedule places tier's *SpecError paths ("/tiers/2/from") under p.
func (v *validator) schedule(p string, err error) {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var se *tier.SpecError
		if errors.As(e, &se) {
			v.add(p+se.Path, se.Value, fmt.Errorf("%w: %w", ErrSchedule, e))
			continue
		}
		v.add(p, "", fmt.Errorf("%w: %w", ErrSchedule, e))
	}
}

func (v *validator) set(p string, s []string) {
	if len(s) > MaxSetEntries {
		v.add(p, strconv.Itoa(len(s)), fmt.Errorf("%w: %d entries, at most %d", ErrTooMany, len(s), MaxSetEntries))
		return
	}
	for i, x := range s { // sorted by normalise
		v.id(fmt.Sprintf("%s/%d", p, i), x, true)
		if i > 0 && s[i-1] == x {
			v.add(fmt.Sprintf("%s/%d", p, i), x, fmt.Errorf("%w: listed twice", ErrDuplicate))
		}
	}
}

func enumSet[T interface {
	~uint8
	IsValid() bool
	String() string
}](v *validator, p string, s []T) {
	if len(s) > MaxSetEntries {
		v.add(p, strconv.Itoa(len(s)), fmt.Errorf("%w: %d entries, at most %d", ErrTooMany, len(s), MaxSetEntries))
		return
	}
	for i, x := range s {
		if !x.IsValid() {
			v.add(fmt.Sprintf("%s/%d", p, i), x.String(), ErrEnum)
		}
		if i > 0 && s[i-1] == x {
			v.add(fmt.Sprintf("%s/%d", p, i), x.String(), fmt.Errorf("%w: listed twice", ErrDuplicate))
		}
	}
}

func (v *validator) eligibility(p string, e Eligibility) {
	v.set(p+"/partner_tiers", e.PartnerTiers)
	v.set(p+"/certifications", e.Certifications)
	v.set(p+"/territories", e.Territories)
	v.set(p+"/categories", e.Categories)
	v.set(p+"/segments", e.Segments)
	v.set(p+"/events", e.Events)
	enumSet(v, p+"/motions", e.Motions)
	enumSet(v, p+"/billing", e.Billing)
}

func (v *validator) modifiers(p string, mods []ModifierSpec) {
	if len(mods) > MaxModifiers {
		v.add(p, strconv.Itoa(len(mods)), fmt.Errorf("%w: %d modifiers, at most %d", ErrTooMany, len(mods), MaxModifiers))
		return
	}
	for i, m := range mods {
		mp := fmt.Sprintf("%s/%d", p, i)
		switch m.Kind {
		case Accelerator:
			v.accelerator(mp, i, m)
		case Multiplier:
			v.multiplier(mp, m)
		case Gate:
			v.gate(mp, m)
		case ModifierUnspecified:
			v.add(mp+"/kind", m.Kind.String(), fmt.Errorf("%w: modifier kind required", ErrEnum))
		default:
			v.add(mp+"/kind", m.Kind.String(), ErrEnum)
		}
	}
}

// accelerator checks modifier i, an accelerator, at path mp.
func (v *validator) accelerator(mp string, i int, m ModifierSpec) {
	if i != 0 {
		v.add(mp+"/kind", m.Kind.String(), fmt.Errorf("%w: an accelerator must be the first modifier", ErrInvalid))
	}
	if v.dec(mp+"/factor", m.Factor, true) && m.Factor.IsZero() {
		v.add(mp+"/factor", "0", fmt.Errorf("%w: accelerator factor required", ErrInvalid))
	}
	if m.Quota != nil && v.dec(mp+"/quota", *m.Quota, true) && m.Quota.IsZero() {
		v.add(mp+"/quota", "0", fmt.Errorf("%w: quota must be positive", ErrInvalid))
	}
	if m.Metric != "" {
		v.add(mp+"/metric", m.Metric, fmt.Errorf("%w: an accelerator has no metric", ErrInvalid))
	}
	v.noGateFields(mp, m, "an accelerator")
	if len(m.Bands) > 0 {
		v.add(mp+"/bands", "", fmt.Errorf("%w: an accelerator has no bands", ErrInvalid))
	}
}

// multiplier checks a multiplier modifier at path mp.
func (v *validator) multiplier(mp string, m ModifierSpec) {
	v.id(mp+"/metric", m.Metric, true)
	if !m.Factor.IsZero() {
		v.add(mp+"/factor", money.FormatDecimal(m.Factor, 0), fmt.Errorf("%w: a multiplier's factors are in its bands", ErrInvalid))
	}
	if m.Quota != nil {
		v.add(mp+"/quota", "", fmt.Errorf("%w: a multiplier has no quota", ErrInvalid))
	}
	v.noGateFields(mp, m, "a multiplier")
	switch n := len(m.Bands); {
	case n == 0:
		v.add(mp+"/bands", "", fmt.Errorf("%w: at least one band required", ErrInvalid))
	case n > MaxBands:
		v.add(mp+"/bands", strconv.Itoa(n), fmt.Errorf("%w: %d bands, at most %d", ErrTooMany, n, MaxBands))
		return
	}
	for k, b := range m.Bands {
		bp := fmt.Sprintf("%s/bands/%d", mp, k)
		for _, m := range [...]string{"/from", "/factor"} {
			if v.absent(bp + m) {
				v.add(bp+m, "", fmt.Errorf("%w: required in every band", ErrInvalid))
			}
		}
		okFrom := v.dec(bp+"/from", b.From, false)
		v.dec(bp+"/factor", b.Factor, true)
		if k > 0 && okFrom && inRange(m.Bands[k-1].From) && b.From.Cmp(m.Bands[k-1].From) <= 0 {
			v.add(bp+"/from", money.FormatDecimal(b.From, 0), fmt.Errorf("%w: bands must ascend strictly", ErrInvalid))
		}
	}
}

// ---- compilation ----

func motionBits(ms []Motion) uint8 {
	var b uint8
	for _, m := range ms {
		b |= 1 << m
	}
	return b
}

func billingBits(bs []Billing) uint8 {
	var b uint8
	for _, x := range bs {
		b |= 1 << x
	}
	return b
}

func compile(i int, cs ComponentSpec, ps PlanSpec) (component, error) {
	sched, err := tier.New(cs.Schedule)
	if err != nil { // validated already
		return component{}, &PlanError{Path: fmt.Sprintf("/components/%d/schedule", i), Err: fmt.Errorf("%w: %w", ErrSchedule, err)}
	}
	enc, err := strictjson.Marshal(cs, strictjson.RatesWithUnit()) // a gate's attainment as "80%"
	if err != nil {
		return component{}, &PlanError{Path: fmt.Sprintf("/components/%d", i), Err: fmt.Errorf("%w: %v", ErrInvalid, err)}
	}
	sum := sha256.Sum256(enc)
	e := cs.Eligibility
	c := component{
		enc:         enc,
		idx:         i,
		spec:        cs,
		hash:        hex.EncodeToString(sum[:]),
		sched:       sched,
		from:        cs.EffectiveFrom.Time(),
		until:       cs.EffectiveUntil.Time(),
		tiers:       e.PartnerTiers,
		certs:       e.Certifications,
		territories: e.Territories,
		categories:  e.Categories,
		segments:    e.Segments,
		events:      e.Events,
		motions:     motionBits(e.Motions),
		billing:     billingBits(e.Billing),
		authorised:  e.AuthorisedOnly,
	}
	c.compileNum(ps)
	c.compileBudget(ps)
	c.compileTeam()
	return c, nil
}

// effective reports whether the component version applies at t.
func (c *component) effective(t time.Time) bool {
	if t.Before(c.from) {
		return false
	}
	return c.until.IsZero() || t.Before(c.until)
}

// eligible reports whether the transaction counts for the component
// (effective dating is checked separately). A qualifying event (Kind
// QualifyingEvent) counts only for EventCount measures: it must not open a revenue or
// units line (whose floor would then pay on no sales).
func (c *component) eligible(t *Transaction) bool {
	if t.Kind == QualifyingEvent && c.measureKind() != EventCount {
		return false // only event counts take qualifying events
	}
	if c.measureKind() == RecurringRevenue && t.Billing != Recurring {
		return false
	}
	if c.motions != 0 && c.motions&(1<<t.Motion) == 0 {
		return false
	}
	if c.billing != 0 && c.billing&(1<<t.Billing) == 0 {
		return false
	}
	if c.authorised && !t.Authorised {
		return false
	}
	if !c.tiers.ok(t.PartnerTier) || !c.territories.ok(t.Territory) || !c.categories.ok(t.Category) ||
		!c.segments.ok(t.Segment) {
		return false
	}
	if len(c.events) > 0 && !c.events.ok(t.Event) {
		return false
	}
	for _, need := range c.certs {
		if !slices.Contains(t.Certifications, need) {
			return false
		}
	}
	return true
}

func (c *component) measureKind() MeasureKind { return c.spec.Measure }

// unfiltered reports whether eligible accepts every transaction.
func (c *component) unfiltered() bool {
	return c.measureKind() != RecurringRevenue && c.motions == 0 && c.billing == 0 && !c.authorised &&
		len(c.tiers) == 0 && len(c.territories) == 0 && len(c.categories) == 0 && len(c.segments) == 0 &&
		len(c.events) == 0 && len(c.certs) == 0
}
