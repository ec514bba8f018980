package incentive

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"math/bits"
	"strings"

	"github.com/partnerecon/partnerecon/internal/fixed"
	"github.com/partnerecon/partnerecon/money"
	"github.com/shopspring/decimal"
)

// AddCSV reads the transactions of the CSV document r, as
// ReadTransactionsCSV(r, opt) yields them, and adds to a, as Add does,
// each one dated in a's period that corrects no earlier period. It yields
// every other line, in input order:
//   - a decoding error, with the zero Transaction, as ReadTransactionsCSV
//     yields it: a *LineError (counted against opt.MaxErrors), then
//     ErrTooManyErrors when there are too many;
//   - a transaction that Add refused, with Add's error: a *DataError
//     (not counted against opt.MaxErrors, as in the loop);
//   - a transaction dated outside the period, or one that corrects an
//     earlier period, with a nil error, not added: the caller decides what
//     becomes of it (Add would count it as skipped, and Result.Skipped
//     counts only what Add was given; a ledger claws a correction back).
//
// The accumulator ends as that loop would leave it, and the yields are
// the same. opt.OnRecord is called for every record read, added or
// yielded (not for one over MaxLineBytes, as DecodeOptions says), before
// a record's yield: the line of a transaction Add refused (its error
// carries none) is the last one it was given; a *LineError has its own.
//
// What it adds is reported as added asks: counted in added.Totals, and
// told to added.OnAdd. Totals already kept in another currency are an
// ErrCurrency error, yielded before anything is read.
//
// It is faster than the loop: a usual line is added without being built
// as a Transaction. A usual line has plain printable ASCII IDs; an amount
// with exactly the plan currency's decimal places (90000.00 for USD) and
// no currency code, in the plan's currency; a partner and rep the
// accumulator already holds; nothing that needs more than adding the
// amount to their measures (no units, credits or correction, and no
// component it counts for with a contract value, a first-come budget or
// overlay credit). Its other fields (date, kind, currency, motion,
// billing, eligibility values…) are looked up by their text among the
// combinations the accumulator has seen in earlier lines, each decoded
// and checked once by the general path; every other line takes the
// general path, and so does a line whose other fields are longer than
// 256 bytes together, or a new combination once the accumulator keeps
// 8,192 (some hundred bytes each, kept for the next call with the same
// columns and opt.Currency).
//
// With opt.RejectDuplicateIDs, or a delimiter beyond ASCII, every line
// takes the general path.
//
// The accumulator also keeps, for the next call, the reader's buffers
// (MaxLineBytes, and as much again for a record with quotes), its caches
// of dates, codes and enum texts, and the last 2 KB chunk its text fields
// were copied to, so that reading many small documents in turn — the
// blocks of a file split among goroutines, each with its accumulator —
// costs no new buffer per document. It keeps nothing of r, opt or added.
// A call made on the same accumulator in a yield, in opt.OnRecord or in
// added.OnAdd reads with buffers and shapes of its own, and leaves the
// first call's alone.
func (a *Accumulator) AddCSV(r io.Reader, opt DecodeOptions, added AddOptions) iter.Seq2[Transaction, error] {
	return a.addCSV(csvInput{r: r}, opt, added)
}

// AddCSVBytes is AddCSV on the CSV document data, read in place: its lines
// are decoded where they are, not copied into a buffer first. It is for a
// host that holds its input in memory — a block of a file it deals out
// among goroutines, each with its accumulator, say. The results are those
// of AddCSV on a reader of data (a line of MaxLineBytes or more is an
// error likewise). data must not change until the sequence ends; nothing
// of it is kept after.
func (a *Accumulator) AddCSVBytes(data []byte, opt DecodeOptions, added AddOptions) iter.Seq2[Transaction, error] {
	return a.addCSV(csvInput{data: data, inPlace: true}, opt, added)
}

// csvInput is a CSV document to read: from r, or in place from data.
type csvInput struct {
	r       io.Reader
	data    []byte
	inPlace bool
}

// reader returns the document as a reader.
func (in csvInput) reader() io.Reader {
	if in.inPlace {
		return bytes.NewReader(in.data)
	}
	return in.r
}

