package capacity

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// FunnelStage is one step of the recruiting funnel: Rate is the share of
// the previous stage's partners that reach this one (trained, active,
// engaged, …), in (0, 1].
type FunnelStage struct {
	// Name names the stage. Non-empty, unique within the funnel.
	Name string `json:"name"`
	// Rate is the conversion from the previous stage, in (0, 1].
	Rate money.Rate `json:"rate"`
}

// Equal reports whether two stages have the same name and rate.
func (s FunnelStage) Equal(o FunnelStage) bool { return s.Name == o.Name && s.Rate.Equal(o.Rate) }

// Funnel turns recruited partners into productive (active) ones: a list of
// stages whose rates multiply, recruited → Stages[0] → Stages[1] → …, the
// last stage being the productive one. Share builds the one-stage funnel
// of a single productive share (the "80/20" rule of thumb is 20 %). The
// zero Funnel has no stages: a model without a funnel (see ModelSpec).
// Its JSON form is {"stages":[{"name":"trained","rate":"50%"},…]}.
type Funnel struct {
	// Stages are the funnel's stages in order.
	Stages []FunnelStage `json:"stages"`
}

// Share returns the one-stage funnel in which a share productive of the
// recruits become productive. Its stage is named "productive".
func Share(productive money.Rate) Funnel {
	return Funnel{Stages: []FunnelStage{{Name: "productive", Rate: productive}}}
}

// Stages returns the funnel recruited → stages[0] → stages[1] → …; the last
// stage is the productive one. The slice is copied.
func Stages(stages ...FunnelStage) Funnel { return Funnel{Stages: slices.Clone(stages)} }

// Share returns the productive share: the exact product of the stage rates
// (zero for a funnel without stages).
func (f Funnel) Share() money.Rate {
	if len(f.Stages) == 0 {
		return money.Rate{}
	}
	s := f.Stages[0].Rate
	for _, st := range f.Stages[1:] {
		s = s.Mul(st.Rate)
	}
	return s
}

// Equal reports whether two funnels have the same stages.
func (f Funnel) Equal(o Funnel) bool { return slices.EqualFunc(f.Stages, o.Stages, FunnelStage.Equal) }

// Validate checks that the funnel has at least one stage, that names are
// non-empty and unique, and that every rate is in (0, 1]. Paths are
// relative to the funnel's JSON form: "" (no stages),
// "/stages/i/name", "/stages/i/rate".
func (f Funnel) Validate() error {
	var l errList
	f.validate(&l, "")
	return l.err()
}

func (f Funnel) validate(l *errList, at field.Path) {
	if len(f.Stages) == 0 {
		l.add(inputErr(string(at), "", ErrEmpty))
		return
	}
	seen := make(map[string]bool, len(f.Stages))
	for i, st := range f.Stages {
		p := at.Key("stages").Index(i)
		switch {
		case st.Name == "":
			l.add(inputErr(string(p.Key("name")), "", ErrEmpty))
		case seen[st.Name]:
			l.add(inputErr(string(p.Key("name")), st.Name, ErrDuplicate))
		}
		seen[st.Name] = true
		checkShare(l, string(p.Key("rate")), st.Rate)
	}
}

// ModelSpec is the open form of a Model, and its JSON form: the economics
// that link revenue to partners. Every unit of subscription revenue needs
// ServiceRatio units of services revenue, delivered by consultants billing
// HourlyRate for BillableHours a year, ConsultantsPerPartner of them per
// active partner, and a Funnel from recruited to active partners. New
// validates it into a Model.
//
//	{"service_ratio":"1","hourly_rate":"200.00 USD","billable_hours":"1000",
//	 "consultants_per_partner":"5","funnel":{"stages":[{"name":"productive","rate":"20%"}]}}
type ModelSpec struct {
	// ServiceRatio is services revenue per unit of subscription revenue
	// (1:1 is 1). Positive.
	ServiceRatio decimal.Decimal `json:"service_ratio"`
	// HourlyRate is the services price per billable hour. Positive; its
	// currency is the plan's currency.
	HourlyRate money.Amount `json:"hourly_rate"`
	// BillableHours is the billable hours per consultant per year (or per
	// whatever period the revenue target covers). Positive.
	BillableHours decimal.Decimal `json:"billable_hours"`
	// ConsultantsPerPartner is the average number of consultants an active
	// partner fields. Positive; need not be whole.
	ConsultantsPerPartner decimal.Decimal `json:"consultants_per_partner"`
	// Funnel converts recruits into active partners. It is optional: a
	// model without stages (the zero Funnel) answers SupportedByPartners,
	// while Required and SupportedByRecruits reject it (ErrEmpty,
	// "/funnel").
	Funnel Funnel `json:"funnel,omitzero"`
}

