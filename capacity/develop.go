package capacity

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Choice is the better option of a recruit-or-develop comparison.
type Choice uint8

// Choices. The zero value is ChoiceUnspecified.
const (
	// ChoiceUnspecified is the zero value; it never appears in a result
	// and MarshalText rejects it.
	ChoiceUnspecified Choice = iota
	// ChooseDevelop: developing the next band returns more per currency
	// unit spent.
	ChooseDevelop
	// ChooseRecruit: recruiting returns more per currency unit spent.
	ChooseRecruit
	// ChooseEither: both return exactly the same per currency unit.
	ChooseEither
)

// String returns "develop", "recruit", "either" or "unspecified".
func (c Choice) String() string {
	switch c {
	case ChoiceUnspecified:
		return "unspecified"
	case ChooseDevelop:
		return "develop"
	case ChooseRecruit:
		return "recruit"
	case ChooseEither:
		return "either"
	}
	return fmt.Sprintf("Choice(%d)", uint8(c))
}

// IsValid reports whether c is a named choice other than
// ChoiceUnspecified.
func (c Choice) IsValid() bool { return c >= ChooseDevelop && c <= ChooseEither }

// MarshalText returns the choice name; an invalid choice fails with
// ErrInvalid.
func (c Choice) MarshalText() ([]byte, error) {
	if !c.IsValid() {
		return nil, inputErr("Choice", c.String(), ErrInvalid)
	}
	return []byte(c.String()), nil
}

// UnmarshalText parses a choice name written by MarshalText.
func (c *Choice) UnmarshalText(b []byte) error {
	for v := ChooseDevelop; v <= ChooseEither; v++ {
		if v.String() == string(b) {
			*c = v
			return nil
		}
	}
	return inputErr("Choice", string(b), ErrInvalid)
}

// Develop describes lifting "the next" partners: those ranked just below
// the top (see Concentration.Next).
type Develop struct {
	// Top is the share of partners at the top left alone, in [0, 1), e.g.
	// 20 %.
	Top money.Rate
	// Next is the share of partners developed, in (0, 1], e.g. 20 %.
	Next money.Rate
	// Uplift is the relative revenue lift per developed partner (25 %:
	// revenue × 1.25). Give Uplift or Target, not both.
	Uplift money.Rate
	// Target lifts each developed partner to at least this revenue per
	// period (a target productivity); partners already above gain nothing.
	Target money.Amount
	// CostPerPartner is the enablement cost per developed partner.
	// Non-negative.
	CostPerPartner money.Amount
	// Ramp phases the lift in over the horizon; the zero Ramp means
	// Immediate.
	Ramp Ramp
}

