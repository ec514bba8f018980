package loyalty_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

type errCase struct {
	name  string
	call  func() error
	field string
	want  error
}

func errCases() []errCase {
	parse := func(doc string) func() error {
		return func() error { _, err := loyalty.ParseScorer([]byte(doc)); return err }
	}
	edit := func(old, new string) func() error { return parse(strings.Replace(scorerDoc, old, new, 1)) }
	ladder := func(doc string) func() error {
		return func() error { _, err := loyalty.ParseLadder([]byte(doc)); return err }
	}
	at := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	score := func(p loyalty.PartnerActivity) func() error {
		return func() error {
			_, err := loyalty.MustParseScorer(scorerDoc).Score([]loyalty.PartnerActivity{{ID: "a"}, p}, at)
			return err
		}
	}
	walk := func(h ...loyalty.Snapshot) func() error {
		return func() error { _, err := loyalty.MustParseLadder(ladderDoc).Walk(h); return err }
	}
	prune := func(rules []loyalty.PruneRule, min int, ps ...loyalty.PartnerHealth) func() error {
		return func() error { _, err := loyalty.PruneCandidates(rules, min, ps, at); return err }
	}
	noCert := []loyalty.PruneRule{{Kind: loyalty.NoCertifiedStaff}}
	cols := func(edit func(*loyalty.ActivityColumns)) func() error {
		c := loyalty.ActivityColumns{IDs: []string{"a", "b"}, Ends: []int{1, 2}, Kinds: []int32{0, 2}, Times: []int64{at.Unix(), at.Unix()}, Counts: []int64{1, 1}}
		edit(&c)
		return func() error { _, err := loyalty.MustParseScorer(scorerDoc).ScoreColumns(c, at); return err }
	}
	snaps := func(edit func(*loyalty.SnapshotColumns)) func() error {
		c := loyalty.SnapshotColumns{Metrics: []string{"score", "revenue"}, Ends: []int{1, 3}, Times: []int64{at.Unix(), at.Unix(), at.Unix() + 1}, Values: []int64{1, 1, 1, 1, 1, 1}}
		edit(&c)
		return func() error { _, err := loyalty.MustParseLadder(ladderDoc).WalkColumns(c); return err }
	}
	return []errCase{
		{"columns ends", cols(func(c *loyalty.ActivityColumns) { c.Ends = []int{2, 1} }), "/columns/ends/1", loyalty.ErrRange},
		{"columns length", cols(func(c *loyalty.ActivityColumns) { c.Counts = c.Counts[:1] }), "/columns/counts", loyalty.ErrRange},
		{"columns id", cols(func(c *loyalty.ActivityColumns) { c.IDs[1] = "a" }), "/columns/ids/1", loyalty.ErrDuplicate},
		{"columns kind", cols(func(c *loyalty.ActivityColumns) { c.Kinds[1] = 3 }), "/columns/kinds/1", loyalty.ErrUnknown},
		{"columns count", cols(func(c *loyalty.ActivityColumns) { c.Counts[1] = -1 }), "/columns/counts/1", loyalty.ErrRange},
		{"columns time", cols(func(c *loyalty.ActivityColumns) { c.Times[0] = 1 << 62 }), "/columns/times/0", loyalty.ErrRange},
		{"columns adjustment", cols(func(c *loyalty.ActivityColumns) {
			c.Adjustments = [][]loyalty.Adjustment{nil, {{Pillar: "x", Points: d("1"), Reason: "r", Effective: at}}}
		}), "/columns/adjustments/1/0/pillar", loyalty.ErrUnknown},
		{"snapshot places", snaps(func(c *loyalty.SnapshotColumns) { c.Places = 19 }), "/columns/places", loyalty.ErrRange},
		{"snapshot metric", snaps(func(c *loyalty.SnapshotColumns) { c.Metrics[1] = "score" }), "/columns/metrics/1", loyalty.ErrDuplicate},
		{"snapshot missing metric", snaps(func(c *loyalty.SnapshotColumns) { c.Metrics[1] = "other" }), "/columns/metrics", loyalty.ErrEmpty},
		{"snapshot no rows", snaps(func(c *loyalty.SnapshotColumns) { c.Ends = []int{0, 3} }), "/columns/ends/0", loyalty.ErrEmpty},
		{"snapshot same time", snaps(func(c *loyalty.SnapshotColumns) { c.Times[2] = at.Unix() }), "/columns/times/2", loyalty.ErrDuplicate},
		{"scores board top", func() error { _, err := loyalty.Scores{}.Board(loyalty.BoardQuery{}, false, nil); return err }, "/query/top", loyalty.ErrRange},
		{"syntax", parse(`{`), "", strictjson.ErrSyntax},
		{"unknown member", parse(`{"pilars":[]}`), "/pilars", strictjson.ErrUnknownField},
		{"number for a decimal", edit(`"target": "10"`, `"target": 10`), "/pillars/0/target", strictjson.ErrNumber},
		{"too large", parse(`{"x":"` + strings.Repeat("a", loyalty.MaxScorerBytes) + `"}`), "", strictjson.ErrTooLarge},
		{"weights", edit(`"weight": "50%"`, `"weight": "40%"`), "/pillars", loyalty.ErrWeights},
		{"weight places", edit(`"weight": "50%"`, `"weight": "0.00001%"`), "/pillars/0/weight", loyalty.ErrWeights},
		{"normalisation", edit(`"min-max"`, `"minmax"`), "/pillars/1/normalisation", loyalty.ErrInvalid},
		{"target without fixed", edit(`"normalisation": "min-max"`, `"normalisation": "min-max", "target": "1"`), "/pillars/1/target", loyalty.ErrInvalid},
		{"target", edit(`"target": "10"`, `"target": "0"`), "/pillars/0/target", loyalty.ErrNonPositive},
		{"pillar name", edit(`"name": "deals"`, `"name": "training"`), "/pillars/1/name", loyalty.ErrDuplicate},
		{"activity pillar", edit(`"pillar": "deals"`, `"pillar": "sales"`), "/activities/1/pillar", loyalty.ErrUnknown},
		{"points", edit(`"points": "5"`, `"points": "0.00001"`), "/activities/1/points", loyalty.ErrRange},
		{"cap window", edit(`"cap": 2, "cap_window": "month"`, `"cap": 2`), "/activities/0/cap_window", loyalty.ErrInvalid},
		{"cap", edit(`"cap": 2`, `"cap": -2`), "/activities/0/cap", loyalty.ErrNegative},
		{"half-life", edit(`"half_life_days": 30`, `"half_life_days": 367`), "/half_life_days", loyalty.ErrRange},
		{"window", edit(`"window_days": 90`, `"window_days": 0`), "/window_days", loyalty.ErrRange},
		{"places", edit(`"score_places": 2`, `"score_places": 5`), "/score_places", loyalty.ErrRange},
		{"no zero band", edit(`"from": "0"`, `"from": "1"`), "/bands", loyalty.ErrEmpty},
		{"band from", edit(`"from": "70"`, `"from": "101"`), "/bands/0/from", loyalty.ErrRange},
		{"zero scorer", func() error { _, err := loyalty.Scorer{}.Score(nil, at); return err }, "/scorer", loyalty.ErrInvalid},
		{"partner id", score(loyalty.PartnerActivity{ID: "a"}), "/partners/1/id", loyalty.ErrDuplicate},
		{"event kind", score(loyalty.PartnerActivity{ID: "b", Events: []loyalty.Activity{{Kind: "x", At: at, Count: 1}}}), "/partners/1/events/0/kind", loyalty.ErrUnknown},
		{"event count", score(loyalty.PartnerActivity{ID: "b", Events: []loyalty.Activity{{Kind: "login", At: at, Count: -1}}}), "/partners/1/events/0/count", loyalty.ErrRange},
		{"event time", score(loyalty.PartnerActivity{ID: "b", Events: []loyalty.Activity{{Kind: "login", Count: 1}}}), "/partners/1/events/0/at", loyalty.ErrEmpty},
		{"adjustment reason", score(loyalty.PartnerActivity{ID: "b", Adjustments: []loyalty.Adjustment{{Pillar: "deals", Points: d("1"), Effective: at}}}), "/partners/1/adjustments/0/reason", loyalty.ErrEmpty},
		{"adjustment pillar", score(loyalty.PartnerActivity{ID: "b", Adjustments: []loyalty.Adjustment{{Pillar: "x", Points: d("1"), Reason: "r", Effective: at}}}), "/partners/1/adjustments/0/pillar", loyalty.ErrUnknown},
		{"ladder order", ladder(`{"grace_days":1,"levels":[{"name":"a"},{"name":"b","criteria":[{"metric":"m","promote":"1","retain":"2"}]}]}`), "/levels/1/criteria/0/retain", loyalty.ErrOrder},
		{"ladder entry criteria", ladder(`{"grace_days":1,"levels":[{"name":"a","criteria":[{"metric":"m","promote":"1","retain":"1"}]}]}`), "/levels/0/criteria", loyalty.ErrInvalid},
		{"ladder empty level", ladder(`{"grace_days":1,"levels":[{"name":"a"},{"name":"b"}]}`), "/levels/1/criteria", loyalty.ErrEmpty},
		{"grace", ladder(`{"grace_days":-1,"levels":[{"name":"a"}]}`), "/grace_days", loyalty.ErrRange},
		{"no history", walk(), "/history", loyalty.ErrEmpty},
		{"missing metric", walk(loyalty.Snapshot{At: at, Metrics: []loyalty.Metric{{Name: "score", Value: d("1")}}}), "/history/0/metrics", loyalty.ErrEmpty},
		{"same time", walk(snap("2025-01-01", "1", "1"), snap("2025-01-01", "2", "2")), "/history/1/at", loyalty.ErrDuplicate},
		{"top", func() error { _, err := loyalty.Leaderboard(nil, nil, loyalty.BoardQuery{}); return err }, "/query/top", loyalty.ErrRange},
		{"board id", func() error {
			_, err := loyalty.Leaderboard(nil, entries("a", "", "1", "a", "", "2"), loyalty.BoardQuery{Top: 1})
			return err
		}, "/previous/1/id", loyalty.ErrDuplicate},
		{"no rules", prune(nil, 1), "/rules", loyalty.ErrEmpty},
		{"rule periods", prune([]loyalty.PruneRule{{Kind: loyalty.NoRevenue}}, 1), "/rules/0/periods", loyalty.ErrRange},
		{"rule stray member", prune([]loyalty.PruneRule{{Kind: loyalty.NoCertifiedStaff, Days: 3}}, 1), "/rules/0/days", loyalty.ErrInvalid},
		{"min failed", prune(noCert, 2), "/min_failed", loyalty.ErrRange},
		{"revenue currency", prune(noCert, 1, loyalty.PartnerHealth{ID: "a", Revenue: []money.Amount{money.MustParse("1 USD"), money.MustParse("1 EUR")}}), "/partners/0/revenue", money.ErrCurrencyMismatch},
		{"nps answer", func() error { _, err := loyalty.TallyNPS([]int{3, 11}); return err }, "/answers/1", loyalty.ErrRange},
		{"profile weights", func() error {
			_, err := loyalty.ProfileCompleteness([]loyalty.ProfileField{{Name: "a", Weight: money.MustRate("50%")}}, nil)
			return err
		}, "/fields", loyalty.ErrWeights},
	}
}

// TestErrorPaths: every error case matches its sentinel and carries the
// expected FieldPath; every FieldPath in the error tree is a JSON
// Pointer. (Checked to fail with a case's expected path changed.)
func TestErrorPaths(t *testing.T) {
	for _, tt := range errCases() {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v does not match %v", err, tt.want)
			}
			found := false
			walkPaths(err, func(p string) {
				found = found || p == tt.field
				if !field.Valid(p) {
					t.Errorf("FieldPath %q is not a JSON Pointer (in %v)", p, err)
				}
			})
			if !found {
				t.Errorf("no FieldPath %q in %v", tt.field, err)
			}
			if !strings.HasPrefix(err.Error(), "loyalty: ") {
				t.Errorf("message %q lacks the package prefix", err)
			}
		})
	}
}

func walkPaths(err error, f func(string)) {
	if err == nil {
		return
	}
	if fp, ok := err.(interface{ FieldPath() string }); ok {
		f(fp.FieldPath())
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walkPaths(u.Unwrap(), f)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walkPaths(e, f)
		}
	}
}
