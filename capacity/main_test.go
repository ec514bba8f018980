package capacity_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/money"
)

func TestMain(m *testing.M) { proptest.Main(m) }

var usd = money.MustCurrency("USD")

func d(s string) decimal.Decimal { return money.MustDecimal(s) }

func amt(s string) money.Amount { return money.MustParse(s) }

func rate(s string) money.Rate { return money.MustRate(s) }

// seedModel is DOMAIN.md §2's "doing the math": 1:1 services, $200/hr,
// 1000 billable hours a year, 5 consultants per partner, 20 % productive.
func seedModel() capacity.Model {
	return capacity.Model{
		ServiceRatio:          d("1"),
		HourlyRate:            amt("200 USD"),
		BillableHours:         d("1000"),
		ConsultantsPerPartner: d("5"),
		Funnel:                capacity.Share(rate("20%")),
	}
}
