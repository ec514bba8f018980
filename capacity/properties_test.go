package capacity_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// genDecimal draws a positive decimal lo…hi units with up to places digits.
func genDecimal(t *rapid.T, label string, lo, hi int64, places int32) decimal.Decimal {
	p := rapid.Int32Range(0, places).Draw(t, label+".places")
	scale := decimal.New(1, p).IntPart()
	return decimal.New(rapid.Int64Range(lo*scale, hi*scale).Draw(t, label), -p)
}

func genShare(t *rapid.T, label string) money.Rate {
	return money.RateFromPercent(decimal.New(rapid.Int64Range(1, 1000).Draw(t, label), -1)) // 0.1 % … 100 %
}

func genStageRate(t *rapid.T, label string) money.Rate {
	return money.RateFromPercent(decimal.NewFromInt(rapid.Int64Range(1, 100).Draw(t, label))) // 1 % … 100 %
}

func genModel(t *rapid.T) capacity.Model {
	var f capacity.Funnel
	if rapid.Bool().Draw(t, "staged") {
		n := rapid.IntRange(1, 3).Draw(t, "stages")
		st := make([]capacity.FunnelStage, n)
		for i := range st {
			st[i] = capacity.FunnelStage{Name: fmt.Sprint("s", i), Rate: genStageRate(t, "rate")}
		}
		f = capacity.Stages(st...)
	} else {
		f = capacity.Share(genShare(t, "share"))
	}
	return model(capacity.ModelSpec{
		ServiceRatio:          genDecimal(t, "ratio", 1, 5, 2),
		HourlyRate:            money.New(genDecimal(t, "rate", 1, 500, 2), usd),
		BillableHours:         genDecimal(t, "hours", 1, 2000, 1),
		ConsultantsPerPartner: genDecimal(t, "perPartner", 1, 50, 2),
		Funnel:                f,
	})
}

// More revenue never needs fewer consultants, partners or recruits; the
// counts are the smallest whole numbers that suffice; and the partner base
// the funnel asks for supports at least the target (inverse consistency).
func TestFunnelProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		c1 := rapid.Int64Range(0, 1_000_000_000_00).Draw(t, "target cents")
		c2 := c1 + rapid.Int64Range(0, 1_000_000_00).Draw(t, "more cents")
		t1, t2 := money.FromMinor(c1, usd), money.FromMinor(c2, usd)
		r1, err := capacity.Required(m, t1)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := capacity.Required(m, t2)
		if err != nil {
			t.Fatal(err)
		}
		if r2.Consultants < r1.Consultants || r2.ActivePartners < r1.ActivePartners || r2.Recruits < r1.Recruits {
			t.Fatalf("more revenue needs less: %+v vs %+v", r1, r2)
		}
		// Minimality of each rounded step.
		per := r1.RevenuePerConsultant.Decimal()
		if r1.Consultants > 0 && per.Mul(decimalInt64(r1.Consultants-1)).Cmp(r1.ServicesRevenue.Decimal()) >= 0 {
			t.Fatalf("%d consultants is not minimal", r1.Consultants)
		}
		if r1.ActivePartners > 0 && m.ConsultantsPerPartner().Mul(decimalInt64(r1.ActivePartners-1)).Cmp(decimalInt64(r1.Consultants)) >= 0 {
			t.Fatalf("%d partners is not minimal", r1.ActivePartners)
		}
		if r1.Recruits > 0 && r1.ProductiveShare.Of(decimalInt64(r1.Recruits-1)).Cmp(decimalInt64(r1.ActivePartners)) >= 0 {
			t.Fatalf("%d recruits is not minimal", r1.Recruits)
		}
		// Inverse consistency.
		sp, err := capacity.SupportedByPartners(m, r1.ActivePartners)
		if err != nil {
			t.Fatal(err)
		}
		sr, err := capacity.SupportedByRecruits(m, r1.Recruits)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []capacity.Support{sp, sr} {
			if cmp, _ := s.Revenue.Cmp(t1); cmp < 0 {
				t.Fatalf("support %v below target %v (requirement %+v)", s.Revenue, t1, r1)
			}
		}
		if sr.ActivePartners < r1.ActivePartners || sp.Consultants < r1.Consultants {
			t.Fatalf("inverse lost people: %+v %+v for %+v", sp, sr, r1)
		}
		// The staged expected count at the last stage covers the active
		// partners.
		last := r1.Stages[len(r1.Stages)-1]
		if last.Expected.Cmp(decimalInt64(r1.ActivePartners)) < 0 {
			t.Fatalf("last stage %s < active %d", last.Expected, r1.ActivePartners)
		}
	})
}

