package money

import (
	"fmt"

	"golang.org/x/text/currency"
)

// Currency is an ISO 4217 currency with its number of minor-unit digits.
// The zero value is invalid; get one from ParseCurrency.
type Currency struct {
	code   [3]byte
	digits uint8
}

// ParseCurrency returns the currency for an ISO 4217 alphabetic code. The
// code must be exactly three ASCII upper-case letters. Its minor-unit
// digits come from CLDR via golang.org/x/text/currency. Unknown codes and
// XXX ("no currency") are ErrUnknownCurrency; malformed text is ErrSyntax.
func ParseCurrency(code string) (Currency, error) {
	if len(code) != 3 {
		return Currency{}, parseError("ParseCurrency", code, ErrSyntax)
	}
	for i := 0; i < 3; i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return Currency{}, parseError("ParseCurrency", code, ErrSyntax)
		}
	}
	if code == "XXX" {
		return Currency{}, parseError("ParseCurrency", code, ErrUnknownCurrency)
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return Currency{}, parseError("ParseCurrency", code, ErrUnknownCurrency)
	}
	scale, _ := currency.Standard.Rounding(u)
	var c Currency
	copy(c.code[:], code)
	c.digits = uint8(scale)
	return c, nil
}

// MustCurrency is ParseCurrency that panics on error. It is meant for
// literals in tests and examples.
func MustCurrency(code string) Currency {
	c, err := ParseCurrency(code)
	if err != nil {
		panic(err)
	}
	return c
}

// IsValid reports whether c is a currency (not the zero value).
func (c Currency) IsValid() bool { return c.code[0] != 0 }

// Code returns the ISO 4217 code, or "" for the zero Currency.
func (c Currency) Code() string {
	if !c.IsValid() {
		return ""
	}
	return string(c.code[:])
}

// Digits returns the number of minor-unit digits (2 for USD, 0 for JPY).
func (c Currency) Digits() int32 { return int32(c.digits) }

// String returns the code, or "Currency(invalid)" for the zero value.
func (c Currency) String() string {
	if !c.IsValid() {
		return "Currency(invalid)"
	}
	return c.Code()
}

// MarshalText returns the code. The zero Currency fails with
// ErrInvalidCurrency.
func (c Currency) MarshalText() ([]byte, error) {
	if !c.IsValid() {
		return nil, ErrInvalidCurrency
	}
	return []byte(c.Code()), nil
}

// UnmarshalText parses a code as ParseCurrency does.
func (c *Currency) UnmarshalText(b []byte) error {
	v, err := ParseCurrency(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

func (c Currency) check(op string) error {
	if !c.IsValid() {
		return fmt.Errorf("%w (in %s)", ErrInvalidCurrency, op)
	}
	return nil
}
