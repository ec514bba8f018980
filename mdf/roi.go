package mdf

import (
	"maps"
	"math"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// Rounding of the return figures: ratios (ROI, revenue and pipeline per
// unit spent, utilisation) are money.Div to FigurePlaces places, costs
// per lead and per opportunity to the currency's minor unit, both with
// FigureRounding, once, from the exact totals.
const (
	FigurePlaces   = 6
	FigureRounding = money.HalfEven
)

// Built-in grouping dimensions of Measure; any other name is looked up in
// Campaign.Dimensions.
const (
	ByPartner      = "partner"
	ByActivityType = "activity_type"
	ByCampaign     = "campaign"
)

// Campaign is the spend of one funded activity and what it produced: the
// leads, the opportunities with their pipeline value and the closed
// revenue attributed to it. Allocated is what was allocated to it (for
// utilisation). Dimensions are the caller's own grouping keys ("region":
// "EMEA"). Every amount moves money and is required (zero is given
// explicitly); all are in one currency.
type Campaign struct {
	ID            string            `json:"id"`
	Partner       string            `json:"partner"`
	ActivityType  string            `json:"activity_type"`
	Dimensions    map[string]string `json:"dimensions,omitzero"`
	Allocated     money.Amount      `json:"allocated"`
	Spend         money.Amount      `json:"spend"`
	Leads         int64             `json:"leads"`
	Opportunities int64             `json:"opportunities"`
	Pipeline      money.Amount      `json:"pipeline"`
	Revenue       money.Amount      `json:"revenue"`
}

// Figure is a ratio that may not exist. Status is Defined when it does;
// otherwise Value is zero and Status says which denominator is zero
// (NoSpend, NoLeads, NoOpportunities, NoAllocation): a zero spend never
// divides, never yields an infinite or not-a-number value.
type Figure struct {
	Value  decimal.Decimal `json:"value"`
	Status FigureStatus    `json:"status"`
}

// Equal reports whether two figures are the same (values compared
// numerically).
func (f Figure) Equal(o Figure) bool { return f.Status == o.Status && f.Value.Equal(o.Value) }

// Returns are the totals of a set of campaigns and their figures:
//
//	ROI                = (Revenue − Spend) / Spend      (NoSpend when Spend = 0)
//	RevenuePerSpend    = Revenue / Spend                (NoSpend)
//	CostPerLead        = Spend / Leads                  (NoLeads when Leads = 0)
//	CostPerOpportunity = Spend / Opportunities          (NoOpportunities)
//	PipelinePerSpend   = Pipeline / Spend               (NoSpend)
//	Utilisation        = Spend / Allocated              (NoAllocation when Allocated = 0)
//
// Zero revenue with a positive spend is an ROI of −1 (−100 %), defined.
type Returns struct {
	Allocated          money.Amount `json:"allocated"`
	Spend              money.Amount `json:"spend"`
	Leads              int64        `json:"leads"`
	Opportunities      int64        `json:"opportunities"`
	Pipeline           money.Amount `json:"pipeline"`
	Revenue            money.Amount `json:"revenue"`
	ROI                Figure       `json:"roi"`
	RevenuePerSpend    Figure       `json:"revenue_per_spend"`
	CostPerLead        Figure       `json:"cost_per_lead"`
	CostPerOpportunity Figure       `json:"cost_per_opportunity"`
	PipelinePerSpend   Figure       `json:"pipeline_per_spend"`
	Utilisation        Figure       `json:"utilisation"`
}

// Equal reports whether two returns are the same.
func (r Returns) Equal(o Returns) bool {
	return r.Allocated.Equal(o.Allocated) && r.Spend.Equal(o.Spend) && r.Leads == o.Leads &&
		r.Opportunities == o.Opportunities && r.Pipeline.Equal(o.Pipeline) && r.Revenue.Equal(o.Revenue) &&
		r.ROI.Equal(o.ROI) && r.RevenuePerSpend.Equal(o.RevenuePerSpend) && r.CostPerLead.Equal(o.CostPerLead) &&
		r.CostPerOpportunity.Equal(o.CostPerOpportunity) && r.PipelinePerSpend.Equal(o.PipelinePerSpend) &&
		r.Utilisation.Equal(o.Utilisation)
}

// ReturnGroup is the returns of the campaigns sharing one value (Key) of
// the grouping dimension; Campaigns lists their IDs, sorted.
type ReturnGroup struct {
	Key       string   `json:"key"`
	Campaigns []string `json:"campaigns"`
	Returns   Returns  `json:"returns"`
}

// ReturnReport is the result of Measure: the groups sorted by key and the
// total over every campaign.
type ReturnReport struct {
	By     string        `json:"by"`
	Groups []ReturnGroup `json:"groups"`
	Total  Returns       `json:"total"`
}

// Measure totals the campaigns per value of the dimension by (ByPartner,
// ByActivityType, ByCampaign, or a key of Campaign.Dimensions; a campaign
// without that key falls in the group with the empty key) and computes
// each group's figures from its exact totals (see Returns, rounding as
// FigurePlaces says). The result does not depend on the order of
// campaigns. Errors name the campaign member ("/campaigns/3/spend"):
// missing or duplicate IDs, missing or negative amounts or counts, a
// currency other than the first campaign's (ErrCurrency), an empty by
// ("/by").
func Measure(campaigns []Campaign, by string) (ReturnReport, error) {
	if by == "" {
		return ReturnReport{}, inputErr("/by", "", ErrMissing)
	}
	if len(campaigns) == 0 {
		return ReturnReport{}, inputErr("/campaigns", "", ErrMissing)
	}
	if err := checkCampaigns(campaigns); err != nil {
		return ReturnReport{}, err
	}
	cur := campaigns[0].Spend.Currency()
	groups := map[string][]Campaign{}
	for _, c := range campaigns {
		k := groupKey(c, by)
		groups[k] = append(groups[k], c)
	}
	rep := ReturnReport{By: by}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		cs := groups[k]
		ids := make([]string, len(cs))
		for i, c := range cs {
			ids[i] = c.ID
		}
		slices.Sort(ids)
		ret, err := returnsOf(cs, cur)
		if err != nil {
			return ReturnReport{}, err
		}
		rep.Groups = append(rep.Groups, ReturnGroup{Key: k, Campaigns: ids, Returns: ret})
	}
	total, err := returnsOf(campaigns, cur)
	if err != nil {
		return ReturnReport{}, err
	}
	rep.Total = total
	return rep, nil
}

