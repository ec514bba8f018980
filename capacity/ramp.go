package capacity

import (
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// MaxPeriods bounds the number of periods one ramp computation covers.
const MaxPeriods = 10000

// Ramp is productivity by tenure: step t is the share of full productivity
// a partner (or consultant) delivers in its t-th period after starting,
// counting the start period as tenure 0. After the last step productivity
// stays at the last step's value. For example 0 %, 25 %, 75 %, 100 % by
// quarter of tenure. Every step is in [0, 1] and the last is positive. The
// zero Ramp has no steps and is rejected (ErrEmpty).
type Ramp struct{ steps []money.Rate }

// NewRamp returns the ramp with the given productivity steps (copied), or
// an error: ErrEmpty without steps, ErrShareRange for a step outside
// [0, 1] or a last step of 0 (a ramp that never becomes productive). A
// ramp's JSON form is the array of its steps (["0%", "25%", "100%"]), so
// the path of step i is "/i" ("" for a ramp without steps).
func NewRamp(steps ...money.Rate) (Ramp, error) {
	r := Ramp{steps: slices.Clone(steps)}
	if err := r.Validate(); err != nil {
		return Ramp{}, err
	}
	return r, nil
}

// MustRamp is NewRamp that panics on error, for literals in tests and
// examples.
func MustRamp(steps ...money.Rate) Ramp {
	r, err := NewRamp(steps...)
	if err != nil {
		panic(err)
	}
	return r
}

// Immediate returns the ramp that is fully productive from tenure 0.
func Immediate() Ramp { return Ramp{steps: []money.Rate{money.RateFromFraction(one())}} }

// Validate reports whether r is a valid ramp (see NewRamp): only the zero
// Ramp is not, since NewRamp, MustRamp and Immediate return valid ones.
// Paths are "" (no steps) and "/i" (step i).
func (r Ramp) Validate() error {
	var l errList
	r.validate(&l, "")
	return l.err()
}

func (r Ramp) validate(l *errList, at field.Path) {
	if len(r.steps) == 0 {
		l.add(inputErr(string(at), "", ErrEmpty))
		return
	}
	last := len(r.steps) - 1
	for i, s := range r.steps {
		if i == last && s.IsZero() {
			l.add(inputErr(string(at.Index(i)), s.FormatFraction(), ErrShareRange))
			continue
		}
		checkFraction(l, string(at.Index(i)), s, false)
	}
}

// checkBuilt reports the zero Ramp (ErrEmpty at path at). Any other Ramp
// was validated when it was built, so evaluation does not validate it
// again.
func (r Ramp) checkBuilt(l *errList, at string) {
	if len(r.steps) == 0 {
		l.add(inputErr(at, "", ErrEmpty))
	}
}

// MarshalJSON writes the steps as an array of percentages
// (["0%","25%","100%"]); the zero Ramp fails (ErrEmpty).
func (r Ramp) MarshalJSON() ([]byte, error) {
	if len(r.steps) == 0 {
		return nil, inputErr("", "", ErrEmpty)
	}
	return strictjson.Marshal(r.steps, strictjson.RatesWithUnit())
}

// UnmarshalJSON reads an array of rates strictly (strictjson, default
// limits) and validates it as NewRamp does. On error r is unchanged.
func (r *Ramp) UnmarshalJSON(data []byte) error {
	var steps []money.Rate
	if err := strictjson.Unmarshal(data, &steps, strictjson.Limits{}, strictjson.RatesWithUnit()); err != nil {
		return decodeErr(err)
	}
	v, err := NewRamp(steps...)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Steps returns a copy of the productivity steps.
func (r Ramp) Steps() []money.Rate { return slices.Clone(r.steps) }

// Equal reports whether two ramps have the same steps.
func (r Ramp) Equal(o Ramp) bool { return slices.EqualFunc(r.steps, o.steps, money.Rate.Equal) }

// Productivity returns the productivity at a tenure: 0 before the start
// (tenure < 0), the last step after the ramp's end.
func (r Ramp) Productivity(tenure int) money.Rate {
	if tenure < 0 {
		return money.Rate{}
	}
	return r.at(uint64(tenure))
}

// at is Productivity for a tenure that may exceed the int range (the
// distance between two extreme period indices).
func (r Ramp) at(tenure uint64) money.Rate {
	if len(r.steps) == 0 {
		return money.Rate{}
	}
	if tenure >= uint64(len(r.steps)) {
		return r.steps[len(r.steps)-1]
	}
	return r.steps[tenure]
}

// Cumulative returns the exact sum of productivity over tenures 0 …
// periods−1: the number of full-productivity periods a starter delivers in
// its first periods. periods ≤ 0 gives 0.
func (r Ramp) Cumulative(periods int) decimal.Decimal {
	var sum decimal.Decimal
	if periods <= 0 || len(r.steps) == 0 {
		return sum
	}
	for t := 0; t < periods && t < len(r.steps); t++ {
		sum = sum.Add(r.steps[t].Fraction())
	}
	if periods > len(r.steps) {
		sum = sum.Add(r.steps[len(r.steps)-1].Of(decimal.NewFromInt(int64(periods - len(r.steps)))))
	}
	return sum
}

// Cohort is a group of Count units (partners or consultants) that start in
// period Start. Periods are integers chosen by the caller, e.g. a quarter
// index (see QuarterIndex).
type Cohort struct {
	// Start is the period in which the cohort starts.
	Start int `json:"start"`
	// Count is the number of units. Non-negative.
	Count int64 `json:"count"`
}

// QuarterIndex returns year×4 + quarter−1 for t in its own location: a
// period index for quarterly ramps. Consecutive quarters have consecutive
// indices.
func QuarterIndex(t time.Time) int { return t.Year()*4 + (int(t.Month())-1)/3 }

// MonthIndex returns year×12 + month−1 for t in its own location.
func MonthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

// PeriodCapacity is the effective capacity in one period.
type PeriodCapacity struct {
	Period int
	// Started is the number of units whose cohort has started by Period.
	Started int64
	// Effective is Σ Count × Productivity(Period − Start) over the started
	// cohorts: exact, not rounded.
	Effective decimal.Decimal
}

// Equal reports whether two period capacities are equal.
func (p PeriodCapacity) Equal(o PeriodCapacity) bool {
	return p.Period == o.Period && p.Started == o.Started && p.Effective.Equal(o.Effective)
}

func checkCohorts(l *errList, at field.Path, cohorts []Cohort) {
	for i, c := range cohorts {
		if c.Count < 0 {
			l.add(inputErr(string(at.Index(i).Key("count")), strconv.FormatInt(c.Count, 10), ErrNegative))
		}
	}
}

// span returns the number of periods from..to minus one, exactly even
// when to − from overflows int; ok is false when to < from.
func span(from, to int) (n uint64, ok bool) {
	if to < from {
		return 0, false
	}
	return uint64(to) - uint64(from), true // modular difference: exact for to ≥ from
}

// effectiveAt sums the cohorts started by period. Counts are validated
// non-negative; a head count beyond int64 is ErrRange at path at.
func effectiveAt(r Ramp, cohorts []Cohort, period int, at string) (started int64, eff decimal.Decimal, err error) {
	for _, c := range cohorts {
		if c.Start > period {
			continue
		}
		if started > math.MaxInt64-c.Count {
			return 0, decimal.Decimal{}, inputErr(at, "", ErrRange)
		}
		started += c.Count
		tenure := uint64(period) - uint64(c.Start) // exact: period ≥ Start
		eff = eff.Add(r.at(tenure).Of(decimal.NewFromInt(c.Count)))
	}
	return started, eff, nil
}

// EffectiveCapacity returns, for each period from..to (inclusive, at most
// MaxPeriods), the effective capacity of the cohorts under ramp r. Each
// cohort contributes Count × r.Productivity(period − Start); figures are
// exact. The result does not depend on the order of cohorts.
//
// Errors: ErrRange for to < from or too many periods ("/to"),
// ErrNegative for a negative Count ("/cohorts/i/count"), ErrEmpty for the
// zero Ramp ("/ramp").
func EffectiveCapacity(r Ramp, cohorts []Cohort, from, to int) ([]PeriodCapacity, error) {
	var l errList
	r.checkBuilt(&l, "/ramp")
	checkCohorts(&l, "/cohorts", cohorts)
	n, ok := span(from, to)
	if !ok || n >= MaxPeriods {
		l.add(inputErr("/to", strconv.Itoa(to), ErrRange))
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	out := make([]PeriodCapacity, 0, n+1)
	for i := range int(n) + 1 {
		p := from + i // ≤ to: no overflow
		started, eff, err := effectiveAt(r, cohorts, p, "/cohorts")
		if err != nil {
			return nil, err
		}
		out = append(out, PeriodCapacity{Period: p, Started: started, Effective: eff})
	}
	return out, nil
}

// RecruitGoal is a target effective capacity at a period.
type RecruitGoal struct {
	// Target is the effective capacity needed at period At. Positive.
	Target decimal.Decimal `json:"target"`
	// At is the period at which Target must be met.
	At int `json:"at"`
	// Earliest is the first period in which a new cohort can start (≤ At).
	Earliest int `json:"earliest"`
	// ProductiveShare is the share of recruits that become productive, in
	// (0, 1]; use Funnel.Share for a staged funnel.
	ProductiveShare money.Rate `json:"productive_share"`
	// Existing are the productive cohorts already in place (their counts
	// are productive units: no share is applied to them).
	Existing []Cohort `json:"existing,omitempty"`
}

// RecruitOption is one way to meet a RecruitGoal: recruit Recruits in
// period Start.
type RecruitOption struct {
	Start int
	// Tenure is At − Start, the cohort's tenure at the target period.
	Tenure int
	// Productivity is the ramp's productivity at Tenure.
	Productivity money.Rate
	// Recruits is ⌈Gap / (ProductiveShare × Productivity)⌉ (one money.Div,
	// Ceiling).
	Recruits int64
}

// Equal reports whether two options are equal.
func (o RecruitOption) Equal(p RecruitOption) bool {
	return o.Start == p.Start && o.Tenure == p.Tenure && o.Productivity.Equal(p.Productivity) && o.Recruits == p.Recruits
}

// RecruitPlan answers "how many to recruit by when".
type RecruitPlan struct {
	// Existing is the effective capacity of the existing cohorts at At.
	Existing decimal.Decimal
	// Gap is max(0, Target − Existing), exact.
	Gap decimal.Decimal
	// Options lists, in ascending Start, every start period from Earliest
	// to At in which a cohort is productive at At (Productivity > 0), with
	// the recruits it needs. The last option is the latest period by which
	// recruiting must start; earlier starts need fewer recruits when the
	// ramp is non-decreasing.
	Options []RecruitOption
}

// Equal reports whether two plans are equal.
func (p RecruitPlan) Equal(o RecruitPlan) bool {
	return p.Existing.Equal(o.Existing) && p.Gap.Equal(o.Gap) && slices.EqualFunc(p.Options, o.Options, RecruitOption.Equal)
}

// PlanRecruiting returns, for each period in which recruiting could start,
// how many recruits (converted by the productive share, then ramped) close
// the gap between the goal and the existing cohorts' effective capacity at
// goal.At. Rounding: one money.Div per option, Ceiling, to whole recruits.
//
// Errors: ErrNonPositive for Target, ErrShareRange for ProductiveShare,
// ErrRange for Earliest > At or more than MaxPeriods periods, ErrNegative
// for an existing cohort, ErrEmpty for the zero Ramp, ErrUnreachable
// (path "/goal/at") when a gap remains and no start period gives positive
// productivity at At. Paths name the arguments as members: "/ramp",
// "/goal/target", "/goal/existing/0/count".
func PlanRecruiting(r Ramp, g RecruitGoal) (RecruitPlan, error) {
	var l errList
	r.checkBuilt(&l, "/ramp")
	checkPositive(&l, "/goal/target", g.Target)
	checkShare(&l, "/goal/productive_share", g.ProductiveShare)
	checkCohorts(&l, "/goal/existing", g.Existing)
	n, ok := span(g.Earliest, g.At)
	if !ok || n >= MaxPeriods {
		l.add(inputErr("/goal/earliest", strconv.Itoa(g.Earliest), ErrRange))
	}
	if err := l.err(); err != nil {
		return RecruitPlan{}, err
	}
	_, existing, err := effectiveAt(r, g.Existing, g.At, "/goal/existing")
	if err != nil {
		return RecruitPlan{}, err
	}
	gap := g.Target.Sub(existing)
	if gap.Sign() < 0 {
		gap = decimal.Decimal{}
	}
	plan := RecruitPlan{Existing: existing, Gap: gap}
	for tenure := int(n); tenure >= 0; tenure-- { // start = At − tenure, ascending
		prod := r.Productivity(tenure)
		if prod.IsZero() {
			continue
		}
		need, err := ceilDiv("/goal/target", gap, g.ProductiveShare.Mul(prod).Fraction())
		if err != nil {
			return RecruitPlan{}, err
		}
		count, err := toCount("/goal/target", need)
		if err != nil {
			return RecruitPlan{}, err
		}
		plan.Options = append(plan.Options, RecruitOption{Start: g.At - tenure, Tenure: tenure, Productivity: prod, Recruits: count})
	}
	if len(plan.Options) == 0 && gap.Sign() > 0 {
		return RecruitPlan{}, inputErr("/goal/at", strconv.Itoa(g.At), ErrUnreachable)
	}
	return plan, nil
}
