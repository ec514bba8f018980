package tier

import (
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Portion is what one tier's terms paid on, for explaining a payout tier by
// tier (see Schedule.Portions). All figures are exact and unrounded.
type Portion struct {
	// Tier is the 1-based tier, or 0 for a volume below the first tier.
	Tier int `json:"tier"`
	// From is the tier's lower bound (for Tier 0: zero, unused).
	From decimal.Decimal `json:"from"`
	// To is the next tier's lower bound; for Tier 0 the first tier's
	// bound. It is zero, and Unbounded is true, for the last tier (in
	// JSON, "to" is then absent).
	To        decimal.Decimal `json:"to,omitzero"`
	Unbounded bool            `json:"unbounded,omitzero"`
	// Volume is the volume the tier's terms applied to: in Incremental the
	// part of x inside the tier (min(x, To) − From; x − the first bound
	// below the first tier), in the other rate modes x itself (x − θ in
	// RetroFromThreshold), zero in the amount modes.
	Volume decimal.Decimal `json:"volume"`
	// Rate is the tier's rate or price per unit (the interpolated rate for
	// Linear); zero in the amount modes.
	Rate money.Rate `json:"rate"`
	// Flat is the tier's flat fee, if any.
	Flat decimal.Decimal `json:"flat,omitzero"`
	// Payout is what this portion paid: Rate·Volume + Flat in the rate
	// modes, the schedule's payout in the amount modes.
	Payout decimal.Decimal `json:"payout"`
}

// Equal reports whether p and o are equal field by field (decimals
// compared numerically).
func (p Portion) Equal(o Portion) bool {
	return p.Tier == o.Tier && p.From.Equal(o.From) && p.To.Equal(o.To) && p.Unbounded == o.Unbounded &&
		p.Volume.Equal(o.Volume) && p.Rate.Equal(o.Rate) && p.Flat.Equal(o.Flat) && p.Payout.Equal(o.Payout)
}

// Portions breaks the payout of cumulative volume x down by tier, so that a
// statement can say which part of the volume earned what. In Incremental
// there is one portion per tier x reaches, in order, each paying its rate
// on its own slice of the volume (plus its flat fee); in every other mode
// a single portion, the tier x reached (the knot starting x's segment for
// Linear), whose terms paid on the whole volume. The portions' payouts sum
// exactly to Payout(x). A volume below the first tier gives one portion
// with Tier 0. The zero Schedule gives nil.
func (s Schedule) Portions(x decimal.Decimal) []Portion {
	t := s.spec.Tiers
	if len(t) == 0 {
		return nil
	}
	j := s.locate(x)
	if j < 0 {
		p := Portion{To: t[0].From, Payout: s.payoutIn(j, x)}
		switch s.spec.Mode {
		case AllUnits, Linear:
			p.Rate, p.Volume = s.rates[0], x
		case Incremental:
			p.Rate, p.Volume = s.rates[0], x.Sub(t[0].From)
		case RetroFromThreshold, FlatPerTier, Increment, Package, ModeUnspecified:
		}
		return []Portion{p}
	}
	if s.spec.Mode != Incremental {
		p := s.portion(j)
		p.Payout = s.payoutIn(j, x)
		switch s.spec.Mode {
		case AllUnits:
			p.Volume = x
		case Linear:
			p.Volume, p.Rate = x, s.linearRate(j, x)
		case RetroFromThreshold:
			if x.Cmp(s.spec.Threshold) > 0 {
				p.Volume = x.Sub(s.spec.Threshold)
			}
		case Incremental, FlatPerTier, Increment, Package, ModeUnspecified:
		}
		return []Portion{p}
	}
	out := make([]Portion, 0, j+1)
	for i := 0; i <= j; i++ {
		p := s.portion(i)
		hi := x
		if i < j {
			hi = p.To
		}
		p.Volume = hi.Sub(p.From)
		p.Payout = p.Rate.Of(p.Volume).Add(p.Flat)
		out = append(out, p)
	}
	return out
}

// portion returns tier i's bounds and terms, without volume or payout.
func (s Schedule) portion(i int) Portion {
	t := s.spec.Tiers
	p := Portion{Tier: i + 1, From: t[i].From, Flat: t[i].Flat}
	if i+1 < len(t) {
		p.To = t[i+1].From
	} else {
		p.Unbounded = true
	}
	if usesRates(s.spec.Mode) {
		p.Rate = s.rates[i]
	}
	return p
}
