package partnerecon_test

import (
	"errors"
	"fmt"

	"github.com/partnerecon/partnerecon/capacity"
	"github.com/partnerecon/partnerecon/pricing"
	"github.com/partnerecon/partnerecon/tier"
)

// fieldOf returns the JSON Pointer of the field an error names, whichever
// package returned it: the one function a host needs to put any error
// next to the right form field.
func fieldOf(err error) (string, bool) {
	var fe interface{ FieldPath() string }
	if errors.As(err, &fe) {
		return fe.FieldPath(), true
	}
	return "", false
}

// Example_fieldPath decodes one bad document with each of three packages
// and maps every error to its field with the same function.
func Example_fieldPath() {
	_, errTier := tier.ParseSchedule([]byte(`{"mode":"incremental","boundary":"lower-inclusive",
		"tiers":[{"from":"0","rate":"2%"},{"from":"100","rate":"-1%"}]}`))
	_, errCap := capacity.ParseModel([]byte(`{"service_ratio":"1","hourly_rate":"200 USD",
		"billable_hours":"0","consultants_per_partner":"5"}`))
	_, errPricing := pricing.ParsePolicy([]byte(`{"stacking":"compund","rounding":"half-even"}`))
	for _, err := range []error{errTier, errCap, errPricing} {
		path, ok := fieldOf(err)
		fmt.Printf("%q %v\n", path, ok)
	}
	// Output:
	// "/tiers/1/rate" true
	// "/billable_hours" true
	// "/stacking" true
}
