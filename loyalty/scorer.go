package loyalty

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Limits of a scorer.
const (
	// MaxScorerBytes is the largest scorer document ParseScorer reads.
	MaxScorerBytes = 64 << 10
	// MaxScorerDepth is the deepest nesting of objects and arrays in a
	// scorer document.
	MaxScorerDepth = 4
	// MaxPointPlaces is the largest number of places of points and decay
	// factors (ScorerSpec.PointPlaces).
	MaxPointPlaces = 9
	// MaxScorePlaces is the largest number of places of a score
	// (ScorerSpec.ScorePlaces).
	MaxScorePlaces = 4
	// MaxHalfLifeDays is the longest half-life.
	MaxHalfLifeDays = 366
	// MaxWindowDays is the longest rolling window.
	MaxWindowDays = 3660
	// MaxCount is the largest count of one activity record.
	MaxCount = 1_000_000_000
	// WeightPlaces is the largest number of places of a pillar weight
	// written as a fraction (0.333333 is accepted, 0.3333333 is not).
	WeightPlaces = 6
	// NormPlaces is the number of places to which a normalised pillar
	// value is truncated (rounded down).
	NormPlaces = 9
	// ScoreMax is the top of the score range: scores lie in [0, 100].
	ScoreMax = 100
)

// exactPlaces is the scale of an unrounded score: weight (6 places) ×
// normalised value (9 places).
const exactPlaces = WeightPlaces + NormPlaces

// ScorerSpec is the open form (and the JSON form) of an engagement score:
// pillars with weights and normalisations, the activities that earn
// points in each pillar, decay, the rolling window and the bands. New
// validates it into a Scorer.
type ScorerSpec struct {
	// ScorePlaces is the number of places of a reported score (0 to
	// MaxScorePlaces); the exact score is rounded half-even once to it.
	ScorePlaces int32 `json:"score_places"`
	// PointPlaces is the number of places (0 to MaxPointPlaces) of
	// activity points, decay factors and pillar raw values.
	PointPlaces int32 `json:"point_places"`
	// HalfLifeDays is the half-life of activity points in whole days (1 to
	// MaxHalfLifeDays), or 0 for no decay.
	HalfLifeDays int `json:"half_life_days,omitzero"`
	// WindowDays is the length of the rolling window in days (1 to
	// MaxWindowDays): the rolling score counts activity in
	// (at − WindowDays, at].
	WindowDays int `json:"window_days"`
	// Pillars are the weighted components of the score; their weights sum
	// exactly to 1.
	Pillars []PillarSpec `json:"pillars"`
	// Activities are the kinds of activity that earn points.
	Activities []ActivitySpec `json:"activities"`
	// Bands classify scores (for example green, amber, red); one band
	// starts at 0.
	Bands []BandSpec `json:"bands"`
}

// PillarSpec is one pillar of the score (revenue, training, deal
// registration, marketing, portal activity…).
type PillarSpec struct {
	Name string `json:"name"`
	// Weight is the pillar's share of the score, in (0, 1], with at most
	// WeightPlaces places as a fraction.
	Weight money.Rate `json:"weight"`
	// Normalisation maps the raw value to [0, 1].
	Normalisation Normalisation `json:"normalisation"`
	// Target is the raw value that earns the whole pillar, required for
	// FixedTarget and rejected otherwise.
	Target decimal.Decimal `json:"target,omitzero"`
	// PerSize divides the raw value by the partner's size before
	// normalisation, so that small partners are not penalised.
	PerSize bool `json:"per_size,omitzero"`
}

// ActivitySpec is a kind of activity and the points one occurrence earns.
type ActivitySpec struct {
	Kind   string `json:"kind"`
	Pillar string `json:"pillar"`
	// Points earned per occurrence, positive, at most PointPlaces places.
	Points decimal.Decimal `json:"points"`
	// Cap is the most occurrences counted per CapWindow (anti-gaming),
	// or 0 for no cap; CapWindow is required with a cap.
	Cap       int64     `json:"cap,omitzero"`
	CapWindow CapWindow `json:"cap_window,omitzero"`
}

// BandSpec is a named score band: scores from From (inclusive) up to the
// next band's From.
type BandSpec struct {
	Name string          `json:"name"`
	From decimal.Decimal `json:"from"`
}

