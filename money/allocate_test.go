package money_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

func w(key, weight string) money.Weight {
	return money.Weight{Key: key, Value: money.MustDecimal(weight)}
}

func strs(as []money.Amount) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return out
}

// Hand calculations: 100.00 USD = 10000 cents over 1:1:1 → exact shares
// 3333.33… each, floors 3333 ×3 = 9999, one cent left; the remainders tie,
// so the smallest key ("a") gets it whatever the input order.
func TestAllocateGolden(t *testing.T) {
	tests := []struct {
		name    string
		total   string
		weights []money.Weight
		want    []string
	}{
		{"thirds", "100.00 USD", []money.Weight{w("a", "1"), w("b", "1"), w("c", "1")},
			[]string{"33.34 USD", "33.33 USD", "33.33 USD"}},
		{"thirds reversed input", "100.00 USD", []money.Weight{w("c", "1"), w("b", "1"), w("a", "1")},
			[]string{"33.33 USD", "33.33 USD", "33.34 USD"}},
		// -100.00 mirrors +100.00.
		{"negative thirds", "-100.00 USD", []money.Weight{w("a", "1"), w("b", "1"), w("c", "1")},
			[]string{"-33.34 USD", "-33.33 USD", "-33.33 USD"}},
		// 10 cents by 70/20/10 % → 7, 2, 1 exactly.
		{"exact", "0.10 USD", []money.Weight{w("x", "0.7"), w("y", "0.2"), w("z", "0.1")},
			[]string{"0.07 USD", "0.02 USD", "0.01 USD"}},
		// 5 cents over 1:1: shares 2.5 each; tie → "a".
		{"tie", "0.05 USD", []money.Weight{w("b", "1"), w("a", "1")},
			[]string{"0.02 USD", "0.03 USD"}},
		// 1000 JPY (0 digits) by 1:2 → 333.33…, 666.66…; floors 333+666=999,
		// the larger remainder (.66) gets the yen.
		{"yen", "1000 JPY", []money.Weight{w("p", "1"), w("q", "2")},
			[]string{"333 JPY", "667 JPY"}},
		// A zero weight gets nothing.
		{"zero weight", "1.00 USD", []money.Weight{w("p", "0"), w("q", "3")},
			[]string{"0.00 USD", "1.00 USD"}},
		// 1.000 BHD (3 digits) by 1:1:1 → 333.33 fils each; 1 fil to "a".
		{"dinar", "1.000 BHD", []money.Weight{w("a", "1"), w("b", "1"), w("c", "1")},
			[]string{"0.334 BHD", "0.333 BHD", "0.333 BHD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := money.Allocate(money.MustParse(tt.total), tt.weights)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, strs(got)); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	usd := money.MustParse("1.00 USD")
	_, err := money.Allocate(usd, nil)
	require.ErrorIs(t, err, money.ErrNoWeights)
	_, err = money.Allocate(usd, []money.Weight{w("a", "1"), w("b", "-1")})
	require.ErrorIs(t, err, money.ErrNegativeWeight)
	var we *money.WeightError
	require.True(t, errors.As(err, &we))
	require.Equal(t, 1, we.Index)
	require.Equal(t, "b", we.Key)
	_, err = money.Allocate(usd, []money.Weight{w("a", "0"), w("b", "0")})
	require.ErrorIs(t, err, money.ErrZeroWeights)
	_, err = money.Allocate(usd, []money.Weight{w("a", "1"), w("a", "2")})
	require.ErrorIs(t, err, money.ErrDuplicateKey)
	_, err = money.Allocate(money.MustParse("1.005 USD"), []money.Weight{w("a", "1")})
	require.ErrorIs(t, err, money.ErrPrecision)
	_, err = money.Allocate(money.Amount{}, []money.Weight{w("a", "1")})
	require.ErrorIs(t, err, money.ErrInvalidCurrency)
}

// Properties: conservation, fairness (each part within one minor unit of
// its exact share), order independence, mirror for negative totals.
func TestAllocateProperties(t *testing.T) {
	usd := money.MustCurrency("USD")
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		weights := make([]money.Weight, n)
		nonzero := false
		for i := range weights {
			v := rapid.Int64Range(0, 1_000_000).Draw(t, "w")
			nonzero = nonzero || v != 0
			weights[i] = money.Weight{Key: fmt.Sprintf("k%02d", i), Value: decimal.New(v, -rapid.Int32Range(0, 3).Draw(t, "e"))}
		}
		if !nonzero {
			weights[0].Value = decimal.New(1, 0)
		}
		cents := rapid.Int64Range(-1e12, 1e12).Draw(t, "cents")
		total := money.FromMinor(cents, usd)
		parts, err := money.Allocate(total, weights)
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := money.Sum(usd, parts...)
		if !sum.Equal(total) {
			t.Fatalf("sum %s != total %s", sum, total)
		}
		var W decimal.Decimal
		for _, x := range weights {
			W = W.Add(x.Value)
		}
		oneCent := decimal.New(1, -2)
		for i, p := range parts {
			// exact share = total·w/W; |p − share|·W < 1 cent·W (no division).
			lhs := p.Decimal().Mul(W).Sub(total.Decimal().Mul(weights[i].Value)).Abs()
			if lhs.Cmp(oneCent.Mul(W)) >= 0 {
				t.Fatalf("part %d = %s not within a cent of its share", i, p)
			}
		}
		// The int64 fast path (Allocate) agrees with the big-integer path
		// (AllocateUnits).
		units, err := money.AllocateUnits(big.NewInt(cents), weights)
		if err != nil {
			t.Fatal(err)
		}
		for i := range units {
			if !units[i].IsInt64() || !money.FromMinor(units[i].Int64(), usd).Equal(parts[i]) {
				t.Fatalf("fast path %s != big path %s at %d", parts[i], units[i], i)
			}
		}
		// Order independence: a permutation gives each key the same part.
		perm := rapid.Permutation(weights).Draw(t, "perm")
		parts2, err := money.Allocate(total, perm)
		if err != nil {
			t.Fatal(err)
		}
		byKey := map[string]money.Amount{}
		for i, p := range parts {
			byKey[weights[i].Key] = p
		}
		for i, p := range parts2 {
			if !byKey[perm[i].Key].Equal(p) {
				t.Fatalf("key %s: %s vs %s after permutation", perm[i].Key, byKey[perm[i].Key], p)
			}
		}
		// Mirror.
		neg, err := money.Allocate(total.Neg(), weights)
		if err != nil {
			t.Fatal(err)
		}
		for i := range neg {
			if !neg[i].Equal(parts[i].Neg()) {
				t.Fatalf("mirror broken at %d: %s vs %s", i, neg[i], parts[i])
			}
		}
	})
}

func TestAllocateUnitsBig(t *testing.T) {
	// 10^30 units over 1:1:1 → 333…333 ×3 + 1 to key "a".
	total, _ := new(big.Int).SetString("1000000000000000000000000000000", 10)
	parts, err := money.AllocateUnits(total, []money.Weight{w("a", "1"), w("b", "1"), w("c", "1")})
	require.NoError(t, err)
	require.Equal(t, "333333333333333333333333333334", parts[0].String())
	require.Equal(t, "333333333333333333333333333333", parts[2].String())
}

func BenchmarkAllocate10000(b *testing.B) {
	weights := make([]money.Weight, 10000)
	for i := range weights {
		weights[i] = money.Weight{Key: fmt.Sprintf("partner-%05d", i), Value: decimal.New(int64(i*7919%1000+1), -2)}
	}
	total := money.MustParse("1234567.89 USD")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := money.Allocate(total, weights); err != nil {
			b.Fatal(err)
		}
	}
}

