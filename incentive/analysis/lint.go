package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
	"github.com/partnerecon/partnerecon/tier"
)

// Limits of a lint options document, checked by ParseLinter.
const (
	// MaxLintBytes is the largest lint options document ParseLinter reads.
	MaxLintBytes = 16 << 10
	// MaxLintDepth is the deepest nesting of a lint options document
	// (/metrics/0/max has depth 3).
	MaxLintDepth = 3
	// MaxLintMetrics is the largest number of declared metrics.
	MaxLintMetrics = 256
)

// MetricRange declares a recipient metric the host provides
// (incentive.RecipientFacts.Metrics) and, optionally, the range of its
// values: Min and Max, both included.
type MetricRange struct {
	Metric string           `json:"metric"`
	Min    *decimal.Decimal `json:"min,omitempty"`
	Max    *decimal.Decimal `json:"max,omitempty"`
}

// Equal reports whether m and o name the same metric with numerically
// equal bounds (both absent or both present).
func (m MetricRange) Equal(o MetricRange) bool {
	eq := func(a, b *decimal.Decimal) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
	return m.Metric == o.Metric && eq(m.Min, o.Min) && eq(m.Max, o.Max)
}

// LintSpec is the open form of the lint options, as a host stores them
// in JSON: {"cliff_jump": "1000", "disable": ["version-gap"]}. NewLinter
// validates it once into a Linter.
type LintSpec struct {
	// CliffJump is the smallest payout jump at a tier bound reported as a
	// Cliff, in the plan currency (a bare decimal, at least 0: "0" reports
	// every upward jump). Required: nil is an error.
	CliffJump *decimal.Decimal `json:"cliff_jump"`
	// Disable lists rules not to run; it must not list a rule twice.
	Disable []Check `json:"disable,omitzero"`
	// Metrics, when not empty, declares every metric the host provides,
	// each once, with its range: the ClosedGate rule then reports gates on
	// other metrics and gates whose minimum is above the metric's Max.
	// Empty, nothing is known of the facts and ClosedGate finds nothing.
	Metrics []MetricRange `json:"metrics,omitzero"`
}

// Linter is a validated, immutable set of lint options. Get one from
// NewLinter or ParseLinter. The zero Linter is invalid: Lint rejects it.
type Linter struct {
	spec     LintSpec
	jump     decimal.Decimal
	disabled uint64 // bit r is set when rule r is disabled
	metrics  map[string]MetricRange
	valid    bool
}

// NewLinter validates spec: CliffJump is required and not negative (at
// most 18 digits after the point, below 10^18); every disabled rule is a
// named rule, listed once. Every problem is reported at once, as
// *ParamError values joined, at their JSON Pointer ("/disable/1").
func NewLinter(spec LintSpec) (Linter, error) {
	var l errList
	if spec.CliffJump == nil {
		l.add("/cliff_jump", "", wrap(ErrInvalid, "required"))
	} else {
		checkDecimal(&l, "/cliff_jump", *spec.CliffJump, false)
	}
	var bits uint64
	for i, r := range spec.Disable {
		p := "/disable/" + strconv.Itoa(i)
		switch {
		case !r.IsValid():
			l.add(p, r.String(), wrap(ErrInvalid, "not a rule"))
		case bits&(1<<r) != 0:
			l.add(p, r.String(), wrap(ErrDuplicate, "rule listed twice"))
		default:
			bits |= 1 << r
		}
	}
	metrics := checkMetrics(&l, spec.Metrics)
	if err := l.err(); err != nil {
		return Linter{}, err
	}
	s := LintSpec{Disable: slices.Clone(spec.Disable), Metrics: cloneMetrics(spec.Metrics)}
	j := *spec.CliffJump
	s.CliffJump = &j
	return Linter{spec: s, jump: j, disabled: bits, metrics: metrics, valid: true}, nil
}

