package incentive

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"

	"github.com/partnerecon/partnerecon/internal/chain"
	"github.com/partnerecon/partnerecon/internal/field"
)

// ErrTampered reports a stored ledger whose hash chain does not verify: a
// run was edited, removed, inserted or reordered (see ParseLedger).
var ErrTampered = errors.New("incentive: ledger does not verify")

// LedgerFormat is the format of the ledger documents MarshalJSON writes
// ("format": 2): runs nested with their entries and sealed in a hash
// chain, entries with the plan hash and the clawback basis. ParseLedger
// also reads format 1 (the document without "format": a list of run IDs
// and a flat list of entries).
const LedgerFormat = 2

// ledgerDomain labels the hashes of ledger runs (see internal/chain).
const ledgerDomain = "partnerecon incentive ledger run v2"

// Seal is one run's place in a ledger's hash chain: Hash covers the run's
// canonical content (its ID and entries in booking order, every member)
// and Prev, the hash of the run before it ("" for the first). Hashes are
// 64 lowercase hex digits of SHA-256.
type Seal struct {
	Run  string
	Prev string
	Hash string
}

// Seals returns the hash chain of the ledger's runs, in booking order. The
// seal of the latest run changes while entries are booked in it.
func (l Ledger) Seals() []Seal {
	out := make([]Seal, len(l.runs))
	for i, r := range l.runs {
		out[i] = Seal{Run: r, Prev: l.prevHash(i), Hash: l.hashes[i]}
	}
	return out
}

// Head returns the hash of the latest run ("" for an empty ledger). A host
// that keeps the head apart from the stored ledger (in another system, or
// signed) and compares it after ParseLedger also detects a stored ledger
// whose hashes were all recomputed, or whose latest runs were cut off.
func (l Ledger) Head() string {
	if len(l.hashes) == 0 {
		return ""
	}
	return l.hashes[len(l.hashes)-1]
}

func (l Ledger) prevHash(i int) string {
	if i == 0 {
		return ""
	}
	return l.hashes[i-1]
}

// runEntries returns run i's entries.
func (l Ledger) runEntries(i int) []Entry {
	end := len(l.entries)
	if i+1 < len(l.starts) {
		end = l.starts[i+1]
	}
	return l.entries[l.starts[i]:end]
}

// runHash returns the hash of run i following prev.
func (l Ledger) runHash(i int, prev string) string {
	h := chain.New(ledgerDomain, prev)
	writeRun(h, l.runs[i], l.runEntries(i))
	return h.Sum()
}

// writeRun writes a run's canonical content: its ID, its number of
// entries, and every member of every entry, each a length-prefixed field
// (decimals as money.FormatDecimal writes them, exponent included).
func writeRun(h chain.Hasher, run string, es []Entry) {
	h.Field(run)
	h.Field(strconv.Itoa(len(es)))
	for i := range es {
		e := &es[i]
		h.Field(e.Kind.String())
		h.Field(e.Window)
		h.Field(e.Recipient.Kind.String())
		h.Field(e.Recipient.ID)
		h.Field(e.Component)
		h.Field(e.PlanHash)
		for _, d := range [...]decimal.Decimal{e.Amount, e.Target, e.Measure, e.Earned, e.Basis} {
			h.Field(money.FormatDecimal(d, 0))
		}
	}
}

// MarshalJSON encodes the ledger deterministically as a format-2 document:
//
//	{"format": 2, "runs": [{"run": "2025-09", "prev": "", "hash": "…",
//	  "entries": [{"kind": "settlement", "window": "2025-Q3",
//	    "recipient": {…}, "component": "rebate", "plan_hash": "…",
//	    "amount": "2800.00", "target": "2800.00", "measure": "140000.00",
//	    "earned": "2800.0000", "basis": "140000.00"}]}]}
//
// Earned and basis appear on settlements only; plan_hash when known.
func (l Ledger) MarshalJSON() ([]byte, error) {
	doc := ledgerJSON{Format: LedgerFormat, Runs: make([]runDoc, len(l.runs))}
	for i, r := range l.runs {
		es := l.runEntries(i)
		rd := runDoc{Run: r, Prev: l.prevHash(i), Hash: l.hashes[i], Entries: make([]entryDoc, len(es))}
		for j := range es {
			rd.Entries[j] = entryDocOf(&es[j])
		}
		doc.Runs[i] = rd
	}
	return strictjson.Marshal(doc)
}

