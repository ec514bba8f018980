package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/partnerecon/partnerecon/incentive"
)

// The parallel reader deals the input out in blocks of about chunkBytes,
// cut after a line feed; a stretch of maxPending bytes without a line
// feed is read by the sequential path instead.
const (
	chunkBytes    = 512 << 10
	maxPending    = 8 << 20
	maxEmptyReads = 100 // as bufio's
)

// parallelBlocks lets a test choose the parallel reader's block size and
// see how many blocks it dealt out.
type parallelBlocks struct {
	size  int
	dealt int
}

// chunk is a block of whole lines for one reader goroutine, or the rest
// of the input for the sequential path (tail).
type chunk struct {
	data   []byte // CSV: the header line, then the block's lines
	offset int64  // added to the decoder's line numbers gives the file's
	lines  int64  // physical lines of the input up to the block's end
	nbytes int64  // bytes of the input up to the block's end
	out    chan []event
	tail   io.Reader // not nil: the rest of the input, read in order
	err    error     // a read error of the input after the previous block
}

// event is a line the run lists or rejects, in line order: a rejected
// line (err set; decode when the decoder could not read it) or an
// accepted one dated outside the period or correcting another.
type event struct {
	rec    record
	out    outcome
	err    error
	decode bool
}

// readParallel is read on o.workers goroutines, each decoding blocks of
// lines into its own tally; the tallies merge exactly at the end, and the
// lines the run lists or rejects are handled in line order, so the output
// is byte for byte that of one goroutine. With the duplicate-ID check,
// only its first pass (which records IDs in any order); its second pass
// compares them in line order, on one goroutine. A CSV block is cut after a
// line feed at which the decoder ends a record (a quoted field may span
// lines; recordsEnd follows it); from a header with quotes, or a line or
// record over half of incentive.MaxLineBytes, the rest is read in order.
func (j *job) readParallel(r io.Reader, format string, opt incentive.DecodeOptions, tick func(lines, bytes int64)) error {
	n := j.o.workers
	tallies := make([]tally, n)
	for i := range tallies {
		if err := j.newTally(&tallies[i]); err != nil {
			return err
		}
	}
	if j.ids != nil {
		// Pass 1 of the duplicate-ID check: each goroutine records the
		// IDs of its lines (the same hash, a share of the buffer), a
		// rest of the input read in order into the job's set (with a
		// share too, taken only if there is such a rest), which absorbs
		// the others at the end; the check does not depend on their
		// order.
		share := max(1, j.o.idBuffer/n)
		j.tally.ids, j.ids.set.max = j.ids.set, share
		for i := range tallies {
			tallies[i].ids = j.ids.set.sibling(share, max(2, maxRuns/n))
		}
		defer func() {
			for i := range tallies {
				tallies[i].ids.close() // emptied if absorbed
			}
		}()
	}
	order, done := make(chan *chunk, 2*n), make(chan struct{})
	size := chunkBytes
	if j.blocks != nil && j.blocks.size > 0 {
		size = j.blocks.size
	}
	// Each goroutine reads its next block itself, in turn, into its own
	// buffer (n blocks are held at once, each read where it is decoded),
	// and decodes it while another reads.
	d := &dealer{r: r, isCSV: format == "csv", size: size, first: true, line: 1, order: order, done: done}
	var w crew
	for i := range n {
		go func() {
			var buf []byte
			for {
				c := d.deal(buf)
				if c == nil || !w.begin() {
					return
				}
				evs := j.readChunk(&tallies[i], c, format, opt)
				buf, c.data = c.data[:0], nil
				c.out <- evs
				w.end()
			}
		}()
	}
	// stop returns once no goroutine decodes a block, nor will: a
	// goroutine waiting in the input's Read (a pipe with nothing more to
	// give, say) is not waited for; it ends when the read returns.
	stop := func() { close(done); w.stop() }
	seq := sequencer{j: j}
	for c := range order {
		var err error
		switch {
		case c.err != nil:
			err = fmt.Errorf("%w: %w", errFatal, c.err)
		case c.tail != nil:
			err = j.readPart(&j.tally, c.tail, c.offset, format, opt, tick, seq.handle)
		default:
			if j.blocks != nil {
				j.blocks.dealt++
			}
			for _, ev := range <-c.out {
				if err = seq.handle(ev); err != nil {
					break
				}
			}
			if tick != nil && c.lines>>16 != seq.ticked>>16 {
				tick(c.lines, c.nbytes)
			}
			seq.ticked = c.lines
		}
		if err != nil {
			stop()
			return err
		}
	}
	stop()
	for i := range tallies {
		if err := j.tally.merge(&tallies[i]); err != nil {
			return err
		}
		if tallies[i].ids != nil {
			if err := j.ids.set.absorb(tallies[i].ids); err != nil {
				return fmt.Errorf("%w: %w", errFatal, err)
			}
		}
	}
	return nil
}

