package money_test

import (
	"errors"
	"fmt"
	"math"
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

// genWeights draws 1 to 12 weights with keys k00, k01, … (in input
// order), coefficients up to 10^6 and exponents from exps, at least one
// of them non-zero.
func genWeights(t *rapid.T, exps *rapid.Generator[int32]) []money.Weight {
	weights := make([]money.Weight, rapid.IntRange(1, 12).Draw(t, "n"))
	nonzero := false
	for i := range weights {
		v := rapid.Int64Range(0, 1_000_000).Draw(t, "w")
		nonzero = nonzero || v != 0
		weights[i] = money.Weight{Key: fmt.Sprintf("k%02d", i), Value: decimal.New(v, exps.Draw(t, "e"))}
	}
	if !nonzero {
		weights[0].Value = decimal.New(1, 0)
	}
	return weights
}

// Properties: conservation, fairness (each part within one minor unit of
// its exact share), order independence, mirror for negative totals.
func TestAllocateProperties(t *testing.T) {
	usd := money.MustCurrency("USD")
	rapid.Check(t, func(t *rapid.T) {
		weights := genWeights(t, rapid.Int32Range(-3, 0))
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

// Hand calculations for Split: T minor units in n parts are ⌊T/n⌋ each,
// and the first T mod n parts get one unit more.
func TestSplitGolden(t *testing.T) {
	tests := []struct {
		name  string
		total string
		n     int
		want  []string
	}{
		// 10000 cents / 3 = 3333 r 1: the first part gets the cent.
		{"thirds", "100.00 USD", 3, []string{"33.34 USD", "33.33 USD", "33.33 USD"}},
		// Mirror: −10000 / 3 → −3333 each and −1 to the first.
		{"negative thirds", "-100.00 USD", 3, []string{"-33.34 USD", "-33.33 USD", "-33.33 USD"}},
		// 1000 cents / 7 = 142 r 6: six parts of 1.43, one of 1.42.
		{"sevenths", "10.00 USD", 7, []string{"1.43 USD", "1.43 USD", "1.43 USD", "1.43 USD", "1.43 USD", "1.43 USD", "1.42 USD"}},
		// 1 cent / 3: one part of 0.01, two of 0.00.
		{"less than n units", "0.01 USD", 3, []string{"0.01 USD", "0.00 USD", "0.00 USD"}},
		// Exact: 1.000 BHD (3 digits) / 4 = 250 fils each.
		{"exact dinar", "1.000 BHD", 4, []string{"0.250 BHD", "0.250 BHD", "0.250 BHD", "0.250 BHD"}},
		// 1001 JPY / 2 = 500 r 1.
		{"yen", "1001 JPY", 2, []string{"501 JPY", "500 JPY"}},
		{"one part", "12.34 EUR", 1, []string{"12.34 EUR"}},
		{"zero", "0.00 USD", 2, []string{"0.00 USD", "0.00 USD"}},
		// A total written with more digits than the currency's but a whole
		// number of cents: 1.0000 USD = 100 cents / 3 = 33 r 1.
		{"extra zeros", "1.0000 USD", 3, []string{"0.34 USD", "0.33 USD", "0.33 USD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := money.Split(money.MustParse(tt.total), tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, strs(got)); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func TestSplitErrors(t *testing.T) {
	usd := money.MustParse("1.00 USD")
	for _, n := range []int{0, -1, money.MaxParts + 1} {
		_, err := money.Split(usd, n)
		var re *money.RangeError
		if !errors.As(err, &re) || !errors.Is(err, money.ErrRange) || re.Quantity != "number of parts" {
			t.Errorf("Split(1.00 USD, %d): %v", n, err)
		}
	}
	if _, err := money.Split(money.MustParse("1.005 USD"), 2); !errors.Is(err, money.ErrPrecision) {
		t.Errorf("fraction of a cent: %v", err)
	}
	if _, err := money.Split(money.Amount{}, 2); !errors.Is(err, money.ErrInvalidCurrency) {
		t.Errorf("zero Amount: %v", err)
	}
	huge := money.New(decimal.New(1, 1<<30), money.MustCurrency("USD"))
	if _, err := money.Split(huge, 2); !errors.Is(err, money.ErrRange) {
		t.Errorf("out of range: %v", err)
	}
}

// Split agrees with Allocate over n equal weights whose keys sort in
// position order (the documented equivalence), for totals beyond int64
// too, and its parts differ by at most one unit, larger ones first.
func TestSplitMatchesAllocate(t *testing.T) {
	usd := money.MustCurrency("USD")
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		cents := rapid.Int64().Draw(t, "cents")
		total := money.New(decimal.New(cents, -2).Mul(decimal.New(rapid.Int64Range(1, 1000).Draw(t, "scale"), 0)), usd)
		got, err := money.Split(total, n)
		if err != nil {
			t.Fatal(err)
		}
		weights := make([]money.Weight, n)
		for i := range weights {
			weights[i] = money.Weight{Key: fmt.Sprintf("%03d", i), Value: decimal.New(1, 0)}
		}
		want, err := money.Allocate(total, weights)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Split(%s, %d) vs Allocate: %s", total, n, diff)
		}
		for i := 1; i < n; i++ {
			d, _ := got[i-1].Sub(got[i])
			if d.Abs().Decimal().Cmp(decimal.New(1, -2)) > 0 || d.Sign() != 0 && d.Sign() != total.Sign() {
				t.Fatalf("parts %d and %d: %s, %s", i-1, i, got[i-1], got[i])
			}
		}
	})
}

// AllocateInt64 agrees with the big-integer path (AllocateUnits) on any
// int64 total, the extremes included, and on weights too large for the
// 128-bit fast path.
func TestAllocateInt64MatchesBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		weights := genWeights(t, rapid.Int32Range(-3, 20))   // up to 10^26: beyond uint64
		weights = rapid.Permutation(weights).Draw(t, "perm") // key order ≠ input order
		total := rapid.OneOf(rapid.Int64(), rapid.SampledFrom([]int64{math.MinInt64, math.MaxInt64, math.MinInt64 + 1, 0, -1, 1})).Draw(t, "total")
		got, err := money.AllocateInt64(total, weights)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := money.AllocateUnits(big.NewInt(total), weights)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]int64, len(ref))
		for i, p := range ref {
			if !p.IsInt64() {
				t.Fatalf("big part %s does not fit int64", p)
			}
			want[i] = p.Int64()
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("AllocateInt64(%d) vs AllocateUnits: %s", total, diff)
		}
	})
}

