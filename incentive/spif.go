package incentive

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// A component's own budget (a SPIF's funding): the spec, its validation
// and compiled form, the claims a first-come budget keeps, and how the
// budget bounds the component's rounded lines.

const exhaustionNames enum.Names = "unspecified pro-rata first-come"

const exhaustionLabel = "exhaustion rule"

// Exhaustion says how a component's budget is shared when the component's
// lines would exceed it. The zero value is invalid.
type Exhaustion uint8

// Exhaustion rules.
const (
	// ExhaustionUnspecified is the invalid zero Exhaustion.
	ExhaustionUnspecified Exhaustion = iota
	// ProRata shares the budget among the component's positive lines in
	// proportion to them, by largest remainder in whole units of the
	// plan's last place (ties by recipient, component, version).
	ProRata
	// FirstCome pays transactions in order of date, then transaction ID,
	// until the budget is spent: each recipient keeps what the budget had
	// left for its own transactions.
	FirstCome
)

// String returns the rule's name: "pro-rata" or "first-come".
func (e Exhaustion) String() string { return exhaustionNames.String(exhaustionLabel, uint8(e)) }

// IsValid reports whether e is a named rule.
func (e Exhaustion) IsValid() bool { return exhaustionNames.IsValid(uint8(e)) }

// MarshalText returns the name; it fails for an invalid rule.
func (e Exhaustion) MarshalText() ([]byte, error) {
	return marshalEnum(exhaustionNames, exhaustionLabel, e)
}

// UnmarshalText parses a name as written by MarshalText.
func (e *Exhaustion) UnmarshalText(b []byte) error {
	return unmarshalEnum(e, exhaustionNames, exhaustionLabel, b)
}

// ParseExhaustion parses "pro-rata" or "first-come"; other text is an
// *EnumError listing the valid names.
func ParseExhaustion(s string) (Exhaustion, error) {
	return parseEnum[Exhaustion](exhaustionNames, exhaustionLabel, s)
}

// BudgetSpec funds a component version (typically a SPIF) from a budget
// per period. After every line of the version is rounded, and before the
// plan's recipient cap and budget, the version's lines never sum to more
// than Amount rounded down to the plan's places. When they would, the
// Exhaustion rule says who is paid:
//
//   - ProRata: the positive lines are lowered to sum exactly to the budget,
//     each in proportion to its amount, by largest remainder in whole units
//     of the last place (ties by recipient, then component, then version),
//     as the plan budget does.
//   - FirstCome: each eligible sale (or counted event) claims its own
//     payout from the budget in order of transaction date, then
//     transaction ID (then recipient and measure, for identical IDs). With
//     C_k the exact cumulative payout of the first k claims and B the
//     budget, claim k is granted round(min(C_k, B)) − round(min(C_{k−1}, B))
//     with the plan's rounding mode and places, so the grants sum to at
//     most B; a positive line is lowered to the sum of its recipient's
//     grants when that is smaller. Credit notes and returns lower their
//     recipient's line but hand nothing back to later claims.
//
// A first-come budget needs a payout that is the sum of per-transaction
// payouts: a Revenue, RecurringRevenue, Units or EventCount measure; an
// all-units or incremental schedule of one tier from 0 with a rate (a
// share of the line) or a price (per unit, or per deal on an EventCount
// measure) and no flat fee; no modifiers, floor or cap. The accumulator
// then keeps the claims that can still reach the budget — at most the
// claims whose payouts first exceed it, plus a bounded batch — and
// Partial carries them (Partial.Claims).
//
// Every line a budget lowers says so in its trace (a LimitStep of kind
// ComponentBudgetProRata or ComponentBudgetFirstCome) and its sentence
// names the rule.
type BudgetSpec struct {
	// Amount is the budget of one period, in the plan currency; required,
	// not negative.
	Amount decimal.Decimal `json:"amount"`
	// Exhaustion is the rule applied when the lines would exceed Amount;
	// required.
	Exhaustion Exhaustion `json:"exhaustion"`
}

// Equal compares numerically.
func (b BudgetSpec) Equal(o BudgetSpec) bool {
	return b.Amount.Equal(o.Amount) && b.Exhaustion == o.Exhaustion
}

func canonBudget(b *BudgetSpec) *BudgetSpec {
	if b == nil {
		return nil
	}
	return &BudgetSpec{Amount: canon(b.Amount), Exhaustion: b.Exhaustion}
}

func cloneBudget(b *BudgetSpec) *BudgetSpec {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}

