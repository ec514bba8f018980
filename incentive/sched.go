package incentive

import (
	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// compileFixed compiles s for the int64 path at the measure's scale, or
// at the smallest finer scale at which every bound, threshold and step is
// exact (bounds with 3 places on a 2-place currency). The result is
// invalid when the schedule does not fit int64 at any scale (huge bounds,
// rates with many places): evaluation then uses tier.Schedule on decimals.
func compileFixed(s tier.Schedule, scale int32) tier.FixedSchedule {
	for sc := scale; sc <= fixed.MaxScale; sc++ {
		if fs, ok := s.Fixed(sc); ok {
			return fs
		}
	}
	return tier.FixedSchedule{}
}

// schedOut is what a schedule evaluation contributes to a trace: the
// exact payout, the tier reached (1-based, 0 below the first tier), the
// tier count and the rate applied (as a fraction; zero in the amount
// modes), as tier.Schedule.Evaluate reports them.
type schedOut struct {
	payout num
	tier   int
	tiers  int
	rate   num
}

// evalSchedule evaluates c's schedule at x: with tier.FixedSchedule when
// x is exact at its scale and nothing overflows, with
// tier.Schedule.Evaluate on decimals otherwise. Both give the same exact
// figures (package tier checks it differentially, and so do this
// package's fast-versus-reference properties).
func (c *component) evalSchedule(x num) schedOut {
	if c.fast.IsValid() {
		if xi, ok := x.at(c.fast.Scale()); ok {
			if r, ok := c.fast.Evaluate(xi); ok {
				return schedOut{payout: small(r.Payout, r.PayoutScale), tier: r.Tier, tiers: r.Tiers,
					rate: small(r.Rate, r.RatePlaces)}
			}
		}
	}
	r := c.sched.Evaluate(x.dec())
	return schedOut{payout: numOf(r.Payout), tier: r.Tier, tiers: r.Tiers, rate: numOf(r.Rate.Fraction())}
}

// appliedRate returns the trace's rate.
func (s schedOut) appliedRate() money.Rate { return money.RateFromFraction(s.rate.dec()) }
