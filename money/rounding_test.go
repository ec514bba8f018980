package money_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// The expected values are the IEEE 754 / General Decimal Arithmetic
// definitions of each mode, worked by hand.
func TestRound(t *testing.T) {
	modes := []money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.TowardZero, money.AwayFromZero, money.Ceiling, money.Floor}
	tests := []struct {
		in   string
		want [7]string // in the order of modes
	}{
		{"2.5", [7]string{"2", "3", "2", "2", "3", "3", "2"}},
		{"3.5", [7]string{"4", "4", "3", "3", "4", "4", "3"}},
		{"-2.5", [7]string{"-2", "-3", "-2", "-2", "-3", "-2", "-3"}},
		{"2.51", [7]string{"3", "3", "3", "2", "3", "3", "2"}},
		{"2.49", [7]string{"2", "2", "2", "2", "3", "3", "2"}},
		{"-2.1", [7]string{"-2", "-2", "-2", "-2", "-3", "-2", "-3"}},
		{"7", [7]string{"7", "7", "7", "7", "7", "7", "7"}},
		{"0.5", [7]string{"0", "1", "0", "0", "1", "1", "0"}},
		{"-0.5", [7]string{"0", "-1", "0", "0", "-1", "0", "-1"}},
	}
	for _, tt := range tests {
		for i, m := range modes {
			t.Run(tt.in+"/"+m.String(), func(t *testing.T) {
				got, err := money.Round(money.MustDecimal(tt.in), 0, m)
				require.NoError(t, err)
				if !got.Equal(money.MustDecimal(tt.want[i])) {
					t.Errorf("Round(%s, 0, %s) = %s, want %s", tt.in, m, got, tt.want[i])
				}
			})
		}
	}
}

func TestRoundPlaces(t *testing.T) {
	tests := []struct {
		in   string
		mode money.RoundingMode
		want string
	}{
		{"1.005", money.HalfEven, "1.00"}, // tie, 0 is even
		{"1.005", money.HalfUp, "1.01"},
		{"1.0151", money.HalfEven, "1.02"}, // above the tie
	}
	for _, tt := range tests {
		got, err := money.Round(money.MustDecimal(tt.in), 2, tt.mode)
		require.NoError(t, err)
		if !got.Equal(money.MustDecimal(tt.want)) {
			t.Errorf("Round(%s, 2, %s) = %s, want %s", tt.in, tt.mode, got, tt.want)
		}
	}
}

func TestRoundErrors(t *testing.T) {
	_, err := money.Round(decimal.New(1, 0), 2, money.RoundingUnspecified)
	require.ErrorIs(t, err, money.ErrRoundingMode)
	_, err = money.Round(decimal.New(1, 0), -1, money.HalfEven)
	require.ErrorIs(t, err, money.ErrRange)
	var re *money.RangeError
	require.True(t, errors.As(err, &re))
	require.Equal(t, "places", re.Quantity)
}

// Div must give the correctly rounded quotient in one step. Hand checks:
// 2/3 = 0.666…→ 0.67; 1/8 = 0.125 → half-even 0.12, half-up 0.13;
// -1/8 half-up → -0.13; 10/4 = 2.5 exactly at 0 places → half-even 2.
// The double-rounding trap: 0.4449999…/1 would round to 0.45 via 0.445.
func TestDiv(t *testing.T) {
	tests := []struct {
		a, b   string
		places int32
		mode   money.RoundingMode
		want   string
	}{
		{"2", "3", 2, money.HalfEven, "0.67"},
		{"1", "8", 2, money.HalfEven, "0.12"},
		{"1", "8", 2, money.HalfUp, "0.13"},
		{"-1", "8", 2, money.HalfUp, "-0.13"},
		{"1", "-8", 2, money.Floor, "-0.13"},
		{"1", "-8", 2, money.Ceiling, "-0.12"},
		{"10", "4", 0, money.HalfEven, "2"},
		{"14", "4", 0, money.HalfEven, "4"},
		{"4449999", "10000000", 2, money.HalfUp, "0.44"},
		{"100000000", "200000", 0, money.Ceiling, "500"},
		{"1", "3", 0, money.AwayFromZero, "1"},
		{"0", "3", 2, money.AwayFromZero, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b+"/"+tt.mode.String(), func(t *testing.T) {
			got, err := money.Div(money.MustDecimal(tt.a), money.MustDecimal(tt.b), tt.places, tt.mode)
			require.NoError(t, err)
			if !got.Equal(money.MustDecimal(tt.want)) {
				t.Errorf("got %s want %s", got, tt.want)
			}
		})
	}
	_, err := money.Div(decimal.New(1, 0), decimal.Decimal{}, 2, money.HalfEven)
	require.ErrorIs(t, err, money.ErrDivisionByZero)
}

