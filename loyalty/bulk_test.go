package loyalty_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/loyalty"
)

// toColumns writes partners in column form, records in the given order.
func toColumns(s loyalty.Scorer, ps []loyalty.PartnerActivity) loyalty.ActivityColumns {
	var c loyalty.ActivityColumns
	kinds := s.Spec().Activities
	for _, p := range ps {
		c.IDs = append(c.IDs, p.ID)
		c.Segments = append(c.Segments, p.Segment)
		c.Sizes = append(c.Sizes, p.Size)
		c.Adjustments = append(c.Adjustments, p.Adjustments)
		for _, ev := range p.Events {
			k := slices.IndexFunc(kinds, func(a loyalty.ActivitySpec) bool { return a.Kind == ev.Kind })
			c.Kinds = append(c.Kinds, int32(k))
			c.Times = append(c.Times, ev.At.Unix())
			c.Counts = append(c.Counts, ev.Count)
		}
		c.Ends = append(c.Ends, len(c.Kinds))
	}
	return c
}

// TestScoreColumnsEqualsScore: on random populations (partners and
// records in any order, so that both the in-order path and the sorting
// fallback run), ScoreColumns returns exactly what Score returns.
// (Checked to fail with the cap order check removed, and with the int64
// fast path flooring one place short.)
func TestScoreColumnsEqualsScore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genScorer(t, true)
		ps := rapid.Permutation(genPartners(t, s)).Draw(t, "partners")
		for i := range ps {
			ps[i].Events = rapid.Permutation(ps[i].Events).Draw(t, "events")
			if rapid.Bool().Draw(t, "in_order") {
				slices.SortStableFunc(ps[i].Events, func(a, b loyalty.Activity) int { return a.At.Compare(b.At) })
			}
		}
		want := mustScore(t, s, ps, propAt)
		got, err := s.ScoreColumns(toColumns(s, ps), propAt)
		if err != nil {
			t.Fatalf("ScoreColumns: %v", err)
		}
		if got.Len() != want.Len() {
			t.Fatalf("%d partners, want %d", got.Len(), want.Len())
		}
		for i := range want.Len() {
			if !want.Partner(i).Equal(got.Partner(i)) {
				t.Fatalf("partner %d differs:\ncolumns %+v\nscore   %+v", i, got.Partner(i), want.Partner(i))
			}
		}
	})
}

// TestWalkColumnsEqualsWalk: for random histories (values near the
// ladder's bounds at 0–2 places, rows in any order), partner i's
// standing from WalkColumns equals Walk on its snapshots. (Checked to
// fail with the promote bound rounded down instead of up at the
// columns' scale.)
func TestWalkColumnsEqualsWalk(t *testing.T) {
	// bounds with more places than some columns have
	lad := loyalty.MustParseLadder(`{"grace_days": 60, "levels": [
	  {"name": "registered"},
	  {"name": "silver", "criteria": [{"metric": "score", "promote": "49.995", "retain": "40.5"}]},
	  {"name": "gold", "criteria": [
	    {"metric": "score", "promote": "75.25", "retain": "65"},
	    {"metric": "revenue", "promote": "100000", "retain": "79999.999"}]}]}`)
	near := []string{"0", "40.4", "40.49", "40.5", "40.51", "49.99", "50", "64.99", "65", "75.2", "75.25", "80", "79999.99", "80000", "100000", "120000"}
	rapid.Check(t, func(t *rapid.T) {
		places := int32(rapid.IntRange(0, 2).Draw(t, "places"))
		c := loyalty.SnapshotColumns{Places: places, Metrics: rapid.Permutation([]string{"score", "revenue", "other"}).Draw(t, "metrics")}
		var hists [][]loyalty.Snapshot
		for range rapid.IntRange(1, 6).Draw(t, "partners") {
			var h []loyalty.Snapshot
			at := propAt
			for range rapid.IntRange(1, 12).Draw(t, "rows") {
				at = at.AddDate(0, 0, rapid.IntRange(1, 45).Draw(t, "days"))
				s := loyalty.Snapshot{At: at}
				for _, m := range c.Metrics {
					v := d(rapid.SampledFrom(near).Draw(t, "v")).Shift(places).Floor().Shift(-places)
					s.Metrics = append(s.Metrics, loyalty.Metric{Name: m, Value: v})
				}
				h = append(h, s)
			}
			h = rapid.Permutation(h).Draw(t, "order")
			for _, s := range h {
				c.Times = append(c.Times, s.At.Unix())
				for _, m := range s.Metrics {
					c.Values = append(c.Values, m.Value.Shift(places).IntPart())
				}
			}
			c.Ends = append(c.Ends, len(c.Times))
			hists = append(hists, h)
		}
		got, err := lad.WalkColumns(c)
		if err != nil {
			t.Fatalf("WalkColumns: %v", err)
		}
		for i, h := range hists {
			want, err := lad.Walk(h)
			if err != nil {
				t.Fatalf("Walk: %v", err)
			}
			if diff := cmp.Diff(want, got.Partner(i)); diff != "" {
				t.Fatalf("partner %d (-Walk +WalkColumns):\n%s", i, diff)
			}
			if got.Level(i) != want.Level {
				t.Fatalf("Level(%d) = %q, want %q", i, got.Level(i), want.Level)
			}
		}
	})
}

// TestBoardEqualsLeaderboard: Scores.Board returns what Leaderboard
// returns on the scores' rank entries, for any segment, top and previous
// board. (Checked to fail with ties ordered by descending id.)
func TestBoardEqualsLeaderboard(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genScorer(t, true)
		ps := genPartners(t, s)
		for i := range ps {
			ps[i].Segment = rapid.SampledFrom([]string{"a", "b"}).Draw(t, "segment")
		}
		r := mustScore(t, s, ps, propAt)
		life := rapid.Bool().Draw(t, "lifetime")
		q := loyalty.BoardQuery{Top: rapid.IntRange(1, len(ps)+1).Draw(t, "top"), Segment: rapid.SampledFrom([]string{"", "a"}).Draw(t, "q")}
		prev := r.RankEntries(!life)
		want, err := loyalty.Leaderboard(r.RankEntries(life), prev, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.Board(q, life, prev)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("(-Leaderboard +Board):\n%s", diff)
		}
	})
}
