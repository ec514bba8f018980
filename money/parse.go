package money

import (
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// MaxTextLen bounds the length in bytes of any text this package parses.
const MaxTextLen = 80

// ParseDecimal parses a plain decimal number strictly: an optional ASCII
// '-', one or more ASCII digits, and optionally '.' followed by one or more
// ASCII digits. No '+', exponent, spaces, thousands separators, Unicode
// digits or minus signs, and at most MaxTextLen bytes. "-0" is zero.
// Domain packages use it for every decimal they decode. It reads none of
// shopspring's global settings (decimal.MaxDecodeExponent included).
func ParseDecimal(s string) (decimal.Decimal, error) {
	if c, e, ok := parseCompact(s); ok {
		return decimal.New(c, e), nil // the value NewFromString reads, without its big.Int parse
	}
	return parseDecimalWide(s)
}

// parseDecimalWide is ParseDecimal through math/big: for a text whose
// coefficient does not fit an int64, and for every error. Once the syntax
// is checked the text is an optional '-', digits and an optional point
// followed by digits: the coefficient is the digits without the point,
// the exponent minus the number of digits after it (what
// decimal.NewFromString reads, without its global limit on exponents).
func parseDecimalWide(s string) (decimal.Decimal, error) {
	if err := checkDecimalSyntax(s); err != nil {
		return decimal.Decimal{}, parseError("ParseDecimal", s, err)
	}
	whole, frac, _ := strings.Cut(s, ".")
	c, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok {
		return decimal.Decimal{}, parseError("ParseDecimal", s, ErrSyntax) // unreachable after the syntax check
	}
	return decimal.NewFromBigInt(c, -int32(len(frac))), nil
}

// MustDecimal is ParseDecimal that panics on error, for literals in tests
// and examples.
func MustDecimal(s string) decimal.Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

func checkDecimalSyntax(s string) error {
	if len(s) == 0 || len(s) > MaxTextLen {
		if len(s) > MaxTextLen {
			return ErrRange
		}
		return ErrSyntax
	}
	i := 0
	if s[0] == '-' {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if digits == 0 {
		return ErrSyntax
	}
	if i == len(s) {
		return nil
	}
	if s[i] != '.' {
		return ErrSyntax
	}
	i++
	frac := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		frac++
	}
	if frac == 0 || i != len(s) {
		return ErrSyntax
	}
	return nil
}

// unquoteJSON returns the contents of a JSON string token holding plain
// ASCII text (the only kind money texts are). JSON numbers, null, and
// strings with escapes are rejected.
func unquoteJSON(fn string, b []byte) (string, error) {
	if len(b) > MaxTextLen+6 {
		return "", parseError(fn, string(b), ErrRange)
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", parseError(fn, string(b), ErrSyntax) // number, null, object…
	}
	inner := b[1 : len(b)-1]
	for _, c := range inner {
		if c == '"' || c == '\\' || c < 0x20 || c >= 0x7f {
			return "", parseError(fn, string(b), ErrSyntax)
		}
	}
	return string(inner), nil
}

// FormatDecimal writes d in plain notation with at least places digits
// after the point (more only if d carries more), without reading
// shopspring's global settings. places is limited to [0, MaxPlaces].
// ParseDecimal reads the text back exactly when it fits MaxTextLen bytes.
// A value outside the operating range (see MaxExponent) is written in a
// compact exponent form for display, which ParseDecimal rejects.
func FormatDecimal(d decimal.Decimal, places int32) string { return formatFixed(d, places) }
