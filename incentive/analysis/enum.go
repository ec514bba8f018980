package analysis

import "github.com/partnerecon/partnerecon/internal/enum"

// Check names a lint check (a rule): the kind of defect a Finding reports. The zero
// value is CheckUnspecified, which never appears in a report.
type Check uint8

// Lint checks. New checks are appended, so that a check's value never changes.
const (
	// CheckUnspecified is the invalid zero Check.
	CheckUnspecified Check = iota
	// Cliff: at a tier bound of a retroactive schedule (all-units or
	// retro-from-threshold) the payout jumps by at least
	// LintSpec.CliffJump. Stepped bonuses (flat-per-tier, increment,
	// package) and an incremental tier's flat fee jump by design and are
	// not reported.
	Cliff
	// UnreachableTier: the component cap is reached before the tier's
	// bound, so the tier (and every tier above it) never pays more.
	UnreachableTier
	// UnreachableAccelerator: the component cap is reached at or before
	// the accelerator's fixed quota, so the accelerator never pays.
	UnreachableAccelerator
	// NegativeMarginal: the payout falls as the volume rises somewhere
	// (a lower payout just above a bound than just below it, or a linear
	// segment whose rate falls faster than the volume rises).
	NegativeMarginal
	// VersionGap: days between two versions of a component on which no
	// version is effective.
	VersionGap
	// ExposureBound: the most the plan can pay per recipient and in total
	// in one period, or that nothing bounds it.
	ExposureBound
	// UnbudgetedSpif: a time-boxed component version (one with an
	// effective_until after which no version of its ID is effective: a SPIF)
	// without a budget of its own.
	UnbudgetedSpif
	// ClosedGate: a gate that can never open, so the component never pays
	// (a metric minimum above the declared maximum of the metric), or that
	// reads a metric the declared facts never provide, so that every line
	// of the component fails to evaluate. It needs LintSpec.Metrics.
	ClosedGate
	// DoublePay: two components paying the same kind of recipient on the
	// same measure whose eligibility overlaps without either containing
	// the other, on days both are effective: a transaction in the overlap
	// counts in both.
	DoublePay
	// SplitSum: the shares of a split (a group's or a team component's
	// declared weights) look like fractions or percentages (they sum to
	// between 0.5 and 2, or 50 and 200) but do not sum to 100 % (to 1 or
	// to 100), so the award is shared in proportion to them rather than
	// as declared. Weights summing elsewhere (2 : 1) are read as ratios.
	SplitSum
	// VersionOverlap: two versions of one component effective on the same
	// day (found only in a draft: incentive.NewPlan rejects it).
	VersionOverlap
)

const checkNames enum.Names = "unspecified cliff unreachable-tier unreachable-accelerator negative-marginal version-gap exposure unbudgeted-spif closed-gate double-pay split-sum version-overlap"

// String returns the rule's name, e.g. "unreachable-tier".
func (r Check) String() string { return checkNames.String("check", uint8(r)) }

// IsValid reports whether r is a named rule other than CheckUnspecified.
func (r Check) IsValid() bool { return checkNames.IsValid(uint8(r)) }

// MarshalText returns the rule's name; an invalid rule fails with an
// *EnumError.
func (r Check) MarshalText() ([]byte, error) {
	b, f := checkNames.Marshal("check", uint8(r))
	if f.Failed {
		return nil, enumErr("check", f)
	}
	return b, nil
}

