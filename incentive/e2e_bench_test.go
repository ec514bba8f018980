package incentive

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// csvHeader is the header of the end-to-end benchmark's files.
const csvHeader = "id,date,kind,partner_id,amount,currency,motion,billing,category\n"

// genCSVFile writes n realistic transaction lines over benchPartners
// partners: dated across 2025-Q3, 97 % sales of 1.00 to 20,000.99 USD and
// 3 % credit notes of up to 50.00, seeded so every run reads the same file.
func genCSVFile(n int) []byte {
	r := rand.New(rand.NewPCG(5, 6))
	b := make([]byte, 0, n*80+len(csvHeader))
	b = append(b, csvHeader...)
	start := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		b = append(b, "tx-"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ',')
		b = start.AddDate(0, 0, r.IntN(92)).AppendFormat(b, time.DateOnly)
		cents, kind := r.Int64N(2_000_000)+100, ",sale,"
		if r.IntN(100) < 3 {
			cents, kind = -(r.Int64N(5_000) + 1), ",credit-note,"
		}
		b = append(b, kind...)
		b = fmt.Appendf(b, "partner-%05d,", r.IntN(benchPartners))
		if cents < 0 {
			b = append(b, '-')
			cents = -cents
		}
		b = strconv.AppendInt(b, cents/100, 10)
		b = append(b, '.', byte('0'+cents/10%10), byte('0'+cents%10))
		b = append(b, ",USD,new,recurring,software\n"...)
	}
	return b
}

// int64Reference is the plain Go program a user would write for the same
// job: split each line on commas, read the amount as integer cents, sum
// per partner in a map, apply the schedules in int64 (basePayout).
func int64Reference(data []byte) map[string]baselineResult {
	idx := map[string]int32{}
	var sums []int64
	data = data[bytes.IndexByte(data, '\n')+1:] // the header
	var f [9][]byte
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		line := data[:end]
		data = data[end+1:]
		for i := range f {
			j := bytes.IndexByte(line, ',')
			if j < 0 {
				j = len(line)
			}
			f[i], line = line[:j], line[min(j+1, len(line)):]
		}
		amt := f[4]
		neg := amt[0] == '-'
		if neg {
			amt = amt[1:]
		}
		var c int64
		for _, ch := range amt {
			if ch != '.' {
				c = c*10 + int64(ch-'0')
			}
		}
		if neg {
			c = -c
		}
		i, ok := idx[string(f[3])]
		if !ok {
			i = int32(len(sums))
			idx[string(f[3])] = i
			sums = append(sums, 0)
		}
		sums[i] += c
	}
	out := make(map[string]baselineResult, len(idx))
	for id, i := range idx {
		out[id] = basePayout(sums[i])
	}
	return out
}

// engineFromCSV is the library's job: decode, accumulate, result.
func engineFromCSV(p Plan, per Period, data []byte) (Result, error) {
	a, err := NewAccumulator(p, per)
	if err != nil {
		return Result{}, err
	}
	for t, err := range ReadTransactionsCSV(bytes.NewReader(data), DecodeOptions{}) {
		if err != nil {
			return Result{}, err
		}
		if err := a.Add(t); err != nil {
			return Result{}, err
		}
	}
	return a.Result(nil)
}

// engineAddCSV is the same job through AddCSV: decode and accumulate in
// one pass, then result.
func engineAddCSV(p Plan, per Period, data []byte) (Result, error) {
	a, err := NewAccumulator(p, per)
	if err != nil {
		return Result{}, err
	}
	for _, err := range a.AddCSV(bytes.NewReader(data), DecodeOptions{}, AddOptions{}) {
		if err == nil {
			err = errors.New("a line not added")
		}
		return Result{}, err
	}
	return a.Result(nil)
}

// The reference and the engine agree, so the benchmark compares like with
// like.
func TestEndToEndReferenceAgrees(t *testing.T) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	data := genCSVFile(30_000)
	ref := int64Reference(data)
	r, err := engineFromCSV(p, per, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lines) != 3*len(ref) {
		t.Fatalf("%d lines for %d partners", len(r.Lines), len(ref))
	}
	for _, l := range r.Lines {
		br := ref[l.Recipient().ID]
		want := map[string]int64{"retro": br.retro, "incr": br.incr, "bonus": br.bonus}[l.Component()]
		if !l.Amount().Equal(decimal.New(want, -2)) {
			t.Fatalf("%s %s: engine %s, reference %d cents", l.Recipient().ID, l.Component(), l.Amount(), want)
		}
	}
}

// BenchmarkEndToEnd runs CSV text to payout lines on 1,000,000 lines
// (100,000 with -short) beside the plain int64 reference reading the same
// bytes, interleaved per iteration so both see the same machine load;
// x-int64 is Σ engine / Σ reference.
func BenchmarkEndToEnd(b *testing.B) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	data := genCSVFile(n)
	b.Run(fmt.Sprintf("lines=%d/interleaved", n), func(b *testing.B) {
		b.ReportAllocs()
		var tr, te, ta time.Duration
		for b.Loop() {
			t0 := time.Now()
			if len(int64Reference(data)) != benchPartners {
				b.Fatal("partners")
			}
			t1 := time.Now()
			r, err := engineFromCSV(p, per, data)
			if err != nil || len(r.Lines) != 3*benchPartners {
				b.Fatal(err)
			}
			t2 := time.Now()
			r, err = engineAddCSV(p, per, data)
			if err != nil || len(r.Lines) != 3*benchPartners {
				b.Fatal(err)
			}
			ta += time.Since(t2)
			te += t2.Sub(t1)
			tr += t1.Sub(t0)
		}
		lines := float64(b.N) * float64(n)
		b.ReportMetric(float64(tr.Nanoseconds())/lines, "ref-ns/line")
		b.ReportMetric(float64(te.Nanoseconds())/lines, "engine-ns/line")
		b.ReportMetric(float64(te)/float64(tr), "x-int64")
		b.ReportMetric(float64(ta.Nanoseconds())/lines, "addcsv-ns/line")
		b.ReportMetric(float64(ta)/float64(tr), "addcsv-x-int64")
	})
}

