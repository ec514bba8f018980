package dealreg_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/dealreg"
)

// fuzzyBenchRegs returns n open registrations of synthetic customers: names of
// two or three syllable words (a fixed seed), a domain for half of them, a
// country for two thirds.
func fuzzyBenchRegs(n int, p dealreg.Policy) []dealreg.Registration {
	rng := rand.New(rand.NewPCG(1, 2))
	syl := []string{"ka", "lo", "mi", "ter", "sun", "vex", "dor", "ba", "qui", "zen", "pra", "nol", "gri", "fa", "tu", "wel",
		"har", "bri", "col", "den", "ex", "fin", "gal", "hel", "ion", "jor", "kel", "lum", "mor", "nex", "ost", "pel",
		"ros", "sal", "tor", "ul", "var", "wes", "xan", "yor"}
	word := func() string {
		w := ""
		for range 2 + rng.IntN(2) {
			w += syl[rng.IntN(len(syl))]
		}
		return w
	}
	countries := []string{"DE", "Germany", "FR", "US", "GB", "", "AT", "NL", "ES"}
	forms := []string{" GmbH", " AG", " Inc.", " Ltd", "", " S.A."}
	regs := make([]dealreg.Registration, n)
	for i := range regs {
		name := word() + " " + word()
		dom := ""
		if i%2 == 0 {
			dom = fmt.Sprintf("www.%s%d.com", word(), i)
		}
		regs[i] = openRegUnder(p, fmt.Sprintf("R-%06d", i), "P", "gold", name+forms[i%len(forms)], dom,
			countries[i%len(countries)], i%600, "storage")
	}
	return regs
}

// Conflict detection over 100,000 open registrations (index built in the
// loop, and on a built index), and a single ConflictsWith query against
// the built index.
func BenchmarkFuzzyConflicts(b *testing.B) {
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	regs := fuzzyBenchRegs(100_000, p)
	at := t0.Add(24 * time.Hour)
	b.Run("index+conflicts/100000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			idx, err := dealreg.NewMatchIndex(regs, at, p)
			if err != nil {
				b.Fatal(err)
			}
			_ = idx.Conflicts()
		}
	})
	idx, err := dealreg.NewMatchIndex(regs, at, p)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("conflicts/100000", func(b *testing.B) { // the index built once
		b.ReportAllocs()
		for b.Loop() {
			_ = idx.Conflicts()
		}
	})
	q := openRegUnder(p, "R-Q", "P2", "gold", "Kalomi Tersun GmbH", "mail.kalomi7.com", "", 5, "storage")
	b.Run("conflicts-with/1", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = idx.ConflictsWith(q)
		}
	})
}
