package capacity

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
)

// Sentinel errors. Match them with errors.Is; an *InputError carries the
// field and the offending value and unwraps to one of these (or to a money
// sentinel such as money.ErrCurrencyMismatch).
var (
	// ErrNonPositive reports a figure that must be strictly positive: a
	// rate, a number of hours, a ratio, a target.
	ErrNonPositive = errors.New("capacity: must be positive")
	// ErrNegative reports a figure that must not be negative: a revenue, a
	// capacity, a count.
	ErrNegative = errors.New("capacity: must not be negative")
	// ErrShareRange reports a share or conversion rate outside (0, 1], or a
	// ramp productivity outside [0, 1].
	ErrShareRange = errors.New("capacity: share outside (0, 1]")
	// ErrEmpty reports missing data: no partners, no stages, an empty name.
	ErrEmpty = errors.New("capacity: empty")
	// ErrDuplicate reports two entries with the same key: partner ids, stage
	// names, demand segments, dimensions.
	ErrDuplicate = errors.New("capacity: duplicate key")
	// ErrInvalid reports a value that is malformed in another way: an amount
	// without currency, a segment missing a dimension, an unknown enum
	// name (see EnumError), a document that does not decode.
	ErrInvalid = errors.New("capacity: invalid value")
	// ErrRange reports an index, count or period range outside its bounds,
	// a result too large for its integer type, or a decimal outside money's
	// operating range (|exponent| ≤ money.MaxExponent), given or computed.
	ErrRange = errors.New("capacity: out of range")
	// ErrConflict reports two inputs of which only one may be given.
	ErrConflict = errors.New("capacity: conflicting inputs")
	// ErrUnreachable reports a target that no plan can meet, for example a
	// capacity needed at a period before any recruit can be productive.
	ErrUnreachable = errors.New("capacity: target unreachable")
)

// InputError reports a bad input, in the manner of strconv.NumError. Path
// is the JSON Pointer (RFC 6901) of the input in the package's JSON form:
// a model field such as "/hourly_rate" or "/funnel/stages/2/rate", or a
// function argument named as a member, such as "/target",
// "/revenues/17/id" or "/develop/ramp/1" (see the package documentation
// for the names). It is the same whether the value came from JSON or was
// built in Go. Value is the offending input as text (empty when there is
// nothing useful to show).
type InputError struct {
	Path  string
	Value string
	Err   error // a sentinel above, or a money error such as *money.CurrencyMismatchError
}

// Error returns "capacity: <Path> = <quoted Value>: <reason>" (without
// the value when it is empty).
func (e *InputError) Error() string { return field.Message("capacity", e.Path, e.Value, e.Err) }

// Unwrap returns the reason, so that errors.Is(err, ErrNonPositive) and
// errors.Is(err, money.ErrCurrencyMismatch) work.
func (e *InputError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the input: hosts map an
// error of any package to a form field through this one method.
func (e *InputError) FieldPath() string { return e.Path }

func inputErr(path, value string, err error) *InputError {
	return &InputError{Path: path, Value: field.Truncate(value), Err: err}
}

// EnumError reports an unknown enumeration name (or an invalid value to
// marshal). Type is a human label ("status", "choice"), Input the rejected
// text, Valid the accepted names and Suggestion the nearest one, if any.
// It unwraps to ErrInvalid.
type EnumError struct {
	Type       string
	Input      string
	Valid      []string
	Suggestion string
}

// Error returns `capacity: unknown <Type> "<Input>" (valid: …; did you
// mean "…"?)`.
func (e *EnumError) Error() string {
	return enum.Message("capacity", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrInvalid.
func (e *EnumError) Unwrap() error { return ErrInvalid }

func enumErr(label string, f enum.Failure) error {
	return &EnumError{Type: label, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

// maxJoined bounds the number of errors joined by one validation, so that a
// data set with a hundred thousand bad rows does not build a huge error.
const maxJoined = 16

// errList collects validation errors up to maxJoined.
type errList struct {
	errs []error
	more int
}

func (l *errList) add(err error) {
	if err == nil {
		return
	}
	if len(l.errs) >= maxJoined {
		l.more++
		return
	}
	l.errs = append(l.errs, err)
}

func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	if l.more > 0 {
		l.errs = append(l.errs, fmt.Errorf("capacity: and %d more errors", l.more))
	}
	if len(l.errs) == 1 {
		return l.errs[0]
	}
	return errors.Join(l.errs...)
}
