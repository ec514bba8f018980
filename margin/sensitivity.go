package margin

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// BreakEvenPlaces is the number of decimal places (of the fraction) to which
// an exact break-even rate is rounded up.
const BreakEvenPlaces = 12

// MaxBisections bounds the halvings of a bisection.
const MaxBisections = 200

// Change sets one knob of a resale to a new rate. Name names the discount,
// earning or funded activity for KnobDiscount, KnobEarningRate and
// KnobVendorShare, and is empty for KnobAttachRatio and KnobBrandPremium.
type Change struct {
	Knob Knob       `json:"knob"`
	Name string     `json:"name,omitzero"`
	To   money.Rate `json:"to"`
}

// Outcome is the two figures a change moves: the partner's profit and
// what the deal costs the vendor.
type Outcome struct {
	Profit     money.Amount `json:"profit"`
	VendorCost money.Amount `json:"vendor_cost"`
}

// Effect is the effect of a Change on a resale.
type Effect struct {
	Change Change  `json:"change"`
	Before Outcome `json:"before"`
	After  Outcome `json:"after"`
	// Profit and VendorCost are After − Before.
	Profit     money.Amount `json:"profit"`
	VendorCost money.Amount `json:"vendor_cost"`
}

// VendorCost returns what the deal costs the vendor in the partner's
// favour: the discounts off list (List − Buy), the back-end earnings, the
// MDF reimbursements and the offsets (valued as declared).
func (p PnL) VendorCost() money.Amount {
	if !p.List.IsValid() {
		return money.Amount{}
	}
	sum := p.List.Decimal().Sub(p.Buy.Decimal())
	for _, it := range p.Items {
		if it.Lever == BackEnd || it.Lever == Offsets {
			sum = sum.Add(it.Amount.Decimal())
		}
	}
	return money.New(sum, p.Currency())
}

// With returns the resale with one knob changed, validated and priced
// again as NewResale does. The knob must exist in the resale: a discount,
// earning given as a rate, or funded activity given by vendor share with
// that name, a services block, street rates (not a declared sell price).
// Errors are *InputError values at "/knob", "/name", or the resale member
// the new rate breaks ("/earnings/0/rate").
func (s Resale) With(c Change) (Resale, error) {
	if !s.valid {
		return Resale{}, inputErr("", "", wrap(ErrInvalid, "the zero Resale (use NewResale or ParseResale)"))
	}
	spec := s.Spec()
	to := c.To
	notFound := func(what string) error {
		return inputErr("/name", c.Name, wrap(ErrInvalid, "the resale has no %s named %q", what, c.Name))
	}
	switch c.Knob {
	case KnobDiscount:
		i := slices.IndexFunc(spec.Discounts, func(d pricing.Discount) bool { return d.Name == c.Name })
		if i < 0 {
			return Resale{}, notFound("discount")
		}
		spec.Discounts[i].Rate = to
	case KnobEarningRate:
		i := slices.IndexFunc(spec.Earnings, func(e EarningSpec) bool { return e.Name == c.Name && e.Rate != nil })
		if i < 0 {
			return Resale{}, notFound("earning given as a rate")
		}
		spec.Earnings[i].Rate = &to
	case KnobVendorShare:
		i := slices.IndexFunc(spec.MDF, func(f FundingSpec) bool { return f.Name == c.Name && f.VendorShare != nil })
		if i < 0 {
			return Resale{}, notFound("funded activity with a vendor share")
		}
		spec.MDF[i].VendorShare = &to
	case KnobAttachRatio:
		if spec.Services == nil {
			return Resale{}, inputErr("/knob", c.Knob.String(), wrap(ErrInvalid, "the resale has no services"))
		}
		spec.Services.AttachRatio = &to
	case KnobBrandPremium:
		if spec.Sell.BrandPremium == nil {
			return Resale{}, inputErr("/knob", c.Knob.String(), wrap(ErrInvalid, "the resale declares its sell price"))
		}
		spec.Sell.BrandPremium = &to
	case KnobUnspecified:
		return Resale{}, inputErr("/knob", "", ErrMissing)
	default:
		_, err := c.Knob.MarshalText()
		return Resale{}, inputErr("/knob", "", err)
	}
	return NewResale(spec)
}

