package incentive

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// scenario is the file format of testdata/scenarios/*.json: a plan, a
// period, recipient facts, transactions and the expected payouts, each
// with the hand calculation beside it ("hand").
type scenario struct {
	Description  string         `json:"description"`
	Plan         PlanSpec       `json:"plan"`
	Period       scenarioPeriod `json:"period"`
	Facts        []scenarioFact `json:"facts,omitzero"`
	Transactions []scenarioTx   `json:"transactions"`
	Expected     struct {
		Lines []struct {
			Recipient string          `json:"recipient"`
			Component string          `json:"component"`
			Amount    decimal.Decimal `json:"amount"`
			Hand      string          `json:"hand"`
			Sentence  string          `json:"sentence,omitzero"`
		} `json:"lines"`
		Total decimal.Decimal `json:"total"`
		Hand  string          `json:"hand,omitzero"`
	} `json:"expected"`
}

type scenarioPeriod struct {
	ID    string `json:"id"`
	Label string `json:"label,omitzero"`
	From  Date   `json:"from"`
	Until Date   `json:"until"`
}

type scenarioFact struct {
	Recipient Recipient                  `json:"recipient"`
	Baselines map[string]decimal.Decimal `json:"baselines,omitzero"`
	Quotas    map[string]decimal.Decimal `json:"quotas,omitzero"`
	Metrics   map[string]decimal.Decimal `json:"metrics,omitzero"`
}

type scenarioTx struct {
	ID         string          `json:"id"`
	Date       Date            `json:"date"`
	Kind       Kind            `json:"kind"`
	Partner    string          `json:"partner"`
	Rep        string          `json:"rep,omitzero"`
	Amount     decimal.Decimal `json:"amount,omitzero"`
	Units      decimal.Decimal `json:"units,omitzero"`
	Motion     Motion          `json:"motion,omitzero"`
	Billing    Billing         `json:"billing,omitzero"`
	Category   string          `json:"category,omitzero"`
	Event      string          `json:"event,omitzero"`
	Corrects   string          `json:"corrects,omitzero"`
	Repeat     int             `json:"repeat,omitzero"`
	Territory  string          `json:"territory,omitzero"`
	Authorised bool            `json:"authorised,omitzero"`
	Credits    []Credit        `json:"credits,omitzero"`
}

func (s scenario) inputs(t *testing.T) (Plan, Period, Facts, []Transaction) {
	t.Helper()
	p, err := NewPlan(s.Plan)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	per := NewPeriod(s.Period.ID, s.Period.From, s.Period.Until)
	per.Label = s.Period.Label
	f := Facts{}
	for _, x := range s.Facts {
		f[x.Recipient] = RecipientFacts{Baselines: x.Baselines, Quotas: x.Quotas, Metrics: x.Metrics}
	}
	var txs []Transaction
	for _, x := range s.Transactions {
		tx := Transaction{ID: x.ID, Date: x.Date.Time(), Kind: x.Kind, PartnerID: x.Partner, RepID: x.Rep,
			Units: x.Units, Motion: x.Motion, Billing: x.Billing, Category: x.Category, Event: x.Event,
			Corrects: x.Corrects, Territory: x.Territory, Authorised: x.Authorised, Credits: x.Credits}
		if x.Kind != QualifyingEvent {
			tx.Amount = money.New(x.Amount, p.Currency())
		}
		for range max(x.Repeat, 1) {
			txs = append(txs, tx)
		}
	}
	return p, per, f, txs
}

func TestGoldenScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var s scenario
			if err := strictjson.Unmarshal(data, &s, strictjson.Limits{}); err != nil {
				t.Fatalf("scenario file: %v", err)
			}
			p, per, f, txs := s.inputs(t)
			r, err := Evaluate(p, per, f, slices.Values(txs))
			if err != nil {
				t.Fatalf("Evaluate: %v", err)
			}
			if len(r.Lines) != len(s.Expected.Lines) {
				for _, l := range r.Lines {
					t.Logf("got %s %s %s", l.Recipient(), l.Component(), l.Amount())
				}
				t.Fatalf("got %d lines, want %d", len(r.Lines), len(s.Expected.Lines))
			}
			for i, want := range s.Expected.Lines {
				got := r.Lines[i]
				if got.Recipient().String() != want.Recipient || got.Component() != want.Component {
					t.Fatalf("line %d is %s/%s, want %s/%s", i, got.Recipient(), got.Component(), want.Recipient, want.Component)
				}
				if !got.Amount().Equal(want.Amount) {
					t.Errorf("%s/%s: got %s, want %s (hand: %s)\ntrace: %s", want.Recipient, want.Component,
						got.Amount(), want.Amount, want.Hand, got.Trace().Sentence())
				}
				if want.Sentence != "" && got.Trace().Sentence() != want.Sentence {
					t.Errorf("%s/%s sentence:\n got: %s\nwant: %s", want.Recipient, want.Component, got.Trace().Sentence(), want.Sentence)
				}
			}
			if !r.Total().Equal(s.Expected.Total) {
				t.Errorf("total %s, want %s (hand: %s)", r.Total(), s.Expected.Total, s.Expected.Hand)
			}
		})
	}
}
