// Package proptest sets the number of property-test cases for the
// repository's rapid properties. A package's tests call Main from TestMain:
//
//	func TestMain(m *testing.M) { proptest.Main(m) }
//
// Unless -rapid.checks is given on the command line, every rapid property
// then runs Checks cases (10,000): the count the project promises in CI.
// `go test -short` lowers it to ShortChecks for quick local runs.
package proptest

import (
	"flag"
	"os"
	"strconv"
	"testing"

	_ "pgregory.net/rapid" // registers the -rapid.checks flag
)

// Checks is the default number of cases per property.
const Checks = 10000

// ShortChecks is the number of cases per property under -short.
const ShortChecks = 500

// Main parses flags, sets -rapid.checks to Checks (or ShortChecks with
// -short) unless it was given explicitly, and runs the tests.
func Main(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) {
		if f.Name == "rapid.checks" {
			given = true
		}
	})
	if !given {
		n := Checks
		if testing.Short() {
			n = ShortChecks
		}
		if err := flag.Set("rapid.checks", strconv.Itoa(n)); err != nil {
			panic(err) //lint:allow panic test harness misconfiguration
		}
	}
	os.Exit(m.Run())
}
