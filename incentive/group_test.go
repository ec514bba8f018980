package incentive

import (
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

func rep(id string) Recipient { return Recipient{Kind: RecipientRep, ID: id} }

func usd(s string) money.Amount { return money.MustParse(s + " USD") }

// Figures worked by hand: parts are floor(award × w / Σw) in cents, the
// cents left over go to the largest remainders, ties by "kind:ID".
func TestGroupShareGolden(t *testing.T) {
	team := `{"id":"team-west","share":"SHARE","members":[{"recipient":{"kind":"rep","id":"cy"}W3},{"recipient":{"kind":"rep","id":"ana"}W1},{"recipient":{"kind":"rep","id":"bo"}W2}]}`
	mk := func(share, w1, w2, w3 string) Group {
		return MustParseGroup(strings.NewReplacer("SHARE", share, "W1", w1, "W2", w2, "W3", w3).Replace(team))
	}
	contrib := map[Recipient]decimal.Decimal{rep("ana"): dec(500000, 2), rep("bo"): dec(1000000, 2), rep("cy"): dec(-5000, 2)}
	cases := []struct {
		name  string
		g     Group
		award string
		want  []string // ana, bo, cy
		hand  string
	}{
		{"contribution", mk("contribution", "", "", ""), "1000.00", []string{"333.33", "666.67", "0.00"},
			"weights 5,000, 10,000, 0 (cy returned more than sold: −50 weighs 0); 100,000 cents × 5/15 = 33,333.33 → 33,333, × 10/15 = 66,666.67 → 66,666; 1 cent left to the larger remainder .67 (bo)"},
		{"equal", mk("equal", "", "", ""), "100.00", []string{"33.34", "33.33", "33.33"},
			"10,000 / 3 = 3,333.33 each → 3,333; 1 cent left, remainders tie, to the first key rep:ana"},
		{"weights", mk("weights", `,"weight":"2"`, `,"weight":"1"`, `,"weight":"1"`), "10.01", []string{"5.01", "2.50", "2.50"},
			"1,001 × 2/4 = 500.5 → 500, × 1/4 = 250.25 → 250 twice; 1 left to the largest remainder .5 (ana)"},
		{"negative equal", mk("equal", "", "", ""), "-100.00", []string{"-33.34", "-33.33", "-33.33"},
			"the mirror of the positive award: −33.34, −33.33, −33.33"},
		{"zero weight member", mk("weights", `,"weight":"0"`, `,"weight":"3"`, `,"weight":"1"`), "0.07", []string{"0.00", "0.05", "0.02"},
			"7 × 3/4 = 5.25 → 5, 7 × 1/4 = 1.75 → 1; 1 left to .75 (cy); ana weighs 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := tc.g.Share(usd(tc.award), 2, contrib)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range a.Shares {
				got = append(got, s.Amount.StringFixed(2))
			}
			if d := gocmp.Diff(tc.want, got); d != "" {
				t.Fatalf("hand: %s\n%s", tc.hand, d)
			}
		})
	}
	a, err := mk("contribution", "", "", "").Share(usd("1000.00"), 2, contrib)
	if err != nil {
		t.Fatal(err)
	}
	want := "team-west's award of 1,000.00 USD shared by contribution (largest remainder in units of 0.01, ties by recipient): rep:ana 333.33 (weight 5,000), rep:bo 666.67 (weight 10,000), rep:cy 0.00 (weight 0)."
	if got := a.Sentence(); got != want {
		t.Fatalf("sentence\n got: %s\nwant: %s", got, want)
	}
}

// refShare is the big.Rat reference of a share: floors, then one unit
// each to the largest remainders, ties by key.
func refShare(units *big.Int, keys []string, w []decimal.Decimal) []*big.Int {
	neg := units.Sign() < 0
	T := new(big.Int).Abs(units)
	W := new(big.Rat)
	for _, x := range w {
		W.Add(W, x.Rat())
	}
	type r struct {
		i    int
		frac *big.Rat
	}
	out := make([]*big.Int, len(w))
	var rs []r
	left := new(big.Int).Set(T)
	for i, x := range w {
		e := new(big.Rat).Mul(new(big.Rat).SetInt(T), x.Rat())
		e.Quo(e, W)
		q := new(big.Int).Quo(e.Num(), e.Denom())
		out[i] = q
		left.Sub(left, q)
		rs = append(rs, r{i, new(big.Rat).Sub(e, new(big.Rat).SetInt(q))})
	}
	slices.SortFunc(rs, func(a, b r) int {
		if c := b.frac.Cmp(a.frac); c != 0 {
			return c
		}
		return strings.Compare(keys[a.i], keys[b.i])
	})
	for _, x := range rs {
		if left.Sign() == 0 {
			break
		}
		out[x.i].Add(out[x.i], big.NewInt(1))
		left.Sub(left, big.NewInt(1))
	}
	if neg {
		for _, o := range out {
			o.Neg(o)
		}
	}
	return out
}

