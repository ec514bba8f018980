package loyalty

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Sentinel errors. Match them with errors.Is; an *InputError carries the
// field and the offending value and unwraps to one of these.
var (
	// ErrEmpty reports missing data: no pillars, an empty name or id, a
	// required member left out.
	ErrEmpty = errors.New("loyalty: empty")
	// ErrDuplicate reports two entries with the same key: partner ids,
	// pillar, activity, level, field or band names.
	ErrDuplicate = errors.New("loyalty: duplicate key")
	// ErrUnknown reports a reference to something not declared: an
	// activity kind, a pillar, a metric.
	ErrUnknown = errors.New("loyalty: unknown reference")
	// ErrNegative reports a figure that must not be negative.
	ErrNegative = errors.New("loyalty: must not be negative")
	// ErrNonPositive reports a figure that must be strictly positive.
	ErrNonPositive = errors.New("loyalty: must be positive")
	// ErrWeights reports pillar or field weights that do not sum exactly
	// to 1, or a weight outside (0, 1].
	ErrWeights = errors.New("loyalty: weights must sum exactly to 1")
	// ErrRange reports a number, count, date or place count outside its
	// bounds, or a figure too large for the package's exact arithmetic.
	ErrRange = errors.New("loyalty: out of range")
	// ErrOrder reports thresholds or times out of their required order.
	ErrOrder = errors.New("loyalty: out of order")
	// ErrInvalid reports a value that is malformed in another way: an
	// unknown enumeration name (see EnumError), a document that does not
	// decode, a zero (unbuilt) compiled value.
	ErrInvalid = errors.New("loyalty: invalid value")
)

// InputError reports a bad input, in the manner of strconv.NumError. Path
// is the JSON Pointer (RFC 6901) of the input in the package's JSON form,
// such as "/pillars/2/weight" in a scorer document or
// "/partners/17/events/3/kind" for an argument of a function (the
// argument's name as a member, in snake_case); it is the same whether the
// value came from JSON or was built in Go. Value is the offending input as
// text (empty when there is nothing useful to show).
type InputError struct {
	Path  string
	Value string
	Err   error
}

// Error returns "loyalty: <Path> = <quoted Value>: <reason>" (without the
// value when it is empty).
func (e *InputError) Error() string { return field.Message("loyalty", e.Path, e.Value, e.Err) }

// Unwrap returns the reason, so that errors.Is(err, ErrWeights) works.
func (e *InputError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the input.
func (e *InputError) FieldPath() string { return e.Path }

func inputErr(path, value string, err error) *InputError {
	return &InputError{Path: path, Value: field.Truncate(value), Err: err}
}

// EnumError reports an unknown enumeration name (or an invalid value to
// marshal). Type is a human label ("normalisation", "cap window"), Input
// the rejected text, Valid the accepted names and Suggestion the nearest
// one, if any. It unwraps to ErrInvalid.
type EnumError struct {
	Type       string
	Input      string
	Valid      []string
	Suggestion string
}

// Error returns `loyalty: unknown <Type> "<Input>" (valid: …; did you
// mean "…"?)`.
func (e *EnumError) Error() string {
	return enum.Message("loyalty", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrInvalid.
func (e *EnumError) Unwrap() error { return ErrInvalid }

// maxJoined bounds the number of errors joined by one validation.
const maxJoined = 16

// errList collects validation errors up to maxJoined.
type errList struct {
	errs []error
	more int
}

func (l *errList) add(path, value string, err error) {
	if len(l.errs) >= maxJoined {
		l.more++
		return
	}
	l.errs = append(l.errs, inputErr(path, value, err))
}

func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	if l.more > 0 {
		l.errs = append(l.errs, fmt.Errorf("loyalty: and %d more errors", l.more))
	}
	if len(l.errs) == 1 {
		return l.errs[0]
	}
	return errors.Join(l.errs...)
}

// decodeErr turns a strictjson failure into an *InputError at the
// failure's path that matches ErrInvalid and the strictjson sentinel.
func decodeErr(err error) error {
	var se *strictjson.Error
	if errors.As(err, &se) {
		return &InputError{Path: se.Path, Err: decodeFailure{se}}
	}
	return &InputError{Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
}

// decodeFailure is a strictjson error without its path (the InputError
// carries it), matching ErrInvalid too.
type decodeFailure struct{ se *strictjson.Error }

// Error returns the failure's kind and, when it says more than the path,
// its cause (strictjson's Reason).
func (d decodeFailure) Error() string { return "invalid document: " + d.se.Reason() }

func (d decodeFailure) Unwrap() []error { return []error{ErrInvalid, d.se} }
