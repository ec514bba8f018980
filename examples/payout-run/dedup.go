package main

import "hash/maphash"

// idSet remembers the transaction IDs of a run in 16 bytes each (two
// 64-bit hashes with independent random seeds) instead of the IDs
// themselves, whatever the length of the IDs or of their lines. The hashes
// sit in 256 open-addressing tables chosen by the first hash, each kept
// between 3/8 and 3/4 full: a table grows alone, so growing never holds
// two copies of the whole set (21 to 43 bytes per ID in all). Two
// different IDs are taken for one with probability about n²/2¹²⁹ for n
// IDs (below 10⁻²³ at 10 million lines); such a collision could only
// reject a line, never let a duplicate through.
type idSet struct {
	seeds  [2]maphash.Seed
	tables [256]idTable
	n      int
}

// idTable is one open-addressing table with linear probing; {0, 0} is an
// empty slot.
type idTable struct {
	slots [][2]uint64
	n     int
}

func newIDSet() *idSet {
	s := &idSet{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
	for i := range s.tables {
		s.tables[i].slots = make([][2]uint64, 16)
	}
	return s
}

// key returns the hash pair of id, never {0, 0}.
func (s *idSet) key(id string) [2]uint64 {
	k := [2]uint64{maphash.String(s.seeds[0], id), maphash.String(s.seeds[1], id)}
	if k == [2]uint64{} {
		k[1] = 1
	}
	return k
}

func (s *idSet) table(k [2]uint64) *idTable { return &s.tables[k[0]>>56] }

// has reports whether k was added.
func (s *idSet) has(k [2]uint64) bool {
	t := s.table(k)
	return t.slots[t.find(k)] == k
}

// add adds k (which must not be in the set yet).
func (s *idSet) add(k [2]uint64) {
	s.table(k).add(k)
	s.n++
}

// find returns the slot of k, or of the empty slot where it would go.
func (t *idTable) find(k [2]uint64) int {
	mask := len(t.slots) - 1
	i := int(k[0]) & mask
	for t.slots[i] != k && t.slots[i] != [2]uint64{} {
		i = (i + 1) & mask
	}
	return i
}

func (t *idTable) add(k [2]uint64) {
	if 4*(t.n+1) > 3*len(t.slots) {
		old := t.slots
		t.slots = make([][2]uint64, 2*len(old))
		for _, o := range old {
			if o != [2]uint64{} {
				t.slots[t.find(o)] = o
			}
		}
	}
	t.slots[t.find(k)] = k
	t.n++
}
