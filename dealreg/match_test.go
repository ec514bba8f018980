package dealreg_test

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
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

// fuzzyPolicy is the fixture policy with fuzzy matching at threshold thr
// and the given action on approving a conflicting registration.
func fuzzyPolicy(thr string, action dealreg.ConflictAction) dealreg.Policy {
	return with(fixturePolicy(), func(s *dealreg.PolicySpec) {
		s.Matching = dealreg.MatchSpec{Mode: dealreg.MatchFuzzy, Threshold: money.MustRate(thr)}
		s.OnApprovedConflict = action
	})
}

func cust(name, domain, country string) dealreg.Customer {
	return dealreg.Customer{Name: name, Domain: domain, Country: country}
}

// spellingPairs are real-world spellings of one customer (same) and near
// misses that are different customers (!same).
var spellingPairs = []struct {
	name string
	a, b dealreg.Customer
	same bool
}{
	{"umlaut transliterated", cust("Müller Logistik GmbH", "", "DE"), cust("Mueller Logistik", "", "DE"), true},
	{"umlaut folded", cust("Müller Logistik GmbH", "", "DE"), cust("Muller Logistik AG", "", "DE"), true},
	{"subdomain", cust("Acme", "mail.acme.de", "DE"), cust("Acme Corp", "acme.de", "DE"), true},
	{"www and scheme", cust("", "https://www.acme.co.uk/contact", "GB"), cust("", "shop.acme.co.uk", "UK"), true},
	{"country qualifier", cust("Acme Deutschland GmbH", "", "DE"), cust("ACME GmbH", "", "DE"), true},
	{"country name vs code", cust("Acme GmbH", "", "Germany"), cust("ACME", "", "DE"), true},
	{"alpha-3", cust("Acme", "", "deu"), cust("Acme", "", "Federal Republic of Germany"), true},
	{"one side without country", cust("Acme GmbH", "acme.de", ""), cust("Acme", "", "DE"), true},
	{"punctuation and case", cust("A.C.M.E. Systems, Inc.", "", "US"), cust("acme systems", "", "USA"), true},
	{"ampersand", cust("Smith & Wesson Ltd", "", "GB"), cust("Smith and Wesson", "", "United Kingdom"), true},
	{"accent", cust("Société Générale S.A.", "", "FR"), cust("Societe Generale", "", "France"), true},
	{"eszett", cust("Großmann Bau GmbH", "", "AT"), cust("Grossmann Bau", "", "Austria"), true},
	{"typo in a later letter", cust("Kühne Logistics", "", "CH"), cust("Kuehne Logistcs", "", "CH"), true},
	// jw(initech, initeck): m = 6, t = 0, jaro = (6/7 + 6/7 + 1)/3 = 19/21;
	// prefix 4: 19/21 + 4·(2/21)/10 = 0.9428… ≥ 0.9.
	{"typo in a one-word name", cust("Initech", "", "US"), cust("Initeck LLC", "", "US"), true},
	{"different companies, shared first word", cust("Acme Bank", "", "US"), cust("Acme Logistics", "", "US"), false},
	{"similar names", cust("Globex", "", "US"), cust("Globus", "", "US"), false},
	{"one letter apart, short", cust("Acne", "", "US"), cust("Acme", "", "US"), false},
	{"same name, other country", cust("Acme GmbH", "", "DE"), cust("Acme GmbH", "", "AT"), false},
	{"same domain, other country", cust("Acme", "acme.com", "US"), cust("Acme", "acme.com", "CA"), false},
	{"other domain, other name", cust("Initech", "initech.com", "US"), cust("Initrode", "initrode.com", "US"), false},
	{"subsidiary name longer", cust("Siemens", "", "DE"), cust("Siemens Healthineers Medical", "", "DE"), false},
}

