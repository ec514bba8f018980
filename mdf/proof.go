package mdf

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
)

// EvidenceItem is one item of proof of performance: an invoice (with its
// amount), an attendee, a lead, an e-mail recipient or a piece of media.
// ID identifies it within its kind (an invoice number, a lead ID); At is
// when it was issued or captured (optional).
type EvidenceItem struct {
	Kind   EvidenceKind `json:"kind"`
	ID     string       `json:"id"`
	Amount money.Amount `json:"amount,omitzero"`
	At     time.Time    `json:"at,omitzero"`
}

// Equal reports whether two items are the same (amounts compared
// numerically, times with time.Time.Equal).
func (e EvidenceItem) Equal(o EvidenceItem) bool {
	return e.Kind == o.Kind && e.ID == o.ID && e.Amount.Equal(o.Amount) && e.At.Equal(o.At)
}

// Claim is what a partner submits: the activity's eligible cost and its
// proof of performance. Its JSON members are "cost" and "proof".
type Claim struct {
	Cost  money.Amount   `json:"cost"`
	Proof []EvidenceItem `json:"proof,omitzero"`
}

// Equal reports whether two claims are the same.
func (c Claim) Equal(o Claim) bool {
	return c.Cost.Equal(o.Cost) && slices.EqualFunc(c.Proof, o.Proof, EvidenceItem.Equal)
}

func (c Claim) clone() Claim {
	c.Proof = slices.Clone(c.Proof)
	return c
}

// Gap is one shortfall of a proof of performance. Path is the JSON
// Pointer of the claim member at fault ("/proof" for a missing kind,
// "/proof/3/amount" for one item, "/cost" for invoices that do not cover
// the cost); Evidence the kind concerned (unspecified for "/cost"); Have
// and Need the counts for TooFewItems; Detail a sentence.
type Gap struct {
	Path     string       `json:"path"`
	Reason   GapReason    `json:"reason"`
	Evidence EvidenceKind `json:"evidence,omitzero"`
	Have     int          `json:"have,omitzero"`
	Need     int          `json:"need,omitzero"`
	Detail   string       `json:"detail"`
}

// ProofError reports a claim whose proof has gaps: all of them, in the
// order CheckProof returns. It unwraps to ErrProof; FieldPath is the first
// gap's path.
type ProofError struct {
	Gaps []Gap
}

// Error returns "mdf: /proof: incomplete proof of performance: <n> gaps:
// <detail>; <detail>…".
func (e *ProofError) Error() string {
	details := make([]string, len(e.Gaps))
	for i, g := range e.Gaps {
		details[i] = g.Path + ": " + g.Detail
	}
	return fmt.Sprintf("mdf: incomplete proof of performance: %d gaps: %s", len(e.Gaps), strings.Join(details, "; "))
}

// Unwrap returns ErrProof.
func (e *ProofError) Unwrap() error { return ErrProof }

// FieldPath returns the first gap's path.
func (e *ProofError) FieldPath() string {
	if len(e.Gaps) == 0 {
		return "/proof"
	}
	return e.Gaps[0].Path
}

