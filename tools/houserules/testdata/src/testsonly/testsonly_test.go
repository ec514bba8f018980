package testsonly

import (
	"fmt"
	"os"
	"testing"
	"time"
)

var start = time.Now()

func TestAdd(t *testing.T) {
	if Add(1, 2) != 3 {
		panic(fmt.Sprint(os.Args, start, 1.5*float64(Add(1, 1))))
	}
	fmt.Println("ok")
}
