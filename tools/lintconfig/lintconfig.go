// Package lintconfig holds the configuration that partnerlint applies to the
// third-party analyzers it runs. It is separate from the command so that its
// test does not have to build staticcheck.
package lintconfig

import (
	"fmt"
	"strings"

	"github.com/nishanths/exhaustive/passes/exhaustive"
	"golang.org/x/tools/go/analysis"
)

// ExhaustiveTypes is the -exhaustive.typeonly pattern: only the project's own
// enum types are checked (STYLE.md rule 8); a switch over a dependency's enum
// (jsontext.Kind, reflect.Kind, time.Month) may rely on default.
const ExhaustiveTypes = `^github\.com/partnerecon/partnerecon[./]`

// Exhaustive configures and returns the exhaustive analyzer:
//   - -check=switch: expression switches over enum types are checked;
//   - -d=false: a default case does not make a switch exhaustive, so every
//     switch lists every constant; an intentionally partial switch says so
//     with an //exhaustive:ignore comment (the directive takes no arguments:
//     give the reason in a comment above it);
//   - -typeonly=ExhaustiveTypes;
//   - diagnostics in _test.go files are dropped: the rule is about library
//     code.
//
// The flags stay overridable on the partnerlint command line as
// -exhaustive.NAME=VALUE.
func Exhaustive() (*analysis.Analyzer, error) {
	a := exhaustive.Analyzer
	for _, f := range [][2]string{
		{"check", "switch"},
		{"d", "false"},
		{"typeonly", ExhaustiveTypes},
	} {
		if err := a.Flags.Set(f[0], f[1]); err != nil {
			return nil, fmt.Errorf("exhaustive flag -%s: %v", f[0], err)
		}
	}
	req, err := exhaustive.Requires(a.Flags.Lookup("check").Value.String())
	if err != nil {
		return nil, err
	}
	a.Requires = req
	return Prefixed(a, true), nil
}

// Prefixed makes a's diagnostics start with its name ("SA4006: ...",
// "exhaustive: ..."), so that a finding in the plain-text output says which
// check produced it. With libraryOnly, it drops a's diagnostics in _test.go
// files. It modifies and returns a.
func Prefixed(a *analysis.Analyzer, libraryOnly bool) *analysis.Analyzer {
	run := a.Run
	prefix := a.Name + ": "
	a.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if libraryOnly && strings.HasSuffix(pass.Fset.Position(d.Pos).Filename, "_test.go") {
				return
			}
			if !strings.HasPrefix(d.Message, prefix) {
				d.Message = prefix + d.Message
			}
			report(d)
		}
		return run(pass)
	}
	return a
}
