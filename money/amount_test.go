package money_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

func TestCurrencyDigits(t *testing.T) {
	// ISO 4217 minor units: USD 2, JPY 0, BHD 3, CLF 4, CHF 2.
	for code, digits := range map[string]int32{"USD": 2, "EUR": 2, "JPY": 0, "BHD": 3, "CLF": 4, "CHF": 2, "ISK": 0, "KWD": 3} {
		c, err := money.ParseCurrency(code)
		require.NoError(t, err, code)
		require.Equal(t, digits, c.Digits(), code)
		require.Equal(t, code, c.Code())
	}
	for _, bad := range []string{"usd", "US", "USDX", "ABC", "XXX", "", "U$D", "ＵSD"} {
		_, err := money.ParseCurrency(bad)
		require.Error(t, err, bad)
		var pe *money.ParseError
		require.True(t, errors.As(err, &pe), bad)
	}
	_, err := money.ParseCurrency("ABC")
	require.ErrorIs(t, err, money.ErrUnknownCurrency)
	_, err = money.ParseCurrency("usd")
	require.ErrorIs(t, err, money.ErrSyntax)
	require.False(t, money.Currency{}.IsValid())
}

func TestAmountArithmetic(t *testing.T) {
	a := money.MustParse("10.50 USD")
	b := money.MustParse("0.25 USD")
	s, err := a.Add(b)
	require.NoError(t, err)
	require.Equal(t, "10.75 USD", s.String())
	d, err := a.Sub(b)
	require.NoError(t, err)
	require.Equal(t, "10.25 USD", d.String())
	c, err := a.Cmp(b)
	require.NoError(t, err)
	require.Equal(t, 1, c)
	// 10.50 × 3.5 % = 0.3675 exactly; half-even to cents → 0.37 (0.3675 is
	// above 0.365… the digit after 6 is 75 > 50).
	x := a.MulRate(money.MustRate("3.5%"))
	require.Equal(t, "0.36750 USD", x.String()) // exact: 2 + 3 places kept
	r, err := x.Round(money.HalfEven)
	require.NoError(t, err)
	require.Equal(t, "0.37 USD", r.String())
	// 0.125 → half-even 0.12, half-up 0.13.
	h := money.MustParse("0.125 USD")
	r1, _ := h.Round(money.HalfEven)
	r2, _ := h.Round(money.HalfUp)
	require.Equal(t, "0.12 USD", r1.String())
	require.Equal(t, "0.13 USD", r2.String())

	eur := money.MustParse("1.00 EUR")
	_, err = a.Add(eur)
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	var ce *money.CurrencyMismatchError
	require.True(t, errors.As(err, &ce))
	require.Equal(t, "EUR", ce.B.Code())
	_, err = a.Cmp(eur)
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	_, err = money.Sum(a.Currency(), a, b, eur)
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	_, err = money.Amount{}.Add(a)
	require.ErrorIs(t, err, money.ErrInvalidCurrency)
}

func TestConvert(t *testing.T) {
	// 100.00 USD at 0.9137 EUR/USD = 91.37 EUR exactly; 10.00 USD at
	// 151.235 JPY/USD = 1512.35 → half-even to 0 digits = 1512 JPY.
	e, err := money.MustParse("100.00 USD").Convert(money.MustCurrency("EUR"), money.MustDecimal("0.9137"), money.HalfEven)
	require.NoError(t, err)
	require.Equal(t, "91.37 EUR", e.String())
	j, err := money.MustParse("10.00 USD").Convert(money.MustCurrency("JPY"), money.MustDecimal("151.235"), money.HalfEven)
	require.NoError(t, err)
	require.Equal(t, "1512 JPY", j.String())
	_, err = money.MustParse("10.00 USD").Convert(money.MustCurrency("JPY"), decimal.Decimal{}, money.HalfEven)
	require.ErrorIs(t, err, money.ErrRange)
}

func TestMinorUnits(t *testing.T) {
	u, err := money.MustParse("-123.45 USD").MinorUnits()
	require.NoError(t, err)
	require.Equal(t, int64(-12345), u)
	_, err = money.MustParse("1.005 USD").MinorUnits()
	require.ErrorIs(t, err, money.ErrPrecision)
	_, err = money.MustParse("100000000000000000000.00 USD").MinorUnits()
	require.ErrorIs(t, err, money.ErrOverflow)
	require.True(t, money.FromMinor(12345, money.MustCurrency("USD")).Equal(money.MustParse("123.45 USD")))
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{"", "1 usd", "1e3 USD", "+1 USD", "1,000.00 USD", "1.  USD", " 1 USD", "1 USD ",
		"−1 USD", "١ USD", ".5 USD", "5. USD", "1.0.0 USD", "NaN USD", "Inf USD", "0x10 USD",
		strings.Repeat("9", 100) + " USD"} {
		_, err := money.Parse(s)
		require.Error(t, err, "%q", s)
		require.True(t, errors.Is(err, money.ErrSyntax) || errors.Is(err, money.ErrRange) || errors.Is(err, money.ErrUnknownCurrency), "%q: %v", s, err)
	}
	// "-0" is zero, and formats as "0.00".
	z := money.MustParse("-0 USD")
	require.Equal(t, "0.00 USD", z.String())
}

