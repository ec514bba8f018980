package incentive

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Transaction is one input line: a sale, a credit note, a return or a
// qualifying event. Credit notes and returns carry negative Amount and
// Units, and the sign survives into every measure. The attributes
// (PartnerTier, Certifications, Territory, …) are those in force at Date,
// so a partner promoted mid-period counts at the right tier.
type Transaction struct {
	// ID identifies the transaction in errors; evaluation does not
	// deduplicate IDs (memory stays bounded by recipients), so the host
	// must not send a transaction twice.
	ID   string
	Date time.Time
	Kind Kind
	// PartnerID is required; RepID is required when a rep component counts
	// the transaction.
	PartnerID string
	RepID     string
	// Amount is in the plan currency; the zero Amount means 0 (events).
	Amount money.Amount
	Units  decimal.Decimal
	// Motion and Billing are required for sales, credit notes and returns.
	Motion  Motion
	Billing Billing
	// Authorised reports a sale inside the partner's authorised territory.
	Authorised     bool
	PartnerTier    string
	Certifications []string
	Territory      string
	Category       string
	Segment        string
	// Event names a qualifying event (Kind Event), e.g. "lead-registered".
	Event string
	// Corrects, on a credit note or return, names the already settled
	// period of the original sale. Such a transaction is not part of its
	// own period's measure (the Accumulator counts it as skipped): it is
	// clawed back from the period it corrects by Ledger.Clawback.
	Corrects string
}

// check validates the fields every component relies on.
func (t *Transaction) check(cur money.Currency) error { return t.checkSigned(cur, t.Amount.Sign()) }

// checkSigned is check with the sign of t.Amount already known.
func (t *Transaction) checkSigned(cur money.Currency, as int) error {
	bad := func(field string, err error) error {
		return &DataError{Transaction: truncate(t.ID), Field: field, Err: err}
	}
	if !t.Kind.IsValid() {
		return bad("kind", ErrData)
	}
	if t.PartnerID == "" {
		return bad("partner_id", ErrData)
	}
	if t.Amount.IsValid() && t.Amount.Currency() != cur {
		return bad("amount", ErrCurrency)
	}
	us := t.Units.Sign()
	switch t.Kind {
	case Sale:
		if as < 0 || us < 0 {
			return bad("amount", ErrData)
		}
		if t.Corrects != "" {
			return bad("corrects", ErrData)
		}
	case CreditNote, Return:
		if as > 0 || us > 0 {
			return bad("amount", ErrData)
		}
	case Event:
		if t.Corrects != "" {
			return bad("corrects", ErrData)
		}
		if as != 0 || us != 0 {
			return bad("amount", ErrData)
		}
		return nil
	case KindUnspecified:
		return bad("kind", ErrData)
	}
	if !t.Motion.IsValid() {
		return bad("motion", ErrData)
	}
	if !t.Billing.IsValid() {
		return bad("billing", ErrData)
	}
	return nil
}

// Recipient is who a line pays: a partner company or an individual rep.
type Recipient struct {
	Kind RecipientKind `json:"kind"`
	ID   string        `json:"id"`
}

// String returns "partner:ID" or "rep:ID".
func (r Recipient) String() string { return r.Kind.String() + ":" + r.ID }

// compare orders recipients by ID, then kind.
func (r Recipient) compare(o Recipient) int {
	switch {
	case r.ID < o.ID:
		return -1
	case r.ID > o.ID:
		return 1
	case r.Kind < o.Kind:
		return -1
	case r.Kind > o.Kind:
		return 1
	}
	return 0
}

// RecipientFacts are the per-recipient inputs some components need beyond
// transactions. Maps are keyed by component ID (Baselines, Quotas) or
// metric name (Metrics).
type RecipientFacts struct {
	// Baselines is the measure of the baseline period, for growth
	// measures.
	Baselines map[string]decimal.Decimal
	// Quotas is the recipient's quota, for accelerators without a fixed
	// quota.
	Quotas map[string]decimal.Decimal
	// Metrics holds modifier metrics such as "csat".
	Metrics map[string]decimal.Decimal
}

// Facts maps recipients to their facts. A nil Facts is fine for plans that
// need none.
type Facts map[Recipient]RecipientFacts
