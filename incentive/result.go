package incentive

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// Result is the evaluation of a plan over one period: one Line per
// recipient × component version with at least one eligible transaction,
// sorted by recipient ID, recipient kind, component ID and effective date.
type Result struct {
	Plan         string
	PlanVersion  string
	PlanHash     string
	Period       Period
	Currency     money.Currency
	Lines        []Line
	Transactions int64 // transactions in the period
	Skipped      int64 // transactions dated outside the period
}

// Total returns the sum of all lines (exact: lines are already rounded).
func (r Result) Total() decimal.Decimal {
	var t decimal.Decimal
	for _, l := range r.Lines {
		t = t.Add(l.Amount())
	}
	return t
}

// TotalFor returns the sum of rec's lines.
func (r Result) TotalFor(rec Recipient) decimal.Decimal {
	var t decimal.Decimal
	for _, l := range r.Lines {
		if l.Recipient() == rec {
			t = t.Add(l.Amount())
		}
	}
	return t
}

// Line returns the line that pays rec for the component with the given
// ID, and whether there is one. A component whose version changed within
// the period pays rec one line per version; Line returns the first of
// them (the earliest effective) and Lines lists them all.
func (r Result) Line(rec Recipient, component string) (Line, bool) {
	for _, l := range r.Lines {
		if l.Recipient() == rec && l.Component() == component {
			return l, true
		}
	}
	return Line{}, false
}

// Equal reports whether r and o have the same plan (by hash, which
// determines Plan and PlanVersion), period and lines.
func (r Result) Equal(o Result) bool {
	if r.PlanHash != o.PlanHash || !r.Period.Equal(o.Period) || r.Currency != o.Currency ||
		r.Transactions != o.Transactions || r.Skipped != o.Skipped || len(r.Lines) != len(o.Lines) {
		return false
	}
	for i := range r.Lines {
		if !r.Lines[i].Equal(o.Lines[i]) {
			return false
		}
	}
	return true
}

// MarshalJSON encodes the result with every line's trace.
func (r Result) MarshalJSON() ([]byte, error) {
	// About 1.1 KB a line with its trace.
	return appendOr(256+1200*len(r.Lines), r.writeTo, r.marshalStrict)
}

// writeTo appends the result's object, as marshalStrict writes it.
func (r Result) writeTo(w *fieldWriter) {
	w.open(false)
	w.str("plan", r.Plan)
	w.str("plan_version", r.PlanVersion)
	w.str("plan_hash", r.PlanHash)
	w.str("period", r.Period.ID)
	w.text("currency", r.Currency)
	w.int("transactions", r.Transactions)
	w.int("skipped", r.Skipped)
	w.dec("total", r.Total())
	w.name("lines")
	w.open(true)
	for _, l := range r.Lines {
		if w.err != nil {
			return
		}
		w.elem()
		l.writeTo(w)
	}
	w.close(true)
	w.close(false)
}

// marshalStrict is MarshalJSON through strictjson, each line written to
// its Encoder (Line.MarshalJSONTo) and the document checked once.
func (r Result) marshalStrict() ([]byte, error) {
	type resultJSON struct {
		Plan         string          `json:"plan"`
		PlanVersion  string          `json:"plan_version"`
		PlanHash     string          `json:"plan_hash"`
		Period       string          `json:"period"`
		Currency     money.Currency  `json:"currency"`
		Transactions int64           `json:"transactions"`
		Skipped      int64           `json:"skipped"`
		Total        decimal.Decimal `json:"total"`
		Lines        []Line          `json:"lines"`
	}
	lines := r.Lines
	if lines == nil {
		lines = []Line{}
	}
	return strictjson.Marshal(resultJSON{r.Plan, r.PlanVersion, r.PlanHash, r.Period.ID, r.Currency,
		r.Transactions, r.Skipped, r.Total(), lines})
}

