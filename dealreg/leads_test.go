package dealreg_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
)

func routingPolicy() dealreg.RoutingPolicy {
	return dealreg.RoutingPolicy{
		AcceptanceSLA:           48 * time.Hour,
		NewPartnerWindow:        180 * 24 * time.Hour,
		HighPerformerConversion: money.MustRate("0.25"),
		Order:                   []dealreg.RouteClass{dealreg.NewPartner, dealreg.HighPerformer},
		MaxReassignments:        2,
	}
}

func partners() []dealreg.PartnerProfile {
	banking := []string{"banking"}
	return []dealreg.PartnerProfile{
		// New (onboarded 30 days ago), 1 open lead.
		{ID: "NEW-B", Segments: banking, Capabilities: []string{"managed-services"}, Capacity: 3, OpenLeads: 1, OnboardedAt: t0.AddDate(0, 0, -30)},
		// New, 0 open leads, but lacks the capability.
		{ID: "NEW-A", Segments: banking, Capacity: 3, OnboardedAt: t0.AddDate(0, 0, -10)},
		// High performers.
		{ID: "TOP-2", Segments: banking, Capabilities: []string{"managed-services"}, Capacity: 10, OpenLeads: 2, Conversion: money.MustRate("0.40"), OnboardedAt: t0.AddDate(-3, 0, 0)},
		{ID: "TOP-1", Segments: banking, Capabilities: []string{"managed-services"}, Capacity: 10, OpenLeads: 2, Conversion: money.MustRate("0.40"), OnboardedAt: t0.AddDate(-3, 0, 0)},
		// Full.
		{ID: "TOP-0", Segments: banking, Capabilities: []string{"managed-services"}, Capacity: 1, OpenLeads: 1, Conversion: money.MustRate("0.90"), OnboardedAt: t0.AddDate(-3, 0, 0)},
		// Neither new nor high performing: never gets leads.
		{ID: "MID", Segments: banking, Capabilities: []string{"managed-services"}, Capacity: 10, Conversion: money.MustRate("0.10"), OnboardedAt: t0.AddDate(-2, 0, 0)},
	}
}

var bankLead = dealreg.Lead{ID: "L-1", Customer: dealreg.Customer{Name: "Zurich Private Bank AG", Country: "CH"}, Segment: "banking",
	Capabilities: []string{"managed-services"}, Source: "webinar-2025-02", Context: []string{"downloaded: MS whitepaper"}, CreatedAt: t0}

func TestRoute(t *testing.T) {
	rp := routingPolicy()
	a, err := dealreg.Route(bankLead, partners(), nil, t0, rp)
	require.NoError(t, err)
	require.Equal(t, dealreg.Assignment{Partner: "NEW-B", Class: dealreg.NewPartner}, a)

	// High performers first: TOP-1 and TOP-2 tie on conversion and load; ID breaks it.
	rp.Order = []dealreg.RouteClass{dealreg.HighPerformer, dealreg.NewPartner}
	a, err = dealreg.Route(bankLead, partners(), nil, t0, rp)
	require.NoError(t, err)
	require.Equal(t, dealreg.Assignment{Partner: "TOP-1", Class: dealreg.HighPerformer}, a)
	a2, err := dealreg.Route(bankLead, rapidPerm(partners()), nil, t0, rp)
	require.NoError(t, err)
	require.Equal(t, a, a2)

	// Excluding earlier assignees and the new partner's window boundary:
	// onboarded exactly NewPartnerWindow ago is no longer new.
	rp.Order = []dealreg.RouteClass{dealreg.NewPartner}
	ps := partners()
	ps[0].OnboardedAt = t0.Add(-rp.NewPartnerWindow)
	_, err = dealreg.Route(bankLead, ps, nil, t0, rp)
	require.ErrorIs(t, err, dealreg.ErrNoPartner)
	ps[0].OnboardedAt = t0.Add(-rp.NewPartnerWindow + time.Nanosecond)
	a, err = dealreg.Route(bankLead, ps, nil, t0, rp)
	require.NoError(t, err)
	require.Equal(t, "NEW-B", a.Partner)
	_, err = dealreg.Route(bankLead, ps, []string{"NEW-B"}, t0, rp)
	require.ErrorIs(t, err, dealreg.ErrNoPartner)

	_, err = dealreg.Route(bankLead, append(ps, ps[0]), nil, t0, rp)
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)
}

