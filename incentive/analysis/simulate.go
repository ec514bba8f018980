package analysis

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// SharePlaces is the number of decimal places of a TierShare's Share,
// rounded half-even.
const SharePlaces = 6

// MarginalPlaces is the number of decimal places of
// Simulation.Marginal, rounded half-even.
const MarginalPlaces = 6

// TierShare is how many of the simulated partners (over all draws)
// reached one tier of the component's schedule. Tier 0 is below the
// first tier (below the first knot of a linear schedule).
type TierShare struct {
	Tier  int             `json:"tier"`
	From  decimal.Decimal `json:"from"`
	Count int64           `json:"count"`
	// Share is Count / (Partners · Draws), rounded half-even to
	// SharePlaces.
	Share decimal.Decimal `json:"share"`
}

// Equal reports whether t and o are equal field by field.
func (t TierShare) Equal(o TierShare) bool {
	return t.Tier == o.Tier && t.From.Equal(o.From) && t.Count == o.Count && t.Share.Equal(o.Share)
}

// Simulation is the outcome of Simulate: the programme cost of every
// draw, its mean and percentiles, the share of partners in each tier and
// the expected marginal payout per extra unit of volume.
type Simulation struct {
	Component string         `json:"component"`
	Version   string         `json:"version"`
	Currency  money.Currency `json:"currency"`
	Partners  int            `json:"partners"`
	Draws     int            `json:"draws"`
	Seed      uint64         `json:"seed"`
	// Costs is the programme cost of each draw, in draw order: the sum of
	// the partners' lines, each rounded once as incentive rounds it, then
	// bounded by the plan's recipient cap and budget (rounded down to the
	// plan's places). Exact.
	Costs []decimal.Decimal `json:"costs"`
	// Total is Σ Costs, exact; Mean is Total / Draws rounded once with
	// the plan's mode to its places.
	Total decimal.Decimal `json:"total"`
	Mean  decimal.Decimal `json:"mean"`
	// P50, P90 and P99 are nearest-rank percentiles of Costs (see
	// Percentile): costs that some draw actually had.
	P50 decimal.Decimal `json:"p50"`
	P90 decimal.Decimal `json:"p90"`
	P99 decimal.Decimal `json:"p99"`
	// Tiers has one entry per tier, tier 0 (below the first) included.
	Tiers []TierShare `json:"tiers"`
	// Marginal is the mean, over every simulated partner, of what one
	// more unit of volume (1 of the plan currency, 1 unit, 1 event) would
	// add to its line before rounding: L(x + 1) − L(x), floor and cap
	// included; rounded half-even to MarginalPlaces.
	Marginal decimal.Decimal `json:"marginal"`
}

// Equal reports whether s and o are equal field by field.
func (s Simulation) Equal(o Simulation) bool {
	return s.Component == o.Component && s.Version == o.Version && s.Currency == o.Currency &&
		s.Partners == o.Partners && s.Draws == o.Draws && s.Seed == o.Seed &&
		slices.EqualFunc(s.Costs, o.Costs, decimal.Decimal.Equal) && s.Total.Equal(o.Total) &&
		s.Mean.Equal(o.Mean) && s.P50.Equal(o.P50) && s.P90.Equal(o.P90) && s.P99.Equal(o.P99) &&
		slices.EqualFunc(s.Tiers, o.Tiers, TierShare.Equal) && s.Marginal.Equal(o.Marginal)
}

// MarshalJSON encodes the simulation deterministically: the same
// simulation gives the same bytes.
func (s Simulation) MarshalJSON() ([]byte, error) {
	type plain Simulation
	return strictjson.Marshal(plain(s))
}

// Percentile returns the nearest-rank p-th percentile of Costs (1 ≤ p ≤
// 100): the ⌈p·Draws/100⌉-th smallest cost. It is 0 for p out of range or
// no costs.
func (s Simulation) Percentile(p int) decimal.Decimal {
	if p < 1 || p > 100 || len(s.Costs) == 0 {
		return decimal.Decimal{}
	}
	c := slices.Clone(s.Costs)
	slices.SortFunc(c, decimal.Decimal.Cmp)
	return c[(p*len(c)+99)/100-1]
}

