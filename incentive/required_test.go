package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// twoTierPlan is 1 % of revenue from 0, TIER2 from 100,000 (all-units).
const twoTierPlan = `{"id":"p","version":"1","currency":"USD",TOP
 "components":[{"id":"c","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue"COMP,
  "schedule":{"mode":"all-units","boundary":"lower-inclusive"SCHED,"tiers":[{"from":"0","rate":"1%"},{"from":"100000"TIER2}]}}]}`

func twoTier(top, comp, sched, tier2 string) string {
	return strings.NewReplacer("TOP", top, "COMP", comp, "SCHED", sched, "TIER2", tier2).Replace(twoTierPlan)
}

const placesTop = `"rounding":"half-even","places":2,`

// TestPlanRequiresMoneyMembers pins that every member a plan reads to
// compute money is required: absent is an error at its JSON Pointer, never
// zero. Before the fix each document parsed; with tier 2's rate omitted a
// 150,000.55 USD sale paid 0.00 (all-units: the whole volume at tier 2's
// rate, read as 0).
func TestPlanRequiresMoneyMembers(t *testing.T) {
	mult := `,"modifiers":[{"kind":"multiplier","metric":"csat","bands":[BAND]}]`
	cases := []struct {
		name, doc, path string
		is              error
	}{
		{"tier rate", twoTier(placesTop, "", "", ""), "/components/0/schedule/tiers/1/rate", tier.ErrMissing},
		{"places", twoTier(`"rounding":"half-even",`, "", "", `,"rate":"2%"`), "/places", ErrInvalid},
		{"rounding", twoTier(`"places":2,`, "", "", `,"rate":"2%"`), "/rounding", ErrEnum},
		{"band factor", twoTier(placesTop, strings.Replace(mult, "BAND", `{"from":"4.5"}`, 1), "", `,"rate":"2%"`),
			"/components/0/modifiers/0/bands/0/factor", ErrInvalid},
		{"band from", twoTier(placesTop, strings.Replace(mult, "BAND", `{"factor":"1.25"}`, 1), "", `,"rate":"2%"`),
			"/components/0/modifiers/0/bands/0/from", ErrInvalid},
		{"negative cap", twoTier(placesTop, `,"cap":"-1"`, "", `,"rate":"2%"`), "/components/0/cap", ErrInvalid},
		{"negative recipient cap", twoTier(placesTop+`"recipient_cap":"-1",`, "", "", `,"rate":"2%"`), "/recipient_cap", ErrInvalid},
		{"rate above 100 %", twoTier(placesTop, "", "", `,"rate":"150%"`), "/components/0/schedule/tiers/1/rate", tier.ErrRate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(c.doc))
			if !errors.Is(err, c.is) {
				t.Fatalf("ParsePlan = %v, want %v", err, c.is)
			}
			if paths := planErrorPaths(err); !slices.Contains(paths, c.path) {
				t.Errorf("paths %q, want %s (error %v)", paths, c.path, err)
			}
		})
	}
}

// TestPlanBareRateHint pins that a bare non-zero rate is rejected with
// its pointer and a hint; "0" may stay bare.
func TestPlanBareRateHint(t *testing.T) {
	_, err := ParsePlan([]byte(twoTier(placesTop, "", "", `,"rate":"1"`)))
	if !errors.Is(err, strictjson.ErrRateUnit) {
		t.Fatalf("err = %v, want ErrRateUnit", err)
	}
	var fe interface{ FieldPath() string }
	if !errors.As(err, &fe) || fe.FieldPath() != "/components/0/schedule/tiers/1/rate" {
		t.Errorf("path of %v is not /components/0/schedule/tiers/1/rate", err)
	}
	if !strings.Contains(err.Error(), `did you mean "1%"?`) {
		t.Errorf("message %q has no hint", err)
	}
	if _, err := ParsePlan([]byte(twoTier(placesTop, "", "", `,"rate":"0"`))); err != nil {
		t.Errorf("bare zero rate: %v", err)
	}
}

// TestPlanRateAbove100OptIn: with the opt-in a 150 % rate pays, and the
// trace says the component allows it. 150 % × 150,000.55 = 225,000.825,
// half-even to cents 225,000.82.
func TestPlanRateAbove100OptIn(t *testing.T) {
	p, err := ParsePlan([]byte(twoTier(placesTop, "", `,"rates_above_100_percent":true`, `,"rate":"150%"`)))
	if err != nil {
		t.Fatal(err)
	}
	tx := Transaction{ID: "t1", Date: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "a",
		Amount: money.MustParse("150000.55 USD")}
	res, err := Evaluate(p, NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), nil, slices.Values([]Transaction{tx}))
	if err != nil {
		t.Fatal(err)
	}
	lines := res.Lines
	if len(lines) != 1 || !lines[0].Amount().Equal(decimal.RequireFromString("225000.82")) {
		t.Fatalf("lines = %v, want one of 225000.82 USD", lines)
	}
	tr := lines[0].Trace()
	if !tr.RatesAbove100 || !strings.Contains(tr.Sentence(), "rates above 100% allowed") {
		t.Errorf("trace does not state the opt-in: %s", tr.Sentence())
	}
}

// TestIDsRejectBidiControls: an ID with a bidirectional control character
// (U+202E RIGHT-TO-LEFT OVERRIDE makes "cba" display as "abc") is
// rejected; before the fix only C0 controls were.
func TestIDsRejectBidiControls(t *testing.T) {
	for _, r := range []string{"\u202e", "\u2066", "\u200f", "\u061c"} {
		doc := strings.Replace(twoTier(placesTop, "", "", `,"rate":"2%"`), `"id":"c"`, `"id":"c`+r+`x"`, 1)
		_, err := ParsePlan([]byte(doc))
		if !slices.Contains(planErrorPaths(err), "/components/0/id") {
			t.Errorf("ID with %U: %v", []rune(r)[0], err)
		}
	}
}
