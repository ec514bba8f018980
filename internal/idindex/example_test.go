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
