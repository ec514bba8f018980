package analysis_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/incentive/analysis"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

// flatSteps600 is a flat-per-tier schedule paying 0 / 300 / 600 from
// 0 / 1,000 / 2,000: it pays at most 600, first at 2,000.
const flatSteps600 = `{"mode": "flat-per-tier", "boundary": "lower-inclusive", "tiers": [{"from": "0", "amount": "0"}, {"from": "1000", "amount": "300"}, {"from": "2000", "amount": "600"}]}`

// componentExposure lints a one-component plan (see lintComp) and
// returns its component exposure.
func componentExposure(t *testing.T, schedule, extra string) analysis.ComponentExposure {
	t.Helper()
	return lintComp(t, schedule, extra, `{"cliff_jump": "1000"}`).Exposure.Components[0]
}

// exposureFig is a component exposure's maximum, cap flag, reach (written
// at the measure's scale: 2 places for USD revenue, 4 for units) and
// metrics, for comparison.
type exposureFig struct {
	Max     string
	Capped  bool
	Reach   string // "-" without HasReach
	Metrics map[string]string
}

func exposureFigOf(c analysis.ComponentExposure) exposureFig {
	f := exposureFig{Max: c.Max.String(), Capped: c.Capped, Reach: "-"}
	if c.HasReach {
		f.Reach = money.FormatDecimal(c.Reach, 0)
	}
	for _, m := range c.Metrics {
		if f.Metrics == nil {
			f.Metrics = map[string]string{}
		}
		f.Metrics[m.Name] = money.FormatDecimal(m.Value, 0)
	}
	return f
}

// The exposure's Metrics name, for each multiplier that raises the
// payout, the least metric value with its greatest factor, and nothing for
// a multiplier whose bands never exceed 1 (component.go compile: a band
// is taken only when its factor is above the greatest so far). csat
// bands ×0.5 / ×1.5 / ×1.5 from 0 / 2 / 4: ×1.5 first at 2; nps bands
// ×0.8 / ×1 from 0 / 5 never raise the payout. All-units 2 %, cap 300:
// the greatest factor is 1.5 × 1 = 1.5, the cap sets the maximum 300,
// reached at 300 / (2 % × 1.5) = 10,000.
func TestExposureMetricsNameRaisingBands(t *testing.T) {
	c := componentExposure(t, `{"mode": "all-units", "boundary": "lower-inclusive", "tiers": [{"from": "0", "rate": "2%"}]}`,
		`, "cap": "300", "modifiers": [
		  {"kind": "multiplier", "metric": "csat", "bands": [{"from": "0", "factor": "0.5"}, {"from": "2", "factor": "1.5"}, {"from": "4", "factor": "1.5"}]},
		  {"kind": "multiplier", "metric": "nps", "bands": [{"from": "0", "factor": "0.8"}, {"from": "5", "factor": "1"}]}]`)
	want := exposureFig{Max: "300", Capped: true, Reach: "10000.00", Metrics: map[string]string{"metric:csat": "2"}}
	if diff := cmp.Diff(want, exposureFigOf(c)); diff != "" {
		t.Errorf("exposure (-want +got):\n%s", diff)
	}
}

// An accelerator raises the greatest line only when its factor is above
// 1 (exposure.go `factor > 1`): a decelerator ×0.5 pays the schedule's
// max(s, 0.5·s) = s at most, so the flatSteps600 schedule still pays at most
// 600; ×2 pays at most 2 × 600 = 1,200. Both first at 2,000.
func TestExposureAcceleratorFactor(t *testing.T) {
	for _, tc := range []struct {
		factor string
		want   exposureFig
	}{
		{"0.5", exposureFig{Max: "600", Reach: "2000.00"}},
		{"2", exposureFig{Max: "1200", Reach: "2000.00"}},
	} {
		t.Run("factor "+tc.factor, func(t *testing.T) {
			c := componentExposure(t, flatSteps600, `, "modifiers": [{"kind": "accelerator", "factor": "`+tc.factor+`"}]`)
			if diff := cmp.Diff(tc.want, exposureFigOf(c)); diff != "" {
				t.Errorf("exposure (-want +got):\n%s", diff)
			}
		})
	}
}

