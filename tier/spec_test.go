package tier_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

type wantErr struct {
	field string
	err   error
}

// specErrorCase is one invalid Spec and the errors New reports for it, in
// order (paths and sentinels written by hand from the validation rules).
type specErrorCase struct {
	name string
	spec func() tier.Spec
	want []wantErr
}

func specErrorCases() []specErrorCase {
	valid := func() tier.Spec {
		return tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: rateTiers()}
	}
	many := make([]tier.Tier, tier.MaxTiers+1)
	for i := range many {
		many[i] = tier.Tier{From: decimal.NewFromInt(int64(i) * 10)}
	}
	return []specErrorCase{
		{"unspecified mode and boundary", func() tier.Spec { s := valid(); s.Mode = 0; s.Boundary = 0; return s },
			[]wantErr{{"/mode", tier.ErrMode}, {"/boundary", tier.ErrBoundary}}},
		{"unknown mode", func() tier.Spec { s := valid(); s.Mode = 42; return s }, []wantErr{{"/mode", tier.ErrMode}}},
		{"no tiers", func() tier.Spec { s := valid(); s.Tiers = nil; return s }, []wantErr{{"/tiers", tier.ErrNoTiers}}},
		{"too many tiers", func() tier.Spec { s := valid(); s.Tiers = many; return s }, []wantErr{{"/tiers", tier.ErrTooManyTiers}}},
		{"first bound not 0", func() tier.Spec { s := valid(); s.Tiers[0].From = d("10"); return s },
			[]wantErr{{"/tiers/0/from", tier.ErrGap}}},
		{"unsorted", func() tier.Spec { s := valid(); s.Tiers[2].From = d("50000"); return s },
			[]wantErr{{"/tiers/2/from", tier.ErrUnsorted}}},
		{"duplicate", func() tier.Spec { s := valid(); s.Tiers[2].From = d("100000.00"); return s },
			[]wantErr{{"/tiers/2/from", tier.ErrDuplicate}}},
		{"negative rate", func() tier.Spec { s := valid(); s.Tiers[1].Rate = rate("-1%"); return s },
			[]wantErr{{"/tiers/1/rate", tier.ErrRate}}},
		{"amount in rate mode", func() tier.Spec { s := valid(); s.Tiers[1].Amount = d("5"); return s },
			[]wantErr{{"/tiers/1/amount", tier.ErrAmount}}},
		{"threshold in all-units", func() tier.Spec { s := valid(); s.Threshold = d("5"); return s },
			[]wantErr{{"/threshold", tier.ErrThreshold}}},
		{"step in all-units", func() tier.Spec { s := valid(); s.Step = d("5"); return s },
			[]wantErr{{"/step", tier.ErrStep}}},
		{"rounding in all-units", func() tier.Spec { s := valid(); s.RatePlaces = 4; s.Rounding = money.HalfEven; return s },
			[]wantErr{{"/rate_places", tier.ErrRounding}, {"/rounding", tier.ErrRounding}}},
		{"too many places", func() tier.Spec { s := valid(); s.Tiers[1].From = d("1.0000000000000000001"); return s },
			[]wantErr{{"/tiers/1/from", tier.ErrRange}}},
		{"too large", func() tier.Spec { s := valid(); s.Tiers[2].From = d("1000000000000000000"); return s },
			[]wantErr{{"/tiers/2/from", tier.ErrRange}}},
		{"hostile exponent", func() tier.Spec { s := valid(); s.Tiers[2].From = decimal.New(1, 2000000000); return s },
			[]wantErr{{"/tiers/2/from", tier.ErrRange}}},
		{"hostile negative exponent", func() tier.Spec { s := valid(); s.Tiers[2].From = decimal.New(1, -2000000000); return s },
			[]wantErr{{"/tiers/2/from", tier.ErrRange}, {"/tiers/2/from", tier.ErrUnsorted}}[:1]},
		{"rate in flat mode", func() tier.Spec {
			return tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{From: d("0"), Rate: rate("1%")}}}
		}, []wantErr{{"/tiers/0/rate", tier.ErrRate}}},
		{"negative amount", func() tier.Spec {
			return tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{From: d("0"), Amount: d("-1")}}}
		}, []wantErr{{"/tiers/0/amount", tier.ErrAmount}}},
		{"increment without step", func() tier.Spec {
			return tier.Spec{Mode: tier.Increment, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{From: d("0"), Amount: d("1")}}}
		}, []wantErr{{"/step", tier.ErrStep}}},
		{"package with negative step and two tiers", func() tier.Spec {
			return tier.Spec{Mode: tier.Package, Boundary: tier.LowerInclusive, Step: d("-1"),
				Tiers: []tier.Tier{{From: d("0"), Amount: d("1")}, {From: d("5"), Amount: d("1")}}}
		}, []wantErr{{"/tiers", tier.ErrTooManyTiers}, {"/step", tier.ErrStep}}},
		{"retro negative threshold", func() tier.Spec {
			return tier.Spec{Mode: tier.RetroFromThreshold, Boundary: tier.LowerInclusive, Threshold: d("-1"), Tiers: rateTiers()}
		}, []wantErr{{"/threshold", tier.ErrThreshold}}},
		{"linear one knot, no rounding", func() tier.Spec {
			return tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{From: d("10"), Rate: rate("1%")}}}
		}, []wantErr{{"/tiers", tier.ErrNoTiers}, {"/tiers/0/rate", tier.ErrRate}, {"/rounding", tier.ErrRounding}}},
		{"linear rate finer than rate_places", func() tier.Spec {
			return tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: 2, Rounding: money.HalfUp,
				Tiers: []tier.Tier{{From: d("10"), Rate: rate("0.015")}, {From: d("20"), Rate: rate("0.02")}}}
		}, []wantErr{{"/tiers/0/rate", tier.ErrRate}}},
		{"flat fee in retro mode", func() tier.Spec {
			return tier.Spec{Mode: tier.RetroFromThreshold, Boundary: tier.LowerInclusive,
				Tiers: []tier.Tier{{From: d("0"), Rate: rate("1%"), Flat: d("5")}}}
		}, []wantErr{{"/tiers/0/flat", tier.ErrAmount}}},
		{"negative flat fee", func() tier.Spec { s := valid(); s.Tiers[2].Flat = d("-5"); return s },
			[]wantErr{{"/tiers/2/flat", tier.ErrAmount}}},
		{"flat fee out of range", func() tier.Spec { s := valid(); s.Tiers[0].Flat = d("1000000000000000000"); return s },
			[]wantErr{{"/tiers/0/flat", tier.ErrRange}}},
		{"price in flat mode", func() tier.Spec {
			return tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{From: d("0"), Price: d("1")}}}
		}, []wantErr{{"/tiers/0/price", tier.ErrPrice}}},
		{"negative price", func() tier.Spec {
			return tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{From: d("0"), Price: d("-1")}}}
		}, []wantErr{{"/tiers/0/price", tier.ErrPrice}}},
		{"rates mixed with prices", func() tier.Spec {
			s := valid()
			s.Tiers[1].Rate, s.Tiers[1].Price = money.Rate{}, d("7")
			return s
		}, []wantErr{{"/tiers/0/rate", tier.ErrRate}, {"/tiers/2/rate", tier.ErrRate}}},
		{"rate and price in one tier", func() tier.Spec {
			return tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{{From: d("0"), Rate: rate("1%"), Price: d("2")}}}
		}, []wantErr{{"/tiers/0/rate", tier.ErrRate}}},
		{"linear price finer than rate_places", func() tier.Spec {
			return tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: 1, Rounding: money.HalfUp,
				Tiers: []tier.Tier{{From: d("10"), Price: d("5")}, {From: d("20"), Price: d("4.25")}}}
		}, []wantErr{{"/tiers/1/price", tier.ErrPrice}}},
		{"linear bad rate_places", func() tier.Spec {
			return tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: 19, Rounding: money.HalfUp,
				Tiers: []tier.Tier{{From: d("10"), Rate: rate("0.01")}, {From: d("20"), Rate: rate("0.02")}}}
		}, []wantErr{{"/rate_places", tier.ErrRounding}}},
	}
}

