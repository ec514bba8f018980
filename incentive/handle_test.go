package incentive

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// Adding through partner handles gives the same Result as adding by ID,
// also when handles are resolved for partners that get no transaction and
// when the two styles are mixed.
func TestPropPartnerHandleEqualsID(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{planLimits: true})
		txs := genTxs(t, p.Currency(), 12)
		want := mustEval(t, p, txs)

		a, err := NewAccumulator(p, genPeriod)
		if err != nil {
			t.Fatal(err)
		}
		handles := map[string]PartnerHandle{}
		for _, id := range []string{"p1", "p2", "p3", "unused"} {
			handles[id] = a.Partner(id)
		}
		for i, tx := range txs {
			if rapid.Bool().Draw(t, "byID") {
				err = a.Add(tx)
			} else {
				err = a.AddFor(handles[tx.PartnerID], tx)
			}
			if err != nil {
				t.Fatalf("transaction %d: %v", i, err)
			}
		}
		got, err := a.Result(genFacts())
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Fatalf("handles changed the result:\n%s", cmp.Diff(want, got))
		}
	})
}

func TestPartnerHandleMisuse(t *testing.T) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	a, _ := NewAccumulator(p, per)
	b, _ := NewAccumulator(p, per)
	d := newBenchData()
	var tx Transaction
	for tx = range d.lines(1) {
	}
	if err := a.AddFor(b.Partner(tx.PartnerID), tx); !errors.Is(err, ErrData) {
		t.Fatalf("handle of another accumulator: %v", err)
	}
	if err := a.AddFor(a.Partner("someone-else"), tx); !errors.Is(err, ErrData) {
		t.Fatalf("transaction for another partner: %v", err)
	}
	if err := a.AddFor(PartnerHandle{}, tx); !errors.Is(err, ErrData) {
		t.Fatalf("zero handle: %v", err)
	}
	r, err := a.Result(nil)
	if err != nil || r.Transactions != 0 || len(r.Lines) != 0 {
		t.Fatalf("refused transactions changed the accumulator: %v %+v", err, r)
	}
	if h := a.Partner(tx.PartnerID); h.ID() != tx.PartnerID {
		t.Fatalf("ID() = %q", h.ID())
	}
}

// BenchmarkPartnerHandle is the accumulate-only loop of BenchmarkEvaluate
// (1,000,000 lines, 10,000 partners, warm accumulator) adding by partner
// ID and through handles resolved once.
func BenchmarkPartnerHandle(b *testing.B) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	d := newBenchData()
	n := 1_000_000
	seq := d.lines(n)
	a, _ := NewAccumulator(p, per)
	handles := make(map[string]PartnerHandle, benchPartners)
	for _, id := range d.partners {
		handles[id] = a.Partner(id)
	}
	// The host keeps its handles by its own partner index; here the
	// position of the ID in d.partners, precomputed per line.
	hs := make([]PartnerHandle, len(d.partners))
	for i, id := range d.partners {
		hs[i] = handles[id]
	}
	type item struct {
		t Transaction
		h int
	}
	pos := make(map[string]int, len(d.partners))
	for i, id := range d.partners {
		pos[id] = i
	}
	items := make([]item, 0, n)
	for t := range seq {
		items = append(items, item{t, pos[t.PartnerID]})
	}
	if err := a.AddAll(seq); err != nil { // warm: every slot exists
		b.Fatal(err)
	}
	b.Run("by-id", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range items {
				if err := a.Add(items[i].t); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
	})
	b.Run("handle", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range items {
				if err := a.AddFor(hs[items[i].h], items[i].t); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
	})
}

// TestAddChecksNewIDs: a transaction built in Go whose partner or rep ID
// would display like another (a zero-width space, white space at an end,
// NFD) is refused by Add, AddFor and in credits as the decoders refuse
// it, and leaves the accumulator unchanged; the check runs for a
// recipient's first transaction only (a known ID is not checked again).
func TestAddChecksNewIDs(t *testing.T) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	sale := Transaction{ID: "s1", Date: MustDate("2025-08-01").Time(), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("100.00 USD"),
		Motion: NewBusiness, Billing: Recurring}
	for _, c := range []struct {
		name, path string
		edit       func(*Transaction)
	}{
		{"zero-width space", "/partner_id", func(t *Transaction) { t.PartnerID = "acme\u200b" }},
		{"trailing space", "/partner_id", func(t *Transaction) { t.PartnerID = "acme " }},
		{"NFD", "/partner_id", func(t *Transaction) { t.PartnerID = "Cafe\u0301" }},
		{"credit", "/credits/0/recipient/id", func(t *Transaction) {
			t.Credits = []Credit{{Recipient: Recipient{Kind: RecipientPartner, ID: "acme\u00a0"}, Share: money.MustRate("100%")}}
		}},
	} {
		a, err := NewAccumulator(p, per)
		if err != nil {
			t.Fatal(err)
		}
		bad := sale
		c.edit(&bad)
		var de *DataError
		if err := a.Add(bad); !errors.As(err, &de) || de.Path != c.path || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Add: %v, want ErrInvalid at %s", c.name, err, c.path)
		}
		if err := a.AddFor(a.Partner(bad.PartnerID), bad); !errors.As(err, &de) || de.Path != c.path {
			t.Errorf("%s: AddFor: %v, want an error at %s", c.name, err, c.path)
		}
		if got := a.Partial(); got.Transactions != 0 || len(got.Measures) != 0 {
			t.Errorf("%s: the accumulator changed: %+v", c.name, got)
		}
		if err := a.Add(sale); err != nil {
			t.Errorf("%s: then acme: %v", c.name, err)
		}
	}
}

// TestClawbackChecksIDs: a return whose partner ID would display like
// another is refused by Ledger.Clawback, as by Add, instead of finding no
// position and recovering nothing.
func TestClawbackChecksIDs(t *testing.T) {
	p := MustParsePlan(benchPlan)
	ret := Transaction{ID: "r1", Date: MustDate("2025-08-01").Time(), Kind: Return, PartnerID: "acme\u200b", Amount: money.MustParse("-100.00 USD"),
		Motion: NewBusiness, Billing: Recurring, Corrects: "2025-Q2"}
	_, _, err := (Ledger{}).Clawback("2025-Q3", p, func(yield func(Transaction) bool) { yield(ret) })
	var de *DataError
	if !errors.As(err, &de) || de.Path != "/partner_id" || !errors.Is(err, ErrInvalid) {
		t.Errorf("Clawback: %v, want ErrInvalid at /partner_id", err)
	}
}
