package loyalty_test

import (
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/internal/equaltest"
	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/money"
)

type eqF[T any] = equaltest.Field[T]

var eqT0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func rt(s string) money.Rate { return money.RateFromFraction(d(s)) }

// TestEqualMethodsSpecs covers the open forms and their parts.
func TestEqualMethodsSpecs(t *testing.T) {
	equaltest.Check(t, loyalty.Metric{Name: "m", Value: d("1.5")}, []eqF[loyalty.Metric]{
		{Name: "Name", Change: func(m loyalty.Metric) loyalty.Metric { m.Name = "n"; return m }},
		{Name: "Value", Change: func(m loyalty.Metric) loyalty.Metric { m.Value = d("1.6"); return m }},
		// 1.5 and 1.50 are the same figure.
		{Name: "Value", KeepsEqual: true, Change: func(m loyalty.Metric) loyalty.Metric { m.Value = d("1.50"); return m }},
	})
	equaltest.Check(t, loyalty.BandSpec{Name: "b", From: d("40")}, []eqF[loyalty.BandSpec]{
		{Name: "Name", Change: func(b loyalty.BandSpec) loyalty.BandSpec { b.Name = "c"; return b }},
		{Name: "From", Change: func(b loyalty.BandSpec) loyalty.BandSpec { b.From = d("41"); return b }},
	})
	crit := loyalty.CriterionSpec{Metric: "score", Promote: d("75"), Retain: d("65")}
	equaltest.Check(t, crit, []eqF[loyalty.CriterionSpec]{
		{Name: "Metric", Change: func(c loyalty.CriterionSpec) loyalty.CriterionSpec { c.Metric = "x"; return c }},
		{Name: "Promote", Change: func(c loyalty.CriterionSpec) loyalty.CriterionSpec { c.Promote = d("76"); return c }},
		{Name: "Retain", Change: func(c loyalty.CriterionSpec) loyalty.CriterionSpec { c.Retain = d("64"); return c }},
	})
	level := loyalty.LevelSpec{Name: "gold", Criteria: []loyalty.CriterionSpec{crit}}
	equaltest.Check(t, level, []eqF[loyalty.LevelSpec]{
		{Name: "Name", Change: func(l loyalty.LevelSpec) loyalty.LevelSpec { l.Name = "silver"; return l }},
		{Name: "Criteria", Change: func(l loyalty.LevelSpec) loyalty.LevelSpec { l.Criteria = nil; return l }},
	})
	equaltest.Check(t, loyalty.LadderSpec{GraceDays: 60, Levels: []loyalty.LevelSpec{{Name: "entry"}, level}}, []eqF[loyalty.LadderSpec]{
		{Name: "GraceDays", Change: func(l loyalty.LadderSpec) loyalty.LadderSpec { l.GraceDays = 61; return l }},
		{Name: "Levels", Change: func(l loyalty.LadderSpec) loyalty.LadderSpec { l.Levels = l.Levels[:1]; return l }},
	})
	equaltest.Check(t, loyalty.Adjustment{Pillar: "p", Points: d("2"), Reason: "r", Effective: eqT0}, []eqF[loyalty.Adjustment]{
		{Name: "Pillar", Change: func(a loyalty.Adjustment) loyalty.Adjustment { a.Pillar = "q"; return a }},
		{Name: "Points", Change: func(a loyalty.Adjustment) loyalty.Adjustment { a.Points = d("-2"); return a }},
		{Name: "Reason", Change: func(a loyalty.Adjustment) loyalty.Adjustment { a.Reason = "s"; return a }},
		{Name: "Effective", Change: func(a loyalty.Adjustment) loyalty.Adjustment { a.Effective = later(a.Effective); return a }},
	})
	act := loyalty.ActivitySpec{Kind: "k", Pillar: "p", Points: d("1"), Cap: 2, CapWindow: loyalty.PerMonth}
	equaltest.Check(t, act, []eqF[loyalty.ActivitySpec]{
		{Name: "Kind", Change: func(a loyalty.ActivitySpec) loyalty.ActivitySpec { a.Kind = "j"; return a }},
		{Name: "Pillar", Change: func(a loyalty.ActivitySpec) loyalty.ActivitySpec { a.Pillar = "q"; return a }},
		{Name: "Points", Change: func(a loyalty.ActivitySpec) loyalty.ActivitySpec { a.Points = d("1.1"); return a }},
		{Name: "Cap", Change: func(a loyalty.ActivitySpec) loyalty.ActivitySpec { a.Cap = 3; return a }},
		{Name: "CapWindow", Change: func(a loyalty.ActivitySpec) loyalty.ActivitySpec { a.CapWindow = loyalty.PerWeek; return a }},
	})
	pillar := loyalty.PillarSpec{Name: "p", Weight: rt("1"), Normalisation: loyalty.FixedTarget, Target: d("10"), PerSize: true}
	equaltest.Check(t, pillar, []eqF[loyalty.PillarSpec]{
		{Name: "Name", Change: func(p loyalty.PillarSpec) loyalty.PillarSpec { p.Name = "q"; return p }},
		{Name: "Weight", Change: func(p loyalty.PillarSpec) loyalty.PillarSpec { p.Weight = rt("0.5"); return p }},
		{Name: "Normalisation", Change: func(p loyalty.PillarSpec) loyalty.PillarSpec { p.Normalisation = loyalty.MinMax; return p }},
		{Name: "Target", Change: func(p loyalty.PillarSpec) loyalty.PillarSpec { p.Target = d("11"); return p }},
		{Name: "PerSize", Change: func(p loyalty.PillarSpec) loyalty.PillarSpec { p.PerSize = false; return p }},
	})
	spec := loyalty.ScorerSpec{ScorePlaces: 2, PointPlaces: 4, HalfLifeDays: 30, WindowDays: 90, Pillars: []loyalty.PillarSpec{pillar},
		Activities: []loyalty.ActivitySpec{act}, Bands: []loyalty.BandSpec{{Name: "all", From: d("0")}}}
	equaltest.Check(t, spec, []eqF[loyalty.ScorerSpec]{
		{Name: "ScorePlaces", Change: func(s loyalty.ScorerSpec) loyalty.ScorerSpec { s.ScorePlaces = 1; return s }},
		{Name: "PointPlaces", Change: func(s loyalty.ScorerSpec) loyalty.ScorerSpec { s.PointPlaces = 3; return s }},
		{Name: "HalfLifeDays", Change: func(s loyalty.ScorerSpec) loyalty.ScorerSpec { s.HalfLifeDays = 0; return s }},
		{Name: "WindowDays", Change: func(s loyalty.ScorerSpec) loyalty.ScorerSpec { s.WindowDays = 91; return s }},
		{Name: "Pillars", Change: func(s loyalty.ScorerSpec) loyalty.ScorerSpec { s.Pillars = nil; return s }},
		{Name: "Activities", Change: func(s loyalty.ScorerSpec) loyalty.ScorerSpec { s.Activities = nil; return s }},
		{Name: "Bands", Change: func(s loyalty.ScorerSpec) loyalty.ScorerSpec { s.Bands = nil; return s }},
	})
}

