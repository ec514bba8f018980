package pricing

import (
	"errors"
	"fmt"
	"slices"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Documented limits of the documents ParsePolicy and ParseProtection read.
const (
	// MaxDocumentBytes is the largest policy or protection document.
	MaxDocumentBytes = 64 << 10
	// MaxDocumentDepth is the deepest nesting of objects and arrays in a
	// document (the deepest legal member, /pricing/floor/rate of a
	// protection document, has depth 3).
	MaxDocumentDepth = 8
)

// PolicySpec is the open, declarative form of a pricing policy, as a host
// stores it in JSON: how the discounts of a waterfall stack, the floor
// under the net, and how the net is rounded. NewPolicy validates it into a
// Policy.
//
// Members a policy does not use must be absent: Cap only under CappedSum,
// Priority only under Priority, a floor rate and action only with a
// share-of-list or margin floor. Members that move money are never
// defaulted: a missing cap or floor rate is an error, not zero.
type PolicySpec struct {
	// Stacking says how discounts combine. Required.
	Stacking Stacking `json:"stacking"`
	// Cap is the largest total discount under CappedSum, in [0, 1];
	// required there, absent otherwise.
	Cap *money.Rate `json:"cap,omitempty"`
	// Priority orders the discount kinds for the Priority policy, highest
	// priority first: each of the four kinds exactly once. Required under
	// Priority, absent otherwise.
	Priority []DiscountKind `json:"priority,omitzero"`
	// Floor is a lower bound on the net price; the zero FloorSpec (or an
	// absent "floor" member) means no floor.
	Floor FloorSpec `json:"floor,omitzero"`
	// Rounding rounds the net, once, to the currency's minor unit.
	// Required.
	Rounding money.RoundingMode `json:"rounding"`
}

// FloorSpec is a lower bound on the net price. The zero FloorSpec means
// no floor, as Kind NoFloor does; a share-of-list or margin floor needs
// Rate and Action.
type FloorSpec struct {
	Kind FloorKind `json:"kind"`
	// Rate is the share of list (FloorShareOfList, in [0, 1]) or the
	// margin (FloorMargin, in [0, 1)).
	Rate   *money.Rate `json:"rate,omitempty"`
	Action FloorAction `json:"action,omitzero"`
}

// IsZero reports whether f is the zero FloorSpec, which means no floor.
func (f FloorSpec) IsZero() bool {
	return f.Kind == FloorUnspecified && f.Rate == nil && f.Action == FloorActionUnspecified
}

// Equal reports whether two floors are the same (rates compared
// numerically).
func (f FloorSpec) Equal(o FloorSpec) bool {
	return f.Kind == o.Kind && f.Action == o.Action && ratePtrEqual(f.Rate, o.Rate)
}

// Equal reports whether two specifications are the same (rates compared
// numerically).
func (s PolicySpec) Equal(o PolicySpec) bool {
	return s.Stacking == o.Stacking && ratePtrEqual(s.Cap, o.Cap) && slices.Equal(s.Priority, o.Priority) &&
		s.Floor.Equal(o.Floor) && s.Rounding == o.Rounding
}

func ratePtrEqual(a, b *money.Rate) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func (s PolicySpec) clone() PolicySpec {
	s.Cap = clonePtr(s.Cap)
	s.Priority = slices.Clone(s.Priority)
	s.Floor.Rate = clonePtr(s.Floor.Rate)
	return s
}

// Policy is a validated, immutable pricing policy. Get one from NewPolicy
// or ParsePolicy; the zero Policy is invalid and quotes nothing. A Policy
// is evaluated many times without being checked again.
type Policy struct {
	spec      PolicySpec
	valid     bool
	cap       money.Rate
	rank      [numKinds + 1]int // Priority: position of each kind, 0 first
	floor     FloorKind         // NoFloor, FloorShareOfList or FloorMargin
	floorRate money.Rate
	action    FloorAction
}

// NewPolicy validates spec and returns the policy. Every problem is
// reported at once, as errors.Join of *PolicyError values naming the JSON
// Pointer of each member ("/cap", "/floor/rate") and matching ErrMissing,
// ErrInvalid, ErrEnum or ErrDuplicate.
func NewPolicy(spec PolicySpec) (Policy, error) {
	var c checker
	c.policy("", spec)
	if err := errors.Join(c.errs...); err != nil {
		return Policy{}, err
	}
	return compilePolicy(spec), nil
}

// compilePolicy builds the policy from a validated spec.
func compilePolicy(spec PolicySpec) Policy {
	p := Policy{spec: spec.clone(), valid: true, floor: NoFloor}
	if spec.Cap != nil {
		p.cap = *spec.Cap
	}
	for i, k := range spec.Priority {
		p.rank[k] = i
	}
	if f := spec.Floor; f.Kind == FloorShareOfList || f.Kind == FloorMargin {
		p.floor, p.floorRate, p.action = f.Kind, *f.Rate, f.Action
	}
	return p
}

// ParsePolicy decodes a policy document strictly and validates it as
// NewPolicy does. Unknown or case-variant duplicate members, null, JSON
// numbers for rates, a bare non-zero rate ("0.15" instead of "15%":
// strictjson.ErrRateUnit, with a hint), documents over MaxDocumentBytes or nested deeper than
// MaxDocumentDepth fail with a *PolicyError at the offending JSON Pointer
// that also matches the strictjson sentinel (strictjson.ErrUnknownField,
// …) and its cause (an *EnumError for an unknown name).
func ParsePolicy(data []byte) (Policy, error) {
	var spec PolicySpec
	if err := decode(data, &spec); err != nil {
		return Policy{}, err
	}
	return NewPolicy(spec)
}

func decode(data []byte, v any) error {
	err := strictjson.Unmarshal(data, v, strictjson.Limits{MaxBytes: MaxDocumentBytes, MaxDepth: MaxDocumentDepth}, strictjson.RatesWithUnit())
	if err != nil {
		return documentError(err)
	}
	return nil
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

// IsValid reports whether p was built by NewPolicy or ParsePolicy.
func (p Policy) IsValid() bool { return p.valid }

// Spec returns a deep copy of the specification p was built from.
func (p Policy) Spec() PolicySpec { return p.spec.clone() }

// Stacking returns the stacking policy.
func (p Policy) Stacking() Stacking { return p.spec.Stacking }

// Rounding returns the mode the net is rounded with.
func (p Policy) Rounding() money.RoundingMode { return p.spec.Rounding }

// Floor returns the floor's kind (NoFloor when there is none), rate and
// action.
func (p Policy) Floor() (FloorKind, money.Rate, FloorAction) {
	if !p.valid {
		return FloorUnspecified, money.Rate{}, FloorActionUnspecified
	}
	return p.floor, p.floorRate, p.action
}

// NeedsCost reports whether quotes need the vendor's cost: true exactly
// for a margin floor (use QuoteWithCost).
func (p Policy) NeedsCost() bool { return p.valid && p.floor == FloorMargin }

// Equal reports whether two policies have the same specification (rates
// compared numerically).
func (p Policy) Equal(o Policy) bool { return p.valid == o.valid && p.spec.Equal(o.spec) }

// MarshalJSON encodes the specification in the form ParsePolicy reads,
// rates as percentages ("15%"). The zero Policy fails.
func (p Policy) MarshalJSON() ([]byte, error) {
	if !p.valid {
		return nil, zeroPolicy()
	}
	return strictjson.Marshal(p.spec, strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParsePolicy.
func (p *Policy) UnmarshalJSON(b []byte) error {
	q, err := ParsePolicy(b)
	if err == nil {
		*p = q
	}
	return err
}

func zeroPolicy() error {
	return &PolicyError{Err: wrap(ErrInvalid, "the zero Policy (use NewPolicy or ParsePolicy)")}
}

// checker collects the errors of a specification.
type checker struct{ errs []error }

func (c *checker) add(path, value string, err error) {
	c.errs = append(c.errs, &PolicyError{Path: path, Value: field.Truncate(value), Err: err})
}

// rate checks a rate: inside the operating range and in [0, 1] (in
// [0, 1) when open).
func (c *checker) rate(path string, r money.Rate, open bool) {
	if err := money.CheckRange(path, r.Fraction()); err != nil {
		c.add(path, "", fmt.Errorf("%w: %w", ErrInvalid, err))
		return
	}
	one := money.MustRate("1")
	switch {
	case r.Sign() < 0 || r.Cmp(one) > 0:
		c.add(path, r.FormatFraction(), wrap(ErrInvalid, "must be in [0, 1]"))
	case open && r.Cmp(one) == 0:
		c.add(path, r.FormatFraction(), wrap(ErrInvalid, "a margin must be below 1"))
	}
}

// unused reports a member set although the policy does not use it.
func (c *checker) unused(path, why string) {
	c.add(path, "", wrap(ErrInvalid, "set, but %s", why))
}

// policy checks spec, its paths prefixed with prefix.
func (c *checker) policy(prefix string, s PolicySpec) {
	switch {
	case s.Stacking == StackingUnspecified:
		c.add(prefix+"/stacking", "", ErrMissing)
	case !s.Stacking.IsValid():
		_, err := s.Stacking.MarshalText()
		c.add(prefix+"/stacking", "", err)
	}
	switch {
	case s.Stacking == CappedSum && s.Cap == nil:
		c.add(prefix+"/cap", "", wrap(ErrMissing, "capped-sum needs a cap"))
	case s.Stacking == CappedSum:
		c.rate(prefix+"/cap", *s.Cap, false)
	case s.Cap != nil:
		c.unused(prefix+"/cap", "only capped-sum uses a cap")
	}
	switch {
	case s.Stacking == Priority:
		c.priority(prefix+"/priority", s.Priority)
	case len(s.Priority) > 0:
		c.unused(prefix+"/priority", "only priority stacking uses an order")
	}
	c.floor(prefix+"/floor", s.Floor)
	switch {
	case s.Rounding == money.RoundingUnspecified:
		c.add(prefix+"/rounding", "", ErrMissing)
	case !s.Rounding.IsValid():
		c.add(prefix+"/rounding", s.Rounding.String(), wrap(ErrInvalid, "not a rounding mode"))
	}
}

func (c *checker) priority(path string, order []DiscountKind) {
	if len(order) == 0 {
		c.add(path, "", wrap(ErrMissing, "priority stacking needs the order of the discount kinds"))
		return
	}
	var seen [numKinds + 1]bool
	entryErr := false
	for i, k := range order {
		p := field.Path(path).Index(i).String()
		switch {
		case !k.IsValid():
			_, err := k.MarshalText()
			c.add(p, "", err)
			entryErr = true
		case seen[k]:
			c.add(p, k.String(), wrap(ErrDuplicate, "kind listed twice"))
			entryErr = true
		default:
			seen[k] = true
		}
	}
	if !entryErr && len(order) != numKinds {
		c.add(path, "", wrap(ErrInvalid, "must list each of the %d discount kinds once, got %d", numKinds, len(order)))
	}
}

func (c *checker) floor(path string, f FloorSpec) {
	switch f.Kind {
	case FloorUnspecified:
		if !f.IsZero() {
			c.add(path+"/kind", "", wrap(ErrMissing, "a floor with a rate or action needs a kind"))
		}
		return
	case NoFloor:
		if f.Rate != nil {
			c.unused(path+"/rate", "there is no floor")
		}
		if f.Action != FloorActionUnspecified {
			c.unused(path+"/action", "there is no floor")
		}
		return
	case FloorShareOfList, FloorMargin:
	default:
		_, err := f.Kind.MarshalText()
		c.add(path+"/kind", "", err)
		return
	}
	if f.Rate == nil {
		c.add(path+"/rate", "", wrap(ErrMissing, "a %s floor needs a rate", f.Kind))
	} else {
		c.rate(path+"/rate", *f.Rate, f.Kind == FloorMargin)
	}
	switch {
	case f.Action == FloorActionUnspecified:
		c.add(path+"/action", "", wrap(ErrMissing, "a %s floor needs an action", f.Kind))
	case !f.Action.IsValid():
		_, err := f.Action.MarshalText()
		c.add(path+"/action", "", err)
	}
}
