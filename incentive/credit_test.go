package incentive

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// genShares draws n shares (fractions with up to 6 places, each > 0)
// summing exactly to 1.
func genShares(t *rapid.T, n int) []decimal.Decimal {
	const den = 1000000
	cuts := make([]int64, 0, n-1)
	for len(cuts) < n-1 {
		c := rapid.Int64Range(1, den-1).Draw(t, "cut")
		if !slices.Contains(cuts, c) {
			cuts = append(cuts, c)
		}
	}
	slices.Sort(cuts)
	out := make([]decimal.Decimal, n)
	prev := int64(0)
	for i := range n {
		next := int64(den)
		if i < n-1 {
			next = cuts[i]
		}
		out[i] = decimal.New(next-prev, -6)
		prev = next
	}
	return out
}

// genCredits gives tx credits in two cases out of three: rep and/or
// partner split credit summing to 100 %, and overlay credit, on IDs the
// facts know; a plan without double credit never sees one recipient in
// both roles.
func genCredits(t *rapid.T, p Plan, tx Transaction) Transaction {
	if rapid.IntRange(0, 2).Draw(t, "credits?") == 0 {
		return tx
	}
	ids := []string{"p1", "p2", "p3", "r1", "r2"}
	for _, k := range []RecipientKind{RecipientPartner, RecipientRep} {
		if !rapid.Bool().Draw(t, "split "+k.String()) {
			continue
		}
		n := rapid.IntRange(1, 3).Draw(t, "nsplit")
		who := rapid.Permutation(ids).Draw(t, "who")[:n]
		shares := genShares(t, n)
		if n == 2 && rapid.Bool().Draw(t, "halves") { // ties for the largest remainder
			shares = []decimal.Decimal{dec(5, 1), dec(5, 1)}
		}
		for i, w := range shares {
			tx.Credits = append(tx.Credits, Credit{Recipient: Recipient{k, who[i]}, Share: money.RateFromFraction(w)})
		}
	}
	for range rapid.IntRange(0, 2).Draw(t, "noverlay") {
		k := rapid.SampledFrom([]RecipientKind{RecipientPartner, RecipientRep}).Draw(t, "overlay kind")
		r := Recipient{k, rapid.SampledFrom(ids).Draw(t, "overlay id")}
		if slices.ContainsFunc(tx.Credits, func(c Credit) bool {
			return c.Recipient == r && (c.Overlay || !p.spec.DoubleCredit)
		}) || !p.spec.DoubleCredit && !tx.hasSplit(k) && r.ID == tx.own(k) {
			continue
		}
		// Halves and quarters make exact ties for the rounding.
		share := rapid.SampledFrom([]decimal.Decimal{dec(5, 1), dec(25, 2), dec(1, 0),
			dec(rapid.Int64Range(1, 10000).Draw(t, "overlay share"), 4)}).Draw(t, "overlay share pick")
		tx.Credits = append(tx.Credits, Credit{Recipient: r, Share: money.RateFromFraction(share), Overlay: true})
	}
	return tx
}

func genCreditTxs(t *rapid.T, p Plan, maxN int) []Transaction {
	txs := genTxs(t, p.Currency(), maxN)
	for i := range txs {
		txs[i] = genCredits(t, p, txs[i])
	}
	return txs
}

// With credit splits and overlay components, the fast path equals the
// reference evaluator (which allocates with money.AllocateUnits and
// rounds overlays with money.Round) on every line.
func TestPropCreditsFastEqualsReference(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{credits: true})
		txs := genCreditTxs(t, p, 10)
		got := mustEval(t, p, txs)
		want, err := refEvaluate(p, genPeriod, genFacts(), txs)
		if err != nil {
			t.Fatalf("reference: %v", err)
		}
		if fast := asRef(got); !slices.EqualFunc(want, fast, refLine.equal) {
			t.Fatalf("fast path differs from reference (-ref +fast):\n%s", cmp.Diff(want, fast, cmpopts.EquateEmpty()))
		}
	})
}

