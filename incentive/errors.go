package incentive

import (
	"errors"
	"strconv"
	"strings"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
)

// Sentinel errors. Match them with errors.Is; the typed errors below carry
// the details (JSON path, transaction, field) and unwrap to one of these.
var (
	// ErrInvalid reports a plan field with a value outside its domain
	// (an empty ID, places out of range, a floor above a cap, …).
	ErrInvalid = errors.New("incentive: invalid value")
	// ErrEnum reports an unspecified or unknown enumeration value.
	ErrEnum = errors.New("incentive: invalid enumeration value")
	// ErrTooMany reports more components, tiers, modifiers or list
	// entries than the documented maximum (MaxComponents, MaxTiers, …).
	ErrTooMany = errors.New("incentive: too many entries")
	// ErrDuplicate reports two components with the same ID, or a value
	// listed twice in a set.
	ErrDuplicate = errors.New("incentive: duplicate")
	// ErrSchedule reports a component schedule rejected by package tier.
	ErrSchedule = errors.New("incentive: invalid schedule")
	// ErrData reports a transaction that cannot be evaluated: a missing
	// recipient ID, a sign that contradicts its kind, an unspecified enum.
	ErrData = errors.New("incentive: invalid transaction")
	// ErrCurrency reports a transaction or amount in a currency other than
	// the plan's.
	ErrCurrency = errors.New("incentive: currency mismatch")
	// ErrMissingFact reports a recipient fact the plan needs (a growth
	// baseline, a quota, a modifier metric) that Facts does not provide,
	// or a zero baseline for a growth percentage.
	ErrMissingFact = errors.New("incentive: missing recipient fact")
	// ErrMismatch reports partial results, ledgers or results that belong
	// to different plans (by content hash) or periods.
	ErrMismatch = errors.New("incentive: plan or period mismatch")
	// ErrPeriod reports an invalid period (empty ID, End not after Start).
	ErrPeriod = errors.New("incentive: invalid period")
	// ErrClosed reports an attempt to settle or accrue a window with a run
	// that is not later than the window's last run: closed runs are never
	// edited.
	ErrClosed = errors.New("incentive: run already closed")
)

// PlanError reports one invalid field of a plan. Path is the JSON Pointer
// (RFC 6901) of the field in the plan's JSON form, e.g.
// "/components/1/schedule/tiers/2/rate", also for a PlanSpec built in Go;
// "" is the whole plan. Value is the offending input as text (may be
// empty). Err is a sentinel above, possibly wrapping a cause (a schedule
// error also matches package tier's sentinels).
type PlanError struct {
	Path  string
	Value string
	Err   error
}

// Error returns "incentive: /path = "value": reason".
func (e *PlanError) Error() string { return field.Message(pkg, e.Path, e.Value, e.Err) }

// Unwrap returns Err.
func (e *PlanError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the field: hosts map an
// error of any package of the module to a form field through
// errors.As(err, &interface{ FieldPath() string }).
func (e *PlanError) FieldPath() string { return e.Path }

// DataError reports input data that cannot be used: a transaction or a
// recipient's facts that cannot be evaluated, a partial that does not fit
// the accumulator, a ledger document that is not a ledger.
//
// Path is the JSON Pointer of the offending field in the input's JSON form:
// the Transaction's ("/amount", "/partner_id"), the RecipientFacts'
// ("/baselines/volume"), the Partial's ("/measures/3") or the ledger
// document's ("/entries/2/run"); "" is the input as a whole. Transaction
// is the transaction's ID ("" when the input is not a transaction) and
// Recipient the recipient concerned ("partner:acme"), when known. Value is
// the offending input as text (may be empty).
type DataError struct {
	Transaction string
	Recipient   string
	Path        string
	Value       string
	Err         error // ErrData, ErrCurrency, ErrMissingFact or ErrMismatch
}

// Error returns "incentive: transaction "id": /path = "value": reason"
// (or recipient "kind:id" instead of the transaction).
func (e *DataError) Error() string {
	msg := field.Message(pkg, e.Path, e.Value, e.Err)
	var who string
	switch {
	case e.Transaction != "":
		who = "transaction " + strconv.Quote(field.Truncate(e.Transaction))
	case e.Recipient != "":
		who = "recipient " + strconv.Quote(field.Truncate(e.Recipient))
	default:
		return msg
	}
	return pkg + ": " + who + ": " + strings.TrimPrefix(msg, pkg+": ")
}

// Unwrap returns Err.
func (e *DataError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the field (see PlanError).
func (e *DataError) FieldPath() string { return e.Path }

// EnumError reports text that names no value of an enumeration, or an
// attempt to encode the unspecified (or an out-of-range) value. It
// unwraps to ErrEnum.
type EnumError struct {
	Type       string   // what the enumeration is, e.g. "measure"
	Input      string   // the rejected text (truncated), or "measure(9)" for a value
	Valid      []string // the accepted names
	Suggestion string   // the accepted name nearest to Input, or ""
}

// Error returns, e.g.,
// incentive: unknown measure "revenu" (valid: revenue, …; did you mean "revenue"?).
func (e *EnumError) Error() string {
	return enum.Message(pkg, e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrEnum.
func (e *EnumError) Unwrap() error { return ErrEnum }

// pkg prefixes every message of the package.
const pkg = "incentive"
