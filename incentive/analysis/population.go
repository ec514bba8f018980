package analysis

import (
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Limits of a population, checked by NewPopulation and ParsePopulation.
const (
	// MaxPopulationBytes is the largest population document
	// ParsePopulation reads.
	MaxPopulationBytes = 8 << 20
	// MaxPopulationDepth is the deepest nesting of a population document
	// (/metrics/0/distribution/table/0/volume has depth 6).
	MaxPopulationDepth = 6
	// MaxPartners is the largest number of partners drawn per draw.
	MaxPartners = 1_000_000
	// MaxDraws is the largest number of draws.
	MaxDraws = 100_000
	// MaxVolumes is the largest number of observed volumes (Empirical) or
	// table rows (Discrete).
	MaxVolumes = 100_000
	// MaxWeight is the largest weight of a Discrete row; the weights'
	// sum stays below 2^63.
	MaxWeight = 1 << 40
	// MaxMetrics is the largest number of metric distributions.
	MaxMetrics = incentive.MaxModifiers
	// MaxMetricPlaces is the largest MetricDistribution.Places.
	MaxMetricPlaces = 9
)

// MetricDistribution declares how one recipient metric (the value a
// multiplier or a metric gate reads from incentive.RecipientFacts.Metrics)
// is distributed among the partners. Each partner draws its own value.
type MetricDistribution struct {
	Metric string `json:"metric"`
	// Places is the scale of the drawn values, 0 to MaxMetricPlaces: a
	// uniform metric is drawn in steps of 10^−Places, and every listed
	// value must be exact at it. Required.
	Places *int32 `json:"places"`
	// Distribution is the metric's distribution; its values are at least
	// 0 (a metric that can be negative is not simulated).
	Distribution DistributionSpec `json:"distribution"`
}

// WeightedVolume is one row of a Discrete distribution: Volume is drawn
// with probability Weight / Σ weights.
type WeightedVolume struct {
	Volume decimal.Decimal `json:"volume"`
	Weight int64           `json:"weight"`
}

// DistributionSpec declares how a partner's period measure (the
// component's attainment: revenue, units, …) is distributed. Shape says
// which members are used: Low and High (Uniform, both included), Volumes
// (Empirical: last year's measure of each partner) or Table (Discrete).
// Volumes are at least 0, in the measure's unit, and must be exact at its
// scale (the currency's minor unit for money, 4 places for units, whole
// events; Simulate checks it against the component).
type DistributionSpec struct {
	Shape   Shape             `json:"shape"`
	Low     *decimal.Decimal  `json:"low,omitempty"`
	High    *decimal.Decimal  `json:"high,omitempty"`
	Volumes []decimal.Decimal `json:"volumes,omitzero"`
	Table   []WeightedVolume  `json:"table,omitzero"`
}

// PopulationSpec is the open form of a population simulation, as stored
// in JSON:
//
//	{"component": "volume", "partners": 10000, "draws": 1000, "seed": 42,
//	 "attainment": {"shape": "uniform", "low": "0", "high": "500000"}}
//
// Each of Draws draws gives each of Partners partners a measure from
// Attainment, and evaluates the component on it.
type PopulationSpec struct {
	// Component and Version name the component simulated; an empty
	// Version needs the component to have exactly one version.
	Component string `json:"component"`
	Version   string `json:"version,omitzero"`
	// Partners is the number of recipients per draw (1 to MaxPartners);
	// Draws the number of draws (1 to MaxDraws).
	Partners int `json:"partners"`
	Draws    int `json:"draws"`
	// Seed selects the pseudo-random stream: the same seed gives the same
	// simulation, to the byte, on any machine and with any number of
	// workers.
	Seed       uint64           `json:"seed"`
	Attainment DistributionSpec `json:"attainment"`
	// Metrics declares the distribution of every metric the component's
	// multipliers and metric gates read, each once, and no other.
	Metrics []MetricDistribution `json:"metrics,omitzero"`
	// Quota, required exactly when the component has an accelerator or an
	// attainment gate without a fixed quota, is the distribution of each
	// partner's quota for the component, in the measure's unit and exact
	// at its scale (as Attainment).
	Quota *DistributionSpec `json:"quota,omitempty"`
}

// Population is a validated, immutable population simulation. Get one
// from NewPopulation or ParsePopulation; the zero Population is invalid.
type Population struct {
	spec    PopulationSpec
	weight  []int64   // Discrete: cumulative weights
	metricW [][]int64 // per metric, Discrete: cumulative weights
	quotaW  []int64   // Discrete quota: cumulative weights
	valid   bool
}

// NewPopulation validates spec: a component ID, Partners and Draws in
// range, a named shape with exactly the members it uses (Low ≤ High for
// Uniform; 1 to MaxVolumes volumes or rows; weights from 1 to MaxWeight),
// every volume at least 0 with at most 18 digits after the point and
// below 10^18; the same of every metric distribution and the quota, with
// at most MaxMetrics metrics, each named once with its Places. Whether
// they are the facts the component reads is checked by Simulate.
// Problems are *ParamError values joined, at their JSON Pointer
// ("/attainment/table/3/weight", "/metrics/1/places").
func NewPopulation(spec PopulationSpec) (Population, error) {
	var l errList
	if spec.Component == "" || len(spec.Component) > incentive.MaxIDLen {
		l.add("/component", spec.Component, wrap(ErrInvalid, "a component ID of 1 to %d bytes required", incentive.MaxIDLen))
	}
	if len(spec.Version) > incentive.MaxIDLen {
		l.add("/version", spec.Version, wrap(ErrInvalid, "at most %d bytes", incentive.MaxIDLen))
	}
	if spec.Partners < 1 || spec.Partners > MaxPartners {
		l.add("/partners", strconv.Itoa(spec.Partners), wrap(ErrInvalid, "from 1 to %d", MaxPartners))
	}
	if spec.Draws < 1 || spec.Draws > MaxDraws {
		l.add("/draws", strconv.Itoa(spec.Draws), wrap(ErrInvalid, "from 1 to %d", MaxDraws))
	}
	cum := checkDist(&l, "/attainment", spec.Attainment)
	var metricW [][]int64
	if n := len(spec.Metrics); n > MaxMetrics {
		l.add("/metrics", strconv.Itoa(n), wrap(ErrTooMany, "%d metrics, at most %d", n, MaxMetrics))
	} else {
		for i, m := range spec.Metrics {
			p := "/metrics/" + strconv.Itoa(i)
			if m.Metric == "" || len(m.Metric) > incentive.MaxIDLen {
				l.add(p+"/metric", m.Metric, wrap(ErrInvalid, "a metric name of 1 to %d bytes required", incentive.MaxIDLen))
			} else if slices.ContainsFunc(spec.Metrics[:i], func(o MetricDistribution) bool { return o.Metric == m.Metric }) {
				l.add(p+"/metric", m.Metric, wrap(ErrDuplicate, "metric %q declared twice", m.Metric))
			}
			switch {
			case m.Places == nil:
				l.add(p+"/places", "", wrap(ErrInvalid, "required (the scale of the drawn values)"))
			case *m.Places < 0 || *m.Places > MaxMetricPlaces:
				l.add(p+"/places", strconv.Itoa(int(*m.Places)), wrap(ErrInvalid, "from 0 to %d", MaxMetricPlaces))
			}
			metricW = append(metricW, checkDist(&l, p+"/distribution", m.Distribution))
		}
	}
	var quotaW []int64
	if spec.Quota != nil {
		quotaW = checkDist(&l, "/quota", *spec.Quota)
	}
	if err := l.err(); err != nil {
		return Population{}, err
	}
	return Population{spec: cloneSpec(spec), weight: cum, metricW: metricW, quotaW: quotaW, valid: true}, nil
}

// checkDist validates a distribution at path p and returns the
// cumulative weights of a Discrete table.
func checkDist(l *errList, p string, a DistributionSpec) []int64 {
	need := func(name string, present bool, want bool) {
		switch {
		case want && !present:
			l.add(p+"/"+name, "", wrap(ErrInvalid, "required for a %s distribution", a.Shape))
		case !want && present:
			l.add(p+"/"+name, "", wrap(ErrInvalid, "not used by a %s distribution", a.Shape))
		}
	}
	var cum []int64
	switch a.Shape {
	case Uniform, Empirical, Discrete:
		need("low", a.Low != nil, a.Shape == Uniform)
		need("high", a.High != nil, a.Shape == Uniform)
		need("volumes", len(a.Volumes) > 0, a.Shape == Empirical)
		need("table", len(a.Table) > 0, a.Shape == Discrete)
	case ShapeUnspecified:
		l.add(p+"/shape", a.Shape.String(), wrap(ErrInvalid, "shape required"))
	default:
		l.add(p+"/shape", a.Shape.String(), wrap(ErrInvalid, "unknown shape"))
	}
	if a.Low != nil && a.High != nil && checkDecimal(l, p+"/low", *a.Low, false) &&
		checkDecimal(l, p+"/high", *a.High, false) && a.Low.Cmp(*a.High) > 0 {
		l.add(p+"/high", num(*a.High), wrap(ErrInvalid, "below low %s", num(*a.Low)))
	}
	if len(a.Volumes) > MaxVolumes {
		l.add(p+"/volumes", strconv.Itoa(len(a.Volumes)), wrap(ErrTooMany, "%d volumes, at most %d", len(a.Volumes), MaxVolumes))
	} else {
		for i, v := range a.Volumes {
			checkDecimal(l, p+"/volumes/"+strconv.Itoa(i), v, false)
		}
	}
	if len(a.Table) > MaxVolumes {
		l.add(p+"/table", strconv.Itoa(len(a.Table)), wrap(ErrTooMany, "%d rows, at most %d", len(a.Table), MaxVolumes))
	} else if a.Shape == Discrete {
		var sum int64
		for i, r := range a.Table {
			rp := p + "/table/" + strconv.Itoa(i)
			checkDecimal(l, rp+"/volume", r.Volume, false)
			if r.Weight < 1 || r.Weight > MaxWeight {
				l.add(rp+"/weight", strconv.FormatInt(r.Weight, 10), wrap(ErrInvalid, "from 1 to %d", int64(MaxWeight)))
				continue
			}
			sum += r.Weight // ≤ MaxVolumes · MaxWeight < 2^57
			cum = append(cum, sum)
		}
	}
	return cum
}

func cloneDist(a DistributionSpec) DistributionSpec {
	return DistributionSpec{Shape: a.Shape, Low: clonePtr(a.Low), High: clonePtr(a.High),
		Volumes: slices.Clone(a.Volumes), Table: slices.Clone(a.Table)}
}

func cloneSpec(s PopulationSpec) PopulationSpec {
	s.Attainment = cloneDist(s.Attainment)
	if s.Metrics != nil {
		ms := make([]MetricDistribution, len(s.Metrics))
		for i, m := range s.Metrics {
			ms[i] = MetricDistribution{Metric: m.Metric, Distribution: cloneDist(m.Distribution)}
			if m.Places != nil {
				v := *m.Places
				ms[i].Places = &v
			}
		}
		s.Metrics = ms
	}
	if s.Quota != nil {
		q := cloneDist(*s.Quota)
		s.Quota = &q
	}
	return s
}

func eqDist(x, y DistributionSpec) bool {
	return x.Shape == y.Shape && eqPtr(x.Low, y.Low) && eqPtr(x.High, y.High) &&
		slices.EqualFunc(x.Volumes, y.Volumes, decimal.Decimal.Equal) &&
		slices.EqualFunc(x.Table, y.Table, func(u, v WeightedVolume) bool { return u.Weight == v.Weight && u.Volume.Equal(v.Volume) })
}

// ParsePopulation decodes a population document strictly (unknown or
// repeated members, null, a JSON number for a volume, an unknown shape,
// documents over MaxPopulationBytes or deeper than MaxPopulationDepth are
// a *ParamError at the member's JSON Pointer, matching ErrInvalid and the
// strictjson sentinel) and validates it as NewPopulation does.
func ParsePopulation(data []byte) (Population, error) {
	return parse(data, strictjson.Limits{MaxBytes: MaxPopulationBytes, MaxDepth: MaxPopulationDepth}, NewPopulation)
}

// MustParsePopulation is ParsePopulation that panics on error, for
// literals in tests and examples.
func MustParsePopulation(doc string) Population {
	p, err := ParsePopulation([]byte(doc))
	if err != nil {
		panic(err)
	}
	return p
}

// IsValid reports whether p was built by NewPopulation or ParsePopulation.
func (p Population) IsValid() bool { return p.valid }

// Spec returns a copy of the population's specification.
func (p Population) Spec() PopulationSpec { return cloneSpec(p.spec) }

// Equal reports whether p and o have equal specifications (decimals
// compared numerically).
func (p Population) Equal(o Population) bool {
	a, b := p.spec, o.spec
	return p.valid == o.valid && a.Component == b.Component && a.Version == b.Version &&
		a.Partners == b.Partners && a.Draws == b.Draws && a.Seed == b.Seed && eqDist(a.Attainment, b.Attainment) &&
		slices.EqualFunc(a.Metrics, b.Metrics, func(u, v MetricDistribution) bool {
			return u.Metric == v.Metric && *u.Places == *v.Places && eqDist(u.Distribution, v.Distribution)
		}) &&
		(a.Quota == nil) == (b.Quota == nil) && (a.Quota == nil || eqDist(*a.Quota, *b.Quota))
}

func eqPtr(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// MarshalJSON writes the population document ParsePopulation reads.
func (p Population) MarshalJSON() ([]byte, error) {
	if !p.valid {
		return nil, wrap(ErrInvalid, "the zero Population")
	}
	return strictjson.Marshal(p.spec)
}

// UnmarshalJSON is ParsePopulation.
func (p *Population) UnmarshalJSON(b []byte) error {
	v, err := ParsePopulation(b)
	if err != nil {
		return err
	}
	*p = v
	return nil
}
