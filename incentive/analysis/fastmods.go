package analysis

import (
	"math"
	"math/rand/v2"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/internal/fixed"
)

// The int64 path of a component with modifiers. Each factor is an
// integer at its own scale (an accelerator's factor at its places, a
// multiplier's band factors at the places of the finest of them), so the
// modified payout is an integer at the payout scale plus those places,
// exact; floor and cap are compared at that scale and the line is rounded
// once from it. Metric thresholds are integers at the metric's places,
// rounded up (an integer v reaches t exactly when it reaches ⌈t⌉). Any
// overflow sends the draw to the decimal path.

// fastMod is the integer form of a simMod.
type fastMod struct {
	scale  int32 // the places this modifier adds to the payout
	one    int64 // 10^scale: the factor 1
	factor int64 // accelerator
	quota  int64 // fixed quota at the measure's scale, when hasQ
	hasQ   bool
	sq     int64 // S(quota) at the payout scale, for a fixed quota
	from   []int64
	fact   []int64
	// metric gate: the minimum at the metric's places (rounded up);
	// attainment gate: the attainment at scale (x·one ≥ attain·q)
	atLeast int64
	attain  int64
}

// compileFastMods prepares the integer form of the modifiers, with floor
// and cap at the final scale; false leaves them to the decimal path.
func (m *model) compileFastMods() bool {
	fs := make([]fastMod, len(m.mods))
	total := m.ps
	places := func(ds ...decimal.Decimal) int32 {
		p := int32(0)
		for _, d := range ds {
			p = max(p, -d.Exponent())
		}
		return p
	}
	at := func(d decimal.Decimal, scale int32) (int64, bool) { return fixed.FromDecimal(d, scale) }
	ceilAt := func(d decimal.Decimal, scale int32) (int64, bool) {
		return fixed.FromDecimal(d.Shift(scale).Ceil(), 0)
	}
	var ok bool
	for i, md := range m.mods {
		f := &fs[i]
		if md.quota != nil {
			if f.quota, ok = at(*md.quota, m.scale); !ok {
				return false
			}
			f.hasQ = true
		}
		switch md.kind {
		case incentive.Accelerator:
			f.scale = places(md.factor.Normalize())
			if f.factor, ok = at(md.factor, f.scale); !ok {
				return false
			}
			if f.hasQ {
				if f.sq, ok = m.fs.Payout(f.quota); !ok {
					return false
				}
			}
		case incentive.Multiplier:
			for _, x := range md.fact {
				f.scale = max(f.scale, places(x.Normalize()))
			}
			mp := m.metrics[md.metric].scale
			for k := range md.from {
				fr, ok1 := ceilAt(md.from[k], mp)
				fa, ok2 := at(md.fact[k], f.scale)
				if !ok1 || !ok2 {
					return false
				}
				f.from, f.fact = append(f.from, fr), append(f.fact, fa)
			}
		case incentive.Gate:
			if md.isAttain {
				f.scale = 0
				as := places(md.attain.Normalize())
				if f.attain, ok = at(md.attain, as); !ok {
					return false
				}
				if f.one, ok = fixed.Pow10(as); !ok {
					return false
				}
				continue
			}
			if f.atLeast, ok = ceilAt(md.atLeast, m.metrics[md.metric].scale); !ok {
				return false
			}
		case incentive.ModifierUnspecified:
		}
		if f.one, ok = fixed.Pow10(f.scale); !ok {
			return false
		}
		total += f.scale
	}
	if total > fixed.MaxScale || total < m.places {
		return false
	}
	m.fmods, m.fscale = fs, total
	if m.fdiv, ok = fixed.Pow10(total - m.places); !ok {
		return false
	}
	m.fcap, m.ffloor = math.MaxInt64, math.MinInt64
	if m.c.cap != nil {
		if m.fcap, ok = at(*m.c.cap, total); !ok {
			return false
		}
	}
	if m.c.floor != nil {
		if m.ffloor, ok = at(*m.c.floor, total); !ok {
			return false
		}
	}
	m.rcapF, m.budgetF = math.MaxInt64, math.MaxInt64
	if m.rcap != nil {
		if m.rcapF, ok = at(*m.rcap, m.places); !ok {
			return false
		}
	}
	if m.budget != nil {
		if m.budgetF, ok = at(*m.budget, m.places); !ok {
			return false
		}
	}
	return true
}

// fastLine is the modified, floored and capped payout at m.fscale of
// measure x with schedule payout p, and facts metrics and quota q (at
// their scales); ok is false on overflow.
func (m *model) fastLine(x, p int64, metrics []int64, q int64) (int64, bool) {
	held, ok := false, true
	for i := range m.fmods {
		f, md := &m.fmods[i], &m.mods[i]
		quota, sq := q, int64(0)
		if f.hasQ {
			quota, sq = f.quota, f.sq
		}
		switch md.kind {
		case incentive.Accelerator:
			if x > quota {
				if !f.hasQ {
					if sq, ok = m.fs.Payout(quota); !ok {
						return 0, false
					}
				}
				var base, inc int64
				if base, ok = fixed.MulChecked(sq, f.one); !ok {
					return 0, false
				}
				if inc, ok = fixed.SubChecked(p, sq); !ok {
					return 0, false
				}
				if inc, ok = fixed.MulChecked(inc, f.factor); !ok {
					return 0, false
				}
				if p, ok = fixed.AddChecked(base, inc); !ok {
					return 0, false
				}
			} else if p, ok = fixed.MulChecked(p, f.one); !ok {
				return 0, false
			}
		case incentive.Multiplier:
			v, factor := metrics[md.metric], f.one
			for k := range f.from {
				if v >= f.from[k] {
					factor = f.fact[k]
				}
			}
			if p, ok = fixed.MulChecked(p, factor); !ok {
				return 0, false
			}
		case incentive.Gate:
			if md.isAttain {
				lhs, ok1 := fixed.MulChecked(x, f.one)
				rhs, ok2 := fixed.MulChecked(f.attain, quota)
				if !ok1 || !ok2 {
					return 0, false
				}
				held = held || lhs < rhs
			} else {
				held = held || metrics[md.metric] < f.atLeast
			}
		case incentive.ModifierUnspecified:
		}
	}
	p = min(max(p, m.ffloor), m.fcap)
	if held {
		return 0, true
	}
	return p, true
}

// runFastMods is runFast for a component with modifiers; false when a
// partner's figures overflow (the draw is then redone in decimals).
func (m *model) runFastMods(r *rand.PCG, d *draw) bool {
	var cost, marg int64
	metrics := make([]int64, len(m.metrics))
	for range m.pop.spec.Partners {
		x := m.att.sample(r)
		for i := range m.metrics {
			metrics[i] = m.metrics[i].sample(r)
		}
		var q int64
		if m.quota != nil {
			q = m.quota.sample(r)
		}
		e, ok := m.fs.Evaluate(x)
		if !ok {
			return false
		}
		next, ok := m.fs.Payout(x + m.unit)
		if !ok {
			return false
		}
		a, ok := m.fastLine(x, e.Payout, metrics, q)
		if !ok {
			return false
		}
		if x == 0 {
			a = 0 // no sales, no line: the floor is not paid
		}
		b, ok := m.fastLine(x+m.unit, next, metrics, q)
		if !ok {
			return false
		}
		if !m.tally(&cost, &marg, a, b, m.fdiv) {
			return false
		}
		d.tiers[e.Tier]++
	}
	d.cost = fixed.ToDecimal(min(cost, m.budgetF), m.places)
	d.marginal = fixed.ToDecimal(marg, m.fscale)
	return true
}