type ledgerJSON struct {
	Format int      `json:"format"`
	Runs   []runDoc `json:"runs"`
}

type runDoc struct {
	Run     string     `json:"run"`
	Prev    string     `json:"prev"`
	Hash    string     `json:"hash"`
	Entries []entryDoc `json:"entries"`
}

// entryDoc is an Entry in a format-2 document: its run is the enclosing
// run's; money members are pointers so that absence is an error.
type entryDoc struct {
	Kind      EntryKind        `json:"kind"`
	Window    string           `json:"window"`
	Recipient Recipient        `json:"recipient"`
	Component string           `json:"component"`
	PlanHash  string           `json:"plan_hash,omitzero"`
	Amount    *decimal.Decimal `json:"amount,omitempty"` // never nil when written
	Target    *decimal.Decimal `json:"target,omitempty"`
	Measure   *decimal.Decimal `json:"measure,omitempty"`
	Earned    *decimal.Decimal `json:"earned,omitempty"` // nil: absent (omitzero would omit a zero decimal)
	Basis     *decimal.Decimal `json:"basis,omitempty"`
}

func entryDocOf(e *Entry) entryDoc {
	d := entryDoc{Kind: e.Kind, Window: e.Window, Recipient: e.Recipient, Component: e.Component, PlanHash: e.PlanHash,
		Amount: &e.Amount, Target: &e.Target, Measure: &e.Measure}
	if e.Kind == Settlement {
		d.Earned, d.Basis = &e.Earned, &e.Basis
	}
	return d
}

// ledgerV1 is a format-1 document.
type ledgerV1 struct {
	Runs    []string  `json:"runs"`
	Entries []entryV1 `json:"entries"`
}

type entryV1 struct {
	Kind      EntryKind       `json:"kind"`
	Run       string          `json:"run"`
	Window    string          `json:"window"`
	Recipient Recipient       `json:"recipient"`
	Component string          `json:"component"`
	Amount    decimal.Decimal `json:"amount"`
	Target    decimal.Decimal `json:"target"`
	Measure   decimal.Decimal `json:"measure"`
}

// Documented limits of a ledger document, checked by ParseLedger.
const (
	// MaxLedgerBytes is the largest ledger document ParseLedger reads.
	MaxLedgerBytes = 256 << 20
	// MaxLedgerDepth is the deepest nesting of objects and arrays in a
	// ledger document (/runs/i/entries/j/recipient has depth 6).
	MaxLedgerDepth = 6
)

