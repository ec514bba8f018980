package houserules_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/partnerecon/partnerecon/tools/houserules"
)

// TestRules runs the analyzer over one testdata package per rule. Each
// package holds positive cases (lines with a // want comment, which must get
// exactly that diagnostic) and negative cases (every other line, which must
// get none), including the rule's escape hatch where it has one.
func TestRules(t *testing.T) {
	rules := map[string]string{}
	var pkgs []string
	for _, tc := range []struct {
		pkg  string
		rule string // category every diagnostic must have ("" for none expected)
	}{
		{"floatrule", "float"},             // rule 1, with //lint:allow float
		{"decimalapi", "decimal|float"},    // rule 2 (Float64 also returns a float)
		{"decimalglobal", "decimalglobal"}, // rule 3
		{"clock", "clock"},                 // rule 4
		{"ioprint", "io"},                  // rule 5: I/O imports and printing
		{"randrule", "rand"},               // rule 5: unseeded randomness
		{"global", "global"},               // rule 6, with //lint:allow global
		{"panics", "panic"},                // rule 7, with //lint:allow panic
		{"decimaleq", "decimaleq"},         // rule 8: == on values holding decimals
		{"omitzero", "omitzero"},           // rule 9: omitzero on a pointer to a type with IsZero
		{"directive", "directive|float"},   // malformed //lint:allow comments
		{"generated", "global"},            // generated files are skipped, others are not
		{"clean", ""},                      // follows every rule

		// Not library code: every rule is broken and nothing is reported.
		{"testsonly", ""}, // _test.go files, in-package and external
		{"examples/demo", ""},
		{"github.com/partnerecon/partnerecon/internal/proptest", ""},
		{"mainpkg", ""},
	} {
		rules[tc.pkg] = tc.rule
		pkgs = append(pkgs, tc.pkg)
	}
	// One Run for all packages, so that the standard library is loaded and
	// type-checked once (from source: this dominates the test's time).
	results := analysistest.Run(t, analysistest.TestData(), houserules.Analyzer, pkgs...)
	count := map[string]int{}
	for _, r := range results {
		pkg := r.Pass.Pkg.Path()
		rule, ok := rules[pkg]
		if !ok {
			continue // a dependency, such as the decimal stand-in
		}
		for _, d := range r.Diagnostics {
			count[pkg]++
			if !strings.HasPrefix(d.Message, "houserules: ") {
				t.Errorf("%s: message %q does not start with %q", pkg, d.Message, "houserules: ")
			}
			if !strings.Contains("|"+rule+"|", "|"+d.Category+"|") {
				t.Errorf("%s: diagnostic %q has category %q, want %q", pkg, d.Message, d.Category, rule)
			}
		}
	}
	for _, pkg := range pkgs {
		if rules[pkg] != "" && count[pkg] == 0 {
			t.Errorf("%s: no diagnostics, want some of rule %q", pkg, rules[pkg])
		}
	}
}
