package loyalty

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

// Activity is a record of Count occurrences of an activity Kind at time
// At (a course completed, a deal registered, a portal login, a campaign
// run). Hosts may record occurrences one by one or aggregated.
type Activity struct {
	Kind  string    `json:"kind"`
	At    time.Time `json:"at"`
	Count int64     `json:"count"`
}

// Adjustment is a manual change to a partner's raw pillar value: signed
// points, not decayed, that count from Effective on, with the Reason
// recorded for the audit.
type Adjustment struct {
	Pillar    string          `json:"pillar"`
	Points    decimal.Decimal `json:"points"`
	Reason    string          `json:"reason"`
	Effective time.Time       `json:"effective"`
}

// Equal reports whether a and o are the same adjustment.
func (a Adjustment) Equal(o Adjustment) bool {
	return a.Pillar == o.Pillar && a.Points.Equal(o.Points) && a.Reason == o.Reason && a.Effective.Equal(o.Effective)
}

// PartnerActivity is one partner's input to Scorer.Score: its activity
// records and manual adjustments, its segment (for leaderboards) and its
// size (headcount or another positive measure; required when a pillar is
// PerSize).
type PartnerActivity struct {
	ID          string       `json:"id"`
	Segment     string       `json:"segment,omitzero"`
	Size        int64        `json:"size,omitzero"`
	Events      []Activity   `json:"events,omitzero"`
	Adjustments []Adjustment `json:"adjustments,omitzero"`
}

// normOne is 1 at NormPlaces.
const normOne = 1_000_000_000

// spans: the rolling window and the whole history.
const (
	rolling = iota
	lifetime
	spans
)

// Scores is the result of Scorer.Score: every partner's rolling and
// lifetime score, in ascending order of partner id. It keeps the figures
// as integers and builds decimals only when a partner's Score is read.
type Scores struct {
	scorer   Scorer
	ids      []string
	segments []string
	adjust   [][]Adjustment
	raw      [spans][]int64 // partner × pillar, at PointPlaces
	norm     [spans][]int64 // partner × pillar, at NormPlaces
	exact    [spans][]int64 // partner, at exactPlaces
	score    [spans][]int64 // partner, at ScorePlaces
}

// Score scores every partner as of at: see the package documentation for
// the method. Records after at are not counted yet. Errors are
// *InputError with paths such as "/partners/3/events/7/kind"
// ([ErrUnknown]), "/partners/3/events/7/count" ([ErrRange]),
// "/partners/3/id" ([ErrEmpty], [ErrDuplicate]) or "/partners/3/size"
// ([ErrNonPositive]).
func (s Scorer) Score(partners []PartnerActivity, at time.Time) (Scores, error) {
	if !s.IsValid() {
		return Scores{}, inputErr("/scorer", "", ErrInvalid)
	}
	if at.IsZero() {
		return Scores{}, inputErr("/at", "", ErrEmpty)
	}
	order, err := sortedIDs(len(partners), func(i int) string { return partners[i].ID }, "partners")
	if err != nil {
		return Scores{}, err
	}
	n, k := len(partners), len(s.pillars)
	out := s.newScores(n)
	sc := newScratch(len(s.activities))
	for j, i := range order {
		p := partners[i]
		out.ids[j] = p.ID
		out.setSegment(j, n, p.Segment)
		out.setAdjustments(j, n, p.Adjustments)
		if err := s.accumulate(p, i, at, out.raw[rolling][j*k:(j+1)*k], out.raw[lifetime][j*k:(j+1)*k], &sc); err != nil {
			return Scores{}, err
		}
	}
	return out.finish(), nil
}

// finish normalises the raw values of r and totals its scores.
func (r Scores) finish() Scores {
	n := len(r.ids)
	for sp := range spans {
		r.scorer.normalise(r.raw[sp], r.norm[sp], n)
		r.scorer.total(r.norm[sp], r.exact[sp], r.score[sp])
	}
	return r
}

// newScores allocates the Scores of n partners.
func (s Scorer) newScores(n int) Scores {
	k := len(s.pillars)
	out := Scores{scorer: s, ids: make([]string, n)}
	for sp := range spans {
		out.raw[sp] = make([]int64, n*k)
		out.norm[sp] = make([]int64, n*k)
		out.exact[sp] = make([]int64, n)
		out.score[sp] = make([]int64, n)
	}
	return out
}

