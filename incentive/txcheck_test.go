package incentive

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// unitsPlan pays 10 per unit sold (flat schedule on units) and 1 % of
// revenue, so that both amounts and units are read.
const unitsPlan = `{"id":"p","version":"1","currency":"USD","rounding":"half-even","places":2,
 "components":[{"id":"rev","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}},
 {"id":"units","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"units",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","price":"10"}]}}]}`

// TestTransactionDataErrors pins that a sale without an amount, a zero
// sale and an undated transaction are data errors naming the transaction
// and the field. Before the fix the first two were accepted as 0 and the
// third was silently skipped (counted as outside the period).
func TestTransactionDataErrors(t *testing.T) {
	p := MustParsePlan(unitsPlan)
	period := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	aug := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name, path string
		tx         Transaction
	}{
		{"sale without amount", "/amount", Transaction{ID: "s1", Date: aug, Kind: Sale, PartnerID: "a", Units: decimal.New(3, 0)}},
		{"zero sale", "/amount", Transaction{ID: "s2", Date: aug, Kind: Sale, PartnerID: "a", Amount: money.MustParse("0.00 USD")}},
		{"zero date", "/date", Transaction{ID: "s3", Kind: Sale, PartnerID: "a", Amount: money.MustParse("10.00 USD")}},
		{"undated event", "/date", Transaction{ID: "e1", Kind: QualifyingEvent, PartnerID: "a", Event: "x"}},
		{"negative units on a sale", "/units", Transaction{ID: "s4", Date: aug, Kind: Sale, PartnerID: "a",
			Amount: money.MustParse("10.00 USD"), Units: decimal.New(-1, 0)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Evaluate(p, period, nil, slices.Values([]Transaction{c.tx}))
			var de *DataError
			if !errors.As(err, &de) || !errors.Is(err, ErrData) {
				t.Fatalf("Evaluate = %v, want a *DataError", err)
			}
			if de.Transaction != c.tx.ID || de.Path != c.path {
				t.Errorf("error names %q %s, want %q %s (%v)", de.Transaction, de.Path, c.tx.ID, c.path, err)
			}
		})
	}
}
