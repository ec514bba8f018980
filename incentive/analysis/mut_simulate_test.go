package analysis

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// These tests pin below, the sampler's bounded integers: Lemire's
// multiply-and-reject on the PCG's 64-bit outputs (see the package
// documentation, Randomness). The rejection step runs only when the low
// word of x·n falls below n, about n/2^64 of the time, so no simulation
// test reached it; here n is large (≈ 2^64/9: the threshold 2^64 mod n is
// close to n, and about one output in nine is rejected), and the
// reference is the algorithm in big integers.

// refBelow is Lemire's method in big integers on the outputs of r: draw x,
// m = x·n; reject while m mod 2^64 < 2^64 mod n; the result is ⌊m/2^64⌋.
func refBelow(r *rand.PCG, n uint64) uint64 {
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	bn := new(big.Int).SetUint64(n)
	thresh := new(big.Int).Mod(two64, bn)
	for {
		m := new(big.Int).Mul(new(big.Int).SetUint64(r.Uint64()), bn)
		lo := new(big.Int).Mod(m, two64)
		if lo.Cmp(thresh) >= 0 {
			return new(big.Int).Rsh(m, 64).Uint64()
		}
	}
}

func TestBelowRejects(t *testing.T) {
	for _, n := range []uint64{math.MaxUint64/9 + 1, math.MaxUint64/9 | 1, 1<<63 + 1, 3, 1 << 61} {
		var r, ref rand.PCG
		r.Seed(42, n)
		ref.Seed(42, n)
		for i := range 200 {
			if got, want := below(&r, n), refBelow(&ref, n); got != want {
				t.Fatalf("n = %d, draw %d: below = %d, want %d", n, i, got, want)
			}
		}
	}
}

// inv64 returns the inverse of an odd a modulo 2^64 (Newton's iteration).
func inv64(a uint64) uint64 {
	x := a
	for range 6 {
		x *= 2 - a*x
	}
	return x
}

// pcgFirst returns a PCG whose first output is x: PCG-DXSM's output step
// (xorshift 32, × cheapMul, xorshift 48, × (lo|1)) and its 128-bit LCG
// step (state·mul + inc) are bijections, undone here with lo = 1.
func pcgFirst(x uint64) *rand.PCG {
	const cheapMul = 0xda942042e4dd58b5
	h := x // × (lo|1) = × 1
	h ^= h >> 48
	h *= inv64(cheapMul)
	h ^= h >> 32
	two128 := new(big.Int).Lsh(big.NewInt(1), 128)
	u128 := func(hi, lo uint64) *big.Int {
		return new(big.Int).Or(new(big.Int).Lsh(new(big.Int).SetUint64(hi), 64), new(big.Int).SetUint64(lo))
	}
	mul := u128(2549297995355413924, 4865540595714422341)
	inc := u128(6364136223846793005, 1442695040888963407)
	s := new(big.Int).Sub(u128(h, 1), inc)
	s.Mul(s, new(big.Int).ModInverse(mul, two128))
	s.Mod(s, two128)
	var r rand.PCG
	r.Seed(new(big.Int).Rsh(s, 64).Uint64(), new(big.Int).Mod(s, new(big.Int).Lsh(big.NewInt(1), 64)).Uint64())
	return &r
}

// An output whose low word of x·n equals the threshold 2^64 mod n exactly
// is accepted (Lemire rejects only below it: simulate.go `lo < thresh` →
// `<=` would draw again). n = ⌊(2^64 − 1)/9⌋ | 1 is odd, so x = t·n⁻¹ mod
// 2^64 gives x·n ≡ t (mod 2^64), and below returns ⌊x·n / 2^64⌋.
func TestBelowAcceptsAtThreshold(t *testing.T) {
	n := uint64(math.MaxUint64/9) | 1
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	th := new(big.Int).Mod(two64, new(big.Int).SetUint64(n)).Uint64()
	x := th * inv64(n)
	if probe := pcgFirst(x); probe.Uint64() != x {
		t.Fatal("pcgFirst does not invert the PCG")
	}
	m := new(big.Int).Mul(new(big.Int).SetUint64(x), new(big.Int).SetUint64(n))
	if lo := new(big.Int).Mod(m, two64).Uint64(); lo != th {
		t.Fatalf("low word %d, want the threshold %d", lo, th)
	}
	want := new(big.Int).Rsh(m, 64).Uint64()
	if got := below(pcgFirst(x), n); got != want {
		t.Errorf("below = %d, want %d (x·n's high word: the first output is accepted)", got, want)
	}
}
