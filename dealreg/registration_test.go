package dealreg_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
)

var silver = dealreg.Registrant{ID: "P-SILVER", Tier: "silver", Certifications: []string{"storage-associate"}}

// earlyDeal is a prospecting-stage deal with exactly what the fixture
// policy asks at that stage plus the size its minimum needs: no SKUs.
func earlyDeal() dealreg.Deal {
	return dealreg.Deal{
		Customer:     dealreg.Customer{Name: "Acme GmbH", Domain: "acme.de", Country: "DE"},
		ProductLines: []string{"storage"},
		Size:         money.MustParse("120000.00 USD"),
		Stage:        dealreg.Prospecting,
	}
}

func draft(t *testing.T) dealreg.Registration {
	t.Helper()
	r, err := dealreg.New("R-1", silver, earlyDeal(), dealreg.PartnerSourced, "", t0)
	require.NoError(t, err)
	return r
}

// apply applies events one hour apart starting at t0+1h.
func apply(t *testing.T, r dealreg.Registration, p dealreg.Policy, evs ...dealreg.Event) (dealreg.Registration, time.Time) {
	t.Helper()
	at := r.LastEventAt()
	for _, e := range evs {
		at = at.Add(time.Hour)
		var err error
		r, err = r.Apply(e, at, p)
		require.NoError(t, err, "event %s", e.Kind)
	}
	return r, at
}

func ev(k dealreg.EventKind) dealreg.Event { return dealreg.Event{Kind: k} }

func TestLifecycleHappyPath(t *testing.T) {
	p := loadPolicy(t)
	r := draft(t)
	require.Equal(t, []dealreg.EventKind{dealreg.Update, dealreg.Submit, dealreg.Withdraw}, r.AllowedEvents(t0, p))
	r, _ = apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve))
	require.Equal(t, dealreg.Approved, r.State())
	// Approved at t0+3h; window 90 days.
	approvedAt := t0.Add(3 * time.Hour)
	require.True(t, r.DecidedAt().Equal(approvedAt))
	require.True(t, r.ExpiresAt().Equal(approvedAt.Add(90*24*time.Hour)))
	require.Equal(t, dealreg.Prospecting, r.StageAtSubmission())
	require.Equal(t, []dealreg.EventKind{dealreg.Update, dealreg.RequestExtension, dealreg.Win, dealreg.Lose, dealreg.Withdraw},
		r.AllowedEvents(approvedAt, p))

	// Advance to commit: SKU detail and contact now required.
	commit := earlyDeal()
	commit.Stage = dealreg.Commit
	_, err := r.Apply(dealreg.Event{Kind: dealreg.Update, Deal: commit}, approvedAt.Add(time.Hour), p)
	var fe *dealreg.FieldError
	require.ErrorAs(t, err, &fe)
	commit.ExpectedClose = t0.AddDate(0, 2, 0)
	commit.Contact = "Jo Buyer"
	commit.SKUs = []dealreg.SKULine{{SKU: "ST-4000", Quantity: 4}}
	r, _ = apply(t, r, p, dealreg.Event{Kind: dealreg.Update, Deal: commit}, ev(dealreg.Win))
	require.Equal(t, dealreg.Won, r.State())
	require.Empty(t, r.AllowedEvents(r.LastEventAt(), p))
}

// Registration stays light early: no SKU detail is demanded at early stages, and all
// missing fields are reported at once.
func TestSubmitRequiredFieldsByStage(t *testing.T) {
	p := loadPolicy(t)
	r := draft(t)
	_, err := r.Apply(ev(dealreg.Submit), t0.Add(time.Hour), p)
	require.NoError(t, err, "a prospecting deal without SKUs must be accepted")

	d := earlyDeal()
	d.Stage = dealreg.Qualification
	d.ProductLines = nil
	d.Customer.Name = ""
	r, err = dealreg.New("R-2", silver, d, dealreg.PartnerSourced, "", t0)
	require.NoError(t, err)
	got, err := r.Apply(ev(dealreg.Submit), t0.Add(time.Hour), p)
	require.True(t, got.Equal(r), "failed event must leave the registration unchanged")
	var te *dealreg.TransitionError
	require.ErrorAs(t, err, &te)
	require.Equal(t, dealreg.Draft, te.From)
	require.Equal(t, dealreg.Submit, te.Event)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	var fields []string
	for _, e := range flatten(err) {
		var fe *dealreg.FieldError
		require.True(t, errors.As(e, &fe))
		fields = append(fields, fe.Path)
	}
	// Qualification requires the prospecting fields plus deal size and
	// expected close: name, product lines and expected close are missing.
	require.Equal(t, []string{"/customer/name", "/product_lines", "/expected_close"}, fields)
}