// A floor raises the maximum only when it is above the schedule's
// (exposure.go `floor > exact`): under the flatSteps600 schedule (at most 600,
// first at 2,000) a floor of 100 or 600 leaves 600; a floor of 800 makes
// the maximum 800.
func TestExposureFloor(t *testing.T) {
	for _, tc := range []struct{ floor, want string }{{"100", "600"}, {"600", "600"}, {"800", "800"}} {
		t.Run("floor "+tc.floor, func(t *testing.T) {
			c := componentExposure(t, flatSteps600, `, "floor": "`+tc.floor+`"`)
			if got := c.Max.String(); got != tc.want || c.Capped {
				t.Errorf("max %s (capped %t), want %s, not capped", got, c.Capped, tc.want)
			}
			if tc.want == "600" && (!c.HasReach || !c.Reach.Equal(d("2000"))) {
				t.Errorf("reach %s (%t), want 2000", c.Reach, c.HasReach)
			}
		})
	}
}

// A component that pays at most 0 has no Reach: reach looks only for a
// positive target (exposure.go `target ≤ 0`). A single flat tier of 0
// pays 0 everywhere: the maximum is 0.
func TestExposureZeroMaximumHasNoReach(t *testing.T) {
	c := componentExposure(t, `{"mode": "flat-per-tier", "boundary": "lower-inclusive", "tiers": [{"from": "0", "amount": "0"}]}`, "")
	if diff := cmp.Diff(exposureFig{Max: "0", Reach: "-"}, exposureFigOf(c)); diff != "" {
		t.Errorf("exposure (-want +got):\n%s", diff)
	}
}

// reach searches volumes up to 2^60 steps of the measure's scale and no
// further (exposure.go `hi >= reachLimit`). A units measure has 4 places,
// so the last volume searched is 2^60 × 10^−4 = 1,152,921,504,606,846,976
// × 10^−4 = 115,292,150,460,684.6976 units. Flat-per-tier 0, then 100
// from that volume: reached there; from one step (0.0001) further: no
// Reach. Both pay at most 100.
func TestExposureReachLimit(t *testing.T) {
	for _, tc := range []struct{ from, reach string }{
		{"115292150460684.6976", "115292150460684.6976"},
		{"115292150460684.6977", "-"},
	} {
		t.Run("from "+tc.from, func(t *testing.T) {
			p := incentive.MustParsePlan(`{"id": "x", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "components": [
			  {"id": "c", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "units",
			   "schedule": {"mode": "flat-per-tier", "boundary": "lower-inclusive", "tiers": [{"from": "0", "amount": "0"}, {"from": "` + tc.from + `", "amount": "100"}]}}]}`)
			r, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).Lint(p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(exposureFig{Max: "100", Reach: tc.reach}, exposureFigOf(r.Exposure.Components[0])); diff != "" {
				t.Errorf("exposure (-want +got):\n%s", diff)
			}
		})
	}
}

// The exposure finding names uncapped components only when there are
// some (exposure.go `len(open) > 0`): a plan whose one partner component
// (the flatSteps600 schedule) pays at most 600, with a budget of 1,000, says so
// and nothing more.
func TestExposureFindingAllBounded(t *testing.T) {
	p := incentive.MustParsePlan(`{"id": "x", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "budget": "1000", "components": [
	  {"id": "c", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue", "schedule": ` + flatSteps600 + `}]}`)
	r, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).Lint(p)
	if err != nil {
		t.Fatal(err)
	}
	const want = "in one period the plan can pay each partner at most 600 USD, each rep nothing, and in total at most 1000 USD"
	if got := ruleMessages(r, analysis.ExposureBound); len(got) != 1 || got[0] != want {
		t.Errorf("exposure messages %q, want %q", got, want)
	}
}

// perPartnerJSON is the part of a report's JSON that gives the per-partner
// bound.
type perPartnerJSON struct {
	Exposure struct {
		PerPartner struct {
			Bounded bool   `json:"bounded"`
			Amount  string `json:"amount"`
		} `json:"per_partner"`
	} `json:"exposure"`
}

