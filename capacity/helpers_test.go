package capacity_test

import "github.com/shopspring/decimal"

func decimalInt(i int) decimal.Decimal     { return decimal.NewFromInt(int64(i)) }
func decimalInt64(i int64) decimal.Decimal { return decimal.NewFromInt(i) }
