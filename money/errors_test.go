package money_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// The full text of every kind of error, written from the formats the
// types document:
//
//	ParseError             money: <Func> <quoted input>: <reason>
//	RangeError             money: <Quantity> = <Value> outside [<Min>, <Max>]
//	CurrencyMismatchError  money: <Op>: currency mismatch <A> vs <B>
//	WeightError            money: weight <Index> (key <quoted Key>): <reason>
//	EnumError              money: unknown rounding mode <quoted> (valid: …; did you mean …?)
//
// where a reason is a sentinel's text without "money: ".
func TestErrorMessages(t *testing.T) {
	usd, eur := money.MustCurrency("USD"), money.MustCurrency("EUR")
	dem, err := money.ParseHistoricCurrency("DEM", 2)
	if err != nil {
		t.Fatal(err)
	}
	one := decimal.New(1, 0)
	msg := func(_ any, err error) string {
		if err == nil {
			return "<nil>"
		}
		return err.Error()
	}
	got := map[string]string{
		// ParseError.
		"syntax":         msg(money.Parse("1e3 USD")),
		"unknown":        msg(money.Parse("1.00 ABC")),
		"withdrawn":      msg(money.ParseCurrency("DEM")),
		"no minor unit":  msg(money.ParseCurrency("XAU")),
		"lower case":     msg(money.ParseCurrency("usd")),
		"NUL":            msg(money.ParseDecimal("1\x00")),
		"too long":       msg(money.ParseDecimal(strings.Repeat("7", 100))),
		"rate syntax":    msg(money.ParseRate("2.5 %")),
		"amount json":    msg(nil, new(money.Amount).UnmarshalJSON([]byte("12"))),
		"currency text":  msg(nil, new(money.Currency).UnmarshalText([]byte("ZWL"))),
		"historic error": msg(money.ParseHistoricCurrency("XDR", 2)),
		// RangeError.
		"places":          msg(money.Round(one, -1, money.HalfEven)),
		"declared range":  msg(money.ParseRateIn("discount", "120%", money.MustRate("0"), money.MustRate("1"))),
		"parts":           msg(money.Split(money.FromMinor(100, usd), 0)),
		"convert rate":    msg(money.FromMinor(100, usd).Convert(eur, decimal.Decimal{}, money.HalfEven)),
		"exponent":        msg(money.Round(decimal.New(1, 1001), 2, money.HalfEven)),
		"historic digits": msg(money.ParseHistoricCurrency("DEM", 5)),
		"current digits":  msg(money.ParseHistoricCurrency("JPY", 2)),
		// CurrencyMismatchError.
		"add": msg(money.FromMinor(1, usd).Add(money.FromMinor(1, eur))),
		"sub": msg(money.FromMinor(1, eur).Sub(money.FromMinor(1, usd))),
		"cmp": msg(money.FromMinor(1, usd).Cmp(money.FromMinor(1, dem))),
		"sum": msg(money.Sum(usd, money.FromMinor(1, usd), money.FromMinor(1, eur))),
		// WeightError.
		"negative weight": msg(money.Allocate(money.FromMinor(100, usd), []money.Weight{{Key: "a", Value: decimal.New(-1, 0)}})),
		"duplicate key":   msg(money.Allocate(money.FromMinor(100, usd), []money.Weight{{Key: "a", Value: one}, {Key: "a", Value: one}})),
		// EnumError.
		"mode": msg(money.ParseRoundingMode("half_even")),
		// Sentinels wrapped with the operation.
		"invalid currency": msg(money.Amount{}.Round(money.HalfEven)),
		"withdrawn text":   msg(money.FromMinor(1, dem).MarshalText()),
		"division by zero": msg(money.Div(one, decimal.Decimal{}, 2, money.HalfEven)),
	}
	want := map[string]string{
		"syntax":         `money: ParseDecimal "1e3": invalid syntax`,
		"unknown":        `money: Parse "1.00 ABC": unknown currency`,
		"withdrawn":      `money: ParseCurrency "DEM": withdrawn currency`,
		"no minor unit":  `money: ParseCurrency "XAU": currency has no minor unit`,
		"lower case":     `money: ParseCurrency "usd": invalid syntax`,
		"NUL":            `money: ParseDecimal "1\x00": invalid syntax`,
		"too long":       `money: ParseDecimal "` + strings.Repeat("7", 64) + `…": value out of range`,
		"rate syntax":    `money: ParseRate "2.5 %": invalid syntax`,
		"amount json":    `money: Amount.UnmarshalJSON "12": invalid syntax`,
		"currency text":  `money: ParseCurrency "ZWL": withdrawn currency`,
		"historic error": `money: ParseHistoricCurrency "XDR": currency has no minor unit`,

		"places":          `money: places = -1 outside [0, 40]`,
		"declared range":  `money: discount = 120% outside [0%, 100%]`,
		"parts":           `money: number of parts = 0 outside [1, 1000000]`,
		"convert rate":    `money: rate = 0 outside [0 (exclusive), +inf]`,
		"exponent":        `money: exponent of d = 1001 outside [-1000, 1000]`,
		"historic digits": `money: minor-unit digits of DEM = 5 outside [0, 4]`,
		"current digits":  `money: minor-unit digits of JPY = 2 outside [0, 0]`,

		"add": `money: Add: currency mismatch USD vs EUR`,
		"sub": `money: Sub: currency mismatch EUR vs USD`,
		"cmp": `money: Cmp: currency mismatch USD vs DEM`,
		"sum": `money: Sum: currency mismatch USD vs EUR`,

		"negative weight": `money: weight 0 (key "a"): negative weight`,
		"duplicate key":   `money: weight 1 (key "a"): duplicate key`,

		"mode": `money: unknown rounding mode "half_even" (valid: half-even, half-up, half-down, toward-zero, away-from-zero, ceiling, floor; did you mean "half-even"?)`,

		"invalid currency": `money: invalid currency (in Round)`,
		"withdrawn text":   `money: withdrawn currency DEM (in MarshalText)`,
		"division by zero": `money: division by zero`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("messages (-want +got):\n%s", d)
	}
}
