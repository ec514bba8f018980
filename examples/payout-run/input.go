package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// row is a parsed transaction and the line it came from.
type row struct {
	line int
	tx   incentive.Transaction
}

// load reads path, or the embedded sample file when path is empty; "-"
// stands for no document.
func load(path, embedded string) (name string, data []byte, err error) {
	switch path {
	case "":
		data, err = sample.ReadFile(embedded)
		return embedded + " (embedded)", data, err
	case "-":
		return "(none)", nil, nil
	}
	data, err = os.ReadFile(path)
	return path, data, err
}

// eachRecord calls fn for every record of a CSV document whose header row
// names its columns; get returns a column's value ("" if absent). Unknown,
// repeated and missing required columns are errors; errors name the line.
func eachRecord(name string, data []byte, known, required []string, fn func(line int, get func(string) string) error) error {
	if len(data) == 0 {
		return nil
	}
	r := csv.NewReader(bytes.NewReader(data))
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for i, col := range header {
		if !slices.Contains(known, col) || slices.Index(header, col) != i {
			return fmt.Errorf("%s:1: unknown or repeated column %q (known: %s)", name, col, strings.Join(known, ","))
		}
	}
	for _, col := range required {
		if !slices.Contains(header, col) {
			return fmt.Errorf("%s:1: missing column %q", name, col)
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		get := func(col string) string {
			if i := slices.Index(header, col); i >= 0 {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if err := fn(line, get); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}

// parseTransactions reads the transactions CSV; amounts without a currency
// column are in the plan currency.
func parseTransactions(name string, data []byte, cur money.Currency) ([]row, error) {
	known := []string{"id", "date", "kind", "partner", "rep", "amount", "currency", "units", "motion", "billing",
		"authorised", "tier", "certifications", "territory", "category", "segment", "event", "corrects"}
	var rows []row
	err := eachRecord(name, data, known, []string{"id", "date", "kind", "partner"}, func(line int, get func(string) string) error {
		t := incentive.Transaction{ID: get("id"), PartnerID: get("partner"), RepID: get("rep"),
			PartnerTier: get("tier"), Territory: get("territory"), Category: get("category"),
			Segment: get("segment"), Event: get("event"), Corrects: get("corrects")}
		var errs []error
		field := func(col string, parse func(string) error) {
			if s := get(col); s != "" {
				if err := parse(s); err != nil {
					errs = append(errs, fmt.Errorf("field %q: %w", col, err))
				}
			}
		}
		c := cur
		field("date", func(s string) error { d, err := incentive.ParseDate(s); t.Date = d.Time(); return err })
		field("kind", func(s string) error { return t.Kind.UnmarshalText([]byte(s)) })
		field("currency", func(s string) (err error) { c, err = money.ParseCurrency(s); return err })
		field("amount", func(s string) (err error) { t.Amount, err = money.ParseIn(s, c); return err })
		field("units", func(s string) (err error) { t.Units, err = money.ParseDecimal(s); return err })
		field("motion", func(s string) error { return t.Motion.UnmarshalText([]byte(s)) })
		field("billing", func(s string) error { return t.Billing.UnmarshalText([]byte(s)) })
		field("authorised", func(s string) (err error) { t.Authorised, err = strconv.ParseBool(s); return err })
		field("certifications", func(s string) error { t.Certifications = strings.Split(s, ";"); return nil })
		for _, col := range []string{"id", "date", "kind", "partner"} {
			if get(col) == "" {
				errs = append(errs, fmt.Errorf("field %q: required", col))
			}
		}
		if get("amount") == "" && t.Kind != incentive.QualifyingEvent && t.Kind.IsValid() {
			errs = append(errs, fmt.Errorf("field \"amount\": required for a %s", t.Kind))
		}
		rows = append(rows, row{line: line, tx: t})
		return errors.Join(errs...)
	})
	return rows, err
}

// parseFacts reads the facts CSV: recipient (partner:ID or rep:ID), fact
// (baseline, quota or metric), name (component ID or metric) and value.
func parseFacts(name string, data []byte) (incentive.Facts, error) {
	facts := incentive.Facts{}
	err := eachRecord(name, data, []string{"recipient", "fact", "name", "value"}, []string{"recipient", "fact", "name", "value"}, func(_ int, get func(string) string) error {
		var rec incentive.Recipient
		kind, id, ok := strings.Cut(get("recipient"), ":")
		if err := rec.Kind.UnmarshalText([]byte(kind)); err != nil || !ok || id == "" {
			return fmt.Errorf("field \"recipient\": %q is not partner:ID or rep:ID", get("recipient"))
		}
		rec.ID = id
		v, err := money.ParseDecimal(get("value"))
		if err != nil {
			return fmt.Errorf("field \"value\": %w", err)
		}
		f := facts[rec]
		var m *map[string]decimal.Decimal
		switch get("fact") {
		case "baseline":
			m = &f.Baselines
		case "quota":
			m = &f.Quotas
		case "metric":
			m = &f.Metrics
		default:
			return fmt.Errorf("field \"fact\": %q is not baseline, quota or metric", get("fact"))
		}
		if *m == nil {
			*m = map[string]decimal.Decimal{}
		}
		if _, dup := (*m)[get("name")]; dup {
			return fmt.Errorf("%s %s %q given twice", rec, get("fact"), get("name"))
		}
		(*m)[get("name")] = v
		facts[rec] = f
		return nil
	})
	return facts, err
}
