package incentive

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// strictLine is the strict decoder's reading of one JSON Lines line, as
// jsonTransaction does it without the fast path.
func strictLine(b []byte) (transactionJSON, error) {
	var j transactionJSON
	err := strictjson.Unmarshal(b, &j, strictjson.Limits{MaxBytes: MaxLineBytes, MaxDepth: 4, MaxElements: MaxSetEntries}, strictjson.RatesWithUnit())
	return j, err
}

// jsonFastLines are lines the fast path reads (usual lines) and lines it
// must leave to the strict decoder, which reads some and refuses others.
var jsonFastLines = []struct {
	line string
	fast bool
}{
	{`{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1.00 USD"}`, true},
	{` { "id" : "s2" , "date":"2025-07-03T10:00:00Z","kind":"credit-note","partner_id":"acme","rep_id":"ana","amount":"-10.00",` +
		`"motion":"renewal","billing":"recurring","authorised":true,"partner_tier":"gold","territory":"emea","category":"software",` +
		`"segment":"smb","corrects":"2025-Q2"}`, true},
	{`{"id":"e1","date":"2025-07-05","kind":"event","partner_id":"acme","event":"lead-registered","authorised":false}`, true},
	{`{}`, true},
	{`{"id":"s1","rep_id":""}`, true},
	// Left to the strict decoder:
	{`{"id":"s\u0031"}`, false},         // an escape
	{`{"id":"Zürich"}`, false},          // non-ASCII
	{`{"id":"s1","id":"s2"}`, false},    // repeated: refused
	{`{"ID":"s1"}`, false},              // case variant: refused
	{`{"id":"s1","x":1}`, false},        // unknown: refused
	{`{"id":null}`, false},              // null: refused
	{`{"amount":1}`, false},             // a number: refused
	{`{"units":"2"}`, false},            // a member it does not read
	{`{"term_months":12}`, false},       //
	{`{"certifications":["a"]}`, false}, //
	{`{"kind":"sael"}`, false},          // a bad name: the strict error
	{`{"kind":"Sale"}`, false},          //
	{`{"authorised":"true"}`, false},    // a string for a bool: refused
	{`{"id":"s1"} x`, false},            // trailing text: refused
	{`{"id":"s1",}`, false},             // trailing comma: refused
	{`{"id":"s1"`, false},               // unterminated
	{`[]`, false},                       //
	{"{\"id\":\"a\tb\"}", false},
	{"{\"id\":\"a\x7fb\"}", false},                                    // DEL: printable ASCII only                                      // a raw tab inside a string: refused
	{`{"authorised":truex}`, false},                                   //
	{`{"motion":"renewal","motion":"renewal"}`, false},                //
	{`{"id":"s1","date":"2025-07-03","kind":"sale"}` + "\x00", false}, //
}

// TestJSONFast: the fast path reads the usual lines, declines the others,
// and what it reads is what the strict decoder reads.
func TestJSONFast(t *testing.T) {
	var f jsonFast
	for _, c := range jsonFastLines {
		var j transactionJSON
		ok := f.read([]byte(c.line), &j)
		if ok != c.fast {
			t.Errorf("%s: fast %t, want %t", c.line, ok, c.fast)
			continue
		}
		if !ok {
			continue
		}
		want, err := strictLine([]byte(c.line))
		if err != nil {
			t.Errorf("%s: fast path read a line the strict decoder refuses: %v", c.line, err)
			continue
		}
		if d := cmp.Diff(want, j); d != "" {
			t.Errorf("%s (-strict +fast):\n%s", c.line, d)
		}
	}
}

// FuzzJSONFast: a line the fast path reads, the strict decoder reads to
// the same members.
func FuzzJSONFast(f *testing.F) {
	for _, c := range jsonFastLines {
		f.Add(c.line)
	}
	var fast jsonFast
	f.Fuzz(func(t *testing.T, line string) {
		b := bytes.TrimSpace([]byte(line))
		var j transactionJSON
		if !fast.read(b, &j) {
			return
		}
		want, err := strictLine(b)
		if err != nil {
			t.Fatalf("fast path read %q, which the strict decoder refuses: %v", line, err)
		}
		if d := cmp.Diff(want, j); d != "" {
			t.Fatalf("%q (-strict +fast):\n%s", line, d)
		}
	})
}

