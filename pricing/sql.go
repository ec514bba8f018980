package pricing

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
func (v *Stacking) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Stacking) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *DiscountKind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v DiscountKind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *FloorKind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v FloorKind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *FloorAction) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v FloorAction) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *RestoreReason) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v RestoreReason) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner for a policy stored as JSON (a JSONB or TEXT
// column): it parses and validates the document as UnmarshalJSON does, so
// a bad document is the package's own error.
func (v *Policy) Scan(src any) error { return v.UnmarshalJSON(enum.SQLText(src)) }

// Value implements driver.Valuer: the canonical JSON of MarshalJSON.
func (v Policy) Value() (driver.Value, error) { return enum.SQLJSON(v) }
