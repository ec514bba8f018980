// Command deal-desk is for a PRM backend developer wiring deal-registration
// protection into a quoting flow (packages dealreg and pricing). It loads the
// programme's policy, compiles its protection part into a pricing.Protection,
// prices the registered owner's quote and every competing partner's
// quote as price waterfalls under the policy's discount stacking, checks that
// the owner stays at least the policy's minimum advantage below every
// competitor, and, when special pricing has undercut the owner, prints the
// violation and the special-pricing discount that restores the owner's
// advantage, with the restored waterfall. A last table shows the same deal
// under other stacking policies.
//
//	go run ./examples/deal-desk
//	go run ./examples/deal-desk -policy policy.json -quotes deal.json -stacking additive
//
// Both documents are strict JSON (unknown or duplicate members, null and
// numbers for amounts or rates are errors with a JSON Pointer). The policy
// is dealreg's (dealreg.ParsePolicy); a desk that only checks protection
// gives only its protection part (registration_discount,
// vendor_leads_registrable, min_advantage, pricing), no lifecycle rules.
// The quotes document is a pricing.Contest with the customer's name:
//
//	{"id": "D-1", "list": "84000.00 USD", "cost": "30000.00 USD" (only for a margin floor),
//	 "owner": {"partner": "P-1", "discounts": [{"kind": "tier", "name": "gold tier", "rate": "12%"}]},
//	 "competitors": [{"partner": "P-2", "discounts": [...]}]}
//
// with discount kinds tier, registration, special-pricing and promotion.
// The owner's registration discount comes from the policy, so the owner's
// quote must not list one; a competitor may carry a secondary registrant's
// reduced one.
package main

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/partnerecon/partnerecon/dealreg"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/strictjson"
)

//go:embed testdata/policy.json testdata/quotes.json
var sample embed.FS

