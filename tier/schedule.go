package tier

import (
	"sort"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Schedule is a validated, immutable tier schedule. Get one from New or
// MustNew. The zero Schedule is invalid (IsValid reports false) and pays 0
// for every volume.
type Schedule struct {
	spec Spec
	// rates[i] is what tier i multiplies the volume by in the rate modes:
	// its Rate, or its Price as a fraction; nil in the amount modes.
	rates []money.Rate
	// cum[i] is the Incremental payout on reaching tier i: the payout at
	// Tiers[i].From under tier i-1's terms plus tier i's flat fee; nil in
	// the other modes.
	cum     []decimal.Decimal
	perUnit bool
}

// New validates spec and returns the schedule it describes. Every problem
// is reported at once: the error is an errors.Join of *SpecError values,
// each naming the field by its JSON Pointer ("/tiers/2/from") and
// unwrapping to a sentinel
// (ErrUnsorted, ErrGap, ErrRate, …). The schedule keeps its own copy of
// spec.Tiers.
func New(spec Spec) (Schedule, error) {
	if err := spec.validate(); err != nil {
		return Schedule{}, err
	}
	s := Schedule{spec: spec.clone(), perUnit: spec.perUnit()}
	t := s.spec.Tiers
	if usesRates(spec.Mode) {
		s.rates = make([]money.Rate, len(t))
		for i := range t {
			s.rates[i] = t[i].multiplier()
		}
	}
	if spec.Mode == Incremental {
		s.cum = make([]decimal.Decimal, len(t))
		s.cum[0] = t[0].Flat
		for i := 1; i < len(t); i++ {
			s.cum[i] = s.cum[i-1].Add(s.rates[i-1].Of(t[i].From.Sub(t[i-1].From))).Add(t[i].Flat)
		}
	}
	return s, nil
}

// MustNew is New that panics on error, for literals in tests and examples.
func MustNew(spec Spec) Schedule {
	s, err := New(spec)
	if err != nil {
		panic(err)
	}
	return s
}

// IsValid reports whether s was built by New.
func (s Schedule) IsValid() bool { return s.spec.Mode.IsValid() }

// Spec returns a copy of the schedule's specification.
func (s Schedule) Spec() Spec { return s.spec.clone() }

// Mode returns the schedule's mode.
func (s Schedule) Mode() Mode { return s.spec.Mode }

// Boundary returns the schedule's boundary convention.
func (s Schedule) Boundary() Boundary { return s.spec.Boundary }

// PerUnit reports whether the schedule's tiers carry prices per unit of
// volume (Tier.Price) rather than rates: its Result.Rate values are then
// prices, printed "10 per unit".
func (s Schedule) PerUnit() bool { return s.perUnit }

// Len returns the number of tiers (knots for Linear).
func (s Schedule) Len() int { return len(s.spec.Tiers) }

// Equal reports whether s and o have equal specifications.
func (s Schedule) Equal(o Schedule) bool { return s.spec.Equal(o.spec) }

// locate returns the 0-based index of the tier containing x under the
// schedule's boundary convention, or -1 if x is below the first bound. The
// first tier always contains its own lower bound.
func (s Schedule) locate(x decimal.Decimal) int {
	t := s.spec.Tiers
	n := len(t)
	if n == 0 {
		return -1
	}
	switch c := x.Cmp(t[0].From); {
	case c < 0:
		return -1
	case c == 0:
		return 0
	}
	switch s.spec.Boundary {
	case LowerInclusive:
		// number of bounds <= x, minus one
		return sort.Search(n, func(i int) bool { return t[i].From.Cmp(x) > 0 }) - 1
	case UpperInclusive:
		// number of bounds < x, minus one
		return sort.Search(n, func(i int) bool { return t[i].From.Cmp(x) >= 0 }) - 1
	case BoundaryUnspecified:
		return -1
	}
	return -1
}

// Payout returns R(x), the exact, unrounded payout for cumulative volume x
// (see the package documentation for each mode's formula and for negative
// volumes). Only Linear rounds, and only the interpolated rate, as the
// Spec declares. The caller rounds the payout it reports.
func (s Schedule) Payout(x decimal.Decimal) decimal.Decimal {
	return s.payoutIn(s.locate(x), x)
}

// Marginal returns what a deal of size d earns at prior attainment prior:
// R(prior + d) − R(prior) ("running attainment"), never the rate of the
// tier prior + d reaches times d. A negative d (a return) gives back what
// the same volume earned. Summing Marginal over a sequence of deals gives
// R(total) − R(start) in any order.
func (s Schedule) Marginal(prior, d decimal.Decimal) decimal.Decimal {
	return s.Payout(prior.Add(d)).Sub(s.Payout(prior))
}

// payoutIn returns the payout of x using the terms of tier j (j = -1: below
// the first tier).
func (s Schedule) payoutIn(j int, x decimal.Decimal) decimal.Decimal {
	sp := s.spec
	t := sp.Tiers
	switch sp.Mode {
	case AllUnits:
		if j < 0 {
			return s.rates[0].Of(x)
		}
		return s.rates[j].Of(x).Add(t[j].Flat)
	case Incremental:
		if j < 0 {
			return s.rates[0].Of(x.Sub(t[0].From))
		}
		return s.cum[j].Add(s.rates[j].Of(x.Sub(t[j].From)))
	case RetroFromThreshold:
		if j < 0 || x.Cmp(sp.Threshold) <= 0 {
			return decimal.Decimal{}
		}
		return s.rates[j].Of(x.Sub(sp.Threshold))
	case Linear:
		return s.linearRate(j, x).Of(x)
	case Increment:
		return t[0].Amount.Mul(s.steps(x))
	case FlatPerTier:
		if j < 0 {
			return decimal.Decimal{}
		}
		return t[j].Amount
	case Package:
		return t[0].Amount.Mul(s.blocks(x))
	case ModeUnspecified:
		return decimal.Decimal{}
	}
	return decimal.Decimal{}
}

// linearRate returns the interpolated rate in segment j (-1 below the first
// knot), rounded once to RatePlaces with Rounding.
func (s Schedule) linearRate(j int, x decimal.Decimal) money.Rate {
	t, r := s.spec.Tiers, s.rates
	if j < 0 {
		return r[0]
	}
	if j >= len(t)-1 {
		return r[len(t)-1]
	}
	a, b := t[j], t[j+1]
	span := b.From.Sub(a.From) // > 0 by validation
	// rate = (r_a·span + (r_b − r_a)·(x − a)) / span, rounded once.
	num := r[j].Of(span).Add(r[j+1].Sub(r[j]).Of(x.Sub(a.From)))
	q, err := money.Div(num, span, s.spec.RatePlaces, s.spec.Rounding)
	if err != nil {
		return r[j] // unreachable: span > 0, places and mode validated
	}
	return money.RateFromFraction(q)
}

// steps returns the number of full steps above the threshold (Increment):
// ⌊(x − θ)/s⌋ for x > θ, else 0.
func (s Schedule) steps(x decimal.Decimal) decimal.Decimal {
	over := x.Sub(s.spec.Threshold)
	if over.Sign() <= 0 || s.spec.Step.Sign() <= 0 {
		return decimal.Decimal{}
	}
	q, _ := over.QuoRem(s.spec.Step, 0) // truncation = floor for over > 0
	return q
}

// blocks returns the number of started blocks (Package): for x > 0,
// ⌈x/s⌉ under UpperInclusive and ⌊x/s⌋ + 1 under LowerInclusive; 0 for
// x <= 0.
func (s Schedule) blocks(x decimal.Decimal) decimal.Decimal {
	if x.Sign() <= 0 || s.spec.Step.Sign() <= 0 {
		return decimal.Decimal{}
	}
	q, r := x.QuoRem(s.spec.Step, 0)
	one := decimal.New(1, 0)
	switch s.spec.Boundary {
	case LowerInclusive:
		return q.Add(one)
	case UpperInclusive:
		if r.IsZero() {
			return q
		}
		return q.Add(one)
	case BoundaryUnspecified:
		return decimal.Decimal{}
	}
	return decimal.Decimal{}
}
