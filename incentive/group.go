package incentive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/enum"
	"github.com/partnerecon/partnerecon/internal/field"
	"github.com/partnerecon/partnerecon/money"
	"github.com/partnerecon/partnerecon/strictjson"
)

// Pools and teams: a group of recipients that earns one award, shared
// among its members by a declared rule with exact conservation.

// Documented limits of a group, checked by NewGroup and ParseGroup.
const (
	// MaxGroupBytes is the largest group document ParseGroup reads.
	MaxGroupBytes = 1 << 20
	// MaxGroupDepth is the deepest nesting of a group document
	// (/members/i/recipient/kind has depth 4).
	MaxGroupDepth = 4
	// MaxGroupMembers is the largest number of members of a group.
	MaxGroupMembers = 4096
)

const shareNames enum.Names = "unspecified equal contribution weights"

const shareLabel = "share rule"

// ShareRule says how a group's award is shared among its members. The
// zero value is invalid.
type ShareRule uint8

// Share rules.
const (
	// ShareUnspecified is the invalid zero ShareRule.
	ShareUnspecified ShareRule = iota
	// ShareEqual gives every member the same weight.
	ShareEqual
	// ShareByContribution weights each member by its contribution (its
	// measure in the period, given to GroupSpec's Share); a negative
	// contribution (more returned than sold) weighs zero.
	ShareByContribution
	// ShareByWeight weights each member by its declared GroupMember.Weight.
	ShareByWeight
)

// String returns the rule's name: "equal", "contribution" or "weights".
func (s ShareRule) String() string { return shareNames.String(shareLabel, uint8(s)) }

// IsValid reports whether s is a named rule.
func (s ShareRule) IsValid() bool { return shareNames.IsValid(uint8(s)) }

// MarshalText returns the name; it fails for an invalid rule.
func (s ShareRule) MarshalText() ([]byte, error) { return marshalEnum(shareNames, shareLabel, s) }

// UnmarshalText parses a name as written by MarshalText.
func (s *ShareRule) UnmarshalText(b []byte) error {
	return unmarshalEnum(s, shareNames, shareLabel, b)
}

// ParseShareRule parses "equal", "contribution" or "weights"; other text
// is an *EnumError listing the valid names.
func ParseShareRule(s string) (ShareRule, error) {
	return parseEnum[ShareRule](shareNames, shareLabel, s)
}

// GroupSpec is the declarative form of a pool or team (see ParseGroup):
// its members and the rule that shares its award among them.
type GroupSpec struct {
	// ID identifies the group; Name is free text.
	ID   string `json:"id"`
	Name string `json:"name,omitzero"`
	// Share is the rule that shares an award; required.
	Share ShareRule `json:"share"`
	// Members are the recipients sharing the award: at least one, at
	// most MaxGroupMembers, each once; the order does not matter.
	Members []GroupMember `json:"members"`
}

// GroupMember is one member of a group. Weight is required under
// ShareByWeight (not negative; at least one member's positive) and must be
// absent under the other rules.
type GroupMember struct {
	Recipient Recipient        `json:"recipient"`
	Weight    *decimal.Decimal `json:"weight,omitempty"`
}

// Group is a validated, immutable pool or team. Get one from NewGroup or
// ParseGroup. The zero Group is invalid (IsValid reports false).
type Group struct {
	spec GroupSpec
	hash string
}

