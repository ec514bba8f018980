package incentive

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// evalBoth evaluates txs under p twice: with compact lines (as Result
// does) and with every line keeping its own calculation. ok is false when
// both fail alike (a generated team nobody contributed to).
func evalBoth(t *rapid.T, p Plan, txs []Transaction) (compact, eager Result, ok bool) {
	var errs [2]string
	for k, e := range []bool{false, true} {
		a, err := NewAccumulator(p, genPeriod)
		if err != nil {
			t.Fatal(err)
		}
		a.eager = e
		if err := a.AddAll(slices.Values(txs)); err != nil {
			t.Fatal(err)
		}
		r, err := a.Result(genFacts())
		if err != nil {
			errs[k] = err.Error()
		}
		if e {
			eager = r
		} else {
			compact = r
		}
	}
	if errs[0] != errs[1] {
		t.Fatalf("compact: %q, eager: %q", errs[0], errs[1])
	}
	return compact, eager, errs[0] == ""
}

// A compact line (its calculation computed again when asked for) explains
// itself exactly as the line with its own calculation: same trace, same
// JSON, same settlement basis, same split by transaction and the same
// forecast, on plans of every kind. Plans with a recipient cap or budget,
// component budgets, modifiers, gates, attainment, growth measures or
// teams keep their lines' calculations; the rest are compact.
func TestPropCompactLinesExplainTheSame(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genAnyOpts(t))
		txs := genTxs(t, p.Currency(), 12)
		c, e, ok := evalBoth(t, p, txs)
		if !ok {
			return
		}
		if len(c.Lines) != len(e.Lines) {
			t.Fatalf("%d compact lines, %d eager", len(c.Lines), len(e.Lines))
		}
		for i := range c.Lines {
			cl, el := c.Lines[i], e.Lines[i]
			if el.calc.compact {
				t.Fatalf("line %d: eager line is compact", i)
			}
			if !cl.Equal(el) || !cl.Trace().Equal(el.Trace()) {
				t.Fatalf("line %d differs (-eager +compact):\n%s", i, cmp.Diff(el.Trace(), cl.Trace()))
			}
			cj, err1 := cl.MarshalJSON()
			ej, err2 := el.MarshalJSON()
			if err1 != nil || err2 != nil || !bytes.Equal(cj, ej) {
				t.Fatalf("line %d JSON differs: %v %v\n%s\n%s", i, err1, err2, ej, cj)
			}
			ce, cb := cl.clawbackBasis()
			ee, eb := el.clawbackBasis()
			if !ce.Equal(ee) || !cb.Equal(eb) {
				t.Fatalf("line %d settlement basis: compact %s %s, eager %s %s", i, ce, cb, ee, eb)
			}
			cs, err1 := SplitLine(p, cl, genFacts(), slices.Values(txs))
			es, err2 := SplitLine(p, el, genFacts(), slices.Values(txs))
			if (err1 == nil) != (err2 == nil) || !cmp.Equal(cs, es) {
				t.Fatalf("line %d split differs: %v %v\n%s", i, err1, err2, cmp.Diff(es, cs))
			}
		}
		fc := Forecast{}
		for _, l := range e.Lines {
			if fc[l.Recipient()] == nil {
				fc[l.Recipient()] = map[string]decimal.Decimal{}
			}
			fc[l.Recipient()][l.Component()] = l.Measure().Add(dec(rapid.Int64Range(1, 10000).Draw(t, "forecast"), 1))
		}
		cf, err1 := EstimateForecast(p, c, genFacts(), fc)
		ef, err2 := EstimateForecast(p, e, genFacts(), fc)
		if (err1 == nil) != (err2 == nil) || !cmp.Equal(cf, ef) {
			t.Fatalf("forecast differs: %v %v\n%s", err1, err2, cmp.Diff(ef, cf))
		}
	})
}

// Lines are compact exactly where the component allows: the benchmark
// plan's lines all are.
func TestCompactLinesWhere(t *testing.T) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	d := newBenchData()
	r, err := Evaluate(p, per, nil, d.lines(2000))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range r.Lines {
		if !l.calc.compact {
			t.Fatalf("%s %s: not compact", l.Recipient(), l.Component())
		}
	}
}

// capped is a one-component plan whose cap of one cent holds every line
// down, so that every line has a limit step.
const capped = `{"id": "capped", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [{"id": "bonus", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1.5%"}]},
   "cap": "0.01"}]}`

// A compact line costs its Line and little else: Result on 10,000 capped
// partners, one line each, allocates under 150 bytes a line (about 130: a
// Line is 56 bytes and holds no decimal, then the sort by partner).
// Keeping each line's calculation would cost 352 bytes more, and a limit
// step left in a block 80 bytes more.
func TestCompactResultMemory(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("the bound is measured with 8-byte pointers")
	}
	if unsafe.Sizeof(Line{}) != 56 {
		t.Fatalf("a Line is %d bytes: adjust the bound", unsafe.Sizeof(Line{}))
	}
	a, err := NewAccumulator(MustParsePlan(capped), NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01")))
	if err != nil {
		t.Fatal(err)
	}
	d := newBenchData()
	if err := a.AddAll(d.lines(200_000)); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r, err := a.Result(nil)
	runtime.ReadMemStats(&after)
	if err != nil || len(r.Lines) != benchPartners {
		t.Fatalf("%d lines, %v", len(r.Lines), err)
	}
	for _, l := range r.Lines {
		if !l.calc.compact || len(l.Trace().Limits) != 1 {
			t.Fatalf("%s: compact %t, limits %v", l.Recipient(), l.calc.compact, l.Trace().Limits)
		}
	}
	if per := (after.TotalAlloc - before.TotalAlloc) / uint64(len(r.Lines)); per >= 150 {
		t.Errorf("Result allocates %d bytes a line", per)
	} else {
		t.Logf("Result allocates %d bytes a line", per)
	}
}

// Traces of one Result's compact lines can be computed on several
// goroutines at once (the -race build checks that they share only
// immutable data), each giving the trace computed alone.
func TestCompactTracesConcurrently(t *testing.T) {
	p := MustParsePlan(benchPlan)
	d := newBenchData()
	r, err := Evaluate(p, NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), nil, d.lines(300))
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]byte, len(r.Lines))
	for i, l := range r.Lines {
		if want[i], err = l.MarshalJSON(); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 4 {
		wg.Go(func() {
			for i, l := range r.Lines {
				if got, err := l.MarshalJSON(); err != nil || !bytes.Equal(got, want[i]) {
					errs <- fmt.Sprintf("line %d: %v\n%s\n%s", i, err, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
