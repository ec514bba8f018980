package loyalty_test

import (
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/loyalty"
)

// The partners of ExampleScorer_Score in column form: kinds index the
// scorer's activities (0 course, 1 deal_registered, 2 login), times are
// Unix seconds, Ends closes each partner's records. The figures are
// Score's, worked by hand there: acme 40.38, bolt 33.33, core 13.33.
func ExampleScorer_ScoreColumns() {
	s := loyalty.MustParseScorer(scorerDoc)
	unix := func(s string) int64 { t, _ := time.Parse(time.DateOnly, s); return t.Unix() }
	c := loyalty.ActivityColumns{
		IDs:    []string{"acme", "bolt", "core"},
		Ends:   []int{3, 6, 7},
		Kinds:  []int32{0, 1, 2, 0, 1, 2, 2},
		Times:  []int64{unix("2025-03-31"), unix("2025-03-02"), unix("2025-04-01"), unix("2025-01-01"), unix("2025-04-01"), unix("2025-03-31"), unix("2025-04-01")},
		Counts: []int64{3, 1, 4, 1, 2, 4, 4},
	}
	scores, err := s.ScoreColumns(c, time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range scores.Len() {
		p := scores.Partner(i)
		fmt.Printf("%s rolling %s (%s), lifetime %s\n", p.Partner, p.Rolling.Score.StringFixed(2), p.Rolling.Band, p.Lifetime.Score.StringFixed(2))
	}
	// Output:
	// acme rolling 40.38 (amber), lifetime 40.38
	// bolt rolling 33.33 (red), lifetime 34.58
	// core rolling 13.33 (red), lifetime 13.33
}

// Two partners' snapshots in column form (values at 0 places): the
// first reaches gold (80 ≥ 75, 120000 ≥ 100000) and dips to 60 < 65 on
// 30 June, so it is at risk with demotion due 60 days later, 29 August;
// the second reaches silver (52 ≥ 50) and is 75 − 52 = 23 points and
// 100000 − 10000 = 90000 of revenue short of gold.
func ExampleLadder_WalkColumns() {
	lad := loyalty.MustParseLadder(ladderDoc)
	unix := func(s string) int64 { t, _ := time.Parse(time.DateOnly, s); return t.Unix() }
	st, err := lad.WalkColumns(loyalty.SnapshotColumns{
		Metrics: []string{"score", "revenue"},
		Ends:    []int{2, 3},
		Times:   []int64{unix("2025-03-31"), unix("2025-06-30"), unix("2025-03-31")},
		Values:  []int64{80, 120000, 60, 90000, 52, 10000},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range st.Len() {
		p := st.Partner(i)
		fmt.Printf("%s at risk: %t next: %q\n", p.Level, p.AtRisk, p.Next)
		for _, r := range append(p.Risks, p.Gaps...) {
			fmt.Println(" ", r.Reason)
		}
	}
	// Output:
	// gold at risk: true next: ""
	//   score 60 is 5 below the 65 needed to retain gold
	// silver at risk: false next: "gold"
	//   score 52 is 23 below the 75 needed to reach gold
	//   revenue 10000 is 90000 below the 100000 needed to reach gold
}

// The top two rolling scores of ExampleScorer_Score: acme 40.38 has 2 of
// 3 partners below it, percentile (2 + 1/2) / 3 = 0.8333; bolt 33.33
// has 1: (1 + 1/2) / 3 = 0.5.
func ExampleScores_Board() {
	s := loyalty.MustParseScorer(scorerDoc)
	scores, _ := s.Score(workedPartners(), time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC))
	b, err := scores.Board(loyalty.BoardQuery{Top: 2}, false, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range b.Rows {
		fmt.Println(r.Rank, r.ID, r.Value.StringFixed(2), r.Percentile)
	}
	// Output:
	// 1 acme 40.38 0.8333
	// 2 bolt 33.33 0.5
}
