package incentive

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/internal/chain/chaintest"
)

func FuzzParseDraw(f *testing.F) {
	for _, s := range []string{
		`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":"1000.00","recovery_cap":"300.00"}`,
		`{"id":"d","recipient":{"kind":"partner","id":"a"},"kind":"non-recoverable","currency":"JPY","amount":"500"}`,
		`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":"1e400"}`,
		`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":"1","recovery_cap":null}`,
		`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"non-recoverable","currency":"USD","amount":"1","recovery_cap":"0"}`,
		`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":1}`,
		`{"id":"d","id":"e"}`, `[[[[]]]]`, "\xff", `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDraw(data)
		if err != nil {
			return
		}
		enc, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		e, err := ParseDraw(enc)
		if err != nil || e.Hash() != d.Hash() {
			t.Fatalf("round trip: %v\n%s", err, enc)
		}
		var l Ledger
		l, s, err := l.Draw("r1", "w1", d)
		if err != nil || !s.BalanceEnd.Equal(s.BalanceStart.Add(s.Drawn).Sub(s.Recovered).Sub(s.Forgiven)) {
			t.Fatalf("Draw: %v %+v", err, s)
		}
		if _, _, err := l.EndDraw("r2", "w2", d); err != nil {
			t.Fatalf("EndDraw: %v", err)
		}
	})
}

func FuzzParseBehaviour(f *testing.F) {
	for _, s := range []string{
		behaviourDoc,
		strings.Replace(behaviourDoc, `"max_events": 4`, `"max_events": 0`, 1),
		strings.Replace(behaviourDoc, `"max_events": 4`, `"max_events": 9223372036854775807`, 1),
		strings.Replace(behaviourDoc, `"max_events": 4`, `"max_events": "4"`, 1),
		strings.Replace(behaviourDoc, `"week"`, `"fortnight"`, 1),
		strings.Replace(behaviourDoc, `"point_value": "0.045"`, `"point_value": null`, 1),
		strings.Replace(behaviourDoc, `"places": 2,`, ``, 1),
		strings.Replace(behaviourDoc, `"points": "7"`, `"points": "7", "amount": "1"`, 1),
		`{"id":"b","id":"c"}`, `[[[[[[]]]]]]`, "\xff", `null`,
	} {
		f.Add([]byte(s))
	}
	q3 := NewPeriod("q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	evs := []Transaction{ev("e1", "2025-07-07", "acme", "ana", "lead-registered"), ev("e2", "2025-07-07", "acme", "ana", "lead-registered"),
		ev("c1", "2025-07-08", "acme", "ana", "certification-completed")}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBehaviour(data)
		if err != nil {
			return
		}
		enc, err := b.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		c, err := ParseBehaviour(enc)
		if err != nil || c.Hash() != b.Hash() {
			t.Fatalf("round trip: %v\n%s", err, enc)
		}
		r, err := b.Evaluate(q3, slices.Values(evs))
		if err != nil {
			return // a rep reward of an event without a rep, or an amount out of range
		}
		for _, l := range r.Lines {
			if l.Counted > l.Seen || l.Counted < 0 {
				t.Fatalf("counted %d of %d", l.Counted, l.Seen)
			}
		}
	})
}

// FuzzParseLedgerDraws feeds edited ledgers with draw entries to
// ParseLedger: never a panic; what it accepts round-trips.
func FuzzParseLedgerDraws(f *testing.F) {
	d := MustParseDraw(`{"id":"d","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable","currency":"USD","amount":"100","recovery_cap":"30"}`)
	var l Ledger
	l, _, _ = l.Draw("m1", "m1", d)
	l = settleEarned(f, l, "m2", "m2", drawRep, dd("150"))
	l, _, _ = l.Draw("m2", "m2", d)
	l, _, _ = l.EndDraw("m3", "m3", d)
	good, err := l.MarshalJSON()
	if err != nil {
		f.Fatal(err)
	}
	s := string(good)
	for _, x := range []string{s,
		strings.Replace(s, `"kind":"draw-recovery"`, `"kind":"draw"`, 1),
		strings.Replace(s, `"target":"100"`, `"target":"1e9"`, 1),
		strings.Replace(s, `"kind":"draw-end"`, `"kind":"draw-ended"`, 1),
	} {
		f.Add([]byte(x))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		chaintest.RoundTrip(t, data, ParseLedger, Ledger.MarshalJSON, func(a, b Ledger) bool { return a.Equal(b) && a.Head() == b.Head() })
	})
}
