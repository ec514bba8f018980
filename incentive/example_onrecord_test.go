package incentive_test

import (
	"fmt"
	"strings"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// A host writing a reject file takes each bad record's line and text from
// OnRecord: the decoder reports them, so the input is read once.
func ExampleDecodeOptions_onRecord() {
	doc := "id,date,kind,partner_id,amount\n" +
		"s1,2025-07-03,sale,acme,1200.00\n" +
		"s2,2025-07-04,sael,acme,80.00\n"
	var line int
	var text string
	opt := incentive.DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 10}
	opt.OnRecord = func(l int, b []byte) { line, text = l, string(b) }
	for t, err := range incentive.ReadTransactionsCSV(strings.NewReader(doc), opt) {
		if err != nil {
			fmt.Printf("reject line %d: %q\n", line, text)
			continue
		}
		fmt.Printf("line %d: %s %s\n", line, t.ID, t.Amount)
	}
	// Output:
	// line 2: s1 1200.00 USD
	// reject line 3: "s2,2025-07-04,sael,acme,80.00"
}
