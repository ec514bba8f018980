package mdf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/chain/chaintest"
	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/money"
)

// journalOf applies the lifecycle of ExampleRequest_Apply (trade-show proof
// kept out: a webinar) and records every decision.
func journalOf(t testing.TB) mdf.DecisionJournal {
	p := exampleProgramme()
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("10000.00 USD"), jan1)
	r, f, err := mdf.NewRequest(mdf.RequestSpec{ID: "R1", FundID: "F", Partner: "acme", ActivityType: "webinar",
		Amount: money.MustParse("2500.00 USD"), ActivityStart: jan1.AddDate(0, 1, 0), ActivityEnd: jan1.AddDate(0, 1, 0)}, f, p, jan1)
	if err != nil {
		t.Fatal(err)
	}
	steps := []mdf.RequestEvent{
		{Kind: mdf.PreApprove, Amount: money.MustParse("2000.00 USD"), Reason: mdf.OverBudget, Note: "=SUM(A1) \u202e"},
		{Kind: mdf.CompleteActivity, ActivityEnd: jan1.AddDate(0, 1, 0)},
		{Kind: mdf.SubmitClaim, Claim: mdf.Claim{Cost: money.MustParse("3000.00 USD"),
			Proof: []mdf.EvidenceItem{{Kind: mdf.Invoice, ID: "INV-7", Amount: money.MustParse("3000.00 USD")}}}},
		{Kind: mdf.ApproveClaim},
		{Kind: mdf.Pay, Amount: money.MustParse("1200.00 USD")},
		{Kind: mdf.Pay, Amount: money.MustParse("800.00 USD")},
	}
	var j mdf.DecisionJournal
	at := jan1.AddDate(0, 1, 1)
	for _, ev := range steps {
		if r, f, err = r.Apply(ev, f, p, at); err != nil {
			t.Fatal(err)
		}
		if j, err = j.Record(r, ev, at); err != nil {
			t.Fatal(err)
		}
		at = at.AddDate(0, 0, 1)
	}
	return j
}

func TestDecisionJournal(t *testing.T) {
	j := journalOf(t)
	recs := j.Records()
	if len(recs) != 6 || recs[0].State != mdf.PreApproved || recs[5].State != mdf.Paid ||
		!recs[5].Paid.Equal(money.MustParse("2000.00 USD")) || recs[0].Fund != "F" {
		t.Fatalf("records %+v", recs)
	}
	b, err := j.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := mdf.ParseDecisionJournal(b)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(j) || back.Head() != j.Head() || back.Len() != 6 {
		t.Fatal("round trip changed the journal")
	}
	if empty, err := mdf.ParseDecisionJournal([]byte(`{"records":[]}`)); err != nil || empty.Head() != "" {
		t.Fatalf("empty: %v", err)
	}

	// Record checks that it is given the request Apply returned.
	var j2 mdf.DecisionJournal
	var ie *mdf.InputError
	if _, err := j2.Record(mdf.Request{}, mdf.RequestEvent{Kind: mdf.Pay}, jan1); !errors.As(err, &ie) || ie.Path != "/request" {
		t.Errorf("zero request: %v", err)
	}
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("10000.00 USD"), jan1)
	r, _, err := mdf.NewRequest(mdf.RequestSpec{ID: "R2", FundID: "F", Partner: "acme", ActivityType: "webinar",
		Amount: money.MustParse("100.00 USD"), ActivityStart: jan1.AddDate(0, 1, 0), ActivityEnd: jan1.AddDate(0, 1, 0)}, f, exampleProgramme(), jan1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j2.Record(r, mdf.RequestEvent{Kind: mdf.PreApprove}, jan1.AddDate(0, 0, 1)); !errors.As(err, &ie) || ie.Path != "/at" || !errors.Is(err, mdf.ErrInvalid) {
		t.Errorf("not the request after the event: %v", err)
	}
	if _, err := j2.Record(r, mdf.RequestEvent{}, jan1); !errors.As(err, &ie) || ie.Path != "/event/kind" {
		t.Errorf("no event kind: %v", err)
	}
}

