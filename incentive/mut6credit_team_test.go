package incentive

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/partnerecon/partnerecon/money"
)

// credit6TeamPlan has a team component "a-team" (effective 1 March) shared
// equally by partners p1 and p2, and a component "b" (effective 1
// January), both paying 1 % of revenue.
const credit6TeamPlan = `{"id":"tm6","version":"1","currency":"USD","rounding":"half-even","places":2,"components":[
 {"id":"a-team","version":"1","effective_from":"2025-03-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]},
  "team":{"id":"t","share":"equal","members":[{"recipient":{"kind":"partner","id":"p1"}},{"recipient":{"kind":"partner","id":"p2"}}]}},
 {"id":"b","version":"1","effective_from":"2025-01-01","recipient":"partner","measure":"revenue",
  "schedule":{"mode":"all-units","boundary":"lower-inclusive","tiers":[{"from":"0","rate":"1%"}]}}]}`

// With team lines added, the result's lines stay sorted by recipient, then
// component ID, and only then effective date (teamLines' sort): p1's
// "a-team" line comes before its "b" line although "b" is effective
// earlier. Amounts: team award 1 % × 500.00 = 5.00, 2.50 to each member;
// b pays p1 1 % × 500.00 = 5.00.
func TestCredit6TeamLinesSortedByComponent(t *testing.T) {
	p := MustParsePlan(credit6TeamPlan)
	r := mustEvalT(t, p, []Transaction{{ID: "s1", Date: MustDate("2025-07-03").Time(), Kind: Sale, PartnerID: "p1",
		Amount: money.MustParse("500.00 USD")}})
	var got []string
	for _, l := range r.Lines {
		got = append(got, fmt.Sprintf("%s %s %s", l.Recipient().ID, l.Component(), l.Amount().StringFixed(2)))
	}
	want := []string{"p1 a-team 2.50", "p1 b 5.00", "p2 a-team 2.50"}
	if !slices.Equal(got, want) {
		t.Fatalf("lines %q, want %q", got, want)
	}
}

// credit6Members returns n members p000, p001, … of kind partner, as JSON.
func credit6Members(n int) string {
	ms := make([]string, n)
	for i := range ms {
		ms[i] = fmt.Sprintf(`{"recipient":{"kind":"partner","id":"p%03d"}}`, i)
	}
	return strings.Join(ms, ",")
}

// A plan's team has at most MaxSetEntries (64) members (validator.team's
// `n > MaxSetEntries`): 64 are accepted, 65 are ErrTooMany at the team's
// members.
func TestCredit6TeamMembersAtMaxSetEntries(t *testing.T) {
	for n, ok := range map[int]bool{MaxSetEntries: true, MaxSetEntries + 1: false} {
		doc := mutate(`,"team":{"id":"t","share":"equal","members":[`+credit6Members(n)+`]}`, "")
		_, err := ParsePlan([]byte(doc))
		if ok {
			if err != nil {
				t.Errorf("team of %d members: %v", n, err)
			}
			continue
		}
		if paths := planErrorPaths(err); !errors.Is(err, ErrTooMany) || !slices.Equal(paths, []string{"/components/0/team/members"}) {
			t.Errorf("team of %d members: %v (paths %q), want ErrTooMany at /components/0/team/members", n, err, paths)
		}
	}
}

// A group has at most MaxGroupMembers (4,096) members (NewGroup's `n >
// MaxGroupMembers`): 4,096 are accepted, 4,097 are ErrTooMany at /members.
func TestCredit6GroupMembersAtMax(t *testing.T) {
	for n, ok := range map[int]bool{MaxGroupMembers: true, MaxGroupMembers + 1: false} {
		spec := GroupSpec{ID: "g", Share: ShareEqual, Members: make([]GroupMember, n)}
		for i := range spec.Members {
			spec.Members[i].Recipient = Recipient{RecipientPartner, fmt.Sprintf("p%04d", i)}
		}
		g, err := NewGroup(spec)
		if ok {
			if err != nil || !g.IsValid() {
				t.Errorf("group of %d members: %v", n, err)
			}
			continue
		}
		if paths := planErrorPaths(err); !errors.Is(err, ErrTooMany) || !slices.Equal(paths, []string{"/members"}) {
			t.Errorf("group of %d members: %v (paths %q), want ErrTooMany at /members", n, err, paths)
		}
	}
}