func TestSubmitEligibilityAndMinimum(t *testing.T) {
	p := loadPolicy(t)
	d := earlyDeal()
	d.ProductLines = []string{"storage", "security"}
	d.Size = money.MustParse("9999.99 USD")
	newcomer := dealreg.Registrant{ID: "P-NEW", Tier: "registered"}
	r, err := dealreg.New("R-3", newcomer, d, dealreg.PartnerSourced, "", t0)
	require.NoError(t, err)
	_, err = r.Apply(ev(dealreg.Submit), t0, p)
	require.ErrorIs(t, err, dealreg.ErrBelowMinimum)
	require.ErrorIs(t, err, dealreg.ErrNotEligible)
	var msgs []string
	for _, e := range []error{err} {
		for _, x := range flatten(e) {
			msgs = append(msgs, x.Error())
		}
	}
	require.Equal(t, []string{
		`dealreg: /size = "9999.99 USD": deal below minimum size: minimum 10000.00 USD`,
		`dealreg: partner "P-NEW" not eligible for "storage": tier "registered" below "silver"`,
		`dealreg: partner "P-NEW" not eligible for "storage": certification "storage-associate" missing`,
		`dealreg: partner "P-NEW" not eligible for "security": tier "registered" below "gold"`,
	}, msgs)
}

// The minimum deal size needs a size in the policy's currency.
func TestSubmitMinimumNeedsComparableSize(t *testing.T) {
	p := loadPolicy(t) // minimum 10000.00 USD; deal size required from qualification only
	d := earlyDeal()
	d.Size = money.MustParse("50000.00 EUR")
	err := p.CheckSubmission(silver, d)
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	d.Size = money.Amount{} // prospecting does not require it, but the minimum does
	err = p.CheckSubmission(silver, d)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	require.EqualError(t, err, `dealreg: /size: missing required field: required by the minimum deal size`)
}

// flatten returns the leaves of an error tree.
func flatten(err error) []error {
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		var out []error
		for _, x := range e.Unwrap() {
			out = append(out, flatten(x)...)
		}
		return out
	case *dealreg.TransitionError:
		return flatten(e.Err)
	default:
		return []error{err}
	}
}

// Protection ends at ExpiresAt, exclusive. Pinned at the instant, one
// nanosecond before and one after.
func TestExpiryBoundary(t *testing.T) {
	p := loadPolicy(t)
	r, _ := apply(t, draft(t), p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve))
	end := r.ExpiresAt()
	before, after := end.Add(-time.Nanosecond), end.Add(time.Nanosecond)

	require.True(t, r.Protected(before))
	require.False(t, r.Protected(end))
	require.False(t, r.Protected(after))
	require.Equal(t, dealreg.Approved, r.StateAt(before))
	require.Equal(t, dealreg.Expired, r.StateAt(end))
	require.True(t, r.Open(before))
	require.False(t, r.Open(end))

	// One nanosecond before: Win is allowed, Expire is not.
	_, err := r.Apply(ev(dealreg.Expire), before, p)
	require.ErrorIs(t, err, dealreg.ErrNotExpired)
	won, err := r.Apply(ev(dealreg.Win), before, p)
	require.ErrorIs(t, err, dealreg.ErrMissingField) // SKUs are required to win
	require.True(t, won.Equal(r))
	lost, err := r.Apply(ev(dealreg.Lose), before, p)
	require.NoError(t, err)
	require.Equal(t, dealreg.Lost, lost.State())

	// At the instant and after: only Expire.
	for _, at := range []time.Time{end, after} {
		require.Equal(t, []dealreg.EventKind{dealreg.Expire}, r.AllowedEvents(at, p))
		_, err = r.Apply(ev(dealreg.Lose), at, p)
		require.ErrorIs(t, err, dealreg.ErrExpired)
		x, err := r.Apply(ev(dealreg.Expire), at, p)
		require.NoError(t, err)
		require.Equal(t, dealreg.Expired, x.State())
		require.False(t, x.Protected(end))
		// Recording the expiry does not rewrite history: it was
		// protected a nanosecond before.
		require.True(t, x.Protected(before))
	}
}

