package incentive

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

// partialSeeds returns a valid partial of benchPlan and hostile variants:
// huge and negative counts, deep nesting, exponents, NUL, bidi overrides,
// a byte-order mark, duplicate and case-variant keys, null, numbers.
func partialSeeds(f *testing.F) (Plan, Period, []string) {
	p := MustParsePlan(benchPlan)
	per := NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	a, err := NewAccumulator(p, per)
	if err != nil {
		f.Fatal(err)
	}
	d := newBenchData()
	if err := a.AddAll(d.lines(4)); err != nil { // small: the fuzzer minimises what it finds
		f.Fatal(err)
	}
	good, err := a.Partial().MarshalJSON()
	if err != nil {
		f.Fatal(err)
	}
	s := string(good)
	firstCount := func(to string) string {
		i := strings.Index(s, `"count":`)
		j := i + len(`"count":`)
		k := j + strings.IndexAny(s[j:], ",}")
		return s[:j] + to + s[k:]
	}
	firstVolume := func(to string) string {
		i := strings.Index(s, `"volume":"`)
		j := i + len(`"volume":"`)
		k := j + strings.IndexByte(s[j:], '"')
		return s[:j] + to + s[k:]
	}
	max := strconv.FormatInt(math.MaxInt64, 10)
	return p, per, []string{
		s,
		"\uFEFF" + s,
		strings.Replace(s, `"transactions":`, `"transactions":`+max+`,"x":`, 1),
		strings.Replace(s, `"transactions":4`, `"transactions":`+max, 1),
		strings.Replace(s, `"transactions":4`, `"transactions":4611686018427387904`, 1),
		strings.Replace(s, `"transactions":4`, `"transactions":-1`, 1),
		strings.Replace(s, `"transactions":4`, `"transactions":1e400`, 1),
		strings.Replace(s, `"transactions":4`, `"transactions":99999999999999999999999`, 1),
		firstCount(max),
		firstCount("4611686018427387904"),
		firstCount("-9223372036854775808"),
		firstCount("0"),
		firstCount("1.5"),
		firstVolume("1e999999"),
		firstVolume("1e-1001"),
		firstVolume("-0"),
		firstVolume("NaN"),
		firstVolume("0.00000000000000000000000000000000000001"),
		firstVolume(strings.Repeat("9", 120)),
		strings.Replace(s, `"id":"`, `"id":"\u0000`, 1),
		strings.Replace(s, `"id":"`, "\"id\":\"\u202e", 1),
		strings.Replace(s, `"period":"2025-Q3"`, `"period":"2025-Q3","Period":"x"`, 1),
		strings.Replace(s, `"period":"2025-Q3"`, `"period":null`, 1),
		strings.Replace(s, `"volume":"`, `"volume":1`, 1),
		`{"plan_hash":"` + p.Hash() + `","period":"2025-Q3","transactions":1,"skipped":0,"measures":[` +
			strings.Repeat(`{"recipient":{"kind":"partner","id":"a"},"component":"retro","version":"1","volume":"1","count":1},`, 20) + `{}]}`,
		strings.Repeat(`{"measures":[`, 50) + strings.Repeat(`]}`, 50),
		strings.Repeat("[", 10000),
		`{}`, `null`, `[]`, "\x00", "\xff\xfe\xfd",
	}
}

// FuzzParsePartial: the partial decoder never panics, and a partial it
// accepts round-trips to the same bytes.
func FuzzParsePartial(f *testing.F) {
	_, _, seeds := partialSeeds(f)
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePartial(data)
		if err != nil {
			return
		}
		b, err := p.MarshalJSON()
		if err != nil {
			return // e.g. a negative count: representable, rejected by AddPartial
		}
		q, err := ParsePartial(b)
		if err != nil {
			t.Fatalf("canonical encoding does not parse: %v\n%s", err, b)
		}
		c, err := q.MarshalJSON()
		if err != nil || !bytes.Equal(b, c) {
			t.Fatalf("round trip changed the partial: %v\n%s\n%s", err, b, c)
		}
	})
}

// FuzzAddPartial: adding a decoded partial to an accumulator (empty, or
// holding a shard already) never panics; a rejection leaves the
// accumulator unchanged; an accepted partial added to an empty accumulator
// is reproduced by its Partial exactly, and the result evaluates or fails
// with an error, not a panic.
func FuzzAddPartial(f *testing.F) {
	plan, per, seeds := partialSeeds(f)
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, loaded bool) {
		in, err := ParsePartial(data)
		if err != nil {
			return
		}
		a, err := NewAccumulator(plan, per)
		if err != nil {
			t.Fatal(err)
		}
		if loaded {
			d := newBenchData()
			if err := a.AddAll(d.lines(5)); err != nil {
				t.Fatal(err)
			}
		}
		before, err := a.Partial().MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if err := a.AddPartial(in); err != nil {
			after, err2 := a.Partial().MarshalJSON()
			if err2 != nil || !bytes.Equal(before, after) {
				t.Fatalf("rejected partial (%v) changed the accumulator", err)
			}
			return
		}
		_, _ = a.Result(genFacts()) // must not panic
		if loaded {
			return
		}
		out, err := a.Partial().MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParsePartial(out)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := NewAccumulator(plan, per)
		if err := b.AddPartial(back); err != nil {
			t.Fatalf("a partial the accumulator wrote is rejected: %v", err)
		}
		again, _ := b.Partial().MarshalJSON()
		if !bytes.Equal(out, again) {
			t.Fatalf("partial not reproduced:\n%s\n%s", out, again)
		}
	})
}