// budget checks c.Budget, at p + "/budget" (p is the component's path).
func (v *validator) budget(p string, c ComponentSpec) {
	b, bp := *c.Budget, p+"/budget"
	if v.absent(bp + "/amount") {
		v.add(bp+"/amount", "", fmt.Errorf("%w: required (the budget of one period)", ErrInvalid))
	} else {
		v.dec(bp+"/amount", b.Amount, true)
	}
	if !b.Exhaustion.IsValid() {
		v.add(bp+"/exhaustion", b.Exhaustion.String(), fmt.Errorf("%w: exhaustion rule required (pro-rata or first-come)", ErrEnum))
	}
	if b.Exhaustion != FirstCome {
		return
	}
	need := func(path, value, what string) {
		v.add(path, value, fmt.Errorf("%w: a first-come budget needs %s", ErrInvalid, what))
	}
	switch c.Measure {
	case Revenue, RecurringRevenue, Units, EventCount:
	case GrowthAmount, GrowthPercent, MeasureUnspecified:
		need(p+"/measure", c.Measure.String(), "a measure that sums per transaction (revenue, recurring-revenue, units or events)")
	}
	s := c.Schedule
	switch {
	case s.Mode != tier.AllUnits && s.Mode != tier.Incremental:
		need(p+"/schedule/mode", s.Mode.String(), "an all-units or incremental schedule")
	case len(s.Tiers) != 1:
		need(p+"/schedule/tiers", "", "a schedule of one tier (a payout proportional to each transaction)")
	case !s.Tiers[0].From.IsZero():
		need(p+"/schedule/tiers/0/from", money.FormatDecimal(s.Tiers[0].From, 0), "its one tier to start at 0")
	case !s.Tiers[0].Flat.IsZero():
		need(p+"/schedule/tiers/0/flat", money.FormatDecimal(s.Tiers[0].Flat, 0), "no flat fee")
	}
	if len(c.Modifiers) > 0 {
		need(p+"/modifiers", "", "no modifiers")
	}
	if c.Floor != nil {
		need(p+"/floor", money.FormatDecimal(*c.Floor, 0), "no floor")
	}
	if c.Cap != nil {
		need(p+"/cap", money.FormatDecimal(*c.Cap, 0), "no cap")
	}
}

// budget is the compiled form of a BudgetSpec.
type budget struct {
	set   bool
	rule  Exhaustion
	limit num // the amount as given (the trace's limit)
	grid  num // the amount rounded down to the plan's places
}

func (c *component) compileBudget(ps PlanSpec) {
	if c.spec.Budget == nil {
		return
	}
	lim := numOf(c.spec.Budget.Amount)
	grid, err := lim.round(ps.Places, money.Floor)
	if err != nil { // validated: the amount is in range
		grid = small(0, ps.Places)
	}
	c.budget = budget{set: true, rule: c.spec.Budget.Exhaustion, limit: lim, grid: grid}
}

// firstCome reports whether c has a first-come budget.
func (c *component) firstCome() bool { return c.budget.set && c.budget.rule == FirstCome }

// claim is one eligible transaction's claim on a first-come budget: its
// date, transaction ID, recipient ID and (positive) measure.
type claim struct {
	sec  int64
	nsec int32
	tx   string
	rec  string
	x    num
}

func compareClaims(a, b claim) int {
	if c := cmp.Compare(a.sec, b.sec); c != 0 {
		return c
	}
	if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
		return c
	}
	if c := cmp.Compare(a.tx, b.tx); c != 0 {
		return c
	}
	if c := cmp.Compare(a.rec, b.rec); c != 0 {
		return c
	}
	return a.x.cmp(b.x)
}

// book holds the claims on one component's first-come budget. kept is
// the number of claims left by the last compaction.
type book struct {
	claims []claim
	kept   int
}

// compactAt is the number of claims a book holds before its first
// compaction.
const compactAt = 4096

// firstComeSetup records, for each side, the plan components with a
// first-come budget and the groups that hold them.
func (a *Accumulator) firstComeSetup() {
	for ci := range a.plan.comps {
		c := &a.plan.comps[ci]
		if !c.firstCome() {
			continue
		}
		if a.books == nil {
			a.books = make([]book, len(a.plan.comps))
		}
		s := &a.sides[c.spec.Recipient]
		j := slices.Index(s.comps, ci)
		s.firstCome |= 1 << s.groupOf[j]
		s.fcComps = append(s.fcComps, j)
	}
}

