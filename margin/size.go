package margin

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// SizeTarget is a break-even question on the size of a deal: the least
// list price, within [Lo, Hi], at which the partner's profit on the
// resale reaches Profit. All four are in the resale's currency.
type SizeTarget struct {
	// Profit is the profit to reach.
	Profit money.Amount `json:"profit"`
	// Lo and Hi bound the list prices searched, 0 ≤ Lo ≤ Hi, whole minor
	// units.
	Lo money.Amount `json:"lo"`
	Hi money.Amount `json:"hi"`
	// Precision is the width to which the bisection brackets the list
	// price: positive, whole minor units (one minor unit for the exact
	// least list price).
	Precision money.Amount `json:"precision"`
}

// Equal reports whether two targets are the same.
func (t SizeTarget) Equal(o SizeTarget) bool {
	return amountEqual(t.Profit, o.Profit) && amountEqual(t.Lo, o.Lo) && amountEqual(t.Hi, o.Hi) &&
		amountEqual(t.Precision, o.Precision)
}

// Crossing is a list price at which the period volume of a tiered
// earning enters a higher tier: the deal's profit changes its slope there
// and, where the schedule's payout jumps (an all-units cliff, a flat fee),
// jumps.
type Crossing struct {
	// Earning names the tiered earning.
	Earning string `json:"earning"`
	// Tier is the 1-based tier entered at List (the highest, when one
	// minor unit of list price crosses several bounds), and Bound that
	// tier's lower bound, a period volume.
	Tier  int             `json:"tier"`
	Bound decimal.Decimal `json:"bound"`
	// List is the least list price at which the period volume reaches
	// Tier.
	List money.Amount `json:"list"`
	// Jump is the jump of the schedule's payout at the bounds crossed,
	// exact: (r_j − r_{j−1}) · b_j + f_j − f_{j−1} in all-units, the flat
	// fee f_j in incremental. It is non-zero exactly at a cliff.
	Jump decimal.Decimal `json:"jump"`
	// Below is the profit one minor unit of list price below List, and
	// Profit the profit at List.
	Below  money.Amount `json:"below"`
	Profit money.Amount `json:"profit"`
}

// Cliff reports whether the payout jumps at the crossing (Jump ≠ 0).
func (c Crossing) Cliff() bool { return !c.Jump.IsZero() }

// Equal reports whether two crossings are the same (decimals compared
// numerically).
func (c Crossing) Equal(o Crossing) bool {
	return c.Earning == o.Earning && c.Tier == o.Tier && c.Bound.Equal(o.Bound) && amountEqual(c.List, o.List) &&
		c.Jump.Equal(o.Jump) && amountEqual(c.Below, o.Below) && amountEqual(c.Profit, o.Profit)
}

// SizeSolution is a break-even deal size.
type SizeSolution struct {
	// Method is always Bisection: the profit is only piecewise linear in
	// the list price (rounded lines, tier crossings).
	Method SolveMethod `json:"method"`
	// List is the least list price found at which the profit reaches the
	// target (see BreakEvenSize), and Profit the profit there.
	List   money.Amount `json:"list"`
	Profit money.Amount `json:"profit"`
	// Below is the lower end of the final bracket: the profit there is
	// below the target and List − Below ≤ the precision (one minor unit
	// when List is a crossing). It equals List when List is Lo.
	Below money.Amount `json:"below"`
	// Cliff reports that the final bracket holds a cliff: List is a
	// crossing where the payout jumps, and the jump takes the profit from
	// below the target to the target or above.
	Cliff bool `json:"cliff"`
	// Crossings are every tier crossing of the resale's tiered earnings
	// in (Lo, Hi], by list price (then earning name): where the profit
	// changes slope, and at cliffs jumps, up or down.
	Crossings []Crossing `json:"crossings,omitzero"`
}

// Equal reports whether two solutions are the same.
func (s SizeSolution) Equal(o SizeSolution) bool {
	return s.Method == o.Method && amountEqual(s.List, o.List) && amountEqual(s.Profit, o.Profit) &&
		amountEqual(s.Below, o.Below) && s.Cliff == o.Cliff && slices.EqualFunc(s.Crossings, o.Crossings, Crossing.Equal)
}

