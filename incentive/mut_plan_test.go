package incentive

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// These tests kill mutants of plan.go that survived the -short suite (see
// .ci/mutation); each names the mutant it kills.

// ComponentHash finds a component by ID and version: the hash it returns
// is the one every line of that version carries in its trace (plan.go:
// ComponentHash's `c.spec.ID == id && c.spec.Version == version`, whose
// mutants were never run: no test called ComponentHash).
func TestComponentHash(t *testing.T) {
	p := MustParsePlan(versionedPlan)
	per := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	txs := []Transaction{
		{ID: "s1", Date: time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("100.00 USD")},
		{ID: "s2", Date: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme", Amount: money.MustParse("100.00 USD")},
	}
	r, err := Evaluate(p, per, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	traced := map[string]string{} // version → the component hash its line's trace carries
	for _, l := range r.Lines {
		traced[l.Version()] = l.Trace().ComponentHash
	}
	if len(traced) != 2 || traced["1"] == traced["2"] || traced["1"] == "" {
		t.Fatalf("trace hashes %v: want two different ones", traced)
	}
	type answer struct {
		Hash string
		OK   bool
	}
	for _, c := range []struct {
		name, id, version string
		want              answer
	}{
		{"first version", "rebate", "1", answer{traced["1"], true}},
		{"second version", "rebate", "2", answer{traced["2"], true}},
		{"unknown version", "rebate", "3", answer{"", false}},
		{"unknown id", "bonus", "1", answer{"", false}},
		{"unknown id and version", "bonus", "3", answer{"", false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, ok := p.ComponentHash(c.id, c.version)
			if diff := cmp.Diff(c.want, answer{h, ok}); diff != "" {
				t.Errorf("ComponentHash(%q, %q) (-want +got):\n%s", c.id, c.version, diff)
			}
		})
	}
}

// Modifier and component checks no test reached (plan.go's validator:
// accelerator, multiplier and unknown kinds, growth-percent bounds, a
// missing effective_from). Each document has exactly one problem, reported
// at one JSON Pointer with its sentinel.
func TestPlanModifierRejects(t *testing.T) {
	const m0 = "/components/0/modifiers/0"
	mods := func(m string) string { return mutate(`,"modifiers":[`+m+`]`, "") }
	growth := strings.NewReplacer(`"measure":"revenue"`, `"measure":"growth-percent"`, `"from":"100"`, `"from":"FROM"`)
	tests := []struct {
		name string
		doc  string
		err  error
		path string
	}{
		{"accelerator factor zero", mods(`{"kind":"accelerator","factor":"0"}`), ErrInvalid, m0 + "/factor"},
		{"accelerator factor negative", mods(`{"kind":"accelerator","factor":"-2"}`), ErrInvalid, m0 + "/factor"},
		{"accelerator quota zero", mods(`{"kind":"accelerator","factor":"2","quota":"0"}`), ErrInvalid, m0 + "/quota"},
		{"accelerator quota negative", mods(`{"kind":"accelerator","factor":"2","quota":"-5"}`), ErrInvalid, m0 + "/quota"},
		{"accelerator with a metric", mods(`{"kind":"accelerator","factor":"2","metric":"csat"}`), ErrInvalid, m0 + "/metric"},
		{"accelerator with bands", mods(`{"kind":"accelerator","factor":"2","bands":[{"from":"0","factor":"1"}]}`), ErrInvalid, m0 + "/bands"},
		{"multiplier with a factor", mods(`{"kind":"multiplier","metric":"csat","factor":"2","bands":[{"from":"0","factor":"1"}]}`), ErrInvalid, m0 + "/factor"},
		{"multiplier with a quota", mods(`{"kind":"multiplier","metric":"csat","quota":"5","bands":[{"from":"0","factor":"1"}]}`), ErrInvalid, m0 + "/quota"},
		{"multiplier without bands", mods(`{"kind":"multiplier","metric":"csat"}`), ErrInvalid, m0 + "/bands"},
		{"multiplier without a metric", mods(`{"kind":"multiplier","bands":[{"from":"0","factor":"1"}]}`), ErrInvalid, m0 + "/metric"},
		{"growth-percent bound of 7 places", strings.Replace(growth.Replace(basePlan), "COMP}]TOP", "}]", 1) /* FROM below */, ErrInvalid, "/components/0/schedule/tiers/1/from"},
		{"missing effective_from", strings.Replace(mutate("", ""), `"effective_from":"2025-01-01",`, "", 1), ErrInvalid, "/components/0/effective_from"},
	}
	tests[10].doc = strings.Replace(tests[10].doc, "FROM", "10.0000001", 1) // GrowthPlaces = 6
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(tt.doc))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if diff := cmp.Diff([]string{tt.path}, planErrorPaths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s\n%v", diff, err)
			}
		})
	}
	// Six growth-percent places are fine.
	ok := strings.Replace(strings.Replace(growth.Replace(basePlan), "COMP}]TOP", "}]", 1), "FROM", "10.000001", 1)
	if _, err := ParsePlan([]byte(ok)); err != nil {
		t.Errorf("growth-percent bound of 6 places: %v", err)
	}
	// A modifier kind no document can spell (NewPlan only).
	spec := MustParsePlan(mods(`{"kind":"accelerator","factor":"2"}`)).Spec()
	spec.Components[0].Modifiers[0].Kind = Gate + 1
	_, err := NewPlan(spec)
	if !errors.Is(err, ErrEnum) {
		t.Fatalf("unknown modifier kind: %v", err)
	}
	if diff := cmp.Diff([]string{m0 + "/kind"}, planErrorPaths(err)); diff != "" {
		t.Errorf("unknown modifier kind paths (-want +got):\n%s", diff)
	}
}