func later(t time.Time) time.Time { return t.Add(time.Nanosecond) }

// TestEqualMethodsResults covers the results of scoring, walking, ranking
// and pruning.
func TestEqualMethodsResults(t *testing.T) {
	ps := loyalty.PillarScore{Pillar: "p", Raw: d("2"), Normalised: d("0.5"), Weight: rt("1"), Points: d("50")}
	equaltest.Check(t, ps, []eqF[loyalty.PillarScore]{
		{Name: "Pillar", Change: func(p loyalty.PillarScore) loyalty.PillarScore { p.Pillar = "q"; return p }},
		{Name: "Raw", Change: func(p loyalty.PillarScore) loyalty.PillarScore { p.Raw = d("3"); return p }},
		{Name: "Normalised", Change: func(p loyalty.PillarScore) loyalty.PillarScore { p.Normalised = d("0.6"); return p }},
		{Name: "Weight", Change: func(p loyalty.PillarScore) loyalty.PillarScore { p.Weight = rt("0.5"); return p }},
		{Name: "Points", Change: func(p loyalty.PillarScore) loyalty.PillarScore { p.Points = d("51"); return p }},
	})
	eng := loyalty.Engagement{Score: d("50"), Exact: d("50"), Band: "amber", Pillars: []loyalty.PillarScore{ps}}
	equaltest.Check(t, eng, []eqF[loyalty.Engagement]{
		{Name: "Score", Change: func(e loyalty.Engagement) loyalty.Engagement { e.Score = d("51"); return e }},
		{Name: "Exact", Change: func(e loyalty.Engagement) loyalty.Engagement { e.Exact = d("50.001"); return e }},
		{Name: "Band", Change: func(e loyalty.Engagement) loyalty.Engagement { e.Band = "red"; return e }},
		{Name: "Pillars", Change: func(e loyalty.Engagement) loyalty.Engagement { e.Pillars = nil; return e }},
	})
	adj := loyalty.Adjustment{Pillar: "p", Points: d("2"), Reason: "r", Effective: eqT0}
	equaltest.Check(t, loyalty.Score{Partner: "a", Segment: "s", Rolling: eng, Lifetime: eng, Adjustments: []loyalty.Adjustment{adj}}, []eqF[loyalty.Score]{
		{Name: "Partner", Change: func(s loyalty.Score) loyalty.Score { s.Partner = "b"; return s }},
		{Name: "Segment", Change: func(s loyalty.Score) loyalty.Score { s.Segment = "t"; return s }},
		{Name: "Rolling", Change: func(s loyalty.Score) loyalty.Score { s.Rolling.Band = "red"; return s }},
		{Name: "Lifetime", Change: func(s loyalty.Score) loyalty.Score { s.Lifetime.Band = "red"; return s }},
		{Name: "Adjustments", Change: func(s loyalty.Score) loyalty.Score { s.Adjustments = nil; return s }},
	})
	sf := loyalty.Shortfall{Level: "gold", Metric: "score", Value: d("60"), Threshold: d("65"), Gap: d("5"), Reason: "r"}
	equaltest.Check(t, sf, []eqF[loyalty.Shortfall]{
		{Name: "Level", Change: func(s loyalty.Shortfall) loyalty.Shortfall { s.Level = "silver"; return s }},
		{Name: "Metric", Change: func(s loyalty.Shortfall) loyalty.Shortfall { s.Metric = "revenue"; return s }},
		{Name: "Value", Change: func(s loyalty.Shortfall) loyalty.Shortfall { s.Value = d("61"); return s }},
		{Name: "Threshold", Change: func(s loyalty.Shortfall) loyalty.Shortfall { s.Threshold = d("66"); return s }},
		{Name: "Gap", Change: func(s loyalty.Shortfall) loyalty.Shortfall { s.Gap = d("6"); return s }},
		{Name: "Reason", Change: func(s loyalty.Shortfall) loyalty.Shortfall { s.Reason = "q"; return s }},
	})
	st := loyalty.Standing{Level: "gold", Since: eqT0, AtRisk: true, BelowSince: eqT0, DemotionDue: eqT0, Risks: []loyalty.Shortfall{sf},
		Next: "platinum", Gaps: []loyalty.Shortfall{sf}, Changes: []loyalty.LevelChange{{At: eqT0, From: "silver", To: "gold"}}}
	equaltest.Check(t, st, []eqF[loyalty.Standing]{
		{Name: "Level", Change: func(s loyalty.Standing) loyalty.Standing { s.Level = "silver"; return s }},
		{Name: "Since", Change: func(s loyalty.Standing) loyalty.Standing { s.Since = later(s.Since); return s }},
		{Name: "AtRisk", Change: func(s loyalty.Standing) loyalty.Standing { s.AtRisk = false; return s }},
		{Name: "BelowSince", Change: func(s loyalty.Standing) loyalty.Standing { s.BelowSince = later(s.BelowSince); return s }},
		{Name: "DemotionDue", Change: func(s loyalty.Standing) loyalty.Standing { s.DemotionDue = later(s.DemotionDue); return s }},
		{Name: "Risks", Change: func(s loyalty.Standing) loyalty.Standing { s.Risks = nil; return s }},
		{Name: "Next", Change: func(s loyalty.Standing) loyalty.Standing { s.Next = ""; return s }},
		{Name: "Gaps", Change: func(s loyalty.Standing) loyalty.Standing { s.Gaps = nil; return s }},
		{Name: "Changes", Change: func(s loyalty.Standing) loyalty.Standing {
			s.Changes = []loyalty.LevelChange{{At: eqT0, From: "silver", To: "x"}}
			return s
		}},
	})
	row := loyalty.BoardRow{Rank: 1, ID: "a", Value: d("50"), Percentile: d("0.75"), PreviousRank: 2, Movement: 1}
	equaltest.Check(t, row, []eqF[loyalty.BoardRow]{
		{Name: "Rank", Change: func(r loyalty.BoardRow) loyalty.BoardRow { r.Rank = 2; return r }},
		{Name: "ID", Change: func(r loyalty.BoardRow) loyalty.BoardRow { r.ID = "b"; return r }},
		{Name: "Value", Change: func(r loyalty.BoardRow) loyalty.BoardRow { r.Value = d("51"); return r }},
		{Name: "Percentile", Change: func(r loyalty.BoardRow) loyalty.BoardRow { r.Percentile = d("0.7"); return r }},
		{Name: "PreviousRank", Change: func(r loyalty.BoardRow) loyalty.BoardRow { r.PreviousRank = 3; return r }},
		{Name: "Movement", Change: func(r loyalty.BoardRow) loyalty.BoardRow { r.Movement = 2; return r }},
	})
	equaltest.Check(t, loyalty.Board{Rows: []loyalty.BoardRow{row}, Population: 4}, []eqF[loyalty.Board]{
		{Name: "Rows", Change: func(b loyalty.Board) loyalty.Board { b.Rows = nil; return b }},
		{Name: "Population", Change: func(b loyalty.Board) loyalty.Board { b.Population = 5; return b }},
	})
	equaltest.Check(t, loyalty.Completeness{Score: rt("0.7"), Complete: false, Missing: []string{"a"}, MissingRequired: []string{"a"}}, []eqF[loyalty.Completeness]{
		{Name: "Score", Change: func(c loyalty.Completeness) loyalty.Completeness { c.Score = rt("0.8"); return c }},
		{Name: "Complete", Change: func(c loyalty.Completeness) loyalty.Completeness { c.Complete = true; return c }},
		{Name: "Missing", Change: func(c loyalty.Completeness) loyalty.Completeness { c.Missing = []string{"b"}; return c }},
		{Name: "MissingRequired", Change: func(c loyalty.Completeness) loyalty.Completeness { c.MissingRequired = nil; return c }},
	})
	equaltest.Check(t, loyalty.PruneCandidate{ID: "a", Failed: []loyalty.RuleFailure{{Rule: loyalty.NoRevenue, Reason: "r"}}, RevenueAtStake: money.MustParse("1.00 USD")}, []eqF[loyalty.PruneCandidate]{
		{Name: "ID", Change: func(c loyalty.PruneCandidate) loyalty.PruneCandidate { c.ID = "b"; return c }},
		{Name: "Failed", Change: func(c loyalty.PruneCandidate) loyalty.PruneCandidate { c.Failed = nil; return c }},
		{Name: "RevenueAtStake", Change: func(c loyalty.PruneCandidate) loyalty.PruneCandidate {
			c.RevenueAtStake = money.MustParse("1.01 USD")
			return c
		}},
	})
}

