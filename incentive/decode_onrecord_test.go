package incentive

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/money"
)

// sourced is what DecodeOptions.OnRecord reported for one yield: the line
// and text, and the transaction ID or the error's line.
type sourced struct {
	Line    int
	Text    string
	ID      string
	ErrLine int // the *LineError's line, 0 without an error
}

// withSources runs a decoder built with opt (OnRecord set) to the end and
// pairs every yield with the last OnRecord call before it (Line −1 when
// there was none).
func withSources(t *testing.T, opt DecodeOptions, read func(DecodeOptions) func(func(Transaction, error) bool)) []sourced {
	t.Helper()
	cur := sourced{Line: -1}
	opt.OnRecord = func(line int, text []byte) { cur = sourced{Line: line, Text: string(text)} }
	var got []sourced
	for tx, err := range read(opt) {
		s := cur
		s.ID = tx.ID
		if le := (*LineError)(nil); errors.As(err, &le) {
			s.ErrLine = le.Line
		} else if err != nil {
			s.ErrLine = -1
		}
		got = append(got, s)
		cur = sourced{Line: -1}
	}
	return got
}

// TestOnRecordCSV: OnRecord reports each record's first line and its
// text — the line itself; a quoted field's line break joins its lines
// with "\n"; CRLF line ends and empty lines are left out — before its
// transaction or error, and is not called for the header or
// ErrTooManyErrors. The lines are counted by hand in doc below.
func TestOnRecordCSV(t *testing.T) {
	doc := "id,date,kind,partner_id,amount,territory\r\n" + // line 1: header
		"s1,2025-07-03,sale,acme,1.00,emea\r\n" + // line 2
		"\n" + // line 3: empty, skipped
		"s2,2025-07-04,sale,acme,2.00,\"north\n" + // lines 4–5: one record (a territory with a line break: a bad value)
		"east\"\n" +
		"s3,2025-07-05,sale,acme\n" + // line 6: too few fields
		"s4,2025-07-06,sael,acme,3.00,emea\n" + // line 7: unknown kind
		"s5,2025-07-07,sale,acme,4.00,emea\n" // line 8: after MaxErrors
	opt := DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 2}
	got := withSources(t, opt, func(o DecodeOptions) func(func(Transaction, error) bool) {
		return ReadTransactionsCSV(strings.NewReader(doc), o)
	})
	want := []sourced{
		{Line: 2, Text: "s1,2025-07-03,sale,acme,1.00,emea", ID: "s1"},
		{Line: 4, Text: "s2,2025-07-04,sale,acme,2.00,\"north\neast\"", ErrLine: 4},
		{Line: 6, Text: "s3,2025-07-05,sale,acme", ErrLine: 6},
		{Line: 7, Text: "s4,2025-07-06,sael,acme,3.00,emea", ErrLine: 7},
		{Line: -1, ErrLine: -1}, // ErrTooManyErrors: no record
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}

	// A bad header: no call.
	got = withSources(t, opt, func(o DecodeOptions) func(func(Transaction, error) bool) {
		return ReadTransactionsCSV(strings.NewReader("id,date,kind\ns1,2025-07-03,sale\n"), o)
	})
	if d := cmp.Diff([]sourced{{Line: -1, ErrLine: 1}}, got); d != "" {
		t.Errorf("bad header (-want +got):\n%s", d)
	}

	// A delimiter beyond ASCII (encoding/csv): the fields written back,
	// quoted where CSV needs it.
	doc = "id§date§kind§partner_id§amount§territory\n" +
		"s1§2025-07-03§sale§acme§1.00§\"a\"\"b\"\n"
	got = withSources(t, DecodeOptions{Currency: money.MustCurrency("USD"), Comma: '§'}, func(o DecodeOptions) func(func(Transaction, error) bool) {
		return ReadTransactionsCSV(strings.NewReader(doc), o)
	})
	if d := cmp.Diff([]sourced{{Line: 2, Text: "s1§2025-07-03§sale§acme§1.00§\"a\"\"b\"", ID: "s1"}}, got); d != "" {
		t.Errorf("delimiter § (-want +got):\n%s", d)
	}
}

// TestOnRecordJSONL: OnRecord reports each non-blank line with its text as
// read, bad lines included.
func TestOnRecordJSONL(t *testing.T) {
	doc := `{"id": "s1", "date": "2025-07-03", "kind": "sale", "partner_id": "acme", "amount": "1.00"}` + "\n" + // line 1
		"  \n" + // line 2: blank, skipped
		`{"id": "s2", "date": "2025-07-03", "kind": "sale", "partner_id": "acme", "amount": 1}` + "\n" // line 3: a number
	got := withSources(t, DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 5}, func(o DecodeOptions) func(func(Transaction, error) bool) {
		return ReadTransactionsJSONL(strings.NewReader(doc), o)
	})
	lines := strings.Split(doc, "\n")
	want := []sourced{
		{Line: 1, Text: lines[0], ID: "s1"},
		{Line: 3, Text: lines[2], ErrLine: 3},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// FuzzOnRecord: whatever the input, the lines OnRecord reports rise, its
// text is exactly the input's lines from that line on (line breaks and a
// final carriage return of each line left out, joined by "\n"), and a
// bad record's *LineError names the same line.
func FuzzOnRecord(f *testing.F) {
	for _, s := range []string{
		"id,date,kind,partner_id,amount\r\ns1,2025-07-03,sale,acme,1.00 USD\r\n\r\ns2,x,sale,acme,1.00 USD\n",
		"\ufeffid,date,kind,partner_id\n\"s\n1\",2025-07-03,event,a\n\"x\r\ny\",2025-07-03,event,\"b\"\"\"\n",
		"id,date,kind,partner_id\n\"unterminated\n\n",
		"id,date,kind,partner_id\ns1,2025-07-03,event\ns2,2025-07-03,event,a,b\n",
		`{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1.00 USD"}` + "\r\n\n \n{}\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, doc string, jsonl bool) {
		lines := strings.Split(strings.TrimPrefix(doc, "\ufeff"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimSuffix(l, "\r")
		}
		last, line, called := 0, 0, false
		opt := DecodeOptions{MaxErrors: 5}
		opt.OnRecord = func(l int, text []byte) {
			if l <= last {
				t.Fatalf("line %d after line %d", l, last)
			}
			n := strings.Count(string(text), "\n") + 1
			if l-1+n > len(lines) {
				t.Fatalf("line %d: %d lines of text past the end (%d lines)", l, n, len(lines))
			}
			if want := strings.Join(lines[l-1:l-1+n], "\n"); string(text) != want {
				t.Fatalf("line %d: text %q, the input has %q", l, text, want)
			}
			last, line, called = l, l, true
		}
		seq := ReadTransactionsCSV(strings.NewReader(doc), opt)
		if jsonl {
			seq = ReadTransactionsJSONL(strings.NewReader(doc), opt)
		}
		for _, err := range seq {
			if le := (*LineError)(nil); called && errors.As(err, &le) && le.Line != line {
				t.Fatalf("the record on line %d fails on line %d: %v", line, le.Line, err)
			}
			called = false
		}
	})
}
