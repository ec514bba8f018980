package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// dsn returns the test server's URL; without one the tests are skipped
// (.ci/run starts a real PostgreSQL server and sets PGSTORE_DSN).
func dsn(t *testing.T) string {
	d := os.Getenv("PGSTORE_DSN")
	if d == "" {
		t.Skip("PGSTORE_DSN not set: no PostgreSQL server (bash .ci/postgres start DIR starts one)")
	}
	return d
}

// TestDemo runs the program: a crash rolled back, a booked run, two
// concurrent retries that write nothing, lines equal to the
// single-process run (the program checks each and fails otherwise).
func TestDemo(t *testing.T) {
	var buf bytes.Buffer
	if err := run(context.Background(), []string{"-dsn", dsn(t), "-schema", "pgstore_test_demo", "-registrations", "200", "-seed", "7"}, &buf); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	for _, want := range []string{"after the rollback: 0 runs, 0 payout lines", "(unchanged)", "identical to the single-process run"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestHandFigures pins one line worked by hand: partner p9 sells 60,000.00
// and 50,000.01 on won registrations and 70,000.00 on a lost one:
// measure 110,000.01 ≥ 100,000 → 2 % (all units) = 2,200.0002 → 2,200.00.
func TestHandFigures(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, dsn(t), "pgstore_test_hand")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	plan, _ := incentive.ParsePlan(must(files.ReadFile("plan.json")))
	regs, sales := Generate(1, 3)
	for i, a := range []string{"60000.00 USD", "50000.01 USD", "70000.00 USD"} {
		regs[i].PartnerID, sales[i].Tx.PartnerID = "p9", "p9"
		regs[i].DealSize, sales[i].Tx.Amount = money.MustParse(a), money.MustParse(a)
		sales[i].Tx.Date = incentive.MustDate("2025-08-01").Time()
	}
	regs[0].State, regs[1].State, regs[2].State = dealreg.Won, dealreg.Won, dealreg.Lost
	if err := Seed(ctx, db, plan, regs, sales); err != nil {
		t.Fatal(err)
	}
	period := incentive.NewPeriod("2025-Q3", incentive.MustDate("2025-07-01"), incentive.MustDate("2025-10-01"))
	out, err := RunPeriod(ctx, db, plan.Hash(), period, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Lines(ctx, db, period.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "partner:p9     volume v1 measure 110000.01 → 2200.00 USD"
	if len(lines) != 1 || lines[0] != want || !out.Total.Equal(money.MustParse("2200.00 USD")) {
		t.Errorf("lines %q, total %v; want [%q], 2200.00 USD", lines, out.Total, want)
	}

	// A late sale changes the result: the booked period is not rewritten.
	if _, err := db.ExecContext(ctx, `UPDATE transactions SET amount = '50000.02 USD' WHERE id = $1`, sales[1].Tx.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := RunPeriod(ctx, db, plan.Hash(), period, nil); !errors.Is(err, ErrChanged) {
		t.Errorf("re-run after a change: %v, want ErrChanged", err)
	}
	// What the columns must never hold is the SDK's typed error.
	if _, err := db.ExecContext(ctx, `UPDATE transactions SET amount = '50000.02 DEM' WHERE id = $1`, sales[1].Tx.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := RunPeriod(ctx, db, plan.Hash(), period, nil); !errors.Is(err, money.ErrWithdrawnCurrency) {
		t.Errorf("withdrawn currency in a column: %v, want money.ErrWithdrawnCurrency", err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE transactions SET amount = '1.00 USD', kind = 'Sale' WHERE id = $1`, sales[1].Tx.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := RunPeriod(ctx, db, plan.Hash(), period, nil); !errors.Is(err, incentive.ErrEnum) {
		t.Errorf("unknown kind in a column: %v, want incentive.ErrEnum", err)
	}
	// An edited plan document no longer matches its hash.
	if _, err := db.ExecContext(ctx, `UPDATE plans SET doc = jsonb_set(doc, '{components,0,schedule,tiers,0,rate}', '"1.5%"')`); err != nil {
		t.Fatal(err)
	}
	if _, err := RunPeriod(ctx, db, plan.Hash(), period, nil); err == nil || !strings.Contains(err.Error(), "hashes to") {
		t.Errorf("edited plan: %v, want a hash mismatch", err)
	}
}
