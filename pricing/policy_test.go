package pricing_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/strictjson"
)

func readFixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/protection.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseProtectionFixture(t *testing.T) {
	p, err := pricing.ParseProtection(readFixture(t))
	require.NoError(t, err)
	// Figures straight from testdata/protection.json.
	require.True(t, p.MinAdvantage().Equal(money.MustRate("0.05")))
	require.True(t, p.MinAdvantageFor(money.MustParse("10000.00 USD")).Equal(money.MustParse("500 USD")))
	pol := p.Policy()
	require.Equal(t, pricing.CappedSum, pol.Stacking())
	require.Equal(t, money.HalfEven, pol.Rounding())
	k, r, a := pol.Floor()
	require.Equal(t, pricing.FloorShareOfList, k)
	require.True(t, r.Equal(money.MustRate("0.3")))
	require.Equal(t, pricing.FloorError, a)
	want := pricing.ProtectionSpec{MinAdvantage: ratePtr("0.05"), Pricing: pricing.PolicySpec{
		Stacking: pricing.CappedSum, Cap: ratePtr("0.4"), Rounding: money.HalfEven,
		Floor: pricing.FloorSpec{Kind: pricing.FloorShareOfList, Rate: ratePtr("0.3"), Action: pricing.FloorError}}}
	if diff := cmp.Diff(want, p.Spec()); diff != "" {
		t.Fatalf("spec (-want +got):\n%s", diff)
	}
}

// Every valid specification round-trips through MarshalJSON and Parse.
func TestRoundTrip(t *testing.T) {
	var specs []pricing.PolicySpec
	for _, s := range allStackings() {
		specs = append(specs, spec(s),
			withFloor(spec(s), pricing.FloorShareOfList, "0", pricing.FloorClamp),
			withFloor(spec(s), pricing.FloorMargin, "0.999", pricing.FloorError))
	}
	capZero := spec(pricing.CappedSum)
	capZero.Cap = ratePtr("0") // a zero cap is written, not dropped
	none := spec(pricing.Additive)
	none.Floor = pricing.FloorSpec{Kind: pricing.NoFloor}
	specs = append(specs, capZero, none)
	for _, ps := range specs {
		p := policy(t, ps)
		b, err := p.MarshalJSON()
		require.NoError(t, err)
		q, err := pricing.ParsePolicy(b)
		require.NoError(t, err, string(b))
		require.True(t, p.Equal(q), string(b))
		if diff := cmp.Diff(ps, q.Spec()); diff != "" {
			t.Fatalf("spec (-want +got):\n%s", diff)
		}
		var u pricing.Policy
		require.NoError(t, u.UnmarshalJSON(b))
		require.True(t, u.Equal(p))

		pr := protection(t, pricing.ProtectionSpec{MinAdvantage: ratePtr("0"), Pricing: ps})
		b, err = pr.MarshalJSON()
		require.NoError(t, err)
		pr2, err := pricing.ParseProtection(b)
		require.NoError(t, err, string(b))
		require.True(t, pr.Equal(pr2))
		var up pricing.Protection
		require.NoError(t, up.UnmarshalJSON(b))
		require.True(t, up.Equal(pr))
	}
	// Spec returns a copy: changing it does not change the policy.
	p := policy(t, spec(pricing.Priority))
	s := p.Spec()
	s.Priority[0] = pricing.Promotion
	require.Equal(t, pricing.SpecialPricing, p.Spec().Priority[0])
}

type specCase struct {
	name  string
	spec  pricing.PolicySpec
	want  error
	paths []string
}