// NewGroup validates spec and returns the group. Every problem is
// reported at once (errors.Join) as *PlanError values at the JSON Pointer
// of the group's JSON form ("/members/2/weight"), matching ErrInvalid,
// ErrEnum, ErrDuplicate or ErrTooMany. The group keeps a normalised copy:
// members sorted by recipient ID, then kind; weights without trailing
// zeros.
func NewGroup(spec GroupSpec) (Group, error) {
	var v validator
	if n := len(spec.Members); n > MaxGroupMembers {
		v.add("/members", strconv.Itoa(n), fmt.Errorf("%w: %d members, at most %d", ErrTooMany, n, MaxGroupMembers))
		return Group{}, errors.Join(v.errs...)
	}
	v.id("/id", spec.ID, true)
	v.name("/name", spec.Name)
	if !spec.Share.IsValid() {
		v.add("/share", spec.Share.String(), fmt.Errorf("%w: share rule required (equal, contribution or weights)", ErrEnum))
	}
	if len(spec.Members) == 0 {
		v.add("/members", "", fmt.Errorf("%w: at least one member required", ErrInvalid))
	}
	positive := false
	for i, m := range spec.Members {
		p := field.At("members", i)
		if !m.Recipient.Kind.IsValid() {
			v.add(p+"/recipient/kind", m.Recipient.Kind.String(), fmt.Errorf("%w: recipient kind required", ErrEnum))
		}
		v.id(p+"/recipient/id", m.Recipient.ID, true)
		if j := slices.IndexFunc(spec.Members[:i], func(o GroupMember) bool { return o.Recipient == m.Recipient }); j >= 0 {
			v.add(p+"/recipient", m.Recipient.String(), fmt.Errorf("%w: member repeats /members/%d", ErrDuplicate, j))
		}
		switch {
		case spec.Share == ShareByWeight && m.Weight == nil:
			v.add(p+"/weight", "", fmt.Errorf("%w: required under the weights rule", ErrInvalid))
		case spec.Share == ShareByWeight:
			if v.dec(p+"/weight", *m.Weight, true) && m.Weight.Sign() > 0 {
				positive = true
			}
		case m.Weight != nil:
			v.add(p+"/weight", money.FormatDecimal(*m.Weight, 0), fmt.Errorf("%w: only the weights rule reads a weight", ErrInvalid))
		}
	}
	if spec.Share == ShareByWeight && len(spec.Members) > 0 && !positive && len(v.errs) == 0 {
		v.add("/members", "", fmt.Errorf("%w: at least one member needs a positive weight", ErrInvalid))
	}
	if err := errors.Join(v.errs...); err != nil {
		return Group{}, err
	}
	spec.Members = slices.Clone(spec.Members)
	for i := range spec.Members {
		spec.Members[i].Weight = canonPtr(spec.Members[i].Weight)
	}
	slices.SortFunc(spec.Members, func(a, b GroupMember) int { return a.Recipient.compare(b.Recipient) })
	enc, err := strictjson.Marshal(spec)
	if err != nil {
		return Group{}, &PlanError{Err: fmt.Errorf("%w: canonical encoding failed: %v", ErrInvalid, err)}
	}
	sum := sha256.Sum256(enc)
	return Group{spec: spec, hash: hex.EncodeToString(sum[:])}, nil
}

// ParseGroup decodes a group document strictly (unknown fields, duplicate
// or case-variant keys, null and JSON numbers for weights are
// *strictjson.Error values with their pointer; documents over
// MaxGroupBytes or deeper than MaxGroupDepth are refused) and validates it
// as NewGroup does.
func ParseGroup(data []byte) (Group, error) {
	var spec GroupSpec
	lim := strictjson.Limits{MaxBytes: MaxGroupBytes, MaxDepth: MaxGroupDepth, MaxElements: MaxGroupMembers}
	if err := strictjson.Unmarshal(data, &spec, lim); err != nil {
		var je *strictjson.Error
		if errors.As(err, &je) && errors.Is(err, strictjson.ErrTooLong) {
			return Group{}, &PlanError{Path: je.Path, Err: fmt.Errorf("%w: more than %d members: %w", ErrTooMany, MaxGroupMembers, err)}
		}
		return Group{}, err
	}
	return NewGroup(spec)
}

// MustParseGroup is ParseGroup that panics on error, for literals in tests
// and examples.
func MustParseGroup(data string) Group {
	g, err := ParseGroup([]byte(data))
	if err != nil {
		panic(err)
	}
	return g
}

// IsValid reports whether g was built by NewGroup or ParseGroup.
func (g Group) IsValid() bool { return g.hash != "" }

// ID returns the group ID.
func (g Group) ID() string { return g.spec.ID }