// checkMetrics validates the declared metrics and indexes them by name.
func checkMetrics(l *errList, ms []MetricRange) map[string]MetricRange {
	if len(ms) > MaxLintMetrics {
		l.add("/metrics", strconv.Itoa(len(ms)), wrap(ErrTooMany, "%d metrics, at most %d", len(ms), MaxLintMetrics))
		return nil
	}
	out := make(map[string]MetricRange, len(ms))
	for i, m := range ms {
		p := "/metrics/" + strconv.Itoa(i)
		if m.Metric == "" || len(m.Metric) > incentive.MaxIDLen {
			l.add(p+"/metric", m.Metric, wrap(ErrInvalid, "a metric name of 1 to %d bytes required", incentive.MaxIDLen))
		} else if _, dup := out[m.Metric]; dup {
			l.add(p+"/metric", m.Metric, wrap(ErrDuplicate, "metric %q declared twice", m.Metric))
		}
		okLo := m.Min == nil || checkDecimal(l, p+"/min", *m.Min, true)
		okHi := m.Max == nil || checkDecimal(l, p+"/max", *m.Max, true)
		if okLo && okHi && m.Min != nil && m.Max != nil && m.Min.Cmp(*m.Max) > 0 {
			l.add(p+"/max", num(*m.Max), wrap(ErrInvalid, "below min %s", num(*m.Min)))
		}
		out[m.Metric] = m
	}
	return out
}

func cloneMetrics(ms []MetricRange) []MetricRange {
	if ms == nil {
		return nil
	}
	out := make([]MetricRange, len(ms))
	for i, m := range ms {
		out[i] = MetricRange{Metric: m.Metric, Min: clonePtr(m.Min), Max: clonePtr(m.Max)}
	}
	return out
}

func clonePtr(d *decimal.Decimal) *decimal.Decimal {
	if d == nil {
		return nil
	}
	v := *d
	return &v
}

// ParseLinter decodes a lint options document strictly (unknown or
// repeated members, null, a JSON number for cliff_jump, documents over
// MaxLintBytes or deeper than MaxLintDepth are a *ParamError at the
// member's JSON Pointer, matching ErrInvalid and the strictjson sentinel)
// and validates it as NewLinter does.
func ParseLinter(data []byte) (Linter, error) {
	return parse(data, strictjson.Limits{MaxBytes: MaxLintBytes, MaxDepth: MaxLintDepth}, NewLinter)
}

// MustParseLinter is ParseLinter that panics on error, for literals in
// tests and examples.
func MustParseLinter(doc string) Linter {
	l, err := ParseLinter([]byte(doc))
	if err != nil {
		panic(err)
	}
	return l
}

// IsValid reports whether l was built by NewLinter or ParseLinter.
func (l Linter) IsValid() bool { return l.valid }

// Spec returns a copy of the options l was built from.
func (l Linter) Spec() LintSpec {
	s := LintSpec{Disable: slices.Clone(l.spec.Disable), Metrics: cloneMetrics(l.spec.Metrics)}
	if l.spec.CliffJump != nil {
		j := *l.spec.CliffJump
		s.CliffJump = &j
	}
	return s
}

// Equal reports whether l and o have the same threshold (numerically),
// disable the same rules and declare the same metrics in the same order.
func (l Linter) Equal(o Linter) bool {
	return l.valid == o.valid && l.disabled == o.disabled && l.jump.Equal(o.jump) &&
		slices.EqualFunc(l.spec.Metrics, o.spec.Metrics, MetricRange.Equal)
}

// MarshalJSON writes the options document ParseLinter reads.
func (l Linter) MarshalJSON() ([]byte, error) {
	if !l.valid {
		return nil, wrap(ErrInvalid, "the zero Linter has no options")
	}
	return strictjson.Marshal(l.spec)
}

