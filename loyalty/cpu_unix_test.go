//go:build unix

package loyalty_test

import (
	"syscall"
	"testing"
)

// loop runs f in b.Loop and reports, beside the wall time, the process's
// CPU time per iteration (user + system, GC workers included): on a
// shared machine it varies far less than the wall time.
func loop(b *testing.B, f func()) {
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	n := 0
	for b.Loop() {
		f()
		n++
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := after.Utime.Nano() - before.Utime.Nano() + after.Stime.Nano() - before.Stime.Nano()
	b.ReportMetric(float64(cpu)/float64(n), "cpu-ns/op")
}
