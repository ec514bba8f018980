package attribution

import "github.com/partnerecon/partnerecon/internal/enum"

// Method is an attribution method.
type Method uint8

// Methods. The zero value is MethodUnspecified.
const (
	// MethodUnspecified is the zero value; a rule rejects it.
	MethodUnspecified Method = iota
	// FirstTouch gives each conversion to its journey's first touch.
	FirstTouch
	// LastTouch gives each conversion to its journey's last touch.
	LastTouch
	// Linear splits each conversion equally over its journey's touches.
	Linear
	// PositionBased gives declared shares to the first touch, the last
	// touch and the touches between (e.g. 40/20/40).
	PositionBased
	// TimeDecay weighs each touch by 2^(−Δt/h), Δt before the conversion
	// and h the half-life.
	TimeDecay
	// Markov credits each channel by its removal effect in an absorbing
	// Markov chain of order k fitted to all journeys.
	Markov
	// Shapley credits each channel by its Shapley value in a declared
	// coalition game.
	Shapley
)

const methodNames enum.Names = "unspecified first-touch last-touch linear position-based time-decay markov shapley"

// String returns the method's name ("first-touch", …, "shapley") or
// "unspecified".
func (m Method) String() string { return methodNames.String("method", uint8(m)) }

// IsValid reports whether m is a named method other than
// MethodUnspecified.
func (m Method) IsValid() bool { return methodNames.IsValid(uint8(m)) }

// MarshalText returns the method name; an invalid method fails with an
// *EnumError (ErrEnum).
func (m Method) MarshalText() ([]byte, error) { return marshalEnum(methodNames, "method", uint8(m)) }

// UnmarshalText parses a name written by MarshalText (see ParseMethod).
// On error m is unchanged.
func (m *Method) UnmarshalText(b []byte) error {
	v, err := ParseMethod(string(b))
	if err == nil {
		*m = v
	}
	return err
}

// ParseMethod parses "first-touch", "last-touch", "linear",
// "position-based", "time-decay", "markov" or "shapley" (exact,
// lowercase); anything else is an *EnumError (ErrEnum).
func ParseMethod(text string) (Method, error) {
	v, err := parseEnum(methodNames, "method", text)
	return Method(v), err
}

// Basis is what is attributed: revenue or the number of conversions.
type Basis uint8

// Bases. The zero value is BasisUnspecified.
const (
	// BasisUnspecified is the zero value; a rule rejects it.
	BasisUnspecified Basis = iota
	// Revenue attributes the conversion values, in the rule's currency,
	// to its minor unit.
	Revenue
	// Conversions attributes the number of converting journeys, each
	// counting 1, to the rule's number of places.
	Conversions
)

const basisNames enum.Names = "unspecified revenue conversions"

// String returns "revenue", "conversions" or "unspecified".
func (m Basis) String() string { return basisNames.String("basis", uint8(m)) }

// IsValid reports whether m is a named basis other than
// BasisUnspecified.
func (m Basis) IsValid() bool { return basisNames.IsValid(uint8(m)) }

// MarshalText returns the basis name; an invalid basis fails with an
// *EnumError (ErrEnum).
func (m Basis) MarshalText() ([]byte, error) {
	return marshalEnum(basisNames, "basis", uint8(m))
}

// UnmarshalText parses a name written by MarshalText (see ParseBasis).
// On error m is unchanged.
func (m *Basis) UnmarshalText(b []byte) error {
	v, err := ParseBasis(string(b))
	if err == nil {
		*m = v
	}
	return err
}

// ParseBasis parses "revenue" or "conversions"; anything else is an
// *EnumError (ErrEnum).
func ParseBasis(text string) (Basis, error) {
	v, err := parseEnum(basisNames, "basis", text)
	return Basis(v), err
}

// Coalition is the coalition value v(S) of the Shapley game: what a set S
// of channels is worth.
type Coalition uint8

// Coalition values. The zero value is CoalitionUnspecified.
const (
	// CoalitionUnspecified is the zero value; a Shapley rule rejects it.
	CoalitionUnspecified Coalition = iota
	// Subset: v(S) is the total (value or count) of the converting journeys whose set
	// of channels is a subset of S (they could have happened with S
	// alone).
	Subset
	// Touching: v(S) is the total (value or count) of the converting journeys that
	// touch at least one channel of S.
	Touching
)

const coalitionNames enum.Names = "unspecified subset touching"

// String returns "subset", "touching" or "unspecified".
func (c Coalition) String() string { return coalitionNames.String("coalition value", uint8(c)) }

// IsValid reports whether c is a named coalition value other than
// CoalitionUnspecified.
func (c Coalition) IsValid() bool { return coalitionNames.IsValid(uint8(c)) }

// MarshalText returns the name; an invalid value fails with an
// *EnumError (ErrEnum).
func (c Coalition) MarshalText() ([]byte, error) {
	return marshalEnum(coalitionNames, "coalition value", uint8(c))
}

// UnmarshalText parses a name written by MarshalText (see
// ParseCoalition). On error c is unchanged.
func (c *Coalition) UnmarshalText(b []byte) error {
	v, err := ParseCoalition(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// ParseCoalition parses "subset" or "touching"; anything else is an
// *EnumError (ErrEnum).
func ParseCoalition(text string) (Coalition, error) {
	v, err := parseEnum(coalitionNames, "coalition value", text)
	return Coalition(v), err
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
