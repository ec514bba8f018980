package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sample plan's volume rebate is all-units: 1 % from 0, 2 % from
// 100,000, 3 % from 250,000. Its cliffs, by hand: (2% − 1%) × 100,000 =
// 1,000 and (3% − 2%) × 250,000 = 2,500; with -cliff-jump 2000 only the
// second is reported.
func TestLintMode(t *testing.T) {
	out, _, err := runOut(t, "-mode", "lint")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/components/0/schedule/tiers/1", "jumps by 1000 USD", "/components/0/schedule/tiers/2", "jumps by 2500 USD"} {
		if !strings.Contains(out, want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runOut(t, "-mode", "lint", "-cliff-jump", "2000")
	if err != nil || strings.Contains(out, "jumps by 1000 USD") || !strings.Contains(out, "jumps by 2500 USD") {
		t.Errorf("-cliff-jump 2000: err %v, output:\n%s", err, out)
	}
	if _, _, err := runOut(t, "-mode", "lint", "-cliff-jump", "lots"); !errors.Is(err, errUsage) {
		t.Errorf("-cliff-jump lots: err %v, want a usage error", err)
	}
}

// A plan whose tiers pay less above a bound than below it is critical:
// 5 % of 99,999.99 = 5,000.00 just below 100,000, 1 % × 100,000 = 1,000
// from it. The lint run fails.
func TestLintModeCritical(t *testing.T) {
	plan := `{"id": "bad", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2,
 "components": [{"id": "falls", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
  "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "5%"}, {"from": "100000", "rate": "1%"}]}}]}`
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(plan), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := runOut(t, "-mode", "lint", "-plan", path)
	if !errors.Is(err, errCritical) || !strings.Contains(out, "negative-marginal") {
		t.Errorf("err %v, want errCritical with a negative-marginal finding:\n%s", err, out)
	}
}

// The demo population: 200 partners uniform on [0, 400,000]. Closed form
// per partner: 1% × 100,000²/2 / 400,000 = 125, 2% × (250,000² −
// 100,000²)/2 / 400,000 = 1,312.50, 3% × (400,000² − 250,000²)/2 /
// 400,000 = 3,656.25, so 5,093.75, and 1,018,750 per draw; tier shares ¼,
// ⅜, ⅜. The sample mean must be within 0.5 % of it, and the output must
// not depend on the number of workers.
func TestSimulateMode(t *testing.T) {
	one, _, err := runOut(t, "-mode", "simulate", "-workers", "1")
	if err != nil {
		t.Fatal(err)
	}
	three, _, err := runOut(t, "-mode", "simulate", "-workers", "3")
	if err != nil {
		t.Fatal(err)
	}
	if one != three {
		t.Errorf("output depends on -workers:\n%s\nvs\n%s", one, three)
	}
	var mean float64 //lint:allow float a tolerance check on a printed statistic, not money
	for _, line := range strings.Split(one, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "mean" {
			if _, err := fmt.Sscan(f[1], &mean); err != nil {
				t.Fatal(err)
			}
		}
	}
	if mean < 1_018_750*0.995 || mean > 1_018_750*1.005 {
		t.Errorf("mean %v, closed form 1,018,750 (±0.5 %%):\n%s", mean, one)
	}
	for _, want := range []string{"tier 1 (from 0): 0.25", "tier 2 (from 100000): 0.37", "tier 3 (from 250000): 0.37"} {
		if !strings.Contains(one, want) {
			t.Errorf("simulation lacks %q:\n%s", want, one)
		}
	}
}