func rapidPerm(ps []dealreg.PartnerProfile) []dealreg.PartnerProfile {
	out := make([]dealreg.PartnerProfile, len(ps))
	for i := range ps {
		out[len(ps)-1-i] = ps[i]
	}
	return out
}

func TestLeadLifecycle(t *testing.T) {
	rp := routingPolicy()
	a, err := dealreg.Route(bankLead, partners(), nil, t0, rp)
	require.NoError(t, err)
	l, err := dealreg.Assign(bankLead, a, t0)
	require.NoError(t, err)
	due := t0.Add(48 * time.Hour)
	require.Equal(t, dealreg.LeadAssigned, l.StatusAt(due.Add(-time.Nanosecond), rp))
	require.Equal(t, dealreg.LeadSilent, l.StatusAt(due, rp))

	// Reassigning before the SLA is illegal; after it, the lead moves on.
	_, err = l.Reassign(partners(), due.Add(-time.Nanosecond), rp)
	require.ErrorIs(t, err, dealreg.ErrLeadTransition)
	l2, err := l.Reassign(partners(), due, rp)
	require.NoError(t, err)
	require.Equal(t, "TOP-1", l2.Partner) // NEW-B excluded, NEW-A lacks the capability
	require.Equal(t, dealreg.HighPerformer, l2.Class)
	require.Equal(t, []dealreg.LeadAttempt{{Partner: "NEW-B", Class: dealreg.NewPartner, AssignedAt: t0, Outcome: dealreg.LeadSilent, EndedAt: due}}, l2.History)
	require.Empty(t, l.History, "the original record is unchanged")

	_, err = l2.Reject("", due.Add(time.Hour), rp)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	l3, err := l2.Reject("no capacity", due.Add(time.Hour), rp)
	require.NoError(t, err)
	l4, err := l3.Reassign(partners(), due.Add(2*time.Hour), rp)
	require.NoError(t, err)
	require.Equal(t, "TOP-2", l4.Partner)
	_, err = l4.Reject("x", due.Add(3*time.Hour), rp)
	require.NoError(t, err)
	l5, _ := l4.Reject("x", due.Add(3*time.Hour), rp)
	_, err = l5.Reassign(partners(), due.Add(4*time.Hour), rp)
	require.ErrorIs(t, err, dealreg.ErrLeadTransition) // two reassignments used

	acc, err := l4.Accept(due.Add(5*time.Hour), rp)
	require.NoError(t, err)
	tte, ok := acc.TimeToEngage()
	require.True(t, ok)
	require.Equal(t, 3*time.Hour, tte) // assigned at due+2h, accepted at due+5h
	_, err = acc.Accept(due.Add(6*time.Hour), rp)
	require.ErrorIs(t, err, dealreg.ErrLeadTransition)
	_, err = l4.Accept(t0, rp)
	require.ErrorIs(t, err, dealreg.ErrTimeOrder)
	_, ok = l4.TimeToEngage()
	require.False(t, ok)

	// A registrable vendor lead: the accepting partner registers the lead; others cannot.
	deal := dealreg.Deal{ProductLines: []string{"managed-services"}, Stage: dealreg.Prospecting}
	r, err := dealreg.NewFromLead("R-L1", dealreg.Registrant{ID: "TOP-2", Tier: "gold"}, acc, deal, due.Add(6*time.Hour))
	require.NoError(t, err)
	require.Equal(t, dealreg.VendorLead, r.Source())
	require.Equal(t, "L-1", r.LeadID())
	require.Equal(t, "webinar-2025-02", r.LeadSource()) // kept for the lead programme's ROI
	require.Equal(t, "Zurich Private Bank AG", r.Deal().Customer.Name)
	_, err = dealreg.NewFromLead("R-L2", dealreg.Registrant{ID: "TOP-1"}, acc, deal, due.Add(6*time.Hour))
	require.ErrorIs(t, err, dealreg.ErrNotEligible)

	stats, err := dealreg.ComputeLeadStats([]dealreg.LeadRecord{acc}, due.Add(7*time.Hour), rp)
	require.NoError(t, err)
	// Attempts: NEW-B silent, TOP-1 rejected, TOP-2 accepted → 1/3.
	require.Equal(t, 3, stats.Attempts)
	require.Equal(t, 1, stats.Accepted)
	require.Equal(t, 1, stats.Rejected)
	require.Equal(t, 1, stats.Silent)
	require.True(t, stats.AcceptanceRate.Equal(money.MustRate("0.3333")))
	require.Equal(t, 3*time.Hour, stats.MedianTimeToEngage)
	require.Equal(t, []dealreg.SourceCount{{Source: "webinar-2025-02", Leads: 1, Accepted: 1}}, stats.BySource)
	_, err = dealreg.ComputeLeadStats([]dealreg.LeadRecord{acc, acc}, t0, rp)
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)
	_, err = dealreg.Assign(dealreg.Lead{}, a, t0)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
}

