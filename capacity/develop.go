package capacity

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Develop describes lifting "the next" partners: those ranked just below
// the top (see Concentration.Next).
type Develop struct {
	// Top is the share of partners at the top left alone, in [0, 1), e.g.
	// 20 %.
	Top money.Rate `json:"top"`
	// Next is the share of partners developed, in (0, 1], e.g. 20 %.
	Next money.Rate `json:"next"`
	// Uplift is the relative revenue lift per developed partner (25 %:
	// revenue × 1.25). Give Uplift or Target, not both.
	Uplift money.Rate `json:"uplift,omitzero"`
	// Target lifts each developed partner to at least this revenue per
	// period (a target productivity); partners already above gain nothing.
	Target money.Amount `json:"target,omitzero"`
	// CostPerPartner is the enablement cost per developed partner.
	// Non-negative.
	CostPerPartner money.Amount `json:"cost_per_partner"`
	// Ramp phases the lift in over the horizon; the zero Ramp means
	// Immediate.
	Ramp Ramp `json:"ramp,omitzero"`
}

// Recruit describes recruiting new partners.
type Recruit struct {
	// Count is the number of recruits. Positive.
	Count int64 `json:"count"`
	// RecruitingCost is the cost per recruit of finding and signing it.
	// Non-negative.
	RecruitingCost money.Amount `json:"recruiting_cost"`
	// OnboardingCost is the cost per recruit of onboarding. Non-negative.
	OnboardingCost money.Amount `json:"onboarding_cost"`
	// ActivationCost is the cost per expected productive partner.
	// Non-negative.
	ActivationCost money.Amount `json:"activation_cost"`
	// ProductiveShare is the share of recruits that become productive, in
	// (0, 1].
	ProductiveShare money.Rate `json:"productive_share"`
	// RevenuePerPartner is the revenue per period of a fully productive new
	// partner. Positive.
	RevenuePerPartner money.Amount `json:"revenue_per_partner"`
	// Ramp is the new partners' productivity by tenure; the zero Ramp
	// means Immediate.
	Ramp Ramp `json:"ramp,omitzero"`
}

// Option is one side of the comparison over the horizon.
type Option struct {
	// Partners is the number of partners developed, or of recruits.
	Partners int64
	// Productive is the expected number of productive partners: Partners
	// when developing, Count × ProductiveShare (exact) when recruiting.
	Productive decimal.Decimal
	// Cost and Revenue (incremental, over the horizon) are rounded once,
	// half-even, to the currency's minor unit; Net is Revenue − Cost from
	// those rounded figures.
	Cost    money.Amount
	Revenue money.Amount
	Net     money.Amount
	// ReturnPerUnit is revenue per currency unit spent: the exact revenue
	// over the exact cost (Num and Den, before the rounding of Revenue and
	// Cost), unrounded.
	ReturnPerUnit Ratio
}

// Equal reports whether two options are equal.
func (o Option) Equal(p Option) bool {
	return o.Partners == p.Partners && o.Productive.Equal(p.Productive) && o.Cost.Equal(p.Cost) &&
		o.Revenue.Equal(p.Revenue) && o.Net.Equal(p.Net) && o.ReturnPerUnit.Equal(p.ReturnPerUnit)
}

// Comparison is the result of RecruitOrDevelop.
type Comparison struct {
	Horizon int
	Develop Option
	Recruit Option
	// Better compares the exact returns per currency unit.
	Better Choice
}

// Equal reports whether two comparisons are equal.
func (c Comparison) Equal(o Comparison) bool {
	return c.Horizon == o.Horizon && c.Develop.Equal(o.Develop) && c.Recruit.Equal(o.Recruit) && c.Better == o.Better
}

// RecruitOrDevelop compares, over horizon periods (the periods of the
// revenues in c), developing the next band of partners against recruiting
// new ones:
//
//	develop revenue = Σ gain_i × Develop.Ramp.Cumulative(horizon),
//	                  gain_i = x_i × Uplift, or max(0, Target − x_i)
//	develop cost    = CostPerPartner × band size
//	recruit revenue = Count × ProductiveShare × RevenuePerPartner × Recruit.Ramp.Cumulative(horizon)
//	recruit cost    = Count × (RecruitingCost + OnboardingCost) + Count × ProductiveShare × ActivationCost
//
// All figures are exact until the reported rounding (see Option). Every
// amount must be in c's currency. Errors: ErrEmpty (empty concentration,
// empty band, neither Uplift nor Target), ErrConflict (both), ErrRange
// (horizon < 1 or > MaxPeriods), ErrNonPositive (a total cost of zero, a
// non-positive count or revenue), ErrNegative, ErrShareRange, currency
// mismatches — *InputError values whose paths name the arguments as
// members: "/concentration", "/horizon", "/develop/uplift",
// "/recruit/productive_share".
func RecruitOrDevelop(c Concentration, d Develop, r Recruit, horizon int) (Comparison, error) {
	if c.N() == 0 {
		return Comparison{}, inputErr("/concentration", "", ErrEmpty)
	}
	cur := c.Currency()
	var l errList
	if horizon < 1 || horizon > MaxPeriods {
		l.add(inputErr("/horizon", strconv.Itoa(horizon), ErrRange))
	}
	d.check(&l, cur)
	r.check(&l, cur)
	if err := l.err(); err != nil {
		return Comparison{}, err
	}
	band, err := c.Next(d.Top, d.Next)
	if err != nil {
		return Comparison{}, err // unreachable: checked above
	}
	if len(band) == 0 {
		return Comparison{}, inputErr("/develop/next", d.Next.FormatFraction(), ErrEmpty)
	}
	devRev, devCost := d.figures(band, horizon)
	productive, recRev, recCost := r.figures(horizon)
	if devCost.Sign() <= 0 {
		l.add(inputErr("/develop/cost_per_partner", d.CostPerPartner.String(), ErrNonPositive))
	}
	if recCost.Sign() <= 0 {
		l.add(inputErr("/recruit/recruiting_cost", r.RecruitingCost.String(), ErrNonPositive))
	}
	if err := l.err(); err != nil {
		return Comparison{}, err
	}
	out := Comparison{Horizon: horizon}
	m := decimal.NewFromInt(int64(len(band)))
	if out.Develop, err = option("/develop", int64(len(band)), m, devRev, devCost, cur); err != nil {
		return Comparison{}, err
	}
	if out.Recruit, err = option("/recruit", r.Count, productive, recRev, recCost, cur); err != nil {
		return Comparison{}, err
	}
	switch out.Develop.ReturnPerUnit.Cmp(out.Recruit.ReturnPerUnit) { // exact: devRev·recCost vs recRev·devCost
	case 1:
		out.Better = ChooseDevelop
	case -1:
		out.Better = ChooseRecruit
	default:
		out.Better = ChooseEither
	}
	return out, nil
}

