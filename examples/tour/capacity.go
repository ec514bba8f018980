package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
)

// capacityChapter answers "do I have the right number of partners?": the
// revenue-to-partners funnel, segment coverage for a London / New York /
// Zurich question, and revenue concentration.
func capacityChapter(w io.Writer) error {
	if err := capacityFunnel(w); err != nil {
		return err
	}
	if err := capacityCoverage(w); err != nil {
		return err
	}
	return capacityConcentration(w)
}

func capacityFunnel(w io.Writer) error {
	spec := capacity.ModelSpec{
		ServiceRatio:          money.MustDecimal("1"),
		HourlyRate:            money.MustParse("200 USD"),
		BillableHours:         money.MustDecimal("1000"),
		ConsultantsPerPartner: money.MustDecimal("5"),
		Funnel:                capacity.Share(money.MustRate("20%")),
	}
	m, err := capacity.New(spec)
	if err != nil {
		return err
	}
	r, err := capacity.Required(m, money.MustParse("100000000 USD"))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   Doing the math (a SaaS vendor whose bottleneck is services):")
	rows := [][2]string{
		{"subscription revenue target", r.Target.String()},
		{"services revenue at 1:1", r.ServicesRevenue.String()},
		{"revenue per consultant ($200/hr × 1000 hr)", r.RevenuePerConsultant.String()},
		{"consultants required", fmt.Sprint(r.Consultants)},
		{"active partners (5 consultants each)", fmt.Sprint(r.ActivePartners)},
		{"recruits (20 % become productive)", fmt.Sprint(r.Recruits)},
	}
	for _, row := range rows {
		fmt.Fprintf(w, "     %-44s %18s\n", row[0], row[1])
	}

	spec.Funnel = capacity.Stages(
		capacity.FunnelStage{Name: "trained", Rate: money.MustRate("50%")},
		capacity.FunnelStage{Name: "active", Rate: money.MustRate("80%")},
		capacity.FunnelStage{Name: "engaged", Rate: money.MustRate("50%")},
	)
	if m, err = capacity.New(spec); err != nil {
		return err
	}
	r, err = capacity.Required(m, money.MustParse("100000000 USD"))
	if err != nil {
		return err
	}
	var stages []string
	for _, s := range r.Stages {
		stages = append(stages, fmt.Sprintf("%s %s", s.Expected, s.Name))
	}
	fmt.Fprintf(w, "   As stages (50 %% trained, 80 %% active, 50 %% engaged): %s\n", strings.Join(stages, " → "))

	s, err := capacity.SupportedByPartners(m, r.ActivePartners)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   Backwards: %d active partners support %s of subscriptions\n", s.ActivePartners, s.Revenue)
	return nil
}

