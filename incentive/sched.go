package incentive

import (
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// fastSchedule is a tier.Schedule with its decimals pre-converted to num,
// so that evaluation of a measure that fits int64 allocates nothing. It
// implements tier's documented formulas (see package tier) exactly; the
// differential tests check it against tier.Schedule.Evaluate. Linear
// schedules (whose interpolated rate needs a rounded division) use
// tier.Schedule directly.
type fastSchedule struct {
	ok        bool
	mode      tier.Mode
	boundary  tier.Boundary
	from      []num
	rate      []num
	rates     []money.Rate
	amount    []num
	cum       []num // Incremental: payout at from[i]
	threshold num
	step      num
}

func newFastSchedule(s tier.Schedule) fastSchedule {
	sp := s.Spec()
	if sp.Mode == tier.Linear {
		return fastSchedule{}
	}
	f := fastSchedule{ok: true, mode: sp.Mode, boundary: sp.Boundary,
		threshold: numOf(sp.Threshold), step: numOf(sp.Step)}
	for _, t := range sp.Tiers {
		f.from = append(f.from, numOf(t.From))
		f.rate = append(f.rate, numOf(t.Rate.Fraction()))
		f.rates = append(f.rates, t.Rate)
		f.amount = append(f.amount, numOf(t.Amount))
	}
	if sp.Mode == tier.Incremental {
		f.cum = make([]num, len(f.from))
		f.cum[0] = small(0, 0)
		for i := 1; i < len(f.from); i++ {
			f.cum[i] = f.cum[i-1].add(f.rate[i-1].mul(f.from[i].sub(f.from[i-1])))
		}
	}
	return f
}

// locate mirrors tier.Schedule: the 0-based tier containing x, -1 below
// the first bound; the first tier contains its own lower bound.
func (f *fastSchedule) locate(x num) int {
	n := len(f.from)
	switch c := x.cmp(f.from[0]); {
	case c < 0:
		return -1
	case c == 0:
		return 0
	}
	j := 0
	for i := 1; i < n; i++ {
		c := f.from[i].cmp(x)
		if c < 0 || (c == 0 && f.boundary == tier.LowerInclusive) {
			j = i
			continue
		}
		break
	}
	return j
}

// schedOut is what a schedule evaluation contributes to a trace.
type schedOut struct {
	payout num
	tier   int // 1-based, 0 below the first tier
	tiers  int
	rate   money.Rate
}

// eval returns R(x) with the tier and rate, as tier.Schedule.Evaluate.
func (f *fastSchedule) eval(x num) schedOut {
	j := f.locate(x)
	out := schedOut{tier: j + 1, tiers: len(f.from)}
	switch f.mode {
	case tier.AllUnits:
		k := max(j, 0)
		out.rate = f.rates[k]
		out.payout = f.rate[k].mul(x)
	case tier.Incremental:
		if j < 0 {
			out.rate = f.rates[0]
			out.payout = f.rate[0].mul(x.sub(f.from[0]))
		} else {
			out.rate = f.rates[j]
			out.payout = f.cum[j].add(f.rate[j].mul(x.sub(f.from[j])))
		}
	case tier.RetroFromThreshold:
		if j >= 0 {
			out.rate = f.rates[j]
		}
		if j < 0 || x.cmp(f.threshold) <= 0 {
			out.payout = small(0, 0)
		} else {
			out.payout = f.rate[j].mul(x.sub(f.threshold))
		}
	case tier.Increment:
		over := x.sub(f.threshold)
		if over.sign() <= 0 {
			out.payout = small(0, 0)
		} else {
			q, _ := quoFloor(over, f.step)
			out.payout = f.amount[0].mul(q)
		}
	case tier.FlatPerTier:
		if j < 0 {
			out.payout = small(0, 0)
		} else {
			out.payout = f.amount[j]
		}
	case tier.Package:
		if x.sign() <= 0 {
			out.payout = small(0, 0)
			break
		}
		q, exact := quoFloor(x, f.step)
		if f.boundary == tier.LowerInclusive || !exact {
			q = q.add(small(1, 0))
		}
		out.payout = f.amount[0].mul(q)
	case tier.Linear, tier.ModeUnspecified:
		out.payout = small(0, 0)
	}
	return out
}

// evalSchedule evaluates c's schedule at x: the fast form when compiled,
// tier.Schedule otherwise.
func (c *component) evalSchedule(x num) schedOut {
	if c.fast.ok {
		return c.fast.eval(x)
	}
	r := c.sched.Evaluate(x.dec())
	return schedOut{payout: numOf(r.Payout), tier: r.Tier, tiers: r.Tiers, rate: r.Rate}
}

// refSchedule is the reference: tier.Schedule.Evaluate on decimals.
func refSchedule(s tier.Schedule, x decimal.Decimal) tier.Result { return s.Evaluate(x) }
