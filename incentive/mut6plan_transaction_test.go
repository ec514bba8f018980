package incentive

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/money"
)

// Transaction checks a plan needs no term for: a term_months outside 1 to
// MaxTermMonths (600) on a sale is still refused when the plan values no
// contract (checkSigned calls checkTerm whenever TermMonths is set), and
// a qualifying event's credit split is checked after its term (the event
// case returns checkTerm's error only when there is one). Each error is
// a *DataError naming the transaction, the member and the value.
func TestPlanTransactionChecksWithoutTermNeed(t *testing.T) {
	p := MustParsePlan(mutate("", ""))
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	withTerm := func(m int32) Transaction {
		tx := sale("t1", 3, "50.00")
		tx.TermMonths = m
		return tx
	}
	event := Transaction{ID: "e1", Date: time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), Kind: QualifyingEvent, PartnerID: "acme",
		Event: "webinar", Credits: []Credit{{Recipient: Recipient{RecipientPartner, "acme"}, Share: money.MustRate("0%")}}}
	tests := []struct {
		name string
		tx   Transaction
		want string
	}{
		{"term -1", withTerm(-1), `incentive: transaction "t1": /term_months = "-1": invalid transaction: a term is 1 to 600 months`},
		{"term 601", withTerm(MaxTermMonths + 1), `incentive: transaction "t1": /term_months = "601": invalid transaction: a term is 1 to 600 months`},
		{"event share 0%", event, `incentive: transaction "e1": /credits/0/share = "0%": invalid transaction: credit split: a share is more than 0% and at most 100%`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Evaluate(p, q3, nil, slices.Values([]Transaction{tt.tx}))
			var de *DataError
			if !errors.As(err, &de) || !errors.Is(err, ErrData) || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	// Term 600 is fine: 50.00 is below the 100 tier, so the sale pays
	// 1 % × 50.00 = 0.50.
	r, err := Evaluate(p, q3, nil, slices.Values([]Transaction{withTerm(MaxTermMonths)}))
	if err != nil || len(r.Lines) != 1 || r.Lines[0].Amount().String() != "0.5" {
		t.Errorf("term 600: %v, %+v", err, r.Lines)
	}
}
