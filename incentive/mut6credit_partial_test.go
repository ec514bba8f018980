package incentive

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// credit6PartialAcc evaluates, for a plan with two partner components in
// two groups ("c" version 2 on revenue, "u" version 1 on units), one sale
// of partner a (100.00, 1 unit) and then two of partner b: a is the
// side's first recipient, b its second.
func credit6PartialAcc(t *testing.T) (Plan, *Accumulator) {
	t.Helper()
	p := MustParsePlan(`{"id":"pt6","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"c","version":"2","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}},
	 {"id":"u","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"units",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","price":"1"}]}}]}`)
	a, err := NewAccumulator(p, genPeriod)
	if err != nil {
		t.Fatal(err)
	}
	for i, who := range []string{"a", "b", "b"} {
		tx := Transaction{ID: fmt.Sprint("s", i), Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: who,
			Amount: money.MustParse("100.00 USD"), Units: decimal.New(1, 0)}
		if err := a.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	return p, a
}

// Partial lists measures by recipient, then component ID, then version:
// component "c" (version 2) before "u" (version 1) for each partner. a has
// 100.00 of revenue and 1 unit from one sale; b 2 × 100.00 = 200.00 and 2
// units from two.
func TestCredit6PartialMeasuresOrder(t *testing.T) {
	_, a := credit6PartialAcc(t)
	var got []string
	for _, m := range a.Partial().Measures {
		got = append(got, fmt.Sprintf("%s %s/%s %s ×%d", m.Recipient, m.Component, m.Version, m.Volume.String(), m.Count))
	}
	want := []string{"partner:a c/2 100 ×1", "partner:a u/1 1 ×1", "partner:b c/2 200 ×2", "partner:b u/1 2 ×2"}
	if !slices.Equal(got, want) {
		t.Fatalf("measures %q, want %q", got, want)
	}
}

// AddPartial checks that a measure's count added to the recipient's own
// count in the component's group fits int64 (checkPartialCounts reads the
// count at the recipient's slot × groups + group): b, the second
// recipient, has 2 transactions in each group, so a count of
// MaxInt64 − 1 for b would overflow (2 + MaxInt64 − 1 > MaxInt64) and is
// ErrData at /measures/0/count, though a's count (1) would leave room; a
// count of MaxInt64 − 2 fits exactly.
func TestCredit6PartialCountOverflowPerRecipient(t *testing.T) {
	for _, comp := range []struct{ id, version string }{{"c", "2"}, {"u", "1"}} {
		p, a := credit6PartialAcc(t)
		part := func(count int64) Partial {
			return Partial{PlanHash: p.Hash(), Period: genPeriod.ID, Measures: []PartialMeasure{{
				Recipient: Recipient{RecipientPartner, "b"}, Component: comp.id, Version: comp.version,
				Volume: decimal.New(1, 0), Count: count}}}
		}
		err := a.AddPartial(part(math.MaxInt64 - 1))
		var de *DataError
		if !errors.As(err, &de) || !errors.Is(err, ErrData) || de.Path != "/measures/0/count" {
			t.Fatalf("%s: count MaxInt64−1 for b: %v, want ErrData at /measures/0/count", comp.id, err)
		}
		if err := a.AddPartial(part(math.MaxInt64 - 2)); err != nil {
			t.Fatalf("%s: count MaxInt64−2 for b: %v", comp.id, err)
		}
	}
}