// Neither the order of transactions nor the order of a transaction's
// credits changes the result, budgets and limits included.
func TestPropCreditsOrderIndependence(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{credits: true, planLimits: true, budgets: true})
		txs := genCreditTxs(t, p, 10)
		a := mustEval(t, p, txs)
		perm := rapid.Permutation(txs).Draw(t, "perm")
		for i := range perm {
			perm[i].Credits = rapid.Permutation(perm[i].Credits).Draw(t, "credit perm")
		}
		if b := mustEval(t, p, perm); !a.Equal(b) {
			t.Fatalf("order changed the result:\n%s", cmp.Diff(a, b))
		}
	})
}

// Split credit conserves exactly: the parts sum to the measure, each is
// within one unit of its exact share, they equal money.AllocateInt64 with
// the recipient IDs as keys, and a negative measure mirrors a positive one.
func TestPropSplitPartsConserve(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, MaxCredits).Draw(t, "n")
		shares := genShares(t, n)
		ids := rapid.Permutation([]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"}).Draw(t, "ids")[:n]
		tx := Transaction{RepID: "own"}
		for i := range n {
			tx.Credits = append(tx.Credits, Credit{Recipient: Recipient{RecipientRep, ids[i]}, Share: money.RateFromFraction(shares[i])})
		}
		m := rapid.Int64Range(-1e15, 1e15).Draw(t, "m")
		var cs creditSet
		cs.collect(&tx, RecipientRep)
		var parts, neg [MaxCredits]int64
		if !cs.splitParts(m, &parts) || !cs.splitParts(-m, &neg) {
			t.Fatal("splitParts failed")
		}
		ws := make([]money.Weight, n)
		for i := range n {
			ws[i] = money.Weight{Key: cs.split[i].id, Value: shares[slices.Index(ids, cs.split[i].id)]}
		}
		want, err := money.AllocateInt64(m, ws)
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for i := range n {
			sum += parts[i]
			if parts[i] != want[i] || neg[i] != -parts[i] {
				t.Fatalf("part %d (%s): %d, AllocateInt64 %d, mirror %d", i, cs.split[i].id, parts[i], want[i], neg[i])
			}
			exact := decimal.New(m, 0).Mul(ws[i].Value)
			if exact.Sub(decimal.New(parts[i], 0)).Abs().GreaterThanOrEqual(decimal.New(1, 0)) {
				t.Fatalf("part %d = %d, exact share %s", i, parts[i], exact)
			}
		}
		if sum != m {
			t.Fatalf("parts sum to %d, want %d", sum, m)
		}
	})
}

// A sale and its full return with the same credits net every credited
// recipient's measure to zero (splits reverse in proportion, overlays
// mirror), so a plan paying F(0) = 0 pays nothing.
func TestPropCreditedReturnsReverse(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{zeroAtZero: true, credits: true})
		var txs []Transaction
		for _, s := range genCreditTxs(t, p, 6) {
			if s.Kind != Sale {
				continue
			}
			r := s
			r.ID, r.Kind = s.ID+"-ret", Return
			r.Amount, r.Units = s.Amount.Neg(), s.Units.Neg()
			r.Credits = rapid.Permutation(s.Credits).Draw(t, "return credits")
			txs = append(txs, s, r)
		}
		for i, l := range mustEval(t, p, txs).Lines {
			if !l.Measure().IsZero() || !l.Amount().IsZero() {
				t.Fatalf("line %d (%s %s): measure %s amount %s, want 0 and 0", i, l.Recipient(), l.Component(), l.Measure(), l.Amount())
			}
		}
	})
}

// flatRate is a one-tier all-units schedule paying rate.
func flatRate(rate string) tier.Spec {
	return tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{From: decimal.Zero, Rate: money.MustRate(rate)}}}
}