// Hand calculations: 7 over 1:1:1 is 2 each and 1 left to key "a";
// MinInt64 = −9223372036854775808 over 1:1 is −4611686018427387904 each
// (exact); MaxInt64 over 1:1 is 4611686018427387903 each and 1 left,
// to key "a".
func TestAllocateInt64Golden(t *testing.T) {
	tests := []struct {
		name    string
		total   int64
		weights []money.Weight
		want    []int64
	}{
		{"seats", 7, []money.Weight{w("b", "1"), w("a", "1"), w("c", "1")}, []int64{2, 3, 2}},
		{"min int64", math.MinInt64, []money.Weight{w("a", "1"), w("b", "1")}, []int64{-4611686018427387904, -4611686018427387904}},
		{"max int64", math.MaxInt64, []money.Weight{w("b", "1"), w("a", "1")}, []int64{4611686018427387903, 4611686018427387904}},
		// 100 by 10^30 : 3·10^30 → 25, 75 (exact, via the big path).
		{"huge weights", 100, []money.Weight{w("x", "1000000000000000000000000000000"), w("y", "3000000000000000000000000000000")}, []int64{25, 75}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := money.AllocateInt64(tt.total, tt.weights)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Error(diff)
			}
		})
	}
	if _, err := money.AllocateInt64(1, nil); !errors.Is(err, money.ErrNoWeights) {
		t.Errorf("no weights: %v", err)
	}
	if _, err := money.AllocateInt64(1, []money.Weight{w("a", "-1")}); !errors.Is(err, money.ErrNegativeWeight) {
		t.Errorf("negative weight: %v", err)
	}
}
