package pricing

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
	// Name is unique within a quote (across kinds) and orders the
	// discounts of one kind.
	Name string `json:"name"`
	// Rate is the discount as a fraction of the price it applies to, in
	// [0, 1].
	Rate money.Rate `json:"rate"`
}

// Equal reports whether two discounts are the same (rates compared
// numerically).
func (d Discount) Equal(o Discount) bool {
	return d.Kind == o.Kind && d.Name == o.Name && d.Rate.Equal(o.Rate)
}

// Step is one line of a price waterfall.
type Step struct {
	Name string       `json:"name"`
	Kind DiscountKind `json:"kind,omitzero"` // DiscountKindUnspecified on the floor step
	// Floor marks the final step that raises a clamped net to its floor
	// (its Amount is negative).
	Floor bool `json:"floor,omitzero"`
	// Offered is the discount as offered; Rate the rate actually applied
	// under the stacking policy (on list for Additive, CappedSum,
	// Priority and BestOf; on the running net for Compounding). A dropped
	// discount has Rate 0 and Applied false.
	Offered money.Rate `json:"offered"`
	Rate    money.Rate `json:"rate"`
	Applied bool       `json:"applied"`
	// Exact is the step's exact amount; Amount the rounded one. The
	// amounts of all steps sum exactly to List − Net.
	Exact  money.Amount `json:"exact"`
	Amount money.Amount `json:"amount"`
	// Net is the running net after the step, rounded once from its exact
	// value to the currency's minor unit.
	Net money.Amount `json:"net"`
}

// Equal reports whether two steps are the same (decimals compared
// numerically).
func (s Step) Equal(o Step) bool {
	return s.Name == o.Name && s.Kind == o.Kind && s.Floor == o.Floor && s.Offered.Equal(o.Offered) &&
		s.Rate.Equal(o.Rate) && s.Applied == o.Applied && amountEqual(s.Exact, o.Exact) &&
		amountEqual(s.Amount, o.Amount) && amountEqual(s.Net, o.Net)
}

// Quote is a priced deal with its waterfall.
type Quote struct {
	Stacking Stacking     `json:"stacking"`
	List     money.Amount `json:"list"`
	// ExactNet is the net before rounding (after a clamp, the floor).
	ExactNet money.Amount `json:"exact_net"`
	// Net is the net price: ExactNet rounded once to the currency's minor
	// unit with the policy's rounding mode (money.Ceiling when clamped to a
	// floor, so that it never falls below the floor).
	Net     money.Amount `json:"net"`
	Steps   []Step       `json:"steps"`
	Clamped bool         `json:"clamped"` // the net was raised to the floor
}

// Equal reports whether two quotes are the same (decimals compared
// numerically).
func (q Quote) Equal(o Quote) bool {
	return q.Stacking == o.Stacking && amountEqual(q.List, o.List) && amountEqual(q.ExactNet, o.ExactNet) &&
		amountEqual(q.Net, o.Net) && q.Clamped == o.Clamped && slices.EqualFunc(q.Steps, o.Steps, Step.Equal)
}

// Discount returns List − Net, the rounded total discount (zero for the
// zero Quote).
func (q Quote) Discount() money.Amount {
	d, _ := q.List.Sub(q.Net) // same currency by construction
	return d
}

func amountEqual(a, b money.Amount) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	return a.Equal(b)
}

// Quote prices list under the policy without a cost: it orders the
// discounts in waterfall order (tier → registration → special pricing →
// promotion, by Name within a kind), stacks them, applies the floor and
// rounds the net once. A policy with a margin floor needs the cost: use
// QuoteWithCost (Quote then fails with an *InputError at "/cost"
// matching ErrMissing, never assuming a zero cost).
//
// Model: see the package documentation for each stacking policy's
// formula. Each discount must be in [0, 1] and an additive stack at most
// 100 % (ErrStack); names must be present and unique (ErrMissing,
// ErrDuplicate); a net is never negative.
//
// Floor: the net as charged (rounded) is compared with the exact floor
// (share of list: net ≥ L·rate; margin: net·(1 − rate) ≥ cost), so a net
// rounded down never sits a fraction of a minor unit below it. Below it,
// FloorError fails with a *BelowFloorError; FloorClamp raises the net to
// the floor rounded up to the minor unit (for a margin floor,
// cost/(1 − rate) by money.Div, rounded up) and appends a "floor" step
// with a negative amount.
//
// Rounding: everything is exact until the end. Each step's running net is
// rounded once from its exact value to the currency's minor unit with the
// policy's mode, and each step's Amount is the difference of consecutive
// running nets, so the amounts sum exactly to List − Net and each is
// within one minor unit of its exact amount under the half-* modes (two
// under directed modes). List must be a whole number of minor units.
//
// Input errors are *InputError values with the JSON Pointer of the value
// in the form {"list", "cost", "discounts": [{"kind", "name", "rate"}]}:
// "/list", "/discounts/2/rate", "/discounts" (the total).
func (p Policy) Quote(list money.Amount, discounts []Discount) (Quote, error) {
	return p.quote(list, money.Amount{}, false, discounts, "/discounts")
}

