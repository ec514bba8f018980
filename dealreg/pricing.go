package dealreg

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// Discount is one discount offered on a quote.
type Discount struct {
	Kind DiscountKind `json:"kind"`
	Name string       `json:"name"` // unique within a quote; orders discounts of one kind
	Rate money.Rate   `json:"rate"`
}

// Step is one line of a price waterfall.
type Step struct {
	Name string
	Kind DiscountKind // DiscountKindUnspecified on the floor step
	// Floor marks the final step that raises a clamped net to its floor
	// (its Amount is negative).
	Floor bool
	// Offered is the discount as offered; Rate the rate actually applied
	// under the stacking policy (on list for Additive, CappedSum,
	// Priority and BestOf; on the running net for Compounding). A dropped
	// discount has Rate 0 and Applied false.
	Offered, Rate money.Rate
	Applied       bool
	// Exact is the step's exact amount; Amount the rounded one. Amounts
	// of all steps sum exactly to List − Net.
	Exact, Amount money.Amount
	// Net is the running net after the step, rounded once from its exact
	// value to the currency's minor unit.
	Net money.Amount
}

// Equal reports whether two steps are the same.
func (s Step) Equal(o Step) bool {
	return s.Name == o.Name && s.Kind == o.Kind && s.Floor == o.Floor && s.Offered.Equal(o.Offered) &&
		s.Rate.Equal(o.Rate) && s.Applied == o.Applied && amountEqual(s.Exact, o.Exact) &&
		amountEqual(s.Amount, o.Amount) && amountEqual(s.Net, o.Net)
}

// Quote is a priced deal with its waterfall.
type Quote struct {
	Stacking Stacking
	List     money.Amount
	// ExactNet is the net before rounding (after a clamp, the exact floor).
	ExactNet money.Amount
	// Net is the net price: ExactNet rounded once to the currency's minor
	// unit with PricingPolicy.Rounding (Ceiling when clamped to a floor,
	// so that it never falls below the floor).
	Net     money.Amount
	Steps   []Step
	Clamped bool // the net was raised to the floor
}

// Equal reports whether two quotes are the same.
func (q Quote) Equal(o Quote) bool {
	return q.Stacking == o.Stacking && amountEqual(q.List, o.List) && amountEqual(q.ExactNet, o.ExactNet) &&
		amountEqual(q.Net, o.Net) && q.Clamped == o.Clamped && slices.EqualFunc(q.Steps, o.Steps, Step.Equal)
}

// Discount returns List − Net, the rounded total discount.
func (q Quote) Discount() money.Amount {
	d, _ := q.List.Sub(q.Net) // same currency by construction
	return d
}