// Simulate draws pop's population pop.Draws times and evaluates the
// component it names on each partner's drawn measure, with workers
// goroutines (at least 1; the result does not depend on it). Draw i uses
// its own PCG stream seeded with (Seed, i) and is computed by worker i mod
// workers; results are merged in draw order, so the output is the same to
// the byte for any number of workers, on any machine.
//
// Each partner's line is the component's line as incentive computes it for
// that measure and the partner's drawn facts: the schedule payout, the
// accelerator above its quota, the multipliers' factors, floor and cap,
// held at 0 when a gate is not met, rounded once with the plan's mode and
// places, then no more than the plan's recipient cap; a draw's cost is the
// sum, no more than the budget. Each partner draws its measure, then each
// of pop's metrics in order, then its quota, from the same stream. The
// simulation sees the component alone: other components, which the
// recipient cap and budget also count, are not drawn. Schedules of
// components without modifiers run on tier's int64 fast path
// (tier.Schedule.Fixed); a draw that would overflow is redone in decimal
// arithmetic with the same stream, so results are exact either way; with
// modifiers, each factor is an integer at its own places on that path.
//
// It fails with ErrPlan for an invalid plan or a component not found (or
// with several versions and no Version given); with a *ParamError
// (ErrInvalid) at the pointer of the population's member for a volume,
// metric or quota finer than its scale, a metric the component reads that
// pop does not declare ("/metrics"), a declared metric it does not read,
// or a quota missing or not read ("/quota"); and with ErrInvalid for an
// invalid pop or workers < 1.
func Simulate(p incentive.Plan, pop Population, workers int) (Simulation, error) {
	if !pop.valid {
		return Simulation{}, wrap(ErrInvalid, "the zero Population")
	}
	if workers < 1 {
		return Simulation{}, wrap(ErrInvalid, "%d workers, at least 1", workers)
	}
	if !p.IsValid() {
		return Simulation{}, wrap(ErrPlan, "the zero Plan")
	}
	m, err := newModel(p, pop)
	if err != nil {
		return Simulation{}, err
	}
	n := pop.spec.Draws
	results := make([]draw, n)
	var wg sync.WaitGroup
	for w := range min(workers, n) {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				results[i] = m.run(uint64(i))
			}
		})
	}
	wg.Wait()
	return m.merge(results)
}

// model is a compiled simulation.
type model struct {
	pop    Population
	cur    money.Currency
	c      comp
	sched  tier.Schedule
	fs     tier.FixedSchedule
	fast   bool
	scale  int32
	unit   int64 // one unit of volume at scale
	ps     int32 // the payout scale of fs
	div    int64 // 10^(ps − places): one unit of the last place at ps
	mode   money.RoundingMode
	places int32
	// limits at the payout scale (fast path) and as decimals
	capF, floorF   int64
	rcap, budget   *decimal.Decimal // rounded down to places
	rcapF, budgetF int64            // at places
	// the drawn measures at scale
	att sampler
	// the recipient facts the modifiers read, drawn after the measure,
	// metrics in the population's order, then the quota
	metrics []sampler
	quota   *sampler
	mods    []simMod
	// the int64 form of mods (fastmods.go): final scale, 10^(fscale −
	// places), floor and cap at fscale
	fmods        []fastMod
	fscale       int32
	fdiv         int64
	fcap, ffloor int64
}

// sampler draws one distribution's values as integers at its scale.
type sampler struct {
	shape    Shape
	scale    int32
	lo, span uint64
	vols     []int64
	weight   []int64 // Discrete: cumulative weights
}

// simMod is one modifier of the simulated component, in plan order.
type simMod struct {
	kind   incentive.ModifierKind
	factor decimal.Decimal // accelerator
	quota  *decimal.Decimal
	metric int // index into the drawn metrics (multiplier, metric gate)
	from   []decimal.Decimal
	fact   []decimal.Decimal
	// gate: the metric's minimum, or the attainment (a fraction)
	atLeast  decimal.Decimal
	attain   decimal.Decimal
	isAttain bool
}

