package tier

import (
	"errors"

	"github.com/partnerecon/partnerecon/internal/field"
)

// Sentinel errors. Match them with errors.Is; *SpecError carries the field.
var (
	// ErrMode reports an unspecified or unknown Mode.
	ErrMode = errors.New("tier: invalid mode")
	// ErrBoundary reports an unspecified or unknown Boundary.
	ErrBoundary = errors.New("tier: invalid boundary convention")
	// ErrNoTiers reports a schedule without tiers (or a linear schedule
	// with fewer than two knots).
	ErrNoTiers = errors.New("tier: no tiers")
	// ErrTooManyTiers reports more than MaxTiers tiers.
	ErrTooManyTiers = errors.New("tier: too many tiers")
	// ErrGap reports a first tier that does not start at 0, which would
	// leave volumes between 0 and the first bound without a tier.
	ErrGap = errors.New("tier: gap before the first tier")
	// ErrUnsorted reports a tier bound below the previous one (the tiers
	// would overlap).
	ErrUnsorted = errors.New("tier: bounds not ascending")
	// ErrDuplicate reports a tier bound equal to the previous one (an
	// empty tier).
	ErrDuplicate = errors.New("tier: duplicate bound")
	// ErrRate reports a negative rate, a rate set in a mode that does not
	// use rates or in a schedule whose tiers carry prices, or a rate finer
	// than a linear schedule's RatePlaces.
	ErrRate = errors.New("tier: invalid rate")
	// ErrPrice reports a negative price per unit, a price set in a mode
	// that does not use prices, or one finer than a linear schedule's
	// RatePlaces.
	ErrPrice = errors.New("tier: invalid price")
	// ErrAmount reports a negative amount or flat fee, or one set in a
	// mode that does not use it.
	ErrAmount = errors.New("tier: invalid amount")
	// ErrThreshold reports a negative threshold, or a threshold set in a
	// mode that does not use it.
	ErrThreshold = errors.New("tier: invalid threshold")
	// ErrStep reports a missing or non-positive step size in the
	// increment and package modes, or a step set in another mode.
	ErrStep = errors.New("tier: invalid step")
	// ErrRounding reports rate places or a rounding mode that are missing
	// or invalid in linear mode, or set in another mode.
	ErrRounding = errors.New("tier: invalid rate rounding")
	// ErrMissing reports a member the schedule's mode uses that is absent
	// from a schedule document: a tier's from, rate (or price) or amount,
	// the threshold, the step or rate_places. Absence is never read as
	// zero (a Spec built in Go states every value; see RequirePresent).
	ErrMissing = errors.New("tier: missing required member")
	// ErrJSON reports a schedule document that could not be decoded:
	// malformed JSON, an unknown, duplicate or null member, a JSON number
	// where a decimal string is required, a document too large or too
	// deep (see ParseSchedule).
	ErrJSON = errors.New("tier: invalid schedule document")
	// ErrRange reports a decimal outside the supported range: more than
	// MaxPlaces digits after the point, or a magnitude of MaxMagnitude or
	// more.
	ErrRange = errors.New("tier: value out of range")
)

// SpecError reports one invalid field of a Spec. Path is the JSON Pointer
// (RFC 6901) of the field in the schedule's JSON form, such as
// "/tiers/2/from", also for a Spec built in Go; Value is the offending
// input as text (may be empty).
type SpecError struct {
	Path  string
	Value string
	Err   error // one of the sentinels above
}

// Error returns "tier: <Path> = <quoted Value>: <reason>".
func (e *SpecError) Error() string { return field.Message("tier", e.Path, e.Value, e.Err) }

// FieldPath returns Path, the JSON Pointer of the field: hosts map an
// error of any package to a form field through this one method.
func (e *SpecError) FieldPath() string { return e.Path }

// Unwrap returns the sentinel.
func (e *SpecError) Unwrap() error { return e.Err }