// Line is one payout: what a recipient earns from one component version
// in one period, rounded once with the plan's mode and places (and then
// possibly reduced by the plan's recipient cap or budget in whole units of
// the last place). Measure is the value the schedule was evaluated at —
// except on a weighted-attainment line, whose Measure is the period's
// volume (the revenue, not the attainment points the schedule saw; the
// Trace has both), and on a team member's line, whose Measure is the
// team's. Trace explains every step.
//
// A Line is an immutable value, like a time.Time: its figures are read
// through methods and always agree with its Trace. Only an evaluation
// (Accumulator.Result, Evaluate) makes Lines; the zero Line pays nothing
// to no one. A Line holds no decimal: it takes 56 bytes and two pointers,
// and Measure and Amount build their decimals when called.
type Line struct {
	// calc is the line's calculation, shared and immutable once the
	// Result is returned. For a compact line, it is the calculation its
	// component's compact lines share, holding only the plan, period and
	// component: the line's own figures are vol, count and amt, and its
	// trace is computed again from them (calcInto).
	calc *lineCalc
	id   string // the recipient's ID
	// A compact line's measure vol·10^−volS over count transactions, and
	// its amount amt·10^−amtS.
	vol, count, amt int64
	volS, amtS      int16
	kind            RecipientKind // the recipient's kind
}

// compactLine returns the line of rec whose calculation is the shared
// calc of its component, and whose own figures come from lc (the line's
// full calculation, with a volume and an amount in int64).
func compactLine(rec Recipient, calc, lc *lineCalc) Line {
	return Line{calc: calc, id: rec.ID, kind: rec.Kind, vol: lc.volume.v, volS: int16(lc.volume.s),
		count: lc.count, amt: lc.amount.v, amtS: int16(lc.amount.s)}
}

// ownLine returns the line of rec with its own calculation lc.
func ownLine(rec Recipient, lc *lineCalc) Line {
	return Line{calc: lc, id: rec.ID, kind: rec.Kind}
}

// Recipient returns who is paid.
func (l Line) Recipient() Recipient { return Recipient{Kind: l.kind, ID: l.id} }

// Component returns the ID of the component that pays the line.
func (l Line) Component() string {
	if l.calc == nil {
		return ""
	}
	return l.calc.comp.spec.ID
}

// Version returns the version of the component that pays the line.
func (l Line) Version() string {
	if l.calc == nil {
		return ""
	}
	return l.calc.comp.spec.Version
}

// Period returns the ID of the period the line pays for.
func (l Line) Period() string {
	if l.calc == nil {
		return ""
	}
	return l.calc.period.ID
}

// Measure returns the value the schedule was evaluated at (see Line):
// exact, at the measure's scale.
func (l Line) Measure() decimal.Decimal {
	switch {
	case l.calc == nil:
		return decimal.Decimal{}
	case l.calc.compact:
		return small(l.vol, int32(l.volS)).dec()
	}
	return l.calc.measure.dec()
}

// Amount returns what the line pays, rounded to the plan's places.
func (l Line) Amount() decimal.Decimal {
	if l.calc == nil {
		return decimal.Decimal{}
	}
	return l.amount().dec()
}

// amount returns what the line pays.
func (l *Line) amount() num {
	if l.calc.compact {
		return small(l.amt, int32(l.amtS))
	}
	return l.calc.amount
}

// calcInto returns l's calculation: its own, or, for a compact line, the
// calculation computed again into *x (which must be zero) from the same
// inputs as in Accumulator.Result. A compact line's component reads no
// facts and is reduced by no cap or budget after rounding, so the figures
// are the same.
func (l *Line) calcInto(x *lineCalc) *lineCalc {
	t := l.calc
	if t == nil || !t.compact {
		return t
	}
	if err := t.comp.compute(x, &scratch{}, t.plan, l.Recipient(), small(l.vol, int32(l.volS)), l.count, RecipientFacts{}, false); err != nil {
		panic("incentive: a compact line no longer computes: " + err.Error()) //lint:allow panic unreachable: Result ran the same computation, which reads no facts, without error
	}
	x.period = t.period
	return x
}

// Equal reports whether l and o pay the same amount to the same recipient
// for the same component version and period, with equal traces.
func (l Line) Equal(o Line) bool {
	return l.Recipient() == o.Recipient() && l.Component() == o.Component() && l.Version() == o.Version() &&
		l.Period() == o.Period() && l.Measure().Equal(o.Measure()) && l.Amount().Equal(o.Amount()) &&
		l.Trace().Equal(o.Trace())
}

// MarshalJSON encodes the line with its trace.
func (l Line) MarshalJSON() ([]byte, error) {
	return appendOr(1200, l.writeTo, func() ([]byte, error) { return strictjson.Marshal(encodeTo(l.MarshalJSONTo)) })
}

