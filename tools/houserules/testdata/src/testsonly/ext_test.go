package testsonly_test

import "fmt"

var Float = 1.5

func Example() { fmt.Println(Float) }
