package capacity_test

import (
	"encoding/binary"
	"errors"
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
			total = total.Add(a.Decimal())
			sumSq = sumSq.Add(a.Decimal().Mul(a.Decimal()))
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
		if want := exactRatio(sumSq, total.Mul(total)); !c.HHI().Equal(want) {
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

// FuzzRequired feeds arbitrary coefficients and exponents (hostile ones
// included) to the funnel: it must never panic, every error must be an
// *InputError, and every success must satisfy the funnel's definition
// (each count the smallest that suffices) and its inverse.
func FuzzRequired(f *testing.F) {
	f.Add(int64(100_000_000), int32(0), int64(1), int32(0), int64(200), int32(0), int64(1000), int32(0), int64(5), int32(0), int64(20), int32(-2))
	f.Add(int64(1), int32(1<<30), int64(1), int32(0), int64(200), int32(0), int64(1000), int32(0), int64(5), int32(0), int64(20), int32(-2))
	f.Add(int64(1), int32(0), int64(1), int32(-1<<31), int64(200), int32(1<<31-1), int64(1000), int32(0), int64(5), int32(0), int64(1), int32(-900))
	f.Add(int64(-1), int32(0), int64(0), int32(0), int64(0), int32(0), int64(-1), int32(0), int64(0), int32(0), int64(2), int32(0))
	f.Add(int64(1<<62), int32(900), int64(1<<62), int32(900), int64(1), int32(-900), int64(1), int32(-900), int64(1), int32(-900), int64(1), int32(0))
	f.Fuzz(func(t *testing.T, tc int64, te int32, rc int64, re int32, hc int64, he int32, bc int64, be int32, cc int64, ce int32, sc int64, se int32) {
		m, err := capacity.New(capacity.ModelSpec{
			ServiceRatio:          decimal.New(rc, re),
			HourlyRate:            money.New(decimal.New(hc, he), usd),
			BillableHours:         decimal.New(bc, be),
			ConsultantsPerPartner: decimal.New(cc, ce),
			Funnel:                capacity.Share(money.RateFromFraction(decimal.New(sc, se))),
		})
		if err != nil {
			var ie *capacity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		target := money.New(decimal.New(tc, te), usd)
		r, err := capacity.Required(m, target)
		if err != nil {
			var ie *capacity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if r.Consultants > 0 && r.RevenuePerConsultant.Decimal().Mul(decimal.NewFromInt(r.Consultants-1)).Cmp(r.ServicesRevenue.Decimal()) >= 0 {
			t.Fatalf("%d consultants is not minimal", r.Consultants)
		}
		if r.RevenuePerConsultant.Decimal().Mul(decimal.NewFromInt(r.Consultants)).Cmp(r.ServicesRevenue.Decimal()) < 0 {
			t.Fatalf("%d consultants do not suffice", r.Consultants)
		}
		if r.ProductiveShare.Of(decimal.NewFromInt(r.Recruits)).Cmp(decimal.NewFromInt(r.ActivePartners)) < 0 {
			t.Fatalf("%d recruits do not give %d active", r.Recruits, r.ActivePartners)
		}
		s, err := capacity.SupportedByPartners(m, r.ActivePartners)
		if err != nil {
			var ie *capacity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if s.Consultants < r.Consultants {
			t.Fatalf("inverse lost consultants: %d < %d", s.Consultants, r.Consultants)
		}
	})
}