// Quote prices list under the policy: it orders the discounts in
// waterfall order (tier → registration → special pricing → promotion, by
// Name within a kind), stacks them, applies the floor, and rounds.
//
// Model. With list L and discounts d_i in waterfall order:
//   - Additive: net = L·(1 − Σ d_i); Σ d_i > 1 is a *StackError.
//   - Compounding: net = L·Π(1 − d_i).
//   - Priority: only the applicable (non-zero) discount whose kind comes
//     first in pp.Priority applies (the largest of that kind, ties by Name).
//   - BestOf: only the largest discount applies (ties: waterfall order).
//   - CappedSum: additive, the running total capped at pp.Cap: the
//     discount that crosses the cap is cut to fit, later ones drop.
//
// Each discount must be in [0, 1] (*StackError); names must be unique
// (*DuplicateIDError); a net price is never negative.
//
// Floor. The net as charged (rounded) is compared with the exact floor
// (FloorShareOfList: net ≥ L·rate; FloorMargin: net·(1 − rate) ≥ cost,
// cost required and not negative), so a net rounded down can never sit a
// fraction of a minor unit below it. Below it, FloorError fails with
// *BelowFloorError (its Net is the rounded net); FloorClamp raises the net
// to the floor rounded up to the minor unit (for a margin floor,
// cost/(1 − rate) by money.Div, rounded up) and appends a "floor" step
// with a negative amount.
//
// Rounding. Everything is exact until the end. The net is the exact net
// rounded once to the currency's minor unit with pp.Rounding (Ceiling
// when clamped). Each step's running Net is likewise rounded once from
// its exact value, and each step's Amount is the difference of
// consecutive running nets, so the amounts telescope: they sum exactly to
// List − Net, and each is within one minor unit of its exact amount under
// the half-* modes (two under directed modes). List must be a whole number
// of minor units; cost may be the zero Amount when the floor does not need
// it.
func (pp PricingPolicy) Quote(list money.Amount, discounts []Discount, cost money.Amount) (Quote, error) {
	if err := pp.Validate(); err != nil {
		return Quote{}, err
	}
	if !list.IsValid() {
		return Quote{}, missing("/list")
	}
	if list.Sign() < 0 {
		return Quote{}, invalid("/list", list.String(), "must not be negative")
	}
	cur := list.Currency()
	if r, err := list.Round(money.HalfEven); err != nil || !r.Equal(list) {
		return Quote{}, invalid("/list", list.String(), "not a whole number of minor units")
	}
	if cost.IsValid() && cost.Currency() != cur {
		return Quote{}, &money.CurrencyMismatchError{Op: "Quote", A: cur, B: cost.Currency()}
	}
	if cost.IsValid() && cost.Sign() < 0 {
		return Quote{}, invalid("/cost", cost.String(), "must not be negative")
	}
	ds, err := orderDiscounts(discounts)
	if err != nil {
		return Quote{}, err
	}
	eff, err := pp.effective(ds)
	if err != nil {
		return Quote{}, err
	}
	L := list.Decimal()
	one := decimalOne()
	q := Quote{Stacking: pp.Stacking, List: list}
	exact := L
	prevRounded := L
	for i, d := range ds {
		var amt decimal.Decimal
		if pp.Stacking == Compounding {
			amt = exact.Mul(eff[i].Fraction())
		} else {
			amt = L.Mul(eff[i].Fraction())
		}
		exact = exact.Sub(amt)
		rn, err := money.Round(exact, cur.Digits(), pp.Rounding)
		if err != nil {
			return Quote{}, err
		}
		q.Steps = append(q.Steps, Step{
			Name: d.Name, Kind: d.Kind, Offered: d.Rate, Rate: eff[i], Applied: !eff[i].IsZero(),
			Exact: money.New(amt, cur), Amount: money.New(prevRounded.Sub(rn), cur), Net: money.New(rn, cur),
		})
		prevRounded = rn
	}
	net := prevRounded
	q.ExactNet = money.New(exact, cur)

	// Floor: the net charged (rounded) against the exact floor, so that a
	// net rounded down never falls below it by a fraction of a minor unit.
	var floorExact, floorNet decimal.Decimal
	below := false
	switch pp.Floor.Kind {
	case NoFloor, FloorUnspecified: // the zero Floor is no floor
	case FloorShareOfList:
		floorExact = L.Mul(pp.Floor.Rate.Fraction())
		below = net.Cmp(floorExact) < 0
		if below {
			floorNet, err = money.Round(floorExact, cur.Digits(), money.Ceiling)
		}
	case FloorMargin:
		if !cost.IsValid() {
			return Quote{}, &FieldError{Path: "/cost", Err: fmt.Errorf("%w: a margin floor needs the cost", ErrMissingField)}
		}
		keep := one.Sub(pp.Floor.Rate.Fraction())
		below = net.Mul(keep).Cmp(cost.Decimal()) < 0
		if below {
			floorNet, err = money.Div(cost.Decimal(), keep, cur.Digits(), money.Ceiling)
			floorExact = floorNet
		}
	default:
	}
	if err != nil {
		return Quote{}, err
	}
	if below {
		switch pp.Floor.Action {
		case FloorClamp:
			q.Clamped = true
			q.Steps = append(q.Steps, Step{
				Name: "floor", Floor: true, Applied: true,
				Exact:  money.New(exact.Sub(floorExact), cur),
				Amount: money.New(net.Sub(floorNet), cur),
				Net:    money.New(floorNet, cur),
			})
			q.ExactNet = money.New(floorExact, cur)
			net = floorNet
		case FloorError, FloorActionUnspecified:
			fallthrough
		default:
			shown := floorExact
			if pp.Floor.Kind == FloorMargin {
				shown = floorNet
			}
			return Quote{}, &BelowFloorError{Kind: pp.Floor.Kind, Net: formatExact(net, cur.Digits()), Floor: formatExact(shown, cur.Digits())}
		}
	}
	q.Net = money.New(net, cur)
	return q, nil
}

