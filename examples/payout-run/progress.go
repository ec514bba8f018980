package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// isTerminal reports whether f is a terminal — more precisely a character
// device, which is what a terminal is to the standard library; the other
// character devices (/dev/null, a serial line) do not mind a progress
// line. A file or a pipe is not one. This needs no dependency
// (golang.org/x/term or mattn/go-isatty would add golang.org/x/sys to the
// module for one test).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress writes "read N lines (P %)" over itself on a terminal, at most
// five times a second; it is silent when disabled (stderr not a terminal).
type progress struct {
	w       io.Writer
	on      bool
	size    int64 // input size in bytes, 0 if unknown
	last    time.Time
	written bool
}

// tick reports lines and bytes read so far.
func (p *progress) tick(lines, bytes int64) {
	if !p.on {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	if p.size > 0 {
		fmt.Fprintf(p.w, "\rpayout-run: read %d lines (%d %%)", lines, bytes*100/p.size)
	} else {
		fmt.Fprintf(p.w, "\rpayout-run: read %d lines", lines)
	}
	p.written = true
}

// done clears the progress line.
func (p *progress) done() {
	if p.written {
		fmt.Fprint(p.w, "\r\033[K")
		p.written = false
	}
}
