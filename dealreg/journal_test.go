package dealreg_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/internal/chain/chaintest"
)

// eventJournal drives a registration from draft to won (an update to the
// commit stage with SKU detail on the way) and records every event.
func eventJournal(t testing.TB) dealreg.EventJournal {
	p := dealreg.MustParsePolicy(examplePolicy)
	deal := dealreg.Deal{Customer: dealreg.Customer{Name: "Acme SARL", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	r, err := dealreg.New("R-1", dealreg.Registrant{ID: "=HYPERLINK(\"x\")", Tier: "silver"}, deal, dealreg.PartnerSourced, "", exampleStart)
	if err != nil {
		t.Fatal(err)
	}
	commit := deal
	commit.Stage, commit.Contact = dealreg.Commit, "Jo Buyer"
	commit.SKUs = []dealreg.SKULine{{SKU: "ST-4000", Quantity: 4}}
	var j dealreg.EventJournal
	at := exampleStart
	for _, e := range []dealreg.Event{{Kind: dealreg.Submit}, {Kind: dealreg.StartReview}, {Kind: dealreg.Approve},
		{Kind: dealreg.Update, Deal: commit}, {Kind: dealreg.Win}} {
		at = at.Add(24 * time.Hour)
		if r, err = r.Apply(e, at, p); err != nil {
			t.Fatal(err)
		}
		if j, err = j.Record(r, e, at); err != nil {
			t.Fatal(err)
		}
	}
	return j
}

func TestEventJournal(t *testing.T) {
	j := eventJournal(t)
	recs := j.Records()
	if len(recs) != 5 || recs[2].State != dealreg.Approved || recs[4].State != dealreg.Won ||
		!recs[2].ExpiresAt.Equal(exampleStart.Add(3*24*time.Hour+90*24*time.Hour)) || len(recs[3].Event.Deal.SKUs) != 1 {
		t.Fatalf("records %+v", recs)
	}
	b, err := j.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := dealreg.ParseEventJournal(b)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(j) || back.Head() != j.Head() || back.Len() != 5 {
		t.Fatal("round trip changed the journal")
	}
	var fe *dealreg.FieldError
	var empty dealreg.EventJournal
	if _, err := empty.Record(dealreg.Registration{}, dealreg.Event{Kind: dealreg.Submit}, exampleStart); !errors.As(err, &fe) || fe.Path != "/registration" {
		t.Errorf("zero registration: %v", err)
	}
	p := dealreg.MustParsePolicy(examplePolicy)
	r, _ := dealreg.New("R-2", dealreg.Registrant{ID: "P", Tier: "silver"}, dealreg.Deal{Customer: dealreg.Customer{Name: "B", Country: "FR"},
		ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}, dealreg.PartnerSourced, "", exampleStart)
	r, _ = r.Apply(dealreg.Event{Kind: dealreg.Submit}, exampleStart.Add(time.Hour), p)
	if _, err := empty.Record(r, dealreg.Event{Kind: dealreg.Submit}, exampleStart.Add(2*time.Hour)); !errors.As(err, &fe) || fe.Path != "/at" || !errors.Is(err, dealreg.ErrInvalidField) {
		t.Errorf("not the registration after the event: %v", err)
	}
	if _, err := empty.Record(r, dealreg.Event{}, exampleStart.Add(time.Hour)); !errors.As(err, &fe) || fe.Path != "/event/kind" {
		t.Errorf("no event kind: %v", err)
	}
}

func TestEventJournalTampered(t *testing.T) {
	b, _ := eventJournal(t).MarshalJSON()
	recs := chaintest.Records(t, b)
	join := func(r []json.RawMessage) []byte { return chaintest.Join(t, r) }
	tests := []struct {
		name string
		doc  []byte
		at   string
	}{
		{"untouched", join(slices.Clone(recs)), ""},
		{"edited quantity", bytes.Replace(b, []byte(`"quantity":4`), []byte(`"quantity":40`), 1), "/records/3"},
		{"removed", join(slices.Delete(slices.Clone(recs), 1, 2)), "/records/1"},
		{"swapped", join(func() []json.RawMessage { r := slices.Clone(recs); r[2], r[3] = r[3], r[2]; return r }()), "/records/2"},
		{"inserted", join(slices.Insert(slices.Clone(recs), 4, recs[0])), "/records/4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := dealreg.ParseEventJournal(tc.doc)
			if tc.at == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var fe *dealreg.FieldError
			if !errors.As(err, &fe) || fe.Path != tc.at || !errors.Is(err, dealreg.ErrTampered) {
				t.Fatalf("got %v, want ErrTampered at %s", err, tc.at)
			}
		})
	}
}

// Any single-byte change fails to parse, fails at the record it changed,
// or (an equivalent spelling) reads back the same journal.
func TestEventJournalSingleByte(t *testing.T) {
	j := eventJournal(t)
	doc, _ := j.MarshalJSON()
	rapid.Check(t, func(t *rapid.T) {
		chaintest.CheckSingleByte(t, doc, `{"registration":`, dealreg.ParseEventJournal, j.Equal, dealreg.ErrTampered,
			func(i int) string { return fmt.Sprintf("/records/%d", i) })
	})
}

func FuzzParseEventJournal(f *testing.F) {
	b, _ := eventJournal(f).MarshalJSON()
	s := string(b)
	for _, seed := range []string{s, "\uFEFF" + s, `{"records":[]}`, `{"records":null}`, `{"records":[{}]}`,
		strings.Replace(s, `"quantity":4`, `"quantity":1e400`, 1),
		strings.Replace(s, `"quantity":4`, `"quantity":99999999999999999999`, 1),
		strings.Replace(s, `"registration":"R-1"`, `"registration":"R\u0000-1"`, 1),
		strings.Replace(s, `"registration":"R-1"`, "\"registration\":\"\u202eR-1\"", 1),
		strings.Repeat(`{"records":[`, 30) + strings.Repeat(`]}`, 30),
		"\x00", "\xff\xfe"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		chaintest.RoundTrip(t, data, dealreg.ParseEventJournal, dealreg.EventJournal.MarshalJSON,
			func(a, b dealreg.EventJournal) bool { return a.Equal(b) && a.Head() == b.Head() })
	})
}