// sequencer handles the events of the parallel reader in line order.
type sequencer struct {
	j          *job
	decodeErrs int
	ticked     int64
}

// handle rejects or lists the line of ev; it returns an error that stops
// the run, as read would: after MaxLineErrors lines the decoder could not
// read, the error the decoder gives then.
func (s *sequencer) handle(ev event) error {
	if ev.err == nil {
		return s.j.note(&ev.rec, ev.out)
	}
	if errors.Is(ev.err, errFatal) {
		return ev.err
	}
	if err := s.j.reject(&ev.rec, ev.err); err != nil {
		return err
	}
	if ev.decode {
		if s.decodeErrs++; s.decodeErrs > incentive.MaxLineErrors {
			return fmt.Errorf("%w: %w", errFatal, fmt.Errorf("%w: stopped after %d", incentive.ErrTooManyErrors, s.decodeErrs))
		}
	}
	return nil
}

// readChunk decodes one block into tl and returns its events.
func (j *job) readChunk(tl *tally, c *chunk, format string, opt incentive.DecodeOptions) []event {
	var evs []event
	_ = j.readPart(tl, newBlock(c.data), c.offset, format, opt, nil, func(ev event) error {
		evs = append(evs, ev)
		if errors.Is(ev.err, errFatal) {
			return ev.err
		}
		return nil
	})
	return evs
}

// readPart decodes r into tl, its line numbers shifted by offset, and
// passes the lines the run lists or rejects to emit in order, until emit
// returns an error.
func (j *job) readPart(tl *tally, r io.Reader, offset int64, format string, opt incentive.DecodeOptions, tick func(lines, bytes int64), emit func(event) error) error {
	for rec := range records(r, format, opt, offset, tick, tl) {
		var ev event
		if rec.err != nil {
			ev = event{rec: *rec, err: rec.err, decode: true}
		} else if out, err := j.take(tl, &rec.tx); err != nil {
			ev = event{rec: *rec, err: err}
		} else if err := tl.record(rec); err != nil {
			ev = event{rec: *rec, err: fmt.Errorf("%w: %w", errFatal, err)}
		} else if out != inPeriod {
			ev = event{rec: *rec, out: out}
		} else {
			continue
		}
		ev.rec.keep()
		if err := emit(ev); err != nil {
			return err
		}
	}
	return nil
}

// record notes the ID of an accepted line for pass 1 of the duplicate-ID
// check, if tl takes part in it.
func (tl *tally) record(rec *record) error {
	if tl.ids == nil {
		return nil
	}
	return tl.ids.add(rec.tx.ID, rec.line)
}

// shiftLines adds by to the line numbers err carries: those of the
// *incentive.LineError values in it and of their CSV syntax errors.
func shiftLines(err error, by int64) {
	switch e := err.(type) {
	case *incentive.LineError:
		e.Line += int(by)
		var pe *csv.ParseError
		if errors.As(e.Err, &pe) {
			pe.StartLine += int(by)
			pe.Line += int(by)
		}
	case interface{ Unwrap() []error }:
		for _, x := range e.Unwrap() {
			shiftLines(x, by)
		}
	case interface{ Unwrap() error }:
		shiftLines(e.Unwrap(), by)
	}
}

// crew lets the reader goroutines decode blocks until the run stops, so
// that stopping waits for the goroutines decoding a block, not for one
// reading the input: each decodes holding a read lock, which stop's write
// lock waits for.
type crew struct {
	mu      sync.RWMutex
	stopped bool
}

// begin reports whether a goroutine may decode the block it was dealt
// (not once the run has stopped), holding the read lock until end.
func (w *crew) begin() bool {
	w.mu.RLock()
	if w.stopped {
		w.mu.RUnlock()
		return false
	}
	return true
}

// end ends a decoding begin allowed.
func (w *crew) end() { w.mu.RUnlock() }

// stop lets no block be decoded any more, once those being decoded are.
func (w *crew) stop() {
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
}

// errStopped ends the reading of a dealer whose run has stopped.
var errStopped = errors.New("the run stopped")

