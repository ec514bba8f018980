package conformance_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/loyalty"
	"github.com/partnerecon/partnerecon/mdf/attribution"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/tier"
)

// dir holds the vector files, at the module root.
const dir = "../../testdata/conformance"

// Format and Version are what every vector file must declare; a file of
// another format or version fails the test rather than being skipped.
const (
	Format  = "partnerecon-conformance"
	Version = 1
)

// file is one vector file.
type file struct {
	Format      string   `json:"format"`
	Version     int      `json:"version"`
	Area        string   `json:"area"`
	Description string   `json:"description"`
	Vectors     []vector `json:"vectors"`
}

// vector is one case: an operation's input and its expected output,
// with the hand calculation and its source.
type vector struct {
	Name     string          `json:"name"`
	Op       string          `json:"op"`
	Source   string          `json:"source"`
	Hand     string          `json:"hand"`
	Input    json.RawMessage `json:"input"`
	Expected json.RawMessage `json:"expected"`
}

// ops maps each operation to the function that runs a vector through the
// public API and reports every difference from the expected output.
var ops = map[string]func(t *testing.T, in, want json.RawMessage){
	"tier.payout":            tierPayout,
	"money.allocate":         moneyAllocate,
	"money.split":            moneySplit,
	"capacity.concentration": concentration,
	"pricing.quote":          pricingQuote,
	"pricing.protection":     pricingProtection,
	"attribution.attribute":  attribute,
	"incentive.accrue":       accrue,
	"loyalty.score":          loyaltyScore,
	"loyalty.walk":           loyaltyWalk,
	"margin.identity":        marginIdentity,
	"margin.convert":         marginConvert,
	"margin.gross_up":        marginGrossUp,
	"margin.cost_plus":       marginCostPlus,
	"margin.stack":           marginStack,
}

// areas lists the files the vectors must cover, so that a file removed by
// mistake fails the test.
var areas = []string{"allocation", "attribution", "concentration", "loyalty", "margin", "pricing", "tier", "true-ups"}

// TestVectors runs every vector of every file. (Checked to fail with one
// expected figure of tier.json changed: 3000 → 3001; and with margin.json's
// half-down tie 138.87 → 138.88, a markup 2/3 → 0.6667, a guard and an
// error path changed.)
func TestVectors(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no vector files in %s (%v)", dir, err)
	}
	var seen []string
	for _, path := range paths {
		f := readFile(t, path)
		seen = append(seen, f.Area)
		for _, v := range f.Vectors {
			t.Run(f.Area+"/"+v.Name, func(t *testing.T) {
				if v.Source == "" || strings.TrimSpace(v.Hand) == "" {
					t.Errorf("vector has no source or hand calculation")
				}
				run, ok := ops[v.Op]
				if !ok {
					t.Fatalf("unknown op %q", v.Op)
				}
				run(t, v.Input, v.Expected)
			})
		}
	}
	slices.Sort(seen)
	if !slices.Equal(seen, areas) {
		t.Errorf("areas %v, want %v", seen, areas)
	}
}

func readFile(t *testing.T, path string) file {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f file
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if f.Format != Format || f.Version != Version {
		t.Fatalf("%s: format %q version %d, want %q version %d", path, f.Format, f.Version, Format, Version)
	}
	if len(f.Vectors) == 0 {
		t.Fatalf("%s: no vectors", path)
	}
	return f
}

// decode reads a vector's input or expected output strictly.
func decode(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
}

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := money.ParseDecimal(s)
	if err != nil {
		t.Fatalf("decimal %q: %v", s, err)
	}
	return d
}

