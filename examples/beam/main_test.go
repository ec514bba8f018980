package main

import (
	"strings"
	"testing"
)

// TestCombineExact: the CombineFn gives the single-process lines whatever
// the grouping of the partials (Beam may merge them in any order and
// tree), including amounts with sub-cent digits.
func TestCombineExact(t *testing.T) {
	job := Job{Plan: planJSON, PeriodID: "2025-Q3", From: "2025-07-01", Until: "2025-10-01"}
	plan, period, err := job.compile()
	if err != nil {
		t.Fatal(err)
	}
	data := Generate(400)
	want, _, err := singleProcess(plan, period, data)
	if err != nil {
		t.Fatal(err)
	}
	byPartner := map[string][]string{}
	var keys []string
	for line := range strings.SplitSeq(strings.TrimSuffix(string(data), "\n"), "\n") {
		k, _, err := keyByPartner(line)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := byPartner[k]; !ok {
			keys = append(keys, k)
		}
		byPartner[k] = append(byPartner[k], line)
	}
	var partials []string
	for _, k := range keys {
		lines := byPartner[k]
		i := 0
		next := func(s *string) bool {
			if i == len(lines) {
				return false
			}
			*s, i = lines[i], i+1
			return true
		}
		if err := (&evalFn{Job: job}).ProcessElement(k, next, func(p string) { partials = append(partials, p) }); err != nil {
			t.Fatal(err)
		}
	}
	f := &mergeFn{Job: job}
	// Left fold in order, and a right-leaning tree in reverse order.
	left := f.CreateAccumulator()
	for _, p := range partials {
		if left, err = f.AddInput(left, p); err != nil {
			t.Fatal(err)
		}
	}
	right := f.CreateAccumulator()
	for i := len(partials) - 1; i >= 0; i -= 2 {
		pair := partials[i]
		if i > 0 {
			if pair, err = f.MergeAccumulators(partials[i-1], pair); err != nil {
				t.Fatal(err)
			}
		}
		if right, err = f.MergeAccumulators(pair, right); err != nil {
			t.Fatal(err)
		}
	}
	for name, acc := range map[string]string{"left fold": left, "tree": right} {
		got, err := f.ExtractOutput(acc)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: lines differ from the single-process run:\n%s\nwant\n%s", name, got, want)
		}
	}
}

// TestParseRejects: hostile lines are errors naming the line, not panics.
func TestParseRejects(t *testing.T) {
	plan, _, err := Job{Plan: planJSON, PeriodID: "q", From: "2025-07-01", Until: "2025-10-01"}.compile()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"", "a,b", "t1,2025-13-01,p1,1.00", "t1,2025-07-01,p1,1e9", "t1,2025-07-01,p1,1.00 EUR", "\ufefft1,2025-07-01,p1,\x00"} {
		if _, err := parse(line, plan.Currency()); err == nil {
			t.Errorf("parse(%q) accepted", line)
		}
	}
}
