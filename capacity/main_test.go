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

// seedSpec is the worked "doing the math" example: 1:1 services,
// $200/hr, 1000 billable hours a year, 5 consultants per partner, 20 %
// productive.
func seedSpec() capacity.ModelSpec {
	return capacity.ModelSpec{
		ServiceRatio:          d("1"),
		HourlyRate:            amt("200 USD"),
		BillableHours:         d("1000"),
		ConsultantsPerPartner: d("5"),
		Funnel:                capacity.Share(rate("20%")),
	}
}

// seedModel is seedSpec compiled.
func seedModel() capacity.Model { return model(seedSpec()) }

// model compiles a spec that the test knows to be valid.
func model(spec capacity.ModelSpec) capacity.Model {
	m, err := capacity.New(spec)
	if err != nil {
		panic(err) // test literals only
	}
	return m
}

// required compiles spec and works it forward to target: the errors of
// both steps, as a host calling New then Required sees them.
func required(spec capacity.ModelSpec, target money.Amount) (capacity.Sizing, error) {
	m, err := capacity.New(spec)
	if err != nil {
		return capacity.Sizing{}, err
	}
	return capacity.Required(m, target)
}

// rat returns the exact ratio num/den for expected figures.
func rat(num, den string) capacity.Ratio {
	r, err := capacity.NewRatio(d(num), d(den))
	if err != nil {
		panic(err) // test literals only
	}
	return r
}

// r12 returns r at the package's default 12 places, as text.
func r12(r capacity.Ratio) string { return money.FormatDecimal(r.Decimal(), capacity.SharePlaces) }
