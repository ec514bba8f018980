package capacity_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// ten partners, total $1,000,000 a year; the top 20 % (2 partners) earn
// 60 %, the next 20 % are c ($100,000) and d ($80,000).
func ten() []capacity.PartnerRevenue {
	return revenues(
		"j", "15000 USD", "a", "400000 USD", "c", "100000 USD", "b", "200000 USD", "d", "80000 USD",
		"e", "60000 USD", "f", "50000 USD", "g", "40000 USD", "h", "30000 USD", "i", "25000 USD",
	)
}

func baseDevelop() capacity.Develop {
	return capacity.Develop{Top: rate("20%"), Next: rate("20%"), Uplift: rate("25%"), CostPerPartner: amt("10000 USD")}
}

func baseRecruit() capacity.Recruit {
	return capacity.Recruit{
		Count: 10, RecruitingCost: amt("5000 USD"), OnboardingCost: amt("3000 USD"), ActivationCost: amt("10000 USD"),
		ProductiveShare: rate("20%"), RevenuePerPartner: amt("60000 USD"),
		Ramp: capacity.MustRamp(rate("50%"), rate("100%")),
	}
}

func TestRecruitOrDevelop(t *testing.T) {
	c := mustConc(t, ten())
	// Recruit (all cases): 10 × (5,000 + 3,000) + 10 × 0.2 × 10,000 =
	// 100,000 cost; 2 productive × 60,000 × (0.5 + 1) = 180,000 over two
	// years; return 1.8.
	recruit := capacity.Option{Partners: 10, Productive: d("2"), Cost: amt("100000 USD"), Revenue: amt("180000 USD"),
		Net: amt("80000 USD"), ReturnPerUnit: rat("180000", "100000")}
	tests := []struct {
		name    string
		develop capacity.Develop
		want    capacity.Comparison
	}{{
		// 25 % of (100,000 + 80,000) = 45,000 a year × 2 = 90,000; cost
		// 2 × 10,000 = 20,000; return 4.5 > 1.8.
		name: "uplift", develop: baseDevelop(),
		want: capacity.Comparison{Horizon: 2, Better: capacity.ChooseDevelop, Recruit: recruit,
			Develop: capacity.Option{Partners: 2, Productive: d("2"), Cost: amt("20000 USD"), Revenue: amt("90000 USD"),
				Net: amt("70000 USD"), ReturnPerUnit: rat("90000", "20000")}},
	}, {
		// Lift to $120,000: gains 20,000 + 40,000 = 60,000 × 2 = 120,000;
		// return 6.
		name: "target", develop: func() capacity.Develop {
			dv := baseDevelop()
			dv.Uplift = money.Rate{}
			dv.Target = amt("120000 USD")
			return dv
		}(),
		want: capacity.Comparison{Horizon: 2, Better: capacity.ChooseDevelop, Recruit: recruit,
			Develop: capacity.Option{Partners: 2, Productive: d("2"), Cost: amt("20000 USD"), Revenue: amt("120000 USD"),
				Net: amt("100000 USD"), ReturnPerUnit: rat("120000", "20000")}},
	}, {
		// Expensive enablement: cost 200,000, return 90,000 / 200,000 = 0.45.
		name: "recruit wins", develop: func() capacity.Develop {
			dv := baseDevelop()
			dv.CostPerPartner = amt("100000 USD")
			return dv
		}(),
		want: capacity.Comparison{Horizon: 2, Better: capacity.ChooseRecruit, Recruit: recruit,
			Develop: capacity.Option{Partners: 2, Productive: d("2"), Cost: amt("200000 USD"), Revenue: amt("90000 USD"),
				Net: amt("-110000 USD"), ReturnPerUnit: rat("90000", "200000")}},
	}, {
		// Cost 50,000: 90,000 / 50,000 = 1.8 = recruit's return.
		name: "tie", develop: func() capacity.Develop {
			dv := baseDevelop()
			dv.CostPerPartner = amt("25000 USD")
			return dv
		}(),
		want: capacity.Comparison{Horizon: 2, Better: capacity.ChooseEither, Recruit: recruit,
			Develop: capacity.Option{Partners: 2, Productive: d("2"), Cost: amt("50000 USD"), Revenue: amt("90000 USD"),
				Net: amt("40000 USD"), ReturnPerUnit: rat("90000", "50000")}},
	}, {
		// Ramped lift 50 % then 100 %: 45,000 × 1.5 = 67,500; return 3.375.
		name: "ramped lift", develop: func() capacity.Develop {
			dv := baseDevelop()
			dv.Ramp = capacity.MustRamp(rate("50%"), rate("100%"))
			return dv
		}(),
		want: capacity.Comparison{Horizon: 2, Better: capacity.ChooseDevelop, Recruit: recruit,
			Develop: capacity.Option{Partners: 2, Productive: d("2"), Cost: amt("20000 USD"), Revenue: amt("67500 USD"),
				Net: amt("47500 USD"), ReturnPerUnit: rat("67500", "20000")}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := capacity.RecruitOrDevelop(c, tt.develop, baseRecruit(), 2)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RecruitOrDevelop (-want +got):\n%s", diff)
			}
		})
	}
}