// Equal reports whether two specs have equal figures and funnels.
func (s ModelSpec) Equal(o ModelSpec) bool {
	return s.ServiceRatio.Equal(o.ServiceRatio) && s.HourlyRate.Equal(o.HourlyRate) &&
		s.BillableHours.Equal(o.BillableHours) && s.ConsultantsPerPartner.Equal(o.ConsultantsPerPartner) &&
		s.Funnel.Equal(o.Funnel)
}

func (s ModelSpec) validate(l *errList) {
	checkPositive(l, "/service_ratio", s.ServiceRatio)
	checkAmount(l, "/hourly_rate", s.HourlyRate, money.Currency{}, 1)
	checkPositive(l, "/billable_hours", s.BillableHours)
	checkPositive(l, "/consultants_per_partner", s.ConsultantsPerPartner)
	if len(s.Funnel.Stages) > 0 {
		s.Funnel.validate(l, "/funnel")
	}
}

// Model is a validated ModelSpec: build it with New, ParseModel or
// MustParseModel, then evaluate it any number of times with Required,
// SupportedByPartners and SupportedByRecruits, which do not validate it
// again. It is an immutable value. The zero Model is not valid (IsValid
// is false) and every evaluation rejects it.
type Model struct {
	spec          ModelSpec
	perConsultant money.Amount // HourlyRate × BillableHours, exact
	share         money.Rate   // the funnel's productive share
}

// Limits of ParseModel.
const (
	// MaxModelBytes is the largest model document ParseModel reads.
	MaxModelBytes = 64 << 10
	// MaxModelDepth is the deepest nesting of objects and arrays in a
	// model document: the model, its funnel, the stages array and a stage
	// (/funnel/stages/i/rate).
	MaxModelDepth = 4
)

// New validates spec and returns the Model. Every problem is reported at
// once, joined (at most 16), each an *InputError with the JSON Pointer of
// its field: "/service_ratio", "/hourly_rate", "/billable_hours",
// "/consultants_per_partner" (ErrNonPositive, ErrInvalid for a missing
// hourly rate, ErrRange outside money's operating range) and
// "/funnel/stages/i/name" or "/funnel/stages/i/rate" (ErrEmpty,
// ErrDuplicate, ErrShareRange). The funnel's stages are copied.
func New(spec ModelSpec) (Model, error) {
	var l errList
	spec.validate(&l)
	if err := l.err(); err != nil {
		return Model{}, err
	}
	spec.Funnel.Stages = slices.Clone(spec.Funnel.Stages)
	return Model{
		spec:          spec,
		perConsultant: spec.HourlyRate.Mul(spec.BillableHours),
		share:         spec.Funnel.Share(),
	}, nil
}

// ParseModel decodes a model document strictly and validates it as New
// does. Unknown or duplicate members, null, JSON numbers where decimals,
// amounts or rates (strings) are expected, documents over MaxModelBytes or
// nested deeper than MaxModelDepth fail with an *InputError whose Path is
// the JSON Pointer of the offending value and which unwraps to
// ErrInvalid and to the *strictjson.Error (errors.Is(err,
// strictjson.ErrUnknownField) works).
func ParseModel(data []byte) (Model, error) {
	var spec ModelSpec
	if err := strictjson.Unmarshal(data, &spec, strictjson.Limits{MaxBytes: MaxModelBytes, MaxDepth: MaxModelDepth}, strictjson.RatesWithUnit()); err != nil {
		return Model{}, decodeErr(err)
	}
	return New(spec)
}