// addCSV is AddCSV and AddCSVBytes.
func (a *Accumulator) addCSV(in csvInput, opt DecodeOptions, added AddOptions) iter.Seq2[Transaction, error] {
	return func(yield func(Transaction, error) bool) {
		if totals := added.Totals; totals != nil {
			cur := a.plan.spec.Currency
			if totals.cur.IsValid() && totals.cur != cur {
				yield(Transaction{}, fmt.Errorf("%w: totals kept in %s, an accumulator in %s", ErrCurrency, totals.cur.Code(), cur.Code()))
				return
			}
			totals.cur = cur
		}
		if !byteComma(opt.Comma) || opt.RejectDuplicateIDs {
			a.addCSVGeneral(in.reader(), opt, added, yield)
			return
		}
		// The reading's buffers, caches and shapes are the accumulator's,
		// taken for the call: a call nested in a yield, OnRecord or OnAdd
		// reads with its own, and leaves this one's alone.
		kept, f := a.kept, a.csv
		if kept == nil {
			kept = new(csvKept)
		}
		a.kept, a.csv = nil, nil
		defer func() {
			kept.release()
			a.kept, a.csv = kept, f
		}()
		d, cr, b, ok := openCSVTx(in, opt, yield, kept)
		if !ok {
			return
		}
		f = a.shapesFor(f, b, opt.Currency)
		var t Transaction
		for {
			line, err := cr.read()
			if err == io.EOF {
				return
			}
			if err == nil && f.add(a, cr, added.Totals) {
				if opt.OnRecord != nil {
					opt.OnRecord(line, cr.text)
				}
				if added.OnAdd != nil {
					added.OnAdd(line, cr.data[cr.starts[f.id]:cr.ends[f.id]])
				}
				continue
			}
			if err = b.next(line, err, cr, &t); err != nil {
				if !d.emitp(yield, &t, err) {
					return
				}
				continue
			}
			if f.missed {
				f.learn(a, cr, &t, opt.Currency)
			}
			if !a.addInPeriod(line, &t, added, yield) {
				return
			}
		}
	}
}

// addCSVGeneral is AddCSV with every line on the general path: the
// definition the fast path keeps to.
func (a *Accumulator) addCSVGeneral(r io.Reader, opt DecodeOptions, added AddOptions, yield func(Transaction, error) bool) {
	line := 0 // the record's, as OnRecord is told it first
	if onRecord := opt.OnRecord; onRecord != nil {
		opt.OnRecord = func(l int, text []byte) { line = l; onRecord(l, text) }
	} else {
		opt.OnRecord = func(l int, _ []byte) { line = l }
	}
	for t, err := range ReadTransactionsCSV(r, opt) {
		if err != nil {
			if !yield(t, err) {
				return
			}
			continue
		}
		if !a.addInPeriod(line, &t, added, yield) {
			return
		}
	}
}

// addInPeriod adds the decoded transaction t of line if it is dated in
// the period and corrects nothing, else yields it; it reports whether to
// go on.
func (a *Accumulator) addInPeriod(line int, t *Transaction, added AddOptions, yield func(Transaction, error) bool) bool {
	if !a.inPeriod(t.Date) || t.Corrects != "" {
		return yield(*t, nil)
	}
	if err := a.add(t, -1); err != nil {
		return yield(*t, err)
	}
	if added.Totals != nil {
		added.Totals.count(t.Kind, t.Amount)
	}
	if added.OnAdd != nil {
		added.OnAdd(line, []byte(t.ID))
	}
	return true
}

// AddOptions say what AddCSV reports of the transactions it adds.
type AddOptions struct {
	// Totals, if not nil, counts them by kind: control totals.
	Totals *AddedTotals
	// OnAdd, if not nil, is called with the line and ID of each, in input
	// order, once it is added (after the OnRecord call of its record): for
	// a host's own duplicate-ID check, say. id is valid during the call
	// only. It cannot stop the reading: a host that must stop notes its
	// reason and ends the loop at the next yield, or after it.
	OnAdd func(line int, id []byte)
}

// AddedTotals are control totals of the transactions AddCSV added, by
// kind: how many, and the exact sum of their amounts. The zero value is
// empty and ready to use; it takes the currency of the first accumulator
// it is used with. Like an Accumulator, it is not safe for concurrent
// use: keep one per goroutine and add up their figures.
type AddedTotals struct {
	cur   money.Currency
	kinds [QualifyingEvent + 1]kindTotal
}

// kindTotal is one kind's count and sum: in minor units while the sum
// fits an int64, the rest in a decimal.
type kindTotal struct {
	lines     int64
	anyAmount bool // one had an amount
	minor     int64
	rest      decimal.Decimal
}

// Transactions returns the number of transactions of kind k added.
func (t AddedTotals) Transactions(k Kind) int64 {
	if !k.IsValid() {
		return 0
	}
	return t.kinds[k].lines
}

// Amount returns the sum of the amounts of the transactions of kind k
// added, in the accumulator's currency; ok is false when none had an
// amount (qualifying events usually have none).
func (t AddedTotals) Amount(k Kind) (sum money.Amount, ok bool) {
	if !k.IsValid() || !t.kinds[k].anyAmount {
		return money.Amount{}, false
	}
	kt := &t.kinds[k]
	d := decimal.New(kt.minor, -t.cur.Digits()).Add(kt.rest)
	return money.New(d, t.cur), true
}