func groupKey(c Campaign, by string) string {
	switch by {
	case ByPartner:
		return c.Partner
	case ByActivityType:
		return c.ActivityType
	case ByCampaign:
		return c.ID
	}
	return c.Dimensions[by]
}

func checkCampaigns(cs []Campaign) error {
	var l errList
	cur := cs[0].Spend.Currency()
	ids := make(map[string]bool, len(cs))
	for i, c := range cs {
		p := field.At("campaigns", i)
		switch {
		case c.ID == "":
			l.add(p+"/id", "", ErrMissing)
		case ids[c.ID]:
			l.add(p+"/id", c.ID, ErrDuplicate)
		}
		ids[c.ID] = true
		for _, m := range []struct {
			name string
			a    money.Amount
		}{{"allocated", c.Allocated}, {"spend", c.Spend}, {"pipeline", c.Pipeline}, {"revenue", c.Revenue}} {
			if err := checkAmount(m.a, cur, false); err != nil {
				l.add(p+"/"+m.name, amountText(m.a), err)
			}
		}
		if c.Leads < 0 {
			l.add(p+"/leads", itoa(int(c.Leads)), ErrNegative)
		}
		if c.Opportunities < 0 {
			l.add(p+"/opportunities", itoa(int(c.Opportunities)), ErrNegative)
		}
	}
	return l.err()
}

