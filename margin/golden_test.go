package margin_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
)

// golden is a scenario file: a sale document and the figures worked out
// by hand, each with its arithmetic in a "hand" member.
type golden struct {
	About  string          `json:"about"`
	Resale json.RawMessage `json:"resale"`
	Expect struct {
		Buy, Sell, Profit handFigure
		Items             []struct {
			Kind, Name, Amount, Hand string
		}
		Levers map[string]string
	}
}

type handFigure struct{ Amount, Hand string }

// row is an item as the golden files state it.
type row struct{ Kind, Name, Amount string }

func TestGoldenFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.json")
	if err != nil || len(files) < 2 {
		t.Fatalf("golden files: %v %v", files, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			g := readGolden(t, f)
			s, err := margin.ParseResale(g.Resale)
			if err != nil {
				t.Fatal(err)
			}
			p := s.PnL()
			checkFigure(t, "buy", p.Buy, g.Expect.Buy.Amount)
			checkFigure(t, "sell", p.Sell, g.Expect.Sell.Amount)
			checkFigure(t, "profit", p.Profit, g.Expect.Profit.Amount)
			var want []row
			for _, it := range g.Expect.Items {
				want = append(want, row{it.Kind, it.Name, it.Amount})
			}
			if diff := cmp.Diff(want, rows(p)); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			for name, w := range g.Expect.Levers {
				l, err := margin.ParseLever(name)
				if err != nil {
					t.Fatal(err)
				}
				checkFigure(t, name, p.Lever(l), w)
			}
			checkSums(t, p)
		})
	}
}

// rows returns a P&L's items as kind, name and amount text.
func rows(p margin.PnL) []row {
	var out []row
	for _, it := range p.Items {
		out = append(out, row{it.Kind.String(), it.Name, it.Amount.String()})
	}
	return out
}

func checkFigure(t *testing.T, what string, got money.Amount, want string) {
	t.Helper()
	if !got.Equal(amt(want)) {
		t.Errorf("%s = %v, want %s", what, got, want)
	}
}

// checkSums checks that the items sum to the profit and the front-end
// items to sell − buy, with an independent sum.
func checkSums(t testing.TB, p margin.PnL) {
	t.Helper()
	sum, front := decimal.Zero, decimal.Zero
	for _, it := range p.Items {
		sum = sum.Add(it.Amount.Decimal())
		if it.Lever == margin.FrontEnd {
			front = front.Add(it.Amount.Decimal())
		}
		if it.Lever != it.Kind.Lever() || it.Source == "" || it.Explanation == "" {
			t.Errorf("item %+v: lever, source or explanation", it)
		}
		if r, err := it.Amount.Round(money.HalfEven); err != nil || !r.Equal(it.Amount) {
			t.Errorf("item %+v: not whole minor units", it)
		}
	}
	if !p.Profit.Decimal().Equal(sum) {
		t.Errorf("items sum to %v, profit %v", sum, p.Profit)
	}
	if !p.FrontEnd().Decimal().Equal(front) {
		t.Errorf("front-end items sum to %v, sell − buy %v", front, p.FrontEnd())
	}
}

// registeredPlan is a quarterly all-units rebate on purchases: 1 % below
// 25,000, 3 % from 25,000.
const registeredPlan = `{
 "id": "fy26-rebate", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [
  {"id": "volume", "version": "1", "effective_from": "2026-01-01", "recipient": "partner", "measure": "revenue",
   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [
    {"from": "0", "rate": "1%"}, {"from": "25000", "rate": "3%"}]}}
 ]}`

// registeredSale is a registered deal with special pricing under
// compounding stacking, a rebate from an incentive plan (second tier) and
// a co-op-funded webinar.
func registeredSale(t testing.TB) margin.ResaleSpec {
	plan := incentive.MustParsePlan(registeredPlan)
	period := incentive.NewPeriod("2026-Q1", incentive.MustDate("2026-01-01"), incentive.MustDate("2026-04-01"))
	tx := incentive.Transaction{ID: "reg-5", Date: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: "acme", Amount: amt("34200.00 USD")}
	res, err := incentive.Evaluate(plan, period, nil, slices.Values([]incentive.Transaction{tx}))
	if err != nil {
		t.Fatal(err)
	}
	rebate, err := margin.EarningFromIncentive(margin.Rebate, res.Lines[0])
	if err != nil {
		t.Fatal(err)
	}
	return margin.ResaleSpec{
		ID:        "reg-5",
		List:      amtp("50000.00 USD"),
		Pricing:   pricingSpec("compounding"),
		Discounts: discounts("tier:silver:20%", "registration:reg:10%", "special-pricing:sp-acme:5%"),
		Sell:      margin.SellSpec{StreetDiscount: ratep("25%"), BrandPremium: ratep("0%")},
		Earnings:  []margin.EarningSpec{rebate},
		MDF: []margin.FundingSpec{{Name: "webinar", Spend: amtp("2000.00 USD"), VendorShare: ratep("50%"),
			Approved: amtp("900.00 USD"), Origin: "mdf request R-12"}},
		Costs:    []margin.CostSpec{{Name: "presales", Amount: amtp("1500.00 USD")}},
		Rounding: money.HalfEven,
	}
}

func TestGoldenRegisteredDeal(t *testing.T) {
	s, err := margin.NewResale(registeredSale(t))
	if err != nil {
		t.Fatal(err)
	}
	p := s.PnL()
	// Compounding: 50000 × 0.8 = 40000 (−10000), × 0.9 = 36000 (−4000),
	// × 0.95 = 34200 (−1800): buy 34200.00. Street 50000 × 0.75 =
	// 37500.00. The rebate plan pays 3 % (tier 2, from 25,000) on the
	// 34,200 purchase: 1026.00. Co-op: 50 % × 2000 = 1000, capped at the
	// approved 900: +900.00, spend −2000.00 (co-pay 1100). Presales
	// −1500.00. Profit 10000 + 4000 + 1800 − 12500 + 1026 + 900 − 2000 −
	// 1500 = 1726.00.
	want := []row{
		{"discount", "silver", "10000.00 USD"},
		{"discount", "reg", "4000.00 USD"},
		{"discount", "sp-acme", "1800.00 USD"},
		{"street", "street", "-12500.00 USD"},
		{"rebate", "volume", "1026.00 USD"},
		{"mdf", "webinar", "900.00 USD"},
		{"marketing", "webinar", "-2000.00 USD"},
		{"cost", "presales", "-1500.00 USD"},
	}
	if diff := cmp.Diff(want, rows(p)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	checkFigure(t, "buy", p.Buy, "34200.00 USD")
	checkFigure(t, "sell", p.Sell, "37500.00 USD")
	checkFigure(t, "front-end", p.FrontEnd(), "3300.00 USD")
	checkFigure(t, "profit", p.Profit, "1726.00 USD")
	checkSums(t, p)
	if it := p.Items[4]; it.Origin == "" || it.Source != "/earnings/0" {
		t.Errorf("rebate item keeps no origin: %+v", it)
	}
}
