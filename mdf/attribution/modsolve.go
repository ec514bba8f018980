package attribution

import (
	"math/big"
	"math/bits"
)

// system is an n×n integer system with its right-hand side as column n,
// row-major; rowBits bounds Σ log2 of the rows' L1 norms (right-hand side
// included), so 2^rowBits bounds |det A| and |det A_last| (Hadamard).
type system struct {
	n       int
	a       []int64
	rowBits int
}

// solveLast returns x_{n−1} of A·x = b exactly: det(A) and det(A_{n−1})
// (the last column replaced by b) are computed modulo primes just below
// 2^63 by Gaussian elimination in Montgomery arithmetic, until the
// product of the primes exceeds 2·2^rowBits, then rebuilt by the Chinese
// remainder theorem (symmetric residues). A prime that divides det(A) is
// skipped. A must be non-singular (it is: every state of a chain fitted
// to finite journeys reaches an absorbing state).
//
// ok is false for a singular A (more unlucky primes than a non-zero
// determinant below 2^rowBits can have).
func (s system) solveLast(primes *primeList) (x *big.Rat, ok bool) {
	det, num := new(big.Int), new(big.Int)
	m := big.NewInt(1)
	need := new(big.Int).Lsh(big.NewInt(1), uint(s.rowBits+2))
	work := make([]uint64, len(s.a))
	skipped := 0
	for k := 0; m.Cmp(need) <= 0; k++ {
		p := primes.at(k)
		dr, nr, ok := s.residues(newMont(p), work)
		if !ok {
			// Each skipped prime (> 2^62) divides det(A) ≠ 0.
			if skipped++; skipped > s.rowBits/62+1 {
				return nil, false
			}
			continue
		}
		garner(det, m, dr, p)
		garner(num, m, nr, p)
		m.Mul(m, new(big.Int).SetUint64(p))
	}
	half := new(big.Int).Rsh(m, 1)
	for _, v := range []*big.Int{det, num} {
		if v.Cmp(half) > 0 {
			v.Sub(v, m)
		}
	}
	if det.Sign() == 0 {
		return nil, false
	}
	return new(big.Rat).SetFrac(num, det), true
}

// garner updates x (a residue modulo m) to the residue modulo m·p that
// is r modulo p.
func garner(x, m *big.Int, r, p uint64) {
	bp := new(big.Int).SetUint64(p)
	xm := new(big.Int).Mod(x, bp).Uint64()
	mm := new(big.Int).Mod(m, bp)
	inv := new(big.Int).ModInverse(mm, bp)
	t := new(big.Int).SetUint64(subMod(r, xm, p))
	t.Mul(t, inv).Mod(t, bp)
	x.Add(x, t.Mul(t, m))
}

// residues returns det(A) and det(A_{n−1}) modulo p; ok is false when p
// divides det(A).
func (s system) residues(mo mont, a []uint64) (det, num uint64, ok bool) {
	n, w := s.n, s.n+1
	for i, v := range s.a {
		a[i] = mo.from64(v)
	}
	d := mo.one()
	neg := false
	for i := range n {
		piv := -1
		for r := i; r < n; r++ {
			if a[r*w+i] != 0 {
				piv = r
				break
			}
		}
		if piv < 0 {
			return 0, 0, false
		}
		if piv != i {
			for k := i; k <= n; k++ {
				a[i*w+k], a[piv*w+k] = a[piv*w+k], a[i*w+k]
			}
			neg = !neg
		}
		if i == n-1 {
			break
		}
		d = mo.mul(d, a[i*w+i])
		inv := mo.inv(a[i*w+i])
		ri := a[i*w : i*w+w]
		for r := i + 1; r < n; r++ {
			rr := a[r*w : r*w+w]
			if rr[i] == 0 {
				continue
			}
			f := mo.mul(rr[i], inv)
			for k := i + 1; k <= n; k++ {
				if ri[k] != 0 {
					rr[k] = subMod(rr[k], mo.mul(f, ri[k]), mo.p)
				}
			}
		}
	}
	last := a[(n-1)*w+n-1]
	if last == 0 {
		return 0, 0, false
	}
	if neg {
		d = mo.p - d
		if d == mo.p {
			d = 0
		}
	}
	num = mo.out(mo.mul(d, a[(n-1)*w+n]))
	det = mo.out(mo.mul(d, last))
	return det, num, true
}

func subMod(a, b, p uint64) uint64 {
	if a >= b {
		return a - b
	}
	return a + (p - b)
}

// mont is Montgomery arithmetic modulo an odd p < 2^63 with R = 2^64.
type mont struct{ p, pinv, r2 uint64 }

func newMont(p uint64) mont {
	inv := p // p·inv ≡ 1 mod 2^k, doubling k each step
	for range 6 {
		inv *= 2 - p*inv
	}
	r1 := -p % p // 2^64 mod p
	hi, lo := bits.Mul64(r1, r1)
	return mont{p: p, pinv: -inv, r2: bits.Rem64(hi, lo, p)}
}

func (m mont) mul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	q := lo * m.pinv
	qh, ql := bits.Mul64(q, m.p)
	_, c := bits.Add64(lo, ql, 0)
	t := hi + qh + c
	if t >= m.p {
		t -= m.p
	}
	return t
}

func (m mont) one() uint64 { return -m.p % m.p }

func (m mont) out(a uint64) uint64 { return m.mul(a, 1) }

// from64 returns v mod p in Montgomery form.
func (m mont) from64(v int64) uint64 {
	if v >= 0 {
		return m.mul(uint64(v)%m.p, m.r2)
	}
	r := uint64(-v) % m.p
	if r == 0 {
		return 0
	}
	return m.mul(m.p-r, m.r2)
}

// inv returns a^(p−2) (Fermat), a ≠ 0, in Montgomery form.
func (m mont) inv(a uint64) uint64 {
	r, e := m.one(), m.p-2
	for e > 0 {
		if e&1 == 1 {
			r = m.mul(r, a)
		}
		a = m.mul(a, a)
		e >>= 1
	}
	return r
}

// primeList yields the primes below 2^63 in descending order, found as
// needed (big.Int.ProbablyPrime is exact below 2^64).
type primeList struct{ ps []uint64 }

func (l *primeList) at(k int) uint64 {
	for len(l.ps) <= k {
		c := uint64(1<<63 - 1)
		if len(l.ps) > 0 {
			c = l.ps[len(l.ps)-1] - 2
		}
		for !new(big.Int).SetUint64(c).ProbablyPrime(0) {
			c -= 2
		}
		l.ps = append(l.ps, c)
	}
	return l.ps[k]
}

func bitLen(v uint64) int { return bits.Len64(v) }
