package incentive

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// These tests kill mutants of recurring.go that survived the suite: the
// bounds of a contract term, 1 and MaxTermMonths (600) months, are terms.

// A 600-month contract is valued by its term (recurringPlan): 60,000.00
// USD over 600 months, new business, rep ana:
//
//	arr (annualised, 10 %): 60,000.00 × 12 / 600 = 1,200.00 → 120.00
//	tcv-bonus (total, 1 %): 60,000.00 → 600.00
//	mrr-kicker (monthly, 50 %): 60,000.00 / 600 = 100.00 → 50.00
//
// and a one-month one, 500.00 USD: annualised 500.00 × 12 / 1 = 6,000.00 →
// 600.00; total 500.00 → 5.00; monthly 500.00 / 1 → 250.00.
func TestMutTermBounds(t *testing.T) {
	p := MustParsePlan(recurringPlan)
	q3 := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	for _, c := range []struct {
		name   string
		amount string
		term   int32
		want   map[string][2]string // component → measure, amount
	}{
		{"600 months", "60000.00", MaxTermMonths, map[string][2]string{
			"arr": {"1200", "120"}, "tcv-bonus": {"60000", "600"}, "mrr-kicker": {"100", "50"}}},
		{"1 month", "500.00", 1, map[string][2]string{
			"arr": {"6000", "600"}, "tcv-bonus": {"500", "5"}, "mrr-kicker": {"500", "250"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tx := subTx("s1", "2025-07-10", "ana", c.amount, c.term, NewBusiness)
			r, err := Evaluate(p, q3, nil, slices.Values([]Transaction{tx}))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][2]string{}
			for _, l := range r.Lines {
				got[l.Component()] = [2]string{l.Measure().String(), l.Amount().String()}
			}
			if d := cmp.Diff(c.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
	// A qualifying event with a recurring billing needs no term, even in
	// a plan that values contracts by their term.
	e := Transaction{ID: "e1", Date: MustDate("2025-07-10").Time(), Kind: QualifyingEvent, PartnerID: "acme", Billing: Recurring}
	if _, err := Evaluate(p, q3, nil, slices.Values([]Transaction{e})); err != nil {
		t.Errorf("event without term: %v", err)
	}
}

// The decoders read a term of 1 to 600 months; 0 and 601 are line errors
// at the term_months column.
func TestMutParseTermBounds(t *testing.T) {
	doc := "id,date,kind,partner_id,amount,billing,term_months\n" +
		"s1,2025-07-10,sale,acme,1.00 USD,recurring,1\n" +
		"s2,2025-07-10,sale,acme,1.00 USD,recurring,600\n" +
		"s3,2025-07-10,sale,acme,1.00 USD,recurring,0\n" +
		"s4,2025-07-10,sale,acme,1.00 USD,recurring,601\n"
	for _, comma := range []rune{0, '¦'} {
		var terms []int32
		var cols []string
		for tx, err := range ReadTransactionsCSV(strings.NewReader(strings.ReplaceAll(doc, ",", string(orComma(comma)))), DecodeOptions{MaxErrors: 5, Comma: comma}) {
			var le *LineError
			switch {
			case err == nil:
				terms = append(terms, tx.TermMonths)
			case errors.As(err, &le):
				cols = append(cols, le.Column)
			default:
				t.Fatal(err)
			}
		}
		if d := cmp.Diff([]int32{1, 600}, terms); d != "" {
			t.Errorf("comma %q: terms (-want +got):\n%s", comma, d)
		}
		if d := cmp.Diff([]string{"term_months", "term_months"}, cols); d != "" {
			t.Errorf("comma %q: errors (-want +got):\n%s", comma, d)
		}
	}
}
