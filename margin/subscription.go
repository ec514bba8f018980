package margin

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// MaxTerms is the largest number of periods a subscription models.
const MaxTerms = 600

// SubscriptionSpec is the open form, and the JSON form, of a
// subscription the partner resells (or passes through) over its life.
// Period t = 0, 1, …, Periods − 1 is one term; with churn c and
// expansion g the expected revenue of term t is
//
//	R_t = Revenue · ((1 − c) · (1 + g))^t
//
// and the partner's profit on it
//
//	π_t = R_t · (ResaleMargin + [t ≥ 1]·RenewalIncentive
//	             + AttachRatio·ServicesMargin − CostToServe)
//
// discounted at DiscountRate per term: PV_t = π_t / (1 + DiscountRate)^t,
// lifetime value LTV = Σ PV_t. Every member is required (a pass-through
// states ResaleMargin "0").
type SubscriptionSpec struct {
	// ID names the subscription. Required.
	ID string `json:"id"`
	// Revenue is the first term's subscription revenue (the customer's
	// price), at least 0.
	Revenue *money.Amount `json:"revenue"`
	// Periods is the number of terms modelled, 1 … MaxTerms.
	Periods int `json:"periods"`
	// Churn is the share of revenue lost at each renewal, in [0, 1].
	Churn *money.Rate `json:"churn"`
	// Expansion is the growth of retained revenue at each renewal
	// (upsell, seats), at least 0.
	Expansion *money.Rate `json:"expansion"`
	// ResaleMargin is the partner's margin on subscription revenue, at
	// most 100 % (0 for a pass-through).
	ResaleMargin *money.Rate `json:"resale_margin"`
	// RenewalIncentive is the vendor's back-end rate on renewed revenue
	// (terms 1 and later), at least 0.
	RenewalIncentive *money.Rate `json:"renewal_incentive"`
	// AttachRatio and ServicesMargin give the services margin per term:
	// R_t · AttachRatio · ServicesMargin.
	AttachRatio    *money.Rate `json:"attach_ratio"`
	ServicesMargin *money.Rate `json:"services_margin"`
	// CostToServe is the partner's cost per term as a share of R_t, at
	// least 0.
	CostToServe *money.Rate `json:"cost_to_serve"`
	// DiscountRate discounts each term's profit to present value, at
	// least 0 (per term, not per year).
	DiscountRate *money.Rate `json:"discount_rate"`
	// Rounding rounds the reported figures once each. Required.
	Rounding money.RoundingMode `json:"rounding"`
}

// Term is one period of a subscription's life. Its figures are
// differences of cumulative totals rounded once to the minor unit, so the
// terms sum exactly to the lifetime's totals.
type Term struct {
	Period       int          `json:"period"`
	Revenue      money.Amount `json:"revenue"`
	Profit       money.Amount `json:"profit"`
	PresentValue money.Amount `json:"present_value"`
}

// Equal reports whether two terms are the same (amounts compared
// numerically).
func (t Term) Equal(o Term) bool {
	return t.Period == o.Period && amountEqual(t.Revenue, o.Revenue) && amountEqual(t.Profit, o.Profit) &&
		amountEqual(t.PresentValue, o.PresentValue)
}

// Lifetime is a subscription's partner economics over its life.
type Lifetime struct {
	Subscription string `json:"subscription"`
	Terms        []Term `json:"terms"`
	// Revenue, Profit and LTV are the exact totals Σ R_t, Σ π_t and Σ PV_t,
	// each rounded once to the minor unit with the spec's mode.
	Revenue money.Amount `json:"revenue"`
	Profit  money.Amount `json:"profit"`
	LTV     money.Amount `json:"ltv"`
}

// Equal reports whether two lifetimes are the same.
func (l Lifetime) Equal(o Lifetime) bool {
	if l.Subscription != o.Subscription || len(l.Terms) != len(o.Terms) {
		return false
	}
	for i := range l.Terms {
		if !l.Terms[i].Equal(o.Terms[i]) {
			return false
		}
	}
	return amountEqual(l.Revenue, o.Revenue) && amountEqual(l.Profit, o.Profit) && amountEqual(l.LTV, o.LTV)
}

// Subscription is a validated, immutable SubscriptionSpec. The zero
// Subscription is invalid.
type Subscription struct {
	spec  SubscriptionSpec
	valid bool
}