// appendOr returns the document write appends without an Encoder (size
// bytes expected); on any error, strict's, which writes the document
// through strictjson and words the error.
func appendOr(size int, write func(*fieldWriter), strict func() ([]byte, error)) ([]byte, error) {
	w := fieldWriter{b: make([]byte, 0, size)}
	write(&w)
	if w.err == nil {
		return w.b, nil
	}
	return strict()
}

// encodeTo adapts a MarshalJSONTo method to a value strictjson.Marshal
// encodes: the document is written in one pass and checked once.
type encodeTo func(*jsontext.Encoder) error

func (f encodeTo) MarshalJSONTo(enc *jsontext.Encoder) error { return f(enc) }

// ModifierStep records one modifier in a trace: the factor applied, the
// metric value (Multiplier) or quota (Accelerator) that chose it, and the
// payout before and after.
type ModifierStep struct {
	Kind   ModifierKind    `json:"kind"`
	Metric string          `json:"metric,omitzero"`
	Value  decimal.Decimal `json:"value"`
	Factor decimal.Decimal `json:"factor"`
	Before decimal.Decimal `json:"before"`
	After  decimal.Decimal `json:"after"`
}

// Equal compares numerically.
func (m ModifierStep) Equal(o ModifierStep) bool {
	return m.Kind == o.Kind && m.Metric == o.Metric && m.Value.Equal(o.Value) && m.Factor.Equal(o.Factor) &&
		m.Before.Equal(o.Before) && m.After.Equal(o.After)
}

// LimitStep records a floor or cap that bound a line: the limit, and the
// payout before and after (After − Before is the adjustment).
type LimitStep struct {
	Kind   LimitKind       `json:"kind"`
	Limit  decimal.Decimal `json:"limit"`
	Before decimal.Decimal `json:"before"`
	After  decimal.Decimal `json:"after"`
}

// Equal compares numerically.
func (s LimitStep) Equal(o LimitStep) bool {
	return s.Kind == o.Kind && s.Limit.Equal(o.Limit) && s.Before.Equal(o.Before) && s.After.Equal(o.After)
}

