package main

import (
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/dealreg"
)

// FuzzQuotes feeds the quotes reader hostile documents: it must return an
// error or a contest the protection check can price, never panic, and its
// errors must not name Go types.
func FuzzQuotes(f *testing.F) {
	good, err := sample.ReadFile("testdata/quotes.json")
	if err != nil {
		f.Fatal(err)
	}
	pdata, err := sample.ReadFile("testdata/policy.json")
	if err != nil {
		f.Fatal(err)
	}
	p, err := dealreg.ParsePolicy(pdata)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	for _, s := range []string{
		``, `null`, `[]`, `{}`, "\ufeff" + string(good), // BOM
		strings.Repeat(`{"owner":`, 100) + strings.Repeat(`}`, 100),                                   // deep nesting
		`{"id":"d","list":"1e999999999 USD","owner":{"partner":"a","discounts":[]},"competitors":[]}`, // exponent
		`{"id":"d","list":"100000000000000000000000000000000000.00 USD","owner":{"partner":"a","discounts":[]},"competitors":[]}`,
		`{"id":"d\u0000","list":"100.00 USD","owner":{"partner":"a\u202e","discounts":[]},"competitors":[]}`, // NUL, bidi
		`{"id":"d","list":"100.00 USD","owner":{"partner":"a","discounts":[{"kind":"tier","name":"x","rate":"250%"}]},"competitors":[]}`,
		`{"id":"d","list":"100.00 USD","owner":{"partner":"a","discounts":[]},"competitors":[` + strings.Repeat(`{"partner":"b","discounts":[]},`, 5000) + `{}]}`, // huge count
		`{"id":"d","list":"100.00 USD","list":"200.00 USD","owner":{"partner":"a","discounts":[]},"competitors":[]}`,                                              // duplicate key
		`{"id":"d","list":"-100.00 JPY","cost":"1.00 EUR","owner":{"partner":"a","discounts":[]},"competitors":[]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, d, err := parseQuotes(data, p)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "main.") || strings.Contains(msg, "quotesDoc") {
				t.Fatalf("error message %q is empty or names a Go type", msg)
			}
			return
		}
		prot, err := p.Protection()
		if err != nil {
			t.Fatal(err)
		}
		_, _ = prot.Check(d) // may reject the contest; must not panic
	})
}
