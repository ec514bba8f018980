// Package scenario reads a consultant's scenario file for partner-plan and
// works it into the report's tables and the charts' series: the funnel
// from a revenue target to partners (capacity.Required), the ramp,
// coverage per segment (capacity.Cover), the concentration of partner
// revenue with its Lorenz curve and 80/20 point, and the payout curve of a
// tier schedule with its cliffs. Two or more scenarios are worked side by
// side. Every figure is exact until it is shown, rounded once, half-even.
//
// The file (JSON, decoded strictly: unknown members, duplicates, null and
// numbers for decimals are errors; at most MaxBytes bytes and MaxScenarios
// scenarios, nested at most MaxDepth deep):
//
//	{"scenarios": [{"name": "today", "target": "100000000 USD",
//	  "model": capacity.ModelSpec, "ramp": ["0%", "25%", "75%", "100%"],
//	  "coverage": {"query": capacity.Query, "partners": [capacity.Footprint],
//	               "demand": [capacity.Demand]},
//	  "payout": tier schedule JSON,
//	  "revenues": [{"partner": "p01", "revenue": "5000000.00 USD"}]}, …]}
package scenario

import (
	"embed"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// Limits of a scenario file, checked before the work.
const (
	MaxBytes     = 4 << 20
	MaxDepth     = 8
	MaxScenarios = 8
	MaxPartners  = 10000
)

//go:embed testdata/sample.json
var sample embed.FS

// Sample returns the embedded two-scenario sample file.
func Sample() []byte {
	b, err := sample.ReadFile("testdata/sample.json")
	if err != nil {
		panic(err) // embedded
	}
	return b
}

// File is a scenario file.
type File struct {
	Scenarios []Spec `json:"scenarios"`
}

// Spec is one scenario.
type Spec struct {
	Name     string             `json:"name"`
	Target   money.Amount       `json:"target"`
	Model    capacity.ModelSpec `json:"model"`
	Ramp     []money.Rate       `json:"ramp"`
	Coverage CoverageSpec       `json:"coverage"`
	Payout   tier.Schedule      `json:"payout"`
	Revenues []Revenue          `json:"revenues"`
}

// CoverageSpec is the input of capacity.Cover.
type CoverageSpec struct {
	Query    capacity.Query       `json:"query"`
	Partners []capacity.Footprint `json:"partners"`
	Demand   []capacity.Demand    `json:"demand"`
}

// Revenue is one partner's revenue in the period.
type Revenue struct {
	Partner string       `json:"partner"`
	Revenue money.Amount `json:"revenue"`
}

// Parse decodes a scenario file strictly and checks its counts.
func Parse(data []byte) (File, error) {
	var f File
	if err := strictjson.Unmarshal(data, &f, strictjson.Limits{MaxBytes: MaxBytes, MaxDepth: MaxDepth}, strictjson.RatesWithUnit()); err != nil {
		return File{}, err
	}
	if len(f.Scenarios) == 0 || len(f.Scenarios) > MaxScenarios {
		return File{}, fmt.Errorf("/scenarios: %d scenarios, want 1 to %d", len(f.Scenarios), MaxScenarios)
	}
	for i, s := range f.Scenarios {
		if s.Name == "" {
			return File{}, fmt.Errorf("/scenarios/%d/name: required", i)
		}
		if n := len(s.Revenues) + len(s.Coverage.Partners); n > MaxPartners {
			return File{}, fmt.Errorf("/scenarios/%d: %d partners, want at most %d", i, n, MaxPartners)
		}
	}
	return f, nil
}

// Table is one table of the report, as text cells.
type Table struct {
	Name   string // file name of its CSV export, without .csv
	Title  string
	Header []string
	Rows   [][]string
}

// Series is a curve of a chart, exact.
type Series struct {
	X, Y []decimal.Decimal
}

// Charts are one scenario's chart data.
type Charts struct {
	Name string
	// Lorenz runs from (0, 0) to (1, 1): the poorest x share of partners
	// earn the y share of revenue. Point8020 is where the curve reaches
	// 0.2 (linear between its points): the other 1 − x of partners earn
	// 80 %. The report's table counts whole partners instead.
	Lorenz    Series
	Point8020 [2]decimal.Decimal
	// Ramp is productivity by period of tenure (0, 1, …).
	Ramp Series
	// Coverage is capacity / demand per segment, in Segments order.
	Segments []string
	Coverage []decimal.Decimal
	Min, Max decimal.Decimal // the thresholds
	// Payout is the schedule's payout against the measure; Cliffs are
	// the thresholds where it jumps.
	Payout Series
	Cliffs []decimal.Decimal
}

// Report is the worked file.
type Report struct {
	Tables []Table
	Charts []Charts
}

// Build works every scenario of f.
func Build(f File) (Report, error) {
	var names []string
	for _, s := range f.Scenarios {
		names = append(names, s.Name)
	}
	funnel := Table{Name: "funnel", Title: "Doing the math", Header: append([]string{"figure"}, names...)}
	conc := Table{Name: "concentration", Title: "Concentration of partner revenue", Header: append([]string{"figure"}, names...)}
	ramp := Table{Name: "ramp", Title: "Ramp: productivity by period of tenure", Header: append([]string{"tenure"}, names...)}
	cov := Table{Name: "coverage", Title: "Coverage per segment (capacity / demand)", Header: []string{"scenario", "segment", "partners", "capacity", "demand", "coverage", "status"}}
	cliffs := Table{Name: "payout_cliffs", Title: "Payout cliffs: the payout just below and at each threshold", Header: []string{"scenario", "mode", "threshold", "payout below", "payout at", "jump"}}
	rep := Report{}
	cols := make([][]string, 0, len(f.Scenarios))
	concCols := make([][]string, 0, len(f.Scenarios))
	rampCols := make([][]string, 0, len(f.Scenarios))
	for i, s := range f.Scenarios {
		ch := Charts{Name: s.Name}
		at := func(err error, part string) error { return fmt.Errorf("/scenarios/%d/%s: %w", i, part, err) }
		m, err := capacity.New(s.Model)
		if err != nil {
			return Report{}, at(err, "model")
		}
		req, err := capacity.Required(m, s.Target)
		if err != nil {
			return Report{}, at(err, "target")
		}
		cols = append(cols, []string{s.Target.String(), req.ServicesRevenue.String(), req.RevenuePerConsultant.String(),
			fmt.Sprint(req.Consultants), fmt.Sprint(req.ActivePartners), req.ProductiveShare.FormatPercent(), fmt.Sprint(req.Recruits)})

		var revs []capacity.PartnerRevenue
		for _, r := range s.Revenues {
			revs = append(revs, capacity.PartnerRevenue{ID: r.Partner, Revenue: r.Revenue})
		}
		c, err := capacity.NewConcentration(revs)
		if err != nil {
			return Report{}, at(err, "revenues")
		}
		top, err := c.TopShare(money.MustRate("20%"))
		if err != nil {
			return Report{}, at(err, "revenues")
		}
		head, err := c.PartnersForShare(money.MustRate("80%"))
		if err != nil {
			return Report{}, at(err, "revenues")
		}
		concCols = append(concCols, []string{fmt.Sprint(c.N()), c.Total().String(), Percent(top.RevenueShare),
			fmt.Sprintf("%d (%s)", head.Partners, Percent(head.PartnerShare)), Round(c.Gini(), 4), Round(c.HHIPoints(), 0), Round(c.EquivalentPartners(), 2)})
		ch.Lorenz = Series{X: []decimal.Decimal{decimal.Zero}, Y: []decimal.Decimal{decimal.Zero}}
		for _, p := range c.Lorenz() {
			ch.Lorenz.X = append(ch.Lorenz.X, exact(p.Partners))
			ch.Lorenz.Y = append(ch.Lorenz.Y, exact(p.Revenue))
		}
		ch.Point8020 = point8020(ch.Lorenz)

		r, err := capacity.NewRamp(s.Ramp...)
		if err != nil {
			return Report{}, at(err, "ramp")
		}
		var rc []string
		for t := range len(s.Ramp) + 2 {
			p := r.Productivity(t)
			ch.Ramp.X = append(ch.Ramp.X, decimal.NewFromInt(int64(t)))
			ch.Ramp.Y = append(ch.Ramp.Y, p.Fraction())
			rc = append(rc, p.FormatPercent())
		}
		rampCols = append(rampCols, rc)

		cv, err := capacity.Cover(s.Coverage.Partners, s.Coverage.Demand, s.Coverage.Query)
		if err != nil {
			return Report{}, at(err, "coverage")
		}
		ch.Min, ch.Max = s.Coverage.Query.Thresholds.MinCoverage, s.Coverage.Query.Thresholds.MaxCoverage
		for _, seg := range append(cv.Segments, cv.Total) {
			cov.Rows = append(cov.Rows, []string{s.Name, seg.Key, fmt.Sprint(len(seg.PartnerIDs)), seg.Capacity.String(), seg.Demand.String(), Round(seg.Ratio, 2), seg.Status.String()})
			if seg.Key != cv.Total.Key {
				ch.Segments = append(ch.Segments, seg.Key)
				ch.Coverage = append(ch.Coverage, exact(seg.Ratio))
			}
		}

		sched := s.Payout
		if !sched.IsValid() {
			return Report{}, at(errors.New("required"), "payout")
		}
		cent := decimal.New(1, -2)
		spec := sched.Spec()
		var last decimal.Decimal
		for _, t := range spec.Tiers {
			from := t.From
			last = from
			if from.Sign() <= 0 {
				continue
			}
			below, atT := sched.Payout(from.Sub(cent)), sched.Payout(from)
			ch.Cliffs = append(ch.Cliffs, from)
			cliffs.Rows = append(cliffs.Rows, []string{s.Name, sched.Mode().String(), from.String(), cents(below), cents(atT), cents(atT.Sub(below))})
		}
		// 0 to 1.4 × the last threshold in 70 steps, plus both sides of
		// every cliff, in increasing order.
		end := last.Mul(decimal.New(14, -1))
		if end.Sign() <= 0 {
			end = decimal.NewFromInt(100)
		}
		var xs []decimal.Decimal
		for k := int64(0); k <= 70; k++ {
			x, _ := money.Div(end.Mul(decimal.NewFromInt(k)), decimal.NewFromInt(70), 2, money.HalfEven)
			xs = append(xs, x)
		}
		for _, cl := range ch.Cliffs {
			xs = append(xs, cl.Sub(cent), cl)
		}
		sortDecimals(xs)
		for _, x := range xs {
			ch.Payout.X = append(ch.Payout.X, x)
			ch.Payout.Y = append(ch.Payout.Y, sched.Payout(x))
		}
		rep.Charts = append(rep.Charts, ch)
	}
	for k, label := range []string{"subscription target", "services revenue", "revenue per consultant", "consultants", "active partners", "productive share of recruits", "recruits"} {
		funnel.Rows = append(funnel.Rows, row(label, cols, k))
	}
	for k, label := range []string{"partners", "total revenue", "top 20 % earn", "partners for 80 % of revenue", "Gini", "HHI points", "equivalent equal partners"} {
		conc.Rows = append(conc.Rows, row(label, concCols, k))
	}
	longest := 0
	for _, c := range rampCols {
		longest = max(longest, len(c))
	}
	for t := range longest {
		r := []string{fmt.Sprint(t)}
		for _, c := range rampCols {
			if t < len(c) {
				r = append(r, c[t])
			} else {
				r = append(r, c[len(c)-1])
			}
		}
		ramp.Rows = append(ramp.Rows, r)
	}
	rep.Tables = []Table{funnel, conc, ramp, cov, cliffs}
	return rep, nil
}

func row(label string, cols [][]string, k int) []string {
	r := []string{label}
	for _, c := range cols {
		r = append(r, c[k])
	}
	return r
}

// exact is a ratio as a decimal with 12 places (a chart coordinate: far
// finer than a pixel), rounded once, half-even.
func exact(r capacity.Ratio) decimal.Decimal {
	if r.Den().IsZero() {
		return decimal.Zero
	}
	d, err := r.Round(12, money.HalfEven)
	if err != nil {
		return decimal.Zero
	}
	return d
}

// Round shows an exact ratio rounded once, half-even, to places ("–" for
// a ratio without a denominator).
func Round(r capacity.Ratio, places int32) string {
	if r.Den().IsZero() {
		return "–"
	}
	d, err := r.Round(places, money.HalfEven)
	if err != nil {
		return err.Error()
	}
	return money.FormatDecimal(d, places)
}

// Percent shows a share as a percentage with one decimal, rounded once,
// half-even.
func Percent(share capacity.Ratio) string {
	d, err := share.Round(3, money.HalfEven)
	if err != nil {
		return err.Error()
	}
	return money.FormatDecimal(d.Shift(2), 1) + " %"
}

func sortDecimals(xs []decimal.Decimal) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j].Cmp(xs[j-1]) < 0; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// cents rounds a payout once to 2 places, half-even, for display.
func cents(d decimal.Decimal) string {
	r, err := money.Round(d, 2, money.HalfEven)
	if err != nil {
		return err.Error()
	}
	return money.FormatDecimal(r, 2)
}

// point8020 is the point of the Lorenz curve at y = 0.2, interpolated
// linearly between the points around it; x rounded once to 12 places.
func point8020(l Series) [2]decimal.Decimal {
	fifth := decimal.New(2, -1)
	for i := 1; i < len(l.Y); i++ {
		if l.Y[i].Cmp(fifth) < 0 {
			continue
		}
		num := l.X[i].Sub(l.X[i-1]).Mul(fifth.Sub(l.Y[i-1]))
		x, err := money.Div(num, l.Y[i].Sub(l.Y[i-1]), 12, money.HalfEven)
		if err != nil {
			return [2]decimal.Decimal{l.X[i], l.Y[i]}
		}
		return [2]decimal.Decimal{l.X[i-1].Add(x), fifth}
	}
	return [2]decimal.Decimal{decimal.NewFromInt(1), fifth}
}
