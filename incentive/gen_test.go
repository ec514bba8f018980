package incentive

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/tier"
)

type genOpts struct {
	planLimits bool // recipient cap and budget
	zeroAtZero bool // schedules, floors and modifiers with F(0) = 0
	budgets    bool // component budgets (pro-rata, first-come)
	credits    bool // overlay components and double credit (credit.go)
	teams      bool // team components (team.go)
	attain     bool // weighted multi-measure attainment (attainment.go)
}

// genAnyOpts draws which kinds of component and limit a plan may have.
func genAnyOpts(t *rapid.T) genOpts {
	return genOpts{planLimits: rapid.Bool().Draw(t, "plan limits"), budgets: rapid.Bool().Draw(t, "budgets"),
		credits: rapid.Bool().Draw(t, "credits"), teams: rapid.Bool().Draw(t, "teams"), attain: rapid.Bool().Draw(t, "attain")}
}

func dec(v int64, places int32) decimal.Decimal { return decimal.New(v, -places) }

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

var genPeriod = NewPeriod("2025-Q3", MustDate("2025-07-01"), MustDate("2025-10-01")) //lint:allow global test fixture

func genSchedule(t *rapid.T, measure MeasureKind, o genOpts) tier.Spec {
	modes := []tier.Mode{tier.AllUnits, tier.Incremental, tier.RetroFromThreshold, tier.Linear, tier.Increment, tier.FlatPerTier, tier.Package}
	mode := rapid.SampledFrom(modes).Draw(t, "mode")
	sp := tier.Spec{Mode: mode, Boundary: rapid.SampledFrom([]tier.Boundary{tier.LowerInclusive, tier.UpperInclusive}).Draw(t, "boundary")}
	n := rapid.IntRange(1, 4).Draw(t, "tiers")
	if mode == tier.Linear && n < 2 {
		n = 2
	}
	if mode == tier.Increment || mode == tier.Package {
		n = 1
	}
	bp := int32(2)
	if measure == EventCount || measure == GrowthPercent {
		bp = 0
	}
	from := int64(0)
	if mode == tier.Linear {
		from = rapid.Int64Range(0, 1000).Draw(t, "first")
	}
	for i := range n {
		if i > 0 {
			from += rapid.Int64Range(1, 500000).Draw(t, "gap")
		}
		tr := tier.Tier{From: dec(from, bp)}
		switch mode {
		case tier.AllUnits, tier.Incremental, tier.RetroFromThreshold, tier.Linear:
			tr.Rate = money.RateFromFraction(dec(rapid.Int64Range(0, 2000).Draw(t, "rate"), 4))
		case tier.Increment, tier.FlatPerTier, tier.Package, tier.ModeUnspecified:
			amt := rapid.Int64Range(0, 100000).Draw(t, "amount")
			if o.zeroAtZero && mode == tier.FlatPerTier && i == 0 {
				amt = 0
			}
			tr.Amount = dec(amt, 2)
		}
		sp.Tiers = append(sp.Tiers, tr)
	}
	switch mode {
	case tier.RetroFromThreshold, tier.Increment:
		sp.Threshold = dec(rapid.Int64Range(0, 100000).Draw(t, "threshold"), bp)
	case tier.AllUnits, tier.Incremental, tier.Linear, tier.FlatPerTier, tier.Package, tier.ModeUnspecified:
	}
	if mode == tier.Increment || mode == tier.Package {
		sp.Step = dec(rapid.Int64Range(1, 100000).Draw(t, "step"), bp)
	}
	if mode == tier.Linear {
		sp.RatePlaces = rapid.Int32Range(4, 8).Draw(t, "rate_places")
		sp.Rounding = rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.Floor, money.Ceiling}).Draw(t, "rate_rounding")
	}
	return sp
}

