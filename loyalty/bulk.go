package loyalty

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/internal/fixed"
)

// Bounds of the Unix times of column inputs: years 1 to 9999, UTC.
const (
	minUnix = -62135596800 // 0001-01-01T00:00:00Z
	maxUnix = 253402300799 // 9999-12-31T23:59:59Z
)

// ActivityColumns is a population in column form, for
// [Scorer.ScoreColumns]: the same information as a []PartnerActivity
// without a time.Time, a string or a slice per record. Partner i is
// IDs[i] (with Segments[i], Sizes[i] and Adjustments[i] when those
// columns are given) and owns the records Ends[i−1] to Ends[i] − 1
// (from 0 for the first partner) of the record columns Kinds, Times and
// Counts, which have one entry per record.
type ActivityColumns struct {
	IDs []string `json:"ids"`
	// Segments is empty or has one entry per partner.
	Segments []string `json:"segments,omitzero"`
	// Sizes is empty or has one entry per partner; required when a
	// pillar is PerSize.
	Sizes []int64 `json:"sizes,omitzero"`
	// Adjustments is empty or has one entry per partner.
	Adjustments [][]Adjustment `json:"adjustments,omitzero"`
	// Ends[i] is the end (exclusive) of partner i's records:
	// non-decreasing, the last equal to the number of records.
	Ends []int `json:"ends"`
	// Kinds[r] is record r's activity as an index into the scorer's
	// ScorerSpec.Activities.
	Kinds []int32 `json:"kinds"`
	// Times[r] is record r's time in whole seconds since 1970-01-01 UTC
	// (time.Time.Unix), within years 1 to 9999.
	Times []int64 `json:"times"`
	// Counts[r] is record r's number of occurrences, 0 to MaxCount.
	Counts []int64 `json:"counts"`
}

// ScoreColumns is [Scorer.Score] for a population in column form: for
// the same partners, records (at whole seconds) and adjustments it
// returns the same Scores. It is the bulk path: it allocates per
// population, not per partner or record, and is fastest when each
// partner's capped records come in time order (they are sorted
// otherwise). Errors are *InputError at paths into the columns:
// "/columns/ends" ([ErrRange]: a column length, or an end out of order),
// "/columns/ids/3" ([ErrEmpty], [ErrDuplicate]), "/columns/kinds/17"
// ([ErrUnknown]), "/columns/times/17" and "/columns/counts/17"
// ([ErrRange]), "/columns/sizes/3" ([ErrNonPositive]) and
// "/columns/adjustments/3/0/points" (as Score).
func (s Scorer) ScoreColumns(c ActivityColumns, at time.Time) (Scores, error) {
	if !s.IsValid() {
		return Scores{}, inputErr("/scorer", "", ErrInvalid)
	}
	if at.IsZero() {
		return Scores{}, inputErr("/at", "", ErrEmpty)
	}
	n, k := len(c.IDs), len(s.pillars)
	if err := c.check(n); err != nil {
		return Scores{}, err
	}
	order, err := idOrder(c.IDs)
	if err != nil {
		return Scores{}, err
	}
	out := s.newScores(n)
	b := s.newBulk(at)
	for j := range n {
		i := j
		if order != nil {
			i = order[j]
		}
		out.ids[j] = c.IDs[i]
		if len(c.Segments) > 0 {
			out.setSegment(j, n, c.Segments[i])
		}
		if len(c.Adjustments) > 0 {
			out.setAdjustments(j, n, c.Adjustments[i])
		}
		if err := b.partner(c, i, out.raw[rolling][j*k:(j+1)*k], out.raw[lifetime][j*k:(j+1)*k]); err != nil {
			return Scores{}, err
		}
	}
	return out.finish(), nil
}

