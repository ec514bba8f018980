package attribution

import "math/big"

// Symbols of a transition: a channel index (0…63), or an absorbing state.
const (
	symConv  = MaxChannels     // the conversion state
	symNull  = MaxChannels + 1 // the null state
	nSymbols = MaxChannels + 2
	base     = MaxChannels + 1 // digits of a state code: 0 (none), channel+1
)

// chain is the fitted order-k chain: transient states (the start state,
// code 0, and one per observed tuple of the last ≤ k channels) with the
// observed counts of their transitions by symbol.
type chain struct {
	k      int
	codes  []uint64 // state index → code: the tuple as base-65 digits, newest least significant
	counts []int64  // [state][symbol]
	index  map[uint64]int32
}

func (c *chain) state(code uint64) int32 {
	if i, ok := c.index[code]; ok {
		return i
	}
	i := int32(len(c.codes))
	c.index[code] = i
	c.codes = append(c.codes, code)
	c.counts = append(c.counts, make([]int64, nSymbols)...)
	return i
}

// next is the code of the state after channel ch from code.
func (c *chain) next(code uint64, ch int) uint64 {
	mod := uint64(1)
	for range c.k - 1 {
		mod *= base
	}
	return code%mod*base + uint64(ch) + 1
}

// contains reports whether the tuple of code contains channel ch.
func contains(code uint64, ch int) bool {
	for ; code != 0; code /= base {
		if code%base == uint64(ch)+1 {
			return true
		}
	}
	return false
}

// fit walks every journey from the start state through the states of its
// last ≤ k channels (consecutive repeats of a channel collapsed) to the
// conversion or null state, counting transitions.
func fit(d data, k int) chain {
	c := chain{k: k, index: map[uint64]int32{}}
	start := c.state(0)
	for i := range len(d.off) - 1 {
		from, code := start, uint64(0)
		prev := -1
		for _, ch := range d.journey(i) {
			if int(ch) == prev {
				continue
			}
			prev = int(ch)
			code = c.next(code, int(ch))
			to := c.state(code)
			c.counts[int(from)*nSymbols+int(ch)]++
			from = to
		}
		if d.conv[i] {
			c.counts[int(from)*nSymbols+symConv]++
		} else {
			c.counts[int(from)*nSymbols+symNull]++
		}
	}
	return c
}

// solve returns P(conv) from the start state with channel removed (−1:
// none): the chain restricted to the states without the channel, every
// transition into a removed state going to null. The system is
// (diag(N) − C)·x = b over the kept states, N_s the row total of s, C the
// counts between kept states and b the counts into conversion; x_start
// = det(A_start)/det(A) by Cramer's rule, solved exactly (multimodular).
func (c chain) solve(removed int, primes *primeList) *big.Rat {
	var keep []int32
	for i, code := range c.codes {
		if i != 0 && (removed < 0 || !contains(code, removed)) {
			keep = append(keep, int32(i))
		}
	}
	keep = append(keep, 0) // the start state last
	pos := make([]int32, len(c.codes))
	for i := range pos {
		pos[i] = -1
	}
	for p, s := range keep {
		pos[s] = int32(p)
	}
	n := len(keep)
	sys := system{n: n, a: make([]int64, n*(n+1))}
	for p, s := range keep {
		row := c.counts[int(s)*nSymbols : int(s+1)*nSymbols]
		var total int64
		for _, v := range row {
			total += v
		}
		sys.a[p*(n+1)+p] += total
		for ch := range MaxChannels {
			if row[ch] == 0 {
				continue
			}
			if t := pos[c.index[c.next(c.codes[s], ch)]]; t >= 0 {
				sys.a[p*(n+1)+int(t)] -= row[ch]
			}
		}
		sys.a[p*(n+1)+n] = row[symConv]
		sys.rowBits += bitLen(3 * uint64(total))
	}
	x, ok := sys.solveLast(primes)
	if !ok { // only a chain without journeys: the start state has no row
		return new(big.Rat)
	}
	return x
}

func (r Rule) markov(d data) (Result, error) {
	c := fit(d, r.spec.Order)
	var primes primeList
	p := c.solve(-1, &primes)
	w := zeros(len(d.channels))
	re := make([]*big.Rat, len(d.channels))
	for ch := range d.channels {
		re[ch] = new(big.Rat)
		if p.Sign() == 0 {
			continue
		}
		without := c.solve(ch, &primes)
		re[ch].Sub(big.NewRat(1, 1), without.Quo(without, p))
		w[ch].Set(re[ch])
	}
	res := r.result(d, w)
	res.Markov = MarkovDetail{Order: r.spec.Order, States: len(c.codes), Conversion: fractionOf(p)}
	for ch := range res.Credits {
		res.Credits[ch].Removal = fractionOf(re[ch])
	}
	return res, nil
}
