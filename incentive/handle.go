package incentive

import (
	"fmt"

	"github.com/partnerecon/partnerecon/internal/field"
)

// PartnerHandle is a partner resolved once by Accumulator.Partner, so that
// a host adding many transactions for the same partners skips the look-up
// of the partner ID on every line. It belongs to the accumulator that made
// it; the zero PartnerHandle is invalid.
type PartnerHandle struct {
	acc  *Accumulator
	id   string
	slot int // the partner's first accumulator slot, −1 if the plan pays no partner
}

// ID returns the partner ID the handle resolves.
func (h PartnerHandle) ID() string { return h.id }

// Partner resolves a partner ID once, for AddFor. Resolving a partner that
// never receives a transaction changes nothing: the Result has lines for
// partners with transactions only.
func (a *Accumulator) Partner(id string) PartnerHandle {
	h := PartnerHandle{acc: a, id: id, slot: -1}
	if s := &a.sides[RecipientPartner]; len(s.groups) > 0 && id != "" && idText(id) == nil {
		h.slot = s.slot(id)
	}
	return h // an ID Add would refuse has no slot: AddFor refuses it as Add does
}

// AddFor adds t, whose PartnerID must be h's, exactly as Add does (same
// checks, same result), without looking the partner up. A handle from
// another accumulator, or a transaction for another partner, is ErrData
// and leaves a unchanged.
func (a *Accumulator) AddFor(h PartnerHandle, t Transaction) error {
	if h.acc != a {
		return fmt.Errorf("%w: the partner handle belongs to another accumulator", ErrData)
	}
	if t.PartnerID != h.id {
		return t.bad("/partner_id", t.PartnerID, ErrData, "the partner handle is for "+field.Truncate(h.id))
	}
	return a.add(&t, h.slot)
}