func TestRate(t *testing.T) {
	a, b, c := money.MustRate("2.5%"), money.MustRate("0.025"), money.MustRate("250bp")
	require.True(t, a.Equal(b) && b.Equal(c))
	require.Equal(t, "0.025", a.FormatFraction())
	require.Equal(t, "2.5%", a.FormatPercent())
	require.Equal(t, "250bp", a.FormatBasisPoints())
	require.Equal(t, "2.5%", a.String())
	for _, bad := range []string{"2.5 %", "%", "bp", "2.5pct", "2.5e-2", "+2%", "2.5%%", "−2%", ""} {
		_, err := money.ParseRate(bad)
		require.ErrorIs(t, err, money.ErrSyntax, "%q", bad)
	}
	_, err := money.ParseRateIn("discount", "120%", money.MustRate("0"), money.MustRate("1"))
	require.ErrorIs(t, err, money.ErrRange)
	var re *money.RangeError
	require.True(t, errors.As(err, &re))
	require.Equal(t, "discount", re.Quantity)
	require.Equal(t, "0.9", money.MustRate("10%").Complement().FormatFraction())
}

func TestJSON(t *testing.T) {
	type doc struct {
		Cap  money.Amount `json:"cap"`
		Rate money.Rate   `json:"rate"`
	}
	in := doc{Cap: money.MustParse("500 USD"), Rate: money.MustRate("1.5%")}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.Equal(t, `{"cap":"500.00 USD","rate":"0.015"}`, string(b))
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	require.True(t, out.Cap.Equal(in.Cap) && out.Rate.Equal(in.Rate))
	for _, bad := range []string{`{"cap":500}`, `{"cap":null}`, `{"rate":0.015}`, `{"rate":null}`, `{"cap":"5\u0030 USD"}`, `{"cap":"1e2 USD"}`} {
		var d doc
		require.Error(t, json.Unmarshal([]byte(bad), &d), bad)
	}
	_, err = json.Marshal(doc{})
	require.Error(t, err, "the zero Amount has no currency and cannot be written")
	var m money.RoundingMode
	require.NoError(t, m.UnmarshalText([]byte("half-even")))
	require.Equal(t, money.HalfEven, m)
	require.Error(t, m.UnmarshalText([]byte("HALF-EVEN")))
	_, err = money.RoundingUnspecified.MarshalText()
	require.ErrorIs(t, err, money.ErrRoundingMode)
}

// parse∘format round trips.
func TestRoundTripProperties(t *testing.T) {
	codes := []string{"USD", "JPY", "BHD", "CLF", "EUR"}
	rapid.Check(t, func(t *rapid.T) {
		cur := money.MustCurrency(rapid.SampledFrom(codes).Draw(t, "cur"))
		d := decimal.New(rapid.Int64().Draw(t, "v"), -rapid.Int32Range(0, 10).Draw(t, "e"))
		a := money.New(d, cur)
		b, err := a.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back money.Amount
		if err := back.UnmarshalText(b); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if !back.Equal(a) {
			t.Fatalf("%s → %s", a, back)
		}
		r := money.RateFromFraction(d)
		for _, s := range []string{r.FormatFraction(), r.FormatPercent(), r.FormatBasisPoints()} {
			got, err := money.ParseRate(s)
			if err != nil || !got.Equal(r) {
				t.Fatalf("%s → %v %v", s, got, err)
			}
		}
	})
}

func fuzzSeeds(f *testing.F) {
	for _, s := range []string{"1.00 USD", "-0 JPY", "1e3 USD", "NaN USD", "−1 USD", "١٢ USD", "12 usd", "1,5 EUR",
		"0.025", "2.5%", "250bp", "1e-2", "+1", "", "null", `"1 USD"`, "9999999999999999999999999999999999999.5 BHD",
		strings.Repeat("1", 90), "1.%", "-bp",
		// Hostile: the compact display form of an out-of-range value,
		// full-width and Arabic-Indic digits, an Arabic decimal separator,
		// a zero-width space, a NUL, a fraction slash, a doubled sign.
		"1e1073741824 USD", "１２ USD", "١٫٥ USD", "1\u200b USD", "1\x00 USD", "1⁄2", "--1 USD", "-.5 USD",
		"0." + strings.Repeat("0", 78) + "1 USD", "0." + strings.Repeat("0", 77) + "1bp"} {
		f.Add(s)
	}
}