// BenchmarkDecodeCSV measures ReadTransactionsCSV alone: ns and
// allocations per line.
func BenchmarkDecodeCSV(b *testing.B) {
	n := 100_000
	benchDecode(b, n, genCSVFile(n), ReadTransactionsCSV)
}

// benchDecode runs read on data, n lines, and reports ns and allocations
// per line.
func benchDecode(b *testing.B, n int, data []byte, read func(io.Reader, DecodeOptions) iter.Seq2[Transaction, error]) {
	b.ReportAllocs()
	var ms0, ms1 runtimeMem
	ms0.read()
	for b.Loop() {
		k := 0
		for _, err := range read(bytes.NewReader(data), DecodeOptions{}) {
			if err != nil {
				b.Fatal(err)
			}
			k++
		}
		if k != n {
			b.Fatal(k)
		}
	}
	ms1.read()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
	b.ReportMetric(float64(ms1.mallocs-ms0.mallocs)/float64(b.N)/float64(n), "allocs/line")
}

// BenchmarkResultJSON encodes the result of the benchmark plan over
// benchPartners partners (30,000 lines, each with its trace) and its
// partial: ns per payout line, beside the evaluation of 100,000
// transactions that produced them (x-eval: Σ encoding / Σ evaluation,
// interleaved).
func BenchmarkResultJSON(b *testing.B) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	txs := benchTransactions(b)
	b.ReportAllocs()
	var te, tj time.Duration
	lines := 0
	for b.Loop() {
		t0 := time.Now()
		a, r := benchEvaluate(b, p, per, txs)
		t1 := time.Now()
		if _, err := r.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
		if _, err := a.Partial().MarshalJSON(); err != nil {
			b.Fatal(err)
		}
		tj += time.Since(t1)
		te += t1.Sub(t0)
		lines += len(r.Lines)
	}
	b.ReportMetric(float64(tj.Nanoseconds())/float64(lines), "json-ns/line")
	b.ReportMetric(float64(tj)/float64(te), "x-eval")
}

// BenchmarkPartialJSON measures what sharding costs beside the
// evaluation that produces a partial: 100,000 and 1,000,000 transactions
// (benchData's stream) over benchPartners partners, 30,000 measures
// either way. It times taking the Partial, writing it as JSON, reading it
// back and adding it to an empty accumulator, each as a ratio to the
// evaluation (accumulating and Result) in the same iteration.
func BenchmarkPartialJSON(b *testing.B) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	d := newBenchData()
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			seq := d.lines(n)
			var te, tp, tw, tr, tm time.Duration
			for b.Loop() {
				t0 := time.Now()
				a, err := NewAccumulator(p, per)
				if err != nil {
					b.Fatal(err)
				}
				if err := a.AddAll(seq); err != nil {
					b.Fatal(err)
				}
				if _, err := a.Result(nil); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				part := a.Partial()
				t2 := time.Now()
				js, err := part.MarshalJSON()
				if err != nil {
					b.Fatal(err)
				}
				t3 := time.Now()
				back, err := ParsePartial(js)
				if err != nil {
					b.Fatal(err)
				}
				t4 := time.Now()
				merged, err := NewAccumulator(p, per)
				if err != nil {
					b.Fatal(err)
				}
				if err := merged.AddPartial(back); err != nil {
					b.Fatal(err)
				}
				t5 := time.Now()
				te, tp, tw, tr, tm = te+t1.Sub(t0), tp+t2.Sub(t1), tw+t3.Sub(t2), tr+t4.Sub(t3), tm+t5.Sub(t4)
			}
			ratio := func(d time.Duration) float64 { return float64(d) / float64(te) } //lint:allow float benchmark metric
			b.ReportMetric(ratio(tp), "partial/eval")
			b.ReportMetric(ratio(tw), "write/eval")
			b.ReportMetric(ratio(tr), "read/eval")
			b.ReportMetric(ratio(tm), "add/eval")
			b.ReportMetric(ratio(tp+tw+tr+tm), "all/eval")
		})
	}
}

// benchTransactions decodes the 100,000 transactions of genCSVFile.
func benchTransactions(b *testing.B) []Transaction {
	var txs []Transaction
	for t, err := range ReadTransactionsCSV(bytes.NewReader(genCSVFile(100_000)), DecodeOptions{}) {
		if err != nil {
			b.Fatal(err)
		}
		txs = append(txs, t)
	}
	return txs
}

// benchEvaluate accumulates txs and takes the Result.
func benchEvaluate(b *testing.B, p Plan, per Period, txs []Transaction) (*Accumulator, Result) {
	a, err := NewAccumulator(p, per)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range txs {
		if err := a.Add(t); err != nil {
			b.Fatal(err)
		}
	}
	r, err := a.Result(nil)
	if err != nil {
		b.Fatal(err)
	}
	return a, r
}
