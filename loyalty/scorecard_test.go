package loyalty_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/loyalty"
)

// scorecardInput is acme's 2025-Q1 scorecard input:
//   - score: the worked scorer on 1 April (see ExampleScorer_Score):
//     40.38, amber, training 19.54 + deals 7.50 + portal 13.34;
//   - ladder: 52 in January promotes to silver (50), 45 in March keeps
//     it (retain 40); gold needs score 75 (45: 30 short) and revenue
//     100000 (30000: 70000 short);
//   - board: acme 40.38, bolt 33.33, core 13.33 → rank 1; the previous
//     board had bolt 50, acme 40, core 10 → acme was 2nd: up 1;
//     percentile (2 below + 1/2) / 3 = 0.8333…;
//   - retention: active in 2024-Q4 and 2025-Q1: retained;
//   - leads (SLA 24 h to answer, 72 h to act): accepted after 1 h, 3 h
//     and 30 h (1 answer breach), one rejected after 2 h; the first acted
//     on after 50 h, the other two never (2 action breaches). To accept
//     1 h, 3 h, 30 h: median 3 h, P75 = P90 = rank 3 = 30 h.
func scorecardInput(t *testing.T) loyalty.ScorecardInput {
	at := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	scores, err := loyalty.MustParseScorer(scorerDoc).Score(workedPartners(), at)
	if err != nil {
		t.Fatal(err)
	}
	score, _ := scores.Find("acme")
	standing, err := loyalty.MustParseLadder(ladderDoc).Walk([]loyalty.Snapshot{snap("2025-01-31", "52", "20000"), snap("2025-03-31", "45", "30000")})
	if err != nil {
		t.Fatal(err)
	}
	board, err := loyalty.Leaderboard(scores.RankEntries(false), []loyalty.RankEntry{{ID: "bolt", Value: d("50")}, {ID: "acme", Value: d("40")}, {ID: "core", Value: d("10")}}, loyalty.BoardQuery{Top: 3})
	if err != nil {
		t.Fatal(err)
	}
	periods := []loyalty.RetentionPeriod{
		{Name: "2024-Q4", Start: day("2024-10-01"), End: day("2025-01-01")},
		{Name: "2025-Q1", Start: day("2025-01-01"), End: day("2025-04-01")},
	}
	ret, err := loyalty.RetentionOf(periods, loyalty.Member{ID: "acme", Enrolled: day("2024-05-01"), Active: []time.Time{day("2024-11-15"), day("2025-03-02")}}, "2025-Q1")
	if err != nil {
		t.Fatal(err)
	}
	t0 := day("2025-03-03")
	rec := func(id string, status dealreg.LeadStatus, after time.Duration) dealreg.LeadRecord {
		return dealreg.LeadRecord{Lead: dealreg.Lead{ID: id, Source: "web"}, Partner: "acme", Class: dealreg.NewPartner, Status: status, AssignedAt: t0, RespondedAt: t0.Add(after)}
	}
	lm, err := loyalty.ComputeLeadMetrics([]loyalty.LeadEngagement{
		{Record: rec("L1", dealreg.LeadAccepted, hours(1)), FirstAction: t0.Add(hours(50))},
		{Record: rec("L2", dealreg.LeadAccepted, hours(3))},
		{Record: rec("L3", dealreg.LeadAccepted, hours(30))},
		{Record: rec("L4", dealreg.LeadRejected, hours(2))},
	}, nil, leadSLA, at)
	if err != nil {
		t.Fatal(err)
	}
	leads, _ := lm.Find("acme")
	return loyalty.ScorecardInput{Partner: "acme", Period: "2025-Q1", Score: score, Standing: standing, Board: board, Retention: ret, Leads: leads}
}