func genDecimal(t *rapid.T, label string) decimal.Decimal {
	return decimal.New(rapid.Int64Range(-1e15, 1e15).Draw(t, label), -rapid.Int32Range(0, 8).Draw(t, label+"_exp"))
}

func genMode(t *rapid.T) money.RoundingMode {
	return rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.TowardZero, money.AwayFromZero, money.Ceiling, money.Floor}).Draw(t, "mode")
}

// Rounding is idempotent, within one unit of the input, and agrees with
// an independent reference: shopspring's own Round* methods for the modes
// it has (RoundBank, Round = half away from zero, RoundDown, RoundUp,
// RoundCeil, RoundFloor).
func TestRoundProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDecimal(t, "d")
		places := rapid.Int32Range(0, 6).Draw(t, "places")
		m := genMode(t)
		r, err := money.Round(d, places, m)
		if err != nil {
			t.Fatal(err)
		}
		r2, _ := money.Round(r, places, m)
		if !r2.Equal(r) {
			t.Fatalf("not idempotent: %s → %s → %s", d, r, r2)
		}
		if r.Sub(d).Abs().Cmp(decimal.New(1, -places)) >= 0 {
			t.Fatalf("moved a unit or more: %s → %s", d, r)
		}
		var ref decimal.Decimal
		switch m {
		case money.HalfEven:
			ref = d.RoundBank(places)
		case money.HalfUp:
			ref = d.Round(places)
		case money.TowardZero:
			ref = d.RoundDown(places)
		case money.AwayFromZero:
			ref = d.RoundUp(places)
		case money.Ceiling:
			ref = d.RoundCeil(places)
		case money.Floor:
			ref = d.RoundFloor(places)
		case money.HalfDown:
			// shopspring has no half-toward-zero mode: the big.Rat
			// reference (TestRoundDivMatchReference) covers it; here check
			// the mirror HalfDown(d) = −HalfDown(−d).
			neg, _ := money.Round(d.Neg(), places, m)
			if !neg.Neg().Equal(r) {
				t.Fatalf("half-down not symmetric: %s", d)
			}
			n, dn := ratOf(d)
			ref = refRound(n, dn, places, m)
		case money.RoundingUnspecified:
			t.Fatal("unreachable")
		}
		if !ref.Equal(r) {
			t.Fatalf("Round(%s, %d, %s) = %s, reference %s", d, places, m, r, ref)
		}
	})
}

// Div agrees with the big.Rat reference (refRound, which shares no code
// with Div or Round) on divisors with a finite decimal quotient (powers of
// two and five, where ties are frequent) and on any divisor.
func TestDivProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDecimal(t, "a")
		b := rapid.OneOf(
			rapid.Custom(func(t *rapid.T) decimal.Decimal {
				return decimal.New(rapid.SampledFrom([]int64{1, 2, 4, 5, 8, 16, 20, 25, 40, 125, -8}).Draw(t, "b"), 0)
			}),
			rapid.Custom(func(t *rapid.T) decimal.Decimal {
				return decimal.New(rapid.Int64Range(1, 1e6).Draw(t, "b"), -rapid.Int32Range(0, 4).Draw(t, "b_exp"))
			}),
		).Draw(t, "divisor")
		places := rapid.Int32Range(0, 4).Draw(t, "places")
		m := genMode(t)
		got, err := money.Div(a, b, places, m)
		if err != nil {
			t.Fatal(err)
		}
		if want := refDiv(a, b, places, m); !got.Equal(want) {
			t.Fatalf("Div(%s, %s, %d, %s) = %s, reference %s", a, b, places, m, got, want)
		}
	})
}