// ParseLedger decodes a ledger document as MarshalJSON writes it, strictly:
// unknown fields, duplicate or case-variant keys, null, JSON numbers where
// decimals are expected, documents over MaxLedgerBytes or nested deeper
// than MaxLedgerDepth fail with a *strictjson.Error naming the JSON
// Pointer. It then checks that runs are non-empty and distinct and that
// every entry has a kind, a recipient kind, a window, a component, an
// amount, a target and a measure, and (exactly on settlements) an earned
// figure and a basis: a violation is a *DataError naming the field
// ("/runs/2/entries/0/amount") and matching ErrInvalid.
//
// Finally it verifies the hash chain: every run's prev must be the hash
// of the run before it and its hash must be that of its content. The
// first run that does not verify is a *DataError at "/runs/i" (its ID as
// the value) matching ErrTampered: an edited run fails itself; a removed,
// inserted or reordered run fails the first run after the change. A
// ledger whose every hash was recomputed after an edit, or whose latest
// runs were cut off, verifies: compare Head with a head kept elsewhere.
// Draw entries are then checked too: each one's target must be its draw's
// balance (the sum of the draw's amounts up to it) and none may follow
// the draw's DrawEnd, else a *DataError at the entry matching ErrInvalid.
//
// A format-1 document (no "format" member) is read as it stands: runs
// listed in "runs", entries in booking order in "entries" (an entry out of
// that order is a *DataError at "/entries/i/run"), without plan hashes or
// clawback bases (Clawback uses the paid rate for such settlements). It
// carries no hashes: its runs are sealed when read, so edits made before
// cannot be detected; MarshalJSON then writes format 2.
func ParseLedger(data []byte) (Ledger, error) {
	if len(data) <= MaxLedgerBytes && !hasFormat(data) {
		return parseLedgerV1(data)
	}
	var doc ledgerJSON
	if err := strictjson.Unmarshal(data, &doc, strictjson.Limits{MaxBytes: MaxLedgerBytes, MaxDepth: MaxLedgerDepth}); err != nil {
		return Ledger{}, err
	}
	if doc.Format != LedgerFormat {
		return Ledger{}, invalidLedger("/format", strconv.Itoa(doc.Format), "unknown ledger format (format 1 has no \"format\" member; this version writes 2)")
	}
	l := Ledger{runs: make([]string, len(doc.Runs)), starts: make([]int, len(doc.Runs)), hashes: make([]string, len(doc.Runs))}
	seen := make(map[string]struct{}, len(doc.Runs))
	n := 0
	for i := range doc.Runs {
		n += len(doc.Runs[i].Entries)
	}
	l.entries = make([]Entry, 0, n)
	links := make([]chain.Link, len(doc.Runs))
	for i := range doc.Runs {
		rd := &doc.Runs[i]
		if err := checkRun(seen, field.At("runs", i, "run"), rd.Run); err != nil {
			return Ledger{}, err
		}
		l.runs[i], l.starts[i], l.hashes[i] = rd.Run, len(l.entries), rd.Hash
		links[i] = chain.Link{Prev: rd.Prev, Hash: rd.Hash}
		for j := range rd.Entries {
			e, err := rd.Entries[j].entry(rd.Run, field.At("runs", i, "entries", j))
			if err != nil {
				return Ledger{}, err
			}
			l.entries = append(l.entries, e)
		}
	}
	if i, err := chain.Verify(ledgerDomain, links, func(i int, h chain.Hasher) error {
		writeRun(h, l.runs[i], l.runEntries(i))
		return nil
	}); err != nil {
		return Ledger{}, &DataError{Path: field.At("runs", i), Value: field.Truncate(l.runs[i]), Err: fmt.Errorf("%w: the run %w", ErrTampered, err)}
	}
	if err := l.checkDraws(); err != nil {
		return Ledger{}, err
	}
	return l, nil
}

// hasFormat reports whether data is an object with a top-level "format"
// member (or cannot tell: malformed data goes to the format-2 decoder,
// which reports the problem). It reads the top-level member names only,
// skipping their values, within MaxLedgerDepth: linear in data, whatever
// the nesting.
func hasFormat(data []byte) bool {
	dec := jsontext.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	if t, err := dec.ReadToken(); err != nil || t.Kind() != '{' {
		return true
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadToken()
		if err != nil {
			return true
		}
		if name.String() == "format" {
			return true
		}
		if err := skipShallow(dec, MaxLedgerDepth-1); err != nil {
			return true
		}
	}
	return false
}

// skipShallow skips the next value, failing if it nests deeper than depth.
func skipShallow(dec *jsontext.Decoder, depth int) error {
	base := dec.StackDepth()
	for {
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		d := dec.StackDepth()
		if d-base > depth {
			return errors.New("nested too deeply")
		}
		if d == base {
			return nil
		}
	}
}

