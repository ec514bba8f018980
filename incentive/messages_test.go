package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// TestMissingFactForEveryRecipient pins that Result reports the missing
// fact of every recipient that lacks it, in output order, not only the
// first (before the fix only partner:a was named).
func TestMissingFactForEveryRecipient(t *testing.T) {
	p := MustParsePlan(strings.Replace(csatPlan, "FACTOR", "1", 1))
	aug := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	var txs []Transaction
	for _, id := range []string{"c", "a", "b"} {
		txs = append(txs, Transaction{ID: id, Date: aug, Kind: Sale, PartnerID: id, Amount: money.MustParse("10.00 USD")})
	}
	f := Facts{{RecipientPartner, "b"}: {Metrics: map[string]decimal.Decimal{"csat": decimal.New(4, 0)}}}
	_, err := Evaluate(p, NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), f, slices.Values(txs))
	if !errors.Is(err, ErrMissingFact) {
		t.Fatalf("err = %v, want ErrMissingFact", err)
	}
	var who []string
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("one error only: %v", err)
	}
	for _, e := range joined.Unwrap() {
		var de *DataError
		if errors.As(e, &de) {
			who = append(who, de.Recipient+" "+de.Path)
		}
	}
	if want := []string{"partner:a /metrics/csat", "partner:c /metrics/csat"}; !slices.Equal(who, want) {
		t.Errorf("missing facts reported for %q, want %q", who, want)
	}
}

// TestPlanDocumentMessages pins the wording of common plan mistakes.
func TestPlanDocumentMessages(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"misspelt member", strings.Replace(twoTier(placesTop, "", "", `,"rate":"2%"`), `"measure"`, `"measur"`, 1),
			`strictjson: unknown field at "/components/0/measur": did you mean "measure"?`},
		{"string for the components", `{"id":"p","components":"x"}`,
			`strictjson: invalid value at "/components": expected an array, not a string`},
		{"syntax", "{\"id\":\"p\",\n\"version\":\"1\",}",
			`strictjson: invalid JSON at "/version" (line 2, column 14): invalid character ',' at start of value`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(c.doc))
			if err == nil || err.Error() != c.want {
				t.Errorf("ParsePlan = %v\nwant %s", err, c.want)
			}
		})
	}
	// A byte-order mark at the start is accepted.
	if _, err := ParsePlan([]byte("\ufeff" + twoTier(placesTop, "", "", `,"rate":"2%"`))); err != nil {
		t.Errorf("with a BOM: %v", err)
	}
}
