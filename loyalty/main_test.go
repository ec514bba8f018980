package loyalty_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/money"
)

func TestMain(m *testing.M) { proptest.Main(m) }

func d(s string) decimal.Decimal { return money.MustDecimal(s) }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err) // test literals only
	}
	return t
}

// scorerDoc is the worked scorer of the examples and golden tests.
const scorerDoc = `{
  "score_places": 2, "point_places": 4, "half_life_days": 30, "window_days": 90,
  "pillars": [
    {"name": "training", "weight": "50%", "normalisation": "fixed-target", "target": "10"},
    {"name": "deals", "weight": "30%", "normalisation": "min-max"},
    {"name": "portal", "weight": "20%", "normalisation": "percentile-rank"}
  ],
  "activities": [
    {"kind": "course", "pillar": "training", "points": "2", "cap": 2, "cap_window": "month"},
    {"kind": "deal_registered", "pillar": "deals", "points": "5"},
    {"kind": "login", "pillar": "portal", "points": "0.5"}
  ],
  "bands": [{"name": "green", "from": "70"}, {"name": "amber", "from": "40"}, {"name": "red", "from": "0"}]
}`