// QuoteWithCost is Quote with the vendor's cost, which a margin floor
// needs. The cost is required here (ErrMissing at "/cost" for the zero
// Amount), in the list's currency (ErrCurrency) and not negative; a policy
// without a margin floor checks it and does not use it.
func (p Policy) QuoteWithCost(list, cost money.Amount, discounts []Discount) (Quote, error) {
	return p.quote(list, cost, true, discounts, "/discounts")
}

// inputErr returns an *InputError.
func inputErr(path, value string, err error) *InputError {
	return &InputError{Path: path, Value: field.Truncate(value), Err: err}
}

// checkAmount checks a list price or cost: present, in range, not
// negative, in cur when cur is valid.
func checkAmount(path string, a money.Amount, cur money.Currency) error {
	switch {
	case !a.IsValid():
		return inputErr(path, "", ErrMissing)
	case !money.InRange(a.Decimal()):
		return inputErr(path, "", fmt.Errorf("%w: %w", ErrInvalid, money.CheckRange(path, a.Decimal())))
	case cur.IsValid() && a.Currency() != cur:
		return inputErr(path, a.String(), fmt.Errorf("%w: %w", ErrCurrency, &money.CurrencyMismatchError{Op: "Quote", A: cur, B: a.Currency()}))
	case a.Sign() < 0:
		return inputErr(path, a.String(), wrap(ErrInvalid, "must not be negative"))
	}
	return nil
}

func (p Policy) quote(list, cost money.Amount, hasCost bool, discounts []Discount, discPath string) (Quote, error) {
	if !p.valid {
		return Quote{}, zeroPolicy()
	}
	if err := checkAmount("/list", list, money.Currency{}); err != nil {
		return Quote{}, err
	}
	cur := list.Currency()
	if r, err := list.Round(money.HalfEven); err != nil || !r.Equal(list) {
		return Quote{}, inputErr("/list", list.String(), wrap(ErrInvalid, "not a whole number of minor units"))
	}
	if hasCost {
		if err := checkAmount("/cost", cost, cur); err != nil {
			return Quote{}, err
		}
	} else if p.floor == FloorMargin {
		return Quote{}, inputErr("/cost", "", wrap(ErrMissing, "a margin floor needs the cost"))
	}
	ds, err := orderDiscounts(discounts, discPath)
	if err != nil {
		return Quote{}, err
	}
	eff, err := p.effective(ds, discPath)
	if err != nil {
		return Quote{}, err
	}
	L := list.Decimal()
	q := Quote{Stacking: p.spec.Stacking, List: list}
	exact, prevRounded := L, L
	for i, d := range ds {
		var amt decimal.Decimal
		if p.spec.Stacking == Compounding {
			amt = exact.Mul(eff[i].Fraction())
		} else {
			amt = L.Mul(eff[i].Fraction())
		}
		exact = exact.Sub(amt)
		rn, err := money.Round(exact, cur.Digits(), p.spec.Rounding)
		if err != nil {
			return Quote{}, err
		}
		q.Steps = append(q.Steps, Step{
			Name: d.Name, Kind: d.Kind, Offered: d.Rate, Rate: eff[i], Applied: !eff[i].IsZero(),
			Exact: money.New(amt, cur), Amount: money.New(prevRounded.Sub(rn), cur), Net: money.New(rn, cur),
		})
		prevRounded = rn
	}
	q.ExactNet = money.New(exact, cur)
	return p.applyFloor(q, prevRounded, cost)
}

