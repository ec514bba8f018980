package loyalty_test

import (
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/loyalty"
)

// workedPartners are three partners scored on 1 April 2025.
func workedPartners() []loyalty.PartnerActivity {
	at := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	return []loyalty.PartnerActivity{
		{ID: "acme", Events: []loyalty.Activity{
			{Kind: "course", At: at("2025-03-31"), Count: 3},
			{Kind: "deal_registered", At: at("2025-03-02"), Count: 1},
			{Kind: "login", At: at("2025-04-01"), Count: 4},
		}},
		{ID: "bolt", Events: []loyalty.Activity{
			{Kind: "course", At: at("2025-01-01"), Count: 1},
			{Kind: "deal_registered", At: at("2025-04-01"), Count: 2},
			{Kind: "login", At: at("2025-03-31"), Count: 4},
		}},
		{ID: "core", Events: []loyalty.Activity{
			{Kind: "login", At: at("2025-04-01"), Count: 4},
		}},
	}
}

// Three partners scored on 1 April 2025 with a 30-day half-life and a
// 90-day window. acme's three courses on 31 March are capped at 2 a
// month: 2 × 2 points × 0.9771 (2^(−1/30) = 0.977159…, rounded down to
// 4 places) = 3.9084, against a target of 10: 0.39084. Its deal,
// 30 days old, keeps 5 × 0.5 = 2.5 points; min-max over 0 … 10 gives
// 0.25. Its 2 portal points tie with core's and beat bolt's 1.9542:
// percentile rank (1 + 2/2) / 3 = 0.666666666 (rounded down to 9
// places). Score = 50 × 0.39084 + 30 × 0.25 + 20 × 0.666666666 =
// 19.542 + 7.5 + 13.33333332 = 40.37533332 → 40.38 (amber). The
// breakdown floors 19.54 + 7.50 + 13.33 = 40.37 and gives the missing
// hundredth to the largest remainder (portal, 0.00333332): 13.34.
// bolt's course of 1 January is 90 days old: outside the window, but in
// its lifetime score at 2 × 2^(−3) = 0.25 points.
func ExampleScorer_Score() {
	s := loyalty.MustParseScorer(scorerDoc)
	scores, err := s.Score(workedPartners(), time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range scores.Len() {
		p := scores.Partner(i)
		fmt.Printf("%s rolling %s (%s), lifetime %s\n", p.Partner, p.Rolling.Score.StringFixed(2), p.Rolling.Band, p.Lifetime.Score.StringFixed(2))
		for _, pl := range p.Rolling.Pillars {
			fmt.Printf("  %-8s raw %-7s normalised %s points %s\n", pl.Pillar, pl.Raw.String(), pl.Normalised.String(), pl.Points.StringFixed(2))
		}
	}
	// Output:
	// acme rolling 40.38 (amber), lifetime 40.38
	//   training raw 3.9084  normalised 0.39084 points 19.54
	//   deals    raw 2.5     normalised 0.25 points 7.50
	//   portal   raw 2       normalised 0.666666666 points 13.34
	// bolt rolling 33.33 (red), lifetime 34.58
	//   training raw 0       normalised 0 points 0.00
	//   deals    raw 10      normalised 1 points 30.00
	//   portal   raw 1.9542  normalised 0.166666666 points 3.33
	// core rolling 13.33 (red), lifetime 13.33
	//   training raw 0       normalised 0 points 0.00
	//   deals    raw 0       normalised 0 points 0.00
	//   portal   raw 2       normalised 0.666666666 points 13.33
}

// The decay factor of a 30-day half-life is exact to the scorer's 4
// places, rounded down: 2^(−1/30) = 0.977159…, 2^(−45/30) = 0.353553…,
// 2^(−2) = 0.25, 2^(−365/30) = 0.000217….
func ExampleScorer_DecayFactor() {
	s := loyalty.MustParseScorer(scorerDoc)
	for _, age := range []int{0, 1, 45, 60, 365} {
		fmt.Println(age, s.DecayFactor(age))
	}
	// Output:
	// 0 1
	// 1 0.9771
	// 45 0.3535
	// 60 0.25
	// 365 0.0002
}