func amount(t *testing.T, s string) money.Amount {
	t.Helper()
	a, err := money.Parse(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return a
}

// ratio reads an exact ratio written "num/den" or as a decimal.
func ratio(t *testing.T, s string) capacity.Ratio {
	t.Helper()
	num, den, found := strings.Cut(s, "/")
	if !found {
		den = "1"
	}
	r, err := capacity.NewRatio(dec(t, num), dec(t, den))
	if err != nil {
		t.Fatalf("ratio %q: %v", s, err)
	}
	return r
}

// check reports a figure that differs from the expected one.
func check(t *testing.T, what string, equal bool, got, want any) {
	t.Helper()
	if !equal {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func tierPayout(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Schedule json.RawMessage `json:"schedule"`
		Volume   string          `json:"volume"`
	}
	var w struct {
		Payout string `json:"payout"`
		Tier   int    `json:"tier"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	s, err := tier.ParseSchedule(i.Schedule)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Evaluate(dec(t, i.Volume))
	check(t, "payout", r.Payout.Equal(dec(t, w.Payout)), r.Payout, w.Payout)
	check(t, "tier", r.Tier == w.Tier, r.Tier, w.Tier)
}

type partsOut struct {
	Parts []string `json:"parts"`
}

func checkParts(t *testing.T, got []money.Amount, want partsOut) {
	t.Helper()
	if len(got) != len(want.Parts) {
		t.Fatalf("%d parts %v, want %d", len(got), got, len(want.Parts))
	}
	for k, p := range want.Parts {
		check(t, fmt.Sprintf("part %d", k), got[k].Equal(amount(t, p)), got[k], p)
	}
}

func moneyAllocate(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Total   string `json:"total"`
		Weights []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"weights"`
	}
	var w partsOut
	decode(t, in, &i)
	decode(t, want, &w)
	var ws []money.Weight
	for _, x := range i.Weights {
		ws = append(ws, money.Weight{Key: x.Key, Value: dec(t, x.Value)})
	}
	parts, err := money.Allocate(amount(t, i.Total), ws)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, parts, w)
}

func moneySplit(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Total string `json:"total"`
		N     int    `json:"n"`
	}
	var w partsOut
	decode(t, in, &i)
	decode(t, want, &w)
	parts, err := money.Split(amount(t, i.Total), i.N)
	if err != nil {
		t.Fatal(err)
	}
	checkParts(t, parts, w)
}

func concentration(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Revenues []struct {
			ID      string `json:"id"`
			Revenue string `json:"revenue"`
		} `json:"revenues"`
	}
	var w struct {
		TopK []struct {
			K     int    `json:"k"`
			Share string `json:"share"`
		} `json:"top_k"`
		TopShare []struct {
			P            string `json:"p"`
			Partners     int    `json:"partners"`
			PartnerShare string `json:"partner_share"`
			RevenueShare string `json:"revenue_share"`
		} `json:"top_share"`
		ForShare []struct {
			Share    string `json:"share"`
			Partners int    `json:"partners"`
		} `json:"partners_for_share"`
		HHI        string `json:"hhi"`
		Equivalent string `json:"equivalent_partners"`
		Gini       string `json:"gini"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	var rs []capacity.PartnerRevenue
	for _, r := range i.Revenues {
		rs = append(rs, capacity.PartnerRevenue{ID: r.ID, Revenue: amount(t, r.Revenue)})
	}
	c, err := capacity.NewConcentration(rs)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range w.TopK {
		got, err := c.TopK(k.K)
		if err != nil {
			t.Fatal(err)
		}
		check(t, fmt.Sprintf("top %d", k.K), got.Equal(ratio(t, k.Share)), got, k.Share)
	}
	for _, s := range w.TopShare {
		got, err := c.TopShare(money.MustRate(s.P))
		if err != nil {
			t.Fatal(err)
		}
		check(t, "top "+s.P+" partners", got.Partners == s.Partners, got.Partners, s.Partners)
		check(t, "top "+s.P+" partner share", got.PartnerShare.Equal(ratio(t, s.PartnerShare)), got.PartnerShare, s.PartnerShare)
		check(t, "top "+s.P+" revenue share", got.RevenueShare.Equal(ratio(t, s.RevenueShare)), got.RevenueShare, s.RevenueShare)
	}
	for _, s := range w.ForShare {
		got, err := c.PartnersForShare(money.MustRate(s.Share))
		if err != nil {
			t.Fatal(err)
		}
		check(t, "partners for "+s.Share, got.Partners == s.Partners, got.Partners, s.Partners)
	}
	check(t, "hhi", c.HHI().Equal(ratio(t, w.HHI)), c.HHI(), w.HHI)
	check(t, "equivalent partners", c.EquivalentPartners().Equal(ratio(t, w.Equivalent)), c.EquivalentPartners(), w.Equivalent)
	check(t, "gini", c.Gini().Equal(ratio(t, w.Gini)), c.Gini(), w.Gini)
}

func pricingQuote(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Policy    json.RawMessage    `json:"policy"`
		List      string             `json:"list"`
		Cost      string             `json:"cost"`
		Discounts []pricing.Discount `json:"discounts"`
	}
	var w struct {
		Net     string            `json:"net"`
		Clamped bool              `json:"clamped"`
		Steps   map[string]string `json:"steps"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	p, err := pricing.ParsePolicy(i.Policy)
	if err != nil {
		t.Fatal(err)
	}
	var q pricing.Quote
	if i.Cost != "" {
		q, err = p.QuoteWithCost(amount(t, i.List), amount(t, i.Cost), i.Discounts)
	} else {
		q, err = p.Quote(amount(t, i.List), i.Discounts)
	}
	if err != nil {
		t.Fatal(err)
	}
	check(t, "net", q.Net.Equal(amount(t, w.Net)), q.Net, w.Net)
	check(t, "clamped", q.Clamped == w.Clamped, q.Clamped, w.Clamped)
	for name, a := range w.Steps {
		k := slices.IndexFunc(q.Steps, func(s pricing.Step) bool { return s.Name == name })
		if k < 0 {
			t.Errorf("no step %q", name)
			continue
		}
		check(t, "step "+name, q.Steps[k].Amount.Equal(amount(t, a)), q.Steps[k].Amount, a)
	}
}