// setSegment records the segment of partner j of n; the column is
// allocated at the first partner that has one.
func (r *Scores) setSegment(j, n int, segment string) {
	if segment == "" {
		return
	}
	if r.segments == nil {
		r.segments = make([]string, n)
	}
	r.segments[j] = segment
}

// setAdjustments records a copy of the adjustments of partner j of n;
// the column is allocated at the first partner that has some.
func (r *Scores) setAdjustments(j, n int, adjs []Adjustment) {
	if len(adjs) == 0 {
		return
	}
	if r.adjust == nil {
		r.adjust = make([][]Adjustment, n)
	}
	r.adjust[j] = slices.Clone(adjs)
}

// sortedIDs returns the indices of n records in ascending order of id,
// rejecting empty and duplicate ids at "/<member>/<i>/id".
func sortedIDs(n int, id func(int) string, member string) ([]int, error) {
	return sortedKeys(n, id, func(i int) string { return field.At(member, i, "id") })
}

// sortedKeys is sortedIDs with the path of record i's id given by path.
func sortedKeys(n int, id func(int) string, path func(int) string) ([]int, error) {
	order := make([]int, n)
	for i := range order {
		order[i] = i
		if id(i) == "" {
			return nil, inputErr(path(i), "", ErrEmpty)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(strings.Compare(id(a), id(b)), cmp.Compare(a, b)) })
	for j := 1; j < n; j++ {
		if id(order[j]) == id(order[j-1]) {
			return nil, inputErr(path(order[j]), id(order[j]), ErrDuplicate)
		}
	}
	return order, nil
}

// scratch holds per-call buffers reused from partner to partner.
type scratch struct {
	life, roll capUse
	order      []int
}

// capUse tracks, per activity, the current cap window and the
// occurrences counted in it.
type capUse struct{ key, used []int64 }

func newScratch(activities int) scratch {
	return scratch{
		life: capUse{key: make([]int64, activities), used: make([]int64, activities)},
		roll: capUse{key: make([]int64, activities), used: make([]int64, activities)},
	}
}

// points returns the decayed points of count occurrences of activity a
// on day, age old, after its cap (updating u): occurrences beyond the cap
// in a window are not counted; records are fed in time order.
func (s Scorer) points(act activity, a int, count, day int64, age time.Duration, u capUse) (int64, bool) {
	if act.cap > 0 {
		count = u.take(act, a, count, day)
	}
	return s.decayed(count, act.points, s.factor(int64(age/(24*time.Hour))))
}

// take returns how many of count occurrences of activity a on day the
// cap still admits in the day's window, and counts them as used.
func (u capUse) take(act activity, a int, count, day int64) int64 {
	return u.admit(act.cap, a, count, windowKey(act.window, day))
}

// admit is admit for activity a's usage in u.
func (u capUse) admit(limit int64, a int, count, key int64) int64 {
	return admit(limit, count, key, &u.key[a], &u.used[a])
}

// decayed returns ⌊count · points · factor / 10^PointPlaces⌋, or false
// when count · points overflows.
func (s Scorer) decayed(count, points, factor int64) (int64, bool) {
	pts, ok := fixed.MulChecked(count, points)
	if ok {
		pts, ok = fixed.MulDivRound(pts, factor, s.one, money.Floor)
	}
	return pts, ok
}

// accumulate adds partner p's decayed, capped points and adjustments to
// its raw pillar values (rolling and lifetime), then applies its size.
func (s Scorer) accumulate(p PartnerActivity, i int, at time.Time, roll, life []int64, sc *scratch) error {
	for a := range sc.life.key {
		sc.life.key[a], sc.life.used[a] = -1<<63, 0
		sc.roll.key[a], sc.roll.used[a] = -1<<63, 0
	}
	sc.order = sc.order[:0]
	for e := range p.Events {
		sc.order = append(sc.order, e)
	}
	// Caps count chronologically, and points are floored per record, so
	// which records a cap keeps must not depend on input order: capped
	// records are taken by time, then kind, then count — an order on their
	// content, so that records it does not separate are identical.
	if s.capped {
		slices.SortFunc(sc.order, func(a, b int) int {
			x, y := p.Events[a], p.Events[b]
			if c := x.At.Compare(y.At); c != 0 {
				return c
			}
			if c := strings.Compare(x.Kind, y.Kind); c != 0 {
				return c
			}
			return cmp.Compare(x.Count, y.Count)
		})
	}
	window := time.Duration(s.spec.WindowDays) * 24 * time.Hour
	for _, e := range sc.order {
		ev := p.Events[e]
		a, err := s.check(ev, i, e)
		if err != nil {
			return err
		}
		age := at.Sub(ev.At)
		if age < 0 {
			continue // not yet
		}
		act := s.activities[a]
		var day int64
		if act.cap > 0 {
			day = unixDay(ev.At)
		}
		pts, ok := s.points(act, a, ev.Count, day, age, sc.life)
		if !ok {
			return inputErr(field.At("partners", i, "events", e, "count"), itoa(ev.Count), ErrRange)
		}
		life[act.pillar] += pts
		if age < window { // the window's own activity, with its own cap usage
			if act.cap > 0 {
				pts, _ = s.points(act, a, ev.Count, day, age, sc.roll)
			}
			roll[act.pillar] += pts
		}
		if life[act.pillar] > maxPoints {
			return inputErr(field.At("partners", i, "events", e), "", ErrRange)
		}
	}
	adjPath := func(j int, m string) string { return field.At("partners", i, "adjustments", j, m) }
	if err := s.adjust(p.Adjustments, adjPath, at, window, roll, life); err != nil {
		return err
	}
	return s.perSize(p.Size, func() string { return field.At("partners", i, "size") }, roll, life)
}