// refDiv is the reference for Div: a/b as the rational
// (an/ad)/(bn/bd) = an·bd / (ad·bn) with a positive denominator, rounded
// by refRound. b must not be zero.
func refDiv(a, b decimal.Decimal, places int32, mode money.RoundingMode) decimal.Decimal {
	an, ad := ratOf(a)
	bn, bd := ratOf(b)
	num, den := new(big.Int).Mul(an, bd), new(big.Int).Mul(ad, bn)
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	return refRound(num, den, places, mode)
}

// refRound is an independent reference for Round and Div: it rounds the
// rational num/den to places with mode from the floor of num·10^places/den
// and the exact fractional part, case by case from the mode definitions
// (money.Round and money.Div work from truncation toward zero instead).
func refRound(num, den *big.Int, places int32, mode money.RoundingMode) decimal.Decimal {
	x := new(big.Rat).SetFrac(num, den)
	x.Mul(x, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	floor := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean: floor for a positive denominator
	frac := new(big.Rat).Sub(x, new(big.Rat).SetInt(floor))
	ceil := new(big.Int).Set(floor)
	if frac.Sign() != 0 {
		ceil.Add(ceil, big.NewInt(1))
	}
	toZero, away := floor, ceil
	if x.Sign() < 0 {
		toZero, away = ceil, floor
	}
	half := frac.Cmp(big.NewRat(1, 2))
	nearest := func(tie *big.Int) *big.Int {
		switch {
		case frac.Sign() == 0 || half < 0:
			return floor
		case half > 0:
			return ceil
		}
		return tie
	}
	var q *big.Int
	switch mode {
	case money.Floor:
		q = floor
	case money.Ceiling:
		q = ceil
	case money.TowardZero:
		q = toZero
	case money.AwayFromZero:
		q = away
	case money.HalfUp:
		q = nearest(away)
	case money.HalfDown:
		q = nearest(toZero)
	case money.HalfEven:
		if floor.Bit(0) == 0 {
			q = nearest(floor)
		} else {
			q = nearest(ceil)
		}
	case money.RoundingUnspecified:
		panic("unspecified mode")
	}
	return decimal.NewFromBigInt(q, -places)
}

func ratOf(d decimal.Decimal) (*big.Int, *big.Int) {
	num, den := d.Coefficient(), big.NewInt(1)
	if e := d.Exponent(); e >= 0 {
		num.Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	} else {
		den.Exp(big.NewInt(10), big.NewInt(int64(-e)), nil)
	}
	return num, den
}

// Round and Div agree with the big.Rat reference for every mode, any
// divisor (not only those with a finite decimal quotient) and ties, which
// small coefficients make frequent.
func TestRoundDivMatchReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genMode(t)
		places := rapid.Int32Range(0, 6).Draw(t, "places")
		small := rapid.Bool().Draw(t, "small")
		gen := func(label string) decimal.Decimal {
			if small { // many exact ties: 0.5, 2.5, -1.25, …
				return decimal.New(rapid.Int64Range(-400, 400).Draw(t, label), -rapid.Int32Range(0, 3).Draw(t, label+"_exp"))
			}
			return genDecimal(t, label)
		}
		a := gen("a")
		n, dn := ratOf(a)
		got, err := money.Round(a, places, m)
		if err != nil {
			t.Fatal(err)
		}
		if want := refRound(n, dn, places, m); !got.Equal(want) {
			t.Fatalf("Round(%s, %d, %s) = %s, reference %s", a, places, m, got, want)
		}
		b := gen("b")
		if b.IsZero() {
			b = decimal.New(7, -1)
		}
		got, err = money.Div(a, b, places, m)
		if err != nil {
			t.Fatal(err)
		}
		if want := refDiv(a, b, places, m); !got.Equal(want) {
			t.Fatalf("Div(%s, %s, %d, %s) = %s, reference %s", a, b, places, m, got, want)
		}
	})
}

