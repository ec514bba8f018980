package incentive

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	failed bool   // the reader failed: reported once, then io.EOF
	buf    []byte // a quoted record's fields, unquoted, back to back
	data   []byte // the current record's fields: the line itself, or buf
	starts []int  // start of each field in data
	ends   []int  // end of each field in data
	fields int    // the header's width, once read
	// text is the current record's lines as read, without their line
	// breaks, joined by '\n': the line itself, or raw for a record with
	// quotes (DecodeOptions.OnRecord); nil after an error that left no
	// record.
	text []byte
	raw  []byte
	// inPlace: the document is data, read where it is (resetBytes), not
	// through br.
	inPlace bool
	data0   []byte // the part of an in-place document not read yet
}

func newCSVReader(r io.Reader, comma byte) *csvReader {
	cr := new(csvReader)
	cr.reset(r, comma)
	return cr
}

// reset makes r read the CSV document in, past a byte-order mark, keeping
// its buffers. The buffered reader is r's own, of MaxLineBytes, even when
// in is a *bufio.Reader (which bufio.NewReaderSize would return as it is):
// a caller's reader is read, never kept or reset, and a record over
// MaxLineBytes is an error whatever reader in is.
func (r *csvReader) reset(in io.Reader, comma byte) {
	br := r.br
	if br == nil {
		br = bufio.NewReaderSize(nil, MaxLineBytes)
	}
	br.Reset(in)
	// The byte-order mark, skipped as skipBOM does. Peek returns a read
	// error met there once and forgets it: the bytes read before it are
	// read again, then the error, on every read.
	switch b, err := br.Peek(3); {
	case err == nil && string(b) == "\ufeff":
		br.Discard(3)
	case err != nil && err != io.EOF:
		br.Reset(io.MultiReader(bytes.NewReader(bytes.Clone(b)), failedReader{err}))
	}
	*r = csvReader{br: br, comma: comma, buf: r.buf[:0], starts: r.starts[:0], ends: r.ends[:0], raw: r.raw[:0]}
}

// resetBytes makes r read the CSV document data in place, past a
// byte-order mark, keeping its buffers: the lines are cut from data as
// br would return them (readSlice), without copying.
func (r *csvReader) resetBytes(data []byte, comma byte) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	*r = csvReader{br: r.br, comma: comma, buf: r.buf[:0], starts: r.starts[:0], ends: r.ends[:0], raw: r.raw[:0], inPlace: true, data0: data}
}

// readSlice returns the next line with its line feed, as br.ReadSlice('\n')
// does: bufio.ErrBufferFull with the line's first MaxLineBytes bytes (br's
// size) when it is longer, io.EOF with the last line when it has no line
// feed, then io.EOF alone.
func (r *csvReader) readSlice() ([]byte, error) {
	if !r.inPlace {
		return r.br.ReadSlice('\n')
	}
	return r.sliceInPlace()
}

// sliceInPlace is readSlice in place.
func (r *csvReader) sliceInPlace() ([]byte, error) {
	d := r.data0
	if len(d) == 0 {
		return nil, io.EOF
	}
	n := min(len(d), MaxLineBytes)
	if i := bytes.IndexByte(d[:n], '\n'); i >= 0 {
		r.data0 = d[i+1:]
		return d[:i+1], nil
	}
	if n == MaxLineBytes {
		r.data0 = d[n:]
		return d[:n], bufio.ErrBufferFull
	}
	r.data0 = nil
	return d, io.EOF
}

// csvKept is what an Accumulator keeps of AddCSV's reading for its next
// call: the reader's buffers, and the record builder's caches of texts
// (dates, currencies, kinds…, which depend on the text alone) and text
// arena, so that reading many small documents — the blocks of a parallel
// reader — costs no buffer per document.
type csvKept struct {
	cr csvReader
	tx csvTx
}

// release drops what k holds of the call that ended: its input, its
// record and its options (OnRecord), keeping the buffers and caches.
func (k *csvKept) release() {
	if k.cr.br != nil {
		k.cr.br.Reset(nil)
	}
	k.cr.data, k.cr.text, k.cr.data0 = nil, nil, nil
	k.tx.d = nil
}

// longRecord reports a record beyond MaxLineBytes.
func longRecord() error { return fmt.Errorf("record longer than %d bytes", MaxLineBytes) }

