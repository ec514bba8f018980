package strictjson

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/partnerecon/partnerecon/internal/enum"
)

// unknownHint words an unknown member for a person: the nearest valid
// member name of the object (did you mean "rate"?), else the list of valid
// names. path is the member's JSON Pointer, t the Go type of the object.
func unknownHint(path string, t reflect.Type) string {
	name := path[strings.LastIndexByte(path, '/')+1:]
	name = strings.NewReplacer("~1", "/", "~0", "~").Replace(name)
	names := memberNames(t)
	if len(names) == 0 {
		return "not a member of this object"
	}
	if near := enum.Nearest(name, names); near != "" {
		return fmt.Sprintf("did you mean %q?", near)
	}
	return "valid members are " + strings.Join(names, ", ")
}

// memberNames returns the JSON member names of struct type t (through
// pointers), in declaration order.
func memberNames(t reflect.Type) []string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch tag {
		case "-":
			continue
		case "":
			tag = f.Name
		}
		out = append(out, tag)
	}
	return out
}

// kindHint words a value of the wrong JSON kind: "expected an array, not
// a string", without Go type names.
func kindHint(t reflect.Type, got jsontext.Kind) string {
	return "expected " + expected(t) + ", not " + kindName(got)
}

func expected(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	default:
		return "another kind of value"
	}
}

func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 'n':
		return "null"
	}
	return "another kind of value"
}