// orderDiscounts validates and sorts discounts in waterfall order.
func orderDiscounts(in []Discount) ([]Discount, error) {
	ds := slices.Clone(in)
	one := money.RateFromFraction(decimalOne())
	for i, d := range ds {
		if !d.Kind.IsValid() {
			return nil, invalid(field.At("discounts", i, "kind"), d.Kind.String(), "unknown discount kind")
		}
		if d.Name == "" {
			return nil, missing(field.At("discounts", i, "name"))
		}
		if !d.Rate.Within(money.Rate{}, one) {
			return nil, &StackError{Discount: d.Name, Rate: d.Rate.FormatFraction()}
		}
	}
	slices.SortFunc(ds, func(a, b Discount) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(ds); i++ { // names are unique across kinds too
		if ds[i].Name == ds[i-1].Name {
			return nil, &DuplicateIDError{What: "discount", ID: ds[i].Name, Path: field.At("discounts", slices.IndexFunc(in, func(d Discount) bool { return d.Name == ds[i].Name }), "name")}
		}
	}
	slices.SortStableFunc(ds, func(a, b Discount) int { return cmp.Compare(a.Kind, b.Kind) })
	return ds, nil
}

// effective returns the rate each (ordered) discount contributes.
func (pp PricingPolicy) effective(ds []Discount) ([]money.Rate, error) {
	eff := make([]money.Rate, len(ds))
	switch pp.Stacking {
	case Additive:
		var total money.Rate
		for i, d := range ds {
			eff[i] = d.Rate
			total = total.Add(d.Rate)
		}
		if total.Cmp(money.RateFromFraction(decimalOne())) > 0 {
			return nil, &StackError{Rate: total.FormatFraction()}
		}
	case Compounding:
		for i, d := range ds {
			eff[i] = d.Rate
		}
	case CappedSum:
		var total money.Rate
		for i, d := range ds {
			room := pp.Cap.Sub(total)
			r := d.Rate
			if r.Cmp(room) > 0 {
				r = room
			}
			if r.Sign() < 0 {
				r = money.Rate{}
			}
			eff[i] = r
			total = total.Add(r)
		}
	case Priority:
		best := -1
		for i, d := range ds {
			if d.Rate.IsZero() {
				continue
			}
			if best < 0 {
				best = i
				continue
			}
			pb, pi := slices.Index(pp.Priority, ds[best].Kind), slices.Index(pp.Priority, d.Kind)
			if pi < pb || pi == pb && d.Rate.Cmp(ds[best].Rate) > 0 {
				best = i
			}
		}
		if best >= 0 {
			eff[best] = ds[best].Rate
		}
	case BestOf:
		best := -1
		for i, d := range ds {
			if !d.Rate.IsZero() && (best < 0 || d.Rate.Cmp(ds[best].Rate) > 0) {
				best = i
			}
		}
		if best >= 0 {
			eff[best] = ds[best].Rate
		}
	case StackingUnspecified:
		return nil, invalid("/stacking", "", "must be specified")
	default:
		return nil, invalid("/stacking", pp.Stacking.String(), "unknown stacking")
	}
	return eff, nil
}

// formatExact writes d exactly, with at least places digits after the
// point and no trailing zeros beyond them.
func formatExact(d decimal.Decimal, places int32) string {
	s := money.FormatDecimal(d, places)
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return s
	}
	keep := dot + 1 + int(places)
	if places == 0 {
		keep = dot
	}
	for len(s) > keep && (s[len(s)-1] == '0' || s[len(s)-1] == '.') {
		s = s[:len(s)-1]
	}
	return s
}
