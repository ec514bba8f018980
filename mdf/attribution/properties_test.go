package attribution_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

// allRules is one rule per method (and both bases).
var allRules = []string{
	`{"method":"first-touch","basis":"revenue","currency":"USD"}`,
	`{"method":"last-touch","basis":"conversions","places":3}`,
	`{"method":"linear","basis":"revenue","currency":"USD"}`,
	`{"method":"position-based","basis":"conversions","places":2,"position":{"first":"30%","middle":"45%","last":"25%"}}`,
	`{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"72h","step":"8h"}}`,
	`{"method":"markov","basis":"revenue","currency":"USD","order":1}`,
	`{"method":"markov","basis":"conversions","places":4,"order":2}`,
	`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset"}}`,
	`{"method":"shapley","basis":"conversions","places":2,"shapley":{"value":"touching"}}`,
	`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","exact_up_to":1,` +
		`"sampling":{"permutations":50,"seed":[3,4],"confidence":"90%"}}}`,
}

// genTimedJourneys draws journeys whose touches are hours apart, so that
// time decay sees different ages.
func genTimedJourneys(t *rapid.T, n int) []attribution.Journey {
	js := genJourneys(t, n, 10, 5)
	for i := range js {
		at := t0
		for k := range js[i].Touches {
			at = at.Add(time.Duration(rapid.IntRange(0, 200).Draw(t, "gap")) * time.Hour)
			js[i].Touches[k].At = at
		}
		if c := js[i].Conversion; c != nil {
			c.At = at.Add(time.Duration(rapid.IntRange(0, 100).Draw(t, "lag")) * time.Hour)
		}
	}
	return js
}

// TestPropertiesAllMethods: for every method, the credits sum exactly to
// the total, each within one unit of its exact share; shuffling the
// journeys changes nothing; a channel in no journey gets zero.
func TestPropertiesAllMethods(t *testing.T) {
	// One property over every method: each case draws the rule, so the
	// 10,000 cases are shared among the methods (about 1,000 each) and
	// the race-enabled suite stays within CI's budget.
	rules := make([]attribution.Rule, len(allRules))
	for i, doc := range allRules {
		rules[i] = rule(t, doc)
	}
	rapid.Check(t, func(t *rapid.T) {
		r := rules[rapid.IntRange(0, len(rules)-1).Draw(t, "rule")]
		js := genTimedJourneys(t, rapid.IntRange(1, 6).Draw(t, "n"))
		res := attribute(t, r, js)
		checkSum(t, res)
		perm := rapid.Permutation(js).Draw(t, "perm")
		again := attribute(t, r, perm)
		if credits(res) != credits(again) {
			t.Fatalf("order changes credits: %s vs %s", credits(res), credits(again))
		}
		for k, c := range res.Credits {
			if !c.Exact.Equal(again.Credits[k].Exact) || !c.Bound.Equal(again.Credits[k].Bound) {
				t.Fatalf("order changes exact credits of %s", c.Channel)
			}
		}
		if !res.Credit("nowhere").IsZero() {
			t.Fatalf("absent channel credited")
		}
	})
}

// TestSymmetricChannels: journeys closed under swapping the names of two
// channels give them exactly equal exact credits (and rounded credits
// one unit apart at most, the first name taking the tie).
func TestSymmetricChannels(t *testing.T) {
	swap := func(js []attribution.Journey) []attribution.Journey {
		out := make([]attribution.Journey, len(js))
		for i, jr := range js {
			out[i] = jr
			out[i].Touches = slices.Clone(jr.Touches)
			for k, tc := range out[i].Touches {
				switch tc.Channel {
				case "c0":
					out[i].Touches[k].Channel = "c1"
				case "c1":
					out[i].Touches[k].Channel = "c0"
				}
			}
		}
		return out
	}
	// Sampling is symmetric only in law: every other rule, drawn per case.
	rules := make([]attribution.Rule, len(allRules)-1)
	for i, doc := range allRules[:len(allRules)-1] {
		rules[i] = rule(t, doc)
	}
	rapid.Check(t, func(t *rapid.T) {
		r := rules[rapid.IntRange(0, len(rules)-1).Draw(t, "rule")]
		js := genTimedJourneys(t, rapid.IntRange(2, 5).Draw(t, "n"))
		js = append(js, swap(js)...)
		res := attribute(t, r, js)
		var c0, c1 *attribution.Credit
		for k := range res.Credits {
			switch res.Credits[k].Channel {
			case "c0":
				c0 = &res.Credits[k]
			case "c1":
				c1 = &res.Credits[k]
			}
		}
		if c0 == nil || c1 == nil {
			return
		}
		if !c0.Exact.Equal(c1.Exact) {
			t.Fatalf("c0 %s, c1 %s", c0.Exact, c1.Exact)
		}
		diff := c0.Value.Sub(c1.Value)
		if diff.Sign() < 0 || diff.GreaterThan(d("1").Shift(-res.Places)) {
			t.Fatalf("rounded c0 %s, c1 %s", c0.Value, c1.Value)
		}
	})
}

// TestRuleRoundTrip: every rule marshals to a document that parses back
// to an equal rule.
func TestRuleRoundTrip(t *testing.T) {
	for _, doc := range allRules {
		r := rule(t, doc)
		b, err := r.MarshalJSON()
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		back, err := attribution.ParseRule(b)
		if err != nil || !back.Equal(r) {
			t.Fatalf("%s → %s → %v, %v", doc, b, back, err)
		}
		if !strings.Contains(string(b), `"method"`) {
			t.Errorf("%s", b)
		}
	}
	if _, err := (attribution.Rule{}).MarshalJSON(); err == nil {
		t.Error("zero rule marshals")
	}
	if _, err := (attribution.Rule{}).Attribute(nil); err == nil {
		t.Error("zero rule attributes")
	}
}

// TestJourneysRoundTrip: MarshalJourneys writes what ParseJourneys reads.
func TestJourneysRoundTrip(t *testing.T) {
	r := rule(t, allRules[4])
	rapid.Check(t, func(t *rapid.T) {
		js := genTimedJourneys(t, 4)
		b, err := attribution.MarshalJourneys(js)
		if err != nil {
			t.Fatal(err)
		}
		back, err := attribution.ParseJourneys(b)
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := attribution.MarshalJourneys(back)
		if string(b) != string(b2) {
			t.Fatalf("%s\n%s", b, b2)
		}
		if credits(attribute(t, r, js)) != credits(attribute(t, r, back)) {
			t.Fatal("credits differ after a round trip")
		}
	})
	_ = money.MustParse
}
