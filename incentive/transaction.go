package incentive

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// Transaction is one input line: a sale, a credit note, a return or a
// qualifying event. Credit notes and returns carry negative Amount and
// Units, and the sign survives into every measure. The attributes
// (PartnerTier, Certifications, Territory, …) are those in force at Date,
// so a partner promoted mid-period counts at the right tier.
//
// Its JSON form (snake_case keys) is what DataError paths point into:
// "/amount", "/partner_id", "/motion".
type Transaction struct {
	// ID identifies the transaction in errors; evaluation does not
	// deduplicate IDs (memory stays bounded by recipients), so the host
	// must not send a transaction twice.
	ID   string    `json:"id"`
	Date time.Time `json:"date"`
	Kind Kind      `json:"kind"`
	// PartnerID is required; RepID is required when a rep component counts
	// the transaction.
	PartnerID string `json:"partner_id"`
	RepID     string `json:"rep_id,omitzero"`
	// Date is required (the zero time is an error, never "outside the
	// period").
	//
	// Amount is in the plan currency; required and positive on a sale,
	// the zero Amount means 0 elsewhere (events).
	Amount money.Amount    `json:"amount,omitzero"`
	Units  decimal.Decimal `json:"units,omitzero"`
	// Motion is required on sales, credit notes and returns only when a
	// component of the plan filters on motions; Billing only when one
	// filters on billing or measures recurring revenue. Otherwise they
	// may be left unspecified.
	Motion  Motion  `json:"motion,omitzero"`
	Billing Billing `json:"billing,omitzero"`
	// Authorised reports a sale inside the partner's authorised territory.
	Authorised     bool     `json:"authorised,omitzero"`
	PartnerTier    string   `json:"partner_tier,omitzero"`
	Certifications []string `json:"certifications,omitzero"`
	Territory      string   `json:"territory,omitzero"`
	Category       string   `json:"category,omitzero"`
	Segment        string   `json:"segment,omitzero"`
	// Event names a qualifying event (Kind QualifyingEvent), e.g.
	// "lead-registered".
	Event string `json:"event,omitzero"`
	// TermMonths is the term of a subscription contract in months (1 to
	// MaxTermMonths): required on recurring sales, credit notes and
	// returns when a component of the plan values contracts by their term
	// (ComponentSpec.ContractValue), and then Amount is the amount booked
	// for the whole term.
	TermMonths int32 `json:"term_months,omitzero"`
	// Corrects, on a credit note or return, names the already settled
	// period of the original sale. Such a transaction is not part of its
	// own period's measure (the Accumulator counts it as skipped): it is
	// clawed back from the period it corrects by Ledger.Clawback.
	Corrects string `json:"corrects,omitzero"`
	// Credits, if any, credit the transaction to several partners or reps
	// (at most MaxCredits): for each recipient kind they name, they replace
	// the transaction's own recipient (PartnerID or RepID; the other
	// fields still describe the sale). Split credit of a kind sums to
	// exactly 100 %; overlay credit is additive (see Credit). A return or
	// credit note carries the credits of the sale it reverses, and each
	// recipient's part is reversed with the same shares.
	Credits []Credit `json:"credits,omitzero"`
}

// checkRange reports an amount or units outside the money operating
// range (exponent beyond ±money.MaxExponent), before any work is done with
// them: such a value, built in Go, would make the arithmetic run for
// seconds.
func (t *Transaction) checkRange() error {
	if t.Amount.InRange() && money.InRange(t.Units) {
		return nil // the usual case, without a call
	}
	if t.Amount.InRange() {
		// The usual case, read without building a decimal.
	} else if err := money.CheckRange("amount", t.Amount.Decimal()); err != nil {
		return &DataError{Transaction: field.Truncate(t.ID), Path: "/amount", Value: money.FormatDecimal(t.Amount.Decimal(), 0), Err: fmt.Errorf("%w: %w", ErrData, err)}
	}
	if err := money.CheckRange("units", t.Units); err != nil {
		return &DataError{Transaction: field.Truncate(t.ID), Path: "/units", Value: money.FormatDecimal(t.Units, 0), Err: fmt.Errorf("%w: %w", ErrData, err)}
	}
	return nil
}

// check validates the fields every component of p relies on.
func (t *Transaction) check(p *Plan) error {
	if err := t.checkRange(); err != nil {
		return err
	}
	return t.checkSigned(p, t.Amount.Sign())
}