// Shares conserve the award exactly, equal the big.Rat reference and do
// not depend on the order of members.
func TestPropGroupShare(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "members")
		rule := rapid.SampledFrom([]ShareRule{ShareEqual, ShareByContribution, ShareByWeight}).Draw(t, "rule")
		spec := GroupSpec{ID: "g", Share: rule}
		contrib := map[Recipient]decimal.Decimal{}
		for i := range n {
			r := Recipient{Kind: rapid.SampledFrom([]RecipientKind{RecipientPartner, RecipientRep}).Draw(t, "kind"), ID: string(rune('a' + i))}
			m := GroupMember{Recipient: r}
			if rule == ShareByWeight {
				m.Weight = ptr(dec(rapid.Int64Range(0, 1000).Draw(t, "w"), rapid.Int32Range(0, 3).Draw(t, "wp")))
			}
			contrib[r] = dec(rapid.Int64Range(-100, 1000000).Draw(t, "c"), 2)
			spec.Members = append(spec.Members, m)
		}
		if rule == ShareByWeight {
			spec.Members[0].Weight = ptr(dec(rapid.Int64Range(1, 1000).Draw(t, "w0"), 0))
		}
		if rule == ShareByContribution {
			contrib[spec.Members[0].Recipient] = dec(rapid.Int64Range(1, 1000000).Draw(t, "c0"), 2)
		}
		g, err := NewGroup(spec)
		if err != nil {
			t.Fatal(err)
		}
		places := rapid.Int32Range(0, 2).Draw(t, "places")
		units := rapid.Int64Range(-1e12, 1e12).Draw(t, "units")
		award := money.New(decimal.New(units, -places), money.MustCurrency("USD"))
		a, err := g.Share(award, places, contrib)
		if err != nil {
			t.Fatal(err)
		}
		var sum decimal.Decimal
		keys := make([]string, len(a.Shares))
		ws := make([]decimal.Decimal, len(a.Shares))
		for i, s := range a.Shares {
			sum = sum.Add(s.Amount)
			keys[i] = s.Recipient.String()
			ws[i] = s.Weight
		}
		if !sum.Equal(award.Decimal()) {
			t.Fatalf("Σ shares %s ≠ award %s", sum, award)
		}
		want := refShare(big.NewInt(units), keys, ws)
		for i, s := range a.Shares {
			if !s.Amount.Equal(decimal.NewFromBigInt(want[i], -places)) {
				t.Fatalf("%s: %s, reference %s", s.Recipient, s.Amount, decimal.NewFromBigInt(want[i], -places))
			}
		}
		perm := spec
		perm.Members = rapid.Permutation(spec.Members).Draw(t, "perm")
		g2, err := NewGroup(perm)
		if err != nil {
			t.Fatal(err)
		}
		b, err := g2.Share(award, places, contrib)
		if err != nil || !b.Equal(a) || !g2.Equal(g) {
			t.Fatalf("member order changed the share: %v\n%s", err, gocmp.Diff(a.Sentence(), b.Sentence()))
		}
	})
}