// UnmarshalText parses a rule name (see ParseCheck). On error r is
// unchanged.
func (r *Check) UnmarshalText(b []byte) error {
	v, err := ParseCheck(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// ParseCheck parses a rule name as written by Check.MarshalText (exact,
// lowercase); other text is an *EnumError listing the valid names.
func ParseCheck(text string) (Check, error) {
	v, f := checkNames.Parse(text)
	if f.Failed {
		return CheckUnspecified, enumErr("check", f)
	}
	return Check(v), nil
}

// Severity grades a Finding. Severities are ordered: Info < Warning <
// Critical. The zero value is SeverityUnspecified.
type Severity uint8

// Severities.
const (
	// SeverityUnspecified is the invalid zero Severity.
	SeverityUnspecified Severity = iota
	// Info is a figure worth knowing, not a defect (the plan's exposure).
	Info
	// Warning is a likely defect: a cliff, an unreachable tier, a gap.
	Warning
	// Critical is a defect that pays against the plan's evident intent: a
	// payout that falls as volume rises.
	Critical
)

const severityNames enum.Names = "unspecified info warning critical"

// String returns "info", "warning" or "critical".
func (s Severity) String() string { return severityNames.String("severity", uint8(s)) }

// IsValid reports whether s is a named severity other than
// SeverityUnspecified.
func (s Severity) IsValid() bool { return severityNames.IsValid(uint8(s)) }

// MarshalText returns the severity's name; an invalid severity fails with
// an *EnumError.
func (s Severity) MarshalText() ([]byte, error) {
	b, f := severityNames.Marshal("severity", uint8(s))
	if f.Failed {
		return nil, enumErr("severity", f)
	}
	return b, nil
}

// UnmarshalText parses a severity name (see ParseSeverity). On error s is
// unchanged.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses "info", "warning" or "critical"; other text is an
// *EnumError listing the valid names.
func ParseSeverity(text string) (Severity, error) {
	v, f := severityNames.Parse(text)
	if f.Failed {
		return SeverityUnspecified, enumErr("severity", f)
	}
	return Severity(v), nil
}

// Dimension says which transactions a scenario's Scale applies to. The
// zero value is DimensionUnspecified.
type Dimension uint8

// Dimensions.
const (
	// DimensionUnspecified is the invalid zero Dimension.
	DimensionUnspecified Dimension = iota
	// ScaleAll scales every transaction (ScaleSpec.Value must be empty).
	ScaleAll
	// ScalePartner scales the transactions of one partner
	// (Transaction.PartnerID).
	ScalePartner
	// ScaleSegment scales one customer segment (Transaction.Segment).
	ScaleSegment
	// ScaleCategory scales one product category (Transaction.Category).
	ScaleCategory
)

const dimensionNames enum.Names = "unspecified all partner segment category"

// String returns "all", "partner", "segment" or "category".
func (d Dimension) String() string { return dimensionNames.String("dimension", uint8(d)) }

// IsValid reports whether d is a named dimension other than
// DimensionUnspecified.
func (d Dimension) IsValid() bool { return dimensionNames.IsValid(uint8(d)) }

// MarshalText returns the dimension's name; an invalid dimension fails
// with an *EnumError.
func (d Dimension) MarshalText() ([]byte, error) {
	b, f := dimensionNames.Marshal("dimension", uint8(d))
	if f.Failed {
		return nil, enumErr("dimension", f)
	}
	return b, nil
}

// UnmarshalText parses a dimension name (see ParseDimension). On error d
// is unchanged.
func (d *Dimension) UnmarshalText(b []byte) error {
	v, err := ParseDimension(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDimension parses "all", "partner", "segment" or "category"; other
// text is an *EnumError listing the valid names.
func ParseDimension(text string) (Dimension, error) {
	v, f := dimensionNames.Parse(text)
	if f.Failed {
		return DimensionUnspecified, enumErr("dimension", f)
	}
	return Dimension(v), nil
}

// Shape names the kind of attainment distribution of a population. The
// zero value is ShapeUnspecified.
type Shape uint8

// Shapes.
const (
	// ShapeUnspecified is the invalid zero Shape.
	ShapeUnspecified Shape = iota
	// Uniform draws every volume at the measure's scale between Low and
	// High (both included) with equal probability.
	Uniform
	// Empirical draws each partner's volume from a list of observed
	// volumes (last year's, one per partner), each equally likely
	// (resampling with replacement).
	Empirical
	// Discrete draws from a table of volumes with integer weights.
	Discrete
)

const shapeNames enum.Names = "unspecified uniform empirical discrete"

// String returns "uniform", "empirical" or "discrete".
func (s Shape) String() string { return shapeNames.String("shape", uint8(s)) }

// IsValid reports whether s is a named shape other than ShapeUnspecified.
func (s Shape) IsValid() bool { return shapeNames.IsValid(uint8(s)) }

// MarshalText returns the shape's name; an invalid shape fails with an
// *EnumError.
func (s Shape) MarshalText() ([]byte, error) {
	b, f := shapeNames.Marshal("shape", uint8(s))
	if f.Failed {
		return nil, enumErr("shape", f)
	}
	return b, nil
}

// UnmarshalText parses a shape name (see ParseShape). On error s is
// unchanged.
func (s *Shape) UnmarshalText(b []byte) error {
	v, err := ParseShape(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseShape parses "uniform", "empirical" or "discrete"; other text is
// an *EnumError listing the valid names.
func ParseShape(text string) (Shape, error) {
	v, f := shapeNames.Parse(text)
	if f.Failed {
		return ShapeUnspecified, enumErr("shape", f)
	}
	return Shape(v), nil
}
