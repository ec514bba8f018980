package loyalty

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// LeadEngagement is a vendor-passed lead as the lead metrics read it:
// its dealreg record (assignment, acceptance or rejection, earlier
// attempts) and, once the accepting partner has acted on it (a call, a
// meeting), the time of its first action.
type LeadEngagement struct {
	Record      dealreg.LeadRecord `json:"record"`
	FirstAction time.Time          `json:"first_action,omitzero"`
}

// LeadSLA is the time a partner has, from assignment, to answer a lead
// (accept or reject it) and to act on an accepted one. Both are
// positive.
type LeadSLA struct {
	Answer      time.Duration `json:"answer"`
	FirstAction time.Duration `json:"first_action"`
}

// Durations summarises a set of durations. The percentiles are nearest
// rank: the p-th percentile of n durations sorted in ascending order is
// the one at rank ⌈p · n / 100⌉ (1-based), so Median is the lower median
// (rank ⌈n / 2⌉). All are 0 when Count is 0.
type Durations struct {
	Count  int           `json:"count"`
	Median time.Duration `json:"median"`
	P75    time.Duration `json:"p75"`
	P90    time.Duration `json:"p90"`
	Max    time.Duration `json:"max"`
}

// nearestRank returns the p-th percentile of sorted (ascending, non-empty).
func nearestRank(sorted []time.Duration, p int) time.Duration {
	r := (p*len(sorted) + 99) / 100
	return sorted[max(r, 1)-1]
}

func summarise(ds []time.Duration) Durations {
	if len(ds) == 0 {
		return Durations{}
	}
	slices.Sort(ds)
	return Durations{Count: len(ds), Median: nearestRank(ds, 50), P75: nearestRank(ds, 75), P90: nearestRank(ds, 90), Max: ds[len(ds)-1]}
}

// PartnerLeads is one partner's handling of the leads assigned to it.
type PartnerLeads struct {
	Partner string `json:"partner"`
	// Assigned counts assignments (current ones and earlier attempts of
	// reassigned leads); Accepted, Rejected, Silent (no answer and the
	// answer SLA passed) and Pending (no answer, within the SLA)
	// classify them.
	Assigned int `json:"assigned"`
	Accepted int `json:"accepted"`
	Rejected int `json:"rejected"`
	Silent   int `json:"silent"`
	Pending  int `json:"pending"`
	// AnswerBreaches counts assignments answered after the answer SLA or
	// silent; ActionBreaches accepted leads first acted on after the
	// first-action SLA, or not yet acted on when it has passed.
	AnswerBreaches int `json:"answer_breaches"`
	ActionBreaches int `json:"action_breaches"`
	// ToAccept is the time from assignment to acceptance, ToAction from
	// assignment to first action, over the partner's accepted leads.
	ToAccept Durations `json:"to_accept"`
	ToAction Durations `json:"to_action"`
}

// ClosedDeal is a won deal for the sourcing shares: its partner, who
// originated it and its revenue. A won dealreg registration is
// SourcedByPartner when its Source is dealreg.PartnerSourced and
// SourcedByVendor when it is dealreg.VendorLead.
type ClosedDeal struct {
	ID      string       `json:"id"`
	Partner string       `json:"partner"`
	Source  DealSource   `json:"source"`
	Revenue money.Amount `json:"revenue"`
}

// ClosedDealOf returns the closed deal of a won registration: its
// registrant, SourcedByPartner for a dealreg.PartnerSourced registration
// and SourcedByVendor for a vendor lead, with the revenue the host
// booked. A registration in any other state is an [ErrInvalid] error at
// "/state".
func ClosedDealOf(r dealreg.Registration, revenue money.Amount) (ClosedDeal, error) {
	if r.State() != dealreg.Won {
		return ClosedDeal{}, inputErr("/state", r.State().String(), ErrInvalid)
	}
	src := SourcedByPartner
	if r.Source() == dealreg.VendorLead {
		src = SourcedByVendor
	}
	return ClosedDeal{ID: r.ID(), Partner: r.Registrant().ID, Source: src, Revenue: revenue}, nil
}

// SourceShare is one source's part of the closed deals: the count and
// revenue, and their shares of the whole. The shares of the three
// sources are apportioned by largest remainder (ties by source order)
// at RatePlaces so that they sum exactly to 1 (or are all 0 when there
// is nothing to share).
type SourceShare struct {
	Source       DealSource   `json:"source"`
	Deals        int          `json:"deals"`
	DealShare    money.Rate   `json:"deal_share"`
	Revenue      money.Amount `json:"revenue"`
	RevenueShare money.Rate   `json:"revenue_share"`
}

