package margin_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
)

var usd = money.MustCurrency("USD")

// readGolden reads a golden scenario file.
func readGolden(t testing.TB, path string) golden {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := jsonUnmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// goldenSale reads the sale of a golden file, giving it id.
func goldenSale(t testing.TB, file, id string) margin.Resale {
	s, err := margin.ParseResale(readGolden(t, "testdata/golden/"+file).Resale)
	if err != nil {
		t.Fatal(err)
	}
	spec := s.Spec()
	spec.ID = id
	if s, err = margin.NewResale(spec); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAnnualGolden(t *testing.T) {
	sales := []margin.Resale{
		goldenSale(t, "hardware-resale.json", "hw-1"),
		goldenSale(t, "saas-pass-through.json", "saas-1"),
		goldenSale(t, "hardware-resale.json", "hw-2"),
	}
	benefits := []margin.Benefit{
		{Kind: margin.Rebate, Name: "annual-volume", Amount: amt("500.00 USD"), Origin: "fy26 rebate plan"},
		{Kind: margin.Offset, Name: "training", Amount: amt("1000.00 USD")},
		{Kind: margin.Cost, Name: "programme-fee", Amount: amt("200.00 USD")},
	}
	y, err := margin.Annual("acme", usd, sales, benefits)
	if err != nil {
		t.Fatal(err)
	}
	// Hardware (twice): front 1400, back 140, offsets 250, services 672,
	// cost −426. SaaS: services 629.99, cost −180. Benefits: back +500,
	// offsets +1000, cost −200.
	//   front-end  2 × 1400                 = 2800.00
	//   back-end   2 × 140 + 500            =  780.00
	//   offsets    2 × 250 + 1000           = 1500.00
	//   services   2 × 672 + 629.99         = 1973.99
	//   cost       2 × −426 − 180 − 200     = −1232.00
	//   profit     2800 + 780 + 1500 + 1973.99 − 1232 = 5821.99
	want := map[margin.Lever]string{
		margin.FrontEnd: "2800.00", margin.BackEnd: "780.00", margin.Offsets: "1500.00",
		margin.Services: "1973.99", margin.CostToServe: "-1232.00",
	}
	for l, w := range want {
		checkFigure(t, l.String(), y.Lever(l), w+" USD")
		share := y.Levers[l-1].Share
		if want := ratioOf(w, "5821.99"); !share.Equal(want) {
			t.Errorf("%s share %v, want %s / 5821.99", l, share, w)
		}
	}
	checkFigure(t, "profit", y.Profit, "5821.99 USD")
	checkShares(t, y)
	if y.Resales != 3 || len(y.Benefits) != 3 || y.Benefits[2].Amount.Sign() >= 0 {
		t.Errorf("sales %d, benefits %+v", y.Resales, y.Benefits)
	}
	// Order of sales does not matter.
	r, err := margin.Annual("acme", usd, []margin.Resale{sales[2], sales[1], sales[0]}, benefits)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(y, r); diff != "" {
		t.Errorf("order changed the result (-want +got):\n%s", diff)
	}
}

// checkShares checks that lever amounts sum to the profit and shares to
// exactly 1, with an independent sum of the numerators over the common
// denominator.
func checkShares(t *testing.T, y margin.PartnerPnL) {
	t.Helper()
	var sum, shareNum money.Amount = money.Zero(y.Currency), money.Zero(y.Currency)
	for _, l := range y.Levers {
		sum, _ = sum.Add(l.Amount)
		if y.HasShares {
			// every share is over |profit|: scale to that denominator.
			abs := y.Profit.Abs().Decimal()
			n := l.Share.Num().Mul(abs)
			q, err := money.Div(n, l.Share.Den(), 12, money.HalfEven)
			if err != nil {
				t.Fatal(err)
			}
			shareNum, _ = shareNum.Add(money.New(q, y.Currency))
		}
	}
	if !sum.Equal(y.Profit) {
		t.Errorf("levers sum to %v, profit %v", sum, y.Profit)
	}
	if y.HasShares && !shareNum.Equal(y.Profit.Abs()) {
		t.Errorf("shares sum to %v / |profit|, want 1", shareNum)
	}
}