func creditPlan(t testing.TB, double bool) Plan {
	t.Helper()
	spec := PlanSpec{ID: "cs", Version: "1", Currency: money.MustCurrency("USD"), Rounding: money.HalfEven, Places: 2,
		DoubleCredit: double,
		Components: []ComponentSpec{
			{ID: "commission", Version: "1", EffectiveFrom: MustDate("2025-01-01"), Recipient: RecipientRep, Measure: Revenue,
				Schedule: flatRate("10%")},
			{ID: "overlay", Version: "1", EffectiveFrom: MustDate("2025-01-01"), Recipient: RecipientRep, Measure: Revenue, Overlay: true,
				Schedule: flatRate("2%")},
		}}
	p, err := NewPlan(spec)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCreditErrors(t *testing.T) {
	p := creditPlan(t, false)
	sale := func(cs ...Credit) Transaction {
		return Transaction{ID: "d1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "acme", RepID: "ana",
			Amount: money.MustParse("1000.00 USD"), Credits: cs}
	}
	rep := func(id, share string, overlay bool) Credit {
		return Credit{Recipient: Recipient{RecipientRep, id}, Share: money.MustRate(share), Overlay: overlay}
	}
	many := make([]Credit, MaxCredits+1)
	for i := range many {
		many[i] = rep(fmt.Sprint("r", i), "1%", true)
	}
	for _, tc := range []struct {
		name string
		tx   Transaction
		path string
		also error
	}{
		{"sum below 100", sale(rep("a", "60%", false), rep("b", "30%", false)), "/credits", nil},
		{"sum above 100", sale(rep("a", "60%", false), rep("b", "50%", false)), "/credits", nil},
		{"zero share", sale(rep("a", "0%", false), rep("b", "100%", false)), "/credits/0/share", ErrInvalid},
		{"share above 100", sale(rep("a", "101%", true)), "/credits/0/share", ErrInvalid},
		{"too fine", sale(rep("a", "50.00000000000000001%", false), rep("b", "49.99999999999999999%", false)), "/credits/0/share", ErrInvalid},
		{"duplicate split", sale(rep("a", "50%", false), rep("a", "50%", false)), "/credits/1/recipient", ErrDuplicate},
		{"split and overlay", sale(rep("a", "100%", false), rep("a", "10%", true)), "/credits/1/recipient", ErrDuplicate},
		{"overlay on own rep", sale(rep("ana", "10%", true)), "/credits/0/recipient", ErrDuplicate},
		{"no kind", sale(Credit{Recipient: Recipient{ID: "x"}, Share: money.MustRate("100%")}), "/credits/0/recipient/kind", ErrEnum},
		{"no id", sale(Credit{Recipient: Recipient{Kind: RecipientRep}, Share: money.MustRate("100%")}), "/credits/0/recipient/id", ErrInvalid},
		{"too many", sale(many...), "/credits", ErrTooMany},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := NewAccumulator(p, genPeriod)
			if err != nil {
				t.Fatal(err)
			}
			err = a.Add(tc.tx)
			var de *DataError
			if !errors.As(err, &de) || !errors.Is(err, ErrCredit) || !errors.Is(err, ErrData) {
				t.Fatalf("got %v, want a *DataError matching ErrCredit and ErrData", err)
			}
			if de.Path != tc.path || de.Transaction != "d1" {
				t.Errorf("path %q transaction %q, want %q and d1 (%v)", de.Path, de.Transaction, tc.path, err)
			}
			if tc.also != nil && !errors.Is(err, tc.also) {
				t.Errorf("%v does not match %v", err, tc.also)
			}
		})
	}
	// The plan's double_credit allows split and overlay to one recipient.
	a, _ := NewAccumulator(creditPlan(t, true), genPeriod)
	if err := a.Add(sale(rep("a", "100%", false), rep("a", "10%", true))); err != nil {
		t.Fatalf("double_credit plan: %v", err)
	}
	// Without an overlay component, overlay credit on a split recipient
	// pays nothing twice: accepted.
	one := p.Spec()
	one.Components = one.Components[:1]
	a, _ = NewAccumulator(MustNewPlan(one), genPeriod)
	if err := a.Add(sale(rep("a", "100%", false), rep("a", "10%", true))); err != nil {
		t.Fatalf("plan without overlay component: %v", err)
	}
}

