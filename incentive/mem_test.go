package incentive

import (
	"runtime"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

type runtimeMem struct{ mallocs uint64 }

func (m *runtimeMem) read() {
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	m.mallocs = s.Mallocs
}

// Adding a valid sale, credit note or return to a warm accumulator (its
// partner already has a slot) allocates nothing: the checks write their
// messages only for an error (signs once built "a credit-note is
// negative …" for every credit note and return).
func TestAddAllocatesNothing(t *testing.T) {
	a, err := NewAccumulator(MustParsePlan(benchPlan), NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01")))
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	txs := []Transaction{
		{ID: "s1", Date: day, Kind: Sale, PartnerID: "acme", Amount: money.MustParse("100.00 USD")},
		{ID: "c1", Date: day, Kind: CreditNote, PartnerID: "acme", Amount: money.MustParse("-10.00 USD")},
		{ID: "r1", Date: day, Kind: Return, PartnerID: "acme", Amount: money.MustParse("-5.00 USD"), Units: decimal.New(-1, 0)},
	}
	for _, tx := range txs {
		if err := a.Add(tx); err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(20, func() {
			if err := a.Add(tx); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: %v allocations per Add", tx.Kind, n)
		}
	}
}
