package proptest

import (
	"os"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestMain(m *testing.M) { Main(m) }

// A property really runs Checks cases (RaceChecks under -race, ShortChecks
// under -short): counted,
// not read back from the flag, so that rapid's own scaling under -short
// (it divides by 5) is part of what is checked.
func TestPropertyRunsPromisedCases(t *testing.T) {
	// Main sets the flag itself, so flag.Visit cannot tell whether the
	// command line gave it: the arguments can.
	given := false
	for _, a := range os.Args[1:] {
		given = given || strings.HasPrefix(strings.TrimLeft(a, "-"), "rapid.checks")
	}
	if given {
		t.Skip("-rapid.checks given on the command line")
	}
	n := 0
	rapid.Check(t, func(t *rapid.T) {
		_ = rapid.Int().Draw(t, "x")
		n++
	})
	want := Checks
	if raceBuild {
		want = RaceChecks
	}
	if testing.Short() {
		want = ShortChecks
	}
	if n != want {
		t.Fatalf("property ran %d cases, want %d", n, want)
	}
}
