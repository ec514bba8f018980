package capacity

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Stage is one step of the recruiting funnel: Rate is the share of the
// previous stage's partners that reach this one (trained, active,
// engaged, …), in (0, 1].
type Stage struct {
	Name string
	Rate money.Rate
}

// Equal reports whether two stages have the same name and rate.
func (s Stage) Equal(o Stage) bool { return s.Name == o.Name && s.Rate.Equal(o.Rate) }

// Funnel turns recruited partners into productive (active) ones. It is
// either one productive share (Share: the seed's "80/20" is 20 %) or a list
// of stages whose rates multiply (Stages). The zero Funnel has no stages
// and is rejected (ErrEmpty).
type Funnel struct{ stages []Stage }

// Share returns the one-stage funnel in which a share productive of the
// recruits become productive. Its stage is named "productive".
func Share(productive money.Rate) Funnel {
	return Funnel{stages: []Stage{{Name: "productive", Rate: productive}}}
}

// Stages returns the funnel recruited → stages[0] → stages[1] → …; the last
// stage is the productive one. The slice is copied.
func Stages(stages ...Stage) Funnel { return Funnel{stages: slices.Clone(stages)} }

// Stages returns a copy of the funnel's stages.
func (f Funnel) Stages() []Stage { return slices.Clone(f.stages) }

// Share returns the productive share: the exact product of the stage rates.
func (f Funnel) Share() money.Rate {
	if len(f.stages) == 0 {
		return money.Rate{}
	}
	s := f.stages[0].Rate
	for _, st := range f.stages[1:] {
		s = s.Mul(st.Rate)
	}
	return s
}

// Equal reports whether two funnels have the same stages.
func (f Funnel) Equal(o Funnel) bool { return slices.EqualFunc(f.stages, o.stages, Stage.Equal) }

// Validate checks that the funnel has at least one stage, that names are
// non-empty and unique, and that every rate is in (0, 1]. Fields are named
// "Funnel", "Funnel.Stages[i].Name", "Funnel.Stages[i].Rate".
func (f Funnel) Validate() error {
	var l errList
	f.validate(&l, "Funnel")
	return l.err()
}

func (f Funnel) validate(l *errList, field string) {
	if len(f.stages) == 0 {
		l.add(inputErr(field, "", ErrEmpty))
		return
	}
	seen := make(map[string]bool, len(f.stages))
	for i, st := range f.stages {
		p := indexed(field+".Stages", i)
		switch {
		case st.Name == "":
			l.add(inputErr(p+".Name", "", ErrEmpty))
		case seen[st.Name]:
			l.add(inputErr(p+".Name", st.Name, ErrDuplicate))
		}
		seen[st.Name] = true
		checkShare(l, p+".Rate", st.Rate)
	}
}

// Model is the economics that link revenue to partners (DOMAIN.md §2,
// "doing the math"): every unit of subscription revenue needs ServiceRatio
// units of services revenue, delivered by consultants billing HourlyRate
// for BillableHours a year, ConsultantsPerPartner of them per active
// partner, and a Funnel from recruited to active partners.
type Model struct {
	// ServiceRatio is services revenue per unit of subscription revenue
	// (1:1 is 1). Positive.
	ServiceRatio decimal.Decimal
	// HourlyRate is the services price per billable hour. Positive; its
	// currency is the plan's currency.
	HourlyRate money.Amount
	// BillableHours is the billable hours per consultant per year (or per
	// whatever period the revenue target covers). Positive.
	BillableHours decimal.Decimal
	// ConsultantsPerPartner is the average number of consultants an active
	// partner fields. Positive; need not be whole.
	ConsultantsPerPartner decimal.Decimal
	// Funnel converts recruits into active partners.
	Funnel Funnel
}

// Equal reports whether two models have equal figures and funnels.
func (m Model) Equal(o Model) bool {
	return m.ServiceRatio.Equal(o.ServiceRatio) && m.HourlyRate.Equal(o.HourlyRate) &&
		m.BillableHours.Equal(o.BillableHours) && m.ConsultantsPerPartner.Equal(o.ConsultantsPerPartner) &&
		m.Funnel.Equal(o.Funnel)
}

// Validate checks every field and returns all problems joined, each an
// *InputError naming its field (ErrNonPositive, ErrInvalid, ErrShareRange,
// ErrEmpty, ErrDuplicate).
func (m Model) Validate() error {
	var l errList
	m.validate(&l)
	return l.err()
}

func (m Model) validate(l *errList) {
	checkPositive(l, "ServiceRatio", m.ServiceRatio)
	checkAmount(l, "HourlyRate", m.HourlyRate, money.Currency{}, 1)
	checkPositive(l, "BillableHours", m.BillableHours)
	checkPositive(l, "ConsultantsPerPartner", m.ConsultantsPerPartner)
	m.Funnel.validate(l, "Funnel")
}

