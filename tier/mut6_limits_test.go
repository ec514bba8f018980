package tier_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// Schedule.Fixed accepts every volume scale from 0 to fixed.MaxScale (18)
// inclusive (the guard `scale < 0 || scale > MaxScale` in Fixed) and
// refuses 19. The schedule pays flat amounts (10 from 0, 25 from 5), so
// its payout scale is 0 whatever the volume scale, and its bounds fit an
// int64 even at scale 18: 5 × 10^18 < 2^63 − 1 ≈ 9.22 × 10^18.
func TestFixedScaleLimits(t *testing.T) {
	s := tier.MustNew(tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive,
		Tiers: []tier.Tier{{From: d("0"), Amount: d("10")}, {From: d("5"), Amount: d("25")}}})
	tests := []struct {
		scale int32
		ok    bool
		x     int64 // the volume 5 (the second bound) at scale
	}{
		{0, true, 5},                    // 5 × 10^0
		{18, true, 5000000000000000000}, // 5 × 10^18
		{19, false, 0},
	}
	for _, tt := range tests {
		fs, ok := s.Fixed(tt.scale)
		if ok != tt.ok {
			t.Fatalf("Fixed(%d) ok = %v, want %v", tt.scale, ok, tt.ok)
		}
		if !ok {
			continue
		}
		if fs.Scale() != tt.scale || fs.PayoutScale() != 0 {
			t.Errorf("Fixed(%d): scales %d/%d, want %d/0", tt.scale, fs.Scale(), fs.PayoutScale(), tt.scale)
		}
		// x = 5 reaches the second tier (lower-inclusive): 25 at payout
		// scale 0.
		r, ok := fs.Evaluate(tt.x)
		if !ok || r.Payout != 25 || r.Tier != 2 {
			t.Errorf("Fixed(%d).Evaluate(%d) = %+v, %v; want payout 25 in tier 2", tt.scale, tt.x, r, ok)
		}
	}
}

// New's limits are inclusive where the documentation says so: a Linear
// RatePlaces of MaxPlaces (18) is accepted and 19 is an ErrRounding
// (rounding's `RatePlaces > MaxPlaces`), and a decimal below
// 10^MaxMagnitudeDigits = 10^18, such as 999,999,999,999,999,999 (18
// digits: 10^17 ≤ x < 10^18), is in range while 10^18 is an ErrRange
// (inRange's `exp + nd − 1 ≥ MaxMagnitudeDigits`, with exp = 0 and
// nd = 18 giving 17 < 18, and nd = 19 giving 18 ≥ 18).
func TestSpecInclusiveLimits(t *testing.T) {
	linear := func(places int32) tier.Spec {
		return tier.Spec{Mode: tier.Linear, Boundary: tier.LowerInclusive, RatePlaces: places, Rounding: money.HalfEven,
			Tiers: []tier.Tier{{From: d("0"), Rate: rate("1%")}, {From: d("100"), Rate: rate("2%")}}}
	}
	bound := func(from string) tier.Spec {
		return tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive,
			Tiers: []tier.Tier{{From: d("0"), Rate: rate("1%")}, {From: d(from), Rate: rate("2%")}}}
	}
	tests := []struct {
		name string
		spec tier.Spec
		want error // nil: valid
	}{
		{"rate_places 18", linear(tier.MaxPlaces), nil},
		{"rate_places 19", linear(tier.MaxPlaces + 1), tier.ErrRounding},
		{"bound of 18 digits", bound("999999999999999999"), nil},
		{"bound of 17 digits", bound("99999999999999999"), nil},
		{"bound 10^18", bound("1000000000000000000"), tier.ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tier.New(tt.spec)
			switch {
			case tt.want == nil && err != nil:
				t.Fatalf("New: %v", err)
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Fatalf("New: %v, want %v", err, tt.want)
			}
		})
	}
}

// An out-of-range decimal is reported with its coefficient and exponent,
// not expanded (rangeText): a coefficient of up to 40 digits is written
// whole, a longer one is cut to its first 40 digits followed by "…".
// Both values below have exponent 0, so they are ≥ 10^39, far beyond the
// 10^18 limit.
func TestRangeErrorValue(t *testing.T) {
	forty := strings.Repeat("1234567890", 4) // 40 digits
	tests := []struct {
		name, from, want string
	}{
		{"40 digits", forty, forty + "e0"},
		{"41 digits", forty + "7", forty + "…e0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := decimal.RequireFromString(tt.from)
			_, err := tier.New(tier.Spec{Mode: tier.AllUnits, Boundary: tier.LowerInclusive,
				Tiers: []tier.Tier{{From: d("0"), Rate: rate("1%")}, {From: from, Rate: rate("2%")}}})
			var se *tier.SpecError
			if !errors.As(err, &se) || !errors.Is(err, tier.ErrRange) {
				t.Fatalf("New: %v, want an ErrRange *SpecError", err)
			}
			if se.Path != "/tiers/1/from" || se.Value != tt.want {
				t.Errorf("SpecError %s = %q, want /tiers/1/from = %q", se.Path, se.Value, tt.want)
			}
		})
	}
}