// Equal reports whether s and o are the same figures.
func (s SourceShare) Equal(o SourceShare) bool {
	return s.Source == o.Source && s.Deals == o.Deals && s.DealShare.Cmp(o.DealShare) == 0 &&
		s.Revenue.Equal(o.Revenue) && s.RevenueShare.Cmp(o.RevenueShare) == 0
}

// LeadMetrics is the result of [ComputeLeadMetrics]: each partner's lead
// handling in ascending order of partner id, and the sourcing shares in
// the order partner-sourced, vendor-sourced, influenced (none without
// deals).
type LeadMetrics struct {
	Partners []PartnerLeads `json:"partners"`
	Sourcing []SourceShare  `json:"sourcing"`
}

// Equal reports whether m and o are the same figures.
func (m LeadMetrics) Equal(o LeadMetrics) bool {
	return slices.Equal(m.Partners, o.Partners) && slices.EqualFunc(m.Sourcing, o.Sourcing, SourceShare.Equal)
}

// Find returns the lead handling of a partner (false if no lead was
// assigned to it).
func (m LeadMetrics) Find(partner string) (PartnerLeads, bool) {
	i, ok := slices.BinarySearchFunc(m.Partners, partner, func(p PartnerLeads, id string) int { return cmp.Compare(p.Partner, id) })
	if !ok {
		return PartnerLeads{}, false
	}
	return m.Partners[i], true
}

// ComputeLeadMetrics measures lead handling as of at and the sourcing of
// the closed deals. Assignments made after at are not counted. The
// result does not depend on the order of leads or deals. Errors:
// "/sla/answer", "/sla/first_action" ([ErrNonPositive]),
// "/leads/2/record/lead/id" ([ErrEmpty], [ErrDuplicate]),
// "/leads/2/record/partner" ([ErrEmpty]), "/leads/2/record/status"
// (not assigned, accepted or rejected: [ErrInvalid]),
// "/leads/2/first_action" (on a
// lead not accepted: [ErrInvalid]; before the acceptance: [ErrOrder]),
// "/deals/1/id" ([ErrEmpty], [ErrDuplicate]), "/deals/1/source"
// ([ErrInvalid]), "/deals/1/revenue" (negative, invalid or another
// currency than the first deal's: [ErrRange]).
func ComputeLeadMetrics(leads []LeadEngagement, deals []ClosedDeal, sla LeadSLA, at time.Time) (LeadMetrics, error) {
	if sla.Answer <= 0 {
		return LeadMetrics{}, inputErr("/sla/answer", sla.Answer.String(), ErrNonPositive)
	}
	if sla.FirstAction <= 0 {
		return LeadMetrics{}, inputErr("/sla/first_action", sla.FirstAction.String(), ErrNonPositive)
	}
	type acc struct {
		PartnerLeads
		toAccept, toAction []time.Duration
	}
	by := map[string]*acc{}
	get := func(id string) *acc {
		a := by[id]
		if a == nil {
			a = &acc{PartnerLeads: PartnerLeads{Partner: id}}
			by[id] = a
		}
		return a
	}
	seen := make(map[string]bool, len(leads))
	for i, le := range leads {
		l := le.Record
		switch {
		case l.Lead.ID == "":
			return LeadMetrics{}, inputErr(field.At("leads", i, "record", "lead", "id"), "", ErrEmpty)
		case seen[l.Lead.ID]:
			return LeadMetrics{}, inputErr(field.At("leads", i, "record", "lead", "id"), l.Lead.ID, ErrDuplicate)
		case l.Partner == "":
			return LeadMetrics{}, inputErr(field.At("leads", i, "record", "partner"), "", ErrEmpty)
		case l.Status != dealreg.LeadAssigned && l.Status != dealreg.LeadAccepted && l.Status != dealreg.LeadRejected:
			return LeadMetrics{}, inputErr(field.At("leads", i, "record", "status"), l.Status.String(), ErrInvalid)
		case !le.FirstAction.IsZero() && l.Status != dealreg.LeadAccepted:
			return LeadMetrics{}, inputErr(field.At("leads", i, "first_action"), le.FirstAction.Format(time.RFC3339), ErrInvalid)
		case !le.FirstAction.IsZero() && le.FirstAction.Before(l.RespondedAt):
			return LeadMetrics{}, inputErr(field.At("leads", i, "first_action"), le.FirstAction.Format(time.RFC3339), ErrOrder)
		}
		seen[l.Lead.ID] = true
		for _, h := range l.History {
			if h.AssignedAt.After(at) {
				continue
			}
			a := get(h.Partner)
			a.Assigned++
			if h.Outcome == dealreg.LeadRejected && h.EndedAt.Sub(h.AssignedAt) <= sla.Answer {
				a.Rejected++
				continue
			}
			if h.Outcome == dealreg.LeadRejected {
				a.Rejected++
			} else {
				a.Silent++
			}
			a.AnswerBreaches++
		}
		if l.AssignedAt.After(at) {
			continue
		}
		a := get(l.Partner)
		a.Assigned++
		answerDue := l.AssignedAt.Add(sla.Answer)
		answered := l.Status == dealreg.LeadAccepted || l.Status == dealreg.LeadRejected
		switch {
		case answered && l.RespondedAt.After(answerDue):
			a.AnswerBreaches++
		case !answered && !at.Before(answerDue):
			a.AnswerBreaches++
			a.Silent++
		case !answered:
			a.Pending++
		}
		switch l.Status {
		case dealreg.LeadRejected:
			a.Rejected++
		case dealreg.LeadAccepted:
			a.Accepted++
			a.toAccept = append(a.toAccept, l.RespondedAt.Sub(l.AssignedAt))
			actionDue := l.AssignedAt.Add(sla.FirstAction)
			if le.FirstAction.IsZero() {
				if !at.Before(actionDue) {
					a.ActionBreaches++
				}
				break
			}
			a.toAction = append(a.toAction, le.FirstAction.Sub(l.AssignedAt))
			if le.FirstAction.After(actionDue) {
				a.ActionBreaches++
			}
		case dealreg.LeadAssigned, dealreg.LeadStatusUnspecified, dealreg.LeadSilent: // unanswered: counted above; only assigned passes the check
		}
	}
	out := LeadMetrics{Partners: make([]PartnerLeads, 0, len(by))}
	for _, a := range by {
		a.ToAccept, a.ToAction = summarise(a.toAccept), summarise(a.toAction)
		out.Partners = append(out.Partners, a.PartnerLeads)
	}
	slices.SortFunc(out.Partners, func(x, y PartnerLeads) int { return cmp.Compare(x.Partner, y.Partner) })
	shares, err := sourcing(deals)
	if err != nil {
		return LeadMetrics{}, err
	}
	out.Sourcing = shares
	return out, nil
}

