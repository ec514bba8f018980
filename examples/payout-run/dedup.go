package main

import "hash/maphash"

// idSet remembers the transaction IDs of a run in 16 bytes each (two
// 64-bit hashes with independent random seeds, in an open-addressing
// table at most 3/4 full), instead of the IDs themselves: memory is 16 to
// 43 bytes per transaction, whatever the length of the IDs or of their
// lines. Two different IDs are taken for one with probability about
// n²/2¹²⁹ for n IDs (below 10⁻²³ at 10 million lines); such a collision
// could only reject a line, never let a duplicate through.
type idSet struct {
	seeds [2]maphash.Seed
	slots [][2]uint64 // {0, 0} is empty
	n     int
}

func newIDSet() *idSet {
	return &idSet{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, slots: make([][2]uint64, 1<<10)}
}

// key returns the hash pair of id, never {0, 0}.
func (s *idSet) key(id string) [2]uint64 {
	k := [2]uint64{maphash.String(s.seeds[0], id), maphash.String(s.seeds[1], id)}
	if k == [2]uint64{} {
		k[1] = 1
	}
	return k
}

// find returns the slot of k, or of the empty slot where it would go.
func (s *idSet) find(k [2]uint64) int {
	mask := len(s.slots) - 1
	i := int(k[0]) & mask
	for s.slots[i] != k && s.slots[i] != [2]uint64{} {
		i = (i + 1) & mask
	}
	return i
}

// has reports whether k was added.
func (s *idSet) has(k [2]uint64) bool { return s.slots[s.find(k)] == k }

// add adds k (which must not be in the set yet).
func (s *idSet) add(k [2]uint64) {
	if 4*(s.n+1) > 3*len(s.slots) {
		old := s.slots
		s.slots = make([][2]uint64, 2*len(old))
		for _, o := range old {
			if o != [2]uint64{} {
				s.slots[s.find(o)] = o
			}
		}
	}
	s.slots[s.find(k)] = k
	s.n++
}
