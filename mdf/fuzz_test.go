package mdf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/strictjson"
)

// checkDecodeErr: a decoder's error is an mdf error with a valid FieldPath.
func checkDecodeErr(t *testing.T, data []byte, err error) {
	t.Helper()
	var fp interface{ FieldPath() string }
	if !errors.As(err, &fp) || !field.Valid(fp.FieldPath()) {
		t.Fatalf("%q: %v has no valid FieldPath", data, err)
	}
	if !strings.HasPrefix(err.Error(), "mdf: ") {
		t.Fatalf("%q: message %q", data, err)
	}
}

// FuzzParseProgramme: any document either fails with a field error or
// compiles into a programme that writes itself back to an equal one.
func FuzzParseProgramme(f *testing.F) {
	seeds := []string{
		`{"claim_window_days":60,"max_extensions":1,"extension_days":30,"rounding":"half-even","activities":[{"type":"trade-show","vendor_share":"50%","evidence":[{"kind":"invoice","min":1},{"kind":"leads","min":2}]}]}`,
		`{"claim_window_days":1,"rounding":"floor","activities":[{"type":"w","vendor_share":"1"}]}`,
		`{"claim_window_days":99999999999999999999,"rounding":"half-even","activities":[]}`,
		`{"claim_window_days":-1,"rounding":"half-even","activities":[{"type":"","vendor_share":"0bp"}]}`,
		`{"claim_window_days":1,"rounding":"half-even","activities":[{"type":"w","vendor_share":"1e9"}]}`,
		`{"claim_window_days":1,"CLAIM_WINDOW_DAYS":2}`, `null`, `[]`, `{"activities":[[[[[[[[[]]]]]]]]]}`, "{\"a\":\"\xff\"}", ``,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := mdf.ParseProgramme(data)
		if err != nil {
			checkDecodeErr(t, data, err)
			return
		}
		b, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("%q: marshal: %v", data, err)
		}
		q, err := mdf.ParseProgramme(b)
		if err != nil || !q.Equal(p) {
			t.Fatalf("%q → %s: %v", data, b, err)
		}
	})
}

// FuzzParseSegmentation: as FuzzParseProgramme, and classification never
// fails for valid signals in the threshold's currency.
func FuzzParseSegmentation(f *testing.F) {
	for _, s := range []string{
		`{"one_to_many_below":"50000.00 USD","core_capability":"70%","growth_resource_use":"30%","growth_utilisation":"50%"}`,
		`{"one_to_many_below":"0 JPY","core_capability":"0","growth_resource_use":"1","growth_utilisation":"10000bp"}`,
		`{"one_to_many_below":"-1.00 USD","core_capability":"101%"}`, `{"one_to_many_below":5}`, `{}`, `{"x":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := mdf.ParseSegmentation(data)
		if err != nil {
			checkDecodeErr(t, data, err)
			return
		}
		b, err := strictjson.Marshal(s.Spec(), strictjson.RatesWithUnit())
		if err != nil {
			t.Fatal(err)
		}
		back, err := mdf.ParseSegmentation(b)
		if err != nil || !back.Equal(s) {
			t.Fatalf("%q → %s: %v", data, b, err)
		}
	})
}

// FuzzParseFund: a stored fund either fails with a field error or
// restores to a fund whose balance identity holds and which writes
// itself back unchanged.
func FuzzParseFund(f *testing.F) {
	good := must(funded(f).MarshalJSON())
	f.Add(good)
	f.Add(bytes.Replace(good, []byte(`"paid":"0.00 USD"`), []byte(`"paid":"1000.01 USD"`), 1))
	f.Add(bytes.Replace(good, []byte(`"allocated":"1000.00 USD"`), []byte(`"allocated":"-1.00 USD"`), 1))
	f.Add(bytes.Replace(good, []byte(`"open"`), []byte(`"unspecified"`), 1))
	f.Add(bytes.Replace(good, []byte(`USD`), []byte(`EUR`), 1))
	f.Add([]byte(`{"spec":{"id":"c","kind":"coop","currency":"USD","opens_at":"2025-01-01T00:00:00Z","expires_at":"2026-01-01T00:00:00Z","coop":{"rate":"2%","cap":"100.00 USD","rounding":"half-even"}},"status":"open","allocated":"100.00 USD","paid":"0.00 USD","approved":"0.00 USD","pending":"0.00 USD","lapsed":"0.00 USD","purchases":"99999.00 USD","accrued":"100.00 USD","last_event_at":"2025-01-01T00:00:00Z"}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fund, err := mdf.ParseFund(data)
		if err != nil {
			checkDecodeErr(t, data, err)
			return
		}
		b := fund.Balance()
		if b.Available.Sign() < 0 || b.Paid.Sign() < 0 || b.Approved.Sign() < 0 || b.Pending.Sign() < 0 {
			t.Fatalf("%q: restored a negative balance %+v", data, b)
		}
		out, err := fund.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := mdf.ParseFund(out)
		if err != nil || !back.Equal(fund) {
			t.Fatalf("%q → %s: %v", data, out, err)
		}
	})
}

