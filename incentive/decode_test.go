package incentive

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// collect runs a transaction decoder to the end.
func collect(seq func(func(Transaction, error) bool)) ([]Transaction, []string) {
	var txs []Transaction
	var errs []string
	for t, err := range seq {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		txs = append(txs, t)
	}
	return txs, errs
}

func TestReadTransactionsCSV(t *testing.T) {
	doc := "\ufeffid;date;kind;partner_id;amount;units;authorised;certifications\n" +
		"s1;2025-07-03;sale;acme;180000.00;;true;\"a;b\"\n" +
		"s2;2025-07-04;credit-note;acme;-10.00 USD;-1;;\n" +
		"e1;2025-07-05;event;acme;;;;\n"
	txs, errs := collect(ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{Currency: money.MustCurrency("USD"), Comma: ';'}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	day := func(d int) time.Time { return time.Date(2025, 7, d, 0, 0, 0, 0, time.UTC) }
	want := []Transaction{
		{ID: "s1", Date: day(3), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("180000.00 USD"), Authorised: true, Certifications: []string{"a", "b"}},
		{ID: "s2", Date: day(4), Kind: CreditNote, PartnerID: "acme", Amount: money.MustParse("-10.00 USD"), Units: decimal.New(-1, 0)},
		{ID: "e1", Date: day(5), Kind: QualifyingEvent, PartnerID: "acme"},
	}
	if d := cmp.Diff(want, txs); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestReadTransactionsCSVCollectsBadLines: every bad line is reported
// with its line and column, up to MaxErrors, then ErrTooManyErrors.
func TestReadTransactionsCSVCollectsBadLines(t *testing.T) {
	doc := "id,date,kind,partner_id,amount,currency\n" +
		"s1,2025-07-03,sale,acme,1.00,USD\n" +
		"s2,2025-02-30,sale,acme,1.00,USD\n" + // line 3: impossible date
		"s3,2025-07-03,sale,acme,,USD\n" + // line 4: sale without amount
		"s1,2025-07-03,sale,acme,2.00,USD\n" + // line 5: repeated ID
		"s5,2025-07-03,sael,acme,2.00,USD\n" + // line 6: unknown kind
		"s6,2025-07-03,sale,acme,2.00,USD\n"
	_, errs := collect(ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 10, RejectDuplicateIDs: true}))
	want := []string{
		`incentive: line 3: date = "2025-02-30": invalid value: date "2025-02-30" is not a calendar day`,
		`incentive: line 4: amount: required for a sale`,
		`incentive: line 5: id = "s1": transaction ID already used on line 2`,
		`incentive: line 6: kind = "sael": unknown transaction kind "sael" (valid: sale, credit-note, return, event)`,
	}
	if d := cmp.Diff(want, errs); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	_, errs = collect(ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 1}))
	if len(errs) != 3 || !strings.Contains(errs[2], "too many invalid lines") {
		t.Errorf("MaxErrors 1: %q", errs)
	}
	_, errs = collect(ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{}))
	if len(errs) != 1 {
		t.Errorf("MaxErrors 0 stops at the first: %q", errs)
	}
	for _, c := range []struct{ header, want string }{
		{"id,date,kind,partner,amount", `incentive: line 1: partner: unknown column; did you mean "partner_id"?`},
		{"id,date,kind,partner_id,id", `incentive: line 1: id: repeated column`},
		{"id,date,partner_id", `incentive: line 1: kind: missing column`},
	} {
		_, errs := collect(ReadTransactionsCSV(strings.NewReader(c.header+"\n"), DecodeOptions{}))
		if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
			t.Errorf("header %q: %q, want %s", c.header, errs, c.want)
		}
	}
}