// Trace explains one line: which plan and component version produced it,
// the measure and the base the schedule saw, the tier and boundary rule,
// the rate, each modifier, each floor or cap and by how much it changed
// the payout, and the single rounding step. It serialises to JSON and
// renders as one English sentence (Sentence).
type Trace struct {
	Plan             string         `json:"plan"`
	PlanVersion      string         `json:"plan_version"`
	PlanHash         string         `json:"plan_hash"`
	Component        string         `json:"component"`
	ComponentName    string         `json:"component_name,omitzero"`
	ComponentVersion string         `json:"component_version"`
	ComponentHash    string         `json:"component_hash"`
	Recipient        Recipient      `json:"recipient"`
	Period           string         `json:"period"`
	PeriodLabel      string         `json:"period_label,omitzero"`
	Currency         money.Currency `json:"currency"`
	Measure          MeasureKind    `json:"measure"`
	// Overlay reports a component counting overlay credit
	// (ComponentSpec.Overlay): the measure is additive to the split
	// credit, and the sentence says so.
	Overlay      bool            `json:"overlay,omitzero"`
	Transactions int64           `json:"transactions"`
	Volume       decimal.Decimal `json:"volume"`
	HasBaseline  bool            `json:"has_baseline,omitzero"`
	Baseline     decimal.Decimal `json:"baseline"`
	Base         decimal.Decimal `json:"base"`
	Mode         tier.Mode       `json:"mode"`
	Boundary     tier.Boundary   `json:"boundary"`
	Tier         int             `json:"tier"`
	Tiers        int             `json:"tiers"`
	Rate         money.Rate      `json:"rate"`
	PerUnit      bool            `json:"per_unit,omitzero"`
	// RatesAbove100 reports that the component's schedule allows rates
	// above 100 % (tier.Spec.RatesAbove100); the sentence says so.
	RatesAbove100 bool            `json:"rates_above_100_percent,omitzero"`
	Threshold     decimal.Decimal `json:"threshold"`
	// Portions break the schedule's payout down by tier
	// (tier.Schedule.Portions): in an incremental schedule what each
	// tier's rate paid on its slice of the measure, otherwise the one tier
	// reached, with its bounds. Their payouts sum to SchedulePayout.
	Portions       []tier.Portion     `json:"portions,omitzero"`
	SchedulePayout decimal.Decimal    `json:"schedule_payout"`
	Modifiers      []ModifierStep     `json:"modifiers,omitzero"`
	Limits         []LimitStep        `json:"limits,omitzero"`
	Exact          decimal.Decimal    `json:"exact"`
	Rounding       money.RoundingMode `json:"rounding"`
	Places         int32              `json:"places"`
	Rounded        decimal.Decimal    `json:"rounded"`
	Amount         decimal.Decimal    `json:"amount"`

	// Gates records every gate of the component; Held, when a gate was
	// not met, the payout held back (after floor and cap; Exact is then 0).
	Gates []GateStep      `json:"gates,omitzero"`
	Held  decimal.Decimal `json:"held,omitzero"`

	// ContractValue is the component's contract value setting (recurring
	// revenue valued by term, see ComponentSpec.ContractValue), if any;
	// the sentence names it.
	ContractValue ContractValue `json:"contract_value,omitzero"`
	// Team, for a team component's member line, names the team; the
	// award (Rounded) was shared by ShareRule: the member's weight
	// ShareWeight of ShareTotal (1 of the number of members under the
	// equal rule), giving TeamShare before plan limits. TeamAward is the
	// team's rounded award; Volume and Base are the team's measure, Own
	// the member's.
	Team string `json:"team,omitzero"`
	// Attainment, for a component with an attainment, lists its measures;
	// Base is then the attainment in percentage points (rounded to
	// GrowthPlaces toward the tier that does not pay yet).
	Attainment  []AttainmentStep `json:"attainment,omitzero"`
	ShareRule   ShareRule        `json:"share_rule,omitzero"`
	TeamAward   decimal.Decimal  `json:"team_award,omitzero"`
	ShareWeight decimal.Decimal  `json:"share_weight,omitzero"`
	ShareTotal  decimal.Decimal  `json:"share_total,omitzero"`
	TeamShare   decimal.Decimal  `json:"team_share,omitzero"`
	Own         decimal.Decimal  `json:"own,omitzero"`
}

// Trace returns the line's explanation.
func (l Line) Trace() Trace {
	var x lineCalc
	lc := l.calcInto(&x)
	if lc == nil {
		return Trace{}
	}
	c := lc.comp
	t := Trace{
		Plan: lc.plan.spec.ID, PlanVersion: lc.plan.spec.Version, PlanHash: lc.plan.hash,
		Component: c.spec.ID, ComponentName: c.spec.Name, ComponentVersion: c.spec.Version, ComponentHash: c.hash,
		Recipient: l.Recipient(), Period: lc.period.ID, PeriodLabel: lc.period.Label,
		Currency: lc.plan.spec.Currency, Measure: c.spec.Measure, Overlay: c.spec.Overlay, Transactions: lc.count,
		Volume: lc.volume.dec(), HasBaseline: lc.hasBaseline, Base: lc.base.dec(),
		Mode: c.spec.Schedule.Mode, Boundary: c.spec.Schedule.Boundary,
		Tier: lc.sched.tier, Tiers: lc.sched.tiers, Rate: lc.sched.appliedRate(), PerUnit: c.sched.PerUnit(),
		RatesAbove100:  c.spec.Schedule.RatesAbove100,
		Threshold:      c.spec.Schedule.Threshold,
		Portions:       c.sched.Portions(lc.base.dec()),
		SchedulePayout: lc.sched.payout.dec(), Exact: lc.exact.dec(),
		Rounding: lc.plan.spec.Rounding, Places: lc.plan.spec.Places,
		Rounded: lc.rounded.dec(), Amount: lc.amount.dec(),
	}
	if lc.hasBaseline {
		t.Baseline = lc.baseline.dec()
	}
	for _, m := range lc.mods {
		t.Modifiers = append(t.Modifiers, ModifierStep{Kind: m.kind, Metric: m.metric, Value: m.value.dec(),
			Factor: m.factor.dec(), Before: m.before.dec(), After: m.after.dec()})
	}
	for _, s := range lc.limits {
		t.Limits = append(t.Limits, LimitStep{Kind: s.kind, Limit: s.limit.dec(), Before: s.before.dec(), After: s.after.dec()})
	}
	t.Gates, t.Held = lc.gateTrace()
	t.ContractValue = c.spec.ContractValue
	if lc.attain != nil {
		t.Attainment = slices.Clone(lc.attain.steps)
	}
	if tc := lc.team; tc != nil {
		t.Team, t.ShareRule, t.TeamAward = tc.group.spec.ID, tc.group.spec.Share, tc.award.dec()
		t.ShareWeight, t.ShareTotal, t.Own = tc.weight, tc.total, tc.own.dec()
		t.TeamShare = tc.part.dec()
	}
	return t
}

