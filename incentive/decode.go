package incentive

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Limits of the transaction and facts decoders.
const (
	// MaxLineBytes is the longest JSON Lines line, and the longest CSV
	// record, the decoders read; a longer one is a *LineError, skipped
	// without being held in memory.
	MaxLineBytes = 64 << 10
	// MaxLineErrors is the largest DecodeOptions.MaxErrors.
	MaxLineErrors = 10000
)

// ErrLine reports an input line the transaction or facts decoders cannot
// read; ErrTooManyErrors that the decoder stopped after
// DecodeOptions.MaxErrors bad lines; ErrRead that the io.Reader failed
// (the *LineError matches the reader's error too, and not ErrLine). A
// read error ends the decoding: the line being read is not decoded (it
// may be cut short), and no line after it is read, so the input read is
// incomplete — a host must not treat it as one bad line among good ones.
var (
	ErrLine          = errors.New("incentive: invalid input line")
	ErrTooManyErrors = errors.New("incentive: too many invalid lines")
	ErrRead          = errors.New("incentive: the input could not be read to its end")
)

// lineScanner reads the lines of a JSON Lines document (after a
// byte-order mark), each without its line end ("\n" or "\r\n"), as
// bufio.Scanner with bufio.ScanLines would, but a line over MaxLineBytes
// is skipped (read past without being held) and reported (long), and the
// reading goes on. It knows whether the line it gave last was cut short
// by an error of the reader: the bytes before the error come as a last
// line, which a decoder must not read as a whole line.
type lineScanner struct {
	br   *bufio.Reader
	tok  []byte
	long bool  // the line given last was over MaxLineBytes: skipped, tok empty
	last bool  // the line given last ended the input without a line feed
	err  error // the reader's error (not io.EOF)
	done bool
}

// newLineScanner returns a scanner of r's lines with a buffer of its own
// (bufio.NewReaderSize would return a caller's *bufio.Reader of
// MaxLineBytes or more as it is, and its longer lines would pass).
func newLineScanner(r io.Reader) *lineScanner {
	br := bufio.NewReaderSize(nil, MaxLineBytes)
	br.Reset(skipBOM(r))
	return &lineScanner{br: br}
}

// Scan reads the next line, false at the end of the input or after an
// error of the reader (Err).
func (s *lineScanner) Scan() bool {
	if s.done {
		return false
	}
	s.tok, s.long, s.last = nil, false, false
	b, err := s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		// Over MaxLineBytes with its line feed: read past it.
		s.long = true
		for err == bufio.ErrBufferFull {
			_, err = s.br.ReadSlice('\n')
		}
		if err != nil {
			s.done, s.last = true, true
			if err != io.EOF {
				s.err = err
			}
		}
		return true
	}
	if err != nil {
		s.done = true
		if err != io.EOF {
			s.err = err
		}
		if len(b) == 0 {
			return false
		}
		s.last, s.tok = true, bytes.TrimSuffix(b, []byte{'\r'})
		return true
	}
	s.tok = bytes.TrimSuffix(b[:len(b)-1], []byte{'\r'})
	return true
}

// Bytes returns the line read last, valid until the next Scan.
func (s *lineScanner) Bytes() []byte { return s.tok }

// Err returns the reader's error, nil at the end of the input.
func (s *lineScanner) Err() error { return s.err }

// cutShort reports whether the line given last is the reader's last bytes
// before its error (at the end of a complete input it is a line).
func (s *lineScanner) cutShort() bool { return s.last && s.err != nil }

// longLine is the error of a line over MaxLineBytes.
func longLine(line int) error {
	return &LineError{Line: line, Err: fmt.Errorf("line longer than %d bytes", MaxLineBytes)}
}

// scanErr is the *LineError of the reader's error on line (ErrRead).
func scanErr(line int, err error) error {
	return &LineError{Line: line, Err: fmt.Errorf("%w: %w", ErrRead, err)}
}

// DecodeOptions configures ReadTransactionsCSV, ReadTransactionsJSONL and
// ReadFactsCSV. The zero value stops at the first bad line, reads CSV
// with commas and requires a currency on every amount.
type DecodeOptions struct {
	// Currency is the currency of amounts written without one (a CSV
	// amount without a currency column or value). Zero: amounts must say
	// their currency.
	Currency money.Currency
	// Comma is the CSV delimiter; 0 means ','.
	Comma rune
	// MaxErrors is how many bad lines are reported (each as its own
	// *LineError) before the decoder gives up with ErrTooManyErrors; 0
	// stops at the first. At most MaxLineErrors.
	MaxErrors int
	// RejectDuplicateIDs reports a transaction whose ID an earlier line
	// used. It keeps every ID seen, so memory grows with the lines.
	RejectDuplicateIDs bool
	// OnRecord, if set, is called by ReadTransactionsCSV and
	// ReadTransactionsJSONL just before each transaction or bad record is
	// yielded (by Accumulator.AddCSV also for each record it adds without
	// a yield, text then valid during the call only), with the line the
	// record starts on (from 1) and its text:
	// the record's lines as read, without their line breaks, joined by
	// "\n" (a CSV record spans several lines when a quoted field holds a
	// line break). text is valid until the loop body that receives the
	// record returns, when the decoder reads on: copy it to keep it. It
	// is not called for the header, for a record longer than MaxLineBytes
	// or for ErrTooManyErrors. With a CSV delimiter beyond ASCII the text
	// is the record's fields written back as CSV, not the bytes as read,
	// and it is not called for a record that is not valid CSV. It lets a
	// host write a reject file or name the line of a transaction without
	// reading the input twice.
	OnRecord func(line int, text []byte)
}

