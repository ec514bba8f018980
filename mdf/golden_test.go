package mdf_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// goldenFile is testdata/scenarios.json: hand-worked figures a finance
// reader reviews without reading Go.
type goldenFile struct {
	About string `json:"about"`
	Coop  struct {
		Rate     money.Rate         `json:"rate"`
		Cap      money.Amount       `json:"cap"`
		Rounding money.RoundingMode `json:"rounding"`
		Steps    []struct {
			Purchases money.Amount `json:"purchases"`
			Accrual   money.Amount `json:"accrual"`
			Available money.Amount `json:"available"`
			Hand      string       `json:"hand"`
		} `json:"steps"`
	} `json:"coop"`
	Lifecycle struct {
		Allot money.Amount `json:"allot"`
		Steps []struct {
			At           time.Time        `json:"at"`
			New          *mdf.RequestSpec `json:"new,omitempty"`
			Request      string           `json:"request,omitzero"`
			Event        mdf.RequestEvent `json:"event,omitzero"`
			State        mdf.RequestState `json:"state,omitzero"`
			Balance      *mdf.Balance     `json:"balance,omitempty"`
			ClaimDue     time.Time        `json:"claim_due,omitzero"`
			Reimbursable money.Amount     `json:"reimbursable,omitzero"`
			Error        string           `json:"error,omitzero"`
			Gaps         int              `json:"gaps,omitzero"`
			Hand         string           `json:"hand"`
		} `json:"steps"`
	} `json:"lifecycle"`
	Returns []struct {
		By        string         `json:"by"`
		Campaigns []mdf.Campaign `json:"campaigns"`
		Groups    []goldenFigs   `json:"groups"`
		Total     goldenFigs     `json:"total"`
	} `json:"returns"`
}

type goldenFigs struct {
	Key                string `json:"key"`
	ROI                string `json:"roi"`
	RevenuePerSpend    string `json:"revenue_per_spend"`
	CostPerLead        string `json:"cost_per_lead"`
	CostPerOpportunity string `json:"cost_per_opportunity"`
	PipelinePerSpend   string `json:"pipeline_per_spend"`
	Utilisation        string `json:"utilisation"`
	Hand               string `json:"hand"`
}

var goldenErrors = map[string]error{
	"insufficient": mdf.ErrInsufficient, "proof": mdf.ErrProof, "duplicate-claim": mdf.ErrDuplicateClaim,
}

func loadGolden(t *testing.T) goldenFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "scenarios.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g goldenFile
	if err := strictjson.Unmarshal(data, &g, strictjson.Limits{}); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGoldenCoop(t *testing.T) {
	g := loadGolden(t).Coop
	f := mdf.MustNewFund(mdf.FundSpec{ID: "coop", Kind: mdf.Coop, Currency: usd, OpensAt: t0, ExpiresAt: day(365),
		Coop: &mdf.CoopTerms{Rate: &g.Rate, Cap: &g.Cap, Rounding: g.Rounding}})
	for i, s := range g.Steps {
		next, got, err := f.Accrue(s.Purchases, day(i+1))
		if err != nil {
			t.Fatalf("step %d (%s): %v", i, s.Hand, err)
		}
		if !got.Equal(s.Accrual) || !next.Available().Equal(s.Available) {
			t.Errorf("step %d: accrual %v available %v, want %v %v (%s)", i, got, next.Available(), s.Accrual, s.Available, s.Hand)
		}
		f = next
	}
}

func TestGoldenLifecycle(t *testing.T) {
	g := loadGolden(t).Lifecycle
	p := programme()
	f := must(discretionary("F").Allot(g.Allot, t0))
	reqs := map[string]mdf.Request{}
	for i, s := range g.Steps {
		var (
			r   mdf.Request
			nf  mdf.Fund
			err error
		)
		if s.New != nil {
			r, nf, err = mdf.NewRequest(*s.New, f, p, s.At)
		} else {
			r, nf, err = reqs[s.Request].Apply(s.Event, f, p, s.At)
		}
		if s.Error != "" {
			if !errors.Is(err, goldenErrors[s.Error]) {
				t.Fatalf("step %d: %v, want %s (%s)", i, err, s.Error, s.Hand)
			}
			var pe *mdf.ProofError
			if errors.As(err, &pe) && len(pe.Gaps) != s.Gaps {
				t.Errorf("step %d: gaps %+v, want %d", i, pe.Gaps, s.Gaps)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: %v (%s)", i, err, s.Hand)
		}
		f, reqs[r.ID()] = nf, r
		if r.State() != s.State {
			t.Errorf("step %d: state %s, want %s", i, r.State(), s.State)
		}
		if s.Balance != nil && !f.Balance().Equal(*s.Balance) {
			t.Errorf("step %d: balance %+v, want %+v (%s)", i, f.Balance(), *s.Balance, s.Hand)
		}
		if !s.ClaimDue.IsZero() && !r.ClaimDue().Equal(s.ClaimDue) {
			t.Errorf("step %d: claim due %v, want %v (%s)", i, r.ClaimDue(), s.ClaimDue, s.Hand)
		}
		if s.Reimbursable.IsValid() && !r.Reimbursable().Equal(s.Reimbursable) {
			t.Errorf("step %d: reimbursable %v, want %v (%s)", i, r.Reimbursable(), s.Reimbursable, s.Hand)
		}
	}
}

func TestGoldenReturns(t *testing.T) {
	for _, sc := range loadGolden(t).Returns {
		t.Run(sc.By, func(t *testing.T) {
			rep, err := mdf.Measure(sc.Campaigns, sc.By)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Groups) != len(sc.Groups) {
				t.Fatalf("%d groups, want %d", len(rep.Groups), len(sc.Groups))
			}
			for i, want := range sc.Groups {
				if rep.Groups[i].Key != want.Key {
					t.Errorf("group %d: key %q, want %q", i, rep.Groups[i].Key, want.Key)
				}
				checkFigs(t, want, rep.Groups[i].Returns)
			}
			checkFigs(t, sc.Total, rep.Total)
		})
	}
}

func checkFigs(t *testing.T, want goldenFigs, got mdf.Returns) {
	t.Helper()
	for _, c := range []struct {
		name string
		want string
		got  mdf.Figure
	}{
		{"roi", want.ROI, got.ROI}, {"revenue_per_spend", want.RevenuePerSpend, got.RevenuePerSpend},
		{"cost_per_lead", want.CostPerLead, got.CostPerLead}, {"cost_per_opportunity", want.CostPerOpportunity, got.CostPerOpportunity},
		{"pipeline_per_spend", want.PipelinePerSpend, got.PipelinePerSpend}, {"utilisation", want.Utilisation, got.Utilisation},
	} {
		w := mdf.Figure{Status: mdf.Defined}
		if st, err := mdf.ParseFigureStatus(c.want); err == nil {
			w.Status = st
		} else {
			w.Value = dec(c.want)
		}
		if !c.got.Equal(w) {
			t.Errorf("%s %s: %v %s, want %s (%s)", want.Key, c.name, c.got.Value, c.got.Status, c.want, want.Hand)
		}
	}
}
