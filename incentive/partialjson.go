package incentive

import (
	"bytes"
	"strconv"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/partnerecon/partnerecon/money"
)

// A partial document is written and read by hand in its canonical form
// (what MarshalJSON writes: members in order, no white space) and through
// strictjson otherwise. The hand-written paths only take the common case
// and hand everything else to strictjson, so every error, and every
// document in another form, is strictjson's: appendPartial gives up on
// claims, an invalid recipient kind, a string that is not valid UTF-8 and
// a volume strictjson would refuse (appendString, appendDecimal: what
// fieldWriter writes a Result with); readCanonicalPartial
// gives up on anything but the canonical form with unescaped strings and
// values strictjson would read the same.

// appendPartial appends p's JSON as strictjson.Marshal writes it, or
// reports false, having written part of it, where strictjson must write
// it or say why not.
func appendPartial(b []byte, p Partial) ([]byte, bool) {
	if p.Claims != nil {
		return b, false
	}
	var err error
	b = append(b, `{"plan_hash":`...)
	if b, err = appendString(b, p.PlanHash); err != nil {
		return b, false
	}
	b = append(b, `,"period":`...)
	if b, err = appendString(b, p.Period); err != nil {
		return b, false
	}
	for _, f := range [...]struct {
		key string
		t   time.Time
	}{{`,"period_from":"`, p.PeriodFrom}, {`,"period_until":"`, p.PeriodUntil}} {
		if f.t.IsZero() {
			continue
		}
		if !canonicalTime(f.t) {
			return b, false // strictjson writes it, or says why not
		}
		b = append(b, f.key...)
		b = f.t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, '"')
	}
	b = append(b, `,"transactions":`...)
	b = strconv.AppendInt(b, p.Transactions, 10)
	b = append(b, `,"skipped":`...)
	b = strconv.AppendInt(b, p.Skipped, 10)
	b = append(b, `,"measures":[`...)
	for i, m := range p.Measures {
		if i > 0 {
			b = append(b, ',')
		}
		if !m.Recipient.Kind.IsValid() {
			return b, false
		}
		b = append(b, `{"recipient":{"kind":"`...)
		b = append(b, m.Recipient.Kind.String()...)
		b = append(b, `","id":`...)
		if b, err = appendString(b, m.Recipient.ID); err != nil {
			return b, false
		}
		b = append(b, `},"component":`...)
		if b, err = appendString(b, m.Component); err != nil {
			return b, false
		}
		b = append(b, `,"version":`...)
		if b, err = appendString(b, m.Version); err != nil {
			return b, false
		}
		b = append(b, `,"volume":`...)
		var err error
		if b, err = appendDecimal(b, m.Volume); err != nil {
			return b, false
		}
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, m.Count, 10)
		b = append(b, '}')
	}
	return append(b, "]}"...), true
}

// appendString appends s quoted as the JSON encoder writes it: as it is
// when plain (plainText), else through jsontext.AppendQuote, which
// escapes as the Encoder does and fails on text that is not valid UTF-8.
func appendString(b []byte, s string) ([]byte, error) {
	if plainText(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"'), nil
	}
	return jsontext.AppendQuote(b, s)
}

// plainText reports whether s is printable ASCII without a quote or
// backslash, which a JSON string holds as it is (plainString's bytes).
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// partialReader reads a partial document in its canonical form.
type partialReader struct {
	data []byte
	pos  int
	ok   bool // false once the document is not in the form read here
}

// lit consumes s.
func (r *partialReader) lit(s string) {
	if r.ok && bytes.HasPrefix(r.data[r.pos:], []byte(s)) {
		r.pos += len(s)
		return
	}
	r.ok = false
}

// str consumes a quoted string of printable ASCII without escapes and
// returns its text (valid until data changes).
func (r *partialReader) str() []byte {
	if !r.ok || r.pos >= len(r.data) || r.data[r.pos] != '"' {
		r.ok = false
		return nil
	}
	rest := r.data[r.pos+1:]
	end, ok := plainString(rest)
	if !ok {
		r.ok = false
		return nil
	}
	r.pos += end + 2
	return rest[:end]
}