// hasTarget reports whether the development lifts to a target revenue
// (rather than by an uplift).
func (d Develop) hasTarget() bool { return d.Target.IsValid() || !d.Target.IsZero() }

// check validates the development side in currency cur; paths are under
// "/develop".
func (d Develop) check(l *errList, cur money.Currency) {
	checkFraction(l, "/develop/top", d.Top, true)
	checkShare(l, "/develop/next", d.Next)
	switch {
	case !checkDecimal(l, "/develop/uplift", d.Uplift.Fraction()):
	case !d.Uplift.IsZero() && d.hasTarget():
		l.add(inputErr("/develop/target", d.Target.String(), ErrConflict))
	case d.Uplift.Sign() > 0:
	case d.Uplift.Sign() < 0:
		l.add(inputErr("/develop/uplift", d.Uplift.FormatFraction(), ErrNonPositive))
	case d.hasTarget():
		checkAmount(l, "/develop/target", d.Target, cur, 1)
	default:
		l.add(inputErr("/develop/uplift", "", ErrEmpty))
	}
	checkAmount(l, "/develop/cost_per_partner", d.CostPerPartner, cur, 0)
	// A non-zero Ramp was validated when it was built; the zero one means
	// Immediate.
}

// figures returns the exact incremental revenue and cost of developing
// band over horizon periods.
func (d Develop) figures(band []PartnerRevenue, horizon int) (rev, cost decimal.Decimal) {
	var gain decimal.Decimal
	for _, p := range band {
		x := p.Revenue.Decimal()
		if d.hasTarget() {
			if g := d.Target.Decimal().Sub(x); g.Sign() > 0 {
				gain = gain.Add(g)
			}
		} else {
			gain = gain.Add(d.Uplift.Of(x))
		}
	}
	rev = gain.Mul(orImmediate(d.Ramp).Cumulative(horizon))
	cost = d.CostPerPartner.Decimal().Mul(decimal.NewFromInt(int64(len(band))))
	return rev, cost
}

// check validates the recruiting side in currency cur; paths are under
// "/recruit".
func (r Recruit) check(l *errList, cur money.Currency) {
	if r.Count <= 0 {
		l.add(inputErr("/recruit/count", strconv.FormatInt(r.Count, 10), ErrNonPositive))
	}
	checkAmount(l, "/recruit/recruiting_cost", r.RecruitingCost, cur, 0)
	checkAmount(l, "/recruit/onboarding_cost", r.OnboardingCost, cur, 0)
	checkAmount(l, "/recruit/activation_cost", r.ActivationCost, cur, 0)
	checkShare(l, "/recruit/productive_share", r.ProductiveShare)
	checkAmount(l, "/recruit/revenue_per_partner", r.RevenuePerPartner, cur, 1)
}

// figures returns the expected productive recruits and the exact
// incremental revenue and cost of recruiting over horizon periods.
func (r Recruit) figures(horizon int) (productive, rev, cost decimal.Decimal) {
	count := decimal.NewFromInt(r.Count)
	productive = r.ProductiveShare.Of(count)
	rev = productive.Mul(r.RevenuePerPartner.Decimal()).Mul(orImmediate(r.Ramp).Cumulative(horizon))
	cost = count.Mul(r.RecruitingCost.Decimal().Add(r.OnboardingCost.Decimal())).Add(productive.Mul(r.ActivationCost.Decimal()))
	return productive, rev, cost
}

func orImmediate(r Ramp) Ramp {
	if len(r.steps) == 0 {
		return Immediate()
	}
	return r
}

// option rounds one side's figures. A product of in-range inputs can leave
// the operating range (revenue × uplift × ramp): ErrRange at path.
func option(path string, partners int64, productive, rev, cost decimal.Decimal, cur money.Currency) (Option, error) {
	rr, err := money.Round(rev, cur.Digits(), money.HalfEven)
	if err != nil {
		return Option{}, stepErr(path, err)
	}
	rc, err := money.Round(cost, cur.Digits(), money.HalfEven)
	if err != nil {
		return Option{}, stepErr(path, err)
	}
	ret, err := ratio(path, rev, cost)
	if err != nil {
		return Option{}, err
	}
	return Option{
		Partners:      partners,
		Productive:    productive,
		Cost:          money.New(rc, cur),
		Revenue:       money.New(rr, cur),
		Net:           money.New(rr.Sub(rc), cur),
		ReturnPerUnit: ret,
	}, nil
}
