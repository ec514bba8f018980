// Package demo is under examples/, so it is not library code.
package demo

import (
	"fmt"
	"os"
	"time"
)

var started = time.Now()

func Run() float64 {
	fmt.Fprintln(os.Stdout, started)
	panic("demo")
}
