package incentive

import (
	"cmp"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// refBudgets applies the component budgets to the reference lines (the
// output of refEvaluate), independently of the engine: big.Rat largest
// remainder for pro-rata budgets, a decimal walk over every claim (no
// compaction) for first-come budgets. It returns the amount of every
// line, by refLine key.
func refBudgets(t interface {
	Helper()
	Fatal(...any)
}, p Plan, period Period, lines []refLine, txs []Transaction) map[string]decimal.Decimal {
	t.Helper()
	key := func(rec Recipient, comp, version string) string {
		return rec.String() + "\x00" + comp + "\x00" + version
	}
	out := map[string]decimal.Decimal{}
	for _, l := range lines {
		out[key(l.Recipient, l.Component, l.Version)] = l.Rounded
	}
	_, places := p.Rounding()
	mode, _ := p.Rounding()
	for ci := range p.comps {
		c := &p.comps[ci]
		if c.spec.Budget == nil {
			continue
		}
		var mine []refLine
		total := decimal.Zero
		for _, l := range lines {
			if l.Component == c.spec.ID && l.Version == c.spec.Version {
				mine = append(mine, l)
				total = total.Add(l.Rounded)
			}
		}
		amount := c.spec.Budget.Amount
		if total.Cmp(amount) <= 0 {
			continue
		}
		grid := amount.RoundFloor(places)
		switch c.spec.Budget.Exhaustion {
		case ProRata:
			// target = grid − Σ negative lines (≥ 0), in units of the last place.
			target := grid
			for _, l := range mine {
				if l.Rounded.Sign() < 0 {
					target = target.Sub(l.Rounded)
				}
			}
			if target.Sign() < 0 {
				target = decimal.Zero
			}
			T := new(big.Rat).SetInt(target.Shift(places).BigInt())
			W := new(big.Rat)
			for _, l := range mine {
				if l.Rounded.Sign() > 0 {
					W.Add(W, l.Rounded.Rat())
				}
			}
			type share struct {
				k    string
				tie  [3]string
				q    *big.Int
				frac *big.Rat
			}
			var shares []share
			left := new(big.Int).Set(target.Shift(places).BigInt())
			for _, l := range mine {
				if l.Rounded.Sign() <= 0 {
					continue
				}
				exact := new(big.Rat).Mul(T, l.Rounded.Rat())
				exact.Quo(exact, W)
				q := new(big.Int).Quo(exact.Num(), exact.Denom()) // exact ≥ 0: truncation is floor
				frac := new(big.Rat).Sub(exact, new(big.Rat).SetInt(q))
				left.Sub(left, q)
				shares = append(shares, share{key(l.Recipient, l.Component, l.Version), [3]string{l.Recipient.String(), l.Component, l.Version}, q, frac})
			}
			slices.SortFunc(shares, func(a, b share) int {
				if c := b.frac.Cmp(a.frac); c != 0 {
					return c
				}
				return slices.Compare(a.tie[:], b.tie[:])
			})
			for i := range shares {
				if left.Sign() > 0 {
					shares[i].q.Add(shares[i].q, big.NewInt(1))
					left.Sub(left, big.NewInt(1))
				}
				out[shares[i].k] = decimal.NewFromBigInt(shares[i].q, -places)
			}
		case FirstCome:
			type cl struct {
				date time.Time
				id   string
				rec  string
				x    decimal.Decimal
			}
			var claims []cl
			for i := range txs {
				tx := &txs[i]
				if !period.Contains(tx.Date) || tx.Corrects != "" || !c.effective(tx.Date) || !c.eligible(tx) {
					continue
				}
				var x decimal.Decimal
				switch c.spec.Measure {
				case Units:
					x = tx.Units
				case EventCount:
					if tx.Kind == Sale || tx.Kind == QualifyingEvent {
						x = decimal.New(1, 0)
					}
				case RecurringRevenue: // the contract value, as the line counts it
					x = refContractValue(p, c.spec.ContractValue, tx)
				default:
					x = tx.Amount.Decimal()
				}
				if x.Sign() <= 0 {
					continue
				}
				rec := tx.PartnerID
				if c.spec.Recipient == RecipientRep {
					rec = tx.RepID
				}
				claims = append(claims, cl{tx.Date, tx.ID, rec, x})
			}
			slices.SortFunc(claims, func(a, b cl) int {
				if c := a.date.Compare(b.date); c != 0 {
					return c
				}
				if c := cmp.Compare(a.id, b.id); c != 0 {
					return c
				}
				if c := cmp.Compare(a.rec, b.rec); c != 0 {
					return c
				}
				return a.x.Cmp(b.x)
			})
			granted := map[string]decimal.Decimal{}
			cum, prev := decimal.Zero, decimal.Zero
			for _, x := range claims {
				cum = cum.Add(c.sched.Evaluate(x.x).Payout)
				r, err := money.Round(decimal.Min(cum, grid), places, mode)
				if err != nil {
					t.Fatal(err)
				}
				granted[x.rec] = granted[x.rec].Add(r.Sub(prev))
				prev = r
			}
			for _, l := range mine {
				if g := granted[l.Recipient.ID]; l.Rounded.Sign() > 0 && g.Cmp(l.Rounded) < 0 {
					out[key(l.Recipient, l.Component, l.Version)] = g
				}
			}
		case ExhaustionUnspecified:
			t.Fatal("unspecified rule")
		}
	}
	return out
}

// fastAmounts returns the amount of every line of r, by refBudgets' key.
func fastAmounts(r Result) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	for _, l := range r.Lines {
		out[l.Recipient().String()+"\x00"+l.Component()+"\x00"+l.Version()] = l.Amount()
	}
	return out
}