func TestReadTransactionsJSONL(t *testing.T) {
	doc := `{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"180000.00 USD"}` + "\n\n" +
		`{"id":"s2","date":"2025-07-04T10:00:00Z","kind":"return","partner_id":"acme","amount":"-5.00","units":"-1"}` + "\n" +
		`{"id":"s3","date":"2025-07-04","kind":"sale","partner_id":"acme","amout":"1.00"}` + "\n" +
		`{"id":"s1","date":"2025-07-04","kind":"sale","partner_id":"acme"}` + "\n"
	txs, errs := collect(ReadTransactionsJSONL(strings.NewReader(doc), DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 5, RejectDuplicateIDs: true}))
	want := []Transaction{
		{ID: "s1", Date: time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("180000.00 USD")},
		{ID: "s2", Date: time.Date(2025, 7, 4, 10, 0, 0, 0, time.UTC), Kind: Return, PartnerID: "acme", Amount: money.MustParse("-5.00 USD"), Units: decimal.New(-1, 0)},
	}
	if d := cmp.Diff(want, txs); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	wantErrs := []string{
		`incentive: line 4: /amout: strictjson: unknown field at "/amout": did you mean "amount"?`,
		`incentive: line 5: /amount: required for a sale`,
	}
	if d := cmp.Diff(wantErrs, errs); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestReadFactsCSV(t *testing.T) {
	f, err := ReadFactsCSV(strings.NewReader("recipient,fact,name,value\npartner:acme,metric,csat,4.6\nrep:ana,quota,c,100\n"), DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !f[Recipient{RecipientPartner, "acme"}].Metrics["csat"].Equal(decimal.RequireFromString("4.6")) ||
		!f[Recipient{RecipientRep, "ana"}].Quotas["c"].Equal(decimal.New(100, 0)) {
		t.Errorf("facts %v", f)
	}
	_, err = ReadFactsCSV(strings.NewReader("recipient,fact,name,value\nacme,metric,csat,4.6\npartner:a,metric,csat,x\npartner:a,score,csat,1\n"), DecodeOptions{MaxErrors: 5})
	var le *LineError
	if !errors.As(err, &le) || le.Line != 2 || le.Column != "recipient" || !errors.Is(err, ErrLine) {
		t.Fatalf("err = %v", err)
	}
	if n := len(err.(interface{ Unwrap() []error }).Unwrap()); n != 3 {
		t.Errorf("%d errors, want one per bad line (3): %v", n, err)
	}
}

func FuzzReadTransactionsCSV(f *testing.F) {
	for _, s := range []string{
		"id,date,kind,partner_id,amount\ns1,2025-07-03,sale,acme,1.00 USD\n",
		"\ufeffid,date,kind,partner_id\n\"s\n1\",2025-07-03,event,a\n",
		"id,date,kind,partner_id,amount\ns1,2025-07-03,sale,acme,1e999999999 USD\n",
		"id,date,kind,partner_id,units\ns1,2025-07-03,sale,\x00,1" + strings.Repeat("0", 5000) + "\n",
		"id,date,kind,partner_id\n\u202es1,0001-01-01,sale,a\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 3, RejectDuplicateIDs: true}) {
			if err == nil && (tx.ID == "" || tx.PartnerID == "" || tx.Date.IsZero() || !tx.Kind.IsValid()) {
				t.Fatalf("accepted an incomplete transaction %+v", tx)
			}
		}
	})
}

func FuzzReadTransactionsJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1.00 USD"}`,
		`{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":1}`,
		`{"id":"s1","date":null}`,
		"\ufeff" + `{"id":"s1","certifications":[` + strings.Repeat(`"a",`, 100) + `"a"]}`,
		`[[[[[[]]]]]]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		for tx, err := range ReadTransactionsJSONL(strings.NewReader(doc), DecodeOptions{MaxErrors: 3}) {
			if err == nil && (tx.ID == "" || tx.PartnerID == "" || tx.Date.IsZero() || !tx.Kind.IsValid()) {
				t.Fatalf("accepted an incomplete transaction %+v", tx)
			}
		}
	})
}

// TestLineErrorPaths: a CSV error's FieldPath is the JSON Pointer of the
// member in Transaction's JSON form, as for JSON Lines.
func TestLineErrorPaths(t *testing.T) {
	doc := "id,date,kind,partner_id,amount,currency\ns1,2025-02-30,sale,acme,1.00,USD\ns2,2025-07-01,sale,acme,1.00,XXX\n"
	var paths []string
	for _, err := range ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{MaxErrors: 5}) {
		var fp interface{ FieldPath() string }
		if errors.As(err, &fp) {
			paths = append(paths, fp.FieldPath())
		}
	}
	if d := cmp.Diff([]string{"/date", "/amount"}, paths); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestReadFactsJSONL(t *testing.T) {
	doc := `{"recipient":"partner:acme","fact":"metric","name":"csat","value":"4.6"}` + "\n\n" +
		`{"recipient":"rep:ana","fact":"baseline","name":"c","value":"1000.00"}` + "\n"
	f, err := ReadFactsJSONL(strings.NewReader(doc), DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !f[Recipient{RecipientPartner, "acme"}].Metrics["csat"].Equal(decimal.RequireFromString("4.6")) ||
		!f[Recipient{RecipientRep, "ana"}].Baselines["c"].Equal(decimal.New(1000, 0)) {
		t.Errorf("facts %v", f)
	}
	bad := `{"recipient":"partner:acme","fact":"metric","name":"csat","value":"x"}` + "\n" +
		`{"recipient":"partner:acme","fact":"metric","name":"csat","valeu":"1"}` + "\n"
	_, err = ReadFactsJSONL(strings.NewReader(bad), DecodeOptions{MaxErrors: 5})
	var paths []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var le *LineError
		if errors.As(e, &le) {
			paths = append(paths, strconv.Itoa(le.Line)+" "+le.FieldPath())
		}
	}
	if d := cmp.Diff([]string{"1 /value", "2 /valeu"}, paths); d != "" {
		t.Errorf("(-want +got):\n%s\n%v", d, err)
	}
}

// TestIDsThatDisplayAlike: an ID that would display like another and not
// be it — white space at either end (JSON Lines: CSV cells are trimmed),
// an invisible formatting character, a space other than U+0020 — is a bad
// line naming its member, in transactions and in facts, instead of a
// second partner "acme" beside "acme" whose volume splits from the
// first's.
func TestIDsThatDisplayAlike(t *testing.T) {
	usd := DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 10}
	jsonl := func(id, partner string) string {
		return `{"id":` + strconv.Quote(id) + `,"date":"2025-07-03","kind":"sale","partner_id":` + strconv.Quote(partner) + `,"amount":"1.00"}` + "\n"
	}
	for _, c := range []struct {
		name, csv, jsonl string
		path, want       string
	}{
		{"leading space", "", jsonl("s1", " acme"), "/partner_id", "white space at the start or end"},
		{"trailing space", "", jsonl("s1 ", "acme"), "/id", "white space at the start or end"},
		{"zero-width space", "id,date,kind,partner_id,amount\ns1,2025-07-03,sale,acme\u200b,1.00\n", jsonl("s1", "acme\u200b"), "/partner_id", "invisible character U+200B"},
		{"soft hyphen", "id,date,kind,partner_id,amount\ns\u00ad1,2025-07-03,sale,acme,1.00\n", jsonl("s\u00ad1", "acme"), "/id", "invisible character U+00AD"},
		{"no-break space", "id,date,kind,partner_id,amount\ns1,2025-07-03,sale,acme\u00a0corp,1.00\n", jsonl("s1", "acme\u00a0corp"), "/partner_id", "space character U+00A0 other than U+0020"},
	} {
		for format, doc := range map[string]string{"csv": c.csv, "jsonl": c.jsonl} {
			if doc == "" {
				continue
			}
			read := ReadTransactionsCSV
			if format == "jsonl" {
				read = ReadTransactionsJSONL
			}
			txs, _ := collect(read(strings.NewReader(doc), usd))
			var le *LineError
			var err error
			for _, e := range read(strings.NewReader(doc), usd) {
				if e != nil {
					err = e
				}
			}
			if len(txs) != 0 || !errors.As(err, &le) || le.Path != c.path || le.Line != 2-strings.Count(format, "jsonl") || !errors.Is(err, ErrLine) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s, %s: %d transactions, err = %v; want a bad line at %s saying %q", c.name, format, len(txs), err, c.path, c.want)
			}
		}
	}
	// The values a plan's eligibility lists are compared with.
	for _, c := range []struct{ csv, path string }{
		{"id,date,kind,partner_id,amount,category\ns1,2025-07-03,sale,acme,1.00,software\u200b\n", "/category"},
		{"id,date,kind,partner_id,amount,certifications\ns1,2025-07-03,sale,acme,1.00,cloud; sec\u200burity\n", "/certifications/1"},
		{"id,date,kind,partner_id,amount,segment\ns1,2025-07-03,sale,acme,1.00,\"smb\nmid\"\n", "/segment"},
		{"id,date,kind,partner_id,amount,territory\ns1,2025-07-03,sale,acme,1.00,emea\u00a0north\n", "/territory"},
	} {
		_, errs := collect(ReadTransactionsCSV(strings.NewReader(c.csv), usd))
		var le *LineError
		var err error
		for _, e := range ReadTransactionsCSV(strings.NewReader(c.csv), usd) {
			err = e
		}
		if len(errs) != 1 || !errors.As(err, &le) || le.Path != c.path {
			t.Errorf("%q: %v, want one bad line at %s", c.csv, errs, c.path)
		}
	}
	// CSV cells are trimmed: " acme " is acme.
	txs, errs := collect(ReadTransactionsCSV(strings.NewReader("id,date,kind,partner_id,amount\n s1 ,2025-07-03,sale, acme ,1.00\n"), usd))
	if len(errs) != 0 || len(txs) != 1 || txs[0].PartnerID != "acme" || txs[0].ID != "s1" {
		t.Errorf("trimmed CSV cells: %v %v", txs, errs)
	}
	// A JSON Lines credit's recipient, as a CSV one.
	_, errs = collect(ReadTransactionsJSONL(strings.NewReader(`{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"1.00",`+
		`"credits":[{"recipient":{"kind":"rep","id":"r1"},"share":"60%"},{"recipient":{"kind":"rep","id":"r1\u200b"},"share":"40%"}]}`+"\n"), usd))
	if d := cmp.Diff([]string{`incentive: line 1: /credits/1/recipient/id = "r1\u200b": invisible character U+200B (the ID would display like another)`}, errs); d != "" {
		t.Errorf("JSON Lines credits (-want +got):\n%s", d)
	}
	// An eligibility value may be long (unlike an ID).
	txs, errs = collect(ReadTransactionsCSV(strings.NewReader("id,date,kind,partner_id,amount,category\ns1,2025-07-03,sale,acme,1.00,"+strings.Repeat("c", MaxIDLen+1)+"\n"), usd))
	if len(errs) != 0 || len(txs) != 1 || len(txs[0].Category) != MaxIDLen+1 {
		t.Errorf("a long category: %v %v", txs, errs)
	}
	// A list cell's elements are trimmed as cells are.
	txs, errs = collect(ReadTransactionsCSV(strings.NewReader("id,date,kind,partner_id,amount,certifications\ns1,2025-07-03,sale,acme,1.00,cloud ; security\n"), usd))
	if len(errs) != 0 || len(txs) != 1 || !slices.Equal(txs[0].Certifications, []string{"cloud", "security"}) {
		t.Errorf("certifications cloud ; security: %v %v", txs, errs)
	}
	// Facts: the ID after "partner:", trimmed as in credits.
	f, err := ReadFactsCSV(strings.NewReader("recipient,fact,name,value\npartner: acme ,metric,csat,4.6\n"), DecodeOptions{})
	if _, ok := f[Recipient{RecipientPartner, "acme"}]; err != nil || !ok {
		t.Errorf("facts partner: acme: %v %v", f, err)
	}
	for _, doc := range []string{"recipient,fact,name,value\npartner:ac\u00a0me,metric,csat,4.6\n", "recipient,fact,name,value\npartner:acme\u200b,metric,csat,4.6\n"} {
		_, err := ReadFactsCSV(strings.NewReader(doc), DecodeOptions{})
		var le *LineError
		if !errors.As(err, &le) || le.Line != 2 || le.Column != "recipient" || !strings.Contains(err.Error(), "the ID: ") {
			t.Errorf("facts %q: err = %v", doc, err)
		}
	}
	// A fact's name (a component ID or metric name) as the plan's: "csat"
	// and "csat" with a zero-width space are not two metrics.
	_, err = ReadFactsCSV(strings.NewReader("recipient,fact,name,value\npartner:acme,metric,csat\u200b,4.6\n"), DecodeOptions{})
	if le := (*LineError)(nil); !errors.As(err, &le) || le.Column != "name" || !strings.Contains(err.Error(), "invisible character U+200B") {
		t.Errorf("a fact name with a zero-width space: %v", err)
	}
	_, err = ReadFactsJSONL(strings.NewReader(`{"recipient":"rep:ana\u2060","fact":"metric","name":"csat","value":"4.6"}`+"\n"), DecodeOptions{})
	if err == nil || !strings.Contains(err.Error(), "invisible character U+2060") {
		t.Errorf("facts JSONL: err = %v", err)
	}
}

// TestCurrencyMessages: a bad currency says what a code is, and the code
// meant when it is one in lower case; the amount of a line whose currency
// column is bad is not reported as a second error; a mismatch says where
// the other currency came from (the currency column, or the expected
// currency of DecodeOptions when there is none).
func TestCurrencyMessages(t *testing.T) {
	usd := DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 10}
	const h = "id,date,kind,partner_id,amount,currency\n"
	for _, c := range []struct{ doc, want string }{
		{h + "s1,2025-07-03,sale,acme,100.00,usd\n", `incentive: line 2: currency = "usd": not a currency code: want three upper-case letters (ISO 4217): did you mean "USD"?`},
		{h + "s1,2025-07-03,sale,acme,100.00,dollars\n", `incentive: line 2: currency = "dollars": not a currency code: want three upper-case letters (ISO 4217), such as USD`},
		{h + "s1,2025-07-03,sale,acme,100.00,XYZ\n", `incentive: line 2: currency = "XYZ": unknown currency: not an ISO 4217 code`},
		{h + "s1,2025-07-03,sale,acme,100.00 EUR,USD\n", `incentive: line 2: amount = "100.00 EUR": currency mismatch: the amount is in EUR, the currency column says USD`},
		{"id,date,kind,partner_id,amount\ns1,2025-07-03,sale,acme,100.00 EUR\n", `incentive: line 2: amount = "100.00 EUR": currency mismatch: the amount is in EUR, the expected currency is USD`},
		{"id,date,kind,partner_id,amount\ns1,2025-07-03,sale,acme,100.00 eur\n", `incentive: line 2: amount = "100.00 eur": not a currency code: want three upper-case letters (ISO 4217): did you mean "EUR"?`},
		// Not a number before the code: the number is what is wrong.
		{"id,date,kind,partner_id,amount\ns1,2025-07-03,sale,acme,1 000.00 USD\n", `incentive: line 2: amount = "1 000.00 USD": invalid syntax`},
	} {
		_, errs := collect(ReadTransactionsCSV(strings.NewReader(c.doc), usd))
		if d := cmp.Diff([]string{c.want}, errs); d != "" {
			t.Errorf("%q (-want +got):\n%s", c.doc, d)
		}
	}
	_, errs := collect(ReadTransactionsJSONL(strings.NewReader(`{"id":"s1","date":"2025-07-03","kind":"sale","partner_id":"acme","amount":"100.00 usd"}`+"\n"), usd))
	if d := cmp.Diff([]string{`incentive: line 1: /amount = "100.00 usd": not a currency code: want three upper-case letters (ISO 4217): did you mean "USD"?`}, errs); d != "" {
		t.Errorf("JSON Lines (-want +got):\n%s", d)
	}
}
