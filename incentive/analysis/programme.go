package analysis

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
)

// The programme rules: SPIFs without a budget, gates that never open,
// components that pay one transaction twice, splits that do not sum to
// 100 %, and overlapping versions in a draft.

// unbudgeted reports the time-boxed component versions without a budget:
// a version with an effective_until that no version of its ID continues
// (none is effective after that day) is a programme that ends, a SPIF,
// whose cost nothing but its lines' own bounds limits. exp holds the
// exposure of each component, in the order of comps.
func unbudgeted(fs []Finding, comps []comp, exp Exposure) []Finding {
	for i, c := range comps {
		s := c.spec
		if s.Budget != nil || s.EffectiveUntil.IsZero() {
			continue
		}
		until := s.EffectiveUntil.Time()
		continued := slices.ContainsFunc(comps, func(o comp) bool {
			return o.spec.ID == s.ID && (o.spec.EffectiveUntil.IsZero() || o.spec.EffectiveUntil.Time().After(until))
		})
		if continued {
			continue
		}
		days := int64(until.Sub(s.EffectiveFrom.Time()) / (24 * time.Hour))
		ds := []Detail{{"days", decimal.NewFromInt(days)}}
		bound := "nothing bounds its cost (each line is unbounded)"
		if m := exp.Components[i].Max; m.Bounded {
			ds = append(ds, Detail{"max_line", m.Amount})
			bound = "only its largest line, " + c.amt(m.Amount) + " per " + s.Recipient.String() + ", times the number of recipients bounds its cost"
		}
		fs = append(fs, c.finding(UnbudgetedSpif, Warning, c.path,
			fmt.Sprintf("component %q version %q is time-boxed (%s to %s, %d days, not continued by a later version) but has no budget: %s",
				s.ID, s.Version, s.EffectiveFrom, s.EffectiveUntil, days, bound),
			ds...))
	}
	return fs
}

// closedGates reports c's metric gates that the declared metrics
// (LintSpec.Metrics) never open: on a metric not declared (every line then
// fails to evaluate: incentive reports the missing metric) or with a
// minimum above the metric's declared Max.
func (l Linter) closedGates(fs []Finding, c comp) []Finding {
	if len(l.metrics) == 0 {
		return fs
	}
	for k, m := range c.spec.Modifiers {
		if m.Kind != incentive.Gate || m.Attainment != nil || m.AtLeast == nil {
			continue
		}
		p := c.path + "/modifiers/" + strconv.Itoa(k)
		r, ok := l.metrics[m.Metric]
		switch {
		case !ok:
			fs = append(fs, c.finding(ClosedGate, Critical, p+"/metric",
				fmt.Sprintf("the gate reads metric %q, which is not among the declared metrics (%s): every line of component %q fails to evaluate for want of it",
					m.Metric, l.metricNames(), c.spec.ID)))
		case r.Max != nil && m.AtLeast.Cmp(*r.Max) > 0:
			fs = append(fs, c.finding(ClosedGate, Warning, p+"/at_least",
				fmt.Sprintf("the gate needs metric %q of at least %s, above its declared maximum %s: it never opens and component %q never pays",
					m.Metric, num(*m.AtLeast), num(*r.Max), c.spec.ID),
				Detail{"at_least", *m.AtLeast}, Detail{"metric_max", *r.Max}))
		}
	}
	return fs
}