func policySpecErrorCases() []specCase {
	bad := func(edit func(*pricing.PolicySpec)) pricing.PolicySpec {
		s := spec(pricing.Additive)
		edit(&s)
		return s
	}
	return []specCase{
		{"zero spec", pricing.PolicySpec{}, pricing.ErrMissing, []string{"/stacking", "/rounding"}},
		{"unknown stacking", bad(func(s *pricing.PolicySpec) { s.Stacking = 9 }), pricing.ErrEnum, []string{"/stacking"}},
		{"capped-sum without cap", bad(func(s *pricing.PolicySpec) { s.Stacking = pricing.CappedSum }), pricing.ErrMissing, []string{"/cap"}},
		{"cap above one", bad(func(s *pricing.PolicySpec) { s.Stacking, s.Cap = pricing.CappedSum, ratePtr("1.5") }), pricing.ErrInvalid, []string{"/cap"}},
		{"cap out of range", bad(func(s *pricing.PolicySpec) {
			r := money.RateFromFraction(decimal.New(1, -100000))
			s.Stacking, s.Cap = pricing.CappedSum, &r
		}), money.ErrRange, []string{"/cap"}},
		{"cap unused", bad(func(s *pricing.PolicySpec) { s.Cap = ratePtr("0.4") }), pricing.ErrInvalid, []string{"/cap"}},
		{"priority missing", bad(func(s *pricing.PolicySpec) { s.Stacking = pricing.Priority }), pricing.ErrMissing, []string{"/priority"}},
		{"priority short", bad(func(s *pricing.PolicySpec) {
			s.Stacking, s.Priority = pricing.Priority, []pricing.DiscountKind{pricing.TierDiscount}
		}), pricing.ErrInvalid, []string{"/priority"}},
		{"priority bad entries", bad(func(s *pricing.PolicySpec) {
			s.Stacking, s.Priority = pricing.Priority, []pricing.DiscountKind{pricing.TierDiscount, pricing.TierDiscount, 0, pricing.Promotion}
		}), pricing.ErrDuplicate, []string{"/priority/1", "/priority/2"}},
		{"priority unused", bad(func(s *pricing.PolicySpec) { s.Priority = []pricing.DiscountKind{pricing.TierDiscount} }), pricing.ErrInvalid, []string{"/priority"}},
		{"floor without kind", bad(func(s *pricing.PolicySpec) { s.Floor.Action = pricing.FloorError }), pricing.ErrMissing, []string{"/floor/kind"}},
		{"floor unknown kind", bad(func(s *pricing.PolicySpec) { s.Floor.Kind = 9 }), pricing.ErrEnum, []string{"/floor/kind"}},
		{"no floor with rate and action", bad(func(s *pricing.PolicySpec) {
			s.Floor = pricing.FloorSpec{Kind: pricing.NoFloor, Rate: ratePtr("0.3"), Action: pricing.FloorClamp}
		}), pricing.ErrInvalid, []string{"/floor/rate", "/floor/action"}},
		{"share floor without rate or action", bad(func(s *pricing.PolicySpec) { s.Floor.Kind = pricing.FloorShareOfList }),
			pricing.ErrMissing, []string{"/floor/rate", "/floor/action"}},
		{"margin of one", bad(func(s *pricing.PolicySpec) {
			*s = withFloor(*s, pricing.FloorMargin, "1", pricing.FloorClamp)
		}), pricing.ErrInvalid, []string{"/floor/rate"}},
		{"negative share", bad(func(s *pricing.PolicySpec) {
			*s = withFloor(*s, pricing.FloorShareOfList, "-0.1", pricing.FloorClamp)
		}), pricing.ErrInvalid, []string{"/floor/rate"}},
		{"unknown action", bad(func(s *pricing.PolicySpec) { *s = withFloor(*s, pricing.FloorMargin, "0.2", 7) }), pricing.ErrEnum, []string{"/floor/action"}},
		{"unknown rounding", bad(func(s *pricing.PolicySpec) { s.Rounding = 99 }), pricing.ErrInvalid, []string{"/rounding"}},
	}
}

func pathsOf(err error) []string {
	var out []string
	walk(err, func(e error) {
		if fp, ok := e.(interface{ FieldPath() string }); ok {
			out = append(out, fp.FieldPath())
		}
	})
	return out
}

