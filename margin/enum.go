package margin

import "github.com/partnerecon/partnerecon/internal/enum"

// Names of the enumerations, index 0 being the rejected zero value.
const (
	leverNames       enum.Names = "unspecified front-end back-end offsets services cost-to-serve"
	itemKindNames    enum.Names = "unspecified discount street rebate incentive spif mdf marketing offset services cost"
	compositionNames enum.Names = "unspecified additive compounding"
	guardNames       enum.Names = "unspecified none min-margin max-margin"
)

// Labels of the enumerations in error messages.
const (
	leverLabel       = "lever"
	itemKindLabel    = "item kind"
	compositionLabel = "composition"
	guardLabel       = "guard"
)

func marshalEnum(names enum.Names, label string, v uint8) ([]byte, error) {
	b, f := names.Marshal(label, v)
	if f.Failed {
		return nil, enumErr(label, f)
	}
	return b, nil
}

func parseEnum(names enum.Names, label, text string) (uint8, error) {
	v, f := names.Parse(text)
	if f.Failed {
		return 0, enumErr(label, f)
	}
	return v, nil
}

func enumErr(label string, f enum.Failure) error {
	return &EnumError{Type: label, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

// Lever is one of the ways a programme makes a partner money (or costs
// it), the unit in which a P&L reports its shares of profit.
type Lever uint8

// Levers, in the order a P&L reports them.
const (
	// LeverUnspecified is the invalid zero Lever.
	LeverUnspecified Lever = iota
	// FrontEnd is the resale margin: sell price − buy price, made of the
	// waterfall's discounts and the street price's distance from list.
	FrontEnd
	// BackEnd is what the vendor pays after the resale: rebates, incentives
	// and SPIFs.
	BackEnd
	// Offsets are costs the vendor takes off the partner: MDF and co-op
	// reimbursements, free or reimbursed training, certification and
	// not-for-resale licences, valued as declared.
	Offsets
	// Services is the margin on services attached to the product (the
	// blades to the product's razor).
	Services
	// CostToServe is what selling and serving the deal costs the partner,
	// marketing spend included (negative).
	CostToServe
)

// numLevers is the number of named levers.
const numLevers = int(CostToServe)

// String returns the lever's name, e.g. "front-end".
func (l Lever) String() string { return leverNames.String(leverLabel, uint8(l)) }

// IsValid reports whether l is a named lever other than LeverUnspecified.
func (l Lever) IsValid() bool { return leverNames.IsValid(uint8(l)) }

// MarshalText returns the lever's name; an invalid lever fails with an
// *EnumError.
func (l Lever) MarshalText() ([]byte, error) { return marshalEnum(leverNames, leverLabel, uint8(l)) }

// UnmarshalText parses a name as written by MarshalText (see ParseLever).
// On error l is unchanged.
func (l *Lever) UnmarshalText(b []byte) error {
	v, err := ParseLever(string(b))
	if err == nil {
		*l = v
	}
	return err
}

// ParseLever parses "front-end", "back-end", "offsets", "services" or
// "cost-to-serve"; anything else is an *EnumError listing the valid names.
func ParseLever(s string) (Lever, error) {
	v, err := parseEnum(leverNames, leverLabel, s)
	return Lever(v), err
}

// ItemKind says what a line of a P&L is; each kind belongs to one Lever
// (ItemKind.Lever).
type ItemKind uint8

// Item kinds.
const (
	// ItemKindUnspecified is the invalid zero ItemKind.
	ItemKindUnspecified ItemKind = iota
	// DiscountStep is one step of the buy-price waterfall (a tier,
	// registration, special-pricing or promotion discount, or a floor
	// that takes some back): front-end.
	DiscountStep
	// Street is the sell price's distance from list (street discount and
	// brand premium; usually negative): front-end.
	Street
	// Rebate is a back-end rebate (volume, satisfaction, territory).
	Rebate
	// Incentive is another back-end incentive (growth, performance).
	Incentive
	// SPIF is a resales performance incentive fund payment: back-end.
	SPIF
	// MDF is a market development fund or co-op reimbursement: offsets.
	MDF
	// Marketing is the partner's spend on a funded activity, of which MDF
	// reimburses a share: cost to serve (negative).
	Marketing
	// Offset is a declared cost offset (training, certification,
	// not-for-resale licences): offsets.
	Offset
	// ServicesMargin is the margin on attached services: services.
	ServicesMargin
	// Cost is a cost to serve (presales, support, logistics): negative.
	Cost
)

// String returns the kind's name, e.g. "rebate".
func (k ItemKind) String() string { return itemKindNames.String(itemKindLabel, uint8(k)) }

// IsValid reports whether k is a named kind other than
// ItemKindUnspecified.
func (k ItemKind) IsValid() bool { return itemKindNames.IsValid(uint8(k)) }

// MarshalText returns the kind's name; an invalid kind fails with an
// *EnumError.
func (k ItemKind) MarshalText() ([]byte, error) {
	return marshalEnum(itemKindNames, itemKindLabel, uint8(k))
}

// UnmarshalText parses a name as written by MarshalText (see
// ParseItemKind). On error k is unchanged.
func (k *ItemKind) UnmarshalText(b []byte) error {
	v, err := ParseItemKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseItemKind parses "discount", "street", "rebate", "incentive",
// "spif", "mdf", "marketing", "offset", "services" or "cost"; anything
// else is an *EnumError listing the valid names.
func ParseItemKind(s string) (ItemKind, error) {
	v, err := parseEnum(itemKindNames, itemKindLabel, s)
	return ItemKind(v), err
}

// Lever returns the lever the kind belongs to (LeverUnspecified for an
// invalid kind).
func (k ItemKind) Lever() Lever {
	switch k {
	case DiscountStep, Street:
		return FrontEnd
	case Rebate, Incentive, SPIF:
		return BackEnd
	case MDF, Offset:
		return Offsets
	case ServicesMargin:
		return Services
	case Marketing, Cost:
		return CostToServe
	case ItemKindUnspecified:
		return LeverUnspecified
	default:
		return LeverUnspecified
	}
}

// Composition says how several margins or markups combine on one base.
type Composition uint8

// Compositions.
const (
	// CompositionUnspecified is the invalid zero Composition.
	CompositionUnspecified Composition = iota
	// AddRates adds the rates and applies the sum once ("additive").
	AddRates
	// ChainRates applies each rate on the result of the previous one
	// (each layer of a distribution chain takes its margin on its own
	// sell price).
	ChainRates
)

// String returns the composition's name, e.g. "compounding".
func (c Composition) String() string { return compositionNames.String(compositionLabel, uint8(c)) }

// IsValid reports whether c is a named composition other than
// CompositionUnspecified.
func (c Composition) IsValid() bool { return compositionNames.IsValid(uint8(c)) }

// MarshalText returns the composition's name; an invalid one fails with
// an *EnumError.
func (c Composition) MarshalText() ([]byte, error) {
	return marshalEnum(compositionNames, compositionLabel, uint8(c))
}

// UnmarshalText parses a name as written by MarshalText (see
// ParseComposition). On error c is unchanged.
func (c *Composition) UnmarshalText(b []byte) error {
	v, err := ParseComposition(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// ParseComposition parses "additive" or "compounding"; anything else is
// an *EnumError listing the valid names.
func ParseComposition(s string) (Composition, error) {
	v, err := parseEnum(compositionNames, compositionLabel, s)
	return Composition(v), err
}

// Guard says which margin guard, if any, moved a cost-plus price.
type Guard uint8

// Guards.
const (
	// GuardUnspecified is the invalid zero Guard; no result carries it.
	GuardUnspecified Guard = iota
	// NoGuard: the cost-plus price met both guards.
	NoGuard
	// MinMarginGuard: the price was raised to the minimum margin.
	MinMarginGuard
	// MaxMarginGuard: the price was lowered to the maximum margin.
	MaxMarginGuard
)

// String returns the guard's name: "none", "min-margin" or "max-margin".
func (g Guard) String() string { return guardNames.String(guardLabel, uint8(g)) }

// IsValid reports whether g is a named guard other than GuardUnspecified.
func (g Guard) IsValid() bool { return guardNames.IsValid(uint8(g)) }

// MarshalText returns the guard's name; an invalid one fails with an
// *EnumError.
func (g Guard) MarshalText() ([]byte, error) { return marshalEnum(guardNames, guardLabel, uint8(g)) }

// UnmarshalText parses a name as written by MarshalText (see ParseGuard).
// On error g is unchanged.
func (g *Guard) UnmarshalText(b []byte) error {
	v, err := ParseGuard(string(b))
	if err == nil {
		*g = v
	}
	return err
}

// ParseGuard parses "none", "min-margin" or "max-margin"; anything else
// is an *EnumError listing the valid names.
func ParseGuard(s string) (Guard, error) {
	v, err := parseEnum(guardNames, guardLabel, s)
	return Guard(v), err
}

// Knob is a lever of a resale that Sensitivity changes and BreakEven
// solves for.
type Knob uint8

// Knobs.
const (
	// KnobUnspecified is the invalid zero Knob.
	KnobUnspecified Knob = iota
	// KnobDiscount is the rate of one named discount of the waterfall.
	KnobDiscount
	// KnobEarningRate is the rate of one named earning (a rebate,
	// incentive or SPIF given as a rate of the buy price).
	KnobEarningRate
	// KnobVendorShare is the vendor's share of one named funded activity.
	KnobVendorShare
	// KnobAttachRatio is the services attach ratio.
	KnobAttachRatio
	// KnobBrandPremium is the brand premium on the street price.
	KnobBrandPremium
)

const knobNames enum.Names = "unspecified discount earning-rate vendor-share attach-ratio brand-premium"

const knobLabel = "knob"

// String returns the knob's name, e.g. "attach-ratio".
func (k Knob) String() string { return knobNames.String(knobLabel, uint8(k)) }

// IsValid reports whether k is a named knob other than KnobUnspecified.
func (k Knob) IsValid() bool { return knobNames.IsValid(uint8(k)) }

// MarshalText returns the knob's name; an invalid one fails with an
// *EnumError.
func (k Knob) MarshalText() ([]byte, error) { return marshalEnum(knobNames, knobLabel, uint8(k)) }

// UnmarshalText parses a name as written by MarshalText (see ParseKnob).
// On error k is unchanged.
func (k *Knob) UnmarshalText(b []byte) error {
	v, err := ParseKnob(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseKnob parses "discount", "earning-rate", "vendor-share",
// "attach-ratio" or "brand-premium"; anything else is an *EnumError
// listing the valid names.
func ParseKnob(s string) (Knob, error) {
	v, err := parseEnum(knobNames, knobLabel, s)
	return Knob(v), err
}

// SolveMethod says how a break-even was solved.
type SolveMethod uint8

// Methods.
const (
	// SolveMethodUnspecified is the invalid zero SolveMethod; no result carries it.
	SolveMethodUnspecified SolveMethod = iota
	// Exact: the profit is linear in the knob, and the break-even is the
	// exact quotient.
	Exact
	// Bisection: the profit is not linear in the knob (a waterfall, a
	// cap, a rounded street price); the break-even is bracketed to the
	// declared precision.
	Bisection
)

const methodNames enum.Names = "unspecified exact bisection"

const methodLabel = "method"

// String returns "exact" or "bisection".
func (m SolveMethod) String() string { return methodNames.String(methodLabel, uint8(m)) }

// IsValid reports whether m is a named method other than
// SolveMethodUnspecified.
func (m SolveMethod) IsValid() bool { return methodNames.IsValid(uint8(m)) }

// MarshalText returns the method's name; an invalid one fails with an
// *EnumError.
func (m SolveMethod) MarshalText() ([]byte, error) {
	return marshalEnum(methodNames, methodLabel, uint8(m))
}

// UnmarshalText parses a name as written by MarshalText (see
// ParseSolveMethod). On error m is unchanged.
func (m *SolveMethod) UnmarshalText(b []byte) error {
	v, err := ParseSolveMethod(string(b))
	if err == nil {
		*m = v
	}
	return err
}

// ParseSolveMethod parses "exact" or "bisection"; anything else is an
// *EnumError listing the valid names.
func ParseSolveMethod(s string) (SolveMethod, error) {
	v, err := parseEnum(methodNames, methodLabel, s)
	return SolveMethod(v), err
}
