package attribution_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/mdf/attribution"
)

func markovRule(t tb, k int) attribution.Rule {
	return rule(t, fmt.Sprintf(`{"method":"markov","basis":"revenue","currency":"USD","order":%d}`, k))
}

// TestMarkovByHand works an order-1 chain with a cycle:
//
//	J1 a > b   converts 100.00
//	J2 a       does not convert
//	J3 b       converts 100.00
//	J4 b > a   does not convert
//
// Counts and transition matrix (rows: from; columns: a, b, conv, null):
//
//	start: a 2, b 2          → 1/2, 1/2,   0,   0
//	a:     b 1, null 2       →   0, 1/3,   0, 2/3
//	b:     a 1, conv 2       → 1/3,   0, 2/3,   0
//
// x_a = x_b/3, x_b = 2/3 + x_a/3 ⇒ x_b = 3/4, x_a = 1/4;
// P(conv) = (1/4 + 3/4)/2 = 1/2.
// Without a (b → a goes to null): x_b = 2/3, P = (0 + 2/3)/2 = 1/3,
// RE_a = 1 − (1/3)/(1/2) = 1/3.
// Without b: x_a = 0, P = 0, RE_b = 1.
// ΣRE = 4/3: a gets 1/4 of 200.00 = 50.00, b gets 3/4 = 150.00.
func TestMarkovByHand(t *testing.T) {
	js := []attribution.Journey{j("a>b", "100.00"), j("a", ""), j("b", "100.00"), j("b>a", "")}
	res := attribute(t, markovRule(t, 1), js)
	if got, want := credits(res), "a=50.00 b=150.00"; got != want {
		t.Errorf("credits = %s, want %s", got, want)
	}
	if got := res.Markov.Conversion.String(); got != "1/2" {
		t.Errorf("P(conv) = %s, want 1/2", got)
	}
	if got := res.Markov.States; got != 3 {
		t.Errorf("states = %d, want 3", got)
	}
	for i, want := range []string{"1/3", "1"} {
		if got := res.Credits[i].Removal.String(); got != want {
			t.Errorf("RE_%s = %s, want %s", res.Credits[i].Channel, got, want)
		}
	}
	// Consecutive repeats collapse: a > a > b is a > b.
	js[0] = j("a>a>b>b", "100.00")
	if got := credits(attribute(t, markovRule(t, 1), js)); got != "a=50.00 b=150.00" {
		t.Errorf("with repeats: %s", got)
	}
}

// TestMarkovOrder2ByHand: order 2 separates what order 1 mixes.
//
//	J1 a > b   converts 60.00     J2 c > b   does not convert
//
// Order-2 states: start, (a), (c), (a,b), (c,b). start → (a) 1/2,
// (c) 1/2; (a) → (a,b); (c) → (c,b); (a,b) → conv; (c,b) → null.
// P(conv) = 1/2. Without a: 0 (RE 1); without b: 0 (RE 1); without c:
// 1/2 (RE 0). a and b get 30.00 each, c nothing. (Order 1 would merge
// the two b states: b → conv 1/2, and c would get a share.)
func TestMarkovOrder2ByHand(t *testing.T) {
	js := []attribution.Journey{j("a>b", "60.00"), j("c>b", "")}
	if got, want := credits(attribute(t, markovRule(t, 2), js)), "a=30.00 b=30.00 c=0.00"; got != want {
		t.Errorf("order 2: %s, want %s", got, want)
	}
	// Order 1: P = 1/2·1/2 + 1/2·1/2 = 1/2 (b → conv 1/2); without a:
	// 1/4 (RE 1/2); without b: 0 (RE 1); without c: 1/4 (RE 1/2).
	// ΣRE = 2: a 15.00, b 30.00, c 15.00.
	if got, want := credits(attribute(t, markovRule(t, 1), js)), "a=15.00 b=30.00 c=15.00"; got != want {
		t.Errorf("order 1: %s, want %s", got, want)
	}
}

