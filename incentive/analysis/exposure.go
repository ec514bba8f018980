package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// Bound is an upper bound on a payout, or the statement that nothing
// bounds it (Bounded false, Amount zero).
type Bound struct {
	Bounded bool            `json:"bounded"`
	Amount  decimal.Decimal `json:"amount"`
}

// Equal reports whether b and o are both unbounded or both bounded by
// numerically equal amounts.
func (b Bound) Equal(o Bound) bool { return b.Bounded == o.Bounded && b.Amount.Equal(o.Amount) }

// String returns the amount in plain notation, or "unbounded".
func (b Bound) String() string {
	if !b.Bounded {
		return "unbounded"
	}
	return num(b.Amount)
}

// ComponentExposure is the most one component version can pay one
// recipient in one period.
type ComponentExposure struct {
	Path      string                  `json:"path"`
	Component string                  `json:"component"`
	Version   string                  `json:"version"`
	Recipient incentive.RecipientKind `json:"recipient"`
	// Max is the largest line: the supremum of the schedule payout over
	// every volume, times the greatest modifier factors, bounded by the
	// cap and raised to the floor, rounded with the plan's mode and places
	// (rounding is monotone, so no line exceeds it).
	Max Bound `json:"max"`
	// Capped reports that the component cap (not the schedule) sets Max.
	Capped bool `json:"capped,omitzero"`
	// Reach, when HasReach, is the least measure (at the measure's scale)
	// at which the line can reach Max before rounding, with the most
	// favourable facts: the metric values in Metrics (each multiplier's
	// band with the greatest factor) and an accelerator at its greatest
	// effect.
	HasReach bool            `json:"has_reach,omitzero"`
	Reach    decimal.Decimal `json:"reach"`
	Metrics  []Detail        `json:"metrics,omitzero"`
}

// Equal reports whether e and o are equal field by field.
func (e ComponentExposure) Equal(o ComponentExposure) bool {
	return e.Path == o.Path && e.Component == o.Component && e.Version == o.Version &&
		e.Recipient == o.Recipient && e.Max.Equal(o.Max) && e.Capped == o.Capped &&
		e.HasReach == o.HasReach && e.Reach.Equal(o.Reach) && slices.EqualFunc(e.Metrics, o.Metrics, Detail.Equal)
}

// Exposure is the most a plan can pay in one period: per component line,
// per partner and per rep (the sum of the maxima of every component
// version paying that kind of recipient, bounded by the plan's recipient
// cap), and in total (the plan's budget; without one, the total grows
// with the number of recipients and is unbounded). Recipient cap and
// budget count rounded down to the plan's places, as incentive reduces
// lines to them.
type Exposure struct {
	Components []ComponentExposure `json:"components"`
	PerPartner Bound               `json:"per_partner"`
	PerRep     Bound               `json:"per_rep"`
	Total      Bound               `json:"total"`
}

// Equal reports whether e and o are equal field by field.
func (e Exposure) Equal(o Exposure) bool {
	return slices.EqualFunc(e.Components, o.Components, ComponentExposure.Equal) &&
		e.PerPartner.Equal(o.PerPartner) && e.PerRep.Equal(o.PerRep) && e.Total.Equal(o.Total)
}

// reachLimit is the largest volume (at the measure's scale) searched for
// the input that reaches a bound.
const reachLimit = int64(1) << 60

// exposure computes the plan's exposure.
func exposure(spec incentive.PlanSpec, comps []comp, mode money.RoundingMode, places int32) Exposure {
	var e Exposure
	sums := map[incentive.RecipientKind]Bound{
		incentive.RecipientPartner: {Bounded: true}, incentive.RecipientRep: {Bounded: true}}
	for _, c := range comps {
		ce := c.exposure(mode, places)
		e.Components = append(e.Components, ce)
		s := sums[ce.Recipient]
		if !ce.Max.Bounded {
			s = Bound{}
		} else if s.Bounded {
			s.Amount = s.Amount.Add(ce.Max.Amount)
		}
		sums[ce.Recipient] = s
	}
	limit := func(b Bound, capAmt *decimal.Decimal) Bound {
		if capAmt == nil {
			return b
		}
		cr := roundDown(*capAmt, places)
		if !b.Bounded || b.Amount.Cmp(cr) > 0 {
			return Bound{Bounded: true, Amount: cr}
		}
		return b
	}
	e.PerPartner = limit(sums[incentive.RecipientPartner], spec.RecipientCap)
	e.PerRep = limit(sums[incentive.RecipientRep], spec.RecipientCap)
	e.Total = limit(Bound{}, spec.Budget)
	return e
}

// roundDown rounds a positive limit down to places, as incentive reduces
// lines to it.
func roundDown(d decimal.Decimal, places int32) decimal.Decimal {
	r, err := money.Round(d, places, money.Floor)
	if err != nil {
		return d // unreachable: plan decimals are in range
	}
	return r
}

