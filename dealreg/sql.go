package dealreg

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
func (v *State) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v State) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *EventKind) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v EventKind) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Stage) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Stage) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Field) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Field) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Source) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Source) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *ConflictRule) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v ConflictRule) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Role) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Role) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *ResolutionReason) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v ResolutionReason) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *EligibilityReason) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v EligibilityReason) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *LeadStatus) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v LeadStatus) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *RouteClass) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v RouteClass) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *PolicyPart) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v PolicyPart) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *MatchMode) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v MatchMode) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *Signal) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v Signal) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner: it reads the name, as UnmarshalText does.
func (v *ConflictAction) Scan(src any) error { return v.UnmarshalText(enum.SQLText(src)) }

// Value implements driver.Valuer: the name, as MarshalText writes it.
func (v ConflictAction) Value() (driver.Value, error) { return enum.SQLValue(v) }

// Scan implements sql.Scanner for a policy stored as JSON (a JSONB or TEXT
// column): it parses and validates the document as UnmarshalJSON does, so
// a bad document is the package's own error.
func (v *Policy) Scan(src any) error { return v.UnmarshalJSON(enum.SQLText(src)) }

// Value implements driver.Valuer: the canonical JSON of MarshalJSON.
func (v Policy) Value() (driver.Value, error) { return enum.SQLJSON(v) }
