package fixed_test

import (
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
)

var modes = []money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.TowardZero,
	money.AwayFromZero, money.Ceiling, money.Floor}

func TestChecked(t *testing.T) {
	const max, min = math.MaxInt64, math.MinInt64
	tests := []struct {
		name string
		f    func(a, b int64) (int64, bool)
		a, b int64
		want int64
		ok   bool
	}{
		{"add", fixed.AddChecked, 2, 3, 5, true},
		{"add max", fixed.AddChecked, max, 0, max, true},
		{"add max+1", fixed.AddChecked, max, 1, 0, false},
		{"add min-1", fixed.AddChecked, min, -1, 0, false},
		{"add min+max", fixed.AddChecked, min, max, -1, true},
		{"sub", fixed.SubChecked, 2, 3, -1, true},
		{"sub min-1", fixed.SubChecked, min, 1, 0, false},
		{"sub 0-min", fixed.SubChecked, 0, min, 0, false},
		{"sub -1-min", fixed.SubChecked, -1, min, max, true},
		{"sub max-(-1)", fixed.SubChecked, max, -1, 0, false},
		{"mul", fixed.MulChecked, -4, 5, -20, true},
		{"mul max", fixed.MulChecked, max, 1, max, true},
		{"mul min", fixed.MulChecked, min, 1, min, true},
		{"mul min·-1", fixed.MulChecked, min, -1, 0, false},
		{"mul 2^32·2^31", fixed.MulChecked, 1 << 32, 1 << 31, 0, false},
		{"mul -2^32·2^31", fixed.MulChecked, -(1 << 32), 1 << 31, min, true},
		{"mul 3037000500²", fixed.MulChecked, 3037000500, 3037000500, 0, false},
		{"mul 3037000499²", fixed.MulChecked, 3037000499, 3037000499, 9223372030926249001, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.f(tt.a, tt.b)
			require.Equal(t, tt.ok, ok)
			if ok {
				require.Equal(t, tt.want, got)
			}
		})
	}
}

// Expected values: IEEE / GDA definitions of each mode, by hand
// (same table as money's TestRound): 25/10, 35/10, −25/10, 251/100, …
func TestDivRound(t *testing.T) {
	tests := []struct {
		a, b int64
		want [7]int64 // in the order of modes
	}{
		{25, 10, [7]int64{2, 3, 2, 2, 3, 3, 2}},
		{35, 10, [7]int64{4, 4, 3, 3, 4, 4, 3}},
		{-25, 10, [7]int64{-2, -3, -2, -2, -3, -2, -3}},
		{25, -10, [7]int64{-2, -3, -2, -2, -3, -2, -3}},
		{251, 100, [7]int64{3, 3, 3, 2, 3, 3, 2}},
		{249, 100, [7]int64{2, 2, 2, 2, 3, 3, 2}},
		{-21, 10, [7]int64{-2, -2, -2, -2, -3, -2, -3}},
		{7, 1, [7]int64{7, 7, 7, 7, 7, 7, 7}},
		{1, 2, [7]int64{0, 1, 0, 0, 1, 1, 0}},
		{-1, 2, [7]int64{0, -1, 0, 0, -1, 0, -1}},
		{0, 7, [7]int64{0, 0, 0, 0, 0, 0, 0}},
		{2, 3, [7]int64{1, 1, 1, 0, 1, 1, 0}},
		{math.MinInt64, 1, [7]int64{math.MinInt64, math.MinInt64, math.MinInt64, math.MinInt64, math.MinInt64, math.MinInt64, math.MinInt64}},
	}
	for _, tt := range tests {
		for i, m := range modes {
			got, ok := fixed.DivRound(tt.a, tt.b, m)
			require.True(t, ok)
			require.Equal(t, tt.want[i], got, "%d/%d %s", tt.a, tt.b, m)
		}
	}
	_, ok := fixed.DivRound(1, 0, money.HalfEven)
	require.False(t, ok)
	_, ok = fixed.DivRound(math.MinInt64, -1, money.HalfEven)
	require.False(t, ok)
	_, ok = fixed.DivRound(1, 2, money.RoundingUnspecified)
	require.False(t, ok)
}

