package capacity_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// FuzzStatusText: any text either fails to parse or round-trips exactly.
func FuzzStatusText(f *testing.F) {
	for _, s := range []string{"under", "balanced", "over", "no-demand", "unspecified", "Under", "", "over\x00", "balanced ", "Status(3)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var st capacity.Status
		if err := st.UnmarshalText([]byte(s)); err != nil {
			return
		}
		b, err := st.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("%q parsed to %v, marshals to %q, %v", s, st, b, err)
		}
	})
}

// FuzzChoiceText: as FuzzStatusText for Choice.
func FuzzChoiceText(f *testing.F) {
	for _, s := range []string{"develop", "recruit", "either", "unspecified", "DEVELOP", "", "recruit\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var c capacity.Choice
		if err := c.UnmarshalText([]byte(s)); err != nil {
			return
		}
		b, err := c.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("%q parsed to %v, marshals to %q, %v", s, c, b, err)
		}
	})
}

// FuzzConcentration compares the int64 fast path with the big-integer path
// (the same revenues scaled by 10^25) and with direct decimal sums: the
// ranking and every ratio must agree.
func FuzzConcentration(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 127, 1, 0, 0, 0, 0, 0, 0, 0}) // max int64 cents
	f.Add([]byte{7, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var revs, scaled []capacity.PartnerRevenue
		var total, sumSq decimal.Decimal
		for i := 0; i+8 <= len(data) && i < 8*64; i += 8 {
			cents := int64(binary.LittleEndian.Uint64(data[i:]) & (1<<63 - 1))
			a := money.FromMinor(cents, usd)
			id := fmt.Sprintf("p%02d", i/8)
			revs = append(revs, capacity.PartnerRevenue{ID: id, Revenue: a})
			scaled = append(scaled, capacity.PartnerRevenue{ID: id, Revenue: a.Mul(decimal.New(1, 25))})
			total = total.Add(a.Value())
			sumSq = sumSq.Add(a.Value().Mul(a.Value()))
		}
		c, err := capacity.NewConcentration(revs)
		if len(revs) == 0 || total.IsZero() {
			if err == nil {
				t.Fatal("no error for empty or zero revenue")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		s, err := capacity.NewConcentration(scaled)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Gini().Equal(s.Gini()) || !c.HHI().Equal(s.HHI()) || !c.EquivalentPartners().Equal(s.EquivalentPartners()) {
			t.Fatalf("paths disagree: Gini %s/%s HHI %s/%s", c.Gini(), s.Gini(), c.HHI(), s.HHI())
		}
		if want := ratio12(sumSq, total.Mul(total)); !c.HHI().Equal(want) {
			t.Fatalf("HHI %s, direct %s", c.HHI(), want)
		}
		for k := 0; k <= c.N(); k++ {
			a, _ := c.TopK(k)
			b, _ := s.TopK(k)
			if !a.Equal(b) {
				t.Fatalf("TopK(%d) %s vs %s", k, a, b)
			}
		}
		for i, p := range c.Ranked() {
			if p.ID != s.Ranked()[i].ID {
				t.Fatalf("rank %d: %s vs %s", i, p.ID, s.Ranked()[i].ID)
			}
		}
	})
}
