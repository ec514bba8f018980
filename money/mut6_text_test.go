package money_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// ParseIn reads coefficients up to math.MaxInt64 (9223372036854775807)
// inline and anything beyond it exactly as a wide value: 2^63 =
// 9223372036854775808 is positive, not math.MinInt64, and 20 digits do
// not wrap around. parseCompact's overflow guard
// `u > (MaxInt64 − d)/10` must refuse the digit that would pass
// MaxInt64; each expected text is the input written with USD's 2 places.
func TestParseInCoefficientPastInt64(t *testing.T) {
	usd := money.MustCurrency("USD")
	tests := []struct{ in, want string }{
		{"9223372036854775807", "9223372036854775807.00 USD"},   // MaxInt64: inline
		{"-9223372036854775807", "-9223372036854775807.00 USD"}, // −MaxInt64: inline
		{"9223372036854775808", "9223372036854775808.00 USD"},   // MaxInt64 + 1 = 2^63
		{"-9223372036854775808", "-9223372036854775808.00 USD"}, // −2^63 (MinInt64 is never inline)
		{"9223372036854775809", "9223372036854775809.00 USD"},   // MaxInt64 + 2
		{"922337203685477580.8", "922337203685477580.80 USD"},   // coefficient 2^63, one place
		{"99999999999999999999", "99999999999999999999.00 USD"}, // 20 digits: 10^20 − 1
	}
	for _, tc := range tests {
		a, err := money.ParseIn(tc.in, usd)
		if err != nil || a.String() != tc.want {
			t.Errorf("ParseIn(%q) = %v, %v; want %s", tc.in, a, err, tc.want)
		}
	}
}

// The text limit counts leading zeros: a text of 81 bytes is ErrRange
// even when its value (here 1, after 80 zeros) is small and would be
// written in 4 bytes. ParseIn's inline path must decline texts longer
// than MaxTextLen (parseCompact's `len(s) > MaxTextLen`).
func TestParseInLeadingZerosPastTheLimit(t *testing.T) {
	usd := money.MustCurrency("USD")
	over := strings.Repeat("0", money.MaxTextLen) + "1" // 80 + 1 = 81 bytes
	if a, err := money.ParseIn(over, usd); !errors.Is(err, money.ErrRange) {
		t.Errorf("ParseIn of %d bytes = %v, %v; want ErrRange", len(over), a, err)
	}
	// 80 bytes (79 zeros and a 1) is within the limit: 1.00 USD.
	at := strings.Repeat("0", money.MaxTextLen-1) + "1"
	if a, err := money.ParseIn(at, usd); err != nil || a.String() != "1.00 USD" {
		t.Errorf("ParseIn of %d bytes = %v, %v; want 1.00 USD", len(at), a, err)
	}
}

// Zero with 78 places, "0." + 78 zeros, is written back with its 78
// places in exactly MaxTextLen (2 + 78 = 80) bytes, so ParseIn accepts it
// (textLen counts a sign only for a negative coefficient, never for 0).
func TestParseInZeroAtTheLimit(t *testing.T) {
	usd := money.MustCurrency("USD")
	at := "0." + strings.Repeat("0", 78)
	a, err := money.ParseIn(at, usd)
	if err != nil || a.String() != at+" USD" {
		t.Errorf("ParseIn of %d-byte zero = %v, %v; want %s USD", len(at), a, err, at)
	}
}

// MarshalText writes an amount whose number is exactly MaxTextLen (80)
// bytes, and refuses one of 81 with a *RangeError on the text length
// (amount.go MarshalText: `len(num) > MaxTextLen`). 10^-78 is "0." + 77
// zeros + "1" (2 + 78 = 80 bytes); 10^-79 is 81.
func TestMarshalTextAtTheLimit(t *testing.T) {
	usd := money.MustCurrency("USD")
	at := "0." + strings.Repeat("0", 77) + "1"
	b, err := money.New(decimal.New(1, -78), usd).MarshalText()
	if err != nil || string(b) != at+" USD" {
		t.Errorf("MarshalText of 10^-78 USD = %q, %v; want %q", b, err, at+" USD")
	}
	var re *money.RangeError
	_, err = money.New(decimal.New(1, -79), usd).MarshalText()
	if !errors.As(err, &re) || re.Quantity != "text length" || re.Value != "81" {
		t.Errorf("MarshalText of 10^-79 USD: %v; want a text length RangeError of 81", err)
	}
}

