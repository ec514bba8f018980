package incentive

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// These tests kill mutants of decode.go that the -short suite never ran
// (gremlins: NOT COVERED) or that survived it.

// lineErrs lists each error of a transaction decoder as "line N" plus its
// text, so a wrong line number shows.
func lineErrs(t *testing.T, seq func(func(Transaction, error) bool)) (ids []string, errs []string) {
	t.Helper()
	for tx, err := range seq {
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				errs = append(errs, "not a *LineError: "+err.Error())
				continue
			}
			errs = append(errs, err.Error())
			continue
		}
		ids = append(ids, tx.ID)
	}
	return ids, errs
}

// A JSON Lines line longer than MaxLineBytes is a *LineError on that
// line, read past, and the decoder goes on: two good lines, line 3 too
// long, lines 4 and 5 good. A line of exactly MaxLineBytes with its line
// feed is read; one byte more is too long; a long last line without a
// line feed too.
func TestMutJSONLLongLineNumber(t *testing.T) {
	good := `{"id":"e%d","date":"2025-07-03","kind":"event","partner_id":"acme"}` + "\n"
	line := func(id string, n int) string { // a line of n bytes with its line feed
		l := `{"id":"` + id + `","segment":"` + "\"}\n"
		return strings.Replace(l, `"}`, strings.Repeat("s", n-len(l))+`"}`, 1)
	}
	doc := strings.Replace(good, "%d", "1", 1) + strings.Replace(good, "%d", "2", 1) +
		`{"id":"` + strings.Repeat("x", MaxLineBytes) + `"}` + "\n" +
		strings.Replace(good, "%d", "4", 1) + line("e5", MaxLineBytes) + line("e6", MaxLineBytes+1) + strings.Replace(good, "%d", "7", 1) +
		`{"id":"` + strings.Repeat("y", MaxLineBytes) + `"}`
	ids, errs := lineErrs(t, ReadTransactionsJSONL(strings.NewReader(doc), DecodeOptions{MaxErrors: 5}))
	if d := cmp.Diff([]string{"e1", "e2", "e4", "e7"}, ids); d != "" {
		t.Errorf("ids (-want +got):\n%s", d)
	}
	want := []string{"incentive: line 3: line longer than 65536 bytes", "incentive: line 6: line longer than 65536 bytes", "incentive: line 8: line longer than 65536 bytes"}
	if len(errs) != 4 || !strings.HasPrefix(errs[1], "incentive: line 5: ") || !slices.Equal([]string{errs[0], errs[2], errs[3]}, want) {
		t.Errorf("errors %q, want %q and line 5 bad (no date: read, not too long)", errs, want)
	}
}

// The byte CSV reader: an empty document yields nothing (io.EOF before a
// header is not an error); a header it cannot read is a *LineError on
// line 1.
func TestMutCSVHeaderRead(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		want      []string
	}{
		{"empty", "", nil},
		{"bom only", "\ufeff", nil},
		{"blank lines", "\n\n", nil},
		{"bare quote in header", "id,da\"te,kind,partner_id\n", []string{`incentive: line 1: parse error on line 1, column 1: bare " in non-quoted-field`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, comma := range []rune{0, '¦'} { // the byte reader and encoding/csv
				_, errs := lineErrs(t, ReadTransactionsCSV(strings.NewReader(strings.ReplaceAll(c.doc, ",", string(orComma(comma)))), DecodeOptions{Comma: comma}))
				if comma != 0 && len(errs) > 0 {
					// encoding/csv words the column of a bare quote itself.
					if len(errs) != 1 || !strings.HasPrefix(errs[0], "incentive: line 1: ") || !strings.Contains(errs[0], `bare "`) {
						t.Errorf("comma %q: %q", comma, errs)
					}
					continue
				}
				if d := cmp.Diff(c.want, errs); d != "" {
					t.Errorf("comma %q (-want +got):\n%s", comma, d)
				}
			}
		})
	}
}

func orComma(c rune) rune {
	if c == 0 {
		return ','
	}
	return c
}

// ReadFactsCSV with a delimiter beyond ASCII reads through encoding/csv
// (csvRecords' second branch): the facts come out as with commas, and a
// bad record is a *LineError.
func TestMutFactsCSVRuneComma(t *testing.T) {
	doc := "recipient¦fact¦name¦value\npartner:acme¦metric¦csat¦4.6\nrep:ana¦quota¦c¦100\n"
	f, err := ReadFactsCSV(strings.NewReader(doc), DecodeOptions{Comma: '¦'})
	if err != nil {
		t.Fatal(err)
	}
	want := Facts{
		{RecipientPartner, "acme"}: {Metrics: map[string]decimal.Decimal{"csat": decimal.RequireFromString("4.6")}},
		{RecipientRep, "ana"}:      {Quotas: map[string]decimal.Decimal{"c": decimal.New(100, 0)}},
	}
	if d := cmp.Diff(want, f); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	_, err = ReadFactsCSV(strings.NewReader("recipient¦fact¦name¦value\npartner:a¦metric¦csat¦4.6¦x\n"), DecodeOptions{Comma: '¦'})
	var le *LineError
	if !errors.As(err, &le) || le.Line != 2 || !errors.Is(err, ErrLine) {
		t.Errorf("a record wider than the header: %v, want a *LineError on line 2", err)
	}
}

