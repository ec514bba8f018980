package incentive

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// A line whose amount goes beyond int64 keeps it exactly, though its
// component's lines are otherwise compact. By hand: 100,000,000 % (a
// factor of 1,000,000) of 2 × 9,000,000,000,000.00 USD is
// 18,000,000,000,000,000,000.00, above int64's 9.2 × 10^18.
func TestLineAmountBeyondInt64(t *testing.T) {
	plan := strings.Replace(capped, `"cap": "0.01"`, `"floor": "0"`, 1)
	plan = strings.Replace(plan, `"rate": "1.5%"}]`, `"rate": "100000000%"}], "rates_above_100_percent": true`, 1)
	r, err := Evaluate(MustParsePlan(plan), genPeriod, nil,
		slices.Values([]Transaction{sale("1", 3, "9000000000000.00"), sale("2", 4, "9000000000000.00")}))
	if err != nil {
		t.Fatal(err)
	}
	want := decimal.RequireFromString("18000000000000000000")
	if l := r.Lines[0]; !l.Amount().Equal(want) || !l.Trace().Amount.Equal(want) || !r.Total().Equal(want) {
		t.Fatalf("amount %s, trace amount %s, total %s, want %s", l.Amount(), l.Trace().Amount, r.Total(), want)
	}
}

// Measure is the value the schedule saw: for growth the revenue above the
// baseline, in amount or in percent; for a team's member, the team's
// revenue. By hand: acme's sales through ana (6,000.00) and bo (3,000.00)
// come to 9,000.00 over a baseline of 6,000.00, a growth of 3,000.00 or
// 50 %; both member lines of the team show its 9,000.00.
func TestLineMeasures(t *testing.T) {
	p := MustParsePlan(`{"id":"m","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
	 {"id":"amount","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"growth-amount",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"10%"}]}},
	 {"id":"percent","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"growth-percent",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}},
	 {"id":"pool","version":"1","effective_from":"2025-01-01","recipient":"rep","measure":"revenue",
	  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]},
	  "team":{"id":"west","share":"contribution",
	   "members":[{"recipient":{"kind":"rep","id":"bo"}},{"recipient":{"kind":"rep","id":"ana"}}]}}]}`)
	acme := Recipient{Kind: RecipientPartner, ID: "acme"}
	facts := Facts{acme: {Baselines: map[string]decimal.Decimal{"amount": dd("6000.00"), "percent": dd("6000.00")}}}
	s1, s2 := sale("1", 3, "6000.00"), sale("2", 4, "3000.00")
	s1.RepID, s2.RepID = "ana", "bo"
	r, err := Evaluate(p, genPeriod, facts, slices.Values([]Transaction{s1, s2}))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"partner:acme amount": "3000", "partner:acme percent": "50",
		"rep:ana pool": "9000", "rep:bo pool": "9000"}
	if len(r.Lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(r.Lines), len(want))
	}
	for _, l := range r.Lines {
		k := l.Recipient().String() + " " + l.Component()
		if w, ok := want[k]; !ok || !l.Measure().Equal(dd(w)) {
			t.Errorf("%s: measure %s, want %s", k, l.Measure(), w)
		}
	}
}

// Lines are made by evaluation only: decoding one from JSON is an error,
// not a zero line that would pay nothing without a word.
func TestLineNotDecoded(t *testing.T) {
	var l Line
	if err := json.Unmarshal([]byte(`{"recipient":{"kind":"partner","id":"acme"},"amount":"10.00"}`), &l); !errors.Is(err, errors.ErrUnsupported) {
		t.Fatalf("Unmarshal into a Line: %v", err)
	}
	var r Result
	if err := json.Unmarshal([]byte(`{"Lines":[{}]}`), &r); !errors.Is(err, errors.ErrUnsupported) {
		t.Fatalf("Unmarshal into a Result's lines: %v", err)
	}
}
