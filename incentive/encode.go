package incentive

import (
	"bytes"
	"encoding"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// fieldWriter writes an object's members as the reflection encoder of
// strictjson.MarshalEncode writes a struct's tagged fields (in order,
// omitzero by the field's IsZero or Go zero value), keeping the first
// error: for the types encoded once per line (Line, Trace), where the
// reflection encoder's own work was a large part of a result's encoding.
// It writes tokens to enc or, with enc nil, appends the same bytes to b
// (the MarshalJSON methods of Result, Line and Trace, which write their
// document without an Encoder; an error there sends the document to the
// Encoder path, which words it).
type fieldWriter struct {
	enc *jsontext.Encoder
	b   []byte
	// first reports that the next member or element is the first of its
	// object or array (appending: no comma before it).
	first bool
	err   error
}

func (w *fieldWriter) token(t jsontext.Token) {
	if w.err == nil {
		w.err = w.enc.WriteToken(t)
	}
}

// name writes a member name (plain ASCII, as every name here is).
func (w *fieldWriter) name(n string) {
	if w.enc != nil {
		w.token(jsontext.String(n))
		return
	}
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, n...)
	w.b = append(w.b, '"', ':')
	w.first = false
}

// elem starts an element of an array.
func (w *fieldWriter) elem() {
	if w.enc == nil {
		if !w.first {
			w.b = append(w.b, ',')
		}
		w.first = false
	}
}

// open and close write an object's braces, or an array's brackets.
func (w *fieldWriter) open(array bool) {
	if array {
		w.delim(jsontext.BeginArray, '[', true)
	} else {
		w.delim(jsontext.BeginObject, '{', true)
	}
}

func (w *fieldWriter) close(array bool) {
	if array {
		w.delim(jsontext.EndArray, ']', false)
	} else {
		w.delim(jsontext.EndObject, '}', false)
	}
}

// delim writes the delimiter t (c, appending); opens reports that it
// opens an object or array, whose next member or element is its first.
func (w *fieldWriter) delim(t jsontext.Token, c byte, opens bool) {
	if w.enc != nil {
		w.token(t)
		return
	}
	w.b = append(w.b, c)
	w.first = opens
}

// quoted writes v as a JSON string.
func (w *fieldWriter) quoted(v string) {
	switch {
	case w.enc != nil:
		w.token(jsontext.String(v))
	case w.err == nil:
		w.b, w.err = appendString(w.b, v)
	}
}

func (w *fieldWriter) str(name, v string) {
	w.name(name)
	w.quoted(v)
}

func (w *fieldWriter) strOmit(name, v string) {
	if v != "" {
		w.str(name, v)
	}
}

func (w *fieldWriter) int(name string, v int64) {
	w.name(name)
	if w.enc != nil {
		w.token(jsontext.Int(v))
		return
	}
	w.b = strconv.AppendInt(w.b, v, 10)
}

func (w *fieldWriter) boolOmit(name string, v bool) {
	if v {
		w.name(name)
		if w.enc != nil {
			w.token(jsontext.True)
			return
		}
		w.b = append(w.b, "true"...)
	}
}

func (w *fieldWriter) dec(name string, d decimal.Decimal) {
	w.name(name)
	if w.err != nil {
		return
	}
	if w.enc != nil {
		w.err = strictjson.EncodeDecimal(w.enc, d)
		return
	}
	w.b, w.err = appendDecimal(w.b, d)
}

func (w *fieldWriter) decOmit(name string, d decimal.Decimal) {
	if !d.IsZero() {
		w.dec(name, d)
	}
}

// text writes m's text as a JSON string: what the reflection encoder
// writes for the enums and currency, and for a money.Rate, whose
// MarshalJSON quotes the same plain ASCII text.
func (w *fieldWriter) text(name string, m encoding.TextMarshaler) {
	w.name(name)
	if w.err != nil {
		return
	}
	b, err := m.MarshalText()
	if err != nil {
		w.err = err
		return
	}
	w.quoted(string(b))
}

// value writes a member through the reflection encoder. (Appending, the
// value is not checked for null as strictjson.Marshal checks a document:
// the members written here, modifier, gate and attainment steps, hold no
// value the encoder writes as null; TestPropResultEncodingAsReflection
// would fail if one did.)
func (w *fieldWriter) value(name string, v any) {
	w.name(name)
	if w.err != nil {
		return
	}
	if w.enc != nil {
		w.err = strictjson.MarshalEncode(w.enc, v)
		return
	}
	var buf bytes.Buffer
	if w.err = strictjson.MarshalEncode(jsontext.NewEncoder(&buf), v); w.err != nil {
		return
	}
	w.b = append(w.b, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...) // the Encoder ends a top-level value with a line feed
}

func (w *fieldWriter) recipient(name string, r Recipient) {
	w.name(name)
	w.open(false)
	if r.Kind.IsValid() {
		w.str("kind", r.Kind.String()) // MarshalText's name, without its allocation
	} else {
		w.text("kind", r.Kind) // its error
	}
	w.str("id", r.ID)
	w.close(false)
}