// Sensitivity changes one knob of s and reports the partner's profit and
// the vendor's cost before and after, and the change in each. Nothing is
// rounded beyond the lines of the two P&Ls. Errors are With's.
func Sensitivity(s Resale, c Change) (Effect, error) {
	after, err := s.With(c)
	if err != nil {
		return Effect{}, err
	}
	b, a := s.pnl, after.pnl
	e := Effect{Change: c,
		Before: Outcome{Profit: b.Profit, VendorCost: b.VendorCost()},
		After:  Outcome{Profit: a.Profit, VendorCost: a.VendorCost()}}
	e.Profit = money.New(a.Profit.Decimal().Sub(b.Profit.Decimal()), b.Currency())
	e.VendorCost = money.New(e.After.VendorCost.Decimal().Sub(e.Before.VendorCost.Decimal()), b.Currency())
	return e, nil
}

// Equal reports whether two effects are the same.
func (e Effect) Equal(o Effect) bool {
	return e.Change.Equal(o.Change) && e.Before.Equal(o.Before) && e.After.Equal(o.After) && amountEqual(e.Profit, o.Profit) &&
		amountEqual(e.VendorCost, o.VendorCost)
}

// Equal reports whether two outcomes are the same.
func (o Outcome) Equal(p Outcome) bool {
	return amountEqual(o.Profit, p.Profit) && amountEqual(o.VendorCost, p.VendorCost)
}

// Target is a break-even question: the least rate of a knob, within
// [Lo, Hi], at which the partner's profit on the resale reaches Profit.
type Target struct {
	Knob Knob   `json:"knob"`
	Name string `json:"name,omitzero"`
	// Profit is the profit to reach, in the resale's currency.
	Profit money.Amount `json:"profit"`
	// Lo and Hi bound the rates searched, Lo ≤ Hi.
	Lo money.Rate `json:"lo"`
	Hi money.Rate `json:"hi"`
	// Precision is the width to which a bisection brackets the rate,
	// positive. An exact solution does not use it.
	Precision money.Rate `json:"precision"`
}

// Solution is a break-even rate.
type Solution struct {
	Method SolveMethod `json:"method"`
	// Rate is the least rate found at which the profit reaches the
	// target: for Exact, the exact break-even rounded up to BreakEvenPlaces;
	// for Bisection, the upper end of the final bracket.
	Rate money.Rate `json:"rate"`
	// Exact is the exact break-even rate (Method Exact only): the rate at
	// which the knob's line, unrounded, makes up the target exactly.
	Exact capacity.Ratio `json:"exact"`
	// Below is, for Bisection, the lower end of the final bracket: the
	// profit there is below the target, and Rate − Below ≤ Precision.
	// For Exact it equals Rate.
	Below money.Rate `json:"below"`
	// Profit is the partner's profit at Rate (at least the target).
	Profit money.Amount `json:"profit"`
	// Crossed reports, for Bisection, that a tiered earning reaches
	// another tier at Rate than at Lo: the profit is not monotone in the
	// knob over [Lo, Rate] (an all-units cliff may lie there), so Rate is
	// a rate at which the target is reached, not necessarily the least.
	Crossed bool `json:"crossed,omitzero"`
}

