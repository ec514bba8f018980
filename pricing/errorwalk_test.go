package pricing_test

import (
	"errors"
	"testing"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/pricing"
)

// walk calls f on err and every error in its tree (Unwrap() error and
// Unwrap() []error).
func walk(err error, f func(error)) {
	if err == nil {
		return
	}
	f(err)
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walk(u.Unwrap(), f)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walk(e, f)
		}
	}
}

// Every decoder, validator and input error of the package maps to a form
// field: errors.As finds a FieldPath() error, and every FieldPath in the
// tree is a valid JSON Pointer. (Below-floor outcomes are not field errors
// and are left out.)
func TestErrorPathsAreJSONPointers(t *testing.T) {
	var errs []error
	for _, tt := range policySpecErrorCases() {
		_, err := pricing.NewPolicy(tt.spec)
		errs = append(errs, err)
		_, err = pricing.NewProtection(pricing.ProtectionSpec{Pricing: tt.spec})
		errs = append(errs, err)
	}
	for _, tt := range protectionDocErrorCases(t) {
		_, err := pricing.ParseProtection([]byte(tt.doc))
		errs = append(errs, err)
		_, err = pricing.ParsePolicy([]byte(tt.doc))
		errs = append(errs, err)
	}
	for _, tt := range quoteErrorCases() {
		if tt.path == "-" {
			continue
		}
		_, err := runQuote(t, tt)
		errs = append(errs, err)
	}
	p := protection(t, protectionSpec(pricing.Additive))
	for _, tt := range contestErrorCases() {
		d := classicContest()
		tt.edit(&d)
		_, err := p.Check(d)
		errs = append(errs, err)
		_, err = p.CheckProgramme([]pricing.Contest{d})
		errs = append(errs, err)
	}
	_, err := p.CheckProgramme([]pricing.Contest{classicContest(), classicContest()})
	errs = append(errs, err)
	var zero pricing.Policy
	_, err = zero.Quote(classicContest().List, nil)
	errs = append(errs, err)

	for i, err := range errs {
		if err == nil {
			t.Fatalf("case %d: no error", i)
		}
		var fp interface{ FieldPath() string }
		if !errors.As(err, &fp) {
			t.Errorf("case %d: no FieldPath in %v", i, err)
		}
		walk(err, func(e error) {
			if fp, ok := e.(interface{ FieldPath() string }); ok && !field.Valid(fp.FieldPath()) {
				t.Errorf("case %d: %q is not a JSON Pointer (%v)", i, fp.FieldPath(), err)
			}
		})
	}
}
