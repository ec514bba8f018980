package money

import (
	"database/sql/driver"

	"github.com/partnerecon/partnerecon/internal/enum"
)

// Database columns. Amount, Rate, Currency and RoundingMode implement
// sql.Scanner and driver.Valuer with their text forms, so that a value
// read back is Equal to the value written, digits and currency included:
//
//	Amount        TEXT  '1234.50 USD'  (MarshalText: the currency's places,
//	                                   more if the value carries more digits)
//	Rate          TEXT  '0.025'        (a fraction; a NUMERIC column works too:
//	                                   drivers hand NUMERIC over as text)
//	Currency      TEXT  'USD'          (CHAR(3))
//	RoundingMode  TEXT  'half-even'
//
// A host that wants to sum or index amounts in SQL stores an amount as two
// columns instead, NUMERIC for amount.Decimal() (decimal.Decimal is itself
// a Scanner and Valuer) and CHAR(3) for amount.Currency(), and rebuilds it
// with New(value, currency). Scan never goes through a binary float: a
// float, a bool, a time or NULL is rejected with the same typed error as
// text that does not parse (*ParseError or *EnumError); a nullable column
// scans into sql.Null[T].

// Scan implements sql.Scanner for an amount stored as its text form
// ("1234.50 USD"), parsed as UnmarshalText parses it.
func (a *Amount) Scan(src any) error { return a.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the text form of MarshalText. The zero
// Amount has none and is an error.
func (a Amount) Value() (driver.Value, error) { return enum.SQLValue(a) }

// Scan implements sql.Scanner for a rate stored as a fraction, as text or
// NUMERIC ("0.025"), or as an integer fraction.
func (r *Rate) Scan(src any) error { return r.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the fraction as MarshalText writes it.
func (r Rate) Value() (driver.Value, error) { return enum.SQLValue(r) }

// Scan implements sql.Scanner for a currency stored as its ISO 4217 code.
func (c *Currency) Scan(src any) error { return c.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the code. The zero Currency and a
// withdrawn one have no text form and are errors.
func (c Currency) Value() (driver.Value, error) { return enum.SQLValue(c) }

// Scan implements sql.Scanner for a rounding mode stored as its name.
func (m *RoundingMode) Scan(src any) error { return m.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the mode's name.
func (m RoundingMode) Value() (driver.Value, error) { return enum.SQLValue(m) }
