package incentive

import (
	"bytes"
	"errors"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/strictjson"
)

// genPartialText draws a string of a partial document: mostly plain
// ASCII, sometimes with what JSON must escape or the hand-written paths
// leave to strictjson (quote, backslash, control, DEL, non-ASCII, invalid
// UTF-8), sometimes one of a few repeated spellings.
func genPartialText(t *rapid.T, label string) string {
	if rapid.IntRange(0, 2).Draw(t, label+" repeated") == 0 {
		return rapid.SampledFrom([]string{"p-1", "retro", "v1", ""}).Draw(t, label)
	}
	runes := []rune("abcXYZ019-_:. ")
	if rapid.IntRange(0, 3).Draw(t, label+" odd") == 0 {
		runes = append(runes, '"', '\\', '\n', 0, 0x7f, 'é', '\u2028', '<', '&', 0xfffd)
	}
	s := rapid.StringOf(rapid.SampledFrom(runes)).Draw(t, label)
	if rapid.IntRange(0, 15).Draw(t, label+" invalid") == 0 {
		s += "\xff"
	}
	return s
}

// genPartial draws a Partial as a host might hand one to MarshalJSON:
// any recipient kind (invalid ones too), texts of genPartialText, volumes
// of any size and exponent (some beyond money's range or too long to be
// read back), counts of any sign, and sometimes claims.
func genPartial(t *rapid.T) Partial {
	count := func(label string) int64 {
		if rapid.Bool().Draw(t, label+" edge") {
			return rapid.SampledFrom([]int64{0, -1, 1, math.MaxInt64, math.MinInt64}).Draw(t, label)
		}
		return rapid.Int64().Draw(t, label)
	}
	p := Partial{PlanHash: genPartialText(t, "plan hash"), Period: genPartialText(t, "period"),
		Transactions: count("transactions"), Skipped: count("skipped")}
	// The period's dates: none, whole UTC days, instants with
	// nanoseconds, in other zones (offsets of seconds, of 24 hours and
	// more), in years JSON cannot write.
	for _, d := range []*time.Time{&p.PeriodFrom, &p.PeriodUntil} {
		if rapid.IntRange(0, 2).Draw(t, "dated") == 0 {
			continue
		}
		v := time.Date(rapid.IntRange(-2, 10001).Draw(t, "year"), time.Month(rapid.IntRange(1, 12).Draw(t, "month")), rapid.IntRange(1, 28).Draw(t, "day"),
			0, 0, 0, 0, time.UTC)
		if rapid.Bool().Draw(t, "instant") {
			v = v.Add(time.Duration(rapid.Int64Range(0, 86_400e9-1).Draw(t, "nanoseconds")))
		}
		if rapid.IntRange(0, 3).Draw(t, "zoned") == 0 {
			v = v.In(time.FixedZone("z", rapid.SampledFrom([]int{3600, -7200, 1172, 24 * 3600, -25 * 3600, 100 * 3600}).Draw(t, "offset")))
		}
		*d = v
	}
	if rapid.IntRange(0, 9).Draw(t, "nil measures") == 0 {
		p.Measures = nil
	} else {
		p.Measures = []PartialMeasure{}
	}
	for i := range rapid.IntRange(0, 5).Draw(t, "measures") {
		m := PartialMeasure{Recipient: Recipient{Kind: RecipientKind(rapid.IntRange(0, 3).Draw(t, "kind")), ID: genPartialText(t, "id")},
			Component: genPartialText(t, "component"), Version: genPartialText(t, "version"), Count: count("count")}
		if i > 0 && rapid.Bool().Draw(t, "same recipient") {
			m.Recipient = p.Measures[i-1].Recipient
		}
		switch rapid.IntRange(0, 5).Draw(t, "volume kind") {
		case 0:
			m.Volume = decimal.Decimal{}
		case 1:
			m.Volume = proptest.Decimal(t, -1100, 1100) // beyond the range, or too long
		default:
			m.Volume = proptest.Decimal(t, -40, 10)
		}
		p.Measures = append(p.Measures, m)
	}
	switch rapid.IntRange(0, 9).Draw(t, "claims") {
	case 0:
		p.Claims = []PartialClaim{}
	case 1:
		p.Claims = []PartialClaim{{Recipient: Recipient{Kind: RecipientPartner, ID: "p-1"}, Component: "c", Version: "1",
			Transaction: "t-1", Date: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Measure: decimal.New(5, 0)}}
	}
	return p
}

