package attribution

import (
	"strconv"
	"time"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Documented limits of rules and journeys.
const (
	// MaxRuleBytes is the largest rule document ParseRule reads.
	MaxRuleBytes = 16 << 10
	// MaxRuleDepth is the deepest nesting of a rule document (the deepest
	// member, /shapley/sampling/seed/0, has depth 4).
	MaxRuleDepth = 4
	// MaxConversionPlaces is the largest number of places of a conversions credit.
	MaxConversionPlaces = 18
	// MaxOrder is the largest Markov order.
	MaxOrder = 4
	// MaxDecaySteps is the largest number of steps in a half-life.
	MaxDecaySteps = 1000
	// MaxExactChannels is the largest number of channels whose Shapley
	// values are computed exactly (2^20 coalitions).
	MaxExactChannels = 20
	// MaxPermutations is the largest number of sampled permutations.
	MaxPermutations = 1_000_000
)

// RuleSpec is the open, declarative form of an attribution rule, as a
// host stores it in JSON: the method, what is attributed, and the
// method's parameters. NewRule validates it into a Rule.
//
// Members a method does not use must be absent: Position only for
// PositionBased, Decay only for TimeDecay, Order only for Markov, Shapley
// only for Shapley. Currency is required under Revenue and absent under
// Conversions; Places the other way round.
type RuleSpec struct {
	// Method is the attribution method. Required.
	Method Method `json:"method"`
	// Basis says what is attributed. Required.
	Basis Basis `json:"basis"`
	// Currency of the conversion values and credits, under Revenue.
	Currency *money.Currency `json:"currency,omitempty"`
	// Places of the conversions credits, in [0, MaxConversionPlaces], under
	// Conversions.
	Places *int32 `json:"places,omitempty"`
	// Position holds the shares of the PositionBased method.
	Position *PositionSpec `json:"position,omitempty"`
	// Decay holds the half-life of the TimeDecay method.
	Decay *DecaySpec `json:"decay,omitempty"`
	// Order is the Markov order k in [1, MaxOrder]: states are the last
	// k channels. Required for Markov.
	Order int `json:"order,omitzero"`
	// Shapley holds the game of the Shapley method.
	Shapley *ShapleySpec `json:"shapley,omitempty"`
}

// PositionSpec is the share of a conversion given to the first touch, to
// the touches between (together) and to the last touch, e.g. 40/20/40.
// All three are required, in [0, 1], and sum to exactly 1.
type PositionSpec struct {
	First  *money.Rate `json:"first,omitempty"`
	Middle *money.Rate `json:"middle,omitempty"`
	Last   *money.Rate `json:"last,omitempty"`
}

// DecaySpec is the half-life of the TimeDecay method and the step in
// which time before the conversion is counted. Both are required and
// positive; HalfLife must be a whole number m of steps, 1 ≤ m ≤
// MaxDecaySteps.
type DecaySpec struct {
	HalfLife Span `json:"half_life"`
	Step     Span `json:"step"`
}

// ShapleySpec is the game of the Shapley method.
type ShapleySpec struct {
	// Value is the coalition value v(S). Required.
	Value Coalition `json:"value"`
	// ExactUpTo is the largest number of channels solved exactly, in
	// [0, MaxExactChannels]; absent (0) means MaxExactChannels. Beyond
	// it the values are sampled, which needs Sampling.
	ExactUpTo int `json:"exact_up_to,omitzero"`
	// Sampling is used when the journeys have more channels than
	// ExactUpTo.
	Sampling *SamplingSpec `json:"sampling,omitempty"`
}

// SamplingSpec is how Shapley values are estimated by sampling
// permutations: how many, with which seed of the PCG generator, and the
// confidence of the reported error bound.
type SamplingSpec struct {
	// Permutations is the number of sampled permutations, in
	// [1, MaxPermutations].
	Permutations int `json:"permutations"`
	// Seed seeds math/rand/v2's PCG: rand.NewPCG(Seed[0], Seed[1]).
	Seed [2]uint64 `json:"seed"`
	// Confidence is 1 − δ of the error bound, in (0, 1). Required.
	Confidence *money.Rate `json:"confidence,omitempty"`
}

// Span is a positive duration with a text form ("168h", "90m"), as
// time.ParseDuration reads it and time.Duration.String writes it.
type Span time.Duration

// String returns the duration as time.Duration.String writes it.
func (s Span) String() string { return time.Duration(s).String() }

// MarshalText returns String; a span that is not positive fails
// (ErrInvalid).
func (s Span) MarshalText() ([]byte, error) {
	if s <= 0 {
		return nil, wrap(ErrInvalid, "duration %s is not positive", s)
	}
	return []byte(s.String()), nil
}

// UnmarshalText parses a positive duration ("168h", "1h30m"). On error s
// is unchanged.
func (s *Span) UnmarshalText(b []byte) error {
	d, err := time.ParseDuration(string(b))
	if err != nil {
		return wrap(ErrInvalid, "not a duration like \"168h\"")
	}
	if d <= 0 {
		return wrap(ErrInvalid, "duration %s is not positive", d)
	}
	*s = Span(d)
	return nil
}

func (s RuleSpec) clone() RuleSpec {
	s.Currency = clonePtr(s.Currency)
	s.Places = clonePtr(s.Places)
	if s.Position != nil {
		p := PositionSpec{First: clonePtr(s.Position.First), Middle: clonePtr(s.Position.Middle), Last: clonePtr(s.Position.Last)}
		s.Position = &p
	}
	s.Decay = clonePtr(s.Decay)
	if s.Shapley != nil {
		sh := *s.Shapley
		if sh.Sampling != nil {
			sm := *sh.Sampling
			sm.Confidence = clonePtr(sm.Confidence)
			sh.Sampling = &sm
		}
		s.Shapley = &sh
	}
	return s
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Equal reports whether two specifications are the same (rates compared
// numerically).
func (s RuleSpec) Equal(o RuleSpec) bool {
	return s.Method == o.Method && s.Basis == o.Basis &&
		ptrEqual(s.Currency, o.Currency, func(a, b money.Currency) bool { return a == b }) &&
		ptrEqual(s.Places, o.Places, func(a, b int32) bool { return a == b }) &&
		ptrEqual(s.Position, o.Position, PositionSpec.Equal) &&
		ptrEqual(s.Decay, o.Decay, func(a, b DecaySpec) bool { return a == b }) &&
		s.Order == o.Order && ptrEqual(s.Shapley, o.Shapley, ShapleySpec.Equal)
}

// Equal reports whether two position specifications are the same.
func (p PositionSpec) Equal(o PositionSpec) bool {
	return ptrEqual(p.First, o.First, money.Rate.Equal) && ptrEqual(p.Middle, o.Middle, money.Rate.Equal) &&
		ptrEqual(p.Last, o.Last, money.Rate.Equal)
}

// Equal reports whether two Shapley specifications are the same.
func (s ShapleySpec) Equal(o ShapleySpec) bool {
	return s.Value == o.Value && s.ExactUpTo == o.ExactUpTo && ptrEqual(s.Sampling, o.Sampling, SamplingSpec.Equal)
}

// Equal reports whether two sampling specifications are the same.
func (s SamplingSpec) Equal(o SamplingSpec) bool {
	return s.Permutations == o.Permutations && s.Seed == o.Seed && ptrEqual(s.Confidence, o.Confidence, money.Rate.Equal)
}

func ptrEqual[T any](a, b *T, eq func(T, T) bool) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return eq(*a, *b)
}

// Rule is a validated, immutable attribution rule. Get one from NewRule
// or ParseRule; the zero Rule is invalid and attributes nothing.
type Rule struct {
	spec  RuleSpec
	valid bool
	unit  int64 // units of one conversion under Conversions (10^places)
	steps int64 // TimeDecay: steps per half-life
}

// NewRule validates spec and returns the rule. Every problem is reported
// at once, as errors.Join of *InputError values naming the JSON Pointer
// of each member ("/position/first", "/decay/half_life") and matching
// ErrMissing, ErrInvalid, ErrRange or ErrEnum.
func NewRule(spec RuleSpec) (Rule, error) {
	var l errList
	checkRule(&l, spec)
	if err := l.err(); err != nil {
		return Rule{}, err
	}
	r := Rule{spec: spec.clone(), valid: true}
	if spec.Basis == Conversions {
		r.unit = pow10(*spec.Places)
	}
	if spec.Method == TimeDecay {
		r.steps = int64(spec.Decay.HalfLife / spec.Decay.Step)
	}
	return r, nil
}

func pow10(n int32) int64 {
	u := int64(1)
	for range n {
		u *= 10
	}
	return u
}

func checkRule(l *errList, s RuleSpec) {
	if !s.Method.IsValid() {
		v, err := enumProblem(s.Method == MethodUnspecified, s.Method.String())
		l.add("/method", v, wrap(err, "give one of first-touch, last-touch, linear, position-based, time-decay, markov, shapley"))
	}
	switch s.Basis {
	case Revenue:
		if s.Currency == nil || !s.Currency.IsValid() {
			l.add("/currency", "", wrap(ErrMissing, "revenue needs its currency"))
		}
		if s.Places != nil {
			l.add("/places", strconv.Itoa(int(*s.Places)), wrap(ErrInvalid, "set, but revenue is credited to the currency's minor unit"))
		}
	case Conversions:
		if s.Currency != nil {
			l.add("/currency", s.Currency.Code(), wrap(ErrInvalid, "set, but conversions have no currency"))
		}
		if s.Places == nil {
			l.add("/places", "", wrap(ErrMissing, "conversions need the places of their credits"))
		} else if *s.Places < 0 || *s.Places > MaxConversionPlaces {
			l.add("/places", strconv.Itoa(int(*s.Places)), wrap(ErrRange, "places must be in [0, %d]", MaxConversionPlaces))
		}
	case BasisUnspecified:
		l.add("/basis", "", wrap(ErrMissing, "give revenue or conversions"))
	default:
		l.add("/basis", s.Basis.String(), wrap(ErrEnum, "give revenue or conversions"))
	}
	member := func(set bool, name string, method Method) {
		switch {
		case set && s.Method != method:
			l.add("/"+name, "", wrap(ErrInvalid, "set, but only the %s method uses it", method))
		case !set && s.Method == method:
			l.add("/"+name, "", wrap(ErrMissing, "the %s method needs it", method))
		}
	}
	member(s.Position != nil, "position", PositionBased)
	member(s.Decay != nil, "decay", TimeDecay)
	member(s.Order != 0, "order", Markov)
	member(s.Shapley != nil, "shapley", Shapley)
	if s.Position != nil {
		checkPosition(l, *s.Position)
	}
	if s.Decay != nil {
		checkDecay(l, *s.Decay)
	}
	if s.Order != 0 && (s.Order < 1 || s.Order > MaxOrder) {
		l.add("/order", strconv.Itoa(s.Order), wrap(ErrRange, "order must be in [1, %d]", MaxOrder))
	}
	if s.Shapley != nil {
		checkShapley(l, *s.Shapley)
	}
}

// enumProblem is ErrMissing (no value to show) for an unspecified
// enumeration value, and ErrEnum with its name for one out of range.
func enumProblem(unspecified bool, name string) (string, error) {
	if unspecified {
		return "", ErrMissing
	}
	return name, ErrEnum
}

func checkPosition(l *errList, p PositionSpec) {
	sum := money.MustRate("0")
	ok := true
	for _, m := range []struct {
		name string
		r    *money.Rate
	}{{"first", p.First}, {"middle", p.Middle}, {"last", p.Last}} {
		path := "/position/" + m.name
		switch {
		case m.r == nil:
			l.add(path, "", wrap(ErrMissing, "every position share is required"))
			ok = false
		case money.CheckRange(path, m.r.Fraction()) != nil || !m.r.Within(money.MustRate("0"), money.MustRate("1")):
			l.add(path, m.r.FormatFraction(), wrap(ErrInvalid, "must be in [0, 1]"))
			ok = false
		default:
			sum = sum.Add(*m.r)
		}
	}
	if ok && !sum.Equal(money.MustRate("1")) {
		l.add("/position", sum.FormatFraction(), wrap(ErrInvalid, "first, middle and last must sum to exactly 1"))
	}
}

func checkDecay(l *errList, d DecaySpec) {
	ok := true
	if d.HalfLife <= 0 {
		l.add("/decay/half_life", "", wrap(ErrMissing, "a positive half-life is required"))
		ok = false
	}
	if d.Step <= 0 {
		l.add("/decay/step", "", wrap(ErrMissing, "a positive step is required"))
		ok = false
	}
	if !ok {
		return
	}
	if d.HalfLife%d.Step != 0 || d.HalfLife/d.Step > MaxDecaySteps {
		l.add("/decay/half_life", d.HalfLife.String(), wrap(ErrRange, "must be a whole number of steps (%s), at most %d", d.Step, MaxDecaySteps))
	}
}

func checkShapley(l *errList, s ShapleySpec) {
	if !s.Value.IsValid() {
		v, err := enumProblem(s.Value == CoalitionUnspecified, s.Value.String())
		l.add("/shapley/value", v, wrap(err, "give subset or touching"))
	}
	if s.ExactUpTo < 0 || s.ExactUpTo > MaxExactChannels {
		l.add("/shapley/exact_up_to", strconv.Itoa(s.ExactUpTo), wrap(ErrRange, "must be in [0, %d]", MaxExactChannels))
	}
	if s.Sampling == nil {
		return
	}
	sm := *s.Sampling
	if sm.Permutations < 1 || sm.Permutations > MaxPermutations {
		l.add("/shapley/sampling/permutations", strconv.Itoa(sm.Permutations), wrap(ErrRange, "must be in [1, %d]", MaxPermutations))
	}
	switch c := sm.Confidence; {
	case c == nil:
		l.add("/shapley/sampling/confidence", "", wrap(ErrMissing, "the confidence of the error bound is required"))
	case money.CheckRange("confidence", c.Fraction()) != nil || c.Sign() <= 0 || c.Cmp(money.MustRate("1")) >= 0:
		l.add("/shapley/sampling/confidence", c.FormatFraction(), wrap(ErrInvalid, "must be in (0, 1)"))
	}
}

// ParseRule decodes a rule document strictly and validates it as NewRule
// does. Unknown or case-variant duplicate members, null, JSON numbers for
// rates, documents over MaxRuleBytes or nested deeper than MaxRuleDepth
// fail with an *InputError at the offending JSON Pointer that also
// matches the strictjson sentinel and its cause.
func ParseRule(data []byte) (Rule, error) {
	var spec RuleSpec
	if err := strictjson.Unmarshal(data, &spec, strictjson.Limits{MaxBytes: MaxRuleBytes, MaxDepth: MaxRuleDepth}, strictjson.RatesWithUnit()); err != nil {
		return Rule{}, documentError(err)
	}
	return NewRule(spec)
}

// MustParseRule is ParseRule that panics on error, for literals in tests
// and examples.
func MustParseRule(data string) Rule {
	r, err := ParseRule([]byte(data))
	if err != nil {
		panic(err)
	}
	return r
}

// IsValid reports whether r was built by NewRule or ParseRule.
func (r Rule) IsValid() bool { return r.valid }

// Spec returns a deep copy of the specification r was built from.
func (r Rule) Spec() RuleSpec { return r.spec.clone() }

// Method returns the rule's method.
func (r Rule) Method() Method { return r.spec.Method }

// Basis returns what the rule attributes.
func (r Rule) Basis() Basis { return r.spec.Basis }

// Equal reports whether two rules have the same specification.
func (r Rule) Equal(o Rule) bool { return r.valid == o.valid && r.spec.Equal(o.spec) }

// MarshalJSON encodes the specification in the form ParseRule reads.
// The zero Rule fails.
func (r Rule) MarshalJSON() ([]byte, error) {
	if !r.valid {
		return nil, errZeroRule()
	}
	return strictjson.Marshal(r.spec, strictjson.RatesWithUnit())
}

// UnmarshalJSON is ParseRule.
func (r *Rule) UnmarshalJSON(b []byte) error {
	q, err := ParseRule(b)
	if err == nil {
		*r = q
	}
	return err
}

func errZeroRule() error {
	return &InputError{Err: wrap(ErrInvalid, "the zero Rule (use NewRule or ParseRule)")}
}
