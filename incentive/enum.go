package incentive

import "fmt"

// enumName returns names[v] or a "Type(n)" form for an out-of-range value.
func enumName(names []string, v uint8, typ string) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

// enumParse finds s among names[1:] (index 0 is the unspecified value,
// which is never accepted).
func enumParse(names []string, s, typ string) (uint8, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == s {
			return uint8(i), nil
		}
	}
	return 0, &EnumError{Type: typ, Value: truncate(s)}
}

func enumMarshal(names []string, v uint8, typ string) ([]byte, error) {
	if v == 0 || int(v) >= len(names) {
		return nil, &EnumError{Type: typ, Value: enumName(names, v, typ)}
	}
	return []byte(names[v]), nil
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// RecipientKind says who receives a component's payout: the partner
// company or an individual rep of the partner. The zero value is invalid.
type RecipientKind uint8

// Recipient kinds.
const (
	// RecipientUnspecified is the invalid zero RecipientKind.
	RecipientUnspecified RecipientKind = iota
	// Partner pays the partner company (keyed by Transaction.PartnerID).
	Partner
	// Rep pays the individual sales rep (keyed by Transaction.RepID).
	Rep
)

func recipientNames() []string { return []string{"unspecified", "partner", "rep"} }

// String returns "partner" or "rep".
func (k RecipientKind) String() string { return enumName(recipientNames(), uint8(k), "RecipientKind") }

// IsValid reports whether k is Partner or Rep.
func (k RecipientKind) IsValid() bool { return k == Partner || k == Rep }

// MarshalText returns the name; it fails for an invalid kind.
func (k RecipientKind) MarshalText() ([]byte, error) {
	return enumMarshal(recipientNames(), uint8(k), "RecipientKind")
}

// UnmarshalText parses "partner" or "rep".
func (k *RecipientKind) UnmarshalText(b []byte) error {
	v, err := enumParse(recipientNames(), string(b), "RecipientKind")
	*k = RecipientKind(v)
	return err
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
	// Events counts eligible qualifying events: +1 for each eligible
	// transaction, −1 for each eligible credit note or return.
	Events
)

func measureNames() []string {
	return []string{"unspecified", "revenue", "units", "recurring-revenue", "growth-amount", "growth-percent", "events"}
}

// String returns the measure's name, e.g. "recurring-revenue".
func (k MeasureKind) String() string { return enumName(measureNames(), uint8(k), "MeasureKind") }

// IsValid reports whether k is a named measure.
func (k MeasureKind) IsValid() bool { return k > MeasureUnspecified && k <= Events }

// MarshalText returns the name; it fails for an invalid kind.
func (k MeasureKind) MarshalText() ([]byte, error) {
	return enumMarshal(measureNames(), uint8(k), "MeasureKind")
}

// UnmarshalText parses a name as written by MarshalText.
func (k *MeasureKind) UnmarshalText(b []byte) error {
	v, err := enumParse(measureNames(), string(b), "MeasureKind")
	*k = MeasureKind(v)
	return err
}

// isMoney reports whether the measure is an amount in the plan currency.
func (k MeasureKind) isMoney() bool {
	switch k {
	case Revenue, RecurringRevenue, GrowthAmount:
		return true
	case MeasureUnspecified, Units, GrowthPercent, Events:
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

func motionNames() []string { return []string{"unspecified", "new", "renewal", "expansion"} }

// String returns "new", "renewal" or "expansion".
func (m Motion) String() string { return enumName(motionNames(), uint8(m), "Motion") }

// IsValid reports whether m is a named motion.
func (m Motion) IsValid() bool { return m > MotionUnspecified && m <= Expansion }

// MarshalText returns the name; it fails for an invalid motion.
func (m Motion) MarshalText() ([]byte, error) { return enumMarshal(motionNames(), uint8(m), "Motion") }

// UnmarshalText parses a name as written by MarshalText.
func (m *Motion) UnmarshalText(b []byte) error {
	v, err := enumParse(motionNames(), string(b), "Motion")
	*m = Motion(v)
	return err
}

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

func billingNames() []string { return []string{"unspecified", "recurring", "one-time"} }

// String returns "recurring" or "one-time".
func (b Billing) String() string { return enumName(billingNames(), uint8(b), "Billing") }

// IsValid reports whether b is Recurring or OneTime.
func (b Billing) IsValid() bool { return b == Recurring || b == OneTime }

// MarshalText returns the name; it fails for an invalid billing.
func (b Billing) MarshalText() ([]byte, error) {
	return enumMarshal(billingNames(), uint8(b), "Billing")
}

// UnmarshalText parses a name as written by MarshalText.
func (b *Billing) UnmarshalText(text []byte) error {
	v, err := enumParse(billingNames(), string(text), "Billing")
	*b = Billing(v)
	return err
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
	// Event is a qualifying non-sale event (a registered lead, a completed
	// certification, a joint campaign); Amount and Units are zero.
	Event
)

func kindNames() []string { return []string{"unspecified", "sale", "credit-note", "return", "event"} }

// String returns the kind's name, e.g. "credit-note".
func (k Kind) String() string { return enumName(kindNames(), uint8(k), "Kind") }

// IsValid reports whether k is a named kind.
func (k Kind) IsValid() bool { return k > KindUnspecified && k <= Event }

// MarshalText returns the name; it fails for an invalid kind.
func (k Kind) MarshalText() ([]byte, error) { return enumMarshal(kindNames(), uint8(k), "Kind") }

// UnmarshalText parses a name as written by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := enumParse(kindNames(), string(b), "Kind")
	*k = Kind(v)
	return err
}

// reversal reports whether the kind reverses earlier volume.
func (k Kind) reversal() bool {
	switch k {
	case CreditNote, Return:
		return true
	case KindUnspecified, Sale, Event:
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
)

func modifierNames() []string { return []string{"unspecified", "multiplier", "accelerator"} }

// String returns "multiplier" or "accelerator".
func (k ModifierKind) String() string { return enumName(modifierNames(), uint8(k), "ModifierKind") }

// IsValid reports whether k is a named modifier.
func (k ModifierKind) IsValid() bool { return k == Multiplier || k == Accelerator }

// MarshalText returns the name; it fails for an invalid kind.
func (k ModifierKind) MarshalText() ([]byte, error) {
	return enumMarshal(modifierNames(), uint8(k), "ModifierKind")
}

// UnmarshalText parses a name as written by MarshalText.
func (k *ModifierKind) UnmarshalText(b []byte) error {
	v, err := enumParse(modifierNames(), string(b), "ModifierKind")
	*k = ModifierKind(v)
	return err
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
	// RecipientCap lowers a recipient's lines so that they sum to the
	// plan's per-recipient cap.
	RecipientCap
	// BudgetCap lowers all lines so that they sum to the plan budget.
	BudgetCap
)

func limitNames() []string {
	return []string{"unspecified", "component-floor", "component-cap", "recipient-cap", "budget"}
}

// String returns the limit's name, e.g. "component-cap".
func (k LimitKind) String() string { return enumName(limitNames(), uint8(k), "LimitKind") }

// IsValid reports whether k is a named limit.
func (k LimitKind) IsValid() bool { return k > LimitUnspecified && k <= BudgetCap }

// MarshalText returns the name; it fails for an invalid kind.
func (k LimitKind) MarshalText() ([]byte, error) {
	return enumMarshal(limitNames(), uint8(k), "LimitKind")
}

// UnmarshalText parses a name as written by MarshalText.
func (k *LimitKind) UnmarshalText(b []byte) error {
	v, err := enumParse(limitNames(), string(b), "LimitKind")
	*k = LimitKind(v)
	return err
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
)

func entryNames() []string { return []string{"unspecified", "accrual", "settlement", "clawback"} }

// String returns "accrual", "settlement" or "clawback".
func (k EntryKind) String() string { return enumName(entryNames(), uint8(k), "EntryKind") }

// IsValid reports whether k is a named entry kind.
func (k EntryKind) IsValid() bool { return k > EntryUnspecified && k <= Clawback }

// MarshalText returns the name; it fails for an invalid kind.
func (k EntryKind) MarshalText() ([]byte, error) {
	return enumMarshal(entryNames(), uint8(k), "EntryKind")
}

// UnmarshalText parses a name as written by MarshalText.
func (k *EntryKind) UnmarshalText(b []byte) error {
	v, err := enumParse(entryNames(), string(b), "EntryKind")
	*k = EntryKind(v)
	return err
}
