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

// TestGolden runs the program with its defaults and compares the output
// with testdata/golden.txt. The figures, checked by hand:
//
//	funnel ("doing the math"): 100,000,000 × 1 = 100,000,000 of services;
//	  200 × 1000 = 200,000 per consultant → 500 consultants; 500 / 5 = 100 partners;
//	  100 / 20 % = 500 recruits; backwards 100 partners × 5 × 200,000 = 100,000,000, and
//	  500 recruits × 20 % = 100 partners, the same.
//	concentration of the 20 partners (thousands: 5000 3000 2000 1500 | 900 700 600 500 | 400 … 30),
//	  total 16,000: top 20 % = 4 partners = 11,500 / 16,000 = 71.875 % → 71.9 %;
//	  80 % = 12,800 needs 6 partners (top 5 = 12,400, top 6 = 13,100) = 30 %;
//	  Gini = (2 Σ i·x_(i) − 21 Σx) / (20 Σx) with Σ i·x_(i) = 274,310 (ascending):
//	  (548,620 − 336,000) / 320,000 = 0.6644375 → 0.6644;
//	  HHI = Σx² / (Σx)² = 42,566,800 / 256,000,000 = 0.166276… = 1662.76… points → 1663; 1/HHI = 6.0141… → 6.01.
//	recruit or develop over 4 periods: the next 20 % are ranks 5–8 (900 + 700 + 600 + 500 = 2,700
//	  thousand a period); +10 % = 270,000 × ramp 0.5 + 1 + 1 + 1 = 945,000 for 4 × 50,000 = 200,000:
//	  return 4.725, a tie → 4.72 half-even; recruiting 10 × 20 % × 150,000 × (0 + 0.25 + 0.75 + 1)
//	  = 600,000 for 10 × 25,000 = 250,000: return 2.40. Develop wins.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(nil, &buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "golden.txt"), buf.Bytes(), *update)
}

// TestFlags checks a changed funnel and errors that name their input.
func TestFlags(t *testing.T) {
	dir := t.TempDir()
	badRevenue := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(badRevenue, []byte("partner,revenue,currency\na,100.00,USD\nb,-5.00,USD\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badAmount := filepath.Join(dir, "amount.csv")
	if err := os.WriteFile(badAmount, []byte("partner,revenue,currency\na,1e6,USD\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string // a substring of the output or of the error
	}{
		// 250,000,000 × 0.5 = 125,000,000 / (180 × 1,200 = 216,000) = 578.7… → 579 consultants;
		// 579 / 4 = 144.75 → 145 partners; 145 / 25 % = 580 recruits.
		{"other funnel", []string{"-target", "250000000 EUR", "-service-ratio", "0.5", "-rate", "180", "-hours", "1200", "-per-partner", "4", "-productive", "25%"}, "partners to recruit (25% become productive)                           580"},
		{"bad rate text", []string{"-productive", "twenty"}, `invalid value "twenty" for flag -productive`},
		{"zero hours", []string{"-hours", "0"}, "/billable_hours"},
		{"share above 1", []string{"-productive", "120%"}, "/funnel/stages/0/rate"},
		{"negative revenue", []string{"-revenues", badRevenue}, "/revenues/1/revenue"},
		{"malformed revenue", []string{"-revenues", badAmount}, `amount.csv:2: field "revenue"`},
		{"no file", []string{"-revenues", filepath.Join(dir, "missing.csv")}, "missing.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := run(tt.args, &buf)
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
