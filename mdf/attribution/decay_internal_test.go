package attribution

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestRootTable checks Y(r) against its definition, Y^m·2^r ≤ 10^(12m) <
// (Y+1)^m·2^r, with plain big.Int powers, and a few known digits.
func TestRootTable(t *testing.T) {
	check := func(m, r int64, y uint64) {
		t.Helper()
		ten := new(big.Int).Exp(big.NewInt(10), big.NewInt(12*m), nil)
		pow := func(v uint64) *big.Int {
			p := new(big.Int).Exp(new(big.Int).SetUint64(v), big.NewInt(m), nil)
			return p.Lsh(p, uint(r))
		}
		if pow(y).Cmp(ten) > 0 || pow(y+1).Cmp(ten) <= 0 {
			t.Errorf("m=%d r=%d: Y=%d is not the floor", m, r, y)
		}
	}
	for _, m := range []int64{1, 2, 3, 7, 24, 168, 1000} {
		tab := newRootTable(m)
		for r := int64(0); r < m; r += max(1, m/37) {
			check(m, r, tab.y(r))
		}
	}
	tab := newRootTable(2)
	if got := tab.y(1); got != 707106781186 { // 1/√2 = 0.707106781186547…
		t.Errorf("Y(1/2) = %d", got)
	}
	tab = newRootTable(12)
	if got := tab.y(1); got != 943874312681 { // 2^(−1/12) = 0.943874312681693…
		t.Errorf("Y(1/12) = %d", got)
	}
}

// TestDecaySharesFastEqualsBig: the 64-bit path and the big.Int path give
// the same shares, and the shares of a journey never exceed 10^12 in
// total.
func TestDecaySharesFastEqualsBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.Int64Range(1, 50).Draw(t, "m")
		steps := rapid.SliceOfN(rapid.Int64Range(0, 30*m), 1, 8).Draw(t, "steps")
		tab := newRootTable(m)
		fast := decayShares(nil, steps, m, &tab)
		minQ, maxShift := steps[0]/m, int64(0)
		for _, s := range steps {
			minQ = min(minQ, s/m)
		}
		for _, s := range steps {
			maxShift = max(maxShift, s/m-minQ)
		}
		slow := decaySharesBig(nil, steps, m, &tab, minQ, maxShift)
		var sum uint64
		for i := range fast {
			if fast[i] != slow[i] {
				t.Fatalf("steps %v: fast %v, big %v", steps, fast, slow)
			}
			sum += fast[i]
		}
		if sum > decayScale || sum+uint64(len(steps)) < decayScale {
			t.Fatalf("shares sum to %d", sum)
		}
	})
}
