package incentive

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/money"
)

// These tests kill mutants of csvread.go (the byte CSV reader's fast
// paths) that survived the suite: each input is read by the byte reader
// and by the encoding/csv reader, and both must give the expected
// transactions or errors.

type mutCSVOut struct {
	IDs     []string
	Parties []string
	Amounts []string
	Errs    []string // "line N column path" of each *LineError
}

func mutReadCSV(t *testing.T, doc string, opt DecodeOptions, read func(r *strings.Reader, opt DecodeOptions) func(func(Transaction, error) bool)) mutCSVOut {
	t.Helper()
	var o mutCSVOut
	for tx, err := range read(strings.NewReader(doc), opt) {
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				o.Errs = append(o.Errs, "not a *LineError: "+err.Error())
				continue
			}
			// A joined error: the first *LineError.
			o.Errs = append(o.Errs, strings.Join([]string{"line", strconv.Itoa(le.Line), le.Column, le.Path}, " "))
			continue
		}
		o.IDs = append(o.IDs, tx.ID)
		o.Parties = append(o.Parties, tx.PartnerID)
		o.Amounts = append(o.Amounts, tx.Amount.String())
	}
	return o
}

func bothReaders() map[string]func(r *strings.Reader, opt DecodeOptions) func(func(Transaction, error) bool) {
	return map[string]func(r *strings.Reader, opt DecodeOptions) func(func(Transaction, error) bool){
		"bytes": func(r *strings.Reader, opt DecodeOptions) func(func(Transaction, error) bool) {
			return readTransactionsCSV(r, opt)
		},
		"encoding/csv": func(r *strings.Reader, opt DecodeOptions) func(func(Transaction, error) bool) {
			return readTransactionsCSVStd(r, opt)
		},
	}
}

