package attribution

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Sentinel errors. Match them with errors.Is; an *InputError carries the
// member and the offending value and unwraps to one of these.
var (
	// ErrMissing reports a required member that is absent: the method, the
	// basis, position weights, a half-life, a conversion value under
	// the Revenue basis.
	ErrMissing = errors.New("attribution: missing required value")
	// ErrInvalid reports a malformed value: a negative or fractional
	// conversion value, weights that do not sum to 1, a member the method
	// does not use, a document that does not decode.
	ErrInvalid = errors.New("attribution: invalid value")
	// ErrEmpty reports a journey without touches or a touch without a
	// channel.
	ErrEmpty = errors.New("attribution: empty")
	// ErrOrder reports touches out of time order, or a touch after the
	// conversion.
	ErrOrder = errors.New("attribution: out of time order")
	// ErrCurrency reports a conversion value in another currency than the
	// rule's.
	ErrCurrency = errors.New("attribution: currency mismatch")
	// ErrRange reports a count or size beyond its documented limit: too
	// many channels, touches or journeys, an order or number of places out
	// of range, a total beyond the package's integer range.
	ErrRange = errors.New("attribution: out of range")
	// ErrEnum reports an unspecified or unknown enumeration value.
	ErrEnum = errors.New("attribution: unknown enumeration value")
)

// InputError reports one bad member of a rule or of the journeys. Path is
// its JSON Pointer in the package's JSON form, also for values built in
// Go: "/half_life", "/position/first" for a rule,
// "/journeys/3/touches/1/channel", "/journeys/7/conversion/value" for the
// journeys. Value is the offending input as text (may be empty).
type InputError struct {
	Path  string
	Value string
	Err   error // a sentinel above, possibly wrapping a cause
}

// Error returns "attribution: <Path> = <quoted Value>: <reason>" (without
// the value when it is empty).
func (e *InputError) Error() string { return field.Message("attribution", e.Path, e.Value, e.Err) }

// Unwrap returns the reason.
func (e *InputError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the member: hosts map an
// error of any package to a form field through this one method.
func (e *InputError) FieldPath() string { return e.Path }

func inputErr(path, value string, err error) *InputError {
	return &InputError{Path: path, Value: field.Truncate(value), Err: err}
}

// EnumError reports text that names no value of an enumeration, or an
// attempt to encode the unspecified (or an out-of-range) value. It
// matches ErrEnum.
type EnumError struct {
	Type       string   // a human label: "method", "basis", "coalition value"
	Input      string   // the rejected text (truncated) or "label(n)" for a value
	Valid      []string // the accepted names
	Suggestion string   // the nearest accepted name, or ""
}

// Error returns `attribution: unknown <type> "<input>" (valid: …; did you
// mean "…"?)`.
func (e *EnumError) Error() string {
	return enum.Message("attribution", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrEnum.
func (e *EnumError) Unwrap() error { return ErrEnum }

func enumError(label string, f enum.Failure) error {
	return &EnumError{Type: label, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

// wrap returns sentinel, or "sentinel: detail" still matching sentinel.
func wrap(sentinel error, format string, args ...any) error {
	if format == "" {
		return sentinel
	}
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}

// maxJoined bounds the number of errors one validation joins.
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

func (l *errList) full() bool { return len(l.errs) >= maxJoined }

func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	if l.more > 0 {
		l.errs = append(l.errs, fmt.Errorf("attribution: and %d more errors", l.more))
	}
	if len(l.errs) == 1 {
		return l.errs[0]
	}
	return errors.Join(l.errs...)
}

// documentError turns a *strictjson.Error into an *InputError at the same
// path: the message names the JSON problem once, and errors.Is/As still
// find the strictjson sentinel and its cause.
func documentError(err error) error {
	var se *strictjson.Error
	if !errors.As(err, &se) {
		return &InputError{Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	}
	return &InputError{Path: se.Path, Err: se.Detail(ErrInvalid, "attribution")}
}
