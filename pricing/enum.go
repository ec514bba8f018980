package pricing

import "github.com/partnerecon/partnerecon/internal/enum"

// Names of the enumerations, index 0 being the rejected zero value.
const (
	stackingNames     enum.Names = "unspecified additive compounding priority best-of capped-sum"
	discountKindNames enum.Names = "unspecified tier registration special-pricing promotion"
	floorKindNames    enum.Names = "unspecified none share-of-list margin"
	floorActionNames  enum.Names = "unspecified error clamp"
	reasonNames       enum.Names = "unspecified target-below-zero net-already-zero special-above-100 stack-above-100 above-cap priority breaks-floor floor-clamp"
)

// Labels of the enumerations in error messages.
const (
	stackingLabel     = "stacking"
	discountKindLabel = "discount kind"
	floorKindLabel    = "floor kind"
	floorActionLabel  = "floor action"
	reasonLabel       = "restore reason"
)

// EnumError reports text that names no value of an enumeration, or an
// attempt to encode the unspecified (or an out-of-range) value. It
// matches ErrEnum.
type EnumError struct {
	Type       string   // a human label, e.g. "stacking" or "floor kind"
	Input      string   // the rejected text (truncated) or "label(n)" for a value
	Valid      []string // the accepted names
	Suggestion string   // the nearest accepted name, or ""
}

