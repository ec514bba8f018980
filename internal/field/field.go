// Package field holds the one field-error convention every package of the
// module shares: paths are JSON Pointers (RFC 6901) into the package's JSON
// form, offending values are truncated and quoted, and messages read
// "pkg: /path = "value": reason".
//
// Each package keeps its own exported error type (tier.SpecError,
// incentive.PlanError, …) with the fields Path, Value and Err and a
// FieldPath method; this package only builds the paths and the message, so
// that every type prints the same way.
package field

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxValue is the number of bytes of an offending value an error keeps;
// longer values are cut at a rune boundary and end in "…".
const MaxValue = 64

// Path is a JSON Pointer (RFC 6901). The empty Path is the whole document.
type Path string

// Key returns p extended by the object member name, escaped ("~" as "~0",
// "/" as "~1").
func (p Path) Key(name string) Path {
	if strings.ContainsAny(name, "~/") {
		name = strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
	}
	return p + "/" + Path(name)
}

// Index returns p extended by the array index i.
func (p Path) Index(i int) Path { return p + "/" + Path(strconv.Itoa(i)) }

// String returns the pointer text.
func (p Path) String() string { return string(p) }

// At builds a pointer from member names (strings) and array indices
// (ints), e.g. At("tiers", 2, "rate") is "/tiers/2/rate". Tokens of any
// other type are ignored: callers pass only strings and ints.
func At(tokens ...any) string {
	var p Path
	for _, t := range tokens {
		switch v := t.(type) {
		case string:
			p = p.Key(v)
		case int:
			p = p.Index(v)
		}
	}
	return string(p)
}

// Valid reports whether s is a syntactically valid JSON Pointer: empty, or
// a sequence of "/"-prefixed reference tokens in which every "~" is
// followed by "0" or "1".
func Valid(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != '/' || !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '~' && (i+1 == len(s) || (s[i+1] != '0' && s[i+1] != '1')) {
			return false
		}
	}
	return true
}

// Truncate returns s cut to at most MaxValue bytes at a rune boundary,
// followed by "…" when it was cut.
func Truncate(s string) string {
	if len(s) <= MaxValue {
		return s
	}
	cut := MaxValue
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Reason returns err's message without a leading "pkg: ", so that a
// wrapped sentinel does not repeat its package's name.
func Reason(pkg string, err error) string {
	if err == nil {
		return "invalid"
	}
	return strings.TrimPrefix(err.Error(), pkg+": ")
}

// Message formats the shared field-error sentence:
//
//	pkg: /path: reason
//	pkg: /path = "value": reason
//
// The root path (the whole document) is omitted, since "/" would name the
// member "": "pkg: reason".
func Message(pkg, path, value string, err error) string {
	var b strings.Builder
	b.WriteString(pkg)
	b.WriteString(": ")
	if path != "" {
		b.WriteString(path)
		if value != "" {
			b.WriteString(" = ")
			b.WriteString(strconv.Quote(Truncate(value)))
		}
		b.WriteString(": ")
	} else if value != "" {
		b.WriteString(strconv.Quote(Truncate(value)))
		b.WriteString(": ")
	}
	b.WriteString(Reason(pkg, err))
	return b.String()
}