// appendDecimal appends d as strictjson writes a decimal (a JSON string in
// plain notation), or returns the error strictjson.EncodeDecimal returns
// (d outside money's operating range, or text too long to be read back).
func appendDecimal(b []byte, d decimal.Decimal) ([]byte, error) {
	if err := money.CheckRange("decimal", d); err != nil {
		return b, err
	}
	s := money.FormatDecimal(d, 0)
	if len(s) > money.MaxTextLen {
		if _, err := money.ParseDecimal(s); err != nil {
			return b, err
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// MarshalJSONTo writes MarshalJSON's encoding to enc, inside a document
// (a Line, a Result) encoded and checked once.
func (t Trace) MarshalJSONTo(enc *jsontext.Encoder) error {
	w := fieldWriter{enc: enc}
	t.writeTo(&w)
	return w.err
}

// writeTo writes t's object.
func (t Trace) writeTo(w *fieldWriter) {
	w.open(false)
	w.str("plan", t.Plan)
	w.str("plan_version", t.PlanVersion)
	w.str("plan_hash", t.PlanHash)
	w.str("component", t.Component)
	w.strOmit("component_name", t.ComponentName)
	w.str("component_version", t.ComponentVersion)
	w.str("component_hash", t.ComponentHash)
	w.recipient("recipient", t.Recipient)
	w.str("period", t.Period)
	w.strOmit("period_label", t.PeriodLabel)
	w.text("currency", t.Currency)
	w.text("measure", t.Measure)
	w.boolOmit("overlay", t.Overlay)
	w.int("transactions", t.Transactions)
	w.dec("volume", t.Volume)
	w.boolOmit("has_baseline", t.HasBaseline)
	w.dec("baseline", t.Baseline)
	w.dec("base", t.Base)
	w.text("mode", t.Mode)
	w.text("boundary", t.Boundary)
	w.int("tier", int64(t.Tier))
	w.int("tiers", int64(t.Tiers))
	w.text("rate", t.Rate)
	w.boolOmit("per_unit", t.PerUnit)
	w.boolOmit("rates_above_100_percent", t.RatesAbove100)
	w.dec("threshold", t.Threshold)
	if t.Portions != nil {
		w.name("portions")
		w.open(true)
		for _, p := range t.Portions {
			w.elem()
			w.open(false)
			w.int("tier", int64(p.Tier))
			w.dec("from", p.From)
			w.decOmit("to", p.To)
			w.boolOmit("unbounded", p.Unbounded)
			w.dec("volume", p.Volume)
			w.text("rate", p.Rate)
			w.decOmit("flat", p.Flat)
			w.dec("payout", p.Payout)
			w.close(false)
		}
		w.close(true)
	}
	w.dec("schedule_payout", t.SchedulePayout)
	if t.Modifiers != nil {
		w.value("modifiers", t.Modifiers)
	}
	if t.Limits != nil {
		w.name("limits")
		w.open(true)
		for _, s := range t.Limits {
			w.elem()
			w.open(false)
			w.text("kind", s.Kind)
			w.dec("limit", s.Limit)
			w.dec("before", s.Before)
			w.dec("after", s.After)
			w.close(false)
		}
		w.close(true)
	}
	w.dec("exact", t.Exact)
	w.text("rounding", t.Rounding)
	w.int("places", int64(t.Places))
	w.dec("rounded", t.Rounded)
	w.dec("amount", t.Amount)
	if t.Gates != nil {
		w.value("gates", t.Gates)
	}
	w.decOmit("held", t.Held)
	if t.ContractValue != 0 {
		w.text("contract_value", t.ContractValue)
	}
	w.strOmit("team", t.Team)
	if t.Attainment != nil {
		w.value("attainment", t.Attainment)
	}
	if t.ShareRule != 0 {
		w.text("share_rule", t.ShareRule)
	}
	w.decOmit("team_award", t.TeamAward)
	w.decOmit("share_weight", t.ShareWeight)
	w.decOmit("share_total", t.ShareTotal)
	w.decOmit("team_share", t.TeamShare)
	w.decOmit("own", t.Own)
	w.close(false)
}

// MarshalJSONTo writes MarshalJSON's encoding to enc, inside a document
// (a Result) encoded and checked once.
func (l Line) MarshalJSONTo(enc *jsontext.Encoder) error {
	w := fieldWriter{enc: enc}
	l.writeTo(&w)
	return w.err
}

// writeTo writes l's object, its trace included.
func (l Line) writeTo(w *fieldWriter) {
	t := l.Trace()
	w.open(false)
	w.recipient("recipient", l.Recipient())
	w.str("component", l.Component())
	w.str("version", l.Version())
	w.str("period", l.Period())
	w.dec("measure", l.Measure())
	w.dec("amount", l.Amount())
	w.str("sentence", t.Sentence())
	w.name("trace")
	t.writeTo(w)
	w.close(false)
}