// LineError is one bad input line: its line number in the file (from 1,
// the header included), the CSV column of the offending field (empty for
// JSON Lines), its JSON Pointer in Transaction's JSON form ("/amount"; for
// a CSV column of that name too, the currency column pointing at
// "/amount"; empty for facts and for a whole line), the value as written
// and the reason.
type LineError struct {
	Line   int
	Column string
	Path   string
	Value  string
	Err    error
}

// Error returns "incentive: line N: column = "value": reason" (the JSON
// Pointer instead of the column for JSON Lines).
func (e *LineError) Error() string {
	where := e.Column
	if where == "" {
		where = e.Path
	}
	return "incentive: line " + strconv.Itoa(e.Line) + ": " + strings.TrimPrefix(field.Message(pkg, where, e.Value, e.Err), pkg+": ")
}

// FieldPath returns Path, the JSON Pointer of the field in Transaction's
// JSON form ("" when there is none).
func (e *LineError) FieldPath() string { return e.Path }

// Unwrap returns ErrLine and the reason; for a read error (ErrRead), the
// reason only: the line is not a bad line to skip, the input is cut short.
func (e *LineError) Unwrap() []error {
	if errors.Is(e.Err, ErrRead) {
		return []error{e.Err}
	}
	return []error{ErrLine, e.Err}
}

// transactionColumns returns the CSV columns ReadTransactionsCSV knows:
// the member names of Transaction's JSON form.
func transactionColumns() []string {
	return []string{"id", "date", "kind", "partner_id", "rep_id", "amount", "currency", "units",
		"motion", "billing", "authorised", "partner_tier", "certifications", "territory", "category", "segment",
		"event", "corrects", "term_months", "credits"}
}

// requiredColumns returns the columns every transactions header has.
func requiredColumns() []string { return []string{"id", "date", "kind", "partner_id"} }

// ReadTransactionsCSV streams the transactions of a CSV document whose
// header row names its columns with the member names of Transaction's
// JSON form: id, date (YYYY-MM-DD), kind and partner_id are required;
// rep_id, amount, currency, units, motion, billing, authorised
// (true/false), partner_tier, certifications (separated by ";"),
// territory, category, segment, event, corrects, term_months and credits
// are optional (credits as "rep:r1=60%;rep:r2=40%;rep:m1+=100%":
// "kind:id=share" for split credit, "kind:id+=share" for overlay credit,
// see Credit). A
// UTF-8 byte-order mark before the header is skipped.
//
// It reads one record at a time (memory bounded by the longest record,
// and by the IDs seen with RejectDuplicateIDs). The text fields of
// consecutive transactions share chunks of memory: a transaction the host
// keeps may keep a few kilobytes alive beside it (strings.Clone the
// fields of the few it keeps for long; the Accumulator copies what it
// keeps). An unknown, repeated or
// missing required column stops it with a *LineError on line 1. A bad
// record yields a zero Transaction and a *LineError naming the line and
// column — a malformed value, a required value missing (an amount on a
// sale, credit note or return), an amount without a currency, a repeated
// ID — and the decoder goes on, until MaxErrors bad lines, after which it
// yields ErrTooManyErrors and stops. An error of r stops it with a
// *LineError matching ErrRead (see ErrRead). The engine's own checks
// (signs, currency against the plan) happen when the transaction is added.
func ReadTransactionsCSV(r io.Reader, opt DecodeOptions) iter.Seq2[Transaction, error] {
	if byteComma(opt.Comma) {
		return readTransactionsCSV(r, opt)
	}
	return readTransactionsCSVStd(r, opt)
}

// byteComma reports whether the delimiter c (0 for ',') is one the byte
// reader handles: an ASCII character other than a quote or line break.
func byteComma(c rune) bool {
	return c == 0 || c < utf8.RuneSelf && c != '"' && c != '\r' && c != '\n'
}

// csvRecords returns a function reading the records of r one by one, with
// the line each starts on: on csvReader for a one-byte delimiter (records
// bounded by MaxLineBytes), else on encoding/csv.
func csvRecords(r io.Reader, comma rune) func() (int, []string, error) {
	if byteComma(comma) {
		c := byte(',')
		if comma != 0 {
			c = byte(comma)
		}
		cr := newCSVReader(r, c)
		var rec []string
		return func() (int, []string, error) {
			line, err := cr.read()
			if err != nil {
				return line, nil, err
			}
			rec = cr.record(rec)
			return line, rec, nil
		}
	}
	lc := &lineCounter{r: r}
	cr := csv.NewReader(skipBOM(lc))
	cr.Comma = comma
	failed := false
	return func() (int, []string, error) {
		if failed {
			return 0, nil, io.EOF
		}
		rec, err := cr.Read()
		if err != nil {
			line := csvErrLine(err)
			if err = lc.check(err); errors.Is(err, ErrRead) {
				failed, line = true, lc.n+1 // the reader's error, once; then the end
			}
			return line, nil, err
		}
		line, _ := cr.FieldPos(0)
		return line, rec, nil
	}
}