// CheckProof lists every gap of claim c against the evidence the activity
// requires, at once (nil when there is none), in this order: per item,
// in input order, a missing ID, a duplicate ID within its kind, an
// invoice without a positive amount or in another currency than the
// cost, an item dated before activityStart or after claimedAt (when
// either is non-zero and the item has a date); then per required kind, in
// the activity's order, fewer items than its minimum; then, when invoices
// are required, invoices summing to less than the cost. Invoices summing
// to more than the cost are not a gap (the claim may leave costs out).
func CheckProof(act ActivitySpec, c Claim, activityStart, claimedAt time.Time) []Gap {
	var gaps []Gap
	counts := map[EvidenceKind]int{}
	ids := map[EvidenceKind]map[string]bool{}
	cur := c.Cost.Currency()
	invoiced := money.Zero(cur)
	for i, it := range c.Proof {
		p := field.At("proof", i)
		if it.ID == "" {
			gaps = append(gaps, Gap{Path: p + "/id", Reason: MissingItemID, Evidence: it.Kind,
				Detail: it.Kind.String() + " item without an id"})
		} else {
			if ids[it.Kind] == nil {
				ids[it.Kind] = map[string]bool{}
			}
			if ids[it.Kind][it.ID] {
				gaps = append(gaps, Gap{Path: p + "/id", Reason: DuplicateItemID, Evidence: it.Kind,
					Detail: fmt.Sprintf("%s %q appears twice", it.Kind, it.ID)})
				continue
			}
			ids[it.Kind][it.ID] = true
		}
		if it.Kind == Invoice {
			switch {
			case !it.Amount.IsValid() || it.Amount.Sign() <= 0:
				gaps = append(gaps, Gap{Path: p + "/amount", Reason: MissingInvoiceAmount, Evidence: Invoice,
					Detail: fmt.Sprintf("invoice %q has no positive amount", it.ID)})
			case cur.IsValid() && it.Amount.Currency() != cur:
				gaps = append(gaps, Gap{Path: p + "/amount", Reason: InvoiceCurrency, Evidence: Invoice,
					Detail: fmt.Sprintf("invoice %q is in %s, the claim in %s", it.ID, it.Amount.Currency().Code(), cur.Code())})
			default:
				invoiced = plus(invoiced, it.Amount)
			}
		}
		if !it.At.IsZero() && (!activityStart.IsZero() && it.At.Before(activityStart) || !claimedAt.IsZero() && it.At.After(claimedAt)) {
			gaps = append(gaps, Gap{Path: p + "/at", Reason: ItemOutsideActivity, Evidence: it.Kind,
				Detail: fmt.Sprintf("%s %q dated %s, outside the activity", it.Kind, it.ID, it.At.Format(time.DateOnly))})
		}
		if it.ID != "" {
			counts[it.Kind]++
		}
	}
	needInvoices := false
	for _, r := range act.Evidence {
		needInvoices = needInvoices || r.Kind == Invoice
		if have := counts[r.Kind]; have < r.Min {
			gaps = append(gaps, Gap{Path: "/proof", Reason: TooFewItems, Evidence: r.Kind, Have: have, Need: r.Min,
				Detail: fmt.Sprintf("%d %s items, %d required", have, r.Kind, r.Min)})
		}
	}
	if needInvoices && cur.IsValid() && less(invoiced, c.Cost) {
		gaps = append(gaps, Gap{Path: "/cost", Reason: InvoicesShort, Evidence: Invoice,
			Detail: fmt.Sprintf("invoices total %s, the claimed cost is %s", invoiced, c.Cost)})
	}
	return gaps
}

// LeadTouch is a lead captured as proof of performance, ready to be an
// attributable touch: the lead, the partner and campaign that produced it,
// the activity type as the channel, and when it was captured (the item's
// date, or the activity's end when the item has none).
type LeadTouch struct {
	LeadID       string    `json:"lead_id"`
	Partner      string    `json:"partner"`
	Campaign     string    `json:"campaign,omitzero"`
	ActivityType string    `json:"activity_type"`
	Request      string    `json:"request"`
	At           time.Time `json:"at"`
}

// LeadTouches returns the leads of the requests' claims (requests without
// a claim contribute none), sorted by lead ID then request ID, so the
// result does not depend on the order of requests.
func LeadTouches(requests []Request) []LeadTouch {
	var out []LeadTouch
	for _, r := range requests {
		if !r.rec.Claimed {
			continue
		}
		for _, it := range r.rec.Claim.Proof {
			if it.Kind != Leads || it.ID == "" {
				continue
			}
			at := it.At
			if at.IsZero() {
				at = r.rec.ActivityEnd
			}
			out = append(out, LeadTouch{LeadID: it.ID, Partner: r.rec.Spec.Partner, Campaign: r.rec.Spec.Campaign,
				ActivityType: r.rec.Spec.ActivityType, Request: r.rec.Spec.ID, At: at})
		}
	}
	slices.SortFunc(out, func(a, b LeadTouch) int {
		if c := strings.Compare(a.LeadID, b.LeadID); c != 0 {
			return c
		}
		return strings.Compare(a.Request, b.Request)
	})
	return out
}

// DuplicateClaim is one invoice claimed by more than one request: the
// invoice ID and the requests' IDs, sorted.
type DuplicateClaim struct {
	Invoice  string   `json:"invoice"`
	Requests []string `json:"requests"`
}

// DuplicateClaims finds invoices that appear in the claims of two or more
// requests (a claim submitted twice under two requests). The result is
// sorted by invoice ID and does not depend on the order of requests. A
// second claim on one request is refused by Apply itself
// (ErrDuplicateClaim); an invoice twice in one claim is a gap of
// CheckProof.
func DuplicateClaims(requests []Request) []DuplicateClaim {
	by := map[string][]string{}
	for _, r := range requests {
		if !r.rec.Claimed {
			continue
		}
		seen := map[string]bool{}
		for _, it := range r.rec.Claim.Proof {
			if it.Kind == Invoice && it.ID != "" && !seen[it.ID] {
				seen[it.ID] = true
				by[it.ID] = append(by[it.ID], r.rec.Spec.ID)
			}
		}
	}
	var out []DuplicateClaim
	for inv, reqs := range by {
		if len(reqs) > 1 {
			slices.Sort(reqs)
			out = append(out, DuplicateClaim{Invoice: inv, Requests: reqs})
		}
	}
	slices.SortFunc(out, func(a, b DuplicateClaim) int { return strings.Compare(a.Invoice, b.Invoice) })
	return out
}