func pricingProtection(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Protection json.RawMessage `json:"protection"`
		Contest    pricing.Contest `json:"contest"`
	}
	var w struct {
		OwnerNet         string `json:"owner_net"`
		CompetitorNet    string `json:"competitor_net"`
		Violated         bool   `json:"violated"`
		Violation        string `json:"violation"`
		BySpecialPricing bool   `json:"by_special_pricing"`
		Restore          *struct {
			Possible bool   `json:"possible"`
			Special  string `json:"special"`
			Net      string `json:"net"`
		} `json:"restore"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	p, err := pricing.ParseProtection(i.Protection)
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Check(i.Contest)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "owner net", r.OwnerQuote.Net.Equal(amount(t, w.OwnerNet)), r.OwnerQuote.Net, w.OwnerNet)
	check(t, "competitor net", r.CompetitorNet.Equal(amount(t, w.CompetitorNet)), r.CompetitorNet, w.CompetitorNet)
	check(t, "violated", r.Violated == w.Violated, r.Violated, w.Violated)
	check(t, "violation", r.Violation.Equal(amount(t, w.Violation)), r.Violation, w.Violation)
	check(t, "by special pricing", r.BySpecialPricing == w.BySpecialPricing, r.BySpecialPricing, w.BySpecialPricing)
	if w.Restore != nil {
		check(t, "restore possible", r.Restore.Possible == w.Restore.Possible, r.Restore.Possible, w.Restore.Possible)
		check(t, "restore special", r.Restore.Special.Equal(money.MustRate(w.Restore.Special)), r.Restore.Special, w.Restore.Special)
		check(t, "restore net", r.Restore.Quote.Net.Equal(amount(t, w.Restore.Net)), r.Restore.Quote.Net, w.Restore.Net)
	}
}

func attribute(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Rule     json.RawMessage `json:"rule"`
		Journeys json.RawMessage `json:"journeys"`
	}
	var w struct {
		Total     string            `json:"total"`
		Converted int               `json:"converted"`
		Journeys  int               `json:"journeys"`
		Credits   map[string]string `json:"credits"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	rule, err := attribution.ParseRule(i.Rule)
	if err != nil {
		t.Fatal(err)
	}
	js, err := attribution.ParseJourneys(i.Journeys)
	if err != nil {
		t.Fatal(err)
	}
	r, err := rule.Attribute(js)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "total", r.Total.Equal(dec(t, w.Total)), r.Total, w.Total)
	check(t, "converted", r.Converted == w.Converted, r.Converted, w.Converted)
	check(t, "journeys", r.Journeys == w.Journeys, r.Journeys, w.Journeys)
	check(t, "channels", len(r.Credits) == len(w.Credits), len(r.Credits), len(w.Credits))
	for ch, v := range w.Credits {
		check(t, "credit "+ch, r.Credit(ch).Equal(dec(t, v)), r.Credit(ch), v)
	}
}

type entryOut struct {
	Kind      string              `json:"kind"`
	Run       string              `json:"run"`
	Window    string              `json:"window"`
	Recipient incentive.Recipient `json:"recipient"`
	Component string              `json:"component"`
	Amount    string              `json:"amount"`
	Target    string              `json:"target"`
}