// The spelling table: every pair is judged as expected under fuzzy
// matching at 0.9, by MatchCustomers and through the index (whose
// blocking keys must not lose a pair). Precision and recall are reported;
// the exact keys of the former behaviour are reported beside them.
func TestSpellingPairs(t *testing.T) {
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	var tp, fp, fn int
	for _, tt := range spellingPairs {
		regs := []dealreg.Registration{openRegUnder(p, "R-A", "P1", "gold", tt.a.Name, tt.a.Domain, tt.a.Country, 0, "storage"),
			openRegUnder(p, "R-B", "P2", "gold", tt.b.Name, tt.b.Domain, tt.b.Country, 10, "storage")}
		idx, err := dealreg.NewMatchIndex(regs, t0.Add(24*time.Hour), p)
		require.NoError(t, err)
		same := len(idx.Conflicts()) == 1
		if with := len(idx.ConflictsWith(regs[0])) == 1; with != same {
			t.Errorf("%s: ConflictsWith %v, Conflicts %v", tt.name, with, same)
		}
		switch {
		case same && tt.same:
			tp++
		case same:
			fp++
		case tt.same:
			fn++
		}
		if same != tt.same {
			t.Errorf("%s: index conflict = %v, want %v", tt.name, same, tt.same)
		}
	}
	t.Logf("%-9s precision %s (%d/%d), recall %s (%d/%d)", "index 0.9", ratio(tp, tp+fp), tp, tp+fp, ratio(tp, tp+fn), tp, tp+fn)
	for _, pc := range []struct {
		label string
		p     dealreg.Policy
	}{{"fuzzy 0.9", fuzzyPolicy("0.9", dealreg.RefuseConflict)}, {"exact", fixturePolicy()}} {
		var tp, fp, fn int
		for _, tt := range spellingPairs {
			m := pc.p.MatchCustomers(tt.a, tt.b)
			switch {
			case m.Same && tt.same:
				tp++
			case m.Same:
				fp++
			case tt.same:
				fn++
			}
			if pc.label == "fuzzy 0.9" && m.Same != tt.same {
				t.Errorf("%s: Same = %v (score %s, signals %v), want %v", tt.name, m.Same, m.Score.FormatFraction(), m.Signals, tt.same)
			}
		}
		prec, rec := ratio(tp, tp+fp), ratio(tp, tp+fn)
		t.Logf("%-9s precision %s (%d/%d), recall %s (%d/%d)", pc.label, prec, tp, tp+fp, rec, tp, tp+fn)
	}
}

func ratio(n, d int) string {
	if d == 0 {
		return "n/a"
	}
	return new(big.Rat).SetFrac64(int64(n), int64(d)).FloatString(3)
}