// Equal reports whether t and o are equal field by field (decimals
// numerically). It compares the trace phase by phase: where the line
// comes from, what was measured, what the schedule paid, the modifiers
// and limits, and the rounding.
func (t Trace) Equal(o Trace) bool {
	return t.sameOrigin(o) && t.sameMeasure(o) && t.sameSchedule(o) && t.sameAdjustments(o) && t.sameRounding(o)
}

// sameOrigin compares the plan, component, recipient and period.
func (t Trace) sameOrigin(o Trace) bool {
	return t.Plan == o.Plan && t.PlanVersion == o.PlanVersion && t.PlanHash == o.PlanHash &&
		t.Component == o.Component && t.ComponentName == o.ComponentName &&
		t.ComponentVersion == o.ComponentVersion && t.ComponentHash == o.ComponentHash &&
		t.Recipient == o.Recipient && t.Period == o.Period && t.PeriodLabel == o.PeriodLabel &&
		t.Currency == o.Currency
}

// sameMeasure compares the measure, its volume, baseline and base.
func (t Trace) sameMeasure(o Trace) bool {
	return t.Measure == o.Measure && t.ContractValue == o.ContractValue && t.Overlay == o.Overlay &&
		t.Transactions == o.Transactions && t.Volume.Equal(o.Volume) &&
		t.HasBaseline == o.HasBaseline && t.Baseline.Equal(o.Baseline) && t.Base.Equal(o.Base) &&
		slices.EqualFunc(t.Attainment, o.Attainment, AttainmentStep.Equal)
}

// sameSchedule compares the schedule's evaluation.
func (t Trace) sameSchedule(o Trace) bool {
	return t.Mode == o.Mode && t.Boundary == o.Boundary && t.Tier == o.Tier && t.Tiers == o.Tiers &&
		t.Rate.Equal(o.Rate) && t.PerUnit == o.PerUnit && t.RatesAbove100 == o.RatesAbove100 && t.Threshold.Equal(o.Threshold) &&
		slices.EqualFunc(t.Portions, o.Portions, tier.Portion.Equal) && t.SchedulePayout.Equal(o.SchedulePayout)
}

// sameAdjustments compares the modifier and limit steps.
func (t Trace) sameAdjustments(o Trace) bool {
	return slices.EqualFunc(t.Modifiers, o.Modifiers, ModifierStep.Equal) &&
		slices.EqualFunc(t.Limits, o.Limits, LimitStep.Equal) &&
		slices.EqualFunc(t.Gates, o.Gates, GateStep.Equal) && t.Held.Equal(o.Held) &&
		t.Team == o.Team && t.ShareRule == o.ShareRule && t.TeamAward.Equal(o.TeamAward) &&
		t.ShareWeight.Equal(o.ShareWeight) && t.ShareTotal.Equal(o.ShareTotal) && t.TeamShare.Equal(o.TeamShare) && t.Own.Equal(o.Own)
}

// sameRounding compares the exact figure, the rounding and the amounts.
func (t Trace) sameRounding(o Trace) bool {
	return t.Exact.Equal(o.Exact) && t.Rounding == o.Rounding && t.Places == o.Places &&
		t.Rounded.Equal(o.Rounded) && t.Amount.Equal(o.Amount)
}

// MarshalJSON encodes the trace deterministically.
func (t Trace) MarshalJSON() ([]byte, error) {
	return appendOr(1024, t.writeTo, func() ([]byte, error) { return strictjson.Marshal(encodeTo(t.MarshalJSONTo)) })
}

// group formats d with at least places digits after the point and commas
// between thousands: 412000 → "412,000.00".
func group(d decimal.Decimal, places int32) string {
	return groupText(money.FormatDecimal(d, places))
}

