package incentive

import (
	"encoding"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/strictjson"
)

// fieldWriter writes an object's members as the reflection encoder of
// strictjson.MarshalEncode writes a struct's tagged fields (in order,
// omitzero by the field's IsZero or Go zero value), keeping the first
// error: for the types encoded once per line (Line, Trace), where the
// reflection encoder's own work was a large part of a result's encoding.
type fieldWriter struct {
	enc *jsontext.Encoder
	err error
}

func (w *fieldWriter) token(t jsontext.Token) {
	if w.err == nil {
		w.err = w.enc.WriteToken(t)
	}
}

func (w *fieldWriter) str(name, v string) {
	w.token(jsontext.String(name))
	w.token(jsontext.String(v))
}

func (w *fieldWriter) strOmit(name, v string) {
	if v != "" {
		w.str(name, v)
	}
}

func (w *fieldWriter) int(name string, v int64) {
	w.token(jsontext.String(name))
	w.token(jsontext.Int(v))
}

func (w *fieldWriter) boolOmit(name string, v bool) {
	if v {
		w.token(jsontext.String(name))
		w.token(jsontext.True)
	}
}

func (w *fieldWriter) dec(name string, d decimal.Decimal) {
	w.token(jsontext.String(name))
	if w.err == nil {
		w.err = strictjson.EncodeDecimal(w.enc, d)
	}
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
	w.token(jsontext.String(name))
	if w.err != nil {
		return
	}
	b, err := m.MarshalText()
	if err != nil {
		w.err = err
		return
	}
	w.token(jsontext.String(string(b)))
}

// value writes a member through the reflection encoder.
func (w *fieldWriter) value(name string, v any) {
	w.token(jsontext.String(name))
	if w.err == nil {
		w.err = strictjson.MarshalEncode(w.enc, v)
	}
}

func (w *fieldWriter) recipient(name string, r Recipient) {
	w.token(jsontext.String(name))
	w.token(jsontext.BeginObject)
	w.text("kind", r.Kind)
	w.str("id", r.ID)
	w.token(jsontext.EndObject)
}

// MarshalJSONTo writes MarshalJSON's encoding to enc, inside a document
// (a Line, a Result) encoded and checked once.
func (t Trace) MarshalJSONTo(enc *jsontext.Encoder) error {
	w := fieldWriter{enc: enc}
	w.token(jsontext.BeginObject)
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
		w.token(jsontext.String("portions"))
		w.token(jsontext.BeginArray)
		for _, p := range t.Portions {
			w.token(jsontext.BeginObject)
			w.int("tier", int64(p.Tier))
			w.dec("from", p.From)
			w.decOmit("to", p.To)
			w.boolOmit("unbounded", p.Unbounded)
			w.dec("volume", p.Volume)
			w.text("rate", p.Rate)
			w.decOmit("flat", p.Flat)
			w.dec("payout", p.Payout)
			w.token(jsontext.EndObject)
		}
		w.token(jsontext.EndArray)
	}
	w.dec("schedule_payout", t.SchedulePayout)
	if t.Modifiers != nil {
		w.value("modifiers", t.Modifiers)
	}
	if t.Limits != nil {
		w.token(jsontext.String("limits"))
		w.token(jsontext.BeginArray)
		for _, s := range t.Limits {
			w.token(jsontext.BeginObject)
			w.text("kind", s.Kind)
			w.dec("limit", s.Limit)
			w.dec("before", s.Before)
			w.dec("after", s.After)
			w.token(jsontext.EndObject)
		}
		w.token(jsontext.EndArray)
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
	w.token(jsontext.EndObject)
	return w.err
}

// MarshalJSONTo writes MarshalJSON's encoding to enc, inside a document
// (a Result) encoded and checked once.
func (l Line) MarshalJSONTo(enc *jsontext.Encoder) error {
	t := l.Trace()
	w := fieldWriter{enc: enc}
	w.token(jsontext.BeginObject)
	w.recipient("recipient", l.Recipient)
	w.str("component", l.Component)
	w.str("version", l.Version)
	w.str("period", l.Period)
	w.dec("measure", l.Measure)
	w.dec("amount", l.Amount)
	w.str("sentence", t.Sentence())
	w.token(jsontext.String("trace"))
	if w.err == nil {
		w.err = t.MarshalJSONTo(enc)
	}
	w.token(jsontext.EndObject)
	return w.err
}
