package loyalty_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
)

func quarters2025() []loyalty.RetentionPeriod {
	return []loyalty.RetentionPeriod{
		{Name: "2025-Q1", Start: day("2025-01-01"), End: day("2025-04-01")},
		{Name: "2025-Q2", Start: day("2025-04-01"), End: day("2025-07-01")},
		{Name: "2025-Q3", Start: day("2025-07-01"), End: day("2025-10-01")},
	}
}

// retentionMembers is the worked population of the golden test:
//
//	a enrolled 2024 (no cohort)  active Q1 Q2 Q3 (and 2024-12, outside every period)
//	f enrolled 2024 (no cohort)  active Q1 Q2
//	b enrolled Q1                active Q1 .. Q3 (churns in Q2, reactivated in Q3)
//	c enrolled Q1                active Q1 Q2
//	e enrolled Q2                active       Q3
//	g enrolled Q2                active    Q2 Q3
func retentionMembers() []loyalty.Member {
	usd := func(s string) money.Amount { return money.MustParse(s + " USD") }
	return []loyalty.Member{
		{ID: "a", Enrolled: day("2024-06-01"), Active: []time.Time{day("2024-12-01"), day("2025-02-01"), day("2025-05-01"), day("2025-08-01")},
			Wallet: []loyalty.WalletEntry{{Period: "2025-Q1", Vendor: usd("30"), Total: usd("100")}, {Period: "2025-Q2", Vendor: usd("45"), Total: usd("60")}}},
		{ID: "b", Enrolled: day("2025-01-10"), Active: []time.Time{day("2025-03-01"), day("2025-01-20"), day("2025-09-30")},
			Wallet: []loyalty.WalletEntry{{Period: "2025-Q1", Vendor: usd("10"), Total: usd("50")}}},
		{ID: "c", Enrolled: day("2025-02-01"), Active: []time.Time{day("2025-02-01"), day("2025-06-30")},
			Wallet: []loyalty.WalletEntry{{Period: "2025-Q2", Vendor: usd("0"), Total: usd("0")}}},
		{ID: "e", Enrolled: day("2025-04-15"), Active: []time.Time{day("2025-07-01")}},
		{ID: "f", Enrolled: day("2024-01-01"), Active: []time.Time{day("2025-01-05"), day("2025-04-05")}},
		{ID: "g", Enrolled: day("2025-05-01"), Active: []time.Time{day("2025-05-02"), day("2025-07-02")},
			Wallet: []loyalty.WalletEntry{{Period: "2025-Q2", Vendor: usd("0"), Total: usd("20")}}},
	}
}

func TestRetentionGolden(t *testing.T) {
	r := func(s string) money.Rate { return money.RateFromFraction(d(s)) }
	want := loyalty.Retention{
		Periods: []loyalty.PeriodRetention{
			// Q1: enrolled by 1 April: a b c f; all four active for the first time.
			// Wallet: (30 + 10) / (100 + 50) = 0.2666… → 0.2667.
			{Period: "2025-Q1", Enrolled: 4, Active: 4, FirstActive: 4, WalletPartners: 2, Wallet: r("0.2667")},
			// Q2: enrolled a b c f e g; active a c f g. Retained a c f (3 of
			// the 4 active in Q1: 0.75), churned b, first active g.
			// New (enrolled in Q1, active in Q1): b c → c kept, 1/2.
			// Existing (a f) both kept: 2/2.
			// Wallet: c's zero total is left out: (45 + 0) / (60 + 20) = 0.5625.
			{Period: "2025-Q2", Enrolled: 6, Active: 4, Retained: 3, Churned: 1, FirstActive: 1,
				Rate: r("0.75"), NewBase: 2, NewRetained: 1, NewRate: r("0.5"), ExistingBase: 2, ExistingRate: r("1"),
				WalletPartners: 2, Wallet: r("0.5625")},
			// Q3: active a b e g. Of a c f g: a g retained (2/4), c f churned;
			// b reactivated, e first active. New (enrolled in Q2, active in
			// Q2): g, kept, 1/1. Existing a c f: a kept, 1/3 = 0.3333.
			{Period: "2025-Q3", Enrolled: 6, Active: 4, Retained: 2, Churned: 2, Reactivated: 1, FirstActive: 1,
				Rate: r("0.5"), NewBase: 1, NewRetained: 1, NewRate: r("1"), ExistingBase: 3, ExistingRate: r("0.3333")},
		},
		Cohorts: []loyalty.EnrolmentCohort{
			// Q1 cohort b c: both in Q1, c in Q2, b in Q3.
			{Period: "2025-Q1", Size: 2, Cells: []loyalty.CohortCell{
				{Period: "2025-Q1", Active: 2, Rate: r("1")}, {Period: "2025-Q2", Active: 1, Rate: r("0.5")}, {Period: "2025-Q3", Active: 1, Rate: r("0.5")}}},
			// Q2 cohort e g: g in Q2, both in Q3.
			{Period: "2025-Q2", Size: 2, Cells: []loyalty.CohortCell{
				{Period: "2025-Q2", Active: 1, Rate: r("0.5")}, {Period: "2025-Q3", Active: 2, Rate: r("1")}}},
			{Period: "2025-Q3", Size: 0, Cells: []loyalty.CohortCell{{Period: "2025-Q3"}}},
		},
	}
	got, err := loyalty.ComputeRetention(quarters2025(), retentionMembers())
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(want) {
		t.Errorf("retention:\n%s", cmp.Diff(fmt.Sprint(want), fmt.Sprint(got)))
	}
}