// NewSubscription validates spec. Every problem is reported at once as
// *InputError values at the member's pointer ("/churn", "/periods").
func NewSubscription(spec SubscriptionSpec) (Subscription, error) {
	var l errList
	if spec.ID == "" {
		l.add(inputErr("/id", "", ErrMissing))
	}
	if spec.Revenue == nil {
		l.add(inputErr("/revenue", "", ErrMissing))
	} else {
		l.add(checkAmount("/revenue", *spec.Revenue, money.Currency{}, nonNegative, false))
	}
	if spec.Periods < 1 || spec.Periods > MaxTerms {
		l.add(inputErr("/periods", fmt.Sprint(spec.Periods), wrap(ErrRange, "1 … %d terms", MaxTerms)))
	}
	for _, r := range []struct {
		path    string
		r       *money.Rate
		atMost1 bool
	}{
		{"/churn", spec.Churn, true}, {"/expansion", spec.Expansion, false},
		{"/resale_margin", spec.ResaleMargin, true}, {"/renewal_incentive", spec.RenewalIncentive, false},
		{"/attach_ratio", spec.AttachRatio, false}, {"/services_margin", spec.ServicesMargin, true},
		{"/cost_to_serve", spec.CostToServe, false}, {"/discount_rate", spec.DiscountRate, false},
	} {
		margin := r.path == "/resale_margin" || r.path == "/services_margin" // may be negative
		switch {
		case r.r == nil:
			l.add(inputErr(r.path, "", ErrMissing))
		case r.atMost1:
			l.add(checkAtMost1(r.path, *r.r, margin))
		default:
			l.add(checkRate(r.path, *r.r, zeroRate(), false))
		}
	}
	l.add(checkMode("/rounding", spec.Rounding))
	if err := l.err(); err != nil {
		return Subscription{}, err
	}
	return Subscription{spec: spec.clone(), valid: true}, nil
}

// ParseSubscription decodes a subscription document strictly (limits
// MaxResaleBytes and MaxResaleDepth) and validates it as NewSubscription does.
func ParseSubscription(data []byte) (Subscription, error) {
	var spec SubscriptionSpec
	if err := strictjson.Unmarshal(data, &spec, strictjson.Limits{MaxBytes: MaxResaleBytes, MaxDepth: MaxResaleDepth}, strictjson.RatesWithUnit()); err != nil {
		return Subscription{}, documentError(err)
	}
	return NewSubscription(spec)
}

// MustParseSubscription is ParseSubscription that panics on error, for
// literals in tests and examples.
func MustParseSubscription(data string) Subscription {
	s, err := ParseSubscription([]byte(data))
	if err != nil {
		panic(err)
	}
	return s
}

func (s SubscriptionSpec) clone() SubscriptionSpec {
	s.Revenue = clonePtr(s.Revenue)
	for _, p := range []**money.Rate{&s.Churn, &s.Expansion, &s.ResaleMargin, &s.RenewalIncentive, &s.AttachRatio,
		&s.ServicesMargin, &s.CostToServe, &s.DiscountRate} {
		*p = clonePtr(*p)
	}
	return s
}

// Equal reports whether two specifications are the same.
func (s SubscriptionSpec) Equal(o SubscriptionSpec) bool {
	return s.ID == o.ID && ptrEqual(s.Revenue, o.Revenue) && s.Periods == o.Periods && ptrEqual(s.Churn, o.Churn) &&
		ptrEqual(s.Expansion, o.Expansion) && ptrEqual(s.ResaleMargin, o.ResaleMargin) &&
		ptrEqual(s.RenewalIncentive, o.RenewalIncentive) && ptrEqual(s.AttachRatio, o.AttachRatio) &&
		ptrEqual(s.ServicesMargin, o.ServicesMargin) && ptrEqual(s.CostToServe, o.CostToServe) &&
		ptrEqual(s.DiscountRate, o.DiscountRate) && s.Rounding == o.Rounding
}

// IsValid reports whether s was built by NewSubscription or
// ParseSubscription.
func (s Subscription) IsValid() bool { return s.valid }

// Spec returns a copy of the specification.
func (s Subscription) Spec() SubscriptionSpec { return s.spec.clone() }

// Equal reports whether two subscriptions have the same specification.
func (s Subscription) Equal(o Subscription) bool { return s.valid == o.valid && s.spec.Equal(o.spec) }

