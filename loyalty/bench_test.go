package loyalty_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/loyalty"
)

// benchPartners returns n partners with 12 months of activity each
// (monthly aggregated records of the four activity kinds), from a fixed
// seed, and their 12 monthly ladder snapshots.
func benchPartners(n int, at time.Time) ([]loyalty.PartnerActivity, [][]loyalty.Snapshot) {
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []string{"course", "deal_registered", "login", "campaign"}
	ps := make([]loyalty.PartnerActivity, n)
	hist := make([][]loyalty.Snapshot, n)
	for i := range ps {
		ps[i] = loyalty.PartnerActivity{ID: fmt.Sprintf("partner-%06d", i), Segment: []string{"emea", "amer", "apac"}[i%3], Size: 1 + rng.Int64N(50)}
		for m := range 12 {
			t := at.AddDate(0, -m, -1)
			for _, k := range kinds {
				if c := rng.Int64N(6); c > 0 {
					ps[i].Events = append(ps[i].Events, loyalty.Activity{Kind: k, At: t, Count: c})
				}
			}
			hist[i] = append(hist[i], loyalty.Snapshot{At: at.AddDate(0, -11+m, 0), Metrics: []loyalty.Metric{
				{Name: "score", Value: decimal.New(rng.Int64N(10000), -2)},
				{Name: "revenue", Value: decimal.New(rng.Int64N(200000), 0)},
			}})
		}
	}
	return ps, hist
}

const benchScorer = `{
  "score_places": 2, "point_places": 4, "half_life_days": 90, "window_days": 365,
  "pillars": [
    {"name": "training", "weight": "30%", "normalisation": "fixed-target", "target": "20"},
    {"name": "deals", "weight": "40%", "normalisation": "percentile-rank", "per_size": true},
    {"name": "portal", "weight": "10%", "normalisation": "min-max"},
    {"name": "marketing", "weight": "20%", "normalisation": "min-max"}
  ],
  "activities": [
    {"kind": "course", "pillar": "training", "points": "2", "cap": 3, "cap_window": "month"},
    {"kind": "deal_registered", "pillar": "deals", "points": "5"},
    {"kind": "login", "pillar": "portal", "points": "0.1", "cap": 4, "cap_window": "week"},
    {"kind": "campaign", "pillar": "marketing", "points": "3"}
  ],
  "bands": [{"name": "green", "from": "70"}, {"name": "amber", "from": "40"}, {"name": "red", "from": "0"}]
}`

// BenchmarkScoreTierRank scores n partners with 12 months of activity
// (about 40 records each), walks each partner's 12 monthly snapshots up
// the ladder and ranks the rolling scores into a top-10 board.
func BenchmarkScoreTierRank(b *testing.B) {
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	s := loyalty.MustParseScorer(benchScorer)
	lad := loyalty.MustParseLadder(ladderDoc)
	for _, n := range []int{1_000, 100_000} {
		ps, hist := benchPartners(n, at)
		b.Run(fmt.Sprintf("n=%d/score", n), func(b *testing.B) {
			b.ReportAllocs()
			loop(b, func() {
				if _, err := s.Score(ps, at); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("n=%d/tier", n), func(b *testing.B) {
			b.ReportAllocs()
			loop(b, func() {
				for _, h := range hist {
					if _, err := lad.Walk(h); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
		r, _ := s.Score(ps, at)
		b.Run(fmt.Sprintf("n=%d/rank", n), func(b *testing.B) {
			b.ReportAllocs()
			loop(b, func() {
				if _, err := loyalty.Leaderboard(r.RankEntries(false), nil, loyalty.BoardQuery{Top: 10}); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("n=%d/all", n), func(b *testing.B) {
			b.ReportAllocs()
			loop(b, func() {
				r, err := s.Score(ps, at)
				if err != nil {
					b.Fatal(err)
				}
				for _, h := range hist {
					if _, err := lad.Walk(h); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := loyalty.Leaderboard(r.RankEntries(false), nil, loyalty.BoardQuery{Top: 10}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// benchColumns is benchPartners' population in column form, each
// partner's records in time order (as a host's query would return them).
func benchColumns(s loyalty.Scorer, ps []loyalty.PartnerActivity) loyalty.ActivityColumns {
	sorted := make([]loyalty.PartnerActivity, len(ps))
	for i, p := range ps {
		p.Events = slices.Clone(p.Events)
		slices.SortStableFunc(p.Events, func(a, b loyalty.Activity) int { return a.At.Compare(b.At) })
		sorted[i] = p
	}
	return toColumns(s, sorted)
}

// benchSnapshotColumns is benchPartners' snapshot histories in column
// form (scores and revenue at 2 places).
func benchSnapshotColumns(hist [][]loyalty.Snapshot) loyalty.SnapshotColumns {
	c := loyalty.SnapshotColumns{Places: 2, Metrics: []string{"score", "revenue"}}
	for _, h := range hist {
		for _, s := range h {
			c.Times = append(c.Times, s.At.Unix())
			for _, m := range s.Metrics {
				c.Values = append(c.Values, m.Value.Shift(2).IntPart())
			}
		}
		c.Ends = append(c.Ends, len(c.Times))
	}
	return c
}

// BenchmarkScoreTierRankColumns is BenchmarkScoreTierRank on the column
// form (ScoreColumns, WalkColumns, Scores.Board), beside a reference loop
// that only reads the record columns once (Σ count · points by kind), so
// that runs on a shared machine compare by their ratio to it.
func BenchmarkScoreTierRankColumns(b *testing.B) {
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	s := loyalty.MustParseScorer(benchScorer)
	lad := loyalty.MustParseLadder(ladderDoc)
	for _, n := range []int{1_000, 100_000} {
		ps, hist := benchPartners(n, at)
		c, sc := benchColumns(s, ps), benchSnapshotColumns(hist)
		ps, hist = nil, nil
		runtime.GC() // the row form is garbage now: keep it out of the timings
		b.Run(fmt.Sprintf("n=%d/reference", n), func(b *testing.B) {
			points := []int64{2, 5, 1, 3}
			var sink int64
			loop(b, func() {
				var t int64
				for r, k := range c.Kinds {
					t += c.Counts[r] * points[k]
				}
				sink += t
			})
			if sink == 0 {
				b.Fatal("no work")
			}
		})
		b.Run(fmt.Sprintf("n=%d/score", n), func(b *testing.B) {
			b.ReportAllocs()
			loop(b, func() {
				if _, err := s.ScoreColumns(c, at); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("n=%d/tier", n), func(b *testing.B) {
			b.ReportAllocs()
			loop(b, func() {
				if _, err := lad.WalkColumns(sc); err != nil {
					b.Fatal(err)
				}
			})
		})
		r, _ := s.ScoreColumns(c, at)
		b.Run(fmt.Sprintf("n=%d/rank", n), func(b *testing.B) {
			b.ReportAllocs()
			loop(b, func() {
				if _, err := r.Board(loyalty.BoardQuery{Top: 10}, false, nil); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("n=%d/all", n), func(b *testing.B) {
			b.ReportAllocs()
			loop(b, func() {
				r, err := s.ScoreColumns(c, at)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := lad.WalkColumns(sc); err != nil {
					b.Fatal(err)
				}
				if _, err := r.Board(loyalty.BoardQuery{Top: 10}, false, nil); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