// Jaro-Winkler figures worked by hand (Winkler's classic examples).
func TestJaroWinkler(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want *big.Rat
	}{
		// MARTHA/MARHTA: m = 6, two matched runes out of order, t = 1;
		// jaro = (1 + 1 + 5/6)/3 = 17/18; prefix 3: 17/18 + 3·(1/18)/10 = 173/180.
		{"martha", "marhta", big.NewRat(173, 180)},
		// DWAYNE/DUANE: window 2, m = 4 (d, a, n, e), t = 0;
		// jaro = (4/6 + 4/5 + 1)/3 = 37/45; prefix 1: 37/45 + (8/45)/10 = 378/450 = 21/25.
		{"dwayne", "duane", big.NewRat(21, 25)},
		// DIXON/DICKSONX: window 3, m = 4 (d, i, o, n), t = 0;
		// jaro = (4/5 + 4/8 + 1)/3 = 23/30; prefix 2: 23/30 + 2·(7/30)/10 = 122/150 = 61/75.
		{"dixon", "dicksonx", big.NewRat(61, 75)},
		{"acme", "acme", big.NewRat(1, 1)},
		{"abc", "xyz", big.NewRat(0, 1)},
		// abc/bca: window 0 — only aligned runes match, none do.
		{"abc", "bca", big.NewRat(0, 1)},
	} {
		n, d := dealreg.JaroWinkler(tt.a, tt.b)
		if got := big.NewRat(n, d); got.Cmp(tt.want) != 0 {
			t.Errorf("jw(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
		n2, d2 := dealreg.JaroWinkler(tt.b, tt.a)
		if big.NewRat(n2, d2).Cmp(big.NewRat(n, d)) != 0 {
			t.Errorf("jw not symmetric on %s, %s", tt.a, tt.b)
		}
	}
}

// The score is the symmetric Monge-Elkan mean, worked by hand:
// "acme bank" vs "acme": (1 + jw(bank, acme) + 1) / 3 with
// jw(bank, acme) = 0 (no common rune within the window of 1 … "a" is at
// 1 in bank and 0 in acme: |1 − 0| ≤ 1, so m = 1, t = 0:
// jaro = (1/4 + 1/4 + 1)/3 = 1/2, no common prefix: jw = 1/2);
// score = (1 + 1/2 + 1)/3 = 5/6 = 0.8333…, truncated to 0.8333.
func TestMatchScore(t *testing.T) {
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	m := p.MatchCustomers(cust("Acme Bank", "", "US"), cust("Acme", "", ""))
	want := dealreg.CustomerMatch{Same: false, Score: money.MustRate("0.8333"),
		Signals: []dealreg.Signal{dealreg.SignalCountryMissing}}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Fatal(diff)
	}
	m = p.MatchCustomers(cust("Müller", "mail.mueller.de", "Germany"), cust("Mueller GmbH", "mueller.de", "DE"))
	want = dealreg.CustomerMatch{Same: true, Score: money.MustRate("1"),
		Signals: []dealreg.Signal{dealreg.SignalSameName, dealreg.SignalSameDomain, dealreg.SignalSameCountry}}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Fatal(diff)
	}
}

