package mdf

import "github.com/partnerecon/partnerecon/internal/enum"

// FundKind is the kind of a fund: how money enters it.
type FundKind uint8

// FundKind values. The zero value is FundKindUnspecified.
const (
	// FundKindUnspecified is the zero value; it is rejected by validation and
	// MarshalText.
	FundKindUnspecified FundKind = iota
	// Discretionary (discretionary): a market development fund the vendor allots at its discretion (by partner, tier, segment or country).
	Discretionary
	// Coop (coop): a co-op fund that accrues as a rate of the partner's eligible purchases, up to a cap.
	Coop
)

const fundKindNames enum.Names = "unspecified discretionary coop"

// String returns the name ("discretionary", "coop"), or "unspecified".
func (f FundKind) String() string { return fundKindNames.String("fund kind", uint8(f)) }

// IsValid reports whether f is a named value other than FundKindUnspecified.
func (f FundKind) IsValid() bool { return fundKindNames.IsValid(uint8(f)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (f FundKind) MarshalText() ([]byte, error) {
	return marshalEnum(fundKindNames, "fund kind", uint8(f))
}

// UnmarshalText parses a name (see ParseFundKind). On error the value is unchanged.
func (f *FundKind) UnmarshalText(b []byte) error {
	v, err := ParseFundKind(string(b))
	if err == nil {
		*f = v
	}
	return err
}

// ParseFundKind parses "discretionary", "coop" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseFundKind(text string) (FundKind, error) {
	v, err := parseEnum(fundKindNames, "fund kind", text)
	return FundKind(v), err
}

// FundStatus is where a fund is in its life.
type FundStatus uint8

// FundStatus values. The zero value is FundStatusUnspecified.
const (
	// FundStatusUnspecified is the zero value; it is rejected by validation and
	// MarshalText.
	FundStatusUnspecified FundStatus = iota
	// FundOpen (open): the fund accepts allotments, accruals and new requests until its expiry.
	FundOpen
	// FundExpired (expired): the fund has expired (Expire or Rollover): what was available has lapsed or moved; commitments made before still run.
	FundExpired
	// FundCancelled (cancelled): the vendor cancelled the fund: what was available has lapsed; commitments made before still run.
	FundCancelled
)

const fundStatusNames enum.Names = "unspecified open expired cancelled"

// String returns the name ("open", "expired", "cancelled"), or "unspecified".
func (f FundStatus) String() string { return fundStatusNames.String("fund status", uint8(f)) }

// IsValid reports whether f is a named value other than FundStatusUnspecified.
func (f FundStatus) IsValid() bool { return fundStatusNames.IsValid(uint8(f)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (f FundStatus) MarshalText() ([]byte, error) {
	return marshalEnum(fundStatusNames, "fund status", uint8(f))
}

// UnmarshalText parses a name (see ParseFundStatus). On error the value is unchanged.
func (f *FundStatus) UnmarshalText(b []byte) error {
	v, err := ParseFundStatus(string(b))
	if err == nil {
		*f = v
	}
	return err
}

// ParseFundStatus parses "open", "expired", "cancelled" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseFundStatus(text string) (FundStatus, error) {
	v, err := parseEnum(fundStatusNames, "fund status", text)
	return FundStatus(v), err
}

// RequestState is the lifecycle state of a fund request.
type RequestState uint8

// RequestState values. The zero value is RequestStateUnspecified.
const (
	// RequestStateUnspecified is the zero value; it is rejected by validation and
	// MarshalText.
	RequestStateUnspecified RequestState = iota
	// Requested (requested): the partner asked for funds; the amount is pending against the fund.
	Requested
	// PreApproved (pre-approved): the vendor pre-approved an amount (possibly reduced, with a reason); it is approved against the fund.
	PreApproved
	// ActivityDone (activity-done): the partner reported the activity complete; the claim deadline runs from its end.
	ActivityDone
	// Claimed (claimed): the partner claimed reimbursement with proof of performance.
	Claimed
	// ClaimApproved (claim-approved): the vendor approved the claim in full or reduced; instalments are paid against it.
	ClaimApproved
	// Paid (paid): the approved claim is paid in full (terminal).
	Paid
	// Denied (denied): the vendor denied the request before the activity; the amount returned to available (terminal).
	Denied
	// ClaimDenied (claim-denied): the vendor denied the claim; the amount returned to available (terminal).
	ClaimDenied
	// Cancelled (cancelled): the partner cancelled before the claim was decided; the amount returned to available (terminal).
	Cancelled
	// Lapsed (lapsed): no claim by the deadline; the amount returned to available (terminal).
	Lapsed
)

const requestStateNames enum.Names = "unspecified requested pre-approved activity-done claimed claim-approved paid denied claim-denied cancelled lapsed"

// String returns the name ("requested", "pre-approved", "activity-done", "claimed", "claim-approved", "paid", "denied", "claim-denied", "cancelled", "lapsed"), or "unspecified".
func (r RequestState) String() string { return requestStateNames.String("request state", uint8(r)) }

// IsValid reports whether r is a named value other than RequestStateUnspecified.
func (r RequestState) IsValid() bool { return requestStateNames.IsValid(uint8(r)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (r RequestState) MarshalText() ([]byte, error) {
	return marshalEnum(requestStateNames, "request state", uint8(r))
}

// UnmarshalText parses a name (see ParseRequestState). On error the value is unchanged.
func (r *RequestState) UnmarshalText(b []byte) error {
	v, err := ParseRequestState(string(b))
	if err == nil {
		*r = v
	}
	return err
}

// ParseRequestState parses "requested", "pre-approved", "activity-done", "claimed", "claim-approved", "paid", "denied", "claim-denied", "cancelled", "lapsed" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseRequestState(text string) (RequestState, error) {
	v, err := parseEnum(requestStateNames, "request state", text)
	return RequestState(v), err
}

// RequestEventKind is a lifecycle event on a fund request.
type RequestEventKind uint8

// RequestEventKind values. The zero value is RequestEventKindUnspecified.
const (
	// RequestEventKindUnspecified is the zero value; it is rejected by validation and
	// MarshalText.
	RequestEventKindUnspecified RequestEventKind = iota
	// PreApprove (pre-approve): the vendor pre-approves the requested amount, or a smaller amount with a reason.
	PreApprove
	// Deny (deny): the vendor denies the request, with a reason.
	Deny
	// Cancel (cancel): the partner cancels the request.
	Cancel
	// CompleteActivity (complete-activity): the partner reports the activity complete on a given end date.
	CompleteActivity
	// Extend (extend): the vendor extends the claim deadline by the programme's extension length.
	Extend
	// SubmitClaim (claim): the partner claims the activity's cost with proof of performance.
	SubmitClaim
	// ApproveClaim (approve-claim): the vendor approves the claim: in full, or a smaller amount with a reason.
	ApproveClaim
	// DenyClaim (deny-claim): the vendor denies the claim, with a reason.
	DenyClaim
	// Pay (pay): the vendor pays an instalment of the approved claim.
	Pay
	// Lapse (lapse): the claim deadline passed without a claim.
	Lapse
)

const requestEventKindNames enum.Names = "unspecified pre-approve deny cancel complete-activity extend claim approve-claim deny-claim pay lapse"

// String returns the name ("pre-approve", "deny", "cancel", "complete-activity", "extend", "claim", "approve-claim", "deny-claim", "pay", "lapse"), or "unspecified".
func (r RequestEventKind) String() string {
	return requestEventKindNames.String("request event", uint8(r))
}

// IsValid reports whether r is a named value other than RequestEventKindUnspecified.
func (r RequestEventKind) IsValid() bool { return requestEventKindNames.IsValid(uint8(r)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (r RequestEventKind) MarshalText() ([]byte, error) {
	return marshalEnum(requestEventKindNames, "request event", uint8(r))
}

// UnmarshalText parses a name (see ParseRequestEventKind). On error the value is unchanged.
func (r *RequestEventKind) UnmarshalText(b []byte) error {
	v, err := ParseRequestEventKind(string(b))
	if err == nil {
		*r = v
	}
	return err
}

// ParseRequestEventKind parses "pre-approve", "deny", "cancel", "complete-activity", "extend", "claim", "approve-claim", "deny-claim", "pay", "lapse" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseRequestEventKind(text string) (RequestEventKind, error) {
	v, err := parseEnum(requestEventKindNames, "request event", text)
	return RequestEventKind(v), err
}

// DecisionReason is why the vendor reduced or denied an amount.
type DecisionReason uint8

// DecisionReason values. The zero value is DecisionReasonUnspecified.
const (
	// DecisionReasonUnspecified is the zero value; it is rejected by validation and
	// MarshalText.
	DecisionReasonUnspecified DecisionReason = iota
	// IneligibleActivity (ineligible-activity): the activity is not eligible under the programme.
	IneligibleActivity
	// IneligibleCost (ineligible-cost): some costs are not eligible (taxes, travel, items outside the activity).
	IneligibleCost
	// IncompleteProof (incomplete-proof): the proof of performance does not support the full amount.
	IncompleteProof
	// AboveRateCard (above-rate-card): the cost is above the agreed rate card.
	AboveRateCard
	// OverBudget (over-budget): the programme's budget does not cover the full amount.
	OverBudget
	// LateClaim (late-claim): the claim or an item of it came after the deadline.
	LateClaim
	// DuplicateItem (duplicate-item): an item was already claimed elsewhere.
	DuplicateItem
	// OtherPolicy (other-policy): another programme rule, named in the note.
	OtherPolicy
)

const decisionReasonNames enum.Names = "unspecified ineligible-activity ineligible-cost incomplete-proof above-rate-card over-budget late-claim duplicate-item other-policy"

// String returns the name ("ineligible-activity", "ineligible-cost", "incomplete-proof", "above-rate-card", "over-budget", "late-claim", "duplicate-item", "other-policy"), or "unspecified".
func (r DecisionReason) String() string {
	return decisionReasonNames.String("decision reason", uint8(r))
}

// IsValid reports whether r is a named value other than DecisionReasonUnspecified.
func (r DecisionReason) IsValid() bool { return decisionReasonNames.IsValid(uint8(r)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (r DecisionReason) MarshalText() ([]byte, error) {
	return marshalEnum(decisionReasonNames, "decision reason", uint8(r))
}

// UnmarshalText parses a name (see ParseDecisionReason). On error the value is unchanged.
func (r *DecisionReason) UnmarshalText(b []byte) error {
	v, err := ParseDecisionReason(string(b))
	if err == nil {
		*r = v
	}
	return err
}

// ParseDecisionReason parses "ineligible-activity", "ineligible-cost", "incomplete-proof", "above-rate-card", "over-budget", "late-claim", "duplicate-item", "other-policy" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseDecisionReason(text string) (DecisionReason, error) {
	v, err := parseEnum(decisionReasonNames, "decision reason", text)
	return DecisionReason(v), err
}

// EvidenceKind is a kind of proof-of-performance item.
type EvidenceKind uint8

// EvidenceKind values. The zero value is EvidenceKindUnspecified.
const (
	// EvidenceKindUnspecified is the zero value; it is rejected by validation and
	// MarshalText.
	EvidenceKindUnspecified EvidenceKind = iota
	// Invoice (invoice): a supplier invoice for a cost of the activity, with its amount.
	Invoice
	// AttendeeList (attendee-list): a person who attended the event.
	AttendeeList
	// Leads (leads): a lead captured by the activity (it becomes an attributable touch).
	Leads
	// Recipients (recipients): a recipient of an e-mail campaign.
	Recipients
	// Media (media): a photo, screenshot or copy of the advertisement.
	Media
)

const evidenceKindNames enum.Names = "unspecified invoice attendee-list leads recipients media"

// String returns the name ("invoice", "attendee-list", "leads", "recipients", "media"), or "unspecified".
func (e EvidenceKind) String() string { return evidenceKindNames.String("evidence kind", uint8(e)) }

// IsValid reports whether e is a named value other than EvidenceKindUnspecified.
func (e EvidenceKind) IsValid() bool { return evidenceKindNames.IsValid(uint8(e)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (e EvidenceKind) MarshalText() ([]byte, error) {
	return marshalEnum(evidenceKindNames, "evidence kind", uint8(e))
}

// UnmarshalText parses a name (see ParseEvidenceKind). On error the value is unchanged.
func (e *EvidenceKind) UnmarshalText(b []byte) error {
	v, err := ParseEvidenceKind(string(b))
	if err == nil {
		*e = v
	}
	return err
}

// ParseEvidenceKind parses "invoice", "attendee-list", "leads", "recipients", "media" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseEvidenceKind(text string) (EvidenceKind, error) {
	v, err := parseEnum(evidenceKindNames, "evidence kind", text)
	return EvidenceKind(v), err
}

// Segment is a partner's marketing segment.
type Segment uint8

// Segment values. The zero value is SegmentUnspecified.
const (
	// SegmentUnspecified is the zero value; it is rejected by validation and
	// MarshalText.
	SegmentUnspecified Segment = iota
	// Core (core): markets capably on its own and needs little help.
	Core
	// Growth (growth): eager to market and uses the vendor's resources; help it through the last mile.
	Growth
	// SalesOnly (sales-only): sells but will not market without continuous support.
	SalesOnly
	// OneToMany (one-to-many): too small for individual support: serve it with one-to-many programmes.
	OneToMany
)

const segmentNames enum.Names = "unspecified core growth sales-only one-to-many"

// String returns the name ("core", "growth", "sales-only", "one-to-many"), or "unspecified".
func (s Segment) String() string { return segmentNames.String("segment", uint8(s)) }

// IsValid reports whether s is a named value other than SegmentUnspecified.
func (s Segment) IsValid() bool { return segmentNames.IsValid(uint8(s)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (s Segment) MarshalText() ([]byte, error) { return marshalEnum(segmentNames, "segment", uint8(s)) }

// UnmarshalText parses a name (see ParseSegment). On error the value is unchanged.
func (s *Segment) UnmarshalText(b []byte) error {
	v, err := ParseSegment(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseSegment parses "core", "growth", "sales-only", "one-to-many" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseSegment(text string) (Segment, error) {
	v, err := parseEnum(segmentNames, "segment", text)
	return Segment(v), err
}

// FigureStatus is whether a ratio exists.
type FigureStatus uint8

// FigureStatus values. The zero value is FigureStatusUnspecified.
const (
	// FigureStatusUnspecified is the zero value; it is rejected by validation and
	// MarshalText.
	FigureStatusUnspecified FigureStatus = iota
	// Defined (defined): the figure has a value.
	Defined
	// NoSpend (no-spend): the spend is zero: a figure per unit spent does not exist.
	NoSpend
	// NoLeads (no-leads): there are no leads: the cost per lead does not exist.
	NoLeads
	// NoOpportunities (no-opportunities): there are no opportunities: the cost per opportunity does not exist.
	NoOpportunities
	// NoAllocation (no-allocation): nothing was allocated: the utilisation does not exist.
	NoAllocation
)

const figureStatusNames enum.Names = "unspecified defined no-spend no-leads no-opportunities no-allocation"

// String returns the name ("defined", "no-spend", "no-leads", "no-opportunities", "no-allocation"), or "unspecified".
func (f FigureStatus) String() string { return figureStatusNames.String("figure status", uint8(f)) }

// IsValid reports whether f is a named value other than FigureStatusUnspecified.
func (f FigureStatus) IsValid() bool { return figureStatusNames.IsValid(uint8(f)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (f FigureStatus) MarshalText() ([]byte, error) {
	return marshalEnum(figureStatusNames, "figure status", uint8(f))
}

// UnmarshalText parses a name (see ParseFigureStatus). On error the value is unchanged.
func (f *FigureStatus) UnmarshalText(b []byte) error {
	v, err := ParseFigureStatus(string(b))
	if err == nil {
		*f = v
	}
	return err
}

// ParseFigureStatus parses "defined", "no-spend", "no-leads", "no-opportunities", "no-allocation" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseFigureStatus(text string) (FigureStatus, error) {
	v, err := parseEnum(figureStatusNames, "figure status", text)
	return FigureStatus(v), err
}

// GapReason is why a proof of performance falls short.
type GapReason uint8

// GapReason values. The zero value is GapReasonUnspecified.
const (
	// GapReasonUnspecified is the zero value; it is rejected by MarshalText.
	GapReasonUnspecified GapReason = iota
	// TooFewItems (too-few-items): fewer items of a required kind than the programme asks for.
	TooFewItems
	// MissingItemID (missing-id): an item without its identifier.
	MissingItemID
	// DuplicateItemID (duplicate-id): two items of one kind with the same identifier.
	DuplicateItemID
	// MissingInvoiceAmount (missing-amount): an invoice without its amount, or with an amount that is not positive.
	MissingInvoiceAmount
	// InvoiceCurrency (invoice-currency): an invoice in another currency than the claim.
	InvoiceCurrency
	// InvoicesShort (invoices-short): the invoices sum to less than the claimed cost.
	InvoicesShort
	// ItemOutsideActivity (outside-activity): an item dated before the activity's start or after the claim.
	ItemOutsideActivity
)

const gapReasonNames enum.Names = "unspecified too-few-items missing-id duplicate-id missing-amount invoice-currency invoices-short outside-activity"

// String returns the name ("too-few-items", "missing-id", "duplicate-id", "missing-amount", "invoice-currency", "invoices-short", "outside-activity"), or "unspecified".
func (g GapReason) String() string { return gapReasonNames.String("gap reason", uint8(g)) }

// IsValid reports whether g is a named value other than GapReasonUnspecified.
func (g GapReason) IsValid() bool { return gapReasonNames.IsValid(uint8(g)) }

// MarshalText returns the name; an invalid value fails with an *EnumError.
func (g GapReason) MarshalText() ([]byte, error) {
	return marshalEnum(gapReasonNames, "gap reason", uint8(g))
}

// UnmarshalText parses a name (see ParseGapReason). On error the value is unchanged.
func (g *GapReason) UnmarshalText(b []byte) error {
	v, err := ParseGapReason(string(b))
	if err == nil {
		*g = v
	}
	return err
}

// ParseGapReason parses "too-few-items", "missing-id", "duplicate-id", "missing-amount", "invoice-currency", "invoices-short", "outside-activity" (exact, lowercase); anything else is an
// *EnumError (ErrInvalid) listing the valid names.
func ParseGapReason(text string) (GapReason, error) {
	v, err := parseEnum(gapReasonNames, "gap reason", text)
	return GapReason(v), err
}

func marshalEnum(names enum.Names, label string, v uint8) ([]byte, error) {
	b, f := names.Marshal(label, v)
	if f.Failed {
		return nil, enumErr(label, f)
	}
	return b, nil
}

func parseEnum(names enum.Names, label, text string) (uint8, error) {
	v, f := names.Parse(text)
	if f.Failed {
		return 0, enumErr(label, f)
	}
	return v, nil
}
