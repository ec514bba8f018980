package incentive

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
func (v *RecipientKind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v RecipientKind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *MeasureKind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v MeasureKind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Motion) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Motion) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Billing) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Billing) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Kind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Kind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *ModifierKind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v ModifierKind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *LimitKind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v LimitKind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *EntryKind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v EntryKind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner for a plan stored as JSON (a JSONB or TEXT
// column): it parses and validates the document as UnmarshalJSON does, so
// a bad document is the package's own error. A JSONB column keeps the
// content but not the bytes: the plan's Hash is computed from the parsed,
// normalised plan, so it is the same after a round trip through either
// column type, and a host that stores Hash in a column of its own can
// compare it after Scan to detect an edited document.
func (v *Plan) Scan(src any) error { return v.UnmarshalJSON(enum.SQLText(src)) }

// Value implements driver.Valuer: the canonical JSON of MarshalJSON.
func (v Plan) Value() (driver.Value, error) { return enum.SQLJSON(v) }
