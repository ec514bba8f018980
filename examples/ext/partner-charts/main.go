// Command partner-charts draws the charts of a partner-plan scenario file
// (package examples/partner-plan/scenario) with gonum.org/v1/plot, as SVG
// and PNG: per scenario, the Lorenz curve of partner revenue with its
// 80/20 point, the ramp, coverage per segment against its thresholds, and
// the payout curve of the scenario's schedule with its cliffs marked.
//
//	go run ./partner-charts                      # the embedded sample, into ./charts
//	go run ./partner-charts -scenario s.json -out /tmp/charts
//
// It lives in the examples/ext module because the plotting library (and
// its fonts and image dependencies) should not enter the SDK's go.mod.
// Figures are exact decimals until here; a chart coordinate is the only
// place they become floats.
package main

import (
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/partnerecon/partnerecon/examples/partner-plan/scenario"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "partner-charts:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("partner-charts", flag.ContinueOnError)
	path := fs.String("scenario", "", "JSON scenario `file` (default: the embedded sample)")
	out := fs.String("out", "charts", "output `dir`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data := scenario.Sample()
	if *path != "" {
		var err error
		if data, err = os.ReadFile(*path); err != nil {
			return err
		}
	}
	f, err := scenario.Parse(data)
	if err != nil {
		return err
	}
	rep, err := scenario.Build(f)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for _, ch := range rep.Charts {
		plots := map[string]*plot.Plot{}
		if plots["lorenz"], err = lorenz(ch); err != nil {
			return err
		}
		if plots["ramp"], err = ramp(ch); err != nil {
			return err
		}
		if plots["coverage"], err = coverage(ch); err != nil {
			return err
		}
		if plots["payout"], err = payout(ch); err != nil {
			return err
		}
		for _, kind := range []string{"lorenz", "ramp", "coverage", "payout"} {
			for _, ext := range []string{"svg", "png"} {
				name := filepath.Join(*out, fmt.Sprintf("%s-%s.%s", fileName(ch.Name), kind, ext))
				if err := plots[kind].Save(16*vg.Centimeter, 10*vg.Centimeter, name); err != nil {
					return err
				}
				fmt.Fprintln(w, name)
			}
		}
	}
	return nil
}

var unsafe = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

func fileName(s string) string { return unsafe.ReplaceAllString(s, "_") }

// f is a chart coordinate.
func f(d decimal.Decimal) float64 { v, _ := d.Float64(); return v }

func xys(s scenario.Series) plotter.XYs {
	pts := make(plotter.XYs, len(s.X))
	for i := range s.X {
		pts[i] = plotter.XY{X: f(s.X[i]), Y: f(s.Y[i])}
	}
	return pts
}

var (
	blue = color.RGBA{R: 31, G: 119, B: 180, A: 255}
	red  = color.RGBA{R: 214, G: 39, B: 40, A: 255}
	grey = color.RGBA{R: 127, G: 127, B: 127, A: 255}
)

func lorenz(ch scenario.Charts) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = ch.Name + ": Lorenz curve of partner revenue"
	p.X.Label.Text = "share of partners (poorest first)"
	p.Y.Label.Text = "share of revenue"
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	eq, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		return nil, err
	}
	eq.Color, eq.Dashes = grey, []vg.Length{vg.Points(4), vg.Points(3)}
	curve, err := plotter.NewLine(xys(ch.Lorenz))
	if err != nil {
		return nil, err
	}
	curve.Color, curve.Width = blue, vg.Points(2)
	pt, err := plotter.NewScatter(plotter.XYs{{X: f(ch.Point8020[0]), Y: f(ch.Point8020[1])}})
	if err != nil {
		return nil, err
	}
	pt.Color, pt.Radius = red, vg.Points(4)
	pt.Shape = draw.CircleGlyph{}
	p.Add(eq, curve, pt, plotter.NewGrid())
	p.Legend.Add("equality", eq)
	p.Legend.Add("Lorenz curve", curve)
	p.Legend.Add(fmt.Sprintf("80/20 point: top %s%% of partners earn 80%%", decimal.NewFromInt(1).Sub(ch.Point8020[0]).Shift(2).StringFixed(1)), pt)
	p.Legend.Top, p.Legend.Left = true, true
	return p, nil
}

func ramp(ch scenario.Charts) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = ch.Name + ": ramp"
	p.X.Label.Text = "period of tenure"
	p.Y.Label.Text = "productivity"
	p.Y.Min, p.Y.Max = 0, 1.05
	l, pts, err := plotter.NewLinePoints(xys(ch.Ramp))
	if err != nil {
		return nil, err
	}
	l.Color, pts.Color = blue, blue
	p.Add(l, pts, plotter.NewGrid())
	return p, nil
}

func coverage(ch scenario.Charts) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = ch.Name + ": coverage per segment (capacity / demand)"
	p.Y.Label.Text = "coverage"
	vals := make(plotter.Values, len(ch.Coverage))
	for i, c := range ch.Coverage {
		vals[i] = f(c)
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(30))
	if err != nil {
		return nil, err
	}
	bars.Color = blue
	p.Add(bars)
	p.NominalX(ch.Segments...)
	n := float64(len(ch.Coverage))
	for _, th := range []struct {
		v     decimal.Decimal
		label string
	}{{ch.Min, "minimum coverage"}, {ch.Max, "maximum coverage"}} {
		if th.v.IsZero() {
			continue
		}
		l, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: f(th.v)}, {X: n - 0.5, Y: f(th.v)}})
		if err != nil {
			return nil, err
		}
		l.Color, l.Dashes = red, []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
		p.Legend.Add(th.label+" "+th.v.String(), l)
	}
	p.Y.Min = 0
	p.Legend.Top = true
	return p, nil
}

func payout(ch scenario.Charts) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = ch.Name + ": payout curve with its cliffs"
	p.X.Label.Text = "measure (revenue)"
	p.Y.Label.Text = "payout"
	l, err := plotter.NewLine(xys(ch.Payout))
	if err != nil {
		return nil, err
	}
	l.Color, l.Width = blue, vg.Points(2)
	p.Add(l, plotter.NewGrid())
	p.Legend.Add("payout", l)
	var last *plotter.Line
	for _, c := range ch.Cliffs {
		x := f(c)
		cl, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: f(maxY(ch.Payout))}})
		if err != nil {
			return nil, err
		}
		cl.Color, cl.Dashes = red, []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(cl)
		last = cl
	}
	if last != nil {
		p.Legend.Add("thresholds", last)
	}
	p.Legend.Top, p.Legend.Left = true, true
	return p, nil
}

func maxY(s scenario.Series) decimal.Decimal {
	m := decimal.Zero
	for _, y := range s.Y {
		if y.Cmp(m) > 0 {
			m = y
		}
	}
	return m
}
