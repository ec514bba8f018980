package incentive

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// refLine is the all-decimal reference evaluation of one line, before the
// plan's recipient cap and budget.
type refLine struct {
	Recipient Recipient
	Component string
	Version   string
	Volume    decimal.Decimal
	Count     int64
	Base      decimal.Decimal
	Tier      int
	Rate      money.Rate
	Schedule  decimal.Decimal
	Exact     decimal.Decimal
	Rounded   decimal.Decimal
	// Part is a team member's share of the team award (Rounded), the
	// line's Rounded otherwise.
	Part decimal.Decimal
}

type refKey struct {
	rec  Recipient
	comp int
}

// refEvaluate is the reference evaluator: plain decimal sums, package
// tier's own Evaluate, decimal modifiers and limits, money.Round. It shares
// only eligibility (not arithmetic) with the fast path.
func refEvaluate(p Plan, period Period, f Facts, txs []Transaction) ([]refLine, error) {
	type st struct {
		vol decimal.Decimal
		n   int64
	}
	sums := map[refKey]*st{}
	for i := range txs {
		t := &txs[i]
		if err := t.check(&p); err != nil {
			return nil, err
		}
		if !period.Contains(t.Date) || t.Corrects != "" {
			continue
		}
		for ci := range p.comps {
			c := &p.comps[ci]
			if !c.effective(t.Date) || !c.eligible(t) {
				continue
			}
			var v decimal.Decimal
			switch c.spec.Measure {
			case RecurringRevenue:
				v = refContractValue(p, c.spec.ContractValue, t)
			case Revenue, GrowthAmount, GrowthPercent:
				v = t.Amount.Decimal()
			case Units:
				v = t.Units
			case EventCount:
				v = decimal.New(1, 0)
				if t.Kind == Return || t.Kind == CreditNote {
					v = decimal.New(-1, 0)
				}
			case MeasureUnspecified:
			}
			for id, part := range refCredits(t, c.spec.Recipient, c.spec.Overlay, v, c.scale) {
				k := refKey{Recipient{c.spec.Recipient, id}, ci}
				s := sums[k]
				if s == nil {
					s = &st{}
					sums[k] = s
				}
				s.n++
				s.vol = s.vol.Add(part)
			}
		}
	}
	var out []refLine
	for k, s := range sums {
		c := &p.comps[k.comp]
		if c.spec.Team != nil {
			continue // refTeams
		}
		facts, has := f[k.rec]
		x := s.vol
		switch c.spec.Measure {
		case GrowthAmount, GrowthPercent:
			b, ok := facts.Baselines[c.spec.ID]
			if !has || !ok {
				return nil, missing(k.rec, "/baselines", "", "baseline")
			}
			x = x.Sub(b)
			if c.spec.Measure == GrowthPercent {
				if b.Sign() <= 0 {
					return nil, missing(k.rec, "/baselines", "", "baseline")
				}
				mode := money.Floor
				if c.spec.Schedule.Boundary == tier.UpperInclusive {
					mode = money.Ceiling
				}
				g, err := money.Div(x.Mul(decimal.New(100, 0)), b, GrowthPlaces, mode)
				if err != nil {
					return nil, err
				}
				x = g
			}
		case Revenue, RecurringRevenue, Units, EventCount, MeasureUnspecified:
		}
		if at := c.spec.Attainment; at != nil {
			a, err := refAttainment(p, func(k refKey) decimal.Decimal {
				if s := sums[k]; s != nil {
					return s.vol
				}
				return decimal.Decimal{}
			}, k.rec, facts, has, c, at)
			if err != nil {
				return nil, err
			}
			x = a
		}
		r := c.sched.Evaluate(x)
		pay := r.Payout
		held := false
		for _, m := range c.spec.Modifiers {
			switch m.Kind {
			case Accelerator:
				var q decimal.Decimal
				if m.Quota != nil {
					q = *m.Quota
				} else {
					qq, ok := facts.Quotas[c.spec.ID]
					if !has || !ok {
						return nil, missing(k.rec, "/quotas", "", "quota")
					}
					q = qq
				}
				if x.Cmp(q) > 0 {
					sq := c.sched.Payout(q)
					pay = sq.Add(m.Factor.Mul(pay.Sub(sq)))
				}
			case Multiplier:
				v, ok := facts.Metrics[m.Metric]
				if !has || !ok {
					return nil, missing(k.rec, "/metrics", "", "metric")
				}
				factor := decimal.New(1, 0)
				for _, b := range m.Bands {
					if v.Cmp(b.From) >= 0 {
						factor = b.Factor
					}
				}
				pay = pay.Mul(factor)
			case Gate:
				// Held unless metric ≥ at_least, or x ≥ attainment × quota.
				if m.Attainment != nil {
					q := m.Quota
					if q == nil {
						qq, ok := facts.Quotas[c.spec.ID]
						if !has || !ok {
							return nil, missing(k.rec, "/quotas", "", "quota")
						}
						q = &qq
					}
					held = held || x.LessThan(m.Attainment.Fraction().Mul(*q))
				} else {
					v, ok := facts.Metrics[m.Metric]
					if !has || !ok {
						return nil, missing(k.rec, "/metrics", "", "metric")
					}
					held = held || v.LessThan(*m.AtLeast)
				}
			case ModifierUnspecified:
			}
		}
		if c.spec.Floor != nil && pay.Cmp(*c.spec.Floor) < 0 {
			pay = *c.spec.Floor
		}
		if c.spec.Cap != nil && pay.Cmp(*c.spec.Cap) > 0 {
			pay = *c.spec.Cap
		}
		if held {
			pay = decimal.Decimal{}
		}
		rounded, err := money.Round(pay, p.spec.Places, p.spec.Rounding)
		if err != nil {
			return nil, err
		}
		out = append(out, refLine{Recipient: k.rec, Component: c.spec.ID, Version: c.spec.Version, Volume: s.vol, Count: s.n,
			Base: x, Tier: r.Tier, Rate: r.Rate, Schedule: r.Payout, Exact: pay, Rounded: rounded, Part: rounded})
	}
	// Team components: the schedule, floor and cap on the members' summed
	// measure, rounded once, shared by money.AllocateUnits over the rule's
	// weights keyed "kind:ID" (a zero award gives every member 0).
	for ci := range p.comps {
		c := &p.comps[ci]
		team := c.spec.Team
		if team == nil {
			continue
		}
		var vol decimal.Decimal
		var n int64
		for _, m := range team.Members {
			if s := sums[refKey{m.Recipient, ci}]; s != nil {
				vol, n = vol.Add(s.vol), n+s.n
			}
		}
		if n == 0 {
			continue
		}
		r := c.sched.Evaluate(vol)
		pay := r.Payout
		if c.spec.Floor != nil && pay.Cmp(*c.spec.Floor) < 0 {
			pay = *c.spec.Floor
		}
		if c.spec.Cap != nil && pay.Cmp(*c.spec.Cap) > 0 {
			pay = *c.spec.Cap
		}
		award, err := money.Round(pay, p.spec.Places, p.spec.Rounding)
		if err != nil {
			return nil, err
		}
		ws := make([]money.Weight, len(team.Members))
		for i, m := range team.Members {
			w := decimal.New(1, 0)
			switch team.Share {
			case ShareByWeight:
				w = *m.Weight
			case ShareByContribution:
				w = decimal.Decimal{}
				if s := sums[refKey{m.Recipient, ci}]; s != nil && s.vol.Sign() > 0 {
					w = s.vol
				}
			case ShareEqual, ShareUnspecified:
			}
			ws[i] = money.Weight{Key: m.Recipient.String(), Value: w}
		}
		parts := make([]decimal.Decimal, len(ws))
		if !award.IsZero() {
			units, err := money.AllocateUnits(award.Shift(p.spec.Places).BigInt(), ws)
			if err != nil {
				return nil, err
			}
			for i := range units {
				parts[i] = decimal.NewFromBigInt(units[i], -p.spec.Places)
			}
		}
		for i, m := range team.Members {
			out = append(out, refLine{Recipient: m.Recipient, Component: c.spec.ID, Version: c.spec.Version, Volume: vol, Count: n,
				Base: vol, Tier: r.Tier, Rate: r.Rate, Schedule: r.Payout, Exact: pay, Rounded: award, Part: parts[i]})
		}
	}
	slices.SortFunc(out, func(a, b refLine) int {
		if c := a.Recipient.compare(b.Recipient); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Component, b.Component); c != 0 {
			return c
		}
		return cmp.Compare(a.Version, b.Version)
	})
	return out, nil
}