// StageCount is the expected number of partners reaching one funnel stage.
type StageCount struct {
	Name string
	// Rate is the conversion from the previous stage (1 for "recruited").
	Rate money.Rate
	// Cumulative is the share of recruits that reach this stage: the exact
	// product of the rates so far.
	Cumulative money.Rate
	// Expected is Recruits × Cumulative, exact and not rounded: an expected
	// head count, which may be fractional at intermediate stages.
	Expected decimal.Decimal
}

// Equal reports whether two stage counts are equal.
func (s StageCount) Equal(o StageCount) bool {
	return s.Name == o.Name && s.Rate.Equal(o.Rate) && s.Cumulative.Equal(o.Cumulative) && s.Expected.Equal(o.Expected)
}

// Requirement is the funnel worked forward from a revenue target, every
// intermediate figure included.
type Requirement struct {
	// Target is the subscription revenue target.
	Target money.Amount
	// ServicesRevenue is Target × ServiceRatio, exact.
	ServicesRevenue money.Amount
	// RevenuePerConsultant is HourlyRate × BillableHours, exact.
	RevenuePerConsultant money.Amount
	// Consultants is ⌈ServicesRevenue / RevenuePerConsultant⌉.
	Consultants int64
	// ActivePartners is ⌈Consultants / ConsultantsPerPartner⌉, from the
	// rounded Consultants.
	ActivePartners int64
	// ProductiveShare is the funnel's share (product of its stage rates).
	ProductiveShare money.Rate
	// Recruits is ⌈ActivePartners / ProductiveShare⌉.
	Recruits int64
	// Stages starts with "recruited" (Expected = Recruits) and then lists
	// each funnel stage with its expected count.
	Stages []StageCount
}

// Equal reports whether two requirements are equal figure by figure.
func (r Requirement) Equal(o Requirement) bool {
	return r.Target.Equal(o.Target) && r.ServicesRevenue.Equal(o.ServicesRevenue) &&
		r.RevenuePerConsultant.Equal(o.RevenuePerConsultant) && r.Consultants == o.Consultants &&
		r.ActivePartners == o.ActivePartners && r.ProductiveShare.Equal(o.ProductiveShare) &&
		r.Recruits == o.Recruits && slices.EqualFunc(r.Stages, o.Stages, StageCount.Equal)
}

// Required works the funnel forward from a subscription revenue target:
//
//	services    = target × ServiceRatio                              (exact)
//	consultants = ⌈services / (HourlyRate × BillableHours)⌉          (one money.Div, Ceiling)
//	active      = ⌈consultants / ConsultantsPerPartner⌉              (from the rounded consultants)
//	recruits    = ⌈active / productive share⌉                        (share = product of stage rates)
//
// People are whole: each count is rounded up (money.Ceiling) exactly once,
// from the exact quotient, and the rounded count feeds the next step (you
// cannot place half a consultant with a partner). With an integer
// ConsultantsPerPartner this equals rounding the exact chain once; with a
// fractional one it can need one partner more. The stage counts are the
// expected numbers Recruits × cumulative rate, not rounded.
//
// target must be non-negative and in HourlyRate's currency
// (money.ErrCurrencyMismatch otherwise). Errors are *InputError values
// naming the field, joined.
func Required(m Model, target money.Amount) (Requirement, error) {
	var l errList
	m.validate(&l)
	if m.HourlyRate.IsValid() {
		checkAmount(&l, "Target", target, m.HourlyRate.Currency(), 0)
	} else {
		checkAmount(&l, "Target", target, money.Currency{}, 0)
	}
	if err := l.err(); err != nil {
		return Requirement{}, err
	}
	perConsultant := m.HourlyRate.Mul(m.BillableHours)
	services := target.Mul(m.ServiceRatio)
	share := m.Funnel.Share()
	r := Requirement{
		Target:               target,
		ServicesRevenue:      services,
		RevenuePerConsultant: perConsultant,
		ProductiveShare:      share,
	}
	// Each step is one money.Div, Ceiling; an intermediate figure outside
	// the operating range or beyond int64 is ErrRange on the field that
	// drives the step.
	consultants, err := ceilDiv("Target", services.Decimal(), perConsultant.Decimal())
	if err == nil {
		r.Consultants, err = toCount("Target", consultants)
	}
	if err != nil {
		return Requirement{}, err
	}
	active, err := ceilDiv("ConsultantsPerPartner", consultants, m.ConsultantsPerPartner)
	if err == nil {
		r.ActivePartners, err = toCount("ConsultantsPerPartner", active)
	}
	if err != nil {
		return Requirement{}, err
	}
	recruits, err := ceilDiv("Funnel", active, share.Fraction())
	if err == nil {
		r.Recruits, err = toCount("Funnel", recruits)
	}
	if err != nil {
		return Requirement{}, err
	}
	r.Stages = stageCounts(m.Funnel, recruits)
	return r, nil
}

