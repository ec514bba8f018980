// Package chaintest holds the test helper that the hash-chained documents
// of the module share: a single-byte change drawn by rapid, with the
// record it falls in.
package chaintest

import (
	"bytes"
	"encoding/json"
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
