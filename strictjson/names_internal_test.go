package strictjson

import (
	"fmt"
	"hash/maphash"
	"testing"
)

// collide builds the names of an object of n members "m0" … and gives
// members a and b the same fingerprint (as two folds whose FNV-1a hashes
// collide would have), in the fingerprint scan and in the map.
func collide(t *testing.T, n, a, b int) *names {
	t.Helper()
	ns := names{seed: maphash.MakeSeed()}
	for i := range n {
		if _, dup := ns.add(fmt.Appendf(nil, "%q", fmt.Sprintf("m%d", i))); dup {
			t.Fatalf("m%d: duplicate", i)
		}
	}
	ns.fps[b] = ns.fps[a]
	if ns.index != nil {
		delete(ns.index, ns.fingerprint(ns.fold(b)))
	}
	return &ns
}

// Two folds with the same fingerprint are still told apart, whether the
// object is scanned (small) or indexed (large), and whichever of the two
// the map holds: each is found at its own position, and a name with
// neither fold is not found.
func TestNamesFingerprintCollision(t *testing.T) {
	for _, n := range []int{5, namesLinear + 10} {
		for _, ab := range [][2]int{{1, 3}, {3, 1}} {
			ns := collide(t, n, ab[0], ab[1])
			for _, i := range []int{ab[0], ab[1], n - 1} {
				f := []byte(fmt.Sprintf("m%d", i))
				if got, ok := ns.find(f, ns.fps[i]); !ok || got != i {
					t.Errorf("n=%d %v: m%d found at %d, %t", n, ab, i, got, ok)
				}
			}
			if got, ok := ns.find([]byte("zz"), ns.fps[ab[0]]); ok {
				t.Errorf("n=%d %v: zz found at %d", n, ab, got)
			}
		}
	}
}