// Component budgets on the fast path equal the reference on every line.
func TestPropBudgetsEqualReference(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{budgets: true})
		txs := genTxs(t, p.Currency(), 16)
		got := mustEval(t, p, txs)
		ref, err := refEvaluate(p, genPeriod, genFacts(), txs)
		if err != nil {
			t.Fatal(err)
		}
		want := refBudgets(t, p, genPeriod, ref, txs)
		if d := gocmp.Diff(want, fastAmounts(got)); d != "" {
			t.Fatalf("budgets differ from the reference (-ref +fast):\n%s", d)
		}
	})
}

// A component's lines never sum to more than its budget, also under the
// plan's recipient cap and budget; a lowered line says so in its trace.
func TestPropBudgetsNeverExceeded(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{budgets: true, planLimits: true})
		r := mustEval(t, p, genTxs(t, p.Currency(), 16))
		for _, c := range p.spec.Components {
			if c.Budget == nil {
				continue
			}
			var sum decimal.Decimal
			for _, l := range r.Lines {
				if l.Component() != c.ID {
					continue
				}
				sum = sum.Add(l.Amount())
				tr := l.Trace()
				if tr.Rounded.Cmp(l.Amount()) > 0 && !slices.ContainsFunc(tr.Limits, func(s LimitStep) bool { return s.Kind != ComponentFloor && s.Kind != ComponentCap }) {
					t.Fatalf("%v lowered without a limit step: %s", l.Recipient(), tr.Sentence())
				}
			}
			if sum.Cmp(c.Budget.Amount) > 0 {
				t.Fatalf("component %s pays %s, budget %s", c.ID, sum, c.Budget.Amount)
			}
		}
	})
}