// Equal reports whether s and o declare the same scorer (decimals compared
// by value).
func (s ScorerSpec) Equal(o ScorerSpec) bool {
	return s.ScorePlaces == o.ScorePlaces && s.PointPlaces == o.PointPlaces &&
		s.HalfLifeDays == o.HalfLifeDays && s.WindowDays == o.WindowDays &&
		slices.EqualFunc(s.Pillars, o.Pillars, PillarSpec.Equal) &&
		slices.EqualFunc(s.Activities, o.Activities, ActivitySpec.Equal) &&
		slices.EqualFunc(s.Bands, o.Bands, BandSpec.Equal)
}

// Equal reports whether p and o are the same pillar.
func (p PillarSpec) Equal(o PillarSpec) bool {
	return p.Name == o.Name && p.Weight.Equal(o.Weight) && p.Normalisation == o.Normalisation &&
		p.Target.Equal(o.Target) && p.PerSize == o.PerSize
}

// Equal reports whether a and o are the same activity.
func (a ActivitySpec) Equal(o ActivitySpec) bool {
	return a.Kind == o.Kind && a.Pillar == o.Pillar && a.Points.Equal(o.Points) &&
		a.Cap == o.Cap && a.CapWindow == o.CapWindow
}

// Equal reports whether b and o are the same band.
func (b BandSpec) Equal(o BandSpec) bool { return b.Name == o.Name && b.From.Equal(o.From) }

// Scorer is a validated ScorerSpec, ready to score partners. The zero
// Scorer is not valid (IsValid is false) and scores nothing.
type Scorer struct {
	spec       ScorerSpec
	pillars    []pillar
	activities []activity
	bands      []band // descending by from
	roots      []int64
	bySpec     []int // index in activities of each ScorerSpec.Activities entry
	capped     bool  // some activity has a cap
	one        int64 // 10^PointPlaces
}

type pillar struct {
	weight  int64 // at WeightPlaces
	method  Normalisation
	target  int64 // at PointPlaces
	perSize bool
}

type activity struct {
	kind   string
	pillar int
	points int64 // at PointPlaces
	cap    int64
	window CapWindow
}

type band struct {
	name string
	from int64 // at ScorePlaces
}

// NewScorer validates spec and compiles it. Every problem is reported at
// once (errors.Join of *InputError, at most 16), with paths such as
// "/pillars/1/weight", "/activities/0/pillar" or "/bands".
func NewScorer(spec ScorerSpec) (Scorer, error) {
	var l errList
	s := Scorer{spec: cloneScorerSpec(spec)}
	spec = s.spec
	if spec.ScorePlaces < 0 || spec.ScorePlaces > MaxScorePlaces {
		l.add("/score_places", itoa(int64(spec.ScorePlaces)), ErrRange)
	}
	if spec.PointPlaces < 0 || spec.PointPlaces > MaxPointPlaces {
		l.add("/point_places", itoa(int64(spec.PointPlaces)), ErrRange)
		spec.PointPlaces = 0
	}
	if spec.HalfLifeDays < 0 || spec.HalfLifeDays > MaxHalfLifeDays {
		l.add("/half_life_days", itoa(int64(spec.HalfLifeDays)), ErrRange)
	}
	if spec.WindowDays < 1 || spec.WindowDays > MaxWindowDays {
		l.add("/window_days", itoa(int64(spec.WindowDays)), ErrRange)
	}
	s.one, _ = fixed.Pow10(spec.PointPlaces)
	names := s.compilePillars(&l)
	s.compileActivities(&l, names)
	s.compileBands(&l)
	if err := l.err(); err != nil {
		return Scorer{}, err
	}
	s.roots = decayRoots(spec.HalfLifeDays, spec.PointPlaces)
	return s, nil
}

func (s *Scorer) compilePillars(l *errList) map[string]int {
	spec := s.spec
	if len(spec.Pillars) == 0 {
		l.add("/pillars", "", ErrEmpty)
	}
	names := make(map[string]int, len(spec.Pillars))
	var sum decimal.Decimal
	for i, p := range spec.Pillars {
		at := func(m string) string { return field.At("pillars", i, m) }
		checkName(l, at("name"), p.Name, names, i)
		w := p.Weight.Fraction()
		units, ok := fixed.FromDecimal(w, WeightPlaces)
		if w.Sign() <= 0 || w.GreaterThan(decimal.New(1, 0)) || !ok {
			l.add(at("weight"), p.Weight.String(), ErrWeights)
		}
		sum = sum.Add(w)
		if !p.Normalisation.IsValid() {
			l.add(at("normalisation"), p.Normalisation.String(), ErrInvalid)
		}
		cp := pillar{weight: units, method: p.Normalisation, perSize: p.PerSize}
		switch {
		case p.Normalisation == FixedTarget:
			t, ok := fixed.FromDecimal(p.Target, spec.PointPlaces)
			switch {
			case p.Target.Sign() <= 0:
				l.add(at("target"), p.Target.String(), ErrNonPositive)
			case !ok || t > maxPoints:
				l.add(at("target"), p.Target.String(), ErrRange)
			}
			cp.target = t
		case !p.Target.IsZero():
			l.add(at("target"), p.Target.String(), ErrInvalid)
		}
		s.pillars = append(s.pillars, cp)
	}
	if len(spec.Pillars) > 0 && !sum.Equal(decimal.New(1, 0)) {
		l.add("/pillars", sum.String(), ErrWeights)
	}
	return names
}

