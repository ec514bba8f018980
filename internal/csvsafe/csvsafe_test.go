package csvsafe

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestWriteHostile checks the bytes written for hostile IDs against the
// OWASP rule: a text cell starting with = + - @ tab or CR gets a leading
// single quote and is enclosed in double quotes; numbers stay numbers;
// control and bidi characters are escaped visibly.
func TestWriteHostile(t *testing.T) {
	tests := []struct {
		name, in, want string // want: the bytes of the cell as written
	}{
		{"hyperlink", `=HYPERLINK("http://x","y")`, `"'=HYPERLINK(""http://x"",""y"")"`},
		{"at", `@SUM(A1)`, `"'@SUM(A1)"`},
		{"dde", `+cmd|' /C calc'!A0`, `"'+cmd|' /C calc'!A0"`},
		{"minus expression", `-2+3`, `"'-2+3"`},
		{"sum", `=SUM(A1)`, `"'=SUM(A1)"`},
		{"full-width equals", "\uff1dSUM(A1)", "\"'\uff1dSUM(A1)\""},
		{"full-width at", "\uff20SUM(A1)", "\"'\uff20SUM(A1)\""},
		{"full-width equals inside", "a\uff1d1", "a\uff1d1"},
		{"tab first", "\t=1+1", `\u0009=1+1`},
		{"cr first", "\r=1+1", `\u000D=1+1`},
		{"rlo", "acme\u202Etxt.exe", `acme\u202Etxt.exe`},
		{"rlo first then formula", "\u202E=1", `\u202E=1`},
		{"isolate and marks", "a\u2066b\u2069\u200E\u200F\u061C", `a\u2066b\u2069\u200E\u200F\u061C`},
		{"newline", "line1\nline2", `line1\u000Aline2`},
		{"nul and del and c1", "a\x00b\x7fc\u0085", `a\u0000b\u007Fc\u0085`},
		{"invalid utf-8", "a\xffb", `a\xFFb`},
		{"negative amount", "-12.50", `-12.50`},
		{"integer", "0", `0`},
		{"negative integer", "-3", `-3`},
		{"lone minus", "-", `"'-"`},
		{"minus point", "-.5", `"'-.5"`},
		{"plus number", "+12", `"'+12"`},
		{"exponent", "-1e5", `"'-1e5"`},
		{"two points", "-1.2.3", `"'-1.2.3"`},
		{"plain text", "partner:acme", `partner:acme`},
		{"comma", "a,b", `"a,b"`},
		{"quote", `say "hi"`, `"say ""hi"""`},
		{"leading space", " =1", `" =1"`},
		{"unicode text", "Müller ≥ 3 €", `Müller ≥ 3 €`},
		{"minus sign U+2212", "−600.00", `−600.00`},
		{"empty", "", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf)
			if err := w.Write([]string{"x", tt.in}); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff("x,"+tt.want+"\n", buf.String()); diff != "" {
				t.Errorf("written bytes (-want +got):\n%s", diff)
			}
			// Read back: the cell is the neutralised text.
			rec, err := csv.NewReader(&buf).Read()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"x", Cell(tt.in)}, rec); diff != "" {
				t.Errorf("read back (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOneEmptyCell: a record of one empty cell is written as "" so that a
// reader sees a record, not a blank line.
func TestOneEmptyCell(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, r := range [][]string{{""}, {"a"}, {"", ""}} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("\"\"\na\n,\n", buf.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	r := csv.NewReader(&buf)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{""}, {"a"}, {"", ""}}, recs); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
}

type failWriter struct{}

var errDisk = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

// TestWriterError: the first write error is kept and returned.
func TestWriterError(t *testing.T) {
	w := NewWriter(failWriter{})
	_ = w.Write([]string{"a"})
	if err := w.Flush(); !errors.Is(err, errDisk) {
		t.Errorf("Flush: %v, want %v", err, errDisk)
	}
	if err := w.Write([]string{"b"}); !errors.Is(err, errDisk) {
		t.Errorf("Write after failure: %v, want %v", err, errDisk)
	}
}

// checkCell checks the properties of Cell(s) for any s (also the fuzz
// target's oracle): the result starts with a formula character only when
// it is the unchanged plain number; it holds no hidden character and is
// valid UTF-8; text without hidden characters and without a formula start
// is unchanged; and the Writer's bytes read back through encoding/csv as
// the result.
func checkCell(t *testing.T, s string) {
	t.Helper()
	c := Cell(s)
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && (!IsNumber(c) || c != s) {
		t.Errorf("Cell(%q) = %q starts with a formula character", s, c)
	}
	if first, _ := utf8.DecodeRuneInString(c); strings.ContainsRune("\uff1d\uff0b\uff0d\uff20", first) {
		t.Errorf("Cell(%q) = %q starts with a full-width formula character", s, c)
	}
	if !utf8.ValidString(c) {
		t.Errorf("Cell(%q) = %q is not UTF-8", s, c)
	}
	for _, r := range c {
		if isHidden(r) {
			t.Errorf("Cell(%q) = %q keeps hidden %U", s, c, r)
		}
	}
	if !needsEscape(s) && (s == "" || !isFormulaStart(s[0]) && !isWideFormulaStart(s) || IsNumber(s)) && c != s {
		t.Errorf("Cell(%q) = %q changed a harmless cell", s, c)
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := errors.Join(w.Write([]string{s}), w.Write([]string{s, "tail"}), w.Flush()); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&buf)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading back Cell(%q): %v", s, err)
	}
	if diff := cmp.Diff([][]string{{c}, {c, "tail"}}, recs); diff != "" {
		t.Errorf("round trip of %q (-want +got):\n%s", s, diff)
	}
}

func TestCellProperties(t *testing.T) {
	for _, s := range hostileSeeds() {
		checkCell(t, s)
	}
}

// hostileSeeds returns the fuzz target's seeds.
func hostileSeeds() []string {
	return []string{"", "0", "-0", "-12.50", "12.", ".5", "-", "=", "@", "+", "\t", "\r", "\n",
		`=HYPERLINK("http://x","y")`, "@SUM(A1)", `+cmd|' /C calc'!A0`, "-2+3", "\u202E", "a\u202Eb",
		"\xff", "\xe2\x80", `\.`, " ", `"`, "a,b", "=1\n=2", "\u2028", "\x00", "-1\x00",
		"\uff1dSUM(A1)", "\uff0b1", "\uff0d1", "\uff20A", "a\uff1d1"}
}

func FuzzCell(f *testing.F) {
	for _, s := range hostileSeeds() {
		f.Add(s)
	}
	f.Fuzz(checkCell)
}

func BenchmarkWrite(b *testing.B) {
	rec := []string{"partner:acme", "volume-rebate", "-12.50", "=SUM(A1)", "a sentence of some length, with a comma"}
	w := NewWriter(&bytes.Buffer{})
	b.ReportAllocs()
	for b.Loop() {
		_ = w.Write(rec)
	}
}
