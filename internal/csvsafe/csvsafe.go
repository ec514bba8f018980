package csvsafe

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// Cell returns s as it is safe to write into a CSV cell (see the package
// documentation for the rule): a plain decimal number unchanged, any other
// text with control and bidirectional-formatting characters escaped as
// "\uXXXX" and, when it then starts with "=", "+", "-" or "@", a single
// quote put in front.
func Cell(s string) string {
	c, _ := cell(s)
	return c
}

// cell returns Cell(s) and whether the formula rule put a quote in front.
func cell(s string) (string, bool) {
	if IsNumber(s) {
		return s, false
	}
	out := s
	if needsEscape(s) {
		out = escape(s)
	}
	if out != "" && (isFormulaStart(out[0]) || isWideFormulaStart(out)) {
		return "'" + out, true
	}
	return out, false
}

// isWideFormulaStart reports whether s starts with the full-width form of
// a formula character (＝ ＋ － ＠, U+FF1D, U+FF0B, U+FF0D, U+FF20): East
// Asian input methods type them, and some spreadsheets convert them to
// their ASCII forms as a formula is entered.
func isWideFormulaStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '\uff1d', '\uff0b', '\uff0d', '\uff20':
		return true
	}
	return false
}

// IsNumber reports whether s is a plain decimal number: an optional "-",
// one or more ASCII digits, and optionally "." followed by one or more
// ASCII digits. Such a cell is written unchanged by Cell.
func IsNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasPoint := strings.Cut(s, ".")
	return allDigits(whole) && (!hasPoint || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isFormulaStart reports whether a cell starting with b runs as a formula
// in a spreadsheet (OWASP: = + - @ tab carriage return).
func isFormulaStart(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// isHidden reports whether r is escaped by Cell: a control character, a
// bidirectional mark, embedding, override or isolate, or a line or
// paragraph separator.
func isHidden(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || isHidden(r) {
			return true
		}
		i += n
	}
	return false
}

const hexDigits = "0123456789ABCDEF"

// escape replaces every hidden rune by "\uXXXX" and every byte that is not
// UTF-8 by "\xNN".
func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 12)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[s[i]>>4])
			b.WriteByte(hexDigits[s[i]&0xf])
		case isHidden(r):
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hexDigits[(r>>shift)&0xf])
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Writer writes CSV records whose every cell has gone through Cell. Like
// encoding/csv's Writer it buffers: call Flush at the end and check its
// error.
type Writer struct {
	w   *bufio.Writer
	err error
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriter(w)}
}

// Write writes one record, each field made safe by Cell, separated by
// commas and ended by "\n". A neutralised cell is always enclosed in double
// quotes; another cell is when it contains a comma or a double quote, or
// starts with a space, and so is an empty cell alone in its record (an
// empty line would be no record at all). The first error is kept and returned by every later
// call.
func (w *Writer) Write(record []string) error {
	if w.err != nil {
		return w.err
	}
	for i, f := range record {
		if i > 0 {
			w.w.WriteByte(',')
		}
		c, neutralised := cell(f)
		if !neutralised && !needsQuotes(c) && (c != "" || len(record) > 1) {
			w.w.WriteString(c)
			continue
		}
		w.w.WriteByte('"')
		w.w.WriteString(strings.ReplaceAll(c, `"`, `""`))
		w.w.WriteByte('"')
	}
	_, w.err = w.w.WriteString("\n")
	return w.err
}

// needsQuotes reports whether an escaped cell must be quoted for
// encoding/csv to read it back unchanged (line breaks are escaped already);
// `\.` is quoted as encoding/csv does, for PostgreSQL.
func needsQuotes(c string) bool {
	return c != "" && (c[0] == ' ' || c == `\.` || strings.ContainsAny(c, `,"`))
}

// Flush writes any buffered data to the underlying writer and returns the
// first error of any Write or of the flush.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	w.err = w.w.Flush()
	return w.err
}
