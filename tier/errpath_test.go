package tier_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// decodeErrorCase is a schedule document ParseSchedule rejects while
// decoding, with the message and sentinels expected (written by hand from
// the document: the pointer of the offending member, the reason).
type decodeErrorCase struct {
	name, doc, msg string
	is             []error
}

const head = `{"mode":"incremental","boundary":"lower-inclusive",`

func decodeErrorCases() []decodeErrorCase {
	return []decodeErrorCase{
		{"number for a decimal", head + `"tiers":[{"from":0,"rate":"2%"}]}`,
			`tier: /tiers/0/from: JSON number where a decimal string is required`, []error{tier.ErrJSON, strictjson.ErrNumber}},
		{"unknown mode", `{"mode":"incrementl","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"2%"}]}`,
			`tier: /mode: unknown mode "incrementl" (valid: all-units, incremental, retro-from-threshold, linear, increment, flat-per-tier, package; did you mean "incremental"?)`,
			[]error{tier.ErrMode}},
		{"unknown boundary", `{"mode":"incremental","boundary":"lower","tiers":[{"from":"0","rate":"2%"}]}`,
			`tier: /boundary: unknown boundary "lower" (valid: lower-inclusive, upper-inclusive)`, []error{tier.ErrBoundary}},
		{"malformed decimal", head + `"tiers":[{"from":"0x","rate":"2%"}]}`,
			`tier: /tiers/0/from = "0x": invalid value: invalid syntax`, []error{tier.ErrJSON, money.ErrSyntax}},
		{"malformed rate", head + `"tiers":[{"from":"0","rate":"2%%"}]}`,
			`tier: /tiers/0/rate = "2%%": invalid value: invalid syntax`, []error{tier.ErrJSON, money.ErrSyntax}},
		{"malformed price", head + `"tiers":[{"from":"0","price":"ten"}]}`,
			`tier: /tiers/0/price = "ten": invalid value: invalid syntax`, []error{tier.ErrJSON, money.ErrSyntax}},
		{"unknown member", head + `"tiers":[{"from":"0","rat":"2%"}]}`,
			`tier: /tiers/0/rat: unknown field: did you mean "rate"?`, []error{tier.ErrJSON, strictjson.ErrUnknownField}},
		{"member with a slash", head + `"tiers":[{"from":"0","a/b~c":"2%"}]}`,
			`tier: /tiers/0/a~1b~0c: unknown field: valid members are from, rate, price, flat, amount`, []error{tier.ErrJSON, strictjson.ErrUnknownField}},
		{"duplicate member", head + `"tiers":[{"from":"0","rate":"2%"}],"tiers":[]}`,
			// 51 (head) + 35 (`"tiers":[{"from":"0","rate":"2%"}],`) = offset 86: column 87
			`tier: /tiers: duplicate key (line 1, column 87)`, []error{tier.ErrJSON, strictjson.ErrDuplicateKey}},
		{"null", `{"mode":"incremental","boundary":null}`,
			`tier: /boundary: null is not allowed`, []error{tier.ErrJSON, strictjson.ErrNull}},
		{"object for the tiers", head + `"tiers":{}}`,
			`tier: /tiers: invalid value: expected an array, not an object`, []error{tier.ErrJSON, strictjson.ErrType}},
		{"string for rate_places", head + `"tiers":[],"rate_places":"x"}`,
			`tier: /rate_places: invalid value: expected a number, not a string`, []error{tier.ErrJSON, strictjson.ErrType}},
		{"unknown rounding", head + `"tiers":[],"rounding":"x"}`,
			`tier: /rounding = "x": invalid value: unknown rounding mode "x" (valid: half-even, half-up, half-down, toward-zero, away-from-zero, ceiling, floor)`, []error{tier.ErrJSON, strictjson.ErrType}},
		{"truncated", head, `tier: /boundary: invalid JSON (line 1, column 52): unexpected EOF`, []error{tier.ErrJSON, strictjson.ErrSyntax}},
		{"array", `[]`, `tier: invalid value: expected an object, not an array`, []error{tier.ErrJSON, strictjson.ErrType}},
		{"too deep", `[[[[]]]]`, `tier: /0/0/0: document nested too deeply (depth > 3)`, []error{tier.ErrJSON, strictjson.ErrTooDeep}},
		{"too large", head + `"tiers":[{"from":"0","rate":"` + strings.Repeat("1", tier.MaxScheduleBytes) + `"}]}`,
			// 51 (head) + 29 + 65,536 + 4 bytes
			`tier: document too large (65620 bytes > 65536)`, []error{tier.ErrJSON, strictjson.ErrTooLarge}},
	}
}

func TestParseScheduleErrors(t *testing.T) {
	for _, tt := range decodeErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tier.ParseSchedule([]byte(tt.doc))
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tt.msg, err.Error()); diff != "" {
				t.Errorf("message (-want +got)\n%s", diff)
			}
			for _, s := range tt.is {
				if !errors.Is(err, s) {
					t.Errorf("%v does not match %v", err, s)
				}
			}
			var se *tier.SpecError
			if !errors.As(err, &se) {
				t.Errorf("%T is not a *SpecError", err)
			}
		})
	}
}

// Every error the package returns for a field (validation and decoding,
// from the two case tables) is found by errors.As as a FieldPath error,
// and every FieldPath in its tree is a syntactically valid JSON Pointer.
func TestErrorPaths(t *testing.T) {
	for _, tt := range specErrorCases() {
		t.Run("new/"+tt.name, func(t *testing.T) {
			_, err := tier.New(tt.spec())
			checkPaths(t, err)
		})
	}
	for _, tt := range decodeErrorCases() {
		t.Run("parse/"+tt.name, func(t *testing.T) {
			_, err := tier.ParseSchedule([]byte(tt.doc))
			checkPaths(t, err)
		})
	}
}

type fieldPather interface{ FieldPath() string }

// checkPaths fails unless err has a FieldPath error and every FieldPath
// in its tree is a valid JSON Pointer.
func checkPaths(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var fp fieldPather
	if !errors.As(err, &fp) {
		t.Fatalf("no FieldPath error in %v", err)
	}
	var walk func(error)
	walk = func(e error) {
		if p, ok := e.(fieldPather); ok && !field.Valid(p.FieldPath()) {
			t.Errorf("%q is not a JSON Pointer (in %v)", p.FieldPath(), err)
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			if next := u.Unwrap(); next != nil {
				walk(next)
			}
		case interface{ Unwrap() []error }:
			for _, next := range u.Unwrap() {
				walk(next)
			}
		}
	}
	walk(err)
}
