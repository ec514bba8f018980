package incentive

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/strictjson"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// Partial is an accumulator's state as data: the exact measure of every
// recipient × component version seen so far. A host that shards
// transactions across machines sends each shard's Partial (as JSON) to one
// place and combines them with AddPartial; the combination is exact and
// independent of order.
type Partial struct {
	PlanHash string `json:"plan_hash"`
	Period   string `json:"period"`
	// PeriodFrom and PeriodUntil are the period's Start and End, in UTC:
	// a partial of period "Q3" 2024 does not fit an accumulator of "Q3"
	// 2025. Zero in a partial written before they were recorded (or of a
	// period outside the years 1 to 9999): the period is then matched by
	// ID only.
	PeriodFrom   time.Time        `json:"period_from,omitzero"`
	PeriodUntil  time.Time        `json:"period_until,omitzero"`
	Transactions int64            `json:"transactions"`
	Skipped      int64            `json:"skipped"`
	Measures     []PartialMeasure `json:"measures"`
	// Claims are the claims on first-come component budgets (see
	// BudgetSpec) that can still reach their budget.
	Claims []PartialClaim `json:"claims,omitzero"`
}

// PartialMeasure is the exact measure of one recipient × component
// version and the number of eligible transactions behind it.
type PartialMeasure struct {
	Recipient Recipient       `json:"recipient"`
	Component string          `json:"component"`
	Version   string          `json:"version"`
	Volume    decimal.Decimal `json:"volume"`
	Count     int64           `json:"count"`
}

// Equal compares numerically.
func (m PartialMeasure) Equal(o PartialMeasure) bool {
	return m.Recipient == o.Recipient && m.Component == o.Component && m.Version == o.Version &&
		m.Volume.Equal(o.Volume) && m.Count == o.Count
}

// Documented limits of a partial document, checked by ParsePartial.
const (
	// MaxPartialBytes is the largest partial document ParsePartial reads.
	MaxPartialBytes = 256 << 20
	// MaxPartialDepth is the deepest nesting of objects and arrays in a
	// partial document (/measures/i/recipient has depth 4).
	MaxPartialDepth = 4
)

// Partial returns the accumulator's state, sorted by recipient ID,
// recipient kind, component ID and version.
func (a *Accumulator) Partial() Partial {
	p := Partial{PlanHash: a.plan.hash, Period: a.period.ID, Transactions: a.txs, Skipped: a.skipped, Measures: []PartialMeasure{},
		Claims: a.partialClaims()}
	if from, until := a.period.Start.UTC(), a.period.End.UTC(); !from.IsZero() && canonicalTime(from) && canonicalTime(until) {
		// In UTC: an offset in seconds (a local mean time) would not
		// survive RFC 3339. A period beyond the years JSON times hold
		// is matched by ID only.
		p.PeriodFrom, p.PeriodUntil = from, until
	}
	// The measures come out in order without sorting them: recipients
	// sorted once, then each recipient's components in their order (a
	// recipient has one measure per component version).
	type rec struct {
		id   string
		kind RecipientKind
		i    int
	}
	var recs []rec
	var order [RecipientRep + 1][]int // per kind: indices into its side's comps by ID, version
	for k := RecipientPartner; k <= RecipientRep; k++ {
		s := &a.sides[k]
		for i, id := range s.index.All() {
			recs = append(recs, rec{id, k, i})
		}
		order[k] = make([]int, len(s.comps))
		for j := range order[k] {
			order[k][j] = j
		}
		slices.SortFunc(order[k], func(x, y int) int {
			cx, cy := &a.plan.comps[s.comps[x]].spec, &a.plan.comps[s.comps[y]].spec
			return cmp.Or(cmp.Compare(cx.ID, cy.ID), cmp.Compare(cx.Version, cy.Version))
		})
	}
	slices.SortFunc(recs, func(x, y rec) int {
		return Recipient{Kind: x.kind, ID: x.id}.compare(Recipient{Kind: y.kind, ID: y.id})
	})
	n := 0
	for k := RecipientPartner; k <= RecipientRep; k++ {
		s := &a.sides[k]
		for i := range s.index.Len() {
			for _, g := range s.groupOf {
				if s.accs[i*len(s.groups)+g].n != 0 {
					n++
				}
			}
		}
	}
	p.Measures = make([]PartialMeasure, 0, n)
	for _, r := range recs {
		s := &a.sides[r.kind]
		n := len(s.groups)
		for _, j := range order[r.kind] {
			ai := r.i*n + s.groupOf[j]
			ac := &s.accs[ai]
			if ac.n == 0 {
				continue
			}
			c := &a.plan.comps[s.comps[j]]
			p.Measures = append(p.Measures, PartialMeasure{Recipient: Recipient{Kind: r.kind, ID: r.id},
				Component: c.spec.ID, Version: c.spec.Version, Volume: s.total(ai, c.scale).dec(), Count: ac.n})
		}
	}
	return p
}