// entry checks a format-2 entry at path and returns it, booked in run.
func (d *entryDoc) entry(run, path string) (Entry, error) {
	at := func(name string) string { return path + "/" + name }
	switch {
	case !d.Kind.IsValid():
		return Entry{}, invalidLedger(at("kind"), "", "entry kind required")
	case !d.Recipient.Kind.IsValid():
		return Entry{}, invalidLedger(at("recipient/kind"), "", "recipient kind required")
	case d.Window == "":
		return Entry{}, invalidLedger(at("window"), "", "window required")
	case d.Component == "":
		return Entry{}, invalidLedger(at("component"), "", "component required")
	}
	for _, m := range []struct {
		name string
		v    *decimal.Decimal
		want bool
	}{{"amount", d.Amount, true}, {"target", d.Target, true}, {"measure", d.Measure, true},
		{"earned", d.Earned, d.Kind == Settlement}, {"basis", d.Basis, d.Kind == Settlement}} {
		switch {
		case m.want && m.v == nil:
			return Entry{}, invalidLedger(at(m.name), "", m.name+" required")
		case !m.want && m.v != nil:
			return Entry{}, invalidLedger(at(m.name), money.FormatDecimal(*m.v, 0), m.name+" is recorded on settlements only")
		}
	}
	e := Entry{Kind: d.Kind, Run: run, Window: d.Window, Recipient: d.Recipient, Component: d.Component, PlanHash: d.PlanHash,
		Amount: *d.Amount, Target: *d.Target, Measure: *d.Measure}
	if d.Kind == Settlement {
		e.Earned, e.Basis = *d.Earned, *d.Basis
	}
	return e, nil
}

// checkRun checks a run ID at path and adds it to seen.
func checkRun(seen map[string]struct{}, path, r string) error {
	if r == "" {
		return invalidLedger(path, "", "run required")
	}
	if _, dup := seen[r]; dup {
		return invalidLedger(path, r, "run listed twice")
	}
	seen[r] = struct{}{}
	return nil
}

func invalidLedger(path, value, reason string) error {
	return &DataError{Path: path, Value: field.Truncate(value), Err: fmt.Errorf("%w: %s", ErrInvalid, reason)}
}

// parseLedgerV1 reads a format-1 document and seals it.
func parseLedgerV1(data []byte) (Ledger, error) {
	var j ledgerV1
	if err := strictjson.Unmarshal(data, &j, strictjson.Limits{MaxBytes: MaxLedgerBytes, MaxDepth: MaxLedgerDepth - 1}); err != nil {
		return Ledger{}, err
	}
	// One pass over the runs and one over the entries, with an index of
	// the runs: linear in the document.
	index := make(map[string]int, len(j.Runs))
	seen := make(map[string]struct{}, len(j.Runs))
	for i, r := range j.Runs {
		if err := checkRun(seen, field.At("runs", i), r); err != nil {
			return Ledger{}, err
		}
		index[r] = i
	}
	l := Ledger{runs: slices.Clip(j.Runs), entries: make([]Entry, len(j.Entries)), starts: make([]int, len(j.Runs))}
	cur := 0 // the run of the previous entry
	for i, e := range j.Entries {
		ri, listed := index[e.Run]
		switch {
		case !e.Kind.IsValid():
			return Ledger{}, invalidLedger(field.At("entries", i, "kind"), "", "entry kind required")
		case !e.Recipient.Kind.IsValid():
			return Ledger{}, invalidLedger(field.At("entries", i, "recipient", "kind"), "", "recipient kind required")
		case !listed:
			return Ledger{}, invalidLedger(field.At("entries", i, "run"), e.Run, "run not listed in /runs")
		case ri < cur:
			return Ledger{}, invalidLedger(field.At("entries", i, "run"), e.Run, "entry out of booking order (its run is listed before the previous entry's)")
		case e.Window == "":
			return Ledger{}, invalidLedger(field.At("entries", i, "window"), "", "window required")
		case e.Component == "":
			return Ledger{}, invalidLedger(field.At("entries", i, "component"), "", "component required")
		}
		for ; cur < ri; cur++ {
			l.starts[cur+1] = i
		}
		l.entries[i] = Entry{Kind: e.Kind, Run: e.Run, Window: e.Window, Recipient: e.Recipient, Component: e.Component,
			Amount: e.Amount, Target: e.Target, Measure: e.Measure}
	}
	for ; cur+1 < len(l.runs); cur++ {
		l.starts[cur+1] = len(l.entries)
	}
	l.hashes = make([]string, len(l.runs))
	for i := range l.runs {
		l.hashes[i] = l.runHash(i, l.prevHash(i))
	}
	return l, nil
}

// UnmarshalJSON is ParseLedger, so that a Ledger inside a host's own JSON
// round-trips through encoding/json.
func (l *Ledger) UnmarshalJSON(b []byte) error {
	v, err := ParseLedger(b)
	if err != nil {
		return err
	}
	*l = v
	return nil
}