// sourcing sums the deals by source and apportions the shares.
func sourcing(deals []ClosedDeal) ([]SourceShare, error) {
	if len(deals) == 0 {
		return nil, nil
	}
	cur := deals[0].Revenue.Currency()
	counts := make([]int64, 3)
	sums := make([]decimal.Decimal, 3)
	ids := make(map[string]bool, len(deals))
	for i, dl := range deals {
		switch {
		case dl.ID == "":
			return nil, inputErr(field.At("deals", i, "id"), "", ErrEmpty)
		case ids[dl.ID]:
			return nil, inputErr(field.At("deals", i, "id"), dl.ID, ErrDuplicate)
		case !dl.Source.IsValid():
			return nil, inputErr(field.At("deals", i, "source"), dl.Source.String(), ErrInvalid)
		case !dl.Revenue.IsValid() || dl.Revenue.Currency() != cur || dl.Revenue.Sign() < 0:
			return nil, inputErr(field.At("deals", i, "revenue"), dl.Revenue.String(), ErrRange)
		}
		ids[dl.ID] = true
		counts[dl.Source-1]++
		sums[dl.Source-1] = sums[dl.Source-1].Add(dl.Revenue.Decimal())
	}
	dealShares := apportion(func(i int) decimal.Decimal { return decimal.New(counts[i], 0) })
	revShares := apportion(func(i int) decimal.Decimal { return sums[i] })
	out := make([]SourceShare, 3)
	for i := range out {
		out[i] = SourceShare{Source: DealSource(i + 1), Deals: int(counts[i]), DealShare: dealShares[i], Revenue: money.New(sums[i], cur), RevenueShare: revShares[i]}
	}
	return out, nil
}

// apportion splits 1 at RatePlaces among the three sources in proportion
// to weight(i), by largest remainder (money.AllocateInt64, ties by
// source order); all zero when the weights are.
func apportion(weight func(int) decimal.Decimal) []money.Rate {
	ws := make([]money.Weight, 3)
	total := decimal.Decimal{}
	for i := range ws {
		ws[i] = money.Weight{Key: string(rune('a' + i)), Value: weight(i)}
		total = total.Add(ws[i].Value)
	}
	out := make([]money.Rate, 3)
	if total.Sign() == 0 {
		return out
	}
	units, err := money.AllocateInt64(pow10(RatePlaces), ws)
	if err != nil { // weights are non-negative with a positive sum: cannot happen
		return out
	}
	for i, u := range units {
		out[i] = money.RateFromFraction(decimal.New(u, -RatePlaces))
	}
	return out
}

func pow10(n int32) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}
