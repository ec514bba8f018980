// Package chain links records into a tamper-evident hash chain, the one
// helper the packages that store decisions share (incentive's ledger runs,
// mdf's request decisions, dealreg's registration events).
//
// Each record carries the hash of the record before it (Prev, "" for the
// first) and its own hash over a domain label, Prev and the record's
// canonical content (the package's own deterministic encoding):
//
//	hash_i = hex(SHA-256(len(domain) ‖ domain ‖ len(prev) ‖ prev ‖ content_i)),  prev = hash_{i−1}
//
// with lengths as 8-byte big-endian integers, so that no two different
// (domain, prev, content) triples hash the same input. Verify recomputes
// the chain and names the first record that does not verify: an edited
// record fails its own hash; a removed, inserted or reordered record
// breaks the Prev link of the first record after the change. Only a
// wholesale rewrite of every hash from some record on goes undetected by
// the chain alone: a host that keeps the last hash (the head) elsewhere
// and compares it detects that too, and a removed tail.
package chain

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
)

// Size is the length of a hash in text: 64 lowercase hex digits.
const Size = 2 * sha256.Size

// ErrPrev reports a record whose Prev is not the hash of the record before
// it: a record was removed, inserted or reordered before it.
var ErrPrev = errors.New("does not follow the record before it (a record was removed, inserted or reordered)")

// ErrHash reports a record whose hash does not match its content: the
// record, or its hash, was edited.
var ErrHash = errors.New("does not match its hash (the record was edited)")

// ErrForm reports a hash that is not 64 lowercase hex digits.
var ErrForm = errors.New("hash must be 64 lowercase hex digits")

// Hasher computes one record's hash. Write the content with Write, then
// call Sum. The zero Hasher is not usable; use New.
type Hasher struct {
	h hash.Hash
}

// New starts the hash of a record of domain that follows prev.
func New(domain, prev string) Hasher {
	h := Hasher{h: sha256.New()}
	h.Field(domain)
	h.Field(prev)
	return h
}

// Field adds s to the content with its length in front (8 bytes, big
// endian), so that a sequence of fields is an unambiguous encoding.
func (h Hasher) Field(s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.h.Write(n[:])
	h.h.Write([]byte(s))
}

// Write adds content bytes; it never fails.
func (h Hasher) Write(p []byte) (int, error) { return h.h.Write(p) }

// Sum returns the record's hash as lowercase hex.
func (h Hasher) Sum() string {
	var b [sha256.Size]byte
	return hex.EncodeToString(h.h.Sum(b[:0]))
}

// Hash returns the hash of a record of domain with the given content that
// follows prev.
func Hash(domain, prev string, content []byte) string {
	h := New(domain, prev)
	_, _ = h.Write(content) // never fails
	return h.Sum()
}

// Link is a record's place in a chain: the hash of the record before it
// ("" for the first record) and its own hash.
type Link struct {
	Prev string
	Hash string
}

// Verify checks the records of domain whose stored links are given, in
// order, and returns the index of the first one that does not verify with
// the reason (ErrForm, ErrPrev, ErrHash, or the error of content), or −1
// and nil when all do. content writes record i's canonical content to h.
// Record i verifies when its Prev is record i−1's stored Hash ("" for
// i = 0), its Hash is well formed, and it is the hash of its content
// following Prev. The work is linear in the content.
func Verify(domain string, links []Link, content func(i int, h Hasher) error) (int, error) {
	prev := ""
	for i, l := range links {
		switch {
		case !wellFormed(l.Hash) || l.Prev != "" && !wellFormed(l.Prev):
			return i, ErrForm
		case l.Prev != prev:
			return i, ErrPrev
		}
		h := New(domain, l.Prev)
		if err := content(i, h); err != nil {
			return i, err
		}
		if h.Sum() != l.Hash {
			return i, ErrHash
		}
		prev = l.Hash
	}
	return -1, nil
}

// wellFormed reports whether s is Size lowercase hex digits.
func wellFormed(s string) bool {
	if len(s) != Size {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
