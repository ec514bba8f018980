package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// checkDraws refuses a stored ledger whose draw entries do not add up or
// that books a draw after it ended (a ledger ParseLedger reads has a
// valid hash chain, so these come from a writer that sealed bad entries,
// not from an edit; they had no test).
func TestCheckDraws(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	d := MustParseDraw(`{"id": "ramp", "recipient": {"kind": "partner", "id": "acme"},
		"kind": "recoverable", "currency": "USD", "amount": "1000.00"}`)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	r, err := Evaluate(p, q3, nil, slices.Values([]Transaction{sale("1", 3, "10000.00")})) // 1 % × 10,000 = 100.00
	if err != nil {
		t.Fatal(err)
	}
	var l Ledger
	if l, _, err = l.Settle("2025-10", r); err != nil {
		t.Fatal(err)
	}
	var st DrawStep
	if l, st, err = l.Draw("2025-10", "2025-Q3", d); err != nil {
		t.Fatal(err)
	}
	if !st.Drawn.Equal(decimal.New(900, 0)) || !st.BalanceEnd.Equal(decimal.New(900, 0)) { // 1,000.00 − 100.00 earned
		t.Fatalf("drawn %s, balance %s; want 900.00 and 900.00", st.Drawn, st.BalanceEnd)
	}
	if l, _, err = l.EndDraw("2026-01", "2025-Q4", d); err != nil { // 900.00 forgiven, balance 0
		t.Fatal(err)
	}
	if err := l.checkDraws(); err != nil {
		t.Fatalf("a booked ledger: %v", err)
	}
	last := len(l.entries) - 1
	if l.entries[last].Kind != DrawEnd {
		t.Fatalf("last entry %v, want draw-end", l.entries[last].Kind)
	}

	// A draw entry booked after the draw-end.
	after := l
	after.entries = append(slices.Clone(l.entries), l.entries[last]) // the last run's entries run to the end
	err = after.checkDraws()
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "booked after it ended") {
		t.Fatalf("entry after the end: %v", err)
	}

	// A target that is not the running balance.
	bad := l
	bad.entries = slices.Clone(l.entries)
	bad.entries[last].Target = bad.entries[last].Target.Add(decimal.New(1, -2)) // 0.00 → 0.01
	if err := bad.checkDraws(); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "the draw balance after this entry is") {
		t.Fatalf("wrong target: %v", err)
	}
}