// Every row of the generated table reads back: alpha-2, alpha-3 and name
// all give the alpha-2 code; anything else is rejected.
func TestNormaliseCountry(t *testing.T) {
	rows := strings.Split(dealreg.CountryTable, "|")
	require.Len(t, rows, 249, dealreg.CountryTableRelease)
	for _, row := range rows {
		f := strings.SplitN(row, " ", 3)
		for _, in := range []string{f[0], f[1], f[2], strings.ToLower(f[2]), " " + f[1] + " "} {
			got, err := dealreg.NormaliseCountry(in)
			require.NoError(t, err, in)
			require.Equal(t, f[0], got, in)
		}
	}
	for in, want := range map[string]string{"Germany": "DE", "uk": "GB", "Côte d'Ivoire": "CI", "Cote dIvoire": "CI",
		"South Korea": "KR", "United States of America": "US", "": ""} {
		got, err := dealreg.NormaliseCountry(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, bad := range []string{"Germania", "XX", "Deutschland", "D", strings.Repeat("A", 200)} {
		_, err := dealreg.NormaliseCountry(bad)
		require.ErrorIs(t, err, dealreg.ErrInvalidField, bad)
	}
}

func TestRegistrableDomain(t *testing.T) {
	for in, want := range map[string]string{
		"mail.acme.de": "acme.de", "https://WWW.Acme.com/x": "acme.com", "shop.acme.co.uk": "acme.co.uk",
		"acme.de": "acme.de", "co.uk": "co.uk", "..": "", "www.www.co.uk": "co.uk", "": "", "10.0.0.1": "10.0.0.1", "sales@eu.acme.com.": "acme.com",
	} {
		require.Equal(t, want, dealreg.RegistrableDomain(in), in)
	}
}

func TestNameVariants(t *testing.T) {
	for in, want := range map[string][]string{
		"Müller Logistik GmbH":   {"mueller logistik", "muller logistik"},
		"Acme Deutschland GmbH":  {"acme"},
		"Acme GmbH Deutschland":  {"acme"},
		"The Germany Company":    {"the germany"}, // only qualifiers: all are kept
		"Großmann & Søn A/S":     {"grossmann and soen", "grossmann and son"},
		"!!!":                    nil,
		"International Holdings": {"international holdings"},
	} {
		require.Equal(t, want, dealreg.NameVariants(in), in)
	}
}

func genCustomer(t *rapid.T, label string) dealreg.Customer {
	names := []string{"Acme", "ACME GmbH", "Acme Deutschland", "Müller", "Mueller AG", "Globex", "Globus", "Initech", "Société Générale", "Kühne"}
	domains := []string{"", "acme.de", "mail.acme.de", "acme.com", "globex.com", "www.mueller.de"}
	countries := []string{"", "DE", "Germany", "deu", "US", "AT", "France"}
	return cust(rapid.SampledFrom(names).Draw(t, label+"name")+rapid.SampledFrom([]string{"", " Inc.", " Logistik"}).Draw(t, label+"suffix"),
		rapid.SampledFrom(domains).Draw(t, label+"domain"), rapid.SampledFrom(countries).Draw(t, label+"country"))
}

// Properties: matching is symmetric; NameVariants is idempotent (a
// variant is its own only variant).
func TestMatchProperties(t *testing.T) {
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	rapid.Check(t, func(t *rapid.T) {
		a, b := genCustomer(t, "a"), genCustomer(t, "b")
		ab, ba := p.MatchCustomers(a, b), p.MatchCustomers(b, a)
		if !ab.Equal(ba) {
			t.Fatalf("not symmetric: %+v vs %+v", ab, ba)
		}
		if !p.MatchCustomers(a, a).Same && len(dealreg.NameVariants(a.Name)) > 0 {
			t.Fatalf("%+v does not match itself", a)
		}
		for _, v := range dealreg.NameVariants(a.Name) {
			if got := dealreg.NameVariants(v); !slices.Equal(got, []string{v}) {
				t.Fatalf("NameVariants(%q) = %q", v, got)
			}
		}
	})
}

// Conflicts under fuzzy matching do not depend on the order of the
// registrations, and ConflictsWith agrees with Conflicts.
func TestFuzzyConflictsOrderIndependent(t *testing.T) {
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 8).Draw(t, "n")
		var regs []dealreg.Registration
		for i := range n {
			c := genCustomer(t, fmt.Sprint(i))
			regs = append(regs, openRegUnder(p, fmt.Sprintf("R-%d", i), "P", "gold", c.Name, c.Domain, c.Country,
				rapid.IntRange(0, 100).Draw(t, fmt.Sprint("sub", i)), "storage"))
		}
		idx, err := dealreg.NewMatchIndex(regs, t0.Add(24*time.Hour), p)
		require.NoError(t, err)
		want := idx.Conflicts()
		perm := rapid.Permutation(regs).Draw(t, "perm")
		idx2, err := dealreg.NewMatchIndex(perm, t0.Add(24*time.Hour), p)
		require.NoError(t, err)
		if diff := cmp.Diff(want, idx2.Conflicts()); diff != "" {
			t.Fatalf("order changed the conflicts:\n%s", diff)
		}
		var with []dealreg.Conflict
		for _, r := range regs {
			for _, c := range idx.ConflictsWith(r) {
				if c.A == r.ID() {
					with = append(with, c)
				}
			}
		}
		slices.SortFunc(with, func(a, b dealreg.Conflict) int { return strings.Compare(a.A+" "+a.B, b.A+" "+b.B) })
		if diff := cmp.Diff(want, with); diff != "" {
			t.Fatalf("ConflictsWith disagrees with Conflicts:\n%s", diff)
		}
	})
}