// check verifies the columns' lengths and ends.
func (c ActivityColumns) check(n int) error {
	switch {
	case len(c.Ends) != n:
		return inputErr("/columns/ends", itoa(int64(len(c.Ends))), ErrRange)
	case len(c.Segments) != 0 && len(c.Segments) != n:
		return inputErr("/columns/segments", itoa(int64(len(c.Segments))), ErrRange)
	case len(c.Sizes) != 0 && len(c.Sizes) != n:
		return inputErr("/columns/sizes", itoa(int64(len(c.Sizes))), ErrRange)
	case len(c.Adjustments) != 0 && len(c.Adjustments) != n:
		return inputErr("/columns/adjustments", itoa(int64(len(c.Adjustments))), ErrRange)
	case len(c.Times) != len(c.Kinds):
		return inputErr("/columns/times", itoa(int64(len(c.Times))), ErrRange)
	case len(c.Counts) != len(c.Kinds):
		return inputErr("/columns/counts", itoa(int64(len(c.Counts))), ErrRange)
	}
	return checkEnds(c.Ends, len(c.Kinds))
}

// checkEnds verifies that ends are non-decreasing from 0 and that the
// last is rows.
func checkEnds(ends []int, rows int) error {
	prev := 0
	for i, e := range ends {
		if e < prev || e > rows {
			return inputErr(field.At("columns", "ends", i), itoa(int64(e)), ErrRange)
		}
		prev = e
	}
	if prev != rows {
		return inputErr("/columns/ends", itoa(int64(prev)), ErrRange)
	}
	return nil
}

// idOrder returns nil when ids are already in strictly ascending order
// (checked in one pass), else the order sortedIDs gives.
func idOrder(ids []string) ([]int, error) {
	for i, id := range ids {
		if id == "" || (i > 0 && id <= ids[i-1]) {
			return sortedKeys(len(ids), func(i int) string { return ids[i] }, func(i int) string { return field.At("columns", "ids", i) })
		}
	}
	return nil, nil
}

// bulk holds what ScoreColumns computes once per call and the buffers it
// reuses from partner to partner.
type bulk struct {
	s      Scorer
	at     time.Time
	atUnix int64
	window int64     // seconds
	decay  []int64   // decay factor by age in days; beyond it, 0
	acts   []bulkAct // in ScorerSpec.Activities order
	caps   []capState
	// months[d − monthBase] numbers the month of day d (year · 12 +
	// month − 1) for the days before at that caps most often meet
	months    []int64
	monthBase int64
	// a partner's records, permuted into Score's order when needed
	order                []int
	kinds                []int32
	times, counts, moved []int64
}

// bulkAct is an activity as the hot loop reads it.
type bulkAct struct {
	points  int64
	fastMax int64 // largest count whose count · points · 10^P fits an int64
	cap     int64
	pillar  int
	rank    int // position of its kind in name order
	window  CapWindow
}

// capState is a capped activity's state while a partner's records are
// read: the current cap window and the occurrences it admitted, over the
// whole history and in the rolling window, and the last record seen.
type capState struct {
	lifeKey, lifeUsed int64
	rollKey, rollUsed int64
	lastTime, lastN   int64
}

// admit returns how many of count occurrences in the window numbered key
// a cap of limit still admits, given the window and usage so far.
func admit(limit, count, key int64, cur, used *int64) int64 {
	if key != *cur {
		*cur, *used = key, 0
	}
	count = min(count, limit-*used)
	*used += count
	return count
}

func (s Scorer) newBulk(at time.Time) *bulk {
	n := len(s.activities)
	b := &bulk{s: s, at: at, atUnix: at.Unix(), window: int64(s.spec.WindowDays) * 86400,
		caps: make([]capState, n)}
	if h := int64(s.spec.HalfLifeDays); h > 0 {
		b.decay = make([]int64, 63*h) // a factor halved 63 times is 0
		for age := range b.decay {
			b.decay[age] = s.factor(int64(age))
		}
	}
	for _, a := range s.activities {
		if a.cap > 0 && a.window >= PerMonth && b.months == nil {
			b.monthBase = floorDiv(b.atUnix, 86400) - monthDays + 1
			b.months = make([]int64, monthDays)
			for d := range b.months {
				y, m := civil(b.monthBase + int64(d))
				b.months[d] = y*12 + m - 1
			}
		}
	}
	for _, a := range s.bySpec {
		act := s.activities[a]
		m := int64(0)
		if pone, ok := fixed.MulChecked(act.points, s.one); ok {
			m = math.MaxInt64 / pone
		}
		b.acts = append(b.acts, bulkAct{points: act.points, fastMax: m, cap: act.cap, pillar: act.pillar, rank: a, window: act.window})
	}
	return b
}

