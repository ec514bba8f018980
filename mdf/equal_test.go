package mdf_test

import (
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/money"
)

type eqF[T any] = equaltest.Field[T]

func later(t time.Time) time.Time { return t.Add(time.Nanosecond) }

func cent(a money.Amount) money.Amount { return must(a.Add(money.FromMinor(1, a.Currency()))) }

func TestEqualMethods(t *testing.T) {
	one := amt("1.00 USD")
	equaltest.Check(t, mdf.Balance{Allocated: one, Paid: one, Approved: one, Pending: one, Available: one}, []eqF[mdf.Balance]{
		{Name: "Allocated", Change: func(b mdf.Balance) mdf.Balance { b.Allocated = cent(b.Allocated); return b }},
		{Name: "Paid", Change: func(b mdf.Balance) mdf.Balance { b.Paid = cent(b.Paid); return b }},
		{Name: "Approved", Change: func(b mdf.Balance) mdf.Balance { b.Approved = cent(b.Approved); return b }},
		{Name: "Pending", Change: func(b mdf.Balance) mdf.Balance { b.Pending = cent(b.Pending); return b }},
		{Name: "Available", Change: func(b mdf.Balance) mdf.Balance { b.Available = cent(b.Available); return b }},
		// 1.00 and 1.000 are the same amount.
		{Name: "Paid", KeepsEqual: true, Change: func(b mdf.Balance) mdf.Balance { b.Paid = amt("1.000 USD"); return b }},
	})
	equaltest.Check(t, mdf.Holds{Pending: one, Approved: one, Paid: one}, []eqF[mdf.Holds]{
		{Name: "Pending", Change: func(h mdf.Holds) mdf.Holds { h.Pending = cent(h.Pending); return h }},
		{Name: "Approved", Change: func(h mdf.Holds) mdf.Holds { h.Approved = cent(h.Approved); return h }},
		{Name: "Paid", Change: func(h mdf.Holds) mdf.Holds { h.Paid = cent(h.Paid); return h }},
	})
	equaltest.Check(t, mdf.Figure{Value: dec("1.5"), Status: mdf.Defined}, []eqF[mdf.Figure]{
		{Name: "Value", Change: func(f mdf.Figure) mdf.Figure { f.Value = dec("1.6"); return f }},
		{Name: "Value", KeepsEqual: true, Change: func(f mdf.Figure) mdf.Figure { f.Value = dec("1.500000"); return f }},
		{Name: "Status", Change: func(f mdf.Figure) mdf.Figure { f.Status = mdf.NoSpend; return f }},
	})
	item := mdf.EvidenceItem{Kind: mdf.Invoice, ID: "I", Amount: one, At: t0}
	equaltest.Check(t, item, []eqF[mdf.EvidenceItem]{
		{Name: "Kind", Change: func(e mdf.EvidenceItem) mdf.EvidenceItem { e.Kind = mdf.Media; return e }},
		{Name: "ID", Change: func(e mdf.EvidenceItem) mdf.EvidenceItem { e.ID = "J"; return e }},
		{Name: "Amount", Change: func(e mdf.EvidenceItem) mdf.EvidenceItem { e.Amount = cent(e.Amount); return e }},
		{Name: "At", Change: func(e mdf.EvidenceItem) mdf.EvidenceItem { e.At = later(e.At); return e }},
	})
	equaltest.Check(t, mdf.Claim{Cost: one, Proof: []mdf.EvidenceItem{item}}, []eqF[mdf.Claim]{
		{Name: "Cost", Change: func(c mdf.Claim) mdf.Claim { c.Cost = cent(c.Cost); return c }},
		{Name: "Proof", Change: func(c mdf.Claim) mdf.Claim { c.Proof = append(c.Proof, item); return c }},
	})
	equaltest.Check(t, mdf.Deviation{Market: "m", Partner: "p", Rate: rate("1%"), Reference: rate("2%"), ReferencePartners: []string{"q"}}, []eqF[mdf.Deviation]{
		{Name: "Market", Change: func(d mdf.Deviation) mdf.Deviation { d.Market = "n"; return d }},
		{Name: "Partner", Change: func(d mdf.Deviation) mdf.Deviation { d.Partner = "x"; return d }},
		{Name: "Rate", Change: func(d mdf.Deviation) mdf.Deviation { d.Rate = rate("1.5%"); return d }},
		{Name: "Rate", KeepsEqual: true, Change: func(d mdf.Deviation) mdf.Deviation { d.Rate = rate("100bp"); return d }},
		{Name: "Reference", Change: func(d mdf.Deviation) mdf.Deviation { d.Reference = rate("3%"); return d }},
		{Name: "ReferencePartners", Change: func(d mdf.Deviation) mdf.Deviation { d.ReferencePartners = []string{"q", "r"}; return d }},
	})
	coop := mdf.FundSpec{ID: "c", Kind: mdf.Coop, Currency: usd, Scope: mdf.Scope{Partner: "p"}, OpensAt: t0, ExpiresAt: day(30),
		Coop: &mdf.CoopTerms{Rate: ptr(rate("2%")), Cap: ptr(one), Rounding: money.HalfEven}}
	equaltest.Check(t, coop, []eqF[mdf.FundSpec]{
		{Name: "ID", Change: func(s mdf.FundSpec) mdf.FundSpec { s.ID = "d"; return s }},
		{Name: "Kind", Change: func(s mdf.FundSpec) mdf.FundSpec { s.Kind = mdf.Discretionary; return s }},
		{Name: "Currency", Change: func(s mdf.FundSpec) mdf.FundSpec { s.Currency = eur; return s }},
		{Name: "Scope", Change: func(s mdf.FundSpec) mdf.FundSpec { s.Scope.Country = "DE"; return s }},
		{Name: "OpensAt", Change: func(s mdf.FundSpec) mdf.FundSpec { s.OpensAt = later(s.OpensAt); return s }},
		{Name: "ExpiresAt", Change: func(s mdf.FundSpec) mdf.FundSpec { s.ExpiresAt = later(s.ExpiresAt); return s }},
		{Name: "Coop", Change: func(s mdf.FundSpec) mdf.FundSpec { s.Coop = nil; return s }},
		{Name: "Coop", Change: func(s mdf.FundSpec) mdf.FundSpec {
			c := *s.Coop
			c.Cap = ptr(cent(*c.Cap))
			s.Coop = &c
			return s
		}},
		{Name: "Coop", Change: func(s mdf.FundSpec) mdf.FundSpec {
			c := *s.Coop
			c.Rounding = money.HalfUp
			s.Coop = &c
			return s
		}},
	})
	rec := funded(t).Record()
	equaltest.Check(t, rec, []eqF[mdf.FundRecord]{
		{Name: "Spec", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Spec.ID = "x"; return r }},
		{Name: "Status", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Status = mdf.FundExpired; return r }},
		{Name: "Allocated", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Allocated = cent(r.Allocated); return r }},
		{Name: "Paid", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Paid = cent(r.Paid); return r }},
		{Name: "Approved", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Approved = cent(r.Approved); return r }},
		{Name: "Pending", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Pending = cent(r.Pending); return r }},
		{Name: "Lapsed", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Lapsed = cent(r.Lapsed); return r }},
		{Name: "Purchases", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Purchases = cent(r.Purchases); return r }},
		{Name: "Accrued", Change: func(r mdf.FundRecord) mdf.FundRecord { r.Accrued = cent(r.Accrued); return r }},
		{Name: "LastEventAt", Change: func(r mdf.FundRecord) mdf.FundRecord { r.LastEventAt = later(r.LastEventAt); return r }},
	})
	req, _ := requestAt(t, mdf.ClaimApproved)
	rr := req.Record()
	rr.Claim.Proof = []mdf.EvidenceItem{item}
	equaltest.Check(t, rr, []eqF[mdf.RequestRecord]{
		{Name: "Spec", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Spec.Campaign = "x"; return r }},
		{Name: "Spec", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Spec.Amount = cent(r.Spec.Amount); return r }},
		{Name: "State", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.State = mdf.Paid; return r }},
		{Name: "CreatedAt", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.CreatedAt = later(r.CreatedAt); return r }},
		{Name: "LastEventAt", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.LastEventAt = later(r.LastEventAt); return r }},
		{Name: "PreApproved", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.PreApproved = cent(r.PreApproved); return r }},
		{Name: "PreApprovalReason", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.PreApprovalReason = mdf.OverBudget; return r }},
		{Name: "ActivityEnd", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.ActivityEnd = later(r.ActivityEnd); return r }},
		{Name: "ClaimDue", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.ClaimDue = later(r.ClaimDue); return r }},
		{Name: "Extensions", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Extensions++; return r }},
		{Name: "Claimed", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Claimed = false; return r }},
		{Name: "Claim", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Claim.Proof = nil; return r }},
		{Name: "ClaimedAt", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.ClaimedAt = later(r.ClaimedAt); return r }},
		{Name: "Reimbursable", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Reimbursable = cent(r.Reimbursable); return r }},
		{Name: "Approved", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Approved = cent(r.Approved); return r }},
		{Name: "ClaimReason", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.ClaimReason = mdf.LateClaim; return r }},
		{Name: "Paid", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Paid = cent(r.Paid); return r }},
		{Name: "Instalments", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Instalments++; return r }},
		{Name: "Note", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.Note = "n"; return r }},
		{Name: "ClosedAt", Change: func(r mdf.RequestRecord) mdf.RequestRecord { r.ClosedAt = later(r.ClosedAt); return r }},
	})
	ps := programme().Spec()
	equaltest.Check(t, ps, []eqF[mdf.ProgrammeSpec]{
		{Name: "ClaimWindowDays", Change: func(s mdf.ProgrammeSpec) mdf.ProgrammeSpec { s.ClaimWindowDays++; return s }},
		{Name: "MaxExtensions", Change: func(s mdf.ProgrammeSpec) mdf.ProgrammeSpec { s.MaxExtensions++; return s }},
		{Name: "ExtensionDays", Change: func(s mdf.ProgrammeSpec) mdf.ProgrammeSpec { s.ExtensionDays++; return s }},
		{Name: "Rounding", Change: func(s mdf.ProgrammeSpec) mdf.ProgrammeSpec { s.Rounding = money.HalfUp; return s }},
		{Name: "Activities", Change: func(s mdf.ProgrammeSpec) mdf.ProgrammeSpec { s.Activities = s.Activities[1:]; return s }},
		{Name: "Activities", Change: func(s mdf.ProgrammeSpec) mdf.ProgrammeSpec {
			s.Activities = append([]mdf.ActivitySpec(nil), s.Activities...)
			s.Activities[0].VendorShare = ptr(rate("51%"))
			return s
		}},
	})
	equaltest.Check(t, ps.Activities[0], []eqF[mdf.ActivitySpec]{
		{Name: "Type", Change: func(a mdf.ActivitySpec) mdf.ActivitySpec { a.Type = "x"; return a }},
		{Name: "VendorShare", Change: func(a mdf.ActivitySpec) mdf.ActivitySpec { a.VendorShare = nil; return a }},
		{Name: "VendorShare", KeepsEqual: true, Change: func(a mdf.ActivitySpec) mdf.ActivitySpec { a.VendorShare = ptr(rate("0.5")); return a }},
		{Name: "Evidence", Change: func(a mdf.ActivitySpec) mdf.ActivitySpec { a.Evidence = a.Evidence[1:]; return a }},
	})
	spec := req.Spec()
	equaltest.Check(t, spec, []eqF[mdf.RequestSpec]{
		{Name: "ID", Change: func(s mdf.RequestSpec) mdf.RequestSpec { s.ID = "x"; return s }},
		{Name: "FundID", Change: func(s mdf.RequestSpec) mdf.RequestSpec { s.FundID = "x"; return s }},
		{Name: "Partner", Change: func(s mdf.RequestSpec) mdf.RequestSpec { s.Partner = "x"; return s }},
		{Name: "ActivityType", Change: func(s mdf.RequestSpec) mdf.RequestSpec { s.ActivityType = "x"; return s }},
		{Name: "Campaign", Change: func(s mdf.RequestSpec) mdf.RequestSpec { s.Campaign = "x"; return s }},
		{Name: "Amount", Change: func(s mdf.RequestSpec) mdf.RequestSpec { s.Amount = cent(s.Amount); return s }},
		{Name: "ActivityStart", Change: func(s mdf.RequestSpec) mdf.RequestSpec { s.ActivityStart = later(s.ActivityStart); return s }},
		{Name: "ActivityEnd", Change: func(s mdf.RequestSpec) mdf.RequestSpec { s.ActivityEnd = later(s.ActivityEnd); return s }},
	})
	rep := must(mdf.Measure([]mdf.Campaign{{ID: "a", Partner: "p", ActivityType: "w", Allocated: one, Spend: one, Leads: 1,
		Opportunities: 1, Pipeline: one, Revenue: one}}, mdf.ByPartner))
	fig := func(f mdf.Figure) mdf.Figure { f.Value = f.Value.Add(dec("1")); return f }
	equaltest.Check(t, rep.Total, []eqF[mdf.Returns]{
		{Name: "Allocated", Change: func(r mdf.Returns) mdf.Returns { r.Allocated = cent(r.Allocated); return r }},
		{Name: "Spend", Change: func(r mdf.Returns) mdf.Returns { r.Spend = cent(r.Spend); return r }},
		{Name: "Leads", Change: func(r mdf.Returns) mdf.Returns { r.Leads++; return r }},
		{Name: "Opportunities", Change: func(r mdf.Returns) mdf.Returns { r.Opportunities++; return r }},
		{Name: "Pipeline", Change: func(r mdf.Returns) mdf.Returns { r.Pipeline = cent(r.Pipeline); return r }},
		{Name: "Revenue", Change: func(r mdf.Returns) mdf.Returns { r.Revenue = cent(r.Revenue); return r }},
		{Name: "ROI", Change: func(r mdf.Returns) mdf.Returns { r.ROI = fig(r.ROI); return r }},
		{Name: "RevenuePerSpend", Change: func(r mdf.Returns) mdf.Returns { r.RevenuePerSpend = fig(r.RevenuePerSpend); return r }},
		{Name: "CostPerLead", Change: func(r mdf.Returns) mdf.Returns { r.CostPerLead = fig(r.CostPerLead); return r }},
		{Name: "CostPerOpportunity", Change: func(r mdf.Returns) mdf.Returns { r.CostPerOpportunity = fig(r.CostPerOpportunity); return r }},
		{Name: "PipelinePerSpend", Change: func(r mdf.Returns) mdf.Returns { r.PipelinePerSpend = fig(r.PipelinePerSpend); return r }},
		{Name: "Utilisation", Change: func(r mdf.Returns) mdf.Returns { r.Utilisation = fig(r.Utilisation); return r }},
	})
}