// facts are one partner's drawn facts.
type facts struct {
	metrics []decimal.Decimal
	quota   decimal.Decimal
}

// draw is one draw's outcome.
type draw struct {
	cost, marginal decimal.Decimal
	tiers          []int64
}

func newModel(p incentive.Plan, pop Population) (*model, error) {
	spec := p.Spec()
	var found []comp
	for _, c := range compile(spec) {
		if c.spec.ID == pop.spec.Component && (pop.spec.Version == "" || c.spec.Version == pop.spec.Version) {
			found = append(found, c)
		}
	}
	switch {
	case len(found) == 0:
		return nil, wrap(ErrPlan, "no component %q version %q", pop.spec.Component, pop.spec.Version)
	case len(found) > 1:
		return nil, wrap(ErrPlan, "component %q has %d versions: name one", pop.spec.Component, len(found))
	}
	c := found[0]
	mode, places := p.Rounding()
	m := &model{pop: pop, cur: p.Currency(), c: c, sched: c.sched, scale: c.scale, mode: mode, places: places}
	m.unit, _ = fixed.Pow10(c.scale)
	if spec.RecipientCap != nil {
		r := roundDown(*spec.RecipientCap, places)
		m.rcap = &r
	}
	if spec.Budget != nil {
		r := roundDown(*spec.Budget, places)
		m.budget = &r
	}
	if err := m.volumes(); err != nil {
		return nil, err
	}
	if err := m.modifiers(); err != nil {
		return nil, err
	}
	m.fast = m.compileFast() && (len(m.mods) == 0 || m.compileFastMods())
	return m, nil
}

// modifiers compiles the component's modifiers and checks that the
// population declares exactly the facts they read.
func (m *model) modifiers() error {
	spec := m.pop.spec
	id := m.c.spec.ID
	index := func(metric string) (int, error) {
		i := slices.IndexFunc(spec.Metrics, func(d MetricDistribution) bool { return d.Metric == metric })
		if i < 0 {
			return 0, paramErr("/metrics", metric, wrap(ErrInvalid, "component %q reads metric %q: declare its distribution", id, metric))
		}
		return i, nil
	}
	read := make([]bool, len(spec.Metrics))
	needQuota := false
	for _, ms := range m.c.spec.Modifiers {
		sm := simMod{kind: ms.Kind, factor: ms.Factor, quota: ms.Quota}
		switch ms.Kind {
		case incentive.Accelerator:
			needQuota = needQuota || ms.Quota == nil
		case incentive.Multiplier:
			for _, b := range ms.Bands {
				sm.from, sm.fact = append(sm.from, b.From), append(sm.fact, b.Factor)
			}
			fallthrough
		case incentive.Gate:
			if ms.Attainment != nil {
				sm.attain, sm.isAttain = ms.Attainment.Fraction(), true
				needQuota = needQuota || ms.Quota == nil
				break
			}
			if ms.AtLeast != nil {
				sm.atLeast = *ms.AtLeast
			}
			i, err := index(ms.Metric)
			if err != nil {
				return err
			}
			sm.metric, read[i] = i, true
		case incentive.ModifierUnspecified:
			// unreachable: incentive.NewPlan rejects it
		}
		m.mods = append(m.mods, sm)
	}
	for i, r := range read {
		if !r {
			return paramErr("/metrics/"+strconv.Itoa(i)+"/metric", spec.Metrics[i].Metric,
				wrap(ErrInvalid, "component %q reads no metric %q", id, spec.Metrics[i].Metric))
		}
	}
	switch {
	case needQuota && spec.Quota == nil:
		return paramErr("/quota", "", wrap(ErrInvalid, "component %q has an accelerator or attainment gate without a fixed quota: declare the quota's distribution", id))
	case !needQuota && spec.Quota != nil:
		return paramErr("/quota", "", wrap(ErrInvalid, "component %q reads no quota from the facts", id))
	}
	for i, d := range spec.Metrics {
		s, err := newSampler("/metrics/"+strconv.Itoa(i)+"/distribution", d.Distribution, *d.Places, m.pop.metricW[i])
		if err != nil {
			return err
		}
		m.metrics = append(m.metrics, s)
	}
	if spec.Quota != nil {
		s, err := newSampler("/quota", *spec.Quota, m.scale, m.pop.quotaW)
		if err != nil {
			return err
		}
		m.quota = &s
	}
	return nil
}

