package incentive

import (
	"errors"
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

// A JSON Lines line longer than MaxLineBytes stops the decoder with a
// *LineError on that line: two good lines, then line 3 is too long
// (line + 1 after the two lines read = 3).
func TestMutJSONLLongLineNumber(t *testing.T) {
	good := `{"id":"e%d","date":"2025-07-03","kind":"event","partner_id":"acme"}` + "\n"
	doc := strings.Replace(good, "%d", "1", 1) + strings.Replace(good, "%d", "2", 1) +
		`{"id":"` + strings.Repeat("x", MaxLineBytes) + `"}` + "\n"
	ids, errs := lineErrs(t, ReadTransactionsJSONL(strings.NewReader(doc), DecodeOptions{MaxErrors: 5}))
	if d := cmp.Diff([]string{"e1", "e2"}, ids); d != "" {
		t.Errorf("ids (-want +got):\n%s", d)
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "incentive: line 3: ") || !strings.Contains(errs[0], "longest line: 65536 bytes") {
		t.Errorf("errors %q, want one on line 3 naming the 65536-byte limit", errs)
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