// Edits, removals, insertions and reorders fail at the first record that
// does not verify.
func TestDecisionJournalTampered(t *testing.T) {
	b, _ := journalOf(t).MarshalJSON()
	recs := chaintest.Records(t, b)
	join := func(r []json.RawMessage) []byte { return chaintest.Join(t, r) }
	tests := []struct {
		name string
		doc  []byte
		at   string
	}{
		{"edited amount", bytes.Replace(b, []byte(`"paid":"1200.00 USD"`), []byte(`"paid":"1900.00 USD"`), 1), "/records/4"},
		{"untouched", join(slices.Clone(recs)), ""},
		{"removed", join(slices.Delete(slices.Clone(recs), 2, 3)), "/records/2"},
		{"swapped", join(func() []json.RawMessage { r := slices.Clone(recs); r[3], r[4] = r[4], r[3]; return r }()), "/records/3"},
		{"inserted", join(slices.Insert(slices.Clone(recs), 1, recs[4])), "/records/1"},
		{"removed first", join(slices.Clone(recs)[1:]), "/records/0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mdf.ParseDecisionJournal(tc.doc)
			if tc.at == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ie *mdf.InputError
			if !errors.As(err, &ie) || ie.Path != tc.at || !errors.Is(err, mdf.ErrTampered) {
				t.Fatalf("got %v, want ErrTampered at %s", err, tc.at)
			}
		})
	}
}

// Any single-byte change fails to parse, fails at the record it changed,
// or (an equivalent spelling) reads back the same journal.
func TestDecisionJournalSingleByte(t *testing.T) {
	j := journalOf(t)
	doc, _ := j.MarshalJSON()
	rapid.Check(t, func(t *rapid.T) {
		chaintest.CheckSingleByte(t, doc, `{"request":`, mdf.ParseDecisionJournal, j.Equal, mdf.ErrTampered,
			func(i int) string { return fmt.Sprintf("/records/%d", i) })
	})
}

func FuzzParseDecisionJournal(f *testing.F) {
	b, _ := journalOf(f).MarshalJSON()
	s := string(b)
	for _, seed := range []string{s, "\uFEFF" + s, `{"records":[]}`, `{"records":null}`, `{"records":[{}]}`,
		strings.Replace(s, `"prev":""`, `"prev":"`+strings.Repeat("0", 64)+`"`, 1),
		strings.Replace(s, `"request":"R1"`, `"request":"R\u00001"`, 1),
		strings.Replace(s, `"request":"R1"`, "\"request\":\"\u202eR1\"", 1),
		strings.Replace(s, `"2000.00 USD"`, `"2e99999 USD"`, 1),
		strings.Repeat(`{"records":[`, 30) + strings.Repeat(`]}`, 30),
		`{"records":[` + strings.Repeat(`{"request":"x","prev":"","hash":""},`, 100) + `{}]}`,
		"\x00", "\xff\xfe"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		chaintest.RoundTrip(t, data, mdf.ParseDecisionJournal, mdf.DecisionJournal.MarshalJSON,
			func(a, b mdf.DecisionJournal) bool { return a.Equal(b) && a.Head() == b.Head() })
	})
}

func ExampleDecisionJournal() {
	p := exampleProgramme()
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("10000.00 USD"), jan1)
	r, f, _ := mdf.NewRequest(mdf.RequestSpec{ID: "R1", FundID: "F", Partner: "acme", ActivityType: "webinar",
		Amount: money.MustParse("2500.00 USD"), ActivityStart: jan1.AddDate(0, 1, 0), ActivityEnd: jan1.AddDate(0, 1, 0)}, f, p, jan1)
	var j mdf.DecisionJournal
	at := jan1.AddDate(0, 0, 7)
	ev := mdf.RequestEvent{Kind: mdf.PreApprove}
	r, _, _ = r.Apply(ev, f, p, at)
	j, _ = j.Record(r, ev, at)
	stored, _ := j.MarshalJSON()

	_, err := mdf.ParseDecisionJournal(stored)
	fmt.Println("untouched:", err)
	edited := bytes.Replace(stored, []byte(`"pre_approved":"2500.00 USD"`), []byte(`"pre_approved":"9500.00 USD"`), 1)
	_, err = mdf.ParseDecisionJournal(edited)
	fmt.Println(err)
	// Output:
	// untouched: <nil>
	// mdf: /records/0 = "R1": decision journal does not verify: the record does not match its hash (the record was edited)
}