func TestExtensions(t *testing.T) {
	p := loadPolicy(t)
	r, _ := apply(t, draft(t), p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve))
	first := r.ExpiresAt()
	r, _ = apply(t, r, p, ev(dealreg.RequestExtension))
	require.Equal(t, []dealreg.EventKind{dealreg.Update, dealreg.GrantExtension, dealreg.DenyExtension, dealreg.Win, dealreg.Lose, dealreg.Withdraw},
		r.AllowedEvents(r.LastEventAt(), p))
	_, err := r.Apply(ev(dealreg.RequestExtension), r.LastEventAt(), p)
	require.ErrorIs(t, err, dealreg.ErrTransition)
	r, _ = apply(t, r, p, ev(dealreg.GrantExtension), ev(dealreg.RequestExtension), ev(dealreg.DenyExtension),
		ev(dealreg.RequestExtension), ev(dealreg.GrantExtension))
	// Two grants of 30 days each, counted from the expiry, not the grant.
	require.True(t, r.ExpiresAt().Equal(first.Add(60*24*time.Hour)))
	require.Equal(t, 2, r.ExtensionsGranted())
	_, err = r.Apply(ev(dealreg.RequestExtension), r.LastEventAt(), p)
	require.ErrorIs(t, err, dealreg.ErrExtensionLimit)
}

func TestIllegalTransitions(t *testing.T) {
	p := loadPolicy(t)
	r := draft(t)
	tests := []struct {
		name string
		e    dealreg.Event
		at   time.Time
		want error
	}{
		{"approve a draft", ev(dealreg.Approve), t0, dealreg.ErrTransition},
		{"unspecified", ev(dealreg.EventUnspecified), t0, dealreg.ErrTransition},
		{"out of range", ev(dealreg.EventKind(200)), t0, dealreg.ErrTransition},
		{"back in time", ev(dealreg.Submit), t0.Add(-time.Nanosecond), dealreg.ErrTimeOrder},
		{"expire a draft", ev(dealreg.Expire), t0.AddDate(5, 0, 0), dealreg.ErrTransition},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Apply(tt.e, tt.at, p)
			require.ErrorIs(t, err, tt.want)
			if diff := cmp.Diff(r, got); diff != "" {
				t.Fatalf("registration changed (-want +got):\n%s", diff)
			}
		})
	}
	rev, _ := apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview))
	_, err := rev.Apply(ev(dealreg.Reject), rev.LastEventAt(), p)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	rej, err := rev.Apply(dealreg.Event{Kind: dealreg.Reject, Reason: "direct account"}, rev.LastEventAt(), p)
	require.NoError(t, err)
	require.Equal(t, "direct account", rej.Reason())
	require.True(t, rej.State().IsTerminal())
	require.Equal(t, `dealreg: registration "R-1": reject from under-review: /reason: missing required field`,
		func() string { _, err := rev.Apply(ev(dealreg.Reject), rev.LastEventAt(), p); return err.Error() }())
}

func TestUpdateCannotChangeCustomer(t *testing.T) {
	p := loadPolicy(t)
	r, at := apply(t, draft(t), p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve))
	d := earlyDeal()
	d.Customer.Name = "ACME g.m.b.h."                                      // same normalised name
	_, err := r.Apply(dealreg.Event{Kind: dealreg.Update, Deal: d}, at, p) // same customer
	require.NoError(t, err)
	d.Customer = dealreg.Customer{Name: "Globex", Country: "DE"}
	_, err = r.Apply(dealreg.Event{Kind: dealreg.Update, Deal: d}, at, p)
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
}

func TestReviewSLA(t *testing.T) {
	p := loadPolicy(t)
	r, at := apply(t, draft(t), p, ev(dealreg.Submit))
	due := at.Add(48 * time.Hour)
	require.True(t, r.ReviewDue(p).Equal(due))
	require.False(t, r.ReviewOverdue(due.Add(-time.Nanosecond), p))
	require.True(t, r.ReviewOverdue(due, p))
	require.True(t, dealreg.Registration{}.ReviewDue(p).IsZero())
}

