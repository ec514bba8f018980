package loyalty

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Limits of a ladder.
const (
	// MaxLadderBytes is the largest ladder document ParseLadder reads.
	MaxLadderBytes = 64 << 10
	// MaxLadderDepth is the deepest nesting of a ladder document.
	MaxLadderDepth = 5
	// MaxGraceDays is the longest grace period.
	MaxGraceDays = 3660
)

// metricPlaces is the scale of the integer fast path of metric
// comparisons (values with more places take the decimal path).
const metricPlaces = 6

// LadderSpec is the open form (and the JSON form) of a programme's tier
// ladder: levels from the entry level up, each with criteria as data, and
// the grace period before a demotion. NewLadder validates it.
type LadderSpec struct {
	// GraceDays is how long a partner may stay below a retain bound
	// before it is demoted (0: at the first snapshot below).
	GraceDays int `json:"grace_days"`
	// Levels, lowest first. The first is the entry level and has no
	// criteria; every other level has at least one.
	Levels []LevelSpec `json:"levels"`
}

// LevelSpec is one programme level (registered, silver, gold…).
type LevelSpec struct {
	Name     string          `json:"name"`
	Criteria []CriterionSpec `json:"criteria,omitzero"`
}

// CriterionSpec is one criterion of a level on a host-named metric
// (revenue, certifications, registrations, score…): a partner is promoted
// to the level when every metric reaches its Promote bound and keeps it
// while every metric stays at or above its Retain bound (Retain ≤
// Promote; the band between them is the hysteresis).
type CriterionSpec struct {
	Metric  string          `json:"metric"`
	Promote decimal.Decimal `json:"promote"`
	Retain  decimal.Decimal `json:"retain"`
}

// Equal reports whether s and o declare the same ladder.
func (s LadderSpec) Equal(o LadderSpec) bool {
	return s.GraceDays == o.GraceDays && slices.EqualFunc(s.Levels, o.Levels, LevelSpec.Equal)
}

// Equal reports whether l and o are the same level.
func (l LevelSpec) Equal(o LevelSpec) bool {
	return l.Name == o.Name && slices.EqualFunc(l.Criteria, o.Criteria, CriterionSpec.Equal)
}

// Equal reports whether c and o are the same criterion.
func (c CriterionSpec) Equal(o CriterionSpec) bool {
	return c.Metric == o.Metric && c.Promote.Equal(o.Promote) && c.Retain.Equal(o.Retain)
}

// Ladder is a validated LadderSpec. The zero Ladder is not valid.
type Ladder struct {
	spec   LadderSpec
	levels [][]criterion
}

type criterion struct {
	metric          string
	promote, retain bound
}

// bound is a threshold with its integer fast path.
type bound struct {
	d  decimal.Decimal
	f  int64
	ok bool
}

func newBound(x decimal.Decimal) bound {
	f, ok := fixed.FromDecimal(x, metricPlaces)
	return bound{d: x, f: f, ok: ok}
}

// reached reports v ≥ b, exactly.
func (b bound) reached(v decimal.Decimal) bool {
	if b.ok {
		if f, ok := fixed.FromDecimal(v, metricPlaces); ok {
			return f >= b.f
		}
	}
	return v.Cmp(b.d) >= 0
}

