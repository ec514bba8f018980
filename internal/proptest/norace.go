//go:build !race

package proptest

// raceBuild reports whether the tests were built with -race.
const raceBuild = false