func TestNewRejects(t *testing.T) {
	_, err := dealreg.New("", dealreg.Registrant{}, dealreg.Deal{}, dealreg.SourceUnspecified, "", t0)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	require.Len(t, flatten(err), 3)
	_, err = dealreg.New("R", silver, dealreg.Deal{}, dealreg.VendorLead, "", t0)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	_, err = dealreg.New("R", silver, dealreg.Deal{}, dealreg.Source(9), "", t0)
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
	// A partner-sourced deal has no vendor lead: a lead ID would credit
	// the lead programme with a deal it did not source.
	_, err = dealreg.New("R", silver, dealreg.Deal{}, dealreg.PartnerSourced, "L-1", t0)
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
}

// StateAt, Protected and Open answer for past instants from the recorded
// timestamps, not from the current state.
func TestStateAtHistory(t *testing.T) {
	p := loadPolicy(t)
	r := draft(t) // created at t0
	commit := earlyDeal()
	commit.Stage, commit.Contact, commit.ExpectedClose = dealreg.Commit, "Jo Buyer", t0.AddDate(0, 2, 0)
	commit.SKUs = []dealreg.SKULine{{SKU: "ST-4000", Quantity: 4}}
	// Events one hour apart: submit t0+1h, review t0+2h, approve t0+3h,
	// update t0+4h, win t0+5h.
	r, _ = apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve),
		dealreg.Event{Kind: dealreg.Update, Deal: commit}, ev(dealreg.Win))
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	tests := []struct {
		at              time.Time
		state           dealreg.State
		protected, open bool
	}{
		{t0.Add(-time.Nanosecond), dealreg.StateUnspecified, false, false},
		{t0, dealreg.Draft, false, false},
		{h(1).Add(-time.Nanosecond), dealreg.Draft, false, false},
		{h(1), dealreg.Submitted, false, true},
		{h(2), dealreg.UnderReview, false, true},
		{h(3).Add(-time.Nanosecond), dealreg.UnderReview, false, true},
		{h(3), dealreg.Approved, true, true},
		{h(5).Add(-time.Nanosecond), dealreg.Approved, true, true},
		{h(5), dealreg.Won, false, false},
		{h(3).Add(90 * 24 * time.Hour), dealreg.Won, false, false}, // past the window: still won
	}
	for _, tt := range tests {
		t.Run(tt.at.Format(time.RFC3339Nano), func(t *testing.T) {
			require.Equal(t, tt.state, r.StateAt(tt.at))
			require.Equal(t, tt.protected, r.Protected(tt.at))
			require.Equal(t, tt.open, r.Open(tt.at))
		})
	}
}

// A zero Policy, or one without lifecycle rules, is refused, not read as
// "window 0: expires at once" or "no tiers: anyone is eligible".
func TestApplyRejectsPolicyWithoutLifecycle(t *testing.T) {
	r := draft(t)
	for _, p := range []dealreg.Policy{{}, protectionOnly()} {
		got, err := r.Apply(ev(dealreg.Submit), t0, p)
		require.ErrorIs(t, err, dealreg.ErrPolicyPart)
		require.True(t, got.Equal(r))
		require.Equal(t, `dealreg: registration "R-1": submit from draft: policy part missing: lifecycle (window, extensions, approval_sla, tiers, requirements)`, err.Error())
	}
	_, err := dealreg.NewPolicy(dealreg.PolicySpec{})
	require.ErrorIs(t, err, dealreg.ErrMissingField)
}

