// A main package is a program, not library code.
package main

import (
	"fmt"
	"os"
)

var verbose bool

func main() {
	fmt.Fprintln(os.Stderr, verbose, 1.5)
	panic("main")
}