// groupCanon is group(canon(d), places): d without the trailing zeros
// of its coefficient, with at least places digits after the point.
func groupCanon(d decimal.Decimal, places int32) string {
	return groupText(canonText(d, places))
}

// groupText is the plain number s with commas between thousands.
func groupText(s string) string {
	var buf [64]byte
	return string(appendGroup(buf[:0], s))
}

// canonText is money.FormatDecimal(canon(d), places) without canon's
// allocation when d's coefficient has at most 18 digits: the trailing
// zeros canon strips from the coefficient are cut from the text, down to
// places digits after the point.
func canonText(d decimal.Decimal, places int32) string {
	if d.IsZero() || d.Exponent() >= 0 || d.NumDigits() > 18 {
		return money.FormatDecimal(canon(d), places) // canon allocates nothing for the first two
	}
	c, e := d.CoefficientInt64(), d.Exponent()
	for e < 0 && c%10 == 0 {
		c, e = c/10, e+1
	}
	s := money.FormatDecimal(d, places)
	if n := 2 - int(e); n > money.MaxTextLen || c < 0 && n+1 > money.MaxTextLen {
		return s // canon leaves d as it is
	}
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return s
	}
	keep := max(int(min(max(places, 0), money.MaxPlaces)), int(-e))
	if keep == 0 {
		return s[:dot]
	}
	return s[:min(len(s), dot+1+keep)]
}

// appendGroup appends the plain number s (FormatDecimal's text) with
// commas between thousands.
func appendGroup(b []byte, s string) []byte {
	if s != "" && s[0] == '-' {
		b, s = append(b, '-'), s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	for i := range len(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, intPart[i])
	}
	if hasFrac {
		b = append(append(b, '.'), frac...)
	}
	return b
}

// signed formats an adjustment with an explicit sign: "+12.00", "-3.50".
// The minus is ASCII, as everywhere in a sentence, so that a spreadsheet
// reading the figure out of a CSV cell parses it.
func signed(d decimal.Decimal, places int32) string {
	if d.Sign() < 0 {
		return group(d, places)
	}
	return "+" + group(d, places)
}

// Sentence renders the trace as one English sentence a finance analyst
// can read without a glossary: the tier reached with its bounds in plain
// words (which side of a bound it includes), an incremental schedule broken
// down tier by tier, each modifier and limit with its effect, and the one
// rounding step, e.g.
//
//	3.5% on 412,000.00 USD of Q3 2025 revenue (all-units, tier 3 of 4:
//	at least 250,000.00 USD and under 500,000.00 USD) = 14,420.00 USD;
//	capped at 500.00 USD (-13,920.00); rounded half-even to 2 places:
//	500.00 USD.
//
// Negative figures carry an ASCII minus sign, so that a spreadsheet reading
// the sentence's figures out of a CSV file parses them.
func (t Trace) Sentence() string {
	var b strings.Builder
	b.Grow(320) // most sentences: one allocation
	b.WriteString(t.schedulePhrase())
	b.WriteString(" = ")
	b.WriteString(t.money(t.SchedulePayout))
	t.writeModifiers(&b)
	late := t.writeLimits(&b, ComponentFloor, ComponentCap)
	t.writeGates(&b)
	b.WriteString("; rounded " + t.Rounding.String() + " to " + strconv.Itoa(int(t.Places)) + " places: " + t.money(t.Rounded))
	b.WriteString(t.teamPhrase())
	if late {
		t.writeLimits(&b, ComponentBudgetProRata, ComponentBudgetFirstCome, RecipientCap, BudgetCap)
		b.WriteString(": paid " + t.money(t.Amount))
	}
	b.WriteString(".")
	return b.String()
}

// money formats an amount of the trace's currency: "14,420.00 USD".
func (t Trace) money(d decimal.Decimal) string {
	var buf [80]byte
	b := appendGroup(buf[:0], canonText(d, t.Currency.Digits()))
	return string(append(append(b, ' '), t.Currency.Code()...))
}

