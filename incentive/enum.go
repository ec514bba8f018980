package incentive

import "github.com/partnerecon/partnerecon/internal/enum"

// The names of each enumeration, index 0 being the rejected zero value,
// and the label its errors use.
const (
	recipientNames enum.Names = "unspecified partner rep"
	measureNames   enum.Names = "unspecified revenue units recurring-revenue growth-amount growth-percent events"
	motionNames    enum.Names = "unspecified new renewal expansion"
	billingNames   enum.Names = "unspecified recurring one-time"
	kindNames      enum.Names = "unspecified sale credit-note return event"
	modifierNames  enum.Names = "unspecified multiplier accelerator gate"
	limitNames     enum.Names = "unspecified component-floor component-cap component-budget-pro-rata component-budget-first-come recipient-cap budget"
	entryNames     enum.Names = "unspecified accrual settlement clawback draw draw-recovery draw-forgiveness draw-end"

	recipientLabel = "recipient kind"
	measureLabel   = "measure"
	motionLabel    = "motion"
	billingLabel   = "billing"
	kindLabel      = "transaction kind"
	modifierLabel  = "modifier kind"
	limitLabel     = "limit kind"
	entryLabel     = "entry kind"
)

// parseEnum returns the value named text, or an *EnumError.
func parseEnum[T ~uint8](names enum.Names, label, text string) (T, error) {
	v, f := names.Parse(text)
	if f.Failed {
		return 0, enumError(label, f)
	}
	return T(v), nil
}

// unmarshalEnum is UnmarshalText: *dst is set only on success.
func unmarshalEnum[T ~uint8](dst *T, names enum.Names, label string, text []byte) error {
	v, err := parseEnum[T](names, label, string(text))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// marshalEnum is MarshalText: it fails for the zero value and for values
// out of range.
func marshalEnum[T ~uint8](names enum.Names, label string, v T) ([]byte, error) {
	b, f := names.Marshal(label, uint8(v))
	if f.Failed {
		return nil, enumError(label, f)
	}
	return b, nil
}

func enumError(label string, f enum.Failure) *EnumError {
	return &EnumError{Type: label, Input: f.Input, Valid: f.Valid, Suggestion: f.Suggestion}
}

// RecipientKind says who receives a component's payout: the partner
// company or an individual rep of the partner. The zero value is invalid.
type RecipientKind uint8

// Recipient kinds.
const (
	// RecipientUnspecified is the invalid zero RecipientKind.
	RecipientUnspecified RecipientKind = iota
	// RecipientPartner pays the partner company (keyed by
	// Transaction.PartnerID).
	RecipientPartner
	// RecipientRep pays the individual sales rep (keyed by
	// Transaction.RepID).
	RecipientRep
)

// String returns "partner" or "rep".
func (k RecipientKind) String() string { return recipientNames.String(recipientLabel, uint8(k)) }

// IsValid reports whether k is RecipientPartner or RecipientRep.
func (k RecipientKind) IsValid() bool { return recipientNames.IsValid(uint8(k)) }

// MarshalText returns the name; it fails for an invalid kind.
func (k RecipientKind) MarshalText() ([]byte, error) {
	return marshalEnum(recipientNames, recipientLabel, k)
}

// UnmarshalText parses "partner" or "rep".
func (k *RecipientKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, recipientNames, recipientLabel, b)
}

// MeasureKind says what a component measures per recipient and period.
// The zero value is invalid.
type MeasureKind uint8

// Measure kinds. Money measures are in the plan currency; the sign of
// credit notes and returns survives into every measure.
const (
	// MeasureUnspecified is the invalid zero MeasureKind.
	MeasureUnspecified MeasureKind = iota
	// Revenue is Σ Amount of the eligible transactions.
	Revenue
	// Units is Σ Units of the eligible transactions.
	Units
	// RecurringRevenue is Σ Amount of the eligible transactions whose
	// Billing is Recurring.
	RecurringRevenue
	// GrowthAmount is Σ Amount − baseline, the baseline being the
	// recipient's revenue in the baseline period (Facts.Baseline).
	GrowthAmount
	// GrowthPercent is (Σ Amount − baseline) / baseline × 100, computed
	// to GrowthPlaces places (see the package documentation).
	GrowthPercent
	// EventCount counts eligible transactions: +1 for each eligible sale
	// or qualifying event, −1 for each eligible credit note or return.
	// Its name in JSON is "events".
	EventCount
)

