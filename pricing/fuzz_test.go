package pricing_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// Anything ParseProtection or ParsePolicy accepts round-trips; anything
// they refuse is an error with the package prefix and never a panic.
func FuzzParseProtection(f *testing.F) {
	doc := `{"min_advantage": "5%", "pricing": {"stacking": "capped-sum", "cap": "40%", "floor": {"kind": "share-of-list", "rate": "0.3", "action": "error"}, "rounding": "half-even"}}`
	pol := `{"stacking": "priority", "priority": ["special-pricing", "registration", "tier", "promotion"], "floor": {"kind": "margin", "rate": "0.2", "action": "clamp"}, "rounding": "ceiling"}`
	for _, s := range []string{
		doc, pol, `null`, `{}`, `[]`, `0`, `""`,
		strings.Replace(doc, `"5%"`, `0.05`, 1),
		strings.Replace(doc, `"5%"`, `"1e2"`, 1),
		strings.Replace(doc, `"40%"`, `"`+strings.Repeat("9", 5000)+`"`, 1),
		strings.Replace(doc, `"min_advantage"`, `"MIN_ADVANTAGE"`, 1),
		strings.Replace(doc, `"min_advantage": "5%",`, `"min_advantage": "5%", "min_Advantage": "1%",`, 1),
		strings.Replace(doc, `"capped-sum"`, `"`+strings.Repeat("c", 70000)+`"`, 1),
		strings.Repeat(`{"a":`, 100) + strings.Repeat(`}`, 100),
		strings.Repeat(`[`, 10000),
		"{\"min_advantage\":\"5%\xff\"}",
		strings.Replace(pol, `"tier", "promotion"`, `"tier", "tier"`, 1),
		strings.Replace(pol, `"rate": "0.2"`, `"rate": "1"`, 1),
		strings.Replace(doc, `"kind": "share-of-list"`, `"kind": "none"`, 1),
		`{"stacking": "additive", "floor": {}, "rounding": "half-up"}`,
		`{"stacking": "additive", "cap": "0", "rounding": "half-up"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(err error, marshal func() ([]byte, error), reparse func([]byte) error) {
			if err != nil {
				if !strings.HasPrefix(err.Error(), "pricing: ") {
					t.Fatalf("error without package prefix: %v", err)
				}
				return
			}
			b, err := marshal()
			if err != nil {
				t.Fatal(err)
			}
			if err := reparse(b); err != nil {
				t.Fatalf("%s does not read back: %v", b, err)
			}
		}
		pr, err := pricing.ParseProtection(data)
		check(err, pr.MarshalJSON, func(b []byte) error {
			q, err := pricing.ParseProtection(b)
			if err == nil && !q.Equal(pr) {
				return errors.New("round trip changed the rule")
			}
			return err
		})
		p, err := pricing.ParsePolicy(data)
		check(err, p.MarshalJSON, func(b []byte) error {
			q, err := pricing.ParsePolicy(b)
			if err == nil && !q.Equal(p) {
				return errors.New("round trip changed the policy")
			}
			return err
		})
	})
}

// Quotes of arbitrary (including hostile) figures never panic; an accepted
// quote's amounts sum to list − net and its net is not negative.
func FuzzQuote(f *testing.F) {
	f.Add(int64(1000000), "0.10", "0.15", "0.20", uint8(1), uint8(0), "0.3")
	f.Add(int64(99999), "1", "0", "0", uint8(2), uint8(1), "0")
	f.Add(int64(-1), "0.5", "0.6", "-0.1", uint8(5), uint8(2), "1")
	f.Add(int64(1), "1.00000000000000000001", "0", "0", uint8(3), uint8(1), "0.9999999")
	f.Add(int64(9223372036854775807), "0.333333", "0.5", "0.25", uint8(4), uint8(2), "0.999")
	f.Add(int64(12345), "1e400", "NaN", "", uint8(9), uint8(9), "x")
	f.Fuzz(func(t *testing.T, minor int64, r1, r2, r3 string, stacking, floor uint8, floorRate string) {
		ps := spec(pricing.Stacking(stacking%5 + 1))
		if fr, err := money.ParseRate(floorRate); err == nil {
			switch floor % 3 {
			case 1:
				ps.Floor = pricing.FloorSpec{Kind: pricing.FloorShareOfList, Rate: &fr, Action: pricing.FloorClamp}
			case 2:
				ps.Floor = pricing.FloorSpec{Kind: pricing.FloorMargin, Rate: &fr, Action: pricing.FloorError}
			}
		}
		p, err := pricing.NewPolicy(ps)
		if err != nil {
			return
		}
		var ds []pricing.Discount
		for i, s := range []string{r1, r2, r3} {
			r, err := money.ParseRate(s)
			if err != nil {
				r = money.RateFromFraction(decimal.New(int64(len(s)), -int32(i)))
			}
			ds = append(ds, pricing.Discount{Kind: pricing.DiscountKind(i + 1), Name: s + string(rune('a'+i)), Rate: r})
		}
		list := money.FromMinor(minor, money.MustCurrency("USD"))
		q, err := p.QuoteWithCost(list, money.FromMinor(minor/2, money.MustCurrency("USD")), ds)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "pricing: ") {
				t.Fatalf("error without package prefix: %v", err)
			}
			return
		}
		sum := money.Zero(list.Currency())
		for _, s := range q.Steps {
			sum, _ = sum.Add(s.Amount)
		}
		if !sum.Equal(q.Discount()) || q.Net.Sign() < 0 {
			t.Fatalf("amounts %s, list − net %s, net %s", sum, q.Discount(), q.Net)
		}
	})
}