// physical returns the next line without its line break, valid until the
// next call; io.EOF at the end. A line of MaxLineBytes or more is skipped
// to the end of its record (st is the quoting at its start) and is
// longRecord().
func (r *csvReader) physical(st skipState) ([]byte, error) {
	if r.failed {
		return nil, io.EOF
	}
	// (Not readSlice, which is not inlined: a call more per line, on the
	// path of every reader.)
	var l []byte
	var err error
	if r.inPlace {
		l, err = r.sliceInPlace()
	} else {
		l, err = r.br.ReadSlice('\n')
	}
	switch {
	case err == bufio.ErrBufferFull:
		return nil, r.skip(l, st)
	case err != nil && err != io.EOF:
		return nil, r.fail(err) // l, if any, may be cut short
	case len(l) == 0:
		return nil, io.EOF
	}
	r.line++
	// l is not empty: ReadSlice returns a byte at least unless it fails.
	// (Trimmed by hand: bytes.TrimSuffix calls memequal, a tenth of the
	// time of reading the line.)
	if l[len(l)-1] == '\n' {
		l = l[:len(l)-1]
	}
	if n := len(l); n > 0 && l[n-1] == '\r' {
		l = l[:n-1]
	}
	return l, nil
}

// read reads the next non-blank record into buf and ends and returns the
// line it starts on.
func (r *csvReader) read() (int, error) {
	var l []byte
	var err error
	r.text = nil
	for len(l) == 0 {
		from := r.line + 1
		if l, err = r.physical(atField); err != nil {
			if err == io.EOF {
				return r.line, err
			}
			return from, err // a long record (skipped to its end) starts there
		}
	}
	start := r.line
	r.buf, r.starts, r.ends = r.buf[:0], r.starts[:0], r.ends[:0]
	ends, quoted := splitFields(l, r.comma, r.ends)
	if !quoted { // the fields are cut from the line
		r.data, r.ends, r.text = l, ends, l
		from := 0
		for _, e := range ends {
			r.starts = append(r.starts, from)
			from = e + 1
		}
	} else {
		// The line is copied: a quoted field may go on on the next line,
		// whose read overwrites it.
		r.raw = append(r.raw[:0], l...)
		err := r.quoted(l, start)
		r.text = r.raw
		if errors.Is(err, ErrRead) {
			return r.line + 1, err // where the input was cut, as for a first line
		}
		if err != nil {
			return start, err
		}
		r.data = r.buf
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
						return r.skip(nil, inQuotes)
					}
					next, err := r.physical(inQuotes)
					if err != nil {
						if err == io.EOF {
							return &csv.ParseError{StartLine: start, Line: r.line, Column: 1, Err: csv.ErrQuote}
						}
						return err
					}
					// raw stays within a few times MaxLineBytes: buf,
					// which the check above bounds, holds all but the
					// quotes.
					r.raw = append(append(r.raw, '\n'), next...)
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
			r.endField()
			switch {
			case len(l) == 0:
				return r.whole()
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
		r.endField()
		if i < 0 {
			return r.whole()
		}
		l = l[i+1:]
	}
}

// whole ends a record read by quoted: longRecord() if its fields, the
// last line's included, came to more than MaxLineBytes (the check in
// quoted's loop sees the lines before the last).
func (r *csvReader) whole() error {
	if len(r.buf) > MaxLineBytes {
		return longRecord()
	}
	return nil
}

// skipState is where the reader is in a record's quoting, for skip.
type skipState uint8

const (
	atField    skipState = iota // at the start of a field
	inQuotes                    // in a quoted field
	afterQuote                  // after a quote in a quoted field: "" or the field's end
	inBare                      // in an unquoted field
	toLineEnd                   // the record ends with the line (at its end, or a quote error)
)

// skip reads on to the end of a record longer than MaxLineBytes, without
// keeping it, and returns longRecord() (or the reader's error). b is the
// part of the current line already read, st the quoting at b's start.
// The record ends where quoted would end it: at a line feed outside
// quotes (a field's end, or a quote error's line), or at the end of the
// input. Reading then goes on at the next record, not inside this one's
// quoted field.
func (r *csvReader) skip(b []byte, st skipState) error {
	for {
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c == '\n' {
				r.line++
				if st != inQuotes {
					return longRecord()
				}
				continue
			}
			switch st {
			case inQuotes:
				j := bytes.IndexAny(b[i:], "\"\n")
				switch {
				case j < 0:
					i = len(b)
				case b[i+j] == '"':
					i, st = i+j, afterQuote
				default:
					i += j - 1 // the line feed, next
				}
			case afterQuote:
				switch c {
				case '"': // "" is a quote in the field
					st = inQuotes
				case r.comma:
					st = atField
				default: // a CR before the line feed, or a quote error
					st = toLineEnd
				}
			case atField:
				switch c {
				case '"':
					st = inQuotes
				case r.comma:
				default:
					st = inBare
				}
			case inBare:
				switch c {
				case r.comma:
					st = atField
				case '"': // a bare quote: an error, to the line's end
					st = toLineEnd
				}
			case toLineEnd: // only the line feed counts, above
			}
		}
		var err error
		b, err = r.readSlice()
		switch {
		case err == nil || err == bufio.ErrBufferFull:
		case err != io.EOF:
			return r.fail(err)
		case len(b) == 0:
			return longRecord() // the record runs to the end of the input
		}
	}
}