// BenchmarkDecodeJSONL measures ReadTransactionsJSONL alone on the lines
// of genCSVFile written as JSON: ns and allocations per line.
func BenchmarkDecodeJSONL(b *testing.B) {
	n := 100_000
	csvDoc := genCSVFile(n)
	var doc bytes.Buffer
	for tx, err := range ReadTransactionsCSV(bytes.NewReader(csvDoc), DecodeOptions{}) {
		if err != nil {
			b.Fatal(err)
		}
		doc.WriteString(`{"id":"` + tx.ID + `","date":"` + tx.Date.Format("2006-01-02") + `","kind":"` + tx.Kind.String() +
			`","partner_id":"` + tx.PartnerID + `","amount":"` + tx.Amount.String() + `","motion":"new","billing":"recurring","category":"software"}` + "\n")
	}
	benchDecode(b, n, doc.Bytes(), ReadTransactionsJSONL)
}

// FuzzJSONLFastVsStrict: ReadTransactionsJSONL gives the same
// transactions and the same errors, line for line, as the strict decoder
// alone (no fast path, no caches), with and without a currency for bare
// amounts.
func FuzzJSONLFastVsStrict(f *testing.F) {
	var doc strings.Builder
	for _, c := range jsonFastLines {
		f.Add(c.line, false)
		doc.WriteString(c.line + "\n")
	}
	f.Add(doc.String(), true)
	f.Add(`{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1.00 EUR"}`+"\n"+
		`{"id":"s2","date":"2025-02-29","kind":"sale","partner_id":"acme","amount":"1.005 USD"}`+"\n"+
		`{"id":"s3","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"-0.50"}`+"\n"+
		`{"id":"s4","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"100 JPY"}`+"\n"+
		`{"id":"s5","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1.00  USD"}`+"\n"+
		`{"id":"s6","date":"0001-01-01","kind":"sale","partner_id":"acme","amount":"1,00 USD"}`+"\n"+
		`{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1.00 usd"}`+"\n", true)
	f.Fuzz(func(t *testing.T, doc string, usd bool) {
		opt := DecodeOptions{MaxErrors: 20, RejectDuplicateIDs: true}
		if usd {
			opt.Currency = money.MustCurrency("USD")
		}
		type out struct {
			T   Transaction
			Err string
		}
		var got, want []out
		for tx, err := range ReadTransactionsJSONL(strings.NewReader(doc), opt) {
			o := out{T: tx}
			if err != nil {
				o.Err = err.Error()
			}
			got = append(got, o)
		}
		for tx, err := range readTransactionsJSONL(strings.NewReader(doc), opt, true) {
			o := out{T: tx}
			if err != nil {
				o.Err = err.Error()
			}
			want = append(want, o)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("(-strict +fast):\n%s", d)
		}
	})
}

// TestJSONFastLineEnds: a line that ends where a value should start, or
// inside true or false, is declined without reading past its end, even
// when the bytes after it in memory would complete the value.
func TestJSONFastLineEnds(t *testing.T) {
	var f jsonFast
	for _, c := range []struct{ whole, line string }{
		{`{"id":"s1"}`, `{"id":`},
		{`{"id":"s1"}`, `{"id": `},
		{`{"authorised":true}`, `{"authorised":tr`},
		{`{"authorised":false}`, `{"authorised":fals`},
		{`{"authorised":true}`, `{"authorised":true`},
		{`{"id":"s1","kind":"sale"}`, `{"id":"s1",`}, // ends where a member should start
		{` {}`, ` `}, // white space only
	} {
		// The line is cut from the whole object, with no capacity past
		// its end: reading past it panics.
		b := []byte(c.whole)[:len(c.line):len(c.line)]
		var j transactionJSON
		if f.read(b, &j) {
			t.Errorf("%s: read", c.line)
		}
	}
}
