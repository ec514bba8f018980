package mdf_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

type errCase struct {
	name string
	call func() error
	path string
	want error
}

// fieldPaths collects the FieldPath of every error in err's tree.
func fieldPaths(err error) []string {
	var out []string
	if fp, ok := err.(interface{ FieldPath() string }); ok {
		out = append(out, fp.FieldPath())
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			out = append(out, fieldPaths(e)...)
		}
	case interface{ Unwrap() error }:
		if e := u.Unwrap(); e != nil {
			out = append(out, fieldPaths(e)...)
		}
	}
	return out
}

func funded(t testing.TB) mdf.Fund { return must(discretionary("F").Allot(amt("1000.00 USD"), t0)) }

// requestAt returns a request in the given state on a funded fund, driven
// by the lifecycle with a webinar (no evidence needed).
func requestAt(t testing.TB, st mdf.RequestState) (mdf.Request, mdf.Fund) {
	p := programme()
	r, f, err := mdf.NewRequest(mdf.RequestSpec{ID: "R", FundID: "F", Partner: "P", ActivityType: "webinar",
		Amount: amt("400.00 USD"), ActivityStart: day(10), ActivityEnd: day(10)}, funded(t), p, day(1))
	if err != nil {
		t.Fatal(err)
	}
	path := []mdf.RequestEvent{
		{Kind: mdf.PreApprove}, {Kind: mdf.CompleteActivity, ActivityEnd: day(10)},
		{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: amt("400.00 USD")}}, {Kind: mdf.ApproveClaim},
	}
	for i := 0; r.State() != st && i < len(path); i++ {
		r, f, err = r.Apply(path[i], f, p, day(11))
		if err != nil {
			t.Fatal(err)
		}
	}
	return r, f
}