// MarshalJSON encodes the specification in the form ParseSubscription
// reads. The zero Subscription fails.
func (s Subscription) MarshalJSON() ([]byte, error) {
	if !s.valid {
		return nil, inputErr("", "", wrap(ErrInvalid, "the zero Subscription (use NewSubscription)"))
	}
	return strictjson.Marshal(s.spec, strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParseSubscription.
func (s *Subscription) UnmarshalJSON(b []byte) error {
	v, err := ParseSubscription(b)
	if err == nil {
		*s = v
	}
	return err
}

// Lifetime works out the subscription's terms and lifetime value (see
// SubscriptionSpec for the formulas). Everything is computed exactly, as
// rational numbers (the discount factors 1/(1 + r)^t have no finite
// decimal form); each total is then rounded once to the minor unit with
// the spec's mode, and each term's figure is the difference of two
// consecutive rounded cumulative totals, so the terms sum exactly to the
// totals. The zero Subscription is an *InputError (ErrInvalid).
func (s Subscription) Lifetime() (Lifetime, error) {
	if !s.valid {
		return Lifetime{}, inputErr("", "", wrap(ErrInvalid, "the zero Subscription (use NewSubscription)"))
	}
	sp := s.spec
	cur := sp.Revenue.Currency()
	q := new(big.Rat).Mul(rat(sp.Churn.Complement().Fraction()), rat(one().Add(sp.Expansion.Fraction())))
	disc := new(big.Rat).Inv(rat(one().Add(sp.DiscountRate.Fraction())))
	base := new(big.Rat).Add(rat(sp.ResaleMargin.Fraction()), rat(sp.AttachRatio.Fraction().Mul(sp.ServicesMargin.Fraction())))
	base.Sub(base, rat(sp.CostToServe.Fraction()))
	renew := new(big.Rat).Add(base, rat(sp.RenewalIncentive.Fraction()))

	rev := rat(sp.Revenue.Decimal()) // R_t
	df := big.NewRat(1, 1)           // 1/(1+r)^t
	var cumRev, cumProfit, cumPV big.Rat
	var prev [3]decimal.Decimal
	out := Lifetime{Subscription: sp.ID, Terms: make([]Term, sp.Periods)}
	var t1, t2 big.Rat
	for t := range sp.Periods {
		rate := base
		if t > 0 {
			rev.Mul(rev, q)
			df.Mul(df, disc)
			rate = renew
		}
		profit := t1.Mul(rev, rate)
		cumRev.Add(&cumRev, rev)
		cumProfit.Add(&cumProfit, profit)
		cumPV.Add(&cumPV, t2.Mul(profit, df))
		var now [3]decimal.Decimal
		for i, c := range []*big.Rat{&cumRev, &cumProfit, &cumPV} {
			v, err := roundRat(c, cur, sp.Rounding)
			if err != nil {
				return Lifetime{}, inputErr("/periods", fmt.Sprint(t), err)
			}
			now[i] = v
		}
		if t == 0 {
			prev = [3]decimal.Decimal{decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}}
		}
		out.Terms[t] = Term{Period: t, Revenue: money.New(now[0].Sub(prev[0]), cur),
			Profit: money.New(now[1].Sub(prev[1]), cur), PresentValue: money.New(now[2].Sub(prev[2]), cur)}
		prev = now
	}
	out.Revenue, out.Profit, out.LTV = money.New(prev[0], cur), money.New(prev[1], cur), money.New(prev[2], cur)
	return out, nil
}

// rat returns the exact rational value of d.
func rat(d decimal.Decimal) *big.Rat {
	r := new(big.Rat).SetInt(d.Coefficient())
	e := d.Exponent()
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(e, -e))), nil)
	if e >= 0 {
		return r.Mul(r, new(big.Rat).SetInt(p))
	}
	return r.Quo(r, new(big.Rat).SetInt(p))
}

// roundRat rounds an exact rational once to cur's minor unit (money.Div
// on its numerator and denominator).
func roundRat(r *big.Rat, cur money.Currency, mode money.RoundingMode) (decimal.Decimal, error) {
	q, err := money.Div(decimal.NewFromBigInt(r.Num(), 0), decimal.NewFromBigInt(r.Denom(), 0), cur.Digits(), mode)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: %w", ErrRange, err)
	}
	return q, nil
}
