package houserules_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/partnerecon/partnerecon/tools/houserules"
)

// TestRules runs the analyzer over one testdata package per rule. Each
// package holds positive cases (lines with a // want comment) and negative
// cases (every other line, which must produce no diagnostic).
func TestRules(t *testing.T) {
	for _, pkg := range []string{
		"floatrule",     // rule 1: float, with the //lint:allow float escape hatch
		"decimalapi",    // rule 2: banned decimal.Decimal API
		"decimalglobal", // rule 3: shopspring package-level variables
		"clock",         // rule 4: clock reads and timers
		"ioprint",       // rule 5: I/O imports and printing
		"randrule",      // rule 5: unseeded randomness
		"global",        // rule 6: package-level vars, with the escape hatch
		"panics",        // rule 7: panics outside MustX, with the escape hatch
		"directive",     // malformed //lint:allow directives
		"generated",     // generated files are skipped, hand-written ones are not
		"clean",         // a package that follows every rule
	} {
		t.Run(pkg, func(t *testing.T) {
			analysistest.Run(t, analysistest.TestData(), houserules.Analyzer, pkg)
		})
	}
}

// TestSkipped checks that code which is not library code is not analysed:
// _test.go files (in-package and external tests), packages under examples/,
// internal/proptest and main packages. All of them break every rule, and none
// has a // want comment.
func TestSkipped(t *testing.T) {
	for _, pkg := range []string{
		"testsonly",
		"examples/demo",
		"github.com/partnerecon/partnerecon/internal/proptest",
		"mainpkg",
	} {
		t.Run(pkg, func(t *testing.T) {
			analysistest.Run(t, analysistest.TestData(), houserules.Analyzer, pkg)
		})
	}
}

// TestDiagnosticsNameTheRule checks that every diagnostic starts with the
// analyzer name and carries its rule as the category.
func TestDiagnosticsNameTheRule(t *testing.T) {
	rules := map[string]string{
		"floatrule": "float", "decimalapi": "decimal", "decimalglobal": "decimalglobal",
		"clock": "clock", "ioprint": "io", "randrule": "rand", "global": "global", "panics": "panic",
	}
	for pkg, rule := range rules {
		results := analysistest.Run(t, analysistest.TestData(), houserules.Analyzer, pkg)
		n := 0
		for _, r := range results {
			for _, d := range r.Diagnostics {
				if len(d.Message) < 12 || d.Message[:12] != "houserules: " {
					t.Errorf("%s: message %q does not start with %q", pkg, d.Message, "houserules: ")
				}
				if d.Category == rule {
					n++
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no diagnostic of rule %q", pkg, rule)
		}
	}
}
