package capacity_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

func revenues(pairs ...string) []capacity.PartnerRevenue {
	out := make([]capacity.PartnerRevenue, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, capacity.PartnerRevenue{ID: pairs[i], Revenue: amt(pairs[i+1])})
	}
	return out
}

// five: 50, 20, 15, 10, 5 (total 100), given out of order.
func five() []capacity.PartnerRevenue {
	return revenues("d", "10 USD", "a", "50 USD", "e", "5 USD", "c", "15 USD", "b", "20 USD")
}

func mustConc(t testing.TB, r []capacity.PartnerRevenue) capacity.Concentration {
	t.Helper()
	c, err := capacity.NewConcentration(r)
	require.NoError(t, err)
	return c
}

func TestConcentrationFive(t *testing.T) {
	c := mustConc(t, five())
	require.Equal(t, 5, c.N())
	require.Equal(t, "USD", c.Currency().Code())
	require.True(t, c.Total().Equal(amt("100 USD")))
	ids := []string{}
	for _, p := range c.Ranked() {
		ids = append(ids, p.ID)
	}
	require.Equal(t, []string{"a", "b", "c", "d", "e"}, ids)

	// CR_k: 50/100, 70/100, 85/100, 95/100, 100/100.
	for k, want := range []string{"0", "0.5", "0.7", "0.85", "0.95", "1"} {
		got, err := c.TopK(k)
		require.NoError(t, err)
		require.True(t, got.Equal(d(want)), "TopK(%d) = %s, want %s", k, got, want)
	}
	_, err := c.TopK(6)
	require.ErrorIs(t, err, capacity.ErrRange)
	_, err = c.TopK(-1)
	require.ErrorIs(t, err, capacity.ErrRange)

	tops := []struct {
		p    string
		want capacity.Top
	}{
		// ⌈0.2 × 5⌉ = 1 partner: 50 %.
		{"20%", capacity.Top{Partners: 1, PartnerShare: d("0.2"), RevenueShare: d("0.5")}},
		// ⌈0.3 × 5⌉ = ⌈1.5⌉ = 2 partners: 70 %.
		{"30%", capacity.Top{Partners: 2, PartnerShare: d("0.4"), RevenueShare: d("0.7")}},
		// ⌈0.01 × 5⌉ = 1.
		{"1%", capacity.Top{Partners: 1, PartnerShare: d("0.2"), RevenueShare: d("0.5")}},
		{"100%", capacity.Top{Partners: 5, PartnerShare: d("1"), RevenueShare: d("1")}},
	}
	for _, tt := range tops {
		got, err := c.TopShare(rate(tt.p))
		require.NoError(t, err)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("TopShare(%s) (-want +got):\n%s", tt.p, diff)
		}
	}
	fors := []struct {
		s    string
		want capacity.Top
	}{
		// prefixes 50, 70, 85: 80 % needs 3 partners (85 %).
		{"80%", capacity.Top{Partners: 3, PartnerShare: d("0.6"), RevenueShare: d("0.85")}},
		// 70 % is reached exactly by 2 partners (≥, not >).
		{"70%", capacity.Top{Partners: 2, PartnerShare: d("0.4"), RevenueShare: d("0.7")}},
		{"0.0001", capacity.Top{Partners: 1, PartnerShare: d("0.2"), RevenueShare: d("0.5")}},
		{"100%", capacity.Top{Partners: 5, PartnerShare: d("1"), RevenueShare: d("1")}},
	}
	for _, tt := range fors {
		got, err := c.PartnersForShare(rate(tt.s))
		require.NoError(t, err)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("PartnersForShare(%s) (-want +got):\n%s", tt.s, diff)
		}
	}

	// Ascending 5, 10, 15, 20, 50: cumulative 5, 15, 30, 50, 100.
	wantLorenz := []capacity.LorenzPoint{
		{Partners: d("0"), Revenue: d("0")},
		{Partners: d("0.2"), Revenue: d("0.05")},
		{Partners: d("0.4"), Revenue: d("0.15")},
		{Partners: d("0.6"), Revenue: d("0.3")},
		{Partners: d("0.8"), Revenue: d("0.5")},
		{Partners: d("1"), Revenue: d("1")},
	}
	if diff := cmp.Diff(wantLorenz, c.Lorenz()); diff != "" {
		t.Errorf("Lorenz (-want +got):\n%s", diff)
	}
	// Σ i·x = 1·5 + 2·10 + 3·15 + 4·20 + 5·50 = 400;
	// G = 2·400 / (5·100) − 6/5 = 1.6 − 1.2 = 0.4.
	require.Equal(t, "0.4", c.Gini().String())
	// HHI = .25 + .04 + .0225 + .01 + .0025 = 0.325.
	require.Equal(t, "0.325", c.HHI().String())
	// 1 / 0.325 = 3.076923 076923 0769… → 12 places.
	require.Equal(t, "3.076923076923", c.EquivalentPartners().String())

	// Next 20 % below the top 20 %: ranks 2 (⌈0.2·5⌉ = 1 … ⌈0.4·5⌉ = 2).
	band, err := c.Next(rate("20%"), rate("20%"))
	require.NoError(t, err)
	require.Equal(t, revenues("b", "20 USD"), band)
	band, err = c.Next(rate("0"), rate("40%"))
	require.NoError(t, err)
	require.Equal(t, revenues("a", "50 USD", "b", "20 USD"), band)
	band, err = c.Next(rate("80%"), rate("50%")) // capped at N
	require.NoError(t, err)
	require.Equal(t, revenues("e", "5 USD"), band)
	_, err = c.Next(rate("1"), rate("0.1"))
	require.ErrorIs(t, err, capacity.ErrShareRange)
	_, err = c.Next(rate("0.1"), rate("0"))
	require.ErrorIs(t, err, capacity.ErrShareRange)
}

