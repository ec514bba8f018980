package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParallelIdentical: on any input, a run on 2 or 3 goroutines, its
// blocks of 1 to 4,096 bytes, writes byte for byte what a run on one
// goroutine writes (payout rows, summary, reject, skipped and ledger
// files, the error), with and without the duplicate-ID check, as CSV or
// JSON Lines; and the run on one goroutine writes what a run reading
// every line through the decoder and Accumulator.Add (not AddCSV) writes. The seeds are the sample file and variants of it (quoted
// fields, records on two lines, a byte-order mark, CRLF, reused IDs, a
// last line without a line feed); the fuzzer mutates from there.
func FuzzParallelIdentical(f *testing.F) {
	sample := string(mustRead(f, "transactions.csv"))
	head, body, _ := strings.Cut(sample, "\n")
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	seeds := []string{
		sample,
		"\ufeff\n" + sample,
		strings.ReplaceAll(sample, "\n", "\r\n"),
		strings.TrimSuffix(sample, "\n"),
		head + "\n" + strings.Join(lines[:5], "\n") + "\n" + lines[2] + "\n" + strings.Join(lines[5:], "\n") + "\n", // a reused ID
		head + "\n" + lines[0] + "\n" + `q1,2025-08-01,sale,"ac` + "\n" + `me",ana,10.00,"USD",new,one-time,true,,` + "\n" + strings.Join(lines[1:], "\n") + "\n",
		head + "\n" + lines[0] + "\n" + `q2,2025-08-01,event,acme,ana,,,,,,"lead ""` + "\n" + `,""x",` + "\n" + lines[1] + "\n",
		head + "\n" + strings.Join(lines[:3], "\n") + "\n" + `q3,2025-08-01,event,acme,ana,,,,,,"lead` + "\n" + `registered"`, // a last record on two lines, no line feed
		head + "\n" + lines[0] + "\n\n" + lines[1] + "\nragged,line\n" + strings.Replace(lines[2], ".", "..", 1) + "\n",
		`{"id":"j1","date":"2025-07-03","kind":"sale","partner_id":"acme","rep_id":"ana","amount":"180000.00 USD","motion":"new","billing":"one-time","authorised":true}` + "\n" +
			`{"id":"j2","date":"2025-08-03","kind":"sale","partner_id":"bolt","rep_id":"cy","amount":"99.99 USD","motion":"new","billing":"one-time","authorised":true}` + "\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint16(61+i*500), uint8(i%2), i%3 == 0, strings.HasPrefix(s, "{"))
	}
	ledger := filepath.Join("testdata", "ledger-q2.json")
	f.Fuzz(func(t *testing.T, data []byte, block uint16, extra uint8, checkIDs, jsonl bool) {
		name := "tx.csv"
		if jsonl {
			name = "tx.jsonl"
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		args := []string{"-tx", path, "-from", demoFrom, "-until", demoUntil, "-ledger-in", ledger, "-allow-rejects"}
		one := runParallel(t, 1, 0, checkIDs, args...)
		// Read by AddCSV (pass 1 of the check too): as through the
		// decoder and Add.
		runParallelOn(t, 1, 0, checkIDs, true, args...).diff(t, one, "the decoder and Add")
		n := 2 + int(extra%2)
		got := runParallel(t, n, 1+int(block%4096), checkIDs, args...)
		got.diff(t, one, fmt.Sprintf("%d goroutines, blocks of %d", n, 1+int(block%4096)))
	})
}
