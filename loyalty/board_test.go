package loyalty_test

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/loyalty"
)

func entries(kv ...string) []loyalty.RankEntry {
	var out []loyalty.RankEntry
	for i := 0; i+2 < len(kv)+1; i += 3 {
		out = append(out, loyalty.RankEntry{ID: kv[i], Segment: kv[i+1], Value: d(kv[i+2])})
	}
	return out
}

// Top 3 of six partners: bolt and core tie at 80 and share rank 2 (listed
// by id); the next partner is ranked 4, not 3. A tie at the cut lists
// every partner of the cut's rank. Percentile of core: 3 below, 2 equal,
// N = 6: (3 + 1) / 6 = 0.6667. The third row has rank 2, so dyno (rank
// 4) is not listed. Movement: previously core (88) led acme (85), so
// acme moves up one and core down one; bolt was 4th, now 2nd (+2).
func ExampleLeaderboard() {
	cur := entries("acme", "emea", "91", "bolt", "emea", "80", "core", "amer", "80.0", "dyno", "emea", "70", "eon", "amer", "12", "fox", "emea", "0")
	prev := entries("acme", "emea", "85", "core", "amer", "88", "fox", "emea", "50", "bolt", "emea", "40")
	b, _ := loyalty.Leaderboard(cur, prev, loyalty.BoardQuery{Top: 3})
	for _, r := range b.Rows {
		fmt.Println(r.Rank, r.ID, r.Value, r.Percentile, r.PreviousRank, r.Movement)
	}
	b, _ = loyalty.Leaderboard(cur, prev, loyalty.BoardQuery{Top: 2, Segment: "emea"})
	fmt.Println("emea of", b.Population)
	for _, r := range b.Rows {
		fmt.Println(r.Rank, r.ID, r.Percentile, r.Movement)
	}
	// Output:
	// 1 acme 91 0.9167 2 1
	// 2 bolt 80 0.6667 4 2
	// 2 core 80 0.6667 1 -1
	// emea of 4
	// 1 acme 0.875 0
	// 2 bolt 0.625 1
}

// TestLeaderboardOrderIndependent: the board does not depend on the
// order of entries; ranks are 1 + the number of strictly higher values
// (counted directly); rows are in rank order, then id. (Checked to fail
// with the id tie-break removed.)
func TestLeaderboardOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "n")
		var cur []loyalty.RankEntry
		for i := range n {
			cur = append(cur, loyalty.RankEntry{ID: fmt.Sprintf("p%02d", i), Segment: rapid.SampledFrom([]string{"a", "b"}).Draw(t, "seg"),
				Value: decimal.New(rapid.Int64Range(0, 5).Draw(t, "v"), -int32(rapid.IntRange(0, 2).Draw(t, "exp")))})
		}
		q := loyalty.BoardQuery{Top: rapid.IntRange(1, n).Draw(t, "top"), Segment: rapid.SampledFrom([]string{"", "a"}).Draw(t, "q")}
		want, err := loyalty.Leaderboard(cur, nil, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := loyalty.Leaderboard(rapid.Permutation(cur).Draw(t, "perm"), nil, q)
		if err != nil {
			t.Fatal(err)
		}
		if !want.Equal(got) {
			t.Fatalf("order changed the board:\n%v\n%v", want, got)
		}
		for k, r := range got.Rows {
			higher := 0
			for _, e := range cur {
				if (q.Segment == "" || e.Segment == q.Segment) && e.Value.GreaterThan(r.Value) {
					higher++
				}
			}
			if r.Rank != higher+1 {
				t.Fatalf("%s rank %d, %d higher", r.ID, r.Rank, higher)
			}
			if k > 0 && (got.Rows[k-1].Rank > r.Rank || (got.Rows[k-1].Rank == r.Rank && got.Rows[k-1].ID > r.ID)) {
				t.Fatalf("rows out of order: %v", got.Rows)
			}
		}
	})
}