func genRevenues(t *rapid.T) []capacity.PartnerRevenue {
	n := rapid.IntRange(1, 24).Draw(t, "n")
	out := make([]capacity.PartnerRevenue, n)
	for i := range out {
		var cents int64
		switch rapid.IntRange(0, 3).Draw(t, "kind") {
		case 0:
			cents = 0
		case 1:
			cents = rapid.Int64Range(1, 100).Draw(t, "small")
		default:
			cents = rapid.Int64Range(0, 1_000_000_000).Draw(t, "cents")
		}
		out[i] = capacity.PartnerRevenue{ID: fmt.Sprintf("p%03d", i), Revenue: money.FromMinor(cents, usd)}
	}
	// Ties are common in real data.
	if n > 1 && rapid.Bool().Draw(t, "tie") {
		out[n-1].Revenue = out[0].Revenue
	}
	if allZero(out) {
		out[0].Revenue = money.FromMinor(1, usd)
	}
	return out
}

func allZero(r []capacity.PartnerRevenue) bool {
	for _, p := range r {
		if !p.Revenue.IsZero() {
			return false
		}
	}
	return true
}

// exactRatio returns a/b as a Ratio, for figures computed independently
// of the package.
func exactRatio(a, b decimal.Decimal) capacity.Ratio {
	r, err := capacity.NewRatio(a, b)
	if err != nil {
		panic(err) // b > 0 by construction
	}
	return r
}

