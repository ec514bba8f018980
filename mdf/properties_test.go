package mdf_test

import (
	"math/big"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/money"
)

// SplitBudget conserves the total exactly, gives each fund its exact share
// within one cent (big.Rat reference), and the part of a fund does not
// depend on the order of shares.
func TestSplitBudgetConserves(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "n")
		total := rapid.Int64Range(1, 1e9).Draw(t, "total")
		shares := make([]mdf.BudgetShare, n)
		sumW := int64(0)
		for i := range shares {
			w := rapid.Int64Range(0, 1000).Draw(t, "w")
			sumW += w
			shares[i] = mdf.BudgetShare{Fund: discretionary(string(rune('a' + i))), Weight: decimal.NewFromInt(w)}
		}
		if sumW == 0 {
			shares[0].Weight = decimal.NewFromInt(1)
			sumW = 1
		}
		funds, err := mdf.SplitBudget(cents(total), shares, t0)
		if err != nil {
			t.Fatal(err)
		}
		sum := int64(0)
		for i, f := range funds {
			got := must(f.Available().MinorUnits())
			sum += got
			exact := new(big.Rat).SetFrac64(total*shares[i].Weight.IntPart(), sumW)
			diff := new(big.Rat).Sub(new(big.Rat).SetInt64(got), exact)
			if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("fund %s got %d, exact share %s", f.ID(), got, exact.FloatString(4))
			}
		}
		if sum != total {
			t.Fatalf("parts sum to %d, total %d", sum, total)
		}
		perm := rapid.Permutation(shares).Draw(t, "perm")
		again := must(mdf.SplitBudget(cents(total), perm, t0))
		for _, g := range again {
			i := slices.IndexFunc(funds, func(f mdf.Fund) bool { return f.ID() == g.ID() })
			if !funds[i].Equal(g) {
				t.Fatalf("fund %s depends on order", g.ID())
			}
		}
	})
}

// Co-op accruals: after any sequence of purchases and returns, the fund's
// accrued total is min(cap, round-half-even(rate × P)), worked in integer
// cents and basis points, and the accruals returned sum to it.
func TestCoopAccrualTotals(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bp := rapid.Int64Range(1, 10000).Draw(t, "bp")
		capCents := rapid.Int64Range(1, 1e7).Draw(t, "cap")
		f := mdf.MustNewFund(mdf.FundSpec{ID: "c", Kind: mdf.Coop, Currency: usd, OpensAt: t0, ExpiresAt: day(365),
			Coop: &mdf.CoopTerms{Rate: ptr(money.RateFromBasisPoints(decimal.NewFromInt(bp))), Cap: ptr(cents(capCents)), Rounding: money.HalfEven}})
		var p, sum int64
		for i := range rapid.IntRange(1, 10).Draw(t, "steps") {
			x := rapid.Int64Range(-p, 1e8).Draw(t, "purchases")
			g, a, err := f.Accrue(cents(x), day(i))
			if err != nil {
				// Only a return whose negative accrual exceeds what is
				// available may fail; nothing is spent here, so none does.
				t.Fatalf("accrue %d: %v", x, err)
			}
			p += x
			sum += must(a.MinorUnits())
			f = g
		}
		q, r := new(big.Int).QuoRem(big.NewInt(p*bp), big.NewInt(10000), new(big.Int))
		want := q.Int64()
		if r2 := 2 * r.Int64(); r2 > 10000 || r2 == 10000 && want%2 == 1 {
			want++
		}
		want = min(want, capCents)
		if got := must(f.Accrued().MinorUnits()); got != want || sum != want {
			t.Fatalf("accrued %d, accruals sum %d, want %d (P %d, %d bp, cap %d)", got, sum, want, p, bp, capCents)
		}
	})
}

// Measure does not depend on the order of campaigns, and each group's
// spend and revenue sum to the total's.
func TestMeasureOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 10).Draw(t, "n")
		cs := make([]mdf.Campaign, n)
		for i := range cs {
			c := func(label string) money.Amount { return cents(rapid.Int64Range(0, 1e6).Draw(t, label)) }
			cs[i] = mdf.Campaign{ID: string(rune('a' + i)), Partner: rapid.SampledFrom([]string{"p", "q", "r"}).Draw(t, "partner"),
				ActivityType: "w", Dimensions: map[string]string{"region": rapid.SampledFrom([]string{"EMEA", "APAC"}).Draw(t, "region")},
				Allocated: c("allocated"), Spend: c("spend"), Pipeline: c("pipeline"), Revenue: c("revenue"),
				Leads: rapid.Int64Range(0, 100).Draw(t, "leads"), Opportunities: rapid.Int64Range(0, 10).Draw(t, "opps")}
		}
		by := rapid.SampledFrom([]string{mdf.ByPartner, mdf.ByCampaign, "region", "missing"}).Draw(t, "by")
		a := must(mdf.Measure(cs, by))
		b := must(mdf.Measure(rapid.Permutation(cs).Draw(t, "perm"), by))
		if len(a.Groups) != len(b.Groups) || !a.Total.Equal(b.Total) {
			t.Fatalf("order changed the total")
		}
		spend, rev := money.Zero(usd), money.Zero(usd)
		for i := range a.Groups {
			if a.Groups[i].Key != b.Groups[i].Key || !a.Groups[i].Returns.Equal(b.Groups[i].Returns) || !slices.Equal(a.Groups[i].Campaigns, b.Groups[i].Campaigns) {
				t.Fatalf("order changed group %q", a.Groups[i].Key)
			}
			spend, rev = must(spend.Add(a.Groups[i].Returns.Spend)), must(rev.Add(a.Groups[i].Returns.Revenue))
		}
		if !spend.Equal(a.Total.Spend) || !rev.Equal(a.Total.Revenue) {
			t.Fatalf("groups sum to %v/%v, total %v/%v", spend, rev, a.Total.Spend, a.Total.Revenue)
		}
	})
}

// CheckAllowances against brute force: a partner deviates exactly when
// some competitor in its market has a higher rate, the reference is the
// market's maximum, and the result does not depend on input order.
func TestAllowancesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var as []mdf.Allowance
		for i := range rapid.IntRange(0, 12).Draw(t, "n") {
			as = append(as, mdf.Allowance{Partner: string(rune('a' + i)), Market: rapid.SampledFrom([]string{"n", "s"}).Draw(t, "market"),
				Rate: money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(0, 5).Draw(t, "bp") * 50))})
		}
		devs := must(mdf.CheckAllowances(as))
		var want []string
		for _, a := range as {
			for _, b := range as {
				if a.Market == b.Market && b.Rate.Cmp(a.Rate) > 0 {
					want = append(want, a.Market+"/"+a.Partner)
					break
				}
			}
		}
		slices.Sort(want)
		var got []string
		for _, d := range devs {
			got = append(got, d.Market+"/"+d.Partner)
			for _, b := range as {
				if b.Market == d.Market && b.Rate.Cmp(d.Reference) > 0 {
					t.Fatalf("reference %v below %v", d.Reference, b.Rate)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("deviations %v, want %v", got, want)
		}
		again := must(mdf.CheckAllowances(rapid.Permutation(as).Draw(t, "perm")))
		if !slices.EqualFunc(devs, again, mdf.Deviation.Equal) {
			t.Fatal("order changed the result")
		}
	})
}
