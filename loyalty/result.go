package loyalty

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// Score is one partner's engagement: its rolling-window and lifetime
// scores and the adjustments it was given.
type Score struct {
	Partner     string       `json:"partner"`
	Segment     string       `json:"segment,omitzero"`
	Rolling     Engagement   `json:"rolling"`
	Lifetime    Engagement   `json:"lifetime"`
	Adjustments []Adjustment `json:"adjustments,omitzero"`
}

// Engagement is a score with its band and its breakdown by pillar.
type Engagement struct {
	// Score lies in [0, 100], rounded half-even once to ScorePlaces from
	// Exact.
	Score decimal.Decimal `json:"score"`
	// Exact is the unrounded score Σ weight · normalised · 100.
	Exact decimal.Decimal `json:"exact"`
	// Band is the name of the band that contains Score.
	Band string `json:"band"`
	// Pillars break Score down in the scorer's pillar order; their
	// Points sum exactly to Score.
	Pillars []PillarScore `json:"pillars"`
}

// PillarScore is one pillar's part of a score.
type PillarScore struct {
	Pillar string `json:"pillar"`
	// Raw is the pillar's value after decay, caps, adjustments and size
	// (at PointPlaces).
	Raw decimal.Decimal `json:"raw"`
	// Normalised is the value in [0, 1], rounded down to NormPlaces.
	Normalised decimal.Decimal `json:"normalised"`
	Weight     money.Rate      `json:"weight"`
	// Points is the pillar's share of Score: weight · normalised · 100,
	// apportioned by largest remainder (ties by pillar name) so that the
	// pillars sum exactly to the rounded score; each is within one unit
	// of the last place of its exact share.
	Points decimal.Decimal `json:"points"`
}

// Equal reports whether s and o are the same figures.
func (s Score) Equal(o Score) bool {
	return s.Partner == o.Partner && s.Segment == o.Segment && s.Rolling.Equal(o.Rolling) &&
		s.Lifetime.Equal(o.Lifetime) && slices.EqualFunc(s.Adjustments, o.Adjustments, Adjustment.Equal)
}

// Equal reports whether e and o are the same figures.
func (e Engagement) Equal(o Engagement) bool {
	return e.Score.Equal(o.Score) && e.Exact.Equal(o.Exact) && e.Band == o.Band &&
		slices.EqualFunc(e.Pillars, o.Pillars, PillarScore.Equal)
}

// Equal reports whether p and o are the same figures.
func (p PillarScore) Equal(o PillarScore) bool {
	return p.Pillar == o.Pillar && p.Raw.Equal(o.Raw) && p.Normalised.Equal(o.Normalised) &&
		p.Weight.Equal(o.Weight) && p.Points.Equal(o.Points)
}

// Len returns the number of partners scored.
func (r Scores) Len() int { return len(r.ids) }

// Partner returns the i-th partner's score, in ascending order of id
// (0 ≤ i < Len; an index out of range returns the zero Score).
func (r Scores) Partner(i int) Score {
	if i < 0 || i >= len(r.ids) {
		return Score{}
	}
	return Score{
		Partner:     r.ids[i],
		Segment:     r.segment(i),
		Rolling:     r.engagement(rolling, i),
		Lifetime:    r.engagement(lifetime, i),
		Adjustments: r.adjustments(i),
	}
}

// segment returns partner i's segment ("" when none was given).
func (r Scores) segment(i int) string {
	if r.segments == nil {
		return ""
	}
	return r.segments[i]
}

// adjustments returns a copy of partner i's adjustments.
func (r Scores) adjustments(i int) []Adjustment {
	if r.adjust == nil {
		return nil
	}
	return slices.Clone(r.adjust[i])
}

// Find returns the score of the partner with the given id.
func (r Scores) Find(id string) (Score, bool) {
	i, ok := slices.BinarySearch(r.ids, id)
	if !ok {
		return Score{}, false
	}
	return r.Partner(i), true
}

// Scorer returns the scorer that computed r.
func (r Scores) Scorer() Scorer { return r.scorer }

func (r Scores) engagement(sp, i int) Engagement {
	s := r.scorer
	k := len(s.pillars)
	places := s.spec.ScorePlaces
	e := Engagement{
		Score: decimal.New(r.score[sp][i], -places),
		Exact: decimal.New(r.exact[sp][i], -exactPlaces),
		Band:  s.bandOf(r.score[sp][i]),
	}
	points := s.breakdown(r.norm[sp][i*k:(i+1)*k], r.score[sp][i])
	for q, pl := range s.spec.Pillars {
		e.Pillars = append(e.Pillars, PillarScore{
			Pillar:     pl.Name,
			Raw:        decimal.New(r.raw[sp][i*k+q], -s.spec.PointPlaces),
			Normalised: decimal.New(r.norm[sp][i*k+q], -NormPlaces),
			Weight:     pl.Weight,
			Points:     decimal.New(points[q], -places),
		})
	}
	return e
}

// bandOf returns the band containing score (at ScorePlaces).
func (s Scorer) bandOf(score int64) string {
	for _, b := range s.bands {
		if score >= b.from {
			return b.name
		}
	}
	return ""
}

// breakdown apportions score (at ScorePlaces) over the pillars in
// proportion to their exact contributions by largest remainder, ties by
// pillar name. Since score = round(Σ c) ≤ Σ⌊c⌋ + #(non-zero
// remainders), every pillar gets its floor plus at most one unit.
func (s Scorer) breakdown(norm []int64, score int64) []int64 {
	div, _ := fixed.Pow10(exactPlaces - s.spec.ScorePlaces)
	parts := make([]int64, len(norm))
	rems := make([]int64, len(norm))
	left := score
	for q, pl := range s.pillars {
		c := pl.weight * norm[q] * ScoreMax
		parts[q], rems[q] = c/div, c%div
		left -= parts[q]
	}
	order := make([]int, len(norm))
	for q := range order {
		order[q] = q
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(rems[b], rems[a]), strings.Compare(s.spec.Pillars[a].Name, s.spec.Pillars[b].Name))
	})
	for _, q := range order[:min(max(left, 0), int64(len(order)))] {
		parts[q]++
	}
	return parts
}