// String returns the measure's name, e.g. "recurring-revenue".
func (k MeasureKind) String() string { return measureNames.String(measureLabel, uint8(k)) }

// IsValid reports whether k is a named measure.
func (k MeasureKind) IsValid() bool { return measureNames.IsValid(uint8(k)) }

// MarshalText returns the name; it fails for an invalid kind.
func (k MeasureKind) MarshalText() ([]byte, error) { return marshalEnum(measureNames, measureLabel, k) }

// UnmarshalText parses a name as written by MarshalText.
func (k *MeasureKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, measureNames, measureLabel, b)
}

// isMoney reports whether the measure is an amount in the plan currency.
func (k MeasureKind) isMoney() bool {
	switch k {
	case Revenue, RecurringRevenue, GrowthAmount:
		return true
	case MeasureUnspecified, Units, GrowthPercent, EventCount:
		return false
	}
	return false
}

// Motion is the sales motion of a transaction. The zero value is invalid.
type Motion uint8

// Sales motions.
const (
	// MotionUnspecified is the invalid zero Motion.
	MotionUnspecified Motion = iota
	// NewBusiness is a sale to a new customer.
	NewBusiness
	// Renewal renews an existing contract or subscription.
	Renewal
	// Expansion sells more to an existing customer (upsell, cross-sell).
	Expansion
)

// String returns "new", "renewal" or "expansion".
func (m Motion) String() string { return motionNames.String(motionLabel, uint8(m)) }

// IsValid reports whether m is a named motion.
// (A range check, not the names: it runs for every transaction;
// TestHotIsValid holds it to the names.)
func (m Motion) IsValid() bool { return m > MotionUnspecified && m <= Expansion }

// MarshalText returns the name; it fails for an invalid motion.
func (m Motion) MarshalText() ([]byte, error) { return marshalEnum(motionNames, motionLabel, m) }

// UnmarshalText parses a name as written by MarshalText.
func (m *Motion) UnmarshalText(b []byte) error { return unmarshalEnum(m, motionNames, motionLabel, b) }

// Billing says whether revenue recurs. The zero value is invalid.
type Billing uint8

// Billing kinds.
const (
	// BillingUnspecified is the invalid zero Billing.
	BillingUnspecified Billing = iota
	// Recurring is subscription (recurring) revenue.
	Recurring
	// OneTime is one-time revenue (perpetual licence, hardware, a project).
	OneTime
)

// String returns "recurring" or "one-time".
func (b Billing) String() string { return billingNames.String(billingLabel, uint8(b)) }

// IsValid reports whether b is Recurring or OneTime.
// (A range check, as Motion's.)
func (b Billing) IsValid() bool { return b > BillingUnspecified && b <= OneTime }

// MarshalText returns the name; it fails for an invalid billing.
func (b Billing) MarshalText() ([]byte, error) { return marshalEnum(billingNames, billingLabel, b) }

// UnmarshalText parses a name as written by MarshalText.
func (b *Billing) UnmarshalText(text []byte) error {
	return unmarshalEnum(b, billingNames, billingLabel, text)
}

// Kind says what a transaction is. The zero value is invalid.
type Kind uint8

