package incentive

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
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

// With the input cut anywhere by a read error, the byte reader gives what
// encoding/csv gives: the same transactions and errors up to the cut, then
// the read error on the same line (the one being read when the input
// failed, inside a quoted record too), not a syntax error in the part of
// the line before the cut (`"g` closing a quoted field), which encoding/csv
// finds first.
func TestPropCSVReadersAgreeOnReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("cut")
	rapid.Check(t, func(t *rapid.T) {
		doc := genCSV(t)
		cut := rapid.IntRange(0, len(doc)).Draw(t, "cut")
		opt := DecodeOptions{MaxErrors: 10}
		read := func(seq func(func(Transaction, error) bool)) []decoded { return collectDecoded(seq) }
		want := read(readTransactionsCSVStd(&failingReader{r: strings.NewReader(doc[:cut]), err: boom}, opt))
		got := read(readTransactionsCSV(&failingReader{r: strings.NewReader(doc[:cut]), err: boom}, opt))
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("%q cut at %d: (-encoding/csv +bytes):\n%s", doc, cut, d)
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
// on after it, at the next record: the long line is skipped, not held,
// and so is a long quoted record, to its closing quote — lines inside its
// quotes that look like records are not read as records. Line numbers go
// on counting every physical line skipped.
func TestCSVRecordLimit(t *testing.T) {
	fake := "s9,2025-07-03,event,acme,e\n" // a record's look-alike, inside quotes
	many := strings.Repeat(fake, MaxLineBytes/len(fake)+1)
	cases := []struct {
		name, body string
		want       []string
	}{
		// line 3: too long, one line.
		{"long line", "s2,2025-07-03,event,acme," + strings.Repeat("x", MaxLineBytes) + "\n",
			[]string{"s1@2", "long@3"}},
		// line 3: a quoted field of look-alike lines, closed on the
		// last.
		{"long quoted field", "s3,2025-07-03,event,acme,\"" + many + "\"\n",
			[]string{"s1@2", "long@3"}},
		// "" inside the field is a quote in it, not its end; the field
		// ends after the look-alikes.
		{"escaped quotes", "s3,2025-07-03,event,acme,\"a\"\"\n" + many + "\"\"b\"\n",
			[]string{"s1@2", "long@3"}},
		// A line over the limit inside a quoted field, then the field's
		// second part and its end.
		{"long line in quotes", "s3,2025-07-03,event,acme,\"a\n" + strings.Repeat("y", MaxLineBytes) + "\n" + fake + "b\"\n",
			[]string{"s1@2", "long@3"}},
		// A line over twice the reader's buffer inside a quoted field.
		{"longer line in quotes", "s3,2025-07-03,event,acme,\"a\n" + strings.Repeat("y", 2*MaxLineBytes+10) + "\nb\"\n",
			[]string{"s1@2", "long@3"}},
		// After the long field, a second quoted field on its last line
		// goes on to the next line: the record ends there.
		{"second quoted field", "s3,2025-07-03,event,acme,\"" + many + "b\",\"c\n" + fake + "d\"\n",
			[]string{"s1@2", "long@3"}},
		// A long first line opening a quote closed two lines later.
		{"long line opening quotes", "s3,2025-07-03,event,acme,\"" + strings.Repeat("y", MaxLineBytes) + "\n" + fake + "b\"\n",
			[]string{"s1@2", "long@3"}},
		// After the closing quote, a stray character is a quote error: the
		// record ends with that line.
		{"quote error ends it", "s3,2025-07-03,event,acme,\"" + many + "\"x\n",
			[]string{"s1@2", "long@3"}},
		// A bare quote in an unquoted field of a long line ends the
		// record with the line: the next line is a record.
		{"bare quote", "s3,2025-07-03,event,acme,a\"" + strings.Repeat("y", MaxLineBytes) + "\n",
			[]string{"s1@2", "long@3"}},
		// CRLF line ends, with the CR after a closing quote.
		{"crlf", "s3,2025-07-03,event,acme,\"" + strings.ReplaceAll(many, "\n", "\r\n") + "\"\r\n",
			[]string{"s1@2", "long@3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := "id,date,kind,partner_id,event\ns1,2025-07-03,event,acme,e\n" + c.body + "s4,2025-07-03,event,acme,e\ns5,2025-13-03,event,acme,e\n"
			end := 3 + strings.Count(c.body, "\n") // lines up to the long record's end
			want := append(c.want, "s4@"+strconv.Itoa(end), "bad@"+strconv.Itoa(end+1))
			var got []string
			opt := DecodeOptions{MaxErrors: 5}
			line := 0
			opt.OnRecord = func(l int, _ []byte) { line = l }
			for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), opt) {
				var le *LineError
				switch {
				case err == nil:
					got = append(got, tx.ID+"@"+strconv.Itoa(line))
				case errors.As(err, &le) && strings.Contains(err.Error(), "longer than"):
					got = append(got, "long@"+strconv.Itoa(le.Line))
				case errors.As(err, &le) && le.Column == "date":
					got = append(got, "bad@"+strconv.Itoa(le.Line))
				default:
					got = append(got, err.Error())
				}
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// A long quoted record left open runs to the end of the input: one
// error, on its first line, and no record after.
func TestCSVRecordLimitToEnd(t *testing.T) {
	many := strings.Repeat("s9,2025-07-03,event,acme,e\n", MaxLineBytes/20)
	for _, end := range []string{"", "\n", "x"} {
		doc := "id,date,kind,partner_id,event\ns1,2025-07-03,event,acme,e\ns2,2025-07-03,event,acme,\"" + many + end
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
		if d := cmp.Diff([]string{"s1", "long@3"}, got); d != "" {
			t.Errorf("ending %q (-want +got):\n%s", end, d)
		}
	}
}

// A record padded past MaxLineBytes reads as the same record padded
// short, but for the record itself: the long one is a long-record error on
// its first line, and every record around it — quoted fields over lines,
// "" escapes, quote errors, bare quotes, ragged and blank lines, LF or
// CRLF — reads the same, on the same lines. The pad goes in the event
// field, quoted (over 1 to 4 lines of random lengths, some over the
// reader's buffer, a "" before a line break or not) or not (one line),
// followed by a segment field: plain, empty, with "", or quoted over two
// lines.
func TestPropLongRecordSkipped(t *testing.T) {
	t.Parallel()
	templates := []string{
		"s%d,2025-07-03,event,acme,e,x",
		"s%d,2025-07-03,event,acme,\"a,b\",",
		"s%d,2025-07-03,event,acme,\"l1\nl2\",\"x\"",
		"s%d,2025-07-03,event,acme,\"q\"\"x\",x",
		"s%d,2025-07-03,event,acme,,",
		"",                                 // blank
		"s%d,2025-07-03,event,acme,a\"b,x", // bare quote
		"s%d,2025-07-03,event,\"ac\"x,e,x", // quote error
		"s%d,2025-07-03,event",             // ragged
	}
	rapid.Check(t, func(t *rapid.T) {
		rows := rapid.SliceOfN(rapid.SampledFrom(templates), 1, 6).Draw(t, "rows")
		j := rapid.IntRange(0, len(rows)-1).Draw(t, "long")
		quoted := rapid.Bool().Draw(t, "quoted")
		after := rapid.SampledFrom([]string{",x", ",", ",\"y\"\"\"", ",\"y\nz\""}).Draw(t, "after")
		join := rapid.SampledFrom([]string{"\n", "\"\"\n"}).Draw(t, "join") // a "" before a line break
		eol := rapid.SampledFrom([]string{"\n", "\r\n"}).Draw(t, "eol")
		var sizes []int // the lengths of the pad's lines
		if quoted {
			sizes = rapid.SliceOfN(rapid.IntRange(1, MaxLineBytes+10), 1, 4).Draw(t, "sizes")
		} else {
			sizes = []int{MaxLineBytes + rapid.IntRange(1, 10).Draw(t, "over")}
		}
		total := 0
		for _, n := range sizes {
			total += n
		}
		if total <= MaxLineBytes {
			sizes[len(sizes)-1] += MaxLineBytes + 1 - total
		}
		pad := func(long bool) string {
			parts := make([]string, len(sizes))
			for i, n := range sizes {
				if !long {
					n = 1
				}
				parts[i] = strings.Repeat("p", n)
			}
			if !quoted {
				return parts[0]
			}
			return strings.Join(parts, join)
		}
		build := func(long bool) string {
			var b strings.Builder
			b.WriteString("id,date,kind,partner_id,event,segment" + eol)
			for i, r := range rows {
				switch {
				case i == j && quoted:
					fmt.Fprintf(&b, "s%d,2025-07-03,event,acme,\"%s\"%s", i, pad(long), after)
				case i == j:
					fmt.Fprintf(&b, "s%d,2025-07-03,event,acme,%s%s", i, pad(long), after)
				case strings.Contains(r, "%d"):
					fmt.Fprintf(&b, r, i)
				default:
					b.WriteString(r)
				}
				b.WriteString(eol)
			}
			return b.String()
		}
		read := func(doc string, long bool) []string {
			var out []string
			line := 0
			// The padded record's first line: padded short, it is a
			// transaction, or a bad value there (a value with a line
			// break is one), never a record too long; padded long, it
			// is a record too long there.
			jLine := 1 + strings.Count(doc[:strings.Index(doc, fmt.Sprintf("s%d,2025-07-03,event,acme,", j))], "\n")
			opt := DecodeOptions{MaxErrors: 20, OnRecord: func(l int, _ []byte) { line = l }}
			for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), opt) {
				var le *LineError
				switch {
				case err == nil && tx.ID == fmt.Sprintf("s%d", j):
					out = append(out, "long@"+strconv.Itoa(line)) // the record padded short
				case err == nil:
					out = append(out, tx.ID+"@"+strconv.Itoa(line))
				case errors.As(err, &le) && le.Line == jLine && strings.Contains(err.Error(), "record longer than") == long:
					out = append(out, "long@"+strconv.Itoa(le.Line))
				default:
					out = append(out, err.Error())
				}
			}
			return out
		}
		want, got := read(build(false), false), read(build(true), true)
		if !slices.ContainsFunc(want, func(s string) bool { return strings.HasPrefix(s, "long@") }) {
			t.Fatalf("the record padded short was not read: %q", want)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("rows %q, long %d, quoted %t, after %q, join %q, sizes %v: (-padded short +padded long):\n%s", rows, j, quoted, after, join, sizes, d)
		}
	})
}

// dataErrReader returns its error with its last bytes, as an io.Reader
// may.
type dataErrReader struct {
	data string
	err  error
}

func (d *dataErrReader) Read(p []byte) (int, error) {
	n := copy(p, d.data)
	if d.data = d.data[n:]; d.data == "" {
		return n, d.err
	}
	return n, nil
}

// The JSON Lines decoders name the line cut short by a read error (not
// the line after it) and read every whole line before it, a blank last
// one included, whether the reader returns its error apart or with its
// last bytes.
func TestJSONLReadErrorLine(t *testing.T) {
	boom := errors.New("disk gone")
	tx := `{"id":"s1","date":"2025-07-03","kind":"event","partner_id":"p"}`
	fact := `{"recipient":"partner:a","fact":"metric","name":"csat","value":"4.2"}`
	for _, c := range []struct {
		doc  string
		line int // of the read error
	}{
		{"\n", 2},
		{"\n\n", 3},        // a blank last line is read
		{"\n" + tx[:9], 2}, // cut short: not read
	} {
		for _, together := range []bool{false, true} {
			src := func(doc string) io.Reader {
				if together {
					return &dataErrReader{data: doc, err: boom}
				}
				return &failingReader{r: strings.NewReader(doc), err: boom}
			}
			var errs []error
			n := 0
			for _, err := range ReadTransactionsJSONL(src(tx+c.doc), DecodeOptions{MaxErrors: 5}) {
				if err != nil {
					errs = append(errs, err)
				} else {
					n++
				}
			}
			var le *LineError
			if n != 1 || len(errs) != 1 || !errors.Is(errs[0], ErrRead) || !errors.As(errs[0], &le) || le.Line != c.line {
				t.Errorf("transactions %q, error with the data %t: %d read, %v; want 1 and a read error on line %d", c.doc, together, n, errs, c.line)
			}
			_, err := ReadFactsJSONL(src(fact+c.doc), DecodeOptions{MaxErrors: 5})
			if !errors.Is(err, ErrRead) || !errors.As(err, &le) || le.Line != c.line || strings.Contains(err.Error(), "invalid JSON") {
				t.Errorf("facts %q, error with the data %t: %v; want only a read error on line %d", c.doc, together, err, c.line)
			}
		}
	}
}

// A reader that fails once, then reports io.EOF, is a read error for
// every decoder, at the start of the input (under 3 bytes, while the
// byte-order mark is looked for) or later. Before, an error at the start
// was handed to the look for the mark and lost: an empty input, no error.
func TestReadErrorOnce(t *testing.T) {
	boom := errors.New("disk gone")
	facts := map[string]string{"": "", "id": "re", "id,date,kind,partner_id\ns1,2025-07-03,event,acme\n": "recipient,fact,name,value\npartner:a,metric,csat,4.2\n"}
	for _, text := range []string{"", "id", "id,date,kind,partner_id\ns1,2025-07-03,event,acme\n"} {
		for _, comma := range []rune{',', '§'} {
			var errs []error
			for _, err := range ReadTransactionsCSV(&failingReader{once: true, r: strings.NewReader(strings.ReplaceAll(text, ",", string(comma))), err: boom}, DecodeOptions{Comma: comma}) {
				if err != nil {
					errs = append(errs, err)
				}
			}
			if len(errs) != 1 || !errors.Is(errs[0], ErrRead) || !errors.Is(errs[0], boom) {
				t.Errorf("CSV %q after %q: %v, want one read error", comma, text, errs)
			}
			ft := strings.ReplaceAll(facts[text], ",", string(comma))
			if _, err := ReadFactsCSV(&failingReader{once: true, r: strings.NewReader(ft), err: boom}, DecodeOptions{Comma: comma}); !errors.Is(err, ErrRead) {
				t.Errorf("facts CSV %q after %q: %v, want a read error", comma, ft, err)
			}
		}
	}
	for _, text := range []string{"", "{"} {
		var errs []error
		for _, err := range ReadTransactionsJSONL(&failingReader{once: true, r: strings.NewReader(text), err: boom}, DecodeOptions{MaxErrors: 5}) {
			if err != nil {
				errs = append(errs, err)
			}
		}
		if len(errs) == 0 || !errors.Is(errs[len(errs)-1], ErrRead) {
			t.Errorf("JSON Lines after %q: %v, want a read error last", text, errs)
		}
		if _, err := ReadFactsJSONL(&failingReader{once: true, r: strings.NewReader(text), err: boom}, DecodeOptions{MaxErrors: 5}); !errors.Is(err, ErrRead) {
			t.Errorf("facts JSON Lines after %q: %v, want a read error", text, err)
		}
	}
}

// failingReader reads r, then fails with err where r ends: on every Read
// after, or once and then io.EOF, as a reader whose error is not sticky
// may.
type failingReader struct {
	r          *strings.Reader
	err        error
	once, done bool
}

func (f *failingReader) Read(p []byte) (int, error) {
	if n, _ := f.r.Read(p); n > 0 {
		return n, nil
	}
	if f.once && f.done {
		return 0, io.EOF
	}
	f.done = true
	return 0, f.err
}

// A reader's error ends the decoding with a *LineError matching ErrRead
// and the reader's error (not ErrLine: not a bad line to skip), on the
// line being read; that line, cut short,
// is not decoded (here "10" would be a valid amount of what was to be
// "1000.00"), and nothing is read after. Before, the byte reader took the
// error for the end of the input: the lines read were returned as the
// whole input, with no error.
func TestReadErrorEndsDecoding(t *testing.T) {
	boom := errors.New("disk gone")
	csvDoc := "id,date,kind,partner_id,currency,amount\ns1,2025-07-03,sale,p,USD,1.00\ns2,2025-07-03,sale,p,USD,2.00\ns3,2025-07-03,sale,p,USD,10"
	jsonDoc := `{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"p","amount":"1.00 USD"}` + "\n" +
		`{"id":"s2","date":"2025-07-03","kind":"sale","partner_id":"p","amount":"2.00 USD"}` + "\n" +
		`{"id":"s3","date":"2025-07-03","kind":"sale","partner_id":"p","amount":"10`
	read := func(seq func(func(Transaction, error) bool)) (ids []string, errs []error) {
		for tx, err := range seq {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ids = append(ids, tx.ID)
		}
		return ids, errs
	}
	cases := []struct {
		name     string
		seq      func(func(Transaction, error) bool)
		readLine int // the line of the ErrRead error
		bad      int // other line errors before it (the cut JSON line)
	}{
		{"csv", ReadTransactionsCSV(&failingReader{r: strings.NewReader(csvDoc), err: boom}, DecodeOptions{MaxErrors: 10}), 4, 0},
		{"csv §", ReadTransactionsCSV(&failingReader{r: strings.NewReader(strings.ReplaceAll(csvDoc, ",", "§")), err: boom}, DecodeOptions{MaxErrors: 10, Comma: '§'}), 4, 0},
		{"jsonl", ReadTransactionsJSONL(&failingReader{r: strings.NewReader(jsonDoc), err: boom}, DecodeOptions{MaxErrors: 10}), 3, 0},
		// A line cut right after its closing brace is not read either.
		{"jsonl, cut after a brace", ReadTransactionsJSONL(&failingReader{r: strings.NewReader(jsonDoc + ` USD"}`), err: boom}, DecodeOptions{MaxErrors: 10}), 3, 0},
		// The error comes while a quoted record over MaxLineBytes (from
		// line 4) is read to its end: a read error, not a long record, on
		// the line where the input was cut.
		{"csv, in a long record", ReadTransactionsCSV(&failingReader{r: strings.NewReader(strings.TrimSuffix(csvDoc, "s3,2025-07-03,sale,p,USD,10") +
			"s3,2025-07-03,sale,p,USD,\"" + strings.Repeat("1\n", MaxLineBytes)), err: boom}, DecodeOptions{MaxErrors: 10}), 4 + MaxLineBytes, 0},
		// The same within a short quoted record: line 5, where it is cut.
		{"csv, in a quoted record", ReadTransactionsCSV(&failingReader{r: strings.NewReader(strings.TrimSuffix(csvDoc, "s3,2025-07-03,sale,p,USD,10") +
			"s3,2025-07-03,sale,p,USD,\"1\n"), err: boom}, DecodeOptions{MaxErrors: 10}), 5, 0},
	}
	for _, c := range cases {
		ids, errs := read(c.seq)
		if d := cmp.Diff([]string{"s1", "s2"}, ids); d != "" {
			t.Errorf("%s: transactions (-want +got):\n%s", c.name, d)
		}
		if len(errs) != c.bad+1 {
			t.Errorf("%s: errors %v, want %d line errors, then the read error", c.name, errs, c.bad)
			continue
		}
		last := errs[len(errs)-1]
		var le *LineError
		if !errors.Is(last, ErrRead) || !errors.Is(last, boom) || errors.Is(last, ErrLine) || !errors.As(last, &le) || le.Line != c.readLine {
			t.Errorf("%s: last error %v, want a *LineError on line %d matching ErrRead and the reader's error, not ErrLine", c.name, last, c.readLine)
		}
	}
	// The header cut short: line 1.
	for _, comma := range []rune{',', '§'} {
		ids, errs := read(ReadTransactionsCSV(&failingReader{r: strings.NewReader("id,date,ki"), err: boom}, DecodeOptions{Comma: comma}))
		var le *LineError
		if len(ids) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrRead) || !errors.Is(errs[0], boom) || !errors.As(errs[0], &le) || le.Line != 1 {
			t.Errorf("header %q: %v %v, want one *LineError on line 1 matching ErrRead", comma, ids, errs)
		}
	}
	factsDoc := "recipient,fact,name,value\npartner:a,metric,csat,4.2\npartner:b,metric,csat,4"
	for _, comma := range []rune{',', '§'} {
		_, err := ReadFactsCSV(&failingReader{r: strings.NewReader(strings.ReplaceAll(factsDoc, ",", string(comma))), err: boom}, DecodeOptions{Comma: comma, MaxErrors: 10})
		var le *LineError
		if !errors.Is(err, ErrRead) || !errors.Is(err, boom) || !errors.As(err, &le) || le.Line != 3 {
			t.Errorf("facts CSV %q: %v, want a *LineError on line 3 matching ErrRead", comma, err)
		}
	}
	_, err := ReadFactsJSONL(&failingReader{r: strings.NewReader(`{"recipient":"partner:a","fact":"metric","name":"csat","value":"4.2"}` + "\n"), err: boom}, DecodeOptions{})
	if !errors.Is(err, ErrRead) || !errors.Is(err, boom) {
		t.Errorf("facts JSON Lines: %v, want ErrRead", err)
	}
	// A line over the limit is still reported as such, not as a read error.
	_, err = ReadFactsJSONL(strings.NewReader(strings.Repeat(" ", MaxLineBytes+1)+"\n"), DecodeOptions{})
	if errors.Is(err, ErrRead) || !strings.Contains(fmt.Sprint(err), "line 1: line longer than 65536 bytes") {
		t.Errorf("facts JSON Lines, long line: %v", err)
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