func genComponent(t *rapid.T, id string, o genOpts) ComponentSpec {
	measures := []MeasureKind{Revenue, Revenue, Units, RecurringRevenue, EventCount, GrowthAmount, GrowthPercent}
	if o.zeroAtZero {
		measures = []MeasureKind{Revenue, Units, RecurringRevenue, EventCount}
	}
	m := rapid.SampledFrom(measures).Draw(t, "measure")
	c := ComponentSpec{ID: id, Version: "1", EffectiveFrom: MustDate("2025-01-01"),
		Recipient: rapid.SampledFrom([]RecipientKind{RecipientPartner, RecipientPartner, RecipientRep}).Draw(t, "recipient"),
		Measure:   m, Schedule: genSchedule(t, m, o)}
	c.ContractValue = genContractValue(t, m)
	if rapid.Bool().Draw(t, "filter") {
		c.Eligibility.Categories = []string{"software"}
	}
	if rapid.IntRange(0, 4).Draw(t, "motionfilter") == 0 {
		c.Eligibility.Motions = []Motion{Renewal, Expansion}
	}
	if !o.zeroAtZero && rapid.IntRange(0, 3).Draw(t, "accel") == 0 {
		c.Modifiers = append(c.Modifiers, ModifierSpec{Kind: Accelerator, Factor: dec(rapid.Int64Range(1, 30).Draw(t, "factor"), 1),
			Quota: ptr(dec(rapid.Int64Range(1, 1000000).Draw(t, "quota"), 0))})
	}
	if rapid.IntRange(0, 3).Draw(t, "mult") == 0 {
		c.Modifiers = append(c.Modifiers, ModifierSpec{Kind: Multiplier, Metric: "csat", Bands: []Band{
			{From: dec(70, 0), Factor: dec(9, 1)}, {From: dec(85, 0), Factor: dec(11, 1)}}})
	}
	switch rapid.IntRange(0, 5).Draw(t, "gate") {
	case 0:
		c.Modifiers = append(c.Modifiers, ModifierSpec{Kind: Gate, Metric: "csat", AtLeast: ptr(dec(rapid.Int64Range(60, 100).Draw(t, "gate min"), 0))})
	case 1:
		g := ModifierSpec{Kind: Gate, Attainment: new(money.RateFromFraction(dec(rapid.Int64Range(1, 150).Draw(t, "attainment"), 2)))}
		if rapid.Bool().Draw(t, "gate quota") {
			g.Quota = ptr(dec(rapid.Int64Range(1, 1000000).Draw(t, "gate quota v"), 0))
		}
		c.Modifiers = append(c.Modifiers, g)
	}
	if !o.zeroAtZero && rapid.IntRange(0, 3).Draw(t, "floor") == 0 {
		c.Floor = ptr(dec(rapid.Int64Range(-1000, 1000).Draw(t, "floorv"), 1))
	}
	if rapid.IntRange(0, 2).Draw(t, "cap") == 0 {
		v := rapid.Int64Range(1000, 1000000).Draw(t, "capv")
		c.Cap = ptr(dec(v, 1))
	}
	if o.budgets {
		c = genBudget(t, c)
	}
	if o.credits && rapid.IntRange(0, 2).Draw(t, "overlay") == 0 {
		c.Overlay = true
	}
	if o.teams && c.Measure != GrowthAmount && c.Measure != GrowthPercent && rapid.IntRange(0, 1).Draw(t, "team?") == 0 {
		c = genTeam(t, c)
	}
	return c
}

// genTeam makes c a team component: no modifiers or budget, members of
// its recipient kind drawn from the IDs transactions use, a rule, and
// weights (one positive) under the weights rule.
func genTeam(t *rapid.T, c ComponentSpec) ComponentSpec {
	ids := []string{"p1", "p2", "p3"}
	if c.Recipient == RecipientRep {
		ids = []string{"r1", "r2", "r3"}
	}
	ids = rapid.Permutation(ids).Draw(t, "members")[:rapid.IntRange(1, len(ids)).Draw(t, "nmembers")]
	team := &GroupSpec{ID: "team-" + c.ID, Share: rapid.SampledFrom([]ShareRule{ShareEqual, ShareByContribution, ShareByWeight}).Draw(t, "share")}
	for i, id := range ids {
		m := GroupMember{Recipient: Recipient{c.Recipient, id}}
		if team.Share == ShareByWeight {
			w := rapid.Int64Range(0, 5).Draw(t, "weight")
			if i == 0 {
				w++
			}
			m.Weight = ptr(dec(w, rapid.Int32Range(0, 2).Draw(t, "wplaces")))
		}
		team.Members = append(team.Members, m)
	}
	c.Team, c.Modifiers, c.Budget = team, nil, nil
	return c
}

