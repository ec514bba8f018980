package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
)

// loyaltyScorer weighs training (50 %, against a target of 10 points),
// deal registrations (30 %, min-max over the population) and portal
// activity (20 %, percentile rank); points halve every 30 days and the
// rolling score looks back 90 days.
const loyaltyScorer = `{
  "score_places": 2, "point_places": 4, "half_life_days": 30, "window_days": 90,
  "pillars": [
    {"name": "training", "weight": "50%", "normalisation": "fixed-target", "target": "10"},
    {"name": "deals", "weight": "30%", "normalisation": "min-max"},
    {"name": "portal", "weight": "20%", "normalisation": "percentile-rank"}
  ],
  "activities": [
    {"kind": "course", "pillar": "training", "points": "2", "cap": 2, "cap_window": "month"},
    {"kind": "deal_registered", "pillar": "deals", "points": "5"},
    {"kind": "login", "pillar": "portal", "points": "0.5"}
  ],
  "bands": [{"name": "green", "from": "70"}, {"name": "amber", "from": "40"}, {"name": "red", "from": "0"}]
}`

// loyaltyLadder: silver from score 50 (kept down to 40), gold from 75
// (kept down to 65) with revenue 100000 (kept down to 80000), and 60
// days' grace below a retain bound.
const loyaltyLadder = `{"grace_days": 60, "levels": [
  {"name": "registered"},
  {"name": "silver", "criteria": [{"metric": "score", "promote": "50", "retain": "40"}]},
  {"name": "gold", "criteria": [
    {"metric": "score", "promote": "75", "retain": "65"},
    {"metric": "revenue", "promote": "100000", "retain": "80000"}]}
]}`

// loyaltyChapter scores three partners with bands and a breakdown by
// pillar, walks one partner up and down the tier ladder, and publishes a
// top-3 board.
func loyaltyChapter(w io.Writer) error {
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	at := date(2025, 4, 1)
	scorer, err := loyalty.ParseScorer([]byte(loyaltyScorer))
	if err != nil {
		return err
	}
	scores, err := scorer.Score([]loyalty.PartnerActivity{
		{ID: "acme", Events: []loyalty.Activity{
			{Kind: "course", At: date(2025, 3, 31), Count: 3},
			{Kind: "deal_registered", At: date(2025, 3, 2), Count: 1},
			{Kind: "login", At: at, Count: 4},
		}},
		{ID: "bolt", Events: []loyalty.Activity{
			{Kind: "course", At: date(2025, 1, 1), Count: 1},
			{Kind: "deal_registered", At: at, Count: 2},
			{Kind: "login", At: date(2025, 3, 31), Count: 4},
		}},
		{ID: "core", Events: []loyalty.Activity{{Kind: "login", At: at, Count: 4}}},
	}, at)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   Engagement on 1 April 2025 (training 50 %, deals 30 %, portal 20 %; 30-day half-life):")
	for i := range scores.Len() {
		p := scores.Partner(i)
		fmt.Fprintf(w, "     %-5s %6s %-6s =", p.Partner, p.Rolling.Score.StringFixed(2), "("+p.Rolling.Band+")")
		for j, pl := range p.Rolling.Pillars {
			sep := " +"
			if j == 0 {
				sep = ""
			}
			fmt.Fprintf(w, "%s %s %s", sep, pl.Pillar, pl.Points.StringFixed(2))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "     (acme's 3 courses on 31 March are capped at 2 a month; its deal, 30 days old, keeps half its points)")

	ladder, err := loyalty.ParseLadder([]byte(loyaltyLadder))
	if err != nil {
		return err
	}
	snap := func(t time.Time, score, revenue string) loyalty.Snapshot {
		return loyalty.Snapshot{At: t, Metrics: []loyalty.Metric{{Name: "score", Value: money.MustDecimal(score)}, {Name: "revenue", Value: money.MustDecimal(revenue)}}}
	}
	history := []loyalty.Snapshot{
		snap(date(2025, 1, 31), "52", "10000"), snap(date(2025, 2, 28), "80", "120000"),
		snap(date(2025, 3, 31), "70", "90000"), snap(date(2025, 4, 30), "60", "90000"),
		snap(date(2025, 5, 31), "78", "95000"), snap(date(2025, 6, 30), "62", "70000"),
		snap(date(2025, 7, 31), "61", "70000"), snap(date(2025, 8, 31), "61", "70000"),
	}
	fmt.Fprintln(w, "   A tier walk (silver 50 / 40, gold 75 / 65 and revenue 100000 / 80000, 60 days' grace):")
	for i := range history {
		st, err := ladder.Walk(history[:i+1])
		if err != nil {
			return err
		}
		line := fmt.Sprintf("     %s score %-3s revenue %-6s → %s", history[i].At.Format(time.DateOnly), history[i].Metrics[0].Value, history[i].Metrics[1].Value, st.Level)
		if st.AtRisk {
			reasons := make([]string, len(st.Risks))
			for j, r := range st.Risks {
				reasons[j] = r.Reason
			}
			line += fmt.Sprintf(", at risk until %s: %s", st.DemotionDue.Format(time.DateOnly), strings.Join(reasons, "; "))
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w, "     (a score moving between 65 and 75 never changes the level: no flapping)")

	previous := []loyalty.RankEntry{{ID: "bolt", Value: money.MustDecimal("45")}, {ID: "acme", Value: money.MustDecimal("38")},
		{ID: "core", Value: money.MustDecimal("20")}, {ID: "dyno", Value: money.MustDecimal("13.33")}}
	current := append(scores.RankEntries(false), loyalty.RankEntry{ID: "dyno", Value: money.MustDecimal("13.33")})
	board, err := loyalty.Leaderboard(current, previous, loyalty.BoardQuery{Top: 3})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   Top 3 of %d (ties share a rank, listed by id; percentile = mid-rank):\n", board.Population)
	for _, r := range board.Rows {
		move := "="
		if r.Movement != 0 {
			move = fmt.Sprintf("%+d", r.Movement)
		}
		fmt.Fprintf(w, "     #%d %-5s %6s  percentile %-6s was #%d (%s)\n", r.Rank, r.ID, r.Value.StringFixed(2), r.Percentile, r.PreviousRank, move)
	}
	return nil
}