func accrue(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Steps []struct {
			Run       string `json:"run"`
			Window    string `json:"window"`
			Estimates []struct {
				Recipient incentive.Recipient `json:"recipient"`
				Component string              `json:"component"`
				Amount    string              `json:"amount"`
			} `json:"estimates"`
		} `json:"steps"`
	}
	var w struct {
		Added [][]entryOut `json:"added"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	if len(w.Added) != len(i.Steps) {
		t.Fatalf("%d expected entry lists for %d steps", len(w.Added), len(i.Steps))
	}
	var l incentive.Ledger
	for s, st := range i.Steps {
		var est []incentive.Estimate
		for _, e := range st.Estimates {
			est = append(est, incentive.Estimate{Recipient: e.Recipient, Component: e.Component, Amount: dec(t, e.Amount)})
		}
		var added []incentive.Entry
		var err error
		l, added, err = l.Accrue(st.Run, st.Window, est)
		if err != nil {
			t.Fatalf("step %d: %v", s, err)
		}
		if len(added) != len(w.Added[s]) {
			t.Fatalf("step %d: %d entries %v, want %d", s, len(added), added, len(w.Added[s]))
		}
		for _, x := range w.Added[s] {
			k := slices.IndexFunc(added, func(e incentive.Entry) bool {
				return e.Kind.String() == x.Kind && e.Run == x.Run && e.Window == x.Window && e.Recipient == x.Recipient &&
					e.Component == x.Component && e.Amount.Equal(dec(t, x.Amount)) && e.Target.Equal(dec(t, x.Target))
			})
			check(t, fmt.Sprintf("step %d entry", s), k >= 0, added, x)
		}
	}
}

func loyaltyScore(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Scorer   json.RawMessage           `json:"scorer"`
		At       time.Time                 `json:"at"`
		Partners []loyalty.PartnerActivity `json:"partners"`
	}
	var w struct {
		Partners []struct {
			ID       string            `json:"id"`
			Rolling  string            `json:"rolling"`
			Band     string            `json:"band"`
			Lifetime string            `json:"lifetime"`
			Pillars  map[string]string `json:"pillars"`
		} `json:"partners"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	s, err := loyalty.ParseScorer(i.Scorer)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Score(i.Partners, i.At)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "partners", r.Len() == len(w.Partners), r.Len(), len(w.Partners))
	for _, p := range w.Partners {
		got, ok := r.Find(p.ID)
		if !ok {
			t.Errorf("no score for %q", p.ID)
			continue
		}
		check(t, p.ID+" rolling", got.Rolling.Score.Equal(dec(t, p.Rolling)), got.Rolling.Score, p.Rolling)
		check(t, p.ID+" band", got.Rolling.Band == p.Band, got.Rolling.Band, p.Band)
		check(t, p.ID+" lifetime", got.Lifetime.Score.Equal(dec(t, p.Lifetime)), got.Lifetime.Score, p.Lifetime)
		for _, pl := range got.Rolling.Pillars {
			if v, ok := p.Pillars[pl.Pillar]; ok {
				check(t, p.ID+" "+pl.Pillar, pl.Points.Equal(dec(t, v)), pl.Points, v)
			}
		}
	}
}

func loyaltyWalk(t *testing.T, in, want json.RawMessage) {
	var i struct {
		Ladder  json.RawMessage    `json:"ladder"`
		History []loyalty.Snapshot `json:"history"`
	}
	var w struct {
		Level       string    `json:"level"`
		AtRisk      bool      `json:"at_risk"`
		BelowSince  time.Time `json:"below_since"`
		DemotionDue time.Time `json:"demotion_due"`
		Next        string    `json:"next"`
		Changes     int       `json:"changes"`
		Risks       []string  `json:"risks"`
		Gaps        []string  `json:"gaps"`
	}
	decode(t, in, &i)
	decode(t, want, &w)
	l, err := loyalty.ParseLadder(i.Ladder)
	if err != nil {
		t.Fatal(err)
	}
	st, err := l.Walk(i.History)
	if err != nil {
		t.Fatal(err)
	}
	reasons := func(s []loyalty.Shortfall) []string {
		var out []string
		for _, x := range s {
			out = append(out, x.Reason)
		}
		return out
	}
	check(t, "level", st.Level == w.Level, st.Level, w.Level)
	check(t, "at risk", st.AtRisk == w.AtRisk, st.AtRisk, w.AtRisk)
	check(t, "below since", st.BelowSince.Equal(w.BelowSince), st.BelowSince, w.BelowSince)
	check(t, "demotion due", st.DemotionDue.Equal(w.DemotionDue), st.DemotionDue, w.DemotionDue)
	check(t, "next", st.Next == w.Next, st.Next, w.Next)
	check(t, "changes", len(st.Changes) == w.Changes, len(st.Changes), w.Changes)
	check(t, "risks", slices.Equal(reasons(st.Risks), w.Risks), reasons(st.Risks), w.Risks)
	check(t, "gaps", slices.Equal(reasons(st.Gaps), w.Gaps), reasons(st.Gaps), w.Gaps)
}