func errCases(t testing.TB) []errCase {
	fund := func(f func(*mdf.FundSpec)) func() error {
		return func() error {
			s := mdf.FundSpec{ID: "c", Kind: mdf.Coop, Currency: usd, OpensAt: t0, ExpiresAt: day(30),
				Coop: &mdf.CoopTerms{Rate: ptr(rate("2%")), Cap: ptr(amt("100.00 USD")), Rounding: money.HalfEven}}
			f(&s)
			_, err := mdf.NewFund(s)
			return err
		}
	}
	prog := func(doc string) func() error {
		return func() error { _, err := mdf.ParseProgramme([]byte(doc)); return err }
	}
	const okAct = `"activities":[{"type":"w","vendor_share":"50%"}]`
	event := func(st mdf.RequestState, ev mdf.RequestEvent, at time.Time) func() error {
		return func() error {
			r, f := requestAt(t, st)
			_, _, err := r.Apply(ev, f, programme(), at)
			return err
		}
	}
	newReq := func(f func(*mdf.RequestSpec)) func() error {
		return func() error {
			s := mdf.RequestSpec{ID: "R", FundID: "F", Partner: "P", ActivityType: "webinar", Amount: amt("10.00 USD"),
				ActivityStart: day(3), ActivityEnd: day(4)}
			f(&s)
			_, _, err := mdf.NewRequest(s, funded(t), programme(), day(1))
			return err
		}
	}
	usdCamp := mdf.Campaign{ID: "a", Partner: "p", ActivityType: "w", Allocated: amt("1.00 USD"), Spend: amt("1.00 USD"),
		Pipeline: amt("1.00 USD"), Revenue: amt("1.00 USD")}
	seg := mdf.MustParseSegmentation(`{"one_to_many_below":"10.00 USD","core_capability":"50%","growth_resource_use":"50%","growth_utilisation":"50%"}`)
	eurFund := mdf.MustNewFund(mdf.FundSpec{ID: "E", Kind: mdf.Discretionary, Currency: eur, OpensAt: t0, ExpiresAt: day(365)})
	return []errCase{
		// NewFund
		{"fund id", fund(func(s *mdf.FundSpec) { s.ID = "" }), "/id", mdf.ErrMissing},
		{"fund kind", fund(func(s *mdf.FundSpec) { s.Kind = 0 }), "/kind", mdf.ErrMissing},
		{"fund currency", fund(func(s *mdf.FundSpec) { s.Currency = money.Currency{} }), "/currency", mdf.ErrMissing},
		{"fund expiry", fund(func(s *mdf.FundSpec) { s.ExpiresAt = t0 }), "/expires_at", mdf.ErrInvalid},
		{"coop terms", fund(func(s *mdf.FundSpec) { s.Coop = nil }), "/coop", mdf.ErrMissing},
		{"coop on discretionary", fund(func(s *mdf.FundSpec) { s.Kind = mdf.Discretionary }), "/coop", mdf.ErrInvalid},
		{"coop rate", fund(func(s *mdf.FundSpec) { s.Coop.Rate = nil }), "/coop/rate", mdf.ErrMissing},
		{"coop rate range", fund(func(s *mdf.FundSpec) { s.Coop.Rate = ptr(rate("101%")) }), "/coop/rate", mdf.ErrInvalid},
		{"coop cap", fund(func(s *mdf.FundSpec) { s.Coop.Cap = nil }), "/coop/cap", mdf.ErrMissing},
		{"coop cap currency", fund(func(s *mdf.FundSpec) { s.Coop.Cap = ptr(amt("1.00 EUR")) }), "/coop/cap", mdf.ErrCurrency},
		{"coop cap places", fund(func(s *mdf.FundSpec) { s.Coop.Cap = ptr(amt("1.001 USD")) }), "/coop/cap", mdf.ErrInvalid},
		{"coop cap huge", fund(func(s *mdf.FundSpec) { s.Coop.Cap = ptr(money.New(decimal.New(1, 1<<30), usd)) }), "/coop/cap", mdf.ErrRange},
		{"coop rounding", fund(func(s *mdf.FundSpec) { s.Coop.Rounding = 0 }), "/coop/rounding", mdf.ErrMissing},
		// Fund operations
		{"allot zero", func() error { _, err := discretionary("F").Allot(amt("0.00 USD"), t0); return err }, "/amount", mdf.ErrNonPositive},
		{"allot currency", func() error { _, err := discretionary("F").Allot(amt("1.00 EUR"), t0); return err }, "/amount", mdf.ErrCurrency},
		{"allot late", func() error { _, err := discretionary("F").Allot(amt("1.00 USD"), day(365)); return err }, "/at", mdf.ErrDeadline},
		{"allot early", func() error { _, err := discretionary("F").Allot(amt("1.00 USD"), t0.Add(-1)); return err }, "/at", mdf.ErrTransition},
		{"allot zero fund", func() error { _, err := mdf.Fund{}.Allot(amt("1.00 USD"), t0); return err }, "", mdf.ErrInvalid},
		{"accrue discretionary", func() error { _, _, err := discretionary("F").Accrue(amt("1.00 USD"), t0); return err }, "", mdf.ErrTransition},
		{"accrue below zero", func() error {
			f := must(mdf.NewFund(mdf.FundSpec{ID: "c", Kind: mdf.Coop, Currency: usd, OpensAt: t0, ExpiresAt: day(30),
				Coop: &mdf.CoopTerms{Rate: ptr(rate("2%")), Cap: ptr(amt("100.00 USD")), Rounding: money.HalfEven}}))
			_, _, err := f.Accrue(amt("-1.00 USD"), t0)
			return err
		}, "/purchases", mdf.ErrNegative},
		{"reduce too much", func() error { _, err := funded(t).Reduce(amt("1000.01 USD"), t0); return err }, "/amount", mdf.ErrInsufficient},
		{"expire early", func() error { _, err := funded(t).Expire(day(364)); return err }, "/at", mdf.ErrDeadline},
		{"cancel twice", func() error { _, err := must(funded(t).Cancel(t0)).Cancel(t0); return err }, "", mdf.ErrTransition},
		{"transfer same", func() error {
			_, _, _, err := mdf.Transfer(funded(t), funded(t), amt("1.00 USD"), mdf.Conversion{}, t0)
			return err
		}, "/to", mdf.ErrInvalid},
		{"transfer no rate", func() error {
			_, _, _, err := mdf.Transfer(funded(t), eurFund, amt("1.00 USD"), mdf.Conversion{}, t0)
			return err
		}, "/conversion", mdf.ErrCurrency},
		{"transfer needless rate", func() error {
			_, _, _, err := mdf.Transfer(funded(t), discretionary("G"), amt("1.00 USD"), mdf.Conversion{Rate: dec("1"), Rounding: money.HalfEven}, t0)
			return err
		}, "/conversion", mdf.ErrCurrency},
		{"transfer rate", func() error {
			_, _, _, err := mdf.Transfer(funded(t), eurFund, amt("1.00 USD"), mdf.Conversion{Rate: dec("-1"), Rounding: money.HalfEven}, t0)
			return err
		}, "/conversion/rate", mdf.ErrNonPositive},
		{"transfer rounding", func() error {
			_, _, _, err := mdf.Transfer(funded(t), eurFund, amt("1.00 USD"), mdf.Conversion{Rate: dec("0.9")}, t0)
			return err
		}, "/conversion/rounding", mdf.ErrMissing},
		{"transfer converts to nothing", func() error {
			_, _, _, err := mdf.Transfer(funded(t), eurFund, amt("0.01 USD"), mdf.Conversion{Rate: dec("0.1"), Rounding: money.HalfEven}, t0)
			return err
		}, "/amount", mdf.ErrNonPositive},
		{"transfer too much", func() error {
			_, _, _, err := mdf.Transfer(funded(t), discretionary("G"), amt("1000.01 USD"), mdf.Conversion{}, t0)
			return err
		}, "/amount", mdf.ErrInsufficient},
		{"rollover early", func() error {
			_, _, _, err := mdf.Rollover(funded(t), discretionary("G"), mdf.Conversion{}, day(1))
			return err
		}, "/at", mdf.ErrDeadline},
		{"split total", func() error { _, err := mdf.SplitBudget(amt("0.00 USD"), nil, t0); return err }, "/total", mdf.ErrNonPositive},
		{"split shares", func() error { _, err := mdf.SplitBudget(amt("1.00 USD"), nil, t0); return err }, "/shares", mdf.ErrMissing},
		{"split duplicate", func() error {
			_, err := mdf.SplitBudget(amt("1.00 USD"), []mdf.BudgetShare{{Fund: discretionary("a"), Weight: dec("1")}, {Fund: discretionary("a"), Weight: dec("1")}}, t0)
			return err
		}, "/shares/1/fund", mdf.ErrDuplicate},
		{"split weight", func() error {
			_, err := mdf.SplitBudget(amt("1.00 USD"), []mdf.BudgetShare{{Fund: discretionary("a"), Weight: dec("-1")}}, t0)
			return err
		}, "/shares/0/weight", mdf.ErrNegative},
		{"split currency", func() error {
			_, err := mdf.SplitBudget(amt("1.00 USD"), []mdf.BudgetShare{{Fund: eurFund, Weight: dec("1")}}, t0)
			return err
		}, "/shares/0/fund", mdf.ErrCurrency},
		{"split allot late", func() error {
			_, err := mdf.SplitBudget(amt("1.00 USD"), []mdf.BudgetShare{{Fund: discretionary("a"), Weight: dec("1")}}, day(400))
			return err
		}, "/shares/0/fund/at", mdf.ErrDeadline},
		// Programme documents
		{"syntax", prog(`{`), "", strictjson.ErrSyntax},
		{"unknown member", prog(`{"claim_window_days":1,"rounding":"half-even",` + okAct + `,"extra":1}`), "/extra", strictjson.ErrUnknownField},
		{"number rate", prog(`{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w","vendor_share":0.5}]}`), "/activities/0/vendor_share", strictjson.ErrNumber},
		{"enum", prog(`{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w","vendor_share":"50%","evidence":[{"kind":"invoices","min":1}]}]}`), "/activities/0/evidence/0/kind", mdf.ErrInvalid},
		{"too large", prog(`{"x":"` + strings.Repeat("a", mdf.MaxDocumentBytes) + `"}`), "", strictjson.ErrTooLarge},
		{"window", prog(`{"claim_window_days":0,"rounding":"half-even",` + okAct + `}`), "/claim_window_days", mdf.ErrRange},
		{"extension days", prog(`{"claim_window_days":1,"max_extensions":1,"rounding":"half-even",` + okAct + `}`), "/extension_days", mdf.ErrRange},
		{"needless extension days", prog(`{"claim_window_days":1,"extension_days":3,"rounding":"half-even",` + okAct + `}`), "/extension_days", mdf.ErrInvalid},
		{"rounding", prog(`{"claim_window_days":1,` + okAct + `}`), "/rounding", mdf.ErrMissing},
		{"activities", prog(`{"claim_window_days":1,"rounding":"half-even"}`), "/activities", mdf.ErrMissing},
		{"activity type", prog(`{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w","vendor_share":"50%"},{"type":"w","vendor_share":"50%"}]}`), "/activities/1/type", mdf.ErrDuplicate},
		{"vendor share", prog(`{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w"}]}`), "/activities/0/vendor_share", mdf.ErrMissing},
		{"evidence min", prog(`{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w","vendor_share":"50%","evidence":[{"kind":"invoice","min":0}]}]}`), "/activities/0/evidence/0/min", mdf.ErrNonPositive},
		{"evidence twice", prog(`{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w","vendor_share":"50%","evidence":[{"kind":"invoice","min":1},{"kind":"invoice","min":2}]}]}`), "/activities/0/evidence/1/kind", mdf.ErrDuplicate},
		{"marshal zero programme", func() error { _, err := mdf.Programme{}.MarshalJSON(); return err }, "", mdf.ErrInvalid},
		// NewRequest
		{"request id", newReq(func(s *mdf.RequestSpec) { s.ID = "" }), "/id", mdf.ErrMissing},
		{"request partner", newReq(func(s *mdf.RequestSpec) { s.Partner = "" }), "/partner", mdf.ErrMissing},
		{"request fund", newReq(func(s *mdf.RequestSpec) { s.FundID = "G" }), "/fund_id", mdf.ErrInvalid},
		{"request activity", newReq(func(s *mdf.RequestSpec) { s.ActivityType = "radio" }), "/activity_type", mdf.ErrInvalid},
		{"request start", newReq(func(s *mdf.RequestSpec) { s.ActivityStart = time.Time{} }), "/activity_start", mdf.ErrMissing},
		{"request end", newReq(func(s *mdf.RequestSpec) { s.ActivityEnd = day(2) }), "/activity_end", mdf.ErrInvalid},
		{"request amount", newReq(func(s *mdf.RequestSpec) { s.Amount = money.Amount{} }), "/amount", mdf.ErrMissing},
		{"request too much", newReq(func(s *mdf.RequestSpec) { s.Amount = amt("1000.01 USD") }), "/amount", mdf.ErrInsufficient},
		{"zero programme", func() error {
			_, _, err := mdf.NewRequest(mdf.RequestSpec{}, funded(t), mdf.Programme{}, t0)
			return err
		}, "", mdf.ErrInvalid},
		// Request events
		{"event state", event(mdf.Requested, mdf.RequestEvent{Kind: mdf.Pay, Amount: amt("1.00 USD")}, day(11)), "/kind", mdf.ErrTransition},
		{"event early", event(mdf.Requested, mdf.RequestEvent{Kind: mdf.PreApprove}, t0), "/at", mdf.ErrTransition},
		{"reduced without reason", event(mdf.Requested, mdf.RequestEvent{Kind: mdf.PreApprove, Amount: amt("1.00 USD")}, day(11)), "/reason", mdf.ErrMissing},
		{"full with reason", event(mdf.Requested, mdf.RequestEvent{Kind: mdf.PreApprove, Reason: mdf.OverBudget}, day(11)), "/reason", mdf.ErrInvalid},
		{"pre-approve more", event(mdf.Requested, mdf.RequestEvent{Kind: mdf.PreApprove, Amount: amt("400.01 USD"), Reason: mdf.OverBudget}, day(11)), "/amount", mdf.ErrInsufficient},
		{"deny without reason", event(mdf.Requested, mdf.RequestEvent{Kind: mdf.Deny}, day(11)), "/reason", mdf.ErrMissing},
		{"unread amount", event(mdf.Requested, mdf.RequestEvent{Kind: mdf.Cancel, Amount: amt("1.00 USD")}, day(11)), "/amount", mdf.ErrInvalid},
		{"unread claim", event(mdf.Requested, mdf.RequestEvent{Kind: mdf.Cancel, Claim: mdf.Claim{Cost: amt("1.00 USD")}}, day(11)), "/claim", mdf.ErrInvalid},
		{"activity end", event(mdf.PreApproved, mdf.RequestEvent{Kind: mdf.CompleteActivity}, day(11)), "/activity_end", mdf.ErrMissing},
		{"activity end future", event(mdf.PreApproved, mdf.RequestEvent{Kind: mdf.CompleteActivity, ActivityEnd: day(12)}, day(11)), "/activity_end", mdf.ErrInvalid},
		{"lapse early", event(mdf.PreApproved, mdf.RequestEvent{Kind: mdf.Lapse}, day(11)), "/at", mdf.ErrDeadline},
		{"claim late", event(mdf.ActivityDone, mdf.RequestEvent{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: amt("1.00 USD")}}, day(70)), "/at", mdf.ErrDeadline},
		{"claim cost", event(mdf.ActivityDone, mdf.RequestEvent{Kind: mdf.SubmitClaim}, day(11)), "/claim/cost", mdf.ErrMissing},
		{"claim twice", event(mdf.Claimed, mdf.RequestEvent{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: amt("1.00 USD")}}, day(11)), "/kind", mdf.ErrDuplicateClaim},
		{"extend late", event(mdf.ActivityDone, mdf.RequestEvent{Kind: mdf.Extend}, day(70)), "/at", mdf.ErrDeadline},
		{"approve more", event(mdf.Claimed, mdf.RequestEvent{Kind: mdf.ApproveClaim, Amount: amt("300.01 USD"), Reason: mdf.IneligibleCost}, day(11)), "/amount", mdf.ErrInsufficient},
		{"pay too much", event(mdf.ClaimApproved, mdf.RequestEvent{Kind: mdf.Pay, Amount: amt("300.01 USD")}, day(11)), "/amount", mdf.ErrInsufficient},
		{"pay nothing", event(mdf.ClaimApproved, mdf.RequestEvent{Kind: mdf.Pay}, day(11)), "/amount", mdf.ErrMissing},
		{"wrong fund", func() error {
			r, _ := requestAt(t, mdf.Requested)
			_, _, err := r.Apply(mdf.RequestEvent{Kind: mdf.Cancel}, discretionary("G"), programme(), day(11))
			return err
		}, "/fund_id", mdf.ErrInvalid},
		{"fund without the request", func() error {
			r, _ := requestAt(t, mdf.Requested)
			_, _, err := r.Apply(mdf.RequestEvent{Kind: mdf.Cancel}, funded(t), programme(), day(11))
			return err
		}, "/fund_id", mdf.ErrInsufficient},
		{"proof gaps", func() error {
			p := programme()
			r, f, _ := mdf.NewRequest(mdf.RequestSpec{ID: "R", FundID: "F", Partner: "P", ActivityType: "email",
				Amount: amt("10.00 USD"), ActivityStart: day(1), ActivityEnd: day(1)}, funded(t), p, day(1))
			r, f, _ = r.Apply(mdf.RequestEvent{Kind: mdf.PreApprove}, f, p, day(2))
			r, f, _ = r.Apply(mdf.RequestEvent{Kind: mdf.CompleteActivity, ActivityEnd: day(2)}, f, p, day(2))
			_, _, err := r.Apply(mdf.RequestEvent{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: amt("10.00 USD"),
				Proof: []mdf.EvidenceItem{{Kind: mdf.Invoice, ID: "I", Amount: amt("10.00 USD"), At: t0}}}}, f, p, day(3))
			return err
		}, "/claim/proof/0/at", mdf.ErrProof},
		// Restore
		{"restore fund spec", func() error { _, err := mdf.RestoreFund(mdf.FundRecord{}); return err }, "/spec/id", mdf.ErrMissing},
		{"restore fund balance", func() error {
			rec := funded(t).Record()
			rec.Paid = amt("1000.01 USD")
			_, err := mdf.RestoreFund(rec)
			return err
		}, "/allocated", mdf.ErrInsufficient},
		{"restore fund accrued", func() error {
			rec := discretionary("F").Record()
			rec.Accrued = amt("1.00 USD")
			_, err := mdf.RestoreFund(rec)
			return err
		}, "/accrued", mdf.ErrInvalid},
		{"parse fund", func() error { _, err := mdf.ParseFund([]byte(`{"spec":{}}`)); return err }, "/spec/id", mdf.ErrMissing},
		{"restore request state", func() error {
			r, _ := requestAt(t, mdf.Claimed)
			rec := r.Record()
			rec.Claimed = false
			_, err := mdf.RestoreRequest(rec, programme())
			return err
		}, "/claimed", mdf.ErrInvalid},
		{"restore request paid", func() error {
			r, _ := requestAt(t, mdf.ClaimApproved)
			rec := r.Record()
			rec.Paid = rec.Approved
			_, err := mdf.RestoreRequest(rec, programme())
			return err
		}, "/paid", mdf.ErrInvalid},
		{"restore request pre", func() error {
			r, _ := requestAt(t, mdf.PreApproved)
			rec := r.Record()
			rec.PreApproved = amt("400.01 USD")
			_, err := mdf.RestoreRequest(rec, programme())
			return err
		}, "/pre_approved", mdf.ErrInvalid},
		// Lead journeys
		{"journeys by", func() error { _, err := mdf.LeadJourneys(nil, nil, "region"); return err }, "/by", mdf.ErrInvalid},
		{"journeys lead", func() error {
			_, err := mdf.LeadJourneys([]mdf.LeadTouch{{Partner: "acme", At: day(1)}}, nil, mdf.ByPartner)
			return err
		}, "/touches/0/lead_id", mdf.ErrMissing},
		{"journeys conversion", func() error {
			_, err := mdf.LeadJourneys([]mdf.LeadTouch{{LeadID: "L", Partner: "acme", At: day(2)}},
				[]mdf.LeadConversion{{LeadID: "L", At: day(1)}}, mdf.ByPartner)
			return err
		}, "/conversions/0/at", mdf.ErrInvalid},
		// Returns, segmentation, allowances
		{"by", func() error { _, err := mdf.Measure([]mdf.Campaign{usdCamp}, ""); return err }, "/by", mdf.ErrMissing},
		{"campaigns", func() error { _, err := mdf.Measure(nil, mdf.ByPartner); return err }, "/campaigns", mdf.ErrMissing},
		{"campaign id", func() error { _, err := mdf.Measure([]mdf.Campaign{usdCamp, usdCamp}, mdf.ByPartner); return err }, "/campaigns/1/id", mdf.ErrDuplicate},
		{"campaign spend", func() error {
			c := usdCamp
			c.Spend = amt("-1.00 USD")
			_, err := mdf.Measure([]mdf.Campaign{c}, mdf.ByPartner)
			return err
		}, "/campaigns/0/spend", mdf.ErrNegative},
		{"campaign currency", func() error {
			c := usdCamp
			c.ID, c.Revenue = "b", amt("1.00 EUR")
			_, err := mdf.Measure([]mdf.Campaign{usdCamp, c}, mdf.ByPartner)
			return err
		}, "/campaigns/1/revenue", mdf.ErrCurrency},
		{"campaign revenue absent", func() error {
			c := usdCamp
			c.Revenue = money.Amount{}
			_, err := mdf.Measure([]mdf.Campaign{c}, mdf.ByPartner)
			return err
		}, "/campaigns/0/revenue", mdf.ErrMissing},
		{"campaign leads", func() error {
			c := usdCamp
			c.Leads = -1
			_, err := mdf.Measure([]mdf.Campaign{c}, mdf.ByPartner)
			return err
		}, "/campaigns/0/leads", mdf.ErrNegative},
		{"segmentation", func() error { _, err := mdf.ParseSegmentation([]byte(`{}`)); return err }, "/one_to_many_below", mdf.ErrMissing},
		{"segmentation rate", func() error {
			_, err := mdf.ParseSegmentation([]byte(`{"one_to_many_below":"1.00 USD","core_capability":"150%","growth_resource_use":"1%","growth_utilisation":"1%"}`))
			return err
		}, "/core_capability", mdf.ErrInvalid},
		{"signals partner", func() error { _, err := seg.Classify([]mdf.Signals{{Revenue: amt("1.00 USD")}}); return err }, "/partners/0/partner", mdf.ErrMissing},
		{"signals revenue", func() error {
			_, err := seg.Classify([]mdf.Signals{{Partner: "a", Revenue: amt("1.00 EUR")}})
			return err
		}, "/partners/0/revenue", mdf.ErrCurrency},
		{"signals rate", func() error {
			_, err := seg.Classify([]mdf.Signals{{Partner: "a", Revenue: amt("1.00 USD"), Utilisation: rate("-1%")}})
			return err
		}, "/partners/0/utilisation", mdf.ErrInvalid},
		{"zero segmentation", func() error { _, err := mdf.Segmentation{}.Classify(nil); return err }, "", mdf.ErrInvalid},
		{"allowance market", func() error {
			_, err := mdf.CheckAllowances([]mdf.Allowance{{Partner: "a", Rate: rate("1%")}})
			return err
		}, "/allowances/0/market", mdf.ErrMissing},
		{"allowance twice", func() error {
			_, err := mdf.CheckAllowances([]mdf.Allowance{{Partner: "a", Market: "m"}, {Partner: "a", Market: "m"}})
			return err
		}, "/allowances/1/partner", mdf.ErrDuplicate},
		{"allowance rate", func() error {
			_, err := mdf.CheckAllowances([]mdf.Allowance{{Partner: "a", Market: "m", Rate: rate("2")}})
			return err
		}, "/allowances/0/rate", mdf.ErrInvalid},
	}
}

// TestErrorWalk: every error case matches its sentinel, carries a
// FieldPath that is a valid JSON Pointer, and names the expected member.
func TestErrorWalk(t *testing.T) {
	for _, c := range errCases(t) {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, c.want) {
				t.Errorf("%v: want %v", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), "mdf: ") && !strings.Contains(err.Error(), "\nmdf: ") {
				t.Errorf("message %q lacks the package prefix", err)
			}
			paths := fieldPaths(err)
			if len(paths) == 0 {
				t.Fatalf("%v: no FieldPath", err)
			}
			for _, p := range paths {
				if !field.Valid(p) {
					t.Errorf("%v: path %q is not a JSON Pointer", err, p)
				}
			}
			if !slices.Contains(paths, c.path) {
				t.Errorf("%v: paths %q, want %q", err, paths, c.path)
			}
		})
	}
}
