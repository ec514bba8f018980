package attribution

import (
	"math/big"
	"testing"
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
