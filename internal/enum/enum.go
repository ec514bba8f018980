// Package enum is the one plumbing behind every typed-uint8 enumeration
// of the module: String, Parse, MarshalText, UnmarshalText and the shared
// enum-error content (the rejected text, the valid names, the nearest
// match).
//
// An enumeration is described by a Names string: its canonical names
// separated by single spaces, the first being the rejected zero value
// ("unspecified"). Names are constants, so no table lives in a package
// variable and nothing allocates to look a name up.
package enum

import (
	"strconv"
	"strings"

	"github.com/partnerecon/partnerecon/internal/field"
)

// Names lists an enumeration's names, space-separated, index 0 first.
type Names string

// Name returns the name of value v, or "" if v is out of range.
func (n Names) Name(v uint8) string {
	s := string(n)
	for i := uint8(0); ; i++ {
		j := strings.IndexByte(s, ' ')
		if i == v {
			if j < 0 {
				return s
			}
			return s[:j]
		}
		if j < 0 {
			return ""
		}
		s = s[j+1:]
	}
}

// Len returns the number of names, the unspecified one included.
func (n Names) Len() int { return strings.Count(string(n), " ") + 1 }

// Valid returns the accepted names: every name but the first.
func (n Names) Valid() []string {
	all := strings.Split(string(n), " ")
	return all[1:]
}

// String returns the name of v, or "label(v)" for a value out of range.
func (n Names) String(label string, v uint8) string {
	if s := n.Name(v); s != "" {
		return s
	}
	return label + "(" + strconv.Itoa(int(v)) + ")"
}

// IsValid reports whether v names a value other than the zero value.
func (n Names) IsValid(v uint8) bool { return v > 0 && int(v) < n.Len() }

// Parse returns the value whose name is exactly text. The zero value's
// name is never accepted. On failure it returns the details of the
// rejection for the caller's own error type.
func (n Names) Parse(text string) (uint8, Failure) {
	s := string(n)
	if j := strings.IndexByte(s, ' '); j >= 0 {
		s = s[j+1:]
	} else {
		s = ""
	}
	for v := uint8(1); s != ""; v++ {
		j := strings.IndexByte(s, ' ')
		name := s
		if j >= 0 {
			name, s = s[:j], s[j+1:]
		} else {
			s = ""
		}
		if name == text {
			return v, Failure{}
		}
	}
	return 0, n.failure(field.Truncate(text))
}

// Marshal returns the name of v, or a Failure for the zero value and for
// values out of range.
func (n Names) Marshal(label string, v uint8) ([]byte, Failure) {
	if !n.IsValid(v) {
		return nil, n.failure(n.String(label, v))
	}
	return []byte(n.Name(v)), Failure{}
}

func (n Names) failure(input string) Failure {
	valid := n.Valid()
	return Failure{Failed: true, Input: input, Valid: valid, Suggestion: Nearest(input, valid)}
}

// Failure describes a rejected enumeration text or value.
type Failure struct {
	Failed     bool
	Input      string   // the rejected text, truncated, or "label(n)" for a value
	Valid      []string // the accepted names
	Suggestion string   // the nearest accepted name, or ""
}

// Message returns the shared enum-error sentence:
//
//	pkg: unknown label "input" (valid: a, b, c; did you mean "b"?)
func Message(pkg, label, input string, valid []string, suggestion string) string {
	var b strings.Builder
	b.WriteString(pkg)
	b.WriteString(": unknown ")
	b.WriteString(label)
	b.WriteByte(' ')
	b.WriteString(strconv.Quote(input))
	if len(valid) > 0 {
		b.WriteString(" (valid: ")
		b.WriteString(strings.Join(valid, ", "))
		if suggestion != "" {
			b.WriteString(`; did you mean `)
			b.WriteString(strconv.Quote(suggestion))
			b.WriteString("?")
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Nearest returns the candidate closest to s, or "" if none is close: a
// candidate equal to s once case, spaces, "_" and "-" are ignored, else
// the one at the smallest edit distance if that distance is at most a
// third of its length (at least 1). Ties go to the earlier candidate.
func Nearest(s string, candidates []string) string {
	norm := fold(s)
	for _, c := range candidates {
		if fold(c) == norm {
			return c
		}
	}
	best, bestD := "", -1
	for _, c := range candidates {
		d := distance(norm, fold(c))
		limit := max(len(c)/3, 1)
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', ' ':
			return -1
		}
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// distance is the Levenshtein distance between a and b, in bytes; inputs
// longer than 64 bytes are compared as such (the caller truncates).
func distance(a, b string) int {
	if len(a) > 2*field.MaxValue || len(b) > 2*field.MaxValue {
		return len(a) + len(b)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