// readTransactionsCSV is ReadTransactionsCSV with a one-byte delimiter, on
// csvReader: columns resolved once, dates and currencies cached, text
// fields cut from shared chunks (no allocation for a usual record).
func readTransactionsCSV(r io.Reader, opt DecodeOptions) iter.Seq2[Transaction, error] {
	return func(yield func(Transaction, error) bool) {
		d, cr, b, ok := openCSVTx(csvInput{r: r}, opt, yield, nil)
		if !ok {
			return
		}
		var t Transaction
		for {
			line, err := cr.read()
			if err == io.EOF {
				return
			}
			err = b.next(line, err, cr, &t)
			if !d.emitp(yield, &t, err) {
				return
			}
		}
	}
}

// openCSVTx reads the header of a transactions CSV document in with a
// one-byte delimiter and returns the decoder, the reader and the record
// builder for its lines; ok is false when there are none (the header's
// error, if any, yielded).
func openCSVTx(in csvInput, opt DecodeOptions, yield func(Transaction, error) bool, kept *csvKept) (d *lineDecoder, cr *csvReader, b *csvTx, ok bool) {
	d = newLineDecoder(opt)
	comma := byte(',')
	if opt.Comma != 0 {
		comma = byte(opt.Comma)
	}
	if kept == nil {
		kept = new(csvKept)
	}
	cr, b = &kept.cr, &kept.tx
	if in.inPlace {
		cr.resetBytes(in.data, comma)
	} else {
		cr.reset(in.r, comma)
	}
	if _, err := cr.read(); err != nil {
		if err != io.EOF {
			yield(Transaction{}, &LineError{Line: 1, Err: err})
		}
		return nil, nil, nil, false
	}
	cols, err := columns(cr.record(nil), transactionColumns(), requiredColumns())
	if err != nil {
		yield(Transaction{}, err)
		return nil, nil, nil, false
	}
	b.reset(d, cols)
	return d, cr, b, true
}

// next decodes into *t the record cr read (err: the read's error), and
// reports it to DecodeOptions.OnRecord.
func (c *csvTx) next(line int, err error, cr *csvReader, t *Transaction) error {
	*t = Transaction{}
	if err != nil {
		err = &LineError{Line: line, Err: err}
	} else {
		err = c.transaction(line, cr, t)
	}
	if c.d.opt.OnRecord != nil && cr.text != nil {
		c.d.opt.OnRecord(line, cr.text)
	}
	return err
}

// readTransactionsCSVStd is ReadTransactionsCSV on encoding/csv, for a
// delimiter beyond ASCII.
func readTransactionsCSVStd(r io.Reader, opt DecodeOptions) iter.Seq2[Transaction, error] {
	return func(yield func(Transaction, error) bool) {
		d := newLineDecoder(opt)
		lc := &lineCounter{r: r}
		cr := csv.NewReader(skipBOM(lc))
		if opt.Comma != 0 {
			cr.Comma = opt.Comma
		}
		cr.ReuseRecord = true
		header, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			yield(Transaction{}, &LineError{Line: 1, Err: lc.check(err)})
			return
		}
		cols, err := columns(header, transactionColumns(), requiredColumns())
		if err != nil {
			yield(Transaction{}, err)
			return
		}
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			var t Transaction
			line := csvErrLine(err)
			if err = lc.check(err); errors.Is(err, ErrRead) {
				yield(Transaction{}, &LineError{Line: lc.n + 1, Err: err})
				return
			}
			if err != nil {
				err = &LineError{Line: line, Err: err}
			} else {
				line, _ = cr.FieldPos(0)
				t, err = d.csvTransaction(line, func(c string) string {
					if i, ok := cols[c]; ok {
						return strings.TrimSpace(rec[i])
					}
					return ""
				})
				if opt.OnRecord != nil {
					opt.OnRecord(line, writeBack(rec, cr.Comma))
				}
			}
			if !d.emit(yield, t, err) {
				return
			}
		}
	}
}

// writeBack returns rec written as one CSV record with the delimiter
// comma, without its line break.
func writeBack(rec []string, comma rune) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = comma
	_ = w.Write(rec) // a bytes.Buffer does not fail
	w.Flush()
	return bytes.TrimRight(b.Bytes(), "\n")
}

