package money

import (
	"fmt"
	"strconv"
)

//go:generate go run ./internal/gencurrency -in testdata/iso4217/codes-all.csv -out iso4217.go -date 2026-02-01 -commit ab9b0ae88e8bffd4ac1c468ce9c784738d3376ba

// isoStatus is what ISO 4217 says of a three-letter code.
type isoStatus uint8

const (
	isoUnknown     isoStatus = iota // in neither list
	isoCurrent                      // list one, with minor units
	isoNoMinorUnit                  // list one, minor unit "N.A." (XAU, XDR, XTS, XXX, …)
	isoWithdrawn                    // list three only
)

// maxISODigits is the largest number of minor-unit digits ISO 4217 gives
// a currency (CLF and UYW have 4).
const maxISODigits = 4

// Currency is an ISO 4217 currency with its number of minor-unit digits.
// The zero value is invalid; get one from ParseCurrency (or, for a code
// ISO has withdrawn, ParseHistoricCurrency).
type Currency struct {
	code      [3]byte
	digits    uint8
	withdrawn bool
}

// ParseCurrency returns the current ISO 4217 currency with the alphabetic
// code code, and its minor-unit digits as ISO 4217 list one gives them
// (USD 2, JPY 0, IQD 3, CLF 4). The code must be exactly three ASCII
// upper-case letters, else the error is ErrSyntax. The table is generated
// from the ISO lists as of 2026-02-01 (see the package documentation).
//
// A code ISO has withdrawn (list three: DEM, ZWL, BGN, …) is
// ErrWithdrawnCurrency; ParseHistoricCurrency accepts it on request. A
// code that list one carries without a minor unit (the precious metals
// XAU, XAG, XPD, XPT, the units of account XDR, XSU, XUA, XBA–XBD, the
// testing code XTS and XXX, "no currency") is ErrNoMinorUnit: an amount
// always has a minor unit to round to, and this package never assumes
// one. Any other code is ErrUnknownCurrency. Every error is a
// *ParseError.
func ParseCurrency(code string) (Currency, error) {
	return parseCurrency("ParseCurrency", code, 0, false)
}

// ParseHistoricCurrency is ParseCurrency that also accepts a code ISO
// has withdrawn (list three), for reading records made when it was in
// use. ISO's list three records no minor units, so the caller states
// them: digits must be in [0, 4], else the error is a *RangeError
// (ErrRange). For a current code it returns what ParseCurrency returns,
// and digits must equal ISO's (a *RangeError otherwise). Codes without a
// minor unit (XAU, XDR, XTS, …) stay ErrNoMinorUnit.
//
// A withdrawn currency computes like any other, and String writes it,
// but its MarshalText (and that of its amounts) fails with
// ErrWithdrawnCurrency: ParseCurrency, and so UnmarshalText, would reject
// the text. Two withdrawn currencies with the same code but different
// digits are different currencies.
func ParseHistoricCurrency(code string, digits int32) (Currency, error) {
	return parseCurrency("ParseHistoricCurrency", code, digits, true)
}

// parseCurrency parses code for fn. Unless historic, only current codes
// are accepted and digits is ignored; if historic, withdrawn codes are
// accepted with digits minor-unit digits and current codes must have
// exactly digits.
func parseCurrency(fn, code string, digits int32, historic bool) (Currency, error) {
	if len(code) != 3 {
		return Currency{}, parseError(fn, code, ErrSyntax)
	}
	for i := 0; i < 3; i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return Currency{}, parseError(fn, code, ErrSyntax)
		}
	}
	status, iso := isoLookup(code)
	c := Currency{digits: iso}
	copy(c.code[:], code)
	switch status {
	case isoCurrent:
		if historic && digits != int32(iso) {
			return Currency{}, digitsError(code, digits, int32(iso), int32(iso))
		}
		return c, nil
	case isoWithdrawn:
		if !historic {
			return Currency{}, parseError(fn, code, ErrWithdrawnCurrency)
		}
		if digits < 0 || digits > maxISODigits {
			return Currency{}, digitsError(code, digits, 0, maxISODigits)
		}
		c.digits, c.withdrawn = uint8(digits), true
		return c, nil
	case isoNoMinorUnit:
		return Currency{}, parseError(fn, code, ErrNoMinorUnit)
	case isoUnknown:
	}
	return Currency{}, parseError(fn, code, ErrUnknownCurrency)
}

// digitsError reports minor-unit digits outside [lo, hi] for code.
func digitsError(code string, digits, lo, hi int32) *RangeError {
	return &RangeError{
		Quantity: "minor-unit digits of " + code,
		Value:    strconv.Itoa(int(digits)),
		Min:      strconv.Itoa(int(lo)),
		Max:      strconv.Itoa(int(hi)),
	}
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

// IsWithdrawn reports whether c is a currency ISO has withdrawn, made by
// ParseHistoricCurrency.
func (c Currency) IsWithdrawn() bool { return c.withdrawn }

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
// ErrInvalidCurrency, a withdrawn one with ErrWithdrawnCurrency (its code
// would not parse back).
func (c Currency) MarshalText() ([]byte, error) {
	if err := c.checkText("MarshalText"); err != nil {
		return nil, err
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

// checkText is check for writing text: a withdrawn currency is refused,
// since ParseCurrency would not read its code back.
func (c Currency) checkText(op string) error {
	if err := c.check(op); err != nil {
		return err
	}
	if c.withdrawn {
		return fmt.Errorf("%w %s (in %s)", ErrWithdrawnCurrency, c.Code(), op)
	}
	return nil
}
