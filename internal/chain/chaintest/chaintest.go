// Package chaintest holds the test helper that the hash-chained documents
// of the module share: a single-byte change drawn by rapid, with the
// record it falls in.
package chaintest

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"

	"pgregory.net/rapid"
)

// SingleByteChange draws a position in doc and a byte different from the
// one there, and returns doc with that byte changed and the index of the
// record the position falls in: records begin at each occurrence of
// start (−1 before the first). doc is not modified.
func SingleByteChange(t *rapid.T, doc []byte, start string) (changed []byte, record int) {
	pos := rapid.IntRange(0, len(doc)-1).Draw(t, "pos")
	b := rapid.Byte().Filter(func(b byte) bool { return b != doc[pos] }).Draw(t, "byte")
	changed = slices.Clone(doc)
	changed[pos] = b
	record = -1
	for off := 0; ; {
		i := bytes.Index(doc[off:], []byte(start))
		if i < 0 || off+i > pos {
			return changed, record
		}
		record++
		off += i + 1
	}
}

// Records splits a journal document {"records": [...]} into its records,
// as written, so that a test can remove, insert or reorder them.
func Records(t TB, doc []byte) []json.RawMessage {
	t.Helper()
	var d struct {
		Records []json.RawMessage `json:"records"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	return d.Records
}

// Join writes records back into a journal document.
func Join(t TB, records []json.RawMessage) []byte {
	t.Helper()
	out, err := json.Marshal(struct {
		Records []json.RawMessage `json:"records"`
	}{records})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TB is the part of testing.TB the helpers use.
type TB interface {
	Helper()
	Fatal(args ...any)
}

// CheckSingleByte is the tamper property of a chained document: doc with
// one byte changed (SingleByteChange; records begin at start) fails to
// parse, or fails with an error matching tampered whose FieldPath is
// path(record) for the record the byte fell in, or (an equivalent
// spelling, such as the case of a hex digit in a \u escape) parses to a
// value same accepts.
func CheckSingleByte[J any](t *rapid.T, doc []byte, start string, parse func([]byte) (J, error), same func(J) bool,
	tampered error, path func(record int) string) {
	bad, want := SingleByteChange(t, doc, start)
	back, err := parse(bad)
	if err == nil {
		if !same(back) {
			t.Fatalf("changed document verifies: record %d", want)
		}
		return
	}
	if !errors.Is(err, tampered) {
		return // no longer parses: a clear error
	}
	var fp interface{ FieldPath() string }
	if !errors.As(err, &fp) || fp.FieldPath() != path(want) {
		t.Fatalf("record %d: %v", want, err)
	}
}

// RoundTrip is the body of a chained document's fuzz target: whatever
// parse accepts, marshal writes and parse reads back to an equal value.
func RoundTrip[J any](t TB, data []byte, parse func([]byte) (J, error), marshal func(J) ([]byte, error), equal func(a, b J) bool) {
	t.Helper()
	v, err := parse(data)
	if err != nil {
		return
	}
	out, err := marshal(v)
	if err != nil {
		t.Fatal("marshal of a parsed document: ", err)
	}
	back, err := parse(out)
	if err != nil || !equal(back, v) {
		t.Fatal("round trip changed the document: ", err)
	}
}