// Hash returns the hex SHA-256 of the group's canonical encoding.
func (g Group) Hash() string { return g.hash }

// Equal reports whether g and o have the same content hash.
func (g Group) Equal(o Group) bool { return g.hash == o.hash }

// Spec returns a deep copy of the group's normalised specification.
func (g Group) Spec() GroupSpec {
	s := g.spec
	s.Members = slices.Clone(s.Members)
	for i := range s.Members {
		s.Members[i].Weight = clonePtr(s.Members[i].Weight)
	}
	return s
}

// MarshalJSON returns the canonical encoding (the input of Hash).
func (g Group) MarshalJSON() ([]byte, error) {
	if !g.IsValid() {
		return nil, fmt.Errorf("%w: zero group", ErrInvalid)
	}
	return strictjson.Marshal(g.spec)
}

// UnmarshalJSON is ParseGroup.
func (g *Group) UnmarshalJSON(b []byte) error {
	q, err := ParseGroup(b)
	if err != nil {
		return err
	}
	*g = q
	return nil
}

// GroupAward is an award shared among a group's members: each member's
// weight and amount, sorted by recipient ID, then kind. The amounts sum
// exactly to Award.
type GroupAward struct {
	Group  string        `json:"group"`
	Share  ShareRule     `json:"share"`
	Award  money.Amount  `json:"award"`
	Places int32         `json:"places"`
	Shares []MemberShare `json:"shares"`
}

// MemberShare is one member's part of a GroupAward: the weight it was
// shared by (1 under ShareEqual, the contribution floored at zero, or the
// declared weight) and the amount.
type MemberShare struct {
	Recipient Recipient       `json:"recipient"`
	Weight    decimal.Decimal `json:"weight"`
	Amount    decimal.Decimal `json:"amount"`
}

// Equal compares numerically.
func (m MemberShare) Equal(o MemberShare) bool {
	return m.Recipient == o.Recipient && m.Weight.Equal(o.Weight) && m.Amount.Equal(o.Amount)
}

// Equal compares numerically.
func (a GroupAward) Equal(o GroupAward) bool {
	return a.Group == o.Group && a.Share == o.Share && a.Award.Equal(o.Award) && a.Places == o.Places &&
		slices.EqualFunc(a.Shares, o.Shares, MemberShare.Equal)
}