// refConversion is the dense rational reference: the chain built from
// the journeys by its definition, with probabilities as big.Rat, and
// (I − Q)·x = r solved by Gauss–Jordan elimination over big.Rat.
func refConversion(js []attribution.Journey, k int, removed string) *big.Rat {
	type edge struct{ from, to string }
	counts := map[edge]int64{}
	totals := map[string]int64{}
	for _, jr := range js {
		var seq []string
		for _, tc := range jr.Touches {
			if len(seq) == 0 || seq[len(seq)-1] != tc.Channel {
				seq = append(seq, tc.Channel)
			}
		}
		from := "start"
		for i := range seq {
			to := strings.Join(seq[max(0, i+1-k):i+1], ">")
			counts[edge{from, to}]++
			totals[from]++
			from = to
		}
		end := "null"
		if jr.Conversion != nil {
			end = "conv"
		}
		counts[edge{from, end}]++
		totals[from]++
	}
	has := func(state string) bool {
		for _, c := range strings.Split(state, ">") {
			if c == removed {
				return true
			}
		}
		return false
	}
	var states []string
	idx := map[string]int{}
	for s := range totals {
		if s == "start" || !has(s) {
			idx[s] = len(states)
			states = append(states, s)
		}
	}
	n := len(states)
	m := make([][]*big.Rat, n)
	for i := range m {
		m[i] = make([]*big.Rat, n+1)
		for k := range m[i] {
			m[i][k] = new(big.Rat)
		}
		m[i][i].SetInt64(1)
	}
	for e, c := range counts {
		i, ok := idx[e.from]
		if !ok {
			continue
		}
		p := big.NewRat(c, totals[e.from])
		if e.to == "conv" {
			m[i][n].Add(m[i][n], p)
		} else if t, ok := idx[e.to]; ok {
			m[i][t].Sub(m[i][t], p)
		}
	}
	for col := range n {
		piv := col
		for m[piv][col].Sign() == 0 {
			piv++
		}
		m[col], m[piv] = m[piv], m[col]
		for r := range n {
			if r == col || m[r][col].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(m[r][col], m[col][col])
			for k := col; k <= n; k++ {
				m[r][k].Sub(m[r][k], new(big.Rat).Mul(f, m[col][k]))
			}
		}
	}
	s := idx["start"]
	return new(big.Rat).Quo(m[s][n], m[s][s])
}

func TestMarkovMatchesDenseReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 3).Draw(t, "order")
		js := genJourneys(t, rapid.IntRange(1, 5).Draw(t, "n"), 12, 5)
		res := attribute(t, markovRule(t, k), js)
		p := refConversion(js, k, "")
		if res.Markov.Conversion.Rat().Cmp(p) != 0 {
			t.Fatalf("P(conv) = %s, reference %s", res.Markov.Conversion, p.RatString())
		}
		for _, c := range res.Credits {
			want := new(big.Rat)
			if p.Sign() != 0 {
				want.Sub(big.NewRat(1, 1), new(big.Rat).Quo(refConversion(js, k, c.Channel), p))
			}
			if c.Removal.Rat().Cmp(want) != 0 {
				t.Fatalf("RE_%s = %s, reference %s", c.Channel, c.Removal, want.RatString())
			}
		}
		checkSum(t, res)
	})
}

// randomJourneys draws count journeys over n channels from a seeded
// generator, with up to maxLen touches; about a third convert.
func randomJourneys(seed uint64, count, n, maxLen int) []attribution.Journey {
	rng := rand.New(rand.NewPCG(seed, 1))
	js := make([]attribution.Journey, count)
	for i := range js {
		var b strings.Builder
		for k := range 1 + rng.IntN(maxLen) {
			if k > 0 {
				b.WriteByte('>')
			}
			fmt.Fprintf(&b, "ch%02d", rng.IntN(n))
		}
		value := ""
		if rng.IntN(3) == 0 {
			value = fmt.Sprintf("%d.%02d", 1+rng.IntN(999), rng.IntN(100))
		}
		js[i] = j(b.String(), value)
	}
	return js
}

// TestMarkovLargeDeterminants: chains whose determinants need several
// primes (hundreds of bits) against the dense reference.
func TestMarkovLargeDeterminants(t *testing.T) {
	for _, k := range []int{1, 2, 3} {
		js := randomJourneys(uint64(k), 400, 6, 6)
		res := attribute(t, markovRule(t, k), js)
		p := refConversion(js, k, "")
		if res.Markov.Conversion.Rat().Cmp(p) != 0 {
			t.Fatalf("order %d: P(conv) = %s, reference %s", k, res.Markov.Conversion, p.RatString())
		}
		// P(conv) of the full chain is the observed rate (flows are
		// conserved); the removal effects carry the large determinants.
		widest := 0
		for _, c := range res.Credits {
			widest = max(widest, c.Removal.Den().BitLen())
			want := new(big.Rat).Sub(big.NewRat(1, 1), new(big.Rat).Quo(refConversion(js, k, c.Channel), p))
			if c.Removal.Rat().Cmp(want) != 0 {
				t.Fatalf("order %d: RE_%s = %s, reference %s", k, c.Channel, c.Removal, want.RatString())
			}
		}
		if k > 1 && widest <= 64 {
			t.Errorf("order %d: the widest denominator has %d bits; the test should need several primes", k, widest)
		}
		checkSum(t, res)
	}
}