// checkSigned is check with the sign of t.Amount already known.
func (t *Transaction) checkSigned(p *Plan, as int) error {
	if !t.Kind.IsValid() {
		return t.bad("/kind", t.Kind.String(), ErrData, "kind required")
	}
	if t.PartnerID == "" {
		return t.bad("/partner_id", "", ErrData, "partner_id required")
	}
	if t.Date.IsZero() {
		return t.bad("/date", "", ErrData, "date required")
	}
	if t.Amount.IsValid() && t.Amount.Currency() != p.spec.Currency {
		return t.bad("/amount", t.Amount.String(), ErrCurrency, "plan currency is "+p.spec.Currency.Code())
	}
	us := t.Units.Sign()
	switch t.Kind {
	case Sale:
		if !t.Amount.IsValid() {
			return t.bad("/amount", "", ErrData, "a sale needs its amount")
		}
		if as == 0 {
			return t.bad("/amount", t.Amount.String(), ErrData, "a sale has a positive amount")
		}
		if err := t.signs(as, us, 1); err != nil {
			return err
		}
		if t.Corrects != "" {
			return t.bad("/corrects", t.Corrects, ErrData, "only a credit note or return corrects a period")
		}
	case CreditNote, Return:
		if err := t.signs(as, us, -1); err != nil {
			return err
		}
	case QualifyingEvent:
		if t.Corrects != "" {
			return t.bad("/corrects", t.Corrects, ErrData, "only a credit note or return corrects a period")
		}
		if err := t.signs(as, us, 0); err != nil {
			return err
		}
		if err := t.checkTerm(p); err != nil {
			return err
		}
		if len(t.Credits) == 0 { // the usual case skips the call
			return nil
		}
		return t.checkCredits(p)
	case KindUnspecified:
		return t.bad("/kind", t.Kind.String(), ErrData, "kind required")
	}
	if t.Motion != MotionUnspecified && !t.Motion.IsValid() || p.needMotion && !t.Motion.IsValid() {
		return t.bad("/motion", t.Motion.String(), ErrData, "a motion is required: a component filters on it")
	}
	if t.Billing != BillingUnspecified && !t.Billing.IsValid() || p.needBilling && !t.Billing.IsValid() {
		return t.bad("/billing", t.Billing.String(), ErrData, "a billing is required: a component filters on it or measures recurring revenue")
	}
	if t.TermMonths != 0 || p.needTerm { // the usual case skips the call
		if err := t.checkTerm(p); err != nil {
			return err
		}
	}
	if len(t.Credits) == 0 { // the usual case skips the call
		return nil
	}
	return t.checkCredits(p)
}

// signs checks that Amount (sign as) and Units (sign us) have the sign
// want allows: ≥ 0 for +1, ≤ 0 for −1, zero for 0.
func (t *Transaction) signs(as, us, want int) error {
	ok := func(s int) bool { return s == 0 || s == want }
	// The message states the rule, so the reader knows which way to fix
	// (written only for an error: the check runs on every line).
	reason := func() string {
		switch want {
		case -1:
			return "a " + t.Kind.String() + " is negative (a sale is positive)"
		case 0:
			return "a qualifying event has no amount or units"
		}
		return "a sale is positive (credit notes and returns are negative)"
	}
	if !ok(as) {
		return t.bad("/amount", t.Amount.String(), ErrData, reason())
	}
	if !ok(us) {
		return t.bad("/units", money.FormatDecimal(t.Units, 0), ErrData, reason())
	}
	return nil
}

// bad returns the *DataError for t's field at path.
func (t *Transaction) bad(path, value string, err error, reason string) error {
	return &DataError{Transaction: field.Truncate(t.ID), Path: path, Value: value, Err: fmt.Errorf("%w: %s", err, reason)}
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
//
// Its JSON form (snake_case keys) is what a missing fact's DataError path
// points into: "/baselines/volume", "/metrics/csat".
type RecipientFacts struct {
	// Baselines is the measure of the baseline period, for growth
	// measures.
	Baselines map[string]decimal.Decimal `json:"baselines,omitzero"`
	// Quotas is the recipient's quota, for accelerators without a fixed
	// quota.
	Quotas map[string]decimal.Decimal `json:"quotas,omitzero"`
	// Metrics holds modifier metrics such as "csat".
	Metrics map[string]decimal.Decimal `json:"metrics,omitzero"`
}

// Facts maps recipients to their facts. A nil Facts is fine for plans that
// need none.
type Facts map[Recipient]RecipientFacts
