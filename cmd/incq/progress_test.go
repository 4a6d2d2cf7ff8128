package main

import (
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	// A load shorter than the delay shows nothing, and clears nothing.
	var b strings.Builder
	p := progress(&b, time.Hour)
	p("claims", 8192)
	p("", -1)
	if b.String() != "" {
		t.Errorf("short load wrote %q", b.String())
	}

	// A longer one rewrites one line in place, then clears it.
	b.Reset()
	p = progress(&b, 0)
	p("claims", 8192)
	p("casualties", 16384)
	p("", -1)
	want := "\r\033[Kincq: loading claims: 8192 rows" +
		"\r\033[Kincq: loading casualties: 16384 rows" +
		"\r\033[K"
	if b.String() != want {
		t.Errorf("long load wrote %q, want %q", b.String(), want)
	}
}