// count adds one transaction of kind k and amount am (the zero Amount
// when it has none).
func (t *AddedTotals) count(k Kind, am money.Amount) {
	if !am.IsValid() {
		t.countMinor(k, 0, false)
		return
	}
	if v, ok := am.ScaledInt64(t.cur.Digits()); ok {
		t.countMinor(k, v, true)
		return
	}
	kt := &t.kinds[k]
	kt.lines++
	kt.anyAmount = true
	kt.rest = kt.rest.Add(am.Decimal())
}

// countMinor is count for an amount of v minor units of the totals'
// currency, or none (has false).
func (t *AddedTotals) countMinor(k Kind, v int64, has bool) {
	kt := &t.kinds[k]
	kt.lines++
	if has {
		kt.anyAmount = true
		kt.addMinor(v, t.cur)
	}
}

// addMinor adds v minor units of cur.
func (kt *kindTotal) addMinor(v int64, cur money.Currency) {
	if s, ok := fixed.AddChecked(kt.minor, v); ok {
		kt.minor = s
		return
	}
	kt.rest = kt.rest.Add(decimal.New(v, -cur.Digits()))
}

// maxShapes is the most line shapes an accumulator keeps; maxShapeKey the
// longest key (the text of a line's shape fields) it keeps one for.
const (
	maxShapes   = 8192
	maxShapeKey = 256
)

// csvShapes is AddCSV's memory of the line shapes it has seen: the
// fields of a line other than its IDs and amount, by their text, and
// what they make of the line.
type csvShapes struct {
	// The columns and default currency the keys are for.
	cols   [numTxColumns]int
	defCur money.Currency
	// Record indices: the shape fields, the fields the fast path wants
	// empty (units, corrects, credits), and the others (−1 if absent).
	shapeCols, emptyCols           []int
	id, partner, rep, amount, curr int
	cur                            money.Currency // the plan's
	byKey                          map[string]int32
	list                           []shape
	key                            []byte
	missed                         bool // key holds the last line's, not found
}

// shape is what a line's shape fields make of it.
type shape struct {
	ok bool // lines of this shape can take the fast path
	// signs has bit s+1 set when an amount of sign s is valid, bit 3
	// when no amount is.
	signs      uint8
	kind       Kind
	hits       [3]uint64 // per recipient kind, the groups counted
	amountHits bool      // a group counted sums the amount
	needRep    bool      // a rep group is counted: rep_id is required
}

// shapesFor returns a's shapes for the columns of b and the default
// currency cur: f, the last call's, or a new memory when they differ.
func (a *Accumulator) shapesFor(f *csvShapes, b *csvTx, cur money.Currency) *csvShapes {
	if f != nil && f.cols == b.cols && f.defCur == cur {
		return f
	}
	f = &csvShapes{cols: b.cols, defCur: cur, byKey: map[string]int32{}, cur: a.plan.spec.Currency}
	f.id, f.partner, f.rep, f.amount, f.curr = b.cols[colID], b.cols[colPartnerID], b.cols[colRepID], b.cols[colAmount], b.cols[colCurrency]
	for col, i := range b.cols {
		switch {
		case i < 0:
		case col == colUnits || col == colCorrects || col == colCredits:
			f.emptyCols = append(f.emptyCols, i)
		case col != colID && col != colPartnerID && col != colRepID && col != colAmount:
			f.shapeCols = append(f.shapeCols, i)
		}
	}
	return f
}

// plainID reports an ID the decoders and Add accept as it is, for sure:
// 1 to MaxIDLen printable ASCII bytes, no space at either end.
func plainID(b []byte) bool {
	return len(b) > 0 && len(b) <= MaxIDLen && untrimmed(b) && printableASCII(b)
}

