package attribution_test

import (
	"testing"
)

// BenchmarkAttribute: 100,000 journeys of 1–6 touches over 10 channels
// (20 for Shapley), a third converting.
func BenchmarkAttribute(b *testing.B) {
	js10 := randomJourneys(42, 100_000, 10, 6)
	js20 := randomJourneys(42, 100_000, 20, 6)
	for _, bc := range []struct {
		name, rule string
		n          int
	}{
		{"first-touch", `{"method":"first-touch","basis":"revenue","currency":"USD"}`, 10},
		{"linear", `{"method":"linear","basis":"revenue","currency":"USD"}`, 10},
		{"position-based", `{"method":"position-based","basis":"revenue","currency":"USD","position":{"first":"40%","middle":"20%","last":"40%"}}`, 10},
		{"time-decay", `{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"168h","step":"1h"}}`, 10},
		{"markov-1", `{"method":"markov","basis":"revenue","currency":"USD","order":1}`, 10},
		{"markov-2", `{"method":"markov","basis":"revenue","currency":"USD","order":2}`, 10},
		{"shapley-exact-20", `{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset"}}`, 20},
		{"shapley-sampled-20x1000", `{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","exact_up_to":1,"sampling":{"permutations":1000,"seed":[1,2],"confidence":"95%"}}}`, 20},
	} {
		r := rule(b, bc.rule)
		js := js10
		if bc.n == 20 {
			js = js20
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Attribute(js); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
