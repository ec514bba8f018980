package loyalty

import (
	"cmp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// PercentilePlaces is the number of places of a leaderboard percentile
// rank, rounded half-even once from the exact value.
const PercentilePlaces = 4

// RankEntry is one partner's value of a leaderboard metric.
type RankEntry struct {
	ID      string          `json:"id"`
	Segment string          `json:"segment,omitzero"`
	Value   decimal.Decimal `json:"value"`
}

// BoardQuery selects a leaderboard: the Top rows (Top ≥ 1) among the
// partners of Segment ("" for all).
type BoardQuery struct {
	Top     int    `json:"top"`
	Segment string `json:"segment,omitzero"`
}

// BoardRow is one row of a leaderboard.
type BoardRow struct {
	// Rank is 1 + the number of partners with a strictly higher value:
	// equal values share a rank (1, 2, 2, 4) and are listed by ascending
	// ID.
	Rank  int             `json:"rank"`
	ID    string          `json:"id"`
	Value decimal.Decimal `json:"value"`
	// Percentile is the mid-rank percentile (B + E/2) / N, B partners
	// strictly below, E equal (itself included), N in the board's
	// population, rounded half-even to PercentilePlaces.
	Percentile decimal.Decimal `json:"percentile"`
	// PreviousRank is the rank in the previous period's board (same
	// segment), 0 when the partner was not in it; Movement is
	// PreviousRank − Rank (positive: moved up), 0 for a newcomer.
	PreviousRank int `json:"previous_rank"`
	Movement     int `json:"movement"`
}

// Equal reports whether r and o are the same row.
func (r BoardRow) Equal(o BoardRow) bool {
	return r.Rank == o.Rank && r.ID == o.ID && r.Value.Equal(o.Value) && r.Percentile.Equal(o.Percentile) &&
		r.PreviousRank == o.PreviousRank && r.Movement == o.Movement
}

// Board is a leaderboard: the top rows and the size of the ranked
// population (the segment's partners).
type Board struct {
	Rows       []BoardRow `json:"rows"`
	Population int        `json:"population"`
}

// Equal reports whether b and o are the same board.
func (b Board) Equal(o Board) bool {
	return b.Population == o.Population && slices.EqualFunc(b.Rows, o.Rows, BoardRow.Equal)
}

// Leaderboard ranks the current entries of q.Segment by descending value
// and returns the first q.Top rows (more when ties at the cut share its
// rank: every partner ranked ≤ the Top-th row's rank is listed), with
// percentile ranks and movement since previous. The result does not
// depend on the order of the entries. Errors: "/query/top" ([ErrRange]),
// "/current/3/id" or "/previous/3/id" ([ErrEmpty], [ErrDuplicate]).
func Leaderboard(current, previous []RankEntry, q BoardQuery) (Board, error) {
	if q.Top < 1 {
		return Board{}, inputErr("/query/top", itoa(int64(q.Top)), ErrRange)
	}
	cur, err := ranked(current, q.Segment, "current")
	if err != nil {
		return Board{}, err
	}
	prevRank, err := previousRanks(previous, q)
	if err != nil {
		return Board{}, err
	}
	n := len(cur.order)
	b := Board{Population: n}
	for j, i := range cur.order {
		if j >= q.Top && cur.rank[j] > cur.rank[q.Top-1] {
			break
		}
		e := current[i]
		b.Rows = append(b.Rows, boardRow(cur.rank[j], cur.ties(j), n, e.ID, e.Value, prevRank))
	}
	return b, nil
}

// previousRanks returns the ranks of the previous period's board.
func previousRanks(previous []RankEntry, q BoardQuery) (map[string]int, error) {
	prev, err := ranked(previous, q.Segment, "previous")
	if err != nil {
		return nil, err
	}
	prevRank := make(map[string]int, min(len(prev.order), 4*q.Top))
	for j, i := range prev.order {
		prevRank[previous[i].ID] = prev.rank[j]
	}
	return prevRank, nil
}

// boardRow returns the row of a partner with the given rank, sharing it
// with equal partners (itself included), in a board of n.
func boardRow(rank, equal, n int, id string, value decimal.Decimal, prevRank map[string]int) BoardRow {
	below := n - (rank - 1) - equal
	pct, _ := money.Div(decimal.New(int64(2*below+equal), 0), decimal.New(int64(2*n), 0), PercentilePlaces, money.HalfEven)
	row := BoardRow{Rank: rank, ID: id, Value: value, Percentile: pct}
	if p, ok := prevRank[id]; ok {
		row.PreviousRank, row.Movement = p, p-row.Rank
	}
	return row
}

// Board is Leaderboard(r.RankEntries(lifetimeScore), previous, q),
// computed from the scores as integers: the partners of q.Segment are
// sorted once, by descending score then ascending id. Errors are
// Leaderboard's.
func (r Scores) Board(q BoardQuery, lifetimeScore bool, previous []RankEntry) (Board, error) {
	if q.Top < 1 {
		return Board{}, inputErr("/query/top", itoa(int64(q.Top)), ErrRange)
	}
	prevRank, err := previousRanks(previous, q)
	if err != nil {
		return Board{}, err
	}
	sp := rolling
	if lifetimeScore {
		sp = lifetime
	}
	score := r.score[sp]
	// key: (top − score) · 2^40 + position, position in id order; scores
	// lie in [0, 10^6] (100 at 4 places) and fit 23 bits
	const shift, mask = 40, 1<<40 - 1
	top, _ := fixed.Pow10(r.scorer.spec.ScorePlaces)
	top *= ScoreMax
	keys := make([]uint64, 0, len(score))
	for j, v := range score {
		if q.Segment == "" || r.segment(j) == q.Segment {
			keys = append(keys, uint64(top-v)<<shift|uint64(j))
		}
	}
	radixSort(keys)
	n := len(keys)
	b := Board{Population: n}
	for start := 0; start < n && start < q.Top; {
		end := start + 1
		for end < n && keys[end]>>shift == keys[start]>>shift {
			end++
		}
		for _, key := range keys[start:end] {
			j := int(key & mask)
			b.Rows = append(b.Rows, boardRow(start+1, end-start, n, r.ids[j], decimal.New(score[j], -r.scorer.spec.ScorePlaces), prevRank))
		}
		start = end
	}
	return b, nil
}

// ranking is entries of one segment in board order with their ranks.
type ranking struct {
	order []int // indices into the entries, by descending value then ID
	rank  []int
}

// ties returns how many entries share the rank of position j.
func (r ranking) ties(j int) int {
	lo := r.rank[j] - 1
	hi := lo
	for hi < len(r.rank) && r.rank[hi] == r.rank[j] {
		hi++
	}
	return hi - lo
}

// ranked filters entries by segment and ranks them, comparing values as
// integers at 9 places when all fit and as decimals otherwise.
func ranked(entries []RankEntry, segment, member string) (ranking, error) {
	var r ranking
	if _, err := sortedIDs(len(entries), func(i int) string { return entries[i].ID }, member); err != nil {
		return ranking{}, err
	}
	ints := make([]int64, len(entries))
	fast := true
	for i, e := range entries {
		if segment != "" && e.Segment != segment {
			continue
		}
		r.order = append(r.order, i)
		if fast {
			ints[i], fast = fixed.FromDecimal(e.Value, 9)
		}
	}
	byValue := func(a, b int) int {
		if fast {
			return cmp.Compare(ints[b], ints[a])
		}
		return entries[b].Value.Cmp(entries[a].Value)
	}
	slices.SortFunc(r.order, func(a, b int) int { return cmp.Or(byValue(a, b), strings.Compare(entries[a].ID, entries[b].ID)) })
	r.rank = make([]int, len(r.order))
	for j, i := range r.order {
		if j > 0 && byValue(r.order[j-1], i) == 0 {
			r.rank[j] = r.rank[j-1]
		} else {
			r.rank[j] = j + 1
		}
	}
	return r, nil
}

// RankEntries returns every scored partner's rolling (or lifetime) score
// as leaderboard entries, in ascending order of id.
func (r Scores) RankEntries(lifetimeScore bool) []RankEntry {
	sp := rolling
	if lifetimeScore {
		sp = lifetime
	}
	out := make([]RankEntry, len(r.ids))
	for i := range out {
		out[i] = RankEntry{ID: r.ids[i], Segment: r.segment(i), Value: decimal.New(r.score[sp][i], -r.scorer.spec.ScorePlaces)}
	}
	return out
}
