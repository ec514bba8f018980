// Command partner-plan is for a channel consultant answering a channel
// director's "do I have the right number of partners?" (package capacity).
// It works the "doing the math" funnel from a subscription revenue
// target to consultants, active partners and recruits, runs it backwards
// (what the partners and recruits support), measures how concentrated the
// current partners' revenue is (top 20 % share, the head producing 80 %,
// Gini, HHI), and compares developing "the next 20 %" with recruiting.
//
//	go run ./examples/partner-plan
//	go run ./examples/partner-plan -target "250000000 EUR" -rate 180 -productive 25% -revenues q3.csv
//
// The defaults are the worked example: $100M at a 1:1 service ratio, $200/hr,
// 1000 billable hours a year, 5 consultants per partner and 20 % of recruits
// productive (500 consultants, 100 partners, 500 recruits), and an embedded
// CSV of 20 partners' quarterly revenue (columns partner,revenue,currency).
// Rates are written as fractions or with their unit: 0.2, 20%, 2000bp.
//
// With -scenario FILE (or -scenario sample, the embedded two-scenario
// file) it works a JSON scenario file instead (package scenario: funnel,
// ramp, coverage per segment, concentration, a payout schedule and its
// cliffs) and prints the scenarios side by side; -csv DIR also writes
// every table as DIR/NAME.csv. The charts of a scenario file (Lorenz curve
// with its 80/20 point, ramp, coverage per segment, payout curve with its
// cliffs, as SVG and PNG) are drawn by examples/ext/partner-charts, which
// needs a plotting library this module does not depend on.
//
//	go run ./examples/partner-plan -scenario sample -csv /tmp/tables
package main

import (
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/examples/partner-plan/scenario"
	"github.com/partnerecon/partnerecon/money"
)

