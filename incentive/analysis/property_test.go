package analysis_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/tier"
)

// TestLintAgainstPayouts checks the schedule rules of random all-units
// plans (lower-inclusive, with flat fees, sometimes a cap) against an
// independent reference that only calls tier.Schedule.Payout: inside tier
// j−1 the payout is affine, so its limit at the next bound b is
// P(x1) + 2·(P(x2) − P(x1)) with x1 the tier's lower bound and x2 the
// midpoint to b; the payout on entering tier j is P(b). Then
//
//	negative-marginal at j  ⇔ P(b) < limit
//	cliff at j              ⇔ P(b) − limit ≥ T (no cap)
//	unreachable-tier at j   ⇔ j is the first tier with P(b) ≥ cap
func TestLintAgainstPayouts(t *testing.T) {
	const threshold = "500"
	l := analysis.MustParseLinter(`{"cliff_jump": "` + threshold + `", "disable": ["exposure"]}`)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "tiers")
		var tiers []string
		var spec tier.Spec
		spec.Mode, spec.Boundary = tier.AllUnits, tier.LowerInclusive
		from := int64(0)
		for i := range n {
			if i > 0 {
				from += rapid.Int64Range(1, 200_000).Draw(t, "gap")
			}
			rate := rapid.Int64Range(0, 800).Draw(t, "rate bp")
			flat := rapid.Int64Range(0, 3).Draw(t, "flat") * 400
			tiers = append(tiers, fmt.Sprintf(`{"from": "%d", "rate": "%dbp", "flat": "%d"}`, from, rate, flat))
		}
		capDoc := ""
		var capAmt decimal.Decimal
		hasCap := rapid.Bool().Draw(t, "cap?")
		if hasCap {
			capAmt = decimal.NewFromInt(rapid.Int64Range(1, 20_000).Draw(t, "cap"))
			capDoc = `"cap": "` + capAmt.String() + `",`
		}
		doc := `{"id": "p", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
			{"id": "c", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue", ` + capDoc + `
			 "schedule": {"mode": "all-units", "boundary": "lower-inclusive", "tiers": [` + strings.Join(tiers, ",") + `]}}]}`
		p, err := incentive.ParsePlan([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		s, err := tier.New(p.Spec().Components[0].Schedule)
		if err != nil {
			t.Fatal(err)
		}
		r, err := l.Lint(p)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, f := range r.Findings {
			got[f.Check.String()+" "+f.Path] = true
		}
		want := map[string]bool{}
		ts := p.Spec().Components[0].Schedule.Tiers
		unreachable := -1
		two := decimal.NewFromInt(2)
		for j := 1; j < n; j++ {
			x1, b := ts[j-1].From, ts[j].From
			x2 := x1.Add(b).Mul(decimal.New(5, -1)) // the midpoint, exactly
			limit := s.Payout(x1).Add(s.Payout(x2).Sub(s.Payout(x1)).Mul(two))
			at := s.Payout(b)
			path := "/components/0/schedule/tiers/" + strconv.Itoa(j)
			if hasCap && unreachable < 0 && at.Cmp(capAmt) >= 0 {
				unreachable = j
				want["unreachable-tier "+path] = true
			}
			switch {
			case at.Cmp(limit) < 0:
				want["negative-marginal "+path] = true
			case !hasCap && at.Sub(limit).Cmp(d(threshold)) >= 0:
				want["cliff "+path] = true
			}
		}
		for k := range want {
			if !got[k] {
				t.Errorf("missing %s in %v", k, got)
			}
		}
		for k := range got {
			if !want[k] && (!hasCap || !strings.HasPrefix(k, "cliff ")) {
				t.Errorf("unexpected %s (want %v)", k, want)
			}
		}
	})
}