// An approval recorded, then edited in storage: the journal names the
// record that does not verify.
func ExampleEventJournal() {
	p := dealreg.MustParsePolicy(examplePolicy)
	deal := dealreg.Deal{Customer: dealreg.Customer{Name: "Acme SARL", Country: "FR"}, ProductLines: []string{"storage"}, Stage: dealreg.Prospecting}
	r, _ := dealreg.New("R-1", dealreg.Registrant{ID: "P-1", Tier: "silver"}, deal, dealreg.PartnerSourced, "", exampleStart)
	var j dealreg.EventJournal
	at := exampleStart
	for _, k := range []dealreg.EventKind{dealreg.Submit, dealreg.StartReview, dealreg.Approve} {
		at = at.Add(24 * time.Hour)
		r, _ = r.Apply(dealreg.Event{Kind: k}, at, p)
		j, _ = j.Record(r, dealreg.Event{Kind: k}, at)
	}
	stored, _ := j.MarshalJSON()
	_, err := dealreg.ParseEventJournal(stored)
	fmt.Println("untouched:", err)
	// Protection moved from 9 April to 9 May in storage.
	edited := bytes.Replace(stored, []byte(`"expires_at":"2025-04-09T09:00:00Z"`), []byte(`"expires_at":"2025-05-09T09:00:00Z"`), 1)
	_, err = dealreg.ParseEventJournal(edited)
	fmt.Println(err)
	// Output:
	// untouched: <nil>
	// dealreg: /records/2 = "R-1": event journal does not verify: the record does not match its hash (the record was edited)
}
