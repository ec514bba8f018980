package capacity_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// Doing the math: $100M of subscriptions at a 1:1 service ratio, $200/hr,
// 1000 billable hours, 5 consultants per partner and 20 % of recruits
// becoming productive. By hand: $100M × 1 = $100M of services; $200 × 1000
// = $200,000 per consultant; $100M / $200,000 = 500 consultants; 500 / 5
// = 100 active partners; 100 / 20 % = 500 recruits.
func ExampleRequired() {
	m, err := capacity.New(capacity.ModelSpec{
		ServiceRatio:          money.MustDecimal("1"),
		HourlyRate:            money.MustParse("200 USD"),
		BillableHours:         money.MustDecimal("1000"),
		ConsultantsPerPartner: money.MustDecimal("5"),
		Funnel:                capacity.Share(money.MustRate("20%")),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := capacity.Required(m, money.MustParse("100000000 USD"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("services revenue:", r.ServicesRevenue)
	fmt.Println("revenue per consultant:", r.RevenuePerConsultant)
	fmt.Println("consultants:", r.Consultants)
	fmt.Println("active partners:", r.ActivePartners)
	fmt.Println("productive share:", r.ProductiveShare)
	fmt.Println("recruits:", r.Recruits)
	// Output:
	// services revenue: 100000000.00 USD
	// revenue per consultant: 200000.00 USD
	// consultants: 500
	// active partners: 100
	// productive share: 20%
	// recruits: 500
}

// The "trained, active and engaged" qualifiers as funnel stages:
// 50 % × 80 % × 50 % = 20 %, again 500 recruits.
func ExampleRequired_stages() {
	m, err := capacity.New(capacity.ModelSpec{
		ServiceRatio:          money.MustDecimal("1"),
		HourlyRate:            money.MustParse("200 USD"),
		BillableHours:         money.MustDecimal("1000"),
		ConsultantsPerPartner: money.MustDecimal("5"),
		Funnel: capacity.Stages(
			capacity.FunnelStage{Name: "trained", Rate: money.MustRate("50%")},
			capacity.FunnelStage{Name: "active", Rate: money.MustRate("80%")},
			capacity.FunnelStage{Name: "engaged", Rate: money.MustRate("50%")},
		),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := capacity.Required(m, money.MustParse("100000000 USD"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range r.Stages {
		fmt.Printf("%-9s %4s of recruits: %s\n", s.Name, s.Cumulative, s.Expected)
	}
	// Output:
	// recruited 100% of recruits: 500
	// trained    50% of recruits: 250
	// active     40% of recruits: 200
	// engaged    20% of recruits: 100
}

func ExampleShare() {
	f := capacity.Share(money.MustRate("20%"))
	fmt.Println(f.Stages[0].Name, f.Share())
	// Output: productive 20%
}

func ExampleStages() {
	f := capacity.Stages(
		capacity.FunnelStage{Name: "trained", Rate: money.MustRate("70%")},
		capacity.FunnelStage{Name: "engaged", Rate: money.MustRate("70%")},
	)
	fmt.Println(f.Share(), f.Validate())
	// Output: 49% <nil>
}

func ExampleFunnel_Validate() {
	f := capacity.Stages(capacity.FunnelStage{Name: "trained", Rate: money.MustRate("120%")})
	fmt.Println(f.Validate())
	// Output: capacity: /stages/0/rate = "1.2": share outside (0, 1]
}

// New reports every invalid field at once, each with the JSON Pointer of
// the field in the model's JSON form.
func ExampleNew_error() {
	_, err := capacity.New(capacity.ModelSpec{
		ServiceRatio:          money.MustDecimal("1"),
		HourlyRate:            money.MustParse("0 USD"),
		BillableHours:         money.MustDecimal("1000"),
		ConsultantsPerPartner: money.MustDecimal("5"),
		Funnel: capacity.Stages(
			capacity.FunnelStage{Name: "trained", Rate: money.MustRate("50%")},
			capacity.FunnelStage{Name: "engaged", Rate: money.MustRate("150%")},
		),
	})
	var ie *capacity.InputError
	if errors.As(err, &ie) {
		fmt.Println(ie.FieldPath(), errors.Is(err, capacity.ErrNonPositive))
	}
	fmt.Println(err)
	// Output:
	// /hourly_rate true
	// capacity: /hourly_rate = "0.00 USD": must be positive
	// capacity: /funnel/stages/1/rate = "1.5": share outside (0, 1]
}

// A model is read from its JSON form once and evaluated many times. The
// funnel is 50 % trained × 80 % active × 50 % engaged = 20 %; the figures
// are those of the one-share model: $100M needs 500 consultants, 100
// active partners and 100 / 20 % = 500 recruits.
func ExampleParseModel() {
	m, err := capacity.ParseModel([]byte(`{
		"service_ratio": "1",
		"hourly_rate": "200.00 USD",
		"billable_hours": "1000",
		"consultants_per_partner": "5",
		"funnel": {"stages": [
			{"name": "trained", "rate": "50%"},
			{"name": "active", "rate": "80%"},
			{"name": "engaged", "rate": "50%"}
		]}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := capacity.Required(m, money.MustParse("100000000 USD"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Funnel().Share(), r.Consultants, r.ActivePartners, r.Recruits)
	// Output: 20% 500 100 500
}

// Decoding errors carry the JSON Pointer of the offending member.
func ExampleParseModel_error() {
	_, err := capacity.ParseModel([]byte(`{"service_ratio": 1, "hourly_rate": "200 USD",
		"billable_hours": "1000", "consultants_per_partner": "5"}`))
	var fp interface{ FieldPath() string }
	fmt.Println(errors.As(err, &fp), fp.FieldPath(), errors.Is(err, capacity.ErrInvalid))
	// Output: true /service_ratio true
}

// MarshalJSON writes the spec back: snake_case members, decimals,
// amounts and rates (as fractions: 20 % is "0.2") as strings.
func ExampleModel_MarshalJSON() {
	m := capacity.MustParseModel(`{"service_ratio":"1","hourly_rate":"200.00 USD","billable_hours":"1000",
		"consultants_per_partner":"5","funnel":{"stages":[{"name":"productive","rate":"20%"}]}}`)
	b, err := m.MarshalJSON()
	fmt.Println(string(b), err)
	back, _ := capacity.ParseModel(b)
	fmt.Println(back.Equal(m))
	// Output:
	// {"service_ratio":"1","hourly_rate":"200.00 USD","billable_hours":"1000","consultants_per_partner":"5","funnel":{"stages":[{"name":"productive","rate":"20%"}]}} <nil>
	// true
}

// A model without a funnel answers SupportedByPartners, which never reads
// one: 40 partners × 5 = 200 consultants × $200,000 = $40M of services,
// / 1 = $40M. Required needs the funnel to count recruits.
func ExampleSupportedByPartners_noFunnel() {
	m := capacity.MustParseModel(`{"service_ratio":"1","hourly_rate":"200.00 USD",
		"billable_hours":"1000","consultants_per_partner":"5"}`)
	s, err := capacity.SupportedByPartners(m, 40)
	fmt.Println(s.Consultants, s.Revenue, err)
	_, err = capacity.Required(m, money.MustParse("1000000 USD"))
	fmt.Println(err)
	// Output:
	// 200 40000000.00 USD <nil>
	// capacity: /funnel: empty
}

// The inverse: what do 100 active partners support? 100 × 5 = 500
// consultants × $200,000 = $100M of services, / 1 = $100M.
func ExampleSupportedByPartners() {
	m, err := capacity.New(capacity.ModelSpec{
		ServiceRatio:          money.MustDecimal("1"),
		HourlyRate:            money.MustParse("200 USD"),
		BillableHours:         money.MustDecimal("1000"),
		ConsultantsPerPartner: money.MustDecimal("5"),
		Funnel:                capacity.Share(money.MustRate("20%")),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := capacity.SupportedByPartners(m, 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Consultants, "consultants support", s.Revenue)
	// Output: 500 consultants support 100000000.00 USD
}

// 480 recruits at 20 % give 96 active partners, 480 consultants.
func ExampleSupportedByRecruits() {
	m, err := capacity.New(capacity.ModelSpec{
		ServiceRatio:          money.MustDecimal("1"),
		HourlyRate:            money.MustParse("200 USD"),
		BillableHours:         money.MustDecimal("1000"),
		ConsultantsPerPartner: money.MustDecimal("5"),
		Funnel:                capacity.Share(money.MustRate("20%")),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := capacity.SupportedByRecruits(m, 480)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.ActivePartners, s.Consultants, s.Revenue)
	// Output: 96 480 96000000.00 USD
}

func ExampleNewRamp() {
	r, err := capacity.NewRamp(money.MustRate("0%"), money.MustRate("25%"), money.MustRate("75%"), money.MustRate("100%"))
	if err != nil {
		fmt.Println(err)
		return
	}
	var steps []string
	for tenure := range 5 {
		steps = append(steps, r.Productivity(tenure).String())
	}
	fmt.Println(strings.Join(steps, " "))
	_, err = capacity.NewRamp(money.MustRate("50%"), money.MustRate("0%"))
	fmt.Println(err)
	// Output:
	// 0% 25% 75% 100% 100%
	// capacity: /1 = "0": share outside (0, 1]
}

func ExampleMustRamp() {
	r := capacity.MustRamp(money.MustRate("50%"), money.MustRate("100%"))
	fmt.Println(r.Productivity(0), r.Productivity(7))
	// Output: 50% 100%
}

func ExampleImmediate() {
	fmt.Println(capacity.Immediate().Productivity(0))
	// Output: 100%
}

// A partner on the 0/25/75/100 % ramp delivers 2 full quarters in its
// first year and 6 in its first two.
func ExampleRamp_Cumulative() {
	r := capacity.MustRamp(money.MustRate("0%"), money.MustRate("25%"), money.MustRate("75%"), money.MustRate("100%"))
	fmt.Println(r.Cumulative(4), r.Cumulative(8))
	// Output: 2 6
}

func ExampleEffectiveCapacity() {
	r := capacity.MustRamp(money.MustRate("0%"), money.MustRate("25%"), money.MustRate("75%"), money.MustRate("100%"))
	cohorts := []capacity.Cohort{{Start: 0, Count: 10}, {Start: 2, Count: 20}}
	periods, err := capacity.EffectiveCapacity(r, cohorts, 0, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range periods {
		fmt.Printf("Q%d started %2d effective %s\n", p.Period, p.Started, p.Effective)
	}
	// Output:
	// Q0 started 10 effective 0
	// Q1 started 10 effective 2.5
	// Q2 started 30 effective 7.5
	// Q3 started 30 effective 15
	// Q4 started 30 effective 25
	// Q5 started 30 effective 30
}

// 50 productive partners are needed in quarter 8; 30 are already
// ramped; 20 % of recruits become productive.
func ExamplePlanRecruiting() {
	r := capacity.MustRamp(money.MustRate("0%"), money.MustRate("25%"), money.MustRate("75%"), money.MustRate("100%"))
	plan, err := capacity.PlanRecruiting(r, capacity.RecruitGoal{
		Target:          money.MustDecimal("50"),
		At:              8,
		Earliest:        4,
		ProductiveShare: money.MustRate("20%"),
		Existing:        []capacity.Cohort{{Start: 0, Count: 10}, {Start: 2, Count: 20}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("gap:", plan.Gap)
	for _, o := range plan.Options {
		fmt.Printf("start Q%d (at %4s by Q8): recruit %d\n", o.Start, o.Productivity, o.Recruits)
	}
	// Output:
	// gap: 20
	// start Q4 (at 100% by Q8): recruit 100
	// start Q5 (at 100% by Q8): recruit 100
	// start Q6 (at  75% by Q8): recruit 134
	// start Q7 (at  25% by Q8): recruit 400
}

func ExampleQuarterIndex() {
	q1 := capacity.QuarterIndex(time.Date(2025, time.February, 3, 0, 0, 0, 0, time.UTC))
	q3 := capacity.QuarterIndex(time.Date(2025, time.August, 20, 0, 0, 0, 0, time.UTC))
	fmt.Println(q3 - q1)
	// Output: 2
}

func ExampleMonthIndex() {
	a := capacity.MonthIndex(time.Date(2024, time.November, 1, 0, 0, 0, 0, time.UTC))
	b := capacity.MonthIndex(time.Date(2025, time.February, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(b - a)
	// Output: 3
}

// The question: "what is my coverage of partners with banking
// expertise and managed-services capability in London, New York and
// Zurich?" Capacity and demand are in consultants.
func ExampleCover() {
	p := func(id, geo, consultants string, caps ...string) capacity.Footprint {
		return capacity.Footprint{ID: id, Attributes: map[string]string{"geography": geo}, Capabilities: caps, Capacity: money.MustDecimal(consultants)}
	}
	partners := []capacity.Footprint{
		p("p1", "London", "12", "banking-expertise", "managed-services"),
		p("p2", "London", "20", "banking-expertise"),
		p("p3", "London", "8", "banking-expertise", "managed-services", "security"),
		p("p4", "New York", "30", "managed-services", "banking-expertise"),
		p("p5", "New York", "15", "managed-services"),
		p("p6", "New York", "25", "banking-expertise", "managed-services"),
		p("p7", "New York", "20", "banking-expertise", "managed-services"),
		p("p8", "Zurich", "10", "banking-expertise", "managed-services"),
		p("p9", "Paris", "10", "banking-expertise", "managed-services"),
	}
	dem := func(geo, consultants string) capacity.Demand {
		return capacity.Demand{Segment: map[string]string{"geography": geo}, Required: money.MustDecimal(consultants)}
	}
	demand := []capacity.Demand{dem("London", "40"), dem("New York", "40"), dem("Zurich", "12"), dem("Paris", "10")}
	cov, err := capacity.Cover(partners, demand, capacity.Query{
		SegmentBy:    []string{"geography"},
		Filter:       map[string][]string{"geography": {"London", "New York", "Zurich"}},
		Capabilities: []string{"banking-expertise", "managed-services"},
		Thresholds: capacity.Thresholds{
			MinCoverage:        money.MustDecimal("0.8"),
			MaxCoverage:        money.MustDecimal("1.5"),
			MaxPartnersPerUnit: money.MustDecimal("0.1"),
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range append(cov.Segments, cov.Total) {
		r, _ := s.Ratio.Round(3, money.HalfEven) // once, from the exact capacity / demand
		fmt.Printf("%-18s %-17s capacity %3s / demand %3s = %s %s\n",
			s.Key, strings.Join(s.PartnerIDs, ","), s.Capacity, s.Demand, money.FormatDecimal(r, 3), s.Status)
	}
	// Output:
	// geography=London   p1,p3             capacity  20 / demand  40 = 0.500 under
	// geography=New York p4,p6,p7          capacity  75 / demand  40 = 1.875 over
	// geography=Zurich   p8                capacity  10 / demand  12 = 0.833 balanced
	// all                p1,p3,p4,p6,p7,p8 capacity 105 / demand  92 = 1.141 balanced
}

func exampleRevenues() []capacity.PartnerRevenue {
	r := func(id, a string) capacity.PartnerRevenue {
		return capacity.PartnerRevenue{ID: id, Revenue: money.MustParse(a)}
	}
	return []capacity.PartnerRevenue{
		r("d", "10 USD"), r("a", "50 USD"), r("e", "5 USD"), r("c", "15 USD"), r("b", "20 USD"),
	}
}

func ExampleNewConcentration() {
	c, err := capacity.NewConcentration(exampleRevenues())
	if err != nil {
		fmt.Println(err)
		return
	}
	var ranked []string
	for _, p := range c.Ranked() {
		ranked = append(ranked, p.ID+"="+p.Revenue.String())
	}
	fmt.Println(strings.Join(ranked, " "))
	fmt.Println(c.N(), c.Total())
	_, err = capacity.NewConcentration([]capacity.PartnerRevenue{
		{ID: "a", Revenue: money.MustParse("1 USD")},
		{ID: "b", Revenue: money.MustParse("1 EUR")},
	})
	fmt.Println(errors.Is(err, money.ErrCurrencyMismatch))
	// Output:
	// a=50.00 USD b=20.00 USD c=15.00 USD d=10.00 USD e=5.00 USD
	// 5 100.00 USD
	// true
}

// pct rounds a share once to places decimal places of a percent:
// rounding the fraction at places+2 and shifting is the same single
// rounding.
func pct(r capacity.Ratio, places int32) string {
	x, err := r.Round(places+2, money.HalfEven)
	if err != nil {
		return err.Error()
	}
	return money.FormatDecimal(x.Shift(2), places) + "%"
}

// CR_k of 50, 20, 15, 10, 5: 50/100, 70/100, 85/100.
func ExampleConcentration_TopK() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	for k := 1; k <= 3; k++ {
		s, _ := c.TopK(k)
		fmt.Printf("top %d: %s of %s = %s\n", k, s.Num(), s.Den(), pct(s, 0))
	}
	// Output:
	// top 1: 50 of 100 = 50%
	// top 2: 70 of 100 = 70%
	// top 3: 85 of 100 = 85%
}

// The top 20 % of five partners is ⌈0.2 × 5⌉ = 1 partner.
func ExampleConcentration_TopShare() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	t, _ := c.TopShare(money.MustRate("20%"))
	fmt.Println(t.Partners, pct(t.PartnerShare, 0), pct(t.RevenueShare, 0))
	// Output: 1 20% 50%
}

// The observed "80/20": 60 % of partners produce at least 80 % of revenue.
func ExampleConcentration_PartnersForShare() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	t, _ := c.PartnersForShare(money.MustRate("80%"))
	fmt.Println(t.Partners, pct(t.PartnerShare, 0), pct(t.RevenueShare, 0))
	// Output: 3 60% 85%
}

// Ascending 5, 10, 15, 20, 50: cumulative 5, 15, 30, 50, 100 of 100.
func ExampleConcentration_Lorenz() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	for _, p := range c.Lorenz() {
		x, _ := p.Partners.Round(1, money.HalfEven)
		y, _ := p.Revenue.Round(2, money.HalfEven)
		fmt.Printf("(%s, %s) ", money.FormatDecimal(x, 1), money.FormatDecimal(y, 2))
	}
	fmt.Println()
	// Output: (0.0, 0.00) (0.2, 0.05) (0.4, 0.15) (0.6, 0.30) (0.8, 0.50) (1.0, 1.00)
}

// Σ i·x over ascending revenues 5, 10, 15, 20, 50 is 400:
// G = 2·400 / (5·100) − 6/5 = 0.4. String gives the 12-place default.
func ExampleConcentration_Gini() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	g, _ := c.Gini().Round(3, money.HalfEven)
	fmt.Println(money.FormatDecimal(g, 3), c.Gini())
	// Output: 0.400 0.400000000000
}

// HHI = 0.5² + 0.2² + 0.15² + 0.1² + 0.05² = 0.325.
func ExampleConcentration_HHI() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	h, _ := c.HHI().Round(4, money.HalfEven)
	fmt.Println(money.FormatDecimal(h, 4))
	// Output: 0.3250
}

// On the antitrust points scale the same shares in percent give
// 50² + 20² + 15² + 10² + 5² = 2500 + 400 + 225 + 100 + 25 = 3250 points.
func ExampleConcentration_HHIPoints() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	p, _ := c.HHIPoints().Round(0, money.HalfEven)
	fmt.Println(p, "points")
	// Output: 3250 points
}

// 25, 25, 50: HHI = 0.0625 + 0.0625 + 0.25 = 0.375 = 3/8, so 1/HHI = 8/3
// = 2.666…: 2.67 at 2 places, 2.666666666667 at the default 12.
func ExampleConcentration_EquivalentPartners() {
	c, _ := capacity.NewConcentration([]capacity.PartnerRevenue{
		{ID: "a", Revenue: money.MustParse("25 USD")},
		{ID: "b", Revenue: money.MustParse("25 USD")},
		{ID: "c", Revenue: money.MustParse("50 USD")},
	})
	e, _ := c.EquivalentPartners().Round(2, money.HalfEven)
	fmt.Println(money.FormatDecimal(e, 2), c.EquivalentPartners())
	// Output: 2.67 2.666666666667
}

// Why ratios are exact: a head earning 1,234,500,000,004 of
// 10,000,000,000,000 has the share 0.1234500000004. Rounded once,
// half-even, to 4 places that is 0.1235; rounding the 12-place figure
// 0.123450000000 again gives the tie 0.12345, which half-even sends to
// 0.1234 — one ten-thousandth off.
func ExampleRatio_Round() {
	r, _ := capacity.NewRatio(money.MustDecimal("1234500000004"), money.MustDecimal("10000000000000"))
	once, _ := r.Round(4, money.HalfEven)
	twice, _ := money.Round(r.Decimal(), 4, money.HalfEven)
	fmt.Println("once: ", money.FormatDecimal(once, 4))
	fmt.Println("twice:", money.FormatDecimal(twice, 4))
	up, _ := r.Round(2, money.Ceiling)
	fmt.Println("ceiling, 2 places:", money.FormatDecimal(up, 2))
	// Output:
	// once:  0.1235
	// twice: 0.1234
	// ceiling, 2 places: 0.13
}

// A threshold as an exact ratio: is a coverage of 10 consultants for a
// demand of 12 at least 5/6?
func ExampleNewRatio() {
	cov, _ := capacity.NewRatio(money.MustDecimal("10"), money.MustDecimal("12"))
	threshold, _ := capacity.NewRatio(money.MustDecimal("5"), money.MustDecimal("6"))
	fmt.Println(cov.Cmp(threshold) >= 0, cov.Equal(threshold))
	_, err := capacity.NewRatio(money.MustDecimal("1"), money.MustDecimal("0"))
	fmt.Println(err)
	// Output:
	// true true
	// capacity: /den = "0": must be positive
}

// 2/3 against 0.666666666667 (its 12-place figure): the exact values
// differ.
func ExampleRatio_Cmp() {
	third2, _ := capacity.NewRatio(money.MustDecimal("2"), money.MustDecimal("3"))
	fig, _ := capacity.NewRatio(money.MustDecimal("0.666666666667"), money.MustDecimal("1"))
	fmt.Println(third2.Cmp(fig), fig.Cmp(third2), third2.Cmp(third2))
	// Output: -1 1 0
}

// Equal compares values, not representations: 20/40 equals 1/2.
func ExampleRatio_Equal() {
	a, _ := capacity.NewRatio(money.MustDecimal("20"), money.MustDecimal("40"))
	b, _ := capacity.NewRatio(money.MustDecimal("1"), money.MustDecimal("2"))
	fmt.Println(a.Equal(b), a.Num(), a.Den())
	// Output: true 20 40
}

// The default figure: 12 places, half-even. 1/6 = 0.1666…:
// 0.166666666667.
func ExampleRatio_Decimal() {
	r, _ := capacity.NewRatio(money.MustDecimal("1"), money.MustDecimal("6"))
	fmt.Println(money.FormatDecimal(r.Decimal(), capacity.SharePlaces))
	fmt.Println(r) // String: the same text
	fmt.Println(capacity.Ratio{}, capacity.Ratio{}.Den())
	// Output:
	// 0.166666666667
	// 0.166666666667
	// 0.000000000000 1
}

func ExampleConcentration_Next() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	band, _ := c.Next(money.MustRate("20%"), money.MustRate("40%"))
	for _, p := range band {
		fmt.Print(p.ID, " ")
	}
	fmt.Println()
	// Output: b c
}

// Develop "the next 20 %" or recruit ten new partners, over two years?
func ExampleRecruitOrDevelop() {
	r := func(id, a string) capacity.PartnerRevenue {
		return capacity.PartnerRevenue{ID: id, Revenue: money.MustParse(a)}
	}
	c, err := capacity.NewConcentration([]capacity.PartnerRevenue{
		r("a", "400000 USD"), r("b", "200000 USD"), r("c", "100000 USD"), r("d", "80000 USD"), r("e", "60000 USD"),
		r("f", "50000 USD"), r("g", "40000 USD"), r("h", "30000 USD"), r("i", "25000 USD"), r("j", "15000 USD"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	cmp, err := capacity.RecruitOrDevelop(c,
		capacity.Develop{Top: money.MustRate("20%"), Next: money.MustRate("20%"), Uplift: money.MustRate("25%"),
			CostPerPartner: money.MustParse("10000 USD")},
		capacity.Recruit{Count: 10, RecruitingCost: money.MustParse("5000 USD"), OnboardingCost: money.MustParse("3000 USD"),
			ActivationCost: money.MustParse("10000 USD"), ProductiveShare: money.MustRate("20%"),
			RevenuePerPartner: money.MustParse("60000 USD"),
			Ramp:              capacity.MustRamp(money.MustRate("50%"), money.MustRate("100%"))},
		2)
	if err != nil {
		fmt.Println(err)
		return
	}
	ret := func(r capacity.Ratio) string {
		x, _ := r.Round(2, money.HalfEven)
		return money.FormatDecimal(x, 2)
	}
	fmt.Println("develop:", cmp.Develop.Partners, "partners, cost", cmp.Develop.Cost, "revenue", cmp.Develop.Revenue, "return", ret(cmp.Develop.ReturnPerUnit))
	fmt.Println("recruit:", cmp.Recruit.Partners, "recruits, cost", cmp.Recruit.Cost, "revenue", cmp.Recruit.Revenue, "return", ret(cmp.Recruit.ReturnPerUnit))
	fmt.Println("better:", cmp.Better)
	// Output:
	// develop: 2 partners, cost 20000.00 USD revenue 90000.00 USD return 4.50
	// recruit: 10 recruits, cost 100000.00 USD revenue 180000.00 USD return 1.80
	// better: develop
}

func ExampleInputError() {
	m := capacity.MustParseModel(`{"service_ratio":"1","hourly_rate":"200 USD","billable_hours":"1000",
		"consultants_per_partner":"5","funnel":{"stages":[{"name":"productive","rate":"20%"}]}}`)
	_, err := capacity.Required(m, money.MustParse("100 EUR"))
	var ie *capacity.InputError
	fmt.Println(errors.As(err, &ie), ie.Path, ie.Value, errors.Is(err, money.ErrCurrencyMismatch))
	// Output: true /target 100.00 EUR true
}

func ExampleStatus_MarshalText() {
	b, _ := capacity.NoDemand.MarshalText()
	var s capacity.Status
	_ = s.UnmarshalText([]byte("over"))
	fmt.Println(string(b), s == capacity.Over)
	// Output: no-demand true
}

func ExampleChoice_String() {
	fmt.Println(capacity.ChooseDevelop, capacity.ChooseRecruit, capacity.ChooseEither)
	// Output: develop recruit either
}

func ExampleRamp_Productivity() {
	r := capacity.MustRamp(money.MustRate("0%"), money.MustRate("25%"), money.MustRate("75%"), money.MustRate("100%"))
	fmt.Println(r.Productivity(-1), r.Productivity(1), r.Productivity(12))
	// Output: 0% 25% 100%
}

func ExampleFunnel_Share() {
	f := capacity.Stages(
		capacity.FunnelStage{Name: "trained", Rate: money.MustRate("50%")},
		capacity.FunnelStage{Name: "active", Rate: money.MustRate("80%")},
		capacity.FunnelStage{Name: "engaged", Rate: money.MustRate("50%")},
	)
	fmt.Println(f.Share())
	// Output: 20%
}

func ExampleRamp_Validate() {
	fmt.Println(capacity.Ramp{}.Validate())
	r := capacity.MustRamp(money.MustRate("25%"), money.MustRate("100%"))
	fmt.Println(r.Validate(), len(r.Steps()))
	// Output:
	// capacity: empty
	// <nil> 2
}

func ExampleStages_list() {
	f := capacity.Stages(
		capacity.FunnelStage{Name: "trained", Rate: money.MustRate("50%")},
		capacity.FunnelStage{Name: "engaged", Rate: money.MustRate("40%")},
	)
	for _, s := range f.Stages {
		fmt.Println(s.Name, s.Rate)
	}
	// Output:
	// trained 50%
	// engaged 40%
}

func ExampleConcentration_Total() {
	c, _ := capacity.NewConcentration(exampleRevenues())
	fmt.Println(c.N(), c.Currency(), c.Total(), c.Ranked()[0].ID)
	// Output: 5 USD 100.00 USD a
}

func ExampleStatus_String() {
	fmt.Println(capacity.Under, capacity.Balanced, capacity.Over, capacity.NoDemand, capacity.StatusUnspecified)
	// Output: under balanced over no-demand unspecified
}

func ExampleChoice_MarshalText() {
	b, _ := capacity.ChooseRecruit.MarshalText()
	var c capacity.Choice
	err := c.UnmarshalText([]byte("develop"))
	fmt.Println(string(b), c, err, c.IsValid(), capacity.ChoiceUnspecified.IsValid())
	// Output: recruit develop <nil> true false
}

// Result types have Equal methods comparing decimals numerically, so
// go-cmp and tests compare them directly.
func ExampleSizing_Equal() {
	m, err := capacity.New(capacity.ModelSpec{
		ServiceRatio:          money.MustDecimal("1"),
		HourlyRate:            money.MustParse("200 USD"),
		BillableHours:         money.MustDecimal("1000"),
		ConsultantsPerPartner: money.MustDecimal("5"),
		Funnel:                capacity.Share(money.MustRate("20%")),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := capacity.Required(m, money.MustParse("100000000 USD"))
	b, _ := capacity.Required(m, money.MustParse("100000000.00 USD"))
	fmt.Println(a.Equal(b))
	// Output: true
}

func ExampleRatio_MarshalJSON() {
	r, _ := capacity.NewRatio(money.MustDecimal("7300000.00"), money.MustDecimal("9750000.00"))
	b, _ := r.MarshalJSON()
	fmt.Println(string(b))
	// Output: {"num":"7300000.00","den":"9750000.00","value":"0.748717948718"}
}

// New validates a spec built in Go. By hand: 0.5 × $10M = $5M of
// services; $150 × 1200 = $180,000 per consultant; 5M / 180k = 27.7… →
// 28 consultants; 28 / 4 = 7 partners; 7 / (70 % × 70 % = 49 %) =
// 14.28… → 15 recruits.
func ExampleNew() {
	m, err := capacity.New(capacity.ModelSpec{
		ServiceRatio:          money.MustDecimal("0.5"),
		HourlyRate:            money.MustParse("150 USD"),
		BillableHours:         money.MustDecimal("1200"),
		ConsultantsPerPartner: money.MustDecimal("4"),
		Funnel: capacity.Stages(
			capacity.FunnelStage{Name: "trained", Rate: money.MustRate("70%")},
			capacity.FunnelStage{Name: "engaged", Rate: money.MustRate("70%")},
		),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := capacity.Required(m, money.MustParse("10000000 USD"))
	fmt.Println(r.Consultants, r.ActivePartners, r.ProductiveShare, r.Recruits, err)
	// Output: 28 7 49% 15 <nil>
}

// MustParseModel is for literals; the accessors read the validated
// figures back.
func ExampleMustParseModel() {
	m := capacity.MustParseModel(`{"service_ratio":"1","hourly_rate":"200 USD","billable_hours":"1000",
		"consultants_per_partner":"5","funnel":{"stages":[{"name":"productive","rate":"20%"}]}}`)
	fmt.Println(m.IsValid(), m.ServiceRatio(), m.HourlyRate(), m.BillableHours(), m.ConsultantsPerPartner(), m.Funnel().Share(), m.Currency())
	// Output: true 1 200.00 USD 1000 5 20% USD
}

// Spec returns the open form, to change and compile again.
func ExampleModel_Spec() {
	m := capacity.MustParseModel(`{"service_ratio":"1","hourly_rate":"200 USD","billable_hours":"1000",
		"consultants_per_partner":"5","funnel":{"stages":[{"name":"productive","rate":"20%"}]}}`)
	spec := m.Spec()
	spec.ConsultantsPerPartner = money.MustDecimal("10") // 500 consultants / 10 = 50 partners
	m2, err := capacity.New(spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := capacity.Required(m2, money.MustParse("100000000 USD"))
	fmt.Println(r.ActivePartners, r.Recruits, m.Equal(m2))
	// Output: 50 250 false
}

// Every error carries the JSON Pointer of its input, so a host maps it to
// a form field with one interface, whichever package reported it.
func ExampleInputError_FieldPath() {
	_, err := capacity.NewConcentration([]capacity.PartnerRevenue{
		{ID: "a", Revenue: money.MustParse("10 USD")},
		{ID: "a", Revenue: money.MustParse("5 USD")},
	})
	var fp interface{ FieldPath() string }
	if errors.As(err, &fp) {
		fmt.Println(fp.FieldPath())
	}
	fmt.Println(err)
	// Output:
	// /revenues/1/id
	// capacity: /revenues/1/id = "a": duplicate key
}

func ExampleParseStatus() {
	s, err := capacity.ParseStatus("no-demand")
	fmt.Println(s, err)
	_, err = capacity.ParseStatus("balance")
	fmt.Println(err)
	// Output:
	// no-demand <nil>
	// capacity: unknown status "balance" (valid: under, balanced, over, no-demand; did you mean "balanced"?)
}

func ExampleParseChoice() {
	c, err := capacity.ParseChoice("recruit")
	fmt.Println(c, err)
	// Output: recruit <nil>
}

// An EnumError lists the valid names and matches ErrInvalid.
func ExampleEnumError() {
	_, err := capacity.ParseChoice("Develop")
	var ee *capacity.EnumError
	if errors.As(err, &ee) {
		fmt.Println(ee.Type, ee.Input, ee.Valid, ee.Suggestion, errors.Is(err, capacity.ErrInvalid))
	}
	// Output: choice Develop [develop recruit either] develop true
}

// A ramp's JSON form is the array of its steps, as fractions.
func ExampleRamp_MarshalJSON() {
	r := capacity.MustRamp(money.MustRate("0%"), money.MustRate("25%"), money.MustRate("100%"))
	b, err := r.MarshalJSON()
	fmt.Println(string(b), err)
	var back capacity.Ramp
	fmt.Println(back.UnmarshalJSON(b), back.Equal(r))
	// Output:
	// ["0%","25%","100%"] <nil>
	// <nil> true
}