// measurePhrase names the base the schedule saw: "412,000.00 USD of Q3
// 2025 revenue".
func (t Trace) measurePhrase() string {
	if len(t.Attainment) > 0 {
		return t.attainmentPhrase()
	}
	period := t.PeriodLabel
	if period == "" {
		period = t.Period
	}
	switch t.Measure {
	case Revenue:
		return t.money(t.Base) + " of " + period + " revenue"
	case RecurringRevenue:
		return t.money(t.Base) + " of " + period + " recurring revenue" + t.contractPhrase()
	case Units:
		return groupCanon(t.Base, 0) + " units sold in " + period // the measure has 4 places: print 150, not 150.0000
	case EventCount:
		noun := " qualifying events in "
		if t.Base.Abs().Equal(decimal.New(1, 0)) {
			noun = " qualifying event in "
		}
		return group(t.Base, 0) + noun + period
	case GrowthAmount:
		return t.money(t.Base) + " of growth in " + period + " (revenue " + t.money(t.Volume) + " over a baseline of " + t.money(t.Baseline) + ")"
	case GrowthPercent:
		return group(t.Base, 0) + "% growth in " + period + " (revenue " + t.money(t.Volume) + " over a baseline of " + t.money(t.Baseline) + ")"
	case MeasureUnspecified:
	}
	return group(t.Base, 0)
}

// schedulePhrase says how the schedule paid on the measure, with the
// bounds of the tier reached in plain words: "3.5% on 412,000.00 USD of
// Q3 2025 revenue (all-units, tier 3 of 4: at least 250,000.00 USD and
// under 500,000.00 USD)". An incremental schedule is broken down tier by
// tier.
func (t Trace) schedulePhrase() string {
	what := t.measurePhrase()
	if t.Overlay {
		what += " of overlay credit, additive to the split credit"
	}
	rate := t.rateText(t.Rate)
	if t.Mode == tier.Incremental && t.Tier > 0 && len(t.Portions) > 0 {
		return "incremental rates on " + what + " (" + t.incrementalText() + t.above100() + ")"
	}
	tierText := t.Mode.String() + ", " + t.tierText()
	tierText += t.above100()
	switch t.Mode {
	case tier.AllUnits:
		if n := len(t.Portions); n > 0 && !t.Portions[n-1].Flat.IsZero() {
			what += " plus a flat " + t.money(t.Portions[n-1].Flat)
		}
		return rate + " on " + what + " (" + tierText + ")"
	case tier.Incremental:
		return rate + " on " + what + " (" + tierText + ")"
	case tier.RetroFromThreshold:
		return rate + " on " + what + " above " + t.quantity(t.Threshold) + " (" + tierText + ")"
	case tier.Linear:
		return "an interpolated " + rate + " on " + what + " (" + tierText + ")"
	case tier.FlatPerTier, tier.Increment, tier.Package, tier.ModeUnspecified:
	}
	return "a " + t.Mode.String() + " payout for " + what + " (" + tierText + ")"
}

// above100 states the opt-in for rates above 100 %, if the component has it.
func (t Trace) above100() string {
	if t.RatesAbove100 {
		return ", rates above 100% allowed by the component"
	}
	return ""
}

// rateText writes a rate or a price per unit.
func (t Trace) rateText(r money.Rate) string {
	if t.PerUnit {
		if t.Measure == EventCount {
			return r.FormatFraction() + " per event"
		}
		return r.FormatFraction() + " per unit"
	}
	return r.String()
}

// tierText names the tier reached and its bounds: "tier 3 of 4: at least
// 250,000.00 USD and under 500,000.00 USD".
func (t Trace) tierText() string {
	if t.Tier == 0 {
		for _, p := range t.Portions {
			return "below the first tier, which starts at " + t.quantity(p.To)
		}
		return "below the first tier"
	}
	s := "tier " + strconv.Itoa(t.Tier) + " of " + strconv.Itoa(t.Tiers)
	if n := len(t.Portions); n > 0 && t.Tiers > 1 {
		s += ": " + t.boundsText(t.Portions[n-1])
	}
	return s
}

// boundsText says in plain words which measures a tier covers, its
// boundary convention included: a bound belongs to the tier it starts
// (lower-inclusive: "at least 100.00 USD and under 200.00 USD") or to the
// tier it ends (upper-inclusive: "over 100.00 USD up to and including
// 200.00 USD"). The first tier always includes its own lower bound.
func (t Trace) boundsText(p tier.Portion) string {
	upper := t.Boundary == tier.UpperInclusive
	var s string
	if upper && p.Tier > 1 {
		s = "over " + t.quantity(p.From)
	} else {
		s = "at least " + t.quantity(p.From)
	}
	switch {
	case p.Unbounded:
	case upper:
		s += " up to and including " + t.quantity(p.To)
	default:
		s += " and under " + t.quantity(p.To)
	}
	return s
}

