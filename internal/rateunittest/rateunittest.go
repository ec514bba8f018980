// Package rateunittest checks in tests that a package's decoder requires
// the unit on a rate, as strictjson.RatesWithUnit does for every document
// that carries one: a bare "0.15" (15 % to one reader, 0.15 % to another)
// is refused at its JSON Pointer as "rate without a unit" with the hint
//
//	did you mean "15%" (the fraction 0.15) or "0.15%"?
//
// "15%" and "1500bp", the same rate, are accepted, and a bare "0" is not
// refused for its unit (zero is zero in every unit; the decoder may still
// refuse it for its value).
//
//	rateunittest.Check(t, []rateunittest.Case{
//		{Path: "/cap", Doc: `{"stacking":"capped-sum","cap":"RATE","rounding":"half-even"}`, Parse: parse},
//	})
package rateunittest

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/strictjson"
)

// Hint ends the message of a bare "0.15".
const Hint = `did you mean "15%" (the fraction 0.15) or "0.15%"?`

// Case is one rate member of a document.
type Case struct {
	Path  string             // JSON Pointer of the rate
	Doc   string             // a valid document with RATE where the rate goes
	Parse func([]byte) error // the package's decoder
}

// Check runs every case as a subtest named by its pointer.
func Check(t *testing.T, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Path, func(t *testing.T) {
			if strings.Count(c.Doc, "RATE") != 1 {
				t.Fatalf("document has %d RATE, want 1", strings.Count(c.Doc, "RATE"))
			}
			with := func(rate string) []byte { return []byte(strings.Replace(c.Doc, "RATE", rate, 1)) }
			err := c.Parse(with("0.15"))
			if !errors.Is(err, strictjson.ErrRateUnit) {
				t.Fatalf("bare 0.15: err = %v, want strictjson.ErrRateUnit", err)
			}
			var fp interface{ FieldPath() string }
			if !errors.As(err, &fp) || fp.FieldPath() != c.Path {
				t.Errorf("bare 0.15: path of %v, want %s", err, c.Path)
			}
			if msg := err.Error(); !strings.Contains(msg, "rate without a unit") || !strings.HasSuffix(msg, Hint) {
				t.Errorf("bare 0.15: message %q does not end in %s", err, Hint)
			}
			for _, ok := range []string{"15%", "1500bp"} {
				if err := c.Parse(with(ok)); err != nil {
					t.Errorf("%s: %v", ok, err)
				}
			}
			if err := c.Parse(with("0")); errors.Is(err, strictjson.ErrRateUnit) {
				t.Errorf("bare 0 refused for its unit: %v", err)
			}
		})
	}
}