func TestMulRate(t *testing.T) {
	// 412,000.00 USD × 3.5 % = 14,420.00 → 1,442,000 cents.
	got, ok := fixed.MulRate(41200000, 350, 4, money.HalfEven)
	require.True(t, ok)
	require.Equal(t, int64(1442000), got)
	// 0.05 × 1.5 % = 0.00075 → 0 cents half-even, 1 cent away from zero.
	got, _ = fixed.MulRate(5, 150, 4, money.HalfEven)
	require.Equal(t, int64(0), got)
	got, _ = fixed.MulRate(5, 150, 4, money.AwayFromZero)
	require.Equal(t, int64(1), got)
	// 0.50 × 1 % = 0.005: a tie → 0 cents half-even, 1 half-up, −1 for −0.50 half-up.
	got, _ = fixed.MulRate(50, 100, 4, money.HalfEven)
	require.Equal(t, int64(0), got)
	got, _ = fixed.MulRate(50, 100, 4, money.HalfUp)
	require.Equal(t, int64(1), got)
	got, _ = fixed.MulRate(-50, 100, 4, money.HalfUp)
	require.Equal(t, int64(-1), got)
	// The 128-bit product exceeds int64 but the quotient fits:
	// (9·10^18 − 1)·10^4 / 10^4.
	got, ok = fixed.MulRate(9e18-1, 10000, 4, money.HalfEven)
	require.True(t, ok)
	require.Equal(t, int64(9e18-1), got)
	_, ok = fixed.MulRate(9e18, 20000, 4, money.HalfEven)
	require.False(t, ok)
	_, ok = fixed.MulRate(1, 1, 19, money.HalfEven)
	require.False(t, ok)
}

func TestRescale(t *testing.T) {
	got, ok := fixed.Rescale(12345, 2, 4, money.HalfEven) // 123.45 → 123.4500
	require.True(t, ok)
	require.Equal(t, int64(1234500), got)
	got, ok = fixed.Rescale(12345, 2, 1, money.HalfEven) // 123.45 → 123.4 (tie, 4 even)
	require.True(t, ok)
	require.Equal(t, int64(1234), got)
	got, _ = fixed.Rescale(12355, 2, 1, money.HalfEven) // 123.55 → 123.6
	require.Equal(t, int64(1236), got)
	_, ok = fixed.Rescale(math.MaxInt64, 0, 1, money.HalfEven)
	require.False(t, ok)
	_, ok = fixed.Rescale(1, -1, 1, money.HalfEven)
	require.False(t, ok)
	_, ok = fixed.Rescale(1, 0, 1, 0)
	require.False(t, ok)
}

func TestMulScaled(t *testing.T) {
	// 123.45 (scale 2) × 0.015 (scale 3) = 1.85175 → 1.85 at 2 places half-even.
	got, ok := fixed.MulScaled(12345, 2, 15, 3, 2, money.HalfEven)
	require.True(t, ok)
	require.Equal(t, int64(185), got)
	// exactly at 6 places: 1.851750
	got, ok = fixed.MulScaled(12345, 2, 15, 3, 6, money.HalfEven)
	require.True(t, ok)
	require.Equal(t, int64(1851750), got)
	_, ok = fixed.MulScaled(1, 18, 1, 18, 0, money.HalfEven)
	require.False(t, ok)
	_, ok = fixed.MulScaled(1, 19, 1, 0, 0, money.HalfEven)
	require.False(t, ok)
	_, ok = fixed.MulScaled(math.MaxInt64, 0, 2, 0, 0, money.HalfEven)
	require.False(t, ok)
	_, ok = fixed.MulScaled(math.MaxInt64, 0, 1, 0, 1, money.HalfEven)
	require.False(t, ok)
}