// Amount.UnmarshalJSON's own checks (unquoteJSON) and the errors it
// leaves to Parse: a JSON string of MaxTextLen+6 (86) bytes, an 80-byte
// number and " USD" in quotes, is read; 87 is too long. The empty JSON
// string `""` is well-formed JSON, so the error is Parse's (no space
// before a code); a lone `"` is not a JSON string. DEL (0x7f) is refused
// in the JSON string itself, while '~' (0x7e) reaches ParseDecimal.
func TestAmountUnmarshalJSONChecks(t *testing.T) {
	num80 := "0." + strings.Repeat("0", 77) + "1"
	var a money.Amount
	in := `"` + num80 + ` USD"`
	if err := a.UnmarshalJSON([]byte(in)); err != nil || a.String() != num80+" USD" {
		t.Errorf("UnmarshalJSON of %d bytes = %v, %v", len(in), a, err)
	}
	tests := []struct {
		name, in, fn string
		want         error
	}{
		{"87 bytes", `"` + num80 + `0 USD"`, "Amount.UnmarshalJSON", money.ErrRange},
		{"empty string", `""`, "Parse", money.ErrSyntax},
		{"lone quote", `"`, "Amount.UnmarshalJSON", money.ErrSyntax},
		{"DEL", "\"1\x7f USD\"", "Amount.UnmarshalJSON", money.ErrSyntax},
		{"tilde", `"1~ USD"`, "ParseDecimal", money.ErrSyntax},
	}
	for _, tc := range tests {
		var pe *money.ParseError
		err := new(money.Amount).UnmarshalJSON([]byte(tc.in))
		if !errors.As(err, &pe) || pe.Func != tc.fn || !errors.Is(err, tc.want) {
			t.Errorf("%s: UnmarshalJSON(%q) = %v; want a %s error from %s", tc.name, tc.in, err, tc.want, tc.fn)
		}
	}
}

// Parsing an amount whose coefficient fits an int64 allocates nothing
// (the package doc: such an amount is held inline, and parsing it
// allocates nothing) — for texts with a point, with every digit 0–9, at
// exactly MaxTextLen bytes, and with the coefficient ±math.MaxInt64.
// Not parallel: AllocsPerRun counts the allocations of the whole process.
func TestParseInAllocatesNothing(t *testing.T) {
	usd := money.MustCurrency("USD")
	for _, s := range []string{
		"1234.56",
		"1050.90",
		"-7.3",
		"0." + strings.Repeat("0", 77) + "1", // 80 bytes
		"9223372036854775807",
		"-9223372036854775807",
		"922337203685477580.7",
	} {
		var sink money.Amount
		var err error
		allocs := testing.AllocsPerRun(20, func() { sink, err = money.ParseIn(s, usd) })
		if err != nil || !sink.IsValid() || allocs != 0 {
			t.Errorf("ParseIn(%q): %v allocations, err %v", s, allocs, err)
		}
	}
}

// Parsing a rate whose coefficient fits an int64 allocates nothing: the
// usual forms, a fraction at the 80-byte limit ("0.", 77 zeros, "1"; its
// basis-point form is 78 bytes) and ±math.MaxInt64 as a fraction; nor do
// comparing, adding, multiplying ordinary rates and applying one to an
// amount. Not parallel: AllocsPerRun counts the whole process.
func TestRateAllocatesNothing(t *testing.T) {
	var sink money.Rate
	for _, s := range []string{"2.5%", "250bp", "0.025", "-1.5%", "100%",
		"0." + strings.Repeat("0", 77) + "1", "9223372036854775807", "-0.9223372036854775807"} {
		var err error
		allocs := testing.AllocsPerRun(20, func() { sink, err = money.ParseRate(s) })
		if err != nil || allocs != 0 {
			t.Errorf("ParseRate(%q): %v allocations, err %v", s, allocs, err)
		}
	}
	r, d := money.MustRate("3.5%"), money.MustRate("12.25%")
	allocs := testing.AllocsPerRun(20, func() {
		sink = d.Add(r).Sub(r).Mul(r).Complement()
		_ = sink.Cmp(r) + sink.Sign()
	})
	if allocs != 0 {
		t.Errorf("rate arithmetic: %v allocations", allocs)
	}
	x := money.MustParse("1234.56 USD")
	if allocs := testing.AllocsPerRun(20, func() { x.MulRate(r) }); allocs != 0 {
		t.Errorf("MulRate: %v allocations", allocs)
	}
}