func TestAssignRejects(t *testing.T) {
	a := dealreg.Assignment{Partner: "NEW-B", Class: dealreg.NewPartner}
	noSource := bankLead
	noSource.Source = ""
	tests := []struct {
		name string
		lead dealreg.Lead
		a    dealreg.Assignment
		at   time.Time
		want error
		msg  string
	}{
		{"no source", noSource, a, t0, dealreg.ErrMissingField, `dealreg: lead "L-1": assign: /lead/source: missing required field`},
		{"no class", bankLead, dealreg.Assignment{Partner: "NEW-B"}, t0, dealreg.ErrInvalidField, ""},
		{"before the lead existed", bankLead, a, t0.Add(-time.Nanosecond), dealreg.ErrTimeOrder, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dealreg.Assign(tt.lead, tt.a, tt.at)
			require.ErrorIs(t, err, tt.want)
			var le *dealreg.LeadError
			require.ErrorAs(t, err, &le)
			require.Equal(t, "L-1", le.Lead)
			if tt.msg != "" {
				require.EqualError(t, err, tt.msg)
			}
		})
	}
}

// Bad routing input is an error, not "no partner" or a silent pick.
func TestRouteRejects(t *testing.T) {
	_, err := dealreg.Route(bankLead, partners(), nil, t0, dealreg.RoutingPolicy{})
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
	require.NotErrorIs(t, err, dealreg.ErrNoPartner)
	for name, edit := range map[string]func(*dealreg.PartnerProfile){
		"no id":             func(p *dealreg.PartnerProfile) { p.ID = "" },
		"negative capacity": func(p *dealreg.PartnerProfile) { p.Capacity = -1 },
		"negative open":     func(p *dealreg.PartnerProfile) { p.OpenLeads = -5 },
		"conversion > 1":    func(p *dealreg.PartnerProfile) { p.Conversion = money.MustRate("1.5") },
	} {
		t.Run(name, func(t *testing.T) {
			ps := partners()
			edit(&ps[0])
			_, err := dealreg.Route(bankLead, ps, nil, t0, routingPolicy())
			var fe *dealreg.FieldError
			require.ErrorAs(t, err, &fe)
		})
	}
	// Reassign keeps the lead's context on every failure.
	l, err := dealreg.Assign(bankLead, dealreg.Assignment{Partner: "NEW-B", Class: dealreg.NewPartner}, t0)
	require.NoError(t, err)
	l, err = l.Reject("busy", t0.Add(time.Hour), routingPolicy())
	require.NoError(t, err)
	ps := partners()
	got, err := l.Reassign(append(ps, ps[2]), t0.Add(2*time.Hour), routingPolicy())
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)
	var le *dealreg.LeadError
	require.ErrorAs(t, err, &le)
	require.Equal(t, `dealreg: lead "L-1": reassign when rejected: /partners/6/id = "TOP-2": duplicate partner id`, err.Error())
	require.True(t, got.Equal(l))

	_, err = dealreg.ComputeLeadStats(nil, t0, dealreg.RoutingPolicy{})
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
	_, err = dealreg.ComputeLeadStats([]dealreg.LeadRecord{{}}, t0, routingPolicy())
	require.ErrorIs(t, err, dealreg.ErrMissingField)
}

