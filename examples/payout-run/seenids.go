package main

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/partnerecon/partnerecon/incentive"
)

// The duplicate-ID check, bounded by a buffer rather than by the lines.
//
// Pass 1 reads the input as usual and, for every accepted line, records a
// 128-bit hash of its transaction ID with the line number: in memory up to
// -id-buffer entries (24 bytes each; read on several goroutines, each
// holds an equal share, and a rest of the input read in order one share
// more), then sorted and spilled to a temporary file (-tmpdir, default
// os.TempDir; unlinked at once where the system allows, removed at exit
// otherwise). At the end of the input the
// sorted runs are merged: the lines whose hash another line shares are
// the candidates. With none, the run goes on as it is — by far the usual
// case, and the output is the one a run without duplicates always gave.
//
// With candidates, the input is read again from the start (pass 2) by a
// fresh job that knows them: on a candidate line it compares the real ID,
// read back from the input, with the IDs of the earlier candidate lines,
// so a hash collision cannot reject a line, and rejects the second and
// later lines of an ID ("transaction ID already used on line N"). Pass 2
// is the run whose totals, rejects and payout count: without
// -allow-rejects it writes no payout and exits 1, every reused ID in the
// reject file with the line it was first used on; with -allow-rejects the
// first line of each ID is paid and the others are not.
//
// Pass 2 needs the input again: a regular file is reopened, generated
// and embedded input is produced again, and stdin or a file that is not
// regular (a named pipe) is copied to a temporary file as pass 1 reads it
// (it costs the disk space of the input; with -allow-duplicate-ids
// nothing is copied). Memory: the buffer, 1 MB to sort it, 32 KB to merge
// each spilled run (at most 64 runs, fewer per goroutine when several
// read), plus, only when there are candidates, about 60 bytes per
// candidate line in pass 2.

// defaultIDBuffer is how many hashed IDs pass 1 holds in memory before it
// spills them (24 MB).
const defaultIDBuffer = 1 << 20

// maxIDBuffer bounds -id-buffer (2.4 GB of entries), so that a mistyped
// size fails at once rather than when the buffer has grown that far.
const maxIDBuffer = 100_000_000

// idEntry is one recorded ID: its 128-bit hash and its line.
type idEntry struct {
	h0, h1 uint64
	line   int64
}

const idEntrySize = 24

func compareEntries(a, b idEntry) int {
	if c := cmp.Compare(a.h0, b.h0); c != 0 {
		return c
	}
	if c := cmp.Compare(a.h1, b.h1); c != 0 {
		return c
	}
	return cmp.Compare(a.line, b.line)
}

// spillSet records the hashed IDs of pass 1 in sorted runs on disk.
type spillSet struct {
	seeds [2]maphash.Seed
	buf   []idEntry
	max   int
	dir   string
	runs  []*os.File
	mems  [][]idEntry // sorted buffers absorbed from the sets of other reading goroutines
	// maxRuns bounds runs (open files, merge buffers): when a spill makes
	// that many, they are merged into one.
	maxRuns int
}

func newSpillSet(dir string, max int) *spillSet {
	return &spillSet{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, max: max, dir: dir, maxRuns: maxRuns}
}

// sibling returns an empty set with s's hash seeds and directory, a
// buffer of max entries and at most runs runs, for a reading goroutine
// whose entries s absorbs.
func (s *spillSet) sibling(max, runs int) *spillSet {
	return &spillSet{seeds: s.seeds, max: max, dir: s.dir, maxRuns: runs}
}

// absorb takes o's runs and sorted buffer into s (o is then empty).
func (s *spillSet) absorb(o *spillSet) error {
	sortEntries(o.buf)
	if len(o.buf) > 0 {
		s.mems = append(s.mems, o.buf)
	}
	s.runs = append(s.runs, o.runs...)
	o.buf, o.runs = nil, nil
	if len(s.runs) >= s.maxRuns {
		return s.compact()
	}
	return nil
}

// add records id on line.
func (s *spillSet) add(id string, line int64) error {
	return s.push(idEntry{maphash.String(s.seeds[0], id), maphash.String(s.seeds[1], id), line})
}

// addBytes is add for an ID held in bytes (maphash gives a string and its
// bytes the same hash).
func (s *spillSet) addBytes(id []byte, line int64) error {
	return s.push(idEntry{maphash.Bytes(s.seeds[0], id), maphash.Bytes(s.seeds[1], id), line})
}

