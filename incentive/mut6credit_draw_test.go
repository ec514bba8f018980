package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/money"
)

// A non-recoverable draw whose recipient earns at or above it draws
// nothing, and its sentence says there is no balance rather than that a
// drawn amount is forgiven (DrawStep.Sentence's `s.Drawn.Sign() > 0` for
// the non-recoverable clause): E 900.00 ≥ D 500.00, P = max(500 − 900, 0)
// = 0, pay 900.00.
func TestCredit6DrawNonRecoverableAboveSentence(t *testing.T) {
	d := MustParseDraw(`{"id":"ramp","recipient":{"kind":"rep","id":"ana"},"kind":"non-recoverable","currency":"USD","amount":"500.00"}`)
	var l Ledger
	l = settleEarned(t, l, "m1", "m1", drawRep, dd("900.00"))
	_, s, err := l.Draw("m1", "m1", d)
	if err != nil {
		t.Fatal(err)
	}
	want := "rep:ana's non-recoverable draw ramp of 500.00 USD in m1: earned 900.00, at or above the draw, so nothing drawn, 900.00 paid; non-recoverable, no balance."
	if got := s.Sentence(); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

// A draw's window is an ID of 1 to MaxIDLen bytes (Ledger.drawOpen's
// `len(window) > MaxIDLen`): a window of exactly 128 bytes is drawn (E 0,
// so P = 1,000.00), one of 129 bytes is ErrPeriod.
func TestCredit6DrawWindowLength(t *testing.T) {
	d := MustParseDraw(`{"id":"sign-on","recipient":{"kind":"rep","id":"ana"},"kind":"recoverable","currency":"USD","amount":"1000.00"}`)
	var l Ledger
	w := strings.Repeat("w", MaxIDLen)
	_, s, err := l.Draw("m1", w, d)
	if err != nil || s.Window != w || !s.Drawn.Equal(dd("1000")) {
		t.Fatalf("window of %d bytes: drawn %s, %v; want 1000.00 drawn", MaxIDLen, s.Drawn, err)
	}
	if _, _, err := l.Draw("m1", w+"w", d); !errors.Is(err, ErrPeriod) {
		t.Fatalf("window of %d bytes: %v, want ErrPeriod", MaxIDLen+1, err)
	}
}

// A draw reads the recipient's earnings E of the window from its
// settlement and clawback entries only, not from accruals (Ledger.drawState:
// `e.Kind == Settlement || e.Kind == Clawback`). Ana accrues an estimate of
// 300.00, settles 10 % × 1,000.00 = 100.00 of commission, and a 200.00
// return claws back 200.00 × 100.00 / 1,000.00 = 20.00: E = 100.00 − 20.00
// = 80.00. The non-recoverable draw of 500.00 then draws 500.00 − 80.00 =
// 420.00 and pays 80.00 + 420.00 = 500.00.
func TestCredit6DrawEarningsSettledAndClawedBack(t *testing.T) {
	p := creditPlan(t, false)
	sale := Transaction{ID: "s1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "acme", RepID: "ana",
		Amount: money.MustParse("1000.00 USD")}
	r := mustEvalT(t, p, []Transaction{sale})
	var l Ledger
	l, _, err := l.Accrue("r1", "2025-Q3", []Estimate{{Recipient: drawRep, Component: "commission",
		Measure: dd("3000.00"), Amount: dd("300.00")}})
	if err != nil {
		t.Fatal(err)
	}
	if l, _, err = l.Settle("r2", r); err != nil {
		t.Fatal(err)
	}
	ret := Transaction{ID: "ret1", Date: MustDate("2025-10-03").Time(), Kind: Return, PartnerID: "acme", RepID: "ana",
		Amount: money.MustParse("-200.00 USD"), Corrects: "2025-Q3"}
	l, claws, err := l.Clawback("r3", p, slices.Values([]Transaction{ret}))
	if err != nil || len(claws) != 1 || !claws[0].Amount.Equal(dd("-20.00")) {
		t.Fatalf("clawback %+v, %v; want one entry of -20.00", claws, err)
	}
	d := MustParseDraw(`{"id":"ramp","recipient":{"kind":"rep","id":"ana"},"kind":"non-recoverable","currency":"USD","amount":"500.00"}`)
	_, s, err := l.Draw("r4", "2025-Q3", d)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Earned.Equal(dd("80.00")) || !s.Drawn.Equal(dd("420.00")) || !s.Pay.Equal(dd("500.00")) {
		t.Fatalf("earned %s drawn %s pay %s, want 80.00, 420.00 and 500.00", s.Earned, s.Drawn, s.Pay)
	}
}