func stageCounts(f Funnel, recruits decimal.Decimal) []StageCount {
	out := make([]StageCount, 0, len(f.stages)+1)
	cum := money.RateFromFraction(one())
	out = append(out, StageCount{Name: "recruited", Rate: cum, Cumulative: cum, Expected: recruits})
	for _, st := range f.stages {
		cum = cum.Mul(st.Rate)
		out = append(out, StageCount{Name: st.Name, Rate: st.Rate, Cumulative: cum, Expected: cum.Of(recruits)})
	}
	return out
}

// Support is the revenue a partner base can carry: the funnel worked
// backwards. Counts are rounded down (you cannot count on a fraction of a
// partner or consultant).
type Support struct {
	// Recruits is the recruit count given to SupportedByRecruits, or 0 for
	// SupportedByPartners.
	Recruits int64
	// ActivePartners is ⌊Recruits × productive share⌋, or the count given.
	ActivePartners int64
	// Consultants is ⌊ActivePartners × ConsultantsPerPartner⌋.
	Consultants int64
	// ServicesRevenue is Consultants × HourlyRate × BillableHours, exact.
	ServicesRevenue money.Amount
	// Revenue is ServicesRevenue / ServiceRatio, rounded down (money.Floor)
	// to the currency's minor unit in one money.Div: the subscription
	// revenue the base supports.
	Revenue money.Amount
}

// Equal reports whether two supports are equal figure by figure.
func (s Support) Equal(o Support) bool {
	return s.Recruits == o.Recruits && s.ActivePartners == o.ActivePartners && s.Consultants == o.Consultants &&
		s.ServicesRevenue.Equal(o.ServicesRevenue) && s.Revenue.Equal(o.Revenue)
}

// SupportedByPartners returns the subscription revenue that active partners
// can support under m: consultants = ⌊active × ConsultantsPerPartner⌋,
// services = consultants × HourlyRate × BillableHours, revenue =
// ⌊services / ServiceRatio⌋ to the minor unit. It is the inverse of
// Required: the ActivePartners that Required asks for always support at
// least the target (when the target is a whole number of minor units).
// active must be non-negative (ErrNegative).
func SupportedByPartners(m Model, active int64) (Support, error) {
	var l errList
	m.validate(&l)
	if active < 0 {
		l.add(inputErr("ActivePartners", decimal.NewFromInt(active).String(), ErrNegative))
	}
	if err := l.err(); err != nil {
		return Support{}, err
	}
	return supported(m, 0, active)
}

// SupportedByRecruits is SupportedByPartners for a number of recruits: the
// active partners are ⌊recruits × productive share⌋ (the expected count,
// rounded down). recruits must be non-negative (ErrNegative).
func SupportedByRecruits(m Model, recruits int64) (Support, error) {
	var l errList
	m.validate(&l)
	if recruits < 0 {
		l.add(inputErr("Recruits", decimal.NewFromInt(recruits).String(), ErrNegative))
	}
	if err := l.err(); err != nil {
		return Support{}, err
	}
	active, err := roundInt("Funnel", m.Funnel.Share().Of(decimal.NewFromInt(recruits)), money.Floor)
	if err != nil {
		return Support{}, err
	}
	return supported(m, recruits, active.IntPart()) // ≤ recruits: fits
}

func supported(m Model, recruits, active int64) (Support, error) {
	c, err := roundInt("ConsultantsPerPartner", m.ConsultantsPerPartner.Mul(decimal.NewFromInt(active)), money.Floor)
	if err != nil {
		return Support{}, err
	}
	consultants, err := toCount("ConsultantsPerPartner", c)
	if err != nil {
		return Support{}, err
	}
	cur := m.HourlyRate.Currency()
	services := m.HourlyRate.Mul(m.BillableHours).Mul(decimal.NewFromInt(consultants))
	rev, err := money.Div(services.Decimal(), m.ServiceRatio, cur.Digits(), money.Floor)
	if err != nil {
		return Support{}, stepErr("ServiceRatio", err)
	}
	return Support{
		Recruits:        recruits,
		ActivePartners:  active,
		Consultants:     consultants,
		ServicesRevenue: services,
		Revenue:         money.New(rev, cur),
	}, nil
}