// maxPoints bounds a points figure (at PointPlaces) so that sums of a
// population's values and their products with 10^NormPlaces stay exact.
const maxPoints = 1 << 53

func (s *Scorer) compileActivities(l *errList, pillars map[string]int) {
	kinds := make(map[string]int, len(s.spec.Activities))
	for i, a := range s.spec.Activities {
		at := func(m string) string { return field.At("activities", i, m) }
		checkName(l, at("kind"), a.Kind, kinds, i)
		p, ok := pillars[a.Pillar]
		if !ok {
			l.add(at("pillar"), a.Pillar, ErrUnknown)
		}
		pts, ok := fixed.FromDecimal(a.Points, s.spec.PointPlaces)
		switch {
		case a.Points.Sign() <= 0:
			l.add(at("points"), a.Points.String(), ErrNonPositive)
		case !ok || pts > maxPoints:
			l.add(at("points"), a.Points.String(), ErrRange)
		}
		switch {
		case a.Cap < 0:
			l.add(at("cap"), itoa(a.Cap), ErrNegative)
		case a.Cap > 0 && !a.CapWindow.IsValid():
			l.add(at("cap_window"), a.CapWindow.String(), ErrInvalid)
		case a.Cap == 0 && a.CapWindow != CapWindowUnspecified:
			l.add(at("cap_window"), a.CapWindow.String(), ErrInvalid)
		}
		s.capped = s.capped || a.Cap > 0
		s.activities = append(s.activities, activity{kind: a.Kind, pillar: p, points: pts, cap: a.Cap, window: a.CapWindow})
	}
	if len(s.spec.Activities) == 0 {
		l.add("/activities", "", ErrEmpty)
	}
	slices.SortFunc(s.activities, func(a, b activity) int { return cmp.Compare(a.kind, b.kind) })
	for _, a := range s.spec.Activities {
		i, _ := slices.BinarySearchFunc(s.activities, a.Kind, func(x activity, k string) int { return cmp.Compare(x.kind, k) })
		s.bySpec = append(s.bySpec, i)
	}
}

func (s *Scorer) compileBands(l *errList) {
	names := make(map[string]int, len(s.spec.Bands))
	zero := false
	for i, b := range s.spec.Bands {
		checkName(l, field.At("bands", i, "name"), b.Name, names, i)
		from, ok := fixed.FromDecimal(b.From, s.spec.ScorePlaces)
		if !ok || b.From.Sign() < 0 || b.From.GreaterThan(decimal.New(ScoreMax, 0)) {
			l.add(field.At("bands", i, "from"), b.From.String(), ErrRange)
			continue
		}
		if slices.ContainsFunc(s.bands, func(o band) bool { return o.from == from }) {
			l.add(field.At("bands", i, "from"), b.From.String(), ErrDuplicate)
		}
		zero = zero || from == 0
		s.bands = append(s.bands, band{name: b.Name, from: from})
	}
	if !zero {
		l.add("/bands", "", ErrEmpty) // no band starts at 0: some scores would have none
	}
	slices.SortFunc(s.bands, func(a, b band) int { return cmp.Compare(b.from, a.from) })
}

// checkName records a non-empty, unique name.
func checkName(l *errList, path, name string, seen map[string]int, i int) {
	if name == "" {
		l.add(path, "", ErrEmpty)
		return
	}
	if _, dup := seen[name]; dup {
		l.add(path, name, ErrDuplicate)
		return
	}
	seen[name] = i
}

func cloneScorerSpec(s ScorerSpec) ScorerSpec {
	s.Pillars = slices.Clone(s.Pillars)
	s.Activities = slices.Clone(s.Activities)
	s.Bands = slices.Clone(s.Bands)
	return s
}

