package incentive

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"weak"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
)

// csvAddOut is what AddCSV, or the loop it stands for, did with a
// document: the yields, the records OnRecord saw with the lines and IDs
// of the transactions added (OnAdd) among them, the control totals and
// the accumulator's measures and result.
type csvAddOut struct {
	yields, records, totals []string
	partial, result         string
}

// diff returns the first difference between o and w, "" if none.
func (o csvAddOut) diff(w csvAddOut) string {
	for _, c := range []struct {
		name string
		a, b []string
	}{{"yields", o.yields, w.yields}, {"records", o.records, w.records}, {"totals", o.totals, w.totals}} {
		for i := range max(len(c.a), len(c.b)) {
			var x, y string
			if i < len(c.a) {
				x = c.a[i]
			}
			if i < len(c.b) {
				y = c.b[i]
			}
			if x != y {
				return fmt.Sprintf("%s[%d]:\n got  %s\n want %s", c.name, i, x, y)
			}
		}
	}
	if o.partial != w.partial {
		return fmt.Sprintf("partial:\n got  %s\n want %s", o.partial, w.partial)
	}
	if o.result != w.result {
		return fmt.Sprintf("result:\n got  %s\n want %s", o.result, w.result)
	}
	return ""
}

// finish fills the accumulator's part of o.
func (o *csvAddOut) finish(a *Accumulator) {
	pj, err := a.Partial().MarshalJSON()
	o.partial = string(pj) + fmt.Sprint(err)
	r, err := a.Result(genFacts())
	rj, _ := r.MarshalJSON()
	o.result = string(rj) + fmt.Sprint(err)
}

func yieldText(t Transaction, err error) string { return fmt.Sprintf("%+v | %v", t, err) }

// csvAddRef is the loop AddCSV is defined by, written with the public API
// alone: decode, then Add what is dated in the period and corrects
// nothing, yielding the rest. It reads the documents one after the other
// on one accumulator (a later reading reuses what an earlier one learnt,
// in AddCSV, if their columns are the same).
func csvAddRef(p Plan, per Period, docs []string, opt DecodeOptions) (csvAddOut, error) {
	var o csvAddOut
	a, err := NewAccumulator(p, per)
	if err != nil {
		return o, err
	}
	var lines, amounts [QualifyingEvent + 1]int64
	var sums [QualifyingEvent + 1]money.Amount
	last := 0
	opt.OnRecord = func(line int, text []byte) {
		o.records = append(o.records, fmt.Sprintf("%d %q", line, text))
		last = line
	}
	for _, doc := range docs {
		for t, err := range ReadTransactionsCSV(strings.NewReader(doc), opt) {
			if err == nil {
				if !per.Contains(t.Date) || t.Corrects != "" {
					o.yields = append(o.yields, yieldText(t, nil))
					continue
				}
				if err = a.Add(t); err == nil {
					o.records = append(o.records, fmt.Sprintf("added %d %q", last, t.ID))
					lines[t.Kind]++
					if t.Amount.IsValid() {
						if amounts[t.Kind]++; amounts[t.Kind] == 1 {
							sums[t.Kind] = t.Amount
						} else if sums[t.Kind], err = sums[t.Kind].Add(t.Amount); err != nil {
							return o, err
						}
					}
					continue
				}
			}
			o.yields = append(o.yields, yieldText(t, err))
		}
	}
	for k := range lines {
		s := "-"
		if amounts[k] > 0 {
			s = sums[k].Decimal().String() + " " + sums[k].Currency().Code() // the value, whatever its scale
		}
		o.totals = append(o.totals, fmt.Sprintf("%v %d %s", Kind(k), lines[k], s))
	}
	o.finish(a)
	return o, nil
}

// csvAddRun is AddCSV on the documents, with the same record, read as how
// says: with oneByteReads each read from a document gives one byte (the
// reader's buffer, kept from one call to the next, refilled at every
// byte); inPlace gives AddCSVBytes the document's bytes.
func csvAddRun(p Plan, per Period, docs []string, opt DecodeOptions, how csvReading) (csvAddOut, error) {
	var o csvAddOut
	a, err := NewAccumulator(p, per)
	if err != nil {
		return o, err
	}
	var tot AddedTotals
	opt.OnRecord = func(line int, text []byte) { o.records = append(o.records, fmt.Sprintf("%d %q", line, text)) }
	added := AddOptions{Totals: &tot, OnAdd: func(line int, id []byte) {
		o.records = append(o.records, fmt.Sprintf("added %d %q", line, id))
	}}
	for _, doc := range docs {
		var r io.Reader = strings.NewReader(doc)
		if how == oneByteReads {
			r = iotest.OneByteReader(r)
		}
		seq := a.AddCSV(r, opt, added)
		if how == inPlace {
			seq = a.AddCSVBytes([]byte(doc), opt, added)
		}
		for t, err := range seq {
			o.yields = append(o.yields, yieldText(t, err))
		}
	}
	for k := range QualifyingEvent + 1 {
		s := "-"
		if sum, ok := tot.Amount(k); ok {
			s = sum.Decimal().String() + " " + sum.Currency().Code()
		}
		o.totals = append(o.totals, fmt.Sprintf("%v %d %s", k, tot.Transactions(k), s))
	}
	o.finish(a)
	return o, nil
}

