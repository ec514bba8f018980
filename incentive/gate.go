package incentive

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// Gates: a modifier that holds a line back unless the recipient is
// certified, has registered enough deals, or has reached a share of its
// quota. A gate never scales the payout: the line pays what the schedule,
// the other modifiers, the floor and the cap give, or, when any gate is
// not met, 0, and the trace keeps the figure held back and every gate's
// reason.

// GateStep records one gate in a trace. A metric gate compares the
// recipient's metric (Value) with its minimum (AtLeast); an attainment
// gate compares the measure x (Value) with Attainment × Quota (AtLeast,
// exact: no division). Met reports whether Value ≥ AtLeast.
type GateStep struct {
	Metric     string          `json:"metric,omitzero"`
	Attainment money.Rate      `json:"attainment,omitzero"`
	Quota      decimal.Decimal `json:"quota,omitzero"`
	Value      decimal.Decimal `json:"value"`
	AtLeast    decimal.Decimal `json:"at_least"`
	Met        bool            `json:"met"`
}

// Equal compares numerically.
func (g GateStep) Equal(o GateStep) bool {
	return g.Metric == o.Metric && g.Attainment.Equal(o.Attainment) && g.Quota.Equal(o.Quota) &&
		g.Value.Equal(o.Value) && g.AtLeast.Equal(o.AtLeast) && g.Met == o.Met
}

// gateRule is the compiled form of a gate modifier.
type gateRule struct {
	atLeast  num // metric gate
	attain   num // attainment gate: the share of quota, as a fraction
	isAttain bool
}

func compileGate(m ModifierSpec) gateRule {
	var g gateRule
	if m.AtLeast != nil {
		g.atLeast = numOf(*m.AtLeast)
	}
	if m.Attainment != nil {
		g.attain, g.isAttain = numOf(m.Attainment.Fraction()), true
	}
	return g
}

// gateCalc is the gate part of a line's calculation, apart so that lines
// of components without gates do not carry it.
type gateCalc struct {
	steps   []gateStep
	held    bool // a gate was not met: the line pays 0 …
	heldPay num  // … instead of this (after floor and cap)
}

// gateStep is a GateStep in num form.
type gateStep struct {
	metric   string
	attain   num
	isAttain bool
	quota    num
	value    num
	atLeast  num
	met      bool
}

// checkGate evaluates gate m for the line lc, recording the step and
// marking the line held when the gate is not met.
func (c *component) checkGate(lc *lineCalc, m *modifier, rec Recipient, f RecipientFacts, hasFacts bool) error {
	st := gateStep{metric: m.metric}
	if m.gate.isAttain {
		q, ok := m.quota, m.hasQ
		if !ok {
			var qd decimal.Decimal
			qd, ok = f.Quotas[c.spec.ID]
			if !hasFacts || !ok {
				return missing(rec, field.At("quotas", c.spec.ID), "", "no quota for component "+strconv.Quote(c.spec.ID)+" (its attainment gate needs one)")
			}
			if err := factRange(rec, field.At("quotas", c.spec.ID), qd); err != nil {
				return err
			}
			q = numOf(qd)
		}
		st.attain, st.isAttain, st.quota, st.value = m.gate.attain, true, q, lc.base
		st.atLeast = m.gate.attain.mul(q)
	} else {
		v, ok := f.Metrics[m.metric]
		if !hasFacts || !ok {
			return missing(rec, field.At("metrics", m.metric), "", "no metric "+strconv.Quote(m.metric)+" (a gate of component "+strconv.Quote(c.spec.ID)+" needs it)")
		}
		if err := factRange(rec, field.At("metrics", m.metric), v); err != nil {
			return err
		}
		st.value, st.atLeast = numOf(v), m.gate.atLeast
	}
	st.met = st.value.cmp(st.atLeast) >= 0
	if lc.gate == nil {
		lc.gate = &gateCalc{}
	}
	lc.gate.held = lc.gate.held || !st.met
	lc.gate.steps = append(lc.gate.steps, st)
	return nil
}

// gateTrace returns the trace's gates and the payout held back.
func (lc *lineCalc) gateTrace() ([]GateStep, decimal.Decimal) {
	if lc.gate == nil {
		return nil, decimal.Decimal{}
	}
	var out []GateStep
	for _, g := range lc.gate.steps {
		s := GateStep{Metric: g.metric, Value: g.value.dec(), AtLeast: g.atLeast.dec(), Met: g.met}
		if g.isAttain {
			s.Attainment, s.Quota = money.RateFromFraction(g.attain.dec()), g.quota.dec()
		}
		out = append(out, s)
	}
	var held decimal.Decimal
	if lc.gate.held {
		held = lc.gate.heldPay.dec()
	}
	return out, held
}