// ParseScorer decodes a scorer document strictly (strictjson: unknown,
// duplicate and null members and JSON numbers where decimals are expected
// are errors; at most MaxScorerBytes bytes and MaxScorerDepth levels) and
// validates it with NewScorer. A decoding failure is an *InputError at
// the failure's path that matches ErrInvalid and the strictjson sentinel.
// score_places, point_places, window_days, every pillar's weight, every
// activity's points and every band's from are required even when 0: one
// left out is an ErrEmpty *InputError at its pointer, not a silent zero.
func ParseScorer(data []byte) (Scorer, error) {
	var spec ScorerSpec
	if err := strictjson.Unmarshal(data, &spec, strictjson.Limits{MaxBytes: MaxScorerBytes, MaxDepth: MaxScorerDepth}, strictjson.RatesWithUnit()); err != nil {
		return Scorer{}, decodeErr(err)
	}
	var l errList
	if err := missing(&l, data, scorerRequired(spec)); err != nil {
		return Scorer{}, err
	}
	if err := l.err(); err != nil {
		return Scorer{}, err
	}
	return NewScorer(spec)
}

// MustParseScorer is ParseScorer for literals in tests and examples: it
// panics on error.
func MustParseScorer(data string) Scorer {
	s, err := ParseScorer([]byte(data))
	if err != nil {
		panic(err)
	}
	return s
}

// IsValid reports whether s was built by NewScorer or ParseScorer.
func (s Scorer) IsValid() bool { return len(s.pillars) > 0 }

// Spec returns a copy of the spec s was compiled from.
func (s Scorer) Spec() ScorerSpec { return cloneScorerSpec(s.spec) }

// Equal reports whether s and o were compiled from equal specs.
func (s Scorer) Equal(o Scorer) bool { return s.spec.Equal(o.spec) }

// MarshalJSON writes the spec with strictjson; the zero Scorer fails with
// ErrInvalid.
func (s Scorer) MarshalJSON() ([]byte, error) {
	if !s.IsValid() {
		return nil, inputErr("", "", ErrInvalid)
	}
	return strictjson.Marshal(s.spec, strictjson.RatesWithUnit())
}

// UnmarshalJSON decodes and validates a scorer document (see
// ParseScorer); on error s is unchanged.
func (s *Scorer) UnmarshalJSON(data []byte) error {
	v, err := ParseScorer(data)
	if err == nil {
		*s = v
	}
	return err
}

// DecayFactor returns the decay factor of points age whole days old:
// ⌊2^(−age/h) · 10^P⌋ / 10^P for half-life h and P = PointPlaces (1 for a
// scorer without decay, 0 for a negative age).
func (s Scorer) DecayFactor(ageDays int) decimal.Decimal {
	return decimal.New(s.factor(int64(ageDays)), -s.spec.PointPlaces)
}

// factor is DecayFactor at PointPlaces, as an integer.
func (s Scorer) factor(age int64) int64 {
	switch {
	case age < 0:
		return 0
	case len(s.roots) == 0:
		return s.one
	}
	h := int64(len(s.roots))
	q := age / h
	if q >= 63 {
		return 0
	}
	return s.roots[age%h] >> q
}

// decayRoots returns y_r = ⌊10^P · 2^(−r/h)⌋ for r in [0, h), exactly:
// y_r is the largest integer with y^h · 2^r ≤ 10^(P·h). Each is found
// from an estimate (y_{r−1} · y_1 / 10^P, within a few units) corrected
// by that exact test. Then ⌊10^P · 2^(−(q·h + r)/h)⌋ = ⌊y_r / 2^q⌋.
func decayRoots(h int, places int32) []int64 {
	if h == 0 {
		return nil
	}
	one, _ := fixed.Pow10(places)
	limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)*int64(h)), nil)
	bh := big.NewInt(int64(h))
	fits := func(y int64, r int) bool { // y^h · 2^r ≤ 10^(P·h)
		v := new(big.Int).Exp(big.NewInt(y), bh, nil)
		v.Lsh(v, uint(r))
		return v.Cmp(limit) <= 0
	}
	roots := make([]int64, h)
	roots[0] = one
	if h == 1 {
		return roots
	}
	lo, hi := one/2, one // 2^(−1/h) lies in [1/2, 1]
	for lo < hi {        // largest y in [lo, hi] that fits
		mid := lo + (hi-lo+1)/2
		if fits(mid, 1) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	roots[1] = lo
	for r := 2; r < h; r++ {
		y, _ := fixed.MulDivRound(roots[r-1], roots[1], one, money.Floor)
		for y > 0 && !fits(y, r) {
			y--
		}
		for fits(y+1, r) {
			y++
		}
		roots[r] = y
	}
	return roots
}
