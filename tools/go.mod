module github.com/partnerecon/partnerecon/tools

go 1.26.0

require (
	github.com/nishanths/exhaustive v0.17.1 // indirect
	golang.org/x/tools v0.52.0 // indirect
	honnef.co/go/tools v0.8.2 // indirect
)
