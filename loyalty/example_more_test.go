package loyalty_test

import (
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
)

// Two of three rules must fail. acme has no revenue in its last 2
// quarters (10,000 + 0 + 0 at stake = 10,000.00) and no certified staff;
// bolt only scores below 30; core fails all three.
func ExamplePruneCandidates() {
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	m := money.MustParse
	rules := []loyalty.PruneRule{
		{Kind: loyalty.NoRevenue, Periods: 2},
		{Kind: loyalty.ScoreBelow, Score: money.MustDecimal("30")},
		{Kind: loyalty.NoCertifiedStaff},
	}
	got, err := loyalty.PruneCandidates(rules, 2, []loyalty.PartnerHealth{
		{ID: "core", Revenue: []money.Amount{m("0.00 USD"), m("0.00 USD")}, Score: money.MustDecimal("12")},
		{ID: "bolt", Revenue: []money.Amount{m("500.00 USD"), m("800.00 USD")}, Score: money.MustDecimal("29.99"), CertifiedStaff: 2},
		{ID: "acme", Revenue: []money.Amount{m("10000.00 USD"), m("0.00 USD"), m("0.00 USD")}, Score: money.MustDecimal("55")},
	}, at)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range got {
		fmt.Println(c.ID, "at stake", c.RevenueAtStake)
		for _, f := range c.Failed {
			fmt.Println("  "+f.Rule.String()+":", f.Reason)
		}
	}
	// Output:
	// acme at stake 10000.00 USD
	//   no-revenue: no revenue in the last 2 periods
	//   no-certified-staff: no certified staff
	// core at stake 0.00 USD
	//   no-revenue: no revenue in the last 2 periods
	//   score-below: engagement score 12 is below 30
	//   no-certified-staff: no certified staff
}

// Seven answers: 3 promoters (9, 10, 10), 2 passives (7, 8), 2
// detractors (0, 6): (3 − 2) / 7 × 100 = 14.285714… → 14.3.
func ExampleTallyNPS() {
	n, _ := loyalty.TallyNPS([]int{9, 10, 10, 7, 8, 0, 6})
	v, _ := n.Value(1, money.HalfEven)
	fmt.Println(n.Promoters, n.Passives, n.Detractors, v)
	// Output: 3 2 2 14.3
}

// Business model (40 %) and products sold (30 %) are filled;
// certifications (30 %, required) is missing: 70 %, incomplete.
func ExampleProfileCompleteness() {
	fields := []loyalty.ProfileField{
		{Name: "business_model", Weight: money.MustRate("40%"), Required: true},
		{Name: "products_sold", Weight: money.MustRate("30%")},
		{Name: "certifications", Weight: money.MustRate("30%"), Required: true},
	}
	c, _ := loyalty.ProfileCompleteness(fields, map[string]string{"business_model": "managed services", "products_sold": "backup", "certifications": " "})
	fmt.Println(c.Score.FormatPercent(), c.Complete, c.Missing, c.MissingRequired)
	// Output: 70% false [certifications] [certifications]
}
