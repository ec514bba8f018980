package incentive

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

var drawRep = Recipient{Kind: RecipientRep, ID: "ana"}

var usdCur = money.MustCurrency("USD")

// settleEarned settles a hand-built result paying rec earned for window.
func settleEarned(t testing.TB, l Ledger, run, window string, rec Recipient, earned decimal.Decimal) Ledger {
	t.Helper()
	if earned.IsZero() {
		return l
	}
	r := Result{PlanHash: "p", Period: Period{ID: window}, Currency: usdCur,
		Lines: []Line{handLine(rec, "commission", window, earned, earned)}}
	l, _, err := l.Settle(run, r)
	if err != nil {
		t.Fatalf("Settle: %v", err)
	}
	return l
}

func dd(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// A recoverable draw of 1,000.00 a period, recovery capped at 300.00, over
// five months and a termination; every figure by hand.
func TestDrawRecoverableGolden(t *testing.T) {
	d := MustParseDraw(`{"id":"sign-on","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable",
		"currency":"USD","amount":"1000.00","recovery_cap":"300.00"}`)
	type want struct {
		window, earned                                 string
		drawn, recovered, forgiven, balance, pay, hand string
	}
	steps := []want{
		// E 400 < D 1,000: P = 1,000 − 400 = 600; B 0 + 600 = 600; pay 400 + 600 = 1,000.
		{"2025-01", "400.00", "600.00", "0", "0", "600.00", "1000.00", ""},
		// E 0 (nothing settled): P = 1,000; B 600 + 1,000 = 1,600; pay 1,000.
		{"2025-02", "0", "1000.00", "0", "0", "1600.00", "1000.00", ""},
		// E 1,800 > D: R = min(1,600, 300, 1,800 − 1,000 = 800) = 300; B 1,600 − 300 = 1,300; pay 1,800 − 300 = 1,500.
		{"2025-03", "1800.00", "0", "300.00", "0", "1300.00", "1500.00", ""},
		// E 1,150: R = min(1,300, 300, 150) = 150; B 1,300 − 150 = 1,150; pay 1,150 − 150 = 1,000.
		{"2025-04", "1150.00", "0", "150.00", "0", "1150.00", "1000.00", ""},
		// E 5,000: R = min(1,150, 300, 4,000) = 300; B 1,150 − 300 = 850; pay 5,000 − 300 = 4,700.
		{"2025-05", "5000.00", "0", "300.00", "0", "850.00", "4700.00", ""},
	}
	var l Ledger
	totalPay := decimal.Decimal{}
	for _, w := range steps {
		l = settleEarned(t, l, w.window, w.window, drawRep, dd(w.earned))
		var s DrawStep
		var err error
		l, s, err = l.Draw(w.window, w.window, d)
		if err != nil {
			t.Fatalf("%s: %v", w.window, err)
		}
		for _, c := range []struct {
			name      string
			got, want decimal.Decimal
		}{{"earned", s.Earned, dd(w.earned)}, {"drawn", s.Drawn, dd(w.drawn)}, {"recovered", s.Recovered, dd(w.recovered)},
			{"forgiven", s.Forgiven, dd(w.forgiven)}, {"balance", s.BalanceEnd, dd(w.balance)}, {"pay", s.Pay, dd(w.pay)}} {
			if !c.got.Equal(c.want) {
				t.Errorf("%s %s = %s, want %s", w.window, c.name, c.got, c.want)
			}
		}
		totalPay = totalPay.Add(s.Pay)
	}
	// Σ pay = 1,000 + 1,000 + 1,500 + 1,000 + 4,700 = 9,200
	//       = Σ max(E, D) − Σ R = (1,000 + 1,000 + 1,800 + 1,150 + 5,000) − (300 + 150 + 300) = 9,950 − 750.
	if !totalPay.Equal(dd("9200")) {
		t.Errorf("total pay %s, want 9,200.00", totalPay)
	}
	// Termination in June: the 850.00 left is forgiven (1,600 drawn = 750 recovered + 850 forgiven).
	l, s, err := l.EndDraw("2025-06", "2025-06", d)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Forgiven.Equal(dd("850")) || !s.BalanceEnd.IsZero() || !s.Pay.IsZero() {
		t.Errorf("end: forgiven %s balance %s pay %s, want 850, 0, 0", s.Forgiven, s.BalanceEnd, s.Pay)
	}
	wantS := "rep:ana's recoverable draw sign-on of 1,000.00 USD in 2025-06: the draw ends and the balance of 850.00 is forgiven, nothing paid; balance 850.00 - 850.00 forgiven = 0.00."
	if got := s.Sentence(); got != wantS {
		t.Errorf("sentence\n got %s\nwant %s", got, wantS)
	}
	if _, _, err := l.Draw("2025-07", "2025-07", d); !errors.Is(err, ErrClosed) {
		t.Errorf("draw after the end: %v, want ErrClosed", err)
	}
	// The stored ledger reads back and its draw entries verify.
	b, err := l.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseLedger(b)
	if err != nil || !back.Equal(l) {
		t.Fatalf("round trip: %v", err)
	}
	if !strings.Contains(string(b), `"kind":"draw-recovery"`) || !strings.Contains(string(b), `"kind":"draw-end"`) {
		t.Errorf("document lacks the draw kinds: %s", b)
	}
}

func TestDrawSentences(t *testing.T) {
	d := MustParseDraw(`{"id":"sign-on","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable","currency":"USD","amount":"1000.00","recovery_cap":"300.00"}`)
	var l Ledger
	l = settleEarned(t, l, "m1", "m1", drawRep, dd("400.00"))
	l, s, _ := l.Draw("m1", "m1", d)
	// 1,000 − 400 = 600 drawn; pay 400 + 600 = 1,000.
	want := "rep:ana's recoverable draw sign-on of 1,000.00 USD in m1: earned 400.00, below the draw, so 600.00 drawn and 1,000.00 paid; balance 0.00 + 600.00 drawn - 0.00 recovered = 600.00."
	if got := s.Sentence(); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	l = settleEarned(t, l, "m2", "m2", drawRep, dd("1800.00"))
	_, s, _ = l.Draw("m2", "m2", d)
	// R = min(600, 300, 800) = 300; pay 1,800 − 300 = 1,500.
	want = "rep:ana's recoverable draw sign-on of 1,000.00 USD in m2: earned 1,800.00, at or above the draw, so nothing drawn, 300.00 recovered (the least of the balance 600.00, the cap 300.00, and the 800.00 earned above the draw) and 1,500.00 paid; balance 600.00 + 0.00 drawn - 300.00 recovered = 300.00."
	if got := s.Sentence(); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

// A non-recoverable draw of 500.00: the part above earnings is forgiven at
// once; nothing is carried or recovered.
func TestDrawNonRecoverableGolden(t *testing.T) {
	d := MustParseDraw(`{"id":"ramp","recipient":{"kind":"rep","id":"ana"},"kind":"non-recoverable","currency":"USD","amount":"500.00"}`)
	var l Ledger
	l = settleEarned(t, l, "m1", "m1", drawRep, dd("200.00"))
	l, s, err := l.Draw("m1", "m1", d)
	if err != nil {
		t.Fatal(err)
	}
	// E 200: P = 500 − 200 = 300, F = 300, B 0 + 300 − 300 = 0, pay 500.
	if !s.Drawn.Equal(dd("300")) || !s.Forgiven.Equal(dd("300")) || !s.BalanceEnd.IsZero() || !s.Pay.Equal(dd("500")) {
		t.Errorf("m1: %+v", s)
	}
	want := "rep:ana's non-recoverable draw ramp of 500.00 USD in m1: earned 200.00, below the draw, so 300.00 drawn and 500.00 paid; non-recoverable, so the 300.00 drawn is forgiven at once and no balance is carried."
	if got := s.Sentence(); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	l = settleEarned(t, l, "m2", "m2", drawRep, dd("900.00"))
	_, s, err = l.Draw("m2", "m2", d)
	// E 900 ≥ 500: nothing drawn or recovered, pay 900.
	if err != nil || !s.Drawn.IsZero() || !s.Recovered.IsZero() || !s.Pay.Equal(dd("900")) {
		t.Errorf("m2: %+v %v", s, err)
	}
}

func TestDrawErrors(t *testing.T) {
	for _, c := range []struct {
		doc, path string
		err       error
	}{
		{`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":"0"}`, "/amount", ErrInvalid},
		{`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":"10.001"}`, "/amount", ErrInvalid},
		{`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":"-1"}`, "/amount", ErrInvalid},
		{`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"non-recoverable","currency":"USD","amount":"1","recovery_cap":"1"}`, "/recovery_cap", ErrInvalid},
		{`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":"1","recovery_cap":"-1"}`, "/recovery_cap", ErrInvalid},
		{`{"id":"","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":"1"}`, "/id", ErrInvalid},
		{`{"id":"d","recipient":{"kind":"rep","id":""},"kind":"recoverable","currency":"USD","amount":"1"}`, "/recipient/id", ErrInvalid},
	} {
		_, err := ParseDraw([]byte(c.doc))
		var pe *PlanError
		if !errors.As(err, &pe) || pe.Path != c.path || !errors.Is(err, c.err) {
			t.Errorf("%s: %v, want %v at %s", c.doc, err, c.err, c.path)
		}
	}
	_, err := ParseDraw([]byte(`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverabel","currency":"USD","amount":"1"}`))
	var ee *EnumError
	if !errors.As(err, &ee) || ee.Suggestion != "recoverable" {
		t.Errorf("kind typo: %v", err)
	}
	_, err = ParseDraw([]byte(`{"id":"d","recipient":{"kind":"rep","id":"a"},"kind":"recoverable","currency":"USD","amount":1}`))
	if err == nil {
		t.Errorf("JSON number amount accepted")
	}

	d := MustParseDraw(`{"id":"d","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable","currency":"USD","amount":"100"}`)
	other := MustParseDraw(`{"id":"d","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable","currency":"USD","amount":"200"}`)
	var l Ledger
	l, _, err = l.Draw("m1", "m1", d)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.Draw("m1", "m1", d); !errors.Is(err, ErrDuplicate) {
		t.Errorf("window drawn twice: %v", err)
	}
	if _, _, err := l.Draw("m2", "m2", other); !errors.Is(err, ErrMismatch) {
		t.Errorf("other terms: %v", err)
	}
	if _, _, err := l.Draw("m2", "", d); !errors.Is(err, ErrPeriod) {
		t.Errorf("empty window: %v", err)
	}
	if _, _, err := (Ledger{}).Draw("m1", "m1", Draw{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("zero draw: %v", err)
	}
	// A draw whose ID is a settled component's.
	clash := MustParseDraw(`{"id":"commission","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable","currency":"USD","amount":"100"}`)
	l2 := settleEarned(t, Ledger{}, "m1", "m1", drawRep, dd("10"))
	if _, _, err := l2.Draw("m1", "m1", clash); !errors.Is(err, ErrInvalid) {
		t.Errorf("ID clash: %v", err)
	}
}

// A stored ledger whose draw balance was edited and resealed (every hash
// recomputed) still fails: the target is not the running balance.
func TestDrawParseChecksBalance(t *testing.T) {
	d := MustParseDraw(`{"id":"d","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable","currency":"USD","amount":"100"}`)
	var l Ledger
	l, _, _ = l.Draw("m1", "m1", d) // E 0: P 100, B 100
	e := l.entries[0]
	e.Target = dd("90")
	bad := Ledger{}.with([]string{"m1"}, []Entry{e})
	b, _ := bad.MarshalJSON()
	_, err := ParseLedger(b)
	var de *DataError
	if !errors.As(err, &de) || de.Path != "/runs/0/entries/0/target" || !errors.Is(err, ErrInvalid) {
		t.Errorf("edited balance: %v", err)
	}
}

// refDraw is an independent per-period calculation in cents (int64).
func refDraw(recoverable bool, draw, capc int64, hasCap bool, earned []int64) (drawn, rec, forg, bal, pay []int64) {
	var b int64
	for _, e := range earned {
		p, r, f := int64(0), int64(0), int64(0)
		if e < draw {
			p = draw - e
		}
		if recoverable && e > draw {
			r = min(b, e-draw)
			if hasCap {
				r = min(r, capc)
			}
		}
		if !recoverable {
			f = p
		}
		b += p - r - f
		drawn, rec, forg, bal, pay = append(drawn, p), append(rec, r), append(forg, f), append(bal, b), append(pay, e+p-r)
	}
	return
}

// For random draws and earnings (negative ones included: a period of
// returns): the identity B₁ = B₀ + P − R − F holds each period, R never
// exceeds the cap, the balance or E − D, pay is never negative nor below
// the draw, Σ pay = Σ max(E, D) − Σ R over the life, and every figure is
// that of an independent calculation in cents.
func TestPropDrawIdentity(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		recoverable := rapid.Bool().Draw(t, "recoverable")
		amt := rapid.Int64Range(1, 500000).Draw(t, "draw")
		hasCap := recoverable && rapid.Bool().Draw(t, "hasCap")
		capc := rapid.Int64Range(0, 300000).Draw(t, "cap")
		kind := `"non-recoverable"`
		capJSON := ""
		if recoverable {
			kind = `"recoverable"`
			if hasCap {
				capJSON = fmt.Sprintf(`,"recovery_cap":"%s"`, decimal.New(capc, -2))
			}
		}
		d := MustParseDraw(fmt.Sprintf(`{"id":"d","recipient":{"kind":"rep","id":"ana"},"kind":%s,"currency":"USD","amount":"%s"%s}`,
			kind, decimal.New(amt, -2), capJSON))
		earned := rapid.SliceOfN(rapid.Int64Range(-100000, 1500000), 1, 12).Draw(t, "earned")
		drawn, rec, forg, bal, pay := refDraw(recoverable, amt, capc, hasCap, earned)
		var l Ledger
		var sumPay, sumMax, sumR, sumP, sumF decimal.Decimal
		D := decimal.New(amt, -2)
		for i, e := range earned {
			w := fmt.Sprintf("w%02d", i)
			E := decimal.New(e, -2)
			if e != 0 {
				r := Result{PlanHash: "p", Period: Period{ID: w}, Currency: usdCur,
					Lines: []Line{handLine(drawRep, "c", w, E, E)}}
				var err error
				if l, _, err = l.Settle(w, r); err != nil {
					t.Fatal(err)
				}
			}
			var s DrawStep
			var err error
			l, s, err = l.Draw(w, w, d)
			if err != nil {
				t.Fatal(err)
			}
			if !s.BalanceEnd.Equal(s.BalanceStart.Add(s.Drawn).Sub(s.Recovered).Sub(s.Forgiven)) {
				t.Fatalf("%s: identity fails: %+v", w, s)
			}
			if s.Recovered.Cmp(s.BalanceStart) > 0 || (s.HasCap && s.Recovered.Cmp(s.Cap) > 0) || s.Recovered.Sign() < 0 {
				t.Fatalf("%s: recovery %s beyond balance %s or cap %s", w, s.Recovered, s.BalanceStart, s.Cap)
			}
			if s.Pay.Sign() < 0 || s.Pay.Cmp(D) < 0 || s.BalanceEnd.Sign() < 0 {
				t.Fatalf("%s: pay %s (draw %s), balance %s", w, s.Pay, D, s.BalanceEnd)
			}
			for _, c := range []struct {
				got  decimal.Decimal
				want int64
			}{{s.Drawn, drawn[i]}, {s.Recovered, rec[i]}, {s.Forgiven, forg[i]}, {s.BalanceEnd, bal[i]}, {s.Pay, pay[i]}} {
				if !c.got.Equal(decimal.New(c.want, -2)) {
					t.Fatalf("%s: %+v differs from the reference (%d %d %d %d %d)", w, s, drawn[i], rec[i], forg[i], bal[i], pay[i])
				}
			}
			sumPay, sumMax, sumR = sumPay.Add(s.Pay), sumMax.Add(decimal.Max(E, D)), sumR.Add(s.Recovered)
			sumP, sumF = sumP.Add(s.Drawn), sumF.Add(s.Forgiven)
		}
		if !sumPay.Equal(sumMax.Sub(sumR)) {
			t.Fatalf("Σ pay %s ≠ Σ max(E, D) %s − Σ R %s", sumPay, sumMax, sumR)
		}
		l, s, err := l.EndDraw("end", "end", d)
		if err != nil {
			t.Fatal(err)
		}
		sumF = sumF.Add(s.Forgiven)
		if !sumP.Equal(sumR.Add(sumF)) || !s.BalanceEnd.IsZero() {
			t.Fatalf("over the life Σ P %s ≠ Σ R %s + Σ F %s", sumP, sumR, sumF)
		}
		b, _ := l.MarshalJSON()
		if _, err := ParseLedger(b); err != nil {
			t.Fatalf("reparse: %v", err)
		}
	})
}