func TestFromDecimal(t *testing.T) {
	tests := []struct {
		in    string
		scale int32
		want  int64
		ok    bool
	}{
		{"123.45", 2, 12345, true},
		{"123.45", 4, 1234500, true},
		{"123.450000", 2, 12345, true},
		{"123.455", 2, 0, false}, // never truncated
		{"-0.01", 2, -1, true},
		{"0", 0, 0, true},
		{"0.000", 18, 0, true},
		{"92233720368547758.07", 2, math.MaxInt64, true},
		{"92233720368547758.08", 2, 0, false},
		{"-92233720368547758.08", 2, math.MinInt64, true},
		{"-92233720368547758.09", 2, 0, false},
		{"1.0000000000000000000000000", 2, 100, true},
		{"100000000000000000000", 0, 0, false},
		{"1", 19, 0, false},
		{"0.0000000000000000000000001", 18, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := fixed.FromDecimal(money.MustDecimal(tt.in), tt.scale)
			require.Equal(t, tt.ok, ok)
			require.Equal(t, tt.want, got)
			if ok {
				require.True(t, fixed.ToDecimal(got, tt.scale).Equal(money.MustDecimal(tt.in)))
			}
		})
	}
	_, ok := fixed.FromDecimal(decimal.New(1, 2000000000), 2)
	require.False(t, ok)
	_, ok = fixed.FromDecimal(decimal.New(1, -2000000000), 2)
	require.False(t, ok)
	got, ok := fixed.FromDecimal(decimal.New(5, 3), 2) // 5000 → 500000
	require.True(t, ok)
	require.Equal(t, int64(500000), got)
	// Coefficients with trailing zeros below the scale: 12300e-4 = 1.23.
	got, ok = fixed.FromDecimal(decimal.New(12300, -4), 2)
	require.True(t, ok)
	require.Equal(t, int64(123), got)
	got, ok = fixed.FromDecimal(decimal.New(-12300, -4), 2)
	require.True(t, ok)
	require.Equal(t, int64(-123), got)
	_, ok = fixed.FromDecimal(decimal.New(12301, -4), 2) // 1.2301: never truncated
	require.False(t, ok)
	// 18 digits × 10: 9,999,999,999,999,999,990 > MaxInt64; 9·10^18 fits.
	_, ok = fixed.FromDecimal(decimal.New(999999999999999999, 0), 1)
	require.False(t, ok)
	got, ok = fixed.FromDecimal(decimal.New(900000000000000000, 0), 1)
	require.True(t, ok)
	require.Equal(t, int64(9e18), got)
	// A 19-digit coefficient takes the math/big path: 10^18 written as
	// 1000000000000000000.0 (coefficient 10^19, exponent −1).
	got, ok = fixed.FromDecimal(decimal.New(1e18, 0).Mul(decimal.New(10, 0)).Shift(-1), 0)
	require.True(t, ok)
	require.Equal(t, int64(1e18), got)
}

// FromDecimal does not allocate when the coefficient has at most 18
// digits, whatever the exponent and sign.
func TestFromDecimalAllocs(t *testing.T) {
	for _, d := range []decimal.Decimal{
		money.MustDecimal("123456.78"), money.MustDecimal("-0.01"), money.MustDecimal("123.450000"),
		decimal.New(5, 3), decimal.New(-12300, -4), decimal.New(999999999999999999, -18),
		money.MustDecimal("123.455"), // refused: still no allocation
	} {
		var sink int64
		allocs := testing.AllocsPerRun(100, func() {
			v, _ := fixed.FromDecimal(d, 2)
			sink += v
		})
		require.Zero(t, allocs, "FromDecimal(%s)", d)
		_ = sink
	}
}

func TestParseUnits(t *testing.T) {
	tests := []struct {
		in    string
		scale int32
		want  int64
		ok    bool
	}{
		{"123.45", 2, 12345, true},
		{"123.4", 2, 12340, true},
		{"123", 2, 12300, true},
		{"-0.01", 2, -1, true},
		{"-0", 2, 0, true},
		{"007.50", 2, 750, true},
		{"123.450000", 2, 12345, true},
		{"123.451", 2, 0, false},
		{"92233720368547758.07", 2, math.MaxInt64, true},
		{"92233720368547758.08", 2, 0, false},
		{"-92233720368547758.08", 2, math.MinInt64, true},
		{"9223372036854775807", 0, math.MaxInt64, true},
		{"9223372036854775807", 1, 0, false},
		{"99999999999999999999", 0, 0, false},
		{"", 2, 0, false}, {"-", 2, 0, false}, {".5", 2, 0, false}, {"5.", 2, 0, false},
		{"+5", 2, 0, false}, {"1e3", 2, 0, false}, {"1.2.3", 2, 0, false}, {" 1", 2, 0, false},
		{"١", 0, 0, false}, {"1", 19, 0, false}, {"1", -1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := fixed.ParseUnits(tt.in, tt.scale)
			require.Equal(t, tt.ok, ok)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestPow10(t *testing.T) {
	p, ok := fixed.Pow10(18)
	require.True(t, ok)
	require.Equal(t, int64(1e18), p)
	_, ok = fixed.Pow10(19)
	require.False(t, ok)
	_, ok = fixed.Pow10(-1)
	require.False(t, ok)
}

// drawInt64 favours edge values half of the time.
func drawInt64(t *rapid.T, label string) int64 {
	switch rapid.IntRange(0, 3).Draw(t, label+" kind") {
	case 0:
		return rapid.SampledFrom([]int64{0, 1, -1, 2, -2, 5, -5, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1,
			math.MinInt64 + 1, 1 << 32, -(1 << 32), 3037000499, 1e18, -1e18}).Draw(t, label)
	case 1:
		return rapid.Int64Range(-1e6, 1e6).Draw(t, label)
	default:
		return rapid.Int64().Draw(t, label)
	}
}

func bigOf(v int64) *big.Int { return big.NewInt(v) }

func fitsBig(b *big.Int) bool { return b.IsInt64() }

// AddChecked, SubChecked and MulChecked agree with math/big.
func TestPropCheckedVsBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := drawInt64(t, "a"), drawInt64(t, "b")
		for _, c := range []struct {
			name string
			f    func(a, b int64) (int64, bool)
			ref  *big.Int
		}{
			{"add", fixed.AddChecked, new(big.Int).Add(bigOf(a), bigOf(b))},
			{"sub", fixed.SubChecked, new(big.Int).Sub(bigOf(a), bigOf(b))},
			{"mul", fixed.MulChecked, new(big.Int).Mul(bigOf(a), bigOf(b))},
		} {
			got, ok := c.f(a, b)
			if ok != fitsBig(c.ref) || (ok && got != c.ref.Int64()) {
				t.Fatalf("%s(%d, %d) = %d, %v; big %s", c.name, a, b, got, ok, c.ref)
			}
		}
	})
}