func big7() *big.Int { return big.NewInt(7) }

// Weights too large for the uint64 fast path take the big-integer path with
// the same result: 1.00 USD over 10^25 : 10^25 : 10^25 is the thirds case
// (33.34 / 33.33 / 33.33, leftover cent to key "a").
func TestAllocateHugeWeights(t *testing.T) {
	huge := "10000000000000000000000000"
	got, err := money.Allocate(money.MustParse("100.00 USD"), []money.Weight{w("c", huge), w("a", huge), w("b", huge)})
	require.NoError(t, err)
	require.Equal(t, []string{"33.33 USD", "33.34 USD", "33.33 USD"}, strs(got))
}

// Ties everywhere: weights drawn from {1, 2, 3}. Among weights that are
// equal, the exact shares are equal, so the leftover units must go to the
// smallest keys: parts are non-increasing in key order within each weight
// class, and differ by at most one unit. Both the fast and the big-integer
// path (AllocateUnits) are checked.
func TestAllocateTieBreakProperties(t *testing.T) {
	usd := money.MustCurrency("USD")
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 60).Draw(t, "n")
		weights := make([]money.Weight, n)
		for i := range weights {
			weights[i] = money.Weight{Key: fmt.Sprintf("k%03d", i), Value: decimal.New(rapid.Int64Range(1, 3).Draw(t, "w"), 0)}
		}
		shuffled := rapid.Permutation(weights).Draw(t, "perm")
		cents := rapid.Int64Range(0, 100_000).Draw(t, "cents")
		parts, err := money.Allocate(money.FromMinor(cents, usd), shuffled)
		if err != nil {
			t.Fatal(err)
		}
		units, err := money.AllocateUnits(big.NewInt(cents), shuffled)
		if err != nil {
			t.Fatal(err)
		}
		byKey := map[string]int64{}
		for i, p := range parts {
			u, err := p.MinorUnits()
			if err != nil || !units[i].IsInt64() || units[i].Int64() != u {
				t.Fatalf("fast %s vs big %s", p, units[i])
			}
			byKey[shuffled[i].Key] = u
		}
		last := map[int64]int64{}   // weight → part of the previous key of that weight
		for _, w := range weights { // key order
			cls := w.Value.IntPart()
			u := byKey[w.Key]
			if prev, ok := last[cls]; ok && (u > prev || prev-u > 1) {
				t.Fatalf("weight %d: key %s gets %d after %d", cls, w.Key, u, prev)
			}
			last[cls] = u
		}
	})
}