// Reported amounts are rounded half-even to cents; the return comes from
// the exact figures. 3 recruits at share 0.3: productive 0.9; revenue
// 0.9 × 33.335 × 1 = 30.0015 → 30.00; cost 3 × 1.005 = 3.015 → 3.02
// (half-even: 3.015 → 3.02); return exactly 30.0015 / 3.015 =
// 9.950746268656716… → 9.950746268657 at 12 places (not 30.00 / 3.02).
func TestRecruitOrDevelopRounding(t *testing.T) {
	c := mustConc(t, ten())
	r := capacity.Recruit{Count: 3, RecruitingCost: amt("1.005 USD"), OnboardingCost: amt("0 USD"), ActivationCost: amt("0 USD"),
		ProductiveShare: rate("0.3"), RevenuePerPartner: amt("33.335 USD")}
	got, err := capacity.RecruitOrDevelop(c, baseDevelop(), r, 1)
	require.NoError(t, err)
	want := capacity.Option{Partners: 3, Productive: d("0.9"), Cost: amt("3.02 USD"), Revenue: amt("30.00 USD"),
		Net: amt("26.98 USD"), ReturnPerUnit: rat("30.0015", "3.015")}
	if diff := cmp.Diff(want, got.Recruit); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	require.Equal(t, "9.950746268657", got.Recruit.ReturnPerUnit.String())
	require.True(t, got.Recruit.ReturnPerUnit.Num().Equal(d("30.0015")) && got.Recruit.ReturnPerUnit.Den().Equal(d("3.015")))
}

func TestRecruitOrDevelopErrors(t *testing.T) {
	c := mustConc(t, ten())
	tests := []struct {
		name    string
		c       capacity.Concentration
		develop func(*capacity.Develop)
		recruit func(*capacity.Recruit)
		horizon int
		field   string
		want    error
	}{
		{"empty concentration", capacity.Concentration{}, nil, nil, 1, "/concentration", capacity.ErrEmpty},
		{"horizon", c, nil, nil, 0, "/horizon", capacity.ErrRange},
		{"top one", c, func(d *capacity.Develop) { d.Top = rate("1") }, nil, 1, "/develop/top", capacity.ErrShareRange},
		{"next zero", c, func(d *capacity.Develop) { d.Next = rate("0") }, nil, 1, "/develop/next", capacity.ErrShareRange},
		{"both uplift and target", c, func(d *capacity.Develop) { d.Target = amt("1 USD") }, nil, 1, "/develop/target", capacity.ErrConflict},
		{"neither", c, func(d *capacity.Develop) { d.Uplift = money.Rate{} }, nil, 1, "/develop/uplift", capacity.ErrEmpty},
		{"negative uplift", c, func(d *capacity.Develop) { d.Uplift = rate("-0.1") }, nil, 1, "/develop/uplift", capacity.ErrNonPositive},
		{"target currency", c, func(d *capacity.Develop) { d.Uplift = money.Rate{}; d.Target = amt("1 EUR") }, nil, 1, "/develop/target", money.ErrCurrencyMismatch},
		{"cost currency", c, func(d *capacity.Develop) { d.CostPerPartner = amt("1 EUR") }, nil, 1, "/develop/cost_per_partner", money.ErrCurrencyMismatch},
		{"free development", c, func(d *capacity.Develop) { d.CostPerPartner = amt("0 USD") }, nil, 1, "/develop/cost_per_partner", capacity.ErrNonPositive},
		{"count", c, nil, func(r *capacity.Recruit) { r.Count = 0 }, 1, "/recruit/count", capacity.ErrNonPositive},
		{"recruit share", c, nil, func(r *capacity.Recruit) { r.ProductiveShare = rate("2") }, 1, "/recruit/productive_share", capacity.ErrShareRange},
		{"revenue per partner", c, nil, func(r *capacity.Recruit) { r.RevenuePerPartner = amt("0 USD") }, 1, "/recruit/revenue_per_partner", capacity.ErrNonPositive},
		{"negative cost", c, nil, func(r *capacity.Recruit) { r.OnboardingCost = amt("-1 USD") }, 1, "/recruit/onboarding_cost", capacity.ErrNegative},
		{"missing cost", c, nil, func(r *capacity.Recruit) { r.ActivationCost = money.Amount{} }, 1, "/recruit/activation_cost", capacity.ErrInvalid},
		{"free recruiting", c, nil, func(r *capacity.Recruit) {
			r.RecruitingCost, r.OnboardingCost, r.ActivationCost = amt("0 USD"), amt("0 USD"), amt("0 USD")
		}, 1, "/recruit/recruiting_cost", capacity.ErrNonPositive},
		{"empty band", mustConc(t, revenues("a", "1 USD")), nil, nil, 1, "/develop/next", capacity.ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dv, rc := baseDevelop(), baseRecruit()
			if tt.develop != nil {
				tt.develop(&dv)
			}
			if tt.recruit != nil {
				tt.recruit(&rc)
			}
			_, err := capacity.RecruitOrDevelop(tt.c, dv, rc, tt.horizon)
			require.ErrorIs(t, err, tt.want)
			var ie *capacity.InputError
			require.True(t, errors.As(err, &ie))
			require.Equal(t, tt.field, ie.Path)
		})
	}
}

func TestChoiceText(t *testing.T) {
	for _, ch := range []capacity.Choice{capacity.ChooseDevelop, capacity.ChooseRecruit, capacity.ChooseEither} {
		b, err := ch.MarshalText()
		require.NoError(t, err)
		var back capacity.Choice
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, ch, back)
	}
	require.Equal(t, "develop", capacity.ChooseDevelop.String())
	require.Equal(t, "unspecified", capacity.ChoiceUnspecified.String())
	require.Equal(t, "choice(9)", capacity.Choice(9).String())
	_, err := capacity.ChoiceUnspecified.MarshalText()
	require.ErrorIs(t, err, capacity.ErrInvalid)
	var ch capacity.Choice
	require.ErrorIs(t, ch.UnmarshalText([]byte("hire")), capacity.ErrInvalid)
}
