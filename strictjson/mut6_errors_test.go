package strictjson_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/partnerecon/partnerecon/strictjson"
)

// TestErrorKindsThatAreErrType pins (*Error).Unwrap: ErrNumber and
// ErrRateUnit errors also match ErrType (a value of the wrong kind, as
// documented on ErrRateUnit and in the package documentation); the other
// kinds do not.
func TestErrorKindsThatAreErrType(t *testing.T) {
	cases := []struct {
		name    string
		doc     string
		kind    error
		path    string
		errType bool
	}{
		{"bare rate with RatesWithUnit", `{"tiers":[{"from":"0","rate":"1"}]}`, strictjson.ErrRateUnit, "/tiers/0/rate", true},
		{"number for a decimal", `{"tiers":[{"from":0,"rate":"1%"}]}`, strictjson.ErrNumber, "/tiers/0/from", true},
		{"null", `{"name":null}`, strictjson.ErrNull, "/name", false},
		{"unknown field", `{"bogus":"x"}`, strictjson.ErrUnknownField, "/bogus", false},
		{"duplicate key", `{"name":"x","Name":"y"}`, strictjson.ErrDuplicateKey, "/Name", false},
		{"syntax", `{"name":`, strictjson.ErrSyntax, "/name", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p planDoc
			err := strictjson.Unmarshal([]byte(c.doc), &p, strictjson.Limits{}, strictjson.RatesWithUnit())
			var se *strictjson.Error
			if !errors.As(err, &se) || se.Kind != c.kind || se.Path != c.path {
				t.Fatalf("err = %v, want %v at %s", err, c.kind, c.path)
			}
			if got := errors.Is(err, strictjson.ErrType); got != c.errType {
				t.Errorf("errors.Is(%v, ErrType) = %v, want %v", err, got, c.errType)
			}
		})
	}
}

// hintTarget is the object a viaPointer value reports an unknown member
// of.
type hintTarget struct {
	Rate string `json:"rate"`
	From string `json:"from"`
}

// viaPointer is a value whose own decoder reads it and reports its member
// "rat" as unknown, naming the object's type as typ (a pointer type, as a
// decoder holding a *hintTarget would).
type viaPointer struct{ typ reflect.Type }

func (v *viaPointer) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if _, err := dec.ReadValue(); err != nil {
		return err
	}
	return &json.SemanticError{GoType: v.typ, JSONPointer: "/x/rat", Err: json.ErrUnknownName}
}

// TestUnknownHintThroughPointers pins that the hint for an unknown member
// (unknownHint, memberNames) looks through pointer types to the struct's
// members: an unknown "rat" reported with the type *hintTarget or
// **hintTarget still suggests the nearest member "rate" rather than
// saying the object has no members.
func TestUnknownHintThroughPointers(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[hintTarget](), reflect.TypeFor[*hintTarget](), reflect.TypeFor[**hintTarget](),
	} {
		t.Run(typ.String(), func(t *testing.T) {
			v := struct {
				X viaPointer `json:"x"`
			}{X: viaPointer{typ: typ}}
			err := strictjson.Unmarshal([]byte(`{"x":{"rat":"1%"}}`), &v, strictjson.Limits{})
			want := `strictjson: unknown field at "/x/rat": did you mean "rate"?`
			if err == nil || err.Error() != want {
				t.Fatalf("got %v, want %s", err, want)
			}
			if !errors.Is(err, strictjson.ErrUnknownField) {
				t.Fatalf("%v does not match ErrUnknownField", err)
			}
		})
	}
}