// MustParseModel is ParseModel that panics on error, for literals in
// tests and examples.
func MustParseModel(data string) Model {
	m, err := ParseModel([]byte(data))
	if err != nil {
		panic(err)
	}
	return m
}

// decodeErr turns a strictjson failure into an *InputError at the
// failure's path that matches ErrInvalid and the strictjson sentinel.
func decodeErr(err error) error {
	if se, ok := err.(*strictjson.Error); ok {
		return &InputError{Path: se.Path, Err: decodeFailure{se}}
	}
	return &InputError{Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
}

// decodeFailure is a strictjson error without its path (the InputError
// carries it), matching ErrInvalid too.
type decodeFailure struct{ se *strictjson.Error }

// Error returns the failure's kind and, when it says more than the path,
// its cause (strictjson's Reason).
func (d decodeFailure) Error() string { return "invalid document: " + d.se.Reason() }

func (d decodeFailure) Unwrap() []error { return []error{ErrInvalid, d.se} }

// IsValid reports whether m was built by New, ParseModel or
// MustParseModel.
func (m Model) IsValid() bool { return m.spec.HourlyRate.IsValid() }

// Spec returns the open form of m (its funnel's stages copied).
func (m Model) Spec() ModelSpec {
	s := m.spec
	s.Funnel.Stages = slices.Clone(s.Funnel.Stages)
	return s
}

// ServiceRatio returns services revenue per unit of subscription revenue.
func (m Model) ServiceRatio() decimal.Decimal { return m.spec.ServiceRatio }

// HourlyRate returns the services price per billable hour.
func (m Model) HourlyRate() money.Amount { return m.spec.HourlyRate }

// BillableHours returns the billable hours per consultant.
func (m Model) BillableHours() decimal.Decimal { return m.spec.BillableHours }

// ConsultantsPerPartner returns the consultants per active partner.
func (m Model) ConsultantsPerPartner() decimal.Decimal { return m.spec.ConsultantsPerPartner }

// Funnel returns a copy of the model's funnel (the zero Funnel if it has
// none).
func (m Model) Funnel() Funnel { return Stages(m.spec.Funnel.Stages...) }

// Currency returns the currency of the hourly rate: the currency of every
// amount the model computes.
func (m Model) Currency() money.Currency { return m.spec.HourlyRate.Currency() }

// Equal reports whether two models have equal specs.
func (m Model) Equal(o Model) bool { return m.spec.Equal(o.spec) }

// MarshalJSON encodes the model's spec with strictjson: snake_case
// members, decimals, amounts and rates as strings, a model without a
// funnel without the "funnel" member. The zero Model fails.
func (m Model) MarshalJSON() ([]byte, error) {
	if !m.IsValid() {
		return nil, errNoModel()
	}
	return strictjson.Marshal(m.spec, strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParseModel. On error m is unchanged.
func (m *Model) UnmarshalJSON(data []byte) error {
	v, err := ParseModel(data)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// errNoModel reports the zero Model, at the root of the model document.
func errNoModel() error {
	return &InputError{Err: fmt.Errorf("%w: no model (build one with New or ParseModel)", ErrEmpty)}
}

// check reports the zero Model and, when needFunnel, a model without a
// funnel.
func (m Model) check(l *errList, needFunnel bool) {
	switch {
	case !m.IsValid():
		l.add(errNoModel())
	case needFunnel && len(m.spec.Funnel.Stages) == 0:
		l.add(inputErr("/funnel", "", ErrEmpty))
	}
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

// Sizing is the funnel worked forward from a revenue target, every
// intermediate figure included.
type Sizing struct {
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

// Equal reports whether two sizings are equal figure by figure.
func (r Sizing) Equal(o Sizing) bool {
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
// (money.ErrCurrencyMismatch otherwise), path "/target"; m must be a
// valid Model with a funnel (ErrEmpty, path "" or "/funnel"). A figure
// too large for the operating range or int64 is ErrRange on the input
// that drives its step ("/target", "/consultants_per_partner",
// "/funnel"). Errors are *InputError values, joined.
func Required(m Model, target money.Amount) (Sizing, error) {
	var l errList
	m.check(&l, true)
	checkAmount(&l, "/target", target, m.Currency(), 0)
	if err := l.err(); err != nil {
		return Sizing{}, err
	}
	r := Sizing{
		Target:               target,
		ServicesRevenue:      target.Mul(m.spec.ServiceRatio),
		RevenuePerConsultant: m.perConsultant,
		ProductiveShare:      m.share,
	}
	// Each step is one money.Div, Ceiling; an intermediate figure outside
	// the operating range or beyond int64 is ErrRange on the input that
	// drives the step.
	consultants, err := ceilCount("/target", r.ServicesRevenue.Decimal(), m.perConsultant.Decimal(), &r.Consultants)
	if err != nil {
		return Sizing{}, err
	}
	active, err := ceilCount("/consultants_per_partner", consultants, m.spec.ConsultantsPerPartner, &r.ActivePartners)
	if err != nil {
		return Sizing{}, err
	}
	recruits, err := ceilCount("/funnel", active, m.share.Fraction(), &r.Recruits)
	if err != nil {
		return Sizing{}, err
	}
	r.Stages = stageCounts(m.spec.Funnel, recruits)
	return r, nil
}

// ceilCount sets *n to ⌈a/b⌉ (one money.Div, Ceiling) and returns it as a
// decimal, or ErrRange at path when it leaves the operating range or
// int64.
func ceilCount(path string, a, b decimal.Decimal, n *int64) (decimal.Decimal, error) {
	q, err := ceilDiv(path, a, b)
	if err == nil {
		*n, err = toCount(path, q)
	}
	return q, err
}

func stageCounts(f Funnel, recruits decimal.Decimal) []StageCount {
	out := make([]StageCount, 0, len(f.Stages)+1)
	cum := money.RateFromFraction(one())
	out = append(out, StageCount{Name: "recruited", Rate: cum, Cumulative: cum, Expected: recruits})
	for _, st := range f.Stages {
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
// It does not read the funnel, so a model without one is accepted. active
// must be non-negative (ErrNegative, path "/active_partners").
func SupportedByPartners(m Model, active int64) (Support, error) {
	var l errList
	m.check(&l, false)
	if active < 0 {
		l.add(inputErr("/active_partners", decimal.NewFromInt(active).String(), ErrNegative))
	}
	if err := l.err(); err != nil {
		return Support{}, err
	}
	return supported(m, 0, active)
}

// SupportedByRecruits is SupportedByPartners for a number of recruits: the
// active partners are ⌊recruits × productive share⌋ (the expected count,
// rounded down). m must have a funnel (ErrEmpty, "/funnel"); recruits must
// be non-negative (ErrNegative, path "/recruits").
func SupportedByRecruits(m Model, recruits int64) (Support, error) {
	var l errList
	m.check(&l, true)
	if recruits < 0 {
		l.add(inputErr("/recruits", decimal.NewFromInt(recruits).String(), ErrNegative))
	}
	if err := l.err(); err != nil {
		return Support{}, err
	}
	active, err := roundInt("/funnel", m.share.Of(decimal.NewFromInt(recruits)), money.Floor)
	if err != nil {
		return Support{}, err
	}
	return supported(m, recruits, active.IntPart()) // ≤ recruits: fits
}

func supported(m Model, recruits, active int64) (Support, error) {
	c, err := roundInt("/consultants_per_partner", m.spec.ConsultantsPerPartner.Mul(decimal.NewFromInt(active)), money.Floor)
	if err != nil {
		return Support{}, err
	}
	consultants, err := toCount("/consultants_per_partner", c)
	if err != nil {
		return Support{}, err
	}
	cur := m.Currency()
	services := m.perConsultant.Mul(decimal.NewFromInt(consultants))
	rev, err := money.Div(services.Decimal(), m.spec.ServiceRatio, cur.Digits(), money.Floor)
	if err != nil {
		return Support{}, stepErr("/service_ratio", err)
	}
	return Support{
		Recruits:        recruits,
		ActivePartners:  active,
		Consultants:     consultants,
		ServicesRevenue: services,
		Revenue:         money.New(rev, cur),
	}, nil
}