// writeGates writes the gates' clause: which gates were met, and, when
// one was not, the payout held back and why.
func (t Trace) writeGates(b *strings.Builder) {
	var met, failed []string
	for _, g := range t.Gates {
		var s string
		switch {
		case g.Metric != "" && g.Met:
			s = g.Metric + " " + groupCanon(g.Value, 0) + " ≥ " + groupCanon(g.AtLeast, 0)
		case g.Metric != "":
			s = g.Metric + " " + groupCanon(g.Value, 0) + " is below " + groupCanon(g.AtLeast, 0)
		case g.Met:
			s = "attainment " + groupCanon(g.Value, 0) + " ≥ " + g.Attainment.String() + " of quota " + groupCanon(g.Quota, 0) + " (" + groupCanon(g.AtLeast, 0) + ")"
		default:
			s = "attainment " + groupCanon(g.Value, 0) + " is below " + g.Attainment.String() + " of quota " + groupCanon(g.Quota, 0) + " (" + groupCanon(g.AtLeast, 0) + ")"
		}
		if g.Met {
			met = append(met, s)
		} else {
			failed = append(failed, s)
		}
	}
	if len(met) > 0 {
		b.WriteString("; gate met: " + strings.Join(met, ", "))
	}
	if len(failed) > 0 {
		b.WriteString("; held back (" + signed(canon(t.Held.Neg()), t.Currency.Digits()) + "): " + strings.Join(failed, " and "))
	}
}

// gate checks a gate modifier at path mp.
func (v *validator) gate(mp string, m ModifierSpec) {
	if !m.Factor.IsZero() {
		v.add(mp+"/factor", money.FormatDecimal(m.Factor, 0), fmt.Errorf("%w: a gate has no factor", ErrInvalid))
	}
	if len(m.Bands) > 0 {
		v.add(mp+"/bands", "", fmt.Errorf("%w: a gate has no bands", ErrInvalid))
	}
	if m.Attainment != nil {
		if m.Metric != "" {
			v.add(mp+"/metric", m.Metric, fmt.Errorf("%w: an attainment gate reads the measure, not a metric", ErrInvalid))
		}
		if m.AtLeast != nil {
			v.add(mp+"/at_least", money.FormatDecimal(*m.AtLeast, 0), fmt.Errorf("%w: an attainment gate's minimum is its attainment", ErrInvalid))
		}
		if a := m.Attainment.Fraction(); v.dec(mp+"/attainment", a, true) && a.IsZero() {
			v.add(mp+"/attainment", "0", fmt.Errorf("%w: attainment must be positive", ErrInvalid))
		}
		if m.Quota != nil && v.dec(mp+"/quota", *m.Quota, true) && m.Quota.IsZero() {
			v.add(mp+"/quota", "0", fmt.Errorf("%w: quota must be positive", ErrInvalid))
		}
		return
	}
	v.id(mp+"/metric", m.Metric, true)
	if m.AtLeast == nil {
		v.add(mp+"/at_least", "", fmt.Errorf("%w: required (the metric's minimum), or give an attainment instead", ErrInvalid))
	} else {
		v.dec(mp+"/at_least", *m.AtLeast, false)
	}
	if m.Quota != nil {
		v.add(mp+"/quota", "", fmt.Errorf("%w: only an attainment gate reads a quota", ErrInvalid))
	}
}

// noGateFields reports gate members on a modifier of another kind.
func (v *validator) noGateFields(mp string, m ModifierSpec, what string) {
	if m.AtLeast != nil {
		v.add(mp+"/at_least", money.FormatDecimal(*m.AtLeast, 0), fmt.Errorf("%w: %s has no at_least (gates do)", ErrInvalid, what))
	}
	if m.Attainment != nil {
		v.add(mp+"/attainment", m.Attainment.String(), fmt.Errorf("%w: %s has no attainment (gates do)", ErrInvalid, what))
	}
}

func canonRate(r *money.Rate) *money.Rate {
	if r == nil {
		return nil
	}
	v := money.RateFromFraction(canon(r.Fraction()))
	return &v
}

func cloneRate(r *money.Rate) *money.Rate {
	if r == nil {
		return nil
	}
	v := *r
	return &v
}