// A billing filter drops a transaction of the other billing, and a
// certification list needs every certification listed (plan.go eligible:
// neither rejecting branch ran under -short). The sales that qualify: a
// (1,000.00) and d (8,000.00); b is recurring (2,000.00), c lacks silver
// (4,000.00). 9,000.00 reaches the second tier (from 100, all-units, 2 %):
// 2 % × 9,000.00 = 180.00 (with b: 2 % × 11,000.00 = 220.00; with c:
// 2 % × 13,000.00 = 260.00).
func TestEligibleBillingAndCertifications(t *testing.T) {
	p := MustParsePlan(mutate(`,"eligibility":{"billing":["one-time"],"certifications":["silver","gold"]}`, ""))
	per := NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01"))
	sale := func(id string, amount string, b Billing, certs ...string) Transaction {
		return Transaction{ID: id, Date: time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme",
			Amount: money.MustParse(amount + " USD"), Billing: b, Certifications: certs}
	}
	txs := []Transaction{
		sale("a", "1000.00", OneTime, "gold", "silver"),
		sale("b", "2000.00", Recurring, "gold", "silver"),
		sale("c", "4000.00", OneTime, "gold"),
		sale("d", "8000.00", OneTime, "silver", "platinum", "gold"),
	}
	r, err := Evaluate(p, per, nil, slices.Values(txs))
	if err != nil {
		t.Fatal(err)
	}
	l, ok := r.Line(Recipient{RecipientPartner, "acme"}, "c")
	if !ok {
		t.Fatal("no line")
	}
	type got struct {
		Measure, Amount string
		Transactions    int64
	}
	want := got{"9000", "180", 2}
	if diff := cmp.Diff(want, got{l.Measure().String(), l.Amount().String(), l.Trace().Transactions}); diff != "" {
		t.Errorf("line (-want +got):\n%s", diff)
	}
}

