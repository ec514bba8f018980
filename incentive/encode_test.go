package incentive

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// plainTrace has Trace's fields and tags but no methods: the reflection
// encoder writes it as Trace was written before its MarshalJSONTo wrote
// the fields itself.
type plainTrace Trace

// refLineJSON is Line's encoding as the reflection encoder wrote it.
func refLineJSON(l Line) ([]byte, error) {
	type lineJSON struct {
		Recipient Recipient       `json:"recipient"`
		Component string          `json:"component"`
		Version   string          `json:"version"`
		Period    string          `json:"period"`
		Measure   decimal.Decimal `json:"measure"`
		Amount    decimal.Decimal `json:"amount"`
		Sentence  string          `json:"sentence"`
		Trace     plainTrace      `json:"trace"`
	}
	t := l.Trace()
	return strictjson.Marshal(lineJSON{l.Recipient(), l.Component(), l.Version(), l.Period(), l.Measure(), l.Amount(), t.Sentence(), plainTrace(t)})
}

// sameJSON fails t unless got and want are the same bytes, or the same
// error.
func sameJSON(t *rapid.T, what string, got []byte, gerr error, want []byte, werr error) {
	t.Helper()
	if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
		t.Fatalf("%s: error %v, reflection encoder %v", what, gerr, werr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// Line and Trace write exactly what the reflection encoder wrote for their
// fields, on lines of every kind of plan (modifiers, gates, limits,
// budgets, teams, attainment, overlays) and on traces with fields zeroed
// or set at random (every omitzero member present and absent, empty
// slices, decimals out of range: the same error).
func TestPropTraceEncodingAsReflection(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genAnyOpts(t))
		r, err := Evaluate(p, genPeriod, genFacts(), slices.Values(genTxs(t, p.Currency(), 12)))
		if err != nil {
			return // a generated team nobody contributed to
		}
		for _, l := range r.Lines {
			got, gerr := l.MarshalJSON()
			want, werr := refLineJSON(l)
			sameJSON(t, "line", got, gerr, want, werr)
			w := fieldWriter{first: true}
			l.writeTo(&w)
			appendedAsWant(t, "line", w, want, werr)
		}
		if len(r.Lines) == 0 {
			return
		}
		tr := r.Lines[rapid.IntRange(0, len(r.Lines)-1).Draw(t, "line")].Trace()
		mutateTrace(t, &tr)
		got, gerr := tr.MarshalJSON()
		want, werr := strictjson.Marshal(plainTrace(tr))
		sameJSON(t, "trace", got, gerr, want, werr)
		w := fieldWriter{first: true}
		tr.writeTo(&w)
		appendedAsWant(t, "trace", w, want, werr)
	})
}

// appendedAsWant fails t unless w, which appended an encoding without an
// Encoder, either gave up with an error (the caller then takes the
// Encoder) or wrote exactly what the reflection encoder wrote without one.
func appendedAsWant(t *rapid.T, what string, w fieldWriter, want []byte, werr error) {
	t.Helper()
	if w.err != nil {
		return
	}
	if werr != nil {
		t.Fatalf("%s appended without error, but the reflection encoder refuses it: %v\n%s", what, werr, w.b)
	}
	if !bytes.Equal(w.b, want) {
		t.Fatalf("%s appended:\n got %s\nwant %s", what, w.b, want)
	}
}

// refResultJSON is Result's encoding by the reflection encoder, each line
// as refLineJSON writes it.
func refResultJSON(r Result) ([]byte, error) {
	lines := []json.RawMessage{}
	for _, l := range r.Lines {
		b, err := refLineJSON(l)
		if err != nil {
			return nil, err
		}
		lines = append(lines, b)
	}
	type resultJSON struct {
		Plan         string            `json:"plan"`
		PlanVersion  string            `json:"plan_version"`
		PlanHash     string            `json:"plan_hash"`
		Period       string            `json:"period"`
		Currency     money.Currency    `json:"currency"`
		Transactions int64             `json:"transactions"`
		Skipped      int64             `json:"skipped"`
		Total        decimal.Decimal   `json:"total"`
		Lines        []json.RawMessage `json:"lines"`
	}
	return strictjson.Marshal(resultJSON{r.Plan, r.PlanVersion, r.PlanHash, r.Period.ID, r.Currency, r.Transactions, r.Skipped, r.Total(), lines})
}

