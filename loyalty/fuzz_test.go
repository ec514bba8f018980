package loyalty_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/loyalty"
)

// FuzzParseScorer: any document either fails with an error or compiles
// to a scorer whose JSON parses back to an equal scorer; nothing panics.
func FuzzParseScorer(f *testing.F) {
	for _, s := range []string{scorerDoc, benchScorer, `{}`, `null`, `{"pillars":null}`, `{"score_places":1e9}`,
		`{"half_life_days":366,"point_places":9,"window_days":1,"pillars":[{"name":"p","weight":"1","normalisation":"min-max"}],"activities":[{"kind":"a","pillar":"p","points":"0.000000001"}],"bands":[{"name":"b","from":"0"}]}`,
		`{"pillars":[{"name":"p","weight":"100%","normalisation":"fixed-target","target":"-1"}]}`,
		strings.Repeat(`[`, 100), `{"score_places":2,"score_places":2}`, "{\"pillars\":[{\"name\":\"\xff\"}]}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		s, err := loyalty.ParseScorer([]byte(doc))
		if err != nil {
			return
		}
		b, err := s.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := loyalty.ParseScorer(b)
		if err != nil || !back.Equal(s) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
	})
}

// FuzzParseLadder: as FuzzParseScorer for ladders.
func FuzzParseLadder(f *testing.F) {
	for _, s := range []string{ladderDoc, `{}`, `{"grace_days":-1,"levels":[]}`, `{"levels":[{"name":"a","criteria":[]}]}`,
		`{"grace_days":1,"levels":[{"name":"a"},{"name":"b","criteria":[{"metric":"m","promote":"1","retain":"2"}]}]}`,
		`{"levels":[{"name":"a"},{"name":"a"}]}`, `{"levels":[{"name":"a"}],"x":1}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		l, err := loyalty.ParseLadder([]byte(doc))
		if err != nil {
			return
		}
		b, err := l.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := loyalty.ParseLadder(b)
		if err != nil || !back.Equal(l) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
	})
}

// FuzzEnumText: any text either fails to parse as each enumeration or
// round-trips exactly.
func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"min-max", "percentile-rank", "fixed-target", "month", "week", "no-revenue", "influenced",
		"unspecified", "MIN-MAX", "", "month\x00", "Normalisation(2)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var n loyalty.Normalisation
		var w loyalty.CapWindow
		var k loyalty.RuleKind
		var d loyalty.DealSource
		for _, v := range []interface {
			UnmarshalText([]byte) error
			MarshalText() ([]byte, error)
		}{&n, &w, &k, &d} {
			if err := v.UnmarshalText([]byte(s)); err != nil {
				continue
			}
			b, err := v.MarshalText()
			if err != nil || string(b) != s {
				t.Fatalf("%q parsed, marshals to %q, %v", s, b, err)
			}
		}
	})
}

// FuzzDurationsJSON: any document either fails to decode as Durations
// or round-trips to an equal value.
func FuzzDurationsJSON(f *testing.F) {
	for _, s := range []string{`{"count":3,"median":"3h0m0s","p75":"30h0m0s","p90":"30h0m0s","max":"30h0m0s"}`,
		`{"count":0,"median":"0s","p75":"0s","p90":"0s","max":"0s"}`, `{"median":5}`, `{"median":"-1h"}`, `null`, `[]`, `{"max":"9999999999h"}`, "{\"p75\":\"1h\x00\"}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		var v loyalty.Durations
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var back loyalty.Durations
		if err := json.Unmarshal(b, &back); err != nil || back != v {
			t.Fatalf("round trip of %s: %v", b, err)
		}
	})
}