// push records e.
func (s *spillSet) push(e idEntry) error {
	if len(s.buf) == s.max {
		if err := s.spill(); err != nil {
			return err
		}
	}
	if len(s.buf) == cap(s.buf) {
		// Taken whole up to the default size at the first line, then
		// grown by doubling, never past max, and kept across spills. A
		// buffer grown from small made the run 25 % slower: the heap stays
		// small while it fills, and at GOGC 25 the decoder's garbage
		// started a collection every megabyte. Its pages are taken as they
		// are written, mostly (the runtime may clear a reused span).
		s.buf = slices.Grow(s.buf, min(max(cap(s.buf), defaultIDBuffer), s.max-cap(s.buf)))
	}
	s.buf = append(s.buf, e)
	return nil
}

// radixMin is the shortest run of entries sortEntries distributes by a
// byte of h0; shorter ones are sorted by comparison.
const radixMin = 64

// sortEntries sorts e by compareEntries: in place, by the top byte of h0,
// then within each of the 256 buckets by the next byte, and the next
// (an American flag sort: the hashes are uniform, so the buckets are
// even), then by comparison within what is left (a few entries, or
// equal leading bytes). Each level writes 256 streams, which stay in the
// cache; half a million entries in about a quarter of a comparison sort's
// time.
func sortEntries(e []idEntry) { radixSort(e, 56) }

// radixSort sorts e, whose entries agree on the bits of h0 above
// shift+8, by the byte of h0 at shift and below.
func radixSort(e []idEntry, shift uint) {
	if len(e) < radixMin || shift < 40 {
		slices.SortFunc(e, compareEntries)
		return
	}
	key := func(x idEntry) int { return int(x.h0>>shift) & 0xff }
	var end, next [256]int // where bucket b ends; the next place of bucket b to fill
	for i := range e {
		end[key(e[i])]++
	}
	at := 0
	for b, n := range end {
		next[b] = at
		at += n
		end[b] = at
	}
	for b := range end {
		for next[b] < end[b] {
			v := e[next[b]]
			// Move v to its bucket, taking the entry it displaces, until
			// one belongs here.
			for d := key(v); d != b; d = key(v) {
				v, e[next[d]] = e[next[d]], v
				next[d]++
			}
			e[next[b]] = v
			next[b]++
		}
	}
	from := 0
	for _, to := range end {
		if to-from > 1 {
			radixSort(e[from:to], shift-8)
		}
		from = to
	}
}

