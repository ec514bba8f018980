package margin

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// Item is one line of a P&L: what it is, the lever it belongs to, where
// it comes from and how it was worked out.
type Item struct {
	Kind  ItemKind `json:"kind"`
	Lever Lever    `json:"lever"`
	// Name is the discount's, earning's, activity's, offset's or cost's
	// name ("street" and "services" for those lines).
	Name string `json:"name"`
	// Source is the JSON Pointer of the member of the resale the line comes
	// from ("/discounts/1", "/earnings/0", "/sell", "/pricing/floor"), or
	// for a partner-level benefit its place in the list ("/benefits/2").
	Source string `json:"source"`
	// Origin is the declared origin of the figure (a plan and component,
	// an MDF request), as given.
	Origin string `json:"origin,omitzero"`
	// Amount is the line's contribution to profit, in whole minor units:
	// positive for what the partner makes, negative for what it costs.
	Amount money.Amount `json:"amount"`
	// Explanation says how the amount was worked out, in English.
	Explanation string `json:"explanation"`
	// TierTrace traces a line paid by a tier schedule (a tiered earning): the
	// tier reached and its bounds. It is zero (absent in JSON) otherwise.
	TierTrace TierTrace `json:"tier_trace,omitzero"`
}

// Equal reports whether two items are the same (amounts compared
// numerically).
func (i Item) Equal(o Item) bool {
	return i.Kind == o.Kind && i.Lever == o.Lever && i.Name == o.Name && i.Source == o.Source &&
		i.Origin == o.Origin && amountEqual(i.Amount, o.Amount) && i.Explanation == o.Explanation &&
		i.TierTrace.Equal(o.TierTrace)
}

// PnL is the partner's profit and loss on one resale. Its items sum
// exactly to Profit; the front-end items (the waterfall's discounts and
// the street line) sum exactly to Sell − Buy.
type PnL struct {
	Resale string       `json:"resale"`
	List   money.Amount `json:"list"`
	// Buy is the partner's buy price, pricing's net.
	Buy money.Amount `json:"buy"`
	// Sell is the street price the partner sells at.
	Sell money.Amount `json:"sell"`
	// Quote is the buy-price waterfall with its steps.
	Quote pricing.Quote `json:"quote"`
	// Items are the P&L lines, by lever (front-end, back-end, offsets,
	// services, cost to serve); within a lever, the waterfall's steps in
	// waterfall order, then by kind and name.
	Items  []Item       `json:"items"`
	Profit money.Amount `json:"profit"`

	// levers holds each lever's total in minor units when all fit int64
	// (fast); a derived cache for annual sums.
	levers [numLevers]int64
	fast   bool
}

// Currency returns the resale's currency.
func (p PnL) Currency() money.Currency { return p.List.Currency() }

// Equal reports whether two P&Ls are the same (decimals compared
// numerically).
func (p PnL) Equal(o PnL) bool {
	return p.Resale == o.Resale && amountEqual(p.List, o.List) && amountEqual(p.Buy, o.Buy) &&
		amountEqual(p.Sell, o.Sell) && p.Quote.Equal(o.Quote) && slices.EqualFunc(p.Items, o.Items, Item.Equal) &&
		amountEqual(p.Profit, o.Profit)
}

func (p PnL) clone() PnL {
	p.Items = slices.Clone(p.Items)
	p.Quote.Steps = slices.Clone(p.Quote.Steps)
	return p
}

// Lever returns the sum of the items of lever l (zero in the resale's
// currency when there are none; the zero Amount for the zero PnL).
func (p PnL) Lever(l Lever) money.Amount {
	if !p.List.IsValid() {
		return money.Amount{}
	}
	sum := decimal.Decimal{}
	for _, it := range p.Items {
		if it.Lever == l {
			sum = sum.Add(it.Amount.Decimal())
		}
	}
	return money.New(sum, p.Currency())
}

// FrontEnd returns the front-end margin Sell − Buy (equal to
// p.Lever(FrontEnd)).
func (p PnL) FrontEnd() money.Amount {
	d, _ := p.Sell.Sub(p.Buy) // one currency by construction
	return d
}

// BuySideMargin returns the exact front-end margin on the sell price,
// (Sell − Buy) / Sell, and false when Sell is zero.
func (p PnL) BuySideMargin() (capacity.Ratio, bool) {
	if p.Sell.Sign() <= 0 {
		return capacity.Ratio{}, false
	}
	r, err := capacity.NewRatio(p.Sell.Decimal().Sub(p.Buy.Decimal()), p.Sell.Decimal())
	return r, err == nil
}