// check validates one activity record and returns its activity index.
func (s Scorer) check(ev Activity, i, e int) (int, error) {
	a, found := s.lookup(ev.Kind)
	switch {
	case !found:
		return 0, inputErr(field.At("partners", i, "events", e, "kind"), ev.Kind, ErrUnknown)
	case ev.Count < 0 || ev.Count > MaxCount:
		return 0, inputErr(field.At("partners", i, "events", e, "count"), itoa(ev.Count), ErrRange)
	case ev.At.IsZero():
		return 0, inputErr(field.At("partners", i, "events", e, "at"), "", ErrEmpty)
	}
	return a, nil
}

// lookup returns the index of the activity of the given kind.
func (s Scorer) lookup(kind string) (int, bool) {
	if len(s.activities) <= 8 {
		for a := range s.activities {
			if s.activities[a].kind == kind {
				return a, true
			}
		}
		return 0, false
	}
	return slices.BinarySearchFunc(s.activities, kind, func(x activity, k string) int { return strings.Compare(x.kind, k) })
}

// adjust applies a partner's manual adjustments in effect at at (errors
// at base(j, member)); a raw value never goes below zero.
func (s Scorer) adjust(adjs []Adjustment, base func(j int, m string) string, at time.Time, window time.Duration, roll, life []int64) error {
	for j, adj := range adjs {
		path := func(m string) string { return base(j, m) }
		q := slices.IndexFunc(s.spec.Pillars, func(ps PillarSpec) bool { return ps.Name == adj.Pillar })
		pts, ok := fixed.FromDecimal(adj.Points, s.spec.PointPlaces)
		switch {
		case q < 0:
			return inputErr(path("pillar"), adj.Pillar, ErrUnknown)
		case !ok || pts > maxPoints || pts < -maxPoints:
			return inputErr(path("points"), adj.Points.String(), ErrRange)
		case strings.TrimSpace(adj.Reason) == "":
			return inputErr(path("reason"), "", ErrEmpty)
		case adj.Effective.IsZero():
			return inputErr(path("effective"), "", ErrEmpty)
		}
		age := at.Sub(adj.Effective)
		if age < 0 {
			continue
		}
		life[q] += pts
		if age < window {
			roll[q] += pts
		}
		if life[q] > maxPoints || roll[q] > maxPoints {
			return inputErr(path("points"), adj.Points.String(), ErrRange)
		}
	}
	for q := range life {
		life[q], roll[q] = max(life[q], 0), max(roll[q], 0)
	}
	return nil
}

// perSize divides PerSize pillars by the partner's size, rounding down to
// PointPlaces (an error at path() for a size that is not positive).
func (s Scorer) perSize(size int64, path func() string, roll, life []int64) error {
	for q, pl := range s.pillars {
		if !pl.perSize {
			continue
		}
		if size <= 0 {
			return inputErr(path(), itoa(size), ErrNonPositive)
		}
		roll[q] /= size
		life[q] /= size
	}
	return nil
}

