package attribution_test

import (
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

const shapleySubset = `{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset"}}`

// TestShapleyByHand works the subset game of three journeys:
//
//	J1 a > b        60.00     sets {a,b}: 60
//	J2 b            30.00          {b}:   30
//	J3 a > c > a    90.00          {a,c}: 90
//
// Coalition table, v(S) = value of the journeys whose set ⊆ S:
//
//	∅ 0 · {a} 0 · {b} 30 · {c} 0 · {a,b} 90 · {a,c} 90 · {b,c} 30 · {a,b,c} 180
//
// Weights |S|!(n−|S|−1)!/n! for n = 3: 1/3, 1/6, 1/6, 1/3.
//
//	φ_a = 0/3 + (90−30)/6 + (90−0)/6 + (180−30)/3  = 0 + 10 + 15 + 50 = 75
//	φ_b = 30/3 + (90−0)/6 + (30−0)/6 + (180−90)/3  = 10 + 15 + 5 + 30 = 60
//	φ_c = 0/3 + (90−0)/6 + (30−30)/6 + (180−90)/3  = 0 + 15 + 0 + 30  = 45
//
// Sum 180 = v(N). The touching game (v(S) = value of the journeys that
// touch S) gives the same values: each journey is a game symmetric in its
// own channels.
func TestShapleyByHand(t *testing.T) {
	js := []attribution.Journey{j("a>b", "60.00"), j("b", "30.00"), j("a>c>a", "90.00"), j("d", "")}
	for _, value := range []string{"subset", "touching"} {
		r := rule(t, `{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"`+value+`"}}`)
		if got, want := credits(attribute(t, r, js)), "a=75.00 b=60.00 c=45.00 d=0.00"; got != want {
			t.Errorf("%s: credits = %s, want %s", value, got, want)
		}
	}
}

// genJourneys draws journeys over at most n channels named c0…, with
// values in cents.
func genJourneys(t *rapid.T, n, maxJourneys, maxLen int) []attribution.Journey {
	count := rapid.IntRange(1, maxJourneys).Draw(t, "journeys")
	js := make([]attribution.Journey, count)
	for i := range js {
		l := rapid.IntRange(1, maxLen).Draw(t, "len")
		path := ""
		for k := range l {
			if k > 0 {
				path += ">"
			}
			path += fmt.Sprintf("c%d", rapid.IntRange(0, n-1).Draw(t, "ch"))
		}
		value := ""
		if rapid.Bool().Draw(t, "conv") {
			value = fmt.Sprintf("%d.%02d", rapid.IntRange(0, 500).Draw(t, "u"), rapid.IntRange(0, 99).Draw(t, "c"))
		}
		js[i] = j(path, value)
	}
	return js
}

// bruteShapley is the reference: the average marginal contribution over
// all n! orders of the channels, v computed from its definition (and
// remembered per coalition).
func bruteShapley(js []attribution.Journey, channels []string, touching bool) map[string]*big.Rat {
	// Journey values have at most two places (genJourneys), so the
	// coalition values and every marginal contribution are whole cents:
	// the permutation sums are exact in int64 (at most 7! · 8 · 50,099
	// cents), and the only division is the final one by the number of
	// permutations, in big.Rat.
	bit := map[string]int{}
	for i, c := range channels {
		bit[c] = 1 << i
	}
	cents := func(v decimal.Decimal) int64 { return v.Shift(2).IntPart() }
	memo := map[int]int64{}
	v := func(in int) int64 {
		if r, ok := memo[in]; ok {
			return r
		}
		var sum int64
		for _, jr := range js {
			if jr.Conversion == nil {
				continue
			}
			all, any := true, false
			for _, tc := range jr.Touches {
				all = all && in&bit[tc.Channel] != 0
				any = any || in&bit[tc.Channel] != 0
			}
			if (touching && any) || (!touching && all) {
				sum += cents(jr.Conversion.Value.Decimal())
			}
		}
		memo[in] = sum
		return sum
	}
	phi := make([]int64, len(channels))
	perms := 0
	order := make([]int, 0, len(channels))
	used := make([]bool, len(channels))
	var rec func()
	rec = func() {
		if len(order) == len(channels) {
			perms++
			in := 0
			for _, c := range order {
				prev := v(in)
				in |= 1 << c
				phi[c] += v(in) - prev
			}
			return
		}
		for c := range channels {
			if !used[c] {
				used[c] = true
				order = append(order, c)
				rec()
				order = order[:len(order)-1]
				used[c] = false
			}
		}
	}
	rec()
	out := map[string]*big.Rat{}
	for i, c := range channels {
		out[c] = big.NewRat(phi[i], int64(perms)*100)
	}
	return out
}

func TestShapleyExactMatchesPermutations(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		js := genJourneys(t, rapid.IntRange(1, 7).Draw(t, "n"), 8, 4)
		touching := rapid.Bool().Draw(t, "touching")
		value := map[bool]string{false: "subset", true: "touching"}[touching]
		r := rule(t, `{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"`+value+`"}}`)
		res := attribute(t, r, js)
		var channels []string
		for _, c := range res.Credits {
			channels = append(channels, c.Channel)
		}
		want := bruteShapley(js, channels, touching)
		for _, c := range res.Credits {
			if c.Exact.Rat().Cmp(want[c.Channel]) != 0 {
				t.Fatalf("%s: exact %s, brute force %s", c.Channel, c.Exact, want[c.Channel].RatString())
			}
		}
		checkSum(t, res)
	})
}