// partner accumulates partner i's records and adjustments into its raw
// pillar values, as Scorer.accumulate does for a PartnerActivity.
func (b *bulk) partner(c ActivityColumns, i int, roll, life []int64) error {
	lo, hi := 0, c.Ends[i]
	if i > 0 {
		lo = c.Ends[i-1]
	}
	rows := func(x int) int { return lo + x }
	stop, err := b.records(c.Kinds[lo:hi], c.Times[lo:hi], c.Counts[lo:hi], rows, false, roll, life)
	if stop {
		// a capped activity's records out of time order: take them in
		// the order Score uses (time, kind, count) and start again
		clear(roll)
		clear(life)
		b.permute(c, lo, hi)
		rows = func(x int) int { return b.order[x] }
		_, err = b.records(b.kinds, b.times, b.counts, rows, true, roll, life)
	}
	if err != nil {
		return err
	}
	var adjs []Adjustment
	if len(c.Adjustments) > 0 {
		adjs = c.Adjustments[i]
	}
	window := time.Duration(b.s.spec.WindowDays) * 24 * time.Hour
	adjPath := func(j int, m string) string { return field.At("columns", "adjustments", i, j, m) }
	if err := b.s.adjust(adjs, adjPath, b.at, window, roll, life); err != nil {
		return err
	}
	var size int64
	if len(c.Sizes) > 0 {
		size = c.Sizes[i]
	}
	return b.s.perSize(size, func() string { return field.At("columns", "sizes", i) }, roll, life)
}

// permute copies records lo to hi − 1 into b's buffers in Score's order:
// time, kind name, count (b.order maps them back to rows).
func (b *bulk) permute(c ActivityColumns, lo, hi int) {
	rank := func(r int) int {
		if k := c.Kinds[r]; k >= 0 && int(k) < len(b.acts) {
			return b.acts[k].rank
		}
		return -1 // reported as unknown in the second pass
	}
	b.order = b.order[:0]
	for r := lo; r < hi; r++ {
		b.order = append(b.order, r)
	}
	slices.SortFunc(b.order, func(x, y int) int {
		return cmp.Or(cmp.Compare(c.Times[x], c.Times[y]), cmp.Compare(rank(x), rank(y)), cmp.Compare(c.Counts[x], c.Counts[y]))
	})
	b.kinds, b.times, b.counts = b.kinds[:0], b.times[:0], b.counts[:0]
	for _, r := range b.order {
		b.kinds = append(b.kinds, c.Kinds[r])
		b.times = append(b.times, c.Times[r])
		b.counts = append(b.counts, c.Counts[r])
	}
}