// addClaims books t's claims on the first-come budgets of the groups in
// fc (of side s), for recipient id. amount is t's amount at the currency's
// scale when ok.
func (a *Accumulator) addClaims(s *side, fc uint64, id string, t *Transaction, amountMinor int64, ok bool) {
	for _, j := range s.fcComps {
		g := s.groupOf[j]
		if fc&(1<<g) == 0 {
			continue
		}
		ci := s.comps[j]
		c := &a.plan.comps[ci]
		var x num
		switch s.measure[g] {
		case Revenue, RecurringRevenue, GrowthAmount, GrowthPercent:
			switch {
			case c.contracted():
				x = numOf(c.contractAmount(&a.plan, t))
			case ok:
				x = small(amountMinor, c.scale)
			default:
				x = numOf(t.Amount.Decimal())
			}
		case Units:
			x = numOf(t.Units)
		case EventCount:
			if !t.Kind.reversal() {
				x = small(1, 0)
			}
		case MeasureUnspecified:
		}
		if x.sign() <= 0 {
			continue // credit notes and returns claim nothing
		}
		a.bookClaim(ci, id, t, x)
	}
}

// bookClaim books recipient id's claim x from t on component ci's
// first-come budget.
func (a *Accumulator) bookClaim(ci int, id string, t *Transaction, x num) {
	b := &a.books[ci]
	b.claims = append(b.claims, claim{sec: t.Date.Unix(), nsec: int32(t.Date.Nanosecond()), tx: strings.Clone(t.ID), rec: strings.Clone(id), x: x})
	if len(b.claims) >= max(2*b.kept, compactAt) {
		b.compact(&a.plan.comps[ci], &a.plan)
	}
}

// compact sorts b's claims and drops those after the first claim at
// which the exact cumulative payout reaches the budget: they are granted
// nothing, whatever claims come later (a later claim sorts before them and
// only moves them further back).
func (b *book) compact(c *component, p *Plan) {
	slices.SortFunc(b.claims, compareClaims)
	cum := small(0, p.spec.Places)
	for k := range b.claims {
		cum = cum.add(c.evalSchedule(b.claims[k].x).payout)
		if cum.cmp(c.budget.grid) >= 0 {
			clear(b.claims[k+1:])
			b.claims = b.claims[:k+1]
			break
		}
	}
	b.kept = len(b.claims)
}

// mergeBooks adds b's claims to a's.
func (a *Accumulator) mergeBooks(b *Accumulator) {
	for ci := range b.books {
		if len(b.books[ci].claims) == 0 {
			continue
		}
		dst := &a.books[ci]
		dst.claims = append(dst.claims, b.books[ci].claims...)
		if len(dst.claims) >= max(2*dst.kept, compactAt) {
			dst.compact(&a.plan.comps[ci], &a.plan)
		}
	}
}

// applyComponentBudgets bounds the rounded lines of every component
// version with a budget (before the plan's recipient cap and budget).
func (a *Accumulator) applyComponentBudgets(lines []Line) error {
	p := &a.plan
	var group []Line
	for ci := range p.comps {
		c := &p.comps[ci]
		if !c.budget.set {
			continue
		}
		// The group's lines share their calculations with lines: a
		// reduction of one is a reduction of the other.
		group = group[:0]
		for i := range lines {
			if lines[i].calc.comp == c {
				group = append(group, lines[i])
			}
		}
		if len(group) == 0 {
			continue
		}
		switch c.budget.rule {
		case ProRata:
			if err := reduce(p, group, c.budget.limit, ComponentBudgetProRata); err != nil {
				return err
			}
		case FirstCome:
			if err := a.grantFirstCome(c, group); err != nil {
				return err
			}
		case ExhaustionUnspecified:
		}
	}
	return nil
}

// grantFirstCome lowers the positive lines of group (the lines of c) to
// their recipients' grants when the group exceeds c's budget.
func (a *Accumulator) grantFirstCome(c *component, group []Line) error {
	p := &a.plan
	places, mode := p.spec.Places, p.spec.Rounding
	total := small(0, places)
	for i := range group {
		total = total.add(group[i].calc.amount)
	}
	if total.cmp(c.budget.limit) <= 0 {
		return nil
	}
	b := &a.books[c.idx]
	b.compact(c, p)
	granted := map[string]num{}
	cum, prev := small(0, places), small(0, places)
	for _, cl := range b.claims {
		cum = cum.add(c.evalSchedule(cl.x).payout)
		capped := cum
		if capped.cmp(c.budget.grid) > 0 {
			capped = c.budget.grid
		}
		r, err := capped.round(places, mode)
		if err != nil {
			return err
		}
		g, ok := granted[cl.rec]
		if !ok {
			g = small(0, places)
		}
		granted[cl.rec] = g.add(r.sub(prev))
		prev = r
	}
	for i := range group {
		lc := group[i].calc
		if lc.amount.sign() <= 0 {
			continue
		}
		g, ok := granted[group[i].Recipient().ID]
		if !ok {
			g = small(0, places)
		}
		if lc.amount.cmp(g) <= 0 {
			continue
		}
		lc.limits = append(slices.Clip(lc.limits), limitStep{kind: ComponentBudgetFirstCome, limit: c.budget.limit, before: lc.amount, after: g})
		lc.amount = g
	}
	return nil
}

