package conformance_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/margin"
	"github.com/partnerecon/partnerecon/money"
)

// The margin operations: identities between margin and markup, gross-up,
// cost-plus with margin guards, and stacked margins and markups.

// errorOut is an expected failure: the sentinel's name and the JSON
// Pointer of the member at fault.
type errorOut struct {
	Kind string `json:"kind"`
	Path string `json:"path"`
}

// priceOut is a price, or the failure expected instead.
type priceOut struct {
	Price string    `json:"price,omitempty"`
	Error *errorOut `json:"error,omitempty"`
}

// marginErrors names the sentinels a vector may expect.
var marginErrors = map[string]error{
	"invalid":     margin.ErrInvalid,
	"no-solution": margin.ErrNoSolution,
	"range":       margin.ErrRange,
}

// checkError reports whether err is the expected failure (want non-nil)
// or fails the test on an unexpected error; it returns true when the
// vector ends here.
func checkError(t *testing.T, err error, want *errorOut) bool {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatal(err)
		}
		return false
	}
	sentinel, ok := marginErrors[want.Kind]
	if !ok {
		t.Fatalf("unknown error kind %q", want.Kind)
	}
	var fp interface{ FieldPath() string }
	switch {
	case err == nil:
		t.Errorf("no error, want %s at %q", want.Kind, want.Path)
	case !errors.Is(err, sentinel):
		t.Errorf("error %v, want %s", err, want.Kind)
	case !errors.As(err, &fp) || fp.FieldPath() != want.Path:
		t.Errorf("error %v, want it at %q", err, want.Path)
	}
	return true
}

func rate(t *testing.T, s string) money.Rate {
	t.Helper()
	r, err := money.ParseRate(s)
	if err != nil {
		t.Fatalf("rate %q: %v", s, err)
	}
	return r
}

func mode(t *testing.T, s string) money.RoundingMode {
	t.Helper()
	var m money.RoundingMode
	if err := m.UnmarshalText([]byte(s)); err != nil {
		t.Fatalf("rounding %q: %v", s, err)
	}
	return m
}

// marginIdentity: margin and markup of a price over a cost, and each
// converted into the other.
func marginIdentity(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Price string `json:"price"`
		Cost  string `json:"cost"`
	}
	var w struct {
		Margin string `json:"margin"`
		Markup string `json:"markup"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	price, cost := amount(t, i.Price), amount(t, i.Cost)
	wm, wu := ratio(t, w.Margin), ratio(t, w.Markup)
	m, err := margin.Margin(price, cost)
	if err != nil {
		t.Fatal(err)
	}
	u, err := margin.Markup(price, cost)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "margin", m.Equal(wm), m, w.Margin)
	check(t, "markup", u.Equal(wu), u, w.Markup)
	u2, err := margin.MarkupOfMargin(m)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := margin.MarginOfMarkup(u)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "markup of the margin", u2.Equal(wu), u2, w.Markup)
	check(t, "margin of the markup", m2.Equal(wm), m2, w.Margin)
}

// marginConvert: a margin into a markup or a markup into a margin.
func marginConvert(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Margin string `json:"margin,omitempty"`
		Markup string `json:"markup,omitempty"`
	}
	var w struct {
		Margin string    `json:"margin,omitempty"`
		Markup string    `json:"markup,omitempty"`
		Error  *errorOut `json:"error,omitempty"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	var got capacity.Ratio
	var err error
	wantText := w.Markup
	if (i.Margin == "") == (i.Markup == "") {
		t.Fatal("input needs exactly one of margin and markup")
	}
	if i.Margin != "" {
		got, err = margin.MarkupOfMargin(ratio(t, i.Margin))
	} else {
		got, err = margin.MarginOfMarkup(ratio(t, i.Markup))
		wantText = w.Margin
	}
	if checkError(t, err, w.Error) {
		return
	}
	check(t, "converted", got.Equal(ratio(t, wantText)), got, wantText)
}

// marginGrossUp: the price that leaves x after a fee on the price.
func marginGrossUp(t *testing.T, in, want json.RawMessage) {
	var i struct {
		X    string `json:"x"`
		Fee  string `json:"fee"`
		Mode string `json:"mode"`
	}
	var w priceOut
	decode(t, in, &i)
	decode(t, want, &w)
	p, err := margin.GrossUp(amount(t, i.X), rate(t, i.Fee), mode(t, i.Mode))
	if checkError(t, err, w.Error) {
		return
	}
	check(t, "price", p.Equal(amount(t, w.Price)), p, w.Price)
}

// marginCostPlus: cost-plus with optional margin guards.
func marginCostPlus(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Cost   string `json:"cost"`
		Markup string `json:"markup"`
		Guards struct {
			Min string `json:"min,omitempty"`
			Max string `json:"max,omitempty"`
		} `json:"guards"`
		Mode string `json:"mode"`
	}
	var w struct {
		Price  string    `json:"price,omitempty"`
		Margin string    `json:"margin,omitempty"`
		Guard  string    `json:"guard,omitempty"`
		Error  *errorOut `json:"error,omitempty"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	var g margin.MarginGuards
	if i.Guards.Min != "" {
		r := rate(t, i.Guards.Min)
		g.Min = &r
	}
	if i.Guards.Max != "" {
		r := rate(t, i.Guards.Max)
		g.Max = &r
	}
	p, err := margin.CostPlus(amount(t, i.Cost), rate(t, i.Markup), g, mode(t, i.Mode))
	if checkError(t, err, w.Error) {
		return
	}
	check(t, "price", p.Price.Equal(amount(t, w.Price)), p.Price, w.Price)
	check(t, "margin", p.Margin.Equal(ratio(t, w.Margin)), p.Margin, w.Margin)
	check(t, "guard", p.Guard.String() == w.Guard, p.Guard, w.Guard)
}

// marginStack: margins or markups stacked on a base.
func marginStack(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Base    string   `json:"base"`
		Margins []string `json:"margins,omitempty"`
		Markups []string `json:"markups,omitempty"`
		How     string   `json:"how"`
		Mode    string   `json:"mode"`
	}
	var w priceOut
	decode(t, in, &i)
	decode(t, want, &w)
	how, err := margin.ParseComposition(i.How)
	if err != nil {
		t.Fatal(err)
	}
	if (i.Margins == nil) == (i.Markups == nil) {
		t.Fatal("input needs exactly one of margins and markups")
	}
	var rates []money.Rate
	for _, s := range append(i.Margins, i.Markups...) {
		rates = append(rates, rate(t, s))
	}
	var p money.Amount
	if i.Margins != nil {
		p, err = margin.StackMargins(amount(t, i.Base), rates, how, mode(t, i.Mode))
	} else {
		p, err = margin.StackMarkups(amount(t, i.Base), rates, how, mode(t, i.Mode))
	}
	if checkError(t, err, w.Error) {
		return
	}
	check(t, "price", p.Equal(amount(t, w.Price)), p, w.Price)
}
