package incentive

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// The byte-parallel scans agree with byte-by-byte ones on any bytes, at
// every length (word and tail) and alignment: printable text with the
// separators, quotes and the bytes one above them (where an inexact
// zero-byte test errs), and at most one byte outside or at the printable
// bounds (0x1f, 0x7f, 0x80, …) anywhere, so that it decides the answer.
func TestPropSWARMatchesBytewise(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 40).Draw(t, "n")
		b := rapid.SliceOfN(rapid.SampledFrom([]byte(`,;"a.~ 0-#:`)), n, n).Draw(t, "b")
		if n > 0 && rapid.Bool().Draw(t, "hazard") {
			b[rapid.IntRange(0, n-1).Draw(t, "at")] = rapid.SampledFrom([]byte{0x1f, 0x7f, 0x80, 0xff, 0, '\t', 0x20, 0x7e}).Draw(t, "byte")
		}
		b = b[rapid.IntRange(0, len(b)).Draw(t, "from"):]
		comma := rapid.SampledFrom([]byte{',', ';', '\t', 0x7f}).Draw(t, "comma")

		printable := true
		for _, c := range b {
			printable = printable && c >= 0x20 && c <= 0x7e
		}
		if got := printableASCII(b); got != printable {
			t.Fatalf("printableASCII(%q) = %v, want %v", b, got, printable)
		}

		var want []int
		quoted := false
		for i, c := range b {
			if c == '"' {
				quoted = true
				break
			}
			if c == comma {
				want = append(want, i)
			}
		}
		got, q := splitFields(b, comma, nil)
		if q != quoted {
			t.Fatalf("splitFields(%q, %q): quoted %v, want %v", b, comma, q, quoted)
		}
		if !quoted && !slices.Equal(got, append(want, len(b))) {
			t.Fatalf("splitFields(%q, %q) = %v, want %v", b, comma, got, append(want, len(b)))
		}
	})
}

// minorUnits reads exactly what ParseIn reads as the same coefficient at
// the currency's places, and declines the rest (written out by hand).
func TestMinorUnits(t *testing.T) {
	for _, c := range []struct {
		in     string
		places int32
		v      int64
		ok     bool
	}{
		{"1234.56", 2, 123456, true},
		{"-5.00", 2, -500, true},
		{"-0.00", 2, 0, true},
		{"007.50", 2, 750, true}, {"1.5", 1, 15, true},
		{"12", 0, 12, true},
		{"999999999999999999", 0, 999999999999999999, true}, // 18 digits
		{"9999999999999999.99", 2, 999999999999999999, true},
		{"9999999999999999999", 0, 0, false}, // 19 digits: ParseIn's
		{"12", 2, 0, false},                  // other places: ParseIn's
		{"1.5", 2, 0, false},
		{"1.500", 2, 0, false},
		{"12.", 0, 0, false},
		{"1.", 2, 0, false},
		{".50", 2, 0, false},
		{"-.50", 2, 0, false},
		{"-", 0, 0, false},
		{"", 0, 0, false},
		{"+1.00", 2, 0, false},
		{"1.00 USD", 2, 0, false},
		{"1.0.0", 1, 0, false},
		{"1e3", 0, 0, false},
		{"--1", 0, 0, false},
	} {
		v, ok := minorUnits([]byte(c.in), c.places)
		if v != c.v && ok || ok != c.ok {
			t.Errorf("minorUnits(%q, %d) = %d, %v; want %d, %v", c.in, c.places, v, ok, c.v, c.ok)
		}
	}
}