// UnmarshalJSON is ParseLinter.
func (l *Linter) UnmarshalJSON(b []byte) error {
	v, err := ParseLinter(b)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

func (l Linter) on(r Check) bool { return l.disabled&(1<<r) == 0 }

// Detail is one named figure of a Finding, exact and unrounded, in the
// unit its name says (the plan currency, or the component's measure).
type Detail struct {
	Name  string          `json:"name"`
	Value decimal.Decimal `json:"value"`
}

// Equal reports whether d and o have the same name and numerically equal
// values.
func (d Detail) Equal(o Detail) bool { return d.Name == o.Name && d.Value.Equal(o.Value) }

// Finding is one static finding of Lint: which rule, how severe, where in
// the plan document (a JSON Pointer such as
// "/components/0/schedule/tiers/2"; "" for the plan as a whole), an
// English message and the exact figures behind it.
type Finding struct {
	Check     Check    `json:"check"`
	Severity  Severity `json:"severity"`
	Path      string   `json:"path"`
	Component string   `json:"component,omitzero"`
	Version   string   `json:"version,omitzero"`
	Message   string   `json:"message"`
	Details   []Detail `json:"details,omitzero"`
}

// Equal reports whether f and o are equal field by field (figures
// numerically).
func (f Finding) Equal(o Finding) bool {
	return f.Check == o.Check && f.Severity == o.Severity && f.Path == o.Path &&
		f.Component == o.Component && f.Version == o.Version && f.Message == o.Message &&
		slices.EqualFunc(f.Details, o.Details, Detail.Equal)
}

// Detail returns the figure named name, and whether f has one.
func (f Finding) Detail(name string) (decimal.Decimal, bool) {
	for _, d := range f.Details {
		if d.Name == name {
			return d.Value, true
		}
	}
	return decimal.Decimal{}, false
}

// Report is the result of Lint: the findings, most severe first, and the
// plan's exposure.
type Report struct {
	Plan        string    `json:"plan"`
	PlanVersion string    `json:"plan_version"`
	PlanHash    string    `json:"plan_hash"`
	Findings    []Finding `json:"findings"`
	Exposure    Exposure  `json:"exposure"`
}

// Equal reports whether r and o are equal field by field.
func (r Report) Equal(o Report) bool {
	return r.Plan == o.Plan && r.PlanVersion == o.PlanVersion && r.PlanHash == o.PlanHash &&
		slices.EqualFunc(r.Findings, o.Findings, Finding.Equal) && r.Exposure.Equal(o.Exposure)
}

// Worst returns the highest severity among the findings, or
// SeverityUnspecified when there is none.
func (r Report) Worst() Severity {
	w := SeverityUnspecified
	for _, f := range r.Findings {
		w = max(w, f.Severity)
	}
	return w
}

// MarshalJSON encodes the report deterministically.
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	return strictjson.Marshal(plain(r))
}

// Lint checks p statically, without transactions: every rule that l does
// not disable runs on every component, and the findings are sorted by
// severity (most severe first), then by path (array indices compared as
// numbers), rule and message, so the report never depends on map order.
// The exposure (see Exposure) is always computed; the ExposureBound rule
// only decides whether it is also reported as a finding. It fails only for
// the zero Linter (ErrInvalid) or an invalid plan (ErrPlan).
func (l Linter) Lint(p incentive.Plan) (Report, error) {
	if !l.valid {
		return Report{}, wrap(ErrInvalid, "the zero Linter has no options")
	}
	if !p.IsValid() {
		return Report{}, wrap(ErrPlan, "the zero Plan")
	}
	r := l.lint(p.Spec())
	r.PlanHash = p.Hash()
	return r, nil
}

// lint runs the rules on a valid spec (a plan's, or a draft whose
// components are each valid).
func (l Linter) lint(spec incentive.PlanSpec) Report {
	comps := compile(spec)
	var fs []Finding
	for _, c := range comps {
		fs = l.component(fs, c)
		if l.on(ClosedGate) {
			fs = l.closedGates(fs, c)
		}
		if t := c.spec.Team; t != nil && t.Share == incentive.ShareByWeight && l.on(SplitSum) {
			parts := make([]splitPart, 0, len(t.Members))
			for _, m := range t.Members {
				if m.Weight != nil {
					parts = append(parts, splitPart{who: m.Recipient.String(), share: *m.Weight})
				}
			}
			fs = splitSum(fs, c.path+"/team/members", c.spec.ID, "team member weights", parts)
		}
	}
	if l.on(VersionGap) || l.on(VersionOverlap) {
		fs = l.gaps(fs, comps)
	}
	exp := exposure(spec, comps, spec.Rounding, spec.Places)
	if l.on(UnbudgetedSpif) {
		fs = unbudgeted(fs, comps, exp)
	}
	if l.on(DoublePay) {
		fs = doublePay(fs, comps)
	}
	if l.on(ExposureBound) {
		fs = append(fs, exp.finding(spec))
	}
	sortFindings(fs)
	return Report{Plan: spec.ID, PlanVersion: spec.Version, Findings: fs, Exposure: exp}
}

// sortFindings orders findings by severity (most severe first), then by
// path (array indices compared as numbers), rule and message.
func sortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), comparePaths(a.Path, b.Path),
			cmp.Compare(a.Check, b.Check), strings.Compare(a.Message, b.Message))
	})
}

