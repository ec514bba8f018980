package attribution

import (
	"math/big"
	"math/bits"
)

// DecayPlaces is the number of decimal places of the time-decay weights
// and shares: 2^(−r/m) is truncated to DecayPlaces places, and a touch's
// share of its journey too (see the package documentation).
const DecayPlaces = 12

// heuristic returns the channel weights of the single-journey methods:
// Σ over converting journeys of value × the touch's share.
func (r Rule) heuristic(d data) []*big.Rat {
	c := len(d.channels)
	switch r.spec.Method {
	case FirstTouch, LastTouch:
		acc := make([]u128, c)
		for i, v := range d.value {
			if v == 0 {
				continue
			}
			p := d.journey(i)
			if r.spec.Method == FirstTouch {
				acc[p[0]].add(v)
			} else {
				acc[p[len(p)-1]].add(v)
			}
		}
		return ratsOf(acc)
	case Linear:
		return linear(d)
	case PositionBased:
		return r.position(d)
	case TimeDecay:
		return r.decay(d)
	case MethodUnspecified, Markov, Shapley:
	}
	return zeros(c) // not a single-journey method
}

func ratsOf(acc []u128) []*big.Rat {
	w := make([]*big.Rat, len(acc))
	for i, a := range acc {
		w[i] = new(big.Rat).SetInt(a.big())
	}
	return w
}

// byLength accumulates value × touches per journey length and channel, so
// that shares with a denominator depending on the length are summed as
// integers and divided once per length.
type byLength struct {
	c   int
	acc []u128 // [length][channel]
}

func (b *byLength) add(length, ch int, v uint64) {
	if need := (length + 1) * b.c; need > len(b.acc) {
		b.acc = append(b.acc, make([]u128, need-len(b.acc))...)
	}
	b.acc[length*b.c+ch].add(v)
}

// weights returns Σ_L acc[L][c] × share(L) per channel.
func (b *byLength) weights(share func(length int) *big.Rat, w []*big.Rat) {
	for i, a := range b.acc {
		if a.isZero() {
			continue
		}
		t := new(big.Rat).SetInt(a.big())
		w[i%b.c].Add(w[i%b.c], t.Mul(t, share(i/b.c)))
	}
}

func zeros(n int) []*big.Rat {
	w := make([]*big.Rat, n)
	for i := range w {
		w[i] = new(big.Rat)
	}
	return w
}

// linear: each touch gets 1/L of its journey.
func linear(d data) []*big.Rat {
	b := byLength{c: len(d.channels)}
	for i, v := range d.value {
		if v == 0 {
			continue
		}
		p := d.journey(i)
		for _, ch := range p {
			b.add(len(p), int(ch), v)
		}
	}
	w := zeros(len(d.channels))
	b.weights(func(l int) *big.Rat { return big.NewRat(1, int64(l)) }, w)
	return w
}

// position: one touch takes all; two split the middle share equally
// (first + middle/2, last + middle/2); from three on the first and last
// touches take their shares and the L−2 touches between share the middle.
func (r Rule) position(d data) []*big.Rat {
	ps := *r.spec.Position
	first, middle, last := ps.First.Fraction().Rat(), ps.Middle.Fraction().Rat(), ps.Last.Fraction().Rat()
	half := new(big.Rat).Quo(middle, big.NewRat(2, 1))
	c := len(d.channels)
	var one, f2, l2, f3, l3 = make([]u128, c), make([]u128, c), make([]u128, c), make([]u128, c), make([]u128, c)
	mid := byLength{c: c}
	for i, v := range d.value {
		if v == 0 {
			continue
		}
		p := d.journey(i)
		switch n := len(p); n {
		case 1:
			one[p[0]].add(v)
		case 2:
			f2[p[0]].add(v)
			l2[p[1]].add(v)
		default:
			f3[p[0]].add(v)
			l3[p[n-1]].add(v)
			for _, ch := range p[1 : n-1] {
				mid.add(n, int(ch), v)
			}
		}
	}
	w := ratsOf(one)
	addScaled := func(acc []u128, share *big.Rat) {
		for i, a := range acc {
			t := new(big.Rat).SetInt(a.big())
			w[i].Add(w[i], t.Mul(t, share))
		}
	}
	addScaled(f2, new(big.Rat).Add(first, half))
	addScaled(l2, new(big.Rat).Add(last, half))
	addScaled(f3, first)
	addScaled(l3, last)
	mid.weights(func(l int) *big.Rat { return new(big.Rat).Quo(middle, big.NewRat(int64(l-2), 1)) }, w)
	return w
}

