package margin_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/money"
)

func TestMain(m *testing.M) { proptest.Main(m) }

func d(s string) decimal.Decimal { return money.MustDecimal(s) }

func amt(s string) money.Amount { return money.MustParse(s) }

func rate(s string) money.Rate { return money.MustRate(s) }

func amtp(s string) *money.Amount { a := amt(s); return &a }

func ratep(s string) *money.Rate { r := rate(s); return &r }
