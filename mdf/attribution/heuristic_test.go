package attribution_test

import (
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

// fourJourneys is the worked example of the heuristics:
//
//	J1 email > search > display   converts 300.00
//	J2 search > email             converts 100.00
//	J3 display                    does not convert
//	J4 search                     converts  50.00
func fourJourneys() []attribution.Journey {
	return []attribution.Journey{
		j("email>search>display", "300.00"), j("search>email", "100.00"), j("display", ""), j("search", "50.00"),
	}
}

func TestHeuristicsByHand(t *testing.T) {
	for _, tc := range []struct {
		name, rule, want string
	}{
		// email J1 300; search J2 100 + J4 50.
		{"first", `{"method":"first-touch","basis":"revenue","currency":"USD"}`, "display=0.00 email=300.00 search=150.00"},
		// display J1 300; email J2 100; search J4 50.
		{"last", `{"method":"last-touch","basis":"revenue","currency":"USD"}`, "display=300.00 email=100.00 search=50.00"},
		// J1 100 each; J2 50 each; J4 50: display 100, email 150, search 200.
		{"linear", `{"method":"linear","basis":"revenue","currency":"USD"}`, "display=100.00 email=150.00 search=200.00"},
		// 40/20/40. J1: email 120, search 60, display 120. J2 (two
		// touches split the middle): 50/50. J4: search 50.
		{"position", `{"method":"position-based","basis":"revenue","currency":"USD","position":{"first":"40%","middle":"20%","last":"40%"}}`,
			"display=120.00 email=170.00 search=160.00"},
		// Conversions at 2 places: first touch email 1, search 2.
		{"first conversions", `{"method":"first-touch","basis":"conversions","places":2}`, "display=0.00 email=1.00 search=2.00"},
		// Linear conversions at 0 places: display 1/3 (J1), email
		// 1/3 + 1/2 = 5/6, search 1/3 + 1/2 + 1 = 11/6 (sum 3); floors 0,
		// 0, 1; the two units left go to the largest remainders, 5/6 of
		// email and 5/6 of search (display's is 1/3).
		{"linear conversions", `{"method":"linear","basis":"conversions","places":0}`, "display=0 email=1 search=2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := attribute(t, rule(t, tc.rule), fourJourneys())
			if got := credits(res); got != tc.want {
				t.Errorf("credits = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestLeftoverByChannelName(t *testing.T) {
	// 100.00 over three touches: 33.333… each; 33.33 × 3 = 99.99 and the
	// cent left goes to the first name among equal remainders.
	res := attribute(t, rule(t, `{"method":"linear","basis":"revenue","currency":"USD"}`),
		[]attribution.Journey{j("c>b>a", "100.00")})
	if got, want := credits(res), "a=33.34 b=33.33 c=33.33"; got != want {
		t.Errorf("credits = %s, want %s", got, want)
	}
	if got := res.Credit("zzz"); !got.IsZero() {
		t.Errorf("absent channel: %s", got)
	}
	if got := res.Credits[0].Exact.String(); got != "100/3" {
		t.Errorf("exact = %s, want 100/3", got)
	}
}

func TestTimeDecayByHand(t *testing.T) {
	// Half-life 7 days counted in days (m = 7). Touches 14, 7 and 0 days
	// before the conversion weigh 2^−2, 2^−1, 2^0: shares 1/7, 2/7, 4/7,
	// truncated to 12 places: 142857142857, 285714285714, 571428571428
	// (×10^−12), exactly in ratio 1:2:4, so 70.00 splits 10, 20, 40.
	v := money.MustParse("70.00 USD")
	conv := t0.AddDate(0, 0, 14)
	js := []attribution.Journey{{
		Touches: []attribution.Touch{
			{Channel: "a", At: t0}, {Channel: "b", At: t0.AddDate(0, 0, 7)}, {Channel: "c", At: conv},
		},
		Conversion: &attribution.ConversionEvent{At: conv, Value: &v},
	}}
	r := rule(t, `{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"168h","step":"24h"}}`)
	if got, want := credits(attribute(t, r, js)), "a=10.00 b=20.00 c=40.00"; got != want {
		t.Errorf("credits = %s, want %s", got, want)
	}
	// Half a half-life: step 12h, half-life 24h (m = 2); touch a 12 h
	// before, b at the conversion: weights Y(1) = ⌊10^12/√2⌋ =
	// 707106781186 and 10^12; shares ⌊10^12·Y/(Y+10^12)⌋ =
	// 414213562373 (√2−1 = 0.41421356237309…) and 585786437626; 100.00
	// splits 41.4213562373 : 58.5786437626 → 41.42 and 58.58.
	v = money.MustParse("100.00 USD")
	conv = t0.Add(12 * time.Hour)
	js = []attribution.Journey{{
		Touches:    []attribution.Touch{{Channel: "a", At: t0}, {Channel: "b", At: conv}},
		Conversion: &attribution.ConversionEvent{At: conv, Value: &v},
	}}
	r = rule(t, `{"method":"time-decay","basis":"revenue","currency":"USD","decay":{"half_life":"24h","step":"12h"}}`)
	if got, want := credits(attribute(t, r, js)), "a=41.42 b=58.58"; got != want {
		t.Errorf("credits = %s, want %s", got, want)
	}
}
