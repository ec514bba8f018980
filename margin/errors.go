package margin

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Sentinel errors. Match them with errors.Is; an *InputError carries the
// field and the offending value and unwraps to one of these (and, where a
// money or pricing error caused it, to that error too).
var (
	// ErrMissing reports a required member that is absent: a list price,
	// a rate or amount that moves money, a name, the rounding mode.
	ErrMissing = errors.New("margin: missing required value")
	// ErrInvalid reports a value outside its domain (a negative list, a
	// margin of 100 % or more, an amount finer than its minor unit), an
	// unknown enumeration name (see EnumError), or a malformed document.
	ErrInvalid = errors.New("margin: invalid value")
	// ErrConflict reports two members of which exactly one must be given
	// (an amount and a rate, a declared sell price and street rates).
	ErrConflict = errors.New("margin: conflicting members")
	// ErrDuplicate reports two entries of one list with the same name, or
	// two partners or resales with the same ID.
	ErrDuplicate = errors.New("margin: duplicate")
	// ErrCurrency reports an amount in another currency than the one it
	// is combined with (it also matches money.ErrCurrencyMismatch).
	ErrCurrency = errors.New("margin: currency mismatch")
	// ErrPricing reports a price waterfall that pricing refused: an
	// invalid policy, an invalid discount stack, a net below its floor
	// (it also matches the pricing sentinel, e.g. pricing.ErrStack).
	ErrPricing = errors.New("margin: pricing refused the quote")
	// ErrRange reports a figure outside money's operating range, given or
	// computed, or a count outside its bounds.
	ErrRange = errors.New("margin: out of range")
	// ErrSchedule reports a tier schedule of a tiered earning that package
	// tier refused (it also matches tier's sentinel, e.g. tier.ErrRate).
	ErrSchedule = errors.New("margin: invalid tier schedule")
	// ErrNoSolution reports a break-even that no value of the lever
	// reaches within its domain.
	ErrNoSolution = errors.New("margin: no solution")
)

// InputError reports a bad input, in the manner of strconv.NumError. Path
// is the JSON Pointer (RFC 6901) of the input in the package's JSON form:
// a member of a resale such as "/earnings/2/rate" or "/pricing/cap", or a
// function argument named as a member, such as "/cost", "/deals/3" or
// "/benefits/1/amount" (see the package documentation). It is the same
// whether the value came from JSON or was built in Go. Value is the
// offending input as text (empty when there is nothing useful to show).
type InputError struct {
	Path  string
	Value string
	Err   error // a sentinel above, possibly wrapping a cause
}

// Error returns "margin: <Path> = <quoted Value>: <reason>" (without the
// value when it is empty).
func (e *InputError) Error() string { return field.Message("margin", e.Path, e.Value, e.Err) }

// Unwrap returns the reason, so that errors.Is(err, ErrMissing) and
// errors.Is(err, pricing.ErrStack) work.
func (e *InputError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the input: hosts map an
// error of any package to a form field through this one method.
func (e *InputError) FieldPath() string { return e.Path }

func inputErr(path, value string, err error) *InputError {
	return &InputError{Path: path, Value: field.Truncate(value), Err: err}
}

// wrap returns sentinel, or "sentinel: detail" still matching sentinel.
func wrap(sentinel error, format string, args ...any) error {
	if format == "" {
		return sentinel
	}
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}

// EnumError reports an unknown enumeration name (or an invalid value to
// marshal). Type is a human label ("lever", "item kind"), Input the
// rejected text, Valid the accepted names and Suggestion the nearest one,
// if any. It unwraps to ErrInvalid.
type EnumError struct {
	Type       string
	Input      string
	Valid      []string
	Suggestion string
}

// Error returns `margin: unknown <Type> "<Input>" (valid: …; did you mean
// "…"?)`.
func (e *EnumError) Error() string {
	return enum.Message("margin", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrInvalid.
func (e *EnumError) Unwrap() error { return ErrInvalid }

// maxJoined bounds the number of errors one validation joins.
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
		l.errs = append(l.errs, fmt.Errorf("margin: and %d more errors", l.more))
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
	if se.Cause != nil {
		if err := scheduleErrors(se.Path, se.Cause); err != nil {
			return err
		}
	}
	return &InputError{Path: se.Path, Err: se.Detail(ErrInvalid, "margin")}
}
