// Package other stands for a dependency with its own enum type.
package other

type Kind int

const (
	KindA Kind = iota
	KindB
	KindC
)