// volumes converts the attainment distribution to integers at the
// measure's scale.
func (m *model) volumes() error {
	var err error
	m.att, err = newSampler("/attainment", m.pop.spec.Attainment, m.scale, m.pop.weight)
	return err
}

// newSampler converts distribution a (at JSON Pointer path) to integers
// at scale; weight is its cumulative weights.
func newSampler(path string, a DistributionSpec, scale int32, weight []int64) (sampler, error) {
	s := sampler{shape: a.Shape, scale: scale, weight: weight}
	at := func(p string, d decimal.Decimal) (int64, error) {
		v, ok := fixed.FromDecimal(d, scale)
		if !ok || v > math.MaxInt64/4 {
			return 0, paramErr(path+p, num(d), wrap(ErrInvalid, "not a whole number of the smallest step (%d places) or too large", scale))
		}
		return v, nil
	}
	switch a.Shape {
	case Uniform:
		lo, err := at("/low", *a.Low)
		if err != nil {
			return s, err
		}
		hi, err := at("/high", *a.High)
		if err != nil {
			return s, err
		}
		s.lo, s.span = uint64(lo), uint64(hi-lo)+1
	case Empirical:
		for i, v := range a.Volumes {
			x, err := at("/volumes/"+strconv.Itoa(i), v)
			if err != nil {
				return s, err
			}
			s.vols = append(s.vols, x)
		}
	case Discrete:
		for i, r := range a.Table {
			x, err := at("/table/"+strconv.Itoa(i)+"/volume", r.Volume)
			if err != nil {
				return s, err
			}
			s.vols = append(s.vols, x)
		}
	case ShapeUnspecified:
		// unreachable: NewPopulation rejects it
	}
	return s, nil
}

// compileFast prepares the int64 path; false sends every draw to the
// decimal path.
func (m *model) compileFast() bool {
	fs, ok := m.sched.Fixed(m.scale)
	if !ok {
		return false
	}
	m.fs, m.ps = fs, fs.PayoutScale()
	if m.ps < m.places {
		return false
	}
	if m.div, ok = fixed.Pow10(m.ps - m.places); !ok {
		return false
	}
	m.capF, m.floorF = math.MaxInt64, math.MinInt64
	if m.c.cap != nil {
		if m.capF, ok = fixed.FromDecimal(*m.c.cap, m.ps); !ok {
			return false
		}
	}
	if m.c.floor != nil {
		if m.floorF, ok = fixed.FromDecimal(*m.c.floor, m.ps); !ok {
			return false
		}
	}
	m.rcapF, m.budgetF = math.MaxInt64, math.MaxInt64
	if m.rcap != nil {
		if m.rcapF, ok = fixed.FromDecimal(*m.rcap, m.places); !ok {
			return false
		}
	}
	if m.budget != nil {
		if m.budgetF, ok = fixed.FromDecimal(*m.budget, m.places); !ok {
			return false
		}
	}
	return true
}

// below returns a uniform integer in [0, n) (n > 0) without bias
// (Lemire's multiply-and-reject), from r's 64-bit outputs only, so the
// stream is fixed by the PCG algorithm alone.
func below(r *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return hi
}

// sample draws one value at s's scale.
func (s *sampler) sample(r *rand.PCG) int64 {
	switch s.shape {
	case Uniform:
		return int64(s.lo + below(r, s.span))
	case Empirical:
		return s.vols[below(r, uint64(len(s.vols)))]
	case Discrete:
		return s.discrete(r)
	case ShapeUnspecified:
	}
	return 0 // unreachable: NewPopulation rejects ShapeUnspecified
}

// discrete draws a row of the table with probability weight / Σ weights:
// the first row whose cumulative weight exceeds a uniform u in [0, Σ).
func (s *sampler) discrete(r *rand.PCG) int64 {
	w := s.weight
	u := int64(below(r, uint64(w[len(w)-1])))
	i, _ := slices.BinarySearchFunc(w, u, func(c, u int64) int {
		if c <= u {
			return -1
		}
		return 1
	})
	return s.vols[i]
}

