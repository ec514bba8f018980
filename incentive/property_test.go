package incentive

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func mustEval(t *rapid.T, p Plan, txs []Transaction) Result {
	r, err := Evaluate(p, genPeriod, genFacts(), slices.Values(txs))
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return r
}

// The fast path (int64 with decimal spill) equals the all-decimal
// reference on every line: measure, tier, rate, schedule payout, exact
// payout and rounded amount.
func TestPropFastEqualsReference(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{})
		txs := genTxs(t, p.Currency(), 12)
		got := mustEval(t, p, txs)
		want, err := refEvaluate(p, genPeriod, genFacts(), txs)
		if err != nil {
			t.Fatalf("reference: %v", err)
		}
		if fast := asRef(got); !slices.EqualFunc(want, fast, refLine.equal) {
			d := cmp.Diff(want, fast, cmpopts.EquateEmpty())
			t.Fatalf("fast path differs from reference (-ref +fast):\n%s", d)
		}
	})
}

// The result does not depend on transaction order.
func TestPropOrderIndependence(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{planLimits: true, budgets: true})
		txs := genTxs(t, p.Currency(), 12)
		a := mustEval(t, p, txs)
		b := mustEval(t, p, rapid.Permutation(txs).Draw(t, "perm"))
		if !a.Equal(b) {
			t.Fatalf("order changed the result:\n%s", cmp.Diff(a, b))
		}
	})
}

// Shards merged (in memory, and as JSON partials) equal the whole.
func TestPropShardsMerge(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{planLimits: true, budgets: true})
		txs := genTxs(t, p.Currency(), 12)
		whole := mustEval(t, p, txs)
		k := rapid.IntRange(1, 3).Draw(t, "shards")
		shards := make([]*Accumulator, k)
		for i := range shards {
			shards[i], _ = NewAccumulator(p, genPeriod)
		}
		for i, tx := range txs {
			s := rapid.IntRange(0, k-1).Draw(t, "shard")
			_ = i
			if err := shards[s].Add(tx); err != nil {
				t.Fatal(err)
			}
		}
		// In memory.
		m, _ := NewAccumulator(p, genPeriod)
		for _, s := range shards {
			if err := m.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		got, err := m.Result(genFacts())
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(whole) {
			t.Fatalf("merged shards differ:\n%s", cmp.Diff(whole, got))
		}
		// Through JSON (in a quarter of the cases, to keep the suite fast).
		if rapid.IntRange(0, 3).Draw(t, "json") != 0 {
			return
		}
		j, _ := NewAccumulator(p, genPeriod)
		for _, s := range slices.Backward(shards) {
			if err := addThroughJSON(j, s); err != nil {
				t.Fatal(err)
			}
		}
		got, err = j.Result(genFacts())
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(whole) {
			t.Fatalf("JSON partials differ:\n%s", cmp.Diff(whole, got))
		}
	})
}

// Lines sum exactly to the period totals, each line is rounded to the
// plan's places, and the plan's recipient cap and budget hold.
func TestPropLinesSumToTotals(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{planLimits: true})
		r := mustEval(t, p, genTxs(t, p.Currency(), 12))
		_, places := p.Rounding()
		var sum decimal.Decimal
		recs := map[Recipient]decimal.Decimal{}
		for _, l := range r.Lines {
			if l.Amount().Exponent() < -places && !l.Amount().Equal(l.Amount().Truncate(places)) {
				t.Fatalf("line %v not rounded to %d places: %s", l.Recipient(), places, l.Amount())
			}
			sum = sum.Add(l.Amount())
			recs[l.Recipient()] = recs[l.Recipient()].Add(l.Amount())
		}
		if !sum.Equal(r.Total()) {
			t.Fatalf("Σ lines %s ≠ total %s", sum, r.Total())
		}
		var bySum decimal.Decimal
		for rec, v := range recs {
			if !v.Equal(r.TotalFor(rec)) {
				t.Fatalf("TotalFor(%v) = %s, Σ = %s", rec, r.TotalFor(rec), v)
			}
			bySum = bySum.Add(v)
			if c := p.spec.RecipientCap; c != nil && v.Cmp(*c) > 0 && p.spec.Budget == nil {
				t.Fatalf("recipient %v total %s above cap %s", rec, v, c)
			}
		}
		if !bySum.Equal(sum) {
			t.Fatalf("Σ recipients %s ≠ Σ lines %s", bySum, sum)
		}
		if b := p.spec.Budget; b != nil && sum.Cmp(*b) > 0 {
			t.Fatalf("total %s above budget %s", sum, b)
		}
	})
}

// A sale followed by its full return nets to zero: the measure is zero,
// and the payout is what a zero measure pays.
func TestPropSaleAndReturnNetToZero(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{zeroAtZero: true})
		var txs []Transaction
		for _, s := range genTxs(t, p.Currency(), 8) {
			if s.Kind != Sale {
				continue
			}
			r := s
			r.ID, r.Kind = s.ID+"-ret", Return
			r.Amount, r.Units = s.Amount.Neg(), s.Units.Neg()
			txs = append(txs, s, r)
		}
		// The generator's zeroAtZero plans pay F(0) = 0 (no floor, no
		// flat amount at 0, no growth or accelerator).
		for i, l := range mustEval(t, p, txs).Lines {
			if !l.Measure().IsZero() || !l.Amount().IsZero() {
				t.Fatalf("line %d: measure %s amount %s, want 0 and 0", i, l.Measure(), l.Amount())
			}
		}
	})
}

