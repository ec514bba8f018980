package incentive

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// Weighted multi-measure attainment: a component with an Attainment
// evaluates its schedule at the recipient's attainment, in percentage
// points, instead of its measure:
//
//	A = Σ_i w_i · min(m_i / q_i, cap_i)      (no cap: m_i / q_i)
//
// with weights w_i summing to exactly 100 %, m_i the recipient's measure
// of a component of the plan (its period measure) or a metric fact, and
// q_i a fixed quota or the recipient's quota fact. The schedule sees
// 100·A rounded once to GrowthPlaces places toward the tier that does not
// pay yet (Floor for lower-inclusive schedules, Ceiling for upper-
// inclusive ones), so with bounds of at most GrowthPlaces places the tier
// reached is the tier of the exact attainment. A pay curve is the
// component's schedule over attainment points: accelerators are higher
// marginal rates or prices above 100, decelerators lower ones beyond a
// point (an incremental schedule), or an accelerator modifier's factor.

// MaxAttainmentMeasures is the largest number of measures of an
// attainment.
const MaxAttainmentMeasures = 8

// AttainmentSpec is a weighted multi-measure attainment (see
// ComponentSpec.Attainment).
type AttainmentSpec struct {
	// Measures are weighed into the attainment: at least one, at most
	// MaxAttainmentMeasures, each component or metric once.
	Measures []AttainmentMeasure `json:"measures"`
}

// AttainmentMeasure is one weighed measure: exactly one of Component (the
// period measure of that component of the plan, of the same recipient
// kind and with a single version; the component's own ID is allowed) and
// Metric (a metric fact, RecipientFacts.Metrics).
type AttainmentMeasure struct {
	Component string `json:"component,omitzero"`
	Metric    string `json:"metric,omitzero"`
	// Weight is the measure's weight ("60%"); the weights sum to exactly
	// 100 %.
	Weight money.Rate `json:"weight"`
	// Quota, if set, is the measure's quota (positive); otherwise the
	// recipient's quota fact RecipientFacts.Quotas[Component or Metric].
	Quota *decimal.Decimal `json:"quota,omitempty"`
	// Cap, if set, caps the measure's attainment m / q ("150%").
	Cap *money.Rate `json:"cap,omitempty"`
}

// key returns the component ID or metric name, which also keys the quota
// fact.
func (m AttainmentMeasure) key() string {
	if m.Component != "" {
		return m.Component
	}
	return m.Metric
}

// AttainmentStep is one measure's part in a trace: its value, quota,
// ratio value / quota (before the cap), cap and weight.
type AttainmentStep struct {
	Component string          `json:"component,omitzero"`
	Metric    string          `json:"metric,omitzero"`
	Value     decimal.Decimal `json:"value"`
	Quota     decimal.Decimal `json:"quota"`
	Cap       *money.Rate     `json:"cap,omitempty"`
	Weight    money.Rate      `json:"weight"`
	// Capped reports that the cap bound the ratio.
	Capped bool `json:"capped,omitzero"`
}

// Equal compares numerically.
func (s AttainmentStep) Equal(o AttainmentStep) bool {
	capEq := s.Cap == nil && o.Cap == nil || s.Cap != nil && o.Cap != nil && s.Cap.Equal(*o.Cap)
	return s.Component == o.Component && s.Metric == o.Metric && s.Value.Equal(o.Value) && s.Quota.Equal(o.Quota) &&
		capEq && s.Weight.Equal(o.Weight) && s.Capped == o.Capped
}

func canonAttainment(a *AttainmentSpec) *AttainmentSpec {
	if a == nil {
		return nil
	}
	c := AttainmentSpec{Measures: slices.Clone(a.Measures)}
	for i := range c.Measures {
		m := &c.Measures[i]
		m.Weight = money.RateFromFraction(canon(m.Weight.Fraction()))
		m.Quota = canonPtr(m.Quota)
		m.Cap = canonRate(m.Cap)
	}
	return &c
}

func cloneAttainment(a *AttainmentSpec) *AttainmentSpec {
	if a == nil {
		return nil
	}
	c := AttainmentSpec{Measures: slices.Clone(a.Measures)}
	for i := range c.Measures {
		c.Measures[i].Quota = clonePtr(c.Measures[i].Quota)
		c.Measures[i].Cap = cloneRate(c.Measures[i].Cap)
	}
	return &c
}

