package margin

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// LeverGap is one lever of two programmes side by side.
type LeverGap struct {
	Lever  Lever        `json:"lever"`
	Ours   money.Amount `json:"ours"`
	Theirs money.Amount `json:"theirs"`
	// Gap is Ours − Theirs: positive where our programme pays the partner
	// more.
	Gap money.Amount `json:"gap"`
}

// Equal reports whether two gaps are the same.
func (g LeverGap) Equal(o LeverGap) bool {
	return g.Lever == o.Lever && amountEqual(g.Ours, o.Ours) && amountEqual(g.Theirs, o.Theirs) && amountEqual(g.Gap, o.Gap)
}

// Versus compares two programmes for one partner and one set of deals,
// lever by lever: the answer to the partner's "why sell you?".
type Versus struct {
	Partner string     `json:"partner"`
	Levers  []LeverGap `json:"levers"`
	// Profit is the profit gap, ours − theirs, and the two profits.
	Ours   money.Amount `json:"ours"`
	Theirs money.Amount `json:"theirs"`
	Profit money.Amount `json:"profit"`
	// Best and Worst are the levers with the largest and smallest gap
	// (ties: the first lever in order).
	Best  Lever `json:"best"`
	Worst Lever `json:"worst"`
}

// Equal reports whether two comparisons are the same.
func (v Versus) Equal(o Versus) bool {
	return v.Partner == o.Partner && slices.EqualFunc(v.Levers, o.Levers, LeverGap.Equal) && amountEqual(v.Ours, o.Ours) &&
		amountEqual(v.Theirs, o.Theirs) && amountEqual(v.Profit, o.Profit) && v.Best == o.Best && v.Worst == o.Worst
}

// Compare puts two P&Ls of one partner side by side: ours (our
// programme) and theirs (another programme of ours, or a competitor's
// declared one), priced on the same deals. Both must be for the same
// partner, currency and number of resales. Nothing is rounded: the gaps are
// differences of whole minor units. Errors are *InputError values at
// "/ours" (the zero PartnerPnL), "/theirs/partner", "/theirs/currency"
// (ErrCurrency) or "/theirs/resales".
func Compare(ours, theirs PartnerPnL) (Versus, error) {
	switch {
	case !ours.complete():
		return Versus{}, inputErr("/ours", "", wrap(ErrInvalid, "the zero PartnerPnL (use Annual)"))
	case !theirs.complete():
		return Versus{}, inputErr("/theirs", "", wrap(ErrInvalid, "the zero PartnerPnL (use Annual)"))
	case ours.Partner != theirs.Partner:
		return Versus{}, inputErr("/theirs/partner", theirs.Partner, wrap(ErrInvalid, "not partner %q", ours.Partner))
	case ours.Currency != theirs.Currency:
		return Versus{}, inputErr("/theirs/currency", theirs.Currency.Code(), fmt.Errorf("%w: %w", ErrCurrency,
			&money.CurrencyMismatchError{Op: "Compare", A: ours.Currency, B: theirs.Currency}))
	case ours.Resales != theirs.Resales:
		return Versus{}, inputErr("/theirs/resales", fmt.Sprint(theirs.Resales), wrap(ErrInvalid, "not the same deals: %d resales against %d", theirs.Resales, ours.Resales))
	}
	cur := ours.Currency
	v := Versus{Partner: ours.Partner, Ours: ours.Profit, Theirs: theirs.Profit,
		Profit: money.New(ours.Profit.Decimal().Sub(theirs.Profit.Decimal()), cur)}
	for i := range numLevers {
		a, b := ours.Levers[i].Amount, theirs.Levers[i].Amount
		g := LeverGap{Lever: Lever(i + 1), Ours: a, Theirs: b, Gap: money.New(a.Decimal().Sub(b.Decimal()), cur)}
		v.Levers = append(v.Levers, g)
		if i == 0 || g.Gap.Decimal().Cmp(v.Levers[v.Best-1].Gap.Decimal()) > 0 {
			v.Best = g.Lever
		}
		if i == 0 || g.Gap.Decimal().Cmp(v.Levers[v.Worst-1].Gap.Decimal()) < 0 {
			v.Worst = g.Lever
		}
	}
	return v, nil
}

// Loss is a partner for whom the proposition falls short, with the
// reason.
type Loss struct {
	Partner string       `json:"partner"`
	Profit  money.Amount `json:"profit"`
	// Lever is the most negative lever, which the reason names, or
	// LeverUnspecified when no lever is negative (the levers are simply
	// too small).
	Lever  Lever  `json:"lever"`
	Reason string `json:"reason"`
}

// Equal reports whether two losses are the same.
func (l Loss) Equal(o Loss) bool {
	return l.Partner == o.Partner && amountEqual(l.Profit, o.Profit) && l.Lever == o.Lever && l.Reason == o.Reason
}

// View is the programme seen across its partners: how partner profit is
// distributed and for whom the proposition falls short.
type View struct {
	Currency money.Currency `json:"currency"`
	Partners int            `json:"partners"`
	// Total is the partners' total profit.
	Total money.Amount `json:"total"`
	// Min, Median and Max are order statistics of partner profit; Median
	// is the lower median (the ⌈n/2⌉-th smallest), never interpolated.
	Min    money.Amount `json:"min"`
	Median money.Amount `json:"median"`
	Max    money.Amount `json:"max"`
	// Short lists the partners whose profit is below the threshold,
	// lowest profit first (ties by partner).
	Short []Loss `json:"short"`
	// Concentration ranks the profitable partners (profit > 0) by profit
	// with package capacity's measures (top-k and top-p shares, Gini,
	// HHI); HasConcentration is false when no partner is profitable.
	Concentration    capacity.Concentration `json:"-"`
	HasConcentration bool                   `json:"has_concentration"`
}