// budgetPhrase is the sentence clause of a component budget's limit step.
func (t Trace) budgetPhrase(s LimitStep) string {
	if s.Kind == ComponentBudgetFirstCome {
		return "reduced to what the component budget of " + t.money(s.Limit) +
			" had left for these transactions, paid first come by transaction date then ID"
	}
	return "reduced to a pro-rata share (largest remainder) of the component budget of " + t.money(s.Limit)
}

// PartialClaim is one claim on a first-come component budget carried by
// a Partial: the transaction's ID and date, the recipient and the
// transaction's (positive) measure.
type PartialClaim struct {
	Recipient   Recipient       `json:"recipient"`
	Component   string          `json:"component"`
	Version     string          `json:"version"`
	Transaction string          `json:"transaction"`
	Date        time.Time       `json:"date"`
	Measure     decimal.Decimal `json:"measure"`
}

// Equal compares numerically (dates as instants).
func (m PartialClaim) Equal(o PartialClaim) bool {
	return m.Recipient == o.Recipient && m.Component == o.Component && m.Version == o.Version &&
		m.Transaction == o.Transaction && m.Date.Equal(o.Date) && m.Measure.Equal(o.Measure)
}

// partialClaims returns the claims a Partial carries, in the order of
// the plan's components, then of date, transaction and recipient.
func (a *Accumulator) partialClaims() []PartialClaim {
	var out []PartialClaim
	for ci := range a.books {
		b := &a.books[ci]
		if len(b.claims) == 0 {
			continue
		}
		c := &a.plan.comps[ci]
		b.compact(c, &a.plan)
		for _, cl := range b.claims {
			out = append(out, PartialClaim{Recipient: Recipient{Kind: c.spec.Recipient, ID: cl.rec},
				Component: c.spec.ID, Version: c.spec.Version, Transaction: cl.tx,
				Date: time.Unix(cl.sec, int64(cl.nsec)).UTC(), Measure: cl.x.dec()})
		}
	}
	return out
}

// checkPartialClaims checks the claims of a partial against the plan and
// period: every one must name a component version with a first-come
// budget paying its recipient kind, a date in the period and a positive
// measure. It returns the plan component index of each claim.
func (a *Accumulator) checkPartialClaims(cs []PartialClaim) ([]int, error) {
	idx := make([]int, len(cs))
	for i, m := range cs {
		bad := func(path, value, reason string) error {
			return &DataError{Recipient: field.Truncate(m.Recipient.String()), Transaction: field.Truncate(m.Transaction),
				Path: field.At("claims", i) + path, Value: field.Truncate(value), Err: fmt.Errorf("%w: %s", ErrMismatch, reason)}
		}
		ci := slices.IndexFunc(a.plan.comps, func(c component) bool {
			return c.spec.ID == m.Component && c.spec.Version == m.Version
		})
		switch {
		case ci < 0 || !a.plan.comps[ci].firstCome():
			return nil, bad("/component", m.Component, "no component version "+m.Version+" with a first-come budget")
		case a.plan.comps[ci].spec.Recipient != m.Recipient.Kind || m.Recipient.ID == "":
			return nil, bad("/recipient", m.Recipient.String(), "the component pays another recipient kind")
		case !a.period.Contains(m.Date):
			return nil, bad("/date", m.Date.Format(time.RFC3339Nano), "outside the period")
		case m.Measure.Sign() <= 0 || money.CheckRange("measure", m.Measure) != nil:
			return nil, bad("/measure", money.FormatDecimal(m.Measure, 0), "a claim's measure is positive and in range")
		}
		idx[i] = ci
	}
	return idx, nil
}

// addPartialClaims books checked claims (see checkPartialClaims).
func (a *Accumulator) addPartialClaims(cs []PartialClaim, idx []int) {
	for i, m := range cs {
		ci := idx[i]
		b := &a.books[ci]
		b.claims = append(b.claims, claim{sec: m.Date.Unix(), nsec: int32(m.Date.Nanosecond()), tx: m.Transaction, rec: m.Recipient.ID, x: numOf(m.Measure)})
		if len(b.claims) >= max(2*b.kept, compactAt) {
			b.compact(&a.plan.comps[ci], &a.plan)
		}
	}
}