// planSeeds is the number of distinct plans a property draws from, per
// option set. NewPlan (validation, canonical JSON, hashing) costs several
// times the evaluation of a case, so the properties draw a seed and reuse
// the plan rapid's generator makes from it (genPlanFresh, via Example):
// each of the 10,000 cases gets fresh transactions, and a plan serves
// about five cases per property. Deterministic: the plan is a function of
// (options, seed), so a failing case replays and shrinks (the seed is in
// rapid's draw log; genPlanFresh's Example(seed) rebuilds the plan).
const planSeeds = 2000

type planKey struct {
	o    genOpts
	seed int
}

var planCache sync.Map //lint:allow global test fixture: planKey → Plan, written once per key

// genPlan draws a plan seed and returns its (memoised) plan.
func genPlan(t *rapid.T, o genOpts) Plan {
	k := planKey{o, rapid.IntRange(0, planSeeds-1).Draw(t, "plan seed")}
	if p, ok := planCache.Load(k); ok {
		return p.(Plan)
	}
	p := rapid.Custom(func(t *rapid.T) Plan { return genPlanFresh(t, o) }).Example(k.seed)
	planCache.Store(k, p)
	return p
}

// genPlanFresh draws a plan from rapid's generators.
func genPlanFresh(t *rapid.T, o genOpts) Plan {
	cur := rapid.SampledFrom([]string{"USD", "USD", "JPY", "BHD"}).Draw(t, "currency")
	c := money.MustCurrency(cur)
	spec := PlanSpec{ID: "plan", Version: "1", Currency: c,
		Rounding: rapid.SampledFrom([]money.RoundingMode{money.HalfEven, money.HalfUp, money.HalfDown, money.TowardZero, money.AwayFromZero, money.Ceiling, money.Floor}).Draw(t, "rounding"),
		Places:   rapid.Int32Range(0, c.Digits()).Draw(t, "places")}
	n := rapid.IntRange(1, 3).Draw(t, "components")
	for i := range n {
		spec.Components = append(spec.Components, genComponent(t, fmt.Sprintf("c%d", i), o))
	}
	if o.credits {
		spec.DoubleCredit = rapid.Bool().Draw(t, "double credit")
	}
	if o.attain {
		for i := range spec.Components {
			if rapid.Bool().Draw(t, "attain?") {
				genAttainment(t, &spec.Components[i], spec.Components)
			}
		}
	}
	if o.planLimits {
		if rapid.Bool().Draw(t, "rcap") {
			spec.RecipientCap = ptr(dec(rapid.Int64Range(0, 200000).Draw(t, "rcapv"), 1))
		}
		if rapid.Bool().Draw(t, "budget") {
			spec.Budget = ptr(dec(rapid.Int64Range(0, 500000).Draw(t, "budgetv"), 0))
		}
	}
	p, err := NewPlan(spec)
	if err != nil {
		t.Fatalf("generated plan invalid: %v", err)
	}
	return p
}

// testFacts is built once: the properties only read it.
var testFacts = buildFacts() //lint:allow global test fixture

func genFacts() Facts { return testFacts }

func buildFacts() Facts {
	f := Facts{}
	for _, id := range []string{"p1", "p2", "p3", "r1", "r2"} {
		rf := RecipientFacts{Baselines: map[string]decimal.Decimal{}, Quotas: map[string]decimal.Decimal{},
			Metrics: map[string]decimal.Decimal{"csat": dec(int64(len(id)*31+int(id[1]))%40+60, 0)}}
		for i := range 3 {
			rf.Baselines[fmt.Sprintf("c%d", i)] = dec(int64(100000+i*7919), 2)
			rf.Quotas[fmt.Sprintf("c%d", i)] = dec(int64(50000+i*1000), 0)
		}
		f[Recipient{RecipientPartner, id}] = rf
		f[Recipient{RecipientRep, id}] = rf
	}
	return f
}