// drawFacts draws one partner's facts after its measure: each declared
// metric in order, then the quota.
func (m *model) drawFacts(r *rand.PCG, f *facts) {
	for i := range m.metrics {
		s := &m.metrics[i]
		f.metrics[i] = decimal.New(s.sample(r), -s.scale)
	}
	if m.quota != nil {
		f.quota = decimal.New(m.quota.sample(r), -m.quota.scale)
	}
}

// modify applies the modifiers to the schedule payout pay at measure x,
// as incentive does: the accelerator above its quota (S(q) + f·(pay −
// S(q))), each multiplier's factor (the last band whose From the metric
// reaches; 1 below the first), then floor and cap; a gate not met holds
// the line at 0.
func (m *model) modify(x, pay decimal.Decimal, f *facts) decimal.Decimal {
	held := false
	for i := range m.mods {
		md := &m.mods[i]
		q := f.quota
		if md.quota != nil {
			q = *md.quota
		}
		switch md.kind {
		case incentive.Accelerator:
			if x.Cmp(q) > 0 {
				sq := m.sched.Payout(q)
				pay = sq.Add(md.factor.Mul(pay.Sub(sq)))
			}
		case incentive.Multiplier:
			v, factor := f.metrics[md.metric], decimal.NewFromInt(1)
			for k := range md.from {
				if v.Cmp(md.from[k]) >= 0 {
					factor = md.fact[k]
				}
			}
			pay = pay.Mul(factor)
		case incentive.Gate:
			if md.isAttain {
				held = held || x.Cmp(md.attain.Mul(q)) < 0
			} else {
				held = held || f.metrics[md.metric].Cmp(md.atLeast) < 0
			}
		case incentive.ModifierUnspecified:
		}
	}
	if m.c.floor != nil {
		pay = decimal.Max(pay, *m.c.floor)
	}
	if m.c.cap != nil {
		pay = decimal.Min(pay, *m.c.cap)
	}
	if held {
		return decimal.Decimal{}
	}
	return pay
}

// run computes draw i: on the fast path when it can, else in decimals
// from the same stream.
func (m *model) run(i uint64) draw {
	d := draw{tiers: make([]int64, m.sched.Len()+1)}
	var r rand.PCG
	if m.fast {
		r.Seed(m.pop.spec.Seed, i)
		if len(m.mods) == 0 && m.runFast(&r, &d) || len(m.mods) > 0 && m.runFastMods(&r, &d) {
			return d
		}
		clear(d.tiers)
	}
	r.Seed(m.pop.spec.Seed, i)
	m.runDecimal(&r, &d)
	return d
}

func (m *model) runFast(r *rand.PCG, d *draw) bool {
	var cost, marg int64
	for range m.pop.spec.Partners {
		x := m.att.sample(r)
		e, ok := m.fs.Evaluate(x)
		if !ok {
			return false
		}
		next, ok := m.fs.Payout(x + m.unit)
		if !ok {
			return false
		}
		a := min(max(e.Payout, m.floorF), m.capF)
		if x == 0 {
			a = 0 // no sales, no line: the floor is not paid
		}
		b := min(max(next, m.floorF), m.capF)
		if !m.tally(&cost, &marg, a, b, m.div) {
			return false
		}
		d.tiers[e.Tier]++
	}
	d.cost = fixed.ToDecimal(min(cost, m.budgetF), m.places)
	d.marginal = fixed.ToDecimal(marg, m.ps)
	return true
}

