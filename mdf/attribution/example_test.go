package attribution_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

const exampleJourneys = `{"journeys":[
 {"touches":[{"channel":"email","at":"2025-03-01T09:00:00Z"},{"channel":"search","at":"2025-03-02T09:00:00Z"},
   {"channel":"display","at":"2025-03-03T09:00:00Z"}],"conversion":{"at":"2025-03-04T09:00:00Z","value":"300.00 USD"}},
 {"touches":[{"channel":"search","at":"2025-03-01T09:00:00Z"},{"channel":"email","at":"2025-03-02T09:00:00Z"}],
   "conversion":{"at":"2025-03-02T10:00:00Z","value":"100.00 USD"}},
 {"touches":[{"channel":"display","at":"2025-03-01T09:00:00Z"}]},
 {"touches":[{"channel":"search","at":"2025-03-05T09:00:00Z"}],"conversion":{"at":"2025-03-05T09:30:00Z","value":"50.00 USD"}}
]}`

func printCredits(res attribution.Result) {
	for _, c := range res.Credits {
		fmt.Printf("%-8s %s\n", c.Channel, money.FormatDecimal(c.Value, res.Places))
	}
}

// Linear attribution of three converting journeys: every touch gets an
// equal share of its journey's value. 300.00 over email, search, display
// gives 100 each; 100.00 over search, email 50 each; 50.00 to search.
func Example() {
	js, err := attribution.ParseJourneys([]byte(exampleJourneys))
	if err != nil {
		fmt.Println(err)
		return
	}
	rule := attribution.MustParseRule(`{"method":"linear","basis":"revenue","currency":"USD"}`)
	res, err := rule.Attribute(js)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("total", res.Total, "from", res.Converted, "of", res.Journeys, "journeys")
	printCredits(res)
	// Output:
	// total 450 from 3 of 4 journeys
	// display  100.00
	// email    150.00
	// search   200.00
}