// Share shares award among g's members by g's rule, in whole units of
// places (0 ≤ places ≤ the currency's digits; award must already be a
// whole number of them: Share never rounds). Every member's part is
// award × weight / Σ weights rounded down in units of the last place; the
// units left over go one each to the largest remainders, ties by
// recipient ("kind:ID", ascending) — money.Allocate's rule — so the parts
// sum exactly to award, never depend on the order of members or of
// contributions, and a negative award is shared as the mirror of the
// positive one.
//
// contributions, read under ShareByContribution only, maps every member
// to its contribution (its measure in the period); a missing member is a
// *DataError matching ErrMissingFact at "/contributions/kind:ID", a
// recipient that is not a member one matching ErrData, and so is a
// group whose contributions are all zero or negative.
func (g Group) Share(award money.Amount, places int32, contributions map[Recipient]decimal.Decimal) (GroupAward, error) {
	if !g.IsValid() {
		return GroupAward{}, fmt.Errorf("%w: zero group", ErrInvalid)
	}
	d := award.Decimal()
	cur := award.Currency()
	switch {
	case !award.IsValid():
		return GroupAward{}, &DataError{Path: "/award", Err: fmt.Errorf("%w: award required", ErrData)}
	case places < 0 || places > cur.Digits():
		return GroupAward{}, &DataError{Path: "/places", Value: strconv.Itoa(int(places)), Err: fmt.Errorf("%w: places must be in [0, %d] for %s", ErrData, cur.Digits(), cur.Code())}
	case money.CheckRange("award", d) != nil:
		return GroupAward{}, &DataError{Path: "/award", Value: money.FormatDecimal(d, 0), Err: fmt.Errorf("%w: %w", ErrData, money.CheckRange("award", d))}
	case !d.Equal(d.Truncate(places)):
		return GroupAward{}, &DataError{Path: "/award", Value: money.FormatDecimal(d, 0), Err: fmt.Errorf("%w: not a whole number of units of %d places (round it first)", ErrData, places)}
	}
	weights := make([]money.Weight, len(g.spec.Members))
	for i, m := range g.spec.Members {
		w := decimal.New(1, 0)
		switch g.spec.Share {
		case ShareByWeight:
			w = *m.Weight
		case ShareByContribution:
			c, ok := contributions[m.Recipient]
			if !ok {
				return GroupAward{}, &DataError{Recipient: m.Recipient.String(), Path: field.At("contributions", m.Recipient.String()),
					Err: fmt.Errorf("%w: no contribution for member %s of group %q", ErrMissingFact, m.Recipient, g.spec.ID)}
			}
			if err := factRange(m.Recipient, field.At("contributions", m.Recipient.String()), c); err != nil {
				return GroupAward{}, err
			}
			w = decimal.Max(c, decimal.Decimal{})
		case ShareEqual, ShareUnspecified:
		}
		weights[i] = money.Weight{Key: m.Recipient.String(), Value: w}
	}
	if g.spec.Share == ShareByContribution {
		for _, r := range sortedRecipients(contributions) {
			if !slices.ContainsFunc(g.spec.Members, func(m GroupMember) bool { return m.Recipient == r }) {
				return GroupAward{}, &DataError{Recipient: r.String(), Path: field.At("contributions", r.String()),
					Err: fmt.Errorf("%w: %s is not a member of group %q", ErrData, r, g.spec.ID)}
			}
		}
		if !slices.ContainsFunc(weights, func(w money.Weight) bool { return w.Value.Sign() > 0 }) {
			return GroupAward{}, &DataError{Path: "/contributions", Err: fmt.Errorf("%w: no member of group %q contributed", ErrData, g.spec.ID)}
		}
	}
	parts, err := money.AllocateUnits(d.Shift(places).BigInt(), weights)
	if err != nil {
		return GroupAward{}, err
	}
	out := GroupAward{Group: g.spec.ID, Share: g.spec.Share, Award: award, Places: places, Shares: make([]MemberShare, len(parts))}
	for i, m := range g.spec.Members {
		out.Shares[i] = MemberShare{Recipient: m.Recipient, Weight: weights[i].Value, Amount: decimal.NewFromBigInt(parts[i], -places)}
	}
	return out, nil
}

// sortedRecipients returns the keys of m in order, so that the first
// error reported does not depend on map order.
func sortedRecipients(m map[Recipient]decimal.Decimal) []Recipient {
	out := make([]Recipient, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, Recipient.compare)
	return out
}

// Sentence renders the award as one English sentence, e.g.
//
//	team-west's award of 1,000.00 USD shared by contribution (largest
//	remainder in units of 0.01, ties by recipient): rep:ana 333.34 (weight
//	5,000.00), rep:bo 666.66 (weight 10,000.00).
func (a GroupAward) Sentence() string {
	cur := a.Award.Currency()
	var b strings.Builder
	b.WriteString(a.Group + "'s award of " + group(a.Award.Decimal(), cur.Digits()) + " " + cur.Code() + " shared ")
	switch a.Share {
	case ShareEqual:
		b.WriteString("equally")
	case ShareByContribution:
		b.WriteString("by contribution")
	case ShareByWeight:
		b.WriteString("by declared weights")
	case ShareUnspecified:
	}
	b.WriteString(" (largest remainder in units of " + money.FormatDecimal(decimal.New(1, -a.Places), a.Places) + ", ties by recipient): ")
	for i, s := range a.Shares {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s.Recipient.String() + " " + group(s.Amount, a.Places))
		if a.Share != ShareEqual {
			b.WriteString(" (weight " + groupCanon(s.Weight, 0) + ")")
		}
	}
	b.WriteString(".")
	return b.String()
}
