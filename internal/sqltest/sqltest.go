// Package sqltest checks the sql.Scanner and driver.Valuer methods of the
// module's value types without a database: what a driver hands back for a
// TEXT or JSONB column is the string (or []byte) that Value wrote.
package sqltest

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Scannable is a pointer to a value type that scans itself.
type Scannable[T any] interface {
	*T
	sql.Scanner
}

// RoundTrip checks, for every value, that Value gives text which Scan
// (from a string and from a []byte) reads back into a value equal to it.
// want, if not nil, gives the column text expected for each value.
func RoundTrip[T driver.Valuer, P Scannable[T]](t *testing.T, values []T, equal func(a, b T) bool, want []string) {
	t.Helper()
	for i, in := range values {
		v, err := in.Value()
		if err != nil {
			t.Errorf("Value(%v): %v", in, err)
			continue
		}
		s, ok := v.(string)
		if !ok {
			t.Errorf("Value(%v) = %#v, want a string", in, v)
			continue
		}
		if want != nil && s != want[i] {
			t.Errorf("Value(%v) = %q, want %q", in, s, want[i])
		}
		for _, src := range []any{s, []byte(s)} {
			var out T
			if err := P(&out).Scan(src); err != nil {
				t.Errorf("Scan(%q): %v", s, err)
				continue
			}
			if !equal(out, in) {
				t.Errorf("Scan(Value(%v)) = %v", in, out)
			}
		}
	}
}

// Rejects checks that Scan of each source fails with an error of type E
// (the package's typed error) that matches sentinel, if sentinel is not
// nil.
func Rejects[T any, P Scannable[T], E error](t *testing.T, sources []any, sentinel error) {
	t.Helper()
	for _, src := range sources {
		var out T
		err := P(&out).Scan(src)
		if err == nil || (sentinel != nil && !errors.Is(err, sentinel)) {
			t.Errorf("Scan(%s) = %v, want %v", short(src), err, sentinel)
			continue
		}
		var typed E
		if !errors.As(err, &typed) {
			t.Errorf("Scan(%s): error %T is not a %T", short(src), err, typed)
		}
	}
}

// Hostile returns database values no enumeration or document accepts:
// NULL, a float, an integer, a bool, an empty text, NUL, a bidi override,
// a byte-order mark and a long text.
func Hostile() []any {
	return []any{nil, 1.5, int64(1), true, "", "\x00", "\u202e", "\ufeff", []byte("NULL"), strings.Repeat("[", 10000)}
}

// EnumValues returns every valid value of an enumeration: 1, 2, … up to
// the first value MarshalText rejects.
func EnumValues[T interface {
	~uint8
	encoding.TextMarshaler
}]() []T {
	var out []T
	for v := 1; v < 256; v++ {
		if _, err := T(v).MarshalText(); err != nil {
			break
		}
		out = append(out, T(v))
	}
	return out
}

// Same is == for RoundTrip on comparable types without decimals.
func Same[T comparable](a, b T) bool { return a == b }

func short(src any) string {
	s := fmt.Sprintf("%#v", src)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}
