package incentive

import (
	"strings"

	"github.com/partnerecon/partnerecon/money"
)

// jsonFast reads the usual JSON Lines transaction — one flat object whose
// members are known, each once, with plain ASCII strings (no escape),
// true or false — into a transactionJSON exactly as the strict decoder
// would, without its per-line allocations: the strings are cut from one
// arena copy of the line's texts, the enum names come from small caches.
// Anything else (an escape, a number, null, an array, a non-ASCII or
// control byte, an unknown, case-variant or repeated member, trailing
// text) it declines, and the strict decoder reads the line, with its
// errors. Declining is always safe; accepting must give what the strict
// decoder gives (FuzzJSONFast checks both ways).
type jsonFast struct {
	line    transactionJSON // the line read, reused
	arena   textArena
	scratch []byte
	kinds   textCache[Kind]
	motions textCache[Motion]
	bills   textCache[Billing]
	curs    textCache[money.Currency]
	dates   dateCache
}

// amount reads the usual amount — "1200.00 USD", or "1200.00" in cur —
// with exactly its currency's places, as parseAmount would read it, from
// the caches; ok is false for anything else, which parseAmount then reads
// (with its errors).
func (f *jsonFast) amount(s string, cur money.Currency) (a money.Amount, ok bool) {
	num, code, spaced := strings.Cut(s, " ")
	if spaced {
		acur, err := f.curs.get([]byte(code), money.ParseCurrency)
		if err != nil || cur.IsValid() && acur != cur {
			return money.Amount{}, false
		}
		cur = acur
	}
	if !cur.IsValid() {
		return money.Amount{}, false
	}
	v, ok := minorUnits([]byte(num), cur.Digits())
	if !ok {
		return money.Amount{}, false
	}
	return money.FromMinor(v, cur), true
}

// jsonMember is a member the fast path reads: its bit in the set of
// members seen, and where its value goes.
type jsonMember uint8

const (
	jmID jsonMember = iota
	jmDate
	jmKind
	jmPartnerID
	jmRepID
	jmAmount
	jmMotion
	jmBilling
	jmAuthorised
	jmPartnerTier
	jmTerritory
	jmCategory
	jmSegment
	jmEvent
	jmCorrects
	jmNone
)

// jsonMemberOf returns the member named key, jmNone for any other key
// (one the fast path does not read, or no member at all).
func jsonMemberOf(key []byte) jsonMember {
	switch string(key) { // no allocation: the compiler compares in place
	case "id":
		return jmID
	case "date":
		return jmDate
	case "kind":
		return jmKind
	case "partner_id":
		return jmPartnerID
	case "rep_id":
		return jmRepID
	case "amount":
		return jmAmount
	case "motion":
		return jmMotion
	case "billing":
		return jmBilling
	case "authorised":
		return jmAuthorised
	case "partner_tier":
		return jmPartnerTier
	case "territory":
		return jmTerritory
	case "category":
		return jmCategory
	case "segment":
		return jmSegment
	case "event":
		return jmEvent
	case "corrects":
		return jmCorrects
	}
	return jmNone
}

// jsonSpace reports JSON whitespace.
func jsonSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// plainString returns the length of the string starting after an opening
// quote at b[0:], up to the closing quote, when every byte before it is
// printable ASCII other than a backslash; ok is false otherwise.
func plainString(b []byte) (n int, ok bool) {
	for i, c := range b {
		switch {
		case c == '"':
			return i, true
		case c < 0x20 || c >= 0x7f || c == '\\':
			return 0, false
		}
	}
	return 0, false
}

// read fills *j from the line b, or reports false (j is then unspecified).
func (f *jsonFast) read(b []byte, j *transactionJSON) bool {
	type span struct{ lo, hi int }
	var spans [jmNone]span
	var bools [jmNone]bool
	var seen uint32
	f.scratch = f.scratch[:0]
	i := 0
	skip := func() {
		for i < len(b) && jsonSpace(b[i]) {
			i++
		}
	}
	skip()
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i++
	skip()
	if i < len(b) && b[i] == '}' {
		i++
	} else {
		for {
			// "key"
			if i >= len(b) || b[i] != '"' {
				return false
			}
			n, ok := plainString(b[i+1:])
			if !ok {
				return false
			}
			m := jsonMemberOf(b[i+1 : i+1+n])
			if m == jmNone || seen&(1<<m) != 0 {
				return false
			}
			seen |= 1 << m
			i += n + 2
			skip()
			if i >= len(b) || b[i] != ':' {
				return false
			}
			i++
			skip()
			// the value
			switch {
			case m == jmAuthorised:
				switch {
				case len(b)-i >= 4 && string(b[i:i+4]) == "true":
					bools[m], i = true, i+4
				case len(b)-i >= 5 && string(b[i:i+5]) == "false":
					i += 5
				default:
					return false
				}
			case i < len(b) && b[i] == '"':
				n, ok := plainString(b[i+1:])
				if !ok {
					return false
				}
				spans[m] = span{len(f.scratch), len(f.scratch) + n}
				f.scratch = append(f.scratch, b[i+1:i+1+n]...)
				i += n + 2
			default:
				return false
			}
			skip()
			if i >= len(b) {
				return false
			}
			if b[i] == '}' {
				i++
				break
			}
			if b[i] != ',' {
				return false
			}
			i++
			skip()
		}
	}
	skip()
	if i != len(b) {
		return false
	}
	text := f.arena.copy(f.scratch)
	str := func(m jsonMember) string {
		s := spans[m]
		if s.lo == s.hi {
			return ""
		}
		return text[s.lo:s.hi]
	}
	*j = transactionJSON{ID: str(jmID), Date: str(jmDate), PartnerID: str(jmPartnerID), RepID: str(jmRepID),
		Amount: str(jmAmount), Authorised: bools[jmAuthorised], PartnerTier: str(jmPartnerTier),
		Territory: str(jmTerritory), Category: str(jmCategory), Segment: str(jmSegment), Event: str(jmEvent),
		Corrects: str(jmCorrects)}
	// The enums as their UnmarshalText reads them; a name it refuses is
	// left to the strict decoder, which words the error.
	enum := func(m jsonMember) []byte { return f.scratch[spans[m].lo:spans[m].hi] }
	var err error
	if seen&(1<<jmKind) != 0 {
		if j.Kind, err = f.kinds.get(enum(jmKind), unmarshalKind); err != nil {
			return false
		}
	}
	if seen&(1<<jmMotion) != 0 {
		if j.Motion, err = f.motions.get(enum(jmMotion), unmarshalMotion); err != nil {
			return false
		}
	}
	if seen&(1<<jmBilling) != 0 {
		if j.Billing, err = f.bills.get(enum(jmBilling), unmarshalBilling); err != nil {
			return false
		}
	}
	return true
}

// unmarshalKind, unmarshalMotion and unmarshalBilling read an enum name as
// the strict decoder does, through UnmarshalText.
func unmarshalKind(s string) (Kind, error) {
	var k Kind
	err := k.UnmarshalText([]byte(s))
	return k, err
}

func unmarshalMotion(s string) (Motion, error) {
	var m Motion
	err := m.UnmarshalText([]byte(s))
	return m, err
}

func unmarshalBilling(s string) (Billing, error) {
	var b Billing
	err := b.UnmarshalText([]byte(s))
	return b, err
}