// TestEqualMethodsRetentionLeads covers retention, lead metrics and the
// scorecard.
func TestEqualMethodsRetentionLeads(t *testing.T) {
	usd := money.MustParse
	equaltest.Check(t, loyalty.WalletEntry{Period: "q", Vendor: usd("1.00 USD"), Total: usd("2.00 USD")}, []eqF[loyalty.WalletEntry]{
		{Name: "Period", Change: func(w loyalty.WalletEntry) loyalty.WalletEntry { w.Period = "r"; return w }},
		{Name: "Vendor", Change: func(w loyalty.WalletEntry) loyalty.WalletEntry { w.Vendor = usd("1.01 USD"); return w }},
		{Name: "Total", Change: func(w loyalty.WalletEntry) loyalty.WalletEntry { w.Total = usd("2.01 USD"); return w }},
	})
	cell := loyalty.CohortCell{Period: "q", Active: 1, Rate: rt("0.5")}
	equaltest.Check(t, cell, []eqF[loyalty.CohortCell]{
		{Name: "Period", Change: func(c loyalty.CohortCell) loyalty.CohortCell { c.Period = "r"; return c }},
		{Name: "Active", Change: func(c loyalty.CohortCell) loyalty.CohortCell { c.Active = 2; return c }},
		{Name: "Rate", Change: func(c loyalty.CohortCell) loyalty.CohortCell { c.Rate = rt("1"); return c }},
		// 0.5 and 0.5000 are the same rate.
		{Name: "Rate", KeepsEqual: true, Change: func(c loyalty.CohortCell) loyalty.CohortCell { c.Rate = rt("0.5000"); return c }},
	})
	cohort := loyalty.EnrolmentCohort{Period: "q", Size: 2, Cells: []loyalty.CohortCell{cell}}
	equaltest.Check(t, cohort, []eqF[loyalty.EnrolmentCohort]{
		{Name: "Period", Change: func(c loyalty.EnrolmentCohort) loyalty.EnrolmentCohort { c.Period = "r"; return c }},
		{Name: "Size", Change: func(c loyalty.EnrolmentCohort) loyalty.EnrolmentCohort { c.Size = 3; return c }},
		{Name: "Cells", Change: func(c loyalty.EnrolmentCohort) loyalty.EnrolmentCohort { c.Cells = nil; return c }},
	})
	pr := loyalty.PeriodRetention{Period: "q", Enrolled: 9, Active: 8, Retained: 5, Churned: 1, Reactivated: 2, FirstActive: 1,
		Rate: rt("0.8"), NewBase: 2, NewRetained: 1, NewRate: rt("0.5"), ExistingBase: 4, ExistingRate: rt("1"), WalletPartners: 3, Wallet: rt("0.25")}
	type prF = eqF[loyalty.PeriodRetention]
	pf := func(name string, f func(*loyalty.PeriodRetention)) prF {
		return prF{Name: name, Change: func(p loyalty.PeriodRetention) loyalty.PeriodRetention { f(&p); return p }}
	}
	equaltest.Check(t, pr, []prF{
		pf("Period", func(p *loyalty.PeriodRetention) { p.Period = "r" }),
		pf("Enrolled", func(p *loyalty.PeriodRetention) { p.Enrolled++ }),
		pf("Active", func(p *loyalty.PeriodRetention) { p.Active++ }),
		pf("Retained", func(p *loyalty.PeriodRetention) { p.Retained++ }),
		pf("Churned", func(p *loyalty.PeriodRetention) { p.Churned++ }),
		pf("Reactivated", func(p *loyalty.PeriodRetention) { p.Reactivated++ }),
		pf("FirstActive", func(p *loyalty.PeriodRetention) { p.FirstActive++ }),
		pf("Rate", func(p *loyalty.PeriodRetention) { p.Rate = rt("0.81") }),
		pf("NewBase", func(p *loyalty.PeriodRetention) { p.NewBase++ }),
		pf("NewRetained", func(p *loyalty.PeriodRetention) { p.NewRetained++ }),
		pf("NewRate", func(p *loyalty.PeriodRetention) { p.NewRate = rt("0.51") }),
		pf("ExistingBase", func(p *loyalty.PeriodRetention) { p.ExistingBase++ }),
		pf("ExistingRate", func(p *loyalty.PeriodRetention) { p.ExistingRate = rt("0.99") }),
		pf("WalletPartners", func(p *loyalty.PeriodRetention) { p.WalletPartners++ }),
		pf("Wallet", func(p *loyalty.PeriodRetention) { p.Wallet = rt("0.26") }),
	})
	equaltest.Check(t, loyalty.Retention{Periods: []loyalty.PeriodRetention{pr}, Cohorts: []loyalty.EnrolmentCohort{cohort}}, []eqF[loyalty.Retention]{
		{Name: "Periods", Change: func(r loyalty.Retention) loyalty.Retention { r.Periods = nil; return r }},
		{Name: "Cohorts", Change: func(r loyalty.Retention) loyalty.Retention { r.Cohorts = nil; return r }},
	})
	share := loyalty.SourceShare{Source: loyalty.Influenced, Deals: 1, DealShare: rt("0.5"), Revenue: usd("1.00 USD"), RevenueShare: rt("0.25")}
	equaltest.Check(t, share, []eqF[loyalty.SourceShare]{
		{Name: "Source", Change: func(s loyalty.SourceShare) loyalty.SourceShare { s.Source = loyalty.SourcedByVendor; return s }},
		{Name: "Deals", Change: func(s loyalty.SourceShare) loyalty.SourceShare { s.Deals = 2; return s }},
		{Name: "DealShare", Change: func(s loyalty.SourceShare) loyalty.SourceShare { s.DealShare = rt("0.6"); return s }},
		{Name: "Revenue", Change: func(s loyalty.SourceShare) loyalty.SourceShare { s.Revenue = usd("1.01 USD"); return s }},
		{Name: "RevenueShare", Change: func(s loyalty.SourceShare) loyalty.SourceShare { s.RevenueShare = rt("0.3"); return s }},
	})
	pl := loyalty.PartnerLeads{Partner: "a", Assigned: 1, Accepted: 1, ToAccept: loyalty.Durations{Count: 1, Median: time.Hour, P75: time.Hour, P90: time.Hour, Max: time.Hour}}
	equaltest.Check(t, loyalty.LeadMetrics{Partners: []loyalty.PartnerLeads{pl}, Sourcing: []loyalty.SourceShare{share}}, []eqF[loyalty.LeadMetrics]{
		{Name: "Partners", Change: func(m loyalty.LeadMetrics) loyalty.LeadMetrics {
			m.Partners = []loyalty.PartnerLeads{{Partner: "a"}}
			return m
		}},
		{Name: "Sourcing", Change: func(m loyalty.LeadMetrics) loyalty.LeadMetrics { m.Sourcing = nil; return m }},
	})
	sf := loyalty.Shortfall{Level: "gold", Metric: "score", Value: d("60"), Threshold: d("65"), Gap: d("5"), Reason: "r"}
	card := loyalty.Scorecard{Partner: "a", Period: "q", Score: d("50"), Band: "amber", Pillars: []loyalty.PillarScore{{Pillar: "p", Points: d("50")}},
		Level: "gold", AtRisk: true, Risks: []loyalty.Shortfall{sf}, Next: "platinum", Gaps: []loyalty.Shortfall{sf},
		Rank: 1, Population: 3, Percentile: d("0.8333"), Movement: 1, NewOnBoard: false,
		Retention: loyalty.PartnerRetention{Partner: "a", Period: "q", Active: true, Retained: true}, Leads: pl, Summary: "s"}
	type cF = eqF[loyalty.Scorecard]
	cf := func(name string, f func(*loyalty.Scorecard)) cF {
		return cF{Name: name, Change: func(c loyalty.Scorecard) loyalty.Scorecard { f(&c); return c }}
	}
	equaltest.Check(t, card, []cF{
		cf("Partner", func(c *loyalty.Scorecard) { c.Partner = "b" }),
		cf("Period", func(c *loyalty.Scorecard) { c.Period = "r" }),
		cf("Score", func(c *loyalty.Scorecard) { c.Score = d("51") }),
		cf("Band", func(c *loyalty.Scorecard) { c.Band = "red" }),
		cf("Pillars", func(c *loyalty.Scorecard) { c.Pillars = nil }),
		cf("Level", func(c *loyalty.Scorecard) { c.Level = "silver" }),
		cf("AtRisk", func(c *loyalty.Scorecard) { c.AtRisk = false }),
		cf("Risks", func(c *loyalty.Scorecard) { c.Risks = nil }),
		cf("Next", func(c *loyalty.Scorecard) { c.Next = "" }),
		cf("Gaps", func(c *loyalty.Scorecard) { c.Gaps = nil }),
		cf("Rank", func(c *loyalty.Scorecard) { c.Rank = 2 }),
		cf("Population", func(c *loyalty.Scorecard) { c.Population = 4 }),
		cf("Percentile", func(c *loyalty.Scorecard) { c.Percentile = d("0.8") }),
		cf("Movement", func(c *loyalty.Scorecard) { c.Movement = 0 }),
		cf("NewOnBoard", func(c *loyalty.Scorecard) { c.NewOnBoard = true }),
		cf("Retention", func(c *loyalty.Scorecard) { c.Retention.Churned = true }),
		cf("Leads", func(c *loyalty.Scorecard) { c.Leads.Pending = 1 }),
		cf("Summary", func(c *loyalty.Scorecard) { c.Summary = "t" }),
	})
}