// component runs the schedule rules on one component.
func (l Linter) component(fs []Finding, c comp) []Finding {
	n := len(c.spec.Schedule.Tiers)
	unreachable := -1
	for j := 1; j < n; j++ {
		below, at, ok := c.bound(j)
		if !ok {
			continue
		}
		if c.cap != nil && unreachable < 0 && c.lowAt(c.from(j), at).Cmp(*c.cap) >= 0 {
			unreachable = j
			if l.on(UnreachableTier) {
				fs = append(fs, c.finding(UnreachableTier, Warning, c.tierPath(j),
					fmt.Sprintf("the component cap %s is reached at the bound of tier %d of %d (%s %s, paying at least %s): tiers %d to %d never pay more than the cap",
						c.amt(*c.cap), j+1, n, num(c.from(j)), c.unit, c.amt(c.lowAt(c.from(j), at)), j+1, n),
					Detail{"bound", c.from(j)}, Detail{"payout_at_bound", c.lowAt(c.from(j), at)}, Detail{"cap", *c.cap}))
			}
		}
		jump := at.Sub(below)
		switch {
		case jump.Sign() < 0 && l.on(NegativeMarginal):
			fs = append(fs, c.finding(NegativeMarginal, Critical, c.tierPath(j),
				fmt.Sprintf("the schedule pays less on entering tier %d at %s %s than just below it: %s instead of %s, a fall of %s",
					j+1, num(c.from(j)), c.unit, c.amt(at), c.amt(below), c.amt(jump.Neg())),
				Detail{"bound", c.from(j)}, Detail{"payout_below", below}, Detail{"payout_at_bound", at}, Detail{"jump", jump}))
		case jump.Sign() > 0 && retroactive(c.spec.Schedule.Mode) && jump.Cmp(l.jump) >= 0 && l.on(Cliff) && (unreachable < 0 || unreachable == j):
			lo, hi := below, at
			if c.cap != nil {
				lo, hi = decimal.Min(lo, *c.cap), decimal.Min(hi, *c.cap)
			}
			if d := hi.Sub(lo); d.Sign() > 0 && d.Cmp(l.jump) >= 0 {
				fs = append(fs, c.finding(Cliff, Warning, c.tierPath(j),
					fmt.Sprintf("%s tier %d of %d starts at %s %s: the payout jumps by %s there (%s just below, %s on entering the tier)",
						c.spec.Schedule.Mode, j+1, n, num(c.from(j)), c.unit, c.amt(d), c.amt(lo), c.amt(hi)),
					Detail{"bound", c.from(j)}, Detail{"payout_below", lo}, Detail{"payout_at_bound", hi}, Detail{"jump", d}))
			}
		}
	}
	if l.on(NegativeMarginal) {
		fs = c.linearDips(fs)
	}
	if l.on(UnreachableAccelerator) && c.cap != nil && c.accel != nil && c.accel.quota != nil {
		q := *c.accel.quota
		sq := c.sched.Payout(q).Mul(c.minMult)
		if sq.Cmp(*c.cap) >= 0 {
			fs = append(fs, c.finding(UnreachableAccelerator, Warning, c.path+"/modifiers/0",
				fmt.Sprintf("the component cap %s is reached at or before the accelerator's quota %s %s (the schedule pays %s there): the accelerator never pays",
					c.amt(*c.cap), num(q), c.unit, c.amt(sq)),
				Detail{"quota", q}, Detail{"payout_at_quota", sq}, Detail{"cap", *c.cap}))
		}
	}
	return fs
}

// retroactive reports whether a tier's rate applies to the whole volume,
// so that crossing a bound re-prices everything below it.
func retroactive(m tier.Mode) bool { return m == tier.AllUnits || m == tier.RetroFromThreshold }

// linearDips reports the segments of a linear schedule on which the
// payout rate(x)·x falls: with s = (r_{i+1} − r_i)/(a_{i+1} − a_i) < 0 the
// slope r_i + s·(2x − a_i) is least at x = a_{i+1}, and it is negative
// there exactly when r_i·(a_{i+1} − a_i) + (r_{i+1} − r_i)·(2a_{i+1} − a_i)
// < 0 (multiplied through by a_{i+1} − a_i > 0: no division).
func (c comp) linearDips(fs []Finding) []Finding {
	if c.spec.Schedule.Mode != tier.Linear {
		return fs
	}
	ts := c.spec.Schedule.Tiers
	for i := 0; i+1 < len(ts); i++ {
		a0, a1 := ts[i].From, ts[i+1].From
		r0, r1 := rateOf(ts[i]), rateOf(ts[i+1])
		if r1.Cmp(r0) >= 0 {
			continue
		}
		slope := r0.Mul(a1.Sub(a0)).Add(r1.Sub(r0).Mul(a1.Add(a1).Sub(a0)))
		if slope.Sign() >= 0 {
			continue
		}
		fs = append(fs, c.finding(NegativeMarginal, Critical, c.tierPath(i+1),
			fmt.Sprintf("between the knots at %s and %s %s the rate falls from %s to %s faster than the volume rises: the payout falls before %s",
				num(a0), num(a1), c.unit, num(r0), num(r1), num(a1)),
			Detail{"from", a0}, Detail{"to", a1}, Detail{"rate_from", r0}, Detail{"rate_to", r1},
			Detail{"payout_from", r0.Mul(a0)}, Detail{"payout_to", r1.Mul(a1)}))
	}
	return fs
}