// The per-partner exposure is the sum of the component maxima unless the
// recipient cap, counted rounded down to the plan's places, is below it
// (exposure.go `sum > cap`): at or under the cap the report gives the sum
// itself, as the maxima add up. Two partner components, each flat-per-tier
// 0 / 300 from 0 / 1,000, pay at most 300 + 300 = 600 (written "600" in
// the report's JSON). Recipient cap 600.011 counts as 600.01 and 600.001 as 600.00: the
// sum, "600", both times; 599.999 counts as 599.99, below 600: "599.99".
func TestExposureRecipientCapAtSum(t *testing.T) {
	const comp = `{"id": "ID", "version": "1", "effective_from": "2025-01-01", "recipient": "partner", "measure": "revenue",
	  "schedule": {"mode": "flat-per-tier", "boundary": "lower-inclusive", "tiers": [{"from": "0", "amount": "0"}, {"from": "1000", "amount": "300"}]}}`
	for _, tc := range []struct{ capAmt, want string }{{"600.011", "600"}, {"600.001", "600"}, {"599.999", "599.99"}} {
		t.Run("cap "+tc.capAmt, func(t *testing.T) {
			p := incentive.MustParsePlan(`{"id": "x", "version": "1", "currency": "USD", "rounding": "half-even", "places": 2, "recipient_cap": "` + tc.capAmt + `", "components": [` +
				strings.Replace(comp, "ID", "a", 1) + `, ` + strings.Replace(comp, "ID", "b", 1) + `]}`)
			r, err := analysis.MustParseLinter(`{"cliff_jump": "1000"}`).Lint(p)
			if err != nil {
				t.Fatal(err)
			}
			b, err := r.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var got perPartnerJSON
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			if pp := got.Exposure.PerPartner; !pp.Bounded || pp.Amount != tc.want {
				t.Errorf("per partner %+v, want bounded by %s", pp, tc.want)
			}
		})
	}
}

// LintDraft's report is Lint's (without a PlanHash) even for a draft
// whose decimals carry trailing zeros that incentive.NewPlan drops: an
// accelerator of factor 1.0 does not enter the maximum (exposure.go
// `factor > 1`), and a floor of 600.00 equal to the flatSteps600 schedule's
// maximum 600 does not replace it (`floor > exact`), so in both drafts
// the maximum is the schedule's 600 (written "600"), as for the plan.
func TestLintDraftTrailingZerosAsPlan(t *testing.T) {
	stepsSpec := func() incentive.ComponentSpec {
		return incentive.ComponentSpec{
			ID: "c", Version: "1", EffectiveFrom: incentive.MustDate("2025-01-01"),
			Recipient: incentive.RecipientPartner, Measure: incentive.Revenue,
			Schedule: tier.Spec{Mode: tier.FlatPerTier, Boundary: tier.LowerInclusive, Tiers: []tier.Tier{
				{From: d("0"), Amount: d("0")}, {From: d("1000"), Amount: d("300")}, {From: d("2000"), Amount: d("600")}}},
		}
	}
	accel := stepsSpec()
	accel.Modifiers = []incentive.ModifierSpec{{Kind: incentive.Accelerator, Factor: decimal.New(10, -1)}}
	floor := stepsSpec()
	floor.Floor = dp("600.00")
	// Factor "2.0": the top tier's 600 doubled is 1,200, written "1200" by
	// Lint (the plan normalises "2.0" to 2); LintDraft used to lint the
	// draft as written and report "1200.0".
	double := stepsSpec()
	double.Modifiers = []incentive.ModifierSpec{{Kind: incentive.Accelerator, Factor: decimal.New(20, -1)}}
	l := analysis.MustParseLinter(`{"cliff_jump": "1000"}`)
	for _, tc := range []struct {
		name string
		comp incentive.ComponentSpec
		max  string
	}{{"accelerator 1.0", accel, "600"}, {"floor 600.00", floor, "600"}, {"accelerator 2.0", double, "1200"}} {
		t.Run(tc.name, func(t *testing.T) {
			spec := incentive.PlanSpec{ID: "draft", Version: "1", Currency: usd, Rounding: halfEven, Places: 2,
				Components: []incentive.ComponentSpec{tc.comp}}
			rd, err := l.LintDraft(spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := money.FormatDecimal(rd.Exposure.Components[0].Max.Amount, 0); got != tc.max {
				t.Errorf("draft maximum written %s, want %s", got, tc.max)
			}
			rp, err := l.Lint(incentive.MustNewPlan(spec))
			if err != nil {
				t.Fatal(err)
			}
			rp.PlanHash = ""
			jd, err := rd.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			jp, err := rp.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(jd, jp) {
				t.Errorf("LintDraft report\n%s\nLint report\n%s", jd, jp)
			}
		})
	}
}