// TestPropPartialEncodingAsStrict: MarshalJSON, which writes the common
// partial by hand, writes the bytes strictjson.Marshal writes, and fails
// exactly when it does, with the same message. Both the hand-written path
// and the fall-back must be taken.
func TestPropPartialEncodingAsStrict(t *testing.T) {
	var byHand, strict int
	rapid.Check(t, func(t *rapid.T) {
		p := genPartial(t)
		got, err := p.MarshalJSON()
		want, werr := p.marshalStrict()
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("MarshalJSON: %v; strictjson: %v", err, werr)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("MarshalJSON wrote\n%s\nstrictjson wrote\n%s", got, want)
		}
		if _, ok := appendPartial(nil, p); ok {
			byHand++
		} else {
			strict++
		}
	})
	if byHand == 0 || strict == 0 {
		t.Errorf("%d partials written by hand, %d by strictjson: both paths must be exercised", byHand, strict)
	}
}

// partialMutation returns b changed in one of the ways a document departs
// from the canonical form or breaks: white space, a byte replaced,
// removed or doubled, text inserted, the document cut short or followed
// by text, or nothing.
func partialMutation(t *rapid.T, b []byte) ([]byte, bool) {
	kind := rapid.IntRange(0, 7).Draw(t, "mutation")
	if kind == 0 || len(b) == 0 {
		return b, false
	}
	i := rapid.IntRange(0, len(b)-1).Draw(t, "at")
	out := append([]byte(nil), b[:i]...)
	switch kind {
	case 1:
		out = append(out, rapid.SampledFrom([]byte(" \t\n\r")).Draw(t, "space"))
		out = append(out, b[i:]...)
	case 2:
		out = append(out, rapid.SampledFrom([]byte("\"\\ 0159-+.eE,:{}[]aA\x00\x7f\xff")).Draw(t, "byte"))
		out = append(out, b[i+1:]...)
	case 3:
		out = append(out, b[i+1:]...)
	case 4:
		out = append(out, b[i], b[i])
		out = append(out, b[i+1:]...)
	case 5:
		out = append(out, rapid.SampledFrom([]string{`\u0061`, `\"`, "é", "-0", "00", "1e2", "1.0", "null", `"x":1,`, `"Period":"x",`,
			`"claims":[],`, " \n"}).Draw(t, "text")...)
		out = append(out, b[i:]...)
	case 6:
		return out, true // cut short
	default:
		out = append(b[:len(b):len(b)], rapid.SampledFrom([]string{" ", "\n", "\r\n\t", "x", "{}", "\x00"}).Draw(t, "tail")...)
	}
	return out, true
}

// exactPartial is p with every decimal as its coefficient and exponent,
// for cmp: PartialMeasure's Equal method compares volumes by value only.
// Nil slices stay apart from empty ones.
func exactPartial(p Partial) any {
	type measure struct {
		Recipient          Recipient
		Component, Version string
		Volume             string
		Count              int64
	}
	type claim struct {
		PartialClaim
		Measure string
	}
	type partial struct {
		Head     [2]string
		Dates    [2]string // as instants
		Counts   [2]int64
		Measures []measure
		Claims   []claim
	}
	exact := func(d decimal.Decimal) string {
		return d.Coefficient().String() + "e" + strconv.Itoa(int(d.Exponent()))
	}
	instant := func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
	out := partial{Head: [2]string{p.PlanHash, p.Period}, Dates: [2]string{instant(p.PeriodFrom), instant(p.PeriodUntil)},
		Counts: [2]int64{p.Transactions, p.Skipped}}
	if p.Measures != nil {
		out.Measures = []measure{}
	}
	for _, m := range p.Measures {
		out.Measures = append(out.Measures, measure{m.Recipient, m.Component, m.Version, exact(m.Volume), m.Count})
	}
	if p.Claims != nil {
		out.Claims = []claim{}
	}
	for _, c := range p.Claims {
		x := c
		x.Measure = decimal.Decimal{}
		out.Claims = append(out.Claims, claim{x, exact(c.Measure)})
	}
	return out
}

