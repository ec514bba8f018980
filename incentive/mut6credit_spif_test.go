package incentive

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// credit6SpifPlan pays reps 10 % of revenue from a first-come budget of
// 100.00.
func credit6SpifPlan(t *testing.T) Plan {
	t.Helper()
	p, err := ParsePlan([]byte(`{"id":"fc6","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"spif","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"10%"}]},
	  "budget":{"amount":"100","exhaustion":"first-come"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// credit6SpifTxs: t1 (3 July) is a 1,000.00 sale credited 60 % to rep a
// and 40 % to rep b; t2 (4 July) a 500.00 sale of rep c.
func credit6SpifTxs() []Transaction {
	return []Transaction{
		{ID: "t1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "p", Amount: money.MustParse("1000.00 USD"),
			Credits: []Credit{
				{Recipient: Recipient{RecipientRep, "a"}, Share: money.MustRate("60%")},
				{Recipient: Recipient{RecipientRep, "b"}, Share: money.MustRate("40%")},
			}},
		{ID: "t2", Date: MustDate("2025-07-04").Time(), Kind: Sale, PartnerID: "p", RepID: "c", Amount: money.MustParse("500.00 USD")},
	}
}

// Split credit claims a first-come budget for each credited recipient
// (claimCredit books the part on the group's first-come component), and a
// line that its grant already covers is left as it is, with no limit step
// (grantFirstCome's `lc.amount.cmp(g) <= 0`).
//
// Claims in date order: a 60 % × 1,000.00 = 600.00, paying 10 % = 60.00
// (cumulative 60.00); b 400.00 → 40.00 (cumulative 100.00 = the budget);
// c 500.00 → 50.00 (cumulative 150.00, capped at 100.00). Grants:
// a 60.00 − 0 = 60.00, b 100.00 − 60.00 = 40.00, c 100.00 − 100.00 = 0.00.
// The lines (60.00 + 40.00 + 50.00 = 150.00 > 100.00) become a 60.00 and
// b 40.00 unchanged, c lowered from 50.00 to 0.00 with one limit step.
func TestCredit6FirstComeSplitCredit(t *testing.T) {
	r := mustEvalT(t, credit6SpifPlan(t), credit6SpifTxs())
	type line struct {
		amount string
		limits []string
	}
	got := map[string]line{}
	for _, l := range r.Lines {
		var ls []string
		for _, s := range l.Trace().Limits {
			ls = append(ls, fmt.Sprintf("%s %s→%s", s.Kind, s.Before.StringFixed(2), s.After.StringFixed(2)))
		}
		got[l.Recipient().ID] = line{l.Amount().StringFixed(2), ls}
	}
	want := map[string]line{
		"a": {"60.00", nil},
		"b": {"40.00", nil},
		"c": {"0.00", []string{"component-budget-first-come 50.00→0.00"}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("lines %v, want %v", got, want)
	}
}

// A Partial keeps only the first-come claims that can still reach the
// budget: compaction drops the claims after the first one at which the
// cumulative payout reaches the budget, equality included (book.compact's
// `cum.cmp(grid) >= 0`). With the claims of TestCredit6FirstComeSplitCredit
// the cumulative payout is exactly 100.00 after b's claim (60.00 + 40.00),
// so c's claim, granted nothing whatever comes later, is dropped.
func TestCredit6PartialClaimsStopAtBudget(t *testing.T) {
	a, err := NewAccumulator(credit6SpifPlan(t), genPeriod)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AddAll(slices.Values(credit6SpifTxs())); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range a.Partial().Claims {
		got = append(got, fmt.Sprintf("%s %s %s", c.Transaction, c.Recipient, c.Measure.StringFixed(2)))
	}
	want := []string{"t1 rep:a 600.00", "t1 rep:b 400.00"}
	if !slices.Equal(got, want) {
		t.Fatalf("partial claims %q, want %q", got, want)
	}
}

// Merging accumulators compacts the merged first-come book once it holds
// max(2·kept, compactAt) claims (mergeBooks), so merging many shards keeps
// the book bounded (at most 2·compactAt claims) instead of holding every
// shard's claims. Four shards of compactAt − 1 = 4,095 deals each (below
// their own compaction threshold) on a deals budget of 1.00 at 1.00 a
// deal: the budget is spent by the first claim, and rep r1 is paid 1.00
// for 16,380 deals (16,380 × 1.00 = 16,380.00 > 1.00).
func TestCredit6MergedBooksCompact(t *testing.T) {
	p := spifPlan(t, "1.00", "1000000")
	j, err := NewAccumulator(p, genPeriod)
	if err != nil {
		t.Fatal(err)
	}
	const shards, per = 4, compactAt - 1
	for s := range shards {
		sh, err := NewAccumulator(p, genPeriod)
		if err != nil {
			t.Fatal(err)
		}
		for i := range per {
			tx := Transaction{ID: fmt.Sprintf("s%d-%04d", s, i), Date: genPeriod.Start.Add(time.Duration(i%90) * 24 * time.Hour),
				Kind: Sale, PartnerID: "p", RepID: "r1", Amount: money.MustParse("100.00 USD")}
			if err := sh.Add(tx); err != nil {
				t.Fatal(err)
			}
		}
		if err := j.Merge(sh); err != nil {
			t.Fatal(err)
		}
		if k := len(j.books[0].claims); k > 2*compactAt {
			t.Fatalf("after merging shard %d the book keeps %d claims, more than %d", s, k, 2*compactAt)
		}
	}
	r, err := j.Result(nil)
	if err != nil {
		t.Fatal(err)
	}
	var deals []string
	for _, l := range r.Lines {
		if l.Component() == "deals" {
			deals = append(deals, l.Recipient().String()+" "+l.Amount().StringFixed(2))
		}
	}
	if want := []string{"rep:r1 1.00"}; !slices.Equal(deals, want) {
		t.Fatalf("deals lines %q, want %q (the budget)", deals, want)
	}
}

// A first-come book holds up to compactAt − 1 claims as they come and is
// compacted when it reaches compactAt claims (max(2·kept, compactAt) with
// nothing kept yet), whichever way the claims arrive: by Add (bookClaim),
// by Merge (mergeBooks) or by AddPartial (addPartialClaims). With a deals
// budget of 1.00 at 1.00 a deal the first claim by date then ID spends it
// (cumulative 1.00 ≥ 1.00), so compaction keeps that one claim.
func TestCredit6BookCompactsAtCompactAt(t *testing.T) {
	p := spifPlan(t, "1.00", "1000000")
	day := func(i int) time.Time { return genPeriod.Start.Add(time.Duration(i%90) * 24 * time.Hour) }
	deals := func(t *testing.T, a *Accumulator, prefix string, from, to int) {
		t.Helper()
		for i := from; i < to; i++ {
			tx := Transaction{ID: fmt.Sprintf("%s%04d", prefix, i), Date: day(i), Kind: Sale, PartnerID: "p", RepID: "r1",
				Amount: money.MustParse("100.00 USD")}
			if err := a.Add(tx); err != nil {
				t.Fatal(err)
			}
		}
	}
	newAcc := func(t *testing.T) *Accumulator {
		t.Helper()
		a, err := NewAccumulator(p, genPeriod)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	// check wants the book of "deals" (component 0) to hold n claims, the
	// first of them from transaction first.
	check := func(t *testing.T, a *Accumulator, n int, first string) {
		t.Helper()
		b := a.books[0].claims
		if len(b) != n || b[0].tx != first {
			t.Fatalf("book holds %d claims, the first from %q; want %d from %q", len(b), b[0].tx, n, first)
		}
	}
	t.Run("add", func(t *testing.T) {
		a := newAcc(t)
		deals(t, a, "a", 0, compactAt-1)
		check(t, a, compactAt-1, "a0000")
		deals(t, a, "a", compactAt-1, compactAt)
		check(t, a, 1, "a0000")
	})
	t.Run("merge", func(t *testing.T) {
		a, sh1, sh2 := newAcc(t), newAcc(t), newAcc(t)
		deals(t, sh1, "m", 0, compactAt-1)
		deals(t, sh2, "m", compactAt-1, compactAt)
		if err := a.Merge(sh1); err != nil {
			t.Fatal(err)
		}
		check(t, a, compactAt-1, "m0000")
		if err := a.Merge(sh2); err != nil {
			t.Fatal(err)
		}
		check(t, a, 1, "m0000")
	})
	t.Run("partial", func(t *testing.T) {
		a := newAcc(t)
		claims := func(from, to int) Partial {
			part := Partial{PlanHash: p.Hash(), Period: genPeriod.ID, Measures: []PartialMeasure{}}
			for i := from; i < to; i++ {
				part.Claims = append(part.Claims, PartialClaim{Recipient: Recipient{RecipientRep, "r1"}, Component: "deals", Version: "1",
					Transaction: fmt.Sprintf("c%04d", i), Date: day(i), Measure: decimal.New(1, 0)})
			}
			return part
		}
		if err := a.AddPartial(claims(0, compactAt-1)); err != nil {
			t.Fatal(err)
		}
		check(t, a, compactAt-1, "c0000")
		if err := a.AddPartial(claims(compactAt-1, compactAt)); err != nil {
			t.Fatal(err)
		}
		check(t, a, 1, "c0000")
	})
}
