package lintconfig_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/partnerecon/partnerecon/tools/lintconfig"
)

// TestExhaustive checks partnerlint's exhaustive settings: a default case
// does not make a switch over a project enum exhaustive, //exhaustive:ignore
// does, and switches over other modules' enums and in _test.go files are not
// checked.
func TestExhaustive(t *testing.T) {
	a, err := lintconfig.Exhaustive()
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "github.com/partnerecon/partnerecon/enums")
}