// ReadTransactionsJSONL streams the transactions of a JSON Lines document:
// one Transaction JSON object per line (snake_case members as
// Transaction's tags, amounts as "500.00 USD" or, with
// DecodeOptions.Currency, as a bare "500.00"; units as a decimal string;
// date as "YYYY-MM-DD" or an RFC 3339 instant), decoded strictly (unknown
// or repeated members, null, numbers for decimals are errors). Blank lines
// are skipped; a line longer than MaxLineBytes is a *LineError, read past
// without being held, and the decoder goes on. Errors are as
// ReadTransactionsCSV's, with the JSON Pointer of the member as Path and
// no Column. A usual line — a flat object of plain ASCII strings and
// authorised — is read without allocation (its texts share chunks, as
// ReadTransactionsCSV's do); any other line by the strict decoder, with
// the same result.
func ReadTransactionsJSONL(r io.Reader, opt DecodeOptions) iter.Seq2[Transaction, error] {
	return readTransactionsJSONL(r, opt, false)
}

// readTransactionsJSONL is ReadTransactionsJSONL, with every line read by
// the strict decoder if strictOnly.
func readTransactionsJSONL(r io.Reader, opt DecodeOptions, strictOnly bool) iter.Seq2[Transaction, error] {
	return func(yield func(Transaction, error) bool) {
		d := newLineDecoder(opt)
		d.strictOnly = strictOnly
		sc := newLineScanner(r)
		line := 0
		for sc.Scan() {
			line++
			if sc.cutShort() {
				line-- // not read: the error names it
				break
			}
			if sc.long {
				if !d.emit(yield, Transaction{}, longLine(line)) {
					return
				}
				continue
			}
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			t, err := d.jsonTransaction(line, b)
			if opt.OnRecord != nil {
				opt.OnRecord(line, sc.Bytes())
			}
			if !d.emit(yield, t, err) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(Transaction{}, scanErr(line+1, err))
		}
	}
}

// lineDecoder is the state shared by the transaction decoders.
type lineDecoder struct {
	opt  DecodeOptions
	bad  int
	seen map[string]int // ID → line, with RejectDuplicateIDs
	fast *jsonFast      // JSON Lines: the usual line's reader
	// strictOnly reads every JSON line with the strict decoder, without
	// the fast path and its caches: the reference the tests compare with.
	strictOnly bool
}

func newLineDecoder(opt DecodeOptions) *lineDecoder {
	opt.MaxErrors = min(max(opt.MaxErrors, 0), MaxLineErrors)
	d := &lineDecoder{opt: opt}
	if opt.RejectDuplicateIDs {
		d.seen = map[string]int{}
	}
	return d
}

// emit yields t or err, counting bad lines; it reports whether to go on.
func (d *lineDecoder) emit(yield func(Transaction, error) bool, t Transaction, err error) bool {
	return d.emitp(yield, &t, err)
}

// emitp is emit with t by pointer.
func (d *lineDecoder) emitp(yield func(Transaction, error) bool, t *Transaction, err error) bool {
	if err == nil {
		return yield(*t, nil)
	}
	d.bad++
	if !yield(Transaction{}, err) {
		return false
	}
	if d.bad > d.opt.MaxErrors {
		if d.opt.MaxErrors > 0 {
			yield(Transaction{}, fmt.Errorf("%w: stopped after %d", ErrTooManyErrors, d.bad))
		}
		return false
	}
	return true
}

// duplicate reports a repeated ID at line.
func (d *lineDecoder) duplicate(line int, column, id string) error {
	if d.seen == nil || id == "" {
		return nil
	}
	if first, dup := d.seen[id]; dup {
		return &LineError{Line: line, Column: column, Path: "/id", Value: id, Err: fmt.Errorf("transaction ID already used on line %d", first)}
	}
	d.seen[strings.Clone(id)] = line // not the buffer it is cut from
	return nil
}

// csvTransaction builds the transaction of one record; get returns a
// column's trimmed value ("" if absent).
func (d *lineDecoder) csvTransaction(line int, get func(string) string) (Transaction, error) {
	t := Transaction{ID: get("id"), PartnerID: get("partner_id"), RepID: get("rep_id"),
		PartnerTier: get("partner_tier"), Territory: get("territory"), Category: get("category"),
		Segment: get("segment"), Event: get("event"), Corrects: get("corrects")}
	var errs []error
	bad := func(col string, err error) {
		errs = append(errs, &LineError{Line: line, Column: col, Path: columnPath(col), Value: get(col), Err: plain(err)})
	}
	parse := func(col string, fn func(string) error) {
		if s := get(col); s != "" {
			if err := fn(s); err != nil {
				bad(col, err)
			}
		}
	}
	for _, col := range requiredColumns() {
		if get(col) == "" {
			bad(col, errors.New("required"))
		}
	}
	cur, fromColumn, curOK := d.opt.Currency, false, true
	parse("date", func(s string) error { dt, err := ParseDate(s); t.Date = dt.Time(); return err })
	parse("kind", func(s string) error { return t.Kind.UnmarshalText([]byte(s)) })
	parse("currency", func(s string) (err error) {
		cur, err = money.ParseCurrency(s)
		fromColumn, curOK = true, err == nil
		return currencyText(s, err)
	})
	if curOK { // else the amount's currency is not known: the currency's error says why
		parse("amount", func(s string) (err error) { t.Amount, err = parseAmount(s, cur, fromColumn); return err })
	}
	parse("units", func(s string) (err error) { t.Units, err = money.ParseDecimal(s); return err })
	parse("motion", func(s string) error { return t.Motion.UnmarshalText([]byte(s)) })
	parse("billing", func(s string) error { return t.Billing.UnmarshalText([]byte(s)) })
	parse("authorised", func(s string) (err error) {
		if t.Authorised, err = strconv.ParseBool(s); err != nil {
			return errors.New("not true or false")
		}
		return nil
	})
	parse("certifications", func(s string) error { t.Certifications = splitList(s); return nil })
	parse("term_months", func(s string) error { return parseTerm(s, &t.TermMonths) })
	if s := get("credits"); s != "" {
		cs, path, v, err := parseCredits(s)
		if err != nil {
			errs = append(errs, &LineError{Line: line, Column: "credits", Path: path, Value: field.Truncate(v), Err: plain(err)})
		}
		t.Credits = cs
	}
	if get("amount") == "" && t.Kind.IsValid() && t.Kind != QualifyingEvent {
		bad("amount", fmt.Errorf("required for a %s", t.Kind))
	}
	return d.finish(line, "id", t, errs)
}