// applyFloor judges the rounded net against the exact floor, so that a
// net rounded down never falls below it by a fraction of a minor unit.
func (p Policy) applyFloor(q Quote, net decimal.Decimal, cost money.Amount) (Quote, error) {
	cur := q.List.Currency()
	exact := q.ExactNet.Decimal()
	var floorExact, floorNet decimal.Decimal
	below := false
	var err error
	switch p.floor {
	case FloorShareOfList:
		floorExact = q.List.Decimal().Mul(p.floorRate.Fraction())
		if below = net.Cmp(floorExact) < 0; below {
			floorNet, err = money.Round(floorExact, cur.Digits(), money.Ceiling)
		}
	case FloorMargin:
		keep := decimal.NewFromInt(1).Sub(p.floorRate.Fraction())
		if below = net.Mul(keep).Cmp(cost.Decimal()) < 0; below {
			floorNet, err = money.Div(cost.Decimal(), keep, cur.Digits(), money.Ceiling)
			floorExact = floorNet
		}
	case FloorUnspecified, NoFloor:
	default:
	}
	if err != nil {
		return Quote{}, err
	}
	if below {
		switch p.action {
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
			return Quote{}, &BelowFloorError{Kind: p.floor, Net: formatExact(net, cur.Digits()), Floor: formatExact(floorExact, cur.Digits())}
		}
	}
	q.Net = money.New(net, cur)
	return q, nil
}

// orderDiscounts validates discounts and sorts them in waterfall order:
// by kind, then by name.
func orderDiscounts(in []Discount, path string) ([]Discount, error) {
	one := money.MustRate("1")
	seen := make(map[string]int, len(in))
	for i, d := range in {
		at := field.Path(path).Index(i)
		switch {
		case d.Kind == DiscountKindUnspecified:
			return nil, inputErr(at.Key("kind").String(), "", ErrMissing)
		case !d.Kind.IsValid():
			_, err := d.Kind.MarshalText()
			return nil, inputErr(at.Key("kind").String(), "", err)
		case d.Name == "":
			return nil, inputErr(at.Key("name").String(), "", ErrMissing)
		case !money.InRange(d.Rate.Fraction()):
			return nil, inputErr(at.Key("rate").String(), "", fmt.Errorf("%w: %w", ErrInvalid, money.CheckRange("rate", d.Rate.Fraction())))
		case !d.Rate.Within(money.Rate{}, one):
			return nil, inputErr(at.Key("rate").String(), d.Rate.FormatFraction(), wrap(ErrStack, "rate outside [0, 1]"))
		}
		if j, dup := seen[d.Name]; dup {
			return nil, inputErr(at.Key("name").String(), d.Name, wrap(ErrDuplicate, "discount name also at %s", field.Path(path).Index(j)))
		}
		seen[d.Name] = i
	}
	ds := slices.Clone(in)
	slices.SortFunc(ds, func(a, b Discount) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), strings.Compare(a.Name, b.Name))
	})
	return ds, nil
}

// effective returns the rate each (ordered) discount contributes.
func (p Policy) effective(ds []Discount, path string) ([]money.Rate, error) {
	eff := make([]money.Rate, len(ds))
	switch p.spec.Stacking {
	case Additive:
		var total money.Rate
		for i, d := range ds {
			eff[i] = d.Rate
			total = total.Add(d.Rate)
		}
		if total.Cmp(money.MustRate("1")) > 0 {
			return nil, inputErr(path, total.FormatFraction(), wrap(ErrStack, "the discounts total more than 100%%"))
		}
	case Compounding:
		for i, d := range ds {
			eff[i] = d.Rate
		}
	case CappedSum:
		var total money.Rate
		for i, d := range ds {
			r := d.Rate
			if room := p.cap.Sub(total); r.Cmp(room) > 0 {
				r = room
			}
			if r.Sign() < 0 {
				r = money.Rate{}
			}
			eff[i] = r
			total = total.Add(r)
		}
	case Priority:
		if best := p.best(ds, true); best >= 0 {
			eff[best] = ds[best].Rate
		}
	case BestOf:
		if best := p.best(ds, false); best >= 0 {
			eff[best] = ds[best].Rate
		}
	case StackingUnspecified:
	default:
	}
	return eff, nil
}

// best returns the index of the applicable (non-zero) discount that
// applies alone: the largest of the highest-priority kind when byPriority,
// else the largest (ties: the first in waterfall order); -1 if none.
func (p Policy) best(ds []Discount, byPriority bool) int {
	best := -1
	for i, d := range ds {
		if d.Rate.IsZero() {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		if byPriority {
			if pb, pi := p.rank[ds[best].Kind], p.rank[d.Kind]; pi != pb {
				if pi < pb {
					best = i
				}
				continue
			}
		}
		if d.Rate.Cmp(ds[best].Rate) > 0 {
			best = i
		}
	}
	return best
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
