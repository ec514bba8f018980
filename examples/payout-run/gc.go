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
// measured 2026-12-03) — or more while the live heap is small, to a growth
// of headroom bytes (see roomy) — until the live heap passes gcSwitchBytes
// — many partners —, and at 25 % from then on, so that the peak stays
// near the live heap there too. Without the check the live heap is read
// at the start and at the progress ticks (every 65,536 lines); with it,
// only before CSV output.
type collector struct {
	set  func(percent int) // nil: the collector is left alone
	live func() uint64     // the live heap in bytes
	low  bool              // at 25 % for good
	now  int               // the target set
}

// headroom is how far, in bytes, the collector lets the heap grow past a
// small live heap before it runs. Growing by 100 % of a few megabytes,
// the heap was collected two or three times in a run of 1 million lines
// on two goroutines (once on one), and every few hundred rows of its
// output (a row's trace sentence allocates some 1.5 KB); on two goroutines
// the collector then takes a core from the work (1 million generated
// lines, 1,000 partners, BenchmarkPayoutRun, 2 runs of 20 each: two
// goroutines 88.2-88.7 ns per line at 100 %, 83.8-83.9 with GOGC=800;
// the output of 2,100 rows on two goroutines 9.3 ms at 100 %, 6.8 ms at
// 800 %; measured 2026-12-04).
const headroom = 16 << 20

// minHeapGoal is the Go runtime's smallest heap goal at 100 % (4 MB): a
// live heap under it counts as it, so that a growth of headroom is at most
// 400 %.
const minHeapGoal = 4 << 20

// roomy returns the target that lets a heap of live bytes grow by
// headroom, or base if that is more.
func roomy(base int, live uint64) int {
	return max(base, int(headroom*100/max(live, minHeapGoal)))
}

// start sets the target for a run of o.
func (c *collector) start(o options) {
	if c.set == nil {
		return
	}
	switch {
	case o.mode == "pay" && !o.allowDupIDs:
		c.low = true
		c.put(25)
	case o.mode == "pay":
		c.put(roomy(100, c.live()))
	default:
		c.put(100)
	}
}

// put sets the target p.
func (c *collector) put(p int) {
	c.now = p
	c.set(p)
}

// tick switches to 25 % once the live heap has passed gcSwitchBytes, and
// until then follows the live heap's growth (roomy).
func (c *collector) tick() {
	if c.set == nil || c.low {
		return
	}
	live := c.live()
	if live >= gcSwitchBytes {
		c.low = true
		c.put(25)
		return
	}
	if p := roomy(100, live); p != c.now {
		c.put(p)
	}
}

// output raises the target for the CSV output rows to a growth of
// headroom bytes, if that is more (with the duplicate-ID check, say);
// restore puts the run's target back. The CSV rows are made and encoded
// a window at a time (csvWindow), so what the heap keeps of them is one
// window's text; JSON Lines rows, all made before they are written, are
// left at the run's target.
func (c *collector) output() (restore func()) {
	if c.set == nil {
		return func() {}
	}
	before := c.now
	p := roomy(before, c.live())
	if p <= before {
		return func() {}
	}
	c.put(p)
	return func() { c.put(before) }
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