func genAmount(t *rapid.T, digits int32, label string) decimal.Decimal {
	switch rapid.IntRange(0, 9).Draw(t, label+"kind") {
	case 0: // finer than the minor unit: exercises the decimal spill
		return dec(rapid.Int64Range(0, 1000000000).Draw(t, label), digits+2)
	case 1: // huge: exercises int64 overflow
		return dec(rapid.Int64Range(1e17, 9e18).Draw(t, label), 0)
	default:
		return dec(rapid.Int64Range(0, 50000000).Draw(t, label), digits)
	}
}

func genTx(t *rapid.T, i int, cur money.Currency) Transaction {
	kind := rapid.SampledFrom([]Kind{Sale, Sale, Sale, CreditNote, Return, QualifyingEvent}).Draw(t, "kind")
	tx := Transaction{ID: "t" + strconv.Itoa(i), Kind: kind,
		Date:      genPeriod.Start.Add(time.Duration(rapid.IntRange(-5, 95).Draw(t, "day")) * 24 * time.Hour),
		PartnerID: rapid.SampledFrom([]string{"p1", "p2", "p3"}).Draw(t, "partner"),
		RepID:     rapid.SampledFrom([]string{"r1", "r2"}).Draw(t, "rep"),
		Motion:    rapid.SampledFrom([]Motion{NewBusiness, Renewal, Expansion}).Draw(t, "motion"),
		Billing:   rapid.SampledFrom([]Billing{Recurring, OneTime}).Draw(t, "billing"),
		Category:  rapid.SampledFrom([]string{"software", "hardware"}).Draw(t, "category"),
	}
	tx.TermMonths = genTerm(t)
	switch kind {
	case Sale:
		a := genAmount(t, cur.Digits(), "amount")
		if a.IsZero() { // a sale has a positive amount
			a = dec(1, cur.Digits())
		}
		tx.Amount = money.New(a, cur)
		tx.Units = dec(rapid.Int64Range(0, 1000).Draw(t, "units"), rapid.Int32Range(0, 5).Draw(t, "uplaces"))
	case CreditNote, Return:
		tx.Amount = money.New(genAmount(t, cur.Digits(), "amount").Neg(), cur)
		tx.Units = dec(-rapid.Int64Range(0, 1000).Draw(t, "units"), 0)
	case QualifyingEvent:
		tx.Event = "lead-registered"
	case KindUnspecified:
	}
	return tx
}

func genTxs(t *rapid.T, cur money.Currency, maxN int) []Transaction {
	n := rapid.IntRange(0, maxN).Draw(t, "n")
	out := make([]Transaction, n)
	for i := range out {
		out[i] = genTx(t, i, cur)
	}
	return out
}

// genBudget gives c a component budget in two cases out of three: pro
// rata on c as drawn, or first come on a proportional component (one
// tier from 0, a rate on money or a price on units and events, no
// modifiers, floor or cap) that replaces it.
func genBudget(t *rapid.T, c ComponentSpec) ComponentSpec {
	amount := dec(rapid.Int64Range(0, 300000).Draw(t, "budget amount"), rapid.Int32Range(0, 3).Draw(t, "budget places"))
	switch rapid.IntRange(0, 2).Draw(t, "budget rule") {
	case 0:
		return c
	case 1:
		c.Budget = &BudgetSpec{Amount: amount, Exhaustion: ProRata}
		return c
	}
	c.Measure = rapid.SampledFrom([]MeasureKind{Revenue, RecurringRevenue, Units, EventCount}).Draw(t, "fc measure")
	tr := tier.Tier{From: decimal.Zero}
	if c.Measure == Units || c.Measure == EventCount {
		tr.Price = dec(rapid.Int64Range(1, 50000).Draw(t, "fc price"), 2)
	} else {
		tr.Rate = money.RateFromFraction(dec(rapid.Int64Range(1, 2000).Draw(t, "fc rate"), 4))
	}
	c.Schedule = tier.Spec{Mode: rapid.SampledFrom([]tier.Mode{tier.AllUnits, tier.Incremental}).Draw(t, "fc mode"),
		Boundary: rapid.SampledFrom([]tier.Boundary{tier.LowerInclusive, tier.UpperInclusive}).Draw(t, "fc boundary"),
		Tiers:    []tier.Tier{tr}}
	c.Modifiers, c.Floor, c.Cap = nil, nil, nil
	c.Budget = &BudgetSpec{Amount: amount, Exhaustion: FirstCome}
	return c
}

