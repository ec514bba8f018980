package incentive

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/money"
)

// csvReader reads CSV records (RFC 4180, as encoding/csv reads them
// with a one-byte delimiter: quoted fields with "" escapes and line
// breaks, blank lines skipped, every record as wide as the header) from
// bytes, reusing its buffers: a record costs no allocation but the one
// string its fields are cut from. A record longer than MaxLineBytes is an
// error, read past without being held, so memory stays bounded.
type csvReader struct {
	br     *bufio.Reader
	comma  byte
	line   int    // physical lines read
	buf    []byte // the current record's fields, unquoted, back to back
	ends   []int  // end of each field in buf
	fields int    // the header's width, once read
}

func newCSVReader(r io.Reader, comma byte) *csvReader {
	return &csvReader{br: bufio.NewReaderSize(skipBOM(r), MaxLineBytes), comma: comma}
}

// longRecord reports a record beyond MaxLineBytes.
func longRecord() error { return fmt.Errorf("record longer than %d bytes", MaxLineBytes) }

// physical returns the next line without its line break, valid until the
// next call; io.EOF at the end.
func (r *csvReader) physical() ([]byte, error) {
	l, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		for err == bufio.ErrBufferFull { // skip the rest of the line
			_, err = r.br.ReadSlice('\n')
		}
		r.line++
		return nil, longRecord()
	}
	if len(l) == 0 && err != nil {
		return nil, io.EOF
	}
	r.line++
	l = bytes.TrimSuffix(l, []byte{'\n'})
	return bytes.TrimSuffix(l, []byte{'\r'}), nil
}

// read reads the next non-blank record into buf and ends and returns the
// line it starts on.
func (r *csvReader) read() (int, error) {
	var l []byte
	var err error
	for len(l) == 0 {
		if l, err = r.physical(); err != nil {
			return r.line, err
		}
	}
	start := r.line
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	if bytes.IndexByte(l, '"') < 0 {
		for {
			i := bytes.IndexByte(l, r.comma)
			if i < 0 {
				break
			}
			r.buf = append(r.buf, l[:i]...)
			r.ends = append(r.ends, len(r.buf))
			l = l[i+1:]
		}
		r.buf = append(r.buf, l...)
		r.ends = append(r.ends, len(r.buf))
	} else if err := r.quoted(l, start); err != nil {
		return start, err
	}
	if r.fields == 0 {
		r.fields = len(r.ends)
	} else if len(r.ends) != r.fields {
		return start, &csv.ParseError{StartLine: start, Line: start, Column: 1, Err: csv.ErrFieldCount}
	}
	return start, nil
}

// quoted splits a record that has quotes, reading more lines while a
// quoted field spans them.
func (r *csvReader) quoted(l []byte, start int) error {
	for {
		if len(l) > 0 && l[0] == '"' {
			l = l[1:]
			for {
				i := bytes.IndexByte(l, '"')
				if i < 0 { // the field goes on on the next line
					r.buf = append(append(r.buf, l...), '\n')
					if len(r.buf) > MaxLineBytes {
						return longRecord()
					}
					next, err := r.physical()
					if err != nil {
						if err == io.EOF {
							return &csv.ParseError{StartLine: start, Line: r.line, Column: 1, Err: csv.ErrQuote}
						}
						return err
					}
					l = next
					continue
				}
				r.buf = append(r.buf, l[:i]...)
				l = l[i+1:]
				if len(l) > 0 && l[0] == '"' { // "" is one quote
					r.buf = append(r.buf, '"')
					l = l[1:]
					continue
				}
				break
			}
			r.ends = append(r.ends, len(r.buf))
			switch {
			case len(l) == 0:
				return nil
			case l[0] == r.comma:
				l = l[1:]
				continue
			}
			return &csv.ParseError{StartLine: start, Line: r.line, Column: 1, Err: csv.ErrQuote}
		}
		i := bytes.IndexByte(l, r.comma)
		f := l
		if i >= 0 {
			f = l[:i]
		}
		if bytes.IndexByte(f, '"') >= 0 {
			return &csv.ParseError{StartLine: start, Line: r.line, Column: 1, Err: csv.ErrBareQuote}
		}
		r.buf = append(r.buf, f...)
		r.ends = append(r.ends, len(r.buf))
		if i < 0 {
			return nil
		}
		l = l[i+1:]
	}
}

// record returns the current record's fields as strings cut from one
// string.
func (r *csvReader) record(rec []string) []string {
	s := string(r.buf)
	rec = rec[:0]
	from := 0
	for _, e := range r.ends {
		rec = append(rec, s[from:e])
		from = e
	}
	return rec
}