// decay: touch i of a journey converting at T is n_i = ⌊(T − t_i)/step⌋
// steps before it; its weight is 2^(−q_i)·Y(r_i) with n_i = q_i·m + r_i
// and Y(r) = ⌊2^(−r/m)·10^DecayPlaces⌋; its share of the journey is
// ⌊w_i/Σw·10^DecayPlaces⌋ (in units of 10^−DecayPlaces).
func (r Rule) decay(d data) []*big.Rat {
	roots := newRootTable(r.steps)
	acc := make([]u128, len(d.channels))
	var shares []uint64
	k := 0 // index into d.steps
	for i, v := range d.value {
		p := d.journey(i)
		if !d.conv[i] {
			continue
		}
		st := d.steps[k : k+len(p)]
		k += len(p)
		if v == 0 {
			continue
		}
		shares = decayShares(shares[:0], st, r.steps, &roots)
		for j, ch := range p {
			acc[ch].addMul(v, shares[j])
		}
	}
	return ratsOf(acc)
}

// decayScale is 10^DecayPlaces.
const decayScale = 1_000_000_000_000

// maxDecayShift is the number of half-lives by which a touch may be older
// than its journey's most recent touch and still weigh: older touches
// weigh 0 (their exact share would be below 2^−96, far below
// 10^−DecayPlaces).
const maxDecayShift = 96

// decayShares returns each touch's share of its journey, in units of
// 10^−DecayPlaces, truncated.
func decayShares(out []uint64, steps []int64, m int64, roots *rootTable) []uint64 {
	minQ := steps[0] / m
	maxShift := int64(0)
	for _, s := range steps {
		minQ = min(minQ, s/m)
	}
	for _, s := range steps {
		if sh := s/m - minQ; sh <= maxDecayShift {
			maxShift = max(maxShift, sh)
		}
	}
	// Fast path: every scaled weight Y·2^(S−shift) and their sum fit in
	// 63 bits (Y < 2^40).
	if maxShift+40+int64(bits.Len(uint(len(steps)))) <= 63 {
		var sum uint64
		for _, s := range steps {
			sum += decayWeight(s, m, minQ, maxShift, roots)
		}
		for _, s := range steps {
			hi, lo := bits.Mul64(decayWeight(s, m, minQ, maxShift, roots), decayScale)
			q, _ := bits.Div64(hi, lo, sum)
			out = append(out, q)
		}
		return out
	}
	return decaySharesBig(out, steps, m, roots, minQ, maxShift)
}

// decayWeight is Y(r)·2^(S−shift), or 0 beyond maxDecayShift; it fits
// in 63 bits on the fast path.
func decayWeight(s, m, minQ, maxShift int64, roots *rootTable) uint64 {
	sh := s/m - minQ
	if sh > maxDecayShift {
		return 0
	}
	return roots.y(s%m) << uint(maxShift-sh)
}

func decaySharesBig(out []uint64, steps []int64, m int64, roots *rootTable, minQ, maxShift int64) []uint64 {
	ws := make([]*big.Int, len(steps))
	sum := new(big.Int)
	for i, s := range steps {
		w := new(big.Int)
		if sh := s/m - minQ; sh <= maxDecayShift {
			w.SetUint64(roots.y(s % m))
			w.Lsh(w, uint(maxShift-sh))
		}
		ws[i] = w
		sum.Add(sum, w)
	}
	scale := new(big.Int).SetUint64(uint64(decayScale))
	for _, w := range ws {
		out = append(out, w.Mul(w, scale).Quo(w, sum).Uint64())
	}
	return out
}