func TestNewErrors(t *testing.T) {
	for _, tt := range specErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tier.New(tt.spec())
			require.Error(t, err)
			var got []wantErr
			for _, e := range unjoin(err) {
				var se *tier.SpecError
				require.True(t, errors.As(e, &se), "%v is not a *SpecError", e)
				require.True(t, strings.HasPrefix(se.Error(), "tier: "), se.Error())
				got = append(got, wantErr{se.Path, sentinel(se.Err)})
			}
			require.Equal(t, tt.want, got, "error: %v", err)
			for _, w := range tt.want {
				require.ErrorIs(t, err, w.err)
			}
		})
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func sentinel(err error) error {
	for _, s := range []error{tier.ErrMode, tier.ErrBoundary, tier.ErrNoTiers, tier.ErrTooManyTiers, tier.ErrGap,
		tier.ErrUnsorted, tier.ErrDuplicate, tier.ErrRate, tier.ErrPrice, tier.ErrAmount, tier.ErrThreshold, tier.ErrStep,
		tier.ErrRounding, tier.ErrRange} {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

func TestMustNewPanics(t *testing.T) {
	require.Panics(t, func() { tier.MustNew(tier.Spec{}) })
}

func TestSpecErrorMessage(t *testing.T) {
	_, err := tier.New(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{{From: d("0")}, {From: d("-5")}}})
	require.EqualError(t, err, `tier: /tiers/1/from = "-5": bounds not ascending: below /tiers/0/from "0"`)
	_, err = tier.New(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive})
	require.EqualError(t, err, `tier: /tiers: no tiers`)
}
