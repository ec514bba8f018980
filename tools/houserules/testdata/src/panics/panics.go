package panics

import "errors"

func Parse(s string) int {
	if s == "" {
		panic("empty") // want `houserules: panic in library code`
	}
	return len(s)
}

func Closure() func() {
	return func() { panic(errors.New("x")) } // want `houserules: panic in library code`
}

// MustParse is for literals in tests and examples.
func MustParse(s string) int {
	if s == "" {
		panic("empty")
	}
	return len(s)
}

type P struct{}

func (P) MustGet() int {
	defer func() { panic("in closure inside a Must method") }()
	return 0
}

func Unreachable(k int) int {
	switch k {
	case 0:
		return 1
	}
	panic("unreachable") //lint:allow panic exhaustive switch above, kept for the compiler
}
