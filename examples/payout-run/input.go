package main

import (
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

// sourceReader is the io.Reader the library decoders read from: it counts
// the bytes read, for the progress line, and keeps the first read error
// (the decoders end their input at one, as at its end). A read error
// that comes with data is held back to the next Read, so that the data
// is read first and the error always comes after the same line, however
// many of the lines before it a decoder yields (Accumulator.AddCSV yields
// none of those it adds). A reader that gives neither data nor an error
// maxEmptyReads times in a row fails with io.ErrNoProgress, kept like
// any read error (before the decoder's buffered reader gives up with its
// own, which would read as one bad line).
type sourceReader struct {
	r       io.Reader
	bytes   int64
	err     error
	pending error // the error returned with the last data
	empty   int   // reads in a row with neither data nor an error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	if s.pending != nil {
		err := s.pending
		s.pending = nil
		if s.err == nil {
			s.err = err
		}
		return 0, err
	}
	n, err := s.r.Read(p)
	s.bytes += int64(n)
	if n > 0 || err != nil || len(p) == 0 {
		s.empty = 0
	} else if s.empty++; s.empty >= maxEmptyReads {
		err = io.ErrNoProgress
	}
	if n > 0 && err != nil && err != io.EOF {
		s.pending = err
		return n, nil
	}
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// block is a block of the input held in memory, as the parallel reader
// deals it out: read in place when it is read straight into an
// accumulator (Accumulator.AddCSVBytes), as a reader otherwise.
type block struct {
	bytes.Reader
	data []byte
}

// newBlock returns a block of data.
func newBlock(data []byte) *block {
	b := &block{data: data}
	b.Reset(data)
	return b
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
// header —, too many bad lines, a read error): the run stops, whatever
// -allow-rejects says. A line or record too long is one bad line.
var errFatal = errors.New("the input cannot be read to its end")

// records streams the transactions of r (CSV or JSON Lines) with their
// line numbers and text, which the decoder reports (DecodeOptions.OnRecord).
// Errors that end the input are wrapped in errFatal; every other error is
// one bad record. Line numbers, the records' and the errors', are the
// decoder's plus offset (r being a part of the input after its first
// offset lines, past a copy of the header). The record yielded is reused:
// valid until the next.
//
// CSV read for a tally whose accumulator takes every accepted line of
// the period alone (tl.fast) is read straight into it
// (incentive.Accumulator.AddCSV): the lines it adds are counted in
// tl.added, their IDs recorded in tl.ids (pass 1 of the duplicate-ID
// check), and not yielded (a block the parallel reader dealt out is read
// in place); the others are, as the decoder yields them
// — a line Add refused too, for take to add again, which refuses it
// again (Add leaves the accumulator unchanged on an error).
func records(r io.Reader, format string, opt incentive.DecodeOptions, offset int64, tick func(lines, bytes int64), tl *tally) iter.Seq[*record] {
	return func(yield func(*record) bool) {
		src := &sourceReader{r: r}
		var rec record
		var ticked int64
		seen := false    // OnRecord was called for the coming yield
		var seenLine int // the line OnRecord was last called for
		opt.OnRecord = func(line int, text []byte) {
			seenLine = line
			rec.line, rec.raw, seen = int64(line)+offset, text, true
			// A tick every 65,536 lines.
			if tick != nil && rec.line>>16 != ticked>>16 {
				ticked = rec.line
				tick(rec.line, src.bytes)
			}
		}
		dec := incentive.ReadTransactionsJSONL(src, opt)
		if format == "csv" {
			dec = incentive.ReadTransactionsCSV(src, opt)
			if tl != nil && tl.fast {
				added := incentive.AddOptions{Totals: &tl.added}
				var idErr error // recording an added line's ID failed: the run stops
				if tl.ids != nil {
					added.OnAdd = func(line int, id []byte) {
						if idErr == nil {
							idErr = tl.ids.addBytes(id, int64(line)+offset)
						}
					}
				}
				seq := tl.acc.AddCSV(src, opt, added)
				if b, ok := r.(*block); ok {
					seq = tl.acc.AddCSVBytes(b.data, opt, added) // no read errors, no bytes to count
				}
				dec = func(yield func(incentive.Transaction, error) bool) {
					for tx, err := range seq {
						switch {
						case idErr != nil:
							yield(incentive.Transaction{}, fmt.Errorf("%w: %w", errFatal, idErr))
							return
						case tx.ID != "":
							err = nil // refused by Add: take adds it again, for its error
						}
						if !yield(tx, err) {
							return
						}
					}
					if idErr != nil {
						yield(incentive.Transaction{}, fmt.Errorf("%w: %w", errFatal, idErr))
					}
				}
			}
		}
		first := true
		for tx, err := range dec {
			if le := (*incentive.LineError)(nil); seen && err != nil && errors.As(err, &le) && le.Line != seenLine {
				// An error of no record (one too long, a read error):
				// OnRecord was last called for a line AddCSV added.
				seen = false
			}
			header := false
			if !seen {
				// No record: the header, a record over
				// incentive.MaxLineBytes, too many errors. The error
				// says the line (1 for the header).
				rec.line, rec.raw = 0, nil
				line := 0
				if le := (*incentive.LineError)(nil); errors.As(err, &le) {
					line = le.Line
					rec.line = int64(line) + offset
				}
				header = format == "csv" && first && line <= 1 // JSON Lines have none
			}
			if err != nil && offset != 0 {
				shiftLines(err, offset) // before a message is made of it below
			}
			switch {
			case src.err != nil:
				err = fmt.Errorf("%w: line %d: %w", errFatal, rec.line, src.err)
			case err != nil && (header || errors.Is(err, incentive.ErrTooManyErrors) || errors.Is(err, incentive.ErrRead)):
				// (A read error of the decoder's own, not the input's,
				// ends the input too.)
				err = fmt.Errorf("%w: %w", errFatal, err)
			}
			first, seen = false, false
			rec.tx, rec.err, rec.text = tx, err, ""
			if !yield(&rec) || errors.Is(err, errFatal) {
				return
			}
		}
		if src.err != nil {
			yield(&record{err: fmt.Errorf("%w: %w", errFatal, src.err)})
		}
	}
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
