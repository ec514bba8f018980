package incentive

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// TestPartialRoundTripByteIdentical pins that a result rebuilt from
// Partial JSON is byte-identical to the single pass when amounts and
// units carry digits below the minor unit and trailing zeros. Before the
// fix the measure's representation depended on the path (3.00000 in one
// pass, 3.00 through a partial).
func TestPartialRoundTripByteIdentical(t *testing.T) {
	p := MustParsePlan(unitsPlan)
	period := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	aug := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	tx := func(id, partner, amount, units string) Transaction {
		return Transaction{ID: id, Date: aug, Kind: Sale, PartnerID: partner, Amount: money.MustParse(amount + " USD"),
			Units: decimal.RequireFromString(units)}
	}
	txs := []Transaction{
		tx("1", "a", "1.00", "1"), tx("2", "a", "2.00010", "2.00010"),
		tx("3", "b", "3.00010", "3.00010"), tx("4", "c", "0.50", "0.5000"), tx("5", "c", "0.5", "1.50"),
		// A return of the sub-cent digits: the single pass adds the
		// 0.00010 to the sale's in one decimal (3.00000), a shard of the
		// sale alone sends "3.00010".
		{ID: "6", Date: aug, Kind: Return, PartnerID: "b", Amount: money.MustParse("-0.00010 USD"), Units: decimal.RequireFromString("-0.00010")},
	}
	single, err := Evaluate(p, period, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	want, err := single.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for cut := range len(txs) + 1 {
		merged, err := NewAccumulator(p, period)
		if err != nil {
			t.Fatal(err)
		}
		for _, shard := range [][]Transaction{txs[:cut], txs[cut:]} {
			a, _ := NewAccumulator(p, period)
			if err := a.AddAll(slices.Values(shard)); err != nil {
				t.Fatal(err)
			}
			b, err := a.Partial().MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			pp, err := ParsePartial(b)
			if err != nil {
				t.Fatal(err)
			}
			if err := merged.AddPartial(pp); err != nil {
				t.Fatal(err)
			}
		}
		res, err := merged.Result(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := res.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("cut %d: rebuilt result differs from the single pass:\n got %s\nwant %s", cut, got, want)
		}
	}
}

// TestAddPartialCountOverflow pins that counts that would overflow int64
// are a data error and leave the accumulator unchanged. Before the fix
// four partials of 2^62 transactions made the count negative and a line
// vanish.
func TestAddPartialCountOverflow(t *testing.T) {
	p := MustParsePlan(unitsPlan)
	period := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	part := Partial{PlanHash: p.Hash(), Period: "Q3", Transactions: 1 << 62,
		Measures: []PartialMeasure{{Recipient: Recipient{RecipientPartner, "a"}, Component: "rev", Version: "1", Volume: decimal.New(1, 0), Count: 1 << 62}}}
	a, _ := NewAccumulator(p, period)
	var err error
	for range 4 {
		if err = a.AddPartial(part); err != nil {
			break
		}
	}
	if !errors.Is(err, ErrData) {
		t.Fatalf("AddPartial ×4 = %v, want ErrData", err)
	}
	got := a.Partial()
	if got.Transactions != math.MaxInt64/2+1 || len(got.Measures) != 1 || got.Measures[0].Count != 1<<62 {
		t.Errorf("after the rejected partial: %+v", got)
	}
	// Merging two accumulators of 2^62 each overflows too.
	b1, _ := NewAccumulator(p, period)
	b2, _ := NewAccumulator(p, period)
	if err := errors.Join(b1.AddPartial(part), b2.AddPartial(part)); err != nil {
		t.Fatal(err)
	}
	if err := b1.Merge(b2); !errors.Is(err, ErrData) || b1.Partial().Transactions != 1<<62 {
		t.Errorf("Merge = %v (transactions %d), want ErrData and no change", err, b1.Partial().Transactions)
	}
	// The measure's count alone overflowing is reported at its path.
	part.Transactions = 0
	err = a.AddPartial(part)
	var de *DataError
	if !errors.As(err, &de) || de.Path != "/measures/0/count" {
		t.Errorf("count overflow: %v, want a *DataError at /measures/0/count", err)
	}
}

// TestCapTieBreakKeyUnambiguous: a component "a/b" of partner "x" and a
// component "b" of partner "x/a" used to share the tie-break key
// "partner:x/a/b/1", and the budget failed with a money error on a valid
// plan and valid data.
func TestCapTieBreakKeyUnambiguous(t *testing.T) {
	doc := `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,"budget":"1.00",
	 "components":[{"id":"a/b","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}},
	 {"id":"b","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"units",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","price":"1"}]}}]}`
	p := MustParsePlan(doc)
	aug := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	txs := []Transaction{
		{ID: "1", Date: aug, Kind: Sale, PartnerID: "x", Amount: money.MustParse("100.00 USD")},
		{ID: "2", Date: aug, Kind: Sale, PartnerID: "x/a", Amount: money.MustParse("1.00 USD"), Units: decimal.New(1, 0)},
	}
	res, err := Evaluate(p, NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	// Lines: x a/b 1 % × 100 = 1.00; x b 1 × 0 units = 0.00 (its sale
	// counts, with no units); x/a a/b 1 % × 1 = 0.01; x/a b 1 × 1 = 1.00.
	// Total 2.01 over a budget of 1.00: 100 cents shared 100 : 1 : 100 by
	// largest remainder = 49.75, 0.4975, 49.75 → 49, 0, 49 and the two
	// remaining cents to the largest remainders (0.75, 0.75; 0.4975 is
	// smaller): 0.50, 0.00, 0.50.
	var got []string
	for _, l := range res.Lines {
		got = append(got, l.Recipient().ID+" "+l.Component()+" "+money.FormatDecimal(l.Amount(), 2))
	}
	want := []string{"x a/b 0.50", "x b 0.00", "x/a a/b 0.00", "x/a b 0.50"}
	if !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}
