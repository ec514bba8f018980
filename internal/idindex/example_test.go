package idindex_test

import (
	"fmt"

	"github.com/partnerecon/partnerecon/internal/idindex"
)

// IDs are numbered in the order they are first added.
func ExampleIndex() {
	var x idindex.Index
	for _, id := range []string{"acme", "globex", "acme", "initech"} {
		n, added := x.Add(id)
		fmt.Println(id, n, added)
	}
	n, ok := x.Find("globex")
	fmt.Println(n, ok, x.Len(), x.ID(2))
	_, ok = x.Find("umbrella")
	fmt.Println(ok)
	// Output:
	// acme 0 true
	// globex 1 true
	// acme 0 false
	// initech 2 true
	// 1 true 3 initech
	// false
}

// All yields the IDs in the order of their numbers; adding an ID while
// ranging does not extend the range.
func ExampleIndex_All() {
	var x idindex.Index
	for _, id := range []string{"globex", "acme", "initech"} {
		x.Add(id)
	}
	for n, id := range x.All() {
		if n == 0 {
			x.Add("umbrella")
		}
		fmt.Println(n, id)
	}
	for n, id := range x.All() {
		if n == 1 {
			break
		}
		fmt.Println("first:", id)
	}
	fmt.Println(x.Len())
	// Output:
	// 0 globex
	// 1 acme
	// 2 initech
	// first: globex
	// 4
}
