// Command tour walks through partnerecon on a small embedded data set and
// prints a readable report: the shared money vocabulary, then one chapter
// per package. Run it with
//
//	go run ./examples/tour
//
// Its output is pinned by a golden-file test (tour_test.go), so the tour
// cannot rot: regenerate the file with `go test ./examples/tour -update`
// after an intended change.
package main

import (
	"fmt"
	"io"
	"os"
)

// chapter is one section of the tour.
type chapter struct {
	title string
	run   func(io.Writer) error
}

func chapters() []chapter {
	return []chapter{
		{"Money: exact amounts, rates, rounding and allocation", moneyChapter},
		{"Capacity: do I have the right number of partners?", capacityChapter},
		{"Tier schedules: all-units, incremental, cliffs and the watchlist", tierChapter},
		{"Incentives: a rebate plan, payouts with traces, accruals and true-ups", incentiveChapter},
		{"Incentive programmes: gates, SPIF budgets, team awards, statements, draws, behaviour rewards", programmesChapter},
		{"Deal registration: protection, lifecycle, leads", dealregChapter},
		{"MDF and co-op: funds, claims, proof of performance, returns, attribution", mdfChapter},
		{"Loyalty: engagement scores, tiers with hysteresis, leaderboards", loyaltyChapter},
		{"Margin: is the partner's business profitable?", marginChapter},
		{"Before a plan pays: lint and simulation", analysisChapter},
	}
}

func run(w io.Writer) error {
	fmt.Fprintln(w, "partnerecon tour — channel programme economics, exact to the cent")
	for i, c := range chapters() {
		fmt.Fprintf(w, "\n%d. %s\n", i+1, c.title)
		if err := c.run(w); err != nil {
			return fmt.Errorf("chapter %d (%s): %w", i+1, c.title, err)
		}
	}
	return nil
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tour:", err)
		os.Exit(1)
	}
}
