package incentive

import (
	"cmp"
	"fmt"
	"iter"
	"math/big"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// TxLine is one transaction's share of a period line, for statement
// detail and for reversing a line transaction by transaction.
type TxLine struct {
	Transaction string          // the transaction's ID
	Date        time.Time       // the transaction's date
	Measure     decimal.Decimal // what it adds to the line's measure (negative for a return)
	Amount      decimal.Decimal // its share of the line, in the plan's places
}

// Equal compares numerically (dates with time.Time.Equal).
func (l TxLine) Equal(o TxLine) bool {
	return l.Transaction == o.Transaction && l.Date.Equal(o.Date) && l.Measure.Equal(o.Measure) && l.Amount.Equal(o.Amount)
}

// SplitLine splits ln, a line of a Result of p, into one TxLine per
// transaction it counted, so that the transaction lines sum exactly to
// ln.Amount(). txs must hold the transactions of the evaluation (others —
// of other recipients, components, versions or periods, and corrections
// of earlier periods — are passed over, as evaluation skips them), and
// those ln counted must add up to its measure (ErrMismatch otherwise). f
// is the evaluation's facts (for growth baselines and modifiers).
//
// Let R(c) be the line formula at measure c (schedule, modifiers, floor
// and cap), rounded once with the plan's mode and places, and R(0) := 0.
// Sales and other transactions adding a non-negative measure are taken in
// order of date, then ID, then measure, with cumulative measure c_k, and
// get
//
//	line_k = R(c_k) − R(c_{k−1})
//
// so that they sum to R(gross), each at the margin the schedule paid when
// it arrived (the first one carries a floor). Returns and credit notes
// then reverse R(gross) − R(V), V the line's measure, in proportion to
// their measures, by largest remainder in whole units of the last place
// (ties by the same order). The lines so far sum to R(V), the line before
// the plan's recipient cap and budget; if those reduced the line, the
// reduction is taken from the positive transaction lines in proportion to
// them, by largest remainder in the same order, as the cap took it from
// the line. The result is sorted by date, ID and measure and does not
// depend on the order of txs. A transaction that ln counted but is invalid
// for p is a *DataError as in Accumulator.Add.
func SplitLine(p Plan, ln Line, f Facts, txs iter.Seq[Transaction]) ([]TxLine, error) {
	var x lineCalc
	lc := ln.calcInto(&x)
	if lc == nil {
		return nil, fmt.Errorf("%w: the line does not come from an evaluation", ErrInvalid)
	}
	if lc.plan.hash != p.hash {
		return nil, fmt.Errorf("%w: line of plan %q, splitting with %q", ErrMismatch, lc.plan.hash, p.hash)
	}
	if lc.attain != nil {
		return nil, fmt.Errorf("%w: the line pays on an attainment of several measures; it does not split by transaction", ErrInvalid)
	}
	if lc.team != nil {
		return nil, fmt.Errorf("%w: the line is %s's share of team %q's award, not a line of its own transactions", ErrInvalid, ln.Recipient(), lc.team.group.spec.ID)
	}
	c := lc.comp
	var out []TxLine
	var total decimal.Decimal
	for t := range txs {
		if !counts(&p, c, lc.period, ln.Recipient(), &t) {
			continue
		}
		if err := t.check(&p); err != nil {
			return nil, err
		}
		m, _ := c.creditFor(&p, &t, ln.Recipient())
		total = total.Add(m)
		out = append(out, TxLine{Transaction: t.ID, Date: t.Date, Measure: m})
	}
	if !total.Equal(lc.volume.dec()) {
		return nil, fmt.Errorf("%w: the transactions of %s for component %q add up to %s, the line's measure is %s",
			ErrMismatch, ln.Recipient(), ln.Component(), money.FormatDecimal(total, 0), money.FormatDecimal(lc.volume.dec(), 0))
	}
	slices.SortFunc(out, func(a, b TxLine) int {
		if d := a.Date.Compare(b.Date); d != 0 {
			return d
		}
		if d := cmp.Compare(a.Transaction, b.Transaction); d != 0 {
			return d
		}
		return a.Measure.Cmp(b.Measure)
	})
	facts, has := f[ln.Recipient()]
	r := func(m decimal.Decimal) (decimal.Decimal, error) {
		var x lineCalc
		if err := c.compute(&x, &scratch{}, &p, ln.Recipient(), numOf(m), lc.count, facts, has); err != nil {
			return decimal.Decimal{}, err
		}
		return x.rounded.dec(), nil
	}
	places := p.spec.Places
	var gross, prev decimal.Decimal
	var returns []int
	for i := range out {
		if out[i].Measure.Sign() < 0 {
			returns = append(returns, i)
			continue
		}
		gross = gross.Add(out[i].Measure)
		now, err := r(gross)
		if err != nil {
			return nil, err
		}
		out[i].Amount, prev = now.Sub(prev), now
	}
	rounded := lc.rounded.dec()
	if err := share(out, returns, rounded.Sub(prev), places, func(l TxLine) decimal.Decimal { return l.Measure.Neg() }); err != nil {
		return nil, err
	}
	if !ln.Amount().Equal(rounded) { // reduced by the recipient cap or budget
		var pos []int
		var neg decimal.Decimal
		for i := range out {
			if out[i].Amount.Sign() > 0 {
				pos = append(pos, i)
			} else {
				neg = neg.Add(out[i].Amount)
			}
		}
		if err := share(out, pos, ln.Amount().Sub(neg), places, func(l TxLine) decimal.Decimal { return l.Amount }); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// share sets the Amount of out[idx...] to parts of total (a whole number
// of units of the last place) in proportion to weight, by largest
// remainder with ties by position in out; a negative total mirrors a
// positive one. No idx and a zero total is nothing to do.
func share(out []TxLine, idx []int, total decimal.Decimal, places int32, weight func(TxLine) decimal.Decimal) error {
	if len(idx) == 0 {
		if total.IsZero() {
			return nil
		}
		return fmt.Errorf("%w: %s to share among no transaction lines", ErrMismatch, money.FormatDecimal(total, places))
	}
	ws := make([]money.Weight, len(idx))
	for k, i := range idx {
		ws[k] = money.Weight{Key: fmt.Sprintf("%020d", k), Value: weight(out[i])}
	}
	units := new(big.Int).Set(total.Shift(places).BigInt())
	parts, err := money.AllocateUnits(units, ws)
	if err != nil {
		return err
	}
	for k, i := range idx {
		out[i].Amount = decimal.NewFromBigInt(parts[k], -places)
	}
	return nil
}

// counts reports whether evaluation counts t in the line of component c
// (one version) for rec over period: in the period, not a correction of
// another period, the version effective on its date, eligible, and of
// the recipient.
func counts(p *Plan, c *component, period *Period, rec Recipient, t *Transaction) bool {
	if !period.Contains(t.Date) || t.Corrects != "" || !c.effective(t.Date) || !c.eligible(t) {
		return false
	}
	if t.Kind == QualifyingEvent && c.spec.Measure != EventCount {
		return false
	}
	_, ok := c.creditFor(p, t, rec)
	return ok
}
