package incentive

import (
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// decoded is one item of a decoder's output, errors by their text (a CSV
// syntax error by its kind and line: the two readers word positions
// differently).
type decoded struct {
	Tx  Transaction
	Err string
}

func collectDecoded(seq func(func(Transaction, error) bool)) []decoded {
	var out []decoded
	for tx, err := range seq {
		d := decoded{Tx: tx}
		if err != nil {
			d.Err = err.Error()
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				d.Err = pe.Err.Error()
			}
		}
		out = append(out, d)
	}
	return out
}

// genCSV draws a transactions CSV with the hazards of real files: columns
// in any order, quotes, blank lines, ragged records, bad values, repeated
// dates and currencies.
func genCSV(t *rapid.T) string {
	cols := rapid.Permutation(transactionColumns()).Draw(t, "cols")
	cols = cols[:rapid.IntRange(4, len(cols)).Draw(t, "ncols")]
	values := map[string][]string{
		"id":             {"s1", "\"q,\"\"x\"\"\"", "s2", "s1", "", " s3 ", "\u202es4", "\x01"},
		"date":           {"2025-07-03", "2025-07-03", "2025-08-01", "2025-02-30", "", "0001-01-01", "x"},
		"kind":           {"sale", "event", "credit-note", "return", "", "Sale"},
		"partner_id":     {"acme", "\"glo\r\nbex\"", "globex", "", "a\u202eb"},
		"rep_id":         {"", "ana", "bo\x00"},
		"amount":         {"-5.00", "1.00 USD", "1234.56", "1.00 EUR", "", "1e3", "99999999999999999999.99", "1.005 USD", "1.00 USD x"},
		"currency":       {"USD", "", "EUR", "usd", "XXX"},
		"units":          {"", "3", "-1", "1.5", "x"},
		"motion":         {"", "new", "renewal", "bad"},
		"billing":        {"", "recurring", "one-time", "x"},
		"authorised":     {"", "true", "false", "yes"},
		"partner_tier":   {"", "gold"},
		"certifications": {"", "a;b", ";"},
		"territory":      {"", "emea"},
		"category":       {"", "software"},
		"segment":        {"", "smb"},
		"event":          {"", "lead"},
		"corrects":       {"", "2025-Q2", "q\u202e2", "\x7f"},
		"term_months":    {"", "36", "0", "x", "601"},
		"credits":        {"", "rep:r1=60%;rep:r2=40%", "rep:m1+=100%", "rep:r1=60", "x:r1=1%", "rep:=5%", "rep:r1", "rep:r1=-1%"},
	}
	var b strings.Builder
	b.WriteString(strings.Join(cols, ","))
	b.WriteString("\n")
	for range rapid.IntRange(0, 6).Draw(t, "rows") {
		switch rapid.IntRange(0, 12).Draw(t, "rowKind") {
		case 0:
			b.WriteString("\n") // blank
			continue
		case 1:
			b.WriteString("a,\"b\n") // an unclosed quote runs on
		case 2:
			b.WriteString("x,y\n") // ragged
			continue
		case 3:
			b.WriteString("a,b\"c,d\n") // bare quote
			continue
		}
		for i, c := range cols {
			if i > 0 {
				b.WriteString(",")
			}
			// Mostly one of the first two values (valid ones), so that
			// whole records get through and are compared.
			v := values[c]
			if rapid.IntRange(0, 3).Draw(t, "valid") > 0 {
				v = v[:2]
			}
			b.WriteString(rapid.SampledFrom(v).Draw(t, c))
		}
		b.WriteString(rapid.SampledFrom([]string{"\n", "\r\n"}).Draw(t, "eol"))
	}
	return b.String()
}

// The byte reader gives what encoding/csv gives: the same transactions and
// the same errors, line for line.
func TestPropCSVReaderMatchesEncodingCSV(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		doc := genCSV(t)
		opt := DecodeOptions{MaxErrors: rapid.IntRange(0, 4).Draw(t, "maxErrors"), RejectDuplicateIDs: rapid.Bool().Draw(t, "dups")}
		if rapid.Bool().Draw(t, "defaultCurrency") {
			opt.Currency = money.MustCurrency("USD")
		}
		want := collectDecoded(readTransactionsCSVStd(strings.NewReader(doc), opt))
		got := collectDecoded(readTransactionsCSV(strings.NewReader(doc), opt))
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("%q: (-encoding/csv +bytes):\n%s", doc, d)
		}
	})
}

