package margin

import (
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// Margin returns the margin (price − cost) / price, exact: Num is
// price − cost and Den is price. price must be positive and cost not
// negative, both valid amounts of one currency. Errors are *InputError
// values at "/price" or "/cost".
func Margin(price, cost money.Amount) (capacity.Ratio, error) {
	if err := checkPair(price, cost, positive, nonNegative); err != nil {
		return capacity.Ratio{}, err
	}
	return ratio("/price", price.Decimal().Sub(cost.Decimal()), price.Decimal())
}

// Markup returns the markup (price − cost) / cost, exact: Num is
// price − cost and Den is cost. cost must be positive and price not
// negative, both valid amounts of one currency. Errors are *InputError
// values at "/price" or "/cost".
func Markup(price, cost money.Amount) (capacity.Ratio, error) {
	if err := checkPair(price, cost, nonNegative, positive); err != nil {
		return capacity.Ratio{}, err
	}
	return ratio("/cost", price.Decimal().Sub(cost.Decimal()), cost.Decimal())
}

func checkPair(price, cost money.Amount, priceSign, costSign int) error {
	if err := checkAmount("/price", price, money.Currency{}, priceSign, false); err != nil {
		return err
	}
	return checkAmount("/cost", cost, price.Currency(), costSign, false)
}

// MarkupOfMargin converts a margin m into the markup u = m / (1 − m),
// exactly: for m = n/d the result is n/(d − n), no digit rounded. m must
// be below 1 (a margin of 100 % has no markup). An *InputError at
// "/margin" reports a margin of 1 or more, or one outside the operating
// range.
//
// MarginOfMarkup(MarkupOfMargin(m)) equals m exactly.
func MarkupOfMargin(m capacity.Ratio) (capacity.Ratio, error) {
	if err := checkRatio("/margin", m); err != nil {
		return capacity.Ratio{}, err
	}
	rest := m.Den().Sub(m.Num())
	if rest.Sign() <= 0 {
		return capacity.Ratio{}, inputErr("/margin", m.String(), wrap(ErrInvalid, "a margin must be below 100%%"))
	}
	return ratio("/margin", m.Num(), rest)
}

// MarginOfMarkup converts a markup u into the margin m = u / (1 + u),
// exactly: for u = n/d the result is n/(d + n). u must be above −1. An
// *InputError at "/markup" reports a markup of −100 % or less, or one
// outside the operating range.
//
// MarkupOfMargin(MarginOfMarkup(u)) equals u exactly.
func MarginOfMarkup(u capacity.Ratio) (capacity.Ratio, error) {
	if err := checkRatio("/markup", u); err != nil {
		return capacity.Ratio{}, err
	}
	whole := u.Den().Add(u.Num())
	if whole.Sign() <= 0 {
		return capacity.Ratio{}, inputErr("/markup", u.String(), wrap(ErrInvalid, "a markup must be above -100%%"))
	}
	return ratio("/markup", u.Num(), whole)
}

// GrossUp returns the price P = x / (1 − fee) that leaves x after a fee
// charged on P — never x · (1 + fee), which leaves less than x. P is
// rounded once, from the exact quotient, to x's minor unit with mode
// (money.Ceiling guarantees P · (1 − fee) ≥ x). fee must be in [0, 1).
// It is also the price that earns margin fee on cost x. Errors are
// *InputError values at "/x", "/fee" or "/mode".
func GrossUp(x money.Amount, fee money.Rate, mode money.RoundingMode) (money.Amount, error) {
	if err := checkAmount("/x", x, money.Currency{}, anySign, false); err != nil {
		return money.Amount{}, err
	}
	if err := checkRate("/fee", fee, zeroRate(), true); err != nil {
		return money.Amount{}, err
	}
	if err := checkMode("/mode", mode); err != nil {
		return money.Amount{}, err
	}
	return divAmount("/x", x.Decimal(), fee.Complement().Fraction(), x.Currency(), mode)
}

// MarginGuards bound the margin of a cost-plus price. A nil bound is not
// checked. Each bound lies in [0, 1) and Min ≤ Max.
type MarginGuards struct {
	Min *money.Rate `json:"min,omitempty"`
	Max *money.Rate `json:"max,omitempty"`
}

// CostPlusPrice is a price set by cost-plus with its guards.
type CostPlusPrice struct {
	Cost   money.Amount `json:"cost"`
	Markup money.Rate   `json:"markup"`
	// Price is cost · (1 + markup) rounded once to the minor unit, or the
	// guard's price when a guard moved it.
	Price money.Amount `json:"price"`
	// Margin is the exact margin of Price: (Price − Cost) / Price.
	Margin capacity.Ratio `json:"margin"`
	// Guard says which guard moved the price (NoGuard when none did).
	Guard Guard `json:"guard"`
}

// Equal reports whether two prices are the same (decimals compared
// numerically).
func (c CostPlusPrice) Equal(o CostPlusPrice) bool {
	return amountEqual(c.Cost, o.Cost) && c.Markup.Equal(o.Markup) && amountEqual(c.Price, o.Price) &&
		c.Margin.Equal(o.Margin) && c.Guard == o.Guard
}

func amountEqual(a, b money.Amount) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	return a.Equal(b)
}

