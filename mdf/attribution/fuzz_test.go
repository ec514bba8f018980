package attribution_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/mdf/attribution"
)

// checkErr: a rejection is prefixed with the package name and every
// FieldPath in it is a JSON Pointer.
func checkErr(t *testing.T, err error) {
	t.Helper()
	if !strings.HasPrefix(err.Error(), "attribution: ") {
		t.Fatalf("error without package prefix: %v", err)
	}
	walkPaths(err, func(p string) {
		if !field.Valid(p) {
			t.Fatalf("FieldPath %q is not a JSON Pointer (in %v)", p, err)
		}
	})
}

// FuzzParseRule: any document either fails cleanly or parses to a rule
// whose JSON parses back to an equal rule.
func FuzzParseRule(f *testing.F) {
	for _, doc := range allRules {
		f.Add([]byte(doc))
	}
	for _, s := range []string{
		``, `null`, `[]`, `{}`, `{"method":null}`, `{"method":"markov","basis":"revenue","currency":"USD","order":99}`,
		`{"method":"markov","basis":"revenue","currency":"USD","order":1,"order":2}`,
		`{"method":"linear","basis":"revenue","currency":"usd"}`, `{"method":"linear","basis":"conversions","places":-1}`,
		`{"method":"position-based","basis":"revenue","currency":"USD","position":{"first":0.4,"middle":"20%","last":"40%"}}`,
		`{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"-1h","step":"0s"}}`,
		`{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"1000000h","step":"1ns"}}`,
		`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","sampling":{"permutations":0,"seed":[1],"confidence":"100%"}}}`,
		`{"METHOD":"linear","method":"linear"}`, `{"method":"linear"` + strings.Repeat(" ", 20000) + `}`,
		`{"a":[[[[[[[[[[]]]]]]]]]]}`, "{\"method\":\"line\xffar\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := attribution.ParseRule(data)
		if err != nil {
			checkErr(t, err)
			return
		}
		b, err := r.MarshalJSON()
		if err != nil {
			t.Fatalf("accepted rule does not marshal: %v", err)
		}
		back, err := attribution.ParseRule(b)
		if err != nil || !back.Equal(r) {
			t.Fatalf("round trip: %s → %v, %v", b, back, err)
		}
	})
}

// FuzzParseJourneys: any document either fails cleanly or decodes to
// journeys that every rule either rejects cleanly or attributes with
// credits summing to the total.
func FuzzParseJourneys(f *testing.F) {
	f.Add([]byte(exampleJourneys))
	for _, s := range []string{
		``, `{}`, `{"journeys":null}`, `{"journeys":[]}`, `{"journeys":[{}]}`, `{"journeys":[{"touches":[]}]}`,
		`{"journeys":[{"touches":[{"channel":"a","at":"2025-01-01T00:00:00Z"}],"conversion":{"at":"2024-01-01T00:00:00Z"}}]}`,
		`{"journeys":[{"touches":[{"channel":"a","at":"not a time"}]}]}`,
		`{"journeys":[{"touches":[{"channel":"a","at":"2025-01-01T00:00:00Z"}],"conversion":{"at":"2025-01-01T00:00:00Z","value":"-1.00 USD"}}]}`,
		`{"journeys":[{"touches":[{"channel":"a","at":"2025-01-01T00:00:00Z"}],"conversion":{"at":"2025-01-01T00:00:00Z","value":"0.001 USD"}}]}`,
		`{"journeys":[{"touches":[{"channel":"a","at":"0001-01-01T00:00:00Z"},{"channel":"b","at":"9999-12-31T23:59:59Z"}],"conversion":{"at":"9999-12-31T23:59:59Z","value":"92233720368547758.07 USD"}}]}`,
		`{"journeys":[{"touches":[{"channel":"a","at":"2025-01-01T00:00:00Z","extra":1}]}]}`,
		`{"journeys":[{"touches":[{"channel":"` + strings.Repeat("x", 300) + `","at":"2025-01-01T00:00:00Z"}]}]}`,
	} {
		f.Add([]byte(s))
	}
	rules := make([]attribution.Rule, len(allRules))
	for i, doc := range allRules {
		rules[i] = attribution.MustParseRule(doc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		js, err := attribution.ParseJourneys(data)
		if err != nil {
			checkErr(t, err)
			return
		}
		for _, r := range rules {
			res, err := r.Attribute(js)
			if err != nil {
				checkErr(t, err)
				if !errors.Is(err, attribution.ErrInvalid) && !errors.Is(err, attribution.ErrEmpty) && !errors.Is(err, attribution.ErrOrder) &&
					!errors.Is(err, attribution.ErrRange) && !errors.Is(err, attribution.ErrMissing) && !errors.Is(err, attribution.ErrCurrency) {
					t.Fatalf("error matches no sentinel: %v", err)
				}
				continue
			}
			checkSum(t, res)
		}
	})
}

// FuzzEnumText: any text either fails to parse or round-trips exactly.
func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"markov", "first-touch", "revenue", "subset", "touching", "unspecified", "Markov", "", "linear "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m attribution.Method
		if m.UnmarshalText([]byte(s)) == nil {
			if b, err := m.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("method %q → %q, %v", s, b, err)
			}
		}
		var me attribution.Basis
		if me.UnmarshalText([]byte(s)) == nil {
			if b, err := me.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("basis %q → %q, %v", s, b, err)
			}
		}
		var c attribution.Coalition
		if c.UnmarshalText([]byte(s)) == nil {
			if b, err := c.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("coalition %q → %q, %v", s, b, err)
			}
		}
	})
}
