package pricing

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Sentinel errors. Match them with errors.Is; the typed errors below carry
// the field and unwrap to one of these.
var (
	// ErrMissing reports a required member that is absent: a cap under
	// capped-sum, a floor rate, a list price, the cost a margin floor
	// needs, a discount or partner name, a deal ID.
	ErrMissing = errors.New("pricing: missing required value")
	// ErrInvalid reports a value outside its domain (a negative list, a
	// cap above 100 %, a member the stacking or floor does not use, a
	// decimal outside the operating range), or a malformed document.
	ErrInvalid = errors.New("pricing: invalid value")
	// ErrEnum reports an unspecified or unknown enumeration value.
	ErrEnum = errors.New("pricing: unknown enumeration value")
	// ErrStack reports a discount rate outside [0, 1], or an additive
	// stack whose total exceeds 100 %.
	ErrStack = errors.New("pricing: invalid discount stack")
	// ErrDuplicate reports two discounts of one quote with the same name,
	// a partner bidding twice on a deal, or two deals with the same ID.
	ErrDuplicate = errors.New("pricing: duplicate")
	// ErrCurrency reports a cost, or a deal of a programme, in another
	// currency than the list price (it also matches
	// money.ErrCurrencyMismatch).
	ErrCurrency = errors.New("pricing: currency mismatch")
	// ErrFloor reports a net below its floor when the floor action is
	// FloorError.
	ErrFloor = errors.New("pricing: net below floor")
)

// PolicyError reports one invalid member of a policy or protection
// specification. Path is the JSON Pointer of the member in the
// specification's JSON form ("/floor/rate", "/pricing/cap"), also for a
// specification built in Go; Value is the offending input as text (may be
// empty).
type PolicyError struct {
	Path  string
	Value string
	Err   error // a sentinel above, possibly wrapping a cause
}

// Error returns "pricing: <Path> = <quoted Value>: <reason>".
func (e *PolicyError) Error() string { return field.Message("pricing", e.Path, e.Value, e.Err) }

// Unwrap returns the reason.
func (e *PolicyError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the member.
func (e *PolicyError) FieldPath() string { return e.Path }

// InputError reports an input that cannot be priced: a list price, cost
// or discount of Policy.Quote, or a member of a Contest given to
// Protection.Check or Protection.CheckProgramme. Path is the JSON Pointer
// of the value in the input's JSON form: "/list", "/cost",
// "/discounts/2/rate" for a quote; "/id", "/owner/partner",
// "/competitors/1/discounts/0/rate" for a contest. Value is the offending
// input as text (may be empty).
type InputError struct {
	// Deal is the contest's ID, for errors of Check and CheckProgramme
	// ("" for a quote, or a contest without an ID).
	Deal  string
	Path  string
	Value string
	Err   error // a sentinel above, possibly wrapping a cause
}

// Error returns "pricing: <Path> = <quoted Value>: <reason>", with
// `deal "<Deal>" ` before the path when Deal is set.
func (e *InputError) Error() string {
	msg := field.Message("pricing", e.Path, e.Value, e.Err)
	if e.Deal == "" {
		return msg
	}
	return "pricing: deal " + strconv.Quote(field.Truncate(e.Deal)) + " " + strings.TrimPrefix(msg, "pricing: ")
}

// Unwrap returns the reason.
func (e *InputError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the value.
func (e *InputError) FieldPath() string { return e.Path }

// BelowFloorError reports a net price below its floor under FloorError.
// It is an outcome of pricing, not a malformed field.
type BelowFloorError struct {
	Kind  FloorKind
	Net   string // the net as charged (rounded to the minor unit)
	Floor string // the lowest acceptable net: exact for a share of list, rounded up for a margin
}

// Error returns "pricing: net <Net> below <Kind> floor <Floor>".
func (e *BelowFloorError) Error() string {
	return fmt.Sprintf("pricing: net %s below %s floor %s", e.Net, e.Kind, e.Floor)
}

// Unwrap returns ErrFloor.
func (e *BelowFloorError) Unwrap() error { return ErrFloor }

// wrap returns sentinel, or "sentinel: detail" still matching sentinel.
func wrap(sentinel error, format string, args ...any) error {
	if format == "" {
		return sentinel
	}
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}

// documentError turns a *strictjson.Error into a *PolicyError at the same
// path: the message names the JSON problem once, and errors.Is/As still
// find the strictjson sentinel and its cause (an *EnumError, a
// *money.ParseError, …).
func documentError(err error) error {
	var se *strictjson.Error
	if !errors.As(err, &se) {
		return &PolicyError{Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	}
	return &PolicyError{Path: se.Path, Err: se.Detail(ErrInvalid, "pricing")}
}