// CostPlus prices cost with markup: P = cost · (1 + markup), rounded once
// to the minor unit with mode. Then the guards: if P's exact margin
// (P − cost) / P is below guards.Min, P becomes cost / (1 − Min) rounded
// up (money.Ceiling, so the margin is at least Min); if above guards.Max,
// cost / (1 − Max) rounded down (money.Floor, so it is at most Max). Both
// are money.Div from the exact quotient, rounded once. cost must be
// positive, markup above −100 %. When Min and Max are so close that no
// price in whole minor units lies between them, the result is
// ErrNoSolution. Errors are *InputError values at "/cost", "/markup",
// "/guards/min", "/guards/max" or "/mode".
func CostPlus(cost money.Amount, markup money.Rate, guards MarginGuards, mode money.RoundingMode) (CostPlusPrice, error) {
	if err := checkAmount("/cost", cost, money.Currency{}, positive, false); err != nil {
		return CostPlusPrice{}, err
	}
	minus1 := money.RateFromFraction(decimal.New(-1, 0))
	if err := checkRate("/markup", markup, nil, false); err != nil {
		return CostPlusPrice{}, err
	}
	if markup.Cmp(minus1) <= 0 {
		return CostPlusPrice{}, inputErr("/markup", markup.FormatPercent(), wrap(ErrInvalid, "a markup must be above -100%%"))
	}
	if err := checkGuards(guards); err != nil {
		return CostPlusPrice{}, err
	}
	if err := checkMode("/mode", mode); err != nil {
		return CostPlusPrice{}, err
	}
	cur := cost.Currency()
	c := cost.Decimal()
	price, err := roundAmount("/cost", c.Add(markup.Of(c)), cur, mode)
	if err != nil {
		return CostPlusPrice{}, err
	}
	out := CostPlusPrice{Cost: cost, Markup: markup, Price: price, Guard: NoGuard}
	// For P > 0: margin < g ⇔ P − C < g·P; margin > g ⇔ P − C > g·P.
	// Exact comparisons, never of a rounded margin.
	below := func(g money.Rate) bool {
		return price.Sign() <= 0 || price.Decimal().Sub(c).Cmp(g.Of(price.Decimal())) < 0
	}
	above := func(g money.Rate) bool { return price.Decimal().Sub(c).Cmp(g.Of(price.Decimal())) > 0 }
	switch {
	case guards.Min != nil && below(*guards.Min):
		if price, err = divAmount("/guards/min", c, guards.Min.Complement().Fraction(), cur, money.Ceiling); err != nil {
			return CostPlusPrice{}, err
		}
		out.Guard = MinMarginGuard
	case guards.Max != nil && above(*guards.Max):
		if price, err = divAmount("/guards/max", c, guards.Max.Complement().Fraction(), cur, money.Floor); err != nil {
			return CostPlusPrice{}, err
		}
		out.Guard = MaxMarginGuard
	}
	// A guard's price may break the other guard when no price in whole
	// minor units lies between them.
	if (guards.Min != nil && below(*guards.Min)) || (guards.Max != nil && above(*guards.Max)) {
		return CostPlusPrice{}, inputErr("/guards", "", wrap(ErrNoSolution, "no price in whole minor units has a margin between %s and %s",
			percentOr(guards.Min, "0%"), percentOr(guards.Max, "100%")))
	}
	out.Price = price
	if out.Margin, err = ratio("/cost", price.Decimal().Sub(c), price.Decimal()); err != nil {
		return CostPlusPrice{}, err
	}
	return out, nil
}

