package tier

import "github.com/partnerecon/partnerecon/internal/enum"

// Mode names how a schedule turns a volume into a payout. The zero value,
// ModeUnspecified, is rejected by New. See the package documentation for
// the exact formula of each mode and the names other systems use for it.
type Mode uint8

// Modes. The formulas use x for the volume, b_i for tier lower bounds,
// r_i for tier rates, θ for Spec.Threshold and s for Spec.Step.
const (
	// ModeUnspecified is the invalid zero Mode.
	ModeUnspecified Mode = iota
	// AllUnits pays r_j·x, where tier j contains x ("retroactive",
	// "back to dollar one", "volume", "range").
	AllUnits
	// Incremental pays Σ_i r_i·max(0, min(x, b_{i+1}) − b_i)
	// ("graduated", "slab", "marginal").
	Incremental
	// RetroFromThreshold pays r_j·max(0, x − θ), where tier j contains x.
	RetroFromThreshold
	// Linear pays rate(x)·x, where rate(x) is interpolated linearly between
	// knots (a_i, r_i) and clamped outside them.
	Linear
	// Increment pays v for every full step s above θ: v·⌊(x − θ)/s⌋.
	Increment
	// FlatPerTier pays the fixed amount of the tier containing x.
	FlatPerTier
	// Package pays p for every started block of size s.
	Package
)

// modeNames are the canonical mode names, in constant order.
const modeNames enum.Names = "unspecified all-units incremental retro-from-threshold linear increment flat-per-tier package"

// IsValid reports whether m is one of the named modes other than
// ModeUnspecified.
func (m Mode) IsValid() bool { return modeNames.IsValid(uint8(m)) }

// String returns the mode's canonical name, e.g. "all-units", or
// "mode(n)" for a value out of range.
func (m Mode) String() string { return modeNames.String("mode", uint8(m)) }

// MarshalText returns the canonical name. It fails with an *EnumError
// (ErrMode) for an invalid mode.
func (m Mode) MarshalText() ([]byte, error) {
	b, f := modeNames.Marshal("mode", uint8(m))
	if f.Failed {
		return nil, enumError("mode", f, ErrMode)
	}
	return b, nil
}

// UnmarshalText parses a canonical name as written by MarshalText.
func (m *Mode) UnmarshalText(b []byte) error {
	v, err := ParseMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// ParseMode parses a canonical mode name: "all-units", "incremental",
// "retro-from-threshold", "linear", "increment", "flat-per-tier" or
// "package" (exact, lowercase). Aliases from other systems ("retroactive",
// "graduated", …) are documented but deliberately not accepted, so that a
// stored schedule has exactly one spelling. It fails with an *EnumError
// (ErrMode) that lists the valid names and the nearest one.
func ParseMode(s string) (Mode, error) {
	v, f := modeNames.Parse(s)
	if f.Failed {
		return ModeUnspecified, enumError("mode", f, ErrMode)
	}
	return Mode(v), nil
}

// Boundary says to which tier a volume exactly equal to a tier bound
// belongs. The zero value, BoundaryUnspecified, is rejected by New: every
// schedule states its convention.
type Boundary uint8

// Boundary conventions.
const (
	// BoundaryUnspecified is the invalid zero Boundary.
	BoundaryUnspecified Boundary = iota
	// LowerInclusive puts a volume equal to bound b in the tier that
	// starts at b: tiers are [b_i, b_{i+1}).
	LowerInclusive
	// UpperInclusive puts a volume equal to bound b in the tier that ends
	// at b: tiers are (b_i, b_{i+1}], except that the first tier also
	// contains its own lower bound.
	UpperInclusive
)

// boundaryNames are the boundary conventions' names, in constant order.
const boundaryNames enum.Names = "unspecified lower-inclusive upper-inclusive"

// IsValid reports whether b is LowerInclusive or UpperInclusive.
func (b Boundary) IsValid() bool { return boundaryNames.IsValid(uint8(b)) }

// String returns the convention's name, e.g. "lower-inclusive", or
// "boundary(n)" for a value out of range.
func (b Boundary) String() string { return boundaryNames.String("boundary", uint8(b)) }

// MarshalText returns the name. It fails with an *EnumError
// (ErrBoundary) for an invalid convention.
func (b Boundary) MarshalText() ([]byte, error) {
	t, f := boundaryNames.Marshal("boundary", uint8(b))
	if f.Failed {
		return nil, enumError("boundary", f, ErrBoundary)
	}
	return t, nil
}

// UnmarshalText parses a name as written by MarshalText.
func (b *Boundary) UnmarshalText(text []byte) error {
	v, err := ParseBoundary(string(text))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// ParseBoundary parses "lower-inclusive" or "upper-inclusive" (exact,
// lowercase). It fails with an *EnumError (ErrBoundary).
func ParseBoundary(s string) (Boundary, error) {
	v, f := boundaryNames.Parse(s)
	if f.Failed {
		return BoundaryUnspecified, enumError("boundary", f, ErrBoundary)
	}
	return Boundary(v), nil
}

// EnumError reports a text that names no Mode or Boundary, or an invalid
// value given to MarshalText. It unwraps to ErrMode or ErrBoundary.
type EnumError struct {
	// Type is what was being parsed: "mode" or "boundary".
	Type string
	// Input is the rejected text (truncated), or "mode(n)" for a value.
	Input string
	// Valid lists the accepted names.
	Valid []string
	// Suggestion is the accepted name nearest to Input, or "".
	Suggestion string

	err error // ErrMode or ErrBoundary
}

func enumError(typ string, f enum.Failure, sentinel error) *EnumError {
	return &EnumError{Type: typ, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion, err: sentinel}
}

// Error returns `tier: unknown mode "x" (valid: all-units, …; did you
// mean "…"?)`.
func (e *EnumError) Error() string {
	return enum.Message("tier", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrMode or ErrBoundary (for an EnumError built by the
// caller, the one its Type names).
func (e *EnumError) Unwrap() error {
	switch {
	case e.err != nil:
		return e.err
	case e.Type == "boundary":
		return ErrBoundary
	}
	return ErrMode
}
