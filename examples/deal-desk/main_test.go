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

// TestGolden runs the program on the embedded policy and quotes and
// compares the output with testdata/golden.txt. The figures, checked by
// hand (list L = 84,000.00 USD, M = 3 % × L = 2,520.00):
//
//	compounding (the policy's stacking), waterfall order tier → registration → special → promotion:
//	  owner  84,000 × 0.88 × 0.85 × 0.95 = 59,690.40
//	  Baltic 84,000 × 0.92 × 0.75 × 0.95 = 55,062.00 (the best competitor)
//	  Elbe   84,000 × 0.88 × 0.95 = 70,224.00; Hanse 84,000 × 0.92 × 0.925 × 0.95 = 67,909.80
//	  advantage 55,062.00 − 59,690.40 = −4,628.40; the owner must be ≤ 55,062.00 − 2,520.00 = 52,542.00:
//	  violated by 7,148.40. Without Baltic's 25 % special bid it would net 73,416.00 and the best
//	  competitor would be Hanse at 67,909.80 − 2,520.00 = 65,389.80 ≥ 59,690.40: special pricing is the cause.
//	  restore: d = (L·P − X) / (L·P) = (59,690.40 − 52,542.00) / 59,690.40 = 0.1197579… → 11.9758 % (up);
//	  62,832.00 × (1 − 0.119758) = 55,307.365344 → 55,307.37, × 0.95 exactly 52,541.997… → 52,542.00.
//	additive: owner 84,000 × (1 − 0.12 − 0.15 − 0.05) = 57,120.00; Baltic 84,000 × 0.62 = 52,080.00;
//	  restore (57,120.00 − 49,560.00) / 84,000 = 9 %.
//	best-of: owner 84,000 × 0.85 = 71,400.00; Baltic 84,000 × 0.75 = 63,000.00;
//	  restore (84,000 − 60,480) / 84,000 = 28 %.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(nil, &buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "golden.txt"), buf.Bytes(), *update)
}

// TestInputs checks the stacking override and errors that name the JSON
// path of the offending member.
func TestInputs(t *testing.T) {
	policy, err := os.ReadFile(filepath.Join("testdata", "policy.json"))
	if err != nil {
		t.Fatal(err)
	}
	quotes, err := os.ReadFile(filepath.Join("testdata", "quotes.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, flag, old, new, want string
	}{
		{"additive override", "-stacking", "", "additive", "the owner needs special pricing of 9% (rounded up"},
		{"unknown stacking", "-stacking", "", "sideways", `invalid value "sideways" for flag -stacking`},
		{"rate as number", "-quotes", `"rate": "25%"`, `"rate": 0.25`, `"/competitors/0/discounts/1/rate"`},
		{"bare rate", "-quotes", `"rate": "25%"`, `"rate": "0.25"`, `rate without a unit at "/competitors/0/discounts/1/rate": did you mean "25%" (the fraction 0.25) or "0.25%"?`},
		{"policy bare rate", "-policy", `"min_advantage": "3%"`, `"min_advantage": "0.03"`, `rate without a unit at "/min_advantage": did you mean "3%" (the fraction 0.03) or "0.03%"?`},
		{"unknown member", "-quotes", `"id":`, `"ID_": "x", "id":`, `unknown field at "/ID_"`},
		{"duplicate key", "-quotes", `"id":`, `"list": "1.00 USD", "id":`, `"/list"`},
		{"unknown kind", "-quotes", `"kind": "promotion"`, `"kind": "rebate"`, `/owner/discounts/1/kind`},
		{"owner lists registration", "-quotes", `{"kind": "tier", "name": "gold tier", "rate": "12%"},
    {"kind": "promotion"`, `{"kind": "registration", "name": "mine", "rate": "12%"},
    {"kind": "promotion"`, `/owner/discounts/0/kind: the owner's registration discount comes from the policy (15%)`},
		{"stack above 100 %", "-quotes", `"special bid SB-7731", "rate": "25%"`, `"special bid SB-7731", "rate": "125%"`, `pricing: deal "D-2025-0142" /competitors/0/discounts/1/rate = "1.25": invalid discount stack: rate outside [0, 1]`},
		{"below the floor", "-quotes", `"special bid SB-7731", "rate": "25%"`, `"special bid SB-7731", "rate": "55%"`, `pricing: deal "D-2025-0142" /competitors/0/discounts: net 33037.20 below share-of-list floor 33600.00`},
		{"no deal id", "-quotes", `"id": "D-2025-0142",`, ``, `pricing: /id: missing required value`},
		{"policy unknown member", "-policy", `"min_advantage": "3%",`, `"min_advantage": "3%", "windows": "1d",`, `unknown field at "/windows"`},
		{"policy missing member", "-policy", `"min_advantage": "3%",`, ``, `/min_advantage`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arg := tt.new
			if tt.flag != "-stacking" {
				doc := string(quotes)
				if tt.flag == "-policy" {
					doc = string(policy)
				}
				if !strings.Contains(doc, tt.old) {
					t.Fatalf("sample lacks %q", tt.old)
				}
				arg = filepath.Join(t.TempDir(), "doc.json")
				if err := os.WriteFile(arg, []byte(strings.Replace(doc, tt.old, tt.new, 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var buf bytes.Buffer
			err := run([]string{tt.flag, arg}, &buf)
			got := buf.String()
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}
