package dealreg_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
)

// Zero values everywhere: every entry point either refuses them with an
// error or gives its documented answer for "nothing"; none panics and
// none invents a figure.
func TestZeroValues(t *testing.T) {
	var (
		r  dealreg.Registration
		p  dealreg.Policy
		pp dealreg.PricingPolicy
		rp dealreg.RoutingPolicy
		l  dealreg.LeadRecord
	)
	_, err := r.Apply(dealreg.Event{}, time.Time{}, p)
	require.Error(t, err)
	_, err = r.Apply(dealreg.Event{Kind: dealreg.Submit}, t0, loadPolicy(t))
	require.ErrorIs(t, err, dealreg.ErrTransition)
	require.Empty(t, r.AllowedEvents(t0, p))
	require.Equal(t, dealreg.StateUnspecified, r.StateAt(t0))
	require.False(t, r.Protected(t0))
	require.False(t, r.Open(t0))
	require.False(t, r.ReviewOverdue(t0, p))
	_, err = p.MarshalJSON()
	require.Error(t, err)
	require.Error(t, pp.Validate())
	require.Error(t, rp.Validate())
	require.ErrorIs(t, p.CheckDeal(dealreg.Deal{}), dealreg.ErrPolicyPart)

	_, err = pp.Quote(money.Amount{}, nil, money.Amount{})
	require.Error(t, err)
	_, err = dealreg.CheckProtection(dealreg.DealPricing{}, p)
	require.Error(t, err)
	_, err = dealreg.CheckProtection(dealreg.DealPricing{}, policyWith(dealreg.Additive))
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	_, err = dealreg.CheckProgramme([]dealreg.DealPricing{{}}, policyWith(dealreg.Additive))
	require.Error(t, err)

	_, err = dealreg.FindConflicts([]dealreg.Registration{{}}, t0)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	_, err = dealreg.Resolve(nil, dealreg.Exclusions{}, t0, p)
	require.Error(t, err)
	idx, err := dealreg.NewIndex(nil, t0)
	require.NoError(t, err)
	require.Empty(t, idx.ConflictsWith(r))
	require.Empty(t, dealreg.Index{}.Conflicts())
	require.Empty(t, dealreg.Index{}.ConflictsWith(r))

	_, err = dealreg.Route(dealreg.Lead{}, nil, nil, t0, rp)
	require.Error(t, err)
	_, err = dealreg.Assign(dealreg.Lead{}, dealreg.Assignment{}, t0)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	_, err = l.Accept(t0, rp)
	require.ErrorIs(t, err, dealreg.ErrLeadTransition)
	_, err = l.Reassign(nil, t0, routingPolicy())
	require.ErrorIs(t, err, dealreg.ErrLeadTransition)
	_, ok := l.TimeToEngage()
	require.False(t, ok)
	_, err = dealreg.NewFromLead("R", dealreg.Registrant{}, l, dealreg.Deal{}, t0)
	require.ErrorIs(t, err, dealreg.ErrNotEligible)
	_, err = dealreg.ComputeMetrics(nil, nil, dealreg.StageUnspecified, p)
	require.Error(t, err)
	_, err = dealreg.ComputeLeadStats(nil, t0, rp)
	require.Error(t, err)
	require.True(t, dealreg.Quote{}.Discount().IsZero())
}

// Extreme but valid figures stay exact: a list of 10²⁷ USD, a discount of
// exactly 100 % under every policy, and one of 100 % + 10⁻²⁰ refused.
func TestExtremeFigures(t *testing.T) {
	huge := money.MustParse("1000000000000000000000000000.00 USD")
	for _, s := range []dealreg.Stacking{dealreg.Additive, dealreg.Compounding, dealreg.Priority, dealreg.BestOf, dealreg.CappedSum} {
		pp := pricing(s)
		pp.Cap = money.MustRate("1")
		q, err := pp.Quote(huge, []dealreg.Discount{disc(dealreg.SpecialPricing, "all", "1")}, money.Amount{})
		require.NoError(t, err, s.String())
		require.True(t, q.Net.IsZero(), "%s: %s", s, q.Net)
		require.True(t, q.Discount().Equal(huge))
		_, err = pp.Quote(huge, []dealreg.Discount{disc(dealreg.SpecialPricing, "over", "1.00000000000000000001")}, money.Amount{})
		require.ErrorIs(t, err, dealreg.ErrStack, s.String())
	}
	// 10²⁷ · (1 − 0.333333) = 666 667 000 000 000 000 000 000 000.00: no
	// precision lost on a 30-digit amount.
	q, err := pricing(dealreg.Additive).Quote(huge, []dealreg.Discount{disc(dealreg.TierDiscount, "t", "0.333333")}, money.Amount{})
	require.NoError(t, err)
	require.True(t, q.Net.Equal(money.MustParse("666667000000000000000000000.00 USD")), q.Net.String())
}
