package loyalty

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
)

// PartnerRetention is one partner's retention flags in a period (see
// [PeriodRetention] for the definitions): at most one of Retained,
// Churned, Reactivated and FirstActive is true; New is true when the
// partner enrolled in the period.
type PartnerRetention struct {
	Partner     string `json:"partner"`
	Period      string `json:"period"`
	New         bool   `json:"new"`
	Active      bool   `json:"active"`
	Retained    bool   `json:"retained"`
	Churned     bool   `json:"churned"`
	Reactivated bool   `json:"reactivated"`
	FirstActive bool   `json:"first_active"`
}

// activeIn returns, per period, whether m was active in it.
func activeIn(periods []RetentionPeriod, m Member, mi int) ([]bool, error) {
	active := make([]bool, len(periods))
	for ai, t := range m.Active {
		if t.Before(m.Enrolled) {
			return nil, inputErr(field.At("members", mi, "active", ai), t.Format(time.RFC3339), ErrOrder)
		}
		if k := periodOf(periods, t); k >= 0 {
			active[k] = true
		}
	}
	return active, nil
}

// RetentionOf returns m's retention flags in the named period, with the
// same definitions and checks as [ComputeRetention] (errors at "/periods…",
// "/members/0/…" and "/period" for an unknown period, [ErrUnknown]).
func RetentionOf(periods []RetentionPeriod, m Member, period string) (PartnerRetention, error) {
	if err := checkPeriods(periods); err != nil {
		return PartnerRetention{}, err
	}
	if m.ID == "" {
		return PartnerRetention{}, inputErr("/members/0/id", "", ErrEmpty)
	}
	k := slices.IndexFunc(periods, func(p RetentionPeriod) bool { return p.Name == period })
	if k < 0 {
		return PartnerRetention{}, inputErr("/period", period, ErrUnknown)
	}
	active, err := activeIn(periods, m, 0)
	if err != nil {
		return PartnerRetention{}, err
	}
	r := PartnerRetention{Partner: m.ID, Period: period, New: periodOf(periods, m.Enrolled) == k, Active: active[k]}
	prev := k > 0 && active[k-1]
	switch {
	case r.Active && prev:
		r.Retained = true
	case r.Active && slices.Contains(active[:k], true):
		r.Reactivated = true
	case r.Active:
		r.FirstActive = true
	case prev:
		r.Churned = true
	}
	return r, nil
}

// status returns the English word of the flags.
func (r PartnerRetention) status() string {
	switch {
	case r.Retained:
		return "retained"
	case r.Reactivated:
		return "reactivated"
	case r.FirstActive:
		return "active for the first time"
	case r.Churned:
		return "churned"
	}
	return "inactive"
}

// ScorecardInput gathers, for one partner and one period, the figures
// the package's other functions computed: its [Score] (from
// [Scorer.Score] at the period's end), its [Standing] (from
// [Ladder.Walk]), the period's [Board] (from [Leaderboard]; a partner
// not on it has no rank), its [PartnerRetention] (from [RetentionOf])
// and its [PartnerLeads] (from [LeadMetrics.Find]; the zero value when
// no lead was assigned to it).
type ScorecardInput struct {
	Partner   string           `json:"partner"`
	Period    string           `json:"period"`
	Score     Score            `json:"score"`
	Standing  Standing         `json:"standing"`
	Board     Board            `json:"board"`
	Retention PartnerRetention `json:"retention"`
	Leads     PartnerLeads     `json:"leads"`
}

// Scorecard is a partner's quarterly (or other period's) scorecard: one
// value for a PRM to render, with its JSON form and an English summary.
type Scorecard struct {
	Partner string `json:"partner"`
	Period  string `json:"period"`
	// Score, Band and Pillars are the rolling engagement score.
	Score   decimal.Decimal `json:"score"`
	Band    string          `json:"band"`
	Pillars []PillarScore   `json:"pillars"`
	// Level, AtRisk, Risks, Next and Gaps are the ladder standing.
	Level  string      `json:"level"`
	AtRisk bool        `json:"at_risk"`
	Risks  []Shortfall `json:"risks,omitzero"`
	Next   string      `json:"next,omitzero"`
	Gaps   []Shortfall `json:"gaps,omitzero"`
	// Rank, Percentile and Movement are the partner's row on the board
	// (Rank 0 when it is not on it); Population is the board's.
	Rank       int              `json:"rank"`
	Population int              `json:"population"`
	Percentile decimal.Decimal  `json:"percentile"`
	Movement   int              `json:"movement"`
	NewOnBoard bool             `json:"new_on_board"`
	Retention  PartnerRetention `json:"retention"`
	Leads      PartnerLeads     `json:"leads"`
	// Summary says it in one English sentence.
	Summary string `json:"summary"`
}

// Equal reports whether s and o are the same scorecard.
func (s Scorecard) Equal(o Scorecard) bool {
	return s.Partner == o.Partner && s.Period == o.Period && s.Score.Equal(o.Score) && s.Band == o.Band &&
		slices.EqualFunc(s.Pillars, o.Pillars, PillarScore.Equal) && s.Level == o.Level && s.AtRisk == o.AtRisk &&
		slices.EqualFunc(s.Risks, o.Risks, Shortfall.Equal) && s.Next == o.Next && slices.EqualFunc(s.Gaps, o.Gaps, Shortfall.Equal) &&
		s.Rank == o.Rank && s.Population == o.Population && s.Percentile.Equal(o.Percentile) && s.Movement == o.Movement &&
		s.NewOnBoard == o.NewOnBoard && s.Retention == o.Retention && s.Leads == o.Leads && s.Summary == o.Summary
}

