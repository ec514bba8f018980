package loyalty

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
)

// MaxColumnPlaces is the largest SnapshotColumns.Places.
const MaxColumnPlaces = 18

// SnapshotColumns is many partners' snapshots in column form, for
// [Ladder.WalkColumns]: the same information as one []Snapshot per
// partner, with integer values at a fixed scale. Partner i owns rows
// Ends[i−1] to Ends[i] − 1 (from 0 for the first partner); row r was
// observed at Times[r] and its value of metric Metrics[m] is
// Values[r·len(Metrics) + m] · 10^−Places.
type SnapshotColumns struct {
	// Places is the number of places of Values, 0 to MaxColumnPlaces.
	Places int32 `json:"places"`
	// Metrics names the value columns: unique, and including every
	// metric of the ladder's criteria.
	Metrics []string `json:"metrics"`
	// Ends[i] is the end (exclusive) of partner i's rows: increasing
	// (every partner has a row), the last equal to the number of rows.
	Ends []int `json:"ends"`
	// Times[r] is row r's time in whole seconds since 1970-01-01 UTC
	// (time.Time.Unix), within years 1 to 9999.
	Times []int64 `json:"times"`
	// Values holds len(Metrics) values per row, row after row.
	Values []int64 `json:"values"`
}

// Standings is the result of Ladder.WalkColumns: every partner's
// standing, in the order of the columns' partners. It keeps the figures
// as integers and builds a Standing only when one is read.
type Standings struct {
	ladder  Ladder
	places  int32
	metrics []string
	level   []int
	since   []int64 // Unix seconds, noTime for none
	below   []int64
	ends    []int // end of each partner's changes
	changes []change
	last    []int64 // each partner's last row
}

type change struct {
	at       int64
	from, to int
}

// noTime marks an absent time in Standings.
const noTime = math.MinInt64

// limit is a bound at the columns' scale: v ≥ at (never when never).
type limit struct {
	at    int64
	never bool
}

// limitAt returns the integer bound equivalent to x for values at places:
// v · 10^−places ≥ x ⇔ v ≥ ⌈x · 10^places⌉.
func limitAt(x decimal.Decimal, places int32) limit {
	c := x.Shift(places).Ceil()
	switch {
	case c.GreaterThan(decimal.New(math.MaxInt64, 0)):
		return limit{never: true}
	case c.LessThan(decimal.New(math.MinInt64, 0)):
		return limit{at: math.MinInt64}
	}
	return limit{at: c.IntPart()}
}

// colCriterion is a criterion read from the columns.
type colCriterion struct {
	col             int
	promote, retain limit
}

// Len returns the number of partners.
func (s Standings) Len() int { return len(s.level) }

// Level returns the name of partner i's level (0 ≤ i < Len; "" out of
// range).
func (s Standings) Level(i int) string {
	if i < 0 || i >= len(s.level) {
		return ""
	}
	return s.ladder.spec.Levels[s.level[i]].Name
}

// Partner returns partner i's standing, equal to what Walk returns for
// its snapshots (0 ≤ i < Len; out of range, the zero Standing).
func (s Standings) Partner(i int) Standing {
	if i < 0 || i >= len(s.level) {
		return Standing{}
	}
	l := s.ladder
	cur := s.level[i]
	st := Standing{Level: l.spec.Levels[cur].Name, Since: unixTime(s.since[i])}
	lo := 0
	if i > 0 {
		lo = s.ends[i-1]
	}
	for _, c := range s.changes[lo:s.ends[i]] {
		st.Changes = append(st.Changes, LevelChange{At: unixTime(c.at), From: l.spec.Levels[c.from].Name, To: l.spec.Levels[c.to].Name})
	}
	m := len(s.metrics)
	last := Snapshot{Metrics: make([]Metric, m)}
	for j, name := range s.metrics {
		last.Metrics[j] = Metric{Name: name, Value: decimal.New(s.last[i*m+j], -s.places)}
	}
	if s.below[i] != noTime {
		st.AtRisk, st.BelowSince = true, unixTime(s.below[i])
		st.DemotionDue = st.BelowSince.Add(time.Duration(l.spec.GraceDays) * 24 * time.Hour)
		st.Risks = l.shortfalls(last, cur, false)
	}
	if cur+1 < len(l.levels) {
		st.Next = l.spec.Levels[cur+1].Name
		st.Gaps = l.shortfalls(last, cur+1, true)
	}
	return st
}

