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
		"s2,2025-07-04,sale,acme,2.00,\"north\n" + // lines 4–5: one record
		"east\"\n" +
		"s3,2025-07-05,sale,acme\n" + // line 6: too few fields
		"s4,2025-07-06,sael,acme,3.00,emea\n" + // line 7: unknown kind
		"s5,2025-07-07,sale,acme,4.00,emea\n" // line 8: after MaxErrors
	opt := DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 1}
	got := withSources(t, opt, func(o DecodeOptions) func(func(Transaction, error) bool) {
		return ReadTransactionsCSV(strings.NewReader(doc), o)
	})
	want := []sourced{
		{Line: 2, Text: "s1,2025-07-03,sale,acme,1.00,emea", ID: "s1"},
		{Line: 4, Text: "s2,2025-07-04,sale,acme,2.00,\"north\neast\"", ID: "s2"},
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