// finish returns t, or the errors of its line: the field errors found,
// else a repeated ID (column names the ID column of a CSV, "" for JSON).
func (d *lineDecoder) finish(line int, column string, t Transaction, errs []error) (Transaction, error) {
	if err := d.check(line, column, &t, errs); err != nil {
		return Transaction{}, err
	}
	return t, nil
}

// check is finish on *t, reporting the errors only.
func (d *lineDecoder) check(line int, column string, t *Transaction, errs []error) error {
	for _, m := range [...]struct{ name, v string }{{"id", t.ID}, {"partner_id", t.PartnerID}, {"rep_id", t.RepID}, {"corrects", t.Corrects}} {
		if err := idText(m.v); err != nil {
			errs = append(errs, idError(line, column, m.name, "", m.v, err))
		}
	}
	// The values a plan's eligibility lists are compared with: as IDs,
	// but of any length (a plan that does not filter on a long category
	// does not care).
	for _, m := range [...]struct{ name, v string }{{"partner_tier", t.PartnerTier}, {"territory", t.Territory}, {"category", t.Category},
		{"segment", t.Segment}, {"event", t.Event}} {
		if err := charProblem(m.v, true); err != nil {
			errs = append(errs, idError(line, column, m.name, "", m.v, err))
		}
	}
	for i, c := range t.Certifications {
		if err := charProblem(c, true); err != nil {
			errs = append(errs, idError(line, column, "certifications", "/"+strconv.Itoa(i), c, err))
		}
	}
	for i, c := range t.Credits { // CSV credits are checked as they are read (parseCredits)
		if err := idText(c.Recipient.ID); err != nil {
			errs = append(errs, idError(line, column, "credits", "/"+strconv.Itoa(i)+"/recipient/id", c.Recipient.ID, err))
		}
	}
	if len(errs) == 0 {
		if err := d.duplicate(line, column, t.ID); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}

// splitList splits a CSV list cell ("aws; gcp") at its semicolons, each
// element trimmed as a cell is.
func splitList(s string) []string {
	l := strings.Split(s, ";")
	for i, e := range l {
		l[i] = strings.TrimSpace(e)
	}
	return l
}

// idError is the error of the value v of member name (index: "/i" for
// an element of a list), on line; column is "" for JSON Lines.
func idError(line int, column, name, index, v string, err error) error {
	col := ""
	if column != "" { // a CSV: the column has the member's name
		col = name
	}
	return &LineError{Line: line, Column: col, Path: "/" + name + index, Value: field.Truncate(v), Err: err}
}

// idText checks an ID read from a line (a transaction, partner, rep or
// corrected period) as plan IDs are checked (textProblem). Empty is fine
// here (required members are checked on their own).
func idText(s string) error { return textProblem(s, true) }

// columnPath returns the JSON Pointer of a transactions CSV column: the
// member of the same name, the amount for the currency.
func columnPath(col string) string {
	if col == "currency" {
		return "/amount"
	}
	return "/" + col
}

// parseAmount reads "500.00 USD", or a bare "500.00" in cur, which the
// currency column gave (fromColumn) or the decoder's options.
func parseAmount(s string, cur money.Currency, fromColumn bool) (money.Amount, error) {
	if strings.Contains(s, " ") || !cur.IsValid() {
		a, err := money.Parse(s)
		if i := strings.LastIndexByte(s, ' '); err != nil && i >= 0 {
			// A number, then a bad code: say what a code is.
			if _, nerr := money.ParseDecimal(s[:i]); nerr == nil {
				if _, cerr := money.ParseCurrency(s[i+1:]); cerr != nil {
					return money.Amount{}, currencyText(s[i+1:], cerr)
				}
			}
		}
		if err == nil && cur.IsValid() && a.Currency() != cur {
			from := "the currency column says"
			if !fromColumn {
				from = "the expected currency is"
			}
			return money.Amount{}, fmt.Errorf("%w: the amount is in %s, %s %s", ErrCurrency, a.Currency().Code(), from, cur.Code())
		}
		return a, err
	}
	return money.ParseIn(s, cur)
}

// currencyText rewords the error of a currency code s (a currency column,
// the code after an amount), nil for nil: what a code is, and the code
// meant when s is one in lower case.
func currencyText(s string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, money.ErrSyntax):
		msg := "not a currency code: want three upper-case letters (ISO 4217), such as USD"
		if c, e := money.ParseCurrency(strings.ToUpper(s)); e == nil {
			msg = fmt.Sprintf("not a currency code: want three upper-case letters (ISO 4217): did you mean %q?", c.Code())
		}
		return &reworded{msg: msg, err: err}
	case errors.Is(err, money.ErrUnknownCurrency):
		return &reworded{msg: "unknown currency: not an ISO 4217 code", err: err}
	}
	return plain(err)
}

