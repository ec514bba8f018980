package tier

import "fmt"

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

// IsValid reports whether m is one of the named modes other than
// ModeUnspecified.
func (m Mode) IsValid() bool { return m > ModeUnspecified && m <= Package }

// String returns the mode's canonical name, e.g. "all-units".
func (m Mode) String() string {
	switch m {
	case ModeUnspecified:
		return "unspecified"
	case AllUnits:
		return "all-units"
	case Incremental:
		return "incremental"
	case RetroFromThreshold:
		return "retro-from-threshold"
	case Linear:
		return "linear"
	case Increment:
		return "increment"
	case FlatPerTier:
		return "flat-per-tier"
	case Package:
		return "package"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// MarshalText returns the canonical name. It fails for an invalid mode.
func (m Mode) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrMode, uint8(m))
	}
	return []byte(m.String()), nil
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
// stored schedule has exactly one spelling.
func ParseMode(s string) (Mode, error) {
	for m := AllUnits; m <= Package; m++ {
		if m.String() == s {
			return m, nil
		}
	}
	return ModeUnspecified, fmt.Errorf("%w: %q", ErrMode, truncate(s))
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

// IsValid reports whether b is LowerInclusive or UpperInclusive.
func (b Boundary) IsValid() bool { return b == LowerInclusive || b == UpperInclusive }

// String returns the convention's name, e.g. "lower-inclusive".
func (b Boundary) String() string {
	switch b {
	case BoundaryUnspecified:
		return "unspecified"
	case LowerInclusive:
		return "lower-inclusive"
	case UpperInclusive:
		return "upper-inclusive"
	}
	return fmt.Sprintf("Boundary(%d)", uint8(b))
}

// MarshalText returns the name. It fails for an invalid convention.
func (b Boundary) MarshalText() ([]byte, error) {
	if !b.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrBoundary, uint8(b))
	}
	return []byte(b.String()), nil
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
// lowercase).
func ParseBoundary(s string) (Boundary, error) {
	for b := LowerInclusive; b <= UpperInclusive; b++ {
		if b.String() == s {
			return b, nil
		}
	}
	return BoundaryUnspecified, fmt.Errorf("%w: %q", ErrBoundary, truncate(s))
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
