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

	// CR_k: head revenue over the total, 50/100, 70/100, 85/100, 95/100,
	// 100/100 — exact, Num and Den the revenues themselves.
	for k, head := range []string{"0", "50", "70", "85", "95", "100"} {
		got, err := c.TopK(k)
		require.NoError(t, err)
		require.True(t, got.Equal(rat(head, "100")), "TopK(%d) = %s, want %s/100", k, got, head)
		require.True(t, got.Num().Equal(d(head)) && got.Den().Equal(d("100")), "TopK(%d) = %s/%s", k, got.Num(), got.Den())
	}
	_, err := c.TopK(6)
	require.ErrorIs(t, err, capacity.ErrRange)
	_, err = c.TopK(-1)
	require.ErrorIs(t, err, capacity.ErrRange)

	tops := []struct {
		p    string
		want capacity.Top
	}{
		// ⌈0.2 × 5⌉ = 1 partner of 5: 50 of 100.
		{"20%", capacity.Top{Partners: 1, PartnerShare: rat("1", "5"), RevenueShare: rat("50", "100")}},
		// ⌈0.3 × 5⌉ = ⌈1.5⌉ = 2 partners: 70 of 100.
		{"30%", capacity.Top{Partners: 2, PartnerShare: rat("2", "5"), RevenueShare: rat("70", "100")}},
		// ⌈0.01 × 5⌉ = 1.
		{"1%", capacity.Top{Partners: 1, PartnerShare: rat("1", "5"), RevenueShare: rat("50", "100")}},
		{"100%", capacity.Top{Partners: 5, PartnerShare: rat("1", "1"), RevenueShare: rat("1", "1")}},
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
		{"80%", capacity.Top{Partners: 3, PartnerShare: rat("3", "5"), RevenueShare: rat("85", "100")}},
		// 70 % is reached exactly by 2 partners (≥, not >).
		{"70%", capacity.Top{Partners: 2, PartnerShare: rat("2", "5"), RevenueShare: rat("70", "100")}},
		{"0.0001", capacity.Top{Partners: 1, PartnerShare: rat("1", "5"), RevenueShare: rat("50", "100")}},
		{"100%", capacity.Top{Partners: 5, PartnerShare: rat("5", "5"), RevenueShare: rat("100", "100")}},
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
		{Partners: rat("0", "5"), Revenue: rat("0", "100")},
		{Partners: rat("1", "5"), Revenue: rat("5", "100")},
		{Partners: rat("2", "5"), Revenue: rat("15", "100")},
		{Partners: rat("3", "5"), Revenue: rat("30", "100")},
		{Partners: rat("4", "5"), Revenue: rat("50", "100")},
		{Partners: rat("5", "5"), Revenue: rat("100", "100")},
	}
	if diff := cmp.Diff(wantLorenz, c.Lorenz()); diff != "" {
		t.Errorf("Lorenz (-want +got):\n%s", diff)
	}
	for i, p := range c.Lorenz() { // Num and Den are the counts and revenues themselves
		require.True(t, p.Partners.Den().Equal(d("5")) && p.Revenue.Den().Equal(d("100")), "point %d: %s/%s, %s/%s",
			i, p.Partners.Num(), p.Partners.Den(), p.Revenue.Num(), p.Revenue.Den())
	}
	// Σ i·x = 1·5 + 2·10 + 3·15 + 4·20 + 5·50 = 400;
	// G = 2·400 / (5·100) − 6/5 = 1.6 − 1.2 = 0.4 = 2/5.
	require.True(t, c.Gini().Equal(rat("2", "5")), "Gini = %s", c.Gini())
	require.Equal(t, "0.400000000000", c.Gini().String())
	// HHI = .25 + .04 + .0225 + .01 + .0025 = 0.325 = 13/40.
	require.True(t, c.HHI().Equal(rat("13", "40")), "HHI = %s", c.HHI())
	// 1 / 0.325 = 40/13 = 3.076923 076923 0769… → 3.076923076923 at 12
	// places, 3.077 at 3.
	require.True(t, c.EquivalentPartners().Equal(rat("40", "13")), "1/HHI = %s", c.EquivalentPartners())
	require.Equal(t, "3.076923076923", c.EquivalentPartners().String())
	e3, err := c.EquivalentPartners().Round(3, money.HalfEven)
	require.NoError(t, err)
	require.Equal(t, "3.077", e3.String())

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
		gini, hhi, equi capacity.Ratio
		gini12, hhi12   string // the default figure, 12 places half-even
	}{
		// All equal: G = 0, HHI = 4 × 0.25² = 0.25, 1/HHI = 4.
		{"equal", revenues("a", "25 USD", "b", "25 USD", "c", "25 USD", "d", "25 USD"),
			rat("0", "1"), rat("1", "4"), rat("4", "1"), "0.000000000000", "0.250000000000"},
		// One earns all: G = (n−1)/n = 3/4, HHI = 1, 1/HHI = 1.
		{"monopoly", revenues("a", "0 USD", "b", "100 USD", "c", "0 USD", "d", "0 USD"),
			rat("3", "4"), rat("1", "1"), rat("1", "1"), "0.750000000000", "1.000000000000"},
		// Single partner: G = 0, HHI = 1.
		{"single", revenues("a", "7 USD"), rat("0", "1"), rat("1", "1"), rat("1", "1"), "0.000000000000", "1.000000000000"},
		// 1, 2: Σ i·x = 1 + 4 = 5; G = 10/6 − 3/2 = 1/6 = 0.1666…67;
		// HHI = 1/9 + 4/9 = 5/9 = 0.5555…56; 1/HHI = 9/5 = 1.8.
		{"thirds", revenues("a", "1 USD", "b", "2 USD"),
			rat("1", "6"), rat("5", "9"), rat("9", "5"), "0.166666666667", "0.555555555556"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustConc(t, tt.revs)
			require.True(t, c.Gini().Equal(tt.gini), "Gini = %s", c.Gini())
			require.True(t, c.HHI().Equal(tt.hhi), "HHI = %s", c.HHI())
			require.True(t, c.EquivalentPartners().Equal(tt.equi), "1/HHI = %s", c.EquivalentPartners())
			require.Equal(t, tt.gini12, c.Gini().String())
			require.Equal(t, tt.hhi12, r12(c.HHI()))
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
	require.True(t, got.Equal(rat("10", "25")), "TopK(1) = %s", got)
}

// Revenues with different exponents, sub-cent digits and rounding at the
// 12th place. 10 / 10.005 = 0.99950024987506246… → 0.999500249875.
// Thirds: 1/3 = 0.333333333333, 2/3 = 0.666666666667 (half-even, 12 places).
func TestConcentrationRounding(t *testing.T) {
	c := mustConc(t, revenues("a", "10 USD", "b", "0.005 USD"))
	got, err := c.TopK(1)
	require.NoError(t, err)
	require.True(t, got.Equal(rat("10", "10.005")))
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

// The reason ratios are exact: a share just above a half-even tie at 4
// places rounds up when rounded once, but down when rounded to 12 places
// first. Revenues 1234500000004 and 8765499999996 (total 10^13) give
// CR_1 = 0.1234500000004 exactly: once, half-even, at 4 places 0.1235
// (the 13th place 4 puts it above the tie); via 12 places 0.123450000000,
// a tie, which half-even sends to the even 0.1234.
func TestConcentrationRoundOnce(t *testing.T) {
	c := mustConc(t, revenues("a", "1234500000004 USD", "b", "8765499999996 USD"))
	got, err := c.TopK(2) // both: 1
	require.NoError(t, err)
	require.True(t, got.Equal(rat("1", "1")))
	got, err = c.TopK(1) // b is the larger: 0.8765499999996
	require.NoError(t, err)
	once, err := got.Round(4, money.HalfEven)
	require.NoError(t, err)
	require.Equal(t, "0.8765", money.FormatDecimal(once, 4)) // 0.87654999… is below the tie: down
	twice, err := money.Round(got.Decimal(), 4, money.HalfEven)
	require.NoError(t, err)
	require.Equal(t, "0.8766", money.FormatDecimal(twice, 4)) // 0.876550000000 is a tie, 5 odd: up — wrong

	// The smaller partner's share is the last Lorenz step: 0.1234500000004.
	lz := c.Lorenz()
	low := lz[1].Revenue
	require.True(t, low.Equal(rat("1234500000004", "10000000000000")))
	once, err = low.Round(4, money.HalfEven)
	require.NoError(t, err)
	require.Equal(t, "0.1235", money.FormatDecimal(once, 4)) // above the tie: up
	twice, err = money.Round(low.Decimal(), 4, money.HalfEven)
	require.NoError(t, err)
	require.Equal(t, "0.1234", money.FormatDecimal(twice, 4)) // 0.123450000000 is a tie, 4 even: down — wrong
}

// Revenues too large for int64 take the big-integer path.
// X = 10^29, 1: G = (X − 1) / (2(X + 1)) → 0.5 at 12 places;
// CR_1 = X / (X + 1) → 1.000000000000.
func TestConcentrationHuge(t *testing.T) {
	c := mustConc(t, revenues("big", "100000000000000000000000000000 USD", "small", "1 USD"))
	got, err := c.TopK(1)
	require.NoError(t, err)
	// X = 10^29: CR_1 = X / (X + 1); G = (X − 1) / (2(X + 1));
	// HHI = (X² + 1) / (X + 1)² = (X² + 1) / (X² + 2X + 1).
	x, x1 := "1"+strings.Repeat("0", 29), "1"+strings.Repeat("0", 28)+"1"
	require.True(t, got.Equal(rat(x, x1)), "TopK(1) = %s/%s", got.Num(), got.Den())
	require.Equal(t, "1.000000000000", got.String())
	require.True(t, c.Gini().Equal(rat(strings.Repeat("9", 29), "2"+strings.Repeat("0", 28)+"2")))
	require.Equal(t, "0.500000000000", c.Gini().String())
	require.True(t, c.HHI().Equal(rat("1"+strings.Repeat("0", 57)+"1", "1"+strings.Repeat("0", 28)+"2"+strings.Repeat("0", 28)+"1")))
	require.Equal(t, "1.000000000000", c.HHI().String())
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
		{"empty", nil, "/revenues", capacity.ErrEmpty},
		{"empty id", revenues("", "1 USD"), "/revenues/0/id", capacity.ErrEmpty},
		{"duplicate id", revenues("a", "1 USD", "b", "2 USD", "a", "3 USD"), "/revenues/2/id", capacity.ErrDuplicate},
		{"negative", revenues("a", "1 USD", "b", "-2 USD"), "/revenues/1/revenue", capacity.ErrNegative},
		{"mixed currencies", revenues("a", "1 USD", "b", "2 EUR"), "/revenues/1/revenue", money.ErrCurrencyMismatch},
		{"zero total", revenues("a", "0 USD", "b", "0 USD"), "/revenues", capacity.ErrNonPositive},
		{"invalid amount", []capacity.PartnerRevenue{{ID: "a", Revenue: amt("1 USD")}, {ID: "b"}}, "/revenues/1/revenue", capacity.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := capacity.NewConcentration(tt.revs)
			require.ErrorIs(t, err, tt.want)
			var ie *capacity.InputError
			require.True(t, errors.As(err, &ie))
			require.Equal(t, tt.field, ie.Path)
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
	require.True(t, c.Gini().Num().IsZero())
	require.True(t, c.HHI().Equal(capacity.Ratio{}))
	require.True(t, c.EquivalentPartners().Decimal().IsZero())
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
	require.Equal(t, `capacity: /revenues/1/id = "`+strings.Repeat("x", 64)+`…": duplicate key`, ie.Error())
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