// Invalid groups and shares are reported at their JSON Pointer.
func TestGroupErrors(t *testing.T) {
	specs := []struct {
		doc, path string
		is        error
	}{
		{`{"id":"g","members":[{"recipient":{"kind":"rep","id":"a"}}]}`, "/share", ErrEnum},
		{`{"id":"g","share":"equal","members":[]}`, "/members", ErrInvalid},
		{`{"id":"g","share":"weights","members":[{"recipient":{"kind":"rep","id":"a"}}]}`, "/members/0/weight", ErrInvalid},
		{`{"id":"g","share":"weights","members":[{"recipient":{"kind":"rep","id":"a"},"weight":"0"}]}`, "/members", ErrInvalid},
		{`{"id":"g","share":"equal","members":[{"recipient":{"kind":"rep","id":"a"},"weight":"1"}]}`, "/members/0/weight", ErrInvalid},
		{`{"id":"g","share":"equal","members":[{"recipient":{"kind":"rep","id":"a"}},{"recipient":{"kind":"rep","id":"a"}}]}`, "/members/1/recipient", ErrDuplicate},
		{`{"id":"","share":"equal","members":[{"recipient":{"kind":"rep","id":""}}]}`, "/members/0/recipient/id", ErrInvalid},
		{`{"id":"g","share":"weights","members":[{"recipient":{"kind":"rep","id":"a"},"weight":"-1"}]}`, "/members/0/weight", ErrInvalid},
	}
	for _, tc := range specs {
		_, err := ParseGroup([]byte(tc.doc))
		if !errors.Is(err, tc.is) || !slices.Contains(planErrorPaths(err), tc.path) {
			t.Errorf("%s: got %v, want %v at %s", tc.doc, err, tc.is, tc.path)
		}
		checkPointers(t, err)
	}
	if _, err := ParseGroup([]byte(`{"id":"g","share":"weights","members":[{"recipient":{"kind":"rep","id":"a"},"weight":1}]}`)); err == nil {
		t.Error("a JSON number weight was accepted")
	}
	g := MustParseGroup(`{"id":"g","share":"contribution","members":[{"recipient":{"kind":"rep","id":"a"}},{"recipient":{"kind":"rep","id":"b"}}]}`)
	shares := []struct {
		award  string
		places int32
		c      map[Recipient]decimal.Decimal
		path   string
		is     error
	}{
		{"1.00", 2, map[Recipient]decimal.Decimal{rep("a"): dec(1, 0)}, "/contributions/rep:b", ErrMissingFact},
		{"1.00", 2, map[Recipient]decimal.Decimal{rep("a"): dec(1, 0), rep("b"): dec(1, 0), rep("z"): dec(1, 0)}, "/contributions/rep:z", ErrData},
		{"1.00", 2, map[Recipient]decimal.Decimal{rep("a"): dec(0, 0), rep("b"): dec(-1, 0)}, "/contributions", ErrData},
		{"1.005", 2, map[Recipient]decimal.Decimal{rep("a"): dec(1, 0), rep("b"): dec(1, 0)}, "/award", ErrData},
		{"1.00", 3, map[Recipient]decimal.Decimal{rep("a"): dec(1, 0), rep("b"): dec(1, 0)}, "/places", ErrData},
	}
	for _, tc := range shares {
		_, err := g.Share(usd(tc.award), tc.places, tc.c)
		var de *DataError
		if !errors.As(err, &de) || de.Path != tc.path || !errors.Is(err, tc.is) {
			t.Errorf("%s/%d: got %v, want %v at %s", tc.award, tc.places, err, tc.is, tc.path)
		}
		checkPointers(t, err)
	}
}

// checkPointers checks that every field path in err's tree is a valid
// JSON Pointer and that the message has the package prefix.
func checkPointers(t *testing.T, err error) {
	t.Helper()
	for _, p := range treePaths(err) {
		if !field.Valid(p) {
			t.Errorf("invalid JSON Pointer %q in %v", p, err)
		}
	}
	if !strings.HasPrefix(err.Error(), "incentive: ") {
		t.Errorf("message without prefix: %v", err)
	}
}

// A group round-trips through MarshalJSON with its hash; Spec is a copy.
func TestGroupRoundTrip(t *testing.T) {
	g := MustParseGroup(`{"id":"pool","share":"weights","members":[{"recipient":{"kind":"partner","id":"b"},"weight":"1.50"},{"recipient":{"kind":"partner","id":"a"},"weight":"2"}]}`)
	js, err := g.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseGroup(js)
	if err != nil || !back.Equal(g) {
		t.Fatalf("round trip: %v\n%s", err, js)
	}
	s := g.Spec()
	*s.Members[0].Weight = decimal.New(9, 0)
	if g.Spec().Members[0].Weight.Equal(decimal.New(9, 0)) {
		t.Fatal("Spec shares weights")
	}
	if s.Members[0].Recipient.ID != "a" {
		t.Fatal("members not sorted")
	}
}

func FuzzParseGroup(f *testing.F) {
	for _, s := range []string{
		`{"id":"g","share":"equal","members":[{"recipient":{"kind":"rep","id":"a"}}]}`,
		`{"id":"g","share":"weights","members":[{"recipient":{"kind":"rep","id":"a"},"weight":"1e400"}]}`,
		`{"id":"g","share":"weights","members":[{"recipient":{"kind":"rep","id":"a"},"weight":null}]}`,
		`{"id":"g","share":"contribution","members":[{"recipient":{"kind":"rep","id":"a"}},{"recipient":{"kind":"partner","id":"a"}}]}`,
		`{"id":"g","id":"h"}`,
		`[[[[[[[[[]]]]]]]]]`,
		"\xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGroup(data)
		if err != nil {
			return
		}
		enc, err := g.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		h, err := ParseGroup(enc)
		if err != nil || !h.Equal(g) {
			t.Fatalf("round trip: %v\n%s", err, enc)
		}
		if _, err := g.Share(usd("1.00"), 2, map[Recipient]decimal.Decimal{}); err != nil && !errors.Is(err, ErrMissingFact) && !errors.Is(err, ErrData) {
			t.Fatalf("Share: %v", err)
		}
	})
}
