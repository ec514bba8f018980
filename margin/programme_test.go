package margin_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/margin"
)

// annual is Annual that fails the test on error.
func annual(t testing.TB, partner string, sales []margin.Resale, benefits []margin.Benefit) margin.PartnerPnL {
	t.Helper()
	y, err := margin.Annual(partner, usd, sales, benefits)
	if err != nil {
		t.Fatal(err)
	}
	return y
}

func TestCompareGolden(t *testing.T) {
	ours := hardware(t)
	// The competitor's declared programme on the same deal: 35 % off
	// list, no rebate, no certification.
	spec := ours.Spec()
	spec.Discounts = discounts("tier:gold:35%")
	spec.Earnings, spec.Offsets = nil, nil
	theirs, err := margin.NewResale(spec)
	if err != nil {
		t.Fatal(err)
	}
	v, err := margin.Compare(annual(t, "acme", []margin.Resale{ours}, nil), annual(t, "acme", []margin.Resale{theirs}, nil))
	if err != nil {
		t.Fatal(err)
	}
	// Ours: front 1400, back 140, offsets 250, services 672, cost −426 =
	// 2036. Theirs: buy 6500, front 8400 − 6500 = 1900, services 672,
	// cost −426 = 2146. Gaps: −500, +140, +250, 0, 0; profit −110.
	gaps := map[margin.Lever]string{margin.FrontEnd: "-500.00", margin.BackEnd: "140.00", margin.Offsets: "250.00",
		margin.Services: "0.00", margin.CostToServe: "0.00"}
	for _, g := range v.Levers {
		checkFigure(t, g.Lever.String(), g.Gap, gaps[g.Lever]+" USD")
	}
	checkFigure(t, "theirs", v.Theirs, "2146.00 USD")
	checkFigure(t, "profit gap", v.Profit, "-110.00 USD")
	if v.Best != margin.Offsets || v.Worst != margin.FrontEnd {
		t.Errorf("best %v worst %v", v.Best, v.Worst)
	}
}

func TestSurveyGolden(t *testing.T) {
	hw, saas := hardware(t), goldenSale(t, "saas-pass-through.json", "saas-77")
	partners := []margin.PartnerPnL{
		annual(t, "acme", []margin.Resale{hw, saas}, nil),
		annual(t, "cirrus", []margin.Resale{hw}, []margin.Benefit{{Kind: margin.Cost, Name: "field-team", Amount: amt("3000.00 USD")}}),
		annual(t, "bolt", []margin.Resale{saas}, nil),
	}
	v, err := margin.Survey(partners, amt("500.00 USD"))
	if err != nil {
		t.Fatal(err)
	}
	// acme 2036 + 449.99 = 2485.99; bolt 449.99; cirrus 2036 − 3000 =
	// −964.00. Ranked: −964, 449.99, 2485.99 (lower median 449.99);
	// total 1971.98. Below 500: cirrus (cost to serve −426 − 3000 =
	// −3426 against 1400 + 140 + 250 + 672 = 2462) and bolt (cost to serve
	// −180 against services 629.99).
	checkFigure(t, "total", v.Total, "1971.98 USD")
	checkFigure(t, "min", v.Min, "-964.00 USD")
	checkFigure(t, "median", v.Median, "449.99 USD")
	checkFigure(t, "max", v.Max, "2485.99 USD")
	want := []margin.Loss{
		{Partner: "cirrus", Profit: amt("-964.00 USD"), Lever: margin.CostToServe,
			Reason: "cost-to-serve -3426.00 USD outweighs the other levers' 2462.00 USD (profit -964.00 USD, below 500.00 USD)"},
		{Partner: "bolt", Profit: amt("449.99 USD"), Lever: margin.CostToServe,
			Reason: "cost-to-serve -180.00 USD outweighs the other levers' 629.99 USD (profit 449.99 USD, below 500.00 USD)"},
	}
	if diff := cmp.Diff(want, v.Short); diff != "" {
		t.Errorf("short (-want +got):\n%s", diff)
	}
	// Concentration over the profitable: acme 2485.99 of 2935.98.
	top, err := v.Concentration.TopK(1)
	if err != nil || !v.HasConcentration || !top.Equal(ratioOf("2485.99", "2935.98")) {
		t.Errorf("top-1 share %v %v", top, err)
	}
	// Order of partners does not matter.
	r, err := margin.Survey([]margin.PartnerPnL{partners[2], partners[0], partners[1]}, amt("500.00 USD"))
	if err != nil || !r.Total.Equal(v.Total) || !cmp.Equal(r.Short, v.Short) || !r.Median.Equal(v.Median) {
		t.Errorf("order changed the survey: %+v %v", r, err)
	}
}