// dealer cuts the input into blocks for the reader goroutines, which
// take turns: each reads its next block into its own buffer (from the
// part line the block before left over, after the header line for CSV)
// and sends it to order, in the input's order, then decodes it while
// another goroutine reads. A block of the rest in order (tail) or a read
// error (err) ends the dealing; order is closed when all is dealt (not
// when the run stops: done is closed then, and the dealer reads and
// sends no more).
type dealer struct {
	mu    sync.Mutex
	r     io.Reader
	isCSV bool
	size  int // about the bytes of a block
	order chan<- *chunk
	done  <-chan struct{} // closed: the run stopped

	header  []byte // CSV: the header line, once read
	first   bool   // nothing dealt yet: the next block starts the file
	line    int64  // the physical line the next block starts on
	nbytes  int64  // the input's bytes dealt
	carry   []byte // the part line (or record) the last block left over
	readErr error  // the input's read error, once met
	empty   int    // reads in a row that gave neither data nor an error
	over    bool   // all dealt, or the run stopped
}

// deal reads the next block into buf (its bytes reused, or a new buffer
// if it is too small), sends it to order and returns it for the caller to
// decode; nil when there is nothing more for the goroutines to decode.
func (d *dealer) deal(buf []byte) *chunk {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.over || d.stopped() {
		d.over = true
		return nil
	}
	c := d.next(buf)
	if d.stopped() { // while reading: nothing more is sent
		d.over = true
		return nil
	}
	if c == nil {
		d.over = true
		close(d.order)
		return nil
	}
	c.out = make(chan []event, 1)
	select {
	case d.order <- c:
	case <-d.done:
		d.over = true
		return nil
	}
	if c.tail != nil || c.err != nil {
		d.over = true
		close(d.order)
		return nil
	}
	return c
}

// stopped reports whether the run has stopped.
func (d *dealer) stopped() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

// next reads the next block into buf: a block to decode, the rest in
// order (tail), a read error (err), or nil at the input's end. A CSV
// block starts with the header line (but the first, which starts the
// input), then the part line left over, then what is read.
func (d *dealer) next(buf []byte) *chunk {
	pre := 0 // the header's copy at the start of buf (CSV, not first)
	if need := max(2*d.size, len(d.header)+len(d.carry)+4096); cap(buf) < need {
		buf = make([]byte, 0, need)
	}
	buf = buf[:0]
	if d.isCSV && !d.first {
		buf = append(buf, d.header...)
		pre = len(buf)
	}
	buf = append(buf, d.carry...)
	rest := buf[pre:] // the input not dealt yet
	hdrEnd := 0       // the end of the header line in rest, while first
	// more reads into rest, first making room if little is left. A reader
	// that gives neither data nor an error maxEmptyReads times in a row
	// fails with io.ErrNoProgress, as it does when read in order (bufio).
	more := func() {
		if d.stopped() { // read no more for a run that has stopped
			d.readErr = errStopped
			return
		}
		if cap(rest)-len(rest) < min(4096, d.size) {
			buf = append(make([]byte, 0, 2*cap(buf)), buf[:pre+len(rest)]...)
			rest = buf[pre:]
		}
		end := cap(rest) // reading on for a line's end
		if len(rest) < d.size {
			end = min(end, d.size) // a block of about d.size, of which the buffer's pages are touched
		}
		k, err := d.r.Read(rest[len(rest):end])
		if k > 0 || err != nil {
			d.empty = 0
		} else if d.empty++; d.empty >= maxEmptyReads {
			err = io.ErrNoProgress
		}
		rest, d.readErr = rest[:len(rest)+k], err
	}
	for {
		for len(rest) < d.size && d.readErr == nil {
			more()
		}
		if len(rest) == 0 {
			if d.readErr != io.EOF {
				// The line it stopped at, as the reading in order says.
				return &chunk{err: fmt.Errorf("line %d: %w", d.line, d.readErr)}
			}
			return nil
		}
		cut := bytes.LastIndexByte(rest, '\n') + 1
		switch {
		case d.readErr == io.EOF:
			// The input's last block, whole: its last record may lack a
			// line feed, and may span lines in quotes (cut at the last
			// line feed, it would be read as two records).
			cut = len(rest)
		case d.readErr != nil:
			// A read error: the rest in order, which reads it as one
			// goroutine does (a record the error cut short is not read).
			cut = 0
		}
		if d.isCSV && d.header == nil && cut > 0 {
			h := rest // the first non-empty line, after a byte-order mark (the decoder skips both)
			if d.first {
				h = bytes.TrimPrefix(h, []byte("\ufeff"))
			}
			for len(h) > 0 && (h[0] == '\n' || h[0] == '\r' && len(h) > 1 && h[1] == '\n') {
				h = h[bytes.IndexByte(h, '\n')+1:]
			}
			if i := bytes.IndexByte(h, '\n'); i >= 0 {
				d.header = append([]byte(nil), h[:i+1]...)
				hdrEnd = len(rest) - len(h) + i + 1
			} else if d.readErr != nil {
				d.header = append(append([]byte(nil), h...), '\n')
			}
		}
		quoted := false // read the rest in order
		if d.isCSV && d.header != nil && cut > 0 && d.readErr == nil {
			from := 0
			if d.first {
				from = hdrEnd
			}
			switch {
			case bytes.IndexByte(d.header, '"') >= 0:
				quoted = true
			case bytes.IndexByte(rest[from:cut], '"') >= 0:
				// Cut where the decoder ends a record.
				if c := recordsEnd(rest[from:cut], ','); c < 0 {
					quoted = true
				} else if c == 0 {
					cut = 0
				} else {
					cut = from + c
				}
			}
		}
		switch {
		case cut == 0 && d.readErr == nil && len(rest) < maxPending || d.isCSV && d.header == nil && d.readErr == nil && len(rest) < maxPending:
			// Read on: no whole line (or no header) yet.
			more()
			continue
		case cut == 0 || d.isCSV && d.header == nil || quoted:
			// The rest in order, from here: buf holds the header
			// (unless first) and the rest; it is the tail's now.
			offset := d.line - 1
			if pre > 0 {
				offset = d.line - 2
			}
			var tail io.Reader = errReader{d.readErr}
			if d.readErr == nil {
				tail = d.r
			}
			return &chunk{tail: io.MultiReader(bytes.NewReader(buf[:pre+len(rest)]), tail), offset: offset}
		}
		c := &chunk{offset: d.line - 1, data: buf[:pre+cut]}
		if pre > 0 {
			c.offset = d.line - 2
		}
		d.line += int64(bytes.Count(rest[:cut], []byte{'\n'}))
		d.nbytes += int64(cut)
		c.lines, c.nbytes = d.line-1, d.nbytes
		// The next block starts with the header and the line left over.
		d.carry = append(d.carry[:0], rest[cut:]...)
		d.first = false
		return c
	}
}