// MulDivRound(a, b, c, mode) equals money.Div(a·b, c, 0, mode) whenever the
// result fits, and reports !ok exactly when it does not.
func TestPropMulDivRoundVsMoneyDiv(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := drawInt64(t, "a"), drawInt64(t, "b"), drawInt64(t, "c")
		mode := rapid.SampledFrom(modes).Draw(t, "mode")
		got, ok := fixed.MulDivRound(a, b, c, mode)
		if c == 0 {
			if ok {
				t.Fatal("division by zero accepted")
			}
			return
		}
		prod := decimal.NewFromBigInt(new(big.Int).Mul(bigOf(a), bigOf(b)), 0)
		want, err := money.Div(prod, decimal.NewFromInt(c), 0, mode)
		if err != nil {
			t.Fatal(err)
		}
		fits := want.BigInt().IsInt64()
		if ok != fits || (ok && !decimal.NewFromInt(got).Equal(want)) {
			t.Fatalf("MulDivRound(%d, %d, %d, %s) = %d, %v; money.Div %s", a, b, c, mode, got, ok, want)
		}
	})
}

// MulRate on an amount in minor units equals money.Round of the exact
// decimal product, for every mode.
func TestPropMulRateVsMoneyRound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		units := rapid.Int64Range(-1e15, 1e15).Draw(t, "units")
		places := int32(rapid.IntRange(0, 10).Draw(t, "places"))
		num := rapid.Int64Range(-1e6, 1e6).Draw(t, "num")
		scale := int32(rapid.IntRange(0, 4).Draw(t, "scale"))
		mode := rapid.SampledFrom(modes).Draw(t, "mode")
		got, ok := fixed.MulRate(units, num, places, mode)
		exact := decimal.New(units, -scale).Mul(decimal.New(num, -places))
		want, err := money.Round(exact, scale, mode)
		if err != nil {
			t.Fatal(err)
		}
		w, wok := fixed.FromDecimal(want, scale)
		if ok != wok || (ok && got != w) {
			t.Fatalf("MulRate(%d, %d, %d, %s) = %d, %v; money.Round %s", units, num, places, mode, got, ok, want)
		}
	})
}

