package chain

// Linked is a record as a journal stores it: the record's members
// embedded (in a JSON document, beside prev and hash; T must be a struct
// without members of those names), then its link.
type Linked[T any] struct {
	Record T      `json:",embed"`
	Prev   string `json:"prev"`
	Hash   string `json:"hash"`
}

// Append returns recs with rec linked after the last of them; content is
// rec's canonical encoding. recs is not modified.
func Append[T any](domain string, recs []Linked[T], rec T, content []byte) []Linked[T] {
	prev := ""
	if n := len(recs); n > 0 {
		prev = recs[n-1].Hash
	}
	out := make([]Linked[T], len(recs), len(recs)+1)
	copy(out, recs)
	return append(out, Linked[T]{Record: rec, Prev: prev, Hash: Hash(domain, prev, content)})
}

// VerifyLinked is Verify over stored records, content being each record's
// canonical encoding.
func VerifyLinked[T any](domain string, recs []Linked[T], content func(T) ([]byte, error)) (int, error) {
	links := make([]Link, len(recs))
	for i, r := range recs {
		links[i] = Link{Prev: r.Prev, Hash: r.Hash}
	}
	return Verify(domain, links, func(i int, h Hasher) error {
		b, err := content(recs[i].Record)
		if err != nil {
			return err
		}
		_, err = h.Write(b)
		return err
	})
}

// Head returns the hash of the last record ("" for none).
func Head[T any](recs []Linked[T]) string {
	if len(recs) == 0 {
		return ""
	}
	return recs[len(recs)-1].Hash
}
