package capacity_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// Rounding from the exact quotient, by hand: 2/3 = 0.6666…, 1/8 = 0.125
// (a tie at 2 places), −1/8, 5/6 = 0.8333….
func TestRatioRound(t *testing.T) {
	tests := []struct {
		name     string
		num, den string
		places   int32
		mode     money.RoundingMode
		want     string
	}{
		{"2/3 half-even 12", "2", "3", 12, money.HalfEven, "0.666666666667"},
		{"2/3 floor 12", "2", "3", 12, money.Floor, "0.666666666666"},
		{"2/3 half-even 0", "2", "3", 0, money.HalfEven, "1"},
		{"1/8 half-even 2 (tie, 2 even)", "1", "8", 2, money.HalfEven, "0.12"},
		{"1/8 half-up 2 (tie)", "1", "8", 2, money.HalfUp, "0.13"},
		{"1/8 half-down 2 (tie)", "1", "8", 2, money.HalfDown, "0.12"},
		{"-1/8 half-up 2 (away from zero)", "-1", "8", 2, money.HalfUp, "-0.13"},
		{"-1/8 ceiling 2", "-1", "8", 2, money.Ceiling, "-0.12"},
		{"-1/8 floor 2", "-1", "8", 2, money.Floor, "-0.13"},
		{"5/6 toward zero 3", "5", "6", 3, money.TowardZero, "0.833"},
		{"5/6 away from zero 3", "5", "6", 3, money.AwayFromZero, "0.834"},
		// 0.1234500000004: above the 4-place tie by 4·10^-13.
		{"just above a tie", "1234500000004", "10000000000000", 4, money.HalfEven, "0.1235"},
		{"decimal operands 10/10.005", "10", "10.005", 12, money.HalfEven, "0.999500249875"},
		{"40 places", "1", "3", 40, money.HalfEven, "0.3333333333333333333333333333333333333333"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rat(tt.num, tt.den).Round(tt.places, tt.mode)
			require.NoError(t, err)
			require.Equal(t, tt.want, money.FormatDecimal(got, tt.places))
		})
	}
	r := rat("1", "3")
	_, err := r.Round(-1, money.HalfEven)
	require.ErrorIs(t, err, money.ErrRange)
	_, err = r.Round(money.MaxPlaces+1, money.HalfEven)
	require.ErrorIs(t, err, money.ErrRange)
	_, err = r.Round(2, money.RoundingUnspecified)
	require.ErrorIs(t, err, money.ErrRoundingMode)
	// The zero Ratio is 0/1.
	z, err := capacity.Ratio{}.Round(3, money.Ceiling)
	require.NoError(t, err)
	require.True(t, z.IsZero())
}

func TestNewRatioErrors(t *testing.T) {
	huge := decimal.New(1, money.MaxExponent+1)
	tests := []struct {
		name     string
		num, den decimal.Decimal
		fields   []string
		want     []error
	}{
		{"zero den", d("1"), d("0"), []string{"/den"}, []error{capacity.ErrNonPositive}},
		{"negative den", d("1"), d("-2"), []string{"/den"}, []error{capacity.ErrNonPositive}},
		{"zero-value den", d("1"), decimal.Decimal{}, []string{"/den"}, []error{capacity.ErrNonPositive}},
		{"num out of range", huge, d("1"), []string{"/num"}, []error{capacity.ErrRange}},
		{"both", huge, d("0"), []string{"/num", "/den"}, []error{capacity.ErrRange, capacity.ErrNonPositive}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := capacity.NewRatio(tt.num, tt.den)
			for _, w := range tt.want {
				require.ErrorIs(t, err, w)
			}
			var fields []string
			for _, e := range unjoin(err) {
				var ie *capacity.InputError
				require.True(t, errors.As(e, &ie))
				fields = append(fields, ie.Path)
			}
			require.Equal(t, tt.fields, fields)
		})
	}
	// Negative numerators are allowed (a caller's own ratios).
	r, err := capacity.NewRatio(d("-1"), d("4"))
	require.NoError(t, err)
	require.Equal(t, "-0.250000000000", r.String())
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// allModes lists every rounding mode that rounds.
func allModes() []money.RoundingMode {
	return []money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.TowardZero, money.AwayFromZero, money.Ceiling, money.Floor}
}

// genRatio draws num/den with a signed numerator and a positive
// denominator, both with up to 6 decimal places.
func genRatio(t *rapid.T, label string) capacity.Ratio {
	num := decimal.New(rapid.Int64Range(-1_000_000_000, 1_000_000_000).Draw(t, label+".num"), -rapid.Int32Range(0, 6).Draw(t, label+".numPlaces"))
	den := decimal.New(rapid.Int64Range(1, 1_000_000_000).Draw(t, label+".den"), -rapid.Int32Range(0, 6).Draw(t, label+".denPlaces"))
	return exactRatio(num, den)
}