// evaluate prices a validated specification.
func evaluate(s ResaleSpec) (PnL, error) {
	policy, err := pricing.NewPolicy(s.Pricing)
	if err != nil {
		return PnL{}, inputErr("/pricing", "", fmt.Errorf("%w: %w", ErrPricing, err)) // unreachable: checked
	}
	list := *s.List
	cur := list.Currency()
	var q pricing.Quote
	if policy.NeedsCost() {
		q, err = policy.QuoteWithCost(list, *s.VendorCost, s.Discounts)
	} else {
		q, err = policy.Quote(list, s.Discounts)
	}
	if err != nil {
		return PnL{}, quoteError(err)
	}
	p := PnL{Resale: s.ID, List: list, Buy: q.Net, Quote: q}
	e := evaluator{cur: cur, mode: s.Rounding}

	p.Items = append(p.Items, stepItems(s, q)...)
	if p.Sell, err = sellPrice(s); err != nil {
		return PnL{}, err
	}
	var rest []Item
	rest = append(rest, Item{Kind: Street, Lever: FrontEnd, Name: "street", Source: "/sell",
		Amount: e.sub(p.Sell, list), Explanation: streetText(s, p.Sell)})
	for i, en := range s.Earnings {
		at := field.At("earnings", i)
		var amt money.Amount
		var how string
		var trace TierTrace
		if en.Tiered != nil {
			amt, trace, how, err = e.tiered(at, *en.Tiered, q.Net)
		} else {
			amt, how, err = e.amountOrRate(at, en.Amount, en.Rate, q.Net, "the buy price")
		}
		if err != nil {
			return PnL{}, err
		}
		text := how
		if en.Note != "" {
			text += "; " + en.Note
		}
		rest = append(rest, Item{Kind: en.Kind, Lever: BackEnd, Name: en.Name, Source: at, Origin: en.Origin,
			Amount: amt, Explanation: en.Kind.String() + " " + text, TierTrace: trace})
	}
	for i, f := range s.MDF {
		its, err := e.funding(field.At("mdf", i), f)
		if err != nil {
			return PnL{}, err
		}
		rest = append(rest, its...)
	}
	for i, o := range s.Offsets {
		rest = append(rest, Item{Kind: Offset, Lever: Offsets, Name: o.Name, Source: field.At("offsets", i),
			Origin: o.Origin, Amount: *o.Value, Explanation: "cost offset valued as declared: " + o.Value.String()})
	}
	if sv := s.Services; sv != nil {
		it, err := e.services(p.Sell, *sv)
		if err != nil {
			return PnL{}, err
		}
		rest = append(rest, it)
	}
	for i, c := range s.Costs {
		at := field.At("costs", i)
		amt, how, err := e.amountOrRate(at, c.Amount, c.Rate, p.Sell, "the sell price")
		if err != nil {
			return PnL{}, err
		}
		rest = append(rest, Item{Kind: Cost, Lever: CostToServe, Name: c.Name, Source: at, Origin: c.Origin,
			Amount: amt.Neg(), Explanation: "cost to serve " + how})
	}
	slices.SortStableFunc(rest, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.Lever, b.Lever), cmp.Compare(a.Kind, b.Kind), strings.Compare(a.Name, b.Name))
	})
	p.Items = append(p.Items, rest...)
	if err := e.err; err != nil {
		return PnL{}, err
	}
	return p.total()
}

// total sets Profit and the lever cache.
func (p PnL) total() (PnL, error) {
	sum := decimal.Decimal{}
	p.fast = true
	for _, it := range p.Items {
		sum = sum.Add(it.Amount.Decimal())
		if !money.InRange(sum) {
			return PnL{}, inputErr("", "", wrap(ErrRange, "the profit is outside the operating range"))
		}
		if p.fast {
			u, err := it.Amount.MinorUnits()
			l := &p.levers[it.Lever-1]
			if s, ok := addInt64(*l, u); err == nil && ok {
				*l = s
			} else {
				p.fast = false
			}
		}
	}
	p.Profit = money.New(sum, p.Currency())
	return p, nil
}