// A fuzzy conflict carries its score and signals.
func TestFuzzyConflict(t *testing.T) {
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	regs := []dealreg.Registration{
		openRegUnder(p, "R-1", "P1", "gold", "Müller Logistik GmbH", "mail.mueller-logistik.de", "Germany", 0, "storage"),
		openRegUnder(p, "R-2", "P2", "gold", "Mueller Logistik", "mueller-logistik.de", "", 30, "storage", "backup"),
		openRegUnder(p, "R-3", "P3", "gold", "Mueller Logistik", "", "AT", 40, "storage"),
	}
	idx, err := dealreg.NewMatchIndex(regs, t0.Add(24*time.Hour), p)
	require.NoError(t, err)
	want := []dealreg.Conflict{{A: "R-1", B: "R-2", SameName: true, SameDomain: true, ProductLines: []string{"storage"},
		From: t0.Add(30 * time.Minute), Score: money.MustRate("1"),
		Signals: []dealreg.Signal{dealreg.SignalSameName, dealreg.SignalSameDomain, dealreg.SignalCountryMissing, dealreg.SignalProductLines}},
		{A: "R-2", B: "R-3", SameName: true, ProductLines: []string{"storage"},
			From: t0.Add(40 * time.Minute), Score: money.MustRate("1"),
			Signals: []dealreg.Signal{dealreg.SignalSameName, dealreg.SignalCountryMissing, dealreg.SignalProductLines}}}
	if diff := cmp.Diff(want, idx.Conflicts()); diff != "" {
		t.Fatal(diff)
	}
	// The exact keys of the former behaviour find none of them.
	exact, err := dealreg.FindConflicts(regs, t0.Add(24*time.Hour))
	require.NoError(t, err)
	require.Empty(t, exact)
}

// Approving a registration that conflicts with an approved, protected one
// follows the policy: refuse, approve as secondary, or hold for review.
func TestApproveWithConflicts(t *testing.T) {
	at := t0.Add(48 * time.Hour)
	for _, tt := range []struct {
		action dealreg.ConflictAction
		want   error
		sec    string
	}{
		{dealreg.RefuseConflict, dealreg.ErrConflict, ""},
		{dealreg.ApproveAsSecondary, nil, "R-1"},
		{dealreg.ReviewConflict, dealreg.ErrConflictReview, ""},
		{dealreg.ConflictActionUnspecified, nil, ""},
	} {
		t.Run(tt.action.String(), func(t *testing.T) {
			p := fuzzyPolicy("0.9", tt.action)
			owner := openRegUnder(p, "R-1", "P1", "gold", "Acme Deutschland GmbH", "", "DE", 0, "storage")
			other := openRegUnder(p, "R-0", "P9", "gold", "Globex", "", "DE", 0, "storage")
			rec := owner.Record()
			rec.ID, rec.Registrant.ID, rec.Deal.Customer = "R-2", "P2", cust("ACME GmbH", "acme.de", "")
			rec.State, rec.DecidedAt, rec.ExpiresAt, rec.ClosedAt = dealreg.UnderReview, time.Time{}, time.Time{}, time.Time{}
			rec.SubmittedAt, rec.ReviewStartedAt, rec.LastEventAt = t0.Add(time.Hour), t0.Add(2*time.Hour), t0.Add(2*time.Hour)
			r, err := dealreg.RestoreRegistration(rec, p)
			require.NoError(t, err)
			got, err := r.Apply(dealreg.Event{Kind: dealreg.Approve, Conflicting: []dealreg.Registration{other, owner}}, at, p)
			if tt.want != nil {
				require.ErrorIs(t, err, tt.want)
				var ce *dealreg.ConflictError
				require.ErrorAs(t, err, &ce)
				require.Equal(t, []string{"R-1"}, ce.With)
				require.Equal(t, dealreg.UnderReview, got.State())
				if tt.action == dealreg.ReviewConflict {
					got, err = r.Apply(dealreg.Event{Kind: dealreg.Approve, Conflicting: []dealreg.Registration{owner}, Reviewed: true}, at, p)
					require.NoError(t, err)
					require.Equal(t, dealreg.Approved, got.State())
				}
				return
			}
			require.NoError(t, err)
			require.Equal(t, dealreg.Approved, got.State())
			require.Equal(t, tt.sec, got.SecondaryTo())
			// The record restores, and Resolve never makes it the owner.
			_, err = dealreg.RestoreRegistration(got.Record(), p)
			require.NoError(t, err)
			res, err := dealreg.Resolve([]dealreg.Registration{owner, got}, dealreg.Exclusions{}, at, p)
			require.NoError(t, err)
			require.Equal(t, "R-1", res[1].Owner)
		})
	}
	// An expired registration no longer protects: approval goes through.
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	owner := openRegUnder(p, "R-1", "P1", "gold", "Acme", "", "DE", 0, "storage")
	r := openRegUnder(p, "R-2", "P2", "gold", "Acme", "", "DE", 5, "storage")
	rec := r.Record()
	rec.State, rec.DecidedAt, rec.ExpiresAt, rec.LastEventAt = dealreg.UnderReview, time.Time{}, time.Time{}, rec.ReviewStartedAt
	r, err := dealreg.RestoreRegistration(rec, p)
	require.NoError(t, err)
	_, err = r.Apply(dealreg.Event{Kind: dealreg.Approve, Conflicting: []dealreg.Registration{owner}}, owner.ExpiresAt(), p)
	require.NoError(t, err)
	_, err = r.Apply(dealreg.Event{Kind: dealreg.Approve, Conflicting: []dealreg.Registration{owner}}, owner.ExpiresAt().Add(-1), p)
	require.True(t, errors.Is(err, dealreg.ErrConflict))
}