// Round is the correctly rounded value of the exact quotient, for every
// mode: Floor and Ceiling bracket it one unit apart (or agree when it is
// exact), and every other mode picks the bracket end its rule says,
// judged against the exact midpoint. Cmp and Equal are exact, antisymmetric
// and independent of the representation (num·k / den·k); Decimal and
// String are the 12-place half-even figure.
func TestRatioProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRatio(t, "r")
		places := rapid.Int32Range(0, 14).Draw(t, "places")
		asRatio := func(x decimal.Decimal) capacity.Ratio { return exactRatio(x, decimal.New(1, 0)) }
		round := func(m money.RoundingMode) decimal.Decimal {
			x, err := r.Round(places, m)
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
		lo, hi := round(money.Floor), round(money.Ceiling)
		unit := decimal.New(1, -places)
		if asRatio(lo).Cmp(r) > 0 || asRatio(hi).Cmp(r) < 0 {
			t.Fatalf("%s/%s: floor %s, ceiling %s do not bracket it", r.Num(), r.Den(), lo, hi)
		}
		exact := asRatio(lo).Equal(r)
		if gap := hi.Sub(lo); (exact && !gap.IsZero()) || (!exact && !gap.Equal(unit)) {
			t.Fatalf("%s/%s at %d: floor %s, ceiling %s", r.Num(), r.Den(), places, lo, hi)
		}
		neg := r.Num().Sign() < 0
		mid := r.Cmp(asRatio(lo.Add(hi).Mul(decimal.New(5, -1)))) // exact midpoint
		// Parity of the last place: the integer value of lo·10^places.
		loEven := lo.Shift(places).BigInt().Bit(0) == 0
		for _, m := range allModes() {
			var want decimal.Decimal
			switch m {
			case money.Floor:
				want = lo
			case money.Ceiling:
				want = hi
			case money.TowardZero:
				want = pick(neg, hi, lo)
			case money.AwayFromZero:
				want = pick(neg, lo, hi)
			case money.HalfEven, money.HalfUp, money.HalfDown:
				switch {
				case exact || mid < 0:
					want = lo
				case mid > 0:
					want = hi
				case m == money.HalfEven:
					want = pick(loEven, lo, hi)
				case m == money.HalfUp:
					want = pick(neg, lo, hi)
				default: // HalfDown
					want = pick(neg, hi, lo)
				}
			case money.RoundingUnspecified:
				t.Fatal("unreachable")
			}
			if got := round(m); !got.Equal(want) {
				t.Fatalf("%s/%s at %d places, %s: %s, want %s", r.Num(), r.Den(), places, m, got, want)
			}
		}

		if def, _ := r.Round(capacity.SharePlaces, capacity.ShareRounding); !r.Decimal().Equal(def) ||
			r.String() != money.FormatDecimal(def, capacity.SharePlaces) {
			t.Fatalf("Decimal %s / String %s, want %s", r.Decimal(), r, def)
		}

		o := genRatio(t, "o")
		if r.Cmp(o) != -o.Cmp(r) || r.Equal(o) != (r.Cmp(o) == 0) {
			t.Fatalf("Cmp not antisymmetric: %s/%s vs %s/%s", r.Num(), r.Den(), o.Num(), o.Den())
		}
		if c := r.Decimal().Cmp(o.Decimal()); c != 0 && r.Cmp(o) != c {
			t.Fatalf("Cmp %d disagrees with the rounded figures %s, %s", r.Cmp(o), r, o)
		}
		k := decimal.New(rapid.Int64Range(1, 1_000_000).Draw(t, "k"), -rapid.Int32Range(0, 6).Draw(t, "kPlaces"))
		if scaled := exactRatio(r.Num().Mul(k), r.Den().Mul(k)); !scaled.Equal(r) || scaled.Cmp(r) != 0 {
			t.Fatalf("%s/%s scaled by %s is not equal", r.Num(), r.Den(), k)
		}
	})
}

// pick returns a when cond holds, b otherwise.
func pick(cond bool, a, b decimal.Decimal) decimal.Decimal {
	if cond {
		return a
	}
	return b
}

// A Ratio inside a result marshals exactly (not as "{}"): 7/8 by hand is
// 0.875, written at 12 places.
func TestRatioJSON(t *testing.T) {
	r, err := capacity.NewRatio(decimal.New(7, 0), decimal.New(8, 0))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(struct{ Share capacity.Ratio }{r})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"Share":{"num":"7","den":"8","value":"0.875000000000"}}`; string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
	z, _ := json.Marshal(capacity.Ratio{})
	if want := `{"num":"0","den":"1","value":"0.000000000000"}`; string(z) != want {
		t.Fatalf("zero: got %s, want %s", z, want)
	}
}