// NewLadder validates spec: at least one level, unique non-empty names,
// no criteria on the entry level and at least one on every other, non-
// empty unique metrics per level, Retain ≤ Promote ([ErrOrder]), and a
// grace period in [0, MaxGraceDays].
func NewLadder(spec LadderSpec) (Ladder, error) {
	var l errList
	spec.Levels = slices.Clone(spec.Levels)
	if spec.GraceDays < 0 || spec.GraceDays > MaxGraceDays {
		l.add("/grace_days", itoa(int64(spec.GraceDays)), ErrRange)
	}
	if len(spec.Levels) == 0 {
		l.add("/levels", "", ErrEmpty)
	}
	lad := Ladder{spec: spec}
	names := map[string]int{}
	for i, lv := range spec.Levels {
		spec.Levels[i].Criteria = slices.Clone(lv.Criteria)
		checkName(&l, field.At("levels", i, "name"), lv.Name, names, i)
		switch {
		case i == 0 && len(lv.Criteria) > 0:
			l.add(field.At("levels", 0, "criteria"), "", ErrInvalid) // the entry level needs nothing
		case i > 0 && len(lv.Criteria) == 0:
			l.add(field.At("levels", i, "criteria"), "", ErrEmpty)
		}
		metrics := map[string]int{}
		var cs []criterion
		for j, c := range lv.Criteria {
			checkName(&l, field.At("levels", i, "criteria", j, "metric"), c.Metric, metrics, j)
			if c.Retain.GreaterThan(c.Promote) {
				l.add(field.At("levels", i, "criteria", j, "retain"), c.Retain.String(), ErrOrder)
			}
			cs = append(cs, criterion{metric: c.Metric, promote: newBound(c.Promote), retain: newBound(c.Retain)})
		}
		lad.levels = append(lad.levels, cs)
	}
	if err := l.err(); err != nil {
		return Ladder{}, err
	}
	return lad, nil
}

// ParseLadder decodes a ladder document strictly (at most MaxLadderBytes
// bytes and MaxLadderDepth levels) and validates it with NewLadder.
// grace_days and every criterion's promote and retain are required even
// when 0: one left out is an ErrEmpty *InputError at its pointer.
func ParseLadder(data []byte) (Ladder, error) {
	var spec LadderSpec
	if err := strictjson.Unmarshal(data, &spec, strictjson.Limits{MaxBytes: MaxLadderBytes, MaxDepth: MaxLadderDepth}); err != nil {
		return Ladder{}, decodeErr(err)
	}
	var l errList
	if err := missing(&l, data, ladderRequired(spec)); err != nil {
		return Ladder{}, err
	}
	if err := l.err(); err != nil {
		return Ladder{}, err
	}
	return NewLadder(spec)
}

// MustParseLadder is ParseLadder for literals; it panics on error.
func MustParseLadder(data string) Ladder {
	l, err := ParseLadder([]byte(data))
	if err != nil {
		panic(err)
	}
	return l
}

// IsValid reports whether l was built by NewLadder or ParseLadder.
func (l Ladder) IsValid() bool { return len(l.levels) > 0 }

// Spec returns a copy of the spec l was compiled from.
func (l Ladder) Spec() LadderSpec {
	s := l.spec
	s.Levels = slices.Clone(s.Levels)
	for i := range s.Levels {
		s.Levels[i].Criteria = slices.Clone(s.Levels[i].Criteria)
	}
	return s
}

// Equal reports whether l and o were compiled from equal specs.
func (l Ladder) Equal(o Ladder) bool { return l.spec.Equal(o.spec) }

// MarshalJSON writes the spec; the zero Ladder fails with ErrInvalid.
func (l Ladder) MarshalJSON() ([]byte, error) {
	if !l.IsValid() {
		return nil, inputErr("", "", ErrInvalid)
	}
	return strictjson.Marshal(l.spec)
}

// UnmarshalJSON decodes and validates a ladder document; on error l is
// unchanged.
func (l *Ladder) UnmarshalJSON(data []byte) error {
	v, err := ParseLadder(data)
	if err == nil {
		*l = v
	}
	return err
}

// Metric is one named figure of a partner at a point in time.
type Metric struct {
	Name  string          `json:"name"`
	Value decimal.Decimal `json:"value"`
}

// Equal reports whether m and o are the same figure.
func (m Metric) Equal(o Metric) bool { return m.Name == o.Name && m.Value.Equal(o.Value) }

// Snapshot is a partner's metrics observed at a time (typically at the
// end of each month or quarter).
type Snapshot struct {
	At      time.Time `json:"at"`
	Metrics []Metric  `json:"metrics"`
}