// int consumes an integer written as strconv.AppendInt writes it.
func (r *partialReader) int() int64 {
	if !r.ok {
		return 0
	}
	end := r.pos
	for end < len(r.data) && (r.data[end] == '-' || '0' <= r.data[end] && r.data[end] <= '9') {
		end++
	}
	text := r.data[r.pos:end]
	v, err := strconv.ParseInt(string(text), 10, 64)
	if err != nil || !bytes.Equal(strconv.AppendInt(make([]byte, 0, 20), v, 10), text) {
		r.ok = false
		return 0
	}
	r.pos = end
	return v
}

// canonicalTime reports whether t is a time the canonical form holds: in
// UTC (written with "Z"), of a year 1 to 9999. Others are left to
// strictjson, which writes or reads them, or says why not.
func canonicalTime(t time.Time) bool {
	return t.Location() == time.UTC && t.Year() >= 1 && t.Year() <= 9999
}

// readCanonicalPartial reads data if it is a partial document in the
// canonical form appendPartial writes (optionally followed by white
// space), with strings of printable ASCII without escapes and values
// ParsePartial reads the same; it reports false, and ParsePartial reads
// data, otherwise.
func readCanonicalPartial(data []byte) (Partial, bool) {
	// A partial with claims (which a plain string cannot spell, quotes
	// included) is left to strictjson before any measure is read.
	if len(data) > MaxPartialBytes || bytes.Contains(data, []byte(`"claims":`)) {
		return Partial{}, false
	}
	r := partialReader{data: data, ok: true}
	var p Partial
	r.lit(`{"plan_hash":`)
	p.PlanHash = string(r.str())
	r.lit(`,"period":`)
	p.Period = string(r.str())
	for _, f := range [...]struct {
		key string
		t   *time.Time
	}{{`,"period_from":`, &p.PeriodFrom}, {`,"period_until":`, &p.PeriodUntil}} {
		if !bytes.HasPrefix(r.data[min(r.pos, len(r.data)):], []byte(f.key)) {
			continue // written before the period's dates were recorded
		}
		r.lit(f.key)
		text := string(r.str())
		t, err := time.Parse(time.RFC3339Nano, text)
		if err != nil || t.IsZero() || !canonicalTime(t) || t.Format(time.RFC3339Nano) != text {
			return Partial{}, false // strictjson reads it, or says why not
		}
		*f.t = t
	}
	r.lit(`,"transactions":`)
	p.Transactions = r.int()
	r.lit(`,"skipped":`)
	p.Skipped = r.int()
	r.lit(`,"measures":[`)
	if !r.ok {
		return Partial{}, false // before making room for the measures
	}
	// Room for the measures, which each name their recipient and take
	// minMeasureBytes at least (so that a document that only repeats the
	// name gets no more room than a canonical one of its size).
	p.Measures = make([]PartialMeasure, 0, min(bytes.Count(data, []byte(`{"recipient":`)), len(data)/minMeasureBytes))
	var last PartialMeasure // its strings are reused by the next measure when equal
	for r.ok && r.pos < len(r.data) && r.data[r.pos] != ']' {
		if len(p.Measures) > 0 {
			r.lit(",")
		}
		var m PartialMeasure
		r.lit(`{"recipient":{"kind":`)
		if err := m.Recipient.Kind.UnmarshalText(r.str()); err != nil {
			return Partial{}, false
		}
		r.lit(`,"id":`)
		m.Recipient.ID = reuse(r.str(), last.Recipient.ID)
		r.lit(`},"component":`)
		m.Component = reuse(r.str(), last.Component)
		r.lit(`,"version":`)
		m.Version = reuse(r.str(), last.Version)
		r.lit(`,"volume":`)
		v := r.str()
		if !r.ok {
			return Partial{}, false
		}
		var err error
		if m.Volume, err = money.ParseDecimal(string(v)); err != nil {
			return Partial{}, false
		}
		r.lit(`,"count":`)
		m.Count = r.int()
		r.lit("}")
		p.Measures = append(p.Measures, m)
		last = m
	}
	r.lit("]}")
	if !r.ok {
		return Partial{}, false
	}
	for _, c := range r.data[r.pos:] {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return Partial{}, false
		}
	}
	return p, true
}

// minMeasureBytes is the length of the shortest measure in the canonical
// form, with empty texts.
const minMeasureBytes = len(`{"recipient":{"kind":"rep","id":""},"component":"","version":"","volume":"0","count":0}`)

// reuse returns prev if it spells b, else string(b).
func reuse(b []byte, prev string) string {
	if string(b) == prev {
		return prev
	}
	return string(b)
}
