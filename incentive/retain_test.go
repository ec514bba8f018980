package incentive

import (
	"runtime"
	"testing"
	"weak"

	"pgregory.net/rapid"
)

// TestResultDoesNotKeepAccumulator: once the host drops an accumulator,
// the Result it returned does not keep it alive (its recipient tables
// are collected), and the Result's lines still explain themselves: on 40
// generated plans of every kind (compact lines, lines with their own
// calculation, team and attainment lines) and the benchmark plan.
func TestResultDoesNotKeepAccumulator(t *testing.T) {
	var compact, own, team int
	for seed := range 41 {
		p, txs := MustParsePlan(benchPlan), []Transaction(nil)
		if seed < 40 {
			p = rapid.Custom(func(t *rapid.T) Plan { return genPlanFresh(t, genAnyOpts(t)) }).Example(seed)
		}
		txs = rapid.Custom(func(t *rapid.T) []Transaction { return genTxs(t, p.Currency(), 12) }).Example(seed)
		a, err := NewAccumulator(p, genPeriod)
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range txs {
			_ = a.Add(tx) // a rejected transaction adds nothing
		}
		r, err := a.Result(genFacts())
		if err != nil {
			continue
		}
		gone := weak.Make(a)
		a = nil // dropped, as the host would
		runtime.GC()
		if gone.Value() != nil {
			t.Fatalf("seed %d: the accumulator outlives its dropping while its Result (%d lines) is kept", seed, len(r.Lines))
		}
		for _, l := range r.Lines {
			switch {
			case l.calc.team != nil:
				team++
			case l.calc.compact:
				compact++
			default:
				own++
			}
			if tr := l.Trace(); tr.Sentence() == "" || !tr.Amount.Equal(l.Amount()) {
				t.Fatalf("seed %d: line %s %s does not explain itself after the accumulator is gone", seed, l.Recipient(), l.Component())
			}
		}
	}
	if compact == 0 || own == 0 || team == 0 {
		t.Errorf("lines: %d compact, %d with their own calculation, %d of teams: each kind must occur", compact, own, team)
	}
}