// TestPropCanonicalPartialReadsAsStrict: whenever the hand-written reader
// accepts a document (a partial as written, or changed by
// partialMutation), strictjson accepts it too and reads the same partial,
// down to decimal exponents and empty slices. The hand-written reader must
// accept a partial written by hand (so that the property is not vacuous)
// and must decline some documents strictjson reads.
func TestPropCanonicalPartialReadsAsStrict(t *testing.T) {
	var fast, declined int
	rapid.Check(t, func(t *rapid.T) {
		p := genPartial(t)
		b, err := p.MarshalJSON()
		if err != nil {
			return
		}
		doc, mutated := partialMutation(t, b)
		got, ok := readCanonicalPartial(doc)
		want, werr := parsePartialStrict(doc)
		if !ok {
			if _, byHand := appendPartial(nil, p); byHand && !mutated && plainPartial(p) {
				t.Fatalf("a partial written by hand, with plain texts, is not read by hand:\n%s", doc)
			}
			if werr == nil {
				declined++
			}
			return
		}
		fast++
		if werr != nil {
			t.Fatalf("read by hand, but strictjson refuses it (%v):\n%s", werr, doc)
		}
		if d := cmp.Diff(exactPartial(want), exactPartial(got)); d != "" {
			t.Fatalf("read by hand differently from strictjson (-strict +by hand):\n%s\n%s", d, doc)
		}
		if q, err := ParsePartial(doc); err != nil || cmp.Diff(exactPartial(want), exactPartial(q)) != "" {
			t.Fatalf("ParsePartial: %v", err)
		}
	})
	if fast == 0 || declined == 0 {
		t.Errorf("%d documents read by hand, %d valid ones declined: both paths must be exercised", fast, declined)
	}
}

// plainPartial reports whether every text of p is plain (plainText): the
// hand-written reader reads it.
func plainPartial(p Partial) bool {
	ok := plainText(p.PlanHash) && plainText(p.Period)
	for _, m := range p.Measures {
		ok = ok && plainText(m.Recipient.ID) && plainText(m.Component) && plainText(m.Version)
	}
	return ok
}

// TestCanonicalPartialFigures pins the hand-written paths on a partial
// written out by hand: the bytes, their reading, and documents one step
// away from the canonical form that strictjson reads (white space, an
// escape, member order) or refuses (-0, a leading zero, a count out of
// range), each through the fall-back with strictjson's answer.
func TestCanonicalPartialFigures(t *testing.T) {
	p := Partial{PlanHash: "h", Period: "2025-Q3", Transactions: 3, Skipped: -1, Measures: []PartialMeasure{
		{Recipient: Recipient{Kind: RecipientPartner, ID: "p-1"}, Component: "retro", Version: "v1", Volume: decimal.New(12345, -2), Count: 2},
		{Recipient: Recipient{Kind: RecipientRep, ID: "p-1"}, Component: "spiff", Version: "v1", Volume: decimal.New(-5, 3), Count: 1},
	}}
	const want = `{"plan_hash":"h","period":"2025-Q3","transactions":3,"skipped":-1,"measures":[` +
		`{"recipient":{"kind":"partner","id":"p-1"},"component":"retro","version":"v1","volume":"123.45","count":2},` +
		`{"recipient":{"kind":"rep","id":"p-1"},"component":"spiff","version":"v1","volume":"-5000","count":1}]}`
	b, err := p.MarshalJSON()
	if err != nil || string(b) != want {
		t.Fatalf("MarshalJSON = %s, %v\nwant %s", b, err, want)
	}
	got, ok := readCanonicalPartial([]byte(want + "\n"))
	if !ok {
		t.Fatal("the canonical form is not read by hand")
	}
	// Read back, -5·10³ is -5000·10⁰: the text has no exponent.
	p.Measures[1].Volume = decimal.New(-5000, 0)
	if d := cmp.Diff(exactPartial(p), exactPartial(got)); d != "" {
		t.Fatalf("read back (-want +got):\n%s", d)
	}
	for _, c := range []struct {
		name, doc string
		ok        bool // strictjson reads it
	}{
		{"space after a colon", `{"plan_hash": "h"` + want[len(`{"plan_hash":"h"`):], true},
		{"escaped id", bytesReplace(want, `"id":"p-1"`, `"id":"p\u002d1"`), true},
		{"members in another order", bytesReplace(want, `"transactions":3,"skipped":-1`, `"skipped":-1,"transactions":3`), true},
		{"-0 count", bytesReplace(want, `"count":1}`, `"count":-0}`), true},
		{"leading zero", bytesReplace(want, `"count":1}`, `"count":01}`), false},
		{"count beyond int64", bytesReplace(want, `"count":1}`, `"count":9223372036854775808}`), false},
		{"kind in capitals", bytesReplace(want, `"kind":"rep"`, `"kind":"REP"`), false},
		{"volume as a number", bytesReplace(want, `"volume":"-5000"`, `"volume":-5000`), false},
		{"trailing text", want + "x", false},
	} {
		if _, ok := readCanonicalPartial([]byte(c.doc)); ok {
			t.Errorf("%s: read by hand:\n%s", c.name, c.doc)
		}
		_, err := ParsePartial([]byte(c.doc))
		if (err == nil) != c.ok {
			t.Errorf("%s: ParsePartial error %v, want accepted = %v", c.name, err, c.ok)
		}
	}
}

