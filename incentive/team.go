package incentive

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
)

// Team components: a component with a Team pays one award to a pool or
// team, computed on the members' summed measure, and shares it among the
// members by the team's rule (Group.Share: equal, by contribution, by
// weights; largest remainder, ties by recipient), so that the member lines
// sum exactly to the award.

// teamCalc records how a member's line shares its team's award.
type teamCalc struct {
	group  *Group
	weight decimal.Decimal // the member's weight
	total  decimal.Decimal // Σ weights of the team
	award  num             // the team's rounded award
	own    num             // the member's own measure
	part   num             // the member's share, before plan limits
}

// normaliseTeam returns t with members sorted and weights canonical (the
// form NewGroup keeps), so that equal teams hash alike.
func normaliseTeam(t *GroupSpec) *GroupSpec {
	if t == nil {
		return nil
	}
	c := *t
	c.Members = slices.Clone(t.Members)
	for i := range c.Members {
		c.Members[i].Weight = canonPtr(c.Members[i].Weight)
	}
	slices.SortFunc(c.Members, func(a, b GroupMember) int { return a.Recipient.compare(b.Recipient) })
	return &c
}

// cloneTeam returns a deep copy of t.
func cloneTeam(t *GroupSpec) *GroupSpec {
	if t == nil {
		return nil
	}
	c := *t
	c.Members = slices.Clone(t.Members)
	for i := range c.Members {
		c.Members[i].Weight = clonePtr(c.Members[i].Weight)
	}
	return &c
}

// team checks the team of the component at p: a valid group (NewGroup's
// checks, at most MaxSetEntries members) of the component's recipient
// kind, on a component without modifiers, budget or growth measure (the
// award is the team's: per-recipient facts do not apply to it).
func (v *validator) team(p string, c ComponentSpec) {
	tp := p + "/team"
	t := c.Team
	if n := len(t.Members); n > MaxSetEntries {
		v.add(tp+"/members", strconv.Itoa(n), fmt.Errorf("%w: %d members, at most %d in a plan", ErrTooMany, n, MaxSetEntries))
		return
	}
	if _, err := NewGroup(*t); err != nil {
		for _, e := range flatten(err) {
			var pe *PlanError
			if errors.As(e, &pe) {
				v.errs = append(v.errs, &PlanError{Path: tp + pe.Path, Value: pe.Value, Err: pe.Err})
			}
		}
	}
	for i, m := range t.Members {
		if m.Recipient.Kind.IsValid() && c.Recipient.IsValid() && m.Recipient.Kind != c.Recipient {
			v.add(fmt.Sprintf("%s/members/%d/recipient/kind", tp, i), m.Recipient.Kind.String(),
				fmt.Errorf("%w: the component pays %s recipients", ErrInvalid, c.Recipient))
		}
	}
	if len(c.Modifiers) > 0 {
		v.add(p+"/modifiers", "", fmt.Errorf("%w: a team component has no modifiers (the award is the team's; members' facts do not apply)", ErrInvalid))
	}
	if c.Budget != nil {
		v.add(p+"/budget", "", fmt.Errorf("%w: a team component has no budget of its own (use the plan's)", ErrInvalid))
	}
	switch c.Measure {
	case GrowthAmount, GrowthPercent:
		v.add(p+"/measure", c.Measure.String(), fmt.Errorf("%w: a team component measures revenue, recurring revenue, units or events (a growth baseline is per recipient)", ErrInvalid))
	case Revenue, RecurringRevenue, Units, EventCount, MeasureUnspecified:
	}
}

// flatten returns the errors joined in err.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// compileTeam builds the component's Group (validated already).
func (c *component) compileTeam() {
	if c.spec.Team == nil {
		return
	}
	g, err := NewGroup(*c.spec.Team)
	if err == nil {
		c.team = &g
	}
}

