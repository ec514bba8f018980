package analysis

import (
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
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
)

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
	if err := l.err(); err != nil {
		return Scenario{}, err
	}
	return sc, nil
}

// ParseScenario decodes a scenario document strictly (unknown or repeated
// members, null, a JSON number for a factor, an unknown dimension,
// documents over MaxScenarioBytes or deeper than MaxScenarioDepth are a
// *ParamError at the member's JSON Pointer, matching ErrInvalid and the
// strictjson sentinel; more than MaxScales scales is ErrTooMany) and
// validates it as NewScenario does.
func ParseScenario(data []byte) (Scenario, error) {
	return parse(data, strictjson.Limits{MaxBytes: MaxScenarioBytes, MaxDepth: MaxScenarioDepth}, NewScenario)
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
	return out
}

// Equal reports whether s and o list the same scales in the same order,
// factors compared numerically.
func (s Scenario) Equal(o Scenario) bool {
	return slices.EqualFunc(s.spec.Scales, o.spec.Scales, func(a, b ScaleSpec) bool {
		return a.Dimension == b.Dimension && a.Value == b.Value && a.Factor.Equal(*b.Factor)
	})
}

// MarshalJSON writes the scenario document ParseScenario reads.
func (s Scenario) MarshalJSON() ([]byte, error) { return strictjson.Marshal(s.Spec()) }

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

// Apply returns t with its Amount and Units multiplied by Factor(t),
// exactly (the product may be finer than the currency's minor unit:
// incentive sums such measures exactly), and false when the factor is 0
// and t is a sale, credit note or return: the scenario drops it.
// Qualifying events carry no volume and are returned unchanged.
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
