package incentive

import (
	"strings"
	"testing"
)

// hostileCSV are seeds shared by the CSV decoders' fuzz targets: huge
// numbers and exponents, NUL, bidi overrides, a BOM, unbalanced quotes,
// ragged rows and a record beyond MaxLineBytes.
func hostileCSV(header string) []string {
	return []string{
		header + "\n",
		"\ufeff" + header + "\n",
		header + "\n\"unclosed,\n",
		header + "\na,b\"c\n",
		header + "\n" + strings.Repeat("\"\"", 40) + "\n",
		header + "\n" + strings.Repeat("x", MaxLineBytes+1) + "\n",
		header + "\n\x00,\u202e,\u2066,1e9999\n",
		header + "\r\n\r\n\r\n",
		strings.Repeat(header+",", 50) + "\n",
	}
}

func FuzzReadTransactionsCSVBytes(f *testing.F) {
	h := "id,date,kind,partner_id,amount,currency,units,corrects"
	for _, s := range hostileCSV(h) {
		f.Add(s, byte(','))
	}
	f.Add(h+"\ns1,2025-07-03,sale,acme,1.00,USD,"+strings.Repeat("9", 100)+",\n", byte(','))
	f.Add(h+"\ns1,2025-07-03,credit-note,acme,-1.00 USD,,,\u202eQ2\n", byte(','))
	f.Add(strings.ReplaceAll(h, ",", ";")+"\ns1;2025-07-03;sale;acme;-9223372036854775808;USD;;\n", byte(';'))
	f.Add("id,date,kind,partner_id,amount,credits\nd1,2025-07-03,sale,acme,1.00 USD,rep:r1=60%;rep:r2=40%;rep:m1+=100%\n", byte(','))
	f.Add("id,date,kind,partner_id,amount,credits\nd1,2025-07-03,sale,acme,1.00 USD,\"rep:r=1=60%;partner:+=+=1bp;:=\"\n", byte(','))
	f.Fuzz(func(t *testing.T, doc string, comma byte) {
		opt := DecodeOptions{MaxErrors: 3, RejectDuplicateIDs: true, Comma: rune(comma)}
		fast := collectDecoded(ReadTransactionsCSV(strings.NewReader(doc), opt))
		for _, d := range fast {
			tx := d.Tx
			if d.Err == "" && (tx.ID == "" || tx.PartnerID == "" || tx.Date.IsZero() || !tx.Kind.IsValid() || idText(tx.Corrects) != nil) {
				t.Fatalf("accepted an incomplete transaction %+v", tx)
			}
		}
		// Whatever the input, the byte reader agrees with encoding/csv
		// (records within the limit: the reference holds them whole).
		if c := rune(comma); len(doc) < MaxLineBytes && (c == 0 || c < 0x80 && c != '"' && c != '\r' && c != '\n' && c != ' ' && c != '\t') && !strings.ContainsRune(doc, '\r') {
			std := collectDecoded(readTransactionsCSVStd(strings.NewReader(doc), opt))
			if len(std) != len(fast) {
				t.Fatalf("%d items, encoding/csv %d", len(fast), len(std))
			}
		}
	})
}

func FuzzReadFactsCSV(f *testing.F) {
	for _, s := range hostileCSV("recipient,fact,name,value") {
		f.Add(s)
	}
	f.Add("recipient,fact,name,value\npartner:acme,metric,csat,4.6\npartner:acme,metric,csat,4.7\n")
	f.Add("recipient,fact,name,value\nrep:\u202eana,quota,c," + strings.Repeat("9", 90) + "\n")
	f.Fuzz(func(t *testing.T, doc string) {
		facts, err := ReadFactsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 3})
		if err != nil && facts != nil {
			t.Fatal("facts returned with an error")
		}
	})
}

func FuzzReadFactsJSONL(f *testing.F) {
	for _, s := range []string{
		`{"recipient":"partner:acme","fact":"metric","name":"csat","value":"4.6"}`,
		`{"recipient":"partner:acme","fact":"metric","name":"csat","value":4.6}`,
		`{"recipient":"partner:acme","recipient":"rep:x"}`,
		"\ufeff" + `{"recipient":"rep:a","fact":"quota","name":"c","value":"1e5"}`,
		`{"recipient":"rep:\u202ea","fact":"baseline","name":"\u0000","value":"-0"}`,
		strings.Repeat("[", 1000),
		`{"recipient":"partner:a","fact":"metric","name":"n","value":"` + strings.Repeat("9", MaxLineBytes) + `"}`,
		"null\n\n[]\n{}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		facts, err := ReadFactsJSONL(strings.NewReader(doc), DecodeOptions{MaxErrors: 3})
		if err != nil && facts != nil {
			t.Fatal("facts returned with an error")
		}
	})
}
