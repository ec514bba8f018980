package chain

import "github.com/partnerecon/partnerecon/strictjson"

// Journal is an append-only chain of records of type T whose canonical
// content is their strictjson encoding, under one domain label. The zero
// Journal is empty; Append returns a new Journal. Packages wrap it in
// their own exported type (with their error type and limits).
type Journal[T any] struct {
	recs []Linked[T]
}

// journalJSON is a journal's document: {"records": [...]}, each record's
// members inline with "prev" and "hash".
type journalJSON[T any] struct {
	Records []Linked[T] `json:"records"`
}

// Append returns j with rec linked after its last record. It fails only
// if rec cannot be encoded (a decimal outside money's range).
func (j Journal[T]) Append(domain string, rec T) (Journal[T], error) {
	b, err := strictjson.Marshal(rec)
	if err != nil {
		return j, err
	}
	return Journal[T]{recs: Append(domain, j.recs, rec, b)}, nil
}

// Records returns the records in the order appended.
func (j Journal[T]) Records() []T {
	out := make([]T, len(j.recs))
	for i, r := range j.recs {
		out[i] = r.Record
	}
	return out
}

// Len returns the number of records.
func (j Journal[T]) Len() int { return len(j.recs) }

// Head returns the hash of the last record ("" for none).
func (j Journal[T]) Head() string { return Head(j.recs) }

// Equal reports whether j and o hold equal records (by eq) with equal
// hashes.
func (j Journal[T]) Equal(o Journal[T], eq func(a, b T) bool) bool {
	if len(j.recs) != len(o.recs) {
		return false
	}
	for i := range j.recs {
		if j.recs[i].Hash != o.recs[i].Hash || !eq(j.recs[i].Record, o.recs[i].Record) {
			return false
		}
	}
	return true
}

// Marshal encodes the journal deterministically.
func (j Journal[T]) Marshal() ([]byte, error) {
	recs := j.recs
	if recs == nil {
		recs = []Linked[T]{}
	}
	return strictjson.Marshal(journalJSON[T]{Records: recs})
}

// ParseJournal decodes a journal document strictly within lim and verifies
// its chain. On a document error it returns index −1 and the strictjson
// error; on a record that does not verify, its index, the record as
// stored, and the reason (ErrForm, ErrPrev, ErrHash).
func ParseJournal[T any](data []byte, domain string, lim strictjson.Limits) (j Journal[T], index int, bad T, err error) {
	var doc journalJSON[T]
	if err := strictjson.Unmarshal(data, &doc, lim); err != nil {
		return Journal[T]{}, -1, bad, err
	}
	i, err := VerifyLinked(domain, doc.Records, func(r T) ([]byte, error) { return strictjson.Marshal(r) })
	if err != nil {
		return Journal[T]{}, i, doc.Records[i].Record, err
	}
	return Journal[T]{recs: doc.Records}, -1, bad, nil
}
