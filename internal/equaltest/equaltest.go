// Package equaltest checks hand-written Equal methods in tests: changing
// any field of a value must make Equal false, unless the test documents
// that the field (or that kind of change) is deliberately ignored.
//
// A test lists, for every field of the struct, one or more changes:
//
//	equaltest.Check(t, money.MustParse("1.00 USD"), []equaltest.Field[money.Amount]{
//		{Name: "value", Change: func(a money.Amount) money.Amount {
//			return money.New(a.Decimal().Add(decimal.New(1, -2)), a.Currency())
//		}},
//		// 1.00 and 1.000 are the same amount: a change of representation.
//		{Name: "value", KeepsEqual: true, Change: func(money.Amount) money.Amount {
//			return money.MustParse("1.000 USD")
//		}},
//		{Name: "cur", Change: func(a money.Amount) money.Amount {
//			return money.New(a.Decimal(), money.MustCurrency("EUR"))
//		}},
//	})
//
// Check then verifies that v.Equal(v) holds, that each change makes Equal
// false in both directions (or keeps it true, for KeepsEqual), and that
// every field of the struct type, exported or not, is named by at least
// one entry: adding a field to the type fails the test until the test
// says how Equal treats it. Names are the fields as declared (reflect
// sees unexported ones too); a change is written with the package's
// constructors and accessors, so the test may live in an external _test
// package.
package equaltest

import (
	"reflect"
	"slices"
	"testing"
)

// Equaler is a type with a hand-written Equal method.
type Equaler[T any] interface {
	Equal(T) bool
}

// Field is one change to one field of a value.
type Field[T any] struct {
	// Name is the struct field the change affects, as declared.
	Name string
	// Change returns a copy of the value with that field changed.
	Change func(T) T
	// KeepsEqual says the change must leave Equal true: a field Equal
	// deliberately ignores, or a change of representation only (1.0 and
	// 1.00). Say why in a comment next to the entry.
	KeepsEqual bool
}

// Check reports, through t, every way v's Equal method disagrees with the
// fields' changes (see the package documentation).
func Check[T Equaler[T]](t testing.TB, v T, fields []Field[T]) {
	t.Helper()
	if !v.Equal(v) {
		t.Errorf("%T: Equal is not reflexive for %v", v, v)
	}
	for _, f := range fields {
		w := f.Change(v)
		ab, ba := v.Equal(w), w.Equal(v)
		switch {
		case ab != ba:
			t.Errorf("%T: Equal is not symmetric after changing %s: %v vs %v", v, f.Name, v, w)
		case f.KeepsEqual && !ab:
			t.Errorf("%T: changing %s (documented as ignored by Equal) made Equal false: %v vs %v", v, f.Name, v, w)
		case !f.KeepsEqual && ab:
			t.Errorf("%T: changing %s left Equal true: %v vs %v", v, f.Name, v, w)
		}
	}
	missing, unknown := Coverage(reflect.TypeOf(v), names(fields))
	for _, name := range missing {
		t.Errorf("%T: field %s has no change: say how Equal treats it", v, name)
	}
	for _, name := range unknown {
		t.Errorf("%T: a change names %s, which is not a field", v, name)
	}
}

// Coverage compares the fields of struct type typ with the names the
// changes cover: missing lists the fields (in declaration order) no
// change names, unknown the names that are not fields of typ. For a type
// that is not a struct every name is unknown.
func Coverage(typ reflect.Type, covered []string) (missing, unknown []string) {
	var all []string
	if typ != nil && typ.Kind() == reflect.Struct {
		for i := range typ.NumField() {
			name := typ.Field(i).Name
			all = append(all, name)
			if !slices.Contains(covered, name) {
				missing = append(missing, name)
			}
		}
	}
	for _, name := range covered {
		if !slices.Contains(all, name) && !slices.Contains(unknown, name) {
			unknown = append(unknown, name)
		}
	}
	return missing, unknown
}

func names[T any](fields []Field[T]) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}
