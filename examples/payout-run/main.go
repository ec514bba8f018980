// Command payout-run is a finance team's billing job in miniature: it
// evaluates an incentive plan over one period for a file of transactions and
// prints one CSV row per payout line (recipient, component, version, amount,
// currency) with the line's trace sentence, which says how the amount was
// reached. With no arguments it runs on an embedded sample (four components,
// four partners, 28 transactions):
//
//	go run ./examples/payout-run
//	go run ./examples/payout-run -plan plan.json -tx sales.csv -facts facts.csv \
//	    -period 2025-Q4 -from 2025-10-01 -until 2026-01-01 -shards 8
//
// The plan is incentive JSON, decoded strictly (incentive.ParsePlan). The
// transactions CSV is read by incentive.ReadTransactionsCSV: a header
// naming its columns with the member names of incentive.Transaction's JSON
// form (id, date as YYYY-MM-DD, kind and partner_id required; rep_id,
// amount, currency — default: the plan's —, units, motion, billing,
// authorised, partner_tier, certifications separated by ";", territory,
// category, segment, event, corrects optional). A transaction ID used twice
// is an error. The facts CSV (recipient,fact,name,value with fact baseline,
// quota or metric, e.g. "partner:acme,metric,csat,4.6") is read by
// incentive.ReadFactsCSV and gives the recipient facts some components need.
//
// With -shards N (1 ≤ N ≤ 256; default 4, 0 to skip) the transactions are split by
// partner across N goroutines, each with its own incentive.Accumulator; each
// shard's partial result goes through its JSON form (as it would between
// machines), the partials are combined with AddPartial, and the program
// checks that the result is byte-for-byte the single-pass result.
//
// Invalid input stops the run with exit status 1 and a message naming the
// file, line and field of every bad line (up to 100), or, for the plan,
// the JSON Pointer.
package main

import (
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

//go:embed testdata/plan.json testdata/transactions.csv testdata/facts.csv
var sample embed.FS

// maxShards bounds -shards: each shard is a goroutine with its own
// accumulator, so an unbounded count would exhaust memory before any work.
const maxShards = 256

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "payout-run:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("payout-run", flag.ContinueOnError)
	planPath := fs.String("plan", "", "incentive plan JSON `file` (default: embedded sample)")
	txPath := fs.String("tx", "", "transactions CSV `file` (default: embedded sample)")
	factsPath := fs.String("facts", "", "recipient facts CSV `file` (default: embedded sample with the default plan, none otherwise)")
	id := fs.String("period", "2025-Q3", "period ID")
	label := fs.String("label", "Q3 2025", "period label used in trace sentences")
	from := fs.String("from", "2025-07-01", "first day of the period")
	until := fs.String("until", "2025-10-01", "first day after the period")
	shards := fs.Int("shards", 4, "also evaluate on N goroutines split by partner and compare (0: skip)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (see -h)", fs.Args())
	}
	if *shards < 0 || *shards > maxShards {
		return fmt.Errorf("-shards %d: must be between 0 and %d", *shards, maxShards)
	}
	if *factsPath == "" && *planPath != "" {
		*factsPath = "-" // the sample's facts belong to the sample plan
	}
	start, errFrom := incentive.ParseDate(*from)
	end, errUntil := incentive.ParseDate(*until)
	period := incentive.NewPeriod(*id, start, end)
	period.Label = *label
	if err := errors.Join(errFrom, errUntil, period.Validate()); err != nil {
		return fmt.Errorf("period: %w", err)
	}

	name, data, err := load(*planPath, "testdata/plan.json")
	if err != nil {
		return err
	}
	plan, err := incentive.ParsePlan(data)
	if err != nil {
		return fmt.Errorf("plan %s: %w", name, err)
	}
	name, data, err = load(*factsPath, "testdata/facts.csv")
	if err != nil {
		return err
	}
	facts, err := parseFacts(name, data)
	if err != nil {
		return err
	}
	name, data, err = load(*txPath, "testdata/transactions.csv")
	if err != nil {
		return err
	}
	rows, err := parseTransactions(name, data, plan.Currency())
	if err != nil {
		return err
	}

	// The single pass: one accumulator, transactions in file order; an
	// error names the transaction.
	acc, err := incentive.NewAccumulator(plan, period)
	if err != nil {
		return err
	}
	for _, t := range rows {
		if err := acc.Add(t); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	res, err := acc.Result(facts)
	if errors.Is(err, incentive.ErrMissingFact) {
		return fmt.Errorf("%w (recipient facts come from -facts)", err)
	} else if err != nil {
		return err
	}

	_, places := plan.Rounding()
	w := csv.NewWriter(stdout)
	w.Write([]string{"recipient", "component", "version", "amount", "currency", "trace"})
	for _, l := range res.Lines {
		w.Write([]string{l.Recipient.String(), l.Component, l.Version,
			money.FormatDecimal(l.Amount, places), res.Currency.Code(), l.Trace().Sentence()})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "# plan %s v%s, period %s: %d lines, total %s %s; %d transactions in the period, %d skipped\n",
		plan.ID(), plan.Version(), period.ID, len(res.Lines), money.FormatDecimal(res.Total(), places), res.Currency.Code(),
		res.Transactions, res.Skipped)
	if *shards == 0 {
		return nil
	}
	par, sizes, err := sharded(plan, period, facts, rows, *shards)
	if err != nil {
		return err
	}
	a, errA := res.MarshalJSON() // every line with its trace, and the counts
	b, errB := par.MarshalJSON()
	if err := errors.Join(errA, errB); err != nil {
		return err
	}
	same := bytes.Equal(a, b)
	fmt.Fprintf(stdout, "# shards: %d, identical: %t (transactions per shard: %v)\n", *shards, same, sizes)
	if !same {
		return errors.New("the sharded result differs from the single pass")
	}
	return nil
}

// sharded evaluates the transactions on n goroutines, split by partner,
// and combines the shards' partial results (through their JSON form).
func sharded(plan incentive.Plan, period incentive.Period, facts incentive.Facts, rows []incentive.Transaction, n int) (_ incentive.Result, sizes []int, _ error) {
	parts := make([][]incentive.Transaction, n)
	shardOf := map[string]int{} // partners dealt round-robin as they appear
	for _, t := range rows {
		i, ok := shardOf[t.PartnerID]
		if !ok {
			i = len(shardOf) % n
			shardOf[t.PartnerID] = i
		}
		parts[i] = append(parts[i], t)
	}
	for _, p := range parts {
		sizes = append(sizes, len(p))
	}
	partials := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			acc, err := incentive.NewAccumulator(plan, period)
			if err == nil {
				err = acc.AddAll(slices.Values(parts[i]))
			}
			if err == nil {
				partials[i], err = acc.Partial().MarshalJSON()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return incentive.Result{}, nil, err
	}
	total, err := incentive.NewAccumulator(plan, period)
	if err != nil {
		return incentive.Result{}, nil, err
	}
	for i, data := range partials {
		p, err := incentive.ParsePartial(data)
		if err == nil {
			err = total.AddPartial(p)
		}
		if err != nil {
			return incentive.Result{}, nil, fmt.Errorf("shard %d: %w", i, err)
		}
	}
	res, err := total.Result(facts)
	return res, sizes, err
}