// returnsOf totals checked campaigns and computes the figures. The
// amounts are summed in int64 minor units when every one of them and every
// partial sum fits (the common case, without a decimal allocation per
// addition), else in decimals; both give the same totals.
func returnsOf(cs []Campaign, cur money.Currency) (Returns, error) {
	r, ok := totalsMinor(cs, cur)
	if !ok {
		r = totalsDecimal(cs, cur)
	}
	for _, c := range cs {
		r.Leads += c.Leads
		r.Opportunities += c.Opportunities
		if r.Leads < 0 || r.Opportunities < 0 {
			return Returns{}, inputErr("/campaigns", "", wrap(ErrRange, "counts overflow"))
		}
	}
	return withFigures(r, cur)
}

// totalsDecimal sums the campaigns' amounts in decimals.
func totalsDecimal(cs []Campaign, cur money.Currency) Returns {
	z := money.Zero(cur)
	r := Returns{Allocated: z, Spend: z, Pipeline: z, Revenue: z}
	for _, c := range cs {
		r.Allocated = plus(r.Allocated, c.Allocated)
		r.Spend = plus(r.Spend, c.Spend)
		r.Pipeline = plus(r.Pipeline, c.Pipeline)
		r.Revenue = plus(r.Revenue, c.Revenue)
	}
	return r
}

// totalsMinor sums the campaigns' amounts in int64 minor units; false
// when an amount or a sum does not fit.
func totalsMinor(cs []Campaign, cur money.Currency) (Returns, bool) {
	digits := cur.Digits()
	var sums [4]int64
	for _, c := range cs {
		for i, a := range [4]money.Amount{c.Allocated, c.Spend, c.Pipeline, c.Revenue} {
			u, ok := minorUnits(a.Decimal(), digits)
			if !ok || u > math.MaxInt64-sums[i] {
				return Returns{}, false
			}
			sums[i] += u
		}
	}
	return Returns{Allocated: money.FromMinor(sums[0], cur), Spend: money.FromMinor(sums[1], cur),
		Pipeline: money.FromMinor(sums[2], cur), Revenue: money.FromMinor(sums[3], cur)}, true
}

// minorUnits returns d, a checked non-negative amount of whole minor
// units, as a count of minor units; false when it does not fit an int64.
func minorUnits(d decimal.Decimal, digits int32) (int64, bool) {
	if d.NumDigits() > 18 {
		return 0, false
	}
	u, shift := d.CoefficientInt64(), d.Exponent()+digits
	switch {
	case u < 0 || shift < -18 || shift > 18:
		return 0, false
	case shift < 0:
		p := pow10(-shift)
		if u%p != 0 {
			return 0, false
		}
		return u / p, true
	default:
		p := pow10(shift)
		if u > math.MaxInt64/p {
			return 0, false
		}
		return u * p, true
	}
}

func pow10(n int32) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// withFigures computes the figures of totals r.
func withFigures(r Returns, cur money.Currency) (Returns, error) {
	spend := r.Spend.Decimal()
	places := cur.Digits()
	var errs []error
	ratio := func(num, den decimal.Decimal, p int32, none FigureStatus) Figure {
		if den.Sign() == 0 {
			return Figure{Value: decimal.Decimal{}, Status: none}
		}
		v, err := money.Div(num, den, p, FigureRounding)
		errs = append(errs, err)
		return Figure{Value: v, Status: Defined}
	}
	r.ROI = ratio(r.Revenue.Decimal().Sub(spend), spend, FigurePlaces, NoSpend)
	r.RevenuePerSpend = ratio(r.Revenue.Decimal(), spend, FigurePlaces, NoSpend)
	r.PipelinePerSpend = ratio(r.Pipeline.Decimal(), spend, FigurePlaces, NoSpend)
	r.CostPerLead = ratio(spend, decimal.NewFromInt(r.Leads), places, NoLeads)
	r.CostPerOpportunity = ratio(spend, decimal.NewFromInt(r.Opportunities), places, NoOpportunities)
	r.Utilisation = ratio(spend, r.Allocated.Decimal(), FigurePlaces, NoAllocation)
	for _, err := range errs {
		if err != nil {
			return Returns{}, inputErr("/campaigns", "", wrap(ErrRange, "%v", err))
		}
	}
	return r, nil
}
