package incentive

import "github.com/shopspring/decimal"

// handLine is a line paying rec amount for a revenue component of the
// given ID over period, measure being the period's revenue, with no
// modifier, floor, cap or limit, under the zero plan (no currency, hash or
// schedule): for the tests of what reads a Result's figures (the ledger,
// draws), not of its trace or JSON.
func handLine(rec Recipient, comp, period string, measure, amount decimal.Decimal) Line {
	m, a := numOf(measure), numOf(amount)
	lc := &lineCalc{plan: &Plan{}, period: &Period{ID: period},
		comp:   &component{spec: ComponentSpec{ID: comp, Measure: Revenue}},
		volume: m, base: m, measure: m, exact: a, rounded: a, amount: a}
	lc.sched.payout = a
	return ownLine(rec, lc)
}

// ownCopy returns a copy of l with a calculation of its own, which the
// caller may change (a test making a line no evaluation makes), and that
// calculation.
func ownCopy(l Line) (Line, *lineCalc) {
	x := new(lineCalc)
	if c := l.calcInto(x); c != x {
		*x = *c
	} else {
		x.measure = x.base // a compact line's measure is its volume
	}
	x.compact = false
	return ownLine(l.Recipient(), x), x
}
