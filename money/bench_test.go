package money_test

import (
	"runtime"
	"syscall"
	"testing"

	"github.com/partnerecon/partnerecon/money"
)

var (
	sinkAmount money.Amount
	sinkInt    int
)

// threadCPU returns the CPU time the calling thread has used, in
// nanoseconds (Linux RUSAGE_THREAD). On a shared machine it measures the
// work done, not the time spent waiting for a core.
func threadCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(1, &ru) != nil { // RUSAGE_THREAD
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// cpuLoop runs f in b.Loop on a locked thread and reports cpu-ns/op
// beside the wall-clock ns/op.
func cpuLoop(b *testing.B, f func()) {
	b.ReportAllocs()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := threadCPU()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64(threadCPU()-t0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkParse parses a typical amount with its code: the target is no
// allocation and at most 50 ns.
func BenchmarkParse(b *testing.B) {
	cpuLoop(b, func() {
		a, err := money.Parse("1234.56 USD")
		if err != nil {
			b.Fatal(err)
		}
		sinkAmount = a
	})
}

// BenchmarkParseIn parses a typical amount in a known currency.
func BenchmarkParseIn(b *testing.B) {
	usd := money.MustCurrency("USD")
	cpuLoop(b, func() {
		a, err := money.ParseIn("1234.56", usd)
		if err != nil {
			b.Fatal(err)
		}
		sinkAmount = a
	})
}

// BenchmarkAddCmpRound adds, compares and rounds ordinary amounts.
func BenchmarkAddCmpRound(b *testing.B) {
	x := money.MustParse("1234.56 USD")
	y := money.MustParse("0.125 USD")
	cpuLoop(b, func() {
		s, _ := x.Add(y)
		c, _ := s.Cmp(x)
		r, _ := s.Round(money.HalfEven)
		sinkAmount, sinkInt = r, c
	})
}

// BenchmarkMulRate multiplies an amount by a rate and rounds it to cents.
func BenchmarkMulRate(b *testing.B) {
	x := money.MustParse("1234.56 USD")
	r := money.MustRate("3.5%")
	cpuLoop(b, func() { sinkAmount, _ = x.MulRate(r).Round(money.HalfEven) })
}

var sinkRate money.Rate

// BenchmarkParseRate parses a typical rate: no allocation.
func BenchmarkParseRate(b *testing.B) {
	cpuLoop(b, func() {
		r, err := money.ParseRate("3.75%")
		if err != nil {
			b.Fatal(err)
		}
		sinkRate = r
	})
}