// metricNames lists the declared metrics, sorted, for a message.
func (l Linter) metricNames() string {
	names := make([]string, 0, len(l.metrics))
	for n := range l.metrics {
		names = append(names, strconv.Quote(n))
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// doublePay reports pairs of components (different IDs) that can pay one
// transaction twice by mistake: they pay the same kind of recipient on the
// same measure, are effective on a common day, and their eligibility
// overlaps without either containing the other. A component whose
// eligibility contains another's (a base rebate on every sale and a SPIF
// on one category, or two components with the same filters: a rebate and
// a bonus on the same revenue) stacks by design and is not reported; a
// partial overlap (categories hardware and software in one, software and
// services in another) is the mark of programmes meant to partition the
// sales. The finding is on the later component's eligibility and names
// the overlap.
func doublePay(fs []Finding, comps []comp) []Finding {
	lists := make([]eligLists, len(comps))
	for i, c := range comps {
		lists[i] = listsOf(c.spec.Eligibility)
	}
	for i, b := range comps {
		for j := range i {
			a := comps[j]
			if a.spec.ID == b.spec.ID || a.spec.Recipient != b.spec.Recipient || a.spec.Measure != b.spec.Measure {
				continue
			}
			from, until, ok := common(a.spec, b.spec)
			if !ok {
				continue
			}
			ea, eb := a.spec.Eligibility, b.spec.Eligibility
			dims, ok := overlapOf(lists[j], lists[i], ea, eb)
			if !ok || contains(lists[j], lists[i], ea, eb) || contains(lists[i], lists[j], eb, ea) {
				continue
			}
			when := "from " + from.Format(time.DateOnly)
			if !until.IsZero() {
				when += " until " + until.Format(time.DateOnly)
			}
			fs = append(fs, b.finding(DoublePay, Warning, b.path+"/eligibility",
				fmt.Sprintf("components %q (version %q, %s) and %q (version %q) both pay the %s on %s, and their eligibility overlaps without one containing the other: a transaction with %s, dated %s, counts in both",
					a.spec.ID, a.spec.Version, a.path, b.spec.ID, b.spec.Version, b.spec.Recipient, b.spec.Measure,
					strings.Join(dims, ", "), when)))
		}
	}
	return fs
}

// common returns the days on which both a and b are effective, [from,
// until) with a zero until for no end, and whether there is one.
func common(a, b incentive.ComponentSpec) (from, until time.Time, ok bool) {
	from = a.EffectiveFrom.Time()
	if t := b.EffectiveFrom.Time(); t.After(from) {
		from = t
	}
	for _, u := range [...]incentive.Date{a.EffectiveUntil, b.EffectiveUntil} {
		if !u.IsZero() && (until.IsZero() || u.Time().Before(until)) {
			until = u.Time()
		}
	}
	return from, until, until.IsZero() || from.Before(until)
}

// eligLists are the lists of an eligibility, in the order of listName:
// an empty list admits every value, else a transaction's value must be
// listed.
type eligLists [7][]string

// listName names list k of an eligLists in a message.
func listName(k int) string {
	return [...]string{"partner tier", "territory", "category", "segment", "motion", "billing", "event"}[k]
}

func listsOf(e incentive.Eligibility) eligLists {
	return eligLists{e.PartnerTiers, e.Territories, e.Categories, e.Segments, names(e.Motions), names(e.Billing), e.Events}
}

func names[T fmt.Stringer](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

// overlapOf reports whether a transaction can satisfy both a and b, and
// describes such transactions: for each list, the values both admit;
// certifications are required all together, so a transaction holding
// both lists satisfies both; authorised-only is met by an authorised sale.
func overlapOf(la, lb eligLists, a, b incentive.Eligibility) ([]string, bool) {
	var out []string
	for k, x := range la {
		y := lb[k]
		var both []string
		switch {
		case len(x) == 0 && len(y) == 0:
			continue
		case len(x) == 0:
			both = y
		case len(y) == 0:
			both = x
		default:
			for _, v := range x {
				if slices.Contains(y, v) {
					both = append(both, v)
				}
			}
		}
		if len(both) == 0 {
			return nil, false
		}
		both = slices.Clone(both)
		slices.Sort(both)
		out = append(out, listName(k)+" "+strings.Join(both, " or "))
	}
	if certs := union(a.Certifications, b.Certifications); len(certs) > 0 {
		out = append(out, "certifications "+strings.Join(certs, " and "))
	}
	if a.AuthorisedOnly || b.AuthorisedOnly {
		out = append(out, "an authorised sale")
	}
	if len(out) == 0 {
		out = append(out, "any eligibility")
	}
	return out, true
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, v := range b {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// contains reports whether every transaction b admits is admitted by a
// (b's eligibility is at least as narrow on every dimension).
func contains(la, lb eligLists, a, b incentive.Eligibility) bool {
	for k, x := range la {
		if len(x) == 0 {
			continue
		}
		if y := lb[k]; len(y) == 0 || slices.ContainsFunc(y, func(v string) bool { return !slices.Contains(x, v) }) {
			return false
		}
	}
	if a.AuthorisedOnly && !b.AuthorisedOnly {
		return false
	}
	// a requires certifications that b must require too.
	return !slices.ContainsFunc(a.Certifications, func(v string) bool { return !slices.Contains(b.Certifications, v) })
}

// overlap reports two versions of one component effective on a common
// day (b starts before a ends).
func overlap(fs []Finding, a, b comp) []Finding {
	from, until, _ := common(a.spec, b.spec)
	days := "with no end"
	ds := []Detail(nil)
	if !until.IsZero() {
		n := int64(until.Sub(from) / (24 * time.Hour))
		days = "until " + until.Format(time.DateOnly) + " (" + strconv.FormatInt(n, 10) + " days)"
		ds = append(ds, Detail{"days", decimal.NewFromInt(n)})
	}
	return append(fs, b.finding(VersionOverlap, Critical, b.path+"/effective_from",
		fmt.Sprintf("versions %q (%s) and %q of component %q are both effective from %s %s: incentive.NewPlan rejects the plan",
			a.spec.Version, a.path, b.spec.Version, b.spec.ID, from.Format(time.DateOnly), days),
		ds...))
}

// splitPart is one share of a split: who (a recipient or
// a component, in words) and its declared share.
type splitPart struct {
	who   string
	share decimal.Decimal
}

// nearWhole reports whether a sum of shares looks like fractions or
// percentages meant to make a whole: in [0.5, 2) or in [50, 200). Shares
// summing elsewhere (2 : 1, 1 : 1 : 1) are declared ratios, shared in
// proportion by design.
func nearWhole(sum decimal.Decimal) bool {
	in := func(lo, hi int64) bool {
		return sum.Cmp(decimal.New(lo, -1)) >= 0 && sum.Cmp(decimal.New(hi, -1)) < 0
	}
	return in(5, 20) || in(500, 2000)
}

// splitSum reports a split whose shares look like fractions or
// percentages (they sum to between 0.5 and 2, or 50 and 200; see
// nearWhole) but do not sum to 1 or 100 (100 %):
// the engine shares in proportion to the shares, so a part gets share/sum
// of the whole rather than the share declared. path is the JSON Pointer
// of the split's list, id names its owner (a group, a component). It is
// the one rule for every split: group weights and team components'
// member weights (transaction credit splits that do not sum to 100 % are
// refused by the engine as data errors).
func splitSum(fs []Finding, path, id, what string, parts []splitPart) []Finding {
	sum := decimal.Decimal{}
	for _, p := range parts {
		sum = sum.Add(p.share)
	}
	if sum.Equal(decimal.NewFromInt(1)) || sum.Equal(decimal.NewFromInt(100)) || len(parts) == 0 || !nearWhole(sum) {
		return fs
	}
	first := parts[0]
	share := "nothing"
	if sum.Sign() > 0 {
		share = num(first.share) + "/" + num(sum) + " of it"
	}
	return append(fs, Finding{Check: SplitSum, Severity: Warning, Path: path, Component: id,
		Message: fmt.Sprintf("the %s of %q sum to %s, neither 1 nor 100: the whole is shared in proportion to them, not as declared (%s, declared %s, gets %s)",
			what, id, num(sum), first.who, num(first.share), share),
		Details: []Detail{{"sum", sum}}})
}

// LintGroup checks a group's split: under the weights rule, weights that
// do not sum to 1 or to 100 (a SplitSum warning at "/members", the JSON
// Pointer of the group document's member list, with the sum; the
// finding's Component is the group's ID). Findings are sorted as Lint
// sorts them. It fails only for the zero Linter
// (ErrInvalid) or the zero Group (ErrPlan).
func (l Linter) LintGroup(g incentive.Group) ([]Finding, error) {
	if !l.valid {
		return nil, wrap(ErrInvalid, "the zero Linter has no options")
	}
	if !g.IsValid() {
		return nil, wrap(ErrPlan, "the zero Group")
	}
	spec := g.Spec()
	var fs []Finding
	if spec.Share == incentive.ShareByWeight && l.on(SplitSum) {
		parts := make([]splitPart, len(spec.Members))
		for i, m := range spec.Members {
			parts[i] = splitPart{who: m.Recipient.String(), share: *m.Weight}
		}
		fs = splitSum(fs, "/members", spec.ID, "member weights", parts)
	}
	sortFindings(fs)
	return fs, nil
}

// MaxDraftComponents is the largest number of components of a draft
// LintDraft reads (a plan has at most incentive.MaxComponents).
const MaxDraftComponents = 1024

// LintDraft lints a plan specification that need not compile into an
// incentive.Plan as a whole: a draft with more components than
// incentive.MaxComponents (up to MaxDraftComponents), or with versions of
// one component that overlap in time (each overlap is a VersionOverlap
// finding). Every other rule of NewPlan still holds: each component is
// validated as NewPlan validates it (alone in a plan with the draft's
// currency, rounding, caps and budget), and (id, version) pairs are
// unique. The report is Lint's, without a PlanHash (a draft has none).
//
// An invalid draft fails with the *incentive.PlanError values NewPlan
// reports, joined, at the draft's JSON Pointers ("/components/57/cap"),
// matching incentive's sentinels (incentive.ErrInvalid, …); more than
// MaxDraftComponents components is a *ParamError at "/components"
// matching ErrTooMany; the zero Linter fails with ErrInvalid.
func (l Linter) LintDraft(spec incentive.PlanSpec) (Report, error) {
	if !l.valid {
		return Report{}, wrap(ErrInvalid, "the zero Linter has no options")
	}
	n := len(spec.Components)
	if n > MaxDraftComponents {
		return Report{}, paramErr("/components", strconv.Itoa(n), wrap(ErrTooMany, "%d components, at most %d", n, MaxDraftComponents))
	}
	norm, err := validateDraft(spec)
	if err != nil {
		return Report{}, err
	}
	return l.lint(norm), nil
}

// validateDraft validates each component of spec alone with NewPlan (a
// component with an attainment together with the components it reads,
// whose own errors are reported at their own index), moving its errors
// to the component's index, and checks that (id, version) pairs are
// unique. It returns spec as NewPlan normalises it (each component and the
// plan's own members as its one-component plan holds them: "2.0" is 2), so
// the draft's report is written as a plan's would be.
func validateDraft(spec incentive.PlanSpec) (incentive.PlanSpec, error) {
	one := spec
	norm := spec
	norm.Components = make([]incentive.ComponentSpec, len(spec.Components))
	var errs []error
	for i, c := range spec.Components {
		one.Components = append(one.Components[:0:0], c)
		if c.Attainment != nil { // with the components its attainment reads
			for _, m := range c.Attainment.Measures {
				for _, o := range spec.Components {
					if m.Component != "" && m.Component != c.ID && o.ID == m.Component {
						one.Components = append(one.Components, o)
					}
				}
			}
		}
		p, err := incentive.NewPlan(one)
		if err == nil { // the plan's own members are the same in each
			ps := p.Spec()
			comps := norm.Components
			norm = ps
			norm.Components = comps
			norm.Components[i] = ps.Components[0]
		}
		for _, e := range flatten(err) {
			pe, ok := e.(*incentive.PlanError)
			switch {
			case ok && (pe.Path == "/components/0" || strings.HasPrefix(pe.Path, "/components/0/")):
				errs = append(errs, &incentive.PlanError{Path: "/components/" + strconv.Itoa(i) + pe.Path[len("/components/0"):], Value: pe.Value, Err: pe.Err})
			case i == 0 && (!ok || !strings.HasPrefix(pe.Path, "/components/")):
				errs = append(errs, e) // the plan's own members: reported once
			}
		}
		for j := range i {
			if o := spec.Components[j]; o.ID == c.ID && o.Version == c.Version {
				errs = append(errs, &incentive.PlanError{Path: "/components/" + strconv.Itoa(i) + "/version", Value: c.Version,
					Err: fmt.Errorf("%w: component %q version %q repeats /components/%d", incentive.ErrDuplicate, c.ID, c.Version, j)})
				break
			}
		}
	}
	if n := len(spec.Components); n == 0 {
		p, err := incentive.NewPlan(spec)
		return p.Spec(), err
	}
	return norm, errors.Join(errs...)
}

// flatten lists the errors joined in err (err itself when not joined).
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
