package margin_test

import (
	"encoding"
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/margin"
)

// FuzzParseResale: a document either fails with a field error whose every
// path is a JSON Pointer and whose message has the package prefix, or
// parses into a sale whose P&L items sum to its profit and whose JSON
// form parses back to the same sale.
func FuzzParseResale(f *testing.F) {
	for _, name := range []string{"hardware-resale.json", "saas-pass-through.json", "tiered-rebates.json"} {
		f.Add(string(readGolden(f, "testdata/golden/"+name).Resale))
	}
	for _, s := range []string{
		`{` + okSale + `}`,
		`{` + okSale + `,"discounts":[{"kind":"tier","name":"g"}]}`,
		`{` + okSale + `,"earnings":[{"kind":"spif","name":"x","amount":"1e9 USD"}]}`,
		`{` + okSale + `,"services":{"attach_ratio":"99999999999999999999%","margin":"100%"}}`,
		`{` + okSale + `,"mdf":[{"name":"m","spend":"1.00 USD","vendor_share":"0.5","approved":"0.10 USD"}]}`,
		`{` + okSale + `,"costs":[{"name":"c","rate":"1bp"},{"name":"c","rate":"1bp"}]}`,
		`{"id":"x","list":"0.00 JPY","pricing":{"stacking":"capped-sum","cap":"1","rounding":"floor"},"sell":{"street_discount":"100%","brand_premium":"0"},"rounding":"ceiling"}`,
		`{` + okSale + `,"earnings":[{"kind":"rebate","name":"t","tiered":{"prior":"99999999999999.99 USD","schedule":` +
			`{"mode":"incremental","boundary":"upper-inclusive","tiers":[{"from":"0","rate":"0","flat":"0.001"},{"from":"1e2","rate":"100%"}]}}}]}`,
		`{` + okSale + `,"earnings":[{"kind":"rebate","name":"t","tiered":{"prior":"0.00 USD","schedule":{"tiers":[{}]},"schedule":null}}]}`,
		`{"ID":"x","id":"y"}`, `{"list":"1.00 USD","list":"2.00 USD"}`, `null`, `[]`, "\ufeff{}", `{"id":"\u0000"}`,
		`{"pricing":{"floor":{"kind":"margin","rate":"99.99%","action":"clamp"}}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		s, err := margin.ParseResale([]byte(doc))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "margin: ") {
				t.Fatalf("message without prefix: %v", err)
			}
			var fp interface{ FieldPath() string }
			if !errors.As(err, &fp) {
				t.Fatalf("no field error: %v", err)
			}
			walkPaths(err, func(p string) {
				if !field.Valid(p) {
					t.Fatalf("path %q is not a JSON Pointer: %v", p, err)
				}
			})
			return
		}
		p := s.PnL()
		checkSums(t, p)
		b, err := s.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := margin.ParseResale(b)
		if err != nil || !back.Equal(s) || !back.PnL().Equal(p) {
			t.Fatalf("round trip of %s: %v", b, err)
		}
	})
}

// textEnum is an enumeration's text form.
type textEnum interface {
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}

// FuzzEnumText: any text either fails to parse or round-trips exactly,
// for every enumeration of the package.
func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"front-end", "cost-to-serve", "rebate", "spif", "services", "additive", "compounding",
		"none", "min-margin", "unspecified", "", "Rebate", "front_end", "mdf\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var l margin.Lever
		var k margin.ItemKind
		var c margin.Composition
		var g margin.Guard
		for _, v := range []textEnum{&l, &k, &c, &g} {
			if err := v.UnmarshalText([]byte(s)); err != nil {
				if !errors.Is(err, margin.ErrInvalid) {
					t.Fatalf("%q: %v", s, err)
				}
				continue
			}
			b, err := v.MarshalText()
			if err != nil || string(b) != s {
				t.Fatalf("%q parsed, marshals to %q, %v", s, b, err)
			}
		}
	})
}
