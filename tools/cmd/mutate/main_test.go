package main

import (
	"path/filepath"
	"testing"
	"time"
)

// TestFixture runs mutate on testdata/mod/p, whose tests were written to
// kill some mutants and spare others; every verdict below is worked out by
// hand from p.go and p_test.go.
func TestFixture(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the fixture's tests (about 10 s)")
	}
	root, err := filepath.Abs("testdata/mod")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config{
		short:   true,
		workers: 2,
		timeout: time.Minute,
		root:    root,
		// Clamp(x, 0, 10) at x = 0 returns 0 with < or <=: listed as
		// equivalent, it is left out of the efficacy.
		equiv: map[string]bool{
			"p/p.go:10:7 CONDITIONALS_BOUNDARY": true,
			// Stale: that mutant is killed.
			"p/p.go:10:7 CONDITIONALS_NEGATION": true,
			// Another package's entry.
			"q/p.go:13:7 CONDITIONALS_BOUNDARY": true,
		},
	}
	muts, eff, err := runPackage(cfg, "./p")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	fallback := 0
	for _, m := range muts {
		got[m.key()] = m.status
		if m.site.fallback && m.status != "NOT VIABLE" {
			fallback++
		}
	}
	want := map[string]string{
		// const K = 2 - 1: K = 3 makes Neg(3) = -9.
		"p.go:6:13 ARITHMETIC_BASE": "KILLED",
		// x < lo: Clamp(5, 0, 10) returns 0 with >=; <= changes nothing
		// at the tested points.
		"p.go:10:7 CONDITIONALS_BOUNDARY": "LIVED (equivalent)",
		"p.go:10:7 CONDITIONALS_NEGATION": "KILLED",
		// x > hi: Clamp(5, 0, 10) returns 10 with <=.
		"p.go:13:7 CONDITIONALS_BOUNDARY": "LIVED",
		"p.go:13:7 CONDITIONALS_NEGATION": "KILLED",
		// i <= len(xs) reads xs[3]; i >= len(xs) sums nothing; i-- reads
		// xs[-1].
		"p.go:22:16 CONDITIONALS_BOUNDARY": "KILLED",
		"p.go:22:16 CONDITIONALS_NEGATION": "KILLED",
		"p.go:22:28 INCREMENT_DECREMENT":   "KILLED",
		// -x * K: x * K = 3; -x / K = -3, as K = 1.
		"p.go:30:9 INVERT_NEGATIVES": "KILLED",
		"p.go:30:12 ARITHMETIC_BASE": "LIVED",
		// s + "!": a string has no minus.
		"p.go:35:11 ARITHMETIC_BASE": "NOT VIABLE",
		// Unused is never called.
		"p.go:40:11 ARITHMETIC_BASE": "NOT COVERED",
		// case n > 0 (in no coverage block): Kind(1) is "other" with <=;
		// Kind(0) is "positive" with >=, asked by TestKindZero, which skips
		// itself under -short: the full pass adds it.
		"p.go:46:9 CONDITIONALS_BOUNDARY": "KILLED",
		"p.go:46:9 CONDITIONALS_NEGATION": "KILLED",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected mutant %s: %s", k, g)
		}
	}
	// 9 killed, 2 lived: 9 / 11.
	if want := 100 * 9.0 / 11; eff != want {
		t.Errorf("efficacy %.4f, want %.4f", eff, want)
	}
	if stale := staleEquivalents(cfg.equiv, "p", muts); len(stale) != 1 || stale[0] != "p/p.go:10:7 CONDITIONALS_NEGATION" {
		t.Errorf("stale entries %q, want the killed p.go:10:7 negation only", stale)
	}
	if fallback != 1 {
		t.Errorf("%d mutants compiled on their own, want 1 (const K)", fallback)
	}
}
