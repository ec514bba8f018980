package attribution

import (
	"math/big"
	"math/bits"
)

// rootTable holds Y(r) = ⌊2^(−r/m)·10^DecayPlaces⌋ for r in [0, m),
// computed when first needed.
type rootTable struct {
	m     int64
	ys    []uint64 // 0: not computed yet
	z1    uint64   // ⌊2^(−1/m)·10^18⌋, for first guesses
	tens  map[int64]*big.Int
	ready bool
}

func newRootTable(m int64) rootTable {
	return rootTable{m: m, ys: make([]uint64, m), tens: map[int64]*big.Int{}}
}

const fp18 = 1_000_000_000_000_000_000

// y returns Y(r), the largest integer Y with Y^m·2^r ≤ 10^(DecayPlaces·m),
// that is ⌊2^(−r/m)·10^DecayPlaces⌋ exactly. A first guess comes from
// 2^(−1/m) to 18 places raised to the r-th power in fixed point; exact
// integer comparisons (with r/m in lowest terms) then fix it.
func (t *rootTable) y(r int64) uint64 {
	if r == 0 {
		return decayScale
	}
	if v := t.ys[r]; v != 0 {
		return v
	}
	if !t.ready {
		// Z = ⌊2^(−1/m)·10^18⌋ by bisection: Z^m·2 ≤ 10^(18m).
		lo, hi := uint64(fp18/2), uint64(fp18)
		for lo < hi {
			mid := lo + (hi-lo+1)/2
			if t.fits(mid, 18, t.m, 1) {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		t.z1, t.ready = lo, true
	}
	// Guess: Z^r in fixed point (truncated at each step: never above the
	// true value), scaled to DecayPlaces.
	z, acc, e := t.z1, uint64(fp18), r
	for e > 0 {
		if e&1 == 1 {
			acc = fpMul(acc, z)
		}
		z = fpMul(z, z)
		e >>= 1
	}
	g := gcd(r, t.m)
	rr, mm := r/g, t.m/g
	v := acc / (fp18 / decayScale)
	for t.fits(v+1, DecayPlaces, mm, rr) {
		v++
	}
	for !t.fits(v, DecayPlaces, mm, rr) {
		v--
	}
	t.ys[r] = v
	return v
}

// fits reports whether v^m·2^r ≤ 10^(places·m).
func (t *rootTable) fits(v uint64, places int32, m, r int64) bool {
	key := m*64 + int64(places)
	ten, ok := t.tens[key]
	if !ok {
		ten = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)*m), nil)
		t.tens[key] = ten
	}
	p := new(big.Int).Exp(new(big.Int).SetUint64(v), big.NewInt(m), nil)
	return p.Lsh(p, uint(r)).Cmp(ten) <= 0
}

// fpMul returns ⌊a·b/10^18⌋ for a, b ≤ 10^18.
func fpMul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	q, _ := bits.Div64(hi, lo, fp18)
	return q
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
