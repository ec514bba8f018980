package mdf_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/mdf/attribution"
)

// leadTouches: L-1 touched by the spring trade show (day 32) and the
// webinar (day 34) and then by an e-mail on day 60, after it converted on
// day 50; L-2 by the trade show only (day 31).
func leadTouches() []mdf.LeadTouch {
	return []mdf.LeadTouch{
		{LeadID: "L-1", Partner: "acme", ActivityType: "email", Campaign: "summer", Request: "R3", At: day(60)},
		{LeadID: "L-2", Partner: "acme", ActivityType: "trade-show", Campaign: "spring", Request: "R1", At: day(31)},
		{LeadID: "L-1", Partner: "acme", ActivityType: "webinar", Campaign: "spring", Request: "R2", At: day(34)},
		{LeadID: "L-1", Partner: "acme", ActivityType: "trade-show", Campaign: "spring", Request: "R1", At: day(32)},
	}
}

func TestLeadJourneysByHand(t *testing.T) {
	conv := []mdf.LeadConversion{{LeadID: "L-1", At: day(50), Value: ptr(amt("900.00 USD"))}}
	tch := func(ch string, d int) attribution.Touch { return attribution.Touch{Channel: ch, At: day(d)} }
	for _, tc := range []struct {
		by   string
		want []attribution.Journey
	}{
		{mdf.ByActivityType, []attribution.Journey{
			{Touches: []attribution.Touch{tch("trade-show", 32), tch("webinar", 34)},
				Conversion: &attribution.ConversionEvent{At: day(50), Value: ptr(amt("900.00 USD"))}},
			{Touches: []attribution.Touch{tch("trade-show", 31)}},
		}},
		// Both of L-1's touches before the conversion are the spring
		// campaign: it touches the campaign twice.
		{mdf.ByCampaign, []attribution.Journey{
			{Touches: []attribution.Touch{tch("spring", 32), tch("spring", 34)},
				Conversion: &attribution.ConversionEvent{At: day(50), Value: ptr(amt("900.00 USD"))}},
			{Touches: []attribution.Touch{tch("spring", 31)}},
		}},
	} {
		got, err := mdf.LeadJourneys(leadTouches(), conv, tc.by)
		if err != nil {
			t.Fatalf("%s: %v", tc.by, err)
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.by, d)
		}
	}
}

// Linear credit of the journeys by activity type: L-1's 900.00 over two
// touches, 450.00 each; L-2 did not convert.
func TestLeadJourneysAttribute(t *testing.T) {
	js, err := mdf.LeadJourneys(leadTouches(), []mdf.LeadConversion{{LeadID: "L-1", At: day(50), Value: ptr(amt("900.00 USD"))}}, mdf.ByActivityType)
	if err != nil {
		t.Fatal(err)
	}
	res, err := attribution.MustParseRule(`{"method":"linear","basis":"revenue","currency":"USD"}`).Attribute(js)
	if err != nil {
		t.Fatal(err)
	}
	for ch, want := range map[string]string{"trade-show": "450", "webinar": "450", "email": "0"} {
		if got := res.Credit(ch); !got.Equal(dec(want)) {
			t.Errorf("%s: got %s, want %s", ch, got, want)
		}
	}
}

func TestLeadJourneysErrors(t *testing.T) {
	good := leadTouches()
	bad := append(leadTouches(), mdf.LeadTouch{Request: "R9", ActivityType: "webinar", At: day(40)},
		mdf.LeadTouch{LeadID: "L-9", Request: "R9", At: day(40)})
	for _, tc := range []struct {
		name    string
		touches []mdf.LeadTouch
		conv    []mdf.LeadConversion
		by      string
		paths   []string
		want    error
	}{
		{"empty by", good, nil, "", []string{"/by"}, mdf.ErrMissing},
		{"unknown by", good, nil, "region", []string{"/by"}, mdf.ErrInvalid},
		{"bad touches", bad, nil, mdf.ByActivityType, []string{"/touches/4/lead_id", "/touches/5/activity_type"}, mdf.ErrMissing},
		{"no campaign", bad[5:], nil, mdf.ByCampaign, []string{"/touches/0/campaign"}, mdf.ErrMissing},
		{"conversion without lead", good, []mdf.LeadConversion{{At: day(50)}}, mdf.ByPartner, []string{"/conversions/0/lead_id"}, mdf.ErrMissing},
		{"duplicate conversion", good, []mdf.LeadConversion{{LeadID: "L-2", At: day(50)}, {LeadID: "L-2", At: day(51)}}, mdf.ByPartner,
			[]string{"/conversions/1/lead_id"}, mdf.ErrDuplicate},
		{"unknown lead", good, []mdf.LeadConversion{{LeadID: "L-7", At: day(50)}}, mdf.ByPartner, []string{"/conversions/0/lead_id"}, mdf.ErrInvalid},
		{"no time", good, []mdf.LeadConversion{{LeadID: "L-2"}}, mdf.ByPartner, []string{"/conversions/0/at"}, mdf.ErrMissing},
		{"before first touch", good, []mdf.LeadConversion{{LeadID: "L-1", At: day(31)}}, mdf.ByPartner, []string{"/conversions/0/at"}, mdf.ErrInvalid},
	} {
		_, err := mdf.LeadJourneys(tc.touches, tc.conv, tc.by)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			continue
		}
		var paths []string
		for _, e := range unjoin(err) {
			var ie *mdf.InputError
			if errors.As(e, &ie) {
				paths = append(paths, ie.FieldPath())
			}
		}
		if d := cmp.Diff(tc.paths, paths); d != "" {
			t.Errorf("%s paths (-want +got):\n%s", tc.name, d)
		}
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// The journeys do not depend on the order of the touches or conversions.
func TestLeadJourneysOrderFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		var touches []mdf.LeadTouch
		for range n {
			touches = append(touches, mdf.LeadTouch{
				LeadID:       rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "lead"),
				ActivityType: rapid.SampledFrom([]string{"email", "webinar", "trade-show"}).Draw(t, "type"),
				Request:      rapid.SampledFrom([]string{"R1", "R2"}).Draw(t, "req"),
				At:           day(rapid.IntRange(0, 5).Draw(t, "day")),
			})
		}
		var conv []mdf.LeadConversion
		for _, id := range []string{"a", "b", "c"} {
			if rapid.Bool().Draw(t, "converts") && slicesHasLead(touches, id) {
				conv = append(conv, mdf.LeadConversion{LeadID: id, At: day(rapid.IntRange(5, 9).Draw(t, "at")), Value: ptr(amt("10.00 USD"))})
			}
		}
		want, err := mdf.LeadJourneys(touches, conv, mdf.ByActivityType)
		if err != nil {
			t.Fatal(err)
		}
		got, err := mdf.LeadJourneys(rapid.Permutation(touches).Draw(t, "tp"), rapid.Permutation(conv).Draw(t, "cp"), mdf.ByActivityType)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("(-in order +permuted):\n%s", d)
		}
	})
}

func slicesHasLead(ts []mdf.LeadTouch, id string) bool {
	for _, t := range ts {
		if t.LeadID == id {
			return true
		}
	}
	return false
}
