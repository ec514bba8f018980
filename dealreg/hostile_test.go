package dealreg_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/dealreg"
)

// Zero values everywhere: every entry point either refuses them with an
// error or gives its documented answer for "nothing"; none panics and
// none invents a figure.
func TestZeroValues(t *testing.T) {
	var (
		r  dealreg.Registration
		p  dealreg.Policy
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
	require.Error(t, rp.Validate())
	require.ErrorIs(t, p.CheckDeal(dealreg.Deal{}), dealreg.ErrPolicyPart)

	_, err = p.Protection()
	require.ErrorIs(t, err, dealreg.ErrPolicyPart)

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
}
