package global

import "errors"

type I interface{ M() }

type T struct{}

func (T) M() {}

var counter int // want `houserules: package-level var counter in library code`

var (
	cache      = map[string]int{} // want `houserules: package-level var cache in library code`
	ErrorCount int                // want `houserules: package-level var ErrorCount in library code`
)

var ErrNotFound = errors.New("global: not found")

var errInternal = errors.New("global: internal")

var _ I = T{}

var _ = errInternal

//lint:allow global read-only table built once, never written
var table = []int{1, 2, 3}

var names = []string{"a"} //lint:allow global read-only names, never written

func Use() int { return counter + len(cache) + ErrorCount + len(table) + len(names) }
