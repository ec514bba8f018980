package incentive_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A recoverable draw tops the partner's rebate up to 1,000.00 a quarter;
// the advance is recovered from later earnings above the draw, at most
// 300.00 a quarter, and what is left at termination is forgiven.
func ExampleLedger_Draw() {
	p := incentive.MustParsePlan(rebatePlan)
	d := incentive.MustParseDraw(`{"id": "ramp-draw", "recipient": {"kind": "partner", "id": "acme"},
		"kind": "recoverable", "currency": "USD", "amount": "1000.00", "recovery_cap": "300.00"}`)
	q4 := incentive.NewPeriod("2025-Q4", incentive.MustDate("2025-10-01"), incentive.MustDate("2026-01-01"))
	nov := incentive.Transaction{ID: "2", Date: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC), Kind: incentive.Sale,
		PartnerID: "acme", Amount: money.MustParse("150000.00 USD")}

	var l incentive.Ledger
	r1, _ := incentive.Evaluate(p, q3(), nil, slices.Values([]incentive.Transaction{sale("1", "acme", "40000.00")}))
	l, _, _ = l.Settle("2025-10", r1) // 1 % × 40,000 = 400.00
	l, s1, _ := l.Draw("2025-10", "2025-Q3", d)
	fmt.Println(s1.Sentence())

	r2, _ := incentive.Evaluate(p, q4, nil, slices.Values([]incentive.Transaction{nov}))
	l, _, _ = l.Settle("2026-01", r2) // 2 % × 150,000 = 3,000.00
	l, s2, _ := l.Draw("2026-01", "2025-Q4", d)
	fmt.Println(s2.Sentence())

	_, s3, _ := l.EndDraw("2026-04", "2026-Q1", d)
	fmt.Println(s3.Sentence())
	// Output:
	// partner:acme's recoverable draw ramp-draw of 1,000.00 USD in 2025-Q3: earned 400.00, below the draw, so 600.00 drawn and 1,000.00 paid; balance 0.00 + 600.00 drawn - 0.00 recovered = 600.00.
	// partner:acme's recoverable draw ramp-draw of 1,000.00 USD in 2025-Q4: earned 3,000.00, at or above the draw, so nothing drawn, 300.00 recovered (the least of the balance 600.00, the cap 300.00, and the 2,000.00 earned above the draw) and 2,700.00 paid; balance 600.00 + 0.00 drawn - 300.00 recovered = 300.00.
	// partner:acme's recoverable draw ramp-draw of 1,000.00 USD in 2026-Q1: the draw ends and the balance of 300.00 is forgiven, nothing paid; balance 300.00 - 300.00 forgiven = 0.00.
}