func TestConcentrationExtremes(t *testing.T) {
	tests := []struct {
		name            string
		revs            []capacity.PartnerRevenue
		gini, hhi, equi string
	}{
		// All equal: G = 0, HHI = 4 × 0.25² = 0.25, 1/HHI = 4.
		{"equal", revenues("a", "25 USD", "b", "25 USD", "c", "25 USD", "d", "25 USD"), "0", "0.25", "4"},
		// One earns all: G = (n−1)/n = 0.75, HHI = 1, 1/HHI = 1.
		{"monopoly", revenues("a", "0 USD", "b", "100 USD", "c", "0 USD", "d", "0 USD"), "0.75", "1", "1"},
		// Single partner: G = 0, HHI = 1.
		{"single", revenues("a", "7 USD"), "0", "1", "1"},
		// 1, 2: Σ i·x = 1 + 4 = 5; G = 10/6 − 3/2 = 1/6 = 0.1666…67;
		// HHI = 1/9 + 4/9 = 5/9 = 0.5555…56; 1/HHI = 9/5 = 1.8.
		{"thirds", revenues("a", "1 USD", "b", "2 USD"), "0.166666666667", "0.555555555556", "1.8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustConc(t, tt.revs)
			require.True(t, c.Gini().Equal(d(tt.gini)), "Gini = %s", c.Gini())
			require.True(t, c.HHI().Equal(d(tt.hhi)), "HHI = %s", c.HHI())
			require.True(t, c.EquivalentPartners().Equal(d(tt.equi)), "1/HHI = %s", c.EquivalentPartners())
		})
	}
}

// Ties are ranked by ascending id, whatever the input order.
func TestConcentrationTies(t *testing.T) {
	c := mustConc(t, revenues("b", "10 USD", "c", "5 USD", "a", "10.00 USD"))
	require.Equal(t, revenues("a", "10.00 USD", "b", "10 USD", "c", "5 USD"), c.Ranked())
	// 10 / 25 = 0.4
	got, err := c.TopK(1)
	require.NoError(t, err)
	require.Equal(t, "0.4", got.String())
}

// Revenues with different exponents, sub-cent digits and rounding at the
// 12th place. 10 / 10.005 = 0.99950024987506246… → 0.999500249875.
// Thirds: 1/3 = 0.333333333333, 2/3 = 0.666666666667 (half-even, 12 places).
func TestConcentrationRounding(t *testing.T) {
	c := mustConc(t, revenues("a", "10 USD", "b", "0.005 USD"))
	got, err := c.TopK(1)
	require.NoError(t, err)
	require.Equal(t, "0.999500249875", got.String())
	require.True(t, c.Total().Equal(amt("10.005 USD")))

	c = mustConc(t, revenues("a", "1 USD", "b", "1 USD", "c", "1 USD"))
	got, err = c.TopK(1)
	require.NoError(t, err)
	require.Equal(t, "0.333333333333", got.String())
	got, err = c.TopK(2)
	require.NoError(t, err)
	require.Equal(t, "0.666666666667", got.String())
}

