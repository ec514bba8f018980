package money

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Weight is one share of an allocation: a non-negative weight and the
// caller's stable key, used to break ties between equal remainders.
type Weight struct {
	Key   string
	Value decimal.Decimal // the weight: non-negative
}

// Allocate splits total by weights with the largest-remainder method, in
// total's minor units. For each weight the exact share is
// q_i = T·w_i/Σw minor units; part i gets ⌊q_i⌋ and the units left over go,
// one each, to the largest fractional parts of q_i, ties broken by
// ascending Key. So:
//
//   - the parts sum exactly to total;
//   - each part is within one minor unit of its exact share;
//   - the result does not depend on the order of weights (the part for a
//     key is the same in any permutation);
//   - a negative total gives the mirror image of the positive one.
//
// Parts are returned in the order of weights. total must be a whole number
// of minor units (ErrPrecision otherwise: round it first) and valid. Errors:
// ErrNoWeights, *WeightError (ErrNegativeWeight, ErrDuplicateKey, ErrRange
// for a weight outside the operating range), ErrZeroWeights, and a
// *RangeError (ErrRange) for a total outside the operating range (see
// MaxExponent).
func Allocate(total Amount, weights []Weight) ([]Amount, error) {
	t, err := wholeUnits("Allocate", total)
	if err != nil {
		return nil, err
	}
	order, err := checkWeights(weights)
	if err != nil {
		return nil, err
	}
	digits := total.cur.Digits()
	out := make([]Amount, len(weights))
	if t.small {
		if fast, ok := allocateUint64(t.v, weights, order); ok {
			for i, u := range fast {
				out[i] = mkAmount(u, -int64(digits), total.cur)
			}
			return out, nil
		}
	}
	for i, u := range allocateBig(t.big(), weights, order) {
		out[i] = fromDec(decimal.NewFromBigInt(u, -digits), total.cur)
	}
	return out, nil
}

// units is a whole number of minor units: v when small, else b.
type units struct {
	v     int64
	b     *big.Int
	small bool
}

// big returns u as a *big.Int.
func (u units) big() *big.Int {
	if u.small {
		return big.NewInt(u.v)
	}
	return u.b
}

// wholeUnits returns total as a whole number of its currency's minor
// units, checking that it is valid (ErrInvalidCurrency), in the operating
// range (*RangeError) and a whole number of minor units (ErrPrecision).
func wholeUnits(op string, total Amount) (units, error) {
	if err := total.cur.check(op); err != nil {
		return units{}, err
	}
	digits := total.cur.Digits()
	if !total.wide {
		v, err := minorCompact(total, digits)
		switch err {
		case nil:
			return units{v: v, small: true}, nil
		case ErrPrecision:
			return units{}, err
		}
		// Beyond int64 in minor units: the big path below.
	}
	value := total.dec()
	if err := checkExp("total", value); err != nil {
		return units{}, err
	}
	if value.Exponent() < -digits && !value.RoundDown(digits).Equal(value) {
		return units{}, ErrPrecision
	}
	b := value.Shift(digits).BigInt()
	if b.IsInt64() {
		return units{v: b.Int64(), small: true}, nil
	}
	return units{b: b}, nil
}

// MaxParts is the largest number of parts Split accepts.
const MaxParts = 1_000_000

