package mdf_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
)

var (
	feb1 = jan1.AddDate(0, 1, 0)
	feb3 = feb1.AddDate(0, 0, 2)
)

// exampleClaimed takes a request for an activity from 1 to 3 February
// from reservation to a submitted claim on fund f, one hour after the fund's last event, and returns both.
func exampleClaimed(id, activity, campaign string, f mdf.Fund, claim mdf.Claim) (mdf.Request, mdf.Fund) {
	p := exampleProgramme()
	r, f, err := mdf.NewRequest(mdf.RequestSpec{ID: id, FundID: f.ID(), Partner: "acme", ActivityType: activity, Campaign: campaign,
		Amount: money.MustParse("1000.00 USD"), ActivityStart: feb1, ActivityEnd: feb3}, f, p, f.LastEventAt())
	if err != nil {
		panic(err)
	}
	at := f.LastEventAt().Add(time.Hour)
	if at.Before(feb3) {
		at = feb3
	}
	for _, ev := range []mdf.RequestEvent{
		{Kind: mdf.PreApprove},
		{Kind: mdf.CompleteActivity, ActivityEnd: feb3},
		{Kind: mdf.SubmitClaim, Claim: claim},
	} {
		if r, f, err = r.Apply(ev, f, p, at); err != nil {
			panic(err)
		}
		at = at.Add(time.Hour)
	}
	return r, f
}

func invoice(id, amount string) mdf.EvidenceItem {
	return mdf.EvidenceItem{Kind: mdf.Invoice, ID: id, Amount: money.MustParse(amount)}
}

// Invoice INV-9 appears in the claims of R1 and R3: one duplicate. INV-1
// (R1 only) and INV-2 (R2 only) are claimed once each.
func ExampleDuplicateClaims() {
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("10000.00 USD"), jan1)
	cost := money.MustParse("800.00 USD")
	r1, f := exampleClaimed("R1", "webinar", "", f, mdf.Claim{Cost: cost,
		Proof: []mdf.EvidenceItem{invoice("INV-1", "300.00 USD"), invoice("INV-9", "500.00 USD")}})
	r2, f := exampleClaimed("R2", "webinar", "", f, mdf.Claim{Cost: cost, Proof: []mdf.EvidenceItem{invoice("INV-2", "800.00 USD")}})
	r3, _ := exampleClaimed("R3", "webinar", "", f, mdf.Claim{Cost: cost, Proof: []mdf.EvidenceItem{invoice("INV-9", "800.00 USD")}})
	for _, d := range mdf.DuplicateClaims([]mdf.Request{r3, r2, r1}) {
		fmt.Println(d.Invoice, d.Requests)
	}
	// Output: INV-9 [R1 R3]
}

// The leads of two claims as touches, sorted by lead then request. L-1
// was captured by the trade show on 2 February and again at the webinar,
// whose items carry no date, so the activity's end (3 February) stands in.
func ExampleLeadTouches() {
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("10000.00 USD"), jan1)
	cost := money.MustParse("800.00 USD")
	show, f := exampleClaimed("R1", "trade-show", "spring", f, mdf.Claim{Cost: cost, Proof: []mdf.EvidenceItem{
		invoice("INV-1", "800.00 USD"),
		{Kind: mdf.Leads, ID: "L-2", At: feb1},
		{Kind: mdf.Leads, ID: "L-1", At: feb1.AddDate(0, 0, 1)},
	}})
	web, _ := exampleClaimed("R2", "webinar", "", f, mdf.Claim{Cost: cost, Proof: []mdf.EvidenceItem{
		invoice("INV-2", "800.00 USD"), {Kind: mdf.Leads, ID: "L-1"},
	}})
	for _, t := range mdf.LeadTouches([]mdf.Request{web, show}) {
		fmt.Println(t.LeadID, t.Request, t.ActivityType, t.Campaign, t.At.Format(time.DateOnly))
	}
	// Output:
	// L-1 R1 trade-show spring 2025-02-02
	// L-1 R2 webinar  2025-02-03
	// L-2 R1 trade-show spring 2025-02-01
}

// A stored fund comes back only if its counters are consistent: paid
// 6,000.00 of 5,000.00 allocated would leave −1,000.00 available.
func ExampleRestoreFund() {
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("5000.00 USD"), jan1)
	back, err := mdf.RestoreFund(f.Record())
	fmt.Println(back.Equal(f), back.Available(), err)
	rec := f.Record()
	rec.Paid = money.MustParse("6000.00 USD")
	_, err = mdf.RestoreFund(rec)
	var ie *mdf.InputError
	fmt.Println(errors.As(err, &ie), ie.FieldPath())
	// Output:
	// true 5000.00 USD <nil>
	// true /allocated
}

