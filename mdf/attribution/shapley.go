package attribution

import (
	"cmp"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// game is the Shapley game of the converting journeys: players are the
// channels of converting journeys with a positive value (every other
// channel is a null player and gets 0), and each distinct set of players
// carries the total value of its journeys.
type game struct {
	players []int // player → channel index
	sets    []set // sorted by mask
	total   uint64
}

type set struct {
	mask  uint64 // over players
	value uint64
}

func (r Rule) buildGame(d data) (game, error) {
	if d.total.hi != 0 || d.total.lo >= 1<<63 {
		return game{}, inputErr("/journeys", "", wrap(ErrRange, "the total exceeds 2^63 units, the limit of the Shapley method"))
	}
	player := make([]int, len(d.channels))
	for i := range player {
		player[i] = -1
	}
	var g game
	byMask := map[uint64]uint64{}
	for i, v := range d.value {
		if v == 0 {
			continue
		}
		var m uint64
		for _, ch := range d.journey(i) {
			player[ch] = 0
			m |= 1 << ch // channel mask first; remapped below
		}
		byMask[m] += v
	}
	for ch, p := range player {
		if p == 0 {
			player[ch] = len(g.players)
			g.players = append(g.players, ch)
		}
	}
	for m, v := range byMask {
		var pm uint64
		for ; m != 0; m &= m - 1 {
			pm |= 1 << player[bits.TrailingZeros64(m)]
		}
		g.sets = append(g.sets, set{pm, v})
		g.total += v
	}
	slices.SortFunc(g.sets, func(a, b set) int { return cmp.Compare(a.mask, b.mask) })
	return g, nil
}

func (r Rule) shapley(d data) (Result, error) {
	g, err := r.buildGame(d)
	if err != nil {
		return Result{}, err
	}
	sp := *r.spec.Shapley
	limit := sp.ExactUpTo
	if limit == 0 {
		limit = MaxExactChannels
	}
	w := zeros(len(d.channels))
	n := len(g.players)
	if n <= limit {
		for p, phi := range shapleyExact(g, sp.Value) {
			w[g.players[p]].SetInt(phi)
		}
		return r.result(d, w), nil
	}
	if sp.Sampling == nil {
		return Result{}, inputErr("/journeys", strconv.Itoa(n)+" channels", wrap(ErrRange,
			"more converting channels than the exact limit %d: the rule needs /shapley/sampling", limit))
	}
	sums, reach := shapleySample(g, sp.Value, *sp.Sampling)
	for p, s := range sums {
		w[g.players[p]].SetInt(s.big())
	}
	res := r.result(d, w)
	res.Sampling = SamplingDetail{Permutations: sp.Sampling.Permutations, Confidence: *sp.Sampling.Confidence}
	for p, v := range reach {
		res.Credits[g.players[p]].Bound = bound(v, sp.Sampling, res.Places)
	}
	return res, nil
}

// shapleyExact returns n!·φ_i for every player i: the coalition values
// v(S) of all 2^n coalitions by a subset-sum (zeta) transform of the set
// values, then φ_i·n! = Σ_s s!(n−1−s)!·D_i(s) with D_i(s) the sum of the
// marginal contributions v(S∪{i}) − v(S) over the coalitions S ∌ i of
// size s.
func shapleyExact(g game, value Coalition) []*big.Int {
	n := len(g.players)
	size := 1 << n
	v := make([]uint64, size)
	for _, s := range g.sets {
		v[s.mask] += s.value
	}
	for i := range n { // zeta: v[S] = Σ_{T⊆S} w[T]
		bit := 1 << i
		for s := range size {
			if s&bit != 0 {
				v[s] += v[s^bit]
			}
		}
	}
	if value == Touching { // v(S) = total − Σ_{T ⊆ N∖S} w[T]
		full := size - 1
		for s := 0; s < size/2; s++ { // pairs S and N∖S
			c := full ^ s
			v[s], v[c] = g.total-v[c], g.total-v[s]
		}
	}
	acc := make([]u128, n*n) // [player][size]
	for s := range size {
		k := bits.OnesCount64(uint64(s))
		for rest := uint64(size-1) &^ uint64(s); rest != 0; rest &= rest - 1 {
			i := bits.TrailingZeros64(rest)
			acc[i*n+k].add(v[s|1<<i] - v[s])
		}
	}
	fact := make([]*big.Int, n+1)
	fact[0] = big.NewInt(1)
	for i := 1; i <= n; i++ {
		fact[i] = new(big.Int).Mul(fact[i-1], big.NewInt(int64(i)))
	}
	phi := make([]*big.Int, n)
	for i := range n {
		phi[i] = new(big.Int)
		for k := range n {
			if a := acc[i*n+k]; !a.isZero() {
				t := new(big.Int).Mul(fact[k], fact[n-1-k])
				phi[i].Add(phi[i], t.Mul(t, a.big()))
			}
		}
	}
	return phi
}

// shapleySample returns, per player, the sum of its marginal
// contributions over the sampled permutations, and the value of the sets
// containing it (the range of one marginal contribution). Under Subset a
// set's value goes to its member that comes last in the permutation,
// under Touching to the first.
func shapleySample(g game, value Coalition, sm SamplingSpec) ([]u128, []uint64) {
	n := len(g.players)
	rng := rand.New(rand.NewPCG(sm.Seed[0], sm.Seed[1]))
	perm := make([]int, n)
	pos := make([]int, n)
	sums := make([]u128, n)
	reach := make([]uint64, n)
	for _, s := range g.sets {
		for m := s.mask; m != 0; m &= m - 1 {
			reach[bits.TrailingZeros64(m)] += s.value
		}
	}
	for range sm.Permutations {
		for i := range perm {
			perm[i] = i
		}
		for i := n - 1; i > 0; i-- { // Fisher–Yates
			k := boundedInt(rng, uint64(i+1))
			perm[i], perm[k] = perm[k], perm[i]
		}
		for at, p := range perm {
			pos[p] = at
		}
		for _, s := range g.sets {
			best := -1
			for m := s.mask; m != 0; m &= m - 1 {
				p := bits.TrailingZeros64(m)
				if best < 0 || (value == Subset) == (pos[p] > pos[best]) {
					best = p
				}
			}
			sums[best].add(s.value)
		}
	}
	return sums, reach
}

// boundedInt returns a uniform integer in [0, n) from rng.Uint64 by
// rejection (the bias-free threshold of Lemire's method), so that the
// sequence for a seed depends only on the PCG generator.
func boundedInt(rng *rand.Rand, n uint64) int {
	threshold := -n % n
	for {
		hi, lo := bits.Mul64(rng.Uint64(), n)
		if lo >= threshold {
			return int(hi)
		}
	}
}

// bound returns ε = V/(2·√(M·δ)) rounded up to places, V the value (in
// units) of the sets containing the player and δ = 1 − confidence: by
// Chebyshev's inequality with Popoviciu's variance bound (one marginal
// contribution lies in [0, V]), the mean of M contributions is within ε
// of φ with probability at least 1 − δ.
func bound(v uint64, sm *SamplingSpec, places int32) decimal.Decimal {
	delta := sm.Confidence.Complement().Fraction().Rat()
	// X = ⌈√⌈V²/(4Mδ)⌉⌉ units.
	y := new(big.Rat).SetInt(new(big.Int).SetUint64(v))
	y.Mul(y, y)
	y.Quo(y, new(big.Rat).Mul(delta, big.NewRat(4*int64(sm.Permutations), 1)))
	c := new(big.Int).Quo(y.Num(), y.Denom())
	if !y.IsInt() {
		c.Add(c, big.NewInt(1))
	}
	x := new(big.Int).Sqrt(c)
	if new(big.Int).Mul(x, x).Cmp(c) < 0 {
		x.Add(x, big.NewInt(1))
	}
	return decimal.NewFromBigInt(x, -places)
}