// AddPartial adds a partial result produced for the same plan (by hash)
// and period (by ID, and by its start and end when the partial records
// them, as Partial does: a partial of "Q3" 2024 does not fit "Q3" 2025).
// Every rejection is a *DataError whose path points
// into the partial's JSON form ("/plan_hash", "/measures/3"), and leaves
// the accumulator unchanged: ErrMismatch for another plan or period, for a
// measure naming an unknown component version or a recipient kind the
// component does not pay, a measure listed twice, and measures of
// components that count the same transactions (same raw measure,
// eligibility and dates; Partial lists all of them) that are missing or
// disagree; ErrData for negative counts, for counts whose sum with the
// accumulator's would overflow int64, and for a volume outside the money
// operating range (see money.MaxExponent), checked before any other
// measure is read.
func (a *Accumulator) AddPartial(p Partial) error {
	if err := a.checkPartialHeader(p); err != nil {
		return err
	}
	// Volumes outside the operating range first: comparing or adding
	// them (an exponent of 2²⁸) could take for ever.
	for i, m := range p.Measures {
		if err := money.CheckRange("volume", m.Volume); err != nil {
			return &DataError{Recipient: field.Truncate(m.Recipient.String()), Path: field.At("measures", i, "volume"),
				Value: money.FormatDecimal(m.Volume, 0), Err: fmt.Errorf("%w: %w", ErrData, err)}
		}
		if err := idText(m.Recipient.ID); err != nil { // as Add checks it
			return &DataError{Path: field.At("measures", i, "recipient", "id"), Value: field.Truncate(m.Recipient.ID), Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
		}
	}
	targets, err := a.partialTargets(p.Measures)
	if err != nil {
		return err
	}
	if err := a.checkPartialCounts(p, targets); err != nil {
		return err
	}
	claims, err := a.checkPartialClaims(p.Claims)
	if err != nil {
		return err
	}
	a.addPartialClaims(p.Claims, claims)
	for i, m := range p.Measures {
		t := targets[i]
		if !t.rep {
			continue // a component sharing its group's measure: counted once
		}
		i := t.side.slot(m.Recipient.ID) + t.g
		if v, ok := fixed.FromDecimal(m.Volume, t.c.scale); ok {
			t.side.mergeAcc(i, t.c.scale, v, m.Count, decimal.Decimal{}, false)
		} else {
			t.side.mergeAcc(i, t.c.scale, 0, m.Count, m.Volume, true)
		}
	}
	a.txs += p.Transactions
	a.skipped += p.Skipped
	return nil
}

// checkPartialHeader checks p's plan, period and counts.
func (a *Accumulator) checkPartialHeader(p Partial) error {
	switch {
	case p.PlanHash != a.plan.hash:
		return &DataError{Path: "/plan_hash", Value: p.PlanHash, Err: fmt.Errorf("%w: the accumulator's plan is %s", ErrMismatch, a.plan.hash)}
	case p.Period != a.period.ID:
		return &DataError{Path: "/period", Value: p.Period, Err: fmt.Errorf("%w: the accumulator's period is %q", ErrMismatch, a.period.ID)}
	case !p.PeriodFrom.IsZero() && !p.PeriodFrom.Equal(a.period.Start):
		return &DataError{Path: "/period_from", Value: p.PeriodFrom.Format(time.RFC3339Nano),
			Err: fmt.Errorf("%w: the accumulator's period %q starts %s", ErrMismatch, a.period.ID, a.period.Start.Format(time.RFC3339Nano))}
	case !p.PeriodUntil.IsZero() && !p.PeriodUntil.Equal(a.period.End):
		return &DataError{Path: "/period_until", Value: p.PeriodUntil.Format(time.RFC3339Nano),
			Err: fmt.Errorf("%w: the accumulator's period %q ends %s", ErrMismatch, a.period.ID, a.period.End.Format(time.RFC3339Nano))}
	case p.Transactions < 0:
		return &DataError{Path: "/transactions", Value: strconv.FormatInt(p.Transactions, 10), Err: fmt.Errorf("%w: negative count", ErrData)}
	case p.Skipped < 0:
		return &DataError{Path: "/skipped", Value: strconv.FormatInt(p.Skipped, 10), Err: fmt.Errorf("%w: negative count", ErrData)}
	}
	return nil
}

// checkPartialCounts reports a count of p that would overflow int64 when
// added to the accumulator's (before anything is added).
func (a *Accumulator) checkPartialCounts(p Partial, targets []partialTarget) error {
	overflow := func(path string, have, add int64) error {
		if _, ok := fixed.AddChecked(have, add); ok {
			return nil
		}
		return &DataError{Path: path, Value: strconv.FormatInt(add, 10),
			Err: fmt.Errorf("%w: the count would exceed %d", ErrData, int64(math.MaxInt64))}
	}
	if err := overflow("/transactions", a.txs, p.Transactions); err != nil {
		return err
	}
	if err := overflow("/skipped", a.skipped, p.Skipped); err != nil {
		return err
	}
	for i, m := range p.Measures {
		t := targets[i]
		if !t.rep {
			continue
		}
		var have int64
		if j, ok := t.side.index.Find(m.Recipient.ID); ok {
			have = t.side.accs[j*len(t.side.groups)+t.g].n
		}
		if err := overflow(field.At("measures", i, "count"), have, m.Count); err != nil {
			return err
		}
	}
	return nil
}

// partialTarget is where a partial measure goes: the side and group of
// its component, and whether the component represents the group.
type partialTarget struct {
	side *side
	g    int
	rep  bool
	c    *component
}

// partialGroup identifies a group's accumulator of one recipient.
type partialGroup struct {
	kind RecipientKind
	id   string
	g    int
}

// partialTargets finds each measure's target and checks the groups.
// Components that share a group (same raw measure, eligibility and dates)
// appear once each in a partial with the same volume and count; only the
// group's representative is merged. A partial that lists a measure twice,
// omits a member or disagrees within a group is rejected, not silently
// half-merged or completed.
func (a *Accumulator) partialTargets(ms []PartialMeasure) ([]partialTarget, error) {
	if targets, sorted, err := a.sortedPartialTargets(ms); sorted {
		return targets, err
	}
	return a.mapPartialTargets(ms)
}

// mapPartialTargets is partialTargets for measures in any order: a map
// finds a measure listed twice and the measures of each group.
func (a *Accumulator) mapPartialTargets(ms []PartialMeasure) ([]partialTarget, error) {
	type groupSeen struct {
		first   int // index of the first measure of the group
		members int // measures of the group seen
	}
	type measureKey struct {
		rec                Recipient
		component, version string
	}
	targets := make([]partialTarget, len(ms))
	groups := map[partialGroup]groupSeen{}
	seen := map[measureKey]bool{}
	for i, m := range ms {
		t, ok := a.partialTarget(m)
		if !ok {
			return nil, measureError(i, m, "component %q version %q paying a %s does not fit the plan", m.Component, m.Version, m.Recipient.Kind)
		}
		targets[i] = t
		id := measureKey{m.Recipient, m.Component, m.Version}
		if seen[id] {
			return nil, measureError(i, m, "component %q version %q is listed twice", m.Component, m.Version)
		}
		seen[id] = true
		k := partialGroup{m.Recipient.Kind, m.Recipient.ID, t.g}
		gs, ok := groups[k]
		if !ok {
			gs.first = i
		} else if f := ms[gs.first]; !f.Volume.Equal(m.Volume) || f.Count != m.Count {
			return nil, measureError(i, m, "component %q disagrees with /measures/%d, which counts the same transactions", m.Component, gs.first)
		}
		gs.members++
		groups[k] = gs
	}
	for i, m := range ms { // in order, so the error is deterministic
		t := targets[i]
		size := 0
		for _, g := range t.side.groupOf {
			if g == t.g {
				size++
			}
		}
		if groups[partialGroup{m.Recipient.Kind, m.Recipient.ID, t.g}].members != size {
			return nil, measureError(i, m, "component %q lacks the measures of the components it shares transactions with", m.Component)
		}
	}
	return targets, nil
}

// sortedPartialTargets is partialTargets, with the same checks and errors,
// for measures in the order Partial writes them, strictly increasing by
// recipient, component and version: then no measure repeats another, and
// the measures of a recipient are next to each other, so a group's
// measures are found among them without maps. It reports false, having
// found no error, at the first measure out of that order.
func (a *Accumulator) sortedPartialTargets(ms []PartialMeasure) (targets []partialTarget, sorted bool, err error) {
	targets = make([]partialTarget, len(ms))
	first := make([]int, len(ms))   // the index of the first measure of i's group
	members := make([]int, len(ms)) // at a group's first index: its measures
	run := 0                        // the first measure of the current recipient
	for i, m := range ms {
		if i > 0 {
			prev := ms[i-1]
			c := prev.Recipient.compare(m.Recipient)
			if c == 0 {
				c = cmp.Or(cmp.Compare(prev.Component, m.Component), cmp.Compare(prev.Version, m.Version))
				if c >= 0 {
					return nil, false, nil
				}
			} else if c > 0 {
				return nil, false, nil
			} else {
				run = i
			}
		}
		t, ok := a.partialTarget(m)
		if !ok {
			return nil, true, measureError(i, m, "component %q version %q paying a %s does not fit the plan", m.Component, m.Version, m.Recipient.Kind)
		}
		targets[i] = t
		f := i
		for j := run; j < i; j++ {
			if targets[j].g == t.g {
				f = first[j]
				break
			}
		}
		if fm := ms[f]; f != i && (!fm.Volume.Equal(m.Volume) || fm.Count != m.Count) {
			return nil, true, measureError(i, m, "component %q disagrees with /measures/%d, which counts the same transactions", m.Component, f)
		}
		first[i] = f
		members[f]++
	}
	for i, m := range ms {
		t := targets[i]
		size := 0
		for _, g := range t.side.groupOf {
			if g == t.g {
				size++
			}
		}
		if members[first[i]] != size {
			return nil, true, measureError(i, m, "component %q lacks the measures of the components it shares transactions with", m.Component)
		}
	}
	return targets, true, nil
}

// partialTarget returns m's target, or false if m names no component
// version of the plan that pays its recipient kind, or has no recipient ID
// or no transactions.
func (a *Accumulator) partialTarget(m PartialMeasure) (partialTarget, bool) {
	for ci := range a.plan.comps {
		c := &a.plan.comps[ci]
		if c.spec.ID != m.Component || c.spec.Version != m.Version {
			continue
		}
		if c.spec.Recipient != m.Recipient.Kind || m.Recipient.ID == "" || m.Count <= 0 {
			return partialTarget{}, false
		}
		s := &a.sides[m.Recipient.Kind]
		g := s.groupOf[slices.Index(s.comps, ci)]
		return partialTarget{side: s, g: g, rep: s.groups[g] == ci, c: c}, true
	}
	return partialTarget{}, false
}

// measureError reports measure i of a partial that does not fit the
// accumulator: a *DataError at /measures/i matching ErrMismatch.
func measureError(i int, m PartialMeasure, format string, args ...any) error {
	for k, a := range args {
		if s, ok := a.(string); ok {
			args[k] = field.Truncate(s)
		}
	}
	return &DataError{Recipient: field.Truncate(m.Recipient.String()), Path: field.At("measures", i),
		Err: fmt.Errorf("%w: "+format, append([]any{ErrMismatch}, args...)...)}
}

// MarshalJSON encodes the partial deterministically.
func (p Partial) MarshalJSON() ([]byte, error) {
	if b, ok := appendPartial(make([]byte, 0, 64+120*len(p.Measures)), p); ok {
		return b, nil
	}
	return p.marshalStrict()
}

// marshalStrict is MarshalJSON through strictjson: for claims, and for
// whatever appendPartial leaves to strictjson to write or refuse.
func (p Partial) marshalStrict() ([]byte, error) {
	type plain Partial
	return strictjson.Marshal(plain(p))
}

// ParsePartial decodes a partial document as MarshalJSON writes it,
// strictly: unknown fields, duplicate or case-variant keys, null, JSON
// numbers where decimals are expected, documents over MaxPartialBytes or
// nested deeper than MaxPartialDepth fail with a *strictjson.Error naming
// the JSON Pointer. Whether the partial fits a plan and period is checked
// by Accumulator.AddPartial.
func ParsePartial(data []byte) (Partial, error) {
	if p, ok := readCanonicalPartial(data); ok {
		return p, nil
	}
	return parsePartialStrict(data)
}

// parsePartialStrict is ParsePartial through strictjson: for every
// document readCanonicalPartial does not read.
func parsePartialStrict(data []byte) (Partial, error) {
	type plain Partial
	var p plain
	if err := strictjson.Unmarshal(data, &p, strictjson.Limits{MaxBytes: MaxPartialBytes, MaxDepth: MaxPartialDepth}); err != nil {
		return Partial{}, err
	}
	return Partial(p), nil
}

// UnmarshalJSON is ParsePartial.
func (p *Partial) UnmarshalJSON(b []byte) error {
	v, err := ParsePartial(b)
	if err != nil {
		return err
	}
	*p = v
	return nil
}
