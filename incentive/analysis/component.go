package analysis

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/tier"
)

// unitsScale is the scale of a units measure inside incentive (4 places).
const unitsScale = 4

// comp is one component of a plan, prepared for the static rules.
type comp struct {
	path  string
	spec  incentive.ComponentSpec
	sched tier.Schedule
	cap   *decimal.Decimal
	floor *decimal.Decimal
	// unit names the measure's unit in messages; scale is the measure's
	// scale inside incentive (the smallest step of volume).
	unit  string
	scale int32
	cur   string // the plan currency
	// minMult and maxMult are the least and greatest product of the
	// multipliers' factors over every metric value (a metric below the
	// first band multiplies by 1).
	minMult, maxMult decimal.Decimal
	// maxMetric names, for each multiplier, the metric value (the band's
	// From) that gives maxMult; empty when no band raises the payout.
	maxMetric []Detail
	accel     *accel
}

type accel struct {
	factor decimal.Decimal
	quota  *decimal.Decimal
}

// compile prepares every component of spec. The plan is valid, so every
// schedule compiles.
func compile(spec incentive.PlanSpec) []comp {
	out := make([]comp, 0, len(spec.Components))
	digits := spec.Currency.Digits()
	for i, cs := range spec.Components {
		s, err := tier.New(cs.Schedule)
		if err != nil {
			continue // unreachable: incentive.NewPlan validated it
		}
		c := comp{path: "/components/" + strconv.Itoa(i), spec: cs, sched: s, cap: cs.Cap, floor: cs.Floor, cur: spec.Currency.String(),
			minMult: decimal.NewFromInt(1), maxMult: decimal.NewFromInt(1)}
		switch cs.Measure {
		case incentive.Units:
			c.unit, c.scale = "units", unitsScale
		case incentive.EventCount:
			c.unit, c.scale = "events", 0
		case incentive.GrowthPercent:
			c.unit, c.scale = "percentage points of growth", incentive.GrowthPlaces
		case incentive.Revenue, incentive.RecurringRevenue, incentive.GrowthAmount, incentive.MeasureUnspecified:
			c.unit, c.scale = spec.Currency.String(), digits
		}
		for _, m := range cs.Modifiers {
			switch m.Kind {
			case incentive.Accelerator:
				c.accel = &accel{factor: m.Factor, quota: m.Quota}
			case incentive.Multiplier:
				lo, hi := decimal.NewFromInt(1), decimal.NewFromInt(1)
				var at *incentive.Band
				for k, b := range m.Bands {
					lo = decimal.Min(lo, b.Factor)
					if b.Factor.Cmp(hi) > 0 {
						hi, at = b.Factor, &m.Bands[k]
					}
				}
				c.minMult, c.maxMult = c.minMult.Mul(lo), c.maxMult.Mul(hi)
				if at != nil {
					c.maxMetric = append(c.maxMetric, Detail{"metric:" + m.Metric, at.From})
				}
			case incentive.Gate:
				// A gate holds a line back (it pays 0) or leaves it as it
				// is: it never raises the maximum, and tiers are judged on
				// the lines it lets through, which it does not change.
			case incentive.ModifierUnspecified:
				// unreachable: incentive.NewPlan rejects it
			}
		}
		out = append(out, c)
	}
	return out
}

// from returns tier j's lower bound.
func (c comp) from(j int) decimal.Decimal { return c.spec.Schedule.Tiers[j].From }

func (c comp) tierPath(j int) string { return c.path + "/schedule/tiers/" + strconv.Itoa(j) }

// rateOf returns a tier's rate as a fraction, or its price per unit.
func rateOf(t tier.Tier) decimal.Decimal { return t.Rate.Fraction().Add(t.Price) }

// bound returns the schedule payout at tier j's bound b under tier j−1's
// terms (the limit from below) and under tier j's terms (the payout on
// entering tier j), exactly; ok is false for the modes without tier
// bounds (increment, package). The difference is the jump at b:
// (r_j − r_{j−1})·b + f_j − f_{j−1} for all-units.
func (c comp) bound(j int) (below, at decimal.Decimal, ok bool) {
	s := c.spec.Schedule
	ts := s.Tiers
	b := ts[j].From
	switch s.Mode {
	case tier.AllUnits:
		return rateOf(ts[j-1]).Mul(b).Add(ts[j-1].Flat), rateOf(ts[j]).Mul(b).Add(ts[j].Flat), true
	case tier.RetroFromThreshold:
		over := decimal.Max(b.Sub(s.Threshold), decimal.Decimal{})
		return rateOf(ts[j-1]).Mul(over), rateOf(ts[j]).Mul(over), true
	case tier.FlatPerTier:
		return ts[j-1].Amount, ts[j].Amount, true
	case tier.Incremental:
		sum := decimal.Decimal{}
		for i := 0; i < j; i++ {
			sum = sum.Add(rateOf(ts[i]).Mul(ts[i+1].From.Sub(ts[i].From))).Add(ts[i].Flat)
		}
		return sum, sum.Add(ts[j].Flat), true
	case tier.Linear:
		// Continuous: at knot a_j the interpolated rate is r_j exactly.
		p := rateOf(ts[j]).Mul(b)
		return p, p, true
	case tier.Increment, tier.Package, tier.ModeUnspecified:
	}
	return decimal.Decimal{}, decimal.Decimal{}, false
}

// lowAt returns the least the line can pay, before floor and cap, at
// volume x where the schedule pays s, over every recipient fact: the
// accelerator with its fixed quota exactly (S(q) + f·(s − S(q)) for x ≥
// q: x is a tier bound and s the payout on entering the tier, just above
// the bound under upper-inclusive, where x > q holds; at x = q under
// lower-inclusive s = S(q) and the formula gives s), without one at the
// least of s and f·s (for a non-decreasing, non-negative schedule), then
// the least multiplier factors.
func (c comp) lowAt(x, s decimal.Decimal) decimal.Decimal {
	if a := c.accel; a != nil {
		switch {
		case a.quota != nil && x.Cmp(*a.quota) >= 0:
			sq := c.sched.Payout(*a.quota)
			s = sq.Add(a.factor.Mul(s.Sub(sq)))
		case a.quota == nil:
			s = decimal.Min(s, a.factor.Mul(s))
		}
	}
	return s.Mul(c.minMult)
}

// finding builds a finding about c.
func (c comp) finding(r Check, sev Severity, path, msg string, ds ...Detail) Finding {
	return Finding{Check: r, Severity: sev, Path: path, Component: c.spec.ID, Version: c.spec.Version, Message: msg, Details: ds}
}