func bytesReplace(s, old, new string) string {
	return string(bytes.Replace([]byte(s), []byte(old), []byte(new), 1))
}

// TestParsePartialSizeLimit: a partial document in the canonical form,
// which the hand-written reader would read, of MaxPartialBytes is read and
// one byte more is refused (strictjson.ErrTooLarge), as any other.
func TestParsePartialSizeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two documents of 256 MiB")
	}
	const head, tail = `{"plan_hash":"`, `","period":"p","transactions":0,"skipped":0,"measures":[]}`
	doc := make([]byte, 0, MaxPartialBytes+1)
	doc = append(doc, head...)
	doc = append(doc, bytes.Repeat([]byte{'a'}, MaxPartialBytes-len(head)-len(tail))...)
	doc = append(doc, tail...)
	p, err := ParsePartial(doc)
	if err != nil || len(p.PlanHash) != MaxPartialBytes-len(head)-len(tail) {
		t.Fatalf("a document of MaxPartialBytes: %v", err)
	}
	doc = slices.Insert(doc, len(head), 'a')
	if _, err := ParsePartial(doc); !errors.Is(err, strictjson.ErrTooLarge) {
		t.Fatalf("a document of MaxPartialBytes+1: %v, want ErrTooLarge", err)
	}
}

// TestPropSortedPartialTargetsAsMap: for the measures of a partial as
// Partial writes them, and for lists changed from them (a measure
// dropped, repeated, moved, changed in volume, count, component, version,
// kind or recipient), AddPartial's check without maps, where it applies
// (measures in Partial's order), finds the same targets and the same
// first error as the check with maps.
func TestPropSortedPartialTargetsAsMap(t *testing.T) {
	plan := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	a, err := NewAccumulator(plan, per)
	if err != nil {
		t.Fatal(err)
	}
	d := newBenchData()
	if err := a.AddAll(d.lines(40)); err != nil {
		t.Fatal(err)
	}
	base := a.Partial().Measures
	grouped := false
	for _, s := range a.sides {
		grouped = grouped || len(s.groups) < len(s.comps)
	}
	if !grouped || len(base) < 6 {
		t.Fatalf("the plan has no components sharing a group, or too few measures (%d): the property would not test groups", len(base))
	}
	var sorted, errs int
	rapid.Check(t, func(t *rapid.T) {
		ms := slices.Clone(base)
		changes := rapid.IntRange(0, 2).Draw(t, "changes")
		for range changes {
			i := rapid.IntRange(0, len(ms)-1).Draw(t, "at")
			switch rapid.IntRange(0, 9).Draw(t, "change") {
			case 0:
				ms = slices.Delete(ms, i, i+1)
			case 1:
				ms = slices.Insert(ms, rapid.IntRange(0, len(ms)).Draw(t, "to"), ms[i])
			case 2:
				j := rapid.IntRange(0, len(ms)-1).Draw(t, "with")
				ms[i], ms[j] = ms[j], ms[i]
			case 3:
				ms[i].Volume = ms[i].Volume.Add(decimal.New(1, -2))
			case 4:
				ms[i].Count += rapid.SampledFrom([]int64{-1, 1, -ms[i].Count}).Draw(t, "count")
			case 5:
				ms[i].Component = rapid.SampledFrom([]string{"retro", "incr", "bonus", "zzz", ""}).Draw(t, "component")
			case 6:
				ms[i].Version += "x"
			case 7:
				ms[i].Recipient.Kind = RecipientKind(rapid.IntRange(0, 2).Draw(t, "kind"))
			case 8:
				ms[i].Recipient.ID = rapid.SampledFrom([]string{"", "partner-00000", ms[i].Recipient.ID + "z", "a"}).Draw(t, "id")
			default:
				slices.Reverse(ms)
			}
			if len(ms) == 0 {
				return
			}
		}
		want, werr := a.mapPartialTargets(ms)
		got, ok, err := a.sortedPartialTargets(ms)
		if !ok {
			if changes == 0 {
				t.Fatal("the measures as Partial lists them are not checked without maps")
			}
			return
		}
		sorted++
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("without maps: %v; with maps: %v", err, werr)
		}
		if err != nil {
			errs++
			return
		}
		if len(got) != len(want) {
			t.Fatalf("%d targets, want %d", len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("target %d: %+v, want %+v", i, got[i], want[i])
			}
		}
	})
	if sorted == 0 || errs == 0 {
		t.Errorf("%d lists checked without maps, %d of them in error: both must occur", sorted, errs)
	}
}