// A fund record in JSON, as MarshalJSON writes it, read back.
func ExampleParseFund() {
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("2500.00 USD"), jan1)
	data, _ := f.MarshalJSON()
	back, err := mdf.ParseFund(data)
	fmt.Println(back.ID(), back.Status(), back.Available(), back.Equal(f), err)
	// Output: F open 2500.00 USD true <nil>
}

// A stored request comes back only if it is consistent with its state. The
// webinar cost 800.00 and the vendor share is 75 %: 600.00 approved and
// paid. A paid request has paid exactly what was approved, so a record
// showing 500.00 paid is refused at "/paid".
func ExampleRestoreRequest() {
	p := exampleProgramme()
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("10000.00 USD"), jan1)
	r, f := exampleClaimed("R1", "webinar", "", f, mdf.Claim{Cost: money.MustParse("800.00 USD")})
	r, f, _ = r.Apply(mdf.RequestEvent{Kind: mdf.ApproveClaim}, f, p, feb3.AddDate(0, 0, 1))
	r, _, _ = r.Apply(mdf.RequestEvent{Kind: mdf.Pay, Amount: money.MustParse("600.00 USD")}, f, p, feb3.AddDate(0, 0, 2))
	back, err := mdf.RestoreRequest(r.Record(), p)
	fmt.Println(back.State(), back.Paid(), back.Equal(r), err)
	rec := r.Record()
	rec.Paid = money.MustParse("500.00 USD")
	_, err = mdf.RestoreRequest(rec, p)
	fmt.Println(errors.Is(err, mdf.ErrInvalid), err.(*mdf.InputError).FieldPath())
	// Output:
	// paid 600.00 USD true <nil>
	// true /paid
}

// A request reserves its amount: 1,500.00 of the 2,000.00 available is
// pending, 500.00 stays available. Asking for more than is available is
// refused and the fund is unchanged.
func ExampleNewRequest() {
	p := exampleProgramme()
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("2000.00 USD"), jan1)
	spec := mdf.RequestSpec{ID: "R1", FundID: "F", Partner: "acme", ActivityType: "webinar",
		Amount: money.MustParse("1500.00 USD"), ActivityStart: feb1, ActivityEnd: feb1}
	r, f, _ := mdf.NewRequest(spec, f, p, jan1)
	fmt.Println(r.State(), f.Balance().Pending, f.Available())
	spec.ID = "R2"
	_, _, err := mdf.NewRequest(spec, f, p, jan1)
	fmt.Println(errors.Is(err, mdf.ErrInsufficient), f.Available())
	// Output:
	// requested 1500.00 USD 500.00 USD
	// true 500.00 USD
}

// Cancelling a fund: of 5,000.00, 2,000.00 is reserved by a request and
// 3,000.00 lapses. When the request is denied its 2,000.00 returns to
// available, where it stays until the host removes it with Reduce.
func ExampleFund_Cancel() {
	p := exampleProgramme()
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("5000.00 USD"), jan1)
	r, f, _ := mdf.NewRequest(mdf.RequestSpec{ID: "R1", FundID: "F", Partner: "acme", ActivityType: "webinar",
		Amount: money.MustParse("2000.00 USD"), ActivityStart: feb1, ActivityEnd: feb1}, f, p, jan1)
	f, _ = f.Cancel(jan1.AddDate(0, 0, 10))
	fmt.Println(f.Status(), f.Lapsed(), f.Balance().Pending, f.Available())
	_, f, _ = r.Apply(mdf.RequestEvent{Kind: mdf.Deny, Reason: mdf.OverBudget}, f, p, jan1.AddDate(0, 0, 11))
	fmt.Println(f.Available())
	f, _ = f.Reduce(money.MustParse("2000.00 USD"), jan1.AddDate(0, 0, 12))
	fmt.Println(f.Available(), f.Balance().Allocated)
	// Output:
	// cancelled 3000.00 USD 2000.00 USD 0.00 USD
	// 2000.00 USD
	// 0.00 USD 0.00 USD
}

// A programme built in Go: every problem is reported at once, each at its
// JSON Pointer.
func ExampleNewProgramme() {
	share := money.MustRate("60%")
	p, err := mdf.NewProgramme(mdf.ProgrammeSpec{ClaimWindowDays: 30, Rounding: money.HalfEven,
		Activities: []mdf.ActivitySpec{{Type: "email", VendorShare: &share}}})
	fmt.Println(p.ClaimWindow(), err)
	_, err = mdf.NewProgramme(mdf.ProgrammeSpec{ClaimWindowDays: 30, Rounding: money.HalfEven,
		Activities: []mdf.ActivitySpec{{Type: "email"}, {Type: "email", VendorShare: &share}}})
	var ie *mdf.InputError
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		if errors.As(e, &ie) {
			fmt.Println(ie.FieldPath(), errors.Is(e, mdf.ErrMissing), errors.Is(e, mdf.ErrDuplicate))
		}
	}
	// Output:
	// 720h0m0s <nil>
	// /activities/0/vendor_share true false
	// /activities/1/type false true
}