func TestCreditMessage(t *testing.T) {
	p := creditPlan(t, false)
	a, _ := NewAccumulator(p, genPeriod)
	err := a.Add(Transaction{ID: "d1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "acme",
		Amount: money.MustParse("1000.00 USD"), Credits: []Credit{
			{Recipient: Recipient{RecipientRep, "a"}, Share: money.MustRate("60%")},
			{Recipient: Recipient{RecipientRep, "b"}, Share: money.MustRate("30%")}}})
	want := `incentive: transaction "d1": /credits = "90%": invalid transaction: credit split: the rep split credit sums to 90%, not 100% (mark additive credit as overlay)`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// The CSV and JSON Lines forms carry credits; bad ones are line errors
// with the column and the member's pointer.
func TestDecodeCredits(t *testing.T) {
	want := []Credit{
		{Recipient: Recipient{RecipientRep, "r1"}, Share: money.MustRate("60%")},
		{Recipient: Recipient{RecipientRep, "r2"}, Share: money.MustRate("40%")},
		{Recipient: Recipient{RecipientRep, "m1"}, Share: money.MustRate("100%"), Overlay: true},
	}
	csvDoc := "id,date,kind,partner_id,amount,credits\n" +
		"d1,2025-07-03,sale,acme,1000.00 USD,rep:r1=60%; rep:r2=40% ;rep:m1+=100%\n" +
		"d2,2025-07-03,sale,acme,1000.00 USD,rep:r1=60\n" +
		"d3,2025-07-03,sale,acme,1000.00 USD,rep:r1=60%;team:r2=40%\n" +
		"d4,2025-07-03,sale,acme,1000.00 USD,rep:r1\n"
	jsonDoc := `{"id":"d1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1000.00 USD","credits":[{"recipient":{"kind":"rep","id":"r1"},"share":"60%"},{"recipient":{"kind":"rep","id":"r2"},"share":"40%"},{"recipient":{"kind":"rep","id":"m1"},"share":"100%","overlay":true}]}
{"id":"d2","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1000.00 USD","credits":[{"recipient":{"kind":"rep","id":"r1"},"share":"0.6"}]}
{"id":"d3","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1000.00 USD","credits":[{"recipient":{"kind":"rep","id":"r1"},"share":"60%","extra":1}]}
`
	for _, tc := range []struct {
		name  string
		paths []string
	}{
		{"csv",
			[]string{"/credits/0/share", "/credits/1/recipient/kind", "/credits/0"}},
		{"csv-std",
			[]string{"/credits/0/share", "/credits/1/recipient/kind", "/credits/0"}},
		{"jsonl",
			[]string{"/credits/0/share", "/credits/0/extra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []Transaction
			var paths []string
			for tx, err := range decodeAll(tc.name, csvDoc, jsonDoc) {
				if err != nil {
					var le *LineError
					var fp interface{ FieldPath() string }
					switch {
					case errors.As(err, &le):
						paths = append(paths, le.Path)
					case errors.As(err, &fp):
						paths = append(paths, fp.FieldPath())
					default:
						t.Fatalf("error %v has no path", err)
					}
					continue
				}
				got = append(got, tx)
			}
			if len(got) != 1 || !slices.EqualFunc(got[0].Credits, want, Credit.Equal) {
				t.Fatalf("got %+v, want one transaction with %+v", got, want)
			}
			if !slices.Equal(paths, tc.paths) {
				t.Errorf("error paths %q, want %q", paths, tc.paths)
			}
		})
	}
}

// decodeAll decodes doc with the named decoder, going on after errors.
func decodeAll(name, csvDoc, jsonDoc string) func(func(Transaction, error) bool) {
	o := DecodeOptions{MaxErrors: 10}
	switch name {
	case "csv":
		return ReadTransactionsCSV(strings.NewReader(csvDoc), o)
	case "csv-std":
		return readTransactionsCSVStd(strings.NewReader(csvDoc), o)
	}
	return ReadTransactionsJSONL(strings.NewReader(jsonDoc), o)
}

// A return that corrects a settled period claws back each credited
// recipient's part with the sale's shares, at the rate each earned; a
// split line (SplitLine) reads the same parts.
func TestCreditedClawbackAndSplitLine(t *testing.T) {
	p := creditPlan(t, false)
	credits := []Credit{
		{Recipient: Recipient{RecipientRep, "ana"}, Share: money.MustRate("60%")},
		{Recipient: Recipient{RecipientRep, "bo"}, Share: money.MustRate("40%")},
		{Recipient: Recipient{RecipientRep, "mia"}, Share: money.MustRate("50%"), Overlay: true},
	}
	sale := Transaction{ID: "d1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "acme",
		Amount: money.MustParse("1000.00 USD"), Credits: credits}
	r := mustEvalT(t, p, []Transaction{sale})
	// ana 10% × 600.00 = 60.00; bo 10% × 400.00 = 40.00; mia 2% × 500.00 = 10.00.
	var l Ledger
	l, _, err := l.Settle("2025-09", r)
	if err != nil {
		t.Fatal(err)
	}
	ret := Transaction{ID: "r1", Date: MustDate("2025-10-03").Time(), Kind: Return, PartnerID: "acme",
		Amount: money.MustParse("-100.00 USD"), Corrects: "2025-Q3", Credits: slices.Clone(credits)}
	slices.Reverse(ret.Credits) // order does not matter
	_, entries, err := l.Clawback("2025-11", p, slices.Values([]Transaction{ret}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, fmt.Sprintf("%s %s %s %s", e.Recipient, e.Component, e.Measure.StringFixed(2), e.Amount.StringFixed(2)))
	}
	want := []string{
		"rep:ana commission -60.00 -6.00", // 60% × −100.00 = −60.00 at 10%
		"rep:bo commission -40.00 -4.00",  // 40% × −100.00 = −40.00 at 10%
		"rep:mia overlay -50.00 -1.00",    // overlay 50% × −100.00 = −50.00 at 2%
	}
	if !slices.Equal(got, want) {
		t.Errorf("clawback\n got %q\nwant %q", got, want)
	}
	ln, _ := r.Line(Recipient{RecipientRep, "ana"}, "commission")
	tl, err := SplitLine(p, ln, nil, slices.Values([]Transaction{sale}))
	if err != nil || len(tl) != 1 || !tl[0].Measure.Equal(dec(60000, 2)) || !tl[0].Amount.Equal(dec(6000, 2)) {
		t.Errorf("SplitLine: %+v, %v; want one line of measure 600.00 paying 60.00", tl, err)
	}
}

// The credit fields are part of the plan hash; a plan without them
// hashes as before (the members are omitted when false).
func TestCreditFieldsInHash(t *testing.T) {
	a, b := creditPlan(t, false), creditPlan(t, true)
	spec := a.Spec()
	spec.Components[1].Overlay = false
	spec.Components[1].ID = "second"
	c := MustNewPlan(spec)
	spec.Components[1].Overlay = true
	d := MustNewPlan(spec)
	if a.Hash() == b.Hash() || c.Hash() == d.Hash() {
		t.Fatalf("double_credit or overlay not in the hash")
	}
	enc, _ := c.MarshalJSON()
	if strings.Contains(string(enc), "overlay") || strings.Contains(string(enc), "double_credit") {
		t.Fatalf("false members written: %s", enc)
	}
}