func TestMatchingPolicyJSON(t *testing.T) {
	p := fuzzyPolicy("0.9", dealreg.ApproveAsSecondary)
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	require.Contains(t, string(b), `"matching":{"mode":"fuzzy","threshold":"90%"},"on_approved_conflict":"secondary"`)
	q, err := dealreg.ParsePolicy(b)
	require.NoError(t, err)
	require.True(t, p.Equal(q))
	for doc, path := range map[string]string{
		`"matching":{"mode":"fuzzy"}`:                    "/matching/threshold",
		`"matching":{"mode":"fuzzy","threshold":"150%"}`: "/matching/threshold",
		`"matching":{"mode":"exact","threshold":"90%"}`:  "/matching/threshold",
		`"matching":{"threshold":"90%"}`:                 "/matching/mode",
	} {
		bad := strings.Replace(string(b), `"matching":{"mode":"fuzzy","threshold":"90%"}`, doc, 1)
		_, err := dealreg.ParsePolicy([]byte(bad))
		require.Error(t, err, doc)
		require.Equal(t, path, fieldPath(err), doc)
	}
}

func FuzzNormaliseCustomer(f *testing.F) {
	for _, s := range []string{"Müller Logistik GmbH", "Acme Deutschland GmbH", "A/S Ø", "\xff\xfe", "ß", "Ǆ", strings.Repeat("ü", 300),
		"The The The", "co co co", "Germany", "İstanbul Ltd", "ﬁnance ﬂow", "x.y.z.co.uk", "..", "[::1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		vs := dealreg.NameVariants(s)
		for _, v := range vs {
			if !utf8.ValidString(v) || v == "" {
				t.Fatalf("variant %q of %q", v, s)
			}
			if got := dealreg.NameVariants(v); !slices.Equal(got, []string{v}) {
				t.Fatalf("not idempotent: NameVariants(%q) = %q (from %q)", v, got, s)
			}
		}
		if c, err := dealreg.NormaliseCountry(s); err == nil && c != "" {
			if c2, err := dealreg.NormaliseCountry(c); err != nil || c2 != c {
				t.Fatalf("country %q → %q → %q, %v", s, c, c2, err)
			}
		}
		d := dealreg.RegistrableDomain(s)
		if dealreg.RegistrableDomain(d) != d {
			t.Fatalf("domain %q → %q → %q", s, d, dealreg.RegistrableDomain(d))
		}
	})
}

