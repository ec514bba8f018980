package dealreg_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
)

func TestNormaliseName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ACME, Inc.", "acme"},
		{"Acme Incorporated", "acme"},
		{"acme inc", "acme"},
		{"Société Générale S.A.", "societe generale"},
		{"Siemens AG", "siemens"},
		{"Bosch GmbH & Co. KG", "bosch"},
		{"Foo Co., Ltd.", "foo"},
		{"Smith & Sons Ltd", "smith and sons"},
		{"O'Brien Holdings PLC", "obrien holdings"},
		{"Inc", "inc"}, // nothing would be left
		{"  Big   Blue  ", "big blue"},
		{"ＡＣＭＥ Ｌｔｄ", "acme"}, // full-width forms (NFKD)
		{"Acme Pty Ltd", "acme"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			require.Equal(t, tt.want, dealreg.NormaliseName(tt.in))
		})
	}
}

func TestNormaliseDomain(t *testing.T) {
	for in, want := range map[string]string{
		"https://WWW.Acme.com/contact": "acme.com",
		"acme.com.":                    "acme.com",
		"http://acme.com:8080?x":       "acme.com",
		"sales@acme.com":               "acme.com",
		" Acme.COM ":                   "acme.com",
		"":                             "",
	} {
		require.Equal(t, want, dealreg.NormaliseDomain(in), in)
	}
}

// openReg returns a registration submitted at t0+sub minutes and approved.
func openReg(id, partner, tier, name, domain, country string, sub int, lines ...string) dealreg.Registration {
	return dealreg.Registration{
		ID: id, Partner: dealreg.Partner{ID: partner, Tier: tier}, Source: dealreg.PartnerSourced,
		Deal: dealreg.Deal{Customer: dealreg.Customer{Name: name, Domain: domain, Country: country}, ProductLines: lines,
			Size: money.MustParse("50000 USD"), Stage: dealreg.Prospecting},
		State: dealreg.Approved, SubmittedAt: t0.Add(time.Duration(sub) * time.Minute),
		StageAtSubmission: dealreg.Prospecting,
		DecidedAt:         t0.Add(time.Duration(sub+60) * time.Minute), ExpiresAt: t0.AddDate(0, 3, 0),
	}
}

func conflictFixture() []dealreg.Registration {
	return []dealreg.Registration{
		openReg("R-A", "P1", "silver", "Acme, Inc.", "acme.com", "US", 10, "storage", "backup"),
		openReg("R-B", "P2", "gold", "ACME Incorporated", "", "US", 5, "Storage"),                     // same name, earlier
		openReg("R-C", "P3", "platinum", "Acme Holdings", "https://www.acme.com", "US", 20, "backup"), // same domain
		openReg("R-D", "P4", "gold", "Acme Inc", "", "DE", 1, "storage"),                              // other country
		openReg("R-E", "P5", "gold", "Acme Inc", "", "US", 30, "networking"),                          // no product overlap
		openReg("R-F", "P6", "gold", "Globex", "globex.com", "US", 0, "storage"),
	}
}