// Accruals (on actuals to date or on forecasts) trued up by the final
// actuals sum to the final entitlement; settlements over several runs pay
// it exactly once; clawbacks never exceed what was paid.
func TestPropTrueUpsSumToEntitlement(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genOpts{})
		txs := genTxs(t, p.Currency(), 12)
		var l Ledger
		runs := []string{"2025-07", "2025-08", "2025-09", "2025-10"}
		cut := 0
		for ri, run := range runs[:3] {
			cut = rapid.IntRange(cut, len(txs)).Draw(t, "cut")
			actual := mustEval(t, p, txs[:cut])
			est := EstimateActuals(actual)
			if rapid.Bool().Draw(t, "forecast") {
				fc := Forecast{}
				for _, ln := range actual.Lines {
					if fc[ln.Recipient()] == nil {
						fc[ln.Recipient()] = map[string]decimal.Decimal{}
					}
					fc[ln.Recipient()][ln.Component()] = ln.Measure().Mul(decimal.New(int64(3-ri), 0))
				}
				var err error
				if est, err = EstimateForecast(p, actual, genFacts(), fc); err != nil {
					t.Fatal(err)
				}
			}
			var err error
			if l, _, err = l.Accrue(run, genPeriod.ID, est); err != nil {
				t.Fatal(err)
			}
			if rapid.Bool().Draw(t, "settle") {
				if l, _, err = l.Settle(run, actual); err != nil {
					t.Fatal(err)
				}
			}
		}
		final := mustEval(t, p, txs)
		var err error
		if l, _, err = l.Accrue(runs[3], genPeriod.ID, EstimateActuals(final)); err != nil {
			t.Fatal(err)
		}
		if l, _, err = l.Settle(runs[3], final); err != nil {
			t.Fatal(err)
		}
		if _, _, err := l.Settle(runs[0], final); err == nil {
			t.Fatal("settling a closed run succeeded")
		}
		want := map[posKey]decimal.Decimal{}
		for _, ln := range final.Lines {
			k := posKey{genPeriod.ID, ln.Recipient(), ln.Component()}
			want[k] = want[k].Add(ln.Amount())
		}
		acc, set := map[posKey]decimal.Decimal{}, map[posKey]decimal.Decimal{}
		for _, e := range l.Entries() {
			k := posKey{e.Window, e.Recipient, e.Component}
			switch e.Kind {
			case Accrual:
				acc[k] = acc[k].Add(e.Amount)
			case Settlement:
				set[k] = set[k].Add(e.Amount)
			case Clawback, EntryUnspecified:
			}
		}
		for _, m := range []map[posKey]decimal.Decimal{acc, set} {
			for k, v := range m {
				if !v.Equal(want[k]) {
					t.Fatalf("%v: booked %s, entitlement %s", k, v, want[k])
				}
			}
			for k, v := range want {
				if !v.IsZero() && !m[k].Equal(v) {
					t.Fatalf("%v: booked %s, entitlement %s", k, m[k], v)
				}
			}
		}
		// Returns after settlement: clawed back, never more than paid.
		var rets []Transaction
		for _, tx := range txs {
			if tx.Kind == Sale && rapid.Bool().Draw(t, "return") {
				r := tx
				r.Kind, r.Amount, r.Units, r.Corrects = Return, tx.Amount.Neg(), tx.Units.Neg(), genPeriod.ID
				rets = append(rets, r)
			}
		}
		for _, run := range []string{"2025-11", "2025-12"} {
			if l, _, err = l.Clawback(run, p, slices.Values(rets)); err != nil {
				t.Fatal(err)
			}
		}
		for k := range want {
			pos := l.Position(k.window, k.recipient, k.component)
			if pos.ClawedBack.Sign() < 0 || pos.Paid().Sign() < 0 && pos.Settled.Sign() > 0 {
				t.Fatalf("%v: clawed back %s of %s settled", k, pos.ClawedBack, pos.Settled)
			}
		}
	})
}

// The accumulator's period check (precomputed Unix instants) is exactly
// Period.Contains, at the bounds to the nanosecond, in any time zone, and
// with bounds that carry monotonic clock readings.
func TestPropInPeriod(t *testing.T) {
	t.Parallel()
	zones := []*time.Location{time.UTC, time.FixedZone("east", 5*3600+1800), time.FixedZone("west", -8*3600)}
	now := time.Now() // a monotonic reading (tests only)
	plan := MustParsePlan(benchPlan)
	rapid.Check(t, func(t *rapid.T) {
		var start time.Time
		if rapid.IntRange(0, 9).Draw(t, "monotonic") == 0 {
			start = now.Add(time.Duration(rapid.Int64Range(-1e12, 1e12).Draw(t, "offset")))
		} else {
			start = time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "start"), rapid.Int64Range(0, 999999999).Draw(t, "start ns")).
				In(rapid.SampledFrom(zones).Draw(t, "zone"))
		}
		end := start.Add(time.Duration(rapid.Int64Range(0, 1e15).Draw(t, "length")))
		per := Period{ID: "p", Start: start, End: end}
		a, err := NewAccumulator(plan, per)
		if err != nil {
			t.Skip("period rejected")
		}
		bound := rapid.SampledFrom([]time.Time{start, end, start.Round(0), end.Round(0)}).Draw(t, "near")
		d := bound.Add(time.Duration(rapid.Int64Range(-2e9, 2e9).Draw(t, "delta"))).In(rapid.SampledFrom(zones).Draw(t, "tx zone"))
		if got, want := a.inPeriod(d), per.Contains(d); got != want {
			t.Fatalf("inPeriod(%v) = %v, Contains = %v (period %v – %v)", d, got, want, start, end)
		}
	})
}