// factErrs lists the errors a facts decoder joined: "line N" for each
// *LineError, "too many: <text>" for ErrTooManyErrors.
func factErrs(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var out []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var le *LineError
		switch {
		case errors.As(e, &le):
			out = append(out, "line "+strconv.Itoa(le.Line))
		case errors.Is(e, ErrTooManyErrors):
			out = append(out, "too many: "+e.Error())
		default:
			out = append(out, "other: "+e.Error())
		}
	}
	return out
}

// The facts decoders report MaxErrors + 1 bad lines, then
// ErrTooManyErrors "stopped after MaxErrors + 1", and stop; with
// MaxErrors 0 they stop at the first bad line, without ErrTooManyErrors.
// Lines 2 to 6 are bad (no "partner:" or "rep:" prefix), line 7 too.
func TestMutFactsMaxErrors(t *testing.T) {
	var csvDoc, jsonDoc strings.Builder
	csvDoc.WriteString("recipient,fact,name,value\n")
	for range 6 {
		csvDoc.WriteString("acme,metric,csat,4.6\n")
		jsonDoc.WriteString(`{"recipient":"acme","fact":"metric","name":"csat","value":"4.6"}` + "\n")
	}
	for _, c := range []struct {
		max  int
		want []string
	}{
		{0, []string{"line 2"}},
		{1, []string{"line 2", "line 3", "too many: incentive: too many invalid lines: stopped after 2"}},
		{2, []string{"line 2", "line 3", "line 4", "too many: incentive: too many invalid lines: stopped after 3"}},
	} {
		_, err := ReadFactsCSV(strings.NewReader(csvDoc.String()), DecodeOptions{MaxErrors: c.max})
		if d := cmp.Diff(c.want, factErrs(t, err)); d != "" {
			t.Errorf("CSV, MaxErrors %d (-want +got):\n%s", c.max, d)
		}
		// JSON Lines have no header: the same lines are 1 to 6.
		want := make([]string, len(c.want))
		for i, w := range c.want {
			if n, ok := strings.CutPrefix(w, "line "); ok {
				k, _ := strconv.Atoi(n)
				w = "line " + strconv.Itoa(k-1)
			}
			want[i] = w
		}
		_, err = ReadFactsJSONL(strings.NewReader(jsonDoc.String()), DecodeOptions{MaxErrors: c.max})
		if d := cmp.Diff(want, factErrs(t, err)); d != "" {
			t.Errorf("JSONL, MaxErrors %d (-want +got):\n%s", c.max, d)
		}
	}
}

// A facts JSON Lines line longer than MaxLineBytes is a *LineError on
// that line: two facts, then line 3 too long (line + 1 = 3).
func TestMutFactsJSONLLongLine(t *testing.T) {
	doc := `{"recipient":"partner:a","fact":"metric","name":"csat","value":"4.6"}` + "\n" +
		`{"recipient":"partner:b","fact":"metric","name":"csat","value":"4.6"}` + "\n" +
		`{"recipient":"` + strings.Repeat("x", MaxLineBytes) + `"}` + "\n"
	_, err := ReadFactsJSONL(strings.NewReader(doc), DecodeOptions{MaxErrors: 5})
	if d := cmp.Diff([]string{"line 3"}, factErrs(t, err)); d != "" || !strings.Contains(err.Error(), "line longer than 65536 bytes") {
		t.Errorf("%v (-want +got):\n%s", err, d)
	}
}

// A delimiter of U+0080 (two bytes in UTF-8, C2 80) is read by
// encoding/csv, not split byte by byte: the field "Ā" (C4 80) holds the
// byte 0x80 but no delimiter.
func TestMutCSVDelimiterBeyondASCII(t *testing.T) {
	const sep = "\u0080"
	doc := strings.Join([]string{"id", "date", "kind", "partner_id", "territory"}, sep) + "\n" +
		strings.Join([]string{"e1", "2025-07-03", "event", "acme", "Ā"}, sep) + "\n"
	var got []string
	for tx, err := range ReadTransactionsCSV(strings.NewReader(doc), DecodeOptions{Comma: '\u0080'}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, tx.ID+" "+tx.PartnerID+" "+tx.Territory)
	}
	if d := cmp.Diff([]string{"e1 acme Ā"}, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