// Under fuzzy matching an unknown country is refused at the deal's
// /customer/country, naming the nearest country when one is close; exact
// matching keeps accepting the text as given.
func TestUnknownCountryRefused(t *testing.T) {
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	d := dealreg.Deal{Customer: cust("Acme GmbH", "", "Germny"), ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	var fe *dealreg.FieldError
	err := p.CheckDeal(d)
	require.ErrorAs(t, err, &fe)
	require.ErrorIs(t, err, dealreg.ErrInvalidField)
	require.Equal(t, "/customer/country", fe.FieldPath())
	require.Equal(t, `dealreg: /customer/country = "Germny": invalid field: not an ISO 3166-1 country code or English name; did you mean "Germany" (DE)?`, err.Error())
	// Nothing close: no suggestion.
	d.Customer.Country = "Atlantis"
	require.Equal(t, `dealreg: /customer/country = "Atlantis": invalid field: not an ISO 3166-1 country code or English name`, p.CheckDeal(d).Error())
	// Submission checks it too.
	r, err := dealreg.New("R-1", silver, d, dealreg.PartnerSourced, "", t0)
	require.NoError(t, err)
	_, err = r.Apply(dealreg.Event{Kind: dealreg.Submit}, t0, p)
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "/customer/country", fe.FieldPath())
	// Known spellings pass; exact matching does not check the country.
	for _, c := range []string{"DE", "deu", "Germany", " de "} {
		d.Customer.Country = c
		require.NoError(t, p.CheckDeal(d), c)
	}
	d.Customer.Country = "Germny"
	require.NoError(t, fixturePolicy().CheckDeal(d))
}

// A registration restored with an unknown country (submitted before the
// check, or under exact matching) is matched as if it gave none: the name
// decides, with SignalCountryMissing — never "only the same text".
func TestUnknownCountryInIndex(t *testing.T) {
	p := fuzzyPolicy("0.9", dealreg.RefuseConflict)
	regs := []dealreg.Registration{
		openRegUnder(p, "R-1", "P1", "gold", "Acme GmbH", "", "Germny", 0, "storage"),
		openRegUnder(p, "R-2", "P2", "gold", "ACME", "", "DE", 10, "storage"),
		openRegUnder(p, "R-3", "P3", "gold", "Acme", "", "Germny", 20, "storage"),
		openRegUnder(p, "R-4", "P4", "gold", "Globex", "", "Germny", 30, "storage"),
	}
	idx, err := dealreg.NewMatchIndex(regs, t0.Add(24*time.Hour), p)
	require.NoError(t, err)
	var pairs []string
	for _, c := range idx.Conflicts() {
		pairs = append(pairs, c.A+"-"+c.B)
		require.Contains(t, c.Signals, dealreg.SignalCountryMissing, c.A+"-"+c.B)
	}
	// R-4 shares the unknown text with but is another company.
	require.Equal(t, []string{"R-1-R-2", "R-1-R-3", "R-2-R-3"}, pairs)
	m := p.MatchCustomers(cust("Acme", "", "Germny"), cust("Acme", "", "AT"))
	require.True(t, m.Same)
	require.Equal(t, []dealreg.Signal{dealreg.SignalSameName, dealreg.SignalCountryMissing}, m.Signals)
}