// After approval the customer stays (by SameCustomer) and the product
// lines may narrow but not widen: protection covers what was approved.
func TestApprovedUpdateRules(t *testing.T) {
	p := loadPolicy(t)
	d := earlyDeal()
	d.ProductLines = []string{"storage", "backup"}
	r, err := dealreg.New("R-U", silver, d, dealreg.PartnerSourced, "", t0)
	require.NoError(t, err)
	r, at := apply(t, r, p, ev(dealreg.Submit), ev(dealreg.StartReview), ev(dealreg.Approve))
	tests := []struct {
		name string
		edit func(*dealreg.Deal)
		want error
	}{
		{"narrow, other case", func(d *dealreg.Deal) { d.ProductLines = []string{" STORAGE "} }, nil},
		{"domain added", func(d *dealreg.Deal) { d.Customer.Domain = "acme-gmbh.de" }, nil},
		{"widen", func(d *dealreg.Deal) { d.ProductLines = append(d.ProductLines, "security") }, dealreg.ErrInvalidField},
		{"widen to every product", func(d *dealreg.Deal) { d.ProductLines = nil }, dealreg.ErrInvalidField},
		{"other customer", func(d *dealreg.Deal) { d.Customer = dealreg.Customer{Name: "Globex", Country: "DE"} }, dealreg.ErrInvalidField},
		{"negative size", func(d *dealreg.Deal) { d.Size = money.MustParse("-1.00 USD") }, dealreg.ErrInvalidField},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nd := r.Deal()
			nd.ProductLines = slices.Clone(nd.ProductLines)
			tt.edit(&nd)
			got, err := r.Apply(dealreg.Event{Kind: dealreg.Update, Deal: nd}, at, p)
			if tt.want == nil {
				require.NoError(t, err)
				require.True(t, got.Deal().Equal(nd))
				return
			}
			require.ErrorIs(t, err, tt.want)
			require.True(t, got.Equal(r))
		})
	}
}

// Eligibility matches product lines as conflicts do (case and surrounding
// space ignored): "Storage " cannot slip past the storage rule.
func TestEligibilityIgnoresCase(t *testing.T) {
	p := loadPolicy(t) // storage: silver and storage-associate
	for _, line := range []string{"storage", "Storage", " STORAGE "} {
		err := p.CheckSubmission(dealreg.Registrant{ID: "P-NEW", Tier: "registered"},
			dealreg.Deal{Customer: dealreg.Customer{Name: "Acme", Country: "DE"}, ProductLines: []string{line},
				Size: money.MustParse("20000 USD"), Stage: dealreg.Prospecting})
		var ee *dealreg.EligibilityError
		require.ErrorAs(t, err, &ee, "%q", line)
		require.Equal(t, line, ee.ProductLine)
	}
}

// CheckDeal reports every problem at once, even without a stage, and
// checks the data present whether required or not.
func TestCheckDealReportsAll(t *testing.T) {
	p := loadPolicy(t)
	d := dealreg.Deal{
		ProductLines: []string{"storage", "  "},
		Size:         money.MustParse("0 USD"),
		SKUs:         []dealreg.SKULine{{SKU: "A", Quantity: 1}, {SKU: "", Quantity: 2}, {SKU: "C", Quantity: -1}},
	}
	var msgs []string
	for _, e := range flatten(p.CheckDeal(d)) {
		msgs = append(msgs, e.Error())
	}
	// No stage: the prospecting requirements (name, country, product
	// lines) apply at every stage; product lines are present.
	require.Equal(t, []string{
		`dealreg: /stage: missing required field`,
		`dealreg: /customer/name: missing required field at stage prospecting`,
		`dealreg: /customer/country: missing required field at stage prospecting`,
		`dealreg: /size = "0.00 USD": invalid field: must be positive`,
		`dealreg: /product_lines/1 = "  ": invalid field: blank product line`,
		`dealreg: /skus/1/sku: missing required field`,
		`dealreg: /skus/2/quantity = "-1": invalid field: must be positive`,
	}, msgs)
	// Blank lines alone do not satisfy a product-lines requirement (they
	// would claim every product in conflict checks).
	d = earlyDeal()
	d.ProductLines = []string{" "}
	require.ErrorIs(t, p.CheckDeal(d), dealreg.ErrMissingField)
}

func TestDiscountRateBySource(t *testing.T) {
	p := loadPolicy(t)
	lead, err := dealreg.New("R-1", silver, earlyDeal(), dealreg.VendorLead, "L-1", t0)
	require.NoError(t, err)
	own := draft(t)
	rate := func(r dealreg.Registration, p dealreg.Policy) money.Rate {
		d, err := r.DiscountRate(p)
		require.NoError(t, err)
		return d
	}
	require.True(t, rate(lead, p).Equal(money.MustRate("0.15")))
	p = with(p, func(s *dealreg.PolicySpec) { s.VendorLeadsRegistrable = false })
	require.True(t, rate(lead, p).IsZero())
	require.True(t, rate(own, p).Equal(money.MustRate("0.15")))
	// Without the protection part there is no discount to read.
	_, err = own.DiscountRate(windowPolicy(time.Hour))
	require.ErrorIs(t, err, dealreg.ErrPolicyPart)
}