// Shortfall is a criterion a partner does not meet: Value is below
// Threshold by Gap (Threshold − Value).
type Shortfall struct {
	Level     string          `json:"level"`
	Metric    string          `json:"metric"`
	Value     decimal.Decimal `json:"value"`
	Threshold decimal.Decimal `json:"threshold"`
	Gap       decimal.Decimal `json:"gap"`
	// Reason says it in English: "revenue 38000 is 2000 below the 40000
	// that gold requires to retain".
	Reason string `json:"reason"`
}

// Equal reports whether s and o are the same shortfall.
func (s Shortfall) Equal(o Shortfall) bool {
	return s.Level == o.Level && s.Metric == o.Metric && s.Value.Equal(o.Value) &&
		s.Threshold.Equal(o.Threshold) && s.Gap.Equal(o.Gap) && s.Reason == o.Reason
}

// LevelChange is a promotion or demotion.
type LevelChange struct {
	At   time.Time `json:"at"`
	From string    `json:"from"`
	To   string    `json:"to"`
}

// Standing is where a partner stands on a ladder after its last
// snapshot.
type Standing struct {
	Level string `json:"level"`
	// Since is when the partner reached Level (zero for the entry level
	// held from the start).
	Since time.Time `json:"since,omitzero"`
	// AtRisk is true when some retain bound of Level is not met: the
	// partner is in its grace period, to be demoted at DemotionDue (the
	// first snapshot on or after it that is still below) unless it
	// recovers. Risks lists every failed retain bound.
	AtRisk      bool        `json:"at_risk"`
	BelowSince  time.Time   `json:"below_since,omitzero"`
	DemotionDue time.Time   `json:"demotion_due,omitzero"`
	Risks       []Shortfall `json:"risks,omitzero"`
	// Next is the next level up ("" at the top) and Gaps its promote
	// bounds not yet met: the distance to the next level.
	Next string      `json:"next,omitzero"`
	Gaps []Shortfall `json:"gaps,omitzero"`
	// Changes lists every promotion and demotion, oldest first.
	Changes []LevelChange `json:"changes,omitzero"`
}

// Equal reports whether s and o are the same standing.
func (s Standing) Equal(o Standing) bool {
	return s.Level == o.Level && s.Since.Equal(o.Since) && s.AtRisk == o.AtRisk &&
		s.BelowSince.Equal(o.BelowSince) && s.DemotionDue.Equal(o.DemotionDue) &&
		slices.EqualFunc(s.Risks, o.Risks, Shortfall.Equal) && s.Next == o.Next &&
		slices.EqualFunc(s.Gaps, o.Gaps, Shortfall.Equal) &&
		slices.EqualFunc(s.Changes, o.Changes, func(a, b LevelChange) bool {
			return a.At.Equal(b.At) && a.From == b.From && a.To == b.To
		})
}

// Walk replays a partner's snapshots (in time order, whatever their
// order in history; two at the same time are an error) from the entry
// level. At each snapshot it promotes to the highest level above the
// current one whose promote bounds are all met; otherwise, if a retain
// bound of the current level is missed, it notes when the partner fell
// below and demotes, once the partner has stayed below for GraceDays, to
// the highest lower level whose retain bounds are all met. Recovering
// above every retain bound ends the grace period. A value moving inside
// [Retain, Promote) therefore never changes the level. Errors:
// [ErrEmpty] for no snapshots ("/history") or a criterion's metric
// missing from a snapshot ("/history/2/metrics"), [ErrDuplicate] for two
// snapshots at one time ("/history/4/at").
func (l Ladder) Walk(history []Snapshot) (Standing, error) {
	if !l.IsValid() {
		return Standing{}, inputErr("/ladder", "", ErrInvalid)
	}
	order, err := snapshotOrder(history)
	if err != nil {
		return Standing{}, err
	}
	grace := time.Duration(l.spec.GraceDays) * 24 * time.Hour
	st := Standing{}
	cur := 0
	var below time.Time
	for _, i := range order {
		snap := history[i]
		if err := l.checkMetrics(snap, i); err != nil {
			return Standing{}, err
		}
		if up := l.promotion(snap, cur); up > cur {
			st.Changes = append(st.Changes, LevelChange{At: snap.At, From: l.spec.Levels[cur].Name, To: l.spec.Levels[up].Name})
			cur, st.Since, below = up, snap.At, time.Time{}
			continue
		}
		if l.meets(snap, cur, false) {
			below = time.Time{}
			continue
		}
		if below.IsZero() {
			below = snap.At
		}
		if snap.At.Sub(below) >= grace {
			down := cur - 1
			for down > 0 && !l.meets(snap, down, false) {
				down--
			}
			st.Changes = append(st.Changes, LevelChange{At: snap.At, From: l.spec.Levels[cur].Name, To: l.spec.Levels[down].Name})
			cur, st.Since, below = down, snap.At, time.Time{}
		}
	}
	last := history[order[len(order)-1]]
	st.Level = l.spec.Levels[cur].Name
	if !below.IsZero() {
		st.AtRisk, st.BelowSince, st.DemotionDue = true, below, below.Add(grace)
		st.Risks = l.shortfalls(last, cur, false)
	}
	if cur+1 < len(l.levels) {
		st.Next = l.spec.Levels[cur+1].Name
		st.Gaps = l.shortfalls(last, cur+1, true)
	}
	return st, nil
}