// records adds the decayed, capped points of one partner's records to
// roll and life (row(x) is record x's row in the columns, for errors).
// Unless ordered, it stops and returns true as soon as a capped
// activity's records are not in (time, count) order: caps must take them
// in the order Score does.
func (b *bulk) records(kinds []int32, times, counts []int64, row func(int) int, ordered bool, roll, life []int64) (bool, error) {
	for a := range b.caps {
		b.caps[a] = capState{math.MinInt64, 0, math.MinInt64, 0, math.MinInt64, math.MinInt64}
	}
	times, counts = times[:len(kinds)], counts[:len(kinds)]
	acts, caps, atUnix, window, places := b.acts, b.caps[:len(b.acts)], b.atUnix, b.window, b.s.spec.PointPlaces
	decay, one := b.decay, b.s.one
	for x, k := range kinds {
		count, t := counts[x], times[x]
		if uint(k) >= uint(len(acts)) || uint64(count) > MaxCount || uint64(t-minUnix) > maxUnix-minUnix {
			return false, recordErr(k, len(acts), count, t, row(x))
		}
		age := atUnix - t
		if age < 0 {
			continue // not yet
		}
		act := &acts[k]
		f := one // no decay
		if decay != nil {
			f = 0 // a factor halved 63 times
			if days := age / 86400; days < int64(len(decay)) {
				f = decay[days]
			}
		}
		n, rn := count, count
		if act.cap > 0 {
			cs := &caps[k]
			if !ordered && (t < cs.lastTime || t == cs.lastTime && count < cs.lastN) {
				return true, nil
			}
			cs.lastTime, cs.lastN = t, count
			key := b.windowKey(act.window, floorDiv(t, 86400))
			n = admit(act.cap, count, key, &cs.lifeKey, &cs.lifeUsed)
			if age < window {
				rn = admit(act.cap, count, key, &cs.rollKey, &cs.rollUsed)
			}
		}
		var pts int64
		if n <= act.fastMax {
			pts = divPow10(n*act.points*f, places)
		} else if v, ok := b.s.decayed(n, act.points, f); ok {
			pts = v
		} else {
			return false, inputErr(field.At("columns", "counts", row(x)), itoa(count), ErrRange)
		}
		life[act.pillar] += pts
		if age < window {
			if rn != n { // the window's own cap usage admits more
				if rn <= act.fastMax {
					pts = divPow10(rn*act.points*f, places)
				} else {
					pts, _ = b.s.decayed(rn, act.points, f)
				}
			}
			roll[act.pillar] += pts
		}
		if life[act.pillar] > maxPoints {
			return false, inputErr(field.At("columns", "counts", row(x)), itoa(count), ErrRange)
		}
	}
	return false, nil
}

// monthDays is the number of days before the evaluation time whose
// month ScoreColumns looks up rather than computes.
const monthDays = 4096

// windowKey is windowKey, with the month looked up when day is in the
// table.
func (b *bulk) windowKey(w CapWindow, day int64) int64 {
	switch w {
	case PerMonth:
		return b.month(day)
	case PerQuarter:
		return floorDiv(b.month(day), 3) // year · 4 + (month − 1) / 3
	case PerYear:
		return floorDiv(b.month(day), 12)
	case CapWindowUnspecified, PerDay, PerWeek:
	}
	return windowKey(w, day)
}

// month numbers day's month: year · 12 + month − 1.
func (b *bulk) month(day int64) int64 {
	if i := day - b.monthBase; i >= 0 && i < int64(len(b.months)) {
		return b.months[i]
	}
	y, m := civil(day)
	return y*12 + m - 1
}

// recordErr returns the error of a record with a kind, count or time out
// of range.
func recordErr(k int32, kinds int, count, t int64, row int) error {
	switch {
	case k < 0 || int(k) >= kinds:
		return inputErr(field.At("columns", "kinds", row), itoa(int64(k)), ErrUnknown)
	case count < 0 || count > MaxCount:
		return inputErr(field.At("columns", "counts", row), itoa(count), ErrRange)
	}
	return inputErr(field.At("columns", "times", row), itoa(t), ErrRange)
}

// divPow10 returns ⌊v / 10^places⌋ for v ≥ 0 and places in [0, 9], with
// constant divisors (which compile to multiplications).
func divPow10(v int64, places int32) int64 {
	switch places {
	case 0:
		return v
	case 1:
		return v / 10
	case 2:
		return v / 100
	case 3:
		return v / 1_000
	case 4:
		return v / 10_000
	case 5:
		return v / 100_000
	case 6:
		return v / 1_000_000
	case 7:
		return v / 10_000_000
	case 8:
		return v / 100_000_000
	}
	return v / 1_000_000_000
}