// fail records err, an error of the reader, and returns it as ErrRead; the
// reader then reports io.EOF (its input cannot be trusted past the error).
func (r *csvReader) fail(err error) error {
	r.failed = true
	return fmt.Errorf("%w: %w", ErrRead, err)
}

// endField ends a field of a quoted record at the end of buf.
func (r *csvReader) endField() {
	from := 0
	if n := len(r.ends); n > 0 {
		from = r.ends[n-1]
	}
	r.starts, r.ends = append(r.starts, from), append(r.ends, len(r.buf))
}

// record returns the current record's fields as strings cut from one
// string.
func (r *csvReader) record(rec []string) []string {
	s := string(r.data)
	rec = rec[:0]
	for i, e := range r.ends {
		rec = append(rec, s[r.starts[i]:e])
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

// cacheSize bounds the decoders' caches of enum names and currencies.
const cacheSize = 8

// textCache remembers the last few texts parsed into a V, replaced round
// robin, so that the repeated currency codes and enum names of a file are
// parsed once each run of lines. It is looked up with the field's bytes:
// a hit costs no allocation.
type textCache[V any] struct {
	keys [cacheSize]string
	vals [cacheSize]V
	n    int
}

func (c *textCache[V]) get(k []byte, parse func(string) (V, error)) (V, error) {
	for i := range min(c.n, cacheSize) {
		if equalShort(c.keys[i], k) {
			return c.vals[i], nil
		}
	}
	s := string(k)
	v, err := parse(s)
	if err == nil {
		i := c.n % cacheSize
		c.keys[i], c.vals[i] = s, v
		c.n++
	}
	return v, err
}

// equalShort is s == string(b) for the short texts of the caches, without
// a call.
func equalShort(s string, b []byte) bool {
	if len(s) != len(b) {
		return false
	}
	for i := range b {
		if s[i] != b[i] {
			return false
		}
	}
	return true
}

// dateSlots is the size of csvTx's date cache (a power of two): a file's
// dates usually span a period of a few months, each held in its own slot.
const dateSlots = 512

// dateSlot is one parsed date of the cache, by its text: the first 8
// bytes and the last 2 (with bit 16 set: 0 is an empty slot).
type dateSlot struct {
	head uint64
	tail uint32
	t    time.Time
}

// csvTx builds transactions from records with columns resolved once:
// dates, currencies and enum names cached, text fields cut from a shared
// chunk, so that a usual line allocates nothing.
type csvTx struct {
	d       *lineDecoder
	cols    [numTxColumns]int // index in the record, −1 if absent
	names   []string
	dates   dateCache
	curs    textCache[money.Currency]
	kinds   textCache[Kind]
	motions textCache[Motion]
	bills   textCache[Billing]
	bools   textCache[bool]
	scratch []byte
	texts   []textCol // the text columns the header has
	// arena holds the text fields of the last lines: lines cost one
	// allocation per chunk rather than one each.
	arena textArena
}

// textChunk is the size of a textArena's chunks: a transaction kept by the
// host keeps at most this much alive beside it (the Accumulator copies the
// IDs it keeps).
const textChunk = 2048

// textArena copies texts into chunks of textChunk bytes, back to back,
// and returns them as strings cut from the chunk: one allocation per
// chunk rather than one per text. A chunk lives as long as any of its
// strings.
type textArena struct{ b strings.Builder }

// room starts a new chunk unless n more bytes fit the current one.
func (a *textArena) room(n int) {
	if a.b.Cap()-a.b.Len() < n {
		a.b = strings.Builder{} // the old chunk stays with its strings
		a.b.Grow(max(textChunk, n))
	}
}

// copy returns string(b).
func (a *textArena) copy(b []byte) string {
	a.room(len(b))
	from := a.b.Len()
	a.b.Write(b)
	return a.b.String()[from:]
}

// copyString returns a copy of s.
func (a *textArena) copyString(s string) string {
	a.room(len(s))
	from := a.b.Len()
	a.b.WriteString(s)
	return a.b.String()[from:]
}

// numLineTexts is the number of lineTexts.
const numLineTexts = 9

// lineTexts returns the text columns of a transaction, cut from one string
// per line.
func lineTexts() [numLineTexts]int {
	return [...]int{colID, colPartnerID, colRepID, colPartnerTier, colTerritory, colCategory, colSegment, colEvent, colCorrects}
}

// textCol is a text column present in the header: its place in lineTexts
// and its index in the record.
type textCol struct{ slot, rec int }

// reset readies c for the lines of a document with the columns cols,
// read by d, keeping its caches, arena and buffers.
func (c *csvTx) reset(d *lineDecoder, cols map[string]int) {
	c.d, c.names, c.texts = d, transactionColumns(), c.texts[:0]
	for i, name := range c.names {
		c.cols[i] = -1
		if j, ok := cols[name]; ok {
			c.cols[i] = j
		}
	}
	for slot, col := range lineTexts() {
		if c.cols[col] >= 0 {
			c.texts = append(c.texts, textCol{slot, c.cols[col]})
		}
	}
}

// dateCache holds the dates of the last lines, by their text.
type dateCache [dateSlots]dateSlot

// get returns the date of b ("YYYY-MM-DD") from the cache, by its bytes,
// parsing it with ParseDate on a miss (only a date that parses is cached).
func (c *dateCache) get(b []byte) (time.Time, error) {
	if len(b) == 10 {
		head := binary.LittleEndian.Uint64(b)
		tail := uint32(binary.LittleEndian.Uint16(b[8:])) | 1<<16
		// Month and day pick the slot: consecutive dates of up to 16
		// months take distinct slots.
		month := int(b[5]&0xf)*10 + int(b[6]&0xf)
		day := int(b[8]&0xf)*10 + int(b[9]&0xf)
		slot := &c[(int(b[3]&0xf)*12*32+month*32+day)&(dateSlots-1)]
		if slot.head == head && slot.tail == tail {
			return slot.t, nil
		}
		d, err := ParseDate(string(b))
		if err == nil {
			slot.head, slot.tail, slot.t = head, tail, d.Time()
		}
		return d.Time(), err
	}
	d, err := ParseDate(string(b))
	return d.Time(), err
}

func parseKind(s string) (Kind, error)       { return ParseKind(s) }
func parseMotion(s string) (Motion, error)   { return ParseMotion(s) }
func parseBilling(s string) (Billing, error) { return ParseBilling(s) }

// untrimmed reports a field that bytes.TrimSpace leaves as it is, for
// sure: empty, or starting and ending with a printable ASCII byte other
// than a space (small enough to be inlined).
func untrimmed(b []byte) bool {
	n := len(b)
	return n == 0 || b[0]-'!' < utf8.RuneSelf-'!' && b[n-1]-'!' < utf8.RuneSelf-'!'
}

// transaction is lineDecoder.csvTransaction on the fields of the record r
// holds, into *t (zero on entry), without per-column look-ups and with no
// allocation but a new chunk now and then; the errors are the same.
func (c *csvTx) transaction(line int, r *csvReader, t *Transaction) error {
	data, starts, ends := r.data, r.starts, r.ends
	get := func(col int) []byte {
		i := c.cols[col]
		if i < 0 {
			return nil
		}
		if f := data[starts[i]:ends[i]]; untrimmed(f) {
			return f
		}
		return bytes.TrimSpace(data[starts[i]:ends[i]])
	}
	// The text fields share the line's one string.
	var lo, hi [numLineTexts]int
	c.scratch = c.scratch[:0]
	for _, tc := range c.texts {
		lo[tc.slot] = len(c.scratch)
		f := data[starts[tc.rec]:ends[tc.rec]]
		if !untrimmed(f) {
			f = bytes.TrimSpace(f)
		}
		c.scratch = append(c.scratch, f...)
		hi[tc.slot] = len(c.scratch)
	}
	text := c.arena.copy(c.scratch)
	part := func(i int) string {
		if lo[i] == hi[i] {
			return ""
		}
		return text[lo[i]:hi[i]]
	}
	t.ID, t.PartnerID, t.RepID, t.PartnerTier, t.Territory = part(0), part(1), part(2), part(3), part(4)
	t.Category, t.Segment, t.Event, t.Corrects = part(5), part(6), part(7), part(8)
	amount := get(colAmount)
	id := t.ID
	date, kind := get(colDate), get(colKind)
	fail := len(id) == 0 || len(t.PartnerID) == 0 || len(date) == 0 || len(kind) == 0
	if len(date) > 0 {
		dt, err := c.dates.get(date)
		t.Date, fail = dt, fail || err != nil
	}
	if len(kind) > 0 {
		k, err := c.kinds.get(kind, parseKind)
		t.Kind, fail = k, fail || err != nil
	}
	cur := c.d.opt.Currency
	if s := get(colCurrency); len(s) > 0 {
		var err error
		cur, err = c.curs.get(s, money.ParseCurrency)
		fail = fail || err != nil
	}
	if v, ok := minorUnits(amount, cur.Digits()); ok && cur.IsValid() {
		// The usual amount: a bare number with the currency's places.
		t.Amount = money.FromMinor(v, cur)
	} else if len(amount) > 0 {
		num, code, spaced := bytes.Cut(amount, []byte{' '})
		acur := cur
		var err error
		if spaced {
			acur, err = c.curs.get(code, money.ParseCurrency)
		}
		if err == nil && acur.IsValid() && (!spaced || !cur.IsValid() || acur == cur) {
			if v, ok := minorUnits(num, acur.Digits()); ok {
				t.Amount = money.FromMinor(v, acur)
			} else {
				t.Amount, err = money.ParseIn(string(num), acur)
			}
		} else {
			err = errors.New("slow path")
		}
		fail = fail || err != nil
	} else if t.Kind.IsValid() && t.Kind != QualifyingEvent {
		fail = true
	}
	if s := get(colUnits); len(s) > 0 {
		var err error
		t.Units, err = money.ParseDecimal(string(s))
		fail = fail || err != nil
	}
	if s := get(colMotion); len(s) > 0 {
		m, err := c.motions.get(s, parseMotion)
		t.Motion, fail = m, fail || err != nil
	}
	if s := get(colBilling); len(s) > 0 {
		b, err := c.bills.get(s, parseBilling)
		t.Billing, fail = b, fail || err != nil
	}
	if s := get(colAuthorised); len(s) > 0 {
		v, err := c.bools.get(s, strconv.ParseBool)
		t.Authorised, fail = v, fail || err != nil
	}
	if s := get(colTermMonths); len(s) > 0 {
		fail = fail || parseTerm(string(s), &t.TermMonths) != nil
	}
	if s := get(colCertifications); len(s) > 0 {
		t.Certifications = splitList(string(s))
	}
	if s := get(colCredits); len(s) > 0 {
		var err error
		t.Credits, _, _, err = parseCredits(string(s))
		fail = fail || err != nil
	}
	if fail {
		// A bad line: the general decoder words its errors.
		var err error
		*t, err = c.d.csvTransaction(line, func(name string) string {
			for i, n := range c.names {
				if n == name {
					return string(get(i))
				}
			}
			return ""
		})
		return err
	}
	if printableASCII(c.scratch) && t.Certifications == nil && max(len(t.ID), len(t.PartnerID), len(t.RepID), len(t.Corrects)) <= MaxIDLen {
		// The usual line: check's ID checks pass for sure (printable
		// ASCII, trimmed: no space at either end; the IDs short).
		return c.d.duplicate(line, "id", t.ID)
	}
	return c.d.check(line, "id", t, nil)
}

// minorUnits reads b, a number in ParseDecimal's syntax, as a whole
// number of minor units when it has exactly places digits after the point
// (none and no point for places 0) and at most 18 digits: the amount
// ParseIn would read, as FromMinor holds it (the same coefficient and
// exponent). ok is false for any other text, which ParseIn then reads.
func minorUnits(b []byte, places int32) (v int64, ok bool) {
	i := 0
	if len(b) > 0 && b[0] == '-' {
		i++
	}
	n, point := 0, -1 // digits, index of the point
	for ; i < len(b); i++ {
		ch := b[i]
		switch {
		case ch >= '0' && ch <= '9':
			v = v*10 + int64(ch-'0')
			n++
			if n > 18 {
				return 0, false
			}
		case ch == '.' && point < 0 && n > 0:
			point = i
		default:
			return 0, false
		}
	}
	frac := 0
	if point >= 0 {
		frac = len(b) - point - 1
		if frac == 0 {
			return 0, false
		}
	}
	if n == 0 || frac != int(places) {
		return 0, false
	}
	if b[0] == '-' {
		v = -v
	}
	return v, true
}
