package tier

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// String describes the schedule in one line, in the units its tiers are
// written in: rates as percentages ("2%"), prices per unit as prices ("10
// per unit"), flat fees as "+ 50 flat", e.g.
//
//	all-units, lower-inclusive: 2% from 0; 3% from 100000
//	incremental, upper-inclusive: 10 per unit + 50 flat from 0; 8 per unit from 100
//	package, upper-inclusive: 25 per started block of 100
//
// Decimals are written exactly, with the places they were given. The
// zero Schedule is "invalid schedule".
func (s Schedule) String() string {
	if !s.IsValid() {
		return "invalid schedule"
	}
	sp := s.spec
	var b strings.Builder
	b.WriteString(sp.Mode.String() + ", " + sp.Boundary.String())
	switch sp.Mode {
	case Increment:
		b.WriteString(": " + num(sp.Tiers[0].Amount) + " per full step of " + num(sp.Step) + " above " + num(sp.Threshold))
		return b.String()
	case Package:
		b.WriteString(": " + num(sp.Tiers[0].Amount) + " per started block of " + num(sp.Step))
		return b.String()
	case Linear:
		b.WriteString(", rate to " + strconv.Itoa(int(sp.RatePlaces)) + " places " + sp.Rounding.String())
	case RetroFromThreshold:
		b.WriteString(", above " + num(sp.Threshold))
	case AllUnits, Incremental, FlatPerTier, ModeUnspecified:
	}
	for i, t := range sp.Tiers {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		if sp.Mode == FlatPerTier {
			b.WriteString(num(t.Amount) + " from " + num(t.From))
			continue
		}
		b.WriteString(formatRate(s.rates[i], s.perUnit))
		if !t.Flat.IsZero() {
			b.WriteString(" + " + num(t.Flat) + " flat")
		}
		if sp.Mode == Linear {
			b.WriteString(" at " + num(t.From))
		} else {
			b.WriteString(" from " + num(t.From))
		}
	}
	return b.String()
}

// num writes d exactly, in plain notation.
func num(d decimal.Decimal) string { return money.FormatDecimal(d, 0) }