// BreakEvenSize solves for the size of a deal: the least list price x in
// [Lo, Hi] at which the partner's profit on s, priced again at list price
// x (NewResale with List = x: the waterfall, the street price, every line
// given as a rate and every tiered earning follow x; declared amounts stay
// as declared), reaches t.Profit.
//
// A tiered earning makes the profit non-linear in x, and with an
// all-units schedule discontinuous: at each Crossing, where the period
// volume Prior + Buy(x) enters a higher tier, the payout jumps by
// (r_j − r_{j−1}) · b_j, up or down, so the profit need not be monotone
// and may reach the target, lose it and reach it again. BreakEvenSize
// therefore finds the crossings in [Lo, Hi] first (by bisection on whole
// minor units, exact, assuming the buy price does not fall as the list
// price rises), which cut the interval into pieces inside each of which
// every tier is fixed and the profit is linear in x up to the rounding of
// its lines. It then takes the pieces in ascending order:
//
//   - if the profit at the piece's start reaches the target, the answer is
//     that start: Lo itself, or a crossing, whose Below is one minor unit
//     lower (the previous piece's end, below the target) and, where the
//     payout jumps there, Cliff is true: the cliff lies in the bracket;
//   - else, if the profit at the piece's end reaches it, bisection
//     brackets the answer inside the piece: profit(Below) < target ≤
//     profit(List), List − Below ≤ t.Precision;
//   - else the next piece.
//
// So the answer is the least list price in [Lo, Hi] at which the profit
// reaches the target, to the declared precision, whenever the profit does
// not decrease inside a piece (true when the lines that grow with x
// outweigh those that shrink; rounding can make a line wobble by a minor
// unit); where it decreases inside a piece, it is a list price at which
// the target is reached. The crossings, each with the profit on both
// sides, say where the profit jumps, also above List. If no piece reaches
// the target, ErrNoSolution at "/hi".
//
// Errors are *InputError values at "/profit", "/lo", "/hi", "/precision",
// at "/sell/price" for a resale whose sell price is declared (it would not
// follow the list price), or NewResale's for a list price at which the
// resale cannot be priced (a net below the pricing floor).
func BreakEvenSize(s Resale, t SizeTarget) (SizeSolution, error) {
	if err := checkSize(s, t); err != nil {
		return SizeSolution{}, err
	}
	cur := s.Currency()
	digits := cur.Digits()
	unit := decimal.New(1, -digits)
	at := func(x decimal.Decimal) (PnL, error) {
		spec := s.spec.clone()
		l := money.New(x, cur)
		spec.List = &l
		v, err := NewResale(spec)
		return v.pnl, err
	}
	profit := func(x decimal.Decimal) (money.Amount, error) {
		p, err := at(x)
		return p.Profit, err
	}
	reaches := func(p money.Amount) bool { c, _ := p.Cmp(t.Profit); return c >= 0 }
	lo, hi := t.Lo.Decimal(), t.Hi.Decimal()

	crossings, err := findCrossings(s, lo, hi, unit, digits, at)
	if err != nil {
		return SizeSolution{}, err
	}
	starts := []decimal.Decimal{lo}
	for _, c := range crossings {
		if x := c.List.Decimal(); !x.Equal(starts[len(starts)-1]) {
			starts = append(starts, x)
		}
	}
	sol := SizeSolution{Method: Bisection, Crossings: crossings}
	for i, start := range starts {
		end := hi
		if i+1 < len(starts) {
			end = starts[i+1].Sub(unit)
		}
		p0, err := profit(start)
		if err != nil {
			return SizeSolution{}, err
		}
		if reaches(p0) {
			sol.List, sol.Profit, sol.Below = money.New(start, cur), p0, money.New(start, cur)
			if i > 0 {
				sol.Below = money.New(start.Sub(unit), cur)
				sol.Cliff = slices.ContainsFunc(crossings, func(c Crossing) bool { return c.List.Decimal().Equal(start) && c.Cliff() })
			}
			return sol, nil
		}
		p1, err := profit(end)
		if err != nil {
			return SizeSolution{}, err
		}
		if !reaches(p1) {
			continue
		}
		a, b, best := start, end, p1
		for range MaxBisections {
			if b.Sub(a).Cmp(t.Precision.Decimal()) <= 0 {
				break
			}
			m := midUnit(a, b, digits)
			p, err := profit(m)
			if err != nil {
				return SizeSolution{}, err
			}
			if reaches(p) {
				b, best = m, p
			} else {
				a = m
			}
		}
		sol.List, sol.Profit, sol.Below = money.New(b, cur), best, money.New(a, cur)
		return sol, nil
	}
	pHi, err := profit(hi)
	if err != nil {
		return SizeSolution{}, err
	}
	return SizeSolution{}, inputErr("/hi", t.Hi.String(), wrap(ErrNoSolution,
		"the profit stays below the target %s from list price %s to %s (%s at the upper bound)", t.Profit, t.Lo, t.Hi, pHi))
}

