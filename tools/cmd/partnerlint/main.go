// Command partnerlint runs the partnerecon linters: the house rules
// (package houserules), exhaustive switches over the project's enums
// (github.com/nishanths/exhaustive, configured by package lintconfig) and the
// staticcheck SA and simple S1 checks that staticcheck enables by default
// (honnef.co/go/tools).
//
// Usage, from the repository root:
//
//	partnerlint [flags] packages...
//
// for example `partnerlint $(go list ./... | grep -v /examples/)`; .ci/run
// does exactly this. It exits 0 when there is nothing to report, 3 when it
// reported diagnostics and 1 when packages failed to load or type-check.
// Run `partnerlint help` for the analyzers and their flags.
//
// Every diagnostic message starts with the name of the check that reported
// it ("houserules: ...", "exhaustive: ...", "SA4006: ...").
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"honnef.co/go/tools/analysis/lint"
	"honnef.co/go/tools/simple"
	"honnef.co/go/tools/staticcheck"

	"github.com/partnerecon/partnerecon/tools/houserules"
	"github.com/partnerecon/partnerecon/tools/lintconfig"
)

func main() {
	exhaustive, err := lintconfig.Exhaustive()
	if err != nil {
		fmt.Fprintln(os.Stderr, "partnerlint:", err)
		os.Exit(2)
	}
	analyzers := []*analysis.Analyzer{houserules.Analyzer, exhaustive}
	for _, set := range [][]*lint.Analyzer{staticcheck.Analyzers, simple.Analyzers} {
		for _, a := range set {
			if a.Doc != nil && a.Doc.NonDefault {
				continue // staticcheck does not run these unless asked
			}
			analyzers = append(analyzers, lintconfig.Prefixed(a.Analyzer, false))
		}
	}
	multichecker.Main(analyzers...)
}