// A corrects reference is checked as other IDs are (it names a settled
// period): a bidirectional override or a control character is a line
// error with its column and pointer. Before, both were accepted.
func TestCorrectsChecked(t *testing.T) {
	doc := "id,date,kind,partner_id,amount,corrects\n" +
		"c1,2025-07-03,credit-note,acme,-1.00 USD,2025-Q2\n" +
		"c2,2025-07-03,credit-note,acme,-1.00 USD,2025\u202e-Q2\n" +
		"c3,2025-07-03,credit-note,acme,-1.00 USD,\x01\n"
	var got []string
	for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 5}) {
		var le *LineError
		switch {
		case err == nil:
			got = append(got, tx.ID+" "+tx.Corrects)
		case errors.As(err, &le):
			got = append(got, le.Column+" "+le.Path)
		}
	}
	want := []string{"c1 2025-Q2", "corrects /corrects", "corrects /corrects"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	jl := `{"id":"c","date":"2025-07-03","kind":"return","partner_id":"a","amount":"-1.00 USD","corrects":"\u202eQ2"}`
	for _, err := range ReadTransactionsJSONL(strings.NewReader(jl), DecodeOptions{}) {
		var le *LineError
		if !errors.As(err, &le) || le.Path != "/corrects" {
			t.Errorf("JSON Lines: %v", err)
		}
	}
}

// A CSV record longer than MaxLineBytes is a line error, and reading goes
// on after it: the long line is skipped, not held.
func TestCSVRecordLimit(t *testing.T) {
	long := "s2,2025-07-03,event,acme," + strings.Repeat("x", MaxLineBytes)
	quoted := "s3,2025-07-03,event,acme,\"" + strings.Repeat("y\n", MaxLineBytes/2+1) + "\""
	doc := "id,date,kind,partner_id,event\ns1,2025-07-03,event,acme,e\n" + long + "\n" + quoted + "\ns4,2025-07-03,event,acme,e\n"
	var got []string
	for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 5}) {
		var le *LineError
		switch {
		case err == nil:
			got = append(got, tx.ID)
		case errors.As(err, &le) && strings.Contains(err.Error(), "longer than"):
			got = append(got, "long@"+strconv.Itoa(le.Line))
		default:
			got = append(got, err.Error())
		}
	}
	// Line 3 is too long; the quoted record starts on line 4 and runs past
	// the limit; what follows its closing quote is read on.
	if len(got) < 3 || got[0] != "s1" || got[1] != "long@3" || !strings.HasPrefix(got[2], "long@") {
		t.Fatalf("got %q", got)
	}
}

// The facts CSV has the same record limit: a longer record is a line
// error and the facts around it are still read (and reported as bad
// lines, so no Facts are returned).
func TestFactsCSVRecordLimit(t *testing.T) {
	doc := "recipient,fact,name,value\npartner:acme,metric,csat,4.6\npartner:b,metric,x," + strings.Repeat("9", MaxLineBytes) + "\npartner:c,metric,csat,x\n"
	_, err := ReadFactsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 5})
	var lines []int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var le *LineError
		if errors.As(e, &le) {
			lines = append(lines, le.Line)
		}
	}
	if d := cmp.Diff([]int{3, 4}, lines); d != "" || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("(-want +got):\n%s\n%v", d, err)
	}
}

// The per-transaction IsValid range checks agree with the names, for
// every value.
func TestHotIsValid(t *testing.T) {
	for v := range 256 {
		u := uint8(v)
		if Kind(u).IsValid() != kindNames.IsValid(u) || Motion(u).IsValid() != motionNames.IsValid(u) || Billing(u).IsValid() != billingNames.IsValid(u) {
			t.Errorf("%d: Kind %t/%t, Motion %t/%t, Billing %t/%t", v, Kind(u).IsValid(), kindNames.IsValid(u),
				Motion(u).IsValid(), motionNames.IsValid(u), Billing(u).IsValid(), billingNames.IsValid(u))
		}
	}
}

// Dates that share a slot of the date cache (2025-07-03 and 2026-11-03:
// the same last year digit plus a month and day offset that wraps to the
// same slot) still read as themselves, and a bad date in a slot does not
// return the slot's date.
func TestCSVDateCacheSlots(t *testing.T) {
	doc := "id,date,kind,partner_id,amount,currency\n" +
		"a,2025-07-03,sale,p,1.00,USD\n" +
		"b,2026-11-03,sale,p,1.00,USD\n" +
		"c,2025-07-03,sale,p,1.00,USD\n" +
		"d,2025-07-3x,sale,p,1.00,USD\n"
	want := []string{"2025-07-03", "2026-11-03", "2025-07-03", ""}
	i := 0
	for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{}) {
		got := ""
		if err == nil {
			got = tx.Date.Format(time.DateOnly)
		}
		if got != want[i] {
			t.Errorf("line %d: date %q (error %v), want %q", i+2, got, err, want[i])
		}
		i++
	}
	if i != len(want) {
		t.Fatalf("%d transactions, want %d", i, len(want))
	}
}