func TestMutCSVFastPaths(t *testing.T) {
	usd := DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 10}
	jpy := DecodeOptions{Currency: money.MustCurrency("JPY"), MaxErrors: 10}
	const head = "id,date,kind,partner_id,amount\n"
	id128, id129 := strings.Repeat("x", MaxIDLen), strings.Repeat("y", MaxIDLen+1)
	cases := []struct {
		name string
		doc  string
		opt  DecodeOptions
		want mutCSVOut
	}{
		// Fields are trimmed of Unicode white space at either end,
		// whichever byte the field starts or ends with.
		{"leading space only", head + " s1,2025-07-03,sale, acme,1.00\n", usd,
			mutCSVOut{IDs: []string{"s1"}, Parties: []string{"acme"}, Amounts: []string{"1.00 USD"}}},
		{"trailing space only", head + "s1 ,2025-07-03 ,sale ,acme ,1.00 \n", usd,
			mutCSVOut{IDs: []string{"s1"}, Parties: []string{"acme"}, Amounts: []string{"1.00 USD"}}},
		// U+00A0 is C2 A0, U+2000 is E2 80 80, U+3000 is E3 80 80, U+0085
		// is C2 85: the last byte of each is at or above 0x80.
		{"trailing unicode spaces", head + "s1\u00a0,2025-07-03\u2000,sale\u3000,acme\u0085,1.00\u00a0\n", usd,
			mutCSVOut{IDs: []string{"s1"}, Parties: []string{"acme"}, Amounts: []string{"1.00 USD"}}},
		{"leading unicode spaces", head + "\u00a0s1,\u2000" + "2025-07-03,\u3000sale,\u0085acme,\u00a01.00\n", usd,
			mutCSVOut{IDs: []string{"s1"}, Parties: []string{"acme"}, Amounts: []string{"1.00 USD"}}},
		// IDs of printable ASCII: MaxIDLen (128) bytes pass, 129 do not,
		// in each of the four ID columns.
		{"ids at the limit", "id,date,kind,partner_id,rep_id,corrects,amount\n" +
			id128 + ",2025-07-03,credit-note," + id128 + "," + id128 + "," + id128 + ",-1.00\n", usd,
			mutCSVOut{IDs: []string{id128}, Parties: []string{id128}, Amounts: []string{"-1.00 USD"}}},
		{"id over the limit", head + id129 + ",2025-07-03,sale,acme,1.00\n", usd,
			mutCSVOut{Errs: []string{"line 2 id /id"}}},
		{"partner_id over the limit", head + "s1,2025-07-03,sale," + id129 + ",1.00\n", usd,
			mutCSVOut{Errs: []string{"line 2 partner_id /partner_id"}}},
		{"rep_id over the limit", "id,date,kind,partner_id,rep_id,amount\ns1,2025-07-03,sale,acme," + id129 + ",1.00\n", usd,
			mutCSVOut{Errs: []string{"line 2 rep_id /rep_id"}}},
		{"corrects over the limit", "id,date,kind,partner_id,corrects,amount\ns1,2025-07-03,return,acme," + id129 + ",-1.00\n", usd,
			mutCSVOut{Errs: []string{"line 2 corrects /corrects"}}},
		// Amounts: a bare whole number is that many units of the
		// currency (12 USD = 12.00 USD, not 12 cents); "-12" likewise.
		{"whole amount", head + "s1,2025-07-03,sale,acme,12\ns2,2025-07-03,return,acme,-12\n", usd,
			mutCSVOut{IDs: []string{"s1", "s2"}, Parties: []string{"acme", "acme"}, Amounts: []string{"12.00 USD", "-12.00 USD"}}},
		{"whole amount, zero places", head + "s1,2025-07-03,sale,acme,12\n", jpy,
			mutCSVOut{IDs: []string{"s1"}, Parties: []string{"acme"}, Amounts: []string{"12 JPY"}}},
		// ParseDecimal syntax: a digit before the point, one after it.
		{"no digit before the point", head + "s1,2025-07-03,sale,acme,.50\ns2,2025-07-03,sale,acme,-.50\n", usd,
			mutCSVOut{Errs: []string{"line 2 amount /amount", "line 3 amount /amount"}}},
		{"no digit after the point", head + "s1,2025-07-03,sale,acme,5.\n", jpy,
			mutCSVOut{Errs: []string{"line 2 amount /amount"}}},
		{"a sign alone", head + "s1,2025-07-03,sale,acme,-\n", jpy,
			mutCSVOut{Errs: []string{"line 2 amount /amount"}}},
		{"an event without amount, zero places", head + "e1,2025-07-03,event,acme,\n", jpy,
			mutCSVOut{IDs: []string{"e1"}, Parties: []string{"acme"}, Amounts: []string{money.Amount{}.String()}}},
		// Places other than the currency's go through ParseIn, which
		// keeps the places written (at least the currency's): 1.5 is
		// 1.50 USD, 1.500 stays 1.500 USD.
		{"fewer and more places", head + "s1,2025-07-03,sale,acme,1.5\ns2,2025-07-03,sale,acme,1.500\n", usd,
			mutCSVOut{IDs: []string{"s1", "s2"}, Parties: []string{"acme", "acme"}, Amounts: []string{"1.50 USD", "1.500 USD"}}},
	}
	for _, c := range cases {
		for name, read := range bothReaders() {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				got := mutReadCSV(t, c.doc, c.opt, read)
				if d := cmp.Diff(c.want, got); d != "" {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
	}
}

// A quoted record may run over several lines up to MaxLineBytes bytes of
// fields (each line break inside the quotes counts one byte): exactly
// MaxLineBytes is read, one more is a line error. The fields before the
// quoted one are "s1" + "2025-07-03" + "event" + "acme" = 2 + 10 + 5 + 4 =
// 21 bytes; the quoted event has a + 1 + b + 1 bytes (its two line
// breaks), so a + b = 65,536 − 23 = 65,513 fills the limit exactly. The
// event read is a + 1 + b bytes (the last line break is trimmed). Past
// the limit, the first item is the *LineError on line 2 (what follows is
// read on as new records, see TestCSVRecordLimit).
func TestMutCSVQuotedRecordLimit(t *testing.T) {
	for _, c := range []struct {
		name string
		b    int
		ok   bool
	}{
		{"exactly the limit", 65513 - 30000, true},
		{"one byte over", 65513 - 30000 + 1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := "id,date,kind,partner_id,event\ns1,2025-07-03,event,acme,\"" + strings.Repeat("a", 30000) + "\n" +
				strings.Repeat("b", c.b) + "\n\"\ns2,2025-07-03,event,acme,e\n"
			var got []string
			// At the limit the record is read whole (OnRecord has its
			// text): its event (over MaxIDLen, with a line break) is a
			// bad value of line 2.
			var text int
			opt := DecodeOptions{MaxErrors: 5, OnRecord: func(_ int, b []byte) { text = len(b) }}
			for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), opt) {
				var le *LineError
				switch {
				case err == nil:
					got = append(got, tx.ID+" "+strconv.Itoa(len(tx.Event)))
				case strings.Contains(err.Error(), "line 2: record longer than 65536 bytes"):
					got = append(got, "long")
				case errors.As(err, &le) && le.Line == 2 && le.Path == "/event":
					got = append(got, "s1 bad event of a record of "+strconv.Itoa(text)+" bytes")
				default:
					got = append(got, err.Error())
				}
			}
			// The record: its 25 bytes before the quote, the quoted
			// field (30000 + 1 + b + 1 bytes) and its quotes.
			want := []string{"s1 bad event of a record of " + strconv.Itoa(25+2+30000+1+c.b+1) + " bytes", "s2 1"}
			if !c.ok {
				want, got = []string{"long"}, got[:min(len(got), 1)]
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// The caches of enum names and currencies hold parsed values by their
// text: a text that failed to parse is not remembered as valid (the same
// unknown kind twice is two errors), and a text that is a prefix or an
// extension of a cached one is parsed on its own ("US" after "USD" is
// an unknown currency; "true" after "t" is true).
func TestMutCSVCaches(t *testing.T) {
	doc := "id,date,kind,partner_id,amount,currency,authorised\n" +
		"s1,2025-07-03,sale,acme,1.00,USD,t\n" +
		"s2,2025-07-03,Sale,acme,1.00,USD,true\n" +
		"s3,2025-07-03,Sale,acme,1.00,USD,f\n" +
		"s4,2025-07-03,sale,acme,1.00,US,false\n" +
		"s5,2025-07-03,sale,acme,1.00,USD,true\n"
	for name, read := range bothReaders() {
		t.Run(name, func(t *testing.T) {
			var got []string
			for tx, err := range read(strings.NewReader(doc), DecodeOptions{MaxErrors: 10}) {
				var le *LineError
				switch {
				case err == nil:
					got = append(got, tx.ID+" "+strconv.FormatBool(tx.Authorised))
				case errors.As(err, &le):
					got = append(got, "line "+strconv.Itoa(le.Line)+" "+le.Column)
				default:
					got = append(got, err.Error())
				}
			}
			want := []string{"s1 true", "line 3 kind", "line 4 kind", "line 5 currency", "s5 true"}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// Required fields and the date cache: a line without an ID is an error;
// "2025-07-0s" after "2025-07-03" (same first 8 bytes, and 's' & 0xf = 3:
// the same cache slot) is not that date; an impossible date seen twice is
// two errors (a failed parse is not cached).
func TestMutCSVRequiredAndDateCache(t *testing.T) {
	usd := DecodeOptions{Currency: money.MustCurrency("USD"), MaxErrors: 10}
	doc := "id,date,kind,partner_id,amount\n" +
		",2025-07-03,sale,acme,1.00\n" +
		"s1,2025-07-03,sale,acme,1.00\n" +
		"s2,2025-07-0s,sale,acme,1.00\n" +
		"s3,2025-02-30,sale,acme,1.00\n" +
		"s4,2025-02-30,sale,acme,1.00\n"
	want := mutCSVOut{IDs: []string{"s1"}, Parties: []string{"acme"}, Amounts: []string{"1.00 USD"},
		Errs: []string{"line 2 id /id", "line 4 date /date", "line 5 date /date", "line 6 date /date"}}
	for name, read := range bothReaders() {
		t.Run(name, func(t *testing.T) {
			if d := cmp.Diff(want, mutReadCSV(t, doc, usd, read)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
