package dealreg_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
		// Repeated prefixes and suffixes go at once (they used to go one
		// per call, so a normalised domain normalised again changed).
		"www.www.acme.com":   "acme.com",
		"acme.com.. ":        "acme.com",
		"https://acme.com /": "acme.com",
	} {
		require.Equal(t, want, dealreg.NormaliseDomain(in), in)
	}
}

// openReg returns a registration submitted at t0+sub minutes and approved.
func openReg(id, partner, tier, name, domain, country string, sub int, lines ...string) dealreg.Registration {
	return openRegUnder(fixturePolicy(), id, partner, tier, name, domain, country, sub, lines...)
}

// openRegUnder is openReg with protection under p (its window).
func openRegUnder(p dealreg.Policy, id, partner, tier, name, domain, country string, sub int, lines ...string) dealreg.Registration {
	return fixture(dealreg.RegistrationRecord{
		ID: id, Registrant: dealreg.Registrant{ID: partner, Tier: tier},
		Deal: dealreg.Deal{Customer: dealreg.Customer{Name: name, Domain: domain, Country: country}, ProductLines: lines,
			Size: money.MustParse("50000 USD"), Stage: dealreg.Prospecting},
		State: dealreg.Approved, SubmittedAt: t0.Add(time.Duration(sub) * time.Minute),
		DecidedAt: t0.Add(time.Duration(sub+60) * time.Minute),
	}, p)
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
	// R-X was approved at t0−1h with a one-nanosecond window: its claim
	// ended before any other began. R-Y is a draft.
	exp := openRegUnder(windowPolicy(time.Nanosecond), "R-X", "P7", "gold", "Acme", "", "US", -120, "storage")
	dr, err := dealreg.New("R-Y", dealreg.Registrant{ID: "P8"}, regs[0].Deal(), dealreg.PartnerSourced, "", t0)
	require.NoError(t, err)
	regs = append(regs, exp, dr)
	got, err := dealreg.FindConflicts(regs, t0.Add(time.Hour))
	require.NoError(t, err)
	// From is the later submission: R-A at t0+10m (R-B t0+5m), R-C at
	// t0+20m; Until is zero: every claim still holds at t0+1h.
	want := []dealreg.Conflict{
		{A: "R-A", B: "R-B", SameName: true, ProductLines: []string{"storage"}, From: t0.Add(10 * time.Minute)},
		{A: "R-A", B: "R-C", SameDomain: true, ProductLines: []string{"backup"}, From: t0.Add(20 * time.Minute)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("conflicts (-want +got):\n%s", diff)
	}

	idx, err := dealreg.NewIndex(regs, t0.Add(time.Hour))
	require.NoError(t, err)
	require.Equal(t, 7, idx.Len()) // the six, and R-X, whose claim ended before the others began
	newcomer := openReg("R-N", "P9", "gold", "acme", "acme.com", "US", 40, "backup")
	got = idx.ConflictsWith(newcomer)
	want = []dealreg.Conflict{
		{A: "R-A", B: "R-N", SameName: true, SameDomain: true, ProductLines: []string{"backup"}, From: t0.Add(40 * time.Minute)},
		{A: "R-C", B: "R-N", SameDomain: true, ProductLines: []string{"backup"}, From: t0.Add(40 * time.Minute)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("ConflictsWith (-want +got):\n%s", diff)
	}

	_, err = dealreg.FindConflicts(append(regs, regs[0]), t0)
	require.ErrorIs(t, err, dealreg.ErrDuplicateID)
	_, err = dealreg.FindConflicts(append(regs, dealreg.Registration{}), t0)
	require.ErrorIs(t, err, dealreg.ErrMissingField)
	require.Equal(t, "/registrations/8/id", fieldPath(err))
}

// lifecycle drives a registration through events at the given days after
// t0 under the fixture policy (window 90 days): the claim periods below
// come from these dates, not from the code under test.
func lifecycle(t *testing.T, id, partner string, lines []string, steps ...any) dealreg.Registration {
	t.Helper()
	p := loadPolicy(t)
	d := earlyDeal()
	d.ProductLines = lines
	r, err := dealreg.New(id, dealreg.Registrant{ID: partner, Tier: "gold", Certifications: []string{"storage-associate"}}, d, dealreg.PartnerSourced, "", t0)
	require.NoError(t, err)
	for i := 0; i < len(steps); i += 2 {
		at := t0.Add(time.Duration(steps[i].(int)) * 24 * time.Hour)
		e := dealreg.Event{Kind: steps[i+1].(dealreg.EventKind), Reason: "r"}
		if e.Kind == dealreg.Win {
			e = dealreg.Event{Kind: dealreg.Update, Deal: commitDeal(r.Deal())}
			r, err = r.Apply(e, at, p)
			require.NoError(t, err)
			e = dealreg.Event{Kind: dealreg.Win}
		}
		r, err = r.Apply(e, at, p)
		require.NoError(t, err, "%s %s", id, e.Kind)
	}
	return r
}

func commitDeal(d dealreg.Deal) dealreg.Deal {
	d.Stage, d.Contact, d.ExpectedClose = dealreg.Commit, "Jo", t0.AddDate(0, 6, 0)
	d.SKUs = []dealreg.SKULine{{SKU: "ST-1", Quantity: 1}}
	return d
}

// Conflicts compare claim periods, not one instant: a registration
// submitted inside another's protection window conflicts with it even
// after that window has closed; one submitted after it closed does not.
func TestConflictsCompareClaimPeriods(t *testing.T) {
	storage := []string{"storage"}
	day := func(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }
	regs := []dealreg.Registration{
		// A: approved day 1, protected until day 91, expiry recorded day 92.
		lifecycle(t, "A", "P1", storage, 0, dealreg.Submit, 1, dealreg.StartReview, 1, dealreg.Approve, 92, dealreg.Expire),
		// B: submitted day 30, inside A's window; still under review.
		lifecycle(t, "B", "P2", storage, 30, dealreg.Submit, 31, dealreg.StartReview),
		// C: submitted day 95, after A's window.
		lifecycle(t, "C", "P3", storage, 95, dealreg.Submit),
		// D: withdrawn as a draft: never claimed anything.
		lifecycle(t, "D", "P4", storage, 2, dealreg.Withdraw),
	}
	got, err := dealreg.FindConflicts(regs, day(100))
	require.NoError(t, err)
	want := []dealreg.Conflict{
		// A–B overlapped from B's submission (day 30) to A's expiry (day 91).
		{A: "A", B: "B", SameName: true, SameDomain: true, ProductLines: storage, From: day(30), Until: day(91)},
		// B–C: both still claim at day 100.
		{A: "B", B: "C", SameName: true, SameDomain: true, ProductLines: storage, From: day(95)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("conflicts (-want +got):\n%s", diff)
	}
	// As of day 20, B and C had not been submitted: nothing to conflict.
	got, err = dealreg.FindConflicts(regs, day(20))
	require.NoError(t, err)
	require.Empty(t, got)
	// As of day 50, A still held its claim: the overlap is ongoing.
	got, err = dealreg.FindConflicts(regs, day(50))
	require.NoError(t, err)
	require.Equal(t, []dealreg.Conflict{{A: "A", B: "B", SameName: true, SameDomain: true, ProductLines: storage, From: day(30)}}, got)
}

// A registration that overlapped a deal another partner has since won is
// secondary to the winner; one that overlapped an expired or lost claim
// is not held back by it.
func TestResolveWonBlocks(t *testing.T) {
	p := loadPolicy(t)
	storage := []string{"storage"}
	regs := []dealreg.Registration{
		// W: approved day 1, won day 40.
		lifecycle(t, "W", "P1", storage, 0, dealreg.Submit, 1, dealreg.StartReview, 1, dealreg.Approve, 40, dealreg.Win),
		// B: submitted day 30 while W held the deal; still under review.
		lifecycle(t, "B", "P2", storage, 30, dealreg.Submit),
		// E: approved day 1, lost day 10; F submitted day 5 overlapped it.
		lifecycle(t, "E", "P3", []string{"backup"}, 0, dealreg.Submit, 1, dealreg.StartReview, 1, dealreg.Approve, 10, dealreg.Lose),
		lifecycle(t, "F", "P4", []string{"backup"}, 5, dealreg.Submit),
	}
	got, err := dealreg.Resolve(regs, dealreg.Exclusions{}, t0.Add(50*24*time.Hour), p)
	require.NoError(t, err)
	type row struct{ id, role, owner, discount, reason string }
	var rows []row
	for _, r := range got {
		rows = append(rows, row{r.ID, r.Role.String(), r.Owner, r.Discount.FormatFraction(), r.Explain()})
	}
	// B keeps half of 15 % = 7.5 %; F owns backup alone (E was lost).
	want := []row{
		{"B", "secondary", "W", "0.075", "lost to W, which won the deal"},
		{"F", "owner", "F", "0.15", "no conflict"},
	}
	if diff := cmp.Diff(want, rows, cmp.AllowUnexported(row{})); diff != "" {
		t.Fatalf("resolution (-want +got):\n%s", diff)
	}
	// Resolve needs the conflicts part: a zero Policy is an error.
	_, err = dealreg.Resolve(regs, dealreg.Exclusions{}, t0, dealreg.Policy{})
	require.ErrorIs(t, err, dealreg.ErrPolicyPart)
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
		rows = append(rows, row{r.ID, r.Role.String(), r.Owner, r.Share.FormatFraction(), r.Discount.FormatFraction(), r.Explain()})
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
	p = with(p, func(s *dealreg.PolicySpec) { s.ConflictRule, s.ExcludeExistingCustomers = dealreg.TierOrder, true })
	got, err = dealreg.Resolve(conflictFixture(), excl, t0.Add(time.Hour), p)
	require.NoError(t, err)
	require.Equal(t, dealreg.Secondary, got[0].Role)
	require.Equal(t, "R-C", got[0].Owner)
	require.Equal(t, dealreg.WonByTierOrder, got[1].Reason)
	require.Equal(t, "tier order", got[1].Reason.String())
	require.Equal(t, dealreg.Excluded, got[3].Role)
	require.Equal(t, dealreg.ExistingCustomer, got[3].Reason)
	require.Equal(t, "existing customer", got[3].Explain())
}

// Resolution and detection do not depend on input order.
func TestResolveOrderIndependent(t *testing.T) {
	p := loadPolicy(t)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		var regs []dealreg.Registration
		for i := range n {
			regs = append(regs, openReg(fmt.Sprintf("R-%02d", i), fmt.Sprintf("P%d", i),
				rapid.SampledFrom(p.Tiers()).Draw(t, "tier"),
				rapid.SampledFrom([]string{"Acme Inc", "ACME", "Globex", "Initech"}).Draw(t, "name"),
				rapid.SampledFrom([]string{"", "acme.com", "globex.com"}).Draw(t, "domain"), "US",
				rapid.IntRange(0, 5).Draw(t, "sub"),
				rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"storage", "backup", "security"}), 0, 2, rapid.ID[string]).Draw(t, "lines")...))
		}
		rule := rapid.SampledFrom([]dealreg.ConflictRule{dealreg.FirstSubmission, dealreg.TierOrder}).Draw(t, "rule")
		p := with(p, func(s *dealreg.PolicySpec) { s.ConflictRule = rule })
		at := t0.Add(time.Hour) // after every submission (t0 to t0+5m)
		a, err := dealreg.Resolve(regs, dealreg.Exclusions{}, at, p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := dealreg.Resolve(rapid.Permutation(regs).Draw(t, "perm"), dealreg.Exclusions{}, at, p)
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

// benchAt is after every benchmark registration's submission (t0 to
// t0+96m), so all of them are indexed.
var benchAt = t0.Add(2 * time.Hour)

// BenchmarkFindConflicts over 10,000 and 100,000 open registrations: the
// time per registration must stay flat (not quadratic).
func BenchmarkFindConflicts(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		regs := benchRegs(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := dealreg.FindConflicts(regs, benchAt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFindConflictsHistory: 100 customers with 1,000 registrations
// each, one after another (each claim lasts two days, the next is
// submitted a day later): a long history must not make one customer's
// bucket quadratic.
func BenchmarkFindConflictsHistory(b *testing.B) {
	const customers, each = 100, 1000
	regs := make([]dealreg.Registration, 0, customers*each)
	p := windowPolicy(48 * time.Hour)
	for c := range customers {
		for k := range each {
			sub := t0.Add(time.Duration(k) * 24 * time.Hour)
			regs = append(regs, fixture(dealreg.RegistrationRecord{
				ID: fmt.Sprintf("R-%03d-%04d", c, k), Registrant: dealreg.Registrant{ID: fmt.Sprintf("P%d", k%50), Tier: "gold"},
				Deal:  dealreg.Deal{Customer: dealreg.Customer{Name: fmt.Sprintf("Customer %d", c), Domain: fmt.Sprintf("c%d.example", c), Country: "US"}, ProductLines: []string{"storage"}},
				State: dealreg.Approved, SubmittedAt: sub, DecidedAt: sub,
			}, p))
		}
	}
	at := t0.Add(each * 24 * time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		cs, err := dealreg.FindConflicts(regs, at)
		if err != nil || len(cs) != customers*(each-1) { // each overlaps the next only
			b.Fatal(len(cs), err)
		}
	}
}

func BenchmarkConflictsWith(b *testing.B) {
	regs := benchRegs(100000)
	idx, err := dealreg.NewIndex(regs, benchAt)
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
		if _, err := dealreg.Resolve(regs, dealreg.Exclusions{}, benchAt, p); err != nil {
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

// FindConflicts equals a brute-force check of every pair, written here
// from the definition: same country and the same name or domain, a common
// product line (none given: every product), and claim periods
// [submitted, end) that overlap by the index's instant. It also does not
// depend on the order of the input.
func TestFindConflictsMatchesBruteForce(t *testing.T) {
	type spec struct {
		name, domain, country string
		lines                 []string
		from, end             int // hours after t0; end < 0: no end yet
	}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 14).Draw(t, "n")
		at := rapid.IntRange(0, 60).Draw(t, "at")
		specs := make([]spec, n)
		regs := make([]dealreg.Registration, n)
		for i := range specs {
			s := spec{
				name:    rapid.SampledFrom([]string{"", "acme", "globex"}).Draw(t, "name"),
				domain:  rapid.SampledFrom([]string{"", "acme.com", "globex.com"}).Draw(t, "domain"),
				country: rapid.SampledFrom([]string{"US", "DE"}).Draw(t, "country"),
				lines:   rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"storage", "backup", "security"}), 0, 2, rapid.ID[string]).Draw(t, "lines"),
				from:    rapid.IntRange(0, 50).Draw(t, "from"),
			}
			s.end = -1
			rec := dealreg.RegistrationRecord{ID: fmt.Sprintf("R-%02d", i), Registrant: dealreg.Registrant{ID: "P"}, State: dealreg.Submitted,
				Deal:        dealreg.Deal{Customer: dealreg.Customer{Name: s.name, Domain: s.domain, Country: s.country}, ProductLines: s.lines},
				SubmittedAt: t0.Add(time.Duration(s.from) * time.Hour)}
			p := windowPolicy(365 * 24 * time.Hour)
			switch rapid.IntRange(0, 2).Draw(t, "kind") {
			case 1: // approved at submission, protected until end
				s.end = s.from + rapid.IntRange(1, 30).Draw(t, "len")
				rec.State, rec.DecidedAt = dealreg.Approved, rec.SubmittedAt
				p = windowPolicy(time.Duration(s.end-s.from) * time.Hour)
			case 2: // lost at end, protected for a year
				s.end = s.from + rapid.IntRange(1, 30).Draw(t, "len")
				rec.State, rec.DecidedAt, rec.ClosedAt = dealreg.Lost, rec.SubmittedAt, t0.Add(time.Duration(s.end)*time.Hour)
			}
			specs[i], regs[i] = s, fixture(rec, p)
		}
		hour := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
		var want []dealreg.Conflict
		for i := range specs {
			for j := i + 1; j < len(specs); j++ {
				a, b := specs[i], specs[j]
				same := a.country == b.country && (a.name != "" && a.name == b.name || a.domain != "" && a.domain == b.domain)
				var lines []string
				switch {
				case len(a.lines) == 0:
					lines = slices.Sorted(slices.Values(b.lines))
				case len(b.lines) == 0:
					lines = slices.Sorted(slices.Values(a.lines))
				default:
					for _, l := range a.lines {
						if slices.Contains(b.lines, l) {
							lines = append(lines, l)
						}
					}
					slices.Sort(lines)
				}
				if lines == nil {
					lines = []string{}
				}
				from := max(a.from, b.from)
				end := -1 // the earlier end; -1: neither ends
				for _, e := range []int{a.end, b.end} {
					if e >= 0 && (end < 0 || e < end) {
						end = e
					}
				}
				if !same || len(lines) == 0 && len(a.lines) > 0 && len(b.lines) > 0 || a.from > at || b.from > at || end >= 0 && end <= from {
					continue
				}
				c := dealreg.Conflict{A: fmt.Sprintf("R-%02d", i), B: fmt.Sprintf("R-%02d", j), ProductLines: lines, From: hour(from),
					SameName: a.name != "" && a.name == b.name, SameDomain: a.domain != "" && a.domain == b.domain}
				if end >= 0 && end <= at {
					c.Until = hour(end)
				}
				want = append(want, c)
			}
		}
		got, err := dealreg.FindConflicts(rapid.Permutation(regs).Draw(t, "perm"), hour(at))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("conflicts (-brute force +FindConflicts):\n%s", diff)
		}
	})
}

