// Package idindex numbers string IDs: the first distinct ID added is 0,
// the next 1, and so on, like a map[string]int32 that gives each new key
// the next number. An ID of up to 16 bytes is found by comparing two
// words held in the table itself, without reading the key's bytes
// elsewhere in memory, and the table is probed linearly in one array.
//
// Numbers depend only on the order of Add calls, never on hashing, so an
// evaluation's output does not change from one process to the next. The
// hash is seeded per Index (hash/maphash.MakeSeed, random), so that
// crafted IDs cannot be made to collide in bulk.
//
// The zero Index is empty and ready to use. An Index is not safe for
// concurrent mutation; Finds may run concurrently with each other.
package idindex

import (
	"hash/maphash"
	"iter"
	"math/bits"
)

// slot is one entry of the table: the ID's first 16 bytes (zero-padded),
// its tag (high bits of its hash; low byte the length, 255 for 255 or
// more) and its number plus one (0: the slot is empty).
type slot struct {
	w0, w1 uint64
	tag    uint32
	n1     int32
}

// Index maps IDs to their numbers.
type Index struct {
	slots  []slot // a power of two long, or nil
	shift  uint   // 64 − log2(len(slots))
	keys   []string
	s0, s1 uint64
	seed   maphash.Seed
}

// Len returns the number of IDs added.
func (x *Index) Len() int { return len(x.keys) }

// ID returns the ID numbered n, 0 ≤ n < Len().
func (x *Index) ID(n int) string { return x.keys[n] }

// All yields every ID with its number, in number order (the order of
// addition). IDs added while ranging are not yielded.
func (x *Index) All() iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for n, id := range x.keys {
			if !yield(n, id) {
				return
			}
		}
	}
}

// Find returns id's number, and whether id was added.
func (x *Index) Find(id string) (int, bool) { return find(x, id) }

// FindBytes is Find for an ID held in bytes, without copying them.
func (x *Index) FindBytes(id []byte) (int, bool) { return find(x, id) }

// find is Find and FindBytes.
func find[S string | []byte](x *Index, id S) (int, bool) {
	if len(x.slots) == 0 {
		return 0, false
	}
	w0, w1 := words(id)
	h := hash(x, id, w0, w1)
	tag := tagOf(h, len(id))
	mask := uint64(len(x.slots) - 1)
	for i := h >> x.shift; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.n1 == 0 {
			return 0, false
		}
		if s.tag == tag && s.w0 == w0 && s.w1 == w1 && (len(id) <= 16 || x.keys[s.n1-1] == string(id)) {
			return int(s.n1 - 1), true
		}
	}
}

// Add returns id's number, numbering it Len() if it is new; added reports
// that it was. The Index keeps id: a caller whose id points into a
// buffer it reuses must pass a copy.
func (x *Index) Add(id string) (n int, added bool) {
	if n, ok := x.Find(id); ok {
		return n, false
	}
	if len(x.keys) >= maxIDs {
		panic("idindex: more than 2³¹−2 IDs") //lint:allow panic beyond any memory: each ID takes over 40 bytes
	}
	if 4*(len(x.keys)+1) > 3*len(x.slots) {
		x.grow()
	}
	n = len(x.keys)
	x.keys = append(x.keys, id)
	w0, w1 := words(id)
	h := hash(x, id, w0, w1)
	x.put(slot{w0: w0, w1: w1, tag: tagOf(h, len(id)), n1: int32(n + 1)}, h)
	return n, true
}

// maxIDs is the most IDs an Index numbers (n+1 must fit an int32).
const maxIDs = 1<<31 - 2

// put stores s, of hash h, in the first empty slot from h's.
func (x *Index) put(s slot, h uint64) {
	mask := uint64(len(x.slots) - 1)
	i := h >> x.shift
	for x.slots[i].n1 != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = s
}

// grow doubles the table (to 16 slots at first) and re-inserts every ID.
func (x *Index) grow() {
	if x.slots == nil {
		x.seed = maphash.MakeSeed()
		x.s0, x.s1 = maphash.String(x.seed, "s0"), maphash.String(x.seed, "s1")
	}
	size := max(16, 2*len(x.slots))
	x.slots = make([]slot, size)
	// Written before it is read: memory fresh from the system, read
	// first, is mapped to a shared zero page, and the first write then
	// costs a second fault and, in a process running on several CPUs, a
	// TLB flush on each of them.
	clear(x.slots)
	x.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for i, id := range x.keys {
		w0, w1 := words(id)
		h := hash(x, id, w0, w1)
		x.put(slot{w0: w0, w1: w1, tag: tagOf(h, len(id)), n1: int32(i + 1)}, h)
	}
}

// hash mixes the words of an ID of up to 16 bytes with the seeds (one
// 128-bit multiplication, folded); a longer ID is hashed whole with
// hash/maphash.
func hash[S string | []byte](x *Index, id S, w0, w1 uint64) uint64 {
	if len(id) > 16 {
		if b, ok := any(id).([]byte); ok {
			return maphash.Bytes(x.seed, b)
		}
		return maphash.String(x.seed, string(id))
	}
	hi, lo := bits.Mul64(w0^x.s0, w1^x.s1^uint64(len(id)))
	return hi ^ lo
}

// tagOf is the tag of an ID of length n and hash h.
func tagOf(h uint64, n int) uint32 {
	return uint32(h)&^0xff | uint32(min(n, 255))
}

// words returns id's first 16 bytes as two little-endian words, padded
// with zero bytes.
func words[S string | []byte](id S) (w0, w1 uint64) {
	n := len(id)
	switch {
	case n >= 16:
		return le64(id), le64(id[8:])
	case n >= 8:
		// The last 8 bytes overlap the first word; shift out the overlap.
		return le64(id), le64(id[n-8:]) >> (8 * (16 - n))
	case n >= 4:
		lo, hi := le32(id), le32(id[n-4:])>>(8*(8-n))
		return lo | hi<<32, 0
	}
	for i := n - 1; i >= 0; i-- {
		w0 = w0<<8 | uint64(id[i])
	}
	return w0, 0
}

func le64[S string | []byte](s S) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func le32[S string | []byte](s S) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}