// Transaction kinds. The sign of Amount and Units must match the kind.
const (
	// KindUnspecified is the invalid zero Kind.
	KindUnspecified Kind = iota
	// Sale is a sale or booking: Amount ≥ 0, Units ≥ 0.
	Sale
	// CreditNote reduces an earlier sale: Amount ≤ 0, Units ≤ 0.
	CreditNote
	// Return reverses (part of) an earlier sale: Amount ≤ 0, Units ≤ 0.
	Return
	// QualifyingEvent is a qualifying non-sale event (a registered lead, a
	// completed certification, a joint campaign); Amount and Units are
	// zero. Its name in JSON is "event".
	QualifyingEvent
)

// String returns the kind's name, e.g. "credit-note".
func (k Kind) String() string { return kindNames.String(kindLabel, uint8(k)) }

// IsValid reports whether k is a named kind.
// (A range check, as Motion's.)
func (k Kind) IsValid() bool { return k > KindUnspecified && k <= QualifyingEvent }

// MarshalText returns the name; it fails for an invalid kind.
func (k Kind) MarshalText() ([]byte, error) { return marshalEnum(kindNames, kindLabel, k) }

// UnmarshalText parses a name as written by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error { return unmarshalEnum(k, kindNames, kindLabel, b) }

// reversal reports whether the kind reverses earlier volume.
func (k Kind) reversal() bool {
	switch k {
	case CreditNote, Return:
		return true
	case KindUnspecified, Sale, QualifyingEvent:
		return false
	}
	return false
}

// ModifierKind names a modifier applied to a component's schedule payout.
// The zero value is invalid.
type ModifierKind uint8

// Modifier kinds.
const (
	// ModifierUnspecified is the invalid zero ModifierKind.
	ModifierUnspecified ModifierKind = iota
	// Multiplier multiplies the payout by the factor of the band that a
	// recipient metric (Facts.Metrics, e.g. "csat") falls in.
	Multiplier
	// Accelerator multiplies the part of the payout earned above quota:
	// P = S(min(x, q)) + f·(S(x) − S(q)) for x > q.
	Accelerator
	// Gate holds the line back (it pays 0) unless a recipient metric
	// reaches a minimum (certified, registrations) or the measure reaches
	// a share of quota (attainment); see ModifierSpec.
	Gate
)

// String returns "multiplier", "accelerator" or "gate".
func (k ModifierKind) String() string { return modifierNames.String(modifierLabel, uint8(k)) }

// IsValid reports whether k is a named modifier.
func (k ModifierKind) IsValid() bool { return modifierNames.IsValid(uint8(k)) }

// MarshalText returns the name; it fails for an invalid kind.
func (k ModifierKind) MarshalText() ([]byte, error) {
	return marshalEnum(modifierNames, modifierLabel, k)
}

// UnmarshalText parses a name as written by MarshalText.
func (k *ModifierKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, modifierNames, modifierLabel, b)
}

// LimitKind names a cap or floor recorded in a trace. The zero value is
// invalid.
type LimitKind uint8

// Limit kinds, in the order they are applied.
const (
	// LimitUnspecified is the invalid zero LimitKind.
	LimitUnspecified LimitKind = iota
	// ComponentFloor raises a line to the component's floor.
	ComponentFloor
	// ComponentCap lowers a line to the component's cap.
	ComponentCap
	// ComponentBudgetProRata lowers the rounded lines of a component
	// version so that they sum to its budget (BudgetSpec, ProRata).
	ComponentBudgetProRata
	// ComponentBudgetFirstCome lowers a rounded line to what the
	// component version's budget had left for its transactions, taken in
	// order of transaction date, then ID (BudgetSpec, FirstCome).
	ComponentBudgetFirstCome
	// RecipientCap lowers a recipient's lines so that they sum to the
	// plan's per-recipient cap.
	RecipientCap
	// BudgetCap lowers all lines so that they sum to the plan budget.
	BudgetCap
)

// String returns the limit's name, e.g. "component-cap".
func (k LimitKind) String() string { return limitNames.String(limitLabel, uint8(k)) }

// IsValid reports whether k is a named limit.
func (k LimitKind) IsValid() bool { return limitNames.IsValid(uint8(k)) }

