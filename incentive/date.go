package incentive

import (
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/internal/field"
)

// The range of a Date: the days from MinDate to MaxDate, inclusive. A
// date outside it is invalid (IsValid), so that no valid date can be
// mistaken for "unset" (0001-01-01 is the zero time.Time).
const (
	MinDate = "1900-01-01"
	MaxDate = "9999-12-31"
	// minYear and maxYear are the years of MinDate and MaxDate.
	minYear, maxYear = 1900, 9999
)

// Date is a calendar day, written "2006-01-02" in plans. It stands for the
// instant 00:00 UTC of that day, so an effective range [From, Until) of
// dates compares with transaction instants unambiguously. The zero Date is
// "unset" (IsZero); every date made by NewDate or ParseDate is set, and
// valid when it lies between MinDate and MaxDate.
type Date struct {
	t   time.Time // midnight UTC
	set bool
}

// NewDate returns the date y-m-d. Out-of-range days normalise as in
// time.Date (February 30 is March 2); ParseDate rejects them. A date
// outside MinDate … MaxDate is set but not valid: NewPlan rejects it.
func NewDate(y int, m time.Month, d int) Date {
	return Date{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), set: true}
}

// ParseDate parses "YYYY-MM-DD" strictly: four-digit year, two-digit month
// and day, a real calendar day ("2025-02-30" is not one), between MinDate
// and MaxDate.
func ParseDate(s string) (Date, error) {
	if !dateShape(s) {
		return Date{}, fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, field.Truncate(s))
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%w: date %q is not a calendar day", ErrInvalid, s)
	}
	d := Date{t: t, set: true}
	if !d.IsValid() {
		return Date{}, d.rangeError()
	}
	return d, nil
}

// dateShape reports whether s is four digits, '-', two digits, '-', two
// digits.
func dateShape(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := range len(s) {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// IsValid reports whether d is set and between MinDate and MaxDate.
func (d Date) IsValid() bool {
	return d.set && d.t.Year() >= minYear && d.t.Year() <= maxYear
}

// rangeError reports d outside MinDate … MaxDate.
func (d Date) rangeError() error {
	return fmt.Errorf("%w: date %q is outside %s … %s", ErrInvalid, d.t.Format(time.DateOnly), MinDate, MaxDate)
}

// MustDate is ParseDate that panics on error, for literals in tests and
// examples.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unset (the zero Date).
func (d Date) IsZero() bool { return !d.set }

// Time returns 00:00 UTC of the day (the zero time.Time when unset).
func (d Date) Time() time.Time { return d.t }

// Equal reports whether d and e are the same day (or both unset).
func (d Date) Equal(e Date) bool { return d.set == e.set && d.t.Equal(e.t) }

// String returns "YYYY-MM-DD", or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// MarshalText returns "YYYY-MM-DD". The zero Date and a date outside
// MinDate … MaxDate fail.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return nil, fmt.Errorf("%w: zero date", ErrInvalid)
	}
	if !d.IsValid() {
		return nil, d.rangeError()
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses "YYYY-MM-DD" (see ParseDate).
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Period is an evaluation window: the transactions with Start ≤ Date < End.
// ID names it in lines, traces and ledger entries ("2025-Q3"); Label, if
// set, is how sentences name it ("Q3 2025"), else ID is used.
type Period struct {
	ID    string
	Label string
	Start time.Time
	End   time.Time
}

// NewPeriod returns the period [from, until) of whole UTC days.
func NewPeriod(id string, from, until Date) Period {
	return Period{ID: id, Start: from.Time(), End: until.Time()}
}

// Validate reports an empty or over-long ID or an End not after Start.
func (p Period) Validate() error {
	if p.ID == "" || len(p.ID) > MaxIDLen {
		return fmt.Errorf("%w: period ID %q must have 1 to %d bytes", ErrPeriod, field.Truncate(p.ID), MaxIDLen)
	}
	if !p.End.After(p.Start) {
		return fmt.Errorf("%w: period %q ends before it starts", ErrPeriod, p.ID)
	}
	return nil
}

// Contains reports whether Start ≤ t < End.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// Equal reports whether p and q have the same ID, label and instants.
func (p Period) Equal(q Period) bool {
	return p.ID == q.ID && p.Label == q.Label && p.Start.Equal(q.Start) && p.End.Equal(q.End)
}