// divRound returns v / div (div > 0) rounded once to an integer with
// mode, as money.Round rounds: the line's single rounding step on the
// fast path. (It checks nothing: the mode is the plan's, valid.)
func divRound(v, div int64, mode money.RoundingMode) int64 {
	q, r := v/div, v%div // truncated toward zero
	if r == 0 {
		return q
	}
	away := q + 1
	if v < 0 {
		away, r = q-1, -r
	}
	switch mode {
	case money.TowardZero:
		return q
	case money.AwayFromZero:
		return away
	case money.Floor:
		return min(q, away)
	case money.Ceiling:
		return max(q, away)
	case money.HalfUp, money.HalfDown, money.HalfEven, money.RoundingUnspecified:
	}
	switch c := 2*r - div; { // 2r < 2·10^18 fits int64
	case c > 0:
		return away
	case c < 0:
		return q
	case mode == money.HalfUp, mode == money.HalfEven && q%2 != 0:
		return away
	}
	return q
}

func (m *model) runDecimal(r *rand.PCG, d *draw) {
	var cost, marg decimal.Decimal
	one := decimal.New(1, 0)
	f := facts{metrics: make([]decimal.Decimal, len(m.metrics))}
	for range m.pop.spec.Partners {
		x := decimal.New(m.att.sample(r), -m.scale)
		m.drawFacts(r, &f)
		e := m.sched.Evaluate(x)
		a := m.modify(x, e.Payout, &f)
		if x.IsZero() {
			a = decimal.Decimal{} // no sales, no line: the floor is not paid
		}
		x1 := x.Add(one)
		b := m.modify(x1, m.sched.Payout(x1), &f)
		line, err := money.Round(a, m.places, m.mode)
		if err != nil {
			line = a // unreachable: volumes and plan decimals are in range
		}
		if m.rcap != nil {
			line = decimal.Min(line, *m.rcap)
		}
		cost = cost.Add(line)
		marg = marg.Add(b.Sub(a))
		d.tiers[e.Tier]++
	}
	if m.budget != nil {
		cost = decimal.Min(cost, *m.budget)
	}
	d.cost, d.marginal = cost, marg
}

// merge combines the draws in draw order.
func (m *model) merge(ds []draw) (Simulation, error) {
	spec := m.pop.spec
	s := Simulation{Component: m.c.spec.ID, Version: m.c.spec.Version, Currency: m.cur, Partners: spec.Partners,
		Draws: spec.Draws, Seed: spec.Seed, Costs: make([]decimal.Decimal, len(ds))}
	counts := make([]int64, m.sched.Len()+1)
	var marg decimal.Decimal
	for i, d := range ds {
		s.Costs[i] = d.cost
		s.Total = s.Total.Add(d.cost)
		marg = marg.Add(d.marginal)
		for t, c := range d.tiers {
			counts[t] += c // ≤ MaxPartners · MaxDraws < 2^37
		}
	}
	n := decimal.NewFromInt(int64(spec.Partners) * int64(spec.Draws))
	var err error
	if s.Mean, err = money.Div(s.Total, decimal.NewFromInt(int64(spec.Draws)), m.places, m.mode); err != nil {
		return Simulation{}, err
	}
	if s.Marginal, err = money.Div(marg, n, MarginalPlaces, money.HalfEven); err != nil {
		return Simulation{}, err
	}
	s.P50, s.P90, s.P99 = s.Percentile(50), s.Percentile(90), s.Percentile(99)
	tiers := m.c.spec.Schedule.Tiers
	for t, c := range counts {
		ts := TierShare{Tier: t, Count: c}
		if t > 0 {
			ts.From = tiers[t-1].From
		}
		if ts.Share, err = money.Div(decimal.NewFromInt(c), n, SharePlaces, money.HalfEven); err != nil {
			return Simulation{}, err
		}
		s.Tiers = append(s.Tiers, ts)
	}
	return s, nil
}

// tally adds one partner's line — a (at the fast scale) divided by div,
// rounded once with the plan's mode and held to the recipient cap — to
// cost, and its marginal payout b − a to marg; false on int64 overflow
// (the draw is then redone in decimals).
func (m *model) tally(cost, marg *int64, a, b, div int64) bool {
	line := min(divRound(a, div, m.mode), m.rcapF)
	var ok bool
	if *cost, ok = fixed.AddChecked(*cost, line); !ok {
		return false
	}
	delta, ok := fixed.SubChecked(b, a)
	if !ok {
		return false
	}
	*marg, ok = fixed.AddChecked(*marg, delta)
	return ok
}
