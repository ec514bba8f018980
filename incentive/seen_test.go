package incentive

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/money"
)

// failingIDs is a host store that fails.
type failingIDs struct{ err error }

func (f failingIDs) Seen(string) (bool, error) { return false, f.err }

func TestAddUnique(t *testing.T) {
	p := MustParsePlan(ledgerPlan)
	txs := []Transaction{sale("1", 3, "60000.00"), sale("2", 20, "70000.00")}
	want, err := Evaluate(p, q3Period, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewAccumulator(p, q3Period)
	if err != nil {
		t.Fatal(err)
	}
	var ids MemoryIDs
	if err := a.AddAllUnique(slices.Values(txs), &ids); err != nil {
		t.Fatal(err)
	}
	// The same sale delivered again, even with another amount.
	again := sale("2", 21, "5.00")
	err = a.AddUnique(again, &ids)
	var de *DataError
	if !errors.As(err, &de) || de.Path != "/id" || de.Transaction != "2" || !errors.Is(err, ErrDuplicate) {
		t.Fatalf("duplicate: %v", err)
	}
	// An invalid transaction is rejected before its ID is recorded.
	bad := sale("3", 22, "1.00")
	bad.Amount = money.MustParse("1.00 EUR")
	if err := a.AddUnique(bad, &ids); !errors.Is(err, ErrCurrency) || ids.Len() != 2 {
		t.Fatalf("invalid: %v, %d IDs", err, ids.Len())
	}
	// Transactions without an ID are not checked.
	for range 2 {
		if err := a.AddUnique(sale("", 23, "0.01"), &ids); err != nil {
			t.Fatal(err)
		}
	}
	got, err := a.Result(nil)
	if err != nil {
		t.Fatal(err)
	}
	// 130,000.02 → 2 % = 2,600.0004 → 2,600.00: the duplicate was not added.
	if !got.Lines[0].Amount().Equal(want.Lines[0].Amount()) || got.Transactions != 4 {
		t.Fatalf("result %s (%d transactions), want %s", got.Lines[0].Amount(), got.Transactions, want.Lines[0].Amount())
	}
	boom := errors.New("store down")
	if err := a.AddUnique(sale("9", 3, "1.00"), failingIDs{boom}); !errors.Is(err, boom) {
		t.Fatalf("store error: %v", err)
	}
	if d := cmp.Diff(2, ids.Len()); d != "" { // "1" and "2"
		t.Fatal(d)
	}
}
