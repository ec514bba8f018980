package tier_test

import (
	"testing"

	"github.com/partnerecon/partnerecon/tier"
)

// Portion.Equal compares every field, decimals numerically (portion.go:
// its == on Tier and Unbounded negated lived: gremlins reported the line
// NOT COVERED under -short, and no test compared two portions).
func TestPortionEqual(t *testing.T) {
	base := tier.Portion{Tier: 2, From: d("100"), To: d("200"), Volume: d("50"), Rate: rate("2%"), Flat: d("5"), Payout: d("6")}
	rescaled := base
	rescaled.From, rescaled.To, rescaled.Volume, rescaled.Flat, rescaled.Payout = d("100.0"), d("200.00"), d("50.0"), d("5.00"), d("6.0")
	checkEqualFields(t, base, rescaled, tier.Portion.Equal, map[string]func(*tier.Portion){
		"Tier":      func(x *tier.Portion) { x.Tier = 3 },
		"From":      func(x *tier.Portion) { x.From = d("100.1") },
		"To":        func(x *tier.Portion) { x.To = d("200.1") },
		"Unbounded": func(x *tier.Portion) { x.Unbounded = true },
		"Volume":    func(x *tier.Portion) { x.Volume = d("50.1") },
		"Rate":      func(x *tier.Portion) { x.Rate = rate("3%") },
		"Flat":      func(x *tier.Portion) { x.Flat = d("5.1") },
		"Payout":    func(x *tier.Portion) { x.Payout = d("6.1") },
	})
}
