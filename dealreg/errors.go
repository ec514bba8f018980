package dealreg

import (
	"errors"
	"fmt"
	"strings"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
)

// Sentinel errors. Match them with errors.Is; the typed errors below carry
// the details and unwrap to one of these.
var (
	// ErrTransition reports an event that is not allowed in the
	// registration's current state (or at the given time).
	ErrTransition = errors.New("dealreg: illegal transition")
	// ErrTimeOrder reports an event dated before the registration's last
	// event.
	ErrTimeOrder = errors.New("dealreg: event before the last event")
	// ErrExpired reports an event other than Expire on an approved
	// registration at or after its expiry instant.
	ErrExpired = errors.New("dealreg: protection expired")
	// ErrNotExpired reports Expire before the expiry instant.
	ErrNotExpired = errors.New("dealreg: protection has not expired")
	// ErrExtensionLimit reports an extension request beyond the policy's
	// maximum number of extensions.
	ErrExtensionLimit = errors.New("dealreg: no extensions left")
	// ErrMissingField reports a required field that is absent.
	ErrMissingField = errors.New("dealreg: missing required field")
	// ErrInvalidField reports a field whose value is malformed or out of
	// range.
	ErrInvalidField = errors.New("dealreg: invalid field")
	// ErrBelowMinimum reports a deal smaller than the policy's minimum
	// deal size.
	ErrBelowMinimum = errors.New("dealreg: deal below minimum size")
	// ErrNotEligible reports a partner not allowed to register a product
	// line (tier or certification missing) or a vendor lead it does not
	// hold.
	ErrNotEligible = errors.New("dealreg: partner not eligible")
	// ErrUnknownValue reports an unknown enumeration name or an
	// unspecified enumeration value.
	ErrUnknownValue = errors.New("dealreg: unknown value")
	// ErrDuplicateID reports two inputs with the same ID.
	ErrDuplicateID = errors.New("dealreg: duplicate id")
	// ErrNoPartner reports a lead for which no partner meets the routing
	// criteria.
	ErrNoPartner = errors.New("dealreg: no eligible partner")
	// ErrPolicyPart reports a policy without the part (PolicyPart) a
	// function needs, e.g. Registration.Apply with a policy that has only
	// protection rules.
	ErrPolicyPart = errors.New("dealreg: policy part missing")
	// ErrConflict reports an approval refused because the registration
	// conflicts with an approved, still-protected one (RefuseConflict).
	ErrConflict = errors.New("dealreg: conflicts with a protected registration")
	// ErrConflictReview reports an approval held for review because the
	// registration conflicts with an approved, still-protected one
	// (ReviewConflict without Event.Reviewed).
	ErrConflictReview = errors.New("dealreg: conflict needs review")
	// ErrLeadTransition reports a lead operation not allowed in the lead's
	// status.
	ErrLeadTransition = errors.New("dealreg: illegal lead transition")
)

// EnumError reports an unknown enumeration name, or an attempt to encode an
// unspecified value.
type EnumError struct {
	Type       string   // a human label for the enumeration, e.g. "conflict rule"
	Input      string   // the rejected text (truncated to 64 bytes), or "Type(n)" for a value
	Valid      []string // the accepted names
	Suggestion string   // the nearest accepted name, or ""
}

// Error implements error.
func (e *EnumError) Error() string {
	return enum.Message("dealreg", e.Type, e.Input, e.Valid, e.Suggestion)
}

// Unwrap returns ErrUnknownValue.
func (e *EnumError) Unwrap() error { return ErrUnknownValue }

// TransitionError reports an event that could not be applied. The
// registration is left unchanged.
type TransitionError struct {
	ID    string    // the registration's ID
	From  State     // its state when the event arrived
	Event EventKind // the event
	Err   error     // ErrTransition, ErrTimeOrder, ErrExpired, ErrNotExpired, ErrExtensionLimit, or a validation error
}

// Error implements error.
func (e *TransitionError) Error() string {
	// A reason that names the same registration (a *ConflictError) is
	// not made to repeat its ID.
	reason := strings.TrimPrefix(trimPrefix(e.Err), fmt.Sprintf("registration %q ", e.ID))
	return fmt.Sprintf("dealreg: registration %q: %s from %s: %s", e.ID, e.Event, e.From, reason)
}

// Unwrap returns the reason.
func (e *TransitionError) Unwrap() error { return e.Err }

// FieldError reports one missing or invalid field. Path is a JSON Pointer
// into the JSON form of the value checked: the policy document
// ("/extensions/max"), a deal ("/customer/name", "/skus/2/quantity"), a
// registration record ("/decided_at"), or a list argument
// ("/registrations/3/id", "/outcomes/0/list"); "" is the whole value.
type FieldError struct {
	Path  string // JSON Pointer of the offending member
	Value string // the offending value as text, may be empty
	Err   error  // ErrMissingField, ErrInvalidField, ErrBelowMinimum, ErrTimeOrder, ErrPolicyPart, or one of them wrapping a cause (e.g. a *money.CurrencyMismatchError)
	// Stage is the sales stage whose requirement failed; StageUnspecified
	// if none.
	Stage Stage
}

// Error implements error: "dealreg: /path = "value": reason", followed by
// " at stage s" for a stage requirement.
func (e *FieldError) Error() string {
	msg := field.Message("dealreg", e.Path, e.Value, e.Err)
	if e.Stage != StageUnspecified {
		msg += " at stage " + e.Stage.String()
	}
	return msg
}

// Unwrap returns the reason.
func (e *FieldError) Unwrap() error { return e.Err }