// Survey looks at a programme across its partners' P&Ls (of Annual, one
// per partner, all in one currency): the distribution of their profit,
// the concentration of profit among profitable partners, and every
// partner whose profit is below threshold (use zero for "unprofitable"),
// each with the reason — the lever that costs it most and what it
// outweighs. The result does not depend on the order of partners.
// Errors are *InputError values at "/partners" (none), "/partners/i"
// (the zero PartnerPnL, a repeated partner: ErrDuplicate, another
// currency: ErrCurrency) or "/threshold".
func Survey(partners []PartnerPnL, threshold money.Amount) (View, error) {
	if len(partners) == 0 {
		return View{}, inputErr("/partners", "", wrap(ErrMissing, "at least one partner"))
	}
	cur := partners[0].Currency
	var l errList
	seen := make(map[string]int, len(partners))
	for i, p := range partners {
		at := field.At("partners", i)
		switch {
		case !p.complete():
			l.add(inputErr(at, "", wrap(ErrInvalid, "the zero PartnerPnL (use Annual)")))
		case p.Currency != cur:
			l.add(inputErr(at, p.Partner, fmt.Errorf("%w: %w", ErrCurrency, &money.CurrencyMismatchError{Op: "Survey", A: cur, B: p.Currency})))
		}
		if j, dup := seen[p.Partner]; dup {
			l.add(inputErr(at, p.Partner, wrap(ErrDuplicate, "partner also at %s", field.At("partners", j))))
		}
		seen[p.Partner] = i
	}
	l.add(checkAmount("/threshold", threshold, cur, anySign, false))
	if err := l.err(); err != nil {
		return View{}, err
	}
	ranked := slices.Clone(partners)
	slices.SortFunc(ranked, func(a, b PartnerPnL) int {
		return cmp.Or(a.Profit.Decimal().Cmp(b.Profit.Decimal()), strings.Compare(a.Partner, b.Partner))
	})
	n := len(ranked)
	v := View{Currency: cur, Partners: n, Min: ranked[0].Profit, Median: ranked[(n+1)/2-1].Profit, Max: ranked[n-1].Profit}
	total := money.Zero(cur)
	var positive []capacity.PartnerRevenue
	for _, p := range ranked {
		var err error
		if total, err = total.Add(p.Profit); err != nil {
			return View{}, inputErr("/partners", "", fmt.Errorf("%w: %w", ErrRange, err))
		}
		if p.Profit.Sign() > 0 {
			positive = append(positive, capacity.PartnerRevenue{ID: p.Partner, Revenue: p.Profit})
		}
		if p.Profit.Decimal().Cmp(threshold.Decimal()) < 0 {
			v.Short = append(v.Short, lossOf(p, threshold))
		}
	}
	v.Total = total
	if len(positive) > 0 {
		c, err := capacity.NewConcentration(positive)
		if err != nil {
			return View{}, inputErr("/partners", "", fmt.Errorf("%w: %w", ErrRange, err))
		}
		v.Concentration, v.HasConcentration = c, true
	}
	return v, nil
}

// lossOf explains why p's profit is below threshold.
func lossOf(p PartnerPnL, threshold money.Amount) Loss {
	worst := p.Levers[0]
	for _, ls := range p.Levers[1:] {
		if ls.Amount.Decimal().Cmp(worst.Amount.Decimal()) < 0 {
			worst = ls
		}
	}
	loss := Loss{Partner: p.Partner, Profit: p.Profit}
	if worst.Amount.Sign() >= 0 {
		loss.Reason = fmt.Sprintf("profit %s is below %s and no lever is negative: the levers are too small", p.Profit, threshold)
		return loss
	}
	rest := money.New(p.Profit.Decimal().Sub(worst.Amount.Decimal()), p.Currency)
	loss.Lever = worst.Lever
	switch worst.Lever {
	case FrontEnd:
		loss.Reason = fmt.Sprintf("front-end margin %s: it sells below its buy price, which the other levers' %s do not make up to %s", worst.Amount, rest, threshold)
	case BackEnd, Offsets, Services, CostToServe, LeverUnspecified:
		loss.Reason = fmt.Sprintf("%s %s outweighs the other levers' %s (profit %s, below %s)", worst.Lever, worst.Amount, rest, p.Profit, threshold)
	default:
		loss.Reason = fmt.Sprintf("%s %s outweighs the other levers' %s", worst.Lever, worst.Amount, rest)
	}
	return loss
}

// complete reports whether p lists every lever once, in order, in its
// currency, as Annual builds it.
func (p PartnerPnL) complete() bool {
	if len(p.Levers) != numLevers || !p.Currency.IsValid() || !p.Profit.IsValid() {
		return false
	}
	for i, l := range p.Levers {
		if l.Lever != Lever(i+1) || !l.Amount.IsValid() || l.Amount.Currency() != p.Currency {
			return false
		}
	}
	return true
}

// Equal reports whether two views are the same (exact values; the
// concentrations compared with their own Equal).
func (v View) Equal(o View) bool {
	return v.Currency == o.Currency && v.Partners == o.Partners && amountEqual(v.Total, o.Total) &&
		amountEqual(v.Min, o.Min) && amountEqual(v.Median, o.Median) && amountEqual(v.Max, o.Max) &&
		slices.EqualFunc(v.Short, o.Short, Loss.Equal) && v.HasConcentration == o.HasConcentration &&
		v.Concentration.Equal(o.Concentration)
}
