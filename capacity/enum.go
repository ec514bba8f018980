package capacity

import "github.com/partnerecon/partnerecon/internal/enum"

// Status classifies a segment's distribution: whether capable partners
// cover the segment's demand too little, enough or too much.
type Status uint8

// Segment statuses. The zero value is StatusUnspecified.
const (
	// StatusUnspecified is the zero value; it never appears in a result
	// and MarshalText rejects it.
	StatusUnspecified Status = iota
	// Under: coverage below Thresholds.MinCoverage; customers cannot find
	// a capable partner and the vendor must serve them itself.
	Under
	// Balanced: neither under- nor over-distributed.
	Balanced
	// Over: coverage above Thresholds.MaxCoverage or more partners per unit
	// of demand than Thresholds.MaxPartnersPerUnit: a price-war risk.
	Over
	// NoDemand: matching partners in a segment for which no demand was
	// given.
	NoDemand
)

const statusNames enum.Names = "unspecified under balanced over no-demand"

// String returns the status name: "under", "balanced", "over",
// "no-demand", or "unspecified".
func (s Status) String() string { return statusNames.String("status", uint8(s)) }

// IsValid reports whether s is a named status other than
// StatusUnspecified.
func (s Status) IsValid() bool { return statusNames.IsValid(uint8(s)) }

// MarshalText returns the status name; an invalid status fails with an
// *EnumError (ErrInvalid).
func (s Status) MarshalText() ([]byte, error) {
	b, f := statusNames.Marshal("status", uint8(s))
	if f.Failed {
		return nil, enumErr("status", f)
	}
	return b, nil
}

// UnmarshalText parses a status name written by MarshalText (see
// ParseStatus). On error s is unchanged.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStatus parses "under", "balanced", "over" or "no-demand" (exact,
// lowercase); anything else is an *EnumError (ErrInvalid) listing the
// valid names.
func ParseStatus(text string) (Status, error) {
	v, f := statusNames.Parse(text)
	if f.Failed {
		return StatusUnspecified, enumErr("status", f)
	}
	return Status(v), nil
}

// Choice is the better option of a recruit-or-develop comparison.
type Choice uint8

// Choices. The zero value is ChoiceUnspecified.
const (
	// ChoiceUnspecified is the zero value; it never appears in a result
	// and MarshalText rejects it.
	ChoiceUnspecified Choice = iota
	// ChooseDevelop: developing the next band returns more per currency
	// unit spent.
	ChooseDevelop
	// ChooseRecruit: recruiting returns more per currency unit spent.
	ChooseRecruit
	// ChooseEither: both return exactly the same per currency unit.
	ChooseEither
)

const choiceNames enum.Names = "unspecified develop recruit either"

// String returns "develop", "recruit", "either" or "unspecified".
func (c Choice) String() string { return choiceNames.String("choice", uint8(c)) }

// IsValid reports whether c is a named choice other than
// ChoiceUnspecified.
func (c Choice) IsValid() bool { return choiceNames.IsValid(uint8(c)) }

// MarshalText returns the choice name; an invalid choice fails with an
// *EnumError (ErrInvalid).
func (c Choice) MarshalText() ([]byte, error) {
	b, f := choiceNames.Marshal("choice", uint8(c))
	if f.Failed {
		return nil, enumErr("choice", f)
	}
	return b, nil
}

// UnmarshalText parses a choice name written by MarshalText (see
// ParseChoice). On error c is unchanged.
func (c *Choice) UnmarshalText(b []byte) error {
	v, err := ParseChoice(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ParseChoice parses "develop", "recruit" or "either" (exact, lowercase);
// anything else is an *EnumError (ErrInvalid) listing the valid names.
func ParseChoice(text string) (Choice, error) {
	v, f := choiceNames.Parse(text)
	if f.Failed {
		return ChoiceUnspecified, enumErr("choice", f)
	}
	return Choice(v), nil
}
