// Package proptest sets the number of property-test cases for the
// repository's rapid properties. A package's tests call Main from TestMain:
//
//	func TestMain(m *testing.M) { proptest.Main(m) }
//
// Unless -rapid.checks is given on the command line, every rapid property
// then runs Checks cases (10,000): the count the project promises in CI.
// Under the race detector (go test -race) it runs RaceChecks (1,000): the
// detector looks for unsynchronised memory access, which does not depend
// on the values drawn, and slows the arithmetic of a property five- to
// eightfold, so CI runs the 10,000 cases without it and 1,000 with it.
// `go test -short` lowers either to ShortChecks (500) for quick local runs.
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

// RaceChecks is the number of cases per property in a -race build.
const RaceChecks = 1000

// ShortChecks is the number of cases per property under -short.
const ShortChecks = 500

// rapidShortDivisor is what rapid divides -rapid.checks by under -short
// (rapid v1.3 engine.go, checkTB: "if testing.Short() { checks /= 5 }").
const rapidShortDivisor = 5

// Main parses flags, sets -rapid.checks so that each property runs Checks
// cases (ShortChecks with -short) unless -rapid.checks was given
// explicitly, and runs the tests.
func Main(m *testing.M) {
	flag.Parse()
	if err := setChecks(); err != nil {
		panic(err) //lint:allow panic test harness misconfiguration
	}
	os.Exit(m.Run())
}

// setChecks sets -rapid.checks unless the command line gave it. Under
// -short rapid runs a fifth of -rapid.checks, so the flag is set to
// ShortChecks × 5 for ShortChecks cases.
func setChecks() error {
	given := false
	flag.Visit(func(f *flag.Flag) {
		if f.Name == "rapid.checks" {
			given = true
		}
	})
	if given {
		return nil
	}
	n := promised()
	if testing.Short() {
		n = ShortChecks * rapidShortDivisor
	}
	return flag.Set("rapid.checks", strconv.Itoa(n))
}

// promised is the number of cases per property without -short: Checks, or
// RaceChecks in a -race build.
func promised() int {
	if raceBuild {
		return RaceChecks
	}
	return Checks
}

// Race reports whether the test binary was built with -race, for tests
// too heavy to run under the race detector's memory and time overhead.
func Race() bool { return raceBuild }