func unixTime(sec int64) time.Time {
	if sec == noTime {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

// WalkColumns is [Ladder.Walk] for many partners in column form: for
// the same snapshots (at whole seconds) partner i's Standings.Partner(i)
// equals Walk's result. It allocates per population, not per partner or
// snapshot, and is fastest when each partner's rows are in time order
// (they are sorted otherwise). Errors are *InputError: "/columns/places"
// ([ErrRange]), "/columns/metrics" ([ErrEmpty]: a ladder metric without
// a column; [ErrRange]: a length that does not match),
// "/columns/metrics/1" ([ErrEmpty], [ErrDuplicate]), "/columns/ends/3"
// ([ErrEmpty]: a partner without rows; [ErrRange]),
// "/columns/times/17" ([ErrRange]; [ErrDuplicate] for two rows of a
// partner at one time).
func (l Ladder) WalkColumns(c SnapshotColumns) (Standings, error) {
	if !l.IsValid() {
		return Standings{}, inputErr("/ladder", "", ErrInvalid)
	}
	levels, err := l.columnCriteria(c)
	if err != nil {
		return Standings{}, err
	}
	n, m := len(c.Ends), len(c.Metrics)
	if err := checkEnds(c.Ends, len(c.Times)); err != nil {
		return Standings{}, err
	}
	out := Standings{ladder: l, places: c.Places, metrics: slices.Clone(c.Metrics), level: make([]int, n),
		since: make([]int64, n), below: make([]int64, n), ends: make([]int, n), last: make([]int64, n*m), changes: make([]change, 0, n)}
	grace := int64(l.spec.GraceDays) * 86400
	var order []int
	for i := range n {
		lo := 0
		if i > 0 {
			lo = c.Ends[i-1]
		}
		hi := c.Ends[i]
		if lo == hi {
			return Standings{}, inputErr(field.At("columns", "ends", i), itoa(int64(hi)), ErrEmpty)
		}
		order, err = rowOrder(c.Times, lo, hi, order[:0])
		if err != nil {
			return Standings{}, err
		}
		cur, since, below := 0, int64(noTime), int64(noTime)
		for _, r := range order {
			t, vals := c.Times[r], c.Values[r*m:(r+1)*m]
			if up := colPromotion(levels, vals, cur); up > cur {
				out.changes = append(out.changes, change{at: t, from: cur, to: up})
				cur, since, below = up, t, noTime
				continue
			}
			if colMeets(levels[cur], vals, false) {
				below = noTime
				continue
			}
			if below == noTime {
				below = t
			}
			if t-below >= grace {
				down := cur - 1
				for down > 0 && !colMeets(levels[down], vals, false) {
					down--
				}
				out.changes = append(out.changes, change{at: t, from: cur, to: down})
				cur, since, below = down, t, noTime
			}
		}
		r := order[len(order)-1]
		copy(out.last[i*m:(i+1)*m], c.Values[r*m:(r+1)*m])
		out.level[i], out.since[i], out.below[i], out.ends[i] = cur, since, below, len(out.changes)
	}
	out.changes = slices.Clip(out.changes)
	return out, nil
}

// columnCriteria checks the columns' shape and compiles the ladder's
// criteria against their metrics and places.
func (l Ladder) columnCriteria(c SnapshotColumns) ([][]colCriterion, error) {
	m := len(c.Metrics)
	switch {
	case c.Places < 0 || c.Places > MaxColumnPlaces:
		return nil, inputErr("/columns/places", itoa(int64(c.Places)), ErrRange)
	case m == 0 || len(c.Values) != len(c.Times)*m:
		return nil, inputErr("/columns/metrics", itoa(int64(m)), ErrRange)
	}
	for j, name := range c.Metrics {
		switch {
		case name == "":
			return nil, inputErr(field.At("columns", "metrics", j), "", ErrEmpty)
		case slices.Index(c.Metrics, name) < j:
			return nil, inputErr(field.At("columns", "metrics", j), name, ErrDuplicate)
		}
	}
	levels := make([][]colCriterion, len(l.levels))
	for i, cs := range l.levels {
		for _, cr := range cs {
			col := slices.Index(c.Metrics, cr.metric)
			if col < 0 {
				return nil, inputErr("/columns/metrics", cr.metric, ErrEmpty)
			}
			levels[i] = append(levels[i], colCriterion{col: col, promote: limitAt(cr.promote.d, c.Places), retain: limitAt(cr.retain.d, c.Places)})
		}
	}
	return levels, nil
}

// rowOrder checks rows lo to hi − 1 (times in range, none equal) and
// returns them in time order, appended to buf (sorted only when they are
// not in order already).
func rowOrder(times []int64, lo, hi int, buf []int) ([]int, error) {
	sorted := true
	for r := lo; r < hi; r++ {
		if t := times[r]; t < minUnix || t > maxUnix {
			return nil, inputErr(field.At("columns", "times", r), itoa(t), ErrRange)
		}
		sorted = sorted && (r == lo || times[r-1] < times[r])
	}
	for r := lo; r < hi; r++ {
		buf = append(buf, r)
	}
	if sorted {
		return buf, nil
	}
	slices.SortFunc(buf, func(a, b int) int { return cmp.Compare(times[a], times[b]) })
	for j := 1; j < len(buf); j++ {
		if times[buf[j]] == times[buf[j-1]] {
			hi := max(buf[j], buf[j-1])
			return nil, inputErr(field.At("columns", "times", hi), itoa(times[hi]), ErrDuplicate)
		}
	}
	return buf, nil
}

// colPromotion returns the highest level above cur whose promote bounds
// vals meets, or cur.
func colPromotion(levels [][]colCriterion, vals []int64, cur int) int {
	for up := len(levels) - 1; up > cur; up-- {
		if colMeets(levels[up], vals, true) {
			return up
		}
	}
	return cur
}

// colMeets reports whether vals meet every promote (or retain) bound of a
// level.
func colMeets(level []colCriterion, vals []int64, promote bool) bool {
	for _, c := range level {
		b := c.retain
		if promote {
			b = c.promote
		}
		if b.never || vals[c.col] < b.at {
			return false
		}
	}
	return true
}