// Column indexes of a transactions CSV, in transactionColumns' order.
const (
	colID = iota
	colDate
	colKind
	colPartnerID
	colRepID
	colAmount
	colCurrency
	colUnits
	colMotion
	colBilling
	colAuthorised
	colPartnerTier
	colCertifications
	colTerritory
	colCategory
	colSegment
	colEvent
	colCorrects
	colTermMonths
	colCredits
	numTxColumns
)

// cacheSize bounds the decoders' caches of dates and currencies.
const cacheSize = 8

// textCache remembers the last few texts parsed into a V, replaced round
// robin, so that the repeated dates and currency codes of a file are
// parsed once each run of lines.
type textCache[V any] struct {
	keys [cacheSize]string
	vals [cacheSize]V
	n    int
}

func (c *textCache[V]) get(k string, parse func(string) (V, error)) (V, error) {
	for i := range min(c.n, cacheSize) {
		if c.keys[i] == k {
			return c.vals[i], nil
		}
	}
	v, err := parse(k)
	if err == nil {
		i := c.n % cacheSize
		c.keys[i], c.vals[i] = k, v
		c.n++
	}
	return v, err
}

// csvTx builds transactions from records with columns resolved once.
type csvTx struct {
	d     *lineDecoder
	cols  [numTxColumns]int // index in the record, −1 if absent
	names []string
	dates textCache[time.Time]
	curs  textCache[money.Currency]
	rec   []string
}

func newCSVTx(d *lineDecoder, cols map[string]int) *csvTx {
	c := &csvTx{d: d, names: transactionColumns()}
	for i, name := range c.names {
		c.cols[i] = -1
		if j, ok := cols[name]; ok {
			c.cols[i] = j
		}
	}
	return c
}

func parseDateTime(s string) (time.Time, error) {
	d, err := ParseDate(s)
	return d.Time(), err
}

// transaction is lineDecoder.csvTransaction without its per-column
// look-ups and allocations; the errors are the same.
func (c *csvTx) transaction(line int, rec []string) (Transaction, error) {
	get := func(col int) string {
		if i := c.cols[col]; i >= 0 {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	t := Transaction{ID: get(colID), PartnerID: get(colPartnerID), RepID: get(colRepID),
		PartnerTier: get(colPartnerTier), Territory: get(colTerritory), Category: get(colCategory),
		Segment: get(colSegment), Event: get(colEvent), Corrects: get(colCorrects)}
	fail := false
	if s := get(colDate); s != "" {
		dt, err := c.dates.get(s, parseDateTime)
		t.Date, fail = dt, fail || err != nil
	}
	if s := get(colKind); s != "" {
		k, err := ParseKind(s)
		t.Kind, fail = k, fail || err != nil
	}
	cur := c.d.opt.Currency
	if s := get(colCurrency); s != "" {
		var err error
		cur, err = c.curs.get(s, money.ParseCurrency)
		fail = fail || err != nil
	}
	if s := get(colAmount); s != "" {
		num, code, spaced := strings.Cut(s, " ")
		acur := cur
		var err error
		if spaced {
			acur, err = c.curs.get(code, money.ParseCurrency)
		}
		if err == nil && acur.IsValid() && (!spaced || !cur.IsValid() || acur == cur) {
			t.Amount, err = money.ParseIn(num, acur)
		} else {
			err = errors.New("slow path")
		}
		fail = fail || err != nil
	}
	if s := get(colUnits); s != "" {
		var err error
		t.Units, err = money.ParseDecimal(s)
		fail = fail || err != nil
	}
	if s := get(colMotion); s != "" {
		m, err := ParseMotion(s)
		t.Motion, fail = m, fail || err != nil
	}
	if s := get(colBilling); s != "" {
		b, err := ParseBilling(s)
		t.Billing, fail = b, fail || err != nil
	}
	if s := get(colAuthorised); s != "" {
		v, err := strconv.ParseBool(s)
		t.Authorised, fail = v, fail || err != nil
	}
	if s := get(colTermMonths); s != "" {
		fail = fail || parseTerm(s, &t.TermMonths) != nil
	}
	if s := get(colCertifications); s != "" {
		t.Certifications = strings.Split(s, ";")
	}
	if s := get(colCredits); s != "" {
		var err error
		t.Credits, _, _, err = parseCredits(s)
		fail = fail || err != nil
	}
	fail = fail || t.ID == "" || t.PartnerID == "" || get(colDate) == "" || get(colKind) == "" ||
		get(colAmount) == "" && t.Kind.IsValid() && t.Kind != QualifyingEvent
	if fail {
		// A bad line: the general decoder words its errors.
		return c.d.csvTransaction(line, func(name string) string {
			for i, n := range c.names {
				if n == name {
					return get(i)
				}
			}
			return ""
		})
	}
	return c.d.finish(line, "id", t, nil)
}