// gaps reports the days between consecutive versions of one component ID
// on which no version is effective, and (in a draft: incentive.NewPlan
// rejects them) versions effective on the same day.
func (l Linter) gaps(fs []Finding, comps []comp) []Finding {
	byID := map[string][]comp{}
	for _, c := range comps {
		byID[c.spec.ID] = append(byID[c.spec.ID], c)
	}
	for _, vs := range byID {
		slices.SortFunc(vs, func(a, b comp) int {
			return a.spec.EffectiveFrom.Time().Compare(b.spec.EffectiveFrom.Time())
		})
		for k := 1; k < len(vs); k++ {
			a, b := vs[k-1].spec, vs[k].spec
			over := false
			for j := range k {
				if o := vs[j].spec; o.EffectiveUntil.IsZero() || o.EffectiveUntil.Time().After(b.EffectiveFrom.Time()) {
					over = true
					if l.on(VersionOverlap) {
						fs = overlap(fs, vs[j], vs[k])
					}
				}
			}
			if over || !a.EffectiveUntil.Time().Before(b.EffectiveFrom.Time()) || !l.on(VersionGap) {
				continue
			}
			days := int64(b.EffectiveFrom.Time().Sub(a.EffectiveUntil.Time()) / (24 * time.Hour))
			fs = append(fs, vs[k].finding(VersionGap, Warning, vs[k].path+"/effective_from",
				fmt.Sprintf("no version of component %q is effective from %s until %s (%d days, between versions %q and %q): its transactions pay nothing then",
					b.ID, a.EffectiveUntil, b.EffectiveFrom, days, a.Version, b.Version),
				Detail{"days", decimal.NewFromInt(days)}))
		}
	}
	return fs
}

// comparePaths orders JSON Pointers token by token, numeric tokens as
// numbers, so that /components/2 comes before /components/10.
func comparePaths(a, b string) int {
	for a != "" && b != "" {
		var x, y string
		x, a = nextToken(a)
		y, b = nextToken(b)
		if c := compareTokens(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// nextToken splits a non-empty JSON Pointer into its first reference
// token and the rest (which starts with "/", or is empty).
func nextToken(p string) (string, string) {
	p = p[1:]
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i], p[i:]
	}
	return p, ""
}

// compareTokens compares two reference tokens, as numbers when both are
// array indices.
func compareTokens(x, y string) int {
	i, ex := strconv.Atoi(x)
	j, ey := strconv.Atoi(y)
	if ex == nil && ey == nil {
		return cmp.Compare(i, j)
	}
	return strings.Compare(x, y)
}

// num writes an exact figure in plain notation, without trailing zeros
// after the point.
func num(d decimal.Decimal) string {
	s := money.FormatDecimal(d, 0)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// amt writes an exact figure of the plan currency.
func (c comp) amt(d decimal.Decimal) string { return num(d) + " " + c.cur }

// checkDecimal reports a decimal outside 0 ≤ |d| < 10^18 with at most 18
// places, or a negative one unless signed.
func checkDecimal(l *errList, path string, d decimal.Decimal, signed bool) bool {
	switch {
	case !signed && d.Sign() < 0:
		l.add(path, money.FormatDecimal(d, 0), wrap(ErrInvalid, "must not be negative"))
	case !d.Equal(d.Truncate(18)) || d.Abs().Cmp(decimal.New(1, 18)) >= 0:
		l.add(path, money.FormatDecimal(d, 0), wrap(ErrInvalid, "at most 18 digits after the point and below 10^18"))
	default:
		return true
	}
	return false
}