// findCrossings returns the tier crossings of every tiered earning of s
// for list prices in (lo, hi], by list price then earning name.
func findCrossings(s Resale, lo, hi, unit decimal.Decimal, digits int32, at func(decimal.Decimal) (PnL, error)) ([]Crossing, error) {
	pLo, err := at(lo)
	if err != nil {
		return nil, err
	}
	pHi, err := at(hi)
	if err != nil {
		return nil, err
	}
	var out []Crossing
	for i, e := range s.spec.Earnings {
		if e.Tiered == nil {
			continue
		}
		src := field.At("earnings", i)
		reached := func(p PnL) int {
			j := slices.IndexFunc(p.Items, func(it Item) bool { return it.Source == src })
			return p.Items[j].TierTrace.Tier
		}
		tiers := e.Tiered.Schedule.Spec().Tiers
		for k := reached(pLo) + 1; k <= reached(pHi); {
			// The least list price in (lo, hi] whose period volume reaches
			// tier k: reached(a) < k ≤ reached(b).
			a, b := lo, hi
			pa, pb := pLo, pHi
			for b.Sub(a).Cmp(unit) > 0 {
				m := midUnit(a, b, digits)
				p, err := at(m)
				if err != nil {
					return nil, err
				}
				if reached(p) >= k {
					b, pb = m, p
				} else {
					a, pa = m, p
				}
			}
			// Now b − a is one minor unit: pa is the profit just below b.
			top := reached(pb)
			c := Crossing{Earning: e.Name, Tier: top, Bound: tiers[top-1].From, List: pb.List, Below: pa.Profit, Profit: pb.Profit}
			for j := k; j <= top; j++ {
				c.Jump = c.Jump.Add(jumpAt(e.Tiered.Schedule, tiers, j))
			}
			out = append(out, c)
			k = top + 1
		}
	}
	slices.SortStableFunc(out, func(x, y Crossing) int {
		c, _ := x.List.Cmp(y.List)
		return cmp.Or(c, cmp.Compare(x.Earning, y.Earning))
	})
	return out, nil
}

// jumpAt returns the jump of an all-units or incremental schedule's payout
// at the lower bound of tier j (1-based, j ≥ 2): the payout there under
// tier j's terms less that under tier j − 1's.
func jumpAt(s tier.Schedule, tiers []tier.Tier, j int) decimal.Decimal {
	cur, prev := tiers[j-1], tiers[j-2]
	if s.Mode() == tier.Incremental {
		return cur.Flat
	}
	return cur.Rate.Sub(prev.Rate).Of(cur.From).Add(cur.Flat).Sub(prev.Flat)
}

// midUnit returns the midpoint of a < b rounded down to whole minor units
// (a + ⌊(b − a)/2⌋ units): strictly between them when b − a > one unit.
func midUnit(a, b decimal.Decimal, digits int32) decimal.Decimal {
	n := b.Sub(a).Shift(digits).BigInt()
	n.Rsh(n, 1)
	return a.Add(decimal.NewFromBigInt(new(big.Int).Set(n), -digits))
}

func checkSize(s Resale, t SizeTarget) error {
	if !s.valid {
		return inputErr("", "", wrap(ErrInvalid, "the zero Resale (use NewResale or ParseResale)"))
	}
	cur := s.Currency()
	if s.spec.Sell.Price != nil {
		return inputErr("/sell/price", s.spec.Sell.Price.String(),
			wrap(ErrInvalid, "the sell price is declared and would not follow the list price; give street_discount and brand_premium"))
	}
	var l errList
	l.add(checkAmount("/profit", t.Profit, cur, anySign, false))
	errLo := checkAmount("/lo", t.Lo, cur, nonNegative, true)
	l.add(errLo)
	if err := checkAmount("/hi", t.Hi, cur, nonNegative, true); err != nil {
		l.add(err)
	} else if c, _ := t.Hi.Cmp(t.Lo); errLo == nil && c < 0 {
		l.add(inputErr("/hi", t.Hi.String(), wrap(ErrInvalid, "must be at least lo %s", t.Lo)))
	}
	l.add(checkAmount("/precision", t.Precision, cur, positive, true))
	return l.err()
}
