package loyalty_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/loyalty"
)

// withoutMember returns doc with the member at pointer p removed (doc is
// valid JSON; p names an object member).
func withoutMember(t *testing.T, doc, p string) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(p[1:], "/")
	cur := v
	for _, k := range parts[:len(parts)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[k]
		case []any:
			var i int
			for _, ch := range k {
				i = i*10 + int(ch-'0')
			}
			cur = c[i]
		}
	}
	m := cur.(map[string]any)
	if _, ok := m[parts[len(parts)-1]]; !ok {
		t.Fatalf("%s: no such member in the test document", p)
	}
	delete(m, parts[len(parts)-1])
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A member that changes every score or level when read as zero — places,
// the window, the grace period, a weight, points, a band's or a
// criterion's bound — is refused when left out, at its pointer, instead
// of silently meaning 0 (before this check, "point_places" left out
// scored at 0 places and "retain" left out meant "retain at 0").
func TestRequiredMembers(t *testing.T) {
	scorer := []string{"/score_places", "/point_places", "/window_days",
		"/pillars/1/weight", "/activities/2/points", "/bands/2/from"}
	for _, p := range scorer {
		_, err := loyalty.ParseScorer(withoutMember(t, scorerDoc, p))
		checkRequired(t, err, p)
	}
	ladder := []string{"/grace_days", "/levels/1/criteria/0/promote", "/levels/1/criteria/0/retain"}
	for _, p := range ladder {
		_, err := loyalty.ParseLadder(withoutMember(t, ladderDoc, p))
		checkRequired(t, err, p)
	}
	// Written as 0 they are accepted where 0 is in range.
	if _, err := loyalty.ParseScorer([]byte(strings.Replace(scorerDoc, `"score_places": 2`, `"score_places": 0`, 1))); err != nil {
		t.Fatalf("score_places 0: %v", err)
	}
}

func checkRequired(t *testing.T, err error, p string) {
	t.Helper()
	var ie *loyalty.InputError
	if !errors.As(err, &ie) || ie.Path != p || !errors.Is(err, loyalty.ErrEmpty) {
		t.Fatalf("without %s: got %v, want an ErrEmpty *InputError at %s", p, err, p)
	}
	if want := "loyalty: " + p + ": required member left out"; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("without %s: %q, want it to start with %q", p, err, want)
	}
}
