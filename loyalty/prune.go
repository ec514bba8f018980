package loyalty

import (
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// PruneRule is one declared rule a productive partner passes. Only the
// member its Kind needs may be set: Periods for NoRevenue (≥ 1), Score
// for ScoreBelow (in [0, 100]), Days for NoRegistration (≥ 1).
type PruneRule struct {
	Kind    RuleKind        `json:"kind"`
	Periods int             `json:"periods,omitzero"`
	Score   decimal.Decimal `json:"score,omitzero"`
	Days    int             `json:"days,omitzero"`
}

// PartnerHealth is what the pruning rules read about a partner.
type PartnerHealth struct {
	ID string `json:"id"`
	// Revenue per period, oldest first (the revenue at stake is its sum).
	Revenue        []money.Amount  `json:"revenue"`
	Score          decimal.Decimal `json:"score"`
	CertifiedStaff int             `json:"certified_staff"`
	// LastRegistration is the partner's last deal registration (zero:
	// never).
	LastRegistration time.Time `json:"last_registration,omitzero"`
}

// RuleFailure is a rule a partner failed, with the reason in English.
type RuleFailure struct {
	Rule   RuleKind `json:"rule"`
	Reason string   `json:"reason"`
}

// PruneCandidate is a partner that failed at least the required number of
// rules: every rule it failed, and the revenue the programme would lose.
type PruneCandidate struct {
	ID             string        `json:"id"`
	Failed         []RuleFailure `json:"failed"`
	RevenueAtStake money.Amount  `json:"revenue_at_stake"`
}

// Equal reports whether c and o are the same candidate.
func (c PruneCandidate) Equal(o PruneCandidate) bool {
	return c.ID == o.ID && slices.Equal(c.Failed, o.Failed) && c.RevenueAtStake.Equal(o.RevenueAtStake)
}

// PruneCandidates applies the rules to every partner as of at and
// returns, in ascending order of id, each partner that failed at least
// minFailed rules (1 ≤ minFailed ≤ len(rules)) with every rule it failed
// in the rules' order. A partner with fewer revenue periods than a
// NoRevenue rule's Periods does not fail it (too new to judge). Errors:
// "/rules/1/periods", "/min_failed", "/partners/2/revenue/0" (a currency
// other than the first partner's first period's, or an invalid amount),
// "/partners/2/id".
func PruneCandidates(rules []PruneRule, minFailed int, partners []PartnerHealth, at time.Time) ([]PruneCandidate, error) {
	if err := checkRules(rules, minFailed); err != nil {
		return nil, err
	}
	order, err := sortedIDs(len(partners), func(i int) string { return partners[i].ID }, "partners")
	if err != nil {
		return nil, err
	}
	var cur money.Currency
	for _, p := range partners {
		if len(p.Revenue) > 0 {
			cur = p.Revenue[0].Currency()
			break
		}
	}
	var out []PruneCandidate
	for _, i := range order {
		p := partners[i]
		stake, err := money.Sum(cur, p.Revenue...)
		if err != nil {
			return nil, inputErr(field.At("partners", i, "revenue"), "", err)
		}
		var failed []RuleFailure
		for _, r := range rules {
			if reason, fail := r.fails(p, at); fail {
				failed = append(failed, RuleFailure{Rule: r.Kind, Reason: reason})
			}
		}
		if len(failed) >= minFailed {
			out = append(out, PruneCandidate{ID: p.ID, Failed: failed, RevenueAtStake: stake})
		}
	}
	return out, nil
}

func checkRules(rules []PruneRule, minFailed int) error {
	var l errList
	if len(rules) == 0 {
		l.add("/rules", "", ErrEmpty)
	}
	for i, r := range rules {
		at := func(m string) string { return field.At("rules", i, m) }
		if !r.Kind.IsValid() {
			l.add(at("kind"), r.Kind.String(), ErrInvalid)
		}
		switch {
		case r.Kind == NoRevenue && r.Periods < 1:
			l.add(at("periods"), strconv.Itoa(r.Periods), ErrRange)
		case r.Kind == ScoreBelow && (r.Score.Sign() <= 0 || r.Score.GreaterThan(decimal.New(ScoreMax, 0))):
			l.add(at("score"), r.Score.String(), ErrRange)
		case r.Kind == NoRegistration && r.Days < 1:
			l.add(at("days"), strconv.Itoa(r.Days), ErrRange)
		}
		// a member the rule does not read is a mistake, not ignored
		if r.Kind != NoRevenue && r.Periods != 0 {
			l.add(at("periods"), strconv.Itoa(r.Periods), ErrInvalid)
		}
		if r.Kind != ScoreBelow && !r.Score.IsZero() {
			l.add(at("score"), r.Score.String(), ErrInvalid)
		}
		if r.Kind != NoRegistration && r.Days != 0 {
			l.add(at("days"), strconv.Itoa(r.Days), ErrInvalid)
		}
	}
	if minFailed < 1 || minFailed > max(len(rules), 1) {
		l.add("/min_failed", strconv.Itoa(minFailed), ErrRange)
	}
	return l.err()
}

// fails reports whether p fails r as of at, and why.
func (r PruneRule) fails(p PartnerHealth, at time.Time) (string, bool) {
	switch r.Kind {
	case NoRevenue:
		if len(p.Revenue) < r.Periods {
			return "", false
		}
		for _, a := range p.Revenue[len(p.Revenue)-r.Periods:] {
			if a.Sign() > 0 {
				return "", false
			}
		}
		return "no revenue in the last " + strconv.Itoa(r.Periods) + " periods", true
	case ScoreBelow:
		if p.Score.LessThan(r.Score) {
			return "engagement score " + p.Score.String() + " is below " + r.Score.String(), true
		}
	case NoCertifiedStaff:
		if p.CertifiedStaff <= 0 {
			return "no certified staff", true
		}
	case NoRegistration:
		if p.LastRegistration.IsZero() {
			return "no deal ever registered", true
		}
		if at.Sub(p.LastRegistration) >= time.Duration(r.Days)*24*time.Hour {
			return "no deal registered since " + p.LastRegistration.Format(time.DateOnly) + " (" + strconv.Itoa(r.Days) + " days or more)", true
		}
	case RuleKindUnspecified: // rejected by checkRules
	}
	return "", false
}