type quotesDoc struct {
	Deal        string        `json:"id"`
	Customer    string        `json:"customer,omitzero"`
	List        money.Amount  `json:"list"`
	Cost        money.Amount  `json:"cost,omitzero"`
	Owner       pricing.Bid   `json:"owner"`
	Competitors []pricing.Bid `json:"competitors"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "deal-desk:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("deal-desk", flag.ContinueOnError)
	policyPath := fs.String("policy", "", "deal-registration policy JSON `file` (default: embedded sample)")
	quotesPath := fs.String("quotes", "", "owner and competitor quotes JSON `file` (default: embedded sample)")
	var stacking pricing.Stacking
	fs.TextVar(&stacking, "stacking", pricing.StackingUnspecified, "override the policy's `stacking` (additive, compounding, best-of, …)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (see -h)", fs.Args())
	}
	name, data, err := load(*policyPath, "testdata/policy.json")
	if err != nil {
		return err
	}
	p, err := dealreg.ParsePolicy(data)
	if err != nil {
		return fmt.Errorf("policy %s: %w", name, err)
	}
	if stacking != pricing.StackingUnspecified {
		if p, err = withStacking(p, stacking); err != nil {
			return err
		}
	}
	name, data, err = load(*quotesPath, "testdata/quotes.json")
	if err != nil {
		return err
	}
	doc, d, err := parseQuotes(data, p)
	if err != nil {
		return fmt.Errorf("quotes %s: %w", name, err)
	}
	prot, err := p.Protection()
	if err != nil {
		return fmt.Errorf("policy %s: %w", name, err)
	}
	r, err := prot.Check(d)
	if err != nil {
		return fmt.Errorf("quotes %s: %w", name, err)
	}
	fmt.Fprintf(w, "Deal %s: %s, list %s\n", d.ID, doc.Customer, d.List)
	fmt.Fprintf(w, "Policy: registration discount %s, %s stacking, owner at least %s of list (%s) below every competitor\n",
		p.RegistrationDiscount().FormatPercent(), prot.Policy().Stacking(), prot.MinAdvantage().FormatPercent(), display(prot.MinAdvantageFor(d.List)))
	for i, b := range append([]pricing.Bid{d.Owner}, d.Competitors...) {
		q, err := quote(prot.Policy(), d, b)
		if err != nil {
			return err // not reached: Check has priced every bid
		}
		role := "competitor"
		if i == 0 {
			role = "registered owner"
		}
		waterfall(w, fmt.Sprintf("%s (%s)", b.Partner, role), q)
	}

	fmt.Fprintf(w, "\nProtection: owner net %s, best competitor %s at %s: advantage %s (minimum %s)\n",
		r.OwnerQuote.Net, r.BestCompetitor, r.CompetitorNet, r.Advantage, display(r.MinAdvantage))
	if !r.Violated {
		fmt.Fprintln(w, "  protected: the registration holds")
	} else {
		cause := "not by special pricing (the owner would be undercut without it too)"
		if r.BySpecialPricing {
			cause = "by the competitors' special pricing: it nullifies the registration"
		}
		fmt.Fprintf(w, "  VIOLATED by %s, %s\n", r.Violation, cause)
		if !r.Restore.Possible {
			fmt.Fprintf(w, "  no special-pricing discount restores it: %s\n", r.Restore.Reason.Sentence())
		} else {
			fmt.Fprintf(w, "  the owner needs special pricing of %s (rounded up, so it suffices):\n", r.Restore.Special.FormatPercent())
			waterfall(w, d.Owner.Partner+" with the restoring special price", r.Restore.Quote)
		}
	}

	fmt.Fprintf(w, "\nThe same deal under other stacking policies:\n  %-12s %16s %16s %16s %10s\n", "stacking", "owner net", "competitor net", "advantage", "restore")
	for _, s := range []pricing.Stacking{pricing.Additive, pricing.Compounding, pricing.BestOf} {
		q, err := withStacking(p, s)
		if err != nil {
			return err
		}
		qp, err := q.Protection()
		if err != nil {
			return err
		}
		r, err := qp.Check(d)
		if err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
		restore := "—"
		if r.Violated && r.Restore.Possible {
			restore = r.Restore.Special.FormatPercent()
		}
		fmt.Fprintf(w, "  %-12s %16s %16s %16s %10s\n", s, r.OwnerQuote.Net, r.CompetitorNet, r.Advantage, restore)
	}
	return nil
}

// parseQuotes reads the quotes document strictly (at most 1 MiB, nesting
// at most 6 deep) and turns it into the contest under policy p.
func parseQuotes(data []byte, p dealreg.Policy) (quotesDoc, pricing.Contest, error) {
	var doc quotesDoc
	if err := strictjson.Unmarshal(data, &doc, strictjson.Limits{MaxBytes: 1 << 20, MaxDepth: 6}, strictjson.RatesWithUnit()); err != nil {
		return doc, pricing.Contest{}, err
	}
	d, err := contest(doc, p)
	return doc, d, err
}

// contest turns the quotes document into a pricing.Contest, adding the
// policy's registration discount to the owner's bid.
func contest(doc quotesDoc, p dealreg.Policy) (pricing.Contest, error) {
	for i, x := range doc.Owner.Discounts {
		if x.Kind == pricing.RegistrationDiscount {
			return pricing.Contest{}, fmt.Errorf("/owner/discounts/%d/kind: the owner's registration discount comes from the policy (%s); remove it",
				i, p.RegistrationDiscount().FormatPercent())
		}
	}
	owner := pricing.Bid{Partner: doc.Owner.Partner, Discounts: append(slices.Clone(doc.Owner.Discounts),
		pricing.Discount{Kind: pricing.RegistrationDiscount, Name: "deal registration", Rate: p.RegistrationDiscount()})}
	return pricing.Contest{ID: doc.Deal, List: doc.List, Cost: doc.Cost, Owner: owner, Competitors: doc.Competitors}, nil
}

// quote prices one bid of the contest, with the vendor's cost when the
// document gives one (a margin floor needs it).
func quote(pp pricing.Policy, d pricing.Contest, b pricing.Bid) (pricing.Quote, error) {
	if d.Cost.IsValid() && !d.Cost.IsZero() {
		return pp.QuoteWithCost(d.List, d.Cost, b.Discounts)
	}
	return pp.Quote(d.List, b.Discounts)
}

// waterfall prints a quote step by step: the rate offered, the rate applied
// under the stacking policy, the step's amount and the running net.
func waterfall(w io.Writer, title string, q pricing.Quote) {
	fmt.Fprintf(w, "\n%s, %s:\n  %-30s %9s %9s %16s %16s\n", title, q.Stacking, "step", "offered", "applied", "amount", "net")
	fmt.Fprintf(w, "  %-30s %9s %9s %16s %16s\n", "list", "", "", "", q.List)
	for _, s := range q.Steps {
		applied := s.Rate.FormatPercent()
		if !s.Applied {
			applied = "dropped"
		}
		fmt.Fprintf(w, "  %-30s %9s %9s %16s %16s\n", s.Name, s.Offered.FormatPercent(), applied, s.Amount.Neg(), s.Net)
	}
}

// display rounds an exact amount (a threshold such as the minimum
// advantage, compared exactly by pricing) to the currency's minor unit for
// display only.
func display(a money.Amount) string {
	s, err := a.Format(a.Currency().Digits(), money.HalfEven)
	if err != nil {
		return err.Error()
	}
	return s
}

// load reads path, or the embedded sample file when path is empty.
func load(path, embedded string) (string, []byte, error) {
	if path == "" {
		data, err := sample.ReadFile(embedded)
		return "embedded " + embedded, data, err
	}
	data, err := os.ReadFile(path)
	return path, data, err
}

// withStacking returns p with another stacking policy: a compiled policy
// is changed through its open form, then compiled again. A cap or
// priority order the new stacking does not use is dropped (a pricing
// policy must not carry members it does not use).
func withStacking(p dealreg.Policy, s pricing.Stacking) (dealreg.Policy, error) {
	spec := p.Spec()
	spec.Pricing.Stacking = s
	if s != pricing.CappedSum {
		spec.Pricing.Cap = nil
	}
	if s != pricing.Priority {
		spec.Pricing.Priority = nil
	}
	return dealreg.NewPolicy(spec)
}
