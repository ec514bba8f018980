package analysis_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/money"
)

func TestMain(m *testing.M) { proptest.Main(m) }

func d(s string) decimal.Decimal { return money.MustDecimal(s) }

func dp(s string) *decimal.Decimal { v := d(s); return &v }