// Recruit describes recruiting new partners.
type Recruit struct {
	// Count is the number of recruits. Positive.
	Count int64
	// RecruitingCost and OnboardingCost are per recruit; ActivationCost is
	// per expected productive partner. Non-negative.
	RecruitingCost money.Amount
	OnboardingCost money.Amount
	ActivationCost money.Amount
	// ProductiveShare is the share of recruits that become productive, in
	// (0, 1].
	ProductiveShare money.Rate
	// RevenuePerPartner is the revenue per period of a fully productive new
	// partner. Positive.
	RevenuePerPartner money.Amount
	// Ramp is the new partners' productivity by tenure; the zero Ramp
	// means Immediate.
	Ramp Ramp
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
// new ones (DOMAIN.md §2d):
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
// mismatches — *InputError values naming "Develop.X" or "Recruit.X".
func RecruitOrDevelop(c Concentration, d Develop, r Recruit, horizon int) (Comparison, error) {
	if c.N() == 0 {
		return Comparison{}, inputErr("Concentration", "", ErrEmpty)
	}
	cur := c.Currency()
	var l errList
	if horizon < 1 || horizon > MaxPeriods {
		l.add(inputErr("Horizon", strconv.Itoa(horizon), ErrRange))
	}
	checkFraction(&l, "Develop.Top", d.Top, true)
	checkShare(&l, "Develop.Next", d.Next)
	hasTarget := d.Target.IsValid() || !d.Target.IsZero()
	switch {
	case !checkDecimal(&l, "Develop.Uplift", d.Uplift.Fraction()):
	case !d.Uplift.IsZero() && hasTarget:
		l.add(inputErr("Develop.Target", d.Target.String(), ErrConflict))
	case d.Uplift.Sign() > 0:
	case d.Uplift.Sign() < 0:
		l.add(inputErr("Develop.Uplift", d.Uplift.FormatFraction(), ErrNonPositive))
	case hasTarget:
		checkAmount(&l, "Develop.Target", d.Target, cur, 1)
	default:
		l.add(inputErr("Develop.Uplift", "", ErrEmpty))
	}
	checkAmount(&l, "Develop.CostPerPartner", d.CostPerPartner, cur, 0)
	devRamp := orImmediate(d.Ramp)
	devRamp.validate(&l, "Develop.Ramp")

	if r.Count <= 0 {
		l.add(inputErr("Recruit.Count", strconv.FormatInt(r.Count, 10), ErrNonPositive))
	}
	checkAmount(&l, "Recruit.RecruitingCost", r.RecruitingCost, cur, 0)
	checkAmount(&l, "Recruit.OnboardingCost", r.OnboardingCost, cur, 0)
	checkAmount(&l, "Recruit.ActivationCost", r.ActivationCost, cur, 0)
	checkShare(&l, "Recruit.ProductiveShare", r.ProductiveShare)
	checkAmount(&l, "Recruit.RevenuePerPartner", r.RevenuePerPartner, cur, 1)
	recRamp := orImmediate(r.Ramp)
	recRamp.validate(&l, "Recruit.Ramp")
	if err := l.err(); err != nil {
		return Comparison{}, err
	}

	band, err := c.Next(d.Top, d.Next)
	if err != nil {
		return Comparison{}, err // unreachable: checked above
	}
	if len(band) == 0 {
		return Comparison{}, inputErr("Develop.Next", d.Next.FormatFraction(), ErrEmpty)
	}
	var gain decimal.Decimal
	for _, p := range band {
		x := p.Revenue.Decimal()
		if hasTarget {
			if g := d.Target.Decimal().Sub(x); g.Sign() > 0 {
				gain = gain.Add(g)
			}
		} else {
			gain = gain.Add(d.Uplift.Of(x))
		}
	}
	m := decimal.NewFromInt(int64(len(band)))
	devRev := gain.Mul(devRamp.Cumulative(horizon))
	devCost := d.CostPerPartner.Decimal().Mul(m)

	count := decimal.NewFromInt(r.Count)
	productive := r.ProductiveShare.Of(count)
	recRev := productive.Mul(r.RevenuePerPartner.Decimal()).Mul(recRamp.Cumulative(horizon))
	recCost := count.Mul(r.RecruitingCost.Decimal().Add(r.OnboardingCost.Decimal())).Add(productive.Mul(r.ActivationCost.Decimal()))

	if devCost.Sign() <= 0 {
		l.add(inputErr("Develop.CostPerPartner", d.CostPerPartner.String(), ErrNonPositive))
	}
	if recCost.Sign() <= 0 {
		l.add(inputErr("Recruit.RecruitingCost", r.RecruitingCost.String(), ErrNonPositive))
	}
	if err := l.err(); err != nil {
		return Comparison{}, err
	}
	out := Comparison{Horizon: horizon}
	if out.Develop, err = option("Develop", int64(len(band)), m, devRev, devCost, cur); err != nil {
		return Comparison{}, err
	}
	if out.Recruit, err = option("Recruit", r.Count, productive, recRev, recCost, cur); err != nil {
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

func orImmediate(r Ramp) Ramp {
	if len(r.steps) == 0 {
		return Immediate()
	}
	return r
}

// option rounds one side's figures. A product of in-range inputs can leave
// the operating range (revenue × uplift × ramp): ErrRange on field.
func option(field string, partners int64, productive, rev, cost decimal.Decimal, cur money.Currency) (Option, error) {
	rr, err := money.Round(rev, cur.Digits(), money.HalfEven)
	if err != nil {
		return Option{}, stepErr(field, err)
	}
	rc, err := money.Round(cost, cur.Digits(), money.HalfEven)
	if err != nil {
		return Option{}, stepErr(field, err)
	}
	ret, err := ratio(field, rev, cost)
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