// TestPropResultEncodingAsReflection: Result.MarshalJSON, which appends
// the document without an Encoder, writes what the reflection encoder
// writes, on results of every kind of plan, some with a line changed so
// that appending must give up (a text that is not valid UTF-8, a measure
// out of range, an empty period ID): then MarshalJSON fails as
// marshalStrict does, and both fail where the reflection encoder does.
// Both paths must be taken.
func TestPropResultEncodingAsReflection(t *testing.T) {
	t.Parallel()
	var appended, strict int
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genAnyOpts(t))
		r, err := Evaluate(p, genPeriod, genFacts(), slices.Values(genTxs(t, p.Currency(), 12)))
		if err != nil {
			return
		}
		if len(r.Lines) > 0 && rapid.IntRange(0, 3).Draw(t, "change a line") == 0 {
			r.Lines = slices.Clone(r.Lines)
			i := rapid.IntRange(0, len(r.Lines)-1).Draw(t, "line")
			l, lc := ownCopy(r.Lines[i])
			switch rapid.IntRange(0, 2).Draw(t, "change") {
			case 0:
				c := *lc.comp
				c.spec.ID += "\xff"
				lc.comp = &c
			case 1:
				lc.measure = numOf(decimal.New(1, money.MaxExponent+1))
			default:
				l.id = "p\u2028\"x"
			}
			r.Lines[i] = l
		}
		got, gerr := r.MarshalJSON()
		strictGot, serr := r.marshalStrict()
		sameJSON(t, "result against marshalStrict", got, gerr, strictGot, serr)
		want, werr := refResultJSON(r)
		if (gerr == nil) != (werr == nil) || gerr == nil && !bytes.Equal(got, want) {
			t.Fatalf("result: error %v, reflection encoder %v\n got %s\nwant %s", gerr, werr, got, want)
		}
		w := fieldWriter{first: true}
		r.writeTo(&w)
		if w.err == nil {
			appended++
		} else {
			strict++
		}
	})
	if appended == 0 || strict == 0 {
		t.Errorf("%d results appended, %d through strictjson: both paths must be taken", appended, strict)
	}
}

// mutateTrace zeroes or sets some of tr's fields.
func mutateTrace(t *rapid.T, tr *Trace) {
	d := func(label string) decimal.Decimal {
		switch rapid.IntRange(0, 4).Draw(t, label) {
		case 0:
			return decimal.Decimal{}
		case 1:
			return decimal.New(0, -2) // zero at a scale: omitted as zero
		case 2:
			return decimal.New(rapid.Int64().Draw(t, label+" v"), rapid.Int32Range(-30, 30).Draw(t, label+" e"))
		case 3:
			// In the range, but its text is 80 bytes or more: read back
			// (ParseDecimal refuses 81 and more).
			return decimal.New(rapid.SampledFrom([]int64{1, -1}).Draw(t, label+" sign"), rapid.Int32Range(-80, -77).Draw(t, label+" e"))
		default:
			return decimal.New(1, 1<<20) // outside the operating range
		}
	}
	s := func(label string) string { return rapid.SampledFrom([]string{"", "x", "é\"\\<"}).Draw(t, label) }
	switch rapid.IntRange(0, 9).Draw(t, "field") {
	case 0:
		tr.ComponentName, tr.PeriodLabel, tr.Team = s("name"), s("label"), s("team")
	case 1:
		tr.Overlay, tr.HasBaseline, tr.PerUnit, tr.RatesAbove100 = rapid.Bool().Draw(t, "b1"), rapid.Bool().Draw(t, "b2"), rapid.Bool().Draw(t, "b3"), rapid.Bool().Draw(t, "b4")
	case 2:
		tr.Volume, tr.Baseline, tr.Base, tr.Threshold = d("volume"), d("baseline"), d("base"), d("threshold")
	case 3:
		tr.Held, tr.TeamAward, tr.ShareWeight, tr.ShareTotal, tr.TeamShare, tr.Own = d("held"), d("award"), d("weight"), d("total"), d("share"), d("own")
	case 4:
		tr.Portions = []tier.Portion{{Tier: 2, From: d("from"), To: d("to"), Unbounded: rapid.Bool().Draw(t, "unbounded"), Volume: d("pv"),
			Rate: money.RateFromFraction(decimal.New(15, -3)), Flat: d("flat"), Payout: d("payout")}}
	case 5:
		tr.Portions, tr.Modifiers, tr.Limits, tr.Gates, tr.Attainment = []tier.Portion{}, []ModifierStep{}, []LimitStep{}, []GateStep{}, []AttainmentStep{}
	case 6:
		tr.Limits = append(tr.Limits, LimitStep{Kind: RecipientCap, Limit: d("limit"), Before: d("before"), After: d("after")})
		tr.Modifiers = append(tr.Modifiers, ModifierStep{Kind: Multiplier, Metric: s("metric"), Value: d("mv"), Factor: d("mf"), Before: d("mb"), After: d("ma")})
	case 7:
		tr.ContractValue = ContractValue(rapid.IntRange(0, 2).Draw(t, "contract value"))
		tr.ShareRule = ShareRule(rapid.IntRange(0, 2).Draw(t, "share rule"))
	case 8:
		tr.Exact, tr.Rounded, tr.Amount, tr.SchedulePayout = d("exact"), d("rounded"), d("amount"), d("schedule payout")
		tr.Transactions, tr.Tier, tr.Tiers, tr.Places = rapid.Int64().Draw(t, "txs"), rapid.Int().Draw(t, "tier"), rapid.Int().Draw(t, "tiers"), rapid.Int32().Draw(t, "places")
	default:
		*tr = Trace{}
	}
}