// Rescale agrees with money.Round; FromDecimal/ToDecimal round-trip and
// FromDecimal refuses exactly the values that are not representable;
// ParseUnits agrees with money.ParseDecimal + FromDecimal.
func TestPropConversions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := drawInt64(t, "v")
		from := int32(rapid.IntRange(0, fixed.MaxScale).Draw(t, "from"))
		to := int32(rapid.IntRange(0, fixed.MaxScale).Draw(t, "to"))
		mode := rapid.SampledFrom(modes).Draw(t, "mode")
		dv := fixed.ToDecimal(v, from)

		got, ok := fixed.Rescale(v, from, to, mode)
		want, err := money.Round(dv, to, mode)
		if err != nil {
			t.Fatal(err)
		}
		wantUnits := want.Shift(to)
		fits := wantUnits.BigInt().IsInt64()
		if ok != fits || (ok && !decimal.NewFromInt(got).Equal(wantUnits)) {
			t.Fatalf("Rescale(%d, %d, %d, %s) = %d, %v; money.Round %s", v, from, to, mode, got, ok, want)
		}

		back, ok := fixed.FromDecimal(dv, from)
		if !ok || back != v {
			t.Fatalf("FromDecimal(ToDecimal(%d, %d)) = %d, %v", v, from, back, ok)
		}
		u, ok := fixed.FromDecimal(dv, to)
		exactAtTo := dv.Shift(to)
		wantOK := exactAtTo.IsInteger() && exactAtTo.BigInt().IsInt64()
		if ok != wantOK || (ok && !decimal.NewFromInt(u).Equal(exactAtTo)) {
			t.Fatalf("FromDecimal(%s, %d) = %d, %v", dv, to, u, ok)
		}

		text := money.FormatDecimal(dv, 0)
		p, ok := fixed.ParseUnits(text, to)
		if ok != wantOK || (ok && p != u) {
			t.Fatalf("ParseUnits(%q, %d) = %d, %v; FromDecimal %d, %v", text, to, p, ok, u, wantOK)
		}

		// Any exponent, trailing zeros included (123.4500, 5e3): both the
		// int64 path (at most 18 coefficient digits) and the math/big one.
		e := int32(rapid.IntRange(-40, 20).Draw(t, "exp"))
		ce := v // with trailing zeros when they fit
		tz, _ := fixed.Pow10(int32(rapid.IntRange(0, 6).Draw(t, "trailing zeros")))
		if m, ok := fixed.MulChecked(v, tz); ok {
			ce = m
		}
		de := decimal.New(ce, e)
		ue, ok := fixed.FromDecimal(de, to)
		exact := de.Shift(to)
		wantOK = exact.IsInteger() && exact.BigInt().IsInt64()
		if ok != wantOK || (ok && !decimal.NewFromInt(ue).Equal(exact)) {
			t.Fatalf("FromDecimal(%de%d, %d) = %d, %v; want ok %v", ce, e, to, ue, ok, wantOK)
		}
	})
}

// FuzzMulDivRound compares the fast path with money.Div on arbitrary
// operands and modes.
func FuzzMulDivRound(f *testing.F) {
	f.Add(int64(25), int64(1), int64(10), uint8(1))
	f.Add(int64(-25), int64(1), int64(10), uint8(2))
	f.Add(int64(math.MinInt64), int64(-1), int64(1), uint8(3))
	f.Add(int64(math.MaxInt64), int64(math.MaxInt64), int64(math.MaxInt64), uint8(4))
	f.Add(int64(math.MinInt64), int64(math.MinInt64), int64(math.MinInt64), uint8(5))
	f.Add(int64(5), int64(150), int64(10000), uint8(6))
	f.Add(int64(-1), int64(1), int64(2), uint8(7))
	f.Add(int64(1), int64(1), int64(0), uint8(0))
	f.Fuzz(func(t *testing.T, a, b, c int64, m uint8) {
		mode := money.RoundingMode(m)
		got, ok := fixed.MulDivRound(a, b, c, mode)
		if c == 0 || !mode.IsValid() {
			if ok {
				t.Fatal("accepted invalid input")
			}
			return
		}
		prod := decimal.NewFromBigInt(new(big.Int).Mul(bigOf(a), bigOf(b)), 0)
		want, err := money.Div(prod, decimal.NewFromInt(c), 0, mode)
		if err != nil {
			t.Fatal(err)
		}
		fits := want.BigInt().IsInt64()
		if ok != fits || (ok && !decimal.NewFromInt(got).Equal(want)) {
			t.Fatalf("MulDivRound(%d, %d, %d, %s) = %d, %v; money.Div %s", a, b, c, mode, got, ok, want)
		}
	})
}

// FuzzParseUnits compares ParseUnits with money.ParseDecimal + FromDecimal.
func FuzzParseUnits(f *testing.F) {
	for _, s := range []string{"123.45", "-0.01", "92233720368547758.08", "-92233720368547758.08", "1e3", "+1",
		"", "-", ".", "1.", ".1", "00", "1.000000000000000000000", "١٢", "1_000", "0x10", "--1", "1..2"} {
		f.Add(s, int32(2))
	}
	f.Add("9223372036854775808", int32(0))
	f.Fuzz(func(t *testing.T, s string, scale int32) {
		got, ok := fixed.ParseUnits(s, scale)
		d, err := money.ParseDecimal(s)
		if err != nil {
			if ok {
				t.Fatalf("ParseUnits(%q) accepted text money rejects: %v", s, err)
			}
			return
		}
		want, wok := fixed.FromDecimal(d, scale)
		if ok != wok || got != want {
			t.Fatalf("ParseUnits(%q, %d) = %d, %v; FromDecimal %d, %v", s, scale, got, ok, want, wok)
		}
	})
}
