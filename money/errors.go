package money

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
)

// Sentinel errors. Match them with errors.Is; the typed errors below carry
// the details and unwrap to one of these.
var (
	// ErrSyntax reports text that is not a well-formed amount, rate or code.
	ErrSyntax = errors.New("money: invalid syntax")
	// ErrUnknownCurrency reports a code that is not an ISO 4217 currency.
	ErrUnknownCurrency = errors.New("money: unknown currency")
	// ErrWithdrawnCurrency reports a code ISO 4217 has withdrawn (DEM,
	// ZWL, …) where a current currency is required, or the text form of a
	// withdrawn currency (see ParseHistoricCurrency).
	ErrWithdrawnCurrency = errors.New("money: withdrawn currency")
	// ErrNoMinorUnit reports an ISO 4217 code without a minor unit (XAU,
	// XDR, XTS, XXX, …), which cannot denominate an amount.
	ErrNoMinorUnit = errors.New("money: currency has no minor unit")
	// ErrInvalidCurrency reports use of the zero (invalid) Currency or Amount.
	ErrInvalidCurrency = errors.New("money: invalid currency")
	// ErrCurrencyMismatch reports an operation on amounts of two currencies.
	ErrCurrencyMismatch = errors.New("money: currency mismatch")
	// ErrRange reports a value outside its declared range.
	ErrRange = errors.New("money: value out of range")
	// ErrRoundingMode reports an unspecified or unknown rounding mode;
	// the error is an *EnumError.
	ErrRoundingMode = errors.New("money: invalid rounding mode")
	// ErrDivisionByZero reports a division by zero.
	ErrDivisionByZero = errors.New("money: division by zero")
	// ErrPrecision reports a value with more decimal places than allowed,
	// for example an amount finer than its currency's minor unit where whole
	// minor units are required.
	ErrPrecision = errors.New("money: too many decimal places")
	// ErrNoWeights reports an allocation with no weights.
	ErrNoWeights = errors.New("money: no weights")
	// ErrNegativeWeight reports an allocation weight below zero.
	ErrNegativeWeight = errors.New("money: negative weight")
	// ErrZeroWeights reports an allocation whose weights are all zero.
	ErrZeroWeights = errors.New("money: all weights are zero")
	// ErrDuplicateKey reports two allocation weights with the same key.
	ErrDuplicateKey = errors.New("money: duplicate key")
	// ErrOverflow reports a value that does not fit the requested integer.
	ErrOverflow = errors.New("money: overflow")
	// ErrNilTotal reports a nil *big.Int total given to AllocateUnits.
	ErrNilTotal = errors.New("money: nil total")
)

// ParseError records a failed parse, in the manner of strconv.NumError.
type ParseError struct {
	Func  string // the function that failed, e.g. "ParseRate"
	Input string // the input, truncated to 64 bytes at a rune boundary
	Err   error  // the reason; one of the sentinels above
}

// Error returns "money: <Func> <quoted input>: <reason>".
func (e *ParseError) Error() string {
	return fmt.Sprintf("money: %s %q: %s", e.Func, e.Input, trimPrefix(e.Err))
}

// Unwrap returns the reason, so errors.Is(err, ErrSyntax) works.
func (e *ParseError) Unwrap() error { return e.Err }

func parseError(fn, input string, err error) *ParseError {
	return &ParseError{Func: fn, Input: field.Truncate(input), Err: err}
}

// CurrencyMismatchError reports an operation on two currencies.
type CurrencyMismatchError struct {
	Op   string // "Add", "Sub", "Cmp", "Sum", …
	A, B Currency
}

// Error returns "money: <Op>: currency mismatch <A> vs <B>".
func (e *CurrencyMismatchError) Error() string {
	return fmt.Sprintf("money: %s: currency mismatch %s vs %s", e.Op, e.A.Code(), e.B.Code())
}

// Unwrap returns ErrCurrencyMismatch.
func (e *CurrencyMismatchError) Unwrap() error { return ErrCurrencyMismatch }

// RangeError reports a value outside a declared range.
//
// Quantity names what was checked in words ("places", "exponent of
// weight", "text length", or the name a caller gave to Rate.Check). It is
// not a field path, and money's errors have no FieldPath method: money
// has no document form of its own, so a package that decodes one wraps
// this error in its own field error, which carries the JSON Pointer.
type RangeError struct {
	Quantity string // what was checked, in words
	Value    string // the offending value as text
	Min, Max string // bounds as text; empty means unbounded
}

// Error returns "money: <Quantity> = <Value> outside [<Min>, <Max>]".
func (e *RangeError) Error() string {
	lo, hi := e.Min, e.Max
	if lo == "" {
		lo = "-inf"
	}
	if hi == "" {
		hi = "+inf"
	}
	return fmt.Sprintf("money: %s = %s outside [%s, %s]", e.Quantity, e.Value, lo, hi)
}

// Unwrap returns ErrRange.
func (e *RangeError) Unwrap() error { return ErrRange }

// WeightError reports a bad allocation weight. It names the weight by its
// position in the weights slice and by its key, not by a field path (see
// RangeError): a package that allocates from a decoded document reports
// the weight's JSON Pointer in its own field error.
type WeightError struct {
	Index int    // position in the weights slice
	Key   string // the weight's key
	Err   error  // ErrNegativeWeight, ErrDuplicateKey, or a *RangeError (ErrRange)
}

// Error returns "money: weight <Index> (key <quoted Key>): <reason>".
func (e *WeightError) Error() string {
	return fmt.Sprintf("money: weight %d (key %q): %v", e.Index, e.Key, trimPrefix(e.Err))
}

// Unwrap returns the reason.
func (e *WeightError) Unwrap() error { return e.Err }

// EnumError reports text that names no value of an enumeration of the
// package, or a value that has no name (the zero value, or a number out
// of range). money has one enumeration, RoundingMode, so EnumError
// matches ErrRoundingMode. Error reads
//
//	money: unknown rounding mode "half_even" (valid: half-even, …; did you mean "half-even"?)
type EnumError struct {
	Type       string   // the enumeration, as a human label: "rounding mode"
	Input      string   // the rejected text (truncated to 64 bytes), or the value's String form
	Valid      []string // the accepted names
	Suggestion string   // the accepted name nearest to Input, or ""
}

// Error returns the shared enum-error sentence (see the type doc).
func (e *EnumError) Error() string {
	return enum.Message("money", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrRoundingMode.
func (e *EnumError) Unwrap() error { return ErrRoundingMode }

// enumError returns the *EnumError of a rounding-mode failure.
func enumError(f enum.Failure) *EnumError {
	return &EnumError{Type: roundingLabel, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

// trimPrefix returns err's message without "money: ".
func trimPrefix(err error) string { return field.Reason("money", err) }
