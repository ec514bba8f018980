package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/examples/internal/golden"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt")

// TestGolden runs the program on the embedded sample and compares its
// output with testdata/golden.txt. The figures, checked by hand (Q3 2025,
// half-even to cents; s11 is dated after the period and r01 corrects Q2,
// so both are skipped: 28 rows, 26 in the period):
//
//	volume-rebate (authorised sales only, all-units 1 % / 2 % from 100,000 / 3 % from 250,000):
//	  acme 180,000 + 94,000 + 12,500.50 − 2,500.50 = 284,000.00 → 3 % = 8,520.00
//	  bolt 99,999.99 + 0.01 = 100,000.00 (s06 unauthorised) → the bound, tier 2: 2 % = 2,000.00
//	  cyan 42,000 + 35,123.45 − 7,000 = 70,123.45 → 1 % = 701.2345 → 701.23
//	  dune 260,000 + 15,000 = 275,000.00 → 3 % = 8,250.00
//	cloud-bonus (recurring renewal/expansion, 2 % × csat factor, cap 2,000):
//	  acme 104,000.00 × 2 % = 2,080 × 1.25 (csat 4.6) = 2,600 → capped 2,000.00
//	  bolt 18,000 × 2 % = 360 × 0.5 (csat 3.8) = 180.00
//	  cyan 70,123.45 × 2 % = 1,402.469 × 1 (csat 4.2) → 1,402.47
//	  dune 15,000 × 2 % = 300 × 1.25 (csat 4.9) = 375.00
//	rep-spiff (new business, incremental 2 % to 50,000 then 4 %):
//	  ana 180,000: 1,000 + 4 % × 130,000 = 6,200.00; cy 100,000: 1,000 + 2,000 = 3,000.00;
//	  eli 260,000: 1,000 + 4 % × 210,000 = 9,400.00
//	lead-spiff (flat 150 from 3 events, 400 from 6): ana 3 → 150, cy 1 → 0, dee 4 → 150, eli 6 → 400
//	total 19,471.23 + 3,957.47 + 18,600.00 + 700.00 = 42,728.70 USD
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(nil, &buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "golden.txt"), buf.Bytes(), *update)
	for _, s := range []string{"total 42728.70 USD", "# shards: 4, identical: true"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("output lacks %q", s)
		}
	}
}

// TestShards checks that any shard count gives the single-pass result.
func TestShards(t *testing.T) {
	for _, n := range []string{"1", "2", "3", "7"} {
		var buf bytes.Buffer
		if err := run([]string{"-shards", n}, &buf); err != nil {
			t.Fatalf("-shards %s: %v", n, err)
		}
		if !strings.Contains(buf.String(), "# shards: "+n+", identical: true") {
			t.Errorf("-shards %s: %s", n, buf.String())
		}
	}
}

// TestInvalidInput checks that bad input is an error naming the file,
// line and field.
func TestInvalidInput(t *testing.T) {
	sampleTx, err := os.ReadFile(filepath.Join("testdata", "transactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	samplePlan, err := os.ReadFile(filepath.Join("testdata", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	sampleFacts, err := os.ReadFile(filepath.Join("testdata", "facts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, flag, file, old, new, want string
	}{
		{"bad amount", "-tx", "tx.csv", "12500.50", "12500.5.0", `tx.csv: incentive: line 4: amount = "12500.5.0": invalid syntax`},
		{"unknown kind", "-tx", "tx.csv", "s05,2025-07-09,sale", "s05,2025-07-09,purchase", `tx.csv: incentive: line 6: kind = "purchase": unknown transaction kind "purchase"`},
		{"bad date", "-tx", "tx.csv", "2025-07-21", "2025-02-30", `tx.csv: incentive: line 3: date = "2025-02-30": invalid value: date "2025-02-30" is not a calendar day`},
		{"missing partner", "-tx", "tx.csv", "s12,2025-08-20,sale,dune", "s12,2025-08-20,sale,", `tx.csv: incentive: line 13: partner_id: required`},
		{"sale without amount", "-tx", "tx.csv", "s13,2025-09-30,sale,dune,eli,15000.00", "s13,2025-09-30,sale,dune,eli,", `tx.csv: incentive: line 14: amount: required for a sale`},
		{"sign against kind", "-tx", "tx.csv", "credit-note,acme,ana,-2500.50", "credit-note,acme,ana,2500.50", `tx.csv: incentive: transaction "s04": /amount = "2500.50 USD": invalid transaction: a credit-note is negative (a sale is positive)`},
		{"other currency", "-tx", "tx.csv", "35123.45,USD", "35123.45,EUR", `tx.csv: incentive: transaction "s09": /amount = "35123.45 EUR": currency mismatch`},
		{"unknown column", "-tx", "tx.csv", "id,date", "id,colour,date", `tx.csv: incentive: line 1: colour: unknown column (known: id, date,`},
		{"short row", "-tx", "tx.csv", "s03,", "s03,x,", `tx.csv: incentive: line 4: record on line 4: wrong number of fields`},
		{"number for a rate", "-plan", "plan.json", `"rate": "2%"}]}`, `"rate": 0.02}]}`, `/components/1/schedule/tiers/0/rate`},
		{"unknown plan field", "-plan", "plan.json", `"cap": "2000"`, `"cap": "2000", "capp": "1"`, `unknown field at "/components/1/capp"`},
		{"plan without facts", "-plan", "plan.json", "", "", "incentive: recipient \"partner:acme\": /metrics/csat: missing recipient fact: no metric \"csat\"\n" +
			"incentive: recipient \"partner:bolt\": /metrics/csat: missing recipient fact: no metric \"csat\"\n"}, // every recipient, not only the first
		{"duplicate ID", "-tx", "tx.csv", "s05,2025-07-09", "s04,2025-07-09", `tx.csv: incentive: line 6: id = "s04": transaction ID already used on line 5`},
		{"bad fact recipient", "-facts", "facts.csv", "partner:bolt", "bolt", `facts.csv: incentive: line 3: recipient = "bolt": not partner:ID or rep:ID`},
		{"fact twice", "-facts", "facts.csv", "partner:bolt", "partner:acme", `facts.csv: incentive: line 3: name = "csat": partner:acme metric given twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := map[string]string{"-tx": string(sampleTx), "-plan": string(samplePlan), "-facts": string(sampleFacts)}[tt.flag]
			if !strings.Contains(data, tt.old) {
				t.Fatalf("sample lacks %q", tt.old)
			}
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, []byte(strings.Replace(data, tt.old, tt.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			err := run([]string{tt.flag, path}, new(bytes.Buffer))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestShardsBounded: -shards is bounded before any work (it used to accept
// 1,000,000,000 and run out of memory making the shards).
func TestShardsBounded(t *testing.T) {
	for _, n := range []string{"-1", "257", "1000000000"} {
		err := run([]string{"-shards", n}, new(bytes.Buffer))
		if err == nil || !strings.Contains(err.Error(), "must be between 0 and 256") {
			t.Errorf("-shards %s: %v", n, err)
		}
	}
}

// TestEveryBadLineReported: a run reports every bad line, not only the
// first (here lines 3 and 4).
func TestEveryBadLineReported(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "transactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.NewReplacer("2025-07-21", "2025-02-30", "12500.50", "12500.5.0").Replace(string(data))
	path := filepath.Join(t.TempDir(), "tx.csv")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	err = run([]string{"-tx", path}, new(bytes.Buffer))
	if err == nil || !strings.Contains(err.Error(), "line 3: date") || !strings.Contains(err.Error(), "line 4: amount") {
		t.Errorf("error %v, want lines 3 and 4", err)
	}
}