// transactionJSON is Transaction's JSON form as ReadTransactionsJSONL
// reads it: the date and amount as text, parsed separately.
type transactionJSON struct {
	ID             string          `json:"id"`
	Date           string          `json:"date"`
	Kind           Kind            `json:"kind"`
	PartnerID      string          `json:"partner_id"`
	RepID          string          `json:"rep_id,omitzero"`
	Amount         string          `json:"amount,omitzero"`
	Units          decimal.Decimal `json:"units,omitzero"`
	Motion         Motion          `json:"motion,omitzero"`
	Billing        Billing         `json:"billing,omitzero"`
	Authorised     bool            `json:"authorised,omitzero"`
	PartnerTier    string          `json:"partner_tier,omitzero"`
	Certifications []string        `json:"certifications,omitzero"`
	Territory      string          `json:"territory,omitzero"`
	Category       string          `json:"category,omitzero"`
	Segment        string          `json:"segment,omitzero"`
	Event          string          `json:"event,omitzero"`
	Corrects       string          `json:"corrects,omitzero"`
	TermMonths     int32           `json:"term_months,omitzero"`
	Credits        []Credit        `json:"credits,omitzero"`
}

// jsonTransaction decodes one JSON Lines line.
func (d *lineDecoder) jsonTransaction(line int, b []byte) (Transaction, error) {
	if d.fast == nil {
		d.fast = new(jsonFast)
	}
	if j := &d.fast.line; !d.strictOnly && d.fast.read(b, j) {
		return d.jsonChecked(line, j)
	}
	return d.jsonStrict(line, b)
}

// jsonStrict is jsonTransaction on the strict decoder.
func (d *lineDecoder) jsonStrict(line int, b []byte) (Transaction, error) {
	var j transactionJSON
	// Depth 4: /credits/i/recipient/kind.
	if err := strictjson.Unmarshal(b, &j, strictjson.Limits{MaxBytes: MaxLineBytes, MaxDepth: 4, MaxElements: MaxSetEntries}, strictjson.RatesWithUnit()); err != nil {
		var je *strictjson.Error
		if errors.As(err, &je) {
			return Transaction{}, &LineError{Line: line, Path: je.Path, Err: err}
		}
		return Transaction{}, &LineError{Line: line, Err: err}
	}
	return d.jsonChecked(line, &j)
}

// jsonChecked turns a decoded line into its transaction, checking its
// members.
func (d *lineDecoder) jsonChecked(line int, j *transactionJSON) (Transaction, error) {
	t := Transaction{ID: j.ID, Kind: j.Kind, PartnerID: j.PartnerID, RepID: j.RepID, Units: j.Units,
		Motion: j.Motion, Billing: j.Billing, Authorised: j.Authorised, PartnerTier: j.PartnerTier,
		Certifications: j.Certifications, Territory: j.Territory, Category: j.Category, Segment: j.Segment,
		Event: j.Event, Corrects: j.Corrects, TermMonths: j.TermMonths, Credits: j.Credits}
	var errs []error
	bad := func(path, value string, err error) {
		errs = append(errs, &LineError{Line: line, Path: path, Value: value, Err: plain(err)})
	}
	for _, m := range [...]struct{ path, v string }{{"/id", j.ID}, {"/date", j.Date}, {"/partner_id", j.PartnerID}} {
		if m.v == "" {
			bad(m.path, "", errors.New("required"))
		}
	}
	if !j.Kind.IsValid() {
		bad("/kind", "", errors.New("required"))
	}
	fast := d.fast != nil && !d.strictOnly
	if j.Date != "" {
		var dt time.Time
		var err error
		if fast && len(j.Date) == len(time.DateOnly) {
			dt, err = d.fast.dates.get([]byte(j.Date))
		} else {
			dt, err = parseInstant(j.Date)
		}
		if err != nil {
			bad("/date", j.Date, err)
		}
		t.Date = dt
	}
	if j.Amount != "" {
		a, ok := money.Amount{}, false
		if fast {
			a, ok = d.fast.amount(j.Amount, d.opt.Currency)
		}
		var err error
		if !ok {
			a, err = parseAmount(j.Amount, d.opt.Currency, false)
		}
		if err != nil {
			bad("/amount", j.Amount, err)
		}
		t.Amount = a
	} else if j.Kind.IsValid() && j.Kind != QualifyingEvent {
		bad("/amount", "", fmt.Errorf("required for a %s", j.Kind))
	}
	return d.finish(line, "", t, errs)
}