// attainment checks the attainment of component i at p (comps: all the
// plan's components, for references).
func (v *validator) attainment(p string, c ComponentSpec, comps []ComponentSpec) {
	ap := p + "/attainment"
	ms := c.Attainment.Measures
	switch n := len(ms); {
	case n == 0:
		v.add(ap+"/measures", "", fmt.Errorf("%w: at least one measure required", ErrInvalid))
		return
	case n > MaxAttainmentMeasures:
		v.add(ap+"/measures", strconv.Itoa(n), fmt.Errorf("%w: %d measures, at most %d", ErrTooMany, n, MaxAttainmentMeasures))
		return
	}
	sum := money.Rate{}
	weightsOK := true
	for i, m := range ms {
		mp := fmt.Sprintf("%s/measures/%d", ap, i)
		switch {
		case (m.Component == "") == (m.Metric == ""):
			v.add(mp, "", fmt.Errorf("%w: exactly one of component and metric", ErrInvalid))
		case m.Component != "":
			v.id(mp+"/component", m.Component, true)
			versions, kindOK := 0, true
			for _, o := range comps {
				if o.ID == m.Component {
					versions++
					kindOK = kindOK && o.Recipient == c.Recipient
				}
			}
			switch {
			case versions == 0:
				v.add(mp+"/component", m.Component, fmt.Errorf("%w: no component %q in the plan", ErrInvalid, m.Component))
			case versions > 1:
				v.add(mp+"/component", m.Component, fmt.Errorf("%w: component %q has %d versions (an attainment reads a single one)", ErrInvalid, m.Component, versions))
			case !kindOK:
				v.add(mp+"/component", m.Component, fmt.Errorf("%w: component %q pays another recipient kind", ErrInvalid, m.Component))
			}
		default:
			v.id(mp+"/metric", m.Metric, true)
		}
		for j := range i {
			if ms[j].Component == m.Component && ms[j].Metric == m.Metric {
				v.add(mp, m.key(), fmt.Errorf("%w: measure repeats /measures/%d", ErrDuplicate, j))
			}
		}
		if v.absent(mp + "/weight") {
			v.add(mp+"/weight", "", fmt.Errorf("%w: required", ErrInvalid))
			weightsOK = false
		} else if m.Weight.Sign() <= 0 || !inRange(m.Weight.Fraction()) {
			v.add(mp+"/weight", m.Weight.String(), fmt.Errorf("%w: a weight is more than 0%%", ErrInvalid))
			weightsOK = false
		}
		sum = sum.Add(m.Weight)
		if m.Quota != nil && v.dec(mp+"/quota", *m.Quota, true) && m.Quota.IsZero() {
			v.add(mp+"/quota", "0", fmt.Errorf("%w: quota must be positive", ErrInvalid))
		}
		if m.Cap != nil && (m.Cap.Sign() <= 0 || !inRange(m.Cap.Fraction())) {
			v.add(mp+"/cap", m.Cap.String(), fmt.Errorf("%w: a cap is more than 0%%", ErrInvalid))
		}
	}
	if weightsOK && !sum.Equal(money.RateFromFraction(decimal.New(1, 0))) {
		v.add(ap+"/measures", sum.String(), fmt.Errorf("%w: the weights sum to %s, not exactly 100%%", ErrInvalid, sum))
	}
	for i, t := range c.Schedule.Tiers {
		if t.From.Exponent() < -GrowthPlaces {
			v.add(fmt.Sprintf("%s/schedule/tiers/%d/from", p, i), money.FormatDecimal(t.From, 0), fmt.Errorf("%w: attainment bounds (percentage points) have at most %d places", ErrInvalid, GrowthPlaces))
		}
	}
	switch c.Measure {
	case GrowthAmount, GrowthPercent:
		v.add(p+"/measure", c.Measure.String(), fmt.Errorf("%w: an attainment component's own measure is revenue, recurring revenue, units or events", ErrInvalid))
	case Revenue, RecurringRevenue, Units, EventCount, MeasureUnspecified:
	}
	for i, m := range c.Modifiers {
		if m.Kind == Accelerator || m.Kind == Gate && m.Attainment != nil {
			v.add(fmt.Sprintf("%s/modifiers/%d/kind", p, i), m.Kind.String(), fmt.Errorf("%w: an attainment component's accelerators and attainment gates are its schedule (pay curve)", ErrInvalid))
		}
	}
	if c.Team != nil {
		v.add(ap, "", fmt.Errorf("%w: a team component has no attainment", ErrInvalid))
	}
}

// attainCalc is the attainment of one line.
type attainCalc struct {
	x     num // 100·A rounded to GrowthPlaces
	exact decimal.Decimal
	steps []AttainmentStep
}

