package csvsafe_test

import (
	"fmt"
	"os"

	"github.com/partnerecon/partnerecon/internal/csvsafe"
)

// A component ID authored as a formula is written as quoted text starting
// with a single quote; the negative amount stays a number; the
// right-to-left override in the partner ID is shown as \u202E.
func ExampleWriter() {
	w := csvsafe.NewWriter(os.Stdout)
	_ = w.Write([]string{"recipient", "component", "amount"})
	_ = w.Write([]string{"partner:acme\u202Egpj.exe", "=SUM(A1)", "-12.50"})
	if err := w.Flush(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// recipient,component,amount
	// partner:acme\u202Egpj.exe,"'=SUM(A1)",-12.50
}

func ExampleCell() {
	for _, s := range []string{"-12.50", "-2+3", "@SUM(A1)", "tab\there"} {
		fmt.Printf("%q\n", csvsafe.Cell(s))
	}
	// Output:
	// "-12.50"
	// "'-2+3"
	// "'@SUM(A1)"
	// "tab\\u0009here"
}

func ExampleIsNumber() {
	fmt.Println(csvsafe.IsNumber("-12.50"), csvsafe.IsNumber("-2+3"), csvsafe.IsNumber("1e5"))
	// Output: true false false
}
