// Command beam-payout runs the payout job of a period on Apache Beam (the
// Go SDK): it reads transactions, keys them by partner, evaluates each
// partner's transactions with the SDK in the workers (an
// incentive.Accumulator per key, giving an incentive.Partial), combines the
// partials exactly (a Beam CombineFn whose merge is
// incentive.Accumulator.AddPartial, associative and commutative), and
// writes the payout lines as CSV. It then runs the same period in a single
// process without Beam and fails unless the two files are byte-identical.
//
// In CI it runs on Beam's local runner, prism, on generated data:
//
//	go run . --runner=prism -generate 5000
//	go run . --runner=prism -tx sales.csv -out lines.csv
//
// The same binary runs on a cluster through a job server or a managed
// service; the input and output paths must then be on a filesystem the
// workers share (gs://, s3://, hdfs://), with the matching
// beam/io/filesystem package imported:
//
//	go run . --runner=flink --endpoint=localhost:8099 --environment_type=LOOPBACK -tx … -out …
//	go run . --runner=spark --endpoint=localhost:8099 --environment_type=LOOPBACK -tx … -out …
//	go run . --runner=dataflow --project=PROJECT --region=europe-west1 \
//	    --staging_location=gs://BUCKET/staging -tx gs://BUCKET/sales.csv -out gs://BUCKET/lines.csv
//
// It is a module of its own: Beam brings gRPC, the Google Cloud client
// libraries and more, which neither the SDK nor the other examples need.
//
// Transactions are CSV lines "id,date,partner,amount" (sales in the plan's
// currency, dates YYYY-MM-DD); the plan is the embedded plan.json.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

//go:embed plan.json
var planJSON string

var (
	txPath   = flag.String("tx", "", "transactions CSV `file` (id,date,partner,amount), one per line, no header")
	outPath  = flag.String("out", "", "payout lines CSV `file` written by the pipeline (default: in a temp dir)")
	generate = flag.Int("generate", 0, "generate N transactions into a temp dir instead of -tx")
	periodID = flag.String("period", "2025-Q3", "period ID")
	from     = flag.String("from", "2025-07-01", "first day of the period")
	until    = flag.String("until", "2025-10-01", "first day after the period")
)

// maxGenerate bounds -generate before any work.
const maxGenerate = 10_000_000

func init() {
	register.Function1x3[string, string, string, error](keyByPartner)
	register.DoFn3x1[string, func(*string) bool, func(string), error](&evalFn{})
	register.Emitter1[string]()
	register.Iter1[string]()
	register.Combiner3[string, string, string](&mergeFn{})
}

func main() {
	flag.Parse()
	beam.Init() // a worker started by the runner never returns from here
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "beam-payout:", err)
		os.Exit(1)
	}
}

// Job describes the period; it is a field of the DoFns, so the runner
// serialises it to the workers.
type Job struct {
	Plan     string
	PeriodID string
	From     string
	Until    string
}

func (j Job) compile() (incentive.Plan, incentive.Period, error) {
	p, err := incentive.ParsePlan([]byte(j.Plan))
	if err != nil {
		return incentive.Plan{}, incentive.Period{}, err
	}
	f, errF := incentive.ParseDate(j.From)
	u, errU := incentive.ParseDate(j.Until)
	period := incentive.NewPeriod(j.PeriodID, f, u)
	if err := errors.Join(errF, errU, period.Validate()); err != nil {
		return incentive.Plan{}, incentive.Period{}, err
	}
	return p, period, nil
}

func run(ctx context.Context) error {
	job := Job{Plan: planJSON, PeriodID: *periodID, From: *from, Until: *until}
	plan, period, err := job.compile()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "beam-payout")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	in := *txPath
	if *generate < 0 || *generate > maxGenerate {
		return fmt.Errorf("-generate %d: must be between 0 and %d", *generate, maxGenerate)
	}
	if *generate > 0 {
		in = filepath.Join(dir, "transactions.csv")
		if err := os.WriteFile(in, Generate(*generate), 0o644); err != nil {
			return err
		}
	}
	if in == "" {
		return errors.New("give -tx FILE or -generate N")
	}
	out := *outPath
	if out == "" {
		out = filepath.Join(dir, "lines.csv")
	}

	p, s := beam.NewPipelineWithRoot()
	lines := textio.Read(s, in)
	byPartner := beam.GroupByKey(s, beam.ParDo(s, keyByPartner, lines))
	partials := beam.ParDo(s, &evalFn{Job: job}, byPartner)
	result := beam.Combine(s, &mergeFn{Job: job}, partials)
	textio.Write(s, out, result)
	start := time.Now()
	if err := beamx.Run(ctx, p); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	elapsed := time.Since(start)

	got, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	want, n, err := singleProcess(plan, period, data)
	if err != nil {
		return err
	}
	// textio.Write ends each element with a newline.
	if !bytes.Equal(got, []byte(want+"\n")) {
		return fmt.Errorf("the pipeline's lines differ from the single-process run:\n--- pipeline\n%s--- single process\n%s", got, want)
	}
	fmt.Printf("%d transactions, %d payout lines, pipeline %s: byte-identical to the single-process run\n",
		n, strings.Count(want, "\n")-1, elapsed.Round(time.Millisecond)) // less the header and total rows
	fmt.Print(want)
	return nil
}

