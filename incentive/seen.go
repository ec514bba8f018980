package incentive

import (
	"fmt"
	"iter"
	"strings"

	"github.com/partnerecon/partnerecon/internal/field"
)

// IDSet remembers the transaction IDs an evaluation has counted, so that
// a transaction delivered twice (a replayed batch, an overlapping export)
// is detected rather than paid twice. Seen records id and reports whether
// it was already recorded; an error (the host's store failing) stops the
// evaluation. The set is the caller's: a database table or key-value
// store keyed by period keeps the accumulator's memory bounded by the
// number of recipients, as it is without duplicate detection.
// MemoryIDs is a simple in-memory implementation. Accumulators of one
// evaluation sharded across goroutines may share a set that is safe for
// concurrent use (MemoryIDs is not).
//
// By default (Add, AddAll, Evaluate) the package does not detect repeated
// transaction IDs: it keeps nothing per transaction. The decoders'
// DecodeOptions.RejectDuplicateIDs keeps every ID of one document in
// memory.
type IDSet interface {
	Seen(id string) (bool, error)
}

// MemoryIDs is an IDSet held in memory; its memory grows with the number
// of IDs. The zero MemoryIDs is empty and ready to use; it is not safe for
// concurrent use.
type MemoryIDs struct {
	m map[string]struct{}
}

// Seen records id and reports whether it was already recorded. It never
// fails.
func (s *MemoryIDs) Seen(id string) (bool, error) {
	if _, ok := s.m[id]; ok {
		return true, nil
	}
	if s.m == nil {
		s.m = map[string]struct{}{}
	}
	s.m[strings.Clone(id)] = struct{}{} // not the decoder's buffer it is cut from
	return false, nil
}

// Len returns the number of IDs recorded.
func (s *MemoryIDs) Len() int { return len(s.m) }

// AddUnique is Add with duplicate detection through ids: a valid
// transaction whose ID ids has already seen is a *DataError at "/id"
// matching ErrDuplicate, and the accumulator is unchanged. The
// transaction's own fields are checked first (a transaction invalid in
// itself is the *DataError of Add and is not recorded), then its ID is
// recorded, then it is added (a rejection there, such as a missing rep_id
// a rep component needs, leaves the ID recorded).
// Transactions without an ID are not checked. Transactions dated outside
// the period or correcting an earlier period are recorded too: an ID
// names one transaction, whatever period counts it.
func (a *Accumulator) AddUnique(t Transaction, ids IDSet) error {
	if err := t.check(&a.plan); err != nil {
		return err
	}
	if t.ID != "" {
		dup, err := ids.Seen(t.ID)
		if err != nil {
			return fmt.Errorf("incentive: transaction %q: recording its ID: %w", field.Truncate(t.ID), err)
		}
		if dup {
			return t.bad("/id", t.ID, ErrDuplicate, "transaction ID already counted")
		}
	}
	return a.add(&t, -1)
}

// AddAllUnique is AddUnique for every transaction of seq, stopping at the
// first error.
func (a *Accumulator) AddAllUnique(seq iter.Seq[Transaction], ids IDSet) error {
	for t := range seq {
		if err := a.AddUnique(t, ids); err != nil {
			return err
		}
	}
	return nil
}
