package incentive

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/money"
)

// planDecodeLine is a valid JSON Lines sale with amount amount and
// partner ID partner.
func planDecodeLine(partner, amount string) string {
	return `{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"` + partner + `","amount":"` + amount + `","motion":"new"}`
}

// ReadTransactionsJSONL reports each bad line as a *LineError with the
// member's JSON Pointer and the reason, whichever reader (the fast path or
// the strict decoder) takes the line:
//   - a line cut short after "{" or after a member name is a syntax error
//     (the fast reader must not read past the end: jsonfast.go's
//     `i < len(b)` before b[i]);
//   - an amount with no digit before the point (".50 USD") is not
//     ParseDecimal's syntax, though it has as many decimals as USD
//     (minorUnits: a point only after a digit);
//   - an amount in EUR where DecodeOptions.Currency is USD is ErrCurrency
//     (parseAmount: on a parsed amount);
//   - an ID holding DEL (0x7f) is a control character (idText: the
//     ASCII shortcut skips only 0x20–0x7e).
func TestPlanDecodeJSONLBadLines(t *testing.T) {
	usd := money.MustCurrency("USD")
	tests := []struct {
		name, line string
		opt        DecodeOptions
		want       string
		is         error
	}{
		// The end of "{" (1 byte) is column 2, of `{"id"` (5 bytes) column 6.
		{"cut after {", `{`, DecodeOptions{},
			`incentive: line 1: strictjson: invalid JSON at "/" (line 1, column 2): unexpected EOF`, nil},
		{"cut after a name", `{"id"`, DecodeOptions{},
			`incentive: line 1: /id: strictjson: invalid JSON at "/id" (line 1, column 6): unexpected EOF`, nil},
		{"no digit before the point", planDecodeLine("acme", ".50 USD"), DecodeOptions{},
			`incentive: line 1: /amount = ".50 USD": invalid syntax`, money.ErrSyntax},
		{"another currency", planDecodeLine("acme", "500.00 EUR"), DecodeOptions{Currency: usd},
			`incentive: line 1: /amount = "500.00 EUR": currency mismatch: the amount is in EUR, the expected currency is USD`, ErrCurrency},
		{"DEL in an ID", planDecodeLine("ac\x7fme", "500.00 USD"), DecodeOptions{},
			"incentive: line 1: /partner_id = \"ac\\x7fme\": control or invalid character", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs []error
			for tx, err := range ReadTransactionsJSONL(strings.NewReader(tt.line+"\n"), tt.opt) {
				if err == nil {
					t.Errorf("read %+v, want an error", tx)
					continue
				}
				errs = append(errs, err)
			}
			if len(errs) != 1 {
				t.Fatalf("errors %v, want one", errs)
			}
			var le *LineError
			if !errors.As(errs[0], &le) || le.Line != 1 {
				t.Fatalf("got %v, want a *LineError on line 1", errs[0])
			}
			if errs[0].Error() != tt.want {
				t.Errorf("got %q, want %q", errs[0], tt.want)
			}
			if tt.is != nil && !errors.Is(errs[0], tt.is) {
				t.Errorf("got %v, want %v", errs[0], tt.is)
			}
		})
	}
}
