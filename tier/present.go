package tier

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// RequirePresent reports every member of s's JSON form that s's mode uses
// to compute a payout but that has reports absent, as *SpecError values
// unwrapping to ErrMissing, joined (nil if none). has is called with JSON
// Pointers relative to the schedule ("/tiers/2/rate"). ParseSchedule uses
// it on the document it decoded; a decoder that embeds a Spec in a larger
// document calls it with its own prefix. A Spec built in Go needs no
// check: every field there is a stated value.
//
// Required by mode: every tier's from; in the rate modes each tier's rate
// or price (a flat fee is optional); in increment, flat-per-tier and
// package each tier's amount; the threshold in retro-from-threshold and
// increment; the step in increment and package; rate_places in linear.
// The mode, the boundary and linear's rounding are enums whose absence New
// already reports.
func (s Spec) RequirePresent(has func(pointer string) bool) error {
	if !s.Mode.IsValid() {
		return nil
	}
	var v specErrs
	missing := func(p, what string) {
		v.add(p, "", fmt.Errorf("%w: %s is required in %s mode", ErrMissing, what, s.Mode))
	}
	for i := range min(len(s.Tiers), MaxTiers) {
		if p := field.At("tiers", i, "from"); !has(p) {
			missing(p, "the tier's lower bound")
		}
		if usesRates(s.Mode) {
			if r, pr := field.At("tiers", i, "rate"), field.At("tiers", i, "price"); !has(r) && !has(pr) {
				missing(r, "a rate (or a price per unit)")
			}
		} else if p := field.At("tiers", i, "amount"); !has(p) {
			missing(p, "the tier's amount")
		}
	}
	if usesThreshold(s.Mode) && !has("/threshold") {
		missing("/threshold", "a threshold")
	}
	if usesStep(s.Mode) && !has("/step") {
		missing("/step", "a step")
	}
	if s.Mode == Linear && !has("/rate_places") {
		missing("/rate_places", "rate_places")
	}
	return errors.Join(v...)
}

// specJSON is the JSON form MarshalJSON writes: the members the mode
// uses always (a zero rate is written "0%", so that the document reads
// back), any other member only when it is set.
type specJSON struct {
	Mode          Mode               `json:"mode"`
	Boundary      Boundary           `json:"boundary"`
	Tiers         []tierJSON         `json:"tiers"`
	Threshold     *decimal.Decimal   `json:"threshold,omitempty"`
	Step          *decimal.Decimal   `json:"step,omitempty"`
	RatePlaces    *int32             `json:"rate_places,omitempty"`
	Rounding      money.RoundingMode `json:"rounding,omitzero"`
	RatesAbove100 bool               `json:"rates_above_100_percent,omitzero"`
}

type tierJSON struct {
	From   decimal.Decimal  `json:"from"`
	Rate   *money.Rate      `json:"rate,omitempty"`
	Price  *decimal.Decimal `json:"price,omitempty"`
	Flat   *decimal.Decimal `json:"flat,omitempty"`
	Amount *decimal.Decimal `json:"amount,omitempty"`
}

// decIf returns &d if the member is required or set, else nil.
func decIf(required bool, d decimal.Decimal) *decimal.Decimal {
	if required || !d.IsZero() {
		return &d
	}
	return nil
}

// MarshalJSON writes s in its JSON form: snake_case members, decimals as
// strings, rates with their unit ("2.5%", "0%"); the members the mode
// uses are always written, so that ParseSchedule reads the document back
// (a zero rate is stated, not omitted), the others only when set.
func (s Spec) MarshalJSON() ([]byte, error) {
	rates, perUnit := usesRates(s.Mode), s.perUnit()
	out := specJSON{
		Mode: s.Mode, Boundary: s.Boundary, Tiers: make([]tierJSON, len(s.Tiers)),
		Threshold:     decIf(usesThreshold(s.Mode), s.Threshold),
		Step:          decIf(usesStep(s.Mode), s.Step),
		Rounding:      s.Rounding,
		RatesAbove100: s.RatesAbove100,
	}
	if s.Mode == Linear || s.RatePlaces != 0 {
		out.RatePlaces = &s.RatePlaces
	}
	for i, t := range s.Tiers {
		tj := tierJSON{
			From:   t.From,
			Price:  decIf(rates && perUnit, t.Price),
			Flat:   decIf(false, t.Flat),
			Amount: decIf(!rates && s.Mode.IsValid(), t.Amount),
		}
		if r := t.Rate; (rates && !perUnit) || !r.IsZero() {
			tj.Rate = &r
		}
		out.Tiers[i] = tj
	}
	return strictjson.Marshal(out, strictjson.RatesWithUnit())
}