// asRef projects a fast-path result onto the reference's fields.
func asRef(r Result) []refLine {
	out := make([]refLine, 0, len(r.Lines))
	for _, l := range r.Lines {
		t := l.Trace()
		// The trace's per-tier breakdown must add up to its schedule
		// payout: where it does not, report the sum, so that the
		// comparison with the reference fails.
		sched, sum := t.SchedulePayout, decimal.Decimal{}
		for _, p := range t.Portions {
			sum = sum.Add(p.Payout)
		}
		if !sum.Equal(sched) {
			sched = sum
		}
		out = append(out, refLine{Recipient: l.Recipient(), Component: l.Component(), Version: l.Version(), Volume: t.Volume,
			Count: t.Transactions, Base: t.Base, Tier: t.Tier, Rate: t.Rate, Schedule: sched, Exact: t.Exact, Rounded: t.Rounded, Part: t.Rounded})
		if t.Team != "" {
			out[len(out)-1].Part = t.TeamShare
		}
	}
	slices.SortStableFunc(out, func(a, b refLine) int {
		if c := a.Recipient.compare(b.Recipient); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Component, b.Component); c != 0 {
			return c
		}
		return cmp.Compare(a.Version, b.Version)
	})
	return out
}

func (a refLine) equal(b refLine) bool {
	return a.Recipient == b.Recipient && a.Component == b.Component && a.Version == b.Version &&
		a.Volume.Equal(b.Volume) && a.Count == b.Count && a.Base.Equal(b.Base) && a.Tier == b.Tier &&
		a.Rate.Equal(b.Rate) && a.Schedule.Equal(b.Schedule) && a.Exact.Equal(b.Exact) && a.Rounded.Equal(b.Rounded) && a.Part.Equal(b.Part)
}