func TestNewPolicyErrors(t *testing.T) {
	for _, tt := range policySpecErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pricing.NewPolicy(tt.spec)
			require.ErrorIs(t, err, tt.want)
			if diff := cmp.Diff(tt.paths, pathsOf(err)); diff != "" {
				t.Fatalf("paths (-want +got):\n%s\n%v", diff, err)
			}
			// Under a protection rule the same members sit under /pricing.
			_, err = pricing.NewProtection(pricing.ProtectionSpec{MinAdvantage: ratePtr("0"), Pricing: tt.spec})
			var want []string
			for _, p := range tt.paths {
				want = append(want, "/pricing"+p)
			}
			if diff := cmp.Diff(want, pathsOf(err)); diff != "" {
				t.Fatalf("protection paths (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPolicyErrorMessages(t *testing.T) {
	_, err := pricing.NewPolicy(pricing.PolicySpec{Stacking: pricing.CappedSum, Cap: ratePtr("120%")})
	require.EqualError(t, err, "pricing: /cap = \"1.2\": invalid value: must be in [0, 1]\npricing: /rounding: missing required value")
	_, err = pricing.ParsePolicy([]byte(`{"stacking": "Additive", "rounding": "half-even"}`))
	require.EqualError(t, err, `pricing: /stacking: invalid value: unknown stacking "Additive" (valid: additive, compounding, priority, best-of, capped-sum; did you mean "additive"?)`)
	require.ErrorIs(t, err, strictjson.ErrType)
	var ee *pricing.EnumError
	require.ErrorAs(t, err, &ee)
	require.Equal(t, pricing.EnumError{Type: "stacking", Input: "Additive",
		Valid: []string{"additive", "compounding", "priority", "best-of", "capped-sum"}, Suggestion: "additive"}, *ee)
}

type docCase struct {
	name string
	doc  string
	want error
	path string
}

func protectionDocErrorCases(t testing.TB) []docCase {
	doc := string(readFixture(t))
	return []docCase{
		{"unknown member", strings.Replace(doc, `"cap"`, `"kap"`, 1), strictjson.ErrUnknownField, "/pricing/kap"},
		{"case variant", strings.Replace(doc, `"min_advantage"`, `"MIN_ADVANTAGE"`, 1), strictjson.ErrUnknownField, "/MIN_ADVANTAGE"},
		{"number rate", strings.Replace(doc, `"30%"`, `0.3`, 1), strictjson.ErrNumber, "/pricing/floor/rate"},
		{"null", strings.Replace(doc, `"40%"`, `null`, 1), strictjson.ErrNull, "/pricing/cap"},
		{"bad enum", strings.Replace(doc, `"error"`, `"eror"`, 1), pricing.ErrEnum, "/pricing/floor/action"},
		{"syntax", doc[:20], strictjson.ErrSyntax, "/min_advantage"},
		{"too large", strings.Repeat(" ", pricing.MaxDocumentBytes+1), strictjson.ErrTooLarge, ""},
		{"too deep", strings.Repeat(`{"a":`, 20) + strings.Repeat(`}`, 20), strictjson.ErrTooDeep, "/a/a/a/a/a/a/a/a"},
		{"missing min advantage", strings.Replace(doc, `"min_advantage": "5%",`, ``, 1), pricing.ErrMissing, "/min_advantage"},
		{"missing cap", strings.Replace(doc, `"cap": "40%",`, ``, 1), pricing.ErrMissing, "/pricing/cap"},
		{"bare rate", strings.Replace(doc, `"30%"`, `"0.3"`, 1), strictjson.ErrRateUnit, "/pricing/floor/rate"},
		{"missing floor rate", strings.Replace(doc, `"rate": "30%", `, ``, 1), pricing.ErrMissing, "/pricing/floor/rate"},
		{"min advantage above one", strings.Replace(doc, `"5%"`, `"105%"`, 1), pricing.ErrInvalid, "/min_advantage"},
	}
}

func TestParseProtectionErrors(t *testing.T) {
	for _, tt := range protectionDocErrorCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pricing.ParseProtection([]byte(tt.doc))
			require.ErrorIs(t, err, tt.want)
			var pe *pricing.PolicyError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tt.path, pe.Path, err.Error())
			require.True(t, strings.HasPrefix(err.Error(), "pricing: "), err.Error())
		})
	}
	// A missing floor is no floor.
	p, err := pricing.ParsePolicy([]byte(`{"stacking": "additive", "rounding": "half-up"}`))
	require.NoError(t, err)
	k, _, _ := p.Floor()
	require.Equal(t, pricing.NoFloor, k)
	require.False(t, p.NeedsCost())
	_, err = pricing.ParsePolicy([]byte(`{"stacking": "additive"}`))
	require.ErrorIs(t, err, pricing.ErrMissing)
}