// spifPlan is a first-come SPIF paying 1.00 per deal from a budget, and
// a pro-rata SPIF paying 10% of revenue, to reps.
func spifPlan(t testing.TB, fc, pr string) Plan {
	t.Helper()
	p, err := ParsePlan([]byte(fmt.Sprintf(`{"id":"s","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"deals","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"events",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","price":"1"}]},
	  "budget":{"amount":%q,"exhaustion":"first-come"}},
	 {"id":"rev","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"10%%"}]},
	  "budget":{"amount":%q,"exhaustion":"pro-rata"}}]}`, fc, pr)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Many claims (past the compaction threshold, several compactions, in
// shards and through JSON partials) grant exactly what the reference
// grants; the book keeps only the claims that can still reach the budget.
func TestFirstComeCompaction(t *testing.T) {
	p := spifPlan(t, "3000.00", "1000")
	const n = 3*compactAt + 17
	txs := make([]Transaction, n)
	for i := range txs {
		// Days and IDs in an order unrelated to the input order.
		k := (i * 7919) % n
		txs[i] = Transaction{ID: fmt.Sprintf("t%05d", k), Date: genPeriod.Start.Add(time.Duration(k%90) * 24 * time.Hour),
			Kind: Sale, PartnerID: "p", RepID: fmt.Sprintf("r%d", k%7), Amount: money.New(decimal.New(int64(100+k%50), 0), money.MustCurrency("USD"))}
	}
	whole := mustEvalT(t, p, txs)
	ref, err := refEvaluate(p, genPeriod, nil, txs)
	if err != nil {
		t.Fatal(err)
	}
	want := refBudgets(t, p, genPeriod, ref, txs)
	if d := gocmp.Diff(want, fastAmounts(whole)); d != "" {
		t.Fatalf("(-ref +fast):\n%s", d)
	}
	var deals decimal.Decimal
	for _, l := range whole.Lines {
		if l.Component() == "deals" {
			deals = deals.Add(l.Amount())
		}
	}
	if !deals.Equal(decimal.New(3000, 0)) { // n = 12,305 deals × 1.00 > 3,000.00: the budget is spent exactly
		t.Fatalf("deals pay %s, want 3000", deals)
	}
	a, _ := NewAccumulator(p, genPeriod)
	if err := a.AddAll(slices.Values(txs)); err != nil {
		t.Fatal(err)
	}
	if k := len(a.books[0].claims); k > 2*compactAt {
		t.Fatalf("book keeps %d claims", k)
	}
	// Three shards through JSON.
	j, _ := NewAccumulator(p, genPeriod)
	for s := range 3 {
		sh, _ := NewAccumulator(p, genPeriod)
		for i := s; i < n; i += 3 {
			if err := sh.Add(txs[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := addThroughJSON(j, sh); err != nil {
			t.Fatal(err)
		}
	}
	got, err := j.Result(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(whole) {
		t.Fatalf("JSON shards differ:\n%s", gocmp.Diff(fastAmounts(whole), fastAmounts(got)))
	}
}

// addThroughJSON adds src's Partial to dst through its JSON form.
func addThroughJSON(dst, src *Accumulator) error {
	b, err := src.Partial().MarshalJSON()
	if err != nil {
		return err
	}
	part, err := ParsePartial(b)
	if err != nil {
		return err
	}
	return dst.AddPartial(part)
}

func mustEvalT(t testing.TB, p Plan, txs []Transaction) Result {
	t.Helper()
	r, err := Evaluate(p, genPeriod, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Claims in a partial that do not fit the plan or period are rejected at
// their path, and the accumulator is unchanged.
func TestPartialClaimsRejected(t *testing.T) {
	p := spifPlan(t, "10", "10")
	ok := PartialClaim{Recipient: Recipient{RecipientRep, "r1"}, Component: "deals", Version: "1", Transaction: "t1",
		Date: genPeriod.Start, Measure: decimal.New(1, 0)}
	cases := map[string]struct {
		edit func(*PartialClaim)
		path string
	}{
		"unknown component": {func(c *PartialClaim) { c.Component = "rev" }, "/claims/0/component"},
		"wrong kind":        {func(c *PartialClaim) { c.Recipient.Kind = RecipientPartner }, "/claims/0/recipient"},
		"outside period":    {func(c *PartialClaim) { c.Date = genPeriod.End }, "/claims/0/date"},
		"zero measure":      {func(c *PartialClaim) { c.Measure = decimal.Zero }, "/claims/0/measure"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			a, _ := NewAccumulator(p, genPeriod)
			c := ok
			tc.edit(&c)
			err := a.AddPartial(Partial{PlanHash: p.Hash(), Period: genPeriod.ID, Measures: []PartialMeasure{}, Claims: []PartialClaim{c}})
			var de *DataError
			if !errors.As(err, &de) || de.Path != tc.path || !errors.Is(err, ErrMismatch) {
				t.Fatalf("got %v, want a *DataError at %s", err, tc.path)
			}
			if len(a.books[0].claims) != 0 {
				t.Fatal("accumulator changed")
			}
		})
	}
}

// Invalid budgets are reported at their JSON Pointer, naming the
// component.
func TestBudgetSpecErrors(t *testing.T) {
	base := `{"id":"s","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"x","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":%q,
	  "schedule":%s%s,
	  "budget":%s}]}`
	flat := `{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"5%"}]}`
	two := `{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"5%"},{"from":"100","rate":"6%"}]}`
	cases := []struct {
		name, measure, sched, extra, budget, path string
		want                                      error
	}{
		{"amount absent", "revenue", flat, "", `{"exhaustion":"pro-rata"}`, "/components/0/budget/amount", ErrInvalid},
		{"negative", "revenue", flat, "", `{"amount":"-1","exhaustion":"pro-rata"}`, "/components/0/budget/amount", ErrInvalid},
		{"rule absent", "revenue", flat, "", `{"amount":"1"}`, "/components/0/budget/exhaustion", ErrEnum},
		{"growth first come", "growth-amount", flat, "", `{"amount":"1","exhaustion":"first-come"}`, "/components/0/measure", ErrInvalid},
		{"tiered first come", "revenue", two, "", `{"amount":"1","exhaustion":"first-come"}`, "/components/0/schedule/tiers", ErrInvalid},
		{"capped first come", "revenue", flat, `,"cap":"5"`, `{"amount":"1","exhaustion":"first-come"}`, "/components/0/cap", ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(fmt.Sprintf(base, tc.measure, tc.sched, tc.extra, tc.budget)))
			var pe *PlanError
			if !errors.As(err, &pe) || pe.Path != tc.path || !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want a *PlanError at %s", err, tc.path)
			}
			if !strings.HasPrefix(err.Error(), "incentive: ") {
				t.Fatalf("message %q", err)
			}
		})
	}
	// An unknown rule is an *EnumError at its pointer, with the nearest name.
	_, err := ParsePlan([]byte(fmt.Sprintf(base, "revenue", flat, "", `{"amount":"1","exhaustion":"pro_rata"}`)))
	var ee *EnumError
	if !errors.As(err, &ee) || ee.Suggestion != "pro-rata" {
		t.Fatalf("got %v, want an *EnumError suggesting pro-rata", err)
	}
}

// A budget is part of the plan hash and round-trips through MarshalJSON.
func TestBudgetHashAndRoundTrip(t *testing.T) {
	a, b := spifPlan(t, "10", "10"), spifPlan(t, "10.00", "10.0")
	if a.Hash() != b.Hash() {
		t.Fatal("numerically equal budgets hash differently")
	}
	if c := spifPlan(t, "11", "10"); c.Hash() == a.Hash() {
		t.Fatal("the budget amount is not in the hash")
	}
	js, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParsePlan(js)
	if err != nil || !back.Equal(a) || !back.Spec().Components[0].Budget.Equal(*a.Spec().Components[0].Budget) {
		t.Fatalf("round trip: %v\n%s", err, js)
	}
	// Spec returns a copy: editing it does not change the plan.
	s := a.Spec()
	s.Components[0].Budget.Amount = decimal.New(99, 0)
	if !a.Spec().Components[0].Budget.Amount.Equal(decimal.New(10, 0)) {
		t.Fatal("Spec shares the budget")
	}
}

// BenchmarkFirstComeSPIF measures the per-line loop of a plan with a
// first-come budget (every sale claims) and a pro-rata one: the claims
// are appended to a book that compaction keeps at most 2 × compactAt
// long, so allocations per line stay amortised near zero.
func BenchmarkFirstComeSPIF(b *testing.B) {
	p := spifPlan(b, "3000.00", "1000")
	const n = 100_000
	txs := make([]Transaction, n)
	for i := range txs {
		txs[i] = Transaction{ID: fmt.Sprintf("t%06d", i), Date: genPeriod.Start.Add(time.Duration(i%90) * 24 * time.Hour),
			Kind: Sale, PartnerID: "p", RepID: fmt.Sprintf("r%d", i%1000), Amount: money.New(decimal.New(int64(100+i%50), 0), money.MustCurrency("USD"))}
	}
	a, _ := NewAccumulator(p, genPeriod)
	if err := a.AddAll(slices.Values(txs)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := a.AddAll(slices.Values(txs)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/line")
}
