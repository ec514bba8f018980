package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// maxBadLines is how many bad input lines a run reports before it stops.
const maxBadLines = 100

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

// parseTransactions reads the transactions CSV with the library decoder:
// amounts without a currency are in the plan currency, a transaction ID
// used twice is an error, and every bad line is reported (up to
// maxBadLines), each naming its line and column.
func parseTransactions(name string, data []byte, cur money.Currency) ([]incentive.Transaction, error) {
	var txs []incentive.Transaction
	var errs []error
	opt := incentive.DecodeOptions{Currency: cur, MaxErrors: maxBadLines, RejectDuplicateIDs: true}
	for t, err := range incentive.ReadTransactionsCSV(bytes.NewReader(data), opt) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		txs = append(txs, t)
	}
	return txs, errors.Join(errs...)
}

// parseFacts reads the facts CSV (recipient,fact,name,value) with the
// library decoder.
func parseFacts(name string, data []byte) (incentive.Facts, error) {
	f, err := incentive.ReadFactsCSV(bytes.NewReader(data), incentive.DecodeOptions{MaxErrors: maxBadLines})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}
