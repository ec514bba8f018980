package margin

import (
	"fmt"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// EarningFromIncentive turns a payout line of package incentive into a
// declared earning of kind (Rebate, Incentive or SPIF): the line's amount
// in the plan's currency, the component's ID as the name, the plan and
// component (with versions, period and plan hash) as the origin, and the
// line's trace sentence as the note, so the P&L line keeps its source.
// A kind outside the back-end lever is an *InputError at "/kind"; the
// zero Line (no currency) is one at "/amount".
func EarningFromIncentive(kind ItemKind, l incentive.Line) (EarningSpec, error) {
	if kind.Lever() != BackEnd {
		return EarningSpec{}, inputErr("/kind", kind.String(), wrap(ErrInvalid, "an earning is a rebate, incentive or spif"))
	}
	t := l.Trace()
	if !t.Currency.IsValid() {
		return EarningSpec{}, inputErr("/amount", "", wrap(ErrMissing, "a line of an evaluated plan"))
	}
	a := money.New(l.Amount(), t.Currency)
	return EarningSpec{
		Kind:   kind,
		Name:   l.Component(),
		Amount: &a,
		Origin: fmt.Sprintf("incentive plan %s v%s component %s v%s, period %s, plan hash %.12s",
			t.Plan, t.PlanVersion, t.Component, t.ComponentVersion, t.Period, t.PlanHash),
		Note: t.Sentence(),
	}, nil
}