// parse reads one transaction line.
func parse(line string, cur money.Currency) (incentive.Transaction, error) {
	rec, err := csv.NewReader(strings.NewReader(line)).Read()
	if err != nil {
		return incentive.Transaction{}, fmt.Errorf("%q: %w", line, err)
	}
	if len(rec) != 4 {
		return incentive.Transaction{}, fmt.Errorf("%q: want id,date,partner,amount", line)
	}
	d, err := incentive.ParseDate(rec[1])
	if err != nil {
		return incentive.Transaction{}, fmt.Errorf("%s: %w", rec[0], err)
	}
	a, err := money.ParseIn(rec[3], cur)
	if err != nil {
		return incentive.Transaction{}, fmt.Errorf("%s: %w", rec[0], err)
	}
	return incentive.Transaction{ID: rec[0], Date: d.Time(), Kind: incentive.Sale, PartnerID: rec[2], Amount: a}, nil
}

// keyByPartner keys a transaction line by its partner.
func keyByPartner(line string) (string, string, error) {
	rec, err := csv.NewReader(strings.NewReader(line)).Read()
	if err != nil || len(rec) != 4 {
		return "", "", fmt.Errorf("%q: want id,date,partner,amount", line)
	}
	return rec[2], line, nil
}

// evalFn evaluates one partner's transactions into a Partial (JSON).
type evalFn struct {
	Job Job
}

func (f *evalFn) ProcessElement(partner string, lines func(*string) bool, emit func(string)) error {
	plan, period, err := f.Job.compile()
	if err != nil {
		return err
	}
	acc, err := incentive.NewAccumulator(plan, period)
	if err != nil {
		return err
	}
	var line string
	for lines(&line) {
		t, err := parse(line, plan.Currency())
		if err != nil {
			return err
		}
		if err := acc.Add(t); err != nil {
			return err
		}
	}
	js, err := acc.Partial().MarshalJSON()
	if err != nil {
		return err
	}
	emit(string(js))
	return nil
}

// mergeFn combines partials exactly; its output is the payout lines CSV.
// The accumulator is a Partial's JSON ("" before the first input).
type mergeFn struct {
	Job Job
}

func (f *mergeFn) CreateAccumulator() string { return "" }

func (f *mergeFn) AddInput(acc, partial string) (string, error) {
	return f.MergeAccumulators(acc, partial)
}

func (f *mergeFn) MergeAccumulators(a, b string) (string, error) {
	if a == "" {
		return b, nil
	}
	if b == "" {
		return a, nil
	}
	acc, err := f.merged(a, b)
	if err != nil {
		return "", err
	}
	js, err := acc.Partial().MarshalJSON()
	return string(js), err
}

func (f *mergeFn) merged(partials ...string) (*incentive.Accumulator, error) {
	plan, period, err := f.Job.compile()
	if err != nil {
		return nil, err
	}
	acc, err := incentive.NewAccumulator(plan, period)
	if err != nil {
		return nil, err
	}
	for _, js := range partials {
		if js == "" {
			continue
		}
		p, err := incentive.ParsePartial([]byte(js))
		if err != nil {
			return nil, err
		}
		if err := acc.AddPartial(p); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

func (f *mergeFn) ExtractOutput(a string) (string, error) {
	acc, err := f.merged(a)
	if err != nil {
		return "", err
	}
	res, err := acc.Result(nil)
	if err != nil {
		return "", err
	}
	return linesCSV(res)
}

// linesCSV writes a result's lines: recipient, component, version,
// measure, amount, currency; then a total line.
func linesCSV(res incentive.Result) (string, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"recipient", "component", "version", "measure", "amount", "currency"})
	for _, l := range res.Lines {
		w.Write([]string{l.Recipient().String(), l.Component(), l.Version(), l.Measure().String(), l.Amount().String(), res.Currency.Code()})
	}
	w.Write([]string{"total", "", "", "", res.Total().String(), res.Currency.Code()})
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n"), w.Error()
}

// singleProcess evaluates every transaction in one process, in file order.
func singleProcess(plan incentive.Plan, period incentive.Period, data []byte) (string, int, error) {
	acc, err := incentive.NewAccumulator(plan, period)
	if err != nil {
		return "", 0, err
	}
	n := 0
	for line := range strings.SplitSeq(strings.TrimSuffix(string(data), "\n"), "\n") {
		t, err := parse(line, plan.Currency())
		if err != nil {
			return "", 0, err
		}
		if err := acc.Add(t); err != nil {
			return "", 0, err
		}
		n++
	}
	res, err := acc.Result(nil)
	if err != nil {
		return "", 0, err
	}
	s, err := linesCSV(res)
	return s, n, err
}

// Generate makes n sales of 50 partners in 2025 (about one in eight outside
// Q3), 1.00 to 99,999.99 USD with sub-cent digits on one in ten (so that
// the partials' exact sums are exercised), deterministically.
func Generate(n int) []byte {
	r := rand.New(rand.NewPCG(17, 42))
	var b bytes.Buffer
	for i := range n {
		month := 7 + r.IntN(3)
		if r.IntN(8) == 0 {
			month = 1 + r.IntN(6)
		}
		cents := 100 + r.Int64N(9999900)
		amount := fmt.Sprintf("%d.%02d", cents/100, cents%100)
		if r.IntN(10) == 0 {
			amount += fmt.Sprintf("%03d", r.IntN(1000))
		}
		fmt.Fprintf(&b, "t%07d,2025-%02d-%02d,p%02d,%s\n", i+1, month, 1+r.IntN(28), 1+r.IntN(50), amount)
	}
	return b.Bytes()
}