// Exclusions follow the policy's matching: under fuzzy matching the
// excluded customers are found however they are spelled; exact keys find
// none of these.
func TestFuzzyExclusions(t *testing.T) {
	exact := with(loadPolicy(t), func(s *dealreg.PolicySpec) { s.ExcludeExistingCustomers = true })
	fuzzy := with(exact, func(s *dealreg.PolicySpec) {
		s.Matching = dealreg.MatchSpec{Mode: dealreg.MatchFuzzy, Threshold: money.MustRate("0.9")}
	})
	excl := dealreg.Exclusions{
		DirectActive:      []dealreg.Customer{cust("GLOBEX", "", "DE")},
		ExistingCustomers: []dealreg.Customer{cust("Mueller Logistik AG", "", "DE"), cust("Initech Inc.", "initech.com", "US")},
	}
	regs := func(p dealreg.Policy) []dealreg.Registration {
		return []dealreg.Registration{
			openRegUnder(p, "R-1", "P1", "gold", "Globex Deutschland GmbH", "", "Germany", 0, "storage"), // direct, spelled otherwise
			openRegUnder(p, "R-2", "P2", "gold", "Müller Logistik", "", "DE", 0, "storage"),              // existing, umlaut
			openRegUnder(p, "R-3", "P3", "gold", "Globex", "", "US", 0, "storage"),                       // other country
			openRegUnder(p, "R-4", "P4", "gold", "Initech", "mail.initech.com", "", 0, "storage"),        // existing, subdomain, no country
			openRegUnder(p, "R-5", "P5", "gold", "Globus", "", "DE", 0, "storage"),                       // near miss
		}
	}
	reasons := func(p dealreg.Policy) []string {
		got, err := dealreg.Resolve(regs(p), excl, t0.Add(time.Hour), p)
		require.NoError(t, err)
		var out []string
		for _, r := range got {
			out = append(out, r.ID+": "+r.Explain())
		}
		return out
	}
	require.Equal(t, []string{"R-1: direct sales active", "R-2: existing customer", "R-3: no conflict",
		"R-4: existing customer", "R-5: no conflict"}, reasons(fuzzy))
	require.Equal(t, []string{"R-1: no conflict", "R-2: no conflict", "R-3: no conflict",
		"R-4: no conflict", "R-5: no conflict"}, reasons(exact))
}

// The integer screen and the token-length bound decide exactly: Same is
// "the Monge-Elkan score reaches the threshold", with the score computed
// here in rationals from the hand-checked Jaro-Winkler. Short tokens of a
// small alphabet give scores close to the thresholds and lengths that
// differ, so that both shortcuts are exercised.
func TestMatchDecisionExact(t *testing.T) {
	thresholds := []string{"0.7", "0.8", "0.85", "0.9", "0.95"}
	rapid.Check(t, func(t *rapid.T) {
		thr := rapid.SampledFrom(thresholds).Draw(t, "threshold")
		p := fuzzyPolicy(thr, dealreg.RefuseConflict)
		tokens := func(label string) []string {
			return rapid.SliceOfN(rapid.StringOfN(rapid.RuneFrom([]rune("xyz")), 1, 9, -1), 1, 3).Draw(t, label)
		}
		a, b := tokens("a"), tokens("b")
		if rapid.Bool().Draw(t, "near") { // b is a with one token edited: scores near 1
			b = slices.Clone(a)
			i := rapid.IntRange(0, len(b)-1).Draw(t, "i")
			r := rapid.SampledFrom([]string{"x", "y", "z"}).Draw(t, "r")
			switch rapid.IntRange(0, 2).Draw(t, "edit") {
			case 0:
				b[i] += r
			case 1:
				if len(b[i]) > 1 {
					b[i] = b[i][:len(b[i])-1]
				}
			default:
				j := rapid.IntRange(0, len(b[i])-1).Draw(t, "j")
				b[i] = b[i][:j] + r + b[i][j+1:]
			}
		}
		jw := func(x, y string) *big.Rat { n, d := dealreg.JaroWinkler(x, y); return big.NewRat(n, d) }
		// Σ over a of the best match in b, and the same from b's side.
		sum := new(big.Rat)
		for _, side := range [][2][]string{{a, b}, {b, a}} {
			for _, x := range side[0] {
				best := new(big.Rat)
				for _, y := range side[1] {
					if s := jw(x, y); s.Cmp(best) > 0 {
						best = s
					}
				}
				sum.Add(sum, best)
			}
		}
		score := sum.Quo(sum, big.NewRat(int64(len(a)+len(b)), 1))
		want := score.Cmp(money.MustRate(thr).Fraction().Rat()) >= 0 || strings.Join(a, " ") == strings.Join(b, " ")
		got := p.MatchCustomers(cust(strings.Join(a, " "), "", "DE"), cust(strings.Join(b, " "), "", "DE"))
		if got.Same != want {
			t.Fatalf("%q vs %q at %s: Same = %v, score %s", a, b, thr, got.Same, score.FloatString(6))
		}
	})
}
