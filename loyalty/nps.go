package loyalty

import (
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// NPS is a Net Promoter Score tally: answers 9–10 are promoters, 7–8
// passives, 0–6 detractors. Its value, (promoters − detractors) /
// responses × 100, is exact as the counts; Value rounds it once.
type NPS struct {
	Promoters  int `json:"promoters"`
	Passives   int `json:"passives"`
	Detractors int `json:"detractors"`
}

// Responses returns the number of answers.
func (n NPS) Responses() int { return n.Promoters + n.Passives + n.Detractors }

// Value returns (promoters − detractors) / responses × 100 rounded once
// to places with mode, in [−100, 100]; no responses is an ErrEmpty
// error.
func (n NPS) Value(places int32, mode money.RoundingMode) (decimal.Decimal, error) {
	if n.Responses() == 0 {
		return decimal.Decimal{}, inputErr("", "", ErrEmpty)
	}
	return money.Div(decimal.New(int64(n.Promoters-n.Detractors)*100, 0), decimal.New(int64(n.Responses()), 0), places, mode)
}

// TallyNPS counts survey answers on the 0–10 scale; an answer outside it
// is an ErrRange error at "/answers/<i>".
func TallyNPS(answers []int) (NPS, error) {
	var n NPS
	for i, a := range answers {
		switch {
		case a < 0 || a > 10:
			return NPS{}, inputErr(field.At("answers", i), itoa(int64(a)), ErrRange)
		case a >= 9:
			n.Promoters++
		case a >= 7:
			n.Passives++
		default:
			n.Detractors++
		}
	}
	return n, nil
}
