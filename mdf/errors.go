package mdf

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Sentinel errors. Match them with errors.Is; an *InputError carries the
// member's JSON Pointer and the offending value and unwraps to one of
// these (or to a money or strictjson sentinel).
var (
	// ErrMissing reports a required member that is absent: an ID, a
	// currency, a co-op rate or cap, a reason for a reduced approval.
	ErrMissing = errors.New("mdf: missing required value")
	// ErrInvalid reports a value malformed in another way: an unknown
	// enumeration name (see EnumError), a member that must be absent, a
	// document that does not decode, a time out of order in a
	// specification.
	ErrInvalid = errors.New("mdf: invalid value")
	// ErrNonPositive reports an amount that must be strictly positive: an
	// allotment, a reservation, a payment instalment.
	ErrNonPositive = errors.New("mdf: must be positive")
	// ErrNegative reports a figure that must not be negative: a spend, a
	// revenue, a count, cumulative co-op purchases.
	ErrNegative = errors.New("mdf: must not be negative")
	// ErrDuplicate reports two entries with the same key: fund IDs in a
	// budget split, activity types, evidence kinds, partners.
	ErrDuplicate = errors.New("mdf: duplicate key")
	// ErrInsufficient reports an operation that would take more than a
	// fund has available, or pay more than was approved: the balance
	// would turn negative (see InsufficientError).
	ErrInsufficient = errors.New("mdf: insufficient balance")
	// ErrCurrency reports amounts of two currencies combined without a
	// conversion, or a conversion given where none applies.
	ErrCurrency = errors.New("mdf: currency mismatch")
	// ErrTransition reports an operation or lifecycle event that is not
	// allowed in the current state, or dated before the last event (see
	// TransitionError).
	ErrTransition = errors.New("mdf: illegal transition")
	// ErrDeadline reports a claim after its deadline, a fund operation
	// after the fund's expiry, or an expiry before it is due.
	ErrDeadline = errors.New("mdf: deadline")
	// ErrDuplicateClaim reports a claim submitted twice: a second claim on
	// a request, or an invoice already claimed by another request (see
	// DuplicateClaims).
	ErrDuplicateClaim = errors.New("mdf: duplicate claim")
	// ErrProof reports a claim whose proof of performance has gaps (see
	// ProofError).
	ErrProof = errors.New("mdf: incomplete proof of performance")
	// ErrRange reports a decimal outside money's operating range, or a
	// count or limit outside its bounds.
	ErrRange = errors.New("mdf: out of range")
)

// InputError reports a bad input, in the manner of strconv.NumError. Path
// is the JSON Pointer (RFC 6901) of the input in the package's JSON form —
// a specification member such as "/coop/rate" or
// "/activities/2/evidence/0/kind", or a function argument named as a
// member, such as "/amount" or "/campaigns/3/spend" (the package
// documentation lists the names) — the same whether the value came from
// JSON or was built in Go. Value is the offending input as text (empty
// when there is nothing useful to show).
type InputError struct {
	Path  string
	Value string
	Err   error
}

// Error returns "mdf: <Path> = <quoted Value>: <reason>" (without the
// value when it is empty).
func (e *InputError) Error() string { return field.Message("mdf", e.Path, e.Value, e.Err) }

// Unwrap returns the reason, so that errors.Is(err, ErrMissing) and
// errors.Is(err, money.ErrRange) work.
func (e *InputError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the input.
func (e *InputError) FieldPath() string { return e.Path }

func inputErr(path, value string, err error) *InputError {
	return &InputError{Path: path, Value: field.Truncate(value), Err: err}
}

// wrap returns sentinel with a detail, or sentinel itself.
func wrap(sentinel error, format string, args ...any) error {
	if format == "" {
		return sentinel
	}
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}

// InsufficientError reports an operation that needs more than a balance
// holds. Path names the amount that was asked for ("/amount"); Need is that
// amount and Have the balance it exceeds (the fund's available amount, a
// request's unpaid approved amount, …). It unwraps to ErrInsufficient.
type InsufficientError struct {
	Path string
	Need money.Amount
	Have money.Amount
	What string // the balance, in words: "available", "approved and unpaid"
}

// Error returns "mdf: /amount = "…": insufficient balance: <What> is <Have>".
func (e *InsufficientError) Error() string {
	return field.Message("mdf", e.Path, e.Need.String(),
		fmt.Errorf("%w: %s is %s", ErrInsufficient, e.What, e.Have))
}

// Unwrap returns ErrInsufficient.
func (e *InsufficientError) Unwrap() error { return ErrInsufficient }

// FieldPath returns Path.
func (e *InsufficientError) FieldPath() string { return e.Path }

// TransitionError reports an operation or event that could not be
// applied: Op names it ("reserve", "claim"), From is the state or status
// it was tried in, and Err the reason (ErrTransition, ErrDeadline,
// ErrDuplicateClaim, …). Path is the JSON Pointer of the event member at
// fault ("/at" for a time out of order, "/kind" for an event not allowed
// in the state).
type TransitionError struct {
	Path string
	Op   string
	From string
	Err  error
}

// Error returns "mdf: /kind: <op> not allowed in <from>: <reason>".
func (e *TransitionError) Error() string {
	return field.Message("mdf", e.Path, "", fmt.Errorf("%s in state %s: %w", e.Op, e.From, e.Err))
}

// Unwrap returns the reason.
func (e *TransitionError) Unwrap() error { return e.Err }

// FieldPath returns Path.
func (e *TransitionError) FieldPath() string { return e.Path }

// EnumError reports an unknown enumeration name (or an invalid value to
// marshal). Type is a human label ("fund kind", "segment"), Input the
// rejected text, Valid the accepted names and Suggestion the nearest one.
// It unwraps to ErrInvalid.
type EnumError struct {
	Type       string
	Input      string
	Valid      []string
	Suggestion string
}

// Error returns `mdf: unknown <Type> "<Input>" (valid: …; did you mean
// "…"?)`.
func (e *EnumError) Error() string {
	return enum.Message("mdf", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrInvalid.
func (e *EnumError) Unwrap() error { return ErrInvalid }

func enumErr(label string, f enum.Failure) error {
	return &EnumError{Type: label, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

// documentError turns a *strictjson.Error into an *InputError at the same
// path; errors.Is/As still find the strictjson sentinel and its cause.
func documentError(err error) error {
	var se *strictjson.Error
	if !errors.As(err, &se) {
		return &InputError{Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	}
	return &InputError{Path: se.Path, Err: se.Detail(ErrInvalid, "mdf")}
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

func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	if l.more > 0 {
		l.errs = append(l.errs, fmt.Errorf("mdf: and %d more errors", l.more))
	}
	if len(l.errs) == 1 {
		return l.errs[0]
	}
	return errors.Join(l.errs...)
}
