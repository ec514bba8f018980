package loyalty

import "github.com/partnerecon/partnerecon/internal/enum"

// Names of the enumerations, index 0 being the rejected zero value.
const (
	normalisationNames enum.Names = "unspecified min-max percentile-rank fixed-target"
	capWindowNames     enum.Names = "unspecified day week month quarter year"
	ruleKindNames      enum.Names = "unspecified no-revenue score-below no-certified-staff no-registration"
	dealSourceNames    enum.Names = "unspecified partner-sourced vendor-sourced influenced"
)

// Labels of the enumerations in error messages.
const (
	normalisationLabel = "normalisation"
	capWindowLabel     = "cap window"
	ruleKindLabel      = "rule kind"
	dealSourceLabel    = "deal source"
)

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

// Normalisation says how a pillar's raw value becomes a fraction in
// [0, 1] (see the package documentation for the formulas).
type Normalisation uint8

// Normalisations. The zero value is NormalisationUnspecified.
const (
	// NormalisationUnspecified is the invalid zero value.
	NormalisationUnspecified Normalisation = iota
	// MinMax: (x − min) / (max − min) over the scored population.
	MinMax
	// PercentileRank: (B + E/2) / N, the mid-rank percentile over the
	// scored population.
	PercentileRank
	// FixedTarget: min(x / target, 1) against the pillar's declared target.
	FixedTarget
)

// String returns "min-max", "percentile-rank", "fixed-target" or
// "unspecified".
func (n Normalisation) String() string {
	return normalisationNames.String(normalisationLabel, uint8(n))
}

// IsValid reports whether n is a named normalisation.
func (n Normalisation) IsValid() bool { return normalisationNames.IsValid(uint8(n)) }

// MarshalText returns the name; the zero value fails with an *EnumError.
func (n Normalisation) MarshalText() ([]byte, error) {
	return marshalEnum(normalisationNames, normalisationLabel, uint8(n))
}

// UnmarshalText parses a name (see ParseNormalisation); on error n is
// unchanged.
func (n *Normalisation) UnmarshalText(b []byte) error {
	v, err := ParseNormalisation(string(b))
	if err == nil {
		*n = v
	}
	return err
}

// ParseNormalisation parses "min-max", "percentile-rank" or
// "fixed-target"; anything else is an *EnumError.
func ParseNormalisation(text string) (Normalisation, error) {
	v, err := parseEnum(normalisationNames, normalisationLabel, text)
	return Normalisation(v), err
}

// CapWindow is the calendar window (UTC) over which an activity's cap
// counts occurrences.
type CapWindow uint8

// Cap windows. Weeks start on Monday; quarters are calendar quarters.
const (
	// CapWindowUnspecified is the invalid zero value.
	CapWindowUnspecified CapWindow = iota
	// PerDay caps occurrences per UTC calendar day.
	PerDay
	// PerWeek caps occurrences per week (Monday to Sunday, UTC).
	PerWeek
	// PerMonth caps occurrences per calendar month (UTC).
	PerMonth
	// PerQuarter caps occurrences per calendar quarter (UTC).
	PerQuarter
	// PerYear caps occurrences per calendar year (UTC).
	PerYear
)

// String returns "day", "week", "month", "quarter", "year" or
// "unspecified".
func (w CapWindow) String() string { return capWindowNames.String(capWindowLabel, uint8(w)) }

// IsValid reports whether w is a named window.
func (w CapWindow) IsValid() bool { return capWindowNames.IsValid(uint8(w)) }

// MarshalText returns the name; the zero value fails with an *EnumError.
func (w CapWindow) MarshalText() ([]byte, error) {
	return marshalEnum(capWindowNames, capWindowLabel, uint8(w))
}

// UnmarshalText parses a name (see ParseCapWindow); on error w is
// unchanged.
func (w *CapWindow) UnmarshalText(b []byte) error {
	v, err := ParseCapWindow(string(b))
	if err == nil {
		*w = v
	}
	return err
}

// ParseCapWindow parses "day", "week", "month", "quarter" or "year";
// anything else is an *EnumError.
func ParseCapWindow(text string) (CapWindow, error) {
	v, err := parseEnum(capWindowNames, capWindowLabel, text)
	return CapWindow(v), err
}

// RuleKind names a pruning rule (see PruneRule).
type RuleKind uint8

// Pruning rule kinds.
const (
	// RuleKindUnspecified is the invalid zero value.
	RuleKindUnspecified RuleKind = iota
	// NoRevenue fails a partner without revenue in each of its last
	// Periods periods.
	NoRevenue
	// ScoreBelow fails a partner whose engagement score is below Score.
	ScoreBelow
	// NoCertifiedStaff fails a partner with no certified staff.
	NoCertifiedStaff
	// NoRegistration fails a partner with no deal registered in the last
	// Days days.
	NoRegistration
)

// String returns "no-revenue", "score-below", "no-certified-staff",
// "no-registration" or "unspecified".
func (k RuleKind) String() string { return ruleKindNames.String(ruleKindLabel, uint8(k)) }

// IsValid reports whether k is a named rule kind.
func (k RuleKind) IsValid() bool { return ruleKindNames.IsValid(uint8(k)) }

// MarshalText returns the name; the zero value fails with an *EnumError.
func (k RuleKind) MarshalText() ([]byte, error) {
	return marshalEnum(ruleKindNames, ruleKindLabel, uint8(k))
}

// UnmarshalText parses a name (see ParseRuleKind); on error k is
// unchanged.
func (k *RuleKind) UnmarshalText(b []byte) error {
	v, err := ParseRuleKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseRuleKind parses "no-revenue", "score-below", "no-certified-staff"
// or "no-registration"; anything else is an *EnumError.
func ParseRuleKind(text string) (RuleKind, error) {
	v, err := parseEnum(ruleKindNames, ruleKindLabel, text)
	return RuleKind(v), err
}

// DealSource says who originated a closed deal, for the sourcing shares
// of LeadMetrics.
type DealSource uint8

// Deal sources.
const (
	// DealSourceUnspecified is the invalid zero value.
	DealSourceUnspecified DealSource = iota
	// SourcedByPartner: the partner found the deal (dealreg.PartnerSourced).
	SourcedByPartner
	// SourcedByVendor: the vendor passed the lead (dealreg.VendorLead).
	SourcedByVendor
	// Influenced: the vendor found and closed the deal and the partner
	// influenced it (no registration or lead of the partner's).
	Influenced
)

// String returns "partner-sourced", "vendor-sourced", "influenced" or
// "unspecified".
func (s DealSource) String() string { return dealSourceNames.String(dealSourceLabel, uint8(s)) }

// IsValid reports whether s is a named source.
func (s DealSource) IsValid() bool { return dealSourceNames.IsValid(uint8(s)) }

// MarshalText returns the name; the zero value fails with an *EnumError.
func (s DealSource) MarshalText() ([]byte, error) {
	return marshalEnum(dealSourceNames, dealSourceLabel, uint8(s))
}

// UnmarshalText parses a name (see ParseDealSource); on error s is
// unchanged.
func (s *DealSource) UnmarshalText(b []byte) error {
	v, err := ParseDealSource(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseDealSource parses "partner-sourced", "vendor-sourced" or
// "influenced"; anything else is an *EnumError.
func ParseDealSource(text string) (DealSource, error) {
	v, err := parseEnum(dealSourceNames, dealSourceLabel, text)
	return DealSource(v), err
}