// teamLines appends the member lines of every team component with at
// least one counted transaction of a member: the award is computed once on
// the members' summed measure (compute, as any line), then shared by
// Group.Share. Lines are re-sorted into Result's order. p is Result's copy
// of the accumulator's plan, which the lines point at.
func (a *Accumulator) teamLines(res *Result, p *Plan, period *Period, sc *scratch) error {
	added := false
	for k := range a.sides {
		s := &a.sides[k]
		ng := len(s.groups)
		for _, j := range s.order {
			c := &p.comps[s.comps[j]]
			if c.team == nil {
				continue
			}
			g := s.groupOf[j]
			members := c.team.spec.Members
			own := make([]num, len(members))
			vol, count := small(0, c.scale), int64(0)
			for i, m := range members {
				own[i] = small(0, c.scale)
				if r, ok := s.index.Find(m.Recipient.ID); ok {
					ai := r*ng + g
					own[i] = s.total(ai, c.scale)
					count += s.accs[ai].n
				}
				vol = vol.add(own[i])
			}
			if count == 0 {
				continue
			}
			lc := &lineCalc{}
			rec := Recipient{Kind: RecipientKind(k), ID: c.team.spec.ID}
			if err := c.compute(lc, sc, p, rec, vol, count, RecipientFacts{}, false); err != nil {
				return err
			}
			lc.period = period
			shares, err := c.shareAward(lc.rounded, own, p)
			if err != nil {
				return err
			}
			total := decimal.Decimal{}
			for _, sh := range shares.Shares {
				total = total.Add(sh.Weight)
			}
			for i, sh := range shares.Shares {
				ml := new(lineCalc)
				*ml = *lc
				ml.team = &teamCalc{group: c.team, weight: sh.Weight, total: total, award: lc.rounded, own: own[i], part: numOf(sh.Amount)}
				ml.amount = ml.team.part
				ml.measure = vol // the team's measure
				res.Lines = append(res.Lines, ownLine(sh.Recipient, ml))
				added = true
			}
		}
	}
	if added {
		slices.SortStableFunc(res.Lines, func(x, y Line) int {
			if d := x.Recipient().compare(y.Recipient()); d != 0 {
				return d
			}
			if d := cmp.Compare(x.Component(), y.Component()); d != 0 {
				return d
			}
			return x.calc.comp.from.Compare(y.calc.comp.from)
		})
	}
	return nil
}

// shareAward shares award among the team's members (own: each member's
// measure, in the members' order): a zero award gives every member 0.
func (c *component) shareAward(award num, own []num, p *Plan) (GroupAward, error) {
	g := c.team
	places := p.spec.Places
	if award.sign() == 0 {
		out := GroupAward{Group: g.spec.ID, Share: g.spec.Share, Award: money.New(award.dec(), p.spec.Currency), Places: places}
		for i, m := range g.spec.Members {
			w := decimal.New(1, 0)
			switch g.spec.Share {
			case ShareByWeight:
				w = *m.Weight
			case ShareByContribution:
				w = decimal.Max(own[i].dec(), decimal.Decimal{})
			case ShareEqual, ShareUnspecified:
			}
			out.Shares = append(out.Shares, MemberShare{Recipient: m.Recipient, Weight: w, Amount: decimal.Decimal{}})
		}
		return out, nil
	}
	var contrib map[Recipient]decimal.Decimal
	if g.spec.Share == ShareByContribution {
		contrib = make(map[Recipient]decimal.Decimal, len(own))
		for i, m := range g.spec.Members {
			contrib[m.Recipient] = own[i].dec()
		}
	}
	return g.Share(money.New(award.dec(), p.spec.Currency), places, contrib)
}

// teamPhrase says how the member's line shares the team award.
func (t Trace) teamPhrase() string {
	if t.Team == "" {
		return ""
	}
	how := ""
	switch t.ShareRule {
	case ShareEqual:
		how = "equally (1 of " + group(t.ShareTotal, 0) + " members)"
	case ShareByContribution:
		how = "by contribution (" + groupCanon(t.ShareWeight, 0) + " of " + groupCanon(t.ShareTotal, 0) + ")"
	case ShareByWeight:
		how = "by declared weights (" + groupCanon(t.ShareWeight, 0) + " of " + groupCanon(t.ShareTotal, 0) + ")"
	case ShareUnspecified:
	}
	return "; team " + t.Team + "'s award of " + t.money(t.TeamAward) + " shared " + how +
		", largest remainder, ties by recipient: " + t.money(t.TeamShare)
}