// Split divides total into n equal parts in its minor units (1 ≤ n ≤
// MaxParts): every part gets ⌊T/n⌋ minor units of the T in total, and the
// T mod n units left over go one each to the first parts. Parts are
// identical, so their position is their stable key: Split is Allocate
// with n equal weights whose keys sort in position order, and the result
// does not depend on anything but total and n. So:
//
//   - the parts sum exactly to total;
//   - they differ by at most one minor unit, the larger ones first;
//   - a negative total gives the mirror image of the positive one
//     (−100.00 USD in 3 is −33.34, −33.33, −33.33).
//
// total must be valid and a whole number of minor units (ErrPrecision
// otherwise: round it first). Errors: ErrInvalidCurrency, ErrPrecision,
// and a *RangeError (ErrRange) for n outside [1, MaxParts] or a total
// outside the operating range (see MaxExponent).
func Split(total Amount, n int) ([]Amount, error) {
	tu, err := wholeUnits("Split", total)
	if err != nil {
		return nil, err
	}
	t := tu.big()
	if n < 1 || n > MaxParts {
		return nil, &RangeError{Quantity: "number of parts", Value: strconv.Itoa(n), Min: "1", Max: strconv.Itoa(MaxParts)}
	}
	digits := total.cur.Digits()
	q, r := new(big.Int).QuoRem(new(big.Int).Abs(t), big.NewInt(int64(n)), new(big.Int))
	if t.Sign() < 0 {
		q.Neg(q)
	}
	// Only two part values occur: build each decimal once.
	small := fromDec(decimal.NewFromBigInt(q, -digits), total.cur)
	bigger := small
	if r.Sign() != 0 {
		bigger = small.add(FromMinor(int64(t.Sign()), total.cur))
	}
	left := int(r.Int64()) // < n
	out := make([]Amount, n)
	for i := range out {
		if i < left {
			out[i] = bigger
		} else {
			out[i] = small
		}
	}
	return out, nil
}

// AllocateInt64 is Allocate on a plain integer number of units (minor
// units, people, points): the same largest-remainder method, guarantees,
// tie-break by ascending Key and errors (ErrNoWeights, *WeightError,
// ErrZeroWeights). Any int64 total works, math.MinInt64 included: every
// part lies between 0 and total, so no part can overflow. The products
// of total and the weights are computed in 128 bits, or with big
// integers when the weights are too large for that.
func AllocateInt64(total int64, weights []Weight) ([]int64, error) {
	order, err := checkWeights(weights)
	if err != nil {
		return nil, err
	}
	if parts, ok := allocateUint64(total, weights, order); ok {
		return parts, nil
	}
	wide := allocateBig(big.NewInt(total), weights, order)
	parts := make([]int64, len(wide))
	for i, p := range wide {
		if !p.IsInt64() { // unreachable: |p| ≤ |total|
			return nil, ErrOverflow
		}
		parts[i] = p.Int64()
	}
	return parts, nil
}

// AllocateUnits is AllocateInt64 for totals beyond int64: the same
// method, guarantees and errors, on a *big.Int; a nil total is
// ErrNilTotal. The parts are new big.Ints; total is not modified. Prefer
// AllocateInt64 when the total fits an int64.
func AllocateUnits(total *big.Int, weights []Weight) ([]*big.Int, error) {
	if total == nil {
		return nil, ErrNilTotal
	}
	order, err := checkWeights(weights)
	if err != nil {
		return nil, err
	}
	return allocateBig(total, weights, order), nil
}

// checkWeights validates the weights and returns their indices sorted by
// key, the tie-break order.
func checkWeights(weights []Weight) ([]int, error) {
	if len(weights) == 0 {
		return nil, ErrNoWeights
	}
	zero := true
	for i, w := range weights {
		switch w.Value.Sign() {
		case -1:
			return nil, &WeightError{Index: i, Key: w.Key, Err: ErrNegativeWeight}
		case 1:
			zero = false
		}
		if !inRange(w.Value) {
			return nil, &WeightError{Index: i, Key: w.Key, Err: checkExp("weight", w.Value)}
		}
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(weights[a].Key, weights[b].Key) })
	for k := 1; k < len(order); k++ {
		if weights[order[k]].Key == weights[order[k-1]].Key {
			i := max(order[k], order[k-1])
			return nil, &WeightError{Index: i, Key: weights[i].Key, Err: ErrDuplicateKey}
		}
	}
	if zero {
		return nil, ErrZeroWeights
	}
	return order, nil
}

func minExponent(weights []Weight) int32 {
	e := int32(0)
	for _, w := range weights {
		e = min(e, w.Value.Exponent())
	}
	return e
}