// csvReading is how csvAddRun gives AddCSV its documents.
type csvReading int

const (
	readerReads  csvReading = iota // a reader of the document
	oneByteReads                   // a reader giving a byte a read
	inPlace                        // the bytes, to AddCSVBytes
)

// csvAddColumns are the columns genCSVDoc may write, and the values it
// draws for each: usual ones mostly, then ones the fast path must leave
// to the general one (or that fail).
var csvAddColumns = []struct { //lint:allow global test fixture
	name   string
	values []string
}{
	{"date", []string{"2025-07-01", "2025-08-15", "2025-09-30", "2025-06-30", "2025-10-01", "2025-7-01", ""}},
	{"kind", []string{"sale", "sale", "sale", "credit-note", "return", "event", "Sale", " sale", ""}},
	{"partner_id", []string{"p1", "p1", "p2", "p3", "p4", "", " p1", "p\u200b1", "pé", strings.Repeat("p", MaxIDLen+1), "a b"}},
	{"rep_id", []string{"r1", "r1", "r2", "", "r3", "m1", "r 1", "r\t1"}},
	{"amount", []string{"123.45", "20000.99", "-12.00", "0.00", "", "1.5", "100.00 USD", "9223372036854775807", "999999999999999999", "-999999999999999999", "1e3", " 5.00", "100"}},
	{"currency", []string{"", "USD", "USD", "EUR", "usd", " USD"}},
	{"units", []string{"", "", "", "3", "-1"}},
	{"motion", []string{"new", "renewal", "expansion", "", "bogus"}},
	{"billing", []string{"recurring", "one-time", ""}},
	{"authorised", []string{"true", "false", "", "yes"}},
	{"partner_tier", []string{"gold", "silver", ""}},
	{"certifications", []string{"", "aws", "aws; gcp"}},
	{"territory", []string{"emea", "amer", "", "Zürich"}},
	{"category", []string{"software", "hardware", ""}},
	{"segment", []string{"smb", ""}},
	{"event", []string{"", "", "lead-registered", "other"}},
	{"corrects", []string{"", "", "", "", "2025-Q2", "2025-Q3"}},
	{"term_months", []string{"", "", "12", "24", "36", "0", "-1"}},
	{"credits", []string{"", "", "", "rep:r1=60%;rep:r2=40%", "rep:m1+=100%"}},
}