// normalise maps raw values (partner × pillar) to [0, 1] at NormPlaces,
// rounding down.
func (s Scorer) normalise(raw, norm []int64, n int) {
	k := len(s.pillars)
	if n == 0 {
		return
	}
	col := make([]int64, n)
	for q, pl := range s.pillars {
		for j := range n {
			col[j] = raw[j*k+q]
		}
		switch pl.method {
		case MinMax:
			lo, hi := slices.Min(col), slices.Max(col)
			if hi == lo {
				for j, x := range col {
					norm[j*k+q] = ratio(0, 0, x > 0)
				}
				break
			}
			d := newDivider(hi - lo)
			for j, x := range col {
				norm[j*k+q] = d.ratio(x - lo)
			}
		case PercentileRank:
			percentileRanks(col, func(j int, v int64) { norm[j*k+q] = v })
		case FixedTarget:
			d := newDivider(pl.target)
			for j, x := range col {
				norm[j*k+q] = d.ratio(min(x, pl.target))
			}
		case NormalisationUnspecified: // rejected by NewScorer
		}
	}
}

// percentileRanks calls set(j, (B + E/2) / N) for every value col[j], at
// NormPlaces rounded down, B values strictly below, E equal. Values are
// sorted once: as keys value·2^b + j when they fit an int64 (b bits
// for the index), else as a copy searched per value.
func percentileRanks(col []int64, set func(j int, v int64)) {
	n := len(col)
	shift := bits.Len(uint(n))
	if lo, hi := slices.Min(col), slices.Max(col); lo >= 0 && bits.Len64(uint64(hi))+shift <= 62 {
		keys := make([]uint64, n)
		for j, x := range col {
			keys[j] = uint64(x)<<shift | uint64(j)
		}
		radixSort(keys)
		mask := uint64(1)<<shift - 1
		for below := 0; below < n; {
			upto := below + 1
			for upto < n && keys[upto]>>shift == keys[below]>>shift {
				upto++
			}
			v := ratio(int64(2*below+(upto-below)), int64(2*n), true)
			for _, key := range keys[below:upto] {
				set(int(key&mask), v)
			}
			below = upto
		}
		return
	}
	sorted := slices.Clone(col)
	slices.Sort(sorted)
	for j, x := range col {
		below, _ := slices.BinarySearch(sorted, x)
		upto, _ := slices.BinarySearch(sorted, x+1)
		set(j, ratio(int64(2*below+(upto-below)), int64(2*n), true))
	}
}

// divider divides by a fixed d > 0 with a multiplication: m = ⌊(2^64 −
// 1) / d⌋ gives an estimate ⌊x · m / 2^64⌋ of ⌊x / d⌋ that is exact or
// one short for 0 ≤ x < 2^63, corrected by the remainder.
type divider struct{ d, m uint64 }

func newDivider(d int64) divider { return divider{uint64(d), math.MaxUint64 / uint64(d)} }

// div returns ⌊x / d⌋ for 0 ≤ x < 2^63.
func (v divider) div(x int64) int64 {
	q, _ := bits.Mul64(uint64(x), v.m)
	if uint64(x)-q*v.d >= v.d {
		q++
	}
	return int64(q)
}

// ratio is ratio(num, d, true): ⌊num / d · 10^NormPlaces⌋ for
// 0 ≤ num ≤ d.
func (v divider) ratio(num int64) int64 {
	if num <= math.MaxInt64/normOne {
		return v.div(num * normOne)
	}
	r, _ := fixed.MulDivRound(num, normOne, int64(v.d), money.Floor)
	return r
}

// ratio returns ⌊num / den · 10^NormPlaces⌋ for 0 ≤ num ≤ den, and for
// den = 0 (every value equal) 1 if positive is true, else 0. Operands
// are bounded by maxPoints, so the 128-bit product never overflows.
func ratio(num, den int64, positive bool) int64 {
	if den == 0 {
		if positive {
			return normOne
		}
		return 0
	}
	if num <= math.MaxInt64/normOne { // the common case, without 128-bit arithmetic
		return num * normOne / den
	}
	v, _ := fixed.MulDivRound(num, normOne, den, money.Floor)
	return v
}

// total computes each partner's exact score, Σ weight · norm · 100 at
// exactPlaces, and the reported score rounded half-even once to
// ScorePlaces.
func (s Scorer) total(norm, exact, score []int64) {
	k := len(s.pillars)
	div, _ := fixed.Pow10(exactPlaces - s.spec.ScorePlaces)
	for j := range exact {
		var t int64
		for q, pl := range s.pillars {
			t += pl.weight * norm[j*k+q]
		}
		exact[j] = t * ScoreMax
		score[j], _ = fixed.DivRound(exact[j], div, money.HalfEven)
	}
}
