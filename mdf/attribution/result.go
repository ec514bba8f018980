package attribution

import (
	"cmp"
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Result is an attribution: the total attributed and every channel's
// credit.
type Result struct {
	Method Method
	Basis  Basis
	// Currency of Total and the credits under Revenue; the zero Currency
	// under Conversions.
	Currency money.Currency
	// Places of Total and the credits: the currency's minor-unit digits,
	// or the rule's places.
	Places int32
	// Total is what is attributed: the sum of the conversion values, or
	// the number of converting journeys.
	Total decimal.Decimal
	// Journeys and Converted count the journeys and the converting ones.
	Journeys, Converted int
	// Credits has one entry per channel seen in any journey, sorted by
	// channel name. Their values sum exactly to Total.
	Credits []Credit
	// Markov holds the chain's figures (Markov only).
	Markov MarkovDetail
	// Sampling holds how Shapley values were sampled; zero when they are
	// exact (and for every other method).
	Sampling SamplingDetail
}

// Credit is one channel's share of the total.
type Credit struct {
	Channel string
	// Value is the credit, rounded once: Exact rounded down to Places,
	// plus one unit for the channels with the largest remainders (see the
	// package documentation).
	Value decimal.Decimal
	// Exact is the unrounded credit, in units of the total (currency
	// units or conversions).
	Exact Fraction
	// Removal is the channel's removal effect RE_c (Markov only).
	Removal Fraction
	// Bound is the sampling error bound of Exact at the sampling
	// confidence, rounded up to Places (sampled Shapley only, else zero).
	Bound decimal.Decimal
}

// MarkovDetail is the fitted chain of a Markov attribution.
type MarkovDetail struct {
	// Order is the chain's order k.
	Order int
	// States counts the transient states, the start state included.
	States int
	// Conversion is P(conv), the probability of reaching the conversion
	// state from the start state.
	Conversion Fraction
}

// SamplingDetail says how Shapley values were estimated.
type SamplingDetail struct {
	// Permutations is the number of sampled permutations (0: exact).
	Permutations int
	// Confidence is the probability that every |Exact − φ| ≤ Bound
	// holds for one channel (Chebyshev's inequality).
	Confidence money.Rate
}

// Credit returns the credit of channel, zero for a channel that appears
// in no journey.
func (r Result) Credit(channel string) decimal.Decimal {
	i, ok := slices.BinarySearchFunc(r.Credits, channel, func(c Credit, s string) int { return cmp.Compare(c.Channel, s) })
	if !ok {
		return decimal.New(0, -r.Places)
	}
	return r.Credits[i].Value
}

// Fraction is an exact non-negative rational number, as a numerator and
// a denominator in lowest terms. The zero Fraction is 0.
type Fraction struct {
	num, den *big.Int // never mutated once set; nil means 0/1
}

func fractionOf(r *big.Rat) Fraction {
	if r == nil || r.Sign() == 0 {
		return Fraction{}
	}
	return Fraction{num: new(big.Int).Set(r.Num()), den: new(big.Int).Set(r.Denom())}
}

// Num returns a copy of the numerator.
func (f Fraction) Num() *big.Int {
	if f.num == nil {
		return new(big.Int)
	}
	return new(big.Int).Set(f.num)
}

// Den returns a copy of the denominator (1 for the zero Fraction).
func (f Fraction) Den() *big.Int {
	if f.den == nil {
		return big.NewInt(1)
	}
	return new(big.Int).Set(f.den)
}

// Rat returns f as a new big.Rat.
func (f Fraction) Rat() *big.Rat { return new(big.Rat).SetFrac(f.Num(), f.Den()) }

// String returns "num/den", or "num" when the denominator is 1.
func (f Fraction) String() string { return f.Rat().RatString() }

// Equal reports whether f and o are the same number.
func (f Fraction) Equal(o Fraction) bool { return f.Rat().Cmp(o.Rat()) == 0 }

// Round returns f rounded once to places with mode.
func (f Fraction) Round(places int32, mode money.RoundingMode) (decimal.Decimal, error) {
	return money.Div(decimal.NewFromBigInt(f.Num(), 0), decimal.NewFromBigInt(f.Den(), 0), places, mode)
}

// u128 is an unsigned 128-bit accumulator.
type u128 struct{ hi, lo uint64 }

func (a *u128) add(v uint64) {
	var c uint64
	a.lo, c = bits.Add64(a.lo, v, 0)
	a.hi += c
}

func (a *u128) addMul(x, y uint64) {
	hi, lo := bits.Mul64(x, y)
	var c uint64
	a.lo, c = bits.Add64(a.lo, lo, 0)
	a.hi += hi + c
}

func (a u128) big() *big.Int {
	z := new(big.Int).SetUint64(a.hi)
	z.Lsh(z, 64)
	return z.Or(z, new(big.Int).SetUint64(a.lo))
}

func (a u128) isZero() bool { return a.hi == 0 && a.lo == 0 }

// result builds the result: the total split in proportion to weights
// (one per channel, non-negative), rounded once.
func (r Rule) result(d data, weights []*big.Rat) Result {
	res := Result{
		Method: r.spec.Method, Basis: r.spec.Basis, Journeys: len(d.off) - 1, Converted: d.nconv,
		Credits: make([]Credit, len(d.channels)),
	}
	if r.spec.Basis == Revenue {
		res.Currency = *r.spec.Currency
		res.Places = res.Currency.Digits()
	} else {
		res.Places = *r.spec.Places
	}
	total := d.total.big()
	parts, exact := allocate(total, weights)
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(res.Places)), nil)
	res.Total = decimal.NewFromBigInt(total, -res.Places)
	for i, c := range d.channels {
		q := new(big.Rat).Quo(exact[i], new(big.Rat).SetInt(scale))
		res.Credits[i] = Credit{Channel: c, Value: decimal.NewFromBigInt(parts[i], -res.Places), Exact: fractionOf(q), Bound: decimal.New(0, -res.Places)}
	}
	return res
}

// allocate splits total (a whole number of units, ≥ 0) in proportion to
// the non-negative weights: part i gets ⌊q_i⌋ of its exact share
// q_i = total·w_i/Σw, and the units left over go one each to the largest
// fractional parts, ties to the lower index (channels are sorted by
// name). It returns the parts and the exact shares. With Σw = 0 every
// part is zero.
func allocate(total *big.Int, weights []*big.Rat) ([]*big.Int, []*big.Rat) {
	n := len(weights)
	parts := make([]*big.Int, n)
	exact := make([]*big.Rat, n)
	sum := new(big.Rat)
	for _, w := range weights {
		sum.Add(sum, w)
	}
	type rem struct {
		i    int
		frac *big.Rat
	}
	rems := make([]rem, n)
	given := new(big.Int)
	t := new(big.Rat).SetInt(total)
	for i, w := range weights {
		q := new(big.Rat)
		if sum.Sign() != 0 {
			q.Mul(t, w).Quo(q, sum)
		}
		exact[i] = q
		fl := new(big.Int).Quo(q.Num(), q.Denom()) // q ≥ 0: truncation is the floor
		parts[i] = fl
		given.Add(given, fl)
		rems[i] = rem{i, new(big.Rat).Sub(q, new(big.Rat).SetInt(fl))}
	}
	if sum.Sign() == 0 {
		return parts, exact
	}
	left := new(big.Int).Sub(total, given).Int64() // < n
	slices.SortStableFunc(rems, func(a, b rem) int {
		if c := b.frac.Cmp(a.frac); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for k := range left {
		parts[rems[k].i].Add(parts[rems[k].i], big.NewInt(1))
	}
	return parts, exact
}
