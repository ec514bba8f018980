package incentive_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// AddCSV adds the period's lines and yields the others: s3 is dated after
// the period, line 6 does not decode, and Add refuses s5's negative sale.
// The control totals count what was added: two sales of 120,000.00 and a
// credit note of −5,000.00; acme's net 115,000.00 is in the 2 % tier
// (all-units), which pays 2,300.00.
func ExampleAccumulator_AddCSV() {
	doc := "id,date,kind,partner_id,amount\n" +
		"s1,2025-08-01,sale,acme,90000.00\n" +
		"s2,2025-08-02,sale,acme,30000.00\n" +
		"c1,2025-08-03,credit-note,acme,-5000.00\n" +
		"s3,2025-10-02,sale,acme,1000.00\n" +
		"s4,2025-08-04,sale,acme,12OO.00\n" +
		"s5,2025-08-05,sale,acme,-10.00\n"
	a, _ := incentive.NewAccumulator(incentive.MustParsePlan(rebatePlan), q3())
	var totals incentive.AddedTotals
	opt := incentive.DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 10}
	for t, err := range a.AddCSV(strings.NewReader(doc), opt, incentive.AddOptions{Totals: &totals}) {
		var le *incentive.LineError
		var de *incentive.DataError
		switch {
		case err == nil:
			fmt.Println("not added:", t.ID, t.Date.Format("2006-01-02"))
		case errors.As(err, &le):
			fmt.Println("not decoded:", err)
		case errors.As(err, &de):
			fmt.Println("refused:", err)
		default:
			fmt.Println("stopped:", err) // too many bad lines, say
			return
		}
	}
	for _, k := range []incentive.Kind{incentive.Sale, incentive.CreditNote} {
		sum, _ := totals.Amount(k)
		fmt.Println(k, totals.Transactions(k), sum)
	}
	r, _ := a.Result(nil)
	fmt.Println(r.Lines[0].Recipient().ID, r.Lines[0].Amount().StringFixed(2))
	// Output:
	// not added: s3 2025-10-02
	// not decoded: incentive: line 6: amount = "12OO.00": invalid syntax
	// refused: incentive: transaction "s5": /amount = "-10.00 USD": invalid transaction: a sale is positive (credit notes and returns are negative)
	// sale 2 120000.00 USD
	// credit-note 1 -5000.00 USD
	// acme 2300.00
}

// AddCSVBytes reads a document held in memory where it is. Here a file
// cut into two blocks of whole lines, each after a copy of the header, is
// read by two accumulators (as two goroutines would, one block each),
// which merge exactly: acme's 90,000.00 + 30,000.00 + 5,000.00 =
// 125,000.00 is in the 2 % tier, 2,500.00.
func ExampleAccumulator_AddCSVBytes() {
	header := "id,date,kind,partner_id,amount\n"
	blocks := [][]byte{
		[]byte(header + "s1,2025-08-01,sale,acme,90000.00\ns2,2025-08-02,sale,acme,30000.00\n"),
		[]byte(header + "s3,2025-08-03,sale,acme,5000.00\n"),
	}
	plan := incentive.MustParsePlan(rebatePlan)
	opt := incentive.DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 10}
	var accs []*incentive.Accumulator
	for _, b := range blocks {
		a, _ := incentive.NewAccumulator(plan, q3())
		for t, err := range a.AddCSVBytes(b, opt, incentive.AddOptions{}) {
			fmt.Println("not added:", t.ID, err)
		}
		accs = append(accs, a)
	}
	if err := accs[0].Merge(accs[1]); err != nil {
		fmt.Println(err)
		return
	}
	r, _ := accs[0].Result(nil)
	fmt.Println(r.Lines[0].Recipient().ID, r.Lines[0].Amount().StringFixed(2))
	// Output:
	// acme 2500.00
}

// OnAdd is told the line and ID of each transaction added, here to
// list them: s2 is dated after the period, so it is yielded instead.
func ExampleAddOptions() {
	doc := "id,date,kind,partner_id,amount\n" +
		"s1,2025-08-01,sale,acme,100.00\n" +
		"s2,2025-10-01,sale,acme,100.00\n" +
		"s3,2025-08-02,sale,bolt,100.00\n"
	a, _ := incentive.NewAccumulator(incentive.MustParsePlan(rebatePlan), q3())
	added := incentive.AddOptions{OnAdd: func(line int, id []byte) { fmt.Println("added", line, string(id)) }}
	for t, err := range a.AddCSV(strings.NewReader(doc), incentive.DecodeOptions{Currency: money.MustCurrency("USD")}, added) {
		fmt.Println("yielded", t.ID, err)
	}
	// Output:
	// added 2 s1
	// yielded s2 <nil>
	// added 4 s3
}