// Segmentation thresholds built in Go: every member is required, so a
// missing one is reported at its JSON Pointer.
func ExampleNewSegmentation() {
	below, capab, use, util := money.MustParse("50000.00 USD"), money.MustRate("70%"), money.MustRate("30%"), money.MustRate("50%")
	s, err := mdf.NewSegmentation(mdf.SegmentationSpec{OneToManyBelow: &below, CoreCapability: &capab,
		GrowthResourceUse: &use, GrowthUtilisation: &util})
	fmt.Println(s.IsValid(), err)
	_, err = mdf.NewSegmentation(mdf.SegmentationSpec{OneToManyBelow: &below, GrowthResourceUse: &use, GrowthUtilisation: &util})
	fmt.Println(err)
	// Output:
	// true <nil>
	// mdf: /core_capability: missing required value
}

// A segmentation document: a capability above 100 % is refused at its
// JSON Pointer.
func ExampleParseSegmentation() {
	_, err := mdf.ParseSegmentation([]byte(`{"one_to_many_below": "50000.00 USD", "core_capability": "120%",
	  "growth_resource_use": "30%", "growth_utilisation": "50%"}`))
	var ie *mdf.InputError
	fmt.Println(errors.As(err, &ie), ie.FieldPath(), errors.Is(err, mdf.ErrInvalid))
	// Output: true /core_capability true
}

// Leads captured as proof become journeys, credited by attribution. The
// trade show captured L-1 (2 February) and L-2 (1 February); the webinar
// captured L-1 and L-3 (undated: its end, 3 February). L-1 converted for
// 900.00 and L-3 for 300.00 on 1 March. By activity type:
//
//	L-1: trade-show, webinar → 900.00;  L-2: trade-show;  L-3: webinar → 300.00
//
// Linear: trade-show 900/2 = 450.00, webinar 450 + 300 = 750.00.
// Markov order 1: start → trade-show 2/3, webinar 1/3; trade-show →
// webinar 1/2, null 1/2; webinar → conversion 1. P(conv) = 2/3 × 1/2 +
// 1/3 = 2/3. Without trade-show P = 1/3, removal effect 1/2; without
// webinar P = 0, removal effect 1. Shares 1/2 : 1 of 1,200.00: 400.00 and
// 800.00.
func ExampleLeadJourneys() {
	f, _ := exampleFund("F", "USD").Allot(money.MustParse("10000.00 USD"), jan1)
	cost := money.MustParse("800.00 USD")
	show, f := exampleClaimed("R1", "trade-show", "spring", f, mdf.Claim{Cost: cost, Proof: []mdf.EvidenceItem{
		invoice("INV-1", "800.00 USD"),
		{Kind: mdf.Leads, ID: "L-1", At: feb1.AddDate(0, 0, 1)},
		{Kind: mdf.Leads, ID: "L-2", At: feb1},
	}})
	web, _ := exampleClaimed("R2", "webinar", "spring", f, mdf.Claim{Cost: cost, Proof: []mdf.EvidenceItem{
		invoice("INV-2", "800.00 USD"), {Kind: mdf.Leads, ID: "L-1"}, {Kind: mdf.Leads, ID: "L-3"},
	}})
	mar1 := feb1.AddDate(0, 1, 0)
	v1, v3 := money.MustParse("900.00 USD"), money.MustParse("300.00 USD")
	js, err := mdf.LeadJourneys(mdf.LeadTouches([]mdf.Request{show, web}),
		[]mdf.LeadConversion{{LeadID: "L-1", At: mar1, Value: &v1}, {LeadID: "L-3", At: mar1, Value: &v3}}, mdf.ByActivityType)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rule := range []string{
		`{"method":"linear","basis":"revenue","currency":"USD"}`,
		`{"method":"markov","basis":"revenue","currency":"USD","order":1}`,
	} {
		res, _ := attribution.MustParseRule(rule).Attribute(js)
		fmt.Print(res.Method, ":")
		for _, c := range res.Credits {
			fmt.Print(" ", c.Channel, " ", money.FormatDecimal(c.Value, res.Places))
		}
		fmt.Println()
	}
	// Output:
	// linear: trade-show 450.00 webinar 750.00
	// markov: trade-show 400.00 webinar 800.00
}

// Enumeration names parse exactly; an unknown one is an *EnumError with
// the nearest valid name. Every Parse… of the package works alike.
func ExampleParseSegment() {
	s, err := mdf.ParseSegment("growth")
	fmt.Println(s, err)
	_, err = mdf.ParseSegment("grwoth")
	var ee *mdf.EnumError
	fmt.Println(errors.As(err, &ee), ee.Type, ee.Input, ee.Suggestion, errors.Is(err, mdf.ErrInvalid))
	// Output:
	// growth <nil>
	// true segment grwoth growth true
}