func TestRetentionErrors(t *testing.T) {
	ps := quarters2025()
	usd := money.MustParse("5 USD")
	eur := money.MustParse("5 EUR")
	for _, tc := range []struct {
		periods []loyalty.RetentionPeriod
		members []loyalty.Member
		path    string
		want    error
	}{
		{nil, nil, "/periods", loyalty.ErrEmpty},
		{[]loyalty.RetentionPeriod{ps[1], ps[0]}, nil, "/periods/1/start", loyalty.ErrOrder},
		{[]loyalty.RetentionPeriod{{Name: "x", Start: ps[0].End, End: ps[0].Start}}, nil, "/periods/0/end", loyalty.ErrOrder},
		{[]loyalty.RetentionPeriod{ps[0], ps[0]}, nil, "/periods/1/name", loyalty.ErrDuplicate},
		{ps, []loyalty.Member{{}}, "/members/0/id", loyalty.ErrEmpty},
		{ps, []loyalty.Member{{ID: "a"}, {ID: "a"}}, "/members/1/id", loyalty.ErrDuplicate},
		{ps, []loyalty.Member{{ID: "a", Enrolled: day("2025-02-01"), Active: []time.Time{day("2025-01-01")}}}, "/members/0/active/0", loyalty.ErrOrder},
		{ps, []loyalty.Member{{ID: "a", Wallet: []loyalty.WalletEntry{{Period: "Q9", Vendor: usd, Total: usd}}}}, "/members/0/wallet/0/period", loyalty.ErrUnknown},
		{ps, []loyalty.Member{{ID: "a", Wallet: []loyalty.WalletEntry{{Period: "2025-Q1", Vendor: usd, Total: usd}, {Period: "2025-Q1", Vendor: usd, Total: usd}}}}, "/members/0/wallet/1/period", loyalty.ErrDuplicate},
		{ps, []loyalty.Member{{ID: "a", Wallet: []loyalty.WalletEntry{{Period: "2025-Q1", Vendor: money.MustParse("6 USD"), Total: usd}}}}, "/members/0/wallet/0/vendor", loyalty.ErrRange},
		{ps, []loyalty.Member{{ID: "a", Wallet: []loyalty.WalletEntry{{Period: "2025-Q1", Vendor: usd, Total: eur}}}}, "/members/0/wallet/0/total", loyalty.ErrRange},
		{ps, []loyalty.Member{{ID: "a", Wallet: []loyalty.WalletEntry{{Period: "2025-Q1", Vendor: usd, Total: usd}}}, {ID: "b", Wallet: []loyalty.WalletEntry{{Period: "2025-Q1", Vendor: eur, Total: eur}}}}, "/members/1/wallet/0/vendor", loyalty.ErrRange},
	} {
		_, err := loyalty.ComputeRetention(tc.periods, tc.members)
		checkInputErr(t, err, tc.path, tc.want)
	}
}

// TestRetentionProperties: the result does not depend on the order of
// members or of their records, and the movements add up: Active =
// Retained + Reactivated + FirstActive, Retained + Churned = the previous
// Active, NewBase + ExistingBase = the previous Active.
func TestRetentionProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ps := quarters2025()
		var ms []loyalty.Member
		for i := range rapid.IntRange(0, 12).Draw(t, "members") {
			enrolled := day("2024-12-01").AddDate(0, 0, rapid.IntRange(0, 300).Draw(t, "enrolled"))
			m := loyalty.Member{ID: fmt.Sprintf("p%02d", i), Enrolled: enrolled}
			for range rapid.IntRange(0, 6).Draw(t, "records") {
				m.Active = append(m.Active, enrolled.AddDate(0, 0, rapid.IntRange(0, 300).Draw(t, "after")))
			}
			ms = append(ms, m)
		}
		got, err := loyalty.ComputeRetention(ps, ms)
		if err != nil {
			t.Fatal(err)
		}
		shuffled := slices.Clone(ms)
		perm := rapid.Permutation(shuffled).Draw(t, "perm")
		for i := range perm {
			perm[i].Active = rapid.Permutation(perm[i].Active).Draw(t, "records perm")
		}
		again, err := loyalty.ComputeRetention(ps, perm)
		if err != nil || !again.Equal(got) {
			t.Fatalf("order changed the result: %v\n%v\n%v", err, got, again)
		}
		for k, r := range got.Periods {
			if r.Active != r.Retained+r.Reactivated+r.FirstActive {
				t.Fatalf("%s: active %d ≠ %d + %d + %d", r.Period, r.Active, r.Retained, r.Reactivated, r.FirstActive)
			}
			if k > 0 {
				prev := got.Periods[k-1].Active
				if r.Retained+r.Churned != prev || r.NewBase+r.ExistingBase != prev {
					t.Fatalf("%s: movements do not add up to the previous active %d: %+v", r.Period, prev, r)
				}
			}
		}
	})
}

// checkInputErr checks that err is an *InputError at path (a valid JSON
// Pointer) matching want, with the package's message prefix.
func checkInputErr(t *testing.T, err error, path string, want error) {
	t.Helper()
	var ie *loyalty.InputError
	if !errors.As(err, &ie) || ie.Path != path || !errors.Is(err, want) {
		t.Errorf("%s: got %v, want %v", path, err, want)
		return
	}
	if !field.Valid(ie.Path) || !strings.HasPrefix(err.Error(), "loyalty: ") {
		t.Errorf("%s: bad path or message: %v", path, err)
	}
}
