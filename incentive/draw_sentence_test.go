package incentive_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/incentive"
)

// A recoverable draw with nothing drawn before says "nothing to recover"
// when the partner earns above it: 1 % × 40,000.00 = 400.00 ≥ the 300.00
// draw, balance 0.00, so nothing is recovered and 400.00 is paid (a
// mutation testing survivor: the sentence's "recovered" branch taken at a
// recovery of 0).
func TestDrawSentenceNothingToRecover(t *testing.T) {
	p := incentive.MustParsePlan(rebatePlan)
	d := incentive.MustParseDraw(`{"id": "ramp", "recipient": {"kind": "partner", "id": "acme"},
		"kind": "recoverable", "currency": "USD", "amount": "300.00"}`)
	r, err := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "40000.00")}))
	if err != nil {
		t.Fatal(err)
	}
	var l incentive.Ledger
	l, _, err = l.Settle("2025-10", r)
	if err != nil {
		t.Fatal(err)
	}
	_, s, err := l.Draw("2025-10", "2025-Q3", d)
	if err != nil {
		t.Fatal(err)
	}
	want := "earned 400.00, at or above the draw, so nothing drawn, nothing to recover, 400.00 paid"
	if got := s.Sentence(); !strings.Contains(got, want) {
		t.Fatalf("sentence %q, want it to contain %q", got, want)
	}
}
