package attribution_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

type errCase struct {
	name  string
	call  func() error
	want  error
	field string
}

// errorCases lists a failing call for every check of NewRule, ParseRule,
// ParseJourneys and Attribute, with the JSON Pointer it must report.
func errorCases() []errCase {
	parse := func(doc string) func() error {
		return func() error { _, err := attribution.ParseRule([]byte(doc)); return err }
	}
	attr := func(doc string, js ...attribution.Journey) func() error {
		return func() error { _, err := attribution.MustParseRule(doc).Attribute(js); return err }
	}
	journeys := func(doc string) func() error {
		return func() error { _, err := attribution.ParseJourneys([]byte(doc)); return err }
	}
	const lin = `{"method":"linear","basis":"revenue","currency":"USD"}`
	bad := j("a>b", "10.00")
	bad.Touches[1].At = t0.Add(-time.Hour)
	early := j("a", "10.00")
	early.Conversion.At = t0.Add(-time.Hour)
	noValue := j("a", "10.00")
	noValue.Conversion.Value = nil
	many := attribution.Journey{}
	for i := range attribution.MaxChannels + 1 {
		many.Touches = append(many.Touches, attribution.Touch{Channel: strings.Repeat("c", i+1), At: t0})
	}
	many.Conversion = &attribution.ConversionEvent{At: t0, Value: new(money.MustParse("1.00 USD"))}
	return []errCase{
		{"no method", parse(`{"basis":"revenue","currency":"USD"}`), attribution.ErrMissing, "/method"},
		{"no basis", parse(`{"method":"linear"}`), attribution.ErrMissing, "/basis"},
		{"no currency", parse(`{"method":"linear","basis":"revenue"}`), attribution.ErrMissing, "/currency"},
		{"places under revenue", parse(`{"method":"linear","basis":"revenue","currency":"USD","places":2}`), attribution.ErrInvalid, "/places"},
		{"currency under conversions", parse(`{"method":"linear","basis":"conversions","places":2,"currency":"USD"}`), attribution.ErrInvalid, "/currency"},
		{"no places", parse(`{"method":"linear","basis":"conversions"}`), attribution.ErrMissing, "/places"},
		{"places range", parse(`{"method":"linear","basis":"conversions","places":19}`), attribution.ErrRange, "/places"},
		{"position missing", parse(`{"method":"position-based","basis":"revenue","currency":"USD"}`), attribution.ErrMissing, "/position"},
		{"position unused", parse(`{"method":"linear","basis":"revenue","currency":"USD","position":{}}`), attribution.ErrInvalid, "/position"},
		{"position first", parse(`{"method":"position-based","basis":"revenue","currency":"USD","position":{"middle":"20%","last":"40%"}}`), attribution.ErrMissing, "/position/first"},
		{"position range", parse(`{"method":"position-based","basis":"revenue","currency":"USD","position":{"first":"140%","middle":"-60%","last":"20%"}}`), attribution.ErrInvalid, "/position/middle"},
		{"position sum", parse(`{"method":"position-based","basis":"revenue","currency":"USD","position":{"first":"40%","middle":"20%","last":"39.99%"}}`), attribution.ErrInvalid, "/position"},
		{"decay missing", parse(`{"method":"time-decay","basis":"revenue","currency":"USD"}`), attribution.ErrMissing, "/decay"},
		{"decay half-life", parse(`{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"step":"1h"}}`), attribution.ErrMissing, "/decay/half_life"},
		{"decay step", parse(`{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"1h"}}`), attribution.ErrMissing, "/decay/step"},
		{"decay whole steps", parse(`{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"90m","step":"1h"}}`), attribution.ErrRange, "/decay/half_life"},
		{"decay too many steps", parse(`{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"1001h","step":"1h"}}`), attribution.ErrRange, "/decay/half_life"},
		{"decay span", parse(`{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"1x","step":"1h"}}`), attribution.ErrInvalid, "/decay/half_life"},
		{"order missing", parse(`{"method":"markov","basis":"revenue","currency":"USD"}`), attribution.ErrMissing, "/order"},
		{"order range", parse(`{"method":"markov","basis":"revenue","currency":"USD","order":5}`), attribution.ErrRange, "/order"},
		{"shapley missing", parse(`{"method":"shapley","basis":"revenue","currency":"USD"}`), attribution.ErrMissing, "/shapley"},
		{"shapley value", parse(`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{}}`), attribution.ErrMissing, "/shapley/value"},
		{"shapley value name", parse(`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subsets"}}`), attribution.ErrEnum, "/shapley/value"},
		{"exact_up_to", parse(`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","exact_up_to":21}}`), attribution.ErrRange, "/shapley/exact_up_to"},
		{"permutations", parse(`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","sampling":{"permutations":0,"seed":[1,2],"confidence":"95%"}}}`), attribution.ErrRange, "/shapley/sampling/permutations"},
		{"confidence missing", parse(`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","sampling":{"permutations":1,"seed":[1,2]}}}`), attribution.ErrMissing, "/shapley/sampling/confidence"},
		{"confidence range", parse(`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","sampling":{"permutations":1,"seed":[1,2],"confidence":"100%"}}}`), attribution.ErrInvalid, "/shapley/sampling/confidence"},
		{"unknown member", parse(`{"method":"linear","basis":"revenue","currency":"USD","extra":1}`), strictjson.ErrUnknownField, "/extra"},
		{"method name", parse(`{"method":"lineal","basis":"revenue","currency":"USD"}`), attribution.ErrEnum, "/method"},
		{"journeys missing", journeys(`{}`), attribution.ErrMissing, "/journeys"},
		{"journeys null", journeys(`{"journeys":[null]}`), strictjson.ErrNull, "/journeys/0"},
		{"journeys time", journeys(`{"journeys":[{"touches":[{"channel":"a","at":"yesterday"}]}]}`), strictjson.ErrType, "/journeys/0/touches/0/at"},
		{"no touches", attr(lin, attribution.Journey{}), attribution.ErrEmpty, "/journeys/0/touches"},
		{"no channel", attr(lin, j("a", ""), j(">a", "")), attribution.ErrEmpty, "/journeys/1/touches/0/channel"},
		{"long channel", attr(lin, j(strings.Repeat("x", 201), "")), attribution.ErrRange, "/journeys/0/touches/0/channel"},
		{"too many channels", attr(lin, many), attribution.ErrRange, "/journeys/0/touches/64/channel"},
		{"touch order", attr(lin, bad), attribution.ErrOrder, "/journeys/0/touches/1/at"},
		{"conversion order", attr(lin, early), attribution.ErrOrder, "/journeys/0/conversion/at"},
		{"no value", attr(lin, noValue), attribution.ErrMissing, "/journeys/0/conversion/value"},
		{"currency", attr(`{"method":"linear","basis":"revenue","currency":"EUR"}`, j("a", "1.00")), attribution.ErrCurrency, "/journeys/0/conversion/value"},
		{"negative", attr(lin, j("a", "-1.00")), attribution.ErrInvalid, "/journeys/0/conversion/value"},
		{"sub-cent", attr(lin, j("a", "1.001")), attribution.ErrInvalid, "/journeys/0/conversion/value"},
		{"shapley beyond exact", attr(`{"method":"shapley","basis":"revenue","currency":"USD","shapley":{"value":"subset","exact_up_to":1}}`, j("a>b", "1.00")), attribution.ErrRange, "/journeys"},
	}
}

func TestErrorPaths(t *testing.T) {
	for _, tt := range errorCases() {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v does not match %v", err, tt.want)
			}
			if !hasPath(err, tt.field) {
				t.Errorf("no FieldPath() %q in %v", tt.field, err)
			}
			checkErr(t, err)
		})
	}
}

// walkPaths calls f with the FieldPath of every error in err's tree.
func walkPaths(err error, f func(string)) {
	if err == nil {
		return
	}
	if fp, ok := err.(interface{ FieldPath() string }); ok {
		f(fp.FieldPath())
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walkPaths(u.Unwrap(), f)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walkPaths(e, f)
		}
	}
}

func hasPath(err error, want string) bool {
	found := false
	walkPaths(err, func(p string) { found = found || p == want })
	return found
}