// spill writes the buffer, sorted, to a new temporary file.
func (s *spillSet) spill() error {
	sortEntries(s.buf)
	f, err := os.CreateTemp(s.dir, "payout-run-ids-*.bin")
	if err != nil {
		return fmt.Errorf("duplicate-ID check: %w", err)
	}
	s.runs = append(s.runs, f)
	// Unlinked now, the file goes with the process however it ends; where
	// an open file cannot be removed, close removes it.
	_ = os.Remove(f.Name())
	w := bufio.NewWriterSize(f, 64<<10)
	var b [idEntrySize]byte
	for _, e := range s.buf {
		binary.LittleEndian.PutUint64(b[0:], e.h0)
		binary.LittleEndian.PutUint64(b[8:], e.h1)
		binary.LittleEndian.PutUint64(b[16:], uint64(e.line))
		if _, err := w.Write(b[:]); err != nil {
			return fmt.Errorf("duplicate-ID check: %s: %w", f.Name(), err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("duplicate-ID check: %s: %w", f.Name(), err)
	}
	s.buf = s.buf[:0]
	if len(s.runs) >= s.maxRuns {
		return s.compact()
	}
	return nil
}

// maxRuns bounds the runs on disk of a set (open files, merge buffers):
// when a spill makes that many, they are merged into one. Reading on n
// goroutines, each holds at most maxRuns/n (and at least 2).
const maxRuns = 64

// compact merges the runs into one new run.
func (s *spillSet) compact() error {
	f, err := os.CreateTemp(s.dir, "payout-run-ids-*.bin")
	if err != nil {
		return fmt.Errorf("duplicate-ID check: %w", err)
	}
	_ = os.Remove(f.Name())
	w := bufio.NewWriterSize(f, 64<<10)
	var b [idEntrySize]byte
	err = s.merge(false, func(e idEntry) error {
		binary.LittleEndian.PutUint64(b[0:], e.h0)
		binary.LittleEndian.PutUint64(b[8:], e.h1)
		binary.LittleEndian.PutUint64(b[16:], uint64(e.line))
		_, err := w.Write(b[:])
		return err
	})
	if err == nil {
		err = w.Flush()
	}
	for _, r := range s.runs {
		r.Close()
		os.Remove(r.Name())
	}
	s.runs = []*os.File{f}
	if err != nil {
		return fmt.Errorf("duplicate-ID check: %s: %w", f.Name(), err)
	}
	return nil
}

// close removes the temporary files and drops the buffer.
func (s *spillSet) close() {
	for _, f := range s.runs {
		f.Close()
		os.Remove(f.Name())
	}
	s.runs, s.buf, s.mems = nil, nil, nil
}

// candidates merges the runs and the buffer and returns the lines whose
// hash at least one other line shares. It closes s.
func (s *spillSet) candidates() (map[int64]struct{}, error) {
	defer s.close()
	sortEntries(s.buf)
	cands := map[int64]struct{}{}
	var prev idEntry
	started := false
	err := s.merge(true, func(e idEntry) error {
		if started && e.h0 == prev.h0 && e.h1 == prev.h1 {
			cands[prev.line] = struct{}{}
			cands[e.line] = struct{}{}
		}
		prev, started = e, true
		return nil
	})
	return cands, err
}

// merge hands every entry of the runs (and, with mem, of the sorted
// buffer and the absorbed ones) to emit in order.
func (s *spillSet) merge(mem bool, emit func(idEntry) error) error {
	h := &runHeap{}
	for _, f := range s.runs {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("duplicate-ID check: %s: %w", f.Name(), err)
		}
		if err := h.push(&runReader{f: f, name: f.Name()}); err != nil {
			return err
		}
	}
	if mem {
		for _, m := range append([][]idEntry{s.buf}, s.mems...) {
			if err := h.push(&runReader{mem: m}); err != nil {
				return err
			}
		}
	}
	for len(*h) > 0 {
		r := (*h)[0]
		if err := emit(r.head); err != nil {
			return err
		}
		ok, err := r.next()
		if err != nil {
			return err
		}
		if !ok { // the run is done: its place goes to the last
			(*h)[0] = (*h)[len(*h)-1]
			*h = (*h)[:len(*h)-1]
		}
		h.down(0)
	}
	return nil
}

// runReader reads one sorted run: a spilled file or a buffer.
type runReader struct {
	f    io.Reader // a spilled run; nil for a buffer
	name string
	mem  []idEntry // a buffer's entries not yet handed out
	buf  []byte    // f's read buffer (runBlock entries)
	raw  []byte    // the entries read from f not yet handed out
	head idEntry
}

// runBlock is how many entries a runReader reads from its file at once
// (32 KB).
const runBlock = 1365

// next loads the run's next entry into head and reports whether there
// was one.
func (r *runReader) next() (bool, error) {
	if r.f == nil {
		if len(r.mem) == 0 {
			return false, nil
		}
		r.head, r.mem = r.mem[0], r.mem[1:]
		return true, nil
	}
	if len(r.raw) == 0 {
		if r.buf == nil {
			r.buf = make([]byte, runBlock*idEntrySize)
		}
		n, err := io.ReadFull(r.f, r.buf)
		switch {
		case err == io.EOF:
			return false, nil
		case err != nil && err != io.ErrUnexpectedEOF:
			return false, fmt.Errorf("duplicate-ID check: %s: %w", r.name, err)
		case n%idEntrySize != 0:
			return false, fmt.Errorf("duplicate-ID check: %s: the run ends inside an entry", r.name)
		}
		r.raw = r.buf[:n]
	}
	b := r.raw[:idEntrySize]
	r.head = idEntry{binary.LittleEndian.Uint64(b[0:]), binary.LittleEndian.Uint64(b[8:]), int64(binary.LittleEndian.Uint64(b[16:]))}
	r.raw = r.raw[idEntrySize:]
	return true, nil
}

// runHeap orders the runs by their head entry: a binary min-heap, written
// out (container/heap's interface calls took half of the merge's time).
type runHeap []*runReader

func (h runHeap) less(i, j int) bool { return compareEntries(h[i].head, h[j].head) < 0 }

// down moves the run at i down to its place.
func (h runHeap) down(i int) {
	for {
		m := 2*i + 1
		if m >= len(h) {
			return
		}
		if r := m + 1; r < len(h) && h.less(r, m) {
			m = r
		}
		if !h.less(m, i) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// push adds r to the heap if it has an entry.
func (h *runHeap) push(r *runReader) error {
	ok, err := r.next()
	if !ok {
		return err
	}
	*h = append(*h, r)
	for i := len(*h) - 1; i > 0; { // up to its place
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		(*h)[i], (*h)[p] = (*h)[p], (*h)[i]
		i = p
	}
	return err
}

// dupCheck is the duplicate-ID check of one pass (j.ids; nil with
// -allow-duplicate-ids).
type dupCheck struct {
	set   *spillSet          // pass 1: every accepted line
	cands map[int64]struct{} // pass 2: the lines to compare
	first map[string]int64   // pass 2: the first line of each candidate ID
	hits  int                // pass 2: candidate lines met
}

// usedOn reports, in pass 2, the line on which the ID of a candidate line
// was first used, if an earlier line used it. Pass 1 reports nothing.
func (d *dupCheck) usedOn(line int64, id string) (int64, bool) {
	if _, ok := d.cands[line]; !ok {
		return 0, false
	}
	d.hits++
	if f, ok := d.first[id]; ok {
		return f, true
	}
	d.first[strings.Clone(id)] = line // not the decoder's shared chunk
	return 0, false
}

// record notes, in pass 1, the ID of an accepted line.
func (d *dupCheck) record(line int64, id string) error {
	if d.set == nil {
		return nil
	}
	return d.set.add(id, line)
}

func (d *dupCheck) close() {
	if d != nil && d.set != nil {
		d.set.close()
	}
}

// rereadable returns the input of pass 1 and a function that opens it
// again for pass 2. A regular file, the embedded sample and generated
// lines are opened again; stdin, or a -tx path that is not a regular file
// (a named pipe, /dev/fd/N, a device), which would not give the same
// bytes twice, is copied to a temporary file as it is read. cleanup
// removes that file.
func rereadable(o options, plan incentive.Plan, period incentive.Period, src, stdin io.Reader) (
	in io.Reader, reopen func() (io.Reader, func(), error), cleanup func(), err error) {
	cleanup = func() {}
	if o.allowDupIDs {
		return src, nil, cleanup, nil
	}
	if o.txPath != "-" && !streamed(src) {
		return src, func() (io.Reader, func(), error) {
			r, _, _, closeFn, err := openSource(o, plan, period, stdin)
			return r, closeFn, err
		}, cleanup, nil
	}
	f, err := os.CreateTemp(o.tmpDir, "payout-run-input-*.txt")
	if err != nil {
		return nil, nil, cleanup, fmt.Errorf("duplicate-ID check: copying the input: %w", err)
	}
	// Unlinked now, the copy goes with the process however it ends; where
	// an open file cannot be removed, cleanup removes it.
	_ = os.Remove(f.Name())
	cleanup = func() { f.Close(); os.Remove(f.Name()) }
	w := bufio.NewWriterSize(f, 64<<10)
	return io.TeeReader(src, w), func() (io.Reader, func(), error) {
		if err := w.Flush(); err != nil {
			return nil, nil, fmt.Errorf("duplicate-ID check: copying the input: %w", err)
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, nil, err
		}
		return f, func() {}, nil
	}, cleanup, nil
}

// streamed reports whether src is an open file that is not a regular
// file (or whose kind cannot be told): opened again, it would not give
// the same bytes.
func streamed(src io.Reader) bool {
	f, ok := src.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err != nil || !fi.Mode().IsRegular()
}

// recheck ends pass 1: without a hash shared by two lines it returns j;
// otherwise it reads the input again (pass 2) in a fresh job that rejects
// every line reusing an earlier line's ID, and returns that job.
func (j *job) recheck(reopen func() (io.Reader, func(), error), format string) (*job, error) {
	if j.ids == nil || j.ids.set == nil {
		return j, nil
	}
	cands, err := j.ids.set.candidates()
	if err != nil || len(cands) == 0 {
		return j, err
	}
	j.close()
	k, err := newJob(j.plan, j.period, j.o, j.ledgerIn, j.useLedger)
	if err != nil {
		return j, err
	}
	k.ids = &dupCheck{cands: cands, first: map[string]int64{}}
	r, closeFn, err := reopen()
	if err != nil {
		return k, fmt.Errorf("duplicate-ID check: reading the input again: %w", err)
	}
	defer closeFn()
	if err := k.read(r, format, nil); err != nil {
		return k, err
	}
	if k.ids.hits != len(cands) {
		return k, errors.New("duplicate-ID check: the input changed between its two readings")
	}
	return k, nil
}