func capacityCoverage(w io.Writer) error {
	p := func(id, geo, consultants string, caps ...string) capacity.Footprint {
		return capacity.Footprint{
			ID:           id,
			Attributes:   map[string]string{"geography": geo, "industry": "financial-services"},
			Capabilities: caps,
			Capacity:     money.MustDecimal(consultants),
		}
	}
	const bank, msp = "banking-expertise", "managed-services"
	partners := []capacity.Footprint{
		p("Albion Cloud", "London", "12", bank, msp),
		p("Thames Integrators", "London", "20", bank),
		p("Cheapside Ops", "London", "8", bank, msp, "security"),
		p("Hudson Managed", "New York", "30", msp, bank),
		p("Empire Hosting", "New York", "15", msp),
		p("Wall St Systems", "New York", "25", bank, msp),
		p("Battery Park IT", "New York", "20", bank, msp),
		p("Limmat Services", "Zurich", "10", bank, msp),
		p("Seine Numérique", "Paris", "10", bank, msp),
	}
	dem := func(geo, consultants string) capacity.Demand {
		return capacity.Demand{Segment: map[string]string{"geography": geo}, Required: money.MustDecimal(consultants)}
	}
	demand := []capacity.Demand{dem("London", "40"), dem("New York", "40"), dem("Zurich", "12"), dem("Paris", "10")}
	cov, err := capacity.Cover(partners, demand, capacity.Query{
		SegmentBy:    []string{"geography"},
		Filter:       map[string][]string{"geography": {"London", "New York", "Zurich"}},
		Capabilities: []string{bank, msp},
		Thresholds: capacity.Thresholds{
			MinCoverage:        money.MustDecimal("0.8"),
			MaxCoverage:        money.MustDecimal("1.5"),
			MaxPartnersPerUnit: money.MustDecimal("0.1"),
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "   Coverage of partners with banking expertise and managed services")
	fmt.Fprintln(w, "   (consultants; under below 0.8×, over above 1.5× or more than 1 partner per 10 consultants of demand):")
	fmt.Fprintf(w, "     %-20s %8s %10s %6s %9s  %s\n", "segment", "partners", "consultants", "demand", "coverage", "status")
	for _, s := range append(cov.Segments, cov.Total) {
		key := strings.TrimPrefix(s.Key, "geography=")
		ratio, err := s.Ratio.Round(2, money.HalfEven) // once, from the exact capacity / demand
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "     %-20s %8d %11s %6s %8s×  %s\n",
			key, len(s.PartnerIDs), s.Capacity, s.Demand, money.FormatDecimal(ratio, 2), s.Status)
	}
	return nil
}

func capacityConcentration(w io.Writer) error {
	r := func(id, a string) capacity.PartnerRevenue {
		return capacity.PartnerRevenue{ID: id, Revenue: money.MustParse(a)}
	}
	c, err := capacity.NewConcentration([]capacity.PartnerRevenue{
		r("Albion Cloud", "4200000 USD"), r("Hudson Managed", "3100000 USD"),
		r("Wall St Systems", "650000 USD"), r("Battery Park IT", "480000 USD"),
		r("Limmat Services", "390000 USD"), r("Cheapside Ops", "300000 USD"),
		r("Thames Integrators", "250000 USD"), r("Empire Hosting", "180000 USD"),
		r("Seine Numérique", "120000 USD"), r("Rhein Partners", "80000 USD"),
	})
	if err != nil {
		return err
	}
	top, err := c.TopShare(money.MustRate("20%"))
	if err != nil {
		return err
	}
	head, err := c.PartnersForShare(money.MustRate("80%"))
	if err != nil {
		return err
	}
	// Each figure is rounded once, half-even, from the exact ratio: a
	// percent at 1 place is the fraction at 3 places, shifted.
	pct := func(r capacity.Ratio) (string, error) {
		x, err := r.Round(3, money.HalfEven)
		return money.FormatDecimal(x.Shift(2), 1) + " %", err
	}
	fix := func(r capacity.Ratio, places int32) (string, error) {
		x, err := r.Round(places, money.HalfEven)
		return money.FormatDecimal(x, places), err
	}
	topShare, err := pct(top.RevenueShare)
	if err != nil {
		return err
	}
	headShare, err := pct(head.PartnerShare)
	if err != nil {
		return err
	}
	gini, err := fix(c.Gini(), 3)
	if err != nil {
		return err
	}
	hhi, err := fix(c.HHIPoints(), 0)
	if err != nil {
		return err
	}
	equiv, err := fix(c.EquivalentPartners(), 2)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   Concentration of %d partners' revenue (total %s):\n", c.N(), c.Total())
	fmt.Fprintf(w, "     %-46s %8s\n", fmt.Sprintf("top 20 %% (%d partners) earn", top.Partners), topShare)
	fmt.Fprintf(w, "     %-46s %8s\n", fmt.Sprintf("share of partners producing 80 %% (%d partners)", head.Partners), headShare)
	fmt.Fprintf(w, "     %-46s %8s\n", "Gini", gini)
	fmt.Fprintf(w, "     %-46s %8s\n", "HHI (points, 0–10,000)", hhi)
	fmt.Fprintf(w, "     %-46s %8s\n", "equivalent number of equal partners (1/HHI)", equiv)
	return nil
}