// BreakEven solves for the least rate of a knob, in [Lo, Hi], at which
// the partner's profit on s reaches t.Profit, assuming the profit does
// not decrease as the knob rises (true of every knob but an attach ratio
// with a negative services margin, which is refused).
//
// Exactly where the profit is linear in the knob — KnobAttachRatio
// (services line = round(a · sell · margin)) and KnobEarningRate (earning
// = round(rate · buy)) — the line must make up the shortfall N = target −
// the other lines (whole minor units). Its unrounded value v = rate ·
// base rounds to at least N from a threshold that depends on the resale's
// rounding mode: N under floor and toward-zero, N − ½ unit under
// half-up, above N − ½ unit under half-down (and half-even with N odd),
// above N − 1 unit under ceiling and away-from-zero. Exact is that
// threshold over base, an exact Ratio, and Rate the least rate with
// BreakEvenPlaces places past it (money.Div, rounded once): the profit at
// Rate reaches the target and at Rate − 10^−BreakEvenPlaces does not. Elsewhere
// (a discount through the waterfall, a vendor share under its approved
// cap, a brand premium through the rounded street price) the profit is
// only piecewise linear, and bisection brackets the rate: profit(Below) <
// target ≤ profit(Rate), Rate − Below ≤ Precision, at most MaxBisections
// halvings. If profit(Lo) already reaches the target the answer is Lo;
// if profit(Hi) does not, ErrNoSolution. A tiered earning (TieredSpec)
// follows the buy price: a larger discount lowers the period's purchases
// and may drop them into a lower tier, an all-units cliff down, so the
// profit need not rise with the discount; the bisection then returns a
// rate at which the target is crossed, not necessarily the least one,
// and says so (Solution.Crossed). BreakEvenSize solves a deal size across
// such cliffs.
//
// Errors are *InputError values at "/knob", "/name", "/profit", "/lo",
// "/hi", "/precision", or With's.
func BreakEven(s Resale, t Target) (Solution, error) {
	if err := checkTarget(s, t); err != nil {
		return Solution{}, err
	}
	at := func(r money.Rate) (Resale, money.Amount, error) {
		v, err := s.With(Change{Knob: t.Knob, Name: t.Name, To: r})
		if err != nil {
			return Resale{}, money.Amount{}, err
		}
		return v, v.pnl.Profit, nil
	}
	sLo, pLo, err := at(t.Lo)
	if err != nil {
		return Solution{}, err
	}
	if c, _ := pLo.Cmp(t.Profit); c >= 0 {
		ex, _ := capacity.NewRatio(t.Lo.Fraction(), one())
		m := Bisection
		if t.Knob == KnobAttachRatio || t.Knob == KnobEarningRate {
			m = Exact
		}
		return Solution{Method: m, Rate: t.Lo, Below: t.Lo, Exact: ex, Profit: pLo}, nil
	}
	if t.Knob == KnobAttachRatio || t.Knob == KnobEarningRate {
		return exactBreakEven(s, t, at)
	}
	_, pHi, err := at(t.Hi)
	if err != nil {
		return Solution{}, err
	}
	if c, _ := pHi.Cmp(t.Profit); c < 0 {
		return Solution{}, inputErr("/hi", t.Hi.FormatPercent(), wrap(ErrNoSolution, "the profit at the upper bound is %s, below the target %s", pHi, t.Profit))
	}
	lo, hi, best := t.Lo.Fraction(), t.Hi.Fraction(), pHi
	half := decimal.New(5, -1)
	for range MaxBisections {
		if hi.Sub(lo).Cmp(t.Precision.Fraction()) <= 0 {
			break
		}
		mid := lo.Add(hi).Mul(half)
		_, p, err := at(money.RateFromFraction(mid))
		if err != nil {
			return Solution{}, err
		}
		if c, _ := p.Cmp(t.Profit); c >= 0 {
			hi, best = mid, p
		} else {
			lo = mid
		}
	}
	sol := Solution{Method: Bisection, Rate: money.RateFromFraction(hi), Below: money.RateFromFraction(lo), Profit: best}
	sRate, _, err := at(sol.Rate)
	if err != nil {
		return Solution{}, err
	}
	sol.Crossed = !slices.Equal(tiersReached(sLo.pnl), tiersReached(sRate.pnl))
	return sol, nil
}

// tiersReached returns the tier each tiered line of p reaches, in order.
func tiersReached(p PnL) []int {
	var out []int
	for _, it := range p.Items {
		if !it.TierTrace.IsZero() {
			out = append(out, it.TierTrace.Tier)
		}
	}
	return out
}