// attainRefs resolves, for side s, the entry of s.comps of each measure
// of c's attainment that names a component (−1 for metrics).
func (s *side) attainRefs(p *Plan, c *component) []int {
	out := make([]int, len(c.spec.Attainment.Measures))
	for i, m := range c.spec.Attainment.Measures {
		out[i] = -1
		if m.Component == "" {
			continue
		}
		for j, ci := range s.comps {
			if p.comps[ci].spec.ID == m.Component {
				out[i] = j
			}
		}
	}
	return out
}

// attain computes the attainment of recipient slot ri of side s for c:
// the exact rational A, then 100·A rounded once (see the package
// comment above).
func (a *Accumulator) attain(c *component, s *side, ri int, rec Recipient, f RecipientFacts, hasFacts bool) (*attainCalc, error) {
	p := &a.plan
	refs := s.attainRefs(p, c)
	ng := len(s.groups)
	sum := new(big.Rat)
	ac := &attainCalc{}
	for i, m := range c.spec.Attainment.Measures {
		var value decimal.Decimal
		if j := refs[i]; j >= 0 {
			rc := &p.comps[s.comps[j]]
			value = s.total(ri*ng+s.groupOf[j], rc.scale).dec()
		} else {
			v, ok := f.Metrics[m.Metric]
			if !hasFacts || !ok {
				return nil, missing(rec, field.At("metrics", m.Metric), "", "no metric "+strconv.Quote(m.Metric)+" for the attainment of component "+strconv.Quote(c.spec.ID))
			}
			if err := factRange(rec, field.At("metrics", m.Metric), v); err != nil {
				return nil, err
			}
			value = v
		}
		var q decimal.Decimal
		if m.Quota != nil {
			q = *m.Quota
		} else {
			qf, ok := f.Quotas[m.key()]
			if !hasFacts || !ok {
				return nil, missing(rec, field.At("quotas", m.key()), "", "no quota "+strconv.Quote(m.key())+" for the attainment of component "+strconv.Quote(c.spec.ID))
			}
			if err := factRange(rec, field.At("quotas", m.key()), qf); err != nil {
				return nil, err
			}
			if qf.Sign() <= 0 {
				return nil, missing(rec, field.At("quotas", m.key()), money.FormatDecimal(qf, 0), "an attainment quota must be positive")
			}
			q = qf
		}
		ratio := new(big.Rat).Quo(value.Rat(), q.Rat())
		st := AttainmentStep{Component: m.Component, Metric: m.Metric, Value: value, Quota: q, Cap: m.Cap, Weight: m.Weight}
		if m.Cap != nil && ratio.Cmp(m.Cap.Fraction().Rat()) > 0 {
			ratio, st.Capped = m.Cap.Fraction().Rat(), true
		}
		sum.Add(sum, ratio.Mul(ratio, m.Weight.Fraction().Rat()))
		ac.steps = append(ac.steps, st)
	}
	mode := money.Floor
	if c.spec.Schedule.Boundary == tier.UpperInclusive {
		mode = money.Ceiling
	}
	sum.Mul(sum, big.NewRat(100, 1))
	x, err := money.Div(decimal.NewFromBigInt(sum.Num(), 0), decimal.NewFromBigInt(sum.Denom(), 0), GrowthPlaces, mode)
	if err != nil {
		return nil, err
	}
	ac.x = numOf(x)
	return ac, nil
}

// attainmentPhrase names the attainment the schedule saw: "attainment
// 112.5 (60% × min(revenue component 540,000 / 480,000, 150%) + …)".
func (t Trace) attainmentPhrase() string {
	var b strings.Builder
	period := t.PeriodLabel
	if period == "" {
		period = t.Period
	}
	b.WriteString("attainment " + groupCanon(t.Base, 0) + "% in " + period + " (")
	for i, s := range t.Attainment {
		if i > 0 {
			b.WriteString(" + ")
		}
		what := s.Metric
		if s.Component != "" {
			what = s.Component
		}
		b.WriteString(s.Weight.String() + " × ")
		ratio := what + " " + groupCanon(s.Value, 0) + " / " + groupCanon(s.Quota, 0)
		if s.Cap != nil {
			b.WriteString("min(" + ratio + ", " + s.Cap.String() + ")")
			if s.Capped {
				b.WriteString(" capped")
			}
		} else {
			b.WriteString(ratio)
		}
	}
	b.WriteString(")")
	return b.String()
}