// parseInstant reads "YYYY-MM-DD" (00:00 UTC) or an RFC 3339 instant.
func parseInstant(s string) (time.Time, error) {
	if len(s) == len(time.DateOnly) {
		d, err := ParseDate(s)
		return d.Time(), err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is neither YYYY-MM-DD nor an RFC 3339 instant", field.Truncate(s))
	}
	return t, nil
}

// factColumns returns the columns of a facts CSV, all required.
func factColumns() []string { return []string{"recipient", "fact", "name", "value"} }

// ReadFactsCSV reads recipient facts from a CSV document with the header
// recipient,fact,name,value: recipient is "partner:ID" or "rep:ID", fact
// is baseline, quota or metric, name the component ID (baseline, quota)
// or metric name, value a decimal. A fact given twice is an error. Bad
// lines are *LineError values, joined, up to MaxErrors (then
// ErrTooManyErrors), and an error of r ends the reading with one matching
// ErrRead; the Facts are returned only when there is none.
// Memory is bounded by the facts, which the evaluation holds anyway, and
// by MaxLineBytes per record: a longer record is a *LineError.
func ReadFactsCSV(r io.Reader, opt DecodeOptions) (Facts, error) {
	opt.MaxErrors = min(max(opt.MaxErrors, 0), MaxLineErrors)
	next := csvRecords(r, opt.Comma)
	facts := Facts{}
	_, header, err := next()
	if err == io.EOF {
		return facts, nil
	}
	if err != nil {
		return nil, &LineError{Line: 1, Err: err}
	}
	cols, err := columns(header, factColumns(), factColumns())
	if err != nil {
		return nil, err
	}
	var errs []error
	for {
		line, rec, err := next()
		if err == io.EOF {
			break
		}
		if err == nil {
			err = addFact(facts, line, func(c string) string { return strings.TrimSpace(rec[cols[c]]) })
		} else {
			err = &LineError{Line: line, Err: err}
		}
		if errs = collectLineError(errs, err, opt.MaxErrors); stopped(errs, opt.MaxErrors) {
			break
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return facts, nil
}

// factJSON is one line of a facts JSON Lines document.
type factJSON struct {
	Recipient string `json:"recipient"`
	Fact      string `json:"fact"`
	Name      string `json:"name"`
	Value     string `json:"value"`
}

// ReadFactsJSONL reads recipient facts from a JSON Lines document, one
// fact per line with the members of the CSV form, all strings:
// {"recipient":"partner:acme","fact":"metric","name":"csat","value":"4.6"}.
// Blank lines are skipped; errors are as ReadFactsCSV's, with the JSON
// Pointer of the member ("/value") as Path.
func ReadFactsJSONL(r io.Reader, opt DecodeOptions) (Facts, error) {
	opt.MaxErrors = min(max(opt.MaxErrors, 0), MaxLineErrors)
	sc := newLineScanner(r)
	facts := Facts{}
	var errs []error
	line := 0
	for sc.Scan() {
		line++
		if sc.cutShort() {
			line-- // not read: the error names it
			break
		}
		if sc.long {
			if errs = collectLineError(errs, longLine(line), opt.MaxErrors); stopped(errs, opt.MaxErrors) {
				break
			}
			continue
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var j factJSON
		err := strictjson.Unmarshal(b, &j, strictjson.Limits{MaxBytes: MaxLineBytes, MaxDepth: 1})
		if err != nil {
			var je *strictjson.Error
			path := ""
			if errors.As(err, &je) {
				path = je.Path
			}
			err = &LineError{Line: line, Path: path, Err: err}
		} else {
			err = addFact(facts, line, func(c string) string {
				return map[string]string{"recipient": j.Recipient, "fact": j.Fact, "name": j.Name, "value": j.Value}[c]
			})
			var le *LineError
			if errors.As(err, &le) { // the JSON form names members, not columns
				le.Path, le.Column = "/"+le.Column, ""
			}
		}
		if errs = collectLineError(errs, err, opt.MaxErrors); stopped(errs, opt.MaxErrors) {
			break
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, scanErr(line+1, err))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return facts, nil
}

// collectLineError appends err (if any) to errs, and ErrTooManyErrors once errs
// holds more than max line errors.
func collectLineError(errs []error, err error, max int) []error {
	if err == nil {
		return errs
	}
	errs = append(errs, err)
	if len(errs) == max+1 && max > 0 {
		errs = append(errs, fmt.Errorf("%w: stopped after %d", ErrTooManyErrors, len(errs)))
	}
	return errs
}

// stopped reports whether errs holds more than max line errors.
func stopped(errs []error, max int) bool { return len(errs) > max }

// addFact adds one facts record to facts.
func addFact(facts Facts, line int, get func(string) string) error {
	var rec Recipient
	kind, id, ok := strings.Cut(get("recipient"), ":")
	kind, id = strings.TrimSpace(kind), strings.TrimSpace(id) // "partner: acme", as in credits
	if err := rec.Kind.UnmarshalText([]byte(kind)); err != nil || !ok || id == "" {
		return &LineError{Line: line, Column: "recipient", Value: get("recipient"), Err: errors.New("not partner:ID or rep:ID")}
	}
	if err := idText(id); err != nil {
		return &LineError{Line: line, Column: "recipient", Value: get("recipient"), Err: fmt.Errorf("the ID: %w", err)}
	}
	rec.ID = id
	v, err := money.ParseDecimal(get("value"))
	if err != nil {
		return &LineError{Line: line, Column: "value", Value: get("value"), Err: plain(err)}
	}
	name := get("name")
	if name == "" {
		return &LineError{Line: line, Column: "name", Err: errors.New("required")}
	}
	if err := idText(name); err != nil { // a component ID or metric name, checked as the plan's are
		return &LineError{Line: line, Column: "name", Value: field.Truncate(name), Err: err}
	}
	f := facts[rec]
	var m *map[string]decimal.Decimal
	switch get("fact") {
	case "baseline":
		m = &f.Baselines
	case "quota":
		m = &f.Quotas
	case "metric":
		m = &f.Metrics
	default:
		return &LineError{Line: line, Column: "fact", Value: get("fact"), Err: errors.New("not baseline, quota or metric")}
	}
	if *m == nil {
		*m = map[string]decimal.Decimal{}
	}
	if _, dup := (*m)[name]; dup {
		return &LineError{Line: line, Column: "name", Value: name, Err: fmt.Errorf("%s %s given twice", rec, get("fact"))}
	}
	(*m)[name] = v
	facts[rec] = f
	return nil
}

// columns maps a CSV header to column indexes: every column must be
// known and appear once, and the required ones must be there.
func columns(header, known, required []string) (map[string]int, error) {
	cols := make(map[string]int, len(header))
	for i, c := range header {
		c = strings.TrimSpace(c)
		if _, dup := cols[c]; dup {
			return nil, &LineError{Line: 1, Column: c, Err: errors.New("repeated column")}
		}
		if !slices.Contains(known, c) {
			return nil, &LineError{Line: 1, Column: c, Err: fmt.Errorf("unknown column%s (known: %s)", nearHint(c, known), strings.Join(known, ", "))}
		}
		cols[c] = i
	}
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			return nil, &LineError{Line: 1, Column: c, Err: errors.New("missing column")}
		}
	}
	return cols, nil
}

// plain rewords a money parse error without the function name and the
// input (the *LineError shows the value): "invalid syntax"; it still
// unwraps to the original.
func plain(err error) error {
	var pe *money.ParseError
	if _, done := err.(*reworded); done {
		return err
	}
	if errors.As(err, &pe) {
		return &reworded{msg: strings.TrimPrefix(pe.Err.Error(), "money: "), err: err}
	}
	return err
}

type reworded struct {
	msg string
	err error
}

func (e *reworded) Error() string { return e.msg }
func (e *reworded) Unwrap() error { return e.err }

// csvErrLine returns the line of a CSV reading error (0 if unknown).
func csvErrLine(err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return 0
}

// lineCounter is the reader under encoding/csv: it counts the line feeds
// read through it and keeps the reader's error. When the reader fails,
// every line before the failing one has been read, so the failing line is
// n+1 (encoding/csv reads ahead and does not say).
type lineCounter struct {
	r   io.Reader
	n   int
	err error // the reader's error, not io.EOF
}

func (c *lineCounter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += bytes.Count(p[:k], []byte{'\n'})
	if err != nil && err != io.EOF {
		c.err = err
	}
	return k, err
}

// check returns err, an error of encoding/csv reading through c, or, once
// the reader has failed, the reader's error as ErrRead: encoding/csv then
// reports the reader's error, or first a syntax error in the line cut
// short, which the byte reader does not parse either (encoding/csv's own
// errors are syntax errors and a bad delimiter).
func (c *lineCounter) check(err error) error {
	if c.err == nil || err == nil || err == io.EOF {
		return err
	}
	return fmt.Errorf("%w: %w", ErrRead, c.err)
}

// skipBOM drops a UTF-8 byte-order mark at the start of r. An error of r
// while it looks (other than io.EOF) comes after the bytes read before it:
// bufio.Reader.Peek hands the error over once, so a reader that fails
// once, then reports io.EOF, would otherwise read as a short input.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	b, err := br.Peek(3)
	switch {
	case err == nil && string(b) == "\ufeff":
		br.Discard(3)
	case err != nil && err != io.EOF:
		return io.MultiReader(bytes.NewReader(bytes.Clone(b)), failedReader{err})
	}
	return br
}

// failedReader returns its error on every Read.
type failedReader struct{ err error }

func (f failedReader) Read([]byte) (int, error) { return 0, f.err }

// nearHint suggests the known name nearest to s, if one is close.
func nearHint(s string, known []string) string {
	if n := enum.Nearest(s, known); n != "" {
		return fmt.Sprintf("; did you mean %q?", n)
	}
	return ""
}