// checkSum checks that the credits sum exactly to the total and that
// each is within one unit of its exact value.
func checkSum(t interface{ Fatalf(string, ...any) }, res attribution.Result) {
	sum := d("0")
	unit := new(big.Rat).SetFrac64(1, 1)
	for range res.Places {
		unit.Quo(unit, big.NewRat(10, 1))
	}
	for _, c := range res.Credits {
		sum = sum.Add(c.Value)
		diff := new(big.Rat).Sub(c.Value.Rat(), c.Exact.Rat())
		if diff.Abs(diff).Cmp(unit) >= 0 {
			t.Fatalf("%s: %s is not within one unit of %s", c.Channel, c.Value, c.Exact)
		}
	}
	if !sum.Equal(res.Total) {
		t.Fatalf("credits sum to %s, total %s", sum, res.Total)
	}
}

// TestShapleySampling forces sampling on a small game and checks the
// estimate against the exact values: within the reported bounds, and
// the same for the same seed.
func TestShapleySampling(t *testing.T) {
	js := []attribution.Journey{j("a>b", "60.00"), j("b", "30.00"), j("a>c>a", "90.00"), j("c>d", "40.00"), j("e", "")}
	exact := attribute(t, rule(t, shapleySubset), js)
	doc := `{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","exact_up_to":2,` +
		`"sampling":{"permutations":2000,"seed":[7,11],"confidence":"95%"}}}`
	s1 := attribute(t, rule(t, doc), js)
	s2 := attribute(t, rule(t, doc), reversed(js))
	if credits(s1) != credits(s2) {
		t.Errorf("same seed, reversed journeys: %s vs %s", credits(s1), credits(s2))
	}
	if s1.Sampling.Permutations != 2000 || !s1.Sampling.Confidence.Equal(money.MustRate("95%")) {
		t.Errorf("sampling detail %+v", s1.Sampling)
	}
	checkSum(t, s1)
	for i, c := range s1.Credits {
		diff := new(big.Rat).Sub(c.Exact.Rat(), exact.Credits[i].Exact.Rat())
		if diff.Abs(diff).Cmp(c.Bound.Rat()) > 0 {
			t.Errorf("%s: sampled %s, exact %s, bound %s", c.Channel, c.Exact, exact.Credits[i].Exact, c.Bound)
		}
	}
	// Bound for a: V = 150.00 (sets {a,b} and {a,c}), M = 2000, δ = 5 %:
	// 15000/(2·√100) = 750 cents = 7.50 exactly.
	if got := s1.Credits[0].Bound; !got.Equal(d("7.50")) {
		t.Errorf("bound of a = %s, want 7.50", got)
	}
	if !s1.Credit("e").IsZero() {
		t.Errorf("e never converted but got %s", s1.Credit("e"))
	}
}

func reversed(js []attribution.Journey) []attribution.Journey {
	out := slices.Clone(js)
	slices.Reverse(out)
	return out
}
