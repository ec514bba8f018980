package mdf

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

// LeadConversion says that a lead converted: when, and for how much under
// the revenue basis of an attribution rule (Value may be nil under the
// conversions basis). The proof of performance knows the leads; the host's
// sales system knows which of them converted.
type LeadConversion struct {
	LeadID string        `json:"lead_id"`
	At     time.Time     `json:"at"`
	Value  *money.Amount `json:"value,omitempty"`
}

// LeadJourneys turns lead touches (from [LeadTouches]) into attribution
// journeys, one per lead, so that the activities that produced the leads
// can be credited with what the leads brought (see package
// mdf/attribution). by names the channel of a touch: [ByActivityType],
// [ByCampaign] or [ByPartner].
//
// A lead's touches are ordered by time, then channel, then request ID,
// so the result does not depend on the order of touches or conversions;
// a lead captured twice in one channel touches it twice. A converted lead
// ends in a conversion at its time with its value; touches after the
// conversion are left out (they cannot have led to it). The journeys are
// sorted by lead ID; leads without a conversion end without one.
//
// Errors name the argument's member: "/by" (empty or not one of the three
// names), "/touches/3/lead_id" or "/touches/3/campaign" (missing), and
// for conversions "/conversions/1/lead_id" (missing, duplicate, or a lead
// with no touch), "/conversions/1/at" (missing, or before the lead's
// first touch).
func LeadJourneys(touches []LeadTouch, conversions []LeadConversion, by string) ([]attribution.Journey, error) {
	var l errList
	validBy := false
	switch by {
	case ByActivityType, ByCampaign, ByPartner:
		validBy = true
	case "":
		l.add("/by", "", ErrMissing)
	default:
		l.add("/by", by, wrap(ErrInvalid, "the channel is %q, %q or %q", ByActivityType, ByCampaign, ByPartner))
	}
	type touch struct {
		channel, request string
		at               time.Time
	}
	leads := map[string][]touch{}
	for i, t := range touches {
		ch := touchChannel(t, by)
		p := field.At("touches", i)
		switch {
		case t.LeadID == "":
			l.add(p+"/lead_id", "", ErrMissing)
		case ch == "" && validBy:
			l.add(p+"/"+by, "", ErrMissing)
		default:
			leads[t.LeadID] = append(leads[t.LeadID], touch{ch, t.Request, t.At})
		}
	}
	conv := map[string]LeadConversion{}
	for i, c := range conversions {
		p := field.At("conversions", i)
		_, dup := conv[c.LeadID]
		switch {
		case c.LeadID == "":
			l.add(p+"/lead_id", "", ErrMissing)
		case dup:
			l.add(p+"/lead_id", c.LeadID, ErrDuplicate)
		case len(leads[c.LeadID]) == 0:
			l.add(p+"/lead_id", c.LeadID, wrap(ErrInvalid, "no touch of this lead"))
		case c.At.IsZero():
			l.add(p+"/at", "", ErrMissing)
		case !slices.ContainsFunc(leads[c.LeadID], func(t touch) bool { return !t.at.After(c.At) }):
			l.add(p+"/at", c.At.Format(time.RFC3339Nano), wrap(ErrInvalid, "before the lead's first touch"))
		}
		if c.LeadID != "" {
			conv[c.LeadID] = c
		}
	}
	if err := l.err(); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(leads))
	for id := range leads {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]attribution.Journey, 0, len(ids))
	for _, id := range ids {
		ts := leads[id]
		slices.SortFunc(ts, func(a, b touch) int {
			return cmp.Or(a.at.Compare(b.at), strings.Compare(a.channel, b.channel), strings.Compare(a.request, b.request))
		})
		var j attribution.Journey
		c, converted := conv[id]
		for _, t := range ts {
			if converted && t.at.After(c.At) {
				break
			}
			j.Touches = append(j.Touches, attribution.Touch{Channel: t.channel, At: t.at})
		}
		if converted {
			ev := attribution.ConversionEvent{At: c.At}
			if c.Value != nil {
				v := *c.Value
				ev.Value = &v
			}
			j.Conversion = &ev
		}
		out = append(out, j)
	}
	return out, nil
}

func touchChannel(t LeadTouch, by string) string {
	switch by {
	case ByActivityType:
		return t.ActivityType
	case ByCampaign:
		return t.Campaign
	case ByPartner:
		return t.Partner
	}
	return ""
}