// FuzzNormaliseDomain: NormaliseDomain and NormaliseCustomer never panic
// on hostile text (NUL, bidi controls, a byte-order mark, invalid UTF-8,
// nested schemes, huge inputs); a normalised domain normalises to itself
// and never keeps a scheme, path, port, user or trailing dot; a key is
// the same customer as itself when it has a name or a domain, and
// SameCustomer is symmetric.
func FuzzNormaliseDomain(f *testing.F) {
	for _, s := range []string{"https://WWW.Acme.com/x", "acme.com.", "www.www.acme.com", "http://user@acme.com:8080/p?q#f",
		"\x00acme.com", "acme\u202e.com", "\ufeffacme.com", "\xff\xfe", "https://https://acme.com", "www.", ".", "@", ":",
		"[::1]:443", "ACME.COM.:80", strings.Repeat("a.", 5000) + "com", strings.Repeat("://", 1000), "İ.com", "wWw.acme.com"} {
		f.Add(s, "Acme GmbH", "de")
	}
	f.Fuzz(func(t *testing.T, domain, name, country string) {
		d := dealreg.NormaliseDomain(domain)
		if again := dealreg.NormaliseDomain(d); again != d {
			t.Fatalf("not idempotent: %q → %q → %q", domain, d, again)
		}
		if strings.Contains(d, "://") || strings.ContainsAny(d, "/?#@:") || strings.HasSuffix(d, ".") || strings.HasPrefix(d, "www.") {
			t.Fatalf("%q → %q keeps a scheme, path, user, port, trailing dot or www.", domain, d)
		}
		k := dealreg.NormaliseCustomer(dealreg.Customer{Name: name, Domain: domain, Country: country})
		if k.Domain != d || k.Name != dealreg.NormaliseName(name) {
			t.Fatalf("NormaliseCustomer(%q, %q) = %+v, want the domain %q and the name %q", name, domain, k, d, dealreg.NormaliseName(name))
		}
		if (k.Name != "" || k.Domain != "") != k.SameCustomer(k) {
			t.Fatalf("%+v same as itself: %t", k, k.SameCustomer(k))
		}
		o := dealreg.NormaliseCustomer(dealreg.Customer{Name: domain, Domain: name, Country: country})
		if k.SameCustomer(o) != o.SameCustomer(k) {
			t.Fatalf("SameCustomer not symmetric: %+v, %+v", k, o)
		}
	})
}
