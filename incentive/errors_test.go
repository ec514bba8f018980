package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// errorCase is an error an entry point returned and the JSON Pointer it
// must name.
type errorCase struct {
	name string
	err  error
	path string
}

// fieldPather is how a host maps an error of any package to a form field.
type fieldPather = interface{ FieldPath() string }

// treePaths returns every field path in err's tree (Unwrap() error and
// Unwrap() []error): FieldPath of the errors that have one (strictjson's
// *Error among them).
func treePaths(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if x, ok := e.(fieldPather); ok {
			out = append(out, x.FieldPath())
		}
		switch x := e.(type) {
		case interface{ Unwrap() []error }:
			for _, c := range x.Unwrap() {
				walk(c)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return out
}

// Every error case of the package (plan documents and specs, transactions,
// facts, partials, ledger documents, clawbacks) is found by errors.As as
// an error with a field path, every path in its tree is a valid JSON
// Pointer, and the expected path is among them.
func TestErrorPathsAreJSONPointers(t *testing.T) {
	for _, c := range allErrorCases(t) {
		t.Run(c.name, func(t *testing.T) {
			if c.err == nil {
				t.Fatal("no error")
			}
			var fp fieldPather
			var se *strictjson.Error
			if !errors.As(c.err, &fp) && !errors.As(c.err, &se) {
				t.Fatalf("no error with a field path in %v", c.err)
			}
			paths := treePaths(c.err)
			for _, p := range paths {
				if !field.Valid(p) {
					t.Errorf("path %q is not a JSON Pointer (%v)", p, c.err)
				}
			}
			if !slices.Contains(paths, c.path) {
				t.Errorf("paths %q lack %q (%v)", paths, c.path, c.err)
			}
		})
	}
}

func allErrorCases(t *testing.T) []errorCase {
	var out []errorCase
	for _, c := range parsePlanRejects() {
		_, err := ParsePlan([]byte(c.doc))
		out = append(out, errorCase{"ParsePlan/" + c.name, err, c.path})
	}
	out = append(out, newPlanErrors()...)
	out = append(out, dataErrors(t)...)
	out = append(out, partialErrors(t)...)
	out = append(out, ledgerErrors()...)
	return out
}

// newPlanErrors are specs built in Go: their paths are still pointers
// into the plan's JSON form.
func newPlanErrors() []errorCase {
	good := MustParsePlan(mutate(`,"modifiers":[{"kind":"multiplier","metric":"csat","bands":[{"from":"0","factor":"1"}]}]`, "")).Spec()
	edit := func(f func(*PlanSpec)) error {
		s := good
		s.Components = []ComponentSpec{cloneComponent(good.Components[0])}
		f(&s)
		_, err := NewPlan(s)
		return err
	}
	c := func(f func(*ComponentSpec)) error { return edit(func(s *PlanSpec) { f(&s.Components[0]) }) }
	return []errorCase{
		{"NewPlan/no recipient", c(func(c *ComponentSpec) { c.Recipient = RecipientUnspecified }), "/components/0/recipient"},
		{"NewPlan/measure out of range", c(func(c *ComponentSpec) { c.Measure = 99 }), "/components/0/measure"},
		{"NewPlan/no modifier kind", c(func(c *ComponentSpec) { c.Modifiers[0].Kind = ModifierUnspecified }), "/components/0/modifiers/0/kind"},
		{"NewPlan/motion out of range", c(func(c *ComponentSpec) { c.Eligibility.Motions = []Motion{9} }), "/components/0/eligibility/motions/0"},
		{"NewPlan/no currency", edit(func(s *PlanSpec) { s.Currency = money.Currency{} }), "/currency"},
		{"NewPlan/id with control character", edit(func(s *PlanSpec) { s.ID = "a\x01" }), "/id"},
		{"NewPlan/schedule gap", c(func(c *ComponentSpec) { c.Schedule.Tiers[0].From = decimal.New(5, 0) }), "/components/0/schedule/tiers/0/from"},
		{"NewPlan/schedule mode", c(func(c *ComponentSpec) { c.Schedule.Mode = tier.ModeUnspecified }), "/components/0/schedule/mode"},
		{"NewPlan/band factor", c(func(c *ComponentSpec) { c.Modifiers[0].Bands[0].Factor = decimal.New(-1, 0) }), "/components/0/modifiers/0/bands/0/factor"},
	}
}

// dataErrors are transactions and recipient facts that evaluation and
// clawbacks reject.
func dataErrors(t *testing.T) []errorCase {
	p := MustParsePlan(ledgerPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	good := sale("ok", 3, "10.00")
	var out []errorCase
	for _, c := range badTransactions() {
		_, err := Evaluate(p, q3, nil, slices.Values([]Transaction{c.tx(good)}))
		out = append(out, errorCase{"Evaluate/" + c.name, err, c.field})
	}
	filtered := MustParsePlan(strings.Replace(ledgerPlan, `"measure":"revenue"`, `"measure":"recurring-revenue","eligibility":{"motions":["new"]}`, 1))
	noMotion, noBilling := good, good
	noMotion.Motion, noBilling.Billing = MotionUnspecified, BillingUnspecified
	_, err := Evaluate(filtered, q3, nil, slices.Values([]Transaction{noMotion}))
	out = append(out, errorCase{"Evaluate/motion needed", err, "/motion"})
	_, err = Evaluate(filtered, q3, nil, slices.Values([]Transaction{noBilling}))
	out = append(out, errorCase{"Evaluate/billing needed", err, "/billing"})
	rep := MustParsePlan(strings.Replace(ledgerPlan, `"recipient":"partner"`, `"recipient":"rep"`, 1))
	_, err = Evaluate(rep, q3, nil, slices.Values([]Transaction{good}))
	out = append(out, errorCase{"Evaluate/rep_id", err, "/rep_id"})
	_, _, err = Ledger{}.Clawback("2025-11", p, slices.Values([]Transaction{good}))
	out = append(out, errorCase{"Clawback/not a return", err, "/corrects"})
	_, _, err = Ledger{}.Clawback("2025-11", rep, slices.Values([]Transaction{ret("r", "1.00", "2025-Q3")}))
	out = append(out, errorCase{"Clawback/rep_id", err, "/rep_id"})

	// Facts, with a component ID that needs escaping in a pointer.
	facts := func(measure, mods string) Plan {
		return MustParsePlan(`{"id":"f","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
		 {"id":"a/b~c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"` + measure + `"` + mods + `,
		  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"10%"}]}}]}`)
	}
	acme := Recipient{RecipientPartner, "acme"}
	zero := Facts{acme: {Baselines: map[string]decimal.Decimal{"a/b~c": {}}}}
	for _, c := range []struct {
		name string
		p    Plan
		f    Facts
		path string
	}{
		{"no baseline", facts("growth-amount", ""), nil, "/baselines/a~1b~0c"},
		{"zero baseline", facts("growth-percent", ""), zero, "/baselines/a~1b~0c"},
		{"no quota", facts("revenue", `,"modifiers":[{"kind":"accelerator","factor":"2"}]`), nil, "/quotas/a~1b~0c"},
		{"no metric", facts("revenue", `,"modifiers":[{"kind":"multiplier","metric":"c/sat","bands":[{"from":"0","factor":"1"}]}]`), nil, "/metrics/c~1sat"},
	} {
		_, err := Evaluate(c.p, q3, c.f, slices.Values([]Transaction{good}))
		out = append(out, errorCase{"Result/" + c.name, err, c.path})
	}
	return out
}

// partialErrors are partials AddPartial rejects.
func partialErrors(t *testing.T) []errorCase {
	p := MustParsePlan(benchPlan) // retro, incr and bonus count the same revenue
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	src, _ := NewAccumulator(p, per)
	d := newBenchData()
	if err := src.AddAll(d.lines(20)); err != nil {
		t.Fatal(err)
	}
	good := src.Partial()
	add := func(f func(*Partial)) error {
		q := good
		q.Measures = slices.Clone(good.Measures)
		f(&q)
		a, _ := NewAccumulator(p, per)
		return a.AddPartial(q)
	}
	return []errorCase{
		{"AddPartial/plan", add(func(q *Partial) { q.PlanHash = "x" }), "/plan_hash"},
		{"AddPartial/period", add(func(q *Partial) { q.Period = "2025-Q4" }), "/period"},
		{"AddPartial/transactions", add(func(q *Partial) { q.Transactions = -1 }), "/transactions"},
		{"AddPartial/skipped", add(func(q *Partial) { q.Skipped = -1 }), "/skipped"},
		{"AddPartial/unknown component", add(func(q *Partial) { q.Measures[1].Component = "nope" }), "/measures/1"},
		{"AddPartial/listed twice", add(func(q *Partial) { q.Measures = append(q.Measures, q.Measures[0]) }), "/measures/" + itoa(len(good.Measures))},
		{"AddPartial/disagrees", add(func(q *Partial) { q.Measures[1].Volume = q.Measures[1].Volume.Add(decimal.New(1, -2)) }), "/measures/1"},
		{"AddPartial/member missing", add(func(q *Partial) { q.Measures = slices.Delete(q.Measures, 1, 2) }), "/measures/0"},
	}
}

func itoa(i int) string { return field.At(i)[1:] }

// ledgerErrors are ledger documents ParseLedger rejects.
func ledgerErrors() []errorCase {
	const entry = `{"kind":"settlement","run":"2025-09","window":"2025-Q3","recipient":{"kind":"partner","id":"acme"},"component":"volume","amount":"900.00","target":"900.00","measure":"90000.00"}`
	doc := func(runs, e string) string { return `{"runs":` + runs + `,"entries":[` + e + `]}` }
	cases := []struct{ name, doc, path string }{
		{"empty run", doc(`[""]`, ""), "/runs/0"},
		{"run twice", doc(`["a","a"]`, ""), "/runs/1"},
		{"no kind", doc(`["2025-09"]`, strings.Replace(entry, `"kind":"settlement",`, "", 1)), "/entries/0/kind"},
		{"no recipient kind", doc(`["2025-09"]`, strings.Replace(entry, `"kind":"partner",`, "", 1)), "/entries/0/recipient/kind"},
		{"unlisted run", doc(`["2025-10"]`, entry), "/entries/0/run"},
		{"no window", doc(`["2025-09"]`, strings.Replace(entry, `"2025-Q3"`, `""`, 1)), "/entries/0/window"},
		{"no component", doc(`["2025-09"]`, strings.Replace(entry, `"volume"`, `""`, 1)), "/entries/0/component"},
		{"unknown kind", doc(`["2025-09"]`, strings.Replace(entry, `"settlement"`, `"payment"`, 1)), "/entries/0/kind"},
		{"number for amount", doc(`["2025-09"]`, strings.Replace(entry, `"900.00"`, `900`, 1)), "/entries/0/amount"},
		{"unknown field", doc(`["2025-09"]`, strings.Replace(entry, `"run"`, `"rum":"x","run"`, 1)), "/entries/0/rum"},
	}
	var out []errorCase
	for _, c := range cases {
		_, err := ParseLedger([]byte(c.doc))
		out = append(out, errorCase{"ParseLedger/" + c.name, err, c.path})
	}
	return out
}

// The messages follow the shared shapes: "incentive: /path = "value":
// reason" for fields, with the transaction or recipient first for data,
// and the enum sentence with the valid names (expected texts by hand).
func TestErrorMessages(t *testing.T) {
	tx := &DataError{Transaction: "t1", Path: "/amount", Value: "-5.00 USD", Err: ErrData}
	fact := &DataError{Recipient: "rep:ana", Path: "/metrics/csat", Err: ErrMissingFact}
	doc := &DataError{Path: "/runs/0", Err: ErrInvalid}
	plan := &PlanError{Path: "/components/0/cap", Value: "-1", Err: ErrInvalid}
	var ee *EnumError
	_, err := ParseBilling("one_time")
	errors.As(err, &ee)
	got := []string{tx.Error(), fact.Error(), doc.Error(), plan.Error(), err.Error()}
	want := []string{
		`incentive: transaction "t1": /amount = "-5.00 USD": invalid transaction`,
		`incentive: recipient "rep:ana": /metrics/csat: missing recipient fact`,
		`incentive: /runs/0: invalid value`,
		`incentive: /components/0/cap = "-1": invalid value`,
		`incentive: unknown billing "one_time" (valid: recurring, one-time; did you mean "one-time"?)`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("messages (-want +got):\n%s", d)
	}
	if d := cmp.Diff(&EnumError{Type: "billing", Input: "one_time", Valid: []string{"recurring", "one-time"}, Suggestion: "one-time"}, ee); d != "" {
		t.Fatal(d)
	}
	if !errors.Is(err, ErrEnum) {
		t.Fatal("EnumError does not match ErrEnum")
	}
}

// checkEnum checks that T's names round-trip through MarshalText and
// parse, that the zero value and values out of range do not marshal, and
// that errors name the enumeration by its human label.
func checkEnum[T interface {
	~uint8
	MarshalText() ([]byte, error)
}](t *testing.T, label string, names []string, parse func(string) (T, error)) {
	t.Helper()
	for _, v := range []T{0, T(len(names) + 1)} {
		if _, err := v.MarshalText(); !errors.Is(err, ErrEnum) {
			t.Errorf("%s %d marshals: %v", label, v, err)
		}
	}
	for i, n := range names {
		if b, err := T(i + 1).MarshalText(); err != nil || string(b) != n {
			t.Errorf("%s %d marshals to %q, %v; want %q", label, i+1, b, err, n)
		}
		if v, err := parse(n); err != nil || v != T(i+1) {
			t.Errorf("%s: parse %q = %d, %v", label, n, v, err)
		}
	}
	_, err := parse("unspecified")
	var ee *EnumError
	if !errors.As(err, &ee) || ee.Type != label || !slices.Equal(ee.Valid, names) {
		t.Errorf("%s: parse unspecified: %#v", label, err)
	}
}

// Every enumeration round-trips its names through MarshalText, ParseX and
// UnmarshalText, rejects the zero value and values out of range, and
// names itself with a human label (never a Go type name) in errors.
func TestEnumsRoundTrip(t *testing.T) {
	checkEnum(t, "recipient kind", []string{"partner", "rep"}, ParseRecipientKind)
	checkEnum(t, "measure", []string{"revenue", "units", "recurring-revenue", "growth-amount", "growth-percent", "events"}, ParseMeasureKind)
	checkEnum(t, "motion", []string{"new", "renewal", "expansion"}, ParseMotion)
	checkEnum(t, "billing", []string{"recurring", "one-time"}, ParseBilling)
	checkEnum(t, "transaction kind", []string{"sale", "credit-note", "return", "event"}, ParseKind)
	checkEnum(t, "modifier kind", []string{"multiplier", "accelerator", "gate"}, ParseModifierKind)
	checkEnum(t, "limit kind", []string{"component-floor", "component-cap", "component-budget-pro-rata", "component-budget-first-come", "recipient-cap", "budget"}, ParseLimitKind)
	checkEnum(t, "exhaustion rule", []string{"pro-rata", "first-come"}, ParseExhaustion)
	checkEnum(t, "entry kind", []string{"accrual", "settlement", "clawback", "draw", "draw-recovery", "draw-forgiveness", "draw-end"}, ParseEntryKind)
	checkEnum(t, "draw kind", []string{"recoverable", "non-recoverable"}, ParseDrawKind)
	// UnmarshalText leaves the receiver unchanged on failure.
	m := Renewal
	if err := m.UnmarshalText([]byte("churn")); !errors.Is(err, ErrEnum) || m != Renewal {
		t.Fatalf("UnmarshalText: %v, %v", m, err)
	}
}

// A Transaction's JSON form has the snake_case keys that DataError paths
// name, and round-trips.
func TestTransactionJSON(t *testing.T) {
	tx := Transaction{ID: "s1", Date: time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), Kind: CreditNote, PartnerID: "acme",
		RepID: "ana", Amount: money.MustParse("-10.00 USD"), Units: decimal.New(-2, 0), Motion: Renewal, Corrects: "2025-Q2"}
	b, err := strictjson.Marshal(tx)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"id":"s1","date":"2025-07-03T00:00:00Z","kind":"credit-note","partner_id":"acme","rep_id":"ana","amount":"-10.00 USD","units":"-2","motion":"renewal","corrects":"2025-Q2"}`
	if d := cmp.Diff(want, string(b)); d != "" {
		t.Fatal(d)
	}
	var back Transaction
	if err := strictjson.Unmarshal(b, &back, strictjson.Limits{}); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(tx, back); d != "" { // Amount, Units and Date compare with their Equal
		t.Fatal(d)
	}
}