// refAttainment is the reference attainment in percentage points:
// 100 · Σ w_i · min(m_i/q_i, cap_i) as an exact big.Rat, then one
// money.Div to GrowthPlaces toward the tier that does not pay yet.
func refAttainment(p Plan, vol func(refKey) decimal.Decimal, rec Recipient, facts RecipientFacts, has bool, c *component, at *AttainmentSpec) (decimal.Decimal, error) {
	a := new(big.Rat)
	for _, m := range at.Measures {
		var v, q decimal.Decimal
		key := m.Metric
		if m.Component != "" {
			key = m.Component
			for cj := range p.comps {
				if p.comps[cj].spec.ID == m.Component {
					v = vol(refKey{rec, cj})
				}
			}
		} else {
			mv, ok := facts.Metrics[m.Metric]
			if !has || !ok {
				return decimal.Decimal{}, missing(rec, "/metrics", "", "metric")
			}
			v = mv
		}
		if m.Quota != nil {
			q = *m.Quota
		} else {
			qv, ok := facts.Quotas[key]
			if !has || !ok || qv.Sign() <= 0 {
				return decimal.Decimal{}, missing(rec, "/quotas", "", "quota")
			}
			q = qv
		}
		ratio := new(big.Rat).Quo(v.Rat(), q.Rat())
		if m.Cap != nil && ratio.Cmp(m.Cap.Fraction().Rat()) > 0 {
			ratio = m.Cap.Fraction().Rat()
		}
		a.Add(a, new(big.Rat).Mul(ratio, m.Weight.Fraction().Rat()))
	}
	a.Mul(a, big.NewRat(100, 1))
	mode := money.Floor
	if c.spec.Schedule.Boundary == tier.UpperInclusive {
		mode = money.Ceiling
	}
	return money.Div(decimal.NewFromBigInt(a.Num(), 0), decimal.NewFromBigInt(a.Denom(), 0), GrowthPlaces, mode)
}

// refCredits is the reference form of a transaction's credit of kind k
// for a component counting split credit (overlay false) or overlay
// credit: recipient ID → credited part of v. Split credit is
// money.AllocateUnits over the split shares keyed by recipient, at the
// finer of scale and v's own places; overlay credit is share × v rounded
// half away from zero there; without split credit of kind k the
// transaction's own recipient takes v.
func refCredits(t *Transaction, k RecipientKind, overlay bool, v decimal.Decimal, scale int32) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	places := max(scale, -canon(v).Exponent())
	var ws []money.Weight
	for _, c := range t.Credits {
		if c.Recipient.Kind != k || c.Overlay != overlay {
			continue
		}
		if overlay {
			part, err := money.Round(v.Mul(c.Share.Fraction()), places, money.HalfUp)
			if err != nil {
				panic(err)
			}
			out[c.Recipient.ID] = part
			continue
		}
		ws = append(ws, money.Weight{Key: c.Recipient.String(), Value: c.Share.Fraction()})
	}
	switch {
	case overlay:
	case len(ws) == 0:
		id := t.PartnerID
		if k == RecipientRep {
			id = t.RepID
		}
		if id != "" {
			out[id] = v
		}
	default:
		parts, err := money.AllocateUnits(v.Shift(places).BigInt(), ws)
		if err != nil {
			panic(err)
		}
		for i, w := range ws {
			out[w.Key[len(k.String())+1:]] = decimal.NewFromBigInt(parts[i], -places)
		}
	}
	return out
}
