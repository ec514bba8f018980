package dealreg

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"

	"github.com/partnerecon/partnerecon/internal/enum"
)

// Limits of fuzzy customer matching: longer inputs are cut, so that the
// cost of one comparison is bounded whatever the data.
const (
	MaxNameTokens = 16 // name tokens compared per name variant
	MaxTokenRunes = 64 // runes compared per token
)

// NormaliseCountry returns the ISO 3166-1 alpha-2 code of s, which may be
// an alpha-2 code, an alpha-3 code or an English name ("DE", "deu",
// "Germany", "Federal Republic of Germany", "Côte d'Ivoire"); case,
// accents, spaces and punctuation are ignored, and "UK" is read as "GB".
// A blank s is "" (no country given). Anything else is a *FieldError
// matching ErrInvalidField whose message names the nearest country, by
// edit distance over the English names, if one is close. The table is generated from the ISO 3166-1
// data of the iso-codes project (see countries_gen.go for the release);
// nothing is looked up at run time.
func NormaliseCountry(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	if len(s) <= 128 {
		if a2 := lookupCountry(countryKey(s)); a2 != "" {
			return a2, nil
		}
	}
	return "", countryError("", s)
}

// countryError is the *FieldError at path for the unknown country s.
func countryError(path, s string) *FieldError {
	if near := nearestCountry(s); near != "" {
		return invalid(path, s, "not an ISO 3166-1 country code or English name; did you mean %q (%s)?", near, lookupCountry(countryKey(near)))
	}
	return invalid(path, s, "not an ISO 3166-1 country code or English name")
}

// nearestCountry returns the English short name closest to s (enum.Nearest
// over the table's names, compared as countryKey folds them), or "".
func nearestCountry(s string) string {
	if len(s) > 64 {
		return ""
	}
	rows := strings.Split(countryTable, "|")
	keys := make([]string, len(rows))
	for i, row := range rows {
		keys[i] = countryKey(row[7:]) // "DE DEU Germany"
	}
	near := enum.Nearest(countryKey(s), keys)
	if near == "" {
		return ""
	}
	return rows[slices.Index(keys, near)][7:]
}

// countryKey folds a country text for lookupCountry: compatibility
// decomposition, accents dropped, ASCII letters and digits upper-cased,
// everything else dropped ("Côte d'Ivoire" is "COTEDIVOIRE").
func countryKey(s string) string {
	if !isASCII(s) {
		s = norm.NFKD.String(s)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, c-'a'+'A')
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}

// RegistrableDomain returns the registrable domain of s (the public suffix
// plus one label, from the public-suffix list of golang.org/x/net/publicsuffix)
// after NormaliseDomain: "https://mail.Acme.de/x" and "www.acme.de" are both
// "acme.de", "shop.acme.co.uk" is "acme.co.uk". A host that is itself a
// public suffix, an IP address or not a domain is returned as
// NormaliseDomain gives it.
//
// It is idempotent: normalising and reducing repeat until nothing changes
// (each step keeps a suffix of the text, so this ends).
func RegistrableDomain(s string) string {
	for {
		d := NormaliseDomain(s)
		if d != "" && len(d) <= 253 {
			if r, err := publicsuffix.EffectiveTLDPlusOne(d); err == nil {
				d = r
			}
		}
		if d == s {
			return d
		}
		s = d
	}
}

// NameVariants returns the comparable forms of a company name used by
// fuzzy matching, sorted and without duplicates: NormaliseName's form
// with "ß" as "ss", "æ" as "ae", "ø" as "o", and so on (the folded form,
// "müller" as "muller"), and the transliterated form in which "ä", "ö" and
// "ü" are written "ae", "oe" and "ue" and "å" and "ø" "aa" and "oe" ("müller"
// as "mueller"). In both, geographic qualifiers and generic words that say
// nothing about who the company is — a country's English name, a few
// common endonyms ("deutschland", "schweiz", …), "international",
// "group", "holding", "the" — are removed while another word remains, so
// that "Acme Deutschland GmbH" and "ACME GmbH" are both "acme". A name
// without letters or digits has no variant.
func NameVariants(name string) []string {
	var out []string
	for _, translit := range []bool{false, true} {
		if v := strings.Join(nameTokens(name, translit), " "); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nameTokens returns the tokens of one variant of a name, qualifiers
// removed (see NameVariants), at most MaxNameTokens of at most
// MaxTokenRunes runes each.
func nameTokens(name string, translit bool) []string {
	norm := NormaliseName(joinSlashForms(foldLetters(name, translit)))
	var content []string
	for {
		// Removing a qualifier can leave a legal form last ("Acme GmbH
		// Deutschland"): strip again until nothing changes.
		toks := strings.Fields(norm)
		content = toks[:0:0]
		for _, t := range toks {
			if !isQualifier(t) {
				content = append(content, t)
			}
		}
		if len(content) == 0 {
			content = toks
		}
		joined := strings.Join(content, " ")
		next := NormaliseName(joined)
		if next == joined {
			break
		}
		norm = next
	}
	if len(content) > MaxNameTokens {
		content = content[:MaxNameTokens]
	}
	for i, t := range content {
		if r := []rune(t); len(r) > MaxTokenRunes {
			content[i] = string(r[:MaxTokenRunes])
		}
	}
	return content
}

// foldLetters writes the letters that compatibility decomposition does not
// reduce to ASCII in ASCII ("ß" as "ss"), and with translit the German and
// Nordic vowels as their two-letter transliterations ("ü" as "ue").
func foldLetters(s string, translit bool) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		lr := unicode.ToLower(r)
		if translit {
			switch lr {
			case 'ä':
				b.WriteString("ae")
				continue
			case 'ö', 'ø':
				b.WriteString("oe")
				continue
			case 'ü':
				b.WriteString("ue")
				continue
			case 'å':
				b.WriteString("aa")
				continue
			}
		}
		switch lr {
		case 'ß':
			b.WriteString("ss")
		case 'æ':
			b.WriteString("ae")
		case 'œ':
			b.WriteString("oe")
		case 'ø':
			b.WriteString("o")
		case 'ł':
			b.WriteString("l")
		case 'đ', 'ð':
			b.WriteString("d")
		case 'þ':
			b.WriteString("th")
		case 'ı':
			b.WriteString("i")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// joinSlashForms drops the slash of a legal form written with one, a
// letter, '/' and a letter standing alone ("A/S", "I/S", "K/S"), so that
// NormaliseName sees "AS" and removes it.
func joinSlashForms(s string) string {
	letter := func(i int) bool {
		return i >= 0 && i < len(s) && (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z')
	}
	if !strings.Contains(s, "/") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '/' && letter(i-1) && letter(i+1) && !letter(i-2) && !letter(i+2) {
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// isQualifier reports whether a name token is a geographic qualifier or a
// generic word: an English country name of one word (at least four
// letters, so that codes such as "ag" or "can" stay), or one of a few
// endonyms and generic company words.
func isQualifier(tok string) bool {
	switch tok {
	case "deutschland", "osterreich", "oesterreich", "schweiz", "suisse", "svizzera", "espana", "italia",
		"nederland", "belgique", "belgie", "polska", "sverige", "norge", "danmark", "suomi", "nippon",
		"brasil", "uk", "usa", "emea", "europe", "international", "intl", "group", "holding", "holdings",
		"the":
		return true
	}
	return len(tok) >= 4 && lookupCountry(countryKey(tok)) != ""
}