func checkGuards(g MarginGuards) error {
	for _, b := range []struct {
		path string
		r    *money.Rate
	}{{"/guards/min", g.Min}, {"/guards/max", g.Max}} {
		if b.r != nil {
			if err := checkRate(b.path, *b.r, zeroRate(), true); err != nil {
				return err
			}
		}
	}
	if g.Min != nil && g.Max != nil && g.Min.Cmp(*g.Max) > 0 {
		return inputErr("/guards/max", g.Max.FormatPercent(), wrap(ErrInvalid, "below the minimum margin %s", g.Min.FormatPercent()))
	}
	return nil
}

// StackMargins puts margins m_i on a base cost, each taken on a sell
// price, and returns the price rounded once to the minor unit with mode:
//
//	AddRates     P = base / (1 − Σ m_i)     all margins on the final price
//	ChainRates   P = base / Π (1 − m_i)     each layer on its own price
//
// (a distributor's 10 % and a reseller's 20 % on 100.00 compound to
// 100 / (0.9 · 0.8) = 138.89, and add to 100 / 0.7 = 142.86). Each margin
// lies in [0, 1) and an additive sum below 1. Errors are *InputError
// values at "/base", "/margins/i", "/margins" (the sum), "/how" or
// "/mode".
func StackMargins(base money.Amount, margins []money.Rate, how Composition, mode money.RoundingMode) (money.Amount, error) {
	if err := checkStack(base, "/margins", margins, how, mode, true); err != nil {
		return money.Amount{}, err
	}
	keep := one()
	if how == AddRates {
		var sum money.Rate
		for _, m := range margins {
			sum = sum.Add(m)
		}
		if err := checkRate("/margins", sum, nil, true); err != nil {
			return money.Amount{}, err
		}
		keep = sum.Complement().Fraction()
	} else {
		for _, m := range margins {
			keep = keep.Mul(m.Complement().Fraction())
		}
	}
	return divAmount("/base", base.Decimal(), keep, base.Currency(), mode)
}

// StackMarkups puts markups u_i on a base cost and returns the price
// rounded once to the minor unit with mode:
//
//	AddRates     P = base · (1 + Σ u_i)
//	ChainRates   P = base · Π (1 + u_i)
//
// Each markup is at least 0. Errors are *InputError values at "/base",
// "/markups/i", "/how" or "/mode".
func StackMarkups(base money.Amount, markups []money.Rate, how Composition, mode money.RoundingMode) (money.Amount, error) {
	if err := checkStack(base, "/markups", markups, how, mode, false); err != nil {
		return money.Amount{}, err
	}
	f := one()
	if how == AddRates {
		for _, u := range markups {
			f = f.Add(u.Fraction())
		}
	} else {
		for _, u := range markups {
			f = f.Mul(one().Add(u.Fraction()))
		}
	}
	return roundAmount("/base", base.Decimal().Mul(f), base.Currency(), mode)
}

func checkStack(base money.Amount, path string, rates []money.Rate, how Composition, mode money.RoundingMode, below1 bool) error {
	if err := checkAmount("/base", base, money.Currency{}, nonNegative, false); err != nil {
		return err
	}
	for i, r := range rates {
		if err := checkRate(field.Path(path).Index(i).String(), r, zeroRate(), below1); err != nil {
			return err
		}
	}
	switch {
	case how == CompositionUnspecified:
		return inputErr("/how", "", wrap(ErrMissing, "additive or compounding"))
	case !how.IsValid():
		_, err := how.MarshalText()
		return inputErr("/how", "", err)
	}
	return checkMode("/mode", mode)
}

// percentOr returns *r in percent, or dflt when r is nil.
func percentOr(r *money.Rate, dflt string) string {
	if r == nil {
		return dflt
	}
	return r.FormatPercent()
}

// Equal reports whether two guards are the same (rates compared
// numerically).
func (g MarginGuards) Equal(o MarginGuards) bool {
	return ptrEqual(g.Min, o.Min) && ptrEqual(g.Max, o.Max)
}
