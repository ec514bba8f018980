// Package proptest sets the number of property-test cases for the
// repository's rapid properties, and draws the values several packages'
// properties share. A package's tests call Main from TestMain:
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
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid" // also registers the -rapid.checks flag
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

// Decimal draws a decimal with an exponent in [minExp, maxExp] and a
// coefficient that is small (with trailing zeros), any int64, next to
// 10^17, 10^18 or the int64 bounds, or of 19 to 25 digits (beyond int64):
// the cases where code with an int64 path and a big one can differ.
func Decimal(t *rapid.T, minExp, maxExp int32) decimal.Decimal {
	exp := rapid.Int32Range(minExp, maxExp).Draw(t, "exp")
	var c int64
	switch rapid.IntRange(0, 4).Draw(t, "kind") {
	case 0:
		c = rapid.Int64Range(-1000, 1000).Draw(t, "c") * []int64{1, 10, 1000, 1e9}[rapid.IntRange(0, 3).Draw(t, "zeros")]
	case 1:
		c = rapid.Int64().Draw(t, "c")
	case 2:
		c = []int64{1e17, 1e18, math.MaxInt64}[rapid.IntRange(0, 2).Draw(t, "near")] + rapid.Int64Range(-3, 0).Draw(t, "delta")
		if rapid.Bool().Draw(t, "neg") {
			c = -c
		}
	case 3:
		c = rapid.Int64Range(-999_999_999_999_999_999, 999_999_999_999_999_999).Draw(t, "c")
	default:
		digits := rapid.StringOfN(rapid.SampledFrom([]rune("0123456789")), 18, 24, -1).Draw(t, "digits")
		zeros := strings.Repeat("0", rapid.IntRange(0, 3).Draw(t, "trailing zeros"))
		sign := rapid.SampledFrom([]string{"", "-"}).Draw(t, "sign")
		return decimal.RequireFromString(sign + "9" + digits[len(zeros):] + zeros).Shift(exp)
	}
	return decimal.New(c, exp)
}
