package margin_test

import (
	"encoding/json"

	"github.com/partnerecon/partnerecon/capacity"
	"strings"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
)

// pricingSpec is a policy with the stacking named, half-even.
func pricingSpec(stacking string) pricing.PolicySpec {
	s, err := pricing.ParseStacking(stacking)
	if err != nil {
		panic(err) // test literals only
	}
	return pricing.PolicySpec{Stacking: s, Rounding: money.HalfEven}
}

// discounts builds discounts from "kind:name:rate" literals.
func discounts(specs ...string) []pricing.Discount {
	var out []pricing.Discount
	for _, s := range specs {
		f := strings.Split(s, ":")
		k, err := pricing.ParseDiscountKind(f[0])
		if err != nil {
			panic(err) // test literals only
		}
		out = append(out, pricing.Discount{Kind: k, Name: f[1], Rate: rate(f[2])})
	}
	return out
}

// ratioOf returns the exact ratio num/den.
func ratioOf(num, den string) capacity.Ratio {
	r, err := capacity.NewRatio(d(num), d(den))
	if err != nil {
		panic(err) // test literals only
	}
	return r
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
