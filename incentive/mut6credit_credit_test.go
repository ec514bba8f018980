package incentive

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// checkCredits accepts a share with exactly 16 digits after the point as a
// percentage (18 as a fraction, maxSharePlaces): `f.Exponent() <
// -maxSharePlaces` is a strict bound. The two shares 50.0000000000000001 %
// and 49.9999999999999999 % sum to exactly 100 % and split a 1,000.00 sale
// by largest remainder in cents (100,000 units):
//
//	a: 100,000 × 0.500000000000000001 = 50,000.0000000000001 → 50,000, remainder 0.0000000000001
//	b: 100,000 × 0.499999999999999999 = 49,999.9999999999999 → 49,999, remainder 0.9999999999999
//
// one unit is left (100,000 − 99,999) and goes to b, the larger remainder:
// a 500.00 and b 500.00, each paid 10 % × 500.00 = 50.00 commission.
func TestCredit6ShareOfEighteenPlacesAccepted(t *testing.T) {
	p := creditPlan(t, false)
	tx := Transaction{ID: "d1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "acme",
		Amount: money.MustParse("1000.00 USD"), Credits: []Credit{
			{Recipient: Recipient{RecipientRep, "a"}, Share: money.MustRate("50.0000000000000001%")},
			{Recipient: Recipient{RecipientRep, "b"}, Share: money.MustRate("49.9999999999999999%")},
		}}
	r := mustEvalT(t, p, []Transaction{tx}) // fails on the credit error
	got := map[string]string{}
	for _, l := range r.Lines {
		if l.Component() == "commission" {
			got[l.Recipient().ID] = l.Measure().StringFixed(2) + " " + l.Amount().StringFixed(2)
		}
	}
	want := map[string]string{"a": "500.00 50.00", "b": "500.00 50.00"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("commission lines %v, want %v", got, want)
	}
}

// shareUnits writes a share as w·10^(−places) with places ≥ 0: a fraction
// with a positive exponent (10 = 1E1, i.e. 1,000 %) is scaled up to
// w = 1 × 10^1 = 10 at 0 places, not divided.
func TestCredit6ShareUnits(t *testing.T) {
	for _, c := range []struct {
		f      decimal.Decimal
		w      uint64
		places int32
	}{
		{decimal.New(1, 1), 10, 0},   // 1E1 = 10 × 10^0
		{decimal.New(3, 2), 300, 0},  // 3E2 = 300 × 10^0
		{decimal.New(1, 0), 1, 0},    // 1 = 1 × 10^0
		{decimal.New(25, -2), 25, 2}, // 0.25 = 25 × 10^−2
	} {
		w, places := shareUnits(money.RateFromFraction(c.f))
		if w != c.w || places != c.places {
			t.Errorf("shareUnits(%s) = %d, %d; want %d, %d", c.f, w, places, c.w, c.places)
		}
	}
}

// The CSV credits column takes up to MaxCredits (16) entries: 16 splits of
// 6.25 % (16 × 6.25 % = 100 %) decode; 17 entries are a line error at
// /credits (parseCredits' `len(entries) > MaxCredits`).
func TestCredit6CSVCreditsAtMaxCredits(t *testing.T) {
	entries := func(n int, share string) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(";")
			}
			fmt.Fprintf(&b, "rep:r%d=%s", i, share)
		}
		return b.String()
	}
	doc := "id,date,kind,partner_id,amount,credits\n" +
		"d1,2025-07-03,sale,acme,1000.00 USD," + entries(MaxCredits, "6.25%") + "\n" +
		"d2,2025-07-03,sale,acme,1000.00 USD," + entries(MaxCredits+1, "1%") + "\n"
	for name, read := range bothReaders() {
		t.Run(name, func(t *testing.T) {
			var ok []Transaction
			var paths []string
			for tx, err := range read(strings.NewReader(doc), DecodeOptions{MaxErrors: 10}) {
				if err != nil {
					var le *LineError
					if !errors.As(err, &le) {
						t.Fatalf("error %v is not a *LineError", err)
					}
					paths = append(paths, le.Path)
					continue
				}
				ok = append(ok, tx)
			}
			if len(ok) != 1 || ok[0].ID != "d1" || len(ok[0].Credits) != MaxCredits {
				t.Fatalf("decoded %+v, want d1 with %d credits", ok, MaxCredits)
			}
			for i, c := range ok[0].Credits {
				if c.Recipient != (Recipient{RecipientRep, fmt.Sprint("r", i)}) || !c.Share.Equal(money.MustRate("6.25%")) {
					t.Errorf("credit %d = %+v, want rep:r%d at 6.25%%", i, c, i)
				}
			}
			if fmt.Sprint(paths) != "[/credits]" {
				t.Errorf("error paths %q, want [/credits] for the 17 credits of d2", paths)
			}
		})
	}
}