// add adds the record r holds to a if it takes the fast path, and
// reports whether it did; a is unchanged otherwise. When the line's shape
// was not known, missed is set and key holds it, for learn.
func (f *csvShapes) add(a *Accumulator, r *csvReader, totals *AddedTotals) bool {
	// f is written only when something changes, not on every line: with
	// the writes on every line, this function took 14–26 % longer on two
	// goroutines (perf samples, payout-run's 1M-line file), and about as
	// long as on one without them; a cache line shared between the
	// goroutines is our guess at why.
	if f.missed {
		f.missed = false
	}
	data, starts, ends := r.data, r.starts, r.ends
	for _, i := range f.emptyCols {
		if starts[i] != ends[i] {
			return false
		}
	}
	partner := data[starts[f.partner]:ends[f.partner]]
	if !plainID(data[starts[f.id]:ends[f.id]]) || !plainID(partner) {
		return false
	}
	var rep []byte
	if f.rep >= 0 {
		if rep = data[starts[f.rep]:ends[f.rep]]; len(rep) > 0 && !plainID(rep) {
			return false
		}
	}
	cls, v := 3, int64(0) // no amount
	if f.amount >= 0 {
		if am := data[starts[f.amount]:ends[f.amount]]; len(am) > 0 {
			var ok bool
			if v, ok = minorUnits(am, f.cur.Digits()); !ok {
				return false
			}
			cls = 1
			if v > 0 {
				cls = 2
			} else if v < 0 {
				cls = 0
			}
		}
	}
	k := f.key[:0]
	for _, i := range f.shapeCols {
		fl := data[starts[i]:ends[i]]
		k = append(append(k, byte(len(fl))), fl...)
		if len(fl) > 255 || len(k) > maxShapeKey {
			return false
		}
	}
	si, known := f.byKey[string(k)]
	if !known {
		// The key learn records, in a buffer at least as long as every
		// known key: a line that matches one never grows it.
		f.key = k
		f.missed = len(f.list) < maxShapes
		return false
	}
	sh := &f.list[si]
	if !sh.ok || sh.signs&(1<<cls) == 0 || sh.needRep && len(rep) == 0 || sh.amountHits && cls == 3 {
		return false
	}
	// Every recipient's slot first, so that nothing changes unless the
	// line is added whole (a new recipient takes the general path).
	var base [3]int
	for _, rk := range a.kinds {
		if sh.hits[rk] == 0 {
			continue
		}
		s := &a.sides[rk]
		id := partner
		if rk == RecipientRep {
			id = rep
		}
		j, ok := s.index.FindBytes(id)
		if !ok {
			return false
		}
		base[rk] = j * len(s.groups)
	}
	a.txs++
	for _, rk := range a.kinds {
		s := &a.sides[rk]
		for h := sh.hits[rk]; h != 0; h &= h - 1 {
			g := bits.TrailingZeros64(h)
			i := base[rk] + g
			switch s.measure[g] {
			case EventCount:
				s.addEvent(i, sh.kind.reversal())
			case Revenue, GrowthAmount, GrowthPercent, RecurringRevenue:
				// (Not contracted: learn keeps those on the general path.)
				if !s.accs[i].addMinor(v) {
					s.spill(i, money.FromMinor(v, f.cur).Decimal())
				}
			case Units, MeasureUnspecified: // (learn keeps units on the general path)
			}
		}
	}
	if totals != nil {
		totals.countMinor(sh.kind, v, cls != 3)
	}
	return true
}

// learn records the shape of the line r holds, t as the general path
// decoded it (without error), under the key add left; cur is the
// decoder's default currency.
func (f *csvShapes) learn(a *Accumulator, r *csvReader, t *Transaction, cur money.Currency) {
	f.missed = false
	sh := shape{kind: t.Kind}
	sh.ok = a.inPeriod(t.Date) && t.Corrects == "" && len(t.Credits) == 0 && t.Units.IsZero()
	// The currency the line's amount is in: its currency field's, else
	// the default (an amount that names one takes the general path).
	if f.curr >= 0 {
		if c := strings.TrimSpace(string(r.data[r.starts[f.curr]:r.ends[f.curr]])); c != "" {
			var err error
			if cur, err = money.ParseCurrency(c); err != nil {
				sh.ok = false
			}
		}
	}
	// Which amounts Add accepts: checked on t with each sign in turn.
	probe := *t
	for s := -1; s <= 1 && cur.IsValid(); s++ {
		probe.Amount = money.FromMinor(int64(s), cur)
		if probe.checkRange() == nil && probe.checkSigned(&a.plan, s) == nil {
			sh.signs |= 1 << (s + 1)
		}
	}
	if t.Kind == QualifyingEvent { // the decoders take an event without an amount, no other kind
		probe.Amount = money.Amount{}
		if probe.checkSigned(&a.plan, 0) == nil {
			sh.signs |= 1 << 3
		}
	}
	if cur != a.plan.spec.Currency {
		sh.signs &= 1 << 3 // an amount in another currency takes the general path
	}
	for _, rk := range a.kinds {
		s := &a.sides[rk]
		h := a.hits(s, t)
		sh.hits[rk] = h
		if h == 0 {
			continue
		}
		if s.overlay != 0 || h&s.firstCome != 0 {
			sh.ok = false
		}
		if rk == RecipientRep {
			sh.needRep = true
		}
		for ; h != 0; h &= h - 1 {
			g := bits.TrailingZeros64(h)
			switch s.measure[g] {
			case Revenue, GrowthAmount, GrowthPercent:
				sh.amountHits = true
			case RecurringRevenue:
				sh.amountHits = true
				if a.plan.comps[s.groups[g]].contracted() {
					sh.ok = false
				}
			case Units:
				sh.ok = false
			case EventCount, MeasureUnspecified:
			}
		}
	}
	f.byKey[string(f.key)] = int32(len(f.list))
	f.list = append(f.list, sh)
}