func TestMustParse(t *testing.T) {
	require.Panics(t, func() { pricing.MustParsePolicy(`{}`) })
	require.Panics(t, func() { pricing.MustParseProtection(`{}`) })
	require.NotPanics(t, func() { pricing.MustParseProtection(string(readFixture(t))) })
}

// Enumerations: every name parses back; unknown text, the unspecified and
// out-of-range values are *EnumError matching ErrEnum.
func TestEnums(t *testing.T) {
	type textEnum interface {
		String() string
		IsValid() bool
		MarshalText() ([]byte, error)
	}
	check := func(t *testing.T, vals []textEnum, parse func(string) (textEnum, error)) {
		for _, v := range vals {
			b, err := v.MarshalText()
			if !v.IsValid() {
				require.ErrorIs(t, err, pricing.ErrEnum, v.String())
				continue
			}
			require.NoError(t, err)
			got, err := parse(string(b))
			require.NoError(t, err)
			require.Equal(t, v, got)
		}
		_, err := parse("nonsense")
		require.ErrorIs(t, err, pricing.ErrEnum)
		_, err = parse("unspecified")
		require.ErrorIs(t, err, pricing.ErrEnum)
	}
	t.Run("stacking", func(t *testing.T) {
		var vs []textEnum
		for v := range 8 {
			vs = append(vs, pricing.Stacking(v))
		}
		check(t, vs, func(s string) (textEnum, error) { return pricing.ParseStacking(s) })
	})
	t.Run("discount kind", func(t *testing.T) {
		var vs []textEnum
		for v := range 7 {
			vs = append(vs, pricing.DiscountKind(v))
		}
		check(t, vs, func(s string) (textEnum, error) { return pricing.ParseDiscountKind(s) })
	})
	t.Run("floor kind", func(t *testing.T) {
		var vs []textEnum
		for v := range 6 {
			vs = append(vs, pricing.FloorKind(v))
		}
		check(t, vs, func(s string) (textEnum, error) { return pricing.ParseFloorKind(s) })
	})
	t.Run("floor action", func(t *testing.T) {
		var vs []textEnum
		for v := range 5 {
			vs = append(vs, pricing.FloorAction(v))
		}
		check(t, vs, func(s string) (textEnum, error) { return pricing.ParseFloorAction(s) })
	})
	t.Run("restore reason", func(t *testing.T) {
		var vs []textEnum
		for v := range 11 {
			r := pricing.RestoreReason(v)
			vs = append(vs, r)
			require.Equal(t, r == pricing.ReasonUnspecified, r.Sentence() == "", r.String())
		}
		check(t, vs, func(s string) (textEnum, error) { return pricing.ParseRestoreReason(s) })
	})
	var s pricing.Stacking
	require.NoError(t, s.UnmarshalText([]byte("best-of")))
	require.Equal(t, pricing.BestOf, s)
	require.Error(t, s.UnmarshalText([]byte("best of")))
	require.Equal(t, pricing.BestOf, s, "a failed UnmarshalText leaves the value")
	var k pricing.DiscountKind
	var fk pricing.FloorKind
	var fa pricing.FloorAction
	var rr pricing.RestoreReason
	require.NoError(t, errors.Join(k.UnmarshalText([]byte("tier")), fk.UnmarshalText([]byte("margin")),
		fa.UnmarshalText([]byte("clamp")), rr.UnmarshalText([]byte("above-cap"))))
	require.Equal(t, []any{pricing.TierDiscount, pricing.FloorMargin, pricing.FloorClamp, pricing.ReasonAboveCap}, []any{k, fk, fa, rr})
	_, err := pricing.ParseStacking("Capped_Sum")
	require.EqualError(t, err, `pricing: unknown stacking "Capped_Sum" (valid: additive, compounding, priority, best-of, capped-sum; did you mean "capped-sum"?)`)
}