func TestFindConflicts(t *testing.T) {
	regs := conflictFixture()
	// An expired one and a draft are not open.
	exp := openReg("R-X", "P7", "gold", "Acme", "", "US", 0, "storage")
	exp.ExpiresAt = t0
	regs = append(regs, exp, dealreg.Registration{ID: "R-Y", State: dealreg.Draft, Deal: regs[0].Deal})
	got, err := dealreg.FindConflicts(regs, t0.Add(time.Hour))
	require.NoError(t, err)
	want := []dealreg.Conflict{
		{A: "R-A", B: "R-B", SameName: true, ProductLines: []string{"storage"}},
		{A: "R-A", B: "R-C", SameDomain: true, ProductLines: []string{"backup"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("conflicts (-want +got):\n%s", diff)
	}

	idx, err := dealreg.NewIndex(regs, t0.Add(time.Hour))
	require.NoError(t, err)
	require.Equal(t, 6, idx.Len())
	newcomer := openReg("R-N", "P9", "gold", "acme", "acme.com", "US", 40, "backup")
	got = idx.ConflictsWith(newcomer)
	want = []dealreg.Conflict{
		{A: "R-A", B: "R-N", SameName: true, SameDomain: true, ProductLines: []string{"backup"}},
		{A: "R-C", B: "R-N", SameDomain: true, ProductLines: []string{"backup"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("ConflictsWith (-want +got):\n%s", diff)
	}

	_, err = dealreg.FindConflicts(append(regs, regs[0]), t0)
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)
}

func TestResolve(t *testing.T) {
	p := loadPolicy(t) // first submission, secondary share 0.5, registration 15 %, direct-active excluded
	excl := dealreg.Exclusions{
		DirectActive:      []dealreg.Customer{{Name: "Globex Corp", Country: "US"}},
		ExistingCustomers: []dealreg.Customer{{Name: "Acme", Country: "DE"}}, // not excluded by this policy
	}
	got, err := dealreg.Resolve(conflictFixture(), excl, t0.Add(time.Hour), p)
	require.NoError(t, err)
	type row struct{ id, role, owner, share, discount, reason string }
	var rows []row
	for _, r := range got {
		rows = append(rows, row{r.ID, r.Role.String(), r.Owner, r.Share.FormatFraction(), r.Discount.FormatFraction(), r.Reason})
	}
	// R-B submitted first (t0+5m) owns storage; R-A (t0+10m) conflicts
	// with R-B: secondary at half of 15 % = 7.5 %. R-C conflicts only with
	// R-A, which is not an owner: R-C owns backup.
	want := []row{
		{"R-A", "secondary", "R-B", "0.5", "0.075", "lost to R-B"},
		{"R-B", "owner", "R-B", "1", "0.15", "first submission"},
		{"R-C", "owner", "R-C", "1", "0.15", "first submission"},
		{"R-D", "owner", "R-D", "1", "0.15", "no conflict"},
		{"R-E", "owner", "R-E", "1", "0.15", "no conflict"},
		{"R-F", "excluded", "", "0", "0", "direct sales active"},
	}
	if diff := cmp.Diff(want, rows, cmp.AllowUnexported(row{})); diff != "" {
		t.Fatalf("resolution (-want +got):\n%s", diff)
	}

	// Tier order: R-C (platinum) ranks first, then the golds, R-A (silver)
	// last: R-A conflicts with the owners R-B and R-C and is secondary to
	// the best-ranked of them, R-C.
	p.ConflictRule = dealreg.TierOrder
	p.ExcludeExistingCustomers = true
	got, err = dealreg.Resolve(conflictFixture(), excl, t0.Add(time.Hour), p)
	require.NoError(t, err)
	require.Equal(t, dealreg.Secondary, got[0].Role)
	require.Equal(t, "R-C", got[0].Owner)
	require.Equal(t, "tier order", got[1].Reason)
	require.Equal(t, dealreg.Excluded, got[3].Role)
	require.Equal(t, "existing customer", got[3].Reason)
}

// Resolution and detection do not depend on input order.
func TestResolveOrderIndependent(t *testing.T) {
	p := loadPolicy(t)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		var regs []dealreg.Registration
		for i := range n {
			regs = append(regs, openReg(fmt.Sprintf("R-%02d", i), fmt.Sprintf("P%d", i),
				rapid.SampledFrom(p.Tiers).Draw(t, "tier"),
				rapid.SampledFrom([]string{"Acme Inc", "ACME", "Globex", "Initech"}).Draw(t, "name"),
				rapid.SampledFrom([]string{"", "acme.com", "globex.com"}).Draw(t, "domain"), "US",
				rapid.IntRange(0, 5).Draw(t, "sub"),
				rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"storage", "backup", "security"}), 0, 2, rapid.ID[string]).Draw(t, "lines")...))
		}
		p.ConflictRule = rapid.SampledFrom([]dealreg.ConflictRule{dealreg.FirstSubmission, dealreg.TierOrder}).Draw(t, "rule")
		a, err := dealreg.Resolve(regs, dealreg.Exclusions{}, t0, p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := dealreg.Resolve(rapid.Permutation(regs).Draw(t, "perm"), dealreg.Exclusions{}, t0, p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("order dependence:\n%s", diff)
		}
		// No two owners conflict.
		owners := map[string]bool{}
		for _, r := range a {
			if r.Role == dealreg.Owner {
				owners[r.ID] = true
			}
		}
		for _, r := range a {
			if r.Role != dealreg.Owner {
				continue
			}
			for _, c := range r.ConflictsWith {
				if owners[c] {
					t.Fatalf("owners %s and %s conflict", r.ID, c)
				}
			}
		}
	})
}

// benchRegs builds n open registrations: n/4 customers, each registered by
// about four partners, with random-ish product lines.
func benchRegs(n int) []dealreg.Registration {
	suffix := []string{"Inc.", "Ltd", "GmbH", "S.A.", "LLC"}
	lines := []string{"storage", "backup", "security", "networking", "compute"}
	regs := make([]dealreg.Registration, n)
	for i := range n {
		c := i / 4
		regs[i] = openReg(fmt.Sprintf("R-%07d", i), fmt.Sprintf("P%d", i%500), "gold",
			fmt.Sprintf("Customer %d %s", c, suffix[i%5]), fmt.Sprintf("c%d.example", c), "US", i%97,
			lines[i%5], lines[(i*7)%5])
	}
	return regs
}

func BenchmarkFindConflicts(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		regs := benchRegs(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := dealreg.FindConflicts(regs, t0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkConflictsWith(b *testing.B) {
	regs := benchRegs(100000)
	idx, err := dealreg.NewIndex(regs, t0)
	if err != nil {
		b.Fatal(err)
	}
	r := openReg("R-NEW", "P1", "gold", "Customer 4242 Incorporated", "c4242.example", "US", 0, "storage")
	b.ReportAllocs()
	for b.Loop() {
		if len(idx.ConflictsWith(r)) == 0 {
			b.Fatal("expected conflicts")
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	regs := benchRegs(100000)
	p := loadPolicy(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := dealreg.Resolve(regs, dealreg.Exclusions{}, t0, p); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzNormaliseName(f *testing.F) {
	for _, s := range []string{"ACME, Inc.", "Société Générale S.A.", "ＡＣＭＥ", "\xff\xfe", "Inc Inc Inc", "a & & inc", "İstanbul A.Ş.", strings.Repeat("x ", 2000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := dealreg.NormaliseName(s)
		if !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 %q", n)
		}
		if n != strings.TrimSpace(n) || strings.Contains(n, "  ") {
			t.Fatalf("untidy spaces %q", n)
		}
		if len(n) <= 1024 && dealreg.NormaliseName(n) != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, dealreg.NormaliseName(n))
		}
	})
}