// FuzzDiv compares Div and Round with the big.Rat reference on arbitrary
// coefficients, exponents, places and modes, including out-of-range modes
// and places (which must be errors, never panics).
func FuzzDiv(f *testing.F) {
	f.Add(int64(2), int32(0), int64(3), int32(0), int32(2), uint8(money.HalfEven))
	f.Add(int64(-25), int32(-1), int64(1), int32(0), int32(0), uint8(money.HalfDown))
	f.Add(int64(1), int32(1<<30), int64(3), int32(0), int32(2), uint8(money.HalfUp))
	f.Add(int64(1), int32(-1<<31), int64(1), int32(1<<31-1), int32(2), uint8(money.Floor))
	f.Add(int64(7), int32(0), int64(0), int32(0), int32(2), uint8(money.Ceiling))
	f.Add(int64(7), int32(0), int64(2), int32(0), int32(-1), uint8(200))
	f.Fuzz(func(t *testing.T, ac int64, ae int32, bc int64, be int32, places int32, mode uint8) {
		a, b, m := decimal.New(ac, ae), decimal.New(bc, be), money.RoundingMode(mode)
		q, err := money.Div(a, b, places, m)
		r, rerr := money.Round(a, places, m)
		valid := m.IsValid() && places >= 0 && places <= money.MaxPlaces
		inRange := func(e int32) bool { return e >= -money.MaxExponent && e <= money.MaxExponent }
		switch {
		case !valid || !inRange(ae):
			if rerr == nil {
				t.Fatalf("Round(%s, %d, %d) = %s, want an error", a, places, mode, r)
			}
		default:
			n, d := ratOf(a)
			if rerr != nil || !r.Equal(refRound(n, d, places, m)) {
				t.Fatalf("Round(%s, %d, %s) = %s %v", a, places, m, r, rerr)
			}
		}
		switch {
		case !valid || bc == 0 || !inRange(ae) || !inRange(be):
			if err == nil {
				t.Fatalf("Div(%s, %s, %d, %d) = %s, want an error", a, b, places, mode, q)
			}
		default:
			if err != nil || !q.Equal(refDiv(a, b, places, m)) {
				t.Fatalf("Div(%s, %s, %d, %s) = %s %v", a, b, places, m, q, err)
			}
		}
	})
}

// Every rejected mode, text or value, is an *EnumError listing the valid
// names; its message comes from the shared enum sentence.
func TestRoundingModeEnumErrors(t *testing.T) {
	valid := []string{"half-even", "half-up", "half-down", "toward-zero", "away-from-zero", "ceiling", "floor"}
	tests := []struct {
		name       string
		err        error
		input, sug string
	}{
		{"unknown text", func() error { _, err := money.ParseRoundingMode("bankers"); return err }(), "bankers", ""},
		{"case", func() error { _, err := money.ParseRoundingMode("FLOOR"); return err }(), "FLOOR", "floor"},
		{"zero value name", func() error { _, err := money.ParseRoundingMode("unspecified"); return err }(), "unspecified", ""},
		{"empty", func() error { var m money.RoundingMode; return m.UnmarshalText(nil) }(), "", ""},
		{"marshal zero", func() error { _, err := money.RoundingUnspecified.MarshalText(); return err }(), "unspecified", ""},
		{"marshal out of range", func() error { _, err := money.RoundingMode(9).MarshalText(); return err }(), "RoundingMode(9)", ""},
		{"Round unspecified", func() error { _, err := money.Round(decimal.New(1, 0), 0, 0); return err }(), "unspecified", ""},
		{"Div out of range", func() error { _, err := money.Div(decimal.New(1, 0), decimal.New(1, 0), 0, 8); return err }(), "RoundingMode(8)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ee *money.EnumError
			if !errors.As(tt.err, &ee) || !errors.Is(tt.err, money.ErrRoundingMode) {
				t.Fatalf("%v: not an *EnumError matching ErrRoundingMode", tt.err)
			}
			want := &money.EnumError{Type: "rounding mode", Input: tt.input, Valid: valid, Suggestion: tt.sug}
			if diff := cmp.Diff(want, ee); diff != "" {
				t.Error(diff)
			}
		})
	}
}
