package tier

import (
	"errors"
	"fmt"
	"strings"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Limits of a schedule document, checked by ParseSchedule and
// Schedule.UnmarshalJSON before decoding.
const (
	// MaxScheduleBytes is the largest schedule document accepted, in
	// bytes: room for MaxTiers tiers of full-length decimals, indented.
	MaxScheduleBytes = 64 << 10
	// MaxScheduleDepth is the deepest nesting accepted: the schedule
	// object, its tiers array and a tier object.
	MaxScheduleDepth = 3
)

// MarshalJSON encodes the schedule's Spec as Spec.MarshalJSON does:
// snake_case members, decimals as strings, rates with their unit, the
// members the mode uses always written. The zero Schedule fails (its mode
// is invalid).
func (s Schedule) MarshalJSON() ([]byte, error) {
	return s.spec.MarshalJSON()
}

// UnmarshalJSON decodes and validates a schedule document as
// ParseSchedule does, so that a Schedule can be a member of a larger
// strict JSON document (the paths in its errors are then relative to the
// schedule's own document). On error s is unchanged.
func (s *Schedule) UnmarshalJSON(data []byte) error {
	v, err := ParseSchedule(data)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSchedule decodes a schedule document strictly and validates it as
// New does. The document is the JSON form of a Spec: snake_case members,
// decimals and rates as JSON strings, rates with their unit ("2.5%",
// "250bp"; a bare "0" is allowed); unknown or duplicate members, null,
// JSON numbers for decimals, a bare non-zero rate (strictjson.ErrRateUnit,
// with a hint: did you mean "1%"?), documents over MaxScheduleBytes or
// nested deeper than MaxScheduleDepth are errors, and so is a member the
// mode uses that is absent (ErrMissing, see Spec.RequirePresent). More
// than MaxTiers tiers is ErrTooManyTiers, found before any tier is decoded.
//
// Every error names its field: a decoding failure is a *SpecError whose
// Path is the JSON Pointer of the offending member and which unwraps to
// ErrJSON and to the decoder's own error (errors.Is with
// strictjson.ErrNumber, money.ErrSyntax, … also works); an unknown mode
// or boundary unwraps to an *EnumError; validation errors are as New's.
func ParseSchedule(data []byte) (Schedule, error) {
	var spec Spec
	if err := strictjson.Unmarshal(data, &spec, strictjson.Limits{MaxBytes: MaxScheduleBytes, MaxDepth: MaxScheduleDepth, MaxElements: MaxTiers}, strictjson.RatesWithUnit()); err != nil {
		return Schedule{}, decodeError(err)
	}
	present, err := strictjson.Members(data, func(string) bool { return true })
	if err != nil {
		return Schedule{}, decodeError(err)
	}
	missing := spec.RequirePresent(func(p string) bool { return present[p] })
	s, err := New(spec)
	if err := errors.Join(missing, err); err != nil {
		return Schedule{}, err
	}
	return s, nil
}

// MustParseSchedule is ParseSchedule that panics on error, for literals
// in tests and examples.
func MustParseSchedule(doc string) Schedule {
	s, err := ParseSchedule([]byte(doc))
	if err != nil {
		panic(err)
	}
	return s
}

// decodeError turns a strictjson failure into a *SpecError at the same
// JSON Pointer, whose message names no decoder internals.
func decodeError(err error) error {
	var je *strictjson.Error
	if !errors.As(err, &je) {
		return &SpecError{Err: &jsonError{reason: "invalid document", err: err}}
	}
	var ee *EnumError
	if errors.As(je.Cause, &ee) {
		return &SpecError{Path: je.Path, Err: ee}
	}
	if errors.Is(je.Kind, strictjson.ErrTooLong) {
		return &SpecError{Path: je.Path, Err: &countError{err: je}}
	}
	reason := strings.TrimPrefix(je.Kind.Error(), "strictjson: ")
	if je.Line > 0 {
		reason += fmt.Sprintf(" (line %d, column %d)", je.Line, je.Column)
	}
	value := ""
	var pe *money.ParseError
	var me *money.EnumError
	var ue *strictjson.RateUnitError
	switch {
	case errors.As(je.Cause, &me):
		value = me.Input
		reason += ": " + strings.TrimPrefix(me.Error(), "money: ")
	case errors.As(je.Cause, &ue):
		value = ue.Input
		reason += ": " + ue.Error()
	case errors.As(je.Cause, &pe):
		value = pe.Input
		reason += ": " + strings.TrimPrefix(pe.Err.Error(), "money: ")
	case je.Cause != nil && (errors.Is(je.Kind, strictjson.ErrTooLarge) || errors.Is(je.Kind, strictjson.ErrTooDeep)):
		reason += " (" + je.Cause.Error() + ")"
	case je.Cause != nil && (errors.Is(je.Kind, strictjson.ErrUnknownField) || errors.Is(je.Kind, strictjson.ErrSyntax) ||
		errors.Is(je.Kind, strictjson.ErrType)):
		// strictjson words these for a person: the nearest member, what
		// was expected, the syntax problem.
		reason += ": " + je.Cause.Error()
	}
	return &SpecError{Path: je.Path, Value: value, Err: &jsonError{reason: reason, err: je}}
}

// jsonError is the reason of a decoding *SpecError: it prints the
// decoder's reason without its internals and unwraps to ErrJSON and the
// decoder's error.
type jsonError struct {
	reason string
	err    error
}

func (e *jsonError) Error() string   { return e.reason }
func (e *jsonError) Unwrap() []error { return []error{ErrJSON, e.err} }

// countError reports a tiers array longer than MaxTiers, found before
// decoding: it prints the count and unwraps to ErrTooManyTiers and the
// decoder's error.
type countError struct{ err error }

func (e *countError) Error() string {
	return fmt.Sprintf("too many tiers: more than %d", MaxTiers)
}
func (e *countError) Unwrap() []error { return []error{ErrTooManyTiers, e.err} }