// MarshalText returns the name; it fails for an invalid kind.
func (k LimitKind) MarshalText() ([]byte, error) { return marshalEnum(limitNames, limitLabel, k) }

// UnmarshalText parses a name as written by MarshalText.
func (k *LimitKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, limitNames, limitLabel, b)
}

// EntryKind names a ledger entry. The zero value is invalid.
type EntryKind uint8

// Ledger entry kinds.
const (
	// EntryUnspecified is the invalid zero EntryKind.
	EntryUnspecified EntryKind = iota
	// Accrual books (or trues up) the expected liability of a window.
	Accrual
	// Settlement pays the entitlement of a window minus what was already
	// settled for it.
	Settlement
	// Clawback recovers, at the original rate, payout on volume returned
	// after settlement.
	Clawback
	// DrawPaid pays the part of a draw above the window's earnings (see
	// Ledger.Draw). Its name in JSON is "draw".
	DrawPaid
	// DrawRecovery recovers a recoverable draw's balance from earnings
	// above the draw.
	DrawRecovery
	// DrawForgiveness forgives a non-recoverable draw's payment in the
	// period it is paid.
	DrawForgiveness
	// DrawEnd forgives a draw's balance on termination (Ledger.EndDraw).
	DrawEnd
)

// String returns the kind's name: "accrual", "settlement", "clawback",
// "draw", "draw-recovery", "draw-forgiveness" or "draw-end".
func (k EntryKind) String() string { return entryNames.String(entryLabel, uint8(k)) }

// IsValid reports whether k is a named entry kind.
func (k EntryKind) IsValid() bool { return entryNames.IsValid(uint8(k)) }

// MarshalText returns the name; it fails for an invalid kind.
func (k EntryKind) MarshalText() ([]byte, error) { return marshalEnum(entryNames, entryLabel, k) }

// UnmarshalText parses a name as written by MarshalText.
func (k *EntryKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, entryNames, entryLabel, b)
}

// ParseRecipientKind parses "partner" or "rep". Any other text, "unspecified"
// included, is an *EnumError listing the valid names.
func ParseRecipientKind(s string) (RecipientKind, error) {
	return parseEnum[RecipientKind](recipientNames, recipientLabel, s)
}

// ParseMeasureKind parses a measure name as written by
// MeasureKind.MarshalText, e.g. "recurring-revenue"; other text is an
// *EnumError listing the valid names.
func ParseMeasureKind(s string) (MeasureKind, error) {
	return parseEnum[MeasureKind](measureNames, measureLabel, s)
}

// ParseMotion parses "new", "renewal" or "expansion"; other text is an
// *EnumError listing the valid names.
func ParseMotion(s string) (Motion, error) { return parseEnum[Motion](motionNames, motionLabel, s) }

// ParseBilling parses "recurring" or "one-time"; other text is an
// *EnumError listing the valid names.
func ParseBilling(s string) (Billing, error) {
	return parseEnum[Billing](billingNames, billingLabel, s)
}

// ParseKind parses a transaction kind: "sale", "credit-note", "return" or
// "event"; other text is an *EnumError listing the valid names.
func ParseKind(s string) (Kind, error) { return parseEnum[Kind](kindNames, kindLabel, s) }

// ParseModifierKind parses "multiplier", "accelerator" or "gate"; other text is an
// *EnumError listing the valid names.
func ParseModifierKind(s string) (ModifierKind, error) {
	return parseEnum[ModifierKind](modifierNames, modifierLabel, s)
}

// ParseLimitKind parses a limit name as written by LimitKind.MarshalText,
// e.g. "component-cap"; other text is an *EnumError listing the valid
// names.
func ParseLimitKind(s string) (LimitKind, error) {
	return parseEnum[LimitKind](limitNames, limitLabel, s)
}

// ParseEntryKind parses an entry kind name as EntryKind.String writes it; other text
// is an *EnumError listing the valid names.
func ParseEntryKind(s string) (EntryKind, error) {
	return parseEnum[EntryKind](entryNames, entryLabel, s)
}
