package analysis

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Sentinel errors. Match them with errors.Is; a *ParamError carries the
// field and the offending value and unwraps to one of these.
var (
	// ErrInvalid reports a value outside its domain: a missing or negative
	// threshold, a factor below zero, an unknown check or dimension name, a
	// document that does not decode.
	ErrInvalid = errors.New("analysis: invalid value")
	// ErrTooMany reports a list longer than its documented maximum
	// (MaxScales, MaxVolumes, MaxDraws, …).
	ErrTooMany = errors.New("analysis: too many entries")
	// ErrDuplicate reports a value listed twice (a rule disabled twice, a
	// scale given twice for one partner, segment or category).
	ErrDuplicate = errors.New("analysis: duplicate")
	// ErrPlan reports a plan that cannot be analysed: the zero Plan, two
	// plans in different currencies, a component the simulation does not
	// model (see Simulate).
	ErrPlan = errors.New("analysis: plan not supported")
)

// ParamError reports one bad input field, in the manner of
// strconv.NumError. Path is the JSON Pointer (RFC 6901) of the field in
// the JSON form of the input (a LintSpec, ScenarioSpec or PopulationSpec,
// "/scales/2/factor"), also for values built in Go; "" is the input as a
// whole. Value is the offending input as text (may be empty).
type ParamError struct {
	Path  string
	Value string
	Err   error
}

// Error returns "analysis: /path = "value": reason".
func (e *ParamError) Error() string { return field.Message("analysis", e.Path, e.Value, e.Err) }

// Unwrap returns Err.
func (e *ParamError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the field: hosts map an
// error of any package of the module to a form field through
// errors.As(err, &interface{ FieldPath() string }).
func (e *ParamError) FieldPath() string { return e.Path }

func paramErr(path, value string, err error) *ParamError {
	return &ParamError{Path: path, Value: field.Truncate(value), Err: err}
}

func wrap(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}

// EnumError reports text that names no value of an enumeration, or an
// invalid value to marshal. Type is a human label ("check", "severity",
// "dimension", "shape"), Input the rejected text, Valid the accepted names
// and Suggestion the nearest one, if any. It unwraps to ErrInvalid.
type EnumError struct {
	Type       string
	Input      string
	Valid      []string
	Suggestion string
}

// Error returns `analysis: unknown <Type> "<Input>" (valid: …; did you
// mean "…"?)`.
func (e *EnumError) Error() string {
	return enum.Message("analysis", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrInvalid.
func (e *EnumError) Unwrap() error { return ErrInvalid }

func enumErr(label string, f enum.Failure) error {
	return &EnumError{Type: label, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

// documentError turns a decoding failure into a *ParamError at the same
// path, matching ErrInvalid and the strictjson sentinel and cause.
func documentError(err error) error {
	var se *strictjson.Error
	if !errors.As(err, &se) {
		return &ParamError{Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	}
	return &ParamError{Path: se.Path, Err: se.Detail(ErrInvalid, "analysis")}
}

// errList collects validation errors, at most maxJoined of them.
type errList struct {
	errs []error
	more int
}

const maxJoined = 16

func (l *errList) add(path, value string, err error) {
	if len(l.errs) >= maxJoined {
		l.more++
		return
	}
	l.errs = append(l.errs, paramErr(path, value, err))
}

func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	if l.more > 0 {
		l.errs = append(l.errs, fmt.Errorf("analysis: and %d more errors", l.more))
	}
	if len(l.errs) == 1 {
		return l.errs[0]
	}
	return errors.Join(l.errs...)
}

// parse decodes a document strictly within lim and builds the value from
// its spec: the one shape of ParseLinter, ParseScenario and
// ParsePopulation.
func parse[S, T any](data []byte, lim strictjson.Limits, build func(S) (T, error), opts ...strictjson.Option) (T, error) {
	var spec S
	if err := strictjson.Unmarshal(data, &spec, lim, opts...); err != nil {
		var zero T
		return zero, documentError(err)
	}
	return build(spec)
}
