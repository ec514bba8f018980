package incentive

import (
	"errors"
	"fmt"
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

// PlanError reports one invalid field of a plan (or of a ledger document,
// for ParseLedger). Path is the JSON Pointer (RFC 6901) of the field in
// the document, e.g.
// "/components/1/schedule/tiers/2/rate"; Value is the offending input as
// text (may be empty).
type PlanError struct {
	Path  string
	Value string
	Err   error // a sentinel above, possibly wrapping a tier error
}

func (e *PlanError) Error() string {
	msg := trimPrefix(e.Err)
	if e.Value == "" {
		return fmt.Sprintf("incentive: plan %s: %s", e.Path, msg)
	}
	return fmt.Sprintf("incentive: plan %s = %q: %s", e.Path, e.Value, msg)
}

// Unwrap returns the reason.
func (e *PlanError) Unwrap() error { return e.Err }

// DataError reports a transaction or recipient fact that cannot be
// evaluated. Transaction is the transaction's ID ("" for a fact), Field
// the offending field and Recipient the recipient concerned, if known.
type DataError struct {
	Transaction string
	Recipient   string
	Field       string
	Err         error // ErrData, ErrCurrency or ErrMissingFact
}

func (e *DataError) Error() string {
	switch {
	case e.Transaction != "":
		return fmt.Sprintf("incentive: transaction %q: %s: %s", e.Transaction, e.Field, trimPrefix(e.Err))
	case e.Recipient != "":
		return fmt.Sprintf("incentive: recipient %q: %s: %s", e.Recipient, e.Field, trimPrefix(e.Err))
	default:
		return fmt.Sprintf("incentive: %s: %s", e.Field, trimPrefix(e.Err))
	}
}

// Unwrap returns the reason.
func (e *DataError) Unwrap() error { return e.Err }

// EnumError reports text that names no value of an enumeration, or an
// attempt to encode an unspecified value.
type EnumError struct {
	Type  string // e.g. "MeasureKind"
	Value string
}

func (e *EnumError) Error() string {
	return fmt.Sprintf("incentive: invalid %s %q", e.Type, e.Value)
}

// Unwrap returns ErrEnum.
func (e *EnumError) Unwrap() error { return ErrEnum }

func trimPrefix(err error) string {
	if err == nil {
		return "<nil>"
	}
	s := err.Error()
	const p = "incentive: "
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