// refPartialMeasures is how Partial ordered its measures before it
// sorted recipients instead: every measure, then one sort by recipient,
// component and version.
func refPartialMeasures(a *Accumulator) []PartialMeasure {
	ms := []PartialMeasure{}
	for k := RecipientPartner; k <= RecipientRep; k++ {
		s := &a.sides[k]
		n := len(s.groups)
		for i, id := range s.index.All() {
			for j, ci := range s.comps {
				ai := i*n + s.groupOf[j]
				if s.accs[ai].n == 0 {
					continue
				}
				c := &a.plan.comps[ci]
				ms = append(ms, PartialMeasure{Recipient: Recipient{Kind: k, ID: id},
					Component: c.spec.ID, Version: c.spec.Version, Volume: s.total(ai, c.scale).dec(), Count: s.accs[ai].n})
			}
		}
	}
	slices.SortFunc(ms, func(x, y PartialMeasure) int {
		if c := x.Recipient.compare(y.Recipient); c != 0 {
			return c
		}
		if c := strings.Compare(x.Component, y.Component); c != 0 {
			return c
		}
		return strings.Compare(x.Version, y.Version)
	})
	return ms
}

// TestPropPartialOrderAsSort: on generated plans (partner and rep
// components, several versions, shared groups) or the benchmark's (whose
// components are not in the order of their IDs) and transactions, Partial
// lists the measures the reference lists, in its order, with the same
// volumes down to the exponent.
func TestPropPartialOrderAsSort(t *testing.T) {
	var reps int
	rapid.Check(t, func(t *rapid.T) {
		p := genPlan(t, genAnyOpts(t))
		if rapid.Bool().Draw(t, "bench plan") {
			p = MustParsePlan(benchPlan) // components not in the order of their IDs
		}
		a, err := NewAccumulator(p, NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01")))
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range genTxs(t, p.Currency(), 12) {
			_ = a.Add(tx) // a rejected transaction adds nothing
		}
		got, want := a.Partial(), refPartialMeasures(a)
		if cap(got.Measures) != len(got.Measures) {
			t.Fatalf("room for %d measures, %d listed: the count ahead of them is wrong", cap(got.Measures), len(got.Measures))
		}
		if d := cmp.Diff(exactPartial(Partial{Measures: want}), exactPartial(Partial{Measures: got.Measures})); d != "" {
			t.Fatalf("measures (-reference +Partial):\n%s", d)
		}
		if a.sides[RecipientRep].index.Len() > 0 && a.sides[RecipientPartner].index.Len() > 0 {
			reps++
		}
	})
	if reps == 0 {
		t.Error("no accumulator had both partners and reps: the order across kinds was not tested")
	}
}

// TestCanonicalPartialRoomBounded: the room the hand-written reader makes
// for measures is bounded by the document's size as for a canonical
// document, even when the document, after a canonical head, only repeats
// the text that starts a measure (it is then not read by hand at all).
func TestCanonicalPartialRoomBounded(t *testing.T) {
	doc := []byte(`{"plan_hash":"h","period":"p","transactions":0,"skipped":0,"measures":[`)
	doc = append(doc, bytes.Repeat([]byte(`{"recipient":`), 100_000)...) // 1.3 MB
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, ok := readCanonicalPartial(doc); ok {
		t.Fatal("read by hand")
	}
	runtime.ReadMemStats(&after)
	// A canonical document of this size holds at most len/88 measures of
	// about 100 bytes each: 1.5 MB; room for one measure per repetition
	// would take 10 MB.
	if n := after.TotalAlloc - before.TotalAlloc; n > 3<<20 {
		t.Fatalf("%d bytes allocated for a document of %d bytes", n, len(doc))
	}
	// Not canonical from its head (a space after a colon), or with claims:
	// declined before any room is made.
	for _, d := range [][]byte{bytes.Replace(doc, []byte(`"plan_hash":`), []byte(`"plan_hash": `), 1),
		append(bytes.Clone(doc), `],"claims":[]}`...)} {
		runtime.ReadMemStats(&before)
		if _, ok := readCanonicalPartial(d); ok {
			t.Fatal("read by hand")
		}
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
			t.Fatalf("%d bytes allocated before declining a document of %d bytes", n, len(d))
		}
	}
}
