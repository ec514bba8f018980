package money

import (
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Weight is one share of an allocation: a non-negative weight and the
// caller's stable key, used to break ties between equal remainders.
type Weight struct {
	Key    string
	Weight decimal.Decimal
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
// ErrNoWeights, *WeightError (ErrNegativeWeight, ErrDuplicateKey),
// ErrZeroWeights.
func Allocate(total Amount, weights []Weight) ([]Amount, error) {
	if err := total.cur.check("Allocate"); err != nil {
		return nil, err
	}
	digits := total.cur.Digits()
	if total.value.Exponent() < -digits && !total.value.RoundDown(digits).Equal(total.value) {
		return nil, ErrPrecision
	}
	units, err := AllocateUnits(total.value.Shift(digits).BigInt(), weights)
	if err != nil {
		return nil, err
	}
	out := make([]Amount, len(units))
	for i, u := range units {
		out[i] = Amount{value: decimal.NewFromBigInt(u, -digits), cur: total.cur}
	}
	return out, nil
}

// AllocateUnits is Allocate on a plain integer number of units (minor
// units, people, points). It has the same guarantees and errors.
func AllocateUnits(total *big.Int, weights []Weight) ([]*big.Int, error) {
	if len(weights) == 0 {
		return nil, ErrNoWeights
	}
	// Scale the decimal weights to integers with a common exponent.
	minExp := int32(0)
	for i, w := range weights {
		if w.Weight.Sign() < 0 {
			return nil, &WeightError{Index: i, Key: w.Key, Err: ErrNegativeWeight}
		}
		if e := w.Weight.Exponent(); e < minExp {
			minExp = e
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
	ints := make([]*big.Int, len(weights))
	sum := new(big.Int)
	for i, w := range weights {
		ints[i] = w.Weight.Shift(-minExp).BigInt()
		sum.Add(sum, ints[i])
	}
	if sum.Sign() == 0 {
		return nil, ErrZeroWeights
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
	// Largest remainder first; ties by key (order is already key-sorted,
	// and the sort is stable).
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	one := big.NewInt(1)
	for k := int64(0); k < left; k++ {
		parts[order[k]].Add(parts[order[k]], one)
	}
	if neg {
		for _, p := range parts {
			p.Neg(p)
		}
	}
	return parts, nil
}
