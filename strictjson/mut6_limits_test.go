package strictjson_test

import (
	"errors"
	"testing"

	"github.com/partnerecon/partnerecon/strictjson"
)

// TestLimitsAtExactly pins both document limits of Unmarshal at their
// edge: a document of exactly Limits.MaxBytes bytes is read (the check is
// len(data) > MaxBytes), one byte over is ErrTooLarge at "/"; a document
// nested exactly Limits.MaxDepth deep is read (the top-level value is
// depth 1, the check is depth > MaxDepth), one level deeper is ErrTooDeep
// at the JSON Pointer of the first value too deep.
func TestLimitsAtExactly(t *testing.T) {
	// `{"name":"abc"}` is 1 ({) + 6 ("name") + 1 (:) + 5 ("abc") + 1 (})
	// = 14 bytes.
	const doc14 = `{"name":"abc"}`
	// Three objects inside one another: depth 3; the fourth object, at
	// /a/b/c, is depth 4.
	const depth3 = `{"a":{"b":{}}}`
	const depth4 = `{"a":{"b":{"c":{}}}}`
	cases := []struct {
		name string
		doc  string
		lim  strictjson.Limits
		want string // "" for success, else the whole error text
		kind error
	}{
		{"14 bytes, MaxBytes 14", doc14, strictjson.Limits{MaxBytes: 14}, "", nil},
		{"14 bytes, MaxBytes 13", doc14, strictjson.Limits{MaxBytes: 13},
			`strictjson: document too large at "/": 14 bytes > 13`, strictjson.ErrTooLarge},
		{"depth 3, MaxDepth 3", depth3, strictjson.Limits{MaxDepth: 3}, "", nil},
		{"depth 4, MaxDepth 3", depth4, strictjson.Limits{MaxDepth: 3},
			`strictjson: document nested too deeply at "/a/b/c": depth > 3`, strictjson.ErrTooDeep},
		{"depth 1, MaxDepth 1", `{}`, strictjson.Limits{MaxDepth: 1}, "", nil},
		{"depth 2, MaxDepth 1", `[[]]`, strictjson.Limits{MaxDepth: 1},
			`strictjson: document nested too deeply at "/0": depth > 1`, strictjson.ErrTooDeep},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var v any
			err := strictjson.Unmarshal([]byte(c.doc), &v, c.lim)
			if c.want == "" {
				if err != nil {
					t.Fatalf("at the limit: %v", err)
				}
				return
			}
			if err == nil || err.Error() != c.want {
				t.Fatalf("got %v, want %s", err, c.want)
			}
			if !errors.Is(err, c.kind) {
				t.Fatalf("%v does not match %v", err, c.kind)
			}
		})
	}
}