func TestScorecardGolden(t *testing.T) {
	got, err := loyalty.NewScorecard(scorecardInput(t))
	if err != nil {
		t.Fatal(err)
	}
	want := loyalty.Scorecard{
		Partner: "acme", Period: "2025-Q1", Score: d("40.38"), Band: "amber",
		Level: "silver", Next: "gold",
		Gaps: []loyalty.Shortfall{
			{Level: "gold", Metric: "score", Value: d("45"), Threshold: d("75"), Gap: d("30"), Reason: "score 45 is 30 below the 75 needed to reach gold"},
			{Level: "gold", Metric: "revenue", Value: d("30000"), Threshold: d("100000"), Gap: d("70000"), Reason: "revenue 30000 is 70000 below the 100000 needed to reach gold"},
		},
		Rank: 1, Population: 3, Percentile: d("0.8333"), Movement: 1,
		Retention: loyalty.PartnerRetention{Partner: "acme", Period: "2025-Q1", Active: true, Retained: true},
		Leads: loyalty.PartnerLeads{Partner: "acme", Assigned: 4, Accepted: 3, Rejected: 1, AnswerBreaches: 1, ActionBreaches: 2,
			ToAccept: loyalty.Durations{Count: 3, Median: hours(3), P75: hours(30), P90: hours(30), Max: hours(30)},
			ToAction: loyalty.Durations{Count: 1, Median: hours(50), P75: hours(50), P90: hours(50), Max: hours(50)}},
		Summary: "acme in 2025-Q1: engagement score 40.38 (amber); level silver, 2 criteria short of gold; rank 1 of 3 (up 1); retained; 3 of 4 leads accepted, median 3h0m0s to accept, 3 SLA breaches.",
	}
	pillars := []struct{ name, points string }{{"training", "19.54"}, {"deals", "7.50"}, {"portal", "13.34"}}
	if len(got.Pillars) != len(pillars) {
		t.Fatalf("pillars: %+v", got.Pillars)
	}
	for i, p := range pillars {
		if got.Pillars[i].Pillar != p.name || !got.Pillars[i].Points.Equal(d(p.points)) {
			t.Errorf("pillar %d: got %s %s, want %s %s", i, got.Pillars[i].Pillar, got.Pillars[i].Points, p.name, p.points)
		}
	}
	want.Pillars = got.Pillars // checked above by name and points
	if !got.Equal(want) {
		t.Errorf("scorecard (-want +got):\n%s", cmp.Diff(fmt.Sprintf("%+v", want), fmt.Sprintf("%+v", got)))
	}
	// The JSON form is snake_case and reads back to an equal scorecard.
	data, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var back loyalty.Scorecard
	if err := json.Unmarshal(data, &back); err != nil || !back.Equal(got) {
		t.Errorf("round trip: %v\n%s", err, data)
	}
	var members map[string]json.RawMessage
	_ = json.Unmarshal(data, &members)
	for _, k := range []string{"partner", "at_risk", "new_on_board", "summary"} {
		if _, ok := members[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, data)
		}
	}
	if string(members["leads"]) == "" || !json.Valid(members["leads"]) {
		t.Errorf("leads: %s", members["leads"])
	}
}

func TestScorecardErrors(t *testing.T) {
	base := scorecardInput(t)
	for _, tc := range []struct {
		edit func(*loyalty.ScorecardInput)
		path string
		want error
	}{
		{func(in *loyalty.ScorecardInput) { in.Partner = "" }, "/partner", loyalty.ErrEmpty},
		{func(in *loyalty.ScorecardInput) { in.Period = "" }, "/period", loyalty.ErrEmpty},
		{func(in *loyalty.ScorecardInput) { in.Score.Partner = "bolt" }, "/score/partner", loyalty.ErrInvalid},
		{func(in *loyalty.ScorecardInput) { in.Retention.Partner = "bolt" }, "/retention/partner", loyalty.ErrInvalid},
		{func(in *loyalty.ScorecardInput) { in.Retention.Period = "2024-Q4" }, "/retention/period", loyalty.ErrInvalid},
		{func(in *loyalty.ScorecardInput) { in.Leads.Partner = "bolt" }, "/leads/partner", loyalty.ErrInvalid},
	} {
		in := base
		tc.edit(&in)
		_, err := loyalty.NewScorecard(in)
		checkInputErr(t, err, tc.path, tc.want)
	}
}

// TestRetentionOf checks each flag against the worked population of
// TestRetentionGolden: b churns in Q2 and is reactivated in Q3, e is
// active for the first time in Q3, g is new in Q2.
func TestRetentionOf(t *testing.T) {
	ms := retentionMembers()
	find := func(id string) loyalty.Member {
		for _, m := range ms {
			if m.ID == id {
				return m
			}
		}
		t.Fatal(id)
		return loyalty.Member{}
	}
	for _, tc := range []struct {
		id, period string
		want       loyalty.PartnerRetention
	}{
		{"b", "2025-Q1", loyalty.PartnerRetention{New: true, Active: true, FirstActive: true}},
		{"b", "2025-Q2", loyalty.PartnerRetention{Churned: true}},
		{"b", "2025-Q3", loyalty.PartnerRetention{Active: true, Reactivated: true}},
		{"e", "2025-Q3", loyalty.PartnerRetention{Active: true, FirstActive: true}},
		{"g", "2025-Q2", loyalty.PartnerRetention{New: true, Active: true, FirstActive: true}},
		{"a", "2025-Q2", loyalty.PartnerRetention{Active: true, Retained: true}},
		{"e", "2025-Q2", loyalty.PartnerRetention{New: true}},
	} {
		tc.want.Partner, tc.want.Period = tc.id, tc.period
		got, err := loyalty.RetentionOf(quarters2025(), find(tc.id), tc.period)
		if err != nil || got != tc.want {
			t.Errorf("%s %s: got %+v, %v; want %+v", tc.id, tc.period, got, err, tc.want)
		}
	}
	if _, err := loyalty.RetentionOf(quarters2025(), find("a"), "2030-Q1"); !errors.Is(err, loyalty.ErrUnknown) {
		t.Errorf("unknown period: %v", err)
	}
}