// Every bidirectional formatting character is refused in an ID, and its
// neighbours are not (plan.go bidiControl: the ends of the ranges U+202A–
// U+202E and U+2066–U+2069 and the three marks; a `case` line, in no
// coverage block: tools/cmd/mutate runs it against its function's tests).
func TestBidiControlEveryCharacter(t *testing.T) {
	// other: why an ID with a character that is not bidirectional is
	// refused all the same (textProblem), "" when it is not.
	const space, invisible = "space character", "invisible character"
	for _, c := range []struct {
		r     rune
		bidi  bool
		other string
	}{
		{0x2029, false, space}, {0x202a, true, ""}, {0x202b, true, ""}, {0x202c, true, ""}, {0x202d, true, ""}, {0x202e, true, ""}, {0x202f, false, space},
		{0x2065, false, invisible}, {0x2066, true, ""}, {0x2067, true, ""}, {0x2068, true, ""}, {0x2069, true, ""}, {0x206a, false, invisible},
		{0x200d, false, invisible}, {0x200e, true, ""}, {0x200f, true, ""}, {0x2010, false, ""},
		{0x061b, false, ""}, {0x061c, true, ""}, {0x061d, false, ""},
	} {
		t.Run(fmt.Sprintf("%U", c.r), func(t *testing.T) {
			if got := bidiControl(c.r); got != c.bidi {
				t.Errorf("bidiControl(%U) = %v, want %v", c.r, got, c.bidi)
			}
			id := "a" + string(c.r) + "b"
			_, err := ParsePlan([]byte(strings.Replace(mutate("", ""), `"id":"p"`, `"id":"`+id+`"`, 1)))
			if !c.bidi {
				switch {
				case c.other == "" && err != nil:
					t.Errorf("plan id %q: %v", id, err)
				case c.other != "" && (err == nil || !strings.Contains(err.Error(), c.other)):
					t.Errorf("plan id %q: %v, want an error saying %q", id, err, c.other)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("plan id %q: err = %v, want ErrInvalid", id, err)
			}
			if diff := cmp.Diff([]string{"/id"}, planErrorPaths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
}

// Plan decimals at the edges of MaxDigits (plan.go inRange: at most 18
// digits after the point, |d| < 10^18; no test named MaxDigits).
func TestPlanDecimalDigits(t *testing.T) {
	for _, c := range []struct {
		name string
		cap  decimal.Decimal
		ok   bool
	}{
		{"18 places", decimal.RequireFromString("0.000000000000000001"), true},   // exponent −18
		{"19 places", decimal.RequireFromString("0.0000000000000000001"), false}, // exponent −19
		{"18 digits, 18 places", decimal.RequireFromString("0.123456789012345678"), true},
		{"10^18 − 1", decimal.RequireFromString("999999999999999999"), true}, // 18 digits
		{"10^18", decimal.RequireFromString("1000000000000000000"), false},   // 19 digits
		{"18 digits and a place", decimal.RequireFromString("123456789012345678.5"), true},
		{"19 digits and a place", decimal.RequireFromString("1234567890123456789.5"), false},
		{"10^17 as 1e17", decimal.New(1, 17), true},    // 1 digit, exponent 17: 10^17 < 10^18
		{"10^18 as 1e18", decimal.New(1, 18), false},   // 1 digit, exponent 18: 10^18
		{"10^19 as 10e18", decimal.New(10, 18), false}, // 2 digits, exponent 18
		{"zero with 30 places", decimal.New(0, -30), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			spec := MustParsePlan(mutate("", "")).Spec()
			spec.Components[0].Cap = &c.cap
			_, err := NewPlan(spec)
			if c.ok {
				if err != nil {
					t.Errorf("cap %s: %v", c.cap, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("cap %s: err = %v, want ErrInvalid", c.cap, err)
			}
			if diff := cmp.Diff([]string{"/components/0/cap"}, planErrorPaths(err)); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
}

// Each eligibility filter alone, on a component in force for the whole
// period, counts the sale that matches and drops the one that does not
// (plan.go unfiltered: a filter it overlooks makes the component count
// every transaction). The matching sale is 1,000.00, the other 2,000.00:
// 1,000.00 is in the second tier (from 100, 2 %): 2 % × 1,000.00 = 20.00
// (counting both: 2 % × 3,000.00 = 60.00).
func TestEachFilterAlone(t *testing.T) {
	tests := []struct {
		name     string
		elig     string // the component's eligibility members
		measure  string
		drop     func(*Transaction)
		wantPaid string
	}{
		{"partner tier", `"partner_tiers":["gold"]`, "revenue", func(t *Transaction) { t.PartnerTier = "silver" }, "20.00"},
		{"certification", `"certifications":["gold"]`, "revenue", func(t *Transaction) { t.Certifications = []string{"silver"} }, "20.00"},
		{"authorised only", `"authorised_only":true`, "revenue", func(t *Transaction) { t.Authorised = false }, "20.00"},
		{"territory", `"territories":["emea"]`, "revenue", func(t *Transaction) { t.Territory = "apac" }, "20.00"},
		{"category", `"categories":["hw"]`, "revenue", func(t *Transaction) { t.Category = "sw" }, "20.00"},
		{"segment", `"segments":["smb"]`, "revenue", func(t *Transaction) { t.Segment = "ent" }, "20.00"},
		{"motion", `"motions":["new"]`, "revenue", func(t *Transaction) { t.Motion = Renewal }, "20.00"},
		{"billing", `"billing":["one-time"]`, "revenue", func(t *Transaction) { t.Billing = Recurring }, "20.00"},
		{"recurring revenue, no filter", ``, "recurring-revenue", func(t *Transaction) { t.Billing = OneTime }, "20.00"},
		// events count 1 each, in the first tier (from 0, 1 %): 1 % × 1 = 0.01 (both: 0.02)
		{"event", `"events":["webinar"]`, "events", func(t *Transaction) { t.Event = "demo" }, "0.01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(mutate(`,"eligibility":{`+tt.elig+`}`, ""), `"measure":"revenue"`, `"measure":"`+tt.measure+`"`, 1)
			if tt.elig == "" {
				doc = strings.Replace(mutate("", ""), `"measure":"revenue"`, `"measure":"`+tt.measure+`"`, 1)
			}
			p := MustParsePlan(doc)
			keep := Transaction{ID: "keep", Date: time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC), Kind: Sale, PartnerID: "acme",
				Amount: money.MustParse("1000.00 USD"), Motion: NewBusiness, Billing: OneTime, Authorised: true, PartnerTier: "gold",
				Certifications: []string{"gold"}, Territory: "emea", Category: "hw", Segment: "smb"}
			switch tt.measure {
			case "recurring-revenue":
				keep.Billing = Recurring
			case "events":
				keep.Kind, keep.Amount, keep.Event = QualifyingEvent, money.Amount{}, "webinar"
			}
			drop := keep
			drop.ID = "drop"
			if keep.Kind == Sale {
				drop.Amount = money.MustParse("2000.00 USD")
			}
			tt.drop(&drop)
			r, err := Evaluate(p, NewPeriod("Q3", MustDate("2025-07-01"), MustDate("2025-10-01")), nil, slices.Values([]Transaction{keep, drop}))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Total(); !got.Equal(decimal.RequireFromString(tt.wantPaid)) {
				t.Errorf("paid %s, want %s", got, tt.wantPaid)
			}
		})
	}
}
