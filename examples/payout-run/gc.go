package main

import "runtime/metrics"

// gcSwitchBytes is the live heap above which a run without the
// duplicate-ID check collects at 25 % heap growth instead of 100 %.
const gcSwitchBytes = 64 << 20

// collector sets the garbage collector's target heap growth (GOGC) for a
// run. With the duplicate-ID check the heap is mostly its buffer of IDs,
// which holds no pointers: collecting at 25 % growth keeps the peak near
// the live heap at little cost (10 million generated lines, 10,000
// partners, the check reading on one goroutine: 60 MB and 6.2 s at 25 %,
// 92 MB and 6.0 s at 100 %; measured 2026-12-03). Without
// it the live heap is the accumulators and the blocks in flight, a few
// megabytes for thousands of partners, and at 25 % the decoder's
// short-lived texts would start a collection every megabyte read: the run
// collects at 100 % (one goroutine 44 MB and 4.5 s against 35 MB and
// 5.3 s at 25 %; two goroutines 61 MB and 2.3 s against 39 MB and 3.1 s;
// measured 2026-12-03) until the live heap passes gcSwitchBytes — many
// partners —, and at 25 % from then on, so that the peak stays near the
// live heap there too. The live heap is read at the progress ticks
// (every 65,536 lines).
type collector struct {
	set  func(percent int) // nil: the collector is left alone
	live func() uint64     // the live heap in bytes
	low  bool              // at 25 % already
}

// start sets the target for a run of o.
func (c *collector) start(o options) {
	if c.set == nil {
		return
	}
	if o.mode == "pay" && !o.allowDupIDs {
		c.set(25)
		c.low = true
		return
	}
	c.set(100)
}

// tick switches to 25 % once the live heap has passed gcSwitchBytes.
func (c *collector) tick() {
	if c.set == nil || c.low || c.live() < gcSwitchBytes {
		return
	}
	c.set(25)
	c.low = true
}

// outputHeadroom is how far, in bytes, the heap may grow past the live
// heap the last collection found while the run writes its CSV output rows,
// before the collector runs. Making a row's trace sentence allocates (some
// 1.5 KB), and a small live heap — a few megabytes for thousands of
// partners — would be collected every few hundred rows at 100 %: on two
// goroutines the collector then takes a core from the rows (1 million
// generated lines, 1,000 partners, 2,100 rows, 15 runs each: -workers 2
// writes in 6.8 ms at 800 % against 9.3 ms at 100 %, -workers 1 in 10.3
// against 12.0 ms; measured 2026-12-04). The CSV rows are made and encoded
// a window at a time (csvWindow), so what the heap keeps of them is one
// window's text; JSON Lines rows, all made before they are written, are
// left at the run's target. At most maxOutputPercent.
const (
	outputHeadroom   = 16 << 20
	maxOutputPercent = 800
)

// output raises the target for the CSV output rows, if the live heap is
// small: to the growth of outputHeadroom bytes (at most
// maxOutputPercent), never below the target set before; restore puts the
// run's target back.
func (c *collector) output() (restore func()) {
	if c.set == nil {
		return func() {}
	}
	now := 100
	if c.low {
		now = 25
	}
	p := uint64(maxOutputPercent)
	if live := c.live(); live > 0 {
		p = min(p, outputHeadroom*100/live)
	}
	if int(p) <= now {
		return func() {}
	}
	c.set(int(p))
	return func() { c.set(now) }
}

// heapLive returns the heap the last collection found live, in bytes.
func heapLive() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