// FieldPath returns Path, the JSON Pointer of the offending member.
func (e *FieldError) FieldPath() string { return e.Path }

// EligibilityError reports why a partner may not register a product line
// or a lead.
type EligibilityError struct {
	Partner     string            // the partner's ID
	ProductLine string            // the product line, or "" for a lead
	Reason      EligibilityReason // why
	Need        string            // the minimum tier, the missing certification, or the lead's ID
	Have        string            // the partner's tier, for TierBelowMinimum
	// Path is the JSON Pointer of the product line in the deal
	// ("/product_lines/1"), or "" for a lead.
	Path string
}

// FieldPath returns Path, so that a host can show the refusal next to the
// product line.
func (e *EligibilityError) FieldPath() string { return e.Path }

// Error implements error.
func (e *EligibilityError) Error() string {
	var why string
	switch e.Reason {
	case TierBelowMinimum:
		why = fmt.Sprintf("tier %q below %q", e.Have, e.Need)
	case CertificationMissing:
		why = fmt.Sprintf("certification %q missing", e.Need)
	case LeadNotAccepted:
		why = fmt.Sprintf("lead %q is not accepted by this partner", e.Need)
	case EligibilityReasonUnspecified:
		why = "not eligible"
	default:
		why = e.Reason.String()
	}
	return fmt.Sprintf("dealreg: partner %q not eligible for %q: %s", e.Partner, e.ProductLine, why)
}

// Unwrap returns ErrNotEligible.
func (e *EligibilityError) Unwrap() error { return ErrNotEligible }

// DuplicateIDError reports two inputs with the same ID.
type DuplicateIDError struct {
	What string // "registration", "partner", "deal", …
	ID   string
	// Path is the JSON Pointer of the second occurrence, e.g.
	// "/registrations/4/id"; "" when the input has no list form.
	Path string
}

// Error implements error.
func (e *DuplicateIDError) Error() string {
	return field.Message("dealreg", e.Path, e.ID, errors.New("duplicate "+e.What+" id"))
}

// Unwrap returns ErrDuplicateID.
func (e *DuplicateIDError) Unwrap() error { return ErrDuplicateID }

// FieldPath returns Path.
func (e *DuplicateIDError) FieldPath() string { return e.Path }

// LeadError reports a lead operation that could not be applied. The lead
// record is left unchanged.
type LeadError struct {
	Lead   string     // the lead's ID
	Status LeadStatus // its status at the time of the operation; LeadStatusUnspecified before it has a record
	Op     string     // "accept", "reject", "reassign", …
	Err    error      // ErrLeadTransition, ErrTimeOrder, ErrNoPartner, or a *FieldError
}

// Error implements error.
func (e *LeadError) Error() string {
	if e.Status == LeadStatusUnspecified { // no record yet: assign, route
		return fmt.Sprintf("dealreg: lead %q: %s: %s", e.Lead, e.Op, trimPrefix(e.Err))
	}
	return fmt.Sprintf("dealreg: lead %q: %s when %s: %s", e.Lead, e.Op, e.Status, trimPrefix(e.Err))
}

// Unwrap returns the reason.
func (e *LeadError) Unwrap() error { return e.Err }

// ConflictError reports an approval that conflicts with approved,
// still-protected registrations (PolicySpec.OnApprovedConflict). It is
// the Err of the *TransitionError Apply returns.
type ConflictError struct {
	ID     string         // the registration being approved
	With   []string       // the protected registrations it conflicts with, earliest approved first (ties by ID)
	Action ConflictAction // RefuseConflict or ReviewConflict
}

// Error implements error.
func (e *ConflictError) Error() string {
	what := "conflicts with protected registration"
	if e.Action == ReviewConflict {
		what = "needs review: conflicts with protected registration"
	}
	if len(e.With) > 1 {
		what += "s"
	}
	return fmt.Sprintf("dealreg: registration %q %s %s", e.ID, what, strings.Join(e.With, ", "))
}

// Unwrap returns ErrConflict, or ErrConflictReview for ReviewConflict.
func (e *ConflictError) Unwrap() error {
	if e.Action == ReviewConflict {
		return ErrConflictReview
	}
	return ErrConflict
}

// idSet checks that IDs are present and unique.
type idSet struct {
	what string // "registration", "partner", …, for *DuplicateIDError
	seen map[string]bool
}

func newIDSet(what string, n int) idSet { return idSet{what: what, seen: make(map[string]bool, n)} }

// check returns a *FieldError (ErrMissingField) for an empty id, naming
// "/<list>/<i>/id", or a *DuplicateIDError for one seen before.
func (s idSet) check(list string, i int, id string) error {
	return s.checkAt(field.At(list, i, "id"), id)
}

// checkAt is check with the ID's full path.
func (s idSet) checkAt(path, id string) error {
	switch {
	case id == "":
		return &FieldError{Path: path, Err: ErrMissingField}
	case s.seen[id]:
		return &DuplicateIDError{What: s.what, ID: id, Path: path}
	}
	s.seen[id] = true
	return nil
}

// missing returns an ErrMissingField *FieldError for path.
func missing(path string) *FieldError { return &FieldError{Path: path, Err: ErrMissingField} }

// invalid returns an ErrInvalidField *FieldError for path and value whose
// reason is the formatted detail.
func invalid(path, value, format string, args ...any) *FieldError {
	return &FieldError{Path: path, Value: value, Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidField}, args...)...)}
}

func trimPrefix(err error) string {
	if err == nil {
		return "<nil>"
	}
	return field.Reason("dealreg", err)
}