// NewScorecard gathers in into a scorecard. Every part must be the
// partner's: Score.Partner, Retention.Partner and, when set,
// Leads.Partner must equal Partner ([ErrInvalid] at "/score/partner",
// "/retention/partner", "/leads/partner"), Retention.Period must equal
// Period ("/retention/period"), and Partner and Period are required
// ([ErrEmpty]).
func NewScorecard(in ScorecardInput) (Scorecard, error) {
	switch {
	case in.Partner == "":
		return Scorecard{}, inputErr("/partner", "", ErrEmpty)
	case in.Period == "":
		return Scorecard{}, inputErr("/period", "", ErrEmpty)
	case in.Score.Partner != in.Partner:
		return Scorecard{}, inputErr("/score/partner", in.Score.Partner, ErrInvalid)
	case in.Retention.Partner != in.Partner:
		return Scorecard{}, inputErr("/retention/partner", in.Retention.Partner, ErrInvalid)
	case in.Retention.Period != in.Period:
		return Scorecard{}, inputErr("/retention/period", in.Retention.Period, ErrInvalid)
	case in.Leads.Partner != "" && in.Leads.Partner != in.Partner:
		return Scorecard{}, inputErr("/leads/partner", in.Leads.Partner, ErrInvalid)
	}
	e, st := in.Score.Rolling, in.Standing
	c := Scorecard{
		Partner: in.Partner, Period: in.Period, Score: e.Score, Band: e.Band, Pillars: slices.Clone(e.Pillars),
		Level: st.Level, AtRisk: st.AtRisk, Risks: slices.Clone(st.Risks), Next: st.Next, Gaps: slices.Clone(st.Gaps),
		Population: in.Board.Population, Retention: in.Retention, Leads: in.Leads,
	}
	c.Leads.Partner = in.Partner
	if i := slices.IndexFunc(in.Board.Rows, func(r BoardRow) bool { return r.ID == in.Partner }); i >= 0 {
		r := in.Board.Rows[i]
		c.Rank, c.Percentile, c.Movement, c.NewOnBoard = r.Rank, r.Percentile, r.Movement, r.PreviousRank == 0
	}
	c.Summary = c.summary()
	return c, nil
}

// summary writes the scorecard's sentence, for example "acme in
// 2025-Q1: engagement score 40.38 (amber); level silver, 2 criteria
// short of gold; rank 1 of 3 (new on the board); retained; 2 of 3
// leads accepted, median 3h0m0s to accept, 1 SLA breach."
func (c Scorecard) summary() string {
	var b strings.Builder
	b.WriteString(c.Partner + " in " + c.Period + ": engagement score " + c.Score.String() + " (" + c.Band + "); level " + c.Level)
	switch {
	case c.AtRisk:
		reasons := make([]string, len(c.Risks))
		for i, r := range c.Risks {
			reasons[i] = r.Reason
		}
		b.WriteString(", at risk (" + strings.Join(reasons, "; ") + ")")
	case c.Next != "":
		b.WriteString(", " + plural(len(c.Gaps), "criterion", "criteria") + " short of " + c.Next)
	default:
		b.WriteString(", the top level")
	}
	if c.Rank > 0 {
		b.WriteString("; rank " + strconv.Itoa(c.Rank) + " of " + strconv.Itoa(c.Population))
		switch {
		case c.NewOnBoard:
			b.WriteString(" (new on the board)")
		case c.Movement > 0:
			b.WriteString(" (up " + strconv.Itoa(c.Movement) + ")")
		case c.Movement < 0:
			b.WriteString(" (down " + strconv.Itoa(-c.Movement) + ")")
		default:
			b.WriteString(" (unchanged)")
		}
	} else {
		b.WriteString("; not on the board")
	}
	b.WriteString("; " + c.Retention.status())
	l := c.Leads
	if l.Assigned == 0 {
		b.WriteString("; no leads assigned.")
		return b.String()
	}
	b.WriteString("; " + strconv.Itoa(l.Accepted) + " of " + plural(l.Assigned, "lead", "leads") + " accepted")
	if l.ToAccept.Count > 0 {
		b.WriteString(", median " + l.ToAccept.Median.String() + " to accept")
	}
	b.WriteString(", " + plural(l.AnswerBreaches+l.ActionBreaches, "SLA breach", "SLA breaches") + ".")
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// durationsJSON is the JSON form of Durations: durations as Go duration
// strings ("1h30m0s").
type durationsJSON struct {
	Count  int    `json:"count"`
	Median string `json:"median"`
	P75    string `json:"p75"`
	P90    string `json:"p90"`
	Max    string `json:"max"`
}

// MarshalJSON writes the durations as Go duration strings ("1h30m0s").
func (d Durations) MarshalJSON() ([]byte, error) {
	return json.Marshal(durationsJSON{Count: d.Count, Median: d.Median.String(), P75: d.P75.String(), P90: d.P90.String(), Max: d.Max.String()})
}

// UnmarshalJSON reads the form MarshalJSON writes; on error d is
// unchanged.
func (d *Durations) UnmarshalJSON(data []byte) error {
	var j durationsJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return inputErr("", "", ErrInvalid)
	}
	var out Durations
	out.Count = j.Count
	for _, f := range []struct {
		name string
		s    string
		dst  *time.Duration
	}{{"median", j.Median, &out.Median}, {"p75", j.P75, &out.P75}, {"p90", j.P90, &out.P90}, {"max", j.Max, &out.Max}} {
		v, err := time.ParseDuration(f.s)
		if err != nil {
			return inputErr("/"+f.name, f.s, ErrInvalid)
		}
		*f.dst = v
	}
	*d = out
	return nil
}