// allocateUint64 is the fast path: the weights scaled to integers, their
// sum and |total| all fit in uint64 and |total| in int64. The products
// t·w_i are 128-bit (math/bits), and each quotient is ≤ t. It reports
// false when a value does not fit; allocateBig then does the same
// computation with big integers.
func allocateUint64(t64 int64, weights []Weight, order []int) ([]int64, bool) {
	if t64 == math.MinInt64 {
		return nil, false
	}
	neg := t64 < 0
	t := uint64(t64)
	if neg {
		t = uint64(-t64)
	}
	minExp := minExponent(weights)
	ints := make([]uint64, len(weights))
	var sum uint64
	for i, w := range weights {
		var v uint64 // the coefficient, non-negative: checked
		if w.Value.NumDigits() <= 18 {
			v = uint64(w.Value.CoefficientInt64()) // no copy of the big.Int
		} else if c := w.Value.Coefficient(); c.IsUint64() {
			v = c.Uint64()
		} else {
			return nil, false
		}
		for k := w.Value.Exponent(); k > minExp; k-- {
			hi, lo := bits.Mul64(v, 10)
			if hi != 0 {
				return nil, false
			}
			v = lo
		}
		var carry uint64
		sum, carry = bits.Add64(sum, v, 0)
		if carry != 0 {
			return nil, false
		}
		ints[i] = v
	}
	parts := make([]int64, len(weights))
	rems := make([]uint64, len(weights))
	var given uint64
	for i, v := range ints {
		hi, lo := bits.Mul64(t, v)
		q, r := bits.Div64(hi, lo, sum) // hi < sum since v ≤ sum
		parts[i], rems[i] = int64(q), r
		given += q
	}
	left := t - given // < len(weights)
	if left > 0 {
		// Largest remainder first, ties by key: sort (remainder, key
		// position) pairs, compact and without indirection.
		type rp struct {
			rem uint64
			pos int
		}
		rps := make([]rp, len(order))
		for pos, i := range order {
			rps[pos] = rp{rems[i], pos}
		}
		slices.SortFunc(rps, func(a, b rp) int {
			if a.rem != b.rem {
				return cmp.Compare(b.rem, a.rem)
			}
			return cmp.Compare(a.pos, b.pos)
		})
		for _, x := range rps[:left] {
			parts[order[x.pos]]++
		}
	}
	if neg {
		for i := range parts {
			parts[i] = -parts[i]
		}
	}
	return parts, true
}

// byRemainder sorts order, which is sorted by key, into largest remainder
// first (cmpRem), ties kept in key order. Ranking by key position and
// sorting once (pdqsort, O(n log n)) is faster than a stable merge sort
// (O(n log² n)).
func byRemainder(order []int, cmpRem func(a, b int) int) {
	rank := make([]int, len(order))
	for pos, i := range order {
		rank[i] = pos
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmpRem(a, b); c != 0 {
			return c
		}
		return cmp.Compare(rank[a], rank[b])
	})
}

func allocateBig(total *big.Int, weights []Weight, order []int) []*big.Int {
	minExp := minExponent(weights)
	ints := make([]*big.Int, len(weights))
	sum := new(big.Int)
	for i, w := range weights {
		ints[i] = w.Value.Shift(-minExp).BigInt()
		sum.Add(sum, ints[i])
	}
	neg := total.Sign() < 0
	t := new(big.Int).Abs(total)
	parts := make([]*big.Int, len(weights))
	rems := make([]*big.Int, len(weights))
	given := new(big.Int)
	for i := range weights {
		num := new(big.Int).Mul(t, ints[i])
		q, r := new(big.Int), new(big.Int)
		q.QuoRem(num, sum, r)
		parts[i], rems[i] = q, r
		given.Add(given, q)
	}
	left := new(big.Int).Sub(t, given).Int64() // < len(weights)
	byRemainder(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	one := big.NewInt(1)
	for k := int64(0); k < left; k++ {
		parts[order[k]].Add(parts[order[k]], one)
	}
	if neg {
		for _, p := range parts {
			p.Neg(p)
		}
	}
	return parts
}