// A position-based rule built in Go: 40 % to the first touch, 40 % to the
// last, 20 % shared by the touches between. The three-touch journey
// gives email 120, search 60, display 120; the two-touch one splits the
// middle share, 50/50; the one-touch one gives search all 50.
func ExampleNewRule() {
	usd := money.MustCurrency("USD")
	first, middle, last := money.MustRate("40%"), money.MustRate("20%"), money.MustRate("40%")
	rule, err := attribution.NewRule(attribution.RuleSpec{
		Method:   attribution.PositionBased,
		Basis:    attribution.Revenue,
		Currency: &usd,
		Position: &attribution.PositionSpec{First: &first, Middle: &middle, Last: &last},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	js, _ := attribution.ParseJourneys([]byte(exampleJourneys))
	res, _ := rule.Attribute(js)
	printCredits(res)
	// Output:
	// display  120.00
	// email    170.00
	// search   160.00
}

// Every problem of a rule at once, each at its JSON Pointer.
func ExampleParseRule() {
	_, err := attribution.ParseRule([]byte(`{"method":"position-based","basis":"revenue","currency":"USD",
		"position":{"first":"40%","middle":"30%","last":"40%"},"order":2}`))
	fmt.Println(err)
	var ie *attribution.InputError
	fmt.Println(errors.As(err, &ie), ie.FieldPath(), errors.Is(err, attribution.ErrInvalid))
	// Output:
	// attribution: /order: invalid value: set, but only the markov method uses it
	// attribution: /position = "1.1": invalid value: first, middle and last must sum to exactly 1
	// true /order true
}

// The Markov removal effect of an order-1 chain (transition matrix):
//
//	start → a 1/2, b 1/2;  a → b 1/3, null 2/3;  b → a 1/3, conv 2/3
//
// gives x_b = 3/4, x_a = 1/4 and P(conv) = 1/2. Without a, P = 1/3 and
// RE_a = 1/3; without b, P = 0 and RE_b = 1; a gets (1/3)/(4/3) = 1/4
// of 200.00 and b 3/4.
func ExampleRule_Attribute_markov() {
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	hundred := money.MustParse("100.00 USD")
	journey := func(value *money.Amount, channels ...string) attribution.Journey {
		var jr attribution.Journey
		for _, c := range channels {
			jr.Touches = append(jr.Touches, attribution.Touch{Channel: c, At: at})
		}
		if value != nil {
			jr.Conversion = &attribution.ConversionEvent{At: at, Value: value}
		}
		return jr
	}
	js := []attribution.Journey{
		journey(&hundred, "a", "b"), journey(nil, "a"), journey(&hundred, "b"), journey(nil, "b", "a"),
	}
	rule := attribution.MustParseRule(`{"method":"markov","basis":"revenue","currency":"USD","order":1}`)
	res, err := rule.Attribute(js)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("P(conv) =", res.Markov.Conversion)
	for _, c := range res.Credits {
		fmt.Printf("%s RE=%s credit=%s\n", c.Channel, c.Removal, c.Value.StringFixed(2))
	}
	// Output:
	// P(conv) = 1/2
	// a RE=1/3 credit=50.00
	// b RE=1 credit=150.00
}

// Exact Shapley values of the subset game, in conversions to two places.
// The journeys {email, search, display}, {search, email} and {search}
// convert: v(S) counts those whose channels all lie in S. Each journey
// splits equally among its distinct channels: display 1/3, email
// 1/3 + 1/2 = 5/6, search 1/3 + 1/2 + 1 = 11/6. In hundredths: 33⅓,
// 83⅓, 183⅓; the floors 33 + 83 + 183 leave one unit, and with three
// equal remainders (⅓) it goes to the first name, display.
func ExampleRule_Attribute_shapley() {
	js, _ := attribution.ParseJourneys([]byte(exampleJourneys))
	rule := attribution.MustParseRule(`{"method":"shapley","basis":"conversions","places":2,"shapley":{"value":"subset"}}`)
	res, _ := rule.Attribute(js)
	for _, c := range res.Credits {
		fmt.Println(c.Channel, c.Exact, c.Value)
	}
	// Output:
	// display 1/3 0.34
	// email 5/6 0.83
	// search 11/6 1.83
}

// Time decay with a 7-day half-life counted in days: touches 14, 7 and 0
// days before the conversion weigh 1/4, 1/2 and 1, so 70.00 splits 10,
// 20 and 40.
func ExampleRule_Attribute_timeDecay() {
	conv := time.Date(2025, 3, 15, 12, 0, 0, 0, time.UTC)
	v := money.MustParse("70.00 USD")
	js := []attribution.Journey{{
		Touches: []attribution.Touch{
			{Channel: "event", At: conv.AddDate(0, 0, -14)},
			{Channel: "webinar", At: conv.AddDate(0, 0, -7)},
			{Channel: "email", At: conv},
		},
		Conversion: &attribution.ConversionEvent{At: conv, Value: &v},
	}}
	rule := attribution.MustParseRule(`{"method":"time-decay","basis":"revenue","currency":"USD",
		"decay":{"half_life":"168h","step":"24h"}}`)
	res, _ := rule.Attribute(js)
	printCredits(res)
	// Output:
	// email    40.00
	// event    10.00
	// webinar  20.00
}

// Bad journeys: every problem at once, each at its JSON Pointer.
func ExampleParseJourneys() {
	js, err := attribution.ParseJourneys([]byte(`{"journeys":[
		{"touches":[{"channel":"a","at":"2025-03-02T00:00:00Z"},{"channel":"","at":"2025-03-01T00:00:00Z"}]},
		{"touches":[{"channel":"a","at":"2025-03-02T00:00:00Z"}],"conversion":{"at":"2025-03-03T00:00:00Z","value":"9.99 EUR"}}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = attribution.MustParseRule(`{"method":"last-touch","basis":"revenue","currency":"USD"}`).Attribute(js)
	fmt.Println(err)
	// Output:
	// attribution: /journeys/0/touches/1/channel: empty: a touch needs a channel
	// attribution: /journeys/0/touches/1/at = "2025-03-01T00:00:00Z": out of time order: before the previous touch
	// attribution: /journeys/1/conversion/value = "9.99 EUR": currency mismatch: the rule is in USD
}

// MarshalJourneys writes the document ParseJourneys reads.
func ExampleMarshalJourneys() {
	v := money.MustParse("12.50 EUR")
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	b, err := attribution.MarshalJourneys([]attribution.Journey{{
		Touches:    []attribution.Touch{{Channel: "partner-event", At: at}},
		Conversion: &attribution.ConversionEvent{At: at.Add(time.Hour), Value: &v},
	}})
	fmt.Println(string(b), err)
	// Output:
	// {"journeys":[{"touches":[{"channel":"partner-event","at":"2025-03-01T09:00:00Z"}],"conversion":{"at":"2025-03-01T10:00:00Z","value":"12.50 EUR"}}]} <nil>
}

// Exact credits are fractions; round them once, as a report needs.
// Linear credits of the example journeys in conversions: display 1/3,
// email 1/3 + 1/2 = 5/6, search 1/3 + 1/2 + 1 = 11/6.
func ExampleFraction_Round() {
	js, _ := attribution.ParseJourneys([]byte(exampleJourneys))
	res, _ := attribution.MustParseRule(`{"method":"linear","basis":"conversions","places":0}`).Attribute(js)
	for _, c := range res.Credits {
		r, _ := c.Exact.Round(4, money.HalfEven)
		fmt.Println(c.Channel, c.Exact, r, c.Value)
	}
	fmt.Println("webinar", res.Credit("webinar"))
	// Output:
	// display 1/3 0.3333 0
	// email 5/6 0.8333 1
	// search 11/6 1.8333 2
	// webinar 0
}

// Method names parse strictly; a near miss is suggested.
func ExampleParseMethod() {
	m, err := attribution.ParseMethod("time-decay")
	fmt.Println(m, err)
	_, err = attribution.ParseMethod("time_decay")
	fmt.Println(err)
	// Output:
	// time-decay <nil>
	// attribution: unknown method "time_decay" (valid: first-touch, last-touch, linear, position-based, time-decay, markov, shapley; did you mean "time-decay"?)
}
