package tier

import (
	"database/sql/driver"

	"github.com/partnerecon/partnerecon/internal/enum"
)

// Database columns: every enumeration below is stored as its text name
// (a TEXT column, or a PostgreSQL enum type with the same labels) through
// database/sql. Value fails on the unspecified value and Scan rejects NULL,
// numbers and unknown names with the package's *EnumError: a nullable
// column scans into sql.Null[T].

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Mode) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Mode) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Boundary) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Boundary) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner for a schedule stored as JSON (a JSONB or TEXT
// column): it parses and validates the document as UnmarshalJSON does, so
// a bad document is the package's own error.
func (v *Schedule) Scan(src any) error { return v.UnmarshalJSON(enum.SQLText(src)) }

// Value implements driver.Valuer: the canonical JSON of MarshalJSON.
func (v Schedule) Value() (driver.Value, error) { return enum.SQLJSON(v) }
