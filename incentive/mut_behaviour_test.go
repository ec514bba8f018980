package incentive

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/partnerecon/partnerecon/strictjson"
)

// These tests kill mutants of behaviour.go that the -short suite never
// ran (gremlins: NOT COVERED) or that survived it.

// Behaviour.UnmarshalJSON is ParseBehaviour inside a host's own JSON.
func TestMutBehaviourUnmarshalJSON(t *testing.T) {
	want := MustParseBehaviour(behaviourDoc)
	var host struct{ B Behaviour }
	if err := json.Unmarshal([]byte(`{"B":`+behaviourDoc+`}`), &host); err != nil {
		t.Fatal(err)
	}
	if !host.B.IsValid() || host.B.Hash() != want.Hash() {
		t.Errorf("decoded hash %q, want ParseBehaviour's %q", host.B.Hash(), want.Hash())
	}
	var bad struct{ B Behaviour }
	err := json.Unmarshal([]byte(`{"B":{"id":"x","extra":1}}`), &bad)
	var se *strictjson.Error
	if !errors.As(err, &se) || se.Path != "/extra" {
		t.Errorf("unknown member: %v, want a *strictjson.Error at /extra", err)
	}
	if bad.B.IsValid() {
		t.Error("a failed decode set the programme")
	}
}

// A qualifying event in the period whose event name no reward has is
// skipped, and counted as such: 1 event counted (lead-registered for the
// partner reward at 12.50, and the rep reward), 1 skipped ("webinar").
func TestMutBehaviourSkipsUnknownEvent(t *testing.T) {
	b := MustParseBehaviour(behaviourDoc)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	txs := []Transaction{
		ev("e1", "2025-07-07", "acme", "ana", "lead-registered"),
		ev("w1", "2025-07-07", "acme", "ana", "webinar"),
	}
	r, err := b.Evaluate(q3, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	if r.Events != 1 || r.Skipped != 1 {
		t.Errorf("events %d skipped %d, want 1 and 1", r.Events, r.Skipped)
	}
}
