package mdf

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// drawAmount draws a whole number of minor units of cur: small and
// written with 0–3 extra trailing zeros, or 2–9 × 10^18 units written with
// a positive shift (three of them overflow an int64), or beyond an int64.
func drawAmount(t *rapid.T, cur money.Currency) money.Amount {
	switch rapid.IntRange(0, 5).Draw(t, "size") {
	case 0:
		return money.New(decimal.New(rapid.Int64Range(2e17, 9e17).Draw(t, "huge"), 1-cur.Digits()), cur)
	case 1:
		units := new(big.Int).Lsh(big.NewInt(rapid.Int64Range(1, 1e6).Draw(t, "beyond")), 64)
		return money.New(decimal.NewFromBigInt(units, -cur.Digits()), cur)
	}
	k := rapid.Int32Range(0, 3).Draw(t, "zeros")
	coeff := rapid.Int64Range(0, 1e12).Draw(t, "units") * pow10(k)
	return money.New(decimal.New(coeff, -(cur.Digits()+k)), cur)
}

// The int64 minor-unit totals equal the decimal totals whenever they are
// used, and are used whenever every amount and sum fits.
func TestTotalsMinorMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur := money.MustCurrency(rapid.SampledFrom([]string{"USD", "JPY", "BHD"}).Draw(t, "cur"))
		n := rapid.IntRange(1, 20).Draw(t, "n")
		cs := make([]Campaign, n)
		small := true
		for i := range cs {
			cs[i] = Campaign{ID: itoa(i), Allocated: drawAmount(t, cur), Spend: drawAmount(t, cur),
				Pipeline: drawAmount(t, cur), Revenue: drawAmount(t, cur)}
			for _, a := range []money.Amount{cs[i].Allocated, cs[i].Spend, cs[i].Pipeline, cs[i].Revenue} {
				small = small && a.Decimal().Shift(cur.Digits()).LessThan(decimal.New(1, 12))
			}
		}
		if err := checkCampaigns(cs); err != nil {
			t.Fatal(err)
		}
		want := totalsDecimal(cs, cur)
		got, ok := totalsMinor(cs, cur)
		if small && !ok {
			t.Fatal("fast path refused amounts below 10^12 minor units")
		}
		if !ok {
			return
		}
		for _, p := range [][2]money.Amount{{got.Allocated, want.Allocated}, {got.Spend, want.Spend},
			{got.Pipeline, want.Pipeline}, {got.Revenue, want.Revenue}} {
			if !p[0].Equal(p[1]) || p[0].Currency() != p[1].Currency() {
				t.Fatalf("minor-unit total %s, decimal total %s", p[0], p[1])
			}
		}
		r, err := returnsOf(cs, cur)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := withFigures(want, cur)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Equal(ref) {
			t.Fatalf("returns %+v, decimal path %+v", r, ref)
		}
	})
}
