//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDuplicateIDsNamedPipe: -tx naming a named pipe, which gives its
// bytes once, is copied for the duplicate-ID check's second reading, as
// stdin is: the run rejects the same lines as on a regular file, instead
// of waiting for a second writer (or, on /dev/fd/N, reading nothing and
// reporting that the input changed).
func TestDuplicateIDsNamedPipe(t *testing.T) {
	tx := append(append([]byte{}, mustRead(t, "transactions.csv")...), dupLines...)
	_, want, wantRejects, wantErr := dupRun(t, tx, false)
	dir, tmp := t.TempDir(), t.TempDir()
	fifo, rej := filepath.Join(dir, "tx.csv"), filepath.Join(dir, "rejects.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.Write(tx)
		f.Close()
	}()
	type result struct {
		summary string
		err     error
	}
	done := make(chan result, 1)
	go func() {
		var o, e bytes.Buffer
		err := run([]string{"-tx", fifo, "-from", demoFrom, "-until", demoUntil, "-ledger-in", filepath.Join("testdata", "ledger-q2.json"),
			"-rejects", rej, "-tmpdir", tmp}, env{stdout: &o, stderr: &e})
		done <- result{strings.ReplaceAll(e.String(), dir, "DIR"), err}
	}()
	select {
	case r := <-done:
		rejects, _ := os.ReadFile(rej)
		if wantErr == nil || !strings.Contains(wantErr.Error(), "5 rejected lines") || r.err == nil || !strings.Contains(r.err.Error(), "5 rejected lines") ||
			r.summary != want || string(rejects) != wantRejects {
			t.Errorf("named pipe: %v\n%s\n%s\n--- regular file: %v\n%s\n%s", r.err, r.summary, rejects, wantErr, want, wantRejects)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("named pipe: the run still waits after 30 s (opened again for the second reading?)")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