// genCSVDoc draws a transactions CSV document: some of the optional
// columns in a random order, then lines of drawn values, a line now and
// then quoted. Most lines repeat an earlier line's shape (its fields but
// the IDs and amount), the fast path's case, with their own ID, partner,
// rep and amount, drawn among usual and unusual ones alike.
func genCSVDoc(t *rapid.T) string {
	var cols []int
	for i, c := range csvAddColumns {
		if c.name == "date" || c.name == "kind" || c.name == "partner_id" || rapid.IntRange(0, 2).Draw(t, "has "+c.name) > 0 {
			cols = append(cols, i)
		}
	}
	perm := rapid.Permutation(cols).Draw(t, "columns")
	var b strings.Builder
	if rapid.IntRange(0, 4).Draw(t, "byte-order mark") == 0 {
		b.WriteString("\ufeff")
	}
	b.WriteString("id")
	for _, i := range perm {
		b.WriteString("," + csvAddColumns[i].name)
	}
	b.WriteString("\n")
	perLine := func(name string) bool {
		switch name {
		case "partner_id", "rep_id", "amount", "units", "corrects", "credits":
			return true // not part of a shape
		}
		return false
	}
	draw := func(i int) string {
		c := csvAddColumns[i]
		return c.values[rapid.IntRange(0, len(c.values)-1).Draw(t, c.name)]
	}
	var lines [][]string
	n := rapid.IntRange(0, 120).Draw(t, "lines")
	for li := range n {
		id := "t" + strconv.Itoa(li)
		switch rapid.IntRange(0, 20).Draw(t, "id kind") {
		case 0:
			id = ""
		case 1:
			id = " " + id
		case 2:
			id = "t\u00a0" + strconv.Itoa(li)
		case 3:
			id = strings.Repeat("t", MaxIDLen+1)
		}
		f := make([]string, len(perm))
		repeat := len(lines) > 0 && rapid.IntRange(0, 3).Draw(t, "repeat") > 0
		if repeat {
			copy(f, lines[rapid.IntRange(0, len(lines)-1).Draw(t, "which")][1:])
		}
		for j, i := range perm {
			if !repeat || perLine(csvAddColumns[i].name) && rapid.IntRange(0, 2).Draw(t, "redraw") == 0 {
				f[j] = draw(i)
			}
		}
		lines = append(lines, append([]string{id}, f...))
	}
	for _, l := range lines {
		for j, v := range l {
			if strings.ContainsAny(v, ",\"") || rapid.IntRange(0, 30).Draw(t, "quote") == 0 {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString(v)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// csvAddPlans are plans with what the fast path leaves to the general
// one: contract values, units, a first-come budget, overlay credit, and
// filters on every field.
var csvAddPlans = []string{ //lint:allow global test fixture
	`{"id": "contract", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
	  {"id": "acv", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "recurring-revenue",
	   "contract_value": "annualised", "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]}},
	  {"id": "rev", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue",
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}}]}`,
	`{"id": "units", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
	  {"id": "per-seat", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "units",
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "price": "5"}]}},
	  {"id": "rev", "version": "1", "effective_from": "2025-08-01", "recipient": "partner", "measure": "revenue",
	   "eligibility": {"territories": ["emea"], "categories": ["software"], "partner_tiers": ["gold"], "segments": ["smb"], "certifications": ["aws"]},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}}]}`,
	`{"id": "spif", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
	  {"id": "first", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "events",
	   "eligibility": {"events": ["lead-registered"]},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "price": "1"}]},
	   "budget": {"amount": "5", "exhaustion": "first-come"}},
	  {"id": "rev", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	   "eligibility": {"motions": ["new"], "billing": ["recurring"], "authorised_only": true},
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}}]}`,
	`{"id": "overlay", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
	  {"id": "mgr", "version": "1", "effective_from": "2025-01-01", "recipient": "rep", "measure": "revenue", "overlay": true,
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}},
	  {"id": "rev", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	   "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "1%"}]}}]}`,
}

// csvAddPlan returns plan i of csvAddPlans, or a drawn plan for i < 0.
func csvAddPlan(t *rapid.T, i int) Plan {
	if i < 0 {
		return genPlan(t, genAnyOpts(t))
	}
	return MustParsePlan(csvAddPlans[i])
}

// TestPropAddCSVAsLoop: on drawn plans (any kind of component, budget,
// credit and team) and drawn documents (given as a reader, a byte a read,
// or in place to AddCSVBytes), AddCSV yields, reports and adds
// exactly what the loop it stands for does, on one document, on one read
// twice by one accumulator (the second time on the shapes learnt), or on
// three read one after the other (the same twice around another, whose
// columns may differ). A difference
// in any yield, OnRecord or OnAdd call, control total, measure or payout
// fails.
func TestPropAddCSVAsLoop(t *testing.T) {
	t.Parallel() // the package's longest test: beside its other parallel tests
	for i := -1; i < len(csvAddPlans); i++ {
		name := "drawn"
		if i >= 0 {
			name = MustParsePlan(csvAddPlans[i]).ID()
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rapid.Check(t, func(t *rapid.T) {
				p := csvAddPlan(t, i)
				docs := []string{genCSVDoc(t)}
				switch rapid.IntRange(1, 3).Draw(t, "readings") {
				case 2: // the shapes learnt, at once
					docs = append(docs, docs[0])
				case 3:
					docs = append(docs, genCSVDoc(t), docs[0])
				}
				// Rejecting duplicate IDs takes every line the general way.
				opt := DecodeOptions{MaxErrors: MaxLineErrors, RejectDuplicateIDs: rapid.IntRange(0, 4).Draw(t, "reject duplicates") == 0}
				if rapid.Bool().Draw(t, "default currency") {
					opt.Currency = p.Currency()
				}
				want, err := csvAddRef(p, genPeriod, docs, opt)
				if err != nil {
					t.Fatal(err)
				}
				got, err := csvAddRun(p, genPeriod, docs, opt, csvReading(rapid.SampledFrom([]int{0, 0, 0, 1, 2, 2}).Draw(t, "reading")))
				if err != nil {
					t.Fatal(err)
				}
				if d := got.diff(want); d != "" {
					t.Fatalf("AddCSV differs from its loop on\n%s\n%s", strings.Join(docs, "\n"), d)
				}
			})
		})
	}
}

// TestAddCSVBytesAsReader: AddCSVBytes yields, reports and adds what
// AddCSV does on a reader of the same bytes, at the edges a drawn document
// seldom reaches: a byte-order mark, CRLF line ends, no final line feed,
// blank lines, a header alone or nothing, lines of MaxLineBytes − 1,
// MaxLineBytes and MaxLineBytes + 1 bytes with and without a line feed
// (bufio's buffer is MaxLineBytes: a line it cannot hold is an error, and
// must be in place too; skipped to its record's end, a quote at its
// MaxLineBytes-th byte included), and a quoted field spanning lines, short
// or over MaxLineBytes.
func TestAddCSVBytesAsReader(t *testing.T) {
	p := MustParsePlan(benchPlan)
	head := "id,date,kind,partner_id,amount\n"
	ok1, ok2 := "s1,2025-08-01,sale,acme,1.00\n", "s2,2025-08-02,sale,acme,2.00\n"
	long := func(n int) string { // a line of n bytes with its line feed, whose ID pads it
		l := ",2025-08-03,sale,acme,3.00\n"
		return strings.Repeat("x", n-len(l)) + l
	}
	docs := map[string]string{
		"empty":        "",
		"header alone": head,
		"header no LF": strings.TrimSuffix(head, "\n"),
		"usual":        head + ok1 + ok2,
		"byte-order":   "\ufeff" + head + ok1,
		"CRLF":         strings.ReplaceAll(head+ok1+ok2, "\n", "\r\n"),
		"no final LF":  head + ok1 + strings.TrimSuffix(ok2, "\n"),
		"blank lines":  "\n\n" + head + "\n" + ok1 + "\r\n\n" + ok2 + "\n",
		"quoted":       head + "\"s3\n\"\"x\"\"\",2025-08-01,sale,acme,4.00\n" + ok1,
		"quoted long":  head + "\"" + strings.Repeat("y\n", MaxLineBytes) + "\",2025-08-01,sale,acme,4.00\n" + ok2,
		"unclosed":     head + ok1 + "\"s4,2025-08-01,sale,acme,4.00\n" + ok2,
		"long header":  strings.Repeat("z", MaxLineBytes) + "," + head,
		// A line too long whose MaxLineBytes-th byte opens a quoted field
		// going on over a line feed: the record ends after it.
		"quote at the limit": head + strings.Repeat("x", MaxLineBytes-2) + ",\"a\nb\",2025-08-03,sale,acme,3.00\n" + ok1,
	}
	for _, n := range []int{MaxLineBytes - 1, MaxLineBytes, MaxLineBytes + 1} {
		docs[fmt.Sprintf("line %d", n)] = head + ok1 + long(n) + ok2
		docs[fmt.Sprintf("last line %d no LF", n)] = head + ok1 + strings.TrimSuffix(long(n), "\n")
	}
	for name, doc := range docs {
		opt := DecodeOptions{Currency: p.Currency(), MaxErrors: MaxLineErrors}
		want, err := csvAddRun(p, genPeriod, []string{doc, doc}, opt, readerReads)
		if err != nil {
			t.Fatal(err)
		}
		got, err := csvAddRun(p, genPeriod, []string{doc, doc}, opt, inPlace)
		if err != nil {
			t.Fatal(err)
		}
		if d := got.diff(want); d != "" {
			t.Errorf("%s: AddCSVBytes differs from AddCSV:\n%s", name, d)
		}
	}
}

// TestAddCSVBytesKeepsNoInput: after AddCSVBytes, the accumulator holds
// nothing of the document it read in place.
func TestAddCSVBytesKeepsNoInput(t *testing.T) {
	p := MustParsePlan(benchPlan)
	a, _ := NewAccumulator(p, genPeriod)
	data := []byte("id,date,kind,partner_id,amount\ns1,2025-08-01,sale,acme,1.00\ns2,2025-08-02,sale,acme,2.00\n")
	data = append(data, make([]byte, 1<<16)...)[:len(data)] // its own array, not a tiny allocation
	w := weak.Make(&data[0])
	for _, err := range a.AddCSVBytes(data, DecodeOptions{Currency: p.Currency()}, AddOptions{}) {
		t.Fatal(err)
	}
	data = nil
	runtime.GC()
	if w.Value() != nil {
		t.Error("after the call, the accumulator keeps the document")
	}
	runtime.KeepAlive(a)
}

// TestAddCSVTotalsCurrency: totals kept in one currency refuse an
// accumulator in another (ErrCurrency), before anything is read or
// added.
func TestAddCSVTotalsCurrency(t *testing.T) {
	doc := "id,date,kind,partner_id,amount\ns1,2025-08-01,sale,acme,100.00\n"
	usd := MustParsePlan(benchPlan)
	var tot AddedTotals
	a, _ := NewAccumulator(usd, genPeriod)
	for _, err := range a.AddCSV(strings.NewReader(doc), DecodeOptions{Currency: usd.Currency()}, AddOptions{Totals: &tot}) {
		t.Fatal(err)
	}
	eur := usd.Spec()
	eur.Currency = money.MustCurrency("EUR")
	pe, err := NewPlan(eur)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewAccumulator(pe, genPeriod)
	var errs []error
	for _, err := range b.AddCSV(strings.NewReader(doc), DecodeOptions{Currency: eur.Currency}, AddOptions{Totals: &tot}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrCurrency) {
		t.Fatalf("errors %v, want one ErrCurrency", errs)
	}
	if n := tot.Transactions(Sale); n != 1 {
		t.Errorf("sales counted %d, want the first accumulator's 1", n)
	}
	if r, _ := b.Result(nil); r.Transactions != 0 {
		t.Errorf("the EUR accumulator took %d transactions", r.Transactions)
	}
}

// TestAddCSVNested: a reading started in a yield of another, on the same
// accumulator, reads with its own buffers; both add what they read, as
// the transactions added one by one in the same order do.
func TestAddCSVNested(t *testing.T) {
	p := MustParsePlan(benchPlan)
	outer := "id,date,kind,partner_id,amount\n" +
		"o1,2025-08-01,sale,acme,100.00\n" +
		"o2,2025-11-01,sale,acme,1.00\n" + // after the period: yielded
		"o3,2025-08-02,sale,beta,300.00\n"
	inner := "\ufeffid,kind,date,amount,partner_id\n" +
		"i1,sale,2025-08-03,50.00,acme\n" +
		"i2,sale,2025-08-04,70.00,gamma\n"
	opt := DecodeOptions{Currency: p.Currency()}
	a, _ := NewAccumulator(p, genPeriod)
	// A first reading leaves its buffers to the accumulator, which the
	// outer reading takes.
	for _, err := range a.AddCSV(strings.NewReader("id,date,kind,partner_id,amount\n"), opt, AddOptions{}) {
		t.Fatal(err)
	}
	var order []string
	for tx, err := range a.AddCSV(strings.NewReader(outer), opt, AddOptions{OnAdd: func(_ int, id []byte) { order = append(order, string(id)) }}) {
		if err != nil || tx.ID != "o2" {
			t.Fatalf("outer yield %q, %v", tx.ID, err)
		}
		for _, err := range a.AddCSV(strings.NewReader(inner), opt, AddOptions{OnAdd: func(_ int, id []byte) { order = append(order, string(id)) }}) {
			t.Fatalf("inner yield: %v", err)
		}
	}
	if got, want := strings.Join(order, " "), "o1 i1 i2 o3"; got != want {
		t.Fatalf("added %s, want %s", got, want)
	}
	// The same transactions, added one by one.
	b, _ := NewAccumulator(p, genPeriod)
	for _, tx := range []Transaction{
		{ID: "o1", Date: MustDate("2025-08-01").Time(), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("100.00 USD")},
		{ID: "i1", Date: MustDate("2025-08-03").Time(), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("50.00 USD")},
		{ID: "i2", Date: MustDate("2025-08-04").Time(), Kind: Sale, PartnerID: "gamma", Amount: money.MustParse("70.00 USD")},
		{ID: "o3", Date: MustDate("2025-08-02").Time(), Kind: Sale, PartnerID: "beta", Amount: money.MustParse("300.00 USD")},
	} {
		if err := b.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	ra, err := a.Result(nil)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := b.Result(nil)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := ra.MarshalJSON()
	jb, _ := rb.MarshalJSON()
	if string(ja) != string(jb) {
		t.Fatalf("nested readings:\n%s\none by one:\n%s", ja, jb)
	}
}

// TestCSVReadErrorAtStart: a read error met in the first bytes, where the
// readers look for a byte-order mark, comes after the bytes read with it,
// as line 1's error, from every reading: a fresh decoder, and AddCSV on
// an accumulator whose buffers served a reading before.
func TestCSVReadErrorAtStart(t *testing.T) {
	errBroken := errors.New("broken pipe")
	p := MustParsePlan(benchPlan)
	a, _ := NewAccumulator(p, genPeriod)
	for _, err := range a.AddCSV(strings.NewReader("\ufeffid,date,kind,partner_id,amount\ns1,2025-08-01,sale,acme,1.00\n"), DecodeOptions{Currency: p.Currency()}, AddOptions{}) {
		t.Fatal(err)
	}
	for _, data := range []string{"", "i", "id", "\ufeff"[:2]} {
		readings := map[string]func(io.Reader) iter.Seq2[Transaction, error]{
			"decoder": func(r io.Reader) iter.Seq2[Transaction, error] { return ReadTransactionsCSV(r, DecodeOptions{}) },
			"AddCSV":  func(r io.Reader) iter.Seq2[Transaction, error] { return a.AddCSV(r, DecodeOptions{}, AddOptions{}) },
		}
		for name, read := range readings {
			// The data and the error together, as an io.Reader may,
			// or the error alone after the data; reported once, then
			// io.EOF (a reader need not repeat its error).
			for _, together := range []bool{true, false} {
				var errs []error
				for _, err := range read(&onceErrReader{data: data, err: errBroken, together: together}) {
					errs = append(errs, err)
				}
				var le *LineError
				if len(errs) != 1 || !errors.Is(errs[0], errBroken) || !errors.Is(errs[0], ErrRead) || !errors.As(errs[0], &le) || le.Line != 1 {
					t.Errorf("%s, %q then an error (together %v): got %v, want line 1's read error", name, data, together, errs)
				}
			}
		}
	}
}

// onceErrReader gives data, then err once (with the data if together),
// then rest (io.EOF if nil).
type onceErrReader struct {
	data     string
	err      error
	together bool
	rest     io.Reader
	read     bool // the data was given
	failed   bool // err was given
}

func (r *onceErrReader) Read(p []byte) (int, error) {
	switch {
	case r.failed && r.rest != nil:
		return r.rest.Read(p)
	case r.failed:
		return 0, io.EOF
	case !r.read:
		r.read = true
		n := copy(p, r.data)
		if r.together || n == 0 {
			r.failed = true
			return n, r.err
		}
		return n, nil
	}
	r.failed = true
	return 0, r.err
}

// TestAddCSVCallerBufio: a caller's *bufio.Reader, even of MaxLineBytes
// or more, is only read: the accumulator neither keeps it nor resets it
// (a later call on another input leaves the caller's reader and its data
// alone, and a reader the caller reuses for another accumulator reads on),
// a record over MaxLineBytes is an error whatever the caller's buffer,
// and a read error met while looking for a byte-order mark does not stick
// to the caller's reader (a retry on it reads the document).
func TestAddCSVCallerBufio(t *testing.T) {
	p := MustParsePlan(benchPlan)
	opt := DecodeOptions{Currency: p.Currency(), MaxErrors: 10}
	head := "id,date,kind,partner_id,amount\n"
	doc1 := head + "a1,2025-08-01,sale,acme,1.00\n"
	doc2 := head + "b0,2025-11-01,sale,acme,1.00\n" + // after the period: yielded
		"b1,2025-08-01,sale,acme,2.00\nb2,2025-08-01,sale,acme,3.00\n"
	doc3 := head + "c1,2025-08-01,sale,beta,5.00\n"
	ids := func(dst *[]string) AddOptions {
		return AddOptions{OnAdd: func(_ int, id []byte) { *dst = append(*dst, string(id)) }}
	}

	a, _ := NewAccumulator(p, genPeriod)
	b, _ := NewAccumulator(p, genPeriod)
	br := bufio.NewReaderSize(strings.NewReader(doc1), MaxLineBytes)
	for _, err := range a.AddCSV(br, opt, AddOptions{}) {
		t.Fatal(err)
	}
	// The caller reuses its reader for b; a reads another document while
	// b yields its first line.
	br.Reset(strings.NewReader(doc2))
	var addedB []string
	for tx, err := range b.AddCSV(br, opt, ids(&addedB)) {
		if err != nil || tx.ID != "b0" {
			t.Fatalf("b yields %q, %v", tx.ID, err)
		}
		for _, err := range a.AddCSV(strings.NewReader(doc3), opt, AddOptions{}) {
			t.Fatal(err)
		}
	}
	if got := strings.Join(addedB, " "); got != "b1 b2" {
		t.Errorf("b added %q, want b1 b2", got)
	}
	// The caller's reader, reset onto its own data, keeps it through a
	// later call on another input.
	br.Reset(strings.NewReader("the caller's data\n"))
	for _, err := range a.AddCSV(strings.NewReader(doc3), opt, AddOptions{}) {
		t.Fatal(err)
	}
	if rest, _ := io.ReadAll(br); string(rest) != "the caller's data\n" {
		t.Errorf("the caller's reader reads %q after a later call", rest)
	}

	// A record over MaxLineBytes, through a caller's 1 MB reader, before
	// and after a reading through one.
	long := "id,date,kind,partner_id,amount,territory\n" +
		"a1,2025-08-01,sale,acme,1.00," + strings.Repeat("x", MaxLineBytes+10) + "\n"
	big := func(s string) io.Reader { return bufio.NewReaderSize(strings.NewReader(s), 1<<20) }
	for _, in := range []func(string) io.Reader{big, func(s string) io.Reader { return strings.NewReader(s) }} {
		var errs []error
		for _, err := range ReadTransactionsCSV(in(long), opt) {
			errs = append(errs, err)
		}
		for _, err := range a.AddCSV(in(long), opt, AddOptions{}) {
			errs = append(errs, err)
		}
		if len(errs) != 2 || errs[0] == nil || errs[1] == nil || !strings.Contains(errs[0].Error(), "record longer than") || errs[0].Error() != errs[1].Error() {
			t.Errorf("a record over MaxLineBytes: got %v", errs)
		}
	}

	// A timeout on the first read, then the data: a retry on the caller's
	// reader reads the document (c1 yielded by the decoder, added by
	// AddCSV).
	// A fresh accumulator: its first call's reader is the one built for
	// the call.
	fresh, _ := NewAccumulator(p, genPeriod)
	var c1 []string
	for name, read := range map[string]func(io.Reader) iter.Seq2[Transaction, error]{
		"decoder": func(r io.Reader) iter.Seq2[Transaction, error] { return ReadTransactionsCSV(r, opt) },
		"AddCSV":  func(r io.Reader) iter.Seq2[Transaction, error] { return fresh.AddCSV(r, opt, ids(&c1)) },
	} {
		c1 = nil
		br := bufio.NewReaderSize(&onceErrReader{err: os.ErrDeadlineExceeded, rest: strings.NewReader(doc3)}, MaxLineBytes)
		for _, err := range read(br) {
			if !errors.Is(err, os.ErrDeadlineExceeded) {
				t.Errorf("%s, first try: %v", name, err)
			}
		}
		for tx, err := range read(br) {
			if err != nil {
				t.Errorf("%s, retry: %v", name, err)
			}
			c1 = append(c1, tx.ID)
		}
		if strings.Join(c1, " ") != "c1" {
			t.Errorf("%s, retry: read %q, want c1", name, c1)
		}
	}
}

// TestAddCSVNestedInOnRecord: a reading started in OnRecord, on the same
// accumulator, between the decoding of a line of a new shape and its
// learning, leaves the first reading's shapes alone: a later line of the
// first document that does not decode is not added as the shape learnt.
func TestAddCSVNestedInOnRecord(t *testing.T) {
	p := MustParsePlan(benchPlan)
	outer := "id,date,kind,partner_id,amount\n" +
		"o1,2025-08-01,sale,acme,100.00\n" +
		"o2,2025-13-01,sale,acme,7.00\n"
	inner := "id,date,kind,partner_id,amount\n" +
		"i1,2025-13-01,sale,acme,5.00\n"
	a, _ := NewAccumulator(p, genPeriod)
	nested := false
	opt := DecodeOptions{Currency: p.Currency(), MaxErrors: 10}
	opt.OnRecord = func(int, []byte) {
		if !nested {
			nested = true
			for range a.AddCSV(strings.NewReader(inner), DecodeOptions{Currency: p.Currency(), MaxErrors: 10}, AddOptions{}) {
			}
		}
	}
	var added, bad []string
	for tx, err := range a.AddCSV(strings.NewReader(outer), opt, AddOptions{OnAdd: func(_ int, id []byte) { added = append(added, string(id)) }}) {
		var le *LineError
		if !errors.As(err, &le) {
			t.Fatalf("yield %q, %v", tx.ID, err)
		}
		bad = append(bad, strconv.Itoa(le.Line))
	}
	if got := strings.Join(added, " ") + " / " + strings.Join(bad, " "); got != "o1 / 3" {
		t.Errorf("added / lines refused: %s, want o1 / 3 (o2's date is invalid)", got)
	}
}

// TestLongLineCallerBufio: a line over MaxLineBytes is the same error
// through a caller's 1 MB *bufio.Reader as through a plain reader, for
// the JSON Lines decoders too.
func TestLongLineCallerBufio(t *testing.T) {
	long := `{"id":"a1","date":"2025-08-01","kind":"sale","partner_id":"acme","amount":"1.00 USD","territory":"` + strings.Repeat("x", MaxLineBytes) + `"}` + "\n" +
		`{"id":"a2","date":"2025-08-01","kind":"sale","partner_id":"acme","amount":"1.00 USD"}` + "\n"
	read := func(r io.Reader) (out []string) {
		for tx, err := range ReadTransactionsJSONL(r, DecodeOptions{MaxErrors: 10}) {
			out = append(out, fmt.Sprint(tx.ID, " ", err))
		}
		return out
	}
	want := read(strings.NewReader(long))
	if len(want) != 2 || !strings.Contains(want[0], "longer than") {
		t.Fatalf("plain reader: %q", want)
	}
	if got := read(bufio.NewReaderSize(strings.NewReader(long), 1<<20)); !slices.Equal(got, want) {
		t.Errorf("through a 1 MB bufio.Reader: %q, want %q", got, want)
	}
}

// TestAddCSVKeepsNoInput: after a call, the accumulator holds neither the
// call's reader nor its options (OnRecord's closure and what it holds),
// only buffers: both are collected while the accumulator lives on.
func TestAddCSVKeepsNoInput(t *testing.T) {
	p := MustParsePlan(benchPlan)
	a, _ := NewAccumulator(p, genPeriod)
	in := strings.NewReader("id,date,kind,partner_id,amount\ns1,2025-08-01,sale,acme,1.00\ns2,2025-08-02,sale,acme,2.00\n")
	held := new([64]byte) // what OnRecord's closure holds
	wIn, wHeld := weak.Make(in), weak.Make(held)
	onRecord := func(h *[64]byte) func(int, []byte) { return func(int, []byte) { h[0]++ } }
	opt := DecodeOptions{Currency: p.Currency(), OnRecord: onRecord(held)}
	for _, err := range a.AddCSV(in, opt, AddOptions{}) {
		t.Fatal(err)
	}
	in, held, opt = nil, nil, DecodeOptions{}
	runtime.GC()
	if wIn.Value() != nil || wHeld.Value() != nil {
		t.Errorf("after the call, the reader is kept %v, OnRecord's data %v", wIn.Value() != nil, wHeld.Value() != nil)
	}
	runtime.KeepAlive(a)
}

// Each shape of line is learnt once, under its own key: lines alternate
// between two shapes whose keys differ in length (a credit note, then a
// sale with a shorter key), and after the first of each every line
// matches a learnt shape. (A key recorded with the length of the longer
// one before it would not be found again, and the shape would be learnt
// on every such line.)
func TestAddCSVShapesLearntOnce(t *testing.T) {
	doc := "id,date,kind,partner_id,amount\n" +
		"c1,2025-08-01,credit-note,acme,-10.00\n" +
		"s1,2025-08-01,sale,acme,100.00\n" +
		"s2,2025-08-01,sale,acme,200.00\n" +
		"c2,2025-08-01,credit-note,acme,-20.00\n" +
		"c3,2025-08-01,credit-note,acme,-30.00\n" +
		"s3,2025-08-01,sale,acme,300.00\n"
	a, _ := NewAccumulator(MustParsePlan(benchPlan), genPeriod)
	for _, err := range a.AddCSV(strings.NewReader(doc), DecodeOptions{Currency: money.MustCurrency("USD")}, AddOptions{}) {
		t.Fatal(err)
	}
	if a.csv == nil || len(a.csv.list) != 2 || len(a.csv.byKey) != 2 {
		t.Fatalf("shapes learnt: %+v", a.csv)
	}
	// 100.00 + 200.00 + 300.00 − 60.00 = 540.00 of revenue for acme.
	r, err := a.Result(nil)
	if err != nil || r.Transactions != 6 || !r.Lines[0].Measure().Equal(dd("540")) {
		t.Fatalf("%d transactions, measure %s, %v", r.Transactions, r.Lines[0].Measure(), err)
	}
}

// The shapes AddCSV learns, reading a document twice, are each under the
// key of a line of the document (not a stale or mixed key: one would never
// match again and cost speed, not results, so TestPropAddCSVAsLoop — which
// checks the results, a document read twice included — cannot see it),
// once each. The keys are made again from the records encoding/csv reads.
func TestPropAddCSVShapeKeys(t *testing.T) {
	t.Parallel() // long: beside the package's other parallel tests
	for i := -1; i < len(csvAddPlans); i++ {
		rapid.Check(t, func(t *rapid.T) {
			p := csvAddPlan(t, i)
			doc := genCSVDoc(t)
			docs := []string{doc, doc}
			opt := DecodeOptions{MaxErrors: MaxLineErrors}
			if rapid.Bool().Draw(t, "default currency") {
				opt.Currency = p.Currency()
			}
			a, _ := NewAccumulator(p, genPeriod)
			for _, d := range docs {
				for range a.AddCSV(strings.NewReader(d), opt, AddOptions{}) {
				}
			}
			f := a.csv
			if f == nil {
				return
			}
			// The keys of the document's lines, by the shape columns.
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(doc, "\ufeff")))
			r.FieldsPerRecord = -1
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			keys := map[string]bool{}
			for _, rec := range recs[1:] {
				var k []byte
				for _, c := range f.shapeCols {
					if c < len(rec) {
						k = append(append(k, byte(len(rec[c]))), rec[c]...)
					}
				}
				keys[string(k)] = true
			}
			if len(f.byKey) != len(f.list) {
				t.Fatalf("%d keys for %d shapes", len(f.byKey), len(f.list))
			}
			for k := range f.byKey {
				if !keys[k] {
					t.Fatalf("shape learnt under %q, no line's key (%d shapes)\n%s", k, len(f.list), doc)
				}
			}
		})
	}
}
