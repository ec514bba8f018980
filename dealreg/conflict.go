package dealreg

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/partnerecon/partnerecon/money"
)

// CustomerKey is the normalised identity of a customer (NormaliseCustomer).
// Two registrations are for the same customer when their keys have the
// same Country and the same non-empty Name or the same non-empty Domain.
type CustomerKey struct {
	Name, Domain, Country string
}

// NormaliseCustomer returns c's key: NormaliseName, NormaliseDomain and
// the country code trimmed and upper-cased.
func NormaliseCustomer(c Customer) CustomerKey {
	return CustomerKey{
		Name:    NormaliseName(c.Name),
		Domain:  NormaliseDomain(c.Domain),
		Country: strings.ToUpper(strings.TrimSpace(c.Country)),
	}
}

// SameCustomer reports whether two keys denote the same customer.
func (k CustomerKey) SameCustomer(o CustomerKey) bool {
	return k.Country == o.Country &&
		(k.Name != "" && k.Name == o.Name || k.Domain != "" && k.Domain == o.Domain)
}

// NormaliseName returns the comparable form of a company name: Unicode
// compatibility decomposition with accents removed, lower case, '.' and
// '\” deleted (so "S.A." is "sa"), '&' read as "and", any other
// non-letter, non-digit as a space, and trailing legal-form words (inc,
// ltd, llc, gmbh, sa, ag, plc, corp, co, bv, …, possibly several, joined
// by "and") removed unless nothing would be left. "ACME, Inc." and
// "Acme Incorporated" are both "acme"; "Société Générale S.A." is
// "societe generale".
func NormaliseName(s string) string {
	if len(s) > 1024 {
		s = s[:1024]
	}
	if !isASCII(s) {
		s = norm.NFKD.String(s)
	}
	// Build the lower-case text with single spaces between tokens.
	buf := make([]byte, 0, len(s)+8)
	space := false
	word := func(w string) {
		if space && len(buf) > 0 {
			buf = append(buf, ' ')
		}
		space = false
		buf = append(buf, w...)
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.', r == '\'', r == '’':
		case r == '&':
			space = true
			word("and")
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			space = false
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			space = true
		}
	}
	out := string(buf)
	// Strip trailing legal-form words while another word remains.
	for {
		i := strings.LastIndexByte(out, ' ')
		if i < 0 {
			return out
		}
		last := out[i+1:]
		if isLegalForm(last) {
			out = out[:i]
			continue
		}
		if last == "and" {
			if j := strings.LastIndexByte(out[:i], ' '); isLegalForm(out[j+1 : i]) {
				out = out[:i]
				continue
			}
		}
		return out
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isLegalForm reports whether tok is a legal-form word.
func isLegalForm(tok string) bool {
	switch tok {
	case "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited",
		"llc", "llp", "lp", "plc", "gmbh", "mbh", "ag", "kg", "kgaa", "ug", "se", "sa", "sas",
		"sarl", "srl", "spa", "sl", "slu", "bv", "nv", "ab", "as", "asa", "oy", "oyj", "kk",
		"pty", "pte", "pvt", "sdn", "bhd", "ltda", "cv", "de", "rl":
		return true
	}
	return false
}

// NormaliseDomain returns the comparable form of a web domain: lower case,
// without scheme, user, port, path, leading "www." or trailing dots.
// "https://WWW.Acme.com/x" is "acme.com". NormaliseDomain(NormaliseDomain(s))
// is NormaliseDomain(s).
func NormaliseDomain(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	// Spaces and dots at the end and "www." at the start, as often as they
	// occur ("www.www.acme.com. " is "acme.com"), so that a normalised
	// domain normalises to itself.
	for {
		t := strings.TrimPrefix(strings.TrimRight(strings.TrimSpace(s), "."), "www.")
		if t == s {
			return s
		}
		s = t
	}
}

// Conflict is a pair of registrations for the same customer
// (CustomerKey.SameCustomer) with overlapping product lines whose claims
// overlap in time. A registration claims its deal from submission until it
// is rejected, withdrawn, won or lost, or its protection expires
// (Registration.Open); two claims overlap when one was submitted while the
// other still held its claim — typically within the other's protection
// window. A registration without product lines claims every product of
// its customer. A < B.
//
// Under fuzzy matching (MatchSpec) "the same customer" is
// Policy.MatchCustomers, and the conflict carries its Score and Signals;
// under exact matching SameName and SameDomain are the reasons and Score
// and Signals are left zero.
type Conflict struct {
	A, B         string   // registration IDs, A < B
	SameName     bool     // the normalised names match (fuzzy: a name variant matches)
	SameDomain   bool     // the normalised domains match (fuzzy: the registrable domains)
	ProductLines []string // the overlapping product lines, normalised and sorted
	// Score is the similarity score (fuzzy matching only), truncated to
	// ScorePlaces places.
	Score money.Rate
	// Signals lists the evidence (fuzzy matching only), in Signal order,
	// ending with SignalProductLines.
	Signals []Signal
	// From is when the claims began to overlap (the later submission);
	// Until is when the overlap ended (the earlier end of the two claims),
	// or the zero time if both claims still held at the index's instant.
	From, Until time.Time
}

// Equal reports whether two conflicts are the same.
func (c Conflict) Equal(o Conflict) bool {
	return c.A == o.A && c.B == o.B && c.SameName == o.SameName && c.SameDomain == o.SameDomain &&
		slices.Equal(c.ProductLines, o.ProductLines) && c.From.Equal(o.From) && c.Until.Equal(o.Until) &&
		c.Score.Equal(o.Score) && slices.Equal(c.Signals, o.Signals)
}

// Index holds the registrations of a programme that had claimed their
// deals by one instant, indexed by normalised customer key, for conflict
// checks that are not quadratic: building it is O(n) hashing, a check
// against it looks at the registrations with the same key only.
//
// Under fuzzy matching (NewMatchIndex with a policy whose MatchSpec is
// fuzzy) the registrations are hashed by blocking keys instead, each
// registration's identity normalised once: the name tokens of every
// NameVariants form; for a one-word name its first four runes; for a name
// of several tokens the pairs of a token and the first rune of another
// (among the first four tokens); and the registrable domain. Only
// registrations sharing a key are scored, two names of several tokens
// only under a pair or domain key ("Acme Bank" and "Acme Logistics" share
// a token but no pair, and are not scored), each pair once, and pairs
// whose token lengths alone keep the score below the threshold are
// skipped without computing Jaro-Winkler. The keys are a heuristic, not a
// bound: names that share no such key (typos in every word) and whose
// domains differ are not compared.
type Index struct {
	at     time.Time
	m      matcher
	regs   []indexed
	byName map[bucketKey][]int32
	byDom  map[bucketKey][]int32
	// Fuzzy matching only: the blocking keys, numbered in order of first
	// appearance, and the registrations under each.
	blockID map[string]int32
	blocks  [][]int32
	tokKey  []bool // the block is a name-token key ("t…", see blockKeys)
}

// bucketKey is a country-qualified normalised name or domain.
type bucketKey struct{ country, value string }

type indexed struct {
	id    string
	key   CustomerKey
	lines []string // normalised, sorted, unique; nil means "any product"
	claim claimSpan
	won   bool     // the claim ended, by the instant of the index, in a win
	reg   int      // position in the input
	ident identity // fuzzy matching only
	bkeys []int32  // fuzzy matching only: its blocking keys' numbers, sorted
}

// NewIndex indexes the registrations whose claim had begun by time at
// (submitted at or before at; see Conflict), as they stood at at: a claim
// that ends after at still holds at at. Drafts and registrations withdrawn
// before submission are ignored. An empty ID is a *FieldError
// (ErrMissingField, "/registrations/<i>/id") and two registrations with
// one ID a *DuplicateIDError.
func NewIndex(regs []Registration, at time.Time) (Index, error) { return newIndex(regs, at, matcher{}) }

// NewMatchIndex is NewIndex under the policy's matching (MatchSpec):
// exact keys, as NewIndex, or fuzzy matching with its blocking keys.
func NewMatchIndex(regs []Registration, at time.Time, p Policy) (Index, error) {
	return newIndex(regs, at, p.match)
}

func newIndex(regs []Registration, at time.Time, m matcher) (Index, error) {
	idx := Index{at: at, m: m}
	if m.fuzzy {
		idx.blockID = make(map[string]int32, 2*len(regs))
	} else {
		idx.byName, idx.byDom = make(map[bucketKey][]int32, len(regs)), make(map[bucketKey][]int32, len(regs))
	}
	idx.regs = make([]indexed, 0, len(regs))
	ids := newIDSet("registration", len(regs))
	for i, r := range regs {
		if err := ids.check("registrations", i, r.rec.ID); err != nil {
			return Index{}, err
		}
		c := r.claim()
		if !c.ok || at.Before(c.from) {
			continue
		}
		idx.add(r, c.asOf(at), i)
	}
	return idx, nil
}

func (idx *Index) add(r Registration, c claimSpan, i int) {
	var id identity
	var k CustomerKey
	if idx.m.fuzzy {
		id = newIdentity(r.rec.Deal.Customer) // normalised once, kept with the claim
		k = id.key
	} else {
		k = NormaliseCustomer(r.rec.Deal.Customer)
	}
	n := int32(len(idx.regs))
	idx.regs = append(idx.regs, indexed{id: r.rec.ID, key: k, lines: normLines(r.rec.Deal.ProductLines), claim: c,
		won: !c.open && r.rec.State == Won, reg: i})
	if idx.m.fuzzy {
		keys := id.blockKeys()
		bkeys := make([]int32, 0, len(keys))
		for _, b := range keys {
			k, ok := idx.blockID[b]
			if !ok {
				k = int32(len(idx.blocks))
				idx.blockID[b] = k
				idx.blocks = append(idx.blocks, nil)
				idx.tokKey = append(idx.tokKey, b[0] == 't')
			}
			idx.blocks[k] = append(idx.blocks[k], n)
			bkeys = append(bkeys, k)
		}
		slices.Sort(bkeys)
		idx.regs[n].ident, idx.regs[n].bkeys = id, bkeys
		return
	}
	if k.Name != "" {
		nk := bucketKey{k.Country, k.Name}
		idx.byName[nk] = append(idx.byName[nk], n)
	}
	if k.Domain != "" {
		dk := bucketKey{k.Country, k.Domain}
		idx.byDom[dk] = append(idx.byDom[dk], n)
	}
}

// Len returns the number of registrations indexed.
func (idx Index) Len() int { return len(idx.regs) }

// normLine is the comparable form of a product line: trimmed, lower case.
func normLine(l string) string { return strings.ToLower(strings.TrimSpace(l)) }

func normLines(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if l = normLine(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// overlap returns the common product lines of two sorted sets; a nil set
// (no product lines given) overlaps everything.
func overlap(a, b []string) ([]string, bool) {
	switch {
	case a == nil && b == nil:
		return []string{}, true
	case a == nil:
		return slices.Clone(b), true
	case b == nil:
		return slices.Clone(a), true
	}
	var out []string
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out, len(out) > 0
}

// pairConflict reports the conflict between two indexed claims under m.
func pairConflict(a, b *indexed, m matcher) (Conflict, bool) {
	var score money.Rate
	var signals []Signal
	if m.fuzzy {
		same, exact, sig := m.compare(&a.ident, &b.ident, false)
		if !same {
			return Conflict{}, false
		}
		score, signals = reportScore(exact), sig
	} else if !a.key.SameCustomer(b.key) {
		return Conflict{}, false
	}
	from := a.claim.from
	if b.claim.from.After(from) {
		from = b.claim.from
	}
	if a.claim.endsBy(from) || b.claim.endsBy(from) {
		return Conflict{}, false
	}
	lines, ok := overlap(a.lines, b.lines)
	if !ok {
		return Conflict{}, false
	}
	c := Conflict{A: a.id, B: b.id, ProductLines: lines, From: from,
		SameName:   a.key.Name != "" && a.key.Name == b.key.Name,
		SameDomain: a.key.Domain != "" && a.key.Domain == b.key.Domain}
	if m.fuzzy {
		c.Score, c.Signals = score, append(signals, SignalProductLines)
		c.SameName = slices.Contains(signals, SignalSameName)
		c.SameDomain = slices.Contains(signals, SignalSameDomain)
	}
	switch {
	case a.claim.open && b.claim.open:
	case a.claim.open, !b.claim.open && b.claim.until.Before(a.claim.until):
		c.Until = b.claim.until
	default:
		c.Until = a.claim.until
	}
	if c.A > c.B {
		c.A, c.B = c.B, c.A
	}
	return c, true
}

// pairBlock returns the block under which Conflicts compares a and b: the
// smallest key number they share, name-token keys left out when both
// names have several tokens; -1 if none.
func (idx Index) pairBlock(a, b *indexed) int32 {
	skipTok := a.ident.multi && b.ident.multi
	x, y := a.bkeys, b.bkeys
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		case skipTok && idx.tokKey[x[i]]:
			i++
			j++
		default:
			return x[i]
		}
	}
	return -1
}

// stillHeld keeps the claims of list that still held at from.
func (idx Index) stillHeld(list []int32, from time.Time) []int32 {
	kept := list[:0]
	for _, y := range list {
		if !idx.regs[y].claim.endsBy(from) {
			kept = append(kept, y)
		}
	}
	return kept
}

func sortConflicts(cs []Conflict) {
	slices.SortFunc(cs, func(a, b Conflict) int {
		return cmp.Or(strings.Compare(a.A, b.A), strings.Compare(a.B, b.B))
	})
}

// Conflicts returns every conflicting pair among the indexed
// registrations, sorted by (A, B). Within a customer key the claims are
// swept in order of submission, each compared only with the claims still
// held when it began, so the cost is O(n log n) plus the pairs whose
// claims overlap — long histories of one customer stay cheap. The result
// does not depend on the order of the input.
func (idx Index) Conflicts() []Conflict {
	var out []Conflict
	var order, active, activeM []int32
	bySubmission := func(x, y int32) int {
		a, b := &idx.regs[x], &idx.regs[y]
		return cmp.Or(a.claim.from.Compare(b.claim.from), strings.Compare(a.id, b.id))
	}
	// sweep compares the pairs of a bucket whose claims overlap. block is
	// the bucket's blocking key under fuzzy matching (-1 otherwise): a pair
	// that shares several keys is compared under the first only.
	// In a name-token bucket two names of several tokens each are not
	// compared (they meet under their token-pair keys): such names wait in
	// activeM, seen only by names of one token.
	sweep := func(bucket []int32, skipSameName bool, block int32) {
		if len(bucket) < 2 {
			return
		}
		tok := block >= 0 && idx.tokKey[block]
		order = append(order[:0], bucket...) // buckets are shared: sort a copy
		slices.SortFunc(order, bySubmission)
		active, activeM = active[:0], activeM[:0]
		for _, x := range order {
			b := &idx.regs[x]
			active = idx.stillHeld(active, b.claim.from) // drop the claims that ended before b began
			activeM = idx.stillHeld(activeM, b.claim.from)
			cands := active
			if !b.ident.multi && len(activeM) > 0 {
				cands = append(slices.Clip(active), activeM...)
			}
			for _, y := range cands {
				a := &idx.regs[y]
				if skipSameName && a.key.Name != "" && a.key.Name == b.key.Name {
					continue // found through the name bucket already
				}
				if block >= 0 {
					if !countriesMeet(a.ident.country, b.ident.country) {
						continue // cheap: different countries never match
					}
					if idx.pairBlock(a, b) != block {
						continue // compared under another block
					}
				}
				if c, ok := pairConflict(a, b, idx.m); ok {
					out = append(out, c)
				}
			}
			if tok && b.ident.multi {
				activeM = append(activeM, x)
			} else {
				active = append(active, x)
			}
		}
	}
	if idx.m.fuzzy {
		for k, bucket := range idx.blocks {
			sweep(bucket, false, int32(k))
		}
	}
	for _, bucket := range idx.byName {
		sweep(bucket, false, -1)
	}
	for _, bucket := range idx.byDom {
		sweep(bucket, true, -1)
	}
	sortConflicts(out)
	return out
}

// ConflictsWith returns the indexed registrations that r conflicts with,
// sorted by (A, B). r is compared by its claim; a registration that has
// not claimed its deal yet (a draft about to be submitted) is taken to
// claim it from the index's instant on, so the result lists the claims
// that still held then. An indexed registration with r's ID is skipped.
func (idx Index) ConflictsWith(r Registration) []Conflict {
	c := r.claim().asOf(idx.at)
	if !c.ok {
		c = claimSpan{from: idx.at, open: true, ok: true}
	}
	me := indexed{id: r.rec.ID, key: NormaliseCustomer(r.rec.Deal.Customer), lines: normLines(r.rec.Deal.ProductLines), claim: c}
	k := me.key
	var cand []int32
	if idx.m.fuzzy {
		me.ident = newIdentity(r.rec.Deal.Customer)
		for _, b := range me.ident.blockKeys() {
			k, ok := idx.blockID[b]
			switch {
			case !ok:
			case idx.tokKey[k] && me.ident.multi:
				for _, j := range idx.blocks[k] {
					if !idx.regs[j].ident.multi {
						cand = append(cand, j)
					}
				}
			default:
				cand = append(cand, idx.blocks[k]...)
			}
		}
	}
	if k.Name != "" && idx.byName != nil {
		cand = append(cand, idx.byName[bucketKey{k.Country, k.Name}]...)
	}
	if k.Domain != "" && idx.byDom != nil {
		cand = append(cand, idx.byDom[bucketKey{k.Country, k.Domain}]...)
	}
	slices.Sort(cand)
	cand = slices.Compact(cand)
	var out []Conflict
	for _, j := range cand {
		if idx.regs[j].id == r.rec.ID {
			continue
		}
		if c, ok := pairConflict(&me, &idx.regs[j], idx.m); ok {
			out = append(out, c)
		}
	}
	sortConflicts(out)
	return out
}

// FindConflicts is NewIndex(regs, at) followed by Index.Conflicts.
func FindConflicts(regs []Registration, at time.Time) ([]Conflict, error) {
	idx, err := NewIndex(regs, at)
	if err != nil {
		return nil, err
	}
	return idx.Conflicts(), nil
}

// Exclusions lists customers on which registration gives no protection:
// those where the vendor's direct sales team is already active, and
// existing customers. Each applies only if the policy says so
// (PolicySpec.ExcludeDirectActive, PolicySpec.ExcludeExistingCustomers). A
// registration matches an excluded customer under the policy's matching
// (MatchSpec): by the SameCustomer rule under exact matching, by
// Policy.MatchCustomers under fuzzy matching ("Globex Deutschland GmbH"
// is excluded by "GLOBEX, DE").
type Exclusions struct {
	DirectActive      []Customer
	ExistingCustomers []Customer
}

// Resolution is the outcome of conflict resolution for one open
// registration.
type Resolution struct {
	ID            string
	Role          Role
	Owner         string   // the owning registration (its own ID when Role is Owner; "" when Excluded)
	ConflictsWith []string // the IDs it conflicts with, sorted
	// Share is the share of the registration discount it keeps: 1 for the
	// owner, the policy's secondary share for a secondary, 0 when
	// excluded.
	Share money.Rate
	// Discount is Registration.DiscountRate(p) × Share, exact.
	Discount money.Rate
	// Reason says why it got its role; Explain writes it as a sentence
	// with the owner's ID.
	Reason ResolutionReason
}

// Equal reports whether two resolutions are the same.
func (r Resolution) Equal(o Resolution) bool {
	return r.ID == o.ID && r.Role == o.Role && r.Owner == o.Owner &&
		slices.Equal(r.ConflictsWith, o.ConflictsWith) && r.Share.Equal(o.Share) &&
		r.Discount.Equal(o.Discount) && r.Reason == o.Reason
}

// Explain returns the reason as a sentence naming the owner for a
// secondary, e.g. "lost to R-1, which won the deal"; otherwise
// Reason.String().
func (r Resolution) Explain() string {
	switch r.Reason {
	case LostToOwner:
		return "lost to " + r.Owner
	case LostToWinner:
		return "lost to " + r.Owner + ", which won the deal"
	case ResolutionReasonUnspecified, NoConflict, WonByFirstSubmission, WonByTierOrder, DirectSalesActive, ExistingCustomer:
		return r.Reason.String()
	default:
		return r.Reason.String()
	}
}

// Resolve decides ownership among the registrations open at time at
// (Registration.Open), under the policy's conflict rule, and returns one
// Resolution per open registration, sorted by ID.
//
// First, a registration for an excluded customer (Exclusions, as enabled
// by the policy) is Excluded. A registration that conflicts with one that
// has already won the deal (Won by at, with overlapping claims: it was
// submitted while the winner held its claim) is Secondary to the winner.
// The others are ranked by the rule — FirstSubmission: earliest
// SubmittedAt; TierOrder: highest tier in the policy's tiers, then
// earliest SubmittedAt — with ties broken by ID, and taken in that order:
// a registration that conflicts with no owner chosen so far becomes an
// Owner, otherwise it is Secondary to the best-ranked owner it conflicts
// with. Because conflicts need not be transitive (A and B share storage,
// B and C share backup), two registrations of one customer can both own
// their own product lines. Registrations that expired, were lost,
// withdrawn or rejected no longer claim anything and do not count. The
// result does not depend on the order of regs.
//
// Errors: those of NewIndex, and a *FieldError matching ErrPolicyPart when
// p lacks the conflicts or protection part (the discount).
func Resolve(regs []Registration, excl Exclusions, at time.Time, p Policy) ([]Resolution, error) {
	if err := p.need(PartConflicts, PartProtection); err != nil {
		return nil, err
	}
	idx, err := newIndex(regs, at, p.match)
	if err != nil {
		return nil, err
	}
	adj := idx.liveConflicts()
	out, outPos, order := idx.classify(regs, adj, excl, p)
	idx.rank(regs, order, p)
	idx.assign(regs, adj, order, out, outPos, p)
	slices.SortFunc(out, func(a, b Resolution) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// liveConflicts returns the conflict graph of the live claims, as
// adjacency lists over idx.regs: only live claims compete, and a won deal
// blocks the live claims that overlapped it.
func (idx Index) liveConflicts() [][]int32 {
	n := len(idx.regs)
	adj := make([][]int32, n)
	pos := make(map[string]int32, n)
	for i, r := range idx.regs {
		pos[r.id] = int32(i)
	}
	for _, c := range idx.Conflicts() {
		a, b := pos[c.A], pos[c.B]
		ra, rb := &idx.regs[a], &idx.regs[b]
		if (ra.claim.open || ra.won) && (rb.claim.open || rb.won) && (ra.claim.open || rb.claim.open) {
			adj[a] = append(adj[a], b)
			adj[b] = append(adj[b], a)
		}
	}
	return adj
}

// classify starts a Resolution for every open registration, settles the
// excluded ones, and returns the candidates for ownership (won
// registrations included, which hold their deals already) in index order.
// outPos maps an idx.regs position to its Resolution in out.
func (idx Index) classify(regs []Registration, adj [][]int32, excl Exclusions, p Policy) (out []Resolution, outPos, order []int32) {
	n := len(idx.regs)
	direct := newExclusionSet(excl.DirectActive, p.spec.ExcludeDirectActive, p.match)
	existing := newExclusionSet(excl.ExistingCustomers, p.spec.ExcludeExistingCustomers, p.match)
	out = make([]Resolution, 0, n)
	outPos = make([]int32, n)
	order = make([]int32, 0, n)
	one := money.RateFromFraction(decimalOne())
	for i, ir := range idx.regs {
		switch {
		case ir.won:
			order = append(order, int32(i))
			continue
		case !ir.claim.open:
			continue
		}
		res := Resolution{ID: ir.id}
		for _, j := range adj[i] {
			res.ConflictsWith = append(res.ConflictsWith, idx.regs[j].id)
		}
		slices.Sort(res.ConflictsWith)
		switch {
		case direct.matches(&idx.regs[i]):
			res.Role, res.Reason = Excluded, DirectSalesActive
		case existing.matches(&idx.regs[i]):
			res.Role, res.Reason = Excluded, ExistingCustomer
		default:
			order = append(order, int32(i))
			res.Share, res.Discount = one, regs[ir.reg].discountRate(p)
		}
		outPos[i] = int32(len(out))
		out = append(out, res)
	}
	return out, outPos, order
}

// rank sorts the candidates: won registrations first (they already hold
// their deals), registrations approved as secondary last, then by the
// conflict rule (TierOrder: highest tier first),
// the earliest submission and the ID.
func (idx Index) rank(regs []Registration, order []int32, p Policy) {
	type sortKey struct {
		won       bool
		secondary bool // approved as secondary (Registration.SecondaryTo)
		rank      int
		submitted time.Time
		id        string
	}
	// Precomputed, so that comparisons do not copy registrations.
	keys := make([]sortKey, len(idx.regs))
	for _, i := range order {
		ir := idx.regs[i]
		reg := &regs[ir.reg]
		keys[i] = sortKey{won: ir.won, secondary: reg.rec.SecondaryTo != "", submitted: reg.rec.SubmittedAt, id: ir.id}
		if p.spec.ConflictRule == TierOrder {
			keys[i].rank = p.tierRank(reg.rec.Registrant.Tier)
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		ka, kb := &keys[a], &keys[b]
		if ka.won != kb.won {
			if ka.won {
				return -1
			}
			return 1
		}
		if ka.secondary != kb.secondary {
			if kb.secondary {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(kb.rank, ka.rank), ka.submitted.Compare(kb.submitted), strings.Compare(ka.id, kb.id))
	})
}

// assign takes the ranked candidates in order: one that conflicts with no
// owner chosen so far becomes an Owner, otherwise it is Secondary to the
// best-ranked owner it conflicts with.
func (idx Index) assign(regs []Registration, adj [][]int32, order []int32, out []Resolution, outPos []int32, p Policy) {
	n := len(idx.regs)
	owner := make([]bool, n)
	opos := make([]int, n)
	for k, i := range order {
		opos[i] = k
	}
	for _, i := range order {
		best := int32(-1)
		for _, j := range adj[i] {
			if owner[j] && (best < 0 || opos[j] < opos[best]) {
				best = j
			}
		}
		if idx.regs[i].won {
			owner[i] = true
			continue
		}
		res := &out[outPos[i]]
		if best < 0 {
			owner[i] = true
			res.Role, res.Owner = Owner, res.ID
			switch {
			case len(adj[i]) == 0:
				res.Reason = NoConflict
			case p.spec.ConflictRule == TierOrder:
				res.Reason = WonByTierOrder
			default:
				res.Reason = WonByFirstSubmission
			}
			continue
		}
		res.Role, res.Owner = Secondary, idx.regs[best].id
		res.Share = p.spec.SecondaryShare
		res.Discount = regs[idx.regs[i].reg].discountRate(p).Mul(p.spec.SecondaryShare)
		res.Reason = LostToOwner
		if idx.regs[best].won {
			res.Reason = LostToWinner
		}
	}
}

// exclusionSet holds the excluded customers of one kind, matched under
// the policy's matching: by exact key, or under fuzzy matching by
// Policy.MatchCustomers over the customers sharing a blocking key.
type exclusionSet struct {
	m       matcher
	names   map[bucketKey]bool // exact
	domains map[bucketKey]bool // exact
	idents  []identity         // fuzzy
	blocks  map[string][]int32 // fuzzy
}

func newExclusionSet(cs []Customer, enabled bool, m matcher) exclusionSet {
	s := exclusionSet{m: m}
	if !enabled {
		return s
	}
	if m.fuzzy {
		s.blocks = make(map[string][]int32, 2*len(cs))
		for _, c := range cs {
			id := newIdentity(c)
			n := int32(len(s.idents))
			s.idents = append(s.idents, id)
			for _, b := range id.blockKeys() {
				s.blocks[b] = append(s.blocks[b], n)
			}
		}
		return s
	}
	s.names, s.domains = map[bucketKey]bool{}, map[bucketKey]bool{}
	for _, c := range cs {
		k := NormaliseCustomer(c)
		if k.Name != "" {
			s.names[bucketKey{k.Country, k.Name}] = true
		}
		if k.Domain != "" {
			s.domains[bucketKey{k.Country, k.Domain}] = true
		}
	}
	return s
}

// matches reports whether the indexed registration's customer is one of
// the set.
func (s exclusionSet) matches(ir *indexed) bool {
	if s.m.fuzzy {
		for _, b := range ir.ident.blockKeys() {
			for _, j := range s.blocks[b] {
				if same, _, _ := s.m.compare(&s.idents[j], &ir.ident, false); same {
					return true
				}
			}
		}
		return false
	}
	k := ir.key
	return k.Name != "" && s.names[bucketKey{k.Country, k.Name}] || k.Domain != "" && s.domains[bucketKey{k.Country, k.Domain}]
}