// exactBreakEven solves a knob whose line is linear in it.
func exactBreakEven(s Resale, t Target, at func(money.Rate) (Resale, money.Amount, error)) (Solution, error) {
	p := s.pnl
	var base decimal.Decimal
	var line Item
	if t.Knob == KnobAttachRatio {
		base = s.spec.Services.Margin.Of(p.Sell.Decimal())
		line = p.Items[slices.IndexFunc(p.Items, func(it Item) bool { return it.Kind == ServicesMargin })]
	} else { // KnobEarningRate
		base = p.Buy.Decimal()
		line = p.Items[slices.IndexFunc(p.Items, func(it Item) bool { return it.Lever == BackEnd && it.Name == t.Name })]
	}
	if base.Sign() <= 0 {
		return Solution{}, inputErr("/knob", t.Knob.String(), wrap(ErrNoSolution, "the line does not grow with the knob (its base is %s)", base))
	}
	// needed: what the knob's line must be, once rounded, for the profit
	// to reach the target; the other lines do not depend on the knob.
	needed := t.Profit.Decimal().Sub(p.Profit.Decimal().Sub(line.Amount.Decimal()))
	threshold, strict := roundingThreshold(needed, s.Currency().Digits(), s.spec.Rounding)
	exact, err := ratio("/profit", threshold, base)
	if err != nil {
		return Solution{}, err
	}
	mode := money.Ceiling
	if strict {
		mode = money.Floor
	}
	q, err := money.Div(threshold, base, BreakEvenPlaces, mode)
	if err != nil {
		return Solution{}, inputErr("/profit", "", fmt.Errorf("%w: %w", ErrRange, err))
	}
	if strict {
		q = q.Add(decimal.New(1, -BreakEvenPlaces))
	}
	r := money.RateFromFraction(q)
	if r.Cmp(t.Hi) > 0 {
		return Solution{}, inputErr("/hi", t.Hi.FormatPercent(), wrap(ErrNoSolution, "the break-even %s is above the upper bound", r.FormatPercent()))
	}
	_, profit, err := at(r)
	if err != nil {
		return Solution{}, err
	}
	return Solution{Method: Exact, Rate: r, Below: r, Exact: exact, Profit: profit}, nil
}

// roundingThreshold returns the least value v (or, when strict, the
// bound v must exceed) at which a non-negative line rounded with mode to
// places reaches needed, a whole number of minor units: needed itself
// under floor and toward-zero, needed less half a unit under the half
// modes (strictly under half-down, and under half-even when needed is an
// odd number of units), needed less a whole unit (strictly) under
// ceiling and away-from-zero.
func roundingThreshold(needed decimal.Decimal, places int32, mode money.RoundingMode) (decimal.Decimal, bool) {
	unit := decimal.New(1, -places)
	half := decimal.New(5, -places-1)
	switch mode {
	case money.Ceiling, money.AwayFromZero:
		return needed.Sub(unit), true
	case money.HalfUp:
		return needed.Sub(half), false
	case money.HalfDown:
		return needed.Sub(half), true
	case money.HalfEven:
		odd := needed.Shift(places).BigInt().Bit(0) == 1
		return needed.Sub(half), odd
	case money.Floor, money.TowardZero, money.RoundingUnspecified:
		return needed, false
	default:
		return needed, false
	}
}

func checkTarget(s Resale, t Target) error {
	if !s.valid {
		return inputErr("", "", wrap(ErrInvalid, "the zero Resale (use NewResale or ParseResale)"))
	}
	if err := checkAmount("/profit", t.Profit, s.Currency(), anySign, false); err != nil {
		return err
	}
	if err := checkRate("/lo", t.Lo, zeroRate(), false); err != nil {
		return err
	}
	if err := checkRate("/hi", t.Hi, &t.Lo, false); err != nil {
		return err
	}
	if t.Knob == KnobAttachRatio && s.spec.Services != nil && s.spec.Services.Margin.Sign() < 0 {
		return inputErr("/knob", t.Knob.String(), wrap(ErrInvalid, "the services margin is negative: profit falls as the attach ratio rises"))
	}
	if t.Knob != KnobAttachRatio && t.Knob != KnobEarningRate {
		if t.Precision.Sign() <= 0 {
			return inputErr("/precision", t.Precision.FormatPercent(), wrap(ErrInvalid, "a bisection needs a positive precision"))
		}
		if err := checkRate("/precision", t.Precision, nil, false); err != nil {
			return err
		}
	}
	return nil
}

// Equal reports whether two changes are the same (rates compared
// numerically).
func (c Change) Equal(o Change) bool { return c.Knob == o.Knob && c.Name == o.Name && c.To.Equal(o.To) }

// Equal reports whether two targets are the same.
func (t Target) Equal(o Target) bool {
	return t.Knob == o.Knob && t.Name == o.Name && amountEqual(t.Profit, o.Profit) && t.Lo.Equal(o.Lo) &&
		t.Hi.Equal(o.Hi) && t.Precision.Equal(o.Precision)
}

// Equal reports whether two solutions are the same (exact values).
func (s Solution) Equal(o Solution) bool {
	return s.Method == o.Method && s.Rate.Equal(o.Rate) && s.Exact.Equal(o.Exact) && s.Below.Equal(o.Below) &&
		amountEqual(s.Profit, o.Profit) && s.Crossed == o.Crossed
}