//go:embed testdata/revenue.csv
var sample embed.FS

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "partner-plan:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("partner-plan", flag.ContinueOnError)
	dec := func(name, def, usage string) *decimal.Decimal {
		d := money.MustDecimal(def)
		fs.Func(name, fmt.Sprintf("%s (default %s)", usage, def), func(s string) (err error) { d, err = money.ParseDecimal(s); return err })
		return &d
	}
	rate := func(name, def, usage string) *money.Rate {
		r := money.MustRate(def)
		fs.Func(name, fmt.Sprintf("%s (default %s)", usage, def), func(s string) (err error) { r, err = money.ParseRate(s); return err })
		return &r
	}
	target := money.MustParse("100000000 USD")
	fs.Func("target", "subscription revenue target with its currency (default \"100000000 USD\")", func(s string) (err error) { target, err = money.Parse(s); return err })
	ratio := dec("service-ratio", "1", "services revenue per unit of subscription revenue")
	hourly := dec("rate", "200", "services price per billable hour, in the target's currency")
	hours := dec("hours", "1000", "billable hours per consultant per year")
	perPartner := dec("per-partner", "5", "consultants per active partner")
	productive := rate("productive", "20%", "share of recruits that become productive")
	revPath := fs.String("revenues", "", "partner revenue CSV `file`, one period (default: embedded sample of 20 partners' quarterly revenue)")
	uplift := rate("uplift", "10%", "revenue lift per developed partner")
	devCost := dec("develop-cost", "50000", "enablement cost per developed partner, in the revenue file's currency")
	recruits := fs.Int64("recruits", 10, "recruits in the recruit option")
	recCost := dec("recruit-cost", "25000", "recruiting and onboarding cost per recruit, in the revenue file's currency")
	newRevenue := dec("new-revenue", "150000", "revenue per period of a fully productive new partner, in the revenue file's currency")
	periods := fs.Int("periods", 4, "horizon of recruit vs develop, in the revenue file's periods")
	scenarioPath := fs.String("scenario", "", "JSON scenario `file` to work instead (\"sample\": the embedded two-scenario file)")
	csvDir := fs.String("csv", "", "with -scenario: also write every table as `dir`/NAME.csv")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (see -h)", fs.Args())
	}
	if *scenarioPath != "" {
		return runScenarios(*scenarioPath, *csvDir, w)
	}
	cur := target.Currency()
	m, err := capacity.New(capacity.ModelSpec{ServiceRatio: *ratio, HourlyRate: money.New(*hourly, cur), BillableHours: *hours,
		ConsultantsPerPartner: *perPartner, Funnel: capacity.Share(*productive)})
	if err != nil {
		return err
	}
	req, err := capacity.Required(m, target)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Doing the math for %s of subscriptions\n", target)
	row := func(label string, v any) { fmt.Fprintf(w, "  %-52s %20v\n", label, v) }
	row(fmt.Sprintf("services revenue (service ratio %s)", *ratio), req.ServicesRevenue)
	row(fmt.Sprintf("revenue per consultant (%s/hr × %s hr)", m.HourlyRate(), *hours), req.RevenuePerConsultant)
	row("consultants required", req.Consultants)
	row(fmt.Sprintf("active partners (%s consultants each)", *perPartner), req.ActivePartners)
	row(fmt.Sprintf("partners to recruit (%s become productive)", productive.FormatPercent()), req.Recruits)
	fmt.Fprintln(w, "The inverse: what a partner base supports")
	byPartners, err := capacity.SupportedByPartners(m, req.ActivePartners)
	if err != nil {
		return err
	}
	byRecruits, err := capacity.SupportedByRecruits(m, req.Recruits)
	if err != nil {
		return err
	}
	row(fmt.Sprintf("%d active partners (%d consultants)", byPartners.ActivePartners, byPartners.Consultants), byPartners.Revenue)
	row(fmt.Sprintf("%d recruits (%d become active)", byRecruits.Recruits, byRecruits.ActivePartners), byRecruits.Revenue)

	name, revenues, err := loadRevenues(*revPath)
	if err != nil {
		return err
	}
	c, err := capacity.NewConcentration(revenues)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	top, err := c.TopShare(money.MustRate("20%"))
	if err != nil {
		return err
	}
	head, err := c.PartnersForShare(money.MustRate("80%"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Concentration of %d partners' revenue (%s), total %s\n", c.N(), name, c.Total())
	row(fmt.Sprintf("top 20 %% (%d partners) earn", top.Partners), scenario.Percent(top.RevenueShare))
	row(fmt.Sprintf("80 %% of revenue comes from %d partners", head.Partners), scenario.Percent(head.PartnerShare)+" of partners")
	row("Gini (0 equal, 1 one partner earns all)", scenario.Round(c.Gini(), 4))
	row("HHI in points (share in % squared, summed; 0–10,000)", scenario.Round(c.HHIPoints(), 0))
	row("equivalent number of equal partners (1/HHI)", scenario.Round(c.EquivalentPartners(), 2))

	cur = c.Currency() // costs and revenues of the options are in the revenue file's currency
	d := capacity.Develop{Top: money.MustRate("20%"), Next: money.MustRate("20%"), Uplift: *uplift,
		CostPerPartner: money.New(*devCost, cur), Ramp: capacity.MustRamp(money.MustRate("50%"), money.MustRate("100%"))}
	r := capacity.Recruit{Count: *recruits, RecruitingCost: money.New(*recCost, cur), OnboardingCost: money.Zero(cur),
		ActivationCost: money.Zero(cur), ProductiveShare: *productive, RevenuePerPartner: money.New(*newRevenue, cur),
		Ramp: capacity.MustRamp(money.MustRate("0%"), money.MustRate("25%"), money.MustRate("75%"), money.MustRate("100%"))}
	cmp, err := capacity.RecruitOrDevelop(c, d, r, *periods)
	if err != nil {
		return err
	}
	next, err := c.Next(d.Top, d.Next)
	if err != nil {
		return err
	}
	var ids []string
	for _, p := range next {
		ids = append(ids, p.ID)
	}
	fmt.Fprintf(w, "Recruit or develop, over %d periods\n", *periods)
	fmt.Fprintf(w, "  develop the next 20 %% (%s) by %s, ramp 50 %%, 100 %%:\n", strings.Join(ids, ", "), uplift.FormatPercent())
	option(w, cmp.Develop)
	fmt.Fprintf(w, "  recruit %d partners at %s each, %s productive, %s a period each, ramp 0/25/75/100 %%:\n",
		r.Count, r.RecruitingCost, productive.FormatPercent(), r.RevenuePerPartner)
	option(w, cmp.Recruit)
	fmt.Fprintf(w, "  better return per %s spent: %s\n", cur.Code(), cmp.Better)
	return nil
}

func option(w io.Writer, o capacity.Option) {
	fmt.Fprintf(w, "    cost %s, revenue %s, net %s, return %s per unit spent\n", o.Cost, o.Revenue, o.Net, scenario.Round(o.ReturnPerUnit, 2))
}

// loadRevenues reads a partner,revenue,currency CSV (with that header) from
// path, or the embedded sample when path is empty.
func loadRevenues(path string) (string, []capacity.PartnerRevenue, error) {
	name, data, err := "embedded testdata/revenue.csv", []byte(nil), error(nil)
	if path == "" {
		data, err = sample.ReadFile("testdata/revenue.csv")
	} else {
		name = path
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return name, nil, err
	}
	if len(data) > maxRevenueBytes {
		return name, nil, fmt.Errorf("%s: %d bytes, more than %d", name, len(data), maxRevenueBytes)
	}
	out, err := parseRevenues(name, data)
	return name, out, err
}

// maxRevenueBytes bounds the revenue file before it is read as CSV.
const maxRevenueBytes = 8 << 20

// parseRevenues reads the revenue CSV in data; name labels its errors.
func parseRevenues(name string, data []byte) ([]capacity.PartnerRevenue, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 3
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "partner,revenue,currency" {
		return nil, fmt.Errorf("%s:1: the header must be partner,revenue,currency", name)
	}
	var out []capacity.PartnerRevenue
	for i, rec := range recs[1:] {
		cur, err := money.ParseCurrency(rec[2])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: field \"currency\": %w", name, i+2, err)
		}
		a, err := money.ParseIn(rec[1], cur)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: field \"revenue\": %w", name, i+2, err)
		}
		out = append(out, capacity.PartnerRevenue{ID: rec[0], Revenue: a})
	}
	return out, nil
}