// Gini in [0, 1) and exactly equal to the mean-absolute-difference
// definition ΣΣ|x_i − x_j| / (2 n Σx); HHI in [1/n, 1] and exactly equal
// to Σx_i² / (Σx)² summed directly; top-k non-decreasing with TopK(n) = 1; the head found
// by PartnersForShare is the smallest that reaches the share; results do
// not depend on input order, and scaling every revenue by 10^20 (which
// leaves int64) changes no ratio.
func TestConcentrationProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		revs := genRevenues(t)
		c, err := capacity.NewConcentration(revs)
		if err != nil {
			t.Fatal(err)
		}
		n := len(revs)
		zero, one := capacity.Ratio{}, exactRatio(decimalInt(1), decimalInt(1))
		g := c.Gini()
		if g.Cmp(zero) < 0 || g.Cmp(one) >= 0 {
			t.Fatalf("Gini %s outside [0, 1)", g)
		}
		var sumAbs, total, sumSq decimal.Decimal
		for _, a := range revs {
			x := a.Revenue.Decimal()
			total = total.Add(x)
			sumSq = sumSq.Add(x.Mul(x))
			for _, b := range revs {
				sumAbs = sumAbs.Add(x.Sub(b.Revenue.Decimal()).Abs())
			}
		}
		if want := exactRatio(sumAbs, decimalInt(2*n).Mul(total)); !g.Equal(want) {
			t.Fatalf("Gini %s, mean-absolute-difference definition %s", g, want)
		}
		h := c.HHI()
		if want := exactRatio(sumSq, total.Mul(total)); !h.Equal(want) {
			t.Fatalf("HHI %s, direct %s", h, want)
		}
		if h.Cmp(exactRatio(decimalInt(1), decimalInt(n))) < 0 || h.Cmp(one) > 0 {
			t.Fatalf("HHI %s outside [1/%d, 1]", h, n)
		}
		if e := c.EquivalentPartners(); e.Cmp(one) < 0 || e.Cmp(exactRatio(decimalInt(n), decimalInt(1))) > 0 {
			t.Fatalf("1/HHI %s outside [1, %d]", e, n)
		}
		prev := zero
		for k := 0; k <= n; k++ {
			s, err := c.TopK(k)
			if err != nil {
				t.Fatal(err)
			}
			if s.Cmp(prev) < 0 {
				t.Fatalf("TopK(%d) = %s < TopK(%d) = %s", k, s, k-1, prev)
			}
			prev = s
		}
		if !prev.Equal(one) {
			t.Fatalf("TopK(n) = %s", prev)
		}
		share := genShare(t, "share")
		head, err := c.PartnersForShare(share)
		if err != nil {
			t.Fatal(err)
		}
		if head.RevenueShare.Cmp(exactRatio(share.Fraction(), decimalInt(1))) < 0 {
			t.Fatalf("head %+v below share %s", head, share)
		}
		if head.Partners > 1 {
			below, _ := c.TopK(head.Partners - 1)
			// Exact check: the smaller head's exact share is below s.
			var sum decimal.Decimal
			for _, p := range c.Ranked()[:head.Partners-1] {
				sum = sum.Add(p.Revenue.Decimal())
			}
			if sum.Cmp(share.Of(total)) >= 0 {
				t.Fatalf("head of %d (share %s) already reaches %s", head.Partners-1, below, share)
			}
		}
		lz := c.Lorenz()
		if len(lz) != n+1 || !lz[n].Revenue.Equal(one) || !lz[n].Partners.Equal(one) {
			t.Fatalf("Lorenz end %+v", lz[len(lz)-1])
		}
		for i := 1; i <= n; i++ {
			if lz[i].Revenue.Cmp(lz[i-1].Revenue) < 0 || lz[i].Revenue.Cmp(lz[i].Partners) > 0 {
				t.Fatalf("Lorenz point %d %+v not monotone or above the diagonal", i, lz[i])
			}
		}

		// Order independence.
		c2, err := capacity.NewConcentration(rapid.Permutation(revs).Draw(t, "perm"))
		if err != nil {
			t.Fatal(err)
		}
		if !c.Equal(c2) || !c.Gini().Equal(c2.Gini()) || !c.HHI().Equal(c2.HHI()) {
			t.Fatal("input order changed the result")
		}
		if l1, l2 := c.Lorenz(), c2.Lorenz(); !slices.EqualFunc(l1, l2, capacity.LorenzPoint.Equal) {
			t.Fatalf("Lorenz depends on order:\n%s", cmp.Diff(l1, l2))
		}
		// Scale invariance across the int64 and big.Int paths.
		big := make([]capacity.PartnerRevenue, n)
		for i, p := range revs {
			big[i] = capacity.PartnerRevenue{ID: p.ID, Revenue: p.Revenue.Mul(decimal.New(1, 20))}
		}
		c3, err := capacity.NewConcentration(big)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Gini().Equal(c3.Gini()) || !c.HHI().Equal(c3.HHI()) || !c.EquivalentPartners().Equal(c3.EquivalentPartners()) {
			t.Fatalf("scaling changed ratios: %s/%s %s/%s", c.Gini(), c3.Gini(), c.HHI(), c3.HHI())
		}
		h1, _ := c.PartnersForShare(share)
		h3, _ := c3.PartnersForShare(share)
		if !h1.Equal(h3) {
			t.Fatalf("scaling changed PartnersForShare:\n%s", cmp.Diff(h1, h3))
		}
		for i, p := range c3.Ranked() {
			if p.ID != c.Ranked()[i].ID {
				t.Fatalf("scaling changed the ranking at %d", i)
			}
		}
	})
}
