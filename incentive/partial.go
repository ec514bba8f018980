package incentive

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Partial is an accumulator's state as data: the exact measure of every
// recipient × component version seen so far. A host that shards
// transactions across machines sends each shard's Partial (as JSON) to one
// place and combines them with AddPartial; the combination is exact and
// independent of order.
type Partial struct {
	PlanHash     string           `json:"plan_hash"`
	Period       string           `json:"period"`
	Transactions int64            `json:"transactions"`
	Skipped      int64            `json:"skipped"`
	Measures     []PartialMeasure `json:"measures"`
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

// MaxPartialBytes bounds the JSON document ParsePartial reads.
const MaxPartialBytes = 256 << 20

// Partial returns the accumulator's state, sorted by recipient ID,
// recipient kind, component ID and version.
func (a *Accumulator) Partial() Partial {
	p := Partial{PlanHash: a.plan.hash, Period: a.period.ID, Transactions: a.txs, Skipped: a.skipped, Measures: []PartialMeasure{}}
	for k := Partner; k <= Rep; k++ {
		s := &a.sides[k]
		n := len(s.groups)
		for i, id := range s.ids {
			for j, ci := range s.comps {
				ai := i*n + s.groupOf[j]
				ac := &s.accs[ai]
				if ac.n == 0 {
					continue
				}
				c := &a.plan.comps[ci]
				p.Measures = append(p.Measures, PartialMeasure{Recipient: Recipient{Kind: k, ID: id},
					Component: c.spec.ID, Version: c.spec.Version, Volume: s.total(ai, c.scale).dec(), Count: ac.n})
			}
		}
	}
	slices.SortFunc(p.Measures, func(x, y PartialMeasure) int {
		if c := x.Recipient.compare(y.Recipient); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Component, y.Component); c != 0 {
			return c
		}
		return cmp.Compare(x.Version, y.Version)
	})
	return p
}

// AddPartial adds a partial result produced for the same plan (by hash)
// and period (by ID). ErrMismatch, with the accumulator unchanged, for a
// measure naming an unknown component version or a recipient kind the
// component does not pay, a measure listed twice, and measures of
// components that count the same transactions (same raw measure,
// eligibility and dates; Partial lists all of them) that are missing or
// disagree.
func (a *Accumulator) AddPartial(p Partial) error {
	if p.PlanHash != a.plan.hash || p.Period != a.period.ID {
		return fmt.Errorf("%w: partial for plan %q period %q, accumulator for %q %q", ErrMismatch, truncate(p.PlanHash), truncate(p.Period), a.plan.hash, a.period.ID)
	}
	if p.Transactions < 0 || p.Skipped < 0 {
		return fmt.Errorf("%w: negative counts", ErrData)
	}
	type target struct {
		side *side
		g    int // group
		rep  bool
		c    *component
	}
	// Components that share a group (same raw measure, eligibility and
	// dates) appear once each in a partial with the same volume and count;
	// only the group's representative is merged. A partial that lists a
	// measure twice, omits a member or disagrees within a group is
	// rejected, not silently half-merged or completed.
	type groupKey struct {
		kind RecipientKind
		id   string
		g    int
	}
	type groupSeen struct {
		first   int // index of the first measure of the group
		members int // measures of the group seen
	}
	targets := make([]target, len(p.Measures))
	groups := map[groupKey]groupSeen{}
	type measureKey struct {
		rec                Recipient
		component, version string
	}
	seen := map[measureKey]bool{}
	for i, m := range p.Measures {
		found := false
		for ci := range a.plan.comps {
			c := &a.plan.comps[ci]
			if c.spec.ID != m.Component || c.spec.Version != m.Version {
				continue
			}
			if c.spec.Recipient != m.Recipient.Kind || m.Recipient.ID == "" || m.Count <= 0 {
				break
			}
			s := &a.sides[m.Recipient.Kind]
			g := s.groupOf[slices.Index(s.comps, ci)]
			targets[i] = target{side: s, g: g, rep: s.groups[g] == ci, c: c}
			found = true
			break
		}
		if !found {
			return fmt.Errorf("%w: measure %d (%s %q version %q) does not fit the plan", ErrMismatch, i, m.Recipient, truncate(m.Component), truncate(m.Version))
		}
		id := measureKey{m.Recipient, m.Component, m.Version}
		if seen[id] {
			return fmt.Errorf("%w: measure %d (%s %q version %q) is listed twice", ErrMismatch, i, m.Recipient, truncate(m.Component), truncate(m.Version))
		}
		seen[id] = true
		k := groupKey{m.Recipient.Kind, m.Recipient.ID, targets[i].g}
		gs, ok := groups[k]
		if !ok {
			gs.first = i
		} else if f := p.Measures[gs.first]; !f.Volume.Equal(m.Volume) || f.Count != m.Count {
			return fmt.Errorf("%w: measure %d (%s %q) disagrees with measure %d, which counts the same transactions", ErrMismatch, i, m.Recipient, truncate(m.Component), gs.first)
		}
		gs.members++
		groups[k] = gs
	}
	for i, m := range p.Measures { // in order, so the error is deterministic
		t := targets[i]
		size := 0
		for _, g := range t.side.groupOf {
			if g == t.g {
				size++
			}
		}
		if groups[groupKey{m.Recipient.Kind, m.Recipient.ID, t.g}].members != size {
			return fmt.Errorf("%w: measure %d (%s %q) lacks the measures of the components it shares transactions with", ErrMismatch, i, m.Recipient, truncate(m.Component))
		}
	}
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

// MarshalJSON encodes the partial deterministically.
func (p Partial) MarshalJSON() ([]byte, error) {
	type plain Partial
	return strictjson.Marshal(plain(p))
}

// ParsePartial decodes a partial strictly (see strictjson), with at most
// MaxPartialBytes bytes.
func ParsePartial(data []byte) (Partial, error) {
	type plain Partial
	var p plain
	if err := strictjson.Unmarshal(data, &p, strictjson.Limits{MaxBytes: MaxPartialBytes, MaxDepth: 4}); err != nil {
		return Partial{}, err
	}
	return Partial(p), nil
}