// FuzzRestoreRequest: a stored request either fails or restores to a
// request whose holds are not negative and which accepts no event beyond
// what its record allows.
func FuzzRestoreRequest(f *testing.F) {
	for _, st := range []mdf.RequestState{mdf.Requested, mdf.PreApproved, mdf.ActivityDone, mdf.Claimed, mdf.ClaimApproved} {
		r, _ := requestAt(f, st)
		f.Add(must(json.Marshal(r.Record())))
	}
	f.Add([]byte(`{"spec":{},"state":"paid"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rec mdf.RequestRecord
		if err := strictjson.Unmarshal(data, &rec, strictjson.Limits{}); err != nil {
			return
		}
		r, err := mdf.RestoreRequest(rec, programme())
		if err != nil {
			checkDecodeErr(t, data, err)
			return
		}
		h := r.Holds()
		if h.Pending.Sign() < 0 || h.Approved.Sign() < 0 || h.Paid.Sign() < 0 {
			t.Fatalf("%q: negative holds %+v", data, h)
		}
	})
}

// FuzzRequestEvent: decoding an event and applying it to a request in any
// state never panics, and a failure changes nothing and names a member.
func FuzzRequestEvent(f *testing.F) {
	for _, s := range []string{
		`{"kind":"pre-approve"}`, `{"kind":"pre-approve","amount":"1.00 USD","reason":"over-budget"}`,
		`{"kind":"pay","amount":"400.00 USD"}`, `{"kind":"claim","claim":{"cost":"1.00 USD","proof":[{"kind":"invoice","id":"x"}]}}`,
		`{"kind":"complete-activity","activity_end":"2025-01-11T00:00:00Z"}`, `{"kind":"deny"}`, `{"kind":"lapse","note":"x"}`,
		`{"kind":"pay","amount":"-1.00 USD"}`, `{"kind":"approve-claim","amount":"0.001 USD","reason":"late-claim"}`,
	} {
		for st := range 5 {
			f.Add([]byte(s), uint8(st))
		}
	}
	states := []mdf.RequestState{mdf.Requested, mdf.PreApproved, mdf.ActivityDone, mdf.Claimed, mdf.ClaimApproved}
	f.Fuzz(func(t *testing.T, data []byte, st uint8) {
		var ev mdf.RequestEvent
		if err := strictjson.Unmarshal(data, &ev, strictjson.Limits{}); err != nil {
			return
		}
		r, fund := requestAt(t, states[int(st)%len(states)])
		got, g, err := r.Apply(ev, fund, programme(), day(11))
		if err != nil {
			checkDecodeErr(t, data, err)
			return
		}
		if g.Available().Sign() < 0 || !got.State().IsValid() {
			t.Fatalf("%q: %+v %+v", data, got.Record(), g.Balance())
		}
	})
}

// FuzzEnumText: every enumeration's text either fails or round-trips.
func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"coop", "open", "claim-approved", "approve-claim", "over-budget", "attendee-list", "sales-only", "no-spend", "invoices-short", "unspecified", "", "Core", "core "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []interface {
			UnmarshalText([]byte) error
			MarshalText() ([]byte, error)
		}{new(mdf.FundKind), new(mdf.FundStatus), new(mdf.RequestState), new(mdf.RequestEventKind), new(mdf.DecisionReason),
			new(mdf.EvidenceKind), new(mdf.Segment), new(mdf.FigureStatus), new(mdf.GapReason)} {
			if err := v.UnmarshalText([]byte(s)); err != nil {
				var ee *mdf.EnumError
				if !errors.As(err, &ee) || !errors.Is(err, mdf.ErrInvalid) {
					t.Fatalf("%q: %v", s, err)
				}
				continue
			}
			b, err := v.MarshalText()
			if err != nil || string(b) != s {
				t.Fatalf("%q → %q, %v", s, b, err)
			}
		}
	})
}