// exposure computes the component's largest line.
func (c comp) exposure(mode money.RoundingMode, places int32) ComponentExposure {
	ce := ComponentExposure{Path: c.path, Component: c.spec.ID, Version: c.spec.Version, Recipient: c.spec.Recipient}
	up := c.maxMult
	if c.accel != nil && c.accel.factor.Cmp(decimal.NewFromInt(1)) > 0 {
		up = up.Mul(c.accel.factor)
	}
	sup, bounded := c.supremum()
	var exact decimal.Decimal
	switch {
	case c.cap != nil && (!bounded || sup.Mul(up).Cmp(*c.cap) >= 0):
		exact, bounded, ce.Capped = *c.cap, true, true
	case bounded:
		exact = sup.Mul(up)
	}
	if !bounded {
		return ce
	}
	if c.floor != nil && c.floor.Cmp(exact) > 0 {
		exact = *c.floor
	}
	r, err := money.Round(exact, places, mode)
	if err != nil {
		r = exact // unreachable: plan decimals are in range
	}
	ce.Max = Bound{Bounded: true, Amount: r}
	if x, ok := c.reach(exact, up); ok {
		ce.HasReach, ce.Reach = true, x
		if c.maxMult.Cmp(decimal.NewFromInt(1)) > 0 {
			ce.Metrics = slices.Clone(c.maxMetric)
		}
	}
	return ce
}

// supremum returns an upper bound of the schedule payout over every
// volume (its least upper bound except for linear schedules, where it is
// the greatest knot rate times the last knot), and false when the payout
// grows without bound.
func (c comp) supremum() (decimal.Decimal, bool) {
	s := c.spec.Schedule
	ts := s.Tiers
	n := len(ts)
	last := rateOf(ts[n-1])
	best := decimal.Decimal{}
	switch s.Mode {
	case tier.FlatPerTier:
		for _, t := range ts {
			best = decimal.Max(best, t.Amount)
		}
		return best, true
	case tier.Increment, tier.Package:
		return decimal.Decimal{}, ts[0].Amount.IsZero()
	case tier.AllUnits, tier.Incremental, tier.RetroFromThreshold, tier.Linear, tier.ModeUnspecified:
	}
	if last.Sign() > 0 {
		return decimal.Decimal{}, false
	}
	for j := 1; j < n; j++ {
		below, _, _ := c.bound(j)
		best = decimal.Max(best, below)
	}
	if n > 1 {
		_, at, _ := c.bound(n - 1)
		best = decimal.Max(best, at)
	} else {
		best = decimal.Max(best, ts[0].Flat)
	}
	if s.Mode == tier.Linear {
		for _, t := range ts {
			best = decimal.Max(best, rateOf(t).Mul(ts[n-1].From))
		}
	}
	return best, true
}

// reach returns the least volume x ≥ 0 at the measure's scale, found by
// bisection, at which the schedule payout times up reaches target, and
// false when none below reachLimit does (or target is not positive). For a
// schedule that is not monotone it returns a volume that reaches target,
// not necessarily the least.
func (c comp) reach(target, up decimal.Decimal) (decimal.Decimal, bool) {
	if target.Sign() <= 0 || up.Sign() <= 0 {
		return decimal.Decimal{}, false
	}
	hits := func(u int64) bool {
		return c.sched.Payout(decimal.New(u, -c.scale)).Mul(up).Cmp(target) >= 0
	}
	if hits(0) {
		return decimal.Decimal{}, true
	}
	lo, hi := int64(0), int64(1)
	for !hits(hi) {
		if hi >= reachLimit {
			return decimal.Decimal{}, false
		}
		lo, hi = hi, hi*2
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if hits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return decimal.New(hi, -c.scale), true
}

// finding states the exposure as an Info finding on the whole plan.
func (e Exposure) finding(spec incentive.PlanSpec) Finding {
	cur := spec.Currency.String()
	var open []string
	pays := map[incentive.RecipientKind]bool{0: true}
	for _, c := range e.Components {
		if !c.Max.Bounded {
			open = append(open, fmt.Sprintf("%q", c.Component))
		}
	}
	open = slices.Compact(open)
	for _, c := range e.Components {
		pays[c.Recipient] = true
	}
	say := func(b Bound, k incentive.RecipientKind) string {
		if !pays[k] {
			return "nothing"
		}
		if b.Bounded {
			return "at most " + num(b.Amount) + " " + cur
		}
		return "without bound"
	}
	msg := fmt.Sprintf("in one period the plan can pay each partner %s, each rep %s, and in total %s",
		say(e.PerPartner, incentive.RecipientPartner), say(e.PerRep, incentive.RecipientRep), say(e.Total, 0))
	if len(open) > 0 {
		msg += "; nothing caps component " + strings.Join(open, ", ")
	}
	if !e.Total.Bounded {
		msg += "; without a budget the total grows with the number of recipients"
	}
	var ds []Detail
	for _, d := range []struct {
		name string
		b    Bound
	}{{"per_partner", e.PerPartner}, {"per_rep", e.PerRep}, {"total", e.Total}} {
		if d.b.Bounded {
			ds = append(ds, Detail{d.name, d.b.Amount})
		}
	}
	return Finding{Check: ExposureBound, Severity: Info, Path: "", Message: msg, Details: ds}
}