// snapshotOrder returns the indices of history in time order.
func snapshotOrder(history []Snapshot) ([]int, error) {
	if len(history) == 0 {
		return nil, inputErr("/history", "", ErrEmpty)
	}
	order := make([]int, len(history))
	sorted := true
	for i := range order {
		order[i] = i
		if history[i].At.IsZero() {
			return nil, inputErr(field.At("history", i, "at"), "", ErrEmpty)
		}
		sorted = sorted && (i == 0 || history[i-1].At.Before(history[i].At))
	}
	if !sorted {
		slices.SortFunc(order, func(a, b int) int { return history[a].At.Compare(history[b].At) })
	}
	for j := 1; j < len(order); j++ {
		if history[order[j]].At.Equal(history[order[j-1]].At) {
			hi := max(order[j], order[j-1])
			return nil, inputErr(field.At("history", hi, "at"), history[hi].At.Format(time.RFC3339), ErrDuplicate)
		}
	}
	return order, nil
}

func (l Ladder) checkMetrics(s Snapshot, i int) error {
	for _, cs := range l.levels {
		for _, c := range cs {
			if _, ok := value(s, c.metric); !ok {
				return inputErr(field.At("history", i, "metrics"), c.metric, ErrEmpty)
			}
		}
	}
	return nil
}

func value(s Snapshot, metric string) (decimal.Decimal, bool) {
	for _, m := range s.Metrics {
		if m.Name == metric {
			return m.Value, true
		}
	}
	return decimal.Decimal{}, false
}

// promotion returns the highest level above cur whose promote bounds s
// meets, or cur.
func (l Ladder) promotion(s Snapshot, cur int) int {
	for up := len(l.levels) - 1; up > cur; up-- {
		if l.meets(s, up, true) {
			return up
		}
	}
	return cur
}

// meets reports whether s meets every promote (or retain) bound of level.
func (l Ladder) meets(s Snapshot, level int, promote bool) bool {
	for _, c := range l.levels[level] {
		v, _ := value(s, c.metric)
		b := c.retain
		if promote {
			b = c.promote
		}
		if !b.reached(v) {
			return false
		}
	}
	return true
}

// shortfalls lists the promote (or retain) bounds of level that s misses.
func (l Ladder) shortfalls(s Snapshot, level int, promote bool) []Shortfall {
	var out []Shortfall
	name := l.spec.Levels[level].Name
	verb := "retain"
	if promote {
		verb = "reach"
	}
	for _, c := range l.levels[level] {
		v, _ := value(s, c.metric)
		b := c.retain
		if promote {
			b = c.promote
		}
		if b.reached(v) {
			continue
		}
		gap := b.d.Sub(v)
		out = append(out, Shortfall{Level: name, Metric: c.metric, Value: v, Threshold: b.d, Gap: gap,
			Reason: c.metric + " " + v.String() + " is " + gap.String() + " below the " + b.d.String() + " needed to " + verb + " " + name})
	}
	return out
}
