package margin_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

func genBP(t *rapid.T, label string, lo, hi int64) *money.Rate {
	r := money.RateFromBasisPoints(decimal.NewFromInt(rapid.Int64Range(lo, hi).Draw(t, label)))
	return &r
}

func genCents(t *rapid.T, label string, lo, hi int64) *money.Amount {
	a := money.FromMinor(rapid.Int64Range(lo, hi).Draw(t, label), usd)
	return &a
}

var kinds = []pricing.DiscountKind{pricing.DiscountKindUnspecified + 1, pricing.DiscountKindUnspecified + 2,
	pricing.DiscountKindUnspecified + 3, pricing.DiscountKindUnspecified + 4}

// genSale draws a valid sale: any stacking but priority, up to three
// discounts of at most 30 % each, every other kind of line.
func genSale(t *rapid.T) margin.ResaleSpec {
	stackings := []string{"additive", "compounding", "best-of", "capped-sum"}
	pol := pricingSpec(rapid.SampledFrom(stackings).Draw(t, "stacking"))
	if pol.Stacking == pricing.CappedSum {
		pol.Cap = genBP(t, "cap", 0, 10000)
	}
	pol.Rounding = rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.Floor, money.Ceiling}).Draw(t, "pricing rounding")
	s := margin.ResaleSpec{
		ID: "s", List: genCents(t, "list", 0, 1e10), Pricing: pol,
		Rounding: rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.TowardZero}).Draw(t, "rounding"),
	}
	for i := range rapid.IntRange(0, 3).Draw(t, "discounts") {
		s.Discounts = append(s.Discounts, pricing.Discount{Kind: rapid.SampledFrom(kinds).Draw(t, "kind"),
			Name: fmt.Sprint("d", i), Rate: *genBP(t, "rate", 0, 3000)})
	}
	if rapid.Bool().Draw(t, "declared sell") {
		s.Sell.Price = genCents(t, "sell", 0, 1e10)
	} else {
		s.Sell.StreetDiscount, s.Sell.BrandPremium = genBP(t, "street", 0, 10000), genBP(t, "premium", 0, 5000)
	}
	earnKinds := []margin.ItemKind{margin.Rebate, margin.Incentive, margin.SPIF}
	for i := range rapid.IntRange(0, 2).Draw(t, "earnings") {
		e := margin.EarningSpec{Kind: rapid.SampledFrom(earnKinds).Draw(t, "earn kind"), Name: fmt.Sprint("e", i)}
		switch rapid.IntRange(0, 2).Draw(t, "earn form") {
		case 0:
			e.Amount = genCents(t, "earn", 0, 1e8)
		case 1:
			e.Rate = genBP(t, "earn rate", 0, 2000)
		default:
			e.Tiered = &margin.TieredSpec{Schedule: genSchedule(t), Prior: genCents(t, "prior", 0, 1e9)}
		}
		s.Earnings = append(s.Earnings, e)
	}
	if rapid.Bool().Draw(t, "mdf") {
		f := margin.FundingSpec{Name: "m", Spend: genCents(t, "spend", 0, 1e8)}
		if rapid.Bool().Draw(t, "share") {
			f.VendorShare = genBP(t, "vendor share", 0, 10000)
			if rapid.Bool().Draw(t, "approved") {
				f.Approved = genCents(t, "approved", 0, 1e8)
			}
		} else {
			f.Reimbursed = genCents(t, "reimbursed", 0, 1e8)
		}
		s.MDF = append(s.MDF, f)
	}
	if rapid.Bool().Draw(t, "offset") {
		s.Offsets = append(s.Offsets, margin.OffsetSpec{Name: "o", Value: genCents(t, "offset", 0, 1e7)})
	}
	if rapid.Bool().Draw(t, "services") {
		s.Services = &margin.ServicesSpec{AttachRatio: genBP(t, "attach", 0, 30000), Margin: genBP(t, "svc margin", -5000, 10000)}
	}
	for i := range rapid.IntRange(0, 2).Draw(t, "costs") {
		c := margin.CostSpec{Name: fmt.Sprint("c", i)}
		if rapid.Bool().Draw(t, "cost amount") {
			c.Amount = genCents(t, "cost", 0, 1e8)
		} else {
			c.Rate = genBP(t, "cost rate", 0, 3000)
		}
		s.Costs = append(s.Costs, c)
	}
	return s
}

// The items sum to the profit and the front-end items to sell − buy;
// the result does not depend on the order of any list (but for the
// sources, which point into the list as given); the JSON form round-trips.
func TestSaleProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		spec := genSale(rt)
		s, err := margin.NewResale(spec)
		if err != nil {
			rt.Fatalf("valid spec refused: %v", err)
		}
		p := s.PnL()
		checkSums(t, p)

		rev := spec
		rev.Discounts, rev.Earnings, rev.Costs = reversed(spec.Discounts), reversed(spec.Earnings), reversed(spec.Costs)
		r, err := margin.NewResale(rev)
		if err != nil {
			rt.Fatal(err)
		}
		if diff := cmp.Diff(rows(p), rows(r.PnL())); diff != "" {
			rt.Fatalf("order changed the items (-want +got):\n%s", diff)
		}

		b, err := s.MarshalJSON()
		if err != nil {
			rt.Fatal(err)
		}
		back, err := margin.ParseResale(b)
		if err != nil || !back.Equal(s) || !back.PnL().Equal(p) {
			rt.Fatalf("round trip of %s: %v", b, err)
		}
	})
}

func reversed[T any](s []T) []T {
	s = slices.Clone(s)
	slices.Reverse(s)
	return s
}

// A higher discount never lowers the partner's buy-side margin
// (sell − buy), under every stacking, rounding and floor clamp.
func TestHigherDiscountNeverLowersMargin(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		spec := genSale(rt)
		if len(spec.Discounts) == 0 {
			return
		}
		if rapid.Bool().Draw(rt, "floor") {
			spec.Pricing.Floor = pricing.FloorSpec{Kind: pricing.FloorShareOfList, Rate: genBP(rt, "floor", 0, 10000), Action: pricing.FloorClamp}
		}
		i := rapid.IntRange(0, len(spec.Discounts)-1).Draw(rt, "which")
		more := spec
		more.Discounts = slices.Clone(spec.Discounts)
		more.Discounts[i].Rate = more.Discounts[i].Rate.Add(*genBP(rt, "more", 0, 1000))
		a, err1 := margin.NewResale(spec)
		b, err2 := margin.NewResale(more)
		if err1 != nil || err2 != nil {
			rt.Fatalf("%v / %v", err1, err2)
		}
		if c, _ := b.PnL().FrontEnd().Cmp(a.PnL().FrontEnd()); c < 0 {
			rt.Fatalf("discount %d up: front-end %v → %v", i, a.PnL().FrontEnd(), b.PnL().FrontEnd())
		}
	})
}
