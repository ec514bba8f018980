package strictjson_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

type msgTier struct {
	From     string     `json:"from"`
	Rate     money.Rate `json:"rate"`
	Internal string     `json:"-"`
}

type msgDoc struct {
	Mode  string    `json:"mode"`
	Tiers []msgTier `json:"tiers"`
	Count int       `json:"count,omitzero"`
	Flag  bool      `json:"flag,omitzero"`
}

// TestMessagesAPersonCanActOn pins the wording of the most common
// mistakes: an unknown key suggests the nearest member; a value of the
// wrong kind says what is expected; a syntax error gives line and column,
// not a byte offset; no Go type names or decoder internals.
func TestMessagesAPersonCanActOn(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"misspelt key", `{"mode":"x","tiers":[{"from":"0","rat":"1%"}]}`,
			`strictjson: unknown field at "/tiers/0/rat": did you mean "rate"?`},
		{"unknown key, nothing near", `{"mode":"x","colour":"red"}`,
			`strictjson: unknown field at "/colour": valid members are mode, tiers, count, flag`},
		{"number for a string", `{"mode":1}`,
			`strictjson: invalid value at "/mode": expected a string, not a number`},
		{"string for an array", `{"tiers":"x"}`,
			`strictjson: invalid value at "/tiers": expected an array, not a string`},
		{"string for an object", `{"tiers":["x"]}`,
			`strictjson: invalid value at "/tiers/0": expected an object, not a string`},
		{"string for a number", `{"count":"3"}`,
			`strictjson: invalid value at "/count": expected a number, not a string`},
		{"trailing comma", "{\"mode\":\"x\",\n \"tiers\":[],}",
			`strictjson: invalid JSON at "/tiers" (line 2, column 12): invalid character ',' at start of value`},
		{"truncated", "{\"mode\":\n\"x\"",
			`strictjson: invalid JSON at "/mode" (line 2, column 4): unexpected EOF`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := strictjson.Unmarshal([]byte(c.doc), new(msgDoc), strictjson.Limits{})
			if err == nil {
				t.Fatal("no error")
			}
			if d := cmp.Diff(c.want, err.Error()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// TestSyntaxErrorPosition: the *Error carries the line and column.
func TestSyntaxErrorPosition(t *testing.T) {
	err := strictjson.Unmarshal([]byte("{\n  \"mode\": x\n}"), new(msgDoc), strictjson.Limits{})
	var se *strictjson.Error
	if !errors.As(err, &se) || se.Line != 2 || se.Column != 11 || !errors.Is(err, strictjson.ErrSyntax) {
		t.Fatalf("err = %v (%+v), want line 2 column 11", err, se)
	}
}

// TestByteOrderMark: a UTF-8 BOM at the start of a document is accepted
// (spreadsheet exports write one); anywhere else it is an error.
func TestByteOrderMark(t *testing.T) {
	var d msgDoc
	if err := strictjson.Unmarshal([]byte("\ufeff{\"mode\":\"x\"}"), &d, strictjson.Limits{}); err != nil || d.Mode != "x" {
		t.Fatalf("with a BOM: %v, %+v", err, d)
	}
	if err := strictjson.Unmarshal([]byte("{\ufeff\"mode\":\"x\"}"), &d, strictjson.Limits{}); !errors.Is(err, strictjson.ErrSyntax) {
		t.Fatalf("BOM inside: %v", err)
	}
	has, err := strictjson.Members([]byte("\ufeff{\"mode\":\"x\"}"), func(string) bool { return true })
	if err != nil || !has["/mode"] {
		t.Fatalf("Members with a BOM: %v %v", has, err)
	}
}