// addInt64 returns a+b and whether it did not overflow.
func addInt64(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

// quoteError rewrites a pricing error of the waterfall at the resale's
// pointer.
func quoteError(err error) error {
	var ie *pricing.InputError
	if errors.As(err, &ie) {
		path := ie.Path
		if path == "/cost" {
			path = "/vendor_cost"
		}
		return inputErr(path, ie.Value, fmt.Errorf("%w: %w", ErrPricing, err))
	}
	return inputErr("/discounts", "", fmt.Errorf("%w: %w", ErrPricing, err))
}

// stepItems returns one front-end item per waterfall step.
func stepItems(s ResaleSpec, q pricing.Quote) []Item {
	items := make([]Item, 0, len(q.Steps))
	for _, st := range q.Steps {
		it := Item{Kind: DiscountStep, Lever: FrontEnd, Name: st.Name, Amount: st.Amount}
		if st.Floor {
			it.Source = "/pricing/floor"
			it.Explanation = fmt.Sprintf("the floor raises the buy price to %s", st.Net)
		} else {
			idx := slices.IndexFunc(s.Discounts, func(d pricing.Discount) bool { return d.Name == st.Name })
			it.Source = field.At("discounts", idx)
			on := "list"
			if q.Stacking == pricing.Compounding {
				on = "the running net"
			}
			it.Explanation = fmt.Sprintf("%s discount %s of %s (%s): %s off, buy price %s",
				st.Kind, st.Rate.FormatPercent(), on, q.Stacking, st.Amount, st.Net)
			if !st.Applied {
				it.Explanation = fmt.Sprintf("%s discount %s offered, not applied under %s stacking",
					st.Kind, st.Offered.FormatPercent(), q.Stacking)
			}
		}
		items = append(items, it)
	}
	return items
}

// sellPrice returns the street price of a validated specification.
func sellPrice(s ResaleSpec) (money.Amount, error) {
	if s.Sell.Price != nil {
		return *s.Sell.Price, nil
	}
	l := s.List.Decimal()
	exact := s.Sell.StreetDiscount.Complement().Of(l)
	exact = exact.Add(s.Sell.BrandPremium.Of(exact))
	return roundAmount("/sell", exact, s.List.Currency(), s.Rounding)
}

func streetText(s ResaleSpec, sell money.Amount) string {
	if s.Sell.Price != nil {
		return fmt.Sprintf("declared street price %s against list %s", sell, s.List)
	}
	return fmt.Sprintf("street price %s = list %s × (1 − %s street discount) × (1 + %s brand premium), rounded %s",
		sell, s.List, s.Sell.StreetDiscount.FormatPercent(), s.Sell.BrandPremium.FormatPercent(), s.Rounding)
}

// evaluator rounds the lines of one resale.
type evaluator struct {
	cur  money.Currency
	mode money.RoundingMode
	err  error
}

// sub returns a − b of one currency.
func (e *evaluator) sub(a, b money.Amount) money.Amount {
	d, err := a.Sub(b)
	if err != nil && e.err == nil {
		e.err = inputErr("", "", fmt.Errorf("%w: %w", ErrRange, err))
	}
	return d
}

// amountOrRate returns a declared amount, or rate × base rounded once,
// with the words that explain it.
func (e *evaluator) amountOrRate(at string, a *money.Amount, r *money.Rate, base money.Amount, baseName string) (money.Amount, string, error) {
	if a != nil {
		return *a, "declared " + a.String(), nil
	}
	amt, err := roundAmount(at+"/rate", r.Of(base.Decimal()), e.cur, e.mode)
	if err != nil {
		return money.Amount{}, "", err
	}
	return amt, fmt.Sprintf("%s of %s %s = %s, rounded %s", r.FormatPercent(), baseName, base, amt, e.mode), nil
}

// funding returns the MDF item (the reimbursement) and the marketing item
// (the spend) of one funded activity.
func (e *evaluator) funding(at string, f FundingSpec) ([]Item, error) {
	spend := *f.Spend
	var re money.Amount
	var how string
	if f.Reimbursed != nil {
		re = *f.Reimbursed
		how = "declared reimbursement " + re.String()
	} else {
		share, err := roundAmount(at+"/vendor_share", f.VendorShare.Of(spend.Decimal()), e.cur, e.mode)
		if err != nil {
			return nil, err
		}
		re = share
		how = fmt.Sprintf("vendor share %s of %s spent = %s, rounded %s", f.VendorShare.FormatPercent(), spend, share, e.mode)
		if f.Approved != nil && f.Approved.Decimal().Cmp(share.Decimal()) < 0 {
			re = *f.Approved
			how += fmt.Sprintf(", capped at the approved %s", re)
		}
	}
	copay := e.sub(spend, re)
	return []Item{
		{Kind: MDF, Lever: Offsets, Name: f.Name, Source: at, Origin: f.Origin, Amount: re,
			Explanation: fmt.Sprintf("%s; net of the partner's co-pay %s, with the marketing line: %s", how, copay, copay.Neg())},
		{Kind: Marketing, Lever: CostToServe, Name: f.Name, Source: at + "/spend", Origin: f.Origin, Amount: spend.Neg(),
			Explanation: "marketing spend " + spend.String() + " on the funded activity"},
	}, nil
}

// services returns the attached-services item.
func (e *evaluator) services(sell money.Amount, sv ServicesSpec) (Item, error) {
	exact := sv.Margin.Of(sv.AttachRatio.Of(sell.Decimal()))
	amt, err := roundAmount("/services", exact, e.cur, e.mode)
	if err != nil {
		return Item{}, err
	}
	return Item{Kind: ServicesMargin, Lever: Services, Name: "services", Source: "/services", Amount: amt,
		Explanation: fmt.Sprintf("services revenue %s attach × sell %s, at %s margin = %s, rounded %s",
			sv.AttachRatio.FormatPercent(), sell, sv.Margin.FormatPercent(), amt, e.mode)}, nil
}
