package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"

	"github.com/partnerecon/partnerecon/incentive"
)

// load reads path, or the embedded sample file when path is empty; "-"
// stands for no document.
func load(path, embedded string) (name string, data []byte, err error) {
	switch path {
	case "":
		data, err = sample.ReadFile(embedded)
		return embedded + " (embedded)", data, err
	case "-":
		return "(none)", nil, nil
	}
	data, err = os.ReadFile(path)
	return path, data, err
}

// parseFacts reads the facts CSV (recipient,fact,name,value) with the
// library decoder.
func parseFacts(name string, data []byte) (incentive.Facts, error) {
	f, err := incentive.ReadFactsCSV(bytes.NewReader(data), incentive.DecodeOptions{MaxErrors: incentive.MaxLineErrors})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// maxRecordText is how much of a record's text the reject file keeps.
const maxRecordText = 64 << 10

// lineTracker is the io.Reader the library decoders read from. It hands
// them at most one physical line per Read, so that when a decoder yields a
// transaction or a bad line it has read exactly the lines of that record
// and no further (its own buffers hold nothing more): take then returns the
// record's first line number and its original text, for the reject file and
// for errors found after decoding (the engine's checks, duplicate IDs).
type lineTracker struct {
	br    *bufio.Reader
	lines int64 // physical lines handed out completely
	bytes int64
	text  []byte // the lines handed out since the last take
	first int64  // the line number text starts at
	err   error  // a read error of the source (not io.EOF)
	tick  func(lines, bytes int64)
}

func newLineTracker(r io.Reader, tick func(lines, bytes int64)) *lineTracker {
	return &lineTracker{br: bufio.NewReaderSize(r, 64<<10), first: 1, tick: tick}
}

// Read hands out the buffered input up to and including the next line
// feed, at most len(p) bytes.
func (t *lineTracker) Read(p []byte) (int, error) {
	b, err := t.br.Peek(1)
	if len(b) == 0 {
		if err != nil && err != io.EOF {
			t.err = err
		}
		return 0, err
	}
	b, _ = t.br.Peek(t.br.Buffered())
	n := len(b)
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		n = i + 1
	}
	n = copy(p, b[:n])
	if len(t.text) < maxRecordText {
		t.text = append(t.text, b[:min(n, maxRecordText-len(t.text))]...)
	}
	if b[n-1] == '\n' {
		t.lines++
		if t.tick != nil && t.lines&0xffff == 0 {
			t.tick(t.lines, t.bytes)
		}
	}
	t.bytes += int64(n)
	_, _ = t.br.Discard(n)
	return n, nil
}

// take returns the number of the first non-blank line handed out since
// the last take, and the bytes of the lines from there, skipping the
// first skip non-blank lines (the CSV header, on the first take), valid
// until the next Read. It then starts afresh.
func (t *lineTracker) take(skip int) (line int64, raw []byte) {
	line = t.first
	rest := t.text
	for {
		l, after, more := bytes.Cut(rest, []byte{'\n'})
		blank := len(bytes.TrimSpace(l)) == 0
		if !blank && skip == 0 || !more {
			break
		}
		if !blank {
			skip--
		}
		rest = after
		line++
	}
	t.first = t.lines + 1
	t.text = t.text[:0]
	return line, rest
}

// recordText is the text of a record's lines: line ends removed, lines
// joined by "\n".
func recordText(raw []byte) string {
	return strings.TrimRight(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\r\n")
}

// record is one yield of a decoder with the line it came from.
type record struct {
	line int64
	raw  []byte // the record's lines as read, until the next record; nil once kept
	text string // the text, once kept
	tx   incentive.Transaction
	err  error
}

// Text returns the record's original text (recordText).
func (r *record) Text() string {
	if r.raw != nil {
		return recordText(r.raw)
	}
	return r.text
}

// keep copies the text, for a record held past the next one.
func (r *record) keep() { r.text, r.raw = r.Text(), nil }

// errFatal marks a decoder error after which the input cannot be read
// further (a bad header — an error whose record holds no line after the
// header —, too many bad lines, a line too long, a read
// error): the run stops, whatever -allow-rejects says.
var errFatal = errors.New("the input cannot be read to its end")

// records streams the transactions of r (CSV or JSON Lines) with their
// line numbers and text. Errors that end the input are wrapped in
// errFatal; every other error is one bad record.
func records(r io.Reader, format string, opt incentive.DecodeOptions, tick func(lines, bytes int64)) iter.Seq[record] {
	return func(yield func(record) bool) {
		t := newLineTracker(r, tick)
		dec, header := incentive.ReadTransactionsJSONL(t, opt), 0
		if format == "csv" {
			dec, header = incentive.ReadTransactionsCSV(t, opt), 1
		}
		for tx, err := range dec {
			line, raw := t.take(header)
			first := header == 1
			header = 0
			switch {
			case t.err != nil:
				err = fmt.Errorf("%w: line %d: %w", errFatal, line, t.err)
			case err == nil && !bytes.Contains(raw, []byte(tx.ID)) && plainID(tx.ID):
				// The tracker must point at the line the decoder read:
				// if it ever does not, stop rather than blame a wrong line.
				err = fmt.Errorf("%w: internal error: line %d does not hold transaction %q", errFatal, line, tx.ID)
			case err != nil && (first && recordText(raw) == "" || errors.Is(err, incentive.ErrTooManyErrors) || errors.Is(err, bufio.ErrTooLong)):
				err = fmt.Errorf("%w: %w", errFatal, err)
			}
			if !yield(record{line: line, raw: raw, tx: tx, err: err}) || errors.Is(err, errFatal) {
				return
			}
		}
		if t.err != nil {
			yield(record{err: fmt.Errorf("%w: %w", errFatal, t.err)})
		}
	}
}

// plainID reports whether id is written as is in CSV and JSON (no quote,
// backslash, comma or non-ASCII byte), so that the record text contains it.
func plainID(id string) bool {
	for i := range len(id) {
		if c := id[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == ',' {
			return false
		}
	}
	return true
}

// reasons returns the messages of err, one per joined error, separated by
// "; " (a bad line can have several).
func reasons(err error) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, isLine := err.(*incentive.LineError); !isLine {
			var out []string
			for _, e := range j.Unwrap() {
				out = append(out, reasons(e))
			}
			return strings.Join(out, "; ")
		}
	}
	return err.Error()
}