// incrementalText breaks an incremental payout down by tier: "1% on
// 100,000.00 USD from 0.00 USD to 100,000.00 USD = 1,000.00 USD, …, 3.5% on
// 162,000.00 USD above 250,000.00 USD = 5,670.00 USD: tier 3 of 4".
func (t Trace) incrementalText() string {
	var b strings.Builder
	for i, p := range t.Portions {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t.rateText(p.Rate) + " on " + t.quantity(p.Volume))
		if i == len(t.Portions)-1 {
			b.WriteString(" above " + t.quantity(p.From))
		} else {
			b.WriteString(" from " + t.quantity(p.From) + " to " + t.quantity(p.To))
		}
		if !p.Flat.IsZero() {
			b.WriteString(" plus a flat " + t.money(p.Flat))
		}
		b.WriteString(" = " + t.money(p.Payout))
	}
	b.WriteString(": tier " + strconv.Itoa(t.Tier) + " of " + strconv.Itoa(t.Tiers))
	return b.String()
}

// quantity formats a value of the measure: money for revenue and growth
// amounts, "150 units", "12 events", "10%" of growth.
func (t Trace) quantity(d decimal.Decimal) string {
	if len(t.Attainment) > 0 {
		return groupCanon(d, 0) + " points"
	}
	switch t.Measure {
	case Units:
		return groupCanon(d, 0) + " units"
	case EventCount:
		return groupCanon(d, 0) + " events"
	case GrowthPercent:
		return groupCanon(d, 0) + "%"
	case Revenue, RecurringRevenue, GrowthAmount, MeasureUnspecified:
	}
	return t.money(d)
}

// writeModifiers writes one clause per modifier step.
func (t Trace) writeModifiers(b *strings.Builder) {
	for _, m := range t.Modifiers {
		switch m.Kind {
		case Accelerator:
			if t.Base.Cmp(m.Value) <= 0 {
				b.WriteString("; quota of " + t.quantity(m.Value) + " not exceeded, no acceleration")
				continue
			}
			b.WriteString("; accelerated ×" + group(m.Factor, 0) + " above a quota of " + t.quantity(m.Value) + " = " + t.money(m.After))
		case Multiplier:
			b.WriteString("; ×" + group(m.Factor, 0) + " for " + m.Metric + " " + group(m.Value, 0) + " = " + t.money(m.After))
		case Gate, ModifierUnspecified: // gates: see writeGates
		}
	}
}

// writeLimits writes one clause per limit step of the kinds given (the
// component's floor and cap, applied before rounding, or the budgets and
// caps applied after), and reports whether the trace has steps of other
// kinds.
func (t Trace) writeLimits(b *strings.Builder, kinds ...LimitKind) (others bool) {
	for _, s := range t.Limits {
		if !slices.Contains(kinds, s.Kind) {
			others = true
			continue
		}
		adj := " (" + signed(canon(s.After.Sub(s.Before)), t.Currency.Digits()) + ")"
		switch s.Kind {
		case ComponentFloor:
			b.WriteString("; raised to the floor of " + t.money(s.Limit) + adj)
		case ComponentCap:
			b.WriteString("; capped at " + t.money(s.Limit) + adj)
		case RecipientCap:
			b.WriteString("; reduced to fit the recipient cap of " + t.money(s.Limit) + adj)
		case BudgetCap:
			b.WriteString("; reduced to fit the plan budget of " + t.money(s.Limit) + adj)
		case ComponentBudgetProRata, ComponentBudgetFirstCome:
			b.WriteString("; " + t.budgetPhrase(s) + adj)
		case LimitUnspecified:
		}
	}
	return others
}

// UnmarshalJSON refuses to decode a Line: lines are made by evaluation
// (Accumulator.Result), each with the calculation that explains it, and a
// decoded one would pay nothing. The error matches errors.ErrUnsupported.
func (l *Line) UnmarshalJSON([]byte) error {
	return fmt.Errorf("incentive: a payout line is made by evaluating a plan, not decoded from JSON: %w", errors.ErrUnsupported)
}
