package ioprint

import (
	"fmt"
	"io"
	"log" // want `houserules: import of "log" in library code`
	"os"  // want `houserules: import of "os" in library code`
)

func Bad(w io.Writer) {
	fmt.Println("hi")   // want `houserules: fmt.Println in library code`
	fmt.Fprintf(w, "x") // want `houserules: fmt.Fprintf in library code`
	var s string
	fmt.Scanln(&s)   // want `houserules: fmt.Scanln in library code`
	println("debug") // want `houserules: println in library code`
	log.Print(os.Args)
}

func Good(n int) (string, error) {
	var a, b int
	_, _ = fmt.Sscan("1 2", &a, &b)
	return fmt.Sprintf("%d", n), fmt.Errorf("ioprint: %q", "x")
}