// Error returns `pricing: unknown <type> "<input>" (valid: …; did you mean "…"?)`.
func (e *EnumError) Error() string {
	return enum.Message("pricing", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrEnum.
func (e *EnumError) Unwrap() error { return ErrEnum }

func enumError(label string, f enum.Failure) error {
	return &EnumError{Type: label, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

func marshalEnum(names enum.Names, label string, v uint8) ([]byte, error) {
	b, f := names.Marshal(label, v)
	if f.Failed {
		return nil, enumError(label, f)
	}
	return b, nil
}

func parseEnum(names enum.Names, label, text string) (uint8, error) {
	v, f := names.Parse(text)
	if f.Failed {
		return 0, enumError(label, f)
	}
	return v, nil
}

// Stacking is a named policy for combining the discounts of a price
// waterfall. The package documentation gives each policy's formula.
type Stacking uint8

// Stacking policies. d_i are the discount rates in waterfall order, L the
// list price.
const (
	// StackingUnspecified is the invalid zero Stacking.
	StackingUnspecified Stacking = iota
	// Additive takes every discount on list: net = L·(1 − Σ d_i).
	Additive
	// Compounding takes each discount on the running net:
	// net = L·Π(1 − d_i).
	Compounding
	// Priority applies only the applicable (non-zero) discount whose kind
	// comes first in the policy's priority order.
	Priority
	// BestOf applies only the single largest discount.
	BestOf
	// CappedSum is additive on list with Σ d_i capped at the policy's
	// cap: the discount that crosses the cap is cut to fit and later ones
	// are dropped.
	CappedSum
)

// String returns the policy's name, e.g. "capped-sum".
func (s Stacking) String() string { return stackingNames.String(stackingLabel, uint8(s)) }

// IsValid reports whether s is a named policy other than
// StackingUnspecified.
func (s Stacking) IsValid() bool { return stackingNames.IsValid(uint8(s)) }

// MarshalText returns the policy's name; StackingUnspecified fails.
func (s Stacking) MarshalText() ([]byte, error) {
	return marshalEnum(stackingNames, stackingLabel, uint8(s))
}

// UnmarshalText parses a name as written by MarshalText.
func (s *Stacking) UnmarshalText(b []byte) error {
	v, err := ParseStacking(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseStacking parses a stacking name: "additive", "compounding",
// "priority", "best-of" or "capped-sum". Anything else is an *EnumError.
func ParseStacking(s string) (Stacking, error) {
	v, err := parseEnum(stackingNames, stackingLabel, s)
	return Stacking(v), err
}

// DiscountKind is the kind of a discount; it fixes the discount's place
// in the waterfall: list → tier → registration → special pricing →
// promotion.
type DiscountKind uint8

// Discount kinds in waterfall order.
const (
	// DiscountKindUnspecified is the invalid zero DiscountKind.
	DiscountKindUnspecified DiscountKind = iota
	// TierDiscount is the partner's programme-tier discount ("tier").
	TierDiscount
	// RegistrationDiscount is the deal-registration discount of the
	// registered owner, or the reduced one a secondary registrant keeps
	// ("registration").
	RegistrationDiscount
	// SpecialPricing is a special-pricing (special bid) discount
	// ("special-pricing").
	SpecialPricing
	// Promotion is a promotional discount ("promotion").
	Promotion
)

// numKinds is the number of named discount kinds.
const numKinds = int(Promotion)

// String returns the kind's name, e.g. "special-pricing".
func (k DiscountKind) String() string {
	return discountKindNames.String(discountKindLabel, uint8(k))
}

// IsValid reports whether k is a named kind other than
// DiscountKindUnspecified.
func (k DiscountKind) IsValid() bool { return discountKindNames.IsValid(uint8(k)) }

// MarshalText returns the kind's name; DiscountKindUnspecified fails.
func (k DiscountKind) MarshalText() ([]byte, error) {
	return marshalEnum(discountKindNames, discountKindLabel, uint8(k))
}

// UnmarshalText parses a name as written by MarshalText.
func (k *DiscountKind) UnmarshalText(b []byte) error {
	v, err := ParseDiscountKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseDiscountKind parses a kind name: "tier", "registration",
// "special-pricing" or "promotion". Anything else is an *EnumError.
func ParseDiscountKind(s string) (DiscountKind, error) {
	v, err := parseEnum(discountKindNames, discountKindLabel, s)
	return DiscountKind(v), err
}

// FloorKind says what a price floor is measured against.
type FloorKind uint8

// Floor kinds. The zero FloorSpec (kind unspecified, nothing else set)
// means no floor, as NoFloor does.
const (
	// FloorUnspecified is the zero FloorKind; in the zero FloorSpec it
	// means no floor.
	FloorUnspecified FloorKind = iota
	// NoFloor declares explicitly that there is no floor ("none").
	NoFloor
	// FloorShareOfList requires net ≥ L·rate, e.g. never below 40 % of
	// list ("share-of-list").
	FloorShareOfList
	// FloorMargin requires the vendor's margin over cost, (net − cost)/net,
	// to be at least rate; equivalently net·(1 − rate) ≥ cost. The quote
	// needs the cost ("margin").
	FloorMargin
)

// String returns the kind's name, e.g. "share-of-list".
func (k FloorKind) String() string { return floorKindNames.String(floorKindLabel, uint8(k)) }

// IsValid reports whether k is a named kind other than FloorUnspecified.
func (k FloorKind) IsValid() bool { return floorKindNames.IsValid(uint8(k)) }

// MarshalText returns the kind's name; FloorUnspecified fails.
func (k FloorKind) MarshalText() ([]byte, error) {
	return marshalEnum(floorKindNames, floorKindLabel, uint8(k))
}

// UnmarshalText parses a name as written by MarshalText.
func (k *FloorKind) UnmarshalText(b []byte) error {
	v, err := ParseFloorKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseFloorKind parses a floor kind name: "none", "share-of-list" or
// "margin". Anything else is an *EnumError.
func ParseFloorKind(s string) (FloorKind, error) {
	v, err := parseEnum(floorKindNames, floorKindLabel, s)
	return FloorKind(v), err
}

// FloorAction says what happens when a quote falls below its floor.
type FloorAction uint8

// Floor actions.
const (
	// FloorActionUnspecified is the invalid zero FloorAction (required
	// with a share-of-list or margin floor).
	FloorActionUnspecified FloorAction = iota
	// FloorError fails the quote with a *BelowFloorError ("error").
	FloorError
	// FloorClamp raises the net to the floor and ends the waterfall with
	// a "floor" step of negative amount ("clamp").
	FloorClamp
)

// String returns the action's name, e.g. "clamp".
func (a FloorAction) String() string {
	return floorActionNames.String(floorActionLabel, uint8(a))
}

// IsValid reports whether a is a named action other than
// FloorActionUnspecified.
func (a FloorAction) IsValid() bool { return floorActionNames.IsValid(uint8(a)) }

// MarshalText returns the action's name; FloorActionUnspecified fails.
func (a FloorAction) MarshalText() ([]byte, error) {
	return marshalEnum(floorActionNames, floorActionLabel, uint8(a))
}

// UnmarshalText parses a name as written by MarshalText.
func (a *FloorAction) UnmarshalText(b []byte) error {
	v, err := ParseFloorAction(string(b))
	if err == nil {
		*a = v
	}
	return err
}

// ParseFloorAction parses a floor action name: "error" or "clamp".
// Anything else is an *EnumError.
func ParseFloorAction(s string) (FloorAction, error) {
	v, err := parseEnum(floorActionNames, floorActionLabel, s)
	return FloorAction(v), err
}

// RestoreReason says why no special-pricing discount restores a violated
// protection (Restore.Reason). Its String is the machine-readable name;
// Sentence the human explanation.
type RestoreReason uint8

// Restore reasons. The zero value accompanies a possible restore.
const (
	// ReasonUnspecified is the zero RestoreReason: restoring is possible.
	ReasonUnspecified RestoreReason = iota
	// ReasonTargetBelowZero: the lowest competitor net minus the minimum
	// advantage is below zero; no price reaches it.
	ReasonTargetBelowZero
	// ReasonNetAlreadyZero: the owner's other discounts already take the
	// net to zero. A guard: such an owner is never above a target that
	// can be reached, so ReasonTargetBelowZero comes first.
	ReasonNetAlreadyZero
	// ReasonSpecialAbove100: the special-pricing rate needed is above
	// 100 %. A guard: with a target of at least zero the formulas of
	// Protection.Check never ask for more than 100 %.
	ReasonSpecialAbove100
	// ReasonStackAbove100: under Additive, the owner's stack with the
	// needed special pricing, rounded up to RestorePlaces, would total more
	// than 100 % (possible when the owner's rates have more places).
	ReasonStackAbove100
	// ReasonAboveCap: under CappedSum, the needed total discount exceeds
	// the cap.
	ReasonAboveCap
	// ReasonPriority: under Priority, an applicable discount of the owner
	// (Restore.Blocking) has priority over special pricing.
	ReasonPriority
	// ReasonBreaksFloor: the restoring price is below the floor and the
	// floor action is FloorError.
	ReasonBreaksFloor
	// ReasonFloorClamp: the floor clamp keeps the owner's net above the
	// target.
	ReasonFloorClamp
)

// String returns the reason's name, e.g. "above-cap".
func (r RestoreReason) String() string { return reasonNames.String(reasonLabel, uint8(r)) }

// IsValid reports whether r is a named reason other than
// ReasonUnspecified.
func (r RestoreReason) IsValid() bool { return reasonNames.IsValid(uint8(r)) }

// Sentence returns the reason as a sentence for people, e.g. "the needed
// discount exceeds the cap"; "" for ReasonUnspecified.
func (r RestoreReason) Sentence() string {
	switch r {
	case ReasonTargetBelowZero:
		return "the competitor net minus the minimum advantage is below zero"
	case ReasonNetAlreadyZero:
		return "the owner's other discounts already take the net to zero"
	case ReasonSpecialAbove100:
		return "the special pricing needed is above 100%"
	case ReasonStackAbove100:
		return "the owner's stack would total more than 100%"
	case ReasonAboveCap:
		return "the needed discount exceeds the cap"
	case ReasonPriority:
		return "a discount with priority over special pricing applies"
	case ReasonBreaksFloor:
		return "the restoring price breaks the floor"
	case ReasonFloorClamp:
		return "the floor clamp keeps the owner's net above the target"
	case ReasonUnspecified:
		return ""
	default:
		return r.String()
	}
}

// MarshalText returns the reason's name; ReasonUnspecified fails.
func (r RestoreReason) MarshalText() ([]byte, error) {
	return marshalEnum(reasonNames, reasonLabel, uint8(r))
}

// UnmarshalText parses a name as written by MarshalText.
func (r *RestoreReason) UnmarshalText(b []byte) error {
	v, err := ParseRestoreReason(string(b))
	if err == nil {
		*r = v
	}
	return err
}

// ParseRestoreReason parses a reason name such as "above-cap". Anything
// else is an *EnumError.
func ParseRestoreReason(s string) (RestoreReason, error) {
	v, err := parseEnum(reasonNames, reasonLabel, s)
	return RestoreReason(v), err
}
