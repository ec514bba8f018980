package loyalty_test

import (
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/loyalty"
)

// bolt's first-quarter scorecard. The worked scorer gives it 33.33 (red)
// on 1 April (see ExampleScorer_Score); its monthly snapshots (score 55
// in January, 38 in March, revenue 9000) promoted it to silver (50) and
// then fell below silver's retain bound 40 on 31 March: at risk, due for
// demotion 60 days later. It is 2nd of 3 on the board, as before
// (unchanged), was active in both quarters (retained) and got no lead.
func ExampleNewScorecard() {
	at := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	scores, _ := loyalty.MustParseScorer(scorerDoc).Score(workedPartners(), at)
	score, _ := scores.Find("bolt")
	standing, _ := loyalty.MustParseLadder(ladderDoc).Walk([]loyalty.Snapshot{
		{At: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), Metrics: []loyalty.Metric{{Name: "score", Value: d("55")}, {Name: "revenue", Value: d("9000")}}},
		{At: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), Metrics: []loyalty.Metric{{Name: "score", Value: d("38")}, {Name: "revenue", Value: d("9000")}}},
	})
	previous := []loyalty.RankEntry{{ID: "acme", Value: d("60")}, {ID: "bolt", Value: d("45")}, {ID: "core", Value: d("5")}}
	board, _ := loyalty.Leaderboard(scores.RankEntries(false), previous, loyalty.BoardQuery{Top: 3})
	periods := []loyalty.RetentionPeriod{
		{Name: "2024-Q4", Start: time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Name: "2025-Q1", Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: at},
	}
	member := loyalty.Member{ID: "bolt", Enrolled: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
		Active: []time.Time{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)}}
	ret, _ := loyalty.RetentionOf(periods, member, "2025-Q1")
	card, err := loyalty.NewScorecard(loyalty.ScorecardInput{Partner: "bolt", Period: "2025-Q1", Score: score, Standing: standing, Board: board, Retention: ret})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(card.Summary)
	fmt.Println("demotion due", standing.DemotionDue.Format(time.DateOnly))
	// Output:
	// bolt in 2025-Q1: engagement score 33.33 (red); level silver, at risk (score 38 is 2 below the 40 needed to retain silver); rank 2 of 3 (unchanged); retained; no leads assigned.
	// demotion due 2025-05-30
}
