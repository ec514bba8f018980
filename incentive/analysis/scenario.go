package analysis

import (
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Limits of a scenario, checked by NewScenario and ParseScenario.
const (
	// MaxScenarioBytes is the largest scenario document ParseScenario
	// reads.
	MaxScenarioBytes = 1 << 20
	// MaxScenarioDepth is the deepest nesting of a scenario document
	// (/scales/0/factor has depth 3).
	MaxScenarioDepth = 3
	// MaxScales is the largest number of scales in a scenario.
	MaxScales = 10000
	// MaxShifts is the largest number of shifts in a scenario.
	MaxShifts = 10000
)

// ShiftSpec moves a share of the volume of one product category to
// another: every sale, credit note or return of category From (of one
// partner or segment, or of all) is split into the part that stays, with
// 1 − Σ shares of its Amount and Units, and one part per shift in
// category To, with Share of them. The parts are the original transaction
// (same ID, date, partner and everything else) with only the category and
// the volume changed, and sum exactly to it.
type ShiftSpec struct {
	// Dimension restricts the shift to one partner (ScalePartner) or
	// segment (ScaleSegment), or applies it to every transaction
	// (ScaleAll, with no Value). ScaleCategory is not a restriction here:
	// the category is what shifts.
	Dimension Dimension `json:"dimension"`
	Value     string    `json:"value,omitzero"`
	// From and To are product categories (Transaction.Category), distinct,
	// each of at most incentive.MaxIDLen bytes.
	From string `json:"from"`
	To   string `json:"to"`
	// Share is the share of From's volume moved, with its unit ("15%" or
	// "1500bp"), above 0 and at most 100 %. The shares of every shift out
	// of one category sum to at most 100 %, so that no transaction can
	// lose more than its volume. Required.
	Share *money.Rate `json:"share"`
}

// ScaleSpec multiplies the volumes of the transactions of one partner,
// segment or product category (or of all of them) by Factor.
type ScaleSpec struct {
	Dimension Dimension `json:"dimension"`
	// Value is the partner ID, segment or category the scale applies to;
	// empty for ScaleAll. At most incentive.MaxIDLen bytes.
	Value string `json:"value,omitzero"`
	// Factor multiplies Amount and Units, exactly: "1.1" is 10 % more
	// volume, "0" none (the transaction is dropped). At least 0, at most
	// 18 digits after the point, below 10^18. Required.
	Factor *decimal.Decimal `json:"factor"`
}

// ScenarioSpec is the open form of a what-if scenario, as stored in JSON:
// {"scales": [{"dimension": "segment", "value": "smb", "factor": "1.2"}]}.
type ScenarioSpec struct {
	Scales []ScaleSpec `json:"scales"`
	// Shifts change the product mix; they apply before the scales, so a
	// category's scale applies to the volume shifted into it.
	Shifts []ShiftSpec `json:"shifts,omitzero"`
}

// Scenario is a validated, immutable set of volume scales. A transaction's
// volume is multiplied by the product of the factors of every scale that
// matches it (all, its partner, its segment, its category), so scales
// compose: segment "smb" × 1.2 and partner "acme" × 0.5 give an smb sale
// of acme 0.6 times its volume. The zero Scenario changes nothing.
type Scenario struct {
	spec   ScenarioSpec
	all    decimal.Decimal
	hasAll bool
	by     [ScaleCategory + 1]map[string]decimal.Decimal
	// shifts indexes the shifts by the category they move volume out of.
	shifts map[string][]ShiftSpec
}

// NewScenario validates spec: every scale has a named dimension, a value
// (none for ScaleAll) of at most incentive.MaxIDLen bytes, a factor (at
// least 0, at most 18 digits after the point, below 10^18), and no
// dimension and value appear twice; at most MaxScales scales. Problems are
// *ParamError values joined, at their JSON Pointer ("/scales/2/factor").
func NewScenario(spec ScenarioSpec) (Scenario, error) {
	var l errList
	if len(spec.Scales) > MaxScales {
		l.add("/scales", strconv.Itoa(len(spec.Scales)), wrap(ErrTooMany, "%d scales, at most %d", len(spec.Scales), MaxScales))
		return Scenario{}, l.err()
	}
	sc := Scenario{spec: ScenarioSpec{Scales: make([]ScaleSpec, len(spec.Scales))}}
	for i, s := range spec.Scales {
		p := "/scales/" + strconv.Itoa(i)
		switch {
		case !s.Dimension.IsValid():
			l.add(p+"/dimension", s.Dimension.String(), wrap(ErrInvalid, "dimension required"))
		case s.Dimension == ScaleAll && s.Value != "":
			l.add(p+"/value", s.Value, wrap(ErrInvalid, "a scale of all transactions has no value"))
		case s.Dimension != ScaleAll && s.Value == "":
			l.add(p+"/value", "", wrap(ErrInvalid, "required for a %s scale", s.Dimension))
		case len(s.Value) > incentive.MaxIDLen:
			l.add(p+"/value", s.Value, wrap(ErrInvalid, "at most %d bytes", incentive.MaxIDLen))
		}
		ok := false
		if s.Factor == nil {
			l.add(p+"/factor", "", wrap(ErrInvalid, "required"))
		} else {
			ok = checkDecimal(&l, p+"/factor", *s.Factor, false)
		}
		if !ok || !s.Dimension.IsValid() {
			continue
		}
		f := *s.Factor
		sc.spec.Scales[i] = ScaleSpec{Dimension: s.Dimension, Value: s.Value, Factor: &f}
		if s.Dimension == ScaleAll {
			if sc.hasAll {
				l.add(p, "all", wrap(ErrDuplicate, "a second scale of all transactions"))
			}
			sc.all, sc.hasAll = f, true
			continue
		}
		m := sc.by[s.Dimension]
		if m == nil {
			m = map[string]decimal.Decimal{}
			sc.by[s.Dimension] = m
		}
		if _, dup := m[s.Value]; dup {
			l.add(p+"/value", s.Value, wrap(ErrDuplicate, "a second %s scale for %q", s.Dimension, s.Value))
		}
		m[s.Value] = f
	}
	sc.spec.Shifts, sc.shifts = checkShifts(&l, spec.Shifts)
	if err := l.err(); err != nil {
		return Scenario{}, err
	}
	return sc, nil
}

// checkShifts validates the shifts and indexes them by From.
func checkShifts(l *errList, shifts []ShiftSpec) ([]ShiftSpec, map[string][]ShiftSpec) {
	if len(shifts) > MaxShifts {
		l.add("/shifts", strconv.Itoa(len(shifts)), wrap(ErrTooMany, "%d shifts, at most %d", len(shifts), MaxShifts))
		return nil, nil
	}
	if len(shifts) == 0 {
		return nil, nil
	}
	out := make([]ShiftSpec, len(shifts))
	by := map[string][]ShiftSpec{}
	total := map[string]decimal.Decimal{}
	id := func(path, v, what string) bool {
		if v == "" || len(v) > incentive.MaxIDLen {
			l.add(path, v, wrap(ErrInvalid, "%s of 1 to %d bytes required", what, incentive.MaxIDLen))
			return false
		}
		return true
	}
	for i, s := range shifts {
		p := "/shifts/" + strconv.Itoa(i)
		ok := true
		switch s.Dimension {
		case ScaleAll:
			if s.Value != "" {
				l.add(p+"/value", s.Value, wrap(ErrInvalid, "a shift of all transactions has no value"))
				ok = false
			}
		case ScalePartner, ScaleSegment:
			ok = id(p+"/value", s.Value, "a "+s.Dimension.String())
		case ScaleCategory:
			l.add(p+"/dimension", s.Dimension.String(), wrap(ErrInvalid, "a shift moves volume between categories: restrict it to all, a partner or a segment"))
			ok = false
		case DimensionUnspecified:
			l.add(p+"/dimension", s.Dimension.String(), wrap(ErrInvalid, "dimension required"))
			ok = false
		default:
			l.add(p+"/dimension", s.Dimension.String(), wrap(ErrInvalid, "unknown dimension"))
			ok = false
		}
		okFrom, okTo := id(p+"/from", s.From, "a category"), id(p+"/to", s.To, "a category")
		if okFrom && okTo && s.From == s.To {
			l.add(p+"/to", s.To, wrap(ErrInvalid, "the same category as from"))
			ok = false
		}
		okShare := false
		switch {
		case s.Share == nil:
			l.add(p+"/share", "", wrap(ErrInvalid, "required (the share of the volume moved, \"10%%\")"))
		case s.Share.Sign() <= 0 || s.Share.Fraction().Cmp(decimal.NewFromInt(1)) > 0:
			l.add(p+"/share", s.Share.String(), wrap(ErrInvalid, "above 0 and at most 100%%"))
		default:
			okShare = checkDecimal(l, p+"/share", s.Share.Fraction(), false)
		}
		if !ok || !okFrom || !okTo || !okShare {
			continue
		}
		if slices.ContainsFunc(shifts[:i], func(o ShiftSpec) bool {
			return o.Dimension == s.Dimension && o.Value == s.Value && o.From == s.From && o.To == s.To
		}) {
			l.add(p, s.From+" → "+s.To, wrap(ErrDuplicate, "a second %s shift from %q to %q", s.Dimension, s.From, s.To))
			continue
		}
		t := total[s.From].Add(s.Share.Fraction())
		if t.Cmp(decimal.NewFromInt(1)) > 0 {
			l.add(p+"/share", s.Share.String(), wrap(ErrInvalid, "the shifts out of category %q sum to %s%%, more than 100%%", s.From, num(t.Shift(2))))
		}
		total[s.From] = t
		r := *s.Share
		out[i] = ShiftSpec{Dimension: s.Dimension, Value: s.Value, From: s.From, To: s.To, Share: &r}
		by[s.From] = append(by[s.From], out[i])
	}
	return out, by
}

// ParseScenario decodes a scenario document strictly (unknown or repeated
// members, null, a JSON number for a factor, an unknown dimension,
// documents over MaxScenarioBytes or deeper than MaxScenarioDepth are a
// *ParamError at the member's JSON Pointer, matching ErrInvalid and the
// strictjson sentinel; more than MaxScales scales is ErrTooMany) and
// validates it as NewScenario does.
func ParseScenario(data []byte) (Scenario, error) {
	return parse(data, strictjson.Limits{MaxBytes: MaxScenarioBytes, MaxDepth: MaxScenarioDepth}, NewScenario, strictjson.RatesWithUnit())
}

// MustParseScenario is ParseScenario that panics on error, for literals
// in tests and examples.
func MustParseScenario(doc string) Scenario {
	s, err := ParseScenario([]byte(doc))
	if err != nil {
		panic(err)
	}
	return s
}

// Spec returns a copy of the scenario's specification.
func (s Scenario) Spec() ScenarioSpec {
	out := ScenarioSpec{Scales: make([]ScaleSpec, len(s.spec.Scales))}
	for i, x := range s.spec.Scales {
		f := *x.Factor
		out.Scales[i] = ScaleSpec{Dimension: x.Dimension, Value: x.Value, Factor: &f}
	}
	for _, x := range s.spec.Shifts {
		r := *x.Share
		x.Share = &r
		out.Shifts = append(out.Shifts, x)
	}
	return out
}

// Equal reports whether s and o list the same scales and shifts in the
// same order, factors and shares compared numerically.
func (s Scenario) Equal(o Scenario) bool {
	return slices.EqualFunc(s.spec.Scales, o.spec.Scales, func(a, b ScaleSpec) bool {
		return a.Dimension == b.Dimension && a.Value == b.Value && a.Factor.Equal(*b.Factor)
	}) && slices.EqualFunc(s.spec.Shifts, o.spec.Shifts, func(a, b ShiftSpec) bool {
		return a.Dimension == b.Dimension && a.Value == b.Value && a.From == b.From && a.To == b.To && a.Share.Equal(*b.Share)
	})
}

// MarshalJSON writes the scenario document ParseScenario reads.
// Shares are written as percentages ("12.5%").
func (s Scenario) MarshalJSON() ([]byte, error) {
	return strictjson.Marshal(s.Spec(), strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParseScenario.
func (s *Scenario) UnmarshalJSON(b []byte) error {
	v, err := ParseScenario(b)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Factor returns the product of the factors of every scale matching t
// (1 when none does).
func (s Scenario) Factor(t incentive.Transaction) decimal.Decimal {
	f := decimal.NewFromInt(1)
	if s.hasAll {
		f = f.Mul(s.all)
	}
	for _, k := range [...]struct {
		dim Dimension
		v   string
	}{{ScalePartner, t.PartnerID}, {ScaleSegment, t.Segment}, {ScaleCategory, t.Category}} {
		if x, ok := s.by[k.dim][k.v]; ok {
			f = f.Mul(x)
		}
	}
	return f
}

// Transactions returns what the alternative of a what-if sees in place of
// t: the shifts that apply to t split it (the part left in its category,
// when any is, then one part per shift, in the order of the scenario's
// shifts: see ShiftSpec), then each part is scaled as Apply scales it and
// dropped when its factor is 0. Without shifts that apply it is Apply's
// one transaction, or none. Qualifying events are returned unchanged.
// Before the scales, the parts' amounts and units sum exactly to t's.
func (s Scenario) Transactions(t incentive.Transaction) []incentive.Transaction {
	parts := s.shift(t)
	out := parts[:0]
	for _, u := range parts {
		if v, keep := s.Apply(u); keep {
			out = append(out, v)
		}
	}
	return out
}

// shift splits t by the shifts that apply to it.
func (s Scenario) shift(t incentive.Transaction) []incentive.Transaction {
	if t.Kind == incentive.QualifyingEvent {
		return []incentive.Transaction{t}
	}
	var moved []incentive.Transaction
	left := decimal.NewFromInt(1)
	for _, sh := range s.shifts[t.Category] {
		switch {
		case sh.Dimension == ScalePartner && sh.Value != t.PartnerID,
			sh.Dimension == ScaleSegment && sh.Value != t.Segment:
			continue
		}
		f := sh.Share.Fraction()
		u := t
		u.Category, u.Amount, u.Units = sh.To, t.Amount.Mul(f), t.Units.Mul(f)
		moved = append(moved, u)
		left = left.Sub(f)
	}
	if len(moved) == 0 {
		return []incentive.Transaction{t}
	}
	if left.Sign() == 0 {
		return moved
	}
	t.Amount, t.Units = t.Amount.Mul(left), t.Units.Mul(left)
	return append([]incentive.Transaction{t}, moved...)
}

// Apply returns t with its Amount and Units multiplied by Factor(t),
// exactly (the product may be finer than the currency's minor unit:
// incentive sums such measures exactly), and false when the factor is 0
// and t is a sale, credit note or return: the scenario drops it.
// Qualifying events carry no volume and are returned unchanged. Apply
// applies the scales alone; a scenario's shifts split a transaction in
// several, which Transactions returns (WhatIf uses it).
func (s Scenario) Apply(t incentive.Transaction) (incentive.Transaction, bool) {
	if t.Kind == incentive.QualifyingEvent {
		return t, true
	}
	f := s.Factor(t)
	if f.IsZero() {
		return t, false
	}
	if !f.Equal(decimal.NewFromInt(1)) {
		t.Amount = t.Amount.Mul(f)
		t.Units = t.Units.Mul(f)
	}
	return t, true
}