// genAttainment gives c (not a growth or team component) an attainment
// over components of its recipient kind and the csat metric, weights
// summing to 100 %, fixed or fact quotas, optional caps, and a pay curve
// over attainment points (accelerating, then decelerating) half the time.
func genAttainment(t *rapid.T, c *ComponentSpec, comps []ComponentSpec) {
	if c.Measure == GrowthAmount || c.Measure == GrowthPercent || c.Team != nil {
		return
	}
	var keys []AttainmentMeasure
	for _, o := range comps {
		if o.Recipient == c.Recipient {
			keys = append(keys, AttainmentMeasure{Component: o.ID})
		}
	}
	keys = append(keys, AttainmentMeasure{Metric: "csat", Quota: ptr(dec(80, 0))})
	keys = rapid.Permutation(keys).Draw(t, "attain keys")[:rapid.IntRange(1, len(keys)).Draw(t, "nattain")]
	shares := genSharesRapid(t, len(keys))
	for i := range keys {
		keys[i].Weight = money.RateFromFraction(shares[i])
		if keys[i].Quota == nil && rapid.Bool().Draw(t, "fixed quota") {
			keys[i].Quota = ptr(dec(rapid.Int64Range(1, 500000).Draw(t, "attain quota"), rapid.Int32Range(0, 2).Draw(t, "qplaces")))
		}
		if rapid.Bool().Draw(t, "attain cap") {
			keys[i].Cap = new(money.RateFromFraction(dec(rapid.Int64Range(1, 300).Draw(t, "capv"), 2)))
		}
	}
	c.Attainment = &AttainmentSpec{Measures: keys}
	c.Modifiers = slices.DeleteFunc(c.Modifiers, func(m ModifierSpec) bool { return m.Kind == Accelerator || m.Kind == Gate && m.Attainment != nil })
	if rapid.Bool().Draw(t, "pay curve") {
		c.Schedule = tier.Spec{Mode: tier.Incremental, Boundary: rapid.SampledFrom([]tier.Boundary{tier.LowerInclusive, tier.UpperInclusive}).Draw(t, "curve boundary"),
			Tiers: []tier.Tier{{From: dec(0, 0), Price: dec(100, 0)}, {From: dec(100, 0), Price: dec(250, 0)},
				{From: dec(rapid.Int64Range(10001, 20000).Draw(t, "decel from"), 2), Price: dec(50, 0)}}}
	} else {
		for i := range c.Schedule.Tiers {
			c.Schedule.Tiers[i].From = c.Schedule.Tiers[i].From.Truncate(GrowthPlaces)
		}
	}
}

// genSharesRapid draws n fractions (6 places, each > 0) summing to 1.
func genSharesRapid(t *rapid.T, n int) []decimal.Decimal {
	const den = 1000000
	var cuts []int64
	for len(cuts) < n-1 {
		c := rapid.Int64Range(1, den-1).Draw(t, "cut")
		if !slices.Contains(cuts, c) {
			cuts = append(cuts, c)
		}
	}
	slices.Sort(cuts)
	out := make([]decimal.Decimal, n)
	prev := int64(0)
	for i := range n {
		next := int64(den)
		if i < n-1 {
			next = cuts[i]
		}
		out[i] = decimal.New(next-prev, -6)
		prev = next
	}
	return out
}