func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		a, err := money.Parse(s)
		if err != nil {
			var pe *money.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		back, err := money.Parse(a.String())
		if err != nil || !back.Equal(a) {
			t.Fatalf("%q → %s → %v %v", s, a, back, err)
		}
	})
}

func FuzzParseRate(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := money.ParseRate(s)
		if err != nil {
			return
		}
		for _, out := range []string{r.FormatFraction(), r.FormatPercent(), r.FormatBasisPoints()} {
			back, err := money.ParseRate(out)
			if err != nil || !back.Equal(r) {
				t.Fatalf("%q → %s → %v %v", s, out, back, err)
			}
		}
	})
}

func FuzzUnmarshalJSON(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		var a money.Amount
		if err := a.UnmarshalJSON([]byte(s)); err == nil {
			b, err := a.MarshalJSON()
			if err != nil || string(b) != `"`+a.String()+`"` {
				t.Fatalf("%q: %s %v", s, b, err)
			}
		}
		var r money.Rate
		if err := r.UnmarshalJSON([]byte(s)); err == nil {
			b, err := r.MarshalJSON()
			var back money.Rate
			if err != nil || back.UnmarshalJSON(b) != nil || !back.Equal(r) {
				t.Fatalf("%q: %s → %s %v", s, r, b, err)
			}
		}
		if d, err := money.ParseDecimal(s); err == nil {
			if back, err := money.ParseDecimal(money.FormatDecimal(d, 0)); err != nil || !back.Equal(d) {
				t.Fatalf("%q: %v %v", s, back, err)
			}
		}
	})
}

// FuzzParseCurrency: any text either fails with a typed error or is a
// three-letter code that round-trips through MarshalText.
func FuzzParseCurrency(f *testing.F) {
	for _, s := range []string{"USD", "usd", "XXX", "", "US", "USDX", "ＵSD", "U\x00D", "JPY", "CLF", "XTS",
		// Withdrawn (list three), no minor unit, lower and mixed case, NUL,
		// bidi controls, a BOM, a Cyrillic look-alike, a soft hyphen.
		"DEM", "ZWL", "BGN", "ANG", "XAU", "XDR", "iqd", "Usd", "USD\x00", "\x00USD", "\u202eUSD", "US\u200fD",
		"\ufeffUSD", "USD\ufeff", "UЅD", "U\u00adSD", "\xff\xfe\xfd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := money.ParseCurrency(s)
		h, herr := money.ParseHistoricCurrency(s, 2)
		if err != nil {
			var pe *money.ParseError
			if !errors.As(err, &pe) || !(errors.Is(err, money.ErrSyntax) || errors.Is(err, money.ErrUnknownCurrency) ||
				errors.Is(err, money.ErrWithdrawnCurrency) || errors.Is(err, money.ErrNoMinorUnit)) {
				t.Fatalf("%q: untyped error %v", s, err)
			}
			// Only a withdrawn code is accepted by ParseHistoricCurrency
			// and not by ParseCurrency; and it cannot be written as text.
			if herr == nil {
				if !errors.Is(err, money.ErrWithdrawnCurrency) || !h.IsWithdrawn() || h.Digits() != 2 {
					t.Fatalf("%q: ParseHistoricCurrency accepted %v (ParseCurrency: %v)", s, h, err)
				}
				if _, err := h.MarshalText(); !errors.Is(err, money.ErrWithdrawnCurrency) {
					t.Fatalf("%q: withdrawn currency marshalled: %v", s, err)
				}
			}
			return
		}
		b, err := c.MarshalText()
		if err != nil || string(b) != s || c.Digits() < 0 || c.Digits() > 4 || c.IsWithdrawn() {
			t.Fatalf("%q → %s (%d digits) %v", s, b, c.Digits(), err)
		}
		// For a current code ParseHistoricCurrency agrees when told ISO's
		// digits, and refuses other digits.
		if h2, err := money.ParseHistoricCurrency(s, c.Digits()); err != nil || h2 != c {
			t.Fatalf("%q: ParseHistoricCurrency(%d) = %v, %v", s, c.Digits(), h2, err)
		}
		if (herr == nil) != (c.Digits() == 2) {
			t.Fatalf("%q: ParseHistoricCurrency(2) = %v, %v for %d digits", s, h, herr, c.Digits())
		}
	})
}

// FuzzParseRoundingMode: any text either fails or is a mode whose name it
// is.
func FuzzParseRoundingMode(f *testing.F) {
	for _, s := range []string{"half-even", "HALF-EVEN", "unspecified", "", "RoundingMode(9)", "floor ", "ceiling"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := money.ParseRoundingMode(s)
		if err != nil {
			if !errors.Is(err, money.ErrRoundingMode) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		b, err := m.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("%q → %s %v", s, b, err)
		}
	})
}