// errReader returns its error on every Read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// recordsEnd returns where the last whole CSV record of data ends (after
// its line feed), data starting where a record does: the line feeds at
// which incentive.ReadTransactionsCSV starts a new record, found as its
// reader finds them (a quoted field goes on over line feeds; a quote where
// none may be ends the record at its line, as the error does); 0 when no
// record ends in data; −1 when a line or a record is too long to follow
// (over half of incentive.MaxLineBytes): the caller then reads in order.
func recordsEnd(data []byte, comma byte) int {
	last, pos := 0, 0
	for {
		n := bytes.IndexByte(data[pos:], '\n')
		if n < 0 {
			return last
		}
		if n >= incentive.MaxLineBytes/2 {
			return -1
		}
		l := bytes.TrimSuffix(data[pos:pos+n], []byte{'\r'})
		pos += n + 1
		if bytes.IndexByte(l, '"') >= 0 {
			var ok bool
			if pos, ok = quotedEnd(data, pos, l, comma); !ok {
				if pos < 0 {
					return -1
				}
				return last
			}
		}
		last = pos
	}
}

// quotedEnd follows a record with quotes whose first line is l, the next
// line starting at pos, and returns where the record ends; false with
// pos ≥ 0 when data ends first, with −1 when the record is too long to
// follow.
func quotedEnd(data []byte, pos int, l []byte, comma byte) (int, bool) {
	size := 0 // the record's bytes, as the reader counts them
	for {
		if len(l) > 0 && l[0] == '"' {
			l = l[1:]
			for {
				i := bytes.IndexByte(l, '"')
				if i < 0 { // the field goes on on the next line
					if size += len(l) + 1; size >= incentive.MaxLineBytes/2 {
						return -1, false
					}
					n := bytes.IndexByte(data[pos:], '\n')
					if n < 0 {
						return pos, false
					}
					if n >= incentive.MaxLineBytes/2 {
						return -1, false
					}
					l = bytes.TrimSuffix(data[pos:pos+n], []byte{'\r'})
					pos += n + 1
					continue
				}
				size += i
				l = l[i+1:]
				if len(l) > 0 && l[0] == '"' {
					size++
					l = l[1:]
					continue
				}
				break
			}
			if len(l) > 0 && l[0] == comma {
				l = l[1:]
				continue
			}
			return pos, true // the record's end, or a quote error ending it
		}
		i := bytes.IndexByte(l, comma)
		f := l
		if i >= 0 {
			f = l[:i]
		}
		if i < 0 || bytes.IndexByte(f, '"') >= 0 {
			return pos, true // the record's end, or a bare quote ending it
		}
		size += len(f)
		l = l[i+1:]
	}
}