// Routing never picks a partner that fails the criteria, and does not
// depend on the order of the partners.
func TestRouteProperties(t *testing.T) {
	rp := routingPolicy()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "n")
		var ps []dealreg.PartnerProfile
		for i := range n {
			ps = append(ps, dealreg.PartnerProfile{
				ID:           string(rune('A' + i)),
				Segments:     rapid.SliceOfDistinct(rapid.SampledFrom([]string{"banking", "retail"}), rapid.ID[string]).Draw(t, "seg"),
				Capabilities: rapid.SliceOfDistinct(rapid.SampledFrom([]string{"managed-services", "cloud"}), rapid.ID[string]).Draw(t, "cap"),
				Capacity:     rapid.IntRange(0, 3).Draw(t, "capacity"),
				OpenLeads:    rapid.IntRange(0, 3).Draw(t, "open"),
				Conversion:   money.MustRate(rapid.SampledFrom([]string{"0", "0.1", "0.25", "0.4"}).Draw(t, "conv")),
				OnboardedAt:  t0.AddDate(0, 0, -rapid.IntRange(0, 400).Draw(t, "age")),
			})
		}
		a, err := dealreg.Route(bankLead, ps, nil, t0, rp)
		b, err2 := dealreg.Route(bankLead, rapid.Permutation(ps).Draw(t, "perm"), nil, t0, rp)
		if (err == nil) != (err2 == nil) || a != b {
			t.Fatalf("order dependence: %v/%v %v/%v", a, err, b, err2)
		}
		if err != nil {
			return
		}
		// Selective and in order: a high performer gets the lead only if
		// no eligible new partner exists (rp.Order puts new partners
		// first), and the pick is the best of its class.
		eligible := func(p dealreg.PartnerProfile) bool {
			return p.OpenLeads < p.Capacity && slices.Contains(p.Segments, "banking") && slices.Contains(p.Capabilities, "managed-services")
		}
		for _, p := range ps {
			if !eligible(p) || p.ID == a.Partner {
				continue
			}
			isNew := t0.Sub(p.OnboardedAt) < rp.NewPartnerWindow
			if a.Class == dealreg.HighPerformer && isNew {
				t.Fatalf("%s got the lead as a high performer, but %s is an eligible new partner", a.Partner, p.ID)
			}
		}
		for _, p := range ps {
			if p.ID != a.Partner {
				continue
			}
			if !eligible(p) {
				t.Fatalf("partner %s does not meet the lead's criteria", p.ID)
			}
			if p.OpenLeads >= p.Capacity {
				t.Fatalf("partner %s is full", p.ID)
			}
			isNew := t0.Sub(p.OnboardedAt) < rp.NewPartnerWindow
			isHigh := p.Conversion.Cmp(rp.HighPerformerConversion) >= 0
			if a.Class == dealreg.NewPartner && !isNew || a.Class == dealreg.HighPerformer && !isHigh {
				t.Fatalf("partner %s is not %s", p.ID, a.Class)
			}
		}
	})
}