// Revenues too large for int64 take the big-integer path.
// X = 10^29, 1: G = (X − 1) / (2(X + 1)) → 0.5 at 12 places;
// CR_1 = X / (X + 1) → 1.000000000000.
func TestConcentrationHuge(t *testing.T) {
	c := mustConc(t, revenues("big", "100000000000000000000000000000 USD", "small", "1 USD"))
	got, err := c.TopK(1)
	require.NoError(t, err)
	require.True(t, got.Equal(d("1")))
	require.True(t, c.Gini().Equal(d("0.5")))
	require.True(t, c.HHI().Equal(d("1")))
	top, err := c.PartnersForShare(rate("100%"))
	require.NoError(t, err)
	require.Equal(t, 2, top.Partners)
	require.Equal(t, "big", c.Ranked()[0].ID)
}

func TestConcentrationErrors(t *testing.T) {
	tests := []struct {
		name  string
		revs  []capacity.PartnerRevenue
		field string
		want  error
	}{
		{"empty", nil, "Revenues", capacity.ErrEmpty},
		{"empty id", revenues("", "1 USD"), "Revenues[0].ID", capacity.ErrEmpty},
		{"duplicate id", revenues("a", "1 USD", "b", "2 USD", "a", "3 USD"), "Revenues[2].ID", capacity.ErrDuplicate},
		{"negative", revenues("a", "1 USD", "b", "-2 USD"), "Revenues[1].Revenue", capacity.ErrNegative},
		{"mixed currencies", revenues("a", "1 USD", "b", "2 EUR"), "Revenues[1].Revenue", money.ErrCurrencyMismatch},
		{"zero total", revenues("a", "0 USD", "b", "0 USD"), "Revenues", capacity.ErrNonPositive},
		{"invalid amount", []capacity.PartnerRevenue{{ID: "a", Revenue: amt("1 USD")}, {ID: "b"}}, "Revenues[1].Revenue", capacity.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := capacity.NewConcentration(tt.revs)
			require.ErrorIs(t, err, tt.want)
			var ie *capacity.InputError
			require.True(t, errors.As(err, &ie))
			require.Equal(t, tt.field, ie.Field)
		})
	}
	c := mustConc(t, five())
	for _, p := range []string{"0", "-0.1", "1.5"} {
		_, err := c.TopShare(rate(p))
		require.ErrorIs(t, err, capacity.ErrShareRange, p)
		_, err = c.PartnersForShare(rate(p))
		require.ErrorIs(t, err, capacity.ErrShareRange, p)
	}
}

// A hundred bad rows give a bounded error.
func TestConcentrationErrorCap(t *testing.T) {
	var revs []capacity.PartnerRevenue
	for i := range 100 {
		revs = append(revs, capacity.PartnerRevenue{ID: fmt.Sprint(i), Revenue: amt("-1 USD")})
	}
	_, err := capacity.NewConcentration(revs)
	require.ErrorIs(t, err, capacity.ErrNegative)
	require.Contains(t, err.Error(), "and 84 more errors")
}

func TestConcentrationZero(t *testing.T) {
	var c capacity.Concentration
	require.Equal(t, 0, c.N())
	require.True(t, c.Gini().IsZero())
	require.True(t, c.HHI().IsZero())
	require.True(t, c.EquivalentPartners().IsZero())
	require.Nil(t, c.Lorenz())
	require.False(t, c.Total().IsValid())
	top, err := c.TopShare(rate("0.2"))
	require.NoError(t, err)
	require.Equal(t, 0, top.Partners)
	top, err = c.PartnersForShare(rate("0.2"))
	require.NoError(t, err)
	require.Equal(t, 0, top.Partners)
	require.True(t, c.Equal(capacity.Concentration{}))
	require.False(t, c.Equal(mustConc(t, five())))
}

// Long inputs are truncated in error messages.
func TestInputErrorTruncates(t *testing.T) {
	long := strings.Repeat("x", 100)
	_, err := capacity.NewConcentration(revenues(long, "1 USD", long, "2 USD"))
	var ie *capacity.InputError
	require.True(t, errors.As(err, &ie))
	require.Equal(t, strings.Repeat("x", 64)+"…", ie.Value)
	require.Equal(t, `capacity: Revenues[1].ID "`+strings.Repeat("x", 64)+`…": duplicate key`, ie.Error())
}

// A Concentration is an immutable value: concurrent readers under -race
// see the same figures.
func TestConcentrationConcurrent(t *testing.T) {
	c := mustConc(t, benchRevenues(500))
	want := c.Gini().String() + c.HHI().String()
	done := make(chan string, 8)
	for range 8 {
		go func() {
			_, _ = c.TopShare(rate("20%"))
			_, _ = c.PartnersForShare(rate("80%"))
			_ = c.Lorenz()
			done <- c.Gini().String() + c.HHI().String()
		}()
	}
	for range 8 {
		require.Equal(t, want, <-done)
	}
}
