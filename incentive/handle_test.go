package incentive

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
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