// TestEqualMethodsCompiled: a Scorer or Ladder is equal to another when
// their specs are; every derived field changes only with the spec, so
// each is named with a change of the spec member it derives from.
func TestEqualMethodsCompiled(t *testing.T) {
	scorer := func(edit func(*loyalty.ScorerSpec)) func(loyalty.Scorer) loyalty.Scorer {
		return func(s loyalty.Scorer) loyalty.Scorer {
			spec := s.Spec()
			edit(&spec)
			out, err := loyalty.NewScorer(spec)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	equaltest.Check(t, loyalty.MustParseScorer(scorerDoc), []eqF[loyalty.Scorer]{
		{Name: "spec", Change: scorer(func(s *loyalty.ScorerSpec) { s.WindowDays++ })},
		{Name: "pillars", Change: scorer(func(s *loyalty.ScorerSpec) { s.Pillars[1].Normalisation = loyalty.PercentileRank })},
		{Name: "activities", Change: scorer(func(s *loyalty.ScorerSpec) { s.Activities[2].Points = d("0.6") })},
		{Name: "bands", Change: scorer(func(s *loyalty.ScorerSpec) { s.Bands[0].From = d("71") })},
		{Name: "roots", Change: scorer(func(s *loyalty.ScorerSpec) { s.HalfLifeDays = 31 })},
		{Name: "capped", Change: scorer(func(s *loyalty.ScorerSpec) { s.Activities[0].Cap, s.Activities[0].CapWindow = 0, 0 })},
		{Name: "one", Change: scorer(func(s *loyalty.ScorerSpec) { s.PointPlaces = 5 })},
		{Name: "bySpec", Change: scorer(func(s *loyalty.ScorerSpec) { s.Activities[0], s.Activities[1] = s.Activities[1], s.Activities[0] })},
	})
	ladder := func(edit func(*loyalty.LadderSpec)) func(loyalty.Ladder) loyalty.Ladder {
		return func(l loyalty.Ladder) loyalty.Ladder {
			spec := l.Spec()
			edit(&spec)
			out, err := loyalty.NewLadder(spec)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	equaltest.Check(t, loyalty.MustParseLadder(ladderDoc), []eqF[loyalty.Ladder]{
		{Name: "spec", Change: ladder(func(l *loyalty.LadderSpec) { l.GraceDays++ })},
		{Name: "levels", Change: ladder(func(l *loyalty.LadderSpec) { l.Levels[1].Criteria[0].Retain = d("41") })},
	})
}
